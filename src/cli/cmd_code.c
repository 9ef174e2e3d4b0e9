/* cmd_code.c - `tacitus code`: any input -> clean -> split -> parse -> code -> events. */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "cli_models.h"
#include "core/hash.h"
#include "dict/dict.h"
#include "nlp/lemma.h"
#include "nlp/parser.h"
#include "nlp/tagger.h"
#include "pipeline/defaults.h"
#include "pipeline/evout.h"
#include "pipeline/evstore.h"
#include "pipeline/pipeline.h"

static int run(int argc, char **argv);

const cli_command cli_cmd_code = {
    "code",
    "code events from news: raw text/JSONL/HTML/WARC -> CAMEO events",
    "usage: tacitus code [OPTIONS] [FILE...|-]\n"
    "\n"
    "Reads news (plain text, JSONL, HTML, WARC, PETRARCH XML; .gz/.zst), cleans the\n"
    "scraped text, splits, tags and parses it, codes CAMEO events with the embedded\n"
    "default dictionaries and prints one event per line.\n"
    "\n"
    "Output:\n"
    "  -f, --format FMT       jsonl (default), tsv, csv, phoenix, or table (for people)\n"
    "  -o, --output FILE      write events to FILE instead of stdout\n"
    "      --db FILE          also store the events in the SQLite event store FILE\n"
    "                         (deduplicated; see tacitus query/export/report)\n"
    "Dictionaries (default: the embedded tacitus dictionaries):\n"
    "      --dict-dir DIR     use the PETRARCH/TABARI dictionaries in DIR instead\n"
    "                         (*actors*, *agents*, *verbs*/CAMEO*, *discards* files)\n"
    "      --actors FILE      add an actors file (repeatable); likewise --agents,\n"
    "      --verbs FILE       --verbs, --discards\n"
    "      --defaults         keep the embedded defaults with --dict-dir/--actors...\n"
    "Models:\n"
    "      --tagger FILE      tagger model (default: models/tagger.bin)\n"
    "      --parser FILE      parser model (default: models/parser.bin)\n"
    "Processing:\n"
    "      --date YYYY-MM-DD  date of documents that carry none (metadata, dateline)\n"
    "      --meta FILE        TSV of document metadata: id, date [, url [, source]]\n"
    "      --no-clean         do not remove scraped-text junk\n"
    "      --no-require-dyad  also emit events without a source or a target\n"
    "      --keep-unresolved  keep events with a role but no country (---GOV)\n"
    "      --parse-all        parse every sentence (default: only sentences with a\n"
    "                         dictionary verb and two possible participants)\n"
    "      --given-parse      code the parses given in the input (CoNLL-U, XML)\n"
    "  -j, --threads N        worker threads (default 1)\n"
    "      --input-format F   text, jsonl, petrarch-xml, tabari, html, warc, conllu\n"
    "      --text-field NAME  JSONL field holding the text\n"
    "  -q, --quiet            no warnings, no progress, no summary\n"
    "      --progress         progress bar even when stderr is not a terminal\n"
    "\n"
    "Exit status: 0 ok, 1 an input could not be read, 2 usage error.\n",
    run,
};

/* ------------------------------------------------------------ dictionaries */

typedef struct dict_args {
    const char *dir;
    const char *files[4][16]; /* actors, agents, verbs, discards */
    int nfiles[4];
    int defaults;
} dict_args;

static int ends_with(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n >= m && !strcmp(s + n - m, suf);
}

/* Classify a dictionary file name: 0 actors, 1 agents, 2 verbs, 3 discards, -1 other. */
static int dict_kind(const char *name)
{
    char low[256];
    size_t i;
    for (i = 0; name[i] && i < sizeof low - 1; i++)
        low[i] = (char)((name[i] >= 'A' && name[i] <= 'Z') ? name[i] + 32 : name[i]);
    low[i] = 0;
    if (!ends_with(low, ".txt") && !ends_with(low, ".actors") && !ends_with(low, ".agents") &&
        !ends_with(low, ".verbs"))
        return -1;
    if (strstr(low, "agent")) return 1;
    if (strstr(low, "actor")) return 0;
    if (strstr(low, "discard")) return 3;
    if (strstr(low, "verb") || !strncmp(low, "cameo.", 6)) return 2;
    return -1;
}

