/* conllu.c - CoNLL-U reader and writer. */
#include "conllu.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

typedef struct word_tmp {
    tc_token t;
    uint8_t range_nospace; /* range line had SpaceAfter=No (on first word) */
    uint32_t flen;         /* strlen(t.form) */
} word_tmp;

typedef struct rd {
    tc_doc *doc;
    const char *name;
    tc_diag *diag;
    tc_buf text;
    word_tmp *w;
    size_t nw, capw;
    /* sentence being read */
    const char *sent_id, *sent_text;
    long sent_line;       /* line of the first line of the sentence (0 = none) */
    int in_words;         /* a word line was seen */
    uint32_t range_end;   /* last word id of the pending multi-word token (0 none) */
    uint32_t range_first; /* id of its first word */
    const char *range_form;
    uint8_t range_nospace;
    int pending_par;      /* newpar/newdoc seen before this sentence */
    const char *pending_doc;
    uint32_t para;
    int have_sent;
} rd;

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static tc_status err(rd *r, long line, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    tc_diag_emit(r->diag, TC_LOG_ERROR, r->name, line, "malformed CoNLL-U: %s", msg);
    return TC_EPARSE;
}

/* Parse a decimal unsigned integer occupying exactly [s, e). */
static int parse_uint(const char *s, const char *e, uint32_t *v)
{
    if (s >= e || e - s > 9) return 0;
    uint32_t x = 0;
    for (const char *p = s; p < e; p++) {
        if (*p < '0' || *p > '9') return 0;
        x = x * 10 + (uint32_t)(*p - '0');
    }
    *v = x;
    return 1;
}

/* MISC: drop SpaceAfter=No (reported through *nospace), keep the rest. */
static const char *misc_str(rd *r, const char *s, size_t n, int *nospace)
{
    *nospace = 0;
    if (n == 1 && s[0] == '_') return NULL;
    char tmp[1024];
    size_t tl = 0;
    const char *e = s + n, *p = s;
    int big = n >= sizeof tmp;
    while (p < e) {
        const char *q = memchr(p, '|', (size_t)(e - p));
        if (!q) q = e;
        size_t l = (size_t)(q - p);
        if (l == 13 && memcmp(p, "SpaceAfter=No", 13) == 0) {
            *nospace = 1;
        } else if (!big && l) {
            if (tl) tmp[tl++] = '|';
            memcpy(tmp + tl, p, l);
            tl += l;
        }
        p = q + 1;
    }
    if (big) return tc_arena_strndup(&r->doc->arena, s, n); /* rare: keep verbatim */
    if (!tl) return NULL;
    return tc_arena_strndup(&r->doc->arena, tmp, tl);
}

static tc_status push_word(rd *r, word_tmp **out)
{
    if (r->nw == r->capw) {
        size_t cap = r->capw ? r->capw * 2 : 64;
        word_tmp *w = tc_reallocarray(r->w, cap, sizeof *w);
        if (!w) return TC_ENOMEM;
        r->w = w;
        r->capw = cap;
    }
    static const word_tmp zero; /* a struct copy, not a rep-stos memset, per word */
    *out = &r->w[r->nw++];
    **out = zero;
    return TC_OK;
}

