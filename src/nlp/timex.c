/* timex.c - temporal expressions in news sentences. */
#include "timex.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/date.h"
#include "core/mem.h"

static const char *const MONTHS[12][3] = {
    {"january", "jan", NULL},   {"february", "feb", NULL}, {"march", "mar", NULL},
    {"april", "apr", NULL},     {"may", NULL, NULL},       {"june", "jun", NULL},
    {"july", "jul", NULL},      {"august", "aug", NULL},   {"september", "sep", "sept"},
    {"october", "oct", NULL},   {"november", "nov", NULL}, {"december", "dec", NULL},
};
static const char *const WEEKDAYS[7] = {"monday", "tuesday", "wednesday", "thursday",
                                        "friday", "saturday", "sunday"};

tc_ymd tc_timex_add_days(tc_ymd d, long days)
{
    /* civil_from_days after days_from_civil (H. Hinnant's algorithms, restated) */
    long z = tc_date_days(d.year, d.month, d.day) + days + 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long dd = doy - (153 * mp + 2) / 5 + 1;
    long mm = mp < 10 ? mp + 3 : mp - 9;
    tc_ymd r = {(int)(y + (mm <= 2)), (int)mm, (int)dd};
    return r;
}

/* 0 = Monday .. 6 = Sunday */
static int weekday_of(tc_ymd d)
{
    long n = tc_date_days(d.year, d.month, d.day); /* 1970-01-01 was a Thursday (3) */
    long w = (n + 3) % 7;
    return (int)(w < 0 ? w + 7 : w);
}

tc_ymd tc_timex_ymd(const char *s)
{
    tc_ymd r = {0, 0, 0};
    if (!s || strlen(s) < 10) return r;
    for (int i = 0; i < 10; i++) {
        if (i == 4 || i == 7) {
            if (s[i] != '-') return r;
        } else if (!isdigit((unsigned char)s[i])) {
            return r;
        }
    }
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    if (!tc_date_valid_ymd(y, m, d)) return r;
    r.year = y;
    r.month = m;
    r.day = d;
    return r;
}

static int known(tc_ymd d) { return d.year > 0; }

/* lowercase copy of a word form, '.' stripped at the end; returns length */
static size_t lower(const char *f, char *buf, size_t cap)
{
    size_t n = 0;
    for (; f[n] && n + 1 < cap; n++) buf[n] = (char)tolower((unsigned char)f[n]);
    buf[n] = 0;
    while (n && buf[n - 1] == '.') buf[--n] = 0;
    return n;
}

static int month_of(const char *w)
{
    for (int m = 0; m < 12; m++)
        for (int k = 0; k < 3 && MONTHS[m][k]; k++)
            if (!strcmp(w, MONTHS[m][k])) return m + 1;
    return 0;
}

static int weekday_name(const char *w)
{
    for (int i = 0; i < 7; i++) {
        if (!strcmp(w, WEEKDAYS[i])) return i;
        /* possessive handled by the tokenizer ('s split off); plural "Sundays" is not a date */
    }
    return -1;
}

/* day of month: "27", "27th", "1st" */
static int day_num(const char *w)
{
    char *end;
    long v = strtol(w, &end, 10);
    if (end == w || v < 1 || v > 31) return 0;
    if (*end && strcmp(end, "st") && strcmp(end, "nd") && strcmp(end, "rd") && strcmp(end, "th"))
        return 0;
    return (int)v;
}

static int year_num(const char *w)
{
    if (strlen(w) != 4) return 0;
    for (int i = 0; i < 4; i++)
        if (!isdigit((unsigned char)w[i])) return 0;
    int y = atoi(w);
    return y >= 1900 && y <= 2100 ? y : 0;
}

static int small_num(const char *w)
{
    static const char *const words[] = {"one", "two", "three", "four", "five", "six",
                                        "seven", "eight", "nine", "ten", NULL};
    for (int i = 0; words[i]; i++)
        if (!strcmp(w, words[i])) return i + 1;
    if (!strcmp(w, "a") || !strcmp(w, "an")) return 1;
    char *end;
    long v = strtol(w, &end, 10);
    return (end != w && !*end && v > 0 && v < 1000) ? (int)v : 0;
}

