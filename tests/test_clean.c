/* test_clean.c - scraped-text cleaner: tests as data (tests/clean/NAME.in ->
 * NAME.expected, optional NAME.dateline = place line + agency line), the
 * dateline lifter, body sentences that must be kept, and the CLI. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clean/scrape.h"
#include "core/doc.h"
#include "testutil.h"

static tc_doc *doc_of(const char *text)
{
    tc_doc *d = tc_doc_new();
    cr_assert_not_null(d);
    d->id = tc_doc_str(d, "t");
    cr_assert_eq(tc_doc_set_text(d, text, strlen(text)), TC_OK);
    return d;
}

/* Strip one trailing newline set for comparisons of small strings. */
static char *chomp(char *s)
{
    size_t n = strlen(s);
    while (n && s[n - 1] == '\n') s[--n] = 0;
    return s;
}

Test(clean_data, every_case_in_tests_clean)
{
    DIR *dir = opendir("tests/clean");
    cr_assert_not_null(dir, "tests/clean missing (tests run from the repo root)");
    struct dirent *e;
    int ncases = 0;
    while ((e = readdir(dir)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n < 4 || strcmp(e->d_name + n - 3, ".in") != 0) continue;
        char base[512], path[600];
        snprintf(base, sizeof base, "tests/clean/%.*s", (int)(n - 3), e->d_name);
        snprintf(path, sizeof path, "%s.in", base);
        char *in = tt_slurp(path, NULL);
        cr_assert_not_null(in, "%s", path);
        snprintf(path, sizeof path, "%s.expected", base);
        char *exp = tt_slurp(path, NULL);
        cr_assert_not_null(exp, "%s: missing .expected", base);

        tc_doc *d = doc_of(in);
        tc_clean_report rep;
        cr_assert_eq(tc_clean_doc(d, NULL, &rep), TC_OK);
        cr_assert_str_eq(d->text, exp, "%s: cleaned text differs\n--- got:\n%s\n--- expected:\n%s",
                         base, d->text, exp);
        cr_assert_str_eq(d->raw, in, "%s: raw text must be kept", base);

        snprintf(path, sizeof path, "%s.dateline", base);
        char *dl = tt_slurp(path, NULL);
        if (dl) {
            char *nl = strchr(dl, '\n');
            char *agency = nl ? nl + 1 : (char *)"";
            if (nl) *nl = 0;
            chomp(agency);
            cr_assert(rep.dateline, "%s: no dateline lifted", base);
            cr_assert_str_eq(d->dateline_place ? d->dateline_place : "", dl, "%s: place", base);
            cr_assert_str_eq(d->dateline_agency ? d->dateline_agency : "", agency, "%s: agency",
                             base);
            free(dl);
        } else {
            cr_assert_not(rep.dateline, "%s: unexpected dateline '%s'", base,
                          d->dateline_place ? d->dateline_place : "");
        }
        /* every drop has a known rule and points into the raw text */
        for (uint32_t i = 0; i < rep.ndrops; i++) {
            int known = 0;
            for (const char *const *r = tc_clean_rule_names; *r; r++)
                if (!strcmp(*r, rep.drops[i].rule)) known = 1;
            cr_assert(known, "%s: unknown rule %s", base, rep.drops[i].rule);
            cr_assert(rep.drops[i].text >= d->raw && rep.drops[i].text < d->raw + d->raw_len);
            cr_assert(rep.drops[i].line >= 1);
        }
        tc_doc_free(&d);
        free(in);
        free(exp);
        ncases++;
    }
    closedir(dir);
    cr_assert_geq(ncases, 6, "only %d cases found", ncases);
}

/* ---- dateline lifter ---- */

typedef struct dl_case {
    const char *text, *place, *agency;
    int month, day;
    const char *rest; /* the body text after the dateline */
} dl_case;

