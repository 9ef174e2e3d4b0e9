/* html.c - charset conversion and HTML article extraction (see html.h). */
#include "html.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/utf8.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>

#include "../core/doc.h"
#include "pubdate.h"

/* ====================================================================== */
/* charsets                                                               */
/* ====================================================================== */

static const uint16_t cp1252_hi[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

/* Length of a valid UTF-8 sequence at p (1..4), or 0 if invalid. */
static size_t utf8_len(const unsigned char *p, size_t n)
{
    int32_t cp;
    size_t k = tc_utf8_decode((const char *)p, n, &cp);
    return cp < 0 ? 0 : k;
}

/* length of the ASCII run at the start of p[0..n) (8 bytes at a time) */
static size_t ascii_run(const unsigned char *p, size_t n)
{
    size_t i = 0;
    while (i + 8 <= n) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        if (w & 0x8080808080808080ULL) break;
        i += 8;
    }
    while (i < n && p[i] < 0x80) i++;
    return i;
}

/* counts of valid multibyte and invalid sequences */
static void utf8_check(const char *s, size_t n, size_t *multi, size_t *bad)
{
    const unsigned char *p = (const unsigned char *)s, *e = p + n;
    *multi = *bad = 0;
    while (p < e) {
        p += ascii_run(p, (size_t)(e - p));
        if (p >= e) break;
        size_t k = utf8_len(p, (size_t)(e - p));
        if (k) {
            (*multi)++;
            p += k;
        } else {
            (*bad)++;
            p++;
        }
    }
}

static void norm_charset(const char *in, size_t n, char *out, size_t cap)
{
    size_t k = 0;
    while (n && (*in == ' ' || *in == '"' || *in == '\'')) in++, n--;
    for (size_t i = 0; i < n && k + 1 < cap; i++) {
        char c = in[i];
        if (c == '"' || c == '\'' || c == ';' || c == ' ' || c == '>' || c == '/') break;
        out[k++] = (char)tolower((unsigned char)c);
    }
    out[k] = 0;
    if (!strcmp(out, "utf8") || !strcmp(out, "unicode-1-1-utf-8") || !strcmp(out, "x-unicode20utf8"))
        snprintf(out, cap, "utf-8");
    else if (!strcmp(out, "latin1") || !strcmp(out, "iso8859-1") || !strcmp(out, "iso_8859-1") ||
             !strcmp(out, "l1") || !strcmp(out, "us-ascii") || !strcmp(out, "ascii") ||
             !strcmp(out, "cp1252") || !strcmp(out, "x-cp1252") || !strcmp(out, "iso-8859-1"))
        snprintf(out, cap, "windows-1252"); /* as browsers do */
    else if (!strcmp(out, "win-1251") || !strcmp(out, "cp1251")) snprintf(out, cap, "windows-1251");
    else if (!strcmp(out, "gb2312") || !strcmp(out, "gbk")) snprintf(out, cap, "gb18030");
    else if (!strcmp(out, "shift-jis") || !strcmp(out, "sjis") || !strcmp(out, "x-sjis"))
        snprintf(out, cap, "shift_jis");
}

static const char *memcasestr(const char *h, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    if (k == 0 || n < k) return NULL;
    for (size_t i = 0; i + k <= n; i++) {
        if (tolower((unsigned char)h[i]) != needle[0]) continue;
        size_t j = 1;
        while (j < k && tolower((unsigned char)h[i + j]) == needle[j]) j++;
        if (j == k) return h + i;
    }
    return NULL;
}

/* <meta charset="x"> or <meta http-equiv content="text/html; charset=x"> */
static int meta_charset(const char *p, size_t n, char *out, size_t cap)
{
    const char *e = p + (n > 8192 ? 8192 : n);
    const char *q = p;
    while (q < e) {
        const char *m = memcasestr(q, (size_t)(e - q), "<meta");
        if (!m) return 0;
        const char *gt = memchr(m, '>', (size_t)(e - m));
        if (!gt) return 0;
        const char *cs = memcasestr(m, (size_t)(gt - m), "charset");
        if (cs) {
            cs += 7;
            while (cs < gt && (*cs == ' ' || *cs == '=')) cs++;
            norm_charset(cs, (size_t)(gt - cs), out, cap);
            if (out[0]) return 1;
        }
        q = gt;
    }
    return 0;
}

static int single_byte_latin(const char *cs)
{
    return !strcmp(cs, "windows-1252") || !strcmp(cs, "iso-8859-15") || !strcmp(cs, "latin9");
}

void tc_html_sniff_charset(const char *p, size_t n, const char *hint, char *name, size_t cap)
{
    const unsigned char *u = (const unsigned char *)p;
    if (cap == 0) return;
    if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        snprintf(name, cap, "utf-8");
        return;
    }
    if (n >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
        snprintf(name, cap, "utf-16le");
        return;
    }
    if (n >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
        snprintf(name, cap, "utf-16be");
        return;
    }
    char decl[64] = "";
    if (hint && *hint) norm_charset(hint, strlen(hint), decl, sizeof decl);
    if (!decl[0]) meta_charset(p, n, decl, sizeof decl);
    if (!strncmp(decl, "utf-16", 6)) decl[0] = 0; /* no BOM: a lie in an 8-bit page */
    size_t multi, bad;
    utf8_check(p, n, &multi, &bad);
    if (!decl[0]) {
        snprintf(name, cap, "%s", bad == 0 || bad * 20 < multi ? "utf-8" : "windows-1252");
        return;
    }
    if (!strcmp(decl, "utf-8") && bad > 0 && bad * 4 > multi) {
        snprintf(name, cap, "windows-1252");
        return;
    }
    if (single_byte_latin(decl) && multi > 0 && bad == 0) {
        snprintf(name, cap, "utf-8");
        return;
    }
    snprintf(name, cap, "%s", decl);
}

