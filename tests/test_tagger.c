/* test_tagger.c - tagger training round trip, model file errors, lemmatizer cases. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/mem.h"
#include "nlp/conllu.h"
#include "nlp/lemma.h"
#include "nlp/tagger.h"
#include "testutil.h"

#define TINY "tests/data/ud/tiny_train.conllu"

static void train_tiny(void **img, size_t *len, uint64_t seed)
{
    tc_doc *d = NULL;
    cr_assert_eq(tc_conllu_read_file(TINY, &d, NULL), TC_OK);
    tc_tagger_train_opts o = {.epochs = 6, .seed = seed, .prune = -1, .min_updates = 1, .min_count = 1};
    cr_assert_eq(tc_tagger_train(d, NULL, &o, img, len, NULL), TC_OK);
    cr_assert(*len > 64);
    tc_doc_free(&d);
}

static tc_doc *sample(void)
{
    /* words of the training set in a new order plus unseen words */
    const char *s = "1\tThe\t_\t_\t_\t_\t_\t_\t_\t_\n2\tsoldiers\t_\t_\t_\t_\t_\t_\t_\t_\n"
                    "3\tattacked\t_\t_\t_\t_\t_\t_\t_\t_\n4\tthe\t_\t_\t_\t_\t_\t_\t_\t_\n"
                    "5\tcapital\t_\t_\t_\t_\t_\t_\t_\t_\n6\tin\t_\t_\t_\t_\t_\t_\t_\t_\n"
                    "7\tJanuary\t_\t_\t_\t_\t_\t_\t_\t_\n8\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n";
    tc_doc *d = NULL;
    cr_assert_eq(tc_conllu_parse(s, strlen(s), "sample", &d, NULL), TC_OK);
    return d;
}

static char *tags_of(tc_doc *d)
{
    tc_buf b = TC_BUF_INIT;
    for (uint32_t i = 0; i < d->nsent; i++)
        for (uint32_t j = 0; j < d->sent[i].ntok; j++) {
            tc_token *t = &d->sent[i].tok[j];
            tc_buf_printf(&b, "%s/%s/%s ", t->upos, t->xpos, t->feats ? t->feats : "_");
        }
    return tc_buf_take(&b);
}

Test(tagger, train_save_load_identical_predictions)
{
    void *img = NULL, *img2 = NULL;
    size_t len = 0, len2 = 0;
    train_tiny(&img, &len, 7);
    train_tiny(&img2, &len2, 7);
    cr_assert_eq(len, len2);
    cr_assert(memcmp(img, img2, len) == 0, "training is not deterministic");
    tc_free(img2);

    tc_tagger *a = NULL, *b = NULL;
    cr_assert_eq(tc_tagger_load_mem(&a, img, len, "mem", NULL), TC_OK);
    char *path = tt_tmpfile(".bin", img, len);
    cr_assert_eq(tc_tagger_load(&b, path, NULL), TC_OK);
    tc_doc *d1 = sample(), *d2 = sample();
    cr_assert_eq(tc_tagger_tag_doc(a, d1), TC_OK);
    cr_assert_eq(tc_tagger_tag_doc(b, d2), TC_OK);
    char *t1 = tags_of(d1), *t2 = tags_of(d2);
    cr_assert_str_eq(t1, t2);
    /* the model learnt its training data */
    cr_assert_str_eq(d1->sent[0].tok[0].upos, "DET");
    cr_assert_str_eq(d1->sent[0].tok[2].xpos, "VBD");
    cr_assert_str_eq(d1->sent[0].tok[3].feats, "Definite=Def|PronType=Art");
    cr_assert_str_eq(d1->sent[0].tok[7].upos, "PUNCT");
    cr_assert_eq(d1->sent[0].tok[0].upos_id, tc_tagger_upos_index("DET") + 1);
    tc_doc *tr = NULL;
    cr_assert_eq(tc_conllu_read_file(TINY, &tr, NULL), TC_OK);
    double u, x, f;
    cr_assert_eq(tc_tagger_accuracy(a, tr, &u, &x, &f), TC_OK);
    cr_assert(u > 0.95 && x > 0.95 && f > 0.9, "train accuracy %f %f %f", u, x, f);
    tc_tagger_info info;
    tc_tagger_get_info(a, &info);
    cr_assert(info.nclass >= 10 && info.bytes == len);
    tc_free(t1);
    tc_free(t2);
    tc_doc_free(&tr);
    tc_doc_free(&d1);
    tc_doc_free(&d2);
    tc_tagger_free(&a);
    tc_tagger_free(&b);
    cr_assert_null(a);
    unlink(path);
    free(path);
    tc_free(img);
}

