/* test_html.c - charset detection/conversion, article extraction, metadata and
 * publication dates on pages we wrote (tests/data/web/) or generate here. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clean/html.h"
#include "clean/pubdate.h"
#include "core/utf8.h"
#include "io/reader.h"
#include "testutil.h"

static tc_html_article extract_file(const char *path, char *cs, size_t cap)
{
    size_t n;
    char *raw = tt_slurp(path, &n);
    cr_assert_not_null(raw, "%s", path);
    tc_buf u = TC_BUF_INIT;
    cr_assert_eq(tc_html_decode(raw, n, NULL, &u, cs, cap, NULL), TC_OK);
    tc_html_article a;
    cr_assert_eq(tc_html_extract(u.data, u.len, NULL, &a), TC_OK);
    cr_assert(tc_utf8_valid(a.text, a.text_len));
    cr_assert_eq(strlen(a.text), a.text_len);
    tc_buf_free(&u);
    free(raw);
    return a;
}

Test(html, article_body_without_boilerplate)
{
    char cs[32];
    tc_html_article a = extract_file("tests/data/web/article.html", cs, sizeof cs);
    cr_assert_str_eq(cs, "utf-8");
    cr_assert_str_eq(a.title, "Harbour council approves new ferry link");
    cr_assert_str_eq(a.url, "https://ledger.example/news/2023/06/14/ferry-link");
    cr_assert_str_eq(a.date, "2023-06-14");
    cr_assert_str_eq(a.datetime, "2023-06-14T08:30:00");
    cr_assert_str_eq(a.language, "en");
    cr_assert(strncmp(a.text, "The harbour council voted on Tuesday", 36) == 0, "%s", a.text);
    cr_assert(strstr(a.text, "since 2013.") != NULL);
    cr_assert(strstr(a.text, "\n\nCouncillors backed") != NULL, "paragraphs kept apart");
    const char *junk[] = {"Share on", "Related", "Bridge plan", "Copyright", "tracking",
                          "Privacy", "Home", "By A. Writer", "approves new ferry link"};
    for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++)
        cr_assert(strstr(a.text, junk[i]) == NULL, "'%s' leaked: %s", junk[i], a.text);
    tc_html_article_free(&a);
}

Test(html, windows1252_bytes)
{
    char cs[32];
    tc_html_article a = extract_file("tests/data/web/cp1252.html", cs, sizeof cs);
    cr_assert_str_eq(cs, "windows-1252");
    cr_assert_str_eq(a.title, "Caf\xc3\xa9 owners \xe2\x80\x9c" "celebrate\xe2\x80\x9d reopening");
    cr_assert(strstr(a.text, "Monday \xe2\x80\x93 three months") != NULL, "%s", a.text);
    cr_assert(strstr(a.text, "na\xc3\xafve") != NULL);
    tc_html_article_free(&a);
}

Test(html, wrong_charset_declarations)
{
    char cs[32];
    /* declared UTF-8, bytes Latin-1 */
    const char *l1 = "<html><head><meta charset=utf-8></head><body><p>Gar\xe7on, cr\xe8me "
                     "br\xfbl\xe9" "e pour la table \xe0 c\xf4t\xe9</p></body></html>";
    tc_html_sniff_charset(l1, strlen(l1), NULL, cs, sizeof cs);
    cr_assert_str_eq(cs, "windows-1252");
    /* declared Latin-1 (HTTP header), bytes UTF-8 */
    const char *u8 = "<html><body><p>Gar\xc3\xa7on, cr\xc3\xa8me br\xc3\xbbl\xc3\xa9" "e</p></body></html>";
    tc_html_sniff_charset(u8, strlen(u8), "ISO-8859-1", cs, sizeof cs);
    cr_assert_str_eq(cs, "utf-8");
    /* UTF-16 declared without BOM in an 8-bit page: ignored */
    const char *u16 = "<meta charset=\"utf-16\"><p>plain ascii</p>";
    tc_html_sniff_charset(u16, strlen(u16), NULL, cs, sizeof cs);
    cr_assert_str_eq(cs, "utf-8");
    /* unknown charset name: treated as UTF-8 with repair */
    tc_buf out = TC_BUF_INIT;
    cr_assert_eq(tc_html_decode("ok \xff here", 9, "x-no-such-charset", &out, cs, sizeof cs, NULL),
                 TC_OK);
    cr_assert(tc_utf8_valid(out.data, out.len));
    tc_buf_free(&out);
    /* iconv path: windows-1251 */
    out = (tc_buf)TC_BUF_INIT;
    size_t rep = 0;
    cr_assert_eq(tc_html_to_utf8("\xcc\xee\xf1\xea\xe2\xe0", 6, "windows-1251", &out, &rep), TC_OK);
    cr_assert_str_eq(out.data, "\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0");
    cr_assert_eq(rep, 0);
    tc_buf_free(&out);
    /* BOM wins over a wrong declaration; NULs dropped */
    out = (tc_buf)TC_BUF_INIT;
    static const char bom[] = "\xef\xbb\xbf<meta charset=latin1>a\0b";
    cr_assert_eq(tc_html_decode(bom, sizeof bom - 1, NULL, &out, cs, sizeof cs, &rep), TC_OK);
    cr_assert_str_eq(cs, "utf-8");
    cr_assert(strstr(out.data, "ab") != NULL);
    tc_buf_free(&out);
}

