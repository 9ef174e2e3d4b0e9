/* fuzz_dict_common.h - shared body of the dictionary-reader harnesses (fuzz_dict_actors,
 * fuzz_dict_agents, fuzz_dict_verbs): load the input with one reader, then check the loaded
 * dictionary survives lookups and coding a few fixed sentences. */
#ifndef TC_FUZZ_DICT_COMMON_H
#define TC_FUZZ_DICT_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "code/code.h"
#include "dict/dict.h"
#include "nlp/conllu.h"

typedef tc_status (*tc_fuzz_dict_loader)(tc_dict *d, const char *name, const char *buf, size_t len,
                                         tc_diag *diag);

static const char tc_fuzz_dict_sample[] =
    "1\tValoria\tValoria\tPROPN\t_\t_\t3\tnsubj\t_\t_\n"
    "2\tgovernment\tgovernment\tNOUN\t_\t_\t1\tconj\t_\t_\n"
    "3\tsent\tsend\tVERB\t_\t_\t0\troot\t_\t_\n"
    "4\tarmored\tarmored\tADJ\t_\t_\t5\tamod\t_\t_\n"
    "5\ttroops\ttroop\tNOUN\t_\t_\t3\tobj\t_\t_\n"
    "6\tto\tto\tADP\t_\t_\t7\tcase\t_\t_\n"
    "7\tDreskar\tDreskar\tPROPN\t_\t_\t3\tobl\t_\t_\n"
    "8\tand\tand\tCCONJ\t_\t_\t9\tcc\t_\t_\n"
    "9\tit\tit\tPRON\t_\t_\t7\tconj\t_\t_\n"
    "\n"
    "1\tOstmark\tOstmark\tPROPN\t_\t_\t3\tnsubj:pass\t_\t_\n"
    "2\twas\tbe\tAUX\t_\t_\t3\taux:pass\t_\t_\n"
    "3\tattacked\tattack\tVERB\t_\t_\t0\troot\t_\t_\n"
    "4\tby\tby\tADP\t_\t_\t5\tcase\t_\t_\n"
    "5\tmilitias\tmilitia\tNOUN\t_\t_\t3\tobl:agent\t_\t_\n"
    "6\tnot\tnot\tPART\t_\t_\t3\tadvmod\t_\t_\n"
    "7\tsaid\tsay\tVERB\t_\t_\t3\tccomp\t_\t_\n";

static inline int tc_fuzz_dict_run(tc_fuzz_dict_loader load, const uint8_t *data, size_t size)
{
    tc_dict *d = NULL;
    if (tc_dict_new(&d) != TC_OK) return 0;
    load(d, "fuzz", (const char *)data, size, NULL);
    int32_t ids[4] = {tc_dict_word(d, "VALORIA", 7), tc_dict_word(d, "GOVERNMENT", 10), 0, 0};
    uint32_t idx;
    if (tc_dict_match_actor(d, ids, 2, &idx)) (void)tc_dict_actor_code(d, &d->actors[idx], 20120101);
    (void)tc_dict_match_agent(d, ids, 2, &idx);
    tc_doc *doc = NULL;
    if (tc_conllu_parse(tc_fuzz_dict_sample, sizeof tc_fuzz_dict_sample - 1, "s", &doc, NULL) == TC_OK) {
        tc_code_opts o;
        tc_code_opts_default(&o);
        o.require_dyad = 0;
        tc_code_doc(d, &o, doc, 20120101, NULL);
        tc_doc_free(&doc);
    }
    tc_dict_free(&d);
    return 0;
}

#endif
