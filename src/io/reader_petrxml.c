/* reader_petrxml.c - PETRARCH / UniversalPetrarch XML (validation records and
 * batch input), read with an own tolerant scanner: the files in the wild are
 * often not well-formed (comments containing "--", "<! --", self-closed
 * <Sentence/> records, unclosed elements), so nothing here needs a tree.
 *
 * One document per <Sentence> (or <Article>/<Story> with their own <Text>; an
 * <Article>/<Story> that wraps <Sentence> records is only a wrapper), in file order:
 *   id        attribute id (else "<file stem>:<line>")
 *   date      attribute date (YYYYMMDD etc.) -> doc->date
 *   source    attribute source -> doc->source
 *   text      <Text> content, entities decoded, CDATA kept, whitespace normalised
 *             (a record with neither text nor parse is counted empty and skipped;
 *             one with a parse but an empty <Text> is returned with empty text)
 *   parse     <Parse> content (trimmed) -> doc->parse; parse_kind PENN when it
 *             starts with '(', CONLLU when its first line is "N<TAB>..."
 *   gold      each <EventCoding sourcecode= targetcode= eventcode=> -> doc->gold
 *             (codes verbatim, e.g. '"INJURY TOLL"' keeps its quotes; other
 *             attributes go to gold.extra as "k=v;..."); noevents="true" ->
 *             gold_noevents; error="X" -> gold_error and meta "gold.error"=X
 *   disabled  sentence|valid|evaluate="false"
 * Meta keys:
 *   "category"              the category attribute
 *   "<attr>"                any other attribute of the record (e.g. "mongoId", "place")
 *   "<Element>"             other elements inside a record: their text, or "true"
 *                           when empty (e.g. "Skip")
 *   "env.<Element>"         children of <Environment> (Verbfile, Actorfile,
 *                           Agentfile, Discardfile, PICOfile, Errorfile,
 *                           Include, Exclude, Pause ...), on every later record
 *   "config.<option>"       value of every <Config option=.. value=..> seen
 *                           before the record (in the Environment or between
 *                           records): the state in force for this record, so a
 *                           runner applies the record's config.* before coding it
 *   "config.changed"        space-separated options set since the previous record
 *   "after_stop"            "true" on records that follow a <Stop> element
 * Malformed records (unclosed <Text>, a record interrupted by the next one or
 * by the end of the input) are reported with file:line and skipped; scanning
 * resumes at the next record. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "../core/utf8.h"
#include "reader_int.h"

typedef struct kv {
    char *k, *v;
} kv;

typedef struct kvlist {
    kv *a;
    size_t n, cap;
} kvlist;

typedef struct pstate {
    tc_buf buf;
    int loaded;
    size_t pos;
    size_t line_pos; /* newlines counted up to here */
    long line;       /* line number at line_pos */
    kvlist env, config;
    tc_buf changed;  /* config.changed since the previous record */
    int after_stop;
    int in_env;
    tc_buf tmp, tmp2;
} pstate;

#define MAXATTR 32

typedef struct attr {
    const char *name, *val;
    size_t nlen, vlen;
} attr;

typedef struct tag {
    const char *name;
    size_t nlen;
    int end;        /* </name> */
    int selfclose;  /* <name/> */
    size_t start;   /* offset of '<' */
    size_t after;   /* offset after '>' */
    attr at[MAXATTR];
    int nat;
} tag;

enum { T_NONE, T_TAG, T_SKIP };

static tc_status kv_set_valid(kvlist *l, const char *k, size_t kl, const char *v, size_t vl);

/* Store k=v with invalid UTF-8 repaired (counted in stats). */
static tc_status kv_set(tc_reader *r, kvlist *l, const char *k, size_t kl, const char *v, size_t vl)
{
    if (tc_utf8_valid(k, kl) && tc_utf8_valid(v, vl)) return kv_set_valid(l, k, kl, v, vl);
    tc_buf kb = TC_BUF_INIT, vb = TC_BUF_INIT;
    unsigned long rep = 0;
    tc_status st = tc_utf8_repair(k, kl, &kb, &rep);
    if (st == TC_OK) st = tc_utf8_repair(v, vl, &vb, &rep);
    if (st == TC_OK) st = kv_set_valid(l, kb.data, kb.len, vb.data, vb.len);
    r->stats->repaired += rep;
    tc_buf_free(&kb);
    tc_buf_free(&vb);
    return st;
}

