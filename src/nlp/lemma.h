/* lemma.h - English lemmatizer: training-data lookup, WordNet exceptions, suffix rules.
 *
 * For a word with its UPOS (and Penn XPOS when known), in this order:
 *   1. the training-data table carried by the tagger model, keyed by
 *      (lowercased form, UPOS) (tc_tagger_lemma_lookup; skipped without a tagger);
 *   2. proper nouns, punctuation, symbols keep their form; numbers in digits too
 *      (12,000 -> 12000; a decimal comma becomes a point: 7,5 -> 7.5);
 *   3. drawn-out letters (sooooo, prettty) are shortened to a spelling the table
 *      or WordNet knows, which is then lemmatised; a NOUN/PROPN/VERB ending in 's
 *      is the word before it (DJ's -> dj, let's -> let; decades: 80's -> 80s);
 *   4. an unseen NOUN in capitals that WordNet does not know keeps its form (GISB);
 *   5. for NOUN/VERB/ADJ/ADV (and AUX) forms that look inflected (by XPOS: NNS, VBZ,
 *      VBD, VBN, VBG, JJR, JJS, RBR, RBS; without XPOS: any not in WordNet), the
 *      WordNet exception lists (*.exc), then Morphy-style suffix rules whose result
 *      is checked against the WordNet index lemmas of that part of speech, then
 *      the form itself when WordNet lists it (earnings), then unchecked fallback
 *      rules (undoubling, -ies -> -y, ...);
 *   6. otherwise the lowercased form.
 * A capitalised ADJ/NOUN/VERB/ADV tagged NNP/NNPS (part of a name) keeps a capital:
 * Superior -> Superior, UNITED -> United, Rolling -> Roll.  Plural names (NNPS) lose
 * their plural ending and get a capital (Churches -> Church, democrats -> Democrat).
 * In tc_lemma_sentence the first word (after punctuation only) is looked up
 * without its capital unless it is a PROPN: a capital there is not a name's; in a
 * sentence all in capitals a name in capitals gets one capital (TEHRAN -> Tehran)
 * unless the table has it in capitals (USA).
 * WordNet is read at open time from a directory holding index.{noun,verb,adj,adv}
 * and {noun,verb,adj,adv}.exc (Debian wordnet-base: /usr/share/wordnet); when it is
 * missing the lemmatizer works without it (steps 1, 2 and the unchecked rules).
 *
 * Ownership: a tc_lemma is read-only after open and may be shared by threads.
 * Lemma strings written to tokens live in the document arena or are the token's
 * own form. */
#ifndef TC_LEMMA_H
#define TC_LEMMA_H

#include <stddef.h>

#include "core/doc.h"
#include "core/status.h"
#include "nlp/tagger.h"

#define TC_LEMMA_WORDNET_DIR "/usr/share/wordnet"

typedef struct tc_lemma tc_lemma;

/* Open with WordNet from wordnet_dir (NULL: TC_LEMMA_WORDNET_DIR).  A missing or
 * unreadable directory is not an error: an info note goes to diag and WordNet is
 * not used (tc_lemma_has_wordnet says so).  TC_ENOMEM is the only failure. */
tc_status tc_lemma_open(tc_lemma **out, const char *wordnet_dir, tc_diag *diag);
void tc_lemma_free(tc_lemma **lm);
int tc_lemma_has_wordnet(const tc_lemma *lm);

/* Lemma of one word into buf (NUL-terminated, truncated to bufsz - 1); returns its
 * length.  lm and tagger may be NULL; upos/xpos may be NULL (unknown). */
size_t tc_lemma_word(const tc_lemma *lm, const tc_tagger *tagger, const char *form,
                     const char *upos, const char *xpos, char *buf, size_t bufsz);

/* Set tok->lemma for every word of s (using its upos/xpos); strings go to doc's arena. */
tc_status tc_lemma_sentence(const tc_lemma *lm, const tc_tagger *tagger, tc_doc *doc,
                            tc_sentence *s);
tc_status tc_lemma_doc(const tc_lemma *lm, const tc_tagger *tagger, tc_doc *doc);

#endif
