/* parser.h - greedy arc-hybrid dependency parser producing UD v2 relations.
 *
 * Transition system: arc-hybrid (SHIFT, LEFT, RIGHT) with the artificial root
 * at the end of the buffer and a single-root constraint, so every parse is a
 * well-formed projective tree (one root, no cycles, heads in range).  The
 * transition is predicted first (3 classes), then the label of the new arc by
 * a second classifier.  Both are averaged perceptrons over hashed features in
 * the spirit of Zhang & Nivre 2011 (words/tags of S0..S2, N0..N2, children,
 * valency, distance, label sets), trained with the arc-hybrid dynamic oracle
 * (Goldberg & Nivre 2013) and exploration.  Non-projective gold arcs (0.17% of
 * EWT arcs) are handled pseudo-projectively (Nivre & Nilsson 2005): training lifts
 * them until the tree is projective and marks the most frequent lifts in the label
 * ("d\u2191h": d lifted from a head labelled h; up to MAX_LABELS labels in all),
 * and after each parse a word with such a label goes back to the first word labelled
 * h below its head (tc_parser_deprojectivise); output labels are plain UD labels.
 * Models without lift labels load and parse as before (the file format is the same).
 *
 * Input of parsing: a tc_sentence whose tokens have form, upos and xpos (NULL
 * allowed).  Output: tok[i].head (0 = root), tok[i].deprel, tok[i].deprel_id.
 * deprel points into the parser's label table: it stays valid while the
 * tc_parser lives (copy it if the document outlives the model).
 *
 * Model file: little-endian binary, magic "TCPARSE", version, checksum; the
 * weights are int16 (or int8, version 2) with one scale per table.  Loading a file that is
 * truncated, corrupt or of another version fails with TC_ETRUNC / TC_EFORMAT /
 * TC_EVERSION and a message through diag.
 *
 * Ownership: tc_parser and tc_parser_ws belong to their creator (free with
 * tc_parser_free / tc_parser_ws_free).  A tc_parser is read-only after
 * training/loading and can be shared by threads, each with its own ws. */
#ifndef TC_PARSER_H
#define TC_PARSER_H

#include <stddef.h>
#include <stdint.h>

#include "core/doc.h"
#include "core/status.h"

#define TC_PARSER_VERSION 1
#define TC_PARSER_VERSION_INT8 2 /* the same with int8 weights (weight_bits 8) */

typedef struct tc_parser tc_parser;
/* Reusable scratch space for parsing (grows to the longest sentence seen). */
typedef struct tc_parser_ws tc_parser_ws;

typedef struct tc_parser_train_opts {
    int epochs;          /* maximum epochs (default 15) */
    int patience;        /* stop after this many epochs without dev gain (default 4) */
    uint64_t seed;       /* shuffling and exploration (default 1) */
    int explore_after;   /* epochs with the gold path only (default 1) */
    double explore_p;    /* then follow the model's prediction with this prob. (0.9) */
    unsigned trans_bits; /* log2 rows of the transition table (default 20) */
    unsigned label_bits; /* log2 rows of the label table (default 16) */
    int min_word_count;  /* words seen fewer times are unknown (default 2) */
    int mix;             /* train this many runs (seeds) and average their weights (1) */
    int weight_bits;     /* 16 (default) or 8: int8 weights, half the size, faster */
    /* Called after each epoch (may be NULL). dev_* are -1 without dev data.
     * epoch = run * 1000 + epoch; 0 for the final mixture of several runs. */
    void (*progress)(void *ud, int epoch, double train_acc, double dev_uas, double dev_las,
                     int is_best);
    void *progress_ud;
} tc_parser_train_opts;

void tc_parser_train_opts_default(tc_parser_train_opts *o);

/* Train on train[0..ntrain) (gold head/deprel, upos/xpos as the parser will see
 * them at run time); dev (may be NULL) selects the best epoch by LAS.
 * Sentences without a complete gold tree (head -1 or out of range) are skipped
 * with a warning. Deterministic for a fixed seed. */
tc_status tc_parser_train(tc_parser **out, const tc_sentence *train, size_t ntrain,
                          const tc_sentence *dev, size_t ndev, const tc_parser_train_opts *opts,
                          tc_diag *diag);

tc_status tc_parser_save(const tc_parser *p, const char *path, tc_diag *diag);
tc_status tc_parser_load(tc_parser **out, const char *path, tc_diag *diag);
/* Load from memory (copied). name is used in messages. */
tc_status tc_parser_load_mem(tc_parser **out, const void *data, size_t len, const char *name,
                             tc_diag *diag);
