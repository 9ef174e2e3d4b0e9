/* cmd_validate.c - `tacitus validate`: run a PETRARCH / UniversalPetrarch XML
 * validation suite (records with gold events and given CoNLL-U parses) through
 * the dictionaries and the coder, and report per record and per category.
 *
 * The suite file is scanned here leniently (records, <Environment>, <Config>
 * between records, comments), because record order and the position of
 * <Config> options matter and the shared files are not always well-formed. */
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli.h"
#include "cli_models.h"
#include "code/code.h"
#include "code/tabari.h"
#include "core/mem.h"
#include "dict/dict.h"
#include "nlp/conllu.h"
#include "nlp/lemma.h"
#include "nlp/parser.h"
#include "nlp/split.h"
#include "nlp/tagger.h"

static const char usage[] =
    "usage: tacitus validate FILE [--dict-dir DIR] [--parse given|own] [--verbose]\n"
    "\n"
    "Run a PETRARCH/UniversalPetrarch XML validation suite: load the dictionaries\n"
    "named in its <Environment> from DIR (default: the suite file's folder), code\n"
    "every enabled record from its given CoNLL-U parse, honouring <Config> options\n"
    "(require_dyad, new_actor_length) placed between records, and compare the set of\n"
    "(source, target, code) with the gold <EventCoding> set (noevents / error golds\n"
    "included).  Prints each failing record, a per-category table and finally\n"
    "'N passed, M failed'.  Exit status 0 when every record passes, 1 otherwise.\n"
    "\n"
    "TABARI validation text (Validate.text: 'YYMMDD ID' records, expected codings in\n"
    "/* { SRC / TGT / CODE } */ comments) is recognised by its content: the actors,\n"
    "verbs, agents and options named by the .project file of DIR whose <textfile> is\n"
    "FILE are loaded, each record's text is split and tokenised by tacitus' own pipeline\n"
    "and its tokens are coded by the TABARI word-sequence coder, which needs no tags or\n"
    "parse (TABARI's\n"
    "stems, connectors, patterns, clauses and .options settings, with { OPTION: ... }\n"
    "lines of the records applied from their record on); {---} expects no event, {###}\n"
    "a discard, {+++} a complex sentence; checking stops at a -{ (the events listed\n"
    "before it must be coded, nothing else is checked); '~AGT' golds compare as\n"
    "'---AGT'; records without any expected coding are not scored; the run ends before\n"
    "the FINAL record.  --verbose prints each record's words as classified.\n"
    "\n"
    "  --dict-dir DIR   folder holding the dictionaries named in <Environment>\n"
    "  --parse given    use the <Parse> of each record (default)\n"
    "  --stems off|verbs|all  --tabari-tree: stem matching for words the dictionaries do\n"
    "                   not know (default: all)\n"
    "  --tabari-tree    TABARI: code with the dependency-tree coder (and its flat fallback)\n"
    "                   instead of the TABARI word-sequence coder (src/code/tabari.h)\n"
    "  --no-flat        TABARI: no flat word-sequence reading of sentences the parse codes\n"
    "                   nothing from (see cli_tabari_flat)\n"
    "  --all-records    TABARI: go on past the FINAL record (the non-standard tests)\n"
    "  --parse own      split, tag, lemmatise and parse <Text> (TABARI: the record text)\n"
    "                   with tacitus' own models instead of using a given parse\n"
    "  --tagger F --parser F  models for --parse own (default: models/tagger.bin, parser.bin)\n"
    "  --verbose        also print passing records and event provenance\n"
    "  --id ID          run only the record with this id (implies --verbose)\n"
    "  --all-categories run records of every category, ignoring <Include>\n"
    "  --scan           read the suite with the built-in lenient scanner instead of the\n"
    "                   PETRARCH XML reader (also the fallback when the reader finds nothing)\n"
    "  --verbs F --actors F[,F..] --agents F --discards F --pico F\n"
    "                   dictionaries to use instead of / besides <Environment>\n"
    "  --bench N        speed: code every record's given parse N times (no scoring) and\n"
    "                   print sentences per second (parse+code and coding only)\n";

typedef struct cli_gold {
    char src[64], tgt[64], code[16];
} cli_gold;

typedef struct cli_cat {
    char name[32];
    int pass, fail;
} cli_cat;

typedef struct cli_val {
    const char *path;
    const char *dict_dir;
    int verbose;
    int all_categories;
    int scan;                   /* --scan: own lenient record scanner instead of the XML reader */
    int own;                    /* --parse own: split, tag, lemmatise and parse the record text */
    tc_splitter *sp;
    tc_tagger *tagger;
    tc_parser *parser;
    tc_parser_ws *pws;
    tc_lemma *lemma;
    /* TABARI Validate.text */
    int tabari;
    int flat;                   /* TABARI: flat word-sequence reading when the parse codes nothing */
    int stem_mode;              /* TABARI stems: 0 off, 1 verbs, 2 every word */
    int cx_verbs, cx_conj;
    tc_tabari *tab;             /* TABARI word-sequence coder (NULL: --tabari-tree) */
    int convert_agent;          /* SET: CONVERT AGENT = TRUE */      /* COMPLEX: VERBS[n] CONJ[m] (0: off) */
    cli_gold *optional;         /* -{ ... } golds of the record: allowed, not required */
    int noptional;
    int unscored, complex_gold;
    long bench;
    struct { const char *parse; size_t len; int32_t date; } *recs;
    size_t nrecs, caprecs;
    const char *extra[6];
    const char *only;
    tc_dict *dict;
    tc_code_opts opts;
    char include[1024];
    cli_cat cats[64];
    int ncats;
    int pass, fail, disabled, excluded;
    tc_diag diag;
} cli_val;

/* decode the five XML entities in place */
static void cli_unescape(char *s)
{
    static const struct { const char *e; char c; } ents[] = {
        {"&quot;", '"'}, {"&apos;", '\''}, {"&lt;", '<'}, {"&gt;", '>'}, {"&amp;", '&'}};
    char *o = s;
    while (*s) {
        size_t k = 0;
        for (; k < 5; k++)
            if (!strncmp(s, ents[k].e, strlen(ents[k].e))) break;
        if (k < 5) {
            *o++ = ents[k].c;
            s += strlen(ents[k].e);
        } else {
            *o++ = *s++;
        }
    }
    *o = 0;
}

/* copy an attribute value name="..." or name='...' from tag[0..n) */
static int cli_attr(const char *tag, size_t n, const char *name, char *out, size_t cap)
{
    size_t nl = strlen(name);
    for (size_t i = 0; i + nl + 2 < n; i++) {
        if ((i == 0 || isspace((unsigned char)tag[i - 1])) && !strncasecmp(tag + i, name, nl)) {
            size_t j = i + nl;
            while (j < n && isspace((unsigned char)tag[j])) j++;
            if (j >= n || tag[j] != '=') continue;
            j++;
            while (j < n && isspace((unsigned char)tag[j])) j++;
            if (j >= n || (tag[j] != '"' && tag[j] != '\'')) continue;
            char q = tag[j++];
            size_t k = 0;
            while (j < n && tag[j] != q) {
                if (k + 1 < cap) out[k++] = tag[j];
                j++;
            }
            out[k] = 0;
            cli_unescape(out);
            return 1;
        }
    }
    return 0;
}

/* Text between <name> and </name> inside [s, e), copied trimmed into out. */
static int cli_elem(const char *s, const char *e, const char *name, char *out, size_t cap)
{
    char open[64], close[64];
    snprintf(open, sizeof open, "<%s>", name);
    snprintf(close, sizeof close, "</%s>", name);
    const char *a = NULL;
    for (const char *p = s; p + strlen(open) <= e; p++)
        if (!strncmp(p, open, strlen(open))) { a = p + strlen(open); break; }
    if (!a) return 0;
    const char *b = NULL;
    for (const char *p = a; p + strlen(close) <= e; p++)
        if (!strncmp(p, close, strlen(close))) { b = p; break; }
    if (!b) return 0;
    while (a < b && isspace((unsigned char)*a)) a++;
    while (b > a && isspace((unsigned char)b[-1])) b--;
    size_t n = (size_t)(b - a);
    if (n >= cap) n = cap - 1;
    memcpy(out, a, n);
    out[n] = 0;
    return 1;
}

