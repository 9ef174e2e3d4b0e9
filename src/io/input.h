/* input.h - streaming byte input over a path, stdin or memory, with transparent
 * gzip (multi-member) and zstd decompression (detected by magic bytes), and a
 * line reader.
 *
 * Damage is reported through diag with the input's name (and line where it
 * applies) and ends the input softly: everything decompressed before the damage
 * is still delivered, then the read/line functions return TC_ETRUNC once
 * (truncated or corrupt compressed stream) or TC_EIO (read error), and TC_EOF
 * after that.
 *
 * Line reader: lines are returned without their '\n' ('\r' is kept), numbered
 * from 1; NUL bytes are dropped (counted); a line longer than max_line bytes is
 * cut there (at a UTF-8 boundary), the rest of it skipped, reported and
 * counted.  The returned pointer stays valid until the next call on the input.
 *
 * Ownership: the input owns its buffers; tc_input_close frees them (and closes
 * the file unless it is stdin). */
#ifndef TC_INPUT_H
#define TC_INPUT_H

#include <stddef.h>

#include "../core/mem.h"
#include "../core/status.h"

typedef enum tc_compression { TC_COMP_NONE = 0, TC_COMP_GZIP, TC_COMP_ZSTD } tc_compression;

typedef struct tc_input tc_input;

typedef struct tc_input_counts {
    unsigned long long bytes;  /* decompressed bytes produced */
    unsigned long nul_bytes;   /* NUL bytes dropped by the line reader / slurp */
    unsigned long long_lines;  /* lines cut at max_line */
    int damaged;               /* 1 once truncation/corruption/read error was seen */
} tc_input_counts;

/* Open a path ("-" = stdin).  Unreadable paths and directories are reported
 * (naming the path) and give TC_EIO with *out NULL. */
tc_status tc_input_open(tc_input **out, const char *path, tc_diag *diag);
/* Open over memory (not copied; must outlive the input). */
tc_status tc_input_open_mem(tc_input **out, const char *name, const void *data, size_t len,
                            tc_diag *diag);
void tc_input_close(tc_input **in);

/* Name used in messages ("<stdin>" for stdin). */
const char *tc_input_name(const tc_input *in);
tc_compression tc_input_compression(const tc_input *in);
const tc_input_counts *tc_input_counts_get(const tc_input *in);

/* Longest line kept by tc_input_line (bytes); default 16 MiB. */
void tc_input_set_max_line(tc_input *in, size_t max);

/* Make at least `want` decompressed bytes available (fewer at end of input)
 * without consuming them: *p, *n describe what is buffered. */
tc_status tc_input_peek(tc_input *in, size_t want, const char **p, size_t *n);

/* Read up to cap decompressed bytes (NULs not dropped).  TC_OK with *got > 0,
 * TC_EOF, or TC_ETRUNC/TC_EIO once after damage. */
tc_status tc_input_read(tc_input *in, void *buf, size_t cap, size_t *got);

/* Next line.  TC_OK, TC_EOF, or TC_ETRUNC/TC_EIO once after damage. */
tc_status tc_input_line(tc_input *in, const char **line, size_t *len);
/* Number of the line last returned (1-based; 0 before the first). */
long tc_input_lineno(const tc_input *in);
/* 1 if the line last returned ended with '\n' (0: last line without one). */
int tc_input_line_had_nl(const tc_input *in);

#endif
