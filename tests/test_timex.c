/* test_timex.c - temporal expressions resolved against a reference date. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "core/doc.h"
#include "nlp/timex.h"

/* a sentence from whitespace-separated words (no tags) */
static tc_sentence *mk(tc_doc *d, const char *text)
{
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", text);
    uint32_t n = 0;
    char *words[128];
    for (char *p = strtok(buf, " "); p && n < 128; p = strtok(NULL, " ")) words[n++] = p;
    tc_sentence *s = tc_doc_add_sentence(d, 0, 0, n);
    for (uint32_t i = 0; i < n; i++) s->tok[i].form = tc_doc_str(d, words[i]);
    return s;
}

static void expect_one(const char *text, const char *ref, int y, int m, int dd)
{
    tc_doc *d = tc_doc_new();
    tc_sentence *s = mk(d, text);
    tc_timex tx[8];
    int n = tc_timex_find(s, tc_timex_ymd(ref), tx, 8);
    cr_assert_geq(n, 1, "no expression found in '%s'", text);
    cr_expect_eq(tx[0].year, y, "%s: year %d", text, tx[0].year);
    cr_expect_eq(tx[0].month, m, "%s: month %d", text, tx[0].month);
    cr_expect_eq(tx[0].day, dd, "%s: day %d", text, tx[0].day);
    tc_doc_free(&d);
}

/* 2022-03-27 was a Sunday */
Test(timex, weekdays_point_back_in_reports)
{
    expect_one("The minister said on Sunday that talks would resume", "2022-03-27", 2022, 3, 27);
    expect_one("Biden on Saturday condemned the invasion", "2022-03-27", 2022, 3, 26);
    expect_one("The envoy arrived on Monday", "2022-03-27", 2022, 3, 21);
    expect_one("They met last Sunday", "2022-03-27", 2022, 3, 20);
}

Test(timex, weekdays_point_forward_in_plans)
{
    expect_one("The ministers will meet on Thursday in Geneva", "2022-03-27", 2022, 3, 31);
    expect_one("Talks are set to resume on Friday", "2022-03-27", 2022, 4, 1);
    expect_one("A vote is planned for next Sunday", "2022-03-27", 2022, 4, 3);
}

Test(timex, deictic_and_relative)
{
    expect_one("Troops withdrew yesterday", "2022-03-01", 2022, 2, 28);
    expect_one("Shelling continued last night", "2024-01-01", 2023, 12, 31);
    expect_one("The summit opens tomorrow", "2022-12-31", 2023, 1, 1);
    expect_one("Officials met three days ago", "2022-03-02", 2022, 2, 27);
    expect_one("Protests spread last week", "2022-03-10", 2022, 3, 3);
    expect_one("The deal was reached last month", "2022-01-15", 2021, 12, 1);
}

Test(timex, calendar_dates)
{
    expect_one("The treaty was signed on March 3 , 2021 in Paris", "2022-06-01", 2021, 3, 3);
    expect_one("Fighting resumed on 12 February", "2022-03-01", 2022, 2, 12);
    expect_one("The ceasefire of Dec. 30 collapsed", "2022-01-05", 2021, 12, 30);
    expect_one("Elections were held in 2019", "2022-01-05", 2019, 1, 1);
}

Test(timex, not_dates)
{
    tc_doc *d = tc_doc_new();
    tc_sentence *s = mk(d, "Officials may march to the capital and mark Sundays");
    tc_timex tx[4];
    cr_expect_eq(tc_timex_find(s, tc_timex_ymd("2022-03-27"), tx, 4), 0);
    tc_doc_free(&d);
}

Test(timex, unknown_reference_keeps_only_absolute)
{
    tc_doc *d = tc_doc_new();
    tc_sentence *s = mk(d, "On Sunday the accord of March 3 , 2021 was recalled");
    tc_timex tx[4];
    tc_ymd none = {0, 0, 0};
    int n = tc_timex_find(s, none, tx, 4);
    cr_assert_eq(n, 1);
    cr_expect_eq(tx[0].year, 2021);
    tc_doc_free(&d);
}

