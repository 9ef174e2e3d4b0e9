/* test_io_bad.c - bad input: every case names file and line, the run goes on,
 * the counts are right (library level and through the CLI). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include "io/reader.h"
#include "testutil.h"

#ifndef TC_TEST_BIN
#define TC_TEST_BIN "bin/tacitus"
#endif

typedef struct run {
    tc_doc *d[32];
    int n;
    tc_read_stats st;
    tt_diaglog log;
} run;

static void read_path(run *g, const char *path, const tc_read_opts *o)
{
    memset(g, 0, sizeof *g);
    tc_diag dg = tt_diag(&g->log);
    tc_reader *r;
    if (tc_reader_open(&r, path, o, &dg, &g->st) != TC_OK) return;
    tc_doc *d;
    while (tc_reader_next(r, &d) == TC_OK) {
        if (g->n < 32) g->d[g->n++] = d;
        else tc_doc_free(&d);
    }
    tc_reader_close(&r);
}

static void run_free(run *g)
{
    for (int i = 0; i < g->n; i++) tc_doc_free(&g->d[i]);
    tt_diaglog_free(&g->log);
}

static const char *txt(const run *g) { return g->log.text ? g->log.text : ""; }

Test(bad, invalid_utf8_repaired_and_counted)
{
    run g;
    read_path(&g, "tests/bad/invalid_utf8.txt", NULL);
    cr_assert_eq(g.n, 1);
    cr_assert_eq(g.st.repaired, 3);
    cr_assert_eq(g.d[0]->n_repaired, 3);
    cr_assert(strstr(g.d[0]->text, "said \xEF\xBF\xBD\xEF\xBF\xBD the talks \xEF\xBF\xBD failed."));
    cr_assert(strstr(txt(&g), "tests/bad/invalid_utf8.txt:3: invalid UTF-8: 3 sequences"), "%s", txt(&g));
    run_free(&g);
}

Test(bad, nul_bytes_dropped_and_counted)
{
    run g;
    read_path(&g, "tests/bad/nul_bytes.txt", NULL);
    cr_assert_eq(g.n, 1);
    cr_assert_eq(g.st.nul_bytes, 3);
    cr_assert_str_eq(g.d[0]->text, "Police said the road was closed.\nA second line.\n");
    run_free(&g);
}

Test(bad, empty_files_counted)
{
    run g;
    read_path(&g, "tests/bad/empty.txt", NULL);
    cr_assert_eq(g.n, 0);
    cr_assert_eq(g.st.empty, 1);
    cr_assert(strstr(txt(&g), "tests/bad/empty.txt"), "%s", txt(&g));
    run_free(&g);
    read_path(&g, "tests/bad/blank.txt", NULL);
    cr_assert_eq(g.n, 0);
    cr_assert_eq(g.st.empty, 1);
    run_free(&g);
    /* an empty JSONL file: nothing, no error */
    tc_read_opts o = {.format = TC_FMT_JSONL};
    read_path(&g, "tests/bad/empty.txt", &o);
    cr_assert_eq(g.n, 0);
    cr_assert_eq(g.st.skipped, 0);
    run_free(&g);
}

Test(bad, unreadable_paths_named)
{
    tt_diaglog log = {0};
    tc_diag dg = tt_diag(&log);
    tc_read_stats st = {0};
    tc_reader *r = NULL;
    cr_assert_eq(tc_reader_open(&r, "tests/bad/does-not-exist.txt", NULL, &dg, &st), TC_EIO);
    cr_assert_null(r);
    cr_assert_eq(tc_reader_open(&r, "tests/bad", NULL, &dg, &st), TC_EIO);
    cr_assert(strstr(log.text, "tests/bad/does-not-exist.txt:0: cannot open"), "%s", log.text);
    cr_assert(strstr(log.text, "tests/bad:") && strstr(log.text, "directory"), "%s", log.text);
    tt_diaglog_free(&log);
}

