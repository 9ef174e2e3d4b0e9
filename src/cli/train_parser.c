/* train_parser.c - `tacitus train parser`: train the dependency parser on CoNLL-U. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "nlp/conllu.h"
#include "nlp/parser.h"
#include "nlp/tagger.h"
#include "train.h"

static const char USAGE[] =
    "usage: tacitus train parser --train X.conllu --dev Y.conllu -o FILE [options]\n"
    "Train the greedy arc-hybrid dependency parser (averaged perceptron, dynamic oracle).\n"
    "  --train FILE      training treebank (CoNLL-U, gold trees)\n"
    "  --dev FILE        development treebank: selects the best epoch (early stopping)\n"
    "  -o FILE           write the model here\n"
    "  --epochs N        maximum epochs (default 15)\n"
    "  --patience N      stop after N epochs without dev gain (default 4)\n"
    "  --seed S          shuffling/exploration seed (default 1)\n"
    "  --min-count N     words seen fewer times in train are unknown (default 2)\n"
    "  --mix N           train N runs (different shuffles) and average them (default 1)\n"
    "  --explore-p P     probability of following the model after epoch 1 (default 0.9)\n"
    "  --trans-bits B    log2 rows of the transition weight table (default 20)\n"
    "  --label-bits B    log2 rows of the label weight table (default 16)\n"
    "  --weight-bits N   16 (default) or 8: int8 weights, half the model size, faster\n"
    "  --tagger FILE     retag train and dev with this tagger model before training\n"
    "                    (default: models/tagger.bin when present; see --gold-tags)\n"
    "  --jackknife K     tag train by K-fold jackknifing (trains K taggers; default 0:\n"
    "                    tag train with the tagger model itself)\n"
    "  --both-tags       with --jackknife: train on two copies of train, one with the\n"
    "                    jackknifed tags and one with the tags of the tagger model\n"
    "                    (--min-count then counts both copies: it is doubled)\n"
    "  --gold-tags       train on the gold UPOS/XPOS of the treebank\n";

static const cli_command cmd_train_parser = {"train parser", "", USAGE, NULL};

/* Epochs of the jackknife fold taggers, as mk/models.sh trains models/tagger.bin (which
 * also selects its epoch on dev); one run each, not that command's --mix 3, which would
 * triple the time of the folds. */
enum { JK_TAGGER_EPOCHS = 10 };

/* Copy the tags the tagger wrote into tokens into the document arena. */
static void keep_tags(tc_doc *d, tc_sentence *s)
{
    for (uint32_t j = 0; j < s->ntok; j++) {
        tc_token *t = &s->tok[j];
        t->upos = tc_doc_str(d, t->upos);
        t->xpos = tc_doc_str(d, t->xpos);
        t->feats = tc_doc_str(d, t->feats);
    }
}

static tc_status tag_copy(const tc_tagger *tg, tc_doc *d, tc_sentence *s)
{
    tc_status st = tc_tagger_tag(tg, s);
    if (st == TC_OK) keep_tags(d, s);
    return st;
}

