/* test_pipeline.c - the coding pipeline over given parses, with the default
 * dictionaries: dyads, codes, dates, output formats. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dict/dict.h"
#include "nlp/conllu.h"
#include "pipeline/defaults.h"
#include "pipeline/evout.h"
#include "pipeline/pipeline.h"
#include "testutil.h"

static tc_dict *defaults(void)
{
    tc_dict *d = NULL;
    cr_assert_eq(tc_dict_new(&d), TC_OK);
    cr_assert_eq(tc_pipe_load_defaults(d, NULL), TC_OK);
    return d;
}

static tc_doc *given(const char *date)
{
    size_t len;
    char *txt = tt_slurp("tests/data/pipeline/given.conllu", &len);
    cr_assert_not_null(txt);
    tc_doc *doc = NULL;
    cr_assert_eq(tc_conllu_parse(txt, len, "given.conllu", &doc, NULL), TC_OK);
    free(txt);
    doc->id = tc_doc_str(doc, "given");
    if (date) doc->date = tc_doc_str(doc, date);
    return doc;
}

static const tc_pipe_event *find(const tc_pipe_result *r, const char *src, const char *tgt,
                                 const char *code)
{
    for (uint32_t i = 0; i < r->nevents; i++) {
        const tc_event *e = r->events[i].ev;
        if (!strcmp(e->source, src) && !strcmp(e->target, tgt) && !strncmp(e->code, code, strlen(code)))
            return &r->events[i];
    }
    return NULL;
}

/* A pipeline over the default dictionary reading given parses, with a fresh workspace. */
static tc_dict *given_pipe(tc_pipe *p, tc_pipe_ws **ws)
{
    tc_dict *d = defaults();
    memset(p, 0, sizeof *p);
    tc_pipe_opts_default(&p->opts);
    p->opts.given_parse = 1;
    p->dict = d;
    *ws = NULL;
    cr_assert_eq(tc_pipe_ws_new(ws), TC_OK);
    return d;
}

Test(pipeline, given_parse_dyads_and_dates)
{
    tc_pipe p;
    tc_pipe_ws *ws;
    tc_dict *d = given_pipe(&p, &ws);
    tc_doc *doc = given("2022-03-29"); /* a Tuesday */
    tc_pipe_result r;
    cr_assert_eq(tc_pipe_doc(&p, ws, doc, &r, NULL), TC_OK);
    cr_assert_str_eq(r.doc_date, "2022-03-29");
    const tc_pipe_event *a = find(&r, "RUSMIL", "UKRMIL", "19");
    cr_assert_not_null(a, "Russian troops attacked Ukrainian forces: no RUSMIL->UKRMIL 19x event");
    cr_expect_str_eq(a->date, "2022-03-27", "on Sunday resolves to 2022-03-27, got %s", a->date);
    cr_expect(a->date_from_text);
    const tc_pipe_event *m = find(&r, "USAGOV", "RUSGOV", "04");
    cr_assert_not_null(m, "Blinken met Lavrov: no USAGOV->RUSGOV 04x event");
    cr_expect_str_eq(m->date, "2022-03-29");

    /* JSONL carries the fields of docs/events.md */
    tc_buf b = TC_BUF_INIT;
    unsigned long c = 0;
    cr_assert_eq(tc_evout_doc_buf(&b, TC_EVOUT_JSONL, doc, &r, &c), TC_OK);
    const char *keys[] = {"\"doc\":\"given\"", "\"sent\":0", "\"date\":\"2022-03-27\"",
                          "\"source\":\"RUSMIL\"", "\"quad\":4", "\"goldstein\":",
                          "\"plover\":{\"type\":", "\"offsets\":{", "\"pattern\":", NULL};
    for (int i = 0; keys[i]; i++) cr_expect(strstr(b.data, keys[i]) != NULL, "missing %s in %s", keys[i], b.data);
    tc_buf_free(&b);

    /* TSV: header + one line per event with 17 columns */
    cr_assert_eq(tc_evout_doc_buf(&b, TC_EVOUT_TSV, doc, &r, &c), TC_OK);
    int tabs = 0;
    for (const char *q = b.data; *q && *q != '\n'; q++) tabs += *q == '\t';
    cr_expect_eq(tabs, 16);
    tc_buf_free(&b);
    /* Phoenix: 26 columns */
    cr_assert_eq(tc_evout_doc_buf(&b, TC_EVOUT_PHOENIX, doc, &r, &c), TC_OK);
    tabs = 0;
    for (const char *q = b.data; *q && *q != '\n'; q++) tabs += *q == '\t';
    cr_expect_eq(tabs, 25);
    const char *want = "1_tacitus\t20220327\t2022\t3\t27\tRUSMIL\tRUS\tMIL\t\tUKRMIL\tUKR\tMIL\t\t190\t19\t4\t";
    cr_expect(strncmp(b.data, want, strlen(want)) == 0, "%s", b.data);
    tc_buf_free(&b);

    tc_doc_free(&doc);
    tc_pipe_ws_free(&ws);
    tc_dict_free(&d);
}

