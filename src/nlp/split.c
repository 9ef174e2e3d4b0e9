/* split.c - rule-based sentence splitting over EWT-style tokens (see split.h). */
#include "split.h"

#include <string.h>

#include "core/mem.h"
#include "tokenize.h"

struct tc_splitter {
    tc_split_opts opts;
    tc_tok_list toks;
    uint8_t *bnd; /* per token: 0, 1 = sentence ends after it, 2 = paragraph ends */
    size_t bcap;
    uint32_t *th; /* per token: form and shape hashes (model only) */
    size_t thcap;
    uint8_t *have; /* th computed for the token */
};

struct tc_split_model {
    uint32_t bits;
    float *w;    /* 1 << bits weights */
    int16_t *q;  /* the same, quantised for fast scoring (loaded models) */
};

tc_status tc_split_new(tc_splitter **out, const tc_split_opts *opts)
{
    *out = NULL;
    tc_splitter *sp = tc_calloc(1, sizeof *sp);
    if (!sp) return TC_ENOMEM;
    if (opts) sp->opts = *opts;
    if (!sp->opts.max_tokens) sp->opts.max_tokens = 400;
    *out = sp;
    return TC_OK;
}

void tc_split_free(tc_splitter **spp)
{
    if (!spp || !*spp) return;
    tc_splitter *sp = *spp;
    tc_tok_list_free(&sp->toks);
    tc_free(sp->bnd);
    tc_free(sp->th);
    tc_free(sp->have);
    tc_free(sp);
    *spp = NULL;
}

/* ---------- token predicates ---------- */

typedef struct ctx {
    const char *s;
    size_t len;
    const tc_stok *t;
    size_t n;
    uint8_t *bnd;
    int wrapped;
    tc_split_nl nlmode;
    uint32_t *th;  /* classifier: per-token hashes, computed lazily */
    uint8_t *have;
} ctx;

static size_t tlen(const tc_stok *t) { return t->end - t->start; }

/* all bytes of the token in set */
static int all_in(const ctx *c, const tc_stok *t, const char *set)
{
    for (uint32_t i = t->start; i < t->end; i++)
        if (!strchr(set, c->s[i])) return 0;
    return t->end > t->start;
}

static int is_ellipsis_char(const ctx *c, const tc_stok *t)
{
    return tlen(t) == 3 && memcmp(c->s + t->start, "\xe2\x80\xa6", 3) == 0;
}

/* a token of dots only ("." "..." "....", or U+2026) */
static int is_dots(const ctx *c, const tc_stok *t)
{
    return t->kind == TC_TK_PUNCT && (all_in(c, t, ".") || is_ellipsis_char(c, t));
}

static int ndots(const ctx *c, const tc_stok *t)
{
    return is_ellipsis_char(c, t) ? 3 : (int)tlen(t);
}

/* emoticons are SYM tokens starting with ':' ';' '=' or '<' */
static int is_emoticon(const ctx *c, size_t j)
{
    const tc_stok *t = &c->t[j];
    if (t->kind != TC_TK_SYM || tlen(t) < 2 || tlen(t) > 3) return 0;
    char ch = c->s[t->start];
    return ch == ':' || ch == ';' || ch == '=' || ch == '<';
}

static int is_excl(const ctx *c, const tc_stok *t)
{
    return t->kind == TC_TK_PUNCT && all_in(c, t, ".!?") && !all_in(c, t, ".");
}

static int is_closer(const ctx *c, size_t j)
{
    const tc_stok *t = &c->t[j];
    if (t->flags & TC_TF_CLOSE) return 1;
    /* a straight or ambiguous quote glued to the preceding stop, unless it
     * opens a word glued to it: 'said."The' */
    if ((t->flags & TC_TF_QUOTE) && !(t->flags & TC_TF_SPACE) && !t->nl)
        return !((t->flags & TC_TF_OPEN) && j + 1 < c->n && c->t[j + 1].start == t->end);
    return 0;
}

/* Capitalised function words that typically begin a sentence, by first letter
 * ("|w1|w2|"). */
static const char *const STARTERS[26] = {
    "|a|an|and|at|as|after|are|all|also|although|about|among|analysts|according|asked|another|any|",
    "|but|before|both|because|by|",
    "|can|could|",
    "|did|do|does|despite|during|",
    "|each|earlier|every|",
    "|for|from|",
    "",
    "|he|here|his|her|how|has|have|had|however|",
    "|it|i|its|if|in|is|",
    "",
    "",
    "|last|let|later|",
    "|my|may|might|many|most|meanwhile|more|",
    "|now|next|not|no|nor|none|",
    "|our|or|on|one|oh|officials|other|",
    "|please|police|",
    "",
    "",
    "|she|so|should|some|still|since|such|",
    "|the|they|this|that|these|those|there|their|then|today|tomorrow|two|three|though|to|thanks|thank|",
    "|under|",
    "",
    "|we|when|while|what|why|where|who|which|was|were|will|would|with|well|",
    "",
    "|you|your|yet|yesterday|yes|",
    "",
};

static int is_starter(const ctx *c, size_t j)
{
    if (j >= c->n) return 1;
    const tc_stok *t = &c->t[j];
    if (t->flags & TC_TF_OPEN)
        return (t->flags & TC_TF_QUOTE) && j + 1 < c->n && (c->t[j + 1].flags & TC_TF_UPPER);
    if (!(t->flags & TC_TF_UPPER)) return 0;
    size_t n = t->split ? t->split : tlen(t);
    if (n > 10) return 0;
    char f = (char)(c->s[t->start] | 32);
    if (f < 'a' || f > 'z') return 0;
    char key[13];
    key[0] = '|';
    for (size_t i = 0; i < n; i++) {
        char ch = c->s[t->start + i];
        key[i + 1] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
    }
    key[n + 1] = '|';
    key[n + 2] = 0;
    return strstr(STARTERS[f - 'a'], key) != NULL;
}

