/* test_store.c - event store: ingest, dedup counts, idempotency, queries, crash safety. */
#include <criterion/criterion.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/ingest.h"
#include "store/store.h"
#include "testutil.h"

#define FIX "tests/data/store/"

static char *tmp_db(void)
{
    char *p = tt_tmpfile(".db", "", 0);
    cr_assert_not_null(p);
    unlink(p); /* the store creates it */
    return p;
}

static int ingest(const char *db, const char *inputs, char **err)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "ingest --db %s %s", db, inputs);
    return tt_run(cmd, NULL, NULL, err);
}

static tc_store *open_ro(const char *db)
{
    tc_store *st = NULL;
    tc_store_opts o = {1, 0, 0};
    cr_assert_eq(tc_store_open(&st, db, &o, NULL), TC_OK);
    return st;
}

static tc_store_totals totals(const char *db)
{
    tc_store *st = open_ro(db);
    tc_store_totals t;
    cr_assert_eq(tc_store_totals_get(st, &t), TC_OK);
    tc_store_close(&st);
    return t;
}

typedef struct found {
    int n;
    tc_store_row first;
    char date[16], source[32], target[32], code[8];
    int64_t mentions, sources, articles;
    int all_match;
    const char *want_a, *want_b; /* dyad check */
} found;

static int collect(const tc_store_row *r, void *ud)
{
    found *f = ud;
    if (f->n == 0) {
        snprintf(f->date, sizeof f->date, "%s", r->date);
        snprintf(f->source, sizeof f->source, "%s", r->source);
        snprintf(f->target, sizeof f->target, "%s", r->target);
        snprintf(f->code, sizeof f->code, "%s", r->code);
        f->mentions = r->num_mentions;
        f->sources = r->num_sources;
        f->articles = r->num_articles;
    }
    if (f->want_a) {
        size_t la = strlen(f->want_a), lb = strlen(f->want_b);
        int ab = !strncmp(r->source, f->want_a, la) && !strncmp(r->target, f->want_b, lb);
        int ba = !strncmp(r->source, f->want_b, lb) && !strncmp(r->target, f->want_a, la);
        if (!ab && !ba) f->all_match = 0;
    }
    f->n++;
    return 0;
}

static found query(const char *db, tc_store_filter *flt)
{
    tc_store *st = open_ro(db);
    found f;
    memset(&f, 0, sizeof f);
    f.all_match = 1;
    if (flt->dyad_a) {
        f.want_a = flt->dyad_a;
        f.want_b = flt->dyad_b;
    }
    cr_assert_eq(tc_store_query(st, flt, collect, &f), TC_OK);
    tc_store_close(&st);
    return f;
}

