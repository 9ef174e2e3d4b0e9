/* test_io_readers.c - the document readers on good input: text, JSONL (aliases,
 * dates, meta), format detection, path expansion. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/reader.h"
#include "testutil.h"

#define MAXD 64

typedef struct got {
    tc_doc *d[MAXD];
    int n;
    tc_read_stats st;
    tt_diaglog log;
    tc_format fmt;
} got;

static void read_mem(got *g, const char *name, const char *data, size_t len, const tc_read_opts *o)
{
    memset(g, 0, sizeof *g);
    tc_diag dg = tt_diag(&g->log);
    tc_reader *r;
    cr_assert_eq(tc_reader_open_mem(&r, name, data, len, o, &dg, &g->st), TC_OK);
    g->fmt = tc_reader_format(r);
    tc_doc *d;
    while (tc_reader_next(r, &d) == TC_OK) {
        cr_assert_lt(g->n, MAXD);
        g->d[g->n++] = d;
    }
    tc_reader_close(&r);
}

static void got_free(got *g)
{
    for (int i = 0; i < g->n; i++) tc_doc_free(&g->d[i]);
    tt_diaglog_free(&g->log);
}

static const char *log_of(const got *g) { return g->log.text ? g->log.text : ""; }

Test(reader_text, one_doc_per_file_id_is_stem)
{
    got g;
    const char *t = "MOSCOW, Feb 12 (Reuters) - Talks resumed.\n\nA second paragraph.\n";
    read_mem(&g, "some/dir/story-42.txt.gz", t, strlen(t), NULL);
    cr_assert_eq(g.fmt, TC_FMT_TEXT);
    cr_assert_eq(g.n, 1);
    cr_assert_str_eq(g.d[0]->id, "story-42");
    cr_assert_str_eq(g.d[0]->text, t);
    cr_assert_str_eq(g.d[0]->format, "text");
    cr_assert_str_eq(g.d[0]->path, "some/dir/story-42.txt.gz");
    cr_assert_eq(g.st.docs, 1);
    cr_assert_eq(g.st.bytes, strlen(t));
    got_free(&g);
}

Test(reader_format, names_and_extensions)
{
    cr_assert_eq(tc_format_from_name("txt"), TC_FMT_TEXT);
    cr_assert_eq(tc_format_from_name("json"), TC_FMT_JSONL);
    cr_assert_eq(tc_format_from_name("petrarch"), TC_FMT_PETRXML);
    cr_assert_eq(tc_format_from_name("TABARI"), TC_FMT_TABARI);
    cr_assert_eq(tc_format_from_name("nonsense"), TC_FMT_AUTO);
    cr_assert_str_eq(tc_format_name(TC_FMT_PETRXML), "petrarch-xml");
    const char *j = "{\"id\":\"x\",\"text\":\"Hello.\"}\n";
    got g;
    read_mem(&g, "a.ndjson", j, strlen(j), NULL);
    cr_assert_eq(g.fmt, TC_FMT_JSONL);
    got_free(&g);
    read_mem(&g, "a.json.zst", j, strlen(j), NULL);
    cr_assert_eq(g.fmt, TC_FMT_JSONL);
    got_free(&g);
    /* content sniffing when the name says nothing */
    read_mem(&g, "noext", j, strlen(j), NULL);
    cr_assert_eq(g.fmt, TC_FMT_JSONL);
    cr_assert_eq(g.n, 1);
    got_free(&g);
    read_mem(&g, "-", "Just words.\n", 12, NULL);
    cr_assert_eq(g.fmt, TC_FMT_TEXT);
    cr_assert_str_eq(g.d[0]->id, "stdin");
    got_free(&g);
    /* explicit format wins over the extension */
    tc_read_opts o = {.format = TC_FMT_TEXT};
    read_mem(&g, "a.jsonl", j, strlen(j), &o);
    cr_assert_eq(g.fmt, TC_FMT_TEXT);
    cr_assert_str_eq(g.d[0]->text, j);
    got_free(&g);
}