Test(pipeline, undated_documents_keep_absolute_dates_only)
{
    tc_pipe p;
    tc_pipe_ws *ws;
    tc_dict *d = given_pipe(&p, &ws);
    tc_doc *doc = given(NULL);
    tc_pipe_result r;
    cr_assert_eq(tc_pipe_doc(&p, ws, doc, &r, NULL), TC_OK);
    cr_assert_str_eq(r.doc_date, "");
    for (uint32_t i = 0; i < r.nevents; i++) cr_expect_str_eq(r.events[i].date, "");
    /* with a default date the relative date resolves */
    tc_doc_free(&doc);
    doc = given(NULL);
    p.opts.default_date = "2022-03-29";
    cr_assert_eq(tc_pipe_doc(&p, ws, doc, &r, NULL), TC_OK);
    cr_assert_str_eq(r.doc_date_source, "default");
    tc_doc_free(&doc);
    tc_pipe_ws_free(&ws);
    tc_dict_free(&d);
}

Test(pipeline, story_level_roles_resolve_to_named_people)
{
    tc_pipe p;
    tc_pipe_ws *ws;
    tc_dict *d = given_pipe(&p, &ws);
    size_t len;
    char *txt = tt_slurp("tests/data/pipeline/coref.conllu", &len);
    tc_doc *doc = NULL;
    cr_assert_eq(tc_conllu_parse(txt, len, "coref", &doc, NULL), TC_OK);
    free(txt);
    doc->id = "coref";
    doc->date = "2022-02-12";
    tc_pipe_result r;
    cr_assert_eq(tc_pipe_doc(&p, ws, doc, &r, NULL), TC_OK);
    /* "The president warned his counterpart": Biden (subject of the last sentence
     * naming a president) warned Putin (the other country's leader) */
    cr_expect_not_null(find(&r, "USAGOV", "RUSGOV", "04"));
    cr_expect_not_null(find(&r, "USAGOV", "RUSGOV", "13"), "no USAGOV->RUSGOV threat from the roles");
    /* "He accused Moscow": he = the subject of the previous sentence */
    cr_expect_not_null(find(&r, "USAGOV", "RUS", "112"), "pronoun not resolved across sentences");
    tc_doc_free(&doc);
    tc_pipe_ws_free(&ws);
    tc_dict_free(&d);
}

/* News mode over our own sentences (tests/data/pipeline/news.conllu, parses as the
 * trained models produce them, mis-tags included), document date Wednesday 2022-02-16. */
static struct {
    tc_pipe p;
    tc_pipe_ws *ws;
    tc_dict *d;
    tc_doc *doc;
    tc_pipe_result r;
} news;

static void news_init(void)
{
    news.d = given_pipe(&news.p, &news.ws);
    size_t len;
    char *txt = tt_slurp("tests/data/pipeline/news.conllu", &len);
    cr_assert_not_null(txt);
    cr_assert_eq(tc_conllu_parse(txt, len, "news", &news.doc, NULL), TC_OK);
    free(txt);
    news.doc->id = "news";
    news.doc->date = "2022-02-16";
    cr_assert_eq(tc_pipe_doc(&news.p, news.ws, news.doc, &news.r, NULL), TC_OK);
}