Test(bad, broken_jsonl_lines_skipped)
{
    run g;
    read_path(&g, "tests/bad/broken.jsonl", NULL);
    cr_assert_eq(g.n, 4, "%s", txt(&g));
    cr_assert_str_eq(g.d[0]->id, "j1");
    cr_assert_str_eq(g.d[1]->id, "j3");
    cr_assert_str_eq(g.d[2]->id, "j7");
    cr_assert_str_eq(g.d[3]->id, "j8");
    cr_assert_str_eq(g.d[3]->text, "Bad byte \xEF\xBF\xBD here.");
    cr_assert_eq(g.st.skipped, 3);
    cr_assert_eq(g.st.empty, 1);
    cr_assert_eq(g.st.repaired, 1);
    const char *t = txt(&g);
    cr_assert(strstr(t, "tests/bad/broken.jsonl:2: broken JSON line"), "%s", t);
    cr_assert(strstr(t, "tests/bad/broken.jsonl:4: broken JSON line"), "%s", t);
    cr_assert(strstr(t, "tests/bad/broken.jsonl:5: JSON line is not an object"), "%s", t);
    cr_assert(strstr(t, "tests/bad/broken.jsonl:8: invalid UTF-8"), "%s", t);
    run_free(&g);
}

Test(bad, malformed_xml_records_skipped)
{
    run g;
    read_path(&g, "tests/bad/malformed.xml", NULL);
    cr_assert_eq(g.n, 4, "%s", txt(&g));
    cr_assert_str_eq(g.d[0]->id, "R1");
    cr_assert_str_eq(g.d[1]->id, "R3");
    cr_assert_str_eq(g.d[2]->id, "R4");
    cr_assert_str_eq(g.d[3]->id, "R6");
    cr_assert_str_eq(g.d[2]->text, "The fourth record has a broken attribute quote.");
    cr_assert_eq(g.st.skipped, 3);
    const char *t = txt(&g);
    cr_assert(strstr(t, "tests/bad/malformed.xml:6: <Text> not closed"), "%s", t);
    cr_assert(strstr(t, "tests/bad/malformed.xml:17: record not closed before the next record (record R5 started at line 15)"), "%s", t);
    cr_assert(strstr(t, "malformed.xml:22: <Text> not closed (record R7 started at line 21)"), "%s", t);
    run_free(&g);
}

Test(bad, broken_tabari_records)
{
    run g;
    read_path(&g, "tests/bad/broken.text", NULL);
    cr_assert_eq(g.n, 2, "%s", txt(&g));
    cr_assert_str_eq(g.d[0]->id, "GOOD-01");
    cr_assert_str_eq(g.d[1]->id, "GOOD-02");
    cr_assert_eq(g.st.skipped, 2);
    const char *t = txt(&g);
    cr_assert(strstr(t, "tests/bad/broken.text:5: malformed record header"), "%s", t);
    cr_assert(strstr(t, "tests/bad/broken.text:13: comment not closed at the end"), "%s", t);
    run_free(&g);
}

static size_t gz(const char *src, size_t n, unsigned char *out, size_t cap)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    z.next_in = (Bytef *)src;
    z.avail_in = (uInt)n;
    z.next_out = out;
    z.avail_out = (uInt)cap;
    deflate(&z, Z_FINISH);
    size_t len = cap - z.avail_out;
    deflateEnd(&z);
    return len;
}

static char *write_tmp(const char *suffix, const void *data, size_t len)
{
    char *p = tt_tmpfile(suffix, data, len);
    cr_assert_not_null(p);
    return p;
}

/* JSONL of n records "rK" */
static char *jsonl_records(int n, size_t *len)
{
    size_t cap = (size_t)n * 80 + 1;
    char *s = malloc(cap);
    size_t o = 0;
    for (int i = 1; i <= n; i++)
        o += (size_t)snprintf(s + o, cap - o, "{\"id\":\"r%d\",\"text\":\"Record number %d was filed today.\"}\n", i, i);
    *len = o;
    return s;
}

Test(bad, truncated_gzip_keeps_complete_records)
{
    size_t len;
    char *src = jsonl_records(2000, &len);
    unsigned char *z = malloc(len);
    size_t zl = gz(src, len, z, len);
    char *path = write_tmp(".jsonl.gz", z, zl * 2 / 3);
    run g;
    read_path(&g, path, NULL);
    cr_assert_eq(g.st.truncated, 1);
    cr_assert(g.st.docs > 100 && g.st.docs < 2000, "%lu docs recovered", g.st.docs);
    cr_assert_leq(g.st.skipped, 1); /* the cut last line */
    cr_assert(strstr(txt(&g), path) && strstr(txt(&g), "truncated gzip"), "%s", txt(&g));
    run_free(&g);
    unlink(path);
    free(path);
    free(src);
    free(z);
}

