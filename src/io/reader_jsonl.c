/* reader_jsonl.c - JSON Lines: one document per line (jansson).
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
 * record without text is counted as empty and not returned. */
#include <jansson.h>
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

typedef struct jstate {
    tc_buf fix;   /* repaired line */
    tc_buf tmp;   /* scalar formatting */
    tc_buf text;  /* text without NULs */
} jstate;

static void *j_malloc(size_t n) { return tc_malloc(n); }
static void j_free(void *p) { tc_free(p); }

static tc_status jsonl_open(tc_reader *r)
{
    json_set_alloc_funcs(j_malloc, j_free);
    r->state = tc_calloc(1, sizeof(jstate));
    return r->state ? TC_OK : TC_ENOMEM;
}

static void jsonl_close(tc_reader *r)
{
    jstate *js = r->state;
    if (!js) return;
    tc_buf_free(&js->fix);
    tc_buf_free(&js->tmp);
    tc_buf_free(&js->text);
    tc_free(js);
    r->state = NULL;
}

/* Alias rank of key for field use: returns field (or -1) and *rank. */
static int lookup(const tc_reader *r, const char *key, int *rank)
{
    if (r->opts.text_field && strcmp(key, r->opts.text_field) == 0) {
        *rank = -1;
        return F_TEXT;
    }
    int c0 = key[0] | 32;
    for (size_t i = 0; i < NALIAS; i++) {
        if (c0 != aliases[i].key[0]) continue;
        if (strcasecmp(key, aliases[i].key) == 0) {
            *rank = (int)i;
            return aliases[i].field;
        }
    }
    return -1;
}

/* Scalar as text into b (cleared).  Returns 0 for null/objects/arrays. */
static int scalar(json_t *v, tc_buf *b)
{
    tc_buf_clear(b);
    switch (json_typeof(v)) {
    case JSON_STRING: return tc_buf_append(b, json_string_value(v), json_string_length(v)) == TC_OK;
    case JSON_INTEGER: return tc_buf_printf(b, "%" JSON_INTEGER_FORMAT, json_integer_value(v)) == TC_OK;
    case JSON_REAL: return tc_buf_printf(b, "%.15g", json_real_value(v)) == TC_OK;
    case JSON_TRUE: return tc_buf_puts(b, "true") == TC_OK;
    case JSON_FALSE: return tc_buf_puts(b, "false") == TC_OK;
    default: return 0;
    }
}

/* Drop NULs (from \u0000 escapes) in place; returns new length. */
static size_t no_nuls(char *s, size_t n)
{
    char *z = memchr(s, 0, n);
    if (!z) return n;
    char *w = z;
    for (char *p = z; p < s + n; p++)
        if (*p) *w++ = *p;
    return (size_t)(w - s);
}

static int blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\f' && s[i] != '\v') return 0;
    return 1;
}

