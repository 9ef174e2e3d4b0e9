/* pipeline.c - raw news to events. */
#include "pipeline.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "clean/scrape.h"
#include "nlp/conllu.h"
#include "nlp/lemma.h"
#include "nlp/parser.h"
#include "nlp/split.h"
#include "nlp/tagger.h"
#include "nlp/timex.h"
#include "pipeline/coref.h"

struct tc_pipe_ws {
    tc_splitter *sp;
    tc_parser_ws *pws;
    int32_t *ids;        /* word ids of a sentence (relevance filter) */
    uint32_t cap_ids;
    uint8_t *skip;       /* per sentence: 1 = cannot hold an event, not parsed or coded */
    uint32_t cap_skip;
};

void tc_pipe_opts_default(tc_pipe_opts *o)
{
    memset(o, 0, sizeof *o);
    o->clean = 1;
    tc_code_opts_default(&o->code);
    o->code.news = 1;
}

tc_status tc_pipe_ws_new(tc_pipe_ws **out)
{
    *out = NULL;
    tc_pipe_ws *ws = tc_calloc(1, sizeof *ws);
    if (!ws) return TC_ENOMEM;
    if (tc_split_new(&ws->sp, NULL) != TC_OK || !(ws->pws = tc_parser_ws_new())) {
        tc_pipe_ws_free(&ws);
        return TC_ENOMEM;
    }
    *out = ws;
    return TC_OK;
}

void tc_pipe_ws_free(tc_pipe_ws **wsp)
{
    if (!wsp || !*wsp) return;
    tc_split_free(&(*wsp)->sp);
    tc_parser_ws_free(&(*wsp)->pws);
    tc_free((*wsp)->ids);
    tc_free((*wsp)->skip);
    tc_free(*wsp);
    *wsp = NULL;
}

static void ymd_str(tc_ymd d, char out[11])
{
    if (d.year <= 0) {
        out[0] = 0;
        return;
    }
    unsigned y = (unsigned)d.year % 10000u, m = (unsigned)d.month % 100u, dd = (unsigned)d.day % 100u;
    snprintf(out, 11, "%04u-%02u-%02u", y, m, dd);
}

/* The document date and where it came from. */
static tc_ymd doc_date(const tc_pipe *p, const tc_doc *doc, const char **source)
{
    tc_ymd d = tc_timex_ymd(doc->date);
    if (d.year) {
        *source = "metadata";
        return d;
    }
    d = tc_timex_ymd(tc_doc_meta_get(doc, "dateline_date"));
    if (d.year) {
        *source = "dateline";
        return d;
    }
    d = tc_timex_ymd(p->opts.default_date);
    if (d.year) {
        *source = "default";
        return d;
    }
    d = tc_timex_first_date(doc->text, doc->text_len);
    *source = d.year ? "text" : "";
    return d;
}

static int sentences_parsed(const tc_doc *doc)
{
    if (!doc->nsent) return 0;
    for (uint32_t i = 0; i < doc->nsent; i++)
        for (uint32_t k = 0; k < doc->sent[i].ntok; k++)
            if (doc->sent[i].tok[k].head < 0 || !doc->sent[i].tok[k].deprel) return 0;
    return 1;
}

static const char *f_or(const tc_token *t) { return t->form ? t->form : ""; }

static int grow_u32(void **p, uint32_t *cap, uint32_t need, size_t size)
{
    if (need <= *cap) return 0;
    uint32_t n = *cap ? *cap : 64;
    while (n < need) n *= 2;
    void *q = tc_reallocarray(*p, n, size);
    if (!q) return -1;
    *p = q;
    *cap = n;
    return 0;
}

/* Can this tagged sentence hold an event?  It needs a dictionary verb and two
 * participants (actor or agent phrases, or he/she/they), or holds a discard phrase
 * (story-level discards must still be seen).  Sentences that cannot are neither
 * parsed nor coded: the parser is most of the cost of coding raw news. */
