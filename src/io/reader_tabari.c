/* reader_tabari.c - TABARI validation / input text (Validate.text, TABARI.Demo.text).
 *
 * A record is a header line "YYMMDD ID" (separator blanks or '*', date 00-30 ->
 * 20xx; "YYYYMMDD ID" too, as after TABARI's "SET: YYYY" option), text lines, and optionally a comment "/ * ... * /" (may start on the last
 * text line) holding the expected coding:
 *   { SRC / TGT / CODE } [YYMMDD]  expected event -> doc->gold (a trailing date
 *                                  goes to gold.extra "date=YYMMDD")
 *   -{ SRC / TGT / CODE }          not checked -> gold with extra "check=no"
 *   {---}                          no events   -> doc->gold_noevents
 *   {###}                          discard     -> doc->gold_error, meta "tabari.expect"="discard"
 *   {+++}                          complex     -> meta "tabari.expect"="complex"
 *   { OPTION: ... }                option line -> meta "tabari.options" (one per line, in order;
 *                                  an unclosed "{ OPTION:" runs to the comment's end;
 *                                  they apply from this record on, as in TABARI)
 * Text lines are joined with single spaces (whitespace normalised).  Meta
 * "category" = the ID up to its last '-' ("DEMO-01" -> "DEMO").  Lines starting
 * with '#' between records are comments.  A record without a comment ends at a
 * blank line.  A comment still open when a new header follows a blank line is
 * reported and ends there (the record is kept); one still open at the end of
 * the input makes the record malformed (reported, skipped).  A header with a
 * bad date field ("9501201 X") is reported and its record skipped. */
#include <stdio.h>
#include <string.h>

#include "../core/utf8.h"
#include "reader_int.h"

typedef struct tstate {
    tc_buf pending; /* a header line read ahead */
    long pending_line;
    int has_pending;
    tc_buf text, comment, fix, hdr;
    unsigned long rec_rep; /* UTF-8 repairs in the current record */
} tstate;

static tc_status tb_open(tc_reader *r)
{
    r->state = tc_calloc(1, sizeof(tstate));
    return r->state ? TC_OK : TC_ENOMEM;
}

static void tb_close(tc_reader *r)
{
    tstate *ts = r->state;
    if (!ts) return;
    tc_buf_free(&ts->pending);
    tc_buf_free(&ts->text);
    tc_buf_free(&ts->comment);
    tc_buf_free(&ts->fix);
    tc_buf_free(&ts->hdr);
    tc_free(ts);
    r->state = NULL;
}

static int is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\f' && s[i] != '\v') return 0;
    return 1;
}

/* "YYMMDD ID": returns 1 and the id span. */
static int is_header(const char *s, size_t n, size_t *id, size_t *idlen)
{
    size_t i = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9') i++;
    if (i != 6 && i != 8) return 0; /* YYMMDD, or YYYYMMDD (TABARI "SET: YYYY") */
    if (i + 2 > n) return 0;
    if (s[i] != ' ' && s[i] != '\t' && s[i] != '*') return 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '*')) i++;
    size_t b = i;
    while (i < n && s[i] != ' ' && s[i] != '\t' && s[i] != '\r') i++;
    if (i == b) return 0;
    *id = b;
    *idlen = i - b;
    return 1;
}

