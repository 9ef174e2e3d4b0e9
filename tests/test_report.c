/* test_report.c - `tacitus report`: one self-contained HTML file with the charts and table. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"

#define FIX "tests/data/store/"

static char *make_db(const char *extra_jsonl)
{
    char *db = tt_tmpfile(".db", "", 0);
    unlink(db);
    char cmd[1200];
    char *extra = extra_jsonl ? tt_tmpfile(".jsonl", extra_jsonl, strlen(extra_jsonl)) : NULL;
    snprintf(cmd, sizeof cmd, "ingest -q --db %s " FIX "wire_a.jsonl " FIX "paper_b.jsonl " FIX
             "wire_c.jsonl %s", db, extra ? extra : "");
    cr_assert_eq(tt_run(cmd, NULL, NULL, NULL), 0);
    if (extra) {
        unlink(extra);
        free(extra);
    }
    return db;
}

static int count(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle)) n++;
    return n;
}

Test(report, self_contained_html_with_all_sections)
{
    const char *evil =
        "{\"doc\":\"evil-1\",\"sent\":0,\"date\":\"2026-03-12\",\"source\":\"NGO\",\"target\":"
        "\"FRAGOV\",\"code\":\"141\",\"sentence\":\"Protesters chanted <script>alert(1)</script> "
        "& waved 'flags'.\",\"url\":\"javascript:alert(2)\",\"outlet\":\"<b>bad</b>\"}\n";
    char *db = make_db(evil);
    char *html = tt_tmpfile(".html", "", 0);
    char cmd[1200], *err = NULL;
    snprintf(cmd, sizeof cmd, "report --db %s -o %s --title 'March <2026>'", db, html);
    cr_assert_eq(tt_run(cmd, NULL, NULL, &err), 0, "%s", err);
    free(err);
    size_t n;
    char *h = tt_slurp(html, &n);
    cr_assert_not_null(h);
    cr_assert_eq(strncmp(h, "<!DOCTYPE html>", 15), 0);
    cr_assert(strstr(h, "</html>"));
    /* self-contained: no external resources */
    cr_assert_null(strstr(h, "<link"));
    cr_assert_null(strstr(h, "src="));
    cr_assert_null(strstr(h, "@import"));
    cr_assert_null(strstr(h, "url("));
    /* the five sections, as inline SVG */
    cr_assert(strstr(h, "Events per week by quad class"));
    cr_assert(strstr(h, "Goldstein score per week"));
    cr_assert(strstr(h, "Most active actors"));
    cr_assert(strstr(h, "Actor network"));
    cr_assert(strstr(h, "<table id='ev'>"));
    cr_assert_eq(count(h, "<svg"), 4);
    /* weekly bars carry their counts; top dyad RUS-UKR/USA present in the legend */
    cr_assert(strstr(h, "<title>week of 2026-03-02: 3 Verbal conflict</title>"), "bars");
    cr_assert(strstr(h, "RUS &ndash; USA"));
    /* table: 12 events, each row linked to its sentences and documents */
    cr_assert_eq(count(h, "<tr data-q="), 12);
    cr_assert(strstr(h, "<a href='https://paper-b.example/world/18' rel='noreferrer'>"));
    cr_assert(strstr(h, "more reports"));
    cr_assert(strstr(h, "id='q' type='search'"));
    /* escaping: no injected markup, no javascript: link */
    cr_assert_null(strstr(h, "<script>alert"));
    cr_assert(strstr(h, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; waved &#39;flags&#39;"));
    cr_assert_null(strstr(h, "javascript:alert"));
    cr_assert_null(strstr(h, "<b>bad</b>"));
    cr_assert(strstr(h, "<title>March &lt;2026&gt;</title>"));
    /* exactly one script element (the table search) */
    cr_assert_eq(count(h, "<script>"), 1);
    free(h);
    unlink(html);
    free(html);
    tt_rm_db(db);
}

Test(report, filters_and_empty_database)
{
    char *db = make_db(NULL);
    char *html = tt_tmpfile(".html", "", 0);
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "report -q --db %s -o %s --dyad USA,RUS", db, html);
    cr_assert_eq(tt_run(cmd, NULL, NULL, NULL), 0);
    char *h = tt_slurp(html, NULL);
    cr_assert_eq(count(h, "<tr data-q="), 2);
    free(h);
    /* a filter matching nothing still gives a valid page */
    snprintf(cmd, sizeof cmd, "report -q --db %s -o %s --from 2030-01-01", db, html);
    cr_assert_eq(tt_run(cmd, NULL, NULL, NULL), 0);
    h = tt_slurp(html, NULL);
    cr_assert(strstr(h, "No events."));
    cr_assert(strstr(h, "</html>"));
    free(h);
    unlink(html);
    free(html);
    tt_rm_db(db);
}

Test(report, unwritable_output_is_an_error_and_leaves_nothing)
{
    size_t cap = 400 * 300, len = 0;
    char *many = malloc(cap);
    for (int i = 0; i < 400; i++)
        len += (size_t)snprintf(many + len, cap - len,
                                "{\"doc\":\"m%d\",\"sent\":0,\"date\":\"2026-02-%02d\","
                                "\"source\":\"S%03d\",\"target\":\"T%03d\",\"code\":\"042\","
                                "\"sentence\":\"Visit number %d took place.\"}\n",
                                i, 1 + i % 28, i, i, i);
    char *db = make_db(many);
    free(many);
    char cmd[1200], *err = NULL;
    snprintf(cmd, sizeof cmd, "report --db %s -o /nonexistent-dir/r.html", db);
    cr_assert_eq(tt_run(cmd, NULL, NULL, &err), 1);
    cr_assert(strstr(err, "cannot write '/nonexistent-dir/r.html'"), "%s", err);
    free(err);
    /* existing report kept when the new one cannot be written (size limit) */
    char *html = tt_tmpfile(".html", "old", 3);
    char *errp = tt_tmpfile(".err", "", 0);
    snprintf(cmd, sizeof cmd,
             "sh -c 'trap \"\" XFSZ; ulimit -f 80; exec %s report --db %s -o %s' 2>%s",
             TC_TEST_BIN, db, html, errp);
    int rc = system(cmd);
    cr_assert(WIFEXITED(rc) && WEXITSTATUS(rc) == 1);
    err = tt_slurp(errp, NULL);
    cr_assert(strstr(err, "left unchanged"), "%s", err);
    free(err);
    size_t n;
    char *h = tt_slurp(html, &n);
    cr_assert_eq(n, 3);
    free(h);
    unlink(errp);
    free(errp);
    unlink(html);
    free(html);
    tt_rm_db(db);
}
