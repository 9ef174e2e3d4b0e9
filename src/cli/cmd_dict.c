/* cmd_dict.c - `tacitus dict check`: load CAMEO dictionaries and report bad lines,
 * conflicting phrases, unreachable patterns and overlapping date restrictions. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "core/cameo.h"
#include "pipeline/defaults.h"
#include "core/mem.h"
#include "dict/dict.h"

static const char usage[] =
    "usage: tacitus dict check [--dict-dir DIR | FILE...]   (no files: the embedded defaults)\n"
    "\n"
    "Load dictionaries and report problems, one per line as FILE:LINE: what:\n"
    "  - lines the readers reject (bad code blocks, malformed patterns, ...);\n"
    "  - conflicts: the same actor or agent phrase defined twice with different codes\n"
    "    (the first definition is the one used);\n"
    "  - unreachable patterns: a pattern identical to an earlier one of its verb block;\n"
    "  - date restrictions of one actor that overlap with different codes.\n"
    "The kind of each file comes from its name: *actor*, *agent*, *verb* or CAMEO*,\n"
    "*discard*, *issue*, *ontology* / *pico*.  --dict-dir DIR checks every such file in\n"
    "DIR.  Ends with a summary line; exit status 0 when nothing was found, 1 otherwise.\n";

typedef tc_status (*cli_loader)(tc_dict *, const char *, tc_diag *);

static cli_loader cli_kind(const char *path, const char **kind)
{
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    char low[512];
    size_t n = strlen(b);
    if (n >= sizeof low) n = sizeof low - 1;
    for (size_t i = 0; i < n; i++) low[i] = (char)((b[i] >= 'A' && b[i] <= 'Z') ? b[i] + 32 : b[i]);
    low[n] = 0;
    if (strstr(low, "actor")) { *kind = "actors"; return tc_dict_load_actors; }
    if (strstr(low, "agent")) { *kind = "agents"; return tc_dict_load_agents; }
    if (strstr(low, "discard")) { *kind = "discards"; return tc_dict_load_discards; }
    if (strstr(low, "issue")) { *kind = "issues"; return tc_dict_load_issues; }
    if (strstr(low, "ontology") || strstr(low, "pico")) { *kind = "pico"; return tc_dict_load_pico; }
    if (strstr(low, "verb") || !strncmp(low, "cameo", 5)) { *kind = "verbs"; return tc_dict_load_verbs; }
    return NULL;
}

typedef struct cli_dcount {
    unsigned long bad, conflicts, redundant, unreachable, overlaps;
} cli_dcount;

static void cli_diag_count(void *ud, tc_level level, const char *file, long line, const char *msg)
{
    cli_dcount *c = ud;
    if (level < TC_LOG_WARN) return;
    c->bad++;
    printf("%s:%ld: %s\n", file ? file : "?", line, msg);
}

static int cli_same_codes(const tc_dict *d, const tc_dict_actor *a, const tc_dict_actor *b)
{
    if (a->ncodes != b->ncodes) return 0;
    for (uint32_t i = 0; i < a->ncodes; i++) {
        const tc_dict_code *x = &d->codes[a->first + i], *y = &d->codes[b->first + i];
        if (strcmp(x->code, y->code) || x->kind != y->kind || x->d1 != y->d1 || x->d2 != y->d2) return 0;
    }
    return 1;
}

static void cli_code_list(const tc_dict *d, const tc_dict_actor *a, char *out, size_t cap)
{
    size_t k = 0;
    out[0] = 0;
    for (uint32_t i = 0; i < a->ncodes && k + 1 < cap; i++) {
        int w = snprintf(out + k, cap - k, "%s%s", i ? "," : "", d->codes[a->first + i].code);
        if (w < 0) break;
        k += (size_t)w;
    }
}

/* [lo, hi] span of a restriction */
static void cli_span(const tc_dict_code *c, int32_t *lo, int32_t *hi)
{
    *lo = 0;
    *hi = 99999999;
    if (c->kind == TC_DICT_DATE_BEFORE) *hi = c->d1 - 1;
    else if (c->kind == TC_DICT_DATE_AFTER) *lo = c->d1;
    else if (c->kind == TC_DICT_DATE_RANGE) { *lo = c->d1; *hi = c->d2; }
}

