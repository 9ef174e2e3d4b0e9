/* parser.c - greedy arc-hybrid dependency parser (see parser.h). */
#include "parser.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/hash.h"
#include "core/mem.h"

/* ------------------------------------------------------------------ */
/* constants */

enum { T_SHIFT = 0, T_LEFT = 1, T_RIGHT = 2, NTRANS = 3, TROW = 4 };
enum { MAX_LABELS = 63, LABEL_LEN = 32 };
enum { NTF_MAX = 112, NLF_MAX = 32 };
#define FEATSET_ID 0x20261123u /* changes whenever the templates change */

#define K0 0x9e3779b97f4a7c15ULL
#define K1 0xbf58476d1ce4e5b9ULL
#define K2 0x94d049bb133111ebULL

/* ------------------------------------------------------------------ */
/* model */

struct tc_parser {
    unsigned tbits, lbits;
    unsigned nlabels, lrow;             /* labels 1..nlabels; lrow = padded row */
    char labels[MAX_LABELS + 1][LABEL_LEN];
    /* pseudo-projective labels "d\xe2\x86\x91h" (see lift_tables): lbase = id of d,
     * lwant = id of h; 0 for plain labels; nlift = how many */
    unsigned char lbase[MAX_LABELS + 1], lwant[MAX_LABELS + 1];
    unsigned nlift;
    float tscale, lscale;
    uint32_t lexcap;                    /* power of two; 0 = no lexicon */
    uint64_t *lex;                      /* known word hashes (0 = empty slot) */
    unsigned wbytes;                    /* weight size: 2 (int16, file version 1) or 1 */
    int16_t *tw;                        /* (1<<tbits) * TROW (wbytes 2) */
    int16_t *lw;                        /* (1<<lbits) * lrow (wbytes 2) */
    int8_t *tw8, *lw8;                  /* the same with wbytes 1 (file version 2) */
    void *blob;                         /* loaded file (owns lex/tw/lw) or NULL */
};

/* ------------------------------------------------------------------ */
/* workspace / state */

struct tc_parser_ws {
    int cap;
    int n, none, sp, b;
    int *stack, *bufmap, *head, *lab, *lc1, *lc2, *rc1, *rc2, *nl, *nr;
    uint64_t *lset, *rset, *W, *P, *WP, *U;
    /* gold (training / oracle) */
    int *gh, *gl, *nkids, *kids_done;
    /* deprojectivisation scratch */
    int *pbase, *pwant, *porder, *pq;
};

tc_parser_ws *tc_parser_ws_new(void)
{
    tc_parser_ws *ws = tc_calloc(1, sizeof *ws);
    return ws;
}

static void ws_release(tc_parser_ws *ws)
{
    int **ia[] = {&ws->stack, &ws->bufmap, &ws->head, &ws->lab, &ws->lc1, &ws->lc2, &ws->rc1,
                  &ws->rc2, &ws->nl, &ws->nr, &ws->gh, &ws->gl, &ws->nkids, &ws->kids_done,
                  &ws->pbase, &ws->pwant, &ws->porder, &ws->pq};
    for (size_t i = 0; i < sizeof ia / sizeof ia[0]; i++) {
        tc_free(*ia[i]);
        *ia[i] = NULL;
    }
    uint64_t **ua[] = {&ws->lset, &ws->rset, &ws->W, &ws->P, &ws->WP, &ws->U};
    for (size_t i = 0; i < sizeof ua / sizeof ua[0]; i++) {
        tc_free(*ua[i]);
        *ua[i] = NULL;
    }
    ws->cap = 0;
}

void tc_parser_ws_free(tc_parser_ws **ws)
{
    if (!ws || !*ws) return;
    ws_release(*ws);
    tc_free(*ws);
    *ws = NULL;
}

static tc_status ws_reserve(tc_parser_ws *ws, int n)
{
    int need = n + 8;
    if (need <= ws->cap) return TC_OK;
    int cap = ws->cap ? ws->cap : 64;
    while (cap < need) {
        if (cap > INT_MAX / 2) return TC_ELIMIT;
        cap *= 2;
    }
    ws_release(ws);
    size_t c = (size_t)cap;
    int **ia[] = {&ws->stack, &ws->bufmap, &ws->head, &ws->lab, &ws->lc1, &ws->lc2, &ws->rc1,
                  &ws->rc2, &ws->nl, &ws->nr, &ws->gh, &ws->gl, &ws->nkids, &ws->kids_done,
                  &ws->pbase, &ws->pwant, &ws->porder, &ws->pq};
    for (size_t i = 0; i < sizeof ia / sizeof ia[0]; i++) {
        *ia[i] = tc_calloc(c, sizeof(int));
        if (!*ia[i]) {
            ws_release(ws);
            return TC_ENOMEM;
        }
    }
    uint64_t **ua[] = {&ws->lset, &ws->rset, &ws->W, &ws->P, &ws->WP, &ws->U};
    for (size_t i = 0; i < sizeof ua / sizeof ua[0]; i++) {
        *ua[i] = tc_calloc(c, sizeof(uint64_t));
        if (!*ua[i]) {
            ws_release(ws);
            return TC_ENOMEM;
        }
    }
    ws->cap = cap;
    return TC_OK;
}

/* ------------------------------------------------------------------ */
/* atoms */

static uint64_t str_hash(const char *s, uint64_t seed)
{
    if (!s) s = "_";
    return tc_hash_bytes(s, strlen(s), seed);
}

/* Normalised word: ASCII lower case, digits -> '0'. */
static uint64_t word_hash(const char *form, size_t *len_out)
{
    char buf[64];
    size_t n = 0;
    if (!form) form = "_";
    for (const char *c = form; *c && n < sizeof buf; c++) {
        unsigned char ch = (unsigned char)*c;
        if (ch >= 'A' && ch <= 'Z') ch = (unsigned char)(ch + 32);
        else if (ch >= '0' && ch <= '9') ch = '0';
        buf[n++] = (char)ch;
    }
    *len_out = n;
    uint64_t h = tc_hash_bytes(buf, n, 0x51);
    return h ? h : 1;
}

static uint64_t unk_hash(const char *form, size_t nlen)
{
    /* unknown word: class by its last three bytes (lower-cased) */
    char suf[8] = "<u>";
    size_t flen = form ? strlen(form) : 0;
    (void)nlen;
    size_t k = flen < 3 ? flen : 3;
    for (size_t i = 0; i < k; i++) {
        unsigned char ch = (unsigned char)form[flen - k + i];
        if (ch >= 'A' && ch <= 'Z') ch = (unsigned char)(ch + 32);
        else if (ch >= '0' && ch <= '9') ch = '0';
        suf[3 + i] = (char)ch;
    }
    return tc_hash_bytes(suf, 3 + k, 0x77);
}

static int lex_has(const tc_parser *p, uint64_t h)
{
    if (!p->lexcap) return 0;
    uint32_t mask = p->lexcap - 1;
    uint32_t i = (uint32_t)(h >> 20) & mask;
    for (;;) {
        uint64_t v = p->lex[i];
        if (v == h) return 1;
        if (!v) return 0;
        i = (i + 1) & mask;
    }
}

static uint64_t tag_hash(const tc_token *t)
{
    uint64_t h = str_hash(t->upos, 0x1234);
    return tc_hash_mix(h ^ str_hash(t->xpos, 0x4321));
}

/* Fill the per-sentence state for s (n words). */
static tc_status state_init(const tc_parser *p, tc_parser_ws *ws, const tc_sentence *s)
{
    int n = (int)s->ntok;
    tc_status st = ws_reserve(ws, n);
    if (st != TC_OK) return st;
    ws->n = n;
    ws->none = n + 1;
    ws->sp = 0;
    ws->b = 1;
    int none = n + 1;
    for (int i = 0; i <= n + 1; i++) {
        ws->head[i] = -1;
        ws->lab[i] = 0;
        ws->lc1[i] = ws->lc2[i] = ws->rc1[i] = ws->rc2[i] = none;
        ws->nl[i] = ws->nr[i] = 0;
        ws->lset[i] = ws->rset[i] = 0;
    }
    for (int k = 1; k <= n; k++) ws->bufmap[k] = k;
    ws->bufmap[n + 1] = 0;
    ws->bufmap[n + 2] = none;
    ws->bufmap[n + 3] = none;
    ws->bufmap[0] = none;
    /* atoms */
    ws->W[0] = 0x1111111111111111ULL;
    ws->P[0] = 0x2222222222222222ULL;
    ws->W[none] = 0x3333333333333333ULL;
    ws->P[none] = 0x4444444444444444ULL;
    ws->U[0] = 0x5555555555555555ULL;
    ws->U[none] = 0x6666666666666666ULL;
    for (int i = 1; i <= n; i++) {
        const tc_token *t = &s->tok[i - 1];
        size_t nlen;
        uint64_t w = word_hash(t->form, &nlen);
        if (p && !lex_has(p, w)) w = unk_hash(t->form, nlen);
        ws->W[i] = w;
        ws->P[i] = tag_hash(t);
        ws->U[i] = str_hash(t->upos, 0x999);
    }
    for (int i = 0; i <= n + 1; i++) ws->WP[i] = tc_hash_mix(ws->W[i] * K1 ^ ws->P[i]);
    return TC_OK;
}

static inline uint64_t small(int v) { return (uint64_t)(v + 7) * K2; }

static inline int dist_bucket(int d)
{
    if (d <= 0) return 0;
    if (d <= 4) return d;
    if (d <= 6) return 5;
    if (d <= 9) return 6;
    return 7;
}

#define H1(t, a) ((((uint64_t)(t) * K0) ^ (a)) * K1)
#define H2(t, a, b) (((H1(t, a)) ^ (b)) * K1)
#define H3(t, a, b, c) (((H2(t, a, b)) ^ (c)) * K1)

