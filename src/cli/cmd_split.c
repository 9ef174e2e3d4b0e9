/* cmd_split.c - `tacitus split`: sentences one per line, or CoNLL-U with --conllu. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "clean/scrape.h"
#include "cli.h"
#include "core/mem.h"
#include "nlp/conllu.h"
#include "nlp/split.h"
#include "train.h"

static int run(int argc, char **argv);

const cli_command cli_cmd_split = {
    "split",
    "split text into sentences and UD-style tokens",
    "usage: tacitus split [--conllu] [--clean] [--newlines auto|always|space]\n"
    "                     [--model F|--no-model] [--input-format F] [--text-field F]\n"
    "                     [--time] [FILE...|-]\n"
    "Split each document into sentences and tokens (UD English EWT conventions).\n"
    "Prints one sentence per line (whitespace normalised), a blank line between\n"
    "documents; with --conllu, CoNLL-U with ID, FORM, multi-word token lines and\n"
    "SpaceAfter=No.\n"
    "  --conllu            CoNLL-U output\n"
    "  --clean             clean scraped text first (as 'tacitus clean'); default:\n"
    "                      split the text as read\n"
    "  --newlines MODE     single newlines: auto (boundary unless the text is\n"
    "                      hard-wrapped; default), always, space\n"
    "  --model F           sentence-boundary model (default: models/splitter.bin\n"
    "                      from $TACITUS_MODELS, next to the binary, or ./models)\n"
    "  --no-model          rules only\n"
    "  --input-format F    text, jsonl, petrarch-xml, tabari, ... (default: auto)\n"
    "  --text-field F      JSONL field holding the text\n"
    "  --time              report the throughput of splitting (and of the whole run)\n"
    "                      on stderr\n",
    run,
};

typedef struct split_run {
    tc_splitter *sp;
    int conllu;
    unsigned long ndoc, nsent, ntok;
    int err;
    int timing;
    int clean;
    double split_s, clean_s;
    unsigned long long bytes;
} split_run;

static int on_doc(tc_doc *d, void *ud, int *keep)
{
    split_run *r = ud;
    (void)keep;
    struct timespec t0, t1;
    if (r->timing) r->bytes += d->text_len;
    if (r->clean) {
        if (r->timing) clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
        tc_status cs = tc_clean_doc(d, NULL, NULL);
        if (cs != TC_OK) {
            fprintf(stderr, "%s: split: %s: clean: %s\n", cli_prog, d->id ? d->id : "?",
                    tc_status_str(cs));
            r->err = 1;
            return 0;
        }
        if (r->timing) {
            clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
            r->clean_s +=
                (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
        }
    }
    if (r->timing) clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
    tc_status st = tc_split_doc(r->sp, d);
    if (r->timing) {
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
        r->split_s += (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
    }
    if (st != TC_OK) {
        fprintf(stderr, "%s: split: %s: %s\n", cli_prog, d->id ? d->id : "?", tc_status_str(st));
        r->err = 1;
        return 0;
    }
    r->nsent += d->nsent;
    for (uint32_t i = 0; i < d->nsent; i++) r->ntok += d->sent[i].ntok;
    if (r->conllu) {
        printf("# newdoc id = %s\n", d->id ? d->id : "doc");
        tc_split_write_conllu(d, stdout);
    } else {
        if (r->ndoc) putchar('\n');
        for (uint32_t i = 0; i < d->nsent; i++) {
            fputs(d->sent[i].text, stdout);
            putchar('\n');
        }
    }
    r->ndoc++;
    return 0;
}

/* Find models/NAME: $TACITUS_MODELS, <exe dir>/../models, ./models.  Returns a
 * tc_malloc'ed path or NULL. */