static tc_status load_dicts(tc_dict *d, const dict_args *a, tc_diag *diag)
{
    tc_status st = TC_OK;
    int any = a->dir != NULL;
    for (int k = 0; k < 4; k++) any |= a->nfiles[k] > 0;
    if (!any || a->defaults) {
        if ((st = tc_pipe_load_defaults(d, diag)) != TC_OK) return st;
    }
    if (a->dir) {
        DIR *dir = opendir(a->dir);
        if (!dir) {
            tc_diag_emit(diag, TC_LOG_ERROR, a->dir, 0, "cannot open dictionary folder: %s",
                         strerror(errno));
            return TC_EIO;
        }
        char *names[256];
        int nn = 0;
        struct dirent *e;
        while ((e = readdir(dir)) && nn < 256)
            if (e->d_name[0] != '.') names[nn++] = strdup(e->d_name);
        closedir(dir);
        /* actors and agents before verbs (synsets), in name order */
        for (int i = 0; i < nn; i++)
            for (int j = i + 1; j < nn; j++)
                if (strcmp(names[i], names[j]) > 0) {
                    char *t = names[i];
                    names[i] = names[j];
                    names[j] = t;
                }
        for (int pass = 0; pass < 4 && st == TC_OK; pass++) {
            for (int i = 0; i < nn && st == TC_OK; i++) {
                if (dict_kind(names[i]) != pass) continue;
                char path[4096];
                snprintf(path, sizeof path, "%s/%s", a->dir, names[i]);
                if (pass == 0) st = tc_dict_load_actors(d, path, diag);
                else if (pass == 1) st = tc_dict_load_agents(d, path, diag);
                else if (pass == 2) st = tc_dict_load_verbs(d, path, diag);
                else st = tc_dict_load_discards(d, path, diag);
            }
        }
        for (int i = 0; i < nn; i++) free(names[i]);
        if (st != TC_OK) return st;
    }
    for (int k = 0; k < 4 && st == TC_OK; k++) {
        for (int i = 0; i < a->nfiles[k] && st == TC_OK; i++) {
            const char *p = a->files[k][i];
            if (k == 0) st = tc_dict_load_actors(d, p, diag);
            else if (k == 1) st = tc_dict_load_agents(d, p, diag);
            else if (k == 2) st = tc_dict_load_verbs(d, p, diag);
            else st = tc_dict_load_discards(d, p, diag);
        }
    }
    return st;
}

/* --meta FILE: id <TAB> date [<TAB> url [<TAB> source]] */
typedef struct meta_table {
    tc_strmap map; /* id -> line index */
    char **lines;
    size_t n;
} meta_table;

static int load_meta(meta_table *mt, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "%s code: cannot read %s: %s\n", cli_prog, path, strerror(errno));
        return -1;
    }
    tc_strmap_init(&mt->map);
    char line[4096];
    long ln = 0;
    while (fgets(line, sizeof line, f)) {
        ln++;
        size_t len = strlen(line);
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = 0;
        if (!len || line[0] == '#') continue;
        char *tab = strchr(line, '\t');
        if (!tab) {
            fprintf(stderr, "%s code: %s:%ld: warning: no tab, line skipped\n", cli_prog, path, ln);
            continue;
        }
        char **nl = realloc(mt->lines, (mt->n + 1) * sizeof *nl);
        if (!nl) break;
        mt->lines = nl;
        mt->lines[mt->n] = strdup(line);
        tc_strmap_put(&mt->map, line, (size_t)(tab - line), (int64_t)mt->n);
        mt->n++;
    }
    fclose(f);
    return 0;
}

static void meta_apply(const meta_table *mt, tc_doc *d)
{
    int64_t k;
    if (!mt->n || !d->id || !tc_strmap_get(&mt->map, d->id, strlen(d->id), &k)) return;
    char *copy = strdup(mt->lines[k]);
    if (!copy) return;
    char *cols[4] = {0};
    int nc = 0;
    for (char *p = copy; p && nc < 4;) {
        cols[nc++] = p;
        p = strchr(p, '\t');
        if (p) *p++ = 0;
    }
    if (nc > 1 && cols[1][0]) d->date = tc_doc_str(d, cols[1]);
    if (nc > 2 && cols[2][0]) d->url = tc_doc_str(d, cols[2]);
    if (nc > 3 && cols[3][0]) d->source = tc_doc_str(d, cols[3]);
    free(copy);
}

