/* reader.c - reader dispatch: format detection, shared document helpers, path expansion. */
#include "reader.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../core/date.h"
#include "../core/utf8.h"
#include "reader_int.h"

#define DEFAULT_MAX_LINE ((size_t)16 << 20)
#define DEFAULT_MAX_DOC ((size_t)64 << 20)

/* Registered format readers.  New formats add one line here (see reader_int.h). */
static const tc_reader_vt *const formats[] = {
    &tc_reader_text_vt,
    &tc_reader_jsonl_vt,
    &tc_reader_petrxml_vt,
    &tc_reader_tabari_vt,
    &tc_reader_html_vt,
    &tc_reader_warc_vt,
    &tc_reader_conllu_vt,
    NULL,
};

static const tc_reader_vt *vt_for(tc_format f)
{
    for (int i = 0; formats[i]; i++)
        if (formats[i]->format == f) return formats[i];
    return NULL;
}

const char *tc_format_name(tc_format f)
{
    static const char *n[] = {"auto", "text", "jsonl", "petrarch-xml", "tabari", "html", "warc", "conllu"};
    return (unsigned)f < TC_FMT_MAX ? n[f] : NULL;
}

tc_format tc_format_from_name(const char *name)
{
    static const struct {
        const char *name;
        tc_format f;
    } names[] = {{"text", TC_FMT_TEXT},           {"txt", TC_FMT_TEXT},
                 {"plain", TC_FMT_TEXT},          {"jsonl", TC_FMT_JSONL},
                 {"json", TC_FMT_JSONL},          {"ndjson", TC_FMT_JSONL},
                 {"xml", TC_FMT_PETRXML},         {"petrarch", TC_FMT_PETRXML},
                 {"petrarch-xml", TC_FMT_PETRXML}, {"petrxml", TC_FMT_PETRXML},
                 {"tabari", TC_FMT_TABARI},       {"html", TC_FMT_HTML},
                 {"htm", TC_FMT_HTML},            {"warc", TC_FMT_WARC},
                 {"conllu", TC_FMT_CONLLU},       {"conll-u", TC_FMT_CONLLU}};
    if (!name) return TC_FMT_AUTO;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcasecmp(name, names[i].name) == 0) return names[i].f;
    return TC_FMT_AUTO;
}

/* The file name part of path (*base) and its length without a compression suffix. */
static size_t base_name(const char *path, const char **base)
{
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    *base = b;
    size_t n = strlen(b);
    static const char *comp[] = {".gz", ".zst", ".zstd"};
    for (size_t i = 0; i < 3; i++) {
        size_t k = strlen(comp[i]);
        if (n > k && strncasecmp(b + n - k, comp[i], k) == 0) return n - k;
    }
    return n;
}

/* Format from the file name (compression suffixes skipped). */
static tc_format format_by_ext(const char *path)
{
    const char *base;
    size_t n = base_name(path, &base);
    size_t dot = n;
    while (dot > 0 && base[dot - 1] != '.') dot--;
    if (dot <= 1) return TC_FMT_AUTO; /* no extension, or a dot file */
    char ext[16];
    size_t el = n - dot;
    if (el == 0 || el >= sizeof ext) return TC_FMT_AUTO;
    memcpy(ext, base + dot, el);
    ext[el] = 0;
    static const struct {
        const char *ext;
        tc_format f;
    } map[] = {{"txt", TC_FMT_TEXT},      {"jsonl", TC_FMT_JSONL}, {"json", TC_FMT_JSONL},
               {"ndjson", TC_FMT_JSONL},  {"xml", TC_FMT_PETRXML}, {"text", TC_FMT_TABARI},
               {"html", TC_FMT_HTML},     {"htm", TC_FMT_HTML},    {"warc", TC_FMT_WARC},
               {"conllu", TC_FMT_CONLLU}};
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcasecmp(ext, map[i].ext) == 0) return map[i].f;
    return TC_FMT_AUTO;
}

static tc_format format_by_content(tc_input *in)
{
    const char *p;
    size_t n;
    tc_input_peek(in, 8192, &p, &n);
    int best = 0;
    tc_format f = TC_FMT_TEXT;
    for (int i = 0; formats[i]; i++) {
        if (!formats[i]->sniff) continue;
        int s = formats[i]->sniff(p, n);
        if (s > best) {
            best = s;
            f = formats[i]->format;
        }
    }
    if (best < 50) return TC_FMT_TEXT;
    return f;
}

