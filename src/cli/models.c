/* models.c - locating model files for the CLI. */
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_models.h"

static int exists(const char *p) { return access(p, R_OK) == 0; }

const char *cli_find_model(const char *name, char *buf, size_t n, char **argv)
{
    (void)argv;
    const char *env = getenv("TACITUS_MODELS");
    if (env && *env) {
        snprintf(buf, n, "%s/%s", env, name);
        if (exists(buf)) return buf;
    }
    char exe[PATH_MAX];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len > 0) {
        exe[len] = 0;
        char *dir = dirname(exe);             /* .../bin */
        char parent[PATH_MAX];
        snprintf(parent, sizeof parent, "%s", dir);
        char *pdir = dirname(parent);         /* ... */
        snprintf(buf, n, "%s/models/%s", pdir, name);
        if (exists(buf)) return buf;
        /* build dirs: build-x/bin/tacitus -> repo/models */
        char gp[PATH_MAX];
        snprintf(gp, sizeof gp, "%s", pdir);
        snprintf(buf, n, "%s/models/%s", dirname(gp), name);
        if (exists(buf)) return buf;
    }
    snprintf(buf, n, "models/%s", name);
    if (exists(buf)) return buf;
    return NULL;
}