/* Jackknifing: tag each of k folds of train with a tagger trained on the others. */
static int jackknife(tc_doc *tdoc, const tc_doc *ddoc, int k, uint64_t seed, tc_diag *diag)
{
    uint32_t n = tdoc->nsent;
    /* predicted tags go to copies first: later folds must still see gold tags */
    tc_token **pred = tc_calloc(n ? n : 1, sizeof *pred);
    if (!pred) return CLI_BADINPUT;
    int rc = CLI_OK;
    for (int f = 0; f < k && rc == CLI_OK; f++) {
        tc_doc *fold = tc_doc_new();
        if (!fold) {
            rc = CLI_BADINPUT;
            break;
        }
        fold->sent = tc_arena_calloc(&fold->arena, n ? n : 1, sizeof *fold->sent);
        if (!fold->sent) {
            tc_doc_free(&fold);
            rc = CLI_BADINPUT;
            break;
        }
        for (uint32_t i = 0; i < n; i++)
            if ((int)(i % (uint32_t)k) != f) fold->sent[fold->nsent++] = tdoc->sent[i];
        tc_tagger_train_opts to = {0};
        to.seed = seed;
        to.prune = -1;
        to.epochs = JK_TAGGER_EPOCHS;
        void *img = NULL;
        size_t len = 0;
        tc_tagger *tg = NULL;
        if (!cli_quiet)
            fprintf(stderr, "tacitus: train parser: jackknife fold %d/%d: training a tagger\n",
                    f + 1, k);
        tc_diag quiet = {0};
        if (tc_tagger_train(fold, ddoc, &to, &img, &len, &quiet) != TC_OK ||
            tc_tagger_load_mem(&tg, img, len, "fold tagger", diag) != TC_OK) {
            fprintf(stderr, "tacitus: train parser: jackknife tagger training failed\n");
            rc = CLI_BADINPUT;
        }
        tc_free(img);
        for (uint32_t i = (uint32_t)f; i < n && rc == CLI_OK; i += (uint32_t)k) {
            tc_sentence s = tdoc->sent[i];
            pred[i] = tc_arena_calloc(&tdoc->arena, s.ntok ? s.ntok : 1, sizeof(tc_token));
            if (!pred[i]) {
                rc = CLI_BADINPUT;
                break;
            }
            memcpy(pred[i], s.tok, s.ntok * sizeof(tc_token));
            s.tok = pred[i];
            if (tag_copy(tg, tdoc, &s) != TC_OK) rc = CLI_BADINPUT;
        }
        tc_tagger_free(&tg);
        tc_doc_free(&fold);
    }
    if (rc == CLI_OK) {
        for (uint32_t i = 0; i < n; i++) {
            tc_sentence *s = &tdoc->sent[i];
            for (uint32_t j = 0; j < s->ntok; j++) {
                s->tok[j].upos = pred[i][j].upos;
                s->tok[j].xpos = pred[i][j].xpos;
                s->tok[j].feats = pred[i][j].feats;
            }
        }
    }
    tc_free(pred);
    return rc;
}

/* Replace gold tags by predicted ones (the parser sees predicted tags at run
 * time): dev with the tagger model, train by jackknifing (k folds) or with the
 * tagger model (k = 0). */
static int retag(const char *tagger, int k, int both, uint64_t seed, tc_doc *tdoc, tc_doc *ddoc,
                 tc_sentence **extra, tc_diag *diag)
{
    const char *path = tagger;
    if (!path) {
        if (access("models/tagger.bin", R_OK) != 0) {
            if (!cli_quiet)
                fprintf(stderr, "tacitus: train parser: no models/tagger.bin: training on gold "
                                "tags\n");
            return CLI_OK;
        }
        path = "models/tagger.bin";
    }
    /* jackknife first: the fold taggers select their epoch on gold-tagged dev */
    int rc = k > 1 ? jackknife(tdoc, ddoc, k, seed, diag) : CLI_OK;
    if (rc != CLI_OK) return rc;
    tc_tagger *tg = NULL;
    if (tc_tagger_load(&tg, path, diag) != TC_OK) return CLI_BADINPUT;
    if (ddoc)
        for (uint32_t i = 0; i < ddoc->nsent && rc == CLI_OK; i++)
            if (tag_copy(tg, ddoc, &ddoc->sent[i]) != TC_OK) rc = CLI_BADINPUT;
    if (k <= 1) {
        for (uint32_t i = 0; i < tdoc->nsent && rc == CLI_OK; i++)
            if (tag_copy(tg, tdoc, &tdoc->sent[i]) != TC_OK) rc = CLI_BADINPUT;
    } else if (both) {
        /* a second copy of train with the tags of the tagger model itself */
        uint32_t n = tdoc->nsent;
        *extra = tc_calloc(n ? n : 1, sizeof **extra);
        if (!*extra) rc = CLI_BADINPUT;
        for (uint32_t i = 0; i < n && rc == CLI_OK; i++) {
            tc_sentence c = tdoc->sent[i];
            c.tok = tc_arena_calloc(&tdoc->arena, c.ntok ? c.ntok : 1, sizeof(tc_token));
            if (!c.tok) {
                rc = CLI_BADINPUT;
                break;
            }
            memcpy(c.tok, tdoc->sent[i].tok, c.ntok * sizeof(tc_token));
            if (tag_copy(tg, tdoc, &c) != TC_OK) rc = CLI_BADINPUT;
            (*extra)[i] = c;
        }
    }
    tc_tagger_free(&tg);
    if (rc == CLI_OK && !cli_quiet)
        fprintf(stderr, "tacitus: train parser: tags predicted by %s%s\n", path,
                k > 1 ? (both ? " (train: jackknifed, and a copy tagged by the model)"
                              : " (train: jackknifed)")
                      : "");
    return rc;
}

