/* mem.h - the one allocator wrapper, arenas and growable byte buffers.
 *
 * All library allocations go through tc_malloc/tc_calloc/tc_realloc/tc_free so that
 * the out-of-memory policy is one decision and tests can inject failures
 * (tc_mem_fail_after).  tc_free(NULL) is a no-op.  Size products are overflow
 * checked: tc_calloc and tc_reallocarray return NULL when n*size overflows.
 *
 * Arena: bump allocator for per-document data (tokens, strings).  Everything
 * allocated from an arena is released at once by tc_arena_reset/tc_arena_free.
 * Buf: a growable, always NUL-terminated byte string owned by its user. */
#ifndef TC_MEM_H
#define TC_MEM_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "status.h"

void *tc_malloc(size_t n);
void *tc_calloc(size_t n, size_t size);
void *tc_realloc(void *p, size_t n);
void *tc_reallocarray(void *p, size_t n, size_t size);
void tc_free(void *p);
char *tc_strdup(const char *s);
char *tc_strndup(const char *s, size_t n);

/* Test hook: the (n+1)-th allocation from now fails; n < 0 disables. */
void tc_mem_fail_after(long n);

/* Ask for transparent huge pages on the 2 MB-aligned interior of a large fresh buffer
 * (before it is touched): model weight tables are read at random, and with 4 KB pages
 * most lookups would also miss the TLB.  A hint only (Linux madvise); errors ignored. */
void tc_mem_hint_huge(void *p, size_t len);

typedef struct tc_arena_block tc_arena_block;
typedef struct tc_arena {
    tc_arena_block *head;
    size_t total;       /* bytes handed out since last reset */
} tc_arena;

void tc_arena_init(tc_arena *a);
void *tc_arena_alloc(tc_arena *a, size_t n);          /* 16-byte aligned, NULL on OOM */
void *tc_arena_calloc(tc_arena *a, size_t n, size_t size);
char *tc_arena_strndup(tc_arena *a, const char *s, size_t n);
char *tc_arena_strdup(tc_arena *a, const char *s);
void tc_arena_reset(tc_arena *a); /* keeps the first block for reuse */
/* Move every block of src into dst (src is left empty): memory allocated from
 * src stays valid and is now freed with dst. */
void tc_arena_adopt(tc_arena *dst, tc_arena *src);
void tc_arena_free(tc_arena *a);

typedef struct tc_buf {
    char *data; /* NUL-terminated when cap > 0 */
    size_t len, cap;
} tc_buf;

#define TC_BUF_INIT {NULL, 0, 0}
tc_status tc_buf_reserve(tc_buf *b, size_t extra);
tc_status tc_buf_append(tc_buf *b, const void *p, size_t n);
tc_status tc_buf_puts(tc_buf *b, const char *s);
tc_status tc_buf_putc(tc_buf *b, char c);
tc_status tc_buf_printf(tc_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void tc_buf_clear(tc_buf *b);
void tc_buf_free(tc_buf *b);
/* Hand the buffer's storage to the caller (who tc_free()s it) and reset b. */
char *tc_buf_take(tc_buf *b);
/* Append everything readable from f to b.  TC_EIO on a read error, TC_ENOMEM. */
tc_status tc_buf_read_stream(tc_buf *b, FILE *f);
/* The whole file at path, NUL-terminated, owned by the caller (tc_free); *len = its length
 * without the NUL.  NULL when it cannot be opened or read (errno says why) or on ENOMEM. */
char *tc_buf_slurp_path(const char *path, size_t *len);

/* Grow an array of elements of size elt to twice its capacity (64 at first).  TC_GROW(arr, n,
 * cap) is true when arr has room for element n (growing it if needed), false on ENOMEM. */
tc_status tc_grow(void **p, size_t *cap, size_t elt);
#define TC_GROW(arr, n, cap) ((n) < (cap) || tc_grow((void **)&(arr), &(cap), sizeof *(arr)) == TC_OK)

#endif