/* Transition features: fills keys[], returns count. */
static int trans_feats(const tc_parser_ws *ws, uint64_t *k)
{
    const uint64_t *W = ws->W, *P = ws->P, *WP = ws->WP;
    int none = ws->none, sp = ws->sp, n = ws->n;
    int S0 = sp > 0 ? ws->stack[sp - 1] : none;
    int S1 = sp > 1 ? ws->stack[sp - 2] : none;
    int S2 = sp > 2 ? ws->stack[sp - 3] : none;
    int N0 = ws->bufmap[ws->b], N1 = ws->bufmap[ws->b + 1], N2 = ws->bufmap[ws->b + 2];
    int S0l1 = ws->lc1[S0], S0l2 = ws->lc2[S0], S0r1 = ws->rc1[S0], S0r2 = ws->rc2[S0];
    int N0l1 = ws->lc1[N0], N0l2 = ws->lc2[N0], S1r1 = ws->rc1[S1];
    int npos = ws->b; /* position of N0 (n+1 for the root) */
    int d = (S0 != none && ws->b <= n + 1) ? dist_bucket(npos - S0) : 0;
    int d2 = (S1 != none) ? dist_bucket(S0 - S1) : 0;
    uint64_t dv = small(d), d2v = small(d2);
    int f = 0;
    k[f++] = H1(0, 0);
    k[f++] = H1(1, W[S0]);
    k[f++] = H1(2, P[S0]);
    k[f++] = H1(3, WP[S0]);
    k[f++] = H1(4, W[N0]);
    k[f++] = H1(5, P[N0]);
    k[f++] = H1(6, WP[N0]);
    k[f++] = H1(7, W[N1]);
    k[f++] = H1(8, P[N1]);
    k[f++] = H1(9, WP[N1]);
    k[f++] = H1(10, W[N2]);
    k[f++] = H1(11, P[N2]);
    k[f++] = H1(12, WP[N2]);
    k[f++] = H1(13, W[S1]);
    k[f++] = H1(14, P[S1]);
    k[f++] = H1(15, WP[S1]);
    k[f++] = H1(16, P[S2]);
    k[f++] = H1(17, W[S2]);
    /* pairs */
    k[f++] = H2(18, WP[S0], WP[N0]);
    k[f++] = H2(19, WP[S0], W[N0]);
    k[f++] = H2(20, W[S0], WP[N0]);
    k[f++] = H2(21, WP[S0], P[N0]);
    k[f++] = H2(22, P[S0], WP[N0]);
    k[f++] = H2(23, W[S0], W[N0]);
    k[f++] = H2(24, P[S0], P[N0]);
    k[f++] = H2(25, P[N0], P[N1]);
    k[f++] = H2(26, WP[S1], WP[S0]);
    k[f++] = H2(27, W[S1], W[S0]);
    k[f++] = H2(28, P[S1], P[S0]);
    k[f++] = H2(29, WP[S1], P[S0]);
    k[f++] = H2(30, P[S1], WP[S0]);
    k[f++] = H2(31, W[S1], W[N0]);
    k[f++] = H2(32, P[S1], P[N0]);
    /* trigrams */
    k[f++] = H3(33, P[N0], P[N1], P[N2]);
    k[f++] = H3(34, P[S0], P[N0], P[N1]);
    k[f++] = H3(35, P[S1], P[S0], P[N0]);
    k[f++] = H3(36, P[S0], P[S0l1], P[N0]);
    k[f++] = H3(37, P[S0], P[S0r1], P[N0]);
    k[f++] = H3(38, P[S0], P[N0], P[N0l1]);
    k[f++] = H3(39, P[S2], P[S1], P[S0]);
    k[f++] = H3(40, P[S1], P[S1r1], P[S0]);
    k[f++] = H3(41, W[S0], P[N0], P[N1]);
    k[f++] = H3(42, P[S0], W[N0], P[N1]);
    /* distance */
    k[f++] = H2(43, dv, W[S0]);
    k[f++] = H2(44, dv, P[S0]);
    k[f++] = H2(45, dv, W[N0]);
    k[f++] = H2(46, dv, P[N0]);
    k[f++] = H3(47, dv, W[S0], W[N0]);
    k[f++] = H3(48, dv, P[S0], P[N0]);
    k[f++] = H3(49, d2v, P[S1], P[S0]);
    k[f++] = H3(50, d2v, W[S1], W[S0]);
    /* valency */
    k[f++] = H2(51, small(ws->nl[S0]), W[S0]);
    k[f++] = H2(52, small(ws->nl[S0]), P[S0]);
    k[f++] = H2(53, small(ws->nr[S0]), W[S0]);
    k[f++] = H2(54, small(ws->nr[S0]), P[S0]);
    k[f++] = H2(55, small(ws->nl[N0]), W[N0]);
    k[f++] = H2(56, small(ws->nl[N0]), P[N0]);
    k[f++] = H2(57, small(ws->nr[S1]), P[S1]);
    /* children */
    k[f++] = H1(58, W[S0l1]);
    k[f++] = H1(59, P[S0l1]);
    k[f++] = H1(60, small(ws->lab[S0l1]));
    k[f++] = H1(61, W[S0r1]);
    k[f++] = H1(62, P[S0r1]);
    k[f++] = H1(63, small(ws->lab[S0r1]));
    k[f++] = H1(64, W[N0l1]);
    k[f++] = H1(65, P[N0l1]);
    k[f++] = H1(66, small(ws->lab[N0l1]));
    k[f++] = H1(67, P[S1r1]);
    k[f++] = H1(68, small(ws->lab[S1r1]));
    k[f++] = H1(69, W[S0l2]);
    k[f++] = H1(70, P[S0l2]);
    k[f++] = H1(71, small(ws->lab[S0l2]));
    k[f++] = H1(72, W[S0r2]);
    k[f++] = H1(73, P[S0r2]);
    k[f++] = H1(74, small(ws->lab[S0r2]));
    k[f++] = H1(75, W[N0l2]);
    k[f++] = H1(76, P[N0l2]);
    k[f++] = H1(77, small(ws->lab[N0l2]));
    k[f++] = H3(78, P[S0], P[S0l1], P[S0l2]);
    k[f++] = H3(79, P[S0], P[S0r1], P[S0r2]);
    k[f++] = H3(80, P[N0], P[N0l1], P[N0l2]);
    /* label sets */
    k[f++] = H2(81, ws->lset[S0] * K2, W[S0]);
    k[f++] = H2(82, ws->lset[S0] * K2, P[S0]);
    k[f++] = H2(83, ws->rset[S0] * K2, W[S0]);
    k[f++] = H2(84, ws->rset[S0] * K2, P[S0]);
    k[f++] = H2(85, ws->lset[N0] * K2, W[N0]);
    k[f++] = H2(86, ws->lset[N0] * K2, P[N0]);
    k[f++] = H2(87, ws->rset[S1] * K2, P[S1]);
    /* child labels with the pair */
    k[f++] = H3(88, P[S0], P[N0], small(ws->lab[S0l1] * 64 + ws->lab[S0r1]));
    k[f++] = H3(89, P[S0], P[N0], small(ws->lab[N0l1]));
    /* surface neighbours: the word after S0 and the word before N0 */
    int S0n = (S0 >= 1 && S0 <= n) ? S0 + 1 : none;
    int N0p = (N0 >= 2 && N0 <= n) ? N0 - 1 : none;
    k[f++] = H1(90, P[S0n]);
    k[f++] = H1(91, W[S0n]);
    k[f++] = H1(92, P[N0p]);
    k[f++] = H1(93, W[N0p]);
    k[f++] = H3(94, P[S0], P[S0n], P[N0]);
    k[f++] = H3(95, P[N0p], P[N0], P[S0]);
    k[f++] = H3(96, W[S0], P[S0n], P[N0]);
    k[f++] = H3(97, P[S0], P[N0p], W[N0]);
    /* coarse tags (UPOS only): robust to XPOS errors */
    const uint64_t *U = ws->U;
    k[f++] = H2(98, U[S0], U[N0]);
    k[f++] = H3(99, U[S0], U[N0], U[N1]);
    k[f++] = H3(100, U[S1], U[S0], U[N0]);
    k[f++] = H2(101, W[S0], U[N0]);
    k[f++] = H2(102, U[S0], W[N0]);
    k[f++] = H3(103, dv, U[S0], U[N0]);
    return f;
}

/* Label features for the arc h -> dep in direction dir (0 left arc, 1 right). */
static int label_feats(const tc_parser_ws *ws, int h, int dep, int other, int dir, uint64_t *k)
{
    const uint64_t *W = ws->W, *P = ws->P, *WP = ws->WP;
    int none = ws->none, n = ws->n;
    int hpos = h == 0 ? n + 1 : h;
    int dist = dist_bucket(hpos > dep ? hpos - dep : dep - hpos);
    int dm = dep - 1; /* 0 = root = sentence start */
    int dp = dep + 1; /* n+1 = none = sentence end */
    int hm = h == 0 ? none : h - 1, hp = h == 0 ? none : h + 1;
    uint64_t dv = small(dist + 8 * dir);
    uint64_t t0 = (uint64_t)dir * 1000;
    int f = 0;
    k[f++] = H1(t0 + 0, 0);
    k[f++] = H1(t0 + 1, W[dep]);
    k[f++] = H1(t0 + 2, P[dep]);
    k[f++] = H1(t0 + 3, WP[dep]);
    k[f++] = H1(t0 + 4, W[h]);
    k[f++] = H1(t0 + 5, P[h]);
    k[f++] = H1(t0 + 6, WP[h]);
    k[f++] = H2(t0 + 7, P[h], P[dep]);
    k[f++] = H2(t0 + 8, W[h], P[dep]);
    k[f++] = H2(t0 + 9, P[h], W[dep]);
    k[f++] = H2(t0 + 10, W[h], W[dep]);
    k[f++] = H3(t0 + 11, dv, P[h], P[dep]);
    k[f++] = H2(t0 + 12, P[dep], ws->lset[dep] * K2);
    k[f++] = H2(t0 + 13, P[dep], ws->rset[dep] * K2);
    k[f++] = H2(t0 + 14, P[h], ws->lset[h] * K2);
    k[f++] = H2(t0 + 15, P[h], ws->rset[h] * K2);
    k[f++] = H2(t0 + 16, P[dep], small(ws->lab[ws->lc1[dep]]));
    k[f++] = H2(t0 + 17, P[dep], small(ws->lab[ws->rc1[dep]]));
    k[f++] = H3(t0 + 18, P[dep], small(ws->nl[dep]), small(ws->nr[dep]));
    k[f++] = H3(t0 + 19, P[dep], P[dm], P[dp]);
    k[f++] = H3(t0 + 20, P[h], P[dep], P[other]);
    k[f++] = H3(t0 + 21, P[h], P[hm], P[hp]);
    k[f++] = H3(t0 + 22, W[dep], P[h], ws->lset[h] * K2);
    k[f++] = H3(t0 + 23, WP[dep], W[h], dv);
    k[f++] = H2(t0 + 24, W[dep], P[ws->lc1[dep]]);
    k[f++] = H2(t0 + 25, P[dep], W[ws->lc1[dep]]);
    k[f++] = H2(t0 + 26, W[dp], P[dep]);
    k[f++] = H3(t0 + 27, P[dep], P[h], small(ws->lab[ws->lc1[h]]));
    return f;
}

static inline void to_index(uint64_t *k, int nf, unsigned bits)
{
    for (int i = 0; i < nf; i++) k[i] = k[i] >> (64 - bits);
}

/* ------------------------------------------------------------------ */
/* transitions */

static inline int legal_mask(const tc_parser_ws *ws)
{
    int n = ws->n, m = 0;
    if (ws->b <= n) m |= 1 << T_SHIFT;
    if (ws->sp >= 1 && (ws->b <= n || ws->sp == 1)) m |= 1 << T_LEFT;
    if (ws->sp >= 2) m |= 1 << T_RIGHT;
    return m;
}

static inline void add_arc(tc_parser_ws *ws, int h, int d, int l)
{
    ws->head[d] = h;
    ws->lab[d] = l;
    uint64_t bit = 1ULL << (l & 63);
    if (h == 0 || d < h) {
        ws->lc2[h] = ws->lc1[h];
        ws->lc1[h] = d;
        ws->nl[h]++;
        ws->lset[h] |= bit;
    } else {
        ws->rc2[h] = ws->rc1[h];
        ws->rc1[h] = d;
        ws->nr[h]++;
        ws->rset[h] |= bit;
    }
}

