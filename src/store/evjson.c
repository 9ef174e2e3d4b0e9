/* evjson.c - a small, allocation-free parser for one event JSONL line (tc_store_parse_line).
 * Only the keys of docs/events.md are kept; everything else is checked for well-formedness
 * and skipped.  Strings are unescaped into a caller-provided scratch buffer. */
#include <stdlib.h>
#include <string.h>

#include "store/ingest.h"

typedef struct jp {
    const char *p, *end;
    char *out, *oend; /* scratch for unescaped strings */
    int depth;
} jp;

static void ws(jp *j)
{
    while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
        j->p++;
}

static void put_utf8(jp *j, unsigned cp, int *ok)
{
    char b[4];
    int n;
    if (cp < 0x80) {
        b[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        b[0] = (char)(0xC0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        b[0] = (char)(0xF0 | (cp >> 18));
        b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    if (j->oend - j->out < n) {
        *ok = 0;
        return;
    }
    memcpy(j->out, b, (size_t)n);
    j->out += n;
}

static int hex4(const char *p, unsigned *v)
{
    unsigned x = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        x <<= 4;
        if (c >= '0' && c <= '9') x |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f') x |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') x |= (unsigned)(c - 'A' + 10);
        else return 0;
    }
    *v = x;
    return 1;
}

/* Parse a string at j->p (at the quote).  If keep, the unescaped NUL-terminated copy goes to
 * the scratch and *s points at it; else *s is untouched.  Returns 0 on malformed input. */
static int str(jp *j, int keep, const char **s)
{
    if (j->p >= j->end || *j->p != '"') return 0;
    j->p++;
    char *start = j->out;
    int ok = 1;
    for (;;) {
        const char *q = j->p;
        while (q < j->end && *q != '"' && *q != '\\' && (unsigned char)*q >= 0x20) q++;
        if (keep) {
            size_t n = (size_t)(q - j->p);
            if ((size_t)(j->oend - j->out) < n + 1) return 0;
            memcpy(j->out, j->p, n);
            j->out += n;
        }
        j->p = q;
        if (q >= j->end || (unsigned char)*q < 0x20) return 0;
        if (*q == '"') {
            j->p++;
            break;
        }
        /* escape */
        if (q + 1 >= j->end) return 0;
        char c = q[1];
        j->p = q + 2;
        char r = 0;
        switch (c) {
        case '"': r = '"'; break;
        case '\\': r = '\\'; break;
        case '/': r = '/'; break;
        case 'b': r = '\b'; break;
        case 'f': r = '\f'; break;
        case 'n': r = '\n'; break;
        case 'r': r = '\r'; break;
        case 't': r = '\t'; break;
        case 'u': {
            unsigned cp;
            if (j->end - j->p < 4 || !hex4(j->p, &cp)) return 0;
            j->p += 4;
            if (cp >= 0xD800 && cp < 0xDC00) {
                unsigned lo;
                if (j->end - j->p >= 6 && j->p[0] == '\\' && j->p[1] == 'u' &&
                    hex4(j->p + 2, &lo) && lo >= 0xDC00 && lo < 0xE000) {
                    j->p += 6;
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                } else {
                    cp = 0xFFFD;
                }
            } else if (cp >= 0xDC00 && cp < 0xE000) {
                cp = 0xFFFD;
            }
            if (cp == 0) cp = 0xFFFD; /* no NULs inside C strings */
            if (keep) put_utf8(j, cp, &ok);
            if (!ok) return 0;
            continue;
        }
        default: return 0;
        }
        if (keep) {
            if (j->oend - j->out < 2) return 0;
            *j->out++ = r;
        }
    }
    if (keep) {
        if (j->out >= j->oend) return 0;
        *j->out++ = 0;
        *s = start;
    }
    return 1;
}

static int num(jp *j, double *v, int *is_int, long long *iv)
{
    const char *q = j->p;
    if (q < j->end && *q == '-') q++;
    if (q >= j->end || *q < '0' || *q > '9') return 0;
    int integral = 1;
    while (q < j->end && ((*q >= '0' && *q <= '9') || *q == '.' || *q == 'e' || *q == 'E' ||
                          *q == '+' || *q == '-')) {
        if (*q == '.' || *q == 'e' || *q == 'E') integral = 0;
        q++;
    }
    char buf[64];
    size_t n = (size_t)(q - j->p);
    if (n >= sizeof buf) return 0;
    memcpy(buf, j->p, n);
    buf[n] = 0;
    char *e;
    if (integral) {
        *iv = strtoll(buf, &e, 10);
        *v = (double)*iv;
    } else {
        *v = strtod(buf, &e);
        *iv = (long long)*v;
    }
    if (*e) return 0;
    *is_int = integral;
    j->p = q;
    return 1;
}

static int lit(jp *j, const char *w)
{
    size_t n = strlen(w);
    if ((size_t)(j->end - j->p) < n || memcmp(j->p, w, n) != 0) return 0;
    j->p += n;
    return 1;
}

static int skip_value(jp *j);

static int skip_container(jp *j, char open, char close)
{
    if (++j->depth > 64) return 0;
    j->p++; /* open */
    ws(j);
    if (j->p < j->end && *j->p == close) {
        j->p++;
        j->depth--;
        return 1;
    }
    for (;;) {
        ws(j);
        if (open == '{') {
            if (!str(j, 0, NULL)) return 0;
            ws(j);
            if (j->p >= j->end || *j->p != ':') return 0;
            j->p++;
            ws(j);
        }
        if (!skip_value(j)) return 0;
        ws(j);
        if (j->p >= j->end) return 0;
        if (*j->p == ',') {
            j->p++;
            continue;
        }
        if (*j->p == close) {
            j->p++;
            j->depth--;
            return 1;
        }
        return 0;
    }
}

static int skip_value(jp *j)
{
    if (j->p >= j->end) return 0;
    char c = *j->p;
    double d;
    long long ll;
    int ii;
    if (c == '"') return str(j, 0, NULL);
    if (c == '{') return skip_container(j, '{', '}');
    if (c == '[') return skip_container(j, '[', ']');
    if (c == 't') return lit(j, "true");
    if (c == 'f') return lit(j, "false");
    if (c == 'n') return lit(j, "null");
    return num(j, &d, &ii, &ll);
}

/* [s, e] pair of integers */
static int int_pair(jp *j, int32_t *s, int32_t *e)
{
    if (j->p >= j->end || *j->p != '[') return skip_value(j);
    const char *save = j->p;
    j->p++;
    ws(j);
    double d;
    long long a, b;
    int ia, ib;
    if (!num(j, &d, &ia, &a)) goto other;
    ws(j);
    if (j->p >= j->end || *j->p != ',') goto other;
    j->p++;
    ws(j);
    if (!num(j, &d, &ib, &b)) goto other;
    ws(j);
    if (j->p >= j->end || *j->p != ']') goto other;
    j->p++;
    if (ia && ib && a >= -1 && a <= INT32_MAX && b >= -1 && b <= INT32_MAX) {
        *s = (int32_t)a;
        *e = (int32_t)b;
    }
    return 1;
other:
    j->p = save;
    return skip_value(j);
}

static int offsets(jp *j, tc_store_event *ev)
{
    if (j->p >= j->end || *j->p != '{') return skip_value(j);
    j->p++;
    ws(j);
    if (j->p < j->end && *j->p == '}') {
        j->p++;
        return 1;
    }
    for (;;) {
        ws(j);
        const char *k = j->p + 1;
        if (!str(j, 0, NULL)) return 0;
        size_t kl = (size_t)(j->p - k - 1);
        ws(j);
        if (j->p >= j->end || *j->p != ':') return 0;
        j->p++;
        ws(j);
        int ok;
        if (kl == 6 && !memcmp(k, "source", 6)) ok = int_pair(j, &ev->src_start, &ev->src_end);
        else if (kl == 6 && !memcmp(k, "target", 6)) ok = int_pair(j, &ev->tgt_start, &ev->tgt_end);
        else if (kl == 4 && !memcmp(k, "verb", 4)) ok = int_pair(j, &ev->verb_start, &ev->verb_end);
        else ok = skip_value(j);
        if (!ok) return 0;
        ws(j);
        if (j->p >= j->end) return 0;
        if (*j->p == ',') {
            j->p++;
            continue;
        }
        if (*j->p == '}') {
            j->p++;
            return 1;
        }
        return 0;
    }
}

static const char **str_slot(tc_store_event *ev, const char *k, size_t kl)
{
#define K(name, field)                                                                         \
    if (kl == sizeof(name) - 1 && !memcmp(k, name, kl)) return &ev->field
    K("doc", doc);
    K("date", date);
    K("source", source);
    K("target", target);
    K("code", code);
    K("source_text", source_text);
    K("target_text", target_text);
    K("verb", verb);
    K("sentence", sentence);
    K("pattern", pattern);
    K("url", url);
    K("outlet", outlet);
    K("pubdate", pubdate);
    K("doc_hash", doc_hash);
    K("title", title);
#undef K
    return NULL;
}

tc_status tc_store_parse_line(const char *line, size_t len, char *scratch, size_t scratch_len,
                              tc_store_event *ev, const char **why)
{
    tc_store_event_init(ev);
    ev->sent = -1;
    jp j = {line, line + len, scratch, scratch + scratch_len, 0};
    *why = "not valid JSON";
    ws(&j);
    if (j.p >= j.end || *j.p != '{') {
        *why = "not a JSON object";
        return TC_EPARSE;
    }
    j.p++;
    ws(&j);
    int have_src = 0, have_tgt = 0;
    if (j.p < j.end && *j.p == '}') {
        j.p++;
    } else {
        for (;;) {
            ws(&j);
            const char *k = j.p + 1;
            if (!str(&j, 0, NULL)) return TC_EPARSE;
            size_t kl = (size_t)(j.p - k - 1);
            ws(&j);
            if (j.p >= j.end || *j.p != ':') return TC_EPARSE;
            j.p++;
            ws(&j);
            int ok;
            const char **slot = str_slot(ev, k, kl);
            if (slot) {
                if (kl == 6 && !memcmp(k, "source", 6)) have_src = 1;
                if (kl == 6 && !memcmp(k, "target", 6)) have_tgt = 1;
                if (j.p < j.end && *j.p == '"') ok = str(&j, 1, slot);
                else ok = skip_value(&j); /* null or wrong type: treated as absent */
            } else if (kl == 4 && !memcmp(k, "sent", 4)) {
                double d;
                long long iv;
                int isint;
                if (j.p < j.end && (*j.p == '-' || (*j.p >= '0' && *j.p <= '9'))) {
                    ok = num(&j, &d, &isint, &iv);
                    if (ok && isint && iv >= 0 && iv < INT32_MAX) ev->sent = (int)iv;
                } else {
                    ok = skip_value(&j);
                }
            } else if (kl == 7 && !memcmp(k, "offsets", 7)) {
                ok = offsets(&j, ev);
            } else {
                ok = skip_value(&j);
            }
            if (!ok) {
                if (j.out >= j.oend - 8) *why = "line too long";
                return TC_EPARSE;
            }
            ws(&j);
            if (j.p >= j.end) return TC_EPARSE;
            if (*j.p == ',') {
                j.p++;
                continue;
            }
            if (*j.p == '}') {
                j.p++;
                break;
            }
            return TC_EPARSE;
        }
    }
    ws(&j);
    if (j.p != j.end) {
        *why = "trailing characters after the JSON object";
        return TC_EPARSE;
    }
    if (!ev->doc) *why = "no \"doc\"";
    else if (ev->sent < 0) *why = "no \"sent\"";
    else if (!ev->date) *why = "no \"date\"";
    else if (!ev->code) *why = "no \"code\"";
    else if (!have_src || !have_tgt) *why = "no \"source\"/\"target\"";
    else return TC_OK;
    return TC_EPARSE;
}
