/* cmd_split.c - `tacitus split`: sentences one per line, or CoNLL-U with --conllu. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "nlp/split.h"

static int run(int argc, char **argv);

const cli_command cli_cmd_split = {
    "split",
    "split text into sentences and UD-style tokens",
    "usage: tacitus split [--conllu] [--newlines auto|always|space] [--input-format F]\n"
    "                     [--text-field F] [FILE...|-]\n"
    "Split each document into sentences and tokens (UD English EWT conventions).\n"
    "Prints one sentence per line (whitespace normalised), a blank line between\n"
    "documents; with --conllu, CoNLL-U with ID, FORM, multi-word token lines and\n"
    "SpaceAfter=No.\n"
    "  --conllu            CoNLL-U output\n"
    "  --newlines MODE     single newlines: auto (boundary unless the text is\n"
    "                      hard-wrapped; default), always, space\n"
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
    double split_s;
    unsigned long long bytes;
} split_run;

static int on_doc(tc_doc *d, void *ud, int *keep)
{
    split_run *r = ud;
    (void)keep;
    struct timespec t0, t1;
    if (r->timing) clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
    tc_status st = tc_split_doc(r->sp, d);
    if (r->timing) {
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
        r->split_s += (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
        r->bytes += d->text_len;
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

static int run(int argc, char **argv)
{
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
        } else if (!strcmp(a, "--time")) {
            r.timing = 1;
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
    if (tc_split_new(&r.sp, &so) != TC_OK) {
        fprintf(stderr, "%s: out of memory\n", cli_prog);
        return CLI_BADINPUT;
    }
    struct timespec t0, t1, c0, c1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
    tc_diag diag = cli_diag();
    tc_read_stats st = {0};
    int rc = cli_for_each_doc(nin, inputs, &opts, &diag, &st, on_doc, &r);
    tc_split_free(&r.sp);
    if (fflush(stdout) != 0) rc = CLI_BADINPUT;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
    if (r.timing) {
        double all = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
        double cpu = (double)(c1.tv_sec - c0.tv_sec) + (double)(c1.tv_nsec - c0.tv_nsec) * 1e-9;
        double mb = (double)r.bytes / 1e6;
        fprintf(stderr,
                "%s: split: %.2f MB of text; split+tokenise %.3f s CPU = %.1f MB/s; "
                "whole run (read+split+write) %.3f s CPU = %.1f MB/s (%.3f s wall)\n",
                cli_prog, mb, r.split_s, r.split_s > 0 ? mb / r.split_s : 0.0, cpu,
                cpu > 0 ? mb / cpu : 0.0, all);
    }
    char extra[128];
    snprintf(extra, sizeof extra, "%lu sentences, %lu words", r.nsent, r.ntok);
    cli_print_summary("split", &st, extra);
    if (r.err && !rc) rc = CLI_BADINPUT;
    return rc;
}
