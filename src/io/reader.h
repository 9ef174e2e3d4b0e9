/* reader.h - document readers: plain text, JSONL, PETRARCH/UniversalPetrarch XML,
 * TABARI validation text (and, later, HTML and WARC).
 *
 * A tc_reader yields tc_doc objects from one input (a path or "-" for stdin).
 * Compression (.gz, .zst, detected by magic bytes) is transparent.  The format
 * comes from opts->format, else the file extension, else a sniff of the content.
 *
 * Robustness contract: readers never crash on bad input.  Invalid UTF-8 is
 * repaired with U+FFFD (counted in doc->n_repaired and stats), NUL bytes are
 * dropped, over-long lines are cut at opts->max_line (reported), broken JSON
 * lines / XML records are reported through diag with file and line, counted
 * in stats->skipped, and reading continues with the next document.  A
 * truncated gzip/zstd stream is reported and ends that input (TC_ETRUNC is
 * recorded in stats, tc_reader_next returns TC_EOF after the documents
 * recovered before the damage).
 *
 * Formats (details and meta keys in the header comment of each reader_*.c):
 *   text          one document per input, id = file stem ("a.txt.gz" -> "a")
 *   jsonl         one per line; field aliases, dates parsed, other fields -> meta
 *   petrarch-xml  one per <Sentence>/<Article>; gold events, parse, disabled;
 *                 meta "category", "env.<Element>" (Environment), "config.<option>"
 *                 (Config state in force for the record), "config.changed", "after_stop"
 *   tabari        one per "YYMMDD ID" record; gold events; meta "category",
 *                 "tabari.options" (option lines of the record, in order), "tabari.expect"
 * Empty inputs and records without text are counted in stats->empty, not returned.
 *
 * Ownership: each document returned by tc_reader_next belongs to the caller
 * (tc_doc_free).  The reader owns nothing the caller holds. */
#ifndef TC_READER_H
#define TC_READER_H

#include <stdio.h>

#include "../core/doc.h"
#include "../core/status.h"

typedef enum tc_format {
    TC_FMT_AUTO = 0,
    TC_FMT_TEXT,
    TC_FMT_JSONL,
    TC_FMT_PETRXML,   /* PETRARCH / UniversalPetrarch validation or input XML */
    TC_FMT_TABARI,    /* TABARI validation text */
    TC_FMT_HTML,
    TC_FMT_WARC,
    TC_FMT_CONLLU,
    TC_FMT_MAX
} tc_format;

/* "text", "jsonl", "petrarch-xml", "tabari", "html", "warc", "conllu"; NULL if unknown */
const char *tc_format_name(tc_format f);
/* Parse a --input-format value ("txt"/"text", "json"/"jsonl", "xml"/"petrarch", ...). */
tc_format tc_format_from_name(const char *name);

typedef struct tc_read_opts {
    tc_format format;        /* TC_FMT_AUTO: by extension, then content */
    const char *text_field;  /* JSONL: extra field name holding the text, or NULL */
    size_t max_line;         /* longest line kept (bytes); 0 = default 16 MiB */
    size_t max_doc;          /* largest document (bytes); 0 = default 64 MiB */
} tc_read_opts;

typedef struct tc_read_stats {
    unsigned long docs;          /* documents returned */
    unsigned long skipped;       /* records skipped (malformed, empty) */
    unsigned long repaired;      /* invalid UTF-8 sequences replaced */
    unsigned long nul_bytes;     /* NUL bytes dropped */
    unsigned long long_lines;    /* lines cut at max_line */
    unsigned long truncated;     /* inputs that ended early (truncated compression) */
    unsigned long empty;         /* empty inputs / records without text */
    unsigned long unreadable;    /* inputs that could not be opened at all */
    unsigned long long bytes;    /* decompressed bytes read */
    unsigned long inputs;        /* inputs opened or attempted (counted by the caller, e.g. the CLI) */
} tc_read_stats;

typedef struct tc_reader tc_reader;

/* Open path ("-" = stdin).  On failure *out is NULL and the reason went to diag.
 * stats may be NULL; when given, the reader adds to it (so one tc_read_stats can
 * account for a whole run over many files). */
tc_status tc_reader_open(tc_reader **out, const char *path, const tc_read_opts *opts,
                         tc_diag *diag, tc_read_stats *stats);
/* Open over a memory buffer (not copied; must outlive the reader). name is used
 * in messages and for extension-based format detection. */
tc_status tc_reader_open_mem(tc_reader **out, const char *name, const void *data, size_t len,
                             const tc_read_opts *opts, tc_diag *diag, tc_read_stats *stats);
/* Next document: TC_OK with *doc set, TC_EOF at end, other status on a fatal
 * error of this input (already reported).  Recoverable problems are reported
 * and skipped inside. */
tc_status tc_reader_next(tc_reader *r, tc_doc **doc);
tc_format tc_reader_format(const tc_reader *r);
void tc_reader_close(tc_reader **r);

/* Expand inputs: files as given, directories recursively (sorted, hidden files
 * skipped), "-" kept.  Unreadable paths are reported and counted in *nbad.
 * *out is a tc_malloc'ed NULL-terminated array of tc_malloc'ed strings; free
 * with tc_paths_free. */
tc_status tc_paths_expand(char *const *inputs, int n, char ***out, size_t *count,
                          unsigned long *nbad, tc_diag *diag);
void tc_paths_free(char ***paths);

#endif
