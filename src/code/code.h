/* code.h - the CAMEO event coder over Universal Dependencies parses.
 *
 * Input: a document whose sentences carry tokens with form, lemma, upos, head
 * and deprel (UD v1 or v2 labels); a loaded tc_dict.  Output: tc_event records
 * (event.h) in doc->events / doc->nevents (array in the document arena,
 * replaced on each call).
 *
 * Per sentence: discard check (story / sentence phrases); for every VERB token
 * found in the verbs dictionary (written form first, then lemma plus particles;
 * a lemma hit whose form is not a regular inflection is taken as a typo):
 *   - source = nsubj (passive: obl:agent / nmod:agent / "by" PP, else another
 *     PP), inherited through xcomp/conj/advcl, the modified noun for acl;
 *     target = obj (passive: nsubj:pass), else iobj, else the first PP with an
 *     actor, else the object or PP of a "to" infinitive below, else the subject
 *     of a complement clause whose verb is not in the dictionary;
 *   - noun phrases: own words (compound, amod, det, flat, nummod, nmod:poss),
 *     longest actor and agent phrases (several agents combine, [CODE~] prefixes),
 *     multi-word phrases running into "of" modifiers, TABARI -s endings, then
 *     possessor / PP / apposition / participle-agent fallbacks; conj and appos
 *     fan out (also conjuncts inside modifiers and inside the PP that gave the
 *     actor), agent-only conjuncts share the first conjunct's actor; pronouns
 *     resolve to the nearest preceding actor, relative pronouns to their noun;
 *   - the verb block's patterns are matched against the heads of the subject
 *     and of object/PP/xcomp dependents (and their nmod chains); the pattern
 *     matching most tokens wins (file order breaks ties), else the verb's or the
 *     block's code; TABARI markers in patterns pick the source ($) or target (+)
 *     among the dependents, ^ skips one, % makes compound subjects reciprocal;
 *   - [A:B] codes give A for source->target and B for target->source;
 *   - negation (not/n't/never) through the PICO table (code - 0xFFFF), dropped
 *     when unmapped; modal auxiliaries only with opts.modals;
 *   - several sources and no target with a % pattern or an 03-06 code give
 *     reciprocal events;
 * then say-verb transformations (~ rules) over ccomp/xcomp events, events of
 * embedded xcomp/ccomp/advcl verbs dropped when their governor coded an event,
 * require_dyad (a source is always required), self-events and duplicates dropped.
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
    int new_actor_length;  /* PETRARCH's uncoded-NP actors '"TEXT"': accepted, not implemented */
    int use_pico;          /* 1 (default): negation via the PICO table when loaded */
    int modals;            /* 1: combine modal auxiliaries coded in the verbs file ("will" [030])
                            * with the main verb by PICO hex addition (PETRARCH2); 0 (default):
                            * the main verb's code alone (UniversalPetrarch's UD gold) */
    int targetless;        /* with require_dyad off, which verbs give an event without a target
                            * actor: 0 (default) any; 1 (PETRARCH-1 trees) a verb with an object,
                            * a passive subject or a prepositional phrase ("said on Saturday", not
                            * "said today"); 2 (UniversalPetrarch) only a verb with an object or
                            * a passive subject ("burned down its embassy", not "said on Saturday") */
    int news;              /* 1 (tacitus code): news mode for story-level resolution
                            * (pipeline/coref.h): keep "---ROLE" -> "---ROLE" pairs, write
                            * "---PER" for he/she without an antecedent in the sentence, and
                            * prefer a named person after a country adjective ("Ukrainian
                            * President Volodymyr Zelenskyy" -> UKRGOV); 0 (default): off */
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
