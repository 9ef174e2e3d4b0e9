/* lemma.c - lemmatizer: tagger-model lookup, WordNet exceptions and index, suffix rules. */
#include "lemma.h"

#include <stdio.h>
#include <string.h>

#include "core/hash.h"
#include "core/mem.h"

enum { WN_NOUN = 1, WN_VERB = 2, WN_ADJ = 4, WN_ADV = 8 };

struct tc_lemma {
    int have_wn;
    tc_strmap index; /* lemma -> POS bit mask */
    tc_strmap exc;   /* "<pos char><inflected>" -> offset into pool */
    tc_buf pool;     /* base forms, NUL-separated */
};

static const char *const POSNAME[4] = {"noun", "verb", "adj", "adv"};
static const char POSCHAR[4] = {'n', 'v', 'a', 'r'};

static tc_status load_index(tc_lemma *lm, const char *dir, int k, int *found)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/index.%s", dir, POSNAME[k]);
    size_t len;
    char *d = tc_buf_slurp_path(path, &len);
    if (!d) return TC_OK;
    *found = 1;
    const char *p = d, *e = d + len;
    while (p < e) {
        const char *nl = memchr(p, '\n', (size_t)(e - p));
        const char *le = nl ? nl : e;
        if (p < le && *p != ' ') {
            const char *sp = memchr(p, ' ', (size_t)(le - p));
            size_t wl = (size_t)((sp ? sp : le) - p);
            int64_t old = 0;
            tc_strmap_get(&lm->index, p, wl, &old);
            if (tc_strmap_put(&lm->index, p, wl, old | (1 << k))) {
                tc_free(d);
                return TC_ENOMEM;
            }
        }
        p = nl ? nl + 1 : e;
    }
    tc_free(d);
    return TC_OK;
}

static tc_status load_exc(tc_lemma *lm, const char *dir, int k)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.exc", dir, POSNAME[k]);
    size_t len;
    char *d = tc_buf_slurp_path(path, &len);
    if (!d) return TC_OK;
    const char *p = d, *e = d + len;
    char key[256];
    while (p < e) {
        const char *nl = memchr(p, '\n', (size_t)(e - p));
        const char *le = nl ? nl : e;
        const char *sp = memchr(p, ' ', (size_t)(le - p));
        if (sp && (size_t)(sp - p) + 1 < sizeof key) {
            const char *b = sp + 1;
            const char *be = memchr(b, ' ', (size_t)(le - b));
            if (!be) be = le;
            key[0] = POSCHAR[k];
            memcpy(key + 1, p, (size_t)(sp - p));
            int64_t dummy;
            size_t kl = 1 + (size_t)(sp - p);
            if (be > b && !tc_strmap_get(&lm->exc, key, kl, &dummy)) {
                int64_t off = (int64_t)lm->pool.len;
                if (tc_buf_append(&lm->pool, b, (size_t)(be - b)) || tc_buf_putc(&lm->pool, 0) ||
                    tc_strmap_put(&lm->exc, key, kl, off)) {
                    tc_free(d);
                    return TC_ENOMEM;
                }
            }
        }
        p = nl ? nl + 1 : e;
    }
    tc_free(d);
    return TC_OK;
}

tc_status tc_lemma_open(tc_lemma **out, const char *dir, tc_diag *diag)
{
    *out = NULL;
    tc_lemma *lm = tc_calloc(1, sizeof *lm);
    if (!lm) return TC_ENOMEM;
    tc_strmap_init(&lm->index);
    tc_strmap_init(&lm->exc);
    if (!dir) dir = TC_LEMMA_WORDNET_DIR;
    int found = 0;
    tc_status st = TC_OK;
    for (int k = 0; k < 4 && !st; k++) {
        st = load_index(lm, dir, k, &found);
        if (!st) st = load_exc(lm, dir, k);
    }
    if (st) {
        tc_lemma_free(&lm);
        return st;
    }
    lm->have_wn = found;
    if (!found)
        tc_diag_emit(diag, TC_LOG_INFO, dir, 0,
                     "WordNet not found; lemmatizing without it (install wordnet-base)");
    *out = lm;
    return TC_OK;
}

