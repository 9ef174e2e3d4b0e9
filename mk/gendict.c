/* gendict.c - build-time generator of the embedded default dictionaries.
 *
 * usage: gendict OUT.c ISO3166.json DICTDIR
 *
 * Reads Debian's iso-codes (ISO 3166-1 JSON) and DICTDIR/countries.tsv and
 * writes the country actors in the PETRARCH2 actor dialect; then embeds that
 * text and DICTDIR/{igos.actors,people.actors,agents,verbs,discards}.txt as
 * byte arrays in OUT.c (src/pipeline/defaults.h declares them).  A build tool,
 * not part of the library: it may print and exit. */
#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

typedef struct buf {
    char *p;
    size_t n, cap;
} buf;

static void put(buf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 65536;
        while (cap < b->n + n + 1) cap *= 2;
        b->p = realloc(b->p, cap);
        if (!b->p) {
            fprintf(stderr, "gendict: out of memory\n");
            exit(1);
        }
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = 0;
}

static void puts_(buf *b, const char *s) { put(b, s, strlen(s)); }

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "gendict: cannot open %s\n", path);
        exit(1);
    }
    buf b = {0};
    char tmp[65536];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0) put(&b, tmp, n);
    fclose(f);
    if (!b.p) put(&b, "", 0);
    *len = b.n;
    return b.p;
}

/* ASCII fold (strip accents) of a UTF-8 string; caller frees */
static char *fold(const char *s)
{
    utf8proc_uint8_t *out = NULL;
    utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
                 UTF8PROC_NULLTERM | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_COMPAT);
    if (!out) return strdup(s);
    /* drop what is still not ASCII */
    char *r = (char *)out, *w = r;
    for (char *p = r; *p; p++)
        if ((unsigned char)*p < 128) *w++ = *p;
    *w = 0;
    return r;
}

/* phrases written for the current record (to skip duplicates) */
static char seen[256][512];
static int nseen;
static void record_start(void) { nseen = 0; }
static int seen_before(const char *p)
{
    for (int i = 0; i < nseen; i++)
        if (!strcmp(seen[i], p)) return 1;
    if (nseen < 256) snprintf(seen[nseen++], sizeof seen[0], "%s", p);
    return 0;
}

/* A phrase as PETRARCH words: upper-case, blanks -> _, hyphens kept, then '_' end. */
static void phrase(buf *b, const char *name, int plus)
{
    char *f = fold(name);
    char tmp[512];
    size_t n = 0;
    int lastsep = 1;
    for (char *p = f; *p && n < sizeof tmp - 2; p++) {
        unsigned char c = (unsigned char)*p;
        if (isspace(c)) {
            if (!lastsep) tmp[n++] = '_';
            lastsep = 1;
            continue;
        }
        if (c == ',' || c == '(' || c == ')') continue;
        tmp[n++] = (char)toupper(c);
        lastsep = 0;
    }
    while (n && tmp[n - 1] == '_') n--;
    tmp[n] = 0;
    free(f);
    if (!n || seen_before(tmp)) return;
    if (plus) puts_(b, "+");
    puts_(b, tmp);
    puts_(b, "_\n");
    /* hyphenated names: also the form with the hyphen as its own word */
    if (strchr(tmp, '-')) {
        char t2[1100];
        size_t m = 0;
        for (size_t i = 0; i < n && m < sizeof t2 - 4; i++) {
            if (tmp[i] == '-') {
                t2[m++] = '_';
                t2[m++] = '-';
                t2[m++] = '_';
            } else {
                t2[m++] = tmp[i];
            }
        }
        t2[m] = 0;
        puts_(b, "+");
        puts_(b, t2);
        puts_(b, "_\n");
    }
}

static int uninflected(const char *w)
{
    size_t n = strlen(w);
    if (n >= 3 && !strcmp(w + n - 3, "ese")) return 1; /* Chinese */
    if (n >= 2 && (!strcmp(w + n - 2, "ss") || !strcmp(w + n - 2, "sh") ||
                   !strcmp(w + n - 2, "ch")))
        return 1; /* Swiss, British, French, Dutch */
    if (n >= 1 && (w[n - 1] == 's' || w[n - 1] == 'S')) return 1; /* U.S., Swiss */
    if (n >= 1 && (w[n - 1] == 'i' || w[n - 1] == 'I')) return 0;  /* Iraqi -> Iraqis */
    for (const char *p = w; *p; p++)
        if (*p == '.') return 1;
    return 0;
}

static void split_list(char *s, char **out, int *n, int max)
{
    *n = 0;
    if (!s || !*s) return;
    for (char *p = strtok(s, "|"); p && *n < max; p = strtok(NULL, "|")) out[(*n)++] = p;
}

/* cut a TSV row (modified in place) into at most 6 columns; returns their number */
static int split_cols(char *row, char *cols[6])
{
    int nc = 0;
    char *p = row;
    while (p && nc < 6) {
        cols[nc++] = p;
        char *t = strchr(p, '\t');
        if (!t) break;
        *t = 0;
        p = t + 1;
    }
    return nc;
}

