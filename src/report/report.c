/* report.c - self-contained HTML report with inline SVG charts (see report.h). */
#include "report/report.h"

#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "core/cameo.h"
#include "core/date.h"
#include "core/mem.h"

#define WEEK_EXPR "date(e.date, '-' || ((strftime('%w', e.date) + 6) % 7) || ' days')"

static const char *const QUAD_COLOR[5] = {"#999", "#6baed6", "#2166ac", "#f4a259", "#c0392b"};
static const char *const LINE_COLOR[8] = {"#2166ac", "#c0392b", "#2a9d8f", "#8e44ad",
                                          "#e67e22", "#34495e", "#d35400", "#16a085"};

typedef struct rctx {
    sqlite3 *db;
    tc_store *st;
    tc_buf *b;
    const char *join; /* "" or " JOIN temp.sel USING(id)" */
    tc_status err;
} rctx;

/* ---- helpers ---- */

static void esc(tc_buf *b, const char *s)
{
    if (!s) return;
    for (const char *p = s; *p; p++) {
        switch (*p) {
        case '<': tc_buf_puts(b, "&lt;"); break;
        case '>': tc_buf_puts(b, "&gt;"); break;
        case '&': tc_buf_puts(b, "&amp;"); break;
        case '"': tc_buf_puts(b, "&quot;"); break;
        case '\'': tc_buf_puts(b, "&#39;"); break;
        default: tc_buf_putc(b, *p);
        }
    }
}

static int safe_url(const char *u)
{
    return u && (!strncmp(u, "http://", 7) || !strncmp(u, "https://", 8));
}

static sqlite3_stmt *prep(rctx *r, const char *fmt)
{
    tc_buf sql = TC_BUF_INIT;
    /* fmt holds %s where the selection join goes (fixed text, never user data) */
    const char *p = fmt;
    while (*p) {
        const char *q = strstr(p, "%s");
        if (!q) {
            tc_buf_puts(&sql, p);
            break;
        }
        tc_buf_append(&sql, p, (size_t)(q - p));
        tc_buf_puts(&sql, r->join);
        p = q + 2;
    }
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(r->db, sql.data, -1, &s, NULL) != SQLITE_OK) {
        tc_diag_emit(tc_store_diag_(r->st), TC_LOG_ERROR, NULL, 0, "report query failed: %s",
                     sqlite3_errmsg(r->db));
        r->err = TC_EDB;
        s = NULL;
    }
    tc_buf_free(&sql);
    return s;
}

static int step(rctx *r, sqlite3_stmt *s)
{
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) return 1;
    if (rc != SQLITE_DONE) {
        tc_diag_emit(tc_store_diag_(r->st), TC_LOG_ERROR, NULL, 0, "report query failed: %s",
                     sqlite3_errmsg(r->db));
        r->err = TC_EDB;
    }
    return 0;
}

static const char *ctext(sqlite3_stmt *s, int i)
{
    const char *t = (const char *)sqlite3_column_text(s, i);
    return t ? t : "";
}

static long day_of(const char *s)
{
    if (!s || strlen(s) < 10) return 0;
    return tc_date_days(atoi(s), atoi(s + 5), atoi(s + 8));
}

static void day_str(long z, char out[16])
{
    int y, m, d;
    tc_date_civil(z, &y, &m, &d);
    snprintf(out, 16, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
             (unsigned)d % 100u);
}

