/* store_opts.c - argument loop shared by query, export and report; atomic output files
 * (see store_opts.h). */
#include "store_opts.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/mem.h"

cli_store_arg_kind cli_store_arg_next(const cli_command *cmd, int argc, char **argv, int *i,
                                      int long_only, tc_store_filter *f, cli_store_arg *out)
{
    const char *a = argv[*i];
    if (!strcmp(a, "-q")) {
        cli_quiet = 1;
        return CLI_STORE_ARG_QUIET;
    }
    if (a[0] != '-' || (long_only && a[1] != '-')) {
        tc_store_filter_free(f);
        out->status = cli_usage_error(cmd, "unexpected argument '%s'", a);
        return CLI_STORE_ARG_ERROR;
    }
    const char *eq = a[1] == '-' ? strchr(a, '=') : NULL;
    if (eq) {
        snprintf(out->name, sizeof out->name, "%.*s", (int)(eq - a), a);
        out->val = eq + 1;
    } else {
        snprintf(out->name, sizeof out->name, "%s", a);
        if (*i + 1 >= argc) {
            tc_store_filter_free(f);
            out->status = cli_usage_error(cmd, "option '%s' needs an argument", a);
            return CLI_STORE_ARG_ERROR;
        }
        out->val = argv[++*i];
    }
    const char *why = NULL;
    int r = tc_store_filter_option(f, out->name, out->val, &why);
    if (r < 0) {
        tc_store_filter_free(f);
        out->status = cli_usage_error(cmd, "%s", why);
        return CLI_STORE_ARG_ERROR;
    }
    return r > 0 ? CLI_STORE_ARG_FILTER : CLI_STORE_ARG_OWN;
}

int cli_store_open_read(tc_store **st, const char *db, tc_diag *diag, tc_store_filter *f)
{
    tc_store_opts so = {1, 0, 0};
    if (tc_store_open(st, db, &so, diag) != TC_OK) {
        tc_store_filter_free(f);
        return CLI_BADINPUT;
    }
    return 0;
}

int cli_atomic_open(cli_atomic_out *o, const char *cmd, const char *path)
{
    o->f = stdout;
    o->tmp = NULL;
    o->path = path;
    if (!path || !strcmp(path, "-")) return 0;
    size_t n = strlen(path) + 32;
    o->tmp = tc_malloc(n);
    if (o->tmp) snprintf(o->tmp, n, "%s.tmp.%ld", path, (long)getpid());
    o->f = o->tmp ? fopen(o->tmp, "wb") : NULL;
    if (!o->f) {
        fprintf(stderr, "%s %s: cannot write '%s': %s\n", cli_prog, cmd, path, strerror(errno));
        tc_free(o->tmp);
        o->tmp = NULL;
        return -1;
    }
    return 0;
}

int cli_atomic_close(cli_atomic_out *o, const char *cmd, int failed, int *werr)
{
    if (fflush(o->f) != 0 || ferror(o->f)) *werr = 1;
    if (o->tmp) {
        if (fsync(fileno(o->f)) != 0) *werr = 1;
        if (fclose(o->f) != 0) *werr = 1;
    }
    failed = failed || *werr;
    if (o->tmp) {
        if (!failed && rename(o->tmp, o->path) != 0) {
            fprintf(stderr, "%s %s: cannot write '%s': %s\n", cli_prog, cmd, o->path,
                    strerror(errno));
            failed = 1;
        }
        if (failed) unlink(o->tmp);
        tc_free(o->tmp);
        o->tmp = NULL;
    }
    return failed;
}
