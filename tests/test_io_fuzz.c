/* test_io_fuzz.c - replay the reader fuzz corpora (seeds and every crash found;
 * each crasher file is named crash-<what>, with the fix in the commit that added it).
 * Crashers so far:
 *   petrxml/crash-parse-without-text  a record with a <Parse> and an empty <Text>
 *                                     was returned with doc->text NULL (now "")
 *   tabari/crash-long-header          a "YYMMDD ID" header longer than 255 bytes was
 *                                     cut into a stack buffer while the id offset
 *                                     came from the full line (stack overflow read)
 *   petrxml/crash-config-key-cut-utf8 "config.<option>" meta keys were built in a fixed
 *                                     buffer that could cut a UTF-8 sequence
 *   tabari/crash-category-cut-utf8    the same for the "category" meta of a long id */
#include <criterion/criterion.h>
#include <stdint.h>

#include "testutil.h"

int tc_fuzz_jsonl(const uint8_t *data, size_t size);
int tc_fuzz_petrxml(const uint8_t *data, size_t size);
int tc_fuzz_tabari(const uint8_t *data, size_t size);

Test(fuzz_replay, jsonl) { cr_assert_gt(tt_replay_dir("fuzz/corpus/jsonl", tc_fuzz_jsonl), 0); }
Test(fuzz_replay, petrxml) { cr_assert_gt(tt_replay_dir("fuzz/corpus/petrxml", tc_fuzz_petrxml), 0); }
Test(fuzz_replay, tabari) { cr_assert_gt(tt_replay_dir("fuzz/corpus/tabari", tc_fuzz_tabari), 0); }
