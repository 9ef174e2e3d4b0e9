/* utf8.c - UTF-8 decode/validate/repair and character classes. */
#include "utf8.h"

#include <string.h>
#include <utf8proc.h>

size_t tc_utf8_decode(const char *s, size_t n, int32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned c = u[0];
    if (c < 0x80) {
        *cp = (int32_t)c;
        return 1;
    }
    *cp = -1;
    size_t need;
    unsigned lo = 0x80, hi = 0xBF;
    int32_t v;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
        v = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        v = c & 0x0F;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        v = c & 0x07;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
    } else {
        return 1;
    }
    for (size_t i = 1; i <= need; i++) {
        if (i >= n) return i;
        unsigned b = u[i];
        if (b < lo || b > hi) return i;
        lo = 0x80;
        hi = 0xBF;
        v = (v << 6) | (int32_t)(b & 0x3F);
    }
    *cp = v;
    return need + 1;
}

int32_t tc_utf8_next(const char *s, size_t n, size_t *pos)
{
    int32_t cp;
    *pos += tc_utf8_decode(s + *pos, n - *pos, &cp);
    return cp < 0 ? TC_UTF8_REPLACEMENT : cp;
}

size_t tc_utf8_prev(const char *s, size_t pos)
{
    size_t p = pos;
    int k = 0;
    while (p > 0 && k < 4 && ((unsigned char)s[p - 1] & 0xC0) == 0x80) {
        p--;
        k++;
    }
    if (p > 0) p--;
    /* check that the lead really spans up to pos; otherwise step one byte */
    int32_t cp;
    size_t len = tc_utf8_decode(s + p, pos - p, &cp);
    if (cp < 0 || p + len != pos) return pos - 1;
    return p;
}

size_t tc_utf8_encode(int32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0) return 0;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp >= 0xD800 && cp <= 0xDFFF) return 0;
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    if (cp > 0x10FFFF) return 0;
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Skip ASCII quickly, 8 bytes at a time. */
static size_t ascii_run(const char *s, size_t n)
{
    size_t i = 0;
    while (i + 8 <= n) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (w & UINT64_C(0x8080808080808080)) break;
        i += 8;
    }
    while (i < n && !((unsigned char)s[i] & 0x80)) i++;
    return i;
}

size_t tc_utf8_valid_prefix(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        i += ascii_run(s + i, n - i);
        if (i >= n) break;
        int32_t cp;
        size_t k = tc_utf8_decode(s + i, n - i, &cp);
        if (cp < 0) return i;
        i += k;
    }
    return n;
}

int tc_utf8_valid(const char *s, size_t n) { return tc_utf8_valid_prefix(s, n) == n; }

tc_status tc_utf8_repair(const char *s, size_t n, tc_buf *out, unsigned long *nrepaired)
{
    static const char repl[3] = {(char)0xEF, (char)0xBF, (char)0xBD};
    size_t i = 0;
    while (i < n) {
        size_t ok = tc_utf8_valid_prefix(s + i, n - i);
        if (ok && tc_buf_append(out, s + i, ok) != TC_OK) return TC_ENOMEM;
        i += ok;
        if (i >= n) break;
        int32_t cp;
        size_t k = tc_utf8_decode(s + i, n - i, &cp);
        if (tc_buf_append(out, repl, 3) != TC_OK) return TC_ENOMEM;
        if (nrepaired) (*nrepaired)++;
        i += k;
    }
    if (!out->data && tc_buf_reserve(out, 1) != TC_OK) return TC_ENOMEM;
    return TC_OK;
}

size_t tc_utf8_clip(const char *s, size_t n)
{
    if (n == 0) return 0;
    size_t p = n;
    int k = 0;
    while (p > 0 && k < 3 && ((unsigned char)s[p - 1] & 0xC0) == 0x80) {
        p--;
        k++;
    }
    if (p == 0) return n;
    unsigned c = (unsigned char)s[p - 1];
    size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (need == 1) return n;                  /* ASCII or stray continuation */
    if ((size_t)k + 1 < need) return p - 1;   /* sequence cut: drop it */
    return n;
}

static int cat(int32_t cp)
{
    if (cp < 0 || cp > 0x10FFFF) return UTF8PROC_CATEGORY_CN;
    return (int)utf8proc_category(cp);
}

int tc_utf8_is_space(int32_t cp)
{
    if (cp == ' ' || (cp >= 9 && cp <= 13) || cp == 0x85) return 1;
    if (cp < 0x80) return 0;
    int c = cat(cp);
    return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL || c == UTF8PROC_CATEGORY_ZP;
}

int tc_utf8_is_punct(int32_t cp)
{
    int c = cat(cp);
    return c >= UTF8PROC_CATEGORY_PC && c <= UTF8PROC_CATEGORY_PO;
}

int tc_utf8_is_symbol(int32_t cp)
{
    int c = cat(cp);
    return c >= UTF8PROC_CATEGORY_SM && c <= UTF8PROC_CATEGORY_SO;
}

int tc_utf8_is_alpha(int32_t cp)
{
    if (cp < 0x80) return (cp | 32) >= 'a' && (cp | 32) <= 'z';
    int c = cat(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

int tc_utf8_is_digit(int32_t cp)
{
    if (cp < 0x80) return cp >= '0' && cp <= '9';
    return cat(cp) == UTF8PROC_CATEGORY_ND;
}

int tc_utf8_is_upper(int32_t cp)
{
    if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
    int c = cat(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

int tc_utf8_is_lower(int32_t cp)
{
    if (cp < 0x80) return cp >= 'a' && cp <= 'z';
    return cat(cp) == UTF8PROC_CATEGORY_LL;
}

int tc_utf8_is_mark(int32_t cp)
{
    int c = cat(cp);
    return c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME;
}

int32_t tc_utf8_tolower(int32_t cp)
{
    if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
    if (cp > 0x10FFFF) return cp;
    return utf8proc_tolower(cp);
}

int32_t tc_utf8_toupper(int32_t cp)
{
    if (cp < 0x80) return (cp >= 'a' && cp <= 'z') ? cp - 32 : cp;
    if (cp > 0x10FFFF) return cp;
    return utf8proc_toupper(cp);
}

int32_t tc_utf8_fold(int32_t cp)
{
    if (cp < 0x80) return tc_utf8_tolower(cp);
    return tc_utf8_tolower(tc_utf8_toupper(cp));
}