static void sync_stats(tc_reader *r)
{
    const tc_input_counts *c = tc_input_counts_get(r->in);
    tc_read_stats *s = r->stats;
    s->bytes += c->bytes - r->synced.bytes;
    s->nul_bytes += c->nul_bytes - r->synced.nul_bytes;
    s->long_lines += c->long_lines - r->synced.long_lines;
    if (c->damaged && !r->synced.damaged) s->truncated++;
    r->synced = *c;
}

static tc_status reader_start(tc_reader **out, tc_reader *r, const char *path,
                              const tc_read_opts *opts)
{
    if (opts) r->opts = *opts;
    if (!r->opts.max_line) r->opts.max_line = DEFAULT_MAX_LINE;
    if (!r->opts.max_doc) r->opts.max_doc = DEFAULT_MAX_DOC;
    if (!r->stats) r->stats = &r->own_stats;
    r->path = tc_strdup(path);
    if (!r->path) {
        tc_reader_close(&r);
        return TC_ENOMEM;
    }
    r->name = tc_input_name(r->in);
    tc_input_set_max_line(r->in, r->opts.max_line);
    tc_format f = r->opts.format;
    if (f == TC_FMT_AUTO) f = format_by_ext(path);
    if (f == TC_FMT_AUTO) f = format_by_content(r->in);
    r->vt = vt_for(f);
    if (!r->vt) {
        tc_diag_emit(r->diag, TC_LOG_ERROR, r->name, 0, "no reader for input format '%s'",
                     tc_format_name(f) ? tc_format_name(f) : "?");
        tc_reader_close(&r);
        return TC_EFORMAT;
    }
    if (r->vt->open) {
        tc_status st = r->vt->open(r);
        if (st != TC_OK) {
            tc_reader_close(&r);
            return st;
        }
    }
    *out = r;
    return TC_OK;
}

tc_status tc_reader_open(tc_reader **out, const char *path, const tc_read_opts *opts,
                         tc_diag *diag, tc_read_stats *stats)
{
    *out = NULL;
    tc_reader *r = tc_calloc(1, sizeof *r);
    if (!r) return TC_ENOMEM;
    r->diag = diag;
    r->stats = stats;
    tc_status st = tc_input_open(&r->in, path, diag);
    if (st != TC_OK) {
        tc_free(r);
        return st;
    }
    return reader_start(out, r, path, opts);
}

tc_status tc_reader_open_mem(tc_reader **out, const char *name, const void *data, size_t len,
                             const tc_read_opts *opts, tc_diag *diag, tc_read_stats *stats)
{
    *out = NULL;
    if (!name) name = "<memory>";
    tc_reader *r = tc_calloc(1, sizeof *r);
    if (!r) return TC_ENOMEM;
    r->diag = diag;
    r->stats = stats;
    tc_status st = tc_input_open_mem(&r->in, name, data, len, diag);
    if (st != TC_OK) {
        tc_free(r);
        return st;
    }
    return reader_start(out, r, name, opts);
}

tc_status tc_reader_next(tc_reader *r, tc_doc **doc)
{
    *doc = NULL;
    if (!r || r->done) return TC_EOF;
    tc_status st = r->vt->next(r, doc);
    sync_stats(r);
    if (st == TC_OK) {
        r->stats->docs++;
        return TC_OK;
    }
    r->done = 1;
    return st;
}

tc_format tc_reader_format(const tc_reader *r) { return r && r->vt ? r->vt->format : TC_FMT_AUTO; }

void tc_reader_close(tc_reader **rp)
{
    if (!rp || !*rp) return;
    tc_reader *r = *rp;
    if (r->vt && r->vt->close) r->vt->close(r);
    if (r->in) {
        if (r->stats) sync_stats(r);
        tc_input_close(&r->in);
    }
    tc_free(r->path);
    tc_free(r);
    *rp = NULL;
}

/* ---- helpers for format readers ---- */

tc_doc *tc_reader_doc_new(tc_reader *r, long line)
{
    tc_doc *d = tc_doc_new();
    if (!d) return NULL;
    d->path = tc_doc_str(d, r->path);
    d->line = line;
    d->format = r->vt->name;
    if (!d->path) tc_doc_free(&d);
    return d;
}

