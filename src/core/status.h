/* status.h - one status enum for the whole library, and the diagnostics callback.
 *
 * Every library function that can fail returns a tc_status (0 = TC_OK) and
 * writes results through OUT pointers.  The library never prints or exits:
 * warnings and errors that a user should see go through a tc_diag callback
 * supplied by the caller (the CLI prints them; tests collect them). */
#ifndef TC_STATUS_H
#define TC_STATUS_H

#include <stdarg.h>
#include <stddef.h>

typedef enum tc_status {
    TC_OK = 0,
    TC_EOF,        /* no more items (not an error) */
    TC_ENOMEM,     /* allocation failed */
    TC_EIO,        /* read/write failure, unreadable path */
    TC_EPARSE,     /* malformed input (a record, a line, a file) */
    TC_EFORMAT,    /* unknown or unsupported format */
    TC_EINVAL,     /* bad argument from the caller */
    TC_EVERSION,   /* file of another version (models, caches) */
    TC_ETRUNC,     /* truncated input (gzip, model file) */
    TC_ELIMIT,     /* a size limit was exceeded */
    TC_ENOTFOUND,  /* lookup failed */
    TC_EDB,        /* database error */
    TC_STATUS_MAX
} tc_status;

/* Short English description of a status; never NULL. */
const char *tc_status_str(tc_status st);

typedef enum tc_level { TC_LOG_DEBUG, TC_LOG_INFO, TC_LOG_WARN, TC_LOG_ERROR } tc_level;

/* Diagnostic sink.  file may be NULL, line 0 when unknown. */
typedef void (*tc_diag_fn)(void *ud, tc_level level, const char *file, long line, const char *msg);

typedef struct tc_diag {
    tc_diag_fn fn; /* NULL: diagnostics are dropped */
    void *ud;
    unsigned long nwarn, nerror; /* counted by tc_diag_emit */
} tc_diag;

/* Format a message and hand it to diag->fn.  diag may be NULL. */
void tc_diag_emit(tc_diag *diag, tc_level level, const char *file, long line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;
void tc_diag_vemit(tc_diag *diag, tc_level level, const char *file, long line, const char *fmt,
                   va_list ap);

#endif
