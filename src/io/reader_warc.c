/* reader_warc.c - WARC files through the reader framework: every HTML (or
 * plain text) response/resource record becomes a document whose text is the
 * extracted article (src/clean/html.h); id = WARC-Record-ID, url =
 * WARC-Target-URI unless the page names a canonical one (kept in meta
 * "warc.target_uri"), meta "warc.date", "warc.offset", "charset".  Other
 * payloads (images, scripts...) are passed over silently; malformed records
 * count as skipped, truncation as truncated.
 *
 * A gzip'ed WARC file on disk is read by tc_warc itself (own zlib layer):
 * offsets in messages are then those of the gzip members in the file, and a
 * corrupt member is skipped (the run goes on with the next one) instead of
 * ending the input.  Everything else (stdin, memory, zstd) goes through the
 * framework's tc_input. */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "../clean/html.h"
#include "reader_int.h"
#include "warc.h"

typedef struct wstate {
    tc_warc *w;
    tc_warc_stats ws, seen;
    int direct; /* reading the file ourselves */
} wstate;

static long in_read(void *ud, void *buf, size_t n)
{
    tc_reader *r = ud;
    size_t got = 0;
    tc_status st = tc_input_read(r->in, buf, n, &got);
    if (st == TC_OK) return (long)got;
    return 0; /* EOF, or damage already reported by the input */
}

static tc_status warc_open(tc_reader *r)
{
    wstate *s = tc_calloc(1, sizeof *s);
    if (!s) return TC_ENOMEM;
    tc_warc_opts o = {0};
    o.max_record = r->opts.max_doc;
    struct stat sb;
    tc_status st;
    if (tc_input_compression(r->in) == TC_COMP_GZIP && strcmp(r->path, "-") &&
        stat(r->path, &sb) == 0 && S_ISREG(sb.st_mode) &&
        tc_warc_open_path(&s->w, r->path, &o, r->diag, &s->ws) == TC_OK) {
        s->direct = 1;
        st = TC_OK;
    } else {
        st = tc_warc_open(&s->w, r->name, in_read, r, &o, r->diag, &s->ws);
    }
    if (st != TC_OK) {
        tc_free(s);
        return st;
    }
    r->state = s;
    return TC_OK;
}

static void sync(tc_reader *r, wstate *s)
{
    r->stats->skipped += (s->ws.malformed - s->seen.malformed) + (s->ws.too_large - s->seen.too_large);
    r->stats->truncated += s->ws.truncated - s->seen.truncated;
    if (s->direct) r->stats->bytes += s->ws.out_bytes - s->seen.out_bytes;
    s->seen = s->ws;
}

static int is_html(const tc_warc_record *rec)
{
    const char *ct = rec->content_type;
    if (ct && (strstr(ct, "html") || strstr(ct, "HTML"))) return 1;
    if (ct && *ct) return 0;
    /* no type: sniff */
    const char *p = rec->payload;
    size_t n = rec->payload_len < 1024 ? rec->payload_len : 1024;
    for (size_t i = 0; i + 5 <= n; i++)
        if (!strncasecmp(p + i, "<html", 5) || !strncasecmp(p + i, "<!doc", 5)) return 1;
    return 0;
}

static tc_status warc_next(tc_reader *r, tc_doc **out)
{
    wstate *s = r->state;
    for (;;) {
        tc_warc_record rec;
        tc_status st = tc_warc_next(s->w, &rec);
        sync(r, s);
        if (st == TC_EOF || st == TC_EIO) return TC_EOF;
        if (st != TC_OK) return st;
        if (rec.http_status && (rec.http_status < 200 || rec.http_status >= 300)) continue;
        int html = is_html(&rec);
        int plain = !html && rec.content_type && !strncasecmp(rec.content_type, "text/plain", 10);
        if (!html && !plain) continue;
        tc_html_article a;
        memset(&a, 0, sizeof a);
        if (html) {
            tc_html_opts ho = {rec.target_uri};
            st = tc_html_extract(rec.payload, rec.payload_len, &ho, &a);
            if (st != TC_OK) return st;
        } else {
            a.text = tc_strndup(rec.payload, rec.payload_len);
            a.text_len = rec.payload_len;
            if (rec.target_uri) a.url = tc_strdup(rec.target_uri);
            if (!a.text) return TC_ENOMEM;
        }
        long line = (long)rec.offset;
        if (a.text_len == 0) {
            char what[96];
            snprintf(what, sizeof what, "WARC record at offset %llu without article text",
                     (unsigned long long)rec.offset);
            tc_reader_empty(r, 0, what);
            tc_html_article_free(&a);
            continue;
        }
        tc_doc *d = tc_reader_doc_new(r, 0);
        char off[32];
        snprintf(off, sizeof off, "%llu", (unsigned long long)rec.offset);
        const char *id = rec.record_id;
        size_t idn = id ? strlen(id) : 0;
        if (idn >= 2 && id[0] == '<' && id[idn - 1] == '>') id++, idn -= 2;
        int ok = d && tc_doc_set_text(d, rec.payload, rec.payload_len) == TC_OK &&
                 tc_html_doc_fill(d, &a) == TC_OK && tc_doc_meta_set(d, "warc.offset", off) == TC_OK;
        if (ok) {
            d->id = idn ? tc_doc_strn(d, id, idn) : tc_doc_str(d, off);
            ok = d->id != NULL;
        }
        if (ok && rec.date) ok = tc_doc_meta_set(d, "warc.date", rec.date) == TC_OK;
        if (ok && rec.target_uri) ok = tc_doc_meta_set(d, "warc.target_uri", rec.target_uri) == TC_OK;
        if (ok && rec.charset) ok = tc_doc_meta_set(d, "charset", rec.charset) == TC_OK;
        if (ok && !d->url && rec.target_uri) ok = (d->url = tc_doc_str(d, rec.target_uri)) != NULL;
        (void)line;
        tc_html_article_free(&a);
        if (!ok) {
            tc_doc_free(&d);
            return TC_ENOMEM;
        }
        *out = d;
        return TC_OK;
    }
}

static void warc_close(tc_reader *r)
{
    wstate *s = r->state;
    if (!s) return;
    tc_warc_close(&s->w);
    sync(r, s);
    tc_free(s);
    r->state = NULL;
}

static int warc_sniff(const char *p, size_t n) { return tc_warc_sniff(p, n) ? 100 : 0; }

const tc_reader_vt tc_reader_warc_vt = {TC_FMT_WARC, "warc", warc_open, warc_next, warc_close,
                                        warc_sniff};