Test(bad, line_of_100mb, .timeout = 60)
{
    /* generated here, never committed: one 100 MB JSON line, then a good one */
    size_t big = (size_t)100 << 20;
    char *path = write_tmp(".jsonl", "", 0);
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f);
    fputs("{\"id\":\"huge\",\"text\":\"", f);
    char chunk[1 << 16];
    memset(chunk, 'w', sizeof chunk);
    for (size_t w = 0; w < big; w += sizeof chunk) fwrite(chunk, 1, sizeof chunk, f);
    fputs("\"}\n{\"id\":\"after\",\"text\":\"The line after the huge one.\"}\n", f);
    fclose(f);
    run g;
    read_path(&g, path, NULL);
    cr_assert_eq(g.n, 1, "%s", txt(&g));
    cr_assert_str_eq(g.d[0]->id, "after");
    cr_assert_eq(g.d[0]->line, 2);
    cr_assert_eq(g.st.long_lines, 1);
    cr_assert_eq(g.st.skipped, 1);
    char want[600];
    snprintf(want, sizeof want, "%s:1: line longer than", path);
    cr_assert(strstr(txt(&g), want), "%s", txt(&g));
    run_free(&g);
    /* the same file as plain text: one document, the long line cut at max_line */
    tc_read_opts o = {.format = TC_FMT_TEXT, .max_line = 1 << 20};
    read_path(&g, path, &o);
    cr_assert_eq(g.n, 1);
    cr_assert_eq(g.st.long_lines, 1);
    cr_assert(g.d[0]->text_len < (2u << 20));
    cr_assert(strstr(g.d[0]->text, "\n{\"id\":\"after\""));
    run_free(&g);
    unlink(path);
    free(path);
}

/* ---- through the CLI ---- */

static int sh(const char *cmd, char **out, char **err)
{
    char *o = tt_tmpfile(NULL, "", 0), *e = tt_tmpfile(NULL, "", 0);
    size_t n = strlen(cmd) + strlen(o) + strlen(e) + 32;
    char *full = malloc(n);
    snprintf(full, n, "%s >%s 2>%s", cmd, o, e);
    int rc = system(full);
    free(full);
    *out = tt_slurp(o, NULL);
    *err = tt_slurp(e, NULL);
    unlink(o);
    unlink(e);
    free(o);
    free(e);
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static void put(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f, "%s", path);
    fwrite(data, 1, len, f);
    fclose(f);
}

Test(bad_cli, directory_stdin_gz_zst, .timeout = 60)
{
    if (access(TC_TEST_BIN, X_OK) != 0) cr_skip_test();
    char dir[] = "/tmp/tcclitestXXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char p[600], cmd[2048];
    unsigned char z[4096];
    const char *t1 = "The council met on Monday.\n";
    snprintf(p, sizeof p, "%s/a.txt", dir);
    put(p, t1, strlen(t1));
    const char *t2 = "Rain fell across the northern valleys.\n";
    snprintf(p, sizeof p, "%s/sub", dir);
    mkdir(p, 0755);
    snprintf(p, sizeof p, "%s/sub/b.txt.gz", dir);
    put(p, z, gz(t2, strlen(t2), z, sizeof z));
    const char *t3 = "{\"id\":\"z1\",\"text\":\"Ferries resumed their crossings.\"}\n";
    size_t zl = ZSTD_compress(z, sizeof z, t3, strlen(t3), 3);
    snprintf(p, sizeof p, "%s/sub/c.jsonl.zst", dir);
    put(p, z, zl);
    snprintf(p, sizeof p, "%s/empty.txt", dir);
    put(p, "", 0);
    snprintf(p, sizeof p, "%s/.hidden.txt", dir);
    put(p, "Hidden text.\n", 13);

    char *out, *err;
    snprintf(cmd, sizeof cmd, "%s split %s", TC_TEST_BIN, dir);
    int rc = sh(cmd, &out, &err);
    cr_assert_eq(rc, 0, "%s", err);
    cr_assert(strstr(out, "The council met on Monday."), "%s", out);
    cr_assert(strstr(out, "Rain fell across the northern valleys."), "%s", out);
    cr_assert(strstr(out, "Ferries resumed their crossings."), "%s", out);
    cr_assert_null(strstr(out, "Hidden"));
    cr_assert(strstr(err, "3 documents read, 1 skipped (1 without text); 4 inputs"), "%s", err);
    cr_assert(strstr(err, "empty.txt"), "%s", err);
    free(out);
    free(err);

    /* stdin, gzip and zstd */
    snprintf(cmd, sizeof cmd, "%s split - < %s/sub/b.txt.gz", TC_TEST_BIN, dir);
    rc = sh(cmd, &out, &err);
    cr_assert_eq(rc, 0, "%s", err);
    cr_assert(strstr(out, "Rain fell across the northern valleys."), "%s", out);
    free(out);
    free(err);
    snprintf(cmd, sizeof cmd, "cat %s/sub/c.jsonl.zst | %s clean", dir, TC_TEST_BIN);
    rc = sh(cmd, &out, &err);
    cr_assert_eq(rc, 0, "%s", err);
    cr_assert(strstr(out, "Ferries resumed their crossings."), "%s", out);
    cr_assert(strstr(err, "1 document read"), "%s", err);
    free(out);
    free(err);

    /* truncated gzip and an unreadable path: the run goes on, exit 1 */
    size_t len;
    char *src = jsonl_records(500, &len);
    unsigned char *big = malloc(len);
    size_t bl = gz(src, len, big, len);
    snprintf(p, sizeof p, "%s/cut.jsonl.gz", dir);
    put(p, big, bl / 2);
    snprintf(cmd, sizeof cmd, "%s split %s/cut.jsonl.gz %s/nope.txt %s/a.txt", TC_TEST_BIN, dir, dir, dir);
    rc = sh(cmd, &out, &err);
    cr_assert_eq(rc, 1, "%s", err);
    cr_assert(strstr(out, "The council met on Monday."), "%s", out);
    cr_assert(strstr(err, "cut.jsonl.gz") && strstr(err, "truncated gzip"), "%s", err);
    cr_assert(strstr(err, "nope.txt"), "%s", err);
    cr_assert(strstr(err, "1 unreadable, 1 truncated"), "%s", err);
    free(out);
    free(err);
    free(src);
    free(big);

    /* broken JSONL through the CLI: warnings with file:line, exit 0 */
    snprintf(cmd, sizeof cmd, "%s split tests/bad/broken.jsonl", TC_TEST_BIN);
    rc = sh(cmd, &out, &err);
    cr_assert_eq(rc, 0, "%s", err);
    cr_assert(strstr(err, "tests/bad/broken.jsonl:2: warning: broken JSON line"), "%s", err);
    cr_assert(strstr(err, "4 documents read, 4 skipped (3 malformed, 1 without text)"), "%s", err);
    free(out);
    free(err);

    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_assert_eq(system(cmd), 0);
}

