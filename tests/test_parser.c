/* test_parser.c - dependency parser: oracles, training round trip, tree
 * well-formedness on odd input, model file errors. */
#include <criterion/criterion.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/doc.h"
#include "nlp/conllu.h"
#include "nlp/parser.h"
#include "testutil.h"

#define SMALL "tests/data/parser/small.conllu"

static tc_doc *read_small(void)
{
    tc_doc *d = NULL;
    tt_diaglog log = {0};
    tc_diag diag = tt_diag(&log);
    cr_assert_eq(tc_conllu_read_file(SMALL, &d, &diag), TC_OK, "%s", log.text ? log.text : "");
    tt_diaglog_free(&log);
    cr_assert_geq(d->nsent, 10);
    return d;
}

static tc_parser *train_small_bits(const tc_doc *d, uint64_t seed, int weight_bits)
{
    tc_parser_train_opts o;
    tc_parser_train_opts_default(&o);
    o.weight_bits = weight_bits;
    o.epochs = 12;
    o.patience = 0;
    o.seed = seed;
    o.trans_bits = 14;
    o.label_bits = 10;
    o.min_word_count = 1;
    tc_parser *p = NULL;
    cr_assert_eq(tc_parser_train(&p, d->sent, d->nsent, NULL, 0, &o, NULL), TC_OK);
    cr_assert_not_null(p);
    return p;
}

static tc_parser *train_small(const tc_doc *d, uint64_t seed)
{
    return train_small_bits(d, seed, 16);
}

/* Single root, heads in range, no cycles, labels set. */
static void assert_tree(const tc_sentence *s)
{
    int n = (int)s->ntok, roots = 0;
    for (int i = 0; i < n; i++) {
        int h = s->tok[i].head;
        cr_assert(h >= 0 && h <= n && h != i + 1, "word %d: head %d of %d", i + 1, h, n);
        cr_assert_not_null(s->tok[i].deprel);
        if (h == 0) roots++;
        int x = i + 1, steps = 0;
        while (x != 0) {
            x = s->tok[x - 1].head;
            cr_assert(++steps <= n, "cycle through word %d", i + 1);
        }
    }
    if (n) cr_assert_eq(roots, 1, "%d roots", roots);
}

Test(parser, static_oracle_reproduces_projective_trees)
{
    tc_doc *d = read_small();
    int nproj = 0, nonproj = 0;
    for (uint32_t i = 0; i < d->nsent; i++) {
        int rep, cost, steps;
        cr_assert_eq(tc_parser_oracle_check(&d->sent[i], &rep, &cost, &steps), TC_OK);
        if (tc_parser_projective(&d->sent[i])) {
            nproj++;
            cr_assert_eq(rep, 1, "sentence %u not reproduced", i + 1);
            cr_assert_eq(cost, 0, "sentence %u: gold transition with cost %d", i + 1, cost);
            cr_assert_eq(steps, 2 * (int)d->sent[i].ntok, "sentence %u: %d steps", i + 1, steps);
        } else {
            nonproj++;
            cr_assert_eq(rep, 0, "a non-projective tree cannot be derived");
        }
    }
    cr_assert_geq(nproj, 12);
    cr_assert_eq(nonproj, 1); /* the last sentence: "hearing ... on the issue" */
    tc_doc_free(&d);
}

Test(parser, projectivity_check)
{
    tc_doc *d = read_small();
    cr_assert_eq(tc_parser_projective(&d->sent[0]), 1);
    cr_assert_eq(tc_parser_projective(&d->sent[d->nsent - 1]), 0);
    tc_doc_free(&d);
}

