/* test_tabari.c - the TABARI word-sequence coder (src/code/tabari.h): our own
 * TABARI-format records and dictionaries (tests/data/tabari, fictional), the
 * dictionary reader's warnings, and coding documents directly. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "code/tabari.h"
#include "core/mem.h"
#include "nlp/conllu.h"
#include "testutil.h"

int tc_fuzz_tabari_dict(const uint8_t *data, size_t size);

/* one CoNLL-U sentence from space-separated words ("Dreskar 's" joins: no space) */
static tc_doc *doc_of(const char *words)
{
    char buf[4096];
    size_t o = 0;
    int id = 1;
    const char *p = words;
    while (*p) {
        while (*p == ' ') p++;
        if (!*p) break;
        const char *b = p;
        while (*p && *p != ' ') p++;
        int glue = p[0] == ' ' && p[1] == '\'';
        o += (size_t)snprintf(buf + o, sizeof buf - o, "%d\t%.*s\t_\t_\t_\t_\t0\t_\t_\t%s\n", id++, (int)(p - b), b,
                              glue ? "SpaceAfter=No" : "_");
    }
    snprintf(buf + o, sizeof buf - o, "\n");
    tc_doc *doc = NULL;
    cr_assert_eq(tc_conllu_parse(buf, strlen(buf), "t", &doc, NULL), TC_OK);
    return doc;
}

static tc_tabari *mini(tc_diag *diag)
{
    static const char actors[] =
        "VALORIA [VAL]\nDRESKAR [DRS]\nMERIDIA [MER]\nKESTRA_ [KST]\nZORNAK [+++]\nSKULLGROVE [###]\n";
    static const char agents[] = "MINISTER_ [~GOV]\n";
    static const char verbs[] = "ACCUS [112]\nPRAIS [051]\nSAID [023?]\nVISIT_ [042:043]\n{ VISITED_ }\n";
    tc_tabari *t = NULL;
    cr_assert_eq(tc_tabari_new(&t), TC_OK);
    cr_assert_eq(tc_tabari_load_mem(t, TC_TABARI_ACTORS, "m.actors", actors, strlen(actors), diag), TC_OK);
    cr_assert_eq(tc_tabari_load_mem(t, TC_TABARI_AGENTS, "m.agents", agents, strlen(agents), diag), TC_OK);
    cr_assert_eq(tc_tabari_load_mem(t, TC_TABARI_VERBS, "m.verbs", verbs, strlen(verbs), diag), TC_OK);
    return t;
}

static void code(tc_tabari *t, const char *words, tc_tabari_result *res)
{
    tc_doc *doc = doc_of(words);
    cr_assert_eq(tc_tabari_code(t, doc, 20120101, "T-1", res), TC_OK);
    tc_doc_free(&doc);
}

static int has(const tc_tabari_result *r, const char *s, const char *t, const char *c)
{
    for (int i = 0; i < r->nev; i++)
        if (!strcmp(r->ev[i].src, s) && !strcmp(r->ev[i].tgt, t) && !strcmp(r->ev[i].code, c)) return 1;
    return 0;
}

Test(tabari, codes_tokens)
{
    tc_tabari *t = mini(NULL);
    tc_tabari_result *r = tc_calloc(1, sizeof *r);
    code(t, "The Valoria minister accused Dreskar of piracy on the coast .", r);
    cr_expect_eq(r->outcome, TC_TABARI_CODED);
    cr_expect_eq(r->nev, 1, "%s", r->trace);
    cr_expect(has(r, "VALGOV", "DRS", "112"), "%s", r->trace);
    cr_expect_not_null(strstr(r->trace, "ACCUSED/V"), "%s", r->trace);
    /* paired code through an irregular form; the possessive ending joins its word */
    code(t, "Kestra 's minister visited Meridia on a long tour of the south .", r);
    cr_expect(has(r, "KSTGOV", "MER", "042") && has(r, "MER", "KSTGOV", "043") && r->nev == 2, "%s", r->trace);
    /* a subordinate code only when nothing else is coded; the source is the first actor
     * of the sentence (TABARI has no clause below "said") */
    code(t, "Valoria said that Dreskar praised Meridia for its help .", r);
    cr_expect(r->nev == 1 && has(r, "VAL", "MER", "051"), "%s", r->trace);
    code(t, "Valoria said that Dreskar had been calm for many weeks .", r);
    cr_expect(r->nev == 1 && has(r, "VAL", "DRS", "023"), "%s", r->trace);
    tc_free(r);
    tc_tabari_free(&t);
}