void tc_lemma_free(tc_lemma **lp)
{
    if (!lp || !*lp) return;
    tc_lemma *lm = *lp;
    tc_strmap_free(&lm->index);
    tc_strmap_free(&lm->exc);
    tc_buf_free(&lm->pool);
    tc_free(lm);
    *lp = NULL;
}

int tc_lemma_has_wordnet(const tc_lemma *lm) { return lm && lm->have_wn; }

/* ---------------------------------------------------------------- rules */

static int in_index(const tc_lemma *lm, const char *w, size_t n, int posbit)
{
    int64_t v;
    if (!lm || !lm->have_wn || !n) return 0;
    return tc_strmap_get(&lm->index, w, n, &v) && (v & posbit);
}

static const char *exc_lookup(const tc_lemma *lm, const char *w, size_t n, int k)
{
    char key[256];
    int64_t v;
    if (!lm || n + 1 >= sizeof key) return NULL;
    key[0] = POSCHAR[k];
    memcpy(key + 1, w, n);
    if (tc_strmap_get(&lm->exc, key, n + 1, &v)) return lm->pool.data + v;
    return NULL;
}

static int ends(const char *w, size_t n, const char *suf)
{
    size_t l = strlen(suf);
    return n > l && memcmp(w + n - l, suf, l) == 0;
}

/* a (any case) equals the lowercase string low of length n */
static int eq_nocase(const char *a, const char *low, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char c = a[i];
        if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
        if (c != low[i]) return 0;
    }
    return 1;
}

static int is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

typedef struct rule {
    const char *suf, *rep;
} rule;