static tc_status put_cp(tc_buf *out, uint32_t c)
{
    char b[4];
    size_t k;
    if (c < 0x80) {
        b[0] = (char)c;
        k = 1;
    } else if (c < 0x800) {
        b[0] = (char)(0xC0 | (c >> 6));
        b[1] = (char)(0x80 | (c & 0x3F));
        k = 2;
    } else if (c < 0x10000) {
        b[0] = (char)(0xE0 | (c >> 12));
        b[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        b[2] = (char)(0x80 | (c & 0x3F));
        k = 3;
    } else {
        b[0] = (char)(0xF0 | (c >> 18));
        b[1] = (char)(0x80 | ((c >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((c >> 6) & 0x3F));
        b[3] = (char)(0x80 | (c & 0x3F));
        k = 4;
    }
    return tc_buf_append(out, b, k);
}

static tc_status utf8_repair(const char *s, size_t n, tc_buf *out, size_t *rep)
{
    const unsigned char *p = (const unsigned char *)s, *e = p + n;
    if (tc_buf_reserve(out, n + 16) != TC_OK) return TC_ENOMEM;
    while (p < e) {
        const unsigned char *q = p + ascii_run(p, (size_t)(e - p));
        const unsigned char *z = memchr(p, 0, (size_t)(q - p));
        if (z) q = z;
        if (q > p && tc_buf_append(out, p, (size_t)(q - p)) != TC_OK) return TC_ENOMEM;
        p = q;
        if (p >= e) break;
        if (*p == 0) {
            p++;
            (*rep)++;
            continue;
        }
        size_t k = utf8_len(p, (size_t)(e - p));
        if (k) {
            if (tc_buf_append(out, p, k) != TC_OK) return TC_ENOMEM;
            p += k;
        } else {
            if (put_cp(out, 0xFFFD) != TC_OK) return TC_ENOMEM;
            (*rep)++;
            p++;
        }
    }
    return TC_OK;
}

static tc_status latin_to_utf8(const char *s, size_t n, int cp1252, tc_buf *out, size_t *rep)
{
    if (tc_buf_reserve(out, 3 * n + 16) != TC_OK) return TC_ENOMEM;
    unsigned char *o = (unsigned char *)out->data + out->len;
    for (size_t i = 0; i < n; i++) {
        unsigned c = (unsigned char)s[i];
        if (c < 0x80) {
            if (c) *o++ = (unsigned char)c;
            else (*rep)++;
            continue;
        }
        uint32_t cp = (cp1252 && c < 0xA0) ? cp1252_hi[c - 0x80] : c;
        if (cp < 0x800) {
            *o++ = (unsigned char)(0xC0 | (cp >> 6));
            *o++ = (unsigned char)(0x80 | (cp & 0x3F));
        } else {
            *o++ = (unsigned char)(0xE0 | (cp >> 12));
            *o++ = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
            *o++ = (unsigned char)(0x80 | (cp & 0x3F));
        }
    }
    out->len = (size_t)((char *)o - out->data);
    out->data[out->len] = 0;
    return TC_OK;
}

static tc_status iconv_to_utf8(const char *s, size_t n, const char *cs, tc_buf *out, size_t *rep,
                               int *unknown)
{
    iconv_t cd = iconv_open("UTF-8", cs);
    if (cd == (iconv_t)-1) {
        *unknown = 1;
        return utf8_repair(s, n, out, rep);
    }
    tc_buf tmp = TC_BUF_INIT;
    tc_status st = TC_OK;
    char *in = (char *)(uintptr_t)s;
    size_t inleft = n;
    while (inleft > 0) {
        if (tc_buf_reserve(&tmp, inleft * 2 + 64) != TC_OK) {
            st = TC_ENOMEM;
            break;
        }
        char *o = tmp.data + tmp.len;
        size_t oleft = tmp.cap - tmp.len - 1;
        size_t r = iconv(cd, &in, &inleft, &o, &oleft);
        tmp.len = (size_t)(o - tmp.data);
        tmp.data[tmp.len] = 0;
        if (r == (size_t)-1) {
            if (errno == E2BIG) continue;
            /* invalid or incomplete: replace one byte */
            if (put_cp(&tmp, 0xFFFD) != TC_OK) {
                st = TC_ENOMEM;
                break;
            }
            (*rep)++;
            in++;
            inleft--;
            iconv(cd, NULL, NULL, NULL, NULL);
        }
    }
    iconv_close(cd);
    if (st == TC_OK) st = utf8_repair(tmp.data ? tmp.data : "", tmp.len, out, rep);
    tc_buf_free(&tmp);
    return st;
}

tc_status tc_html_to_utf8(const char *p, size_t n, const char *charset, tc_buf *out,
                          size_t *repaired)
{
    size_t rep = 0;
    tc_status st;
    char cs[64];
    norm_charset(charset ? charset : "utf-8", charset ? strlen(charset) : 5, cs, sizeof cs);
    const unsigned char *u = (const unsigned char *)p;
    if (!strcmp(cs, "utf-8")) {
        if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) p += 3, n -= 3;
        st = utf8_repair(p, n, out, &rep);
    } else if (!strcmp(cs, "windows-1252")) {
        st = latin_to_utf8(p, n, 1, out, &rep);
    } else {
        int unknown = 0;
        st = iconv_to_utf8(p, n, cs, out, &rep, &unknown);
        if (st == TC_OK && unknown) st = TC_EFORMAT;
    }
    if (repaired) *repaired = rep;
    if (tc_buf_append(out, "", 0) != TC_OK) return TC_ENOMEM;
    return st;
}

tc_status tc_html_decode(const char *p, size_t n, const char *hint, tc_buf *out,
                         char *charset_out, size_t cap, size_t *repaired)
{
    char cs[64];
    tc_html_sniff_charset(p, n, hint, cs, sizeof cs);
    if (charset_out && cap) snprintf(charset_out, cap, "%s", cs);
    tc_status st = tc_html_to_utf8(p, n, cs, out, repaired);
    if (st == TC_EFORMAT && charset_out && cap) snprintf(charset_out, cap, "utf-8");
    return st == TC_EFORMAT ? TC_OK : st;
}

/* ====================================================================== */
/* DOM helpers                                                            */
/* ====================================================================== */

#define NAME(n) ((const char *)(n)->name)

static const char *attr(const xmlNode *n, const char *name)
{
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        if (a->name && !strcmp((const char *)a->name, name)) {
            if (a->children && a->children->type == XML_TEXT_NODE && a->children->content)
                return (const char *)a->children->content;
            return "";
        }
    }
    return NULL;
}

static int is_tag(const xmlNode *n, const char *t)
{
    return n && n->type == XML_ELEMENT_NODE && n->name && !strcmp(NAME(n), t);
}

static int tag_in(const char *name, const char *const *set)
{
    for (; *set; set++)
        if (!strcmp(name, *set)) return 1;
    return 0;
}

static const char *const kill_tags[] = {
    "script", "style", "noscript", "iframe", "svg", "canvas",
    "template", "object", "embed", "video", "audio", "map", "dialog", "menu", "button",
    "select", "input", "textarea", "option", "head", "link", "meta", "figure", "figcaption",
    "picture", "img", "source", "frameset", "frame", "math", "label", "fieldset", "address",
    "form", NULL};

static const char *const inline_tags[] = {
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i", "kbd",
    "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var",
    "wbr", "big", "tt", "strike", "del", "ins", "nobr", "acronym", NULL};

static int is_inline(const char *name) { return tag_in(name, inline_tags); }

/* lowercase class + " " + id into buf */
static void class_id(const xmlNode *n, char *buf, size_t cap)
{
    const char *c = attr(n, "class");
    const char *i = attr(n, "id");
    size_t k = 0;
    for (int pass = 0; pass < 2; pass++) {
        const char *s = pass ? i : c;
        if (!s) continue;
        if (k + 1 < cap) buf[k++] = ' ';
        for (; *s && k + 2 < cap; s++) buf[k++] = (char)tolower((unsigned char)*s);
    }
    if (k + 1 < cap) buf[k++] = ' ';
    buf[k] = 0;
}

static int has_any(const char *s, const char *const *pats)
{
    for (; *pats; pats++)
        if (strstr(s, *pats)) return 1;
    return 0;
}

/* boilerplate class/id fragments: strong ones are removed whatever they hold
 * (unless most of the article), weak ones only when they look like boilerplate
 * (links, little text, no paragraph) */
static const char *const neg_strong[] = {
    "share", "social", "related", "newsletter", "subscri", "promo", "advert", "outbrain",
    "taboola", "cookie", "comment", "disqus", "recommend", "sponsor", "breadcrumb", "popular",
    "trending", "signup", "sign-up", "paywall", "most-read", "mostread", "more-stories",
    "read-more", "readmore", "further-reading", "tag-list", "taglist", "byline", "author",
    "caption", "credit", "toolbar", "modal", "popup", "newsletter", "inline-ad", " ad ", " ad-",
    "-ad ", "-ads", " ads", "ad-container", "adslot", "ad_", "_ad ", "see-also", "also-read",
    "follow", "facebook", "twitter", "whatsapp", "linkedin", "pinterest", "contributor",
    "dateline", "timestamp", "enlarge", "pagination", "pager", NULL};

static const char *const neg_weak[] = {
    "skip", "hidden", "overlay", "banner", "masthead", "sidebar", "widget", "footer", "header",
    "navigation", " nav", "nav ", "-nav", "nav-", "menu", "publish", "meta ", "-meta", "meta-",
    "gallery", "slideshow", "video", "player", "embed", "rating", "next-", "prev-", "also-",
    "secondary", "supplement", "rail", "teaser", "card", "email", "disclaimer", "correction",
    "bio", "headline", "kicker", "eyebrow", "photo", "image", "figure", "media", "topics",
    "tags ", "print-", "jump", "label", NULL};

static const char *const pos_words[] = {
    "article", "body", "content", "entry", "main", "story", "post", "text", "blog", "hentry",
    "page", NULL};

static const char *const body_hints[] = {
    "articlebody", "article-body", "article_body", "article__body", "story-body", "storybody",
    "story_body", "entry-content", "post-content", "article-content", "article__content",
    "articlecontent", "story-content", "post-body", "postbody", "content-body", "body-text",
    "bodytext", "article-text", "articletext", "story-text", "storytext", "td-post-content",
    "article_content", "entry_content", "post_content", "text-body", "news-text", "newstext", "news-body", "article__text", "body-copy",
    "story__body", "paywall-article", "rich-text", "richtext", "field-body", "field-item",
    NULL};

/* per-node statistics, indexed through node->_private */
typedef struct nstat {
    double score;
    uint32_t text;   /* visible characters in the subtree */
    uint32_t link;   /* of which inside <a> */
    uint32_t paras;  /* p-like descendants with real text */
    uint32_t commas;
    uint8_t cand, killed;
} nstat;

typedef struct ctx {
    nstat *st;
    size_t nst, cap;
    int oom;
} ctx;

static nstat *S(ctx *c, xmlNode *n)
{
    uintptr_t i = (uintptr_t)n->_private;
    if (i == 0 || i > c->nst) return NULL;
    return &c->st[i - 1];
}

static nstat *S_new(ctx *c, xmlNode *n)
{
    nstat *s = S(c, n);
    if (s) return s;
    if (c->nst == c->cap) {
        size_t nc = c->cap ? c->cap * 2 : 1024;
        nstat *p = tc_reallocarray(c->st, nc, sizeof *p);
        if (!p) {
            c->oom = 1;
            return NULL;
        }
        c->st = p;
        c->cap = nc;
    }
    memset(&c->st[c->nst], 0, sizeof(nstat));
    c->nst++;
    n->_private = (void *)(uintptr_t)c->nst;
    return &c->st[c->nst - 1];
}

/* visible characters (whitespace runs count once) */
static uint32_t vis_len(const char *s, uint32_t *commas)
{
    uint32_t k = 0;
    int sp = 1;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r') {
            if (!sp) k++;
            sp = 1;
        } else {
            if ((*p & 0xC0) != 0x80) k++;
            if (*p == ',') (*commas)++;
            sp = 0;
        }
    }
    return k;
}