Test(clean_dateline, shapes)
{
    static const dl_case cases[] = {
        {"KYIV, Ukraine (AP) - Troops moved.", "KYIV, Ukraine", "AP", 0, 0, "Troops moved."},
        {"MOSCOW, Feb 12 (Reuters) - The bank said.", "MOSCOW", "Reuters", 2, 12, "The bank said."},
        {"WASHINGTON \xe2\x80\x94 The Senate voted.", "WASHINGTON", NULL, 0, 0, "The Senate voted."},
        {"LONDON, March 3 (AFP) -- Talks resumed.", "LONDON", "AFP", 3, 3, "Talks resumed."},
        {"UNITED NATIONS (AP) \xe2\x80\x94 The council met.", "UNITED NATIONS", "AP", 0, 0,
         "The council met."},
        {"BEIJING, Jan. 5 (Xinhua) -- China said.", "BEIJING", "Xinhua", 1, 5, "China said."},
        {"(Reuters) - Oil prices rose.", NULL, "Reuters", 0, 0, "Oil prices rose."},
        {"SAN SALVADOR, Feb 26 - Showers continued.", "SAN SALVADOR", NULL, 2, 26,
         "Showers continued."},
        {"S\xc3\x83O PAULO, Brazil (AP) \xe2\x80\x94 Voters queued.", "S\xc3\x83O PAULO, Brazil",
         "AP", 0, 0, "Voters queued."},
        {"Kyiv, March 3 (AFP) - Sirens sounded.", "Kyiv", "AFP", 3, 3, "Sirens sounded."},
        {"NEW YORK, Sept. 9, 2024 (Bloomberg) -- Stocks fell.", "NEW YORK", "Bloomberg", 9, 9,
         "Stocks fell."},
        {"BERLIN, 12 May (dpa) \xe2\x80\x93 Der Streik endet.", "BERLIN", "dpa", 5, 12,
         "Der Streik endet."},
        {"ST. PETERSBURG, Fla. (AP) \xe2\x80\x94 A storm hit.", "ST. PETERSBURG, Fla.", "AP", 0, 0,
         "A storm hit."},
        {"WASHINGTON\xe2\x80\x94President Smith spoke.", "WASHINGTON", NULL, 0, 0,
         "President Smith spoke."},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const dl_case *c = &cases[i];
        tc_clean_dateline dl;
        size_t k = tc_clean_dateline_parse(c->text, strlen(c->text), &dl);
        cr_assert_gt(k, 0, "not a dateline: %s", c->text);
        cr_assert_str_eq(c->text + k, c->rest, "%s", c->text);
        if (c->place) {
            cr_assert_not_null(dl.place, "%s", c->text);
            cr_assert_eq(dl.place_len, strlen(c->place), "%s: place len %zu", c->text, dl.place_len);
            cr_assert(!strncmp(dl.place, c->place, dl.place_len), "%s", c->text);
        } else {
            cr_assert_null(dl.place, "%s", c->text);
        }
        if (c->agency) {
            cr_assert_not_null(dl.agency, "%s", c->text);
            cr_assert_eq(dl.agency_len, strlen(c->agency), "%s", c->text);
            cr_assert(!strncmp(dl.agency, c->agency, dl.agency_len), "%s", c->text);
        } else {
            cr_assert_null(dl.agency, "%s", c->text);
        }
        cr_assert_eq(dl.month, c->month, "%s", c->text);
        cr_assert_eq(dl.day, c->day, "%s", c->text);
    }
}

Test(clean_dateline, not_datelines)
{
    static const char *const no[] = {
        "WASHINGTON is a city of monuments and museums.",
        "NATO - the military alliance - said it would respond.",
        "US officials \xe2\x80\x94 who spoke on condition of anonymity \xe2\x80\x94 said so.",
        "The talks in Geneva - the first in years - ended.",
        "KYIV-based analysts expect more strikes.",
        "BREAKING \xe2\x80\x94 Parliament dissolved.",
        "Mr. Smith (AP) said nothing.",
        "2024 - A year of elections.",
        "UN \xe2\x80\x94 Talks.",
        "WASHINGTON",
        "",
    };
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        cr_assert_eq(tc_clean_dateline_parse(no[i], strlen(no[i]), NULL), 0, "taken as dateline: %s",
                     no[i]);
}

Test(clean_dateline, lifted_into_doc_with_date)
{
    tc_doc *d = doc_of("Border reopens after talks\n\nMOSCOW, Feb 12 (Reuters) - The border between "
                       "the two countries reopened on Monday after talks.\n");
    d->date = tc_doc_str(d, "2022-02-13");
    tc_clean_report rep;
    cr_assert_eq(tc_clean_doc(d, NULL, &rep), TC_OK);
    cr_assert(rep.dateline);
    cr_assert_str_eq(d->dateline_place, "MOSCOW");
    cr_assert_str_eq(d->dateline_agency, "Reuters");
    cr_assert_str_eq(tc_doc_meta_get(d, "dateline_date"), "2022-02-12");
    cr_assert_str_eq(d->title, "Border reopens after talks");
    cr_assert_str_eq(tc_doc_meta_get(d, "headline"), "1");
    cr_assert_str_eq(d->text, "Border reopens after talks\n\nThe border between the two countries "
                              "reopened on Monday after talks.\n");
    tc_doc_free(&d);
}

