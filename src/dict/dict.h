/* dict.h - CAMEO coding dictionaries: actors, agents, verbs (PETRARCH-2 dialect
 * and TABARI / PETRARCH-1 dialect), discards, issues and the PICO hex ontology.
 *
 * Formats: ../shared/docs/research/eventcoders.md section 3.  Words are
 * upper-cased and interned (tc_dict_word); a phrase is a sequence of word ids.
 * A bad dictionary line is reported through diag with file:line and skipped.
 *
 * Ownership: a tc_dict owns everything it holds (tc_dict_free).  After
 * loading has finished the dictionary is never modified by lookups, so one
 * tc_dict can be shared by any number of coding threads.
 *
 * The structures below are exposed for the coder (src/code); other modules
 * should use the functions only. */
#ifndef TC_DICT_H
#define TC_DICT_H

#include <stddef.h>
#include <stdint.h>

#include "core/hash.h"
#include "core/mem.h"
#include "core/status.h"

/* --- date-restricted codes ----------------------------------------------- */
enum { TC_DICT_DATE_NONE = 0, TC_DICT_DATE_BEFORE, TC_DICT_DATE_AFTER, TC_DICT_DATE_RANGE };

typedef struct tc_dict_code {
    const char *code;  /* "USAGOV", "---" (null actor), "ELR/GAL" (compound) */
    int kind;          /* TC_DICT_DATE_* */
    int32_t d1, d2;    /* YYYYMMDD bounds (BEFORE: d1; AFTER: d1; RANGE: d1..d2 incl.) */
} tc_dict_code;

/* An actor record: all its phrases share codes[first .. first+ncodes). */
typedef struct tc_dict_actor {
    const char *root;  /* primary phrase as written */
    const char *file;  /* dictionary file (interned) */
    long line;         /* line of the primary phrase */
    uint32_t first, ncodes;
} tc_dict_actor;

/* An agent: code is stored without '~'; prefix = 1 for the "[CODE~]" form. */
typedef struct tc_dict_agent {
    const char *phrase;
    const char *code;
    int prefix;
    const char *file;
    long line;
} tc_dict_agent;

/* --- verbs --------------------------------------------------------------- */
/* A pattern slot: > 0 a word id, < 0 a synset -(index+1). */
typedef int32_t tc_dict_slot;

enum { TC_PEL_NOUN = 1, TC_PEL_PP = 2, TC_PEL_ACTOR = 3 };

/* One pattern element: a noun phrase (slots, last = head), or a prepositional
 * phrase (prep word + optional noun slots), or an actor marker ($ + % ^). */
typedef struct tc_dict_pel {
    int kind;            /* TC_PEL_* */
    int32_t prep;        /* PP: preposition word id (or synset < 0) */
    uint32_t first, n;   /* slots[first .. first+n) */
    char marker;         /* ACTOR: '$' '+' '%' '^' */
    uint8_t nmark;       /* PP: how many markers it holds ("(AT ^ ^)" skips two actors) */
} tc_dict_pel;

typedef struct tc_dict_pattern {
    uint32_t pre_first, npre;    /* elements before '*' (in pels) */
    uint32_t post_first, npost;  /* elements after '*' */
    const char *code;            /* active code or NULL ("" form [:999]) */
    const char *pcode;           /* second code of [A:B] or NULL */
    int weight;                  /* specificity: number of words matched */
    int has_marker;              /* contains $ or + (never matches in P2 semantics) */
    int pct;                     /* contains % (compound actor is source and target) */
    const char *file;
    long line;
    const char *text;            /* the pattern as written (trimmed) */
    int32_t key;                 /* a word the pattern needs around the verb (0 = none) */
} tc_dict_pattern;

typedef struct tc_dict_block {
    const char *name;            /* MEANING of "--- MEANING [CODE] ---" (TABARI: root verb) */
    const char *code, *pcode;    /* block default (NULL/"---": codes nothing) */
    uint32_t first, npat;        /* patterns[first .. first+npat) */
    const char *file;
    long line;
} tc_dict_block;

/* A verb form entry: word (the inflecting one), optional words before and after. */
typedef struct tc_dict_verb {
    int32_t word;
    int32_t pre[2];              /* words immediately before (0 = none) */
    int32_t post[3];             /* particles / following words (0 = none) */
    uint32_t block;
    const char *code, *pcode;    /* own code of the verb line or NULL (= block's) */
    const char *file;
    long line;
    int32_t next;                /* next entry with the same word, -1 */
    int written;                 /* 1: the form is written in the file (not generated) */
} tc_dict_verb;

typedef struct tc_dict_synset {
    const char *name;            /* "&CURRENCY" */
    uint32_t first, n;           /* phrases: members[first .. first+n) */
} tc_dict_synset;

/* A member phrase of a synset: words[first .. first+n). */
typedef struct tc_dict_phrase {
    uint32_t first, n;
} tc_dict_phrase;

