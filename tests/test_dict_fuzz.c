/* test_dict_fuzz.c - replay the dictionary fuzz corpora (crashers found by fuzzing are
 * kept there with a comment below). */
#include <criterion/criterion.h>

#include "testutil.h"

int tc_fuzz_dict_actors(const uint8_t *data, size_t size);
int tc_fuzz_dict_agents(const uint8_t *data, size_t size);
int tc_fuzz_dict_verbs(const uint8_t *data, size_t size);

Test(fuzz_replay, dict_actors) { cr_assert_gt(tt_replay_dir("fuzz/corpus/dict_actors", tc_fuzz_dict_actors), 0); }
Test(fuzz_replay, dict_agents) { cr_assert_gt(tt_replay_dir("fuzz/corpus/dict_agents", tc_fuzz_dict_agents), 0); }
/* dict_verbs/no_slots.txt: a verbs file whose patterns have no noun slots left the slot
 * array NULL; the coder took NULL + 0 (UBSan, found by fuzz_dict_verbs). */
Test(fuzz_replay, dict_verbs) { cr_assert_gt(tt_replay_dir("fuzz/corpus/dict_verbs", tc_fuzz_dict_verbs), 0); }

int tc_fuzz_dict_code(const uint8_t *data, size_t size);
Test(fuzz_replay, dict_code) { cr_assert_gt(tt_replay_dir("fuzz/corpus/dict_code", tc_fuzz_dict_code), 0); }
