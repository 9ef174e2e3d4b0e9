/* ingest.c - event JSONL -> tc_store_add_event. */
#include "store/ingest.h"

#include <string.h>

#include "core/mem.h"

tc_status tc_store_ingest_input(tc_store *st, tc_input *in, tc_diag *diag, tc_ingest_stats *stats)
{
    tc_buf scratch = TC_BUF_INIT;
    tc_status out = TC_OK;
    int bad_run = 0;
    unsigned long good = 0;
    for (;;) {
        const char *line;
        size_t len;
        tc_status rs = tc_input_line(in, &line, &len);
        if (rs == TC_EOF) break;
        if (rs != TC_OK) {
            out = rs;
            break;
        }
        while (len && (line[len - 1] == '\r' || line[len - 1] == ' ' || line[len - 1] == '\t'))
            len--;
        size_t i = 0;
        while (i < len && (line[i] == ' ' || line[i] == '\t')) i++;
        if (i == len) continue;
        if (stats) stats->lines++;
        size_t need = 2 * (len - i) + 64;
        if (scratch.cap < need && tc_buf_reserve(&scratch, need) != TC_OK) {
            out = TC_ENOMEM;
            break;
        }
        tc_store_event ev;
        const char *why = NULL;
        rs = tc_store_parse_line(line + i, len - i, scratch.data, scratch.cap, &ev, &why);
        if (rs != TC_OK) {
            if (++bad_run >= 3 && good == 0) {
                tc_diag_emit(diag, TC_LOG_ERROR, tc_input_name(in), 0,
                             "not event JSONL (the first lines are not events); skipped. Raw "
                             "text goes through `tacitus code --db FILE` instead");
                if (stats) stats->bad_lines++;
                out = TC_EFORMAT;
                break;
            }
            tc_diag_emit(diag, TC_LOG_WARN, tc_input_name(in), tc_input_lineno(in),
                         "event skipped: %s", why);
            if (stats) stats->bad_lines++;
            continue;
        }
        bad_run = 0;
        good++;
        tc_store_set_origin(st, tc_input_name(in), tc_input_lineno(in));
        rs = tc_store_add_event(st, &ev);
        if (rs == TC_EINVAL) {
            if (stats) stats->bad_lines++;
            continue;
        }
        if (rs != TC_OK) {
            out = rs;
            break;
        }
    }
    tc_store_set_origin(st, NULL, 0);
    tc_buf_free(&scratch);
    return out;
}
