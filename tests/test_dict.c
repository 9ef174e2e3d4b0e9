/* test_dict.c - dictionary readers: actors, agents, verbs (both dialects), discards,
 * issues, PICO; malformed lines are reported with file:line and skipped. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dict/dict.h"
#include "testutil.h"

static tc_dict *load_test_dicts(tt_diaglog *log)
{
    tc_diag diag = tt_diag(log);
    return tt_test_dicts(&diag);
}

/* ids of a blank-separated phrase (0 for unknown words) */
static uint32_t ids_of(const tc_dict *d, const char *phrase, int32_t *ids)
{
    uint32_t n = 0;
    char buf[256];
    snprintf(buf, sizeof buf, "%s", phrase);
    for (char *save = NULL, *w = strtok_r(buf, " ", &save); w; w = strtok_r(NULL, " ", &save))
        ids[n++] = tc_dict_word(d, w, strlen(w));
    return n;
}

static const char *actor_code(const tc_dict *d, const char *phrase, int32_t date)
{
    int32_t ids[16];
    uint32_t n = ids_of(d, phrase, ids), idx;
    if (tc_dict_match_actor(d, ids, n, &idx) != n) return NULL;
    return tc_dict_actor_code(d, &d->actors[idx], date);
}

static const tc_dict_agent *agent_of(const tc_dict *d, const char *phrase)
{
    int32_t ids[16];
    uint32_t n = ids_of(d, phrase, ids), idx;
    if (tc_dict_match_agent(d, ids, n, &idx) != n) return NULL;
    return &d->agents[idx];
}

Test(dict, test_dictionaries_load_cleanly)
{
    tt_diaglog log = {0};
    tc_dict *d = load_test_dicts(&log);
    cr_expect_eq(log.nwarn + log.nerr, 0, "warnings: %s", log.text ? log.text : "");
    cr_expect_eq(d->nactors, 10);
    cr_expect_eq(d->ndiscards, 2);
    cr_expect_eq(d->ntransforms, 1);
    tc_dict_free(&d);
    cr_assert_null(d);
    tt_diaglog_free(&log);
}

Test(dict, actors_synonyms_multiword_longest_match)
{
    tt_diaglog log = {0};
    tc_dict *d = load_test_dicts(&log);
    cr_expect_str_eq(actor_code(d, "valoria", 0), "VAL");
    cr_expect_str_eq(actor_code(d, "VALORIAN", 0), "VAL");
    cr_expect_str_eq(actor_code(d, "Dreskari", 0), "DRS");
    cr_expect_str_eq(actor_code(d, "North Ostmark", 0), "OSN");
    cr_expect_str_eq(actor_code(d, "Halden League", 0), "VAL/DRS");
    cr_expect_str_eq(actor_code(d, "Silent Hills", 0), "---");
    /* longest match first */
    int32_t ids[4];
    uint32_t n = ids_of(d, "North Ostmark army", ids), idx;
    cr_expect_eq(tc_dict_match_actor(d, ids, n, &idx), 2);
    cr_expect_str_eq(d->actors[idx].root, "NORTH_OSTMARK");
    cr_expect_str_eq(d->actors[idx].file, "tests/data/dict/test.actors.txt");
    cr_expect_eq(d->actors[idx].line, 8);
    tc_dict_free(&d);
    tt_diaglog_free(&log);
}

Test(dict, actor_date_restrictions_tabari_rule)
{
    tt_diaglog log = {0};
    tc_dict *d = load_test_dicts(&log);
    /* restrictions tried in order; default only when none matches */
    cr_expect_str_eq(actor_code(d, "Mira Tolland", 20120601), "VALGOV");
    cr_expect_str_eq(actor_code(d, "President Tolland", 20141231), "VALGOV");
    cr_expect_str_eq(actor_code(d, "Mira Tolland", 20150101), "VALOPP");
    cr_expect_str_eq(actor_code(d, "Mira Tolland", 20091231), "VALELI");
    cr_expect_str_eq(actor_code(d, "Mira Tolland", 0), "VALELI");
    /* default on the primary line does not beat a later matching restriction */
    cr_expect_str_eq(actor_code(d, "Jon Breck", 20050101), "DRSREB");
    cr_expect_str_eq(actor_code(d, "Jon Breck", 20100101), "DRSGOV");
    /* YYMMDD with blanks around the dash; restriction only: nothing outside */
    cr_expect_str_eq(actor_code(d, "Kesta Varn", 20100101), "OSTGOV");
    cr_expect_null(actor_code(d, "Kesta Varn", 20120101));
    tc_dict_free(&d);
    tt_diaglog_free(&log);
}

