/* evout.c - event writers. */
#include "evout.h"

#include <string.h>

#include "core/cameo.h"
#include "core/mem.h"

static const char *const TSV_FIELDS[] = {
    "doc",     "sent",        "date",     "source", "target", "code",    "root", "quad",
    "goldstein", "source_text", "target_text", "verb", "pattern", "plover_type", "plover_mode",
    "url",     "sentence",    NULL,
};

int tc_evout_format_from_name(const char *name)
{
    if (!strcmp(name, "jsonl") || !strcmp(name, "json")) return TC_EVOUT_JSONL;
    if (!strcmp(name, "tsv")) return TC_EVOUT_TSV;
    if (!strcmp(name, "csv")) return TC_EVOUT_CSV;
    if (!strcmp(name, "phoenix")) return TC_EVOUT_PHOENIX;
    if (!strcmp(name, "table")) return TC_EVOUT_TABLE;
    return -1;
}

static void json_str(tc_buf *b, const char *s)
{
    tc_buf_putc(b, '"');
    if (s) {
        for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
            unsigned char c = *p;
            if (c == '"' || c == '\\') {
                tc_buf_putc(b, '\\');
                tc_buf_putc(b, (char)c);
            } else if (c == '\n') {
                tc_buf_puts(b, "\\n");
            } else if (c == '\t') {
                tc_buf_puts(b, "\\t");
            } else if (c == '\r') {
                tc_buf_puts(b, "\\r");
            } else if (c < 0x20) {
                tc_buf_printf(b, "\\u%04x", c);
            } else {
                tc_buf_putc(b, (char)c);
            }
        }
    }
    tc_buf_putc(b, '"');
}

/* TSV: tabs and newlines become spaces */
static void tsv_str(tc_buf *b, const char *s)
{
    if (!s) return;
    for (const char *p = s; *p; p++) tc_buf_putc(b, (*p == '\t' || *p == '\n' || *p == '\r') ? ' ' : *p);
}

static void csv_str(tc_buf *b, const char *s)
{
    tc_buf_putc(b, '"');
    if (s)
        for (const char *p = s; *p; p++) {
            if (*p == '"') tc_buf_putc(b, '"');
            tc_buf_putc(b, (*p == '\n' || *p == '\r') ? ' ' : *p);
        }
    tc_buf_putc(b, '"');
}

tc_status tc_evout_header(FILE *f, tc_evout_format fmt)
{
    if (fmt == TC_EVOUT_TABLE) {
        fprintf(f, "%-10s %-20s %-10s %-12s %-32s %s\n", "DATE", "DOC:SENT", "SOURCE", "TARGET",
                "EVENT", "SOURCE TEXT / VERB / TARGET TEXT");
        return ferror(f) ? TC_EIO : TC_OK;
    }
    if (fmt != TC_EVOUT_TSV && fmt != TC_EVOUT_CSV) return TC_OK;
    for (int i = 0; TSV_FIELDS[i]; i++) {
        if (i) fputc(fmt == TC_EVOUT_TSV ? '\t' : ',', f);
        fputs(TSV_FIELDS[i], f);
    }
    fputc('\n', f);
    return ferror(f) ? TC_EIO : TC_OK;
}

static const char *or_empty(const char *s) { return s ? s : ""; }

/* actor code without the "---" placeholder */
static const char *actor(const char *c) { return (!c || !strcmp(c, "---")) ? "" : c; }

static void pattern_str(char *buf, size_t n, const tc_event *e)
{
    if (e->pattern && e->pattern_file)
        snprintf(buf, n, "%s (%s:%ld)", e->pattern, e->pattern_file, e->pattern_line);
    else if (e->pattern_file)
        snprintf(buf, n, "%s:%ld", e->pattern_file, e->pattern_line);
    else
        snprintf(buf, n, "%s", or_empty(e->pattern));
}

static void span(tc_buf *b, const char *key, uint32_t s, uint32_t e, int *first)
{
    if (s == 0 && e == 0) return;
    tc_buf_printf(b, "%s\"%s\":[%u,%u]", *first ? "" : ",", key, s, e);
    *first = 0;
}