Test(reader_jsonl, field_aliases)
{
    const char *j =
        "{\"newid\": 17, \"title\": \"Ministers meet\", \"body\": \"The ministers met.\", "
        "\"date\": \"26-FEB-1987 15:01:01.79\", \"dateline\": \"SALVADOR, Feb 26 -\", "
        "\"topics\": [\"cocoa\", \"trade\"], \"places\": [], \"lewissplit\": \"TRAIN\"}\n"
        "{\"id\": \"n2\", \"url\": \"https://news.example/a\", \"maintext\": \"Second text.\", "
        "\"date_publish\": \"2022-03-27 10:00:00\", \"source_domain\": \"news.example\", "
        "\"language\": \"en\", \"nested\": {\"a\": 1}, \"score\": 0.5, \"flag\": true}\n"
        "{\"link\": \"u3\", \"headline\": \"H3\", \"content\": \"Third.\", \"published\": "
        "\"Sun, 27 Mar 2022 10:00:00 +0200\", \"source\": \"Wire\", \"lang\": \"fr\"}\n"
        "{\"text\": \"Fourth.\", \"body\": \"not this one\", \"timestamp\": 1648375200, "
        "\"dateline\": \"KYIV, Ukraine (AP) \\u2014\"}\n";
    got g;
    read_mem(&g, "feed.jsonl", j, strlen(j), NULL);
    cr_assert_eq(g.n, 4, "%s", log_of(&g));
    tc_doc *d = g.d[0];
    cr_assert_str_eq(d->id, "17");
    cr_assert_str_eq(d->title, "Ministers meet");
    cr_assert_str_eq(d->text, "The ministers met.");
    cr_assert_str_eq(d->date, "1987-02-26");
    cr_assert_str_eq(d->datetime, "1987-02-26T15:01:01");
    cr_assert_str_eq(d->dateline_place, "SALVADOR");
    cr_assert_str_eq(tc_doc_meta_get(d, "dateline"), "SALVADOR, Feb 26 -");
    cr_assert_str_eq(tc_doc_meta_get(d, "topics"), "cocoa;trade");
    cr_assert_str_eq(tc_doc_meta_get(d, "lewissplit"), "TRAIN");
    cr_assert_null(tc_doc_meta_get(d, "places"));
    cr_assert_eq(d->line, 1);
    cr_assert_str_eq(d->format, "jsonl");
    d = g.d[1];
    cr_assert_str_eq(d->id, "n2");
    cr_assert_str_eq(d->url, "https://news.example/a");
    cr_assert_str_eq(d->text, "Second text.");
    cr_assert_str_eq(d->date, "2022-03-27");
    cr_assert_str_eq(d->source, "news.example");
    cr_assert_str_eq(d->language, "en");
    cr_assert_str_eq(tc_doc_meta_get(d, "score"), "0.5");
    cr_assert_str_eq(tc_doc_meta_get(d, "flag"), "true");
    cr_assert_null(tc_doc_meta_get(d, "nested"));
    d = g.d[2];
    cr_assert_str_eq(d->url, "u3");
    cr_assert_str_eq(d->title, "H3");
    cr_assert_str_eq(d->text, "Third.");
    cr_assert_str_eq(d->datetime, "2022-03-27T08:00:00Z");
    cr_assert_str_eq(d->source, "Wire");
    cr_assert_str_eq(d->language, "fr");
    cr_assert_str_eq(d->id, "feed:3");
    d = g.d[3];
    cr_assert_str_eq(d->text, "Fourth.");
    cr_assert_str_eq(d->date, "2022-03-27");
    cr_assert_str_eq(d->dateline_place, "KYIV, Ukraine");
    cr_assert_str_eq(d->dateline_agency, "AP");
    cr_assert_eq(d->line, 4);
    got_free(&g);
}

