/* split.h - sentence splitting: fills doc->sent (tokens and words) from doc->text.
 *
 * Rule-based sentence boundary detection over the surface tokens of
 * tokenize.h: full stops, ?! runs and ellipses followed by a sentence start;
 * abbreviations (titles never end a sentence; U.S., Inc., a.m. ... only before
 * a typical sentence-initial word), initials, numbered and lettered lists and
 * bullets, closing quotes and brackets after the stop, paragraph breaks (a blank
 * line always; a single newline too, unless the text is hard-wrapped or a
 * lowercase continuation of a sentence follows).  Sentences longer than
 * max_tokens are cut.  Web-text habits: lowercase starts after "?" (and after
 * "." or "!" following an ordinary lowercase word), emoticons, closing formulas
 * ("Regards,"), a short bracketed source after the stop; a link or an opening
 * bracket after a full stop starts a sentence.  Where the rules find
 * no boundary and are not sure there is none, an optional trained classifier
 * (tc_split_model, EWT-trained by `tacitus train splitter`) may add one: web
 * text often ends sentences without punctuation.  Every word gets byte offsets
 * into doc->text, an arena copy of its form and SpaceAfter; multi-word tokens
 * (don't -> do n't) are expanded with mwt_len/mwt_form on their first word; an
 * abbreviation ending a sentence gives its period to a word of its own (EWT).
 *
 * A tc_splitter holds reusable scratch buffers (one per thread).  All strings
 * of the result live in the document arena. */
#ifndef TC_SPLIT_H
#define TC_SPLIT_H

#include <stdint.h>
#include <stdio.h>

#include "core/doc.h"
#include "core/status.h"

typedef enum tc_split_nl {
    TC_NL_AUTO = 0, /* single newline: boundary unless the text is wrapped (default) */
    TC_NL_ALWAYS,   /* every newline ends a sentence */
    TC_NL_SPACE     /* single newlines are spaces; only blank lines are boundaries */
} tc_split_nl;

/* Optional trained boundary classifier (averaged perceptron over hashed
 * features of the tokens around each candidate gap, the rule decision among
 * them).  Read-only once loaded: one model can serve many splitters/threads. */
typedef struct tc_split_model tc_split_model;

typedef struct tc_split_opts {
    uint32_t max_tokens; /* cut sentences at this many surface tokens; 0 = 400 */
    tc_split_nl newline;
    const tc_split_model *model; /* NULL: rules only; not owned */
} tc_split_opts;

typedef struct tc_splitter tc_splitter;

/* opts may be NULL (defaults). */
tc_status tc_split_new(tc_splitter **out, const tc_split_opts *opts);
void tc_split_free(tc_splitter **sp);

/* Replace doc->sent with the sentences of doc->text. */
tc_status tc_split_doc(tc_splitter *sp, tc_doc *doc);

/* Model file: "TCSPLIT1", u32 version (3; bumped when the features change), u32 hash bits, u32 count, then count
 * pairs (u32 feature index, f32 weight), all little-endian.  A file of another
 * version gives TC_EVERSION, a short one TC_ETRUNC; reasons go to diag. */
tc_status tc_split_model_load(tc_split_model **out, const char *path, tc_diag *diag);
tc_status tc_split_model_save(const tc_split_model *m, const char *path, tc_diag *diag);
void tc_split_model_free(tc_split_model **m);

typedef struct tc_split_train_opts {
    unsigned epochs;  /* 0 = 10 */
    unsigned bits;    /* feature hash bits, 0 = 14 */
} tc_split_train_opts;

/* Train a model from raw text and the byte offsets where its gold sentences
 * end (sorted).  Paragraphs in text are separated by blank lines.  opts may be
 * NULL.  Progress (per-epoch accuracy) goes to diag at TC_LOG_INFO. */
tc_status tc_split_train(const char *text, size_t len, const uint32_t *ends, size_t nends,
                         const tc_split_train_opts *opts, tc_split_model **out, tc_diag *diag);

/* Write the sentences of doc as CoNLL-U (ID, FORM, MWT range lines, SpaceAfter=No,
 * and LEMMA/UPOS/XPOS/FEATS/HEAD/DEPREL when set) with "# sent_id = DOCID-N" and
 * "# text".  Returns TC_EIO on a write error. */
tc_status tc_split_write_conllu(const tc_doc *doc, FILE *f);

#endif
