/* reader_jsonl.c - JSON Lines: one document per line.
 *
 * Own strict JSON parser (RFC 8259 grammar; a line that does not parse as one
 * JSON object is reported with file:line:column and skipped) specialised for
 * flat records: member strings are decoded once into a scratch buffer, nested
 * objects are validated and skipped, arrays of scalars are kept joined with ';'.
 * (jansson builds a tree per line and was the bottleneck of the whole read.)
 *
 * Field aliases (first listed wins when several are present):
 *   id       id, newid, _id, doc_id, uuid         (numbers accepted)
 *   url      url, link, source_url
 *   title    title, headline
 *   text     opts->text_field, text, maintext, body, content, article
 *   date     date, date_publish, published, date_published, publish_date,
 *            pubdate, published_at, datetime, timestamp (strings or epoch numbers)
 *   source   source, source_domain, domain, outlet, publisher
 *   language language, lang
 *   dateline dateline (split into place/agency; raw kept in meta "dateline")
 * Other scalar fields (and arrays of scalars, joined with ';') go to doc->meta
 * under their own key.  A record without an id gets "<file stem>:<line>".  A
 * record without text (missing, null or blank) is counted as empty and not
 * returned.  "\u0000" escapes are dropped (counted as NUL bytes); lone
 * surrogate escapes become U+FFFD (counted as repairs). */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "../core/utf8.h"
#include "reader_int.h"

enum { F_ID, F_URL, F_TITLE, F_TEXT, F_DATE, F_SOURCE, F_LANG, F_DATELINE, F_N };

static const struct {
    const char *key;
    int field;
} aliases[] = {
    {"id", F_ID},           {"newid", F_ID},          {"_id", F_ID},
    {"doc_id", F_ID},       {"uuid", F_ID},           {"url", F_URL},
    {"link", F_URL},        {"source_url", F_URL},    {"title", F_TITLE},
    {"headline", F_TITLE},  {"text", F_TEXT},         {"maintext", F_TEXT},
    {"body", F_TEXT},       {"content", F_TEXT},      {"article", F_TEXT},
    {"date", F_DATE},       {"date_publish", F_DATE}, {"published", F_DATE},
    {"date_published", F_DATE}, {"publish_date", F_DATE}, {"pubdate", F_DATE},
    {"published_at", F_DATE}, {"datetime", F_DATE},   {"timestamp", F_DATE},
    {"source", F_SOURCE},   {"source_domain", F_SOURCE}, {"domain", F_SOURCE},
    {"outlet", F_SOURCE},   {"publisher", F_SOURCE},  {"language", F_LANG},
    {"lang", F_LANG},       {"dateline", F_DATELINE},
};
#define NALIAS (sizeof aliases / sizeof aliases[0])

enum { V_STR, V_NUM, V_TRUE, V_FALSE, V_NULL, V_ARR, V_OBJ };

typedef struct member {
    size_t k, kl;  /* key: offset/length in scratch */
    size_t v, vl;  /* value text: offset/length in scratch (strings, numbers, joined arrays) */
    int type;
    int nitems;    /* arrays: scalars kept */
} member;

typedef struct jstate {
    tc_buf fix;     /* repaired line */
    tc_buf sc;      /* scratch: decoded keys and values */
    tc_buf tmp;
    member *m;
    size_t nm, mcap;
    /* parser */
    const char *p, *end, *start;
    const char *err;
    size_t errcol;
    unsigned long nuls, reps;
} jstate;

static tc_status jsonl_open(tc_reader *r)
{
    r->state = tc_calloc(1, sizeof(jstate));
    return r->state ? TC_OK : TC_ENOMEM;
}

static void jsonl_close(tc_reader *r)
{
    jstate *js = r->state;
    if (!js) return;
    tc_buf_free(&js->fix);
    tc_buf_free(&js->sc);
    tc_buf_free(&js->tmp);
    tc_free(js->m);
    tc_free(js);
    r->state = NULL;
}

/* ---- parser ---- */

static int fail(jstate *js, const char *msg)
{
    if (!js->err) {
        js->err = msg;
        js->errcol = (size_t)(js->p - js->start) + 1;
    }
    return 0;
}

