/* test_io.c - UTF-8 helpers, date parsing, byte input (gzip/zstd/lines). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <zstd.h>

#include "core/date.h"
#include "core/utf8.h"
#include "io/input.h"
#include "testutil.h"

/* ---------- utf8 ---------- */

Test(utf8, decode_and_encode_roundtrip)
{
    const char *s = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80";
    size_t pos = 0, n = strlen(s);
    int32_t want[] = {'a', 0xE9, 0x20AC, 0x1F600};
    for (int i = 0; i < 4; i++) cr_assert_eq(tc_utf8_next(s, n, &pos), want[i]);
    cr_assert_eq(pos, n);
    char buf[4];
    cr_assert_eq(tc_utf8_encode(0x20AC, buf), 3);
    cr_assert(memcmp(buf, "\xE2\x82\xAC", 3) == 0);
    cr_assert_eq(tc_utf8_encode(0xD800, buf), 0);
    cr_assert_eq(tc_utf8_encode(0x110000, buf), 0);
    cr_assert_eq(tc_utf8_prev(s, n), 6);
    cr_assert_eq(tc_utf8_prev(s, 3), 1);
}

Test(utf8, invalid_sequences_rejected)
{
    int32_t cp;
    cr_assert_eq(tc_utf8_decode("\xC0\xAF", 2, &cp), 1); /* overlong */
    cr_assert_eq(cp, -1);
    cr_assert_eq(tc_utf8_decode("\xED\xA0\x80", 3, &cp), 1); /* surrogate */
    cr_assert_eq(cp, -1);
    cr_assert_eq(tc_utf8_decode("\xF4\x90\x80\x80", 4, &cp), 1); /* > U+10FFFF */
    cr_assert_eq(cp, -1);
    cr_assert_eq(tc_utf8_decode("\xE2\x82", 2, &cp), 2); /* truncated: maximal subpart */
    cr_assert_eq(cp, -1);
    cr_assert_eq(tc_utf8_decode("\xE2\x82x", 3, &cp), 2);
    cr_assert(tc_utf8_valid("plain ascii text, long enough for the word loop", 48));
    cr_assert_not(tc_utf8_valid("abc\xFF", 4));
    cr_assert_eq(tc_utf8_valid_prefix("abcdefghij\x80", 11), 10);
}

Test(utf8, repair_replaces_and_counts)
{
    tc_buf b = TC_BUF_INIT;
    unsigned long n = 0;
    cr_assert_eq(tc_utf8_repair("ok\xFF\xFEthen\xE2\x82 end", 15, &b, &n), TC_OK);
    cr_assert_eq(n, 3);
    cr_assert_str_eq(b.data, "ok\xEF\xBF\xBD\xEF\xBF\xBDthen\xEF\xBF\xBD end");
    cr_assert(tc_utf8_valid(b.data, b.len));
    tc_buf_free(&b);
}

Test(utf8, clip_and_classes)
{
    const char *s = "ab\xE2\x82\xAC";
    cr_assert_eq(tc_utf8_clip(s, 4), 2);
    cr_assert_eq(tc_utf8_clip(s, 5), 5);
    cr_assert_eq(tc_utf8_clip(s, 2), 2);
    cr_assert(tc_utf8_is_space(0x00A0));
    cr_assert(tc_utf8_is_space(0x2009));
    cr_assert_not(tc_utf8_is_space('x'));
    cr_assert(tc_utf8_is_punct(0x201C)); /* left double quotation mark */
    cr_assert(tc_utf8_is_punct('.'));
    cr_assert(tc_utf8_is_symbol('$'));
    cr_assert(tc_utf8_is_alpha(0x0416)); /* Cyrillic Zhe */
    cr_assert(tc_utf8_is_upper(0x0416));
    cr_assert(tc_utf8_is_lower(0x0436));
    cr_assert(tc_utf8_is_digit(0x0663)); /* Arabic-Indic three */
    cr_assert_eq(tc_utf8_fold(0x0416), 0x0436);
    cr_assert_eq(tc_utf8_fold('Q'), 'q');
    cr_assert_eq(tc_utf8_toupper(0xE9), 0xC9);
    cr_assert(tc_utf8_is_mark(0x0301));
}

/* ---------- dates ---------- */

