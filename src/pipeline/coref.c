/* coref.c - story-level resolution of roles ("the president", "his counterpart"). */
#include "coref.h"

#include <string.h>
#include <strings.h>

typedef struct mention {
    uint32_t start;    /* byte offset in doc->text */
    uint32_t end;      /* end of the actor phrase */
    uint32_t sent;     /* sentence index */
    const char *code;  /* actor code with a role (>= 6 chars) */
} mention;

static int is_content(const tc_token *t)
{
    return t->upos && (!strcmp(t->upos, "PROPN") || !strcmp(t->upos, "NOUN") ||
                       !strcmp(t->upos, "ADJ"));
}

/* The mentions of people and organisations with a role (code longer than a country). */

static int is_title(const tc_token *t)
{
    static const char *const titles[] = {"Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Lord", "Lady", "Gen",
                                         "Prof", "Professor", NULL};
    for (int k = 0; titles[k] && t->form; k++)
        if (!strcmp(t->form, titles[k])) return 1;
    return 0;
}

/* the last word of text[a, b): [*w, *w + *n) */
static void last_word(const char *text, uint32_t a, uint32_t b, const char **w, size_t *n)
{
    uint32_t e = b;
    while (e > a && !((text[e - 1] | 0x20) >= 'a' && (text[e - 1] | 0x20) <= 'z')) e--;
    uint32_t st = e;
    while (st > a && (((text[st - 1] | 0x20) >= 'a' && (text[st - 1] | 0x20) <= 'z') || text[st - 1] == '-' ||
                      (unsigned char)text[st - 1] >= 0x80))
        st--;
    *w = text + st;
    *n = e - st;
}

/* "Mr Brown" after "Gordon Brown", or "Mr Brown" said he ...: the code of the latest mention
 * before text[a, b) whose name ends with the same word, or NULL */
static const char *find_name(const tc_doc *doc, const mention *m, uint32_t n, uint32_t a, uint32_t b)
{
    if (!doc->text || b <= a || b > doc->text_len) return NULL;
    const char *w;
    size_t wn;
    last_word(doc->text, a, b, &w, &wn);
    if (wn < 3) return NULL;
    for (uint32_t i = n; i-- > 0;) {
        if (m[i].start >= a || m[i].end > doc->text_len) continue;
        const char *x;
        size_t xn;
        last_word(doc->text, m[i].start, m[i].end, &x, &xn);
        if (xn == wn && !strncasecmp(x, w, wn)) return m[i].code;
    }
    return NULL;
}

static int collect(const tc_dict *d, tc_doc *doc, int32_t date, mention **out, uint32_t *n)
{
    uint32_t cap = 64, k = 0;
    mention *m = tc_arena_alloc(&doc->arena, cap * sizeof *m);
    if (!m) return -1;
    int32_t ids[512];
    for (uint32_t si = 0; si < doc->nsent; si++) {
        const tc_sentence *s = &doc->sent[si];
        uint32_t nt = s->ntok < 512 ? s->ntok : 512;
        for (uint32_t i = 0; i < nt; i++)
            ids[i] = s->tok[i].form ? tc_dict_word(d, s->tok[i].form, strlen(s->tok[i].form)) : 0;
        for (uint32_t i = 0; i < nt;) {
            uint32_t idx, len;
            const char *code = NULL;
            if (is_title(&s->tok[i]) && i + 1 < nt && s->tok[i + 1].upos && !strcmp(s->tok[i + 1].upos, "PROPN") &&
                !(ids[i + 1] && tc_dict_match_actor(d, ids + i + 1, nt - i - 1, &idx))) {
                /* "Mr Brown", a name the dictionaries lack: the person named so before */
                len = 1;
                while (i + len < nt && s->tok[i + len].upos && !strcmp(s->tok[i + len].upos, "PROPN")) len++;
                code = find_name(doc, m, k, s->tok[i].start, s->tok[i + len - 1].end);
                if (!code) {
                    i += len;
                    continue;
                }
            } else if (!is_content(&s->tok[i]) || !ids[i] ||
                       !(len = tc_dict_match_actor(d, ids + i, nt - i, &idx))) {
                i++;
                continue;
            }
            if (!code) code = tc_dict_actor_code(d, &d->actors[idx], date);
            if (code && strlen(code) >= 6 && strncmp(code, "---", 3)) {
                if (k == cap) {
                    mention *nm = tc_arena_alloc(&doc->arena, cap * 2 * sizeof *nm);
                    if (!nm) return -1;
                    memcpy(nm, m, cap * sizeof *m);
                    m = nm;
                    cap *= 2;
                }
                m[k].start = s->tok[i].start;
                m[k].end = s->tok[i + len - 1].end;
                m[k].sent = si;
                m[k].code = code;
                k++;
            }
            i += len;
        }
    }
    *out = m;
    *n = k;
    return 0;
}

