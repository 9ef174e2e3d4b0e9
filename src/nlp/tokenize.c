/* tokenize.c - EWT-style surface tokenisation (see tokenize.h). */
#include "tokenize.h"

#include <string.h>
#include <utf8proc.h>

#include "core/mem.h"

/* ---------- character helpers ---------- */

/* Decode one code point at s[i] (i < n); invalid bytes decode as U+FFFD of length 1. */
static size_t dec(const char *s, size_t i, size_t n, int32_t *cp)
{
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    utf8proc_int32_t v;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                          (utf8proc_ssize_t)(n - i > 4 ? 4 : n - i), &v);
    if (k <= 0) {
        *cp = 0xFFFD;
        return 1;
    }
    *cp = v;
    return (size_t)k;
}

/* Start of the code point that ends at s[e-1] (not before lo). */
static size_t prev_cp(const char *s, size_t lo, size_t e)
{
    size_t p = e - 1;
    int k = 0;
    while (p > lo && k < 3 && ((unsigned char)s[p] & 0xC0) == 0x80) {
        p--;
        k++;
    }
    return p;
}

static int is_uspace(int32_t cp)
{
    return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) ||
           cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000 ||
           cp == 0xFEFF;
}

static int cat_of(int32_t cp)
{
    return (int)utf8proc_category(cp);
}