static tc_status kv_set_valid(kvlist *l, const char *k, size_t kl, const char *v, size_t vl)
{
    for (size_t i = 0; i < l->n; i++) {
        if (strlen(l->a[i].k) == kl && !memcmp(l->a[i].k, k, kl)) {
            char *nv = tc_strndup(v, vl);
            if (!nv) return TC_ENOMEM;
            tc_free(l->a[i].v);
            l->a[i].v = nv;
            return TC_OK;
        }
    }
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        kv *na = tc_reallocarray(l->a, cap, sizeof *na);
        if (!na) return TC_ENOMEM;
        l->a = na;
        l->cap = cap;
    }
    char *nk = tc_strndup(k, kl), *nv = tc_strndup(v, vl);
    if (!nk || !nv) {
        tc_free(nk);
        tc_free(nv);
        return TC_ENOMEM;
    }
    l->a[l->n].k = nk;
    l->a[l->n].v = nv;
    l->n++;
    return TC_OK;
}

static void kv_free(kvlist *l)
{
    for (size_t i = 0; i < l->n; i++) {
        tc_free(l->a[i].k);
        tc_free(l->a[i].v);
    }
    tc_free(l->a);
    memset(l, 0, sizeof *l);
}

static tc_status px_open(tc_reader *r)
{
    r->state = tc_calloc(1, sizeof(pstate));
    if (!r->state) return TC_ENOMEM;
    ((pstate *)r->state)->line = 1;
    return TC_OK;
}

static void px_close(tc_reader *r)
{
    pstate *ps = r->state;
    if (!ps) return;
    tc_buf_free(&ps->buf);
    tc_buf_free(&ps->tmp);
    tc_buf_free(&ps->tmp2);
    tc_buf_free(&ps->changed);
    kv_free(&ps->env);
    kv_free(&ps->config);
    tc_free(ps);
    r->state = NULL;
}

/* Line number of offset pos (pos must not go backwards much: counts forward,
 * recounts from the start when asked for an earlier offset). */
static long line_at(pstate *ps, size_t pos)
{
    if (pos < ps->line_pos) {
        ps->line_pos = 0;
        ps->line = 1;
    }
    const char *b = ps->buf.data;
    for (const char *p = b + ps->line_pos; (p = memchr(p, '\n', pos - (size_t)(p - b)));) {
        ps->line++;
        p++;
        if ((size_t)(p - b) >= pos) break;
    }
    ps->line_pos = pos;
    return ps->line;
}

