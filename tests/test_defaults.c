/* test_defaults.c - the embedded default dictionaries load cleanly. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "dict/dict.h"
#include "pipeline/defaults.h"
#include "testutil.h"

Test(defaults, load_without_warnings)
{
    tc_dict *d = NULL;
    cr_assert_eq(tc_dict_new(&d), TC_OK);
    tt_diaglog log = {0};
    tc_diag diag = tt_diag(&log);
    cr_assert_eq(tc_pipe_load_defaults(d, &diag), TC_OK);
    if (log.text) fprintf(stderr, "%s", log.text);
    cr_expect_eq(log.nwarn + log.nerr, 0, "default dictionaries gave %d warnings", log.nwarn);
    cr_expect_gt(d->nactors, 600);
    cr_expect_gt(d->nagents, 100);
    cr_expect_gt(d->nverbs, 400);
    cr_expect_gt(d->nblocks, 100);
    tc_dict_free(&d);
    tt_diaglog_free(&log);
}

Test(defaults, embedded_files_by_name)
{
    const char *data;
    size_t len;
    cr_assert(tc_pipe_default_file("verbs.txt", &data, &len));
    cr_assert_gt(len, 1000);
    cr_assert(tc_pipe_default_file("countries.actors.txt", &data, &len));
    cr_assert(strstr(data, "\nUKRAINE_\n") != NULL);
    cr_assert(strstr(data, "[RUSGOV]") != NULL);
    cr_assert_not(tc_pipe_default_file("nope.txt", &data, &len));
}

Test(defaults, accented_spellings_meet_ascii_entries)
{
    tc_dict *d = NULL;
    cr_assert_eq(tc_dict_new(&d), TC_OK);
    cr_assert_eq(tc_pipe_load_defaults(d, NULL), TC_OK);
    int32_t a = tc_dict_word(d, "Erdoğan", strlen("Erdoğan"));
    cr_assert_neq(a, 0);
    cr_expect_eq(a, tc_dict_word(d, "ERDOGAN", 7));
    cr_expect_eq(tc_dict_word(d, "Sánchez", strlen("Sánchez")), tc_dict_word(d, "sanchez", 7));
    tc_dict_free(&d);
}