static int has_word(const char *text, const char *w)
{
    if (!text) return 0;
    size_t n = strlen(w);
    for (const char *p = text; *p; p++)
        if (!strncasecmp(p, w, n)) return 1;
    return 0;
}

static int fits(const mention *m, const char *role, const char *other, int avoid)
{
    /* "---PER" (he, she) takes any person or organisation with a role */
    if (strcmp(role, "PER") && strncmp(m->code + 3, role, strlen(role))) return 0;
    if (avoid && other && strlen(other) >= 3 && !strncmp(m->code, other, 3)) return 0;
    return 1;
}

/* 1 + the offset of the latest sentence before byte `before` whose subject is a person
 * the dictionaries do not know ("Mr Kilroy-Silk said ...", "Jane Dorrit told ..."), 0 if
 * none: a later he/she most likely means that person, not someone named before. */
static uint32_t unknown_subject_before(const tc_dict *d, const tc_doc *doc, uint32_t before, const mention *m,
                                       uint32_t nm)
{
    uint32_t found = 0;
    int32_t ids[4];
    for (uint32_t si = 0; si < doc->nsent; si++) {
        const tc_sentence *s = &doc->sent[si];
        uint32_t i = 0;
        while (i < s->ntok && s->tok[i].upos && !strcmp(s->tok[i].upos, "PUNCT")) i++;
        if (i + 2 >= s->ntok || s->tok[i].start >= before) continue;
        const tc_token *a = &s->tok[i], *b = &s->tok[i + 1], *c = &s->tok[i + 2];
        int title = is_title(a);
        int known_alias = 0;
        for (uint32_t k = 0; k < nm && !known_alias; k++) known_alias = m[k].start == a->start;
        if (known_alias) continue;
        int propn_b = b->upos && !strcmp(b->upos, "PROPN");
        int name = (title && propn_b) ||
                   (a->upos && !strcmp(a->upos, "PROPN") && propn_b && c->upos &&
                    (!strcmp(c->upos, "VERB") || !strcmp(c->upos, "AUX")));
        if (!name) continue;
        uint32_t first = title ? i + 1 : i, n = 0;
        for (uint32_t k = first; k < s->ntok && n < 4 && s->tok[k].upos && !strcmp(s->tok[k].upos, "PROPN"); k++)
            ids[n++] = s->tok[k].form ? tc_dict_word(d, s->tok[k].form, strlen(s->tok[k].form)) : 0;
        uint32_t idx, known = 0;
        for (uint32_t k = 0; k < n && !known; k++)
            known = ids[k] && tc_dict_match_actor(d, ids + k, n - k, &idx) > 0;
        if (!known) found = a->start + 1;
    }
    return found;
}

/* The antecedent of a role placeholder "---ROLE" at byte `before`: among the
 * mentions with that role (and, for "counterpart", of another country than
 * `other`), the most recent sentence that has one, and in it the first such
 * mention (subjects come first in English news sentences). */
static const char *find(const mention *m, uint32_t n, uint32_t before, const char *role,
                        const char *other, int avoid)
{
    for (uint32_t i = n; i-- > 0;) {
        if (m[i].start >= before || !fits(&m[i], role, other, avoid)) continue;
        uint32_t j = i;
        while (j > 0 && m[j - 1].sent == m[i].sent) {
            j--;
        }
        for (; j <= i; j++)
            if (fits(&m[j], role, other, avoid)) return m[j].code;
    }
    return NULL;
}

