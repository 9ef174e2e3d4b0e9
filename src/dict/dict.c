/* dict.c - dictionary readers and lookups (see dict.h). */
#include "dict.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* ------------------------------------------------------------------ utils */

#define GROW TC_GROW

tc_status tc_dict_new(tc_dict **out)
{
    tc_dict *d = tc_calloc(1, sizeof *d);
    *out = d;
    if (!d) return TC_ENOMEM;
    tc_arena_init(&d->arena);
    tc_strmap_init(&d->words);
    tc_strmap_init(&d->actor_phrases.map);
    tc_strmap_init(&d->agent_phrases.map);
    tc_strmap_init(&d->discard_phrases.map);
    tc_strmap_init(&d->synset_names);
    tc_strmap_init(&d->verb_index);
    tc_strmap_init(&d->block_names);
    tc_strmap_init(&d->pico);
    tc_strmap_init(&d->pico_rev);
    return TC_OK;
}

void tc_dict_free(tc_dict **dp)
{
    if (!dp || !*dp) return;
    tc_dict *d = *dp;
    tc_arena_free(&d->arena);
    tc_strmap_free(&d->words);
    tc_strmap_free(&d->actor_phrases.map);
    tc_free(d->actor_phrases.first);
    tc_free(d->actor_phrases.lens);
    tc_strmap_free(&d->agent_phrases.map);
    tc_free(d->agent_phrases.first);
    tc_free(d->agent_phrases.lens);
    tc_strmap_free(&d->discard_phrases.map);
    tc_free(d->discard_phrases.first);
    tc_free(d->discard_phrases.lens);
    tc_strmap_free(&d->synset_names);
    tc_free(d->synend);
    tc_free(d->wtab);
    tc_strmap_free(&d->verb_index);
    tc_strmap_free(&d->block_names);
    tc_strmap_free(&d->pico);
    tc_strmap_free(&d->pico_rev);
    tc_free(d->w);
    tc_free(d->wstr);
    tc_free(d->dups);
    tc_free(d->codes);
    tc_free(d->actors);
    tc_free(d->agents);
    tc_free(d->synsets);
    tc_free(d->members);
    tc_free(d->slots);
    tc_free(d->pels);
    tc_free(d->patterns);
    tc_free(d->pat_by_key);
    tc_free(d->pat_key);
    tc_free(d->pat_weight);
    tc_free(d->pat_keyx);
    tc_free(d->pat_need_first);
    tc_free(d->pat_need);
    tc_free(d->blocks);
    tc_free(d->verbs);
    tc_free(d->transforms);
    tc_free(d->discards);
    tc_free(d->issues);
    tc_free(d->pico_codes);
    tc_free(d);
    *dp = NULL;
}

static const char *dstr(tc_dict *d, const char *s, size_t n)
{
    return tc_arena_strndup(&d->arena, s, n);
}

static int is_sp(int c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

static void trim(const char **s, const char **e)
{
    while (*s < *e && is_sp((unsigned char)**s)) (*s)++;
    while (*e > *s && is_sp((unsigned char)(*e)[-1])) (*e)--;
}

/* Upper-case copy of at most cap-1 bytes. */
static size_t upcopy(char *dst, size_t cap, const char *s, size_t n)
{
    if (n >= cap) n = cap - 1;
    for (size_t i = 0; i < n; i++) dst[i] = (char)toupper((unsigned char)s[i]);
    dst[n] = 0;
    return n;
}

/* Accented letters folded to ASCII ("Erdoğan" -> "Erdogan", "Sánchez" -> "Sanchez") so
 * that text and dictionaries meet whatever spelling each uses.  Returns the new length in
 * out (cap bytes) or 0 when s is plain ASCII or cannot be folded. */
static size_t fold_ascii(const char *s, size_t n, char *out, size_t cap)
{
    size_t i;
    for (i = 0; i < n && !((unsigned char)s[i] & 0x80); i++) {}
    if (i == n) return 0;
    utf8proc_uint8_t *m = NULL;
    utf8proc_ssize_t len = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &m,
                                        UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK);
    if (len <= 0 || !m) {
        free(m); /* utf8proc allocates with malloc */
        return 0;
    }
    size_t k = 0;
    for (utf8proc_ssize_t j = 0; j < len && k + 1 < cap; j++) out[k++] = (char)m[j];
    free(m);
    return k;
}

/* The word index: open addressing over the words of at most 12 bytes (plain ASCII or
 * folded, upper-cased, no NUL), the word zero-padded into the slot, so that a lookup
 * touches one slot per probe and hashes two integers instead of the bytes one by one.
 * Longer words are found in d->words only. */
struct tc_dict_wslot {
    uint64_t a;  /* bytes 0-7 of the word, zero-padded */
    uint32_t b;  /* bytes 8-11 */
    int32_t id;  /* 0 = empty slot */
};

static size_t wslot_hash(uint64_t a, uint32_t b)
{
    uint64_t h = a * 0x9E3779B97F4A7C15ULL ^ (uint64_t)(b + 1) * 0xC2B2AE3D27D4EB4FULL;
    h ^= h >> 31;
    h *= 0xff51afd7ed558ccdULL;
    return (size_t)(h ^ (h >> 29));
}

static void wslot_key(const char *w, size_t n, uint64_t *a, uint32_t *b)
{
    unsigned char k[16] = {0};
    memcpy(k, w, n);
    memcpy(a, k, 8);
    memcpy(b, k + 8, 4);
}

static void wtab_put(struct tc_dict_wslot *t, size_t cap, uint64_t a, uint32_t b, int32_t id)
{
    size_t i = wslot_hash(a, b) & (cap - 1);
    while (t[i].id) {
        if (t[i].a == a && t[i].b == b) return;
        i = (i + 1) & (cap - 1);
    }
    t[i].a = a;
    t[i].b = b;
    t[i].id = id;
}

/* add a word (upper-cased, n bytes) to the index; 0 on OOM */
static int wtab_add(tc_dict *d, const char *w, size_t n, int32_t id)
{
    if (n == 0 || n > 12 || memchr(w, 0, n)) return 1;
    if ((d->wtab_n + 1) * 4 > d->wtab_cap * 3) {
        size_t ncap = d->wtab_cap ? d->wtab_cap * 2 : 1024;
        struct tc_dict_wslot *nt = tc_calloc(ncap, sizeof *nt);
        if (!nt) return 0;
        for (size_t i = 0; i < d->wtab_cap; i++)
            if (d->wtab[i].id) wtab_put(nt, ncap, d->wtab[i].a, d->wtab[i].b, d->wtab[i].id);
        tc_free(d->wtab);
        d->wtab = nt;
        d->wtab_cap = ncap;
    }
    uint64_t a;
    uint32_t b;
    wslot_key(w, n, &a, &b);
    wtab_put(d->wtab, d->wtab_cap, a, b, id);
    d->wtab_n++;
    return 1;
}

int32_t tc_dict_word(const tc_dict *d, const char *s, size_t n)
{
    if (n && n <= 12 && d->wtab_cap) {
        /* plain ASCII without NUL: upper-case into the zero-padded key (the C locale's
         * toupper), else the general path below */
        unsigned char k[16] = {0};
        size_t i;
        for (i = 0; i < n; i++) {
            unsigned char ch = (unsigned char)s[i];
            if (ch == 0 || ch >= 0x80) break;
            k[i] = (unsigned char)(ch >= 'a' && ch <= 'z' ? ch - 32 : ch);
        }
        if (i == n) {
            uint64_t a;
            uint32_t b;
            memcpy(&a, k, 8);
            memcpy(&b, k + 8, 4);
            size_t mask = d->wtab_cap - 1;
            for (size_t j = wslot_hash(a, b) & mask;; j = (j + 1) & mask) {
                const struct tc_dict_wslot *t = &d->wtab[j];
                if (!t->id) return 0;
                if (t->a == a && t->b == b) return t->id;
            }
        }
    }
    char buf[256], folded[256];
    size_t fn = fold_ascii(s, n, folded, sizeof folded);
    if (fn) {
        s = folded;
        n = fn;
    }
    if (n == 0 || n >= sizeof buf) return 0;
    upcopy(buf, sizeof buf, s, n);
    int64_t v;
    return tc_strmap_get(&d->words, buf, n, &v) ? (int32_t)v : 0;
}

/* Intern an (already upper-cased or not) word; 0 on OOM or empty. */
static int32_t intern(tc_dict *d, const char *s, size_t n)
{
    char buf[256], folded[256];
    size_t fn = fold_ascii(s, n, folded, sizeof folded);
    if (fn) {
        s = folded;
        n = fn;
    }
    if (n == 0) return 0;
    if (n >= sizeof buf) n = sizeof buf - 1;
    upcopy(buf, sizeof buf, s, n);
    int64_t v;
    int added = 0;
    if (tc_strmap_intern(&d->words, buf, n, (int64_t)d->nwords + 1, &v, &added) != TC_OK) return 0;
    if (added) {
        if ((size_t)d->nwords + 2 > d->capwstr &&
            tc_grow((void **)&d->wstr, &d->capwstr, sizeof *d->wstr) != TC_OK)
            return 0;
        d->nwords++;
        d->wstr[d->nwords] = tc_strmap_key(&d->words, buf, n);
        if (!wtab_add(d, buf, n, (int32_t)v)) return 0;
    }
    return (int32_t)v;
}

const char *tc_dict_word_str(const tc_dict *d, int32_t id)
{
    return (id > 0 && id <= d->nwords) ? d->wstr[id] : "?";
}

/* Split a phrase on blanks and '_' into word ids appended to d->w.
 * Returns the number of words (0 = none / OOM). Trailing '_' markers are dropped. */
static uint32_t phrase_words(tc_dict *d, const char *s, const char *e, uint32_t *first)
{
    *first = (uint32_t)d->nw;
    uint32_t n = 0;
    while (s < e) {
        while (s < e && (is_sp((unsigned char)*s) || *s == '_')) s++;
        const char *b = s;
        while (s < e && !is_sp((unsigned char)*s) && *s != '_') s++;
        if (s > b) {
            int32_t id = intern(d, b, (size_t)(s - b));
            if (!id || !GROW(d->w, d->nw, d->capw)) return 0;
            d->w[d->nw++] = id;
            n++;
        }
    }
    return n;
}

