/* html.h - HTML to article: charset detection and conversion to UTF-8, then
 * libxml2's HTML parser (recovering, no network) and our own boilerplate
 * removal (text and link density, DOM structure, paragraph scoring), title,
 * canonical URL, language and publication date (pubdate.h).
 *
 * Ownership: every string of a tc_html_article is tc_malloc'ed and owned by
 * the article; tc_html_article_free releases them. */
#ifndef TC_HTML_H
#define TC_HTML_H

#include <stddef.h>

#include "../core/mem.h"
#include "../core/status.h"

/* Decide the charset of an HTML/text payload: BOM, then hint (HTTP header
 * charset, may be NULL), then <meta charset> / http-equiv in the first 4 KiB,
 * then a UTF-8 validity check (else windows-1252).  A declared single-byte
 * charset on bytes that are valid non-ASCII UTF-8, or a declared UTF-8 on bytes
 * that are mostly not, is overridden.  Writes a lowercase name to name. */
void tc_html_sniff_charset(const char *p, size_t n, const char *hint, char *name, size_t cap);

/* Append p (in charset) converted to UTF-8 to out.  UTF-8, ISO-8859-1, ASCII
 * and windows-1252 are built in; other charsets go through iconv (unknown
 * ones are treated as UTF-8 and TC_EFORMAT is returned after converting).
 * Invalid sequences become U+FFFD and NUL bytes are dropped; *repaired (may
 * be NULL) gets the count. */
tc_status tc_html_to_utf8(const char *p, size_t n, const char *charset, tc_buf *out,
                          size_t *repaired);

/* Sniff and convert in one step; charset_out (may be NULL, cap >= 32) gets the name. */
tc_status tc_html_decode(const char *p, size_t n, const char *hint, tc_buf *out,
                         char *charset_out, size_t cap, size_t *repaired);

typedef struct tc_html_opts {
    const char *url; /* page URL if known (date patterns, fallback for canonical) */
} tc_html_opts;

typedef struct tc_html_article {
    char *title;      /* og:title, <title> cleaned of the site name, or h1; NULL if none */
    char *url;        /* canonical URL (link rel=canonical, og:url), else opts->url */
    char *date;       /* publication date "YYYY-MM-DD" or NULL */
    char *datetime;   /* "YYYY-MM-DDTHH:MM:SS" when a time was found, else NULL */
    char *date_source;/* where the date came from ("meta", "json-ld", "time", "url", "text") */
    char *language;   /* lowercase primary language subtag ("en"), or NULL */
    char *text;       /* article body, paragraphs separated by "\n\n"; never NULL on TC_OK */
    size_t text_len;
} tc_html_article;

/* Extract the article from UTF-8 HTML.  On TC_OK *a is filled (free with
 * tc_html_article_free); an empty body gives text "" (not an error). */
tc_status tc_html_extract(const char *html, size_t n, const tc_html_opts *opts,
                          tc_html_article *a);
void tc_html_article_free(tc_html_article *a);

struct tc_doc;
/* Copy an article into a document: text (via tc_doc_replace_text, so raw keeps
 * what the reader set), title, url, date, datetime, language, source (host of
 * the URL) and meta "date.source". */
tc_status tc_html_doc_fill(struct tc_doc *d, const tc_html_article *a);

#endif