Test(parser, learns_small_set_and_round_trips)
{
    tc_doc *d = read_small();
    tc_parser *p = train_small(d, 7);
    cr_assert_geq(tc_parser_nlabels(p), 15);
    tc_parser_ws *ws = tc_parser_ws_new();
    size_t w, u, l;
    cr_assert_eq(tc_parser_score(p, ws, d->sent, d->nsent, &w, &u, &l), TC_OK);
    /* the training set is learnt (all but the non-projective arc) */
    cr_assert_geq((double)u / (double)w, 0.95, "UAS %zu/%zu", u, w);
    cr_assert_geq((double)l / (double)w, 0.90, "LAS %zu/%zu", l, w);

    char *path = tt_tmpfile(".bin", "", 0);
    cr_assert_eq(tc_parser_save(p, path, NULL), TC_OK);
    tc_parser *q = NULL;
    cr_assert_eq(tc_parser_load(&q, path, NULL), TC_OK);
    tc_doc *d1 = read_small(), *d2 = read_small();
    cr_assert_eq(tc_parser_parse_doc(p, ws, d1), TC_OK);
    cr_assert_eq(tc_parser_parse_doc(q, ws, d2), TC_OK);
    for (uint32_t i = 0; i < d1->nsent; i++) {
        assert_tree(&d1->sent[i]);
        for (uint32_t j = 0; j < d1->sent[i].ntok; j++) {
            cr_assert_eq(d1->sent[i].tok[j].head, d2->sent[i].tok[j].head);
            cr_assert_str_eq(d1->sent[i].tok[j].deprel, d2->sent[i].tok[j].deprel);
        }
    }
    /* a known sentence: passive subject and agent */
    const tc_sentence *s = &d2->sent[2];
    cr_assert_str_eq(s->tok[1].deprel, "nsubj:pass");
    cr_assert_eq(s->tok[1].head, 4);
    cr_assert_str_eq(s->tok[3].deprel, "root");
    unlink(path);
    free(path);
    tc_doc_free(&d1);
    tc_doc_free(&d2);
    tc_parser_free(&q);
    tc_parser_free(&p);
    tc_parser_ws_free(&ws);
    cr_assert_null(ws);
    tc_doc_free(&d);
}

/* int8 weights (file version 2): the training set is still learnt, the file is
 * about half the size, and save/load gives the same trees. */
Test(parser, int8_weights_learn_and_round_trip)
{
    tc_doc *d = read_small();
    tc_parser *p8 = train_small_bits(d, 7, 8), *p16 = train_small(d, 7);
    tc_parser_ws *ws = tc_parser_ws_new();
    size_t w, u, l;
    cr_assert_eq(tc_parser_score(p8, ws, d->sent, d->nsent, &w, &u, &l), TC_OK);
    cr_assert_geq((double)u / (double)w, 0.95, "UAS %zu/%zu", u, w);
    cr_assert_geq((double)l / (double)w, 0.90, "LAS %zu/%zu", l, w);
    char *path8 = tt_tmpfile(".bin", "", 0), *path16 = tt_tmpfile(".bin", "", 0);
    cr_assert_eq(tc_parser_save(p8, path8, NULL), TC_OK);
    cr_assert_eq(tc_parser_save(p16, path16, NULL), TC_OK);
    struct stat st8, st16;
    cr_assert_eq(stat(path8, &st8), 0);
    cr_assert_eq(stat(path16, &st16), 0);
    cr_assert_lt(st8.st_size, st16.st_size * 6 / 10, "%lld vs %lld", (long long)st8.st_size,
                 (long long)st16.st_size);
    tc_parser *q = NULL;
    cr_assert_eq(tc_parser_load(&q, path8, NULL), TC_OK);
    tc_doc *d1 = read_small(), *d2 = read_small();
    cr_assert_eq(tc_parser_parse_doc(p8, ws, d1), TC_OK);
    cr_assert_eq(tc_parser_parse_doc(q, ws, d2), TC_OK);
    for (uint32_t i = 0; i < d1->nsent; i++) {
        assert_tree(&d2->sent[i]);
        for (uint32_t j = 0; j < d1->sent[i].ntok; j++) {
            cr_assert_eq(d1->sent[i].tok[j].head, d2->sent[i].tok[j].head);
            cr_assert_str_eq(d1->sent[i].tok[j].deprel, d2->sent[i].tok[j].deprel);
        }
    }
    unlink(path8);
    unlink(path16);
    free(path8);
    free(path16);
    tc_doc_free(&d1);
    tc_doc_free(&d2);
    tc_parser_free(&q);
    tc_parser_free(&p8);
    tc_parser_free(&p16);
    tc_parser_ws_free(&ws);
    tc_doc_free(&d);
}

Test(parser, training_is_deterministic)
{
    tc_doc *d = read_small();
    tc_parser *a = train_small(d, 3), *b = train_small(d, 3);
    char *pa = tt_tmpfile(".bin", "", 0), *pb = tt_tmpfile(".bin", "", 0);
    cr_assert_eq(tc_parser_save(a, pa, NULL), TC_OK);
    cr_assert_eq(tc_parser_save(b, pb, NULL), TC_OK);
    size_t la, lb;
    char *ca = tt_slurp(pa, &la), *cb = tt_slurp(pb, &lb);
    cr_assert_eq(la, lb);
    cr_assert(memcmp(ca, cb, la) == 0, "same seed, different model");
    unlink(pa);
    unlink(pb);
    free(pa);
    free(pb);
    free(ca);
    free(cb);
    tc_parser_free(&a);
    tc_parser_free(&b);
    tc_doc_free(&d);
}

