/* cli.h - shared pieces of the command-line front end (the only code that prints
 * or exits).  One file per subcommand: cmd_NAME.c defines a cli_command; main.c
 * only dispatches. */
#ifndef TC_CLI_H
#define TC_CLI_H

#include <stdio.h>

#include "core/doc.h"
#include "core/status.h"
#include "io/reader.h"

/* exit codes */
enum { CLI_OK = 0, CLI_BADINPUT = 1, CLI_USAGE = 2 };

typedef struct cli_command {
    const char *name;
    const char *summary;  /* one line for `tacitus --help` */
    const char *usage;    /* full text for `tacitus help NAME` / NAME --help */
    int (*run)(int argc, char **argv); /* argv[0] is the subcommand name */
} cli_command;

extern const char *cli_prog;   /* "tacitus" */
extern int cli_quiet;          /* -q: no warnings, no summary */

/* Diagnostics sink printing "tacitus: FILE:LINE: warning: MSG" to stderr. */
void cli_diag_print(void *ud, tc_level level, const char *file, long line, const char *msg);
/* A tc_diag wired to cli_diag_print. */
tc_diag cli_diag(void);

/* Print usage error and return CLI_USAGE. */
int cli_usage_error(const cli_command *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Print cmd->usage to f. */
void cli_print_usage(const cli_command *cmd, FILE *f);

/* Iterate documents from inputs (files, directories recursively, "-" = stdin;
 * no inputs = stdin).  fn returns 0 to continue, nonzero to stop (its value is
 * returned).  Documents are freed after fn unless fn set *keep (then fn owns it).
 * Returns 0, or CLI_BADINPUT if any input could not be opened / read at all
 * or ended early (truncated/corrupt compression); the run still goes on. */
typedef int (*cli_doc_fn)(tc_doc *doc, void *ud, int *keep);
int cli_for_each_doc(int ninputs, char **inputs, const tc_read_opts *opts, tc_diag *diag,
                     tc_read_stats *stats, cli_doc_fn fn, void *ud);

/* Summary on stderr: "tacitus: N documents read, ... skipped (reasons)". */
void cli_print_summary(const char *what, const tc_read_stats *st, const char *extra);

/* Common input options: --input-format F, --text-field NAME.  Returns 1 if
 * argv[*i] was consumed (advancing *i past an argument), 0 if not ours,
 * -1 on a usage error (already printed). */
int cli_input_option(const cli_command *cmd, int argc, char **argv, int *i, tc_read_opts *opts);

#endif
