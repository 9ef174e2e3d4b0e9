/* warc.c - streaming WARC reader over zlib (see warc.h). */
#include "warc.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include <libdeflate.h>
#include <zlib.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "../clean/html.h"
#include "../core/mem.h"

#define IN_CHUNK (1024u * 1024u)
#define MIN_FILL (256u * 1024u)
#define MAX_HEADER (256u * 1024u)
/* largest member output tried with libdeflate (bigger ones stream through zlib) */
#define FAST_MAX ((size_t)16 << 20)

typedef struct member_mark {
    uint64_t dec; /* decompressed offset where the member starts */
    uint64_t comp; /* its offset in the input */
} member_mark;

struct tc_warc {
    char *name;
    tc_warc_read_fn fn;
    void *ud;
    FILE *own;
    const unsigned char *mem;
    size_t mem_len;
    tc_warc_opts opts;
    tc_diag *diag;
    tc_warc_stats *ext;
    tc_warc_stats st;

    /* raw input */
    unsigned char *in;
    size_t in_pos, in_len;
    uint64_t in_off; /* input offset of in[0] */
    int in_eof;

    /* gzip */
    int gz;         /* -1 undecided, 0 plain, 1 gzip */
    z_stream zs;
    int zinit, zopen;
    uint64_t member_comp; /* offset of the open member */
    struct libdeflate_decompressor *ld; /* whole-member fast path (NULL: not yet made) */
    int ld_fail; /* the fast path could not be set up: zlib only */

    /* decompressed WARC bytes */
    char *buf;
    size_t pos, len, cap;
    uint64_t buf_off; /* decompressed offset of buf[0] */
    int eof;          /* no more decompressed bytes will come */
    int dead;         /* input broken beyond recovery */
    int trunc_seen;
    int old_seen;     /* an unsupported-version record was reported */

    member_mark *marks;
    size_t nmarks, marks_cap;

    /* current record */
    tc_buf hdr;   /* copies of the header values, NUL separated */
    tc_buf body;  /* decoded payload */
    tc_buf tmp;
};

/* an input counts as truncated once, however many layers notice */
static void note_trunc(tc_warc *w)
{
    if (w->trunc_seen) return;
    w->trunc_seen = 1;
    w->st.truncated++;
}

/* ---------- byte source ---------- */

static long src_read(tc_warc *w, void *dst, size_t n)
{
    long r;
    if (w->own) {
        size_t k = fread(dst, 1, n, w->own);
        r = (k == 0 && ferror(w->own)) ? -1 : (long)k;
    } else r = w->fn(w->ud, dst, n);
    if (r > 0) w->st.in_bytes += (unsigned long long)r;
    return r;
}

/* Refill the raw input buffer (keeps unread bytes). Returns bytes added. */
static size_t in_fill(tc_warc *w)
{
    if (w->in_eof) return 0;
    if (w->mem) {
        /* memory input is read in place, all at once (never written to) */
        w->in = (unsigned char *)(uintptr_t)w->mem;
        w->in_len = w->mem_len;
        w->in_eof = 1;
        w->st.in_bytes += w->mem_len;
        return w->mem_len;
    }
    if (w->in_pos > 0) {
        memmove(w->in, w->in + w->in_pos, w->in_len - w->in_pos);
        w->in_off += w->in_pos;
        w->in_len -= w->in_pos;
        w->in_pos = 0;
    }
    if (w->in_len == IN_CHUNK) return 0;
    long r = src_read(w, w->in + w->in_len, IN_CHUNK - w->in_len);
    if (r < 0) {
        tc_diag_emit(w->diag, TC_LOG_ERROR, w->name, 0, "read error: %s", strerror(errno));
        w->in_eof = 1;
        w->dead = 1;
        return 0;
    }
    if (r == 0) {
        w->in_eof = 1;
        return 0;
    }
    w->in_len += (size_t)r;
    return (size_t)r;
}

static uint64_t comp_offset_of(const tc_warc *w, uint64_t dec)
{
    if (w->gz != 1) return dec;
    uint64_t best = 0;
    for (size_t i = 0; i < w->nmarks; i++) {
        if (w->marks[i].dec <= dec) best = w->marks[i].comp;
        else break;
    }
    return best;
}

static tc_status add_mark(tc_warc *w, uint64_t dec, uint64_t comp)
{
    /* drop marks that lie wholly before the buffer start (keep the last one) */
    size_t drop = 0;
    while (drop + 1 < w->nmarks && w->marks[drop + 1].dec <= w->buf_off + w->pos) drop++;
    if (drop) {
        memmove(w->marks, w->marks + drop, (w->nmarks - drop) * sizeof *w->marks);
        w->nmarks -= drop;
    }
    if (w->nmarks == w->marks_cap) {
        size_t nc = w->marks_cap ? w->marks_cap * 2 : 64;
        member_mark *m = tc_reallocarray(w->marks, nc, sizeof *m);
        if (!m) return TC_ENOMEM;
        w->marks = m;
        w->marks_cap = nc;
    }
    w->marks[w->nmarks].dec = dec;
    w->marks[w->nmarks].comp = comp;
    w->nmarks++;
    return TC_OK;
}

/* Make room for at least `want` more bytes after len. */
static tc_status buf_room(tc_warc *w, size_t want)
{
    /* compact when short of room, past the middle, or when little is left
     * (new data then lands at the start again, still in cache) */
    if (w->pos > 0 && (w->cap - w->len < want || w->pos > w->cap / 2 || w->len - w->pos <= 4096)) {
        memmove(w->buf, w->buf + w->pos, w->len - w->pos);
        w->buf_off += w->pos;
        w->len -= w->pos;
        w->pos = 0;
    }
    if (w->cap - w->len >= want) return TC_OK;
    size_t nc = w->cap ? w->cap : MIN_FILL * 4;
    while (nc - w->len < want) nc *= 2;
    char *nb = tc_realloc(w->buf, nc + 1);
    if (!nb) return TC_ENOMEM;
    w->buf = nb;
    w->cap = nc;
    return TC_OK;
}