/* Build a sentence of n tokens with the given forms/tags cycling. */
static tc_sentence *make_sentence(tc_doc *doc, uint32_t n, const char *const *forms,
                                  const char *const *tags, size_t nf)
{
    tc_sentence *s = tc_doc_add_sentence(doc, 0, 0, n);
    cr_assert_not_null(s);
    for (uint32_t i = 0; i < n; i++) {
        s->tok[i].form = forms[(i * 7 + 3) % nf];
        s->tok[i].upos = tags[(i * 7 + 3) % nf];
        s->tok[i].xpos = tags[(i * 5 + 1) % nf];
    }
    return s;
}

Test(parser, trees_well_formed_on_odd_input)
{
    tc_doc *d = read_small();
    tc_parser *p = train_small(d, 1);
    tc_parser_ws *ws = tc_parser_ws_new();
    tc_doc *x = tc_doc_new();
    static const char *const words[] = {"the", "Minister", "said", ",", "zzqx", "2026", "of",
                                        "(", ")", "rebels", "!", "and", "Dr.", "é"};
    static const char *const tags[] = {"DET", "PROPN", "VERB", "PUNCT", "X", "NUM", "ADP",
                                       "PUNCT", "PUNCT", "NOUN", "PUNCT", "CCONJ", "PROPN",
                                       NULL};
    static const char *const punct[] = {".", ",", "!", "?", ";", "--", "(", ")"};
    static const char *const ptags[] = {"PUNCT", "PUNCT", "PUNCT", "PUNCT", "PUNCT",
                                        "PUNCT", "PUNCT", "PUNCT"};
    tc_sentence *s1 = make_sentence(x, 1, words, tags, 14);
    tc_sentence *s2 = make_sentence(x, 300, words, tags, 14);
    tc_sentence *s3 = make_sentence(x, 40, punct, ptags, 8);
    tc_sentence *s4 = make_sentence(x, 2, punct, ptags, 8);
    tc_sentence *s0 = tc_doc_add_sentence(x, 0, 0, 0);
    cr_assert_not_null(s0);
    (void)s1;
    (void)s2;
    (void)s3;
    (void)s4;
    cr_assert_eq(tc_parser_parse_doc(p, ws, x), TC_OK);
    for (uint32_t i = 0; i < x->nsent; i++) assert_tree(&x->sent[i]);
    cr_assert_eq(x->sent[0].tok[0].head, 0);
    cr_assert_str_eq(x->sent[0].tok[0].deprel, "root");
    /* random forms and tags, many lengths; parsing twice gives the same tree */
    tc_doc *y = tc_doc_new();
    unsigned seed = 12345;
    for (int k = 0; k < 60; k++) {
        seed = seed * 1103515245u + 12345u;
        uint32_t n = 1 + (seed >> 16) % 70;
        tc_sentence *s = tc_doc_add_sentence(y, 0, 0, n);
        for (uint32_t i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            s->tok[i].form = words[(seed >> 16) % 14];
            s->tok[i].upos = tags[(seed >> 20) % 14];
        }
    }
    cr_assert_eq(tc_parser_parse_doc(p, ws, y), TC_OK);
    for (uint32_t i = 0; i < y->nsent; i++) assert_tree(&y->sent[i]);
    tc_doc_free(&y);
    tc_doc_free(&x);
    tc_parser_ws_free(&ws);
    tc_parser_free(&p);
    tc_doc_free(&d);
}

static tc_status load_bytes(const void *data, size_t len, tt_diaglog *log)
{
    tc_diag diag = tt_diag(log);
    tc_parser *q = NULL;
    tc_status st = tc_parser_load_mem(&q, data, len, "model.bin", &diag);
    if (st == TC_OK) tc_parser_free(&q);
    else cr_assert_null(q);
    return st;
}

