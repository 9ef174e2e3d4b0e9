/* tabari.c - TABARI-dialect word-sequence event coder (see tabari.h). */
#include "tabari.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/mem.h"
#include "dict/dict.h"

/* ------------------------------------------------------------ dictionary */

/* A phrase element: a word (s), a set of alternative phrases (set >= 0: a synset or
 * "{a | b}"), or a marker ('*' verb, '$' source, '+' target, '%' both, '^' skip). */
typedef struct el {
    const char *s;
    int32_t set;
    char marker;
    uint8_t exact;  /* '_' after the word: no stemming (regular endings still allowed) */
    uint8_t noend;  /* '=' after the word: the word exactly */
    uint8_t adj;    /* the next element must follow immediately ('_' or '~') */
} el;

typedef struct phr { uint32_t first, n; } phr;              /* els[first .. first+n) */
typedef struct tset { const char *name; uint32_t first, n; } tset; /* mem[first .. first+n): phrase ids */
typedef struct acode { const char *code; int kind; int32_t d1, d2; } acode;
enum { D_NONE = 0, D_BEFORE, D_AFTER, D_RANGE };
typedef struct actor { uint32_t cfirst, ncodes; } actor;
typedef struct agent { const char *code; int prefix; } agent;
typedef struct pat { uint32_t ph; const char *code, *pcode; int len; long line; } pat;
typedef struct verb { const char *code, *pcode; uint32_t pfirst, npat; long line; } verb;
enum { E_ACTOR = 1, E_AGENT, E_VERB, E_NOUN, E_ADJ, E_TIME };
typedef struct entry { int kind; uint32_t ph; int clen; uint32_t idx; } entry;

typedef struct topts {
    int cx_verbs, cx_conj, cx_actors, cx_pron, cx_comma, cx_late;
    int noactprior, noactafter, noverb, nosource, notarget, noevent;
    int codeby;                 /* 0 clause, 1 sentence, 2 all */
    int convert_agent;
    int minwords;
    int comma_off, cmin, cmax, emin, emax, bmin, bmax;
    char defsrc[32], deftgt[32];
    int def_prior, def_after;
    int forward;
    char fwd_fmt[64];
} topts;

struct tc_tabari {
    tc_arena arena;
    el *els; size_t nels, capels;
    phr *phrs; size_t nphrs, capphrs;
    tset *sets; size_t nsets, capsets;
    uint32_t *mem; size_t nmem, capmem;
    acode *codes; size_t ncodes, capcodes;
    actor *actors; size_t nactors, capactors;
    agent *agents; size_t nagents, capagents;
    pat *pats; size_t npats, cappats;
    verb *verbs; size_t nverbs, capverbs;
    entry *ents; size_t nents, capents;
    uint32_t *bucket[64]; size_t nb[64], capb[64];   /* entries by first letter of their first word */
    topts o;
    /* FORWARD: the first actor before the verb of the previous record */
    char fwd_story[64];
    long fwd_sent;
    char fwd_code[64];          /* the first actor of the previous record ("" none) */
};

#define GROW TC_GROW

static void opts_default(topts *o)
{
    memset(o, 0, sizeof *o);
    o->minwords = 8;
    o->cmin = 2; o->cmax = 10;
    o->emin = 2; o->emax = 10;
    o->bmin = 128; o->bmax = 0;
}

tc_status tc_tabari_new(tc_tabari **out)
{
    tc_tabari *t = tc_calloc(1, sizeof *t);
    *out = t;
    if (!t) return TC_ENOMEM;
    tc_arena_init(&t->arena);
    opts_default(&t->o);
    t->fwd_sent = -10;
    return TC_OK;
}

void tc_tabari_free(tc_tabari **tp)
{
    if (!tp || !*tp) return;
    tc_tabari *t = *tp;
    tc_arena_free(&t->arena);
    tc_free(t->els); tc_free(t->phrs); tc_free(t->sets); tc_free(t->mem); tc_free(t->codes);
    tc_free(t->actors); tc_free(t->agents); tc_free(t->pats); tc_free(t->verbs); tc_free(t->ents);
    for (int i = 0; i < 64; i++) tc_free(t->bucket[i]);
    tc_free(t);
    *tp = NULL;
}

static char *astrn(tc_tabari *t, const char *s, size_t n)
{
    char *p = tc_arena_alloc(&t->arena, n + 1);
    if (!p) return NULL;
    for (size_t i = 0; i < n; i++) p[i] = (char)toupper((unsigned char)s[i]);
    p[n] = 0;
    return p;
}