static void date_is(const char *in, const char *ymd, const char *iso)
{
    tc_date d;
    cr_assert_eq(tc_date_parse(in, (size_t)-1, &d), TC_OK, "parse '%s'", in);
    char buf[32];
    tc_date_ymd(&d, buf);
    cr_assert_str_eq(buf, ymd, "'%s' -> %s", in, buf);
    if (iso) {
        cr_assert(d.has_time, "'%s' has a time", in);
        tc_date_iso(&d, buf);
        cr_assert_str_eq(buf, iso, "'%s' -> %s", in, buf);
    } else {
        cr_assert_not(d.has_time, "'%s' has no time", in);
    }
}

Test(date, iso8601_variants)
{
    date_is("2022-03-27", "2022-03-27", NULL);
    date_is("2022-03-27T10:00", "2022-03-27", "2022-03-27T10:00:00");
    date_is("2022-03-27T10:00:05Z", "2022-03-27", "2022-03-27T10:00:05Z");
    date_is("2022-03-27 10:00:05.123+02:00", "2022-03-27", "2022-03-27T08:00:05Z");
    date_is("2022-03-27T23:30:00-0500", "2022-03-27", "2022-03-28T04:30:00Z");
    date_is("20220327T100000Z", "2022-03-27", "2022-03-27T10:00:00Z");
    date_is("  2022-03-27T10:00:00.5  ", "2022-03-27", "2022-03-27T10:00:00");
}

Test(date, rfc2822_and_named_months)
{
    date_is("Sun, 27 Mar 2022 10:00:00 +0000", "2022-03-27", "2022-03-27T10:00:00Z");
    date_is("Sun, 27 Mar 2022 10:00:00 GMT", "2022-03-27", "2022-03-27T10:00:00Z");
    date_is("Mon, 28 Mar 2022 01:15:00 EST", "2022-03-28", "2022-03-28T06:15:00Z");
    date_is("26-FEB-1987 15:01:01.79", "1987-02-26", "1987-02-26T15:01:01");
    date_is("February 26, 1987", "1987-02-26", NULL);
    date_is("Feb. 26, 1987", "1987-02-26", NULL);
    date_is("September 3rd, 2021", "2021-09-03", NULL);
    date_is("26 February 1987", "1987-02-26", NULL);
    date_is("26 Feb 1987 3:05 pm", "1987-02-26", "1987-02-26T15:05:00");
    date_is("Tuesday, March 1, 2022", "2022-03-01", NULL);
}

Test(date, compact_slashes_epoch)
{
    date_is("2022/03/27", "2022-03-27", NULL);
    date_is("2022/03/27 08:15", "2022-03-27", "2022-03-27T08:15:00");
    date_is("19950101", "1995-01-01", NULL);
    date_is("950103", "1995-01-03", NULL);
    date_is("080801", "2008-08-01", NULL);
    date_is("1648375200", "2022-03-27", "2022-03-27T10:00:00Z");
    date_is("1648375200000", "2022-03-27", "2022-03-27T10:00:00Z");
}

Test(date, invalid_dates_rejected)
{
    const char *bad[] = {"2022-02-30", "2021-02-29", "19951301", "950230",  "2022-13-01",
                         "31 April 2020", "2022-03-27T25:00", "2022-03-27T10:61", "Febtober 3, 2020",
                         "",           "yesterday",  "2022-03-27 junk", "12/03/2022", "1234567"};
    tc_date d;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        cr_assert_neq(tc_date_parse(bad[i], (size_t)-1, &d), TC_OK, "'%s' must be rejected", bad[i]);
    cr_assert_eq(tc_date_parse("2020-02-29", (size_t)-1, &d), TC_OK);
    cr_assert_eq(tc_date_parse("2000-02-29", (size_t)-1, &d), TC_OK);
    cr_assert_neq(tc_date_parse("1900-02-29", (size_t)-1, &d), TC_OK);
    cr_assert_eq(tc_date_epoch(&(tc_date){.year = 1970, .month = 1, .day = 2}), 86400);
}

/* ---------- input ---------- */

static size_t gz(const char *src, size_t n, unsigned char *out, size_t cap)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    cr_assert_eq(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
    z.next_in = (Bytef *)src;
    z.avail_in = (uInt)n;
    z.next_out = out;
    z.avail_out = (uInt)cap;
    cr_assert_eq(deflate(&z, Z_FINISH), Z_STREAM_END);
    size_t len = cap - z.avail_out;
    deflateEnd(&z);
    return len;
}