Test(parser, bad_model_files)
{
    tc_doc *d = read_small();
    tc_parser *p = train_small(d, 1);
    char *path = tt_tmpfile(".bin", "", 0);
    cr_assert_eq(tc_parser_save(p, path, NULL), TC_OK);
    size_t len;
    unsigned char *img = (unsigned char *)tt_slurp(path, &len);
    cr_assert_not_null(img);
    tt_diaglog log = {0};
    cr_assert_eq(load_bytes(img, len, &log), TC_OK);

    /* truncated at several points */
    size_t cuts[] = {0, 5, 63, 64, 4000, len / 2, len - 1};
    for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
        tt_diaglog l2 = {0};
        tc_status st = load_bytes(img, cuts[i], &l2);
        cr_assert_eq(st, TC_ETRUNC, "cut at %zu: %s", cuts[i], tc_status_str(st));
        cr_assert_not_null(strstr(l2.text, "truncated"), "%s", l2.text);
        tt_diaglog_free(&l2);
    }
    /* another version */
    unsigned char *v = malloc(len);
    memcpy(v, img, len);
    v[8] = (unsigned char)(v[8] + 40); /* no such version (1 = int16, 2 = int8) */
    tt_diaglog l3 = {0};
    cr_assert_eq(load_bytes(v, len, &l3), TC_EVERSION);
    cr_assert_not_null(strstr(l3.text, "version"), "%s", l3.text);
    tt_diaglog_free(&l3);
    /* a flipped weight byte: checksum */
    memcpy(v, img, len);
    v[len - 100] ^= 0x40;
    tt_diaglog l4 = {0};
    cr_assert_eq(load_bytes(v, len, &l4), TC_EFORMAT);
    cr_assert_not_null(strstr(l4.text, "checksum"), "%s", l4.text);
    tt_diaglog_free(&l4);
    /* not a model at all */
    tt_diaglog l5 = {0};
    cr_assert_eq(load_bytes("hello, world, this is not a model file at all", 45, &l5),
                 TC_EFORMAT);
    tt_diaglog_free(&l5);
    /* missing file */
    tc_parser *q = NULL;
    cr_assert_eq(tc_parser_load(&q, "tests/data/parser/no-such-model.bin", NULL), TC_EIO);
    cr_assert_null(q);

    free(v);
    free(img);
    unlink(path);
    free(path);
    tt_diaglog_free(&log);
    tc_parser_free(&p);
    tc_doc_free(&d);
}

Test(parser, cli_parse_conllu_input)
{
    tc_doc *d = read_small();
    tc_parser *p = train_small(d, 1);
    char *path = tt_tmpfile(".bin", "", 0);
    cr_assert_eq(tc_parser_save(p, path, NULL), TC_OK);
    char args[512];
    snprintf(args, sizeof args, "parse --parser %s --keep-tags --input-format conllu %s", path,
             SMALL);
    char *out = NULL, *err = NULL;
    int rc = tt_run(args, NULL, &out, &err);
    cr_assert_eq(rc, 0, "%s", err ? err : "");
    tc_doc *o = NULL;
    cr_assert_eq(tc_conllu_parse(out, strlen(out), "out", &o, NULL), TC_OK);
    cr_assert_eq(o->nsent, d->nsent);
    for (uint32_t i = 0; i < o->nsent; i++) assert_tree(&o->sent[i]);
    tc_doc_free(&o);
    free(out);
    free(err);
    /* a truncated model file is a clear error */
    size_t len;
    char *img = tt_slurp(path, &len);
    char *bad = tt_tmpfile(".bin", img, len / 3);
    snprintf(args, sizeof args, "parse --parser %s --keep-tags --input-format conllu %s", bad,
             SMALL);
    rc = tt_run(args, NULL, NULL, &err);
    cr_assert_neq(rc, 0);
    cr_assert_not_null(strstr(err, "truncated"), "%s", err);
    free(err);
    unlink(bad);
    unlink(path);
    free(bad);
    free(img);
    free(path);
    tc_parser_free(&p);
    tc_doc_free(&d);
}

/* train parser on predicted tags: jackknifed train plus a copy tagged by the tagger model
 * (--both-tags); --both-tags alone is a usage error. */
Test(parser, cli_train_jackknife_both_tags)
{
    char *tagger = tt_tmpfile(".bin", "", 0), *model = tt_tmpfile(".bin", "", 0);
    char args[1024];
    snprintf(args, sizeof args,
             "train tagger --train %s --dev %s -o %s --epochs 2 -q", SMALL, SMALL, tagger);
    char *err = NULL;
    int rc = tt_run(args, NULL, NULL, &err);
    cr_assert_eq(rc, 0, "%s", err ? err : "");
    free(err);
    snprintf(args, sizeof args,
             "train parser --train %s --dev %s -o %s --tagger %s --jackknife 2 --both-tags "
             "--epochs 3 --trans-bits 14 --label-bits 10 --min-count 1",
             SMALL, SMALL, model, tagger);
    rc = tt_run(args, NULL, NULL, &err);
    cr_assert_eq(rc, 0, "%s", err ? err : "");
    cr_assert_not_null(strstr(err, "jackknifed, and a copy tagged by the model"), "%s", err);
    free(err);
    tc_parser *p = NULL;
    cr_assert_eq(tc_parser_load(&p, model, NULL), TC_OK);
    tc_doc *d = read_small();
    tc_parser_ws *ws = tc_parser_ws_new();
    for (uint32_t i = 0; i < d->nsent; i++) {
        cr_assert_eq(tc_parser_parse(p, ws, &d->sent[i]), TC_OK);
        assert_tree(&d->sent[i]);
    }
    tc_parser_ws_free(&ws);
    tc_doc_free(&d);
    tc_parser_free(&p);
    snprintf(args, sizeof args, "train parser --train %s -o %s --tagger %s --both-tags", SMALL,
             model, tagger);
    rc = tt_run(args, NULL, NULL, &err);
    cr_assert_neq(rc, 0);
    cr_assert_not_null(strstr(err, "--both-tags needs --jackknife"), "%s", err);
    free(err);
    unlink(tagger);
    unlink(model);
    free(tagger);
    free(model);
}

