/* reader_int.h - internal interface between reader.c (dispatch, format
 * detection, paths) and the per-format readers reader_FORMAT.c.
 *
 * A format reader is a vtable (tc_reader_vt) over a byte stream (tc_input, with
 * decompression, NUL dropping and long-line cutting already done).  reader.c
 * opens the input, picks the format, calls vt->open once, vt->next until it
 * returns TC_EOF, and vt->close once; it also moves the input's counters
 * (bytes, NULs, long lines, damage) into the caller's tc_read_stats.
 *
 * Contract for vt->next: return TC_OK with a new document, TC_EOF at the end
 * (also after a truncated/corrupt input: treat any non-TC_OK status of the
 * tc_input functions as the end), or TC_ENOMEM.  Malformed records are
 * reported with tc_reader_skip (file + line, counted in stats->skipped) and
 * the reader moves on to the next record.  Records without text are counted
 * with tc_reader_empty and not returned.  Build documents with
 * tc_reader_doc_new and set text with tc_reader_doc_text (repairs UTF-8 and
 * counts).
 *
 * Adding a format (e.g. HTML, WARC):
 *   1. write src/io/reader_html.c defining
 *        const tc_reader_vt tc_reader_html_vt = {TC_FMT_HTML, "html", open, next, close, sniff};
 *      (sniff may be NULL; it scores the first bytes of the decompressed input,
 *      0 = not this format, 100 = certainly this format);
 *   2. declare it extern below and add `&tc_reader_html_vt,` to the table
 *      `formats[]` in reader.c (done for html and warc) - extensions
 *      .html/.htm/.warc (also under .gz/.zst) map to TC_FMT_HTML / TC_FMT_WARC.
 * Per-reader state goes in r->state (allocate in open, free in close). */
#ifndef TC_READER_INT_H
#define TC_READER_INT_H

#include "../core/doc.h"
#include "input.h"
#include "reader.h"

typedef struct tc_reader_vt {
    tc_format format;
    const char *name;                              /* tc_format_name(format) */
    tc_status (*open)(tc_reader *r);               /* may be NULL */
    tc_status (*next)(tc_reader *r, tc_doc **out); /* see contract above */
    void (*close)(tc_reader *r);                   /* may be NULL; frees r->state */
    int (*sniff)(const char *head, size_t n);      /* may be NULL */
} tc_reader_vt;

struct tc_reader {
    const tc_reader_vt *vt;
    tc_input *in;
    char *path;          /* as given ("-" for stdin) */
    const char *name;    /* for messages: tc_input_name(in) */
    tc_read_opts opts;   /* defaults filled in (max_line, max_doc) */
    tc_diag *diag;
    tc_read_stats *stats; /* never NULL inside readers (points to a private one if needed) */
    tc_read_stats own_stats;
    void *state;
    tc_input_counts synced; /* input counters already added to stats */
    int done;
};

extern const tc_reader_vt tc_reader_text_vt;
extern const tc_reader_vt tc_reader_jsonl_vt;
extern const tc_reader_vt tc_reader_petrxml_vt;
extern const tc_reader_vt tc_reader_tabari_vt;
extern const tc_reader_vt tc_reader_html_vt;
extern const tc_reader_vt tc_reader_warc_vt;
extern const tc_reader_vt tc_reader_conllu_vt;

/* New document with path, line and format set (id still NULL). */
tc_doc *tc_reader_doc_new(tc_reader *r, long line);
/* Set doc text from s[0..n): invalid UTF-8 replaced (counted in doc->n_repaired
 * and stats->repaired, reported once naming file and `line`). */
tc_status tc_reader_doc_text(tc_reader *r, tc_doc *d, const char *s, size_t n, long line);
/* Copy a metadata string with UTF-8 repair (counted like text). NULL on OOM. */
const char *tc_reader_doc_str(tc_reader *r, tc_doc *d, const char *s, size_t n);
/* Parse a date into d->date / d->datetime; unparseable dates are kept in meta
 * "date.raw" (reported at debug level).  Returns 1 if parsed. */
int tc_reader_doc_date(tc_reader *r, tc_doc *d, const char *s, size_t n);
/* Split a dateline ("KYIV, Ukraine (AP) -", "SALVADOR, Feb 26 -") into
 * d->dateline_place / d->dateline_agency; the raw string goes to meta "dateline". */
void tc_reader_doc_dateline(tc_reader *r, tc_doc *d, const char *s, size_t n);
/* File stem: base name without directory and extension(s) (".txt.gz" -> stem). */
const char *tc_reader_stem(tc_doc *d, const char *path);

/* Report a malformed record at `line` (warning naming the file), count it. */
void tc_reader_skip(tc_reader *r, long line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* Count a record/input without text (reported at debug level). */
void tc_reader_empty(tc_reader *r, long line, const char *what);

/* Read the rest of the input line by line into out (lines joined by '\n' as in
 * the input, so line numbers are kept; NULs dropped, long lines cut), stopping
 * at `limit` bytes (reported).  Invalid UTF-8 is repaired in place of the
 * bytes, counted in *nrepaired and in stats, and reported once with the first
 * line where it occurred.  Returns TC_OK (also after damage: what was
 * recovered is in out) or TC_ENOMEM. */
tc_status tc_reader_slurp(tc_reader *r, tc_buf *out, size_t limit, unsigned long *nrepaired,
                          long *first_bad_line);
/* The same without UTF-8 repair (the caller repairs per record with
 * tc_reader_doc_text / tc_reader_doc_str, so counts and lines are per record). */
tc_status tc_reader_slurp_raw(tc_reader *r, tc_buf *out, size_t limit);

#endif