static void ws(jstate *js)
{
    while (js->p < js->end && (*js->p == ' ' || *js->p == '\t' || *js->p == '\r' || *js->p == '\n')) js->p++;
}

static int hex4(const char *s, unsigned *v)
{
    unsigned x = 0;
    for (int i = 0; i < 4; i++) {
        int c = (unsigned char)s[i];
        x <<= 4;
        if (c >= '0' && c <= '9') x |= (unsigned)(c - '0');
        else if ((c | 32) >= 'a' && (c | 32) <= 'f') x |= (unsigned)((c | 32) - 'a' + 10);
        else return 0;
    }
    *v = x;
    return 1;
}

/* String at js->p (on the opening quote); decoded into js->sc when keep. */
static int string(jstate *js, int keep, size_t *off, size_t *len)
{
    js->p++;
    *off = js->sc.len;
    for (;;) {
        const char *s = js->p;
        while (js->p < js->end && *js->p != '"' && *js->p != '\\' && (unsigned char)*js->p >= 0x20) js->p++;
        if (keep && js->p > s && tc_buf_append(&js->sc, s, (size_t)(js->p - s))) return fail(js, "out of memory");
        if (js->p >= js->end) return fail(js, "unterminated string");
        char c = *js->p;
        if (c == '"') {
            js->p++;
            break;
        }
        if (c != '\\') return fail(js, "control character in string");
        if (js->p + 1 >= js->end) return fail(js, "unterminated string");
        char e = js->p[1];
        js->p += 2;
        char out[4];
        size_t ol = 1;
        switch (e) {
        case '"': out[0] = '"'; break;
        case '\\': out[0] = '\\'; break;
        case '/': out[0] = '/'; break;
        case 'b': out[0] = '\b'; break;
        case 'f': out[0] = '\f'; break;
        case 'n': out[0] = '\n'; break;
        case 'r': out[0] = '\r'; break;
        case 't': out[0] = '\t'; break;
        case 'u': {
            unsigned u;
            if (js->end - js->p < 4 || !hex4(js->p, &u)) return fail(js, "bad \\u escape");
            js->p += 4;
            int32_t cp = (int32_t)u;
            if (u >= 0xD800 && u <= 0xDBFF) {
                unsigned lo;
                if (js->end - js->p >= 6 && js->p[0] == '\\' && js->p[1] == 'u' && hex4(js->p + 2, &lo) &&
                    lo >= 0xDC00 && lo <= 0xDFFF) {
                    cp = 0x10000 + (int32_t)(((u - 0xD800) << 10) | (lo - 0xDC00));
                    js->p += 6;
                } else {
                    cp = TC_UTF8_REPLACEMENT;
                    js->reps++;
                }
            } else if (u >= 0xDC00 && u <= 0xDFFF) {
                cp = TC_UTF8_REPLACEMENT;
                js->reps++;
            }
            if (cp == 0) {
                js->nuls++;
                ol = 0;
            } else {
                ol = tc_utf8_encode(cp, out);
            }
            break;
        }
        default: js->p -= 1; return fail(js, "bad escape in string");
        }
        if (keep && ol && tc_buf_append(&js->sc, out, ol)) return fail(js, "out of memory");
    }
    *len = js->sc.len - *off;
    return 1;
}

static int number(jstate *js)
{
    const char *p = js->p;
    if (p < js->end && *p == '-') p++;
    if (p >= js->end) return fail(js, "bad number");
    if (*p == '0') p++;
    else if (*p >= '1' && *p <= '9')
        while (p < js->end && *p >= '0' && *p <= '9') p++;
    else return fail(js, "bad number");
    if (p < js->end && *p == '.') {
        p++;
        if (p >= js->end || *p < '0' || *p > '9') return fail(js, "bad number");
        while (p < js->end && *p >= '0' && *p <= '9') p++;
    }
    if (p < js->end && (*p == 'e' || *p == 'E')) {
        p++;
        if (p < js->end && (*p == '+' || *p == '-')) p++;
        if (p >= js->end || *p < '0' || *p > '9') return fail(js, "bad number");
        while (p < js->end && *p >= '0' && *p <= '9') p++;
    }
    js->p = p;
    return 1;
}

static int literal(jstate *js, const char *w, size_t n)
{
    if ((size_t)(js->end - js->p) < n || memcmp(js->p, w, n)) return fail(js, "unexpected character");
    js->p += n;
    return 1;
}

