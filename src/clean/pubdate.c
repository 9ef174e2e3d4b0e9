/* pubdate.c - publication date extraction (see pubdate.h). */
#include "pubdate.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <libxml/HTMLparser.h>

#include "../core/date.h"
#include <libxml/tree.h>

/* ---------------- string date parsing ---------------- */

static int max_year(void)
{
    static int cached;
    if (!cached) {
        time_t t = time(NULL);
        struct tm tm;
        if (gmtime_r(&t, &tm)) cached = tm.tm_year + 1900 + 1;
        else cached = 2100;
    }
    return cached;
}

static int mdays(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return d[m - 1];
}

static int valid(int y, int m, int d)
{
    return y >= 1995 && y <= max_year() && m >= 1 && m <= 12 && d >= 1 && d <= mdays(y, m);
}

typedef struct mname {
    const char *s;
    int m;
} mname;

/* prefixes of month names (English, German, French, Spanish, Portuguese, Italian, Dutch) */
static const mname months[] = {
    {"january", 1},   {"jan", 1},      {"januar", 1},    {"janvier", 1},  {"enero", 1},
    {"janeiro", 1},   {"gennaio", 1},  {"januari", 1},   {"february", 2}, {"feb", 2},
    {"februar", 2},   {"février", 2},  {"fevrier", 2},   {"febrero", 2},  {"fevereiro", 2},
    {"febbraio", 2},  {"februari", 2}, {"march", 3},     {"mar", 3},      {"märz", 3},
    {"maerz", 3},     {"mars", 3},     {"marzo", 3},     {"março", 3},    {"marco", 3},
    {"maart", 3},     {"april", 4},    {"apr", 4},       {"avril", 4},    {"abril", 4},
    {"aprile", 4},    {"may", 5},      {"mai", 5},       {"mayo", 5},     {"maio", 5},
    {"maggio", 5},    {"mei", 5},      {"june", 6},      {"jun", 6},      {"juni", 6},
    {"juin", 6},      {"junio", 6},    {"junho", 6},     {"giugno", 6},   {"july", 7},
    {"jul", 7},       {"juli", 7},     {"juillet", 7},   {"julio", 7},    {"julho", 7},
    {"luglio", 7},    {"august", 8},   {"aug", 8},       {"août", 8},     {"aout", 8},
    {"agosto", 8},    {"augustus", 8}, {"september", 9}, {"sep", 9},      {"sept", 9},
    {"septembre", 9}, {"septiembre", 9}, {"setembro", 9}, {"settembre", 9}, {"october", 10},
    {"oct", 10},      {"oktober", 10}, {"octobre", 10},  {"octubre", 10}, {"outubro", 10},
    {"ottobre", 10},  {"november", 11}, {"nov", 11},     {"novembre", 11}, {"noviembre", 11},
    {"novembro", 11}, {"december", 12}, {"dec", 12},     {"dezember", 12}, {"décembre", 12},
    {"decembre", 12}, {"diciembre", 12}, {"dezembro", 12}, {"dicembre", 12},
    /* Romanian, Polish (genitive), Danish/Norwegian/Swedish, Turkish, Russian (genitive) */
    {"ianuarie", 1},  {"februarie", 2}, {"martie", 3},   {"aprilie", 4},  {"iunie", 6},
    {"iulie", 7},     {"septembrie", 9}, {"octombrie", 10}, {"noiembrie", 11},
    {"decembrie", 12}, {"stycznia", 1},  {"lutego", 2},   {"marca", 3},    {"kwietnia", 4},
    {"maja", 5},      {"czerwca", 6},   {"lipca", 7},    {"sierpnia", 8}, {"września", 9},
    {"października", 10}, {"listopada", 11}, {"grudnia", 12}, {"marts", 3}, {"maj", 5},
    {"okt", 10},      {"ocak", 1},      {"şubat", 2},    {"mart", 3},     {"nisan", 4},
    {"mayıs", 5},     {"haziran", 6},   {"temmuz", 7},   {"ağustos", 8},  {"eylül", 9},
    {"ekim", 10},     {"kasım", 11},    {"aralık", 12},
    {"января", 1},    {"февраля", 2},   {"марта", 3},    {"апреля", 4},   {"мая", 5},
    {"июня", 6},      {"июля", 7},      {"августа", 8},  {"сентября", 9}, {"октября", 10},
    {"ноября", 11},   {"декабря", 12},
    /* Arabic (Egyptian and Levantine names) */
    {"يناير", 1}, {"فبراير", 2}, {"مارس", 3}, {"أبريل", 4}, {"إبريل", 4}, {"ابريل", 4},
    {"مايو", 5}, {"يونيو", 6}, {"يوليو", 7}, {"أغسطس", 8}, {"اغسطس", 8}, {"سبتمبر", 9},
    {"أكتوبر", 10}, {"اكتوبر", 10}, {"نوفمبر", 11}, {"ديسمبر", 12}, {"شباط", 2}, {"آذار", 3},
    {"نيسان", 4}, {"أيار", 5}, {"حزيران", 6}, {"تموز", 7}, {"آب", 8}, {"أيلول", 9},
    {NULL, 0}};

