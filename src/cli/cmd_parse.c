/* cmd_parse.c - `tacitus parse`: raw text (or CoNLL-U) -> sentences, tokens, tags,
 * lemmas, dependency trees -> CoNLL-U on stdout. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "cli_models.h"
#include "nlp/conllu.h"
#include "nlp/lemma.h"
#include "nlp/parser.h"
#include "nlp/split.h"
#include "nlp/tagger.h"

static int run(int argc, char **argv);

const cli_command cli_cmd_parse = {
    "parse",
    "tag and dependency-parse text; CoNLL-U on stdout",
    "usage: tacitus parse [--parser F] [--tagger F] [--split-model F] [--keep-tags]\n"
    "                     [--input-format F] [--text-field F] [--timing] [FILE...|-]\n"
    "Split raw text into sentences and tokens, tag, lemmatise and parse it (UD v2),\n"
    "and print CoNLL-U.  With --input-format conllu the input is pre-tokenised\n"
    "CoNLL-U (one document per file): its tokens are kept, tags are predicted\n"
    "again (unless --keep-tags) and the trees are replaced.\n"
    "  --parser F          parser model (default: models/parser.bin next to the\n"
    "                      binary's directory, $TACITUS_MODELS, or ./models)\n"
    "  --tagger F          tagger model (default: models/tagger.bin, same search)\n"
    "  --split-model F     sentence splitter model (default models/splitter.bin if\n"
    "                      present; --no-split-model: rules only)\n"
    "  --keep-tags         CoNLL-U input: keep the given UPOS/XPOS/FEATS/LEMMA\n"
    "  --timing            print words, seconds and words/s of each stage on stderr\n"
    "  --input-format F    text, jsonl, petrarch-xml, conllu, ... (default: auto)\n"
    "  --text-field F      JSONL field holding the text\n",
    run,
};

typedef struct parse_run {
    tc_splitter *sp;
    tc_parser *parser;
    tc_tagger *tagger;
    tc_lemma *lemma;
    tc_split_model *split_model;
    tc_parser_ws *ws;
    tc_buf out;
    int keep_tags;
    unsigned long ndoc, nsent, nword;
    double t_split, t_tag, t_parse;
    int err;
} parse_run;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Explicit path, else cli_find_model (TACITUS_MODELS, beside the binary, ./models).
 * Returns a tc_malloc'ed path or NULL. */
static char *find_model(const char *given, const char *name)
{
    if (given) return tc_strdup(given);
    char buf[8192];
    const char *p = cli_find_model(name, buf, sizeof buf, NULL);
    return p ? tc_strdup(p) : NULL;
}

static int process(parse_run *r, tc_doc *d)
{
    double t0 = now();
    if (!d->nsent) {
        tc_split_opts so;
        memset(&so, 0, sizeof so);
        so.model = r->split_model;
        if (!r->sp && tc_split_new(&r->sp, &so) != TC_OK) {
            fprintf(stderr, "%s: parse: out of memory\n", cli_prog);
            return CLI_BADINPUT;
        }
        tc_status st = tc_split_doc(r->sp, d);
        if (st != TC_OK) {
            fprintf(stderr, "%s: parse: %s: split: %s\n", cli_prog, d->id ? d->id : "?",
                    tc_status_str(st));
            r->err = 1;
            return 0;
        }
    }
    double t1 = now();
    if (r->tagger && !r->keep_tags) {
        tc_status ts = tc_tagger_tag_doc(r->tagger, d);
        if (ts != TC_OK) {
            fprintf(stderr, "%s: parse: %s: tagger: %s\n", cli_prog, d->id ? d->id : "?",
                    tc_status_str(ts));
            r->err = 1;
            return 0;
        }
        if (r->lemma && tc_lemma_doc(r->lemma, r->tagger, d) != TC_OK) {
            fprintf(stderr, "%s: parse: out of memory\n", cli_prog);
            return CLI_BADINPUT;
        }
    }
    double t2 = now();
    tc_status st = tc_parser_parse_doc(r->parser, r->ws, d);
    double t3 = now();
    if (st != TC_OK) {
        fprintf(stderr, "%s: parse: %s: %s\n", cli_prog, d->id ? d->id : "?", tc_status_str(st));
        r->err = 1;
        return 0;
    }
    r->t_split += t1 - t0;
    r->t_tag += t2 - t1;
    r->t_parse += t3 - t2;
    r->ndoc++;
    r->nsent += d->nsent;
    for (uint32_t i = 0; i < d->nsent; i++) r->nword += d->sent[i].ntok;
    tc_buf_clear(&r->out);
    if (tc_conllu_write(d, 0, &r->out) != TC_OK) {
        fprintf(stderr, "%s: parse: out of memory\n", cli_prog);
        return CLI_BADINPUT;
    }
    if (r->out.len && fwrite(r->out.data, 1, r->out.len, stdout) != r->out.len) {
        fprintf(stderr, "%s: parse: write error\n", cli_prog);
        return CLI_BADINPUT;
    }
    return 0;
}

static int on_doc(tc_doc *d, void *ud, int *keep)
{
    (void)keep;
    return process(ud, d);
}