Test(clean_dateline, no_year_invented_and_existing_fields_kept)
{
    tc_doc *d = doc_of("LONDON, March 3 (AFP) -- Ministers met on Friday to discuss the plan.\n");
    d->dateline_place = tc_doc_str(d, "LONDON, UK");
    tc_clean_report rep;
    cr_assert_eq(tc_clean_doc(d, NULL, &rep), TC_OK);
    cr_assert(rep.dateline);
    cr_assert_str_eq(d->dateline_place, "LONDON, UK");
    cr_assert_str_eq(d->dateline_agency, "AFP");
    cr_assert_null(tc_doc_meta_get(d, "dateline_date"));
    cr_assert_str_eq(d->text, "Ministers met on Friday to discuss the plan.\n");
    tc_doc_free(&d);
}

Test(clean_dateline, option_keeps_it)
{
    tc_doc *d = doc_of("LONDON (AFP) - Ministers met on Friday to discuss the plan.\n");
    tc_clean_opts o = {TC_CLEAN_NO_DATELINE, NULL, NULL};
    cr_assert_eq(tc_clean_doc(d, &o, NULL), TC_OK);
    cr_assert_str_eq(d->text, "LONDON (AFP) - Ministers met on Friday to discuss the plan.\n");
    cr_assert_null(d->dateline_place);
    tc_doc_free(&d);
}

/* ---- the body is kept ---- */

static void assert_kept(const char *text)
{
    tc_doc *d = doc_of(text);
    tc_clean_report rep;
    cr_assert_eq(tc_clean_doc(d, NULL, &rep), TC_OK);
    for (uint32_t i = 0; i < rep.ndrops; i++)
        cr_assert_fail("dropped [%s] '%.*s' from:\n%s", rep.drops[i].rule, (int)rep.drops[i].len,
                       rep.drops[i].text, text);
    tc_doc_free(&d);
}

Test(clean_body, short_quotes_one_sentence_paragraphs_unpunctuated_lines)
{
    assert_kept("The minister arrived in the capital late on Tuesday for two days of talks.\n\n"
                "\"No.\"\n\n"
                "That was all he would say to reporters waiting at the airport.\n\n"
                "\xe2\x80\x9cWe are ready.\xe2\x80\x9d\n\n"
                "He left.\n\n"
                "Security concerns\n\n"
                "Officials said the visit had been planned for weeks but kept quiet\n\n"
                "By Friday, both sides hoped to sign a first agreement on trade.\n\n"
                "Share prices rose on the news, traders said.\n\n"
                "Photographers waited outside the building all afternoon.\n\n"
                "Related talks on energy will follow in May, officials said.\n\n"
                "Comments by the president drew criticism from the opposition.\n\n"
                "The newspaper said it had lost many subscribers over the year.\n\n"
                "\"Subscribe to the party line or leave,\" one critic said of the rules.\n\n"
                "Watch officials said the talks would go on.\n\n"
                "Reporting by the state broadcaster suggested the count was slow.\n\n"
                "Getty Images said it had licensed the photos to the museum.\n\n"
                "Follow the money, investigators said.\n\n"
                "Sources said the deal was close.\n\n"
                "Photo opportunities were limited, aides said.\n\n"
                "More than 100 people were hurt.\n\n"
                "Search teams found the wreckage on Sunday.\n\n"
                "Listen, he said, this is not over.\n\n"
                "Tags were attached to the cattle at the border.\n\n"
                "Copyright law was changed in 2019.\n\n"
                "By 2030, the country plans to cut emissions by half.\n\n"
                "Editing by hand is slow, the clerk said.\n\n"
                "Advertisement revenue fell sharply in the quarter\n\n"
                "It is likely to take several months.\n");
}