static void cli_checks(const tc_dict *d, cli_dcount *c)
{
    for (size_t i = 0; i < d->ndups; i++) {
        const tc_dict_dup *x = &d->dups[i];
        if (x->kind == 0) {
            const tc_dict_actor *a = &d->actors[x->first], *b = &d->actors[x->second];
            char ca[256], cb[256];
            cli_code_list(d, a, ca, sizeof ca);
            cli_code_list(d, b, cb, sizeof cb);
            if (cli_same_codes(d, a, b)) {
                c->redundant++;
            } else {
                c->conflicts++;
                printf("%s:%ld: conflict: a phrase of actor %s [%s] is already actor %s [%s] (%s:%ld)\n", x->file,
                       x->line, b->root, cb, a->root, ca, a->file, a->line);
            }
        } else {
            const tc_dict_agent *a = &d->agents[x->first], *b = &d->agents[x->second];
            if (!strcmp(a->code, b->code) && a->prefix == b->prefix) {
                c->redundant++;
            } else {
                c->conflicts++;
                printf("%s:%ld: conflict: agent %s [%s] is already agent %s [%s] (%s:%ld)\n", x->file, x->line,
                       b->phrase, b->code, a->phrase, a->code, a->file, a->line);
            }
        }
    }
    for (size_t bi = 0; bi < d->nblocks; bi++) {
        const tc_dict_block *b = &d->blocks[bi];
        for (uint32_t i = 0; i < b->npat; i++) {
            const tc_dict_pattern *p = &d->patterns[b->first + i];
            for (uint32_t j = 0; j < i; j++) {
                const tc_dict_pattern *q = &d->patterns[b->first + j];
                if (strcasecmp(p->text, q->text)) continue;
                c->unreachable++;
                printf("%s:%ld: unreachable pattern '%s' [%s]: same as line %ld [%s]\n", p->file, p->line, p->text,
                       p->code ? p->code : "", q->line, q->code ? q->code : "");
                break;
            }
        }
    }
    for (size_t ai = 0; ai < d->nactors; ai++) {
        const tc_dict_actor *a = &d->actors[ai];
        for (uint32_t i = 0; i < a->ncodes; i++)
            for (uint32_t j = i + 1; j < a->ncodes; j++) {
                const tc_dict_code *x = &d->codes[a->first + i], *y = &d->codes[a->first + j];
                if (x->kind == TC_DICT_DATE_NONE || y->kind == TC_DICT_DATE_NONE) {
                    if (x->kind == TC_DICT_DATE_NONE && y->kind == TC_DICT_DATE_NONE && strcmp(x->code, y->code)) {
                        c->overlaps++;
                        printf("%s:%ld: actor %s has two unrestricted codes %s and %s (the first is used)\n", a->file,
                               a->line, a->root, x->code, y->code);
                    }
                    continue;
                }
                int32_t l1, h1, l2, h2;
                cli_span(x, &l1, &h1);
                cli_span(y, &l2, &h2);
                /* ranges that only share their boundary day ("...-20121109" then
                 * "20121109-...") follow the exclusive-end convention: not reported */
                int64_t ov = (int64_t)(h1 < h2 ? h1 : h2) - (int64_t)(l1 > l2 ? l1 : l2);
                if (ov > 0 && strcmp(x->code, y->code)) {
                    c->overlaps++;
                    printf("%s:%ld: actor %s: date restrictions of %s and %s overlap (%d-%d, %d-%d); the first wins\n",
                           a->file, a->line, a->root, x->code, y->code, (int)l1, (int)h1, (int)l2, (int)h2);
                }
            }
    }
}

/* CAMEO three-digit codes that no verb line, block default or pattern produces (a
 * four-digit code counts for its three-digit parent).  Prints them; returns the count. */
static int cli_coverage(const tc_dict *d)
{
    int missing = 0, total = 0;
    for (size_t k = 0; k < tc_cameo_table_len; k++) {
        const tc_cameo_code *c = &tc_cameo_table[k];
        if (strlen(c->code) != 3) continue;
        total++;
        int found = 0;
        for (size_t i = 0; i < d->nblocks && !found; i++) {
            const char *x = d->blocks[i].code;
            if (x && !strncmp(x, c->code, 3)) found = 1;
        }
        for (size_t i = 0; i < d->nverbs && !found; i++) {
            const char *x = d->verbs[i].code;
            if (x && !strncmp(x, c->code, 3)) found = 1;
        }
        for (size_t i = 0; i < d->npatterns && !found; i++) {
            const char *x = d->patterns[i].code;
            if (x && !strncmp(x, c->code, 3)) found = 1;
        }
        if (!found) {
            if (!missing) printf("CAMEO codes no verb or pattern produces:");
            printf(" %s", c->code);
            missing++;
        }
    }
    if (missing) printf("\n");
    printf("%d of %d CAMEO three-digit codes covered by the verbs\n", total - missing, total);
    return missing;
}

