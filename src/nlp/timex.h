/* timex.h - temporal expressions in news sentences, resolved against a reference date.
 *
 * Finds and resolves, over the words of one sentence:
 *   deictic      today, tonight, yesterday, tomorrow, last night, this morning/evening
 *   weekdays     (on) Sunday, last/this/next Friday, Saturday's call
 *   relative     last/next week|month|year, N days/weeks ago, earlier this week|month,
 *                a day/week earlier|later (relative to the reference, not to other events)
 *   calendar     March 27, 27 March, March 27, 2022, Feb. 12, mid-March (month), in March,
 *                in 2021 (year); a month and day without a year take the year that puts
 *                them nearest before the reference date (news reports the past), unless
 *                the sentence speaks of the future (will, to be, set to, scheduled, next)
 * A bare weekday means the most recent such day on or before the reference date,
 * or the next one when the sentence is about the future.
 *
 * Everything is computed with proleptic Gregorian day numbers (core/date.h); no
 * allocation.  The reference date is usually the document date. */
#ifndef TC_TIMEX_H
#define TC_TIMEX_H

#include <stdint.h>

#include "core/doc.h"

typedef enum tc_timex_prec {
    TC_TIMEX_DAY = 0,
    TC_TIMEX_WEEK,
    TC_TIMEX_MONTH,
    TC_TIMEX_YEAR
} tc_timex_prec;

typedef struct tc_timex {
    uint32_t first, last;  /* word indices (0-based, inclusive) of the expression */
    uint32_t anchor;       /* word that carries it in the tree (the weekday, month, "yesterday") */
    int year, month, day;  /* resolved date (day 1 / month 1 for coarser precisions) */
    tc_timex_prec prec;
    int relative;          /* 1 if it depended on the reference date */
} tc_timex;

/* A reference date as y/m/d; valid() is false when unknown (year 0). */
typedef struct tc_ymd {
    int year, month, day;
} tc_ymd;

/* Parse "YYYY-MM-DD..." (first 10 chars); {0,0,0} when s is NULL or not a date. */
tc_ymd tc_timex_ymd(const char *s);

/* Find the expressions of sentence s (words with forms; tags optional) and
 * resolve them against ref.  Writes at most max items to out; returns the number
 * found (<= max).  With an unknown ref, only absolute calendar dates with a year
 * are returned. */
int tc_timex_find(const tc_sentence *s, tc_ymd ref, tc_timex *out, int max);

/* The expression that dates word `verb` of s: one whose anchor's head chain
 * reaches the verb before any other verb (needs heads/upos), else -1.
 * Used to give each event its own date. */
int tc_timex_for_verb(const tc_sentence *s, const tc_timex *tx, int n, uint32_t verb);

/* First absolute calendar date with a year in the text (e.g. "March 3, 2022",
 * "2022-03-03", "3 March 2022"); {0} if none.  For the document date when the
 * metadata has none. */
tc_ymd tc_timex_first_date(const char *text, size_t len);

/* Add days to a date (negative allowed). */
tc_ymd tc_timex_add_days(tc_ymd d, long days);

#endif