static void report_repairs(tc_reader *r, long line, unsigned long n)
{
    tc_diag_emit(r->diag, TC_LOG_WARN, r->name, line,
                 "invalid UTF-8: %lu sequence%s replaced by U+FFFD", n, n == 1 ? "" : "s");
}

tc_status tc_reader_doc_text(tc_reader *r, tc_doc *d, const char *s, size_t n, long line)
{
    if (tc_utf8_valid(s, n)) return tc_doc_set_text(d, s, n);
    tc_buf b = TC_BUF_INIT;
    unsigned long rep = 0;
    tc_status st = tc_utf8_repair(s, n, &b, &rep);
    if (st == TC_OK) st = tc_doc_set_text(d, b.data, b.len);
    tc_buf_free(&b);
    d->n_repaired += (uint32_t)rep;
    r->stats->repaired += rep;
    report_repairs(r, line, rep);
    return st;
}

const char *tc_reader_doc_str(tc_reader *r, tc_doc *d, const char *s, size_t n)
{
    if (tc_utf8_valid(s, n)) return tc_doc_strn(d, s, n);
    tc_buf b = TC_BUF_INIT;
    unsigned long rep = 0;
    const char *out = NULL;
    if (tc_utf8_repair(s, n, &b, &rep) == TC_OK) out = tc_doc_strn(d, b.data, b.len);
    tc_buf_free(&b);
    d->n_repaired += (uint32_t)rep;
    r->stats->repaired += rep;
    report_repairs(r, d->line, rep);
    return out;
}

int tc_reader_doc_date(tc_reader *r, tc_doc *d, const char *s, size_t n)
{
    tc_date dt;
    tc_status ps = tc_date_parse(s, n, &dt);
    if (ps != TC_OK) {
        /* feed noise glued to the end ("00:02:59.13RM" in Reuters): retry without it */
        size_t k = n;
        const char *hash = memchr(s, '#', n);
        if (hash) k = (size_t)(hash - s);
        while (k > 0 && (((s[k - 1] | 32) >= 'a' && (s[k - 1] | 32) <= 'z') || s[k - 1] == ' '))
            k--;
        if (k < n && k > 0 && s[k - 1] >= '0' && s[k - 1] <= '9') ps = tc_date_parse(s, k, &dt);
        /* still nothing: the first word alone ("9-APR-1987 605:12:19.12" -> the date) */
        const char *sp = memchr(s, ' ', n);
        if (ps != TC_OK && sp && sp - s >= 6) {
            ps = tc_date_parse(s, (size_t)(sp - s), &dt);
            dt.has_time = 0;
        }
    }
    if (ps != TC_OK) {
        const char *raw = tc_reader_doc_str(r, d, s, n);
        if (raw) tc_doc_meta_set(d, "date.raw", raw);
        tc_diag_emit(r->diag, TC_LOG_DEBUG, r->name, d->line, "unrecognised date '%.40s'", raw ? raw : "");
        return 0;
    }
    char buf[32];
    tc_date_ymd(&dt, buf);
    d->date = tc_doc_str(d, buf);
    if (dt.has_time) {
        tc_date_iso(&dt, buf);
        d->datetime = tc_doc_str(d, buf);
    }
    return 1;
}

