/* test_validate_own.c - `tacitus validate --parse own` (records with <Text> only) and
 * TABARI validation text (.project / .actors / .verbs / .options written here, fictional
 * names).  Both parse with the trained models; the tests skip when the model files (models/tagger.bin, parser.bin) are absent. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"

static int have_models(void)
{
    struct stat st;
    if (stat("models/tagger.bin", &st) == 0 && stat("models/parser.bin", &st) == 0) return 1;
    printf("skip: models/tagger.bin or models/parser.bin not present\n");
    return 0;
}

static void put(const char *dir, const char *name, const char *text)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f, "cannot write %s", path);
    fputs(text, f);
    fclose(f);
}

static void rm(const char *dir, const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    remove(path);
}

Test(validate_own, xml_text_only_records)
{
    if (!have_models()) cr_skip_test("models absent");
    static const char xml[] =
        "<Validation><Environment><Verbfile>test.verbs.txt</Verbfile><Actorfile>test.actors.txt</Actorfile>"
        "</Environment>\n"
        "<Sentence id=\"OWN-1\" category=\"OWN\" date=\"20120101\">\n"
        "<EventCoding sourcecode=\"VAL\" targetcode=\"DRS\" eventcode=\"112\" />\n"
        "<Text>Valoria accused Dreskar on Monday.</Text></Sentence>\n"
        "<Sentence id=\"OWN-2\" category=\"OWN\" date=\"20120101\">\n"
        "<EventCoding noevents=\"True\" />\n"
        "<Text>The weather was mild in the hills.</Text></Sentence>\n"
        "</Validation>\n";
    char *path = tt_tmpfile(".xml", xml, sizeof xml - 1);
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "validate %s --dict-dir tests/data/dict --parse own", path);
    char *out = NULL, *err = NULL;
    int rc = tt_run(cmd, NULL, &out, &err);
    cr_assert_not_null(out);
    cr_expect_eq(rc, 0, "stdout:\n%s\nstderr:\n%s", out, err ? err : "");
    cr_expect_not_null(strstr(out, "2 passed, 0 failed"), "%s", out);
    /* the given-parse mode has no parse to use here: both records fail as bad input */
    free(out);
    out = NULL;
    snprintf(cmd, sizeof cmd, "validate %s --dict-dir tests/data/dict", path);
    rc = tt_run(cmd, NULL, &out, NULL);
    cr_expect_eq(rc, 1);
    cr_expect_not_null(strstr(out, "FAIL OWN-1: expected VAL DRS 112; got error bad_input_parse"), "%s", out);
    remove(path);
    free(path);
    free(out);
    free(err);
}