Test(reader_jsonl, text_field_option_and_empty_records)
{
    const char *j = "{\"id\":\"a\",\"story\":\"Custom field text.\",\"text\":\"ignored\"}\n"
                    "\n"
                    "{\"id\":\"b\",\"title\":\"Only a title\"}\n"
                    "{\"id\":\"c\",\"text\":\"   \"}\n"
                    "{\"id\":\"d\",\"text\":null,\"story\":\"Fourth story.\"}\n";
    tc_read_opts o = {.text_field = "story"};
    got g;
    read_mem(&g, "x.jsonl", j, strlen(j), &o);
    cr_assert_eq(g.n, 2);
    cr_assert_str_eq(g.d[0]->text, "Custom field text.");
    cr_assert_str_eq(g.d[1]->id, "d");
    cr_assert_eq(g.d[1]->line, 5);
    cr_assert_eq(g.st.empty, 2);
    cr_assert_eq(g.st.skipped, 0);
    cr_assert_eq(g.log.nwarn, 0, "%s", log_of(&g));
    got_free(&g);
}

Test(reader_jsonl, unparseable_date_kept_raw)
{
    const char *j = "{\"id\":\"a\",\"text\":\"T.\",\"date\":\"the day before yesterday\"}\n";
    got g;
    read_mem(&g, "x.jsonl", j, strlen(j), NULL);
    cr_assert_eq(g.n, 1);
    cr_assert_null(g.d[0]->date);
    cr_assert_str_eq(tc_doc_meta_get(g.d[0], "date.raw"), "the day before yesterday");
    got_free(&g);
}

Test(reader_jsonl, reuters_corpus_from_shared)
{
    const char *p = tt_shared("data/corpora/news/reuters21578/reuters21578.jsonl.gz");
    if (!p) cr_skip_test();
    tc_read_stats st = {0};
    tc_reader *r;
    cr_assert_eq(tc_reader_open(&r, p, NULL, NULL, &st), TC_OK);
    cr_assert_eq(tc_reader_format(r), TC_FMT_JSONL);
    tc_doc *d;
    unsigned long dated = 0, n = 0;
    while (tc_reader_next(r, &d) == TC_OK) {
        n++;
        if (d->date) dated++;
        if (n == 1) {
            cr_assert_str_eq(d->id, "1");
            cr_assert_str_eq(d->date, "1987-02-26");
        }
        tc_doc_free(&d);
    }
    tc_reader_close(&r);
    cr_assert_eq(st.docs + st.empty, 21578);
    cr_assert_eq(st.skipped, 0);
    cr_assert_eq(dated, n, "every Reuters date parses (%lu of %lu)", dated, n);
}

/* ---- paths ---- */

static void put(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f, "cannot write %s", path);
    fputs(text, f);
    fclose(f);
}

Test(paths, directories_recursive_sorted_hidden_skipped)
{
    char dir[] = "/tmp/tcpathsXXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char p[512];
    snprintf(p, sizeof p, "%s/b", dir);
    mkdir(p, 0755);
    snprintf(p, sizeof p, "%s/.git", dir);
    mkdir(p, 0755);
    snprintf(p, sizeof p, "%s/.git/x.txt", dir);
    put(p, "hidden");
    snprintf(p, sizeof p, "%s/.hidden.txt", dir);
    put(p, "hidden");
    snprintf(p, sizeof p, "%s/c.txt", dir);
    put(p, "c");
    snprintf(p, sizeof p, "%s/a.txt", dir);
    put(p, "a");
    snprintf(p, sizeof p, "%s/b/z.txt", dir);
    put(p, "z");
    char *in[] = {dir, "-", "/nonexistent/tacitus/path"};
    char **out;
    size_t n;
    unsigned long bad;
    tt_diaglog log = {0};
    tc_diag dg = tt_diag(&log);
    cr_assert_eq(tc_paths_expand(in, 3, &out, &n, &bad, &dg), TC_OK);
    cr_assert_eq(n, 4);
    cr_assert_eq(bad, 1);
    char want[512];
    snprintf(want, sizeof want, "%s/a.txt", dir);
    cr_assert_str_eq(out[0], want);
    snprintf(want, sizeof want, "%s/b/z.txt", dir);
    cr_assert_str_eq(out[1], want);
    snprintf(want, sizeof want, "%s/c.txt", dir);
    cr_assert_str_eq(out[2], want);
    cr_assert_str_eq(out[3], "-");
    cr_assert_null(out[4]);
    cr_assert(strstr(log.text, "/nonexistent/tacitus/path"));
    tc_paths_free(&out);
    cr_assert_null(out);
    tt_diaglog_free(&log);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_assert_eq(system(cmd), 0);
}

