/* tacitus.h - the public API of libtacitus.
 *
 * One include for library users.  Modules (each with its own contract header):
 *   core/status.h  status codes and the diagnostics callback
 *   core/mem.h     allocator wrapper, arenas, buffers
 *   core/doc.h     the document model (metadata, text, sentences, tokens)
 *   io/reader.h    document readers (text, JSONL, PETRARCH XML, TABARI, ...)
 * The library never prints or exits; every function returns a tc_status and
 * reports problems through a tc_diag callback. */
#ifndef TACITUS_H
#define TACITUS_H

#include "core/status.h"
#include "core/mem.h"
#include "core/doc.h"
#include "io/reader.h"

#endif
