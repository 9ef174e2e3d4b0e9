/* test_conllu.c - CoNLL-U reader/writer: fields, multi-word tokens, empty nodes,
 * round trip, and malformed input reported with its line number. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "core/doc.h"
#include "nlp/conllu.h"
#include "testutil.h"

static const char *MINI =
    "# newdoc id = d1\n"
    "# sent_id = s1\n"
    "# text = The mayors didn't sign it.\n"
    "1\tThe\tthe\tDET\tDT\tDefinite=Def|PronType=Art\t2\tdet\t_\t_\n"
    "2\tmayors\tmayor\tNOUN\tNNS\tNumber=Plur\t5\tnsubj\t_\t_\n"
    "3-4\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "3\tdid\tdo\tAUX\tVBD\tMood=Ind|Tense=Past|VerbForm=Fin\t5\taux\t_\t_\n"
    "4\tn't\tnot\tPART\tRB\t_\t5\tadvmod\t_\t_\n"
    "5\tsign\tsign\tVERB\tVB\tVerbForm=Inf\t0\troot\t_\t_\n"
    "5.1\tsigned\tsign\tVERB\tVBN\t_\t_\t_\t5:conj\t_\n"
    "6\tit\tit\tPRON\tPRP\tCase=Acc\t5\tobj\t_\tSpaceAfter=No\n"
    "7\t.\t.\tPUNCT\t.\t_\t5\tpunct\t_\tGloss=stop\n"
    "\n"
    "# newpar\n"
    "# sent_id = s2\n"
    "1\tYes\tyes\tINTJ\tUH\t_\t0\troot\t_\t_\n"
    "\n";

static tc_doc *parse(const char *s, tt_diaglog *log)
{
    tc_diag d = tt_diag(log);
    tc_doc *doc = NULL;
    tc_status st = tc_conllu_parse(s, strlen(s), "mini.conllu", &doc, &d);
    if (st != TC_OK) cr_assert_null(doc);
    return doc;
}

Test(conllu, reads_fields_mwt_and_skips_empty_nodes)
{
    tt_diaglog log = {0};
    tc_doc *d = parse(MINI, &log);
    cr_assert_not_null(d);
    cr_assert_eq(d->nsent, 2);
    tc_sentence *s = &d->sent[0];
    cr_assert_str_eq(s->id, "s1");
    cr_assert_str_eq(s->text, "The mayors didn't sign it.");
    cr_assert_eq(s->ntok, 7);
    cr_assert_eq(tc_conllu_ntokens(s), 6);
    cr_assert_str_eq(s->tok[2].form, "did");
    cr_assert_eq(s->tok[2].mwt_len, 2);
    cr_assert_str_eq(s->tok[2].mwt_form, "didn't");
    cr_assert_str_eq(s->tok[3].lemma, "not");
    cr_assert_null(s->tok[3].feats);
    cr_assert_str_eq(s->tok[1].feats, "Number=Plur");
    cr_assert_eq(s->tok[4].head, 0);
    cr_assert_str_eq(s->tok[4].deprel, "root");
    cr_assert_str_eq(s->tok[5].form, "it"); /* 5.1 skipped */
    cr_assert_eq(s->tok[5].space_after, 0);
    cr_assert_null(s->tok[5].misc);
    cr_assert_str_eq(s->tok[6].misc, "Gloss=stop");
    /* text rebuilt from tokens; spans point into it */
    cr_assert(strncmp(d->text, "The mayors didn't sign it.\n\nYes", 31) == 0);
    cr_assert_eq(s->tok[2].start, 11);
    cr_assert_eq(s->tok[3].end, 17);
    cr_assert_eq(d->sent[1].para, s->para + 1);
    cr_assert_str_eq(d->id, "d1");
    cr_assert_str_eq(tc_doc_meta_get(d, "conllu.newdoc.0"), "d1");
    cr_assert_eq(log.nerr, 0);
    tc_doc_free(&d);
    tt_diaglog_free(&log);
}

Test(conllu, round_trip)
{
    tt_diaglog log = {0};
    tc_doc *d = parse(MINI, &log);
    cr_assert_not_null(d);
    tc_buf b = TC_BUF_INIT;
    cr_assert_eq(tc_conllu_write(d, 0, &b), TC_OK);
    /* same as the input minus the empty node and with DEPS as "_" */
    cr_assert(strstr(b.data, "3-4\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_\n3\tdid\tdo\tAUX\tVBD\t") != NULL);
    cr_assert(strstr(b.data, "5.1") == NULL);
    cr_assert(strstr(b.data, "6\tit\tit\tPRON\tPRP\tCase=Acc\t5\tobj\t_\tSpaceAfter=No\n") != NULL);
    cr_assert(strstr(b.data, "# newdoc id = d1\n# sent_id = s1\n") == b.data);
    cr_assert(strstr(b.data, "\n\n# newpar\n# sent_id = s2\n# text = Yes\n1\tYes\t") != NULL);
    tc_doc *d2 = NULL;
    cr_assert_eq(tc_conllu_parse(b.data, b.len, "again", &d2, NULL), TC_OK);
    tc_buf b2 = TC_BUF_INIT;
    cr_assert_eq(tc_conllu_write(d2, 0, &b2), TC_OK);
    cr_assert_str_eq(b.data, b2.data);
    tc_buf_free(&b);
    tc_buf_free(&b2);
    tc_doc_free(&d);
    tc_doc_free(&d2);
    tt_diaglog_free(&log);
}

