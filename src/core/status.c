/* status.c - status strings and the diagnostics callback. */
#include "status.h"

#include <stdio.h>

const char *tc_status_str(tc_status st)
{
    switch (st) {
    case TC_OK: return "ok";
    case TC_EOF: return "end of input";
    case TC_ENOMEM: return "out of memory";
    case TC_EIO: return "input/output error";
    case TC_EPARSE: return "malformed input";
    case TC_EFORMAT: return "unknown or unsupported format";
    case TC_EINVAL: return "invalid argument";
    case TC_EVERSION: return "wrong file version";
    case TC_ETRUNC: return "truncated input";
    case TC_ELIMIT: return "size limit exceeded";
    case TC_ENOTFOUND: return "not found";
    case TC_EDB: return "database error";
    case TC_STATUS_MAX: break;
    }
    return "unknown status";
}

void tc_diag_vemit(tc_diag *diag, tc_level level, const char *file, long line, const char *fmt,
                   va_list ap)
{
    if (!diag) return;
    if (level == TC_LOG_WARN) diag->nwarn++;
    if (level == TC_LOG_ERROR) diag->nerror++;
    if (!diag->fn) return;
    char buf[1024];
    vsnprintf(buf, sizeof buf, fmt, ap);
    diag->fn(diag->ud, level, file, line, buf);
}

void tc_diag_emit(tc_diag *diag, tc_level level, const char *file, long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    tc_diag_vemit(diag, level, file, line, fmt, ap);
    va_end(ap);
}