static const rule NOUN_RULES[] = {{"s", ""},     {"ses", "s"},   {"xes", "x"}, {"zes", "z"},
                                  {"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"ies", "y"}};
static const rule VERB_RULES[] = {{"s", ""},   {"ies", "y"}, {"es", "e"},  {"es", ""},
                                  {"ed", "e"}, {"ed", ""},   {"ing", "e"}, {"ing", ""}};
static const rule ADJ_RULES[] = {{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}};

static int cvc(const char *s, size_t n)
{
    if (n < 3) return 0;
    char a = s[n - 3], b = s[n - 2], c = s[n - 1];
    return !is_vowel(a) && is_vowel(b) && !is_vowel(c) && c != 'w' && c != 'x' && c != 'y';
}

/* First candidate (in rule order) found in the index, with undoubling for
 * -ed/-ing/-er/-est; when both "stem" and "stem+e" are valid for -ed/-ing, a
 * consonant-vowel-consonant stem takes the e (hoped -> hope, sang... sing). */
static size_t try_rules(const tc_lemma *lm, const char *w, size_t n, const rule *r, size_t nr,
                        int posbit, char *out, size_t cap)
{
    char cand[256], with_e[256] = "", bare[256] = "";
    size_t best = 0, le = 0, lb = 0;
    for (size_t i = 0; i < nr; i++) {
        size_t sl = strlen(r[i].suf), rl = strlen(r[i].rep);
        if (!ends(w, n, r[i].suf) || n - sl + rl + 1 > sizeof cand) continue;
        size_t cl = n - sl;
        memcpy(cand, w, cl);
        memcpy(cand + cl, r[i].rep, rl);
        cl += rl;
        int edding = !strcmp(r[i].suf, "ed") || !strcmp(r[i].suf, "ing");
        int ok = in_index(lm, cand, cl, posbit);
        if (!ok && !rl && cl >= 3 && cand[cl - 1] == cand[cl - 2] && !is_vowel(cand[cl - 1]) &&
            (edding || !strcmp(r[i].suf, "er") || !strcmp(r[i].suf, "est"))) {
            cl--;
            ok = in_index(lm, cand, cl, posbit);
        }
        if (!ok || cl + 1 > cap) continue;
        if (edding && !strcmp(r[i].rep, "e") && !le) {
            memcpy(with_e, cand, cl);
            le = cl;
            continue;
        }
        if (edding && !*r[i].rep && !lb) {
            memcpy(bare, cand, cl);
            lb = cl;
            continue;
        }
        if (!best) {
            memcpy(out, cand, cl);
            out[cl] = 0;
            best = cl;
        }
    }
    if (best) return best;
    if (le && lb) {
        if (lb + 1 == le && memcmp(bare, with_e, lb) == 0 && !cvc(bare, lb)) le = 0;
        else lb = 0;
    }
    if (le) {
        memcpy(out, with_e, le);
        out[le] = 0;
        return le;
    }
    if (lb) {
        memcpy(out, bare, lb);
        out[lb] = 0;
        return lb;
    }
    return 0;
}

static int e_ending(const char *s, size_t n)
{
    /* stems that usually take a silent e back: -at, -iz, -is, -ur, -v, -c, -g after vowel, -u */
    if (n < 2) return 0;
    char a = s[n - 2], b = s[n - 1];
    if (b == 'v' || b == 'u') return 1;
    if (a == 'a' && b == 't') return 1;
    if ((a == 'i' || a == 'y') && (b == 'z' || b == 's')) return 1;
    if (a == 'u' && (b == 'r' || b == 's' || b == 'd' || b == 't')) return 1;
    if (is_vowel(a) && (b == 'c' || b == 'g')) return 1;
    if (a == 'd' && b == 'g') return 1;
    return 0;
}

/* unchecked fallback for inflected forms */
static size_t fallback(const char *w, size_t n, int k, const char *xpos, char *out, size_t cap)
{
    char c[256];
    if (n + 2 > sizeof c) return 0;
    memcpy(c, w, n);
    size_t l = n;
    int vbd = xpos && (!strcmp(xpos, "VBD") || !strcmp(xpos, "VBN"));
    int vbg = xpos && !strcmp(xpos, "VBG");
    if (k == 0 || (k == 1 && !vbd && !vbg)) { /* plural noun / 3sg verb */
        if (ends(c, l, "ies") && l > 4) {
            l -= 3;
            c[l++] = 'y';
        } else if (ends(c, l, "sses") || ends(c, l, "xes") || ends(c, l, "zes") ||
                   ends(c, l, "ches") || ends(c, l, "shes")) {
            l -= 2;
        } else if (ends(c, l, "s") && !ends(c, l, "ss") && !ends(c, l, "us") &&
                   !ends(c, l, "is") && l > 3) {
            l -= 1;
        }
    } else if (k == 1) {
        const char *suf = vbg ? "ing" : "ed";
        size_t sl = strlen(suf);
        if (vbd && ends(c, l, "ied") && l > 4) {
            l -= 3;
            c[l++] = 'y';
        } else if (vbd && ends(c, l, "eed")) {
            l -= 1;
        } else if (ends(c, l, suf) && l > sl + 1) {
            l -= sl;
            if (l >= 3 && c[l - 1] == c[l - 2] && !is_vowel(c[l - 1]) && c[l - 1] != 'l' &&
                c[l - 1] != 's' && c[l - 1] != 'f' && c[l - 1] != 'z')
                l--;
            else if (e_ending(c, l))
                c[l++] = 'e';
        }
    } else if (k == 2) {
        if (ends(c, l, "est") && l > 5) l -= 3;
        else if (ends(c, l, "er") && l > 4) l -= 2;
        if (l >= 3 && c[l - 1] == c[l - 2] && !is_vowel(c[l - 1]) && l < n) l--;
        if (ends(c, l, "i") && l < n) c[l - 1] = 'y';
    }
    if (l + 1 > cap) return 0;
    memcpy(out, c, l);
    out[l] = 0;
    return l;
}

static size_t put(char *buf, size_t cap, const char *s, size_t n)
{
    if (!cap) return 0;
    if (n >= cap) n = cap - 1;
    memcpy(buf, s, n);
    buf[n] = 0;
    return n;
}

static int xpos_is(const char *x, const char *a, const char *b, const char *c, const char *d)
{
    if (!x) return 0;
    return !strcmp(x, a) || (b && !strcmp(x, b)) || (c && !strcmp(x, c)) || (d && !strcmp(x, d));
}

/* *seen: the training-data table had the word (2: as written, 1: lowercased) */
enum { U_ADJ, U_ADP, U_ADV, U_AUX, U_CCONJ, U_DET, U_INTJ, U_NOUN, U_NUM, U_PART, U_PRON, U_PROPN,
       U_PUNCT, U_SCONJ, U_SYM, U_VERB, U_X };

/* in some WordNet index or exception list */
static int wn_word(const tc_lemma *lm, const char *low, size_t n)
{
    for (int k = 0; k < 4; k++)
        if (in_index(lm, low, n, 1 << k) || exc_lookup(lm, low, n, k)) return 1;
    return 0;
}

/* Letters drawn out (sooooo, prettty, VERYYYY): runs of three or more equal letters
 * shortened to two (keep = 2) or one (keep = 1); 0 when the form has no such run or
 * fewer than two different letters (www, Mmmm). */
static size_t unstretch(const char *w, size_t n, size_t keep, char *out, size_t cap)
{
    int run3 = 0, distinct = 0;
    char first = 0;
    for (size_t i = 0; i < n; i++) {
        char c = w[i] | 0x20;
        if (!((w[i] >= 'a' && w[i] <= 'z') || (w[i] >= 'A' && w[i] <= 'Z'))) return 0;
        if (!first) first = c;
        else if (c != first) distinct = 1;
        if (i >= 2 && c == (w[i - 1] | 0x20) && c == (w[i - 2] | 0x20)) run3 = 1;
    }
    if (!run3 || !distinct || n + 1 > cap) return 0;
    size_t l = 0;
    for (size_t i = 0; i < n; i++) {
        size_t r = 1;
        while (i + r < n && (w[i + r] | 0x20) == (w[i] | 0x20)) r++;
        size_t k = r >= 3 ? keep : r;
        for (size_t j = 0; j < k; j++) out[l++] = w[i + j];
        i += r - 1;
    }
    out[l] = 0;
    return l;
}

static size_t lemma_word(const tc_lemma *lm, const tc_tagger *tagger, const char *form, int u,
                         const char *xpos, int flags, char *buf, size_t bufsz, int *seen);

/* a drawn-out form whose shortened spelling the training table (same UPOS) or
 * WordNet knows: lemma of that spelling, else 0 */
static size_t stretched(const tc_lemma *lm, const tc_tagger *tagger, const char *form, size_t fl,
                        int u, const char *xpos, char *buf, size_t bufsz)
{
    for (size_t keep = 2; keep >= 1; keep--) {
        char v[256], vl[256];
        size_t n = unstretch(form, fl, keep, v, sizeof v);
        if (!n) return 0;
        for (size_t i = 0; i <= n; i++) vl[i] = (v[i] >= 'A' && v[i] <= 'Z') ? (char)(v[i] + 32) : v[i];
        const char *lem;
        int lr;
        if ((tagger && u >= 0 && tc_tagger_lemma_lookup(tagger, NULL, vl, n, u, NULL, &lem, &lr)) ||
            wn_word(lm, vl, n)) {
            int seen;
            return lemma_word(lm, tagger, vl, u, xpos, 0, buf, bufsz, &seen);
        }
    }
    return 0;
}

/* only letters, all capitals, at least two */
static int shouted(const char *w, size_t n)
{
    if (n < 2) return 0;
    for (size_t i = 0; i < n; i++)
        if (!(w[i] >= 'A' && w[i] <= 'Z')) return 0;
    return 1;
}

/* flags of a word in its sentence */
enum {
    LW_INITIAL = 1, /* capitalised first word: its capital says nothing (the table
                     * entry of the form as written is not used) */
    LW_SHOUT = 2    /* in a sentence all in capitals: a name in capitals is written
                     * with one capital (TEHRAN -> Tehran) unless the table has it so */
};

/* u: UPOS index (tc_tagger_upos_names) or -1; flags: LW_* */
static size_t lemma_core(const tc_lemma *lm, const tc_tagger *tagger, const char *form, int u,
                         const char *xpos, int flags, char *buf, size_t bufsz, int *seen)
{
    *seen = 0;
    if (!form) form = "";
    size_t fl = strlen(form);
    char low[256];
    if (fl >= sizeof low) return put(buf, bufsz, form, fl);
    for (size_t i = 0; i <= fl; i++) {
        char c = form[i];
        low[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    if (xpos && (!*xpos || !strcmp(xpos, "_"))) xpos = NULL;
    const char *lem;
    int lower_rule;
    int hit = tagger && u >= 0 ? tc_tagger_lemma_lookup(tagger,
                                                        (flags & LW_INITIAL) && u != U_PROPN ? NULL : form,
                                                        low, fl, u, xpos, &lem, &lower_rule)
                               : 0;
    int shout = (flags & LW_SHOUT) && u == U_PROPN && shouted(form, fl);
    if (hit) {
        *seen = hit;
        /* a name not seen as written keeps it when the table differs only in case
         * (Ca, not CA; TEHRAN as written), but a shouted one takes the table's */
        if (u == U_PROPN && hit == 1 && strcmp(form, low) != 0 &&
            (!lem || (strlen(lem) == fl && eq_nocase(lem, low, fl))) && !(shout && lem))
            return put(buf, bufsz, form, fl);
        if (lem) return put(buf, bufsz, lem, strlen(lem));
        return put(buf, bufsz, lower_rule ? low : form, fl);
    }
    /* a plural or a verb written with an apostrophe (DJ's, 1590's, let's): the
     * word before it; decades keep their s (80's -> 80s) */
    size_t al = ends(form, fl, "'s") || ends(form, fl, "'S") ? 2 : ends(form, fl, "\xE2\x80\x99s") ? 4 : 0;
    if (al && fl > al && (u == U_NOUN || u == U_PROPN || u == U_VERB)) {
        char t[256];
        size_t tl = fl - al;
        int digit = 0, alldigit = 1;
        for (size_t i = 0; i < tl; i++) {
            int d = form[i] >= '0' && form[i] <= '9';
            digit |= d;
            alldigit &= d;
        }
        memcpy(t, u == U_PROPN || digit ? form : low, tl);
        if (alldigit && u == U_NOUN && t[tl - 1] == '0') t[tl++] = 's';
        return put(buf, bufsz, t, tl);
    }
    if (u == U_PROPN && xpos && !strcmp(xpos, "NNPS") && fl > 3 &&
        (form[fl - 1] == 's' || form[fl - 1] == 'S') && !ends(low, fl, "ss")) {
        /* Churches -> Church, Embassies -> Embassy, Americans -> American; in
         * lower case the name gets its capital (democrats -> Democrat) */
        char t[256];
        size_t tl = fl - 1;
        memcpy(t, form, fl);
        if (ends(low, fl, "ies")) {
            tl = fl - 2;
            t[fl - 3] = form[fl - 3] == 'I' ? 'Y' : 'y';
        } else if (ends(low, fl, "sses") || ends(low, fl, "xes") || ends(low, fl, "zes") ||
                   ends(low, fl, "ches") || ends(low, fl, "shes"))
            tl = fl - 2;
        if (t[0] >= 'a' && t[0] <= 'z') t[0] = (char)(t[0] - 32);
        return put(buf, bufsz, t, tl);
    }
    if (shout) {
        size_t n = put(buf, bufsz, low, fl);
        buf[0] = form[0];
        return n;
    }
    if (u == U_PROPN || u == U_PUNCT || u == U_SYM || u == U_X)
        return put(buf, bufsz, form, fl);
    size_t sn = stretched(lm, tagger, form, fl, u, xpos, buf, bufsz);
    if (sn) return sn;
    if (u == U_NUM) {
        int letters = 0;
        for (size_t i = 0; i < fl; i++)
            if ((low[i] >= 'a' && low[i] <= 'z')) letters = 1;
        if (letters) return put(buf, bufsz, low, fl);
        /* 12,000 -> 12000, 3,202.61 -> 3202.61; a decimal comma: 7,5 -> 7.5 */
        char t[256];
        size_t tl = 0, ncomma = 0, last = 0, ndot = 0;
        int ok = fl > 0;
        for (size_t i = 0; i < fl; i++) {
            if (form[i] >= '0' && form[i] <= '9') t[tl++] = form[i];
            else if (form[i] == ',' && !ndot && i > 0) {
                ncomma++;
                last = i;
            } else if (form[i] == '.' && !ndot && i > 0 && i + 1 < fl) {
                ndot = 1;
                t[tl++] = '.';
            } else
                ok = 0;
        }
        if (ok && ncomma == 1 && !ndot && fl - last - 1 >= 1 && fl - last - 1 <= 2) {
            memcpy(t, form, fl);
            t[last] = '.';
            tl = fl;
        }
        return ok ? put(buf, bufsz, t, tl) : put(buf, bufsz, form, fl);
    }
    int k = -1, infl = 0;
    if (u == U_NOUN) {
        k = 0;
        infl = xpos ? xpos_is(xpos, "NNS", "NNPS", NULL, NULL) : 1;
    } else if (u == U_VERB || u == U_AUX) {
        k = 1;
        infl = xpos ? xpos_is(xpos, "VBZ", "VBD", "VBN", "VBG") : 1;
    } else if (u == U_ADJ) {
        k = 2;
        infl = xpos ? xpos_is(xpos, "JJR", "JJS", NULL, NULL) : 1;
    } else if (u == U_ADV) {
        k = 3;
        infl = xpos ? xpos_is(xpos, "RBR", "RBS", NULL, NULL) : 1;
    }
    /* an unseen word in capitals that no dictionary knows is an acronym (GISB, SX40) */
    if (k == 0 && !infl && lm && lm->have_wn && fl >= 2 && form[0] != low[0]) {
        int lower = 0;
        for (size_t i = 1; i < fl && !lower; i++) lower = form[i] >= 'a' && form[i] <= 'z';
        if (!lower && !wn_word(lm, low, fl)) return put(buf, bufsz, form, fl);
    }
    if (k < 0 || !infl) return put(buf, bufsz, low, fl);
    const char *e = exc_lookup(lm, low, fl, k);
    if (e) return put(buf, bufsz, e, strlen(e));
    if (!xpos && in_index(lm, low, fl, 1 << k)) return put(buf, bufsz, low, fl);
    size_t n = 0;
    char out[256];
    if (k == 0) n = try_rules(lm, low, fl, NOUN_RULES, 8, WN_NOUN, out, sizeof out);
    else if (k == 1) n = try_rules(lm, low, fl, VERB_RULES, 8, WN_VERB, out, sizeof out);
    else if (k == 2) n = try_rules(lm, low, fl, ADJ_RULES, 4, WN_ADJ, out, sizeof out);
    if (n) return put(buf, bufsz, out, n);
    /* as Morphy: a form listed as a lemma itself (earnings, feces) when no rule applies */
    if (k == 3 || in_index(lm, low, fl, 1 << k)) return put(buf, bufsz, low, fl);
    if (xpos || !lm || !lm->have_wn) {
        n = fallback(low, fl, k, xpos, out, sizeof out);
        if (n) return put(buf, bufsz, out, n);
    }
    return put(buf, bufsz, low, fl);
}

/* A word of another class tagged as part of a name (XPOS NNP/NNPS: "Superior" in a
 * court's name, "UNITED" in a heading) keeps a capital: the form when the lemma is
 * the form, else the lemma capitalised (Greater -> Great, UNITED -> United). */
static size_t lemma_word(const tc_lemma *lm, const tc_tagger *tagger, const char *form, int u,
                         const char *xpos, int flags, char *buf, size_t bufsz, int *seen)
{
    if (!form || !(form[0] >= 'A' && form[0] <= 'Z') || !xpos || strncmp(xpos, "NNP", 3) != 0 ||
        (u != U_ADJ && u != U_NOUN && u != U_VERB && u != U_ADV))
        return lemma_core(lm, tagger, form, u, xpos, flags, buf, bufsz, seen);
    /* NNP says nothing of inflection: judged from the form */
    size_t n = lemma_core(lm, tagger, form, u, NULL, flags, buf, bufsz, seen);
    if (!n) return n;
    int lower = 0;
    for (const char *p = form; *p; p++) lower |= *p >= 'a' && *p <= 'z';
    size_t fl = strlen(form), i = 0;
    if (lower && n == fl) {
        while (i < n && (buf[i] | 0x20) == (form[i] | 0x20)) i++;
        if (i == n) return put(buf, bufsz, form, fl);
    }
    if (buf[0] >= 'a' && buf[0] <= 'z') buf[0] = (char)(buf[0] - 32);
    return n;
}

size_t tc_lemma_word(const tc_lemma *lm, const tc_tagger *tagger, const char *form,
                     const char *upos, const char *xpos, char *buf, size_t bufsz)
{
    int seen;
    return lemma_word(lm, tagger, form, tc_tagger_upos_index(upos), xpos, 0, buf, bufsz, &seen);
}

/* Capitalised (not all-capitals) */
static int capitalised(const char *f)
{
    if (!f || !(f[0] >= 'A' && f[0] <= 'Z')) return 0;
    for (const char *p = f + 1; *p; p++)
        if (*p >= 'a' && *p <= 'z') return 1;
    return 0;
}

tc_status tc_lemma_sentence(const tc_lemma *lm, const tc_tagger *tagger, tc_doc *doc,
                            tc_sentence *s)
{
    char buf[512];
    int initial = 1; /* no word with a letter or digit yet */
    /* all in capitals: two or more words with letters, none in lower case */
    int nalpha = 0, lower = 0;
    for (uint32_t i = 0; i < s->ntok && !lower; i++) {
        int alpha = 0;
        for (const char *p = s->tok[i].form ? s->tok[i].form : ""; *p && !lower; p++) {
            lower = *p >= 'a' && *p <= 'z';
            alpha |= lower || (*p >= 'A' && *p <= 'Z');
        }
        nalpha += alpha;
    }
    int shout = !lower && nalpha >= 2 ? LW_SHOUT : 0;
    for (uint32_t i = 0; i < s->ntok; i++) {
        tc_token *t = &s->tok[i];
        int seen;
        /* the tagger sets upos_id along with upos (a name of tc_tagger_upos_names) */
        int u = t->upos_id && t->upos_id <= TC_UPOS_COUNT &&
                        t->upos == tc_tagger_upos_names[t->upos_id - 1]
                    ? t->upos_id - 1
                    : tc_tagger_upos_index(t->upos);
        size_t n = lemma_word(lm, tagger, t->form, u, t->xpos,
                              (initial && capitalised(t->form) ? LW_INITIAL : 0) | shout, buf,
                              sizeof buf, &seen);
        /* an unseen capitalised adjective inside a sentence is mostly part of a
         * name (Provisional Government): it keeps its case, as in UD English */
        if (!seen && !initial && u == U_ADJ && capitalised(t->form) &&
            (!t->xpos || !strcmp(t->xpos, "JJ")))
            n = put(buf, sizeof buf, t->form, strlen(t->form));
        /* "'s" before a past participle of have-perfect: "she's been" -> have */
        if (t->form && !strcmp(t->form, "'s") && t->upos && !strcmp(t->upos, "AUX") &&
            i + 1 < s->ntok && s->tok[i + 1].form &&
            (!strcmp(s->tok[i + 1].form, "been") || !strcmp(s->tok[i + 1].form, "got") ||
             !strcmp(s->tok[i + 1].form, "gotten") || !strcmp(s->tok[i + 1].form, "had")))
            n = put(buf, sizeof buf, "have", 4);
        for (const char *p = t->form ? t->form : ""; *p && initial; p++)
            if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
                (unsigned char)*p >= 0x80)
                initial = 0;
        if (t->form && strcmp(t->form, buf) == 0) {
            t->lemma = t->form;
        } else {
            t->lemma = tc_arena_strndup(&doc->arena, buf, n);
            if (!t->lemma) return TC_ENOMEM;
        }
    }
    return TC_OK;
}

tc_status tc_lemma_doc(const tc_lemma *lm, const tc_tagger *tagger, tc_doc *doc)
{
    for (uint32_t i = 0; i < doc->nsent; i++) {
        tc_status st = tc_lemma_sentence(lm, tagger, doc, &doc->sent[i]);
        if (st) return st;
    }
    return TC_OK;
}
