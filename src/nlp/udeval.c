/* udeval.c - CoNLL 2018 evaluation: character spans, word alignment, F1 scores. */
#include "udeval.h"

#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "nlp/tagger.h"

const char *const tc_udeval_names[TC_UD_NMETRICS] = {
    "Tokens", "Sentences", "Words", "UPOS", "XPOS", "UFeats", "Lemmas", "UAS", "LAS"};

typedef struct span {
    uint32_t start, end;
} span;

typedef struct uw {
    span sp;
    int mwt;
    long head; /* global word index, -1 root, -2 unknown */
    const tc_token *t;
} uw;

typedef struct udv {
    tc_buf chars;
    uw *w;
    size_t nw;
    span *tok;
    size_t ntok;
    span *sent;
    size_t nsent;
} udv;

static void udv_free(udv *v)
{
    tc_buf_free(&v->chars);
    tc_free(v->w);
    tc_free(v->tok);
    tc_free(v->sent);
}

/* length of a Unicode space separator (Zs) at p, else 0 */
static size_t zs_len(const unsigned char *p, size_t n)
{
    if (p[0] == ' ') return 1;
    if (n >= 2 && p[0] == 0xC2 && p[1] == 0xA0) return 2;
    if (n >= 3 && p[0] == 0xE1 && p[1] == 0x9A && p[2] == 0x80) return 3; /* U+1680 */
    if (n >= 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] <= 0x8A || p[2] == 0xAF)) return 3;
    if (n >= 3 && p[0] == 0xE2 && p[1] == 0x81 && p[2] == 0x9F) return 3; /* U+205F */
    if (n >= 3 && p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) return 3; /* U+3000 */
    return 0;
}

static tc_status add_chars(tc_buf *b, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    size_t n = strlen((const char *)p);
    while (n) {
        size_t z = zs_len(p, n);
        if (z) {
            p += z;
            n -= z;
            continue;
        }
        if (tc_buf_putc(b, (char)*p)) return TC_ENOMEM;
        p++;
        n--;
    }
    return TC_OK;
}

static tc_status build(const tc_doc *d, udv *v)
{
    memset(v, 0, sizeof *v);
    size_t nw = 0;
    for (uint32_t i = 0; i < d->nsent; i++) nw += d->sent[i].ntok;
    v->w = tc_calloc(nw + 1, sizeof *v->w);
    v->tok = tc_calloc(nw + 1, sizeof *v->tok);
    v->sent = tc_calloc(d->nsent + 1, sizeof *v->sent);
    if (!v->w || !v->tok || !v->sent || tc_buf_reserve(&v->chars, 1)) return TC_ENOMEM;
    for (uint32_t i = 0; i < d->nsent; i++) {
        const tc_sentence *s = &d->sent[i];
        if (!s->ntok) continue;
        size_t base = v->nw;
        uint32_t sstart = (uint32_t)v->chars.len;
        for (uint32_t j = 0; j < s->ntok;) {
            const tc_token *t = &s->tok[j];
            uint32_t len = t->mwt_len > 1 ? t->mwt_len : 1;
            if (j + len > s->ntok) len = s->ntok - j;
            span sp;
            sp.start = (uint32_t)v->chars.len;
            if (add_chars(&v->chars, len > 1 && t->mwt_form ? t->mwt_form : t->form)) return TC_ENOMEM;
            sp.end = (uint32_t)v->chars.len;
            v->tok[v->ntok++] = sp;
            for (uint32_t k = j; k < j + len; k++) {
                uw *w = &v->w[v->nw++];
                w->sp = sp;
                w->mwt = len > 1;
                w->t = &s->tok[k];
                int32_t h = s->tok[k].head;
                w->head = h == 0 ? -1 : (h > 0 && (uint32_t)h <= s->ntok) ? (long)(base + (size_t)h - 1) : -2;
            }
            j += len;
        }
        v->sent[v->nsent].start = sstart;
        v->sent[v->nsent].end = (uint32_t)v->chars.len;
        v->nsent++;
    }
    return TC_OK;
}

static size_t spans_correct(const span *g, size_t ng, const span *s, size_t ns)
{
    size_t gi = 0, si = 0, c = 0;
    while (gi < ng && si < ns) {
        if (s[si].start < g[gi].start) {
            si++;
        } else if (g[gi].start < s[si].start) {
            gi++;
        } else {
            c += g[gi].end == s[si].end;
            gi++;
            si++;
        }
    }
    return c;
}

/* ---- alignment (as conll18_ud_eval.py) ---- */

