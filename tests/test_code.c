/* test_code.c - the coder on small hand-written CoNLL-U sentences with the test dictionaries. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "code/code.h"
#include "dict/dict.h"
#include "nlp/conllu.h"
#include "testutil.h"

static tc_dict *dicts(void)
{
    tc_diag diag = {0};
    return tt_test_dicts(&diag);
}

/* "form lemma upos head deprel;..." -> CoNLL-U -> coded document */
static tc_doc *code(const tc_dict *d, const char *spec, int32_t date, const tc_code_opts *o)
{
    char buf[4096], line[512];
    size_t n = 0;
    int i = 1;
    char copy[2048];
    snprintf(copy, sizeof copy, "%s", spec);
    for (char *save = NULL, *t = strtok_r(copy, ";", &save); t; t = strtok_r(NULL, ";", &save), i++) {
        char f[5][64];
        cr_assert_eq(sscanf(t, "%63s %63s %63s %63s %63s", f[0], f[1], f[2], f[3], f[4]), 5);
        int k = snprintf(line, sizeof line, "%d\t%s\t%s\t%s\t_\t_\t%s\t%s\t_\t_\n", i, f[0], f[1], f[2], f[3], f[4]);
        memcpy(buf + n, line, (size_t)k);
        n += (size_t)k;
    }
    tc_doc *doc = NULL;
    tc_diag diag = {0};
    cr_assert_eq(tc_conllu_parse(buf, n, "t", &doc, &diag), TC_OK);
    doc->sent[0].id = "S-1";
    cr_assert_eq(tc_code_doc(d, o, doc, date, NULL), TC_OK);
    return doc;
}

static int has(const tc_doc *doc, const char *s, const char *t, const char *c)
{
    const tc_event *e = doc->events;
    for (uint32_t i = 0; i < doc->nevents; i++)
        if (!strcmp(e[i].source, s) && !strcmp(e[i].target, t) && !strcmp(e[i].code, c)) return 1;
    return 0;
}

Test(code, provenance)
{
    tc_dict *d = dicts();
    tc_doc *doc = code(d, "The the DET 3 det;Dreskari Dreskari ADJ 3 amod;government government NOUN 4 nsubj;"
                          "sent send VERB 0 root;armored armored ADJ 6 amod;troops troops NOUN 4 obj;"
                          "to to ADP 8 case;Valoria Valoria PROPN 4 obl;. . PUNCT 4 punct", 20120101, NULL);
    cr_assert_eq(doc->nevents, 1);
    const tc_event *e = doc->events;
    cr_expect_str_eq(e->source, "DRSGOV");
    cr_expect_str_eq(e->target, "VAL");
    cr_expect_str_eq(e->code, "150");
    cr_expect_str_eq(e->root, "15");
    cr_expect_str_eq(e->sentence_id, "S-1");
    cr_expect_str_eq(e->verb, "sent");
    cr_expect_eq(e->verb_tok, 3);
    cr_expect_str_eq(e->source_text, "The Dreskari government");
    cr_expect_str_eq(e->target_text, "Valoria");
    cr_expect_eq(strncmp(doc->text + e->target_start, "Valoria", 7), 0);
    cr_expect_eq(e->target_end - e->target_start, 7);
    cr_expect_str_eq(e->pattern, "* {ARMORED TROOPS}");
    cr_expect_str_eq(e->pattern_file, "tests/data/dict/test.verbs.txt");
    cr_expect_eq(e->pattern_line, 21);
    cr_expect_str_eq(e->source_entry, "DRESKAR");
    cr_expect_eq(e->source_entry_line, 5);
    cr_expect_str_eq(e->target_entry, "VALORIA");
    tc_doc_free(&doc);
    tc_dict_free(&d);
}

Test(code, default_code_without_pattern_records_verb_line)
{
    tc_dict *d = dicts();
    tc_doc *doc = code(d, "Valoria Valoria PROPN 2 nsubj;blamed blame VERB 0 root;Dreskar Dreskar PROPN 2 obj", 0, NULL);
    cr_assert_eq(doc->nevents, 1);
    const tc_event *e = doc->events;
    cr_expect_null(e[0].pattern);
    cr_expect_eq(e[0].pattern_line, 16); /* the BLAME line */
    tc_doc_free(&doc);
    tc_dict_free(&d);
}