static tc_status phrase_put(tc_dict_phrases *p, const int32_t *ids, uint32_t n, uint32_t idx, int *dup)
{
    int64_t old;
    int added = 0;
    tc_status st = tc_strmap_intern(&p->map, (const char *)ids, n * sizeof(int32_t), idx, &old, &added);
    if (st != TC_OK) return st;
    if (dup) *dup = !added;
    if (n > p->maxlen) p->maxlen = n;
    size_t w0 = (size_t)ids[0];
    if (w0 >= p->capfirst) {
        size_t nc = p->capfirst ? p->capfirst : 1024;
        while (nc <= w0) nc *= 2;
        uint8_t *q = tc_realloc(p->first, nc);
        if (!q) return TC_ENOMEM;
        memset(q + p->capfirst, 0, nc - p->capfirst);
        p->first = q;
        uint32_t *l = tc_reallocarray(p->lens, nc, sizeof *l);
        if (!l) return TC_ENOMEM;
        memset(l + p->capfirst, 0, (nc - p->capfirst) * sizeof *l);
        p->lens = l;
        p->capfirst = nc;
    }
    if (n > p->first[w0]) p->first[w0] = (uint8_t)(n > 255 ? 255 : n);
    if (n) p->lens[w0] |= 1u << (n < 32 ? n - 1 : 31);
    return TC_OK;
}

static uint32_t phrase_match(const tc_dict_phrases *p, const int32_t *ids, uint32_t n, uint32_t *idx)
{
    if (n == 0 || ids[0] <= 0 || (size_t)ids[0] >= p->capfirst || !p->first[ids[0]]) return 0;
    uint32_t max = n < p->first[ids[0]] ? n : p->first[ids[0]];
    uint32_t lens = p->lens[ids[0]];
    for (uint32_t len = max; len > 0; len--) {
        if (!(lens >> (len < 32 ? len - 1 : 31) & 1)) continue; /* no phrase of this length */
        int ok = 1;
        for (uint32_t i = 0; i < len; i++)
            if (ids[i] <= 0) { ok = 0; break; }
        if (!ok) continue;
        int64_t v;
        if (tc_strmap_get(&p->map, (const char *)ids, len * sizeof(int32_t), &v)) {
            *idx = (uint32_t)v;
            return len;
        }
    }
    return 0;
}

uint32_t tc_dict_match_actor(const tc_dict *d, const int32_t *ids, uint32_t n, uint32_t *idx)
{
    return phrase_match(&d->actor_phrases, ids, n, idx);
}

uint32_t tc_dict_match_discard(const tc_dict *d, const int32_t *ids, uint32_t n, uint32_t *idx)
{
    return phrase_match(&d->discard_phrases, ids, n, idx);
}

uint32_t tc_dict_match_agent(const tc_dict *d, const int32_t *ids, uint32_t n, uint32_t *idx)
{
    return phrase_match(&d->agent_phrases, ids, n, idx);
}

/* ------------------------------------------------------------ line reader */

typedef struct lines {
    const char *p, *end;
    const char *name;
    long lineno;
    int in_comment;  /* inside <!-- --> */
    char *buf;
    size_t cap;
    char raw_first;  /* first byte of the raw line */
    int raw_hash;    /* the raw line was a '#' comment line */
    const char *raw; /* the raw line (NUL-terminated copy in rawbuf) */
    char *rawbuf;
    size_t rawcap;
} lines;

static void lines_init(lines *L, const char *name, const char *buf, size_t len)
{
    memset(L, 0, sizeof *L);
    L->p = buf;
    L->end = buf + len;
    L->name = name;
}

static void lines_free(lines *L)
{
    tc_free(L->buf);
    tc_free(L->rawbuf);
}

static int ensure(char **b, size_t *cap, size_t n)
{
    if (n + 1 <= *cap) return 1;
    size_t nc = *cap ? *cap : 256;
    while (nc < n + 1) nc *= 2;
    char *q = tc_realloc(*b, nc);
    if (!q) return 0;
    *b = q;
    *cap = nc;
    return 1;
}

/* Next line with comments removed; returns 0 at end (or OOM), else 1 and *out
 * (NUL-terminated, right-trimmed, possibly empty). semicolon: ';' starts a comment too. */
static int lines_next(lines *L, char **out, int semicolon)
{
    if (L->p >= L->end) return 0;
    const char *s = L->p;
    const char *e = memchr(s, '\n', (size_t)(L->end - s));
    if (!e) e = L->end;
    L->p = e < L->end ? e + 1 : e;
    L->lineno++;
    size_t n = (size_t)(e - s);
    if (!ensure(&L->buf, &L->cap, n) || !ensure(&L->rawbuf, &L->rawcap, n)) return 0;
    /* copy, dropping NUL bytes */
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i]) L->rawbuf[k++] = s[i];
    L->rawbuf[k] = 0;
    L->raw = L->rawbuf;
    L->raw_first = L->rawbuf[0];
    char *o = L->buf;
    size_t j = 0;
    const char *r = L->rawbuf;
    size_t i = 0;
    const char *t = r;
    while (*t && is_sp((unsigned char)*t)) t++;
    L->raw_hash = (*t == '#');
    while (i < k) {
        if (L->in_comment) {
            const char *c = strstr(r + i, "-->");
            if (!c) { i = k; break; }
            i = (size_t)(c - r) + 3;
            L->in_comment = 0;
            continue;
        }
        if (r[i] == '<' && strncmp(r + i, "<!--", 4) == 0) {
            L->in_comment = 1;
            i += 4;
            continue;
        }
        if ((r[i] == '#' && !(j > 0 && (o[j - 1] == '[' || o[j - 1] == '#'))) || (semicolon && r[i] == ';')) { /* "[###]": a code */
            /* the rest of the line is a comment (but an open <!-- on it still counts) */
            const char *c = strstr(r + i, "<!--");
            if (c && !strstr(c, "-->")) L->in_comment = 1;
            break;
        }
        o[j++] = r[i++];
    }
    while (j > 0 && is_sp((unsigned char)o[j - 1])) j--;
    o[j] = 0;
    *out = o;
    return 1;
}

static tc_status load_file(tc_dict *d, const char *path, tc_diag *diag,
                           tc_status (*fn)(tc_dict *, const char *, const char *, size_t, tc_diag *))
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        tc_diag_emit(diag, TC_LOG_ERROR, path, 0, "cannot open dictionary");
        return TC_EIO;
    }
    tc_buf b = TC_BUF_INIT;
    char chunk[65536];
    size_t n;
    tc_status st = TC_OK;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        if ((st = tc_buf_append(&b, chunk, n)) != TC_OK) break;
    int err = ferror(f);
    fclose(f);
    if (st == TC_OK && err) {
        tc_diag_emit(diag, TC_LOG_ERROR, path, 0, "read error");
        st = TC_EIO;
    }
    if (st == TC_OK) {
        const char *name = dstr(d, path, strlen(path));
        st = name ? fn(d, name, b.data ? b.data : "", b.len, diag) : TC_ENOMEM;
    }
    tc_buf_free(&b);
    return st;
}

/* ----------------------------------------------------------------- dates */

static int all_digits(const char *s, size_t n)
{
    if (!n) return 0;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i])) return 0;
    return 1;
}

int32_t tc_dict_parse_date(const char *s, size_t n)
{
    while (n && is_sp((unsigned char)*s)) s++, n--;
    while (n && is_sp((unsigned char)s[n - 1])) n--;
    if (!all_digits(s, n) || (n != 6 && n != 8)) return -1;
    long v = strtol(s, NULL, 10);
    int32_t y, md;
    if (n == 6) {
        y = (int32_t)(v / 10000);
        y += y <= 30 ? 2000 : 1900;
        md = (int32_t)(v % 10000);
    } else {
        y = (int32_t)(v / 10000);
        md = (int32_t)(v % 10000);
    }
    int m = md / 100, dd = md % 100;
    if (m < 1 || m > 12 || dd < 1 || dd > 31) return -1;
    return y * 10000 + md;
}

const char *tc_dict_actor_code(const tc_dict *d, const tc_dict_actor *a, int32_t date)
{
    const char *def = NULL;
    for (uint32_t i = 0; i < a->ncodes; i++) {
        const tc_dict_code *c = &d->codes[a->first + i];
        switch (c->kind) {
        case TC_DICT_DATE_NONE:
            if (!def) def = c->code;
            break;
        case TC_DICT_DATE_BEFORE:
            if (date && date < c->d1) return c->code;
            break;
        case TC_DICT_DATE_AFTER:
            if (date && date >= c->d1) return c->code;
            break;
        case TC_DICT_DATE_RANGE:
            if (date && date >= c->d1 && date <= c->d2) return c->code;
            break;
        }
    }
    return def;
}

/* ---------------------------------------------------------------- actors */

static int valid_actor_code(const char *s, size_t n)
{
    if (n == 0) return 0;
    if ((n == 3 && (!memcmp(s, "---", 3) || !memcmp(s, "###", 3) || !memcmp(s, "+++", 3)))) return 1;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!isalnum(c) && c != '/' && c != '~') return 0;
    }
    /* something that is only a date is not a code */
    if (all_digits(s, n)) return 0;
    return 1;
}

static char *upstr(tc_dict *d, const char *s, size_t n)
{
    char *p = tc_arena_alloc(&d->arena, n + 1);
    if (!p) return NULL;
    upcopy(p, n + 1, s, n);
    return p;
}

/* Parse "[CODE restriction]" blocks in s; append to d->codes.  Returns number
 * added, -1 on OOM.  Bad blocks are warned about and skipped. */