/* Could token j begin a sentence (after a full stop)? */
static int sent_start(const ctx *c, size_t j)
{
    if (j >= c->n) return 1;
    const tc_stok *t = &c->t[j];
    if (t->flags & (TC_TF_UPPER | TC_TF_BULLET)) return 1;
    if (t->kind == TC_TK_NUM || t->kind == TC_TK_SYM || t->kind == TC_TK_URL) return 1;
    if (t->flags & TC_TF_OPEN) {
        if (j + 1 >= c->n) return 0;
        /* "... in May. (the vote was later annulled)": EWT train 63 of 64 */
        if (!(t->flags & TC_TF_QUOTE) && (t->flags & TC_TF_SPACE)) return 1;
        const tc_stok *u = &c->t[j + 1];
        return (u->flags & (TC_TF_UPPER | TC_TF_OPEN)) || u->kind == TC_TK_NUM || is_dots(c, u);
    }
    if (is_dots(c, t)) return 1; /* ". . . The practice" */
    return 0;
}

/* A dash standing alone between spaces: after a full stop it often opens a
 * sentence of its own ("... for now. -- Liz"; EWT train 21 of 25), so the rules
 * leave that gap to the classifier. */
static int lone_dash(const ctx *c, size_t j)
{
    if (j >= c->n) return 0;
    const tc_stok *t = &c->t[j];
    if (t->kind != TC_TK_PUNCT || !(t->flags & TC_TF_SPACE)) return 0;
    if (j + 1 < c->n && c->t[j + 1].start == t->end) return 0;
    if (all_in(c, t, "-")) return 1;
    return tlen(t) == 3 && (memcmp(c->s + t->start, "\xe2\x80\x93", 3) == 0 ||
                            memcmp(c->s + t->start, "\xe2\x80\x94", 3) == 0);
}

/* Web text often starts a sentence in lowercase: "... mississippi. i am".  A
 * lowercase word after the stop i (closers skipped up to q) is taken as a new
 * sentence when the stop follows an ordinary word and whitespace follows. */
static int lower_start(const ctx *c, size_t i, size_t q)
{
    if (q >= c->n || i == 0 || q != i + 1) return 0;
    const tc_stok *t = &c->t[q], *p = &c->t[i - 1];
    if (!(t->flags & TC_TF_LOWER) || !(t->flags & TC_TF_SPACE)) return 0;
    if (p->kind == TC_TK_PUNCT || (p->flags & TC_TF_ABBR) || tlen(p) < 2) return 0;
    return 1;
}

/* A short bracketed source after a full stop, "(Jerusalem Post)", followed by
 * a sentence start: returns the index of the closing bracket, else 0. */
static size_t attribution(const ctx *c, size_t q)
{
    if (q >= c->n || c->s[c->t[q].start] != '(' || tlen(&c->t[q]) != 1) return 0;
    for (size_t k = q + 1; k < c->n && k <= q + 6; k++) {
        const tc_stok *t = &c->t[k];
        if (t->nl) return 0;
        if (tlen(t) == 1 && c->s[t->start] == ')') {
            if (k == q + 1 || k + 1 >= c->n) return 0;
            const tc_stok *u = &c->t[k + 1];
            if (u->nl || !(u->flags & TC_TF_SPACE)) return 0;
            return (u->flags & TC_TF_UPPER) || ((u->flags & TC_TF_OPEN) && (u->flags & TC_TF_QUOTE))
                       ? k
                       : 0;
        }
        if (t->kind == TC_TK_PUNCT && !(t->flags & (TC_TF_OPEN | TC_TF_CLOSE)) &&
            c->s[t->start] != ':' && c->s[t->start] != '&')
            return 0; /* a sentence in brackets, or more than a name */
        if (!(t->flags & TC_TF_UPPER) && t->kind != TC_TK_NUM && !(t->flags & TC_TF_ABBR) &&
            c->s[t->start] != ':' && c->s[t->start] != '&')
            return 0;
    }
    return 0;
}

/* "regards", "thanks", "cheers", "sincerely", "best" (the word before a comma) */
static int closing_formula(const ctx *c, size_t k)
{
    static const char *const W[] = {"regards", "thanks", "cheers", "sincerely", "best", "love"};
    const tc_stok *t = &c->t[k];
    size_t n = tlen(t);
    for (size_t i = 0; i < sizeof W / sizeof W[0]; i++) {
        if (strlen(W[i]) != n) continue;
        size_t j = 0;
        while (j < n && (c->s[t->start + j] | 32) == W[i][j]) j++;
        if (j == n) return 1;
    }
    return 0;
}

static int small_number(const ctx *c, const tc_stok *t, long *val)
{
    if (t->kind != TC_TK_NUM || tlen(t) > 2) return 0;
    long v = 0;
    for (uint32_t i = t->start; i < t->end; i++) {
        if (c->s[i] < '0' || c->s[i] > '9') return 0;
        v = v * 10 + (c->s[i] - '0');
    }
    *val = v;
    return 1;
}

/* List marker at token m: "3." "3)" "3.)" (kind 1, value) or "c." (kind 2, letter). */
static int list_marker(const ctx *c, size_t m, long *val)
{
    if (m >= c->n) return 0;
    const tc_stok *t = &c->t[m];
    if (small_number(c, t, val)) {
        if (m + 1 < c->n && c->t[m + 1].start == t->end && c->t[m + 1].kind == TC_TK_PUNCT) {
            const char *p = c->s + c->t[m + 1].start;
            if (*p == '.' && tlen(&c->t[m + 1]) == 1) return 1;
            if (*p == ')') return 1;
        }
        return 0;
    }
    if ((t->flags & TC_TF_ABBR) && t->abbr == TC_AB_INITIAL && tlen(t) == 2 &&
        c->s[t->start] >= 'a' && c->s[t->start] <= 'z') {
        *val = c->s[t->start];
        return 2;
    }
    return 0;
}

