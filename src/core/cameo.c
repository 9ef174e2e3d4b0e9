/* cameo.c - lookups over the generated CAMEO table (cameo_table.c). */
#include "cameo.h"

#include <string.h>

const tc_cameo_code *tc_cameo_lookup(const char *code)
{
    if (!code) return NULL;
    size_t lo = 0, hi = tc_cameo_table_len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(tc_cameo_table[mid].code, code);
        if (c == 0) return &tc_cameo_table[mid];
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}

const tc_cameo_code *tc_cameo_lookup_nearest(const char *code)
{
    if (!code) return NULL;
    char buf[8];
    size_t n = strlen(code);
    if (n < 2 || n > 4) return NULL;
    memcpy(buf, code, n + 1);
    while (n >= 2) {
        const tc_cameo_code *c = tc_cameo_lookup(buf);
        if (c) return c;
        buf[--n] = 0;
    }
    return NULL;
}

int tc_cameo_valid(const char *code)
{
    return tc_cameo_lookup(code) != NULL;
}

static int root_num(const char *code)
{
    if (!code || code[0] < '0' || code[0] > '2' || code[1] < '0' || code[1] > '9') return 0;
    int r = (code[0] - '0') * 10 + (code[1] - '0');
    return r >= 1 && r <= 20 ? r : 0;
}

int tc_cameo_root(const char *code, char out[3])
{
    if (!root_num(code)) return 0;
    out[0] = code[0];
    out[1] = code[1];
    out[2] = 0;
    return 1;
}

int tc_cameo_base(const char *code, char out[4])
{
    if (!root_num(code)) return 0;
    out[0] = code[0];
    out[1] = code[1];
    if (code[2] >= '0' && code[2] <= '9') {
        out[2] = code[2];
        out[3] = 0;
    } else {
        out[2] = 0;
    }
    return 1;
}

int tc_cameo_quad(const char *code)
{
    int r = root_num(code);
    if (!r) return 0;
    return r <= 5 ? 1 : r <= 9 ? 2 : r <= 14 ? 3 : 4;
}

int tc_cameo_penta(const char *code)
{
    int r = root_num(code);
    if (!r) return -1;
    if (r <= 2) return 0;
    if (r <= 5) return 1;
    if (r <= 8) return 2;
    if (r <= 13 || r == 16) return 3;
    return 4;
}

const char *tc_cameo_quad_name(int quad)
{
    switch (quad) {
    case 1: return "Verbal cooperation";
    case 2: return "Material cooperation";
    case 3: return "Verbal conflict";
    case 4: return "Material conflict";
    default: return "?";
    }
}