/* month word at p (letters, maybe UTF-8) of length n: 1..12 or 0 */
static int month_word(const char *p, size_t n)
{
    char b[32];
    if (n < 3 || n >= sizeof b) return 0;
    for (size_t i = 0; i < n; i++) b[i] = (char)tolower((unsigned char)p[i]);
    b[n] = 0;
    for (const mname *m = months; m->s; m++)
        if (!strcmp(b, m->s)) return m->m;
    return 0;
}

static int is_word_byte(unsigned char c) { return isalpha(c) || c >= 0x80; }

static int num(const char *p, const char *e, int maxd, int *v)
{
    int k = 0, x = 0;
    while (p + k < e && k < maxd + 1 && isdigit((unsigned char)p[k])) x = x * 10 + (p[k++] - '0');
    if (k == 0 || k > maxd) return 0;
    *v = x;
    return k;
}

/* optional time after a date: [T ]HH:MM[:SS] */
static void parse_time(const char *p, const char *e, tc_pubdate *o)
{
    while (p < e && (*p == 'T' || *p == ' ' || *p == ',' || *p == 't')) p++;
    int h, mi, s = 0, k;
    if (!(k = num(p, e, 2, &h))) return;
    p += k;
    if (p >= e || *p != ':') return;
    p++;
    if (num(p, e, 2, &mi) != 2) return;
    p += 2;
    if (p < e && *p == ':' && num(p + 1, e, 2, &s) == 2) p += 3;
    if (h > 23 || mi > 59 || s > 60) return;
    o->hh = h;
    o->mi = mi;
    o->ss = s;
    o->has_time = 1;
}