/* The dynamic oracle's costs add up: after random transitions, following the
 * cheapest transitions loses exactly the arcs the costs announced. */
Test(parser, dynamic_oracle_costs_are_exact)
{
    tc_doc *d = read_small();
    for (uint32_t i = 0; i < d->nsent; i++) {
        if (!tc_parser_projective(&d->sent[i])) continue;
        for (int k = 0; k < 40; k++) {
            int cost, errors;
            cr_assert_eq(tc_parser_oracle_explore(&d->sent[i], (uint64_t)k, k % 12, &cost,
                                                  &errors),
                         TC_OK);
            cr_assert_eq(cost, errors, "sentence %u seed %d: costs %d, errors %d", i + 1, k,
                         cost, errors);
            if (k % 12 == 0) cr_assert_eq(errors, 0);
        }
    }
    tc_doc_free(&d);
}

/* On the real treebank: the static oracle derives every projective tree with
 * zero-cost transitions; random exploration keeps costs exact. */
Test(parser, oracles_on_ewt_train)
{
    const char *path = tt_shared("data/ud/UD_English-EWT/en_ewt-ud-train.conllu");
    if (!path) cr_skip_test();
    tc_doc *d = NULL;
    cr_assert_eq(tc_conllu_read_file(path, &d, NULL), TC_OK);
    size_t nproj = 0, mismatch = 0;
    for (uint32_t i = 0; i < d->nsent; i++) {
        const tc_sentence *s = &d->sent[i];
        if (!tc_parser_projective(s)) continue;
        nproj++;
        int rep, cost, steps;
        cr_assert_eq(tc_parser_oracle_check(s, &rep, &cost, &steps), TC_OK);
        cr_assert_eq(rep, 1, "sentence %u (%s) not reproduced", i + 1, s->id ? s->id : "");
        cr_assert_eq(cost, 0, "sentence %u: gold transition with cost %d", i + 1, cost);
        if (i % 7 == 0) {
            int c2, e2;
            cr_assert_eq(tc_parser_oracle_explore(s, i, (int)(i % 20), &c2, &e2), TC_OK);
            if (c2 != e2) mismatch++;
        }
    }
    /* EWT train: 12,544 sentences, 2.3% non-projective */
    cr_assert_geq(nproj, 12000);
    cr_assert_eq(mismatch, 0, "%zu explored sentences where costs != errors", mismatch);
    tc_doc_free(&d);
}

/* Punctuation re-attachment on our own small trees.  Each mark starts on a
 * wrong head (word 1 or the root word); the expected heads follow the UD
 * convention. */
static tc_doc *punct_doc(const char *conllu)
{
    tc_doc *d = NULL;
    cr_assert_eq(tc_conllu_parse(conllu, strlen(conllu), "punct", &d, NULL), TC_OK);
    return d;
}

#define W(id, form, upos, head, rel) id "\t" form "\t_\t" upos "\t_\t_\t" head "\t" rel "\t_\t_\n"