static void news_fini(void)
{
    tc_doc_free(&news.doc);
    tc_pipe_ws_free(&news.ws);
    tc_dict_free(&news.d);
}

static int n_in_sent(const tc_pipe_result *r, uint32_t sent)
{
    int n = 0;
    for (uint32_t i = 0; i < r->nevents; i++) n += r->events[i].ev->sent == sent;
    return n;
}

Test(pipeline, news_attacks_on_places_hit_the_place_country, .init = news_init, .fini = news_fini)
{
    tc_pipe_result r = news.r;
    /* "On Friday Russia carried out missile strikes on an oil terminal in Odesa", with
     * "strikes" tagged as a verb: the light verb's object, the terminal's city the target */
    const tc_pipe_event *a = find(&r, "RUS", "UKR", "195");
    cr_assert_not_null(a, "no RUS->UKR 195 from the missile strikes on a terminal in Odesa");
    cr_expect_str_eq(a->date, "2022-02-11");
    cr_expect_eq(a->ev->sent, 0);
    /* "Belarusian forces struck an ammunition depot near Kharkiv" */
    const tc_pipe_event *b = find(&r, "BLRMIL", "UKR", "19");
    cr_expect_not_null(b, "no BLRMIL->UKR attack on a depot near Kharkiv");
}

Test(pipeline, news_owners_are_not_places_or_earlier_people, .init = news_init, .fini = news_fini)
{
    tc_pipe_result r = news.r;
    /* "The EU agreed to send military officers to the region": plural officers are not the
     * Pentagon chief named before; "its embassy in Minsk", "the embassy in Tbilisi" are
     * Germany's and France's own missions; "provided Russia withdraws its troops" is a
     * condition, not aid, and its troops are Russia's */
    for (uint32_t i = 0; i < r.nevents; i++) {
        const tc_event *e = r.events[i].ev;
        cr_expect(e->sent < 3 || e->sent > 6, "false event in sentence %u: %s -> %s %s", e->sent, e->source,
                  e->target, e->code);
    }
    cr_expect_null(find(&r, "IGOEUREEC", "USAMIL", ""));
    cr_expect_null(find(&r, "DEU", "BLRGOV", ""));
    cr_expect_null(find(&r, "FRA", "GEOGOV", ""));
}

Test(pipeline, news_announced_acts_code_intent_dated_by_the_statement, .init = news_init, .fini = news_fini)
{
    tc_pipe_result r = news.r;
    /* "Scholz said on Monday he will meet Macron in Paris on Friday": intent to meet (036),
     * stated on Monday 2022-02-14 */
    const tc_pipe_event *m = find(&r, "DEUGOV", "FRAGOV", "036");
    cr_assert_not_null(m, "no DEUGOV->FRAGOV 036");
    cr_expect_str_eq(m->date, "2022-02-14");
    for (uint32_t i = 0; i < r.nevents; i++)
        cr_expect(r.events[i].ev->sent != 7 || strncmp(r.events[i].ev->code, "04", 2),
                  "an announced meeting coded as held");
    /* "The Russian president said he will attack Ukraine": a threat of force, not a claim */
    cr_expect_not_null(find(&r, "RUSGOV", "UKR", "138"));
    cr_expect_null(find(&r, "RUSGOV", "UKR", "015"));
    /* "Lavrov said he would raise the issue when he meets Blinken in Geneva on Friday" */
    const tc_pipe_event *w = find(&r, "RUSGOV", "USAGOV", "036");
    cr_assert_not_null(w, "when he meets: no RUSGOV->USAGOV 036");
    cr_expect_str_eq(w->date, "2022-02-16");
    cr_expect_null(find(&r, "RUSGOV", "USAGOV", "04"));
}

Test(pipeline, news_pronouns_and_unreal_acts, .init = news_init, .fini = news_fini)
{
    tc_pipe_result r = news.r;
    /* "Blinken urged European nations ... in what he called a crisis and reassured Ukraine's
     * president": "he" is Blinken, not the nations */
    cr_expect_not_null(find(&r, "USAGOV", "UKRGOV", "03"), "reassured: he = Blinken");
    cr_expect_null(find(&r, "EUR", "UKRGOV", ""), "he resolved to a group of nations");
    /* "accused NATO of failing to provide guarantees": nothing was provided */
    cr_expect_not_null(find(&r, "RUS", "IGOWSTNAT", "112"));
    cr_expect_null(find(&r, "IGOWSTNAT", "RUS", "07"));
    /* "Georgian troops have been fighting separatists backed by Moscow": not Russians */
    cr_expect_eq(n_in_sent(&r, 11), 0);
}

