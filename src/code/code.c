/* code.c - CAMEO event coder over UD dependency parses (see code.h). */
#include "code.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum rel {
    R_OTHER = 0, R_ROOT, R_NSUBJ, R_NSUBJPASS, R_CSUBJ, R_OBJ, R_IOBJ, R_OBL, R_NMOD, R_AGENT,
    R_POSS, R_TMOD, R_CASE, R_MARK, R_COMPOUND, R_PRT, R_AMOD, R_DET, R_FLAT, R_APPOS, R_CONJ,
    R_CC, R_XCOMP, R_CCOMP, R_ADVCL, R_ACL, R_AUX, R_AUXPASS, R_COP, R_ADVMOD, R_NEG, R_NUMMOD,
    R_PUNCT, R_PARATAXIS
};

/* short-literal comparisons done inline (no library call per token): a equals b; a
 * starts with b */
static inline int eqs(const char *a, const char *b)
{
    while (*b && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

static inline int pfx(const char *a, const char *b)
{
    for (; *b; a++, b++)
        if (*a != *b) return 0;
    return 1;
}

static int rel_of(const char *r)
{
    if (!r) return R_OTHER;
    switch (r[0]) {
    case 'a':
        if (eqs(r, "amod")) return R_AMOD;
        if (eqs(r, "advmod")) return R_ADVMOD;
        if (eqs(r, "aux")) return R_AUX;
        if (eqs(r, "aux:pass") || eqs(r, "auxpass")) return R_AUXPASS;
        if (pfx(r, "appos")) return R_APPOS;
        if (pfx(r, "advcl")) return R_ADVCL;
        if (pfx(r, "acl")) return R_ACL;
        if (pfx(r, "aux")) return R_AUX;
        return R_OTHER;
    case 'c':
        if (eqs(r, "case")) return R_CASE;
        if (eqs(r, "compound:prt")) return R_PRT;
        if (pfx(r, "compound")) return R_COMPOUND;
        if (pfx(r, "conj")) return R_CONJ;
        if (pfx(r, "cc") && (r[2] == 0 || r[2] == ':')) return R_CC;
        if (pfx(r, "ccomp")) return R_CCOMP;
        if (pfx(r, "csubj")) return R_CSUBJ;
        if (eqs(r, "cop")) return R_COP;
        return R_OTHER;
    case 'd':
        if (eqs(r, "dobj")) return R_OBJ;
        if (pfx(r, "det")) return R_DET;
        return R_OTHER;
    case 'f':
        if (pfx(r, "flat") || eqs(r, "fixed")) return R_FLAT;
        return R_OTHER;
    case 'i':
        if (eqs(r, "iobj")) return R_IOBJ;
        return R_OTHER;
    case 'm':
        if (eqs(r, "mark")) return R_MARK;
        if (eqs(r, "mwe")) return R_FLAT;
        return R_OTHER;
    case 'n':
        if (eqs(r, "nsubj")) return R_NSUBJ;
        if (eqs(r, "nsubj:pass") || eqs(r, "nsubjpass")) return R_NSUBJPASS;
        if (pfx(r, "nsubj")) return R_NSUBJ;
        if (eqs(r, "nmod:poss")) return R_POSS;
        if (eqs(r, "nmod:agent")) return R_AGENT;
        if (eqs(r, "nmod:tmod") || eqs(r, "nmod:npmod")) return R_TMOD;
        if (pfx(r, "nmod")) return R_NMOD;
        if (eqs(r, "name")) return R_FLAT;
        if (eqs(r, "nummod")) return R_NUMMOD;
        if (eqs(r, "neg")) return R_NEG;
        return R_OTHER;
    case 'o':
        if (eqs(r, "obj")) return R_OBJ;
        if (eqs(r, "obl:agent")) return R_AGENT;
        if (eqs(r, "obl:tmod") || eqs(r, "obl:npmod")) return R_TMOD;
        if (pfx(r, "obl")) return R_OBL;
        return R_OTHER;
    case 'p':
        if (eqs(r, "punct")) return R_PUNCT;
        if (eqs(r, "parataxis")) return R_PARATAXIS;
        return R_OTHER;
    case 'r':
        if (eqs(r, "root")) return R_ROOT;
        return R_OTHER;
    case 'x':
        if (eqs(r, "xcomp")) return R_XCOMP;
        return R_OTHER;
    default:
        return R_OTHER;
    }
}

void tc_code_opts_default(tc_code_opts *o)
{
    memset(o, 0, sizeof *o);
    o->require_dyad = 1;
    o->use_pico = 1;
}

/* ------------------------------------------------------------- context */

#define MAXOWN 48
#define MAXLIST 16
#define MAXUNITS 40

typedef struct np {
    const char *code;          /* resolved code or NULL */
    const tc_dict_actor *actor;
    int state;                 /* 0 not done, 1 done, 2 in progress */
    int null_actor;            /* matched a [---] phrase */
    int32_t from;              /* token whose words gave the actor (h itself, a possessor, a PP...) */
    const tc_dict_agent *agent;
    const char *acode;         /* the actor part of code (no agent), or NULL */
    uint32_t start, end;       /* text span */
    int via_with;              /* news mode: an event noun's party ("a call with Macron") */
} np;

typedef struct raw_ev {
    const char *src, *tgt, *code;   /* "" = absent */
    int32_t s_tok, t_tok;           /* NP heads, -1 */
    int32_t verb;
    const char *pat;                /* pattern text or NULL */
    const char *pfile;
    long pline;
    const char *transform;
    int dead;
    int specific;                   /* a pattern changed the verb's own code */
    int future;                     /* news mode: intent/threat code of an announced act */
    int32_t said;                   /* future: the verb stating it, -1 */
} raw_ev;

typedef struct ctx {
    const tc_dict *d;
    const tc_code_opts *o;
    tc_doc *doc;
    tc_sentence *s;
    uint32_t sidx;
    int32_t n;
    int32_t date;
    int32_t *wf, *wl, *head, *fc, *ns;
    uint8_t *rel;
    np *nps;
    int32_t *vblock;            /* block index of a coded verb, -1 */
    int32_t *vsrc_first;        /* per-verb: events range */
    int32_t *lost;              /* lost_subject per verb, -2 = not yet computed */
    raw_ev *ev;
    uint32_t nev, capev;
    tc_code_info *info;
    uint8_t *fw;                /* FW_* per token */
    int32_t **own;              /* cached own-token lists (lazily, -1 = not yet) */
    int32_t *own_n;
    int future;                 /* news mode: the verb being coded is announced, not done */
    int32_t said;               /* ... and the verb that states it, -1 */
    int violent;                /* news mode: the pattern being tried codes an attack (18-20) */
    tc_sentence scopy;          /* repair_tags: the sentence with a private copy of its tokens */
    int copied;                 /* ... made (c->s points at scopy) */
} ctx;

/* function words the coder needs whatever the dictionaries hold */
enum { FW_NONE = 0, FW_NOT, FW_BY, FW_BEHAVEDO, FW_REL, FW_NOUNED /* news: a noun tagged as a verb */ };

static int fw_of(const tc_token *t)
{
    const char *w = t->lemma && strcmp(t->lemma, "_") ? t->lemma : t->form;
    if (!w) return FW_NONE;
    int form_nt = t->form && (t->form[0] | 0x20) == 'n' && !strcasecmp(t->form, "n't");
    switch (w[0] | 0x20) {
    case 'n': case 'b': case 'h': case 'd': case 'w': case 't': break;
    default:
        return form_nt ? FW_NOT : FW_NONE;
    }
    if (form_nt) return FW_NOT;
    /* the words by length: not n't never | by | be have do | who which that */
    int rel = 0;
    switch (strlen(w)) {
    case 2:
        if (!strcasecmp(w, "by")) return FW_BY;
        if (!strcasecmp(w, "be") || !strcasecmp(w, "do")) return FW_BEHAVEDO;
        return FW_NONE;
    case 3:
        if (!strcasecmp(w, "not") || !strcasecmp(w, "n't")) return FW_NOT;
        rel = !strcasecmp(w, "who");
        break;
    case 4:
        if (!strcasecmp(w, "have")) return FW_BEHAVEDO;
        rel = !strcasecmp(w, "that");
        break;
    case 5:
        if (!strcasecmp(w, "never")) return FW_NOT;
        rel = !strcasecmp(w, "which");
        break;
    default:
        return FW_NONE;
    }
    if (rel && t->upos && !strcmp(t->upos, "PRON")) return FW_REL;
    return FW_NONE;
}

/* token k is the infinitive marker "to" of its head */
static int is_mark_to(const ctx *c, int32_t k)
{
    return c->rel[k] == R_MARK && c->s->tok[k].form && !strcasecmp(c->s->tok[k].form, "to");
}

static int isnoun(const tc_token *t)
{
    return t->upos && (eqs(t->upos, "NOUN") || eqs(t->upos, "PROPN") || eqs(t->upos, "PRON") ||
                       eqs(t->upos, "NUM") || eqs(t->upos, "X"));
}

static int ispron(const tc_token *t)
{
    return t->upos && eqs(t->upos, "PRON");
}

static int word_of(const tc_dict *d, const char *s)
{
    return s ? tc_dict_word(d, s, strlen(s)) : 0;
}

/* own tokens of an NP head: head plus compound/amod/det/flat/nummod subtrees, sorted */
static int own_tokens_compute(const ctx *c, int32_t h, int32_t *out);

/* the cached list itself (read-only), computed into buf only when the cache cannot be
 * allocated */
static const int32_t *own_list(const ctx *c, int32_t h, int32_t *buf, int *n)
{
    if (c->own_n[h] < 0) {
        int32_t tmp[MAXOWN];
        int k = own_tokens_compute(c, h, tmp);
        int32_t *dst = tc_arena_alloc(&c->doc->arena, (size_t)k * sizeof(int32_t));
        if (!dst) {
            *n = own_tokens_compute(c, h, buf);
            return buf;
        }
        memcpy(dst, tmp, (size_t)k * sizeof(int32_t));
        c->own[h] = dst;
        c->own_n[h] = k;
    }
    *n = c->own_n[h];
    return c->own[h];
}

static int own_tokens_compute(const ctx *c, int32_t h, int32_t *out)
{
    int32_t stack[MAXOWN];
    int sp = 0, n = 0;
    stack[sp++] = h;
    while (sp > 0 && n < MAXOWN) {
        int32_t t = stack[--sp];
        out[n++] = t;
        for (int32_t k = c->fc[t]; k >= 0; k = c->ns[k]) {
            int r = c->rel[k];
            if ((r == R_COMPOUND || r == R_AMOD || r == R_DET || r == R_FLAT || r == R_NUMMOD || r == R_POSS) && sp < MAXOWN)
                stack[sp++] = k;
        }
    }
    /* insertion sort */
    for (int i = 1; i < n; i++) {
        int32_t v = out[i];
        int j = i - 1;
        while (j >= 0 && out[j] > v) { out[j + 1] = out[j]; j--; }
        out[j + 1] = v;
    }
    return n;
}

static const char *astr(ctx *c, const char *a, const char *b)
{
    size_t la = strlen(a), lb = b ? strlen(b) : 0;
    char *p = tc_arena_alloc(&c->doc->arena, la + lb + 1);
    if (!p) return NULL;
    memcpy(p, a, la);
    if (lb) memcpy(p + la, b, lb);
    p[la + lb] = 0;
    return p;
}

static const char *combine(ctx *c, const char *actor, const tc_dict_agent *ag)
{
    if (!ag) return actor;
    if (!actor) return astr(c, "---", ag->code);
    if (!strcmp(actor, "---")) return astr(c, "---", ag->code);
    if (strlen(actor) >= 3 && strstr(actor + 3, ag->code)) return actor;
    if (ag->prefix) return astr(c, ag->code, actor);
    return astr(c, actor, ag->code);
}

static np *resolve(ctx *c, int32_t h, int depth);
static int expletive_verb(const ctx *c, int32_t v);
static np *antecedent(ctx *c, int32_t t, int *blocked);
static int32_t prep_of(const ctx *c, int32_t t);
static int has_by(const ctx *c, int32_t t);
static const tc_dict_verb *verb_entry(const ctx *c, int32_t v);

/* the lemma (else the form) of token t, lower case compare */
static int lemma_is(const ctx *c, int32_t t, const char *w)
{
    const tc_token *k = &c->s->tok[t];
    const char *x = k->lemma && strcmp(k->lemma, "_") ? k->lemma : k->form;
    return x && !strcasecmp(x, w);
}

static int lemma_in(const ctx *c, int32_t t, const char *const *ws)
{
    for (int i = 0; ws[i]; i++)
        if (lemma_is(c, t, ws[i]) || (c->s->tok[t].form && !strcasecmp(c->s->tok[t].form, ws[i]))) return 1;
    return 0;
}

/* a role defined by its relation to another party: "his counterpart" is not his own side */
static int news_relational(const ctx *c, int32_t h)
{
    static const char *const w[] = {"counterpart", "rival", "opponent", NULL};
    return lemma_in(c, h, w);
}

/* roles that are posted or deployed abroad: a place names where they are, not whom they
 * serve ("the embassy in Kyiv" is another country's, "troops in Belarus" may be Russian) */
static int news_posted(const ctx *c, int32_t h)
{
    static const char *const w[] = {"embassy", "embassies", "consulate", "ambassador", "envoy", "diplomat",
                                     "mission", "delegation", "troops", "troop", "forces", "force", "soldier",
                                     "soldiers", "staff", "personnel", "contingent", "peacekeeper",
                                     "peacekeepers", NULL};
    return lemma_in(c, h, w);
}

/* the modifier k is a place phrase (in, at, near, inside, outside ...) */
static int news_place_prep(const ctx *c, int32_t k)
{
    static const char *const w[] = {"in", "at", "near", "inside", "outside", "across", "along", "around", NULL};
    for (int32_t g = c->fc[k]; g >= 0; g = c->ns[g])
        if (c->rel[g] == R_CASE && lemma_in(c, g, w)) return 1;
    return 0;
}

/* news mode: x is a flat part of a name headed by h ("Mr Macron" parsed with "Mr" as head) */
static int flat_of(const ctx *c, int32_t x, int32_t h)
{
    return c->o->news && c->head[x] == h && c->rel[x] == R_FLAT;
}

/* resolve the own words of h; returns actor code (or NULL), agent (or NULL) */
static void scan_own(ctx *c, int32_t h, const char **acode, const tc_dict_actor **actor,
                     const tc_dict_agent **agent, int *null_actor, uint32_t *start, uint32_t *end,
                     const tc_dict_agent **agents, int *nagents, int *head_covered)
{
    int nag = 0;
    *head_covered = 0;
    int32_t tbuf[MAXOWN], ids[MAXOWN], lids[MAXOWN];
    int n;
    const int32_t *toks = own_list(c, h, tbuf, &n);
    for (int i = 0; i < n; i++) {
        ids[i] = c->wf[toks[i]];
        lids[i] = c->wl[toks[i]];
    }
    *acode = NULL;
    *actor = NULL;
    *agent = NULL;
    *null_actor = 0;
    int first = 0;
    if (c->o->news) {
        /* "on Saturday Russia carried out ...": a day parsed into the name is no part of it */
        static const char *const days[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                                           "Sunday", "today", "yesterday", NULL};
        while (first < n - 1 && lemma_in(c, toks[first], days)) first++;
    }
    *start = c->s->tok[toks[first]].start;
    *end = c->s->tok[toks[n - 1]].end;
    int i = 0;
    while (i < n) {
        uint32_t idx, len;
        /* news mode: a pronoun is never an actor phrase ("us" is not the US) */
        if (c->o->news && ispron(&c->s->tok[toks[i]])) {
            i++;
            continue;
        }
        if (!*actor && !*null_actor && (len = tc_dict_match_actor(c->d, ids + i, (uint32_t)(n - i), &idx)) > 0) {
            int gap = 0;
            if (!c->o->news && i + (int)len + 1 < n && toks[i + (int)len] != h &&
                (c->rel[toks[i + (int)len]] == R_COMPOUND || c->rel[toks[i + (int)len]] == R_AMOD)) {
                /* a phrase interrupted by one modifier ("Ithilen state-run television" for
                 * ITHILEN_TELEVISION): the longer phrase wins */
                int32_t tmp[MAXOWN];
                int m = 0;
                for (int x = i; x < n; x++)
                    if (x != i + (int)len) tmp[m++] = ids[x];
                uint32_t idx2, len2 = tc_dict_match_actor(c->d, tmp, (uint32_t)m, &idx2);
                if (len2 > len) {
                    idx = idx2;
                    len = len2;
                    gap = 1;
                }
            }
            const tc_dict_actor *a = &c->d->actors[idx];
            const char *code = tc_dict_actor_code(c->d, a, c->date);
            if (code && !strcmp(code, "---")) *null_actor = 1;
            else if (code) {
                *actor = a;
                *acode = code;
            }
            for (int x = i; x < i + (int)len + gap; x++) *head_covered |= toks[x] == h || flat_of(c, toks[x], h);
            i += (int)len + gap;
            continue;
        }
        /* "Ukrainian President Volodymyr Zelenskyy": a named person or body later in the
         * phrase (a code with a role) is more specific than a country adjective before it */
        if (*actor && *acode && strlen(*acode) == 3 && c->o->news &&
            (len = tc_dict_match_actor(c->d, ids + i, (uint32_t)(n - i), &idx)) > 0) {
            const tc_dict_actor *a = &c->d->actors[idx];
            const char *code = tc_dict_actor_code(c->d, a, c->date);
            if (code && strlen(code) > 3 && !strncmp(code, *acode, 3)) {
                *actor = a;
                *acode = code;
            }
            for (int x = i; x < i + (int)len; x++) *head_covered |= toks[x] == h;
            i += (int)len;
            continue;
        }
        if (nag < 3) {
            len = tc_dict_match_agent(c->d, ids + i, (uint32_t)(n - i), &idx);
            if (!len) len = tc_dict_match_agent(c->d, lids + i, (uint32_t)(n - i), &idx);
            if (len) {
                agents[nag++] = &c->d->agents[idx];
                if (!*agent) *agent = &c->d->agents[idx];
                for (int x = i; x < i + (int)len; x++) *head_covered |= toks[x] == h;
                i += (int)len;
                continue;
            }
        }
        i++;
    }
    *nagents = nag;
    if (*actor || *null_actor) return;
    /* TABARI: regular plural / possessive endings on dictionary words ("the Rohans") */
    for (int k = 0; k < n && !*actor; k++) {
        const char *f = c->s->tok[toks[k]].form;
        size_t fl = f ? strlen(f) : 0;
        if (fl < 4 || (f[fl - 1] != 's' && f[fl - 1] != 'S')) continue;
        int32_t stem = tc_dict_word(c->d, f, fl - 1);
        if (!stem) continue;
        int32_t tmp[MAXOWN];
        memcpy(tmp, ids, (size_t)n * sizeof(int32_t));
        tmp[k] = stem;
        for (int j = 0; j <= k && !*actor; j++) {
            uint32_t idx, len = tc_dict_match_actor(c->d, tmp + j, (uint32_t)(k - j + 1), &idx);
            if ((int)len != k - j + 1) continue;
            const char *code = tc_dict_actor_code(c->d, &c->d->actors[idx], c->date);
            if (code && strcmp(code, "---")) {
                *actor = &c->d->actors[idx];
                *acode = code;
                for (int x = j; x <= k; x++) *head_covered |= toks[x] == h;
            }
        }
    }
}

/* the text of the phrase headed at h as a new actor ('"THE MINISTRY OF MAGIC"'): its words
 * without punctuation, possessive endings, clauses and further conjuncts; a conjunct inside
 * a modifier takes the noun it modifies ("death and injury toll": "INJURY TOLL").  NULL when
 * longer than opts.new_actor_length words. */
static const char *new_actor(ctx *c, int32_t h)
{
    int32_t sub[64], stack[64];
    int ns = 0, sp = 0;
    stack[sp++] = h;
    while (sp > 0 && ns < 64) {
        int32_t t = stack[--sp];
        const tc_token *tk = &c->s->tok[t];
        int skip = c->rel[t] == R_PUNCT || (tk->upos && !strcmp(tk->upos, "PUNCT")) ||
                   ((c->rel[t] == R_CASE || c->rel[t] == R_MARK) && c->head[t] == h) ||
                   (tk->xpos && !strcmp(tk->xpos, "POS")) || (tk->form && !strcmp(tk->form, "'s"));
        if (!skip) sub[ns++] = t;
        for (int32_t k = c->fc[t]; k >= 0 && sp < 64; k = c->ns[k]) {
            int r = c->rel[k];
            if (r == R_ACL || r == R_PARATAXIS || r == R_ADVCL || r == R_CCOMP || r == R_CONJ || r == R_CC)
                continue;
            stack[sp++] = k;
        }
    }
    int32_t g = c->head[h];
    if (c->rel[h] == R_CONJ && g >= 0 && (c->rel[g] == R_COMPOUND || c->rel[g] == R_AMOD) && c->head[g] >= 0 &&
        ns < 64)
        sub[ns++] = c->head[g];
    if (ns == 0 || ns > c->o->new_actor_length) return NULL;
    for (int i = 1; i < ns; i++) {
        int32_t v = sub[i];
        int j = i - 1;
        while (j >= 0 && sub[j] > v) { sub[j + 1] = sub[j]; j--; }
        sub[j + 1] = v;
    }
    size_t len = 3;
    for (int i = 0; i < ns; i++) len += strlen(c->s->tok[sub[i]].form ? c->s->tok[sub[i]].form : "") + 1;
    char *p = tc_arena_alloc(&c->doc->arena, len);
    if (!p) return NULL;
    size_t o = 0;
    p[o++] = '"';
    for (int i = 0; i < ns; i++) {
        const char *f = c->s->tok[sub[i]].form ? c->s->tok[sub[i]].form : "";
        if (i) p[o++] = ' ';
        for (; *f; f++) p[o++] = (char)toupper((unsigned char)*f);
    }
    p[o++] = '"';
    p[o] = 0;
    return p;
}

static np *resolve(ctx *c, int32_t h, int depth)
{
    np *r = &c->nps[h];
    if (r->state == 1 || r->state == 2 || depth > 6) return r;
    r->state = 2;
    r->from = h;
    const char *acode;
    const tc_dict_actor *actor;
    const tc_dict_agent *agent;
    int null_actor;
    const tc_dict_agent *agents[3];
    int nagents = 0, head_covered = 0;
    scan_own(c, h, &acode, &actor, &agent, &null_actor, &r->start, &r->end, agents, &nagents,
             &head_covered);
    /* news mode: "Russia's demands", "the American proposal", "the prospect of talks"
     * are not actors: a phrase is an actor only when its head word is part of an actor or
     * agent phrase; an event noun may still name its party in a with/between/against
     * phrase ("a meeting with Putin") */
    int news_plain = c->o->news && !head_covered && !ispron(&c->s->tok[h]);
    if (news_plain) {
        acode = NULL;
        actor = NULL;
        agent = NULL;
        nagents = 0;
        null_actor = 0;
        for (int32_t k = c->fc[h]; k >= 0; k = c->ns[k]) {
            if (c->rel[k] != R_NMOD) continue;
            int ok = 0;
            for (int32_t g = c->fc[k]; g >= 0; g = c->ns[g]) {
                const char *f = c->s->tok[g].form;
                if (c->rel[g] == R_CASE && f &&
                    (!strcasecmp(f, "with") || !strcasecmp(f, "between") || !strcasecmp(f, "against")))
                    ok = 1;
            }
            if (!ok) continue;
            np *q = resolve(c, k, depth + 1);
            if (q->code) {
                r->code = q->code;
                r->actor = q->actor;
                r->from = q->from;
                r->via_with = 1;
                break;
            }
        }
        r->state = 1;
        return r;
    }
    if (c->o->new_actor_length > 0 && depth == 0 && c->rel[h] != R_APPOS && !acode && !agent && !null_actor &&
        !ispron(&c->s->tok[h])) {
        /* PETRARCH's new actors: a phrase whose own words name no actor or agent is
         * itself the actor, as its text, when it is short enough (not a possessor or
         * modifier searched for an actor, nor an apposition) */
        const char *na = new_actor(c, h);
        if (na) {
            r->code = na;
            r->state = 1;
            return r;
        }
    }
    if (null_actor && !agent) {
        r->null_actor = 1;
        r->state = 1;
        return r;
    }
    int right_mod = 0;
    for (int32_t k = c->fc[h]; k >= 0 && !right_mod; k = c->ns[k])
        if (k > h && c->rel[k] == R_NMOD) right_mod = 1;
    if ((!acode || !agent) && right_mod) {
        /* a multi-word actor or agent phrase running into the modifiers ("the Prince of
         * Dol Amroth", "Ministry of Silly Walks"); it must contain the head */
        int32_t sub[64], ids[64], stack[64];
        int ns = 0, sp = 0;
        stack[sp++] = h;
        while (sp > 0 && ns < 64) {
            int32_t t = stack[--sp];
            sub[ns++] = t;
            for (int32_t k = c->fc[t]; k >= 0 && sp < 64; k = c->ns[k])
                if (c->rel[k] != R_PUNCT && c->rel[k] != R_ACL && c->rel[k] != R_PARATAXIS) stack[sp++] = k;
        }
        for (int i = 1; i < ns; i++) {
            int32_t v = sub[i];
            int j = i - 1;
            while (j >= 0 && sub[j] > v) { sub[j + 1] = sub[j]; j--; }
            sub[j + 1] = v;
        }
        for (int i = 0; i < ns; i++) ids[i] = c->wf[sub[i]];
        for (int i = 0; i < ns && !agent; i++) {
            uint32_t idx, len = tc_dict_match_agent(c->d, ids + i, (uint32_t)(ns - i), &idx);
            if (len < 2 || sub[i + (int)len - 1] - sub[i] != (int32_t)len - 1) continue;
            if (sub[i] > h || sub[i + (int)len - 1] < h) continue;
            agent = &c->d->agents[idx];
            if (!nagents) agents[nagents++] = agent;
        }
        for (int i = 0; i < ns && !acode; i++) {
            uint32_t idx, len = tc_dict_match_actor(c->d, ids + i, (uint32_t)(ns - i), &idx);
            if (len < 2 || sub[i + (int)len - 1] - sub[i] != (int32_t)len - 1) continue;
            if (sub[i] > h || sub[i + (int)len - 1] < h) continue; /* must contain the head */
            const char *code = tc_dict_actor_code(c->d, &c->d->actors[idx], c->date);
            if (code && strcmp(code, "---")) {
                acode = code;
                actor = &c->d->actors[idx];
                if (c->s->tok[sub[i + (int)len - 1]].end > r->end) r->end = c->s->tok[sub[i + (int)len - 1]].end;
            }
        }
    }
    int members = 0;
    if (!acode) {
        /* possessor, then prepositional modifiers and appositions */
        int poss_pron = 0;
        for (int pass = 0; pass < 2 && !acode; pass++) {
            for (int32_t k = c->fc[h]; k >= 0 && !acode; k = c->ns[k]) {
                int rr = c->rel[k];
                if (pass == 0 ? rr != R_POSS : (rr != R_NMOD && rr != R_APPOS && rr != R_ACL)) continue;
                if (c->o->news && pass == 0 && ispron(&c->s->tok[k])) {
                    /* news mode: "its embassy in Kyiv", "their officials": the owner is the
                     * pronoun's antecedent, never a place in a modifier; a relational role
                     * ("his counterpart") is the other party, left to story-level resolution */
                    poss_pron = 1;
                    if (agent && !strcasecmp(agent->code, "GOV") && news_relational(c, h)) continue;
                    np *q = antecedent(c, k, NULL);
                    if (q && q->code) {
                        acode = q->acode ? q->acode : q->code;
                        actor = q->actor;
                        r->from = (int32_t)(q - c->nps);
                    }
                    continue;
                }
                if (c->o->news && pass == 1 && poss_pron) continue;
                /* news mode: a diplomat or a unit posted abroad ("the embassy in Kyiv",
                 * "troops in Belarus") is located by a place phrase, not owned by it */
                if (c->o->news && rr == R_NMOD && agent && news_posted(c, h) && news_place_prep(c, k)) continue;
                int verb_pp = rr == R_NMOD && !c->o->news && c->s->tok[k].upos && !strcmp(c->s->tok[k].upos, "VERB");
                if (rr == R_ACL || verb_pp) {
                    /* news mode: "separatists backed by Moscow" are not Russian */
                    if (c->o->news) continue;
                    /* (a prepositional modifier headed by a participle, "an offensive against
                     * besieged Osgiliath" parsed with the participle as head: its object) */
                    /* "memos sent by Bree": the agent of a participle modifier */
                    for (int32_t g = c->fc[k]; g >= 0 && !acode; g = c->ns[g]) {
                        int rg = c->rel[g];
                        if (rg != R_AGENT && rg != R_NMOD && rg != R_OBL && rg != R_OBJ) continue;
                        if (verb_pp && rg != R_OBJ) continue;
                        np *q = resolve(c, g, depth + 1);
                        if (q->code) {
                            acode = q->code;
                            actor = q->actor;
                            r->from = q->from;
                        }
                    }
                    continue;
                }
                np *q = resolve(c, k, depth + 1);
                if (q->code) {
                    acode = q->code;
                    actor = q->actor;
                    r->from = q->from;
                    /* news mode: "a delegation of US senators" is the senators' (USALEG), not
                     * a government delegation of them */
                    if (c->o->news && agent && q->agent && rr == R_NMOD) members = 1;
                }
            }
        }
    }
    if (members) {
        r->code = acode;
    } else if (acode || agent) {
        r->code = combine(c, acode, agent);
        /* further agents: "MSF Arnor diplomat" = NGO + ARN + GOV */
        for (int k = 1; k < nagents && r->code; k++) r->code = combine(c, r->code, agents[k]);
    }
    r->actor = actor;
    r->agent = agent;
    r->acode = acode;
    r->state = 1;
    return r;
}

/* news mode: he, she, him, her, his, hers refer to a person */
static int personal_pron(const ctx *c, int32_t t)
{
    static const char *const w[] = {"he", "she", "him", "her", "his", "hers", "himself", "herself", NULL};
    const char *f = c->s->tok[t].form;
    if (!f) return 0;
    for (int i = 0; w[i]; i++)
        if (!strcasecmp(f, w[i])) return 1;
    return 0;
}

/* an NP that can be a person: a role or a named official (a code longer than a country's),
 * singular */
static int person_like(const ctx *c, int32_t j, const np *q)
{
    const char *x = c->s->tok[j].xpos;
    if (x && (!strcmp(x, "NNS") || !strcmp(x, "NNPS"))) return 0;
    return q->agent || (q->code && strlen(q->code) > 3);
}

/* nearest preceding actor for a pronoun at t; in news mode a personal pronoun takes the
 * nearest person, preferring a subject ("Scholz will visit Putin after he goes to Kyiv") */
static np *antecedent(ctx *c, int32_t t, int *blocked)
{
    int pers = c->o->news && personal_pron(c, t);
    /* a subject pronoun prefers a subject antecedent; "him", "his" the nearest person */
    const char *pf = c->s->tok[t].form;
    int nom = pers && pf && (!strcasecmp(pf, "he") || !strcasecmp(pf, "she"));
    np *nearest = NULL, *nearest_role = NULL;
    for (int32_t j = t - 1; j >= 0; j--) {
        int r = c->rel[j];
        if (r == R_COMPOUND || r == R_FLAT || r == R_AMOD || r == R_DET) continue;
        if (!isnoun(&c->s->tok[j]) || ispron(&c->s->tok[j])) continue;
        np *q = resolve(c, j, 0);
        if (!pers && q->code && !strncmp(q->code, "---", 3)) {
            /* "China's foreign ministry said it ..." parsed as two subjects: the one with a
             * country */
            if (!nearest_role) nearest_role = q;
            continue;
        }
        if (!q->code) {
            /* "Mr Sharon said he had not seen ...": a subject name the dictionaries do not
             * know is the person "he" means, who is no actor */
            const char *u = c->s->tok[j].upos;
            if (nom && r == R_NSUBJ && u && !strcmp(u, "PROPN") && !nearest && !q->null_actor) {
                /* "U.S. Undersecretary ... Allen Wallis said he": the name split from its
                 * title, which the parse made a second subject */
                int32_t g = c->head[j];
                for (int32_t k = g >= 0 ? c->fc[g] : -1; k >= 0; k = c->ns[k]) {
                    if (k == j || c->rel[k] != R_NSUBJ) continue;
                    np *o = resolve(c, k, 0);
                    if (o->code && strncmp(o->code, "---", 3) && person_like(c, k, o)) return o;
                }
                if (blocked) *blocked = j + 1;
                return NULL;
            }
            continue;
        }
        if (!pers) return q;
        if (!person_like(c, j, q)) continue;
        /* a role without a country ("a government spokesman") only when no one else fits */
        if (!strncmp(q->code, "---", 3)) {
            if (!nearest_role) nearest_role = q;
            continue;
        }
        if (!nom || r == R_NSUBJ || r == R_NSUBJPASS) return q;
        if (!nearest) nearest = q;
    }
    return nearest ? nearest : nearest_role;
}

/* NP list headed at t: t plus its conj dependents. Returns resolved heads with codes. */
static int np_list(ctx *c, int32_t t, int32_t *out, const tc_dict_agent **ag, int max)
{
    int n = 0;
    if (n < max) { ag[n] = NULL; out[n++] = t; }
    /* a new actor's text already holds its appositions */
    const char *hc = resolve(c, t, 0)->code;
    int appos_ok = !(hc && hc[0] == '"');
    for (int32_t k = c->fc[t]; k >= 0 && n < max; k = c->ns[k])
        if ((c->rel[k] == R_CONJ || (c->rel[k] == R_APPOS && appos_ok)) && isnoun(&c->s->tok[k])) {
            ag[n] = NULL;
            out[n++] = k;
            /* "Mordor, the Shire, Arnor and Bree" parsed with the list under the apposition */
            if (c->rel[k] == R_APPOS)
                for (int32_t g = c->fc[k]; g >= 0 && n < max; g = c->ns[g])
                    if (c->rel[g] == R_CONJ && isnoun(&c->s->tok[g])) { ag[n] = NULL; out[n++] = g; }
        }
    /* "Eriadori and Calenardhon leaders": conjuncts inside the modifiers */
    for (int32_t k = c->fc[t]; k >= 0 && n < max; k = c->ns[k]) {
        if (c->rel[k] != R_COMPOUND && c->rel[k] != R_AMOD) continue;
        for (int32_t g = c->fc[k]; g >= 0 && n < max; g = c->ns[g])
            if (c->rel[g] == R_CONJ) { ag[n] = resolve(c, t, 0)->agent; out[n++] = g; }
    }
    /* news mode: "US secretary of state Antony Blinken and Russian foreign minister Sergei
     * Lavrov" parsed with the second person a conjunct of the first one's name */
    for (int32_t k = c->fc[t]; k >= 0 && n < max && c->o->news; k = c->ns[k]) {
        if ((c->rel[k] != R_NMOD && c->rel[k] != R_APPOS) || !c->s->tok[k].upos ||
            strcmp(c->s->tok[k].upos, "PROPN"))
            continue;
        for (int32_t g = c->fc[k]; g >= 0 && n < max; g = c->ns[g])
            if (c->rel[g] == R_CONJ && isnoun(&c->s->tok[g]) && resolve(c, g, 0)->code &&
                resolve(c, k, 0)->code && strlen(resolve(c, k, 0)->code) > 3 &&
                strlen(resolve(c, g, 0)->code) > 3) {
                ag[n] = NULL;
                out[n++] = g;
            }
    }
    /* "lawmakers in Arnor and Gondor": the conjuncts of the word that gave the actor,
     * with the head's agent */
    np *q = resolve(c, t, 0);
    if (q->code && q->from != t && q->from >= 0) {
        int n0 = n;
        for (int32_t k = c->fc[q->from]; k >= 0 && n < max; k = c->ns[k]) {
            if (c->rel[k] != R_CONJ || !isnoun(&c->s->tok[k])) continue;
            ag[n] = q->agent;
            out[n++] = k;
            /* "lawmakers and officials in Arnor and Gondor": also with the agents of the
             * agent-only conjuncts of the head */
            for (int i = 1; i < n0 && n < max; i++) {
                if (c->rel[out[i]] != R_CONJ || c->head[out[i]] != t) continue;
                const np *m = resolve(c, out[i], 0);
                if (m->agent && !m->acode && m->agent != q->agent) { ag[n] = m->agent; out[n++] = k; }
            }
        }
    }
    return n;
}

static const char *np_code(ctx *c, int32_t t, int32_t *src_tok)
{
    np *q = resolve(c, t, 0);
    *src_tok = t;
    if (q->code) return q->code;
    if (q->null_actor) return NULL;
    const tc_token *tk = &c->s->tok[t];
    if (ispron(tk)) {
        if (c->fw[t] == FW_REL) {
            /* relative pronoun: the noun the clause modifies */
            int32_t v = c->head[t];
            if (v >= 0 && c->rel[v] == R_ACL && c->head[v] >= 0) {
                np *g = resolve(c, c->head[v], 0);
                *src_tok = c->head[v];
                return g->code;
            }
            return NULL;
        }
        /* the dummy "it" of "it seems" refers to nothing */
        if (tk->form && (tk->form[0] | 0x20) == 'i' && !strcasecmp(tk->form, "it") && c->rel[t] == R_NSUBJ &&
            c->head[t] >= 0 && expletive_verb(c, c->head[t]))
            return NULL;
        int blocked = 0;
        np *a = antecedent(c, t, &blocked);
        if (a) {
            *src_tok = (int32_t)(a - c->nps);
            return a->code;
        }
        if (blocked) {
            /* the story may name that person in full earlier ("Gordon Brown" ... "Mr Brown
             * said he"): a placeholder with the name's span, resolved by its last word */
            *src_tok = blocked - 1;
            return "---PER";
        }
        /* a personal pronoun with no antecedent in its sentence: a placeholder that
         * story-level resolution (pipeline/coref.h) replaces by an earlier person */
        if (c->o->news && tk->form) {
            static const char *const pers[] = {"he", "she", "him", "her", NULL};
            for (int i = 0; pers[i]; i++)
                if (!strcasecmp(tk->form, pers[i])) return "---PER";
        }
        return NULL;
    }
    return NULL;
}

/* CAMEO 18-20: assaults, fights, mass violence */
static int violent_code(const char *code)
{
    return code && code[0] && (code[0] == '2' ? code[1] == '0' : code[0] == '1' && (code[1] == '8' || code[1] == '9'));
}

/* news mode: the country of a place an attack hits ("a fuel depot in Lviv" -> UKR): a place
 * phrase under the attacked object or one of its conjuncts */
static const char *place_code(ctx *c, int32_t h, int32_t *tok, int depth)
{
    static const char *const w[] = {"in", "near", "at", "outside", "around", "across", "inside", NULL};
    if (!c->o->news || depth > 2) return NULL;
    for (int32_t k = c->fc[h]; k >= 0; k = c->ns[k]) {
        int r = c->rel[k];
        if (r == R_NMOD) {
            int place = 0;
            for (int32_t g = c->fc[k]; g >= 0; g = c->ns[g])
                if (c->rel[g] == R_CASE && lemma_in(c, g, w)) place = 1;
            if (!place) continue;
            np *q = resolve(c, k, 0);
            if (q->code && !q->agent) {
                *tok = k;
                return q->code;
            }
        }
    }
    for (int32_t k = c->fc[h]; k >= 0; k = c->ns[k])
        if (c->rel[k] == R_CONJ || c->rel[k] == R_NMOD) {
            const char *x = place_code(c, k, tok, depth + 1);
            if (x) return x;
        }
    return NULL;
}

/* news mode: codes whose object's owner is their target ("rejected Moscow's demands",
 * "condemned Russia's invasion", "welcomed Ukraine's bid"); not force, where "attacked
 * the government's failure" is a verbal attack and places give the target */
static int owner_code_ok(const char *code)
{
    if (!code || !code[0] || !code[1]) return 0;
    int r = (code[0] - '0') * 10 + (code[1] - '0');
    return r == 5 || r == 10 || r == 11 || r == 12 || r == 13 || r == 16;
}

/* news mode: the possessor of an object without an actor ("Moscow's demands" -> RUS) */
static const char *owner_code(ctx *c, int32_t h, int32_t *tok)
{
    for (int32_t k = c->fc[h]; k >= 0; k = c->ns[k]) {
        if (c->rel[k] != R_POSS || ispron(&c->s->tok[k])) continue;
        np *q = resolve(c, k, 0);
        if (q->code) {
            *tok = k;
            return q->code;
        }
    }
    return NULL;
}

/* ------------------------------------------------------------- patterns */

/* tc_dict_slot_word with a word slot compared here (only synsets go to the dictionary) */
static inline int slot_is(const ctx *c, tc_dict_slot s, int32_t w)
{
    return s > 0 ? s == w : tc_dict_slot_word(c->d, s, w);
}

static int tok_slot(const ctx *c, tc_dict_slot s, int32_t t)
{
    return slot_is(c, s, c->wf[t]) || slot_is(c, s, c->wl[t]);
}

/* match slots[0..j] backwards ending at toks[idx]; the head and the word
 * right before it must be adjacent, earlier slots may skip modifiers
 * ("new global economic relations" matches {NEW &TIETYPES RELATIONS}). */
static int match_back(const ctx *c, const tc_dict_slot *slots, int j, const int32_t *toks, int idx, int gap)
{
    /* returns the number of tokens the slots consumed (skipped modifiers not counted), -1 if no match */
    if (j < 0) return 0;
    if (idx < 0) return -1;
    int best = -1;
    tc_dict_slot s = slots[j];
    if (s > 0) {
        if (tok_slot(c, s, toks[idx])) {
            int r = match_back(c, slots, j - 1, toks, idx - 1, 1);
            if (r >= 0) return r + 1;
        }
        return gap ? match_back(c, slots, j, toks, idx - 1, gap) : -1;
    }
    /* synset: single- or multi-word members; the longest match counts */
    if (!tc_dict_synset_may_end(c->d, (uint32_t)(-s - 1), c->wf[toks[idx]]) &&
        !tc_dict_synset_may_end(c->d, (uint32_t)(-s - 1), c->wl[toks[idx]]))
        return gap ? match_back(c, slots, j, toks, idx - 1, gap) : -1;
    const tc_dict_synset *ss = &c->d->synsets[-s - 1];
    for (uint32_t m = 0; m < ss->n; m++) {
        const tc_dict_phrase *p = &c->d->members[ss->first + m];
        if ((int)p->n > idx + 1) continue;
        int ok = 1;
        for (uint32_t k = 0; k < p->n && ok; k++) {
            int32_t w = c->d->w[p->first + p->n - 1 - k];
            int32_t t = toks[idx - (int)k];
            if (c->wf[t] != w && c->wl[t] != w) ok = 0;
        }
        if (!ok) continue;
        int r = match_back(c, slots, j - 1, toks, idx - (int)p->n, 1);
        if (r >= 0 && r + (int)p->n > best) best = r + (int)p->n;
    }
    if (best < 0 && gap) return match_back(c, slots, j, toks, idx - 1, gap);
    return best;
}

/* tokens matched by an NP element ending at the head h (0 = no match) */
static int match_np(const ctx *c, const tc_dict_slot *slots, uint32_t n, int32_t h)
{
    if (n == 0 || !slots) return 0;
    int32_t tbuf[MAXOWN];
    int k;
    const int32_t *toks = own_list(c, h, tbuf, &k);
    int hi = 0;
    while (hi < k && toks[hi] != h) hi++;
    if (hi == k) return 0;
    /* head: exact position; then adjacency for the next slot */
    tc_dict_slot last = slots[n - 1];
    if (last > 0) {
        if (!tok_slot(c, last, h)) return 0;
        int r = match_back(c, slots, (int)n - 2, toks, hi - 1, 0);
        return r >= 0 ? r + 1 : 0;
    }
    int r = match_back(c, slots, (int)n - 1, toks, hi, 0);
    return r > 0 ? r : 0;
}

typedef struct unit {
    int32_t head;
    int32_t prep; /* case/mark word id of the dependent, 0 */
    int pre;
} unit;

static int32_t prep_of(const ctx *c, int32_t t)
{
    for (int32_t k = c->fc[t]; k >= 0; k = c->ns[k])
        if (c->rel[k] == R_CASE || c->rel[k] == R_MARK) return c->wf[k];
    return 0;
}

/* has a case/mark dependent "by" */
static int has_by(const ctx *c, int32_t t)
{
    for (int32_t k = c->fc[t]; k >= 0; k = c->ns[k])
        if ((c->rel[k] == R_CASE || c->rel[k] == R_MARK) && c->fw[k] == FW_BY) return 1;
    return 0;
}

static int add_unit(unit *u, int n, int32_t h, int32_t prep, int pre)
{
    if (n >= MAXUNITS) return n;
    u[n].head = h;
    u[n].prep = prep;
    u[n].pre = pre;
    return n + 1;
}

static int collect_units(const ctx *c, int32_t v, unit *u)
{
    int n = 0;
    for (int32_t k = c->fc[v]; k >= 0; k = c->ns[k]) {
        int r = c->rel[k];
        int pre = k < v;
        switch (r) {
        case R_NSUBJ: case R_NSUBJPASS: case R_CSUBJ:
            n = add_unit(u, n, k, 0, 1);
            break;
        case R_OBJ: case R_IOBJ: case R_XCOMP: case R_OBL: case R_NMOD: case R_AGENT:
        case R_ADVCL: case R_TMOD: {
            n = add_unit(u, n, k, prep_of(c, k), pre);
            /* "launched a bombing and shelling offensive": conjoined objects */
            if (r == R_OBJ)
                for (int32_t g = c->fc[k]; g >= 0; g = c->ns[g])
                    if (c->rel[g] == R_CONJ && isnoun(&c->s->tok[g])) n = add_unit(u, n, g, 0, pre);
            /* down the dependent: its objects/modifiers, and chains of nmods
             * ("assurances on cultural issues from Bree") */
            for (int32_t g = c->fc[k]; g >= 0; g = c->ns[g]) {
                int rg = c->rel[g];
                if (rg == R_OBJ || rg == R_NMOD || rg == R_OBL || rg == R_XCOMP || rg == R_ADVMOD ||
                    rg == R_NEG || rg == R_IOBJ || rg == R_PRT || rg == R_ACL) {
                    n = add_unit(u, n, g, prep_of(c, g), pre);
                    for (int32_t h = c->fc[g]; h >= 0; h = c->ns[h])
                        if (c->rel[h] == R_NMOD || c->rel[h] == R_OBL) n = add_unit(u, n, h, prep_of(c, h), pre);
                }
            }
            break;
        }
        case R_ADVMOD: case R_PRT: case R_NEG: case R_AUX: case R_COMPOUND:
            /* words before the verb count only inside its subject (UD gold); a particle
             * also stands for a bare preposition element ("BURN - * (DOWN)") */
            if (!pre) n = add_unit(u, n, k, r == R_PRT ? c->wf[k] : 0, pre);
            break;
        default:
            break;
        }
    }
    return n;
}

static const char *np_code(ctx *c, int32_t t, int32_t *src_tok);

/* *who: for a PP with an actor marker ("(WITH +)"), the unit holding that actor */
/* score (tokens matched, >= 0) of the best unit for an element, -1 if none matches */
static int pel_match(ctx *c, const tc_dict_pel *el, const unit *u, int nu, int pre, int32_t *who, uint64_t *used)
{
    if (el->kind == TC_PEL_ACTOR) return 0; /* resolved after the other elements */
    const tc_dict_slot *slots = c->d->slots ? c->d->slots + el->first : NULL; /* NULL only when el->n == 0 */
    int best = -1;
    for (int i = 0; i < nu; i++) {
        if (u[i].pre != pre) continue;
        if (el->kind == TC_PEL_NOUN) {
            int r = match_np(c, slots, el->n, u[i].head);
            if (r > 0 && r > best) best = r;
            if (best < 1 && el->n == 1 && u[i].prep && slot_is(c, slots[0], u[i].prep)) best = 1;
            if (best < 1 && el->n == 1) {
                /* a determiner or possessive of the dependent ("* THEIR ^ ABOUT +") */
                for (int32_t k = c->fc[u[i].head]; k >= 0 && best < 1; k = c->ns[k])
                    if ((c->rel[k] == R_DET || c->rel[k] == R_POSS) && tok_slot(c, slots[0], k)) best = 1;
            }
        } else if (el->kind == TC_PEL_PP) {
            if (!u[i].prep || !slot_is(c, el->prep, u[i].prep)) continue;
            if (el->marker) {
                int32_t st;
                if (!np_code(c, u[i].head, &st) &&
                    !(el->marker == '+' && c->violent && place_code(c, u[i].head, &st, 0)))
                    continue;
                if (el->marker == '+' || el->marker == '$') *who = u[i].head;
                *used |= 1ull << (i & 63);
                /* "(AT ^ ^)": each further '^' skips the next dependent with an actor */
                for (int j = i + 1, m = 1; el->marker == '^' && m < el->nmark && j < nu; j++) {
                    if (u[j].pre != pre || (*used >> (j & 63) & 1) || !np_code(c, u[j].head, &st)) continue;
                    *used |= 1ull << (j & 63);
                    m++;
                }
                return 1;
            }
            if (el->n == 0) { if (best < 1) best = 1; continue; }
            /* the words follow the preposition, with only determiners between them:
             * (FOR ASYLUM) is "for asylum", not "for foreign asylum" */
            int32_t tbuf[MAXOWN];
            int k;
            const int32_t *toks = own_list(c, u[i].head, tbuf, &k);
            int lead = 0;
            while (lead < k && toks[lead] != u[i].head && c->rel[toks[lead]] == R_DET) lead++;
            int hi = 0;
            while (hi < k && toks[hi] != u[i].head) hi++;
            int r = match_np(c, slots, el->n, u[i].head);
            if (r > 0 && hi - (r - 1) <= lead && r + 1 > best) best = r + 1;
            /* in a PP the words may sit before the head ("on economic issue" ~ (ON &TIETYPES)) */
            for (int j = 0; j < k; j++) {
                if (toks[j] == u[i].head) continue;
                int q = match_back(c, slots, (int)el->n - 1, toks, j, 0);
                if (q > 0 && j - (q - 1) <= lead && q + 1 > best) best = q + 1;
            }
        }
    }
    return best;
}

/* add w to the set; 1 if it was new */
static int seen_add(int32_t *set, int32_t w)
{
    if (w <= 0) return 0;
    uint32_t h = ((uint32_t)w * 2654435761u) >> 23; /* 9 bits */
    for (int k = 0; k < 512; k++, h = (h + 1) & 511) {
        if (set[h] == w) return 0;
        if (!set[h]) { set[h] = w; return 1; }
    }
    return 0;
}

static int seen_has(const int32_t *set, int32_t w)
{
    uint32_t h = ((uint32_t)w * 2654435761u) >> 23;
    for (int k = 0; k < 512; k++, h = (h + 1) & 511) {
        if (set[h] == w) return 1;
        if (!set[h]) return 0;
    }
    return 0;
}

/* add w to seen and, when new, to the list sw (256 at most; *lost when it has no room) */
static void sw_add(int32_t *seen, int32_t *sw, int *nsw, int *lost, int32_t w)
{
    if (!seen_add(seen, w)) return;
    if (*nsw < 256) sw[(*nsw)++] = w;
    else *lost = 1;
}

static int sources_of(ctx *c, int32_t v, int passive, int32_t *out, int max, int depth);
static int32_t lost_subject(const ctx *c, int32_t v);

/* a pattern element that is only a possessive determiner ("* THEIR ^ ABOUT +"): optional,
 * since a dependency parse hangs it under a noun, not between the verb's dependents
 * ("warned Gondor about the Prince ..." matches too) */
static int poss_det_element(const ctx *c, const tc_dict_pel *el)
{
    if (el->kind != TC_PEL_NOUN || el->n != 1 || c->o->news) return 0;
    tc_dict_slot sl = c->d->slots[el->first];
    if (sl <= 0) return 0;
    for (int i = 0; i < 7; i++)
        if (c->d->possw[i] == sl) return 1;
    return 0;
}

static const tc_dict_pattern *best_pattern(ctx *c, const tc_dict_block *b, int32_t v, int32_t *src_o,
                                           int32_t *tgt_o)
{
    *src_o = *tgt_o = -1;
    if (!b->npat) return NULL;
    unit u[MAXUNITS];
    int nu = collect_units(c, v, u);
    /* a verb without a subject of its own ("was seen to break in ..."): the subject it
     * inherits stands before it for the pattern */
    int own_subj = 0;
    for (int i = 0; i < nu && !own_subj; i++)
        if (u[i].pre && (c->rel[u[i].head] == R_NSUBJ || c->rel[u[i].head] == R_NSUBJPASS)) own_subj = 1;
    if (!own_subj && (c->rel[v] == R_XCOMP || c->rel[v] == R_CONJ || c->rel[v] == R_ADVCL)) {
        int32_t inh[MAXLIST];
        int ni = sources_of(c, v, 0, inh, MAXLIST, 0);
        for (int i = 0; i < ni; i++) nu = add_unit(u, nu, inh[i], 0, 1);
    }
    /* words present around the verb (a small hash set): quick rejection of patterns
     * whose head words or prepositions are absent */
    int32_t seen[512], sw[256];
    int nsw = 0, sw_lost = 0; /* sw_lost: a word in seen that sw has no room for */
    memset(seen, 0, sizeof seen);
    for (int i = 0; i < nu; i++) {
        int32_t tbuf[MAXOWN];
        int k;
        const int32_t *toks = own_list(c, u[i].head, tbuf, &k);
        sw_add(seen, sw, &nsw, &sw_lost, u[i].prep);
        for (int j = 0; j < k; j++) {
            sw_add(seen, sw, &nsw, &sw_lost, c->wf[toks[j]]);
            sw_add(seen, sw, &nsw, &sw_lost, c->wl[toks[j]]);
        }
    }
    /* possessive determiners are optional pattern elements (poss_det_element) */
    if (!c->o->news)
        for (int i = 0; i < 7; i++) sw_add(seen, sw, &nsw, &sw_lost, c->d->possw[i]);
    /* candidates: patterns without a key word, and those whose key word is present
     * (the block's patterns are indexed by key), tried in file order */
    if (!c->d->pat_by_key || c->d->npat_by_key < (size_t)b->first + b->npat || c->d->npat_need != c->d->npat_by_key)
        return NULL;
    const uint32_t *byk = c->d->pat_by_key + b->first;
    const int32_t *keys = c->d->pat_key + b->first; /* keys[i] = patterns[byk[i]].key */
    uint32_t cand[1024];
    uint32_t ncand = 0, np0 = 0;
    if (!sw_lost && b->npat <= 1024) {
        /* the same set in file order straight away: every pattern of the block whose key is
         * absent or among the words (seen holds exactly sw here, and no cap is reached) */
        const int32_t *kx = c->d->pat_keyx + b->first;
        for (uint32_t j = 0; j < b->npat; j++)
            if (!kx[j] || seen_has(seen, kx[j])) cand[ncand++] = b->first + j;
    } else {
        while (np0 < b->npat && keys[np0] == 0 && ncand < 1024) cand[ncand++] = byk[np0++];
        for (int w = 0; w < nsw; w++) {
            uint32_t lo = np0, hi = b->npat;
            while (lo < hi) {
                uint32_t mid = (lo + hi) / 2;
                if (keys[mid] < sw[w]) lo = mid + 1;
                else hi = mid;
            }
            while (lo < b->npat && keys[lo] == sw[w] && ncand < 1024) cand[ncand++] = byk[lo++];
        }
        for (uint32_t i = 1; i < ncand; i++) {
            uint32_t cv = cand[i], j = i;
            while (j > 0 && cand[j - 1] > cv) { cand[j] = cand[j - 1]; j--; }
            cand[j] = cv;
        }
    }
    const tc_dict_pattern *best = NULL;
    int best_score = -1;
    for (uint32_t i = 0; i < ncand; i++) {
        const tc_dict_pattern *p = &c->d->patterns[cand[i]];
        if (best && c->d->pat_weight[cand[i]] <= best_score) continue; /* static weight bounds the score */
        /* the words its elements need (a PP's preposition, a noun element's head word) */
        int ok = 1;
        for (uint32_t k = c->d->pat_need_first[cand[i]]; k < c->d->pat_need_first[cand[i] + 1] && ok; k++)
            ok = seen_has(seen, c->d->pat_need[k]);
        if (!ok) continue;
        int32_t so = -1, to = -1;
        uint64_t used = 0;
        int score = 0;
        c->violent = c->o->news && violent_code(p->code);
        for (uint32_t k = 0; k < p->npre + p->npost && ok; k++) {
            const tc_dict_pel *el = &c->d->pels[p->pre_first + k];
            int32_t who = -1;
            int r = pel_match(c, el, u, nu, k < p->npre, &who, &used);
            if (r < 0 && poss_det_element(c, el)) r = 0;
            ok = r >= 0;
            score += r > 0 ? r : 0;

            if (ok && who >= 0) {
                if (el->marker == '+') to = who;
                else so = who;
            }
        }
        /* free-standing actor markers: the next unused dependent on that side with an
         * actor ('+' target, '$' source, '^' skipped) */
        for (uint32_t k = 0; k < p->npre + p->npost && ok; k++) {
            const tc_dict_pel *el = &c->d->pels[p->pre_first + k];
            if (el->kind != TC_PEL_ACTOR || el->marker == '%') continue;
            int pre = k < p->npre, found = -1;
            for (int ui = 0; ui < nu && found < 0; ui++) {
                int32_t st;
                if (u[ui].pre != pre || (used >> (ui & 63) & 1)) continue;
                if (np_code(c, u[ui].head, &st)) found = ui;
            }
            if (found < 0) { ok = 0; break; }
            used |= 1ull << (found & 63);
            if (el->marker == '+') to = u[found].head;
            else if (el->marker == '$') so = u[found].head;
        }
        c->violent = 0;
        if (ok && (p->npre + p->npost) > 0 && (!best || score > best_score)) {
            best = p;
            best_score = score;
            *src_o = so;
            *tgt_o = to;
        }
    }
    return best;
}

/* ------------------------------------------------------------- verbs */

static int has_child(const ctx *c, int32_t v, int32_t w)
{
    for (int32_t k = c->fc[v]; k >= 0; k = c->ns[k])
        if (c->wf[k] == w || c->wl[k] == w) return 1;
    return 0;
}

static const tc_dict_verb *verb_entry(const ctx *c, int32_t v)
{
    const tc_dict_verb *best = NULL;
    int bestscore = -1;
    /* a form written in the verbs file ("LEFT [040:040]") wins over the lemma ("leave") */
    int form_first = 0;
    for (const tc_dict_verb *e = tc_dict_verb_first(c->d, c->wf[v]); e; e = e->next >= 0 ? &c->d->verbs[e->next] : NULL)
        if (e->written) form_first = 1;
    for (int pass = 0; pass < 2; pass++) {
        int32_t w = (pass == 0) != form_first ? c->wl[v] : c->wf[v];
        if (pass == 1 && c->wf[v] == c->wl[v]) break;
        for (const tc_dict_verb *e = tc_dict_verb_first(c->d, w); e;
             e = e->next >= 0 ? &c->d->verbs[e->next] : NULL) {
            int score = 0, ok = 1;
            for (int k = 0; k < 3 && e->post[k] && ok; k++) {
                int32_t t = v + 1 + k;
                if ((t < c->n && (c->wf[t] == e->post[k] || c->wl[t] == e->post[k])) || has_child(c, v, e->post[k]))
                    score++;
                else ok = 0;
            }
            for (int k = 0; k < 2 && e->pre[k] && ok; k++) {
                int32_t t = v - 1 - k;
                if (t >= 0 && (c->wf[t] == e->pre[k] || c->wl[t] == e->pre[k])) score++;
                else ok = 0;
            }
            if (ok && score > bestscore) {
                best = e;
                bestscore = score;
            }
        }
        if (best) {
            /* found through the lemma: a form that looks like a regular inflection of
             * it but is not one the dictionary knows ("departes") is a typo, not the verb */
            int via_lemma = ((pass == 0) != form_first);
            const tc_token *t = &c->s->tok[v];
            if (via_lemma && t->lemma && t->form && c->wf[v] != c->wl[v] && !tc_dict_verb_first(c->d, c->wf[v])) {
                size_t ll = strlen(t->lemma);
                if (ll >= 3 && strlen(t->form) > ll && !strncasecmp(t->form, t->lemma, ll)) {
                    char tail[8];
                    snprintf(tail, sizeof tail, "%s", t->form + ll);
                    for (char *q = tail; *q; q++) *q = (char)tolower((unsigned char)*q);
                    char last = (char)tolower((unsigned char)t->lemma[ll - 1]);
                    char prev = (char)tolower((unsigned char)t->lemma[ll - 2]);
                    /* -es only after s, x, z, ch, sh, o; -d only after e */
                    int es_ok = strchr("sxzo", last) || (last == 'h' && (prev == 'c' || prev == 's'));
                    int ok = !strcmp(tail, "ing") || !strcmp(tail, "ed") || (!strcmp(tail, "s") && !es_ok) ||
                             (!strcmp(tail, "es") && es_ok) || (!strcmp(tail, "d") && last == 'e') ||
                             (tail[0] == tail[1] && tail[0] == (char)tolower((unsigned char)last) &&
                              (!strcmp(tail + 1, "ed") || !strcmp(tail + 1, "ing")));
                    if (!ok) return NULL;
                }
            }
            break;
        }
    }
    return best;
}

static int is_null_code(const char *s) { return !s || !*s || !strcmp(s, "---"); }

/* hex algebra through PICO */
static const char *negate(const ctx *c, const char *code)
{
    int32_t h;
    if (!c->o->use_pico || !tc_dict_pico_hex(c->d, code, &h)) return NULL;
    return tc_dict_pico_code(c->d, h - 0xFFFF);
}

static const char *modal(const ctx *c, const char *mcode, const char *code)
{
    int32_t a, b;
    if (!c->o->use_pico || !tc_dict_pico_hex(c->d, mcode, &a) || !tc_dict_pico_hex(c->d, code, &b)) return code;
    if (a < 0 || b < 0) return code;
    int32_t d1 = ((a >> 12) & 0xF) > ((b >> 12) & 0xF) ? ((a >> 12) & 0xF) : ((b >> 12) & 0xF);
    int32_t rest = (b & 0x0FFF) ? (b & 0x0FFF) : (a & 0x0FFF);
    const char *r = tc_dict_pico_code(c->d, (d1 << 12) | rest);
    return r ? r : code;
}

static int add_ev(ctx *c, const char *src, const char *tgt, const char *code, int32_t st, int32_t tt, int32_t v,
                  const tc_dict_pattern *p, const tc_dict_verb *ve)
{
    if (c->nev == c->capev) {
        uint32_t nc = c->capev ? c->capev * 2 : 16;
        raw_ev *q = tc_arena_alloc(&c->doc->arena, nc * sizeof *q);
        if (!q) return 0;
        if (c->nev) memcpy(q, c->ev, c->nev * sizeof *q);
        c->ev = q;
        c->capev = nc;
    }
    raw_ev *e = &c->ev[c->nev++];
    memset(e, 0, sizeof *e);
    e->src = src ? src : "";
    e->tgt = tgt ? tgt : "";
    e->code = code;
    e->s_tok = st;
    e->t_tok = tt;
    e->verb = v;
    e->pat = p ? p->text : NULL;
    if (p) {
        const char *dc = ve->code ? ve->code : c->d->blocks[ve->block].code;
        e->specific = !dc || !p->code || strcmp(p->code, dc);
    }
    e->pfile = p ? p->file : ve->file;
    e->pline = p ? p->line : ve->line;
    e->future = c->future;
    e->said = c->said;
    return 1;
}

static int has_mark(const ctx *c, int32_t v, const char *const *ws);

/* sources of verb v (heads), following xcomp/conj/advcl/acl governors */
static int sources_of(ctx *c, int32_t v, int passive, int32_t *out, int max, int depth)
{
    int n = 0;
    for (int32_t k = c->fc[v]; k >= 0; k = c->ns[k]) {
        int r = c->rel[k];
        if (passive) {
            if (r == R_AGENT || ((r == R_OBL || r == R_NMOD) && has_by(c, k))) out[n++] = k;
        } else if (r == R_NSUBJ) {
            /* news mode: "after a call with Macron, Putin blamed ...": the party of an event
             * noun is no subject */
            if (!(c->o->news && resolve(c, k, 0)->via_with)) out[n++] = k;
        }
        if (n >= max) return n;
    }
    const char *vx = c->s->tok[v].xpos;
    if (c->o->news && !passive && vx &&
        (!strcmp(vx, "VBD") || !strcmp(vx, "VBZ") || !strcmp(vx, "VBP"))) {
        /* news mode: when the parsed subject names no actor ("After a call with Mr Macron,
         * Mr Putin blamed Ukraine" parsed with "call" as subject), an actor right before the
         * finite verb is the source, as in TABARI's word-sequence reading */
        int any = 0;
        for (int i = 0; i < n && !any; i++) {
            int32_t st;
            if (np_code(c, out[i], &st)) any = 1;
        }
        for (int32_t t = v - 1; !any && t >= 0 && t >= v - 3; t--) {
            int rr = c->rel[t];
            if (rr == R_AUX || rr == R_ADVMOD || rr == R_NEG || rr == R_AUXPASS) continue;
            const tc_token *tk = &c->s->tok[t];
            int32_t st;
            if (tk->upos && !strcmp(tk->upos, "PROPN") && np_code(c, t, &st)) {
                out[0] = t;
                n = 1;
            }
            break;
        }
    }
    if (!n && passive) {
        /* "was shot dead in Osgiliath": no agent, the place/origin PP is the source */
        for (int32_t k = c->fc[v]; k >= 0 && n < max; k = c->ns[k]) {
            if ((c->rel[k] != R_OBL && c->rel[k] != R_NMOD) || k < v) continue;
            const char *ps = "";
            for (int32_t g = c->fc[k]; g >= 0; g = c->ns[g])
                if (c->rel[g] == R_CASE && c->s->tok[g].form) { ps = c->s->tok[g].form; break; }
            if (*ps && strcasecmp(ps, "at") && strcasecmp(ps, "against") && strcasecmp(ps, "into") &&
                strcasecmp(ps, "towards") && strcasecmp(ps, "toward") && strcasecmp(ps, "to")) {
                int32_t st;
                if (np_code(c, k, &st)) { out[n++] = k; break; }
            }
        }
    }
    if (!n && !passive) {
        int32_t j = lost_subject(c, v);
        if (j >= 0) out[n++] = j;
    }
    if (n || passive || depth > 4) return n;
    int32_t g = c->head[v];
    if (g < 0) return 0;
    int r = c->rel[v];
    /* news mode: "Scholz is due to visit Putin" parsed with the infinitive a ccomp */
    if (c->o->news && r == R_CCOMP && c->s->tok[v].xpos && !strcmp(c->s->tok[v].xpos, "VB")) {
        static const char *const to[] = {"to", NULL};
        if (has_mark(c, v, to)) r = R_XCOMP;
    }
    if (r == R_XCOMP || r == R_CONJ || r == R_ADVCL) {
        /* the governor's subject (object control for xcomp when the governor has an object) */
        int gpass = 0;
        for (int32_t k = c->fc[g]; k >= 0; k = c->ns[k])
            if (c->rel[k] == R_NSUBJPASS || c->rel[k] == R_AUXPASS) gpass = 1;
        if (gpass && r != R_CONJ) {
            for (int32_t k = c->fc[g]; k >= 0 && n < max; k = c->ns[k])
                if (c->rel[k] == R_NSUBJPASS) out[n++] = k;
            return n;
        }
        return sources_of(c, g, 0, out, max, depth + 1);
    }
    if (r == R_ACL && isnoun(&c->s->tok[g])) {
        out[n++] = g;
    }
    return n;
}

/* token a is a subject of verb v (its own or inherited) */
static int speaker_of(ctx *c, int32_t v, int32_t a)
{
    int32_t sh[MAXLIST];
    int nsh = sources_of(c, v, 0, sh, MAXLIST, 0);
    for (int i = 0; i < nsh; i++)
        if (sh[i] == a) return 1;
    return 0;
}

static int targets_of(ctx *c, int32_t v, int passive, int32_t *out, int max)
{
    int n = 0;
    for (int32_t k = c->fc[v]; k >= 0 && n < max; k = c->ns[k]) {
        int r = c->rel[k];
        if (passive ? r == R_NSUBJPASS : (r == R_OBJ)) out[n++] = k;
    }
    if (passive && n == 0 && c->rel[v] == R_ACL && c->head[v] >= 0 && isnoun(&c->s->tok[c->head[v]]))
        out[n++] = c->head[v];
    /* object without an actor: try iobj, then prepositional dependents */
    int have = 0;
    for (int i = 0; i < n; i++) {
        int32_t st;
        if (np_code(c, out[i], &st)) have = 1;
    }
    if (have) return n;
    n = 0;
    int32_t lost = passive ? -1 : lost_subject(c, v);
    for (int pass = 0; pass < 2 && n == 0; pass++) {
        int npp = 0;
        for (int32_t k = c->fc[v]; k >= 0 && n < max; k = c->ns[k]) {
            int r = c->rel[k];
            if (k == lost) continue;
            int ok = pass == 0 ? r == R_IOBJ : ((r == R_OBL || r == R_NMOD) && !(has_by(c, k) && passive));
            if (!ok) continue;
            int32_t st;
            const char *x = np_code(c, k, &st);
            /* a new actor (uncoded text) only from the first phrase after the verb */
            if (x && x[0] == '"' && (k < v || npp > 0)) x = NULL;
            if (k > v) npp++;
            if (x) { out[n++] = k; break; }
        }
    }
    /* "signed an accord to supply Gondor": the object of an infinitive below */
    for (int32_t k = c->fc[v]; k >= 0 && n == 0 && !passive; k = c->ns[k]) {
        if (c->rel[k] != R_XCOMP && c->rel[k] != R_ADVCL) continue;
        int to = 0;
        for (int32_t g = c->fc[k]; g >= 0; g = c->ns[g])
            if (is_mark_to(c, g)) to = 1;
        /* also a participle complement: "believed linked to Al-Qaeda" */
        const char *kx = c->s->tok[k].xpos;
        if (!to && !(c->rel[k] == R_XCOMP && kx && !strcmp(kx, "VBN"))) continue;
        for (int pass = 0; pass < 2 && n == 0; pass++)
            for (int32_t g = c->fc[k]; g >= 0 && n < max; g = c->ns[g]) {
                int32_t st;
                int rg = c->rel[g];
                int ok = pass == 0 ? (rg == R_OBJ || rg == R_IOBJ) : (rg == R_NMOD || rg == R_OBL);
                /* the infinitive's object names the target by its own words, not through a
                 * modifier ("to take up the issue with the World Bank") */
                if (ok && pass == 0 && !c->o->news && resolve(c, g, 0)->code && resolve(c, g, 0)->from != g) ok = 0;
                if (ok && np_code(c, g, &st)) { out[n++] = g; break; }
            }
        /* "begun to question whether he has a future with the Morgul Orcs": the object of
         * the infinitive's complement clause when that verb is no dictionary verb */
        for (int32_t g = c->fc[k]; g >= 0 && n == 0; g = c->ns[g]) {
            if (c->rel[g] != R_CCOMP || verb_entry(c, g)) continue;
            for (int32_t h = c->fc[g]; h >= 0 && n < max; h = c->ns[h]) {
                int32_t st;
                if ((c->rel[h] == R_OBJ || c->rel[h] == R_IOBJ) && np_code(c, h, &st)) { out[n++] = h; break; }
            }
        }
    }
    /* "allowed that Mordor isn't a pleasant place": the subject of a complement clause;
     * when that subject is the speaker himself ("Frodo said he has deep satisfaction toward
     * Gondor"), whom the clause is about: its object, else its prepositional phrases */
    for (int32_t k = c->fc[v]; k >= 0 && n == 0; k = c->ns[k]) {
        if (c->rel[k] != R_CCOMP || passive) continue;
        if (verb_entry(c, k)) continue; /* a dictionary verb: its own event */
        int self = 0;
        for (int32_t g = c->fc[k]; g >= 0 && n < max; g = c->ns[g]) {
            int32_t st;
            if (c->rel[g] != R_NSUBJ || !np_code(c, g, &st)) continue;
            if (ispron(&c->s->tok[g]) && speaker_of(c, v, st)) { self = 1; continue; }
            out[n++] = g;
            break;
        }
        for (int pass = 0; pass < 2 && self && n == 0; pass++)
            for (int32_t g = c->fc[k]; g >= 0 && n < max; g = c->ns[g]) {
                int32_t st;
                int rg = c->rel[g];
                if (!(pass == 0 ? (rg == R_OBJ || rg == R_IOBJ) : (rg == R_NMOD || rg == R_OBL))) continue;
                if (np_code(c, g, &st)) { out[n++] = g; break; }
            }
    }
    return n;
}

/* "Danish media and government": an agent-only conjunct takes the actor of the
 * first conjunct (list[0] is the head of the coordination) */
static const char *shared_actor(ctx *c, const int32_t *list, int i, const char *x)
{
    if (i == 0 || !x || strncmp(x, "---", 3) || !x[3]) return x;
    int32_t t = list[i];
    if (c->rel[t] != R_CONJ || c->head[t] != list[0]) return x;
    const np *h = &c->nps[list[0]];
    if (!h->acode || !c->nps[t].agent) return x;
    /* the shared part keeps the agents of the first conjunct's modifiers ("Danish
     * Islamist media and government": DNKMUS + GOV), not its head noun's own agent */
    const char *base = h->acode;
    int32_t hw = list[0];
    uint32_t idx;
    if (!c->o->news && h->code && strlen(h->code) > strlen(h->acode) && !strncmp(h->code, h->acode, strlen(h->acode)) &&
        (tc_dict_match_agent(c->d, &c->wf[hw], 1, &idx) || tc_dict_match_agent(c->d, &c->wl[hw], 1, &idx))) {
        const char *own = c->d->agents[idx].code;
        size_t lc = strlen(h->code), lo = strlen(own);
        if (lc > lo && !strcmp(h->code + lc - lo, own) && lc - lo > strlen(h->acode)) {
            char *b = tc_arena_alloc(&c->doc->arena, lc - lo + 1);
            if (b) {
                memcpy(b, h->code, lc - lo);
                b[lc - lo] = 0;
                base = b;
            }
        }
    }
    return combine(c, base, c->nps[t].agent);
}

/* news mode: a verb under a negated or conditional governor, with a speculative modal, or
 * an infinitive under a noun reports no event ("cannot be empowered to wage war", "if
 * Russia invades", "Russia could invade", "a pretext to invade") */

/* "Poland said it would send aid": "would" in a clause reported by a verb of saying is
 * the reported "will" (an announcement), unless a condition comes with it */
static int reported_would(const ctx *c, int32_t v)
{
    static const char *const cond[] = {"if", "unless", NULL};
    if (c->rel[v] != R_CCOMP || c->head[v] < 0) return 0;
    int32_t g = c->head[v];
    if (c->vblock[g] < 0 || strcmp(c->d->blocks[c->vblock[g]].name, "SAY")) return 0;
    for (int32_t k = c->fc[v]; k >= 0; k = c->ns[k])
        if (c->rel[k] == R_ADVCL && has_mark(c, k, cond)) return 0;
    return 1;
}

static int irrealis(const ctx *c, int32_t v)
{
    static const char *const unreal[] = {"fail", "refuse", "decline", "need", "prepare", "expect", "deny", NULL};
    static const char *const of_[] = {"of", NULL};
    for (int depth = 0; v >= 0 && depth < 8; depth++) {
        for (int32_t k = c->fc[v]; k >= 0; k = c->ns[k]) {
            int r = c->rel[k];
            if (depth > 0 && (r == R_NEG || (r == R_ADVMOD && c->fw[k] == FW_NOT))) return 1;
            const char *f = c->s->tok[k].form;
            if (r == R_MARK && f &&
                (!strcasecmp(f, "if") || !strcasecmp(f, "unless") || !strcasecmp(f, "whether")))
                return 1;
            /* speculation: "Russia could invade", "might strike" */
            if (r == R_AUX && f &&
                (!strcasecmp(f, "could") || !strcasecmp(f, "might") || !strcasecmp(f, "may") ||
                 (!strcasecmp(f, "would") && !reported_would(c, v))))
                return 1;
        }
        int r = c->rel[v];
        /* an infinitive under a noun: "a pretext to invade", "plans to attack" */
        if (r == R_ACL && c->s->tok[v].xpos && !strcmp(c->s->tok[v].xpos, "VB")) return 1;
        /* a charge: "accused Beijing of supplying weapons", "suspected of spying" */
        if (depth == 0 && c->s->tok[v].xpos && !strcmp(c->s->tok[v].xpos, "VBG") && has_mark(c, v, of_))
            return 1;
        /* needed, prepared, failed or denied acts: "the forces he needs to invade", "failing to
         * provide", "denied attacking the convoy" */
        if (r == R_XCOMP && c->head[v] >= 0 && lemma_in(c, c->head[v], unreal)) return 1;
        if (r != R_XCOMP && r != R_CONJ && r != R_CCOMP && r != R_ADVCL) break;
        v = c->head[v];
    }
    return 0;
}

/* news mode: "provided (that) Russia does not invade" is a conjunction, not a verb of giving:
 * no subject or auxiliary of its own, and its apparent object is followed by a finite verb */
static int news_provided_conj(const ctx *c, int32_t v)
{
    const char *f = c->s->tok[v].form;
    if (!f || (strcasecmp(f, "provided") && strcasecmp(f, "providing"))) return 0;
    for (int32_t k = c->fc[v]; k >= 0; k = c->ns[k]) {
        int r = c->rel[k];
        if (r == R_NSUBJ || r == R_NSUBJPASS || r == R_AUX || r == R_AUXPASS) return 0;
    }
    int32_t t = v + 1;
    if (t < c->n && c->s->tok[t].form && !strcasecmp(c->s->tok[t].form, "that")) return 1;
    while (t < c->n && c->s->tok[t].upos &&
           (!strcmp(c->s->tok[t].upos, "DET") || !strcmp(c->s->tok[t].upos, "ADJ") ||
            !strcmp(c->s->tok[t].upos, "NOUN") || !strcmp(c->s->tok[t].upos, "PROPN") ||
            !strcmp(c->s->tok[t].upos, "PRON") || !strcmp(c->s->tok[t].upos, "NUM")))
        t++;
    if (t == v + 1 || t >= c->n) return 0;
    const tc_token *k = &c->s->tok[t];
    if (k->upos && !strcmp(k->upos, "AUX")) return 1;
    return k->xpos && (!strcmp(k->xpos, "MD") || !strcmp(k->xpos, "VBZ") || !strcmp(k->xpos, "VBP") ||
                       !strcmp(k->xpos, "VBD"));
}

static int has_mark(const ctx *c, int32_t v, const char *const *ws)
{
    for (int32_t k = c->fc[v]; k >= 0; k = c->ns[k])
        if (c->rel[k] == R_MARK && lemma_in(c, k, ws)) return 1;
    return 0;
}

/* "Straw is to visit Thailand", "the goal is to occupy Basra": an infinitive predicate */
static int cop_infinitive(const ctx *c, int32_t v)
{
    static const char *const to[] = {"to", NULL};
    if (!c->s->tok[v].xpos || strcmp(c->s->tok[v].xpos, "VB") || !has_mark(c, v, to)) return 0;
    for (int32_t k = c->fc[v]; k >= 0; k = c->ns[k])
        if (c->rel[k] == R_COP) return 1;
    return 0;
}

/* the first verb above v is in the past tense ("the title came in 2000, when they beat
 * Australia": beat is a past, not a present of a plan) */
static int past_above(const ctx *c, int32_t v)
{
    for (int32_t g = c->head[v], steps = 0; g >= 0 && steps < 8; g = c->head[g], steps++) {
        const tc_token *t = &c->s->tok[g];
        if (t->upos && (!strcmp(t->upos, "VERB") || !strcmp(t->upos, "AUX")))
            return t->xpos && !strcmp(t->xpos, "VBD");
    }
    return 0;
}

/* news mode: an act announced for later: "will meet", "is due to visit", "are set to meet",
 * "is going to attack", or a present tense under when/after/before ("when he meets Lavrov") */
static int news_future(const ctx *c, int32_t v)
{
    static const char *const aux[] = {"will", "shall", "'ll", "wo", NULL};
    static const char *const sched[] = {"due", "set", "scheduled", "slated", "poised", NULL};
    static const char *const when[] = {"when", "after", "before", "once", "until", NULL};
    static const char *const to[] = {"to", NULL};
    if (cop_infinitive(c, v)) return 1;
    for (int depth = 0; v >= 0 && depth < 4; depth++) {
        int subj = 0;
        for (int32_t k = c->fc[v]; k >= 0; k = c->ns[k]) {
            int r = c->rel[k];
            if (r == R_AUX && (lemma_in(c, k, aux) || (c->s->tok[k].form && !strcasecmp(c->s->tok[k].form, "would") &&
                                                      reported_would(c, v))))
                return 1;
            if (r == R_NSUBJ || r == R_NSUBJPASS) subj = 1;
        }
        const char *x = c->s->tok[v].xpos;
        if (x && (!strcmp(x, "VBZ") || !strcmp(x, "VBP")) && !past_above(c, v)) {
            for (int32_t k = c->fc[v]; k >= 0; k = c->ns[k])
                if ((c->rel[k] == R_MARK || c->rel[k] == R_ADVMOD) && k < v && lemma_in(c, k, when)) return 1;
        }
        int r = c->rel[v];
        int32_t g = c->head[v];
        if (g < 0) break;
        if ((r == R_XCOMP || r == R_CCOMP) && has_mark(c, v, to) && lemma_in(c, g, sched)) return 1;
        if (r == R_XCOMP && c->s->tok[g].form && !strcasecmp(c->s->tok[g].form, "going") && has_mark(c, v, to))
            return 1;
        if (r != R_CONJ || subj) break;
        v = g;
    }
    return 0;
}

/* news mode: an infinitive of purpose ("a pretext to invade", "massed troops to attack"):
 * the verb it serves, else -1 */
static int32_t news_purpose(const ctx *c, int32_t v)
{
    static const char *const to[] = {"to", NULL};
    for (int depth = 0; v >= 0 && depth < 4; depth++) {
        int r = c->rel[v];
        if (r == R_ADVCL && c->s->tok[v].xpos && !strcmp(c->s->tok[v].xpos, "VB") && has_mark(c, v, to))
            return c->head[v];
        if (r != R_CONJ && r != R_XCOMP) break;
        v = c->head[v];
    }
    return -1;
}

/* news mode: an act someone wants, plans or seeks ("seeking to deepen a partnership"):
 * an intent, like an announced one */
static int news_wished(const ctx *c, int32_t v)
{
    static const char *const w[] = {"want", "plan", "intend", "hope", "aim", "wish", "seek", NULL};
    return c->rel[v] == R_XCOMP && c->head[v] >= 0 && lemma_in(c, c->head[v], w);
}

/* "Obama wants Putin to attack": a wish about another's act, no event of anyone's */
static int news_wished_of_other(const ctx *c, int32_t v)
{
    if (!news_wished(c, v)) return 0;
    for (int32_t k = c->fc[c->head[v]]; k >= 0; k = c->ns[k])
        if (c->rel[k] == R_OBJ || c->rel[k] == R_IOBJ) return 1;
    return 0;
}

/* CAMEO: the intent (03x) or threat (13x) code of an announced act, NULL when an
 * announcement of it is no event */
static const char *intent_code(const char *code)
{
    if (!code || strlen(code) < 3) return NULL;
    static const char *const map[][2] = {
        {"071", "0331"}, {"072", "0332"}, {"073", "0333"}, {"074", "0334"}, {"061", "0311"},
        {"062", "0312"}, {"063", "0313"}, {"064", "0314"}, {"081", "0351"}, {"083", "034"},
        {"084", "0353"}, {"085", "0354"}, {"086", "0355"}, {"087", "0356"}, {"161", "1313"},
        {"162", "1311"}, {"163", "1312"}, {"164", "134"},  {"165", "135"},  {"166", "136"},
        {"191", "1381"}, {"192", "1382"}, {"193", "1384"}, {"194", "1384"}, {"195", "1384"},
        {"196", "1384"}, {"204", "1385"},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (!strncmp(code, map[i][0], 3)) return map[i][1];
    switch (code[0] * 256 + code[1]) {
    /* announcing a statement, an appeal, an intent, a demand or a threat is one */
    case '0' * 256 + '1': case '0' * 256 + '2': case '0' * 256 + '3': case '1' * 256 + '0':
    case '1' * 256 + '3': return code;
    case '0' * 256 + '4': return "036";
    case '0' * 256 + '5': return "032";
    case '0' * 256 + '6': return "031";
    case '0' * 256 + '7': return "033";
    case '0' * 256 + '8': return "035";
    case '1' * 256 + '6': return "131";
    case '1' * 256 + '7': return "137";
    case '1' * 256 + '8': return "1383";
    case '1' * 256 + '9': return "138";
    case '2' * 256 + '0': return "1383";
    default: return NULL;
    }
}

/* an uncoded noun phrase that may stand as a target: an object or passive subject, and for
 * mode 1 also a prepositional phrase (a bare temporal noun is none) */
static int has_object(const ctx *c, int32_t v, int mode)
{
    for (int32_t k = c->fc[v]; k >= 0; k = c->ns[k]) {
        int r = c->rel[k];
        if (r == R_OBJ || r == R_IOBJ || r == R_NSUBJPASS) return 1;
        if (mode == 1 && (r == R_OBL || r == R_NMOD || r == R_TMOD))
            for (int32_t g = c->fc[k]; g >= 0; g = c->ns[g])
                if (c->rel[g] == R_CASE) return 1;
    }
    return 0;
}

static void code_verb(ctx *c, int32_t v)
{
    const tc_dict_verb *ve = verb_entry(c, v);
    if (!ve) return;
    if (c->o->news && (irrealis(c, v) || news_provided_conj(c, v) || news_wished_of_other(c, v))) return;
    c->future = 0;
    c->said = -1;
    if (c->info) c->info->nverbs++;
    const tc_dict_block *b = &c->d->blocks[ve->block];
    c->vblock[v] = (int32_t)ve->block;
    int32_t src_o, tgt_o;
    const tc_dict_pattern *p = best_pattern(c, b, v, &src_o, &tgt_o);
    const char *code, *pcode;
    if (p) {
        code = p->code;
        pcode = p->pcode;
    } else if (ve->code || ve->pcode) {
        code = ve->code;
        pcode = ve->pcode;
    } else {
        code = b->code;
        pcode = b->pcode;
    }
    if (is_null_code(code) && is_null_code(pcode)) return;
    int passive = 0, neg = 0;
    const char *mcode = NULL;
    for (int32_t k = c->fc[v]; k >= 0; k = c->ns[k]) {
        int r = c->rel[k];
        if (r == R_NSUBJPASS || r == R_AUXPASS) passive = 1;
        if (r == R_NEG || (r == R_ADVMOD && c->fw[k] == FW_NOT))
            neg = 1;
        if (r == R_AUX && c->fw[k] != FW_BEHAVEDO) {
            const tc_dict_verb *m = verb_entry(c, k);
            if (m) {
                const tc_dict_block *mb = &c->d->blocks[m->block];
                const char *mc = m->code ? m->code : mb->code;
                if (!is_null_code(mc)) mcode = mc;
            }
        }
    }
    if (mcode && c->o->modals) {
        if (!is_null_code(code)) code = modal(c, mcode, code);
    }
    if (neg) {
        code = is_null_code(code) ? NULL : negate(c, code);
        pcode = is_null_code(pcode) ? NULL : negate(c, pcode);
        if (!code && !pcode) return;
    }
    /* an infinitive of purpose is no act of its own, unless a dictionary verb's act serves it
     * ("approved credits to assist Jamaica"); an attack as a purpose never is ("a pretext to
     * invade", "massed troops to attack") */
    if (c->o->news) {
        int32_t g = news_purpose(c, v);
        if (g >= 0 && (violent_code(code) || !verb_entry(c, g))) return;
        /* "troops are to occupy Odesa", "the goal is to occupy": a plan of force is no threat made */
        if (violent_code(code) && cop_infinitive(c, v)) return;
    }
    if (c->o->news && (news_future(c, v) || news_wished(c, v))) {
        code = intent_code(code);

        pcode = NULL;
        if (!code) return;
        c->future = 1;
        /* the statement: the first verb above that is not itself announced */
        c->said = -1;
        for (int32_t g = c->head[v], steps = 0; g >= 0 && steps < 8; g = c->head[g], steps++) {
            const char *gu = c->s->tok[g].upos;
            if (gu && !strcmp(gu, "VERB") && !news_future(c, g)) {
                c->said = g;
                break;
            }
        }
    }
    int32_t srcs[MAXLIST], tgts[MAXLIST];
    int ns = 0, nt = 0;
    int32_t sh[MAXLIST], th[MAXLIST];
    int nsh = src_o >= 0 ? (sh[0] = src_o, 1) : sources_of(c, v, passive, sh, MAXLIST, 0);
    const tc_dict_agent *sag[MAXLIST], *tag[MAXLIST];
    for (int i = 0; i < nsh && ns < MAXLIST; i++) ns += np_list(c, sh[i], srcs + ns, sag + ns, MAXLIST - ns);
    /* PETRARCH-2 dialect: a pattern that names the source ($) but no target makes the subject the
     * target ("Mordor ... to celebrate May Day with Eriador": Eriador -> Mordor); TABARI finds
     * the target as usual */
    int nth = tgt_o >= 0   ? (th[0] = tgt_o, 1)
              : src_o >= 0 && !c->d->tabari_verbs ? sources_of(c, v, passive, th, MAXLIST, 0)
                           : targets_of(c, v, passive, th, MAXLIST);
    /* news mode: "rejected Moscow's demands": the owner of what is rejected */
    for (int32_t k = c->fc[v]; k >= 0 && !nth && c->o->news && !passive && owner_code_ok(code); k = c->ns[k])
        if (k > v && c->rel[k] == R_OBJ) {
            int32_t st;
            if (owner_code(c, k, &st)) th[nth++] = k;
        }
    /* news mode: "struck a fuel depot in Lviv": the attacked object's place */
    for (int32_t k = c->fc[v]; k >= 0 && !nth && c->o->news && !passive && violent_code(code); k = c->ns[k])
        if (k > v && (c->rel[k] == R_OBJ || c->rel[k] == R_OBL)) {
            int32_t st;
            if (place_code(c, k, &st, 0)) th[nth++] = k;
        }
    for (int i = 0; i < nth && nt < MAXLIST; i++) nt += np_list(c, th[i], tgts + nt, tag + nt, MAXLIST - nt);
    /* news mode: "spoke to Mr Zelensky, to Boris Johnson and to Mr Biden" with each phrase
     * attached to the verb: the pattern's target phrase and its like-prepositioned sisters */
    if (c->o->news && tgt_o >= 0 && c->head[tgt_o] == v && c->rel[tgt_o] == R_OBL && prep_of(c, tgt_o)) {
        for (int32_t k = c->fc[v]; k >= 0 && nt < MAXLIST; k = c->ns[k]) {
            int32_t st;
            if (k == tgt_o || c->rel[k] != R_OBL || prep_of(c, k) != prep_of(c, tgt_o) || !np_code(c, k, &st))
                continue;
            nt += np_list(c, k, tgts + nt, tag + nt, MAXLIST - nt);
        }
    }
    const char *scode[MAXLIST], *tcode[MAXLIST];
    int32_t stok[MAXLIST], ttok[MAXLIST];
    int nsc = 0, ntc = 0;
    for (int i = 0; i < ns; i++) {
        const char *x = np_code(c, srcs[i], &stok[nsc]);
        if (x && sag[i] && !c->nps[srcs[i]].agent) x = combine(c, x, sag[i]);
        /* news mode: "Russian missiles struck a depot": the weapons' country attacks */
        if (!x && c->o->news && violent_code(code) && !ispron(&c->s->tok[srcs[i]]))
            for (int32_t k = c->fc[srcs[i]]; k >= 0 && !x; k = c->ns[k])
                if ((c->rel[k] == R_AMOD || c->rel[k] == R_COMPOUND) && k < srcs[i]) {
                    np *q = resolve(c, k, 0);
                    if (q->code && !q->agent) {
                        x = q->code;
                        stok[nsc] = srcs[i];
                    }
                }
        x = shared_actor(c, srcs, i, x);
        if (x) scode[nsc++] = x;
    }
    for (int i = 0; i < nt; i++) {
        const char *x = np_code(c, tgts[i], &ttok[ntc]);
        if (!x && c->o->news && violent_code(code)) x = place_code(c, tgts[i], &ttok[ntc], 0);
        if (!x && c->o->news && owner_code_ok(code)) x = owner_code(c, tgts[i], &ttok[ntc]);
        if (x && tag[i] && !c->nps[tgts[i]].agent) x = combine(c, x, tag[i]);
        x = shared_actor(c, tgts, i, x);
        if (x) tcode[ntc++] = x;
    }
    /* news mode: "Ukraine President Volodymyr Zelenskiy" split into the conjuncts "Ukraine"
     * and "Volodymyr Zelenskiy": the country right before its own official is no target */
    for (int i = 0; c->o->news && i < ntc; i++) {
        if (strlen(tcode[i]) != 3 || ttok[i] < 0) continue;
        for (int j = 0; j < ntc; j++) {
            if (j == i || ttok[j] <= ttok[i] || ttok[j] > ttok[i] + 3 || strlen(tcode[j]) <= 3 ||
                strncmp(tcode[j], tcode[i], 3))
                continue;
            for (int k = i; k + 1 < ntc; k++) {
                tcode[k] = tcode[k + 1];
                ttok[k] = ttok[k + 1];
            }
            ntc--;
            i--;
            break;
        }
    }
    /* several sources and no target: reciprocal events for '%' patterns and 03-06 codes */
    /* news mode: only a pair ("Blinken and Lavrov met") is read as mutual; a list of five
     * countries that "supported a complaint" is five one-sided statements without a target */
    int ndistinct = 0;
    for (int i = 0; i < nsc; i++) {
        int seen = 0;
        for (int j = 0; j < i && !seen; j++) seen = !strcmp(scode[i], scode[j]);
        ndistinct += !seen;
    }
    if (nsc >= 2 && !ntc && !is_null_code(code) && !(c->o->news && ndistinct > 2) &&
        ((p && p->pct) || (code[0] == '0' && code[1] >= '3' && code[1] <= '6'))) {
        for (int i = 0; i < nsc; i++)
            for (int j = 0; j < nsc; j++)
                if (i != j && strcmp(scode[i], scode[j])) add_ev(c, scode[i], scode[j], code, stok[i], stok[j], v, p, ve);
        return;
    }
    if (!nsc) { scode[0] = NULL; stok[0] = -1; nsc = 1; }
    if (!ntc && !c->o->require_dyad && c->o->targetless) {
        /* an event without a target needs an object (code.h) and a subject of the verb's
         * own: a source inherited through coordination or from the noun a participle
         * modifies anchors no targetless event ("crowds burned down its embassy" parsed
         * as a participle) */
        int own = src_o >= 0;
        for (int i = 0; i < nsh && !own; i++) own = c->head[sh[i]] == v || lost_subject(c, v) == sh[i];
        if (!own || !has_object(c, v, c->o->targetless)) return;
    }
    if (!ntc) { tcode[0] = NULL; ttok[0] = -1; ntc = 1; }
    for (int i = 0; i < nsc; i++)
        for (int j = 0; j < ntc; j++) {
            if (!is_null_code(code)) add_ev(c, scode[i], tcode[j], code, stok[i], ttok[j], v, p, ve);
            if (!is_null_code(pcode)) add_ev(c, tcode[j], scode[i], pcode, ttok[j], stok[i], v, p, ve);
        }
}

/* say-verb transformations: outer verb v with a ccomp verb w */
static int var_ok(char var, const char *val, char outer, const char *outer_val, const char **bound)
{
    if (var == '.') return 1;
    if (var == '_') return !*val;
    if (!*val) return 0;
    if (var == outer) return outer_val && !strcmp(val, outer_val);
    *bound = val;
    return 1;
}

static void transforms(ctx *c)
{
    if (!c->d->ntransforms) return;
    uint32_t nev0 = c->nev;
    for (uint32_t i = 0; i < nev0; i++) {
        raw_ev *e = &c->ev[i];
        if (e->dead) continue;
        int32_t w = e->verb;
        int32_t v = c->head[w];
        if (v < 0 || (c->rel[w] != R_CCOMP && c->rel[w] != R_XCOMP) || c->vblock[v] < 0) continue;
        if (e->future) {
            /* news mode: "Russia said it will attack" is Russia's threat (the intent code
             * stands); "Biden said Russia will attack" is a forecast, no event of Russia's */
            int32_t sh[MAXLIST];
            int nsh = sources_of(c, v, 0, sh, MAXLIST, 0);
            const char *outer = NULL;
            int32_t otok = -1;
            for (int k = 0; k < nsh && !outer; k++) outer = np_code(c, sh[k], &otok);
            if (outer && *e->src && strncmp(outer, e->src, 3) && strncmp(outer, "---", 3) &&
                strncmp(e->src, "---", 3))
                e->dead = 1;
            continue;
        }
        const char *oname = c->d->blocks[c->vblock[v]].name;
        const char *iname = c->vblock[w] >= 0 ? c->d->blocks[c->vblock[w]].name : "";
        /* outer sources */
        int32_t sh[MAXLIST];
        int nsh = sources_of(c, v, 0, sh, MAXLIST, 0);
        const char *outer = NULL;
        int32_t otok = -1;
        for (int k = 0; k < nsh && !outer; k++) outer = np_code(c, sh[k], &otok);
        /* news mode: "Israeli jets struck targets in Gaza, the army said": a source whose
         * country is unknown reports the event; it accuses or claims nothing we can code */
        if (c->o->news && outer && !strncmp(outer, "---", 3)) continue;
        for (size_t t = 0; t < c->d->ntransforms; t++) {
            const tc_dict_transform *x = &c->d->transforms[t];
            if (strcmp(x->outer_verb, oname)) continue;
            if (strcmp(x->inner_verb, "Q") && strcmp(x->inner_verb, iname)) continue;
            if (!outer) continue;
            const char *b1 = NULL, *b2 = NULL;
            if (!var_ok(x->inner_src, e->src, x->outer_src, outer, &b1)) continue;
            if (!var_ok(x->inner_tgt, e->tgt, x->outer_src, outer, &b2)) continue;
            const char *rs = x->res_src == x->outer_src ? outer : x->res_src == x->inner_src ? e->src : e->tgt;
            const char *rt = x->res_tgt == x->outer_src ? outer : x->res_tgt == x->inner_src ? e->src : e->tgt;
            const char *rc = strcmp(x->res_code, "Q") ? x->res_code : e->code;
            e->dead = 1;
            raw_ev ne = *e;
            ne.dead = 0;
            ne.src = rs ? rs : "";
            ne.tgt = rt ? rt : "";
            ne.code = rc;
            ne.pfile = x->file;
            ne.pline = x->line;
            ne.transform = x->file;
            ne.s_tok = otok;
            if (c->nev == c->capev) {
                uint32_t nc = c->capev * 2;
                raw_ev *q = tc_arena_alloc(&c->doc->arena, nc * sizeof *q);
                if (!q) return;
                memcpy(q, c->ev, c->nev * sizeof *q);
                c->ev = q;
                c->capev = nc;
                e = &c->ev[i];
            }
            c->ev[c->nev++] = ne;
            break;
        }
    }
}

/* news mode: does a pattern of block b have a noun element headed by word w ("STRIKES")? */
static int block_has_noun(const ctx *c, const tc_dict_block *b, int32_t wf, int32_t wl)
{
    for (uint32_t i = 0; i < b->npat; i++) {
        const tc_dict_pattern *p = &c->d->patterns[b->first + i];
        for (uint32_t k = 0; k < p->npre + p->npost; k++) {
            const tc_dict_pel *el = &c->d->pels[p->pre_first + k];
            if (el->kind != TC_PEL_NOUN || !el->n) continue;
            tc_dict_slot sl = c->d->slots[el->first + el->n - 1];
            if ((wf && tc_dict_slot_word(c->d, sl, wf)) || (wl && tc_dict_slot_word(c->d, sl, wl))) return 1;
        }
    }
    return 0;
}

/* news mode: a light verb's object read as a verb ("carried out missile strikes on a depot"
 * tagged "missile/NOUN strikes/VERB" under "carried"): when the verb has no object, and the
 * words up to a following verb-tagged word are its nominal modifiers, and that word heads an
 * object pattern of the light verb's block, it is the object (its "subject" a compound). */
static void rebuild_children(ctx *c)
{
    for (int32_t i = 0; i < c->n; i++) c->fc[i] = c->ns[i] = -1;
    for (int32_t i = c->n - 1; i >= 0; i--) {
        int32_t h = c->head[i];
        if (h >= 0 && h != i) {
            c->ns[i] = c->fc[h];
            c->fc[h] = i;
        }
    }
}

/* news mode: a finite past verb parsed as an adjective of its object ("Russian forces
 * shelled Ukrainian positions" as forces <-nsubj- positions -amod-> shelled): the verb heads
 * the clause, the noun is its object, the noun's subject (or the compound before the verb)
 * its subject */
static int news_repair_vbd_amod(ctx *c)
{
    int changed = 0;
    for (int32_t w = 1; w < c->n; w++) {
        const tc_token *t = &c->s->tok[w];
        int32_t n = c->head[w];
        if (c->rel[w] != R_AMOD || !t->xpos || (strcmp(t->xpos, "VBD") && strcmp(t->xpos, "VBN")) || n <= w ||
            !t->upos || strcmp(t->upos, "VERB"))
            continue;
        if (!c->s->tok[n].upos || strcmp(c->s->tok[n].upos, "NOUN")) continue;
        /* the noun's subject (a noun has none unless it is a copula's predicate), or a
         * determined noun compounded before the verb ("the army shelled villages") */
        int32_t subj = -1, cop = 0;
        for (int32_t k = c->fc[n]; k >= 0; k = c->ns[k]) {
            if (c->rel[k] == R_COP || c->rel[k] == R_AUX) cop = 1;
            if (k < w && c->rel[k] == R_NSUBJ && isnoun(&c->s->tok[k])) subj = k;
        }
        if (subj < 0 && w > 0 && c->head[w - 1] == n && c->rel[w - 1] == R_COMPOUND) {
            int32_t k = w - 1;
            for (int32_t g = c->fc[k]; g >= 0; g = c->ns[g])
                if (c->rel[g] == R_DET) subj = k;
        }
        if (cop) continue;
        if (subj < 0) {
            /* "Israeli jets struck targets in Gaza" parsed as jets -nmod-> targets -amod->
             * struck, or with "jets" attached elsewhere: the noun right before the verb is
             * the subject, the verb takes the object's place */
            int32_t sn = w - 1;
            int has_case = 0;
            for (int32_t k = c->fc[n]; k >= 0; k = c->ns[k]) has_case |= c->rel[k] == R_CASE;
            if (has_case || !isnoun(&c->s->tok[sn]) || ispron(&c->s->tok[sn])) continue;
            /* the words between the verb and the noun modify the noun */
            int only_mods = 1;
            for (int32_t k = w + 1; k < n; k++)
                if (c->head[k] <= w || c->head[k] > n) only_mods = 0;
            if (!only_mods) continue;
            int32_t up;
            int ur;
            if (c->head[n] == sn) {
                /* jets -nmod-> targets: the verb takes the subject noun's place */
                if (c->rel[n] != R_NMOD && c->rel[n] != R_OBJ) continue;
                up = c->head[sn];
                ur = c->rel[sn];
            } else {
                /* forces attached elsewhere: the verb takes the object noun's place */
                up = c->head[n];
                ur = c->rel[n];
            }
            int32_t oh[3] = {c->head[w], c->head[sn], c->head[n]};
            uint8_t orl[3] = {c->rel[w], c->rel[sn], c->rel[n]};
            c->head[w] = up;
            c->rel[w] = (uint8_t)(ur == R_NSUBJ || ur == R_NSUBJPASS ? R_CCOMP : ur);
            c->head[sn] = w;
            c->rel[sn] = R_NSUBJ;
            c->head[n] = w;
            c->rel[n] = R_OBJ;
            /* no cycle: the verb must still reach the root */
            int32_t h = c->head[w], steps = 0;
            while (h >= 0 && h != w && steps <= c->n) {
                h = c->head[h];
                steps++;
            }
            if (h == w || steps > c->n) {
                c->head[w] = oh[0];
                c->head[sn] = oh[1];
                c->head[n] = oh[2];
                c->rel[w] = orl[0];
                c->rel[sn] = orl[1];
                c->rel[n] = orl[2];
                continue;
            }
            changed = 1;
            continue;
        }
        int ok = 1;
        for (int32_t k = w + 1; k < n && ok; k++) {
            const char *u = c->s->tok[k].upos ? c->s->tok[k].upos : "";
            if (strcmp(u, "ADJ") && strcmp(u, "DET") && strcmp(u, "NOUN") && strcmp(u, "NUM") && strcmp(u, "PROPN") &&
                strcmp(u, "PART"))
                ok = 0;
        }
        if (!ok) continue;
        c->head[w] = c->head[n];
        c->rel[w] = c->rel[n];
        c->head[n] = w;
        c->rel[n] = R_OBJ;
        c->head[subj] = w;
        c->rel[subj] = R_NSUBJ;
        /* the noun's determiner before the subject goes with the subject */
        for (int32_t k = 0; k < subj; k++)
            if (c->head[k] == n && c->rel[k] == R_DET) c->head[k] = subj;
        changed = 1;
    }
    return changed;
}

/* news mode: a name or noun parsed as a verb's complement clause ("Erdogan hosted German
 * Chancellor Olaf Scholz" with Scholz a ccomp) is its object when the verb has none */
static void news_repair_nominal_ccomp(ctx *c)
{
    for (int32_t k = 0; k < c->n; k++) {
        int32_t v = c->head[k];
        if (c->rel[k] != R_CCOMP || v < 0 || k < v || !c->s->tok[k].upos ||
            (strcmp(c->s->tok[k].upos, "PROPN") && strcmp(c->s->tok[k].upos, "NOUN")))
            continue;
        if (!c->s->tok[v].upos || strcmp(c->s->tok[v].upos, "VERB")) continue;
        int clause = 0, obj = 0;
        for (int32_t g = c->fc[k]; g >= 0; g = c->ns[g]) {
            int r = c->rel[g];
            clause |= r == R_NSUBJ || r == R_NSUBJPASS || r == R_COP || r == R_AUX || r == R_MARK || r == R_CASE;
        }
        for (int32_t g = c->fc[v]; g >= 0; g = c->ns[g]) obj |= c->rel[g] == R_OBJ;
        if (!clause && !obj) c->rel[k] = R_OBJ;
    }
}

/* news mode: a verb parsed as a conjunct of a pronoun or noun ("urged nations to remain
 * united in what he called aggression and reassured Ukraine's leader", reassured under
 * "what") is a conjunct of the main verb above it */
static int news_repair_verb_conj(ctx *c)
{
    int changed = 0;
    for (int32_t w = 0; w < c->n; w++) {
        int32_t h = c->head[w];
        if (c->rel[w] != R_CONJ || h < 0 || !c->s->tok[w].upos || strcmp(c->s->tok[w].upos, "VERB")) continue;
        const char *hu = c->s->tok[h].upos;
        if (!hu || !strcmp(hu, "VERB") || !strcmp(hu, "AUX")) continue;
        int own_subj = 0;
        for (int32_t k = c->fc[w]; k >= 0; k = c->ns[k]) own_subj |= c->rel[k] == R_NSUBJ;
        if (own_subj) continue;
        int32_t top = -1;
        for (int32_t g = h, steps = 0; g >= 0 && steps < 16; g = c->head[g], steps++)
            if (c->s->tok[g].upos && !strcmp(c->s->tok[g].upos, "VERB") && g < w) top = g;
        if (top < 0) continue;
        c->head[w] = top;
        changed = 1;
    }
    return changed;
}

/* news mode: "called for the West to do more", "appealed for NATO to send troops": UD makes
 * "for" the mark and "the West" the subject of the infinitive clause; for the coder the
 * addressee is the verb's "for" phrase, as in "called for the West" (CALL_FOR, APPEAL) */
static int news_repair_for_subject(ctx *c)
{
    int changed = 0;
    for (int32_t k = 0; k < c->n; k++) {
        int32_t cl = c->head[k];
        const char *f = c->s->tok[k].form;
        if (c->rel[k] != R_MARK || cl < 0 || !f || strcasecmp(f, "for")) continue;
        if (c->rel[cl] != R_ADVCL && c->rel[cl] != R_XCOMP && c->rel[cl] != R_CCOMP) continue;
        int32_t v = c->head[cl];
        if (v < 0 || v > k || !c->s->tok[v].upos || strcmp(c->s->tok[v].upos, "VERB")) continue;
        int32_t subj = -1;
        int to = 0;
        for (int32_t g = c->fc[cl]; g >= 0; g = c->ns[g]) {
            if (c->rel[g] == R_NSUBJ && g > k && g < cl && subj < 0) subj = g;
            if (is_mark_to(c, g)) to = 1;
        }
        if (subj < 0 || !to) continue;
        c->head[subj] = v;
        c->rel[subj] = R_OBL;
        c->head[k] = subj;
        c->rel[k] = R_CASE;
        changed = 1;
    }
    return changed;
}

static void news_repair(ctx *c)
{
    if (news_repair_for_subject(c)) rebuild_children(c);
    if (news_repair_verb_conj(c)) rebuild_children(c);
    news_repair_nominal_ccomp(c);
    if (news_repair_vbd_amod(c)) rebuild_children(c);
    for (int32_t w = 1; w < c->n; w++) {
        const tc_token *t = &c->s->tok[w];
        int32_t h = c->head[w];
        int r = c->rel[w];
        if (!t->upos || strcmp(t->upos, "VERB") || h < 0 || h >= w) continue;
        if (r != R_CONJ && r != R_CCOMP && r != R_XCOMP && r != R_PARATAXIS) continue;
        const tc_dict_verb *ve = verb_entry(c, h);
        if (!ve) continue;
        int objless = 1;
        for (int32_t k = c->fc[h]; k >= 0; k = c->ns[k])
            if (c->rel[k] == R_OBJ) objless = 0;
        if (!objless) continue;
        int ok = 1;
        for (int32_t k = h + 1; k < w && ok; k++) {
            const char *u = c->s->tok[k].upos ? c->s->tok[k].upos : "";
            if (c->head[k] == h && (c->rel[k] == R_PRT || c->rel[k] == R_ADVMOD || c->rel[k] == R_COMPOUND)) continue;
            /* "long-range" tagged long/ADV: a modifier inside the phrase */
            if (!strcmp(u, "ADV") && c->head[k] > h && c->head[k] <= w) continue;
            if (strcmp(u, "NOUN") && strcmp(u, "ADJ") && strcmp(u, "PUNCT") && strcmp(u, "NUM") && strcmp(u, "DET"))
                ok = 0;
        }
        if (!ok || !block_has_noun(c, &c->d->blocks[ve->block], c->wf[w], c->wl[w])) continue;
        c->rel[w] = R_OBJ;
        c->fw[w] = FW_NOUNED;
        for (int32_t k = c->fc[w]; k >= 0; k = c->ns[k])
            if ((c->rel[k] == R_NSUBJ || c->rel[k] == R_NSUBJPASS) && k < w && k > h) c->rel[k] = R_COMPOUND;
    }
}

/* ------------------------------------------------------------- parse repairs */

/* the sentence's tokens for re-tagging: a private copy, so the document keeps its parse */
static tc_token *tokens_rw(ctx *c)
{
    if (!c->copied) {
        tc_token *t = tc_arena_alloc(&c->doc->arena, (size_t)c->n * sizeof *t);
        if (!t) return NULL;
        memcpy(t, c->s->tok, (size_t)c->n * sizeof *t);
        c->scopy = *c->s;
        c->scopy.tok = t;
        c->s = &c->scopy;
        c->copied = 1;
    }
    return c->s->tok;
}

static int nominal_rel(int r)
{
    return r == R_NSUBJ || r == R_NSUBJPASS || r == R_OBJ || r == R_IOBJ || r == R_NMOD || r == R_OBL ||
           r == R_AGENT || r == R_POSS || r == R_APPOS || r == R_CONJ || r == R_COMPOUND || r == R_FLAT;
}

/* a capitalised word that begins an actor phrase of the dictionaries (a code, not [---]) */
static int actor_word(const ctx *c, int32_t i)
{
    const char *f = c->s->tok[i].form;
    if (!f || !isupper((unsigned char)f[0]) || !c->wf[i]) return 0;
    uint32_t idx;
    if (!tc_dict_match_actor(c->d, c->wf + i, (uint32_t)(c->n - i), &idx)) return 0;
    const char *code = tc_dict_actor_code(c->d, &c->d->actors[idx], c->date);
    return code && strcmp(code, "---");
}

/* "seem"/"appear" with the dummy subject "it" ("it seems", "it appears that ...") */
static int expletive_verb(const ctx *c, int32_t v)
{
    static const char *const sv[] = {"seem", "appear", NULL};
    if (!lemma_in(c, v, sv)) return 0;
    int it = 0;
    for (int32_t k = c->fc[v]; k >= 0; k = c->ns[k]) {
        if (c->rel[k] == R_XCOMP) return 0; /* raising: "it seems to help" refers */
        if (c->rel[k] == R_NSUBJ && c->s->tok[k].form && !strcasecmp(c->s->tok[k].form, "it")) it = 1;
    }
    return it;
}

/* Tagging errors of a given parse, repaired from the dictionaries and the relations:
 * - a name the actor dictionary knows, tagged as a function word or a verb but attached as
 *   a nominal (subject, object, modifier: "Frodo/AUX said"), is a proper noun;
 * - such a name attached as a preposition ("case") of the noun after it ("the evil
 *   Arnor/ADP awful Gondor") is a modifier of that noun, and its actor is the phrase's.
 * Returns -1 when out of memory. */
static int repair_tags(ctx *c)
{
    for (int32_t i = 0; i < c->n; i++) {
        int r = c->rel[i], h = c->head[i];
        if (!nominal_rel(r) && r != R_CASE) continue;
        const char *f = c->s->tok[i].form;
        if (!f || !isupper((unsigned char)f[0])) continue;
        /* not already a noun, pronoun, number, symbol or punctuation */
        const char *u = c->s->tok[i].upos;
        if (!u || u[0] == 'N' || u[0] == 'X' || (u[0] == 'P' && (u[1] == 'R' || u[1] == 'U')) ||
            (u[0] == 'S' && u[1] == 'Y'))
            continue;
        int as_case = r == R_CASE && h > i && c->s->tok[h].upos &&
                      (!strcmp(c->s->tok[h].upos, "PROPN") || !strcmp(c->s->tok[h].upos, "NOUN"));
        if (!nominal_rel(r) && !as_case) continue;
        if (!actor_word(c, i)) continue;
        tc_token *t = tokens_rw(c);
        if (!t) return -1;
        t[i].upos = "PROPN";
        t[i].xpos = "NNP";
        c->fw[i] = FW_NONE;
        if (as_case) c->rel[i] = R_COMPOUND;
    }
    /* coordination joins like with like: a prepositional phrase parsed as the conjunct of a
     * verb ("it seems, ... a senior official said on Saturday" with "Saturday" a conjunct
     * of "seems") is a modifier of the nearest verb before it */
    int moved = 0;
    for (int32_t i = 0; i < c->n; i++) {
        int32_t h = c->head[i];
        if (c->rel[i] != R_CONJ || h < 0 || h > i) continue;
        const char *u = c->s->tok[i].upos, *hu = c->s->tok[h].upos;
        if (!u || (strcmp(u, "NOUN") && strcmp(u, "PROPN")) || !hu || strcmp(hu, "VERB")) continue;
        int pp = 0;
        for (int32_t k = c->fc[i]; k >= 0 && !pp; k = c->ns[k])
            if (c->rel[k] == R_CASE && k < i) pp = 1;
        if (!pp) continue;
        int32_t v = i - 1;
        while (v > h && !(c->s->tok[v].upos && !strcmp(c->s->tok[v].upos, "VERB") && c->rel[v] != R_AMOD)) v--;
        c->head[i] = v;
        c->rel[i] = R_NMOD;
        moved = 1;
    }
    if (moved) rebuild_children(c);
    /* a parenthetical "it seems" / "it appears" takes no object: an object the parse hangs
     * under it ("to restore, it seems, complete, full diplomatic ties") is the object of the
     * nearest verb before it that has none */
    moved = 0;
    for (int32_t p = 0; p < c->n; p++) {
        if (c->rel[p] != R_PARATAXIS || !expletive_verb(c, p)) continue;
        for (int32_t k = c->fc[p]; k >= 0; k = c->ns[k]) {
            if (c->rel[k] != R_OBJ || k < p) continue;
            int32_t v = p - 1;
            while (v >= 0 && !(c->s->tok[v].upos && !strcmp(c->s->tok[v].upos, "VERB") && c->rel[v] != R_AMOD)) v--;
            for (int32_t g = v >= 0 ? c->fc[v] : -1; g >= 0; g = c->ns[g])
                if (c->rel[g] == R_OBJ) v = -1;
            if (v < 0) continue;
            c->head[k] = v;
            moved = 1;
        }
    }
    if (moved) rebuild_children(c);
    return 0;
}

/* the subject a finite verb lost to a misparse, when it has none and no verb above to take
 * one from: the noun right before it, parsed as the verb's prepositional modifier ("after
 * Calenardhon crowds burned ..." read as "after the crowds") or as the noun the verb hangs
 * from; -1 when none */
static int32_t lost_subject_compute(const ctx *c, int32_t v);

static int32_t lost_subject(const ctx *c, int32_t v)
{
    if (c->lost[v] == -2) c->lost[v] = lost_subject_compute(c, v);
    return c->lost[v];
}

static int32_t lost_subject_compute(const ctx *c, int32_t v)
{
    const char *x = c->s->tok[v].xpos;
    if (!x || (strcmp(x, "VBD") && strcmp(x, "VBZ") && strcmp(x, "VBP"))) return -1;
    int r = c->rel[v];
    if (r == R_XCOMP || r == R_ACL || r == R_AUX || r == R_AUXPASS || r == R_COP || r == R_AMOD) return -1;
    int32_t g = c->head[v];
    if (g >= 0 && c->s->tok[g].upos && (!strcmp(c->s->tok[g].upos, "VERB") || !strcmp(c->s->tok[g].upos, "AUX")))
        return -1;
    for (int32_t k = c->fc[v]; k >= 0; k = c->ns[k]) {
        int rk = c->rel[k];
        if (rk == R_NSUBJ || rk == R_NSUBJPASS || rk == R_CSUBJ || rk == R_AUXPASS) return -1;
    }
    int32_t j = v - 1;
    while (j >= 0 && c->head[j] == v && (c->rel[j] == R_ADVMOD || c->rel[j] == R_NEG || c->rel[j] == R_AUX)) j--;
    if (j < 0) return -1;
    const char *u = c->s->tok[j].upos;
    if (!u || (strcmp(u, "NOUN") && strcmp(u, "PROPN"))) return -1;
    if ((c->head[j] == v && (c->rel[j] == R_NMOD || c->rel[j] == R_OBL)) || g == j) return j;
    return -1;
}

/* ------------------------------------------------------------- discards */

static int discard_check(const ctx *c)
{
    int res = 0;
    for (int32_t t = 0; t < c->n; t++) {
        uint32_t idx;
        if (c->wf[t] && tc_dict_match_discard(c->d, c->wf + t, (uint32_t)(c->n - t), &idx)) {
            int r = c->d->discards[idx].story ? TC_CODE_STORY_DISCARD : TC_CODE_SENT_DISCARD;
            if (r > res) res = r;
        }
    }
    return res;
}

/* the verb a complement verb w belongs to: the head of an xcomp/ccomp/advcl, and the verb
 * of the object an infinitive modifies ("urged Eriador to respond", parsed with the
 * infinitive under the object); -1 when w is none */
static int32_t complement_governor(const ctx *c, int32_t w)
{
    int32_t g = c->head[w];
    if (g < 0) return -1;
    int r = c->rel[w];
    /* news mode: a clause of time or cause ("a day after he goes to Kyiv") is an event of
     * its own, not a complement */
    static const char *const sub[] = {"after", "before", "when", "while", "once", "until", "because", "since", NULL};
    if (c->o->news && r == R_ADVCL && has_mark(c, w, sub)) return -1;
    if (r == R_XCOMP || r == R_CCOMP || r == R_ADVCL) return g;
    /* a clause whose subject the parse lost, hung under a noun ("restore ties with Gondor,
     * after Calenardhon crowds burned ..." with "burned" under "Gondor"): it belongs to the
     * clause of the verb above that noun */
    if (lost_subject(c, w) >= 0) {
        for (int32_t x = g, steps = 0; x >= 0 && steps < 8; x = c->head[x], steps++) {
            const char *u = c->s->tok[x].upos;
            if (u && !strcmp(u, "VERB")) return x;
        }
    }
    if (r == R_ACL && (c->rel[g] == R_OBJ || c->rel[g] == R_IOBJ) && c->head[g] >= 0) {
        for (int32_t k = c->fc[w]; k >= 0; k = c->ns[k])
            if (is_mark_to(c, k)) return c->head[g];
    }
    return -1;
}

/* ------------------------------------------------------------- driver */

static const char *span_text(tc_doc *doc, uint32_t a, uint32_t b)
{
    if (!doc->text || b <= a || b > doc->text_len) return NULL;
    return tc_doc_strn(doc, doc->text + a, b - a);
}

static int32_t date_of(const tc_doc *doc)
{
    if (!doc->date) return 0;
    int y, m, dd;
    if (sscanf(doc->date, "%d-%d-%d", &y, &m, &dd) == 3) return y * 10000 + m * 100 + dd;
    return 0;
}

tc_status tc_code_doc(const tc_dict *d, const tc_code_opts *o, tc_doc *doc, int32_t date, tc_code_info *info)
{
    tc_code_opts defo;
    if (!o) {
        tc_code_opts_default(&defo);
        o = &defo;
    }
    if (info) memset(info, 0, sizeof *info);
    if (!date) date = date_of(doc);
    tc_event *out = NULL;
    uint32_t nout = 0, capout = 0;
    int story_discard = 0;
    ctx c;
    memset(&c, 0, sizeof c);
    c.d = d;
    c.o = o;
    c.doc = doc;
    c.date = date;
    c.info = info;
    for (uint32_t si = 0; si < doc->nsent && !story_discard; si++) {
        tc_sentence *s = &doc->sent[si];
        int32_t n = (int32_t)s->ntok;
        if (n <= 0) continue;
        c.s = s;
        c.copied = 0;
        c.sidx = si;
        c.n = n;
        c.nev = c.capev = 0;
        c.ev = NULL;
        size_t ni = (size_t)n;
        c.nps = tc_arena_calloc(&doc->arena, ni, sizeof(np));
        c.wf = tc_arena_alloc(&doc->arena, ni * sizeof(int32_t) * 8 + 3 * ni);
        if (!c.nps) return TC_ENOMEM;
        if (!c.wf) return TC_ENOMEM;
        c.wl = c.wf + ni;
        c.head = c.wl + ni;
        c.fc = c.head + ni;
        c.ns = c.fc + ni;
        c.vblock = c.ns + ni;
        c.vsrc_first = c.vblock + ni;
        c.lost = c.vsrc_first + ni;
        c.rel = (uint8_t *)(void *)(c.lost + ni);
        c.fw = c.rel + ni;
        c.own = tc_arena_alloc(&doc->arena, ni * (sizeof(int32_t *) + sizeof(int32_t)));
        if (!c.own) return TC_ENOMEM;
        c.own_n = (int32_t *)(void *)(c.own + ni);
        for (size_t q = 0; q < ni; q++) c.own_n[q] = -1;
        for (int32_t i = 0; i < n; i++) {
            const tc_token *t = &s->tok[i];
            c.wf[i] = word_of(d, t->form);
            c.wl[i] = (t->lemma && strcasecmp(t->lemma, t->form ? t->form : "")) ? word_of(d, t->lemma) : c.wf[i];
            c.head[i] = (t->head >= 1 && t->head <= n) ? t->head - 1 : -1;
            c.rel[i] = (uint8_t)rel_of(t->deprel);
            c.fw[i] = (uint8_t)fw_of(t);
            c.fc[i] = c.ns[i] = -1;
            c.vblock[i] = -1;
            c.lost[i] = -2;
        }
        /* children lists in order (build backwards so each list is ascending) */
        for (int32_t i = n - 1; i >= 0; i--) {
            int32_t h = c.head[i];
            if (h >= 0 && h != i) {
                c.ns[i] = c.fc[h];
                c.fc[h] = i;
            }
        }
        /* guard against cycles: a token whose head chain does not reach root within n steps
         * is detached */
        /* (in one pass: a walk up from each token not yet known to reach root; meeting a
         * token of the same walk is a cycle) */
        uint8_t *walk = c.fw + ni; /* 0 not seen, 1 on the current walk, 2 reaches root */
        memset(walk, 0, ni);
        for (int32_t i = 0; i < n; i++) {
            int32_t h = i;
            while (h >= 0 && !walk[h]) { walk[h] = 1; h = c.head[h]; }
            if (h >= 0 && walk[h] == 1) return TC_EPARSE;
            for (h = i; h >= 0 && walk[h] == 1; h = c.head[h]) walk[h] = 2;
        }
        if (repair_tags(&c) < 0) return TC_ENOMEM;
        if (o->news) news_repair(&c);
        int disc = d->ndiscards ? discard_check(&c) : 0;
        if (disc) {
            if (info && disc > info->discard) info->discard = disc;
            if (disc == TC_CODE_STORY_DISCARD) { story_discard = 1; nout = 0; }
            continue;
        }
        for (int32_t i = 0; i < n; i++) {
            const tc_token *t = &c.s->tok[i];
            int verbish = t->upos ? eqs(t->upos, "VERB") : (t->xpos && t->xpos[0] == 'V');
            if (!verbish && t->xpos && t->xpos[0] == 'V' && t->xpos[1] == 'B' && c.rel[i] != R_AUX &&
                c.rel[i] != R_AUXPASS && c.rel[i] != R_COP)
                verbish = 1;
            /* a word with both a subject and an object is a verb, whatever its tag ("Arnor
             * attack/NOUN Gondor"); code_verb still needs it in the verb dictionary */
            if (!verbish && c.fc[i] >= 0 && c.rel[i] != R_AUX && c.rel[i] != R_AUXPASS && c.rel[i] != R_COP) {
                int subj = 0, obj = 0;
                for (int32_t k = c.fc[i]; k >= 0; k = c.ns[k]) {
                    if (c.rel[k] == R_NSUBJ || c.rel[k] == R_NSUBJPASS) subj = 1;
                    if (c.rel[k] == R_OBJ) obj = 1;
                }
                verbish = subj && obj;
            }
            if (verbish && c.fw[i] != FW_NOUNED) code_verb(&c, i);
        }
        transforms(&c);
        /* events of an xcomp/ccomp verb only count when the verb above found nothing, or
         * when a pattern changed their code and the verb above has only its default
         * ("hosting Osgiliath to celebrate Tabaski with..." is a celebration) */
        for (uint32_t k = 0; k < c.nev; k++) {
            raw_ev *e = &c.ev[k];
            if (e->dead) continue;
            int32_t g = complement_governor(&c, e->verb);
            if (g < 0) continue;
            int gov = 0, gov_pat = 0;
            for (uint32_t j = 0; j < c.nev; j++)
                if (!c.ev[j].dead && c.ev[j].verb == g && *c.ev[j].src && *c.ev[j].tgt) {
                    gov = 1;
                    if (c.ev[j].specific) gov_pat = 1;
                }
            if (!gov) continue;
            if (e->specific && !gov_pat && *e->src && *e->tgt) {
                for (uint32_t j = 0; j < c.nev; j++)
                    if (c.ev[j].verb == g) c.ev[j].dead = 1;
            } else {
                e->dead = 1;
            }
        }
        /* output with dedupe and require_dyad */
        for (uint32_t k = 0; k < c.nev; k++) {
            raw_ev *e = &c.ev[k];
            if (e->dead || !e->code || !*e->code) continue;
            if (o->require_dyad && (!*e->src || !*e->tgt)) continue;
            if (!*e->src) continue; /* a target may be absent (require_dyad off), a source never */
            const char *src = *e->src ? e->src : "---";
            const char *tgt = *e->tgt ? e->tgt : "---";
            /* a self-dyad is no event; two bare roles ("---GOV" both) may be two people
             * that story-level resolution (pipeline/coref) tells apart */
            if (!strcmp(src, tgt) && !(o->news && !strncmp(src, "---", 3))) continue;
            int dup = 0;
            for (uint32_t j = 0; j < nout && !dup; j++)
                if (out[j].sent == si && !strcmp(out[j].source, src) && !strcmp(out[j].target, tgt) &&
                    !strcmp(out[j].code, e->code))
                    dup = 1;
            if (dup) continue;
            if (nout == capout) {
                uint32_t nc = capout ? capout * 2 : 8;
                tc_event *q = tc_arena_alloc(&doc->arena, nc * sizeof *q);
                if (!q) return TC_ENOMEM;
                if (nout) memcpy(q, out, nout * sizeof *q);
                out = q;
                capout = nc;
            }
            tc_event *ev = &out[nout++];
            memset(ev, 0, sizeof *ev);
            ev->source = src;
            ev->target = tgt;
            ev->code = e->code;
            ev->root[0] = e->code[0];
            ev->root[1] = e->code[0] ? e->code[1] : 0;
            ev->root[2] = 0;
            ev->sentence_id = s->id ? s->id : (doc->id ? doc->id : "");
            ev->sent = si;
            const tc_token *vt = &s->tok[e->verb];
            ev->verb = vt->form;
            ev->verb_tok = (uint32_t)e->verb;
            ev->verb_start = vt->start;
            ev->verb_end = vt->end;
            ev->pattern = e->pat;
            ev->pattern_file = e->pfile;
            ev->pattern_line = e->pline;
            ev->transform = e->transform;
            ev->future = e->future;
            ev->said_tok = e->future ? e->said : -1;
            if (e->s_tok >= 0) {
                np *q = &c.nps[e->s_tok];
                ev->source_start = q->start;
                ev->source_end = q->end;
                ev->source_text = span_text(doc, q->start, q->end);
                if (q->actor) {
                    ev->source_entry = q->actor->root;
                    ev->source_entry_file = q->actor->file;
                    ev->source_entry_line = q->actor->line;
                }
            }
            if (e->t_tok >= 0) {
                np *q = &c.nps[e->t_tok];
                ev->target_start = q->start;
                ev->target_end = q->end;
                ev->target_text = span_text(doc, q->start, q->end);
                if (q->actor) {
                    ev->target_entry = q->actor->root;
                    ev->target_entry_file = q->actor->file;
                    ev->target_entry_line = q->actor->line;
                }
            }
        }
    }
    doc->events = out;
    doc->nevents = nout;
    return TC_OK;
}
