/* tokenize.h - UD English (EWT-style) tokenisation of raw text into surface tokens.
 *
 * tc_tok_scan cuts a UTF-8 text into surface tokens with byte offsets:
 * punctuation, quotes and brackets split off; "$" and "%" split; hyphens split
 * as EWT does (except after prefixes such as non-, pre-, re-, e-, and in phone
 * numbers); URLs, emails, numbers with , and . kept whole; abbreviations keep
 * their period (the sentence-final period of other words is split off);
 * clitics (n't 's 're 'll 've 'm 'd, s') and cannot/gonna/wanna/gotta/dont...
 * become two-word multi-word tokens, described by `split` (the byte offset of
 * the second word inside the surface token); "its", "your", "lets" only before
 * words a possessive or verb cannot precede ("its a", "your welcome").  Units
 * after numbers split off ("5pm", "24hrs"); emoticons, "<<", "''" and
 * "Name"<address> come apart as EWT has them.
 *
 * No allocation per token: the list grows geometrically and is reused across
 * calls.  The list is owned by the caller (tc_tok_list_free). */
#ifndef TC_TOKENIZE_H
#define TC_TOKENIZE_H

#include <stddef.h>
#include <stdint.h>

#include "core/status.h"

enum {
    TC_TK_WORD = 0, /* letters (and anything not otherwise classified) */
    TC_TK_NUM,      /* starts with a digit */
    TC_TK_PUNCT,    /* punctuation: . , ; : ! ? ... quotes brackets dashes */
    TC_TK_SYM,      /* $ % & bullets and other symbols */
    TC_TK_URL       /* URL or e-mail address */
};

#define TC_TF_SPACE 0x01  /* whitespace precedes the token */
#define TC_TF_ABBR 0x02   /* word that keeps its final period (abbreviation, initial) */
#define TC_TF_UPPER 0x04  /* first letter is uppercase */
#define TC_TF_LOWER 0x08  /* first letter is lowercase */
#define TC_TF_OPEN 0x10   /* opening bracket or quote */
#define TC_TF_CLOSE 0x20  /* closing bracket or quote */
#define TC_TF_QUOTE 0x40  /* a quotation mark (straight or curly, either side) */
#define TC_TF_BULLET 0x80 /* list bullet */

typedef struct tc_stok {
    uint32_t start, end; /* byte span in the text */
    uint16_t split;      /* >0: two-word MWT, second word starts at start+split */
    uint8_t kind;        /* TC_TK_* */
    uint8_t flags;       /* TC_TF_* */
    uint8_t nl;          /* newlines in the whitespace before the token (saturates at 255) */
    uint8_t abbr;        /* abbreviation class (tokenizer-internal, TC_AB_*) */
    uint16_t indent;     /* columns of indentation after the last newline before it */
} tc_stok;

/* abbreviation classes of TC_TF_ABBR tokens */
enum {
    TC_AB_NONE = 0,
    TC_AB_GENERIC, /* Inc. Corp. U.S. a.m. Jr. ... */
    TC_AB_TITLE,   /* Mr. Dr. Gen. Sen. St. Mt. ... : never ends a sentence */
    TC_AB_INITIAL, /* single letter: J. */
    TC_AB_NUMBER,  /* No. p. pp. Fig. Vol. Feb. ... (usually before a number) */
    TC_AB_END      /* etc. : usually ends a sentence when a capital follows */
};

typedef struct tc_tok_list {
    tc_stok *t;
    size_t n, cap;
} tc_tok_list;

/* Tokenise text[0..len) into l (cleared first).  Returns TC_OK or TC_ENOMEM,
 * TC_ELIMIT if len does not fit 32-bit offsets. */
tc_status tc_tok_scan(const char *text, size_t len, tc_tok_list *l);
void tc_tok_list_free(tc_tok_list *l);

/* 1 if the first code point of s[0..n) is an uppercase / lowercase letter. */
int tc_tok_is_upper(const char *s, size_t n);
int tc_tok_is_lower(const char *s, size_t n);

#endif
