/* test_store_faults.c - corrupt/foreign/newer database, locked database, full disk, unwritable
 * output: a clear error, nothing half-written, earlier data intact. */
#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testutil.h"

#define FIX "tests/data/store/"

static char *fresh(void)
{
    char *p = tt_tmpfile(".db", "", 0);
    cr_assert_not_null(p);
    unlink(p);
    return p;
}

static int run_fmt(char **err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int run_fmt(char **err, const char *fmt, ...)
{
    char cmd[1400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    return tt_run(cmd, NULL, NULL, err);
}

static long long scalar(const char *db, const char *sql)
{
    sqlite3 *h;
    cr_assert_eq(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *s;
    cr_assert_eq(sqlite3_prepare_v2(h, sql, -1, &s, NULL), SQLITE_OK, "%s", sqlite3_errmsg(h));
    cr_assert_eq(sqlite3_step(s), SQLITE_ROW);
    long long v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    sqlite3_close(h);
    return v;
}

static char *fixture_db(void)
{
    char *db = fresh();
    cr_assert_eq(run_fmt(NULL, "ingest -q --db %s %s", db,
                         FIX "wire_a.jsonl " FIX "paper_b.jsonl " FIX "wire_c.jsonl"),
                 0);
    return db;
}

Test(faults, garbage_file_is_refused_and_left_alone)
{
    char junk[8192];
    for (size_t i = 0; i < sizeof junk; i++) junk[i] = (char)(i * 131 + 7);
    char *db = tt_tmpfile(".db", junk, sizeof junk);
    char *err = NULL;
    cr_assert_eq(run_fmt(&err, "ingest --db %s %s", db, FIX "wire_a.jsonl"), 1);
    cr_assert(strstr(err, "not an SQLite database") || strstr(err, "not a database"), "%s", err);
    free(err);
    size_t n;
    char *after = tt_slurp(db, &n);
    cr_assert_eq(n, sizeof junk);
    cr_assert_eq(memcmp(after, junk, n), 0);
    free(after);
    cr_assert_eq(run_fmt(&err, "query --db %s%s", db, ""), 1);
    cr_assert(strstr(err, "not"), "%s", err);
    free(err);
    tt_rm_db(db);
}

Test(faults, damaged_database_pages_give_a_clear_error)
{
    char *db = fixture_db();
    /* keep the header page, smash every later page */
    size_t n;
    char *data = tt_slurp(db, &n);
    cr_assert_gt(n, 8192);
    for (size_t i = 4096; i < n; i++) data[i] = (char)(0xA5 ^ (i & 0xff));
    FILE *f = fopen(db, "wb");
    fwrite(data, 1, n, f);
    fclose(f);
    free(data);
    char *err = NULL;
    int rc = run_fmt(&err, "export --db %s --format gdelt%s", db, "");
    cr_assert_eq(rc, 1);
    cr_assert(strstr(err, "damaged") || strstr(err, "malformed") || strstr(err, "not a"), "%s", err);
    free(err);
    tt_rm_db(db);
}

Test(faults, foreign_sqlite_database_is_not_touched)
{
    char *db = fresh();
    sqlite3 *h;
    cr_assert_eq(sqlite3_open(db, &h), SQLITE_OK);
    cr_assert_eq(sqlite3_exec(h, "CREATE TABLE people(name TEXT); INSERT INTO people VALUES('x')",
                              NULL, NULL, NULL),
                 SQLITE_OK);
    sqlite3_close(h);
    char *err = NULL;
    cr_assert_eq(run_fmt(&err, "ingest --db %s %s", db, FIX "wire_a.jsonl"), 1);
    cr_assert(strstr(err, "not a tacitus database"), "%s", err);
    free(err);
    cr_assert_eq(scalar(db, "SELECT count(*) FROM sqlite_master"), 1);
    cr_assert_eq(scalar(db, "SELECT count(*) FROM people"), 1);
    tt_rm_db(db);
}

Test(faults, newer_schema_is_refused)
{
    char *db = fixture_db();
    sqlite3 *h;
    cr_assert_eq(sqlite3_open(db, &h), SQLITE_OK);
    cr_assert_eq(sqlite3_exec(h, "PRAGMA user_version=99", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(h);
    char *err = NULL;
    cr_assert_eq(run_fmt(&err, "ingest --db %s %s", db, FIX "wire_a.jsonl"), 1);
    cr_assert(strstr(err, "newer"), "%s", err);
    free(err);
    cr_assert_eq(scalar(db, "SELECT count(*) FROM events"), 11);
    tt_rm_db(db);
}

Test(faults, missing_database_for_query_is_an_error_and_not_created)
{
    char *db = fresh();
    char *err = NULL;
    cr_assert_eq(run_fmt(&err, "query --db %s%s", db, ""), 1);
    cr_assert(strstr(err, "cannot open"), "%s", err);
    free(err);
    struct stat sb;
    cr_assert_neq(stat(db, &sb), 0);
    free(db);
}

Test(faults, locked_database_times_out_cleanly)
{
    char *db = fixture_db();
    sqlite3 *h;
    cr_assert_eq(sqlite3_open(db, &h), SQLITE_OK);
    cr_assert_eq(sqlite3_exec(h, "BEGIN EXCLUSIVE; INSERT INTO documents(ext_id, added) "
                                 "VALUES('held', 'x')",
                              NULL, NULL, NULL),
                 SQLITE_OK);
    char *err = NULL;
    cr_assert_eq(run_fmt(&err, "ingest --timeout 200 --db %s %s", db, FIX "bad.jsonl"), 1);
    cr_assert(strstr(err, "locked"), "%s", err);
    free(err);
    cr_assert_eq(sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(h);
    cr_assert_eq(scalar(db, "SELECT count(*) FROM events"), 11);
    cr_assert_eq(scalar(db, "SELECT count(*) FROM documents WHERE ext_id='held'"), 0);
    /* once the lock is gone the same ingest works */
    cr_assert_eq(run_fmt(NULL, "ingest -q --db %s %s", db, FIX "bad.jsonl"), 0);
    cr_assert_eq(scalar(db, "SELECT count(*) FROM events"), 13);
    tt_rm_db(db);
}

static char *big_input(int n)
{
    size_t cap = (size_t)n * 300;
    char *buf = malloc(cap);
    size_t len = 0;
    for (int i = 0; i < n; i++)
        len += (size_t)snprintf(buf + len, cap - len,
                                "{\"doc\":\"fill-%d\",\"sent\":0,\"date\":\"2025-05-%02d\",\"source\":"
                                "\"S%05d\",\"target\":\"T%05d\",\"code\":\"042\",\"sentence\":\"Filler "
                                "sentence number %d to fill the disk.\",\"outlet\":\"o%d\"}\n",
                                i, 1 + i % 28, i, i, i, i % 9);
    char *p = tt_tmpfile(".jsonl", buf, len);
    free(buf);
    return p;
}

/* Run a tacitus command with a file size limit of `blocks` 512-byte blocks (SIGXFSZ ignored,
 * so writes fail with EFBIG as on a full disk). */
static int run_limited(long bytes, const char *args, char **err)
{
    char *errp = tt_tmpfile(".err", "", 0);
    char cmd[2000];
    snprintf(cmd, sizeof cmd, "sh -c 'trap \"\" XFSZ; ulimit -f %ld; exec %s %s' 2>%s", bytes / 512,
             TC_TEST_BIN, args, errp);
    int rc = system(cmd);
    if (err) *err = tt_slurp(errp, NULL);
    unlink(errp);
    free(errp);
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

Test(faults, full_disk_during_ingest_keeps_earlier_data, .timeout = 60)
{
    char *db = fixture_db();
    struct stat sb;
    cr_assert_eq(stat(db, &sb), 0);
    char *in = big_input(20000);
    char args[1200], *err = NULL;
    snprintf(args, sizeof args, "ingest --db %s %s", db, in);
    int rc = run_limited((long)sb.st_size + 256 * 1024, args, &err);
    cr_assert_eq(rc, 1, "%s", err);
    cr_assert(strstr(err, "disk full") || strstr(err, "file size limit"), "%s", err);
    cr_assert(strstr(err, "rerun"), "%s", err);
    free(err);
    /* earlier data intact, database consistent */
    cr_assert_eq(scalar(db, "SELECT count(*) FROM events WHERE date < '2026-04-01' AND date > "
                            "'2026-01-01'"),
                 11);
    cr_assert_eq(scalar(db, "SELECT count(*) FROM events WHERE code='130' AND num_mentions=4"), 1);
    long long mid = scalar(db, "SELECT count(*) FROM mentions");
    cr_assert_lt(mid, 15 + 20000);
    /* with room again, the rerun completes exactly */
    cr_assert_eq(run_fmt(NULL, "ingest -q --db %s %s", db, in), 0);
    cr_assert_eq(scalar(db, "SELECT count(*) FROM mentions"), 15 + 20000);
    cr_assert_eq(scalar(db, "SELECT count(*) FROM events"), 11 + 20000);
    unlink(in);
    free(in);
    tt_rm_db(db);
}

Test(faults, unwritable_or_failing_export_leaves_output_untouched)
{
    char *db = fixture_db();
    char *err = NULL;
    cr_assert_eq(run_fmt(&err, "export --db %s --format gdelt -o %s", db,
                         "/nonexistent-dir/out.tsv"),
                 1);
    cr_assert(strstr(err, "cannot write '/nonexistent-dir/out.tsv'"), "%s", err);
    free(err);
    /* a file as a directory component */
    char *file = tt_tmpfile(".txt", "x", 1);
    char bad[700];
    snprintf(bad, sizeof bad, "%s/out.tsv", file);
    cr_assert_eq(run_fmt(&err, "export --db %s --format gdelt -o %s", db, bad), 1);
    free(err);
    /* the write fails half-way (size limit): the old output stays as it was */
    char *in = big_input(3000);
    cr_assert_eq(run_fmt(NULL, "ingest -q --db %s %s", db, in), 0);
    unlink(in);
    free(in);
    char *out = tt_tmpfile(".tsv", "OLD CONTENT\n", 12);
    char args[1200];
    snprintf(args, sizeof args, "export --db %s --format gdelt -o %s", db, out);
    cr_assert_eq(run_limited(128 * 1024, args, &err), 1);
    cr_assert(strstr(err, "left unchanged"), "%s", err);
    free(err);
    size_t n;
    char *now = tt_slurp(out, &n);
    cr_assert_eq(n, 12);
    cr_assert_eq(memcmp(now, "OLD CONTENT\n", 12), 0);
    free(now);
    /* no temporary file left next to it */
    char cmd[800];
    snprintf(cmd, sizeof cmd, "ls %s.tmp.* >/dev/null 2>&1", out);
    cr_assert_neq(system(cmd), 0);
    unlink(out);
    free(out);
    unlink(file);
    free(file);
    tt_rm_db(db);
}