/* Size hint for the member starting at p: the ISIZE trailer just before the
 * next member header within the n buffered bytes, or 0 when none is there. */
static size_t isize_hint(const unsigned char *p, size_t n)
{
    const unsigned char *q = n > 18 ? memchr(p + 18, 0x1f, n - 18) : NULL;
    while (q && (size_t)(q - p) + 4 <= n) {
        if (q[1] == 0x8b && q[2] == 8 && q[3] < 0x20)
            return (size_t)q[-4] | (size_t)q[-3] << 8 | (size_t)q[-2] << 16 |
                   (size_t)q[-1] << 24;
        q = memchr(q + 1, 0x1f, n - (size_t)(q + 1 - p));
    }
    return 0;
}

/* Fast path: decompress the whole gzip member at in_pos with libdeflate
 * straight into buf.  Returns >0 bytes made, 0 when the member must stream
 * through zlib instead (too big for the buffers, truncated or corrupt: zlib
 * then reports it as before), <0 on OOM. */
static long fast_member(tc_warc *w)
{
    if (w->ld_fail) return 0;
    if (!w->ld) {
        w->ld = libdeflate_alloc_decompressor();
        if (!w->ld) {
            w->ld_fail = 1;
            return 0;
        }
    }
    /* the member must be wholly buffered: top up when a quarter is left */
    if (!w->in_eof && w->in_len - w->in_pos < IN_CHUNK / 4) in_fill(w);
    size_t maxrec = w->opts.max_record ? w->opts.max_record : (size_t)64 << 20;
    size_t limit = maxrec + MAX_HEADER;
    if (limit > FAST_MAX) limit = FAST_MAX;
    int refilled = 0;
    for (;;) {
        size_t avail = w->in_len - w->in_pos;
        size_t room = w->cap - w->len;
        size_t in_used = 0, out_made = 0;
        enum libdeflate_result r =
            libdeflate_gzip_decompress_ex(w->ld, w->in + w->in_pos, avail, w->buf + w->len, room,
                                          &in_used, &out_made);
        if (r == LIBDEFLATE_SUCCESS) {
            w->in_pos += in_used;
            w->len += out_made;
            w->st.out_bytes += out_made;
            return (long)out_made;
        }
        if (r == LIBDEFLATE_INSUFFICIENT_SPACE) {
            /* grow only when the member's end is in the buffer (its ISIZE is
             * then a hint); a member running past it streams through zlib */
            size_t hint = isize_hint(w->in + w->in_pos, avail);
            if (!hint && !w->in_eof) return 0;
            size_t want = room * 2;
            if (hint > room && hint + 64 > want) want = hint + 64;
            if (want > limit) {
                if (room >= limit) return 0;
                want = limit;
            }
            if (buf_room(w, want) != TC_OK) return -1;
            continue;
        }
        /* bad data: perhaps only cut by the end of the buffer */
        if (!refilled && !w->in_eof && (w->in_pos > 0 || w->in_len < IN_CHUNK)) {
            refilled = 1;
            in_fill(w);
            continue;
        }
        return 0;
    }
}

