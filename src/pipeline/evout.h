/* evout.h - writing coded events: JSONL (docs/events.md), TSV, CSV and Phoenix.
 *
 * JSONL follows docs/events.md exactly (one object per event).  TSV and CSV
 * carry the same fields as columns with a header line (write_header).  Phoenix
 * is the 26-column OEDA daily-file layout (no header).  Strings are escaped for
 * their format; invalid UTF-8 cannot occur (readers repair it). */
#ifndef TC_EVOUT_H
#define TC_EVOUT_H

#include <stdio.h>

#include "core/doc.h"
#include "core/mem.h"
#include "core/status.h"
#include "pipeline/pipeline.h"

typedef enum tc_evout_format {
    TC_EVOUT_JSONL = 0,
    TC_EVOUT_TSV,
    TC_EVOUT_CSV,
    TC_EVOUT_PHOENIX,
    TC_EVOUT_TABLE     /* aligned columns for people: date, dyad, code and label, text */
} tc_evout_format;

/* "jsonl" "json" "tsv" "csv" "phoenix" "table"; -1 if unknown */
int tc_evout_format_from_name(const char *name);

/* Header line for TSV/CSV (nothing for the others). */
tc_status tc_evout_header(FILE *f, tc_evout_format fmt);

/* Write every event of one document.  counter numbers Phoenix event ids across a
 * run (incremented).  Returns TC_EIO on a write error. */
tc_status tc_evout_doc(FILE *f, tc_evout_format fmt, const tc_doc *doc, const tc_pipe_result *res,
                       unsigned long *counter);
/* The same, appended to a buffer (for writers that order output across threads). */
tc_status tc_evout_doc_buf(tc_buf *b, tc_evout_format fmt, const tc_doc *doc,
                           const tc_pipe_result *res, unsigned long *counter);

#endif
