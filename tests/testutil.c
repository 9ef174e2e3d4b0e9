/* testutil.c - helpers shared by the tests. */
#include "testutil.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dict/dict.h"

#ifndef TC_TEST_BIN
#define TC_TEST_BIN "bin/tacitus"
#endif

const char *tt_shared(const char *rel)
{
    static __thread char buf[4096];
    snprintf(buf, sizeof buf, "../shared/%s", rel);
    struct stat st;
    if (stat(buf, &st) != 0) {
        fprintf(stderr, "skip: ../shared/%s not present\n", rel);
        return NULL;
    }
    return buf;
}

char *tt_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 4096, n = 0;
    char *b = malloc(cap);
    size_t r;
    while (b && (r = fread(b + n, 1, cap - n - 1, f)) > 0) {
        n += r;
        if (cap - n - 1 == 0) {
            char *nb = realloc(b, cap * 2);
            if (!nb) {
                free(b);
                b = NULL;
                break;
            }
            b = nb;
            cap *= 2;
        }
    }
    fclose(f);
    if (!b) return NULL;
    b[n] = 0;
    if (len) *len = n;
    return b;
}

char *tt_tmpfile(const char *suffix, const void *data, size_t len)
{
    char tmpl[] = "/tmp/tctestXXXXXX";
    int fd = mkstemp(tmpl);
    if (fd < 0) return NULL;
    close(fd);
    size_t n = strlen(tmpl) + (suffix ? strlen(suffix) : 0) + 1;
    char *path = malloc(n);
    if (!path) return NULL;
    snprintf(path, n, "%s%s", tmpl, suffix ? suffix : "");
    if (suffix && *suffix) rename(tmpl, path);
    FILE *f = fopen(path, "wb");
    if (!f) {
        free(path);
        return NULL;
    }
    if (len) fwrite(data, 1, len, f);
    fclose(f);
    return path;
}

tc_dict *tt_test_dicts(tc_diag *diag)
{
    tc_dict *d = NULL;
    cr_assert_eq(tc_dict_new(&d), TC_OK);
    cr_assert_eq(tc_dict_load_actors(d, "tests/data/dict/test.actors.txt", diag), TC_OK);
    cr_assert_eq(tc_dict_load_agents(d, "tests/data/dict/test.agents.txt", diag), TC_OK);
    cr_assert_eq(tc_dict_load_verbs(d, "tests/data/dict/test.verbs.txt", diag), TC_OK);
    cr_assert_eq(tc_dict_load_discards(d, "tests/data/dict/test.discards.txt", diag), TC_OK);
    cr_assert_eq(tc_dict_load_pico(d, "tests/data/dict/test.pico.txt", diag), TC_OK);
    return d;
}

void tt_rm_db(char *path)
{
    char buf[4096];
    unlink(path);
    snprintf(buf, sizeof buf, "%s-wal", path);
    unlink(buf);
    snprintf(buf, sizeof buf, "%s-shm", path);
    unlink(buf);
    free(path);
}

int tt_run(const char *args, const char *input, char **out, char **err)
{
    char *in_path = tt_tmpfile(NULL, input ? input : "", input ? strlen(input) : 0);
    char *out_path = tt_tmpfile(NULL, "", 0);
    char *err_path = tt_tmpfile(NULL, "", 0);
    if (!in_path || !out_path || !err_path) return -1;
    size_t n = strlen(args) + strlen(TC_TEST_BIN) + 3 * strlen(in_path) + 64;
    char *cmd = malloc(n);
    if (!cmd) return -1;
    snprintf(cmd, n, "%s %s <%s >%s 2>%s", TC_TEST_BIN, args, in_path, out_path, err_path);
    int rc = system(cmd);
    free(cmd);
    if (out) *out = tt_slurp(out_path, NULL);
    if (err) *err = tt_slurp(err_path, NULL);
    unlink(in_path);
    unlink(out_path);
    unlink(err_path);
    free(in_path);
    free(out_path);
    free(err_path);
    if (rc == -1 || !WIFEXITED(rc)) return -1;
    return WEXITSTATUS(rc);
}

static int cmpstr(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int tt_replay_dir(const char *dir, tt_fuzz_fn fn)
{
    DIR *d = opendir(dir);
    if (!d) return 0;
    char **names = NULL;
    size_t nn = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        char **nb = realloc(names, (nn + 1) * sizeof *nb);
        if (!nb) break;
        names = nb;
        names[nn++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, nn, sizeof *names, cmpstr);
    int count = 0;
    for (size_t i = 0; i < nn; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        size_t len = 0;
        char *data = tt_slurp(path, &len);
        if (data) {
            fn((const uint8_t *)data, len);
            count++;
            free(data);
        }
        free(names[i]);
    }
    free(names);
    return count;
}

void tt_diag_collect(void *ud, tc_level level, const char *file, long line, const char *msg)
{
    tt_diaglog *log = ud;
    if (level == TC_LOG_WARN) log->nwarn++;
    if (level == TC_LOG_ERROR) log->nerr++;
    char tmp[1400];
    int n = snprintf(tmp, sizeof tmp, "%s %s:%ld: %s\n",
                     level == TC_LOG_ERROR ? "error" : level == TC_LOG_WARN ? "warning" : "info",
                     file ? file : "-", line, msg);
    if (n < 0) return;
    if ((size_t)n >= sizeof tmp) n = sizeof tmp - 1;
    if (log->len + (size_t)n + 1 > log->cap) {
        size_t cap = log->cap ? log->cap * 2 : 1024;
        while (cap < log->len + (size_t)n + 1) cap *= 2;
        char *t = realloc(log->text, cap);
        if (!t) return;
        log->text = t;
        log->cap = cap;
    }
    memcpy(log->text + log->len, tmp, (size_t)n + 1);
    log->len += (size_t)n;
}

tc_diag tt_diag(tt_diaglog *log)
{
    tc_diag d = {tt_diag_collect, log, 0, 0};
    return d;
}

void tt_diaglog_free(tt_diaglog *log)
{
    free(log->text);
    memset(log, 0, sizeof *log);
}