Test(pipeline, news_titles_event_nouns_and_object_pronouns, .init = news_init, .fini = news_fini)
{
    tc_pipe_result r = news.r;
    /* "After a call with Mr Scholz, Mr Macron blamed Russia ...", parsed with "a call" as
     * the subject: the call's party is not the accuser */
    cr_expect_not_null(find(&r, "FRAGOV", "RUS", "112"));
    cr_expect_null(find(&r, "DEUGOV", "RUS", ""));
    /* "Mr Scholz also spoke separately to Mr Macron and to Mr Biden": names headed by "Mr" */
    cr_expect_not_null(find(&r, "DEUGOV", "FRAGOV", "040"));
    cr_expect_not_null(find(&r, "DEUGOV", "USAGOV", "040"));
    /* "Blinken said he will talk with Lavrov on Monday and press him to release the
     * prisoners": "him" is Lavrov (not the subject Blinken); an announced appeal stays one */
    const tc_pipe_event *a = find(&r, "USAGOV", "RUSGOV", "025");
    cr_assert_not_null(a, "press him to release: no USAGOV->RUSGOV 025x");
    cr_expect_str_eq(a->date, "2022-02-16");
}

Test(pipeline, news_names_in_subjects_and_members_of_groups, .init = news_init, .fini = news_fini)
{
    tc_pipe_result r = news.r;
    /* "US secretary of state Antony Blinken and Chinese foreign minister Wang Yi are set to
     * meet on Friday in Rome", the second person parsed as a conjunct of the first's name */
    const tc_pipe_event *a = find(&r, "USAGOV", "CHNGOV", "036");
    cr_assert_not_null(a, "no USAGOV->CHNGOV 036");
    cr_expect_str_eq(a->date, "2022-02-16");
    cr_expect_not_null(find(&r, "CHNGOV", "USAGOV", "036"));
    /* "A delegation of Polish senators visited Kyiv": the senators' legislature */
    cr_expect_not_null(find(&r, "POLLEG", "UKR", "042"));
    cr_expect_null(find(&r, "POLLEGGOV", "UKR", ""));
    /* "On Friday Russia carried out ...": the day is no part of the source's text */
    const tc_pipe_event *s0 = find(&r, "RUS", "UKR", "195");
    cr_assert_not_null(s0);
    cr_expect_str_eq(s0->ev->source_text, "Russia");
}

Test(pipeline, news_unknown_names_resolve_by_the_same_name_earlier, .init = news_init, .fini = news_fini)
{
    tc_pipe_result r = news.r;
    /* "British foreign secretary Liz Truss met ..." ... "Russian foreign minister Sergei
     * Lavrov criticized the meeting." ... "Ms Truss said she had agreed with the Polish
     * foreign minister ...": she is Ms Truss, whom the story named before, not Lavrov */
    cr_expect_not_null(find(&r, "GBRGOV", "POLGOV", "0"), "Ms Truss ... she: no GBRGOV->POLGOV");
    cr_expect_null(find(&r, "RUSGOV", "POLGOV", ""), "she resolved to the last person named");
}

Test(pipeline, news_verbs_parsed_as_adjectives_and_split_titles, .init = news_init, .fini = news_fini)
{
    tc_pipe_result r = news.r;
    /* "Belarusian forces shelled Ukrainian positions near Chernihiv", parsed as a noun
     * phrase "positions" with "shelled" its adjective and "forces" its subject */
    cr_expect_not_null(find(&r, "BLRMIL", "UKR", "194"), "shelled parsed as an adjective: no event");
    /* "U.S. Undersecretary of State for Economic Affairs Jane Dorrit said she had urged
     * Japan ...", title and (unknown) name parsed as two subjects: she is the undersecretary */
    cr_expect_not_null(find(&r, "USAGOV", "JPN", "02"));
}