static double nice_step(double range, int ticks)
{
    double raw = range / ticks;
    double mag = pow(10, floor(log10(raw > 0 ? raw : 1)));
    double f = raw / mag;
    return (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * mag;
}

static const char *month_abbr(int m)
{
    static const char *const n[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    return m >= 1 && m <= 12 ? n[m - 1] : "?";
}

/* x-axis labels for weekly series: a label at the first week of a month, thinned out */
static void week_axis(tc_buf *b, long w0, int nweeks, double x0, double bw, double y)
{
    int every = nweeks > 160 ? 6 : nweeks > 80 ? 3 : nweeks > 30 ? 2 : 1;
    int month_no = 0;
    double last_x = -1e9;
    int last_year = -1;
    for (int i = 0; i < nweeks; i++) {
        int yy, mm, dd;
        tc_date_civil(w0 + 7L * i, &yy, &mm, &dd);
        int first = dd <= 7 || i == 0;
        if (!first) continue;
        if (month_no++ % every) continue;
        double x = x0 + bw * i;
        if (x - last_x < (yy != last_year ? 64 : 48)) continue; /* keep labels apart */
        last_x = x;
        tc_buf_printf(b, "<line x1='%.1f' y1='%.1f' x2='%.1f' y2='%.1f' class='tick'/>", x, y, x,
                      y + 4);
        int new_year = yy != last_year;
        last_year = yy;
        if (new_year)
            tc_buf_printf(b, "<text x='%.1f' y='%.1f' class='ax'>%s %d</text>", x + 2, y + 15,
                          month_abbr(mm), yy);
        else
            tc_buf_printf(b, "<text x='%.1f' y='%.1f' class='ax'>%s</text>", x + 2, y + 15,
                          month_abbr(mm));
    }
}

/* ---- sections ---- */

typedef struct weekq {
    long w0;
    int n;
    int64_t (*q)[5];
} weekq;

static void sec_weekly(rctx *r, weekq *wq)
{
    tc_buf *b = r->b;
    sqlite3_stmt *s = prep(r, "SELECT " WEEK_EXPR " AS w, sum(quad=1), sum(quad=2), sum(quad=3),"
                              " sum(quad=4) FROM events e%s GROUP BY w ORDER BY w");
    if (!s) return;
    /* first pass into a growable list */
    size_t cap = 64, n = 0;
    long *wk = tc_malloc(cap * sizeof *wk);
    int64_t(*cnt)[5] = tc_malloc(cap * sizeof *cnt);
    while (wk && cnt && step(r, s)) {
        if (n == cap) {
            cap *= 2;
            long *nw = tc_realloc(wk, cap * sizeof *wk);
            int64_t(*nc)[5] = tc_realloc(cnt, cap * sizeof *cnt);
            if (nw) wk = nw;
            if (nc) cnt = nc;
            if (!nw || !nc) break;
        }
        wk[n] = day_of(ctext(s, 0));
        for (int q = 1; q <= 4; q++) cnt[n][q] = sqlite3_column_int64(s, q);
        n++;
    }
    sqlite3_finalize(s);
    tc_buf_puts(b, "<section><h2>Events per week by quad class</h2>");
    if (!n || !wk || !cnt) {
        tc_buf_puts(b, "<p class='empty'>No events.</p></section>");
        tc_free(wk);
        tc_free(cnt);
        return;
    }
    long w0 = wk[0], w1 = wk[n - 1];
    int nweeks = (int)((w1 - w0) / 7 + 1);
    int64_t(*full)[5] = tc_calloc((size_t)nweeks, sizeof *full);
    if (!full) {
        tc_free(wk);
        tc_free(cnt);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        long k = (wk[i] - w0) / 7;
        if (k >= 0 && k < nweeks)
            for (int q = 1; q <= 4; q++) full[k][q] += cnt[i][q];
    }
    tc_free(wk);
    tc_free(cnt);
    int64_t maxv = 1;
    for (int i = 0; i < nweeks; i++) {
        int64_t t = full[i][1] + full[i][2] + full[i][3] + full[i][4];
        if (t > maxv) maxv = t;
    }
    double W = 1240, H = 300, L = 56, R = 16, T = 14, B = 34;
    double pw = W - L - R, ph = H - T - B, bw = pw / nweeks;
    double stepv = nice_step((double)maxv, 5);
    double top = ceil((double)maxv / stepv) * stepv;
    tc_buf_printf(b, "<svg viewBox='0 0 %.0f %.0f' class='chart' role='img' "
                     "aria-label='weekly events by quad class'>", W, H);
    for (double v = 0; v <= top + 1e-9; v += stepv) {
        double y = T + ph - ph * v / top;
        tc_buf_printf(b, "<line x1='%.1f' y1='%.1f' x2='%.1f' y2='%.1f' class='grid'/>"
                         "<text x='%.1f' y='%.1f' class='ay'>%.0f</text>",
                      L, y, L + pw, y, L - 6, y + 4, v);
    }
    for (int i = 0; i < nweeks; i++) {
        double y = T + ph;
        char wl[16];
        day_str(w0 + 7L * i, wl);
        for (int q = 1; q <= 4; q++) {
            if (!full[i][q]) continue;
            double h = ph * (double)full[i][q] / top;
            y -= h;
            tc_buf_printf(b, "<rect x='%.2f' y='%.2f' width='%.2f' height='%.2f' fill='%s'>"
                             "<title>week of %s: %lld %s</title></rect>",
                          L + bw * i + (bw > 4 ? 0.5 : 0), y, bw > 4 ? bw - 1 : bw, h,
                          QUAD_COLOR[q], wl, (long long)full[i][q], tc_cameo_quad_name(q));
        }
    }
    tc_buf_printf(b, "<line x1='%.1f' y1='%.1f' x2='%.1f' y2='%.1f' class='axis'/>", L, T + ph,
                  L + pw, T + ph);
    week_axis(b, w0, nweeks, L, bw, T + ph);
    tc_buf_puts(b, "</svg><div class='legend'>");
    for (int q = 1; q <= 4; q++)
        tc_buf_printf(b, "<span><i style='background:%s'></i>%s</span>", QUAD_COLOR[q],
                      tc_cameo_quad_name(q));
    tc_buf_puts(b, "</div></section>");
    wq->w0 = w0;
    wq->n = nweeks;
    wq->q = full;
}

typedef struct dyad {
    char a[8], b[8];
    int64_t n;
    double gold;
} dyad;

static void prefix_hi(const char *p, char out[8])
{
    size_t n = strnlen(p, 7);
    memcpy(out, p, n);
    out[n] = 0;
    if (n) out[n - 1]++;
}

static void sec_dyads(rctx *r, const weekq *wq, int top)
{
    tc_buf *b = r->b;
    tc_buf_puts(b, "<section><h2>Goldstein score per week, top country dyads</h2>"
                   "<p class='note'>Mean Goldstein score (&minus;10 conflict &hellip; +10 "
                   "cooperation) of the week's events between the two countries, either "
                   "direction.</p>");
    sqlite3_stmt *s = prep(r, "SELECT min(substr(source,1,3), substr(target,1,3)) AS a,"
                              " max(substr(source,1,3), substr(target,1,3)) AS b, count(*),"
                              " avg(goldstein) FROM events e%s WHERE length(source) >= 3 AND"
                              " length(target) >= 3 AND substr(source,1,3) <> substr(target,1,3)"
                              " GROUP BY a, b ORDER BY 3 DESC, a, b LIMIT ?1");
    if (!s) return;
    sqlite3_bind_int(s, 1, top);
    dyad d[8];
    int nd = 0;
    while (nd < top && nd < 8 && step(r, s)) {
        snprintf(d[nd].a, sizeof d[nd].a, "%s", ctext(s, 0));
        snprintf(d[nd].b, sizeof d[nd].b, "%s", ctext(s, 1));
        d[nd].n = sqlite3_column_int64(s, 2);
        d[nd].gold = sqlite3_column_double(s, 3);
        nd++;
    }
    sqlite3_finalize(s);
    if (!nd || !wq->n) {
        tc_buf_puts(b, "<p class='empty'>No dyads.</p></section>");
        return;
    }
    double W = 1240, H = 320, L = 56, R = 16, T = 14, B = 34;
    double pw = W - L - R, ph = H - T - B, bw = pw / wq->n;
    tc_buf_printf(b, "<svg viewBox='0 0 %.0f %.0f' class='chart' role='img' "
                     "aria-label='Goldstein time series'>", W, H);
    for (int v = -10; v <= 10; v += 5) {
        double y = T + ph / 2 - ph / 2 * v / 10.0;
        tc_buf_printf(b, "<line x1='%.1f' y1='%.1f' x2='%.1f' y2='%.1f' class='%s'/>"
                         "<text x='%.1f' y='%.1f' class='ay'>%+d</text>",
                      L, y, L + pw, y, v == 0 ? "zero" : "grid", L - 6, y + 4, v);
    }
    sqlite3_stmt *q = prep(r, "SELECT " WEEK_EXPR " AS w, avg(goldstein), count(*) FROM events e%s"
                              " WHERE ((source >= ?1 AND source < ?2 AND target >= ?3 AND"
                              " target < ?4) OR (source >= ?3 AND source < ?4 AND target >= ?1"
                              " AND target < ?2)) GROUP BY w ORDER BY w");
    tc_buf marks = TC_BUF_INIT;
    for (int i = 0; q && i < nd; i++) {
        char ahi[8], bhi[8];
        prefix_hi(d[i].a, ahi);
        prefix_hi(d[i].b, bhi);
        sqlite3_bind_text(q, 1, d[i].a, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 2, ahi, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 3, d[i].b, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 4, bhi, -1, SQLITE_STATIC);
        const char *col = LINE_COLOR[i % 8];
        long prev = -10;
        tc_buf_printf(b, "<g stroke='%s' fill='%s'><title>%s&ndash;%s: %lld events, mean "
                         "%.2f</title>",
                      col, col, d[i].a, d[i].b, (long long)d[i].n, d[i].gold);
        int open = 0;
        while (step(r, q)) {
            long k = (day_of(ctext(q, 0)) - wq->w0) / 7;
            double g = sqlite3_column_double(q, 1);
            double x = L + bw * (k + 0.5), y = T + ph / 2 - ph / 2 * g / 10.0;
            if (k != prev + 1 && open) {
                tc_buf_puts(b, "'/>");
                open = 0;
            }
            if (!open) {
                tc_buf_puts(b, "<polyline fill='none' stroke-width='1.8' points='");
                open = 1;
            }
            tc_buf_printf(b, "%.1f,%.1f ", x, y);
            tc_buf_printf(&marks, "<circle cx='%.1f' cy='%.1f' r='%s'/>", x, y,
                          wq->n > 60 ? "1.6" : "3");
            prev = k;
        }
        if (open) tc_buf_puts(b, "'/>");
        if (marks.len) tc_buf_puts(b, marks.data);
        tc_buf_clear(&marks);
        tc_buf_puts(b, "</g>");
        sqlite3_reset(q);
    }
    sqlite3_finalize(q);
    tc_buf_free(&marks);
    tc_buf_printf(b, "<line x1='%.1f' y1='%.1f' x2='%.1f' y2='%.1f' class='axis'/>", L, T + ph,
                  L + pw, T + ph);
    week_axis(b, wq->w0, wq->n, L, bw, T + ph);
    tc_buf_puts(b, "</svg><div class='legend'>");
    for (int i = 0; i < nd; i++)
        tc_buf_printf(b, "<span><i style='background:%s'></i>%s &ndash; %s (%lld events, mean "
                         "%+.1f)</span>",
                      LINE_COLOR[i % 8], d[i].a, d[i].b, (long long)d[i].n, d[i].gold);
    tc_buf_puts(b, "</div></section>");
}

static void sec_actors(rctx *r, int top)
{
    tc_buf *b = r->b;
    sqlite3_stmt *s = prep(r, "SELECT a, sum(ns), sum(nt) FROM (SELECT source AS a, count(*) AS ns,"
                              " 0 AS nt FROM events e%s WHERE source <> '' GROUP BY source"
                              " UNION ALL SELECT target, 0, count(*) FROM events e%s WHERE"
                              " target <> '' GROUP BY target) GROUP BY a ORDER BY sum(ns) +"
                              " sum(nt) DESC, a LIMIT ?1");
    if (!s) return;
    sqlite3_bind_int(s, 1, top);
    char names[64][24];
    int64_t ns[64], nt[64];
    int n = 0;
    while (n < top && n < 64 && step(r, s)) {
        snprintf(names[n], sizeof names[n], "%s", ctext(s, 0));
        ns[n] = sqlite3_column_int64(s, 1);
        nt[n] = sqlite3_column_int64(s, 2);
        n++;
    }
    sqlite3_finalize(s);
    tc_buf_puts(b, "<section class='half'><h2>Most active actors</h2>");
    if (!n) {
        tc_buf_puts(b, "<p class='empty'>No actors.</p></section>");
        return;
    }
    int64_t maxv = 1;
    for (int i = 0; i < n; i++)
        if (ns[i] + nt[i] > maxv) maxv = ns[i] + nt[i];
    double W = 600, rowh = 24, L = 96, R = 60, T = 6;
    double H = T + rowh * n + 8, pw = W - L - R;
    tc_buf_printf(b, "<svg viewBox='0 0 %.0f %.0f' class='chart' role='img' "
                     "aria-label='most active actors'>", W, H);
    for (int i = 0; i < n; i++) {
        double y = T + rowh * i;
        double w1 = pw * (double)ns[i] / (double)maxv, w2 = pw * (double)nt[i] / (double)maxv;
        tc_buf_printf(b, "<text x='%.1f' y='%.1f' class='lbl'>", L - 8, y + 16);
        esc(b, names[i]);
        tc_buf_printf(b, "</text><rect x='%.1f' y='%.1f' width='%.1f' height='%.1f' "
                         "fill='#2166ac'><title>as source: %lld</title></rect>"
                         "<rect x='%.1f' y='%.1f' width='%.1f' height='%.1f' fill='#92c5de'>"
                         "<title>as target: %lld</title></rect>"
                         "<text x='%.1f' y='%.1f' class='val'>%lld</text>",
                      L, y + 3, w1, rowh - 6, (long long)ns[i], L + w1, y + 3, w2, rowh - 6,
                      (long long)nt[i], L + w1 + w2 + 5, y + 16, (long long)(ns[i] + nt[i]));
    }
    tc_buf_puts(b, "</svg><div class='legend'><span><i style='background:#2166ac'></i>as "
                   "source</span><span><i style='background:#92c5de'></i>as target</span></div>"
                   "</section>");
}

/* diverging colour for a Goldstein mean: red (-10) .. grey (0) .. blue (+10) */
static void gold_color(double g, char out[8])
{
    double t = g / 10.0;
    if (t > 1) t = 1;
    if (t < -1) t = -1;
    int rr, gg, bb;
    if (t < 0) {
        rr = (int)(150 + (192 - 150) * -t);
        gg = (int)(150 + (57 - 150) * -t);
        bb = (int)(150 + (43 - 150) * -t);
    } else {
        rr = (int)(150 + (33 - 150) * t);
        gg = (int)(150 + (102 - 150) * t);
        bb = (int)(150 + (172 - 150) * t);
    }
    snprintf(out, 8, "#%02x%02x%02x", rr & 0xff, gg & 0xff, bb & 0xff);
}

static void sec_network(rctx *r, int nodes)
{
    tc_buf *b = r->b;
    tc_buf_puts(b, "<section class='half'><h2>Actor network</h2>");
    sqlite3_stmt *s = prep(r, "SELECT a, sum(n) FROM (SELECT substr(source,1,3) AS a, count(*) AS n"
                              " FROM events e%s WHERE length(source) >= 3 GROUP BY a UNION ALL"
                              " SELECT substr(target,1,3), count(*) FROM events e%s WHERE"
                              " length(target) >= 3 GROUP BY 1) GROUP BY a ORDER BY 2 DESC, a"
                              " LIMIT ?1");
    if (!s) return;
    sqlite3_bind_int(s, 1, nodes);
    char name[40][8];
    int64_t cnt[40];
    int n = 0;
    while (n < nodes && n < 40 && step(r, s)) {
        snprintf(name[n], sizeof name[n], "%s", ctext(s, 0));
        cnt[n] = sqlite3_column_int64(s, 1);
        n++;
    }
    sqlite3_finalize(s);
    if (n < 2) {
        tc_buf_puts(b, "<p class='empty'>Too few actors for a network.</p></section>");
        return;
    }
    /* undirected edge weights among the nodes */
    int64_t *w = tc_calloc((size_t)n * n, sizeof *w);
    double *gs = tc_calloc((size_t)n * n, sizeof *gs);
    if (!w || !gs) {
        tc_free(w);
        tc_free(gs);
        return;
    }
    s = prep(r, "SELECT substr(source,1,3), substr(target,1,3), count(*), sum(goldstein) FROM"
                " events e%s WHERE length(source) >= 3 AND length(target) >= 3 GROUP BY 1, 2");
    while (s && step(r, s)) {
        const char *a = ctext(s, 0), *c = ctext(s, 1);
        int ia = -1, ic = -1;
        for (int i = 0; i < n; i++) {
            if (!strcmp(name[i], a)) ia = i;
            if (!strcmp(name[i], c)) ic = i;
        }
        if (ia < 0 || ic < 0 || ia == ic) continue;
        int lo = ia < ic ? ia : ic, hi = ia < ic ? ic : ia;
        w[lo * n + hi] += sqlite3_column_int64(s, 2);
        gs[lo * n + hi] += sqlite3_column_double(s, 3);
    }
    sqlite3_finalize(s);
    int64_t wmax = 1, cmax = 1;
    for (int i = 0; i < n * n; i++)
        if (w[i] > wmax) wmax = w[i];
    for (int i = 0; i < n; i++)
        if (cnt[i] > cmax) cmax = cnt[i];
    double W = 600, H = 560, cx = 300, cy = 280, rad = 210;
    double px[40], py[40];
    for (int i = 0; i < n; i++) {
        double a = -M_PI / 2 + 2 * M_PI * i / n;
        px[i] = cx + rad * cos(a);
        py[i] = cy + rad * sin(a);
    }
    tc_buf_printf(b, "<svg viewBox='0 0 %.0f %.0f' class='chart' role='img' "
                     "aria-label='actor network'>",
                  W, H);
    /* light edges first, heavy on top */
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++) {
                int64_t x = w[i * n + j];
                if (!x) continue;
                if (x * 40 < wmax) continue; /* drop the faintest edges: less hairball */
                int heavy = x * 4 > wmax;
                if (heavy != pass) continue;
                double mean = gs[i * n + j] / (double)x;
                char col[8];
                gold_color(mean, col);
                double sw = 0.6 + 7.0 * sqrt((double)x / (double)wmax);
                tc_buf_printf(b, "<line x1='%.1f' y1='%.1f' x2='%.1f' y2='%.1f' stroke='%s' "
                                 "stroke-width='%.2f' stroke-opacity='%.2f'><title>%s&ndash;%s: "
                                 "%lld events, mean Goldstein %+.2f</title></line>",
                              px[i], py[i], px[j], py[j], col, sw, pass ? 0.85 : 0.45, name[i],
                              name[j], (long long)x, mean);
            }
    }
    for (int i = 0; i < n; i++) {
        double rr = 5 + 16 * sqrt((double)cnt[i] / (double)cmax);
        double a = -M_PI / 2 + 2 * M_PI * i / n;
        double lx = cx + (rad + rr + 14) * cos(a), ly = cy + (rad + rr + 14) * sin(a) + 4;
        tc_buf_printf(b, "<circle cx='%.1f' cy='%.1f' r='%.1f' class='node'><title>%s: %lld "
                         "events</title></circle><text x='%.1f' y='%.1f' class='nlbl'>%s</text>",
                      px[i], py[i], rr, name[i], (long long)cnt[i], lx, ly, name[i]);
    }
    tc_buf_puts(b, "</svg><div class='legend'><span><i style='background:#c0392b'></i>conflict"
                   "</span><span><i style='background:#969696'></i>neutral</span><span><i "
                   "style='background:#2166ac'></i>cooperation</span><span>line width: number "
                   "of events</span></div></section>");
    tc_free(w);
    tc_free(gs);
}

