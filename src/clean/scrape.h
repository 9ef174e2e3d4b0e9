/* scrape.h - cleaning of scraped news text: junk paragraphs out, headline marked,
 * dateline lifted into the document's metadata.
 *
 * tc_clean_doc splits doc->text into paragraphs (a line; hard-wrapped lines of
 * one paragraph are joined), classifies each one with rules that describe kinds
 * of junk (widget vocabulary on short lines, lines without sentence shape,
 * image credits and captions, date/weather widgets, boilerplate repeated in
 * the document, short non-sentences in the header and footer zones...), and
 * replaces doc->text (tc_doc_replace_text; doc->raw keeps the input) with the
 * kept paragraphs, each on one line, separated by one blank line.  It is
 * conservative: a paragraph is dropped only when a rule recognises it.
 *
 * Headline: a short title-shaped line before the first body paragraph is kept
 * as the first paragraph of the text, copied to doc->title when that is NULL,
 * and marked with the meta key "headline" = "1".
 * Dateline: "KYIV, Ukraine (AP) -", "MOSCOW, Feb 12 (Reuters) -", "WASHINGTON —"
 * at the start of the first body paragraph is removed from the text and goes
 * to doc->dateline_place / doc->dateline_agency (only those still NULL).  When
 * it has a month and day and doc->date has a year, meta "dateline_date" gets
 * "YYYY-MM-DD" (the year comes from doc->date, never invented).
 *
 * Ownership: everything the cleaner produces lives in the document arena
 * (report->drops and the strings it points to: drop texts point into the text
 * that was cleaned, which stays in the arena). */
#ifndef TC_CLEAN_SCRAPE_H
#define TC_CLEAN_SCRAPE_H

#include <stddef.h>
#include <stdint.h>

#include "core/doc.h"
#include "core/status.h"

/* One dropped paragraph (or the lifted dateline, rule "dateline"; or a
 * trailing agency sign-off, rule "signoff"). */
typedef struct tc_clean_drop {
    const char *rule;  /* static rule name: "share-widget", "caption", ... */
    const char *text;  /* start of the dropped text (NOT NUL-terminated) */
    uint32_t len;      /* its length in bytes (hard-wrapped lines joined by "\n") */
    uint32_t line;     /* 1-based line of its start in the text that was cleaned */
} tc_clean_drop;

typedef void (*tc_clean_drop_fn)(void *ud, const tc_doc *doc, const tc_clean_drop *drop);

enum {
    TC_CLEAN_NO_DATELINE = 1u << 0, /* leave datelines in the text */
    TC_CLEAN_NO_HEADLINE = 1u << 1  /* do not set doc->title / meta "headline" */
};

typedef struct tc_clean_opts {
    unsigned flags;            /* TC_CLEAN_* */
    tc_clean_drop_fn on_drop;  /* called for every drop, in text order; may be NULL */
    void *ud;
} tc_clean_opts;

typedef struct tc_clean_report {
    tc_clean_drop *drops;  /* in doc arena, ndrops entries, in text order */
    uint32_t ndrops;
    uint32_t nparas;       /* paragraphs seen */
    uint32_t nkept;        /* paragraphs kept */
    int headline;          /* 1 when the first kept paragraph is the headline */
    int dateline;          /* 1 when a dateline was lifted */
    int wrapped;           /* 1 when the text was seen as hard-wrapped */
} tc_clean_report;

/* Clean doc->text in place (see above).  opts and rep may be NULL.
 * Returns TC_OK, TC_EINVAL (doc NULL) or TC_ENOMEM (doc left unchanged). */
tc_status tc_clean_doc(tc_doc *doc, const tc_clean_opts *opts, tc_clean_report *rep);

/* A dateline at the start of s. */
typedef struct tc_clean_dateline {
    const char *place;     /* points into s; NULL if none ("(Reuters) -" alone) */
    size_t place_len;
    const char *agency;    /* inside the parentheses, NULL if none */
    size_t agency_len;
    int month, day;        /* 1-12 / 1-31 when the dateline has a date, else 0 */
} tc_clean_dateline;

/* Recognise a dateline at the start of s[0..n).  Returns the number of bytes
 * it takes up including the dash and the spaces after it (the body text starts
 * there), or 0 when s does not start with a dateline; out may be NULL. */
size_t tc_clean_dateline_parse(const char *s, size_t n, tc_clean_dateline *out);

/* Name of every rule, NULL-terminated (for documentation and tests). */
extern const char *const tc_clean_rule_names[];

#endif
