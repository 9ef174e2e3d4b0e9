/* export.c - GDELT, Phoenix, ICEWS, PLOVER, CSV and JSONL writers over the store. */
#include "store/export.h"

#include <jansson.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "core/cameo.h"
#include "core/hash.h"

static const char *const formats[] = {"gdelt", "gdelt-mentions", "phoenix", "icews",
                                      "plover", "csv", "jsonl", NULL};

int tc_export_format_known(const char *name)
{
    for (int i = 0; name && formats[i]; i++)
        if (!strcmp(name, formats[i])) return 1;
    return 0;
}

/* ---- small writers ---- */

void tc_export_json_str(tc_buf *b, const char *s)
{
    tc_export_json_strn(b, s, s ? strlen(s) : 0);
}

void tc_export_json_strn(tc_buf *b, const char *s, size_t n)
{
    if (!s) {
        tc_buf_puts(b, "null");
        return;
    }
    tc_buf_putc(b, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '"': tc_buf_puts(b, "\\\""); break;
        case '\\': tc_buf_puts(b, "\\\\"); break;
        case '\n': tc_buf_puts(b, "\\n"); break;
        case '\r': tc_buf_puts(b, "\\r"); break;
        case '\t': tc_buf_puts(b, "\\t"); break;
        default:
            if (c < 0x20) tc_buf_printf(b, "\\u%04x", c);
            else tc_buf_putc(b, (char)c);
        }
    }
    tc_buf_putc(b, '"');
}

void tc_export_csv_field(tc_buf *b, const char *s)
{
    if (!s) return;
    if (!s[strcspn(s, ",\"\r\n")]) {
        tc_buf_puts(b, s);
        return;
    }
    tc_buf_putc(b, '"');
    for (const char *p = s; *p; p++) {
        if (*p == '"') tc_buf_putc(b, '"');
        tc_buf_putc(b, *p);
    }
    tc_buf_putc(b, '"');
}

/* A tab-separated field: tabs and newlines inside become spaces. */
static void tsv_field(tc_buf *b, const char *s)
{
    if (!s) return;
    for (const char *p = s; *p; p++) tc_buf_putc(b, (*p == '\t' || *p == '\n' || *p == '\r') ? ' ' : *p);
}

static const char *nz(const char *s)
{
    return s ? s : "";
}

/* ---- actor codes ---- */

static int in_set(const char *g, const char *set)
{
    for (const char *p = set; *p; p += 4)
        if (!strncmp(p, g, 3)) return 1;
    return 0;
}

/* CAMEO type (role/sector) codes. */
static const char ROLES[] = "COP GOV INS JUD MIL OPP REB SEP SPY UAF AGR BUS CRM CVL DEV EDU "
                            "ELI ENV HLH HRI LAB LEG MED REF MOD RAD AMN IRC GRP PKO NGM SET "
                            "PTY UIS ";
static const char PHOENIX_ROLES[] = "GOV MIL REB OPP PTY COP JUD SPY MED EDU BUS CRM CVL ";
static const char NONSTATE[] = "IGO NGO IMG MNC ";
static const char RELIGIONS[] = "ADR ALE ATH BAH BUD CHR CON CPT CTH DOX DRZ HIN HSD ITR JAN JEW "
                                "JHW LDS MOS MRN NRM ORT PRO SFI SHI SHN SIK SUN TAO UDX ZRO ";

void tc_actor_split(const char *code, tc_actor_parts *p)
{
    memset(p, 0, sizeof *p);
    if (!code) return;
    size_t n = strlen(code);
    int ntype = 0;
    for (size_t i = 0; i + 3 <= n; i += 3) {
        char g[4] = {code[i], code[i + 1], code[i + 2], 0};
        int lower = g[0] >= 'a' && g[0] <= 'z';
        if (i == 0 && in_set(g, NONSTATE)) {
            memcpy(p->type[ntype++], g, 4);
            continue;
        }
        if (i == 0 && !in_set(g, ROLES) && !lower) {
            memcpy(p->country, g, 4);
            continue;
        }
        if (in_set(g, ROLES)) {
            if (ntype < 3) memcpy(p->type[ntype++], g, 4);
            if (!p->role[0] && in_set(g, PHOENIX_ROLES) && i == 3) {
                memcpy(p->role, g, 4);
                continue;
            }
        } else if (lower) {
            if (!p->ethnic[0]) memcpy(p->ethnic, g, 4);
        } else if (in_set(g, RELIGIONS)) {
            if (!p->religion1[0]) memcpy(p->religion1, g, 4);
            else if (!p->religion2[0]) memcpy(p->religion2, g, 4);
        } else if (!p->known_group[0]) {
            memcpy(p->known_group, g, 4);
        }
        if (i >= 3) {
            size_t al = strlen(p->attributes);
            if (al + 5 < sizeof p->attributes) {
                if (al) p->attributes[al++] = ';';
                memcpy(p->attributes + al, g, 4);
            }
        }
    }
}