Test(parser, fix_punct_hand_written_trees)
{
    const char *text =
        /* the final period keeps its head; comma before a conjunct -> that conjunct */
        W("1", "The", "DET", "2", "det") W("2", "rebels", "NOUN", "3", "nsubj")
        W("3", "fired", "VERB", "0", "root") W("4", ",", "PUNCT", "1", "punct")
        W("5", "and", "CCONJ", "8", "cc") W("6", "the", "DET", "7", "det")
        W("7", "army", "NOUN", "8", "nsubj") W("8", "replied", "VERB", "3", "conj")
        W("9", ".", "PUNCT", "3", "punct") "\n"
        /* comma after a fronted phrase -> the phrase; before a trailing clause -> the clause */
        W("1", "In", "ADP", "2", "case") W("2", "March", "PROPN", "5", "obl")
        W("3", ",", "PUNCT", "5", "punct") W("4", "envoys", "NOUN", "5", "nsubj")
        W("5", "left", "VERB", "0", "root") W("6", ",", "PUNCT", "1", "punct")
        W("7", "citing", "VERB", "5", "advcl") W("8", "threats", "NOUN", "7", "obj")
        W("9", ".", "PUNCT", "5", "punct") "\n"
        /* a quoted clause: both quotes -> its head, not the verb of saying */
        W("1", "He", "PRON", "2", "nsubj") W("2", "said", "VERB", "0", "root")
        W("3", "\"", "PUNCT", "2", "punct") W("4", "we", "PRON", "6", "nsubj")
        W("5", "will", "AUX", "6", "aux") W("6", "talk", "VERB", "2", "ccomp")
        W("7", "\"", "PUNCT", "2", "punct") W("8", ".", "PUNCT", "2", "punct") "\n"
        /* a parenthesis: both brackets -> the enclosed phrase's head */
        W("1", "The", "DET", "2", "det") W("2", "plan", "NOUN", "8", "nsubj:pass")
        W("3", "(", "PUNCT", "8", "punct") W("4", "a", "DET", "5", "det")
        W("5", "draft", "NOUN", "2", "appos") W("6", ")", "PUNCT", "8", "punct")
        W("7", "was", "AUX", "8", "aux:pass") W("8", "rejected", "VERB", "0", "root")
        W("9", ";", "PUNCT", "2", "punct") W("10", "talks", "NOUN", "11", "nsubj")
        W("11", "continue", "VERB", "8", "parataxis") "\n"
        /* a word hanging from a mark (a parser slip) hangs from the mark's head;
         * the colon goes to the following list */
        W("1", "Two", "NUM", "2", "nummod") W("2", "towns", "NOUN", "3", "nsubj")
        W("3", "fell", "VERB", "0", "root") W("4", ":", "PUNCT", "3", "punct")
        W("5", "Avdiivka", "PROPN", "4", "appos") W("6", "and", "CCONJ", "7", "cc")
        W("7", "Marinka", "PROPN", "5", "conj") "\n";
    static const int want[][11] = {
        {2, 3, 0, 8, 8, 7, 8, 3, 3},
        {2, 5, 2, 5, 0, 7, 5, 7, 5},
        {2, 0, 6, 6, 6, 2, 6, 2},
        {2, 8, 5, 5, 2, 5, 8, 0, 11, 11, 8},
        {2, 3, 0, 5, 3, 7, 5},
    };
    tc_doc *d = punct_doc(text);
    cr_assert_eq(d->nsent, 5);
    tc_parser_ws *ws = tc_parser_ws_new();
    for (uint32_t i = 0; i < d->nsent; i++) {
        tc_sentence *s = &d->sent[i];
        cr_assert_eq(tc_parser_fix_punct(ws, s), TC_OK);
        for (uint32_t j = 0; j < s->ntok; j++)
            cr_assert_eq(s->tok[j].head, want[i][j], "sentence %u word %u (%s): head %d, want %d",
                         i + 1, j + 1, s->tok[j].form, s->tok[j].head, want[i][j]);
        assert_tree(s);
    }
    tc_parser_ws_free(&ws);
    tc_doc_free(&d);
}

/* Marks only, a cycle, no marks, a mark as root: nothing changes. */
Test(parser, fix_punct_leaves_odd_input)
{
    const char *text = W("1", "\"", "PUNCT", "0", "punct") W("2", ",", "PUNCT", "1", "punct") "\n"
        W("1", "a", "X", "2", "dep") W("2", "b", "X", "3", "dep") W("3", ",", "PUNCT", "2", "punct")
        W("4", "c", "X", "1", "dep") W("5", "d", "X", "0", "root") "\n"
        W("1", "Talks", "NOUN", "2", "nsubj") W("2", "resumed", "VERB", "0", "root") "\n"
        W("1", "a", "X", "2", "dep") W("2", ",", "PUNCT", "0", "punct") W("3", "b", "X", "2", "dep") "\n";
    tc_doc *d = punct_doc(text);
    cr_assert_eq(d->nsent, 4);
    int before[4][5];
    for (uint32_t i = 0; i < 4; i++)
        for (uint32_t j = 0; j < d->sent[i].ntok; j++) before[i][j] = d->sent[i].tok[j].head;
    tc_parser_ws *ws = tc_parser_ws_new();
    for (uint32_t i = 0; i < 4; i++) {
        cr_assert_eq(tc_parser_fix_punct(ws, &d->sent[i]), TC_OK);
        for (uint32_t j = 0; j < d->sent[i].ntok; j++)
            cr_assert_eq(d->sent[i].tok[j].head, before[i][j], "sentence %u word %u", i + 1, j + 1);
    }
    cr_assert_eq(tc_parser_fix_punct(NULL, &d->sent[0]), TC_EINVAL);
    tc_parser_ws_free(&ws);
    tc_doc_free(&d);
}

