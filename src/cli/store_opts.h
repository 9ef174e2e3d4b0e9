/* store_opts.h - argument loop shared by the store-reading commands (query, export, report):
 * -q, "--name value" / "--name=value" splitting and the tc_store_filter options; and the
 * atomic output file of export and report. */
#ifndef TC_CLI_STORE_OPTS_H
#define TC_CLI_STORE_OPTS_H

#include <stdio.h>

#include "cli.h"
#include "store/store.h"

typedef enum cli_store_arg_kind {
    CLI_STORE_ARG_ERROR = -1, /* usage error printed, f freed: return .status */
    CLI_STORE_ARG_OWN = 0,    /* .name/.val are for the command itself */
    CLI_STORE_ARG_FILTER = 1, /* a filter option, taken into f */
    CLI_STORE_ARG_QUIET = 2,  /* -q, cli_quiet set */
} cli_store_arg_kind;

typedef struct cli_store_arg {
    char name[32];   /* option name without "=value" */
    const char *val; /* its value (from "=value" or the next argument) */
    int status;      /* exit status with CLI_STORE_ARG_ERROR */
} cli_store_arg;

/* Reads the option at argv[*i] (advancing *i past a separate value). With long_only, only
 * "--name" options are accepted ("-x" is an unexpected argument). */
cli_store_arg_kind cli_store_arg_next(const cli_command *cmd, int argc, char **argv, int *i,
                                      int long_only, tc_store_filter *f, cli_store_arg *out);

/* Opens the store at db read-only, reporting through diag (which must outlive *st). On failure
 * frees f and returns CLI_BADINPUT, else 0. */
int cli_store_open_read(tc_store **st, const char *db, tc_diag *diag, tc_store_filter *f);

/* Output written through "PATH.tmp.PID" and renamed over PATH only when all went well. */
typedef struct cli_atomic_out {
    FILE *f;          /* where to write: the temporary file, or stdout */
    char *tmp;        /* temporary path, NULL for stdout */
    const char *path; /* final path */
} cli_atomic_out;

/* Opens path (stdout when path is NULL or "-"). On failure prints "PROG CMD: cannot write"
 * and returns -1. */
int cli_atomic_open(cli_atomic_out *o, const char *cmd, const char *path);

/* Flushes the output; for a file also syncs and closes it, then renames it over the final
 * path unless anything failed (failed given, or a write error, which also sets *werr),
 * otherwise removes it. Returns 1 if anything failed, else 0. */
int cli_atomic_close(cli_atomic_out *o, const char *cmd, int failed, int *werr);

#endif
