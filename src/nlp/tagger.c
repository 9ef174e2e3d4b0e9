/* tagger.c - averaged-perceptron UPOS/XPOS/FEATS tagger: features, model file, training. */
#include "tagger.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/hash.h"

const char *const tc_tagger_upos_names[TC_UPOS_COUNT] = {
    "ADJ",  "ADP",  "ADV",   "AUX",   "CCONJ", "DET",  "INTJ", "NOUN", "NUM",
    "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM",  "VERB", "X"};

enum { U_ADJ, U_ADP, U_ADV, U_AUX, U_CCONJ, U_DET, U_INTJ, U_NOUN, U_NUM, U_PART, U_PRON, U_PROPN,
       U_PUNCT, U_SCONJ, U_SYM, U_VERB, U_X };

int tc_tagger_upos_index(const char *u)
{
    if (!u) return -1;
    for (int i = 0; i < TC_UPOS_COUNT; i++)
        if (strcmp(u, tc_tagger_upos_names[i]) == 0) return i;
    return -1;
}

/* ---------------------------------------------------------------- ufeats */

static const char *const UNIV_FEATS[] = {
    "PronType", "NumType", "Poss",   "Reflex", "Foreign", "Abbr",  "Gender",
    "Animacy",  "Number",  "Case",   "Definite", "Degree", "VerbForm", "Mood",
    "Tense",    "Aspect",  "Voice",  "Evident", "Polarity", "Person", "Polite"};

static int is_univ_feat(const char *p, size_t n)
{
    for (size_t i = 0; i < sizeof UNIV_FEATS / sizeof *UNIV_FEATS; i++)
        if (strlen(UNIV_FEATS[i]) == n && memcmp(UNIV_FEATS[i], p, n) == 0) return 1;
    return 0;
}

int tc_tagger_ufeats(const char *feats, char *buf, size_t bufsz)
{
    size_t o = 0;
    if (!bufsz) return -1;
    buf[0] = 0;
    if (!feats || !*feats || strcmp(feats, "_") == 0) return 0;
    const char *p = feats;
    while (*p) {
        const char *e = strchr(p, '|');
        if (!e) e = p + strlen(p);
        const char *eq = memchr(p, '=', (size_t)(e - p));
        if (eq && is_univ_feat(p, (size_t)(eq - p))) {
            size_t l = (size_t)(e - p);
            if (o + l + 2 > bufsz) return -1;
            if (o) buf[o++] = '|';
            memcpy(buf + o, p, l);
            o += l;
            buf[o] = 0;
        }
        p = *e ? e + 1 : e;
    }
    return (int)o;
}

/* ---------------------------------------------------------------- hashing */

#define GOLD 0x9E3779B97F4A7C15ULL
#define GOLD2 0xC2B2AE3D27D4EB4FULL

static inline uint64_t k1(uint32_t tpl, uint64_t a) { return tc_hash_mix(a ^ ((uint64_t)(tpl + 1) * GOLD)); }
static inline uint64_t k2(uint32_t tpl, uint64_t a, uint64_t b)
{
    return tc_hash_mix(k1(tpl, a) ^ (b * GOLD2 + 0x1234567ULL));
}
static inline uint64_t k3(uint32_t tpl, uint64_t a, uint64_t b, uint64_t c)
{
    return tc_hash_mix(k2(tpl, a, b) ^ (c * GOLD + 0x89abcdefULL));
}

static uint64_t hstr(const char *s, size_t n, uint64_t seed) { return tc_hash_bytes(s, n, seed); }

/* ---------------------------------------------------------------- word atoms */

#define MAXW 64 /* bytes of a word looked at for atoms */

enum {
    F_DIGIT = 1, F_HYPHEN = 2, F_UPPER1 = 4, F_ALLUP = 8, F_FIRST = 16, F_PERIOD = 32,
    F_PUNCT = 64, F_URL = 128, F_ALLDIGIT = 256
};

typedef struct atom {
    uint64_t low, form, shape, pre[4], suf[4];
    uint64_t lowkey; /* word-table key */
    uint32_t amb;    /* ambiguity class hash (0: rare/unknown) */
    uint32_t flags;
    uint32_t wn;     /* WordNet lexical classes (WN_* / WD_* bits; 0 none) */
    uint32_t wnlex;  /* WordNet lexicographer classes (LEX_*; 0 none) */
    int32_t sure;    /* class + 1 for near-unambiguous frequent words, else 0 */
} atom;

static size_t lower_ascii(const char *s, char *out, size_t cap)
{
    size_t n = 0;
    for (; s[n] && n < cap - 1; n++) {
        char c = s[n];
        out[n] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    out[n] = 0;
    return n;
}

/* ---------------------------------------------------------------- compact tables */

#define EMPTY_SLOT 0xFFFFFFFFu

/* slot: low 32 bits key >> 32 (fingerprint), high 32 bits entry offset << 8 | count
 * (EMPTY_SLOT when free); entry: low 16 bits class, high 16 bits int16 weight */
typedef struct ptab {
    uint32_t mask; /* cap - 1 */
    const uint64_t *slot;
    const uint32_t *ent;
    const int16_t *dense; /* rows with many entries: ndense x npad int16 (count 0 in the slot) */
    uint32_t nrows, nent, ndense, npad;
} ptab;

#define DENSE_MIN 24 /* rows with at least this many entries are stored dense */
static uint32_t pad16(uint32_t n) { return (n + 15) & ~15u; }

#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

static inline int ptab_find(const ptab *t, uint64_t key, uint32_t *off, uint32_t *n)
{
    if (!t->slot) return 0;
    uint32_t i = (uint32_t)key & t->mask, fp = (uint32_t)(key >> 32);
    for (;;) {
        uint64_t sl = t->slot[i];
        uint32_t on = (uint32_t)(sl >> 32);
        if (on == EMPTY_SLOT) return 0;
        if ((uint32_t)sl == fp) {
            *off = on >> 8;
            *n = on & 255;
            return 1;
        }
        i = (i + 1) & t->mask;
    }
}

/* Look up all keys with prefetching (memory latency dominates); rows found are
 * returned as offset << 8 | count in rows[]. */
static int ptab_rows(const ptab *t, const uint64_t *keys, int nk, uint32_t *rows)
{
    if (!t->slot) return 0;
    for (int k = 0; k < nk; k++) PREFETCH(&t->slot[(uint32_t)keys[k] & t->mask]);
    int m = 0;
    for (int k = 0; k < nk; k++) {
        uint32_t off, n;
        if (ptab_find(t, keys[k], &off, &n)) {
            rows[m++] = off << 8 | n;
            if (n) PREFETCH(&t->ent[off]);
            else PREFETCH(&t->dense[(size_t)off * t->npad]);
        }
    }
    return m;
}

#if defined(__GNUC__)
/* vector extension: 8 weights at a time (npad is a multiple of 16) */
typedef int16_t v8hi __attribute__((vector_size(16)));
typedef int32_t v8si __attribute__((vector_size(32)));
static void add_dense(int32_t *restrict sc, const int16_t *restrict d, uint32_t npad)
{
    for (uint32_t c = 0; c < npad; c += 8) {
        v8hi h;
        v8si a;
        memcpy(&h, d + c, sizeof h);
        memcpy(&a, sc + c, sizeof a);
        a += __builtin_convertvector(h, v8si);
        memcpy(sc + c, &a, sizeof a);
    }
}
#else
static void add_dense(int32_t *restrict sc, const int16_t *restrict d, uint32_t npad)
{
    for (uint32_t c = 0; c < npad; c++) sc[c] += d[c];
}
#endif

static void add_rows(const ptab *t, const uint32_t *rows, int m, int32_t *restrict scores)
{
    for (int r = 0; r < m; r++) {
        uint32_t n = rows[r] & 255;
        if (!n) {
            add_dense(scores, t->dense + (size_t)(rows[r] >> 8) * t->npad, t->npad);
            continue;
        }
        const uint32_t *e = t->ent + (rows[r] >> 8);
        for (uint32_t j = 0; j < n; j++) scores[e[j] & 0xFFFF] += (int16_t)(e[j] >> 16);
    }
}

static void ptab_score(const ptab *t, const uint64_t *keys, int nk, int32_t *scores)
{
    uint32_t rows[128];
    int m = ptab_rows(t, keys, nk, rows);
    add_rows(t, rows, m, scores);
}

/* word table and lemma table: fp + values */
typedef struct wtab {
    uint32_t mask;
    const uint32_t *fp;
    const uint32_t *val;  /* word: amb; lemma: string offset / rule */
    const uint16_t *sure; /* word table only */
    uint32_t n;
} wtab;

static inline int wtab_find(const wtab *t, uint64_t key, uint32_t *slot)
{
    if (!t->fp) return 0;
    uint32_t i = (uint32_t)key & t->mask, fp = (uint32_t)(key >> 32) | 1u; /* fp 0 = empty */
    for (;;) {
        uint32_t f = t->fp[i];
        if (f == 0) return 0;
        if (f == fp) {
            *slot = i;
            return 1;
        }
        i = (i + 1) & t->mask;
    }
}

/* WordNet form table: 16-bit fingerprints (0 empty) + class bits + lexicographer bits */
typedef struct wnview {
    uint32_t mask, n;
    const uint16_t *fp;
    const uint8_t *val;
    const uint16_t *lex;
} wnview;

static inline uint16_t wn_fp(uint64_t key) { return (uint16_t)(key >> 48) | 1u; }

static int wn_find(const wnview *W, uint64_t key, uint32_t *slot)
{
    if (!W->fp) return 0;
    uint32_t i = (uint32_t)key & W->mask;
    uint16_t fp = wn_fp(key);
    for (;;) {
        uint16_t f = W->fp[i];
        if (f == 0) return 0;
        if (f == fp) {
            *slot = i;
            return 1;
        }
        i = (i + 1) & W->mask;
    }
}

#ifndef SKIP_W
#define SKIP_W 12.0 /* pass-1 margin in weight units above which pass 2 is skipped */
#endif
#define LEM_SAME 0xFFFFFFFFu
#define LEM_LOWER 0xFFFFFFFEu

/* ---------------------------------------------------------------- model */

enum {
    S_META, S_STR, S_CLS_UPOS, S_CLS_XPOS, S_FEATS, S_CAND_OFF, S_CAND,
    S_WORD_FP, S_WORD_AMB, S_WORD_SURE, S_LEM_FP, S_LEM_VAL,
    S_T0_FP, S_T0_OFFN, S_T0_CLS, S_T0_W,
    S_T1_FP, S_T1_OFFN, S_T1_CLS, S_T1_W,
    S_T2_FP, S_T2_OFFN, S_T2_CLS, S_T2_W,
    S_WORD_WN, S_WN_FP, S_WN_VAL, S_WN_LEX,
    S_COUNT
};

enum { M_NCLASS, M_NFEATS, M_NPASS, M_WORD_CAP, M_LEM_CAP, M_T0_CAP, M_T1_CAP, M_T2_CAP, M_SCALE0,
       M_WN_CAP, M_COUNT };

#define MAGIC "TCTAGGR"
typedef struct file_hdr {
    char magic[8];
    uint32_t version, nsect;
    uint64_t size; /* whole file */
    uint64_t sum;  /* checksum of bytes after the header */
    uint64_t sect[S_COUNT][2];
} file_hdr;

struct tc_tagger {
    void *mem;
    size_t len;
    uint32_t nclass, nfeats, npass;
    int64_t skip; /* pass-1 margin (quantised units) above which pass 2 is skipped; 0 never */
    const char *str;
    size_t strlen_;
    const uint32_t *cls_upos, *cls_xpos, *feats, *cand_off;
    const uint16_t *cand;
    const char **xpos_s;  /* resolved pointers */
    const char **feats_s; /* NULL for empty feats */
    wtab words, lemmas;
    const uint32_t *word_wn; /* WordNet classes | lexicographer classes << 16 of the word-table words */
    wnview wn;               /* WordNet forms */
    ptab tab[3]; /* pass 1, pass 2, feats */
};

static uint64_t checksum(const unsigned char *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        h = (h ^ w) * 0x100000001b3ULL;
        h ^= h >> 29;
    }
    for (; i < n; i++) h = (h ^ p[i]) * 0x100000001b3ULL;
    return tc_hash_mix(h ^ n);
}

static tc_status bad(tc_diag *diag, const char *name, tc_status st, const char *what)
{
    tc_diag_emit(diag, TC_LOG_ERROR, name, 0, "tagger model: %s", what);
    return st;
}

void tc_tagger_free(tc_tagger **tp)
{
    if (!tp || !*tp) return;
    tc_tagger *t = *tp;
    tc_free(t->xpos_s);
    tc_free(t->feats_s);
    tc_free(t->mem);
    tc_free(t);
    *tp = NULL;
}

static int is_pow2(uint64_t x) { return x && !(x & (x - 1)); }

