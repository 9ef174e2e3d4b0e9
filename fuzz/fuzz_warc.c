/* fuzz_warc.c - fuzz the WARC reader directly (tc_warc_open_mem: plain and
 * gzip input, header parsing, resynchronisation, HTTP decoding, charsets) with
 * a small record limit, then the same bytes through the reader framework as
 * TC_FMT_WARC (article extraction of every HTML payload).  Checks: payloads
 * NUL-terminated at payload_len, text payloads valid UTF-8, documents valid. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/utf8.h"
#include "io/reader.h"
#include "io/warc.h"

int tc_fuzz_warc(const uint8_t *data, size_t size);

int tc_fuzz_warc(const uint8_t *data, size_t size)
{
    tc_warc_opts o = {.max_record = 1 << 16};
    tc_warc_stats st = {0};
    tc_warc *w = NULL;
    if (tc_warc_open_mem(&w, "fuzz.warc", data, size, &o, NULL, &st) == TC_OK) {
        tc_warc_record rec;
        int n = 0;
        while (tc_warc_next(w, &rec) == TC_OK && n++ < 1000) {
            if (!rec.payload || rec.payload[rec.payload_len] != 0 || !rec.type) __builtin_trap();
            if (rec.charset && !tc_utf8_valid(rec.payload, rec.payload_len)) __builtin_trap();
        }
        tc_warc_close(&w);
    }
    if (size > (1u << 16)) return 0; /* keep the extraction part fast */
    tc_read_opts ro = {.format = TC_FMT_WARC, .max_doc = 1 << 16};
    tc_read_stats rs = {0};
    tc_reader *r = NULL;
    if (tc_reader_open_mem(&r, "fuzz.warc", data, size, &ro, NULL, &rs) != TC_OK) return 0;
    tc_doc *d;
    while (tc_reader_next(r, &d) == TC_OK) {
        if (!d->id || !d->text || !tc_utf8_valid(d->text, d->text_len) || d->text[d->text_len] != 0)
            __builtin_trap();
        tc_doc_free(&d);
    }
    tc_reader_close(&r);
    return 0;
}

#ifdef TC_FUZZ_MAIN
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { return tc_fuzz_warc(data, size); }
#endif
