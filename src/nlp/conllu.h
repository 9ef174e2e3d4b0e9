/* conllu.h - read and write CoNLL-U (Universal Dependencies) into the document model.
 *
 * Reading builds one tc_doc from a whole CoNLL-U text: one tc_sentence per
 * sentence, one tc_token per syntactic word (ID 1..n), with
 *   form, lemma, upos, xpos, feats, deprel, misc ("_" -> NULL; misc keeps the
 *   MISC items other than SpaceAfter=No), head (0 = root, "_" -> -1),
 *   space_after (0 when SpaceAfter=No),
 *   multi-word token range lines "a-b" -> mwt_len = b-a+1 and mwt_form on word a;
 *   the range line's SpaceAfter=No goes to the last word of the token.
 * Empty nodes ("8.1") are skipped; column 9 (DEPS) is checked but not kept.
 * Comments kept: "# sent_id = X" -> sentence id, "# text = X" -> sentence text,
 * "# newpar" -> a new paragraph index (sent->para), "# newdoc [id = X]" -> a new
 * paragraph as well, and the id is stored as document metadata under the key
 * "conllu.newdoc.N" (N = 0-based index of the sentence it precedes); the first
 * newdoc id is also doc->id.  Other comments are dropped.
 * doc->text is rebuilt from the surface tokens (a space after tokens without
 * SpaceAfter=No, "\n" between sentences, "\n\n" between paragraphs); every
 * token's start/end and every sentence's start/end are byte offsets into it,
 * the words of a multi-word token all share the token's span.
 *
 * Malformed input (wrong column count, bad or out-of-order IDs, a range line
 * not followed by its words, head out of range, empty fields, a comment inside
 * a sentence, ...) makes the reader stop with TC_EPARSE after one error
 * "NAME:LINE: what" through diag (file = name, line = 1-based line number).
 * End of input ends the last sentence (a final blank line is optional).
 *
 * Ownership: the returned document belongs to the caller (tc_doc_free); all its
 * strings live in its arena. */
#ifndef TC_CONLLU_H
#define TC_CONLLU_H

#include <stddef.h>

#include "core/doc.h"
#include "core/mem.h"
#include "core/status.h"

/* Parse CoNLL-U text data[0..len) (need not be NUL-terminated; a UTF-8 BOM and
 * CRLF line ends are accepted) into a new document *out.  name is used in
 * messages (may be NULL: "<conllu>").  On error *out is NULL. */
tc_status tc_conllu_parse(const char *data, size_t len, const char *name, tc_doc **out,
                          tc_diag *diag);

/* Read a CoNLL-U file ("-" = stdin) into a new document *out. */
tc_status tc_conllu_read_file(const char *path, tc_doc **out, tc_diag *diag);

/* Writer flags. */
enum {
    TC_CONLLU_IDS = 1,    /* write "# sent_id = N" (1-based) for sentences without an id */
    TC_CONLLU_NOTEXT = 2, /* do not write "# text = ..." */
    TC_CONLLU_NOPAR = 4   /* do not write "# newdoc" / "# newpar" comments */
};

/* Append one sentence in CoNLL-U (comments, word lines, blank line) to out.
 * index is the sentence's 0-based position (for TC_CONLLU_IDS). The text comment
 * is s->text, else doc->text[s->start..s->end) with line breaks as spaces.
 * NULL fields are written as "_", head -1 as "_". */
tc_status tc_conllu_write_sentence(const tc_doc *doc, const tc_sentence *s, size_t index,
                                   unsigned flags, tc_buf *out);

/* Append the whole document.  Unless TC_CONLLU_NOPAR, "# newdoc id = X" is written
 * before sentences with conllu.newdoc.N metadata and "# newpar" where sent->para
 * changes (not before the first sentence). */
tc_status tc_conllu_write(const tc_doc *doc, unsigned flags, tc_buf *out);

/* Number of surface tokens of a sentence (a multi-word token counts once). */
size_t tc_conllu_ntokens(const tc_sentence *s);

#endif