static int parse_code_blocks(tc_dict *d, lines *L, const char *s, tc_diag *diag)
{
    int added = 0;
    for (;;) {
        const char *b = strchr(s, '[');
        if (!b) break;
        const char *e = strchr(b + 1, ']');
        if (!e) {
            tc_diag_emit(diag, TC_LOG_WARN, L->name, L->lineno, "unterminated code block '%s'", b);
            break;
        }
        const char *cs = b + 1, *ce = e;
        trim(&cs, &ce);
        const char *w = cs;
        while (w < ce && !is_sp((unsigned char)*w) && *w != '<' && *w != '>') w++;
        /* a date-only block like [950601-990815] */
        if (!valid_actor_code(cs, (size_t)(w - cs))) {
            tc_diag_emit(diag, TC_LOG_WARN, L->name, L->lineno, "bad actor code block [%.*s]",
                         (int)(ce - cs), cs);
            s = e + 1;
            continue;
        }
        tc_dict_code c = {0};
        c.code = upstr(d, cs, (size_t)(w - cs));
        if (!c.code) return -1;
        const char *r = w, *re = ce;
        trim(&r, &re);
        int ok = 1;
        if (r < re) {
            if (*r == '<' || *r == '>') {
                c.kind = *r == '<' ? TC_DICT_DATE_BEFORE : TC_DICT_DATE_AFTER;
                c.d1 = tc_dict_parse_date(r + 1, (size_t)(re - r - 1));
                ok = c.d1 >= 0;
            } else {
                const char *dash = memchr(r, '-', (size_t)(re - r));
                if (!dash) ok = 0;
                else {
                    c.kind = TC_DICT_DATE_RANGE;
                    c.d1 = tc_dict_parse_date(r, (size_t)(dash - r));
                    c.d2 = tc_dict_parse_date(dash + 1, (size_t)(re - dash - 1));
                    ok = c.d1 >= 0 && c.d2 >= 0 && c.d1 <= c.d2;
                }
            }
        }
        if (!ok) {
            tc_diag_emit(diag, TC_LOG_WARN, L->name, L->lineno, "bad date restriction in [%.*s]",
                         (int)(ce - cs), cs);
        } else {
            if (!GROW(d->codes, d->ncodes, d->capcodes)) return -1;
            d->codes[d->ncodes++] = c;
            added++;
        }
        s = e + 1;
    }
    return added;
}

static tc_status add_actor_phrase(tc_dict *d, lines *L, const char *s, const char *e, uint32_t actor,
                                  tc_diag *diag)
{
    trim(&s, &e);
    uint32_t first;
    uint32_t n = phrase_words(d, s, e, &first);
    if (n == 0) {
        tc_diag_emit(diag, TC_LOG_WARN, L->name, L->lineno, "empty actor phrase");
        return TC_OK;
    }
    int dup = 0;
    tc_status st = phrase_put(&d->actor_phrases, d->w + first, n, actor, &dup);
    if (st == TC_OK && dup) {
        tc_diag_emit(diag, TC_LOG_DEBUG, L->name, L->lineno, "duplicate actor phrase '%.*s'",
                     (int)(e - s), s);
        int64_t v = 0;
        tc_strmap_get(&d->actor_phrases.map, (const char *)(d->w + first), n * sizeof(int32_t), &v);
        if ((uint32_t)v != actor) {
            if (!GROW(d->dups, d->ndups, d->capdups)) return TC_ENOMEM;
            tc_dict_dup x = {0, (uint32_t)v, actor, L->name, L->lineno};
            d->dups[d->ndups++] = x;
        }
    }
    return st;
}

tc_status tc_dict_actors_mem(tc_dict *d, const char *name, const char *buf, size_t len, tc_diag *diag)
{
    lines L;
    lines_init(&L, name, buf, len);
    char *s;
    long cur = -1;
    tc_status st = TC_OK;
    while (st == TC_OK && lines_next(&L, &s, 0)) {
        const char *t = s;
        while (*t && is_sp((unsigned char)*t)) t++;
        if (!*t) continue;
        if (*t == '<') continue; /* <NOUN>, </ADJECTIVE> ... section tags */
        int indented = is_sp((unsigned char)L.raw_first);
        if (indented && *t == '[') {
            if (cur < 0) {
                tc_diag_emit(diag, TC_LOG_WARN, L.name, L.lineno, "code line without an actor");
                continue;
            }
            if (d->actors[cur].first + d->actors[cur].ncodes != d->ncodes) {
                tc_diag_emit(diag, TC_LOG_WARN, L.name, L.lineno, "code line out of place");
                continue;
            }
            int k = parse_code_blocks(d, &L, t, diag);
            if (k < 0) { st = TC_ENOMEM; break; }
            d->actors[cur].ncodes += (uint32_t)k;
            continue;
        }
        if (*t == '+') {
            if (cur < 0) {
                tc_diag_emit(diag, TC_LOG_WARN, L.name, L.lineno, "synonym without a primary phrase");
                continue;
            }
            const char *br = strchr(t, '[');
            st = add_actor_phrase(d, &L, t + 1, br ? br : t + strlen(t), (uint32_t)cur, diag);
            if (br && st == TC_OK) {
                if (d->actors[cur].first + d->actors[cur].ncodes != d->ncodes) {
                    tc_diag_emit(diag, TC_LOG_WARN, L.name, L.lineno, "code block out of place");
                    continue;
                }
                int k = parse_code_blocks(d, &L, br, diag);
                if (k < 0) { st = TC_ENOMEM; break; }
                d->actors[cur].ncodes += (uint32_t)k;
            }
            continue;
        }
        if (*t == '[' || *t == ']' || (*t == '-' && t[1] == '-')) {
            tc_diag_emit(diag, TC_LOG_WARN, L.name, L.lineno, "line is not an actor record: '%s'", t);
            continue;
        }
        /* new record */
        const char *br = strchr(t, '[');
        const char *pe = br ? br : t + strlen(t);
        if (!br && strchr(t, ';')) pe = strchr(t, ';'); /* TABARI "GOLLUM ; pas 27 Apr 03", codes below */
        const char *ps = t, *pe2 = pe;
        trim(&ps, &pe2);
        if (ps == pe2) {
            tc_diag_emit(diag, TC_LOG_WARN, L.name, L.lineno, "empty actor phrase");
            continue;
        }
        if (!GROW(d->actors, d->nactors, d->capactors)) { st = TC_ENOMEM; break; }
        tc_dict_actor *a = &d->actors[d->nactors];
        memset(a, 0, sizeof *a);
        a->root = dstr(d, ps, (size_t)(pe2 - ps));
        a->file = name;
        a->line = L.lineno;
        a->first = (uint32_t)d->ncodes;
        if (!a->root) { st = TC_ENOMEM; break; }
        cur = (long)d->nactors++;
        st = add_actor_phrase(d, &L, t, pe, (uint32_t)cur, diag);
        if (br && st == TC_OK) {
            int k = parse_code_blocks(d, &L, br, diag);
            if (k < 0) { st = TC_ENOMEM; break; }
            d->actors[cur].ncodes += (uint32_t)k;
        }
    }
    lines_free(&L);
    return st;
}

tc_status tc_dict_load_actors(tc_dict *d, const char *path, tc_diag *diag)
{
    return load_file(d, path, diag, tc_dict_actors_mem);
}

/* ---------------------------------------------------------------- agents */

/* Regular English plural of the last word of a phrase (upper case). */
static void plural_of(const char *w, size_t n, char *out, size_t cap)
{
    if (n + 3 >= cap) { out[0] = 0; return; }
    memcpy(out, w, n);
    char last = n ? w[n - 1] : 0, prev = n > 1 ? w[n - 2] : 0;
    if (last == 'Y' && prev && !strchr("AEIOU", prev)) {
        strcpy(out + n - 1, "IES");
    } else if (last == 'S' || last == 'X' || last == 'Z' || (last == 'H' && (prev == 'S' || prev == 'C'))) {
        strcpy(out + n, "ES");
    } else {
        strcpy(out + n, "S");
    }
}

typedef struct subst {
    char name[64];
    char *vals; /* NUL-separated values, double NUL at end */
} subst;

static tc_status add_agent(tc_dict *d, lines *L, const char *phrase, size_t plen, const char *code,
                           int prefix, const char *plurals, int noplural, tc_diag *diag)
{
    if (!GROW(d->agents, d->nagents, d->capagents)) return TC_ENOMEM;
    tc_dict_agent *a = &d->agents[d->nagents];
    a->phrase = dstr(d, phrase, plen);
    a->code = code;
    a->prefix = prefix;
    a->file = L->name;
    a->line = L->lineno;
    if (!a->phrase) return TC_ENOMEM;
    uint32_t idx = (uint32_t)d->nagents++;
    uint32_t first;
    uint32_t n = phrase_words(d, phrase, phrase + plen, &first);
    if (!n) {
        tc_diag_emit(diag, TC_LOG_WARN, L->name, L->lineno, "empty agent phrase");
        return TC_OK;
    }
    int dup = 0;
    tc_status st = phrase_put(&d->agent_phrases, d->w + first, n, idx, &dup);
    if (st != TC_OK) return st;
    if (dup) {
        int64_t v = 0;
        tc_strmap_get(&d->agent_phrases.map, (const char *)(d->w + first), n * sizeof(int32_t), &v);
        if (!GROW(d->dups, d->ndups, d->capdups)) return TC_ENOMEM;
        tc_dict_dup x = {1, (uint32_t)v, idx, L->name, L->lineno};
        d->dups[d->ndups++] = x;
    }
    if (plurals) {
        const char *p = plurals;
        while (*p) {
            while (*p && is_sp((unsigned char)*p)) p++;
            const char *b = p;
            while (*p && !is_sp((unsigned char)*p)) p++;
            if (p > b) {
                n = phrase_words(d, b, p, &first);
                if (n && (st = phrase_put(&d->agent_phrases, d->w + first, n, idx, NULL)) != TC_OK) return st;
            }
        }
    } else if (!noplural) {
        /* plural of the last word */
        const int32_t lastid = d->w[first + n - 1];
        const char *lw = tc_dict_word_str(d, lastid);
        char pl[300];
        plural_of(lw, strlen(lw), pl, sizeof pl);
        if (pl[0]) {
            int32_t pid = intern(d, pl, strlen(pl));
            uint32_t f2 = (uint32_t)d->nw;
            for (uint32_t i = 0; i < n; i++) {
                if (!GROW(d->w, d->nw, d->capw)) return TC_ENOMEM;
                d->w[d->nw] = (i + 1 == n) ? pid : d->w[first + i];
                d->nw++;
            }
            if (!pid) return TC_ENOMEM;
            if ((st = phrase_put(&d->agent_phrases, d->w + f2, n, idx, NULL)) != TC_OK) return st;
        }
    }
    return TC_OK;
}