/* A transformation "~ a (b c VERB) SAY = x y CODE". Variables are letters,
 * '.' any, '_' absent. verb names are block names; "Q" = any. */
typedef struct tc_dict_transform {
    char outer_src, inner_src, inner_tgt;
    const char *inner_verb, *outer_verb;
    char res_src, res_tgt;
    const char *res_code;        /* "Q" = inner code */
    const char *file;
    long line;
} tc_dict_transform;

typedef struct tc_dict_discard {
    uint32_t first, n;           /* words */
    int story;                   /* 1: discard the story, 0: the sentence */
    const char *text;
} tc_dict_discard;

typedef struct tc_dict_issue {
    const char *category, *code;
    uint32_t first, n;
    int ignore;                  /* "~phrase" cancels issue coding */
} tc_dict_issue;

/* Phrase table: key = bytes of the word ids; value = index. */
typedef struct tc_dict_phrases {
    tc_strmap map;
    uint32_t maxlen;             /* longest phrase in words */
    uint8_t *first;              /* per word id: longest phrase starting with it (0 = none, cap 255) */
    uint32_t *lens;              /* per word id: bit L-1 set when a phrase of L words starts with it
                                  * (bit 31: one of 32 words or more) */
    size_t capfirst;
} tc_dict_phrases;

/* A phrase defined twice: the first definition wins; kept for `tacitus dict check`. */
typedef struct tc_dict_dup {
    int kind;                    /* 0 actor, 1 agent */
    uint32_t first, second;      /* entry indexes (actors or agents) */
    const char *file;            /* where the second one is */
    long line;
} tc_dict_dup;

typedef struct tc_dict {
    tc_arena arena;              /* strings */
    tc_dict_dup *dups; size_t ndups, capdups;
    tc_strmap words;             /* upper-cased word -> id (>= 1) */
    int32_t nwords;
    const char **wstr; size_t capwstr;          /* id -> word (map-owned key) */
    struct tc_dict_wslot *wtab; size_t wtab_cap, wtab_n; /* lookup index of the words of <= 12 bytes */

    int32_t *w; size_t nw, capw;                 /* word-id storage for phrases */

    tc_dict_code *codes; size_t ncodes, capcodes;
    tc_dict_actor *actors; size_t nactors, capactors;
    tc_dict_phrases actor_phrases;               /* -> actor index */

    tc_dict_agent *agents; size_t nagents, capagents;
    tc_dict_phrases agent_phrases;               /* -> agent index */

    tc_dict_synset *synsets; size_t nsynsets, capsynsets;
    tc_dict_phrase *members; size_t nmembers, capmembers;
    tc_strmap synset_names;                      /* "&NAME" -> index */
    uint64_t *synend; size_t synend_cap, nsynend; /* set of (synset+1) << 32 | last word of a member */

    tc_dict_slot *slots; size_t nslots, capslots;
    tc_dict_pel *pels; size_t npels, cappels;
    tc_dict_pattern *patterns; size_t npatterns, cappatterns;
    tc_dict_block *blocks; size_t nblocks, capblocks;
    uint32_t *pat_by_key;        /* per block range [first, first+npat): pattern indexes sorted by (key, index) */
    int32_t *pat_key;            /* the key of each pat_by_key entry (patterns[pat_by_key[i]].key) */
    int32_t *pat_weight;         /* per pattern: its weight (compact copy for the coder's scan) */
    int32_t *pat_keyx;           /* per pattern: its key (compact copy, pattern order) */
    uint32_t *pat_need_first;    /* per pattern i: the words its elements need (a PP's preposition, a noun
                                  * element's head word) are pat_need[pat_need_first[i] .. [i+1]) */
    int32_t *pat_need; size_t npat_need;
    size_t npat_by_key;
    tc_dict_verb *verbs; size_t nverbs, capverbs;
    tc_strmap verb_index;                        /* word id bytes -> first verb entry */
    tc_strmap block_names;                       /* block name -> index */

    tc_dict_transform *transforms; size_t ntransforms, captransforms;
    tc_dict_discard *discards; size_t ndiscards, capdiscards;
    tc_dict_phrases discard_phrases;             /* -> discard index */
    tc_dict_issue *issues; size_t nissues, capissues;

    /* PICO ontology: CAMEO code <-> 16-bit hex (as int; may be negative for refusals) */
    tc_strmap pico;                              /* "042" -> hex value + 0x100000 */
    tc_strmap pico_rev;                          /* decimal string of hex -> code index */
    const char **pico_codes; size_t npico, cappico;

    int tabari_verbs;            /* a TABARI/P1-dialect verbs file was loaded */
    int32_t possw[7];            /* word ids of THEIR ITS HIS HER OUR MY YOUR in the verbs (0: none) */
} tc_dict;

