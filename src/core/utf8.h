/* utf8.h - UTF-8 decoding, validation and repair, and per-code-point helpers.
 *
 * Decoding is strict (RFC 3629): overlong forms, surrogates and code points
 * above U+10FFFF are invalid.  Repair replaces every maximal invalid subpart
 * (the Unicode "substitution of maximal subparts" practice) by U+FFFD and
 * counts it.  Character classes come from utf8proc's general categories.
 * Nothing here allocates except tc_utf8_repair, which appends to the
 * caller's tc_buf. */
#ifndef TC_UTF8_H
#define TC_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "mem.h"
#include "status.h"

#define TC_UTF8_REPLACEMENT 0xFFFD

/* Decode the code point at s[0..n) (n > 0).  Returns the number of bytes it
 * spans (1..4) and sets *cp; on an invalid sequence *cp = -1 and the return
 * value is the length of the maximal invalid subpart (>= 1). */
size_t tc_utf8_decode(const char *s, size_t n, int32_t *cp);

/* Code point at s[*pos] (pos < n), advancing *pos; invalid bytes give U+FFFD. */
int32_t tc_utf8_next(const char *s, size_t n, size_t *pos);

/* Start of the code point that ends just before s[pos] (pos > 0). */
size_t tc_utf8_prev(const char *s, size_t pos);

/* Encode cp into out (4 bytes room); returns bytes written (0 if cp is not a
 * valid scalar value). */
size_t tc_utf8_encode(int32_t cp, char *out);

/* Length of the longest valid UTF-8 prefix of s[0..n). */
size_t tc_utf8_valid_prefix(const char *s, size_t n);
/* 1 if all of s[0..n) is valid UTF-8. */
int tc_utf8_valid(const char *s, size_t n);

/* Append s[0..n) to out with invalid sequences replaced by U+FFFD; *nrepaired
 * (may be NULL) is increased by the number of replacements. */
tc_status tc_utf8_repair(const char *s, size_t n, tc_buf *out, unsigned long *nrepaired);

/* Largest length <= n that does not cut a multi-byte sequence of s in two. */
size_t tc_utf8_clip(const char *s, size_t n);

/* Classes (Unicode general categories via utf8proc). */
int tc_utf8_is_space(int32_t cp);  /* Zs/Zl/Zp, tab, LF, VT, FF, CR, NEL */
int tc_utf8_is_punct(int32_t cp);  /* P* categories */
int tc_utf8_is_symbol(int32_t cp); /* S* categories */
int tc_utf8_is_alpha(int32_t cp);  /* L* categories */
int tc_utf8_is_digit(int32_t cp);  /* Nd */
int tc_utf8_is_upper(int32_t cp);  /* Lu, Lt */
int tc_utf8_is_lower(int32_t cp);  /* Ll */
int tc_utf8_is_mark(int32_t cp);   /* M* categories */
/* Simple one-to-one case mappings (utf8proc). */
int32_t tc_utf8_tolower(int32_t cp);
int32_t tc_utf8_toupper(int32_t cp);
/* Case fold of one code point (simple folding: lower case of the upper case). */
int32_t tc_utf8_fold(int32_t cp);

#endif
