/* test_export.c - every export format read back: column counts, key columns, counts. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"

#define FIX "tests/data/store/"

static char *db_path;

static void setup(void)
{
    db_path = tt_tmpfile(".db", "", 0);
    unlink(db_path);
    char cmd[700];
    snprintf(cmd, sizeof cmd,
             "ingest -q --db %s " FIX "wire_a.jsonl " FIX "paper_b.jsonl " FIX "wire_c.jsonl",
             db_path);
    cr_assert_eq(tt_run(cmd, NULL, NULL, NULL), 0);
}

static void teardown(void)
{
    tt_rm_db(db_path);
}

static char *export(const char *fmt)
{
    char cmd[700], *out = NULL, *err = NULL;
    snprintf(cmd, sizeof cmd, "export --db %s --format %s", db_path, fmt);
    int rc = tt_run(cmd, NULL, &out, &err);
    cr_assert_eq(rc, 0, "%s", err);
    free(err);
    return out;
}

/* Split text into lines (in place) and each line into tab fields. */
typedef struct table {
    char **rows[64];
    int ncol[64];
    int nrow;
} table;

static void split_tsv(char *text, table *t)
{
    memset(t, 0, sizeof *t);
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line && t->nrow < 64;
         line = strtok_r(NULL, "\n", &save)) {
        char **cols = calloc(128, sizeof *cols);
        int n = 0;
        char *p = line;
        for (;;) {
            char *tab = strchr(p, '\t');
            cols[n++] = p;
            if (!tab || n == 128) break;
            *tab = 0;
            p = tab + 1;
        }
        t->rows[t->nrow] = cols;
        t->ncol[t->nrow++] = n;
    }
}

static void free_table(table *t)
{
    for (int i = 0; i < t->nrow; i++) free(t->rows[i]);
}

static int find_row(table *t, int col, const char *val)
{
    for (int i = 0; i < t->nrow; i++)
        if (!strcmp(t->rows[i][col], val)) return i;
    return -1;
}

/* Exports fmt into t (which points into the returned text): nrow rows of ncol columns each. */
static char *export_table(const char *fmt, table *t, int nrow, int ncol)
{
    char *out = export(fmt);
    split_tsv(out, t);
    cr_assert_eq(t->nrow, nrow);
    for (int i = 0; i < t->nrow; i++) cr_assert_eq(t->ncol[i], ncol, "row %d has %d", i, t->ncol[i]);
    return out;
}

static int count_lines(const char *text)
{
    int lines = 0;
    for (const char *p = text; *p; p++) lines += *p == '\n';
    return lines;
}

TestSuite(export, .init = setup, .fini = teardown);

Test(export, gdelt_events_61_columns)
{
    table t;
    char *out = export_table("gdelt", &t, 11, 61);
    /* the warning: USAGOV -> RUSGOV 130 with 4 mentions, 3 sources, 3 articles */
    int r = -1;
    for (int i = 0; i < t.nrow; i++)
        if (!strcmp(t.rows[i][26], "130")) r = i;
    cr_assert_geq(r, 0);
    char **c = t.rows[r];
    cr_assert_str_eq(c[1], "20260302");
    cr_assert_str_eq(c[2], "202603");
    cr_assert_str_eq(c[3], "2026");
    cr_assert_str_eq(c[5], "USAGOV");
    cr_assert_str_eq(c[7], "USA");
    cr_assert_str_eq(c[12], "GOV");
    cr_assert_str_eq(c[15], "RUSGOV");
    cr_assert_str_eq(c[17], "RUS");
    cr_assert_str_eq(c[25], "1");  /* IsRootEvent: first sentence */
    cr_assert_str_eq(c[27], "130");
    cr_assert_str_eq(c[28], "13");
    cr_assert_str_eq(c[29], "3");
    cr_assert_str_eq(c[30], "-4.4");
    cr_assert_str_eq(c[31], "4");
    cr_assert_str_eq(c[32], "3");
    cr_assert_str_eq(c[33], "3");
    cr_assert_eq(strlen(c[59]), 14); /* DATEADDED YYYYMMDDHHMMSS */
    cr_assert_str_eq(c[60], "https://wire-a.example/2026/03/02/warning");
    /* an IGO actor: type IGO, known group UNO, no country */
    r = find_row(&t, 5, "IGOUNO");
    cr_assert_geq(r, 0);
    cr_assert_str_eq(t.rows[r][7], "");
    cr_assert_str_eq(t.rows[r][8], "UNO");
    cr_assert_str_eq(t.rows[r][12], "IGO");
    cr_assert_str_eq(t.rows[r][26], "0256");
    cr_assert_str_eq(t.rows[r][27], "025");
    cr_assert_str_eq(t.rows[r][28], "02");
    free_table(&t);
    free(out);
}