tc_status tc_dict_agents_mem(tc_dict *d, const char *name, const char *buf, size_t len, tc_diag *diag)
{
    lines L;
    lines_init(&L, name, buf, len);
    char *s;
    tc_status st = TC_OK;
    subst subs[64];
    int nsubs = 0;
    while (st == TC_OK && lines_next(&L, &s, 0)) {
        const char *t = s;
        while (*t && is_sp((unsigned char)*t)) t++;
        if (!*t || *t == '<') continue;
        /* substitution set definition  !NAME! = A, B, C */
        if (*t == '!') {
            const char *e2 = strchr(t + 1, '!');
            const char *eq = e2 ? strchr(e2, '=') : NULL;
            if (e2 && eq && e2 > t + 1) {
                if (nsubs >= 64 || (size_t)(e2 - t + 1) >= sizeof subs[0].name) {
                    tc_diag_emit(diag, TC_LOG_WARN, L.name, L.lineno, "too many substitution sets");
                    continue;
                }
                subst *sb = &subs[nsubs];
                size_t nl = (size_t)(e2 - t + 1);
                upcopy(sb->name, sizeof sb->name, t, nl);
                const char *v = eq + 1;
                size_t vl = strlen(v);
                sb->vals = tc_arena_alloc(&d->arena, vl + 2);
                if (!sb->vals) { st = TC_ENOMEM; break; }
                size_t k = 0;
                while (*v) {
                    while (*v && (is_sp((unsigned char)*v) || *v == ',')) v++;
                    const char *b = v;
                    while (*v && *v != ',') v++;
                    const char *be = v;
                    trim(&b, &be);
                    if (be > b) {
                        upcopy(sb->vals + k, (size_t)(be - b) + 1, b, (size_t)(be - b));
                        k += (size_t)(be - b) + 1;
                    }
                }
                sb->vals[k] = 0;
                if (k == 0) {
                    tc_diag_emit(diag, TC_LOG_WARN, L.name, L.lineno, "empty substitution set");
                    continue;
                }
                nsubs++;
                continue;
            }
        }
        const char *br = strchr(t, '[');
        const char *bre = br ? strchr(br, ']') : NULL;
        if (!br || !bre) {
            tc_diag_emit(diag, TC_LOG_WARN, L.name, L.lineno, "agent line without [code]: '%s'", t);
            continue;
        }
        const char *cs = br + 1, *ce = bre;
        trim(&cs, &ce);
        int prefix = 0;
        if (ce > cs && *cs == '~') cs++;
        else if (ce > cs && ce[-1] == '~') { ce--; prefix = 1; }
        const char *cs2 = cs, *ce2 = ce;
        trim(&cs2, &ce2);
        if (ce2 == cs2 || !valid_actor_code(cs2, (size_t)(ce2 - cs2))) {
            tc_diag_emit(diag, TC_LOG_WARN, L.name, L.lineno, "bad agent code [%.*s]", (int)(bre - br - 1), br + 1);
            continue;
        }
        const char *code = upstr(d, cs2, (size_t)(ce2 - cs2));
        if (!code) { st = TC_ENOMEM; break; }
        /* phrase and optional {plurals} */
        const char *pe = br;
        const char *cb = memchr(t, '{', (size_t)(br - t));
        const char *plurals = NULL;
        int noplural = 0;
        char plbuf[512];
        if (cb) {
            const char *ceb = memchr(cb, '}', (size_t)(br - cb));
            if (!ceb) {
                tc_diag_emit(diag, TC_LOG_WARN, L.name, L.lineno, "unterminated {plural}");
                continue;
            }
            pe = cb;
            const char *ps = cb + 1, *pse = ceb;
            trim(&ps, &pse);
            if (ps == pse) noplural = 1;
            else {
                size_t pl = (size_t)(pse - ps);
                if (pl >= sizeof plbuf) pl = sizeof plbuf - 1;
                memcpy(plbuf, ps, pl);
                plbuf[pl] = 0;
                plurals = plbuf;
            }
        }
        const char *ps = t, *pe2 = pe;
        trim(&ps, &pe2);
        if (ps == pe2) {
            tc_diag_emit(diag, TC_LOG_WARN, L.name, L.lineno, "empty agent phrase");
            continue;
        }
        /* substitution marker in the phrase */
        const char *m1 = memchr(ps, '!', (size_t)(pe2 - ps));
        const char *m2 = m1 ? memchr(m1 + 1, '!', (size_t)(pe2 - m1 - 1)) : NULL;
        if (m1 && m2) {
            char nm[64];
            size_t nl = (size_t)(m2 - m1 + 1);
            if (nl >= sizeof nm) nl = sizeof nm - 1;
            upcopy(nm, sizeof nm, m1, nl);
            int found = -1;
            for (int i = 0; i < nsubs; i++)
                if (!strcmp(subs[i].name, nm)) found = i;
            if (found < 0) {
                tc_diag_emit(diag, TC_LOG_WARN, L.name, L.lineno, "undefined substitution set %s", nm);
                continue;
            }
            for (const char *v = subs[found].vals; *v && st == TC_OK; v += strlen(v) + 1) {
                char ph[512];
                int k = snprintf(ph, sizeof ph, "%.*s%s%.*s", (int)(m1 - ps), ps, v, (int)(pe2 - m2 - 1), m2 + 1);
                if (k <= 0 || (size_t)k >= sizeof ph) continue;
                st = add_agent(d, &L, ph, (size_t)k, code, prefix, NULL, 1, diag);
            }
            continue;
        }
        st = add_agent(d, &L, ps, (size_t)(pe2 - ps), code, prefix, plurals, noplural, diag);
    }
    lines_free(&L);
    return st;
}

tc_status tc_dict_load_agents(tc_dict *d, const char *path, tc_diag *diag)
{
    return load_file(d, path, diag, tc_dict_agents_mem);
}

/* ----------------------------------------------------------------- verbs */

static int slot_word_eq(const tc_dict *d, tc_dict_slot s, int32_t word)
{
    if (s > 0) return s == word;
    if (s == 0) return 0;
    if (d->nsynend && !tc_dict_synset_may_end(d, (uint32_t)(-s - 1), word)) return 0;
    const tc_dict_synset *ss = &d->synsets[-s - 1];
    for (uint32_t i = 0; i < ss->n; i++) {
        const tc_dict_phrase *p = &d->members[ss->first + i];
        if (p->n == 1 && d->w[p->first] == word) return 1;
    }
    return 0;
}

/* the slot hash of tc_dict_synset_may_end (dict.h) */
static size_t synend_hash(uint64_t k)
{
    k *= 0x9E3779B97F4A7C15ULL;
    return (size_t)(k ^ (k >> 32));
}


int tc_dict_slot_word(const tc_dict *d, tc_dict_slot s, int32_t word)
{
    return word > 0 && slot_word_eq(d, s, word);
}

const tc_dict_verb *tc_dict_verb_first(const tc_dict *d, int32_t word)
{
    int64_t v;
    if (word <= 0 || !tc_strmap_get(&d->verb_index, (const char *)&word, sizeof word, &v)) return NULL;
    return &d->verbs[v];
}

const tc_dict_block *tc_dict_block_named(const tc_dict *d, const char *name)
{
    char buf[128];
    size_t n = strlen(name);
    if (n >= sizeof buf) return NULL;
    upcopy(buf, sizeof buf, name, n);
    int64_t v;
    return tc_strmap_get(&d->block_names, buf, n, &v) ? &d->blocks[v] : NULL;
}

/* A verb code: empty, "---", or 2-4 digits, an optional letter, an optional ? or ! */
static int verb_code_ok(const char *s, const char *e)
{
    trim(&s, &e);
    if (s == e) return 1;
    if (e - s == 3 && !memcmp(s, "---", 3)) return 1;
    const char *p = s;
    while (p < e && isdigit((unsigned char)*p)) p++;
    if (p - s < 2 || p - s > 4) return 0;
    if (p < e && isalpha((unsigned char)*p)) p++;
    if (p < e && (*p == '?' || *p == '!')) p++;
    return p == e;
}

/* Parse a code "[A]" / "[A:B]" / "[:B]" (TABARI suffixes ? ! kept). */
static int parse_verb_code(tc_dict *d, const char *cs, const char *ce, const char **code, const char **pcode)
{
    trim(&cs, &ce);
    const char *colon = memchr(cs, ':', (size_t)(ce - cs));
    const char *ae = colon ? colon : ce;
    const char *a = cs;
    trim(&a, &ae);
    *code = *pcode = NULL;
    for (const char *p = cs; p < ce; p++)
        if (!isalnum((unsigned char)*p) && !strchr("-:?! ", *p)) return 0;
    if (!verb_code_ok(cs, ae) || (colon && !verb_code_ok(colon + 1, ce))) return 0;
    if (ae > a) *code = upstr(d, a, (size_t)(ae - a));
    if (colon) {
        const char *b = colon + 1, *be = ce;
        trim(&b, &be);
        if (be > b) *pcode = upstr(d, b, (size_t)(be - b));
    }
    if (!*code && !*pcode) return 0;
    return 1;
}

static int add_verb_index(tc_dict *d, uint32_t vi)
{
    int32_t w = d->verbs[vi].word;
    int64_t old;
    int added = 0;
    if (tc_strmap_intern(&d->verb_index, (const char *)&w, sizeof w, vi, &old, &added) != TC_OK) return 0;
    if (!added) {
        /* append to chain end (keeps file order) */
        int32_t k = (int32_t)old;
        while (d->verbs[k].next >= 0) k = d->verbs[k].next;
        d->verbs[k].next = (int32_t)vi;
    }
    return 1;
}