Test(pipeline, news_reported_would_is_an_announcement, .init = news_init, .fini = news_fini)
{
    tc_pipe_result r = news.r;
    /* "Poland said on Friday it would send humanitarian aid to Ukraine": intent to give
     * humanitarian aid, stated on Friday */
    const tc_pipe_event *a = find(&r, "POL", "UKR", "0333");
    cr_assert_not_null(a, "no POL->UKR 0333");
    cr_expect_str_eq(a->date, "2022-02-11");
    /* "Biden said Russia would invade Ukraine": a forecast, no event of Russia's */
    cr_expect_eq(n_in_sent(&r, 24), 0);
    /* "The Israeli prime minister acknowledged Palestinian leaders were busy ...": a
     * statement about them, not a claim of responsibility (015) */
    cr_expect_eq(n_in_sent(&r, 25), 0);
}

Test(pipeline, news_attackers_named_by_weapons_and_days_parsed_as_subjects, .init = news_init, .fini = news_fini)
{
    tc_pipe_result r = news.r;
    /* "On Monday Russia carried out missile strikes on a bridge in Kherson", parsed with
     * "Monday Russia" as the subject: Russia attacked on Monday 2022-02-14 */
    int found = 0;
    for (uint32_t i = 0; i < r.nevents; i++) {
        const tc_event *e = r.events[i].ev;
        if (e->sent != 26) continue;
        found = 1;
        cr_expect_str_eq(e->source, "RUS");
        cr_expect_str_eq(e->target, "UKR");
        cr_expect_str_eq(r.events[i].date, "2022-02-14");
        cr_expect_str_eq(e->source_text, "Russia");
    }
    cr_expect(found, "no event for the strikes on a bridge in Kherson");
    /* "Russian rockets hit a school near Sumy": the rockets' country attacks */
    found = 0;
    for (uint32_t i = 0; i < r.nevents; i++) {
        const tc_event *e = r.events[i].ev;
        if (e->sent == 27 && !strcmp(e->source, "RUS") && !strcmp(e->target, "UKR") && e->code[0] == '1') found = 1;
    }
    cr_expect(found, "no RUS -> UKR attack from Russian rockets");
    /* "Russian troops are to occupy Odesa": a plan, not an occupation */
    cr_expect_eq(n_in_sent(&r, 28), 0);
    /* "The Polish president is to visit Lithuania": an announced visit */
    cr_expect_not_null(find(&r, "POLGOV", "LTU", "036"));
    /* "Macron is due to visit Scholz in Berlin on Tuesday", the infinitive parsed as a
     * complement clause without a subject: Macron's, announced on the document's date */
    const tc_pipe_event *m = find(&r, "FRAGOV", "DEUGOV", "036");
    cr_assert_not_null(m, "due to visit: no FRAGOV -> DEUGOV 036");
    cr_expect_str_eq(m->date, "2022-02-16");
}

Test(pipeline, news_owners_of_rejected_and_condemned_things_are_targets, .init = news_init, .fini = news_fini)
{
    tc_pipe_result r = news.r;
    /* "Lithuania and its allies firmly rejected Moscow's demands during the talks", parsed
     * as the noun phrase "demands" with "rejected" an adjective */
    cr_expect_not_null(find(&r, "LTU", "RUS", "12"), "no LTU -> RUS rejection");
    /* "Poland condemned Belarus's decision to close the border" */
    cr_expect_not_null(find(&r, "POL", "BLR", "11"), "no POL -> BLR condemnation");
}

Test(pipeline, news_story_pronouns_after_unknown_and_short_names, .init = news_init, .fini = news_fini)
{
    tc_pipe_result r = news.r;
    /* "Mr Ostrander said the talks had failed." "He accused Hungary of blocking the deal.":
     * he is Mr Ostrander, whom no dictionary knows, not the last person it does know */
    cr_expect_eq(n_in_sent(&r, 33), 0, "he after an unknown Mr Ostrander resolved to someone else");
    /* "Ms Truss arrived in Vilnius on Monday." "She praised Lithuania for its support.":
     * Ms Truss is the Liz Truss named before */
    cr_expect_not_null(find(&r, "GBRGOV", "LTU", "051"), "she after Ms Truss: no GBRGOV -> LTU praise");
}

