/* doc.c - document model. */
#include "doc.h"

#include <string.h>

tc_doc *tc_doc_new(void)
{
    tc_doc *d = tc_calloc(1, sizeof *d);
    if (!d) return NULL;
    tc_arena_init(&d->arena);
    return d;
}

void tc_doc_free(tc_doc **dp)
{
    if (!dp || !*dp) return;
    tc_doc *d = *dp;
    tc_arena_free(&d->arena);
    tc_free(d);
    *dp = NULL;
}

const char *tc_doc_strn(tc_doc *d, const char *s, size_t n)
{
    if (!s) return NULL;
    return tc_arena_strndup(&d->arena, s, n);
}

const char *tc_doc_str(tc_doc *d, const char *s) { return s ? tc_doc_strn(d, s, strlen(s)) : NULL; }

tc_status tc_doc_set_text(tc_doc *d, const char *s, size_t n)
{
    char *t = tc_arena_strndup(&d->arena, s ? s : "", s ? n : 0);
    if (!t) return TC_ENOMEM;
    d->raw = d->text = t;
    d->raw_len = d->text_len = s ? n : 0;
    tc_doc_clear_sentences(d);
    return TC_OK;
}

tc_status tc_doc_replace_text(tc_doc *d, const char *s, size_t n)
{
    char *t = tc_arena_strndup(&d->arena, s ? s : "", s ? n : 0);
    if (!t) return TC_ENOMEM;
    d->text = t;
    d->text_len = s ? n : 0;
    if (!d->raw) {
        d->raw = t;
        d->raw_len = d->text_len;
    }
    tc_doc_clear_sentences(d);
    return TC_OK;
}

tc_status tc_doc_meta_set(tc_doc *d, const char *key, const char *value)
{
    const char *v = tc_doc_str(d, value ? value : "");
    if (!v) return TC_ENOMEM;
    for (uint32_t i = 0; i < d->nmeta; i++) {
        if (strcmp(d->meta[i].key, key) == 0) {
            d->meta[i].value = v;
            return TC_OK;
        }
    }
    if (d->nmeta == d->meta_cap) {
        uint32_t cap = d->meta_cap ? d->meta_cap * 2 : 8;
        tc_meta *m = tc_arena_alloc(&d->arena, cap * sizeof *m);
        if (!m) return TC_ENOMEM;
        if (d->nmeta) memcpy(m, d->meta, d->nmeta * sizeof *m);
        d->meta = m;
        d->meta_cap = cap;
    }
    const char *k = tc_doc_str(d, key);
    if (!k) return TC_ENOMEM;
    d->meta[d->nmeta].key = k;
    d->meta[d->nmeta].value = v;
    d->nmeta++;
    return TC_OK;
}

const char *tc_doc_meta_get(const tc_doc *d, const char *key)
{
    for (uint32_t i = 0; i < d->nmeta; i++)
        if (strcmp(d->meta[i].key, key) == 0) return d->meta[i].value;
    return NULL;
}

tc_sentence *tc_doc_add_sentence(tc_doc *d, uint32_t start, uint32_t end, uint32_t ntok)
{
    if (d->nsent == d->sent_cap) {
        uint32_t cap = d->sent_cap ? d->sent_cap * 2 : 16;
        tc_sentence *s = tc_arena_alloc(&d->arena, cap * sizeof *s);
        if (!s) return NULL;
        if (d->nsent) memcpy(s, d->sent, d->nsent * sizeof *s);
        d->sent = s;
        d->sent_cap = cap;
    }
    tc_sentence *s = &d->sent[d->nsent];
    memset(s, 0, sizeof *s);
    s->start = start;
    s->end = end;
    if (ntok) {
        s->tok = tc_arena_calloc(&d->arena, ntok, sizeof *s->tok);
        if (!s->tok) return NULL;
        for (uint32_t i = 0; i < ntok; i++) {
            s->tok[i].head = -1;
            s->tok[i].space_after = 1;
        }
    }
    s->ntok = ntok;
    d->nsent++;
    return s;
}

void tc_doc_clear_sentences(tc_doc *d)
{
    d->nsent = 0;
}

tc_status tc_doc_add_gold(tc_doc *d, const char *src, const char *tgt, const char *code,
                          const char *extra)
{
    tc_gold_event *g = tc_arena_alloc(&d->arena, (d->ngold + 1) * sizeof *g);
    if (!g) return TC_ENOMEM;
    if (d->ngold) memcpy(g, d->gold, d->ngold * sizeof *g);
    g[d->ngold].source = tc_doc_str(d, src);
    g[d->ngold].target = tc_doc_str(d, tgt);
    g[d->ngold].code = tc_doc_str(d, code);
    g[d->ngold].extra = tc_doc_str(d, extra);
    d->gold = g;
    d->ngold++;
    return TC_OK;
}
