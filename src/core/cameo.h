/* cameo.h - CAMEO event code table: name, Goldstein weight, quad class, root, PLOVER type/mode.
 *
 * The facts live in data/cameo.tsv (written for tacitus); src/core/cameo_table.c is generated
 * from it by data/cameo2c.py.  All returned pointers are static, never freed.
 * Quad classes follow GDELT's QuadClass: 1 verbal cooperation (roots 01-05), 2 material
 * cooperation (06-09), 3 verbal conflict (10-14), 4 material conflict (15-20). */
#ifndef TC_CAMEO_H
#define TC_CAMEO_H

#include <stddef.h>

typedef struct tc_cameo_code {
    const char *code;        /* "0231", leading zero kept */
    const char *name;        /* short English label */
    float goldstein;         /* -10 .. +10 */
    int quad;                /* 1..4 (GDELT convention) */
    const char *plover_type; /* "AGREE" ... "ASSAULT"; "" when PLOVER drops the code (01, 02) */
    const char *plover_mode; /* PLOVER mode or "" */
} tc_cameo_code;

extern const tc_cameo_code tc_cameo_table[]; /* sorted by code (byte order) */
extern const size_t tc_cameo_table_len;

/* Exact lookup; NULL if code is not a CAMEO event code. */
const tc_cameo_code *tc_cameo_lookup(const char *code);
/* Lookup falling back to the parent code (1234 -> 123 -> 12); NULL if no ancestor is known. */
const tc_cameo_code *tc_cameo_lookup_nearest(const char *code);
/* 1 if code is a known CAMEO event code. */
int tc_cameo_valid(const char *code);
/* Root (first two digits) into out[3]; returns 0 if code is not at least two digits 01..20. */
int tc_cameo_root(const char *code, char out[3]);
/* Base (first three digits, or the root for a two-digit code) into out[4]; 0 on a bad code. */
int tc_cameo_base(const char *code, char out[4]);
/* GDELT quad class 1..4 from the root, 0 for a bad code. */
int tc_cameo_quad(const char *code);
/* Phoenix penta class 0..4 (0: 01-02; 1: 03-05; 2: 06-08; 3: 09-13 and 16; 4: 14, 15, 17-20);
 * -1 for a bad code. */
int tc_cameo_penta(const char *code);
/* "Verbal cooperation", "Material cooperation", "Verbal conflict", "Material conflict", or "?". */
const char *tc_cameo_quad_name(int quad);

#endif
