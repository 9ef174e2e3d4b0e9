/* pubdate.h - publication date of a web page, htmldate-style: metadata first
 * (article:published_time and kin, itemprop datePublished, JSON-LD
 * datePublished, Dublin Core), then <time datetime> / pubdate elements, the
 * URL (/2019/03/27/), and finally date-like text near the top of the page.
 * Candidates outside [1995, this year + 1] are rejected.  Modified dates are
 * used only when nothing better exists. */
#ifndef TC_PUBDATE_H
#define TC_PUBDATE_H

#include <stddef.h>

struct _xmlDoc;

typedef struct tc_pubdate {
    int y, m, d;          /* 0 when not found */
    int hh, mi, ss;       /* valid when has_time */
    int has_time;
    int tz;               /* 0 no zone given, 1 UTC (Z, +00:00), 2 another offset */
    int prio;             /* lower is better (internal ranking) */
    const char *source;   /* static string: "meta", "json-ld", "itemprop", "time", "url", "text" */
} tc_pubdate;

/* Parse one date string (ISO 8601 / RFC 2822 / "March 27, 2019" / "27 March 2019" /
 * "27.03.2019" / "2019/03/27" ...).  Returns 1 and fills y/m/d (and time if
 * present), 0 if no plausible date. */
int tc_pubdate_parse(const char *s, size_t n, tc_pubdate *out);

/* Date in a URL path (/2019/03/27/, /20190327/, /2019-03-27-...). */
int tc_pubdate_from_url(const char *url, tc_pubdate *out);

/* Best publication date in a parsed libxml2 HTML document (url may be NULL).
 * Returns 1 if found. */
int tc_pubdate_from_dom(struct _xmlDoc *doc, const char *url, tc_pubdate *out);

/* Format "YYYY-MM-DD" (buf >= 11) and, when has_time, "YYYY-MM-DDTHH:MM:SS" (buf >= 20). */
void tc_pubdate_format_date(const tc_pubdate *p, char *buf, size_t cap);
void tc_pubdate_format_datetime(const tc_pubdate *p, char *buf, size_t cap);

#endif