/* Regular inflections of an upper-case verb. */
static int verb_forms(const char *w, char out[4][300])
{
    size_t n = strlen(w);
    if (n == 0 || n + 4 >= 300) return 0;
    char last = w[n - 1], prev = n > 1 ? w[n - 2] : 0;
    int vow = prev && strchr("AEIOU", prev) != NULL;
    /* 3sg */
    plural_of(w, n, out[0], 300);
    if (last == 'E') {
        snprintf(out[1], 300, "%sD", w);
        if (prev == 'E') snprintf(out[2], 300, "%sING", w);
        else snprintf(out[2], 300, "%.*sING", (int)(n - 1), w);
    } else if (last == 'Y' && !vow) {
        snprintf(out[1], 300, "%.*sIED", (int)(n - 1), w);
        snprintf(out[2], 300, "%sING", w);
    } else {
        snprintf(out[1], 300, "%sED", w);
        snprintf(out[2], 300, "%sING", w);
    }
    return 3;
}

/* Add a verb line's form: words joined by '_' or ' ', the inflecting one marked '+'
 * (default: the first word unless all others precede a '+'). */
static tc_status add_verb_form(tc_dict *d, lines *L, const char *s, const char *e, uint32_t block,
                               const char *code, const char *pcode, int gen_forms, tc_diag *diag)
{
    char words[6][128];
    int plus = -1, nwd = 0;
    while (s < e) {
        while (s < e && (is_sp((unsigned char)*s) || *s == '_')) s++;
        const char *b = s;
        while (s < e && !is_sp((unsigned char)*s) && *s != '_') s++;
        if (s > b) {
            if (nwd >= 6) {
                tc_diag_emit(diag, TC_LOG_WARN, L->name, L->lineno, "verb phrase too long");
                return TC_OK;
            }
            if (*b == '+') { plus = nwd; b++; }
            size_t n = (size_t)(s - b);
            if (n == 0 || n >= 128) {
                tc_diag_emit(diag, TC_LOG_WARN, L->name, L->lineno, "bad verb word");
                return TC_OK;
            }
            upcopy(words[nwd], 128, b, n);
            nwd++;
        }
    }
    if (nwd == 0) return TC_OK;
    if (plus < 0) plus = 0;
    if (plus > 2 || nwd - plus - 1 > 3) {
        tc_diag_emit(diag, TC_LOG_WARN, L->name, L->lineno, "unsupported multi-word verb shape");
        return TC_OK;
    }
    char forms[4][300];
    int nf = gen_forms ? verb_forms(words[plus], forms) : 0;
    for (int f = -1; f < nf; f++) {
        const char *mw = f < 0 ? words[plus] : forms[f];
        if (!GROW(d->verbs, d->nverbs, d->capverbs)) return TC_ENOMEM;
        tc_dict_verb *v = &d->verbs[d->nverbs];
        memset(v, 0, sizeof *v);
        v->word = intern(d, mw, strlen(mw));
        for (int i = 0; i < plus; i++) v->pre[plus - 1 - i] = intern(d, words[i], strlen(words[i]));
        for (int i = plus + 1; i < nwd; i++) v->post[i - plus - 1] = intern(d, words[i], strlen(words[i]));
        v->block = block;
        v->code = code;
        v->pcode = pcode;
        v->file = L->name;
        v->line = L->lineno;
        v->next = -1;
        v->written = f < 0;
        if (!v->word) return TC_ENOMEM;
        if (!add_verb_index(d, (uint32_t)d->nverbs++)) return TC_ENOMEM;
    }
    return TC_OK;
}

static long find_synset(const tc_dict *d, const char *s, size_t n)
{
    char buf[128];
    if (n >= sizeof buf) return -1;
    upcopy(buf, sizeof buf, s, n);
    /* a trailing '_' on the label is part of the name in the file */
    int64_t v;
    if (tc_strmap_get(&d->synset_names, buf, n, &v)) return (long)v;
    if (n > 1 && buf[n - 1] == '_' && tc_strmap_get(&d->synset_names, buf, n - 1, &v)) return (long)v;
    char b2[130];
    snprintf(b2, sizeof b2, "%s_", buf);
    if (tc_strmap_get(&d->synset_names, b2, n + 1, &v)) return (long)v;
    return -1;
}

/* Parse a sequence of noun words / &SYN into slots. Returns count, -1 error (warned). */
static int parse_slots(tc_dict *d, lines *L, const char *s, const char *e, tc_diag *diag)
{
    int n = 0;
    while (s < e) {
        while (s < e && (is_sp((unsigned char)*s) || *s == '_')) s++;
        const char *b = s;
        while (s < e && !is_sp((unsigned char)*s) && *s != '_') s++;
        if (s == b) break;
        tc_dict_slot sl;
        if (*b == '&') {
            long k = find_synset(d, b, (size_t)(s - b));
            if (k < 0) {
                tc_diag_emit(diag, TC_LOG_WARN, L->name, L->lineno, "undefined synset %.*s", (int)(s - b), b);
                return -1;
            }
            sl = (tc_dict_slot)(-(k + 1));
        } else {
            if (strchr("{}()[]*", *b) || (s - b == 1 && strchr("$+%^|", *b))) {
                tc_diag_emit(diag, TC_LOG_WARN, L->name, L->lineno, "unexpected '%.*s' in phrase",
                             (int)(s - b), b);
                return -1;
            }
            sl = intern(d, b, (size_t)(s - b));
            if (!sl) return -1;
        }
        if (!GROW(d->slots, d->nslots, d->capslots)) return -1;
        d->slots[d->nslots++] = sl;
        n++;
    }
    return n;
}

/* Synthetic synset from TABARI alternatives "{A | B | C}" (single-word alternatives). */
static long alt_synset(tc_dict *d, lines *L, const char *s, const char *e, tc_diag *diag)
{
    if (!GROW(d->synsets, d->nsynsets, d->capsynsets)) return -1;
    long idx = (long)d->nsynsets;
    tc_dict_synset *ss = &d->synsets[d->nsynsets++];
    ss->name = "{alternatives}";
    ss->first = (uint32_t)d->nmembers;
    ss->n = 0;
    while (s < e) {
        const char *b = s;
        while (s < e && *s != '|') s++;
        const char *be = s;
        trim(&b, &be);
        if (be > b) {
            uint32_t first;
            uint32_t n = phrase_words(d, b, be, &first);
            if (n) {
                if (!GROW(d->members, d->nmembers, d->capmembers)) return -1;
                d->members[d->nmembers].first = first;
                d->members[d->nmembers].n = n;
                d->nmembers++;
                d->synsets[idx].n++;
            }
        }
        if (s < e) s++;
    }
    if (d->synsets[idx].n == 0) {
        tc_diag_emit(diag, TC_LOG_WARN, L->name, L->lineno, "empty alternatives");
        return -1;
    }
    return idx;
}

