/* fuzz_html.c - fuzz charset detection/conversion and article extraction
 * (tc_html_decode + tc_html_extract), the date parser on the raw bytes, and
 * the HTML reader.  Checks: UTF-8 output, NUL-terminated text of text_len,
 * dates well-formed. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "clean/html.h"
#include "clean/pubdate.h"
#include "core/utf8.h"

int tc_fuzz_html(const uint8_t *data, size_t size);

int tc_fuzz_html(const uint8_t *data, size_t size)
{
    const char *p = (const char *)data;
    tc_pubdate pd;
    if (tc_pubdate_parse(p, size, &pd) && (pd.m < 1 || pd.m > 12 || pd.d < 1 || pd.d > 31))
        __builtin_trap();
    tc_buf u = TC_BUF_INIT;
    char cs[64];
    /* the first byte picks a declared charset, to reach the conversions */
    static const char *const hints[] = {NULL, "utf-8", "iso-8859-1", "windows-1251", "shift_jis",
                                        "x-bogus", "utf-16", "koi8-r"};
    const char *hint = size ? hints[data[0] % 8] : NULL;
    if (tc_html_decode(p, size, hint, &u, cs, sizeof cs, NULL) != TC_OK) {
        tc_buf_free(&u);
        return 0;
    }
    if (!tc_utf8_valid(u.data, u.len) || memchr(u.data, 0, u.len)) __builtin_trap();
    tc_html_article a;
    tc_html_opts o = {"https://example.org/2021/05/04/story.html"};
    if (tc_html_extract(u.data, u.len, &o, &a) == TC_OK) {
        if (!a.text || a.text[a.text_len] != 0 || strlen(a.text) != a.text_len) __builtin_trap();
        if (!tc_utf8_valid(a.text, a.text_len)) __builtin_trap();
        if (a.date && strlen(a.date) != 10) __builtin_trap();
        tc_html_article_free(&a);
    }
    tc_buf_free(&u);
    return 0;
}

#ifdef TC_FUZZ_MAIN
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { return tc_fuzz_html(data, size); }
#endif