/* ---- PETRARCH XML ---- */

static void read_file(got *g, const char *path, const tc_read_opts *o)
{
    memset(g, 0, sizeof *g);
    tc_diag dg = tt_diag(&g->log);
    tc_reader *r;
    cr_assert_eq(tc_reader_open(&r, path, o, &dg, &g->st), TC_OK, "open %s", path);
    g->fmt = tc_reader_format(r);
    tc_doc *d;
    while (tc_reader_next(r, &d) == TC_OK) {
        cr_assert_lt(g->n, MAXD);
        g->d[g->n++] = d;
    }
    tc_reader_close(&r);
}

/* Reads one of the records.* files: format fmt, n documents, none skipped. */
static void read_records(got *g, const char *path, tc_format fmt, int n)
{
    read_file(g, path, NULL);
    cr_assert_eq(g->fmt, fmt);
    cr_assert_eq(g->n, n, "%s", log_of(g));
    cr_assert_eq(g->st.skipped, 0, "%s", log_of(g));
}

/* The first record of every records.* file (text aside, which each format writes its own way). */
static void assert_alpha01(const tc_doc *d)
{
    cr_assert_str_eq(d->id, "ALPHA-01");
    cr_assert_str_eq(d->date, "2021-03-15");
    cr_assert_eq(d->ngold, 1);
    cr_assert_str_eq(d->gold[0].source, "VAL");
    cr_assert_str_eq(d->gold[0].target, "KRN");
    cr_assert_str_eq(d->gold[0].code, "042");
    cr_assert_str_eq(tc_doc_meta_get(d, "category"), "ALPHA");
}

Test(reader_petrxml, records_environment_config)
{
    got g;
    read_records(&g, "tests/data/io/records.xml", TC_FMT_PETRXML, 5);
    tc_doc *d = g.d[0];
    assert_alpha01(d);
    cr_assert_str_eq(d->text, "Valdoria sent its foreign minister to Korvania on Monday & signed a trade pact.");
    cr_assert_eq(d->parse_kind, TC_PARSE_PENN);
    cr_assert(strncmp(d->parse, "(ROOT (S", 8) == 0);
    cr_assert_str_eq(tc_doc_meta_get(d, "env.Verbfile"), "test.verbs.txt");
    cr_assert_str_eq(tc_doc_meta_get(d, "env.Actorfile"), "test.actors.txt, more.actors.txt");
    cr_assert_str_eq(tc_doc_meta_get(d, "env.Include"), "valid ALPHA BETA");
    cr_assert_str_eq(tc_doc_meta_get(d, "env.Exclude"), "GAMMA");
    cr_assert_str_eq(tc_doc_meta_get(d, "config.stop_on_error"), "False");
    cr_assert_null(tc_doc_meta_get(d, "config.require_dyad"));
    cr_assert_eq(d->disabled, 0);
    cr_assert_eq(d->line, 18);
    cr_assert_str_eq(d->format, "petrarch-xml");

    d = g.d[1];
    cr_assert_str_eq(d->id, "ALPHA-02");
    cr_assert_str_eq(d->text, "The harbour guard detained <two> Korvanian sailors.");
    cr_assert_eq(d->parse_kind, TC_PARSE_CONLLU);
    cr_assert(strncmp(d->parse, "1\tThe\t", 6) == 0);
    cr_assert_eq(d->disabled, 1);
    cr_assert_eq(d->ngold, 2);
    cr_assert_str_eq(d->gold[0].source, "\"HARBOUR GUARD\"");
    cr_assert_str_eq(d->gold[1].target, "---");
    cr_assert_str_eq(tc_doc_meta_get(d, "place"), "Port Ember");
    cr_assert_str_eq(tc_doc_meta_get(d, "Skip"), "true");
    cr_assert_str_eq(tc_doc_meta_get(d, "config.require_dyad"), "false");
    cr_assert_str_eq(tc_doc_meta_get(d, "config.new_actor_length"), "3");
    cr_assert_str_eq(tc_doc_meta_get(d, "config.changed"), "require_dyad new_actor_length");

    d = g.d[2]; /* self-closed <Sentence .../> followed by its content */
    cr_assert_str_eq(d->id, "BETA-01");
    cr_assert_eq(d->gold_noevents, 1);
    cr_assert_eq(d->ngold, 0);
    cr_assert_eq(d->disabled, 1);
    cr_assert_eq(d->parse_kind, TC_PARSE_NONE);
    cr_assert_str_eq(tc_doc_meta_get(d, "config.require_dyad"), "true");

    d = g.d[3];
    cr_assert_eq(d->gold_error, 1);
    cr_assert_str_eq(tc_doc_meta_get(d, "gold.error"), "sentencediscard");
    cr_assert_str_eq(d->text, "The football club Lindmere Rovers won 3\xE2\x80\x93" "1 at home.");
    cr_assert_null(tc_doc_meta_get(d, "after_stop"));

    d = g.d[4];
    cr_assert_str_eq(d->id, "ART-7");
    cr_assert_str_eq(d->source, "WIRE");
    cr_assert_str_eq(tc_doc_meta_get(d, "mongoId"), "abc123");
    cr_assert_str_eq(tc_doc_meta_get(d, "after_stop"), "true");
    got_free(&g);
}