/* Parse one pattern line (text after '-'). */
static tc_status parse_pattern(tc_dict *d, lines *L, const char *s, uint32_t block, tc_diag *diag)
{
    const char *br = strrchr(s, '[');
    const char *bre = br ? strchr(br, ']') : NULL;
    if (!br || !bre) {
        tc_diag_emit(diag, TC_LOG_WARN, L->name, L->lineno, "pattern without [code]");
        return TC_OK;
    }
    tc_dict_pattern p = {0};
    if (!parse_verb_code(d, br + 1, bre, &p.code, &p.pcode)) {
        tc_diag_emit(diag, TC_LOG_WARN, L->name, L->lineno, "bad pattern code [%.*s]", (int)(bre - br - 1), br + 1);
        return TC_OK;
    }
    size_t save_slots = d->nslots, save_pels = d->npels, save_syn = d->nsynsets;
    const char *e = br;
    int star = 0, bad = 0;
    uint32_t first = (uint32_t)d->npels;
    uint32_t npre = 0, npost = 0;
    const char *q = s;
    while (q < e && !bad) {
        while (q < e && is_sp((unsigned char)*q)) q++;
        if (q >= e) break;
        tc_dict_pel el = {0};
        if (*q == '*') {
            if (star) { bad = 1; break; }
            star = 1;
            q++;
            continue;
        } else if (*q == '{') {
            const char *c = memchr(q, '}', (size_t)(e - q));
            if (!c) { bad = 1; break; }
            if (memchr(q, '|', (size_t)(c - q))) {
                long k = alt_synset(d, L, q + 1, c, diag);
                if (k < 0) { bad = 1; break; }
                if (!GROW(d->slots, d->nslots, d->capslots)) return TC_ENOMEM;
                el.first = (uint32_t)d->nslots;
                d->slots[d->nslots++] = (tc_dict_slot)(-(k + 1));
                el.n = 1;
            } else {
                el.first = (uint32_t)d->nslots;
                int n = parse_slots(d, L, q + 1, c, diag);
                if (n <= 0) { bad = 1; break; }
                el.n = (uint32_t)n;
            }
            el.kind = TC_PEL_NOUN;
            q = c + 1;
        } else if (*q == '(') {
            const char *c = memchr(q, ')', (size_t)(e - q));
            if (!c) { bad = 1; break; }
            const char *a = q + 1;
            while (a < c && is_sp((unsigned char)*a)) a++;
            const char *ae = a;
            while (ae < c && !is_sp((unsigned char)*ae)) ae++;
            if (ae == a) { bad = 1; break; }
            el.kind = TC_PEL_PP;
            if (*a == '&') {
                long k = find_synset(d, a, (size_t)(ae - a));
                if (k < 0) { bad = 1; break; }
                el.prep = (int32_t)(-(k + 1));
            } else {
                el.prep = intern(d, a, (size_t)(ae - a));
            }
            /* rest: words, {NP}, markers */
            const char *r = ae;
            el.first = (uint32_t)d->nslots;
            while (r < c && !bad) {
                while (r < c && is_sp((unsigned char)*r)) r++;
                if (r >= c) break;
                if (*r == '{') {
                    const char *cc = memchr(r, '}', (size_t)(c - r));
                    if (!cc) { bad = 1; break; }
                    int n = parse_slots(d, L, r + 1, cc, diag);
                    if (n <= 0) { bad = 1; break; }
                    el.n += (uint32_t)n;
                    r = cc + 1;
                } else if (strchr("$+%^", *r) && (r + 1 >= c || is_sp((unsigned char)r[1]))) {
                    el.marker = *r; /* inside a PP: '+' target, '$' source, '^' any actor */
                    if (el.nmark < 255) el.nmark++;
                    if (*r == '%') p.pct = 1;
                    r++;
                } else {
                    const char *we = r;
                    while (we < c && !is_sp((unsigned char)*we)) we++;
                    int n = parse_slots(d, L, r, we, diag);
                    if (n <= 0) { bad = 1; break; }
                    el.n += (uint32_t)n;
                    r = we;
                }
            }
            q = c + 1;
        } else if (strchr("$+%^", *q) && (q + 1 >= e || is_sp((unsigned char)q[1]))) {
            el.kind = TC_PEL_ACTOR;
            el.marker = *q;
            if (*q == '%') p.pct = 1;
            else if (*q != '^') p.has_marker = 1;
            q++;
        } else {
            const char *we = q;
            while (we < e && !is_sp((unsigned char)*we) && !strchr("{}()*", *we)) we++;
            if (we == q) { bad = 1; break; }
            el.kind = TC_PEL_NOUN;
            el.first = (uint32_t)d->nslots;
            /* strip a TABARI trailing '~' connector */
            const char *we2 = we;
            if (we2 > q && we2[-1] == '~') we2--;
            int n = parse_slots(d, L, q, we2, diag);
            if (n <= 0) { bad = 1; break; }
            el.n = (uint32_t)n;
            q = we;
        }
        if (!GROW(d->pels, d->npels, d->cappels)) return TC_ENOMEM;
        d->pels[d->npels++] = el;
        if (star) npost++;
        else npre++;
        p.weight += (el.kind == TC_PEL_PP ? 1 : 0);
        for (uint32_t k = 0; k < el.n; k++) {
            /* a synset counts as its longest member: {AUSTRIAN GOLD FLORIN} beats FLORIN */
            tc_dict_slot sl = d->slots[el.first + k];
            int wmax = 1;
            if (sl < 0) {
                const tc_dict_synset *ss = &d->synsets[-sl - 1];
                for (uint32_t m = 0; m < ss->n; m++)
                    if ((int)d->members[ss->first + m].n > wmax) wmax = (int)d->members[ss->first + m].n;
            }
            p.weight += wmax;
        }
    }
    if (!bad && !star) {
        tc_diag_emit(diag, TC_LOG_WARN, L->name, L->lineno, "pattern without '*'");
        bad = 2;
    }
    if (bad) {
        if (bad == 1) tc_diag_emit(diag, TC_LOG_WARN, L->name, L->lineno, "malformed pattern '%s'", s);
        d->nslots = save_slots;
        d->npels = save_pels;
        d->nsynsets = save_syn;
        return TC_OK;
    }
    /* key word: a noun head word, else a PP's head word, else its preposition */
    for (uint32_t k = 0; k < npre + npost && !p.key; k++) {
        const tc_dict_pel *el = &d->pels[first + k];
        if (el->kind == TC_PEL_NOUN && el->n && d->slots[el->first + el->n - 1] > 0)
            p.key = d->slots[el->first + el->n - 1];
    }
    for (uint32_t k = 0; k < npre + npost && !p.key; k++) {
        const tc_dict_pel *el = &d->pels[first + k];
        if (el->kind == TC_PEL_PP && el->n && d->slots[el->first + el->n - 1] > 0)
            p.key = d->slots[el->first + el->n - 1];
    }
    for (uint32_t k = 0; k < npre + npost && !p.key; k++) {
        const tc_dict_pel *el = &d->pels[first + k];
        if (el->kind == TC_PEL_PP && el->prep > 0) p.key = el->prep;
    }
    p.pre_first = first;
    p.npre = npre;
    p.post_first = first + npre;
    p.npost = npost;
    p.file = L->name;
    p.line = L->lineno;
    const char *ts = s, *te = br;
    trim(&ts, &te);
    p.text = dstr(d, ts, (size_t)(te - ts));
    if (!GROW(d->patterns, d->npatterns, d->cappatterns)) return TC_ENOMEM;
    /* patterns of a block must be contiguous: they are, since blocks are sequential */
    tc_dict_block *b = &d->blocks[block];
    if (b->npat == 0) b->first = (uint32_t)d->npatterns;
    if (b->first + b->npat != d->npatterns) {
        tc_diag_emit(diag, TC_LOG_WARN, L->name, L->lineno, "pattern out of its block");
        return TC_OK;
    }
    d->patterns[d->npatterns++] = p;
    b->npat++;
    return TC_OK;
}

static tc_status new_block(tc_dict *d, lines *L, const char *name, size_t nlen, const char *code,
                           const char *pcode, uint32_t *out)
{
    if (!GROW(d->blocks, d->nblocks, d->capblocks)) return TC_ENOMEM;
    tc_dict_block *b = &d->blocks[d->nblocks];
    memset(b, 0, sizeof *b);
    b->name = upstr(d, name, nlen);
    b->code = code;
    b->pcode = pcode;
    b->file = L->name;
    b->line = L->lineno;
    b->first = (uint32_t)d->npatterns;
    if (!b->name) return TC_ENOMEM;
    int64_t old;
    int added;
    if (tc_strmap_intern(&d->block_names, b->name, nlen, (int64_t)d->nblocks, &old, &added) != TC_OK)
        return TC_ENOMEM;
    *out = (uint32_t)d->nblocks++;
    return TC_OK;
}

static tc_status parse_transform(tc_dict *d, lines *L, const char *s, tc_diag *diag)
{
    /* ~ a (b c VERB) OUTER = x y CODE */
    char t[12][64];
    int n = 0;
    const char *p = s;
    while (*p && n < 12) {
        while (*p && (is_sp((unsigned char)*p) || *p == '(' || *p == ')' || *p == '~')) p++;
        if (!*p) break;
        const char *b = p;
        while (*p && !is_sp((unsigned char)*p) && *p != '(' && *p != ')') p++;
        size_t k = (size_t)(p - b);
        if (k >= 64) k = 63;
        upcopy(t[n], 64, b, k);
        n++;
    }
    if (n != 9 || strcmp(t[5], "=") || strlen(t[0]) != 1 || strlen(t[1]) != 1 || strlen(t[2]) != 1 ||
        strlen(t[6]) != 1 || strlen(t[7]) != 1) {
        tc_diag_emit(diag, TC_LOG_WARN, L->name, L->lineno, "malformed transformation");
        return TC_OK;
    }
    if (!GROW(d->transforms, d->ntransforms, d->captransforms)) return TC_ENOMEM;
    tc_dict_transform *x = &d->transforms[d->ntransforms];
    x->outer_src = (char)tolower((unsigned char)t[0][0]);
    x->inner_src = (char)tolower((unsigned char)t[1][0]);
    x->inner_tgt = (char)tolower((unsigned char)t[2][0]);
    x->inner_verb = upstr(d, t[3], strlen(t[3]));
    x->outer_verb = upstr(d, t[4], strlen(t[4]));
    x->res_src = (char)tolower((unsigned char)t[6][0]);
    x->res_tgt = (char)tolower((unsigned char)t[7][0]);
    x->res_code = upstr(d, t[8], strlen(t[8]));
    x->file = L->name;
    x->line = L->lineno;
    if (!x->inner_verb || !x->outer_verb || !x->res_code) return TC_ENOMEM;
    d->ntransforms++;
    return TC_OK;
}

static tc_status index_patterns(tc_dict *d);