static char *read_lines(tc_input *in, tc_status *end, int *nlines)
{
    static char out[1 << 16];
    size_t o = 0;
    const char *l;
    size_t len;
    tc_status st;
    *nlines = 0;
    while ((st = tc_input_line(in, &l, &len)) == TC_OK) {
        (*nlines)++;
        if (o + len + 2 < sizeof out) {
            memcpy(out + o, l, len);
            o += len;
            out[o++] = '|';
        }
    }
    out[o] = 0;
    *end = st;
    return out;
}

Test(input, plain_lines_numbers_nul_and_crlf)
{
    const char data[] = "one\r\ntw\0o\n\nlast";
    tc_input *in;
    tt_diaglog log = {0};
    tc_diag dg = tt_diag(&log);
    cr_assert_eq(tc_input_open_mem(&in, "mem.txt", data, sizeof data - 1, &dg), TC_OK);
    cr_assert_eq(tc_input_compression(in), TC_COMP_NONE);
    tc_status end;
    int n;
    char *s = read_lines(in, &end, &n);
    cr_assert_str_eq(s, "one\r|two||last|");
    cr_assert_eq(n, 4);
    cr_assert_eq(end, TC_EOF);
    cr_assert_eq(tc_input_lineno(in), 4);
    cr_assert_eq(tc_input_line_had_nl(in), 0);
    cr_assert_eq(tc_input_counts_get(in)->nul_bytes, 1);
    cr_assert_eq(tc_input_counts_get(in)->bytes, sizeof data - 1);
    tc_input_close(&in);
    cr_assert_null(in);
    tt_diaglog_free(&log);
}

Test(input, gzip_multi_member_and_zstd_frames)
{
    unsigned char buf[4096];
    size_t a = gz("first member\n", 13, buf, sizeof buf);
    size_t b = gz("second member\n", 14, buf + a, sizeof buf - a);
    tc_input *in;
    cr_assert_eq(tc_input_open_mem(&in, "x.gz", buf, a + b, NULL), TC_OK);
    cr_assert_eq(tc_input_compression(in), TC_COMP_GZIP);
    tc_status end;
    int n;
    cr_assert_str_eq(read_lines(in, &end, &n), "first member|second member|");
    cr_assert_eq(end, TC_EOF);
    cr_assert_eq(tc_input_counts_get(in)->damaged, 0);
    tc_input_close(&in);

    size_t z1 = ZSTD_compress(buf, sizeof buf, "zstd one\n", 9, 3);
    size_t z2 = ZSTD_compress(buf + z1, sizeof buf - z1, "zstd two\n", 9, 3);
    cr_assert_not(ZSTD_isError(z1) || ZSTD_isError(z2));
    cr_assert_eq(tc_input_open_mem(&in, "x.zst", buf, z1 + z2, NULL), TC_OK);
    cr_assert_eq(tc_input_compression(in), TC_COMP_ZSTD);
    cr_assert_str_eq(read_lines(in, &end, &n), "zstd one|zstd two|");
    cr_assert_eq(end, TC_EOF);
    tc_input_close(&in);
}

Test(input, big_compressed_roundtrip)
{
    size_t n = 3u << 20;
    char *src = malloc(n);
    for (size_t i = 0; i < n; i++) src[i] = (i % 61 == 60) ? '\n' : (char)('a' + (i * 7 + i / 13) % 26);
    size_t cap = ZSTD_compressBound(n);
    unsigned char *c = malloc(cap);
    size_t zl = ZSTD_compress(c, cap, src, n, 1);
    tc_input *in;
    cr_assert_eq(tc_input_open_mem(&in, "big.zst", c, zl, NULL), TC_OK);
    char *got = malloc(n + 1);
    size_t o = 0, k;
    while (tc_input_read(in, got + o, n + 1 - o, &k) == TC_OK) o += k;
    cr_assert_eq(o, n);
    cr_assert(memcmp(got, src, n) == 0);
    tc_input_close(&in);
    unsigned char *g = malloc(n + 1024);
    size_t gl = gz(src, n, g, n + 1024);
    cr_assert_eq(tc_input_open_mem(&in, "big.gz", g, gl, NULL), TC_OK);
    o = 0;
    while (tc_input_read(in, got + o, n + 1 - o, &k) == TC_OK) o += k;
    cr_assert_eq(o, n);
    cr_assert(memcmp(got, src, n) == 0);
    tc_input_close(&in);
    free(src);
    free(c);
    free(g);
    free(got);
}