static tc_status finish_sentence(rd *r, long line)
{
    if (!r->in_words) {
        if (r->sent_line) return err(r, r->sent_line, "comment lines without a sentence");
        return TC_OK;
    }
    if (r->range_end) return err(r, line, "multi-word token range not followed by its words");
    uint32_t n = (uint32_t)r->nw;
    for (uint32_t i = 0; i < n; i++) {
        int32_t h = r->w[i].t.head;
        if (h > (int32_t)n) {
            char b[64];
            snprintf(b, sizeof b, "%u (head %d)", (unsigned)i + 1, (int)h);
            return err(r, (long)r->w[i].t.start, "head out of range in word %s", b);
        }
    }
    if (r->have_sent) {
        if (tc_buf_puts(&r->text, r->pending_par ? "\n\n" : "\n") != TC_OK) return TC_ENOMEM;
    }
    if (r->pending_par && r->have_sent) r->para++;
    if (r->pending_doc) {
        char key[48];
        snprintf(key, sizeof key, "conllu.newdoc.%u", (unsigned)r->doc->nsent);
        if (tc_doc_meta_set(r->doc, key, r->pending_doc) != TC_OK) return TC_ENOMEM;
        if (!r->doc->id) r->doc->id = r->pending_doc;
    }
    uint32_t sstart = (uint32_t)r->text.len;
    /* surface text and spans (one reservation: every word's form and a blank at most,
     * and the forms of multi-word tokens) */
    size_t room = 0;
    for (uint32_t i = 0; i < n; i++) {
        room += (size_t)r->w[i].flen + 1;
        if (r->w[i].t.mwt_form) room += strlen(r->w[i].t.mwt_form);
    }
    if (tc_buf_reserve(&r->text, room) != TC_OK) return TC_ENOMEM;
    for (uint32_t i = 0; i < n;) {
        tc_token *t = &r->w[i].t;
        uint32_t len = t->mwt_len > 1 ? t->mwt_len : 1;
        if (i + len > n) len = n - i;
        const char *surf = len > 1 && t->mwt_form ? t->mwt_form : t->form;
        size_t sl = surf == t->form ? r->w[i].flen : strlen(surf);
        uint32_t st = (uint32_t)r->text.len;
        memcpy(r->text.data + r->text.len, surf, sl);
        r->text.len += sl;
        r->text.data[r->text.len] = 0;
        uint32_t en = (uint32_t)r->text.len;
        int space = 1;
        if (len > 1) {
            space = !r->w[i].range_nospace;
            for (uint32_t k = i; k < i + len; k++) r->w[k].t.space_after = 0;
            r->w[i + len - 1].t.space_after = (uint8_t)space;
        } else {
            space = t->space_after;
        }
        for (uint32_t k = i; k < i + len; k++) {
            r->w[k].t.start = st;
            r->w[k].t.end = en;
        }
        i += len;
        if (i < n && space) {
            r->text.data[r->text.len++] = ' ';
            r->text.data[r->text.len] = 0;
        }
    }
    uint32_t send = (uint32_t)r->text.len;
    /* (the tokens are copied in whole: no zeroed array from tc_doc_add_sentence first) */
    tc_token *toks = tc_arena_alloc(&r->doc->arena, (size_t)n * sizeof *toks);
    if (!toks) return TC_ENOMEM;
    for (uint32_t i = 0; i < n; i++) toks[i] = r->w[i].t;
    tc_sentence *s = tc_doc_add_sentence(r->doc, sstart, send, 0);
    if (!s) return TC_ENOMEM;
    s->tok = toks;
    s->ntok = n;
    s->id = r->sent_id;
    s->text = r->sent_text;
    s->para = r->para;
    r->have_sent = 1;
    r->nw = 0;
    r->in_words = 0;
    r->sent_id = r->sent_text = NULL;
    r->sent_line = 0;
    r->pending_par = 0;
    r->pending_doc = NULL;
    return TC_OK;
}

static const char *comment_value(const char *p, const char *e, const char *key)
{
    size_t kl = strlen(key);
    if ((size_t)(e - p) < kl || memcmp(p, key, kl) != 0) return NULL;
    p += kl;
    while (p < e && *p == ' ') p++;
    if (p < e && *p == '=') {
        p++;
        while (p < e && *p == ' ') p++;
        return p;
    }
    return p == e ? e : NULL;
}

static tc_status comment_line(rd *r, const char *p, const char *e, long line)
{
    if (r->in_words) return err(r, line, "comment line inside a sentence");
    if (!r->sent_line) r->sent_line = line;
    p++; /* '#' */
    while (p < e && *p == ' ') p++;
    const char *v;
    if ((v = comment_value(p, e, "sent_id")) && v < e) {
        r->sent_id = tc_arena_strndup(&r->doc->arena, v, (size_t)(e - v));
        if (!r->sent_id) return TC_ENOMEM;
    } else if ((v = comment_value(p, e, "text")) && (v < e || p + 4 == e)) {
        r->sent_text = tc_arena_strndup(&r->doc->arena, v, (size_t)(e - v));
        if (!r->sent_text) return TC_ENOMEM;
    } else if ((size_t)(e - p) >= 6 && memcmp(p, "newdoc", 6) == 0) {
        r->pending_par = 1;
        v = comment_value(p, e, "newdoc id");
        if (v && v < e) {
            r->pending_doc = tc_arena_strndup(&r->doc->arena, v, (size_t)(e - v));
            if (!r->pending_doc) return TC_ENOMEM;
        }
    } else if ((size_t)(e - p) >= 6 && memcmp(p, "newpar", 6) == 0) {
        r->pending_par = 1;
    }
    return TC_OK;
}