/* Produce more decompressed bytes. Returns >0 added, 0 at the end, <0 on OOM. */
static long fill(tc_warc *w)
{
    if (w->eof) return 0;
    if (buf_room(w, MIN_FILL) != TC_OK) return -1;
    for (;;) {
        if (w->in_pos == w->in_len && !in_fill(w)) {
            if (w->gz == 1 && w->zopen) {
                note_trunc(w);
                tc_diag_emit(w->diag, TC_LOG_WARN, w->name, 0,
                             "offset %llu: truncated gzip member (input ends inside it)",
                             (unsigned long long)w->member_comp);
            }
            w->eof = 1;
            return 0;
        }
        if (w->gz < 0) {
            if (w->in_len - w->in_pos < 2 && !w->in_eof) {
                in_fill(w);
                continue;
            }
            w->gz = (w->in_len - w->in_pos >= 2 && w->in[w->in_pos] == 0x1f &&
                     w->in[w->in_pos + 1] == 0x8b);
        }
        if (!w->gz) {
            size_t k = w->in_len - w->in_pos;
            if (k > w->cap - w->len) k = w->cap - w->len;
            memcpy(w->buf + w->len, w->in + w->in_pos, k);
            w->in_pos += k;
            w->len += k;
            w->st.out_bytes += k;
            return (long)k;
        }
        if (!w->zopen) {
            /* a new member must start here */
            if (w->in_len - w->in_pos < 3 && !w->in_eof) {
                if (!in_fill(w) && w->in_len - w->in_pos < 3) { /* fall through */ }
                if (w->in_len - w->in_pos < 3 && !w->in_eof) continue;
            }
            const unsigned char *p = w->in + w->in_pos;
            size_t avail = w->in_len - w->in_pos;
            if (avail < 3 || p[0] != 0x1f || p[1] != 0x8b || p[2] != 8) {
                /* trailing zero padding is harmless; anything else is reported */
                size_t z = 0;
                while (z < avail && p[z] == 0) z++;
                if (z < avail) {
                    tc_diag_emit(w->diag, TC_LOG_WARN, w->name, 0,
                                 "offset %llu: data after a gzip member is not gzip; ignored",
                                 (unsigned long long)(w->in_off + w->in_pos));
                    w->st.malformed++;
                }
                w->eof = 1;
                return 0;
            }
            {
                /* header CRCs (FHCRC) are checked by zlib only */
                uint64_t start = w->in_off + w->in_pos;
                long made = (avail < 4 || (p[3] & 2)) ? 0 : fast_member(w);
                if (made < 0) return -1;
                if (made > 0) {
                    if (add_mark(w, w->buf_off + w->len - (size_t)made, start) != TC_OK)
                        return -1;
                    return made;
                }
            }
            if (!w->zinit) {
                memset(&w->zs, 0, sizeof w->zs);
                if (inflateInit2(&w->zs, 16 + MAX_WBITS) != Z_OK) return -1;
                w->zinit = 1;
            } else inflateReset(&w->zs);
            w->zopen = 1;
            w->member_comp = w->in_off + w->in_pos;
            if (add_mark(w, w->buf_off + w->len, w->member_comp) != TC_OK) return -1;
        }
        w->zs.next_in = w->in + w->in_pos;
        w->zs.avail_in = (uInt)(w->in_len - w->in_pos);
        w->zs.next_out = (Bytef *)w->buf + w->len;
        w->zs.avail_out = (uInt)(w->cap - w->len);
        int zr = inflate(&w->zs, Z_NO_FLUSH);
        size_t used = (w->in_len - w->in_pos) - w->zs.avail_in;
        size_t made = (w->cap - w->len) - w->zs.avail_out;
        w->in_pos += used;
        w->len += made;
        w->st.out_bytes += made;
        if (zr == Z_STREAM_END) {
            w->zopen = 0;
        } else if (zr == Z_OK || zr == Z_BUF_ERROR) {
            /* need more input or more room */
        } else if (zr == Z_MEM_ERROR) {
            return -1;
        } else {
            /* corrupt member: report, then look for the next member header */
            tc_diag_emit(w->diag, TC_LOG_WARN, w->name, 0,
                         "offset %llu: corrupt gzip data (%s); skipping to the next member",
                         (unsigned long long)w->member_comp, w->zs.msg ? w->zs.msg : "error");
            w->st.malformed++;
            w->zopen = 0;
            for (;;) {
                const unsigned char *p = w->in + w->in_pos;
                size_t avail = w->in_len - w->in_pos;
                const unsigned char *q = avail >= 3 ? memchr(p + 1, 0x1f, avail - 1) : NULL;
                while (q && (size_t)(q - p) + 3 <= avail && !(q[1] == 0x8b && q[2] == 8))
                    q = memchr(q + 1, 0x1f, avail - (size_t)(q + 1 - p));
                if (q && (size_t)(q - p) + 3 <= avail) {
                    w->in_pos += (size_t)(q - p);
                    break;
                }
                /* keep the last 2 bytes (a header may straddle the refill) */
                if (avail > 2) w->in_pos = w->in_len - 2;
                if (!in_fill(w)) {
                    w->in_pos = w->in_len;
                    break;
                }
            }
            /* force the record parser to resynchronise: insert a line break */
            if (w->len < w->cap) {
                w->buf[w->len++] = '\n';
                made++;
            }
        }
        if (made) return (long)made;
    }
}

/* Ensure at least n bytes are available after pos. Returns 1 if so, 0 if the
 * input ended first, -1 on OOM. */
static int need(tc_warc *w, size_t n)
{
    while (w->len - w->pos < n) {
        if (w->len - w->pos + MIN_FILL < n && buf_room(w, n - (w->len - w->pos)) != TC_OK)
            return -1;
        long r = fill(w);
        if (r < 0) return -1;
        if (r == 0) return 0;
    }
    return 1;
}

/* ---------- helpers ---------- */

static int ci_prefix(const char *s, size_t n, const char *pfx)
{
    size_t k = strlen(pfx);
    if (n < k) return 0;
    for (size_t i = 0; i < k; i++)
        if (tolower((unsigned char)s[i]) != pfx[i]) return 0;
    return 1;
}

static const char *find_crlfcrlf(const char *p, size_t n, size_t *hlen)
{
    /* end of header: "\r\n\r\n" or "\n\n" */
    const char *end = p + n;
    const char *q = p;
    while (q < end) {
        const char *nl = memchr(q, '\n', (size_t)(end - q));
        if (!nl) return NULL;
        const char *nx = nl + 1;
        if (nx < end && *nx == '\n') {
            *hlen = (size_t)(nx + 1 - p);
            return nl;
        }
        if (nx + 1 < end && nx[0] == '\r' && nx[1] == '\n') {
            *hlen = (size_t)(nx + 2 - p);
            return nl;
        }
        q = nx;
    }
    return NULL;
}

/* Move pos to the next "WARC/" at a line start at or after pos+from; returns
 * 0, or -1 if there is none in the rest of the input (then everything is
 * consumed). */
static long resync(tc_warc *w, size_t from)
{
    for (;;) {
        char *p = w->buf + w->pos + from;
        size_t n = w->len - w->pos - from;
        char *q = p;
        while (n >= 5 && (q = memchr(q, 'W', (size_t)(p + n - q))) != NULL) {
            if ((size_t)(p + n - q) < 5) break;
            if (!memcmp(q, "WARC/", 5) && (q == w->buf || q[-1] == '\n')) {
                w->pos = (size_t)(q - w->buf);
                return 0;
            }
            q++;
        }
        /* keep 4 bytes for a straddling "WARC/" */
        size_t keep = n < 5 ? n : 5;
        size_t consumed = w->pos + from + n - keep;
        w->pos = consumed;
        from = 0;
        long r = fill(w);
        if (r <= 0) {
            w->pos = w->len;
            return -1;
        }
        if (w->len - w->pos <= keep && w->eof) {
            w->pos = w->len;
            return -1;
        }
    }
}

/* Discard n bytes of block without keeping them. Returns 1 ok, 0 truncated, -1 OOM. */
static int discard(tc_warc *w, uint64_t n)
{
    while (n > 0) {
        size_t have = w->len - w->pos;
        if (have == 0) {
            long r = fill(w);
            if (r < 0) return -1;
            if (r == 0) return 0;
            continue;
        }
        size_t k = have < n ? have : (size_t)n;
        w->pos += k;
        n -= k;
    }
    return 1;
}

