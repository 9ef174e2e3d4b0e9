/* coref.h - story-level reference resolution for coded events.
 *
 * The coder resolves a noun phrase inside its sentence; a story also says "the
 * president", "the secretary", "his counterpart" about people named sentences
 * earlier.  The coder codes such a phrase as a role without a country
 * ("---GOV").  tc_coref_doc finds every actor mention of the document (maximal
 * dictionary actor phrases over the words, people and organisations, with their
 * codes on the document date) and replaces each "---ROLE" source or target by
 * the nearest preceding mention with that role; for "counterpart" the mention
 * must also belong to another country than the event's other actor.  Only definite
 * singular roles ("the president", "his counterpart") and he/she are resolved; a
 * "---PER" whose text is a name the dictionaries lack ("Mr Brown said he ...") takes
 * the latest earlier mention ending with the same word ("Gordon Brown"), or nothing.
 * "Mr Brown" later in the story is a mention of that person too; he/she after a
 * sentence whose subject is a person no dictionary knows ("Mr Ostrander said ...")
 * only take mentions after it.
 * Events that stay unresolved keep their "---ROLE" code. */
#ifndef TC_COREF_H
#define TC_COREF_H

#include "core/doc.h"
#include "core/status.h"
#include "dict/dict.h"
#include "pipeline/pipeline.h"

/* Resolve the events of res in place (codes point into the dictionary or the
 * document arena).  date: YYYYMMDD of the document (0 unknown).  *resolved
 * counts the replaced actor codes (may be NULL). */
tc_status tc_coref_doc(const tc_dict *d, tc_doc *doc, int32_t date, tc_event *events,
                       uint32_t nevents, unsigned *resolved);

#endif
