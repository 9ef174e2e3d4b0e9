/* event.h - a coded CAMEO event with its provenance (plain data).
 *
 * Produced by the coder (src/code/code.h) and consumed by the event store and
 * `tacitus code`.  All strings are NUL-terminated and live in the document's
 * arena (or in the dictionary, which must outlive the events): copy them if
 * the event must outlive either.  Offsets are byte offsets into doc->text;
 * start == end == 0 when there is no such span (e.g. target "---"). */
#ifndef TC_EVENT_H
#define TC_EVENT_H

#include <stdint.h>

typedef struct tc_event {
    /* the event */
    const char *source;        /* actor code, "---" when absent (require_dyad off) */
    const char *target;        /* actor code, "---" when absent */
    const char *code;          /* CAMEO event code, "042", "0231" */
    char root[3];              /* first two digits of code, "04" */

    /* provenance */
    const char *sentence_id;   /* sentence id (doc sentence id or doc id), never NULL */
    uint32_t sent;             /* sentence index in the document */
    const char *source_text;   /* surface text of the source noun phrase, or NULL */
    const char *target_text;   /* surface text of the target noun phrase, or NULL */
    uint32_t source_start, source_end;
    uint32_t target_start, target_end;
    const char *verb;          /* verb token form */
    uint32_t verb_tok;         /* 0-based token index of the verb in its sentence */
    uint32_t verb_start, verb_end;
    const char *pattern;       /* verb pattern that fired, as written, or NULL (verb/block default) */
    const char *pattern_file;  /* dictionary file and line of that pattern / verb line */
    long pattern_line;
    const char *source_entry;  /* actor dictionary primary phrase (NULL: agent only / none) */
    const char *source_entry_file;
    long source_entry_line;
    const char *target_entry;
    const char *target_entry_file;
    long target_entry_line;
    const char *transform;     /* "file:line" of a transformation that produced it, or NULL */
    int future;                /* 1: news mode turned an announced act ("will meet", "is due to
                                * visit") into its intent or threat code; dated by the statement */
    int32_t said_tok;          /* future: token of the verb that states it ("said"), -1 none */
} tc_event;

#endif
