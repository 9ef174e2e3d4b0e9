/* test_validate.c - `tacitus validate` on our own records and, when ../shared exists, the
 * shared suites against the floors in tests/floors.txt. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

Test(validate, own_records_all_pass)
{
    char *out = NULL, *err = NULL;
    int rc = tt_run("validate tests/records/coder_basic.xml --dict-dir tests/data/dict", NULL, &out, &err);
    cr_assert_not_null(out);
    cr_expect_eq(rc, 0, "stdout:\n%s\nstderr:\n%s", out, err ? err : "");
    cr_expect_not_null(strstr(out, "67 passed, 0 failed"), "%s", out);
    cr_expect_not_null(strstr(out, "1 disabled records"), "%s", out);
    cr_expect_not_null(strstr(out, "DATE              5      0      5"), "%s", out);
    free(out);
    free(err);
}

Test(validate, failing_record_is_printed)
{
    static const char xml[] =
        "<Validation><Environment><Verbfile>test.verbs.txt</Verbfile><Actorfile>test.actors.txt</Actorfile>"
        "</Environment>\n<Sentence id=\"X-1\" category=\"X\" date=\"20120101\">\n"
        "<EventCoding sourcecode=\"VAL\" targetcode=\"DRS\" eventcode=\"190\" />\n<Parse>\n"
        "1\tValoria\tValoria\tPROPN\t_\t_\t2\tnsubj\t_\t_\n"
        "2\taccused\taccuse\tVERB\t_\t_\t0\troot\t_\t_\n"
        "3\tDreskar\tDreskar\tPROPN\t_\t_\t2\tobj\t_\t_\n"
        "</Parse></Sentence></Validation>\n";
    char *path = tt_tmpfile(".xml", xml, sizeof xml - 1);
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "validate %s --dict-dir tests/data/dict", path);
    char *out = NULL;
    int rc = tt_run(cmd, NULL, &out, NULL);
    cr_expect_eq(rc, 1);
    cr_expect_not_null(strstr(out, "FAIL X-1: expected VAL DRS 190; got VAL DRS 112"), "%s", out);
    cr_expect_not_null(strstr(out, "0 passed, 1 failed"), "%s", out);
    remove(path);
    free(path);
    free(out);
}

Test(validate, usage_errors)
{
    cr_expect_eq(tt_run("validate", NULL, NULL, NULL), 2);
    cr_expect_eq(tt_run("validate x.xml --parse maybe", NULL, NULL, NULL), 2);
    cr_expect_eq(tt_run("validate tests/records/does-not-exist.xml", NULL, NULL, NULL), 1);
}

/* floor for a suite from tests/floors.txt ("NAME PASSED" lines), -1 if absent */
static int floor_of(const char *name)
{
    char *txt = tt_slurp("tests/floors.txt", NULL);
    if (!txt) return -1;
    int v = -1;
    for (char *save = NULL, *l = strtok_r(txt, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        char n[128];
        int k;
        if (l[0] != '#' && sscanf(l, "%127s %d", n, &k) == 2 && !strcmp(n, name)) v = k;
    }
    free(txt);
    return v;
}

static void run_suite(const char *name, const char *rel)
{
    const char *path = tt_shared(rel);
    if (!path) cr_skip_test();
    int fl = floor_of(name);
    cr_assert_geq(fl, 0, "no floor for %s in tests/floors.txt", name);
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "validate %s", path);
    char *out = NULL;
    tt_run(cmd, NULL, &out, NULL);
    int passed = -1;
    const char *last = out ? strstr(out, " passed, ") : NULL;
    if (last) {
        while (last > out && last[-1] >= '0' && last[-1] <= '9') last--;
        passed = atoi(last);
    }
    free(out);
    cr_expect_geq(passed, fl, "%s: %d passed, floor %d", name, passed, fl);
}

Test(validate, shared_ud_unit_suite_floor)
{
    run_suite("ud-unit-2.0", "data/eventcoders/suites/ud-unit-2.0/PETR.UnitTest.records.parsing_parsed_udpipe_2.0.xml");
}

Test(validate, shared_petr_validate_2_02_floor)
{
    run_suite("petr-validate-2.02",
              "data/eventcoders/UniversalPetrarch/branch-dev-validate/validate/PETR_Validate_records_2_02.xml");
}

Test(validate, shared_tabari_validate_floor)
{
    run_suite("tabari-validate", "data/eventcoders/TABARI-Code/Validate.text");
}