Test(dict, parse_date)
{
    cr_expect_eq(tc_dict_parse_date("950601", 6), 19950601);
    cr_expect_eq(tc_dict_parse_date("300101", 6), 20300101);
    cr_expect_eq(tc_dict_parse_date("310101", 6), 19310101);
    cr_expect_eq(tc_dict_parse_date(" 19990815 ", 10), 19990815);
    cr_expect_eq(tc_dict_parse_date("9906", 4), -1);
    cr_expect_eq(tc_dict_parse_date("991301", 6), -1);
    cr_expect_eq(tc_dict_parse_date("AAA950601", 9), -1);
}

Test(dict, agents_plurals_substitutions_prefix)
{
    tt_diaglog log = {0};
    tc_dict *d = load_test_dicts(&log);
    const tc_dict_agent *a = agent_of(d, "government");
    cr_assert_not_null(a);
    cr_expect_str_eq(a->code, "GOV");
    cr_expect_eq(a->prefix, 0);
    cr_expect_not_null(agent_of(d, "governments"));          /* generated plural */
    cr_expect_not_null(agent_of(d, "militias"));
    cr_expect_str_eq(agent_of(d, "militia")->code, "REB");   /* "[ ~REB]" */
    cr_expect_null(agent_of(d, "polices"));                  /* {} = no plural */
    cr_expect_not_null(agent_of(d, "ministers of war"));     /* explicit plural */
    cr_expect_null(agent_of(d, "minister of wars"));
    cr_expect_str_eq(agent_of(d, "trademan")->code, "BUS");  /* !PERSON! expansion */
    cr_expect_not_null(agent_of(d, "tradewoman"));
    cr_expect_not_null(agent_of(d, "trademen"));
    cr_expect_null(agent_of(d, "trademans"));                /* no plurals of expansions */
    a = agent_of(d, "aid agency");
    cr_assert_not_null(a);
    cr_expect_str_eq(a->code, "NGO");
    cr_expect_eq(a->prefix, 1);
    cr_expect_not_null(agent_of(d, "aid agencies"));         /* Y -> IES */
    tc_dict_free(&d);
    tt_diaglog_free(&log);
}

static const tc_dict_verb *verb(const tc_dict *d, const char *w)
{
    return tc_dict_verb_first(d, tc_dict_word(d, w, strlen(w)));
}