Test(validate_own, tabari_text)
{
    if (!have_models()) cr_skip_test("models absent");
    char dir[] = "/tmp/tc_tabari_XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    put(dir, "Mini.project",
        "Validation file for the tests\n"
        "<actorsfile>\tMini.actors\n<verbsfile>\tMini.verbs\n<optionsfile> Mini.options\n"
        "<textfile>\t\tMini.text\n");
    put(dir, "Mini.actors", "VALORIA  [VAL]\nDRESKAR  [DRS]\nMERIDIA  [MER]\nZORNAK  [+++]\nSKULLGROVE  [###]\nTHE_TWIN_CITIES  [VAL/DRS]\n");
    /* TABARI dialect: roots are stems ("ACCUS" codes "accused"), patterns below the root */
    put(dir, "Mini.verbs",
        "ACCUS  [112] ;test\n"
        "PRAIS  [051]\n"
        "THREATEN  [130]\n"
        "- * + WITH_ SANCTIONS  [163]\n");
    put(dir, "Mini.options", "// options\nCOMPLEX: VERBS[5] CONJ[4]\n");
    put(dir, "Mini.text",
        "# a comment line\n"
        "120101  BASIC-01\n"
        "Valoria accused Dreskar of\n"
        "harbouring smugglers on Monday.\n"
        "/*\\n{ VAL / DRS / 112 } */\n"
        "\n"
        "120101  BASIC-02\n"
        "Meridia praised Valoria for its\n"
        "flood relief work.\n"
        "/* { MER / VAL / 051 } */\n"
        "\n"
        "120102  PAT-01\n"
        "Dreskar threatened Meridia with sanctions on Tuesday in the capital.\n"
        "/* { DRS / MER / 163 } */\n"
        "\n"
        "120102  NONE-01\n"
        "The weather was mild in the hills.\n"
        "/* {---} */\n"
        "\n"
        "120103  CPLX-01\n"
        "Valoria accused Zornak on Wednesday in a long statement.\n"
        "/* {+++} */\n"
        "\n"
        "120103  OPT-01\n"
        "Meridia praised Dreskar on Thursday.\n"
        "/* -{ MER / DRS / 051 } */\n"
        "\n"
        "120104  NOTE-01\n"
        "A record without any expected coding.\n"
        "/* [only a note] */\n"
        "\n"
        "120104  DISC-01\n"
        "Meridia praised Valoria after Skullgrove pirates left the harbour.\n"
        "/* {###} */\n"
        "\n"
        "120104  COMP-01\n"
        "Meridia praised the Twin Cities on Friday for their flood work.\n"
        "/* { MER / VAL / 051 }\n{ MER / DRS / 051 } */\n"
        "\n"
        "120104  WRONG-01\n"
        "Valoria praised Meridia on Friday for its flood work.\n"
        "/* { VAL / MER / 112 } */\n"
        "\n"
        "990101  FINAL-01\n"
        "End of the standard records.\n"
        "\n"
        "120105  AFTER-01\n"
        "Dreskar accused Valoria.\n"
        "/* { DRS / VAL / 112 } */\n");
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "validate %s/Mini.text", dir);
    char *out = NULL, *err = NULL;
    int rc = tt_run(cmd, NULL, &out, &err);
    cr_assert_not_null(out);
    cr_expect_eq(rc, 1, "stdout:\n%s\nstderr:\n%s", out, err ? err : "");
    cr_expect_not_null(strstr(out, "FAIL WRONG-01: expected VAL MER 112; got VAL MER 051"), "%s\n%s", out,
                       err ? err : "");
    cr_expect_null(strstr(out, "FAIL BASIC-01"), "%s", out);
    cr_expect_null(strstr(out, "FAIL PAT-01"), "%s", out);
    cr_expect_null(strstr(out, "FAIL CPLX-01"), "%s", out);
    cr_expect_null(strstr(out, "AFTER-01"), "%s", out);
    cr_expect_not_null(strstr(out, "1 records without an expected coding not scored"), "%s", out);
    cr_expect_not_null(strstr(out, "BASIC             2      0      2"), "%s", out);
    cr_expect_null(strstr(out, "FAIL DISC-01"), "%s", out);
    cr_expect_null(strstr(out, "FAIL COMP-01"), "%s", out);
    cr_expect_not_null(strstr(out, "8 passed, 1 failed"), "%s\n%s", out, err ? err : "");
    free(out);
    out = NULL;
    /* --all-records goes on past FINAL */
    snprintf(cmd, sizeof cmd, "validate %s/Mini.text --all-records", dir);
    rc = tt_run(cmd, NULL, &out, NULL);
    cr_expect_eq(rc, 1);
    cr_expect_not_null(strstr(out, "AFTER"), "%s", out);
    free(out);
    out = NULL;
    /* no .project names the file: an error unless --verbs/--actors are given */
    put(dir, "Other.text", "120101  X-01\nValoria accused Dreskar of smuggling on Monday night.\n/* { VAL / DRS / 112 } */\n");
    snprintf(cmd, sizeof cmd, "validate %s/Other.text", dir);
    cr_expect_eq(tt_run(cmd, NULL, NULL, NULL), 1);
    snprintf(cmd, sizeof cmd, "validate %s/Other.text --verbs %s/Mini.verbs --actors %s/Mini.actors", dir, dir,
             dir);
    rc = tt_run(cmd, NULL, &out, NULL);
    cr_expect_eq(rc, 0, "%s", out ? out : "");
    cr_expect_not_null(out && strstr(out, "1 passed, 0 failed"), "%s", out ? out : "");
    free(out);
    free(err);
    static const char *const files[] = {"Mini.project", "Mini.actors", "Mini.verbs", "Mini.options",
                                        "Mini.text",    "Other.text"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) rm(dir, files[i]);
    rmdir(dir);
}
