/* evstore.c - coded events into the SQLite store. */
#include "evstore.h"

#include <string.h>

static const char *actor(const char *c) { return (!c || !strcmp(c, "---")) ? "" : c; }

tc_status tc_pipe_store_doc(tc_store *st, const tc_doc *doc, const tc_pipe_result *res,
                            unsigned long *stored, unsigned long *undated)
{
    tc_store_set_origin(st, doc->path, doc->line);
    for (uint32_t i = 0; i < res->nevents; i++) {
        const tc_pipe_event *pe = &res->events[i];
        const tc_event *e = pe->ev;
        if (!pe->date[0]) {
            if (undated) (*undated)++;
            continue;
        }
        tc_store_event ev;
        tc_store_event_init(&ev);
        ev.doc = doc->id;
        ev.sent = (int)e->sent;
        ev.date = pe->date;
        ev.source = actor(e->source);
        ev.target = actor(e->target);
        ev.code = e->code;
        ev.source_text = e->source_text;
        ev.target_text = e->target_text;
        ev.verb = e->verb;
        ev.sentence = e->sent < doc->nsent ? doc->sent[e->sent].text : NULL;
        ev.pattern = e->pattern;
        if (e->source_end) {
            ev.src_start = (int32_t)e->source_start;
            ev.src_end = (int32_t)e->source_end;
        }
        if (e->target_end) {
            ev.tgt_start = (int32_t)e->target_start;
            ev.tgt_end = (int32_t)e->target_end;
        }
        if (e->verb_end) {
            ev.verb_start = (int32_t)e->verb_start;
            ev.verb_end = (int32_t)e->verb_end;
        }
        ev.url = doc->url;
        ev.outlet = doc->source;
        ev.pubdate = doc->datetime ? doc->datetime : doc->date;
        ev.title = doc->title;
        tc_status s = tc_store_add_event(st, &ev);
        if (s == TC_EDB) return s;
        if (s == TC_OK && stored) (*stored)++;
    }
    return TC_OK;
}