static int style_hidden(const xmlNode *n)
{
    const char *st = attr(n, "style");
    if (st) {
        char b[256];
        size_t k = 0;
        for (; *st && k + 1 < sizeof b; st++)
            if (*st != ' ') b[k++] = (char)tolower((unsigned char)*st);
        b[k] = 0;
        if (strstr(b, "display:none") || strstr(b, "visibility:hidden")) return 1;
    }
    if (attr(n, "hidden")) return 1;
    const char *ah = attr(n, "aria-hidden");
    if (ah && !strcmp(ah, "true")) return 1;
    return 0;
}

static int hoist_tag(const char *nm)
{
    static const char *const t[] = {"meta", "link", "script", "style", "head", "img", "input",
                                    "source", "title", "embed", NULL};
    return tag_in(nm, t);
}

static int has_element_child(const xmlNode *n)
{
    for (const xmlNode *g = n->children; g; g = g->next)
        if (g->type == XML_ELEMENT_NODE) return 1;
    return 0;
}

/* pass 1: remove junk; compute text/link/commas bottom-up */
static void prune(ctx *c, xmlNode *n, int depth, int in_link)
{
    xmlNode *ch = n->children;
    nstat *s = S_new(c, n);
    if (!s) return;
    while (ch) {
        xmlNode *next = ch->next;
        if (ch->type == XML_ELEMENT_NODE) {
            const char *nm = NAME(ch);
            int kill = tag_in(nm, kill_tags) || depth > 400 || style_hidden(ch);
            if (kill && !strcmp(nm, "form")) {
                /* ASP.NET pages wrap everything in a form: keep big ones */
                kill = 0;
            }
            if (kill && depth <= 400 && hoist_tag(nm) && has_element_child(ch)) {
                /* libxml2's recovery sometimes nests the page inside a void
                 * or raw-text element (<meta>, <link>, <script>): keep the
                 * element children, drop the element */
                xmlNode *first = NULL;
                for (xmlNode *g = ch->children; g;) {
                    xmlNode *gn = g->next;
                    if (g->type == XML_ELEMENT_NODE) {
                        xmlUnlinkNode(g);
                        xmlAddPrevSibling(ch, g);
                        if (!first) first = g;
                    }
                    g = gn;
                }
                xmlUnlinkNode(ch);
                xmlFreeNode(ch);
                ch = first;
                continue;
            }
            if (kill) {
                xmlUnlinkNode(ch);
                xmlFreeNode(ch);
            } else {
                prune(c, ch, depth + 1, in_link || !strcmp(nm, "a"));
                nstat *cs = S(c, ch);
                if (cs) {
                    s = S(c, n);
                    s->text += cs->text;
                    s->link += cs->link;
                    s->commas += cs->commas;
                    s->paras += cs->paras;
                }
            }
        } else if (ch->type == XML_TEXT_NODE || ch->type == XML_CDATA_SECTION_NODE) {
            uint32_t cm = 0;
            uint32_t l = ch->content ? vis_len((const char *)ch->content, &cm) : 0;
            s = S(c, n);
            s->text += l;
            s->commas += cm;
            if (in_link) s->link += l;
        } else {
            xmlUnlinkNode(ch);
            xmlFreeNode(ch);
        }
        ch = next;
    }
    s = S(c, n);
    if (s && (is_tag(n, "p") || is_tag(n, "pre") || is_tag(n, "blockquote")) && s->text >= 40)
        s->paras++;
}

