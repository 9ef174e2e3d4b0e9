/* fuzz_dict_code.c - fuzz the coder: any CoNLL-U the reader accepts (odd heads, labels,
 * lemmas, cycles rejected by the reader or the coder) is coded without crashing, with
 * small built-in dictionaries covering patterns, synsets, agents, dates and transforms. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "code/code.h"
#include "dict/dict.h"
#include "nlp/conllu.h"

int tc_fuzz_dict_code(const uint8_t *data, size_t size);

static const char actors[] = "VALORIA [VAL]\n+VALORIAN\nDRESKAR [DRS]\nNORTH_OSTMARK [OSN]\nOSTMARK [OST]\n"
                             "MIRA_TOLLAND\n\t[VALGOV 20100101-20141231]\n\t[VALELI]\nSILENT_HILLS [---]\n"
                             "COUNCIL_OF_ELDERS [VALLEG]\n";
static const char agents[] = "!P! = MAN, MEN\nGOVERNMENT [~GOV]\nPOLICE {} [~COP]\nAID_AGENCY [NGO~]\n"
                             "TRADE!P! [~BUS]\nMINISTRY_OF_WAR [~MIL]\n";
static const char verbs[] = "####### SYNONYM SETS #######\n&AID\n+FOOD\n+CLEAN_WATER\n&GOODS\n+&AID\n+GRAIN\n"
                            "####### VERB PATTERNS #######\n--- SEND [---] ---\nSEND {SENT}\n- * &GOODS (TO) [070]\n"
                            "- * {ARMORED TROOPS} [150]\n- * (WITH +) [151]\n- $ * [152]\n- % * [153]\n"
                            "--- MEET [040] ---\nMEET {MET}\n+OPEN_FIRE [190]\n- * (AT ^) (WITH +) [046]\n"
                            "--- SAY [010] ---\nSAY {SAID}\n--- ATTACK [190:191] ---\nATTACK\nWILL [030]\n"
                            "######## TRANSFORMATIONS ##########\n~ a (b . ATTACK) SAY = a b 112\n"
                            "~ a (a b Q) SAY = a b Q\n";
static const char pico[] = "010:0x1000\n040:0x0010\n190:0x0090\n191:0x0090-0xFFFF\n030:0x3000\n";

static tc_dict *dict;

int tc_fuzz_dict_code(const uint8_t *data, size_t size)
{
    if (!dict) {
        if (tc_dict_new(&dict) != TC_OK) return 0;
        tc_dict_actors_mem(dict, "a", actors, sizeof actors - 1, NULL);
        tc_dict_agents_mem(dict, "g", agents, sizeof agents - 1, NULL);
        tc_dict_verbs_mem(dict, "v", verbs, sizeof verbs - 1, NULL);
        tc_dict_pico_mem(dict, "p", pico, sizeof pico - 1, NULL);
        static const char disc[] = "+FOOTBALL MATCH\nCHESS\n";
        tc_dict_discards_mem(dict, "d", disc, sizeof disc - 1, NULL);
    }
    tc_doc *doc = NULL;
    if (tc_conllu_parse((const char *)data, size, "f", &doc, NULL) != TC_OK) return 0;
    tc_code_opts o;
    tc_code_opts_default(&o);
    tc_code_info info;
    tc_code_doc(dict, &o, doc, 20120101, &info);
    o.require_dyad = 0;
    o.modals = 1;
    tc_code_doc(dict, &o, doc, 0, &info);
    const tc_event *e = doc->events;
    for (uint32_t i = 0; i < doc->nevents; i++)
        if (!e[i].source || !e[i].target || !e[i].code || e[i].verb_tok >= doc->sent[e[i].sent].ntok) __builtin_trap();
    tc_doc_free(&doc);
    return 0;
}

#ifdef TC_FUZZ_MAIN
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { return tc_fuzz_dict_code(data, size); }
#endif
