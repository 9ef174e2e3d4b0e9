/* ingest.h - read event JSONL (docs/events.md) into a store.
 *
 * Each line is one event; blank lines are skipped; a malformed line or an invalid event is
 * reported (input name and line) and skipped.  Database errors stop the read. */
#ifndef TC_STORE_INGEST_H
#define TC_STORE_INGEST_H

#include "core/status.h"
#include "io/input.h"
#include "store/store.h"

typedef struct tc_ingest_stats {
    unsigned long lines, bad_lines; /* non-blank lines read; lines skipped as malformed/invalid */
} tc_ingest_stats;

/* Parse one JSON line into ev (evjson.c).  Strings are unescaped into scratch, which must hold
 * at least 2 * len + 64 bytes and outlive the use of ev.  TC_EPARSE with a reason in *why. */
tc_status tc_store_parse_line(const char *line, size_t len, char *scratch, size_t scratch_len,
                              tc_store_event *ev, const char **why);

/* Read every line of in into st.  TC_OK unless the database failed (TC_EDB, ...), the
 * input was damaged (TC_ETRUNC / TC_EIO: what came before it is stored) or is not event JSONL
 * at all (TC_EFORMAT: its first three lines are not events; reported once, input skipped). */
tc_status tc_store_ingest_input(tc_store *st, tc_input *in, tc_diag *diag, tc_ingest_stats *stats);

#endif