/* MISC in place (s is the reader's private copy, NUL-terminated at s[n]): drop
 * SpaceAfter=No (reported through *nospace), keep the rest as misc_str does. */
static const char *misc_inplace(char *s, size_t n, int *nospace)
{
    *nospace = 0;
    if (n == 1 && s[0] == '_') return NULL;
    int big = n >= 1024; /* as misc_str: a long MISC is kept verbatim */
    size_t tl = 0;
    char *e = s + n, *p = s;
    while (p < e) {
        char *q = memchr(p, '|', (size_t)(e - p));
        if (!q) q = e;
        size_t l = (size_t)(q - p);
        if (l == 13 && memcmp(p, "SpaceAfter=No", 13) == 0) {
            *nospace = 1;
        } else if (!big && l) {
            if (tl) s[tl++] = '|';
            memmove(s + tl, p, l);
            tl += l;
        }
        p = q + 1;
    }
    if (big) return s;
    if (!tl) return NULL;
    s[tl] = 0;
    return s;
}

/* One pass over a word line: the first 10 tabs into tabs[] and how many there are in
 * *ntabs; returns 1 (and stops) at a NUL byte.  Sixteen bytes at a time with SSE2. */
static int line_tabs(const char *q, const char *e, const char **tabs, int *ntabs)
{
    int nt = 0;
#if defined(__SSE2__) && defined(__GNUC__)
    const __m128i vt = _mm_set1_epi8('\t'), vz = _mm_setzero_si128();
    while (e - q >= 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)q);
        if (_mm_movemask_epi8(_mm_cmpeq_epi8(x, vz))) return 1;
        unsigned mt = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, vt));
        while (mt) {
            if (nt < 10) tabs[nt] = q + __builtin_ctz(mt);
            nt++;
            mt &= mt - 1;
        }
        q += 16;
    }
#endif
    for (; q < e; q++) {
        if (!*q) return 1;
        if (*q == '\t') {
            if (nt < 10) tabs[nt] = q;
            nt++;
        }
    }
    *ntabs = nt;
    return 0;
}