Test(reader_petrxml, shared_validation_files)
{
    static const struct {
        const char *rel;
        unsigned long docs, gold, disabled;
        tc_parse_kind kind;
    } files[] = {
        {"data/eventcoders/suites/ud-unit-2.0/PETR.UnitTest.records.parsing_parsed_udpipe_2.0.xml", 284, 349, 4,
         TC_PARSE_CONLLU},
        {"data/eventcoders/petrarch2/text/PETR.UnitTest.records.xml", 284, 359, 5, TC_PARSE_PENN},
        {"data/eventcoders/UniversalPetrarch/branch-dev-validate/validate/PETR_Validate_records_2_02.xml", 274,
         322, 10, TC_PARSE_CONLLU},
        {"data/eventcoders/UniversalPetrarch/branch-pschrodt/PETR.UnitTest.records.parsing_parsed_udpipe_2.1.xml",
         287, 346, 4, TC_PARSE_CONLLU},
        /* batch input: 9 records have an empty <Text> but a parse; one parse starts with a blank */
        {"data/eventcoders/petrarch2/text/GigaWord.sample.PETR.xml", 76, 0, 0, TC_PARSE_PENN},
    };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        const char *p = tt_shared(files[i].rel);
        if (!p) cr_skip_test();
        tc_read_stats st = {0};
        tc_reader *r;
        cr_assert_eq(tc_reader_open(&r, p, NULL, NULL, &st), TC_OK);
        tc_doc *d;
        unsigned long gold = 0, dis = 0, kind = 0;
        while (tc_reader_next(r, &d) == TC_OK) {
            gold += d->ngold;
            dis += (unsigned long)d->disabled;
            kind += d->parse_kind == files[i].kind;
            cr_assert(d->id && d->text && (d->text_len > 0 || d->parse));
            tc_doc_free(&d);
        }
        tc_reader_close(&r);
        cr_assert_eq(st.docs, files[i].docs, "%s: %lu docs", files[i].rel, st.docs);
        cr_assert_eq(gold, files[i].gold, "%s: %lu gold", files[i].rel, gold);
        cr_assert_eq(dis, files[i].disabled, "%s: %lu disabled", files[i].rel, dis);
        cr_assert_eq(kind, files[i].docs, "%s: parse kinds", files[i].rel);
        cr_assert_eq(st.skipped, 0);
    }
}

/* ---- TABARI ---- */