/* takes ownership of mem */
static tc_status load_image(tc_tagger **out, void *mem, size_t len, const char *name, tc_diag *diag)
{
    *out = NULL;
    const unsigned char *b = mem;
    if (len < 16) {
        tc_free(mem);
        return bad(diag, name, len >= 8 && memcmp(b, MAGIC, 8) == 0 ? TC_ETRUNC : len ? TC_ETRUNC : TC_ETRUNC,
                   "file too short (truncated?)");
    }
    if (memcmp(b, MAGIC, 8) != 0) {
        tc_free(mem);
        return bad(diag, name, TC_EFORMAT, "not a tacitus tagger model (bad magic)");
    }
    uint32_t ver;
    memcpy(&ver, b + 8, 4);
    if (ver != TC_TAGGER_VERSION) {
        tc_free(mem);
        char m[128];
        snprintf(m, sizeof m, "model format version %u, this build reads version %u (retrain it)",
                 (unsigned)ver, (unsigned)TC_TAGGER_VERSION);
        return bad(diag, name, TC_EVERSION, m);
    }
    if (len < sizeof(file_hdr)) {
        tc_free(mem);
        return bad(diag, name, TC_ETRUNC, "file truncated inside the header");
    }
    file_hdr h;
    memcpy(&h, b, sizeof h);
    if (h.size > len) {
        tc_free(mem);
        return bad(diag, name, TC_ETRUNC, "file truncated (shorter than its recorded size)");
    }
    if (h.size != len || h.nsect != S_COUNT) {
        tc_free(mem);
        return bad(diag, name, TC_EFORMAT, "inconsistent header");
    }
    if (checksum(b + sizeof h, len - sizeof h) != h.sum) {
        tc_free(mem);
        return bad(diag, name, TC_EFORMAT, "checksum mismatch (corrupt file)");
    }
    for (int i = 0; i < S_COUNT; i++) {
        uint64_t off = h.sect[i][0], n = h.sect[i][1];
        if (off < sizeof h || off > len || n > len - off || off % 8) {
            tc_free(mem);
            return bad(diag, name, TC_EFORMAT, "section out of bounds");
        }
    }
    tc_tagger *t = tc_calloc(1, sizeof *t);
    if (!t) {
        tc_free(mem);
        return TC_ENOMEM;
    }
    t->mem = mem;
    t->len = len;
#define SEC(i) ((const void *)(b + h.sect[i][0]))
#define SECN(i, sz) (h.sect[i][1] / (sz))
    const char *err = NULL;
    const uint32_t *meta = SEC(S_META);
    if (SECN(S_META, 4) < M_COUNT) {
        err = "meta section too short";
        goto fail;
    }
    t->nclass = meta[M_NCLASS];
    t->nfeats = meta[M_NFEATS];
    t->npass = meta[M_NPASS];
    {
        /* skip pass 2 for words whose pass-1 margin is at least SKIP_W (in
         * averaged-weight units; the file stores the pass-1 quantisation scale) */
        float sc0;
        memcpy(&sc0, &meta[M_SCALE0], 4);
        t->skip = sc0 > 0 && sc0 < 1e9f ? (int64_t)(SKIP_W * sc0) : 0;
    }
    if (!t->nclass || t->nclass > 65535 || !t->nfeats || t->nfeats > 65535 || t->npass < 1 ||
        t->npass > 2) {
        err = "bad class counts";
        goto fail;
    }
    t->str = SEC(S_STR);
    t->strlen_ = h.sect[S_STR][1];
    if (!t->strlen_ || t->str[t->strlen_ - 1] != 0) {
        err = "bad string table";
        goto fail;
    }
    t->cls_upos = SEC(S_CLS_UPOS);
    t->cls_xpos = SEC(S_CLS_XPOS);
    t->feats = SEC(S_FEATS);
    t->cand_off = SEC(S_CAND_OFF);
    t->cand = SEC(S_CAND);
    if (SECN(S_CLS_UPOS, 4) != t->nclass || SECN(S_CLS_XPOS, 4) != t->nclass ||
        SECN(S_FEATS, 4) != t->nfeats || SECN(S_CAND_OFF, 4) != t->nclass + 1) {
        err = "bad class tables";
        goto fail;
    }
    uint64_t ncand = SECN(S_CAND, 2);
    t->xpos_s = tc_calloc(t->nclass, sizeof *t->xpos_s);
    t->feats_s = tc_calloc(t->nfeats, sizeof *t->feats_s);
    if (!t->xpos_s || !t->feats_s) {
        tc_tagger_free(&t);
        return TC_ENOMEM;
    }
    for (uint32_t c = 0; c < t->nclass; c++) {
        if (t->cls_upos[c] >= TC_UPOS_COUNT || t->cls_xpos[c] >= t->strlen_ ||
            t->cand_off[c] > t->cand_off[c + 1] || t->cand_off[c + 1] > ncand ||
            t->cand_off[c] == t->cand_off[c + 1]) {
            err = "bad class entry";
            goto fail;
        }
        t->xpos_s[c] = t->str + t->cls_xpos[c];
    }
    for (uint64_t i = 0; i < ncand; i++)
        if (t->cand[i] >= t->nfeats) {
            err = "bad feature candidate";
            goto fail;
        }
    for (uint32_t f = 0; f < t->nfeats; f++) {
        if (t->feats[f] >= t->strlen_) {
            err = "bad feats string";
            goto fail;
        }
        const char *s = t->str + t->feats[f];
        t->feats_s[f] = *s ? s : NULL;
    }
    /* word and lemma tables */
    {
        uint64_t cap = meta[M_WORD_CAP];
        if (!is_pow2(cap) || SECN(S_WORD_FP, 4) != cap || SECN(S_WORD_AMB, 4) != cap ||
            SECN(S_WORD_SURE, 2) != cap) {
            err = "bad word table";
            goto fail;
        }
        t->words.mask = (uint32_t)(cap - 1);
        t->words.fp = SEC(S_WORD_FP);
        t->words.val = SEC(S_WORD_AMB);
        t->words.sure = SEC(S_WORD_SURE);
        for (uint64_t i = 0; i < cap; i++) {
            if (t->words.sure[i] > t->nclass) {
                err = "bad word table entry";
                goto fail;
            }
            if (!t->words.fp[i]) continue;
            t->words.n++;
        }
        if (t->words.n >= cap) {
            err = "word table full";
            goto fail;
        }
        cap = meta[M_LEM_CAP];
        if (!is_pow2(cap) || SECN(S_LEM_FP, 4) != cap || SECN(S_LEM_VAL, 4) != cap) {
            err = "bad lemma table";
            goto fail;
        }
        t->lemmas.mask = (uint32_t)(cap - 1);
        t->lemmas.fp = SEC(S_LEM_FP);
        t->lemmas.val = SEC(S_LEM_VAL);
        for (uint64_t i = 0; i < cap; i++) {
            if (!t->lemmas.fp[i]) continue;
            t->lemmas.n++;
            uint32_t v = t->lemmas.val[i];
            if (v != LEM_SAME && v != LEM_LOWER && v >= t->strlen_) {
                err = "bad lemma entry";
                goto fail;
            }
        }
        if (t->lemmas.n >= cap) {
            err = "lemma table full";
            goto fail;
        }
        if (SECN(S_WORD_WN, 4) != meta[M_WORD_CAP]) {
            err = "bad word table";
            goto fail;
        }
        t->word_wn = SEC(S_WORD_WN);
        cap = meta[M_WN_CAP];
        if (cap) {
            if (!is_pow2(cap) || SECN(S_WN_FP, 2) != cap || SECN(S_WN_VAL, 1) != cap ||
                SECN(S_WN_LEX, 2) != cap) {
                err = "bad WordNet table";
                goto fail;
            }
            t->wn.mask = (uint32_t)(cap - 1);
            t->wn.fp = SEC(S_WN_FP);
            t->wn.val = SEC(S_WN_VAL);
            t->wn.lex = SEC(S_WN_LEX);
            for (uint64_t i = 0; i < cap; i++) t->wn.n += t->wn.fp[i] != 0;
            if (t->wn.n >= cap) {
                err = "WordNet table full";
                goto fail;
            }
        }
    }
    for (int k = 0; k < 3; k++) {
        int base = S_T0_FP + 4 * k;
        uint64_t cap = meta[M_T0_CAP + k];
        ptab *p = &t->tab[k];
        if (cap == 0) {
            if (k < 2 && k < (int)t->npass) {
                err = "missing weight table";
                goto fail;
            }
            continue;
        }
        uint32_t ncls = k == 2 ? t->nfeats : t->nclass;
        p->npad = pad16(ncls);
        if (!is_pow2(cap) || SECN(base, 8) != cap || h.sect[base + 1][1] ||
            h.sect[base + 2][1] % 4 || h.sect[base + 3][1] % ((uint64_t)p->npad * 2)) {
            err = "bad weight table";
            goto fail;
        }
        p->mask = (uint32_t)(cap - 1);
        p->slot = SEC(base);
        p->ent = SEC(base + 2);
        p->nent = (uint32_t)SECN(base + 2, 4);
        p->dense = SEC(base + 3);
        p->ndense = (uint32_t)(h.sect[base + 3][1] / ((uint64_t)p->npad * 2));
        uint64_t used = 0;
        for (uint64_t i = 0; i < cap; i++) {
            uint32_t on = (uint32_t)(p->slot[i] >> 32);
            if (on == EMPTY_SLOT) continue;
            used++;
            if ((on & 255) == 0 ? (on >> 8) >= p->ndense : (uint64_t)(on >> 8) + (on & 255) > p->nent) {
                err = "weight row out of bounds";
                goto fail;
            }
        }
        if (used >= cap) {
            err = "weight table full";
            goto fail;
        }
        p->nrows = (uint32_t)used;
        for (uint32_t i = 0; i < p->nent; i++)
            if ((p->ent[i] & 0xFFFF) >= ncls) {
                err = "bad class in weights";
                goto fail;
            }
    }
    *out = t;
    return TC_OK;
fail:
    tc_tagger_free(&t);
    return bad(diag, name, TC_EFORMAT, err);
#undef SEC
#undef SECN
}

tc_status tc_tagger_load_mem(tc_tagger **out, const void *data, size_t len, const char *name,
                             tc_diag *diag)
{
    *out = NULL;
    void *m = tc_malloc(len ? len : 1);
    if (!m) return TC_ENOMEM;
    if (len) memcpy(m, data, len);
    return load_image(out, m, len, name ? name : "<tagger model>", diag);
}

tc_status tc_tagger_load(tc_tagger **out, const char *path, tc_diag *diag)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f) {
        tc_diag_emit(diag, TC_LOG_ERROR, path, 0, "cannot open tagger model");
        return TC_EIO;
    }
    if (fseek(f, 0, SEEK_END) != 0) {
        fclose(f);
        tc_diag_emit(diag, TC_LOG_ERROR, path, 0, "cannot seek tagger model");
        return TC_EIO;
    }
    long sz = ftell(f);
    rewind(f);
    if (sz < 0) {
        fclose(f);
        return TC_EIO;
    }
    void *m = tc_malloc((size_t)sz + 1);
    if (!m) {
        fclose(f);
        return TC_ENOMEM;
    }
    tc_mem_hint_huge(m, (size_t)sz + 1);
    size_t n = fread(m, 1, (size_t)sz, f);
    fclose(f);
    if (n != (size_t)sz) {
        tc_free(m);
        tc_diag_emit(diag, TC_LOG_ERROR, path, 0, "read error on tagger model");
        return TC_EIO;
    }
    return load_image(out, m, n, path, diag);
}

void tc_tagger_get_info(const tc_tagger *t, tc_tagger_info *info)
{
    memset(info, 0, sizeof *info);
    info->nclass = t->nclass;
    info->nfeats = t->nfeats;
    info->tag_rows = t->tab[0].nrows + t->tab[1].nrows;
    info->tag_entries = t->tab[0].nent + t->tab[1].nent;
    info->feat_rows = t->tab[2].nrows;
    info->feat_entries = t->tab[2].nent;
    info->nwords = t->words.n;
    info->nlemmas = t->lemmas.n;
    info->nwordnet = t->wn.n;
    info->bytes = t->len;
}

/* ---------------------------------------------------------------- atoms */

static uint64_t word_key(const char *low, size_t n) { return hstr(low, n, 0x77); }

static uint64_t lemma_key(const char *low, size_t n, int upos)
{
    return tc_hash_mix(hstr(low, n, 0x1e) ^ ((uint64_t)(upos + 1) * GOLD));
}

static uint64_t lemma_xkey(uint64_t ukey, const char *xpos)
{
    return tc_hash_mix(ukey ^ hstr(xpos, strlen(xpos), 0x2f));
}

/* key of (form as written, UPOS) */
static uint64_t lemma_ckey(const char *form, size_t n, int upos)
{
    return tc_hash_mix(hstr(form, n, 0x3c) ^ ((uint64_t)(upos + 1) * GOLD2));
}

int tc_tagger_lemma_lookup(const tc_tagger *t, const char *form, const char *lower, size_t len,
                           int upos, const char *xpos, const char **lemma, int *lower_rule)
{
    uint32_t slot;
    if (!t) return 0;
    uint64_t uk = lemma_key(lower, len, upos);
    int found = 0;
    if (form && (upos == U_PROPN || strcmp(form, lower) != 0) &&
        wtab_find(&t->lemmas, lemma_ckey(form, strlen(form), upos), &slot))
        found = 2;
    else if ((xpos && *xpos && wtab_find(&t->lemmas, lemma_xkey(uk, xpos), &slot)) ||
             wtab_find(&t->lemmas, uk, &slot))
        found = 1;
    if (!found) return 0;
    uint32_t v = t->lemmas.val[slot];
    *lemma = NULL;
    *lower_rule = 0;
    if (v == LEM_LOWER)
        *lower_rule = 1;
    else if (v != LEM_SAME)
        *lemma = t->str + v;
    return found;
}

/* ---------------------------------------------------------------- WordNet classes */

/* stored per WordNet form: in index.noun/verb/adj/adv, or a key of noun/verb/adj/adv.exc;
 * WN_NP: some noun sense is a name (capitalised in data.noun or an instance) */
enum { WN_N = 1, WN_V = 2, WN_A = 4, WN_R = 8, WN_NX = 16, WN_VX = 32, WN_AX = 64, WN_NP = 128 };
/* derived at lookup time by stripping an inflectional suffix */
enum { WD_NS = 1 << 8, WD_VS = 1 << 9, WD_VED = 1 << 10, WD_VING = 1 << 11, WD_AER = 1 << 12,
       WD_LY = 1 << 13, WD_NONE = 1 << 14 };
/* lexicographer classes of the first (most frequent) senses: noun file + 1 (6 bits),
 * verb file - 28 (5 bits), first noun sense is a name (bit 11), adjective kind (bits
 * 12-13: 1 relational, 2 participial, 3 other), part of speech with most synsets + 1
 * (bits 14-15) */
#define LEX_NP1 (1u << 11)

static uint64_t wn_key(const char *low, size_t n) { return hstr(low, n, 0x3a); }

static uint32_t wn_direct(const wnview *W, const char *w, size_t n, uint32_t *lex)
{
    uint32_t slot;
    if (!n || !wn_find(W, wn_key(w, n), &slot)) return 0;
    if (lex) *lex = W->lex[slot];
    return W->val[slot];
}