static tc_status word_line(rd *r, const char *p, const char *e, long line)
{
    const char *f[10];
    size_t fl[10];
    /* one pass over the line: the columns, and no NUL byte (parse_all leaves that check
     * to word lines) */
    const char *tabs[10];
    int nt = 0;
    if (line_tabs(p, e, tabs, &nt)) return err(r, line, "NUL byte in line");
    int nf = nt + 1 > 10 ? 11 : nt + 1;
    if (nf == 10) {
        f[0] = p;
        for (int i = 0; i < 9; i++) {
            fl[i] = (size_t)(tabs[i] - f[i]);
            f[i + 1] = tabs[i] + 1;
        }
        fl[9] = (size_t)(e - f[9]);
    }
    if (nf != 10) {
        char b[32];
        if (nf > 10)
            snprintf(b, sizeof b, "more than 10");
        else
            snprintf(b, sizeof b, "%d", nf);
        return err(r, line, "expected 10 tab-separated columns, found %s", b);
    }
    for (int i = 0; i < 10; i++) {
        if (fl[i] == 0) {
            char b[16];
            snprintf(b, sizeof b, "%d", i + 1);
            return err(r, line, "empty column %s", b);
        }
    }
    if (!r->in_words && !r->sent_line) r->sent_line = line;
    r->in_words = 1;
    uint32_t expect = (uint32_t)r->nw + 1;
    const char *id = f[0], *ide = f[0] + fl[0];
    const char *dash = NULL, *dot = NULL; /* the first of each (an ID is short: no memchr calls) */
    for (const char *x = id; x < ide; x++) {
        if (*x == '-' && !dash) dash = x;
        if (*x == '.' && !dot) dot = x;
    }
    if (dot) {
        uint32_t a, b;
        if (!parse_uint(id, dot, &a) || !parse_uint(dot + 1, ide, &b))
            return err(r, line, "bad empty-node ID '%s'", tc_arena_strndup(&r->doc->arena, id, fl[0]));
        return TC_OK; /* empty node: skipped */
    }
    if (dash) {
        uint32_t a, b;
        if (!parse_uint(id, dash, &a) || !parse_uint(dash + 1, ide, &b) || b <= a)
            return err(r, line, "bad multi-word token range '%s'",
                       tc_arena_strndup(&r->doc->arena, id, fl[0]));
        if (a != expect || r->range_end)
            return err(r, line, "multi-word token range '%s' out of order",
                       tc_arena_strndup(&r->doc->arena, id, fl[0]));
        if (b - a + 1 > 255) return err(r, line, "multi-word token range too long");
        r->range_first = a;
        r->range_end = b;
        r->range_form = tc_arena_strndup(&r->doc->arena, f[1], fl[1]);
        if (!r->range_form) return TC_ENOMEM;
        int ns = 0;
        (void)misc_str(r, f[9], fl[9], &ns);
        r->range_nospace = (uint8_t)ns;
        return TC_OK;
    }
    uint32_t wid;
    if (!parse_uint(id, ide, &wid))
        return err(r, line, "bad word ID '%s'", tc_arena_strndup(&r->doc->arena, id, fl[0]));
    if (wid != expect) {
        char b[64];
        snprintf(b, sizeof b, "%u (expected %u)", (unsigned)wid, (unsigned)expect);
        return err(r, line, "word ID out of sequence: %s", b);
    }
    word_tmp *w;
    if (push_word(r, &w) != TC_OK) return TC_ENOMEM;
    tc_token *t = &w->t;
    tc_arena *ar = &r->doc->arena;
    /* one copy of columns 2-10 in the arena, each column NUL-terminated in place */
    size_t cl = (size_t)(e - f[1]);
    char *cp = tc_arena_alloc(ar, cl + 1);
    if (!cp) return TC_ENOMEM;
    memcpy(cp, f[1], cl);
    char *g[10];
    for (int i = 1; i < 10; i++) {
        g[i] = cp + (f[i] - f[1]);
        g[i][fl[i]] = 0;
    }
#define CONLLU_NONE(i) (fl[i] == 1 && f[i][0] == '_')
    t->form = g[1];
    w->flen = (uint32_t)fl[1];
    t->lemma = (CONLLU_NONE(2) && !CONLLU_NONE(1)) ? NULL : g[2];
    t->upos = CONLLU_NONE(3) ? NULL : g[3];
    t->xpos = CONLLU_NONE(4) ? NULL : g[4];
    t->feats = CONLLU_NONE(5) ? NULL : g[5];
    t->deprel = CONLLU_NONE(7) ? NULL : g[7];
#undef CONLLU_NONE
    int ns = 0;
    t->misc = misc_inplace(g[9], fl[9], &ns);
    t->space_after = (uint8_t)!ns;
    if (fl[6] == 1 && f[6][0] == '_') {
        t->head = -1;
    } else {
        uint32_t h;
        if (!parse_uint(f[6], f[6] + fl[6], &h))
            return err(r, line, "bad HEAD '%s'", tc_arena_strndup(ar, f[6], fl[6]));
        if (h == wid) return err(r, line, "word is its own head");
        t->head = (int32_t)h;
    }
    t->start = (uint32_t)line; /* kept for messages until the sentence ends */
    if (r->range_end && wid == r->range_first) {
        t->mwt_len = (uint8_t)(r->range_end - r->range_first + 1);
        t->mwt_form = r->range_form;
        w->range_nospace = r->range_nospace;
    }
    if (r->range_end && wid == r->range_end) r->range_end = 0;
    return TC_OK;
}