Test(reader_tabari, records_events_options)
{
    got g;
    read_records(&g, "tests/data/io/records.text", TC_FMT_TABARI, 6);
    tc_doc *d = g.d[0];
    assert_alpha01(d);
    cr_assert_str_eq(d->text, "Valdoria sent its foreign minister to Korvania on Monday and signed a trade pact.");
    cr_assert_null(d->gold[0].extra);
    cr_assert_eq(d->line, 5);
    d = g.d[1];
    cr_assert_str_eq(d->text, "Valdorian and Korvanian delegates met in Lindmere.");
    cr_assert_eq(d->ngold, 2);
    cr_assert_str_eq(d->gold[0].extra, "date=210316");
    cr_assert_str_eq(d->gold[1].extra, "check=no");
    d = g.d[2];
    cr_assert_str_eq(d->id, "BETA-01");
    cr_assert_str_eq(d->date, "1999-01-01");
    cr_assert_eq(d->gold_noevents, 1);
    d = g.d[3];
    cr_assert_str_eq(d->date, "2021-03-20");
    cr_assert_str_eq(tc_doc_meta_get(d, "tabari.options"), "SET: CODE BY SENTENCE\nDEFAULT: OFF");
    cr_assert_str_eq(tc_doc_meta_get(d, "tabari.expect"), "complex");
    d = g.d[4];
    cr_assert_str_eq(d->id, "NOCOMMENT-01");
    cr_assert_eq(d->ngold, 0);
    d = g.d[5];
    cr_assert_eq(d->gold_error, 1);
    cr_assert_str_eq(tc_doc_meta_get(d, "tabari.expect"), "discard");
    got_free(&g);
}

Test(reader_tabari, shared_validate_text)
{
    const char *p = tt_shared("data/eventcoders/TABARI-Code/Validate.text");
    if (!p) cr_skip_test();
    tc_read_stats st = {0};
    tc_reader *r;
    cr_assert_eq(tc_reader_open(&r, p, NULL, NULL, &st), TC_OK);
    tc_doc *d;
    unsigned long gold = 0;
    int final = 0;
    while (tc_reader_next(r, &d) == TC_OK) {
        gold += d->ngold;
        if (!strcmp(d->id, "FINAL-01")) final = 1;
        tc_doc_free(&d);
    }
    tc_reader_close(&r);
    cr_assert(final);
    cr_assert_eq(gold, 527, "expected-event triples: %lu", gold);
    cr_assert_eq(st.docs, 479);
    cr_assert_eq(st.skipped, 2); /* headers "9501201 ..." and "186010029 ..." */
}

Test(reader_jsonl, escapes_nesting_and_datelines)
{
    const char *j =
        "{\"id\":\"e1\",\"text\":\"Tab\\there \\\"quoted\\\" caf\\u00e9 \\ud83d\\ude00 nul\\u0000gone \\ud800x\","
        "\"nested\":{\"a\":[1,{\"b\":null}],\"c\":\"d\"},\"list\":[\"x\",2,true,[3],{\"k\":1}],"
        "\"dateline\":\"MOSCOW, Feb 12 (Reuters) -\", \"n\": -1.5e3}\n"
        "{\"id\":\"e2\",\"text\":\"Deep.\",\"deep\":"
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}\n"
        "{\"id\":\"e3\",\"text\":\"Trailing.\"} junk\n"
        "{\"id\":\"e4\",\"text\":\"WASHINGTON story.\",\"dateline\":\"WASHINGTON \\u2014\"}\n";
    got g;
    read_mem(&g, "esc.jsonl", j, strlen(j), NULL);
    cr_assert_eq(g.n, 2, "%s", log_of(&g));
    tc_doc *d = g.d[0];
    cr_assert_str_eq(d->text, "Tab\there \"quoted\" caf\xC3\xA9 \xF0\x9F\x98\x80 nulgone \xEF\xBF\xBDx");
    cr_assert_eq(g.st.nul_bytes, 1);
    cr_assert_eq(g.st.repaired, 1);
    cr_assert_null(tc_doc_meta_get(d, "nested"));
    cr_assert_str_eq(tc_doc_meta_get(d, "list"), "x;2;true");
    cr_assert_str_eq(tc_doc_meta_get(d, "n"), "-1.5e3");
    cr_assert_str_eq(d->dateline_place, "MOSCOW");
    cr_assert_str_eq(d->dateline_agency, "Reuters");
    cr_assert_str_eq(g.d[1]->dateline_place, "WASHINGTON");
    cr_assert_null(g.d[1]->dateline_agency);
    cr_assert_eq(g.st.skipped, 2);
    cr_assert(strstr(log_of(&g), "esc.jsonl:2: broken JSON line (column"), "%s", log_of(&g));
    cr_assert(strstr(log_of(&g), "nesting too deep"), "%s", log_of(&g));
    cr_assert(strstr(log_of(&g), "esc.jsonl:3: broken JSON line (column 32: text after the object)"), "%s",
              log_of(&g));
    got_free(&g);
}