/* Build a document from one JSON object. */
static tc_status from_object(tc_reader *r, json_t *obj, long line, unsigned long rep, tc_doc **out)
{
    jstate *js = r->state;
    json_t *best[F_N] = {0};
    int rank[F_N];
    for (int i = 0; i < F_N; i++) rank[i] = 1 << 30;
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v)
    {
        int rk;
        int f = lookup(r, key, &rk);
        if (f < 0 || json_is_null(v) || json_is_object(v) || json_is_array(v)) continue;
        if (json_is_string(v) && blank(json_string_value(v), json_string_length(v))) continue;
        if (rk < rank[f]) {
            rank[f] = rk;
            best[f] = v;
        }
    }
    if (!best[F_TEXT]) {
        tc_reader_empty(r, line, "record");
        return TC_EOF;
    }
    tc_doc *d = tc_reader_doc_new(r, line);
    if (!d) return TC_ENOMEM;
    tc_status st = TC_OK;
    d->n_repaired = (uint32_t)rep;
    /* text */
    tc_buf_clear(&js->text);
    if (!scalar(best[F_TEXT], &js->text)) goto oom;
    js->text.len = no_nuls(js->text.data, js->text.len);
    if (tc_doc_set_text(d, js->text.data, js->text.len) != TC_OK) goto oom;
    /* simple string fields */
    const char **dst[F_N] = {0};
    dst[F_ID] = &d->id;
    dst[F_URL] = &d->url;
    dst[F_TITLE] = &d->title;
    dst[F_SOURCE] = &d->source;
    dst[F_LANG] = &d->language;
    for (int f = 0; f < F_N; f++) {
        if (!best[f] || f == F_TEXT) continue;
        if (!scalar(best[f], &js->tmp)) continue;
        js->tmp.len = no_nuls(js->tmp.data, js->tmp.len);
        if (dst[f]) {
            if (!(*dst[f] = tc_doc_strn(d, js->tmp.data, js->tmp.len))) goto oom;
        } else if (f == F_DATE) {
            tc_reader_doc_date(r, d, js->tmp.data, js->tmp.len);
        } else if (f == F_DATELINE) {
            tc_reader_doc_dateline(r, d, js->tmp.data, js->tmp.len);
        }
    }
    if (!d->id) {
        const char *stem = tc_reader_stem(d, r->path);
        char buf[64];
        snprintf(buf, sizeof buf, ":%ld", line);
        tc_buf_clear(&js->tmp);
        if (!stem || tc_buf_puts(&js->tmp, stem) || tc_buf_puts(&js->tmp, buf)) goto oom;
        if (!(d->id = tc_doc_str(d, js->tmp.data))) goto oom;
    }
    /* everything else into meta */
    json_object_foreach(obj, key, v)
    {
        int rk;
        int f = lookup(r, key, &rk);
        if (f >= 0 && best[f] == v) continue;
        if (f == F_TEXT) continue; /* other text candidates: too big for meta */
        if (json_is_array(v)) {
            size_t i;
            json_t *e;
            tc_buf_clear(&js->tmp);
            int n = 0;
            tc_buf one = TC_BUF_INIT;
            json_array_foreach(v, i, e)
            {
                if (!scalar(e, &one)) continue;
                if (n++ && tc_buf_putc(&js->tmp, ';')) break;
                if (tc_buf_append(&js->tmp, one.data, one.len)) break;
            }
            tc_buf_free(&one);
            if (n == 0) continue;
        } else if (!scalar(v, &js->tmp)) {
            continue;
        }
        js->tmp.len = no_nuls(js->tmp.data, js->tmp.len);
        js->tmp.data[js->tmp.len] = 0;
        if (tc_doc_meta_set(d, key, js->tmp.data) != TC_OK) goto oom;
    }
    *out = d;
    return TC_OK;
oom:
    st = TC_ENOMEM;
    tc_doc_free(&d);
    return st;
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
        json_error_t err;
        json_t *obj = json_loadb(line, len, JSON_ALLOW_NUL | JSON_DECODE_ANY, &err);
        if (!obj) {
            int last = !tc_input_line_had_nl(r->in) && tc_input_counts_get(r->in)->damaged;
            if (last)
                tc_reader_skip(r, lineno, "incomplete JSON record at the end of a damaged input");
            else
                tc_reader_skip(r, lineno, "broken JSON line (column %d: %s)", err.column, err.text);
            continue;
        }
        if (!json_is_object(obj)) {
            json_decref(obj);
            tc_reader_skip(r, lineno, "JSON line is not an object");
            continue;
        }
        tc_status st = from_object(r, obj, lineno, rep, out);
        json_decref(obj);
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
        /* a quoted key follows */
        size_t j = i + 1;
        while (j < n && (p[j] == ' ' || p[j] == '\t' || p[j] == '\r' || p[j] == '\n')) j++;
        return j < n && p[j] == '"' ? 90 : 40;
    }
    return 0;
}

const tc_reader_vt tc_reader_jsonl_vt = {TC_FMT_JSONL, "jsonl", jsonl_open, jsonl_next, jsonl_close,
                                         jsonl_sniff};