/* Head and dependent of an arc transition. */
static inline void arc_of(const tc_parser_ws *ws, int t, int *h, int *d)
{
    *d = ws->stack[ws->sp - 1];
    *h = t == T_LEFT ? ws->bufmap[ws->b] : ws->stack[ws->sp - 2];
}

static inline void apply(tc_parser_ws *ws, int t, int label)
{
    if (t == T_SHIFT) {
        ws->stack[ws->sp++] = ws->b++;
        return;
    }
    int h, d;
    arc_of(ws, t, &h, &d);
    ws->sp--;
    add_arc(ws, h, d, label);
}

static inline int in_buffer(const tc_parser_ws *ws, int x)
{
    return x == 0 || (x >= ws->b && x <= ws->n);
}

/* Dynamic oracle cost of transition t (must be legal); gold heads in ws->gh. */
static int trans_cost(const tc_parser_ws *ws, int t)
{
    const int *gh = ws->gh;
    int n = ws->n, sp = ws->sp, c = 0;
    if (t == T_SHIFT) {
        int b = ws->b;
        for (int i = 0; i < sp; i++) {
            int s = ws->stack[i];
            if (gh[s] == b) c++;
            if (i < sp - 1 && gh[b] == s) c++;
        }
        return c;
    }
    int s0 = ws->stack[sp - 1];
    for (int d = ws->b; d <= n; d++)
        if (gh[d] == s0) c++;
    int g = gh[s0];
    if (t == T_LEFT) {
        int h = ws->bufmap[ws->b];
        if (g != h && ((sp >= 2 && g == ws->stack[sp - 2]) || in_buffer(ws, g))) c++;
    } else {
        if (in_buffer(ws, g)) c++;
    }
    return c;
}

/* ------------------------------------------------------------------ */
/* scoring with the quantised model */

static inline void score_trans(const tc_parser *p, const uint64_t *idx, int nf, int32_t *sc)
{
    int32_t a = 0, b = 0, c = 0;
    if (p->wbytes == 1) {
        for (int i = 0; i < nf; i++) {
            const int8_t *r = p->tw8 + idx[i] * TROW;
            a += r[0];
            b += r[1];
            c += r[2];
        }
        sc[0] = a;
        sc[1] = b;
        sc[2] = c;
        return;
    }
    const int16_t *tw = p->tw;
    for (int i = 0; i < nf; i++) {
        const int16_t *r = tw + idx[i] * TROW;
        a += r[0];
        b += r[1];
        c += r[2];
    }
    sc[0] = a;
    sc[1] = b;
    sc[2] = c;
}

#if defined(__GNUC__)
typedef int16_t v16s __attribute__((vector_size(32)));
typedef int32_t v16i __attribute__((vector_size(64)));
typedef int8_t v16c __attribute__((vector_size(16)));
#endif

/* Label scores with int8 weights: int16 lanes suffice, |sum| <= NLF_MAX * 127. */
static void label_acc8(const tc_parser *p, const uint64_t *idx, int nf, int32_t *acc)
{
    unsigned L = p->lrow;
#if defined(__GNUC__)
    if (L == 64) {
        v16s a0 = {0}, a1 = {0}, a2 = {0}, a3 = {0};
        for (int i = 0; i < nf; i++) {
            const int8_t *r = p->lw8 + idx[i] * 64;
            v16c r0, r1, r2, r3;
            memcpy(&r0, r, 16);
            memcpy(&r1, r + 16, 16);
            memcpy(&r2, r + 32, 16);
            memcpy(&r3, r + 48, 16);
            a0 += __builtin_convertvector(r0, v16s);
            a1 += __builtin_convertvector(r1, v16s);
            a2 += __builtin_convertvector(r2, v16s);
            a3 += __builtin_convertvector(r3, v16s);
        }
        int16_t s16[64];
        memcpy(s16, &a0, 32);
        memcpy(s16 + 16, &a1, 32);
        memcpy(s16 + 32, &a2, 32);
        memcpy(s16 + 48, &a3, 32);
        for (int j = 0; j < 64; j++) acc[j] = s16[j];
        return;
    }
#endif
    memset(acc, 0, 64 * sizeof *acc);
    for (int i = 0; i < nf; i++) {
        const int8_t *r = p->lw8 + idx[i] * L;
        for (unsigned j = 0; j < L; j++) acc[j] += r[j];
    }
}

static int best_label(const tc_parser *p, const uint64_t *idx, int nf)
{
    int32_t acc[64];
    unsigned L = p->lrow;
    if (p->wbytes == 1) {
        label_acc8(p, idx, nf, acc);
    } else
#if defined(__GNUC__)
    if (L == 64) {
        v16i a0 = {0}, a1 = {0}, a2 = {0}, a3 = {0};
        for (int i = 0; i < nf; i++) {
            const int16_t *r = p->lw + idx[i] * 64;
            v16s r0, r1, r2, r3;
            memcpy(&r0, r, 32);
            memcpy(&r1, r + 16, 32);
            memcpy(&r2, r + 32, 32);
            memcpy(&r3, r + 48, 32);
            a0 += __builtin_convertvector(r0, v16i);
            a1 += __builtin_convertvector(r1, v16i);
            a2 += __builtin_convertvector(r2, v16i);
            a3 += __builtin_convertvector(r3, v16i);
        }
        memcpy(acc, &a0, 64);
        memcpy(acc + 16, &a1, 64);
        memcpy(acc + 32, &a2, 64);
        memcpy(acc + 48, &a3, 64);
    } else
#endif
    {
        memset(acc, 0, sizeof acc);
        for (int i = 0; i < nf; i++) {
            const int16_t *r = p->lw + idx[i] * L;
            for (unsigned j = 0; j < L; j++) acc[j] += r[j];
        }
    }
    int best = 1;
    for (unsigned j = 2; j <= p->nlabels; j++)
        if (acc[j] > acc[best]) best = (int)j;
    return best;
}

/* Parse with the state in ws (already initialised); results in ws->head/lab. */
static void parse_state(const tc_parser *p, tc_parser_ws *ws)
{
    uint64_t k[NTF_MAX];
    uint64_t lk[NLF_MAX];
    for (;;) {
        int m = legal_mask(ws);
        if (!m) break;
        int t;
        if ((m & (m - 1)) == 0) {
            t = m == 1 ? T_SHIFT : (m == 2 ? T_LEFT : T_RIGHT);
        } else {
            int nf = trans_feats(ws, k);
            to_index(k, nf, p->tbits);
            int32_t sc[3];
            score_trans(p, k, nf, sc);
            t = -1;
            for (int j = 0; j < NTRANS; j++)
                if ((m >> j & 1) && (t < 0 || sc[j] > sc[t])) t = j;
        }
        int label = 0;
        if (t != T_SHIFT) {
            int h, d;
            arc_of(ws, t, &h, &d);
            int other = t == T_LEFT ? (ws->sp > 1 ? ws->stack[ws->sp - 2] : ws->none)
                                    : ws->bufmap[ws->b];
            int nf = label_feats(ws, h, d, other, t == T_RIGHT, lk);
            to_index(lk, nf, p->lbits);
            label = p->nlabels ? best_label(p, lk, nf) : 0;
        }
        apply(ws, t, label);
    }
}

/* ------------------------------------------------------------------ */
/* pseudo-projective parsing (Nivre & Nilsson 2005, the "head" encoding) */

#define LIFT_MARK "\xe2\x86\x91" /* U+2191 UPWARDS ARROW: "d<mark>h" */

/* Deprojectivise words 1..n: head[d] (0 = root) and, for a word lifted in training,
 * want[d] = the label id of its original head (0 = not lifted); base[x] = the plain label
 * id of word x.  Each lifted word, taken top-down (breadth-first from the root, left to
 * right), is attached to the first word labelled want[d] in a breadth-first, left-to-right
 * search of its current head's subtree that skips d's own subtree (so no cycle can form);
 * if there is none it stays.  order and q: n + 1 ints of scratch.  Returns the number of
 * words re-attached. */
static int deproj_core(int n, int *head, const int *base, const int *want, int *order, int *q)
{
    int no = 0, moved = 0;
    for (int j = 1; j <= n; j++)
        if (head[j] <= 0 || head[j] > n) order[no++] = j;
    for (int k = 0; k < no; k++)
        for (int j = 1; j <= n; j++)
            if (head[j] == order[k]) order[no++] = j;
    for (int k = 0; k < no; k++) {
        int d = order[k], h = head[d];
        if (!want[d] || h <= 0 || h > n) continue;
        int qh = 0, qt = 0, found = 0;
        q[qt++] = h;
        while (qh < qt && !found) {
            int x = q[qh++];
            for (int j = 1; j <= n; j++) {
                if (head[j] != x || j == d) continue;
                if (base[j] == want[d]) {
                    found = j;
                    break;
                }
                q[qt++] = j;
            }
        }
        if (found) {
            head[d] = found;
            moved++;
        }
    }
    return moved;
}

/* Deprojectivise the parse in ws (labels with a lift mark become plain). */
static void deproj_ws(const tc_parser *p, tc_parser_ws *ws)
{
    int n = ws->n, any = 0;
    for (int i = 1; i <= n; i++) any |= p->lwant[ws->lab[i] & MAX_LABELS];
    if (!any) return;
    for (int i = 1; i <= n; i++) {
        int l = ws->lab[i] & MAX_LABELS, w = p->lwant[l];
        ws->pwant[i] = w;
        ws->pbase[i] = w ? p->lbase[l] : l;
    }
    deproj_core(n, ws->head, ws->pbase, ws->pwant, ws->porder, ws->pq);
    for (int i = 1; i <= n; i++) ws->lab[i] = ws->pbase[i];
}

tc_status tc_parser_parse(const tc_parser *p, tc_parser_ws *ws, tc_sentence *s)
{
    if (!p || !ws || !s) return TC_EINVAL;
    if (s->ntok == 0) return TC_OK;
    if (s->ntok > (1u << 24)) return TC_ELIMIT;
    tc_status st = state_init(p, ws, s);
    if (st != TC_OK) return st;
    parse_state(p, ws);
    if (p->nlift) deproj_ws(p, ws);
    for (uint32_t i = 0; i < s->ntok; i++) {
        tc_token *t = &s->tok[i];
        int h = ws->head[i + 1];
        int l = ws->lab[i + 1];
        t->head = h < 0 ? 0 : h;
        t->deprel_id = (uint16_t)l;
        t->deprel = (l > 0 && (unsigned)l <= p->nlabels) ? p->labels[l] : "dep";
    }
    return tc_parser_fix_punct(ws, s);
}

tc_status tc_parser_parse_doc(const tc_parser *p, tc_parser_ws *ws, tc_doc *doc)
{
    if (!doc) return TC_EINVAL;
    for (uint32_t i = 0; i < doc->nsent; i++) {
        tc_status st = tc_parser_parse(p, ws, &doc->sent[i]);
        if (st != TC_OK) return st;
    }
    return TC_OK;
}

