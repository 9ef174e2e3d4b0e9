/* warc.h - streaming WARC/1.0 and WARC/1.1 reader (plain, whole-file gzip or
 * one gzip member per record).
 *
 * tc_warc_next yields response and resource records; request, metadata,
 * warcinfo, revisit, conversion and unknown types are skipped and counted.
 * For HTTP responses the status line and headers are stripped, chunked
 * transfer encoding and gzip/deflate content encoding are decoded, and text
 * payloads (text/..., xhtml, xml, json) are converted to UTF-8 from the charset
 * of the HTTP header, a BOM or a <meta> tag (tc_html_decode).  Crawler-renamed
 * headers (X-Crawler-Transfer-Encoding...) are left alone: the payload is
 * already decoded.
 *
 * Streaming: memory is bounded by the largest record kept (opts->max_record);
 * larger records are skipped without being buffered and reported.  A gzip
 * member is decompressed whole with libdeflate when it fits the buffers (its
 * compressed bytes in 1 MiB, its output in max_record + 256 KiB and 16 MiB),
 * else streamed through zlib, as are truncated and corrupt members.  Payloads
 * that need no decoding are returned in place (no copy).  Malformed
 * records (no WARC/ line, bad or missing Content-Length, missing record
 * trailer, unsupported version, corrupt gzip member) are reported through diag
 * with their byte offset (in the compressed file: the start of the gzip member
 * holding the record), counted, and skipped: the reader resynchronises at the
 * next "WARC/1." line.  A truncated input is reported and ends the stream.
 *
 * Ownership: the reader owns every string of a record; they stay valid until
 * the next tc_warc_next or tc_warc_close. */
#ifndef TC_WARC_H
#define TC_WARC_H

#include <stddef.h>
#include <stdint.h>

#include "../core/status.h"

typedef struct tc_warc tc_warc;

typedef struct tc_warc_opts {
    size_t max_record; /* largest record block kept (bytes); 0 = 64 MiB */
    int raw;           /* 1: no HTTP decoding and no charset conversion */
} tc_warc_opts;

typedef struct tc_warc_stats {
    unsigned long records;     /* well-formed records seen (any type) */
    unsigned long yielded;     /* response/resource records returned */
    unsigned long warcinfo, request, metadata, revisit, other; /* skipped by type */
    unsigned long malformed;   /* bad records skipped (reported) */
    unsigned long too_large;   /* records over max_record skipped (reported) */
    unsigned long truncated;   /* inputs that ended inside a record or gzip member */
    unsigned long decode_errors; /* payloads whose chunking/encoding could not be decoded */
    unsigned long long in_bytes;  /* bytes read from the input (compressed) */
    unsigned long long out_bytes; /* bytes of WARC data (decompressed) */
} tc_warc_stats;

typedef struct tc_warc_record {
    const char *type;         /* "response" or "resource" */
    const char *version;      /* "WARC/1.0" or "WARC/1.1" */
    const char *target_uri;   /* WARC-Target-URI without <> wrapping, or NULL */
    const char *date;         /* WARC-Date as written, or NULL */
    const char *record_id;    /* WARC-Record-ID, or NULL */
    const char *content_type; /* payload media type: HTTP Content-Type for responses,
                               * WARC Content-Type for resources; NULL if none */
    const char *charset;      /* charset the payload was converted from, NULL if not text */
    int http_status;          /* HTTP status code, 0 when the block is not HTTP */
    const char *payload;      /* payload (UTF-8 when text), NUL-terminated */
    size_t payload_len;
    uint64_t offset;          /* byte offset of the record in the input */
} tc_warc_record;

/* Byte source: read up to n bytes into buf; return the count, 0 at end, -1 on error. */
typedef long (*tc_warc_read_fn)(void *ud, void *buf, size_t n);

/* Open over a byte source (not owned).  name is used in messages.  stats may be
 * NULL; when given the reader adds to it. */
tc_status tc_warc_open(tc_warc **out, const char *name, tc_warc_read_fn fn, void *ud,
                       const tc_warc_opts *opts, tc_diag *diag, tc_warc_stats *stats);
/* Open over memory (not copied; must outlive the reader). */
tc_status tc_warc_open_mem(tc_warc **out, const char *name, const void *data, size_t len,
                           const tc_warc_opts *opts, tc_diag *diag, tc_warc_stats *stats);
/* Open a file ("-" = stdin); the reader closes it. */
tc_status tc_warc_open_path(tc_warc **out, const char *path, const tc_warc_opts *opts,
                            tc_diag *diag, tc_warc_stats *stats);
/* Next response/resource record: TC_OK, TC_EOF at the end (also after a
 * truncation, which was reported), TC_ENOMEM or TC_EIO on a fatal error. */
tc_status tc_warc_next(tc_warc *w, tc_warc_record *rec);
void tc_warc_close(tc_warc **w);

/* 1 if the bytes look like the start of a WARC file (plain or gzip'ed "WARC/"). */
int tc_warc_sniff(const void *data, size_t len);

#endif