static void one_json(tc_buf *b, const tc_doc *doc, const tc_pipe_event *pe)
{
    const tc_event *e = pe->ev;
    const tc_cameo_code *cc = tc_cameo_lookup_nearest(e->code);
    const tc_sentence *s = e->sent < doc->nsent ? &doc->sent[e->sent] : NULL;
    char pat[512];
    pattern_str(pat, sizeof pat, e);
    tc_buf_puts(b, "{\"doc\":");
    json_str(b, doc->id);
    tc_buf_printf(b, ",\"sent\":%u,\"date\":", e->sent);
    json_str(b, pe->date);
    tc_buf_puts(b, ",\"source\":");
    json_str(b, actor(e->source));
    tc_buf_puts(b, ",\"target\":");
    json_str(b, actor(e->target));
    tc_buf_puts(b, ",\"code\":");
    json_str(b, e->code);
    tc_buf_puts(b, ",\"root\":");
    json_str(b, e->root);
    tc_buf_printf(b, ",\"quad\":%d,\"goldstein\":%.1f", tc_cameo_quad(e->code),
                  cc ? (double)cc->goldstein : 0.0);
    tc_buf_puts(b, ",\"source_text\":");
    json_str(b, e->source_text);
    tc_buf_puts(b, ",\"target_text\":");
    json_str(b, e->target_text);
    tc_buf_puts(b, ",\"verb\":");
    json_str(b, e->verb);
    tc_buf_puts(b, ",\"sentence\":");
    json_str(b, s ? s->text : NULL);
    tc_buf_puts(b, ",\"offsets\":{");
    int first = 1;
    span(b, "source", e->source_start, e->source_end, &first);
    span(b, "target", e->target_start, e->target_end, &first);
    span(b, "verb", e->verb_start, e->verb_end, &first);
    tc_buf_puts(b, "},\"pattern\":");
    json_str(b, pat);
    tc_buf_puts(b, ",\"plover\":{\"type\":");
    json_str(b, cc ? cc->plover_type : "");
    tc_buf_puts(b, ",\"mode\":");
    json_str(b, cc ? cc->plover_mode : "");
    tc_buf_puts(b, "}");
    if (e->source_entry) {
        tc_buf_puts(b, ",\"source_entry\":");
        json_str(b, e->source_entry);
    }
    if (e->target_entry) {
        tc_buf_puts(b, ",\"target_entry\":");
        json_str(b, e->target_entry);
    }
    if (doc->url) {
        tc_buf_puts(b, ",\"url\":");
        json_str(b, doc->url);
    }
    if (doc->source) {
        tc_buf_puts(b, ",\"outlet\":");
        json_str(b, doc->source);
    }
    if (doc->date || doc->datetime) {
        tc_buf_puts(b, ",\"pubdate\":");
        json_str(b, doc->datetime ? doc->datetime : doc->date);
    }
    if (doc->title) {
        tc_buf_puts(b, ",\"title\":");
        json_str(b, doc->title);
    }
    tc_buf_puts(b, "}\n");
}

static void one_delim(tc_buf *b, const tc_doc *doc, const tc_pipe_event *pe, int csv)
{
    const tc_event *e = pe->ev;
    const tc_cameo_code *cc = tc_cameo_lookup_nearest(e->code);
    const tc_sentence *s = e->sent < doc->nsent ? &doc->sent[e->sent] : NULL;
    char pat[512], num[32];
    pattern_str(pat, sizeof pat, e);
    const char *vals[17];
    char sent[16], quad[8];
    snprintf(sent, sizeof sent, "%u", e->sent);
    snprintf(quad, sizeof quad, "%d", tc_cameo_quad(e->code));
    snprintf(num, sizeof num, "%.1f", cc ? (double)cc->goldstein : 0.0);
    vals[0] = doc->id;
    vals[1] = sent;
    vals[2] = pe->date;
    vals[3] = actor(e->source);
    vals[4] = actor(e->target);
    vals[5] = e->code;
    vals[6] = e->root;
    vals[7] = quad;
    vals[8] = num;
    vals[9] = e->source_text;
    vals[10] = e->target_text;
    vals[11] = e->verb;
    vals[12] = pat;
    vals[13] = cc ? cc->plover_type : "";
    vals[14] = cc ? cc->plover_mode : "";
    vals[15] = doc->url;
    vals[16] = s ? s->text : NULL;
    for (int i = 0; i < 17; i++) {
        if (i) tc_buf_putc(b, csv ? ',' : '\t');
        if (csv) csv_str(b, vals[i]);
        else tsv_str(b, vals[i]);
    }
    tc_buf_putc(b, '\n');
}

/* Phoenix actor split: entity (first 3 chars), role (chars 4-6 when a known role),
 * attributes (the rest, ';'-joined). */
