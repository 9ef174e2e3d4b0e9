/* export.h - write stored events in the field's formats.
 *
 * Formats: "gdelt" (GDELT 2.0 event table, 61 tab-separated columns, no header),
 * "gdelt-mentions" (GDELT 2.0 mentions table, 16 columns), "phoenix" (26 columns, no header),
 * "icews" (20 tab-separated columns with header), "plover" (PLOVER JSON records, one a line),
 * "csv" (all event fields, header), "jsonl" (docs/events.md plus the store's counts).
 * Columns we do not have (geography, tone) are left empty or 0 as documented in
 * docs/events.md.  Output goes to a caller-supplied FILE; write errors give TC_EIO. */
#ifndef TC_STORE_EXPORT_H
#define TC_STORE_EXPORT_H

#include <stdio.h>

#include "core/mem.h"
#include "store/store.h"

/* 1 if name is a known export format. */
int tc_export_format_known(const char *name);
/* Export events matching f (NULL = all).  *nrows (may be NULL) gets the rows written. */
tc_status tc_export(tc_store *st, const tc_store_filter *f, const char *format, FILE *out,
                    unsigned long *nrows);

/* Helpers shared with `tacitus query`. */
void tc_export_json_str(tc_buf *b, const char *s);         /* "..." with escapes, null for NULL */
void tc_export_json_strn(tc_buf *b, const char *s, size_t n); /* the same for s[0..n) */
void tc_export_csv_field(tc_buf *b, const char *s);        /* RFC 4180 quoting when needed */
void tc_export_event_json(tc_buf *b, const tc_store_row *r); /* one JSON object, no newline */
void tc_export_event_csv_header(tc_buf *b);
void tc_export_event_csv(tc_buf *b, const tc_store_row *r);

/* CAMEO actor code split into 3-character groups (as GDELT decomposes it). */
typedef struct tc_actor_parts {
    char country[4], known_group[4], ethnic[4], religion1[4], religion2[4];
    char type[3][4];
    char role[4];          /* first type code (Phoenix role) */
    char attributes[64];   /* remaining groups ";"-joined (Phoenix attribute) */
} tc_actor_parts;
void tc_actor_split(const char *code, tc_actor_parts *p);

#endif
