/* input.c - byte input with gzip/zstd and a line reader. */
#include "input.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include "../core/utf8.h"

#define RAW_CHUNK (256u * 1024u)
#define OUT_CHUNK (1024u * 1024u)
#define DEFAULT_MAX_LINE ((size_t)16 << 20)

struct tc_input {
    char *name;
    tc_diag *diag;
    /* raw source */
    int fd;          /* -1 for memory */
    int close_fd;
    const unsigned char *mem;
    size_t mem_len, mem_pos;
    int raw_eof;
    unsigned char *raw;
    size_t raw_pos, raw_len, raw_cap;
    unsigned long long raw_total;
    /* decompression */
    tc_compression comp;
    z_stream z;
    int z_init;
    ZSTD_DStream *zs;
    size_t zs_hint;  /* last ZSTD_decompressStream return: 0 = at a frame boundary */
    int member_done; /* gzip: a member just ended */
    /* decompressed buffer: data in buf[beg..end) */
    char *buf;
    size_t cap, beg, end;
    int eof;            /* no more data will come */
    tc_status end_st;   /* TC_EOF or the damage status */
    int end_reported;   /* damage status already returned once */
    /* lines */
    size_t max_line;
    long lineno;
    int had_nl;
    size_t scan;        /* bytes of buf[beg..) already known to hold no '\n' */
    tc_buf line;
    tc_input_counts counts;
};

static void damage(tc_input *in, tc_status st, const char *what, const char *detail)
{
    if (in->counts.damaged) return;
    in->counts.damaged = 1;
    in->end_st = st;
    tc_diag_emit(in->diag, TC_LOG_ERROR, in->name, 0, "%s%s%s (%llu bytes recovered before it)",
                 what, detail ? ": " : "", detail ? detail : "", in->counts.bytes);
}

/* Read more raw bytes into in->raw (keeping unconsumed ones). Returns bytes added. */
static size_t raw_more(tc_input *in)
{
    if (in->raw_eof) return 0;
    if (in->raw_pos > 0) {
        memmove(in->raw, in->raw + in->raw_pos, in->raw_len - in->raw_pos);
        in->raw_len -= in->raw_pos;
        in->raw_pos = 0;
    }
    size_t room = in->raw_cap - in->raw_len;
    if (room == 0) return 0;
    if (in->fd < 0) {
        size_t n = in->mem_len - in->mem_pos;
        if (n > room) n = room;
        memcpy(in->raw + in->raw_len, in->mem + in->mem_pos, n);
        in->mem_pos += n;
        in->raw_len += n;
        if (in->mem_pos >= in->mem_len) in->raw_eof = 1;
        in->raw_total += n;
        return n;
    }
    for (;;) {
        ssize_t r = read(in->fd, in->raw + in->raw_len, room);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) {
            in->raw_eof = 1;
            damage(in, TC_EIO, "read error", strerror(errno));
            return 0;
        }
        if (r == 0) in->raw_eof = 1;
        in->raw_len += (size_t)r;
        in->raw_total += (size_t)r;
        return (size_t)r;
    }
}

/* Make room for at least `want` more bytes at buf end. */
static tc_status out_room(tc_input *in, size_t want)
{
    if (in->beg > 0 && (in->cap - in->end < want)) {
        memmove(in->buf, in->buf + in->beg, in->end - in->beg);
        in->end -= in->beg;
        in->beg = 0;
    }
    if (in->cap - in->end < want) {
        size_t ncap = in->cap ? in->cap : want < OUT_CHUNK / 4 ? want + 64 : OUT_CHUNK;
        while (ncap - in->end < want) ncap *= 2;
        char *nb = tc_realloc(in->buf, ncap + 1);
        if (!nb) return TC_ENOMEM;
        in->buf = nb;
        in->cap = ncap;
    }
    return TC_OK;
}

static int all_zero(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i]) return 0;
    return 1;
}

/* Produce more decompressed bytes into buf. Returns bytes added; 0 means EOF
 * (in->eof set) or error. */