static void cli_upper(char *s)
{
    for (; *s; s++) *s = (char)toupper((unsigned char)*s);
}

static int cli_truthy(const char *v)
{
    return !strcasecmp(v, "true") || !strcmp(v, "1") || !strcasecmp(v, "yes");
}

/* which verbs code an event without a target when require_dyad is off (code.h): the
 * suites written for UniversalPetrarch's runner (records marked evaluate="...") follow its
 * coder, where only an object gives a verb its (uncoded) target; the PETRARCH-1 unit
 * records (sentence="...") follow constituency trees, where a prepositional phrase does */
static int cli_targetless(int up_suite)
{
    return up_suite ? 2 : 1;
}

static void cli_config(cli_val *V, const char *tag, size_t n)
{
    char opt[64], val[64];
    if (!cli_attr(tag, n, "option", opt, sizeof opt) || !cli_attr(tag, n, "value", val, sizeof val)) return;
    if (!strcmp(opt, "require_dyad")) V->opts.require_dyad = cli_truthy(val);
    else if (!strcmp(opt, "new_actor_length")) V->opts.new_actor_length = atoi(val);
}

/* load a comma list of dictionary files named in the environment */
static int cli_load_list(cli_val *V, tc_status (*fn)(tc_dict *, const char *, tc_diag *), const char *value)
{
    char val[2048];
    int bad = 0;
    snprintf(val, sizeof val, "%s", value);
    char *save = NULL;
    for (char *f = strtok_r(val, ",", &save); f; f = strtok_r(NULL, ",", &save)) {
        while (isspace((unsigned char)*f)) f++;
        char *fe = f + strlen(f);
        while (fe > f && isspace((unsigned char)fe[-1])) *--fe = 0;
        if (!*f) continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", V->dict_dir, f);
        if (fn(V->dict, path, &V->diag) != TC_OK) bad = 1;
    }
    return bad;
}

/* the PICO table of the UD unit-test folder is not named in its Environment */
static void cli_guess_pico(cli_val *V)
{
    static const char *const guess[] = {"PETR.Internal.Coding.Ontology.txt",
                                        "PETR_Validate_Internal_Coding_Ontology_1_01.txt"};
    if (V->dict->npico) return;
    for (size_t g = 0; g < 2; g++) {
        char path[4096];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", V->dict_dir, guess[g]);
        if (stat(path, &st) == 0) {
            tc_dict_load_pico(V->dict, path, &V->diag);
            break;
        }
    }
}

static int cli_load_env(cli_val *V, const char *s, const char *e)
{
    static const struct { const char *tag; tc_status (*fn)(tc_dict *, const char *, tc_diag *); } kinds[] = {
        {"Verbfile", tc_dict_load_verbs},     {"Actorfile", tc_dict_load_actors},
        {"Agentfile", tc_dict_load_agents},   {"Discardfile", tc_dict_load_discards},
        {"PICOfile", tc_dict_load_pico},      {"Issuefile", tc_dict_load_issues},
    };
    char val[2048];
    int bad = 0;
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
        if (cli_elem(s, e, kinds[k].tag, val, sizeof val)) bad |= cli_load_list(V, kinds[k].fn, val);
    cli_guess_pico(V);
    if (cli_elem(s, e, "Include", V->include, sizeof V->include)) cli_upper(V->include);
    /* <Config> defaults inside the environment */
    for (const char *p = s; p < e; p++)
        if (!strncmp(p, "<Config", 7)) {
            const char *q = memchr(p, '>', (size_t)(e - p));
            if (q) cli_config(V, p, (size_t)(q - p));
        }
    return bad ? -1 : 0;
}

/* <Environment> as the PETRARCH XML reader hands it over (meta "env.*") */
static int cli_env_meta(cli_val *V, const tc_doc *d)
{
    static const struct { const char *key; tc_status (*fn)(tc_dict *, const char *, tc_diag *); } kinds[] = {
        {"env.Verbfile", tc_dict_load_verbs},     {"env.Actorfile", tc_dict_load_actors},
        {"env.Agentfile", tc_dict_load_agents},   {"env.Discardfile", tc_dict_load_discards},
        {"env.PICOfile", tc_dict_load_pico},      {"env.Issuefile", tc_dict_load_issues},
    };
    int bad = 0, any = 0;
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        const char *v = tc_doc_meta_get(d, kinds[k].key);
        if (!v) continue;
        any = 1;
        bad |= cli_load_list(V, kinds[k].fn, v);
    }
    if (any) cli_guess_pico(V);
    const char *inc = tc_doc_meta_get(d, "env.Include");
    if (inc) {
        snprintf(V->include, sizeof V->include, "%s", inc);
        cli_upper(V->include);
    }
    if (!any && !V->extra[0] && !V->extra[1]) {
        fprintf(stderr, "%s validate: %s: no <Environment> dictionaries and no --verbs/--actors\n", cli_prog,
                V->path);
        return -1;
    }
    return bad ? -1 : 0;
}

static cli_cat *cli_category(cli_val *V, const char *name)
{
    for (int i = 0; i < V->ncats; i++)
        if (!strcmp(V->cats[i].name, name)) return &V->cats[i];
    if (V->ncats >= 64) return &V->cats[63];
    cli_cat *c = &V->cats[V->ncats++];
    snprintf(c->name, sizeof c->name, "%s", name);
    return c;
}

static int cli_included(const cli_val *V, const char *cat)
{
    if (!V->include[0] || V->all_categories) return 1;
    char up[64];
    snprintf(up, sizeof up, "%s", cat);
    cli_upper(up);
    size_t n = strlen(up);
    for (const char *p = V->include; (p = strstr(p, up)); p += n)
        if ((p == V->include || isspace((unsigned char)p[-1])) && (p[n] == 0 || isspace((unsigned char)p[n]))) return 1;
    return 0;
}

static int cli_gold_cmp(const void *a, const void *b)
{
    const cli_gold *x = a, *y = b;
    int c = strcmp(x->src, y->src);
    if (!c) c = strcmp(x->tgt, y->tgt);
    if (!c) c = strcmp(x->code, y->code);
    return c;
}

static void cli_print_set(const cli_gold *g, int n)
{
    if (!n) printf("(none)");
    for (int i = 0; i < n; i++) printf("%s%s %s %s", i ? ", " : "", g[i].src, g[i].tgt, g[i].code);
}

static void cli_eval(cli_val *V, const char *id, const char *cat, int32_t d8, const char *pa, size_t plen,
                     const char *text, size_t tlen, cli_gold *gold, int ng, int noevents, const char *error);