static void train_tiny_mix(void **img, size_t *len, int mix)
{
    tc_doc *d = NULL;
    cr_assert_eq(tc_conllu_read_file(TINY, &d, NULL), TC_OK);
    tc_tagger_train_opts o = {.epochs = 4, .seed = 3, .prune = -1, .min_updates = 1, .min_count = 1, .mix = mix};
    cr_assert_eq(tc_tagger_train(d, NULL, &o, img, len, NULL), TC_OK);
    tc_doc_free(&d);
}

Test(tagger, mixture_of_runs)
{
    void *one = NULL, *one2 = NULL, *mix = NULL, *mix2 = NULL;
    size_t lone = 0, lone2 = 0, lmix = 0, lmix2 = 0;
    train_tiny_mix(&one, &lone, 0);
    train_tiny_mix(&one2, &lone2, 1);
    /* mix 1 is the plain single run */
    cr_assert(lone == lone2 && memcmp(one, one2, lone) == 0);
    train_tiny_mix(&mix, &lmix, 3);
    train_tiny_mix(&mix2, &lmix2, 3);
    cr_assert(lmix == lmix2 && memcmp(mix, mix2, lmix) == 0, "mixture is not deterministic");
    /* the averaged weights of three differently shuffled runs are not run 1's */
    cr_assert(lmix != lone || memcmp(mix, one, lone) != 0);
    tc_tagger *t = NULL;
    cr_assert_eq(tc_tagger_load_mem(&t, mix, lmix, "mix", NULL), TC_OK);
    tc_doc *tr = NULL;
    cr_assert_eq(tc_conllu_read_file(TINY, &tr, NULL), TC_OK);
    double u, x, f;
    cr_assert_eq(tc_tagger_accuracy(t, tr, &u, &x, &f), TC_OK);
    cr_assert(u > 0.95 && x > 0.95 && f > 0.9, "train accuracy %f %f %f", u, x, f);
    tc_doc *d = sample();
    cr_assert_eq(tc_tagger_tag_doc(t, d), TC_OK);
    cr_assert_str_eq(d->sent[0].tok[0].upos, "DET");
    cr_assert_str_eq(d->sent[0].tok[2].xpos, "VBD");
    tc_doc_free(&d);
    tc_doc_free(&tr);
    tc_tagger_free(&t);
    tc_free(one);
    tc_free(one2);
    tc_free(mix);
    tc_free(mix2);
}

static void expect_load_error(const void *data, size_t len, tc_status want, const char *what)
{
    tt_diaglog log = {0};
    tc_diag d = tt_diag(&log);
    tc_tagger *t = NULL;
    cr_assert_eq(tc_tagger_load_mem(&t, data, len, "m.bin", &d), want, "len %zu", len);
    cr_assert_null(t);
    cr_assert_eq(log.nerr, 1);
    cr_assert(strstr(log.text, what) != NULL, "want '%s' in '%s'", what, log.text);
    tt_diaglog_free(&log);
}