static int is_sp(int c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

static long find_set(const tc_tabari *t, const char *s, size_t n)
{
    while (n > 0 && s[n - 1] == '_') n--;
    for (size_t i = 0; i < t->nsets; i++)
        if (t->sets[i].name && strlen(t->sets[i].name) == n && !strncasecmp(t->sets[i].name, s, n)) return (long)i;
    return -1;
}

static int parse_phrase(tc_tabari *t, const char *s, const char *e, int markers, uint32_t *out);

/* "{ a | b | c }" -> a set of phrases; returns the set index or -1 */
static long parse_alts(tc_tabari *t, const char *s, const char *e)
{
    uint32_t ids[64];
    int n = 0;
    while (s < e && n < 64) {
        const char *b = s;
        while (s < e && *s != '|') s++;
        uint32_t ph;
        if (parse_phrase(t, b, s, 0, &ph) == 0 && t->phrs[ph].n) ids[n++] = ph;
        if (s < e) s++;
    }
    if (!n || !GROW(t->sets, t->nsets, t->capsets)) return -1;
    tset *st = &t->sets[t->nsets];
    st->name = NULL;
    st->first = (uint32_t)t->nmem;
    st->n = 0;
    for (int i = 0; i < n; i++) {
        if (!GROW(t->mem, t->nmem, t->capmem)) return -1;
        t->mem[t->nmem++] = ids[i];
        st->n++;
    }
    return (long)t->nsets++;
}

/* Parse phrase text [s,e) into elements; markers: '$' '+' '%' '^' '*' are markers
 * (else literal words).  0 ok, -1 malformed. */
static int parse_phrase(tc_tabari *t, const char *s, const char *e, int markers, uint32_t *out)
{
    /* elements are collected locally: alternatives parse their own phrases (appended to
     * t->els) while this one is read */
    el loc[64];
    int nl = 0, bad = 0;
    while (s < e && !bad) {
        if (is_sp((unsigned char)*s)) { s++; continue; }
        el x;
        memset(&x, 0, sizeof x);
        x.set = -1;
        if (*s == '_' || *s == '~') {
            /* "A_B": A exact, B right after it; "A_ B": A exact; "A~ B" / "A~_B": A a stem,
             * B right after it */
            int tilde = *s == '~';
            while (s < e && (*s == '_' || *s == '~')) s++;
            if (nl > 0) {
                if (tilde || (s < e && !is_sp((unsigned char)*s))) loc[nl - 1].adj = 1;
                if (!tilde && loc[nl - 1].s) loc[nl - 1].exact = 1;
            }
            continue;
        }
        if (nl >= 62) { bad = 1; break; }
        if (*s == '{') {
            const char *c = s + 1;
            int depth = 1;
            while (c < e && depth) { if (*c == '{') depth++; else if (*c == '}') depth--; if (depth) c++; }
            if (c >= e) { bad = 1; break; }
            long k = parse_alts(t, s + 1, c);
            if (k < 0) { bad = 1; break; }
            x.set = (int32_t)k;
            s = c + 1;
        } else if (*s == '&') {
            const char *b = s;
            while (s < e && !is_sp((unsigned char)*s) && *s != '_' && *s != '}' && *s != '|') s++;
            long k = find_set(t, b, (size_t)(s - b));
            if (k < 0) { bad = 1; break; }
            x.set = (int32_t)k;
        } else if (markers && strchr(markers == 2 ? "$+%^" : "$+%^*", *s) &&
                   (s + 1 >= e || is_sp((unsigned char)s[1]) || s[1] == '_')) {
            x.marker = *s++;
        } else {
            const char *b = s;
            while (s < e && !is_sp((unsigned char)*s) && *s != '_' && *s != '~' && *s != '{' && *s != '}' && *s != '|')
                s++;
            size_t n = (size_t)(s - b);
            if (n && b[n - 1] == '=') { x.noend = 1; n--; }
            if (!n) { bad = 1; break; }
            char *w = astrn(t, b, n);
            if (!w) return -1;
            char *sp;
            while ((sp = strchr(w, '-')) && nl < 62) { /* TABARI: '-' is a blank between words that follow each other */
                *sp = 0;
                if (*w) {
                    el y = x;
                    y.s = w;
                    y.adj = 1;
                    y.noend = 0;
                    loc[nl++] = y;
                }
                w = sp + 1;
            }
            if (!*w) continue;
            x.s = w;
        }
        loc[nl++] = x;
    }
    if (bad) return -1;
    uint32_t first = (uint32_t)t->nels;
    for (int i = 0; i < nl; i++) {
        if (!GROW(t->els, t->nels, t->capels)) return -1;
        t->els[t->nels++] = loc[i];
    }
    if (!GROW(t->phrs, t->nphrs, t->capphrs)) return -1;
    t->phrs[t->nphrs].first = first;
    t->phrs[t->nphrs].n = (uint32_t)nl;
    *out = (uint32_t)t->nphrs++;
    return 0;
}

/* alphanumeric length of a phrase (TABARI orders patterns by it; a set counts as its
 * longest member) */
static int phr_len(const tc_tabari *t, uint32_t ph, int depth)
{
    int n = 0;
    const phr *p = &t->phrs[ph];
    for (uint32_t i = 0; i < p->n; i++) {
        const el *x = &t->els[p->first + i];
        if (x->s) {
            for (const char *q = x->s; *q; q++) n += isalnum((unsigned char)*q) != 0;
        } else if (x->set >= 0 && !t->sets[x->set].name) {
            /* alternatives count as their longest member; a named synset counts nothing */
            if (depth >= 8) continue;
            int best = 0;
            const tset *st = &t->sets[x->set];
            for (uint32_t k = 0; k < st->n; k++) {
                int l = phr_len(t, t->mem[st->first + k], depth + 1);
                if (l > best) best = l;
            }
            n += best;
        }
    }
    return n;
}

static tc_status add_entry(tc_tabari *t, int kind, uint32_t ph, uint32_t idx)
{
    if (!t->phrs[ph].n) return TC_OK;
    const el *x = &t->els[t->phrs[ph].first];
    if (!x->s) return TC_OK;
    if (!GROW(t->ents, t->nents, t->capents)) return TC_ENOMEM;
    entry *en = &t->ents[t->nents];
    en->kind = kind;
    en->ph = ph;
    en->idx = idx;
    en->clen = phr_len(t, ph, 0);
    int b = (unsigned char)x->s[0] & 63;
    if (!GROW(t->bucket[b], t->nb[b], t->capb[b])) return TC_ENOMEM;
    t->bucket[b][t->nb[b]++] = (uint32_t)t->nents++;
    return TC_OK;
}

/* one "[CODE]" / "[CODE <YYMMDD]" / "[CODE >D]" / "[CODE D1-D2]" block body */
static int parse_acode(tc_tabari *t, const char *s, const char *e, acode *out)
{
    while (s < e && is_sp((unsigned char)*s)) s++;
    while (e > s && is_sp((unsigned char)e[-1])) e--;
    const char *b = s;
    while (s < e && !is_sp((unsigned char)*s) && *s != '<' && *s != '>') s++;
    if (s == b) return -1;
    size_t cn = (size_t)(s - b);
    char buf[128];
    size_t k = 0;
    for (size_t i = 0; i < cn && k < sizeof buf - 1; i++) if (b[i] != ' ') buf[k++] = b[i];
    buf[k] = 0;
    if (isdigit((unsigned char)buf[0]) && strchr(buf, '-')) return -1; /* a date without a code */
    out->code = astrn(t, buf, k);
    out->kind = D_NONE;
    out->d1 = out->d2 = 0;
    while (s < e && is_sp((unsigned char)*s)) s++;
    if (s >= e) return out->code ? 0 : -1;
    if (*s == '<' || *s == '>') {
        out->kind = *s == '<' ? D_BEFORE : D_AFTER;
        s++;
        while (s < e && is_sp((unsigned char)*s)) s++;
        out->d1 = tc_dict_parse_date(s, (size_t)(e - s));
        return out->d1 < 0 ? -1 : 0;
    }
    const char *dash = memchr(s, '-', (size_t)(e - s));
    if (!dash) return -1;
    const char *a = s, *ae = dash, *c = dash + 1, *ce = e;
    while (ae > a && is_sp((unsigned char)ae[-1])) ae--;
    while (c < ce && is_sp((unsigned char)*c)) c++;
    out->kind = D_RANGE;
    out->d1 = tc_dict_parse_date(a, (size_t)(ae - a));
    out->d2 = tc_dict_parse_date(c, (size_t)(ce - c));
    return out->d1 < 0 || out->d2 < 0 ? -1 : 0;
}

typedef struct lines { const char *p, *e; long no; const char *name; } lines;

/* does [b, e) start with p (case-insensitive)?  the buffer need not be NUL-terminated */
static int has_prefix(const char *b, const char *e, const char *p)
{
    size_t n = strlen(p);
    return (size_t)(e - b) >= n && !strncasecmp(b, p, n);
}

static int next_line(lines *L, const char **s, const char **e)
{
    if (L->p >= L->e) return 0;
    const char *nl = memchr(L->p, '\n', (size_t)(L->e - L->p));
    *s = L->p;
    *e = nl ? nl : L->e;
    L->p = nl ? nl + 1 : L->e;
    L->no++;
    if (*e > *s && (*e)[-1] == '\r') (*e)--;
    return 1;
}

/* strip a ";comment" (not inside brackets) */
static const char *cut_comment(const char *s, const char *e)
{
    int br = 0;
    for (const char *q = s; q < e; q++) {
        if (*q == '[') br++;
        else if (*q == ']') br--;
        else if (*q == ';' && br <= 0) return q;
    }
    return e;
}

static tc_status load_actors(tc_tabari *t, lines *L, tc_diag *diag)
{
    const char *s, *e;
    int section = 0; /* 1 noun, 2 adjective */
    long cur = -1;   /* actor whose code lines may follow */
    uint32_t pending[64];
    int npend = 0;
    while (next_line(L, &s, &e)) {
        e = cut_comment(s, e);
        const char *b = s;
        while (b < e && is_sp((unsigned char)*b)) b++;
        const char *be = e;
        while (be > b && is_sp((unsigned char)be[-1])) be--;
        if (b == be || *b == '#' || *b == '/') continue;
        if (*b == '~') break;
        if (*b == '<') {
            if (has_prefix(b, be, "<NOUN>")) section = 1;
            else if (has_prefix(b, be, "<ADJ")) section = 2;
            else section = 0;
            continue;
        }
        if (section) {
            uint32_t ph;
            if (parse_phrase(t, b, be, 0, &ph) != 0) {
                tc_diag_emit(diag, TC_LOG_WARN, L->name, L->no, "bad noun/adjective phrase");
                continue;
            }
            if (add_entry(t, section == 1 ? E_NOUN : E_ADJ, ph, 0) != TC_OK) return TC_ENOMEM;
            continue;
        }
        int indented = is_sp((unsigned char)*s);
        const char *br = memchr(b, '[', (size_t)(be - b));
        if (*b == '[' && indented && cur >= 0) { /* code lines of the actor above */
        } else if (*b == '+' && cur >= 0) {
            uint32_t ph;
            if (parse_phrase(t, b + 1, br ? br : be, 0, &ph) != 0) {
                tc_diag_emit(diag, TC_LOG_WARN, L->name, L->no, "bad actor synonym");
                continue;
            }
            if (npend < 64) pending[npend++] = ph;
            if (!br) continue;
        } else {
            uint32_t ph;
            if (parse_phrase(t, b, br ? br : be, 0, &ph) != 0 || !t->phrs[ph].n) {
                tc_diag_emit(diag, TC_LOG_WARN, L->name, L->no, "bad actor phrase");
                cur = -1;
                continue;
            }
            if (!GROW(t->actors, t->nactors, t->capactors)) return TC_ENOMEM;
            cur = (long)t->nactors;
            t->actors[t->nactors].cfirst = (uint32_t)t->ncodes;
            t->actors[t->nactors].ncodes = 0;
            t->nactors++;
            npend = 0;
            pending[npend++] = ph;
        }
        /* code blocks on this line */
        for (const char *q = br; q && q < be;) {
            const char *c = memchr(q, ']', (size_t)(be - q));
            if (!c) {
                tc_diag_emit(diag, TC_LOG_WARN, L->name, L->no, "missing ']'");
                break;
            }
            acode ac;
            if (parse_acode(t, q + 1, c, &ac) != 0) {
                tc_diag_emit(diag, TC_LOG_WARN, L->name, L->no, "bad actor code block");
            } else if (cur >= 0 && (size_t)cur == t->nactors - 1) {
                if (!GROW(t->codes, t->ncodes, t->capcodes)) return TC_ENOMEM;
                t->codes[t->ncodes++] = ac;
                t->actors[cur].ncodes++;
            }
            q = memchr(c, '[', (size_t)(be - c));
        }
        /* the entries are added once codes exist (a record's codes may follow) */
        if (cur >= 0 && t->actors[cur].ncodes) {
            for (int i = 0; i < npend; i++)
                if (add_entry(t, E_ACTOR, pending[i], (uint32_t)cur) != TC_OK) return TC_ENOMEM;
            npend = 0;
        }
    }
    return TC_OK;
}

static tc_status load_agents(tc_tabari *t, lines *L, tc_diag *diag)
{
    const char *s, *e;
    while (next_line(L, &s, &e)) {
        e = cut_comment(s, e);
        while (s < e && is_sp((unsigned char)*s)) s++;
        if (s == e || *s == '#' || *s == '/' || *s == '<') continue;
        if (*s == '~') break;
        const char *br = memchr(s, '[', (size_t)(e - s));
        const char *c = br ? memchr(br, ']', (size_t)(e - br)) : NULL;
        if (!br || !c) {
            tc_diag_emit(diag, TC_LOG_WARN, L->name, L->no, "agent without [code]");
            continue;
        }
        char code[64];
        size_t k = 0;
        for (const char *q = br + 1; q < c && k < sizeof code - 1; q++) if (!is_sp((unsigned char)*q)) code[k++] = *q;
        code[k] = 0;
        int prefix = k > 1 && code[k - 1] == '~';
        if (!k || (code[0] != '~' && !prefix)) {
            tc_diag_emit(diag, TC_LOG_WARN, L->name, L->no, "agent code without '~'");
            continue;
        }
        uint32_t ph;
        if (parse_phrase(t, s, br, 0, &ph) != 0 || !t->phrs[ph].n) {
            tc_diag_emit(diag, TC_LOG_WARN, L->name, L->no, "bad agent phrase");
            continue;
        }
        if (!GROW(t->agents, t->nagents, t->capagents)) return TC_ENOMEM;
        agent *a = &t->agents[t->nagents];
        a->prefix = prefix;
        a->code = prefix ? astrn(t, code, k - 1) : astrn(t, code + 1, k - 1);
        if (add_entry(t, E_AGENT, ph, (uint32_t)t->nagents++) != TC_OK) return TC_ENOMEM;
    }
    return TC_OK;
}

static int is_null(const char *c)
{
    if (!c) return 1;
    int n = 0;
    for (; *c; c++) {
        if (*c == '-') n++;
        else if (*c != ' ') return 0;
    }
    return n == 3;
}

/* "[A]" "[A:B]" "[:B]" "[- - -]" -> code / pcode (NULL when absent) */
static int parse_vcode(tc_tabari *t, const char *s, const char *e, const char **code, const char **pcode)
{
    *code = *pcode = NULL;
    char buf[64];
    size_t k = 0;
    for (const char *q = s; q < e && k < sizeof buf - 1; q++) if (!is_sp((unsigned char)*q)) buf[k++] = *q;
    buf[k] = 0;
    if (!k) return -1;
    char *colon = strchr(buf, ':');
    if (colon) {
        *colon = 0;
        if (buf[0]) *code = astrn(t, buf, strlen(buf));
        if (colon[1]) *pcode = astrn(t, colon + 1, strlen(colon + 1));
    } else {
        *code = astrn(t, buf, k);
    }
    if (*code && is_null(*code)) *code = "---";
    return *code || *pcode ? 0 : -1;
}

static int pat_cmp(const void *a, const void *b)
{
    const pat *x = a, *y = b;
    if (x->len != y->len) return y->len - x->len;
    return x->line < y->line ? -1 : x->line > y->line;
}

static tc_status load_verbs(tc_tabari *t, lines *L, tc_diag *diag)
{
    const char *s, *e;
    int section = 0; /* 1 synsets, 2 time */
    long cur = -1, curset = -1;
    while (next_line(L, &s, &e)) {
        e = cut_comment(s, e);
        while (s < e && is_sp((unsigned char)*s)) s++;
        while (e > s && is_sp((unsigned char)e[-1])) e--;
        if (s == e || *s == '#' || *s == '/') continue;
        if (*s == '~') break;
        if (*s == '<') {
            if (has_prefix(s, e, "<SYN")) section = 1;
            else if (has_prefix(s, e, "<TIME>")) section = 2;
            else section = 0;
            cur = -1;
            continue;
        }
        if (section == 1) {
            if (*s == '&') {
                const char *b = s;
                while (s < e && !is_sp((unsigned char)*s)) s++;
                long k = find_set(t, b, (size_t)(s - b));
                if (k < 0) {
                    if (!GROW(t->sets, t->nsets, t->capsets)) return TC_ENOMEM;
                    size_t n = (size_t)(s - b);
                    while (n > 1 && b[n - 1] == '_') n--;
                    t->sets[t->nsets].name = astrn(t, b, n);
                    t->sets[t->nsets].first = (uint32_t)t->nmem;
                    t->sets[t->nsets].n = 0;
                    k = (long)t->nsets++;
                }
                curset = k;
            } else if (*s == '+' && curset >= 0) {
                uint32_t ph;
                if (parse_phrase(t, s + 1, e, 2, &ph) != 0) {
                    tc_diag_emit(diag, TC_LOG_WARN, L->name, L->no, "bad synset member");
                    continue;
                }
                tset *st = &t->sets[curset];
                if (st->first + st->n != t->nmem) { /* members must be contiguous: move the set */
                    if (!GROW(t->mem, t->nmem, t->capmem)) return TC_ENOMEM;
                    uint32_t nf = (uint32_t)t->nmem;
                    for (uint32_t i = 0; i < st->n; i++) {
                        if (!GROW(t->mem, t->nmem, t->capmem)) return TC_ENOMEM;
                        t->mem[t->nmem++] = t->mem[st->first + i];
                    }
                    st->first = nf;
                }
                if (!GROW(t->mem, t->nmem, t->capmem)) return TC_ENOMEM;
                t->mem[t->nmem++] = ph;
                st->n++;
            }
            continue;
        }
        if (*s == '{') { /* irregular forms of the verb above */
            if (cur < 0) continue;
            const char *c = memchr(s, '}', (size_t)(e - s));
            if (!c) c = e;
            const char *q = s + 1;
            while (q < c) {
                while (q < c && is_sp((unsigned char)*q)) q++;
                const char *b = q;
                while (q < c && !is_sp((unsigned char)*q)) q++;
                if (q > b) {
                    uint32_t ph;
                    if (parse_phrase(t, b, q, 0, &ph) == 0 &&
                        add_entry(t, section == 2 ? E_TIME : E_VERB, ph, (uint32_t)cur) != TC_OK)
                        return TC_ENOMEM;
                }
            }
            continue;
        }
        const char *br = NULL;
        for (const char *q = e; q > s; q--) if (q[-1] == '[') { br = q - 1; break; }
        const char *bre = br ? memchr(br, ']', (size_t)(e - br)) : NULL;
        if (*s == '-' && (s + 1 >= e || is_sp((unsigned char)s[1]) || s[1] == '%' || s[1] == '$' || s[1] == '+' ||
                          s[1] == '*' || isalpha((unsigned char)s[1]))) {
            if (cur < 0) {
                tc_diag_emit(diag, TC_LOG_WARN, L->name, L->no, "pattern before any verb");
                continue;
            }
            if (!br || !bre) {
                tc_diag_emit(diag, TC_LOG_WARN, L->name, L->no, "pattern without [code]");
                continue;
            }
            pat p;
            memset(&p, 0, sizeof p);
            if (parse_vcode(t, br + 1, bre, &p.code, &p.pcode) != 0 || parse_phrase(t, s + 1, br, 1, &p.ph) != 0) {
                tc_diag_emit(diag, TC_LOG_WARN, L->name, L->no, "malformed pattern");
                continue;
            }
            int stars = 0;
            for (uint32_t i = 0; i < t->phrs[p.ph].n; i++) stars += t->els[t->phrs[p.ph].first + i].marker == '*';
            if (stars != 1) {
                tc_diag_emit(diag, TC_LOG_WARN, L->name, L->no, "pattern without one '*'");
                continue;
            }
            p.len = phr_len(t, p.ph, 0);
            p.line = L->no;
            if (!GROW(t->pats, t->npats, t->cappats)) return TC_ENOMEM;
            verb *v = &t->verbs[cur];
            if (v->pfirst + v->npat != t->npats) continue;
            t->pats[t->npats++] = p;
            v->npat++;
            continue;
        }
        /* a root: "WORDS [CODE]" */
        if (!GROW(t->verbs, t->nverbs, t->capverbs)) return TC_ENOMEM;
        verb *v = &t->verbs[t->nverbs];
        memset(v, 0, sizeof *v);
        v->pfirst = (uint32_t)t->npats;
        v->line = L->no;
        if (br && bre && parse_vcode(t, br + 1, bre, &v->code, &v->pcode) != 0) {
            tc_diag_emit(diag, TC_LOG_WARN, L->name, L->no, "bad verb code");
            cur = -1;
            continue;
        }
        uint32_t ph;
        if (parse_phrase(t, s, br ? br : e, 0, &ph) != 0 || !t->phrs[ph].n) {
            tc_diag_emit(diag, TC_LOG_WARN, L->name, L->no, "bad verb phrase");
            cur = -1;
            continue;
        }
        cur = (long)t->nverbs++;
        if (add_entry(t, section == 2 ? E_TIME : E_VERB, ph, (uint32_t)cur) != TC_OK) return TC_ENOMEM;
    }
    /* patterns: longest first, file order among equals */
    for (size_t i = 0; i < t->nverbs; i++)
        if (t->verbs[i].npat > 1) qsort(t->pats + t->verbs[i].pfirst, t->verbs[i].npat, sizeof(pat), pat_cmp);
    return TC_OK;
}

tc_status tc_tabari_load_mem(tc_tabari *t, int kind, const char *name, const char *buf, size_t len, tc_diag *diag)
{
    lines L = {buf, buf + len, 0, name};
    switch (kind) {
    case TC_TABARI_ACTORS: return load_actors(t, &L, diag);
    case TC_TABARI_AGENTS: return load_agents(t, &L, diag);
    case TC_TABARI_VERBS: return load_verbs(t, &L, diag);
    default: return TC_EINVAL;
    }
}

tc_status tc_tabari_load(tc_tabari *t, int kind, const char *path, tc_diag *diag)
{
    size_t len;
    char *buf = tc_buf_slurp_path(path, &len);
    if (!buf) {
        tc_diag_emit(diag, TC_LOG_ERROR, path, 0, "cannot read dictionary");
        return TC_EIO;
    }
    const char *name = strrchr(path, '/');
    char *nm = astrn(t, name ? name + 1 : path, strlen(name ? name + 1 : path));
    tc_status st = tc_tabari_load_mem(t, kind, nm ? nm : path, buf, len, diag);
    tc_free(buf);
    return st;
}

/* ------------------------------------------------------------ options */

/* case-insensitive substring search */
static const char *ci_find(const char *s, const char *key)
{
    size_t n = strlen(key);
    for (; *s; s++)
        if (!strncasecmp(s, key, n)) return s;
    return NULL;
}

static const char *after(const char *s, const char *key)
{
    const char *p = ci_find(s, key);
    return p ? p + strlen(key) : NULL;
}

static int num_after(const char *s, const char *key, int def)
{
    const char *p = after(s, key);
    if (!p) return def;
    while (*p == ' ' || *p == '=' || *p == '[') p++;
    return atoi(p);
}

static void bracket_code(const char *p, char *out, size_t cap)
{
    out[0] = 0;
    const char *b = p ? strchr(p, '[') : NULL;
    const char *e = b ? strchr(b, ']') : NULL;
    if (!b || !e) return;
    size_t k = 0;
    for (const char *q = b + 1; q < e && k < cap - 1; q++) if (!is_sp((unsigned char)*q)) k[out] = (char)toupper((unsigned char)*q), k++;
    out[k] = 0;
}

void tc_tabari_option(tc_tabari *t, const char *line)
{
    while (is_sp((unsigned char)*line)) line++;
    topts *o = &t->o;
    if (!strncasecmp(line, "COMPLEX:", 8)) {
        if (ci_find(line, "OFF")) {
            o->cx_verbs = o->cx_conj = o->cx_actors = o->cx_pron = o->cx_comma = o->cx_late = 0;
            o->noactprior = o->noactafter = o->noverb = o->nosource = o->notarget = o->noevent = 0;
            return;
        }
        o->cx_verbs = num_after(line, "VERBS[", 0);
        o->cx_conj = num_after(line, "CONJ[", 0);
        o->cx_actors = num_after(line, "ACTORS[", 0);
        o->cx_pron = num_after(line, "PRONOUNS[", 0);
        o->cx_comma = num_after(line, "COMMA[", 0);
        o->cx_late = num_after(line, "LATEVERB[", 0);
        o->noactprior = ci_find(line, "NOACTPRIOR") != NULL;
        o->noactafter = ci_find(line, "NOACTAFTER") != NULL;
        o->noverb = ci_find(line, "NOVERB") != NULL;
        o->nosource = ci_find(line, "NOSOURCE") != NULL;
        o->notarget = ci_find(line, "NOTARGET") != NULL;
        o->noevent = ci_find(line, "NOEVENT") != NULL;
        return;
    }
    if (!strncasecmp(line, "DEFA", 4)) {
        if (ci_find(line, ": OFF") || ci_find(line, ":OFF")) {
            o->defsrc[0] = o->deftgt[0] = 0;
            o->def_prior = o->def_after = 0;
            return;
        }
        const char *sp = after(line, "SOURCE");
        const char *tp = after(line, "TARGET");
        if (sp) {
            bracket_code(sp, o->defsrc, sizeof o->defsrc);
            const char *end = tp ? tp : sp + strlen(sp);
            const char *pr = after(sp, "PRIOR");
            o->def_prior = pr && pr <= end + 6;
        }
        if (tp) {
            bracket_code(tp, o->deftgt, sizeof o->deftgt);
            o->def_after = after(tp, "AFTER") != NULL;
        }
        return;
    }
    if (!strncasecmp(line, "COMMA", 5)) {
        if (ci_find(line, "OFF")) { o->comma_off = 1; return; }
        o->comma_off = 0;
        /* EMIN/BMIN contain MIN: read the prefixed ones first, then blank them */
        char buf[256];
        snprintf(buf, sizeof buf, "%s", line);
        for (char *q = buf; *q; q++) *q = (char)toupper((unsigned char)*q);
        o->emin = num_after(buf, "EMIN", o->emin);
        o->emax = num_after(buf, "EMAX", o->emax);
        o->bmin = num_after(buf, "BMIN", o->bmin);
        o->bmax = num_after(buf, "BMAX", o->bmax);
        for (char *q = buf; (q = strstr(q, "EMIN")) || (q = strstr(buf, "BMIN")) || (q = strstr(buf, "EMAX")) ||
                            (q = strstr(buf, "BMAX"));)
            *q = 'X';
        o->cmin = num_after(buf, " MIN", num_after(buf, ":MIN", o->cmin));
        o->cmax = num_after(buf, " MAX", num_after(buf, ":MAX", o->cmax));
        return;
    }
    if (!strncasecmp(line, "FORW", 4)) {
        o->forward = !ci_find(line, " OFF");
        const char *p = strchr(line, ':');
        p = p ? p + 1 : line + 4;
        while (is_sp((unsigned char)*p)) p++;
        size_t k = strcspn(p, " \t\r\n");
        if (k >= sizeof o->fwd_fmt) k = sizeof o->fwd_fmt - 1;
        memcpy(o->fwd_fmt, p, k);
        o->fwd_fmt[k] = 0;
        return;
    }
    if (!strncasecmp(line, "SET:", 4)) {
        const char *p = line + 4;
        const char *eq = strchr(p, '=');
        int tru = eq ? (ci_find(eq, "T") != NULL && !ci_find(eq, "F")) : 1;
        if (ci_find(p, "CODE BY SENT")) o->codeby = 1;
        else if (ci_find(p, "CODE BY CLAUSE")) o->codeby = 0;
        else if (ci_find(p, "CODE ALL")) o->codeby = 2;
        else if (ci_find(p, "CONVERT AGENT")) o->convert_agent = tru;
        else if (ci_find(p, "MINIMUM WORDS")) o->minwords = eq ? atoi(eq + 1) : 8;
        return;
    }
}

tc_status tc_tabari_options_file(tc_tabari *t, const char *path)
{
    size_t len;
    char *buf = tc_buf_slurp_path(path, &len);
    if (!buf) return TC_EIO;
    lines L = {buf, buf + len, 0, path};
    const char *s, *e;
    while (next_line(&L, &s, &e)) {
        char line[512];
        size_t n = (size_t)(e - s) < sizeof line - 1 ? (size_t)(e - s) : sizeof line - 1;
        memcpy(line, s, n);
        line[n] = 0;
        const char *q = line;
        while (is_sp((unsigned char)*q)) q++;
        if (!strncmp(q, "//", 2) || *q == '#') continue;
        tc_tabari_option(t, q);
    }
    tc_free(buf);
    return TC_OK;
}

/* ------------------------------------------------------------ coding */

enum {
    T_NONE = 0, T_ACTOR, T_AGENT, T_VERB, T_NOUN, T_ADJ, T_TIME, T_PART, T_DET, T_PRON, T_CONJ, T_COMMA,
    T_NUM, T_NULL
};

#define MAXW 160
#define MAXU 64
#define MAXC 16

typedef struct tword {
    char s[64];
    uint8_t cap, quote;
    int type;
    int ent;        /* entry index (head of a dictionary phrase) or -1 */
    int pend;       /* last word of that phrase */
    int unit;       /* actor unit covering this word, or -1 */
    int drop;       /* inside an eliminated comma clause */
    int keepconj;   /* a conjunction inside a compound phrase */
} tword;

typedef struct unit {
    int start, end;  /* word span */
    int n;
    const char *codes[MAXC];
    int compound;
    int isactor;     /* has an actor (or a converted agent) */
    int ref;         /* the unit it stands for (a pronoun's antecedent; else itself) */
} unit;

typedef struct cx {
    tc_tabari *t;
    int32_t date;
    tword w[MAXW];
    int nw;
    unit u[MAXU];
    int nu;
    char cbuf[MAXU * MAXC][48];
    int ncbuf;
    int discard, complex;
    int all[MAXW];              /* 0 .. nw-1: the whole record as a view */
    char *trace;
    size_t tlen;
    const char *fwd;            /* FORWARD: the actor a leading pronoun stands for, or NULL */
    int prev_coded;             /* the clause before this one had a verb */
    char fwdbuf[64];
    /* marker bindings of the pattern being matched */
    int bind_src, bind_tgt, bind_pct;
    int skip[8], nskip;         /* units passed over by '^' */
    int pmode;                  /* matching a pattern: '_' words take no endings */
    int setlen;                 /* letters of the set members matched so far */
} cx;

static const char *endings[] = {"S", "ES", "ED", "EN", "ING", "'S", "'", "S'", NULL};

/* does text word w match dictionary word x?  ending: regular endings allowed */
static int wmatch(const char *w, const el *x, int ending)
{
    size_t n = strlen(x->s), m = strlen(w);
    if (m < n || strncmp(w, x->s, n)) return 0;
    if (m == n) return 1;
    if (!x->exact && !x->noend) return 1;
    if (x->noend || !ending) return 0;
    const char *r = w + n;
    for (int i = 0; endings[i]; i++)
        if (!strcmp(r, endings[i])) return 1;
    if (n > 1 && x->s[n - 1] == 'E' && (!strcmp(r, "D") || !strcmp(r, "S") || !strcmp(r, "N"))) return 1;
    return 0;
}

/* A matcher over a sequence of word indexes seq[0..n) */
typedef struct mview {
    const int *seq;
    int n;
    int gap;   /* max words skipped between blank-joined elements (-1 unlimited) */
} mview;

static int unit_at(cx *c, const mview *v, int p, int *endp);

static int match_els(cx *c, const mview *v, const el *els, int n, int p, int anchored, int limit, int *endp, int depth);

/* record what a marker element at view position q designates; 0 if it cannot */
static int bind(cx *c, const mview *v, const el *x, int q)
{
    if (!x->marker) return 1;
    int wi = v->seq[q];
    if (x->marker == '$') c->bind_src = wi;
    else if (x->marker == '+') c->bind_tgt = wi;
    else if (x->marker == '%') {
        if (!c->u[c->w[wi].unit].compound) return 0;
        c->bind_pct = wi;
    } else if (x->marker == '^' && c->nskip < 8) {
        c->skip[c->nskip++] = c->w[wi].unit;
    }
    return 1;
}

/* match one element at exactly position p; returns the end (exclusive) or -1 */
static int match_one(cx *c, const mview *v, const el *x, int p, int last, int depth)
{
    if (p >= v->n) return -1;
    if (x->marker) {
        int e;
        if (!unit_at(c, v, p, &e)) return -1;
        return e;
    }
    if (x->s) {
        const tword *tw = &c->w[v->seq[p]];
        return wmatch(tw->s, x, last && !(c->pmode && x->exact)) ? p + 1 : -1;
    }
    if (x->set >= 0 && depth < 8) {
        /* the longest member; its bindings and letters count */
        const tset *st = &c->t->sets[x->set];
        int best = -1, bestk = -1;
        int sb = c->bind_src, tb = c->bind_tgt, pb = c->bind_pct, sl = c->setlen, ns = c->nskip;
        int pm = c->pmode;
        c->pmode = 1;
        for (uint32_t k = 0; k < st->n; k++) {
            const phr *ph = &c->t->phrs[c->t->mem[st->first + k]];
            int e;
            if (match_els(c, v, c->t->els + ph->first, (int)ph->n, p, 1, v->n, &e, depth + 1) && e > best) {
                best = e;
                bestk = (int)k;
            }
            c->bind_src = sb; c->bind_tgt = tb; c->bind_pct = pb; c->setlen = sl; c->nskip = ns;
        }
        if (bestk >= 0) {
            uint32_t m = c->t->mem[st->first + (uint32_t)bestk];
            const phr *ph = &c->t->phrs[m];
            int e;
            match_els(c, v, c->t->els + ph->first, (int)ph->n, p, 1, v->n, &e, depth + 1);
            c->setlen = sl + (st->name ? 0 : phr_len(c->t, m, 0));
        }
        c->pmode = pm;
        return best;
    }
    return -1;
}

/* match els[0..n) starting at p (anchored: the first element exactly at p, else at
 * the first position >= p where the rest matches), ending at most at limit.
 * Marker bindings are recorded for '$' '+' '%'.  1 on success with *endp. */
static int match_els(cx *c, const mview *v, const el *els, int n, int p, int anchored, int limit, int *endp, int depth)
{
    if (n == 0) { *endp = p; return 1; }
    int maxq = anchored ? p : (v->gap >= 0 && p + v->gap < limit ? p + v->gap : limit - 1);
    /* in a pattern TABARI does not hold a synset to the '_' after it (inside a synset
     * member, and after alternatives, it does) */
    int adj = els[0].adj && !(depth == 0 && els[0].set >= 0 && c->t->sets[els[0].set].name);
    for (int q = p; q <= maxq && q < limit; q++) {
        int last = n == 1 || !els[0].adj;
        int sb = c->bind_src, tb = c->bind_tgt, pb = c->bind_pct, sl = c->setlen, ns = c->nskip;
        int e = match_one(c, v, &els[0], q, last, depth);
        if (e < 0 || e > limit || !bind(c, v, &els[0], q)) {
            c->bind_src = sb; c->bind_tgt = tb; c->bind_pct = pb; c->setlen = sl; c->nskip = ns;
            continue;
        }
        int e2;
        if (match_els(c, v, els + 1, n - 1, e, adj, limit, &e2, depth)) {
            *endp = e2;
            return 1;
        }
        c->bind_src = sb; c->bind_tgt = tb; c->bind_pct = pb; c->setlen = sl; c->nskip = ns;
    }
    return 0;
}

/* match els[0..k] backwards: element k ends at end (joined to what follows) or before
 * it, each earlier element before the later one, none before lo.  TABARI looks for the
 * words before the verb from the verb back ("the first actor before WAS"). */
static int match_back(cx *c, const mview *v, const el *els, int k, int end, int lo, int depth)
{
    if (k < 0) return 1;
    int adj = els[k].adj && !(depth == 0 && els[k].set >= 0 && c->t->sets[els[k].set].name);
    for (int q = end - 1; q >= lo; q--) {
        int sb = c->bind_src, tb = c->bind_tgt, pb = c->bind_pct, sl = c->setlen, ns = c->nskip;
        int e = match_one(c, v, &els[k], q, 1, depth);
        if (e >= 0 && (adj ? e == end : e <= end) && bind(c, v, &els[k], q) && match_back(c, v, els, k - 1, q, lo, depth))
            return 1;
        c->bind_src = sb; c->bind_tgt = tb; c->bind_pct = pb; c->setlen = sl; c->nskip = ns;
        if (adj && e >= 0 && e > end) continue;
    }
    return 0;
}

/* an actor unit beginning at view position p */
static int unit_at(cx *c, const mview *v, int p, int *endp)
{
    int wi = v->seq[p];
    int ui = c->w[wi].unit;
    if (ui < 0 || !c->u[ui].isactor) return 0;
    /* the first view word of the unit */
    if (p > 0 && c->w[v->seq[p - 1]].unit == ui) return 0;
    int e = p;
    while (e < v->n && c->w[v->seq[e]].unit == ui) e++;
    *endp = e;
    return 1;
}

static int is_word(const char *w, const char *const *set)
{
    for (; *set; set++) if (!strcmp(w, *set)) return 1;
    return 0;
}

static const char *const DETS[] = {"A", "AN", "THE", NULL};
static const char *const CONJS[] = {"AND", "BUT", "OR", "NOR", NULL};
static const char *const PRONS[] = {"HE", "SHE", "IT", "ITS", "HIS", "HER", "HIM", "THEY", "THEM", "THEIR", NULL};

static const char *actor_code(const tc_tabari *t, const actor *a, int32_t date)
{
    const char *def = NULL;
    for (uint32_t i = 0; i < a->ncodes; i++) {
        const acode *k = &t->codes[a->cfirst + i];
        if (k->kind == D_NONE) { if (!def) def = k->code; continue; }
        if (!date) continue;
        if ((k->kind == D_BEFORE && date <= k->d1) || (k->kind == D_AFTER && date >= k->d1) ||
            (k->kind == D_RANGE && date >= k->d1 && date <= k->d2))
            return k->code;
    }
    if (def) return def;
    /* only restricted codes and none applies: the null code */
    return "---";
}

static const char *cstore(cx *c, const char *a, const char *b)
{
    if (c->ncbuf >= MAXU * MAXC) return a;
    char *p = c->cbuf[c->ncbuf++];
    snprintf(p, 48, "%s%s", a, b ? b : "");
    return p;
}

/* actor code + agent code (TABARI: not added when already there on a 3-char boundary) */
static const char *with_agent(cx *c, const char *code, const agent *ag)
{
    size_t n = strlen(code), k = strlen(ag->code);
    for (size_t i = 0; i + k <= n; i += 3)
        if (!strncmp(code + i, ag->code, k)) return code;
    return ag->prefix ? cstore(c, ag->code, code) : cstore(c, code, ag->code);
}

static int new_unit(cx *c, int s, int e, int isactor)
{
    if (c->nu >= MAXU) return -1;
    unit *u = &c->u[c->nu];
    memset(u, 0, sizeof *u);
    u->start = s;
    u->end = e;
    u->isactor = isactor;
    u->ref = c->nu;
    for (int i = s; i <= e; i++) c->w[i].unit = c->nu;
    return c->nu++;
}

static void unit_add(unit *u, const char *code)
{
    for (int i = 0; i < u->n; i++) if (!strcmp(u->codes[i], code)) return;
    if (u->n < MAXC) u->codes[u->n++] = code;
}

/* tokens of the document -> TABARI words */
static void make_words(cx *c, const tc_doc *doc)
{
    c->nw = 0;
    uint32_t prev_end = 0;
    int have_prev = 0, prev_sep = 1;
    for (uint32_t si = 0; si < doc->nsent; si++) {
        const tc_sentence *s = &doc->sent[si];
        for (uint32_t k = 0; k < s->ntok; k++) {
            const tc_token *tk = &s->tok[k];
            const char *f = tk->form;
            if (!f || !*f) continue;
            char buf[128];
            size_t n = 0;
            /* normalise: curly quotes and apostrophes */
            for (const unsigned char *q = (const unsigned char *)f; *q && n < sizeof buf - 2; q++) {
                if (q[0] == 0xE2 && q[1] == 0x80 && (q[2] == 0x99 || q[2] == 0x98)) { buf[n++] = '\''; q += 2; }
                else if (q[0] == 0xE2 && q[1] == 0x80 && (q[2] == 0x9C || q[2] == 0x9D)) { buf[n++] = '"'; q += 2; }
                else buf[n++] = (char)*q;
            }
            buf[n] = 0;
            int quote = !strcmp(buf, "\"") || !strcmp(buf, "``") || !strcmp(buf, "''");
            int comma = !strcmp(buf, ",") || !strcmp(buf, ";");
            int sep = quote || comma || !strcmp(buf, "(") || !strcmp(buf, ")");
            int join = have_prev && tk->start == prev_end && !sep && !prev_sep && c->nw > 0;
            prev_end = tk->end;
            have_prev = 1;
            prev_sep = sep;
            if (!strcmp(buf, ".") || !strcmp(buf, "?") || !strcmp(buf, "!") || !strcmp(buf, "...")) {
                /* a period after an upper-case letter belongs to an abbreviation ("U.S.") */
                if (join && !strcmp(buf, ".")) {
                    tword *pw = &c->w[c->nw - 1];
                    size_t pl = strlen(pw->s);
                    if (pl && pl < sizeof pw->s - 1 && strchr(pw->s, '.')) { pw->s[pl] = '.'; pw->s[pl + 1] = 0; }
                }
                prev_sep = 1;
                continue;
            }
            if (quote) strcpy(buf, "\"");
            if (comma) strcpy(buf, ",");
            /* "1,500" -> "1500" */
            if (isdigit((unsigned char)buf[0])) {
                size_t o = 0;
                for (size_t i = 0; buf[i]; i++) if (buf[i] != ',') buf[o++] = buf[i];
                buf[o] = 0;
            }
            /* hyphens (and ? !) split words */
            char *p = buf;
            int firstpiece = 1;
            while (*p) {
                size_t m = 0;
                while (p[m] && !strchr("-?!_", p[m]) && (unsigned char)p[m] >= 0x20) m++; /* control bytes are blanks */
                if (m) {
                    if (join && firstpiece && c->nw > 0) {
                        tword *pw = &c->w[c->nw - 1];
                        size_t pl = strlen(pw->s);
                        for (size_t i = 0; i < m && pl < sizeof pw->s - 1; i++) pw->s[pl++] = (char)toupper((unsigned char)p[i]);
                        pw->s[pl] = 0;
                    } else if (c->nw < MAXW) {
                        tword *w = &c->w[c->nw++];
                        memset(w, 0, sizeof *w);
                        size_t l = m < sizeof w->s - 1 ? m : sizeof w->s - 1;
                        for (size_t i = 0; i < l; i++) w->s[i] = (char)toupper((unsigned char)p[i]);
                        w->s[l] = 0;
                        w->cap = isupper((unsigned char)p[0]) != 0;
                        w->quote = quote;
                        w->ent = -1;
                        w->unit = -1;
                    }
                }
                firstpiece = 0;
                p += m;
                if (*p) { p++; join = 0; }
            }
            /* "Barad - Dur" as three tokens: the hyphen separates */
            size_t bl = strlen(buf);
            if (bl && strchr("-_", buf[bl - 1])) prev_sep = 1;
        }
    }
}

/* longest dictionary phrase at word i; returns the entry or -1 */
static int lex_at(cx *c, int i, int *endp)
{
    const tc_tabari *t = c->t;
    int b = (unsigned char)c->w[i].s[0] & 63;
    int best = -1, bestlen = -1, bestend = i;
    for (int k = 0; k < c->nw; k++) c->all[k] = k;
    mview v = {c->all, c->nw, -1};
    for (size_t k = 0; k < t->nb[b]; k++) {
        const entry *en = &t->ents[t->bucket[b][k]];
        if (en->clen <= bestlen) continue;
        const phr *ph = &t->phrs[en->ph];
        /* a multi-word phrase stops at commas */
        int lim = i + 1;
        while (lim < c->nw && strcmp(c->w[lim].s, ",")) lim++;
        int e;
        int sb = c->bind_src, tb = c->bind_tgt, pb = c->bind_pct;
        if (match_els(c, &v, t->els + ph->first, (int)ph->n, i, 1, lim, &e, 0)) {
            best = (int)t->bucket[b][k];
            bestlen = en->clen;
            bestend = e - 1;
        }
        c->bind_src = sb; c->bind_tgt = tb; c->bind_pct = pb;
    }
    *endp = bestend;
    return best;
}

static void classify(cx *c, int haslower)
{
    const tc_tabari *t = c->t;
    for (int i = 0; i < c->nw; i++) {
        tword *w = &c->w[i];
        if (w->type == T_PART) continue;
        if (!strcmp(w->s, ",")) { w->type = T_COMMA; continue; }
        if (isdigit((unsigned char)w->s[0])) w->type = T_NUM;
        int e = i;
        int en = isalnum((unsigned char)w->s[0]) ? lex_at(c, i, &e) : -1;
        if (en >= 0) {
            const entry *E = &t->ents[en];
            w->ent = en;
            w->pend = e;
            /* the words of the phrase (not the ones its blanks let in between) */
            {
                const phr *ph = &t->phrs[E->ph];
                int pos = i;
                for (uint32_t q = 1; q < ph->n && pos < e; q++) {
                    const el *x = &t->els[ph->first + q];
                    int np = pos + 1;
                    if (!t->els[ph->first + q - 1].adj && x->s)
                        while (np < e && !wmatch(c->w[np].s, x, q + 1 == ph->n)) np++;
                    c->w[np].type = T_PART;
                    pos = np;
                }
            }
            switch (E->kind) {
            case E_ACTOR: {
                const char *code = actor_code(t, &t->actors[E->idx], c->date);
                if (!strcmp(code, "###")) c->discard = 1;
                else if (!strcmp(code, "+++")) c->complex = 1;
                w->type = is_null(code) || !strcmp(code, "###") || !strcmp(code, "+++") ? T_NOUN : T_ACTOR;
                break;
            }
            case E_AGENT: w->type = T_AGENT; break;
            case E_VERB: {
                const verb *v = &t->verbs[E->idx];
                size_t wl = strlen(c->w[e].s);
                w->type = (!v->npat && is_null(v->code) && !v->pcode) ? T_NULL : T_VERB;
                /* a possessive ("donate's") is no verb form */
                if (wl > 2 && !strcmp(c->w[e].s + wl - 2, "'S")) w->type = T_NOUN;
                /* a verb after A / AN / THE, or capitalised inside the sentence, is a noun */
                if (w->type == T_VERB && ((i > 0 && c->w[i - 1].type == T_DET) || (i > 0 && w->cap && haslower)))
                    w->type = T_NOUN;
                break;
            }
            case E_NOUN: w->type = T_NOUN; break;
            case E_ADJ: w->type = T_ADJ; break;
            case E_TIME: {
                const verb *v = &t->verbs[E->idx];
                if (v->code && !strcmp(v->code, "###")) c->discard = 1;
                if (v->code && !strcmp(v->code, "+++")) c->complex = 1;
                w->type = T_TIME;
                break;
            }
            }
            continue;
        }
        if (w->type == T_NUM) continue;
        if (is_word(w->s, DETS)) w->type = T_DET;
        else if (is_word(w->s, CONJS)) w->type = T_CONJ;
        else if (is_word(w->s, PRONS)) w->type = T_PRON;
    }
    /* verb codes that discard or divert the whole text */
    for (int i = 0; i < c->nw; i++) {
        const tword *w = &c->w[i];
        if (w->type != T_VERB) continue;
        const verb *v = &t->verbs[t->ents[w->ent].idx];
        if (v->code && !strcmp(v->code, "###")) c->discard = 1;
    }
}

static int is_unit_start(const cx *c, int i)
{
    int u = c->w[i].unit;
    return u >= 0 && c->u[u].start == i && c->u[u].isactor;
}

static void build_units(cx *c)
{
    const tc_tabari *t = c->t;
    for (int i = 0; i < c->nw; i++) {
        tword *w = &c->w[i];
        if (w->type != T_ACTOR) continue;
        int u = new_unit(c, i, w->pend, 1);
        if (u < 0) break;
        unit_add(&c->u[u], actor_code(t, &t->actors[t->ents[w->ent].idx], c->date));
    }
    /* agents: after an actor, before one, or "AGENT OF|IN ACTOR" */
    for (int i = 0; i < c->nw; i++) {
        tword *w = &c->w[i];
        if (w->type != T_AGENT) continue;
        const agent *ag = &t->agents[t->ents[w->ent].idx];
        /* FORMER right before the agent or its actor makes it an elite */
        agent eli = {"ELI", 0};
        int former = i > 0 && !strcmp(c->w[i - 1].s, "FORMER");
        int pb = i - 1 - former; /* an actor right before ("ARNOR FORMER OFFICIALS") */
        int e = w->pend, u = -1;
        if (pb >= 0 && c->w[pb].unit >= 0 && c->u[c->w[pb].unit].end == pb && c->u[c->w[pb].unit].isactor) {
            u = c->w[pb].unit;
            c->u[u].end = e;
        } else if (e + 1 < c->nw && is_unit_start(c, e + 1)) {
            u = c->w[e + 1].unit;
            c->u[u].start = i;
        } else if (e + 2 < c->nw && (!strcmp(c->w[e + 1].s, "OF") || !strcmp(c->w[e + 1].s, "IN")) &&
                   is_unit_start(c, e + 2)) {
            u = c->w[e + 2].unit;
            c->u[u].start = i;
        }
        if (u >= 0 && c->u[u].start > 0 && c->u[u].start < i && !strcmp(c->w[c->u[u].start - 1].s, "FORMER")) former = 1;
        if (former) ag = &eli;
        if (u >= 0) {
            unit *U = &c->u[u];
            for (int k = 0; k < U->n; k++) U->codes[k] = with_agent(c, U->codes[k], ag);
            for (int k = U->start; k <= U->end; k++) c->w[k].unit = u;
        } else if (c->t->o.convert_agent) {
            u = new_unit(c, i, e, 1);
            if (u >= 0) unit_add(&c->u[u], ag->prefix ? cstore(c, ag->code, "---") : cstore(c, "---", ag->code));
        }
    }
    /* compounds: np {, np} AND np, np = {DET|ADJ} actor */
    for (int i = 0; i < c->nw; i++) {
        if (!is_unit_start(c, i) || c->u[c->w[i].unit].compound) continue;
        int members[MAXC], nm = 0, j = c->u[c->w[i].unit].end + 1, done = 0;
        members[nm++] = c->w[i].unit;
        while (j < c->nw && nm < MAXC && !done) {
            int isconj = !strcmp(c->w[j].s, "AND") || !strcmp(c->w[j].s, "OR") || !strcmp(c->w[j].s, "NOR");
            if (!isconj && strcmp(c->w[j].s, ",")) break;
            int k = j + 1;
            if (!isconj && k < c->nw && !strcmp(c->w[k].s, "AND")) { isconj = 1; k++; } /* ", and" */
            while (k < c->nw && (c->w[k].type == T_DET || c->w[k].type == T_ADJ)) k++;
            if (k >= c->nw || !is_unit_start(c, k)) break;
            members[nm++] = c->w[k].unit;
            j = c->u[c->w[k].unit].end + 1;
            if (isconj) done = 1;
        }
        /* "... and the evil Arnor awful Gondor": an adjective phrase goes on with the list */
        while (done && j < c->nw && nm < MAXC && c->w[j].type == T_ADJ) {
            int k = j;
            while (k < c->nw && c->w[k].type == T_ADJ) k++;
            if (k >= c->nw || !is_unit_start(c, k)) break;
            members[nm++] = c->w[k].unit;
            j = c->u[c->w[k].unit].end + 1;
        }
        if (!done || nm < 2) continue;
        int u = new_unit(c, i, j - 1, 1);
        if (u < 0) break;
        c->u[u].compound = 1;
        for (int m = 0; m < nm; m++)
            for (int k = 0; k < c->u[members[m]].n; k++) unit_add(&c->u[u], c->u[members[m]].codes[k]);
        for (int k = i; k < j; k++)
            if (c->w[k].type == T_CONJ || c->w[k].type == T_COMMA) c->w[k].keepconj = 1;
        i = j - 1;
    }
    /* compound nouns and adjectives keep their conjunction out of the clause split */
    for (int i = 1; i + 1 < c->nw; i++) {
        if (c->w[i].type != T_CONJ) continue;
        int k = i + 1;
        if (c->w[i - 1].type == T_ADJ && c->w[k].type == T_ADJ) { c->w[i].keepconj = 1; continue; }
        if (c->w[i - 1].type != T_NOUN) continue;
        while (k < c->nw && c->w[k].type == T_ADJ) k++;
        if (k < c->nw && c->w[k].type == T_NOUN) c->w[i].keepconj = 1;
    }
}

/* pronouns (after the comma clauses are dropped: an actor there is no antecedent) */
static void resolve_pronouns(cx *c)
{
    for (int i = 0; i < c->nw; i++) {
        tword *w = &c->w[i];
        if (w->type != T_PRON) continue;
        int ref = -1;
        if (w->drop) continue;
        if (!strcmp(w->s, "HE") || !strcmp(w->s, "SHE") || !strcmp(w->s, "IT") || !strcmp(w->s, "ITS") ||
            !strcmp(w->s, "HIS") || !strcmp(w->s, "HER") || !strcmp(w->s, "HIM")) {
            for (int k = 0; k < i && ref < 0; k++) if (is_unit_start(c, k) && !c->w[k].drop) ref = c->w[k].unit;
        } else {
            for (int k = 0; k < i && ref < 0; k++)
                if (is_unit_start(c, k) && !c->w[k].drop && c->u[c->w[k].unit].compound) ref = c->w[k].unit;
            for (int k = 0; k < i && ref < 0; k++) if (is_unit_start(c, k) && !c->w[k].drop) ref = c->w[k].unit;
        }
        if (ref < 0 && c->fwd) {
            /* FORWARD: a pronoun before any actor is the first actor of the previous record */
            int u = new_unit(c, i, i, 1);
            if (u < 0) break;
            unit_add(&c->u[u], c->fwd);
            c->fwd = NULL;
            continue;
        }
        c->fwd = NULL;
        if (ref < 0) continue;
        /* a singular pronoun does not stand for a compound */
        if (c->u[ref].compound && strcmp(w->s, "THEY") && strcmp(w->s, "THEM") && strcmp(w->s, "THEIR")) continue;
        int u = new_unit(c, i, i, 1);
        if (u < 0) break;
        c->u[u] = c->u[ref];
        c->u[u].start = c->u[u].end = i;
        c->u[u].ref = c->u[ref].ref;
    }
}

/* comma-delimited nonrestrictive clauses */
static void drop_commas(cx *c)
{
    const topts *o = &c->t->o;
    if (o->comma_off) return;
    int pos[MAXW], np = 0;
    for (int i = 0; i < c->nw; i++)
        if (c->w[i].type == T_COMMA && !c->w[i].keepconj) pos[np++] = i;
    if (!np) return;
    int len = pos[0];
    if (len > o->bmin && len <= o->bmax)
        for (int k = 0; k < pos[0]; k++) c->w[k].drop = 1;
    /* chained: a dropped clause uses up both of its commas */
    int last_used = 0, j = 0;
    while (j + 1 < np) {
        len = pos[j + 1] - pos[j] - 1;
        if (len > o->cmin && len <= o->cmax) {
            for (int k = pos[j]; k <= pos[j + 1]; k++) c->w[k].drop = 1;
            if (j + 1 == np - 1) last_used = 1;
            j += 2;
        } else {
            j++;
        }
    }
    len = c->nw - pos[np - 1] - 1;
    if (!last_used && len > o->emin && len <= o->emax)
        for (int k = pos[np - 1]; k < c->nw; k++) c->w[k].drop = 1;
}

typedef struct rawev { const char *src, *tgt, *code; int sub, dom; } rawev;

typedef struct coder {
    rawev ev[TC_TABARI_MAXEV * 2];
    int nev;
} coder;

/* events s x tg with code (self pairs dropped; '?' subordinate, '!' dominant) */
static void add_pairs(cx *c, coder *k, const unit *s, const unit *tg, const char *code, int swap)
{
    if (!code || is_null(code)) return;
    char buf[16];
    snprintf(buf, sizeof buf, "%s", code);
    size_t n = strlen(buf);
    int sub = 0, dom = 0;
    while (n && (buf[n - 1] == '?' || buf[n - 1] == '!')) {
        if (buf[n - 1] == '?') sub = 1; else dom = 1;
        buf[--n] = 0;
    }
    const char *cc = cstore(c, buf, NULL);
    for (int i = 0; i < s->n; i++)
        for (int j = 0; j < tg->n; j++) {
            if (!strcmp(s->codes[i], tg->codes[j]) || k->nev >= TC_TABARI_MAXEV * 2) continue;
            rawev *e = &k->ev[k->nev++];
            e->src = swap ? tg->codes[j] : s->codes[i];
            e->tgt = swap ? s->codes[i] : tg->codes[j];
            e->code = cc;
            e->sub = sub;
            e->dom = dom;
        }
}

static int same_codes(const unit *a, const unit *b)
{
    if (a == b) return 1;
    if (a->compound || b->compound) return 0;
    if (a->n != b->n) return 0;
    for (int i = 0; i < a->n; i++) if (strcmp(a->codes[i], b->codes[i])) return 0;
    return 1;
}

/* try to code verb at view position vp of the clause view; returns 1 if it gave events
 * (appended to k), *carry set to the source unit */
static int code_verb(cx *c, const mview *v, int vp, int carry, int first_clause, coder *k, int *src_out)
{
    const tc_tabari *t = c->t;
    const tword *vw = &c->w[v->seq[vp]];
    const verb *vb = &t->verbs[t->ents[vw->ent].idx];
    int vpe = vp;
    while (vpe + 1 < v->n && c->w[v->seq[vpe + 1]].type == T_PART && v->seq[vpe + 1] <= vw->pend) vpe++;
    /* pattern matching does not cross commas */
    int cs = 0, ce = v->n;
    for (int q = vp - 1; q >= 0; q--) if (c->w[v->seq[q]].type == T_COMMA) { cs = q + 1; break; }
    for (int q = vpe + 1; q < v->n; q++) if (c->w[v->seq[q]].type == T_COMMA) { ce = q; break; }
    const char *code = vb->code, *pcode = vb->pcode;
    int bsrc = -1, btgt = -1, bpct = -1, matched = 0;
    mview mv = *v;
    mv.gap = -1;
    int need = -1, skipped[8], nskipped = 0;
    c->pmode = 1;
    for (uint32_t pi = 0; pi < vb->npat; pi++) {
        const pat *p = &t->pats[vb->pfirst + pi];
        if (matched && p->len < need) break;
        const phr *ph = &t->phrs[p->ph];
        const el *els = t->els + ph->first;
        int star = 0;
        while (star < (int)ph->n && els[star].marker != '*') star++;
        c->bind_src = c->bind_tgt = c->bind_pct = -1;
        c->nskip = 0;
        c->setlen = 0;
        int e;
        /* before the verb: from the verb back; an element joined to '*' ends right before it */
        if (star > 0 && !match_back(c, &mv, els, star - 1, vp, cs, 0)) continue;
        int npost = (int)ph->n - star - 1;
        if (npost > 0 && !match_els(c, &mv, els + star + 1, npost, vpe + 1, els[star].adj, ce, &e, 0)) continue;
        matched = 1;
        if (c->trace && c->tlen + 100 < 2048)
            c->tlen += (size_t)snprintf(c->trace + c->tlen, 2048 - c->tlen, " | %s: pattern line %ld [%s]", vw->s, p->line,
                                        p->code ? p->code : "");
        code = p->code;
        pcode = p->pcode;
        bsrc = c->bind_src;
        btgt = c->bind_tgt;
        bpct = c->bind_pct;
        nskipped = c->nskip;
        memcpy(skipped, c->skip, sizeof skipped);
        /* a pattern with sets is as long as what it matched: longer patterns than that
         * are still tried first (TABARI 5.7.1) */
        int sm = 0;
        for (uint32_t i = 0; i < ph->n; i++)
            if (els[i].set >= 0 && !t->sets[els[i].set].name) {
                int best = 0;
                const tset *st = &t->sets[els[i].set];
                for (uint32_t m = 0; m < st->n; m++) {
                    int l = phr_len(t, t->mem[st->first + m], 0);
                    if (l > best) best = l;
                }
                sm += best;
            }
        int actual = p->len - sm + c->setlen;
        if (!sm || actual >= p->len) break;
        need = actual;
    }
    c->pmode = 0;
    if (code && !strcmp(code, "+++")) { c->complex = 1; return 0; }
    if (code && !strcmp(code, "###")) { c->discard = 1; return 0; }
    if ((!code || is_null(code)) && (!pcode || is_null(pcode))) return 0;
    /* actors */
    const topts *o = &c->t->o;
    const unit *S = NULL, *T = NULL;
    unit ts, tt, ds, dt;
    memset(&ts, 0, sizeof ts);
    memset(&tt, 0, sizeof tt);
    if (bpct >= 0) S = T = &c->u[c->w[bpct].unit];
    if (bsrc >= 0) S = &c->u[c->w[bsrc].unit];
    if (btgt >= 0) T = &c->u[c->w[btgt].unit];
    int designated = bsrc >= 0 || btgt >= 0 || bpct >= 0;
    int prior = -1, after_ = -1;
    for (int q = 0; q < vp && prior < 0; q++) if (is_unit_start(c, v->seq[q])) prior = c->w[v->seq[q]].unit;
    for (int q = vpe + 1; q < v->n && after_ < 0; q++) if (is_unit_start(c, v->seq[q])) after_ = c->w[v->seq[q]].unit;
    int tstart = vpe + 1; /* where the target search after the verb begins */
    if (!S) {
        if (T) {
            for (int q = 0; q < vp && !S; q++) {
                int u = c->w[v->seq[q]].unit;
                if (is_unit_start(c, v->seq[q]) && !same_codes(&c->u[u], T)) S = &c->u[u];
            }
        } else if (!first_clause && carry >= 0 && c->prev_coded &&
                   !(v->n > 0 && is_unit_start(c, v->seq[0]) && v->seq[0] < vw - c->w)) {
            S = &c->u[carry]; /* the source of the clause before, unless an actor opens this one */
        } else if (prior >= 0) {
            S = &c->u[prior]; /* the clause before coded nothing: an actor before the verb here */
        } else if (!first_clause && carry >= 0) {
            S = &c->u[carry];
        }
        if (!S && first_clause && carry >= 0 && !T) S = &c->u[carry];
        if (!S && !(o->defsrc[0] && o->def_prior)) {
            /* no actor before the verb: TABARI takes the first one after it (of a compound,
             * its first member; the others are the target) */
            for (int q = vpe + 1; q < v->n && !S; q++) {
                if (!is_unit_start(c, v->seq[q])) continue;
                const unit *U = &c->u[c->w[v->seq[q]].unit];
                if (U->compound && U->n > 1) {
                    ts.n = 1;
                    ts.codes[0] = U->codes[0];
                    S = &ts;
                    if (!T) {
                        tt.n = 0;
                        for (int i = 1; i < U->n; i++) tt.codes[tt.n++] = U->codes[i];
                        T = &tt;
                    }
                } else {
                    S = U;
                }
                int e = q;
                while (e < v->n && c->w[v->seq[e]].unit == c->w[v->seq[q]].unit) e++;
                tstart = e;
            }
        }
    }
    if (!T) {
        for (int q = tstart; q < v->n && !T; q++) {
            int u = c->w[v->seq[q]].unit;
            int sk = 0;
            for (int i = 0; i < nskipped; i++) sk |= skipped[i] == u;
            /* an object pronoun standing for the source ("urged Bree to assist them") is not
             * its target; a possessive one ("presented their credentials") is */
            const tword *pw = &c->w[v->seq[q]];
            if (S && u >= 0 && pw->type == T_PRON && c->u[u].ref == S->ref && strcmp(pw->s, "THEIR") &&
                strcmp(pw->s, "ITS") && strcmp(pw->s, "HIS") && strcmp(pw->s, "HER"))
                sk = 1;
            if (is_unit_start(c, v->seq[q]) && !sk && (!S || !same_codes(&c->u[u], S))) T = &c->u[u];
        }
        /* before the verb: the first other actor (a pronoun standing for the source is the
         * source), then compound members one by one whose code differs from the source's */
        for (int q = 0; q < vp && !T; q++) {
            if (!is_unit_start(c, v->seq[q])) continue;
            const unit *U = &c->u[c->w[v->seq[q]].unit];
            int sk = 0;
            for (int i = 0; i < nskipped; i++) sk |= skipped[i] == c->w[v->seq[q]].unit;
            if (sk || (S && (same_codes(U, S) || U->ref == S->ref))) continue;
            T = U;
        }
        for (int q = 0; q < vp && !T; q++) {
            if (!is_unit_start(c, v->seq[q])) continue;
            int sk = 0;
            for (int i = 0; i < nskipped; i++) sk |= skipped[i] == c->w[v->seq[q]].unit;
            if (sk) continue;
            const unit *U = &c->u[c->w[v->seq[q]].unit];
            for (int i = 0; i < U->n && !T; i++)
                if (!S || strcmp(U->codes[i], S->codes[0])) {
                    tt.n = 1;
                    tt.codes[0] = U->codes[i];
                    T = &tt;
                }
        }
        /* a subordinate code ("SAID [023?]") may take its target from an earlier clause */
        int subcode = code && code[0] && code[strlen(code) - 1] == '?';
        for (int wi = 0; subcode && !T && wi < v->seq[0]; wi++) {
            if (c->w[wi].drop || !is_unit_start(c, wi)) continue;
            const unit *U = &c->u[c->w[wi].unit];
            if (!S || !same_codes(U, S)) T = U;
        }
        if (!T && S && S->compound) T = S;
    }
    if (o->defsrc[0] && (!S || (o->def_prior && prior < 0))) {
        memset(&ds, 0, sizeof ds);
        ds.n = 1;
        ds.codes[0] = o->defsrc;
        S = &ds;
    }
    if (o->deftgt[0] && (!T || (o->def_after && after_ < 0))) {
        memset(&dt, 0, sizeof dt);
        dt.n = 1;
        dt.codes[0] = o->deftgt;
        T = &dt;
    }
    int su = S && S >= c->u && S < c->u + MAXU ? (int)(S - c->u) : -1;
    if (!S || !T) { *src_out = su; return 0; }
    /* passive voice: WAS / WERE / BEEN one or two words before, BY right after */
    int swap = 0;
    if (!designated && ((vpe + 1 < v->n && !strcmp(c->w[v->seq[vpe + 1]].s, "BY")) ||
                        (vpe + 2 < v->n && !strcmp(c->w[v->seq[vpe + 2]].s, "BY")))) {
        for (int q = vp - 1; q >= 0 && q >= vp - 2; q--) {
            const char *s = c->w[v->seq[q]].s;
            if (!strcmp(s, "WAS") || !strcmp(s, "WERE") || !strcmp(s, "BEEN")) swap = 1;
        }
    }
    int n0 = k->nev;
    add_pairs(c, k, S, T, code, swap);
    add_pairs(c, k, T, S, pcode, swap);
    *src_out = su;
    return k->nev > n0;
}

/* FORWARD: story and sentence numbers of a record id by the format ("^^*****NNN*SSS":
 * aligned on the right of the id, N story digits, S sentence digits) */
static int fwd_key(const char *fmt, const char *id, char *story, size_t cap, long *sent)
{
    size_t fl = strlen(fmt), il = strlen(id), ns = 0;
    char sb[32];
    size_t nsb = 0;
    char tmp[64];
    if (!fl || !il) return 0;
    for (size_t j = 0; j < fl && j < il; j++) {
        char f = fmt[fl - 1 - j], ch = id[il - 1 - j];
        if (f == 'N' && ns < sizeof tmp - 1) tmp[ns++] = ch;
        else if (f == 'S' && nsb < sizeof sb - 1) sb[nsb++] = ch;
    }
    if (!nsb) return 0;
    for (size_t k = 0; k < ns / 2; k++) { char x = tmp[k]; tmp[k] = tmp[ns - 1 - k]; tmp[ns - 1 - k] = x; }
    for (size_t k = 0; k < nsb / 2; k++) { char x = sb[k]; sb[k] = sb[nsb - 1 - k]; sb[nsb - 1 - k] = x; }
    tmp[ns] = 0;
    sb[nsb] = 0;
    snprintf(story, cap, "%s", tmp);
    *sent = strtol(sb, NULL, 10);
    return 1;
}

tc_status tc_tabari_code(tc_tabari *t, const tc_doc *doc, int32_t date, const char *id, tc_tabari_result *res)
{
    memset(res, 0, sizeof *res);
    cx *c = tc_calloc(1, sizeof *c);
    if (!c) return TC_ENOMEM;
    c->t = t;
    c->date = date;
    c->bind_src = c->bind_tgt = c->bind_pct = -1;
    char story[64] = "";
    long sent = -10;
    int keyed = t->o.forward && id && fwd_key(t->o.fwd_fmt, id, story, sizeof story, &sent);
    if (keyed && t->fwd_code[0] && !strcmp(story, t->fwd_story) && sent == t->fwd_sent + 1) {
        snprintf(c->fwdbuf, sizeof c->fwdbuf, "%s", t->fwd_code);
        c->fwd = c->fwdbuf;
    }
    make_words(c, doc);
    int haslower = 0;
    if (doc->text)
        for (size_t i = 0; i < doc->text_len && !haslower; i++) haslower = islower((unsigned char)doc->text[i]) != 0;
    const topts *o = &t->o;
    classify(c, haslower);
    if (keyed) {
        snprintf(t->fwd_story, sizeof t->fwd_story, "%s", story);
        t->fwd_sent = sent;
        t->fwd_code[0] = 0;
        for (int i = 0; i < c->nw && !t->fwd_code[0]; i++)
            if (c->w[i].type == T_ACTOR)
                snprintf(t->fwd_code, sizeof t->fwd_code, "%s", actor_code(t, &t->actors[t->ents[c->w[i].ent].idx], date));
    }
    if (c->discard) {
        res->outcome = TC_TABARI_DISCARD;
        res->why = "discard phrase";
        tc_free(c);
        return TC_OK;
    }
    if (c->nw < o->minwords) {
        tc_free(c);
        return TC_OK;
    }
    build_units(c);
    drop_commas(c);
    resolve_pronouns(c);
    {
        static const char tch[] = "-AgVnjtp.dPC,#0";
        size_t to = 0;
        for (int i = 0; i < c->nw && to + 80 < sizeof res->trace; i++) {
            const tword *w = &c->w[i];
            to += (size_t)snprintf(res->trace + to, sizeof res->trace - to, "%s%s%s/%c%s", i ? " " : "", w->drop ? "[" : "",
                                  w->s, tch[w->type], w->drop ? "]" : "");
            if (w->unit >= 0 && c->u[w->unit].start == i)
                to += (size_t)snprintf(res->trace + to, sizeof res->trace - to, "<%s%s>", c->u[w->unit].codes[0],
                                      c->u[w->unit].compound ? "+" : "");
        }
        c->trace = res->trace;
        c->tlen = to;
    }
    /* complexity */
    int nverbs = 0, nconj = 0, firstverb = -1, nactors = 0;
    for (int i = 0; i < c->nw; i++) {
        if (c->w[i].type == T_VERB && !c->w[i].drop) {
            nverbs++;
            const verb *vb = &t->verbs[t->ents[c->w[i].ent].idx];
            if (firstverb < 0 && !(is_null(vb->code) && !vb->pcode)) firstverb = i;
        }
        if (c->w[i].type == T_CONJ && !c->w[i].keepconj) nconj++;
        if (is_unit_start(c, i)) nactors++;
    }
    int cxf = c->complex;
    if (o->cx_verbs > 0 && nverbs >= o->cx_verbs) cxf = 1;
    if (o->cx_conj > 0 && nconj >= o->cx_conj) cxf = 1;
    if (o->cx_actors > 0 && nactors >= o->cx_actors) cxf = 1;
    if (o->noverb && firstverb < 0) cxf = 1;
    if (o->noactprior && firstverb >= 0) {
        int any = 0;
        for (int i = 0; i < firstverb && !any; i++) any = is_unit_start(c, i);
        if (!any) cxf = 1;
    }
    if (cxf) {
        res->outcome = TC_TABARI_COMPLEX;
        res->why = "complexity";
        tc_free(c);
        return TC_OK;
    }
    /* clauses */
    coder *k = tc_calloc(1, sizeof *k);
    if (!k) { tc_free(c); return TC_ENOMEM; }
    int carry = -1, clause = 0, start = 0;
    int sent_done = 0;
    while (start < c->nw && !sent_done) {
        int end = start;
        while (end < c->nw && !(c->w[end].type == T_CONJ && !c->w[end].keepconj && !c->w[end].drop)) end++;
        int seq[MAXW], n = 0;
        for (int i = start; i < end; i++) if (!c->w[i].drop) seq[n++] = i;
        mview v = {seq, n, -1};
        int got = 0, gotsub = 0, firstsrc = -1;
        coder sub;
        sub.nev = 0;
        for (int q = 0; q < n; q++) if (is_unit_start(c, seq[q])) { firstsrc = c->w[seq[q]].unit; break; }
        for (int q = 0; q < n; q++) {
            if (c->w[seq[q]].type != T_VERB) continue;
            coder one;
            one.nev = 0;
            int src = -1;
            if (!code_verb(c, &v, q, carry, clause == 0, &one, &src)) continue;
            int issub = 1, isdom = 0;
            for (int i = 0; i < one.nev; i++) { issub &= one.ev[i].sub; isdom |= one.ev[i].dom; }
            if (issub) {
                if (!gotsub) { sub = one; gotsub = 1; }
                if (src >= 0 && carry < 0) carry = src;
                continue;
            }
            if (got && !isdom && o->codeby != 2) continue;
            for (int i = 0; i < one.nev && k->nev < TC_TABARI_MAXEV * 2; i++) k->ev[k->nev++] = one.ev[i];
            if (src >= 0) carry = src;
            got = 1;
            if (o->codeby == 1) { sent_done = 1; break; }
        }
        if (!got && gotsub)
            for (int i = 0; i < sub.nev && k->nev < TC_TABARI_MAXEV * 2; i++) k->ev[k->nev++] = sub.ev[i];
        if (!got && !gotsub && carry < 0) carry = firstsrc;
        int anyverb = 0;
        for (int q = 0; q < n && !anyverb; q++) anyverb = c->w[seq[q]].type == T_VERB;
        c->prev_coded = got || gotsub || anyverb;
        clause++;
        start = end + 1;
        /* an actor right after the conjunction starts the next clause's subject */
    }
    if (c->complex) {
        res->outcome = TC_TABARI_COMPLEX;
        res->why = "complex code";
    } else if (c->discard) {
        res->outcome = TC_TABARI_DISCARD;
        res->why = "discard code";
    } else {
        int anydom = 0, anyreg = 0;
        for (int i = 0; i < k->nev; i++) { anydom |= k->ev[i].dom; anyreg |= !k->ev[i].sub; }
        for (int i = 0; i < k->nev; i++) {
            const rawev *e = &k->ev[i];
            if (anydom && !e->dom) continue;
            if (anyreg && e->sub && o->codeby != 0) continue;
            /* coded compounds "A/B/C" stand for their members */
            char sb[64], tb[64];
            snprintf(sb, sizeof sb, "%s", e->src);
            snprintf(tb, sizeof tb, "%s", e->tgt);
            char *ss, *ts, *s1 = NULL, *t1 = NULL;
            for (char *sp = strtok_r(sb, "/", &s1); sp; sp = strtok_r(NULL, "/", &s1)) {
                char tcopy[64];
                snprintf(tcopy, sizeof tcopy, "%s", tb);
                for (char *tp = strtok_r(tcopy, "/", &t1); tp; tp = strtok_r(NULL, "/", &t1)) {
                    ss = sp;
                    ts = tp;
                    if (!strcmp(ss, ts)) continue;
                    int dup = 0;
                    for (int j = 0; j < res->nev && !dup; j++)
                        dup = !strcmp(res->ev[j].src, ss) && !strcmp(res->ev[j].tgt, ts) && !strcmp(res->ev[j].code, e->code);
                    if (dup || res->nev >= TC_TABARI_MAXEV) continue;
                    tc_tabari_event *x = &res->ev[res->nev++];
                    snprintf(x->src, sizeof x->src, "%s", ss);
                    snprintf(x->tgt, sizeof x->tgt, "%s", ts);
                    snprintf(x->code, sizeof x->code, "%s", e->code);
                }
            }
        }
    }
    tc_free(k);
    tc_free(c);
    return TC_OK;
}