Test(dict, verbs_petrarch2_dialect)
{
    tt_diaglog log = {0};
    tc_dict *d = load_test_dicts(&log);
    cr_expect_eq(d->tabari_verbs, 0);
    const tc_dict_verb *v = verb(d, "accused");
    cr_assert_not_null(v);
    cr_expect_str_eq(d->blocks[v->block].name, "ACCUSE");
    cr_expect_str_eq(d->blocks[v->block].code, "112");
    cr_expect_not_null(verb(d, "blames"));
    cr_expect_not_null(verb(d, "accusing"));              /* silent-E drop */
    cr_expect_not_null(verb(d, "sent"));                  /* listed form */
    cr_expect_null(verb(d, "sended"));                    /* listed forms: none generated */
    v = verb(d, "hail");
    cr_assert_not_null(v);
    cr_expect_str_eq(v->code, "052");                     /* own code */
    v = verb(d, "open");                                  /* +OPEN_FIRE */
    cr_assert_not_null(v);
    cr_expect_eq(v->post[0], tc_dict_word(d, "fire", 4));
    cr_expect_not_null(verb(d, "opened"));
    const tc_dict_block *b = tc_dict_block_named(d, "send");
    cr_assert_not_null(b);
    cr_expect_str_eq(b->code, "---");
    cr_expect_eq(b->npat, 3);
    const tc_dict_pattern *p = &d->patterns[b->first];
    cr_expect_eq(p->npre, 0);
    cr_expect_eq(p->npost, 2);
    cr_expect_str_eq(p->code, "070");
    cr_expect_eq(d->pels[p->post_first].kind, TC_PEL_NOUN);
    cr_expect_eq(d->pels[p->post_first + 1].kind, TC_PEL_PP);
    cr_expect_eq(p->line, 20);
    b = tc_dict_block_named(d, "VISIT");
    cr_expect_str_eq(b->code, "042");
    cr_expect_str_eq(b->pcode, "043");
    /* nested synset: &GOODS includes &AIDTYPE's members (incl. multi-word CLEAN_WATER) */
    int32_t water = tc_dict_word(d, "water", 5), grain = tc_dict_word(d, "grain", 5);
    tc_dict_slot goods = d->slots[d->pels[p->post_first].first];
    cr_expect_lt(goods, 0);
    cr_expect(tc_dict_slot_word(d, goods, grain));
    cr_expect(tc_dict_slot_word(d, goods, tc_dict_word(d, "fuels", 5))); /* generated plural */
    cr_expect(!tc_dict_slot_word(d, goods, tc_dict_word(d, "medicines", 9))); /* MEDICINE_ : none */
    cr_expect(!tc_dict_slot_word(d, goods, water)); /* multi-word member only as a phrase */
    const tc_dict_transform *x = &d->transforms[0];
    cr_expect_eq(x->outer_src, 'a');
    cr_expect_eq(x->inner_src, 'b');
    cr_expect_eq(x->inner_tgt, '.');
    cr_expect_str_eq(x->inner_verb, "ATTACK");
    cr_expect_str_eq(x->outer_verb, "SAY");
    cr_expect_str_eq(x->res_code, "112");
    tc_dict_free(&d);
    tt_diaglog_free(&log);
}

static const char tabari_verbs[] =
    "ABANDON  [---] ;OY 25 Jul 2003\n"
    "- SAID + MUST * POLICY  [100]\n"
    "- $ * + [080]\n"
    "BREAK {BROKE_ BROKEN_} [120]\n"
    "- * { OFF | AWAY } TIES [161!]\n"
    "- * BREAD [040?]\n"
    "FLY  [---]\n"
    "- $ * TO + [032:033]\n"
    "~FINISH\n"
    "IGNORED [999]\n";

Test(dict, verbs_tabari_dialect)
{
    tt_diaglog log = {0};
    tc_diag diag = tt_diag(&log);
    tc_dict *d = NULL;
    tc_dict_new(&d);
    cr_assert_eq(tc_dict_verbs_mem(d, "tab.verbs", tabari_verbs, sizeof tabari_verbs - 1, &diag), TC_OK);
    cr_expect_eq(log.nwarn, 0, "%s", log.text ? log.text : "");
    cr_expect_eq(d->tabari_verbs, 1);
    cr_expect_eq(d->nblocks, 3);
    cr_expect_not_null(verb(d, "broke"));
    cr_expect_not_null(verb(d, "abandoned"));
    cr_expect_null(verb(d, "ignored"));
    const tc_dict_block *b = tc_dict_block_named(d, "BREAK");
    cr_assert_not_null(b);
    cr_expect_str_eq(b->code, "120");
    cr_expect_eq(b->npat, 2);
    cr_expect_str_eq(d->patterns[b->first].code, "161!");
    cr_expect_str_eq(d->patterns[b->first + 1].code, "040?");
    b = tc_dict_block_named(d, "FLY");
    cr_expect_str_eq(d->patterns[b->first].code, "032");
    cr_expect_str_eq(d->patterns[b->first].pcode, "033");
    cr_expect_eq(d->patterns[b->first].has_marker, 1);
    b = tc_dict_block_named(d, "ABANDON");
    cr_expect_eq(d->patterns[b->first].npre, 3);
    tc_dict_free(&d);
    tt_diaglog_free(&log);
}

