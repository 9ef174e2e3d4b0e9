/* code.h - the CAMEO event coder over Universal Dependencies parses.
 *
 * Input: a document whose sentences carry tokens with form, lemma, upos, head
 * and deprel (UD v1 or v2 labels); a loaded tc_dict.  Output: tc_event records
 * (event.h) in doc->events / doc->nevents (array in the document arena,
 * replaced on each call).
 *
 * What it does per sentence: discard check; noun phrases from dependency
 * subtrees (compound, amod, det, nmod:poss, flat, appos, conj, nmod/obl with
 * case) resolved to actor + agent codes with the record date; verb lookup by
 * lemma (then form) plus particles; pattern matching against subject, object
 * and prepositional dependents; passive voice; compound fan-out; xcomp/conj
 * subject inheritance; say-verb transformations; negation and modals through
 * the PICO hex ontology when one is loaded; pronouns resolved to the nearest
 * preceding actor; require_dyad.
 *
 * The coder never modifies the dictionary: any number of threads may code
 * different documents with the same tc_dict. */
#ifndef TC_CODE_H
#define TC_CODE_H

#include "code/event.h"
#include "core/doc.h"
#include "core/status.h"
#include "dict/dict.h"

typedef struct tc_code_opts {
    int require_dyad;      /* 1 (default): events need a source and a target */
    int new_actor_length;  /* > 0: uncoded NPs up to this many words become '"TEXT"' actors (not yet) */
    int use_pico;          /* 1 (default): negation via the PICO table when loaded */
    int modals;            /* 1: combine modal auxiliaries coded in the verbs file ("will" [030])
                            * with the main verb by PICO hex addition (PETRARCH2); 0 (default):
                            * the main verb's code alone (UniversalPetrarch's UD gold) */
} tc_code_opts;

void tc_code_opts_default(tc_code_opts *o);

enum { TC_CODE_OK = 0, TC_CODE_SENT_DISCARD = 1, TC_CODE_STORY_DISCARD = 2 };

typedef struct tc_code_info {
    int discard;           /* TC_CODE_*_DISCARD if a discard phrase matched */
    uint32_t nverbs;       /* dictionary verbs seen */
} tc_code_info;

/* Code every sentence of doc.  date: YYYYMMDD for date-restricted actors
 * (0: taken from doc->date, else unrestricted defaults).  info may be NULL.
 * A story-level discard drops all events of the document; a sentence-level
 * discard drops that sentence's events. */
tc_status tc_code_doc(const tc_dict *d, const tc_code_opts *o, tc_doc *doc, int32_t date,
                      tc_code_info *info);

#endif