Test(clean_body, plain_article_untouched)
{
    const char *t = "Parliament approves budget after long debate\n\n"
                    "Lawmakers approved the budget on Thursday by 210 votes to 180 after a debate "
                    "that lasted through the night.\n\n"
                    "The opposition said the plan would hurt pensioners.\n";
    tc_doc *d = doc_of(t);
    tc_clean_report rep;
    cr_assert_eq(tc_clean_doc(d, NULL, &rep), TC_OK);
    cr_assert_str_eq(d->text, t);
    cr_assert_eq(rep.ndrops, 0);
    cr_assert_eq(rep.nkept, 3);
    cr_assert(rep.headline);
    tc_doc_free(&d);
}

Test(clean_body, empty_and_junk_only)
{
    tc_doc *d = doc_of("");
    cr_assert_eq(tc_clean_doc(d, NULL, NULL), TC_OK);
    cr_assert_str_eq(d->text, "");
    tc_doc_free(&d);
    d = doc_of("Share this:\n\nAdvertisement\n\n[ad_1]\n");
    tc_clean_report rep;
    cr_assert_eq(tc_clean_doc(d, NULL, &rep), TC_OK);
    cr_assert_str_eq(d->text, "");
    cr_assert_eq(rep.ndrops, 3);
    tc_doc_free(&d);
    cr_assert_eq(tc_clean_doc(NULL, NULL, NULL), TC_EINVAL);
}

static int ncb;
static void count_cb(void *ud, const tc_doc *doc, const tc_clean_drop *dr)
{
    (void)doc;
    cr_assert_str_eq((const char *)ud, "ud");
    cr_assert_not_null(dr->rule);
    ncb++;
}

Test(clean_body, callback_sees_every_drop)
{
    tc_doc *d = doc_of("Source link\n\nThe vote was held on Sunday in all regions of the country.\n\n"
                       "Leave a comment\n");
    tc_clean_opts o = {0, count_cb, (void *)"ud"};
    tc_clean_report rep;
    ncb = 0;
    cr_assert_eq(tc_clean_doc(d, &o, &rep), TC_OK);
    cr_assert_eq(ncb, 2);
    cr_assert_eq(rep.ndrops, 2);
    cr_assert_str_eq(rep.drops[0].rule, "source-link");
    cr_assert_eq(rep.drops[1].line, 5);
    tc_doc_free(&d);
}

/* ---- CLI ---- */

Test(clean_cli, prints_cleaned_text_and_explains)
{
    char *out = NULL, *err = NULL;
    int rc = tt_run("clean --explain -", "Share this:\n\nThe vote was held on Sunday in all "
                                         "regions of the country.\n\nSource link\n",
                    &out, &err);
    cr_assert_eq(rc, 0, "stderr: %s", err);
    cr_assert_str_eq(out, "The vote was held on Sunday in all regions of the country.\n");
    cr_assert_not_null(strstr(err, ":1 share-widget: Share this:"), "%s", err);
    cr_assert_not_null(strstr(err, ":5 source-link: Source link"), "%s", err);
    cr_assert_not_null(strstr(err, " read"), "%s", err);
    cr_assert_not_null(strstr(err, "1 cleaned"), "%s", err);
    free(out);
    free(err);
}

Test(clean_cli, several_documents_get_headers_and_json)
{
    char *a = tt_tmpfile(".txt", "Advertisement\n\nFirst story text is here today.\n", 48);
    char *b = tt_tmpfile(".txt", "Second story text is here today.\n", 33);
    char args[1400];
    snprintf(args, sizeof args, "clean %s %s", a, b);
    char *out = NULL, *err = NULL;
    cr_assert_eq(tt_run(args, NULL, &out, &err), 0, "%s", err);
    cr_assert_not_null(strstr(out, "# doc: "), "%s", out);
    cr_assert_not_null(strstr(out, "First story text is here today.\n\n# doc: "), "%s", out);
    cr_assert_null(strstr(out, "Advertisement"));
    free(out);
    free(err);
    snprintf(args, sizeof args, "clean --json %s", a);
    cr_assert_eq(tt_run(args, NULL, &out, &err), 0, "%s", err);
    cr_assert_not_null(strstr(out, "\"text\":\"First story text is here today.\\n\"}"), "%s", out);
    cr_assert_null(strstr(out, "# doc"));
    free(out);
    free(err);
    remove(a);
    remove(b);
    free(a);
    free(b);
}