Test(html, no_body_scripts_only_frames)
{
    char cs[32];
    tc_html_article a = extract_file("tests/data/web/nobody.html", cs, sizeof cs);
    cr_assert_str_eq(a.text, "");
    cr_assert_str_eq(a.title, "No body");
    tc_html_article_free(&a);
    a = extract_file("tests/data/web/scripts-only.html", cs, sizeof cs);
    cr_assert_str_eq(a.text, "");
    tc_html_article_free(&a);
    a = extract_file("tests/data/web/frames.html", cs, sizeof cs);
    cr_assert_str_eq(a.title, "Frame page");
    tc_html_article_free(&a);
    /* empty input and garbage */
    cr_assert_eq(tc_html_extract("", 0, NULL, &a), TC_OK);
    cr_assert_str_eq(a.text, "");
    tc_html_article_free(&a);
    cr_assert_eq(tc_html_extract("<<<>>>&&&", 9, NULL, &a), TC_OK);
    tc_html_article_free(&a);
}

Test(html, huge_and_deep_pages)
{
    tc_buf b = TC_BUF_INIT;
    tc_buf_puts(&b, "<html><head><title>Long report</title></head><body><div class=nav>"
                    "<a href=/>Home</a></div><div class=story>");
    for (int i = 0; i < 20000; i++)
        tc_buf_printf(&b, "<p>Paragraph %d of the inquiry report, which runs to many pages, "
                          "records the evidence heard by the committee.</p>\n", i);
    tc_buf_puts(&b, "</div></body></html>");
    tc_html_article a;
    cr_assert_eq(tc_html_extract(b.data, b.len, NULL, &a), TC_OK);
    cr_assert(strstr(a.text, "Paragraph 0 of") != NULL);
    cr_assert(strstr(a.text, "Paragraph 19999 of") != NULL);
    cr_assert(strstr(a.text, "Home") == NULL);
    tc_html_article_free(&a);
    tc_buf_clear(&b);
    for (int i = 0; i < 50000; i++) tc_buf_puts(&b, "<div>");
    tc_buf_puts(&b, "deep text");
    cr_assert_eq(tc_html_extract(b.data, b.len, NULL, &a), TC_OK);
    tc_html_article_free(&a);
    tc_buf_free(&b);
}

Test(html, title_language_canonical_variants)
{
    const char *p = "<html lang=\"pt_BR\"><head><title>Chuva forte alaga centro da cidade - "
                    "Jornal da Serra</title><link rel=canonical href=\"/noticias/chuva\"></head>"
                    "<body><article><p>A chuva forte desta quarta-feira alagou ruas do centro e "
                    "deixou o tr\xc3\xa2nsito lento durante toda a manh\xc3\xa3.</p></article></body></html>";
    tc_html_opts o = {"https://serra.example/x?y=1"};
    tc_html_article a;
    cr_assert_eq(tc_html_extract(p, strlen(p), &o, &a), TC_OK);
    cr_assert_str_eq(a.title, "Chuva forte alaga centro da cidade");
    cr_assert_str_eq(a.language, "pt");
    cr_assert_str_eq(a.url, "https://serra.example/noticias/chuva");
    cr_assert(strstr(a.text, "alagou ruas") != NULL);
    tc_html_article_free(&a);
}

Test(html, jsonld_body_when_page_is_rendered_by_script)
{
    const char *p = "<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
                    "\"datePublished\":\"2022-11-03T09:00:00Z\",\"articleBody\":\"The port "
                    "authority said on Thursday that the new quay would open next year.\\nIt will "
                    "handle container ships up to 300 metres long, doubling the capacity of the "
                    "harbour, and was paid for by a regional fund set up in 2019 for transport "
                    "\\u00e9quipement.\"}</script></head><body><div id=app></div></body></html>";
    tc_html_article a;
    cr_assert_eq(tc_html_extract(p, strlen(p), NULL, &a), TC_OK);
    cr_assert(strncmp(a.text, "The port authority said", 23) == 0, "%s", a.text);
    cr_assert(strstr(a.text, "next year.\n\nIt will") != NULL);
    cr_assert(strstr(a.text, "\xc3\xa9quipement") != NULL);
    cr_assert_str_eq(a.date, "2022-11-03");
    cr_assert_str_eq(a.date_source, "json-ld");
    tc_html_article_free(&a);
}