/* On the real treebank: applied to the gold trees, the rule reproduces at
 * least 97% of the gold heads of the marks it re-attaches. */
Test(parser, fix_punct_reproduces_ewt_gold)
{
    const char *path = tt_shared("data/ud/UD_English-EWT/en_ewt-ud-dev.conllu");
    if (!path) cr_skip_test();
    tc_doc *d = NULL;
    cr_assert_eq(tc_conllu_read_file(path, &d, NULL), TC_OK);
    tc_parser_ws *ws = tc_parser_ws_new();
    size_t marks = 0, changed = 0, delim = 0;
    for (uint32_t i = 0; i < d->nsent; i++) {
        tc_sentence *s = &d->sent[i];
        int *gold = malloc(sizeof(int) * (s->ntok + 1));
        cr_assert_not_null(gold);
        for (uint32_t j = 0; j < s->ntok; j++) gold[j] = s->tok[j].head;
        cr_assert_eq(tc_parser_fix_punct(ws, s), TC_OK);
        for (uint32_t j = 0; j < s->ntok; j++) {
            const tc_token *t = &s->tok[j];
            if (t->deprel && !strcmp(t->deprel, "punct")) {
                marks++;
                if (strchr(",;:\"'()", t->form[0])) delim++;
            }
            if (t->head != gold[j]) {
                changed++;
                cr_assert_str_eq(t->deprel, "punct", "sentence %u word %u", i + 1, j + 1);
            }
        }
        free(gold);
    }
    cr_assert_geq(marks, 3000);
    cr_assert_gt(delim, 1000);
    cr_assert_leq(changed * 100, delim * 3, "%zu of %zu marks moved off their gold head",
                  changed, delim);
    tc_parser_ws_free(&ws);
    tc_doc_free(&d);
}

/* Pseudo-projective parsing: our own non-projective trees. */
#define LIFT_ARROW "\xe2\x86\x91"
static const char *const nonproj_text =
    /* one lift: the nmod of the subject after the verb */
    W("1", "A", "DET", "2", "det") W("2", "hearing", "NOUN", "4", "nsubj:pass")
    W("3", "is", "AUX", "4", "aux:pass") W("4", "scheduled", "VERB", "0", "root")
    W("5", "on", "ADP", "7", "case") W("6", "the", "DET", "7", "det")
    W("7", "issue", "NOUN", "2", "nmod") W("8", "today", "NOUN", "4", "obl:unmarked") "\n"
    /* a stranded preposition of a fronted question word */
    W("1", "What", "PRON", "4", "obl") W("2", "did", "AUX", "4", "aux")
    W("3", "you", "PRON", "4", "nsubj") W("4", "ask", "VERB", "0", "root")
    W("5", "for", "ADP", "1", "case") "\n"
    /* two lifts: word 6 goes up from 2 to 1, then to the root word 4 */
    W("1", "Talks", "NOUN", "4", "nsubj") W("2", "with", "NOUN", "1", "nmod")
    W("3", "will", "AUX", "4", "aux") W("4", "resume", "VERB", "0", "root")
    W("5", "Monday", "PROPN", "4", "obj") W("6", "planned", "VERB", "2", "acl") "\n";
static const int nonproj_lifted[][8] = {
    {2, 4, 4, 0, 7, 7, 4, 4},
    {4, 4, 4, 0, 4},
    {4, 1, 4, 0, 4, 4},
};