Test(tagger, bad_model_files)
{
    void *img = NULL;
    size_t len = 0;
    train_tiny(&img, &len, 1);
    unsigned char *m = img;
    /* truncated anywhere */
    expect_load_error(m, 0, TC_ETRUNC, "truncated");
    expect_load_error(m, 12, TC_ETRUNC, "truncated");
    expect_load_error(m, 100, TC_ETRUNC, "truncated");
    expect_load_error(m, len / 2, TC_ETRUNC, "truncated");
    expect_load_error(m, len - 1, TC_ETRUNC, "truncated");
    /* another version */
    unsigned char *c = malloc(len);
    memcpy(c, m, len);
    c[8] = TC_TAGGER_VERSION + 1;
    expect_load_error(c, len, TC_EVERSION, "version");
    /* flipped byte in the body */
    memcpy(c, m, len);
    c[len / 2] ^= 0x5a;
    expect_load_error(c, len, TC_EFORMAT, "checksum");
    /* not a model */
    expect_load_error("hello world, this is text and not a tagger model", 48, TC_EFORMAT, "magic");
    free(c);
    tt_diaglog log = {0};
    tc_diag d = tt_diag(&log);
    tc_tagger *t = NULL;
    cr_assert_eq(tc_tagger_load(&t, "/nonexistent/tagger.bin", &d), TC_EIO);
    tt_diaglog_free(&log);
    tc_free(img);
}

static void put_file(const char *dir, const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs(text, f);
    fclose(f);
}

static uint32_t wordnet_forms(const char *dir, void **img, size_t *len)
{
    tc_doc *d = NULL;
    cr_assert_eq(tc_conllu_read_file(TINY, &d, NULL), TC_OK);
    tc_tagger_train_opts o = {.epochs = 3, .seed = 1, .prune = -1, .min_updates = 1, .min_count = 1, .wordnet_dir = dir};
    cr_assert_eq(tc_tagger_train(d, NULL, &o, img, len, NULL), TC_OK);
    tc_doc_free(&d);
    tc_tagger *t = NULL;
    cr_assert_eq(tc_tagger_load_mem(&t, *img, *len, "mem", NULL), TC_OK);
    tc_tagger_info info;
    tc_tagger_get_info(t, &info);
    tc_doc *s = sample();
    cr_assert_eq(tc_tagger_tag_doc(t, s), TC_OK);
    cr_assert_not_null(s->sent[0].tok[2].upos);
    tc_doc_free(&s);
    tc_tagger_free(&t);
    return info.nwordnet;
}

Test(tagger, wordnet_classes_in_model)
{
    /* a miniature WordNet in the Princeton file formats (our own entries): two index
     * entries (one multi-word, skipped), an exception, a data line naming an instance */
    char dir[] = "/tmp/tacitus-wnXXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    put_file(dir, "index.noun",
             "  1 license text lines start with spaces\n"
             "grumbleweed n 1 1 @ 1 0 00000000  \n"
             "grumble_pot n 1 1 @ 1 0 00000000  \n");
    put_file(dir, "data.noun", "00000000 03 n 02 Grumbleweed 0 Zorblat 0 001 @i 00000000 n 0000 | x\n");
    put_file(dir, "index.verb", "zorble v 1 1 @ 1 0 00000000  \n");
    put_file(dir, "verb.exc", "zorblen zorble\n");
    void *a = NULL, *b = NULL, *c = NULL;
    size_t la = 0, lb = 0, lc = 0;
    /* grumbleweed, zorblat (a name in data.noun), zorble, zorblen */
    cr_assert_eq(wordnet_forms(dir, &a, &la), 4);
    cr_assert_eq(wordnet_forms(dir, &b, &lb), 4);
    cr_assert(la == lb && memcmp(a, b, la) == 0, "training with WordNet is not deterministic");
    /* no WordNet: no such features, the tagger still trains and tags */
    cr_assert_eq(wordnet_forms("/nonexistent-wordnet", &c, &lc), 0);
    const char *names[] = {"index.noun", "data.noun", "index.verb", "verb.exc"};
    for (int i = 0; i < 4; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        unlink(path);
    }
    rmdir(dir);
    tc_free(a);
    tc_free(b);
    tc_free(c);
}