/* one <Sentence> record [s, e) with its opening tag [s, te) */
static void cli_record(cli_val *V, const char *s, const char *te, const char *e)
{
    size_t tn = (size_t)(te - s);
    char id[128] = "?", cat[64] = "?", date[32] = "", flag[16];
    cli_attr(s, tn, "id", id, sizeof id);
    cli_attr(s, tn, "category", cat, sizeof cat);
    cli_attr(s, tn, "date", date, sizeof date);
    if ((cli_attr(s, tn, "sentence", flag, sizeof flag) && !strcasecmp(flag, "false")) ||
        (cli_attr(s, tn, "valid", flag, sizeof flag) && !strcasecmp(flag, "false")) ||
        (cli_attr(s, tn, "evaluate", flag, sizeof flag) && !strcasecmp(flag, "false"))) {
        V->disabled++;
        return;
    }
    if (V->only && strcmp(V->only, id)) return;
    if (!cli_included(V, cat)) {
        V->excluded++;
        return;
    }
    V->opts.targetless = cli_targetless(cli_attr(s, tn, "evaluate", flag, sizeof flag) != 0);
    /* gold */
    cli_gold gold[64];
    int ng = 0, noevents = 0;
    char error[64] = "";
    for (const char *p = te; p < e; p++) {
        if (strncmp(p, "<EventCoding", 12)) continue;
        const char *q = memchr(p, '>', (size_t)(e - p));
        if (!q) break;
        size_t n = (size_t)(q - p);
        char v[64];
        if (cli_attr(p, n, "noevents", v, sizeof v) && cli_truthy(v)) noevents = 1;
        else if (cli_attr(p, n, "error", v, sizeof v)) snprintf(error, sizeof error, "%s", v);
        else if (ng < 64) {
            cli_gold *g = &gold[ng];
            memset(g, 0, sizeof *g);
            cli_attr(p, n, "sourcecode", g->src, sizeof g->src);
            cli_attr(p, n, "targetcode", g->tgt, sizeof g->tgt);
            cli_attr(p, n, "eventcode", g->code, sizeof g->code);
            if (g->code[0]) ng++;
        }
        p = q;
    }
    /* parse */
    const char *pa = NULL, *pe = NULL;
    for (const char *p = te; p + 7 <= e; p++)
        if (!strncmp(p, "<Parse>", 7)) { pa = p + 7; break; }
    if (pa)
        for (const char *p = pa; p + 8 <= e; p++)
            if (!strncmp(p, "</Parse>", 8)) { pe = p; break; }
    /* text */
    const char *ta = NULL, *tend = NULL;
    for (const char *p = te; p + 6 <= e; p++)
        if (!strncmp(p, "<Text>", 6)) { ta = p + 6; break; }
    if (ta)
        for (const char *p = ta; p + 7 <= e; p++)
            if (!strncmp(p, "</Text>", 7)) { tend = p; break; }
    char *text = ta && tend ? tc_strndup(ta, (size_t)(tend - ta)) : NULL;
    if (text) cli_unescape(text);
    int32_t d8 = 0;
    if (strlen(date) == 8) d8 = (int32_t)atol(date);
    cli_eval(V, id, cat, d8, pa, pa && pe ? (size_t)(pe - pa) : 0, text, text ? strlen(text) : 0, gold, ng,
             noevents, error);
    tc_free(text);
}

/* score one record: code its CoNLL-U parse (pa may be NULL) and compare with the gold */
/* TABARI's complexity test (COMPLEX: VERBS[n] CONJ[m]): more than n dictionary verbs
 * or more than m coordinating conjunctions in a sentence and it is not coded */
static int cli_complex(const cli_val *V, const tc_doc *doc, const tc_code_info *info)
{
    if (V->cx_verbs > 0 && info->nverbs > (uint32_t)V->cx_verbs) return 1;
    if (V->cx_conj > 0)
        for (uint32_t i = 0; i < doc->nsent; i++) {
            int n = 0;
            for (uint32_t k = 0; k < doc->sent[i].ntok; k++)
                if (doc->sent[i].tok[k].upos && !strcmp(doc->sent[i].tok[k].upos, "CCONJ")) n++;
            if (n > V->cx_conj) return 1;
        }
    return 0;
}

/* TABARI dictionary words are stems unless they end in '_' ("RESTOR" codes "restore",
 * "GONDOR" matches "Gondorian"): a word the dictionaries do not know, neither as form
 * nor as lemma, takes the longest known prefix of 4+ letters as its form and lemma
 * (verbs: only a verb of the verbs file). */
static void cli_tabari_stems(const cli_val *V, tc_doc *doc)
{
    for (uint32_t i = 0; i < doc->nsent; i++)
        for (uint32_t k = 0; k < doc->sent[i].ntok; k++) {
            tc_token *t = &doc->sent[i].tok[k];
            if (!t->form) continue;
            size_t n = strlen(t->form);
            if (n < 5 || n > 60 || tc_dict_word(V->dict, t->form, n)) continue;
            if (t->lemma && tc_dict_word(V->dict, t->lemma, strlen(t->lemma))) continue;
            int verb = t->upos && !strcmp(t->upos, "VERB");
            if (V->stem_mode == 1 && !verb) continue;
            for (size_t m = n - 1; m >= 4; m--) {
                if (!isalpha((unsigned char)t->form[m - 1])) break;
                int32_t w = tc_dict_word(V->dict, t->form, m);
                if (!w || (verb && !tc_dict_verb_first(V->dict, w))) continue;
                t->form = tc_doc_strn(doc, t->form, m);
                t->lemma = t->form;
                break;
            }
        }
}

static int cli_upos_is(const tc_token *t, const char *const *set)
{
    for (; *set; set++)
        if (t->upos && !strcmp(t->upos, *set)) return 1;
    return 0;
}

static int cli_dict_verb_tok(const cli_val *V, const tc_token *t)
{
    const char *w[2] = {t->form, t->lemma};
    for (int k = 0; k < 2; k++) {
        if (!w[k]) continue;
        int32_t id = tc_dict_word(V->dict, w[k], strlen(w[k]));
        if (id && tc_dict_verb_first(V->dict, id)) return 1;
    }
    return 0;
}

/* TABARI reads a sentence as a word sequence: the first word of the verbs file (not
 * capitalised inside the sentence, not after a determiner) is the verb whatever the
 * tagger said, the noun run before it its subject, the noun run after it its object,
 * later runs after a preposition its PPs, up to the first comma or conjunction.  This
 * flat reading replaces the parse of a sentence that coded nothing; 1 if one was made. */
static int cli_tabari_flat(const cli_val *V, tc_doc *doc)
{
    static const char *const nounish[] = {"NOUN", "PROPN", "ADJ", "DET", "NUM", "PRON", "X", NULL};
    static const char *const dets[] = {"DET", NULL};
    int any = 0;
    for (uint32_t si = 0; si < doc->nsent; si++) {
        tc_sentence *s = &doc->sent[si];
        int n = (int)s->ntok, v = -1;
        for (int i = 1; i < n && v < 0; i++) {
            const tc_token *t = &s->tok[i];
            if (!t->form || isupper((unsigned char)t->form[0])) continue;
            if (cli_upos_is(&s->tok[i - 1], dets) && s->tok[i - 1].form &&
                (!strcasecmp(s->tok[i - 1].form, "the") || !strcasecmp(s->tok[i - 1].form, "a") ||
                 !strcasecmp(s->tok[i - 1].form, "an")))
                continue;
            if (cli_dict_verb_tok(V, t)) v = i;
        }
        if (v < 0) continue;
        any = 1;
        tc_token *tk = s->tok;
        for (int i = 0; i < n; i++) {
            tk[i].head = v + 1;
            tk[i].deprel = tk[i].upos && !strcmp(tk[i].upos, "PUNCT") ? "punct" : "dep";
        }
        tk[v].head = 0;
        tk[v].deprel = "root";
        tk[v].upos = "VERB";
        /* subject: the nearest proper noun before the verb (TABARI: the actor before it),
         * else the noun run ending right before the verb */
        static const char *const propn[] = {"PROPN", NULL};
        int e = 0;
        while (e < v && !cli_upos_is(&tk[e], propn)) e++;
        if (e < v) {
            /* TABARI: the first actor before the verb; "Gondor and Osgiliath" both */
            while (e + 1 < v && cli_upos_is(&tk[e + 1], propn)) { /* a multi-word name: its last word heads */
                tk[e].head = e + 2;
                tk[e].deprel = "flat";
                e++;
            }
            int c = e + 1;
            if (c + 1 < v && tk[c].upos && !strcmp(tk[c].upos, "CCONJ") && cli_upos_is(&tk[c + 1], propn)) {
                int h2 = c + 1;
                while (h2 + 1 < v && cli_upos_is(&tk[h2 + 1], propn)) {
                    tk[h2].head = h2 + 2;
                    tk[h2].deprel = "flat";
                    h2++;
                }
                tk[h2].head = e + 1;
                tk[h2].deprel = "conj";
                tk[c].head = h2 + 1;
                tk[c].deprel = "cc";
            }
        } else {
            e = v - 1;
            e = v - 1;
            while (e >= 0 && tk[e].upos && (!strcmp(tk[e].upos, "ADV") || !strcmp(tk[e].upos, "AUX") ||
                                            !strcmp(tk[e].upos, "PART")))
                e--;
        }
        if (e >= 0 && cli_upos_is(&tk[e], nounish)) {
            tk[e].deprel = "nsubj";
            for (int b = e - 1; b >= 0 && cli_upos_is(&tk[b], nounish); b--) {
                tk[b].head = e + 1;
                tk[b].deprel = cli_upos_is(&tk[b], dets) ? "det" : "compound";
            }
        }
        /* after the verb: runs of noun words; the first is the object, the others PPs */
        int i = v + 1, first = 1;
        while (i < n) {
            if (tk[i].upos && !strcmp(tk[i].upos, "CCONJ")) break;
            if (tk[i].form && (!strcmp(tk[i].form, ",") || !strcmp(tk[i].form, ";") || !strcmp(tk[i].form, ":")))
                break;
            if (tk[i].upos && !strcmp(tk[i].upos, "PUNCT")) { /* "anti- Gondor": read on */
                i++;
                continue;
            }
            int adp = -1;
            if (tk[i].upos && (!strcmp(tk[i].upos, "ADP") || !strcmp(tk[i].upos, "SCONJ") ||
                               !strcmp(tk[i].upos, "PART"))) {
                adp = i++;
            } else if (!cli_upos_is(&tk[i], nounish)) {
                i++;
                continue;
            }
            int b = i;
            while (i < n && (cli_upos_is(&tk[i], nounish) ||
                             (tk[i].form && !strcmp(tk[i].form, "-") && i + 1 < n && cli_upos_is(&tk[i + 1], nounish))))
                i++;
            if (i == b) continue;
            int h = i - 1;
            for (int k = b; k < h; k++) {
                tk[k].head = h + 1;
                tk[k].deprel = cli_upos_is(&tk[k], dets) ? "det" : !strcmp(tk[k].form, "-") ? "punct" : "compound";
            }
            tk[h].deprel = adp < 0 && first ? "obj" : "obl";
            if (adp >= 0) {
                tk[adp].head = h + 1;
                tk[adp].deprel = "case";
            }
            first = 0;
        }
    }
    return any;
}

