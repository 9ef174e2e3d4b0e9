/* train_tagger.c - `tacitus train tagger`: train the tagger/lemma model from CoNLL-U. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "core/mem.h"
#include "nlp/conllu.h"
#include "nlp/tagger.h"
#include "train.h"

static const char *USAGE =
    "usage: tacitus train tagger --train X.conllu [--dev Y.conllu] -o FILE [options]\n"
    "Train the UPOS/XPOS/FEATS tagger and the lemma table from CoNLL-U with gold\n"
    "tags and lemmas.  The dev file picks the best epoch (never use test data).\n"
    "  --train FILE    training CoNLL-U\n"
    "  --dev FILE      development CoNLL-U for choosing the epoch\n"
    "  -o, --output F  model file to write\n"
    "  --epochs N      training epochs (default 12)\n"
    "  --seed S        shuffling seed (default 1); training is deterministic per seed\n"
    "  --prune W       drop averaged weights below W (default 0.05)\n"
    "  --mix N         average N training runs (each at its best dev epoch) into one\n"
    "                  model (default 1)\n"
    "  --wordnet DIR   WordNet index/exc files for lexical-class features\n"
    "                  (default " TC_TAGGER_WORDNET_DIR ")\n"
    "  -q              no progress lines\n";

static void progress(void *ud, tc_level level, const char *file, long line, const char *msg)
{
    (void)ud;
    if (level == TC_LOG_INFO) {
        if (!cli_quiet) fprintf(stderr, "%s: %s\n", cli_prog, msg);
        return;
    }
    cli_diag_print(NULL, level, file, line, msg);
}

#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
static int usage_err(const char *fmt, ...)
{
    fprintf(stderr, "%s train tagger: ", cli_prog);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n(see '%s train tagger --help')\n", cli_prog);
    return CLI_USAGE;
}

int cli_train_tagger(int argc, char **argv)
{
    const char *train = NULL, *dev = NULL, *out = NULL;
    tc_tagger_train_opts o = {.seed = 1, .prune = -1};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(USAGE, stdout);
            return CLI_OK;
        }
        if (!strcmp(a, "-q")) {
            cli_quiet = 1;
            continue;
        }
        if (i + 1 >= argc) return usage_err("option '%s' needs an argument", a);
        const char *v = argv[++i];
        char *end = NULL;
        errno = 0;
        if (!strcmp(a, "--train")) train = v;
        else if (!strcmp(a, "--dev")) dev = v;
        else if (!strcmp(a, "-o") || !strcmp(a, "--output")) out = v;
        else if (!strcmp(a, "--wordnet")) o.wordnet_dir = v;
        else if (!strcmp(a, "--epochs")) {
            long e = strtol(v, &end, 10);
            if (*end || e < 1 || e > 1000) return usage_err("bad --epochs '%s'", v);
            o.epochs = (int)e;
        } else if (!strcmp(a, "--seed")) {
            unsigned long long s = strtoull(v, &end, 10);
            if (*end || errno) return usage_err("bad --seed '%s'", v);
            o.seed = s;
        } else if (!strcmp(a, "--mix")) {
            long m = strtol(v, &end, 10);
            if (*end || m < 1 || m > 64) return usage_err("bad --mix '%s'", v);
            o.mix = (int)m;
        } else if (!strcmp(a, "--prune")) {
            double p = strtod(v, &end);
            if (*end || p < 0) return usage_err("bad --prune '%s'", v);
            o.prune = p;
        } else {
            return usage_err("unknown option '%s'", a);
        }
    }
    if (!train) return usage_err("%s", "--train is required");
    if (!out) return usage_err("%s", "-o FILE is required");
    tc_diag diag = {progress, NULL, 0, 0};
    clock_t t0 = clock();
    tc_doc *tr = NULL, *dv = NULL;
    if (tc_conllu_read_file(train, &tr, &diag) != TC_OK) return CLI_BADINPUT;
    if (dev && tc_conllu_read_file(dev, &dv, &diag) != TC_OK) {
        tc_doc_free(&tr);
        return CLI_BADINPUT;
    }
    void *model = NULL;
    size_t len = 0;
    tc_status st = tc_tagger_train(tr, dv, &o, &model, &len, &diag);
    tc_doc_free(&tr);
    tc_doc_free(&dv);
    if (st != TC_OK) {
        fprintf(stderr, "%s train tagger: %s\n", cli_prog, tc_status_str(st));
        return CLI_BADINPUT;
    }
    FILE *f = fopen(out, "wb");
    int ok = f && fwrite(model, 1, len, f) == len;
    if (f && fclose(f) != 0) ok = 0;
    tc_free(model);
    if (!ok) {
        fprintf(stderr, "%s train tagger: cannot write '%s': %s\n", cli_prog, out, strerror(errno));
        return CLI_BADINPUT;
    }
    if (!cli_quiet)
        fprintf(stderr, "%s: wrote %s (%zu bytes) in %.1f s CPU\n", cli_prog, out, len,
                (double)(clock() - t0) / CLOCKS_PER_SEC);
    return CLI_OK;
}