/* header value storage: returns offset into w->hdr or -1 */
static long hdr_put(tc_warc *w, const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == '\t')) s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) n--;
    long off = (long)w->hdr.len;
    if (tc_buf_append(&w->hdr, s, n) != TC_OK || tc_buf_putc(&w->hdr, 0) != TC_OK) return -1;
    return off;
}

typedef struct fields {
    long type, target, date, id, ctype, version;
    long long clen; /* -1 missing, -2 invalid */
} fields;

static int parse_len(const char *s, size_t n, long long *out)
{
    while (n && (*s == ' ' || *s == '\t')) s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) n--;
    if (n == 0 || n > 18) return 0;
    long long v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return 0;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 1;
}

/* Parse WARC header fields (lines after the version line). */
static int parse_fields(tc_warc *w, const char *p, size_t n, fields *f)
{
    const char *end = p + n;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        size_t ln = (size_t)(le - p);
        const char *colon = memchr(p, ':', ln);
        if (colon && p[0] != ' ' && p[0] != '\t') {
            size_t kn = (size_t)(colon - p);
            const char *v = colon + 1;
            size_t vn = (size_t)(le - v);
            long *slot = NULL;
            if (kn == 9 && ci_prefix(p, kn, "warc-type")) slot = &f->type;
            else if (kn == 15 && ci_prefix(p, kn, "warc-target-uri")) slot = &f->target;
            else if (kn == 9 && ci_prefix(p, kn, "warc-date")) slot = &f->date;
            else if (kn == 14 && ci_prefix(p, kn, "warc-record-id")) slot = &f->id;
            else if (kn == 12 && ci_prefix(p, kn, "content-type")) slot = &f->ctype;
            else if (kn == 14 && ci_prefix(p, kn, "content-length")) {
                if (!parse_len(v, vn, &f->clen)) f->clen = -2;
            }
            if (slot) {
                if (slot == &f->target) {
                    while (vn && (*v == ' ' || *v == '\t')) v++, vn--;
                    while (vn && (v[vn - 1] == ' ' || v[vn - 1] == '\r')) vn--;
                    if (vn >= 2 && v[0] == '<' && v[vn - 1] == '>') v++, vn -= 2;
                }
                *slot = hdr_put(w, v, vn);
                if (*slot < 0) return -1;
            }
        }
        p = nl ? nl + 1 : end;
    }
    return 0;
}

/* ---------- HTTP payload decoding ---------- */

static int dechunk(const char *p, size_t n, tc_buf *out)
{
    const char *end = p + n;
    tc_buf_clear(out);
    for (;;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) return 0;
        unsigned long long sz = 0;
        const char *q = p;
        int digits = 0;
        while (q < nl && isxdigit((unsigned char)*q)) {
            int c = tolower((unsigned char)*q);
            sz = sz * 16 + (unsigned)(c <= '9' ? c - '0' : c - 'a' + 10);
            if (sz > n) return 0;
            q++;
            digits++;
        }
        if (!digits) return 0;
        while (q < nl && (*q == ' ' || *q == '\t' || *q == '\r' || *q == ';')) {
            if (*q == ';') { q = nl; break; }
            q++;
        }
        if (q != nl) return 0;
        p = nl + 1;
        if (sz == 0) return 1;
        if ((size_t)(end - p) < sz) return 0;
        if (tc_buf_append(out, p, (size_t)sz) != TC_OK) return -1;
        p += sz;
        if (p < end && *p == '\r') p++;
        if (p < end && *p == '\n') p++;
        if (p >= end) return 1; /* missing last chunk: accept what we have */
    }
}

static int inflate_all(const char *p, size_t n, int wbits, tc_buf *out, size_t limit)
{
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (inflateInit2(&zs, wbits) != Z_OK) return -1;
    tc_buf_clear(out);
    zs.next_in = (Bytef *)(uintptr_t)p;
    zs.avail_in = (uInt)n;
    int ok = 0;
    for (;;) {
        if (tc_buf_reserve(out, 65536) != TC_OK) break;
        zs.next_out = (Bytef *)out->data + out->len;
        zs.avail_out = (uInt)(out->cap - out->len - 1);
        size_t before = zs.avail_out;
        int zr = inflate(&zs, Z_NO_FLUSH);
        out->len += before - zs.avail_out;
        out->data[out->len] = 0;
        if (zr == Z_STREAM_END) {
            ok = 1;
            break;
        }
        if (zr != Z_OK && zr != Z_BUF_ERROR) break;
        if (zr == Z_BUF_ERROR && zs.avail_in == 0) {
            ok = out->len > 0; /* truncated stream: keep what we got */
            break;
        }
        if (out->len > limit) break;
    }
    inflateEnd(&zs);
    return ok;
}