static tc_status parse_all(rd *r, const char *data, size_t len)
{
    const char *p = data, *end = data + len;
    if (len >= 3 && (unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB &&
        (unsigned char)p[2] == 0xBF)
        p += 3;
    long line = 0;
    tc_status st = TC_OK;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end;
        line++;
        if (e > p && e[-1] == '\r') e--;
        if (e == p) {
            st = finish_sentence(r, line);
        } else if (*p == '#') {
            if (memchr(p, 0, (size_t)(e - p))) return err(r, line, "NUL byte in line");
            st = comment_line(r, p, e, line);
        } else {
            const char *q = p;
            while (q < e && (*q == ' ' || *q == '\t')) q++;
            if (q == e)
                st = err(r, line, "line of only whitespace (sentences end with an empty line)");
            else
                st = word_line(r, p, e, line); /* checks for NUL bytes itself */
        }
        if (st != TC_OK) return st;
        p = nl ? nl + 1 : end;
    }
    return finish_sentence(r, line + 1);
}

tc_status tc_conllu_parse(const char *data, size_t len, const char *name, tc_doc **out,
                          tc_diag *diag)
{
    *out = NULL;
    rd r;
    memset(&r, 0, sizeof r);
    r.name = name ? name : "<conllu>";
    r.diag = diag;
    r.doc = tc_doc_new();
    if (!r.doc) return TC_ENOMEM;
    r.doc->format = "conllu";
    r.doc->path = tc_doc_str(r.doc, r.name);
    tc_status st = parse_all(&r, data ? data : "", data ? len : 0);
    if (st == TC_OK) {
        const char *t = r.text.data ? r.text.data : "";
        char *copy = tc_arena_strndup(&r.doc->arena, t, r.text.len);
        if (!copy) {
            st = TC_ENOMEM;
        } else {
            r.doc->raw = r.doc->text = copy;
            r.doc->raw_len = r.doc->text_len = r.text.len;
            if (!r.doc->id) r.doc->id = r.doc->path;
        }
    }
    if (st == TC_ENOMEM) tc_diag_emit(diag, TC_LOG_ERROR, r.name, 0, "out of memory reading CoNLL-U");
    tc_buf_free(&r.text);
    tc_free(r.w);
    if (st != TC_OK) {
        tc_doc_free(&r.doc);
        return st;
    }
    *out = r.doc;
    return TC_OK;
}

tc_status tc_conllu_read_file(const char *path, tc_doc **out, tc_diag *diag)
{
    *out = NULL;
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) {
        tc_diag_emit(diag, TC_LOG_ERROR, path, 0, "cannot open");
        return TC_EIO;
    }
    tc_buf b = TC_BUF_INIT;
    tc_status st = TC_OK;
    for (;;) {
        if (tc_buf_reserve(&b, 1 << 20) != TC_OK) {
            st = TC_ENOMEM;
            break;
        }
        size_t n = fread(b.data + b.len, 1, b.cap - b.len - 1, f);
        b.len += n;
        b.data[b.len] = 0;
        if (n == 0) break;
    }
    if (ferror(f)) {
        tc_diag_emit(diag, TC_LOG_ERROR, path, 0, "read error");
        st = TC_EIO;
    }
    if (f != stdin) fclose(f);
    if (st == TC_OK) st = tc_conllu_parse(b.data, b.len, path, out, diag);
    else if (st == TC_ENOMEM) tc_diag_emit(diag, TC_LOG_ERROR, path, 0, "out of memory");
    tc_buf_free(&b);
    return st;
}

/* ---- writer ---- */

static tc_status put_field(tc_buf *o, const char *s)
{
    return tc_buf_puts(o, s && *s ? s : "_");
}

size_t tc_conllu_ntokens(const tc_sentence *s)
{
    size_t n = 0;
    for (uint32_t i = 0; i < s->ntok;) {
        uint32_t l = s->tok[i].mwt_len > 1 ? s->tok[i].mwt_len : 1;
        i += l;
        n++;
    }
    return n;
}