static const char *lem(const tc_lemma *lm, const tc_tagger *t, const char *form, const char *upos,
                       const char *xpos)
{
    static char buf[128];
    tc_lemma_word(lm, t, form, upos, xpos, buf, sizeof buf);
    return buf;
}

Test(lemma, rules_without_wordnet)
{
    tc_lemma *lm = NULL;
    cr_assert_eq(tc_lemma_open(&lm, "/nonexistent/wordnet", NULL), TC_OK);
    cr_assert_not_null(lm);
    cr_assert_eq(tc_lemma_has_wordnet(lm), 0);
    cr_assert_str_eq(lem(lm, NULL, "walked", "VERB", "VBD"), "walk");
    cr_assert_str_eq(lem(lm, NULL, "stopped", "VERB", "VBD"), "stop");
    cr_assert_str_eq(lem(lm, NULL, "cities", "NOUN", "NNS"), "city");
    cr_assert_str_eq(lem(lm, NULL, "Churches", "NOUN", "NNS"), "church");
    cr_assert_str_eq(lem(lm, NULL, "located", "VERB", "VBN"), "locate");
    cr_assert_str_eq(lem(lm, NULL, "Geneva", "PROPN", "NNP"), "Geneva");
    cr_assert_str_eq(lem(lm, NULL, "Talks", "NOUN", "NN"), "talks");
    cr_assert_str_eq(lem(lm, NULL, "12,000", "NUM", "CD"), "12000");
    cr_assert_str_eq(lem(lm, NULL, "1,234.5", "NUM", "CD"), "1234.5");
    cr_assert_str_eq(lem(lm, NULL, "4,25", "NUM", "CD"), "4.25"); /* decimal comma */
    cr_assert_str_eq(lem(lm, NULL, "4,2500", "NUM", "CD"), "42500");
    cr_assert_str_eq(lem(lm, NULL, "2-3", "NUM", "CD"), "2-3");
    cr_assert_str_eq(lem(lm, NULL, "Seven", "NUM", "CD"), "seven");
    cr_assert_str_eq(lem(lm, NULL, "!", "PUNCT", "."), "!");
    cr_assert_str_eq(lem(NULL, NULL, "Ministers", "NOUN", "NNS"), "minister");
    tc_lemma_free(&lm);
    cr_assert_null(lm);
}

Test(lemma, wordnet_exceptions_and_checked_rules)
{
    if (access(TC_LEMMA_WORDNET_DIR "/index.noun", R_OK) != 0) {
        fprintf(stderr, "skip: %s not present\n", TC_LEMMA_WORDNET_DIR);
        cr_skip_test();
    }
    tc_lemma *lm = NULL;
    cr_assert_eq(tc_lemma_open(&lm, NULL, NULL), TC_OK);
    cr_assert(tc_lemma_has_wordnet(lm));
    cr_assert_str_eq(lem(lm, NULL, "mice", "NOUN", "NNS"), "mouse");
    cr_assert_str_eq(lem(lm, NULL, "went", "VERB", "VBD"), "go");
    cr_assert_str_eq(lem(lm, NULL, "running", "VERB", "VBG"), "run");
    cr_assert_str_eq(lem(lm, NULL, "hoped", "VERB", "VBD"), "hope");
    cr_assert_str_eq(lem(lm, NULL, "staged", "VERB", "VBD"), "stage");
    cr_assert_str_eq(lem(lm, NULL, "needed", "VERB", "VBD"), "need");
    cr_assert_str_eq(lem(lm, NULL, "bigger", "ADJ", "JJR"), "big");
    cr_assert_str_eq(lem(lm, NULL, "studies", "NOUN", "NNS"), "study");
    cr_assert_str_eq(lem(lm, NULL, "buses", "NOUN", "NNS"), "bus");
    cr_assert_str_eq(lem(lm, NULL, "Dogs", "NOUN", "NNS"), "dog");
    cr_assert_str_eq(lem(lm, NULL, "glasses", "NOUN", "NN"), "glasses");
    tc_lemma_free(&lm);
}

