/* reader_html.c - one HTML page per input: charset decoded to UTF-8, article
 * extracted (src/clean/html.h); doc->text = article body, doc->raw = the page
 * (UTF-8), title/url/date/language from the page. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "../clean/html.h"
#include "reader_int.h"

static tc_status html_next(tc_reader *r, tc_doc **out)
{
    if (r->state) return TC_EOF; /* one document per input */
    r->state = r;
    tc_buf raw = TC_BUF_INIT;
    tc_status st = TC_OK;
    for (;;) {
        if (raw.len >= r->opts.max_doc) {
            tc_diag_emit(r->diag, TC_LOG_WARN, r->name, 0,
                         "page larger than %zu bytes: the rest is ignored", r->opts.max_doc);
            break;
        }
        if (tc_buf_reserve(&raw, 65536) != TC_OK) {
            st = TC_ENOMEM;
            break;
        }
        size_t want = raw.cap - raw.len - 1, got = 0;
        if (want > r->opts.max_doc - raw.len) want = r->opts.max_doc - raw.len;
        tc_status rs = tc_input_read(r->in, raw.data + raw.len, want, &got);
        if (rs != TC_OK) break; /* EOF or damage (already reported) */
        raw.len += got;
        raw.data[raw.len] = 0;
    }
    if (st != TC_OK) {
        tc_buf_free(&raw);
        return st;
    }
    tc_buf utf = TC_BUF_INIT;
    char cs[64];
    size_t rep = 0;
    st = tc_html_decode(raw.data ? raw.data : "", raw.len, NULL, &utf, cs, sizeof cs, &rep);
    tc_buf_free(&raw);
    if (st != TC_OK) {
        tc_buf_free(&utf);
        return st;
    }
    tc_html_article a;
    st = tc_html_extract(utf.data, utf.len, NULL, &a);
    if (st != TC_OK) {
        tc_buf_free(&utf);
        return st;
    }
    if (a.text_len == 0) {
        tc_reader_empty(r, 0, "HTML page without article text");
        tc_html_article_free(&a);
        tc_buf_free(&utf);
        return TC_EOF;
    }
    tc_doc *d = tc_reader_doc_new(r, 1);
    if (!d || !(d->id = tc_reader_stem(d, r->path)) ||
        tc_doc_set_text(d, utf.data, utf.len) != TC_OK || tc_html_doc_fill(d, &a) != TC_OK ||
        tc_doc_meta_set(d, "charset", cs) != TC_OK) {
        tc_doc_free(&d);
        st = TC_ENOMEM;
    } else {
        d->n_repaired += (uint32_t)rep;
        r->stats->repaired += rep;
        *out = d;
    }
    tc_html_article_free(&a);
    tc_buf_free(&utf);
    return st;
}

static void html_close(tc_reader *r) { r->state = NULL; }

/* score the first bytes: 0 not HTML, 100 certainly */
static int html_sniff(const char *p, size_t n)
{
    size_t i = 0;
    if (n >= 3 && (unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB &&
        (unsigned char)p[2] == 0xBF)
        i = 3;
    while (i < n && isspace((unsigned char)p[i])) i++;
    static const struct {
        const char *s;
        int score;
    } pfx[] = {{"<!doctype html", 95}, {"<html", 95}, {"<head", 80}, {"<!--", 40},
               {"<body", 80},         {"<meta", 70}, {"<title", 70}};
    for (size_t k = 0; k < sizeof pfx / sizeof pfx[0]; k++) {
        size_t l = strlen(pfx[k].s);
        if (n - i >= l && !strncasecmp(p + i, pfx[k].s, l)) {
            if (pfx[k].score < 50) {
                /* a comment first: look for <html further on */
                for (size_t j = i; j + 5 <= n; j++)
                    if (!strncasecmp(p + j, "<html", 5)) return 90;
                return 0;
            }
            return pfx[k].score;
        }
    }
    return 0;
}

const tc_reader_vt tc_reader_html_vt = {TC_FMT_HTML, "html", NULL, html_next, html_close,
                                        html_sniff};
