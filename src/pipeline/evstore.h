/* evstore.h - handing coded events to the event store (tacitus code --db). */
#ifndef TC_EVSTORE_H
#define TC_EVSTORE_H

#include "core/doc.h"
#include "pipeline/pipeline.h"
#include "store/store.h"

/* Add every event of res to st.  Events without a date cannot be stored (the
 * store keys events on their date): they are counted in *undated and skipped.
 * Returns the first store error (TC_EDB) or TC_OK. Not thread-safe: one caller
 * at a time per store. */
tc_status tc_pipe_store_doc(tc_store *st, const tc_doc *doc, const tc_pipe_result *res,
                            unsigned long *stored, unsigned long *undated);

#endif
