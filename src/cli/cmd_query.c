/* cmd_query.c - `tacitus query --db FILE [filters]`: read events back from the store. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "store_opts.h"
#include "core/mem.h"
#include "store/export.h"
#include "store/store.h"

static int run(int argc, char **argv);

const cli_command cli_cmd_query = {
    "query",
    "query stored events by actor, dyad, code, quad class, date and text",
    "usage: tacitus query --db FILE [FILTERS] [--group-by day|week|month] [--format F]\n"
    "\n"
    "filters (all combine with AND):\n"
    "  --source A       source actor code or prefix (USA matches USAGOV)\n"
    "  --target B       target actor code or prefix\n"
    "  --dyad A,B       events between A and B, in both directions\n"
    "  --code C         CAMEO event code or prefix (11 = all disapproval, 163 = sanctions)\n"
    "  --quad N         quad class 1 verbal coop, 2 material coop, 3 verbal conflict,\n"
    "                   4 material conflict\n"
    "  --from DATE      first date (YYYY-MM-DD, inclusive)\n"
    "  --to DATE        last date (inclusive)\n"
    "  --text QUERY     full-text query over the source sentences (SQLite FTS5 syntax:\n"
    "                   words, \"phrases\", OR, NOT, prefix*)\n"
    "  --limit N        at most N events\n"
    "output:\n"
    "  --group-by P     counts per day, week (Monday) or month instead of events\n"
    "  --format F       table (default), csv or jsonl\n",
    run,
};

typedef struct qctx {
    int fmt; /* 0 table, 1 csv, 2 jsonl */
    tc_buf b;
    unsigned long n;
    int err;
} qctx;

static int emit(qctx *q)
{
    if (q->b.len > 1 << 16) {
        if (fwrite(q->b.data, 1, q->b.len, stdout) != q->b.len) {
            q->err = 1;
            return 1;
        }
        tc_buf_clear(&q->b);
    }
    return 0;
}

static void cut(tc_buf *b, const char *s, int w)
{
    int n = 0;
    const char *p = s ? s : "";
    /* count UTF-8 characters, cut at w */
    const char *start = p;
    while (*p && n < w) {
        p++;
        while ((*p & 0xC0) == 0x80) p++;
        n++;
    }
    tc_buf_append(b, start, (size_t)(p - start));
    if (*p && n == w) {
        /* replace the last character by an ellipsis marker */
        tc_buf_puts(b, "~");
        n++;
    }
    for (; n < w + 1; n++) tc_buf_putc(b, ' ');
}

static int on_row(const tc_store_row *r, void *ud)
{
    qctx *q = ud;
    q->n++;
    if (q->fmt == 1) {
        tc_export_event_csv(&q->b, r);
    } else if (q->fmt == 2) {
        tc_export_event_json(&q->b, r);
        tc_buf_putc(&q->b, '\n');
    } else {
        tc_buf_printf(&q->b, "%-10s  %-9s %-9s %-5s %5.1f %d %4lld %4lld %4lld  ", r->date,
                      r->source, r->target, r->code, r->goldstein, r->quad,
                      (long long)r->num_mentions, (long long)r->num_sources,
                      (long long)r->num_articles);
        cut(&q->b, r->sentence, 70);
        while (q->b.len && q->b.data[q->b.len - 1] == ' ') q->b.data[--q->b.len] = 0;
        tc_buf_putc(&q->b, '\n');
    }
    return emit(q);
}

static int on_group(const tc_store_group_row *r, void *ud)
{
    qctx *q = ud;
    q->n++;
    if (q->fmt == 1) {
        tc_buf_printf(&q->b, "%s,%lld,%lld,%.3f,%lld,%lld,%lld,%lld\n", r->period,
                      (long long)r->events, (long long)r->mentions, r->goldstein_mean,
                      (long long)r->quad[1], (long long)r->quad[2], (long long)r->quad[3],
                      (long long)r->quad[4]);
    } else if (q->fmt == 2) {
        tc_buf_printf(&q->b,
                      "{\"period\":\"%s\",\"events\":%lld,\"mentions\":%lld,\"goldstein_mean\":"
                      "%.3f,\"quad\":[%lld,%lld,%lld,%lld]}\n",
                      r->period, (long long)r->events, (long long)r->mentions, r->goldstein_mean,
                      (long long)r->quad[1], (long long)r->quad[2], (long long)r->quad[3],
                      (long long)r->quad[4]);
    } else {
        tc_buf_printf(&q->b, "%-10s %8lld %9lld %8.2f %8lld %8lld %8lld %8lld\n", r->period,
                      (long long)r->events, (long long)r->mentions, r->goldstein_mean,
                      (long long)r->quad[1], (long long)r->quad[2], (long long)r->quad[3],
                      (long long)r->quad[4]);
    }
    return emit(q);
}