Test(parser, lift_encode_and_deprojectivise_round_trip)
{
    tc_doc *d = punct_doc(nonproj_text);
    cr_assert_eq(d->nsent, 3);
    static const int nlift[] = {1, 1, 1};
    for (uint32_t i = 0; i < d->nsent; i++) {
        tc_sentence *s = &d->sent[i];
        int head[8];
        const char *rel[8];
        for (uint32_t j = 0; j < s->ntok; j++) {
            head[j] = s->tok[j].head;
            rel[j] = s->tok[j].deprel;
        }
        cr_assert_eq(tc_parser_projective(s), 0, "sentence %u is non-projective", i + 1);
        char buf[8 * TC_PARSER_LABEL_LEN], back[8 * TC_PARSER_LABEL_LEN];
        cr_assert_eq(tc_parser_projectivise(s, buf), nlift[i]);
        cr_assert_eq(tc_parser_projective(s), 1, "sentence %u lifted is projective", i + 1);
        for (uint32_t j = 0; j < s->ntok; j++) {
            cr_assert_eq(s->tok[j].head, nonproj_lifted[i][j], "sentence %u word %u: head %d",
                         i + 1, j + 1, s->tok[j].head);
            if (s->tok[j].head == head[j]) {
                cr_assert_str_eq(s->tok[j].deprel, rel[j]);
            } else {
                char want[64];
                snprintf(want, sizeof want, "%s" LIFT_ARROW "%s", rel[j], rel[head[j] - 1]);
                cr_assert_str_eq(s->tok[j].deprel, want);
            }
        }
        cr_assert_eq(tc_parser_deprojectivise(s, back), nlift[i]);
        for (uint32_t j = 0; j < s->ntok; j++) {
            cr_assert_eq(s->tok[j].head, head[j], "sentence %u word %u: head %d, want %d", i + 1,
                         j + 1, s->tok[j].head, head[j]);
            cr_assert_str_eq(s->tok[j].deprel, rel[j]);
        }
        /* projective trees: nothing to do either way */
        cr_assert_eq(tc_parser_lift(s, NULL), 1);
        cr_assert_eq(tc_parser_lift(s, NULL), 0);
        cr_assert_eq(tc_parser_deprojectivise(s, back), 0);
    }
    /* no head with the wanted label: the word stays */
    tc_doc *e = punct_doc(W("1", "What", "PRON", "3", "obl") W("2", "you", "PRON", "3", "nsubj")
                              W("3", "ask", "VERB", "0", "root")
                              W("4", "for", "ADP", "3", "case" LIFT_ARROW "nmod") "\n");
    char buf[4 * TC_PARSER_LABEL_LEN];
    cr_assert_eq(tc_parser_deprojectivise(&e->sent[0], buf), 1);
    cr_assert_eq(e->sent[0].tok[3].head, 3);
    cr_assert_str_eq(e->sent[0].tok[3].deprel, "case");
    tc_doc_free(&e);
    tc_doc_free(&d);
}

/* Trained on lifted trees with lift labels, the parser prints plain labels and puts the
 * non-projective arcs of its training sentences back. */
Test(parser, pseudo_projective_training_prints_plain_labels)
{
    tc_doc *d = NULL;
    size_t len = strlen(nonproj_text);
    char *text = malloc(3 * len + 1);
    cr_assert_not_null(text);
    for (int k = 0; k < 3; k++) memcpy(text + (size_t)k * len, nonproj_text, len + 1);
    cr_assert_eq(tc_conllu_parse(text, strlen(text), "nonproj", &d, NULL), TC_OK);
    free(text);
    cr_assert_eq(d->nsent, 9);
    tc_parser_train_opts o;
    tc_parser_train_opts_default(&o);
    o.epochs = 10;
    o.patience = 0;
    o.trans_bits = 12;
    o.label_bits = 10;
    o.min_word_count = 1;
    tc_parser *p = NULL;
    cr_assert_eq(tc_parser_train(&p, d->sent, d->nsent, NULL, 0, &o, NULL), TC_OK);
    int marked = 0;
    for (size_t l = 1; l <= tc_parser_nlabels(p); l++)
        marked += strstr(tc_parser_label(p, l), LIFT_ARROW) != NULL;
    cr_assert_eq(marked, 3, "lift labels: %d", marked);
    tc_parser_ws *ws = tc_parser_ws_new();
    for (uint32_t i = 0; i < 3; i++) {
        tc_sentence *s = &d->sent[i];
        int head[8];
        const char *rel[8];
        for (uint32_t j = 0; j < s->ntok; j++) {
            head[j] = s->tok[j].head;
            rel[j] = s->tok[j].deprel;
        }
        cr_assert_eq(tc_parser_parse(p, ws, s), TC_OK);
        assert_tree(s);
        for (uint32_t j = 0; j < s->ntok; j++) {
            cr_assert_null(strstr(s->tok[j].deprel, LIFT_ARROW), "printed %s", s->tok[j].deprel);
            cr_assert_eq(s->tok[j].head, head[j], "sentence %u word %u: head %d, want %d", i + 1,
                         j + 1, s->tok[j].head, head[j]);
            cr_assert_str_eq(s->tok[j].deprel, rel[j]);
        }
    }
    tc_parser_ws_free(&ws);
    tc_parser_free(&p);
    tc_doc_free(&d);
}