/* events TABARI would keep: an agent without an actor ("---GOV") only with
 * SET: CONVERT AGENT = TRUE */
static int cli_tabari_kept(const cli_val *V, const tc_doc *doc)
{
    const tc_event *ev = doc->events;
    int n = 0;
    for (uint32_t i = 0; i < doc->nevents; i++)
        n += V->convert_agent || ((!ev[i].source || strncmp(ev[i].source, "---", 3)) &&
                                  (!ev[i].target || strncmp(ev[i].target, "---", 3)));
    return n;
}

/* TABARI: an actor coded "###" (for the record's date) anywhere in a sentence discards it */
static int cli_tabari_discard_actor(const cli_val *V, const tc_doc *doc, int32_t date)
{
    for (uint32_t si = 0; si < doc->nsent; si++) {
        const tc_sentence *s = &doc->sent[si];
        uint32_t n = s->ntok < 256 ? s->ntok : 256;
        int32_t ids[256];
        for (uint32_t k = 0; k < n; k++)
            ids[k] = s->tok[k].form ? tc_dict_word(V->dict, s->tok[k].form, strlen(s->tok[k].form)) : 0;
        for (uint32_t k = 0; k < n; k++) {
            uint32_t idx;
            if (!ids[k] || !tc_dict_match_actor(V->dict, ids + k, n - k, &idx)) continue;
            const char *code = tc_dict_actor_code(V->dict, &V->dict->actors[idx], date);
            if (code && !strcmp(code, "###")) return 1;
        }
    }
    return 0;
}

/* --parse own: a document holding text[0..n) split, tagged, lemmatised and parsed by
 * tacitus' own models (only split for the TABARI word-sequence coder); TC_OK with *out set */
static tc_status cli_own_parse(cli_val *V, const char *id, const char *text, size_t n, tc_doc **out)
{
    *out = NULL;
    tc_doc *doc = tc_doc_new();
    if (!doc) return TC_ENOMEM;
    doc->id = tc_doc_str(doc, id);
    tc_status st = tc_doc_set_text(doc, text, n);
    if (st == TC_OK) st = tc_split_doc(V->sp, doc);
    if (st == TC_OK && !doc->nsent) st = TC_EPARSE;
    if (st == TC_OK && V->tab) { /* the TABARI word-sequence coder reads tokens only */
        *out = doc;
        return TC_OK;
    }
    if (st == TC_OK) st = tc_tagger_tag_doc(V->tagger, doc);
    if (st == TC_OK && V->lemma) st = tc_lemma_doc(V->lemma, V->tagger, doc);
    if (st == TC_OK) st = tc_parser_parse_doc(V->parser, V->pws, doc);
    if (st == TC_OK && V->stem_mode) cli_tabari_stems(V, doc);
    if (st != TC_OK) {
        tc_doc_free(&doc);
        return st;
    }
    *out = doc;
    return TC_OK;
}