static int cp_upper(int32_t cp)
{
    if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
    int c = cat_of(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

static int cp_lower(int32_t cp)
{
    if (cp < 0x80) return cp >= 'a' && cp <= 'z';
    return cat_of(cp) == UTF8PROC_CATEGORY_LL;
}

static int cp_alpha(int32_t cp)
{
    if (cp < 0x80) return (cp | 32) >= 'a' && (cp | 32) <= 'z';
    int c = cat_of(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

int tc_tok_is_upper(const char *s, size_t n)
{
    if (!n) return 0;
    int32_t cp;
    dec(s, 0, n, &cp);
    return cp_upper(cp);
}

int tc_tok_is_lower(const char *s, size_t n)
{
    if (!n) return 0;
    int32_t cp;
    dec(s, 0, n, &cp);
    return cp_lower(cp);
}

static int a_alpha(char c) { return ((c | 32) >= 'a' && (c | 32) <= 'z'); }
static int a_digit(char c) { return c >= '0' && c <= '9'; }
static int a_lower(char c) { return c >= 'a' && c <= 'z'; }
static int a_upper(char c) { return c >= 'A' && c <= 'Z'; }

static int is_bullet(int32_t cp)
{
    return cp == 0x2022 || cp == 0x2023 || cp == 0x2043 || cp == 0x25E6 || cp == 0x25AA ||
           cp == 0x25CF || cp == 0x25A0 || cp == 0x00B7 || cp == 0x2219 || cp == 0x27A2;
}


/* ---------- the token list ---------- */

static tc_status grow(tc_tok_list *l)
{
    size_t cap = l->cap ? l->cap * 2 : 1024;
    tc_stok *t = tc_reallocarray(l->t, cap, sizeof *t);
    if (!t) return TC_ENOMEM;
    l->t = t;
    l->cap = cap;
    return TC_OK;
}

void tc_tok_list_free(tc_tok_list *l)
{
    if (!l) return;
    tc_free(l->t);
    l->t = NULL;
    l->n = l->cap = 0;
}

typedef struct scan {
    const char *s;
    size_t len;
    tc_tok_list *l;
    uint8_t pend_flags; /* TC_TF_SPACE for the first token of a chunk */
    uint8_t pend_nl;
    uint16_t pend_indent;
    int open_single;    /* chunk began with an opening single quote */
    int plain;          /* the chunk is ASCII letters and digits only */
    size_t ctx_tok;     /* 1 + index of an "its"/"your"/"lets" waiting for the next token */
    int ctx_kind;       /* CX_* of ctx_tok */
    unsigned dq;        /* straight double quotes so far in the paragraph */
    tc_status st;
} scan;

static void ctx_resolve(scan *z, size_t a, size_t b);

static tc_stok *push(scan *z, size_t a, size_t b, int kind, int flags)
{
    if (z->l->n == z->l->cap && (z->st = grow(z->l)) != TC_OK) return NULL;
    if (z->ctx_tok) ctx_resolve(z, a, b);
    tc_stok *t = &z->l->t[z->l->n++];
    t->start = (uint32_t)a;
    t->end = (uint32_t)b;
    t->split = 0;
    t->kind = (uint8_t)kind;
    t->flags = (uint8_t)(flags | z->pend_flags);
    t->nl = z->pend_nl;
    t->abbr = 0;
    t->indent = z->pend_indent;
    z->pend_indent = 0;
    z->pend_flags = 0;
    z->pend_nl = 0;
    return t;
}

static int ieq(const char *a, const char *lw, size_t n);

/* ---------- abbreviations ---------- */

typedef struct abbr {
    const char *w; /* lowercase, without the period */
    uint8_t cls;
    uint8_t need; /* 1: needs a digit after it, 2: needs a capital first letter */
} abbr;

/* sorted by first letter (ABBR_FROM indexes it) */
static const abbr ABBRS[] = {
    {"adm", TC_AB_TITLE, 0}, {"atty", TC_AB_TITLE, 0}, {"attn", TC_AB_GENERIC, 0}, {"al", TC_AB_GENERIC, 0},
    {"ave", TC_AB_GENERIC, 2}, {"approx", TC_AB_GENERIC, 0}, {"art", TC_AB_NUMBER, 1},
    {"apr", TC_AB_NUMBER, 2}, {"aug", TC_AB_NUMBER, 2}, {"ala", TC_AB_GENERIC, 2},
    {"ariz", TC_AB_GENERIC, 2}, {"brig", TC_AB_TITLE, 0}, {"bros", TC_AB_GENERIC, 0},
    {"blvd", TC_AB_GENERIC, 0}, {"col", TC_AB_TITLE, 2}, {"capt", TC_AB_TITLE, 0},
    {"cpt", TC_AB_TITLE, 0}, {"cmdr", TC_AB_TITLE, 0}, {"corp", TC_AB_GENERIC, 0},
    {"co", TC_AB_GENERIC, 0}, {"cf", TC_AB_GENERIC, 0}, {"ca", TC_AB_NUMBER, 1},
    {"ch", TC_AB_NUMBER, 1}, {"calif", TC_AB_GENERIC, 2}, {"colo", TC_AB_GENERIC, 2},
    {"conn", TC_AB_GENERIC, 2}, {"dr", TC_AB_TITLE, 0}, {"drs", TC_AB_TITLE, 0},
    {"dept", TC_AB_GENERIC, 0}, {"dec", TC_AB_NUMBER, 2}, {"est", TC_AB_GENERIC, 2},
    {"etc", TC_AB_END, 0}, {"ext", TC_AB_NUMBER, 1}, {"ft", TC_AB_TITLE, 2},
    {"fr", TC_AB_TITLE, 2}, {"fig", TC_AB_NUMBER, 0}, {"figs", TC_AB_NUMBER, 0},
    {"feb", TC_AB_NUMBER, 2}, {"fri", TC_AB_NUMBER, 2}, {"fla", TC_AB_GENERIC, 2},
    {"gen", TC_AB_TITLE, 2}, {"gov", TC_AB_TITLE, 2}, {"gens", TC_AB_TITLE, 2},
    {"govt", TC_AB_GENERIC, 0}, {"hon", TC_AB_TITLE, 2}, {"inc", TC_AB_GENERIC, 0},
    {"ill", TC_AB_GENERIC, 2}, {"jr", TC_AB_GENERIC, 0}, {"jan", TC_AB_NUMBER, 2},
    {"jun", TC_AB_NUMBER, 2}, {"jul", TC_AB_NUMBER, 2}, {"kan", TC_AB_GENERIC, 2},
    {"lt", TC_AB_TITLE, 0}, {"lieut", TC_AB_TITLE, 0}, {"ltd", TC_AB_GENERIC, 0},
    {"llc", TC_AB_GENERIC, 0}, {"mr", TC_AB_TITLE, 0}, {"mrs", TC_AB_TITLE, 0},
    {"ms", TC_AB_TITLE, 0}, {"maj", TC_AB_TITLE, 0}, {"mt", TC_AB_TITLE, 0},
    {"messrs", TC_AB_TITLE, 0}, {"mme", TC_AB_TITLE, 0}, {"mlle", TC_AB_TITLE, 0},
    {"mar", TC_AB_NUMBER, 2}, {"mon", TC_AB_NUMBER, 2}, {"mass", TC_AB_GENERIC, 2},
    {"mich", TC_AB_GENERIC, 2}, {"minn", TC_AB_GENERIC, 2}, {"md", TC_AB_GENERIC, 2},
    {"mo", TC_AB_GENERIC, 2}, {"no", TC_AB_NUMBER, 1}, {"nos", TC_AB_NUMBER, 1},
    {"nr", TC_AB_NUMBER, 1}, {"n\xc2\xb0", TC_AB_NUMBER, 0}, {"nov", TC_AB_NUMBER, 2},
    {"nev", TC_AB_GENERIC, 2}, {"op", TC_AB_NUMBER, 1}, {"oct", TC_AB_NUMBER, 2},
    {"okla", TC_AB_GENERIC, 2}, {"ore", TC_AB_GENERIC, 2}, {"prof", TC_AB_TITLE, 0},
    {"pres", TC_AB_TITLE, 2}, {"plc", TC_AB_GENERIC, 0}, {"pvt", TC_AB_GENERIC, 2}, {"ps", TC_AB_TITLE, 2}, {"pp", TC_AB_NUMBER, 0},
    {"penn", TC_AB_GENERIC, 2}, {"rep", TC_AB_TITLE, 2}, {"reps", TC_AB_TITLE, 2},
    {"rev", TC_AB_TITLE, 2}, {"sen", TC_AB_TITLE, 2}, {"sens", TC_AB_TITLE, 2},
    {"sgt", TC_AB_TITLE, 0}, {"sts", TC_AB_GENERIC, 2}, {"st", TC_AB_TITLE, 0}, {"supt", TC_AB_TITLE, 0},
    {"sr", TC_AB_GENERIC, 0}, {"sec", TC_AB_NUMBER, 1}, {"sep", TC_AB_NUMBER, 2},
    {"sept", TC_AB_NUMBER, 2}, {"tel", TC_AB_NUMBER, 0}, {"tue", TC_AB_NUMBER, 2},
    {"tues", TC_AB_NUMBER, 2}, {"thu", TC_AB_NUMBER, 2}, {"thurs", TC_AB_NUMBER, 2},
    {"tenn", TC_AB_GENERIC, 2}, {"univ", TC_AB_GENERIC, 0}, {"vs", TC_AB_GENERIC, 0},
    {"vol", TC_AB_NUMBER, 0}, {"vols", TC_AB_NUMBER, 0}, {"va", TC_AB_GENERIC, 2},
    {"wed", TC_AB_NUMBER, 2}, {"wash", TC_AB_GENERIC, 2}, {"wis", TC_AB_GENERIC, 2},
};

/* first index in ABBRS of each initial letter (len = none) */
static const uint8_t ABBR_FROM[26] = {0, 11, 14, 26, 30, 33, 40, 44, 45, 47, 51, 52, 56, 71, 77, 81, 115, 88, 91, 101, 107, 108, 112, 115, 115, 115};

/* Next non-space byte after position e is an ASCII digit? */
static int digit_follows(const scan *z, size_t e)
{
    while (e < z->len && (z->s[e] == ' ' || z->s[e] == '\t')) e++;
    return e < z->len && a_digit(z->s[e]);
}

/* Classify w = s[a..b) (the word without its final period, which is at b).
 * Returns a TC_AB_* class, 0 if the period does not belong to the word. */
static int abbrev_word(const scan *z, size_t a, size_t b)
{
    const char *s = z->s;
    size_t n = b - a;
    if (n == 0) return 0;
    int32_t cp;
    size_t k = dec(s, a, b, &cp);
    if (k == n && cp_alpha(cp)) return TC_AB_INITIAL;
    /* letter groups of 1-2 letters joined by periods: U.S, a.m, e.g, Ph.D, U.S.A */
    int has_dot = 0, ok = 1;
    size_t run = 0;
    for (size_t i = a; i < b; i++) {
        char c = s[i];
        if (c == '.') {
            if (run == 0) {
                ok = 0;
                break;
            }
            has_dot = 1;
            run = 0;
        } else if (a_alpha(c) && run < 2) {
            run++;
        } else {
            ok = 0;
            break;
        }
    }
    if (ok && has_dot && run > 0) /* "P.S." opens what follows (never ends a sentence) */
        return n == 3 && ieq(s + a, "p.s", 3) ? TC_AB_TITLE : TC_AB_GENERIC;
    if (n > 7) return 0;
    char low[8];
    for (size_t i = 0; i < n; i++) {
        char c = s[a + i];
        low[i] = (char)(a_upper(c) ? c + 32 : c);
    }
    if (low[0] < 'a' || low[0] > 'z') return 0;
    for (size_t i = ABBR_FROM[low[0] - 'a']; i < sizeof ABBRS / sizeof ABBRS[0]; i++) {
        const abbr *x = &ABBRS[i];
        if (x->w[0] != low[0]) break;
        if (strlen(x->w) != n || memcmp(x->w, low, n) != 0) continue;
        if (x->need == 1 && !digit_follows(z, b + 1)) return 0;
        if (x->need == 2 && !a_upper(s[a])) return 0;
        return x->cls;
    }
    return 0;
}

/* As abbrev_word, but "Tuesday.Mr" (a missing space, split later in do_middle)
 * is judged by its last part. */
static int abbrev_class(const scan *z, size_t a, size_t b)
{
    int k = abbrev_word(z, a, b);
    if (k) return k;
    for (size_t i = b; i > a + 1; i--) {
        if (z->s[i - 1] == '.') {
            if (i < b && a_upper(z->s[i]) && a_lower(z->s[i - 2])) {
                k = abbrev_word(z, i, b);
                return k == TC_AB_INITIAL ? 0 : k;
            }
            break;
        }
    }
    return 0;
}

/* ---------- words, clitics, MWTs ---------- */

typedef struct nsplit {
    const char *w;
    uint8_t len, at;
} nsplit;

/* words split without an apostrophe (EWT treats them as multi-word tokens),
 * sorted by length: NOAPOS_FROM[n] is the first entry of length >= n */
static const nsplit NOAPOS[] = {
    {"im", 2, 1}, {"hes", 3, 2}, {"ive", 3, 1}, {"aint", 4, 2}, {"cant", 4, 2}, {"dont", 4, 2},
    {"isnt", 4, 2}, {"itll", 4, 2}, {"shes", 4, 3}, {"whos", 4, 3}, {"wont", 4, 2},
    {"arent", 5, 3}, {"didnt", 5, 3}, {"gonna", 5, 3}, {"gotta", 5, 3}, {"hadnt", 5, 3},
    {"hasnt", 5, 3}, {"outta", 5, 3}, {"thats", 5, 4}, {"wanna", 5, 3}, {"wasnt", 5, 3},
    {"whats", 5, 4}, {"youll", 5, 3}, {"youre", 5, 3}, {"youve", 5, 3}, {"cannot", 6, 3},
    {"doesnt", 6, 4}, {"havent", 6, 4}, {"theres", 6, 5}, {"theyre", 6, 4}, {"werent", 6, 4},
    {"couldnt", 7, 5}, {"couldve", 7, 5}, {"wouldnt", 7, 5}, {"wouldve", 7, 5},
    {"shouldnt", 8, 6}, {"shouldve", 8, 6},
};
static const uint8_t NOAPOS_FROM[10] = {0, 0, 0, 1, 3, 11, 25, 31, 35, 37};

/* Offset of the second word if s[a..a+n) is a NOAPOS word, else 0. */
static size_t noapos_split(const char *s, size_t a, size_t n)
{
    if (n < 2 || n > 8) return 0;
    char c0 = (char)(s[a] | 32);
    for (size_t i = NOAPOS_FROM[n]; i < NOAPOS_FROM[n + 1]; i++)
        if (NOAPOS[i].w[0] == c0 && ieq(s + a, NOAPOS[i].w, n)) return NOAPOS[i].at;
    return 0;
}

/* last letters of the NOAPOS words */
static int noapos_end(char c)
{
    c = (char)(c | 32);
    return c == 't' || c == 'a' || c == 'm' || c == 'e' || c == 's' || c == 'l';
}

static int ieq(const char *a, const char *lw, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char c = a[i];
        if (a_upper(c)) c = (char)(c + 32);
        if (c != lw[i]) return 0;
    }
    return 1;
}

/* Length of an apostrophe at s[p] (1 for ', 3 for U+2019), 0 if none. */
static size_t apos_at(const char *s, size_t p, size_t e)
{
    if (p >= e) return 0;
    if (s[p] == '\'') return 1;
    if (s[p] == '`' && p + 1 < e && a_alpha(s[p + 1])) return 1; /* "mama`s" */
    if (p + 3 <= e && (unsigned char)s[p] == 0xE2 && (unsigned char)s[p + 1] == 0x80 &&
        (unsigned char)s[p + 2] == 0x99)
        return 3;
    return 0;
}

/* Offset of the clitic inside word s[a..e), 0 if none. */
static size_t clitic_split(const scan *z, size_t a, size_t e)
{
    const char *s = z->s;
    size_t n = e - a;
    if (n < 2) return 0;
    /* n't */
    if (n >= 4 && (s[e - 1] | 32) == 't') {
        size_t k = apos_at(s, e - 2, e) ? 1 : (e >= a + 6 && apos_at(s, e - 4, e) == 3 ? 3 : 0);
        if (k && e - 1 - k >= a + 1 && (s[e - 1 - k - 1] | 32) == 'n' && e - 1 - k - 1 > a)
            return (e - 1 - k - 1) - a;
    }
    /* 's 'm 'd 're 've 'll and s' */
    for (size_t cl = 1; cl <= 2; cl++) {
        if (n < cl + 2) break;
        size_t ce = e - cl;
        const char *c = s + ce;
        int ok = cl == 1 ? ((c[0] | 32) == 's' || (c[0] | 32) == 'm' || (c[0] | 32) == 'd')
                         : (ieq(c, "re", 2) || ieq(c, "ve", 2) || ieq(c, "ll", 2));
        if (!ok) continue;
        size_t k = 0;
        if (ce >= a + 2 && apos_at(s, ce - 1, e) == 1) k = 1;
        else if (ce >= a + 4 && apos_at(s, ce - 3, e) == 3) k = 3;
        if (!k) continue;
        size_t at = ce - k;
        if (at <= a) continue;
        char before = s[at - 1];
        /* "the 80's" is one word in EWT */
        if (!(a_alpha(before) || before == '.' || (unsigned char)before >= 0x80)) continue;
        return at - a;
    }
    /* s' (plural possessive) */
    if (!z->open_single) {
        size_t k = apos_at(s, e - 1, e) == 1 ? 1 : (n >= 5 && apos_at(s, e - 3, e) == 3 ? 3 : 0);
        if (k && e - k >= a + 2 && (s[e - k - 1] | 32) == 's' && a_alpha(s[e - k - 2]))
            return (e - k) - a;
    }
    /* no apostrophe */
    if (n >= 2 && n <= 8 && a_alpha(s[a]) && noapos_end(s[e - 1])) {
        return noapos_split(s, a, n);
    }
    return 0;
}

/* Words that are a contraction without its apostrophe only before some words:
 * "its a shame" (it 's), "your welcome" (you r), "lets go" (let s); the
 * possessive "its own", "your car" and the verb "lets them" stay whole. */
enum { CX_ITS = 1, CX_YOUR, CX_LETS };

static const char *const CX_NEXT[] = {
    NULL,
    "|not|a|an|the|your|my|his|her|our|their|this|that|these|those|kind|sort|so|really|"
    "just|like|also|been|being|getting|gonna|going|got|pretty|always|never|ok|okay|too|"
    "definitely|simply|probably|actually|nothing|called|for|in|from|about|almost|quite|such|"
    "usually|at|on|as|because|what|how|ever|with|by|",
    "|gonna|going|not|so|very|welcome|probably|just|really|still|always|never|too|"
    "sure|kidding|in|on|the|a|an|",
    "|go|get|see|try|hope|just|be|take|make|face|not|do|talk|say|start|keep|have|all|meet|put|",
};

/* Is s[a..b) one of the |-separated lowercase words of list? */
static int in_list(const char *list, const char *s, size_t a, size_t b)
{
    size_t n = b - a;
    if (n == 0 || n > 12) return 0;
    char key[16];
    key[0] = '|';
    for (size_t i = 0; i < n; i++) {
        char c = s[a + i];
        if (!a_alpha(c)) return 0;
        key[i + 1] = (char)(c | 32);
    }
    key[n + 1] = '|';
    key[n + 2] = 0;
    return strstr(list, key) != NULL;
}

/* words after which "its"/"your" is a possessive: "of its kind" */
static const char CX_PREV[] = "|of|in|for|to|on|with|by|from|at|into|about|over|under|through|"
                              "during|against|without|within|";

/* The token after a waiting "its"/"your"/"lets" is s[a..b): split the word
 * when that token is one of its context words (and not "so-called"). */
static void ctx_resolve(scan *z, size_t a, size_t b)
{
    tc_stok *t = &z->l->t[z->ctx_tok - 1];
    if (t->end < a && (b >= z->len || z->s[b] != '-') &&
        in_list(CX_NEXT[z->ctx_kind], z->s, a, b))
        t->split = (uint16_t)(z->ctx_kind == CX_YOUR ? 3 : t->end - t->start - 1);
    z->ctx_tok = 0;
}

/* CX_* of the word s[a..e), 0 if none */
static int ctx_word(const char *s, size_t a, size_t e)
{
    size_t n = e - a;
    if (n == 3 && ieq(s + a, "its", 3)) return CX_ITS;
    if (n == 4 && ieq(s + a, "your", 4)) return CX_YOUR;
    if (n == 4 && ieq(s + a, "lets", 4)) return CX_LETS;
    return 0;
}

/* Units written after a number ("5pm", "8gb", "24hrs"); EWT splits them off,
 * but not ordinals (4th), decades (80s) or codes (3D, 4G). */
static const char UNITS[] =
    "|m|k|b|bn|mm|cm|km|kg|mg|ml|ft|lb|lbs|oz|pm|am|hz|khz|mhz|ghz|kb|mb|gb|tb|mph|min|mins|hr|"
    "hrs|sec|secs|yr|yrs|day|days|x|p|sq|kw|mw|kwh|mwh|percent|minutes|hours|";

/* Start of a unit after the number at s[a..e) ("7:30PM" -> "PM"), 0 if none. */
static size_t unit_at(const char *s, size_t a, size_t e)
{
    size_t i = a;
    while (i < e && a_digit(s[i])) i++;
    while (i + 1 < e && (s[i] == ':' || s[i] == '.' || s[i] == ',') && a_digit(s[i + 1])) {
        i++;
        while (i < e && a_digit(s[i])) i++;
    }
    if (i == e || !a_alpha(s[i])) return 0;
    for (size_t k = i; k < e; k++)
        if (!a_alpha(s[k])) return 0;
    /* "3B", "758X", "3M" are names of products and firms */
    if (e - i == 1 && a_upper(s[i]) && s[i] != 'K') return 0;
    return in_list(UNITS, s, i, e) ? i : 0;
}

static void emit_word(scan *z, size_t a, size_t e, int abbr_cls)
{
    if (a >= e) return;
    const char *s = z->s;
    int32_t cp;
    dec(s, a, e, &cp);
    int kind = TC_TK_WORD, flags = 0;
    if (a_digit(s[a]) || ((s[a] == '-' || s[a] == '.' || s[a] == '+') && a + 1 < e && a_digit(s[a + 1])))
        kind = TC_TK_NUM;
    else if (cp_upper(cp))
        flags |= TC_TF_UPPER;
    else if (cp_lower(cp))
        flags |= TC_TF_LOWER;
    else if (!cp_alpha(cp) && !a_digit(s[a])) {
        int cat = cat_of(cp);
        if (cat >= UTF8PROC_CATEGORY_PC && cat <= UTF8PROC_CATEGORY_PO) kind = TC_TK_PUNCT;
        else if (cat >= UTF8PROC_CATEGORY_SM && cat <= UTF8PROC_CATEGORY_SO) kind = TC_TK_SYM;
    }
    if (abbr_cls) flags |= TC_TF_ABBR;
    if (kind == TC_TK_NUM && a_digit(s[a])) {
        size_t u = unit_at(s, a, e);
        if (u) { /* "5pm", "35mm", "$65k": number and unit are two tokens (EWT) */
            push(z, a, u, TC_TK_NUM, flags);
            push(z, u, e, TC_TK_WORD, a_upper(s[u]) ? TC_TF_UPPER : TC_TF_LOWER);
            return;
        }
    }
    if (e - a == 4 && ieq(s + a, "alot", 4)) { /* EWT: "a" "lot" */
        tc_stok *t1 = push(z, a, a + 1, TC_TK_WORD, flags);
        if (t1) push(z, a + 1, e, TC_TK_WORD, TC_TF_LOWER);
        return;
    }
    size_t sp = 0;
    if (z->plain) {
        size_t n = e - a;
        if (n >= 2 && n <= 8 && noapos_end(s[e - 1]))
            sp = noapos_split(s, a, n);
    } else if (!abbr_cls && e - a >= 2 && e - a < 65535) {
        sp = clitic_split(z, a, e);
    }
    tc_stok *t = push(z, a, e, kind, flags);
    if (!t) return;
    t->abbr = (uint8_t)abbr_cls;
    t->split = (uint16_t)sp;
    char c0 = (char)(s[a] | 32);
    if (!sp && !abbr_cls && (e - a == 3 || e - a == 4) && (c0 == 'i' || c0 == 'y' || c0 == 'l')) {
        int cx = ctx_word(s, a, e);
        if (cx == CX_LETS && s[a] == 'L') t->split = 3; /* "Lets go" */
        else if (cx && !(cx != CX_LETS && z->l->n >= 2 &&
                         in_list(CX_PREV, s, z->l->t[z->l->n - 2].start, z->l->t[z->l->n - 2].end)))
            z->ctx_tok = z->l->n, z->ctx_kind = cx;
    }
}

/* EWT keeps these prefixes attached to the following hyphenated word. */
static const char *const PREFIXES[] = {
    "e", "non", "pre", "anti", "re", "mid", "post", "co", "over", "pro", "multi", "ex", "sub",
    "semi", "psycho", "neo", "cross", "un", "socio", "micro", "intra", "inter", "counter",
    "bi", "tri", "de", "mis", "hyper", "ultra", "mini", "macro", "meta", "quasi", "pseudo",
    "trans",
};

static int is_prefix(const char *s, size_t a, size_t b)
{
    size_t n = b - a;
    if (n == 0 || n > 7) return 0;
    for (size_t i = 0; i < sizeof PREFIXES / sizeof PREFIXES[0]; i++)
        if ((PREFIXES[i][0] == (s[a] | 32)) && strlen(PREFIXES[i]) == n && ieq(s + a, PREFIXES[i], n))
            return 1;
    return 0;
}

/* Middle part of a chunk: infix splitting (hyphens, dashes, "...", missing space
 * after a period, commas between letters), then clitics per word. */
static void do_middle(scan *z, size_t l, size_t r, int last_abbr)
{
    const char *s = z->s;
    size_t seg = l;  /* start of the current word */
    size_t part = l; /* start of the current hyphen part */
    size_t p = l;
    size_t last_dot = (size_t)-1; /* last '.' seen (for "dotted" words like a.m.Tuesday) */
    while (p < r && z->st == TC_OK) {
        unsigned char c = (unsigned char)s[p];
        if (c == '-') {
            size_t q = p;
            while (q < r && s[q] == '-') q++;
            if ((p == seg && seg == l) || q == r) {
                p = q;
                continue;
            }
            if (p == seg) { /* right after a bracket or quote: "Allowance\"-this" */
                push(z, p, q, TC_TK_PUNCT, 0);
                seg = part = q;
                p = q;
                continue;
            }
            char lc = s[p - 1], rc = s[q];
            int cut = 0;
            if (q - p >= 2) {
                cut = 1;
            } else if (a_alpha(lc) && a_alpha(rc)) {
                cut = !is_prefix(s, part, p);
            } else if (a_digit(lc) && a_digit(rc)) {
                size_t dl = 0, dr = 0;
                for (size_t i = p; i > part && a_digit(s[i - 1]); i--) dl++;
                for (size_t i = q; i < r && a_digit(s[i]); i++) dr++;
                /* phone numbers and extensions stay whole: 555-1234, 3-5213 */
                cut = !((dl >= 3 && dr >= 3) || (dl <= 3 && dr == 4));
            } else if (a_alpha(lc) || a_alpha(rc)) {
                /* "15-year", "Sector-37" split; "F-16", "G-20", "x3-9890" stay (EWT
                 * would split "F-16", but the actor dictionaries know "G-20") */
                size_t al = 0, ar = 0, nl_ = 0;
                for (size_t i = p; i > part && a_alpha(s[i - 1]); i--) al++;
                for (size_t i = part; i < p; i++) nl_++;
                for (size_t i = q; i < r && a_alpha(s[i]); i++) ar++;
                cut = (al >= 2 && al == nl_) || ar >= 2;
            } else if ((unsigned char)lc >= 0x80 || (unsigned char)rc >= 0x80) {
                int32_t a1, b1;
                dec(s, prev_cp(s, seg, p), r, &a1);
                dec(s, q, r, &b1);
                cut = cp_alpha(a1) && cp_alpha(b1);
            }
            if (cut) {
                emit_word(z, seg, p, 0);
                push(z, p, q, TC_TK_PUNCT, 0);
                seg = part = q;
            } else {
                part = q;
            }
            p = q;
            continue;
        }
        if (c == '.') {
            size_t q = p;
            while (q < r && s[q] == '.') q++;
            size_t prev_dot = last_dot;
            last_dot = q - 1;
            if (q - p >= 2 && (p > seg || seg > l) && q < r) {
                emit_word(z, seg, p, 0);
                push(z, p, q, TC_TK_PUNCT, 0);
                seg = part = q;
                p = q;
                continue;
            }
            if (q - p == 1 && p >= seg + 2 && q + 2 < r && a_lower(s[p - 1]) && s[q] == '"' &&
                a_upper(s[q + 1]) && a_lower(s[q + 2])) {
                /* 'said."The': the stop, then an opening quote */
                emit_word(z, seg, p, 0);
                push(z, p, q, TC_TK_PUNCT, 0);
                seg = part = q;
                p = q;
                continue;
            }
            if (q - p == 1 && p >= seg + 2 && q + 1 < r && (a_lower(s[p - 1]) || a_digit(s[p - 1])) &&
                a_upper(s[q]) && a_lower(s[q + 1])) {
                /* "world.Today": a missing space after a full stop; but not inside
                 * digit-initial or dotted names like "a.m.Tuesday" */
                int dotted = prev_dot != (size_t)-1 && prev_dot >= seg;
                size_t w = q;
                while (w < r && a_alpha(s[w])) w++;
                if ((w - q == 3 && (ieq(s + q, "com", 3) || ieq(s + q, "net", 3) ||
                                    ieq(s + q, "org", 3) || ieq(s + q, "edu", 3) ||
                                    ieq(s + q, "gov", 3))) ||
                    (w - q == 2 && w == r))
                    dotted = 1;
                if (!dotted) {
                    emit_word(z, seg, p, 0);
                    push(z, p, q, TC_TK_PUNCT, 0);
                    seg = part = q;
                    p = q;
                    continue;
                }
            }
            p = q;
            continue;
        }
        if (c == '/' && p > seg && p + 1 < r && a_alpha(s[p - 1]) && a_alpha(s[p + 1]) &&
            !(p - seg == 1 && (p + 2 == r || !a_alpha(s[p + 2])))) {
            emit_word(z, seg, p, 0);
            push(z, p, p + 1, TC_TK_PUNCT, 0);
            seg = part = p + 1;
            p++;
            continue;
        }
        if (c == '(' || c == ')' || c == '[' || c == ']' || c == '"') {
            /* brackets and quotes inside a chunk are tokens of their own:
             * "account(s)", "Road(", "(989)755-1109", "today\"...." */
            int fl = c == '(' || c == '[' ? TC_TF_OPEN : c == '"' ? TC_TF_QUOTE : TC_TF_CLOSE;
            if (c == '"') /* opening if none is open and a word follows */
                fl |= !(z->dq++ & 1) && p + 1 < r && (a_alpha(s[p + 1]) || a_digit(s[p + 1])) &&
                              !(p > l && (a_alpha(s[p - 1]) || a_digit(s[p - 1])))
                          ? TC_TF_OPEN
                          : TC_TF_CLOSE;
            emit_word(z, seg, p, 0);
            push(z, p, p + 1, TC_TK_PUNCT, fl);
            seg = part = p + 1;
            p++;
            continue;
        }
        if (c == ',' && (p > seg || seg > l) && p + 1 < r && !(a_digit(s[p - 1]) && a_digit(s[p + 1]))) {
            emit_word(z, seg, p, 0);
            push(z, p, p + 1, TC_TK_PUNCT, 0);
            seg = part = p + 1;
            p++;
            continue;
        }
        if (c >= 0x80) {
            int32_t cp;
            size_t k = dec(s, p, r, &cp);
            if ((cp == 0x2013 || cp == 0x2014 || cp == 0x2015 || cp == 0x2012 || cp == 0x2026) &&
                p > seg && p + k < r) {
                emit_word(z, seg, p, 0);
                push(z, p, p + k, TC_TK_PUNCT, 0);
                seg = part = p + k;
            }
            p += k;
            continue;
        }
        p++;
    }
    if (z->st == TC_OK) emit_word(z, seg, r, last_abbr);
}

static const char *const EMOTICONS[] = {
    ":)", ":-)", ":(", ":-(", ":D", ":-D", ";)", ";-)", ":P", ":p", ":-P", ":?", ":/", ":-/",
    "=)", "=(", ":'(", "<3", "^_^", "^^", ":o", ":O", ":|", ":]", ":[", "(:",
};

/* Length of the longest emoticon at s[a..b) (at its start, or with at_end at
 * its end), 0 if none. */
static size_t emoticon_len(const char *s, size_t a, size_t b, int at_end)
{
    if (b - a < 2) return 0;
    /* every emoticon starts with one of these and has one of those second to last */
    if (!at_end && !strchr(":;=<^(", s[a])) return 0;
    if (at_end && !strchr(":;=-'^_", s[b - 2])) return 0;
    size_t best = 0;
    for (size_t i = 0; i < sizeof EMOTICONS / sizeof EMOTICONS[0]; i++) {
        size_t n = strlen(EMOTICONS[i]);
        if (n > b - a || n <= best) continue;
        if (memcmp(EMOTICONS[i], s + (at_end ? b - n : a), n) == 0) best = n;
    }
    return best;
}

/* An emoticon, or a run of one repeated symbol ("***", "$$$", "====", "--==--"). */
static int whole_symbol(const char *s, size_t a, size_t b)
{
    size_t n = b - a;
    if (n < 2 || a_alpha(s[a]) || a_digit(s[a]) || (unsigned char)s[a] >= 0x80) return 0;
    if (n == 2 && s[a] == '<' && s[a + 1] == '>') return 0; /* "<>": an empty link, two tokens */
    if ((s[a] == '<' || s[a] == '>') && s[a + 1] == s[a]) { /* "<<" ">>" are brackets */
        size_t i = a;
        while (i < b && s[i] == s[a]) i++;
        if (i == b) return 0;
    }
    if (n <= 3)
        for (size_t i = 0; i < sizeof EMOTICONS / sizeof EMOTICONS[0]; i++)
            if (EMOTICONS[i][0] == s[a] && strlen(EMOTICONS[i]) == n &&
                memcmp(EMOTICONS[i], s + a, n) == 0)
                return 1;
    for (size_t i = a; i < b; i++)
        if (!strchr("*$=#~_+^-<>|", s[i])) return 0;
    for (size_t i = a; i < b; i++)
        if (s[i] != '-') return 1;
    return 0;
}

/* Does the chunk look like a URL or an e-mail address? */
static int url_like(const char *s, size_t a, size_t b)
{
    size_t n = b - a;
    if (n >= 4 && ieq(s + a, "www.", 4)) return 1;
    for (size_t i = a; i + 3 <= b; i++) {
        if (s[i] == ':' && s[i + 1] == '/' && s[i + 2] == '/' && i > a && a_alpha(s[i - 1])) return 1;
    }
    for (size_t i = a + 1; i + 1 < b; i++) {
        if (s[i] == '@') {
            for (size_t j = i + 2; j + 1 < b; j++)
                if (s[j] == '.' && (a_alpha(s[j + 1]) || a_digit(s[j + 1]))) return 1;
            return 0;
        }
    }
    return 0;
}

#define MAXSUF 32

/* Split one whitespace-free chunk s[a..b).  Returns 0, or (with can_cut) a
 * cut a < c < b where the chunk is two chunks: nothing was emitted. */
static size_t do_chunk(scan *z, size_t a, size_t b, int can_cut)
{
    const char *s = z->s;
    size_t l = a, r = b;
    z->open_single = 0;
    if (whole_symbol(s, a, b)) {
        push(z, a, b, TC_TK_SYM, 0);
        return 0;
    }
    int url = url_like(s, a, b);
    if (url && can_cut) {
        /* "Name"<name@example.org> and "link:<http://...>": the address starts at '<' */
        for (size_t p = a + 1; p + 1 < b; p++) {
            if (s[p] == '<') return p;
            if (s[p] == '@' || s[p] == '/') break;
        }
    }
    if (!a_alpha(s[a]) && !a_digit(s[a])) {
        /* an emoticon followed by punctuation: ":-)." (the prefix loop takes the rest) */
        size_t k = emoticon_len(s, a, b, 0);
        if (k >= 2 && a + k < b) {
            size_t i = a + k;
            while (i < b && strchr(".,!?;", s[i])) i++;
            if (i == b) {
                push(z, a, a + k, TC_TK_SYM, 0);
                l = a + k;
            }
        }
    }
    /* prefixes */
    while (l < r && z->st == TC_OK) {
        unsigned char c = (unsigned char)s[l];
        if (c < 0x80) {
            if (c == '(' || c == '[' || c == '{' || (c == '<' && !(l + 1 < r && s[l + 1] == '<'))) {
                push(z, l, l + 1, TC_TK_PUNCT, TC_TF_OPEN);
                l++;
            } else if ((c == '>' && !(l + 1 < r && s[l + 1] == '>')) ||
                       ((c == '#' || c == '%') && l + 1 < r && a_digit(s[l + 1])) ||
                       (c == '~' && l + 1 < r && a_alpha(s[l + 1]))) {
                push(z, l, l + 1, TC_TK_PUNCT, 0);
                l++;
            } else if (c == '"') {
                push(z, l, l + 1, TC_TK_PUNCT, TC_TF_OPEN | TC_TF_QUOTE);
                z->dq++;
                l++;
            } else if (c == '\'' && l + 1 < r && s[l + 1] == '\'') { /* '' as a double quote */
                push(z, l, l + 2, TC_TK_PUNCT, TC_TF_OPEN | TC_TF_QUOTE);
                l += 2;
            } else if ((c == '<' || c == '>') && l + 1 < r && s[l + 1] == (char)c) { /* << >> */
                size_t q = l;
                while (q < r && s[q] == (char)c) q++;
                push(z, l, q, TC_TK_PUNCT, c == '<' ? TC_TF_OPEN : TC_TF_CLOSE);
                l = q;
            } else if (c == '`') {
                size_t q = l;
                while (q < r && s[q] == '`') q++;
                push(z, l, q, TC_TK_PUNCT, TC_TF_OPEN | TC_TF_QUOTE);
                l = q;
            } else if (c == '\'') {
                if (l + 1 < r && a_digit(s[l + 1])) break; /* '90s */
                /* a bare clitic chunk ('s, 're, n't) stays a word */
                if (r - l <= 3 && l + 1 < r && a_alpha(s[l + 1])) {
                    size_t n = r - l;
                    if ((n == 2 && ((s[l + 1] | 32) == 's' || (s[l + 1] | 32) == 'm' ||
                                    (s[l + 1] | 32) == 'd')) ||
                        (n == 3 && (ieq(s + l + 1, "re", 2) || ieq(s + l + 1, "ve", 2) ||
                                    ieq(s + l + 1, "ll", 2))))
                        break;
                }
                push(z, l, l + 1, TC_TK_PUNCT, TC_TF_OPEN | TC_TF_QUOTE);
                z->open_single = 1;
                l++;
            } else if (c == '$') {
                size_t q = l + 1;
                while (q < r && s[q] == '$') q++;
                push(z, l, q, TC_TK_SYM, 0);
                l = q;
            } else if (c == '-' || c == '.') {
                size_t q = l;
                while (q < r && s[q] == (char)c) q++;
                if (q - l == 1 && q < r && a_digit(s[q])) break;
                if (q - l == 1 && l == a && c == '.') {
                    /* a file extension on its own: ".doc", ".PDF" */
                    size_t w = q;
                    while (w < r && a_alpha(s[w])) w++;
                    if (w - q >= 2 && w - q <= 4 && (w == r || !a_digit(s[w]))) break;
                }
                if (q == r && l == a && c == '-') { /* a lone dash chunk */
                    push(z, l, q, TC_TK_PUNCT, 0);
                    l = q;
                    break;
                }
                push(z, l, q, TC_TK_PUNCT, 0);
                l = q;
            } else if (c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '*') {
                if (url && c == ':') break;
                size_t q = l + 1;
                if (c == '!' || c == '?')
                    while (q < r && (s[q] == '!' || s[q] == '?')) q++;
                if (c == '*')
                    while (q < r && s[q] == '*') q++;
                push(z, l, q, TC_TK_PUNCT, 0);
                l = q;
            } else {
                break;
            }
        } else {
            int32_t cp;
            size_t k = dec(s, l, r, &cp);
            int cat = cat_of(cp);
            if (cp == 0x2019 && l + k < r && a_alpha(s[l + k]) && r - l <= k + 2) break;
            int32_t cp2 = 0;
            if ((cp == 0x2018 || cp == 0x2019) && l + k < r) dec(s, l + k, r, &cp2);
            if (cp2 == 0x2018 || cp2 == 0x2019) {
                /* two single quotes as a double one: one token */
                push(z, l, l + 2 * k, TC_TK_PUNCT, TC_TF_OPEN | TC_TF_QUOTE);
                l += 2 * k;
                continue;
            }
            if (is_bullet(cp)) {
                push(z, l, l + k, TC_TK_SYM, TC_TF_BULLET);
            } else if (cat == UTF8PROC_CATEGORY_PS || cat == UTF8PROC_CATEGORY_PI ||
                       cp == 0x201E || cp == 0x201A) {
                int q = (cat == UTF8PROC_CATEGORY_PI || cp == 0x201E || cp == 0x201A)
                            ? TC_TF_QUOTE : 0;
                push(z, l, l + k, TC_TK_PUNCT, TC_TF_OPEN | q);
                if (cp == 0x2018) z->open_single = 1;
            } else if (cp == 0x2019 || cp == 0x201D) {
                /* closing quote used as an opening one */
                push(z, l, l + k, TC_TK_PUNCT, TC_TF_QUOTE);
            } else if (cat == UTF8PROC_CATEGORY_SC) {
                push(z, l, l + k, TC_TK_SYM, 0);
            } else if (cat == UTF8PROC_CATEGORY_PD || cp == 0x2026 || cp == 0xA1 || cp == 0xBF) {
                if (l + k == r && l == a) {
                    push(z, l, l + k, TC_TK_PUNCT, 0);
                    l += k;
                    break;
                }
                push(z, l, l + k, TC_TK_PUNCT, 0);
            } else {
                break;
            }
            l += k;
        }
    }
    if (l >= r || z->st != TC_OK) return 0;

    /* suffixes, collected right to left */
    struct {
        uint32_t a, b;
        uint8_t kind, flags;
    } suf[MAXSUF];
    int ns = 0;
    int last_abbr = 0;
    while (r > l && ns < MAXSUF) {
        unsigned char c = (unsigned char)s[r - 1];
        size_t q = r - 1;
        int kind = TC_TK_PUNCT, flags = 0;
        if ((c == ')' || c == '(') && !url && r - l >= 4) {
            /* an emoticon glued to the word: "family:)" */
            size_t k = emoticon_len(s, l, r, 1);
            if (k >= 2 && a_alpha(s[r - k - 1]) && !memchr(s + l, '(', r - k - l)) {
                suf[ns].a = (uint32_t)(r - k);
                suf[ns].b = (uint32_t)r;
                suf[ns].kind = TC_TK_SYM;
                suf[ns].flags = 0;
                ns++;
                r -= k;
                continue;
            }
        }
        if (c < 0x80) {
            if (c == ')' || c == ']' || c == '}' || c == '>' || c == '<') {
                if ((c == '>' || c == '<') && q > l && s[q - 1] == (char)c)
                    while (q > l && s[q - 1] == (char)c) q--;
                if (c == ')') {
                    int open = 0;
                    for (size_t i = l; i < r - 1; i++) open += s[i] == '(' ? 1 : s[i] == ')' ? -1 : 0;
                    if (open > 0) break;
                }
                flags = TC_TF_CLOSE;
            } else if (c == '"') {
                flags = TC_TF_CLOSE | TC_TF_QUOTE;
            } else if (c == '\'' && q > l && s[q - 1] == '\'') {
                q--;
                flags = TC_TF_CLOSE | TC_TF_QUOTE;
            } else if (c == '\'') {
                if (r - 1 > l + 1 && (s[r - 2] | 32) == 's' && !z->open_single && a_alpha(s[r - 3 < l ? l : r - 3]))
                    break;
                flags = TC_TF_CLOSE | TC_TF_QUOTE;
            } else if (c == ',' || c == ';' || (c == ':' && !url)) {
            } else if (c == '!' || c == '?') {
                while (q > l && (s[q - 1] == '!' || s[q - 1] == '?' || s[q - 1] == '.')) q--;
                size_t d = q;
                while (d < r && s[d] == '.') d++;
                if (d - q >= 3) q = d; /* "...?": the ellipsis is a token of its own */
            } else if (c == '%') {
                kind = TC_TK_SYM;
            } else if (c == '+') { /* "A+", "20+" */
                while (q > l && s[q - 1] == '+') q--;
                if (q == l || !(a_alpha(s[q - 1]) || a_digit(s[q - 1]))) break;
                kind = TC_TK_SYM;
            } else if (c == '*') {
                while (q > l && s[q - 1] == '*') q--;
            } else if (c == '-') {
                while (q > l && s[q - 1] == '-') q--;
                if (q == l) break;
            } else if (c == '.') {
                while (q > l && s[q - 1] == '.') q--;
                if (r - q == 2 && q > l && !url && abbrev_class(z, l, q))
                    q = r - 1; /* "Inc..": the abbreviation keeps one period */
                else if (r - q == 1 && q > l && (s[q - 1] == '!' || s[q - 1] == '?'))
                    while (q > l && (s[q - 1] == '!' || s[q - 1] == '?')) q--; /* "!." */
                if (r - q == 1 && q > l && !url) {
                    int ab = abbrev_class(z, l, q);
                    if (ab) {
                        last_abbr = ab;
                        break;
                    }
                }
            } else {
                break;
            }
            if (url && c != '.' && c != ',' && c != ';' && c != ')' && c != '"' && c != '\'' &&
                c != '!' && c != '?' && c != ']' && c != '>')
                break;
        } else {
            q = prev_cp(s, l, r);
            int32_t cp;
            dec(s, q, r, &cp);
            int cat = cat_of(cp);
            if (cp == 0x2019 && q >= l + 3 && (unsigned char)s[q - 3] == 0xE2 &&
                (unsigned char)s[q - 2] == 0x80 && ((unsigned char)s[q - 1] == 0x99 || (unsigned char)s[q - 1] == 0x98)) {
                q -= 3; /* two closing single quotes */
                flags = TC_TF_CLOSE | TC_TF_QUOTE;
            } else if (cp == 0x2019) {
                if (q > l + 1 && (s[q - 1] | 32) == 's' && !z->open_single && a_alpha(s[q - 2 < l ? l : q - 2]))
                    break;
                flags = TC_TF_CLOSE | TC_TF_QUOTE;
            } else if (cat == UTF8PROC_CATEGORY_PE || cat == UTF8PROC_CATEGORY_PF) {
                flags = TC_TF_CLOSE | (cat == UTF8PROC_CATEGORY_PF ? TC_TF_QUOTE : 0);
            } else if (cp == 0x201C) {
                flags = TC_TF_CLOSE | TC_TF_QUOTE;
            } else if (cp == 0x2026 || cat == UTF8PROC_CATEGORY_PD) {
            } else {
                break;
            }
            if (url) break;
        }
        suf[ns].a = (uint32_t)q;
        suf[ns].b = (uint32_t)r;
        suf[ns].kind = (uint8_t)kind;
        suf[ns].flags = (uint8_t)flags;
        ns++;
        r = q;
    }
    if (r > l) {
        if (url) {
            push(z, l, r, TC_TK_URL, 0);
        } else {
            do_middle(z, l, r, last_abbr);
        }
    }
    for (int i = ns - 1; i >= 0 && z->st == TC_OK; i--) {
        push(z, suf[i].a, suf[i].b, suf[i].kind, suf[i].flags);
        z->dq += s[suf[i].a] == '"';
    }
    return 0;
}

/* byte classes for the scanning loop */
enum { C_WS = 1, C_ALNUM = 2, C_URL = 4, C_HI = 8 };
/* CLS[c]: C_* bits of byte c (whitespace, ASCII letter/digit, ':' '@', >= 0x80) */
static const uint8_t CLS[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 4, 0, 0, 0, 0, 0,
    4, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0,
    0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0,
    8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8,
    8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8,
    8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8,
    8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8,
    8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8,
    8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8,
    8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8,
    8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8,
};

/* Non-ASCII whitespace at s[i]? Returns its length, 0 if none. */
static size_t uspace_at(const char *s, size_t i, size_t n, int32_t *cpo)
{
    unsigned char c = (unsigned char)s[i];
    if (c != 0xC2 && c != 0xE1 && c != 0xE2 && c != 0xE3 && c != 0xEF) return 0;
    int32_t cp;
    size_t k = dec(s, i, n, &cp);
    if (!is_uspace(cp)) return 0;
    *cpo = cp;
    return k;
}

tc_status tc_tok_scan(const char *text, size_t len, tc_tok_list *l)
{
    l->n = 0;
    if (len >= 0xFFFFFFF0u) return TC_ELIMIT;
    scan z = {.s = text, .len = len, .l = l, .st = TC_OK};
    unsigned indent = 0;
    size_t i = 0;
    unsigned nl = 0;
    int sp = 0;
    while (i < len) {
        unsigned char c = (unsigned char)text[i];
        if (CLS[c] & C_WS) {
            sp = 1;
            if (c == '\n') {
                nl++;
                indent = 0;
            } else if (nl && indent < 1000) {
                indent += c == '\t' ? 4 : c == ' ';
            }
            i++;
            continue;
        }
        if (c >= 0x80) {
            int32_t cp;
            size_t k = uspace_at(text, i, len, &cp);
            if (k) {
                sp = 1;
                if (cp == 0x2028 || cp == 0x2029 || cp == 0x85) nl += cp == 0x2029 ? 2 : 1;
                i += k;
                continue;
            }
        }
        /* a chunk: up to the next whitespace */
        size_t j = i;
        unsigned all = C_ALNUM;
        while (j < len) {
            unsigned char d = (unsigned char)text[j];
            uint8_t cl = CLS[d];
            if (cl & C_WS) break;
            all &= cl;
            if (cl & C_HI) {
                int32_t cp;
                if (uspace_at(text, j, len, &cp)) break;
                int32_t x;
                j += dec(text, j, len, &x);
            } else {
                j++;
            }
        }
        z.pend_flags = sp ? TC_TF_SPACE : 0;
        z.pend_nl = (uint8_t)(nl > 255 ? 255 : nl);
        if (nl >= 2) z.dq = 0;
        z.pend_indent = (uint16_t)indent;
        indent = 0;
        if (all) { /* letters and digits only: one word */
            z.open_single = 0;
            z.plain = 1;
            emit_word(&z, i, j, 0);
            z.plain = 0;
        } else {
            size_t cut = do_chunk(&z, i, j, 1);
            if (cut) {
                do_chunk(&z, i, cut, 0);
                if (z.st == TC_OK) do_chunk(&z, cut, j, 0);
            }
        }
        if (z.st != TC_OK) return z.st;
        nl = 0;
        sp = 0;
        i = j;
    }
    return TC_OK;
}