/* every malformed-line case: reported with file:line, skipped, loading goes on */
Test(dict, malformed_actor_lines)
{
    static const char src[] =
        "\t[ABC]\n"                          /* 1 code line without actor */
        "+ORPHAN\n"                          /* 2 synonym without actor */
        "GOODLAND [GDL]\n"                   /* 3 */
        "BADCODE [950601-990815]\n"          /* 4 date-only block */
        "BADRANGE [XYZ 990815-950601]\n"     /* 5 reversed range */
        "BADDATE [XYZ <9513]\n"              /* 6 bad date */
        "UNTERMINATED [XYZ\n"                /* 7 */
        "BADCHARS [A-B-C]\n"                 /* 8 */
        "[NOPHRASE]\n"                       /* 9 */
        "ALSOGOOD [AGD]\n";                  /* 10 */
    tt_diaglog log = {0};
    tc_diag diag = tt_diag(&log);
    tc_dict *d = NULL;
    tc_dict_new(&d);
    cr_assert_eq(tc_dict_actors_mem(d, "bad.actors", src, sizeof src - 1, &diag), TC_OK);
    cr_expect_eq(log.nwarn, 8, "%s", log.text);
    for (int line = 1; line <= 9; line++) {
        if (line == 3) continue;
        char want[32];
        snprintf(want, sizeof want, "bad.actors:%d:", line);
        cr_expect_not_null(strstr(log.text, want), "no warning for line %d:\n%s", line, log.text);
    }
    cr_expect_str_eq(actor_code(d, "goodland", 0), "GDL");
    cr_expect_str_eq(actor_code(d, "alsogood", 0), "AGD");
    tc_dict_free(&d);
    tt_diaglog_free(&log);
}

Test(dict, malformed_agent_lines)
{
    static const char src[] =
        "NOCODE\n"                     /* 1 */
        "EMPTY []\n"                   /* 2 */
        "BADPL {UNCLOSED [~GOV]\n"     /* 3 */
        "!UNDEF!_MAN [~GOV]\n"         /* 4 undefined substitution set */
        "!EMPTY! = ,\n"                /* 5 empty set */
        " {} [~GOV]\n"                 /* 6 empty phrase */
        "GOOD_AGENT [~GOV]\n";         /* 7 */
    tt_diaglog log = {0};
    tc_diag diag = tt_diag(&log);
    tc_dict *d = NULL;
    tc_dict_new(&d);
    cr_assert_eq(tc_dict_agents_mem(d, "bad.agents", src, sizeof src - 1, &diag), TC_OK);
    cr_expect_eq(log.nwarn, 6, "%s", log.text);
    for (int line = 1; line <= 6; line++) {
        char want[32];
        snprintf(want, sizeof want, "bad.agents:%d:", line);
        cr_expect_not_null(strstr(log.text, want), "no warning for line %d:\n%s", line, log.text);
    }
    cr_expect_not_null(agent_of(d, "good agent"));
    tc_dict_free(&d);
    tt_diaglog_free(&log);
}