static char *find_model(const char *name)
{
    char buf[4600];
    const char *env = getenv("TACITUS_MODELS");
    if (env && *env && strlen(env) < 4096) {
        snprintf(buf, sizeof buf, "%s/%s", env, name);
        if (access(buf, R_OK) == 0) return tc_strdup(buf);
    }
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = 0;
        for (int up = 0; up < 2; up++) {
            char *slash = strrchr(exe, '/');
            if (!slash) break;
            *slash = 0;
        }
        snprintf(buf, sizeof buf, "%s/models/%s", exe, name);
        if (exe[0] && access(buf, R_OK) == 0) return tc_strdup(buf);
    }
    snprintf(buf, sizeof buf, "models/%s", name);
    if (access(buf, R_OK) == 0) return tc_strdup(buf);
    return NULL;
}

/* `tacitus train splitter --train X.conllu -o FILE [--epochs N]`: the training
 * text is rebuilt from the "# text" comments (sentences joined by a space,
 * paragraphs by a blank line). */
int cli_train_splitter(int argc, char **argv)
{
    extern const cli_command cli_cmd_train;
    const char *train = NULL, *outp = NULL;
    tc_split_train_opts to = {0, 0};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if ((!strcmp(a, "--train") || !strcmp(a, "-o") || !strcmp(a, "--output") ||
             !strcmp(a, "--epochs")) && i + 1 < argc) {
            const char *v = argv[++i];
            if (!strcmp(a, "--train")) train = v;
            else if (!strcmp(a, "--epochs")) to.epochs = (unsigned)atoi(v);
            else outp = v;
        } else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            printf("usage: tacitus train splitter --train X.conllu -o FILE [--epochs N]\n");
            return CLI_OK;
        } else {
            return cli_usage_error(&cli_cmd_train, "train splitter: unexpected '%s'", a);
        }
    }
    if (!train || !outp)
        return cli_usage_error(&cli_cmd_train, "train splitter needs --train X.conllu and -o FILE");
    tc_diag diag = cli_diag();
    tc_doc *d = NULL;
    if (tc_conllu_read_file(train, &d, &diag) != TC_OK) return CLI_BADINPUT;
    tc_buf b = TC_BUF_INIT;
    uint32_t *ends = tc_calloc(d->nsent + 1, sizeof *ends);
    int rc = CLI_OK;
    if (!ends) rc = CLI_BADINPUT;
    for (uint32_t i = 0; rc == CLI_OK && i < d->nsent; i++) {
        const tc_sentence *s = &d->sent[i];
        const char *t = s->text ? s->text : "";
        while (*t == ' ' || *t == '\t') t++;
        size_t n = strlen(t);
        while (n && (t[n - 1] == ' ' || t[n - 1] == '\t')) n--;
        if (i) tc_buf_puts(&b, s->para != d->sent[i - 1].para ? "\n\n" : " ");
        if (tc_buf_append(&b, t, n) != TC_OK) rc = CLI_BADINPUT;
        ends[i] = (uint32_t)b.len;
    }
    tc_split_model *m = NULL;
    if (rc == CLI_OK) {
        tc_status st = tc_split_train(b.data, b.len, ends, d->nsent, &to, &m, &diag);
        if (st != TC_OK) {
            fprintf(stderr, "%s: train splitter: %s\n", cli_prog, tc_status_str(st));
            rc = CLI_BADINPUT;
        } else if (tc_split_model_save(m, outp, &diag) != TC_OK) {
            rc = CLI_BADINPUT;
        } else {
            fprintf(stderr, "%s: train splitter: %u sentences, %zu bytes of text -> %s\n",
                    cli_prog, d->nsent, b.len, outp);
        }
    }
    tc_split_model_free(&m);
    tc_free(ends);
    tc_buf_free(&b);
    tc_doc_free(&d);
    return rc;
}

