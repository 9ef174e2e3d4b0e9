/* test_code_cli.c - `tacitus code` end to end on given parses: every output format,
 * a round trip of each through a reader, --db, --meta, threads, usage errors. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"

#define GIVEN "tests/data/pipeline/given.conllu"

static int count_lines(const char *s)
{
    int n = 0;
    for (; s && *s; s++) n += *s == '\n';
    return n;
}

static int fields(const char *line, char sep)
{
    int n = 1, q = 0;
    for (; *line && *line != '\n'; line++) {
        if (*line == '"') q = !q;
        if (*line == sep && !q) n++;
    }
    return n;
}

Test(code_cli, jsonl_round_trip_through_ingest)
{
    char *out = NULL, *err = NULL;
    int rc = tt_run("code --date 2022-03-29 " GIVEN, NULL, &out, &err);
    cr_assert_eq(rc, 0, "%s", err);
    cr_assert_eq(count_lines(out), 2, "%s", out);
    char *jsonl = tt_tmpfile(".jsonl", out, strlen(out));
    char db[] = "/tmp/tccodeXXXXXX";
    int fd = mkstemp(db);
    close(fd);
    unlink(db);
    char cmd[512];
    snprintf(cmd, sizeof cmd, "ingest --db %s %s", db, jsonl);
    free(out);
    free(err);
    cr_assert_eq(tt_run(cmd, NULL, &out, &err), 0, "%s", err);
    free(out);
    free(err);
    snprintf(cmd, sizeof cmd, "query --db %s --dyad RUSMIL,UKRMIL --format csv", db);
    cr_assert_eq(tt_run(cmd, NULL, &out, &err), 0, "%s", err);
    cr_expect(strstr(out, "2022-03-27") && strstr(out, "190"), "%s", out);
    free(out);
    free(err);
    unlink(db);
    unlink(jsonl);
    free(jsonl);
}

Test(code_cli, db_option_stores_events)
{
    char db[] = "/tmp/tccodeXXXXXX";
    int fd = mkstemp(db);
    close(fd);
    unlink(db);
    char cmd[512], *out = NULL, *err = NULL;
    snprintf(cmd, sizeof cmd, "code --db %s --date 2022-03-29 " GIVEN, db);
    cr_assert_eq(tt_run(cmd, NULL, &out, &err), 0, "%s", err);
    free(out);
    free(err);
    snprintf(cmd, sizeof cmd, "query --db %s --source USAGOV --format jsonl", db);
    cr_assert_eq(tt_run(cmd, NULL, &out, &err), 0, "%s", err);
    cr_expect(strstr(out, "RUSGOV") != NULL, "%s", out);
    cr_expect(strstr(out, "\"040\"") != NULL, "%s", out);
    free(out);
    free(err);
    /* coding the same input again adds nothing */
    snprintf(cmd, sizeof cmd, "code -q --db %s --date 2022-03-29 " GIVEN, db);
    cr_assert_eq(tt_run(cmd, NULL, &out, &err), 0);
    free(out);
    free(err);
    snprintf(cmd, sizeof cmd, "query --db %s --format csv", db);
    cr_assert_eq(tt_run(cmd, NULL, &out, &err), 0);
    cr_expect_eq(count_lines(out), 3, "header + 2 events expected:\n%s", out);
    free(out);
    free(err);
    unlink(db);
}