Test(conllu, mwt_space_after_on_range_line)
{
    const char *s = "1-2\tcan't\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n"
                    "1\tca\tcan\tAUX\tMD\t_\t0\troot\t_\t_\n"
                    "2\tn't\tnot\tPART\tRB\t_\t1\tadvmod\t_\t_\n"
                    "3\t!\t!\tPUNCT\t.\t_\t1\tpunct\t_\t_\n";
    tc_doc *d = NULL;
    cr_assert_eq(tc_conllu_parse(s, strlen(s), "x", &d, NULL), TC_OK); /* no final blank line */
    cr_assert_eq(d->nsent, 1);
    cr_assert_str_eq(d->text, "can't!");
    cr_assert_eq(d->sent[0].tok[1].space_after, 0);
    tc_buf b = TC_BUF_INIT;
    cr_assert_eq(tc_conllu_write(d, TC_CONLLU_IDS, &b), TC_OK);
    cr_assert(strstr(b.data, "# sent_id = 1\n# text = can't!\n1-2\tcan't\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n"
                             "1\tca\tcan\tAUX\tMD\t_\t0\troot\t_\t_\n2\tn't") == b.data);
    tc_buf_free(&b);
    tc_doc_free(&d);
}

static void expect_error(const char *text, long line, const char *what)
{
    tt_diaglog log = {0};
    tc_diag d = tt_diag(&log);
    tc_doc *doc = NULL;
    tc_status st = tc_conllu_parse(text, strlen(text), "bad.conllu", &doc, &d);
    cr_assert_eq(st, TC_EPARSE, "expected parse error for: %s", what);
    cr_assert_null(doc);
    cr_assert_eq(log.nerr, 1);
    char where[64];
    snprintf(where, sizeof where, "bad.conllu:%ld:", line);
    cr_assert(strstr(log.text, where) != NULL, "want %s in '%s'", where, log.text);
    cr_assert(strstr(log.text, what) != NULL, "want '%s' in '%s'", what, log.text);
    tt_diaglog_free(&log);
}

Test(conllu, malformed_input_names_the_line)
{
    expect_error("1\tA\ta\tDET\tDT\t_\t0\troot\t_\t_\n\n1\tB\tb\tX\n", 3, "10 tab-separated columns");
    expect_error("1\tA\ta\tDET\tDT\t_\t0\troot\t_\t_\n3\tB\tb\tX\tX\t_\t1\tdep\t_\t_\n", 2,
                 "out of sequence");
    expect_error("# x\n1\tA\ta\tDET\tDT\t_\t7\troot\t_\t_\n", 2, "head out of range");
    expect_error("1\tA\ta\tDET\tDT\t_\tx\troot\t_\t_\n", 1, "bad HEAD");
    expect_error("1\tA\ta\tDET\tDT\t_\t0\troot\t_\t_\n# late\n", 2, "comment line inside");
    expect_error("1-3\tAbc\t_\t_\t_\t_\t_\t_\t_\t_\n1\tA\ta\tX\tX\t_\t0\troot\t_\t_\n\n", 3,
                 "range not followed");
    expect_error("1\tA\ta\tDET\tDT\t\t0\troot\t_\t_\n", 1, "empty column 6");
    expect_error("1\tA\ta\tDET\tDT\t_\t0\troot\t_\t_\t_\n", 1, "more than 10");
    expect_error("x\tA\ta\tDET\tDT\t_\t0\troot\t_\t_\n", 1, "bad word ID");
    expect_error("1\tA\ta\tDET\tDT\t_\t0\troot\t_\t_\n   \n", 2, "whitespace");
}

Test(conllu, empty_input_and_missing_file)
{
    tc_doc *d = NULL;
    cr_assert_eq(tc_conllu_parse("", 0, "e", &d, NULL), TC_OK);
    cr_assert_eq(d->nsent, 0);
    tc_doc_free(&d);
    tt_diaglog log = {0};
    tc_diag dg = tt_diag(&log);
    cr_assert_eq(tc_conllu_read_file("/nonexistent/x.conllu", &d, &dg), TC_EIO);
    cr_assert_null(d);
    cr_assert_eq(log.nerr, 1);
    tt_diaglog_free(&log);
}

Test(conllu, reads_ewt_train_when_present)
{
    const char *p = tt_shared("data/ud/UD_English-EWT/en_ewt-ud-train.conllu");
    if (!p) cr_skip_test();
    tc_doc *d = NULL;
    cr_assert_eq(tc_conllu_read_file(p, &d, NULL), TC_OK);
    cr_assert_eq(d->nsent, 12544);
    size_t nw = 0, nt = 0;
    for (uint32_t i = 0; i < d->nsent; i++) {
        nw += d->sent[i].ntok;
        nt += tc_conllu_ntokens(&d->sent[i]);
    }
    cr_assert_eq(nw, 204577);
    cr_assert_eq(nt, 201962);
    tc_doc_free(&d);
}