/* index after the marker's punctuation */
static size_t after_marker(const ctx *c, size_t m, int kind)
{
    if (kind == 2) return m + 1;
    size_t j = m + 1;
    while (j < c->n && c->t[j].kind == TC_TK_PUNCT && c->t[j].start == c->t[j - 1].end &&
           (c->s[c->t[j].start] == '.' || c->s[c->t[j].start] == ')') && j < m + 3)
        j++;
    return j;
}

/* Token i ends its line like a sentence or a heading lead-in would. */
static int line_ends_sentence_like(const ctx *c, size_t i)
{
    const tc_stok *t = &c->t[i];
    return is_dots(c, t) || is_excl(c, t) || (c->s[t->end - 1] == ':');
}

/* Hard-wrapped text: most lines are long and about equally long (at most 110
 * bytes), and many of them end in the middle of a sentence. */
static int detect_wrapped(const char *s, size_t len)
{
    size_t nlines = 0, maxl = 0, soft = 0;
    const char *p = s, *e = s + len;
    size_t hist[128] = {0};
    while (p < e) {
        const char *q = memchr(p, '\n', (size_t)(e - p));
        if (!q) q = e;
        size_t n = (size_t)(q - p);
        while (n && (p[n - 1] == ' ' || p[n - 1] == '\r' || p[n - 1] == '\t')) n--;
        if (n > 0) {
            nlines++;
            if (n > maxl) maxl = n;
            if (maxl > 110) return 0;
            hist[n]++;
            /* followed directly by another text line, and no stop at the end */
            char last = p[n - 1];
            if (q + 1 < e && q[1] != '\n' && q[1] != '\r' &&
                !(last == '.' || last == '!' || last == '?' || last == ':' || last == '"'))
                soft++;
        }
        p = q + 1;
    }
    if (nlines < 3 || maxl < 50 || soft < 2 || soft * 4 < nlines) return 0;
    size_t longl = 0;
    for (size_t k = maxl - 25; k <= maxl; k++) longl += hist[k];
    return longl * 2 >= nlines;
}

/* ---------- boundary decisions ---------- */

/* bnd values: 0 no boundary, 1 sentence ends after the token, 2 paragraph ends,
 * VETO: no boundary, and the rules are sure of it (the classifier keeps off). */
#define VETO 4

