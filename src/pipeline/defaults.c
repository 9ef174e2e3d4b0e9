/* defaults.c - loading the embedded default dictionaries. */
#include "defaults.h"

#include <string.h>

typedef struct deffile {
    const char *name;
    const char *label; /* name in messages and provenance (static: the dictionary keeps it) */
    const unsigned char *data;
    const size_t *len;
    int kind; /* 0 actors, 1 agents, 2 verbs, 3 discards */
} deffile;

static const deffile FILES[] = {
    {"countries.actors.txt", "default:countries.actors.txt", tc_defdict_countries,
     &tc_defdict_countries_len, 0},
    {"igos.actors.txt", "default:igos.actors.txt", tc_defdict_igos, &tc_defdict_igos_len, 0},
    {"people.actors.txt", "default:people.actors.txt", tc_defdict_people, &tc_defdict_people_len, 0},
    {"agents.txt", "default:agents.txt", tc_defdict_agents, &tc_defdict_agents_len, 1},
    {"verbs.txt", "default:verbs.txt", tc_defdict_verbs, &tc_defdict_verbs_len, 2},
    {"discards.txt", "default:discards.txt", tc_defdict_discards, &tc_defdict_discards_len, 3},
};

int tc_pipe_default_file(const char *name, const char **data, size_t *len)
{
    for (size_t i = 0; i < sizeof FILES / sizeof FILES[0]; i++) {
        if (strcmp(FILES[i].name, name)) continue;
        *data = (const char *)FILES[i].data;
        *len = *FILES[i].len;
        return 1;
    }
    return 0;
}

tc_status tc_pipe_load_defaults(tc_dict *d, tc_diag *diag)
{
    for (size_t i = 0; i < sizeof FILES / sizeof FILES[0]; i++) {
        const deffile *f = &FILES[i];
        const char *buf = (const char *)f->data;
        size_t len = *f->len;
        const char *name = f->label;
        tc_status st;
        switch (f->kind) {
        case 0: st = tc_dict_actors_mem(d, name, buf, len, diag); break;
        case 1: st = tc_dict_agents_mem(d, name, buf, len, diag); break;
        case 2: st = tc_dict_verbs_mem(d, name, buf, len, diag); break;
        default: st = tc_dict_discards_mem(d, name, buf, len, diag); break;
        }
        if (st != TC_OK) return st;
    }
    return TC_OK;
}