static void sec_table(rctx *r, int max)
{
    tc_buf *b = r->b;
    sqlite3_stmt *s = prep(r, "SELECT e.id, e.date, e.source, e.target, e.code, e.quad, e.goldstein,"
                              " e.num_mentions, e.num_sources, e.num_articles, e.source_text,"
                              " e.target_text FROM events e%s ORDER BY e.date DESC, e.num_mentions"
                              " DESC, e.id LIMIT ?1");
    sqlite3_stmt *m = prep(r, "SELECT d.url, d.outlet, s.text, d.ext_id, m.sent FROM mentions m"
                              " JOIN documents d ON d.id = m.doc_id JOIN sentences s ON"
                              " s.id = m.sentence_id WHERE m.event_id = ?1 ORDER BY m.id LIMIT 6");
    if (!s || !m) {
        sqlite3_finalize(s);
        sqlite3_finalize(m);
        return;
    }
    sqlite3_bind_int(s, 1, max);
    tc_buf_printf(b, "<section><h2>Events</h2><div class='tools'><input id='q' type='search' "
                     "placeholder='Search actors, codes, sentences, outlets&hellip;' "
                     "aria-label='search events'><select id='quad' aria-label='quad class'>"
                     "<option value=''>all quad classes</option>");
    for (int q = 1; q <= 4; q++)
        tc_buf_printf(b, "<option value='%d'>%s</option>", q, tc_cameo_quad_name(q));
    tc_buf_printf(b, "</select><span id='shown'></span></div><p class='note'>Most recent first (at most %d "
                     "events); each links to the sentences and documents that report it.</p>"
                     "<table id='ev'><thead><tr><th>date</th><th>source</th><th>target</th>"
                     "<th>event</th><th>Goldstein</th><th title='mentions / sources / "
                     "articles'>reports</th><th>source sentence</th></tr></thead><tbody>",
                  max);
    int rows = 0;
    while (step(r, s)) {
        rows++;
        int quad = sqlite3_column_int(s, 5);
        const char *code = ctext(s, 4);
        const tc_cameo_code *cc = tc_cameo_lookup_nearest(code);
        double g = sqlite3_column_double(s, 6);
        tc_buf_printf(b, "<tr data-q='%d'><td class='nw'>%s</td><td><b>", quad, ctext(s, 1));
        esc(b, ctext(s, 2));
        tc_buf_puts(b, "</b><br><small>");
        esc(b, ctext(s, 10));
        tc_buf_puts(b, "</small></td><td><b>");
        esc(b, ctext(s, 3));
        tc_buf_puts(b, "</b><br><small>");
        esc(b, ctext(s, 11));
        tc_buf_printf(b, "</small></td><td><span class='q q%d'>%s</span> ", quad, code);
        esc(b, cc ? cc->name : "");
        tc_buf_printf(b, "</td><td class='num %s'>%+.1f</td><td class='num'>%lld / %lld / %lld"
                         "</td><td>",
                      g < 0 ? "neg" : "pos", g, (long long)sqlite3_column_int64(s, 7),
                      (long long)sqlite3_column_int64(s, 8), (long long)sqlite3_column_int64(s, 9));
        sqlite3_bind_int64(m, 1, sqlite3_column_int64(s, 0));
        int k = 0;
        while (step(r, m)) {
            const char *url = (const char *)sqlite3_column_text(m, 0);
            const char *outlet = ctext(m, 1);
            if (k == 1) tc_buf_puts(b, "<details><summary>more reports</summary>");
            tc_buf_puts(b, "<div class='sent'>&ldquo;");
            esc(b, ctext(m, 2));
            tc_buf_puts(b, "&rdquo; <span class='src'>&mdash; ");
            if (safe_url(url)) {
                tc_buf_puts(b, "<a href='");
                esc(b, url);
                tc_buf_puts(b, "' rel='noreferrer'>");
                esc(b, *outlet ? outlet : ctext(m, 3));
                tc_buf_puts(b, "</a>");
            } else {
                esc(b, *outlet ? outlet : ctext(m, 3));
            }
            tc_buf_printf(b, ", sentence %d</span></div>", sqlite3_column_int(m, 4) + 1);
            k++;
        }
        if (k > 1) tc_buf_puts(b, "</details>");
        sqlite3_reset(m);
        tc_buf_puts(b, "</td></tr>\n");
    }
    sqlite3_finalize(s);
    sqlite3_finalize(m);
    tc_buf_puts(b, "</tbody></table>");
    if (!rows) tc_buf_puts(b, "<p class='empty'>No events.</p>");
    tc_buf_puts(b, "</section>");
}