Test(timex, verb_attachment)
{
    tc_doc *d = tc_doc_new();
    /* Biden(1) on(2) Saturday(3) condemned(4) Putin(5) , (6) who(7) spoke(8) Sunday(9) */
    tc_sentence *s = mk(d, "Biden on Saturday condemned Putin , who spoke Sunday");
    int heads[] = {4, 3, 4, 0, 4, 5, 8, 5, 8};
    const char *rel[] = {"nsubj", "case", "obl", "root", "obj", "punct", "nsubj", "acl:relcl", "obl:tmod"};
    const char *upos[] = {"PROPN", "ADP", "PROPN", "VERB", "PROPN", "PUNCT", "PRON", "VERB", "PROPN"};
    for (int i = 0; i < 9; i++) {
        s->tok[i].head = heads[i];
        s->tok[i].deprel = rel[i];
        s->tok[i].upos = upos[i];
    }
    tc_timex tx[4];
    int n = tc_timex_find(s, tc_timex_ymd("2022-03-27"), tx, 4);
    cr_assert_eq(n, 2);
    int a = tc_timex_for_verb(s, tx, n, 3);
    int b = tc_timex_for_verb(s, tx, n, 7);
    cr_assert_eq(a, 0);
    cr_assert_eq(tx[a].day, 26);
    cr_assert_eq(b, 1);
    cr_assert_eq(tx[b].day, 27);
    tc_doc_free(&d);
}

Test(timex, report_date_before_the_future_marker)
{
    /* the report's day comes before "will": it points back; the plan's day after it forward */
    expect_one("The chancellor said on Monday he will travel to Rome", "2022-03-27", 2022, 3, 21);
    tc_doc *d = tc_doc_new();
    tc_sentence *s = mk(d, "The chancellor said on Monday he will travel to Rome on Friday");
    tc_timex tx[4];
    int n = tc_timex_find(s, tc_timex_ymd("2022-03-27"), tx, 4);
    cr_assert_eq(n, 2);
    cr_expect_eq(tx[0].day, 21);
    cr_expect_eq(tx[1].month, 4);
    cr_expect_eq(tx[1].day, 1);
    tc_doc_free(&d);
}

Test(timex, simultaneous_clause_dates_the_main_verb)
{
    tc_doc *d = tc_doc_new();
    /* As(1) Macron(2) spoke(3) on(4) Friday(5) Russia(6) shelled(7) Kharkiv(8) */
    tc_sentence *s = mk(d, "As Macron spoke on Friday Russia shelled Kharkiv");
    int heads[] = {3, 3, 7, 5, 3, 7, 0, 7};
    const char *rel[] = {"mark", "nsubj", "advcl", "case", "obl", "nsubj", "root", "obj"};
    const char *upos[] = {"SCONJ", "PROPN", "VERB", "ADP", "PROPN", "PROPN", "VERB", "PROPN"};
    for (int i = 0; i < 8; i++) {
        s->tok[i].head = heads[i];
        s->tok[i].deprel = rel[i];
        s->tok[i].upos = upos[i];
    }
    tc_timex tx[4];
    int n = tc_timex_find(s, tc_timex_ymd("2022-03-27"), tx, 4);
    cr_assert_eq(n, 1);
    int a = tc_timex_for_verb(s, tx, n, 6);
    cr_assert_eq(a, 0, "the as-clause's Friday does not date 'shelled'");
    cr_expect_eq(tx[a].day, 25);
    /* an after-clause is another time */
    s->tok[0].form = tc_doc_str(d, "After");
    cr_expect_eq(tc_timex_for_verb(s, tx, n, 6), -1);
    tc_doc_free(&d);
}

Test(timex, first_date_in_text)
{
    const char *t = "Posted by staff. KYIV -- On March 3, 2022 the council met; 2021-01-05 was earlier.";
    tc_ymd y = tc_timex_first_date(t, strlen(t));
    cr_assert_eq(y.year, 2022);
    cr_assert_eq(y.month, 3);
    cr_assert_eq(y.day, 3);
    const char *u = "No dates at all, only 12 numbers and 2000 words.";
    cr_assert_eq(tc_timex_first_date(u, strlen(u)).year, 0);
    tc_ymd z = tc_timex_add_days(tc_timex_ymd("2024-02-28"), 1);
    cr_assert_eq(z.month, 2);
    cr_assert_eq(z.day, 29);
}
