/* fuzz_tabari_dict.c - fuzz the TABARI word-sequence coder's dictionary reader
 * (src/code/tabari.h): the input is read as actors, agents and verbs of one tc_tabari
 * and as an options line; the result then codes a few fixed sentences. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "code/tabari.h"
#include "core/mem.h"
#include "nlp/conllu.h"

int tc_fuzz_tabari_dict(const uint8_t *data, size_t size);

static const char *const sents[] = {
    "1\tValoria\t_\t_\t_\t_\t0\t_\t_\t_\n2\taccused\t_\t_\t_\t_\t0\t_\t_\t_\n3\tDreskar\t_\t_\t_\t_\t0\t_\t_\t_\n"
    "4\tof\t_\t_\t_\t_\t0\t_\t_\t_\n5\tpiracy\t_\t_\t_\t_\t0\t_\t_\t_\n6\t,\t_\t_\t_\t_\t0\t_\t_\t_\n"
    "7\tthe\t_\t_\t_\t_\t0\t_\t_\t_\n8\tminister\t_\t_\t_\t_\t0\t_\t_\t_\n9\tand\t_\t_\t_\t_\t0\t_\t_\t_\n"
    "10\the\t_\t_\t_\t_\t0\t_\t_\t_\n11\tsaid\t_\t_\t_\t_\t0\t_\t_\t_\n12\tit\t_\t_\t_\t_\t0\t_\t_\t_\n\n",
    "1\tThe\t_\t_\t_\t_\t0\t_\t_\t_\n2\tGrey\t_\t_\t_\t_\t0\t_\t_\t_\n3\tHarbour\t_\t_\t_\t_\t0\t_\t_\t_\n"
    "4\twas\t_\t_\t_\t_\t0\t_\t_\t_\n5\tattacked\t_\t_\t_\t_\t0\t_\t_\t_\n6\tby\t_\t_\t_\t_\t0\t_\t_\t_\n"
    "7\tMeridia\t_\t_\t_\t_\t0\t_\t_\t_\n8\tand\t_\t_\t_\t_\t0\t_\t_\t_\n9\tKestra\t_\t_\t_\t_\t0\t_\t_\t_\n"
    "10\ttoday\t_\t_\t_\t_\t0\t_\t_\t_\n\n",
};

int tc_fuzz_tabari_dict(const uint8_t *data, size_t size)
{
    tc_tabari *t = NULL;
    if (tc_tabari_new(&t) != TC_OK) return 0;
    const char *buf = (const char *)data;
    tc_tabari_load_mem(t, TC_TABARI_ACTORS, "fuzz.actors", buf, size, NULL);
    tc_tabari_load_mem(t, TC_TABARI_AGENTS, "fuzz.agents", buf, size, NULL);
    tc_tabari_load_mem(t, TC_TABARI_VERBS, "fuzz.verbs", buf, size, NULL);
    char line[256];
    size_t n = size < sizeof line - 1 ? size : sizeof line - 1;
    memcpy(line, data, n);
    line[n] = 0;
    tc_tabari_option(t, line);
    tc_tabari_result *res = tc_malloc(sizeof *res);
    for (size_t i = 0; res && i < sizeof sents / sizeof sents[0]; i++) {
        tc_doc *doc = NULL;
        if (tc_conllu_parse(sents[i], strlen(sents[i]), "fuzz", &doc, NULL) != TC_OK) continue;
        tc_tabari_code(t, doc, 20120101, "FUZZ-1", res);
        tc_doc_free(&doc);
    }
    tc_free(res);
    tc_tabari_free(&t);
    return 0;
}

#ifdef TC_FUZZ_MAIN
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { return tc_fuzz_tabari_dict(data, size); }
#endif