/* the JSON-LD script and the description meta sit in <body>, which the
 * pruning frees: they must have been copied first (use-after-free found by
 * running the ASan build over the AEB pages; corpus file
 * fuzz/corpus/html/crash-ldjson-script-in-body.html) */
Test(html, jsonld_and_description_in_body)
{
    size_t n;
    char *p = tt_slurp("fuzz/corpus/html/crash-ldjson-script-in-body.html", &n);
    cr_assert_not_null(p);
    tc_html_article a;
    cr_assert_eq(tc_html_extract(p, n, NULL, &a), TC_OK);
    cr_assert(strncmp(a.text, "The council met on Monday", 25) == 0, "%s", a.text);
    tc_html_article_free(&a);
    free(p);
}

Test(html, body_split_in_blocks_of_one_class)
{
    const char *p = "<html><body><div class=\"article-body\"><p>The first half of the story tells "
                    "how the river rose overnight and flooded the low streets of the old town.</p></div>"
                    "<div class=\"ad-slot\"><a href=/x>Buy now</a></div>"
                    "<div class=\"article-body\"><p>The second half reports that volunteers filled "
                    "sandbags until dawn, and that the water began to fall by noon.</p></div>"
                    "<div class=\"related\"><a href=/y>Other floods</a></div></body></html>";
    tc_html_article a;
    cr_assert_eq(tc_html_extract(p, strlen(p), NULL, &a), TC_OK);
    cr_assert(strstr(a.text, "river rose overnight") != NULL, "%s", a.text);
    cr_assert(strstr(a.text, "water began to fall") != NULL, "%s", a.text);
    cr_assert(strstr(a.text, "Buy now") == NULL && strstr(a.text, "Other floods") == NULL);
    tc_html_article_free(&a);
}

/* ---- publication dates ---- */

static void want_date(const char *s, const char *ymd)
{
    tc_pubdate d;
    int ok = tc_pubdate_parse(s, strlen(s), &d);
    if (!ymd) {
        cr_assert(!ok, "'%s' should not parse", s);
        return;
    }
    cr_assert(ok, "'%s' did not parse", s);
    char b[16];
    tc_pubdate_format_date(&d, b, sizeof b);
    cr_assert_str_eq(b, ymd, "'%s'", s);
}

Test(pubdate, formats)
{
    want_date("2019-03-27T10:00:00+01:00", "2019-03-27");
    want_date("2019/03/27", "2019-03-27");
    want_date("Published March 27, 2019 at 5pm", "2019-03-27");
    want_date("Mar. 27 2019", "2019-03-27");
    want_date("27 March 2019", "2019-03-27");
    want_date("Wed, 27 Mar 2019 10:00:00 GMT", "2019-03-27");
    want_date("27.03.2019, 10:15", "2019-03-27");
    want_date("martes 17 de marzo de 2020", "2020-03-17");
    want_date("17. M\xc3\xa4rz 2020", "2020-03-17");
    want_date("2020\xe5\xb9\xb4" "3\xe6\x9c\x88" "27\xe6\x97\xa5", "2020-03-27");
    want_date("2019-02-30", NULL);
    want_date("1899-01-01", NULL);
    want_date("page 12 of 30", NULL);
    tc_pubdate d;
    cr_assert(tc_pubdate_parse("2021-07-04 18:05:09", 19, &d));
    cr_assert(d.has_time && d.hh == 18 && d.mi == 5 && d.ss == 9);
}

Test(pubdate, url_patterns)
{
    tc_pubdate d;
    cr_assert(tc_pubdate_from_url("https://x.example/2019/03/27/story", &d));
    cr_assert(d.y == 2019 && d.m == 3 && d.d == 27);
    cr_assert(tc_pubdate_from_url("https://x.example/news/story-20200718.html", &d));
    cr_assert(d.y == 2020 && d.m == 7 && d.d == 18);
    cr_assert(!tc_pubdate_from_url("https://x.example/2019/03/story", &d));
    cr_assert(!tc_pubdate_from_url("https://x.example/a?date=2019/03/27", &d));
}

static void page_date(const char *html, const char *url, const char *want, const char *src)
{
    tc_html_opts o = {url};
    tc_html_article a;
    cr_assert_eq(tc_html_extract(html, strlen(html), &o, &a), TC_OK);
    if (!want) cr_assert_null(a.date, "%s", a.date);
    else {
        cr_assert_str_eq(a.date, want);
        cr_assert_str_eq(a.date_source, src);
    }
    tc_html_article_free(&a);
}