static void decide(ctx *c, uint32_t max_tokens)
{
    const tc_stok *t = c->t;
    size_t n = c->n;
    uint8_t *bnd = c->bnd;
    memset(bnd, 0, n);
    if (!n) return;
    size_t ss = 0;      /* first token of the current sentence */
    int list_kind = 0;  /* list marker kind seen at the start of a sentence in this paragraph */
    long list_val = 0;
    int new_sent = 1;
    for (size_t i = 0; i + 1 < n; i++) {
        size_t j = i + 1;
        if (new_sent) {
            new_sent = 0;
            size_t m = ss;
            if (t[m].flags & TC_TF_BULLET) m++;
            long v;
            int k = list_marker(c, m, &v);
            if (k) {
                list_kind = k;
                list_val = v;
                for (size_t g = ss, a = after_marker(c, m, k); g < a && g + 1 < n; g++)
                    if (!bnd[g]) bnd[g] = VETO;
            } else if (m > ss && !bnd[ss]) {
                bnd[ss] = VETO;
            }
        }
        int b = 0;
        size_t i0 = i, veto_to = 0;
        if (t[j].nl >= 2) {
            b = 2;
        } else if (t[j].nl == 1 && c->nlmode != TC_NL_SPACE) {
            if (c->nlmode == TC_NL_ALWAYS || (t[j].flags & TC_TF_BULLET)) {
                b = 1;
            } else if (c->wrapped) {
                if (t[j].indent >= 2) b = 2;
            } else if ((t[j].flags & TC_TF_LOWER) && !line_ends_sentence_like(c, i) &&
                       ((t[ss].flags & (TC_TF_UPPER | TC_TF_OPEN)) || t[ss].kind == TC_TK_NUM)) {
                b = 0; /* a sentence broken across lines */
            } else {
                b = 1;
            }
        }
        if (!b && (t[j].flags & TC_TF_BULLET)) b = 1;
        if (!b && list_kind) {
            long v;
            int k = list_marker(c, j, &v);
            if (k == list_kind && v == list_val + 1) {
                size_t a = after_marker(c, j, k);
                if (a < n && (t[a].flags & TC_TF_UPPER)) b = 1;
            }
        }
        if (!b) {
            const tc_stok *ti = &t[i];
            if (is_dots(c, ti) && !is_dots(c, &t[j])) {
                /* end of a run of dot tokens */
                size_t rs = i;
                int k = ndots(c, ti);
                while (rs > ss && is_dots(c, &t[rs - 1])) {
                    rs--;
                    k += ndots(c, &t[rs]);
                }
                size_t q = j;
                while (q < n && (is_closer(c, q) || is_emoticon(c, q)) && !t[q].nl) q++;
                int listdot = 0;
                long v;
                if (rs == i && k == 1 && i >= 1 && small_number(c, &t[i - 1], &v) &&
                    (i - 1 == ss || (i - 2 == ss && (t[ss].flags & TC_TF_BULLET))))
                    listdot = 1;
                if (q < n && t[q].nl) {
                    /* the newline rules decide at q */
                    if (q > j) i = q - 2;
                } else if (listdot) {
                    veto_to = q;
                } else if (q >= n) {
                } else if (k == 1) {
                    size_t att = attribution(c, q);
                    if (att) {
                        /* "... Islamic Jihad. (Jerusalem Post) The ..." */
                        bnd[att] = 1;
                        for (size_t g = i; g < att; g++) bnd[g] = VETO;
                        ss = att + 1;
                        new_sent = 1;
                        i = att;
                        continue;
                    }
                    if ((sent_start(c, q) && !(t[q].kind == TC_TK_NUM && !(t[q].flags & TC_TF_SPACE))) ||
                        lower_start(c, i, q)) {
                        bnd[q - 1] = 1;
                        ss = q;
                        new_sent = 1;
                        i = q - 1;
                        continue;
                    }
                    if (!lone_dash(c, q)) veto_to = q;
                } else if (sent_start(c, q) && (t[q].flags & TC_TF_UPPER || t[q].kind == TC_TK_URL)) {
                    if (rs < i && !(t[rs].flags & TC_TF_SPACE) && rs > ss && tlen(&t[rs]) == 1) {
                        /* "compounds. . . . The": the stop ends the sentence, the
                         * ellipsis opens the next one */
                        bnd[rs] = 1;
                        for (size_t g = rs + 1; g < q; g++) bnd[g] = VETO;
                        ss = rs + 1;
                        new_sent = 1;
                        i = q - 1;
                        continue;
                    }
                    /* "...I": the classifier decides (EWT train: 24 of 31 end there);
                     * ". . . I" continues the sentence */
                    int isI = tlen(&t[q]) == 1 && c->s[t[q].start] == 'I';
                    if (k >= 4 || !isI) b = 1, i = q - 1, j = q;
                    else if (rs < i) veto_to = q;
                } else if (!lone_dash(c, q)) {
                    veto_to = q;
                }
            } else if (is_excl(c, ti) && !(i > 0 && c->s[ti->start - 1] == ':' &&
                                           t[i - 1].end == ti->start)) {
                size_t q = j;
                while (q < n && (is_closer(c, q) || is_emoticon(c, q)) && !t[q].nl) q++;
                if (q < n && !t[q].nl &&
                    (!(t[q].flags & TC_TF_LOWER) ||
                     ((memchr(c->s + ti->start, '?', tlen(ti)) ||
                       (i > 0 && (t[i - 1].flags & TC_TF_LOWER))) &&
                      lower_start(c, i, q))) &&
                    !(t[q].kind == TC_TK_PUNCT && !(t[q].flags & TC_TF_OPEN))) {
                    b = 1;
                    i = q - 1;
                    j = q;
                } else if (q > j && q < n && t[q].nl) {
                    i = q - 2;
                } else if (q < n && !t[q].nl && !lone_dash(c, q)) {
                    veto_to = q;
                }
            } else if ((ti->flags & TC_TF_ABBR) && !t[j].nl) {
                switch (ti->abbr) {
                case TC_AB_TITLE:
                    veto_to = j;
                    break;
                case TC_AB_INITIAL:
                    if (is_starter(c, j) && i > ss && (t[i - 1].flags & TC_TF_LOWER)) b = 1;
                    else veto_to = j;
                    break;
                case TC_AB_NUMBER:
                    if (t[j].kind != TC_TK_NUM && is_starter(c, j)) b = 1;
                    else if (t[j].kind == TC_TK_NUM) veto_to = j;
                    break;
                case TC_AB_END:
                    if (sent_start(c, j) && t[j].kind != TC_TK_NUM) b = 1;
                    break;
                default:
                    if (is_starter(c, j)) b = 1;
                    break;
                }
            }
        }
        if (!b && is_emoticon(c, i) && i > ss && !t[j].nl && (t[j].flags & TC_TF_UPPER) &&
            (t[j].flags & TC_TF_SPACE))
            b = 1;
        /* "Warm regards, Bill": a closing formula ends its own sentence */
        if (!b && i > ss && tlen(&t[i]) == 1 && c->s[t[i].start] == ',' &&
            (t[j].flags & TC_TF_UPPER) && (t[j].flags & TC_TF_SPACE) && closing_formula(c, i - 1))
            b = 1;
        /* two URLs in a row */
        if (!b && t[i].kind == TC_TK_URL && t[j].kind == TC_TK_URL) b = 1;
        if (!b && j - ss >= max_tokens) b = 1;
        /* no sentence ends with an opening bracket or quote (EWT train: 0 of 1008) */
        if (!b && (t[i].flags & TC_TF_OPEN) && !t[j].nl) veto_to = j, i0 = i;
        /* "The site is: http://..." - a colon before a URL, number or
         * lowercase word does not end a sentence */
        if (!b && tlen(&t[i]) == 1 && c->s[t[i].start] == ':' && !t[j].nl &&
            !(t[j].flags & (TC_TF_UPPER | TC_TF_OPEN | TC_TF_BULLET)))
            veto_to = j, i0 = i;
        if (!b && veto_to)
            for (size_t g = i0; g < veto_to && g + 1 < n; g++)
                if (!(bnd[g] & 3)) bnd[g] = VETO;
        if (b) {
            bnd[i] = (uint8_t)b;
            if (b == 2) list_kind = 0;
            ss = j;
            new_sent = 1;
        }
    }
    bnd[n - 1] = 1;
}

/* ---------- building the sentences ---------- */

/* The sentence text with whitespace normalised: its tokens, one space where
 * the text had any whitespace (also Unicode spaces) between them. */
static void sent_text(char *dst, const ctx *c, size_t ss, size_t se)
{
    size_t o = 0;
    for (size_t k = ss; k < se; k++) {
        const tc_stok *x = &c->t[k];
        if (k > ss && x->start != c->t[k - 1].end) dst[o++] = ' ';
        memcpy(dst + o, c->s + x->start, x->end - x->start);
        o += x->end - x->start;
    }
    dst[o] = 0;
}