Test(bad, invalid_utf8_in_tabari_and_xml_records)
{
    const char *t = "950101  X-01\nThe \xff mayor spoke.\n/* {---} */\n";
    tc_read_stats st = {0};
    tt_diaglog log = {0};
    tc_diag dg = tt_diag(&log);
    tc_reader *r;
    cr_assert_eq(tc_reader_open_mem(&r, "u.text", t, strlen(t), NULL, &dg, &st), TC_OK);
    tc_doc *d;
    cr_assert_eq(tc_reader_next(r, &d), TC_OK);
    cr_assert_str_eq(d->text, "The \xEF\xBF\xBD mayor spoke.");
    cr_assert_eq(d->n_repaired, 1);
    tc_doc_free(&d);
    tc_reader_close(&r);
    const char *x = "<Sentences>\n<Sentence id=\"A\">\n<Text>Caf\xe9 owners \xc3 met.</Text>\n</Sentence>\n</Sentences>\n";
    cr_assert_eq(tc_reader_open_mem(&r, "u.xml", x, strlen(x), NULL, &dg, &st), TC_OK);
    cr_assert_eq(tc_reader_next(r, &d), TC_OK);
    cr_assert_str_eq(d->text, "Caf\xEF\xBF\xBD owners \xEF\xBF\xBD met.");
    cr_assert_eq(d->n_repaired, 2);
    tc_doc_free(&d);
    tc_reader_close(&r);
    cr_assert_eq(st.repaired, 3);
    cr_assert(strstr(log.text, "u.text:2: invalid UTF-8") && strstr(log.text, "u.xml:3: invalid UTF-8"), "%s",
              log.text);
    tt_diaglog_free(&log);
}

Test(bad, binary_file_skipped_as_text)
{
    unsigned char bin[4096];
    for (size_t i = 0; i < sizeof bin; i++) bin[i] = (unsigned char)(0x80 + (i * 37) % 128);
    char *path = write_tmp(".txt", bin, sizeof bin);
    run g;
    read_path(&g, path, NULL);
    cr_assert_eq(g.n, 0);
    cr_assert_eq(g.st.skipped, 1);
    cr_assert(strstr(txt(&g), "binary file"), "%s", txt(&g));
    run_free(&g);
    unlink(path);
    free(path);
}