static int is_month_word(const char *s, size_t n)
{
    static const char *m[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    if (n < 3) return 0;
    for (int i = 0; i < 12; i++)
        if (strncasecmp(s, m[i], 3) == 0) return 1;
    return 0;
}

void tc_reader_doc_dateline(tc_reader *r, tc_doc *d, const char *s, size_t n)
{
    const char *raw = tc_reader_doc_str(r, d, s, n);
    if (!raw) return;
    tc_doc_meta_set(d, "dateline", raw);
    size_t b = 0, e = strlen(raw);
    while (b < e && (raw[b] == ' ' || raw[b] == '\t' || raw[b] == '\n')) b++;
    /* trailing dash (ASCII, en/em dash), colon, spaces */
    for (;;) {
        while (e > b && strchr(" \t\n-:", raw[e - 1])) e--;
        if (e >= b + 3 && (unsigned char)raw[e - 3] == 0xE2 && (unsigned char)raw[e - 2] == 0x80 &&
            ((unsigned char)raw[e - 1] == 0x93 || (unsigned char)raw[e - 1] == 0x94)) {
            e -= 3;
            continue;
        }
        break;
    }
    /* agency in parentheses at the end */
    if (e > b && raw[e - 1] == ')') {
        size_t o = e - 1;
        while (o > b && raw[o] != '(') o--;
        if (raw[o] == '(' && e - o > 2) {
            d->dateline_agency = tc_doc_strn(d, raw + o + 1, e - o - 2);
            e = o;
            while (e > b && raw[e - 1] == ' ') e--;
        }
    }
    /* ", Feb 26" date part at the end */
    const char *comma = NULL;
    for (size_t i = b; i < e; i++)
        if (raw[i] == ',') comma = raw + i;
    if (comma) {
        const char *w = comma + 1;
        while (*w == ' ') w++;
        size_t wl = 0;
        while (w + wl < raw + e && ((w[wl] | 32) >= 'a' && (w[wl] | 32) <= 'z')) wl++;
        if (is_month_word(w, wl)) {
            e = (size_t)(comma - raw);
        }
    }
    while (e > b && (raw[e - 1] == ' ' || raw[e - 1] == ',')) e--;
    if (e > b) d->dateline_place = tc_doc_strn(d, raw + b, e - b);
}

const char *tc_reader_stem(tc_doc *d, const char *path)
{
    if (!strcmp(path, "-")) return tc_doc_str(d, "stdin");
    /* strip a compression suffix, then one extension (".txt.gz" -> stem) */
    const char *base;
    size_t n = base_name(path, &base);
    size_t dot = n;
    while (dot > 1 && base[dot - 1] != '.') dot--;
    if (dot > 1) n = dot - 1;
    if (n == 0) return tc_doc_str(d, "doc");
    return tc_doc_strn(d, base, n);
}

void tc_reader_skip(tc_reader *r, long line, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    r->stats->skipped++;
    tc_diag_emit(r->diag, TC_LOG_WARN, r->name, line, "%s: skipped", msg);
}

void tc_reader_empty(tc_reader *r, long line, const char *what)
{
    r->stats->empty++;
    tc_diag_emit(r->diag, TC_LOG_DEBUG, r->name, line, "%s without text: skipped", what);
}

static tc_status slurp(tc_reader *r, tc_buf *out, size_t limit, int repair, unsigned long *nrepaired,
                       long *first_bad_line)
{
    const char *line;
    size_t len;
    unsigned long rep = 0;
    long first_bad = 0;
    int cut = 0;
    if (tc_buf_reserve(out, 1) != TC_OK) return TC_ENOMEM;
    while (tc_input_line(r->in, &line, &len) == TC_OK) {
        if (cut) continue; /* consume the rest so counters stay right */
        int nl = tc_input_line_had_nl(r->in);
        if (out->len + len + 1 > limit) {
            size_t room = limit > out->len ? limit - out->len : 0;
            len = tc_utf8_clip(line, room < len ? room : len);
            cut = 1;
            nl = 0;
            tc_diag_emit(r->diag, TC_LOG_WARN, r->name, tc_input_lineno(r->in),
                         "document larger than %zu bytes: cut here", limit);
        }
        if (!repair || tc_utf8_valid(line, len)) {
            if (tc_buf_append(out, line, len) != TC_OK) return TC_ENOMEM;
        } else {
            unsigned long before = rep;
            if (tc_utf8_repair(line, len, out, &rep) != TC_OK) return TC_ENOMEM;
            if (!first_bad && rep > before) first_bad = tc_input_lineno(r->in);
        }
        if (nl && tc_buf_putc(out, '\n') != TC_OK) return TC_ENOMEM;
    }
    if (rep) {
        r->stats->repaired += rep;
        report_repairs(r, first_bad, rep);
    }
    if (nrepaired) *nrepaired += rep;
    if (first_bad_line) *first_bad_line = first_bad;
    return TC_OK;
}

tc_status tc_reader_slurp(tc_reader *r, tc_buf *out, size_t limit, unsigned long *nrepaired,
                          long *first_bad_line)
{
    return slurp(r, out, limit, 1, nrepaired, first_bad_line);
}

tc_status tc_reader_slurp_raw(tc_reader *r, tc_buf *out, size_t limit)
{
    return slurp(r, out, limit, 0, NULL, NULL);
}

/* ---- path expansion ---- */

typedef struct pathvec {
    char **v;
    size_t n, cap;
} pathvec;

static tc_status pv_push(pathvec *pv, const char *s)
{
    if (pv->n + 2 > pv->cap) {
        size_t cap = pv->cap ? pv->cap * 2 : 16;
        char **nv = tc_reallocarray(pv->v, cap, sizeof *nv);
        if (!nv) return TC_ENOMEM;
        pv->v = nv;
        pv->cap = cap;
    }
    char *c = tc_strdup(s);
    if (!c) return TC_ENOMEM;
    pv->v[pv->n++] = c;
    pv->v[pv->n] = NULL;
    return TC_OK;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static tc_status expand_dir(const char *dir, pathvec *pv, unsigned long *nbad, tc_diag *diag,
                            int depth)
{
    if (depth > 64) {
        tc_diag_emit(diag, TC_LOG_ERROR, dir, 0, "directory nesting too deep: skipped");
        (*nbad)++;
        return TC_OK;
    }
    DIR *d = opendir(dir);
    if (!d) {
        tc_diag_emit(diag, TC_LOG_ERROR, dir, 0, "cannot open directory: %s", strerror(errno));
        (*nbad)++;
        return TC_OK;
    }
    pathvec names = {0};
    struct dirent *e;
    tc_status st = TC_OK;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue; /* hidden, "." and ".." */
        if ((st = pv_push(&names, e->d_name)) != TC_OK) break;
    }
    closedir(d);
    if (names.n) qsort(names.v, names.n, sizeof *names.v, cmp_str);
    size_t dl = strlen(dir);
    while (dl > 1 && dir[dl - 1] == '/') dl--;
    for (size_t i = 0; st == TC_OK && i < names.n; i++) {
        size_t len = dl + 1 + strlen(names.v[i]) + 1;
        char *p = tc_malloc(len);
        if (!p) {
            st = TC_ENOMEM;
            break;
        }
        snprintf(p, len, "%.*s/%s", (int)dl, dir, names.v[i]);
        struct stat sb;
        if (stat(p, &sb) != 0) {
            tc_diag_emit(diag, TC_LOG_ERROR, p, 0, "cannot read: %s", strerror(errno));
            (*nbad)++;
        } else if (S_ISDIR(sb.st_mode)) {
            st = expand_dir(p, pv, nbad, diag, depth + 1);
        } else if (S_ISREG(sb.st_mode)) {
            st = pv_push(pv, p);
        } /* sockets, fifos, devices inside directories: ignored */
        tc_free(p);
    }
    for (size_t i = 0; i < names.n; i++) tc_free(names.v[i]);
    tc_free(names.v);
    return st;
}

tc_status tc_paths_expand(char *const *inputs, int n, char ***out, size_t *count,
                          unsigned long *nbad, tc_diag *diag)
{
    pathvec pv = {0};
    tc_status st = TC_OK;
    *out = NULL;
    *count = 0;
    *nbad = 0;
    for (int i = 0; st == TC_OK && i < n; i++) {
        const char *p = inputs[i];
        if (!strcmp(p, "-")) {
            st = pv_push(&pv, p);
            continue;
        }
        struct stat sb;
        if (stat(p, &sb) != 0) {
            tc_diag_emit(diag, TC_LOG_ERROR, p, 0, "cannot read: %s", strerror(errno));
            (*nbad)++;
        } else if (S_ISDIR(sb.st_mode)) {
            st = expand_dir(p, &pv, nbad, diag, 0);
        } else {
            st = pv_push(&pv, p); /* files, fifos, /dev/stdin... as given */
        }
    }
    if (st == TC_OK && !pv.v) {
        pv.v = tc_calloc(1, sizeof *pv.v);
        if (!pv.v) st = TC_ENOMEM;
    }
    if (st != TC_OK) {
        tc_paths_free(&pv.v);
        return st;
    }
    *out = pv.v;
    *count = pv.n;
    return TC_OK;
}

void tc_paths_free(char ***paths)
{
    if (!paths || !*paths) return;
    for (char **p = *paths; *p; p++) tc_free(*p);
    tc_free(*paths);
    *paths = NULL;
}