static int relevant(const tc_dict *d, const tc_sentence *s, int32_t *ids)
{
    uint32_t n = s->ntok;
    int mentions = 0, verbs = 0;
    for (uint32_t i = 0; i < n; i++) {
        const char *f = s->tok[i].form ? s->tok[i].form : "";
        ids[i] = tc_dict_word(d, f, strlen(f));
    }
    for (uint32_t i = 0; i < n; i++) {
        const tc_token *t = &s->tok[i];
        uint32_t idx, len;
        if (ids[i] && tc_dict_match_discard(d, ids + i, n - i, &idx)) return 1;
        if (t->upos && (!strcmp(t->upos, "VERB") || !strcmp(t->upos, "AUX"))) {
            int32_t w = t->lemma ? tc_dict_word(d, t->lemma, strlen(t->lemma)) : 0;
            if ((w && tc_dict_verb_first(d, w)) || (ids[i] && tc_dict_verb_first(d, ids[i])))
                verbs++;
        }
        if (!ids[i]) continue;
        if ((len = tc_dict_match_actor(d, ids + i, n - i, &idx)) > 0 ||
            (len = tc_dict_match_agent(d, ids + i, n - i, &idx)) > 0) {
            mentions++;
            i += len - 1;
            continue;
        }
        if (t->upos && !strcmp(t->upos, "PRON") &&
            (!strcasecmp(f_or(t), "he") || !strcasecmp(f_or(t), "she") ||
             !strcasecmp(f_or(t), "they") || !strcasecmp(f_or(t), "it")))
            mentions++;
    }
    return verbs > 0 && mentions >= 2;
}

/* A CoNLL-U parse given with the document (PETRARCH/UniversalPetrarch XML) becomes
 * its sentences: parsed into a scratch document whose arena is then adopted. */
static tc_status adopt_given_parse(tc_doc *doc, tc_diag *diag)
{
    tc_doc *tmp = NULL;
    tc_status st = tc_conllu_parse(doc->parse, strlen(doc->parse), doc->id, &tmp, diag);
    if (st != TC_OK) return st;
    tc_arena_adopt(&doc->arena, &tmp->arena);
    doc->sent = tmp->sent;
    doc->nsent = tmp->nsent;
    doc->sent_cap = tmp->sent_cap;
    /* offsets now refer to the text rebuilt from the tokens */
    doc->text = tmp->text;
    doc->text_len = tmp->text_len;
    for (uint32_t i = 0; i < doc->nsent; i++)
        if (!doc->sent[i].id) doc->sent[i].id = doc->id;
    tc_doc_free(&tmp);
    return TC_OK;
}

