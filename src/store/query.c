/* query.c - filtered reads of the store (tc_store_query*, tc_store_mentions).
 * SQL text is assembled from fixed fragments only; every value is bound. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "store/store.h"

typedef struct qbind {
    const char *text[32];
    char *own[32];
    int64_t ival[32];
    int is_int[32];
    int n;
} qbind;

static void add_text(qbind *b, const char *v)
{
    b->text[b->n] = v;
    b->is_int[b->n] = 0;
    b->n++;
}

static void add_int(qbind *b, int64_t v)
{
    b->ival[b->n] = v;
    b->is_int[b->n] = 1;
    b->n++;
}

/* Upper bound of a prefix range: prefix with its last byte incremented. */
static tc_status add_prefix(qbind *b, tc_buf *sql, const char *col, const char *prefix)
{
    size_t n = strlen(prefix);
    char *hi = tc_malloc(n + 2);
    if (!hi) return TC_ENOMEM;
    memcpy(hi, prefix, n + 1);
    if (n && (unsigned char)hi[n - 1] < 0xff) {
        hi[n - 1]++;
    } else {
        hi[n] = (char)0xff;
        hi[n + 1] = 0;
    }
    b->own[b->n + 1] = hi;
    if (tc_buf_printf(sql, " AND %s >= ? AND %s < ?", col, col)) return TC_ENOMEM;
    add_text(b, prefix);
    add_text(b, hi);
    /* actor columns: the first three characters (country or sector group) are an exact match
     * on the events_dyad3 expression index */
    if (n >= 3 && (!strcmp(col, "e.source") || !strcmp(col, "e.target"))) {
        char *p3 = tc_strndup(prefix, 3);
        if (!p3) return TC_ENOMEM;
        b->own[b->n] = p3;
        if (tc_buf_printf(sql, " AND substr(%s,1,3) = ?", col)) return TC_ENOMEM;
        add_text(b, p3);
    }
    return TC_OK;
}

static void qbind_free(qbind *b)
{
    for (int i = 0; i < 32; i++) tc_free(b->own[i]);
}

/* WHERE clause over events e (always starts with "WHERE 1"). */
static tc_status build_where(const tc_store_filter *f, tc_buf *sql, qbind *b)
{
    tc_status rs = TC_OK;
    if (tc_buf_puts(sql, " WHERE 1")) return TC_ENOMEM;
    if (!f) return TC_OK;
    if (f->dyad_a && f->dyad_b) {
        /* both directions; each branch is an index range on events_dyad */
        const char *a = f->dyad_a, *bb = f->dyad_b;
        tc_buf tmp = TC_BUF_INIT;
        if (tc_buf_puts(sql, " AND ((1")) return TC_ENOMEM;
        if ((rs = add_prefix(b, sql, "e.source", a)) || (rs = add_prefix(b, sql, "e.target", bb)))
            return rs;
        if (tc_buf_puts(sql, ") OR (1")) return TC_ENOMEM;
        if ((rs = add_prefix(b, sql, "e.source", bb)) || (rs = add_prefix(b, sql, "e.target", a)))
            return rs;
        if (tc_buf_puts(sql, "))")) return TC_ENOMEM;
        tc_buf_free(&tmp);
    }
    if (f->source && *f->source && (rs = add_prefix(b, sql, "e.source", f->source))) return rs;
    if (f->target && *f->target && (rs = add_prefix(b, sql, "e.target", f->target))) return rs;
    if (f->code && *f->code && (rs = add_prefix(b, sql, "e.code", f->code))) return rs;
    if (f->quad >= 1 && f->quad <= 4) {
        if (tc_buf_puts(sql, " AND e.quad = ?")) return TC_ENOMEM;
        add_int(b, f->quad);
    }
    if (f->from && *f->from) {
        if (tc_buf_puts(sql, " AND e.date >= ?")) return TC_ENOMEM;
        add_text(b, f->from);
    }
    if (f->to && *f->to) {
        if (tc_buf_puts(sql, " AND e.date <= ?")) return TC_ENOMEM;
        add_text(b, f->to);
    }
    if (f->text && *f->text) {
        if (tc_buf_puts(sql, " AND e.id IN (SELECT m.event_id FROM mentions m WHERE m.sentence_id"
                             " IN (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?))"))
            return TC_ENOMEM;
        add_text(b, f->text);
    }
    return TC_OK;
}

