/* store.c - SQLite event store (see store.h). */
#include "store/store.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/cameo.h"
#include "core/hash.h"
#include "core/mem.h"

#define TC_STORE_APP_ID 0x54414349 /* "TACI" */

enum {
    S_DOC_INS,
    S_DOC_GET,
    S_DOC_BYHASH,
    S_SENT_INS,
    S_SENT_GET,
    S_FTS_INS,
    S_EV_INS,
    S_EV_GET,
    S_M_HASDOC,
    S_M_HASOUTLET,
    S_M_INS,
    S_EV_BUMP,
    S_BEGIN,
    S_COMMIT,
    S_ROLLBACK,
    S_N
};

static const char *const stmt_sql[S_N] = {
    [S_DOC_INS] = "INSERT OR IGNORE INTO documents(ext_id,url,outlet,pubdate,title,hash,added) "
                  "VALUES(?1,?2,?3,?4,?5,?6,?7)",
    [S_DOC_GET] = "SELECT id, hash FROM documents WHERE ext_id=?1",
    [S_DOC_BYHASH] = "SELECT id FROM documents WHERE hash=?1 LIMIT 1",
    [S_SENT_INS] = "INSERT OR IGNORE INTO sentences(doc_id,idx,text) VALUES(?1,?2,?3)",
    [S_SENT_GET] = "SELECT id FROM sentences WHERE doc_id=?1 AND idx=?2",
    [S_FTS_INS] = "INSERT INTO sentences_fts(rowid,text) VALUES(?1,?2)",
    [S_EV_INS] = "INSERT OR IGNORE INTO events(date,source,target,code,root,quad,goldstein,"
                 "plover_type,plover_mode,source_text,target_text,is_root,first_doc,"
                 "first_sentence,added) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15)",
    [S_EV_GET] = "SELECT id FROM events WHERE date=?1 AND source=?2 AND target=?3 AND code=?4",
    [S_M_HASDOC] = "SELECT 1 FROM mentions WHERE event_id=?1 AND doc_id=?2 LIMIT 1",
    [S_M_HASOUTLET] = "SELECT 1 FROM mentions WHERE event_id=?1 AND outlet IS ?2 LIMIT 1",
    [S_M_INS] = "INSERT OR IGNORE INTO mentions(event_id,doc_id,sentence_id,sent,outlet,"
                "src_start,src_end,tgt_start,tgt_end,verb_start,verb_end,verb,pattern,"
                "source_text,target_text) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15)",
    [S_EV_BUMP] = "UPDATE events SET num_mentions=num_mentions+1, num_articles=num_articles+?2, "
                  "num_sources=num_sources+?3, is_root=max(is_root,?4) WHERE id=?1",
    [S_BEGIN] = "BEGIN IMMEDIATE",
    [S_COMMIT] = "COMMIT",
    [S_ROLLBACK] = "ROLLBACK",
};