static tc_status build(tc_doc *d, const ctx *c)
{
    const tc_stok *t = c->t;
    size_t ss = 0;
    uint32_t para = 0;
    for (size_t i = 0; i < c->n; i++) {
        if (!(c->bnd[i] & 3)) continue;
        size_t se = i + 1;
        uint32_t nw = 0;
        size_t bytes = 0;
        for (size_t k = ss; k < se; k++) {
            nw += t[k].split ? 2u : 1u;
            bytes += tlen(&t[k]) + (t[k].split ? tlen(&t[k]) + 3 : 1);
        }
        /* EWT splits the period off an abbreviation that ends the sentence */
        int fin = (t[i].flags & TC_TF_ABBR) && !t[i].split && tlen(&t[i]) >= 2 &&
                  c->s[t[i].end - 1] == '.' && se - ss >= 2;
        if (fin) {
            nw++;
            bytes += 2;
        }
        uint32_t a = t[ss].start, e = t[se - 1].end;
        tc_sentence *s = tc_doc_add_sentence(d, a, e, nw);
        if (!s) return TC_ENOMEM;
        s->para = para;
        char *buf = tc_arena_alloc(&d->arena, bytes + (e - a) + 1);
        if (!buf) return TC_ENOMEM;
        char *txt = buf + bytes;
        sent_text(txt, c, ss, se);
        s->text = txt;
        uint32_t w = 0;
        for (size_t k = ss; k < se; k++) {
            const tc_stok *x = &t[k];
            int sa = 1;
            if (k + 1 < c->n) sa = t[k + 1].start != x->end;
            size_t L = tlen(x);
            if (x->split) {
                tc_token *w1 = &s->tok[w], *w2 = &s->tok[w + 1];
                memcpy(buf, c->s + x->start, L);
                buf[L] = 0;
                w1->mwt_form = buf;
                w1->mwt_len = 2;
                buf += L + 1;
                memcpy(buf, c->s + x->start, x->split);
                buf[x->split] = 0;
                w1->form = buf;
                buf += x->split + 1;
                memcpy(buf, c->s + x->start + x->split, L - x->split);
                buf[L - x->split] = 0;
                w2->form = buf;
                buf += L - x->split + 1;
                w1->start = x->start;
                w1->end = x->start + x->split;
                w2->start = w1->end;
                w2->end = x->end;
                w1->space_after = w2->space_after = (uint8_t)sa;
                w += 2;
            } else {
                tc_token *w1 = &s->tok[w];
                if (fin && k == i) L--;
                memcpy(buf, c->s + x->start, L);
                buf[L] = 0;
                w1->form = buf;
                buf += L + 1;
                w1->start = x->start;
                w1->end = x->start + (uint32_t)L;
                w1->space_after = (uint8_t)sa;
                w++;
                if (fin && k == i) {
                    w1->space_after = 0;
                    tc_token *w2 = &s->tok[w];
                    buf[0] = '.';
                    buf[1] = 0;
                    w2->form = buf;
                    buf += 2;
                    w2->start = w1->end;
                    w2->end = x->end;
                    w2->space_after = (uint8_t)sa;
                    w++;
                }
            }
        }
        if (c->bnd[i] == 2) para++;
        ss = se;
    }
    return TC_OK;
}

/* ---------- boundary classifier ---------- */

/* Per-token hashes: [2k] lowercased form (first 24 bytes), [2k+1] shape
 * ("Xx", "x", "X.X.", "d,d", ":)": letters/digits as X x d, repeats collapsed). */
static void tok_hash(const ctx *c, size_t k, uint32_t *out)
{
    const tc_stok *t = &c->t[k];
    const unsigned char *p = (const unsigned char *)c->s + t->start;
    size_t n = tlen(t) < 24 ? tlen(t) : 24;
    uint32_t hf = 2166136261u, hs = 0x811C9DC5u ^ 0x77u;
    unsigned last = 0, ns = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned ch = p[i], cl = ch;
        if (ch >= 'A' && ch <= 'Z') {
            ch += 32;
            cl = 'X';
        } else if (ch >= 'a' && ch <= 'z') {
            cl = 'x';
        } else if (ch >= '0' && ch <= '9') {
            cl = 'd';
        } else if (ch >= 0x80) {
            cl = 'u';
        }
        hf = (hf ^ ch) * 16777619u;
        if (cl != last && ns < 8) {
            hs = (hs ^ cl) * 16777619u;
            ns++;
        }
        last = cl;
    }
    out[0] = hf ^ (hf >> 16);
    out[1] = hs ^ (hs >> 16);
}

/* Make room for the per-token hashes; all marked as not computed. */
static tc_status hash_tokens(tc_splitter *sp, ctx *c)
{
    if (2 * c->n > sp->thcap) {
        size_t cap = 2 * c->n + c->n + 64;
        uint32_t *h = tc_reallocarray(sp->th, cap, sizeof *h);
        uint8_t *hv = tc_realloc(sp->have, cap / 2 + 1);
        if (h) sp->th = h;
        if (hv) sp->have = hv;
        if (!h || !hv) return TC_ENOMEM;
        sp->thcap = cap;
    }
    memset(sp->have, 0, c->n);
    c->th = sp->th;
    c->have = sp->have;
    return TC_OK;
}

static const uint32_t *th_of(const ctx *c, size_t k)
{
    if (!c->have[k]) {
        tok_hash(c, k, c->th + 2 * k);
        c->have[k] = 1;
    }
    return c->th + 2 * k;
}

/* Gaps the classifier looks at (measured on EWT train, where the rules found
 * no boundary): before capitals (except right after a lowercase word: 1% of
 * those are boundaries), symbols, URLs and opening brackets/quotes; before
 * digits unless after a word or number; before closing punctuation only after
 * punctuation or symbols.  Gaps before lowercase words are almost never
 * boundaries there and are skipped. */