/* Does the sentence speak of the future?  will / 'll / shall / set to / scheduled / plans to /
 * is to / are to / going to / expected to / next.  Returns 1 + the index of the first such
 * word (0: none): a date before it belongs to the report ("said on Wednesday he will ..."). */
static uint32_t future_sentence(char (*w)[32], uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        const char *x = w[i];
        if (!strcmp(x, "will") || !strcmp(x, "'ll") || !strcmp(x, "shall") ||
            !strcmp(x, "scheduled") || !strcmp(x, "upcoming") || !strcmp(x, "next"))
            return i + 1;
        if (i + 1 < n && !strcmp(w[i + 1], "to") &&
            (!strcmp(x, "set") || !strcmp(x, "plans") || !strcmp(x, "planned") ||
             !strcmp(x, "expected") || !strcmp(x, "due") || !strcmp(x, "going") ||
             !strcmp(x, "is") || !strcmp(x, "are")))
            return i + 1;
    }
    return 0;
}

static void put(tc_timex *out, int max, int *k, uint32_t first, uint32_t last, uint32_t anchor,
                tc_ymd d, tc_timex_prec prec, int relative)
{
    if (*k >= max || !known(d) || !tc_date_valid_ymd(d.year, d.month, d.day)) return;
    tc_timex *t = &out[(*k)++];
    t->first = first;
    t->last = last;
    t->anchor = anchor;
    t->year = d.year;
    t->month = d.month;
    t->day = d.day;
    t->prec = prec;
    t->relative = relative;
}

/* month+day without year: the occurrence nearest before ref (or after, in the future) */
static tc_ymd place_month_day(int m, int d, tc_ymd ref, int future)
{
    tc_ymd c = {ref.year, m, d};
    if (!tc_date_valid_ymd(c.year, m, d)) c.day = 28;
    long cd = tc_date_days(c.year, c.month, c.day), rd = tc_date_days(ref.year, ref.month, ref.day);
    if (!future && cd > rd + 7) c.year--;
    if (future && cd < rd - 7) c.year++;
    return c;
}

#define MAXW 512

