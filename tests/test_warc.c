/* test_warc.c - WARC reader: record types, gzip layouts, HTTP decoding,
 * charsets, and every malformed case (each reported with its offset and
 * skipped, the run going on).  WARC files are built here from records we
 * write; the real crawler files in ../shared are read when present. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "clean/html.h"
#include "core/mem.h"
#include "io/reader.h"
#include "io/warc.h"
#include "testutil.h"

/* ---- building WARC bytes ---- */

static void rec(tc_buf *b, const char *version, const char *type, const char *extra,
                const char *block, size_t blen)
{
    tc_buf_printf(b,
                  "%s\r\nWARC-Type: %s\r\nWARC-Date: 2024-03-01T10:20:30Z\r\n"
                  "WARC-Record-ID: <urn:uuid:%08zx-0000-4000-8000-000000000000>\r\n%s"
                  "Content-Length: %zu\r\n\r\n",
                  version, type, b->len, extra ? extra : "", blen);
    tc_buf_append(b, block, blen);
    tc_buf_puts(b, "\r\n\r\n");
}

static void http_rec(tc_buf *b, const char *uri, const char *headers, const char *body)
{
    tc_buf blk = TC_BUF_INIT;
    tc_buf_printf(&blk, "HTTP/1.1 200 OK\r\n%s\r\n%s", headers, body);
    char extra[512];
    snprintf(extra, sizeof extra,
             "WARC-Target-URI: %s\r\nContent-Type: application/http; msgtype=response\r\n", uri);
    rec(b, "WARC/1.0", "response", extra, blk.data, blk.len);
    tc_buf_free(&blk);
}

static const char *page1 =
    "<html><head><title>Bridge reopens</title></head><body><p>The old bridge over the river "
    "reopened to traffic on Friday after two years of repairs, the county said.</p></body></html>";