/* Phoenix entity: the first group if it is a country or IGO/NGO/IMG/MNC. */
static void phoenix_entity(const char *code, char out[4])
{
    out[0] = 0;
    if (!code || strlen(code) < 3) return;
    tc_actor_parts ap;
    tc_actor_split(code, &ap);
    if (ap.country[0]) memcpy(out, ap.country, 4);
    else if (in_set(code, NONSTATE)) {
        memcpy(out, code, 3);
        out[3] = 0;
    }
}

/* ---- event rows ---- */

static void ymd(const char *date, int *y, int *m, int *d)
{
    *y = *m = *d = 0;
    if (date && strlen(date) >= 10) {
        *y = atoi(date);
        *m = atoi(date + 5);
        *d = atoi(date + 8);
    }
}

void tc_export_event_json(tc_buf *b, const tc_store_row *r)
{
    tc_buf_printf(b, "{\"id\":%lld,\"date\":", (long long)r->id);
    tc_export_json_str(b, r->date);
    tc_buf_puts(b, ",\"source\":");
    tc_export_json_str(b, nz(r->source));
    tc_buf_puts(b, ",\"target\":");
    tc_export_json_str(b, nz(r->target));
    tc_buf_puts(b, ",\"code\":");
    tc_export_json_str(b, r->code);
    tc_buf_puts(b, ",\"root\":");
    tc_export_json_str(b, r->root);
    tc_buf_printf(b, ",\"quad\":%d,\"goldstein\":%.1f", r->quad, r->goldstein);
    tc_buf_puts(b, ",\"source_text\":");
    tc_export_json_str(b, r->source_text);
    tc_buf_puts(b, ",\"target_text\":");
    tc_export_json_str(b, r->target_text);
    tc_buf_puts(b, ",\"plover\":{\"type\":");
    tc_export_json_str(b, nz(r->plover_type));
    tc_buf_puts(b, ",\"mode\":");
    tc_export_json_str(b, nz(r->plover_mode));
    tc_buf_printf(b, "},\"num_mentions\":%lld,\"num_sources\":%lld,\"num_articles\":%lld",
                  (long long)r->num_mentions, (long long)r->num_sources,
                  (long long)r->num_articles);
    tc_buf_puts(b, ",\"doc\":");
    tc_export_json_str(b, r->doc);
    tc_buf_printf(b, ",\"sent\":%d,\"sentence\":", r->sent);
    tc_export_json_str(b, r->sentence);
    tc_buf_puts(b, ",\"url\":");
    tc_export_json_str(b, r->url);
    tc_buf_puts(b, ",\"outlet\":");
    tc_export_json_str(b, r->outlet);
    tc_buf_putc(b, '}');
}

void tc_export_event_csv_header(tc_buf *b)
{
    tc_buf_puts(b, "id,date,source,target,code,root,quad,goldstein,plover_type,plover_mode,"
                   "source_text,target_text,num_mentions,num_sources,num_articles,doc,sent,url,"
                   "outlet,sentence\n");
}

void tc_export_event_csv(tc_buf *b, const tc_store_row *r)
{
    tc_buf_printf(b, "%lld,", (long long)r->id);
    const char *f1[] = {r->date, r->source, r->target, r->code, r->root};
    for (int i = 0; i < 5; i++) {
        tc_export_csv_field(b, f1[i]);
        tc_buf_putc(b, ',');
    }
    tc_buf_printf(b, "%d,%.1f,", r->quad, r->goldstein);
    const char *f2[] = {r->plover_type, r->plover_mode, r->source_text, r->target_text};
    for (int i = 0; i < 4; i++) {
        tc_export_csv_field(b, f2[i]);
        tc_buf_putc(b, ',');
    }
    tc_buf_printf(b, "%lld,%lld,%lld,", (long long)r->num_mentions, (long long)r->num_sources,
                  (long long)r->num_articles);
    tc_export_csv_field(b, r->doc);
    tc_buf_printf(b, ",%d,", r->sent);
    tc_export_csv_field(b, r->url);
    tc_buf_putc(b, ',');
    tc_export_csv_field(b, r->outlet);
    tc_buf_putc(b, ',');
    tc_export_csv_field(b, r->sentence);
    tc_buf_putc(b, '\n');
}