static void progress(void *ud, int epoch, double acc, double uas, double las, int best)
{
    clock_t *t0 = ud;
    if (cli_quiet) return;
    double secs = (double)(clock() - *t0) / CLOCKS_PER_SEC;
    if (epoch == 0) {
        fprintf(stderr, "tacitus: parser: averaged runs: dev UAS %.2f LAS %.2f (%.0f s)\n", uas,
                las, secs);
        return;
    }
    int run = epoch / 1000;
    epoch %= 1000;
    if (run) fprintf(stderr, "tacitus: parser run %d:", run + 1);
    if (uas >= 0)
        fprintf(stderr,
                "tacitus: parser epoch %d: train transitions %.2f%%, dev UAS %.2f LAS %.2f%s "
                "(%.0f s)\n",
                epoch, acc, uas, las, best ? " *" : "", secs);
    else
        fprintf(stderr, "tacitus: parser epoch %d: train transitions %.2f%% (%.0f s)\n", epoch,
                acc, secs);
}

static int parse_int(const char *s, long lo, long hi, long *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < lo || v > hi) return -1;
    *out = v;
    return 0;
}

int cli_train_parser(int argc, char **argv)
{
    const char *train = NULL, *dev = NULL, *out = NULL, *tagger = NULL;
    int gold_tags = 0, both = 0;
    long jk = 0;
    tc_sentence *extra = NULL, *all = NULL;
    tc_parser_train_opts o;
    tc_parser_train_opts_default(&o);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        long v;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(USAGE, stdout);
            return CLI_OK;
        }
        if (!strcmp(a, "--gold-tags")) {
            gold_tags = 1;
            continue;
        }
        if (!strcmp(a, "--both-tags")) {
            both = 1;
            continue;
        }
        if (i + 1 >= argc) return cli_usage_error(&cmd_train_parser, "%s needs a value", a);
        const char *val = argv[++i];
        if (!strcmp(a, "--train")) train = val;
        else if (!strcmp(a, "--dev")) dev = val;
        else if (!strcmp(a, "-o") || !strcmp(a, "--output")) out = val;
        else if (!strcmp(a, "--tagger")) tagger = val;
        else if (!strcmp(a, "--jackknife")) {
            if (parse_int(val, 0, 20, &jk))
                return cli_usage_error(&cmd_train_parser, "bad --jackknife '%s' (0..20)", val);
        } else if (!strcmp(a, "--min-count")) {
            if (parse_int(val, 1, 1000, &v))
                return cli_usage_error(&cmd_train_parser, "bad --min-count '%s'", val);
            o.min_word_count = (int)v;
        } else if (!strcmp(a, "--mix")) {
            if (parse_int(val, 1, 16, &v))
                return cli_usage_error(&cmd_train_parser, "bad --mix '%s' (1..16)", val);
            o.mix = (int)v;
        } else if (!strcmp(a, "--epochs")) {
            if (parse_int(val, 1, 1000, &v))
                return cli_usage_error(&cmd_train_parser, "bad --epochs '%s'", val);
            o.epochs = (int)v;
        } else if (!strcmp(a, "--patience")) {
            if (parse_int(val, 0, 1000, &v))
                return cli_usage_error(&cmd_train_parser, "bad --patience '%s'", val);
            o.patience = (int)v;
        } else if (!strcmp(a, "--seed")) {
            char *end;
            unsigned long long s = strtoull(val, &end, 10);
            if (!*val || *end) return cli_usage_error(&cmd_train_parser, "bad --seed '%s'", val);
            o.seed = s;
        } else if (!strcmp(a, "--explore-p")) {
            char *end;
            double p = strtod(val, &end);
            if (!*val || *end || p < 0 || p > 1)
                return cli_usage_error(&cmd_train_parser, "bad --explore-p '%s'", val);
            o.explore_p = p;
        } else if (!strcmp(a, "--trans-bits")) {
            if (parse_int(val, 8, 26, &v))
                return cli_usage_error(&cmd_train_parser, "bad --trans-bits '%s' (8..26)", val);
            o.trans_bits = (unsigned)v;
        } else if (!strcmp(a, "--weight-bits")) {
            if (parse_int(val, 8, 16, &v) || (v != 8 && v != 16))
                return cli_usage_error(&cmd_train_parser, "bad --weight-bits '%s' (8 or 16)", val);
            o.weight_bits = (int)v;
        } else if (!strcmp(a, "--label-bits")) {
            if (parse_int(val, 6, 24, &v))
                return cli_usage_error(&cmd_train_parser, "bad --label-bits '%s' (6..24)", val);
            o.label_bits = (unsigned)v;
        } else {
            return cli_usage_error(&cmd_train_parser, "unknown option '%s'", a);
        }
    }
    if (!train || !out)
        return cli_usage_error(&cmd_train_parser, "--train and -o are required");
    if (both && (jk < 2 || gold_tags))
        return cli_usage_error(&cmd_train_parser, "--both-tags needs --jackknife K (K >= 2) "
                                                  "and predicted tags");

    tc_diag diag = cli_diag();
    tc_doc *tdoc = NULL, *ddoc = NULL;
    if (tc_conllu_read_file(train, &tdoc, &diag) != TC_OK) return CLI_BADINPUT;
    if (dev && tc_conllu_read_file(dev, &ddoc, &diag) != TC_OK) {
        tc_doc_free(&tdoc);
        return CLI_BADINPUT;
    }
    if (!gold_tags) {
        int rc = retag(tagger, (int)jk, both, o.seed, tdoc, ddoc, &extra, &diag);
        if (rc) {
            tc_free(extra);
            tc_doc_free(&tdoc);
            tc_doc_free(&ddoc);
            return rc;
        }
    }
    const tc_sentence *tsent = tdoc->sent;
    size_t ntrain = tdoc->nsent;
    if (extra) {
        /* both tag sets: each sentence twice, so words count twice in the lexicon */
        all = tc_calloc(2 * (size_t)tdoc->nsent + 1, sizeof *all);
        if (!all) {
            tc_free(extra);
            tc_doc_free(&tdoc);
            tc_doc_free(&ddoc);
            return CLI_BADINPUT;
        }
        memcpy(all, tdoc->sent, tdoc->nsent * sizeof *all);
        memcpy(all + tdoc->nsent, extra, tdoc->nsent * sizeof *all);
        tsent = all;
        ntrain = 2 * (size_t)tdoc->nsent;
        o.min_word_count *= 2;
    }
    clock_t t0 = clock();
    o.progress = progress;
    o.progress_ud = &t0;
    tc_parser *p = NULL;
    tc_status st = tc_parser_train(&p, tsent, ntrain, ddoc ? ddoc->sent : NULL,
                                   ddoc ? ddoc->nsent : 0, &o, &diag);
    tc_free(all);
    tc_free(extra);
    if (st != TC_OK) {
        fprintf(stderr, "tacitus: train parser: %s\n", tc_status_str(st));
        tc_doc_free(&tdoc);
        tc_doc_free(&ddoc);
        return CLI_BADINPUT;
    }
    st = tc_parser_save(p, out, &diag);
    if (st == TC_OK && !cli_quiet)
        fprintf(stderr, "tacitus: parser model written to %s (%zu labels, %.0f s)\n", out,
                tc_parser_nlabels(p), (double)(clock() - t0) / CLOCKS_PER_SEC);
    tc_parser_free(&p);
    tc_doc_free(&tdoc);
    tc_doc_free(&ddoc);
    return st == TC_OK ? CLI_OK : CLI_BADINPUT;
}
