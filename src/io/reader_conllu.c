/* reader_conllu.c - CoNLL-U input: one document per file (tagged and parsed words,
 * coded as given by `tacitus code --given-parse`).  A malformed file is reported
 * with its line by the CoNLL-U module and skipped. */
#include <string.h>

#include "../nlp/conllu.h"
#include "reader_int.h"

static tc_status conllu_next(tc_reader *r, tc_doc **out)
{
    *out = NULL;
    if (r->done) return TC_EOF;
    r->done = 1;
    tc_buf b = TC_BUF_INIT;
    tc_status st = tc_reader_slurp(r, &b, r->opts.max_doc, NULL, NULL);
    if (st != TC_OK && st != TC_ETRUNC) {
        tc_buf_free(&b);
        return st;
    }
    if (!b.len) {
        tc_buf_free(&b);
        tc_reader_empty(r, 1, "empty CoNLL-U input");
        return TC_EOF;
    }
    tc_doc *d = NULL;
    tc_status pst = tc_conllu_parse(b.data, b.len, r->name, &d, r->diag);
    tc_buf_free(&b);
    if (pst != TC_OK) {
        r->stats->skipped++;
        return pst == TC_ENOMEM ? TC_ENOMEM : TC_EOF;
    }
    /* the first "# newdoc id" names the document, else the file stem */
    const char *nd = tc_doc_meta_get(d, "conllu.newdoc.0");
    d->id = (nd && *nd) ? nd : tc_reader_stem(d, r->path);
    d->path = tc_doc_str(d, r->path);
    d->line = 1;
    d->format = "conllu";
    *out = d;
    return TC_OK;
}

static int conllu_sniff(const char *head, size_t n)
{
    /* a comment line "# sent_id" / "# text" or a word line with 10 tab-separated columns */
    if (n >= 9 && (!strncmp(head, "# sent_id", 9) || !strncmp(head, "# newdoc", 8) ||
                   !strncmp(head, "# text", 6)))
        return 70;
    int tabs = 0;
    for (size_t i = 0; i < n && head[i] != '\n'; i++) tabs += head[i] == '\t';
    return (n && head[0] >= '1' && head[0] <= '9' && tabs == 9) ? 60 : 0;
}

const tc_reader_vt tc_reader_conllu_vt = {
    TC_FMT_CONLLU, "conllu", NULL, conllu_next, NULL, conllu_sniff,
};