Test(export, gdelt_mentions_16_columns)
{
    table t;
    char *out = export_table("gdelt-mentions", &t, 15, 16);
    int n130 = 0;
    for (int i = 0; i < t.nrow; i++) {
        if (!strcmp(t.rows[i][5], "https://paper-b.example/world/17")) {
            n130++;
            cr_assert_str_eq(t.rows[i][4], "paper-b.example");
            cr_assert(!strcmp(t.rows[i][6], "4") || !strcmp(t.rows[i][6], "6"));
            cr_assert_str_eq(t.rows[i][2], "20260303000000");
        }
    }
    cr_assert_eq(n130, 2);
    /* offsets: sentence 4 (0-based 3) of paper-b-17: actor1 410, actor2 428, action 421 */
    int r = find_row(&t, 7, "410");
    cr_assert_geq(r, 0);
    cr_assert_str_eq(t.rows[r][8], "428");
    cr_assert_str_eq(t.rows[r][9], "421");
    free_table(&t);
    free(out);
}

Test(export, phoenix_26_columns)
{
    table t;
    char *out = export_table("phoenix", &t, 11, 26);
    int r = find_row(&t, 13, "130");
    cr_assert_geq(r, 0);
    char **c = t.rows[r];
    cr_assert_str_eq(c[1], "20260302");
    cr_assert_str_eq(c[2], "2026");
    cr_assert_str_eq(c[3], "3");
    cr_assert_str_eq(c[4], "2");
    cr_assert_str_eq(c[5], "USAGOV");
    cr_assert_str_eq(c[6], "USA");
    cr_assert_str_eq(c[7], "GOV");
    cr_assert_str_eq(c[14], "13");
    cr_assert_str_eq(c[15], "3"); /* penta: 09-13 -> 3 */
    cr_assert_str_eq(c[23], "wire-a-001-1;paper-b-17-4;paper-b-17-6;wire-c-5-1");
    cr_assert_str_eq(c[25], "wire-a.example;paper-b.example;wire-c.example");
    r = find_row(&t, 13, "163");
    cr_assert_str_eq(t.rows[r][15], "3"); /* 16 is verbal conflict in Phoenix */
    r = find_row(&t, 13, "0256");
    cr_assert_str_eq(t.rows[r][15], "0");
    cr_assert_str_eq(t.rows[r][6], "IGO");
    free_table(&t);
    free(out);
}

Test(export, icews_20_columns_with_header)
{
    table t;
    char *out = export_table("icews", &t, 12, 20);
    cr_assert_str_eq(t.rows[0][0], "Event ID");
    cr_assert_str_eq(t.rows[0][6], "CAMEO Code");
    cr_assert_str_eq(t.rows[0][19], "Longitude");
    int r = find_row(&t, 6, "195");
    cr_assert_geq(r, 0);
    char **c = t.rows[r];
    cr_assert_str_eq(c[1], "2026-03-03");
    cr_assert_str_eq(c[2], "Russian forces");
    cr_assert_str_eq(c[3], "Military");
    /* country names from Debian's iso-codes when installed, else the code */
    cr_assert(!strcmp(c[4], "Russian Federation") || !strcmp(c[4], "RUS"), "%s", c[4]);
    cr_assert_str_eq(c[7], "-10.0");
    cr_assert(!strcmp(c[10], "Ukraine") || !strcmp(c[10], "UKR"), "%s", c[10]);
    cr_assert_str_eq(c[11], "wire-a-002");
    cr_assert_str_eq(c[12], "3");
    free_table(&t);
    free(out);
}

