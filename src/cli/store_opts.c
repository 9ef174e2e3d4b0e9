/* store_opts.c - argument loop shared by query, export and report (see store_opts.h). */
#include "store_opts.h"

#include <stdio.h>
#include <string.h>

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