/* Schema, one migration step per version: steps[v] upgrades version v to v+1. */
static const char *const schema_steps[] = {
    /* 0 -> 1 */
    "CREATE TABLE documents("
    " id INTEGER PRIMARY KEY,"
    " ext_id TEXT NOT NULL UNIQUE,"
    " url TEXT, outlet TEXT, pubdate TEXT, title TEXT, hash TEXT,"
    " added TEXT NOT NULL);"
    "CREATE TABLE sentences("
    " id INTEGER PRIMARY KEY,"
    " doc_id INTEGER NOT NULL REFERENCES documents(id),"
    " idx INTEGER NOT NULL,"
    " text TEXT,"
    " UNIQUE(doc_id, idx));"
    "CREATE VIRTUAL TABLE sentences_fts USING fts5(text, content='sentences', content_rowid='id');"
    "INSERT INTO sentences_fts(sentences_fts, rank) VALUES('automerge', 8);"
    "CREATE TABLE events("
    " id INTEGER PRIMARY KEY,"
    " date TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL, code TEXT NOT NULL,"
    " root TEXT NOT NULL, quad INTEGER NOT NULL, goldstein REAL NOT NULL,"
    " plover_type TEXT, plover_mode TEXT, source_text TEXT, target_text TEXT,"
    " num_mentions INTEGER NOT NULL DEFAULT 1, num_sources INTEGER NOT NULL DEFAULT 1,"
    " num_articles INTEGER NOT NULL DEFAULT 1, is_root INTEGER NOT NULL DEFAULT 0,"
    " first_doc INTEGER REFERENCES documents(id),"
    " first_sentence INTEGER REFERENCES sentences(id),"
    " added TEXT NOT NULL,"
    " UNIQUE(date, source, target, code));"
    "CREATE INDEX events_dyad3 ON events(substr(source,1,3), substr(target,1,3), date);"
    "CREATE TABLE mentions("
    " id INTEGER PRIMARY KEY,"
    " event_id INTEGER NOT NULL REFERENCES events(id),"
    " doc_id INTEGER NOT NULL REFERENCES documents(id),"
    " sentence_id INTEGER NOT NULL REFERENCES sentences(id),"
    " sent INTEGER NOT NULL, outlet TEXT,"
    " src_start INTEGER NOT NULL, src_end INTEGER NOT NULL,"
    " tgt_start INTEGER NOT NULL, tgt_end INTEGER NOT NULL,"
    " verb_start INTEGER NOT NULL, verb_end INTEGER NOT NULL,"
    " verb TEXT, pattern TEXT, source_text TEXT, target_text TEXT,"
    " UNIQUE(event_id, doc_id, sent, verb_start));",
    /* 1 -> 2: the same text under another document id is the same document */
    "CREATE INDEX documents_hash ON documents(hash) WHERE hash IS NOT NULL;",
};
#define N_STEPS ((int)(sizeof schema_steps / sizeof schema_steps[0]))

struct tc_store {
    sqlite3 *db;
    tc_diag *diag;
    char *path;
    sqlite3_stmt *stmt[S_N];
    int batch, in_tx, pending, readonly;
    char added[16];
    tc_strmap docs;        /* ext_id -> documents.id (this session) */
    int64_t last_doc, last_sent_doc, last_sent_id;
    int last_sent_idx;
    tc_store_counts counts;
    const char *origin_file;
    long origin_line;
};

static tc_status db_error(tc_store *st, const char *what)
{
    int ec = sqlite3_extended_errcode(st->db);
    const char *msg = sqlite3_errmsg(st->db);
    const char *hint = "";
    switch (ec & 0xff) {
    case SQLITE_FULL: hint = " (disk full?)"; break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED: hint = " (another process holds the database lock)"; break;
    case SQLITE_NOTADB: hint = " (not an SQLite database)"; break;
    case SQLITE_CORRUPT: hint = " (the database file is damaged)"; break;
    case SQLITE_READONLY: hint = " (read-only)"; break;
    case SQLITE_IOERR: hint = " (I/O error; disk full or file size limit?)"; break;
    default: break;
    }
    tc_diag_emit(st->diag, TC_LOG_ERROR, st->path, 0, "%s: %s%s", what, msg, hint);
    return TC_EDB;
}

static tc_status exec_sql(tc_store *st, const char *sql, const char *what)
{
    /* Only used for fixed schema/pragma text, never with user data. */
    if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK) return db_error(st, what);
    return TC_OK;
}

static int pragma_int(tc_store *st, const char *sql, int64_t *out)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) return 0;
    int rc = sqlite3_step(s);
    int ok = rc == SQLITE_ROW || rc == SQLITE_DONE;
    *out = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_finalize(s);
    return ok;
}

