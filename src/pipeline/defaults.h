/* defaults.h - the default dictionaries embedded in libtacitus.
 *
 * Generated at build time by mk/gendict.c from data/dict/ (written by the
 * tacitus team) and Debian's iso-codes; see data/dict/README.md. */
#ifndef TC_PIPE_DEFAULTS_H
#define TC_PIPE_DEFAULTS_H

#include <stddef.h>

#include "core/status.h"
#include "dict/dict.h"

extern const unsigned char tc_defdict_countries[], tc_defdict_igos[], tc_defdict_people[],
    tc_defdict_agents[], tc_defdict_verbs[], tc_defdict_discards[];
extern const size_t tc_defdict_countries_len, tc_defdict_igos_len, tc_defdict_people_len,
    tc_defdict_agents_len, tc_defdict_verbs_len, tc_defdict_discards_len;

/* Load every embedded default dictionary into d (actors, agents, verbs, discards).
 * Problems are reported through diag with the embedded file's name and line. */
tc_status tc_pipe_load_defaults(tc_dict *d, tc_diag *diag);

/* One embedded file by name ("countries.actors.txt", "igos.actors.txt",
 * "people.actors.txt", "agents.txt", "verbs.txt", "discards.txt"):
 * returns 1 and sets data and len if known. */
int tc_pipe_default_file(const char *name, const char **data, size_t *len);

#endif
