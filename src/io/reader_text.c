/* reader_text.c - plain text: one document per input, id = file stem.  Empty
 * (blank) inputs are counted empty; inputs that are mostly invalid UTF-8
 * (binary files in a directory) are reported and skipped as malformed. */
#include <string.h>

#include "reader_int.h"

static tc_status text_next(tc_reader *r, tc_doc **out)
{
    if (r->state) return TC_EOF; /* one document per input */
    r->state = r;                /* mark: done */
    tc_buf b = TC_BUF_INIT;
    unsigned long rep = 0;
    long bad = 0;
    tc_status st = tc_reader_slurp(r, &b, r->opts.max_doc, &rep, &bad);
    if (st != TC_OK) {
        tc_buf_free(&b);
        return st;
    }
    size_t i = 0;
    while (i < b.len && (b.data[i] == ' ' || b.data[i] == '\t' || b.data[i] == '\n' ||
                         b.data[i] == '\r' || b.data[i] == '\f' || b.data[i] == '\v'))
        i++;
    if (i == b.len) {
        tc_buf_free(&b);
        r->stats->empty++;
        tc_diag_emit(r->diag, TC_LOG_WARN, r->name, 0, "empty input: skipped");
        return TC_EOF;
    }
    if (b.len >= 64 && rep * 8 > b.len) {
        /* more than one bad sequence per 8 bytes: not text (an image, a PDF...) */
        tc_buf_free(&b);
        tc_reader_skip(r, bad, "not UTF-8 text (%lu invalid sequences), probably a binary file", rep);
        return TC_EOF;
    }
    tc_doc *d = tc_reader_doc_new(r, 1);
    if (!d || !(d->id = tc_reader_stem(d, r->path)) || tc_doc_set_text(d, b.data, b.len) != TC_OK) {
        tc_doc_free(&d);
        tc_buf_free(&b);
        return TC_ENOMEM;
    }
    d->n_repaired = (uint32_t)rep;
    tc_buf_free(&b);
    *out = d;
    return TC_OK;
}

static void text_close(tc_reader *r) { r->state = NULL; }

const tc_reader_vt tc_reader_text_vt = {TC_FMT_TEXT, "text", NULL, text_next, text_close, NULL};
