/* date.c - news date formats -> tc_date. */
#include "date.h"

#include <stdio.h>
#include <string.h>

typedef struct cur {
    const char *s;
    size_t i, n;
} cur;

static int at_end(const cur *c) { return c->i >= c->n; }
static int peek(const cur *c) { return c->i < c->n ? (unsigned char)c->s[c->i] : -1; }
static int isdig(int ch) { return ch >= '0' && ch <= '9'; }
static int isalp(int ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'); }
static void skip_sp(cur *c)
{
    while (!at_end(c) && (peek(c) == ' ' || peek(c) == '\t')) c->i++;
}

/* Read 1..max digits; returns count read, value in *v. */
static int digits(cur *c, int max, long long *v)
{
    int k = 0;
    long long x = 0;
    while (k < max && isdig(peek(c))) {
        x = x * 10 + (peek(c) - '0');
        c->i++;
        k++;
    }
    *v = x;
    return k;
}

static int count_digits(const cur *c)
{
    size_t j = c->i;
    while (j < c->n && isdig((unsigned char)c->s[j])) j++;
    return (int)(j - c->i);
}

static int month_of(const char *w, size_t len)
{
    static const char *names[] = {"january", "february", "march",     "april",   "may",      "june",
                                  "july",    "august",   "september", "october", "november", "december"};
    if (len < 3) return 0;
    char low[16];
    if (len >= sizeof low) return 0;
    for (size_t i = 0; i < len; i++) low[i] = (char)(w[i] | 32);
    low[len] = 0;
    if (!strcmp(low, "sept")) return 9;
    for (int m = 0; m < 12; m++) {
        if (len == 3 && !strncmp(low, names[m], 3)) return m + 1;
        if (!strcmp(low, names[m])) return m + 1;
    }
    return 0;
}

static int weekday_word(const char *w, size_t len)
{
    static const char *names[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
    if (len < 3 || len > 9) return 0;
    char low[16];
    for (size_t i = 0; i < len; i++) low[i] = (char)(w[i] | 32);
    low[len] = 0;
    for (int d = 0; d < 7; d++) {
        if (len == 3 && !strncmp(low, names[d], 3)) return 1;
        if (!strcmp(low, names[d])) return 1;
    }
    if ((len == 4 && (!strcmp(low, "tues") || !strcmp(low, "thur"))) || !strcmp(low, "thurs")) return 1;
    return 0;
}

/* Read an alphabetic word; returns its length (0 if none). */
static size_t word(cur *c, const char **w)
{
    size_t j = c->i;
    while (j < c->n && isalp((unsigned char)c->s[j])) j++;
    *w = c->s + c->i;
    size_t len = j - c->i;
    c->i = j;
    return len;
}

int tc_date_valid_ymd(int y, int m, int d)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    int md = mdays[m - 1] + (m == 2 && leap);
    return d <= md;
}

long tc_date_days(int y, int m, int d)
{
    /* days from civil (H. Hinnant's algorithm) */
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void tc_date_civil(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long yy = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

long long tc_date_epoch(const tc_date *d)
{
    long long t = (long long)tc_date_days(d->year, d->month, d->day) * 86400LL + d->hour * 3600LL +
                  d->min * 60LL + d->sec;
    if (d->has_tz) t -= d->tz_min * 60LL;
    return t;
}

static int set_epoch(tc_date *o, long long secs, int msec)
{
    long days = (long)(secs / 86400);
    long rem = (long)(secs % 86400);
    if (rem < 0) {
        rem += 86400;
        days--;
    }
    tc_date_civil(days, &o->year, &o->month, &o->day);
    o->hour = (int)(rem / 3600);
    o->min = (int)(rem / 60 % 60);
    o->sec = (int)(rem % 60);
    o->msec = msec;
    o->has_time = 1;
    o->has_tz = 1;
    o->tz_min = 0;
    return tc_date_valid_ymd(o->year, o->month, o->day);
}

/* Zone: Z, +hh:mm, +hhmm, +hh, or a name. Returns 0 on a malformed zone. */
static int zone(cur *c, tc_date *o)
{
    skip_sp(c);
    if (at_end(c)) return 1;
    int ch = peek(c);
    if (ch == 'Z' || ch == 'z') {
        c->i++;
        o->has_tz = 1;
        o->tz_min = 0;
        return 1;
    }
    if (ch == '+' || ch == '-') {
        int sign = ch == '-' ? -1 : 1;
        c->i++;
        long long h, m = 0;
        int k = digits(c, 4, &h);
        if (k == 4) {
            m = h % 100;
            h /= 100;
        } else if (k == 2 || k == 1) {
            if (peek(c) == ':') {
                c->i++;
                if (digits(c, 2, &m) != 2) return 0;
            }
        } else {
            return 0;
        }
        if (h > 14 || m > 59) return 0;
        o->has_tz = 1;
        o->tz_min = sign * (int)(h * 60 + m);
        return 1;
    }
    if (isalp(ch) || ch == '(') {
        int paren = ch == '(';
        if (paren) c->i++;
        const char *w;
        size_t len = word(c, &w);
        static const struct {
            const char *name;
            int off;
        } zones[] = {{"gmt", 0},      {"ut", 0},       {"utc", 0},      {"est", -300},
                     {"edt", -240},   {"cst", -360},   {"cdt", -300},   {"mst", -420},
                     {"mdt", -360},   {"pst", -480},   {"pdt", -420},   {"bst", 60},
                     {"cet", 60},     {"cest", 120},   {"eet", 120},    {"eest", 180},
                     {"msk", 180},    {"jst", 540},    {"ist", 330},    {"z", 0}};
        char low[8];
        if (len == 0 || len >= sizeof low) return 0;
        for (size_t i = 0; i < len; i++) low[i] = (char)(w[i] | 32);
        low[len] = 0;
        for (size_t z = 0; z < sizeof zones / sizeof zones[0]; z++) {
            if (!strcmp(low, zones[z].name)) {
                o->has_tz = 1;
                o->tz_min = zones[z].off;
                if (paren && peek(c) == ')') c->i++;
                /* "GMT+2" style */
                if (peek(c) == '+' || peek(c) == '-') {
                    tc_date t = *o;
                    if (!zone(c, &t)) return 0;
                    o->tz_min += t.tz_min;
                }
                return 1;
            }
        }
        return 0;
    }
    return 0;
}

/* HH:MM[:SS[.fff]] [am|pm] [zone] */
static int timeofday(cur *c, tc_date *o)
{
    long long h, m, s = 0;
    int kh = digits(c, 2, &h);
    if (kh == 0) return 0;
    if (peek(c) == ':') {
        c->i++;
        if (digits(c, 2, &m) != 2) return 0;
        if (peek(c) == ':') {
            c->i++;
            if (digits(c, 2, &s) != 2) return 0;
        }
    } else if (kh == 2 && count_digits(c) >= 2) { /* basic form hhmm[ss] */
        digits(c, 2, &m);
        if (count_digits(c) >= 2) digits(c, 2, &s);
    } else {
        return 0;
    }
    if (peek(c) == '.' || peek(c) == ',') {
        c->i++;
        long long f;
        int k = digits(c, 9, &f);
        if (k == 0) return 0;
        while (k < 3) {
            f *= 10;
            k++;
        }
        while (k > 3) {
            f /= 10;
            k--;
        }
        o->msec = (int)f;
        while (isdig(peek(c))) c->i++;
    }
    size_t save = c->i;
    skip_sp(c);
    if (isalp(peek(c))) {
        const char *w;
        size_t mark = c->i;
        size_t len = word(c, &w);
        int isam = len == 2 && (w[0] | 32) == 'a' && (w[1] | 32) == 'm';
        int ispm = len == 2 && (w[0] | 32) == 'p' && (w[1] | 32) == 'm';
        if (isam || ispm) {
            if (h < 1 || h > 12) return 0;
            if (isam && h == 12) h = 0;
            if (ispm && h != 12) h += 12;
        } else {
            c->i = mark;
        }
    } else {
        c->i = save;
    }
    if (h > 24 || m > 59 || s > 60 || (h == 24 && (m || s))) return 0;
    if (h == 24) h = 0; /* tolerated; day not advanced */
    if (s == 60) s = 59;
    o->hour = (int)h;
    o->min = (int)m;
    o->sec = (int)s;
    o->has_time = 1;
    return zone(c, o);
}

/* optional: [T| ]time */
static int opt_time(cur *c, tc_date *o)
{
    if (at_end(c)) return 1;
    int ch = peek(c);
    if (ch == 'T' || ch == 't') {
        c->i++;
        return timeofday(c, o);
    }
    if (ch == ',') c->i++;
    skip_sp(c);
    if (at_end(c)) return 1;
    if (isdig(peek(c))) return timeofday(c, o);
    return zone(c, o);
}

static int year2(long long y) { return (int)(y <= 30 ? 2000 + y : 1900 + y); }

static int parse(cur *c, tc_date *o)
{
    memset(o, 0, sizeof *o);
    long long a, b, y;
    int nd = count_digits(c);
    if (nd > 0 && (size_t)nd == c->n - c->i) {
        /* all digits */
        if (nd == 8) {
            digits(c, 4, &y);
            digits(c, 2, &a);
            digits(c, 2, &b);
            o->year = (int)y, o->month = (int)a, o->day = (int)b;
            return 1;
        }
        if (nd == 6) {
            digits(c, 2, &y);
            digits(c, 2, &a);
            digits(c, 2, &b);
            o->year = year2(y), o->month = (int)a, o->day = (int)b;
            return 1;
        }
        if (nd == 9 || nd == 10) {
            digits(c, 10, &y);
            return set_epoch(o, y, 0);
        }
        if (nd == 13) {
            digits(c, 13, &y);
            return set_epoch(o, y / 1000, (int)(y % 1000));
        }
        return 0;
    }
    if (nd == 8 && c->i + 8 < c->n && (c->s[c->i + 8] == 'T' || c->s[c->i + 8] == 't')) {
        /* ISO basic 20220327T100000Z */
        digits(c, 4, &y);
        digits(c, 2, &a);
        digits(c, 2, &b);
        o->year = (int)y, o->month = (int)a, o->day = (int)b;
        c->i++;
        return timeofday(c, o);
    }
    if (nd == 4 && c->i + 4 < c->n && (c->s[c->i + 4] == '-' || c->s[c->i + 4] == '/' ||
                                       c->s[c->i + 4] == '.')) {
        char sep = c->s[c->i + 4];
        digits(c, 4, &y);
        c->i++;
        if (digits(c, 2, &a) == 0) return 0;
        if (peek(c) != sep) return 0;
        c->i++;
        if (digits(c, 2, &b) == 0) return 0;
        o->year = (int)y, o->month = (int)a, o->day = (int)b;
        return opt_time(c, o);
    }
    if (nd == 1 || nd == 2) {
        digits(c, 2, &b);
        int ch = peek(c);
        if (ch == '-' || ch == ' ' || ch == '.' || ch == '/') {
            if (ch == '/') return 0; /* ambiguous d/m/y vs m/d/y: refuse */
            c->i++;
            skip_sp(c);
            const char *w;
            size_t len = word(c, &w);
            int m = month_of(w, len);
            if (!m) return 0;
            if (peek(c) == '.') c->i++;
            if (peek(c) == '-' || peek(c) == ',') c->i++;
            skip_sp(c);
            int ky = digits(c, 4, &y);
            if (ky == 2) y = year2(y);
            else if (ky != 4) return 0;
            o->year = (int)y, o->month = m, o->day = (int)b;
            return opt_time(c, o);
        }
        return 0;
    }
    if (isalp(peek(c))) {
        const char *w;
        size_t len = word(c, &w);
        if (weekday_word(w, len)) {
            if (peek(c) == '.') c->i++;
            if (peek(c) == ',') c->i++;
            skip_sp(c);
            if (isdig(peek(c))) return parse(c, o);
            len = word(c, &w);
        }
        int m = month_of(w, len);
        if (!m) return 0;
        if (peek(c) == '.') c->i++;
        skip_sp(c);
        if (digits(c, 2, &b) == 0) return 0;
        /* ordinal suffix */
        if (isalp(peek(c))) {
            const char *sfx;
            size_t sl = word(c, &sfx);
            if (sl != 2) return 0;
        }
        if (peek(c) == ',') c->i++;
        skip_sp(c);
        if (digits(c, 4, &y) != 4) return 0;
        o->year = (int)y, o->month = m, o->day = (int)b;
        return opt_time(c, o);
    }
    return 0;
}

tc_status tc_date_parse(const char *s, size_t n, tc_date *out)
{
    if (!s) return TC_EPARSE;
    if (n == (size_t)-1) n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r')) n--;
    cur c = {s, 0, n};
    while (c.i < n && (s[c.i] == ' ' || s[c.i] == '\t' || s[c.i] == '\n' || s[c.i] == '\r')) c.i++;
    tc_date d;
    if (c.i >= n) return TC_EPARSE;
    if (!parse(&c, &d)) return TC_EPARSE;
    skip_sp(&c);
    if (!at_end(&c)) return TC_EPARSE;
    if (!tc_date_valid_ymd(d.year, d.month, d.day)) return TC_EPARSE;
    *out = d;
    return TC_OK;
}

static unsigned u(int v, unsigned mod) { return v < 0 ? 0u : (unsigned)v % mod; }

void tc_date_ymd(const tc_date *d, char *buf)
{
    snprintf(buf, 11, "%04u-%02u-%02u", u(d->year, 10000), u(d->month, 100), u(d->day, 100));
}

void tc_date_iso(const tc_date *d, char *buf)
{
    tc_date t = *d;
    if (d->has_tz) {
        memset(&t, 0, sizeof t);
        set_epoch(&t, tc_date_epoch(d), d->msec);
    }
    snprintf(buf, 21, "%04u-%02u-%02uT%02u:%02u:%02u%s", u(t.year, 10000), u(t.month, 100),
             u(t.day, 100), u(t.hour, 100), u(t.min, 100), u(t.sec, 100), d->has_tz ? "Z" : "");
}
