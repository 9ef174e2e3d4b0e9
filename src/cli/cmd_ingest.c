/* cmd_ingest.c - `tacitus ingest --db FILE [inputs]`: event JSONL into the store. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "io/input.h"
#include "io/reader.h"
#include "store/ingest.h"
#include "store/store.h"

static int run(int argc, char **argv);

const cli_command cli_cmd_ingest = {
    "ingest",
    "store coded events (event JSONL) in an SQLite database",
    "usage: tacitus ingest --db FILE [OPTIONS] [FILE...|DIR...|-]\n"
    "\n"
    "Reads event JSONL (one event per line, as written by `tacitus code`; see docs/events.md)\n"
    "from files, directories (recursively) or stdin; .gz and .zst are read transparently.\n"
    "Events with the same date, source, target and code become one event with mention,\n"
    "article and source counts.  Rerunning on the same input adds nothing.\n"
    "\n"
    "options:\n"
    "  --db FILE        database file (created if absent)\n"
    "  --batch N        events per transaction (default 20000)\n"
    "  --timeout MS     wait up to MS milliseconds for a locked database (default 5000)\n"
    "  -q               no warnings, no summary\n",
    run,
};

static int opt_val(int argc, char **argv, int *i, const char *name, const char **val)
{
    size_t n = strlen(name);
    if (strncmp(argv[*i], name, n) != 0) return 0;
    if (argv[*i][n] == '=') {
        *val = argv[*i] + n + 1;
        return 1;
    }
    if (argv[*i][n] != 0) return 0;
    if (*i + 1 >= argc) return -1;
    *val = argv[++*i];
    return 1;
}

static int run(int argc, char **argv)
{
    const char *db = NULL, *v = NULL;
    tc_store_opts so = {0, 0, 0};
    char **inputs = tc_reallocarray(NULL, (size_t)argc + 1, sizeof *inputs);
    int ninputs = 0;
    if (!inputs) return CLI_BADINPUT;
    for (int i = 1; i < argc; i++) {
        int r;
        const char *a = argv[i];
        if ((r = opt_val(argc, argv, &i, "--db", &v))) {
            if (r < 0) goto needarg;
            db = v;
        } else if ((r = opt_val(argc, argv, &i, "--batch", &v))) {
            if (r < 0) goto needarg;
            so.batch = atoi(v);
            if (so.batch <= 0) {
                tc_free(inputs);
                return cli_usage_error(&cli_cmd_ingest, "--batch needs a positive number");
            }
        } else if ((r = opt_val(argc, argv, &i, "--timeout", &v))) {
            if (r < 0) goto needarg;
            so.busy_ms = atoi(v);
            if (so.busy_ms == 0) so.busy_ms = -1;
        } else if (!strcmp(a, "-q")) {
            cli_quiet = 1;
        } else if (!strcmp(a, "--")) {
            for (i++; i < argc; i++) inputs[ninputs++] = argv[i];
        } else if (a[0] == '-' && a[1] != 0) {
            tc_free(inputs);
            return cli_usage_error(&cli_cmd_ingest, "unknown option '%s'", a);
        } else {
            inputs[ninputs++] = argv[i];
        }
        continue;
    needarg:
        tc_free(inputs);
        return cli_usage_error(&cli_cmd_ingest, "option '%s' needs an argument", a);
    }
    if (!db) {
        tc_free(inputs);
        return cli_usage_error(&cli_cmd_ingest, "--db FILE is required");
    }
    static char *stdin_only[] = {"-"};
    char **ins = ninputs ? inputs : stdin_only;
    int nins = ninputs ? ninputs : 1;

    tc_diag diag = cli_diag();
    tc_store *st = NULL;
    if (tc_store_open(&st, db, &so, &diag) != TC_OK) {
        tc_free(inputs);
        return CLI_BADINPUT;
    }
    char **paths = NULL;
    size_t np = 0;
    unsigned long nbad = 0;
    int rc = CLI_OK;
    if (tc_paths_expand(ins, nins, &paths, &np, &nbad, &diag) != TC_OK) {
        tc_store_abort(&st);
        tc_free(inputs);
        return CLI_BADINPUT;
    }
    if (nbad) rc = CLI_BADINPUT;
    tc_ingest_stats is = {0, 0};
    int dbfail = 0;
    for (size_t i = 0; i < np && !dbfail; i++) {
        tc_input *in = NULL;
        if (tc_input_open(&in, paths[i], &diag) != TC_OK) {
            rc = CLI_BADINPUT;
            continue;
        }
        tc_status rs = tc_store_ingest_input(st, in, &diag, &is);
        tc_input_close(&in);
        if (rs == TC_ETRUNC || rs == TC_EIO || rs == TC_EFORMAT) {
            rc = CLI_BADINPUT; /* damage already reported; what came before is kept */
        } else if (rs != TC_OK) {
            dbfail = 1;
        }
    }
    tc_paths_free(&paths);
    tc_free(inputs);
    if (dbfail) {
        tc_store_abort(&st);
        fprintf(stderr, "%s ingest: stopped; the last batch was rolled back, earlier batches are "
                        "stored (rerun to resume: nothing is stored twice)\n",
                cli_prog);
        return CLI_BADINPUT;
    }
    tc_store_counts c = *tc_store_counts_get(st);
    tc_store_totals t;
    int have_totals = tc_store_totals_get(st, &t) == TC_OK;
    if (tc_store_close(&st) != TC_OK) {
        fprintf(stderr, "%s ingest: the last batch could not be committed (see above); rerun to "
                        "resume\n",
                cli_prog);
        return CLI_BADINPUT;
    }
    if (!cli_quiet) {
        fprintf(stderr,
                "%s: ingest: %lu lines read, %lu skipped; %llu new events, %llu new mentions, "
                "%llu new documents, %llu already stored",
                cli_prog, is.lines, is.bad_lines, (unsigned long long)c.new_events,
                (unsigned long long)c.new_mentions, (unsigned long long)c.new_documents,
                (unsigned long long)c.duplicate_mentions);
        if (have_totals)
            fprintf(stderr, "; database: %lld events, %lld mentions, %lld documents",
                    (long long)t.events, (long long)t.mentions, (long long)t.documents);
        fprintf(stderr, "\n");
    }
    return rc;
}
