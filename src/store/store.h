/* store.h - the SQLite event store: documents, sentences (FTS5), deduplicated events, mentions.
 *
 * One tc_store owns one sqlite3 connection (WAL mode, prepared statements only); use a store
 * from one thread at a time (the connection is opened without SQLite's per-call mutexes).  Events are
 * added one at a time with tc_store_add_event (a plain struct, so `tacitus code` can call it
 * directly); they are grouped into transactions of `batch` events, committed by
 * tc_store_commit or tc_store_close.  Ingest is idempotent (documents keyed on their id, or
 * on their content hash when one is given; mentions on doc + sentence + event + verb offset) and crash-safe (a killed process loses at
 * most the uncommitted batch; rerunning the same input restores it).
 * Events with the same (date, source, target, code) are one event; each extra mention bumps
 * NumMentions, NumArticles (distinct documents) and NumSources (distinct outlets). */
#ifndef TC_STORE_H
#define TC_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "core/status.h"

#define TC_STORE_SCHEMA_VERSION 2

typedef struct tc_store tc_store;

typedef struct tc_store_opts {
    int readonly;       /* open read-only; the file must exist */
    int batch;          /* events per transaction (0: 20000) */
    int busy_ms;        /* wait this long for a lock (0: 5000; <0: do not wait) */
} tc_store_opts;

/* Open or create the store at path.  A foreign SQLite file, a corrupt file or a newer schema
 * is refused with TC_EDB / TC_EVERSION and a diagnostic; older schemas are migrated. */
tc_status tc_store_open(tc_store **out, const char *path, const tc_store_opts *opts,
                        tc_diag *diag);
/* Commit the open batch (if any) and close; *st = NULL.  Returns the commit status. */
tc_status tc_store_close(tc_store **st);
/* Roll the open batch back and close (used after an error). */
void tc_store_abort(tc_store **st);

/* One coded event as `tacitus code` produces it (docs/events.md).  Strings may be NULL.
 * Offsets are byte offsets into the document text, -1 = unknown. */
typedef struct tc_store_event {
    const char *doc;        /* required */
    int sent;               /* required, >= 0 */
    const char *date;       /* required, YYYY-MM-DD */
    const char *source, *target; /* CAMEO actor codes (NULL = "") */
    const char *code;       /* required, CAMEO event code */
    const char *source_text, *target_text, *verb, *sentence, *pattern;
    int32_t src_start, src_end, tgt_start, tgt_end, verb_start, verb_end;
    /* document metadata */
    const char *url, *outlet, *pubdate, *doc_hash, *title;
} tc_store_event;

void tc_store_event_init(tc_store_event *ev); /* zero strings, offsets -1 */

typedef struct tc_store_counts {
    uint64_t events_read;     /* tc_store_add_event calls that were valid */
    uint64_t rejected;        /* invalid (missing field, bad date/code) */
    uint64_t new_documents, new_events, new_mentions;
    uint64_t duplicate_mentions; /* already stored: nothing added */
} tc_store_counts;

/* Add one event.  Returns TC_EINVAL (with a warning) for an invalid event, which is not
 * stored; TC_EDB on a database failure (the open batch is rolled back). */
tc_status tc_store_add_event(tc_store *st, const tc_store_event *ev);
/* Where the next events come from, for warnings (file may be NULL; not copied). */
void tc_store_set_origin(tc_store *st, const char *file, long line);
/* Commit the open batch now. */
tc_status tc_store_commit(tc_store *st);
const tc_store_counts *tc_store_counts_get(const tc_store *st);

/* Totals in the store. */
typedef struct tc_store_totals {
    int64_t documents, sentences, events, mentions;
    char first_date[11], last_date[11];
} tc_store_totals;
tc_status tc_store_totals_get(tc_store *st, tc_store_totals *out);

/* ---- queries ---- */

typedef struct tc_store_filter {
    const char *source, *target;  /* actor code prefixes ("USA" matches "USAGOV") */
    const char *dyad_a, *dyad_b;  /* both directions; exact codes or prefixes */
    const char *code;             /* CAMEO code prefix ("11", "163") */
    int quad;                     /* 0 = any */
    const char *from, *to;        /* inclusive YYYY-MM-DD */
    const char *text;             /* FTS5 query over mention sentences */
    int64_t limit;                /* 0 = no limit */
    char *own_;                   /* storage owned by tc_store_filter_option */
} tc_store_filter;

/* Command-line filter options shared by query/export/report: name is "--source", "--target",
 * "--dyad" (A,B), "--code", "--quad" (1-4), "--from", "--to", "--text", "--limit".
 * Returns 1 if taken, 0 if name is not a filter option, -1 if val is invalid (*why says why).
 * val must outlive f; release with tc_store_filter_free. */
int tc_store_filter_option(tc_store_filter *f, const char *name, const char *val,
                           const char **why);
void tc_store_filter_free(tc_store_filter *f);

/* A stored event (strings valid during the callback only). */
typedef struct tc_store_row {
    int64_t id;
    const char *date, *source, *target, *code, *root;
    int quad;
    double goldstein;
    const char *plover_type, *plover_mode;
    const char *source_text, *target_text;
    int64_t num_mentions, num_sources, num_articles;
    int is_root;
    const char *added;       /* YYYYMMDDHHMMSS UTC of the ingest that created the event */
    const char *url;         /* URL of the first mention's document (may be NULL) */
    const char *doc;         /* first mention: document id, sentence index and text */
    int sent;
    const char *sentence;
    const char *outlet;
} tc_store_row;

typedef int (*tc_store_row_fn)(const tc_store_row *row, void *ud); /* nonzero stops */

/* Events matching f, ordered by date then id. */
tc_status tc_store_query(tc_store *st, const tc_store_filter *f, tc_store_row_fn fn, void *ud);

/* Counts per period: group is "day", "week" (ISO week starting Monday, labelled by its Monday)
 * or "month".  Callback gets the period label, event count, mention count, mean Goldstein
 * and counts per quad class. */
typedef struct tc_store_group_row {
    const char *period;
    int64_t events, mentions;
    double goldstein_mean;
    int64_t quad[5]; /* [1..4] */
} tc_store_group_row;
typedef int (*tc_store_group_fn)(const tc_store_group_row *row, void *ud);
tc_status tc_store_query_grouped(tc_store *st, const tc_store_filter *f, const char *group,
                                 tc_store_group_fn fn, void *ud);

/* A mention joined with its event and document (for GDELT mentions export, report). */
typedef struct tc_store_mention_row {
    int64_t id, event_id;
    const char *event_date, *event_added;
    const char *doc, *url, *outlet, *pubdate;
    int sent;
    const char *sentence;
    int32_t src_start, tgt_start, verb_start;
    const char *verb, *pattern, *source_text, *target_text;
} tc_store_mention_row;
typedef int (*tc_store_mention_fn)(const tc_store_mention_row *row, void *ud);
/* All mentions of events matching f (ordered by event id, mention id). */
tc_status tc_store_mentions(tc_store *st, const tc_store_filter *f, tc_store_mention_fn fn,
                            void *ud);

/* The raw connection (sqlite3 *), for the report module's aggregate queries. */
void *tc_store_db(tc_store *st);
/* Internal to src/store and src/report: fill TEMP table "sel"(id) with the ids of the events
 * matching f (replacing an earlier one); *n gets their number. */
tc_status tc_store_select_ids_(tc_store *st, const tc_store_filter *f, int64_t *n);
/* Internal to src/store and src/report: the store's diagnostics sink. */
tc_diag *tc_store_diag_(tc_store *st);

#endif
