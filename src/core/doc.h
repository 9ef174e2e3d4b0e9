/* doc.h - the document model every stage reads and writes.
 *
 * A tc_doc owns one arena; every string and array hanging off the document
 * (metadata, text, sentences, tokens, given parses, gold events) lives in that
 * arena and dies with tc_doc_free.  Stages fill the parts they are
 * responsible for:
 *   io     - metadata, raw text, given parse / gold data of validation records
 *   clean  - text (cleaned), dateline fields, dropped-line log
 *   nlp    - sentences and tokens (offsets into doc->text), tags, lemmas, heads
 *   code   - events (declared by the code module, attached via doc->events)
 * Offsets are byte offsets into doc->text (UTF-8). */
#ifndef TC_DOC_H
#define TC_DOC_H

#include <stddef.h>
#include <stdint.h>

#include "mem.h"

/* One syntactic word (CoNLL-U line).  Multi-word tokens ("don't" -> "do" "n't"):
 * the first word carries mwt_len (number of words) and mwt_form (surface form);
 * start/end of each word point into the surface token where they can, and all
 * words of the token share the token's span otherwise. */
typedef struct tc_token {
    uint32_t start, end;   /* byte offsets of the surface form in doc->text */
    const char *form;      /* word form (NUL-terminated) */
    const char *lemma;     /* NULL until lemmatised */
    const char *upos;      /* NULL until tagged */
    const char *xpos;
    const char *feats;     /* "Number=Sing|..." or NULL */
    const char *deprel;    /* NULL until parsed */
    const char *misc;      /* extra MISC items besides SpaceAfter, or NULL */
    const char *mwt_form;  /* surface form of a multi-word token, on its first word */
    int32_t head;          /* 1-based head index in the sentence, 0 = root, -1 unknown */
    uint8_t mwt_len;       /* >1 on the first word of a multi-word token */
    uint8_t space_after;   /* 1 unless SpaceAfter=No */
    uint16_t upos_id;      /* tagger/parser internal ids (0 = unset) */
    uint16_t xpos_id;
    uint16_t deprel_id;
} tc_token;

typedef struct tc_sentence {
    uint32_t start, end;   /* byte span in doc->text */
    tc_token *tok;         /* array of ntok words */
    uint32_t ntok;
    uint32_t para;         /* paragraph index */
    const char *id;        /* sentence id (validation records) or NULL */
    const char *text;      /* sentence text, NUL-terminated (arena copy) */
} tc_sentence;

/* Key/value metadata: anything a reader keeps that has no field of its own
 * (validation record category, config options, environment, gold events...). */
typedef struct tc_meta {
    const char *key, *value;
} tc_meta;

typedef enum tc_parse_kind {
    TC_PARSE_NONE = 0,
    TC_PARSE_PENN,     /* Penn Treebank bracketed tree (PETRARCH) */
    TC_PARSE_CONLLU    /* CoNLL-U lines (UniversalPetrarch) */
} tc_parse_kind;

/* A gold event from a validation record. */
typedef struct tc_gold_event {
    const char *source, *target, *code; /* any may be NULL */
    const char *extra;                  /* other attributes, "k=v;..." or NULL */
} tc_gold_event;

typedef struct tc_doc {
    tc_arena arena;

    /* metadata */
    const char *id;             /* document id (never NULL once read) */
    const char *url;
    const char *title;
    const char *source;         /* outlet / source domain */
    const char *date;           /* "YYYY-MM-DD" or NULL */
    const char *datetime;       /* ISO 8601 "YYYY-MM-DDTHH:MM:SS" (UTC if known) or NULL */
    const char *dateline_place; /* "KYIV, Ukraine" */
    const char *dateline_agency;/* "AP", "Reuters" */
    const char *language;       /* ISO 639-1 or NULL */
    const char *path;           /* file it came from */
    long line;                  /* line in that file where it starts (1-based), 0 unknown */
    const char *format;         /* reader that produced it: "text", "jsonl", "petrarch-xml", ... */

    /* text: raw as read, then replaced by the cleaner (raw kept for provenance) */
    const char *raw;
    size_t raw_len;
    const char *text;
    size_t text_len;

    /* sentences (nlp) */
    tc_sentence *sent;
    uint32_t nsent, sent_cap;

    /* validation data (PETRARCH XML / TABARI records) */
    tc_parse_kind parse_kind;
    const char *parse;          /* given parse text, NULL if none */
    tc_gold_event *gold;
    uint32_t ngold;
    int gold_noevents;          /* record expects no events */
    int gold_error;             /* record expects a coding error */
    int disabled;               /* record marked sentence/valid/evaluate="false" */

    tc_meta *meta;
    uint32_t nmeta, meta_cap;

    /* filled by later stages; opaque here */
    void *events;
    uint32_t nevents;

    /* input repairs made while reading (invalid UTF-8 replaced, NULs dropped) */
    uint32_t n_repaired;
} tc_doc;

/* Allocate an empty document (id NULL). Returns NULL on OOM. */
tc_doc *tc_doc_new(void);
/* Free the document and everything in its arena; NULL is fine; nulls *d. */
void tc_doc_free(tc_doc **d);

/* Copy a string into the document arena (NULL -> NULL). */
const char *tc_doc_str(tc_doc *d, const char *s);
const char *tc_doc_strn(tc_doc *d, const char *s, size_t n);

/* Set raw text (copied); text is set to the same copy. */
tc_status tc_doc_set_text(tc_doc *d, const char *s, size_t n);
/* Replace the working text (copied) keeping raw. Sentences are cleared. */
tc_status tc_doc_replace_text(tc_doc *d, const char *s, size_t n);

/* Metadata: set (replace) or get by key; value copied. */
tc_status tc_doc_meta_set(tc_doc *d, const char *key, const char *value);
const char *tc_doc_meta_get(const tc_doc *d, const char *key);

/* Append a sentence with room for ntok tokens (zeroed, head = -1, space_after = 1).
 * Returns the sentence or NULL on OOM. */
tc_sentence *tc_doc_add_sentence(tc_doc *d, uint32_t start, uint32_t end, uint32_t ntok);
void tc_doc_clear_sentences(tc_doc *d);

tc_status tc_doc_add_gold(tc_doc *d, const char *src, const char *tgt, const char *code,
                          const char *extra);

#endif