/* Append s[0..n) to b, whitespace collapsed; a space separates from what is there. */
static tc_status add_words(tc_buf *b, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\f' || s[i] == '\v')) i++;
        size_t w = i;
        while (i < n && !(s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\f' || s[i] == '\v')) i++;
        if (i > w) {
            if (b->len && b->data[b->len - 1] != '\n' && tc_buf_putc(b, ' ')) return TC_ENOMEM;
            if (tc_buf_append(b, s + w, i - w)) return TC_ENOMEM;
        }
    }
    return TC_OK;
}

static void trim(const char **s, size_t *n)
{
    while (*n && (**s == ' ' || **s == '\t')) (*s)++, (*n)--;
    while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t')) (*n)--;
}

/* Parse the expected coding in the record comment into d. */
static tc_status parse_comment(tc_doc *d, const char *c, size_t n)
{
    tc_buf opts = TC_BUF_INIT, tmp = TC_BUF_INIT;
    tc_status st = TC_OK;
    size_t i = 0;
    while (st == TC_OK && i < n) {
        const char *ob = memchr(c + i, '{', n - i);
        if (!ob) break;
        size_t o = (size_t)(ob - c);
        const char *cb = memchr(c + o, '}', n - o);
        size_t e;
        if (cb) {
            e = (size_t)(cb - c);
        } else { /* an unclosed "{ OPTION:": TABARI reads the option to the end of the comment */
            const char *q = ob + 1;
            while (q < c + n && (*q == ' ' || *q == '\t')) q++;
            if ((size_t)(c + n - q) < 7 || strncmp(q, "OPTION:", 7)) break;
            e = n;
        }
        int unchecked = o > 0 && c[o - 1] == '-';
        const char *in = c + o + 1;
        size_t il = e - o - 1;
        trim(&in, &il);
        i = e + 1;
        if (il >= 7 && !strncmp(in, "OPTION:", 7)) {
            const char *v = in + 7;
            size_t vl = il - 7;
            trim(&v, &vl);
            if (opts.len) st = tc_buf_putc(&opts, '\n');
            if (st == TC_OK) st = add_words(&opts, v, vl);
            continue;
        }
        if (il == 3 && !strncmp(in, "---", 3)) {
            d->gold_noevents = 1;
            continue;
        }
        if (il == 3 && !strncmp(in, "###", 3)) {
            d->gold_error = 1;
            st = tc_doc_meta_set(d, "tabari.expect", "discard");
            continue;
        }
        if (il == 3 && !strncmp(in, "+++", 3)) {
            st = tc_doc_meta_set(d, "tabari.expect", "complex");
            continue;
        }
        /* SRC / TGT / CODE */
        const char *s1 = memchr(in, '/', il);
        const char *s2 = s1 ? memchr(s1 + 1, '/', il - (size_t)(s1 + 1 - in)) : NULL;
        if (!s1 || !s2) continue; /* a note in braces, not an event */
        const char *p[3] = {in, s1 + 1, s2 + 1};
        size_t pl[3] = {(size_t)(s1 - in), (size_t)(s2 - s1 - 1), (size_t)(in + il - s2 - 1)};
        const char *f[3];
        for (int k = 0; k < 3; k++) {
            trim(&p[k], &pl[k]);
            f[k] = tc_doc_strn(d, p[k], pl[k]);
        }
        /* a date right after the closing brace */
        tc_buf_clear(&tmp);
        size_t j = i;
        while (j < n && (c[j] == ' ' || c[j] == '\t')) j++;
        size_t dd = j;
        while (j < n && c[j] >= '0' && c[j] <= '9') j++;
        if (j - dd == 6 || j - dd == 8) st = tc_buf_printf(&tmp, "date=%.*s", (int)(j - dd), c + dd);
        if (st == TC_OK && unchecked) st = tc_buf_printf(&tmp, "%scheck=no", tmp.len ? ";" : "");
        if (st == TC_OK) st = tc_doc_add_gold(d, f[0], f[1], f[2], tmp.len ? tmp.data : NULL);
    }
    if (st == TC_OK && opts.len) st = tc_doc_meta_set(d, "tabari.options", opts.data);
    tc_buf_free(&opts);
    tc_buf_free(&tmp);
    return st;
}

/* Next line with UTF-8 repaired; 0 at the end. */
static int get_line(tc_reader *r, const char **s, size_t *n, long *lineno)
{
    tstate *ts = r->state;
    if (tc_input_line(r->in, s, n) != TC_OK) return 0;
    *lineno = tc_input_lineno(r->in);
    if (!tc_utf8_valid(*s, *n)) {
        unsigned long rep = 0;
        tc_buf_clear(&ts->fix);
        if (tc_utf8_repair(*s, *n, &ts->fix, &rep) == TC_OK) {
            *s = ts->fix.data;
            *n = ts->fix.len;
        }
        r->stats->repaired += rep;
        ts->rec_rep += rep;
        tc_diag_emit(r->diag, TC_LOG_WARN, r->name, *lineno,
                     "invalid UTF-8: %lu sequence%s replaced by U+FFFD", rep, rep == 1 ? "" : "s");
    }
    return 1;
}

static tc_status tb_next(tc_reader *r, tc_doc **out)
{
    tstate *ts = r->state;
    const char *s;
    size_t n;
    long lineno;
    for (;;) {
        /* find a header */
        long hline = 0;
        size_t id = 0, idl = 0;
        tc_buf_clear(&ts->hdr);
        if (ts->has_pending) {
            ts->has_pending = 0;
            if (tc_buf_append(&ts->hdr, ts->pending.data, ts->pending.len)) return TC_ENOMEM;
            hline = ts->pending_line;
        } else {
            int found = 0, warned = 0;
            while (get_line(r, &s, &n, &lineno)) {
                if (is_header(s, n, &id, &idl)) {
                    if (tc_buf_append(&ts->hdr, s, n)) return TC_ENOMEM;
                    hline = lineno;
                    found = 1;
                    break;
                }
                if (is_blank(s, n) || s[0] == '#') {
                    warned = 0;
                    continue;
                }
                size_t dg = 0;
                while (dg < n && s[dg] >= '0' && s[dg] <= '9') dg++;
                if (!warned && dg >= 4 && dg <= 10 && dg < n && (s[dg] == ' ' || s[dg] == '\t')) {
                    tc_reader_skip(r, lineno, "malformed record header '%.*s' (want \"YYMMDD ID\")",
                                   (int)(n > 60 ? 60 : n), s);
                    warned = 1; /* its text lines follow: no more messages until a blank line */
                    continue;
                }
                if (!warned) {
                    tc_diag_emit(r->diag, TC_LOG_WARN, r->name, lineno,
                                 "text outside a record (no \"YYMMDD ID\" header before it): ignored");
                    warned = 1;
                }
            }
            if (!found) return TC_EOF;
        }
        const char *hdr = ts->hdr.data;
        if (!is_header(hdr, ts->hdr.len, &id, &idl)) return TC_EOF; /* cannot happen: checked before */
        /* text and comment */
        tc_buf_clear(&ts->text);
        tc_buf_clear(&ts->comment);
        ts->rec_rep = 0;
        int in_comment = 0, closed = 0, prev_blank = 0;
        const char *broken = NULL;
        while (get_line(r, &s, &n, &lineno)) {
            int blank = is_blank(s, n);
            if (!in_comment) {
                if (blank) {
                    if (ts->text.len) break; /* record without a comment */
                    continue;
                }
                size_t hid, hidl;
                if (is_header(s, n, &hid, &hidl) && prev_blank) {
                    tc_buf_clear(&ts->pending);
                    tc_buf_append(&ts->pending, s, n);
                    ts->pending_line = lineno;
                    ts->has_pending = 1;
                    break;
                }
                const char *cs = NULL;
                for (size_t k = 0; k + 1 < n; k++)
                    if (s[k] == '/' && s[k + 1] == '*') {
                        cs = s + k;
                        break;
                    }
                if (add_words(&ts->text, s, cs ? (size_t)(cs - s) : n)) return TC_ENOMEM;
                if (cs) {
                    in_comment = 1;
                    size_t off = (size_t)(cs - s) + 2;
                    s += off;
                    n -= off;
                } else {
                    prev_blank = 0;
                    continue;
                }
            } else {
                size_t hid, hidl;
                if (prev_blank && is_header(s, n, &hid, &hidl)) {
                    /* kept: the expected events read so far are in the comment */
                    tc_diag_emit(r->diag, TC_LOG_WARN, r->name, hline,
                                 "comment of record %.*s not closed before the next record",
                                 (int)idl, hdr + id);
                    closed = 1;
                    tc_buf_clear(&ts->pending);
                    tc_buf_append(&ts->pending, s, n);
                    ts->pending_line = lineno;
                    ts->has_pending = 1;
                    break;
                }
            }
            /* in comment: look for the end */
            const char *ce = NULL;
            for (size_t k = 0; k + 1 < n; k++)
                if (s[k] == '*' && s[k + 1] == '/') {
                    ce = s + k;
                    break;
                }
            if (tc_buf_append(&ts->comment, s, ce ? (size_t)(ce - s) : n) || tc_buf_putc(&ts->comment, '\n'))
                return TC_ENOMEM;
            prev_blank = blank;
            if (ce) {
                closed = 1;
                break;
            }
        }
        if (in_comment && !closed && !broken) broken = "comment not closed at the end of the input";
        if (broken) {
            tc_reader_skip(r, hline, "%s (record %.*s)", broken, (int)idl, hdr + id);
            continue;
        }
        if (!ts->text.len) {
            tc_reader_empty(r, hline, "record");
            continue;
        }
        tc_doc *d = tc_reader_doc_new(r, hline);
        if (!d) return TC_ENOMEM;
        tc_status st = tc_doc_set_text(d, ts->text.data, ts->text.len);
        d->n_repaired = (uint32_t)ts->rec_rep;
        if (st == TC_OK && !(d->id = tc_doc_strn(d, hdr + id, idl))) st = TC_ENOMEM;
        if (st == TC_OK) {
            size_t dl = 0;
            while (hdr[dl] >= '0' && hdr[dl] <= '9') dl++;
            tc_reader_doc_date(r, d, hdr, dl);
            const char *dash = NULL;
            for (size_t k = 0; k < idl; k++)
                if (hdr[id + k] == '-') dash = hdr + id + k;
            if (dash && dash > hdr + id) {
                char cat[128];
                size_t cl = tc_utf8_clip(hdr + id, (size_t)(dash - (hdr + id)) < sizeof cat - 1
                                                       ? (size_t)(dash - (hdr + id))
                                                       : sizeof cat - 1);
                memcpy(cat, hdr + id, cl);
                cat[cl] = 0;
                st = tc_doc_meta_set(d, "category", cat);
            }
        }
        if (st == TC_OK && ts->comment.len) st = parse_comment(d, ts->comment.data, ts->comment.len);
        if (st != TC_OK) {
            tc_doc_free(&d);
            return st;
        }
        *out = d;
        return TC_OK;
    }
}

static int tb_sniff(const char *p, size_t n)
{
    /* first lines that are neither blank nor '#' comments: a "YYMMDD ID" header */
    size_t i = 0;
    int lines = 0;
    while (i < n && lines < 200) {
        const char *nl = memchr(p + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - p) : n;
        size_t id, idl;
        if (!is_blank(p + i, e - i) && p[i] != '#') return is_header(p + i, e - i, &id, &idl) ? 80 : 0;
        i = e + 1;
        lines++;
    }
    return 0;
}

const tc_reader_vt tc_reader_tabari_vt = {TC_FMT_TABARI, "tabari", tb_open, tb_next, tb_close, tb_sniff};