/* Create an empty dictionary. */
tc_status tc_dict_new(tc_dict **out);
/* Free; NULL is fine; nulls *d. */
void tc_dict_free(tc_dict **d);

/* Loaders: path variants read a file; _mem variants parse a buffer (name is
 * used in messages).  Bad lines are reported (warning, file:line) and skipped;
 * the status is an error only for unreadable files or out of memory. */
tc_status tc_dict_load_actors(tc_dict *d, const char *path, tc_diag *diag);
tc_status tc_dict_load_agents(tc_dict *d, const char *path, tc_diag *diag);
tc_status tc_dict_load_verbs(tc_dict *d, const char *path, tc_diag *diag);
tc_status tc_dict_load_discards(tc_dict *d, const char *path, tc_diag *diag);
tc_status tc_dict_load_issues(tc_dict *d, const char *path, tc_diag *diag);
tc_status tc_dict_load_pico(tc_dict *d, const char *path, tc_diag *diag);

tc_status tc_dict_actors_mem(tc_dict *d, const char *name, const char *buf, size_t len, tc_diag *diag);
tc_status tc_dict_agents_mem(tc_dict *d, const char *name, const char *buf, size_t len, tc_diag *diag);
/* Verbs: the dialect is detected (P2 "---  NAME [CODE] ---" blocks with "- ... *" patterns
 * and section markers, vs TABARI root lines "VERB [CODE]" and "- $ * + [CODE]"). */
tc_status tc_dict_verbs_mem(tc_dict *d, const char *name, const char *buf, size_t len, tc_diag *diag);
tc_status tc_dict_discards_mem(tc_dict *d, const char *name, const char *buf, size_t len, tc_diag *diag);
tc_status tc_dict_issues_mem(tc_dict *d, const char *name, const char *buf, size_t len, tc_diag *diag);
tc_status tc_dict_pico_mem(tc_dict *d, const char *name, const char *buf, size_t len, tc_diag *diag);

/* Word id of a word (case-insensitive, ASCII upper-casing), 0 if unknown. */
int32_t tc_dict_word(const tc_dict *d, const char *s, size_t n);
/* The word of an id ("?" if unknown). */
const char *tc_dict_word_str(const tc_dict *d, int32_t id);

/* Longest phrase match at ids[0..n): returns the matched length (0 = none)
 * and the entry index in *idx. */
uint32_t tc_dict_match_actor(const tc_dict *d, const int32_t *ids, uint32_t n, uint32_t *idx);
uint32_t tc_dict_match_agent(const tc_dict *d, const int32_t *ids, uint32_t n, uint32_t *idx);
uint32_t tc_dict_match_discard(const tc_dict *d, const int32_t *ids, uint32_t n, uint32_t *idx);

/* Actor code for a date (YYYYMMDD; 0 = unknown date -> default).  TABARI rule:
 * restrictions are tried in order, the unrestricted default only if none
 * matches; a record with restrictions only yields NULL when none matches.
 * Returns NULL when the actor has no applicable code. */
const char *tc_dict_actor_code(const tc_dict *d, const tc_dict_actor *a, int32_t date);

/* First verb entry for a word id, or NULL; follow ->next (index, -1 = end). */
const tc_dict_verb *tc_dict_verb_first(const tc_dict *d, int32_t word);

/* Block by name ("SAY"), or NULL. */
const tc_dict_block *tc_dict_block_named(const tc_dict *d, const char *name);

/* PICO: hex value of a CAMEO code (1 found, 0 not); and back (NULL if unmapped). */
int tc_dict_pico_hex(const tc_dict *d, const char *code, int32_t *hex);
const char *tc_dict_pico_code(const tc_dict *d, int32_t hex);

/* Can a member of synset s (index) end with word w?  (quick rejection; inline: the coder
 * asks it for every candidate word of every pattern slot) */
static inline int tc_dict_synset_may_end(const tc_dict *d, uint32_t s, int32_t w)
{
    if (w <= 0 || !d->synend_cap) return 0;
    uint64_t k = ((uint64_t)s + 1) << 32 | (uint32_t)w;
    uint64_t x = k * 0x9E3779B97F4A7C15ULL;
    size_t mask = d->synend_cap - 1;
    for (size_t i = (size_t)(x ^ (x >> 32)) & mask;; i = (i + 1) & mask) {
        if (d->synend[i] == k) return 1;
        if (!d->synend[i]) return 0;
    }
}

/* Does a synset (slot < 0) or word (slot > 0) match a single word id? */
int tc_dict_slot_word(const tc_dict *d, tc_dict_slot s, int32_t word);

/* Parse a dictionary date "YYMMDD" or "YYYYMMDD" into YYYYMMDD (TABARI
 * pivot: 00-30 -> 20xx); -1 if malformed. */
int32_t tc_dict_parse_date(const char *s, size_t n);

#endif