Test(tabari, discard_complex_and_short)
{
    tc_tabari *t = mini(NULL);
    tc_tabari_result *r = tc_calloc(1, sizeof *r);
    code(t, "Valoria praised Meridia after Skullgrove pirates left the port .", r);
    cr_expect_eq(r->outcome, TC_TABARI_DISCARD);
    code(t, "Valoria accused Zornak of piracy on the coast on Monday .", r);
    cr_expect_eq(r->outcome, TC_TABARI_COMPLEX);
    /* fewer than 8 words: not coded (SET: MINIMUM WORDS changes it) */
    code(t, "Valoria accused Dreskar .", r);
    cr_expect(r->outcome == TC_TABARI_CODED && r->nev == 0);
    tc_tabari_option(t, "SET: MINIMUM WORDS = 3");
    code(t, "Valoria accused Dreskar .", r);
    cr_expect(r->nev == 1 && has(r, "VAL", "DRS", "112"), "%s", r->trace);
    /* NOACTPRIOR diverts a text without an actor before its first verb */
    tc_tabari_option(t, "COMPLEX: NOACTPRIOR");
    code(t, "Yesterday officials accused Dreskar of piracy on the coast .", r);
    cr_expect_eq(r->outcome, TC_TABARI_COMPLEX);
    tc_tabari_option(t, "COMPLEX: OFF");
    code(t, "Yesterday officials accused Dreskar of piracy on the coast .", r);
    cr_expect_eq(r->outcome, TC_TABARI_CODED);
    tc_free(r);
    tc_tabari_free(&t);
}

Test(tabari, comma_option)
{
    tc_tabari *t = mini(NULL);
    tc_tabari_result *r = tc_calloc(1, sizeof *r);
    /* the comma clause is dropped by default, so its actor is no target */
    code(t, "Valoria , after a talk with Meridia envoys , accused pirates of raids .", r);
    cr_expect(r->nev == 0, "%s", r->trace);
    tc_tabari_option(t, "COMMA: OFF");
    code(t, "Valoria , after a talk with Meridia envoys , accused pirates of raids .", r);
    cr_expect(r->nev == 1 && has(r, "VAL", "MER", "112"), "%s", r->trace);
    tc_free(r);
    tc_tabari_free(&t);
}

Test(tabari, bad_lines_warn_and_are_skipped)
{
    tt_diaglog log = {0};
    tc_diag diag = tt_diag(&log);
    tc_tabari *t = NULL;
    cr_assert_eq(tc_tabari_new(&t), TC_OK);
    static const char actors[] = "VALORIA [VAL\nDRESKAR [991201-010114]\nMERIDIA [MER]\n";
    static const char agents[] = "MINISTER_ [GOV]\nSOLDIERS_\n";
    static const char verbs[] = "- * X [1]\nACCUS [112]\n- * Y\n- NO STAR [2]\n- * &UNDEFINED [3]\nPRAIS [051]\n";
    tc_tabari_load_mem(t, TC_TABARI_ACTORS, "b.actors", actors, strlen(actors), &diag);
    tc_tabari_load_mem(t, TC_TABARI_AGENTS, "b.agents", agents, strlen(agents), &diag);
    tc_tabari_load_mem(t, TC_TABARI_VERBS, "b.verbs", verbs, strlen(verbs), &diag);
    cr_expect_not_null(strstr(log.text, "b.actors:1:"), "%s", log.text);
    cr_expect_not_null(strstr(log.text, "b.actors:2:"), "%s", log.text);
    cr_expect_not_null(strstr(log.text, "b.agents:1:"), "%s", log.text);
    cr_expect_not_null(strstr(log.text, "b.agents:2:"), "%s", log.text);
    cr_expect_not_null(strstr(log.text, "b.verbs:1:"), "%s", log.text);
    cr_expect_not_null(strstr(log.text, "b.verbs:3:"), "%s", log.text);
    cr_expect_not_null(strstr(log.text, "b.verbs:4:"), "%s", log.text);
    cr_expect_not_null(strstr(log.text, "b.verbs:5:"), "%s", log.text);
    /* the good lines still code */
    tc_tabari_result *r = tc_calloc(1, sizeof *r);
    tc_tabari_option(t, "SET: MINIMUM WORDS = 1");
    code(t, "Meridia praised Meridia and accused Valoria .", r);
    cr_expect_eq(r->nev, 0, "%s", r->trace); /* VALORIA was dropped: no target; MER -> MER is no event */
    tc_free(r);
    tc_tabari_free(&t);
    tt_diaglog_free(&log);
}

static int have_models(void)
{
    struct stat st;
    if (stat("models/tagger.bin", &st) == 0 && stat("models/parser.bin", &st) == 0) return 1;
    printf("skip: models/tagger.bin or models/parser.bin not present\n");
    return 0;
}

/* every coding rule of tabari.c has a record in tests/data/tabari/Own.text */
Test(tabari, own_records_all_pass)
{
    if (!have_models()) cr_skip_test("models absent");
    char *out = NULL, *err = NULL;
    int rc = tt_run("validate tests/data/tabari/Own.text", NULL, &out, &err);
    cr_assert_not_null(out);
    cr_expect_eq(rc, 0, "%s\n%s", out, err ? err : "");
    cr_expect_not_null(strstr(out, "68 passed, 0 failed"), "%s\n%s", out, err ? err : "");
    cr_expect(!err || !strstr(err, "warning"), "%s", err);
    free(out);
    free(err);
}

/* tabari_dict/unterminated_section.txt: a "<NO" at the very end of a dictionary buffer was
 * compared with "<NOUN>" past the buffer's end (ASan, found by fuzz_tabari_dict). */
Test(fuzz_replay, tabari_dict)
{
    cr_assert_gt(tt_replay_dir("fuzz/corpus/tabari_dict", tc_fuzz_tabari_dict), 0);
}
