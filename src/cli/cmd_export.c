/* cmd_export.c - `tacitus export --db FILE --format F [-o FILE] [filters]`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "store_opts.h"
#include "core/mem.h"
#include "store/export.h"
#include "store/store.h"

static int run(int argc, char **argv);

const cli_command cli_cmd_export = {
    "export",
    "export stored events as GDELT, GDELT mentions, Phoenix, ICEWS, PLOVER, CSV or JSONL",
    "usage: tacitus export --db FILE --format F [-o FILE] [FILTERS]\n"
    "\n"
    "formats:\n"
    "  gdelt            GDELT 2.0 event table: 61 tab-separated columns, no header\n"
    "  gdelt-mentions   GDELT 2.0 mentions table: 16 columns, one row per mention\n"
    "  phoenix          Phoenix (OEDA) event files: 26 tab-separated columns, no header\n"
    "  icews            ICEWS coded event data: 20 tab-separated columns with header\n"
    "  plover           PLOVER JSON records, one per line (CAMEO 01/02 are not exported)\n"
    "  csv              every event field, with header\n"
    "  jsonl            event JSONL (docs/events.md) with mention/source/article counts\n"
    "options:\n"
    "  -o FILE          write to FILE (atomically: a failed export leaves FILE as it was);\n"
    "                   default stdout\n"
    "  filters          as for `tacitus query` (--source, --target, --dyad, --code, --quad,\n"
    "                   --from, --to, --text, --limit)\n",
    run,
};

static int run(int argc, char **argv)
{
    const char *db = NULL, *format = NULL, *outpath = NULL;
    tc_store_filter f;
    memset(&f, 0, sizeof f);
    for (int i = 1; i < argc; i++) {
        cli_store_arg arg;
        cli_store_arg_kind k = cli_store_arg_next(&cli_cmd_export, argc, argv, &i, 0, &f, &arg);
        if (k == CLI_STORE_ARG_ERROR) return arg.status;
        if (k != CLI_STORE_ARG_OWN) continue;
        const char *name = arg.name, *val = arg.val;
        if (!strcmp(name, "--db")) db = val;
        else if (!strcmp(name, "--format")) format = val;
        else if (!strcmp(name, "-o") || !strcmp(name, "--output")) outpath = val;
        else {
            tc_store_filter_free(&f);
            return cli_usage_error(&cli_cmd_export, "unknown option '%s'", name);
        }
    }
    if (!db || !format) {
        tc_store_filter_free(&f);
        return cli_usage_error(&cli_cmd_export, "--db FILE and --format F are required");
    }
    if (!tc_export_format_known(format)) {
        tc_store_filter_free(&f);
        return cli_usage_error(&cli_cmd_export, "unknown format '%s'", format);
    }
    tc_diag diag = cli_diag();
    tc_store *st = NULL;
    if (cli_store_open_read(&st, db, &diag, &f)) return CLI_BADINPUT;
    cli_atomic_out out;
    if (cli_atomic_open(&out, "export", outpath) != 0) {
        tc_store_close(&st);
        tc_store_filter_free(&f);
        return CLI_BADINPUT;
    }
    unsigned long rows = 0;
    tc_status rs = tc_export(st, &f, format, out.f, &rows);
    int werr = rs == TC_EIO;
    int failed = cli_atomic_close(&out, "export", rs != TC_OK, &werr);
    tc_store_close(&st);
    tc_store_filter_free(&f);
    if (werr)
        fprintf(stderr, "%s export: writing %s failed (disk full?)%s\n", cli_prog,
                outpath ? outpath : "the output", outpath ? "; the file was left unchanged" : "");
    if (failed) return rs == TC_EINVAL ? CLI_USAGE : CLI_BADINPUT;
    if (!cli_quiet) fprintf(stderr, "%s: export: %lu rows (%s)\n", cli_prog, rows, format);
    return CLI_OK;
}