static tc_status migrate(tc_store *st)
{
    int64_t appid = 0, ver = 0, ntables = 0;
    if (!pragma_int(st, "PRAGMA application_id", &appid) ||
        !pragma_int(st, "PRAGMA user_version", &ver) ||
        !pragma_int(st, "SELECT count(*) FROM sqlite_master", &ntables))
        return db_error(st, "cannot read the database");
    if (appid != TC_STORE_APP_ID && ntables > 0) {
        tc_diag_emit(st->diag, TC_LOG_ERROR, st->path, 0,
                     "not a tacitus database (an SQLite file of another application); "
                     "refusing to touch it");
        return TC_EDB;
    }
    if (ver > TC_STORE_SCHEMA_VERSION) {
        tc_diag_emit(st->diag, TC_LOG_ERROR, st->path, 0,
                     "database schema version %lld is newer than this tacitus (%d)",
                     (long long)ver, TC_STORE_SCHEMA_VERSION);
        return TC_EVERSION;
    }
    if (ver == TC_STORE_SCHEMA_VERSION) return TC_OK;
    if (st->readonly) {
        tc_diag_emit(st->diag, TC_LOG_ERROR, st->path, 0,
                     ntables ? "database needs a schema upgrade; open it read-write once"
                             : "empty database (nothing ingested yet)");
        return TC_EDB;
    }
    tc_status rs = exec_sql(st, "BEGIN IMMEDIATE", "cannot lock the database");
    if (rs) return rs;
    /* re-read under the lock: another process may have migrated meanwhile */
    pragma_int(st, "PRAGMA user_version", &ver);
    for (int v = (int)ver; v < N_STEPS; v++) {
        if ((rs = exec_sql(st, schema_steps[v], "cannot create the schema"))) goto fail;
    }
    char sql[96];
    snprintf(sql, sizeof sql, "PRAGMA application_id=%d; PRAGMA user_version=%d",
             TC_STORE_APP_ID, TC_STORE_SCHEMA_VERSION);
    if ((rs = exec_sql(st, sql, "cannot set the schema version"))) goto fail;
    if ((rs = exec_sql(st, "COMMIT", "cannot commit the schema"))) goto fail;
    return TC_OK;
fail:
    sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    return rs;
}

void tc_store_event_init(tc_store_event *ev)
{
    memset(ev, 0, sizeof *ev);
    ev->src_start = ev->src_end = ev->tgt_start = ev->tgt_end = -1;
    ev->verb_start = ev->verb_end = -1;
}

static void store_free(tc_store *st)
{
    if (!st) return;
    for (int i = 0; i < S_N; i++) sqlite3_finalize(st->stmt[i]);
    if (st->db) sqlite3_close(st->db);
    tc_strmap_free(&st->docs);
    tc_free(st->path);
    tc_free(st);
}

tc_status tc_store_open(tc_store **out, const char *path, const tc_store_opts *opts,
                        tc_diag *diag)
{
    *out = NULL;
    if (!path || !*path) return TC_EINVAL;
    tc_store *st = tc_calloc(1, sizeof *st);
    if (!st) return TC_ENOMEM;
    st->diag = diag;
    st->path = tc_strdup(path);
    tc_strmap_init(&st->docs);
    st->readonly = opts && opts->readonly;
    st->batch = opts && opts->batch > 0 ? opts->batch : 20000;
    st->last_sent_doc = -1;
    int busy = opts && opts->busy_ms ? opts->busy_ms : 5000;
    if (!st->path) {
        store_free(st);
        return TC_ENOMEM;
    }
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(st->added, sizeof st->added, "%Y%m%d%H%M%S", &tm);

    /* one connection per tc_store, used by one thread at a time: no per-call mutexes */
    int flags = (st->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path, &st->db, flags, NULL) != SQLITE_OK) {
        if (!st->db) {
            store_free(st);
            return TC_ENOMEM;
        }
        tc_status rs = db_error(st, "cannot open the database");
        store_free(st);
        return rs;
    }
    sqlite3_extended_result_codes(st->db, 1);
    sqlite3_busy_timeout(st->db, busy < 0 ? 0 : busy);
    tc_status rs = TC_OK;
    /* The first read of the header tells a corrupt or foreign file apart. */
    int64_t dummy;
    if (!pragma_int(st, "SELECT count(*) FROM sqlite_master", &dummy)) {
        rs = db_error(st, "cannot read the database");
        goto fail;
    }
    if (!st->readonly) {
        int64_t ntables = dummy, appid = 0;
        pragma_int(st, "PRAGMA application_id", &appid);
        if (ntables > 0 && appid != TC_STORE_APP_ID) {
            tc_diag_emit(st->diag, TC_LOG_ERROR, st->path, 0,
                         "not a tacitus database (an SQLite file of another application); "
                         "refusing to touch it");
            rs = TC_EDB;
            goto fail;
        }
        if ((rs = exec_sql(st, "PRAGMA journal_mode=WAL", "cannot switch to WAL mode"))) goto fail;
        if ((rs = exec_sql(st,
                           "PRAGMA synchronous=NORMAL; PRAGMA secure_delete=OFF; "
                           "PRAGMA foreign_keys=OFF; PRAGMA cache_size=-65536; "
                           "PRAGMA temp_store=MEMORY; PRAGMA wal_autocheckpoint=8192",
                           "cannot configure the database")))
            goto fail;
    }
    if ((rs = migrate(st))) goto fail;
    if (!st->readonly) {
        for (int i = 0; i < S_N; i++) {
            if (sqlite3_prepare_v3(st->db, stmt_sql[i], -1, SQLITE_PREPARE_PERSISTENT,
                                   &st->stmt[i], NULL) != SQLITE_OK) {
                rs = db_error(st, "cannot prepare a statement");
                goto fail;
            }
        }
    }
    *out = st;
    return TC_OK;