static int body_hint_match(const xmlNode *n)
{
    const char *ip = attr(n, "itemprop");
    if (ip && strstr(ip, "articleBody")) return 2;
    char ci[512];
    class_id(n, ci, sizeof ci);
    if (has_any(ci, body_hints)) return 1;
    return 0;
}

/* pass 2: remove boilerplate containers by class/id and link density */
static void prune_boiler(ctx *c, xmlNode *n, int depth, uint32_t total)
{
    xmlNode *ch = n->children;
    while (ch) {
        xmlNode *next = ch->next;
        if (ch->type == XML_ELEMENT_NODE && depth < 400) {
            nstat *s = S(c, ch);
            const char *nm = NAME(ch);
            int kill = 0;
            if (s && strcmp(nm, "body") && strcmp(nm, "html") && strcmp(nm, "article") &&
                strcmp(nm, "main") && !body_hint_match(ch)) {
                char ci[512];
                class_id(ch, ci, sizeof ci);
                if (ci[1] && has_any(ci, neg_strong)) {
                    kill = 1;
                    if (s->paras >= 5 && (double)s->link < 0.2 * s->text &&
                        has_any(ci, pos_words))
                        kill = 0;
                } else if (ci[1] && has_any(ci, neg_weak) && strcmp(nm, "tr") && strcmp(nm, "td") &&
                           strcmp(nm, "th") && strcmp(nm, "tbody") && strcmp(nm, "table")) {
                    if (s->paras == 0 || s->text < 100 || (double)s->link > 0.3 * s->text)
                        kill = 1;
                }
                if (!strcmp(nm, "header") && s->paras < 2) kill = 1;
                if ((!strcmp(nm, "nav") || !strcmp(nm, "aside") || !strcmp(nm, "footer") ||
                     !strcmp(nm, "form")) &&
                    s->paras < 5)
                    kill = 1; /* unless they hold the article (misnesting, ASP.NET forms) */
                if (!kill && s->text > 0 && (!strcmp(nm, "ul") || !strcmp(nm, "ol")) &&
                    (double)s->link > 0.5 * s->text)
                    kill = 1;
                if (!kill && s->text > 0 && s->paras == 0 && (double)s->link > 0.6 * s->text &&
                    !is_inline(nm))
                    kill = 1;
            }
            if (kill && s->text * 10 > total * 6) kill = 0; /* most of the article */
            if (kill) {
                /* fix ancestors' counts */
                for (xmlNode *a = n; a; a = a->parent) {
                    nstat *as = a->type == XML_ELEMENT_NODE ? S(c, a) : NULL;
                    if (!as) continue;
                    as->text -= s->text < as->text ? s->text : as->text;
                    as->link -= s->link < as->link ? s->link : as->link;
                    as->paras -= s->paras < as->paras ? s->paras : as->paras;
                    as->commas -= s->commas < as->commas ? s->commas : as->commas;
                }
                xmlUnlinkNode(ch);
                xmlFreeNode(ch);
            } else {
                prune_boiler(c, ch, depth + 1, total);
            }
        }
        ch = next;
    }
}

static double class_weight(const xmlNode *n)
{
    char ci[512];
    class_id(n, ci, sizeof ci);
    if (!ci[1]) return 0;
    double w = 0;
    if (has_any(ci, body_hints)) w += 50;
    else if (has_any(ci, pos_words)) w += 25;
    if (has_any(ci, neg_strong)) w -= 25;
    else if (has_any(ci, neg_weak)) w -= 10;
    return w;
}

static void init_cand(ctx *c, xmlNode *n)
{
    nstat *s = S(c, n);
    if (!s || s->cand) return;
    s->cand = 1;
    const char *nm = NAME(n);
    double sc = 0;
    if (!strcmp(nm, "div") || !strcmp(nm, "article") || !strcmp(nm, "section") ||
        !strcmp(nm, "main"))
        sc = 5;
    else if (!strcmp(nm, "pre") || !strcmp(nm, "td") || !strcmp(nm, "blockquote"))
        sc = 3;
    else if (!strcmp(nm, "ol") || !strcmp(nm, "ul") || !strcmp(nm, "li") || !strcmp(nm, "dl") ||
             !strcmp(nm, "form"))
        sc = -3;
    else if (nm[0] == 'h' && nm[1] >= '1' && nm[1] <= '6' && !nm[2])
        sc = -5;
    if (!strcmp(nm, "article")) sc += 10;
    const char *ip = attr(n, "itemprop");
    if (ip && strstr(ip, "articleBody")) sc += 50;
    s->score = sc + class_weight(n);
}

static void add_para(ctx *c, xmlNode *from, uint32_t len, uint32_t commas, uint32_t link)
{
    if (len < 25) return;
    double sc = 1 + commas + (len / 100.0 > 3 ? 3 : len / 100.0);
    sc *= 1.0 - (double)link / len;
    xmlNode *a = from;
    for (int lvl = 0; a && a->type == XML_ELEMENT_NODE && lvl < 3; lvl++, a = a->parent) {
        init_cand(c, a);
        nstat *as = S(c, a);
        if (as) as->score += sc / (lvl == 0 ? 1 : lvl == 1 ? 2 : 6);
    }
}

static int p_like(const char *nm)
{
    return !strcmp(nm, "p") || !strcmp(nm, "pre") || !strcmp(nm, "blockquote");
}

static const char *const bad_region[] = {
    "comment", "related", "sidebar", "footer", "recommend", "promo", "newsletter", "popular",
    "trending", "outbrain", "taboola", "disqus", "most-read", "mostread", "more-stories",
    "rail", "teaser", "signup", "sign-up", "subscri", NULL};