static void print_rate(const char *what, unsigned long n, double secs)
{
    fprintf(stderr, "%s: %-6s %lu words in %.3f s CPU = %.0f words/s\n", cli_prog, what, n, secs,
            secs > 0 ? (double)n / secs : 0.0);
}

static int run(int argc, char **argv)
{
    tc_read_opts opts = {0};
    parse_run r;
    memset(&r, 0, sizeof r);
    const char *parser_path = NULL, *tagger_path = NULL, *split_path = NULL;
    int no_split_model = 0;
    int timing = 0;
    char **inputs = argv + 1;
    int nin = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int c = cli_input_option(&cli_cmd_parse, argc, argv, &i, &opts);
        if (c < 0) return CLI_USAGE;
        if (c > 0) continue;
        if (!strcmp(a, "--parser") || !strcmp(a, "--tagger")) {
            if (i + 1 >= argc) return cli_usage_error(&cli_cmd_parse, "%s needs a file", a);
            if (a[2] == 'p') parser_path = argv[++i];
            else tagger_path = argv[++i];
        } else if (!strcmp(a, "--split-model")) {
            if (i + 1 >= argc) return cli_usage_error(&cli_cmd_parse, "%s needs a file", a);
            split_path = argv[++i];
        } else if (!strcmp(a, "--no-split-model")) {
            no_split_model = 1;
        } else if (!strcmp(a, "--timing")) {
            timing = 1;
        } else if (!strcmp(a, "--keep-tags")) {
            r.keep_tags = 1;
        } else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            cli_print_usage(&cli_cmd_parse, stdout);
            return CLI_OK;
        } else if (a[0] == '-' && a[1]) {
            return cli_usage_error(&cli_cmd_parse, "unknown option '%s'", a);
        } else {
            inputs[nin++] = argv[i];
        }
    }
    tc_diag diag = cli_diag();
    if (!r.keep_tags) {
        char *tp = find_model(tagger_path, "tagger.bin");
        if (!tp) {
            fprintf(stderr,
                    "%s: parse: no tagger model (give --tagger F, set TACITUS_MODELS or run "
                    "'make models')\n",
                    cli_prog);
            return CLI_USAGE;
        }
        tc_status ts = tc_tagger_load(&r.tagger, tp, &diag);
        tc_free(tp);
        if (ts != TC_OK) return CLI_BADINPUT;
        if (tc_lemma_open(&r.lemma, NULL, &diag) != TC_OK) {
            tc_tagger_free(&r.tagger);
            return CLI_BADINPUT;
        }
    }
    if (opts.format != TC_FMT_CONLLU && !no_split_model) {
        char *sp = find_model(split_path, "splitter.bin");
        if (sp) {
            tc_status ss = tc_split_model_load(&r.split_model, sp, &diag);
            tc_free(sp);
            if (ss != TC_OK) {
                tc_lemma_free(&r.lemma);
                tc_tagger_free(&r.tagger);
                return CLI_BADINPUT;
            }
        } else if (split_path) {
            return CLI_USAGE;
        }
    }
    char *pp = find_model(parser_path, "parser.bin");
    if (!pp) {
        fprintf(stderr,
                "%s: parse: no parser model (give --parser F, set TACITUS_MODELS or run "
                "'make models')\n",
                cli_prog);
        return CLI_USAGE;
    }
    tc_status st = tc_parser_load(&r.parser, pp, &diag);
    tc_free(pp);
    r.ws = st == TC_OK ? tc_parser_ws_new() : NULL;
    if (!r.ws) {
        tc_parser_free(&r.parser);
        tc_lemma_free(&r.lemma);
        tc_tagger_free(&r.tagger);
        tc_split_model_free(&r.split_model);
        return CLI_BADINPUT;
    }
    int rc = 0;
    if (opts.format == TC_FMT_CONLLU) {
        static char *stdin_only[] = {"-"};
        if (!nin) {
            inputs = stdin_only;
            nin = 1;
        }
        for (int i = 0; i < nin && !rc; i++) {
            tc_doc *d = NULL;
            if (tc_conllu_read_file(inputs[i], &d, &diag) != TC_OK) {
                rc = CLI_BADINPUT;
                break;
            }
            rc = process(&r, d);
            tc_doc_free(&d);
        }
    } else {
        tc_read_stats stats = {0};
        rc = cli_for_each_doc(nin, inputs, &opts, &diag, &stats, on_doc, &r);
    }
    if (fflush(stdout) != 0 && !rc) rc = CLI_BADINPUT;
    if (timing) {
        fprintf(stderr, "%s: parse: %lu documents, %lu sentences, %lu words\n", cli_prog, r.ndoc,
                r.nsent, r.nword);
        print_rate("split", r.nword, r.t_split);
        print_rate("tag", r.nword, r.t_tag);
        print_rate("parse", r.nword, r.t_parse);
        print_rate("tag+parse", r.nword, r.t_tag + r.t_parse);
    }
    tc_split_free(&r.sp);
    tc_parser_ws_free(&r.ws);
    tc_parser_free(&r.parser);
    tc_lemma_free(&r.lemma);
    tc_tagger_free(&r.tagger);
    tc_split_model_free(&r.split_model);
    tc_buf_free(&r.out);
    if (!rc && r.err) rc = CLI_BADINPUT;
    return rc;
}