static size_t fill(tc_input *in)
{
    if (in->eof) return 0;
    size_t want = OUT_CHUNK / 4;
    if (in->comp == TC_COMP_NONE && in->fd < 0) {
        /* small memory inputs: no megabyte buffers */
        size_t rem = (in->raw_len - in->raw_pos) + (in->mem_len - in->mem_pos) + 1;
        if (rem < want) want = rem;
    }
    if (out_room(in, want) != TC_OK) {
        damage(in, TC_ENOMEM, "out of memory", NULL);
        in->eof = 1;
        return 0;
    }
    size_t room = in->cap - in->end;
    size_t added = 0;
    if (in->comp == TC_COMP_NONE) {
        if (in->raw_pos < in->raw_len) {
            size_t n = in->raw_len - in->raw_pos;
            if (n > room) n = room;
            memcpy(in->buf + in->end, in->raw + in->raw_pos, n);
            in->raw_pos += n;
            added = n;
        } else if (in->fd >= 0 && !in->raw_eof) {
            for (;;) {
                ssize_t r = read(in->fd, in->buf + in->end, room);
                if (r < 0 && errno == EINTR) continue;
                if (r < 0) {
                    in->raw_eof = 1;
                    damage(in, TC_EIO, "read error", strerror(errno));
                } else if (r == 0) {
                    in->raw_eof = 1;
                }
                added = r > 0 ? (size_t)r : 0;
                break;
            }
        } else if (in->fd < 0 && in->mem_pos < in->mem_len) {
            size_t n = in->mem_len - in->mem_pos;
            if (n > room) n = room;
            memcpy(in->buf + in->end, in->mem + in->mem_pos, n);
            in->mem_pos += n;
            added = n;
        } else {
            in->raw_eof = 1;
        }
    } else if (in->comp == TC_COMP_GZIP) {
        while (added == 0) {
            if (in->raw_pos >= in->raw_len && !in->raw_eof) raw_more(in);
            int no_input = in->raw_pos >= in->raw_len;
            if (in->member_done) {
                /* another member, trailing zeros or garbage */
                if (no_input) break;
                size_t left = in->raw_len - in->raw_pos;
                const unsigned char *p = in->raw + in->raw_pos;
                if (left < 2 && !in->raw_eof) {
                    raw_more(in);
                    continue;
                }
                if (left >= 2 && p[0] == 0x1f && p[1] == 0x8b) {
                    inflateReset(&in->z);
                    in->member_done = 0;
                } else if (all_zero(p, left)) {
                    in->raw_pos = in->raw_len;
                    continue;
                } else {
                    tc_diag_emit(in->diag, TC_LOG_WARN, in->name, 0,
                                 "trailing garbage after gzip data ignored");
                    in->raw_eof = 1;
                    in->raw_pos = in->raw_len;
                    break;
                }
            }
            in->z.next_in = in->raw + in->raw_pos;
            in->z.avail_in = (uInt)(in->raw_len - in->raw_pos);
            in->z.next_out = (Bytef *)in->buf + in->end;
            in->z.avail_out = (uInt)(room > (1u << 30) ? (1u << 30) : room);
            uInt before_out = in->z.avail_out;
            int zr = inflate(&in->z, Z_NO_FLUSH);
            in->raw_pos = in->raw_len - in->z.avail_in;
            added = before_out - in->z.avail_out;
            if (zr == Z_STREAM_END) {
                in->member_done = 1;
            } else if (zr == Z_OK || zr == Z_BUF_ERROR) {
                if (added == 0 && no_input) {
                    damage(in, TC_ETRUNC, "truncated gzip stream", NULL);
                    break;
                }
            } else {
                damage(in, TC_ETRUNC, "corrupt gzip data", in->z.msg ? in->z.msg : "bad data");
                break;
            }
        }
    } else { /* zstd */
        while (added == 0) {
            if (in->raw_pos >= in->raw_len && !in->raw_eof) raw_more(in);
            int no_input = in->raw_pos >= in->raw_len;
            if (no_input && in->zs_hint == 0) break; /* clean end at a frame boundary */
            ZSTD_inBuffer ib = {in->raw, in->raw_len, in->raw_pos};
            ZSTD_outBuffer ob = {in->buf + in->end, room, 0};
            size_t zr = ZSTD_decompressStream(in->zs, &ob, &ib);
            in->raw_pos = ib.pos;
            added = ob.pos;
            if (ZSTD_isError(zr)) {
                damage(in, TC_ETRUNC, "corrupt zstd data", ZSTD_getErrorName(zr));
                break;
            }
            in->zs_hint = zr;
            if (added == 0 && no_input) {
                damage(in, TC_ETRUNC, "truncated zstd stream", NULL);
                break;
            }
        }
    }
    in->end += added;
    in->counts.bytes += added;
    if (added == 0) in->eof = 1;
    return added;
}

