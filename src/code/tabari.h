/* tabari.h - TABARI-dialect event coding: TABARI's shallow word-sequence semantics.
 *
 * TABARI (and its validation suite) codes a sentence as a sequence of words, not a
 * tree: dictionary words are stems unless they end in '_' ('=' also forbids the
 * regular endings S ED ES EN ING 'S), multi-word phrases allow intervening words
 * where they are joined by a blank and forbid them where joined by '_' (or '~',
 * which keeps the first word a stem).  A tc_tabari holds TABARI-format actors,
 * agents and verbs (with <NOUN>/<ADJECTIVE> lists, <SYNSETS>, <TIME> phrases,
 * irregular forms "{BROKE_ BROKEN_}", patterns with $ + % ^ markers, {a | b}
 * alternatives, [A:B] paired codes, ? subordinate and ! dominant suffixes) and
 * the .options settings that change the coding (COMPLEX, COMMA, DEFAULT,
 * SET: CODE BY, CONVERT AGENTS, MINIMUM WORDS, FORWARD).
 *
 * Coding a document (whose tokens come from tacitus' own splitter and tokenizer):
 * the tokens are joined back into TABARI words (hyphens split words, commas and
 * quotes are words), words are classified by longest dictionary match (a verb
 * after A/AN/THE or capitalised inside the sentence is a noun), agents attach to
 * an adjacent actor (or "AGENT OF|IN ACTOR"), pronouns are resolved (HE/SHE/IT:
 * first actor; ITS/HIS/HER: nearest actor before; THEY/THEM/THEIR: first compound),
 * compound actors "A, B and C" are formed, comma-delimited nonrestrictive clauses
 * are dropped, the sentence is split into clauses at conjunctions, and in each
 * clause the verbs are tried left to right: the longest matching pattern gives the
 * code and any designated actors (pattern words before '*' are found from the verb
 * back, those after it forward, neither across a comma; a synset adds no length, a
 * set of alternatives counts as its longest member and lets longer patterns than
 * what it matched be tried first), the default source is the first actor before the
 * verb (after a clause with a verb, that clause's source unless an actor opens the
 * clause; with no actor before the verb, the first one after it), the default target
 * the first actor after it with a different code (not one passed over by '^', not
 * an object pronoun standing for the source), else the first other actor before it,
 * else a compound member with a different code (a '?' code: else an actor of an earlier
 * clause); passive voice (WAS/WERE/BEEN ...
 * VERB [word] BY) swaps them.  A clause codes its first event; '?' codes count only
 * when the clause has no other, '!' codes suppress all others.  With FORWARD a pronoun before any actor stands for the first actor of
 * the previous record when the record id (by the FORWARD format) is the next sentence
 * of the same story.
 *
 * Ownership: a tc_tabari owns its dictionaries and options (tc_tabari_free).  It
 * holds state (options, FORWARD pronoun memory): one thread at a time. */
#ifndef TC_TABARI_H
#define TC_TABARI_H

#include <stddef.h>
#include <stdint.h>

#include "core/doc.h"
#include "core/status.h"

typedef struct tc_tabari tc_tabari;

enum { TC_TABARI_ACTORS = 0, TC_TABARI_AGENTS = 1, TC_TABARI_VERBS = 2 };

/* Outcome of coding one record. */
enum { TC_TABARI_CODED = 0, TC_TABARI_DISCARD = 1, TC_TABARI_COMPLEX = 2 };

#define TC_TABARI_MAXEV 64

typedef struct tc_tabari_event {
    char src[64], tgt[64], code[16];
} tc_tabari_event;

typedef struct tc_tabari_result {
    int outcome;                 /* TC_TABARI_* */
    const char *why;             /* static text: why discarded / complex, or NULL */
    int nev;
    tc_tabari_event ev[TC_TABARI_MAXEV];
    char trace[2048];            /* the words as classified ("GONDOR/A SAID/V [dropped] ...")
                                  * and the patterns that fired: for --verbose output */
} tc_tabari_result;

tc_status tc_tabari_new(tc_tabari **out);
void tc_tabari_free(tc_tabari **t);

/* Read a dictionary (kind TC_TABARI_*) from a file or a buffer; a bad line is
 * reported through diag (file:line) and skipped. */
tc_status tc_tabari_load(tc_tabari *t, int kind, const char *path, tc_diag *diag);
tc_status tc_tabari_load_mem(tc_tabari *t, int kind, const char *name, const char *buf, size_t len,
                             tc_diag *diag);

/* Apply one .options line ("COMPLEX: VERBS[5] CONJ[4] NOACTPRIOR", "DEFAULT: OFF",
 * "SET: CODE BY SENTENCE", "COMMA: MIN=1 MAX=8", ...); unknown lines are ignored. */
void tc_tabari_option(tc_tabari *t, const char *line);
/* Read an .options file (lines starting with "//" or '#' are comments). */
tc_status tc_tabari_options_file(tc_tabari *t, const char *path);

/* Code the whole document text as one TABARI record.  date: YYYYMMDD (0 = unknown,
 * unrestricted actor codes); id: the record id (for FORWARD sequencing, may be NULL). */
tc_status tc_tabari_code(tc_tabari *t, const tc_doc *doc, int32_t date, const char *id,
                         tc_tabari_result *res);

#endif
