/* cmd_eval_ud.c - `tacitus eval-ud`: score tagging/lemmas/parses against UD gold
 * (CoNLL 2018 shared-task semantics, src/nlp/udeval.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "core/mem.h"
#include "nlp/conllu.h"
#include "nlp/lemma.h"
#include "nlp/parser.h"
#include "nlp/split.h"
#include "nlp/tagger.h"
#include "nlp/udeval.h"

static int run(int argc, char **argv);

const cli_command cli_cmd_eval_ud = {
    "eval-ud",
    "score tags, lemmas and parses against UD gold CoNLL-U (CoNLL 2018 metrics)",
    "usage: tacitus eval-ud GOLD.conllu [SYSTEM.conllu | --raw RAW.txt] [options]\n"
    "Score against gold with the CoNLL 2018 shared-task metrics (F1, percent).\n"
    "  (default)        run our tagger, lemmatizer and parser on the gold words and\n"
    "                   report UPOS, XPOS, UFeats, Lemmas, UAS, LAS\n"
    "  SYSTEM.conllu    score that file instead (any tokenisation): Tokens, Sentences,\n"
    "                   Words, UPOS, XPOS, UFeats, Lemmas, UAS, LAS\n"
    "  --raw RAW.txt    split, tokenise, tag and parse the raw text and align it with\n"
    "                   gold by characters: Tokens, Sentences, Words, UPOS, Lemmas, UAS, LAS\n"
    "  --json           print one JSON object {\"METRIC\": F1 percent, ...} (with --raw:\n"
    "                   Tokens, Sentences, UPOS, Lemmas, UAS, LAS)\n"
    "  --tagger FILE    tagger model (default models/tagger.bin)\n"
    "  --parser FILE    parser model (default models/parser.bin; without it no UAS/LAS)\n"
    "  --no-parser      do not parse (tagging and lemmas only)\n"
    "  --split-model F  sentence splitter model (default models/splitter.bin if present)\n"
    "  --wordnet DIR    WordNet directory for the lemmatizer (default /usr/share/wordnet)\n"
    "  -o FILE          also write our CoNLL-U output to FILE\n",
    run,
};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* explicit path, else models/NAME next to the binary's parent dirs, else ./models/NAME */
static char *model_path(const char *given, const char *name)
{
    if (given) return tc_strdup(given);
    char buf[8300];
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    snprintf(buf, sizeof buf, "models/%s", name);
    if (access(buf, R_OK) == 0) return tc_strdup(buf);
    if (n > 0) {
        exe[n] = 0;
        for (int up = 0; up < 3; up++) {
            char *slash = strrchr(exe, '/');
            if (!slash) break;
            *slash = 0;
            snprintf(buf, sizeof buf, "%.4000s/models/%.200s", exe, name);
            if (access(buf, R_OK) == 0) return tc_strdup(buf);
        }
    }
    return NULL;
}

static char *slurp(const char *path, size_t *len)
{
    if (strcmp(path, "-")) return tc_buf_slurp_path(path, len);
    tc_buf b = TC_BUF_INIT;
    if (tc_buf_read_stream(&b, stdin) != TC_OK || tc_buf_putc(&b, 0) != TC_OK) {
        tc_buf_free(&b);
        return NULL;
    }
    *len = b.len - 1;
    return tc_buf_take(&b);
}

/* drop the annotation we are going to predict */
static void strip(tc_doc *d)
{
    for (uint32_t i = 0; i < d->nsent; i++)
        for (uint32_t j = 0; j < d->sent[i].ntok; j++) {
            tc_token *t = &d->sent[i].tok[j];
            t->lemma = t->upos = t->xpos = t->feats = t->deprel = NULL;
            t->head = -1;
            t->upos_id = t->xpos_id = t->deprel_id = 0;
        }
}

static int usage(const char *msg, const char *arg)
{
    return cli_usage_error(&cli_cmd_eval_ud, "%s%s%s", msg, arg ? " " : "", arg ? arg : "");
}