static int value(jstate *js, int depth, int keep, member *m);

/* Skip-validate or collect a container. */
static int container(jstate *js, int depth, int keep_scalars, member *m)
{
    if (depth > 64) return fail(js, "nesting too deep");
    char open = *js->p, close = open == '{' ? '}' : ']';
    js->p++;
    ws(js);
    if (js->p < js->end && *js->p == close) {
        js->p++;
        return 1;
    }
    for (;;) {
        if (open == '{') {
            if (js->p >= js->end || *js->p != '"') return fail(js, "expected a member name");
            size_t o, l;
            size_t mark = js->sc.len;
            if (!string(js, 0, &o, &l)) return 0;
            js->sc.len = mark;
            ws(js);
            if (js->p >= js->end || *js->p != ':') return fail(js, "expected ':'");
            js->p++;
            ws(js);
            if (!value(js, depth + 1, 0, NULL)) return 0;
        } else {
            if (!value(js, depth + 1, keep_scalars, m)) return 0;
        }
        ws(js);
        if (js->p < js->end && *js->p == ',') {
            js->p++;
            ws(js);
            continue;
        }
        if (js->p < js->end && *js->p == close) {
            js->p++;
            return 1;
        }
        return fail(js, open == '{' ? "expected ',' or '}'" : "expected ',' or ']'");
    }
}

/* A value.  keep: decode scalars into m (a top-level member, or an array
 * element of one: then scalars are appended to m's joined text). */
static int value(jstate *js, int depth, int keep, member *m)
{
    if (js->p >= js->end) return fail(js, "unexpected end of line");
    char c = *js->p;
    const char *s = js->p;
    int in_array = keep && m && m->type == V_ARR;
    if (in_array && (c == '"' || c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f')) {
        if (m->nitems++ && tc_buf_putc(&js->sc, ';')) return fail(js, "out of memory");
    }
    switch (c) {
    case '"': {
        size_t o, l;
        if (!string(js, keep, &o, &l)) return 0;
        if (keep && !in_array) {
            m->type = V_STR;
            m->v = o;
            m->vl = l;
        }
        return 1;
    }
    case '{':
    case '[': {
        if (keep && !in_array && c == '[') {
            m->type = V_ARR;
            m->v = js->sc.len;
            m->nitems = 0;
            if (!container(js, depth, 1, m)) return 0;
            m->vl = js->sc.len - m->v;
            return 1;
        }
        if (keep && !in_array) m->type = V_OBJ;
        return container(js, depth, 0, NULL);
    }
    case 't':
        if (!literal(js, "true", 4)) return 0;
        break;
    case 'f':
        if (!literal(js, "false", 5)) return 0;
        break;
    case 'n':
        if (!literal(js, "null", 4)) return 0;
        if (keep && !in_array) m->type = V_NULL;
        return 1;
    default:
        if (c == '-' || (c >= '0' && c <= '9')) {
            if (!number(js)) return 0;
            break;
        }
        return fail(js, "unexpected character");
    }
    /* number / true / false: raw text */
    if (keep) {
        size_t o = js->sc.len;
        if (tc_buf_append(&js->sc, s, (size_t)(js->p - s))) return fail(js, "out of memory");
        if (!in_array) {
            m->type = c == 't' ? V_TRUE : c == 'f' ? V_FALSE : V_NUM;
            m->v = o;
            m->vl = js->sc.len - o;
        }
    }
    return 1;
}

/* Parse one line as an object into js->m. Returns 1, or 0 with js->err set
 * (js->err == "not an object" for valid non-object JSON is not distinguished:
 * any non-object is reported as such). */
static int parse_line(jstate *js, const char *s, size_t n)
{
    js->start = js->p = s;
    js->end = s + n;
    js->err = NULL;
    js->nm = 0;
    js->nuls = js->reps = 0;
    tc_buf_clear(&js->sc);
    if (tc_buf_reserve(&js->sc, 256)) return fail(js, "out of memory");
    ws(js);
    if (js->p >= js->end || *js->p != '{') {
        if (js->p < js->end && (*js->p == '[' || *js->p == '"' || *js->p == '-' ||
                                (*js->p >= '0' && *js->p <= '9') || *js->p == 't' || *js->p == 'f' ||
                                *js->p == 'n'))
            return fail(js, "not an object");
        return fail(js, "expected '{'");
    }
    js->p++;
    ws(js);
    if (js->p < js->end && *js->p == '}') {
        js->p++;
    } else {
        for (;;) {
            if (js->p >= js->end || *js->p != '"') return fail(js, "expected a member name");
            if (js->nm == js->mcap) {
                size_t cap = js->mcap ? js->mcap * 2 : 32;
                member *nm = tc_reallocarray(js->m, cap, sizeof *nm);
                if (!nm) return fail(js, "out of memory");
                js->m = nm;
                js->mcap = cap;
            }
            member *m = &js->m[js->nm];
            memset(m, 0, sizeof *m);
            if (!string(js, 1, &m->k, &m->kl)) return 0;
            ws(js);
            if (js->p >= js->end || *js->p != ':') return fail(js, "expected ':'");
            js->p++;
            ws(js);
            if (!value(js, 1, 1, m)) return 0;
            js->nm++;
            ws(js);
            if (js->p < js->end && *js->p == ',') {
                js->p++;
                ws(js);
                continue;
            }
            if (js->p < js->end && *js->p == '}') {
                js->p++;
                break;
            }
            return fail(js, "expected ',' or '}'");
        }
    }
    ws(js);
    if (js->p < js->end) return fail(js, "text after the object");
    return 1;
}

/* ---- records ---- */

static const char *mkey(const jstate *js, const member *m) { return js->sc.data + m->k; }

/* Field of a key and its rank (lower wins). */
static int lookup(const tc_reader *r, const char *key, size_t kl, int *rank)
{
    if (r->opts.text_field && strlen(r->opts.text_field) == kl && !memcmp(key, r->opts.text_field, kl)) {
        *rank = -1;
        return F_TEXT;
    }
    int c0 = (key[0] >= 'A' && key[0] <= 'Z') ? key[0] | 32 : key[0];
    for (size_t i = 0; i < NALIAS; i++) {
        if (c0 != aliases[i].key[0]) continue;
        if (strlen(aliases[i].key) == kl && strncasecmp(key, aliases[i].key, kl) == 0) {
            *rank = (int)i;
            return aliases[i].field;
        }
    }
    return -1;
}

static int blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n' && s[i] != '\f' && s[i] != '\v') return 0;
    return 1;
}