static int candidate(const ctx *c, size_t i)
{
    const tc_stok *a = &c->t[i], *b = &c->t[i + 1];
    if (b->nl >= 2) return 0;
    if (c->bnd[i] || b->nl) return 1;
    if (b->flags & (TC_TF_OPEN | TC_TF_BULLET)) return 1;
    if (b->flags & TC_TF_UPPER) return !(a->kind == TC_TK_WORD && (a->flags & TC_TF_LOWER));
    if (b->kind == TC_TK_SYM || b->kind == TC_TK_URL) return 1;
    int ap = a->kind == TC_TK_PUNCT || a->kind == TC_TK_SYM || a->kind == TC_TK_URL;
    if (b->kind == TC_TK_NUM) return ap || (a->flags & (TC_TF_ABBR | TC_TF_UPPER));
    if (b->kind == TC_TK_PUNCT) return ap || (a->flags & TC_TF_ABBR);
    return 0;
}

#define NFEAT 21

static uint32_t fx(uint32_t tmpl, uint32_t a, uint32_t b)
{
    uint32_t x = a * 0x9E3779B1u + b * 0x85EBCA77u + tmpl * 0xC2B2AE3Du;
    x ^= x >> 15;
    x *= 0x2C1B3C6Du;
    return x ^ (x >> 13);
}

static int len_bucket(size_t k)
{
    return k < 2 ? 0 : k < 4 ? 1 : k < 7 ? 2 : k < 12 ? 3 : k < 20 ? 4 : k < 35 ? 5 : 6;
}

/* Features of the gap after token i; slen = tokens since the last boundary. */
static void gap_feats(const ctx *c, size_t i, size_t slen, uint32_t *f)
{
    const tc_stok *a = &c->t[i], *b = &c->t[i + 1];
    const uint32_t *hp = th_of(c, i), *hn = th_of(c, i + 1);
    const uint32_t *hpp = i > 0 ? th_of(c, i - 1) : NULL;
    const uint32_t *hnn = i + 2 < c->n ? th_of(c, i + 2) : NULL;
    uint32_t P = hp[0], PS = hp[1];
    uint32_t N = hn[0], NS = hn[1];
    uint32_t PPS = hpp ? hpp[1] : 1, PP = hpp ? hpp[0] : 1;
    uint32_t NNS = hnn ? hnn[1] : 1, NN = hnn ? hnn[0] : 1;
    uint32_t R = (c->bnd[i] & 3) ? 1 : c->bnd[i] ? 2 : 0;
    uint32_t G = b->nl ? 2 : (b->flags & TC_TF_SPACE) ? 1 : 0;
    uint32_t L = (uint32_t)len_bucket(slen);
    uint32_t K = (uint32_t)(a->kind * 8 + b->kind) + 16 * (uint32_t)a->abbr;
    int k = 0;
    f[k++] = fx(1, 0, 0);
    f[k++] = fx(2, R, 0);
    f[k++] = fx(3, P, 0);
    f[k++] = fx(4, N, 0);
    f[k++] = fx(5, PS, 0);
    f[k++] = fx(6, NS, 0);
    f[k++] = fx(7, PPS, PS);
    f[k++] = fx(8, NS, NNS);
    f[k++] = fx(9, P, N);
    f[k++] = fx(10, PS, NS);
    f[k++] = fx(11, P, NS);
    f[k++] = fx(12, PS, N);
    f[k++] = fx(13, G, R);
    f[k++] = fx(14, G, NS);
    f[k++] = fx(15, R, NS);
    f[k++] = fx(16, L, R);
    f[k++] = fx(17, L, NS);
    f[k++] = fx(19, K, G);
    f[k++] = fx(20, R, P);
    f[k++] = fx(21, PP, P);
    f[k++] = fx(22, N, NN);
}

static float score(const float *w, uint32_t mask, const uint32_t *f)
{
    float s = 0;
    for (int k = 0; k < NFEAT; k++) s += w[f[k] & mask];
    return s;
}

static int32_t score16(const int16_t *w, uint32_t mask, const uint32_t *f)
{
    int32_t s = 0;
    for (int k = 0; k < NFEAT; k++) s += w[f[k] & mask];
    return s;
}

/* int16 copy of the weights, scaled so the largest is +-32000 */
static tc_status quantise(tc_split_model *m)
{
    size_t n = (size_t)1 << m->bits;
    float mx = 0;
    for (size_t i = 0; i < n; i++) {
        float a = m->w[i] < 0 ? -m->w[i] : m->w[i];
        if (a > mx) mx = a;
    }
    m->q = tc_calloc(n, sizeof *m->q);
    if (!m->q) return TC_ENOMEM;
    float k = mx > 0 ? 32000.0f / mx : 0;
    for (size_t i = 0; i < n; i++) {
        float v = m->w[i] * k;
        m->q[i] = (int16_t)(v < 0 ? v - 0.5f : v + 0.5f);
    }
    return TC_OK;
}

/* Replace the rule decisions at candidate gaps by the classifier's. */
static void classify(ctx *c, const tc_split_model *m, uint32_t max_tokens)
{
    uint32_t mask = (1u << m->bits) - 1;
    uint32_t f[NFEAT];
    size_t last = 0; /* first token of the current sentence */
    uint8_t *nb = c->bnd;
    for (size_t i = 0; i + 1 < c->n; i++) {
        if (c->t[i + 1].nl >= 2) {
            last = i + 1;
            continue;
        }
        /* the classifier only adds boundaries where the rules have none */
        if (!nb[i] && candidate(c, i)) {
            gap_feats(c, i, i + 1 - last, f);
            if (m->q ? score16(m->q, mask, f) > 0 : score(m->w, mask, f) > 0) nb[i] = 1;
        }
        if (!(nb[i] & 3) && i + 1 - last >= max_tokens) nb[i] = 1;
        if (nb[i] & 3) last = i + 1;
    }
}