/* gzip one member */
static void gz_append(tc_buf *out, const char *p, size_t n)
{
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    cr_assert_eq(deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
    size_t cap = deflateBound(&zs, (uLong)n) + 64;
    tc_buf_reserve(out, cap);
    zs.next_in = (Bytef *)(uintptr_t)p;
    zs.avail_in = (uInt)n;
    zs.next_out = (Bytef *)out->data + out->len;
    zs.avail_out = (uInt)cap;
    cr_assert_eq(deflate(&zs, Z_FINISH), Z_STREAM_END);
    out->len += cap - zs.avail_out;
    out->data[out->len] = 0;
    deflateEnd(&zs);
}

typedef struct got {
    int n;
    char type[8][16], uri[8][128], date[8][40], id[8][80], ctype[8][64];
    char payload[8][512];
    int status[8];
    unsigned long long off[8];
} got;

static tc_warc_stats read_all(const void *data, size_t len, got *g, tt_diaglog *log,
                              size_t max_record)
{
    tc_warc_stats st;
    memset(&st, 0, sizeof st);
    memset(g, 0, sizeof *g);
    tc_diag diag = tt_diag(log);
    tc_warc_opts o = {.max_record = max_record};
    tc_warc *w = NULL;
    cr_assert_eq(tc_warc_open_mem(&w, "t.warc", data, len, &o, &diag, &st), TC_OK);
    tc_warc_record r;
    tc_status s;
    while ((s = tc_warc_next(w, &r)) == TC_OK) {
        cr_assert_eq(r.payload[r.payload_len], 0);
        if (g->n < 8) {
            int i = g->n;
            snprintf(g->type[i], sizeof g->type[i], "%s", r.type);
            snprintf(g->uri[i], sizeof g->uri[i], "%s", r.target_uri ? r.target_uri : "");
            snprintf(g->date[i], sizeof g->date[i], "%s", r.date ? r.date : "");
            snprintf(g->id[i], sizeof g->id[i], "%s", r.record_id ? r.record_id : "");
            snprintf(g->ctype[i], sizeof g->ctype[i], "%s", r.content_type ? r.content_type : "");
            snprintf(g->payload[i], sizeof g->payload[i], "%s", r.payload);
            g->status[i] = r.http_status;
            g->off[i] = r.offset;
        }
        g->n++;
    }
    cr_assert_eq(s, TC_EOF);
    tc_warc_close(&w);
    return st;
}

static void sample(tc_buf *b)
{
    rec(b, "WARC/1.0", "warcinfo", "Content-Type: application/warc-fields\r\n",
        "software: test\r\n", 16);
    rec(b, "WARC/1.0", "request", "WARC-Target-URI: http://news.example/a\r\n",
        "GET /a HTTP/1.1\r\n\r\n", 19);
    http_rec(b, "http://news.example/a", "Content-Type: text/html; charset=utf-8\r\n", page1);
    rec(b, "WARC/1.0", "metadata", NULL, "via: x\r\n", 8);
    rec(b, "WARC/1.1", "revisit", "WARC-Target-URI: http://news.example/a\r\n", "", 0);
    rec(b, "WARC/1.1", "resource",
        "WARC-Target-URI: <file:///notes.txt>\r\nContent-Type: text/plain\r\n",
        "Plain note about the vote.", 26);
}

Test(warc, plain_types_fields_and_counts)
{
    tc_buf b = TC_BUF_INIT;
    sample(&b);
    got g;
    tt_diaglog log = {0};
    tc_warc_stats st = read_all(b.data, b.len, &g, &log, 0);
    cr_assert_eq(g.n, 2);
    cr_assert_str_eq(g.type[0], "response");
    cr_assert_str_eq(g.uri[0], "http://news.example/a");
    cr_assert_str_eq(g.date[0], "2024-03-01T10:20:30Z");
    cr_assert(strstr(g.id[0], "urn:uuid:") != NULL);
    cr_assert_eq(g.status[0], 200);
    cr_assert(strncmp(g.ctype[0], "text/html", 9) == 0);
    cr_assert(strncmp(g.payload[0], "<html>", 6) == 0, "HTTP headers stripped: %s", g.payload[0]);
    cr_assert_str_eq(g.type[1], "resource");
    cr_assert_str_eq(g.uri[1], "file:///notes.txt", "<> stripped");
    cr_assert_str_eq(g.payload[1], "Plain note about the vote.");
    cr_assert_eq(st.warcinfo, 1);
    cr_assert_eq(st.request, 1);
    cr_assert_eq(st.metadata, 1);
    cr_assert_eq(st.revisit, 1);
    cr_assert_eq(st.yielded, 2);
    cr_assert_eq(st.malformed, 0);
    cr_assert_eq(log.nwarn + log.nerr, 0, "%s", log.text ? log.text : "");
    tt_diaglog_free(&log);
    tc_buf_free(&b);
}

Test(warc, gzip_per_record_and_whole_file)
{
    tc_buf plain = TC_BUF_INIT, per = TC_BUF_INIT, whole = TC_BUF_INIT;
    sample(&plain);
    /* per-record members: rebuild record by record */
    tc_buf one = TC_BUF_INIT;
    size_t offs[8], no = 0;
    const char *p = plain.data;
    while (p < plain.data + plain.len) {
        const char *nx = strstr(p + 1, "\r\n\r\nWARC/");
        size_t n = nx ? (size_t)(nx + 4 - p) : (size_t)(plain.data + plain.len - p);
        offs[no++] = per.len;
        gz_append(&per, p, n);
        p += n;
    }
    cr_assert_eq(no, 6);
    gz_append(&whole, plain.data, plain.len);
    got g;
    tt_diaglog log = {0};
    tc_warc_stats st = read_all(per.data, per.len, &g, &log, 0);
    cr_assert_eq(g.n, 2);
    cr_assert_eq(st.yielded, 2);
    cr_assert_eq(g.off[0], offs[2], "offset = start of the gzip member (%llu vs %zu)", g.off[0],
                 offs[2]);
    cr_assert_eq(g.off[1], offs[5]);
    cr_assert(st.in_bytes == per.len);
    st = read_all(whole.data, whole.len, &g, &log, 0);
    cr_assert_eq(g.n, 2);
    cr_assert_str_eq(g.payload[1], "Plain note about the vote.");
    cr_assert_eq(log.nwarn, 0);
    tt_diaglog_free(&log);
    tc_buf_free(&one);
    tc_buf_free(&plain);
    tc_buf_free(&per);
    tc_buf_free(&whole);
}

Test(warc, chunked_and_gzip_content_encoding)
{
    tc_buf body = TC_BUF_INIT, gz = TC_BUF_INIT, chunked = TC_BUF_INIT, b = TC_BUF_INIT;
    gz_append(&gz, page1, strlen(page1));
    /* chunk the gzip'ed body in pieces of 50 */
    for (size_t i = 0; i < gz.len; i += 50) {
        size_t k = gz.len - i < 50 ? gz.len - i : 50;
        tc_buf_printf(&chunked, "%zx\r\n", k);
        tc_buf_append(&chunked, gz.data + i, k);
        tc_buf_puts(&chunked, "\r\n");
    }
    tc_buf_puts(&chunked, "0\r\n\r\n");
    tc_buf_puts(&body, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n"
                       "Content-Encoding: gzip\r\n\r\n");
    tc_buf_append(&body, chunked.data, chunked.len);
    rec(&b, "WARC/1.0", "response",
        "WARC-Target-URI: http://news.example/z\r\nContent-Type: application/http; msgtype=response\r\n",
        body.data, body.len);
    got g;
    tt_diaglog log = {0};
    tc_warc_stats st = read_all(b.data, b.len, &g, &log, 0);
    cr_assert_eq(g.n, 1);
    cr_assert_str_eq(g.payload[0], page1);
    cr_assert_eq(st.decode_errors, 0);
    tt_diaglog_free(&log);
    tc_buf_free(&body);
    tc_buf_free(&gz);
    tc_buf_free(&chunked);
    tc_buf_free(&b);
}

Test(warc, wrong_chunking_is_reported_and_payload_kept)
{
    tc_buf b = TC_BUF_INIT;
    http_rec(&b, "http://news.example/c", "Transfer-Encoding: chunked\r\nContent-Type: text/html\r\n",
             "zz\r\n<html><body><p>not really chunked</p></body></html>");
    got g;
    tt_diaglog log = {0};
    tc_warc_stats st = read_all(b.data, b.len, &g, &log, 0);
    cr_assert_eq(g.n, 1);
    cr_assert(strstr(g.payload[0], "not really chunked") != NULL);
    cr_assert_eq(st.decode_errors, 1);
    cr_assert(strstr(log.text, "chunked") != NULL);
    tt_diaglog_free(&log);
    tc_buf_free(&b);
}

Test(warc, truncated_header_reported_earlier_records_kept)
{
    tc_buf b = TC_BUF_INIT;
    http_rec(&b, "http://news.example/1", "Content-Type: text/html\r\n", page1);
    size_t cut = b.len;
    http_rec(&b, "http://news.example/2", "Content-Type: text/html\r\n", page1);
    b.len = cut + 40; /* inside the second header */
    got g;
    tt_diaglog log = {0};
    tc_warc_stats st = read_all(b.data, b.len, &g, &log, 0);
    cr_assert_eq(g.n, 1);
    cr_assert_eq(st.truncated, 1);
    char want[64];
    snprintf(want, sizeof want, "offset %zu", cut);
    cr_assert(strstr(log.text, want) != NULL, "%s", log.text);
    tt_diaglog_free(&log);
    tc_buf_free(&b);
}

Test(warc, truncated_block_reported)
{
    tc_buf b = TC_BUF_INIT;
    http_rec(&b, "http://news.example/1", "Content-Type: text/html\r\n", page1);
    http_rec(&b, "http://news.example/2", "Content-Type: text/html\r\n", page1);
    b.len -= 60;
    got g;
    tt_diaglog log = {0};
    tc_warc_stats st = read_all(b.data, b.len, &g, &log, 0);
    cr_assert_eq(g.n, 1);
    cr_assert_eq(st.truncated, 1);
    tt_diaglog_free(&log);
    tc_buf_free(&b);
}

static void bad_length_case(const char *clen, int expect_malformed)
{
    tc_buf b = TC_BUF_INIT;
    tc_buf_printf(&b, "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: http://x/bad\r\n"
                      "Content-Type: text/plain\r\nContent-Length: %s\r\n\r\nsome text here\r\n\r\n",
                  clen);
    http_rec(&b, "http://news.example/ok", "Content-Type: text/html\r\n", page1);
    got g;
    tt_diaglog log = {0};
    tc_warc_stats st = read_all(b.data, b.len, &g, &log, 0);
    cr_assert_eq(st.malformed, (unsigned long)expect_malformed, "clen %s: %s", clen,
                 log.text ? log.text : "");
    cr_assert_eq(g.n, 1, "clen %s", clen);
    cr_assert_str_eq(g.uri[0], "http://news.example/ok");
    cr_assert(strstr(log.text, "offset 0") != NULL);
    tt_diaglog_free(&log);
    tc_buf_free(&b);
}

Test(warc, bad_content_length_too_long) { bad_length_case("60", 1); }
Test(warc, bad_content_length_too_short) { bad_length_case("5", 1); }
Test(warc, bad_content_length_not_a_number) { bad_length_case("12x", 1); }
Test(warc, missing_content_length) { bad_length_case("", 1); }

Test(warc, missing_warc_line_then_good_record)
{
    tc_buf b = TC_BUF_INIT;
    tc_buf_puts(&b, "this is not a warc header\r\nContent-Length: 3\r\n\r\nabc\r\n\r\n");
    size_t good = b.len;
    http_rec(&b, "http://news.example/ok", "Content-Type: text/html\r\n", page1);
    got g;
    tt_diaglog log = {0};
    tc_warc_stats st = read_all(b.data, b.len, &g, &log, 0);
    cr_assert_eq(st.malformed, 1);
    cr_assert_eq(g.n, 1);
    cr_assert_eq(g.off[0], good);
    cr_assert(strstr(log.text, "no WARC/ version line") != NULL);
    tt_diaglog_free(&log);
    tc_buf_free(&b);
}

Test(warc, old_version_skipped)
{
    tc_buf b = TC_BUF_INIT;
    rec(&b, "WARC/0.17", "response", NULL, "HTTP/1.0 200 OK\r\n\r\nold", 23);
    http_rec(&b, "http://news.example/ok", "Content-Type: text/html\r\n", page1);
    got g;
    tt_diaglog log = {0};
    tc_warc_stats st = read_all(b.data, b.len, &g, &log, 0);
    cr_assert_eq(st.malformed, 1);
    cr_assert_eq(g.n, 1);
    cr_assert(strstr(log.text, "WARC/0.17") != NULL);
    tt_diaglog_free(&log);
    tc_buf_free(&b);
}

Test(warc, bad_target_uri_forms)
{
    tc_buf b = TC_BUF_INIT;
    http_rec(&b, "<http://old.example/wget>", "Content-Type: text/html\r\n", page1);
    http_rec(&b, "http://sp.example/a b", "Content-Type: text/html\r\n", page1);
    http_rec(&b, "", "Content-Type: text/html\r\n", page1);
    got g;
    tt_diaglog log = {0};
    read_all(b.data, b.len, &g, &log, 0);
    cr_assert_eq(g.n, 3);
    cr_assert_str_eq(g.uri[0], "http://old.example/wget");
    cr_assert_str_eq(g.uri[1], "http://sp.example/a b");
    cr_assert_str_eq(g.uri[2], "");
    tt_diaglog_free(&log);
    tc_buf_free(&b);
}

Test(warc, truncated_gzip_member)
{
    tc_buf plain = TC_BUF_INIT, gz = TC_BUF_INIT;
    http_rec(&plain, "http://news.example/1", "Content-Type: text/html\r\n", page1);
    gz_append(&gz, plain.data, plain.len);
    size_t second = gz.len;
    gz_append(&gz, plain.data, plain.len);
    gz.len -= 30;
    got g;
    tt_diaglog log = {0};
    tc_warc_stats st = read_all(gz.data, gz.len, &g, &log, 0);
    cr_assert_eq(g.n, 1);
    cr_assert_eq(st.truncated, 1);
    char want[64];
    snprintf(want, sizeof want, "offset %zu", second);
    cr_assert(strstr(log.text, want) != NULL, "%s", log.text);
    tt_diaglog_free(&log);
    tc_buf_free(&plain);
    tc_buf_free(&gz);
}

Test(warc, corrupt_gzip_member_skipped)
{
    tc_buf plain = TC_BUF_INIT, gz = TC_BUF_INIT;
    http_rec(&plain, "http://news.example/1", "Content-Type: text/html\r\n", page1);
    gz_append(&gz, plain.data, plain.len);
    size_t second = gz.len;
    gz_append(&gz, plain.data, plain.len);
    gz_append(&gz, plain.data, plain.len);
    for (size_t i = second + 20; i < second + 60; i++) gz.data[i] ^= 0x5a;
    got g;
    tt_diaglog log = {0};
    tc_warc_stats st = read_all(gz.data, gz.len, &g, &log, 0);
    cr_assert_eq(g.n, 2, "records before and after the damage: %s", log.text);
    cr_assert(st.malformed >= 1);
    char want[64];
    snprintf(want, sizeof want, "offset %zu", second);
    cr_assert(strstr(log.text, want) != NULL, "%s", log.text);
    tt_diaglog_free(&log);
    tc_buf_free(&plain);
    tc_buf_free(&gz);
}

Test(warc, record_over_limit_skipped_unbuffered)
{
    tc_buf b = TC_BUF_INIT;
    char *big = malloc(300000);
    memset(big, 'a', 300000);
    rec(&b, "WARC/1.0", "resource", "Content-Type: text/plain\r\n", big, 300000);
    http_rec(&b, "http://news.example/ok", "Content-Type: text/html\r\n", page1);
    got g;
    tt_diaglog log = {0};
    tc_warc_stats st = read_all(b.data, b.len, &g, &log, 100000);
    cr_assert_eq(st.too_large, 1);
    cr_assert_eq(g.n, 1);
    cr_assert(strstr(log.text, "exceeds the limit") != NULL);
    free(big);
    tt_diaglog_free(&log);
    tc_buf_free(&b);
}

/* a generated stream through the callback: 400 records of 64 KiB */
typedef struct gen {
    int i, n;
    tc_buf cur;
    size_t pos;
} gen;

static long gen_read(void *ud, void *buf, size_t n)
{
    gen *g = ud;
    if (g->pos == g->cur.len) {
        if (g->i == g->n) return 0;
        tc_buf_clear(&g->cur);
        char *blk = malloc(65536);
        memset(blk, 'x', 65536);
        memcpy(blk, "<p>", 3);
        rec(&g->cur, "WARC/1.0", "resource", "Content-Type: text/plain\r\n", blk, 65536);
        free(blk);
        g->pos = 0;
        g->i++;
    }
    size_t k = g->cur.len - g->pos < n ? g->cur.len - g->pos : n;
    memcpy(buf, g->cur.data + g->pos, k);
    g->pos += k;
    return (long)k;
}

Test(warc, streams_many_records_through_callback)
{
    gen g = {0, 400, TC_BUF_INIT, 0};
    tc_warc_stats st = {0};
    tc_warc *w = NULL;
    cr_assert_eq(tc_warc_open(&w, "gen", gen_read, &g, NULL, NULL, &st), TC_OK);
    tc_warc_record r;
    int n = 0;
    while (tc_warc_next(w, &r) == TC_OK) {
        cr_assert_eq(r.payload_len, 65536);
        n++;
    }
    tc_warc_close(&w);
    cr_assert_eq(n, 400);
    cr_assert(st.out_bytes > 400u * 65536u);
    tc_buf_free(&g.cur);
}

/* ---- whole-member decompression and in-place payloads ---- */

/* n bytes of text: repetitive when easy, else pseudo-random letters (hardly
 * compressible: the gzip member is bigger than the reader's input buffer) */
static char *text_block(size_t n, int easy)
{
    char *t = malloc(n);
    unsigned x = 12345;
    for (size_t i = 0; i < n; i++) {
        x = x * 1103515245u + 12345u;
        t[i] = easy ? "the river rose again. "[i % 22] : (char)(' ' + ((x >> 16) % 95));
    }
    return t;
}

static void big_member_case(int easy, size_t limit)
{
    size_t n = 3u << 20;
    char *t = text_block(n, easy);
    t[n - 1] = '!';
    tc_buf plain = TC_BUF_INIT, gz = TC_BUF_INIT;
    rec(&plain, "WARC/1.0", "resource", "Content-Type: text/plain\r\n", t, n);
    gz_append(&gz, plain.data, plain.len);
    size_t second = gz.len;
    tc_buf_clear(&plain);
    http_rec(&plain, "http://news.example/after", "Content-Type: text/html\r\n", page1);
    gz_append(&gz, plain.data, plain.len);
    tc_warc_stats st = {0};
    tc_warc_opts o = {.max_record = limit};
    tc_warc *w = NULL;
    cr_assert_eq(tc_warc_open_mem(&w, "big.warc.gz", gz.data, gz.len, &o, NULL, &st), TC_OK);
    tc_warc_record r;
    if (!limit) {
        cr_assert_eq(tc_warc_next(w, &r), TC_OK);
        cr_assert_eq(r.payload_len, n);
        cr_assert(memcmp(r.payload, t, n) == 0);
        cr_assert_eq(r.payload[n], 0);
        cr_assert_eq(r.offset, 0);
    }
    cr_assert_eq(tc_warc_next(w, &r), TC_OK);
    cr_assert_str_eq(r.target_uri, "http://news.example/after");
    cr_assert(strstr(r.payload, "old bridge") != NULL);
    cr_assert_eq(r.offset, second);
    cr_assert_eq(tc_warc_next(w, &r), TC_EOF);
    tc_warc_close(&w);
    cr_assert_eq(st.too_large, limit ? 1u : 0u);
    cr_assert_eq(st.malformed, 0);
    cr_assert_eq(st.in_bytes, gz.len);
    free(t);
    tc_buf_free(&plain);
    tc_buf_free(&gz);
}

/* output bigger than the first guess: the buffer grows */
Test(warc, big_gzip_member_decompressed_whole) { big_member_case(1, 0); }
/* compressed member bigger than the input buffer: streamed through zlib */
Test(warc, big_incompressible_gzip_member_streamed) { big_member_case(0, 0); }
/* over the record limit: skipped, the next member still read */
Test(warc, big_gzip_member_over_limit_skipped) { big_member_case(1, 100000); }

/* payloads returned in place must be what tc_html_decode gives */
Test(warc, text_payloads_as_tc_html_decode_gives_them)
{
    char *late = malloc(20000);
    memcpy(late, "<html><head><meta charset=\"iso-8859-1\"></head><body><p>", 56);
    memset(late + 56, 'a', 20000 - 56);
    memcpy(late + 12000, "caf\xc3\xa9", 5);
    memcpy(late + 20000 - 15, "</p></body>\n\n\n", 15);
    late[19999] = 0;
    const char *bodies[] = {
        "\xef\xbb\xbf<html><body><p>BOM then caf\xc3\xa9</p></body></html>",
        "<html><head><meta charset=\"iso-8859-1\"></head><body><p>plain ASCII</p></body></html>",
        late,
        "<html><head><meta charset=\"windows-1251\"></head><body><p>\xd0\xbc\xd0\xb8\xd1\x80</p>",
        "<html><head><meta charset=\"utf-16\"></head><body><p>caf\xc3\xa9</p></body></html>",
        "<html><body><p>Z\xfcrich caf\xe9</p></body></html>",
        "<html><body><p>broken \xc3 sequence, caf\xc3\xa9</p></body></html>",
        "<html><body><p>\xe2\x80\x9cquoted\xe2\x80\x9d \xf0\x9f\x98\x80</p></body></html>",
    };
    const char *hdr[] = {"Content-Type: text/html\r\n", "Content-Type: text/html; charset=utf-8\r\n"};
    size_t nb = sizeof bodies / sizeof *bodies;
    for (int h = 0; h < 2; h++) {
        tc_buf b = TC_BUF_INIT;
        for (size_t i = 0; i < nb; i++) http_rec(&b, "http://a/x", hdr[h], bodies[i]);
        /* a NUL byte in a payload (dropped by the decoder) */
        tc_buf blk = TC_BUF_INIT;
        tc_buf_printf(&blk, "HTTP/1.1 200 OK\r\n%s\r\n<p>nul", hdr[h]);
        tc_buf_append(&blk, "\0here</p>", 9);
        rec(&b, "WARC/1.0", "response",
            "WARC-Target-URI: http://a/nul\r\nContent-Type: application/http\r\n", blk.data,
            blk.len);
        tc_buf_free(&blk);
        tc_warc *w = NULL;
        cr_assert_eq(tc_warc_open_mem(&w, "t.warc", b.data, b.len, NULL, NULL, NULL), TC_OK);
        tc_warc_record r;
        for (size_t i = 0; i <= nb; i++) {
            cr_assert_eq(tc_warc_next(w, &r), TC_OK);
            const char *src = i < nb ? bodies[i] : "<p>nul\0here</p>";
            size_t sn = i < nb ? strlen(src) : 15;
            tc_buf want = TC_BUF_INIT;
            char cs[64];
            cr_assert_eq(tc_html_decode(src, sn, h ? "utf-8" : NULL, &want, cs, sizeof cs, NULL),
                         TC_OK);
            cr_assert_str_eq(r.charset, cs, "record %zu header %d", i, h);
            cr_assert_eq(r.payload_len, want.len, "record %zu header %d", i, h);
            cr_assert(memcmp(r.payload, want.data, want.len) == 0, "record %zu", i);
            cr_assert_eq(r.payload[r.payload_len], 0);
            tc_buf_free(&want);
        }
        cr_assert_eq(tc_warc_next(w, &r), TC_EOF);
        tc_warc_close(&w);
        tc_buf_free(&b);
    }
    free(late);
}

Test(warc, charset_from_http_header_and_meta)
{
    tc_buf b = TC_BUF_INIT;
    http_rec(&b, "http://a/1", "Content-Type: text/html; charset=ISO-8859-1\r\n",
             "<html><body><p>Z\xfcrich caf\xe9</p></body></html>");
    http_rec(&b, "http://a/2", "Content-Type: text/html\r\n",
             "<html><head><meta charset=\"windows-1252\"></head><body><p>\x93quoted\x94</p></body></html>");
    http_rec(&b, "http://a/3", "Content-Type: text/html; charset=koi8-r\r\n",
             "<html><body><p>\xcd\xcf\xd3\xcb\xd7\xc1</p></body></html>");
    got g;
    tt_diaglog log = {0};
    read_all(b.data, b.len, &g, &log, 0);
    cr_assert_eq(g.n, 3);
    cr_assert(strstr(g.payload[0], "Z\xc3\xbcrich caf\xc3\xa9") != NULL, "%s", g.payload[0]);
    cr_assert(strstr(g.payload[1], "\xe2\x80\x9cquoted\xe2\x80\x9d") != NULL, "%s", g.payload[1]);
    cr_assert(strstr(g.payload[2], "\xd0\xbc\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0") != NULL,
              "koi8-r through iconv: %s", g.payload[2]);
    tt_diaglog_free(&log);
    tc_buf_free(&b);
}

Test(warc, sniff)
{
    cr_assert(tc_warc_sniff("WARC/1.0\r\n", 10));
    cr_assert(!tc_warc_sniff("<html>", 6));
    tc_buf gz = TC_BUF_INIT;
    gz_append(&gz, "WARC/1.1\r\nWARC-Type: warcinfo\r\n", 31);
    cr_assert(tc_warc_sniff(gz.data, gz.len));
    tc_buf_free(&gz);
}

Test(warc, reader_framework_gives_article_documents)
{
    tc_buf b = TC_BUF_INIT;
    sample(&b);
    tc_read_stats rs = {0};
    tc_reader *r = NULL;
    tt_diaglog log = {0};
    tc_diag diag = tt_diag(&log);
    cr_assert_eq(tc_reader_open_mem(&r, "crawl.warc", b.data, b.len, NULL, &diag, &rs), TC_OK);
    cr_assert_eq(tc_reader_format(r), TC_FMT_WARC);
    tc_doc *d;
    int n = 0;
    while (tc_reader_next(r, &d) == TC_OK) {
        if (n == 0) {
            cr_assert_str_eq(d->title, "Bridge reopens");
            cr_assert_str_eq(d->url, "http://news.example/a");
            cr_assert(strstr(d->text, "old bridge over the river") != NULL);
            cr_assert_str_eq(tc_doc_meta_get(d, "warc.date"), "2024-03-01T10:20:30Z");
            cr_assert_str_eq(d->format, "warc");
            cr_assert(strncmp(d->id, "urn:uuid:", 9) == 0);
        }
        n++;
        tc_doc_free(&d);
    }
    tc_reader_close(&r);
    cr_assert_eq(n, 2); /* the HTML response and the plain-text resource */
    tt_diaglog_free(&log);
    tc_buf_free(&b);
}

/* through the CLI: a .warc.gz file with a corrupt member in the middle gives
 * the documents before and after it; the damage is reported with its offset */
Test(warc, cli_clean_survives_corrupt_member)
{
    tc_buf plain = TC_BUF_INIT, gz = TC_BUF_INIT;
    http_rec(&plain, "http://news.example/1", "Content-Type: text/html\r\n", page1);
    gz_append(&gz, plain.data, plain.len);
    size_t second = gz.len;
    gz_append(&gz, plain.data, plain.len);
    gz_append(&gz, plain.data, plain.len);
    for (size_t i = second + 20; i < second + 60; i++) gz.data[i] ^= 0x5a;
    char *path = tt_tmpfile(".warc.gz", gz.data, gz.len);
    cr_assert_not_null(path);
    char args[512], *out = NULL, *err = NULL;
    snprintf(args, sizeof args, "clean --json %s", path);
    int rc = tt_run(args, NULL, &out, &err);
    cr_assert_eq(rc, 0, "%s", err);
    int lines = 0;
    for (const char *q = out; (q = strchr(q, '\n')); q++) lines++;
    cr_assert_eq(lines, 2, "%s", out);
    char want[64];
    snprintf(want, sizeof want, "offset %zu", second);
    cr_assert(strstr(err, want) != NULL, "%s", err);
    remove(path);
    free(path);
    free(out);
    free(err);
    tc_buf_free(&plain);
    tc_buf_free(&gz);
}

/* ---- real files from several crawlers (../shared) ---- */

static tc_warc_stats read_path(const char *rel, int *n, tt_diaglog *log)
{
    tc_warc_stats st;
    memset(&st, 0, sizeof st);
    *n = -1;
    const char *p = tt_shared(rel);
    if (!p) return st;
    tc_diag diag = tt_diag(log);
    tc_warc *w = NULL;
    cr_assert_eq(tc_warc_open_path(&w, p, NULL, &diag, &st), TC_OK);
    tc_warc_record r;
    *n = 0;
    while (tc_warc_next(w, &r) == TC_OK) (*n)++;
    tc_warc_close(&w);
    return st;
}

Test(warc_shared, crawler_files)
{
    struct {
        const char *rel;
        int records; /* response+resource yielded */
    } cases[] = {
        {"data/corpora/warc/warcio/example.warc.gz", 1},
        {"data/corpora/warc/warcio/example-iana.org-chunked.warc", 1},
        {"data/corpora/warc/warcio/example-wget-bad-target-uri.warc.gz", 3},
        {"data/corpora/warc/iipc/hello-world.warc.gz", 3},
        {"data/corpora/warc/commoncrawl-whirlwind/whirlwind.warc.gz", 1},
        {"data/corpora/warc/jwarc/cc.warc.gz", 1},
        {"data/corpora/warc/constructed/news-pages-50.warc11.warc.gz", 50},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int n;
        tt_diaglog log = {0};
        tc_warc_stats st = read_path(cases[i].rel, &n, &log);
        if (n < 0) cr_skip_test();
        cr_assert_eq(n, cases[i].records, "%s: %d records", cases[i].rel, n);
        cr_assert_eq(st.malformed, 0, "%s: %s", cases[i].rel, log.text ? log.text : "");
        tt_diaglog_free(&log);
    }
}

Test(warc_shared, broken_files_reported_and_survived)
{
    int n;
    tt_diaglog log = {0};
    tc_warc_stats st = read_path("data/corpora/warc/warcio/example-trunc.warc", &n, &log);
    if (n < 0) cr_skip_test();
    cr_assert(st.malformed + st.truncated >= 1);
    cr_assert(strstr(log.text, "offset") != NULL);
    tt_diaglog_free(&log);
    memset(&log, 0, sizeof log);
    st = read_path("data/corpora/warc/ukwa/IAH-20080430204825-00000-blackbook-truncated.warc.gz", &n,
                   &log);
    cr_assert(st.malformed >= 1);
    cr_assert(strstr(log.text, "WARC/0.17") != NULL);
    tt_diaglog_free(&log);
    memset(&log, 0, sizeof log);
    st = read_path("data/corpora/warc/warcio/example-wrong-chunks.warc.gz", &n, &log);
    cr_assert_eq(n, 1);
    tt_diaglog_free(&log);
}

int tc_fuzz_warc(const uint8_t *data, size_t size);
/* corpus: our seed WARCs (and every crasher found, named crash-*) */
Test(fuzz_replay, warc) { cr_assert_gt(tt_replay_dir("fuzz/corpus/warc", tc_fuzz_warc), 0); }