/* try a date starting exactly at p */
static int date_at(const char *p, const char *e, const char *start, tc_pubdate *o)
{
    int a, b, c, k1, k2, k3;
    if (p > start && (isalnum((unsigned char)p[-1]))) return 0;
    if (isdigit((unsigned char)*p)) {
        k1 = num(p, e, 4, &a);
        const char *q = p + k1;
        if (k1 == 4 && q < e && (*q == '-' || *q == '/' || *q == '.' || *q == '_')) {
            char sep = *q;
            k2 = num(q + 1, e, 2, &b);
            const char *r = q + 1 + k2;
            if (k2 && r < e && *r == sep && (k3 = num(r + 1, e, 2, &c)) != 0 && valid(a, b, c)) {
                const char *t = r + 1 + k3;
                if (t < e && isdigit((unsigned char)*t)) return 0;
                o->y = a, o->m = b, o->d = c;
                parse_time(t, e, o);
                return 1;
            }
            return 0;
        }
        if (k1 == 4 && q + 2 < e && !strncmp(q, "年", 3)) {
            /* 2020年3月27日 */
            k2 = num(q + 3, e, 2, &b);
            const char *r = q + 3 + k2;
            if (k2 && r + 3 <= e && !strncmp(r, "月", 3) && (k3 = num(r + 3, e, 2, &c)) != 0 &&
                valid(a, b, c)) {
                o->y = a, o->m = b, o->d = c;
                return 1;
            }
            return 0;
        }
        if (k1 == 8 - 4 && 0) return 0;
        if (k1 <= 2 && q < e && (*q == '.' || *q == '/' || *q == '-')) {
            char sep = *q;
            k2 = num(q + 1, e, 2, &b);
            const char *r = q + 1 + k2;
            if (k2 && r < e && *r == sep && (k3 = num(r + 1, e, 4, &c)) == 4) {
                const char *t = r + 5;
                if (t < e && isdigit((unsigned char)*t)) return 0;
                int d = a, m = b;
                if (sep == '/' && a <= 12 && b > 12) d = b, m = a; /* US */
                else if (sep == '/' && a <= 12 && b <= 12) d = b, m = a;
                if (!valid(c, m, d)) return 0;
                o->y = c, o->m = m, o->d = d;
                parse_time(t, e, o);
                return 1;
            }
        }
        if (k1 <= 2 && q < e && (*q == ' ' || *q == '.')) {
            /* 27 March 2019 / 27. März 2019 */
            const char *r = q;
            while (r < e && (*r == ' ' || *r == '.')) r++;
            if (r + 3 < e && !strncasecmp(r, "de ", 3)) r += 3;
            const char *ws = r;
            while (r < e && is_word_byte((unsigned char)*r)) r++;
            int m = month_word(ws, (size_t)(r - ws));
            if (!m) return 0;
            if (r < e && *r == '.') r++;
            while (r < e && (*r == ' ' || *r == ',')) r++;
            if (r < e && *r == '/') { /* "24 نيسان / أبريل 2020": a second name */
                r++;
                while (r < e && *r == ' ') r++;
                while (r < e && is_word_byte((unsigned char)*r)) r++;
                while (r < e && (*r == ' ' || *r == ',')) r++;
            }
            if (r + 3 < e && !strncasecmp(r, "de ", 3)) r += 3;
            if ((k3 = num(r, e, 4, &c)) == 4 && valid(c, m, a)) {
                o->y = c, o->m = m, o->d = a;
                parse_time(r + 4, e, o);
                return 1;
            }
        }
        return 0;
    }
    if (is_word_byte((unsigned char)*p)) {
        /* March 27, 2019 / Mar. 27 2019 */
        const char *r = p;
        while (r < e && is_word_byte((unsigned char)*r)) r++;
        int m = month_word(p, (size_t)(r - p));
        if (!m) return 0;
        if (r < e && *r == '.') r++;
        while (r < e && *r == ' ') r++;
        if (!(k2 = num(r, e, 2, &b))) return 0;
        r += k2;
        if (r + 1 < e && (!strncmp(r, "st", 2) || !strncmp(r, "nd", 2) || !strncmp(r, "rd", 2) ||
                          !strncmp(r, "th", 2)))
            r += 2;
        while (r < e && (*r == ',' || *r == ' ')) r++;
        if ((k3 = num(r, e, 4, &c)) == 4 && valid(c, m, b)) {
            o->y = c, o->m = m, o->d = b;
            parse_time(r + 4, e, o);
            return 1;
        }
    }
    return 0;
}

int tc_pubdate_parse(const char *s, size_t n, tc_pubdate *out)
{
    tc_pubdate o;
    memset(&o, 0, sizeof o);
    const char *e = s + n;
    for (const char *p = s; p < e; p++) {
        if (!isalnum((unsigned char)*p) && (unsigned char)*p < 0x80) continue;
        if (date_at(p, e, s, &o)) {
            o.source = "text";
            *out = o;
            return 1;
        }
        /* skip to the end of this word */
        while (p + 1 < e && (isalnum((unsigned char)p[1]) || (unsigned char)p[1] >= 0x80)) p++;
    }
    return 0;
}

