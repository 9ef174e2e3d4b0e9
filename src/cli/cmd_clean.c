/* cmd_clean.c - `tacitus clean`: scraped-text cleaning of each document. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "clean/scrape.h"
#include "cli.h"
#include "core/mem.h"
#include "store/export.h"

static int run(int argc, char **argv);

const cli_command cli_cmd_clean = {
    "clean",
    "remove scraper junk from news text; lift headline and dateline",
    "usage: tacitus clean [--explain] [--json] [--no-dateline] [--input-format F]\n"
    "                     [--text-field NAME] [-q] [FILE...|-]\n"
    "\n"
    "Drops the junk that scrapers leave around an article (ad markers, share and\n"
    "comment widgets, 'Source link', related-article blocks, subscription and\n"
    "cookie notices, weather/date widgets, image captions and credits in any\n"
    "language, video thumbnails, credit lines, bylines, repeated boilerplate) and\n"
    "prints the cleaned text: one paragraph per line, paragraphs separated by a\n"
    "blank line (hard-wrapped lines are joined).  A headline is kept as the first\n"
    "paragraph; a dateline ('KYIV, Ukraine (AP) -') is taken out of the text.\n"
    "\n"
    "Output: with one document, its cleaned text.  With several, each document\n"
    "starts with a header line '# doc: ID' and documents are separated by a blank\n"
    "line.  The header also gives 'title=', 'dateline=' and 'agency=' when known,\n"
    "tab-separated after the id.\n"
    "\n"
    "options:\n"
    "  -e, --explain         list every dropped paragraph on stderr, one per line:\n"
    "                        'drop ID:LINE RULE: TEXT' (LINE counts lines of the\n"
    "                        document's text, from 1; hard wraps shown as ' / ')\n"
    "  -j, --json            print one JSON object per document instead:\n"
    "                        {\"id\",\"title\",\"dateline_place\",\"dateline_agency\",\n"
    "                         \"date\",\"url\",\"language\",\"text\"} (null when unknown)\n"
    "      --no-dateline     leave datelines in the text\n"
    "      --timing          add to the summary the bytes cleaned and the speed of\n"
    "                        the cleaner alone (MB/s of CPU time; reading, printing excluded)\n"
    "      --input-format F  text, jsonl, ... (default: by extension or content)\n"
    "      --text-field NAME JSONL field holding the text\n"
    "  -q, --quiet           no warnings, no summary\n"
    "\n"
    "A summary goes to stderr: documents read, cleaned, skipped, paragraphs dropped.\n"
    "Exit status: 0 ok, 1 an input could not be read, 2 usage error.\n",
    run,
};

typedef struct clean_run {
    int explain, json, timing;
    double clean_sec;
    unsigned long long clean_bytes;
    unsigned flags;
    unsigned long cleaned, failed, dropped, kept;
    /* one-document delay, so that a single document prints without a header */
    unsigned long ndocs;
    char *pending;      /* formatted output of the first document (tc_malloc) */
    size_t pending_len;
    char *pending_head; /* its header line */
} clean_run;

static void explain_drop(void *ud, const tc_doc *d, const tc_clean_drop *dr)
{
    (void)ud;
    fprintf(stderr, "drop %s:%u %s: ", d->id ? d->id : "-", dr->line, dr->rule);
    for (uint32_t i = 0; i < dr->len; i++) {
        char c = dr->text[i];
        if (c == '\n') {
            fputs(" / ", stderr);
            while (i + 1 < dr->len && (dr->text[i + 1] == ' ' || dr->text[i + 1] == '\t')) i++;
        } else if (c != '\r') {
            fputc(c, stderr);
        }
    }
    fputc('\n', stderr);
}

static void flush_pending(clean_run *cr, int with_header)
{
    if (!cr->pending) return;
    if (with_header && cr->pending_head) fputs(cr->pending_head, stdout);
    fwrite(cr->pending, 1, cr->pending_len, stdout);
    tc_free(cr->pending);
    tc_free(cr->pending_head);
    cr->pending = cr->pending_head = NULL;
}

/* Clean one document and print it.  Kept in one function so that other inputs
 * (HTML pages) can go through the same path. */