static void upper(tc_buf *b, const char *s)
{
    if (!s) return;
    for (const char *p = s; *p; p++) {
        char c = *p;
        if (c == '\t' || c == '\n' || c == '\r') c = ' ';
        tc_buf_putc(b, (c >= 'a' && c <= 'z') ? (char)(c - 32) : c);
    }
}

static void gdelt_actor(tc_buf *b, const char *code, const char *name)
{
    tc_actor_parts p;
    tc_actor_split(code, &p);
    tsv_field(b, code);
    tc_buf_putc(b, '\t');
    upper(b, code && *code ? name : NULL);
    tc_buf_printf(b, "\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t", p.country, p.known_group, p.ethnic,
                  p.religion1, p.religion2, p.type[0], p.type[1], p.type[2]);
}

static void gdelt_row(tc_buf *b, const tc_store_row *r)
{
    int y, m, d;
    ymd(r->date, &y, &m, &d);
    char base[4] = "";
    tc_cameo_base(r->code, base);
    tc_buf_printf(b, "%lld\t%04d%02d%02d\t%04d%02d\t%04d\t%.4f\t", (long long)r->id, y, m, d, y,
                  m, y, y + (m * 30 + d) / 365.0);
    gdelt_actor(b, r->source, r->source_text);
    gdelt_actor(b, r->target, r->target_text);
    tc_buf_printf(b, "%d\t%s\t%s\t%s\t%d\t%.1f\t%lld\t%lld\t%lld\t0", r->is_root, r->code, base,
                  nz(r->root), r->quad, r->goldstein, (long long)r->num_mentions,
                  (long long)r->num_sources, (long long)r->num_articles);
    /* three geo blocks of 8 columns: Type FullName CountryCode ADM1 ADM2 Lat Long FeatureID */
    for (int g = 0; g < 3; g++) tc_buf_puts(b, "\t0\t\t\t\t\t\t\t");
    tc_buf_printf(b, "\t%s\t", nz(r->added));
    tsv_field(b, r->url ? r->url : r->doc);
    tc_buf_putc(b, '\n');
}

/* Mentions of one event, for Phoenix's ;-joined columns and ICEWS/PLOVER details. */
typedef struct mention_lists {
    tc_buf sids, urls, outlets;
} mention_lists;

static void lists_add(tc_buf *b, const char *s)
{
    if (!s || !*s) return;
    /* distinct values only */
    if (b->len) {
        size_t n = strlen(s);
        const char *p = b->data;
        while (p) {
            const char *e = strchr(p, ';');
            size_t l = e ? (size_t)(e - p) : strlen(p);
            if (l == n && !memcmp(p, s, n)) return;
            p = e ? e + 1 : NULL;
        }
        tc_buf_putc(b, ';');
    }
    for (const char *p = s; *p; p++) tc_buf_putc(b, (*p == ';' || *p == '\t' || *p == '\n') ? ' ' : *p);
}

static tc_status event_mentions(sqlite3_stmt *q, int64_t id, mention_lists *ml)
{
    tc_buf_clear(&ml->sids);
    tc_buf_clear(&ml->urls);
    tc_buf_clear(&ml->outlets);
    sqlite3_bind_int64(q, 1, id);
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        char sid[300];
        snprintf(sid, sizeof sid, "%s-%d", (const char *)sqlite3_column_text(q, 0),
                 sqlite3_column_int(q, 1) + 1);
        lists_add(&ml->sids, sid);
        lists_add(&ml->urls, (const char *)sqlite3_column_text(q, 2));
        lists_add(&ml->outlets, (const char *)sqlite3_column_text(q, 3));
    }
    sqlite3_reset(q);
    return rc == SQLITE_DONE ? TC_OK : TC_EDB;
}

static void phoenix_actor(tc_buf *b, const char *code)
{
    tc_actor_parts p;
    tc_actor_split(code, &p);
    char ent[4];
    phoenix_entity(code, ent);
    tsv_field(b, code);
    tc_buf_printf(b, "\t%s\t%s\t%s\t", ent, p.role, p.attributes);
}