static const char CSS[] =
    "*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,'Segoe UI',"
    "Roboto,'DejaVu Sans',sans-serif;color:#1d2733;background:#f3f5f8}"
    "header{background:#1d2733;color:#fff;padding:22px 32px}header h1{margin:0;font-size:24px;"
    "font-weight:600}header p{margin:4px 0 0;color:#b8c4d2}"
    "main{max-width:1320px;margin:0 auto;padding:20px 24px 40px;display:flex;flex-wrap:wrap;"
    "gap:20px}"
    "section{background:#fff;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.08);"
    "padding:16px 20px;width:100%}section.half{width:calc(50% - 10px)}"
    "h2{font-size:16px;margin:0 0 10px;font-weight:600}"
    ".cards{display:flex;gap:14px;flex-wrap:wrap;width:100%}.card{flex:1;min-width:150px;"
    "background:#fff;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.08);padding:12px 16px}"
    ".card b{display:block;font-size:24px;font-weight:600}.card span{color:#5b6b7c;font-size:12px;"
    "text-transform:uppercase;letter-spacing:.04em}"
    "svg.chart{width:100%;height:auto;display:block}"
    ".grid{stroke:#e3e8ee;stroke-width:1}.zero{stroke:#8a96a3;stroke-width:1}"
    ".axis{stroke:#8a96a3}.tick{stroke:#8a96a3}"
    ".ax{font-size:11px;fill:#5b6b7c}.ay{font-size:11px;fill:#5b6b7c;text-anchor:end}"
    ".lbl{font-size:12px;fill:#1d2733;text-anchor:end;font-family:ui-monospace,monospace}"
    ".val{font-size:11px;fill:#5b6b7c}.nlbl{font-size:12px;fill:#1d2733;text-anchor:middle;"
    "font-family:ui-monospace,monospace}"
    ".node{fill:#fff;stroke:#1d2733;stroke-width:1.5}"
    ".legend{display:flex;flex-wrap:wrap;gap:14px;margin-top:8px;font-size:12px;color:#3b4956}"
    ".legend i{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:5px;"
    "vertical-align:-1px}"
    ".note{color:#5b6b7c;font-size:12px;margin:-4px 0 10px}.empty{color:#8a96a3}"
    ".tools{display:flex;gap:10px;align-items:center;margin-bottom:10px}"
    "#q{flex:1;max-width:520px;padding:7px 10px;border:1px solid #c9d2dc;border-radius:6px;"
    "font:inherit}select{padding:6px;border:1px solid #c9d2dc;border-radius:6px;font:inherit}"
    "#shown{color:#5b6b7c;font-size:12px}"
    "table{width:100%;border-collapse:collapse;font-size:13px}th{text-align:left;font-weight:600;"
    "color:#5b6b7c;border-bottom:2px solid #e3e8ee;padding:6px 8px;position:sticky;top:0;"
    "background:#fff}td{border-bottom:1px solid #eef1f4;padding:6px 8px;vertical-align:top}"
    "td small{color:#5b6b7c}.nw{white-space:nowrap}.num{text-align:right;white-space:nowrap}"
    ".neg{color:#c0392b}.pos{color:#2166ac}"
    ".q{display:inline-block;font:11px ui-monospace,monospace;padding:1px 5px;border-radius:3px;"
    "color:#fff}.q1{background:#6baed6}.q2{background:#2166ac}.q3{background:#f4a259}"
    ".q4{background:#c0392b}"
    ".sent{margin:0 0 4px}.src{color:#5b6b7c;font-size:12px}a{color:#2166ac}"
    "details summary{cursor:pointer;color:#5b6b7c;font-size:12px}"
    "footer{max-width:1320px;margin:0 auto;padding:0 24px 30px;color:#8a96a3;font-size:12px}"
    "@media(max-width:900px){section.half{width:100%}}";

