/* fuzz_dict_agents.c - fuzz the agents dictionary reader: any input loads without crashing,
 * and the loaded dictionary survives lookups and coding a few fixed sentences. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_dict_common.h"

int tc_fuzz_dict_agents(const uint8_t *data, size_t size);

int tc_fuzz_dict_agents(const uint8_t *data, size_t size)
{
    return tc_fuzz_dict_run(tc_dict_agents_mem, data, size);
}

#ifdef TC_FUZZ_MAIN
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { return tc_fuzz_dict_agents(data, size); }
#endif
