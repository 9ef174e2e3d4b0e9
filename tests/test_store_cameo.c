/* test_store_cameo.c - the CAMEO code table (src/core/cameo.*). */
#include <criterion/criterion.h>
#include <string.h>

#include "core/cameo.h"

Test(cameo, table_sorted_and_complete)
{
    cr_assert_gt(tc_cameo_table_len, 300);
    for (size_t i = 1; i < tc_cameo_table_len; i++)
        cr_assert_lt(strcmp(tc_cameo_table[i - 1].code, tc_cameo_table[i].code), 0, "at %s",
                     tc_cameo_table[i].code);
    for (size_t i = 0; i < tc_cameo_table_len; i++) {
        const tc_cameo_code *c = &tc_cameo_table[i];
        cr_assert_eq(c->quad, tc_cameo_quad(c->code));
        cr_assert(c->goldstein >= -10.0f && c->goldstein <= 10.0f);
        cr_assert_gt(strlen(c->name), 3);
    }
}

Test(cameo, known_facts)
{
    const tc_cameo_code *c = tc_cameo_lookup("190");
    cr_assert_not_null(c);
    cr_assert_float_eq(c->goldstein, -10.0f, 1e-6);
    cr_assert_eq(c->quad, 4);
    cr_assert_str_eq(c->plover_type, "ASSAULT");
    c = tc_cameo_lookup("057");
    cr_assert_not_null(c);
    cr_assert_float_eq(c->goldstein, 8.0f, 1e-6);
    cr_assert_eq(c->quad, 1);
    cr_assert_str_eq(c->plover_type, "SUPPORT");
    c = tc_cameo_lookup("042");
    cr_assert_str_eq(c->plover_mode, "visit");
    cr_assert_str_eq(tc_cameo_lookup("163")->plover_type, "COERCE");
    cr_assert_str_eq(tc_cameo_lookup("010")->plover_type, "");
    cr_assert_null(tc_cameo_lookup("999"));
    cr_assert_null(tc_cameo_lookup("21"));
    cr_assert_str_eq(tc_cameo_lookup_nearest("0469")->code, "046");
    cr_assert_eq(tc_cameo_quad("091"), 2);
    cr_assert_eq(tc_cameo_quad("141"), 3);
    cr_assert_eq(tc_cameo_quad("150"), 4);
    cr_assert_eq(tc_cameo_quad("21"), 0);
    cr_assert_eq(tc_cameo_penta("163"), 3);
    cr_assert_eq(tc_cameo_penta("141"), 4);
    cr_assert_eq(tc_cameo_penta("020"), 0);
    char r[3], b[4];
    cr_assert(tc_cameo_root("1123", r));
    cr_assert_str_eq(r, "11");
    cr_assert(tc_cameo_base("1123", b));
    cr_assert_str_eq(b, "112");
    cr_assert(!tc_cameo_root("x1", r));
}