static int beyond_end(const udv *v, size_t i, uint32_t mend)
{
    if (i >= v->nw) return 1;
    if (v->w[i].mwt) return v->w[i].sp.start >= mend;
    return v->w[i].sp.end > mend;
}

static uint32_t extend_end(const uw *w, uint32_t mend)
{
    return w->mwt && w->sp.end > mend ? w->sp.end : mend;
}

static int form_eq_ci(const char *a, const char *b)
{
    a = a ? a : "";
    b = b ? b : "";
    for (; *a && *b; a++, b++) {
        char x = *a, y = *b;
        if (x >= 'A' && x <= 'Z') x = (char)(x + 32);
        if (y >= 'A' && y <= 'Z') y = (char)(y + 32);
        if (x != y) return 0;
    }
    return *a == *b;
}

static tc_status align(const udv *G, const udv *S, long *s2g)
{
    size_t gi = 0, si = 0;
    for (size_t i = 0; i < S->nw; i++) s2g[i] = -1;
    while (gi < G->nw && si < S->nw) {
        if (G->w[gi].mwt || S->w[si].mwt) {
            uint32_t mend;
            if (G->w[gi].mwt) {
                mend = G->w[gi].sp.end;
                if (!S->w[si].mwt && S->w[si].sp.start < G->w[gi].sp.start) si++;
            } else {
                mend = S->w[si].sp.end;
                if (!G->w[gi].mwt && G->w[gi].sp.start < S->w[si].sp.start) gi++;
            }
            size_t gs = gi, ss = si;
            while (!beyond_end(G, gi, mend) || !beyond_end(S, si, mend)) {
                if (gi < G->nw && (si >= S->nw || G->w[gi].sp.start <= S->w[si].sp.start)) {
                    mend = extend_end(&G->w[gi], mend);
                    gi++;
                } else {
                    mend = extend_end(&S->w[si], mend);
                    si++;
                }
            }
            if (si > ss && gi > gs) {
                size_t ng = gi - gs, ns = si - ss;
                uint32_t *lcs = tc_calloc((ng + 1) * (ns + 1), sizeof *lcs);
                if (!lcs) return TC_ENOMEM;
#define L(a, b) lcs[(a) * (ns + 1) + (b)]
                for (size_t g = ng; g-- > 0;)
                    for (size_t s = ns; s-- > 0;) {
                        uint32_t v = 0;
                        if (form_eq_ci(G->w[gs + g].t->form, S->w[ss + s].t->form)) v = 1 + L(g + 1, s + 1);
                        if (L(g + 1, s) > v) v = L(g + 1, s);
                        if (L(g, s + 1) > v) v = L(g, s + 1);
                        L(g, s) = v;
                    }
                size_t g = 0, s = 0;
                while (g < ng && s < ns) {
                    if (form_eq_ci(G->w[gs + g].t->form, S->w[ss + s].t->form)) {
                        s2g[ss + s] = (long)(gs + g);
                        g++;
                        s++;
                    } else if (L(g, s) == L(g + 1, s)) {
                        g++;
                    } else {
                        s++;
                    }
                }
#undef L
                tc_free(lcs);
            }
        } else {
            if (G->w[gi].sp.start == S->w[si].sp.start && G->w[gi].sp.end == S->w[si].sp.end) {
                s2g[si] = (long)gi;
                gi++;
                si++;
            } else if (G->w[gi].sp.start <= S->w[si].sp.start) {
                gi++;
            } else {
                si++;
            }
        }
    }
    return TC_OK;
}

/* ---- per-word comparisons ---- */

static int eq(const char *a, const char *b)
{
    return strcmp(a && *a ? a : "_", b && *b ? b : "_") == 0;
}