static void score_paras(ctx *c, xmlNode *n, int depth)
{
    for (xmlNode *ch = n->children; ch; ch = ch->next) {
        if (ch->type != XML_ELEMENT_NODE) continue;
        const char *nm = NAME(ch);
        nstat *s = S(c, ch);
        if (!s) continue;
        if (strcmp(nm, "body") && strcmp(nm, "html") && strcmp(nm, "article") &&
            strcmp(nm, "main") && !body_hint_match(ch)) {
            char ci[512];
            class_id(ch, ci, sizeof ci);
            if (ci[1] && has_any(ci, bad_region)) continue; /* nothing in here scores */
            if ((!strcmp(nm, "nav") || !strcmp(nm, "aside") || !strcmp(nm, "footer")) &&
                s->paras < 5)
                continue;
        }
        if (p_like(nm)) {
            add_para(c, ch->parent, s->text, s->commas, s->link);
        } else if (!is_inline(nm)) {
            /* text held directly (br-separated lines): virtual paragraphs of ch */
            uint32_t len = 0, cm = 0, lk = 0;
            for (xmlNode *g = ch->children;; g = g->next) {
                int end = !g;
                if (g && (g->type == XML_TEXT_NODE || g->type == XML_CDATA_SECTION_NODE)) {
                    if (g->content) len += vis_len((const char *)g->content, &cm);
                } else if (g && g->type == XML_ELEMENT_NODE) {
                    nstat *gs = S(c, g);
                    if (is_inline(NAME(g)) && gs) {
                        len += gs->text;
                        cm += gs->commas;
                        lk += gs->link;
                    } else {
                        end = 1;
                    }
                }
                if (end) {
                    add_para(c, ch, len, cm, lk);
                    len = cm = lk = 0;
                }
                if (!g) break;
            }
        }
        if (depth < 400) score_paras(c, ch, depth + 1);
    }
}

static void best_cand(ctx *c, xmlNode *n, xmlNode **best, double *bs, int depth)
{
    for (xmlNode *ch = n->children; ch; ch = ch->next) {
        if (ch->type != XML_ELEMENT_NODE) continue;
        nstat *s = S(c, ch);
        if (!s) continue;
        if (s->cand && s->text > 0) {
            double f = s->score * (1.0 - (double)s->link / s->text);
            if (f > *bs) {
                *bs = f;
                *best = ch;
            }
        }
        if (depth < 400) best_cand(c, ch, best, bs, depth + 1);
    }
}

static void find_hint(ctx *c, xmlNode *n, xmlNode **best, uint32_t *bt, int *bk, int depth)
{
    for (xmlNode *ch = n->children; ch; ch = ch->next) {
        if (ch->type != XML_ELEMENT_NODE) continue;
        int k = body_hint_match(ch);
        nstat *s = S(c, ch);
        if (k && s && s->text > 0) {
            if (k > *bk || (k == *bk && s->text > *bt)) {
                *bk = k;
                *bt = s->text;
                *best = ch;
            }
        }
        if (depth < 400) find_hint(c, ch, best, bt, bk, depth + 1);
    }
}

/* ---------------- text output ---------------- */

typedef struct blk {
    size_t start, len;
    uint32_t chars, link;
    uint8_t heading, li;
} blk;

typedef struct emit {
    tc_buf text;
    blk *b;
    size_t nb, cap;
    size_t cur;   /* start of the open block in text */
    uint32_t chars, link;
    int heading, li;
    int sp;       /* last emitted char was a space */
    int oom;
} emit;

static void close_block(emit *e)
{
    /* trim trailing space */
    while (e->text.len > e->cur && e->text.data[e->text.len - 1] == ' ') e->text.len--;
    if (e->text.data) e->text.data[e->text.len] = 0;
    if (e->text.len > e->cur && e->chars > 0) {
        if (e->nb == e->cap) {
            size_t nc = e->cap ? e->cap * 2 : 64;
            blk *p = tc_reallocarray(e->b, nc, sizeof *p);
            if (!p) {
                e->oom = 1;
                return;
            }
            e->b = p;
            e->cap = nc;
        }
        blk *b = &e->b[e->nb++];
        b->start = e->cur;
        b->len = e->text.len - e->cur;
        b->chars = e->chars;
        b->link = e->link;
        b->heading = (uint8_t)e->heading;
        b->li = (uint8_t)e->li;
    } else {
        e->text.len = e->cur;
        if (e->text.data) e->text.data[e->text.len] = 0;
    }
    e->cur = e->text.len;
    e->chars = e->link = 0;
    e->heading = e->li = 0;
    e->sp = 1;
}

static void reset_emit(emit *e, tc_buf *out)
{
    tc_buf_clear(&e->text);
    e->nb = 0;
    e->cur = 0;
    e->chars = e->link = 0;
    e->heading = e->li = 0;
    e->sp = 1;
    tc_buf_clear(out);
}

static void emit_text(emit *e, const char *s, int in_link)
{
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        const unsigned char *q = p;
        while (*q && *q != ' ' && *q != '\n' && *q != '\t' && *q != '\r' && *q != '\f') q++;
        if (q > p) {
            if (!e->sp && tc_buf_putc(&e->text, ' ') != TC_OK) e->oom = 1;
            /* U+00A0 counts as text here; fine for tokens */
            if (tc_buf_append(&e->text, p, (size_t)(q - p)) != TC_OK) e->oom = 1;
            uint32_t k = 0;
            for (const unsigned char *r = p; r < q; r++) k += (*r & 0xC0) != 0x80;
            e->chars += k;
            if (in_link) e->link += k;
            e->sp = 0;
            p = q;
        }
        if (*p) {
            if (!e->sp) e->sp = 2; /* pending space */
            p++;
        }
        if (e->sp == 2) {
            if (tc_buf_putc(&e->text, ' ') != TC_OK) e->oom = 1;
            e->sp = 1;
        }
    }
}

static void walk_emit(emit *e, xmlNode *n, int in_link, int depth)
{
    for (xmlNode *ch = n->children; ch; ch = ch->next) {
        if (ch->type == XML_TEXT_NODE || ch->type == XML_CDATA_SECTION_NODE) {
            if (ch->content) emit_text(e, (const char *)ch->content, in_link);
        } else if (ch->type == XML_ELEMENT_NODE && depth < 400) {
            const char *nm = NAME(ch);
            if (is_inline(nm)) {
                walk_emit(e, ch, in_link || !strcmp(nm, "a"), depth + 1);
            } else {
                close_block(e);
                if (nm[0] == 'h' && nm[1] >= '1' && nm[1] <= '6' && !nm[2]) e->heading = 1;
                if (!strcmp(nm, "li")) e->li = 1;
                walk_emit(e, ch, in_link, depth + 1);
                close_block(e);
            }
        }
    }
}