Test(lemma, unseen_word_conventions)
{
    if (access(TC_LEMMA_WORDNET_DIR "/index.noun", R_OK) != 0) {
        fprintf(stderr, "skip: %s not present\n", TC_LEMMA_WORDNET_DIR);
        cr_skip_test();
    }
    tc_lemma *lm = NULL;
    cr_assert_eq(tc_lemma_open(&lm, NULL, NULL), TC_OK);
    /* capitals that no dictionary knows: an acronym keeps them; a word does not */
    cr_assert_str_eq(lem(lm, NULL, "QXRT", "NOUN", "NN"), "QXRT");
    cr_assert_str_eq(lem(lm, NULL, "ZK40", "NOUN", "NN"), "ZK40");
    cr_assert_str_eq(lem(lm, NULL, "HOUSE", "NOUN", "NN"), "house");
    cr_assert_str_eq(lem(lm, NULL, "Qxrt", "NOUN", "NN"), "qxrt");
    /* letters drawn out */
    cr_assert_str_eq(lem(lm, NULL, "gooood", "ADJ", "JJ"), "good");
    cr_assert_str_eq(lem(lm, NULL, "Sooo", "ADV", "RB"), "so");
    cr_assert_str_eq(lem(lm, NULL, "looong", "ADJ", "JJ"), "long");
    cr_assert_str_eq(lem(lm, NULL, "zzzz", "NOUN", "NN"), "zzzz");
    cr_assert_str_eq(lem(lm, NULL, "sooo", "ADJ", "JJ"), "so"); /* known as another POS */
    /* plurals and verbs written with an apostrophe */
    cr_assert_str_eq(lem(lm, NULL, "DJ's", "NOUN", "NNS"), "dj");
    cr_assert_str_eq(lem(lm, NULL, "1590's", "NOUN", "NNS"), "1590s");
    cr_assert_str_eq(lem(lm, NULL, "AK47's", "NOUN", "NNS"), "AK47");
    cr_assert_str_eq(lem(lm, NULL, "let\xE2\x80\x99s", "VERB", "VBZ"), "let");
    cr_assert_str_eq(lem(lm, NULL, "Friday's", "PROPN", "NNPS"), "Friday");
    /* a plural listed as a lemma of its own when its singular is not */
    cr_assert_str_eq(lem(lm, NULL, "earnings", "NOUN", "NNS"), "earnings");
    cr_assert_str_eq(lem(lm, NULL, "savings", "NOUN", "NNS"), "saving");
    /* tagged as part of a name (NNP): a capital stays */
    cr_assert_str_eq(lem(lm, NULL, "Superior", "ADJ", "NNP"), "Superior");
    cr_assert_str_eq(lem(lm, NULL, "Superior", "ADJ", "JJ"), "superior");
    cr_assert_str_eq(lem(lm, NULL, "UNITED", "ADJ", "NNP"), "United");
    cr_assert_str_eq(lem(lm, NULL, "Rolling", "VERB", "NNP"), "Roll");
    tc_lemma_free(&lm);
}

Test(lemma, plural_names)
{
    tc_lemma *lm = NULL;
    cr_assert_eq(tc_lemma_open(&lm, "/nonexistent", NULL), TC_OK);
    cr_assert_str_eq(lem(lm, NULL, "Marches", "PROPN", "NNPS"), "March");
    cr_assert_str_eq(lem(lm, NULL, "Embassies", "PROPN", "NNPS"), "Embassy");
    cr_assert_str_eq(lem(lm, NULL, "Americans", "PROPN", "NNPS"), "American");
    cr_assert_str_eq(lem(lm, NULL, "democrats", "PROPN", "NNPS"), "Democrat");
    cr_assert_str_eq(lem(lm, NULL, "Andes", "PROPN", "NNP"), "Andes");
    tc_lemma_free(&lm);
}