static void header_value(const char *h, size_t n, const char *name, const char **v, size_t *vn)
{
    const char *end = h + n;
    size_t kn = strlen(name);
    *v = NULL;
    *vn = 0;
    while (h < end) {
        const char *nl = memchr(h, '\n', (size_t)(end - h));
        const char *le = nl ? nl : end;
        if ((size_t)(le - h) > kn && h[kn] == ':' && ci_prefix(h, kn, name)) {
            const char *s = h + kn + 1;
            const char *e = le;
            while (s < e && (*s == ' ' || *s == '\t')) s++;
            while (e > s && (e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t')) e--;
            *v = s;
            *vn = (size_t)(e - s);
            return;
        }
        h = nl ? nl + 1 : end;
    }
}

static int has_token(const char *v, size_t vn, const char *tok)
{
    size_t k = strlen(tok);
    for (size_t i = 0; i + k <= vn; i++)
        if (ci_prefix(v + i, vn - i, tok)) return 1;
    return 0;
}

static void charset_param(const char *ct, size_t n, char *out, size_t cap)
{
    out[0] = 0;
    for (size_t i = 0; i + 8 <= n; i++) {
        if (ci_prefix(ct + i, n - i, "charset=")) {
            size_t j = i + 8, k = 0;
            while (j < n && (ct[j] == '"' || ct[j] == '\'' || ct[j] == ' ')) j++;
            while (j < n && k + 1 < cap && ct[j] != ';' && ct[j] != '"' && ct[j] != '\'' &&
                   ct[j] != ' ')
                out[k++] = (char)tolower((unsigned char)ct[j++]);
            out[k] = 0;
            return;
        }
    }
}

static int is_text_type(const char *ct, size_t n)
{
    if (!ct || n == 0) return 1; /* unknown: sniff as text */
    return ci_prefix(ct, n, "text/") || has_token(ct, n, "html") || has_token(ct, n, "xml") ||
           has_token(ct, n, "json");
}

/* Length of a valid UTF-8 sequence at p (1..4), 0 if invalid: the rules of
 * the HTML decoder (no overlongs, surrogates or code points over U+10FFFF). */
static size_t u8_len(const unsigned char *p, size_t n)
{
    int32_t cp;
    size_t k = tc_utf8_decode((const char *)p, n, &cp);
    return cp < 0 ? 0 : k;
}

/* 1 if p[0..n) is valid UTF-8 without NUL bytes (the text the HTML decoder
 * would copy unchanged); *first gets the end of the first multibyte
 * character, 0 when all is ASCII. */
static int utf8_clean(const unsigned char *p, size_t n, size_t *first)
{
    size_t i = 0;
    *first = 0;
    while (i < n) {
#if defined(__SSE2__)
        __m128i z = _mm_setzero_si128();
        if (i + 64 <= n) {
            /* 64 bytes at a time while they are ASCII without NUL */
            __m128i a = _mm_loadu_si128((const void *)(p + i));
            __m128i b = _mm_loadu_si128((const void *)(p + i + 16));
            __m128i c = _mm_loadu_si128((const void *)(p + i + 32));
            __m128i d = _mm_loadu_si128((const void *)(p + i + 48));
            __m128i hi = _mm_or_si128(_mm_or_si128(a, b), _mm_or_si128(c, d));
            __m128i mn = _mm_min_epu8(_mm_min_epu8(a, b), _mm_min_epu8(c, d));
            if (!_mm_movemask_epi8(_mm_or_si128(hi, _mm_cmpeq_epi8(mn, z)))) {
                i += 64;
                continue;
            }
        }
        if (i + 16 <= n) {
            __m128i a = _mm_loadu_si128((const void *)(p + i));
            unsigned bits = (unsigned)_mm_movemask_epi8(_mm_or_si128(a, _mm_cmpeq_epi8(a, z)));
            if (!bits) {
                i += 16;
                continue;
            }
            i += (size_t)__builtin_ctz(bits); /* the first NUL or non-ASCII byte */
        }
#else
        if (i + 8 <= n) {
            const uint64_t hi = 0x8080808080808080ULL, lo = 0x0101010101010101ULL;
            uint64_t x;
            memcpy(&x, p + i, 8);
            if (!((x | ((x - lo) & ~x)) & hi)) {
                i += 8;
                continue;
            }
        }
#endif
        unsigned ch = p[i];
        if (ch == 0) return 0;
        if (ch < 0x80) {
            i++;
            continue;
        }
        size_t k = u8_len(p + i, n - i);
        if (!k) return 0;
        i += k;
        if (!*first) *first = i;
    }
    return 1;
}

/* The payload ends where the block ends (in_block: inside the decompressed
 * buffer, followed by the record trailer, whose first byte becomes the NUL;
 * else at the end of w->body, already NUL-terminated). */
static int set_payload(tc_warc *w, tc_warc_record *rec, char *blk_end, int in_block,
                       const char *payload, size_t plen)
{
    if (in_block) *blk_end = 0;
    else if (tc_buf_append(&w->body, "", 0) != TC_OK) return -1;
    rec->payload = payload;
    rec->payload_len = plen;
    return 1;
}

/* Decode one record block into w->body; sets rec fields. Returns 1 ok, 0 skip
 * (reported), -1 OOM. */
static int decode_block(tc_warc *w, char *blk, size_t n, const fields *f,
                        tc_warc_record *rec, uint64_t off)
{
    const char *wct = f->ctype >= 0 ? w->hdr.data + f->ctype : NULL;
    const char *payload = blk;
    size_t plen = n;
    const char *ct = wct;
    size_t ctn = wct ? strlen(wct) : 0;
    int is_resp = !strcmp(w->hdr.data + f->type, "response");
    int http = is_resp && (!wct || has_token(wct, strlen(wct), "application/http") ||
                           (n >= 5 && !memcmp(blk, "HTTP/", 5)));
    rec->http_status = 0;
    char cs[64] = "";
    const char *te = NULL, *ce = NULL;
    size_t ten = 0, cen = 0;
    if (http && n >= 5 && !memcmp(blk, "HTTP/", 5)) {
        size_t hl = 0;
        const char *he = find_crlfcrlf(blk, n, &hl);
        if (!he) {
            /* headers only, no payload */
            hl = n;
        }
        const char *sp = memchr(blk, ' ', hl);
        if (sp && (size_t)(sp - blk) + 4 <= hl && isdigit((unsigned char)sp[1]) &&
            isdigit((unsigned char)sp[2]) && isdigit((unsigned char)sp[3]))
            rec->http_status = (sp[1] - '0') * 100 + (sp[2] - '0') * 10 + (sp[3] - '0');
        const char *v;
        size_t vn;
        header_value(blk, hl, "content-type", &v, &vn);
        if (v) {
            long o = hdr_put(w, v, vn);
            if (o < 0) return -1;
            ct = NULL; /* resolved after hdr growth */
            ctn = (size_t)o;
        } else {
            ct = NULL;
            ctn = (size_t)-1;
        }
        header_value(blk, hl, "transfer-encoding", &te, &ten);
        header_value(blk, hl, "content-encoding", &ce, &cen);
        payload = blk + hl;
        plen = n - hl;
        rec->content_type = ctn != (size_t)-1 ? w->hdr.data + ctn : NULL;
    } else {
        rec->content_type = ct;
    }
    if (rec->content_type) ctn = strlen(rec->content_type);
    else ctn = 0;
    /* the payload is read in place while it is not decoded into w->body */
    int in_block = 1;
    if (w->opts.raw) {
        rec->charset = NULL;
        return set_payload(w, rec, blk + n, 1, blk, n);
    }
    if (te && has_token(te, ten, "chunked")) {
        int r = dechunk(payload, plen, &w->tmp);
        if (r < 0) return -1;
        if (r == 0) {
            tc_diag_emit(w->diag, TC_LOG_WARN, w->name, 0,
                         "offset %llu: bad chunked transfer encoding; payload kept as is",
                         (unsigned long long)off);
            w->st.decode_errors++;
        } else {
            /* swap into body as the new payload source */
            tc_buf t = w->body;
            w->body = w->tmp;
            w->tmp = t;
            payload = w->body.data ? w->body.data : "";
            plen = w->body.len;
            in_block = 0;
        }
    }
    if (ce && (has_token(ce, cen, "gzip") || has_token(ce, cen, "deflate"))) {
        size_t limit = w->opts.max_record ? w->opts.max_record : (size_t)64 << 20;
        int r = inflate_all(payload, plen, 32 + MAX_WBITS, &w->tmp, limit);
        if (r == 0 && has_token(ce, cen, "deflate"))
            r = inflate_all(payload, plen, -MAX_WBITS, &w->tmp, limit);
        if (r < 0) return -1;
        if (r == 0) {
            tc_diag_emit(w->diag, TC_LOG_WARN, w->name, 0,
                         "offset %llu: cannot decode Content-Encoding; record skipped",
                         (unsigned long long)off);
            w->st.decode_errors++;
            return 0;
        }
        tc_buf t = w->body;
        w->body = w->tmp;
        w->tmp = t;
        payload = w->body.data;
        plen = w->body.len;
        in_block = 0;
    }
    if (is_text_type(rec->content_type, ctn)) {
        if (rec->content_type) charset_param(rec->content_type, ctn, cs, sizeof cs);
        static __thread char used[64];
        size_t first;
        if (utf8_clean((const unsigned char *)payload, plen, &first)) {
            /* Valid UTF-8 without NUL: tc_html_decode would copy it unchanged
             * (less a UTF-8 BOM) when it decides on UTF-8, or on windows-1252
             * for pure ASCII.  Its decision depends on the BOM, the hint, the
             * <meta> tags in the first 8 KiB and, the text being valid, on
             * whether any multibyte character occurs (which turns a declared
             * single-byte Latin charset into UTF-8).  So the first 8 KiB
             * decide, unless the first multibyte character comes later and
             * they did not decide on UTF-8: then the prefix up to it does. */
            size_t pn = plen < 8192 ? plen : 8192;
            while (pn < plen && ((unsigned char)payload[pn] & 0xC0) == 0x80) pn--;
            tc_html_sniff_charset(payload, pn, cs[0] ? cs : NULL, used, sizeof used);
            if (first > pn && strcmp(used, "utf-8"))
                tc_html_sniff_charset(payload, first, cs[0] ? cs : NULL, used, sizeof used);
            int u8 = !strcmp(used, "utf-8");
            if (u8 || (!first && !strcmp(used, "windows-1252"))) {
                if (u8 && plen >= 3 && !memcmp(payload, "\xEF\xBB\xBF", 3)) payload += 3, plen -= 3;
                rec->charset = used;
                return set_payload(w, rec, blk + n, in_block, payload, plen);
            }
        }
        tc_buf_clear(&w->tmp);
        tc_status st = tc_html_decode(payload, plen, cs[0] ? cs : NULL, &w->tmp, used,
                                      sizeof used, NULL);
        if (st == TC_ENOMEM) return -1;
        tc_buf t = w->body;
        w->body = w->tmp;
        w->tmp = t;
        rec->charset = used;
    } else {
        rec->charset = NULL;
        return set_payload(w, rec, blk + n, in_block, payload, plen);
    }
    if (tc_buf_append(&w->body, "", 0) != TC_OK) return -1;
    rec->payload = w->body.data;
    rec->payload_len = w->body.len;
    return 1;
}

/* ---------- records ---------- */

static void bump(tc_warc *w, const char *type)
{
    if (!strcmp(type, "warcinfo")) w->st.warcinfo++;
    else if (!strcmp(type, "request")) w->st.request++;
    else if (!strcmp(type, "metadata")) w->st.metadata++;
    else if (!strcmp(type, "revisit")) w->st.revisit++;
    else w->st.other++;
}

static void flush_stats(tc_warc *w)
{
    if (!w->ext) return;
    tc_warc_stats *e = w->ext;
    e->records += w->st.records;
    e->yielded += w->st.yielded;
    e->warcinfo += w->st.warcinfo;
    e->request += w->st.request;
    e->metadata += w->st.metadata;
    e->revisit += w->st.revisit;
    e->other += w->st.other;
    e->malformed += w->st.malformed;
    e->too_large += w->st.too_large;
    e->truncated += w->st.truncated;
    e->decode_errors += w->st.decode_errors;
    e->in_bytes += w->st.in_bytes;
    e->out_bytes += w->st.out_bytes;
    memset(&w->st, 0, sizeof w->st);
}

static tc_status next_record(tc_warc *w, tc_warc_record *rec)
{
    size_t maxrec = w->opts.max_record ? w->opts.max_record : (size_t)64 << 20;
    for (;;) {
        if (w->dead) return TC_EIO;
        /* skip blank lines between records */
        for (;;) {
            int r = need(w, 1);
            if (r < 0) return TC_ENOMEM;
            if (r == 0) return TC_EOF;
            char c = w->buf[w->pos];
            if (c == '\r' || c == '\n' || c == ' ' || c == '\t' || c == 0) w->pos++;
            else break;
        }
        uint64_t dec_start = w->buf_off + w->pos;
        uint64_t off = comp_offset_of(w, dec_start);
        /* header */
        size_t hl = 0;
        const char *he = NULL;
        size_t scanned = 0;
        for (;;) {
            size_t have = w->len - w->pos;
            size_t from = scanned > 3 ? scanned - 3 : 0;
            he = find_crlfcrlf(w->buf + w->pos + from, have - from, &hl);
            if (he) {
                hl += from;
                break;
            }
            scanned = have;
            if (have > MAX_HEADER) break;
            int r = need(w, have + 1);
            if (r < 0) return TC_ENOMEM;
            if (r == 0) break;
        }
        const char *h = w->buf + w->pos;
        size_t have = w->len - w->pos;
        if (have < 5 || memcmp(h, "WARC/", 5) != 0) {
            tc_diag_emit(w->diag, TC_LOG_WARN, w->name, 0,
                         "offset %llu: no WARC/ version line; skipping to the next record",
                         (unsigned long long)off);
            w->st.malformed++;
            if (resync(w, 1) < 0) return TC_EOF;
            continue;
        }
        if (!he) {
            if (have > MAX_HEADER) {
                tc_diag_emit(w->diag, TC_LOG_WARN, w->name, 0,
                             "offset %llu: WARC header too long; skipping", (unsigned long long)off);
                w->st.malformed++;
                if (resync(w, 1) < 0) return TC_EOF;
                continue;
            }
            tc_diag_emit(w->diag, TC_LOG_WARN, w->name, 0,
                         "offset %llu: truncated WARC header (input ends)", (unsigned long long)off);
            note_trunc(w);
            w->pos = w->len;
            return TC_EOF;
        }
        /* a second "WARC/" line inside the header means the previous header was cut */
        const char *first_nl = memchr(h, '\n', hl);
        size_t vlen = (size_t)(first_nl - h);
        tc_buf_clear(&w->hdr);
        fields f = {-1, -1, -1, -1, -1, -1, -1};
        f.version = hdr_put(w, h, vlen);
        if (f.version < 0 || parse_fields(w, first_nl + 1, hl - vlen - 1, &f) < 0)
            return TC_ENOMEM;
        const char *ver = w->hdr.data + f.version;
        int v_ok = !strcmp(ver, "WARC/1.0") || !strcmp(ver, "WARC/1.1");
        if (f.clen < 0 || f.type < 0 || !v_ok) {
            if (!v_ok) {
                /* a whole file of an old version: warn once, the rest at debug level */
                tc_diag_emit(w->diag, w->old_seen ? TC_LOG_DEBUG : TC_LOG_WARN, w->name, 0,
                             "offset %llu: unsupported version \"%.20s\"; record skipped%s",
                             (unsigned long long)off, ver,
                             w->old_seen ? "" : " (further ones reported at debug level)");
                w->old_seen = 1;
            }
            else
                tc_diag_emit(w->diag, TC_LOG_WARN, w->name, 0,
                             "offset %llu: %s; record skipped", (unsigned long long)off,
                             f.clen == -1   ? "missing Content-Length"
                             : f.clen == -2 ? "bad Content-Length"
                                            : "missing WARC-Type");
            w->st.malformed++;
            if (f.clen >= 0 && !v_ok) {
                /* old version with a usable length: skip the block exactly */
                w->pos += hl;
                int r = discard(w, (uint64_t)f.clen);
                if (r < 0) return TC_ENOMEM;
                if (r == 0) {
                    tc_diag_emit(w->diag, TC_LOG_WARN, w->name, 0,
                                 "offset %llu: truncated record (input ends)",
                                 (unsigned long long)off);
                    note_trunc(w);
                    return TC_EOF;
                }
                continue;
            }
            if (resync(w, 1) < 0) return TC_EOF;
            continue;
        }
        const char *type = w->hdr.data + f.type;
        uint64_t clen = (uint64_t)f.clen;
        int wanted = !strcmp(type, "response") || !strcmp(type, "resource");
        if (!wanted || clen > maxrec) {
            if (wanted) {
                tc_diag_emit(w->diag, TC_LOG_WARN, w->name, 0,
                             "offset %llu: record of %llu bytes exceeds the limit (%zu); skipped",
                             (unsigned long long)off, (unsigned long long)clen, maxrec);
                w->st.too_large++;
            } else {
                bump(w, type);
            }
            w->pos += hl;
            int r = discard(w, clen);
            if (r < 0) return TC_ENOMEM;
            if (r == 0) {
                tc_diag_emit(w->diag, TC_LOG_WARN, w->name, 0,
                             "offset %llu: truncated record (input ends)", (unsigned long long)off);
                note_trunc(w);
                return TC_EOF;
            }
            if (wanted) continue;
            w->st.records++;
            continue;
        }
        /* keep the block: need header + block + trailer */
        int r = need(w, hl + (size_t)clen + 4);
        if (r < 0) return TC_ENOMEM;
        h = w->buf + w->pos;
        have = w->len - w->pos;
        if (r == 0 && have < hl + clen) {
            tc_diag_emit(w->diag, TC_LOG_WARN, w->name, 0,
                         "offset %llu: truncated record (input ends inside its block)",
                         (unsigned long long)off);
            note_trunc(w);
            /* a later record may still be complete if Content-Length was wrong */
            if (resync(w, hl) < 0) return TC_EOF;
            continue;
        }
        const char *t = h + hl + clen;
        size_t tail = have - hl - (size_t)clen;
        int trailer_ok = (tail >= 4 && !memcmp(t, "\r\n\r\n", 4)) ||
                         (tail >= 2 && !memcmp(t, "\n\n", 2)) ||
                         (tail == 0 && w->eof) || (tail == 2 && !memcmp(t, "\r\n", 2) && w->eof);
        if (!trailer_ok) {
            /* tolerate a few stray line-break bytes before the next record or
             * the end (writers that count the payload one byte short) */
            size_t k = 0;
            while (k < tail && k < 16 && (t[k] == '\r' || t[k] == '\n')) k++;
            if (k > 0 && ((k + 5 <= tail && !memcmp(t + k, "WARC/", 5)) || (k == tail && w->eof)))
                trailer_ok = 1;
        }
        if (!trailer_ok) {
            tc_diag_emit(w->diag, TC_LOG_WARN, w->name, 0,
                         "offset %llu: Content-Length %llu does not end at a record boundary; "
                         "record skipped",
                         (unsigned long long)off, (unsigned long long)clen);
            w->st.malformed++;
            if (resync(w, hl) < 0) return TC_EOF;
            continue;
        }
        w->st.records++;
        memset(rec, 0, sizeof *rec);
        rec->offset = off;
        int d = decode_block(w, w->buf + w->pos + hl, (size_t)clen, &f, rec, off);
        if (d < 0) return TC_ENOMEM;
        w->pos += hl + (size_t)clen;
        if (d == 0) continue;
        rec->type = w->hdr.data + f.type;
        rec->version = w->hdr.data + f.version;
        rec->target_uri = f.target >= 0 ? w->hdr.data + f.target : NULL;
        rec->date = f.date >= 0 ? w->hdr.data + f.date : NULL;
        rec->record_id = f.id >= 0 ? w->hdr.data + f.id : NULL;
        w->st.yielded++;
        return TC_OK;
    }
}

tc_status tc_warc_next(tc_warc *w, tc_warc_record *rec)
{
    memset(rec, 0, sizeof *rec);
    tc_status st = next_record(w, rec);
    flush_stats(w);
    return st;
}

/* ---------- open / close ---------- */

static tc_status open_common(tc_warc **out, const char *name, const tc_warc_opts *opts,
                             tc_diag *diag, tc_warc_stats *stats, int mem)
{
    *out = NULL;
    tc_warc *w = tc_calloc(1, sizeof *w);
    if (!w) return TC_ENOMEM;
    w->name = tc_strdup(name ? name : "warc");
    if (!mem) w->in = tc_malloc(IN_CHUNK);
    if (!w->name || (!mem && !w->in)) {
        tc_free(w->name);
        tc_free(w->in);
        tc_free(w);
        return TC_ENOMEM;
    }
    if (opts) w->opts = *opts;
    w->diag = diag;
    w->ext = stats;
    w->gz = -1;
    *out = w;
    return TC_OK;
}

tc_status tc_warc_open(tc_warc **out, const char *name, tc_warc_read_fn fn, void *ud,
                       const tc_warc_opts *opts, tc_diag *diag, tc_warc_stats *stats)
{
    if (!fn) return TC_EINVAL;
    tc_status st = open_common(out, name, opts, diag, stats, 0);
    if (st) return st;
    (*out)->fn = fn;
    (*out)->ud = ud;
    return TC_OK;
}

tc_status tc_warc_open_mem(tc_warc **out, const char *name, const void *data, size_t len,
                           const tc_warc_opts *opts, tc_diag *diag, tc_warc_stats *stats)
{
    tc_status st = open_common(out, name, opts, diag, stats, 1);
    if (st) return st;
    (*out)->mem = data ? data : (const void *)"";
    (*out)->mem_len = data ? len : 0;
    return TC_OK;
}

tc_status tc_warc_open_path(tc_warc **out, const char *path, const tc_warc_opts *opts,
                            tc_diag *diag, tc_warc_stats *stats)
{
    *out = NULL;
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!f) {
        tc_diag_emit(diag, TC_LOG_ERROR, path, 0, "cannot open: %s", strerror(errno));
        return TC_EIO;
    }
    tc_status st = open_common(out, path, opts, diag, stats, 0);
    if (st) {
        if (f != stdin) fclose(f);
        return st;
    }
    (*out)->own = f;
    return TC_OK;
}

void tc_warc_close(tc_warc **wp)
{
    if (!wp || !*wp) return;
    tc_warc *w = *wp;
    flush_stats(w);
    if (w->own && w->own != stdin) fclose(w->own);
    if (w->zinit) inflateEnd(&w->zs);
    if (w->ld) libdeflate_free_decompressor(w->ld);
    tc_free(w->name);
    if (!w->mem) tc_free(w->in);
    tc_free(w->buf);
    tc_free(w->marks);
    tc_buf_free(&w->hdr);
    tc_buf_free(&w->body);
    tc_buf_free(&w->tmp);
    tc_free(w);
    *wp = NULL;
}

int tc_warc_sniff(const void *data, size_t len)
{
    const unsigned char *p = data;
    if (len >= 5 && !memcmp(p, "WARC/", 5)) return 1;
    if (len < 18 || p[0] != 0x1f || p[1] != 0x8b) return 0;
    unsigned char out[16];
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) return 0;
    zs.next_in = (Bytef *)(uintptr_t)p;
    zs.avail_in = (uInt)(len > 65536 ? 65536 : len);
    zs.next_out = out;
    zs.avail_out = sizeof out;
    inflate(&zs, Z_NO_FLUSH);
    size_t got = sizeof out - zs.avail_out;
    inflateEnd(&zs);
    return got >= 5 && !memcmp(out, "WARC/", 5);
}