/* ------------------------------------------------------------------ */
/* punctuation re-attachment (UD "punct" convention) */

/* A mark that delimits a phrase or clause (commas, colons, dashes, quotes and
 * brackets): those are re-attached.  Other marks (sentence-final . ! ?, hyphens
 * and slashes inside words, list and e-mail markers) keep the parser's head,
 * which on EWT dev is more often right for them than the rule. */
static int punct_kind(const char *f)
{
    static const char *const open[] = {"(", "[", "{", "``", "\xe2\x80\x9c", "\xe2\x80\x98"};
    static const char *const close[] = {")", "]", "}", "''", "\xe2\x80\x9d", "\xe2\x80\x99"};
    static const char *const sym[] = {"\"", "'"};
    static const char *const other[] = {",", ";", ":", "--", "`"};
    if (!f) return 0;
    for (size_t i = 0; i < sizeof open / sizeof open[0]; i++) {
        if (!strcmp(f, open[i])) return 10 + (int)i; /* opening mark i */
        if (!strcmp(f, close[i])) return 20 + (int)i; /* its closing mark */
    }
    for (size_t i = 0; i < sizeof sym / sizeof sym[0]; i++)
        if (!strcmp(f, sym[i])) return 30 + (int)i; /* opens or closes */
    for (size_t i = 0; i < sizeof other / sizeof other[0]; i++)
        if (!strcmp(f, other[i])) return 1;
    return 0;
}

static int is_punct_arc(const tc_token *t)
{
    return t->upos && !strcmp(t->upos, "PUNCT") && t->deprel && !strcmp(t->deprel, "punct");
}

tc_status tc_parser_fix_punct(tc_parser_ws *ws, tc_sentence *s)
{
    if (!ws || !s) return TC_EINVAL;
    int n = (int)s->ntok;
    if (n == 0) return TC_OK;
    if (s->ntok > (1u << 24)) return TC_ELIMIT;
    tc_status st = ws_reserve(ws, n);
    if (st != TC_OK) return st;
    /* scratch (1-based; the parse itself is already in s) */
    int *isp = ws->nl, *h = ws->nr, *depth = ws->lc1, *le = ws->lc2, *re = ws->rc1;
    int *prev = ws->rc2, *next = ws->gh, *order = ws->gl, *cnt = ws->nkids, *stk = ws->kids_done;
    int *kind = ws->pbase; /* punct_kind of each mark, 0 for words */
    int npunct = 0, nword = 0;
    for (int i = 1; i <= n; i++) {
        const tc_token *t = &s->tok[i - 1];
        if (t->head < 0 || t->head > n || t->head == i) return TC_OK; /* not a tree */
        isp[i] = is_punct_arc(t);
        kind[i] = isp[i] ? punct_kind(t->form) : 0;
        npunct += isp[i];
    }
    if (!npunct || npunct == n) return TC_OK;
    /* the tree without punctuation: a word whose head is a mark hangs from the
     * mark's nearest non-punctuation ancestor (a mark on the root or a cycle
     * of marks: the sentence stays as it is) */
    for (int i = 1; i <= n; i++) {
        depth[i] = -1;
        if (isp[i]) continue;
        nword++;
        int g = s->tok[i - 1].head, k = 0;
        while (g > 0 && isp[g]) {
            g = s->tok[g - 1].head;
            if (++k > n || g == 0) return TC_OK;
        }
        h[i] = g;
    }
    /* depths (0 = a root); a cycle leaves the sentence unchanged */
    for (int i = 1; i <= n; i++) {
        if (isp[i] || depth[i] >= 0) continue;
        int g = i, k = 0;
        while (h[g] > 0 && depth[g] < 0) {
            g = h[g];
            if (++k > n) return TC_OK;
        }
        int d = (depth[g] >= 0 ? depth[g] : 0) + k;
        for (g = i; depth[g] < 0; g = h[g]) depth[g] = d--;
    }
    /* subtree edges le/re (smallest/largest word of the subtree), children
     * before parents: counting sort by depth */
    for (int d = 0; d <= n; d++) cnt[d] = 0;
    for (int i = 1; i <= n; i++)
        if (!isp[i]) cnt[depth[i]]++;
    for (int d = 1; d <= n; d++) cnt[d] += cnt[d - 1];
    for (int i = n; i >= 1; i--)
        if (!isp[i]) order[--cnt[depth[i]]] = i;
    for (int i = 1; i <= n; i++) le[i] = re[i] = i;
    for (int j = nword - 1; j >= 0; j--) {
        int i = order[j], g = h[i];
        if (g <= 0) continue;
        if (le[i] < le[g]) le[g] = le[i];
        if (re[i] > re[g]) re[g] = re[i];
    }
    /* nearest words left and right of every position */
    for (int i = 1, last = 0; i <= n; i++) {
        prev[i] = last;
        if (!isp[i]) last = i;
    }
    for (int i = n, last = 0; i >= 1; i--) {
        next[i] = last;
        if (!isp[i]) last = i;
    }
    /* marks have no dependents: their words move to the marks' heads, so that
     * moving the marks cannot make a cycle */
    for (int i = 1; i <= n; i++)
        if (!isp[i]) s->tok[i - 1].head = h[i];
    /* each mark: the candidates are the ancestors of the word on its left whose
     * subtree ends just before it and the ancestors of the word on its right
     * whose subtree starts just after it (attaching to one of those keeps a
     * projective tree projective); take the highest.  Two at the same height
     * (one each side): the mark belongs to the phrase farther from their head
     * (a fronted phrase keeps the comma after it, a trailing clause takes the
     * comma before it).  Opening brackets look right only, closing ones left. */
    for (int p = 1; p <= n; p++) {
        if (!isp[p]) continue;
        int k = kind[p];
        if (!k) continue;
        int L = prev[p], R = next[p];
        int bl = 0, br = 0;
        if (L && !(k >= 10 && k < 20))
            for (int x = L; x > 0; x = h[x])
                if (re[x] == L) bl = x;
        if (R && !(k >= 20 && k < 30))
            for (int x = R; x > 0; x = h[x])
                if (le[x] == R) br = x;
        int best;
        if (!bl || !br) best = bl ? bl : br;
        else if (depth[bl] != depth[br]) best = depth[bl] < depth[br] ? bl : br;
        else best = (h[bl] > 0 && p < h[bl]) ? bl : br;
        if (best) s->tok[p - 1].head = best;
    }
    /* paired marks (quotes, brackets) enclosing a span with one head: both
     * attach to that head */
    int sp = 0;
    for (int p = 1; p <= n; p++) {
        if (!isp[p]) continue;
        int k = kind[p], o = 0;
        if (k >= 10 && k < 20) {
            stk[sp++] = p;
            continue;
        }
        if (k >= 20 && k < 30) {
            int want = k - 10;
            for (int j = sp - 1; j >= 0; j--)
                if (kind[stk[j]] == want) {
                    o = stk[j];
                    sp = j;
                    break;
                }
        } else if (k >= 30) {
            if (sp && kind[stk[sp - 1]] == k) o = stk[--sp];
            else stk[sp++] = p;
        }
        if (!o) continue;
        int top = 0, ntop = 0;
        for (int i = o + 1; i < p; i++)
            if (!isp[i] && !(h[i] > o && h[i] < p)) {
                top = i;
                ntop++;
            }
        if (ntop == 1) s->tok[o - 1].head = s->tok[p - 1].head = top;
    }
    return TC_OK;
}

size_t tc_parser_nlabels(const tc_parser *p) { return p ? p->nlabels : 0; }

const char *tc_parser_label(const tc_parser *p, size_t id)
{
    if (!p || id < 1 || id > p->nlabels) return NULL;
    return p->labels[id];
}

static int label_id(const tc_parser *p, const char *s)
{
    if (!s) return 0;
    for (unsigned i = 1; i <= p->nlabels; i++)
        if (!strcmp(p->labels[i], s)) return (int)i;
    return 0;
}

static int gold_ok(const tc_sentence *s)
{
    for (uint32_t i = 0; i < s->ntok; i++) {
        int h = s->tok[i].head;
        if (h < 0 || h > (int)s->ntok || h == (int)i + 1) return 0;
    }
    return s->ntok > 0;
}

/* Fill lbase/lwant/nlift from the label strings "d<mark>h" (after training or loading). */
static void lift_tables(tc_parser *p)
{
    p->nlift = 0;
    memset(p->lbase, 0, sizeof p->lbase);
    memset(p->lwant, 0, sizeof p->lwant);
    for (unsigned i = 1; i <= p->nlabels; i++) {
        const char *m = strstr(p->labels[i], LIFT_MARK);
        if (!m) continue;
        char d[LABEL_LEN];
        snprintf(d, sizeof d, "%.*s", (int)(m - p->labels[i]), p->labels[i]);
        int b = label_id(p, d), w = label_id(p, m + strlen(LIFT_MARK));
        if (b <= 0 || w <= 0) continue;
        p->lbase[i] = (unsigned char)b;
        p->lwant[i] = (unsigned char)w;
        p->nlift++;
    }
}

/* 1 if the arc into d (1-based, heads h[1..n], 0 = root) is non-projective: a word
 * between d and its head that the head does not dominate. */
static int arc_nonproj(const int *h, int n, int d)
{
    int hd = h[d];
    if (hd == 0) return 0;
    int a = hd < d ? hd : d, b = hd < d ? d : hd;
    for (int j = a + 1; j < b; j++) {
        int x = j, steps = 0;
        while (x != 0 && x != hd && steps++ <= n) x = h[x];
        if (x != hd) return 1;
    }
    return 0;
}

/* Lift heads h[1..n] (a tree) until projective; orig[d] = the first head of a lifted word,
 * else -1.  Returns the number of words lifted. */
static int lift_core(int *h, int n, int *orig)
{
    int lifted = 0;
    for (int d = 1; d <= n; d++) orig[d] = -1;
    for (;;) {
        int best = 0, blen = INT_MAX;
        for (int d = 1; d <= n; d++) {
            if (h[d] == 0) continue;
            int len = h[d] < d ? d - h[d] : h[d] - d;
            if (len < blen && arc_nonproj(h, n, d)) {
                best = d;
                blen = len;
            }
        }
        if (!best) return lifted;
        if (orig[best] < 0) {
            orig[best] = h[best];
            lifted++;
        }
        h[best] = h[h[best]];
    }
}

int tc_parser_lift(tc_sentence *s, int *orig)
{
    if (!s || !gold_ok(s)) return -1;
    int n = (int)s->ntok;
    int *h = tc_malloc(((size_t)n + 1) * 2 * sizeof(int));
    if (!h) return -1;
    int *o = h + n + 1;
    h[0] = 0;
    for (int i = 1; i <= n; i++) h[i] = s->tok[i - 1].head;
    int k = lift_core(h, n, o);
    for (int i = 1; i <= n; i++) {
        s->tok[i - 1].head = h[i];
        if (orig) orig[i - 1] = o[i];
    }
    tc_free(h);
    return k;
}