static int ends_with(const char *w, size_t n, const char *suf)
{
    size_t l = strlen(suf);
    return n > l + 1 && memcmp(w + n - l, suf, l) == 0;
}

/* classes of stem w[0..n) + add (a short suffix) */
static uint32_t wn_stem(const wnview *W, const char *w, size_t n, const char *add)
{
    char b[MAXW + 8];
    size_t al = strlen(add);
    if (!n || n + al > MAXW) return 0;
    memcpy(b, w, n);
    memcpy(b + n, add, al);
    return wn_direct(W, b, n + al, NULL);
}

/* stem, stem+e and the undoubled stem (stopp-ed -> stop) */
static uint32_t wn_stems(const wnview *W, const char *w, size_t n)
{
    uint32_t m = wn_stem(W, w, n, "") | wn_stem(W, w, n, "e");
    if (n >= 3 && w[n - 1] == w[n - 2]) m |= wn_stem(W, w, n - 1, "");
    return m;
}

/* WordNet lexical classes of a lowercased word: its own entry plus what
 * stripping -s/-es/-ies, -ed/-ied, -ing, -er/-est, -ly finds; the lexicographer
 * classes of the word's own entry go to *lex (0 none). */
static uint32_t wn_classes(const wnview *W, const char *low, size_t n, uint32_t *lex)
{
    *lex = 0;
    if (!W->fp || !n || n >= MAXW) return 0;
    uint32_t m = wn_direct(W, low, n, lex);
    if (ends_with(low, n, "s") && !ends_with(low, n, "ss")) {
        uint32_t x = wn_stem(W, low, n - 1, "");
        if (ends_with(low, n, "es")) x |= wn_stem(W, low, n - 2, "");
        if (ends_with(low, n, "ies")) x |= wn_stem(W, low, n - 3, "y");
        if (x & WN_N) m |= WD_NS;
        if (x & WN_V) m |= WD_VS;
    }
    if (ends_with(low, n, "ed")) {
        uint32_t x = wn_stems(W, low, n - 2);
        if (ends_with(low, n, "ied")) x |= wn_stem(W, low, n - 3, "y");
        if (x & WN_V) m |= WD_VED;
    }
    if (ends_with(low, n, "ing") && n > 5 && (wn_stems(W, low, n - 3) & WN_V)) m |= WD_VING;
    if (ends_with(low, n, "er") || ends_with(low, n, "est")) {
        size_t l = n - (low[n - 1] == 'r' ? 2 : 3);
        uint32_t x = wn_stems(W, low, l);
        if (l > 1 && low[l - 1] == 'i') x |= wn_stem(W, low, l - 1, "y");
        if (x & WN_A) m |= WD_AER;
    }
    if (ends_with(low, n, "ly")) {
        uint32_t x = wn_stem(W, low, n - 2, "") | wn_stem(W, low, n - 1, "e");
        if (ends_with(low, n, "ily")) x |= wn_stem(W, low, n - 3, "y");
        if (x & WN_A) m |= WD_LY;
    }
    return m ? m : WD_NONE;
}

/* Fill atoms for a word (word-table fields left to the caller). */
static void make_atom(atom *a, const char *form, int first)
{
    char low[MAXW + 1];
    size_t n = lower_ascii(form, low, sizeof low);
    size_t fl = strlen(form);
    a->low = hstr(low, n, 1);
    a->lowkey = word_key(low, n);
    a->form = hstr(form, fl < MAXW ? fl : MAXW, 2);
    /* prefixes/suffixes of 1..4 code points of the lowercased word */
    size_t cps[MAXW + 1];
    size_t ncp = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)low[i] & 0xC0) != 0x80) cps[ncp++] = i;
    for (int k = 0; k < 4; k++) {
        size_t pe = (size_t)k + 1 < ncp ? cps[k + 1] : n;
        size_t ss = ncp > (size_t)k ? cps[ncp - 1 - (size_t)k] : 0;
        a->pre[k] = hstr(low, pe, 10 + (uint64_t)k);
        a->suf[k] = hstr(low + ss, n - ss, 20 + (uint64_t)k);
    }
    /* shape and flags */
    char shp[MAXW + 1];
    size_t sl = 0;
    uint32_t fl_ = first ? F_FIRST : 0;
    int letters = 0, lowers = 0, uppers = 0, digits = 0, others = 0;
    char last = 0;
    int run = 0;
    for (size_t i = 0; i < fl && i < MAXW; i++) {
        unsigned char c = (unsigned char)form[i];
        char s;
        if (c >= 'A' && c <= 'Z') {
            s = 'X';
            letters++;
            uppers++;
        } else if (c >= 'a' && c <= 'z') {
            s = 'x';
            letters++;
            lowers++;
        } else if (c >= '0' && c <= '9') {
            s = 'd';
            digits++;
        } else if (c >= 0x80) {
            if ((c & 0xC0) == 0x80) continue;
            s = 'u';
            letters++;
        } else {
            s = (char)c;
            others++;
            if (c == '-') fl_ |= F_HYPHEN;
            if (c == '.') fl_ |= F_PERIOD;
            if (c == '@' || c == '/' || c == ':') fl_ |= F_URL;
        }
        if (s == last) {
            if (++run > 2) continue;
        } else {
            run = 1;
            last = s;
        }
        shp[sl++] = s;
    }
    a->shape = hstr(shp, sl, 3);
    if (digits) fl_ |= F_DIGIT;
    if (digits && !letters && !others) fl_ |= F_ALLDIGIT;
    if (fl && form[0] >= 'A' && form[0] <= 'Z') fl_ |= F_UPPER1;
    if (uppers && !lowers) fl_ |= F_ALLUP;
    if (!letters && !digits) fl_ |= F_PUNCT;
    a->flags = fl_;
    a->amb = 0;
    a->sure = 0;
    a->wn = 0;
    a->wnlex = 0;
}

/* word-table fields and WordNet classes (from the word table when the word is in it) */
static void atom_words(const tc_tagger *t, atom *a, const char *form)
{
    uint32_t slot;
    if (!t) return;
    if (wtab_find(&t->words, a->lowkey, &slot)) {
        a->amb = t->words.val[slot];
        a->sure = t->words.sure[slot];
        a->wn = t->word_wn ? t->word_wn[slot] & 0xFFFF : 0;
        a->wnlex = t->word_wn ? t->word_wn[slot] >> 16 : 0;
        return;
    }
    char low[MAXW + 1];
    size_t n = lower_ascii(form, low, sizeof low);
    a->wn = wn_classes(&t->wn, low, n, &a->wnlex);
}

/* atoms for a sentence with 2 padding atoms on each side: A[-2..n+1] */
static void pad_atom(atom *a, uint64_t v)
{
    memset(a, 0, sizeof *a);
    a->low = a->form = a->shape = a->lowkey = v;
    for (int k = 0; k < 4; k++) a->pre[k] = a->suf[k] = v;
    a->amb = (uint32_t)v;
    a->wn = a->wnlex = (uint32_t)v;
}

#define BOS_T 0xFFFFu
#define EOS_T 0xFFFEu
#define NFEAT_MAX 80
#ifndef WN_FEATS
#define WN_FEATS 1
#endif
#ifndef EXTRA_FEATS
#define EXTRA_FEATS 1
#endif

/* Tag-model features of word i. tags: classes+1 of words < i (this pass);
 * right: previous pass's classes+1 (or NULL in pass 1). */
static int tag_feats(const atom *A, int i, int n, const uint16_t *tags, const uint16_t *right,
                     uint64_t *o)
{
    int k = 0;
    const atom *w = &A[i], *p1 = &A[i - 1], *p2 = &A[i - 2], *n1 = &A[i + 1], *n2 = &A[i + 2];
    uint64_t t1 = i >= 1 ? tags[i - 1] : BOS_T, t2 = i >= 2 ? tags[i - 2] : BOS_T;
    o[k++] = k1(0, 0);
    o[k++] = k1(1, w->low);
    o[k++] = k1(2, w->form);
    for (uint32_t j = 0; j < 4; j++) o[k++] = k1(3 + j, w->suf[j]);
    for (uint32_t j = 0; j < 4; j++) o[k++] = k1(7 + j, w->pre[j]);
    o[k++] = k1(11, w->shape);
    o[k++] = k1(12, w->flags);
    o[k++] = k1(13, t1);
    o[k++] = k1(14, t2);
    o[k++] = k2(15, t1, t2);
    o[k++] = k2(16, t1, w->low);
    o[k++] = k1(17, p1->low);
    o[k++] = k1(18, p2->low);
    o[k++] = k1(19, n1->low);
    o[k++] = k1(20, n2->low);
    o[k++] = k1(21, p1->suf[2]);
    o[k++] = k1(22, n1->suf[2]);
    o[k++] = k2(23, p1->low, w->low);
    o[k++] = k2(24, w->low, n1->low);
    o[k++] = k1(25, w->amb);
    o[k++] = k1(26, n1->amb);
    o[k++] = k1(27, n2->amb);
    o[k++] = k2(28, t1, n1->amb);
    o[k++] = k2(29, t1, w->suf[2]);
    o[k++] = k2(30, w->amb, n1->amb);
    o[k++] = k2(31, p1->low, n1->low);
    o[k++] = k1(32, n1->shape);
    o[k++] = k1(33, p1->shape);
    o[k++] = k2(34, w->shape, w->flags & F_FIRST);
    o[k++] = k1(35, n1->suf[1]);
    o[k++] = k2(36, t1, w->shape);
#if EXTRA_FEATS
    o[k++] = k1(50, p1->form);
    o[k++] = k1(51, n1->form);
    o[k++] = k2(52, p1->flags, w->flags);
    o[k++] = k2(53, w->flags, n1->flags);
    o[k++] = k1(54, n1->suf[0]);
    o[k++] = k2(57, n1->low, n2->low);
    o[k++] = k2(58, p2->low, p1->low);
    o[k++] = k2(59, w->suf[2], n1->suf[2]);
    o[k++] = k2(60, p1->suf[2], w->suf[2]);
    o[k++] = k2(62, t1, n1->low);
#endif
#if WN_FEATS
    o[k++] = k1(70, w->wn);
    o[k++] = k2(71, w->wn, w->flags & (F_UPPER1 | F_FIRST | F_ALLUP));
    o[k++] = k1(73, n1->wn);
    o[k++] = k2(75, t1, w->wn);
    o[k++] = k1(78, w->wnlex & 0xFFF);
    o[k++] = k2(80, w->wnlex >> 12, w->wn & 0xFF);
#endif
    if (right) {
        uint64_t r1 = i + 1 < n ? right[i + 1] : EOS_T, r2 = i + 2 < n ? right[i + 2] : EOS_T;
        o[k++] = k1(40, r1);
        o[k++] = k1(41, r2);
        o[k++] = k2(42, r1, r2);
        o[k++] = k2(43, t1, r1);
        o[k++] = k2(44, r1, w->low);
        o[k++] = k2(45, r1, w->suf[2]);
        o[k++] = k3(46, t1, r1, w->low);
#if WN_FEATS
        o[k++] = k2(77, r1, w->wn);
#endif
    }
    return k;
}

/* Feats-model features of word i given final tag classes tg[] (class ids, not +1). */
static int feat_feats(const tc_tagger *t, const uint32_t *cls_upos, const atom *A, int i, int n,
                      const uint16_t *tg, uint64_t *o)
{
    (void)t;
    int k = 0;
    uint64_t c = tg[i];
    const atom *w = &A[i];
    uint64_t tp1 = i >= 1 ? tg[i - 1] : BOS_T, tp2 = i >= 2 ? tg[i - 2] : BOS_T;
    uint64_t tn1 = i + 1 < n ? tg[i + 1] : EOS_T, tn2 = i + 2 < n ? tg[i + 2] : EOS_T;
    o[k++] = k1(100, c);
    o[k++] = k2(101, c, w->low);
    o[k++] = k2(102, c, w->suf[1]);
    o[k++] = k2(103, c, w->suf[2]);
    o[k++] = k2(104, c, A[i - 1].low);
    o[k++] = k2(105, c, A[i - 2].low);
    o[k++] = k2(106, c, A[i + 1].low);
    o[k++] = k2(107, c, tp1);
    o[k++] = k2(108, c, tn1);
    o[k++] = k3(109, c, tp1, tp2);
    o[k++] = k3(110, c, tn1, tn2);
    o[k++] = k2(111, c, w->flags);
    o[k++] = k2(112, c, w->form);
    /* nearest nominal to the left (subject agreement) and nearest aux/verb (voice) */
    uint64_t nom = 0, nomt = 0, aux = 0, auxt = 0;
    for (int j = i - 1; j >= 0 && j >= i - 6; j--) {
        uint32_t u = cls_upos[tg[j]];
        if (!nom && (u == U_PRON || u == U_NOUN || u == U_PROPN)) {
            nom = A[j].low;
            nomt = tg[j] + 1;
        }
        if (!aux && j >= i - 4 && (u == U_AUX || u == U_VERB)) {
            aux = A[j].low;
            auxt = tg[j] + 1;
        }
    }
    o[k++] = k2(113, c, nom);
    o[k++] = k2(114, c, nomt);
    o[k++] = k2(115, c, aux);
    o[k++] = k2(116, c, auxt);
    o[k++] = k3(117, c, aux, w->low);
    o[k++] = k3(118, c, nom, w->low);
    return k;
}

/* ---------------------------------------------------------------- tagging */

#define STACK_WORDS 128

typedef struct scratch {
    atom *A;      /* n + 4 */
    uint16_t *t1; /* pass-1 classes + 1 */
    uint16_t *t2; /* pass-2 classes + 1 */
    uint16_t *tg; /* final classes */
    int32_t *sc;  /* scores (max(nclass, nfeats)) */
    void *heap;
} scratch;