Test(reader_jsonl, every_alias_alone)
{
    static const struct {
        const char *key, *field;
    } al[] = {{"id", "id"},           {"newid", "id"},          {"_id", "id"},
              {"doc_id", "id"},       {"uuid", "id"},           {"url", "url"},
              {"link", "url"},        {"source_url", "url"},    {"title", "title"},
              {"headline", "title"},  {"date", "date"},         {"date_publish", "date"},
              {"published", "date"},  {"date_published", "date"}, {"publish_date", "date"},
              {"pubdate", "date"},    {"published_at", "date"}, {"datetime", "date"},
              {"timestamp", "date"},  {"source", "source"},     {"source_domain", "source"},
              {"domain", "source"},   {"outlet", "source"},     {"publisher", "source"},
              {"language", "language"}, {"lang", "language"},   {"dateline", "dateline"}};
    static const char *texts[] = {"text", "maintext", "body", "content", "article"};
    for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
        for (size_t i = 0; i < sizeof al / sizeof al[0]; i++) {
            char line[256];
            const char *val = !strcmp(al[i].field, "date") ? "2021-06-01" : "VALUE";
            snprintf(line, sizeof line, "{\"%s\": \"Body text.\", \"%s\": \"%s\"}\n", texts[t], al[i].key, val);
            got g;
            read_mem(&g, "a.jsonl", line, strlen(line), NULL);
            cr_assert_eq(g.n, 1, "%s", line);
            tc_doc *d = g.d[0];
            cr_assert_str_eq(d->text, "Body text.", "%s", line);
            const char *f = al[i].field;
            const char *got_v = !strcmp(f, "id")         ? d->id
                                : !strcmp(f, "url")      ? d->url
                                : !strcmp(f, "title")    ? d->title
                                : !strcmp(f, "date")     ? d->date
                                : !strcmp(f, "source")   ? d->source
                                : !strcmp(f, "language") ? d->language
                                                         : d->dateline_place;
            cr_assert_not_null(got_v, "%s", line);
            cr_assert_str_eq(got_v, !strcmp(f, "date") ? "2021-06-01" : "VALUE", "%s", line);
            if (strcmp(f, "dateline") != 0) /* the raw dateline is kept in meta on purpose */
                cr_assert_null(tc_doc_meta_get(d, al[i].key), "alias %s also in meta", al[i].key);
            got_free(&g);
        }
    }
}

Test(reader_petrxml, story_wrapping_sentences)
{
    const char *x = "<Stories>\n<Story id=\"S1\" date=\"20200202\">\n"
                    "<Sentence id=\"S1_1\" date=\"20200202\"><Text>First sentence.</Text></Sentence>\n"
                    "<Sentence id=\"S1_2\" date=\"20200202\"><Text>Second sentence.</Text></Sentence>\n"
                    "</Story>\n<Article id=\"A2\"><Text>An article with its own text.</Text></Article>\n"
                    "</Stories>\n";
    got g;
    read_mem(&g, "s.xml", x, strlen(x), NULL);
    cr_assert_eq(g.n, 3, "%s", log_of(&g));
    cr_assert_str_eq(g.d[0]->id, "S1_1");
    cr_assert_str_eq(g.d[1]->id, "S1_2");
    cr_assert_str_eq(g.d[2]->id, "A2");
    cr_assert_eq(g.st.skipped, 0, "%s", log_of(&g));
    cr_assert_eq(g.log.nwarn, 0, "%s", log_of(&g));
    got_free(&g);
}