static int cli_namecmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run(int argc, char **argv)
{
    extern const cli_command cli_cmd_dict;
    const cli_command *self = &cli_cmd_dict;
    if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        cli_print_usage(self, stdout);
        return CLI_OK;
    }
    if (argc < 2 || strcmp(argv[1], "check")) return cli_usage_error(self, "expected 'check'");
    const char *dir = NULL;
    char **files = tc_calloc((size_t)argc + 1, sizeof *files);
    size_t nfiles = 0;
    int rc = CLI_OK;
    if (!files) return CLI_BADINPUT;
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--dict-dir")) {
            if (++i >= argc) {
                tc_free(files);
                return cli_usage_error(self, "--dict-dir needs an argument");
            }
            dir = argv[i];
        } else if (argv[i][0] == '-' && argv[i][1]) {
            tc_free(files);
            return cli_usage_error(self, "unknown option '%s'", argv[i]);
        } else {
            files[nfiles++] = tc_strdup(argv[i]);
        }
    }
    if (dir) {
        DIR *dh = opendir(dir);
        if (!dh) {
            fprintf(stderr, "%s dict: cannot open directory %s\n", cli_prog, dir);
            tc_free(files);
            return CLI_BADINPUT;
        }
        struct dirent *de;
        size_t cap = (size_t)argc + 1;
        while ((de = readdir(dh))) {
            if (de->d_name[0] == '.') continue;
            const char *kind;
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
            if (!cli_kind(path, &kind)) continue;
            if (nfiles + 1 >= cap) {
                char **q = tc_reallocarray(files, cap * 2, sizeof *files);
                if (!q) break;
                files = q;
                cap *= 2;
            }
            files[nfiles++] = tc_strdup(path);
        }
        closedir(dh);
        qsort(files, nfiles, sizeof *files, cli_namecmp);
    }
    tc_dict *d = NULL;
    cli_dcount cnt;
    memset(&cnt, 0, sizeof cnt);
    tc_diag diag = {cli_diag_count, &cnt, 0, 0};
    if (tc_dict_new(&d) != TC_OK) rc = CLI_BADINPUT;
    int defaults = !nfiles;
    if (defaults && d) {
        /* no files: check the embedded default dictionaries (data/dict) */
        if (tc_pipe_load_defaults(d, &diag) != TC_OK) rc = CLI_BADINPUT;
        else fprintf(stderr, "%s dict: loaded the embedded default dictionaries\n", cli_prog);
    }
    /* synsets must exist before patterns use them: verbs files are loaded in the order given */
    for (size_t i = 0; i < nfiles && d; i++) {
        const char *kind = "?";
        cli_loader fn = cli_kind(files[i], &kind);
        if (!fn) {
            fprintf(stderr, "%s dict: %s: cannot tell the dictionary kind from the name\n", cli_prog, files[i]);
            rc = CLI_BADINPUT;
            continue;
        }
        if (fn(d, files[i], &diag) != TC_OK) rc = CLI_BADINPUT;
        else fprintf(stderr, "%s dict: loaded %s (%s)\n", cli_prog, files[i], kind);
    }
    if (d) {
        cli_checks(d, &cnt);
        printf("%zu actors, %zu agents, %zu verb forms in %zu blocks, %zu patterns, %zu synsets, %zu discards\n",
               d->nactors, d->nagents, d->nverbs, d->nblocks, d->npatterns, d->nsynsets, d->ndiscards);
        printf("%lu bad lines, %lu conflicts, %lu redundant duplicates, %lu unreachable patterns, "
               "%lu date overlaps\n", cnt.bad, cnt.conflicts, cnt.redundant, cnt.unreachable, cnt.overlaps);
        int uncovered = cli_coverage(d);
        if (cnt.bad || cnt.conflicts || cnt.unreachable || cnt.overlaps || (defaults && uncovered))
            rc = rc ? rc : CLI_BADINPUT;
    }
    tc_dict_free(&d);
    for (size_t i = 0; i < nfiles; i++) tc_free(files[i]);
    tc_free(files);
    return rc;
}

const cli_command cli_cmd_dict = {
    "dict",
    "check CAMEO dictionaries: bad lines, conflicts, unreachable patterns, date overlaps",
    usage,
    run,
};