int tc_parser_projectivise(tc_sentence *s, char *buf)
{
    if (!s || !buf) return -1;
    int n = (int)s->ntok;
    int *orig = tc_malloc(((size_t)n + 1) * sizeof(int));
    if (!orig) return -1;
    const char **rel = tc_malloc(((size_t)n + 1) * sizeof *rel);
    if (!rel) {
        tc_free(orig);
        return -1;
    }
    for (int i = 0; i < n; i++) rel[i] = s->tok[i].deprel ? s->tok[i].deprel : "";
    int k = tc_parser_lift(s, orig);
    for (int i = 0; k > 0 && i < n; i++) {
        if (orig[i] < 0) continue;
        char *b = buf + (size_t)i * TC_PARSER_LABEL_LEN;
        snprintf(b, TC_PARSER_LABEL_LEN, "%s" LIFT_MARK "%s", rel[i], rel[orig[i] - 1]);
        s->tok[i].deprel = b;
    }
    tc_free(rel);
    tc_free(orig);
    return k;
}

/* 1 + the index of the first word of s whose deprel, without a lift mark, is lab[0..len)
 * (0: none); such word numbers serve as label ids below. */
static int plain_label_word(const tc_sentence *s, const char *lab, size_t len)
{
    for (uint32_t j = 0; j < s->ntok; j++) {
        const char *o = s->tok[j].deprel ? s->tok[j].deprel : "";
        const char *om = strstr(o, LIFT_MARK);
        size_t ol = om ? (size_t)(om - o) : strlen(o);
        if (ol == len && !strncmp(o, lab, len)) return (int)j + 1;
    }
    return 0;
}

int tc_parser_deprojectivise(tc_sentence *s, char *buf)
{
    if (!s || !buf) return -1;
    int n = (int)s->ntok;
    for (int i = 0; i < n; i++)
        if (s->tok[i].head < 0 || s->tok[i].head > n) return -1;
    /* label ids: 1 + the index of the first word with the same plain label */
    int *a = tc_malloc(((size_t)n + 1) * 5 * sizeof(int));
    if (!a) return -1;
    int *h = a, *base = a + n + 1, *want = base + n + 1, *order = want + n + 1, *q = order + n + 1;
    size_t ml = strlen(LIFT_MARK);
    int marked = 0;
    h[0] = base[0] = want[0] = 0;
    for (int i = 1; i <= n; i++) {
        const char *r = s->tok[i - 1].deprel ? s->tok[i - 1].deprel : "";
        const char *m = strstr(r, LIFT_MARK);
        size_t bl = m ? (size_t)(m - r) : strlen(r);
        h[i] = s->tok[i - 1].head;
        base[i] = plain_label_word(s, r, bl);
        want[i] = 0;
        if (m) {
            marked++;
            const char *w = m + ml;
            want[i] = plain_label_word(s, w, strlen(w));
            if (!want[i]) want[i] = n + 1; /* no word has that label: nothing matches */
            char *b = buf + (size_t)(i - 1) * TC_PARSER_LABEL_LEN;
            snprintf(b, TC_PARSER_LABEL_LEN, "%.*s", (int)bl, r);
            s->tok[i - 1].deprel = b;
        }
    }
    deproj_core(n, h, base, want, order, q);
    for (int i = 1; i <= n; i++) s->tok[i - 1].head = h[i];
    tc_free(a);
    return marked;
}

tc_status tc_parser_score(const tc_parser *p, tc_parser_ws *ws, const tc_sentence *gold,
                          size_t n, size_t *words, size_t *uas, size_t *las)
{
    size_t w = 0, u = 0, l = 0;
    for (size_t i = 0; i < n; i++) {
        const tc_sentence *s = &gold[i];
        if (!s->ntok) continue;
        tc_status st = state_init(p, ws, s);
        if (st != TC_OK) return st;
        parse_state(p, ws);
        for (uint32_t j = 0; j < s->ntok; j++) {
            w++;
            if (ws->head[j + 1] == s->tok[j].head) {
                u++;
                int lb = ws->lab[j + 1];
                if (lb > 0 && s->tok[j].deprel && !strcmp(p->labels[lb], s->tok[j].deprel)) l++;
            }
        }
    }
    *words = w;
    *uas = u;
    *las = l;
    return TC_OK;
}

/* ------------------------------------------------------------------ */
/* oracles */

static int gold_label_count(const tc_sentence *s) { return (int)s->ntok; }

static void set_gold(tc_parser_ws *ws, const tc_sentence *s)
{
    int n = (int)s->ntok;
    for (int i = 0; i <= n + 1; i++) {
        ws->gh[i] = -2;
        ws->nkids[i] = 0;
        ws->kids_done[i] = 0;
    }
    for (int i = 1; i <= n; i++) {
        ws->gh[i] = s->tok[i - 1].head;
        ws->nkids[ws->gh[i]]++;
    }
}

int tc_parser_projective(const tc_sentence *s)
{
    if (!s || !gold_ok(s)) return 0;
    int n = (int)s->ntok;
    for (int i = 1; i <= n; i++) {
        int h = s->tok[i - 1].head;
        int a = h < i ? h : i, b = h < i ? i : h;
        if (h == 0) continue;
        for (int j = a + 1; j < b; j++) {
            /* j must be dominated by h */
            int x = j, steps = 0;
            while (x != 0 && x != h && steps++ <= n) x = s->tok[x - 1].head;
            if (x != h) return 0;
        }
    }
    /* the root word must not be covered by any arc */
    for (int i = 1; i <= n; i++) {
        if (s->tok[i - 1].head != 0) continue;
        for (int j = 1; j <= n; j++) {
            int h = s->tok[j - 1].head;
            if (h == 0) continue;
            int a = h < j ? h : j, b = h < j ? j : h;
            if (a < i && i < b) return 0;
        }
    }
    return 1;
}

tc_status tc_parser_oracle_check(const tc_sentence *s, int *reproduced, int *max_cost,
                                 int *nsteps)
{
    *reproduced = 0;
    *max_cost = 0;
    *nsteps = 0;
    if (!s || !gold_ok(s)) return TC_EINVAL;
    tc_parser_ws *ws = tc_parser_ws_new();
    if (!ws) return TC_ENOMEM;
    tc_status st = state_init(NULL, ws, s);
    if (st != TC_OK) {
        tc_parser_ws_free(&ws);
        return st;
    }
    set_gold(ws, s);
    (void)gold_label_count;
    for (;;) {
        int m = legal_mask(ws);
        if (!m) break;
        int t = -1;
        if (ws->sp >= 1) {
            int s0 = ws->stack[ws->sp - 1];
            int done = ws->kids_done[s0] == ws->nkids[s0];
            if ((m >> T_LEFT & 1) && done && ws->gh[s0] == ws->bufmap[ws->b]) t = T_LEFT;
            else if ((m >> T_RIGHT & 1) && done && ws->gh[s0] == ws->stack[ws->sp - 2])
                t = T_RIGHT;
        }
        if (t < 0) {
            if (m >> T_SHIFT & 1) t = T_SHIFT;
            else t = (m >> T_RIGHT & 1) ? T_RIGHT : T_LEFT; /* stuck: non-projective */
        }
        int c = trans_cost(ws, t);
        if (c > *max_cost) *max_cost = c;
        if (t != T_SHIFT) {
            int h, d;
            arc_of(ws, t, &h, &d);
            ws->kids_done[h]++;
        }
        apply(ws, t, 1);
        (*nsteps)++;
    }
    int ok = 1;
    for (int i = 1; i <= ws->n; i++)
        if (ws->head[i] != ws->gh[i]) ok = 0;
    *reproduced = ok;
    tc_parser_ws_free(&ws);
    return TC_OK;
}

/* ------------------------------------------------------------------ */
/* training */

typedef struct trainer {
    unsigned tbits, lbits, lrow, nlabels;
    float *tw;    /* current weights */
    double *tacc; /* sum of c * delta */
    float *lw;
    double *lacc;
    double clock;
} trainer;

static inline void tupdate(trainer *tr, const uint64_t *idx, int nf, int cls, float delta)
{
    double cd = tr->clock * delta;
    for (int i = 0; i < nf; i++) {
        size_t o = idx[i] * TROW + (size_t)cls;
        tr->tw[o] += delta;
        tr->tacc[o] += cd;
    }
}

static inline void lupdate(trainer *tr, const uint64_t *idx, int nf, int cls, float delta)
{
    double cd = tr->clock * delta;
    for (int i = 0; i < nf; i++) {
        size_t o = idx[i] * tr->lrow + (size_t)cls;
        tr->lw[o] += delta;
        tr->lacc[o] += cd;
    }
}