Test(pipeline, news_wishes_of_force_and_places_of_exercises, .init = news_init, .fini = news_fini)
{
    tc_pipe_result r = news.r;
    /* "Russia wants to attack Moldova": a stated wish to use force, a threat (138) */
    cr_expect_not_null(find(&r, "RUS", "MDA", "138"));
    /* "Belarus wants Russia to attack Lithuania": a wish about another's act, no event */
    cr_expect_eq(n_in_sent(&r, 38), 0);
    /* "Russia is conducting military exercises in Alaska": Alaska is the United States' */
    cr_expect_not_null(find(&r, "RUS", "USA", "150"));
}

Test(pipeline, news_charges_reports_and_split_phrases, .init = news_init, .fini = news_fini)
{
    tc_pipe_result r = news.r;
    /* "Belarus denied attacking a convoy near Kharkiv": no attack */
    cr_expect_eq(n_in_sent(&r, 50), 0);
    /* "Washington accused Beijing of supplying weapons to Russia": the charge, not a supply */
    cr_expect_not_null(find(&r, "USA", "CHN", "112"));
    cr_expect_null(find(&r, "CHN", "RUS", ""));
    /* "China's foreign ministry said it would impose sanctions on Lithuania", China and the
     * ministry parsed as two subjects: "it" is the one with a country */
    cr_expect_not_null(find(&r, "CHN", "LTU", "131"));
    /* "Israeli jets struck targets in Gaza on Tuesday, the army said" (struck parsed as an
     * adjective of targets, targets a modifier of jets): reported by an army of unknown
     * country, the strike stands */
    cr_expect_not_null(find(&r, "ISRMIL", "PSE", "19"));
    /* "Macron is due to visit Scholz in Berlin on Tuesday, a day after he goes to Warsaw":
     * the after-clause is a second announced trip */
    cr_expect_not_null(find(&r, "FRAGOV", "DEUGOV", "036"));
    cr_expect_not_null(find(&r, "FRAGOV", "POL", "036"));
    /* "As Macron was speaking on Friday Russia carried out long-range missile strikes on a
     * bridge in Odesa", long tagged as an adverb */
    int strike = 0;
    for (uint32_t i = 0; i < r.nevents; i++)
        strike |= r.events[i].ev->sent == 44 && !strcmp(r.events[i].ev->code, "195") &&
                  !strcmp(r.events[i].date, "2022-02-11");
    cr_expect(strike, "no 195 on Friday from the long-range missile strikes");
    /* "Mr Macron also spoke separately to Mr Scholz, to Prime Minister Mark Rutte and to Mr
     * Biden", each phrase attached to the verb */
    cr_expect_not_null(find(&r, "FRAGOV", "NLDGOV", "040"));
    cr_expect_not_null(find(&r, "FRAGOV", "USAGOV", "040"));
}

Test(pipeline, news_misparsed_objects_and_evidence, .init = news_init, .fini = news_fini)
{
    tc_pipe_result r = news.r;
    /* "Belarusian forces shelled Ukrainian positions near Chernihiv overnight, the military
     * said on Saturday", parsed with forces a complement of said, shelled an adjective of
     * positions and positions the subject of said */
    cr_expect_not_null(find(&r, "BLRMIL", "UKR", "19"), "misparsed shelling: no BLRMIL -> UKR");
    /* "Polish President Andrzej Duda hosted German Chancellor Olaf Scholz in Warsaw on
     * Monday" with Scholz parsed as a complement clause */
    const tc_pipe_event *h = find(&r, "POLGOV", "DEUGOV", "043");
    cr_assert_not_null(h, "hosted: no POLGOV -> DEUGOV 043");
    cr_expect_str_eq(h->date, "2022-02-14");
    /* "Lithuania presented evidence against Belarus": an accusation */
    cr_expect_not_null(find(&r, "LTU", "BLR", "112"));
    /* "The war began in 2014, when Russian troops hit Donetsk": hit (tagged a present) under
     * a past verb is a past attack, not an announced one */
    const tc_pipe_event *w = NULL;
    for (uint32_t i = 0; i < r.nevents; i++)
        if (r.events[i].ev->sent == 49) w = &r.events[i];
    cr_assert_not_null(w, "no event for the attack on Donetsk");
    cr_expect_str_eq(w->ev->code, "190");
    /* ... dated by the year of the clause it depends on */
    cr_expect_str_eq(w->date, "2014-01-01");
}