Test(dict, malformed_verb_lines)
{
    static const char src[] =
        "####### SYNONYM SETS #######\n"     /* 1 */
        "&GOOD\n"                            /* 2 */
        "+THING\n"                           /* 3 */
        "stray line\n"                       /* 4 unexpected in synonym section */
        "####### VERB PATTERNS #######\n"    /* 5 */
        "- * ORPHAN [010]\n"                 /* 6 pattern outside a block */
        "--- BROKEN HEADER ---\n"            /* 7 header without code */
        "--- FINE [020] ---\n"               /* 8 */
        "FINE\n"                             /* 9 */
        "- * &UNDEFINED [030]\n"             /* 10 undefined synset */
        "- * (UNCLOSED [030]\n"              /* 11 */
        "- NO STAR [030]\n"                  /* 12 pattern without '*' */
        "- * NOCODE\n"                       /* 13 */
        "- * THING [0x1]\n"                  /* 14 bad code */
        "- * * TWICE [030]\n"                /* 15 two stars */
        "BAD {FORMS [040]\n"                 /* 16 unterminated forms */
        "- * &GOOD [050]\n"                  /* 17 ok */
        "######## TRANSFORMATIONS ##########\n" /* 18 */
        "~ a (b . FINE) = a b\n"             /* 19 malformed transformation */
        "not a transformation\n";            /* 20 */
    tt_diaglog log = {0};
    tc_diag diag = tt_diag(&log);
    tc_dict *d = NULL;
    tc_dict_new(&d);
    cr_assert_eq(tc_dict_verbs_mem(d, "bad.verbs", src, sizeof src - 1, &diag), TC_OK);
    static const int bad[] = {4, 6, 7, 10, 11, 12, 13, 14, 15, 16, 19, 20};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char want[32];
        snprintf(want, sizeof want, "bad.verbs:%d:", bad[i]);
        cr_expect_not_null(strstr(log.text, want), "no warning for line %d:\n%s", bad[i], log.text);
    }
    const tc_dict_block *b = tc_dict_block_named(d, "FINE");
    cr_assert_not_null(b);
    cr_expect_eq(b->npat, 1);
    cr_expect_str_eq(d->patterns[b->first].code, "050");
    cr_expect_eq(d->ntransforms, 0);
    tc_dict_free(&d);
    tt_diaglog_free(&log);
}

Test(dict, comments_multiline_and_trailing)
{
    static const char src[] =
        "<!-- a comment\n"
        "HIDDEN [HID]\n"
        "-->\n"
        "SHOWN [SHN] # HIDDEN2 [XXX]\n"
        "# LINECOMMENT [YYY]\n"
        "<!-- one line --> AFTER [AFT]\n";
    tt_diaglog log = {0};
    tc_diag diag = tt_diag(&log);
    tc_dict *d = NULL;
    tc_dict_new(&d);
    cr_assert_eq(tc_dict_actors_mem(d, "c.actors", src, sizeof src - 1, &diag), TC_OK);
    cr_expect_null(actor_code(d, "hidden", 0));
    cr_expect_str_eq(actor_code(d, "shown", 0), "SHN");
    cr_expect_null(actor_code(d, "linecomment", 0));
    cr_expect_str_eq(actor_code(d, "after", 0), "AFT");
    cr_expect_eq(log.nwarn, 0, "%s", log.text ? log.text : "");
    tc_dict_free(&d);
    tt_diaglog_free(&log);
}

Test(dict, discards_issues_pico)
{
    tt_diaglog log = {0};
    tc_dict *d = load_test_dicts(&log);
    cr_expect_eq(d->discards[0].story, 1);
    cr_expect_eq(d->discards[1].story, 0);
    cr_expect_eq(d->discards[1].n, 2);
    int32_t h = 0;
    cr_expect(tc_dict_pico_hex(d, "042", &h));
    cr_expect_eq(h, 0x0210);
    cr_expect(tc_dict_pico_hex(d, "129", &h));
    cr_expect_eq(h, 0x0210 - 0xFFFF);
    cr_expect_str_eq(tc_dict_pico_code(d, 0x0210 - 0xFFFF), "129");
    cr_expect_null(tc_dict_pico_code(d, 0x7777));
    static const char issues[] =
        "<ISSUE CATEGORY=\"WATER\" TYPE=\"ALL\">\n"
        "n:reservoir [WAT]\n"
        "~water polo\n"
        "dam+project [WAT]\n"
        "nocode\n"
        "</ISSUE>\n"
        "outside [X]\n";
    tc_diag diag = tt_diag(&log);
    unsigned long before = (unsigned long)log.nwarn;
    cr_assert_eq(tc_dict_issues_mem(d, "t.issues", issues, sizeof issues - 1, &diag), TC_OK);
    cr_expect_eq(d->nissues, 3);
    cr_expect_eq(d->issues[1].ignore, 1);
    cr_expect_eq(d->issues[2].n, 2); /* dam+project */
    cr_expect_eq((unsigned long)log.nwarn - before, 2);
    tc_dict_free(&d);
    tt_diaglog_free(&log);
}