static uint64_t rng_next(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static double rng_unit(uint64_t *s) { return (double)(rng_next(s) >> 11) / 9007199254740992.0; }

tc_status tc_parser_oracle_explore(const tc_sentence *s, uint64_t seed, int nrandom,
                                   int *sum_cost, int *errors)
{
    *sum_cost = 0;
    *errors = 0;
    if (!s || !gold_ok(s)) return TC_EINVAL;
    tc_parser_ws *ws = tc_parser_ws_new();
    if (!ws) return TC_ENOMEM;
    tc_status st = state_init(NULL, ws, s);
    if (st != TC_OK) {
        tc_parser_ws_free(&ws);
        return st;
    }
    set_gold(ws, s);
    uint64_t rng = seed * 0x9e3779b97f4a7c15ULL + 1;
    int step = 0;
    for (;;) {
        int m = legal_mask(ws);
        if (!m) break;
        int cost[3], minc = INT_MAX, t = -1;
        for (int j = 0; j < NTRANS; j++) {
            cost[j] = (m >> j & 1) ? trans_cost(ws, j) : INT_MAX;
            if (cost[j] < minc) minc = cost[j];
        }
        if (step < nrandom) {
            /* a random legal transition */
            int legal[3], nl = 0;
            for (int j = 0; j < NTRANS; j++)
                if (m >> j & 1) legal[nl++] = j;
            t = legal[rng_next(&rng) % (uint64_t)nl];
        } else {
            for (int j = 0; j < NTRANS && t < 0; j++)
                if (cost[j] == minc) t = j;
        }
        *sum_cost += cost[t];
        apply(ws, t, 1);
        step++;
    }
    for (int i = 1; i <= ws->n; i++)
        if (ws->head[i] != ws->gh[i]) (*errors)++;
    tc_parser_ws_free(&ws);
    return TC_OK;
}

/* Averaged weights of the trainer into at / al (floats). */
static void averages(const trainer *tr, float *at, float *al)
{
    size_t nt = ((size_t)1 << tr->tbits) * TROW, nlw = ((size_t)1 << tr->lbits) * tr->lrow;
    double c = tr->clock > 0 ? tr->clock : 1;
    for (size_t i = 0; i < nt; i++) at[i] = (float)(tr->tw[i] - tr->tacc[i] / c);
    for (size_t i = 0; i < nlw; i++) al[i] = (float)(tr->lw[i] - tr->lacc[i] / c);
}

static float qscale(const float *w, size_t n, double top)
{
    double m = 0;
    for (size_t i = 0; i < n; i++) {
        double a = fabs(w[i]);
        if (a > m) m = a;
    }
    return (float)(m > 0 ? m / top : 1.0);
}

/* Quantise float weights (times mul) into p->tw / p->lw. */
static void quantise(const trainer *tr, const float *at, const float *al, float mul, tc_parser *p)
{
    size_t nt = ((size_t)1 << tr->tbits) * TROW, nlw = ((size_t)1 << tr->lbits) * tr->lrow;
    double top = p->wbytes == 1 ? 127.0 : 32767.0;
    p->tscale = qscale(at, nt, top);
    p->lscale = qscale(al, nlw, top);
    if (p->wbytes == 1) {
        for (size_t i = 0; i < nt; i++) p->tw8[i] = (int8_t)lrintf(at[i] / p->tscale);
        for (size_t i = 0; i < nlw; i++) p->lw8[i] = (int8_t)lrintf(al[i] / p->lscale);
    } else {
        for (size_t i = 0; i < nt; i++) p->tw[i] = (int16_t)lrintf(at[i] / p->tscale);
        for (size_t i = 0; i < nlw; i++) p->lw[i] = (int16_t)lrintf(al[i] / p->lscale);
    }
    p->tscale *= mul;
    p->lscale *= mul;
}

static void parser_free_parts(tc_parser *p)
{
    if (p->blob) {
        tc_free(p->blob);
    } else {
        tc_free(p->lex);
        tc_free(p->tw);
        tc_free(p->lw);
        tc_free(p->tw8);
        tc_free(p->lw8);
    }
    p->blob = NULL;
    p->lex = NULL;
    p->tw = NULL;
    p->lw = NULL;
    p->tw8 = NULL;
    p->lw8 = NULL;
}

void tc_parser_free(tc_parser **pp)
{
    if (!pp || !*pp) return;
    parser_free_parts(*pp);
    tc_free(*pp);
    *pp = NULL;
}

void tc_parser_train_opts_default(tc_parser_train_opts *o)
{
    memset(o, 0, sizeof *o);
    o->epochs = 15;
    o->patience = 4;
    o->seed = 1;
    o->explore_after = 1;
    o->explore_p = 0.9;
    o->trans_bits = 20;
    o->label_bits = 16;
    o->min_word_count = 2;
    o->mix = 1;
    o->weight_bits = 16;
}

static tc_parser *parser_alloc(unsigned tbits, unsigned lbits, unsigned lrow, unsigned wbytes)
{
    tc_parser *p = tc_calloc(1, sizeof *p);
    if (!p) return NULL;
    p->tbits = tbits;
    p->lbits = lbits;
    p->lrow = lrow;
    p->wbytes = wbytes;
    if (wbytes == 1) {
        p->tw8 = tc_calloc((size_t)1 << tbits, TROW);
        p->lw8 = tc_calloc((size_t)1 << lbits, lrow);
    } else {
        p->tw = tc_calloc((size_t)1 << tbits, TROW * sizeof(int16_t));
        p->lw = tc_calloc((size_t)1 << lbits, lrow * sizeof(int16_t));
    }
    if (wbytes == 1 ? (!p->tw8 || !p->lw8) : (!p->tw || !p->lw)) {
        tc_parser_free(&p);
        return NULL;
    }
    return p;
}


/* Build the lexicon of normalised words seen >= min times. */
static tc_status build_lexicon(tc_parser *p, const tc_sentence *train, size_t ntrain, int min)
{
    /* count with a temporary open-addressing table */
    size_t cap = 1 << 16;
    size_t total = 0;
    for (size_t i = 0; i < ntrain; i++) total += train[i].ntok;
    while (cap < total * 2 + 16) cap <<= 1;
    uint64_t *keys = tc_calloc(cap, sizeof *keys);
    uint32_t *cnt = tc_calloc(cap, sizeof *cnt);
    if (!keys || !cnt) {
        tc_free(keys);
        tc_free(cnt);
        return TC_ENOMEM;
    }
    size_t mask = cap - 1, nkeep = 0;
    for (size_t i = 0; i < ntrain; i++) {
        for (uint32_t j = 0; j < train[i].ntok; j++) {
            size_t nlen;
            uint64_t h = word_hash(train[i].tok[j].form, &nlen);
            size_t s = (size_t)(h >> 20) & mask;
            while (keys[s] && keys[s] != h) s = (s + 1) & mask;
            keys[s] = h;
            if (++cnt[s] == (uint32_t)(min > 0 ? min : 1)) nkeep++;
        }
    }
    uint32_t lc = 1024;
    while (lc < nkeep * 2 + 2) lc <<= 1;
    p->lex = tc_calloc(lc, sizeof(uint64_t));
    if (!p->lex) {
        tc_free(keys);
        tc_free(cnt);
        return TC_ENOMEM;
    }
    p->lexcap = lc;
    for (size_t s = 0; s < cap; s++) {
        if (!keys[s] || cnt[s] < (uint32_t)(min > 0 ? min : 1)) continue;
        uint32_t i = (uint32_t)(keys[s] >> 20) & (lc - 1);
        while (p->lex[i]) i = (i + 1) & (lc - 1);
        p->lex[i] = keys[s];
    }
    tc_free(keys);
    tc_free(cnt);
    return TC_OK;
}

static int intern_label(tc_parser *p, const char *s, tc_diag *diag)
{
    if (!s) s = "dep";
    int id = label_id(p, s);
    if (id) return id;
    if (p->nlabels >= MAX_LABELS || strlen(s) >= LABEL_LEN) {
        tc_diag_emit(diag, TC_LOG_WARN, NULL, 0,
                     "parser: label '%s' dropped (more than %d labels or too long)", s,
                     MAX_LABELS);
        return label_id(p, "dep") ? label_id(p, "dep") : 1;
    }
    p->nlabels++;
    snprintf(p->labels[p->nlabels], LABEL_LEN, "%s", s);
    return (int)p->nlabels;
}

/* Pseudo-projective training data: *ptrain = train with every non-projective usable tree
 * lifted (tc_parser_lift; those sentences get their own token copies).  The (d, h) pairs of
 * the lifted words (d = the word's label, h = its original head's) seen at least
 * LIFT_MIN_COUNT times get labels "d<mark>h" of their own, most frequent first, while the
 * table has room without widening the label row lrow; glab of those words is set to them
 * (the other lifted words keep d: plain lifting). */
/* Scores per label-table row for labels 1..nlabels (slot 0 unused): a multiple of 8,
 * at most 64. */
static unsigned label_row(unsigned nlabels)
{
    unsigned n1 = nlabels + 1;
    return n1 <= 32 ? (n1 + 7) & ~7u : 64;
}

enum { LIFT_MIN_COUNT = 2 };
static tc_status pseudo_projective(tc_parser *lbl, const tc_sentence *train, size_t ntrain,
                                   const size_t *use, size_t nuse, const size_t *goff,
                                   int *glab, unsigned lrow, tc_sentence **ptrain,
                                   tc_diag *diag)
{
    tc_sentence *pt = tc_calloc(ntrain ? ntrain : 1, sizeof *pt);
    if (!pt) return TC_ENOMEM;
    *ptrain = pt;
    for (size_t i = 0; i < ntrain; i++) pt[i] = train[i];
    size_t total = 0;
    for (size_t i = 0; i < ntrain; i++) total += train[i].ntok;
    /* wantl[off + j] = label id of the original head of a lifted word, else 0 */
    int *wantl = tc_calloc(total ? total : 1, sizeof *wantl);
    int *orig = NULL;
    uint32_t maxn = 0;
    for (size_t i = 0; i < ntrain; i++)
        if (train[i].ntok > maxn) maxn = train[i].ntok;
    orig = tc_calloc((size_t)maxn + 1, sizeof *orig);
    unsigned (*count)[MAX_LABELS + 1] = tc_calloc(MAX_LABELS + 1, sizeof *count);
    if (!wantl || !orig || !count) {
        tc_free(wantl);
        tc_free(orig);
        tc_free(count);
        return TC_ENOMEM;
    }
    size_t nsent = 0, nwords = 0, ncoded = 0;
    for (size_t u = 0; u < nuse; u++) {
        size_t i = use[u];
        if (tc_parser_projective(&train[i])) continue;
        tc_token *tok = tc_malloc(train[i].ntok * sizeof *tok);
        if (!tok) {
            tc_free(wantl);
            tc_free(orig);
            tc_free(count);
            return TC_ENOMEM;
        }
        memcpy(tok, train[i].tok, train[i].ntok * sizeof *tok);
        pt[i].tok = tok;
        int k = tc_parser_lift(&pt[i], orig);
        if (k <= 0) continue;
        nsent++;
        for (uint32_t j = 0; j < train[i].ntok; j++) {
            if (orig[j] < 0) continue;
            int d = glab[goff[i] + j], h = glab[goff[i] + (size_t)orig[j] - 1];
            wantl[goff[i] + j] = h;
            count[d][h]++;
            nwords++;
        }
    }
    /* encoded labels, most frequent first (ties: lower ids) */
    unsigned nplain = lbl->nlabels, ncodes = 0;
    for (;;) {
        if (lbl->nlabels >= MAX_LABELS || label_row(lbl->nlabels + 1) != lrow) break;
        unsigned bd = 0, bh = 0, bc = 0;
        for (unsigned d = 1; d <= nplain; d++)
            for (unsigned h = 1; h <= nplain; h++)
                if (count[d][h] > bc) {
                    bc = count[d][h];
                    bd = d;
                    bh = h;
                }
        if (bc < LIFT_MIN_COUNT) break;
        count[bd][bh] = 0;
        char name[2 * LABEL_LEN + 8];
        snprintf(name, sizeof name, "%s" LIFT_MARK "%s", lbl->labels[bd], lbl->labels[bh]);
        if (strlen(name) >= LABEL_LEN) continue;
        int id = intern_label(lbl, name, diag);
        ncodes++;
        for (size_t u = 0; u < nuse; u++) {
            size_t i = use[u];
            if (pt[i].tok == train[i].tok) continue;
            for (uint32_t j = 0; j < train[i].ntok; j++)
                if (wantl[goff[i] + j] == (int)bh && glab[goff[i] + j] == (int)bd) {
                    glab[goff[i] + j] = id;
                    ncoded++;
                }
        }
    }
    if (nsent)
        tc_diag_emit(diag, TC_LOG_INFO, NULL, 0,
                     "parser: %zu non-projective training trees, %zu words lifted; %u lift "
                     "labels encode %zu of them",
                     nsent, nwords, ncodes, ncoded);
    tc_free(wantl);
    tc_free(orig);
    tc_free(count);
    return TC_OK;
}

static tc_status train_sentence(trainer *tr, const tc_parser *p, tc_parser_ws *ws,
                                const tc_sentence *s, const int *glab, int explore, double ep,
                                uint64_t *rng, size_t *ncorrect, size_t *nsteps)
{
    tc_status st = state_init(p, ws, s);
    if (st != TC_OK) return st;
    set_gold(ws, s);
    for (int i = 1; i <= ws->n; i++) ws->gl[i] = glab[i - 1];
    uint64_t k[NTF_MAX], lk[NLF_MAX];
    for (;;) {
        int m = legal_mask(ws);
        if (!m) break;
        int t;
        tr->clock += 1;
        if ((m & (m - 1)) == 0) {
            t = m == 1 ? T_SHIFT : (m == 2 ? T_LEFT : T_RIGHT);
        } else {
            int nf = trans_feats(ws, k);
            to_index(k, nf, tr->tbits);
            float sc[3] = {0, 0, 0};
            for (int i = 0; i < nf; i++) {
                const float *r = tr->tw + k[i] * TROW;
                sc[0] += r[0];
                sc[1] += r[1];
                sc[2] += r[2];
            }
            int cost[3], minc = INT_MAX;
            for (int j = 0; j < NTRANS; j++) {
                cost[j] = (m >> j & 1) ? trans_cost(ws, j) : INT_MAX;
                if (cost[j] < minc) minc = cost[j];
            }
            int pred = -1, gold = -1;
            for (int j = 0; j < NTRANS; j++) {
                if (!(m >> j & 1)) continue;
                if (pred < 0 || sc[j] > sc[pred]) pred = j;
                if (cost[j] == minc && (gold < 0 || sc[j] > sc[gold])) gold = j;
            }
            (*nsteps)++;
            if (cost[pred] == minc) {
                (*ncorrect)++;
            } else {
                tupdate(tr, k, nf, gold, 1.0f);
                tupdate(tr, k, nf, pred, -1.0f);
            }
            t = (explore && rng_unit(rng) < ep) ? pred : gold;
        }
        int label = 0;
        if (t != T_SHIFT) {
            int h, d;
            arc_of(ws, t, &h, &d);
            int other = t == T_LEFT ? (ws->sp > 1 ? ws->stack[ws->sp - 2] : ws->none)
                                    : ws->bufmap[ws->b];
            int nf = label_feats(ws, h, d, other, t == T_RIGHT, lk);
            to_index(lk, nf, tr->lbits);
            float acc[64];
            memset(acc, 0, sizeof acc);
            for (int i = 0; i < nf; i++) {
                const float *r = tr->lw + lk[i] * tr->lrow;
                for (unsigned j = 0; j < tr->lrow; j++) acc[j] += r[j];
            }
            int best = 1;
            for (unsigned j = 2; j <= tr->nlabels; j++)
                if (acc[j] > acc[best]) best = (int)j;
            label = best;
            if (ws->gh[d] == h) {
                int g = ws->gl[d];
                if (best != g) {
                    lupdate(tr, lk, nf, g, 1.0f);
                    lupdate(tr, lk, nf, best, -1.0f);
                }
                label = g;
            }
        }
        apply(ws, t, label);
    }
    return TC_OK;
}

tc_status tc_parser_train(tc_parser **out, const tc_sentence *train, size_t ntrain,
                          const tc_sentence *dev, size_t ndev, const tc_parser_train_opts *opts,
                          tc_diag *diag)
{
    *out = NULL;
    tc_parser_train_opts o;
    if (opts) o = *opts;
    else tc_parser_train_opts_default(&o);
    if (o.trans_bits < 8 || o.trans_bits > 26 || o.label_bits < 6 || o.label_bits > 24)
        return TC_EINVAL;
    if (o.epochs < 1) o.epochs = 1;

    /* usable sentences and their gold labels */
    size_t *use = tc_calloc(ntrain ? ntrain : 1, sizeof *use);
    size_t total_tok = 0;
    for (size_t i = 0; i < ntrain; i++) total_tok += train[i].ntok;
    int *glab = tc_calloc(total_tok ? total_tok : 1, sizeof *glab);
    size_t *goff = tc_calloc(ntrain ? ntrain : 1, sizeof *goff);
    tc_parser *best = NULL, *cur = NULL;
    tc_sentence *ptrain = NULL; /* train with the trees lifted (projective) */
    tc_parser_ws *ws = tc_parser_ws_new();
    trainer tr;
    memset(&tr, 0, sizeof tr);
    tc_status st = TC_OK;
    if (!use || !glab || !goff || !ws) {
        st = TC_ENOMEM;
        goto done;
    }
    /* labels: intern in order of first appearance; then the model geometry */
    tc_parser lbl;
    memset(&lbl, 0, sizeof lbl);
    size_t nuse = 0, skipped = 0, off = 0;
    for (size_t i = 0; i < ntrain; i++) {
        goff[i] = off;
        if (!gold_ok(&train[i])) {
            skipped++;
            off += train[i].ntok;
            continue;
        }
        for (uint32_t j = 0; j < train[i].ntok; j++)
            glab[off + j] = intern_label(&lbl, train[i].tok[j].deprel, diag);
        off += train[i].ntok;
        use[nuse++] = i;
    }
    if (skipped)
        tc_diag_emit(diag, TC_LOG_WARN, NULL, 0,
                     "parser: %zu training sentences without a complete tree skipped", skipped);
    if (!nuse || !lbl.nlabels) {
        tc_diag_emit(diag, TC_LOG_ERROR, NULL, 0, "parser: no usable training sentences");
        st = TC_EINVAL;
        goto done;
    }
    unsigned lrow = label_row(lbl.nlabels);
    if ((st = pseudo_projective(&lbl, train, ntrain, use, nuse, goff, glab, lrow, &ptrain,
                                diag)) != TC_OK)
        goto done;
    unsigned wb = o.weight_bits == 8 ? 1 : 2;
    best = parser_alloc(o.trans_bits, o.label_bits, lrow, wb);
    cur = parser_alloc(o.trans_bits, o.label_bits, lrow, wb);
    if (!best || !cur) {
        st = TC_ENOMEM;
        goto done;
    }
    best->nlabels = cur->nlabels = lbl.nlabels;
    memcpy(best->labels, lbl.labels, sizeof lbl.labels);
    memcpy(cur->labels, lbl.labels, sizeof lbl.labels);
    lift_tables(best);
    lift_tables(cur);
    if ((st = build_lexicon(best, train, ntrain, o.min_word_count)) != TC_OK) goto done;
    cur->lexcap = best->lexcap;
    cur->lex = tc_calloc(best->lexcap, sizeof(uint64_t));
    if (!cur->lex) {
        st = TC_ENOMEM;
        goto done;
    }
    memcpy(cur->lex, best->lex, best->lexcap * sizeof(uint64_t));

    tr.tbits = o.trans_bits;
    tr.lbits = o.label_bits;
    tr.lrow = lrow;
    tr.nlabels = lbl.nlabels;
    size_t nt = ((size_t)1 << tr.tbits) * TROW, nlw = ((size_t)1 << tr.lbits) * lrow;
    tr.tw = tc_calloc(nt, sizeof(float));
    tr.tacc = tc_calloc(nt, sizeof(double));
    tr.lw = tc_calloc(nlw, sizeof(float));
    tr.lacc = tc_calloc(nlw, sizeof(double));
    if (!tr.tw || !tr.tacc || !tr.lw || !tr.lacc) {
        st = TC_ENOMEM;
        goto done;
    }

    float *avg_t = tc_calloc(nt, sizeof(float)), *avg_l = tc_calloc(nlw, sizeof(float));
    float *run_t = tc_calloc(nt, sizeof(float)), *run_l = tc_calloc(nlw, sizeof(float));
    float *sum_t = NULL, *sum_l = NULL;
    if (o.mix > 1) {
        sum_t = tc_calloc(nt, sizeof(float));
        sum_l = tc_calloc(nlw, sizeof(float));
    }
    if (!avg_t || !avg_l || !run_t || !run_l || (o.mix > 1 && (!sum_t || !sum_l))) {
        st = TC_ENOMEM;
        goto done2;
    }
    uint64_t rng = o.seed ^ 0x5eed5eed5eedULL;
    int nmix = o.mix > 1 ? o.mix : 1;
    for (int run = 0; run < nmix; run++) {
        memset(tr.tw, 0, nt * sizeof(float));
        memset(tr.tacc, 0, nt * sizeof(double));
        memset(tr.lw, 0, nlw * sizeof(float));
        memset(tr.lacc, 0, nlw * sizeof(double));
        tr.clock = 0;
        double best_las = -1;
        int since_best = 0, have_best = 0;
        for (int ep = 1; ep <= o.epochs; ep++) {
            /* Fisher-Yates shuffle */
            for (size_t i = nuse; i > 1; i--) {
                size_t j = (size_t)(rng_next(&rng) % i);
                size_t tmp = use[i - 1];
                use[i - 1] = use[j];
                use[j] = tmp;
            }
            size_t ncorrect = 0, nsteps = 0;
            int explore = ep > o.explore_after;
            for (size_t u = 0; u < nuse; u++) {
                size_t i = use[u];
                st = train_sentence(&tr, best, ws, &ptrain[i], glab + goff[i], explore,
                                    o.explore_p, &rng, &ncorrect, &nsteps);
                if (st != TC_OK) goto done2;
            }
            averages(&tr, avg_t, avg_l);
            quantise(&tr, avg_t, avg_l, 1.0f, cur);
            double uas = -1, las = -1;
            int is_best = 0;
            if (dev && ndev) {
                size_t w, cu, cl;
                if ((st = tc_parser_score(cur, ws, dev, ndev, &w, &cu, &cl)) != TC_OK)
                    goto done2;
                uas = w ? 100.0 * (double)cu / (double)w : 0;
                las = w ? 100.0 * (double)cl / (double)w : 0;
                if (las > best_las) {
                    best_las = las;
                    is_best = 1;
                }
            } else {
                is_best = 1;
            }
            if (is_best) {
                memcpy(run_t, avg_t, nt * sizeof(float));
                memcpy(run_l, avg_l, nlw * sizeof(float));
                have_best = 1;
                since_best = 0;
            } else {
                since_best++;
            }
            if (o.progress)
                o.progress(o.progress_ud, run * 1000 + ep,
                           nsteps ? 100.0 * (double)ncorrect / (double)nsteps : 0, uas, las,
                           is_best);
            if (o.patience > 0 && since_best >= o.patience) break;
        }
        if (!have_best) {
            st = TC_EINVAL;
            goto done2;
        }
        if (sum_t) {
            for (size_t i = 0; i < nt; i++) sum_t[i] += run_t[i];
            for (size_t i = 0; i < nlw; i++) sum_l[i] += run_l[i];
        }
    }
    if (sum_t) {
        quantise(&tr, sum_t, sum_l, 1.0f / (float)nmix, best);
        if (dev && ndev && o.progress) {
            size_t w, cu, cl;
            if ((st = tc_parser_score(best, ws, dev, ndev, &w, &cu, &cl)) != TC_OK) goto done2;
            o.progress(o.progress_ud, 0, 0, w ? 100.0 * (double)cu / (double)w : 0,
                       w ? 100.0 * (double)cl / (double)w : 0, 1);
        }
    } else {
        quantise(&tr, run_t, run_l, 1.0f, best);
    }

done2:
    tc_free(avg_t);
    tc_free(avg_l);
    tc_free(run_t);
    tc_free(run_l);
    tc_free(sum_t);
    tc_free(sum_l);
done:
    tc_free(tr.tw);
    tc_free(tr.tacc);
    tc_free(tr.lw);
    tc_free(tr.lacc);
    tc_free(use);
    tc_free(glab);
    tc_free(goff);
    for (size_t i = 0; ptrain && i < ntrain; i++)
        if (ptrain[i].tok != train[i].tok) tc_free(ptrain[i].tok);
    tc_free(ptrain);
    tc_parser_ws_free(&ws);
    tc_parser_free(&cur);
    if (st != TC_OK) {
        tc_parser_free(&best);
        return st;
    }
    *out = best;
    return TC_OK;
}

/* ------------------------------------------------------------------ */
/* file format
 *   0  "TCPARSE\0"          8 bytes
 *   8  u32 version
 *  12  u32 byte-order mark 0x01020304
 *  16  u32 feature-set id
 *  20  u32 tbits, u32 lbits, u32 nlabels, u32 lrow, u32 lexcap
 *  40  f32 tscale, f32 lscale
 *  48  u64 payload size (bytes after the 64-byte header, before the checksum)
 *  56  u64 reserved
 *  64  labels: 64 * 32 bytes
 *      lex: lexcap * u64
 *      tw: (1<<tbits) * 4 * i16 (version 2: i8)
 *      lw: (1<<lbits) * lrow * i16 (version 2: i8)
 *  end u64 checksum of everything before it */

static const char MAGIC[8] = {'T', 'C', 'P', 'A', 'R', 'S', 'E', 0};
enum { HDR = 64, LBL_BYTES = (MAX_LABELS + 1) * LABEL_LEN };

static uint64_t checksum(const unsigned char *d, size_t n)
{
    uint64_t h = 0x243f6a8885a308d3ULL;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t v;
        memcpy(&v, d + i, 8);
        h = (h ^ v) * 0x100000001b3ULL;
        h ^= h >> 29;
    }
    for (; i < n; i++) h = (h ^ d[i]) * 0x100000001b3ULL;
    return tc_hash_mix(h);
}