/* A sports story ("Portugal beat Norway by two tries ..." ... "The rugby season ...") names
 * teams by their countries: the story-level sports discards drop it. */
Test(pipeline, news_sports_stories_are_discarded)
{
    tc_pipe p;
    tc_pipe_ws *ws;
    tc_dict *d = given_pipe(&p, &ws);
    size_t len;
    char *txt = tt_slurp("tests/data/pipeline/sport.conllu", &len);
    cr_assert_not_null(txt);
    tc_doc *doc = NULL;
    cr_assert_eq(tc_conllu_parse(txt, len, "sport", &doc, NULL), TC_OK);
    free(txt);
    doc->id = "sport";
    doc->date = "2022-02-16";
    tc_pipe_result r;
    cr_assert_eq(tc_pipe_doc(&p, ws, doc, &r, NULL), TC_OK);
    cr_expect_eq(r.nevents, 0, "a sports result coded as an event");
    cr_expect(r.discarded);
    tc_doc_free(&doc);
    tc_pipe_ws_free(&ws);
    tc_dict_free(&d);
}

Test(pipeline, news_verb_conjuncts_of_pronouns_and_retold_events, .init = news_init, .fini = news_fini)
{
    tc_pipe_result r = news.r;
    /* "Le Drian urged African nations to stay calm in what he called a crisis and reassured
     * Mali's president", reassured parsed as a conjunct of "what": Le Drian reassured */
    cr_expect_not_null(find(&r, "FRAGOV", "MLIGOV", "03"), "reassured under 'what': no FRAGOV -> MLIGOV");
    /* "Erdogan met Zelenskyy in Lviv on Thursday." ... "Erdogan met Zelenskyy and the UN chief
     * in Lviv on Thursday, officials said.": one meeting of the two, told twice */
    int n = 0;
    for (uint32_t i = 0; i < r.nevents; i++) {
        const tc_event *e = r.events[i].ev;
        n += !strcmp(e->source, "TURGOV") && !strcmp(e->target, "UKRGOV") && !strcmp(e->code, "040");
    }
    cr_expect_eq(n, 1, "the retold meeting counted %d times", n);
}

Test(pipeline, news_split_titles_in_lists, .init = news_init, .fini = news_fini)
{
    tc_pipe_result r = news.r;
    /* "Draghi spoke with German Chancellor Olaf Scholz and with Ukraine President Volodymyr
     * Zelenskiy", "Ukraine" and "Volodymyr Zelenskiy" parsed as two conjuncts: one target */
    cr_expect_not_null(find(&r, "ITAGOV", "UKRGOV", "040"));
    cr_expect_null(find(&r, "ITAGOV", "UKR", ""), "the country before its president is a second target");
    /* "German chancellor Olaf Scholz and Russian foreign minister Sergei Lavrov are set to
     * meet on Friday", the minister and Lavrov both conjuncts of Scholz's name: a pair */
    cr_expect_not_null(find(&r, "DEUGOV", "RUSGOV", "036"));
    cr_expect_not_null(find(&r, "RUSGOV", "DEUGOV", "036"));
}

Test(pipeline, news_for_subject_of_an_infinitive_is_the_addressee, .init = news_init, .fini = news_fini)
{
    tc_pipe_result r = news.r;
    /* "Andrzej Duda appealed for Germany to do more", parsed the UD way ("for" the mark and
     * Germany the subject of "do"): Germany is the one appealed to */
    const tc_pipe_event *a = find(&r, "POLGOV", "DEU", "020");
    cr_assert_not_null(a, "no POLGOV->DEU 020 from 'appealed for Germany to do more'");
    cr_expect_eq(a->ev->sent, 56);
}
