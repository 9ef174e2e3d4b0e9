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
    /* a straight or ambiguous quote glued to the preceding stop */
    if ((t->flags & TC_TF_QUOTE) && !(t->flags & TC_TF_SPACE) && !t->nl) return 1;
    return 0;
}

static int ieq(const char *a, size_t n, const char *lw)
{
    size_t m = strlen(lw);
    if (m != n) return 0;
    for (size_t i = 0; i < n; i++) {
        char ch = a[i];
        if (ch >= 'A' && ch <= 'Z') ch = (char)(ch + 32);
        if (ch != lw[i]) return 0;
    }
    return 1;
}

/* Capitalised function words that typically begin a sentence. */
static const char *const STARTERS[] = {
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "this", "that", "these",
    "those", "there", "here", "his", "her", "its", "their", "our", "my", "your", "but", "and",
    "so", "yet", "or", "if", "in", "on", "at", "for", "as", "when", "while", "after", "before",
    "how", "what", "why", "where", "who", "which", "did", "do", "does", "is", "are", "was",
    "were", "will", "would", "can", "could", "should", "may", "might", "has", "have", "had",
    "some", "many", "most", "all", "both", "each", "then", "however", "meanwhile", "also",
    "still", "now", "today", "yesterday", "tomorrow", "last", "next", "one", "two", "three",
    "since", "although", "though", "because", "with", "from", "by", "to", "not", "no", "nor",
    "let", "please", "thanks", "thank", "yes", "well", "oh", "after", "under", "about",
    "among", "despite", "during", "earlier", "later", "officials", "police", "analysts",
    "according", "asked", "other", "another", "such", "more", "every", "any", "none",
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
    for (size_t i = 0; i < sizeof STARTERS / sizeof STARTERS[0]; i++)
        if (STARTERS[i][0] == f && ieq(c->s + t->start, n, STARTERS[i])) return 1;
    return 0;
}

/* Could token j begin a sentence (after a full stop)? */
static int sent_start(const ctx *c, size_t j)
{
    if (j >= c->n) return 1;
    const tc_stok *t = &c->t[j];
    if (t->flags & (TC_TF_UPPER | TC_TF_BULLET)) return 1;
    if (t->kind == TC_TK_NUM || t->kind == TC_TK_SYM) return 1;
    if (t->flags & TC_TF_OPEN) {
        if (j + 1 >= c->n) return 0;
        const tc_stok *u = &c->t[j + 1];
        return (u->flags & (TC_TF_UPPER | TC_TF_OPEN)) || u->kind == TC_TK_NUM || is_dots(c, u);
    }
    if (is_dots(c, t)) return 1; /* ". . . The practice" */
    return 0;
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
            }
        }
        int b = 0;
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
                } else if (q >= n) {
                } else if (k == 1) {
                    if ((sent_start(c, q) && !(t[q].kind == TC_TK_NUM && !(t[q].flags & TC_TF_SPACE))) ||
                        lower_start(c, i, q)) {
                        bnd[q - 1] = 1;
                        ss = q;
                        new_sent = 1;
                        i = q - 1;
                        continue;
                    }
                } else if (sent_start(c, q) && (t[q].flags & TC_TF_UPPER)) {
                    if (rs < i && !(t[rs].flags & TC_TF_SPACE) && rs > ss && tlen(&t[rs]) == 1) {
                        /* "compounds. . . . The": the stop ends the sentence, the
                         * ellipsis opens the next one */
                        bnd[rs] = 1;
                        ss = rs + 1;
                        new_sent = 1;
                        i = q - 1;
                        continue;
                    }
                    int isI = tlen(&t[q]) == 1 && c->s[t[q].start] == 'I';
                    if (k >= 4 || !isI) b = 1, i = q - 1, j = q;
                }
            } else if (is_excl(c, ti) && !(i > 0 && c->s[ti->start - 1] == ':' &&
                                           t[i - 1].end == ti->start)) {
                size_t q = j;
                while (q < n && (is_closer(c, q) || is_emoticon(c, q)) && !t[q].nl) q++;
                if (q < n && !t[q].nl &&
                    (!(t[q].flags & TC_TF_LOWER) ||
                     (memchr(c->s + ti->start, '?', tlen(ti)) && lower_start(c, i, q))) &&
                    !(t[q].kind == TC_TK_PUNCT && !(t[q].flags & TC_TF_OPEN))) {
                    b = 1;
                    i = q - 1;
                    j = q;
                } else if (q > j && q < n && t[q].nl) {
                    i = q - 2;
                }
            } else if ((ti->flags & TC_TF_ABBR) && !t[j].nl) {
                switch (ti->abbr) {
                case TC_AB_TITLE:
                    break;
                case TC_AB_INITIAL:
                    if (is_starter(c, j) && i > ss && (t[i - 1].flags & TC_TF_LOWER)) b = 1;
                    break;
                case TC_AB_NUMBER:
                    if (t[j].kind != TC_TK_NUM && is_starter(c, j)) b = 1;
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
        /* two URLs in a row */
        if (!b && t[i].kind == TC_TK_URL && t[j].kind == TC_TK_URL) b = 1;
        if (!b && j - ss >= max_tokens) b = 1;
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
        if (!c->bnd[i]) continue;
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
    ctx c = {d->text, d->text_len, sp->toks.t, n, sp->bnd, 0, sp->opts.newline};
    if (c.nlmode == TC_NL_AUTO) c.wrapped = detect_wrapped(d->text, d->text_len);
    decide(&c, sp->opts.max_tokens);
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