void tc_parser_free(tc_parser **p);

tc_parser_ws *tc_parser_ws_new(void);
void tc_parser_ws_free(tc_parser_ws **ws);

/* Parse one sentence in place (see above).  TC_ENOMEM if the workspace could
 * not grow. Sentences of 0 tokens are fine. */
tc_status tc_parser_parse(const tc_parser *p, tc_parser_ws *ws, tc_sentence *s);
/* Re-attach punctuation by the UD convention, using only the tree of the other
 * words (tc_parser_parse calls it on its result; training does not).  Marks
 * with upos PUNCT and deprel "punct" that delimit a phrase or clause (, ; : --
 * quotes, brackets) go to the highest word next to them whose attachment keeps
 * the tree projective: the highest ancestor of the word on their left whose
 * subtree ends there, or of the word on their right whose subtree starts there
 * (a tie: the phrase farther from the two's head; opening brackets look right,
 * closing ones left); a pair of quotes/brackets around a span with one head
 * attaches both ends to it.  Other marks (. ? ! - / ...) keep their head.
 * A word that hangs from a mark (a parser slip) moves to the mark's nearest
 * word ancestor first, so the result stays a tree.  Heads only change (labels
 * stay); a sentence whose heads are not a tree (or with a mark as root) is
 * left as it is.  ws is scratch space; O(n) per mark. */
tc_status tc_parser_fix_punct(tc_parser_ws *ws, tc_sentence *s);
/* Parse every sentence of doc. */
tc_status tc_parser_parse_doc(const tc_parser *p, tc_parser_ws *ws, tc_doc *doc);

/* Labels known to the model: ids 1..n. */
size_t tc_parser_nlabels(const tc_parser *p);
const char *tc_parser_label(const tc_parser *p, size_t id);

/* Attachment scores of p on gold sentences (not modified): words, correct
 * heads, correct head+full label. */
tc_status tc_parser_score(const tc_parser *p, tc_parser_ws *ws, const tc_sentence *gold,
                          size_t n, size_t *words, size_t *uas, size_t *las);

/* 1 if the gold tree of s is projective (and complete), else 0. */
int tc_parser_projective(const tc_sentence *s);

/* Pseudo-projective parsing (Nivre & Nilsson 2005, "head" encoding).
 * tc_parser_lift: projectivise the gold tree of s in place: while some arc is
 * non-projective, the dependent of the shortest one (the leftmost of equal ones) is
 * re-attached to its head's head.  orig (ntok entries, may be NULL) receives the
 * original head of each lifted word, else -1.  Returns the number of words lifted, or -1
 * if s has no complete tree (s unchanged) or memory ran out.
 * tc_parser_projectivise: the same, and each lifted word's deprel d becomes "d\u2191h"
 * (h = the deprel of its original head), written in buf (ntok * TC_PARSER_LABEL_LEN bytes).
 * tc_parser_deprojectivise: the inverse: every word whose deprel is "d\u2191h" goes to the
 * first word labelled h found breadth-first, left to right, in its head's subtree
 * outside its own (top-down; it stays if there is none) and its deprel becomes d (in
 * buf).  Returns the number of marked words, or -1.  Training lifts the gold trees and
 * encodes the most frequent (d, h) pairs as labels of their own (while the label table has
 * room, seen at least twice; other lifted words keep d); parsing undoes them, so output
 * deprels are always plain UD labels. */
enum { TC_PARSER_LABEL_LEN = 32 };
int tc_parser_lift(tc_sentence *s, int *orig);
int tc_parser_projectivise(tc_sentence *s, char *buf);
int tc_parser_deprojectivise(tc_sentence *s, char *buf);

/* Oracle self-check (for tests): follow the static oracle on the gold tree of
 * s.  *reproduced = 1 if the derived tree equals the gold heads; *max_cost =
 * the largest dynamic-oracle cost of any transition the static oracle chose
 * (0 for a correct oracle); *nsteps = transitions taken. */
tc_status tc_parser_oracle_check(const tc_sentence *s, int *reproduced, int *max_cost,
                                 int *nsteps);

/* Dynamic-oracle check (for tests): take nrandom random legal transitions, then
 * always a minimum-cost one.  For a projective gold tree a correct oracle gives
 * *errors (wrong heads at the end) == *sum_cost (costs of the transitions taken). */
tc_status tc_parser_oracle_explore(const tc_sentence *s, uint64_t seed, int nrandom,
                                   int *sum_cost, int *errors);

#endif