Test(input, truncated_gzip_keeps_what_was_recovered)
{
    char src[20000];
    size_t o = 0;
    for (int i = 0; o + 40 < sizeof src; i++) o += (size_t)snprintf(src + o, 40, "line number %d\n", i + 1);
    unsigned char buf[30000];
    size_t len = gz(src, o, buf, sizeof buf);
    tt_diaglog log = {0};
    tc_diag dg = tt_diag(&log);
    tc_input *in;
    cr_assert_eq(tc_input_open_mem(&in, "cut.gz", buf, len / 2, &dg), TC_OK);
    tc_status end;
    int n;
    read_lines(in, &end, &n);
    cr_assert_eq(end, TC_ETRUNC);
    cr_assert(n > 10, "recovered %d lines", n);
    cr_assert(tc_input_counts_get(in)->damaged);
    const char *l;
    size_t ll;
    cr_assert_eq(tc_input_line(in, &l, &ll), TC_EOF); /* ETRUNC only once */
    cr_assert(strstr(log.text, "cut.gz") && strstr(log.text, "truncated gzip"), "%s", log.text);
    tc_input_close(&in);
    tt_diaglog_free(&log);

    /* corrupt data in the middle */
    buf[len / 2] ^= 0x55;
    buf[len / 2 + 1] ^= 0xAA;
    log = (tt_diaglog){0};
    dg = tt_diag(&log);
    cr_assert_eq(tc_input_open_mem(&in, "bad.gz", buf, len, &dg), TC_OK);
    read_lines(in, &end, &n);
    cr_assert(end == TC_ETRUNC || end == TC_EOF);
    if (end == TC_ETRUNC) cr_assert(strstr(log.text, "bad.gz"));
    tc_input_close(&in);
    tt_diaglog_free(&log);
}

Test(input, truncated_zstd_reported)
{
    char src[5000];
    memset(src, 'x', sizeof src);
    unsigned char buf[6000];
    size_t len = ZSTD_compress(buf, sizeof buf, src, sizeof src, 1);
    tt_diaglog log = {0};
    tc_diag dg = tt_diag(&log);
    tc_input *in;
    cr_assert_eq(tc_input_open_mem(&in, "cut.zst", buf, len - 3, &dg), TC_OK);
    tc_status end;
    int n;
    read_lines(in, &end, &n);
    cr_assert_eq(end, TC_ETRUNC);
    cr_assert(strstr(log.text, "truncated zstd"), "%s", log.text);
    tc_input_close(&in);
    tt_diaglog_free(&log);
}

Test(input, long_line_cut_and_reported)
{
    size_t n = 5000;
    char *src = malloc(n + 20);
    memset(src, 'y', n);
    memcpy(src + n, "\nshort\n", 7);
    tt_diaglog log = {0};
    tc_diag dg = tt_diag(&log);
    tc_input *in;
    cr_assert_eq(tc_input_open_mem(&in, "long.txt", src, n + 7, &dg), TC_OK);
    tc_input_set_max_line(in, 1000);
    const char *l;
    size_t len;
    cr_assert_eq(tc_input_line(in, &l, &len), TC_OK);
    cr_assert_eq(len, 1000);
    cr_assert_eq(tc_input_line(in, &l, &len), TC_OK);
    cr_assert_eq(len, 5);
    cr_assert_eq(tc_input_lineno(in), 2);
    cr_assert_eq(tc_input_counts_get(in)->long_lines, 1);
    cr_assert(strstr(log.text, "long.txt:1:"), "%s", log.text);
    tc_input_close(&in);
    tt_diaglog_free(&log);
    free(src);
}

Test(input, unreadable_and_directory)
{
    tt_diaglog log = {0};
    tc_diag dg = tt_diag(&log);
    tc_input *in = NULL;
    cr_assert_eq(tc_input_open(&in, "/nonexistent/file.txt", &dg), TC_EIO);
    cr_assert_null(in);
    cr_assert_eq(tc_input_open(&in, "tests", &dg), TC_EIO);
    cr_assert(strstr(log.text, "/nonexistent/file.txt") && strstr(log.text, "tests"), "%s", log.text);
    tt_diaglog_free(&log);
}