static const char JS[] =
    "(function(){var q=document.getElementById('q'),s=document.getElementById('quad'),"
    "n=document.getElementById('shown'),rows=document.querySelectorAll('#ev tbody tr');"
    "function f(){var t=q.value.toLowerCase().trim().split(/\\s+/).filter(Boolean),c=s.value,"
    "k=0;for(var i=0;i<rows.length;i++){var r=rows[i],x=r.textContent.toLowerCase(),ok=(!c||"
    "r.getAttribute('data-q')===c);for(var j=0;ok&&j<t.length;j++)if(x.indexOf(t[j])<0)ok=false;"
    "r.style.display=ok?'':'none';if(ok)k++}n.textContent=k+' of '+rows.length+' events'}"
    "q.addEventListener('input',f);s.addEventListener('change',f);f()})();";

tc_status tc_report_write(tc_store *st, const tc_report_opts *o, FILE *out)
{
    tc_report_opts d = {0};
    if (!o) o = &d;
    tc_buf b = TC_BUF_INIT;
    rctx r = {tc_store_db(st), st, &b, "", TC_OK};
    if (o->filter) {
        int64_t n;
        tc_status rs = tc_store_select_ids_(st, o->filter, &n);
        if (rs) return rs;
        r.join = " JOIN temp.sel USING(id)";
    }
    const char *title = o->title ? o->title : "tacitus event report";
    tc_buf_puts(&b, "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
                    "<meta name='viewport' content='width=device-width,initial-scale=1'>"
                    "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; "
                    "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"
                    "<title>");
    esc(&b, title);
    tc_buf_printf(&b, "</title><style>%s</style></head><body><header><h1>", CSS);
    esc(&b, title);
    /* totals */
    sqlite3_stmt *s = prep(&r, "SELECT count(*), coalesce(sum(num_mentions),0), min(date),"
                               " max(date), count(DISTINCT source), (SELECT count(*) FROM"
                               " documents) FROM events e%s");
    int64_t nev = 0, nmen = 0, nact = 0, ndoc = 0;
    char d0[16] = "", d1[16] = "";
    if (s && step(&r, s)) {
        nev = sqlite3_column_int64(s, 0);
        nmen = sqlite3_column_int64(s, 1);
        snprintf(d0, sizeof d0, "%s", ctext(s, 2));
        snprintf(d1, sizeof d1, "%s", ctext(s, 3));
        nact = sqlite3_column_int64(s, 4);
        ndoc = sqlite3_column_int64(s, 5);
    }
    sqlite3_finalize(s);
    tc_buf_printf(&b, "</h1><p>%s%s%s%s%s</p></header><main><div class='cards'>",
                  *d0 ? d0 : "no events", *d0 ? " to " : "", d1,
                  o->generated ? " &middot; generated " : "", o->generated ? o->generated : "");
    tc_buf_printf(&b, "<div class='card'><b>%lld</b><span>events</span></div>"
                      "<div class='card'><b>%lld</b><span>mentions</span></div>"
                      "<div class='card'><b>%lld</b><span>documents</span></div>"
                      "<div class='card'><b>%lld</b><span>source actors</span></div></div>",
                  (long long)nev, (long long)nmen, (long long)ndoc, (long long)nact);
    weekq wq = {0, 0, NULL};
    if (!r.err) sec_weekly(&r, &wq);
    if (!r.err) sec_dyads(&r, &wq, o->top_dyads > 0 ? o->top_dyads : 5);
    if (!r.err) sec_actors(&r, o->top_actors > 0 ? o->top_actors : 15);
    if (!r.err) sec_network(&r, o->network_nodes > 0 ? o->network_nodes : 16);
    if (!r.err) sec_table(&r, o->max_events > 0 ? o->max_events : 2000);
    tc_free(wq.q);
    tc_buf_printf(&b, "</main><footer>tacitus %s &middot; quad classes: GDELT convention "
                      "(01&ndash;05 verbal cooperation, 06&ndash;09 material cooperation, "
                      "10&ndash;14 verbal conflict, 15&ndash;20 material conflict); Goldstein "
                      "scores from the CAMEO table.</footer><script>%s</script></body></html>\n",
                  TC_VERSION, JS);
    tc_status rs = r.err;
    if (!rs && fwrite(b.data, 1, b.len, out) != b.len) rs = TC_EIO;
    tc_buf_free(&b);
    return rs;
}