static void meta_free(meta_table *mt)
{
    for (size_t i = 0; i < mt->n; i++) free(mt->lines[i]);
    free(mt->lines);
    if (mt->n) tc_strmap_free(&mt->map);
    memset(mt, 0, sizeof *mt);
}

/* ------------------------------------------------------------ the run */

typedef struct run_state {
    tc_pipe pipe;
    tc_evout_format fmt;
    FILE *out;
    tc_diag *diag;
    int threads;
    int progress;
    /* counters (guarded by mu when threaded) */
    unsigned long docs, coded, failed, events, sentences, undated, discarded;
    unsigned long phoenix_counter;
    int write_error;
    struct timespec t0;
    unsigned long total_inputs;     /* files to read (progress ETA), 0 unknown */
    unsigned long inputs_started;   /* files whose first document was seen */
    long long total_bytes;          /* size of a single plain input, for its ETA */
    char last_path[1024];           /* path of the current input */
    const tc_read_stats *rstats;
    /* threading */
    pthread_mutex_t mu;
    pthread_cond_t cv_job, cv_done, cv_space;
    tc_doc **jobs;      /* ring of pending documents */
    unsigned long *job_seq;
    unsigned qcap, qhead, qcount;
    tc_buf *results;    /* ring of rendered outputs, by seq % rcap */
    int *ready;
    unsigned rcap;
    unsigned long next_seq, next_write;
    int closing;
    tc_pipe_ws *ws1;    /* single-thread workspace */
    meta_table meta;
    tc_store *store;
    pthread_mutex_t store_mu;
    unsigned long stored, store_undated;
    int store_error;
} run_state;

static double now_s(const run_state *rs)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - rs->t0.tv_sec) + (double)(t.tv_nsec - rs->t0.tv_nsec) / 1e9;
}

static void show_progress(run_state *rs, int final)
{
    if (!rs->progress) return;
    double el = now_s(rs);
    double rate = el > 0 ? (double)rs->docs / el : 0;
    char eta[48] = "";
    double left = -1;
    if (rs->total_inputs > 1 && rs->inputs_started > 0 && el > 0) {
        double per_file = el / (double)rs->inputs_started;
        left = per_file * (double)(rs->total_inputs - rs->inputs_started);
    } else if (rs->total_bytes > 0 && rs->rstats && rs->rstats->bytes > 0 && el > 0) {
        double frac = (double)rs->rstats->bytes / (double)rs->total_bytes;
        if (frac > 0 && frac <= 1) left = el / frac - el;
    }
    if (left >= 0 && !final)
        snprintf(eta, sizeof eta, ", ETA %d:%02d", (int)(left / 60), (int)left % 60);
    fprintf(stderr, "\r%s: %lu docs, %lu sentences, %lu events, %.0f docs/s, %.0f sent/s%s   ",
            cli_prog, rs->docs, rs->sentences, rs->events, rate,
            el > 0 ? (double)rs->sentences / el : 0.0, eta);
    if (final) fputc('\n', stderr);
    fflush(stderr);
}

/* Inputs for the progress ETA: number of files and, for one uncompressed file, its size. */
static void count_inputs(run_state *rs, int n, char **inputs)
{
    char **paths = NULL;
    size_t np = 0;
    unsigned long nbad = 0;
    if (n == 0 || tc_paths_expand(inputs, n, &paths, &np, &nbad, NULL) != TC_OK) return;
    rs->total_inputs = np;
    struct stat sb;
    if (np == 1 && strcmp(paths[0], "-") && stat(paths[0], &sb) == 0 &&
        !strstr(paths[0], ".gz") && !strstr(paths[0], ".zst"))
        rs->total_bytes = (long long)sb.st_size;
    tc_paths_free(&paths);
}