tc_status tc_dict_verbs_mem(tc_dict *d, const char *name, const char *buf, size_t len, tc_diag *diag)
{
    /* dialect: P2 files have "---  NAME  [CODE]  ---" headers; TABARI has none */
    int has_blocks = 0;
    for (const char *p = buf; p && p < buf + len;) {
        if ((size_t)(buf + len - p) > 3 && p[0] == '-' && p[1] == '-' && p[2] == '-') { has_blocks = 1; break; }
        p = memchr(p, '\n', (size_t)(buf + len - p));
        if (p) p++;
    }
    if (!has_blocks) d->tabari_verbs = 1;
    lines L;
    lines_init(&L, name, buf, len);
    char *s;
    tc_status st = TC_OK;
    enum { SEC_VERBS, SEC_SYN, SEC_TRANS } sec = SEC_VERBS;
    long block = -1;
    long syn = -1;
    while (st == TC_OK && lines_next(&L, &s, !has_blocks)) {
        if (L.raw_hash) {
            if (strstr(L.raw, "SYNONYM SETS")) sec = SEC_SYN;
            else if (strstr(L.raw, "VERB PATTERNS")) sec = SEC_VERBS, syn = -1;
            else if (strstr(L.raw, "TRANSFORMATIONS")) sec = SEC_TRANS, syn = -1;
            continue;
        }
        const char *t = s;
        while (*t && is_sp((unsigned char)*t)) t++;
        if (!*t) continue;
        if (*t == '<') {
            if (!strncmp(t, "<SYNSETS>", 9) || !strncmp(t, "<SYNSET>", 8)) sec = SEC_SYN;
            else if (!strncmp(t, "</SYN", 5)) sec = SEC_VERBS, syn = -1;
            continue;
        }
        if (!strncmp(t, "~FINISH", 7)) break;
        if (*t == '&') {
            const char *e = t;
            while (*e && !is_sp((unsigned char)*e)) e++;
            if (!GROW(d->synsets, d->nsynsets, d->capsynsets)) { st = TC_ENOMEM; break; }
            tc_dict_synset *ss = &d->synsets[d->nsynsets];
            ss->name = upstr(d, t, (size_t)(e - t));
            ss->first = (uint32_t)d->nmembers;
            ss->n = 0;
            if (!ss->name) { st = TC_ENOMEM; break; }
            syn = (long)d->nsynsets++;
            int64_t old;
            int added;
            if (tc_strmap_intern(&d->synset_names, ss->name, (size_t)(e - t), syn, &old, &added) != TC_OK) {
                st = TC_ENOMEM;
                break;
            }
            if (!added) {
                tc_diag_emit(diag, TC_LOG_WARN, L.name, L.lineno, "synset %s redefined", ss->name);
                tc_strmap_put(&d->synset_names, ss->name, (size_t)(e - t), syn);
            }
            if (sec != SEC_SYN && !has_blocks) sec = SEC_SYN;
            continue;
        }
        if (*t == '+' && syn >= 0 && (sec == SEC_SYN || !has_blocks)) {
            if (d->synsets[syn].first + d->synsets[syn].n != d->nmembers) {
                tc_diag_emit(diag, TC_LOG_WARN, L.name, L.lineno, "synset member out of place");
                continue;
            }
            const char *ms = t + 1, *me = t + strlen(t);
            trim(&ms, &me);
            if (ms < me && *ms == '&') {
                /* a synset inside a synset: copy its members */
                long k = find_synset(d, ms, (size_t)(me - ms));
                if (k < 0 || k == syn) {
                    tc_diag_emit(diag, TC_LOG_WARN, L.name, L.lineno, "undefined synset %.*s", (int)(me - ms), ms);
                    continue;
                }
                uint32_t kf = d->synsets[k].first, kn = d->synsets[k].n;
                for (uint32_t m = 0; m < kn; m++) {
                    if (!GROW(d->members, d->nmembers, d->capmembers)) { st = TC_ENOMEM; break; }
                    d->members[d->nmembers++] = d->members[kf + m];
                    d->synsets[syn].n++;
                }
                continue;
            }
            int noplural = (me > ms && me[-1] == '_') || d->synsets[syn].name[strlen(d->synsets[syn].name) - 1] == '_';
            uint32_t first;
            uint32_t n = phrase_words(d, ms, me, &first);
            if (!n) {
                tc_diag_emit(diag, TC_LOG_WARN, L.name, L.lineno, "empty synset member");
                continue;
            }
            if (!GROW(d->members, d->nmembers, d->capmembers)) { st = TC_ENOMEM; break; }
            d->members[d->nmembers].first = first;
            d->members[d->nmembers].n = n;
            d->nmembers++;
            d->synsets[syn].n++;
            if (!noplural && n == 1) {
                const char *wstr = tc_dict_word_str(d, d->w[first]);
                char pl[300];
                plural_of(wstr, strlen(wstr), pl, sizeof pl);
                if (pl[0]) {
                    uint32_t f2;
                    uint32_t n2 = phrase_words(d, pl, pl + strlen(pl), &f2);
                    if (n2) {
                        if (!GROW(d->members, d->nmembers, d->capmembers)) { st = TC_ENOMEM; break; }
                        d->members[d->nmembers].first = f2;
                        d->members[d->nmembers].n = n2;
                        d->nmembers++;
                        d->synsets[syn].n++;
                    }
                }
            }
            continue;
        }
        syn = -1;
        if (sec == SEC_SYN && has_blocks && *t != '-') {
            tc_diag_emit(diag, TC_LOG_WARN, L.name, L.lineno, "unexpected line in synonym section");
            continue;
        }
        if (*t == '~') {
            st = parse_transform(d, &L, t, diag);
            continue;
        }
        if (sec == SEC_TRANS) {
            tc_diag_emit(diag, TC_LOG_WARN, L.name, L.lineno, "unexpected line in transformations");
            continue;
        }
        if (t[0] == '-' && t[1] == '-' && t[2] == '-') {
            /* ---  NAME  [CODE]  --- */
            const char *a = t + 3;
            while (*a == '-' || is_sp((unsigned char)*a)) a++;
            const char *ae = a;
            while (*ae && !is_sp((unsigned char)*ae) && *ae != '[') ae++;
            const char *br = strchr(ae, '[');
            const char *bre = br ? strchr(br, ']') : NULL;
            const char *code = NULL, *pcode = NULL;
            if (ae == a || !br || !bre || !parse_verb_code(d, br + 1, bre, &code, &pcode)) {
                tc_diag_emit(diag, TC_LOG_WARN, L.name, L.lineno, "malformed verb block header");
                block = -1;
                continue;
            }
            uint32_t bi;
            st = new_block(d, &L, a, (size_t)(ae - a), code, pcode, &bi);
            block = (long)bi;
            continue;
        }
        if (*t == '-' || *t == '*') {
            if (block < 0) {
                tc_diag_emit(diag, TC_LOG_WARN, L.name, L.lineno, "pattern outside a verb block");
                continue;
            }
            st = parse_pattern(d, &L, *t == '-' ? t + 1 : t, (uint32_t)block, diag);
            continue;
        }
        /* verb line: WORD[_WORD] {FORMS} [CODE] */
        const char *br = strchr(t, '[');
        const char *bre = br ? strchr(br, ']') : NULL;
        const char *code = NULL, *pcode = NULL;
        if (br && (!bre || !parse_verb_code(d, br + 1, bre, &code, &pcode))) {
            tc_diag_emit(diag, TC_LOG_WARN, L.name, L.lineno, "bad verb code");
            continue;
        }
        const char *end = br ? br : t + strlen(t);
        const char *cb = memchr(t, '{', (size_t)(end - t));
        const char *cbe = cb ? memchr(cb, '}', (size_t)(end - cb)) : NULL;
        if (cb && !cbe) {
            tc_diag_emit(diag, TC_LOG_WARN, L.name, L.lineno, "unterminated {forms}");
            continue;
        }
        const char *we = cb ? cb : end;
        const char *ws = t;
        trim(&ws, &we);
        if (ws == we || strchr("{}()[]*$%^|", *ws)) {
            tc_diag_emit(diag, TC_LOG_WARN, L.name, L.lineno, "malformed verb line '%s'", t);
            continue;
        }
        if (!has_blocks) {
            /* TABARI: every root verb is its own block */
            uint32_t bi;
            const char *ne = ws;
            while (ne < we && !is_sp((unsigned char)*ne)) ne++;
            st = new_block(d, &L, ws, (size_t)(ne - ws), code ? code : "---", pcode, &bi);
            if (st != TC_OK) break;
            block = (long)bi;
            code = pcode = NULL;
        }
        if (block < 0) {
            tc_diag_emit(diag, TC_LOG_WARN, L.name, L.lineno, "verb outside a verb block");
            continue;
        }
        st = add_verb_form(d, &L, ws, we, (uint32_t)block, code, pcode, cb == NULL, diag);
        if (st == TC_OK && cb) {
            const char *f = cb + 1;
            while (f < cbe && st == TC_OK) {
                while (f < cbe && is_sp((unsigned char)*f)) f++;
                const char *fb = f;
                while (f < cbe && !is_sp((unsigned char)*f)) f++;
                if (f > fb) st = add_verb_form(d, &L, fb, f, (uint32_t)block, code, pcode, 0, diag);
            }
        }
    }
    lines_free(&L);
    if (st == TC_OK) st = index_patterns(d);
    if (st == TC_OK) {
        static const char *const pw[7] = {"THEIR", "ITS", "HIS", "HER", "OUR", "MY", "YOUR"};
        for (int i = 0; i < 7; i++) d->possw[i] = tc_dict_word(d, pw[i], strlen(pw[i]));
    }
    return st;
}

/* (re)build the per-block key index over all patterns (insertion sort per block by
 * (key, index); blocks are small) */
static tc_status index_patterns(tc_dict *d)
{
    uint32_t *q = tc_reallocarray(d->pat_by_key, d->npatterns ? d->npatterns : 1, sizeof *q);
    if (!q) return TC_ENOMEM;
    d->pat_by_key = q;
    d->npat_by_key = d->npatterns;
    for (size_t i = 0; i < d->npatterns; i++) q[i] = (uint32_t)i;
    /* the (synset, last word of a member) set, rebuilt over all synsets */
    size_t nmem = 0;
    for (size_t k = 0; k < d->nsynsets; k++) nmem += d->synsets[k].n;
    size_t cap = 16;
    while (cap < nmem * 2) cap *= 2;
    uint64_t *se = tc_calloc(cap, sizeof *se);
    if (!se) return TC_ENOMEM;
    tc_free(d->synend);
    d->synend = se;
    d->synend_cap = cap;
    d->nsynend = 0;
    for (size_t k = 0; k < d->nsynsets; k++)
        for (uint32_t m = 0; m < d->synsets[k].n; m++) {
            const tc_dict_phrase *ph = &d->members[d->synsets[k].first + m];
            int32_t w = d->w[ph->first + ph->n - 1];
            uint64_t key = ((uint64_t)k + 1) << 32 | (uint32_t)w;
            size_t i = synend_hash(key) & (cap - 1);
            while (se[i] && se[i] != key) i = (i + 1) & (cap - 1);
            if (!se[i]) {
                se[i] = key;
                d->nsynend++;
            }
        }
    for (size_t b = 0; b < d->nblocks; b++) {
        uint32_t *a = q + d->blocks[b].first;
        uint32_t n = d->blocks[b].npat;
        for (uint32_t i = 1; i < n; i++) {
            uint32_t v = a[i];
            int32_t kv = d->patterns[v].key;
            uint32_t j = i;
            while (j > 0 && d->patterns[a[j - 1]].key > kv) {
                a[j] = a[j - 1];
                j--;
            }
            a[j] = v;
        }
    }
    int32_t *pk = tc_reallocarray(d->pat_key, d->npatterns ? d->npatterns : 1, sizeof *pk);
    if (!pk) return TC_ENOMEM;
    d->pat_key = pk;
    for (size_t i = 0; i < d->npatterns; i++) pk[i] = d->patterns[q[i]].key;
    /* compact per-pattern weights and needed words */
    int32_t *pw = tc_reallocarray(d->pat_weight, d->npatterns ? d->npatterns : 1, sizeof *pw);
    if (!pw) return TC_ENOMEM;
    d->pat_weight = pw;
    int32_t *kx = tc_reallocarray(d->pat_keyx, d->npatterns ? d->npatterns : 1, sizeof *kx);
    if (!kx) return TC_ENOMEM;
    d->pat_keyx = kx;
    uint32_t *nf = tc_reallocarray(d->pat_need_first, d->npatterns + 1, sizeof *nf);
    if (!nf) return TC_ENOMEM;
    d->pat_need_first = nf;
    size_t nneed = 0;
    for (size_t i = 0; i < d->npatterns; i++) nneed += d->patterns[i].npre + d->patterns[i].npost;
    int32_t *need = tc_reallocarray(d->pat_need, nneed ? nneed : 1, sizeof *need);
    if (!need) return TC_ENOMEM;
    d->pat_need = need;
    size_t o = 0;
    for (size_t i = 0; i < d->npatterns; i++) {
        const tc_dict_pattern *p = &d->patterns[i];
        pw[i] = p->weight;
        kx[i] = p->key;
        nf[i] = (uint32_t)o;
        for (uint32_t k = 0; k < p->npre + p->npost; k++) {
            const tc_dict_pel *el = &d->pels[p->pre_first + k];
            int32_t x = 0;
            if (el->kind == TC_PEL_PP && el->prep > 0) x = el->prep;
            else if (el->kind == TC_PEL_NOUN && el->n && d->slots[el->first + el->n - 1] > 0)
                x = d->slots[el->first + el->n - 1];
            if (x) need[o++] = x;
        }
    }
    nf[d->npatterns] = (uint32_t)o;
    d->npat_need = d->npatterns;
    return TC_OK;
}

