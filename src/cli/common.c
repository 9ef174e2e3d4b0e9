/* common.c - diagnostics printing, input iteration and the run summary. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core/mem.h"

const char *cli_prog = "tacitus";
int cli_quiet = 0;

void cli_diag_print(void *ud, tc_level level, const char *file, long line, const char *msg)
{
    (void)ud;
    if (cli_quiet && level < TC_LOG_ERROR) return;
    if (level == TC_LOG_DEBUG) return;
    const char *lv = level == TC_LOG_ERROR ? "error" : level == TC_LOG_WARN ? "warning" : "note";
    if (file && line > 0)
        fprintf(stderr, "%s: %s:%ld: %s: %s\n", cli_prog, file, line, lv, msg);
    else if (file)
        fprintf(stderr, "%s: %s: %s: %s\n", cli_prog, file, lv, msg);
    else
        fprintf(stderr, "%s: %s: %s\n", cli_prog, lv, msg);
}

tc_diag cli_diag(void)
{
    tc_diag d = {cli_diag_print, NULL, 0, 0};
    return d;
}

void cli_print_usage(const cli_command *cmd, FILE *f)
{
    fprintf(f, "%s", cmd->usage);
}

int cli_usage_error(const cli_command *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s %s: ", cli_prog, cmd->name);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n(see '%s help %s')\n", cli_prog, cmd->name);
    va_end(ap);
    return CLI_USAGE;
}

int cli_input_option(const cli_command *cmd, int argc, char **argv, int *i, tc_read_opts *opts)
{
    const char *a = argv[*i];
    const char *val = NULL;
    int which = 0;
    if (!strncmp(a, "--input-format", 14) && (a[14] == 0 || a[14] == '=')) which = 1;
    else if (!strncmp(a, "--text-field", 12) && (a[12] == 0 || a[12] == '=')) which = 2;
    else return 0;
    const char *eq = strchr(a, '=');
    if (eq) {
        val = eq + 1;
    } else {
        if (*i + 1 >= argc) {
            cli_usage_error(cmd, "option '%s' needs an argument", a);
            return -1;
        }
        val = argv[++*i];
    }
    if (which == 1) {
        tc_format f = tc_format_from_name(val);
        if (f == TC_FMT_AUTO && strcmp(val, "auto") != 0) {
            cli_usage_error(cmd, "unknown input format '%s'", val);
            return -1;
        }
        opts->format = f;
    } else {
        opts->text_field = val;
    }
    return 1;
}

int cli_for_each_doc(int ninputs, char **inputs, const tc_read_opts *opts, tc_diag *diag,
                     tc_read_stats *stats, cli_doc_fn fn, void *ud)
{
    static char *stdin_only[] = {"-"};
    tc_read_stats local = {0};
    if (!stats) stats = &local;
    if (ninputs == 0) {
        inputs = stdin_only;
        ninputs = 1;
    }
    char **paths = NULL;
    size_t np = 0;
    unsigned long nbad = 0;
    int rc = 0;
    if (tc_paths_expand(inputs, ninputs, &paths, &np, &nbad, diag) != TC_OK) {
        tc_diag_emit(diag, TC_LOG_ERROR, NULL, 0, "out of memory expanding inputs");
        return CLI_BADINPUT;
    }
    if (nbad) rc = CLI_BADINPUT;
    stats->unreadable += nbad;
    stats->inputs += nbad;
    for (size_t i = 0; i < np; i++) {
        tc_reader *r = NULL;
        stats->inputs++;
        tc_status ost = tc_reader_open(&r, paths[i], opts, diag, stats);
        if (ost != TC_OK) {
            if (ost == TC_ENOMEM) tc_diag_emit(diag, TC_LOG_ERROR, paths[i], 0, "out of memory");
            stats->unreadable++;
            rc = CLI_BADINPUT;
            continue;
        }
        unsigned long trunc_before = stats->truncated;
        for (;;) {
            tc_doc *d = NULL;
            tc_status st = tc_reader_next(r, &d);
            if (st == TC_EOF) break;
            if (st != TC_OK) {
                tc_diag_emit(diag, TC_LOG_ERROR, paths[i], 0, "reading stopped: %s",
                             tc_status_str(st));
                stats->unreadable++;
                rc = CLI_BADINPUT;
                break;
            }
            int keep = 0;
            int frc = fn(d, ud, &keep);
            if (!keep) tc_doc_free(&d);
            if (frc) {
                tc_reader_close(&r);
                tc_paths_free(&paths);
                return frc;
            }
        }
        tc_reader_close(&r);
        /* a truncated or unreadable stream lost data: the run goes on, the exit status says so */
        if (stats->truncated != trunc_before) rc = CLI_BADINPUT;
    }
    tc_paths_free(&paths);
    return rc;
}

static const char *plural(unsigned long n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

void cli_print_summary(const char *what, const tc_read_stats *st, const char *extra)
{
    if (cli_quiet) return;
    unsigned long skipped = st->skipped + st->empty;
    fprintf(stderr, "%s: %s: %lu %s read, %lu skipped", cli_prog, what, st->docs,
            plural(st->docs, "document", "documents"), skipped);
    if (skipped) {
        const char *sep = " (";
        if (st->skipped) {
            fprintf(stderr, "%s%lu malformed", sep, st->skipped);
            sep = ", ";
        }
        if (st->empty) fprintf(stderr, "%s%lu without text", sep, st->empty);
        fputc(')', stderr);
    }
    fprintf(stderr, "; %lu %s", st->inputs, plural(st->inputs, "input", "inputs"));
    if (st->unreadable) fprintf(stderr, ", %lu unreadable", st->unreadable);
    if (st->truncated) fprintf(stderr, ", %lu truncated", st->truncated);
    fprintf(stderr, ", %.1f MB", (double)st->bytes / 1e6);
    if (st->repaired)
        fprintf(stderr, "; %lu invalid UTF-8 %s repaired", st->repaired,
                plural(st->repaired, "sequence", "sequences"));
    if (st->nul_bytes)
        fprintf(stderr, "; %lu NUL %s dropped", st->nul_bytes, plural(st->nul_bytes, "byte", "bytes"));
    if (st->long_lines)
        fprintf(stderr, "; %lu over-long %s cut", st->long_lines, plural(st->long_lines, "line", "lines"));
    if (extra && *extra) fprintf(stderr, "; %s", extra);
    fprintf(stderr, "\n");
}