static void phoenix_actor(tc_buf *b, const char *code)
{
    static const char *const roles[] = {"GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD",
                                        "SPY", "MED", "EDU", "BUS", "CRM", "CVL", NULL};
    code = actor(code);
    size_t n = strlen(code);
    tsv_str(b, code);
    tc_buf_putc(b, '\t');
    if (n >= 3) tc_buf_append(b, code, 3);
    tc_buf_putc(b, '\t');
    size_t rest = 3;
    if (n >= 6) {
        for (int i = 0; roles[i]; i++) {
            if (!strncmp(code + 3, roles[i], 3)) {
                tc_buf_append(b, code + 3, 3);
                rest = 6;
                break;
            }
        }
    }
    tc_buf_putc(b, '\t');
    for (size_t i = rest; i + 3 <= n; i += 3) {
        if (i > rest) tc_buf_putc(b, ';');
        tc_buf_append(b, code + i, 3);
    }
    tc_buf_putc(b, '\t');
}

static void one_phoenix(tc_buf *b, const tc_doc *doc, const tc_pipe_event *pe, unsigned long id)
{
    const tc_event *e = pe->ev;
    const tc_cameo_code *cc = tc_cameo_lookup_nearest(e->code);
    int y = 0, m = 0, d = 0;
    if (strlen(pe->date) == 10) sscanf(pe->date, "%d-%d-%d", &y, &m, &d);
    tc_buf_printf(b, "%lu_tacitus\t%04d%02d%02d\t%d\t%d\t%d\t", id, y, m, d, y, m, d);
    phoenix_actor(b, e->source);
    phoenix_actor(b, e->target);
    tc_buf_printf(b, "%s\t%s\t%d\t%.1f\t\t\t\t\t\t\t", e->code, e->root, tc_cameo_penta(e->code),
                  cc ? (double)cc->goldstein : 0.0);
    tsv_str(b, doc->id);
    tc_buf_printf(b, "-%u\t", e->sent);
    tsv_str(b, doc->url);
    tc_buf_putc(b, '\t');
    tsv_str(b, doc->source);
    tc_buf_putc(b, '\n');
}

/* width-limited copy of s (UTF-8 safe: cut before a continuation byte) */
static void clip(char *out, size_t n, const char *s)
{
    snprintf(out, n, "%s", s ? s : "");
    size_t len = strlen(out);
    if (len == n - 1) {
        size_t k = len;
        while (k > 0 && ((unsigned char)out[k] & 0xC0) == 0x80) k--;
        out[k] = 0;
    }
}

static void one_table(tc_buf *b, const tc_doc *doc, const tc_pipe_event *pe)
{
    const tc_event *e = pe->ev;
    const tc_cameo_code *cc = tc_cameo_lookup_nearest(e->code);
    char where[64], ev[64], st[48], tt[48];
    char id[24];
    clip(id, sizeof id - 6, doc->id);
    snprintf(where, sizeof where, "%s:%u", id, e->sent);
    snprintf(ev, sizeof ev, "%s %s", e->code, cc ? cc->name : "");
    clip(st, sizeof st, e->source_text);
    clip(tt, sizeof tt, e->target_text);
    char evc[33];
    clip(evc, sizeof evc, ev);
    tc_buf_printf(b, "%-10s %-20s %-10s %-12s %-32s %s / %s / %s\n", pe->date[0] ? pe->date : "?",
                  where, actor(e->source)[0] ? actor(e->source) : "-",
                  actor(e->target)[0] ? actor(e->target) : "-", evc, st, or_empty(e->verb), tt);
}

tc_status tc_evout_doc_buf(tc_buf *b, tc_evout_format fmt, const tc_doc *doc,
                           const tc_pipe_result *res, unsigned long *counter)
{
    for (uint32_t i = 0; i < res->nevents; i++) {
        const tc_pipe_event *pe = &res->events[i];
        switch (fmt) {
        case TC_EVOUT_JSONL: one_json(b, doc, pe); break;
        case TC_EVOUT_TSV: one_delim(b, doc, pe, 0); break;
        case TC_EVOUT_CSV: one_delim(b, doc, pe, 1); break;
        case TC_EVOUT_PHOENIX: one_phoenix(b, doc, pe, ++*counter); break;
        case TC_EVOUT_TABLE: one_table(b, doc, pe); break;
        }
    }
    return b->data || !res->nevents ? TC_OK : TC_ENOMEM;
}

tc_status tc_evout_doc(FILE *f, tc_evout_format fmt, const tc_doc *doc, const tc_pipe_result *res,
                       unsigned long *counter)
{
    tc_buf b = TC_BUF_INIT;
    tc_status st = tc_evout_doc_buf(&b, fmt, doc, res, counter);
    if (st != TC_OK) {
        tc_buf_free(&b);
        return st;
    }
    if (b.len && fwrite(b.data, 1, b.len, f) != b.len) st = TC_EIO;
    tc_buf_free(&b);
    return st;
}