int tc_timex_find(const tc_sentence *s, tc_ymd ref, tc_timex *out, int max)
{
    uint32_t n = s->ntok < MAXW ? s->ntok : MAXW;
    char(*w)[32] = tc_malloc((size_t)n * 32 + 32); /* not a hot path; bounded */
    if (!w) return 0;
    for (uint32_t i = 0; i < n; i++) lower(s->tok[i].form ? s->tok[i].form : "", w[i], 32);
    uint32_t fut_at = future_sentence(w, n);
    int k = 0;
    int have_ref = known(ref);
    for (uint32_t i = 0; i < n && k < max; i++) {
        const char *x = w[i];
        int fut = fut_at && i + 1 > fut_at;
        const char *prev = i ? w[i - 1] : "";
        const char *next = i + 1 < n ? w[i + 1] : "";
        int m, wd;
        /* calendar: Month Day[, Year] | Day Month [Year] | Month Year | in Month */
        if ((m = month_of(x)) && !(m == 5 && !isupper((unsigned char)s->tok[i].form[0]))) {
            /* "may" the modal is lowercase; "March" the verb is rare after in/on/since/by */
            int d = i + 1 < n ? day_num(next) : 0;
            if (m == 3 && !d && !isupper((unsigned char)s->tok[i].form[0])) continue;
            if (d) {
                uint32_t last = i + 1;
                int y = 0;
                if (i + 3 < n && !strcmp(w[i + 2], ",") && (y = year_num(w[i + 3]))) last = i + 3;
                else if (i + 2 < n && (y = year_num(w[i + 2]))) last = i + 2;
                tc_ymd dt = {y, m, d};
                if (!y) {
                    if (!have_ref) continue;
                    dt = place_month_day(m, d, ref, fut);
                }
                put(out, max, &k, i, last, i, dt, TC_TIMEX_DAY, !y);
                i = last;
                continue;
            }
            int pd = i ? day_num(prev) : 0;
            if (pd && (k == 0 || out[k - 1].last < i - 1)) {
                int y = i + 1 < n ? year_num(next) : 0;
                tc_ymd dt = {y, m, pd};
                if (!y) {
                    if (!have_ref) continue;
                    dt = place_month_day(m, pd, ref, fut);
                }
                put(out, max, &k, i - 1, y ? i + 1 : i, i, dt, TC_TIMEX_DAY, !y);
                if (y) i++;
                continue;
            }
            int y = i + 1 < n ? year_num(next) : 0;
            if (y) {
                tc_ymd dt = {y, m, 1};
                put(out, max, &k, i, i + 1, i, dt, TC_TIMEX_MONTH, 0);
                i++;
                continue;
            }
            if (have_ref && (!strcmp(prev, "in") || !strcmp(prev, "since") ||
                             !strcmp(prev, "until") || !strcmp(prev, "early") ||
                             !strcmp(prev, "late") || !strcmp(prev, "mid"))) {
                tc_ymd dt = place_month_day(m, 1, ref, fut);
                put(out, max, &k, i, i, i, dt, TC_TIMEX_MONTH, 1);
            }
            continue;
        }
        if ((wd = weekday_name(x)) >= 0) {
            if (!have_ref) continue;
            int rw = weekday_of(ref);
            long delta;
            int is_next = !strcmp(prev, "next") || !strcmp(prev, "coming");
            int is_last = !strcmp(prev, "last") || !strcmp(prev, "past");
            if (is_next || (fut && !is_last)) {
                delta = (wd - rw + 7) % 7;
                if (delta == 0 && is_next) delta = 7;
            } else {
                delta = -(long)((rw - wd + 7) % 7);
                if (delta == 0 && is_last) delta = -7;
            }
            uint32_t first = (is_next || is_last || !strcmp(prev, "this") ||
                              !strcmp(prev, "on")) && i ? i - 1 : i;
            put(out, max, &k, first, i, i, tc_timex_add_days(ref, delta), TC_TIMEX_DAY, 1);
            continue;
        }
        if (!have_ref) {
            int y = year_num(x);
            if (y && (!strcmp(prev, "in") || !strcmp(prev, "since"))) {
                tc_ymd dt = {y, 1, 1};
                put(out, max, &k, i, i, i, dt, TC_TIMEX_YEAR, 0);
            }
            continue;
        }
        if (!strcmp(x, "today") || !strcmp(x, "tonight")) {
            put(out, max, &k, i, i, i, ref, TC_TIMEX_DAY, 1);
        } else if (!strcmp(x, "yesterday")) {
            put(out, max, &k, i, i, i, tc_timex_add_days(ref, -1), TC_TIMEX_DAY, 1);
        } else if (!strcmp(x, "tomorrow")) {
            put(out, max, &k, i, i, i, tc_timex_add_days(ref, 1), TC_TIMEX_DAY, 1);
        } else if (!strcmp(x, "night") && !strcmp(prev, "last")) {
            put(out, max, &k, i - 1, i, i, tc_timex_add_days(ref, -1), TC_TIMEX_DAY, 1);
        } else if ((!strcmp(x, "morning") || !strcmp(x, "afternoon") || !strcmp(x, "evening")) &&
                   !strcmp(prev, "this")) {
            put(out, max, &k, i - 1, i, i, ref, TC_TIMEX_DAY, 1);
        } else if ((!strcmp(x, "week") || !strcmp(x, "month") || !strcmp(x, "year")) &&
                   (!strcmp(prev, "last") || !strcmp(prev, "next") || !strcmp(prev, "this") ||
                    !strcmp(prev, "past"))) {
            int sign = !strcmp(prev, "next") ? 1 : !strcmp(prev, "this") ? 0 : -1;
            tc_ymd dt = ref;
            tc_timex_prec p = TC_TIMEX_WEEK;
            if (x[0] == 'w') {
                dt = tc_timex_add_days(ref, 7L * sign);
            } else if (x[0] == 'm') {
                p = TC_TIMEX_MONTH;
                int mm = ref.month + sign;
                dt.year = ref.year + (mm < 1 ? -1 : mm > 12 ? 1 : 0);
                dt.month = mm < 1 ? 12 : mm > 12 ? 1 : mm;
                dt.day = 1;
            } else {
                p = TC_TIMEX_YEAR;
                dt.year = ref.year + sign;
                dt.month = 1;
                dt.day = 1;
            }
            put(out, max, &k, i - 1, i, i, dt, p, 1);
        } else if (!strcmp(x, "ago") && i >= 2) {
            int q = small_num(w[i - 2]);
            const char *u = w[i - 1];
            long days = 0;
            if (!strncmp(u, "day", 3)) days = q;
            else if (!strncmp(u, "week", 4)) days = 7L * q;
            if (q && days) put(out, max, &k, i - 2, i, i - 1, tc_timex_add_days(ref, -days),
                               days >= 7 ? TC_TIMEX_WEEK : TC_TIMEX_DAY, 1);
        } else {
            int y = year_num(x);
            if (y && (!strcmp(prev, "in") || !strcmp(prev, "since")) &&
                !(i + 1 < n && month_of(next))) {
                tc_ymd dt = {y, 1, 1};
                put(out, max, &k, i, i, i, dt, TC_TIMEX_YEAR, 0);
            }
        }
    }
    tc_free(w);
    return k;
}

