/* udeval.h - CoNLL 2018 shared-task evaluation of a system analysis against gold.
 *
 * Semantics of conll18_ud_eval.py: both documents are reduced to the sequence of
 * the characters of their surface tokens (multi-word token forms, or word forms
 * outside multi-word tokens) with whitespace removed; the two sequences must be
 * identical.  Tokens and sentences are scored by their character spans, words by
 * an alignment: words outside multi-word tokens align when their spans match,
 * inside a region of overlapping multi-word tokens by the longest common
 * subsequence of their lowercased forms.  Every metric is an F1 (precision =
 * correct / system, recall = correct / gold):
 *   Tokens, Sentences, Words     matching spans / aligned words
 *   UPOS, XPOS                   aligned words with the same tag
 *   UFeats                       same universal features (sorted set)
 *   Lemmas                       same lemma (any when the gold lemma is "_")
 *   UAS                          aligned words whose heads align (root = root)
 *   LAS                          UAS and the same universal relation (no subtype)
 * Spans are counted in bytes (equivalent to characters when both sides have the
 * same character sequence).
 *
 * Pure computation over two documents (conllu.h); nothing is owned. */
#ifndef TC_UDEVAL_H
#define TC_UDEVAL_H

#include <stddef.h>

#include "core/doc.h"
#include "core/status.h"

typedef enum tc_udeval_metric {
    TC_UD_TOKENS,
    TC_UD_SENTENCES,
    TC_UD_WORDS,
    TC_UD_UPOS,
    TC_UD_XPOS,
    TC_UD_UFEATS,
    TC_UD_LEMMAS,
    TC_UD_UAS,
    TC_UD_LAS,
    TC_UD_NMETRICS
} tc_udeval_metric;

/* "Tokens", "Sentences", "Words", "UPOS", "XPOS", "UFeats", "Lemmas", "UAS", "LAS" */
extern const char *const tc_udeval_names[TC_UD_NMETRICS];

typedef struct tc_udeval_score {
    size_t gold, system, correct;
    double precision, recall, f1; /* in [0, 1] */
} tc_udeval_score;

typedef struct tc_udeval_result {
    tc_udeval_score m[TC_UD_NMETRICS];
} tc_udeval_result;

/* Score system against gold.  TC_EPARSE (with a message through diag naming
 * the first differing characters) when the character sequences differ;
 * TC_ENOMEM. */
tc_status tc_udeval_compare(const tc_doc *gold, const tc_doc *system, tc_udeval_result *res,
                            tc_diag *diag);

#endif