static tc_status detect(tc_input *in)
{
    while (in->raw_len < 4 && !in->raw_eof) {
        if (raw_more(in) == 0 && !in->raw_eof) break;
    }
    const unsigned char *p = in->raw;
    if (in->raw_len >= 2 && p[0] == 0x1f && p[1] == 0x8b) {
        in->comp = TC_COMP_GZIP;
        memset(&in->z, 0, sizeof in->z);
        if (inflateInit2(&in->z, 15 + 16) != Z_OK) return TC_ENOMEM;
        in->z_init = 1;
    } else if (in->raw_len >= 4 && p[0] == 0x28 && p[1] == 0xb5 && p[2] == 0x2f && p[3] == 0xfd) {
        in->comp = TC_COMP_ZSTD;
        in->zs = ZSTD_createDStream();
        if (!in->zs) return TC_ENOMEM;
        ZSTD_initDStream(in->zs);
        in->zs_hint = 1;
    }
    return TC_OK;
}

static tc_input *new_input(const char *name, tc_diag *diag, size_t raw_cap)
{
    tc_input *in = tc_calloc(1, sizeof *in);
    if (!in) return NULL;
    in->name = tc_strdup(name);
    in->raw_cap = raw_cap;
    in->raw = tc_malloc(raw_cap);
    if (!in->name || !in->raw) {
        tc_free(in->name);
        tc_free(in->raw);
        tc_free(in);
        return NULL;
    }
    in->diag = diag;
    in->fd = -1;
    in->end_st = TC_EOF;
    in->max_line = DEFAULT_MAX_LINE;
    return in;
}

tc_status tc_input_open(tc_input **out, const char *path, tc_diag *diag)
{
    *out = NULL;
    int is_stdin = strcmp(path, "-") == 0;
    int fd = is_stdin ? 0 : open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        tc_diag_emit(diag, TC_LOG_ERROR, path, 0, "cannot open: %s", strerror(errno));
        return TC_EIO;
    }
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        tc_diag_emit(diag, TC_LOG_ERROR, path, 0, "cannot read: is a directory");
        if (!is_stdin) close(fd);
        return TC_EIO;
    }
#ifdef POSIX_FADV_SEQUENTIAL
    if (!is_stdin) posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
    tc_input *in = new_input(is_stdin ? "<stdin>" : path, diag, RAW_CHUNK);
    if (!in) {
        if (!is_stdin) close(fd);
        return TC_ENOMEM;
    }
    in->fd = fd;
    in->close_fd = !is_stdin;
    tc_status s = detect(in);
    if (s != TC_OK) {
        tc_input_close(&in);
        return s;
    }
    *out = in;
    return TC_OK;
}

tc_status tc_input_open_mem(tc_input **out, const char *name, const void *data, size_t len,
                            tc_diag *diag)
{
    *out = NULL;
    tc_input *in = new_input(name ? name : "<memory>", diag, len < RAW_CHUNK ? len + 16 : RAW_CHUNK);
    if (!in) return TC_ENOMEM;
    in->mem = data;
    in->mem_len = len;
    if (len == 0) in->raw_eof = 1;
    tc_status s = detect(in);
    if (s != TC_OK) {
        tc_input_close(&in);
        return s;
    }
    *out = in;
    return TC_OK;
}