Test(code, ud_v1_and_v2_labels_agree)
{
    tc_dict *d = dicts();
    tc_doc *a = code(d, "Valoria Valoria PROPN 2 nsubj;met meet VERB 0 root;with with ADP 4 case;Dreskar Dreskar PROPN 2 obl", 0, NULL);
    tc_doc *b = code(d, "Valoria Valoria PROPN 2 nsubj;met meet VERB 0 root;with with ADP 4 case;Dreskar Dreskar PROPN 2 nmod", 0, NULL);
    cr_expect(has(a, "VAL", "DRS", "040"));
    cr_expect(has(b, "VAL", "DRS", "040"));
    tc_doc_free(&a);
    tc_doc_free(&b);
    tc_dict_free(&d);
}

Test(code, require_dyad_and_negation_without_pico)
{
    tc_dict *d = dicts();
    tc_code_opts o;
    tc_code_opts_default(&o);
    const char *s = "Dreskar Dreskar PROPN 2 nsubj;attacked attack VERB 0 root;. . PUNCT 2 punct";
    tc_doc *doc = code(d, s, 0, &o);
    cr_expect_eq(doc->nevents, 0);
    tc_doc_free(&doc);
    o.require_dyad = 0;
    doc = code(d, s, 0, &o);
    cr_expect(has(doc, "DRS", "---", "190"));
    tc_doc_free(&doc);
    /* negation needs the hex table: without it the event is dropped */
    o.require_dyad = 1;
    o.use_pico = 0;
    doc = code(d, "Valoria Valoria PROPN 4 nsubj;did do AUX 4 aux;not not PART 4 advmod;visit visit VERB 0 root;"
                  "Dreskar Dreskar PROPN 4 obj", 0, &o);
    cr_expect_eq(doc->nevents, 0);
    tc_doc_free(&doc);
    tc_dict_free(&d);
}

Test(code, relative_pronoun_and_sentence_discard)
{
    tc_dict *d = dicts();
    tc_doc *doc = code(d, "Valoria Valoria PROPN 0 root;, , PUNCT 4 punct;which which PRON 4 nsubj;"
                          "accused accuse VERB 1 acl:relcl;Dreskar Dreskar PROPN 4 obj", 0, NULL);
    cr_expect(has(doc, "VAL", "DRS", "112"));
    tc_doc_free(&doc);
    tc_code_info info;
    doc = code(d, "Valoria Valoria PROPN 2 nsubj;won win VERB 0 root;the the DET 5 det;chess chess NOUN 5 compound;"
                  "tournament tournament NOUN 2 obj", 0, NULL);
    cr_assert_eq(tc_code_doc(d, NULL, doc, 0, &info), TC_OK);
    cr_expect_eq(info.discard, TC_CODE_SENT_DISCARD);
    tc_doc_free(&doc);
    tc_dict_free(&d);
}

Test(code, odd_parses_do_not_crash)
{
    tc_dict *d = dicts();
    /* a head cycle is rejected */
    tc_doc *doc = NULL;
    tc_diag diag = {0};
    static const char cyc[] = "1\tValoria\tValoria\tPROPN\t_\t_\t2\tnsubj\t_\t_\n"
                              "2\taccused\taccuse\tVERB\t_\t_\t1\tobj\t_\t_\n";
    if (tc_conllu_parse(cyc, sizeof cyc - 1, "c", &doc, &diag) == TC_OK) {
        cr_expect_eq(tc_code_doc(d, NULL, doc, 0, NULL), TC_EPARSE);
        tc_doc_free(&doc);
    }
    /* verb with itself as everything, empty lemmas, unknown labels */
    doc = code(d, "accused accuse VERB 0 root;accused _ VERB 1 weird;Valoria Valoria PROPN 2 nsubj", 0, NULL);
    tc_doc_free(&doc);
    tc_dict_free(&d);
}

Test(code, tabari_plural_endings_and_infinitive_targets)
{
    tc_dict *d = dicts();
    /* "the Dreskars": a regular -s ending on a dictionary word */
    tc_doc *doc = code(d, "Valoria Valoria PROPN 2 nsubj;accused accuse VERB 0 root;the the DET 4 det;"
                          "Dreskars Dreskars PROPN 2 obj", 0, NULL);
    cr_expect(has(doc, "VAL", "DRS", "112"));
    tc_doc_free(&doc);
    /* "decided to meet with Dreskar": the target comes from the infinitive's PP, and
     * the embedded verb's own event yields to the governor's */
    doc = code(d, "Valoria Valoria PROPN 2 nsubj;praised praise VERB 0 root;to to PART 4 mark;"
                  "meet meet VERB 2 advcl;with with ADP 6 case;Dreskar Dreskar PROPN 4 obl", 0, NULL);
    cr_expect(has(doc, "VAL", "DRS", "051"));
    cr_expect(!has(doc, "VAL", "DRS", "040"));
    tc_doc_free(&doc);
    tc_dict_free(&d);
}
