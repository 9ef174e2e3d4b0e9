/* fuzz_split.c - fuzz sentence splitting and tokenisation (tc_split_doc), rules
 * only and with a tiny trained model.  Every result is checked for the
 * splitter contract: sentences in order inside the text, every word a non-empty
 * slice of the text equal to its form, multi-word tokens of two adjacent words. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/doc.h"
#include "nlp/split.h"

int tc_fuzz_split(const uint8_t *data, size_t size);

static void check(const tc_doc *d)
{
    uint32_t prev = 0;
    for (uint32_t i = 0; i < d->nsent; i++) {
        const tc_sentence *s = &d->sent[i];
        if (!s->ntok || s->start < prev || s->end > d->text_len || !s->text) __builtin_trap();
        prev = s->end;
        for (uint32_t k = 0; k < s->ntok; k++) {
            const tc_token *w = &s->tok[k];
            if (w->start >= w->end || w->start < s->start || w->end > s->end) __builtin_trap();
            if (memcmp(w->form, d->text + w->start, w->end - w->start) != 0) __builtin_trap();
            if (w->mwt_len && (w->mwt_len != 2 || k + 1 >= s->ntok || s->tok[k + 1].start != w->end))
                __builtin_trap();
        }
    }
}

int tc_fuzz_split(const uint8_t *data, size_t size)
{
    static const char train[] = "we met in Oslo Then we left.\n\nthey flew to Rome Then it rained.";
    static const uint32_t ends[] = {14, 28, 47, 63};
    tc_doc *d = tc_doc_new();
    if (!d) return 0;
    if (tc_doc_set_text(d, (const char *)data, size) != TC_OK) {
        tc_doc_free(&d);
        return 0;
    }
    tc_split_model *m = NULL;
    tc_split_train_opts to = {2, 10};
    if (tc_split_train(train, sizeof train - 1, ends, 4, &to, &m, NULL) != TC_OK) m = NULL;
    for (int pass = 0; pass < 3; pass++) {
        tc_split_opts o = {pass == 2 ? 7u : 0u, (tc_split_nl)(size % 3), pass == 1 ? m : NULL};
        tc_splitter *sp = NULL;
        if (tc_split_new(&sp, &o) != TC_OK) break;
        if (tc_split_doc(sp, d) == TC_OK) check(d);
        tc_split_free(&sp);
    }
    tc_split_model_free(&m);
    tc_doc_free(&d);
    return 0;
}

#ifdef TC_FUZZ_MAIN
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { return tc_fuzz_split(data, size); }
#endif