static int run(int argc, char **argv)
{
    const char *db = NULL, *group = NULL, *format = "table";
    tc_store_filter f;
    memset(&f, 0, sizeof f);
    for (int i = 1; i < argc; i++) {
        cli_store_arg arg;
        cli_store_arg_kind k = cli_store_arg_next(&cli_cmd_query, argc, argv, &i, 1, &f, &arg);
        if (k == CLI_STORE_ARG_ERROR) return arg.status;
        if (k != CLI_STORE_ARG_OWN) continue;
        const char *name = arg.name, *val = arg.val;
        if (!strcmp(name, "--db")) db = val;
        else if (!strcmp(name, "--group-by")) group = val;
        else if (!strcmp(name, "--format")) format = val;
        else {
            tc_store_filter_free(&f);
            return cli_usage_error(&cli_cmd_query, "unknown option '%s'", name);
        }
    }
    qctx q;
    memset(&q, 0, sizeof q);
    if (!strcmp(format, "table")) q.fmt = 0;
    else if (!strcmp(format, "csv")) q.fmt = 1;
    else if (!strcmp(format, "jsonl")) q.fmt = 2;
    else {
        tc_store_filter_free(&f);
        return cli_usage_error(&cli_cmd_query, "unknown format '%s' (table, csv, jsonl)", format);
    }
    if (group && strcmp(group, "day") && strcmp(group, "week") && strcmp(group, "month")) {
        tc_store_filter_free(&f);
        return cli_usage_error(&cli_cmd_query, "--group-by wants day, week or month");
    }
    if (!db) {
        tc_store_filter_free(&f);
        return cli_usage_error(&cli_cmd_query, "--db FILE is required");
    }
    tc_diag diag = cli_diag();
    tc_store *st = NULL;
    if (cli_store_open_read(&st, db, &diag, &f)) return CLI_BADINPUT;
    tc_status rs;
    if (group) {
        if (q.fmt == 1)
            tc_buf_puts(&q.b, "period,events,mentions,goldstein_mean,quad1,quad2,quad3,quad4\n");
        else if (q.fmt == 0)
            tc_buf_printf(&q.b, "%-10s %8s %9s %8s %8s %8s %8s %8s\n", "period", "events",
                          "mentions", "goldstein", "v-coop", "m-coop", "v-confl", "m-confl");
        rs = tc_store_query_grouped(st, &f, group, on_group, &q);
    } else {
        if (q.fmt == 1) tc_export_event_csv_header(&q.b);
        else if (q.fmt == 0)
            tc_buf_printf(&q.b, "%-10s  %-9s %-9s %-5s %5s %s %4s %4s %4s  %s\n", "date", "source",
                          "target", "code", "gold", "q", "ment", "srcs", "arts", "sentence");
        rs = tc_store_query(st, &f, on_row, &q);
    }
    if (!q.err && q.b.len && fwrite(q.b.data, 1, q.b.len, stdout) != q.b.len) q.err = 1;
    if (fflush(stdout) != 0) q.err = 1;
    tc_buf_free(&q.b);
    tc_store_close(&st);
    tc_store_filter_free(&f);
    if (q.err) {
        fprintf(stderr, "%s query: cannot write the output\n", cli_prog);
        return CLI_BADINPUT;
    }
    if (rs == TC_EINVAL) return CLI_USAGE;
    if (rs != TC_OK) return CLI_BADINPUT;
    if (!cli_quiet && q.fmt == 0)
        fprintf(stderr, "%s: query: %lu %s\n", cli_prog, q.n, group ? "periods" : "events");
    return CLI_OK;
}