static int clean_one(tc_doc *d, void *ud, int *keep)
{
    clean_run *cr = ud;
    (void)keep;
    tc_clean_opts o = {cr->flags, cr->explain ? explain_drop : NULL, cr};
    tc_clean_report rep;
    struct timespec t0, t1;
    size_t inlen = d->text_len;
    if (cr->timing) clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0);
    tc_status st = tc_clean_doc(d, &o, &rep);
    if (cr->timing) {
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t1);
        cr->clean_sec += (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
        cr->clean_bytes += inlen;
    }
    if (st != TC_OK) {
        tc_diag diag = cli_diag();
        tc_diag_emit(&diag, TC_LOG_ERROR, d->path, d->line, "document %s not cleaned: %s",
                     d->id ? d->id : "-", tc_status_str(st));
        cr->failed++;
        return 0;
    }
    cr->cleaned++;
    cr->dropped += rep.ndrops - (rep.dateline ? 1u : 0u);
    cr->kept += rep.nkept;

    tc_buf b = TC_BUF_INIT;
    if (cr->json) {
        tc_buf_puts(&b, "{\"id\":");
        tc_export_json_str(&b, d->id);
        tc_buf_puts(&b, ",\"title\":");
        tc_export_json_str(&b, d->title);
        tc_buf_puts(&b, ",\"dateline_place\":");
        tc_export_json_str(&b, d->dateline_place);
        tc_buf_puts(&b, ",\"dateline_agency\":");
        tc_export_json_str(&b, d->dateline_agency);
        tc_buf_puts(&b, ",\"date\":");
        tc_export_json_str(&b, d->date);
        tc_buf_puts(&b, ",\"url\":");
        tc_export_json_str(&b, d->url);
        tc_buf_puts(&b, ",\"language\":");
        tc_export_json_str(&b, d->language);
        tc_buf_puts(&b, ",\"text\":");
        tc_export_json_strn(&b, d->text, d->text_len);
        tc_buf_puts(&b, "}\n");
        fwrite(b.data, 1, b.len, stdout);
        tc_buf_free(&b);
        return 0;
    }
    tc_buf h = TC_BUF_INIT;
    tc_buf_printf(&h, "# doc: %s", d->id ? d->id : "-");
    if (d->title) tc_buf_printf(&h, "\ttitle=%s", d->title);
    if (d->dateline_place) tc_buf_printf(&h, "\tdateline=%s", d->dateline_place);
    if (d->dateline_agency) tc_buf_printf(&h, "\tagency=%s", d->dateline_agency);
    tc_buf_putc(&h, '\n');
    /* header values must stay on one line */
    for (size_t i = 0; i + 1 < h.len; i++)
        if (h.data[i] == '\n' || h.data[i] == '\r') h.data[i] = ' ';
    cr->ndocs++;
    if (cr->ndocs == 1) {
        cr->pending_head = tc_buf_take(&h);
        /* a web page printed alone: its title first (several: in the header) */
        if (d->title && d->format && (!strcmp(d->format, "html") || !strcmp(d->format, "warc")) &&
            strncmp(d->text, d->title, strlen(d->title)))
            tc_buf_printf(&b, "%s\n\n", d->title);
        tc_buf_append(&b, d->text, d->text_len);
        cr->pending_len = b.len;
        cr->pending = tc_buf_take(&b);
        return 0;
    }
    if (cr->ndocs == 2) flush_pending(cr, 1);
    fputc('\n', stdout);
    fwrite(h.data, 1, h.len, stdout);
    fwrite(d->text, 1, d->text_len, stdout);
    tc_buf_free(&h);
    tc_buf_free(&b);
    return 0;
}

static int run(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"explain", no_argument, NULL, 'e'},
        {"json", no_argument, NULL, 'j'},
        {"no-dateline", no_argument, NULL, 'D'},
        {"timing", no_argument, NULL, 'M'},
        {"input-format", required_argument, NULL, 'F'},
        {"text-field", required_argument, NULL, 'T'},
        {"quiet", no_argument, NULL, 'q'},
        {NULL, 0, NULL, 0},
    };
    tc_read_opts opts = {0};
    clean_run cr = {0};
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":ejq", longopts, NULL)) != -1) {
        switch (c) {
        case 'e': cr.explain = 1; break;
        case 'j': cr.json = 1; break;
        case 'D': cr.flags |= TC_CLEAN_NO_DATELINE; break;
        case 'M': cr.timing = 1; break;
        case 'q': cli_quiet = 1; break;
        case 'F': {
            tc_format f = tc_format_from_name(optarg);
            if (f == TC_FMT_AUTO && strcmp(optarg, "auto") != 0)
                return cli_usage_error(&cli_cmd_clean, "unknown input format '%s'", optarg);
            opts.format = f;
            break;
        }
        case 'T': opts.text_field = optarg; break;
        case ':':
            return cli_usage_error(&cli_cmd_clean, "option '%s' needs an argument", argv[optind - 1]);
        default:
            return cli_usage_error(&cli_cmd_clean, "unknown option '%s'", argv[optind - 1]);
        }
    }
    tc_diag diag = cli_diag();
    tc_read_stats st = {0};
    int rc = cli_for_each_doc(argc - optind, argv + optind, &opts, &diag, &st, clean_one, &cr);
    flush_pending(&cr, 0);
    fflush(stdout);
    char extra[320];
    int k = snprintf(extra, sizeof extra,
                     "%lu cleaned, %lu not cleaned, %lu paragraphs kept, %lu dropped", cr.cleaned,
                     cr.failed, cr.kept, cr.dropped);
    if (cr.timing && k > 0 && (size_t)k < sizeof extra)
        snprintf(extra + k, sizeof extra - (size_t)k,
                 "; cleaner: %.1f MB in %.3f s = %.1f MB/s", (double)cr.clean_bytes / 1e6,
                 cr.clean_sec, cr.clean_sec > 0 ? (double)cr.clean_bytes / 1e6 / cr.clean_sec : 0.0);
    cli_print_summary("clean", &st, extra);
    if (!rc && cr.failed) rc = CLI_BADINPUT;
    return rc;
}