fail:
    store_free(st);
    return rs;
}

static tc_status step_done(tc_store *st, sqlite3_stmt *s, const char *what)
{
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) return db_error(st, what);
    return TC_OK;
}

tc_status tc_store_commit(tc_store *st)
{
    if (!st || !st->in_tx) return TC_OK;
    tc_status rs = step_done(st, st->stmt[S_COMMIT], "cannot commit");
    if (rs) {
        step_done(st, st->stmt[S_ROLLBACK], "rollback");
        st->in_tx = 0;
        st->pending = 0;
        /* cached ids may refer to rolled-back rows */
        tc_strmap_free(&st->docs);
        tc_strmap_init(&st->docs);
        st->last_sent_doc = -1;
        return rs;
    }
    st->in_tx = 0;
    st->pending = 0;
    return TC_OK;
}

static void rollback(tc_store *st)
{
    if (st->in_tx) {
        int rc = sqlite3_step(st->stmt[S_ROLLBACK]);
        (void)rc;
        sqlite3_reset(st->stmt[S_ROLLBACK]);
    }
    st->in_tx = 0;
    st->pending = 0;
    tc_strmap_free(&st->docs);
    tc_strmap_init(&st->docs);
    st->last_sent_doc = -1;
}

tc_status tc_store_close(tc_store **pst)
{
    if (!pst || !*pst) return TC_OK;
    tc_store *st = *pst;
    tc_status rs = TC_OK;
    if (st->in_tx) rs = tc_store_commit(st);
    if (!rs && !st->readonly) {
        /* fold the WAL back into the database file; failure here loses nothing */
        sqlite3_wal_checkpoint_v2(st->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
    }
    store_free(st);
    *pst = NULL;
    return rs;
}

void tc_store_abort(tc_store **pst)
{
    if (!pst || !*pst) return;
    rollback(*pst);
    store_free(*pst);
    *pst = NULL;
}

void tc_store_set_origin(tc_store *st, const char *file, long line)
{
    st->origin_file = file;
    st->origin_line = line;
}

const tc_store_counts *tc_store_counts_get(const tc_store *st)
{
    return &st->counts;
}

tc_diag *tc_store_diag_(tc_store *st)
{
    return st ? st->diag : NULL;
}

void *tc_store_db(tc_store *st)
{
    return st ? st->db : NULL;
}

static int valid_date(const char *d)
{
    if (!d || strlen(d) != 10) return 0;
    for (int i = 0; i < 10; i++) {
        if (i == 4 || i == 7) {
            if (d[i] != '-') return 0;
        } else if (d[i] < '0' || d[i] > '9') {
            return 0;
        }
    }
    int m = (d[5] - '0') * 10 + (d[6] - '0'), day = (d[8] - '0') * 10 + (d[9] - '0');
    return m >= 1 && m <= 12 && day >= 1 && day <= 31;
}

static void bind_text(sqlite3_stmt *s, int i, const char *v)
{
    if (v) sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
    else sqlite3_bind_null(s, i);
}

static void bind_opt(sqlite3_stmt *s, int i, const char *v)
{
    bind_text(s, i, v && *v ? v : NULL);
}

/* Host of a URL into buf ("https://www.bbc.co.uk/x" -> "bbc.co.uk"), or NULL. */
static const char *url_host(const char *url, char *buf, size_t cap)
{
    if (!url) return NULL;
    const char *p = strstr(url, "://");
    p = p ? p + 3 : url;
    if (!strncmp(p, "www.", 4)) p += 4;
    size_t n = strcspn(p, "/:?#");
    if (n == 0 || n >= cap) return NULL;
    for (size_t i = 0; i < n; i++) {
        char c = p[i];
        buf[i] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
    }
    buf[n] = 0;
    return buf;
}

static tc_status get_doc(tc_store *st, const tc_store_event *ev, int64_t *doc_id, int *created)
{
    size_t klen = strlen(ev->doc);
    int64_t v;
    *created = 0;
    if (tc_strmap_get(&st->docs, ev->doc, klen, &v)) {
        *doc_id = v;
        return TC_OK;
    }
    sqlite3_stmt *s;
    if (ev->doc_hash && *ev->doc_hash) {
        /* content already stored under another id (a feed re-publishing the same article) */
        s = st->stmt[S_DOC_BYHASH];
        bind_text(s, 1, ev->doc_hash);
        int rc = sqlite3_step(s);
        int64_t found = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE) return db_error(st, "cannot look up a document");
        if (found >= 0) {
            *doc_id = found;
            if (tc_strmap_put(&st->docs, ev->doc, klen, found) != TC_OK) return TC_ENOMEM;
            return TC_OK;
        }
    }
    s = st->stmt[S_DOC_INS];
    char host[256];
    const char *outlet = ev->outlet && *ev->outlet ? ev->outlet : url_host(ev->url, host, sizeof host);
    bind_text(s, 1, ev->doc);
    bind_opt(s, 2, ev->url);
    bind_opt(s, 3, outlet);
    bind_opt(s, 4, ev->pubdate);
    bind_opt(s, 5, ev->title);
    bind_opt(s, 6, ev->doc_hash);
    bind_text(s, 7, st->added);
    tc_status rs = step_done(st, s, "cannot store a document");
    sqlite3_clear_bindings(s);
    if (rs) return rs;
    if (sqlite3_changes(st->db) == 1) {
        *doc_id = sqlite3_last_insert_rowid(st->db);
        *created = 1;
    } else {
        s = st->stmt[S_DOC_GET];
        bind_text(s, 1, ev->doc);
        int rc = sqlite3_step(s);
        if (rc != SQLITE_ROW) {
            sqlite3_reset(s);
            return db_error(st, "cannot look up a document");
        }
        *doc_id = sqlite3_column_int64(s, 0);
        const char *h = (const char *)sqlite3_column_text(s, 1);
        if (h && ev->doc_hash && *ev->doc_hash && strcmp(h, ev->doc_hash) != 0)
            tc_diag_emit(st->diag, TC_LOG_WARN, NULL, 0,
                         "document '%s' already stored with other content (hash %s, now %s); "
                         "keeping the stored one, adding only new mentions",
                         ev->doc, h, ev->doc_hash);
        sqlite3_reset(s);
    }
    if (tc_strmap_put(&st->docs, ev->doc, klen, *doc_id) != TC_OK) return TC_ENOMEM;
    return TC_OK;
}