Test(pubdate, priorities)
{
    page_date("<html><head><meta property=\"article:modified_time\" content=\"2021-05-09\">"
              "<meta itemprop=datePublished content=\"2021-05-01\"></head><body><p>x</p></body></html>",
              NULL, "2021-05-01", "meta");
    page_date("<html><body><time datetime=\"2021-05-02T08:00\" pubdate>May 2</time>"
              "<p>Story text.</p></body></html>",
              NULL, "2021-05-02", "time");
    page_date("<html><head><meta property=\"article:published_time\" content=\"2021-05-03T23:30:00Z\">"
              "</head><body></body></html>",
              "https://n.example/2021/05/04/x", "2021-05-04", "url");
    page_date("<html><body><p>Photo taken January 16, 2020.</p><p>January 18, 2020</p>"
              "<p>Story.</p></body></html>",
              NULL, "2020-01-18", "text");
    page_date("<html><head><meta property=\"article:modified_time\" content=\"2021-06-09\"></head>"
              "<body></body></html>",
              NULL, "2021-06-09", "meta");
    page_date("<html><head><meta name=\"pubdate\" content=\"1592812800\"></head><body></body></html>",
              NULL, "2020-06-22", "meta"); /* epoch seconds, through src/core/date */
    /* URL day, then a UTC timestamp of the next day well after midnight: the timestamp */
    page_date("<html><head><script type=\"application/ld+json\">{\"datePublished\":"
              "\"2020-07-09T10:04:04Z\"}</script></head><body></body></html>",
              "https://paper.example/politics/2020/07/08/story.html", "2020-07-09", "json-ld");
    /* UTC meta vs local-offset JSON-LD a day apart: the local day */
    page_date("<html><head><meta property=\"article:published_time\" content=\"2020-12-24T23:59:50+00:00\">"
              "<script type=\"application/ld+json\">{\"datePublished\":\"2020-12-25T01:59:50+02:00\"}"
              "</script></head><body></body></html>",
              NULL, "2020-12-25", "json-ld");
    page_date("<html><body><p>No date anywhere in this page.</p></body></html>", NULL, NULL, NULL);
}

Test(html, reader_html_document)
{
    tc_read_stats rs = {0};
    tc_reader *r = NULL;
    cr_assert_eq(tc_reader_open(&r, "tests/data/web/article.html", NULL, NULL, &rs), TC_OK);
    cr_assert_eq(tc_reader_format(r), TC_FMT_HTML);
    tc_doc *d = NULL;
    cr_assert_eq(tc_reader_next(r, &d), TC_OK);
    cr_assert_str_eq(d->id, "article");
    cr_assert_str_eq(d->title, "Harbour council approves new ferry link");
    cr_assert_str_eq(d->date, "2023-06-14");
    cr_assert_str_eq(d->language, "en");
    cr_assert_str_eq(d->source, "ledger.example");
    cr_assert(strncmp(d->text, "The harbour council", 19) == 0);
    cr_assert(d->raw_len > d->text_len, "raw keeps the page");
    tc_doc_free(&d);
    cr_assert_eq(tc_reader_next(r, &d), TC_EOF);
    tc_reader_close(&r);
    /* a page without text is counted empty, not returned */
    cr_assert_eq(tc_reader_open(&r, "tests/data/web/scripts-only.html", NULL, NULL, &rs), TC_OK);
    cr_assert_eq(tc_reader_next(r, &d), TC_EOF);
    tc_reader_close(&r);
    cr_assert_eq(rs.empty, 1);
}

Test(html, cli_clean_json)
{
    char *out = NULL;
    int rc = tt_run("clean -q --json tests/data/web/article.html", NULL, &out, NULL);
    cr_assert_eq(rc, 0);
    cr_assert(strstr(out, "\"title\":\"Harbour council approves new ferry link\"") != NULL, "%s", out);
    cr_assert(strstr(out, "\"date\":\"2023-06-14\"") != NULL, "%s", out);
    cr_assert(strstr(out, "The harbour council voted") != NULL);
    free(out);
    out = NULL;
    rc = tt_run("clean -q tests/data/web/article.html", NULL, &out, NULL);
    cr_assert_eq(rc, 0);
    static const char want[] = "Harbour council approves new ferry link\n\nThe harbour council";
    cr_assert(strncmp(out, want, sizeof want - 1) == 0,
              "title then body: %s", out);
    free(out);
}

int tc_fuzz_html(const uint8_t *data, size_t size);
/* corpus: our seed pages (and every crasher found, named crash-*) */
Test(fuzz_replay, html) { cr_assert_gt(tt_replay_dir("fuzz/corpus/html", tc_fuzz_html), 0); }