static int scalar_type(int t) { return t == V_STR || t == V_NUM || t == V_TRUE || t == V_FALSE; }

static tc_status from_members(tc_reader *r, long line, unsigned long rep, tc_doc **out)
{
    jstate *js = r->state;
    const char *sc = js->sc.data;
    int best[F_N];
    int rank[F_N];
    for (int i = 0; i < F_N; i++) {
        best[i] = -1;
        rank[i] = 1 << 30;
    }
    /* keys are NUL-terminated for meta: they are copied with their length below */
    for (size_t i = 0; i < js->nm; i++) {
        member *m = &js->m[i];
        int rk;
        int f = lookup(r, mkey(js, m), m->kl, &rk);
        if (f < 0 || !scalar_type(m->type)) continue;
        if (m->type == V_STR && blank(sc + m->v, m->vl)) continue;
        if (rk < rank[f]) {
            rank[f] = rk;
            best[f] = (int)i;
        }
    }
    if (best[F_TEXT] < 0) {
        tc_reader_empty(r, line, "record");
        return TC_EOF;
    }
    tc_doc *d = tc_reader_doc_new(r, line);
    if (!d) return TC_ENOMEM;
    d->n_repaired = (uint32_t)rep;
    const member *tm = &js->m[best[F_TEXT]];
    if (tc_doc_set_text(d, sc + tm->v, tm->vl) != TC_OK) goto oom;
    const char **dst[F_N] = {0};
    dst[F_ID] = &d->id;
    dst[F_URL] = &d->url;
    dst[F_TITLE] = &d->title;
    dst[F_SOURCE] = &d->source;
    dst[F_LANG] = &d->language;
    for (int f = 0; f < F_N; f++) {
        if (best[f] < 0 || f == F_TEXT) continue;
        const member *m = &js->m[best[f]];
        if (dst[f]) {
            if (!(*dst[f] = tc_doc_strn(d, sc + m->v, m->vl))) goto oom;
        } else if (f == F_DATE) {
            tc_reader_doc_date(r, d, sc + m->v, m->vl);
        } else if (f == F_DATELINE) {
            tc_reader_doc_dateline(r, d, sc + m->v, m->vl);
        }
    }
    if (!d->id) {
        const char *stem = tc_reader_stem(d, r->path);
        char buf[32];
        snprintf(buf, sizeof buf, ":%ld", line);
        tc_buf_clear(&js->tmp);
        if (!stem || tc_buf_puts(&js->tmp, stem) || tc_buf_puts(&js->tmp, buf)) goto oom;
        if (!(d->id = tc_doc_str(d, js->tmp.data))) goto oom;
    }
    for (size_t i = 0; i < js->nm; i++) {
        const member *m = &js->m[i];
        int rk;
        int f = lookup(r, mkey(js, m), m->kl, &rk);
        if (f >= 0 && best[f] == (int)i) continue;
        if (f == F_TEXT) continue; /* other text candidates: too big for meta */
        if (!(scalar_type(m->type) || (m->type == V_ARR && m->nitems > 0))) continue;
        tc_buf_clear(&js->tmp);
        if (tc_buf_append(&js->tmp, sc + m->k, m->kl)) goto oom;
        const char *v = tc_doc_strn(d, sc + m->v, m->vl);
        if (!v || tc_doc_meta_set(d, js->tmp.data, v) != TC_OK) goto oom;
    }
    *out = d;
    return TC_OK;
oom:
    tc_doc_free(&d);
    return TC_ENOMEM;
}