static void phoenix_row(tc_buf *b, const tc_store_row *r, const mention_lists *ml)
{
    int y, m, d;
    ymd(r->date, &y, &m, &d);
    tc_buf_printf(b, "%lld_%s\t%04d%02d%02d\t%d\t%d\t%d\t", (long long)r->id, TC_VERSION, y, m, d,
                  y, m, d);
    phoenix_actor(b, r->source);
    phoenix_actor(b, r->target);
    tc_buf_printf(b, "%s\t%s\t%d\t%.1f\t\t\t\t\t\t\t", r->code, nz(r->root),
                  tc_cameo_penta(r->code), r->goldstein);
    tc_buf_printf(b, "%s\t%s\t%s\n", nz(ml->sids.data), nz(ml->urls.data), nz(ml->outlets.data));
}

static const char *sector_name(const char *t)
{
    static const char *const map[][2] = {
        {"GOV", "Government"}, {"MIL", "Military"},   {"COP", "Police"},
        {"OPP", "Opposition"}, {"REB", "Rebels"},     {"BUS", "Business"},
        {"MED", "Media"},      {"CVL", "Civilians"},  {"JUD", "Judiciary"},
        {"LEG", "Legislative"}, {"PTY", "Parties"},   {"EDU", "Education"},
        {"LAB", "Labor"},      {"REF", "Refugees"},   {"CRM", "Criminals"},
        {"SPY", "Intelligence"}, {"HLH", "Health"},   {"AGR", "Agriculture"},
        {"ELI", "Elites"},     {"ENV", "Environment"}, {"HRI", "Human Rights"},
        {"IGO", "International Organizations"}, {"NGO", "Nongovernmental Organizations"},
        {"INS", "Insurgents"}, {"SEP", "Separatists"}, {"UAF", "Armed Groups"},
        {"RAD", "Radicals"},   {"MOD", "Moderates"},  {"DEV", "Development"},
        {"MNC", "Multinational Corporations"}, {"IMG", "International Militarized Groups"},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (!strcmp(map[i][0], t)) return map[i][1];
    return t;
}

/* ISO 3166-1 alpha-3 -> country name from Debian's iso-codes (read once per export); CAMEO
 * country codes are ISO alpha-3 for nearly all countries.  Missing file: codes are kept. */
#define ISO_JSON "/usr/share/iso-codes/json/iso_3166-1.json"

typedef struct names {
    json_t *root;
    tc_strmap map; /* alpha_3 -> index into the array */
    int loaded;
} names;

static void names_load(names *nm)
{
    nm->loaded = 1;
    tc_strmap_init(&nm->map);
    nm->root = json_load_file(ISO_JSON, 0, NULL);
    json_t *arr = json_object_get(nm->root, "3166-1");
    size_t i;
    json_t *e;
    json_array_foreach(arr, i, e) {
        const char *a3 = json_string_value(json_object_get(e, "alpha_3"));
        const char *nmv = json_string_value(json_object_get(e, "common_name"));
        if (!nmv) nmv = json_string_value(json_object_get(e, "name"));
        if (a3 && nmv) tc_strmap_put(&nm->map, a3, strlen(a3), (int64_t)i);
    }
}

static const char *country_name(names *nm, const char *code)
{
    if (!code || !*code) return "";
    if (!nm->loaded) names_load(nm);
    int64_t i;
    if (!tc_strmap_get(&nm->map, code, strlen(code), &i)) return code;
    json_t *e = json_array_get(json_object_get(nm->root, "3166-1"), (size_t)i);
    const char *n = json_string_value(json_object_get(e, "common_name"));
    if (!n) n = json_string_value(json_object_get(e, "name"));
    return n ? n : code;
}

static void names_free(names *nm)
{
    if (!nm->loaded) return;
    json_decref(nm->root);
    tc_strmap_free(&nm->map);
}

static void icews_actor(tc_buf *b, names *nm, const char *code, const char *name)
{
    tc_actor_parts p;
    tc_actor_split(code, &p);
    tsv_field(b, name && *name ? name : code);
    tc_buf_putc(b, '\t');
    for (int i = 0; i < 3 && p.type[i][0]; i++) {
        if (i) tc_buf_putc(b, ',');
        tc_buf_puts(b, sector_name(p.type[i]));
    }
    tc_buf_putc(b, '\t');
    tsv_field(b, country_name(nm, p.country));
    tc_buf_putc(b, '\t');
}

static void icews_row(tc_buf *b, names *nm, const tc_store_row *r)
{
    const tc_cameo_code *c = tc_cameo_lookup_nearest(r->code);
    tc_buf_printf(b, "%lld\t%s\t", (long long)r->id, nz(r->date));
    icews_actor(b, nm, r->source, r->source_text);
    tsv_field(b, c ? c->name : "");
    tc_buf_printf(b, "\t%s\t%.1f\t", r->code, r->goldstein);
    icews_actor(b, nm, r->target, r->target_text);
    tsv_field(b, r->doc);
    tc_buf_printf(b, "\t%d\t", r->sent + 1);
    tsv_field(b, r->outlet);
    tc_buf_puts(b, "\t\t\t\t\t\t\n");
}

static int plover_quad(const char *t)
{
    static const char *const q[5] = {"", "AGREE CONSULT SUPPORT CONCEDE ",
                                     "COOPERATE AID RETREAT ",
                                     "REQUEST ACCUSE REJECT THREATEN SANCTION ",
                                     "PROTEST MOBILIZE COERCE ASSAULT "};
    size_t n = strlen(t);
    for (int i = 1; i <= 4; i++) {
        const char *p = q[i];
        while ((p = strstr(p, t))) {
            if ((p == q[i] || p[-1] == ' ') && p[n] == ' ') return i;
            p += n;
        }
    }
    return 0;
}

static void plover_entity(tc_buf *b, const char *code, const char *text)
{
    tc_actor_parts p;
    tc_actor_split(code, &p);
    tc_buf_puts(b, "[{\"code\":");
    tc_export_json_str(b, p.country[0] ? p.country : (code && strlen(code) >= 3 ? "" : ""));
    tc_buf_puts(b, ",\"sector\":");
    tc_export_json_str(b, p.type[0]);
    tc_buf_puts(b, ",\"cameo\":");
    tc_export_json_str(b, nz(code));
    tc_buf_puts(b, ",\"entity_text\":");
    tc_export_json_str(b, text);
    tc_buf_puts(b, "}]");
}

static void plover_row(tc_buf *b, const tc_store_row *r, const mention_lists *ml,
                       const char *coded)
{
    tc_buf_printf(b, "{\"id\":\"tacitus-%lld\",\"date\":", (long long)r->id);
    tc_export_json_str(b, r->date);
    tc_buf_puts(b, ",\"actor\":");
    plover_entity(b, r->source, r->source_text);
    if (r->target && *r->target) {
        tc_buf_puts(b, ",\"recipient\":");
        plover_entity(b, r->target, r->target_text);
    }
    tc_buf_puts(b, ",\"event\":[");
    tc_export_json_str(b, r->plover_type);
    tc_buf_puts(b, "]");
    if (r->plover_mode && *r->plover_mode) {
        tc_buf_puts(b, ",\"mode\":[");
        tc_export_json_str(b, r->plover_mode);
        tc_buf_puts(b, "]");
    }
    tc_buf_printf(b, ",\"quad_code\":%d", plover_quad(r->plover_type));
    tc_buf_puts(b, ",\"event_text\":[");
    tc_export_json_str(b, r->sentence ? r->sentence : "");
    tc_buf_printf(b, "],\"text_info\":{\"sequence\":%d},\"cite_info\":{\"url\":", r->sent + 1);
    tc_export_json_str(b, r->url);
    tc_buf_puts(b, ",\"publication\":");
    tc_export_json_str(b, r->outlet);
    tc_buf_puts(b, ",\"coder\":\"tacitus " TC_VERSION "\",\"codebook\":\"CAMEO->PLOVER\"}");
    tc_buf_puts(b, ",\"coder\":\"tacitus\",\"coded_date\":");
    tc_export_json_str(b, coded);
    tc_buf_printf(b, ",\"cameo_code\":\"%s\",\"num_mentions\":%lld,\"num_sources\":%lld,"
                     "\"num_articles\":%lld,\"urls\":",
                  r->code, (long long)r->num_mentions, (long long)r->num_sources,
                  (long long)r->num_articles);
    tc_export_json_str(b, nz(ml->urls.data));
    tc_buf_puts(b, "}\n");
}

typedef struct exp_ctx {
    const char *fmt;
    FILE *out;
    tc_buf b;
    sqlite3_stmt *mq;
    mention_lists ml;
    names nm;
    unsigned long rows;
    int failed;
    tc_status err;
} exp_ctx;

static int flush(exp_ctx *x)
{
    if (x->b.len >= 1 << 16) {
        if (fwrite(x->b.data, 1, x->b.len, x->out) != x->b.len) {
            x->err = TC_EIO;
            return 1;
        }
        tc_buf_clear(&x->b);
    }
    return 0;
}

static int on_event(const tc_store_row *r, void *ud)
{
    exp_ctx *x = ud;
    const char *f = x->fmt;
    if (!strcmp(f, "gdelt")) {
        gdelt_row(&x->b, r);
    } else if (!strcmp(f, "phoenix") || !strcmp(f, "plover")) {
        if (!strcmp(f, "plover") && (!r->plover_type || !*r->plover_type))
            return 0; /* PLOVER drops CAMEO 01/02 */
        if (event_mentions(x->mq, r->id, &x->ml)) {
            x->err = TC_EDB;
            return 1;
        }
        if (f[1] == 'h') {
            phoenix_row(&x->b, r, &x->ml);
        } else {
            char coded[11];
            snprintf(coded, sizeof coded, "%.4s-%.2s-%.2s", nz(r->added), r->added ? r->added + 4 : "",
                     r->added ? r->added + 6 : "");
            plover_row(&x->b, r, &x->ml, coded);
        }
    } else if (!strcmp(f, "icews")) {
        icews_row(&x->b, &x->nm, r);
    } else if (!strcmp(f, "csv")) {
        tc_export_event_csv(&x->b, r);
    } else {
        tc_export_event_json(&x->b, r);
        tc_buf_putc(&x->b, '\n');
    }
    x->rows++;
    return flush(x);
}

static void ts14(tc_buf *b, const char *date)
{
    /* "2026-04-12" or "2026-04-12T10:20:30..." -> 20260412102030 */
    char out[15] = "00000000000000";
    int k = 0;
    for (const char *p = date; p && *p && k < 14; p++)
        if (*p >= '0' && *p <= '9') out[k++] = *p;
    tc_buf_puts(b, out);
}

static int on_mention(const tc_store_mention_row *m, void *ud)
{
    exp_ctx *x = ud;
    tc_buf *b = &x->b;
    tc_buf_printf(b, "%lld\t%s\t", (long long)m->event_id, nz(m->event_added));
    if (m->pubdate) ts14(b, m->pubdate);
    else tc_buf_puts(b, nz(m->event_added));
    tc_buf_printf(b, "\t%d\t", m->url ? 1 : 2);
    tsv_field(b, m->outlet);
    tc_buf_putc(b, '\t');
    tsv_field(b, m->url ? m->url : m->doc);
    tc_buf_printf(b, "\t%d\t%d\t%d\t%d\t1\t100\t0\t0\t\t\n", m->sent + 1, m->src_start,
                  m->tgt_start, m->verb_start);
    x->rows++;
    return flush(x);
}

tc_status tc_export(tc_store *st, const tc_store_filter *f, const char *format, FILE *out,
                    unsigned long *nrows)
{
    if (!tc_export_format_known(format)) return TC_EFORMAT;
    exp_ctx x;
    memset(&x, 0, sizeof x);
    x.fmt = format;
    x.out = out;
    tc_status rs = TC_OK;
    if (!strcmp(format, "phoenix") || !strcmp(format, "plover")) {
        if (sqlite3_prepare_v2(tc_store_db(st),
                               "SELECT d.ext_id, m.sent, d.url, m.outlet FROM mentions m"
                               " JOIN documents d ON d.id = m.doc_id WHERE m.event_id = ?1"
                               " ORDER BY m.id LIMIT 100",
                               -1, &x.mq, NULL) != SQLITE_OK)
            return TC_EDB;
    }
    if (!strcmp(format, "icews"))
        tc_buf_puts(&x.b, "Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\t"
                          "Event Text\tCAMEO Code\tIntensity\tTarget Name\tTarget Sectors\t"
                          "Target Country\tStory ID\tSentence Number\tPublisher\tCity\tDistrict\t"
                          "Province\tCountry\tLatitude\tLongitude\n");
    if (!strcmp(format, "csv")) tc_export_event_csv_header(&x.b);
    if (!strcmp(format, "gdelt-mentions")) rs = tc_store_mentions(st, f, on_mention, &x);
    else rs = tc_store_query(st, f, on_event, &x);
    if (!rs && x.err) rs = x.err;
    if (!rs && x.b.len && fwrite(x.b.data, 1, x.b.len, out) != x.b.len) rs = TC_EIO;
    sqlite3_finalize(x.mq);
    names_free(&x.nm);
    tc_buf_free(&x.b);
    tc_buf_free(&x.ml.sids);
    tc_buf_free(&x.ml.urls);
    tc_buf_free(&x.ml.outlets);
    if (nrows) *nrows = x.rows;
    return rs;
}
