/* testutil.h - helpers shared by the Criterion tests (not part of the library). */
#ifndef TC_TESTUTIL_H
#define TC_TESTUTIL_H

#include <stddef.h>
#include <stdint.h>

#include "core/status.h"

/* Path of a file under ../shared (relative to the repo root, where tests run),
 * or NULL when ../shared or that file is absent; then a one-line notice
 * "skip: <what>: ../shared/<rel> not present" is printed once and the caller
 * should cr_skip_test(). Returned string is static storage per call site. */
const char *tt_shared(const char *rel);

/* Run the CLI (TC_TEST_BIN) with a shell command line after the binary name,
 * e.g. tt_run("split --conllu -", input, &out, &err).  stdin gets `input` (may be
 * NULL).  *out / *err get malloc'ed NUL-terminated captures (may be NULL to
 * discard).  Returns the exit status, or -1 if it could not run. */
int tt_run(const char *args, const char *input, char **out, char **err);

/* Read a whole file into a malloc'ed buffer (NUL-terminated); NULL on failure. */
char *tt_slurp(const char *path, size_t *len);
/* Write data to a fresh temporary file; returns its malloc'ed path. */
char *tt_tmpfile(const char *suffix, const void *data, size_t len);
/* A dictionary with the tests/data/dict/test.* actors, agents, verbs, discards and PICO files
 * loaded (asserted to load), reporting through diag. */
struct tc_dict;
struct tc_dict *tt_test_dicts(tc_diag *diag);
/* Remove an SQLite database file with its -wal and -shm files, then free(path). */
void tt_rm_db(char *path);

/* Feed every file of dir to fn (fuzz corpus replay).  Returns files replayed,
 * 0 if the directory is missing. */
typedef int (*tt_fuzz_fn)(const uint8_t *data, size_t size);
int tt_replay_dir(const char *dir, tt_fuzz_fn fn);

/* A tc_diag collecting messages into a string (for asserting on warnings). */
typedef struct tt_diaglog {
    char *text;   /* all messages, one per line "LEVEL FILE:LINE: MSG" */
    size_t len, cap;
    int nwarn, nerr;
} tt_diaglog;
void tt_diag_collect(void *ud, tc_level level, const char *file, long line, const char *msg);
tc_diag tt_diag(tt_diaglog *log);
void tt_diaglog_free(tt_diaglog *log);

#endif