static tc_status get_sentence(tc_store *st, int64_t doc_id, int doc_new, const tc_store_event *ev,
                              int64_t *sent_id)
{
    if (st->last_sent_doc == doc_id && st->last_sent_idx == ev->sent) {
        *sent_id = st->last_sent_id;
        return TC_OK;
    }
    sqlite3_stmt *s = st->stmt[S_SENT_INS];
    sqlite3_bind_int64(s, 1, doc_id);
    sqlite3_bind_int(s, 2, ev->sent);
    bind_opt(s, 3, ev->sentence);
    tc_status rs = step_done(st, s, "cannot store a sentence");
    sqlite3_clear_bindings(s);
    if (rs) return rs;
    if (sqlite3_changes(st->db) == 1) {
        *sent_id = sqlite3_last_insert_rowid(st->db);
        if (ev->sentence && *ev->sentence) {
            s = st->stmt[S_FTS_INS];
            sqlite3_bind_int64(s, 1, *sent_id);
            bind_text(s, 2, ev->sentence);
            rs = step_done(st, s, "cannot index a sentence");
            sqlite3_clear_bindings(s);
            if (rs) return rs;
        }
    } else {
        (void)doc_new;
        s = st->stmt[S_SENT_GET];
        sqlite3_bind_int64(s, 1, doc_id);
        sqlite3_bind_int(s, 2, ev->sent);
        int rc = sqlite3_step(s);
        if (rc != SQLITE_ROW) {
            sqlite3_reset(s);
            return db_error(st, "cannot look up a sentence");
        }
        *sent_id = sqlite3_column_int64(s, 0);
        sqlite3_reset(s);
    }
    st->last_sent_doc = doc_id;
    st->last_sent_idx = ev->sent;
    st->last_sent_id = *sent_id;
    return TC_OK;
}