static int starts_ci(const char *s, size_t n, const char *p)
{
    size_t k = strlen(p);
    if (n < k) return 0;
    for (size_t i = 0; i < k; i++)
        if (tolower((unsigned char)s[i]) != p[i]) return 0;
    return 1;
}

static const char *const junk_lines[] = {
    "advertisement", "read more", "related:", "related articles", "share this", "follow us",
    "sign up", "subscribe", "click here", "photo:", "image:", "(photo", "copyright", "©",
    "all rights reserved", "story continues", "continue reading", "recommended", "skip ",
    "this article", "we want to hear", "listen to this", "sponsored", "loading", "getty images",
    "associated press contributed", "reporting by", "editing by", "advertisement", NULL};

static int junk_block(const char *s, size_t n, uint32_t chars)
{
    if (chars > 200) return 0;
    for (const char *const *j = junk_lines; *j; j++)
        if (starts_ci(s, n, *j)) return 1;
    return 0;
}

static void collect_text(emit *e, const char *title, tc_buf *out)
{
    size_t tl = title ? strlen(title) : 0;
    for (size_t i = 0; i < e->nb; i++) {
        blk *b = &e->b[i];
        const char *s = e->text.data + b->start;
        if (b->chars && (double)b->link > 0.5 * b->chars) continue;
        if (junk_block(s, b->len, b->chars)) continue;
        if (b->heading && tl && b->len == tl && !memcmp(s, title, tl)) continue;
        if (out->len) tc_buf_append(out, "\n\n", 2);
        tc_buf_append(out, s, b->len);
    }
}

/* ---------------- metadata ---------------- */

static char *dup_trim(const char *s)
{
    if (!s) return NULL;
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r')) n--;
    if (!n) return NULL;
    /* collapse internal whitespace */
    char *o = tc_malloc(n + 1);
    if (!o) return NULL;
    size_t k = 0;
    int sp = 0;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
            if (!sp) o[k++] = ' ';
            sp = 1;
        } else {
            o[k++] = ch;
            sp = 0;
        }
    }
    o[k] = 0;
    return o;
}

static char *node_text(xmlNode *n)
{
    xmlChar *t = xmlNodeGetContent(n);
    if (!t) return NULL;
    char *r = dup_trim((const char *)t);
    xmlFree(t);
    return r;
}

typedef struct meta {
    const char *og_title, *canonical, *og_url, *lang, *content_lang, *meta_lang, *og_locale,
        *site_name, *tw_title, *ld_body, *desc;
    xmlNode *title, *h1;
} meta;

static void scan_meta(xmlNode *n, meta *m, int depth)
{
    for (xmlNode *ch = n; ch; ch = ch->next) {
        if (ch->type != XML_ELEMENT_NODE) continue;
        const char *nm = NAME(ch);
        if (!strcmp(nm, "meta")) {
            const char *p = attr(ch, "property");
            if (!p) p = attr(ch, "name");
            const char *he = attr(ch, "http-equiv");
            const char *content = attr(ch, "content");
            if (content && p) {
                if (!strcasecmp(p, "og:title") && !m->og_title) m->og_title = content;
                else if (!strcasecmp(p, "twitter:title") && !m->tw_title) m->tw_title = content;
                else if (!strcasecmp(p, "og:url") && !m->og_url) m->og_url = content;
                else if (!strcasecmp(p, "og:site_name")) m->site_name = content;
                else if ((!strcasecmp(p, "og:description") || !strcasecmp(p, "description")) &&
                         !m->desc)
                    m->desc = content;
                else if (!strcasecmp(p, "og:locale")) m->og_locale = content;
                else if (!strcasecmp(p, "language") || !strcasecmp(p, "dc.language") ||
                         !strcasecmp(p, "content-language"))
                    m->meta_lang = content;
            }
            if (content && he && !strcasecmp(he, "content-language")) m->content_lang = content;
        } else if (!strcmp(nm, "link")) {
            const char *rel = attr(ch, "rel");
            if (rel && !strcasecmp(rel, "canonical") && !m->canonical) m->canonical = attr(ch, "href");
        } else if (!strcmp(nm, "script")) {
            const char *ty = attr(ch, "type");
            if (ty && strstr(ty, "ld+json") && ch->children && ch->children->content &&
                !m->ld_body) {
                const char *t = strstr((const char *)ch->children->content, "\"articleBody\"");
                if (t) m->ld_body = t + 13;
            }
            if (!has_element_child(ch)) continue;
        } else if (!strcmp(nm, "title")) {
            if (!m->title) m->title = ch;
        } else if (!strcmp(nm, "h1")) {
            if (!m->h1) m->h1 = ch;
        } else if (!strcmp(nm, "html")) {
            const char *l = attr(ch, "lang");
            if (!l) l = attr(ch, "xml:lang");
            if (l && !m->lang) m->lang = l;
        }
        if (ch->children && depth < 400 && strcmp(nm, "script") && strcmp(nm, "style"))
            scan_meta(ch->children, m, depth + 1);
    }
}

static char *lang_code(const char *s)
{
    if (!s) return NULL;
    while (*s == ' ') s++;
    char b[8];
    size_t k = 0;
    while (*s && isalpha((unsigned char)*s) && k < 3) b[k++] = (char)tolower((unsigned char)*s++);
    if (k < 2 || (*s && *s != '-' && *s != '_' && *s != ',' && *s != ' ' && *s != ';')) return NULL;
    b[k] = 0;
    return tc_strdup(b);
}

/* "Headline | Site" -> "Headline" */
static char *clean_title(const char *t, const char *site)
{
    char *s = dup_trim(t);
    if (!s) return NULL;
    static const char *const seps[] = {" | ", " - ", " — ", " – ", " :: ", " « ", " » ", " · ", NULL};
    for (int round = 0; round < 2; round++) {
        size_t n = strlen(s);
        size_t bs = 0, bl = 0, best_start = 0, best_len = n;
        int found = 0;
        /* split into segments; pick the longest one */
        size_t segstart = 0;
        for (size_t i = 0; i <= n; i++) {
            size_t sl = 0;
            if (i < n)
                for (const char *const *sp = seps; *sp; sp++)
                    if (!strncmp(s + i, *sp, strlen(*sp))) {
                        sl = strlen(*sp);
                        break;
                    }
            if (i == n || sl) {
                size_t len = i - segstart;
                if (len > bl) {
                    bl = len;
                    bs = segstart;
                }
                if (sl) {
                    found = 1;
                    i += sl - 1;
                    segstart = i + 1;
                }
            }
        }
        if (!found) break;
        best_start = bs;
        best_len = bl;
        /* only strip if the dropped part is short (a site name) */
        if (best_len * 2 < n && !site) break;
        memmove(s, s + best_start, best_len);
        s[best_len] = 0;
        break;
    }
    (void)site;
    return s;
}

