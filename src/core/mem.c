/* mem.c - allocator wrapper, arena, growable buffer. */
#include "mem.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

static long fail_countdown = -1;

void tc_mem_fail_after(long n) { fail_countdown = n; }

void tc_mem_hint_huge(void *p, size_t len)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    const uintptr_t hp = (uintptr_t)2 << 20;
    uintptr_t a = ((uintptr_t)p + hp - 1) & ~(hp - 1), e = ((uintptr_t)p + len) & ~(hp - 1);
    if (e > a) (void)madvise((void *)a, e - a, MADV_HUGEPAGE);
#else
    (void)p;
    (void)len;
#endif
}

static int should_fail(void)
{
    if (fail_countdown < 0) return 0;
    if (fail_countdown == 0) return 1;
    fail_countdown--;
    return 0;
}

void *tc_malloc(size_t n)
{
    if (should_fail()) return NULL;
    return malloc(n ? n : 1);
}

void *tc_calloc(size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size) return NULL;
    if (should_fail()) return NULL;
    return calloc(n ? n : 1, size ? size : 1);
}

void *tc_realloc(void *p, size_t n)
{
    if (should_fail()) return NULL;
    return realloc(p, n ? n : 1);
}

void *tc_reallocarray(void *p, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size) return NULL;
    return tc_realloc(p, n * size);
}

void tc_free(void *p) { free(p); }

char *tc_strndup(const char *s, size_t n)
{
    char *d = tc_malloc(n + 1);
    if (!d) return NULL;
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

char *tc_strdup(const char *s) { return s ? tc_strndup(s, strlen(s)) : NULL; }

/* ---- arena ---- */

struct tc_arena_block {
    tc_arena_block *next;
    size_t size, used;
    _Alignas(16) unsigned char mem[];
};

#define ARENA_MIN_BLOCK (64 * 1024)

void tc_arena_init(tc_arena *a)
{
    a->head = NULL;
    a->total = 0;
}

void *tc_arena_alloc(tc_arena *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    if (n == 0) n = 16;
    tc_arena_block *b = a->head;
    if (!b || b->size - b->used < n) {
        size_t sz = n > ARENA_MIN_BLOCK ? n : ARENA_MIN_BLOCK;
        if (sz > SIZE_MAX - sizeof *b) return NULL;
        b = tc_malloc(sizeof *b + sz);
        if (!b) return NULL;
        b->size = sz;
        b->used = 0;
        b->next = a->head;
        a->head = b;
    }
    void *p = b->mem + b->used;
    b->used += n;
    a->total += n;
    return p;
}

void *tc_arena_calloc(tc_arena *a, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size) return NULL;
    void *p = tc_arena_alloc(a, n * size);
    if (p) memset(p, 0, n * size);
    return p;
}

char *tc_arena_strndup(tc_arena *a, const char *s, size_t n)
{
    char *d = tc_arena_alloc(a, n + 1);
    if (!d) return NULL;
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

char *tc_arena_strdup(tc_arena *a, const char *s) { return tc_arena_strndup(a, s, strlen(s)); }

void tc_arena_reset(tc_arena *a)
{
    tc_arena_block *b = a->head;
    if (!b) return;
    /* keep the oldest block (the last in the list) if it is the minimum size */
    tc_arena_block *keep = NULL;
    while (b) {
        tc_arena_block *next = b->next;
        if (!next && b->size == ARENA_MIN_BLOCK) {
            keep = b;
        } else {
            tc_free(b);
        }
        b = next;
    }
    if (keep) {
        keep->used = 0;
        keep->next = NULL;
    }
    a->head = keep;
    a->total = 0;
}

void tc_arena_adopt(tc_arena *dst, tc_arena *src)
{
    if (!src->head) return;
    /* append dst's blocks after src's so that dst keeps allocating from its own head */
    tc_arena_block *last = src->head;
    while (last->next) last = last->next;
    last->next = dst->head ? dst->head->next : NULL;
    if (dst->head) {
        dst->head->next = src->head;
    } else {
        dst->head = src->head;
    }
    dst->total += src->total;
    src->head = NULL;
    src->total = 0;
}

void tc_arena_free(tc_arena *a)
{
    tc_arena_block *b = a->head;
    while (b) {
        tc_arena_block *next = b->next;
        tc_free(b);
        b = next;
    }
    a->head = NULL;
    a->total = 0;
}

/* ---- buf ---- */

tc_status tc_buf_reserve(tc_buf *b, size_t extra)
{
    if (extra > SIZE_MAX - b->len - 1) return TC_ENOMEM;
    size_t need = b->len + extra + 1;
    if (need <= b->cap) return TC_OK;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need) cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *d = tc_realloc(b->data, cap);
    if (!d) return TC_ENOMEM;
    b->data = d;
    b->cap = cap;
    return TC_OK;
}

tc_status tc_buf_append(tc_buf *b, const void *p, size_t n)
{
    if (tc_buf_reserve(b, n)) return TC_ENOMEM;
    if (n) memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = 0;
    return TC_OK;
}

tc_status tc_buf_puts(tc_buf *b, const char *s) { return tc_buf_append(b, s, strlen(s)); }

tc_status tc_buf_putc(tc_buf *b, char c) { return tc_buf_append(b, &c, 1); }

tc_status tc_buf_printf(tc_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char tmp[256];
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0) return TC_EINVAL;
    if ((size_t)n < sizeof tmp) return tc_buf_append(b, tmp, (size_t)n);
    if (tc_buf_reserve(b, (size_t)n)) return TC_ENOMEM;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return TC_OK;
}

void tc_buf_clear(tc_buf *b)
{
    b->len = 0;
    if (b->data) b->data[0] = 0;
}

void tc_buf_free(tc_buf *b)
{
    tc_free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

char *tc_buf_take(tc_buf *b)
{
    char *d = b->data;
    if (!d) d = tc_strdup("");
    b->data = NULL;
    b->len = b->cap = 0;
    return d;
}

tc_status tc_buf_read_stream(tc_buf *b, FILE *f)
{
    char tmp[65536];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
        if (tc_buf_append(b, tmp, n)) return TC_ENOMEM;
    return ferror(f) ? TC_EIO : TC_OK;
}

char *tc_buf_slurp_path(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    tc_buf b = TC_BUF_INIT;
    tc_status st = tc_buf_read_stream(&b, f);
    fclose(f);
    if (st == TC_OK) st = tc_buf_putc(&b, 0);
    if (st != TC_OK) {
        tc_buf_free(&b);
        return NULL;
    }
    *len = b.len - 1;
    return tc_buf_take(&b);
}

tc_status tc_grow(void **p, size_t *cap, size_t elt)
{
    size_t nc = *cap ? *cap * 2 : 64;
    void *q = tc_reallocarray(*p, nc, elt);
    if (!q) return TC_ENOMEM;
    *p = q;
    *cap = nc;
    return TC_OK;
}