Test(store, ingest_dedups_and_counts_mentions_sources_articles)
{
    char *db = tmp_db();
    char *err = NULL;
    cr_assert_eq(ingest(db, FIX "wire_a.jsonl " FIX "paper_b.jsonl " FIX "wire_c.jsonl", &err), 0,
                 "%s", err);
    free(err);
    tc_store_totals t = totals(db);
    cr_assert_eq(t.events, 11);
    cr_assert_eq(t.mentions, 15);
    cr_assert_eq(t.documents, 9);
    cr_assert_str_eq(t.first_date, "2026-03-02");
    cr_assert_str_eq(t.last_date, "2026-03-30");

    /* the warning to Moscow: 4 mentions, 3 articles, 3 outlets (wire-c's from its URL host) */
    tc_store_filter f = {0};
    f.source = "USAGOV";
    f.target = "RUSGOV";
    f.code = "130";
    found r = query(db, &f);
    cr_assert_eq(r.n, 1);
    cr_assert_eq(r.mentions, 4);
    cr_assert_eq(r.articles, 3);
    cr_assert_eq(r.sources, 3);
    /* the Lviv strike: same event from two outlets */
    memset(&f, 0, sizeof f);
    f.code = "195";
    r = query(db, &f);
    cr_assert_eq(r.n, 1);
    cr_assert_eq(r.mentions, 2);
    cr_assert_eq(r.sources, 2);
    cr_assert_str_eq(r.date, "2026-03-03");

    /* every mention keeps document, sentence, offsets and URL */
    sqlite3 *h;
    cr_assert_eq(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *s;
    cr_assert_eq(sqlite3_prepare_v2(h,
                                    "SELECT d.ext_id, m.sent, m.verb_start, d.url, s.text FROM "
                                    "mentions m JOIN documents d ON d.id=m.doc_id JOIN sentences "
                                    "s ON s.id=m.sentence_id JOIN events e ON e.id=m.event_id "
                                    "WHERE e.code='130' ORDER BY m.id",
                                    -1, &s, NULL),
                 SQLITE_OK);
    const char *docs[] = {"wire-a-001", "paper-b-17", "paper-b-17", "wire-c-5"};
    int sents[] = {0, 3, 5, 0}, verbs[] = {28, 421, 621, 18};
    for (int i = 0; i < 4; i++) {
        cr_assert_eq(sqlite3_step(s), SQLITE_ROW);
        cr_assert_str_eq((const char *)sqlite3_column_text(s, 0), docs[i]);
        cr_assert_eq(sqlite3_column_int(s, 1), sents[i]);
        cr_assert_eq(sqlite3_column_int(s, 2), verbs[i]);
        cr_assert_not_null(sqlite3_column_text(s, 3));
        cr_assert_not_null(sqlite3_column_text(s, 4));
    }
    cr_assert_eq(sqlite3_step(s), SQLITE_DONE);
    sqlite3_finalize(s);
    /* WAL mode */
    cr_assert_eq(sqlite3_prepare_v2(h, "PRAGMA journal_mode", -1, &s, NULL), SQLITE_OK);
    cr_assert_eq(sqlite3_step(s), SQLITE_ROW);
    cr_assert_str_eq((const char *)sqlite3_column_text(s, 0), "wal");
    sqlite3_finalize(s);
    sqlite3_close(h);
    tt_rm_db(db);
}

Test(store, ingest_twice_adds_nothing)
{
    char *db = tmp_db();
    cr_assert_eq(ingest(db, FIX "wire_a.jsonl " FIX "paper_b.jsonl", NULL), 0);
    tc_store_totals a = totals(db);
    char *err = NULL;
    cr_assert_eq(ingest(db, FIX "paper_b.jsonl " FIX "wire_a.jsonl", &err), 0);
    cr_assert(strstr(err, "0 new events, 0 new mentions, 0 new documents"), "%s", err);
    free(err);
    tc_store_totals b = totals(db);
    cr_assert_eq(a.events, b.events);
    cr_assert_eq(a.mentions, b.mentions);
    cr_assert_eq(a.documents, b.documents);
    cr_assert_eq(a.sentences, b.sentences);
    /* counts unchanged too */
    tc_store_filter f = {0};
    f.code = "130";
    found r = query(db, &f);
    cr_assert_eq(r.mentions, 3);
    cr_assert_eq(r.sources, 2);
    tt_rm_db(db);
}

Test(store, bad_lines_are_skipped_with_their_line_numbers)
{
    char *db = tmp_db();
    char *err = NULL;
    cr_assert_eq(ingest(db, FIX "bad.jsonl", &err), 0);
    cr_assert(strstr(err, "bad.jsonl:2:"), "%s", err);
    cr_assert(strstr(err, "bad.jsonl:3:"), "%s", err);
    cr_assert(strstr(err, "bad.jsonl:4:"), "%s", err);
    cr_assert(strstr(err, "bad.jsonl:5:"), "%s", err);
    cr_assert(strstr(err, "bad.jsonl:6:"), "%s", err);
    cr_assert(strstr(err, "6 skipped"), "%s", err);
    free(err);
    tc_store_totals t = totals(db);
    cr_assert_eq(t.events, 2);
    /* escapes decoded: e-acute and an emoji from a surrogate pair */
    tc_store_filter f = {0};
    f.code = "040";
    tc_store *st = open_ro(db);
    found r;
    memset(&r, 0, sizeof r);
    cr_assert_eq(tc_store_query(st, &f, collect, &r), TC_OK);
    tc_store_close(&st);
    cr_assert_eq(r.n, 1);
    char *out = NULL;
    char cmd[600];
    snprintf(cmd, sizeof cmd, "query --db %s --code 040 --format jsonl", db);
    cr_assert_eq(tt_run(cmd, NULL, &out, NULL), 0);
    cr_assert(strstr(out, "ones \xc3\xa9\xf0\x9f\x98\x80."), "%s", out);
    free(out);
    tt_rm_db(db);
}

Test(store, library_add_event_and_invalid_events)
{
    char *db = tmp_db();
    tc_store *st = NULL;
    tt_diaglog log = {0};
    tc_diag d = tt_diag(&log);
    cr_assert_eq(tc_store_open(&st, db, NULL, &d), TC_OK);
    tc_store_event ev;
    tc_store_event_init(&ev);
    ev.doc = "lib-1";
    ev.sent = 0;
    ev.date = "2026-01-05";
    ev.source = "BRAGOV";
    ev.target = "ARGGOV";
    ev.code = "0431"; /* unknown 4-digit code under a known base: accepted as 043 family */
    ev.sentence = "Brasilia hosted the Argentine president.";
    cr_assert_eq(tc_store_add_event(st, &ev), TC_OK);
    ev.code = "2x";
    cr_assert_eq(tc_store_add_event(st, &ev), TC_EINVAL);
    ev.code = "043";
    ev.date = "2026-13-01";
    cr_assert_eq(tc_store_add_event(st, &ev), TC_EINVAL);
    ev.date = "2026-01-05";
    ev.doc = NULL;
    cr_assert_eq(tc_store_add_event(st, &ev), TC_EINVAL);
    cr_assert_eq(tc_store_counts_get(st)->rejected, 3);
    cr_assert_eq(log.nwarn, 3);
    cr_assert_eq(tc_store_close(&st), TC_OK);
    cr_assert_null(st);
    tc_store_totals t = totals(db);
    cr_assert_eq(t.events, 1);
    tt_diaglog_free(&log);
    tt_rm_db(db);
}

static char *fixture_db(void)
{
    char *db = tmp_db();
    cr_assert_eq(ingest(db, FIX "wire_a.jsonl " FIX "paper_b.jsonl " FIX "wire_c.jsonl", NULL), 0);
    return db;
}

Test(store, query_filters)
{
    char *db = fixture_db();
    tc_store_filter f = {0};
    const char *why;
    /* dyad: both directions, prefixes */
    cr_assert_eq(tc_store_filter_option(&f, "--dyad", "USA,RUS", &why), 1);
    found r = query(db, &f);
    cr_assert_eq(r.n, 2); /* USAGOV->RUSGOV 130 and RUSGOV->USAGOV 111 */
    cr_assert(r.all_match);
    tc_store_filter_free(&f);
    memset(&f, 0, sizeof f);
    /* code prefix */
    f.code = "11";
    r = query(db, &f);
    cr_assert_eq(r.n, 2); /* 111 and 1121 */
    f.code = "1121";
    r = query(db, &f);
    cr_assert_eq(r.n, 1);
    cr_assert_str_eq(r.source, "RUSGOV");
    /* quad */
    memset(&f, 0, sizeof f);
    f.quad = 4;
    r = query(db, &f);
    cr_assert_eq(r.n, 4); /* 195, 190, 163, 173 */
    /* date range */
    memset(&f, 0, sizeof f);
    f.from = "2026-03-03";
    f.to = "2026-03-10";
    r = query(db, &f);
    cr_assert_eq(r.n, 5); /* 03-03 195, 03-04 051 and 1121, 03-10 042 and 057 */
    cr_assert_str_eq(r.date, "2026-03-03");
    /* target prefix + source */
    memset(&f, 0, sizeof f);
    f.target = "UKR";
    r = query(db, &f);
    cr_assert_eq(r.n, 2);
    /* full text over every mention's sentence (paper-b says "Lviv" and so does wire-a) */
    memset(&f, 0, sizeof f);
    f.text = "depot AND lviv";
    r = query(db, &f);
    cr_assert_eq(r.n, 1);
    cr_assert_str_eq(r.code, "195");
    f.text = "\"severe costs\"";
    r = query(db, &f);
    cr_assert_eq(r.n, 1);
    cr_assert_str_eq(r.code, "130");
    /* invalid options */
    cr_assert_eq(tc_store_filter_option(&f, "--quad", "5", &why), -1);
    cr_assert_eq(tc_store_filter_option(&f, "--from", "March", &why), -1);
    cr_assert_eq(tc_store_filter_option(&f, "--dyad", "USA", &why), -1);
    cr_assert_eq(tc_store_filter_option(&f, "--code", "1'; DROP TABLE events;--", &why), -1);
    cr_assert_eq(tc_store_filter_option(&f, "--nope", "x", &why), 0);
    tt_rm_db(db);
}

Test(store, query_cli_formats_and_grouping)
{
    char *db = fixture_db();
    char cmd[700], *out = NULL, *err = NULL;
    snprintf(cmd, sizeof cmd, "query --db %s --dyad RUS,USA --format csv", db);
    cr_assert_eq(tt_run(cmd, NULL, &out, NULL), 0);
    cr_assert_eq(strncmp(out, "id,date,source,target,code,", 27), 0);
    int lines = 0;
    for (char *p = out; *p; p++) lines += *p == '\n';
    cr_assert_eq(lines, 3);
    free(out);
    snprintf(cmd, sizeof cmd, "query --db %s --group-by week --format csv", db);
    cr_assert_eq(tt_run(cmd, NULL, &out, NULL), 0);
    /* 2026-03-02 is a Monday: weeks 03-02 (5 events, 9 mentions), 03-09 (2), 03-16 (2), 03-23 (1), 03-30 (1) */
    cr_assert(strstr(out, "\n2026-03-02,5,9,"), "%s", out);
    cr_assert(strstr(out, "\n2026-03-09,2,2,"), "%s", out);
    cr_assert(strstr(out, "\n2026-03-30,1,1,"), "%s", out);
    free(out);
    snprintf(cmd, sizeof cmd, "query --db %s --group-by month --format jsonl", db);
    cr_assert_eq(tt_run(cmd, NULL, &out, NULL), 0);
    cr_assert(strstr(out, "{\"period\":\"2026-03\",\"events\":11,\"mentions\":15,"), "%s", out);
    free(out);
    snprintf(cmd, sizeof cmd, "query --db %s --text 'kremlin' --format table", db);
    cr_assert_eq(tt_run(cmd, NULL, &out, NULL), 0);
    cr_assert(strstr(out, "RUSGOV"), "%s", out);
    cr_assert(strstr(out, "The Kremlin denounced"), "%s", out);
    free(out);
    snprintf(cmd, sizeof cmd, "query --db %s --text 'AND AND ('", db);
    cr_assert_eq(tt_run(cmd, NULL, NULL, &err), 2);
    cr_assert(strstr(err, "full-text"), "%s", err);
    free(err);
    snprintf(cmd, sizeof cmd, "query --db %s --group-by year", db);
    cr_assert_eq(tt_run(cmd, NULL, NULL, NULL), 2);
    cr_assert_eq(tt_run("query --code 11", NULL, NULL, NULL), 2);
    tt_rm_db(db);
}

/* Synthetic events: event key repeats every 7 lines so dedup has work; docs of 5 lines. */
static char *write_big(int n)
{
    size_t cap = (size_t)n * 260 + 1;
    char *buf = malloc(cap);
    cr_assert_not_null(buf);
    size_t len = 0;
    static const char *codes[] = {"042", "111", "190", "057", "130", "0871", "173"};
    for (int i = 0; i < n; i++) {
        int k = (i * 7919) % (n / 3 + 1); /* about 3 mentions per event */
        len += (size_t)snprintf(buf + len, cap - len,
                                "{\"doc\":\"big-%d\",\"sent\":%d,\"date\":\"2025-%02d-%02d\","
                                "\"source\":\"A%03d\",\"target\":\"B%03d\",\"code\":\"%s\","
                                "\"sentence\":\"Line %d of the crash test.\",\"outlet\":\"o%d\","
                                "\"offsets\":{\"verb\":[%d,%d]}}\n",
                                i / 5, i % 5, 1 + k % 12, 1 + (k / 12) % 28, k % 97, (k / 97) % 89,
                                codes[k % 7], i, i % 4, i, i + 4);
    }
    char *p = tt_tmpfile(".jsonl", buf, len);
    free(buf);
    return p;
}

static pid_t spawn_ingest(const char *db, const char *in)
{
    pid_t pid = fork();
    cr_assert_neq(pid, -1);
    if (pid == 0) {
        int fd = open("/dev/null", O_WRONLY);
        dup2(fd, 2);
        execl(TC_TEST_BIN, TC_TEST_BIN, "ingest", "--batch", "500", "--db", db, in, (char *)NULL);
        _exit(127);
    }
    return pid;
}

Test(store, sigkill_during_ingest_then_rerun_loses_and_duplicates_nothing, .timeout = 120)
{
    int n = 60000;
    char *in = write_big(n);
    char *ref = tmp_db(), *db = tmp_db();
    char args[600];
    snprintf(args, sizeof args, "%s", in);
    cr_assert_eq(ingest(ref, args, NULL), 0);
    tc_store_totals want = totals(ref);
    cr_assert_eq(want.mentions, n);
    cr_assert_lt(want.events, n / 2);

    int partial = 0;
    for (int attempt = 0; attempt < 5 && !partial; attempt++) {
        pid_t pid = spawn_ingest(db, in);
        /* wait until some batches are committed (the WAL grows), then kill */
        char wal[600];
        snprintf(wal, sizeof wal, "%s-wal", db);
        for (int i = 0; i < 2000; i++) {
            struct stat sb;
            if (stat(wal, &sb) == 0 && sb.st_size > (off_t)(400000 + attempt * 300000)) break;
            usleep(2000);
        }
        int status;
        int still_running = waitpid(pid, &status, WNOHANG) == 0;
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        if (still_running) {
            tc_store_totals mid = totals(db);
            if (mid.mentions > 0 && mid.mentions < n) partial = 1;
        }
    }
    cr_assert(partial, "could not kill the ingest in the middle");
    /* rerun: everything arrives exactly once */
    cr_assert_eq(ingest(db, args, NULL), 0);
    tc_store_totals got = totals(db);
    cr_assert_eq(got.mentions, want.mentions);
    cr_assert_eq(got.events, want.events);
    cr_assert_eq(got.documents, want.documents);
    cr_assert_eq(got.sentences, want.sentences);
    /* and the per-event counts agree */
    sqlite3 *h;
    cr_assert_eq(sqlite3_open_v2(db, &h, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    char attach[700];
    snprintf(attach, sizeof attach, "ATTACH '%s' AS r", ref);
    cr_assert_eq(sqlite3_exec(h, attach, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_stmt *s;
    cr_assert_eq(sqlite3_prepare_v2(h,
                                    "SELECT count(*) FROM events e JOIN r.events x USING(date,"
                                    "source,target,code) WHERE e.num_mentions=x.num_mentions AND "
                                    "e.num_sources=x.num_sources AND e.num_articles=x.num_articles",
                                    -1, &s, NULL),
                 SQLITE_OK);
    cr_assert_eq(sqlite3_step(s), SQLITE_ROW);
    cr_assert_eq(sqlite3_column_int64(s, 0), want.events);
    sqlite3_finalize(s);
    cr_assert_eq(sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &s, NULL), SQLITE_OK);
    cr_assert_eq(sqlite3_step(s), SQLITE_ROW);
    cr_assert_str_eq((const char *)sqlite3_column_text(s, 0), "ok");
    sqlite3_finalize(s);
    sqlite3_close(h);
    unlink(in);
    free(in);
    tt_rm_db(ref);
    tt_rm_db(db);
}

Test(store, ingest_reads_directories_gzip_and_stdin)
{
    char *db = tmp_db();
    char cmd[1200], *err = NULL;
    char *gz = tt_tmpfile(".jsonl.gz", "", 0);
    snprintf(cmd, sizeof cmd, "gzip -c " FIX "paper_b.jsonl > %s", gz);
    cr_assert_eq(system(cmd), 0);
    /* a directory (recursive) plus a gzip file plus stdin */
    char *in = tt_slurp(FIX "wire_c.jsonl", NULL);
    snprintf(cmd, sizeof cmd, "ingest --db %s " FIX " %s -", db, gz);
    cr_assert_eq(tt_run(cmd, in, NULL, &err), 0, "%s", err);
    free(err);
    free(in);
    tc_store_totals t = totals(db);
    cr_assert_eq(t.events, 13); /* 11 from the three files, 2 from bad.jsonl */
    cr_assert_eq(t.mentions, 17);
    unlink(gz);
    free(gz);
    tt_rm_db(db);
}

Test(store, event_json_parser_survives_mutations)
{
    const char *good =
        "{\"doc\":\"x\\u00e9\\ud83d\\ude00\",\"sent\":3,\"date\":\"2026-01-02\",\"source\":\"USA\","
        "\"target\":\"\",\"code\":\"042\",\"offsets\":{\"source\":[1,2],\"verb\":[3,4],"
        "\"extra\":{\"a\":[true,false,null,1.5e3]}},\"plover\":{\"type\":\"CONSULT\"},"
        "\"sentence\":\"a \\\"quoted\\\" \\\\ line\\n\"}";
    size_t n = strlen(good);
    char *scratch = malloc(2 * n + 64);
    tc_store_event ev;
    const char *why;
    cr_assert_eq(tc_store_parse_line(good, n, scratch, 2 * n + 64, &ev, &why), TC_OK, "%s", why);
    cr_assert_str_eq(ev.doc, "x\xc3\xa9\xf0\x9f\x98\x80");
    cr_assert_eq(ev.sent, 3);
    cr_assert_str_eq(ev.target, "");
    cr_assert_eq(ev.src_start, 1);
    cr_assert_eq(ev.verb_end, 4);
    cr_assert_eq(ev.tgt_start, -1);
    cr_assert_str_eq(ev.sentence, "a \"quoted\" \\ line\n");
    /* every truncation and many byte mutations: no crash, no overrun (ASan run) */
    char *buf = malloc(n + 1);
    for (size_t cut = 0; cut < n; cut++) {
        memcpy(buf, good, cut);
        (void)tc_store_parse_line(buf, cut, scratch, 2 * cut + 64, &ev, &why);
    }
    unsigned x = 12345;
    static const char alphabet[] = "{}[]\",:\\u0123456789abcdefEnulltrue \t-+.";
    for (int it = 0; it < 20000; it++) {
        memcpy(buf, good, n);
        for (int k = 0; k < 3; k++) {
            x = x * 1103515245u + 12345u;
            size_t pos = (x >> 8) % n;
            x = x * 1103515245u + 12345u;
            buf[pos] = alphabet[(x >> 8) % (sizeof alphabet - 1)];
        }
        if (tc_store_parse_line(buf, n, scratch, 2 * n + 64, &ev, &why) == TC_OK) {
            cr_assert_not_null(ev.doc);
            cr_assert_not_null(ev.date);
            cr_assert_not_null(ev.code);
        }
    }
    free(buf);
    free(scratch);
}

Test(store, same_content_under_another_id_is_the_same_document)
{
    const char *a = "{\"doc\":\"feed1-77\",\"sent\":0,\"date\":\"2026-02-02\",\"source\":\"JPN\","
                    "\"target\":\"KOR\",\"code\":\"036\",\"doc_hash\":\"ab12\",\"url\":"
                    "\"https://feed1.example/77\",\"sentence\":\"Tokyo offered talks to Seoul.\"}\n";
    const char *b = "{\"doc\":\"feed2-x9\",\"sent\":0,\"date\":\"2026-02-02\",\"source\":\"JPN\","
                    "\"target\":\"KOR\",\"code\":\"036\",\"doc_hash\":\"ab12\",\"url\":"
                    "\"https://feed2.example/x9\",\"sentence\":\"Tokyo offered talks to Seoul.\"}\n";
    char *db = tmp_db();
    char cmd[600], *err = NULL;
    snprintf(cmd, sizeof cmd, "ingest --db %s -", db);
    cr_assert_eq(tt_run(cmd, a, NULL, NULL), 0);
    cr_assert_eq(tt_run(cmd, b, NULL, &err), 0);
    cr_assert(strstr(err, "0 new events, 0 new mentions, 0 new documents"), "%s", err);
    free(err);
    tc_store_totals t = totals(db);
    cr_assert_eq(t.documents, 1);
    cr_assert_eq(t.mentions, 1);
    tt_rm_db(db);
}

Test(store, older_schema_is_migrated)
{
    char *db = tmp_db();
    cr_assert_eq(ingest(db, FIX "wire_a.jsonl", NULL), 0);
    /* turn it into a version-1 database: no documents_hash index */
    sqlite3 *h;
    cr_assert_eq(sqlite3_open(db, &h), SQLITE_OK);
    cr_assert_eq(sqlite3_exec(h, "DROP INDEX documents_hash; PRAGMA user_version=1", NULL, NULL,
                              NULL),
                 SQLITE_OK);
    sqlite3_close(h);
    cr_assert_eq(ingest(db, FIX "paper_b.jsonl", NULL), 0);
    cr_assert_eq(sqlite3_open(db, &h), SQLITE_OK);
    sqlite3_stmt *s;
    cr_assert_eq(sqlite3_prepare_v2(h,
                                    "SELECT (SELECT count(*) FROM sqlite_master WHERE "
                                    "name='documents_hash'), (SELECT user_version FROM "
                                    "pragma_user_version)",
                                    -1, &s, NULL),
                 SQLITE_OK, "%s", sqlite3_errmsg(h));
    cr_assert_eq(sqlite3_step(s), SQLITE_ROW);
    cr_assert_eq(sqlite3_column_int(s, 0), 1);
    cr_assert_eq(sqlite3_column_int(s, 1), TC_STORE_SCHEMA_VERSION);
    sqlite3_finalize(s);
    sqlite3_close(h);
    tc_store_totals t = totals(db);
    cr_assert_eq(t.events, 10);
    tt_rm_db(db);
}

static int count_lines(const char *s)
{
    int n = 0;
    for (; *s; s++) n += *s == '\n';
    return n;
}

Test(store, raw_text_input_is_reported_once_and_skipped)
{
    char *db = tmp_db();
    const char *text = "KYIV, March 3 - Russian forces struck a fuel depot overnight.\n"
                       "The governor said nobody was hurt.\nMore strikes were reported.\n"
                       "A fourth line.\nAnd a fifth.\n";
    char *txt = tt_tmpfile(".txt", text, strlen(text));
    char cmd[900], *err = NULL;
    snprintf(cmd, sizeof cmd, "ingest --db %s %s " FIX "wire_c.jsonl", db, txt);
    cr_assert_eq(tt_run(cmd, NULL, NULL, &err), 1);
    cr_assert(strstr(err, "not event JSONL"), "%s", err);
    cr_assert_eq(count_lines(err), 4, "%s", err); /* 2 warnings, 1 error, the summary */
    free(err);
    cr_assert_eq(totals(db).events, 2); /* the JSONL file after it was still read */
    unlink(txt);
    free(txt);
    tt_rm_db(db);
}