Test(clean_cli, options_after_files_and_no_dateline)
{
    char *out = NULL, *err = NULL;
    cr_assert_eq(tt_run("clean - --no-dateline -q", "LONDON (AFP) - Ministers met on Friday to "
                                                    "discuss the plan.\n",
                        &out, &err),
                 0, "%s", err);
    cr_assert_str_eq(out, "LONDON (AFP) - Ministers met on Friday to discuss the plan.\n");
    cr_assert_str_eq(err, "");
    free(out);
    free(err);
}

Test(clean_cli, timing_in_summary)
{
    char *err = NULL;
    cr_assert_eq(tt_run("clean --timing -", "The vote was held on Sunday in all regions.\n", NULL, &err),
                 0);
    cr_assert_not_null(strstr(err, "cleaner: "), "%s", err);
    cr_assert_not_null(strstr(err, "MB/s"), "%s", err);
    free(err);
}

Test(clean_cli, usage_errors)
{
    char *err = NULL;
    cr_assert_eq(tt_run("clean --no-such-option -", "", NULL, &err), 2);
    free(err);
    cr_assert_eq(tt_run("clean --input-format nonsense -", "", NULL, NULL), 2);
    cr_assert_eq(tt_run("clean --text-field", "", NULL, NULL), 2);
}

/* ---- robustness ---- */

Test(clean_robust, garbage_long_lines_crlf)
{
    /* pseudo-random bytes (all values but NUL), many short lines, one long line */
    unsigned x = 12345u;
    size_t n = 200000;
    char *buf = malloc(n + 1);
    cr_assert_not_null(buf);
    for (size_t i = 0; i < n; i++) {
        x = x * 1103515245u + 12345u;
        unsigned c = (x >> 16) & 0xFF;
        if (c == 0) c = '\n';
        if (i % 97 == 0) c = '\n';
        buf[i] = (char)c;
    }
    buf[n] = 0;
    tc_doc *d = doc_of(buf);
    tc_clean_report rep;
    cr_assert_eq(tc_clean_doc(d, NULL, &rep), TC_OK);
    cr_assert_leq(d->text_len, 2 * n + 2); /* paragraphs get a blank line between them */
    tc_doc_free(&d);

    memset(buf, 'a', n);
    for (size_t i = 1000; i < n; i += 7) buf[i] = ' ';
    buf[n - 1] = '.';
    d = doc_of(buf);
    cr_assert_eq(tc_clean_doc(d, NULL, &rep), TC_OK);
    cr_assert_eq(rep.ndrops, 0);
    cr_assert_eq(d->text_len, n + 1); /* one paragraph + newline */
    tc_doc_free(&d);
    free(buf);

    d = doc_of("Share this:\r\n\r\nThe talks ended on Friday without a deal, officials said.\r\n\r\n"
               "Source link\r\n");
    cr_assert_eq(tc_clean_doc(d, NULL, &rep), TC_OK);
    cr_assert_str_eq(d->text, "The talks ended on Friday without a deal, officials said.\n");
    tc_doc_free(&d);

    static const char *const odd[] = {"\n\n\n", "   \n\t\n", "-", "[", "(", "\xe2\x80\x94",
                                      "KYIV, Ukraine (AP) -", "(Reuters) -", "REUTER", "\xc3"};
    for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++) {
        d = doc_of(odd[i]);
        cr_assert_eq(tc_clean_doc(d, NULL, NULL), TC_OK, "%s", odd[i]);
        tc_doc_free(&d);
    }
}

Test(clean_robust, hard_wrapped_text_is_unwrapped)
{
    tc_doc *d = doc_of("The ministry said exports of grain rose sharply in the\n"
                       "first quarter of the year, helped by a good harvest and\n"
                       "lower freight costs.\n"
                       "    Officials expect the trend to continue into the summer\n"
                       "months, the ministry added.\n");
    tc_clean_report rep;
    cr_assert_eq(tc_clean_doc(d, NULL, &rep), TC_OK);
    cr_assert(rep.wrapped);
    cr_assert_str_eq(d->text, "The ministry said exports of grain rose sharply in the first quarter "
                              "of the year, helped by a good harvest and lower freight costs.\n\n"
                              "Officials expect the trend to continue into the summer months, the "
                              "ministry added.\n");
    tc_doc_free(&d);
}