static void cli_eval(cli_val *V, const char *id, const char *cat, int32_t d8, const char *pa, size_t plen,
                     const char *text, size_t tlen, cli_gold *gold, int ng, int noevents, const char *error)
{
    if (V->bench) {
        if (!pa || !plen) return;
        if (V->nrecs == V->caprecs) {
            size_t nc = V->caprecs ? V->caprecs * 2 : 256;
            void *q = tc_reallocarray(V->recs, nc, sizeof *V->recs);
            if (!q) return;
            V->recs = q;
            V->caprecs = nc;
        }
        char *copy = tc_strndup(pa, plen);
        if (!copy) return;
        V->recs[V->nrecs].parse = copy;
        V->recs[V->nrecs].len = plen;
        V->recs[V->nrecs].date = d8;
        V->nrecs++;
        return;
    }
    cli_gold got[128];
    int ngot = 0;
    char goterr[64] = "";
    tc_doc *doc = NULL;
    tc_diag quiet = {0};
    tc_code_info info;
    memset(&info, 0, sizeof info);
    if (V->own ? (!text || !tlen || cli_own_parse(V, id, text, tlen, &doc) != TC_OK)
               : (!pa || !plen || tc_conllu_parse(pa, plen, id, &doc, &quiet) != TC_OK)) {
        snprintf(goterr, sizeof goterr, "bad_input_parse");
    } else {
        if (doc->nsent) doc->sent[0].id = tc_doc_str(doc, id);
        if (V->tab) {
            tc_tabari_result *tr = tc_calloc(1, sizeof *tr);
            if (!tr || tc_tabari_code(V->tab, doc, d8, id, tr) != TC_OK) {
                snprintf(goterr, sizeof goterr, "bad_input_parse");
            } else if (tr->outcome == TC_TABARI_DISCARD) {
                snprintf(goterr, sizeof goterr, "discard");
            } else if (tr->outcome == TC_TABARI_COMPLEX) {
                snprintf(goterr, sizeof goterr, "complex");
            }
            if (tr && V->verbose) printf("    %s\n", tr->trace);
            if (tr && tr->outcome == TC_TABARI_CODED) {
                for (int i = 0; i < tr->nev && ngot < 128; i++) {
                    snprintf(got[ngot].src, sizeof got[ngot].src, "%s", tr->ev[i].src);
                    snprintf(got[ngot].tgt, sizeof got[ngot].tgt, "%s", tr->ev[i].tgt);
                    snprintf(got[ngot].code, sizeof got[ngot].code, "%s", tr->ev[i].code);
                    ngot++;
                }
            }
            tc_free(tr);
            goto compare;
        }
        tc_status st = tc_code_doc(V->dict, &V->opts, doc, d8, &info);
        if (st == TC_EPARSE) snprintf(goterr, sizeof goterr, "bad_input_parse");
        if (info.discard == TC_CODE_STORY_DISCARD) snprintf(goterr, sizeof goterr, "storydiscard");
        else if (info.discard == TC_CODE_SENT_DISCARD) snprintf(goterr, sizeof goterr, "sentencediscard");
        if (V->tabari && goterr[0] && strcmp(goterr, "bad_input_parse")) snprintf(goterr, sizeof goterr, "discard");
        if (V->tabari && !goterr[0] && cli_tabari_discard_actor(V, doc, d8)) snprintf(goterr, sizeof goterr, "discard");
        if (V->tabari && !goterr[0] && cli_complex(V, doc, &info)) snprintf(goterr, sizeof goterr, "complex");
        if (V->tabari && V->flat && !goterr[0] && !cli_tabari_kept(V, doc) && cli_tabari_flat(V, doc)) {
            memset(&info, 0, sizeof info);
            tc_code_doc(V->dict, &V->opts, doc, d8, &info);
            if (info.discard) snprintf(goterr, sizeof goterr, "discard");
        }
        /* TABARI: a [+++] code (verb pattern or actor) sends the sentence to the complex file */
        for (uint32_t i = 0; V->tabari && !goterr[0] && i < doc->nevents; i++) {
            const tc_event *e = &((const tc_event *)doc->events)[i];
            if ((e->source && strstr(e->source, "+++")) || (e->target && strstr(e->target, "+++")) ||
                (e->code && strstr(e->code, "+++")))
                snprintf(goterr, sizeof goterr, "complex");
        }
        const tc_event *ev = doc->events;
        for (uint32_t i = 0; i < doc->nevents && ngot < 128; i++) {
            snprintf(got[ngot].src, sizeof got[ngot].src, "%s", ev[i].source);
            snprintf(got[ngot].tgt, sizeof got[ngot].tgt, "%s", ev[i].target);
            snprintf(got[ngot].code, sizeof got[ngot].code, "%s", ev[i].code);
            ngot++;
        }
    }
    if (V->tabari) {
        /* without SET: CONVERT AGENT = TRUE an agent alone ("a senior official") is no actor */
        int k2 = 0, nsub = 0;
        for (int i = 0; i < ngot; i++) {
            if (!V->convert_agent && (!strncmp(got[i].src, "---", 3) || !strncmp(got[i].tgt, "---", 3))) continue;
            got[k2++] = got[i];
        }
        ngot = k2;
        /* a subordinate code "023?" counts only when nothing else was coded; "!" marks dominance */
        for (int i = 0; i < ngot; i++) nsub += strchr(got[i].code, '?') != NULL;
        k2 = 0;
        for (int i = 0; i < ngot; i++) {
            char *q = strpbrk(got[i].code, "?!");
            if (q && *q == '?' && nsub < ngot) continue;
            if (q) *q = 0;
            got[k2++] = got[i];
        }
        ngot = k2;
    }
compare:
    /* TABARI compound codes "[FRO/BIL/SAM]" stand for one event per member */
    for (int i = 0; V->tabari && i < ngot; i++) {
        int side = strchr(got[i].src, '/') ? 0 : strchr(got[i].tgt, '/') ? 1 : -1;
        if (side < 0 || ngot >= 128) continue;
        char *field = side ? got[i].tgt : got[i].src;
        size_t off = (size_t)(strchr(field, '/') - field);
        cli_gold rest = got[i];
        char *rf = side ? rest.tgt : rest.src;
        memmove(rf, rf + off + 1, strlen(rf + off + 1) + 1); /* the other members */
        field[off] = 0;                                       /* got[i]: the first member */
        got[ngot++] = rest;
        i--; /* look at got[i] again (its other side) */
    }
    /* compare */
    int ok;
    if (V->noptional) { /* events the record lists as not checked may or may not be coded */
        int k2 = 0;
        for (int i = 0; i < ngot; i++) {
            int opt = 0;
            for (int j = 0; j < V->noptional && !opt; j++) opt = !cli_gold_cmp(&got[i], &V->optional[j]);
            if (!opt) got[k2++] = got[i];
        }
        ngot = k2;
    }
    qsort(gold, (size_t)ng, sizeof gold[0], cli_gold_cmp);
    qsort(got, (size_t)ngot, sizeof got[0], cli_gold_cmp);
    /* dedupe gold */
    int k = 0;
    for (int i = 0; i < ng; i++)
        if (!k || cli_gold_cmp(&gold[k - 1], &gold[i])) gold[k++] = gold[i];
    ng = k;
    if (V->tabari) { /* dedupe got */
        k = 0;
        for (int i = 0; i < ngot; i++)
            if (!k || cli_gold_cmp(&got[k - 1], &got[i])) got[k++] = got[i];
        ngot = k;
    }
    if (error[0]) {
        ok = goterr[0] ? !strcmp(error, goterr) : (!strcmp(error, "dateline") && ngot == 0);
    } else if (V->tabari && V->noptional) {
        /* TABARI "-{": validation stops there (manual 10.1): the events listed before it must
         * be coded, anything else is not checked */
        ok = !goterr[0] || ng == 0;
        for (int i = 0; ok && i < ng; i++) {
            int found = 0;
            for (int j = 0; j < ngot && !found; j++) found = !cli_gold_cmp(&gold[i], &got[j]);
            ok = found;
        }
    } else if (goterr[0]) {
        ok = 0;
    } else if (noevents && ng == 0) {
        ok = ngot == 0;
    } else {
        ok = ng == ngot;
        for (int i = 0; ok && i < ng; i++) ok = !cli_gold_cmp(&gold[i], &got[i]);
    }
    cli_cat *c = cli_category(V, cat);
    if (ok) {
        c->pass++;
        V->pass++;
    } else {
        c->fail++;
        V->fail++;
    }
    if (!ok || V->verbose) {
        printf("%s %s: expected ", ok ? "PASS" : "FAIL", id);
        if (error[0]) printf("error %s", error);
        else cli_print_set(gold, ng);
        printf("; got ");
        if (goterr[0]) printf("error %s", goterr);
        else cli_print_set(got, ngot);
        printf("\n");
        if (V->verbose && doc && V->own && V->only) { /* the parse the coder saw */
            tc_buf cb = TC_BUF_INIT;
            if (tc_conllu_write(doc, 0, &cb) == TC_OK && cb.data) fputs(cb.data, stdout);
            tc_buf_free(&cb);
        }
        if (V->verbose && doc) {
            const tc_event *ev = doc->events;
            for (uint32_t i = 0; i < doc->nevents; i++)
                printf("    %s %s %s  verb '%s'  src '%s'  tgt '%s'  pattern %s:%ld %s\n", ev[i].source,
                       ev[i].target, ev[i].code, ev[i].verb ? ev[i].verb : "", ev[i].source_text ? ev[i].source_text : "",
                       ev[i].target_text ? ev[i].target_text : "", ev[i].pattern_file ? ev[i].pattern_file : "?",
                       ev[i].pattern_line, ev[i].pattern ? ev[i].pattern : "(default)");
        }
    }
    tc_doc_free(&doc);
}

static const char *cli_find(const char *p, const char *e, const char *s)
{
    size_t n = strlen(s);
    for (; p + n <= e; p++)
        if (*p == *s && !memcmp(p, s, n)) return p;
    return NULL;
}

/* Records through the PETRARCH XML reader (src/io): returns the number of records
 * seen, -1 on a fatal problem (already reported). */
static long cli_run_reader(cli_val *V)
{
    tc_read_opts ro;
    memset(&ro, 0, sizeof ro);
    ro.format = TC_FMT_PETRXML;
    tc_read_stats rs;
    memset(&rs, 0, sizeof rs);
    tc_reader *r = NULL;
    if (tc_reader_open(&r, V->path, &ro, &V->diag, &rs) != TC_OK) return -1;
    long n = 0;
    int penn = 0;
    tc_doc *d = NULL;
    while (tc_reader_next(r, &d) == TC_OK) {
        if (n++ == 0 && cli_env_meta(V, d) != 0) {
            tc_doc_free(&d);
            n = -1;
            break;
        }
        const char *v;
        if ((v = tc_doc_meta_get(d, "config.require_dyad"))) V->opts.require_dyad = cli_truthy(v);
        if ((v = tc_doc_meta_get(d, "config.new_actor_length"))) V->opts.new_actor_length = atoi(v);
        V->opts.targetless = cli_targetless(tc_doc_meta_get(d, "evaluate") != NULL);
        const char *id = d->id ? d->id : "?";
        const char *cat = tc_doc_meta_get(d, "category");
        if (!cat) cat = "?";
        if (d->disabled) {
            V->disabled++;
        } else if (V->only && strcmp(V->only, id)) {
            /* not the one asked for */
        } else if (!cli_included(V, cat)) {
            V->excluded++;
        } else {
            cli_gold gold[64];
            int ng = 0;
            for (uint32_t i = 0; i < d->ngold && ng < 64; i++) {
                if (!d->gold[i].code || !*d->gold[i].code) continue;
                snprintf(gold[ng].src, sizeof gold[ng].src, "%s", d->gold[i].source ? d->gold[i].source : "");
                snprintf(gold[ng].tgt, sizeof gold[ng].tgt, "%s", d->gold[i].target ? d->gold[i].target : "");
                snprintf(gold[ng].code, sizeof gold[ng].code, "%s", d->gold[i].code);
                ng++;
            }
            const char *err = tc_doc_meta_get(d, "gold.error");
            int32_t d8 = 0;
            int y, m, dd;
            if (d->date && sscanf(d->date, "%d-%d-%d", &y, &m, &dd) == 3) d8 = y * 10000 + m * 100 + dd;
            const char *pa = d->parse_kind == TC_PARSE_CONLLU ? d->parse : NULL;
            if (d->parse_kind == TC_PARSE_PENN && !V->own && !penn++)
                fprintf(stderr, "%s validate: %s: Penn Treebank parses need --parse own (not available yet)\n",
                        cli_prog, V->path);
            const char *txt = d->text;
            cli_eval(V, id, cat, d8, pa, pa ? strlen(pa) : 0, txt, txt ? strlen(txt) : 0, gold, ng, d->gold_noevents,
                     d->gold_error ? (err ? err : "error") : "");
        }
        tc_doc_free(&d);
    }
    tc_reader_close(&r);
    return n;
}