static int name_start(int c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
static int name_char(int c)
{
    return name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == ':';
}
static int is_ws(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static int name_is(const tag *t, const char *n)
{
    size_t l = strlen(n);
    return t->nlen == l && strncasecmp(t->name, n, l) == 0;
}

static const attr *get_attr(const tag *t, const char *n)
{
    size_t l = strlen(n);
    for (int i = 0; i < t->nat; i++)
        if (t->at[i].nlen == l && strncasecmp(t->at[i].name, n, l) == 0) return &t->at[i];
    return NULL;
}

/* Scan the markup item starting at '<' at offset p. Returns T_TAG with *t
 * filled, T_SKIP for comments/declarations/PIs/CDATA (t->after set), or
 * T_NONE when '<' does not start markup. */
static int scan_item(pstate *ps, size_t p, tag *t, tc_reader *r)
{
    const char *b = ps->buf.data;
    size_t n = ps->buf.len;
    memset(t, 0, sizeof *t);
    t->start = p;
    if (!strncmp(b + p, "<!--", 4)) {
        const char *e = strstr(b + p + 4, "-->");
        if (!e) {
            tc_diag_emit(r->diag, TC_LOG_WARN, r->name, line_at(ps, p),
                         "comment not closed: the rest of the input is ignored");
            t->after = n;
        } else {
            t->after = (size_t)(e - b) + 3;
        }
        return T_SKIP;
    }
    if (!strncmp(b + p, "<![CDATA[", 9)) {
        const char *e = strstr(b + p + 9, "]]>");
        t->after = e ? (size_t)(e - b) + 3 : n;
        return T_SKIP;
    }
    if (b[p + 1] == '!' || b[p + 1] == '?') {
        const char *e = strchr(b + p + 2, '>');
        t->after = e ? (size_t)(e - b) + 1 : n;
        return T_SKIP;
    }
    size_t i = p + 1;
    if (b[i] == '/') {
        t->end = 1;
        i++;
    }
    while (i < n && is_ws((unsigned char)b[i])) i++;
    if (!name_start((unsigned char)b[i])) return T_NONE;
    t->name = b + i;
    while (i < n && name_char((unsigned char)b[i])) i++;
    t->nlen = (size_t)(b + i - t->name);
    /* attributes */
    for (;;) {
        while (i < n && is_ws((unsigned char)b[i])) i++;
        if (i >= n) break;
        if (b[i] == '>') {
            i++;
            break;
        }
        if (b[i] == '/' && b[i + 1] == '>') {
            t->selfclose = 1;
            i += 2;
            break;
        }
        if (b[i] == '<') break; /* broken tag: stop before the next one */
        if (!name_start((unsigned char)b[i])) {
            i++; /* junk inside the tag */
            continue;
        }
        attr a = {b + i, NULL, 0, 0};
        while (i < n && name_char((unsigned char)b[i])) i++;
        a.nlen = (size_t)(b + i - a.name);
        while (i < n && is_ws((unsigned char)b[i])) i++;
        if (b[i] == '=') {
            i++;
            while (i < n && is_ws((unsigned char)b[i])) i++;
            if (b[i] == '"' || b[i] == '\'') {
                char q = b[i++];
                const char *e = strchr(b + i, q);
                const char *eol = strchr(b + i, '\n');
                if (e && (!eol || e < eol)) {
                    a.val = b + i;
                    a.vlen = (size_t)(e - a.val);
                    i = (size_t)(e - b) + 1;
                } else {
                    /* unterminated quote: the value ends at '>' or the end of the line */
                    const char *gt = strchr(b + i, '>');
                    const char *stop = gt && (!eol || gt < eol) ? gt : eol ? eol : b + n;
                    a.val = b + i;
                    a.vlen = (size_t)(stop - a.val);
                    i = (size_t)(stop - b);
                }
            } else {
                a.val = b + i;
                while (i < n && !is_ws((unsigned char)b[i]) && b[i] != '>' && b[i] != '<' &&
                       !(b[i] == '/' && b[i + 1] == '>'))
                    i++;
                a.vlen = (size_t)(b + i - a.val);
            }
        } else {
            a.val = "";
        }
        if (t->nat < MAXATTR) t->at[t->nat++] = a;
    }
    t->after = i;
    return T_TAG;
}

/* Decode entities of s[0..n) appending to out. */
static tc_status decode_entities(const char *s, size_t n, tc_buf *out)
{
    size_t i = 0;
    while (i < n) {
        const char *amp = memchr(s + i, '&', n - i);
        size_t run = amp ? (size_t)(amp - (s + i)) : n - i;
        if (run && tc_buf_append(out, s + i, run)) return TC_ENOMEM;
        i += run;
        if (i >= n) break;
        const char *semi = memchr(s + i, ';', n - i < 12 ? n - i : 12);
        int32_t cp = -1;
        if (semi) {
            const char *e = s + i + 1;
            size_t el = (size_t)(semi - e);
            if (el == 3 && !strncmp(e, "amp", 3)) cp = '&';
            else if (el == 2 && !strncmp(e, "lt", 2)) cp = '<';
            else if (el == 2 && !strncmp(e, "gt", 2)) cp = '>';
            else if (el == 4 && !strncmp(e, "quot", 4)) cp = '"';
            else if (el == 4 && !strncmp(e, "apos", 4)) cp = '\'';
            else if (el == 4 && !strncmp(e, "nbsp", 4)) cp = 0xA0;
            else if (el >= 2 && e[0] == '#') {
                long v = 0;
                int ok = 1;
                if (e[1] == 'x' || e[1] == 'X') {
                    for (size_t k = 2; k < el && ok; k++) {
                        int c = e[k] | 32;
                        if (c >= '0' && c <= '9') v = v * 16 + (c - '0');
                        else if (c >= 'a' && c <= 'f') v = v * 16 + (c - 'a' + 10);
                        else ok = 0;
                    }
                    ok = ok && el > 2;
                } else {
                    for (size_t k = 1; k < el && ok; k++) {
                        if (e[k] >= '0' && e[k] <= '9') v = v * 10 + (e[k] - '0');
                        else ok = 0;
                    }
                }
                if (ok && v > 0 && v <= 0x10FFFF) cp = (int32_t)v;
            }
        }
        char enc[4];
        size_t k = cp > 0 ? tc_utf8_encode(cp, enc) : 0;
        if (k) {
            if (tc_buf_append(out, enc, k)) return TC_ENOMEM;
            i = (size_t)(semi - s) + 1;
        } else {
            if (tc_buf_putc(out, '&')) return TC_ENOMEM;
            i++;
        }
    }
    return TC_OK;
}

/* Element content s[0..n): comments dropped, CDATA kept verbatim, other
 * markup dropped, entities decoded -> out (cleared first). */
static tc_status content(const char *s, size_t n, tc_buf *out)
{
    tc_buf_clear(out);
    if (tc_buf_reserve(out, n + 1)) return TC_ENOMEM;
    size_t i = 0;
    while (i < n) {
        const char *lt = memchr(s + i, '<', n - i);
        size_t run = lt ? (size_t)(lt - (s + i)) : n - i;
        if (decode_entities(s + i, run, out)) return TC_ENOMEM;
        i += run;
        if (i >= n) break;
        const char *rest = s + i;
        size_t left = n - i;
        const char *e;
        if (left >= 9 && !strncmp(rest, "<![CDATA[", 9)) {
            size_t body = i + 9;
            e = strstr(s + body, "]]>");
            size_t end = e && (size_t)(e - s) < n ? (size_t)(e - s) : n;
            if (end > body && tc_buf_append(out, s + body, end - body)) return TC_ENOMEM;
            i = end + 3 <= n ? end + 3 : n;
        } else if (left >= 4 && !strncmp(rest, "<!--", 4)) {
            e = strstr(rest + 4, "-->");
            i = e && (size_t)(e - s) < n ? (size_t)(e - s) + 3 : n;
        } else if (left >= 2 && (name_start((unsigned char)rest[1]) || rest[1] == '/' || rest[1] == '!' ||
                                 rest[1] == '?')) {
            e = memchr(rest, '>', left);
            i = e ? (size_t)(e - s) + 1 : n;
        } else {
            if (tc_buf_putc(out, '<')) return TC_ENOMEM;
            i++;
        }
    }
    return TC_OK;
}

/* Collapse whitespace runs to one space, trim. In place. */
static void normalise_ws(tc_buf *b)
{
    size_t w = 0;
    int sp = 0;
    for (size_t i = 0; i < b->len; i++) {
        unsigned char c = (unsigned char)b->data[i];
        if (is_ws(c) || c == '\f' || c == '\v') {
            sp = 1;
            continue;
        }
        if (sp && w > 0) b->data[w++] = ' ';
        sp = 0;
        b->data[w++] = (char)c;
    }
    b->len = w;
    if (b->data) b->data[w] = 0;
}

/* Trim leading blank lines and trailing whitespace. In place. */
static void trim_block(tc_buf *b)
{
    size_t s = 0, e = b->len;
    size_t k = 0;
    while (k < e && is_ws((unsigned char)b->data[k])) {
        if (b->data[k] == '\n') s = k + 1;
        k++;
    }
    if (k == e) s = e;
    while (e > s && is_ws((unsigned char)b->data[e - 1])) e--;
    memmove(b->data, b->data + s, e - s);
    b->len = e - s;
    if (b->data) b->data[b->len] = 0;
}

static int truthy(const attr *a)
{
    if (!a) return 0;
    return (a->vlen == 4 && !strncasecmp(a->val, "true", 4)) || (a->vlen == 3 && !strncasecmp(a->val, "yes", 3)) ||
           (a->vlen == 1 && a->val[0] == '1');
}
static int falsy(const attr *a)
{
    if (!a) return 0;
    return (a->vlen == 5 && !strncasecmp(a->val, "false", 5)) || (a->vlen == 2 && !strncasecmp(a->val, "no", 2)) ||
           (a->vlen == 1 && a->val[0] == '0');
}

/* Attribute value decoded into a fresh arena string of d. */
static const char *attr_str(tc_reader *r, tc_doc *d, const attr *a)
{
    pstate *ps = r->state;
    tc_buf_clear(&ps->tmp2);
    if (decode_entities(a->val, a->vlen, &ps->tmp2) || tc_buf_reserve(&ps->tmp2, 1)) return NULL;
    return tc_reader_doc_str(r, d, ps->tmp2.data, ps->tmp2.len);
}

static int is_record(const tag *t)
{
    return name_is(t, "Sentence") || name_is(t, "Article") || name_is(t, "Story");
}

/* Find the closing tag </name> from offset p; returns its offset or (size_t)-1. */
static size_t find_close(const pstate *ps, size_t p, const char *name, size_t nlen)
{
    const char *b = ps->buf.data;
    const char *q = b + p;
    while ((q = strstr(q, "</"))) {
        const char *nm = q + 2;
        while (is_ws((unsigned char)*nm)) nm++;
        if (!strncasecmp(nm, name, nlen) && !name_char((unsigned char)nm[nlen])) return (size_t)(q - b);
        q += 2;
    }
    return (size_t)-1;
}

/* Position of the next record start tag at or after p (comments, CDATA and
 * declarations skipped), or the buffer length. */
static size_t next_record_start(const pstate *ps, size_t p)
{
    const char *b = ps->buf.data;
    size_t n = ps->buf.len;
    while (p < n) {
        const char *lt = memchr(b + p, '<', n - p);
        if (!lt) break;
        p = (size_t)(lt - b);
        const char *e = NULL;
        if (!strncmp(lt, "<!--", 4)) e = strstr(lt + 4, "-->");
        else if (!strncmp(lt, "<![CDATA[", 9)) e = strstr(lt + 9, "]]>");
        if (e) {
            p = (size_t)(e - b) + 3;
            continue;
        }
        if (!strncmp(lt, "<!--", 4) || !strncmp(lt, "<![CDATA[", 9)) break;
        static const char *names[] = {"Sentence", "Article", "Story"};
        for (int k = 0; k < 3; k++) {
            size_t l = strlen(names[k]);
            if (!strncasecmp(lt + 1, names[k], l) && !name_char((unsigned char)lt[1 + l])) return p;
        }
        p++;
    }
    return n;
}

static tc_status apply_config(tc_reader *r, const tag *t)
{
    pstate *ps = r->state;
    const attr *o = get_attr(t, "option"), *v = get_attr(t, "value");
    if (!o) return TC_OK;
    tc_buf key = TC_BUF_INIT;
    unsigned long rep = 0;
    tc_status st = tc_utf8_repair(o->val, tc_utf8_clip(o->val, o->vlen > 100 ? 100 : o->vlen), &key, &rep);
    r->stats->repaired += rep;
    if (st == TC_OK) st = kv_set(r, &ps->config, key.data, key.len, v ? v->val : "", v ? v->vlen : 0);
    if (st == TC_OK && ps->changed.len) st = tc_buf_putc(&ps->changed, ' ');
    if (st == TC_OK) st = tc_buf_append(&ps->changed, key.data, key.len);
    tc_buf_free(&key);
    return st;
}

/* Copy record-independent state into a doc's meta. */
static tc_status state_meta(pstate *ps, tc_doc *d)
{
    tc_buf key = TC_BUF_INIT;
    tc_status st = TC_OK;
    for (size_t i = 0; st == TC_OK && i < ps->env.n; i++) {
        tc_buf_clear(&key);
        st = tc_buf_printf(&key, "env.%s", ps->env.a[i].k);
        if (st == TC_OK) st = tc_doc_meta_set(d, key.data, ps->env.a[i].v);
    }
    for (size_t i = 0; st == TC_OK && i < ps->config.n; i++) {
        tc_buf_clear(&key);
        st = tc_buf_printf(&key, "config.%s", ps->config.a[i].k);
        if (st == TC_OK) st = tc_doc_meta_set(d, key.data, ps->config.a[i].v);
    }
    tc_buf_free(&key);
    if (st) return st;
    if (ps->changed.len) {
        if (tc_doc_meta_set(d, "config.changed", ps->changed.data)) return TC_ENOMEM;
        tc_buf_clear(&ps->changed);
    }
    if (ps->after_stop && tc_doc_meta_set(d, "after_stop", "true")) return TC_ENOMEM;
    return TC_OK;
}

static tc_status add_gold(tc_reader *r, tc_doc *d, const tag *t)
{
    pstate *ps = r->state;
    const char *src = NULL, *tgt = NULL, *code = NULL;
    tc_buf extra = TC_BUF_INIT;
    tc_status st = TC_OK;
    int has_event = 0;
    for (int i = 0; i < t->nat && st == TC_OK; i++) {
        const attr *a = &t->at[i];
        const char *v = attr_str(r, d, a);
        if (!v) {
            st = TC_ENOMEM;
            break;
        }
        if (a->nlen == 10 && !strncasecmp(a->name, "sourcecode", 10)) src = v, has_event = 1;
        else if (a->nlen == 10 && !strncasecmp(a->name, "targetcode", 10)) tgt = v, has_event = 1;
        else if (a->nlen == 9 && !strncasecmp(a->name, "eventcode", 9)) code = v, has_event = 1;
        else if (a->nlen == 8 && !strncasecmp(a->name, "noevents", 8)) d->gold_noevents |= truthy(a);
        else if (a->nlen == 5 && !strncasecmp(a->name, "error", 5)) {
            d->gold_error = 1;
            const char *old = tc_doc_meta_get(d, "gold.error");
            if (old) {
                tc_buf_clear(&ps->tmp2);
                tc_buf_printf(&ps->tmp2, "%s;%s", old, v);
                st = tc_doc_meta_set(d, "gold.error", ps->tmp2.data);
            } else {
                st = tc_doc_meta_set(d, "gold.error", v);
            }
        } else {
            st = tc_buf_printf(&extra, "%s%.*s=%s", extra.len ? ";" : "", (int)a->nlen, a->name, v);
        }
    }
    if (st == TC_OK && has_event) st = tc_doc_add_gold(d, src, tgt, code, extra.len ? extra.data : NULL);
    tc_buf_free(&extra);
    return st;
}

/* Parse one record whose start tag is rt.  On success *out is the doc (or NULL
 * when the record was skipped); ps->pos is advanced past the record. */
static tc_status record(tc_reader *r, const tag *rt, tc_doc **out)
{
    pstate *ps = r->state;
    const char *b = ps->buf.data;
    size_t n = ps->buf.len;
    long line = line_at(ps, rt->start);
    *out = NULL;
    tc_doc *d = tc_reader_doc_new(r, line);
    if (!d) return TC_ENOMEM;
    tc_status st = TC_OK;
    int have_text = 0;
    const char *broken = NULL;
    long broken_line = line;
    size_t p = rt->after;
    size_t next_rec = next_record_start(ps, p);
    for (;;) {
        const char *lt = p < n ? memchr(b + p, '<', n - p) : NULL;
        if (!lt) {
            broken = "record not closed at the end of the input";
            p = n;
            break;
        }
        size_t q = (size_t)(lt - b);
        tag t;
        int kind = scan_item(ps, q, &t, r);
        if (kind == T_NONE) {
            p = q + 1;
            continue;
        }
        if (kind == T_SKIP) {
            p = t.after;
            continue;
        }
        if (t.end) {
            p = t.after;
            if (name_is(&t, "Sentence") || name_is(&t, "Article") || name_is(&t, "Story")) break;
            continue;
        }
        if (is_record(&t)) {
            if (!have_text && !d->parse && !name_is(rt, "Sentence") && name_is(&t, "Sentence")) {
                /* <Article>/<Story> wrapping <Sentence> records: not a record itself */
                ps->pos = q;
                tc_doc_free(&d);
                return TC_OK;
            }
            broken = "record not closed before the next record";
            broken_line = line_at(ps, q);
            p = q; /* the next record is read next */
            break;
        }
        if (name_is(&t, "Text") || name_is(&t, "Parse")) {
            int is_text = name_is(&t, "Text");
            if (t.selfclose) {
                p = t.after;
                continue;
            }
            size_t c = find_close(ps, t.after, is_text ? "Text" : "Parse", is_text ? 4 : 5);
            if (c == (size_t)-1 || c > next_rec) {
                broken = is_text ? "<Text> not closed" : "<Parse> not closed";
                broken_line = line_at(ps, q);
                p = next_rec;
                break;
            }
            if ((st = content(b + t.after, c - t.after, &ps->tmp))) break;
            if (is_text) {
                normalise_ws(&ps->tmp);
                if (ps->tmp.len) {
                    if ((st = tc_reader_doc_text(r, d, ps->tmp.data, ps->tmp.len, line_at(ps, t.after))))
                        break;
                    have_text = 1;
                }
            } else {
                trim_block(&ps->tmp);
                if (ps->tmp.len) {
                    d->parse = tc_reader_doc_str(r, d, ps->tmp.data, ps->tmp.len);
                    if (!d->parse) {
                        st = TC_ENOMEM;
                        break;
                    }
                    const char *s = d->parse;
                    while (*s == ' ' || *s == '\t') s++;
                    if (s[0] == '(') d->parse_kind = TC_PARSE_PENN;
                    else if (s[0] >= '0' && s[0] <= '9') {
                        const char *x = s;
                        while (*x >= '0' && *x <= '9') x++;
                        if (*x == '-' || *x == '.') {
                            x++;
                            while (*x >= '0' && *x <= '9') x++;
                        }
                        d->parse_kind = *x == '\t' ? TC_PARSE_CONLLU : TC_PARSE_NONE;
                    }
                }
            }
            const char *gt = strchr(b + c, '>');
            p = gt ? (size_t)(gt - b) + 1 : n;
            continue;
        }
        if (name_is(&t, "EventCoding")) {
            if ((st = add_gold(r, d, &t))) break;
            p = t.after;
            continue;
        }
        if (name_is(&t, "Config")) {
            if ((st = apply_config(r, &t))) break;
            p = t.after;
            continue;
        }
        /* any other element: its text up to the next markup, or "true" */
        char key[64];
        snprintf(key, sizeof key, "%.*s", (int)(t.nlen > 60 ? 60 : t.nlen), t.name);
        const char *nx = t.selfclose ? NULL : memchr(b + t.after, '<', n - t.after);
        size_t vl = nx ? (size_t)(nx - (b + t.after)) : 0;
        if ((st = content(b + t.after, vl, &ps->tmp))) break;
        normalise_ws(&ps->tmp);
        const char *mv = ps->tmp.len ? tc_reader_doc_str(r, d, ps->tmp.data, ps->tmp.len) : "true";
        if (!mv || (st = tc_doc_meta_set(d, key, mv))) {
            if (!mv) st = TC_ENOMEM;
            break;
        }
        p = t.after;
    }
    ps->pos = p;
    if (st != TC_OK) {
        tc_doc_free(&d);
        return st;
    }
    if (broken) {
        const attr *id = get_attr(rt, "id");
        tc_reader_skip(r, broken_line, "%s (record %.*s started at line %ld)", broken,
                       id ? (int)(id->vlen > 80 ? 80 : id->vlen) : 0, id ? id->val : "", line);
        tc_doc_free(&d);
        return TC_OK;
    }
    if (!have_text && !d->parse) {
        tc_reader_empty(r, line, "record");
        tc_doc_free(&d);
        return TC_OK;
    }
    if (!have_text && (st = tc_doc_set_text(d, "", 0)) != TC_OK) {
        tc_doc_free(&d);
        return st;
    }
    /* attributes */
    for (int i = 0; i < rt->nat && st == TC_OK; i++) {
        const attr *a = &rt->at[i];
        const char *v = attr_str(r, d, a);
        if (!v) {
            st = TC_ENOMEM;
            break;
        }
        char key[64];
        snprintf(key, sizeof key, "%.*s", (int)(a->nlen > 60 ? 60 : a->nlen), a->name);
        if (!strcasecmp(key, "id")) d->id = v;
        else if (!strcasecmp(key, "date")) tc_reader_doc_date(r, d, v, strlen(v));
        else if (!strcasecmp(key, "source")) d->source = v;
        else if (!strcasecmp(key, "sentence") || !strcasecmp(key, "valid") || !strcasecmp(key, "evaluate")) {
            if (falsy(a)) d->disabled = 1;
            st = tc_doc_meta_set(d, key, v);
        } else {
            st = tc_doc_meta_set(d, key, v);
        }
    }
    if (st == TC_OK && (!d->id || !*d->id)) {
        const char *stem = tc_reader_stem(d, r->path);
        char buf[32];
        snprintf(buf, sizeof buf, ":%ld", line);
        tc_buf_clear(&ps->tmp);
        if (!stem || tc_buf_puts(&ps->tmp, stem) || tc_buf_puts(&ps->tmp, buf) ||
            !(d->id = tc_doc_str(d, ps->tmp.data)))
            st = TC_ENOMEM;
    }
    if (st == TC_OK) st = state_meta(ps, d);
    if (st != TC_OK) {
        tc_doc_free(&d);
        return st;
    }
    *out = d;
    return TC_OK;
}

/* Inside <Environment>: child element name -> env.<name> = text. */
static tc_status env_child(tc_reader *r, const tag *t)
{
    pstate *ps = r->state;
    const char *b = ps->buf.data;
    size_t n = ps->buf.len;
    if (t->selfclose) {
        ps->pos = t->after;
        return kv_set(r, &ps->env, t->name, t->nlen, "", 0);
    }
    const char *nx = memchr(b + t->after, '<', n - t->after);
    size_t vl = nx ? (size_t)(nx - (b + t->after)) : n - t->after;
    tc_status st = content(b + t->after, vl, &ps->tmp);
    if (st) return st;
    normalise_ws(&ps->tmp);
    ps->pos = t->after + vl;
    return kv_set(r, &ps->env, t->name, t->nlen, ps->tmp.data ? ps->tmp.data : "", ps->tmp.len);
}

static tc_status px_next(tc_reader *r, tc_doc **out)
{
    pstate *ps = r->state;
    if (!ps->loaded) {
        ps->loaded = 1;
        size_t limit = r->opts.max_doc * 16 > r->opts.max_doc ? r->opts.max_doc * 16 : r->opts.max_doc;
        tc_status st = tc_reader_slurp_raw(r, &ps->buf, limit);
        if (st) return st;
    }
    const char *b = ps->buf.data;
    size_t n = ps->buf.len;
    while (ps->pos < n) {
        const char *lt = memchr(b + ps->pos, '<', n - ps->pos);
        if (!lt) break;
        size_t q = (size_t)(lt - b);
        tag t;
        int kind = scan_item(ps, q, &t, r);
        if (kind == T_NONE) {
            ps->pos = q + 1;
            continue;
        }
        ps->pos = t.after;
        if (kind == T_SKIP) continue;
        if (t.end) {
            if (name_is(&t, "Environment")) ps->in_env = 0;
            continue;
        }
        if (is_record(&t)) {
            ps->in_env = 0;
            tc_status st = record(r, &t, out);
            if (st != TC_OK) return st;
            if (*out) return TC_OK;
            continue;
        }
        if (name_is(&t, "Config")) {
            tc_status st = apply_config(r, &t);
            if (st) return st;
            continue;
        }
        if (name_is(&t, "Environment")) {
            ps->in_env = !t.selfclose;
            continue;
        }
        if (name_is(&t, "Stop")) {
            ps->after_stop = 1;
            continue;
        }
        if (ps->in_env) {
            tc_status st = env_child(r, &t);
            if (st) return st;
        }
    }
    return TC_EOF;
}

static int px_sniff(const char *p, size_t n)
{
    size_t i = 0;
    while (i < n && is_ws((unsigned char)p[i])) i++;
    if (i >= n || p[i] != '<') return 0;
    static const char *marks[] = {"<Sentences", "<Sentence ", "<Validation", "<Articles", "<Article ",
                                  "<Environment"};
    for (size_t k = 0; k < sizeof marks / sizeof marks[0]; k++) {
        size_t l = strlen(marks[k]);
        for (size_t j = i; j + l <= n; j++)
            if (p[j] == '<' && !memcmp(p + j, marks[k], l)) return 90;
    }
    return 20;
}

const tc_reader_vt tc_reader_petrxml_vt = {TC_FMT_PETRXML, "petrarch-xml", px_open, px_next, px_close,
                                           px_sniff};