Test(code_cli, tsv_csv_phoenix_table_columns)
{
    char *out = NULL, *err = NULL;
    cr_assert_eq(tt_run("code --format tsv --date 2022-03-29 " GIVEN, NULL, &out, &err), 0);
    cr_assert_eq(count_lines(out), 3);
    cr_expect(strncmp(out, "doc\tsent\tdate\tsource\ttarget\tcode", 31) == 0, "%s", out);
    for (char *l = out; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL)
        if (*l) cr_expect_eq(fields(l, '\t'), 17);
    free(out);
    free(err);
    cr_assert_eq(tt_run("code --format csv --date 2022-03-29 " GIVEN, NULL, &out, &err), 0);
    cr_assert_eq(count_lines(out), 3);
    for (char *l = out; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL)
        if (*l) cr_expect_eq(fields(l, ','), 17, "%s", l);
    free(out);
    free(err);
    cr_assert_eq(tt_run("code --format phoenix --date 2022-03-29 " GIVEN, NULL, &out, &err), 0);
    cr_assert_eq(count_lines(out), 2);
    cr_expect_eq(fields(out, '\t'), 26);
    free(out);
    free(err);
    cr_assert_eq(tt_run("code --format table --date 2022-03-29 " GIVEN, NULL, &out, &err), 0);
    cr_expect(strstr(out, "RUSMIL") && strstr(out, "Conventional military force"), "%s", out);
    free(out);
    free(err);
}

Test(code_cli, meta_file_and_threads)
{
    const char *meta = "# id, date\ngiven\t2022-03-29\n";
    char *mp = tt_tmpfile(".tsv", meta, strlen(meta));
    char cmd[512], *a = NULL, *b = NULL, *err = NULL;
    snprintf(cmd, sizeof cmd, "code --meta %s " GIVEN " " GIVEN " " GIVEN, mp);
    cr_assert_eq(tt_run(cmd, NULL, &a, &err), 0, "%s", err);
    free(err);
    cr_expect(strstr(a, "\"date\":\"2022-03-27\"") != NULL, "%s", a);
    snprintf(cmd, sizeof cmd, "code -j 2 --meta %s " GIVEN " " GIVEN " " GIVEN, mp);
    cr_assert_eq(tt_run(cmd, NULL, &b, &err), 0, "%s", err);
    cr_expect_str_eq(a, b, "threads change the output");
    free(a);
    free(b);
    free(err);
    unlink(mp);
    free(mp);
}

Test(code_cli, usage_errors)
{
    char *out = NULL, *err = NULL;
    cr_expect_eq(tt_run("code --format xml " GIVEN, NULL, &out, &err), 2);
    free(out);
    free(err);
    cr_expect_eq(tt_run("code --date 27/03/2022 " GIVEN, NULL, &out, &err), 2);
    free(out);
    free(err);
    cr_expect_eq(tt_run("code --threads 0 " GIVEN, NULL, &out, &err), 2);
    free(out);
    free(err);
    cr_expect_eq(tt_run("code --given-parse /nonexistent/file.conllu", NULL, &out, &err), 1);
    free(out);
    free(err);
}

Test(code_cli, dict_check_on_the_embedded_defaults)
{
    char *out = NULL, *err = NULL;
    int rc = tt_run("dict check", NULL, &out, &err);
    cr_assert(rc == 0 || rc == 1, "%s", err);
    cr_expect(strstr(out, "0 bad lines, 0 conflicts") != NULL, "%s", out);
    cr_expect(strstr(out, "0 date overlaps") != NULL, "%s", out);
    cr_expect(strstr(out, "CAMEO three-digit codes covered") != NULL, "%s", out);
    free(out);
    free(err);
}

/* Raw text with the trained models: sentences that cannot hold an event are not parsed,
 * which must not change the events. */
Test(code_cli, relevance_filter_keeps_the_events)
{
    if (access("models/tagger.bin", R_OK) || access("models/parser.bin", R_OK)) {
        fprintf(stderr, "skip: models/*.bin not present\n");
        cr_skip_test();
    }
    char *a = NULL, *b = NULL, *err = NULL;
    cr_assert_eq(tt_run("code --date 2022-03-05 samples/news", NULL, &a, &err), 0, "%s", err);
    free(err);
    cr_assert_eq(tt_run("code --parse-all --date 2022-03-05 samples/news", NULL, &b, &err), 0, "%s", err);
    free(err);
    cr_expect_gt(count_lines(a), 3, "%s", a);
    cr_expect_str_eq(a, b);
    free(a);
    free(b);
}