static tc_status prepare(tc_store *st, const char *sql, const qbind *b, sqlite3_stmt **out,
                         tc_diag *diag)
{
    sqlite3 *db = tc_store_db(st);
    if (sqlite3_prepare_v2(db, sql, -1, out, NULL) != SQLITE_OK) {
        tc_diag_emit(diag, TC_LOG_ERROR, NULL, 0, "query failed: %s", sqlite3_errmsg(db));
        return TC_EDB;
    }
    for (int i = 0; i < b->n; i++) {
        if (b->is_int[i]) sqlite3_bind_int64(*out, i + 1, b->ival[i]);
        else sqlite3_bind_text(*out, i + 1, b->text[i], -1, SQLITE_STATIC);
    }
    return TC_OK;
}

/* Completes a query whose "SELECT ... FROM" is in sql (rs: its status so far): the WHERE clause
 * for f, then tail, then " LIMIT ?" when limit > 0; prepares it into *s with the values in b.
 * Frees sql, and b too on failure. */
static tc_status prepare_filtered(tc_store *st, tc_status rs, tc_buf *sql, const tc_store_filter *f,
                                  const char *tail, int64_t limit, qbind *b, sqlite3_stmt **s)
{
    if (!rs) rs = build_where(f, sql, b);
    if (!rs) rs = tc_buf_puts(sql, tail);
    if (!rs && limit > 0) {
        rs = tc_buf_puts(sql, " LIMIT ?");
        add_int(b, limit);
    }
    *s = NULL;
    if (!rs) rs = prepare(st, sql->data, b, s, tc_store_diag_(st));
    tc_buf_free(sql);
    if (rs) qbind_free(b);
    return rs;
}

/* Finalizes s (reporting a failed step rc) and then frees the values bound to it. */
static tc_status finish(tc_store *st, sqlite3_stmt *s, int rc, qbind *b)
{
    tc_status rs = TC_OK;
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        sqlite3 *db = tc_store_db(st);
        const char *msg = sqlite3_errmsg(db);
        int fts = strstr(msg, "fts5") != NULL || strstr(msg, "syntax") != NULL;
        tc_diag_emit(tc_store_diag_(st), TC_LOG_ERROR, NULL, 0, "query failed: %s%s", msg,
                     fts ? " (check the --text full-text query syntax)" : "");
        rs = fts ? TC_EINVAL : TC_EDB;
    }
    sqlite3_finalize(s);
    qbind_free(b);
    return rs;
}

static const char *col_text(sqlite3_stmt *s, int i)
{
    return (const char *)sqlite3_column_text(s, i);
}