void tc_split_model_free(tc_split_model **mp)
{
    if (!mp || !*mp) return;
    tc_free((*mp)->w);
    tc_free((*mp)->q);
    tc_free(*mp);
    *mp = NULL;
}

static void put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

static uint32_t get32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

#define SM_MAGIC "TCSPLIT1"
/* version 3: the feature set of gap_feats/fx (bump whenever features change) */
#define SM_VERSION 3u

tc_status tc_split_model_save(const tc_split_model *m, const char *path, tc_diag *diag)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        tc_diag_emit(diag, TC_LOG_ERROR, path, 0, "cannot write the splitter model");
        return TC_EIO;
    }
    size_t n = (size_t)1 << m->bits;
    uint32_t cnt = 0;
    for (size_t i = 0; i < n; i++) cnt += m->w[i] != 0;
    unsigned char h[20];
    memcpy(h, SM_MAGIC, 8);
    put32(h + 8, SM_VERSION);
    put32(h + 12, m->bits);
    put32(h + 16, cnt);
    int ok = fwrite(h, 1, 20, f) == 20;
    for (size_t i = 0; ok && i < n; i++) {
        if (m->w[i] == 0) continue;
        unsigned char r[8];
        uint32_t wb;
        memcpy(&wb, &m->w[i], 4);
        put32(r, (uint32_t)i);
        put32(r + 4, wb);
        ok = fwrite(r, 1, 8, f) == 8;
    }
    if (fclose(f) != 0) ok = 0;
    if (!ok) {
        tc_diag_emit(diag, TC_LOG_ERROR, path, 0, "write error");
        return TC_EIO;
    }
    return TC_OK;
}

tc_status tc_split_model_load(tc_split_model **out, const char *path, tc_diag *diag)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f) {
        tc_diag_emit(diag, TC_LOG_ERROR, path, 0, "cannot open the splitter model");
        return TC_EIO;
    }
    unsigned char h[20];
    tc_status st = TC_OK;
    tc_split_model *m = NULL;
    if (fread(h, 1, 20, f) != 20) {
        st = TC_ETRUNC;
        tc_diag_emit(diag, TC_LOG_ERROR, path, 0, "splitter model: truncated header");
        goto done;
    }
    if (memcmp(h, SM_MAGIC, 8) != 0) {
        st = TC_EFORMAT;
        tc_diag_emit(diag, TC_LOG_ERROR, path, 0, "not a splitter model");
        goto done;
    }
    uint32_t ver = get32(h + 8), bits = get32(h + 12), cnt = get32(h + 16);
    if (ver != SM_VERSION) {
        st = TC_EVERSION;
        tc_diag_emit(diag, TC_LOG_ERROR, path, 0, "splitter model version %u, expected %u", ver,
                     SM_VERSION);
        goto done;
    }
    if (bits < 8 || bits > 24 || cnt > (1u << bits)) {
        st = TC_EFORMAT;
        tc_diag_emit(diag, TC_LOG_ERROR, path, 0, "splitter model: bad header");
        goto done;
    }
    m = tc_calloc(1, sizeof *m);
    if (!m || !(m->w = tc_calloc((size_t)1 << bits, sizeof *m->w))) {
        st = TC_ENOMEM;
        goto done;
    }
    m->bits = bits;
    for (uint32_t i = 0; i < cnt; i++) {
        unsigned char r[8];
        if (fread(r, 1, 8, f) != 8) {
            st = TC_ETRUNC;
            tc_diag_emit(diag, TC_LOG_ERROR, path, 0, "splitter model: truncated");
            goto done;
        }
        uint32_t idx = get32(r), wb = get32(r + 4);
        if (idx >= (1u << bits)) {
            st = TC_EFORMAT;
            tc_diag_emit(diag, TC_LOG_ERROR, path, 0, "splitter model: bad index");
            goto done;
        }
        memcpy(&m->w[idx], &wb, 4);
    }
    st = quantise(m);
done:
    fclose(f);
    if (st != TC_OK) {
        tc_split_model_free(&m);
        return st;
    }
    *out = m;
    return TC_OK;
}

