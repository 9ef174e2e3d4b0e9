/* pipeline.h - raw news to events: clean -> split -> tag -> lemma -> parse -> code -> dates.
 *
 * A tc_pipe holds read-only resources shared by every thread: the tagger and
 * parser models and the dictionary (none owned by the pipe: the caller loads
 * and frees them).  A tc_pipe_ws is per-thread scratch (splitter and parser
 * workspaces).  tc_pipe_doc runs every stage over one document and leaves the
 * events in res (arena of the document: valid until tc_doc_free).
 *
 * Dates: the document date comes from doc->date (metadata), else the dateline
 * day/month with the year of opts->default_date, else opts->default_date,
 * else the first full calendar date in the text; each event then takes the
 * date of a temporal expression attached to its verb ("on Sunday", "last
 * week", "March 3") resolved against the document date. */
#ifndef TC_PIPELINE_H
#define TC_PIPELINE_H

#include <stdint.h>

#include "code/code.h"
#include "code/event.h"
#include "core/doc.h"
#include "core/status.h"
#include "dict/dict.h"

struct tc_tagger;
struct tc_parser;
struct tc_lemma;

typedef struct tc_pipe_opts {
    int clean;                /* run the scraped-text cleaner (default 1) */
    int given_parse;          /* use doc->sent as given (CoNLL-U input) when tagged+parsed */
    const char *default_date; /* "YYYY-MM-DD" for documents without a date, or NULL */
    int parse_all;            /* parse every sentence (default: only those that can hold an event) */
    int keep_unresolved;      /* keep events whose actor is a role without a country ("---GOV") */
    tc_code_opts code;
} tc_pipe_opts;

void tc_pipe_opts_default(tc_pipe_opts *o);

typedef struct tc_pipe {
    const struct tc_tagger *tagger;        /* required for raw text */
    const struct tc_lemma *lemma;          /* optional (lemmas from the tagger's table only) */
    const struct tc_parser *parser;        /* required for raw text */
    const tc_dict *dict;                   /* required */
    tc_pipe_opts opts;
} tc_pipe;

typedef struct tc_pipe_ws tc_pipe_ws;
tc_status tc_pipe_ws_new(tc_pipe_ws **out);
void tc_pipe_ws_free(tc_pipe_ws **ws);

/* One coded event with its resolved date. */
typedef struct tc_pipe_event {
    const tc_event *ev;  /* the coder's event (in doc->events) */
    char date[11];       /* "YYYY-MM-DD" or "" when unknown */
    int date_from_text;  /* 1: from a temporal expression of the sentence */
} tc_pipe_event;

typedef struct tc_pipe_result {
    tc_pipe_event *events; /* in the document arena */
    uint32_t nevents;
    char doc_date[11];     /* the document date used ("" unknown) */
    const char *doc_date_source; /* "metadata", "dateline", "default", "text", "" */
    uint32_t nsent;
    int discarded;         /* story-level discard */
} tc_pipe_result;

tc_status tc_pipe_doc(const tc_pipe *p, tc_pipe_ws *ws, tc_doc *doc, tc_pipe_result *res,
                      tc_diag *diag);

#endif