/* Process one document into buf (any thread). Returns counters through rs under lock. */
static void process(run_state *rs, tc_pipe_ws *ws, tc_doc *d, tc_buf *buf, unsigned long seq)
{
    tc_pipe_result res;
    tc_status st = tc_pipe_doc(&rs->pipe, ws, d, &res, rs->diag);
    unsigned long ev = 0;
    if (st == TC_OK) {
        /* Phoenix event ids: a run-wide counter with one thread; with several,
         * document sequence * 100000 + event number (unique, in input order) */
        if (rs->threads > 1) {
            unsigned long c = seq * 100000ul;
            tc_evout_doc_buf(buf, rs->fmt, d, &res, &c);
        } else {
            tc_evout_doc_buf(buf, rs->fmt, d, &res, &rs->phoenix_counter);
        }
        ev = res.nevents;
        if (rs->store) {
            pthread_mutex_lock(&rs->store_mu);
            if (!rs->store_error &&
                tc_pipe_store_doc(rs->store, d, &res, &rs->stored, &rs->store_undated) != TC_OK)
                rs->store_error = 1;
            pthread_mutex_unlock(&rs->store_mu);
        }
    } else {
        tc_diag_emit(rs->diag, TC_LOG_WARN, d->path, d->line, "document %s not coded: %s",
                     d->id ? d->id : "?", tc_status_str(st));
    }
    if (rs->threads > 1) pthread_mutex_lock(&rs->mu);
    if (st == TC_OK) {
        rs->coded++;
        rs->events += ev;
        rs->sentences += res.nsent;
        if (!res.doc_date[0]) rs->undated++;
        if (res.discarded) rs->discarded++;
    } else {
        rs->failed++;
    }
    if (rs->threads > 1) pthread_mutex_unlock(&rs->mu);
}

static void write_out(run_state *rs, tc_buf *b)
{
    if (!b->len) return;
    if (fwrite(b->data, 1, b->len, rs->out) != b->len) rs->write_error = 1;
}

static void *worker(void *arg)
{
    run_state *rs = arg;
    tc_pipe_ws *ws = NULL;
    if (tc_pipe_ws_new(&ws) != TC_OK) return NULL;
    tc_buf local = TC_BUF_INIT;
    for (;;) {
        pthread_mutex_lock(&rs->mu);
        while (!rs->qcount && !rs->closing) pthread_cond_wait(&rs->cv_job, &rs->mu);
        if (!rs->qcount && rs->closing) {
            pthread_mutex_unlock(&rs->mu);
            break;
        }
        tc_doc *d = rs->jobs[rs->qhead];
        unsigned long seq = rs->job_seq[rs->qhead];
        rs->qhead = (rs->qhead + 1) % rs->qcap;
        rs->qcount--;
        pthread_cond_broadcast(&rs->cv_space);
        pthread_mutex_unlock(&rs->mu);

        tc_buf_clear(&local);
        process(rs, ws, d, &local, seq);
        tc_doc_free(&d);

        pthread_mutex_lock(&rs->mu);
        unsigned slot = (unsigned)(seq % rs->rcap);
        tc_buf tmp = rs->results[slot];
        rs->results[slot] = local;
        local = tmp;
        rs->ready[slot] = 1;
        /* write everything that is ready, in order */
        while (rs->ready[rs->next_write % rs->rcap]) {
            unsigned s = (unsigned)(rs->next_write % rs->rcap);
            write_out(rs, &rs->results[s]);
            tc_buf_clear(&rs->results[s]);
            rs->ready[s] = 0;
            rs->next_write++;
            rs->docs++;
        }
        pthread_cond_broadcast(&rs->cv_space);
        pthread_mutex_unlock(&rs->mu);
    }
    tc_buf_free(&local);
    tc_pipe_ws_free(&ws);
    return NULL;
}

static int on_doc(tc_doc *d, void *ud, int *keep)
{
    run_state *rs = ud;
    meta_apply(&rs->meta, d);
    if (d->path && strncmp(rs->last_path, d->path, sizeof rs->last_path - 1)) {
        rs->inputs_started++;
        snprintf(rs->last_path, sizeof rs->last_path, "%s", d->path);
    }
    if (rs->threads <= 1) {
        tc_buf b = TC_BUF_INIT;
        process(rs, rs->ws1, d, &b, 0);
        write_out(rs, &b);
        tc_buf_free(&b);
        rs->docs++;
        if (rs->progress && rs->docs % 64 == 0) show_progress(rs, 0);
        return rs->write_error ? CLI_BADINPUT : 0;
    }
    *keep = 1;
    pthread_mutex_lock(&rs->mu);
    /* bounded: the job queue and the reorder window */
    while (rs->qcount == rs->qcap || rs->next_seq - rs->next_write >= rs->rcap)
        pthread_cond_wait(&rs->cv_space, &rs->mu);
    unsigned tail = (rs->qhead + rs->qcount) % rs->qcap;
    rs->jobs[tail] = d;
    rs->job_seq[tail] = rs->next_seq++;
    rs->qcount++;
    pthread_cond_signal(&rs->cv_job);
    unsigned long docs = rs->docs;
    pthread_mutex_unlock(&rs->mu);
    if (rs->progress && docs % 64 == 0) show_progress(rs, 0);
    return rs->write_error ? CLI_BADINPUT : 0;
}