int tc_pubdate_from_url(const char *url, tc_pubdate *out)
{
    if (!url) return 0;
    const char *p = strstr(url, "://");
    p = p ? strchr(p + 3, '/') : url;
    if (!p) return 0;
    const char *e = p + strlen(p);
    const char *qm = strchr(p, '?');
    if (qm) e = qm;
    for (const char *q = p; q < e; q++) {
        if (*q != '/' && *q != '-' && *q != '_') continue;
        const char *s = q + 1;
        int y, m, d, k;
        if ((k = num(s, e, 4, &y)) == 4 && s + 4 < e && (s[4] == '/' || s[4] == '-' || s[4] == '_')) {
            char sep = s[4];
            int k2 = num(s + 5, e, 2, &m);
            const char *r = s + 5 + k2;
            if (k2 && r < e && *r == sep && num(r + 1, e, 2, &d) && valid(y, m, d)) {
                memset(out, 0, sizeof *out);
                out->y = y, out->m = m, out->d = d;
                out->source = "url";
                return 1;
            }
        }
        if ((k = num(s, e, 8, &y)) == 8 && (s + 8 == e || !isdigit((unsigned char)s[8]))) {
            int v = y;
            y = v / 10000;
            m = v / 100 % 100;
            d = v % 100;
            if (valid(y, m, d)) {
                memset(out, 0, sizeof *out);
                out->y = y, out->m = m, out->d = d;
                out->source = "url";
                return 1;
            }
        }
    }
    return 0;
}

/* A machine-readable value (meta content, datetime attribute, JSON-LD):
 * the shared date parser first (ISO 8601 with zones, RFC 2822, epoch...),
 * then our scanner. */
static int parse_value(const char *v, size_t n, tc_pubdate *out)
{
    tc_date d;
    if (n && n < 64 && tc_date_parse(v, n, &d) == TC_OK && valid(d.year, d.month, d.day)) {
        memset(out, 0, sizeof *out);
        out->y = d.year, out->m = d.month, out->d = d.day;
        if (d.has_time) {
            out->hh = d.hour, out->mi = d.min, out->ss = d.sec;
            out->has_time = 1;
        }
        out->tz = d.has_tz ? (d.tz_min ? 2 : 1) : 0;
        return 1;
    }
    return tc_pubdate_parse(v, n, out);
}

/* ---------------- DOM search ---------------- */

enum {
    P_URLFULL = 0,
    P_META = 1,
    P_JSONLD = 2,
    P_ITEMPROP = 3,
    P_URL = 4,
    P_TIME_PUB = 5,
    P_TIME = 6,
    P_CLASS = 7,
    P_TEXT = 8,
    P_MODIFIED = 9,
    P_NONE = 100
};

typedef struct search {
    tc_pubdate best;
    int have;
    int text_budget; /* characters of body text still examined */
    int nclass;
} search;

static long ymd(const tc_pubdate *d) { return (long)d->y * 10000 + d->m * 100 + d->d; }

static void offer(search *s, const tc_pubdate *d, int prio, const char *src)
{
    /* among dates found in the text, the latest wins (captions and related
     * stories name earlier days); otherwise the first of the best kind */
    if (s->have && s->best.prio == prio && prio >= P_CLASS && prio <= P_TEXT && ymd(d) > ymd(&s->best)) {
        s->best = *d;
        s->best.prio = prio;
        s->best.source = src;
        return;
    }
    /* two metadata timestamps a day apart, one in UTC and one with the
     * publisher's own offset: the local one gives the day readers saw */
    if (s->have && prio <= P_ITEMPROP && s->best.prio <= P_ITEMPROP && s->best.tz == 1 &&
        d->tz == 2 && ymd(d) != ymd(&s->best)) {
        int keep = s->best.prio;
        s->best = *d;
        s->best.prio = keep;
        s->best.source = src;
        return;
    }
    if (s->have && s->best.prio <= prio) return;
    s->best = *d;
    s->best.prio = prio;
    s->best.source = src;
    s->have = 1;
}

static const char *attr(const xmlNode *n, const char *name)
{
    for (const xmlAttr *a = n->properties; a; a = a->next)
        if (a->name && !strcasecmp((const char *)a->name, name))
            return (a->children && a->children->type == XML_TEXT_NODE && a->children->content)
                       ? (const char *)a->children->content
                       : "";
    return NULL;
}