static tc_status jsonl_next(tc_reader *r, tc_doc **out)
{
    jstate *js = r->state;
    const char *line;
    size_t len;
    while (tc_input_line(r->in, &line, &len) == TC_OK) {
        long lineno = tc_input_lineno(r->in);
        if (lineno == 1 && len >= 3 && !memcmp(line, "\xEF\xBB\xBF", 3)) {
            line += 3; /* byte order mark */
            len -= 3;
        }
        if (blank(line, len)) continue;
        unsigned long rep = 0;
        if (!tc_utf8_valid(line, len)) {
            tc_buf_clear(&js->fix);
            if (tc_utf8_repair(line, len, &js->fix, &rep) != TC_OK) return TC_ENOMEM;
            line = js->fix.data;
            len = js->fix.len;
            r->stats->repaired += rep;
            tc_diag_emit(r->diag, TC_LOG_WARN, r->name, lineno,
                         "invalid UTF-8: %lu sequence%s replaced by U+FFFD", rep, rep == 1 ? "" : "s");
        }
        if (!parse_line(js, line, len)) {
            if (!strcmp(js->err, "out of memory")) return TC_ENOMEM;
            int last = !tc_input_line_had_nl(r->in) && tc_input_counts_get(r->in)->damaged;
            if (last)
                tc_reader_skip(r, lineno, "incomplete JSON record at the end of a damaged input");
            else if (!strcmp(js->err, "not an object"))
                tc_reader_skip(r, lineno, "JSON line is not an object");
            else
                tc_reader_skip(r, lineno, "broken JSON line (column %zu: %s)", js->errcol, js->err);
            continue;
        }
        r->stats->nul_bytes += js->nuls;
        r->stats->repaired += js->reps;
        tc_status st = from_members(r, lineno, rep + js->reps, out);
        if (st == TC_EOF) continue; /* empty record */
        return st;
    }
    return TC_EOF;
}

static int jsonl_sniff(const char *p, size_t n)
{
    size_t i = 0;
    while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n')) i++;
    if (i + 3 <= n && (unsigned char)p[i] == 0xEF && (unsigned char)p[i + 1] == 0xBB) i += 3;
    if (i < n && p[i] == '{') {
        size_t j = i + 1;
        while (j < n && (p[j] == ' ' || p[j] == '\t' || p[j] == '\r' || p[j] == '\n')) j++;
        return j < n && p[j] == '"' ? 90 : 40;
    }
    return 0;
}

const tc_reader_vt tc_reader_jsonl_vt = {TC_FMT_JSONL, "jsonl", jsonl_open, jsonl_next, jsonl_close,
                                         jsonl_sniff};