static int run(int argc, char **argv)
{
    const char *model_path = NULL;
    int no_model = 0;
    tc_read_opts opts = {0};
    tc_split_opts so = {0};
    split_run r = {0};
    char **inputs = argv + 1;
    int nin = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int c = cli_input_option(&cli_cmd_split, argc, argv, &i, &opts);
        if (c < 0) return CLI_USAGE;
        if (c > 0) continue;
        if (!strcmp(a, "--conllu")) {
            r.conllu = 1;
        } else if (!strcmp(a, "--clean")) {
            r.clean = 1;
        } else if (!strcmp(a, "--time")) {
            r.timing = 1;
        } else if (!strcmp(a, "--no-model")) {
            no_model = 1;
        } else if (!strncmp(a, "--model", 7) && (a[7] == 0 || a[7] == '=')) {
            model_path = a[7] == '=' ? a + 8 : (i + 1 < argc ? argv[++i] : NULL);
            if (!model_path) return cli_usage_error(&cli_cmd_split, "--model needs a file");
        } else if (!strncmp(a, "--newlines", 10) && (a[10] == 0 || a[10] == '=')) {
            const char *v = a[10] == '=' ? a + 11 : (i + 1 < argc ? argv[++i] : NULL);
            if (!v) return cli_usage_error(&cli_cmd_split, "--newlines needs an argument");
            if (!strcmp(v, "auto")) so.newline = TC_NL_AUTO;
            else if (!strcmp(v, "always")) so.newline = TC_NL_ALWAYS;
            else if (!strcmp(v, "space")) so.newline = TC_NL_SPACE;
            else return cli_usage_error(&cli_cmd_split, "unknown --newlines mode '%s'", v);
        } else if (!strcmp(a, "--")) {
            for (i++; i < argc; i++) inputs[nin++] = argv[i];
        } else if (a[0] == '-' && a[1]) {
            return cli_usage_error(&cli_cmd_split, "unknown option '%s'", a);
        } else {
            inputs[nin++] = argv[i];
        }
    }
    tc_diag diag = cli_diag();
    tc_split_model *model = NULL;
    if (!no_model) {
        char *mp = model_path ? tc_strdup(model_path) : find_model("splitter.bin");
        if (mp) {
            tc_status ms = tc_split_model_load(&model, mp, &diag);
            tc_free(mp);
            if (ms != TC_OK && model_path) return CLI_BADINPUT;
            if (ms != TC_OK)
                fprintf(stderr, "%s: split: default model unusable, using rules only\n", cli_prog);
        }
    }
    so.model = model;
    if (tc_split_new(&r.sp, &so) != TC_OK) {
        fprintf(stderr, "%s: out of memory\n", cli_prog);
        tc_split_model_free(&model);
        return CLI_BADINPUT;
    }
    struct timespec t0, t1, c0, c1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
    tc_read_stats st = {0};
    int rc = cli_for_each_doc(nin, inputs, &opts, &diag, &st, on_doc, &r);
    tc_split_free(&r.sp);
    tc_split_model_free(&model);
    if (fflush(stdout) != 0) rc = CLI_BADINPUT;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
    if (r.timing) {
        double all = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
        double cpu = (double)(c1.tv_sec - c0.tv_sec) + (double)(c1.tv_nsec - c0.tv_nsec) * 1e-9;
        double mb = (double)r.bytes / 1e6;
        if (r.clean)
            fprintf(stderr, "%s: split: clean %.3f s CPU = %.1f MB/s\n", cli_prog, r.clean_s,
                    r.clean_s > 0 ? mb / r.clean_s : 0.0);
        fprintf(stderr,
                "%s: split: %.2f MB of text; split+tokenise %.3f s CPU = %.1f MB/s; "
                "whole run (read+%ssplit+write) %.3f s CPU = %.1f MB/s of text, %.1f MB/s of "
                "%.2f MB input (%.3f s wall)\n",
                cli_prog, mb, r.split_s, r.split_s > 0 ? mb / r.split_s : 0.0,
                r.clean ? "clean+" : "", cpu, cpu > 0 ? mb / cpu : 0.0,
                cpu > 0 ? (double)st.bytes / 1e6 / cpu : 0.0, (double)st.bytes / 1e6, all);
    }
    char extra[128];
    snprintf(extra, sizeof extra, "%lu sentences, %lu words", r.nsent, r.ntok);
    cli_print_summary("split", &st, extra);
    if (r.err && !rc) rc = CLI_BADINPUT;
    return rc;
}