static const char *const pub_meta[] = {
    "article:published_time", "og:article:published_time", "article:published",
    "og:published_time", "datepublished", "article.published", "published_time",
    "pubdate", "publishdate", "publish-date", "publish_date", "publication_date",
    "pub_date", "date", "dc.date", "dc.date.issued", "dc.date.created", "dcterms.created",
    "dcterms.date", "dcterms.issued", "sailthru.date", "parsely-pub-date", "citation_date",
    "citation_publication_date", "article_date_original", "original-publish-date",
    "originalpublicationdate", "cxenseparse:recs:publishtime", "article.created",
    "created", "dc.created", "displaydate", "dateposted", "datecreated", "release_date",
    "og:pubdate", "bt:pubdate", "date_published", "article:post_date", "article_date",
    "published-date", "pubtime", "publish-time", "sort_date", "analyticsattributes.articledate",
    "ga_publish_date", "rnews:datepublished", "mediator_published_time", "nv:date", "dc:date",
    "ptime", "itemprop:datepublished", "page_date", "article-publish-date", NULL};

static const char *const mod_meta[] = {"article:modified_time", "og:updated_time",
                                       "datemodified", "last-modified", "dcterms.modified",
                                       "article:modified", "lastmod", "updated_time", NULL};

static int in_list(const char *k, const char *const *l)
{
    for (; *l; l++)
        if (!strcasecmp(k, *l)) return 1;
    return 0;
}

static void jsonld(search *s, const char *t)
{
    static const char *const keys[] = {"\"datePublished\"", "\"dateCreated\"", "\"uploadDate\"",
                                       "\"dateModified\"", NULL};
    for (int i = 0; keys[i]; i++) {
        const char *p = strstr(t, keys[i]);
        if (!p) continue;
        p += strlen(keys[i]);
        while (*p == ' ' || *p == ':' || *p == '\n' || *p == '\t' || *p == '\r') p++;
        if (*p != '"') continue;
        p++;
        const char *q = strchr(p, '"');
        if (!q) continue;
        tc_pubdate d;
        if (parse_value(p, (size_t)(q - p), &d))
            offer(s, &d, i == 3 ? P_MODIFIED : P_JSONLD, "json-ld");
        if (i < 3 && s->have) return;
    }
}

static int class_dateish(const xmlNode *n)
{
    const char *c = attr(n, "class");
    const char *i = attr(n, "id");
    char b[256];
    snprintf(b, sizeof b, "%s %s", c ? c : "", i ? i : "");
    for (char *p = b; *p; p++) *p = (char)tolower((unsigned char)*p);
    if (strstr(b, "modif") || strstr(b, "update") || strstr(b, "comment")) return 0;
    return strstr(b, "date") || strstr(b, "time") || strstr(b, "publish") ||
           strstr(b, "byline") || strstr(b, "posted") || strstr(b, "meta") || strstr(b, "fecha") ||
           strstr(b, "datum");
}