static int cmpstr(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void ufeats_sorted(const char *f, char *out, size_t cap)
{
    char tmp[1024];
    if (tc_tagger_ufeats(f, tmp, sizeof tmp) < 0) {
        tmp[0] = 0;
    }
    char *items[64];
    int n = 0;
    char *p = tmp;
    while (*p && n < 64) {
        items[n++] = p;
        char *bar = strchr(p, '|');
        if (!bar) break;
        *bar = 0;
        p = bar + 1;
    }
    qsort(items, (size_t)n, sizeof *items, cmpstr);
    size_t o = 0;
    out[0] = 0;
    for (int i = 0; i < n; i++) {
        size_t l = strlen(items[i]);
        if (o + l + 2 > cap) break;
        if (o) out[o++] = '|';
        memcpy(out + o, items[i], l);
        o += l;
        out[o] = 0;
    }
}

static int deprel_eq(const char *a, const char *b)
{
    a = a && *a ? a : "_";
    b = b && *b ? b : "_";
    size_t la = strcspn(a, ":"), lb = strcspn(b, ":");
    return la == lb && memcmp(a, b, la) == 0;
}

static void finish(tc_udeval_score *s, size_t gold, size_t sys, size_t correct)
{
    s->gold = gold;
    s->system = sys;
    s->correct = correct;
    s->precision = sys ? (double)correct / (double)sys : 0;
    s->recall = gold ? (double)correct / (double)gold : 0;
    s->f1 = gold + sys ? 2.0 * (double)correct / (double)(gold + sys) : 0;
}

static void first_diff(tc_diag *diag, const udv *G, const udv *S)
{
    size_t i = 0;
    while (i < G->chars.len && i < S->chars.len && G->chars.data[i] == S->chars.data[i]) i++;
    char a[48], b[48];
    size_t la = G->chars.len > i ? G->chars.len - i : 0, lb = S->chars.len > i ? S->chars.len - i : 0;
    if (la > 20) la = 20;
    if (lb > 20) lb = 20;
    memcpy(a, G->chars.data + i, la);
    a[la] = 0;
    memcpy(b, S->chars.data + i, lb);
    b[lb] = 0;
    tc_diag_emit(diag, TC_LOG_ERROR, NULL, 0,
                 "the concatenation of tokens differs between gold and system at character "
                 "%zu: gold '%s', system '%s'",
                 i, a, b);
}

tc_status tc_udeval_compare(const tc_doc *gold, const tc_doc *system, tc_udeval_result *res,
                            tc_diag *diag)
{
    memset(res, 0, sizeof *res);
    udv G, S;
    tc_status st = build(gold, &G);
    if (!st) st = build(system, &S);
    else memset(&S, 0, sizeof S);
    long *s2g = NULL;
    if (st) goto out;
    if (G.chars.len != S.chars.len || memcmp(G.chars.data, S.chars.data, G.chars.len) != 0) {
        first_diff(diag, &G, &S);
        st = TC_EPARSE;
        goto out;
    }
    finish(&res->m[TC_UD_TOKENS], G.ntok, S.ntok, spans_correct(G.tok, G.ntok, S.tok, S.ntok));
    finish(&res->m[TC_UD_SENTENCES], G.nsent, S.nsent,
           spans_correct(G.sent, G.nsent, S.sent, S.nsent));
    s2g = tc_malloc((S.nw + 1) * sizeof *s2g);
    if (!s2g) {
        st = TC_ENOMEM;
        goto out;
    }
    if ((st = align(&G, &S, s2g))) goto out;
    size_t c[TC_UD_NMETRICS] = {0};
    for (size_t si = 0; si < S.nw; si++) {
        if (s2g[si] < 0) continue;
        const uw *gw = &G.w[s2g[si]], *sw = &S.w[si];
        const tc_token *g = gw->t, *s = sw->t;
        c[TC_UD_WORDS]++;
        c[TC_UD_UPOS] += eq(g->upos, s->upos);
        c[TC_UD_XPOS] += eq(g->xpos, s->xpos);
        char fa[1024], fb[1024];
        ufeats_sorted(g->feats, fa, sizeof fa);
        ufeats_sorted(s->feats, fb, sizeof fb);
        c[TC_UD_UFEATS] += strcmp(fa, fb) == 0;
        c[TC_UD_LEMMAS] += (!g->lemma || !strcmp(g->lemma, "_")) ? 1 : eq(g->lemma, s->lemma);
        long sh = sw->head; /* system head mapped to its aligned gold word */
        long mapped = sh == -1 ? -1 : sh >= 0 ? s2g[sh] : -3;
        if (sh >= 0 && mapped < 0) mapped = -3;
        int uas = gw->head != -2 && gw->head == mapped;
        c[TC_UD_UAS] += uas;
        c[TC_UD_LAS] += uas && deprel_eq(g->deprel, s->deprel);
    }
    for (int m = TC_UD_WORDS; m < TC_UD_NMETRICS; m++) finish(&res->m[m], G.nw, S.nw, c[m]);
out:
    if (st == TC_ENOMEM) tc_diag_emit(diag, TC_LOG_ERROR, NULL, 0, "out of memory in evaluation");
    tc_free(s2g);
    udv_free(&G);
    udv_free(&S);
    return st;
}