static void gen_countries(buf *b, const char *isopath, const char *tsvpath)
{
    json_error_t err;
    json_t *root = json_load_file(isopath, 0, &err);
    if (!root) {
        fprintf(stderr, "gendict: %s:%d: %s\n", isopath, err.line, err.text);
        exit(1);
    }
    json_t *arr = json_object_get(root, "3166-1");
    size_t tlen;
    char *tsv = slurp(tsvpath, &tlen);
    puts_(b, "# generated by mk/gendict.c from Debian iso-codes (ISO 3166-1) and "
             "data/dict/countries.tsv\n");
    /* rows of the tsv, by code */
    char *rows[400];
    int nrows = 0;
    for (char *line = strtok(tsv, "\n"); line && nrows < 400; line = strtok(NULL, "\n"))
        if (line[0] != '#' && line[0]) rows[nrows++] = line;
    int done[400] = {0};
    size_t i;
    json_t *c;
    json_array_foreach(arr, i, c)
    {
        const char *a3 = json_string_value(json_object_get(c, "alpha_3"));
        const char *nm = json_string_value(json_object_get(c, "name"));
        const char *cn = json_string_value(json_object_get(c, "common_name"));
        const char *on = json_string_value(json_object_get(c, "official_name"));
        if (!a3 || !nm) continue;
        const char *primary = cn ? cn : nm;
        if (strchr(primary, ',')) primary = on;
        puts_(b, "\n");
        record_start();
        int have = 0;
        if (primary) {
            phrase(b, primary, 0);
            have = 1;
        }
        if ((!primary || strcmp(primary, nm)) && !strchr(nm, ',')) {
            phrase(b, nm, have);
            have = 1;
        }
        if (on && (!primary || strcmp(on, primary))) {
            phrase(b, on, have);
            have = 1;
        }
        for (int r = 0; r < nrows; r++) {
            if (strncmp(rows[r], a3, 3) || rows[r][3] != '\t') continue;
            done[r] = 1;
            char *cols[6] = {0};
            char *rowcopy = strdup(rows[r]);
            int nc = split_cols(rowcopy, cols);
            char *items[64];
            int ni;
            for (int col = 1; col <= 3; col++) {
                if (col >= nc) break;
                split_list(cols[col], items, &ni, 64);
                for (int k = 0; k < ni; k++) {
                    phrase(b, items[k], have);
                    have = 1;
                    if (col == 2 && !uninflected(items[k])) {
                        char pl[256];
                        snprintf(pl, sizeof pl, "%ss", items[k]);
                        phrase(b, pl, 1);
                    }
                }
            }
            char code[8];
            snprintf(code, sizeof code, "%.3s", a3);
            puts_(b, "\t[");
            puts_(b, code);
            puts_(b, "]\n");
            if (nc > 4) {
                split_list(cols[4], items, &ni, 64);
                for (int k = 0; k < ni; k++) {
                    char *eq = strchr(items[k], '=');
                    if (!eq) continue;
                    *eq = 0;
                    record_start();
                    phrase(b, items[k], 0);
                    puts_(b, "\t[");
                    puts_(b, code);
                    puts_(b, eq + 1);
                    puts_(b, "]\n");
                }
            }
            free(rowcopy);
            goto next;
        }
        if (!have) phrase(b, a3, 0);
        puts_(b, "\t[");
        put(b, a3, 3);
        puts_(b, "]\n");
    next:;
    }
    /* rows with codes that iso-codes lacks (KSV) */
    for (int r = 0; r < nrows; r++) {
        if (done[r]) continue;
        char *cols[6] = {0};
        char *rowcopy = strdup(rows[r]);
        int nc = split_cols(rowcopy, cols);
        char *items[64];
        int ni, first = 1;
        puts_(b, "\n");
        record_start();
        for (int col = 1; col <= 3 && col < nc; col++) {
            split_list(cols[col], items, &ni, 64);
            for (int k = 0; k < ni; k++) {
                phrase(b, items[k], !first);
                first = 0;
            }
        }
        if (!first) {
            puts_(b, "\t[");
            puts_(b, cols[0]);
            puts_(b, "]\n");
        }
        free(rowcopy);
    }
    json_decref(root);
    free(tsv);
}

static void emit(FILE *out, const char *sym, const char *data, size_t len)
{
    fprintf(out, "const unsigned char %s[] = {\n", sym);
    for (size_t i = 0; i < len; i++) {
        fprintf(out, "%d,", (unsigned char)data[i]);
        if (i % 24 == 23) fputc('\n', out);
    }
    fprintf(out, "0};\nconst size_t %s_len = %zu;\n", sym, len);
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: gendict OUT.c ISO3166.json DICTDIR\n");
        return 2;
    }
    buf countries = {0};
    char path[4096];
    snprintf(path, sizeof path, "%s/countries.tsv", argv[3]);
    gen_countries(&countries, argv[2], path);
    FILE *out = fopen(argv[1], "w");
    if (!out) {
        fprintf(stderr, "gendict: cannot write %s\n", argv[1]);
        return 1;
    }
    fprintf(out, "/* generated by mk/gendict.c: the embedded default dictionaries */\n"
                 "#include <stddef.h>\n#include \"pipeline/defaults.h\"\n");
    emit(out, "tc_defdict_countries", countries.p, countries.n);
    static const char *const files[][2] = {
        {"igos.actors.txt", "tc_defdict_igos"},   {"people.actors.txt", "tc_defdict_people"},
        {"agents.txt", "tc_defdict_agents"},      {"verbs.txt", "tc_defdict_verbs"},
        {"discards.txt", "tc_defdict_discards"},
    };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", argv[3], files[i][0]);
        size_t len;
        char *d = slurp(path, &len);
        emit(out, files[i][1], d, len);
        free(d);
    }
    if (fclose(out) != 0) return 1;
    free(countries.p);
    return 0;
}