static int cli_run_xml(cli_val *V, const char *buf, size_t len)
{
    const char *p = buf, *e = buf + len;
    int env_loaded = 0;
    while (p < e) {
        const char *lt = memchr(p, '<', (size_t)(e - p));
        if (!lt) break;
        if (!strncmp(lt, "<!--", 4)) {
            const char *c = cli_find(lt + 4, e, "-->");
            p = c ? c + 3 : e;
            continue;
        }
        if (!strncmp(lt, "<Environment>", 13)) {
            const char *c = cli_find(lt, e, "</Environment>");
            if (!c) c = e;
            if (cli_load_env(V, lt, c) != 0) return -1;
            env_loaded = 1;
            p = c;
            continue;
        }
        if (!strncmp(lt, "<Config", 7)) {
            const char *c = memchr(lt, '>', (size_t)(e - lt));
            if (!c) break;
            cli_config(V, lt, (size_t)(c - lt));
            p = c + 1;
            continue;
        }
        if (!strncmp(lt, "<Sentence ", 10) || !strncmp(lt, "<Sentence>", 10)) {
            const char *te = memchr(lt, '>', (size_t)(e - lt));
            if (!te) break;
            const char *end = cli_find(te, e, "</Sentence>");
            if (!end) end = e;
            if (!env_loaded && !V->extra[0] && !V->extra[1]) {
                fprintf(stderr, "%s validate: %s: records before <Environment> and no --verbs/--actors\n",
                        cli_prog, V->path);
                return -1;
            }
            cli_record(V, lt, te + 1, end);
            p = end;
            continue;
        }
        p = lt + 1;
    }
    return 0;
}

/* ---- TABARI Validate.text ---------------------------------------------------- */

/* the value after "<tag>" on a project-file line, trimmed, into out */
static int cli_proj_field(const char *line, const char *tag, char *out, size_t cap)
{
    size_t n = strlen(tag);
    if (strncasecmp(line, tag, n)) return 0;
    const char *v = line + n;
    while (isspace((unsigned char)*v)) v++;
    size_t k = strcspn(v, " \t\r\n<");
    if (!k || k >= cap) return 0;
    memcpy(out, v, k);
    out[k] = 0;
    return 1;
}

/* an options line ("COMPLEX: VERBS[5] CONJ[4] ...") changing what the runner honours */
static void cli_tabari_option(cli_val *V, const char *line)
{
    while (isspace((unsigned char)*line)) line++;
    if (V->tab) tc_tabari_option(V->tab, line);
    if (!strncasecmp(line, "SET:", 4) && strstr(line, "CONVERT AGENT")) {
        V->convert_agent = strstr(line, "TRUE") != NULL;
        return;
    }
    if (!strncasecmp(line, "COMPLEX:", 8)) {
        const char *v = strstr(line, "VERBS[");
        const char *c = strstr(line, "CONJ[");
        V->cx_verbs = v ? atoi(v + 6) : 0;
        V->cx_conj = c ? atoi(c + 5) : 0;
        if (strstr(line, "OFF")) V->cx_verbs = V->cx_conj = 0;
    }
}

static void cli_tabari_options_file(cli_val *V, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "%s validate: cannot open options file %s\n", cli_prog, path);
        return;
    }
    char line[1024];
    while (fgets(line, sizeof line, f))
        if (strncmp(line, "//", 2)) cli_tabari_option(V, line);
    fclose(f);
}

/* Find the *.project file in the dictionary folder whose <textfile> is this file
 * and load the actors, verbs, agents and options it names.  Returns 0, or -1 when
 * nothing could be loaded (reported). */
static int cli_tabari_project(cli_val *V)
{
    const char *base = strrchr(V->path, '/');
    base = base ? base + 1 : V->path;
    DIR *dir = opendir(V->dict_dir);
    char proj[4096] = "";
    if (dir) {
        struct dirent *de;
        char best[512] = "";
        while ((de = readdir(dir))) {
            size_t n = strlen(de->d_name);
            if (n < 8 || strcmp(de->d_name + n - 8, ".project")) continue;
            char path[4096], line[1024], tf[512];
            snprintf(path, sizeof path, "%s/%s", V->dict_dir, de->d_name);
            FILE *f = fopen(path, "r");
            if (!f) continue;
            while (fgets(line, sizeof line, f))
                if (cli_proj_field(line, "<textfile>", tf, sizeof tf) && !strcmp(tf, base) &&
                    (!best[0] || strcmp(de->d_name, best) < 0))
                    snprintf(best, sizeof best, "%s", de->d_name);
            fclose(f);
        }
        closedir(dir);
        if (best[0]) snprintf(proj, sizeof proj, "%s/%s", V->dict_dir, best);
    }
    int loaded = V->extra[0] || V->extra[1];
    if (!proj[0]) {
        if (!loaded) {
            fprintf(stderr, "%s validate: %s: no .project file in %s names it (<textfile>) and no --verbs/--actors\n",
                    cli_prog, V->path, V->dict_dir);
            return -1;
        }
        return 0;
    }
    static const struct { const char *tag; tc_status (*fn)(tc_dict *, const char *, tc_diag *); int extra; } kinds[] = {
        {"<actorsfile>", tc_dict_load_actors, 1}, {"<verbsfile>", tc_dict_load_verbs, 0},
        {"<agentsfile>", tc_dict_load_agents, 2}, {"<optionsfile>", NULL, -1},
    };
    FILE *f = fopen(proj, "r");
    if (!f) return -1;
    char line[1024], val[512];
    int bad = 0;
    while (fgets(line, sizeof line, f))
        for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
            if (!cli_proj_field(line, kinds[k].tag, val, sizeof val)) continue;
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", V->dict_dir, val);
            if (V->tab && kinds[k].fn && !(kinds[k].extra >= 0 && V->extra[kinds[k].extra])) {
                int tk = kinds[k].fn == tc_dict_load_actors ? TC_TABARI_ACTORS
                       : kinds[k].fn == tc_dict_load_agents ? TC_TABARI_AGENTS : TC_TABARI_VERBS;
                if (tc_tabari_load(V->tab, tk, path, &V->diag) != TC_OK) bad = 1;
            }
            if (!kinds[k].fn) cli_tabari_options_file(V, path);
            else if (kinds[k].extra >= 0 && V->extra[kinds[k].extra]) continue; /* given on the command line */
            else if (V->tab) continue; /* the TABARI coder reads its own dictionaries */
            else if (kinds[k].fn(V->dict, path, &V->diag) != TC_OK) bad = 1;
        }
    fclose(f);
    return bad ? -1 : 0;
}

/* a TABARI gold code: "~GOV" (an agent without an actor) is written "---GOV" by the coder */
static void cli_tabari_code(char *out, size_t cap, const char *s)
{
    if (!s) s = "";
    if (s[0] == '~') snprintf(out, cap, "---%s", s + 1);
    else snprintf(out, cap, "%s", s);
}

/* Records of a TABARI validation file through the TABARI reader; the standard run
 * ends before the FINAL record (as TABARI's own validation does) unless --all-records. */