void tc_input_close(tc_input **inp)
{
    if (!inp || !*inp) return;
    tc_input *in = *inp;
    if (in->close_fd && in->fd >= 0) close(in->fd);
    if (in->z_init) inflateEnd(&in->z);
    if (in->zs) ZSTD_freeDStream(in->zs);
    tc_free(in->name);
    tc_free(in->raw);
    tc_free(in->buf);
    tc_buf_free(&in->line);
    tc_free(in);
    *inp = NULL;
}

const char *tc_input_name(const tc_input *in) { return in->name; }
tc_compression tc_input_compression(const tc_input *in) { return in->comp; }
const tc_input_counts *tc_input_counts_get(const tc_input *in) { return &in->counts; }
void tc_input_set_max_line(tc_input *in, size_t max) { in->max_line = max ? max : DEFAULT_MAX_LINE; }
long tc_input_lineno(const tc_input *in) { return in->lineno; }
int tc_input_line_had_nl(const tc_input *in) { return in->had_nl; }

static tc_status end_status(tc_input *in)
{
    if (in->end_st != TC_EOF && !in->end_reported) {
        in->end_reported = 1;
        return in->end_st;
    }
    return TC_EOF;
}

tc_status tc_input_peek(tc_input *in, size_t want, const char **p, size_t *n)
{
    while (in->end - in->beg < want && !in->eof) fill(in);
    *p = in->buf ? in->buf + in->beg : "";
    *n = in->end - in->beg;
    return TC_OK;
}

tc_status tc_input_read(tc_input *in, void *dst, size_t cap, size_t *got)
{
    *got = 0;
    if (in->beg == in->end) {
        in->beg = in->end = 0;
        in->scan = 0;
        if (!fill(in)) return end_status(in);
    }
    size_t n = in->end - in->beg;
    if (n > cap) n = cap;
    memcpy(dst, in->buf + in->beg, n);
    in->beg += n;
    in->scan = 0;
    *got = n;
    return TC_OK;
}

/* Drop NUL bytes from p[0..n) in place; returns the new length. */
static size_t drop_nuls(tc_input *in, char *p, size_t n)
{
    char *z = memchr(p, 0, n);
    if (!z) return n;
    char *w = z;
    for (char *r = z; r < p + n; r++) {
        if (*r) *w++ = *r;
        else in->counts.nul_bytes++;
    }
    return (size_t)(w - p);
}

tc_status tc_input_line(tc_input *in, const char **line, size_t *len)
{
    int cutting = 0; /* the line is over-long: kept part is in in->line */
    for (;;) {
        char *start = in->buf ? in->buf + in->beg : NULL;
        size_t avail = in->end - in->beg;
        char *nl = avail > in->scan ? memchr(start + in->scan, '\n', avail - in->scan) : NULL;
        if (nl || (in->eof && (avail > 0 || cutting))) {
            size_t n = nl ? (size_t)(nl - start) : avail;
            in->beg += n + (nl ? 1 : 0);
            in->scan = 0;
            in->lineno++;
            in->had_nl = nl != NULL;
            if (cutting) {
                tc_diag_emit(in->diag, TC_LOG_WARN, in->name, in->lineno,
                             "line longer than %zu bytes: cut there", in->max_line);
                in->counts.long_lines++;
                in->line.len = drop_nuls(in, in->line.data, in->line.len);
                in->line.data[in->line.len] = 0;
                *line = in->line.data;
                *len = in->line.len;
                return TC_OK;
            }
            n = drop_nuls(in, start, n);
            if (n > in->max_line) {
                n = tc_utf8_clip(start, in->max_line);
                tc_diag_emit(in->diag, TC_LOG_WARN, in->name, in->lineno,
                             "line longer than %zu bytes: cut there", in->max_line);
                in->counts.long_lines++;
            }
            *line = start;
            *len = n;
            return TC_OK;
        }
        in->scan = avail;
        if (!cutting && avail > in->max_line) {
            size_t keep = tc_utf8_clip(start, in->max_line);
            tc_buf_clear(&in->line);
            if (tc_buf_append(&in->line, start, keep) != TC_OK) return TC_ENOMEM;
            cutting = 1;
        }
        if (cutting) {
            in->beg = in->end; /* discard the rest as it comes */
            in->scan = 0;
        }
        if (in->eof) return end_status(in);
        fill(in);
    }
}
