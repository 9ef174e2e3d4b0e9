/* fuzz_reader_common.h - shared body of the document-reader harnesses (fuzz_jsonl, fuzz_petrxml,
 * fuzz_tabari): read the input through tc_reader_open_mem, so gzip/zstd detection, the line
 * reader and UTF-8 repair are exercised too, and check every document for the reader contract:
 * id set, text valid UTF-8 and NUL-free up to text_len, metadata, gold codes and parse valid
 * UTF-8. */
#ifndef TC_FUZZ_READER_COMMON_H
#define TC_FUZZ_READER_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/utf8.h"
#include "io/reader.h"

static inline int tc_fuzz_reader_run(tc_format format, const char *name, const uint8_t *data, size_t size)
{
    tc_read_opts o = {.format = format, .max_line = 4096, .max_doc = 1 << 16};
    tc_read_stats st = {0};
    tc_reader *r = NULL;
    if (tc_reader_open_mem(&r, name, data, size, &o, NULL, &st) != TC_OK) return 0;
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

#endif