static tc_status scratch_init(scratch *s, int n, uint32_t ncls, void *stackmem, size_t stacksz)
{
    size_t need = (size_t)(n + 4) * sizeof(atom) + 3 * (size_t)(n + 1) * sizeof(uint16_t) +
                  (size_t)ncls * sizeof(int32_t) + 64;
    char *m;
    s->heap = NULL;
    if (need <= stacksz) {
        m = stackmem;
    } else {
        m = s->heap = tc_malloc(need);
        if (!m) return TC_ENOMEM;
    }
    s->A = (atom *)m;
    m += (size_t)(n + 4) * sizeof(atom);
    s->sc = (int32_t *)m;
    m += (size_t)ncls * sizeof(int32_t);
    s->t1 = (uint16_t *)m;
    s->t2 = s->t1 + n + 1;
    s->tg = s->t2 + n + 1;
    return TC_OK;
}

static void fill_atoms(const tc_tagger *t, atom *A, const tc_sentence *s)
{
    int n = (int)s->ntok;
    pad_atom(&A[0], 0xB0B0B0B0ULL);
    pad_atom(&A[1], 0xB1B1B1B1ULL);
    pad_atom(&A[n + 2], 0xE0E0E0E0ULL);
    pad_atom(&A[n + 3], 0xE1E1E1E1ULL);
    for (int i = 0; i < n; i++) {
        make_atom(&A[i + 2], s->tok[i].form ? s->tok[i].form : "", i == 0);
        atom_words(t, &A[i + 2], s->tok[i].form ? s->tok[i].form : "");
    }
}

static int argmax(const int32_t *sc, uint32_t n)
{
    int best = 0;
    for (uint32_t c = 1; c < n; c++)
        if (sc[c] > sc[best]) best = (int)c;
    return best;
}

/* One greedy pass.  Pass 0 sets conf[i] when its margin reaches t->skip; pass 1
 * keeps pass 0's tag for those words (the second pass rarely changes them). */
static void run_pass(const tc_tagger *t, int pass, const atom *A, int n, uint16_t *out,
                     const uint16_t *right, int32_t *sc, uint16_t *conf)
{
    uint64_t keys[NFEAT_MAX];
    for (int i = 0; i < n; i++) {
        if (A[i].sure) {
            out[i] = (uint16_t)A[i].sure;
            if (!pass) conf[i] = 1;
            continue;
        }
        if (pass && conf[i]) {
            out[i] = right[i];
            continue;
        }
        int nk = tag_feats(A, i, n, out, right, keys);
        memset(sc, 0, t->tab[pass].npad * sizeof *sc);
        ptab_score(&t->tab[pass], keys, nk, sc);
        int best = argmax(sc, t->nclass);
        out[i] = (uint16_t)(best + 1);
        if (!pass) {
            int32_t second = INT32_MIN;
            for (uint32_t c = 0; c < t->nclass; c++)
                if ((int)c != best && sc[c] > second) second = sc[c];
            conf[i] = t->skip > 0 && (int64_t)sc[best] - second >= t->skip;
        }
    }
}

static uint16_t choose_feats(const tc_tagger *t, const atom *A, int i, int n, const uint16_t *tg,
                             int32_t *sc)
{
    uint32_t c = tg[i];
    uint32_t a = t->cand_off[c], b = t->cand_off[c + 1];
    if (b - a == 1 || !t->tab[2].slot) return t->cand[a];
    uint64_t keys[NFEAT_MAX];
    int nk = feat_feats(t, t->cls_upos, A, i, n, tg, keys);
    /* sc is all zero on entry; accumulate, read the candidates, reset */
    uint32_t rows[128];
    int m = ptab_rows(&t->tab[2], keys, nk, rows);
    add_rows(&t->tab[2], rows, m, sc);
    uint16_t best = t->cand[a];
    for (uint32_t j = a + 1; j < b; j++)
        if (sc[t->cand[j]] > sc[best]) best = t->cand[j];
    int dense = 0;
    const uint32_t *ent = t->tab[2].ent;
    for (int r = 0; r < m; r++) {
        if (!(rows[r] & 255)) dense = 1;
        for (uint32_t j = 0; j < (rows[r] & 255); j++) sc[ent[(rows[r] >> 8) + j] & 0xFFFF] = 0;
    }
    if (dense) memset(sc, 0, t->tab[2].npad * sizeof *sc);
    return best;
}

static tc_status tag_sentence(const tc_tagger *t, tc_sentence *s, scratch *S)
{
    int n = (int)s->ntok;
    atom *A = S->A + 2;
    fill_atoms(t, S->A, s);
    run_pass(t, 0, A, n, S->t1, NULL, S->sc, S->tg);
    const uint16_t *fin = S->t1;
    if (t->npass == 2) {
        run_pass(t, 1, A, n, S->t2, S->t1, S->sc, S->tg);
        fin = S->t2;
    }
    for (int i = 0; i < n; i++) S->tg[i] = (uint16_t)(fin[i] - 1);
    uint32_t nsc = pad16(t->nfeats > t->nclass ? t->nfeats : t->nclass);
    memset(S->sc, 0, nsc * sizeof *S->sc);
    for (int i = 0; i < n; i++) {
        tc_token *k = &s->tok[i];
        uint32_t c = S->tg[i];
        k->upos = tc_tagger_upos_names[t->cls_upos[c]];
        k->upos_id = (uint16_t)(t->cls_upos[c] + 1);
        k->xpos = t->xpos_s[c];
        k->xpos_id = (uint16_t)(c + 1);
        k->feats = t->feats_s[choose_feats(t, A, i, n, S->tg, S->sc)];
    }
    return TC_OK;
}

tc_status tc_tagger_tag(const tc_tagger *t, tc_sentence *s)
{
    if (!t || !s) return TC_EINVAL;
    if (s->ntok == 0) return TC_OK;
    if (s->ntok > 100000) return TC_ELIMIT;
    _Alignas(16) char stackmem[STACK_WORDS * sizeof(atom) + 8192];
    scratch S;
    uint32_t nsc = pad16(t->nfeats > t->nclass ? t->nfeats : t->nclass);
    tc_status st = scratch_init(&S, (int)s->ntok, nsc, stackmem, sizeof stackmem);
    if (st) return st;
    st = tag_sentence(t, s, &S);
    tc_free(S.heap);
    return st;
}

tc_status tc_tagger_tag_doc(const tc_tagger *t, tc_doc *d)
{
    for (uint32_t i = 0; i < d->nsent; i++) {
        tc_status st = tc_tagger_tag(t, &d->sent[i]);
        if (st) return st;
    }
    return TC_OK;
}

static int feats_equal(const char *a, const char *b)
{
    char x[512], y[512];
    if (tc_tagger_ufeats(a, x, sizeof x) < 0 || tc_tagger_ufeats(b, y, sizeof y) < 0) return 0;
    return strcmp(x, y) == 0;
}

static int str_eq(const char *a, const char *b)
{
    if (!a) a = "_";
    if (!b) b = "_";
    return strcmp(a, b) == 0;
}

tc_status tc_tagger_accuracy(const tc_tagger *t, const tc_doc *gold, double *upos, double *xpos,
                             double *feats)
{
    size_t n = 0, cu = 0, cx = 0, cf = 0;
    tc_token *buf = NULL;
    size_t cap = 0;
    for (uint32_t i = 0; i < gold->nsent; i++) {
        const tc_sentence *g = &gold->sent[i];
        if (g->ntok > cap) {
            tc_free(buf);
            cap = g->ntok * 2;
            buf = tc_calloc(cap, sizeof *buf);
            if (!buf) return TC_ENOMEM;
        }
        memcpy(buf, g->tok, g->ntok * sizeof *buf);
        tc_sentence s = *g;
        s.tok = buf;
        tc_status st = tc_tagger_tag(t, &s);
        if (st) {
            tc_free(buf);
            return st;
        }
        for (uint32_t j = 0; j < g->ntok; j++) {
            n++;
            cu += str_eq(buf[j].upos, g->tok[j].upos);
            cx += str_eq(buf[j].xpos, g->tok[j].xpos);
            cf += feats_equal(buf[j].feats, g->tok[j].feats);
        }
    }
    tc_free(buf);
    *upos = n ? (double)cu / (double)n : 0;
    *xpos = n ? (double)cx / (double)n : 0;
    *feats = n ? (double)cf / (double)n : 0;
    return TC_OK;
}

/* ---------------------------------------------------------------- training */

#ifndef SURE_ON
#define SURE_ON 1
#endif
#ifndef SURE_MIN
#define SURE_MIN 10 /* words seen at least this often ... */
#endif
#ifndef SURE_FRAC
#define SURE_FRAC 0.99 /* ... with one class this often are tagged without features */
#endif
#ifndef MIN_UPD
#define MIN_UPD 2
#endif
#ifndef JK_FOLDS
#define JK_FOLDS 0
#endif
#ifndef JK_EPOCHS
#define JK_EPOCHS 5
#endif
#ifndef NPASS
#define NPASS 2
#endif

typedef struct tent {
    uint16_t cls, pad;
    float w, tot;
    uint32_t ts;
} tent;

typedef struct trow {
    tent *e;
    uint32_t n, cap, nupd;
} trow;

typedef struct ttab {
    uint64_t *keys;
    uint32_t *ridx;
    size_t cap, used;
    trow *rows;
    size_t nrows, rcap;
} ttab;

static void ttab_free(ttab *t)
{
    for (size_t i = 0; i < t->nrows; i++) tc_free(t->rows[i].e);
    tc_free(t->rows);
    tc_free(t->keys);
    tc_free(t->ridx);
    memset(t, 0, sizeof *t);
}

static tc_status ttab_grow(ttab *t)
{
    size_t ncap = t->cap ? t->cap * 2 : 1 << 16;
    uint64_t *k = tc_calloc(ncap, sizeof *k);
    uint32_t *r = tc_calloc(ncap, sizeof *r);
    if (!k || !r) {
        tc_free(k);
        tc_free(r);
        return TC_ENOMEM;
    }
    for (size_t i = 0; i < t->cap; i++) {
        if (!t->keys[i]) continue;
        size_t j = (size_t)t->keys[i] & (ncap - 1);
        while (k[j]) j = (j + 1) & (ncap - 1);
        k[j] = t->keys[i];
        r[j] = t->ridx[i];
    }
    tc_free(t->keys);
    tc_free(t->ridx);
    t->keys = k;
    t->ridx = r;
    t->cap = ncap;
    return TC_OK;
}

/* row for key, or NULL (absent and !create, or OOM: *oom set) */
static trow *ttab_get(ttab *t, uint64_t key, int create, int *oom)
{
    if (!key) key = 1;
    if (t->cap) {
        size_t j = (size_t)key & (t->cap - 1);
        while (t->keys[j]) {
            if (t->keys[j] == key) return &t->rows[t->ridx[j]];
            j = (j + 1) & (t->cap - 1);
        }
    }
    if (!create) return NULL;
    if ((t->used + 1) * 10 >= t->cap * 7 && ttab_grow(t) != TC_OK) {
        *oom = 1;
        return NULL;
    }
    if (t->nrows == t->rcap) {
        size_t nc = t->rcap ? t->rcap * 2 : 1 << 15;
        trow *r = tc_reallocarray(t->rows, nc, sizeof *r);
        if (!r) {
            *oom = 1;
            return NULL;
        }
        t->rows = r;
        t->rcap = nc;
    }
    size_t j = (size_t)key & (t->cap - 1);
    while (t->keys[j]) j = (j + 1) & (t->cap - 1);
    t->keys[j] = key;
    t->ridx[j] = (uint32_t)t->nrows;
    t->used++;
    trow *row = &t->rows[t->nrows++];
    memset(row, 0, sizeof *row);
    return row;
}

static void ttab_score(ttab *t, const uint64_t *keys, int nk, float *sc)
{
    int oom = 0;
    for (int k = 0; k < nk; k++) {
        trow *r = ttab_get(t, keys[k], 0, &oom);
        if (!r) continue;
        for (uint32_t j = 0; j < r->n; j++) sc[r->e[j].cls] += r->e[j].w;
    }
}

/* entry of class cls in row r (created at time T), NULL when out of memory */
static tent *trow_entry(trow *r, uint16_t cls, uint32_t T)
{
    for (uint32_t j = 0; j < r->n; j++)
        if (r->e[j].cls == cls) return &r->e[j];
    if (r->n == r->cap) {
        uint32_t nc = r->cap ? r->cap * 2 : 2;
        tent *ne = tc_reallocarray(r->e, nc, sizeof *ne);
        if (!ne) return NULL;
        r->e = ne;
        r->cap = nc;
    }
    tent *e = &r->e[r->n++];
    memset(e, 0, sizeof *e);
    e->cls = cls;
    e->ts = T;
    return e;
}

static int trow_add(trow *r, uint16_t cls, float d, uint32_t T)
{
    tent *e = trow_entry(r, cls, T);
    if (!e) return -1;
    e->tot += (float)(T - e->ts) * e->w;
    e->ts = T;
    e->w += d;
    return 0;
}

static tc_status ttab_update(ttab *t, const uint64_t *keys, int nk, int truth, int guess, uint32_t T)
{
    for (int k = 0; k < nk; k++) {
        int oom = 0;
        trow *r = ttab_get(t, keys[k], 1, &oom);
        if (!r) return TC_ENOMEM;
        r->nupd++;
        if (trow_add(r, (uint16_t)truth, 1.0f, T) || trow_add(r, (uint16_t)guess, -1.0f, T))
            return TC_ENOMEM;
    }
    return TC_OK;
}

/* Add the averaged weights (at time T) of src's rows updated at least min_upd
 * times to dst's running sums (entry tot; w stays 0, so dst averaged at time N is
 * the sum / N); dst row update counts add up. */
static tc_status ttab_accum(ttab *dst, const ttab *src, uint32_t T, uint32_t min_upd)
{
    for (size_t i = 0; i < src->cap; i++) {
        if (!src->keys[i]) continue;
        const trow *r = &src->rows[src->ridx[i]];
        if (r->nupd < min_upd) continue;
        int oom = 0;
        trow *d = ttab_get(dst, src->keys[i], 1, &oom);
        if (!d) return TC_ENOMEM;
        d->nupd += r->nupd;
        for (uint32_t j = 0; j < r->n; j++) {
            const tent *e = &r->e[j];
            float a = (e->tot + (float)(T - e->ts) * e->w) / (float)T;
            if (a == 0) continue;
            tent *de = trow_entry(d, e->cls, 0);
            if (!de) return TC_ENOMEM;
            de->tot += a;
        }
    }
    return TC_OK;
}

