/* fuzz_jsonl.c - fuzz the jsonl reader (through tc_reader_open_mem, so gzip/zstd
 * detection, the line reader and UTF-8 repair are exercised too).  Every
 * document is checked for the reader contract: id set, text valid UTF-8 and
 * NUL-free up to text_len, metadata, gold codes and parse valid UTF-8. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_reader_common.h"

int tc_fuzz_jsonl(const uint8_t *data, size_t size);

int tc_fuzz_jsonl(const uint8_t *data, size_t size)
{
    return tc_fuzz_reader_run(TC_FMT_JSONL, "x.jsonl", data, size);
}

#ifdef TC_FUZZ_MAIN
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { return tc_fuzz_jsonl(data, size); }
#endif