static int rel_is(const tc_token *t, const char *r)
{
    size_t n = strlen(r);
    return t->deprel && !strncmp(t->deprel, r, n) && (t->deprel[n] == 0 || t->deprel[n] == ':');
}

int tc_timex_for_verb(const tc_sentence *s, const tc_timex *tx, int n, uint32_t verb)
{
    int best = -1;
    for (int i = 0; i < n; i++) {
        /* climb out of the expression itself (compound, flat, nummod, amod, det, appos,
         * conj: "March 3, 2022", "last Sunday") to the word that attaches it */
        uint32_t cur = tx[i].anchor;
        for (int guard = 0; guard < 8 && cur < s->ntok; guard++) {
            const tc_token *t = &s->tok[cur];
            if (!(rel_is(t, "compound") || rel_is(t, "flat") || rel_is(t, "nummod") ||
                  rel_is(t, "amod") || rel_is(t, "det") || rel_is(t, "appos") ||
                  rel_is(t, "conj")))
                break;
            if (t->head <= 0) break;
            uint32_t h = (uint32_t)(t->head - 1);
            if (h < tx[i].first || h > tx[i].last) break;
            cur = h;
        }
        if (cur >= s->ntok) continue;
        const tc_token *t = &s->tok[cur];
        if (t->head > 0 && (uint32_t)(t->head - 1) != verb && tx[i].prec == TC_TIMEX_DAY &&
            tx[i].relative) {
            /* a weekday or "yesterday" that the parser hung on a noun ("hosted Scholz in
             * Ankara on Monday") still dates the first verb above it */
            uint32_t up = (uint32_t)(t->head - 1);
            for (int guard = 0; guard < 16 && up < s->ntok; guard++) {
                const tc_token *u = &s->tok[up];
                if (u->upos && (!strcmp(u->upos, "VERB") || !strcmp(u->upos, "AUX"))) break;
                if (u->head <= 0) break;
                up = (uint32_t)(u->head - 1);
            }
            if (up == verb) {
                if (best < 0) best = i;
                continue;
            }
        }
        /* it dates the verb when it is the verb's oblique, temporal or adverbial dependent
         * (or, starting with "on", whatever the parser made of it: "On Saturday Russia
         * carried out" parsed with Saturday as the subject) */
        if (t->head <= 0 || (uint32_t)(t->head - 1) != verb) continue;
        const char *f0 = s->tok[tx[i].first].form;
        if (!(rel_is(t, "obl") || rel_is(t, "nmod") || rel_is(t, "advmod") ||
              rel_is(t, "obj") || rel_is(t, "dep") || (f0 && !strcasecmp(f0, "on") && tx[i].first < tx[i].anchor)))
            continue;
        if (best < 0 || tx[i].prec < tx[best].prec) best = i;
    }
    if (best >= 0) return best;
    /* none of its own: a day in a simultaneous clause under it dates it too ("As Biden was
     * speaking on Saturday, Russia carried out strikes") */
    for (int i = 0; i < n && best < 0; i++) {
        if (tx[i].prec != TC_TIMEX_DAY) continue;
        uint32_t up = tx[i].anchor;
        for (int guard = 0; guard < 16 && up < s->ntok; guard++) {
            const tc_token *u = &s->tok[up];
            if (up != tx[i].anchor && u->upos && !strcmp(u->upos, "VERB")) break;
            if (u->head <= 0) {
                up = UINT32_MAX;
                break;
            }
            up = (uint32_t)(u->head - 1);
        }
        if (up >= s->ntok || s->tok[up].head <= 0 || (uint32_t)(s->tok[up].head - 1) != verb ||
            !rel_is(&s->tok[up], "advcl"))
            continue;
        for (uint32_t k = 0; k < s->ntok; k++) {
            const tc_token *m = &s->tok[k];
            if (m->head <= 0 || (uint32_t)(m->head - 1) != up || !rel_is(m, "mark") || !m->form) continue;
            if (!strcasecmp(m->form, "as") || !strcasecmp(m->form, "when") || !strcasecmp(m->form, "while"))
                best = i;
        }
    }
    if (best >= 0 || verb >= s->ntok) return best;
    /* the other way round: a simultaneous clause takes the time of the verb it depends on
     * ("The war began in 2014, when Russian troops hit Donetsk") */
    const tc_token *vt = &s->tok[verb];
    if (vt->head <= 0 || !rel_is(vt, "advcl")) return -1;
    for (uint32_t k = 0; k < s->ntok; k++) {
        const tc_token *m = &s->tok[k];
        if (m->head <= 0 || (uint32_t)(m->head - 1) != verb || !m->form || k > verb) continue;
        if ((rel_is(m, "mark") || rel_is(m, "advmod")) &&
            (!strcasecmp(m->form, "as") || !strcasecmp(m->form, "when") || !strcasecmp(m->form, "while"))) {
            uint32_t g = (uint32_t)(vt->head - 1);
            const tc_token *gt = &s->tok[g];
            if (gt->head > 0 && (uint32_t)(gt->head - 1) == verb) return -1;
            /* only the governor's own expressions: no further climbing */
            for (int i = 0; i < n; i++) {
                uint32_t a = tx[i].anchor;
                if (a < s->ntok && s->tok[a].head > 0 && (uint32_t)(s->tok[a].head - 1) == g &&
                    (rel_is(&s->tok[a], "obl") || rel_is(&s->tok[a], "nmod") || rel_is(&s->tok[a], "advmod") ||
                     rel_is(&s->tok[a], "obl:tmod")))
                    return i;
            }
            return -1;
        }
    }
    return -1;
}