Test(lemma, training_table_names_numbers_and_split_words)
{
    tc_doc *d = NULL;
    cr_assert_eq(tc_conllu_read_file("tests/data/ud/lemma_train.conllu", &d, NULL), TC_OK);
    tc_tagger_train_opts o = {.epochs = 3, .seed = 1, .prune = -1, .min_updates = 1, .min_count = 1};
    void *img = NULL;
    size_t len = 0;
    cr_assert_eq(tc_tagger_train(d, NULL, &o, &img, &len, NULL), TC_OK);
    tc_doc_free(&d);
    tc_tagger *t = NULL;
    cr_assert_eq(tc_tagger_load_mem(&t, img, len, "mem", NULL), TC_OK);
    tc_lemma *lm = NULL;
    cr_assert_eq(tc_lemma_open(&lm, "/nonexistent", NULL), TC_OK);
    /* a name seen capitalised: its lemma for any case, but unseen capitals are kept */
    cr_assert_str_eq(lem(lm, t, "india", "PROPN", "NNP"), "India");
    cr_assert_str_eq(lem(lm, t, "India", "PROPN", "NNP"), "India");
    cr_assert_str_eq(lem(lm, t, "INDIA", "PROPN", "NNP"), "INDIA");
    /* seen in lower case too: lower case stays although Al is more frequent */
    cr_assert_str_eq(lem(lm, t, "al", "PROPN", "NNP"), "al");
    cr_assert_str_eq(lem(lm, t, "Al", "PROPN", "NNP"), "Al");
    /* pieces of a split e-mail address (GW) do not lend their lemma to the name */
    cr_assert_str_eq(lem(lm, t, "John", "PROPN", "NNP"), "John");
    cr_assert_str_eq(lem(lm, t, "john", "PROPN", "NNP"), "John");
    /* a number in letters is lowercased whatever its case */
    cr_assert_str_eq(lem(lm, t, "ONe", "NUM", "CD"), "one");
    /* the capital of a sentence's first word says nothing: Dark (seen in a name) is
     * lowercased there, also after an opening bracket, but not inside the sentence */
    const char *s = "1\tDark\t_\tADJ\tJJ\t_\t_\t_\t_\t_\n2\trooms\t_\tNOUN\tNNS\t_\t_\t_\t_\t_\n\n"
                    "1\t(\t_\tPUNCT\t-LRB-\t_\t_\t_\t_\t_\n2\tDark\t_\tADJ\tJJ\t_\t_\t_\t_\t_\n\n"
                    "1\tthe\t_\tDET\tDT\t_\t_\t_\t_\t_\n2\tDark\t_\tADJ\tJJ\t_\t_\t_\t_\t_\n"
                    "3\tForest\t_\tPROPN\tNNP\t_\t_\t_\t_\t_\n\n";
    cr_assert_eq(tc_conllu_parse(s, strlen(s), "x", &d, NULL), TC_OK);
    cr_assert_eq(tc_lemma_doc(lm, t, d), TC_OK);
    cr_assert_str_eq(d->sent[0].tok[0].lemma, "dark");
    cr_assert_str_eq(d->sent[0].tok[1].lemma, "room");
    cr_assert_str_eq(d->sent[1].tok[1].lemma, "dark");
    cr_assert_str_eq(d->sent[2].tok[1].lemma, "Dark");
    tc_doc_free(&d);
    /* a sentence all in capitals: names get one capital (the table's if it has one);
     * elsewhere a name in capitals stays so */
    s = "1\tGUARDS\t_\tNOUN\tNNS\t_\t_\t_\t_\t_\n2\tLEFT\t_\tVERB\tVBD\t_\t_\t_\t_\t_\n"
        "3\tKARVOLA\t_\tPROPN\tNNP\t_\t_\t_\t_\t_\n4\tFOR\t_\tADP\tIN\t_\t_\t_\t_\t_\n"
        "5\tINDIA\t_\tPROPN\tNNP\t_\t_\t_\t_\t_\n\n"
        "1\tGuards\t_\tNOUN\tNNS\t_\t_\t_\t_\t_\n2\tleft\t_\tVERB\tVBD\t_\t_\t_\t_\t_\n"
        "3\tKARVOLA\t_\tPROPN\tNNP\t_\t_\t_\t_\t_\n4\tfor\t_\tADP\tIN\t_\t_\t_\t_\t_\n"
        "5\tINDIA\t_\tPROPN\tNNP\t_\t_\t_\t_\t_\n\n";
    cr_assert_eq(tc_conllu_parse(s, strlen(s), "x", &d, NULL), TC_OK);
    cr_assert_eq(tc_lemma_doc(lm, t, d), TC_OK);
    cr_assert_str_eq(d->sent[0].tok[0].lemma, "guard");
    cr_assert_str_eq(d->sent[0].tok[2].lemma, "Karvola");
    cr_assert_str_eq(d->sent[0].tok[4].lemma, "India");
    cr_assert_str_eq(d->sent[1].tok[2].lemma, "KARVOLA");
    cr_assert_str_eq(d->sent[1].tok[4].lemma, "INDIA");
    tc_doc_free(&d);
    tc_lemma_free(&lm);
    tc_tagger_free(&t);
    tc_free(img);
}

