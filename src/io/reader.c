/* reader.c - PLACEHOLDER minimal plain-text reader (the readers issue replaces this). */
#include "reader.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct tc_reader {
    char *name;
    char *data;
    size_t len;
    int done;
    tc_diag *diag;
    tc_read_stats *stats;
};

const char *tc_format_name(tc_format f)
{
    static const char *n[] = {"auto", "text", "jsonl", "petrarch-xml", "tabari", "html", "warc", "conllu"};
    return f < TC_FMT_MAX ? n[f] : NULL;
}

tc_format tc_format_from_name(const char *name)
{
    if (!strcmp(name, "text") || !strcmp(name, "txt")) return TC_FMT_TEXT;
    return TC_FMT_AUTO;
}

tc_status tc_reader_open_mem(tc_reader **out, const char *name, const void *data, size_t len,
                             const tc_read_opts *opts, tc_diag *diag, tc_read_stats *stats)
{
    (void)opts;
    tc_reader *r = tc_calloc(1, sizeof *r);
    if (!r) return TC_ENOMEM;
    r->name = tc_strdup(name);
    r->data = tc_strndup(data, len);
    r->len = len;
    r->diag = diag;
    r->stats = stats;
    *out = r;
    return TC_OK;
}

tc_status tc_reader_open(tc_reader **out, const char *path, const tc_read_opts *opts,
                         tc_diag *diag, tc_read_stats *stats)
{
    *out = NULL;
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!f) {
        tc_diag_emit(diag, TC_LOG_ERROR, path, 0, "cannot open: %s", strerror(errno));
        return TC_EIO;
    }
    tc_buf b = TC_BUF_INIT;
    char tmp[65536];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0) tc_buf_append(&b, tmp, n);
    if (f != stdin) fclose(f);
    tc_status st = tc_reader_open_mem(out, path, b.data ? b.data : "", b.len, opts, diag, stats);
    tc_buf_free(&b);
    return st;
}

tc_status tc_reader_next(tc_reader *r, tc_doc **doc)
{
    if (r->done) return TC_EOF;
    r->done = 1;
    tc_doc *d = tc_doc_new();
    if (!d) return TC_ENOMEM;
    const char *base = strrchr(r->name, '/');
    base = base ? base + 1 : r->name;
    const char *dot = strchr(base, '.');
    d->id = tc_doc_strn(d, base, dot ? (size_t)(dot - base) : strlen(base));
    d->path = tc_doc_str(d, r->name);
    d->format = "text";
    tc_doc_set_text(d, r->data, r->len);
    if (r->stats) r->stats->docs++;
    *doc = d;
    return TC_OK;
}

tc_format tc_reader_format(const tc_reader *r)
{
    (void)r;
    return TC_FMT_TEXT;
}

void tc_reader_close(tc_reader **r)
{
    if (!r || !*r) return;
    tc_free((*r)->name);
    tc_free((*r)->data);
    tc_free(*r);
    *r = NULL;
}

tc_status tc_paths_expand(char *const *inputs, int n, char ***out, size_t *count,
                          unsigned long *nbad, tc_diag *diag)
{
    (void)diag;
    char **p = tc_calloc((size_t)n + 1, sizeof *p);
    if (!p) return TC_ENOMEM;
    for (int i = 0; i < n; i++) p[i] = tc_strdup(inputs[i]);
    *out = p;
    *count = (size_t)n;
    *nbad = 0;
    return TC_OK;
}

void tc_paths_free(char ***paths)
{
    if (!paths || !*paths) return;
    for (char **p = *paths; *p; p++) tc_free(*p);
    tc_free(*paths);
    *paths = NULL;
}