tc_ymd tc_timex_first_date(const char *text, size_t len)
{
    tc_ymd none = {0, 0, 0};
    /* scan candidate starts: a digit or a capital letter; try the date parser on
     * windows ending at plausible boundaries */
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if (i && isalnum((unsigned char)text[i - 1])) continue;
        if (!isdigit(c) && !isupper(c)) continue;
        if (isupper(c)) {
            /* month name? */
            char wbuf[16];
            size_t j = 0;
            while (i + j < len && j < 15 && isalpha((unsigned char)text[i + j])) {
                wbuf[j] = (char)tolower((unsigned char)text[i + j]);
                j++;
            }
            wbuf[j] = 0;
            if (!month_of(wbuf)) continue;
        }
        for (size_t w = 8; w <= 20 && i + w <= len; w++) {
            size_t e = i + w;
            if (e < len && isalnum((unsigned char)text[e])) continue;
            tc_date d;
            if (tc_date_parse(text + i, w, &d) == TC_OK && d.year >= 1900 && d.year <= 2100) {
                /* bare compact numbers (YYMMDD, epoch) are not dates in running text */
                int has_sep = 0;
                for (size_t q = i; q < e; q++)
                    if (!isdigit((unsigned char)text[q])) has_sep = 1;
                if (!has_sep) continue;
                tc_ymd r = {d.year, d.month, d.day};
                return r;
            }
        }
    }
    return none;
}