tc_status tc_store_query(tc_store *st, const tc_store_filter *f, tc_store_row_fn fn, void *ud)
{
    tc_buf sql = TC_BUF_INIT;
    qbind b;
    memset(&b, 0, sizeof b);
    tc_status rs = tc_buf_puts(&sql,
                               "SELECT e.id, e.date, e.source, e.target, e.code, e.root, e.quad,"
                               " e.goldstein, e.plover_type, e.plover_mode, e.source_text,"
                               " e.target_text, e.num_mentions, e.num_sources, e.num_articles,"
                               " e.is_root, e.added, d.url, d.ext_id, s.idx, s.text, d.outlet"
                               " FROM events e LEFT JOIN documents d ON d.id = e.first_doc"
                               " LEFT JOIN sentences s ON s.id = e.first_sentence");
    sqlite3_stmt *s;
    rs = prepare_filtered(st, rs, &sql, f, " ORDER BY e.date, e.id", f ? f->limit : 0, &b, &s);
    if (rs) return rs;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        tc_store_row r;
        r.id = sqlite3_column_int64(s, 0);
        r.date = col_text(s, 1);
        r.source = col_text(s, 2);
        r.target = col_text(s, 3);
        r.code = col_text(s, 4);
        r.root = col_text(s, 5);
        r.quad = sqlite3_column_int(s, 6);
        r.goldstein = sqlite3_column_double(s, 7);
        r.plover_type = col_text(s, 8);
        r.plover_mode = col_text(s, 9);
        r.source_text = col_text(s, 10);
        r.target_text = col_text(s, 11);
        r.num_mentions = sqlite3_column_int64(s, 12);
        r.num_sources = sqlite3_column_int64(s, 13);
        r.num_articles = sqlite3_column_int64(s, 14);
        r.is_root = sqlite3_column_int(s, 15);
        r.added = col_text(s, 16);
        r.url = col_text(s, 17);
        r.doc = col_text(s, 18);
        r.sent = sqlite3_column_int(s, 19);
        r.sentence = col_text(s, 20);
        r.outlet = col_text(s, 21);
        if (fn(&r, ud)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    return finish(st, s, rc, &b);
}

tc_status tc_store_query_grouped(tc_store *st, const tc_store_filter *f, const char *group,
                                 tc_store_group_fn fn, void *ud)
{
    const char *expr;
    if (!group || !strcmp(group, "day")) expr = "e.date";
    else if (!strcmp(group, "week")) expr = "date(e.date, '-' || ((strftime('%w', e.date) + 6) % 7) || ' days')";
    else if (!strcmp(group, "month")) expr = "substr(e.date, 1, 7)";
    else return TC_EINVAL;
    tc_buf sql = TC_BUF_INIT;
    qbind b;
    memset(&b, 0, sizeof b);
    tc_status rs = tc_buf_printf(&sql,
                                 "SELECT %s AS p, count(*), sum(e.num_mentions), avg(e.goldstein),"
                                 " sum(e.quad = 1), sum(e.quad = 2), sum(e.quad = 3), sum(e.quad = 4)"
                                 " FROM events e",
                                 expr);
    sqlite3_stmt *s;
    rs = prepare_filtered(st, rs, &sql, f, " GROUP BY p ORDER BY p", 0, &b, &s);
    if (rs) return rs;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        tc_store_group_row r;
        memset(&r, 0, sizeof r);
        r.period = col_text(s, 0);
        r.events = sqlite3_column_int64(s, 1);
        r.mentions = sqlite3_column_int64(s, 2);
        r.goldstein_mean = sqlite3_column_double(s, 3);
        for (int q = 1; q <= 4; q++) r.quad[q] = sqlite3_column_int64(s, 3 + q);
        if (fn(&r, ud)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    return finish(st, s, rc, &b);
}

tc_status tc_store_mentions(tc_store *st, const tc_store_filter *f, tc_store_mention_fn fn,
                            void *ud)
{
    tc_buf sql = TC_BUF_INIT;
    qbind b;
    memset(&b, 0, sizeof b);
    tc_status rs = tc_buf_puts(&sql,
                               "SELECT m.id, m.event_id, e.date, e.added, d.ext_id, d.url, m.outlet,"
                               " d.pubdate, m.sent, s.text, m.src_start, m.tgt_start, m.verb_start,"
                               " m.verb, m.pattern, m.source_text, m.target_text"
                               " FROM events e JOIN mentions m ON m.event_id = e.id"
                               " JOIN documents d ON d.id = m.doc_id"
                               " JOIN sentences s ON s.id = m.sentence_id");
    sqlite3_stmt *s;
    rs = prepare_filtered(st, rs, &sql, f, " ORDER BY e.id, m.id", 0, &b, &s);
    if (rs) return rs;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        tc_store_mention_row r;
        r.id = sqlite3_column_int64(s, 0);
        r.event_id = sqlite3_column_int64(s, 1);
        r.event_date = col_text(s, 2);
        r.event_added = col_text(s, 3);
        r.doc = col_text(s, 4);
        r.url = col_text(s, 5);
        r.outlet = col_text(s, 6);
        r.pubdate = col_text(s, 7);
        r.sent = sqlite3_column_int(s, 8);
        r.sentence = col_text(s, 9);
        r.src_start = sqlite3_column_int(s, 10);
        r.tgt_start = sqlite3_column_int(s, 11);
        r.verb_start = sqlite3_column_int(s, 12);
        r.verb = col_text(s, 13);
        r.pattern = col_text(s, 14);
        r.source_text = col_text(s, 15);
        r.target_text = col_text(s, 16);
        if (fn(&r, ud)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    return finish(st, s, rc, &b);
}

static int date_ok(const char *d)
{
    if (strlen(d) != 10) return 0;
    for (int i = 0; i < 10; i++) {
        if (i == 4 || i == 7) {
            if (d[i] != '-') return 0;
        } else if (d[i] < '0' || d[i] > '9') {
            return 0;
        }
    }
    return 1;
}

int tc_store_filter_option(tc_store_filter *f, const char *name, const char *val,
                           const char **why)
{
    *why = NULL;
    if (!strcmp(name, "--source")) f->source = val;
    else if (!strcmp(name, "--target")) f->target = val;
    else if (!strcmp(name, "--code")) {
        for (const char *p = val; *p; p++)
            if (*p < '0' || *p > '9') {
                *why = "--code wants digits (a CAMEO code or prefix such as 11 or 163)";
                return -1;
            }
        f->code = val;
    } else if (!strcmp(name, "--quad")) {
        if (strlen(val) != 1 || val[0] < '1' || val[0] > '4') {
            *why = "--quad wants 1, 2, 3 or 4";
            return -1;
        }
        f->quad = val[0] - '0';
    } else if (!strcmp(name, "--from") || !strcmp(name, "--to")) {
        if (!date_ok(val)) {
            *why = "dates are YYYY-MM-DD";
            return -1;
        }
        if (name[2] == 'f') f->from = val;
        else f->to = val;
    } else if (!strcmp(name, "--text")) f->text = val;
    else if (!strcmp(name, "--limit")) {
        char *e;
        long long n = strtoll(val, &e, 10);
        if (*e || n < 0) {
            *why = "--limit wants a number";
            return -1;
        }
        f->limit = n;
    } else if (!strcmp(name, "--dyad")) {
        const char *comma = strchr(val, ',');
        if (!comma || comma == val || !comma[1]) {
            *why = "--dyad wants two actor codes: A,B";
            return -1;
        }
        tc_free(f->own_);
        f->own_ = tc_strdup(val);
        if (!f->own_) {
            *why = "out of memory";
            return -1;
        }
        f->own_[comma - val] = 0;
        f->dyad_a = f->own_;
        f->dyad_b = f->own_ + (comma - val) + 1;
    } else return 0;
    return 1;
}

void tc_store_filter_free(tc_store_filter *f)
{
    if (!f) return;
    tc_free(f->own_);
    f->own_ = NULL;
}

tc_status tc_store_select_ids_(tc_store *st, const tc_store_filter *f, int64_t *n)
{
    sqlite3 *db = tc_store_db(st);
    *n = 0;
    if (sqlite3_exec(db, "DROP TABLE IF EXISTS temp.sel; CREATE TEMP TABLE sel(id INTEGER PRIMARY KEY)",
                     NULL, NULL, NULL) != SQLITE_OK) {
        tc_diag_emit(tc_store_diag_(st), TC_LOG_ERROR, NULL, 0, "query failed: %s",
                     sqlite3_errmsg(db));
        return TC_EDB;
    }
    tc_buf sql = TC_BUF_INIT;
    qbind b;
    memset(&b, 0, sizeof b);
    tc_status rs = tc_buf_puts(&sql, "INSERT INTO temp.sel(id) SELECT e.id FROM events e");
    sqlite3_stmt *s;
    rs = prepare_filtered(st, rs, &sql, f, "", 0, &b, &s);
    if (rs) return rs;
    int rc = sqlite3_step(s);
    if (rc == SQLITE_DONE) *n = sqlite3_changes64(db);
    return finish(st, s, rc, &b);
}