static void walk(search *s, xmlNode *n, int depth)
{
    for (xmlNode *ch = n; ch; ch = ch->next) {
        if (ch->type == XML_TEXT_NODE) {
            if (s->text_budget > 0 && ch->content && (!s->have || s->best.prio >= P_TEXT)) {
                size_t l = strlen((const char *)ch->content);
                tc_pubdate d;
                if (l >= 8 && tc_pubdate_parse((const char *)ch->content, l < 300 ? l : 300, &d))
                    offer(s, &d, P_TEXT, "text");
                s->text_budget -= (int)l;
            }
            continue;
        }
        if (ch->type != XML_ELEMENT_NODE) continue;
        const char *nm = (const char *)ch->name;
        tc_pubdate d;
        if (!strcmp(nm, "meta")) {
            const char *k = attr(ch, "property");
            if (!k) k = attr(ch, "name");
            if (!k) k = attr(ch, "itemprop");
            if (!k) k = attr(ch, "http-equiv");
            const char *v = attr(ch, "content");
            if (!v) v = attr(ch, "datetime");
            if (k && v && *v) {
                if (in_list(k, pub_meta) && parse_value(v, strlen(v), &d))
                    offer(s, &d, !strcasecmp(k, "date") ? P_ITEMPROP : P_META, "meta");
                else if (in_list(k, mod_meta) && parse_value(v, strlen(v), &d))
                    offer(s, &d, P_MODIFIED, "meta");
            }
            if (ch->children && depth < 300) walk(s, ch->children, depth + 1); /* misnested */
            continue;
        }
        if (!strcmp(nm, "script")) {
            const char *ty = attr(ch, "type");
            if (ty && strstr(ty, "ld+json") && ch->children && ch->children->content)
                jsonld(s, (const char *)ch->children->content);
            for (xmlNode *g = ch->children; g; g = g->next)
                if (g->type == XML_ELEMENT_NODE && depth < 300) {
                    walk(s, g, depth + 1); /* misnested page: g and what follows */
                    break;
                }
            continue;
        }
        if (!strcmp(nm, "style") || !strcmp(nm, "noscript")) continue;
        const char *ip = attr(ch, "itemprop");
        if (ip && (!strcasecmp(ip, "datePublished") || !strcasecmp(ip, "dateCreated"))) {
            const char *v = attr(ch, "content");
            if (!v) v = attr(ch, "datetime");
            if (v && parse_value(v, strlen(v), &d)) offer(s, &d, P_ITEMPROP, "itemprop");
            else {
                xmlChar *t = xmlNodeGetContent(ch);
                if (t && tc_pubdate_parse((const char *)t, strlen((const char *)t), &d))
                    offer(s, &d, P_ITEMPROP, "itemprop");
                xmlFree(t);
            }
        }
        if (!strcmp(nm, "time")) {
            const char *v = attr(ch, "datetime");
            int pub = attr(ch, "pubdate") != NULL || class_dateish(ch);
            const char *cl = attr(ch, "class");
            if (cl && (strstr(cl, "updated") || strstr(cl, "modified"))) pub = -1;
            if (v && parse_value(v, strlen(v), &d)) {
                offer(s, &d, pub > 0 ? P_TIME_PUB : pub < 0 ? P_MODIFIED : P_TIME, "time");
            } else {
                xmlChar *t = xmlNodeGetContent(ch);
                if (t && tc_pubdate_parse((const char *)t, strlen((const char *)t), &d))
                    offer(s, &d, P_TIME, "time");
                xmlFree(t);
            }
        } else if (s->nclass < 50 && (!s->have || s->best.prio > P_CLASS) && class_dateish(ch)) {
            s->nclass++;
            xmlChar *t = xmlNodeGetContent(ch);
            if (t) {
                size_t l = strlen((const char *)t);
                if (l < 300 && tc_pubdate_parse((const char *)t, l, &d)) offer(s, &d, P_CLASS, "text");
                xmlFree(t);
            }
        }
        if (ch->children && depth < 300) walk(s, ch->children, depth + 1);
    }
}

int tc_pubdate_from_dom(struct _xmlDoc *doc, const char *url, tc_pubdate *out)
{
    search s;
    memset(&s, 0, sizeof s);
    s.text_budget = 20000;
    tc_pubdate d;
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (root) walk(&s, root, 0);
    /* a full date in the URL beats the page's own claims, which are often
     * UTC timestamps a day off; the page's candidate is kept when it names
     * the same day (it may carry the time) */
    /* ...except a UTC timestamp of the next day late enough (08:00 UTC or
     * later) to be that day in most time zones */
    int meta_next_day = s.have && url && tc_pubdate_from_url(url, &d) && s.best.prio <= P_ITEMPROP &&
                        s.best.has_time && s.best.tz == 1 && s.best.hh >= 8 &&
                        tc_date_days(s.best.y, s.best.m, s.best.d) - tc_date_days(d.y, d.m, d.d) == 1;
    if (!meta_next_day && url && tc_pubdate_from_url(url, &d) && !(s.have && ymd(&s.best) == ymd(&d))) {
        s.best = d;
        s.best.prio = P_URLFULL;
        s.best.source = "url";
        s.have = 1;
    }
    if (!s.have) return 0;
    *out = s.best;
    return 1;
}

void tc_pubdate_format_date(const tc_pubdate *p, char *buf, size_t cap)
{
    snprintf(buf, cap, "%04d-%02d-%02d", p->y, p->m, p->d);
}

void tc_pubdate_format_datetime(const tc_pubdate *p, char *buf, size_t cap)
{
    snprintf(buf, cap, "%04d-%02d-%02dT%02d:%02d:%02d", p->y, p->m, p->d, p->hh, p->mi, p->ss);
}
