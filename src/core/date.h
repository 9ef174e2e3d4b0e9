/* date.h - parse the date formats that news feeds and event-data records use.
 *
 * Accepted (leading/trailing blanks ignored, case-insensitive month names,
 * English full or 3-letter, "Sept" too):
 *   ISO 8601     2022-03-27, 2022-03-27T10:00, 2022-03-27 10:00:00.123+02:00, ...Z,
 *                20220327T100000Z
 *   RFC 2822     Sun, 27 Mar 2022 10:00:00 +0000   (weekday optional; GMT/UT/UTC/EST... zones)
 *   Reuters      26-FEB-1987 15:01:01.79
 *   US long      February 26, 1987 [10:00[:00]]    ("Feb. 26, 1987" too)
 *   day month    26 February 1987, 26 Feb 1987
 *   slashes      2022/03/27 [10:00[:00]]
 *   compact      YYYYMMDD, YYMMDD (00-30 -> 20xx, else 19xx: PETRARCH/TABARI records)
 *   epoch        unix seconds (9-10 digits) or milliseconds (13 digits)
 * Impossible calendar dates (Feb 30, month 13, hour 25) are rejected. */
#ifndef TC_DATE_H
#define TC_DATE_H

#include <stddef.h>

#include "status.h"

typedef struct tc_date {
    int year, month, day;      /* calendar date as written */
    int hour, min, sec;        /* 0 when has_time is 0 */
    int msec;                  /* fractional seconds, milliseconds */
    int has_time;              /* a time of day was given */
    int has_tz;                /* a zone was given (or the form implies UTC: epoch) */
    int tz_min;                /* zone offset east of UTC, minutes */
} tc_date;

/* Parse s[0..n) (n = (size_t)-1: NUL-terminated).  TC_OK or TC_EPARSE. */
tc_status tc_date_parse(const char *s, size_t n, tc_date *out);

/* "YYYY-MM-DD" of the date as written (not shifted to UTC); buf >= 11 bytes. */
void tc_date_ymd(const tc_date *d, char *buf);
/* ISO 8601 datetime "YYYY-MM-DDTHH:MM:SS"; when the zone is known the time is
 * converted to UTC and "Z" appended.  buf >= 21 bytes.  Dates without a time
 * give "YYYY-MM-DDT00:00:00". */
void tc_date_iso(const tc_date *d, char *buf);

/* 1 if y-m-d is a real calendar day (proleptic Gregorian, year 1..9999). */
int tc_date_valid_ymd(int y, int m, int d);
/* Days since 1970-01-01 of a calendar date (may be negative). */
long tc_date_days(int y, int m, int d);
/* The calendar date of a day count since 1970-01-01 (inverse of tc_date_days). */
void tc_date_civil(long days, int *y, int *m, int *d);
/* Seconds since the epoch, UTC (zone applied when known). */
long long tc_date_epoch(const tc_date *d);

#endif