Test(export, plover_json_records)
{
    char *out = export("plover");
    int n = 0;
    char *save = NULL;
    for (char *line = strtok_r(out, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        json_error_t e;
        json_t *o = json_loads(line, 0, &e);
        cr_assert_not_null(o, "%s: %s", e.text, line);
        cr_assert(json_is_string(json_object_get(o, "id")));
        cr_assert(json_is_string(json_object_get(o, "date")));
        json_t *actor = json_object_get(o, "actor");
        cr_assert(json_is_array(actor) && json_array_size(actor) == 1);
        json_t *ev = json_object_get(o, "event");
        cr_assert(json_is_array(ev) && json_array_size(ev) == 1);
        const char *type = json_string_value(json_array_get(ev, 0));
        cr_assert(type && *type);
        if (!strcmp(json_string_value(json_object_get(o, "cameo_code")), "195")) {
            cr_assert_str_eq(type, "ASSAULT");
            cr_assert_eq(json_integer_value(json_object_get(o, "quad_code")), 4);
            cr_assert_str_eq(json_string_value(json_object_get(json_array_get(actor, 0), "code")),
                             "RUS");
            cr_assert_str_eq(
                json_string_value(json_object_get(json_array_get(actor, 0), "sector")), "MIL");
        }
        json_decref(o);
        n++;
    }
    cr_assert_eq(n, 10); /* CAMEO 0256 (an appeal) has no PLOVER category */
    free(out);
}

Test(export, csv_and_jsonl_round_trip)
{
    char *out = export("csv");
    cr_assert_eq(strncmp(out, "id,date,source,target,code,root,quad,goldstein,", 47), 0);
    cr_assert_eq(count_lines(out), 12);
    /* the paper-b sentence with quotes is CSV-quoted in the first mention?  no: the first
     * mention is wire-a's; quoting is checked on a field with a comma */
    cr_assert(strstr(out, "\"The Kremlin denounced the remarks as interference and accused "
                          "Washington of stoking tension.\"") == NULL);
    cr_assert(strstr(out, ",\"Russian forces struck a fuel depot near Lviv in western Ukraine "
                          "overnight, the regional governor said.\""));
    free(out);
    out = export("jsonl");
    int n = 0;
    char *save = NULL;
    for (char *line = strtok_r(out, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        json_t *o = json_loads(line, 0, NULL);
        cr_assert_not_null(o);
        cr_assert(json_is_string(json_object_get(o, "code")));
        cr_assert(json_is_integer(json_object_get(o, "num_mentions")));
        json_decref(o);
        n++;
    }
    cr_assert_eq(n, 11);
    free(out);
    /* jsonl export is itself ingestible (the store's own format) */
    char *db2 = tt_tmpfile(".db", "", 0);
    char *js = tt_tmpfile(".jsonl", "", 0);
    unlink(db2);
    char cmd[700], *err = NULL;
    snprintf(cmd, sizeof cmd, "export --db %s --format jsonl -o %s", db_path, js);
    cr_assert_eq(tt_run(cmd, NULL, NULL, NULL), 0);
    snprintf(cmd, sizeof cmd, "ingest --db %s %s", db2, js);
    cr_assert_eq(tt_run(cmd, NULL, NULL, &err), 0);
    unlink(js);
    free(js);
    cr_assert(strstr(err, "11 new events"), "%s", err);
    free(err);
    unlink(db2);
    free(db2);
}

Test(export, filters_apply_and_bad_format_is_a_usage_error)
{
    char cmd[700], *out = NULL;
    snprintf(cmd, sizeof cmd, "export --db %s --format gdelt --dyad UKR,RUS", db_path);
    cr_assert_eq(tt_run(cmd, NULL, &out, NULL), 0);
    cr_assert_eq(count_lines(out), 2);
    free(out);
    snprintf(cmd, sizeof cmd, "export --db %s --format gdelt1", db_path);
    cr_assert_eq(tt_run(cmd, NULL, NULL, NULL), 2);
}