tc_status tc_split_train(const char *text, size_t len, const uint32_t *ends, size_t nends,
                         const tc_split_train_opts *o, tc_split_model **out, tc_diag *diag)
{
    *out = NULL;
    unsigned epochs = o && o->epochs ? o->epochs : 10;
    unsigned bits = o && o->bits ? o->bits : 14;
    if (bits < 8 || bits > 24) return TC_EINVAL;
    tc_splitter *sp = NULL;
    tc_status st = tc_split_new(&sp, NULL);
    if (st) return st;
    tc_split_model *m = tc_calloc(1, sizeof *m);
    float *u = tc_calloc((size_t)1 << bits, sizeof *u);
    uint8_t *gold = NULL;
    uint32_t *fs = NULL;
    if (!m || !u || !(m->w = tc_calloc((size_t)1 << bits, sizeof *m->w))) {
        st = TC_ENOMEM;
        goto done;
    }
    m->bits = bits;
    if ((st = tc_tok_scan(text, len, &sp->toks)) != TC_OK) goto done;
    size_t n = sp->toks.n;
    if (n < 2) {
        st = TC_EINVAL;
        goto done;
    }
    sp->bnd = tc_malloc(n);
    sp->bcap = n;
    gold = tc_calloc(n, 1);
    if (!sp->bnd || !gold) {
        st = TC_ENOMEM;
        goto done;
    }
    ctx c = {text, len, sp->toks.t, n, sp->bnd, 0, TC_NL_AUTO, NULL, NULL};
    c.wrapped = detect_wrapped(text, len);
    decide(&c, sp->opts.max_tokens);
    if ((st = hash_tokens(sp, &c)) != TC_OK) goto done;
    /* gold labels: a sentence ends at the end of token i */
    size_t e = 0, npos = 0;
    for (size_t i = 0; i < n; i++) {
        while (e < nends && ends[e] < c.t[i].end) e++;
        if (e < nends && ends[e] == c.t[i].end) {
            gold[i] = 1;
            npos++;
        }
    }
    /* features of every candidate gap, computed once (slen from gold) */
    size_t ncand = 0;
    for (size_t i = 0; i + 1 < n; i++) ncand += !c.bnd[i] && candidate(&c, i);
    fs = tc_reallocarray(NULL, ncand * NFEAT + 1, sizeof *fs);
    uint8_t *y = tc_malloc(ncand + 1);
    if (!fs || !y) {
        tc_free(y);
        st = TC_ENOMEM;
        goto done;
    }
    size_t last = 0, q = 0;
    for (size_t i = 0; i + 1 < n; i++) {
        if (c.t[i + 1].nl >= 2) {
            last = i + 1;
            continue;
        }
        if (!c.bnd[i] && candidate(&c, i)) {
            gap_feats(&c, i, i + 1 - last, fs + q * NFEAT);
            y[q++] = gold[i];
        }
        if (gold[i]) last = i + 1;
    }
    uint32_t mask = (1u << bits) - 1;
    float cnt = 1;
    for (unsigned ep = 0; ep < epochs; ep++) {
        size_t right = 0;
        for (size_t k = 0; k < q; k++) {
            const uint32_t *f = fs + k * NFEAT;
            int pred = score(m->w, mask, f) > 0;
            if (pred == y[k]) {
                right++;
            } else {
                float d = y[k] ? 1.0f : -1.0f;
                for (int j = 0; j < NFEAT; j++) {
                    m->w[f[j] & mask] += d;
                    u[f[j] & mask] += d * cnt;
                }
            }
            cnt += 1;
        }
        tc_diag_emit(diag, TC_LOG_INFO, NULL, 0,
                     "splitter epoch %u: %zu candidate gaps (%zu boundaries), %.2f%% right", ep + 1,
                     q, npos, q ? 100.0 * (double)right / (double)q : 0.0);
    }
    size_t nw = (size_t)1 << bits;
    for (size_t i = 0; i < nw; i++) m->w[i] -= u[i] / cnt;
    tc_free(y);
done:
    tc_free(fs);
    tc_free(gold);
    tc_free(u);
    tc_split_free(&sp);
    if (st != TC_OK) {
        tc_split_model_free(&m);
        return st;
    }
    *out = m;
    return TC_OK;
}

tc_status tc_split_doc(tc_splitter *sp, tc_doc *d)
{
    tc_doc_clear_sentences(d);
    if (!d->text || !d->text_len) return TC_OK;
    tc_status st = tc_tok_scan(d->text, d->text_len, &sp->toks);
    if (st) return st;
    size_t n = sp->toks.n;
    if (!n) return TC_OK;
    if (n > sp->bcap) {
        size_t cap = n + n / 2 + 64;
        uint8_t *b = tc_realloc(sp->bnd, cap);
        if (!b) return TC_ENOMEM;
        sp->bnd = b;
        sp->bcap = cap;
    }
    ctx c = {d->text, d->text_len, sp->toks.t, n, sp->bnd, 0, sp->opts.newline, NULL, NULL};
    if (c.nlmode == TC_NL_AUTO) c.wrapped = detect_wrapped(d->text, d->text_len);
    decide(&c, sp->opts.max_tokens);
    if (sp->opts.model) {
        if ((st = hash_tokens(sp, &c)) != TC_OK) return st;
        classify(&c, sp->opts.model, sp->opts.max_tokens);
    }
    return build(d, &c);
}

/* ---------- CoNLL-U ---------- */

static const char *field(const char *s) { return s && *s ? s : "_"; }

tc_status tc_split_write_conllu(const tc_doc *d, FILE *f)
{
    const char *id = d->id ? d->id : "doc";
    for (uint32_t si = 0; si < d->nsent; si++) {
        const tc_sentence *s = &d->sent[si];
        if (si == 0 || s->para != d->sent[si - 1].para) fputs("# newpar\n", f);
        if (s->id) fprintf(f, "# sent_id = %s\n", s->id);
        else fprintf(f, "# sent_id = %s-%u\n", id, si + 1);
        fprintf(f, "# text = %s\n", s->text ? s->text : "");
        for (uint32_t k = 0; k < s->ntok; k++) {
            const tc_token *w = &s->tok[k];
            if (w->mwt_len > 1 && k + w->mwt_len <= s->ntok) {
                const tc_token *last = &s->tok[k + w->mwt_len - 1];
                fprintf(f, "%u-%u\t%s\t_\t_\t_\t_\t_\t_\t_\t%s\n", k + 1, k + w->mwt_len,
                        field(w->mwt_form), last->space_after ? "_" : "SpaceAfter=No");
            }
            char misc[256];
            const char *m = w->misc;
            int noSA = !w->space_after && !(w->mwt_len > 1);
            /* words inside a multi-word token carry no SpaceAfter */
            if (noSA && k > 0) {
                for (uint32_t q = k; q-- > 0 && k - q < 8;)
                    if (s->tok[q].mwt_len > 1 && q + s->tok[q].mwt_len > k) noSA = 0;
            }
            if (noSA && m) snprintf(misc, sizeof misc, "SpaceAfter=No|%s", m);
            else snprintf(misc, sizeof misc, "%s", noSA ? "SpaceAfter=No" : field(m));
            char head[16] = "_";
            if (w->head >= 0) snprintf(head, sizeof head, "%d", w->head);
            fprintf(f, "%u\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t_\t%s\n", k + 1, field(w->form),
                    field(w->lemma), field(w->upos), field(w->xpos), field(w->feats), head,
                    field(w->deprel), misc);
        }
        fputc('\n', f);
    }
    return ferror(f) ? TC_EIO : TC_OK;
}