static int run(int argc, char **argv)
{
    const char *gold_path = NULL, *sys_path = NULL, *raw_path = NULL, *out_path = NULL;
    const char *tagger_opt = NULL, *parser_opt = NULL, *split_opt = NULL, *wn = NULL;
    int json = 0, no_parser = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **dst = NULL;
        if (!strcmp(a, "--json")) {
            json = 1;
            continue;
        } else if (!strcmp(a, "--no-parser")) {
            no_parser = 1;
            continue;
        } else if (!strcmp(a, "-q")) {
            cli_quiet = 1;
            continue;
        } else if (!strcmp(a, "--raw")) dst = &raw_path;
        else if (!strcmp(a, "--tagger")) dst = &tagger_opt;
        else if (!strcmp(a, "--parser")) dst = &parser_opt;
        else if (!strcmp(a, "--split-model")) dst = &split_opt;
        else if (!strcmp(a, "--wordnet")) dst = &wn;
        else if (!strcmp(a, "-o")) dst = &out_path;
        else if (a[0] == '-' && a[1]) return usage("unknown option", a);
        if (dst) {
            if (i + 1 >= argc) return usage("missing argument after", a);
            *dst = argv[++i];
            continue;
        }
        if (!gold_path) gold_path = a;
        else if (!sys_path) sys_path = a;
        else return usage("too many arguments:", a);
    }
    if (!gold_path) return usage("a gold CoNLL-U file is required", NULL);
    if (sys_path && raw_path) return usage("give either SYSTEM.conllu or --raw, not both", NULL);
    tc_diag diag = cli_diag();
    int rc = CLI_OK;
    tc_doc *gold = NULL, *sys = NULL;
    tc_tagger *tg = NULL;
    tc_lemma *lm = NULL;
    tc_parser *ps = NULL;
    tc_parser_ws *ws = NULL;
    tc_splitter *sp = NULL;
    tc_split_model *sm = NULL;
    char *tpath = NULL, *ppath = NULL, *spath = NULL, *raw = NULL;
    int parsed = 0;
    if (tc_conllu_read_file(gold_path, &gold, &diag) != TC_OK) return CLI_BADINPUT;
    if (sys_path) {
        if (tc_conllu_read_file(sys_path, &sys, &diag) != TC_OK) {
            rc = CLI_BADINPUT;
            goto out;
        }
        parsed = 1;
    } else {
        tpath = model_path(tagger_opt, "tagger.bin");
        if (!tpath || tc_tagger_load(&tg, tpath, &diag) != TC_OK) {
            if (!tpath)
                fprintf(stderr, "%s: eval-ud: no tagger model (models/tagger.bin; run make models)\n",
                        cli_prog);
            rc = CLI_BADINPUT;
            goto out;
        }
        if (tc_lemma_open(&lm, wn, &diag) != TC_OK) {
            rc = CLI_BADINPUT;
            goto out;
        }
        ppath = no_parser ? NULL : model_path(parser_opt, "parser.bin");
        if (ppath) {
            if (tc_parser_load(&ps, ppath, &diag) != TC_OK || !(ws = tc_parser_ws_new())) {
                rc = CLI_BADINPUT;
                goto out;
            }
        } else if (!cli_quiet && !no_parser) {
            fprintf(stderr, "%s: eval-ud: no parser model; UAS/LAS not reported\n", cli_prog);
        }
        if (raw_path) {
            size_t len = 0;
            raw = slurp(raw_path, &len);
            if (!raw) {
                fprintf(stderr, "%s: eval-ud: cannot read '%s'\n", cli_prog, raw_path);
                rc = CLI_BADINPUT;
                goto out;
            }
            sys = tc_doc_new();
            if (!sys || tc_doc_set_text(sys, raw, len) != TC_OK) goto nomem;
            spath = model_path(split_opt, "splitter.bin");
            if (spath && tc_split_model_load(&sm, spath, &diag) != TC_OK) {
                rc = CLI_BADINPUT;
                goto out;
            }
            tc_split_opts so = {0, TC_NL_AUTO, sm};
            if (tc_split_new(&sp, &so) != TC_OK) goto nomem;
        } else {
            if (tc_conllu_read_file(gold_path, &sys, &diag) != TC_OK) {
                rc = CLI_BADINPUT;
                goto out;
            }
            strip(sys);
        }
        double t0 = now();
        if (sp && tc_split_doc(sp, sys) != TC_OK) goto nomem;
        double t1 = now();
        if (tc_tagger_tag_doc(tg, sys) != TC_OK || tc_lemma_doc(lm, tg, sys) != TC_OK) goto nomem;
        double t2 = now();
        if (ps) {
            if (tc_parser_parse_doc(ps, ws, sys) != TC_OK) goto nomem;
            parsed = 1;
        }
        double t3 = now();
        size_t nw = 0, ntok = 0;
        for (uint32_t i = 0; i < sys->nsent; i++) {
            nw += sys->sent[i].ntok;
            ntok += tc_conllu_ntokens(&sys->sent[i]);
        }
        if (!cli_quiet) {
            fprintf(stderr, "%s: eval-ud: %zu words, %zu tokens; CPU ", cli_prog, nw, ntok);
            if (sp) fprintf(stderr, "split %.3f s, ", t1 - t0);
            fprintf(stderr, "tag+lemma %.3f s (%.0f words/s)", t2 - t1, nw / (t2 - t1 + 1e-9));
            if (ps) fprintf(stderr, ", parse %.3f s (%.0f words/s)", t3 - t2, nw / (t3 - t2 + 1e-9));
            fprintf(stderr, "\n");
        }
    }
    if (out_path) {
        tc_buf b = TC_BUF_INIT;
        FILE *f = fopen(out_path, "w");
        int ok = f && tc_conllu_write(sys, TC_CONLLU_IDS, &b) == TC_OK &&
                 fwrite(b.data ? b.data : "", 1, b.len, f) == b.len;
        if (f && fclose(f) != 0) ok = 0;
        tc_buf_free(&b);
        if (!ok) {
            fprintf(stderr, "%s: eval-ud: cannot write '%s'\n", cli_prog, out_path);
            rc = CLI_BADINPUT;
            goto out;
        }
    }
    tc_udeval_result res;
    if (tc_udeval_compare(gold, sys, &res, &diag) != TC_OK) {
        rc = CLI_BADINPUT;
        goto out;
    }
    /* which metrics */
    int show[TC_UD_NMETRICS] = {0};
    if (sys_path) {
        for (int m = 0; m < TC_UD_NMETRICS; m++) show[m] = 1;
    } else if (raw_path) {
        show[TC_UD_TOKENS] = show[TC_UD_SENTENCES] = show[TC_UD_WORDS] = show[TC_UD_UPOS] =
            show[TC_UD_LEMMAS] = 1;
        show[TC_UD_UAS] = show[TC_UD_LAS] = parsed;
    } else {
        show[TC_UD_UPOS] = show[TC_UD_XPOS] = show[TC_UD_UFEATS] = show[TC_UD_LEMMAS] = 1;
        show[TC_UD_UAS] = show[TC_UD_LAS] = parsed;
    }
    if (json) {
        printf("{");
        int first = 1;
        for (int m = 0; m < TC_UD_NMETRICS; m++) {
            /* --raw --json: exactly the raw-text metrics (Words is in the table only) */
            if (!show[m] || (raw_path && m == TC_UD_WORDS)) continue;
            printf("%s\"%s\": %.2f", first ? "" : ", ", tc_udeval_names[m], 100 * res.m[m].f1);
            first = 0;
        }
        printf("}\n");
    } else {
        printf("Metric     | Precision |    Recall |  F1 Score |      Gold |    System\n");
        printf("-----------+-----------+-----------+-----------+-----------+-----------\n");
        for (int m = 0; m < TC_UD_NMETRICS; m++) {
            if (!show[m]) continue;
            const tc_udeval_score *s = &res.m[m];
            printf("%-10s | %9.2f | %9.2f | %9.2f | %9zu | %9zu\n", tc_udeval_names[m],
                   100 * s->precision, 100 * s->recall, 100 * s->f1, s->gold, s->system);
        }
    }
    goto out;
nomem:
    fprintf(stderr, "%s: eval-ud: out of memory\n", cli_prog);
    rc = CLI_BADINPUT;
out:
    tc_doc_free(&gold);
    tc_doc_free(&sys);
    tc_tagger_free(&tg);
    tc_lemma_free(&lm);
    tc_parser_ws_free(&ws);
    tc_parser_free(&ps);
    tc_split_free(&sp);
    tc_split_model_free(&sm);
    tc_free(tpath);
    tc_free(ppath);
    tc_free(spath);
    tc_free(raw);
    return rc;
}
