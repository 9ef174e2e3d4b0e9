/* fuzz_jsonl.c - fuzz the jsonl reader (through tc_reader_open_mem, so gzip/zstd
 * detection, the line reader and UTF-8 repair are exercised too).  Every
 * document is checked for the reader contract: id set, text valid UTF-8 and
 * NUL-free up to text_len, metadata, gold codes and parse valid UTF-8. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/utf8.h"
#include "io/reader.h"

int tc_fuzz_jsonl(const uint8_t *data, size_t size);

int tc_fuzz_jsonl(const uint8_t *data, size_t size)
{
    tc_read_opts o = {.format = TC_FMT_JSONL, .max_line = 4096, .max_doc = 1 << 16};
    tc_read_stats st = {0};
    tc_reader *r = NULL;
    if (tc_reader_open_mem(&r, "x.jsonl", data, size, &o, NULL, &st) != TC_OK) return 0;
    tc_doc *d;
    while (tc_reader_next(r, &d) == TC_OK) {
        if (!d->id || !d->text || !tc_utf8_valid(d->text, d->text_len) ||
            memchr(d->text, 0, d->text_len) || d->text[d->text_len] != 0)
            __builtin_trap();
        for (uint32_t i = 0; i < d->ngold; i++)
            if (d->gold[i].code && !tc_utf8_valid(d->gold[i].code, strlen(d->gold[i].code))) __builtin_trap();
        for (uint32_t i = 0; i < d->nmeta; i++)
            if (!tc_utf8_valid(d->meta[i].key, strlen(d->meta[i].key)) ||
                !tc_utf8_valid(d->meta[i].value, strlen(d->meta[i].value)))
                __builtin_trap();
        if (!tc_utf8_valid(d->id, strlen(d->id)) || (d->parse && !tc_utf8_valid(d->parse, strlen(d->parse))))
            __builtin_trap();
        tc_doc_free(&d);
    }
    tc_reader_close(&r);
    return 0;
}

#ifdef TC_FUZZ_MAIN
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { return tc_fuzz_jsonl(data, size); }
#endif