/* The role phrase of side (0 source, 1 target) of e starts with a definite determiner or a
 * possessive and its last word is singular. */
static int definite_singular(const tc_doc *doc, const tc_event *e, int side)
{
    if (e->sent >= doc->nsent) return 0;
    const tc_sentence *s = &doc->sent[e->sent];
    uint32_t a = side ? e->target_start : e->source_start, b = side ? e->target_end : e->source_end;
    if (b <= a) return 0;
    const tc_token *first = NULL, *last = NULL;
    for (uint32_t i = 0; i < s->ntok; i++) {
        const tc_token *t = &s->tok[i];
        if (t->start < a || t->end > b) continue;
        if (!first) first = t;
        last = t;
    }
    if (!first || !first->form || !last) return 0;
    if (last->xpos && (!strcmp(last->xpos, "NNS") || !strcmp(last->xpos, "NNPS"))) return 0;
    static const char *const det[] = {"the", "his", "her", "its", "this", "that", NULL};
    for (int i = 0; det[i]; i++)
        if (!strcasecmp(first->form, det[i])) return 1;
    return 0;
}

tc_status tc_coref_doc(const tc_dict *d, tc_doc *doc, int32_t date, tc_event *events,
                       uint32_t nevents, unsigned *resolved)
{
    int need = 0;
    for (uint32_t i = 0; i < nevents; i++)
        if ((events[i].source && !strncmp(events[i].source, "---", 3) && events[i].source[3]) ||
            (events[i].target && !strncmp(events[i].target, "---", 3) && events[i].target[3]))
            need = 1;
    if (!need) return TC_OK;
    mention *m = NULL;
    uint32_t nm = 0;
    if (collect(d, doc, date, &m, &nm)) return TC_ENOMEM;
    for (uint32_t i = 0; i < nevents; i++) {
        tc_event *e = &events[i];
        for (int side = 0; side < 2; side++) {
            const char **code = side ? &e->target : &e->source;
            const char *text = side ? e->target_text : e->source_text;
            const char *other = side ? e->source : e->target;
            uint32_t at = side ? e->target_start : e->source_start;
            if (!*code || strncmp(*code, "---", 3) || !(*code)[3]) continue;
            /* only a definite singular role is one earlier person ("the president", "his
             * counterpart", he); "military officers", "troops", "their forces" are not */
            if (strcmp(*code + 3, "PER") && !definite_singular(doc, e, side)) continue;
            if (!strcmp(*code + 3, "PER") && text && strcasecmp(text, "he") && strcasecmp(text, "she") &&
                strcasecmp(text, "him") && strcasecmp(text, "her")) {
                /* a name the dictionaries do not know: only the same name earlier counts */
                uint32_t a = side ? e->target_start : e->source_start, b = side ? e->target_end : e->source_end;
                const char *c = find_name(doc, m, nm, a, b);
                if (c && !(other && !strcmp(c, other))) {
                    *code = c;
                    if (resolved) (*resolved)++;
                }
                continue;
            }
            int counterpart = has_word(text, "counterpart");
            uint32_t before = at ? at : e->verb_start;
            if (!strcmp(*code + 3, "PER")) {
                /* he/she after a person the dictionaries lack: that person, no actor */
                uint32_t floor = unknown_subject_before(d, doc, before, m, nm);
                uint32_t k = 0;
                while (floor && k < nm && m[k].start < floor - 1) k++;
                const char *c = find(m + k, nm - k, before, *code + 3, other, counterpart);
                if (c && other && !strcmp(c, other)) continue;
                if (c) {
                    *code = c;
                    if (resolved) (*resolved)++;
                }
                continue;
            }
            const char *c = find(m, nm, before, *code + 3, other, counterpart);
            if (c && other && !strcmp(c, other)) continue; /* would make a self-dyad */
            if (c) {
                *code = c;
                if (resolved) (*resolved)++;
            }
        }
    }
    return TC_OK;
}