/* decode the JSON string value after "articleBody" (p points after the key) */
static void json_string(const char *p, tc_buf *out)
{
    while (*p == ' ' || *p == ':' || *p == '\n' || *p == '\t' || *p == '\r') p++;
    if (*p != '"') return;
    p++;
    while (*p && *p != '"') {
        if (*p != '\\') {
            const char *q = p;
            while (*q && *q != '"' && *q != '\\') q++;
            tc_buf_append(out, p, (size_t)(q - p));
            p = q;
            continue;
        }
        p++;
        char e = *p ? *p++ : 0;
        switch (e) {
        case 'n': case 'r': tc_buf_putc(out, '\n'); break;
        case 't': tc_buf_putc(out, ' '); break;
        case 'b': case 'f': break;
        case 'u': {
            unsigned v = 0;
            int k = 0;
            for (; k < 4 && isxdigit((unsigned char)p[k]); k++)
                v = v * 16 + (unsigned)(isdigit((unsigned char)p[k]) ? p[k] - '0'
                                                                    : (tolower((unsigned char)p[k]) - 'a' + 10));
            p += k;
            if (v >= 0xD800 && v < 0xDC00 && p[0] == '\\' && p[1] == 'u') {
                unsigned lo = 0;
                int j = 0;
                for (; j < 4 && isxdigit((unsigned char)p[2 + j]); j++)
                    lo = lo * 16 + (unsigned)(isdigit((unsigned char)p[2 + j]) ? p[2 + j] - '0'
                                                                               : (tolower((unsigned char)p[2 + j]) - 'a' + 10));
                if (j == 4 && lo >= 0xDC00 && lo < 0xE000) {
                    v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00);
                    p += 6;
                }
            }
            if (v == 0 || (v >= 0xD800 && v < 0xE000)) v = 0xFFFD;
            put_cp(out, v);
            break;
        }
        case 0: return;
        default: tc_buf_putc(out, e); break;
        }
    }
}

/* JSON-LD articleBody as paragraphs (tags, if any, stripped) */
static void ld_body_text(const char *p, tc_buf *out)
{
    tc_buf raw = TC_BUF_INIT;
    json_string(p, &raw);
    int intag = 0;
    for (size_t i = 0; i < raw.len; i++) {
        char ch = raw.data[i];
        if (ch == '<' && i + 1 < raw.len && (isalpha((unsigned char)raw.data[i + 1]) || raw.data[i + 1] == '/')) intag = 1;
        else if (ch == '>' && intag) { intag = 0; tc_buf_putc(out, ' '); }
        else if (!intag) {
            if (ch == '\n') {
                while (out->len && out->data[out->len - 1] == ' ') out->len--;
                if (out->len && out->data[out->len - 1] != '\n') tc_buf_append(out, "\n\n", 2);
            } else tc_buf_putc(out, ch);
        }
    }
    while (out->len && (out->data[out->len - 1] == ' ' || out->data[out->len - 1] == '\n')) out->len--;
    if (out->data) out->data[out->len] = 0;
    tc_buf_free(&raw);
}

static char *resolve_url(const char *href, const char *base)
{
    if (!href || !*href) return NULL;
    if (!base || strstr(href, "://")) return dup_trim(href);
    xmlChar *u = xmlBuildURI((const xmlChar *)href, (const xmlChar *)base);
    if (!u) return dup_trim(href);
    char *r = tc_strdup((const char *)u);
    xmlFree(u);
    return r;
}

/* ====================================================================== */
/* extraction                                                             */
/* ====================================================================== */

static void free_private(xmlNode *n)
{
    /* _private holds indices only; nothing to free */
    (void)n;
}

void tc_html_article_free(tc_html_article *a)
{
    if (!a) return;
    tc_free(a->title);
    tc_free(a->url);
    tc_free(a->date);
    tc_free(a->datetime);
    tc_free(a->date_source);
    tc_free(a->language);
    tc_free(a->text);
    memset(a, 0, sizeof *a);
}

static xmlNode *find_body(xmlNode *root)
{
    for (xmlNode *n = root; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) continue;
        if (is_tag(n, "body")) return n;
        xmlNode *b = find_body(n->children);
        if (b) return b;
        if (is_tag(n, "html")) return NULL;
    }
    return NULL;
}

/* elements whose class/id string is ci, outermost only, in document order */
static void same_class(xmlNode *n, const char *ci, xmlNode **out, size_t *np, size_t cap, int depth)
{
    for (xmlNode *ch = n->children; ch && *np < cap; ch = ch->next) {
        if (ch->type != XML_ELEMENT_NODE) continue;
        char c2[512];
        class_id(ch, c2, sizeof c2);
        if (!strcmp(c2, ci)) {
            out[(*np)++] = ch;
            continue;
        }
        if (depth < 400) same_class(ch, ci, out, np, cap, depth + 1);
    }
}

/* sibling merging around the top candidate (readability-style) */
static void emit_with_siblings(ctx *c, emit *e, xmlNode *top, double topscore)
{
    xmlNode *parent = top->parent;
    if (!parent || parent->type != XML_ELEMENT_NODE || is_tag(top, "body")) {
        walk_emit(e, top, 0, 0);
        close_block(e);
        return;
    }
    double thr = topscore * 0.2 > 10 ? topscore * 0.2 : 10;
    for (xmlNode *sib = parent->children; sib; sib = sib->next) {
        if (sib->type != XML_ELEMENT_NODE) continue;
        int take = sib == top;
        nstat *s = S(c, sib);
        if (!take && s && s->text > 0) {
            double ld = (double)s->link / s->text;
            if (s->cand && s->score * (1 - ld) >= thr) take = 1;
            else if (is_tag(sib, "p")) {
                if (s->text > 80 && ld < 0.25) take = 1;
                else if (s->text > 0 && s->text <= 80 && ld == 0) {
                    xmlChar *t = xmlNodeGetContent(sib);
                    if (t && strstr((const char *)t, ". ")) take = 1;
                    xmlFree(t);
                }
            }
        }
        if (take) {
            prune_boiler(c, sib, 0, S(c, sib)->text);
            close_block(e);
            walk_emit(e, sib, 0, 0);
            close_block(e);
        }
    }
}