/* image writer */
typedef struct imgw {
    tc_buf b;
    file_hdr h;
} imgw;

static tc_status sect_put(imgw *w, int id, const void *p, size_t n)
{
    while (w->b.len % 8)
        if (tc_buf_putc(&w->b, 0)) return TC_ENOMEM;
    w->h.sect[id][0] = w->b.len;
    w->h.sect[id][1] = n;
    if (n && tc_buf_append(&w->b, p, n)) return TC_ENOMEM;
    return TC_OK;
}

static uint32_t pow2_for(size_t n)
{
    uint64_t c = 16;
    while (c < (uint64_t)n * 3 / 2 + 2) c *= 2;
    return (uint32_t)c;
}

typedef struct qent {
    uint16_t cls;
    int16_t q;
} qent;

static int qent_cmp(const void *a, const void *b)
{
    const qent *x = a, *y = b;
    int ax = abs(x->q), ay = abs(y->q);
    if (ax != ay) return ay - ax;
    return (int)x->cls - (int)y->cls;
}

static tc_status put_table(imgw *w, int base, ttab *t, uint32_t ncls, uint32_t T, double prune,
                           uint32_t min_upd, uint32_t *capout, float *scaleout)
{
    uint32_t npad = pad16(ncls);
    tc_buf dense = TC_BUF_INIT;
    uint32_t ndense = 0;
    /* averaged weights, scale */
    float maxw = 0;
    size_t nkeep = 0, nrows = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        trow *row = &t->rows[r];
        int any = 0;
        if (row->nupd < min_upd) continue;
        for (uint32_t j = 0; j < row->n; j++) {
            tent *e = &row->e[j];
            float a = (e->tot + (float)(T - e->ts) * e->w) / (float)T;
            if (fabsf(a) >= prune && a != 0) {
                nkeep++;
                any = 1;
                if (fabsf(a) > maxw) maxw = fabsf(a);
            }
        }
        nrows += any;
    }
    if (maxw == 0) maxw = 1;
    float scale = 32767.0f / maxw;
    uint32_t cap = pow2_for(nrows);
    uint64_t *slot = tc_malloc((size_t)cap * sizeof *slot);
    uint32_t *ent = tc_malloc((nkeep + 1) * sizeof *ent);
    qent *tmp = tc_malloc(65536 * sizeof *tmp);
    int16_t *drow = tc_malloc(npad * sizeof *drow);
    tc_status st = TC_OK;
    if (!slot || !ent || !tmp || !drow) {
        st = TC_ENOMEM;
        goto out;
    }
    for (uint32_t i = 0; i < cap; i++) slot[i] = (uint64_t)EMPTY_SLOT << 32;
    size_t ne = 0;
    for (size_t i = 0; i < t->cap; i++) {
        if (!t->keys[i]) continue;
        trow *row = &t->rows[t->ridx[i]];
        uint32_t m = 0;
        if (row->nupd < min_upd) continue;
        for (uint32_t j = 0; j < row->n && m < 65536; j++) {
            tent *e = &row->e[j];
            float a = (e->tot + (float)(T - e->ts) * e->w) / (float)T;
            if (fabsf(a) < prune || a == 0) continue;
            long q = lrintf(a * scale);
            if (q == 0) continue;
            if (q > 32767) q = 32767;
            if (q < -32767) q = -32767;
            tmp[m].cls = e->cls;
            tmp[m].q = (int16_t)q;
            m++;
        }
        if (!m) continue;
        qsort(tmp, m, sizeof *tmp, qent_cmp);
        if (ne >= (1u << 24) || ndense >= (1u << 24)) {
            st = TC_ELIMIT;
            goto out;
        }
        uint64_t key = t->keys[i];
        uint32_t s = (uint32_t)key & (cap - 1);
        while ((uint32_t)(slot[s] >> 32) != EMPTY_SLOT) s = (s + 1) & (cap - 1);
        if (m >= DENSE_MIN) {
            memset(drow, 0, npad * sizeof *drow);
            for (uint32_t j = 0; j < m; j++)
                if (tmp[j].cls < npad) drow[tmp[j].cls] = tmp[j].q;
            if (tc_buf_append(&dense, drow, npad * sizeof *drow)) {
                st = TC_ENOMEM;
                goto out;
            }
            slot[s] = (uint64_t)(ndense << 8) << 32 | (uint32_t)(key >> 32);
            ndense++;
            continue;
        }
        slot[s] = (uint64_t)((uint32_t)(ne << 8) | m) << 32 | (uint32_t)(key >> 32);
        for (uint32_t j = 0; j < m; j++) {
            ent[ne] = (uint32_t)tmp[j].cls | (uint32_t)(uint16_t)tmp[j].q << 16;
            ne++;
        }
    }
    if ((st = sect_put(w, base, slot, (size_t)cap * 8)) || (st = sect_put(w, base + 1, NULL, 0)) ||
        (st = sect_put(w, base + 2, ent, ne * 4)) ||
        (st = sect_put(w, base + 3, dense.data, dense.len)))
        goto out;
    *capout = cap;
    *scaleout = scale;
out:
    tc_buf_free(&dense);
    tc_free(drow);
    tc_free(slot);
    tc_free(ent);
    tc_free(tmp);
    return st;
}

typedef struct fset {
    uint64_t *k;
    uint32_t *c;
    size_t cap, n;
    uint32_t min; /* keep features seen at least this often */
} fset;

static void fset_free(fset *f)
{
    tc_free(f->k);
    tc_free(f->c);
    f->k = NULL;
    f->c = NULL;
    f->cap = f->n = 0;
}

typedef struct trainer {
    tc_diag *diag;
    uint32_t nclass, nfeats, npass;
    tc_strmap classes, feats;
    tc_buf str;                     /* string blob under construction */
    uint32_t *cls_upos, *cls_xpos;  /* nclass */
    uint32_t *feats_off;            /* nfeats */
    uint32_t *cand_off;             /* nclass + 1 */
    uint16_t *cand;
    size_t ncand;
    /* word table */
    uint32_t wcap, *wfp, *wamb;
    uint16_t *wsure;
    uint32_t *wwn;
    /* WordNet forms */
    uint32_t wncap;
    uint16_t *wnfp;
    uint8_t *wnval;
    uint16_t *wnlex;
    /* lemma table */
    uint32_t lcap, *lfp, *lval;
    ttab tab[3];
    fset freq;
    /* per-token gold: class and feats ids, flat over train */
    uint16_t **gcls, **gfeat;
} trainer;

static tc_status str_add(tc_buf *b, const char *s, size_t n, uint32_t *off)
{
    *off = (uint32_t)b->len;
    if (tc_buf_append(b, s, n) || tc_buf_putc(b, 0)) return TC_ENOMEM;
    return TC_OK;
}

static const char *nz(const char *s) { return s && *s ? s : "_"; }

/* class id of a gold token; -1 when UPOS is not a UD tag */
static tc_status class_of(trainer *tr, const tc_token *k, int add, int *out)
{
    int u = tc_tagger_upos_index(k->upos);
    *out = -1;
    if (u < 0) return TC_OK;
    char key[256];
    int kl = snprintf(key, sizeof key, "%d\t%s", u, nz(k->xpos));
    if (kl < 0 || (size_t)kl >= sizeof key) return TC_OK;
    int64_t v;
    if (tc_strmap_get(&tr->classes, key, (size_t)kl, &v)) {
        *out = (int)v;
        return TC_OK;
    }
    if (!add) return TC_OK;
    if (tr->nclass >= 65000) return TC_ELIMIT;
    if (tc_strmap_put(&tr->classes, key, (size_t)kl, tr->nclass)) return TC_ENOMEM;
    uint32_t *a = tc_reallocarray(tr->cls_upos, tr->nclass + 1, 4);
    if (!a) return TC_ENOMEM;
    tr->cls_upos = a;
    uint32_t *b = tc_reallocarray(tr->cls_xpos, tr->nclass + 1, 4);
    if (!b) return TC_ENOMEM;
    tr->cls_xpos = b;
    tr->cls_upos[tr->nclass] = (uint32_t)u;
    const char *x = nz(k->xpos);
    if (str_add(&tr->str, x, strlen(x), &tr->cls_xpos[tr->nclass])) return TC_ENOMEM;
    *out = (int)tr->nclass++;
    return TC_OK;
}

static tc_status feat_of(trainer *tr, const char *feats, int *out)
{
    char uf[512];
    int n = tc_tagger_ufeats(feats, uf, sizeof uf);
    if (n < 0) n = 0, uf[0] = 0;
    int64_t v;
    if (tc_strmap_get(&tr->feats, uf, (size_t)n, &v)) {
        *out = (int)v;
        return TC_OK;
    }
    if (tr->nfeats >= 65000) return TC_ELIMIT;
    if (tc_strmap_put(&tr->feats, uf, (size_t)n, tr->nfeats)) return TC_ENOMEM;
    uint32_t *a = tc_reallocarray(tr->feats_off, tr->nfeats + 1, 4);
    if (!a) return TC_ENOMEM;
    tr->feats_off = a;
    if (str_add(&tr->str, uf, (size_t)n, &tr->feats_off[tr->nfeats])) return TC_ENOMEM;
    *out = (int)tr->nfeats++;
    return TC_OK;
}

typedef struct wcount {
    uint64_t key;
    uint32_t cls, count;
    const char *form;
} wcount;

static int wcount_cmp(const void *a, const void *b)
{
    const wcount *x = a, *y = b;
    if (x->key != y->key) return x->key < y->key ? -1 : 1;
    if (x->count != y->count) return x->count > y->count ? -1 : 1;
    return x->cls < y->cls ? -1 : x->cls > y->cls;
}

