/* cmd_report.c - `tacitus report --db FILE -o report.html [filters]`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "store_opts.h"
#include "core/mem.h"
#include "report/report.h"
#include "store/store.h"

static int run(int argc, char **argv);

const cli_command cli_cmd_report = {
    "report",
    "write a self-contained HTML report with charts over the stored events",
    "usage: tacitus report --db FILE -o report.html [OPTIONS] [FILTERS]\n"
    "\n"
    "One HTML file, no network access needed: weekly event counts by quad class, Goldstein\n"
    "time series for the top country dyads, the most active actors, an actor network and a\n"
    "searchable table of events linked to their source sentences.\n"
    "\n"
    "options:\n"
    "  -o FILE          output file (written atomically; - for stdout)\n"
    "  --title TEXT     page title\n"
    "  --max-events N   rows in the event table (default 2000, most recent first)\n"
    "  --top-dyads N    dyads in the Goldstein chart (default 5, at most 8)\n"
    "  --top-actors N   actors in the activity chart (default 15)\n"
    "  filters          as for `tacitus query` (--source, --target, --dyad, --code, --quad,\n"
    "                   --from, --to, --text)\n",
    run,
};

static int run(int argc, char **argv)
{
    const char *db = NULL, *outpath = NULL;
    tc_report_opts ro = {0};
    tc_store_filter f;
    memset(&f, 0, sizeof f);
    int filtered = 0;
    for (int i = 1; i < argc; i++) {
        cli_store_arg arg;
        cli_store_arg_kind k = cli_store_arg_next(&cli_cmd_report, argc, argv, &i, 0, &f, &arg);
        if (k == CLI_STORE_ARG_ERROR) return arg.status;
        if (k == CLI_STORE_ARG_FILTER) filtered = 1;
        if (k != CLI_STORE_ARG_OWN) continue;
        const char *name = arg.name, *val = arg.val;
        if (!strcmp(name, "--db")) db = val;
        else if (!strcmp(name, "-o") || !strcmp(name, "--output")) outpath = val;
        else if (!strcmp(name, "--title")) ro.title = val;
        else if (!strcmp(name, "--max-events") || !strcmp(name, "--top-dyads") ||
                 !strcmp(name, "--top-actors")) {
            int n = atoi(val);
            if (n <= 0) {
                tc_store_filter_free(&f);
                return cli_usage_error(&cli_cmd_report, "%s wants a positive number", name);
            }
            if (name[2] == 'm') ro.max_events = n;
            else if (name[6] == 'd') ro.top_dyads = n > 8 ? 8 : n;
            else ro.top_actors = n > 60 ? 60 : n;
        } else {
            tc_store_filter_free(&f);
            return cli_usage_error(&cli_cmd_report, "unknown option '%s'", name);
        }
    }
    if (!db || !outpath) {
        tc_store_filter_free(&f);
        return cli_usage_error(&cli_cmd_report, "--db FILE and -o FILE are required");
    }
    if (filtered) ro.filter = &f;
    char when[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(when, sizeof when, "%Y-%m-%d %H:%M UTC", &tm);
    ro.generated = when;

    tc_diag diag = cli_diag();
    tc_store *st = NULL;
    if (cli_store_open_read(&st, db, &diag, &f)) return CLI_BADINPUT;
    int to_file = strcmp(outpath, "-") != 0;
    cli_atomic_out out;
    if (cli_atomic_open(&out, "report", outpath) != 0) {
        tc_store_close(&st);
        tc_store_filter_free(&f);
        return CLI_BADINPUT;
    }
    tc_status rs = tc_report_write(st, &ro, out.f);
    int werr = rs == TC_EIO;
    int failed = cli_atomic_close(&out, "report", rs != TC_OK, &werr);
    tc_store_close(&st);
    tc_store_filter_free(&f);
    if (werr)
        fprintf(stderr, "%s report: writing %s failed (disk full?); the file was left unchanged\n",
                cli_prog, outpath);
    if (failed) return CLI_BADINPUT;
    if (!cli_quiet && to_file) fprintf(stderr, "%s: report: wrote %s\n", cli_prog, outpath);
    return CLI_OK;
}
