/* test_core.c - allocator, arena, buffer, document model. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "core/doc.h"
#include "core/mem.h"

Test(mem, buf_grows_and_stays_terminated)
{
    tc_buf b = TC_BUF_INIT;
    for (int i = 0; i < 1000; i++) cr_assert_eq(tc_buf_printf(&b, "%d,", i), TC_OK);
    cr_assert(b.len > 1000);
    cr_assert_eq(b.data[b.len], 0);
    cr_assert(strncmp(b.data, "0,1,2,", 6) == 0);
    tc_buf_free(&b);
    cr_assert_null(b.data);
}

Test(mem, arena_alignment_and_reset)
{
    tc_arena a;
    tc_arena_init(&a);
    for (int i = 1; i < 5000; i++) {
        void *p = tc_arena_alloc(&a, (size_t)(i % 97) + 1);
        cr_assert_not_null(p);
        cr_assert_eq((uintptr_t)p % 16, 0);
    }
    char *big = tc_arena_alloc(&a, 1 << 20);
    cr_assert_not_null(big);
    memset(big, 1, 1 << 20);
    tc_arena_reset(&a);
    cr_assert_eq(a.total, 0);
    cr_assert_not_null(tc_arena_strdup(&a, "hello"));
    tc_arena_free(&a);
}

Test(mem, calloc_overflow_and_fail_injection)
{
    cr_assert_null(tc_calloc(SIZE_MAX / 2, 4));
    tc_mem_fail_after(0);
    cr_assert_null(tc_malloc(10));
    tc_mem_fail_after(-1);
    void *p = tc_malloc(10);
    cr_assert_not_null(p);
    tc_free(p);
    tc_free(NULL);
}

Test(doc, metadata_sentences_gold)
{
    tc_doc *d = tc_doc_new();
    cr_assert_not_null(d);
    cr_assert_eq(tc_doc_set_text(d, "Hello world.", 12), TC_OK);
    cr_assert_eq(tc_doc_meta_set(d, "category", "DEMO"), TC_OK);
    cr_assert_eq(tc_doc_meta_set(d, "category", "OTHER"), TC_OK);
    cr_assert_str_eq(tc_doc_meta_get(d, "category"), "OTHER");
    cr_assert_null(tc_doc_meta_get(d, "nope"));
    for (int i = 0; i < 40; i++) {
        tc_sentence *s = tc_doc_add_sentence(d, 0, 12, 3);
        cr_assert_not_null(s);
        cr_assert_eq(s->tok[2].head, -1);
        cr_assert_eq(s->tok[2].space_after, 1);
    }
    cr_assert_eq(d->nsent, 40);
    cr_assert_eq(tc_doc_add_gold(d, "USA", "RUS", "042", NULL), TC_OK);
    cr_assert_str_eq(d->gold[0].code, "042");
    cr_assert_eq(tc_doc_replace_text(d, "Hi.", 3), TC_OK);
    cr_assert_str_eq(d->raw, "Hello world.");
    cr_assert_str_eq(d->text, "Hi.");
    cr_assert_eq(d->nsent, 0);
    tc_doc_free(&d);
    cr_assert_null(d);
    tc_doc_free(&d);
}

#include "core/hash.h"

Test(hash, strmap_put_get_intern_grow)
{
    tc_strmap m;
    tc_strmap_init(&m);
    char k[32];
    for (int i = 0; i < 10000; i++) {
        int n = snprintf(k, sizeof k, "key%d", i);
        cr_assert_eq(tc_strmap_put(&m, k, (size_t)n, i), TC_OK);
    }
    cr_assert_eq(m.count, 10000);
    int64_t v;
    cr_assert(tc_strmap_get(&m, "key4242", 7, &v));
    cr_assert_eq(v, 4242);
    cr_assert_not(tc_strmap_get(&m, "key10000", 8, &v));
    int added = 1;
    cr_assert_eq(tc_strmap_intern(&m, "key7", 4, 99, &v, &added), TC_OK);
    cr_assert_eq(v, 7);
    cr_assert_eq(added, 0);
    cr_assert_eq(tc_strmap_put(&m, "key7", 4, 99), TC_OK);
    cr_assert(tc_strmap_get(&m, "key7", 4, &v));
    cr_assert_eq(v, 99);
    cr_assert_str_eq(tc_strmap_key(&m, "key7", 4), "key7");
    tc_strmap_free(&m);
}
