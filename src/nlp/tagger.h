/* tagger.h - part-of-speech and morphology tagger: UPOS, XPOS (Penn) and UFeats.
 *
 * Model: a greedy left-to-right averaged perceptron over (UPOS, XPOS) pairs seen in
 * training, with a second pass that also sees the first pass's tags to the right
 * (words the first pass is sure of keep its tag), followed by a feature classifier
 * that chooses the (universal) FEATS among those seen with the predicted tag pair.
 * Frequent unambiguous words are tagged from a table.  Features are hashed 64-bit
 * keys; the model file holds compact open-addressing tables of int16 weights
 * (sparse rows, dense rows for frequent features).  The same file also carries the
 * training-data lemma table used by the lemmatizer (lemma.h).
 *
 * Model file: magic "TCTAGGR\0", format version, size and a 64-bit checksum, then
 * sections.  Loading reads the file once and validates it: a short file gives
 * TC_ETRUNC, another version TC_EVERSION, anything else wrong TC_EFORMAT, each
 * with a message through diag.  The file is little-endian.
 *
 * Ownership: tc_tagger_tag writes upos/xpos/feats pointers that point into the
 * tagger's memory: keep the tagger alive as long as those tokens are used.  A
 * loaded tagger is read-only and may be shared by threads. */
#ifndef TC_TAGGER_H
#define TC_TAGGER_H

#include <stddef.h>
#include <stdint.h>

#include "core/doc.h"
#include "core/mem.h"
#include "core/status.h"

#define TC_TAGGER_VERSION 2

/* The 17 UD UPOS tags in a fixed order; index + 1 is what the tagger writes to
 * tok->upos_id (0 = unset).  tc_tagger_upos_index returns -1 for unknown strings. */
#define TC_UPOS_COUNT 17
extern const char *const tc_tagger_upos_names[TC_UPOS_COUNT];
int tc_tagger_upos_index(const char *upos);

typedef struct tc_tagger tc_tagger;

/* Load a model file.  On failure *out is NULL and the reason went to diag. */
tc_status tc_tagger_load(tc_tagger **out, const char *path, tc_diag *diag);
/* Load from memory (copied). name is used in messages. */
tc_status tc_tagger_load_mem(tc_tagger **out, const void *data, size_t len, const char *name,
                             tc_diag *diag);
void tc_tagger_free(tc_tagger **t);

/* Tag one sentence in place: upos, xpos, feats (NULL when none), upos_id
 * (1 + UPOS index), xpos_id (1 + tag-pair class).  Forms must be set. */
tc_status tc_tagger_tag(const tc_tagger *t, tc_sentence *s);
/* Tag every sentence of a document. */
tc_status tc_tagger_tag_doc(const tc_tagger *t, tc_doc *d);

/* Training-data lemma lookup: (form as written, UPOS index) when form is not NULL
 * and that pair was seen with another lemma than its lowercased form (Superior ->
 * Superior, superior -> superior; for PROPN also lower-case forms: al -> al where
 * Al is more frequent), else (lowercased form, UPOS, XPOS), falling back to
 * (lowercased form, UPOS) when xpos is NULL or that triple was not seen.  The
 * lowercased entries of names give the most frequent lemma (india -> India) and
 * pieces of split words (XPOS GW) vote only for their (form, UPOS, GW) entry.
 * Returns 0 when not found, else 2 when the form as written matched, 1 otherwise,
 * and sets *lemma: a string in the model, or NULL meaning "the form itself"
 * (*lower = 0) / "the lowercased form" (*lower = 1). */
int tc_tagger_lemma_lookup(const tc_tagger *t, const char *form, const char *lower, size_t len,
                           int upos, const char *xpos, const char **lemma, int *lower_rule);

/* Model statistics (for reports). */
typedef struct tc_tagger_info {
    uint32_t nclass, nfeats, tag_rows, tag_entries, feat_rows, feat_entries, nwords, nlemmas;
    uint32_t nwordnet; /* WordNet forms known to the model */
    size_t bytes;
} tc_tagger_info;
void tc_tagger_get_info(const tc_tagger *t, tc_tagger_info *info);

/* Training.  train and dev are CoNLL-U documents (conllu.h) with gold UPOS, XPOS,
 * FEATS and LEMMA; dev (may be NULL) chooses the best epoch (never pass test data).
 * Deterministic for a given seed.  Progress (one line per epoch) goes to diag at
 * TC_LOG_INFO.  On success *model / *model_len hold a model file image (tc_free). */
typedef struct tc_tagger_train_opts {
    int epochs;       /* 0: default 12 */
    uint64_t seed;    /* shuffling; 0 is a valid seed */
    double prune;     /* drop averaged weights with |w| below this; < 0: default 0.05 */
    int min_updates;  /* drop features updated fewer times (0: default 2; 1 keeps all) */
    int min_count;    /* ignore features seen fewer times in the gold data (0: default 2; 1: none) */
    const char *wordnet_dir; /* WordNet index/exc files whose POS classes become features
                              * (NULL: TC_TAGGER_WORDNET_DIR; missing files: no such features) */
    int mix;          /* > 1: train this many runs (one shuffle stream), each keeping its best
                       * dev epoch, and average their weights into one model (0, 1: one run) */
} tc_tagger_train_opts;

#define TC_TAGGER_WORDNET_DIR "/usr/share/wordnet"

tc_status tc_tagger_train(const tc_doc *train, const tc_doc *dev, const tc_tagger_train_opts *opts,
                          void **model, size_t *model_len, tc_diag *diag);

/* Accuracy of the tagger against gold tags of doc (copies of the tokens are tagged;
 * doc is unchanged): per-word UPOS, XPOS and universal-FEATS accuracy in [0,1]. */
tc_status tc_tagger_accuracy(const tc_tagger *t, const tc_doc *gold, double *upos, double *xpos,
                             double *feats);

/* Reduce a FEATS string to the universal features scored by UD evaluation (CoNLL
 * 2018 list), keeping order; writes "_"-free result to buf ("" when none).
 * Returns the length, or -1 when buf is too small. */
int tc_tagger_ufeats(const char *feats, char *buf, size_t bufsz);

#endif