tc_status tc_pipe_doc(const tc_pipe *p, tc_pipe_ws *ws, tc_doc *doc, tc_pipe_result *res,
                      tc_diag *diag)
{
    memset(res, 0, sizeof *res);
    tc_status st = TC_OK;
    if (p->opts.given_parse && !doc->nsent && doc->parse && doc->parse_kind == TC_PARSE_CONLLU &&
        (st = adopt_given_parse(doc, diag)) != TC_OK)
        return st;
    /* CoNLL-U input carries its own parse */
    int given = (p->opts.given_parse || (doc->format && !strcmp(doc->format, "conllu"))) &&
                sentences_parsed(doc);
    if (!given) {
        if (!p->tagger || !p->parser) {
            tc_diag_emit(diag, TC_LOG_ERROR, doc->path, doc->line,
                         "document %s: no tagger/parser model loaded", doc->id ? doc->id : "?");
            return TC_EINVAL;
        }
        if (p->opts.clean && (st = tc_clean_doc(doc, NULL, NULL)) != TC_OK) return st;
        if ((st = tc_split_doc(ws->sp, doc)) != TC_OK) return st;
        if ((st = tc_tagger_tag_doc(p->tagger, doc)) != TC_OK) return st;
        if (p->lemma && (st = tc_lemma_doc(p->lemma, p->tagger, doc)) != TC_OK) return st;
        if (grow_u32((void **)&ws->skip, &ws->cap_skip, doc->nsent + 1, 1)) return TC_ENOMEM;
        for (uint32_t i = 0; i < doc->nsent; i++) {
            tc_sentence *s = &doc->sent[i];
            if (grow_u32((void **)&ws->ids, &ws->cap_ids, s->ntok + 1, sizeof *ws->ids))
                return TC_ENOMEM;
            ws->skip[i] = !p->opts.parse_all && !relevant(p->dict, s, ws->ids);
            if (!ws->skip[i] && (st = tc_parser_parse(p->parser, ws->pws, s)) != TC_OK) return st;
        }
    }
    res->nsent = doc->nsent;

    const char *src = "";
    tc_ymd dd = doc_date(p, doc, &src);
    ymd_str(dd, res->doc_date);
    res->doc_date_source = src;
    int32_t date_num = dd.year ? dd.year * 10000 + dd.month * 100 + dd.day : 0;

    tc_code_info info;
    memset(&info, 0, sizeof info);
    /* sentences that cannot hold an event are hidden from the coder (ntok 0) */
    uint32_t *saved = NULL;
    if (!given && doc->nsent && !p->opts.parse_all) {
        saved = tc_arena_alloc(&doc->arena, doc->nsent * sizeof *saved);
        if (!saved) return TC_ENOMEM;
        for (uint32_t i = 0; i < doc->nsent; i++) {
            saved[i] = doc->sent[i].ntok;
            if (ws->skip[i]) doc->sent[i].ntok = 0;
        }
    }
    st = tc_code_doc(p->dict, &p->opts.code, doc, date_num, &info);
    if (saved)
        for (uint32_t i = 0; i < doc->nsent; i++) doc->sent[i].ntok = saved[i];
    if (st != TC_OK) return st;
    res->discarded = info.discard == TC_CODE_STORY_DISCARD;

    if (doc->nevents &&
        (st = tc_coref_doc(p->dict, doc, date_num, doc->events, doc->nevents, NULL)) != TC_OK)
        return st;
    const tc_event *evs = doc->events;
    if (!doc->nevents) return TC_OK;
    res->events = tc_arena_calloc(&doc->arena, doc->nevents, sizeof *res->events);
    if (!res->events) return TC_ENOMEM;

    /* per sentence temporal expressions, computed lazily */
    uint32_t cur_sent = UINT32_MAX;
    tc_timex tx[16];
    int ntx = 0;
    for (uint32_t i = 0; i < doc->nevents; i++) {
        const tc_event *e = &evs[i];
        /* a role without a country ("the government" -> ---GOV) is not a dyad a user can use */
        if (!p->opts.keep_unresolved && p->opts.code.require_dyad &&
            ((e->source && !strncmp(e->source, "---", 3)) ||
             (e->target && !strncmp(e->target, "---", 3))))
            continue;
        if (e->source && e->target && !strcmp(e->source, e->target)) continue;
        /* "the chancellor denied ... the UK", "people coming to Britain": a country acting on
         * one of its own parts, or the reverse, is a place reading, not a dyad */
        if (!p->opts.keep_unresolved && e->source && e->target &&
            (strlen(e->source) == 3 || strlen(e->target) == 3) &&
            !strncmp(e->source, e->target, 3))
            continue;
        tc_pipe_event *pe = &res->events[res->nevents++];
        pe->ev = e;
        memcpy(pe->date, res->doc_date, sizeof pe->date);
        if (e->sent >= doc->nsent) continue;
        const tc_sentence *s = &doc->sent[e->sent];
        if (e->sent != cur_sent) {
            cur_sent = e->sent;
            ntx = tc_timex_find(s, dd, tx, 16);
        }
        /* an announced act is dated by the statement ("said on Wednesday he will meet
         * Lavrov on Friday": Wednesday), else by the document */
        uint32_t dv = e->verb_tok;
        if (e->future) dv = e->said_tok >= 0 ? (uint32_t)e->said_tok : UINT32_MAX;
        int k = dv == UINT32_MAX ? -1 : tc_timex_for_verb(s, tx, ntx, dv);
        if (k >= 0) {
            tc_ymd t = {tx[k].year, tx[k].month, tx[k].day};
            ymd_str(t, pe->date);
            pe->date_from_text = 1;
        }
        /* news mode: a story tells its main event more than once (headline, lead, summary):
         * the same named people or bodies, code and date again in a later sentence are the
         * same event (countries, which act many times a day, are not merged) */
        if (p->opts.code.news && e->source_entry && e->target_entry && strlen(e->source) > 3 &&
            strlen(e->target) > 3)
            for (uint32_t j = 0; j + 1 < res->nevents; j++) {
                const tc_pipe_event *q = &res->events[j];
                if (q->ev->sent != e->sent && q->ev->source_entry && q->ev->target_entry &&
                    !strcmp(q->ev->source_entry, e->source_entry) &&
                    !strcmp(q->ev->target_entry, e->target_entry) && !strcmp(q->ev->source, e->source) &&
                    !strcmp(q->ev->target, e->target) && !strcmp(q->ev->code, e->code) &&
                    !strcmp(q->date, pe->date)) {
                    res->nevents--;
                    break;
                }
            }
    }
    return TC_OK;
}