static size_t payload_size(unsigned tbits, unsigned lbits, unsigned lrow, uint32_t lexcap,
                           unsigned wb)
{
    return LBL_BYTES + (size_t)lexcap * 8 + ((size_t)1 << tbits) * TROW * wb +
           ((size_t)1 << lbits) * lrow * wb;
}

tc_status tc_parser_save(const tc_parser *p, const char *path, tc_diag *diag)
{
    if (!p || !path) return TC_EINVAL;
    size_t pay = payload_size(p->tbits, p->lbits, p->lrow, p->lexcap, p->wbytes);
    size_t total = HDR + pay + 8;
    unsigned char *buf = tc_calloc(1, total);
    if (!buf) return TC_ENOMEM;
    uint32_t u[8] = {p->wbytes == 1 ? TC_PARSER_VERSION_INT8 : TC_PARSER_VERSION, 0x01020304u,
                     FEATSET_ID, p->tbits, p->lbits,
                     p->nlabels, p->lrow, p->lexcap};
    memcpy(buf, MAGIC, 8);
    memcpy(buf + 8, u, sizeof u);
    memcpy(buf + 40, &p->tscale, 4);
    memcpy(buf + 44, &p->lscale, 4);
    uint64_t ps = pay;
    memcpy(buf + 48, &ps, 8);
    unsigned char *q = buf + HDR;
    memcpy(q, p->labels, LBL_BYTES);
    q += LBL_BYTES;
    if (p->lexcap) memcpy(q, p->lex, (size_t)p->lexcap * 8);
    q += (size_t)p->lexcap * 8;
    size_t tb = ((size_t)1 << p->tbits) * TROW * p->wbytes;
    memcpy(q, p->wbytes == 1 ? (const void *)p->tw8 : (const void *)p->tw, tb);
    q += tb;
    size_t lb = ((size_t)1 << p->lbits) * p->lrow * p->wbytes;
    memcpy(q, p->wbytes == 1 ? (const void *)p->lw8 : (const void *)p->lw, lb);
    q += lb;
    uint64_t ck = checksum(buf, HDR + pay);
    memcpy(q, &ck, 8);
    FILE *f = fopen(path, "wb");
    if (!f) {
        tc_diag_emit(diag, TC_LOG_ERROR, path, 0, "cannot write parser model");
        tc_free(buf);
        return TC_EIO;
    }
    size_t wr = fwrite(buf, 1, total, f);
    int bad = wr != total;
    if (fclose(f) != 0) bad = 1;
    tc_free(buf);
    if (bad) {
        tc_diag_emit(diag, TC_LOG_ERROR, path, 0, "write error on parser model");
        return TC_EIO;
    }
    return TC_OK;
}

