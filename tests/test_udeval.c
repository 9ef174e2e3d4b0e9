/* test_udeval.c - CoNLL 2018 scoring on a hand-made gold/system pair (scores computed
 * by hand), text mismatch, and the eval-ud command. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nlp/conllu.h"
#include "nlp/udeval.h"
#include "testutil.h"

#define GOLD "tests/data/ud/eval_gold.conllu"
#define SYS "tests/data/ud/eval_system.conllu"

static void expect(const tc_udeval_score *s, size_t gold, size_t sys, size_t correct, double f1)
{
    cr_assert_eq(s->gold, gold);
    cr_assert_eq(s->system, sys);
    cr_assert_eq(s->correct, correct);
    cr_assert(fabs(s->f1 - f1) < 1e-9, "f1 %f != %f", s->f1, f1);
    cr_assert(fabs(s->precision - (double)correct / (double)sys) < 1e-9);
    cr_assert(fabs(s->recall - (double)correct / (double)gold) < 1e-9);
}

/* gold: "The mayors didn't sign it." (7 words, 6 tokens, didn't = did + n't) and
 * "Talks resumed in New York." (6 words); the system splits the second sentence in
 * two, keeps "York." as one token, and differs in tags, lemmas and heads:
 *   tokens 12 gold / 11 system / 10 matching; sentences 2 / 3 / 1;
 *   words 13 / 12 / 11 aligned (did, n't aligned inside the multi-word token);
 *   UPOS: did VERB (gold AUX) -> 10; XPOS: sign VBP -> 10;
 *   UFeats: sign and Talks differ (order and Typo=Yes do not count) -> 9;
 *   Lemmas: mayors -> 10 (gold "_" for it matches anything);
 *   UAS: it -> mayors wrong, in/New point to the unaligned York. -> 8;
 *   LAS: also the final "." labelled dep (nsubj:pass = nsubj) -> 7. */
Test(udeval, hand_computed_scores)
{
    tc_doc *g = NULL, *s = NULL;
    cr_assert_eq(tc_conllu_read_file(GOLD, &g, NULL), TC_OK);
    cr_assert_eq(tc_conllu_read_file(SYS, &s, NULL), TC_OK);
    tc_udeval_result r;
    cr_assert_eq(tc_udeval_compare(g, s, &r, NULL), TC_OK);
    expect(&r.m[TC_UD_TOKENS], 12, 11, 10, 20.0 / 23.0);
    expect(&r.m[TC_UD_SENTENCES], 2, 3, 1, 0.4);
    expect(&r.m[TC_UD_WORDS], 13, 12, 11, 22.0 / 25.0);
    expect(&r.m[TC_UD_UPOS], 13, 12, 10, 0.8);
    expect(&r.m[TC_UD_XPOS], 13, 12, 10, 0.8);
    expect(&r.m[TC_UD_UFEATS], 13, 12, 9, 0.72);
    expect(&r.m[TC_UD_LEMMAS], 13, 12, 10, 0.8);
    expect(&r.m[TC_UD_UAS], 13, 12, 8, 0.64);
    expect(&r.m[TC_UD_LAS], 13, 12, 7, 0.56);
    /* gold against itself: everything 100% */
    cr_assert_eq(tc_udeval_compare(g, g, &r, NULL), TC_OK);
    for (int m = 0; m < TC_UD_NMETRICS; m++) cr_assert_eq(r.m[m].f1, 1.0, "%s", tc_udeval_names[m]);
    tc_doc_free(&g);
    tc_doc_free(&s);
}

Test(udeval, text_mismatch_is_an_error)
{
    const char *a = "1\tPeace\tpeace\tNOUN\tNN\t_\t0\troot\t_\t_\n\n";
    const char *b = "1\tPiece\tpiece\tNOUN\tNN\t_\t0\troot\t_\t_\n\n";
    tc_doc *g = NULL, *s = NULL;
    cr_assert_eq(tc_conllu_parse(a, strlen(a), "a", &g, NULL), TC_OK);
    cr_assert_eq(tc_conllu_parse(b, strlen(b), "b", &s, NULL), TC_OK);
    tt_diaglog log = {0};
    tc_diag d = tt_diag(&log);
    tc_udeval_result r;
    cr_assert_eq(tc_udeval_compare(g, s, &r, &d), TC_EPARSE);
    cr_assert(strstr(log.text, "gold 'eace', system 'iece'") != NULL, "%s", log.text);
    tt_diaglog_free(&log);
    tc_doc_free(&g);
    tc_doc_free(&s);
}

Test(udeval, cli_json_with_system_file)
{
    char *out = NULL, *err = NULL;
    int rc = tt_run("eval-ud " GOLD " " SYS " --json", NULL, &out, &err);
    cr_assert_eq(rc, 0, "%s", err);
    cr_assert_str_eq(out, "{\"Tokens\": 86.96, \"Sentences\": 40.00, \"Words\": 88.00, \"UPOS\": 80.00, "
                          "\"XPOS\": 80.00, \"UFeats\": 72.00, \"Lemmas\": 80.00, \"UAS\": 64.00, "
                          "\"LAS\": 56.00}\n");
    free(out);
    free(err);
    rc = tt_run("eval-ud " GOLD " " SYS, NULL, &out, &err);
    cr_assert_eq(rc, 0);
    cr_assert(strstr(out, "LAS        |     58.33 |     53.85 |     56.00 |        13 |        12") != NULL,
              "%s", out);
    free(out);
    free(err);
    rc = tt_run("eval-ud", NULL, NULL, &err);
    cr_assert_eq(rc, 2);
    free(err);
}

/* --raw --json: one object with exactly the raw-text metric names, in this order */
Test(udeval, cli_raw_json_keys)
{
    char *out = NULL, *err = NULL;
    int rc = tt_run("eval-ud " GOLD " --raw tests/data/ud/eval_raw.txt --json", NULL, &out, &err);
    cr_assert_eq(rc, 0, "%s", err);
    const char *keys[] = {"{\"Tokens\": ", ", \"Sentences\": ", ", \"UPOS\": ", ", \"Lemmas\": ",
                          ", \"UAS\": ", ", \"LAS\": "};
    const char *p = out;
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        cr_assert(!strncmp(p, keys[i], strlen(keys[i])), "expected %s at: %s", keys[i], p);
        p += strlen(keys[i]);
        char *e = NULL;
        double v = strtod(p, &e);
        cr_assert(e > p && v >= 0 && v <= 100, "bad value at: %s", p);
        p = e;
    }
    cr_assert_str_eq(p, "}\n");
    /* the raw text is split and tokenised as the gold: tokens and sentences all right */
    cr_assert(!strncmp(out, "{\"Tokens\": 100.00, \"Sentences\": 100.00, ", 40), "%s", out);
    free(out);
    free(err);
}