tc_status tc_dict_load_verbs(tc_dict *d, const char *path, tc_diag *diag)
{
    return load_file(d, path, diag, tc_dict_verbs_mem);
}

/* -------------------------------------------------------------- discards */

tc_status tc_dict_discards_mem(tc_dict *d, const char *name, const char *buf, size_t len, tc_diag *diag)
{
    lines L;
    lines_init(&L, name, buf, len);
    char *s;
    tc_status st = TC_OK;
    while (st == TC_OK && lines_next(&L, &s, 1)) {
        const char *t = s, *e = s + strlen(s);
        trim(&t, &e);
        if (t == e || *t == '<') continue;
        int story = 0;
        if (*t == '+') { story = 1; t++; }
        /* TABARI-style "PHRASE [###]" */
        const char *br = memchr(t, '[', (size_t)(e - t));
        if (br) e = br;
        trim(&t, &e);
        uint32_t first;
        uint32_t n = phrase_words(d, t, e, &first);
        if (!n) {
            tc_diag_emit(diag, TC_LOG_WARN, L.name, L.lineno, "empty discard phrase");
            continue;
        }
        if (!GROW(d->discards, d->ndiscards, d->capdiscards)) { st = TC_ENOMEM; break; }
        tc_dict_discard *x = &d->discards[d->ndiscards++];
        x->first = first;
        x->n = n;
        x->story = story;
        x->text = dstr(d, t, (size_t)(e - t));
        if (!x->text) st = TC_ENOMEM;
        else st = phrase_put(&d->discard_phrases, d->w + first, n, (uint32_t)(d->ndiscards - 1), NULL);
    }
    lines_free(&L);
    return st;
}

tc_status tc_dict_load_discards(tc_dict *d, const char *path, tc_diag *diag)
{
    return load_file(d, path, diag, tc_dict_discards_mem);
}

/* ---------------------------------------------------------------- issues */

tc_status tc_dict_issues_mem(tc_dict *d, const char *name, const char *buf, size_t len, tc_diag *diag)
{
    lines L;
    lines_init(&L, name, buf, len);
    char *s;
    tc_status st = TC_OK;
    const char *cat = NULL;
    while (st == TC_OK && lines_next(&L, &s, 0)) {
        const char *t = s, *e = s + strlen(s);
        trim(&t, &e);
        if (t == e) continue;
        if (!strncmp(t, "<ISSUE", 6)) {
            const char *c = strstr(t, "CATEGORY=\"");
            if (!c) {
                tc_diag_emit(diag, TC_LOG_WARN, L.name, L.lineno, "<ISSUE> without CATEGORY");
                cat = NULL;
                continue;
            }
            c += 10;
            const char *ce = strchr(c, '"');
            if (!ce) ce = c + strlen(c);
            cat = dstr(d, c, (size_t)(ce - c));
            continue;
        }
        if (!strncmp(t, "</ISSUE", 7)) { cat = NULL; continue; }
        if (*t == '<') continue;
        if (!cat) {
            tc_diag_emit(diag, TC_LOG_WARN, L.name, L.lineno, "issue phrase outside <ISSUE>");
            continue;
        }
        int ignore = 0;
        if (*t == '~') { ignore = 1; t++; }
        if (e - t > 2 && (t[0] == 'n' || t[0] == 'v' || t[0] == 'N' || t[0] == 'V') && t[1] == ':') t += 2;
        const char *br = memchr(t, '[', (size_t)(e - t));
        const char *code = NULL;
        if (br) {
            const char *bre = memchr(br, ']', (size_t)(e - br));
            if (!bre) {
                tc_diag_emit(diag, TC_LOG_WARN, L.name, L.lineno, "unterminated issue code");
                continue;
            }
            const char *cs = br + 1, *ce = bre;
            trim(&cs, &ce);
            code = upstr(d, cs, (size_t)(ce - cs));
            e = br;
        } else if (!ignore) {
            tc_diag_emit(diag, TC_LOG_WARN, L.name, L.lineno, "issue phrase without [code]");
            continue;
        }
        trim(&t, &e);
        char ph[512];
        size_t pl = (size_t)(e - t);
        if (pl >= sizeof ph) pl = sizeof ph - 1;
        for (size_t i = 0; i < pl; i++) ph[i] = (t[i] == '+' || t[i] == '-') ? ' ' : t[i];
        uint32_t first;
        uint32_t n = phrase_words(d, ph, ph + pl, &first);
        if (!n) {
            tc_diag_emit(diag, TC_LOG_WARN, L.name, L.lineno, "empty issue phrase");
            continue;
        }
        if (!GROW(d->issues, d->nissues, d->capissues)) { st = TC_ENOMEM; break; }
        tc_dict_issue *x = &d->issues[d->nissues++];
        x->category = cat;
        x->code = code;
        x->first = first;
        x->n = n;
        x->ignore = ignore;
    }
    lines_free(&L);
    return st;
}

tc_status tc_dict_load_issues(tc_dict *d, const char *path, tc_diag *diag)
{
    return load_file(d, path, diag, tc_dict_issues_mem);
}

/* ------------------------------------------------------------------ PICO */

static int parse_hexexpr(const char *s, const char *e, int32_t *out)
{
    long v = 0;
    int sign = 1, nterms = 0;
    while (s < e) {
        while (s < e && is_sp((unsigned char)*s)) s++;
        if (s >= e) break;
        if (*s == '+') { sign = 1; s++; continue; }
        if (*s == '-') { sign = -1; s++; continue; }
        if (e - s < 3 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X')) return 0;
        s += 2;
        const char *b = s;
        long t = 0;
        while (s < e && isxdigit((unsigned char)*s)) {
            int c = tolower((unsigned char)*s);
            t = t * 16 + (c <= '9' ? c - '0' : c - 'a' + 10);
            s++;
            if (t > 0xFFFFF) return 0;
        }
        if (s == b) return 0;
        v += sign * t;
        nterms++;
    }
    if (!nterms) return 0;
    *out = (int32_t)v;
    return 1;
}

tc_status tc_dict_pico_mem(tc_dict *d, const char *name, const char *buf, size_t len, tc_diag *diag)
{
    lines L;
    lines_init(&L, name, buf, len);
    char *s;
    tc_status st = TC_OK;
    while (st == TC_OK && lines_next(&L, &s, 0)) {
        const char *t = s, *e = s + strlen(s);
        trim(&t, &e);
        if (t == e) continue;
        const char *c = memchr(t, ':', (size_t)(e - t));
        int32_t hex;
        const char *ke = c;
        if (c) trim(&t, &ke);
        if (!c || ke == t || (size_t)(ke - t) > 8 || !parse_hexexpr(c + 1, e, &hex)) {
            tc_diag_emit(diag, TC_LOG_WARN, L.name, L.lineno, "malformed ontology line");
            continue;
        }
        char key[16];
        size_t kl = upcopy(key, sizeof key, t, (size_t)(ke - t));
        if ((st = tc_strmap_put(&d->pico, key, kl, (int64_t)hex + 0x100000)) != TC_OK) break;
        char hk[24];
        int hl = snprintf(hk, sizeof hk, "%ld", (long)hex);
        int64_t old;
        int added;
        if (!GROW(d->pico_codes, d->npico, d->cappico)) { st = TC_ENOMEM; break; }
        const char *kc = dstr(d, key, kl);
        if (!kc) { st = TC_ENOMEM; break; }
        if ((st = tc_strmap_intern(&d->pico_rev, hk, (size_t)hl, (int64_t)d->npico, &old, &added)) != TC_OK) break;
        if (added) d->pico_codes[d->npico++] = kc;
    }
    lines_free(&L);
    return st;
}

tc_status tc_dict_load_pico(tc_dict *d, const char *path, tc_diag *diag)
{
    return load_file(d, path, diag, tc_dict_pico_mem);
}

int tc_dict_pico_hex(const tc_dict *d, const char *code, int32_t *hex)
{
    int64_t v;
    if (!code || !tc_strmap_get(&d->pico, code, strlen(code), &v)) return 0;
    *hex = (int32_t)(v - 0x100000);
    return 1;
}

const char *tc_dict_pico_code(const tc_dict *d, int32_t hex)
{
    char hk[24];
    int hl = snprintf(hk, sizeof hk, "%ld", (long)hex);
    int64_t v;
    if (!tc_strmap_get(&d->pico_rev, hk, (size_t)hl, &v)) return NULL;
    return d->pico_codes[v];
}