static int probe(tc_store *st, int which, int64_t event_id, int64_t doc_id, const char *outlet)
{
    sqlite3_stmt *s = st->stmt[which];
    sqlite3_bind_int64(s, 1, event_id);
    if (which == S_M_HASDOC) sqlite3_bind_int64(s, 2, doc_id);
    else bind_text(s, 2, outlet);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    if (rc == SQLITE_ROW) return 1;
    if (rc == SQLITE_DONE) return 0;
    return -1;
}

static tc_status add_event(tc_store *st, const tc_store_event *ev, const tc_cameo_code *cc)
{
    int64_t doc_id = -1, sent_id = -1, event_id = -1;
    int doc_new;
    tc_status rs = get_doc(st, ev, &doc_id, &doc_new);
    if (rs) return rs;
    if (doc_new) st->counts.new_documents++;
    if ((rs = get_sentence(st, doc_id, doc_new, ev, &sent_id))) return rs;

    char root[3], host[256];
    tc_cameo_root(ev->code, root);
    const char *src = ev->source ? ev->source : "", *tgt = ev->target ? ev->target : "";
    sqlite3_stmt *s = st->stmt[S_EV_INS];
    bind_text(s, 1, ev->date);
    bind_text(s, 2, src);
    bind_text(s, 3, tgt);
    bind_text(s, 4, ev->code);
    bind_text(s, 5, root);
    sqlite3_bind_int(s, 6, cc->quad);
    sqlite3_bind_double(s, 7, cc->goldstein);
    bind_opt(s, 8, cc->plover_type);
    bind_opt(s, 9, cc->plover_mode);
    bind_opt(s, 10, ev->source_text);
    bind_opt(s, 11, ev->target_text);
    sqlite3_bind_int(s, 12, ev->sent == 0);
    sqlite3_bind_int64(s, 13, doc_id);
    sqlite3_bind_int64(s, 14, sent_id);
    bind_text(s, 15, st->added);
    rs = step_done(st, s, "cannot store an event");
    sqlite3_clear_bindings(s);
    if (rs) return rs;
    int ev_new = sqlite3_changes(st->db) == 1;
    if (ev_new) {
        event_id = sqlite3_last_insert_rowid(st->db);
    } else {
        s = st->stmt[S_EV_GET];
        bind_text(s, 1, ev->date);
        bind_text(s, 2, src);
        bind_text(s, 3, tgt);
        bind_text(s, 4, ev->code);
        int rc = sqlite3_step(s);
        event_id = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
        if (event_id < 0) return db_error(st, "cannot look up an event");
    }
    const char *outlet =
        ev->outlet && *ev->outlet ? ev->outlet : url_host(ev->url, host, sizeof host);
    int doc_seen = 0, outlet_seen = 0;
    if (!ev_new) {
        doc_seen = probe(st, S_M_HASDOC, event_id, doc_id, NULL);
        outlet_seen = probe(st, S_M_HASOUTLET, event_id, 0, outlet);
        if (doc_seen < 0 || outlet_seen < 0) return db_error(st, "cannot look up mentions");
    }
    s = st->stmt[S_M_INS];
    sqlite3_bind_int64(s, 1, event_id);
    sqlite3_bind_int64(s, 2, doc_id);
    sqlite3_bind_int64(s, 3, sent_id);
    sqlite3_bind_int(s, 4, ev->sent);
    bind_text(s, 5, outlet);
    sqlite3_bind_int(s, 6, ev->src_start);
    sqlite3_bind_int(s, 7, ev->src_end);
    sqlite3_bind_int(s, 8, ev->tgt_start);
    sqlite3_bind_int(s, 9, ev->tgt_end);
    sqlite3_bind_int(s, 10, ev->verb_start);
    sqlite3_bind_int(s, 11, ev->verb_end);
    bind_opt(s, 12, ev->verb);
    bind_opt(s, 13, ev->pattern);
    bind_opt(s, 14, ev->source_text);
    bind_opt(s, 15, ev->target_text);
    rs = step_done(st, s, "cannot store a mention");
    sqlite3_clear_bindings(s);
    if (rs) return rs;
    if (sqlite3_changes(st->db) != 1) {
        st->counts.duplicate_mentions++;
        return TC_OK;
    }
    st->counts.new_mentions++;
    if (ev_new) {
        st->counts.new_events++;
        return TC_OK;
    }
    s = st->stmt[S_EV_BUMP];
    sqlite3_bind_int64(s, 1, event_id);
    sqlite3_bind_int(s, 2, !doc_seen);
    sqlite3_bind_int(s, 3, !outlet_seen);
    sqlite3_bind_int(s, 4, ev->sent == 0);
    rs = step_done(st, s, "cannot update event counts");
    sqlite3_clear_bindings(s);
    return rs;
}