tc_status tc_html_extract(const char *html, size_t n, const tc_html_opts *opts,
                          tc_html_article *a)
{
    memset(a, 0, sizeof *a);
    const char *url = opts ? opts->url : NULL;
    if (n > (size_t)INT_MAX) n = (size_t)INT_MAX;
    int flags = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                HTML_PARSE_NONET;
    htmlDocPtr doc = n ? htmlReadMemory(html, (int)n, url, "UTF-8", flags) : NULL;
    if (!doc) {
        a->text = tc_strdup("");
        if (url) a->url = tc_strdup(url);
        return a->text ? TC_OK : TC_ENOMEM;
    }
    xmlNode *root = xmlDocGetRootElement(doc);

    /* metadata */
    meta m;
    memset(&m, 0, sizeof m);
    if (root) scan_meta(root, &m, 0);
    if (m.og_title && *m.og_title) a->title = clean_title(m.og_title, m.site_name);
    if (!a->title && m.title) {
        char *t = node_text(m.title);
        if (t) {
            a->title = clean_title(t, m.site_name);
            tc_free(t);
        }
    }
    if (!a->title && m.tw_title) a->title = clean_title(m.tw_title, m.site_name);
    if (!a->title && m.h1) a->title = node_text(m.h1);
    if (m.canonical) a->url = resolve_url(m.canonical, url);
    if (!a->url && m.og_url) a->url = resolve_url(m.og_url, url);
    if (!a->url && url) a->url = tc_strdup(url);
    a->language = lang_code(m.lang);
    if (!a->language) a->language = lang_code(m.content_lang);
    if (!a->language) a->language = lang_code(m.meta_lang);
    if (!a->language) a->language = lang_code(m.og_locale);

    /* copies of what the pruning below may free (misnested metas, scripts) */
    char *desc = m.desc ? dup_trim(m.desc) : NULL;
    tc_buf ld = TC_BUF_INIT;
    if (m.ld_body) ld_body_text(m.ld_body, &ld);

    tc_pubdate pd;
    if (tc_pubdate_from_dom(doc, a->url ? a->url : url, &pd)) {
        char b[32];
        tc_pubdate_format_date(&pd, b, sizeof b);
        a->date = tc_strdup(b);
        if (pd.has_time) {
            tc_pubdate_format_datetime(&pd, b, sizeof b);
            a->datetime = tc_strdup(b);
        }
        a->date_source = tc_strdup(pd.source);
    }

    /* body */
    ctx c;
    memset(&c, 0, sizeof c);
    emit e;
    memset(&e, 0, sizeof e);
    e.sp = 1;
    tc_buf out = TC_BUF_INIT;
    xmlNode *body = root ? find_body(root) : NULL; /* none: a head-only page */
    if (body) {
        prune(&c, body, 0, 0);
        xmlNode *hint = NULL;
        uint32_t ht = 0;
        int hk = 0;
        find_hint(&c, body, &hint, &ht, &hk, 0);
        score_paras(&c, body, 0);
        xmlNode *best = NULL;
        double bs = 0;
        best_cand(&c, body, &best, &bs, 0);
        nstat *bst = best ? S(&c, best) : NULL;
        /* strategies in turn until one gives text: the structural hint
         * (itemprop=articleBody, article-body classes), the best scored
         * block with its siblings, the whole body */
        if (hint && (!bst || ht * 3 >= bst->text || hk == 2)) {
            prune_boiler(&c, hint, 0, S(&c, hint)->text);
            if (!bst || hk == 2 || S(&c, hint)->text * 3 >= bst->text) {
                /* bodies split in several blocks of the same class (between
                 * ads, embeds): every one of them, in document order */
                char hci[512];
                class_id(hint, hci, sizeof hci);
                xmlNode *parts[64];
                size_t np = 0;
                if (hci[1]) same_class(body, hci, parts, &np, 64, 0);
                int found = 0;
                for (size_t i = 0; i < np; i++) found |= parts[i] == hint;
                if (!found) {
                    parts[0] = hint;
                    np = 1;
                }
                for (size_t i = 0; i < np; i++) {
                    nstat *ps = S(&c, parts[i]);
                    if (parts[i] != hint &&
                        (!ps || ps->text < 50 || (double)ps->link > 0.5 * ps->text))
                        continue;
                    if (parts[i] != hint) prune_boiler(&c, parts[i], 0, ps->text);
                    close_block(&e);
                    walk_emit(&e, parts[i], 0, 0);
                    close_block(&e);
                }
                collect_text(&e, a->title, &out);
            }
        }
        if (out.len < 100 && best && bst && bst->text >= 100) {
            reset_emit(&e, &out);
            emit_with_siblings(&c, &e, best, bs);
            collect_text(&e, a->title, &out);
        }
        if (out.len < 100) {
            reset_emit(&e, &out);
            prune_boiler(&c, body, 0, S(&c, body)->text);
            walk_emit(&e, body, 0, 0);
            close_block(&e);
            collect_text(&e, a->title, &out);
        }
    }
    if (out.len == 0 && desc) {
        /* nothing in the page body: the page's own summary is better than nothing */
        if (strlen(desc) >= 40) tc_buf_puts(&out, desc);
    }
    /* pages rendered by script: the JSON-LD articleBody is all there is */
    if (ld.len > 200 && out.len * 2 < ld.len) {
        tc_buf_free(&out);
        out = ld;
        ld = (tc_buf)TC_BUF_INIT;
    }
    tc_buf_free(&ld);
    tc_free(desc);
    free_private(root);
    int oom = c.oom || e.oom;
    tc_free(c.st);
    tc_free(e.b);
    tc_buf_free(&e.text);
    xmlFreeDoc(doc);
    if (tc_buf_append(&out, "", 0) != TC_OK) oom = 1;
    a->text_len = out.len;
    a->text = tc_buf_take(&out);
    if (oom || !a->text) {
        tc_html_article_free(a);
        return TC_ENOMEM;
    }
    return TC_OK;
}

tc_status tc_html_doc_fill(tc_doc *d, const tc_html_article *a)
{
    if (tc_doc_replace_text(d, a->text ? a->text : "", a->text ? a->text_len : 0) != TC_OK)
        return TC_ENOMEM;
    if (a->title && !(d->title = tc_doc_str(d, a->title))) return TC_ENOMEM;
    if (a->url && !(d->url = tc_doc_str(d, a->url))) return TC_ENOMEM;
    if (a->date && !(d->date = tc_doc_str(d, a->date))) return TC_ENOMEM;
    if (a->datetime && !(d->datetime = tc_doc_str(d, a->datetime))) return TC_ENOMEM;
    if (a->language && !(d->language = tc_doc_str(d, a->language))) return TC_ENOMEM;
    if (a->date_source && tc_doc_meta_set(d, "date.source", a->date_source) != TC_OK)
        return TC_ENOMEM;
    if (a->url && !d->source) {
        const char *h = strstr(a->url, "://");
        h = h ? h + 3 : a->url;
        size_t n = strcspn(h, "/?#:");
        if (n >= 4 && !strncmp(h, "www.", 4)) h += 4, n -= 4;
        if (n && !(d->source = tc_doc_strn(d, h, n))) return TC_ENOMEM;
    }
    return TC_OK;
}