Test(dict, load_missing_file_is_an_error)
{
    tt_diaglog log = {0};
    tc_diag diag = tt_diag(&log);
    tc_dict *d = NULL;
    tc_dict_new(&d);
    cr_expect_eq(tc_dict_load_actors(d, "tests/data/dict/does-not-exist.txt", &diag), TC_EIO);
    cr_expect_eq(log.nerr, 1);
    tc_dict_free(&d);
    tc_dict_free(&d); /* NULL is fine */
    tt_diaglog_free(&log);
}

/* the shared dictionaries load, with the known number of bad lines */
Test(dict, shared_phoenix_and_cameo)
{
    const char *cameo = tt_shared("data/eventcoders/petrarch2/dictionaries/CAMEO.2.0.txt");
    if (!cameo) cr_skip_test();
    tc_dict *d = NULL;
    tc_dict_new(&d);
    tt_diaglog log = {0};
    tc_diag diag = tt_diag(&log);
    cr_assert_eq(tc_dict_load_verbs(d, cameo, &diag), TC_OK);
    cr_expect_gt(d->nblocks, 350);
    cr_expect_gt(d->npatterns, 4000);
    cr_expect_eq(d->ntransforms, 8);
    cr_expect_gt(d->nsynsets, 30);
    const char *act = tt_shared("data/eventcoders/petrarch2/dictionaries/Phoenix.Countries.actors.txt");
    cr_assert_not_null(act);
    cr_assert_eq(tc_dict_load_actors(d, act, &diag), TC_OK);
    cr_expect_gt(d->nactors, 15000);
    tc_dict_free(&d);
    tt_diaglog_free(&log);
}

/* `tacitus dict check` finds conflicts, unreachable patterns and date overlaps */
Test(dict, cli_dict_check)
{
    static const char actors[] = "ALPHA [AAA]\n"
                                 "BETA [BBB]\n"
                                 "+ALPHA\n"                                 /* 3: conflict */
                                 "GAMMA\n"
                                 "\t[GGG 20100101-20121231]\n"
                                 "\t[GGX 20120101-20131231]\n"              /* overlap */
                                 "DELTA [DDD 20100101-20110101] [DDX 20110101-20120101]\n"; /* touching: fine */
    static const char verbs[] = "--- HIT [190] ---\n"
                                "HIT\n"
                                "- * ROCKS [195]\n"
                                "- * ROCKS [196]\n";                        /* 4: unreachable */
    char *a = tt_tmpfile(".actors.txt", actors, sizeof actors - 1);
    char *v = tt_tmpfile(".verbs.txt", verbs, sizeof verbs - 1);
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "dict check %s %s", a, v);
    char *out = NULL;
    int rc = tt_run(cmd, NULL, &out, NULL);
    cr_expect_eq(rc, 1);
    cr_assert_not_null(out);
    cr_expect_not_null(strstr(out, ":3: conflict: a phrase of actor BETA [BBB] is already actor ALPHA [AAA]"), "%s", out);
    cr_expect_not_null(strstr(out, ":4: unreachable pattern '* ROCKS' [196]: same as line 3 [195]"), "%s", out);
    cr_expect_not_null(strstr(out, "actor GAMMA: date restrictions of GGG and GGX overlap"), "%s", out);
    cr_expect_null(strstr(out, "actor DELTA"), "%s", out);
    cr_expect_not_null(strstr(out, "0 bad lines, 1 conflicts, 0 redundant duplicates, 1 unreachable patterns, 1 date overlaps"), "%s", out);
    free(out);
    out = NULL;
    cr_expect_eq(tt_run("dict check --dict-dir tests/data/dict", NULL, &out, NULL), 0, "%s", out ? out : "");
    free(out);
    remove(a);
    remove(v);
    free(a);
    free(v);
    cr_expect_eq(tt_run("dict", NULL, NULL, NULL), 2);
}