static int u32cmp(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static tc_status wtable_put(uint32_t *fp, uint32_t cap, uint64_t key, uint32_t *slot)
{
    uint32_t f = (uint32_t)(key >> 32) | 1u;
    uint32_t i = (uint32_t)key & (cap - 1);
    while (fp[i]) {
        if (fp[i] == f) {
            *slot = i;
            return TC_EOF; /* exists */
        }
        i = (i + 1) & (cap - 1);
    }
    fp[i] = f;
    *slot = i;
    return TC_OK;
}

typedef struct wnent {
    uint64_t key;
    uint32_t bits, lex;
    uint8_t cnt[4]; /* synsets per part of speech (capped) */
} wnent;

static int wnent_cmp(const void *a, const void *b)
{
    const wnent *x = a, *y = b;
    return x->key < y->key ? -1 : x->key > y->key;
}

typedef struct wnlist {
    wnent *v;
    size_t n, cap;
} wnlist;

static tc_status wn_push(wnlist *l, const char *w, size_t wl, uint32_t bits, uint32_t lex)
{
    if (!wl || wl >= MAXW || memchr(w, '_', wl)) return TC_OK;
    if (l->n == l->cap) {
        size_t nc = l->cap ? l->cap * 2 : 1 << 16;
        wnent *nv = tc_reallocarray(l->v, nc, sizeof *nv);
        if (!nv) return TC_ENOMEM;
        l->v = nv;
        l->cap = nc;
    }
    char low[MAXW + 1];
    memcpy(low, w, wl);
    low[wl] = 0;
    size_t n = lower_ascii(low, low, sizeof low);
    l->v[l->n].key = wn_key(low, n);
    l->v[l->n].bits = bits;
    l->v[l->n].lex = lex;
    memset(l->v[l->n].cnt, 0, 4);
    l->n++;
    return TC_OK;
}

/* next space-separated field of [*p, e) */
static const char *wn_field(const char **p, const char *e, size_t *len)
{
    const char *s = *p;
    while (s < e && *s == ' ') s++;
    const char *t = s;
    while (t < e && *t != ' ' && *t != '\n') t++;
    *len = (size_t)(t - s);
    *p = t;
    return s;
}

/* Names in data.noun: words of synsets that are instances (@i) or written capitalised. */
static tc_status wn_names(wnlist *l, const char *d, size_t len)
{
    const char *p = d, *e = d + len;
    while (p < e) {
        const char *nl = memchr(p, '\n', (size_t)(e - p));
        const char *le = nl ? nl : e;
        if (*p != ' ') {
            const char *q = p;
            size_t fl;
            wn_field(&q, le, &fl); /* offset */
            wn_field(&q, le, &fl); /* lex file */
            wn_field(&q, le, &fl); /* ss_type */
            const char *f = wn_field(&q, le, &fl);
            unsigned long nw = strtoul(f, NULL, 16);
            int inst = 0;
            for (const char *r = q; r + 3 <= le && !inst; r++)
                if (r[0] == '@' && r[1] == 'i' && r[2] == ' ') inst = 1;
            for (unsigned long k = 0; k < nw && q < le; k++) {
                const char *w = wn_field(&q, le, &fl);
                size_t wl = fl;
                wn_field(&q, le, &fl); /* lex_id */
                if (inst || (*w >= 'A' && *w <= 'Z')) {
                    tc_status st = wn_push(l, w, wl, WN_NP, 0);
                    if (st) return st;
                }
            }
        }
        p = nl ? nl + 1 : e;
    }
    return TC_OK;
}

/* lexicographer bits of the first sense of index line [p, le) (pos 0 noun, 1 verb) */
static uint32_t wn_first_lex(const char *p, const char *le, size_t wl, int pos, const char *data,
                             size_t dlen)
{
    const char *q = p + wl;
    size_t fl;
    wn_field(&q, le, &fl); /* pos */
    wn_field(&q, le, &fl); /* synset_cnt */
    unsigned long np = strtoul(wn_field(&q, le, &fl), NULL, 10);
    for (unsigned long k = 0; k < np; k++) wn_field(&q, le, &fl);
    wn_field(&q, le, &fl); /* sense_cnt */
    wn_field(&q, le, &fl); /* tagsense_cnt */
    const char *o = wn_field(&q, le, &fl);
    if (!fl) return 0;
    unsigned long off = strtoul(o, NULL, 10);
    if (off >= dlen || (off && data[off - 1] != '\n')) return 0;
    const char *dp = data + off, *de = memchr(dp, '\n', dlen - off);
    if (!de) de = data + dlen;
    wn_field(&dp, de, &fl);
    unsigned long lexfn = strtoul(wn_field(&dp, de, &fl), NULL, 10);
    if (pos == 1) return lexfn >= 29 && lexfn <= 44 ? (uint32_t)(lexfn - 28) << 6 : 0;
    if (pos == 2) return (lexfn == 0 ? 3u : lexfn == 1 ? 1u : lexfn == 44 ? 2u : 0u) << 12;
    uint32_t lex = lexfn < 63 ? (uint32_t)lexfn + 1 : 0;
    /* is the word written capitalised in that synset? */
    wn_field(&dp, de, &fl); /* ss_type */
    unsigned long nw = strtoul(wn_field(&dp, de, &fl), NULL, 16);
    for (unsigned long k = 0; k < nw && dp < de; k++) {
        const char *w = wn_field(&dp, de, &fl);
        size_t l2 = fl;
        wn_field(&dp, de, &fl);
        if (l2 == wl && *w >= 'A' && *w <= 'Z') {
            size_t i = 0;
            while (i < wl && (w[i] | 32) == (p[i] | 32)) i++;
            if (i == wl) lex |= LEX_NP1;
        }
    }
    return lex;
}

/* WordNet form table: every single-word entry of index.{noun,verb,adj,adv} with
 * the lexicographer file of its first noun and verb sense (data.noun/verb), every
 * inflected form of {noun,verb,adj}.exc, and the names of data.noun, with their
 * class bits.  Missing files leave the table empty (the features never fire). */
static tc_status build_wn(trainer *tr, const char *dir)
{
    static const char *const pos[4] = {"noun", "verb", "adj", "adv"};
    wnlist l = {NULL, 0, 0};
    tc_status st = TC_OK;
    char *data[3] = {NULL, NULL, NULL};
    size_t dlen[3] = {0, 0, 0};
    char path[4096];
    for (int k = 0; k < 3; k++) {
        snprintf(path, sizeof path, "%s/data.%s", dir, pos[k]);
        data[k] = tc_buf_slurp_path(path, &dlen[k]);
    }
    if (data[0]) st = wn_names(&l, data[0], dlen[0]);
    for (int f = 0; f < 7 && !st; f++) {
        snprintf(path, sizeof path, f < 4 ? "%s/index.%s" : "%s/%s.exc", dir, pos[f & 3]);
        size_t len = 0;
        char *d = tc_buf_slurp_path(path, &len);
        if (!d) continue;
        const char *p = d, *e = d + len;
        while (p < e && !st) {
            const char *nl = memchr(p, '\n', (size_t)(e - p));
            const char *le = nl ? nl : e;
            const char *sp = memchr(p, ' ', (size_t)(le - p));
            size_t wl = (size_t)((sp ? sp : le) - p);
            if (wl && *p != ' ') {
                uint32_t lex = f < 3 && data[f] ? wn_first_lex(p, le, wl, f, data[f], dlen[f]) : 0;
                st = wn_push(&l, p, wl, f < 4 ? 1u << f : 16u << (f & 3), lex);
                if (!st && f < 4) {
                    const char *q = p + wl;
                    size_t fl;
                    wn_field(&q, le, &fl); /* pos */
                    unsigned long c = strtoul(wn_field(&q, le, &fl), NULL, 10);
                    l.v[l.n - 1].cnt[f] = (uint8_t)(c > 255 ? 255 : c);
                }
            }
            p = nl ? nl + 1 : e;
        }
        tc_free(d);
    }
    for (int k = 0; k < 3; k++) tc_free(data[k]);
    wnent *v = l.v;
    if (st || !l.n) {
        tc_free(v);
        return st;
    }
    qsort(v, l.n, sizeof *v, wnent_cmp);
    size_t m = 0;
    for (size_t i = 0; i < l.n; i++) {
        if (m && v[m - 1].key == v[i].key) {
            v[m - 1].bits |= v[i].bits;
            v[m - 1].lex |= v[i].lex;
            for (int k = 0; k < 4; k++)
                if (v[i].cnt[k] > v[m - 1].cnt[k]) v[m - 1].cnt[k] = v[i].cnt[k];
        } else {
            v[m++] = v[i];
        }
    }
    tr->wncap = pow2_for(m);
    tr->wnfp = tc_calloc(tr->wncap, 2);
    tr->wnval = tc_calloc(tr->wncap, 1);
    tr->wnlex = tc_calloc(tr->wncap, 2);
    if (!tr->wnfp || !tr->wnval || !tr->wnlex) {
        tc_free(v);
        return TC_ENOMEM;
    }
    for (size_t i = 0; i < m; i++) {
        uint32_t slot = (uint32_t)v[i].key & (tr->wncap - 1);
        while (tr->wnfp[slot]) slot = (slot + 1) & (tr->wncap - 1);
        tr->wnfp[slot] = wn_fp(v[i].key);
        tr->wnval[slot] = (uint8_t)v[i].bits;
        /* the part of speech with most synsets */
        int dom = -1;
        for (int k = 0; k < 4; k++)
            if (v[i].cnt[k] && (dom < 0 || v[i].cnt[k] > v[i].cnt[dom])) dom = k;
        tr->wnlex[slot] = (uint16_t)(v[i].lex | (uint32_t)(dom + 1) << 14);
    }
    tc_free(v);
    return TC_OK;
}

/* Build class/feats maps, candidates, the word table and the lemma table. */
static tc_status build_dicts(trainer *tr, const tc_doc *train)
{
    tc_status st;
    size_t ntok = 0;
    tr->gcls = tc_calloc(train->nsent, sizeof *tr->gcls);
    tr->gfeat = tc_calloc(train->nsent, sizeof *tr->gfeat);
    if (!tr->gcls || !tr->gfeat) return TC_ENOMEM;
    for (uint32_t i = 0; i < train->nsent; i++) ntok += train->sent[i].ntok;
    wcount *wc = tc_malloc((ntok + 1) * sizeof *wc);
    if (!wc) return TC_ENOMEM;
    size_t nwc = 0;
    for (uint32_t i = 0; i < train->nsent; i++) {
        const tc_sentence *s = &train->sent[i];
        tr->gcls[i] = tc_malloc((s->ntok + 1) * sizeof **tr->gcls);
        tr->gfeat[i] = tc_malloc((s->ntok + 1) * sizeof **tr->gfeat);
        if (!tr->gcls[i] || !tr->gfeat[i]) {
            tc_free(wc);
            return TC_ENOMEM;
        }
        for (uint32_t j = 0; j < s->ntok; j++) {
            int c, f;
            if ((st = class_of(tr, &s->tok[j], 1, &c)) || (st = feat_of(tr, s->tok[j].feats, &f))) {
                tc_free(wc);
                return st;
            }
            if (c < 0) {
                tc_diag_emit(tr->diag, TC_LOG_ERROR, train->path, 0,
                             "sentence %u word %u: UPOS '%s' is not a UD tag", (unsigned)i + 1,
                             (unsigned)j + 1, nz(s->tok[j].upos));
                tc_free(wc);
                return TC_EPARSE;
            }
            tr->gcls[i][j] = (uint16_t)c;
            tr->gfeat[i][j] = (uint16_t)f;
            char low[MAXW + 1];
            size_t n = lower_ascii(s->tok[j].form ? s->tok[j].form : "", low, sizeof low);
            wc[nwc].key = word_key(low, n);
            wc[nwc].cls = (uint32_t)c;
            wc[nwc].count = 1;
            wc[nwc].form = s->tok[j].form ? s->tok[j].form : "";
            nwc++;
        }
    }
    /* candidates: counts per (class, feats) */
    uint32_t *cf = tc_calloc((size_t)tr->nclass * tr->nfeats, sizeof *cf);
    if (!cf) {
        tc_free(wc);
        return TC_ENOMEM;
    }
    for (uint32_t i = 0; i < train->nsent; i++)
        for (uint32_t j = 0; j < train->sent[i].ntok; j++)
            cf[(size_t)tr->gcls[i][j] * tr->nfeats + tr->gfeat[i][j]]++;
    tr->cand_off = tc_malloc((tr->nclass + 1) * sizeof *tr->cand_off);
    tr->cand = tc_malloc(((size_t)tr->nclass * tr->nfeats + 1) * sizeof *tr->cand);
    if (!tr->cand_off || !tr->cand) {
        tc_free(cf);
        tc_free(wc);
        return TC_ENOMEM;
    }
    tr->ncand = 0;
    for (uint32_t c = 0; c < tr->nclass; c++) {
        tr->cand_off[c] = (uint32_t)tr->ncand;
        const uint32_t *row = cf + (size_t)c * tr->nfeats;
        /* most frequent first (selection; small) */
        for (;;) {
            uint32_t best = UINT32_MAX, bc = 0;
            for (uint32_t f = 0; f < tr->nfeats; f++)
                if (row[f] > bc) {
                    bc = row[f];
                    best = f;
                }
            if (best == UINT32_MAX) break;
            tr->cand[tr->ncand++] = (uint16_t)best;
            cf[(size_t)c * tr->nfeats + best] = 0;
        }
    }
    tr->cand_off[tr->nclass] = (uint32_t)tr->ncand;
    tc_free(cf);
    /* word table: aggregate (key, class) counts */
    qsort(wc, nwc, sizeof *wc, wcount_cmp);
    size_t m = 0;
    for (size_t i = 0; i < nwc; i++) {
        if (m && wc[m - 1].key == wc[i].key && wc[m - 1].cls == wc[i].cls)
            wc[m - 1].count++;
        else
            wc[m++] = wc[i];
    }
    nwc = m;
    qsort(wc, nwc, sizeof *wc, wcount_cmp); /* by key, then count desc */
    size_t nwords = 0;
    for (size_t i = 0; i < nwc; i++)
        if (!i || wc[i].key != wc[i - 1].key) nwords++;
    tr->wcap = pow2_for(nwords);
    tr->wfp = tc_calloc(tr->wcap, 4);
    tr->wamb = tc_calloc(tr->wcap, 4);
    tr->wsure = tc_calloc(tr->wcap, 2);
    tr->wwn = tc_calloc(tr->wcap, 4);
    if (!tr->wfp || !tr->wamb || !tr->wsure || !tr->wwn) {
        tc_free(wc);
        return TC_ENOMEM;
    }
    for (size_t i = 0; i < nwc;) {
        size_t e = i;
        uint32_t tot = 0;
        while (e < nwc && wc[e].key == wc[i].key) tot += wc[e++].count;
        if (tot >= 3) {
            uint32_t cl[64];
            int ncl = 0;
            for (size_t k = i; k < e && ncl < 64; k++)
                if (wc[k].count * 10 >= tot) cl[ncl++] = wc[k].cls;
            qsort(cl, (size_t)ncl, 4, u32cmp);
            uint64_t h = 0x5bd1e995;
            for (int k = 0; k < ncl; k++) h = tc_hash_mix(h ^ (cl[k] + 1));
            uint32_t slot;
            wtable_put(tr->wfp, tr->wcap, wc[i].key, &slot);
            tr->wamb[slot] = (uint32_t)h | 1u;
            if (tr->wncap) {
                wnview wn = {tr->wncap - 1, 0, tr->wnfp, tr->wnval, tr->wnlex};
                char low[MAXW + 1];
                size_t ln = lower_ascii(wc[i].form, low, sizeof low);
                uint32_t lex;
                tr->wwn[slot] = wn_classes(&wn, low, ln, &lex);
                tr->wwn[slot] |= lex << 16;
            }
            if (SURE_ON && tot >= SURE_MIN && (double)wc[i].count >= SURE_FRAC * tot)
                tr->wsure[slot] = (uint16_t)(wc[i].cls + 1);
        }
        i = e;
    }
    tc_free(wc);
    return TC_OK;
}

/* lemma table: votes per (lower form, UPOS) */
typedef struct lvote {
    uint64_t key, ukey; /* ukey: the (form, UPOS) key of an (form, UPOS, XPOS) vote, else 0 */
    const char *rule;   /* NULL same, "" lower, else lemma */
    uint32_t count;
} lvote;

static int rule_eq(const char *a, const char *b)
{
    if (!a || !b) return a == b;
    return strcmp(a, b) == 0;
}

static int lvote_cmp(const void *a, const void *b)
{
    const lvote *x = a, *y = b;
    if (x->key != y->key) return x->key < y->key ? -1 : 1;
    const char *rx = x->rule ? x->rule : "\x01", *ry = y->rule ? y->rule : "\x01";
    return strcmp(rx, ry);
}

static int lvote_cmp2(const void *a, const void *b)
{
    const lvote *x = a, *y = b;
    if (x->key != y->key) return x->key < y->key ? -1 : 1;
    if (x->count != y->count) return x->count > y->count ? -1 : 1;
    const char *rx = x->rule ? x->rule : "\x01", *ry = y->rule ? y->rule : "\x01";
    return strcmp(rx, ry);
}

static tc_status build_lemmas(trainer *tr, const tc_doc *train)
{
    size_t ntok = 0;
    for (uint32_t i = 0; i < train->nsent; i++) ntok += train->sent[i].ntok;
    lvote *v = tc_malloc((3 * ntok + 1) * sizeof *v);
    if (!v) return TC_ENOMEM;
    size_t nv = 0;
    for (uint32_t i = 0; i < train->nsent; i++) {
        const tc_sentence *s = &train->sent[i];
        for (uint32_t j = 0; j < s->ntok; j++) {
            const tc_token *k = &s->tok[j];
            if (!k->form || !k->lemma) continue;
            int u = tc_tagger_upos_index(k->upos);
            if (u < 0) continue;
            char low[256], llow[256];
            size_t n = lower_ascii(k->form, low, sizeof low);
            lower_ascii(k->lemma, llow, sizeof llow);
            if (strlen(k->form) >= sizeof low - 1) continue;
            v[nv].key = lemma_key(low, n, u);
            v[nv].ukey = 0;
            v[nv].count = 1;
            int as_low = strcmp(k->form, low) == 0;
            /* "the form as written" for names only when seen in lower case (al, bin):
             * a capitalised name gives its lemma, so that india and INDIA get India;
             * a number spelt in letters is lowercased (ONe -> one) */
            if (strcmp(k->lemma, k->form) == 0 && ((u == U_PROPN && as_low) || u == U_X ||
                                                  u == U_SYM || u == U_PUNCT ||
                                                  (u == U_NUM && !as_low)))
                v[nv].rule = NULL;
            else if (strcmp(k->lemma, low) == 0)
                v[nv].rule = "";
            else
                v[nv].rule = k->lemma;
            /* a piece of a word split by a space (XPOS GW: "John" of an e-mail address)
             * has the whole word's lemma: it votes only for its (form, UPOS, GW) entry */
            int gw = k->xpos && !strcmp(k->xpos, "GW");
            if (!gw) nv++;
            v[nv] = v[gw ? nv : nv - 1];
            v[nv].ukey = v[nv].key;
            v[nv].key = lemma_xkey(v[nv].ukey, nz(k->xpos));
            nv++;
            if (!gw && (!as_low || u == U_PROPN)) {
                /* the form as written (only kept where it differs from the lowercased
                 * one): for names also in lower case, so that al stays al when Al is
                 * more frequent */
                v[nv] = v[nv - 1];
                v[nv].key = lemma_ckey(k->form, strlen(k->form), u);
                nv++;
            }
        }
    }
    qsort(v, nv, sizeof *v, lvote_cmp);
    size_t m = 0;
    for (size_t i = 0; i < nv; i++) {
        if (m && v[m - 1].key == v[i].key && lvote_cmp(&v[m - 1], &v[i]) == 0)
            v[m - 1].count++;
        else
            v[m++] = v[i];
    }
    nv = m;
    qsort(v, nv, sizeof *v, lvote_cmp2);
    /* best rule per (form, UPOS) key: the first of its run */
    const char **ubest = tc_malloc((nv + 1) * sizeof *ubest);
    uint64_t *ukeys = tc_malloc((nv + 1) * sizeof *ukeys);
    size_t nu = 0;
    if (!ubest || !ukeys) {
        tc_free(ubest);
        tc_free(ukeys);
        tc_free(v);
        return TC_ENOMEM;
    }
    for (size_t i = 0; i < nv; i++)
        if (!v[i].ukey && (!i || v[i].key != v[i - 1].key)) {
            ukeys[nu] = v[i].key;
            ubest[nu++] = v[i].rule;
        }
    /* entries kept (count reused as the mark): the best rule of each key; an XPOS-
     * specific or as-written entry only when it differs from the (form, UPOS) one */
    size_t nk = 0;
    for (size_t i = 0; i < nv; i++) {
        v[i].count = 0;
        if (i && v[i].key == v[i - 1].key) continue;
        if (v[i].ukey) {
            size_t lo = 0, hi = nu;
            while (lo < hi) {
                size_t mid = (lo + hi) / 2;
                if (ukeys[mid] < v[i].ukey) lo = mid + 1;
                else hi = mid;
            }
            if (lo < nu && ukeys[lo] == v[i].ukey && rule_eq(ubest[lo], v[i].rule)) continue;
        }
        v[i].count = 1;
        nk++;
    }
    /* load up to 0.8: probes stay short and the table small */
    tr->lcap = 16;
    while (tr->lcap < nk * 5 / 4 + 2) tr->lcap *= 2;
    tr->lfp = tc_calloc(tr->lcap, 4);
    tr->lval = tc_calloc(tr->lcap, 4);
    if (!tr->lfp || !tr->lval) {
        tc_free(ubest);
        tc_free(ukeys);
        tc_free(v);
        return TC_ENOMEM;
    }
    for (size_t i = 0; i < nv; i++) {
        if (!v[i].count) continue;
        uint32_t slot;
        if (wtable_put(tr->lfp, tr->lcap, v[i].key, &slot) != TC_OK) continue;
        if (!v[i].rule)
            tr->lval[slot] = LEM_SAME;
        else if (!*v[i].rule)
            tr->lval[slot] = LEM_LOWER;
        else if (str_add(&tr->str, v[i].rule, strlen(v[i].rule), &tr->lval[slot])) {
            tc_free(ubest);
            tc_free(ukeys);
            tc_free(v);
            return TC_ENOMEM;
        }
    }
    tc_free(ubest);
    tc_free(ukeys);
    tc_free(v);
    return TC_OK;
}

static tc_status build_image(trainer *tr, uint32_t T, double prune, uint32_t min_upd, void **mem,
                             size_t *len)
{
    imgw w;
    memset(&w, 0, sizeof w);
    tc_status st = TC_OK;
    if (tc_buf_append(&w.b, &w.h, sizeof w.h)) return TC_ENOMEM;
    uint32_t meta[M_COUNT] = {0};
    meta[M_NCLASS] = tr->nclass;
    meta[M_NFEATS] = tr->nfeats;
    meta[M_NPASS] = tr->npass;
    meta[M_WORD_CAP] = tr->wcap;
    meta[M_LEM_CAP] = tr->lcap;
    if ((st = sect_put(&w, S_STR, tr->str.data, tr->str.len)) ||
        (st = sect_put(&w, S_CLS_UPOS, tr->cls_upos, tr->nclass * 4)) ||
        (st = sect_put(&w, S_CLS_XPOS, tr->cls_xpos, tr->nclass * 4)) ||
        (st = sect_put(&w, S_FEATS, tr->feats_off, tr->nfeats * 4)) ||
        (st = sect_put(&w, S_CAND_OFF, tr->cand_off, (tr->nclass + 1) * 4)) ||
        (st = sect_put(&w, S_CAND, tr->cand, tr->ncand * 2)) ||
        (st = sect_put(&w, S_WORD_FP, tr->wfp, (size_t)tr->wcap * 4)) ||
        (st = sect_put(&w, S_WORD_AMB, tr->wamb, (size_t)tr->wcap * 4)) ||
        (st = sect_put(&w, S_WORD_SURE, tr->wsure, (size_t)tr->wcap * 2)) ||
        (st = sect_put(&w, S_LEM_FP, tr->lfp, (size_t)tr->lcap * 4)) ||
        (st = sect_put(&w, S_LEM_VAL, tr->lval, (size_t)tr->lcap * 4)) ||
        (st = sect_put(&w, S_WORD_WN, tr->wwn, (size_t)tr->wcap * 4)) ||
        (st = sect_put(&w, S_WN_FP, tr->wnfp, (size_t)tr->wncap * 2)) ||
        (st = sect_put(&w, S_WN_VAL, tr->wnval, (size_t)tr->wncap)) ||
        (st = sect_put(&w, S_WN_LEX, tr->wnlex, (size_t)tr->wncap * 2)))
        goto fail;
    meta[M_WN_CAP] = tr->wncap;
    for (int k = 0; k < 3; k++) {
        uint32_t cap = 0;
        if (k == 1 && tr->npass < 2) {
            for (int j = 0; j < 4; j++)
                if ((st = sect_put(&w, S_T0_FP + 4 * k + j, NULL, 0))) goto fail;
            continue;
        }
        float scale = 0;
        if ((st = put_table(&w, S_T0_FP + 4 * k, &tr->tab[k], k == 2 ? tr->nfeats : tr->nclass, T,
                            prune, min_upd, &cap, &scale)))
            goto fail;
        if (k == 0) memcpy(&meta[M_SCALE0], &scale, 4);
        meta[M_T0_CAP + k] = cap;
    }
    if ((st = sect_put(&w, S_META, meta, sizeof meta))) goto fail;
    while (w.b.len % 8)
        if (tc_buf_putc(&w.b, 0)) goto nomem;
    memcpy(w.h.magic, MAGIC, 8);
    w.h.version = TC_TAGGER_VERSION;
    w.h.nsect = S_COUNT;
    w.h.size = w.b.len;
    w.h.sum = checksum((const unsigned char *)w.b.data + sizeof w.h, w.b.len - sizeof w.h);
    memcpy(w.b.data, &w.h, sizeof w.h);
    *len = w.b.len;
    *mem = tc_buf_take(&w.b);
    return TC_OK;
nomem:
    st = TC_ENOMEM;
fail:
    tc_buf_free(&w.b);
    return st;
}

static uint64_t splitmix(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static void trainer_free(trainer *tr, const tc_doc *train)
{
    tc_strmap_free(&tr->classes);
    tc_strmap_free(&tr->feats);
    tc_buf_free(&tr->str);
    tc_free(tr->cls_upos);
    tc_free(tr->cls_xpos);
    tc_free(tr->feats_off);
    tc_free(tr->cand_off);
    tc_free(tr->cand);
    tc_free(tr->wfp);
    tc_free(tr->wamb);
    tc_free(tr->wsure);
    tc_free(tr->wwn);
    tc_free(tr->wnfp);
    tc_free(tr->wnval);
    tc_free(tr->wnlex);
    tc_free(tr->lfp);
    tc_free(tr->lval);
    for (int k = 0; k < 3; k++) ttab_free(&tr->tab[k]);
    fset_free(&tr->freq);
    if (tr->gcls)
        for (uint32_t i = 0; i < train->nsent; i++) tc_free(tr->gcls[i]);
    if (tr->gfeat)
        for (uint32_t i = 0; i < train->nsent; i++) tc_free(tr->gfeat[i]);
    tc_free(tr->gcls);
    tc_free(tr->gfeat);
}

/* one training epoch over the sentences in order[] */
/* feature occurrence counts (training only): features seen fewer than FREQ_MIN
 * times with gold context are never used */
#ifndef FREQ_MIN
#define FREQ_MIN 2
#endif

static tc_status fset_add(fset *f, uint64_t key)
{
    if (!key) key = 1;
    if ((f->n + 1) * 2 >= f->cap) {
        size_t nc = f->cap ? f->cap * 2 : 1 << 20;
        uint64_t *k = tc_calloc(nc, sizeof *k);
        uint32_t *c = tc_calloc(nc, sizeof *c);
        if (!k || !c) {
            tc_free(k);
            tc_free(c);
            return TC_ENOMEM;
        }
        for (size_t i = 0; i < f->cap; i++) {
            if (!f->k[i]) continue;
            size_t j = (size_t)f->k[i] & (nc - 1);
            while (k[j]) j = (j + 1) & (nc - 1);
            k[j] = f->k[i];
            c[j] = f->c[i];
        }
        tc_free(f->k);
        tc_free(f->c);
        f->k = k;
        f->c = c;
        f->cap = nc;
    }
    size_t j = (size_t)key & (f->cap - 1);
    while (f->k[j] && f->k[j] != key) j = (j + 1) & (f->cap - 1);
    if (!f->k[j]) {
        f->k[j] = key;
        f->n++;
    }
    f->c[j]++;
    return TC_OK;
}

static uint32_t fset_count(const fset *f, uint64_t key)
{
    if (!f->cap) return 0;
    if (!key) key = 1;
    size_t j = (size_t)key & (f->cap - 1);
    while (f->k[j]) {
        if (f->k[j] == key) return f->c[j];
        j = (j + 1) & (f->cap - 1);
    }
    return 0;
}

static int filter_keys(const fset *f, uint64_t *keys, int nk)
{
    if (!f || !f->cap) return nk;
    int m = 0;
    for (int k = 0; k < nk; k++)
        if (fset_count(f, keys[k]) >= f->min) keys[m++] = keys[k];
    return m;
}

static tc_status count_features(trainer *tr, tc_tagger *view, const tc_doc *train, fset *f)
{
    size_t maxn = 0;
    for (uint32_t i = 0; i < train->nsent; i++)
        if (train->sent[i].ntok > maxn) maxn = train->sent[i].ntok;
    atom *Abuf = tc_malloc((maxn + 4) * sizeof *Abuf);
    uint16_t *g1 = tc_malloc((maxn + 1) * 2);
    tc_status st = TC_OK;
    if (!Abuf || !g1) {
        st = TC_ENOMEM;
        goto out;
    }
    uint64_t keys[NFEAT_MAX];
    for (uint32_t si = 0; si < train->nsent && !st; si++) {
        const tc_sentence *s = &train->sent[si];
        int n = (int)s->ntok;
        if (!n) continue;
        fill_atoms(view, Abuf, s);
        atom *A = Abuf + 2;
        for (int i = 0; i < n; i++) g1[i] = (uint16_t)(tr->gcls[si][i] + 1);
        for (int i = 0; i < n && !st; i++) {
            int nk = tag_feats(A, i, n, g1, tr->npass > 1 ? g1 : NULL, keys);
            for (int k = 0; k < nk && !st; k++) st = fset_add(f, keys[k]);
            nk = feat_feats(view, tr->cls_upos, A, i, n, tr->gcls[si], keys);
            for (int k = 0; k < nk && !st; k++) st = fset_add(f, keys[k]);
        }
    }
out:
    tc_free(Abuf);
    tc_free(g1);
    return st;
}

/* what: 1 pass 1, 2 pass 2, 4 feats.  Sentences with si % K == skip are left out
 * (skip < 0: none).  jk: right-context tags for pass 2 (NULL: pass 1's own). */
static tc_status train_epoch(trainer *tr, tc_tagger *view, const tc_doc *train,
                             const uint32_t *order, uint32_t *T, size_t *nerr, int what, int skip,
                             int K, uint16_t *const *jk)
{
    const fset *freq = tr->freq.cap ? &tr->freq : NULL;
    size_t maxn = 0;
    for (uint32_t i = 0; i < train->nsent; i++)
        if (train->sent[i].ntok > maxn) maxn = train->sent[i].ntok;
    atom *Abuf = tc_malloc((maxn + 4) * sizeof *Abuf);
    uint16_t *t1 = tc_malloc((maxn + 1) * 2), *t2 = tc_malloc((maxn + 1) * 2);
    uint32_t nsc = tr->nfeats > tr->nclass ? tr->nfeats : tr->nclass;
    float *sc = tc_malloc(nsc * sizeof *sc);
    tc_status st = TC_OK;
    if (!Abuf || !t1 || !t2 || !sc) {
        st = TC_ENOMEM;
        goto out;
    }
    uint64_t keys[NFEAT_MAX];
    for (uint32_t oi = 0; oi < train->nsent; oi++) {
        uint32_t si = order[oi];
        const tc_sentence *s = &train->sent[si];
        int n = (int)s->ntok;
        if (!n || (skip >= 0 && (int)(si % (uint32_t)K) == skip)) continue;
        fill_atoms(view, Abuf, s);
        atom *A = Abuf + 2;
        const uint16_t *g = tr->gcls[si];
        for (uint32_t pass = 0; pass < tr->npass; pass++) {
            if (!(what & (1 << pass))) continue;
            uint16_t *out = pass ? t2 : t1;
            const uint16_t *right = pass ? (jk ? jk[si] : t1) : NULL;
            for (int i = 0; i < n; i++) {
                if (A[i].sure) {
                    out[i] = (uint16_t)A[i].sure;
                    continue;
                }
                int nk = filter_keys(freq, keys, tag_feats(A, i, n, out, right, keys));
                memset(sc, 0, tr->nclass * sizeof *sc);
                ttab_score(&tr->tab[pass], keys, nk, sc);
                int best = 0;
                for (uint32_t c = 1; c < tr->nclass; c++)
                    if (sc[c] > sc[best]) best = (int)c;
                (*T)++;
                if (best != g[i]) {
                    if (pass == tr->npass - 1) (*nerr)++;
                    if ((st = ttab_update(&tr->tab[pass], keys, nk, g[i], best, *T))) goto out;
                }
                out[i] = (uint16_t)(best + 1);
            }
        }
        /* feats, with gold tag context */
        const uint16_t *gf = tr->gfeat[si];
        for (int i = 0; i < n && (what & 4); i++) {
            uint32_t c = g[i], a = tr->cand_off[c], b = tr->cand_off[c + 1];
            if (b - a < 2) continue;
            int nk = filter_keys(freq, keys, feat_feats(view, tr->cls_upos, A, i, n, g, keys));
            for (uint32_t j = a; j < b; j++) sc[tr->cand[j]] = 0;
            ttab_score(&tr->tab[2], keys, nk, sc);
            uint16_t best = tr->cand[a];
            for (uint32_t j = a + 1; j < b; j++)
                if (sc[tr->cand[j]] > sc[best]) best = tr->cand[j];
            (*T)++;
            if (best != gf[i] && (st = ttab_update(&tr->tab[2], keys, nk, gf[i], best, *T))) goto out;
        }
    }
out:
    tc_free(Abuf);
    tc_free(t1);
    tc_free(t2);
    tc_free(sc);
    return st;
}

static void ttab_average(ttab *t, uint32_t T)
{
    if (!T) return;
    for (size_t r = 0; r < t->nrows; r++)
        for (uint32_t j = 0; j < t->rows[r].n; j++) {
            tent *e = &t->rows[r].e[j];
            e->w = (e->tot + (float)(T - e->ts) * e->w) / (float)T;
            e->tot = 0;
            e->ts = 0;
        }
}

/* greedy pass-1 tags (class + 1) of a sentence with the training table */
static tc_status predict_pass1(trainer *tr, tc_tagger *view, const tc_sentence *s, uint16_t *out)
{
    int n = (int)s->ntok;
    atom *Abuf = tc_malloc(((size_t)n + 4) * sizeof *Abuf);
    float *sc = tc_malloc(tr->nclass * sizeof *sc);
    if (!Abuf || !sc) {
        tc_free(Abuf);
        tc_free(sc);
        return TC_ENOMEM;
    }
    fill_atoms(view, Abuf, s);
    atom *A = Abuf + 2;
    uint64_t keys[NFEAT_MAX];
    for (int i = 0; i < n; i++) {
        if (A[i].sure) {
            out[i] = (uint16_t)A[i].sure;
            continue;
        }
        int nk = tag_feats(A, i, n, out, NULL, keys);
        memset(sc, 0, tr->nclass * sizeof *sc);
        ttab_score(&tr->tab[0], keys, nk, sc);
        int best = 0;
        for (uint32_t c = 1; c < tr->nclass; c++)
            if (sc[c] > sc[best]) best = (int)c;
        out[i] = (uint16_t)(best + 1);
    }
    tc_free(Abuf);
    tc_free(sc);
    return TC_OK;
}

static void shuffle(uint32_t *order, uint32_t n, uint64_t *rng)
{
    for (uint32_t i = n; i > 1; i--) {
        uint32_t j = (uint32_t)(splitmix(rng) % i);
        uint32_t x = order[i - 1];
        order[i - 1] = order[j];
        order[j] = x;
    }
}

/* Jackknifed pass-1 tags for pass-2 training: K models, each trained without one fold. */
static tc_status jackknife(trainer *tr, tc_tagger *view, const tc_doc *train, uint32_t *order,
                           uint64_t *rng, int K, int epochs, uint16_t **jk)
{
    tc_status st = TC_OK;
    for (int f = 0; f < K; f++) {
        ttab_free(&tr->tab[0]);
        uint32_t T = 0;
        size_t nerr = 0;
        for (int e = 0; e < epochs; e++) {
            shuffle(order, train->nsent, rng);
            if ((st = train_epoch(tr, view, train, order, &T, &nerr, 1, f, K, NULL))) return st;
        }
        ttab_average(&tr->tab[0], T);
        for (uint32_t si = (uint32_t)f; si < train->nsent; si += (uint32_t)K)
            if (train->sent[si].ntok && (st = predict_pass1(tr, view, &train->sent[si], jk[si])))
                return st;
        tc_diag_emit(tr->diag, TC_LOG_INFO, NULL, 0, "jackknife fold %d/%d done", f + 1, K);
    }
    ttab_free(&tr->tab[0]);
    return TC_OK;
}

/* dev accuracy of a model image (zeros without dev) */
static tc_status dev_score(const tc_doc *dev, const void *img, size_t ilen, tc_diag *diag, double *u,
                           double *x, double *f)
{
    *u = *x = *f = 0;
    if (!dev || !dev->nsent) return TC_OK;
    tc_tagger *tg = NULL;
    tc_status st = tc_tagger_load_mem(&tg, img, ilen, "trained model", diag);
    if (st) return st;
    st = tc_tagger_accuracy(tg, dev, u, x, f);
    tc_tagger_free(&tg);
    return st;
}

/* "run R/N: " prefix of progress lines of a mixture ("" for one run) */
static const char *runname(int run, int nmix, char *buf, size_t n)
{
    if (nmix <= 1) return "";
    snprintf(buf, n, "run %d/%d: ", run + 1, nmix);
    return buf;
}

tc_status tc_tagger_train(const tc_doc *train, const tc_doc *dev, const tc_tagger_train_opts *opts,
                          void **model, size_t *model_len, tc_diag *diag)
{
    *model = NULL;
    *model_len = 0;
    int epochs = opts && opts->epochs > 0 ? opts->epochs : 12;
    uint64_t seed = opts ? opts->seed : 1;
    double prune = opts && opts->prune >= 0 ? opts->prune : 0.05;
    uint32_t min_upd = opts && opts->min_updates > 0 ? (uint32_t)opts->min_updates : MIN_UPD;
    trainer tr;
    memset(&tr, 0, sizeof tr);
    tr.diag = diag;
    tr.npass = NPASS;
    tc_strmap_init(&tr.classes);
    tc_strmap_init(&tr.feats);
    tc_status st;
    uint32_t *order = NULL;
    uint16_t **jk = NULL;
    void *best = NULL;
    size_t bestlen = 0;
    double bestacc = -1;
    int bestep = 0;
    int nmix = opts && opts->mix > 1 ? opts->mix : 1;
    ttab runbest[3], mixsum[3];
    memset(runbest, 0, sizeof runbest);
    memset(mixsum, 0, sizeof mixsum);
    char rn[32];
    tc_tagger view;
    memset(&view, 0, sizeof view);
    if (!train || !train->nsent) {
        tc_diag_emit(diag, TC_LOG_ERROR, NULL, 0, "tagger training: no training sentences");
        st = TC_EINVAL;
        goto out;
    }
    if ((st = build_wn(&tr, opts && opts->wordnet_dir ? opts->wordnet_dir : TC_TAGGER_WORDNET_DIR)) ||
        (st = build_dicts(&tr, train)) || (st = build_lemmas(&tr, train)))
        goto out;
    view.nclass = tr.nclass;
    view.nfeats = tr.nfeats;
    view.words.mask = tr.wcap - 1;
    view.words.fp = tr.wfp;
    view.words.val = tr.wamb;
    view.words.sure = tr.wsure;
    view.word_wn = tr.wwn;
    view.wn.mask = tr.wncap ? tr.wncap - 1 : 0;
    view.wn.fp = tr.wnfp;
    view.wn.val = tr.wnval;
    view.wn.lex = tr.wnlex;
    tc_diag_emit(diag, TC_LOG_INFO, NULL, 0,
                 "tagger training: %u sentences, %u tag classes, %u feature sets, %u lemma entries",
                 (unsigned)train->nsent, (unsigned)tr.nclass, (unsigned)tr.nfeats, (unsigned)tr.lcap);
    tr.freq.min = opts && opts->min_count > 0 ? (uint32_t)opts->min_count : FREQ_MIN;
    if (tr.freq.min > 1 && (st = count_features(&tr, &view, train, &tr.freq))) goto out;
    order = tc_malloc(train->nsent * sizeof *order);
    if (!order) {
        st = TC_ENOMEM;
        goto out;
    }
    for (uint32_t i = 0; i < train->nsent; i++) order[i] = i;
    uint64_t rng = seed ^ 0x7a66e5d3c0ffee11ULL;
    uint32_t T = 0;
    if (tr.npass == 2 && JK_FOLDS > 1) {
        jk = tc_calloc(train->nsent, sizeof *jk);
        if (!jk) {
            st = TC_ENOMEM;
            goto out;
        }
        for (uint32_t i = 0; i < train->nsent; i++)
            if (!(jk[i] = tc_malloc((train->sent[i].ntok + 1) * sizeof **jk))) {
                st = TC_ENOMEM;
                goto out;
            }
        if ((st = jackknife(&tr, &view, train, order, &rng, JK_FOLDS, JK_EPOCHS, jk))) goto out;
    }
    for (int run = 0; run < nmix; run++) {
        if (run) {
            for (int k = 0; k < 3; k++) ttab_free(&tr.tab[k]);
            T = 0;
        }
        bestacc = -1;
        for (int ep = 1; ep <= epochs; ep++) {
            shuffle(order, train->nsent, &rng);
            size_t nerr = 0;
            if ((st = train_epoch(&tr, &view, train, order, &T, &nerr, 7, -1, 1, jk))) goto out;
            void *img = NULL;
            size_t ilen = 0;
            if ((st = build_image(&tr, T, prune, min_upd, &img, &ilen))) goto out;
            double u = 0, x = 0, f = 0;
            if ((st = dev_score(dev, img, ilen, diag, &u, &x, &f))) {
                tc_free(img);
                goto out;
            }
            tc_diag_emit(diag, TC_LOG_INFO, NULL, 0,
                         "%sepoch %d: train errors %zu; dev UPOS %.2f XPOS %.2f UFeats %.2f; model %zu bytes",
                         runname(run, nmix, rn, sizeof rn), ep, nerr, 100 * u, 100 * x, 100 * f, ilen);
            double acc = dev && dev->nsent ? u + 0.25 * f : (double)ep;
            if (acc > bestacc) {
                bestacc = acc;
                bestep = ep;
                if (nmix > 1) {
                    /* keep this epoch's averaged weights for the mixture */
                    for (int k = 0; k < 3; k++) {
                        ttab_free(&runbest[k]);
                        if ((st = ttab_accum(&runbest[k], &tr.tab[k], T, min_upd))) break;
                    }
                    tc_free(img);
                    if (st) goto out;
                } else {
                    tc_free(best);
                    best = img;
                    bestlen = ilen;
                }
            } else {
                tc_free(img);
            }
        }
        tc_diag_emit(diag, TC_LOG_INFO, NULL, 0, "tagger training: %skeeping epoch %d",
                     runname(run, nmix, rn, sizeof rn), bestep);
        if (nmix > 1)
            for (int k = 0; k < 3; k++)
                if ((st = ttab_accum(&mixsum[k], &runbest[k], 1, 0))) goto out;
    }
    if (nmix > 1) {
        /* the mixture: mean of the runs' chosen averaged weights */
        for (int k = 0; k < 3; k++) {
            ttab_free(&tr.tab[k]);
            tr.tab[k] = mixsum[k];
            memset(&mixsum[k], 0, sizeof mixsum[k]);
        }
        if ((st = build_image(&tr, (uint32_t)nmix, prune, min_upd, &best, &bestlen))) goto out;
        double u = 0, x = 0, f = 0;
        if ((st = dev_score(dev, best, bestlen, diag, &u, &x, &f))) goto out;
        tc_diag_emit(diag, TC_LOG_INFO, NULL, 0,
                     "mixture of %d runs: dev UPOS %.2f XPOS %.2f UFeats %.2f; model %zu bytes", nmix,
                     100 * u, 100 * x, 100 * f, bestlen);
    }
    *model = best;
    *model_len = bestlen;
    best = NULL;
    st = TC_OK;
out:
    if (st == TC_ENOMEM) tc_diag_emit(diag, TC_LOG_ERROR, NULL, 0, "tagger training: out of memory");
    tc_free(best);
    tc_free(order);
    if (jk)
        for (uint32_t i = 0; i < train->nsent; i++) tc_free(jk[i]);
    tc_free(jk);
    for (int k = 0; k < 3; k++) {
        ttab_free(&runbest[k]);
        ttab_free(&mixsum[k]);
    }
    trainer_free(&tr, train);
    return st;
}