/* Takes ownership of data (tc_malloc'ed, len bytes). */
static tc_status load_owned(tc_parser **out, unsigned char *data, size_t len, const char *name,
                            tc_diag *diag)
{
    *out = NULL;
    if (!name) name = "<parser model>";
    if (len < 8 || memcmp(data, MAGIC, 8) != 0) {
        tc_diag_emit(diag, TC_LOG_ERROR, name, 0,
                     len < 8 ? "truncated parser model (%zu bytes)"
                             : "not a tacitus parser model (bad magic; %zu bytes)",
                     len);
        tc_free(data);
        return len < 8 ? TC_ETRUNC : TC_EFORMAT;
    }
    if (len < HDR) {
        tc_diag_emit(diag, TC_LOG_ERROR, name, 0, "truncated parser model (%zu bytes)", len);
        tc_free(data);
        return TC_ETRUNC;
    }
    uint32_t u[8];
    memcpy(u, data + 8, sizeof u);
    if (u[1] != 0x01020304u) {
        tc_diag_emit(diag, TC_LOG_ERROR, name, 0, "parser model has the wrong byte order");
        tc_free(data);
        return TC_EFORMAT;
    }
    if ((u[0] != TC_PARSER_VERSION && u[0] != TC_PARSER_VERSION_INT8) || u[2] != FEATSET_ID) {
        tc_diag_emit(diag, TC_LOG_ERROR, name, 0,
                     "parser model version %u (feature set %08x); this build reads version %d "
                     "(%08x): retrain with 'tacitus train parser'",
                     u[0], u[2], TC_PARSER_VERSION, FEATSET_ID);
        tc_free(data);
        return TC_EVERSION;
    }
    unsigned tbits = u[3], lbits = u[4], nlabels = u[5], lrow = u[6];
    uint32_t lexcap = u[7];
    if (tbits < 8 || tbits > 26 || lbits < 6 || lbits > 24 || nlabels > MAX_LABELS ||
        lrow > 64 || lrow < nlabels + 1 || (lexcap & (lexcap - 1)) || lexcap > (1u << 28)) {
        tc_diag_emit(diag, TC_LOG_ERROR, name, 0, "corrupt parser model header");
        tc_free(data);
        return TC_EFORMAT;
    }
    unsigned wb = u[0] == TC_PARSER_VERSION_INT8 ? 1 : 2;
    size_t pay = payload_size(tbits, lbits, lrow, lexcap, wb);
    uint64_t ps;
    memcpy(&ps, data + 48, 8);
    if (ps != pay) {
        tc_diag_emit(diag, TC_LOG_ERROR, name, 0, "corrupt parser model header");
        tc_free(data);
        return TC_EFORMAT;
    }
    if (len < HDR + pay + 8) {
        tc_diag_emit(diag, TC_LOG_ERROR, name, 0,
                     "truncated parser model (%zu bytes, expected %zu)", len, HDR + pay + 8);
        tc_free(data);
        return TC_ETRUNC;
    }
    if (len > HDR + pay + 8) {
        tc_diag_emit(diag, TC_LOG_ERROR, name, 0,
                     "parser model has %zu trailing bytes", len - (HDR + pay + 8));
        tc_free(data);
        return TC_EFORMAT;
    }
    uint64_t ck;
    memcpy(&ck, data + HDR + pay, 8);
    if (ck != checksum(data, HDR + pay)) {
        tc_diag_emit(diag, TC_LOG_ERROR, name, 0, "parser model checksum mismatch (corrupt)");
        tc_free(data);
        return TC_EFORMAT;
    }
    tc_parser *p = tc_calloc(1, sizeof *p);
    if (!p) {
        tc_free(data);
        return TC_ENOMEM;
    }
    p->blob = data;
    p->tbits = tbits;
    p->lbits = lbits;
    p->nlabels = nlabels;
    p->lrow = lrow;
    p->lexcap = lexcap;
    memcpy(&p->tscale, data + 40, 4);
    memcpy(&p->lscale, data + 44, 4);
    unsigned char *q = data + HDR;
    memcpy(p->labels, q, LBL_BYTES);
    for (unsigned i = 0; i <= MAX_LABELS; i++) p->labels[i][LABEL_LEN - 1] = 0;
    lift_tables(p);
    q += LBL_BYTES;
    p->lex = (uint64_t *)(void *)q;
    q += (size_t)lexcap * 8;
    p->wbytes = wb;
    if (wb == 1) {
        p->tw8 = (int8_t *)(void *)q;
        q += ((size_t)1 << tbits) * TROW;
        p->lw8 = (int8_t *)(void *)q;
    } else {
        p->tw = (int16_t *)(void *)q;
        q += ((size_t)1 << tbits) * TROW * 2;
        p->lw = (int16_t *)(void *)q;
    }
    if (p->lexcap) {
        /* the lexicon must have an empty slot or lookups could spin */
        int empty = 0;
        for (uint32_t i = 0; i < p->lexcap && !empty; i++) empty = p->lex[i] == 0;
        if (!empty) p->lexcap = 0;
    }
    *out = p;
    return TC_OK;
}

tc_status tc_parser_load_mem(tc_parser **out, const void *data, size_t len, const char *name,
                             tc_diag *diag)
{
    *out = NULL;
    unsigned char *copy = tc_malloc(len ? len : 1);
    if (!copy) return TC_ENOMEM;
    if (len) memcpy(copy, data, len);
    return load_owned(out, copy, len, name, diag);
}

tc_status tc_parser_load(tc_parser **out, const char *path, tc_diag *diag)
{
    *out = NULL;
    if (!path) return TC_EINVAL;
    FILE *f = fopen(path, "rb");
    if (!f) {
        tc_diag_emit(diag, TC_LOG_ERROR, path, 0, "cannot open parser model");
        return TC_EIO;
    }
    long sz = -1;
    if (fseek(f, 0, SEEK_END) == 0) sz = ftell(f);
    if (sz < 0 || fseek(f, 0, SEEK_SET) != 0) {
        fclose(f);
        tc_diag_emit(diag, TC_LOG_ERROR, path, 0, "cannot read parser model");
        return TC_EIO;
    }
    unsigned char *data = tc_malloc((size_t)sz + 1);
    if (!data) {
        fclose(f);
        return TC_ENOMEM;
    }
    tc_mem_hint_huge(data, (size_t)sz + 1);
    size_t rd = fread(data, 1, (size_t)sz, f);
    fclose(f);
    if (rd != (size_t)sz) {
        tc_free(data);
        tc_diag_emit(diag, TC_LOG_ERROR, path, 0, "cannot read parser model");
        return TC_EIO;
    }
    return load_owned(out, data, rd, path, diag);
}