tc_status tc_store_add_event(tc_store *st, const tc_store_event *ev)
{
    if (!st || !ev) return TC_EINVAL;
    if (st->readonly) return TC_EINVAL;
    const char *why = NULL;
    const tc_cameo_code *cc = NULL;
    if (!ev->doc || !*ev->doc) why = "missing document id";
    else if (ev->sent < 0) why = "missing or negative sentence index";
    else if (!valid_date(ev->date)) why = "missing or malformed date (want YYYY-MM-DD)";
    else if (!ev->code || !(cc = tc_cameo_lookup_nearest(ev->code)) || strlen(ev->code) < 2)
        why = "missing or unknown CAMEO event code";
    if (why) {
        st->counts.rejected++;
        tc_diag_emit(st->diag, TC_LOG_WARN, st->origin_file, st->origin_line,
                     "event skipped: %s%s%s", why,
                     ev->doc ? " in document " : "", ev->doc ? ev->doc : "");
        return TC_EINVAL;
    }
    st->counts.events_read++;
    if (!st->in_tx) {
        tc_status rs = step_done(st, st->stmt[S_BEGIN], "cannot start a transaction");
        if (rs) return rs;
        st->in_tx = 1;
    }
    tc_status rs = add_event(st, ev, cc);
    if (rs) {
        rollback(st);
        return rs;
    }
    if (++st->pending >= st->batch) return tc_store_commit(st);
    return TC_OK;
}

tc_status tc_store_totals_get(tc_store *st, tc_store_totals *out)
{
    memset(out, 0, sizeof *out);
    static const char *sql =
        "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM sentences),"
        " (SELECT count(*) FROM events), (SELECT count(*) FROM mentions),"
        " (SELECT min(date) FROM events), (SELECT max(date) FROM events)";
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
        return db_error(st, "cannot count");
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        out->documents = sqlite3_column_int64(s, 0);
        out->sentences = sqlite3_column_int64(s, 1);
        out->events = sqlite3_column_int64(s, 2);
        out->mentions = sqlite3_column_int64(s, 3);
        const char *a = (const char *)sqlite3_column_text(s, 4);
        const char *b = (const char *)sqlite3_column_text(s, 5);
        if (a) snprintf(out->first_date, sizeof out->first_date, "%s", a);
        if (b) snprintf(out->last_date, sizeof out->last_date, "%s", b);
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_ROW) return db_error(st, "cannot count");
    return TC_OK;
}