Test(lemma, training_lookup_and_special_cases)
{
    void *img = NULL;
    size_t len = 0;
    train_tiny(&img, &len, 1);
    tc_tagger *t = NULL;
    cr_assert_eq(tc_tagger_load_mem(&t, img, len, "mem", NULL), TC_OK);
    tc_lemma *lm = NULL;
    cr_assert_eq(tc_lemma_open(&lm, "/nonexistent", NULL), TC_OK);
    cr_assert_str_eq(lem(lm, t, "n't", "PART", "RB"), "not");
    cr_assert_str_eq(lem(lm, t, "I", "PRON", "PRP"), "I");
    cr_assert_str_eq(lem(lm, t, "withdrew", "VERB", "VBD"), "withdraw");
    cr_assert_str_eq(lem(lm, t, "WITHDREW", "VERB", "VBD"), "withdraw");
    cr_assert_str_eq(lem(lm, t, "were", "AUX", "VBD"), "be");
    cr_assert_str_eq(lem(lm, t, "'s", "PART", "POS"), "'s");
    /* "'s" as an auxiliary: be, but have before been */
    const char *s = "1\tIt\t_\tPRON\tPRP\t_\t_\t_\t_\t_\n2\t's\t_\tAUX\tVBZ\t_\t_\t_\t_\t_\n"
                    "3\tbeen\t_\tVERB\tVBN\t_\t_\t_\t_\t_\n\n"
                    "1\tIt\t_\tPRON\tPRP\t_\t_\t_\t_\t_\n2\t's\t_\tAUX\tVBZ\t_\t_\t_\t_\t_\n"
                    "3\tlate\t_\tADJ\tJJ\t_\t_\t_\t_\t_\n\n";
    tc_doc *d = NULL;
    cr_assert_eq(tc_conllu_parse(s, strlen(s), "x", &d, NULL), TC_OK);
    cr_assert_eq(tc_lemma_doc(lm, t, d), TC_OK);
    cr_assert_str_eq(d->sent[0].tok[1].lemma, "have");
    cr_assert_str_eq(d->sent[0].tok[2].lemma, "be");
    cr_assert_str_eq(d->sent[1].tok[1].lemma, "have"); /* tiny training set: 's AUX -> have */
    cr_assert_str_eq(d->sent[1].tok[0].lemma, "it");
    tc_doc_free(&d);
    /* an unseen capitalised adjective keeps its case inside a sentence, not first */
    s = "1\tCheap\t_\tADJ\tJJ\t_\t_\t_\t_\t_\n2\tProvisional\t_\tADJ\tJJ\t_\t_\t_\t_\t_\n"
        "3\tBIGGER\t_\tADJ\tJJR\t_\t_\t_\t_\t_\n\n";
    cr_assert_eq(tc_conllu_parse(s, strlen(s), "x", &d, NULL), TC_OK);
    cr_assert_eq(tc_lemma_doc(lm, t, d), TC_OK);
    cr_assert_str_eq(d->sent[0].tok[0].lemma, "cheap");
    cr_assert_str_eq(d->sent[0].tok[1].lemma, "Provisional");
    cr_assert_str_eq(d->sent[0].tok[2].lemma, "big");
    tc_doc_free(&d);
    tc_lemma_free(&lm);
    tc_tagger_free(&t);
    tc_free(img);
}