static int parse_int(const char *s, int *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (end == s || *end || v < 1 || v > 256) return -1;
    *out = (int)v;
    return 0;
}

enum {
    OPT_DICT_DIR = 256, OPT_ACTORS, OPT_AGENTS, OPT_VERBS, OPT_DISCARDS, OPT_DEFAULTS,
    OPT_TAGGER, OPT_PARSER, OPT_DATE, OPT_NO_CLEAN, OPT_NO_DYAD, OPT_GIVEN, OPT_INFMT,
    OPT_TEXTFIELD, OPT_PROGRESS, OPT_META, OPT_KEEP_UNRES, OPT_DB, OPT_PARSE_ALL
};


static int run(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"format", required_argument, 0, 'f'},     {"output", required_argument, 0, 'o'},
        {"dict-dir", required_argument, 0, OPT_DICT_DIR},
        {"actors", required_argument, 0, OPT_ACTORS},
        {"agents", required_argument, 0, OPT_AGENTS},
        {"verbs", required_argument, 0, OPT_VERBS},
        {"discards", required_argument, 0, OPT_DISCARDS},
        {"defaults", no_argument, 0, OPT_DEFAULTS},
        {"tagger", required_argument, 0, OPT_TAGGER},
        {"parser", required_argument, 0, OPT_PARSER},
        {"date", required_argument, 0, OPT_DATE},
        {"no-clean", no_argument, 0, OPT_NO_CLEAN},
        {"no-require-dyad", no_argument, 0, OPT_NO_DYAD},
        {"given-parse", no_argument, 0, OPT_GIVEN},
        {"threads", required_argument, 0, 'j'},
        {"input-format", required_argument, 0, OPT_INFMT},
        {"text-field", required_argument, 0, OPT_TEXTFIELD},
        {"quiet", no_argument, 0, 'q'},
        {"progress", no_argument, 0, OPT_PROGRESS},
        {"meta", required_argument, 0, OPT_META},
        {"keep-unresolved", no_argument, 0, OPT_KEEP_UNRES},
        {"db", required_argument, 0, OPT_DB},
        {"parse-all", no_argument, 0, OPT_PARSE_ALL},
        {0, 0, 0, 0},
    };
    const cli_command *cmd = &cli_cmd_code;
    dict_args da;
    memset(&da, 0, sizeof da);
    const char *dbpath = NULL;
    const char *fmtname = "jsonl", *outpath = NULL, *tagger_path = NULL, *parser_path = NULL;
    tc_read_opts ropts;
    memset(&ropts, 0, sizeof ropts);
    run_state rs;
    memset(&rs, 0, sizeof rs);
    rs.threads = 1;
    tc_pipe_opts_default(&rs.pipe.opts);
    int force_progress = 0;
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":f:o:j:q", longopts, NULL)) != -1) {
        switch (c) {
        case 'f': fmtname = optarg; break;
        case 'o': outpath = optarg; break;
        case 'j':
            if (parse_int(optarg, &rs.threads)) return cli_usage_error(cmd, "bad --threads '%s'", optarg);
            break;
        case 'q': cli_quiet = 1; break;
        case OPT_DICT_DIR: da.dir = optarg; break;
        case OPT_ACTORS: case OPT_AGENTS: case OPT_VERBS: case OPT_DISCARDS: {
            int k = c - OPT_ACTORS;
            if (da.nfiles[k] == 16) return cli_usage_error(cmd, "too many dictionary files");
            da.files[k][da.nfiles[k]++] = optarg;
            break;
        }
        case OPT_DEFAULTS: da.defaults = 1; break;
        case OPT_TAGGER: tagger_path = optarg; break;
        case OPT_PARSER: parser_path = optarg; break;
        case OPT_DATE:
            if (strlen(optarg) != 10 || optarg[4] != '-' || optarg[7] != '-')
                return cli_usage_error(cmd, "--date wants YYYY-MM-DD, not '%s'", optarg);
            rs.pipe.opts.default_date = optarg;
            break;
        case OPT_NO_CLEAN: rs.pipe.opts.clean = 0; break;
        case OPT_NO_DYAD: rs.pipe.opts.code.require_dyad = 0; break;
        case OPT_KEEP_UNRES: rs.pipe.opts.keep_unresolved = 1; break;
        case OPT_DB: dbpath = optarg; break;
        case OPT_PARSE_ALL: rs.pipe.opts.parse_all = 1; break;
        case OPT_GIVEN: rs.pipe.opts.given_parse = 1; break;
        case OPT_INFMT:
            ropts.format = tc_format_from_name(optarg);
            if (ropts.format == TC_FMT_AUTO && strcmp(optarg, "auto"))
                return cli_usage_error(cmd, "unknown input format '%s'", optarg);
            break;
        case OPT_TEXTFIELD: ropts.text_field = optarg; break;
        case OPT_PROGRESS: force_progress = 1; break;
        case OPT_META:
            if (rs.meta.n) meta_free(&rs.meta);
            if (load_meta(&rs.meta, optarg)) return CLI_BADINPUT;
            break;
        case ':': return cli_usage_error(cmd, "option '%s' needs an argument", argv[optind - 1]);
        default: return cli_usage_error(cmd, "unknown option '%s'", argv[optind - 1]);
        }
    }
    int f = tc_evout_format_from_name(fmtname);
    if (f < 0) return cli_usage_error(cmd, "unknown format '%s' (jsonl, tsv, csv, phoenix, table)", fmtname);
    rs.fmt = (tc_evout_format)f;
    if (ropts.format == TC_FMT_CONLLU) rs.pipe.opts.given_parse = 1;
    if (optind < argc && ropts.format == TC_FMT_AUTO) {
        /* every input a .conllu file: the parses are given, no models needed */
        int all = 1;
        for (int i = optind; i < argc; i++)
            if (!strstr(argv[i], ".conllu")) all = 0;
        if (all) rs.pipe.opts.given_parse = 1;
    }

    tc_diag diag = cli_diag();
    rs.diag = &diag;
    int rc = CLI_OK;
    tc_dict *dict = NULL;
    tc_tagger *tagger = NULL;
    tc_parser *parser = NULL;
    tc_lemma *lemma = NULL;
    char mpath[4096];

    if (tc_dict_new(&dict) != TC_OK || load_dicts(dict, &da, &diag) != TC_OK) {
        rc = CLI_BADINPUT;
        goto done;
    }
    rs.pipe.dict = dict;
    if (!rs.pipe.opts.given_parse) {
        if (!tagger_path) tagger_path = cli_find_model("tagger.bin", mpath, sizeof mpath, argv);
        if (!tagger_path || tc_tagger_load(&tagger, tagger_path, &diag) != TC_OK) {
            if (!tagger_path)
                fprintf(stderr, "%s code: no tagger model found (models/tagger.bin; run 'make models' or use --tagger)\n", cli_prog);
            rc = CLI_BADINPUT;
            goto done;
        }
        if (!parser_path) parser_path = cli_find_model("parser.bin", mpath, sizeof mpath, argv);
        if (!parser_path || tc_parser_load(&parser, parser_path, &diag) != TC_OK) {
            if (!parser_path)
                fprintf(stderr, "%s code: no parser model found (models/parser.bin; run 'make models' or use --parser)\n", cli_prog);
            rc = CLI_BADINPUT;
            goto done;
        }
    }
    rs.pipe.tagger = tagger;
    rs.pipe.parser = parser;
    if (tagger && tc_lemma_open(&lemma, NULL, &diag) == TC_OK) rs.pipe.lemma = lemma;

    pthread_mutex_init(&rs.store_mu, NULL);
    if (dbpath && tc_store_open(&rs.store, dbpath, NULL, &diag) != TC_OK) {
        rc = CLI_BADINPUT;
        goto done;
    }
    rs.out = stdout;
    if (outpath && !(rs.out = fopen(outpath, "w"))) {
        fprintf(stderr, "%s code: cannot write %s: %s\n", cli_prog, outpath, strerror(errno));
        rc = CLI_BADINPUT;
        goto done;
    }
    rs.progress = !cli_quiet && (force_progress || isatty(2));
    if (rs.progress) count_inputs(&rs, argc - optind, argv + optind);
    clock_gettime(CLOCK_MONOTONIC, &rs.t0);
    tc_evout_header(rs.out, rs.fmt);

    tc_read_stats st;
    memset(&st, 0, sizeof st);
    rs.rstats = &st;
    pthread_t th[256];
    int nth = 0;
    if (rs.threads > 1) {
        pthread_mutex_init(&rs.mu, NULL);
        pthread_cond_init(&rs.cv_job, NULL);
        pthread_cond_init(&rs.cv_done, NULL);
        pthread_cond_init(&rs.cv_space, NULL);
        rs.qcap = (unsigned)rs.threads * 4;
        rs.rcap = (unsigned)rs.threads * 16;
        rs.jobs = calloc(rs.qcap, sizeof *rs.jobs);
        rs.job_seq = calloc(rs.qcap, sizeof *rs.job_seq);
        rs.results = calloc(rs.rcap, sizeof *rs.results);
        rs.ready = calloc(rs.rcap, sizeof *rs.ready);
        if (!rs.jobs || !rs.job_seq || !rs.results || !rs.ready) {
            rc = CLI_BADINPUT;
            goto done;
        }
        for (int i = 0; i < rs.threads; i++)
            if (pthread_create(&th[nth], NULL, worker, &rs) == 0) nth++;
    } else if (tc_pipe_ws_new(&rs.ws1) != TC_OK) {
        rc = CLI_BADINPUT;
        goto done;
    }
    int frc = cli_for_each_doc(argc - optind, argv + optind, &ropts, &diag, &st, on_doc, &rs);
    if (rs.threads > 1) {
        pthread_mutex_lock(&rs.mu);
        rs.closing = 1;
        pthread_cond_broadcast(&rs.cv_job);
        pthread_mutex_unlock(&rs.mu);
        for (int i = 0; i < nth; i++) pthread_join(th[i], NULL);
        for (unsigned i = 0; i < rs.rcap; i++) tc_buf_free(&rs.results[i]);
    }
    if (frc) rc = frc;
    if (fflush(rs.out) != 0 || rs.write_error) {
        fprintf(stderr, "%s code: write error: %s\n", cli_prog, strerror(errno));
        rc = CLI_BADINPUT;
    }
    if (rs.store) {
        if (rs.store_error || tc_store_close(&rs.store) != TC_OK) {
            fprintf(stderr, "%s code: storing events in %s failed\n", cli_prog, dbpath);
            rc = CLI_BADINPUT;
        } else if (!cli_quiet) {
            fprintf(stderr, "%s: code: %lu events stored in %s (%lu without a date not stored)\n",
                    cli_prog, rs.stored, dbpath, rs.store_undated);
        }
    }
    show_progress(&rs, 1);
    if (!cli_quiet) {
        double el = now_s(&rs);
        char extra[512];
        snprintf(extra, sizeof extra,
                 "%lu coded, %lu not coded, %lu sentences, %lu events, %lu documents without a "
                 "date%s, %lu discarded; %.2f s, %.0f sentences/s",
                 rs.coded, rs.failed, rs.sentences, rs.events, rs.undated,
                 rs.undated ? " (give --date)" : "", rs.discarded, el,
                 el > 0 ? (double)rs.sentences / el : 0.0);
        cli_print_summary("code", &st, extra);
    }
done:
    if (rs.store) tc_store_abort(&rs.store);
    if (rs.out && rs.out != stdout) fclose(rs.out);
    tc_pipe_ws_free(&rs.ws1);
    free(rs.jobs);
    free(rs.job_seq);
    free(rs.results);
    free(rs.ready);
    tc_tagger_free(&tagger);
    tc_parser_free(&parser);
    tc_lemma_free(&lemma);
    tc_dict_free(&dict);
    meta_free(&rs.meta);
    return rc;
}