tc_status tc_conllu_write_sentence(const tc_doc *doc, const tc_sentence *s, size_t index,
                                   unsigned flags, tc_buf *o)
{
    tc_status st = TC_OK;
    if (s->id)
        st = tc_buf_printf(o, "# sent_id = %s\n", s->id);
    else if (flags & TC_CONLLU_IDS)
        st = tc_buf_printf(o, "# sent_id = %zu\n", index + 1);
    if (st) return st;
    if (!(flags & TC_CONLLU_NOTEXT)) {
        if (s->text) {
            st = tc_buf_printf(o, "# text = %s\n", s->text);
        } else if (doc && doc->text && s->end > s->start && s->end <= doc->text_len) {
            st = tc_buf_puts(o, "# text = ");
            for (uint32_t i = s->start; !st && i < s->end; i++) {
                char c = doc->text[i];
                if (c == '\n' || c == '\r' || c == '\t') c = ' ';
                st = tc_buf_putc(o, c);
            }
            if (!st) st = tc_buf_putc(o, '\n');
        }
        if (st) return st;
    }
    uint32_t mwt_last = 0;
    for (uint32_t i = 0; i < s->ntok; i++) {
        const tc_token *t = &s->tok[i];
        if (t->mwt_len > 1 && i + t->mwt_len <= s->ntok) {
            const tc_token *last = &s->tok[i + t->mwt_len - 1];
            st = tc_buf_printf(o, "%u-%u\t", (unsigned)i + 1, (unsigned)(i + t->mwt_len));
            if (!st) st = put_field(o, t->mwt_form ? t->mwt_form : t->form);
            if (!st)
                st = tc_buf_puts(o, last->space_after ? "\t_\t_\t_\t_\t_\t_\t_\t_\n"
                                                      : "\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n");
            if (st) return st;
            mwt_last = i + t->mwt_len;
        }
        st = tc_buf_printf(o, "%u\t", (unsigned)i + 1);
        if (!st) st = put_field(o, t->form);
        if (!st) st = tc_buf_putc(o, '\t');
        if (!st) st = put_field(o, t->lemma);
        if (!st) st = tc_buf_putc(o, '\t');
        if (!st) st = put_field(o, t->upos);
        if (!st) st = tc_buf_putc(o, '\t');
        if (!st) st = put_field(o, t->xpos);
        if (!st) st = tc_buf_putc(o, '\t');
        if (!st) st = put_field(o, t->feats);
        if (!st) {
            if (t->head >= 0)
                st = tc_buf_printf(o, "\t%d\t", (int)t->head);
            else
                st = tc_buf_puts(o, "\t_\t");
        }
        if (!st) st = put_field(o, t->deprel);
        if (!st) st = tc_buf_puts(o, "\t_\t");
        if (st) return st;
        int inside = i + 1 <= mwt_last;
        int nospace = !inside && !t->space_after;
        if (t->misc && *t->misc) {
            st = tc_buf_puts(o, t->misc);
            if (!st && nospace) st = tc_buf_puts(o, "|SpaceAfter=No");
        } else {
            st = tc_buf_puts(o, nospace ? "SpaceAfter=No" : "_");
        }
        if (!st) st = tc_buf_putc(o, '\n');
        if (st) return st;
    }
    return tc_buf_putc(o, '\n');
}

tc_status tc_conllu_write(const tc_doc *doc, unsigned flags, tc_buf *o)
{
    for (uint32_t i = 0; i < doc->nsent; i++) {
        const tc_sentence *s = &doc->sent[i];
        if (!(flags & TC_CONLLU_NOPAR)) {
            char key[48];
            snprintf(key, sizeof key, "conllu.newdoc.%u", (unsigned)i);
            const char *nd = doc->nmeta ? tc_doc_meta_get(doc, key) : NULL;
            tc_status st = TC_OK;
            if (nd) st = tc_buf_printf(o, "# newdoc id = %s\n", nd);
            if (!st && i > 0 && s->para != doc->sent[i - 1].para) st = tc_buf_puts(o, "# newpar\n");
            if (st) return st;
        }
        tc_status st = tc_conllu_write_sentence(doc, s, i, flags, o);
        if (st) return st;
    }
    return TC_OK;
}