Test(tagger, ufeats_filter)
{
    char b[128];
    cr_assert_eq(tc_tagger_ufeats("Mood=Ind|Typo=Yes|VerbForm=Fin", b, sizeof b), 21);
    cr_assert_str_eq(b, "Mood=Ind|VerbForm=Fin");
    cr_assert_eq(tc_tagger_ufeats("_", b, sizeof b), 0);
    cr_assert_eq(tc_tagger_ufeats("NumForm=Digit|NumType=Card", b, sizeof b), 12);
    cr_assert_str_eq(b, "NumType=Card");
    cr_assert_eq(tc_tagger_ufeats("Number=Sing", b, 4), -1);
}

Test(tagger, long_sentence_and_empty)
{
    void *img = NULL;
    size_t len = 0;
    train_tiny(&img, &len, 3);
    tc_tagger *t = NULL;
    cr_assert_eq(tc_tagger_load_mem(&t, img, len, "mem", NULL), TC_OK);
    tc_buf b = TC_BUF_INIT;
    for (int i = 1; i <= 600; i++)
        tc_buf_printf(&b, "%d\t%s\t_\t_\t_\t_\t_\t_\t_\t_\n", i, i % 3 ? "the" : "army");
    tc_doc *d = NULL;
    cr_assert_eq(tc_conllu_parse(b.data, b.len, "long", &d, NULL), TC_OK);
    cr_assert_eq(tc_tagger_tag_doc(t, d), TC_OK);
    cr_assert_str_eq(d->sent[0].tok[0].upos, "DET");
    cr_assert_str_eq(d->sent[0].tok[599].upos, "NOUN");
    tc_sentence empty = {0};
    cr_assert_eq(tc_tagger_tag(t, &empty), TC_OK);
    tc_doc_free(&d);
    tc_buf_free(&b);
    tc_tagger_free(&t);
    tc_free(img);
}

Test(tagger, cli_train_and_eval)
{
    char *out = NULL, *err = NULL;
    char *model = tt_tmpfile(".bin", "", 0);
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "train tagger --train " TINY " --dev " TINY " -o %s --epochs 4 -q", model);
    int rc = tt_run(cmd, NULL, &out, &err);
    cr_assert_eq(rc, 0, "%s", err);
    free(out);
    free(err);
    snprintf(cmd, sizeof cmd, "eval-ud " TINY " --tagger %s --no-parser --json -q --wordnet /nonexistent", model);
    rc = tt_run(cmd, NULL, &out, &err);
    cr_assert_eq(rc, 0, "%s", err);
    cr_assert(strncmp(out, "{\"UPOS\": ", 9) == 0, "%s", out);
    cr_assert(strstr(out, "\"XPOS\": ") && strstr(out, "\"UFeats\": ") && strstr(out, "\"Lemmas\": "));
    cr_assert(strstr(out, "UAS") == NULL);
    cr_assert(atof(out + 9) > 80.0, "%s", out);
    free(out);
    free(err);
    rc = tt_run("train tagger --train " TINY, NULL, NULL, &err);
    cr_assert_eq(rc, 2);
    cr_assert(strstr(err, "-o FILE is required") != NULL, "%s", err);
    free(err);
    unlink(model);
    free(model);
}
