/* report.h - one self-contained HTML report over the event store.
 *
 * Inline CSS and SVG, a few lines of inline JavaScript for the table search; no network
 * access.  Sections: totals, weekly event counts by quad class (stacked bars), weekly mean
 * Goldstein for the top country dyads (lines), most active actors (bars), an actor network
 * (circle layout, edges coloured by mean Goldstein) and a searchable table of events with
 * their source sentences and links to the documents. */
#ifndef TC_REPORT_H
#define TC_REPORT_H

#include <stdio.h>

#include "core/status.h"
#include "store/store.h"

typedef struct tc_report_opts {
    const char *title;        /* NULL: "tacitus event report" */
    int top_dyads;            /* 0: 5 */
    int top_actors;           /* 0: 15 */
    int network_nodes;        /* 0: 16 */
    int max_events;           /* rows in the table; 0: 2000 (most recent first) */
    const tc_store_filter *filter; /* NULL: everything */
    const char *generated;    /* timestamp text to print, NULL: none */
} tc_report_opts;

/* Write the report to out.  TC_EIO if writing failed, TC_EDB on a database error. */
tc_status tc_report_write(tc_store *st, const tc_report_opts *opts, FILE *out);

#endif