static long cli_run_tabari(cli_val *V, int all_records)
{
    tc_read_opts ro;
    memset(&ro, 0, sizeof ro);
    ro.format = TC_FMT_TABARI;
    tc_read_stats rs;
    memset(&rs, 0, sizeof rs);
    tc_reader *r = NULL;
    if (tc_reader_open(&r, V->path, &ro, &V->diag, &rs) != TC_OK) return -1;
    long n = 0;
    tc_doc *d = NULL;
    cli_gold optional[64];
    V->optional = optional;
    while (tc_reader_next(r, &d) == TC_OK) {
        n++;
        const char *id = d->id ? d->id : "?";
        const char *cat = tc_doc_meta_get(d, "category");
        if (!cat) cat = "?";
        if (!all_records && !strncmp(id, "FINAL", 5)) {
            tc_doc_free(&d);
            break;
        }
        const char *o = tc_doc_meta_get(d, "tabari.options");
        if (o) {
            char buf[4096];
            snprintf(buf, sizeof buf, "%s", o);
            char *save = NULL;
            for (char *l = strtok_r(buf, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) cli_tabari_option(V, l);
        }
        const char *expect = tc_doc_meta_get(d, "tabari.expect");
        cli_gold gold[64];
        int ng = 0;
        V->noptional = 0;
        for (uint32_t i = 0; i < d->ngold; i++) {
            if (!d->gold[i].code || !*d->gold[i].code) continue;
            int unchecked = d->gold[i].extra && strstr(d->gold[i].extra, "check=no");
            cli_gold *g = unchecked ? (V->noptional < 64 ? &optional[V->noptional++] : NULL) : (ng < 64 ? &gold[ng++] : NULL);
            if (!g) continue;
            cli_tabari_code(g->src, sizeof g->src, d->gold[i].source);
            cli_tabari_code(g->tgt, sizeof g->tgt, d->gold[i].target);
            snprintf(g->code, sizeof g->code, "%s", d->gold[i].code);
        }
        const char *err = "";
        if (expect && !strcmp(expect, "discard")) err = "discard";
        else if (expect && !strcmp(expect, "complex")) err = "complex";
        if (err[0] && !strcmp(err, "complex")) V->complex_gold++;
        if (d->disabled) {
            V->disabled++;
        } else if (V->only && strcmp(V->only, id)) {
            /* not the one asked for */
        } else if (!cli_included(V, cat)) {
            V->excluded++;
        } else if (!ng && !V->noptional && !d->gold_noevents && !err[0]) {
            V->unscored++; /* no expected coding: an options or comment record */
        } else {
            int32_t d8 = 0;
            int y, m, dd;
            if (d->date && sscanf(d->date, "%d-%d-%d", &y, &m, &dd) == 3) d8 = y * 10000 + m * 100 + dd;
            const char *txt = d->text;
            cli_eval(V, id, cat, d8, NULL, 0, txt, txt ? strlen(txt) : 0, gold, ng, d->gold_noevents || (!ng && !err[0]),
                     err);
        }
        tc_doc_free(&d);
    }
    V->optional = NULL;
    V->noptional = 0;
    tc_reader_close(&r);
    return n;
}

/* CPU time of this process: the machine may be shared, wall time would mislead */
static double cli_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* --bench N: CPU time of N passes of parse (CoNLL-U -> document) alone, then of N
 * passes of parse + code; coding only = the difference (process CPU time, so other
 * processes on a shared machine do not count). */
static void cli_bench(cli_val *V)
{
    tc_diag quiet = {0};
    unsigned long sents = 0, events = 0, bad = 0;
    double t0 = cli_now();
    for (long r = 0; r < V->bench; r++)
        for (size_t i = 0; i < V->nrecs; i++) {
            tc_doc *doc = NULL;
            if (tc_conllu_parse(V->recs[i].parse, V->recs[i].len, "bench", &doc, &quiet) == TC_OK) tc_doc_free(&doc);
        }
    double tparse = cli_now() - t0;
    t0 = cli_now();
    for (long r = 0; r < V->bench; r++) {
        for (size_t i = 0; i < V->nrecs; i++) {
            tc_doc *doc = NULL;
            if (tc_conllu_parse(V->recs[i].parse, V->recs[i].len, "bench", &doc, &quiet) != TC_OK) {
                bad++;
                continue;
            }
            tc_code_doc(V->dict, &V->opts, doc, V->recs[i].date, NULL);
            sents += doc->nsent;
            events += doc->nevents;
            tc_doc_free(&doc);
        }
    }
    double all = cli_now() - t0;
    double coding = all - tparse;
    printf("records %zu x %ld: %lu sentences, %lu events, %lu unparsable\n", V->nrecs, V->bench, sents, events, bad);
    printf("parse alone: %.3f s CPU, %.0f sentences/s\n", tparse, tparse > 0 ? (double)sents / tparse : 0.0);
    printf("parse+code: %.3f s CPU, %.0f sentences/s\n", all, all > 0 ? (double)sents / all : 0.0);
    printf("coding only (difference): %.3f s CPU, %.0f sentences/s\n", coding,
           coding > 0 ? (double)sents / coding : 0.0);
}

/* a TABARI text file: not XML, and a "YYMMDD ID" record header near the top */
static int cli_is_tabari(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return 0;
    char line[1024];
    int tab = 0;
    for (int i = 0; i < 200 && fgets(line, sizeof line, f); i++) {
        const char *p = line;
        while (isspace((unsigned char)*p)) p++;
        if (*p == '<') break;
        int k = 0;
        while (isdigit((unsigned char)p[k])) k++;
        if ((k == 6 || k == 8) && (p[k] == ' ' || p[k] == '\t' || p[k] == '*') && p[k + 1]) {
            tab = 1;
            break;
        }
    }
    fclose(f);
    return tab;
}

/* --parse own: models and scratch space */
static int cli_load_models(cli_val *V, const char *tagger_path, const char *parser_path, char **argv,
                           tc_diag *diag)
{
    char tbuf[4096], pbuf[4096];
    V->own = 1;
    if (!tagger_path) tagger_path = cli_find_model("tagger.bin", tbuf, sizeof tbuf, argv);
    if (!parser_path) parser_path = cli_find_model("parser.bin", pbuf, sizeof pbuf, argv);
    if (!tagger_path || !parser_path) {
        fprintf(stderr, "%s validate: --parse own: no %s model found (models/%s; run 'make models' or use %s)\n",
                cli_prog, tagger_path ? "parser" : "tagger", tagger_path ? "parser.bin" : "tagger.bin",
                tagger_path ? "--parser" : "--tagger");
        return -1;
    }
    tc_split_opts so;
    memset(&so, 0, sizeof so);
    so.newline = TC_NL_SPACE; /* suite texts are hard-wrapped */
    if (tc_tagger_load(&V->tagger, tagger_path, diag) != TC_OK) return -1;
    if (tc_parser_load(&V->parser, parser_path, diag) != TC_OK) return -1;
    if (tc_split_new(&V->sp, &so) != TC_OK || !(V->pws = tc_parser_ws_new())) return -1;
    if (tc_lemma_open(&V->lemma, NULL, diag) != TC_OK) V->lemma = NULL;
    return 0;
}

static void cli_free_models(cli_val *V)
{
    tc_split_free(&V->sp);
    tc_parser_ws_free(&V->pws);
    tc_tagger_free(&V->tagger);
    tc_parser_free(&V->parser);
    tc_lemma_free(&V->lemma);
}

static int run(int argc, char **argv)
{
    const cli_command *self = NULL;
    extern const cli_command cli_cmd_validate;
    self = &cli_cmd_validate;
    cli_val V;
    memset(&V, 0, sizeof V);
    tc_code_opts_default(&V.opts);
    const char *parse = "given", *tagger_path = NULL, *parser_path = NULL;
    int all_records = 0, stems = -1, no_flat = 0, tabari_tree = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            cli_print_usage(self, stdout);
            return CLI_OK;
        } else if (!strcmp(a, "--dict-dir")) {
            if (++i >= argc) return cli_usage_error(self, "--dict-dir needs an argument");
            V.dict_dir = argv[i];
        } else if (!strcmp(a, "--parse")) {
            if (++i >= argc) return cli_usage_error(self, "--parse needs an argument");
            parse = argv[i];
            if (strcmp(parse, "given") && strcmp(parse, "own"))
                return cli_usage_error(self, "--parse must be 'given' or 'own'");
        } else if (!strcmp(a, "--tagger") || !strcmp(a, "--parser")) {
            if (++i >= argc) return cli_usage_error(self, "%s needs an argument", a);
            if (a[2] == 't') tagger_path = argv[i];
            else parser_path = argv[i];
        } else if (!strcmp(a, "--stems")) {
            if (++i >= argc) return cli_usage_error(self, "--stems needs off, verbs or all");
            stems = !strcmp(argv[i], "off") ? 0 : !strcmp(argv[i], "verbs") ? 1 : !strcmp(argv[i], "all") ? 2 : -2;
            if (stems == -2) return cli_usage_error(self, "--stems must be off, verbs or all");
        } else if (!strcmp(a, "--no-flat")) {
            no_flat = 1;
        } else if (!strcmp(a, "--tabari-tree")) {
            tabari_tree = 1;
        } else if (!strcmp(a, "--all-records")) {
            all_records = 1;
        } else if (!strcmp(a, "--scan")) {
            V.scan = 1;
        } else if (!strcmp(a, "--all-categories")) {
            V.all_categories = 1;
        } else if (!strcmp(a, "--bench")) {
            if (++i >= argc) return cli_usage_error(self, "--bench needs a count");
            V.bench = atol(argv[i]);
            if (V.bench <= 0) return cli_usage_error(self, "--bench needs a positive count");
        } else if (!strcmp(a, "--verbs") || !strcmp(a, "--actors") || !strcmp(a, "--agents") ||
                   !strcmp(a, "--discards") || !strcmp(a, "--pico") || !strcmp(a, "--issues")) {
            static const char *const names[] = {"--verbs", "--actors", "--agents", "--discards", "--pico", "--issues"};
            if (i + 1 >= argc) return cli_usage_error(self, "%s needs an argument", a);
            for (int k = 0; k < 6; k++)
                if (!strcmp(a, names[k])) V.extra[k] = argv[i + 1];
            i++;
        } else if (!strcmp(a, "--id")) {
            if (++i >= argc) return cli_usage_error(self, "--id needs an argument");
            V.only = argv[i];
            V.verbose = 1;
        } else if (!strcmp(a, "--verbose") || !strcmp(a, "-v")) {
            V.verbose = 1;
        } else if (a[0] == '-' && a[1]) {
            return cli_usage_error(self, "unknown option '%s'", a);
        } else if (!V.path) {
            V.path = a;
        } else {
            return cli_usage_error(self, "only one suite file");
        }
    }
    if (!V.path) return cli_usage_error(self, "no suite file given");
    tc_diag mdiag = cli_diag();
    V.tabari = cli_is_tabari(V.path);
    if (V.tabari && stems < 0) stems = 2;
    V.stem_mode = stems < 0 ? 0 : stems;
    V.flat = V.tabari && !no_flat;
    if (V.tabari && !tabari_tree) V.stem_mode = 0;
    if ((V.tabari || !strcmp(parse, "own")) && cli_load_models(&V, tagger_path, parser_path, argv, &mdiag) != 0) {
        cli_free_models(&V);
        return CLI_BADINPUT;
    }
    if (V.tabari && !tabari_tree && tc_tabari_new(&V.tab) != TC_OK) {
        cli_free_models(&V);
        return CLI_BADINPUT;
    }
    char dirbuf[4096];
    if (!V.dict_dir) {
        snprintf(dirbuf, sizeof dirbuf, "%s", V.path);
        char *sl = strrchr(dirbuf, '/');
        if (sl) *sl = 0;
        else snprintf(dirbuf, sizeof dirbuf, ".");
        V.dict_dir = dirbuf;
    }
    FILE *f = fopen(V.path, "rb");
    if (!f) {
        fprintf(stderr, "%s validate: cannot open %s\n", cli_prog, V.path);
        tc_tabari_free(&V.tab);
        cli_free_models(&V);
        return CLI_BADINPUT;
    }
    tc_buf b = TC_BUF_INIT;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (tc_buf_append(&b, chunk, n) != TC_OK) break;
    fclose(f);
    if (!b.data) {
        fprintf(stderr, "%s validate: %s is empty\n", cli_prog, V.path);
        tc_tabari_free(&V.tab);
        cli_free_models(&V);
        return CLI_BADINPUT;
    }
    V.diag = cli_diag();
    if (tc_dict_new(&V.dict) != TC_OK) {
        tc_buf_free(&b);
        tc_tabari_free(&V.tab);
        cli_free_models(&V);
        return CLI_BADINPUT;
    }
    int rc = CLI_OK;
    long nrec = 0;
    {
        tc_status (*const fns[6])(tc_dict *, const char *, tc_diag *) = {
            tc_dict_load_verbs, tc_dict_load_actors, tc_dict_load_agents,
            tc_dict_load_discards, tc_dict_load_pico, tc_dict_load_issues};
        struct timespec t0, t1;
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
        for (int k = 0; k < 6; k++) {
            if (!V.extra[k]) continue;
            char list[8192];
            snprintf(list, sizeof list, "%s", V.extra[k]);
            char *save = NULL;
            for (char *fl = strtok_r(list, ",", &save); fl; fl = strtok_r(NULL, ",", &save)) {
                if (!(V.tab && k < 3) && fns[k](V.dict, fl, &V.diag) != TC_OK) rc = CLI_BADINPUT;
                static const int tk[3] = {TC_TABARI_VERBS, TC_TABARI_ACTORS, TC_TABARI_AGENTS};
                if (V.tab && k < 3 && tc_tabari_load(V.tab, tk[k], fl, &V.diag) != TC_OK) rc = CLI_BADINPUT;
            }
        }
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
        if (V.bench)
            printf("dictionaries loaded in %.3f s CPU (%zu actors, %zu agents, %zu verb forms, %zu patterns)\n",
                   (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9, V.dict->nactors,
                   V.dict->nagents, V.dict->nverbs, V.dict->npatterns);
        if (rc != CLI_OK) {
            tc_dict_free(&V.dict);
            tc_tabari_free(&V.tab);
            cli_free_models(&V);
            tc_buf_free(&b);
            return rc;
        }
    }
    if (V.tabari) {
        if (cli_tabari_project(&V) != 0 || cli_run_tabari(&V, all_records) < 0) rc = CLI_BADINPUT;
    } else if (!strstr(b.data, "<Sentence")) {
        fprintf(stderr, "%s validate: %s: neither a PETRARCH XML suite nor TABARI validation text\n", cli_prog,
                V.path);
        rc = CLI_BADINPUT;
    } else if ((nrec = V.scan ? 0 : cli_run_reader(&V)) < 0 || (nrec == 0 && cli_run_xml(&V, b.data, b.len) != 0)) {
        rc = CLI_BADINPUT;
    }
    if (rc != CLI_OK) {
        /* reported */
    } else if (V.bench) {
        cli_bench(&V);
    } else {
        printf("\n%-12s %6s %6s %6s\n", "category", "pass", "fail", "total");
        for (int i = 0; i < V.ncats; i++)
            printf("%-12s %6d %6d %6d\n", V.cats[i].name, V.cats[i].pass, V.cats[i].fail,
                   V.cats[i].pass + V.cats[i].fail);
        if (V.disabled || V.excluded)
            printf("(%d disabled records, %d records of categories not in <Include> skipped)\n", V.disabled,
                   V.excluded);
        if (V.tabari)
            printf("(%d records without an expected coding not scored; %d records expect {+++} complex)\n",
                   V.unscored, V.complex_gold);
        printf("%d passed, %d failed\n", V.pass, V.fail);
        if (V.fail) rc = CLI_BADINPUT;
    }
    tc_dict_free(&V.dict);
    tc_tabari_free(&V.tab);
    cli_free_models(&V);
    for (size_t i = 0; i < V.nrecs; i++) tc_free((char *)V.recs[i].parse);
    tc_free(V.recs);
    tc_buf_free(&b);
    return rc;
}

const cli_command cli_cmd_validate = {
    "validate",
    "run a PETRARCH/UniversalPetrarch validation suite through the coder",
    usage,
    run,
};
