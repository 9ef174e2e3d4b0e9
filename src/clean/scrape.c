/* scrape.c - scraped news text cleaner (see scrape.h).
 *
 * Pipeline per document:
 *   1. lines -> paragraphs ("units"): one line each, hard-wrapped lines joined;
 *   2. features of each unit (length, words, lowercase words, English function
 *      words, sentence shape, foreign letters) and the context-free rules, which
 *      recognise kinds of junk by widget vocabulary on short lines, by shape
 *      (no sentence shape, bracketed credits, widget formats) or both;
 *   3. document-level rules: foreign-language captions in English documents,
 *      boilerplate repeated in the document, short non-sentences before the
 *      headline (header zone) and after the last body paragraph (footer zone);
 *   4. headline and dateline; the kept units are written out.
 * Long paragraphs are only looked at through their first bytes and their end
 * (FEAT_MAX, PROSE_HEAD/PROSE_TAIL, 400 bytes for vocabulary): that keeps the
 * cost per byte small. */
#include "scrape.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/hash.h"
#include "core/mem.h"

/* ASCII character classes (no locale lookups in the hot loops) */
static inline int c_isdigit(int c) { return c >= '0' && c <= '9'; }
static inline int c_islower(int c) { return c >= 'a' && c <= 'z'; }
static inline int c_isupper(int c) { return c >= 'A' && c <= 'Z'; }
static inline int c_isalpha(int c) { return c_islower(c) || c_isupper(c); }
static inline int c_isalnum(int c) { return c_isalpha(c) || c_isdigit(c); }
static inline int c_tolower(int c) { return c_isupper(c) ? c + 32 : c; }

#define FEAT_MAX 240   /* bytes of a unit counted for words, case, digits */
#define NORM_MAX 640
#define PROSE_HEAD 110 /* a long sentence-shaped paragraph: vocabulary of its head... */
#define PROSE_TAIL 90  /* ...and of its tail */

const char *const tc_clean_rule_names[] = {
    "ad-marker",     "advertisement",  "share-widget", "social-follow", "comment-prompt",
    "source-link",   "related-links",  "subscription", "donation",      "newsletter",
    "cookie-notice", "weather-widget", "date-widget",  "caption",       "foreign-caption",
    "video",         "credit-line",    "byline",       "author-bio",    "repeated",
    "header",        "footer",         "dateline",     "signoff",       "copyright",
    "tags",          "navigation",   "audio",
    NULL,
};

enum {
    R_AD, R_ADVERT, R_SHARE, R_SOCIAL, R_COMMENT, R_SOURCE, R_RELATED, R_SUBSCRIBE, R_DONATE,
    R_NEWSLETTER, R_COOKIE, R_WEATHER, R_DATE, R_CAPTION, R_FOREIGN, R_VIDEO, R_CREDIT, R_BYLINE,
    R_BIO, R_REPEATED, R_HEADER, R_FOOTER, R_DATELINE, R_SIGNOFF, R_COPYRIGHT, R_TAGS, R_NAV,
    R_AUDIO
};

typedef struct line_t {
    uint32_t start, len; /* content after indentation, trailing blanks excluded */
    uint32_t indent;
} line_t;

typedef struct unit_t {
    uint32_t l0, l1;      /* lines [l0, l1) */
    uint32_t start, end;  /* byte span in the input */
    int rule;             /* -1 = kept */
    uint64_t hash;        /* of the normalised text (short units), 0 otherwise */
    uint16_t words, lower, upper, fw, digits;
    uint8_t sent, endterm, endperiod, startcap, quote_start, foreign, capvocab, titleshape;
    uint8_t ffw;          /* function words of other languages (short units) */
    uint8_t relhead;      /* a bare "Related" / "Latest articles" heading */
} unit_t;

/* ------------------------------------------------------------------ */
/* small string helpers */

static int is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

/* ASCII-lowercase copy of s[0..n) into out with runs of whitespace collapsed;
 * returns its length. */
static size_t lower_copy(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    int sp = 0;
    for (size_t i = 0; i < n && o + 1 < cap; i++) {
        unsigned char c = (unsigned char)s[i];
        if (is_space(c) || c == '\n') {
            sp = 1;
            continue;
        }
        if (sp && o) out[o++] = ' ';
        sp = 0;
        if (o + 1 < cap) out[o++] = (char)c_tolower(c);
    }
    out[o] = 0;
    return o;
}

static int mem_find(const char *s, size_t n, const char *w, size_t k)
{
    for (const char *p = s; k <= (size_t)(s + n - p) && (p = memchr(p, w[0], (size_t)(s + n - p) - k + 1)) != NULL; p++)
        if (!memcmp(p, w, k)) return 1;
    return 0;
}

static int in_list(const char *s, size_t n, const char *const *list)
{
    for (; *list; list++)
        if (strlen(*list) == n && memcmp(*list, s, n) == 0) return 1;
    return 0;
}

static int eq_any(const char *norm, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(norm, *list) == 0) return 1;
    return 0;
}

/* norm starts with one of the phrases, followed by end or a space */
static int prefix_any(const char *norm, const char *const *list)
{
    for (; *list; list++) {
        size_t k = strlen(*list);
        if (strncmp(norm, *list, k) == 0 && (norm[k] == 0 || norm[k] == ' ')) return 1;
    }
    return 0;
}

static const char *contains_any(const char *low, const char *const *list)
{
    for (; *list; list++) {
        const char *p = strstr(low, *list);
        if (p) return p;
    }
    return NULL;
}

/* ------------------------------------------------------------------ */
/* vocabulary (kinds of junk, not lines of any particular page) */

static const char *const advert_exact[] = {
    "advertisement", "advertisements", "advertising", "advert", "ad", "ads", "sponsored",
    "sponsored content", "sponsored links", "paid content", "paid post", "promoted",
    "promoted content", "partner content", "story continues below advertisement",
    "article continues below advertisement", "story continues below", "article continues below",
    "continue reading below", "continue reading", "scroll to continue with content",
    "advertisement scroll to continue with content", "continue reading the main story",
    "skip advertisement", "ad feedback", "report this ad", "close ad", "advertisement feature",
    /* the same label in other languages */
    "anzeige", "werbung", "publicidad", "publicité", "publicite", "pubblicità", "reklama",
    "reklam", "iklan", "advertentie", "mainos", "реклама", "publicidade", NULL};

static const char *const share_vocab[] = {
    "share", "shares", "sharing", "this", "like", "likes", "on", "facebook", "twitter", "x",
    "email", "e", "mail", "print", "tweet", "whatsapp", "linkedin", "pinterest", "reddit",
    "telegram", "tumblr", "pocket", "messenger", "flipboard", "copy", "link", "url", "click",
    "to", "opens", "open", "in", "new", "window", "tab", "the", "article", "story", "page", "post",
    "via", "more", "bloggers", "d", "loading", "be", "first", "save", "bookmark", "send", "a",
    "friend", "with", "your", "friends", "google", "vk", "viber", "sms", "options", "and",
    "it", "s", "or", "copied", "permalink", "gift", NULL};
static const char *const share_core[] = {
    "share", "shares", "sharing", "like", "tweet", "facebook", "twitter", "whatsapp", "linkedin",
    "pinterest", "reddit", "telegram", "email", "print", "bloggers", "bookmark", "permalink",
    "copied", NULL};

static const char *const social_prefix[] = {
    "follow us", "like us on", "find us on", "connect with us", "join us on", "stay connected",
    "get our app", "download our app", "download the app", "follow our", NULL};
static const char *const social_nets[] = {
    "twitter", "facebook", "instagram", "telegram", "linkedin", "youtube", "tiktok", "x",
    "social", "threads", "mastodon", "bluesky", "whatsapp", "google", NULL};

static const char *const comment_exact[] = {
    "comments", "comment", "reply", "replies", "cancel reply", "add comment", "post comment",
    "submit comment", "show comments", "view comments", "hide comments", "load comments",
    "no comments", "discussion", "write a review", "comments section", NULL};
static const char *const comment_prefix[] = {
    "leave a reply", "leave a comment", "leave a review", "post a comment", "add a comment",
    "write a comment", "please enter your", "enter your comment", "enter your name",
    "you have entered an incorrect", "your email address will not be published",
    "required fields are marked", "notify me of", "save my name email", "log in to comment",
    "login to comment", "sign in to comment", "log in to leave a comment",
    "you must be logged in to", "be the first to comment", "comments are closed",
    "comments closed", "comment policy", "join the conversation", "join the discussion",
    "have your say", "share your thoughts", "post your comment", "view all comments",
    "tell us what you think", "let us know what you think",
    "show all comments", NULL};

static const char *const source_exact[] = {
    "source link", "source", "sources", "original source", "source url", "view source",
    "view original", "original article", "read original article", "read the original article",
    "go to source", "source website", NULL};
static const char *const source_prefix[] = {
    "this article was originally published", "this article originally appeared",
    "this article first appeared", "this story originally appeared", "this story first appeared",
    "this story was originally published", "this article was first published",
    "originally published", "first published", "read the original article",
    "this article is republished", "republished with permission", NULL};

static const char *const related_exact[] = {
    "must read", "must reads", "latest", "latest article", "latest articles", "latest news",
    "latest stories", "latest posts", "more articles", "more stories", "more news", "more from",
    "more on this story", "more on this topic", "related", "related articles", "related article",
    "related stories", "related story", "related news", "related posts", "related content",
    "related topics", "related coverage", "related links", "read more", "read next", "read also",
    "also read", "see also", "top stories", "top news", "most read", "most popular",
    "most viewed", "popular", "popular posts", "popular stories", "trending", "trending now",
    "trending news", "recommended", "recommended for you", "recommended stories",
    "recommended articles", "you may also like", "you might also like",
    "you may be interested in", "don t miss", "dont miss", "editor s picks", "editors picks",
    "in other news", "recent posts", "recent news", "what to read next", "further reading",
    "explore more", "keep reading", "up next", "next article", "previous article", "next post",
    "previous post", "more in this section", "more like this", "more to read", NULL};
/* phrases that head a link list or a linked title on the same line */
static const char *const related_head[] = {
    "read more", "related", "also read", "read also", "see also", "must read", "recommended",
    "read next", "more from", "related coverage", "related content", "related articles",
    "related stories", "you may also like", "further reading", "next article",
    "previous article", "next post", "previous post", "also see", "don t miss", NULL};

static const char *const subscribe_exact[] = {
    "subscribe", "subscribe now", "subscribe today", "subscribe here", "sign up", "sign up now",
    "sign up today", "sign up here", "register", "register now", "log in", "login", "sign in",
    "log in register", "sign in register", "login register", "subscribe to continue reading",
    "donate", "donate now", "donate today", "make a donation", "already a subscriber",
    "already a subscriber log in", "already a subscriber sign in",
    "become a subscriber", "get unlimited access", "unlock this article", "subscriber only",
    "subscribers only", "exclusive for subscribers", "subscribe for full access", NULL};
static const char *const paywall_phrases[] = {
    "to continue reading", "unlimited access", "free account", "free trial", "paywall",
    "subscriber-only", "for subscribers", NULL};
static const char *const plea_persons[] = {"you", "your", "our", "click", "please", NULL};
static const char *const reporting_words[] = {"said", "says", "told", "according", "added",
                                              "stated", "reported", NULL};
static const char *const donate_ctx[] = {"support", "journalism", "reporting", "newsroom",
                                         "our work", "independent", NULL};
static const char *const journalism_pleas[] = {
    "support our journalism", "support independent journalism", "support our work",
    "quality journalism", "journalism matters", "fund our journalism",
    "fund independent journalism", "keep our journalism", "reader-funded journalism",
    "reader funded journalism", NULL};
/* pleas only with a "you" in the line */
static const char *const support_pleas[] = {"support us", "become a member", "become a patron",
                                            "help us keep", "help us continue",
                                            "support quality", NULL};

static const char *const newsletter_ctx[] = {
    "sign up", "signup", "subscribe", "inbox", "our newsletter", "free newsletter",
    "newsletter sign", "daily newsletter", "weekly newsletter", NULL};
static const char *const signup_objects[] = {"email alerts", "breaking news alerts", "briefing",
                                             "digest", "our alerts", "news alerts", NULL};

static const char *const cookie_ctx[] = {
    "we use", "uses cookies", "use of cookies", "accept", "consent", "cookie policy",
    "cookie settings", "privacy policy", "browser", "experience", "manage cookies",
    "cookie preferences", "store cookies", NULL};

static const char *const date_vocab[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue",
    "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "updated", "published", "posted", "last", "on", "at", "am", "pm", "a", "m", "p", "gmt",
    "utc", "est", "edt", "et", "bst", "cet", "cest", "pst", "pdt", "ist", "msk", "eet", "eest",
    "cat", "wat", "eat", "today", "yesterday", "of", "min", "mins", "minute", "minutes", "hour",
    "hours", "hrs", "ago", "read", "time", "reading", "the", "st", "nd", "rd", "th", "day",
    "days", "week", "weeks", "modified", "date", "and", "local", "edition", NULL};
static const char *const date_core[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue",
    "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "ago",
    "updated", "published", "gmt", "utc", "am", "pm", NULL};

static const char *const video_exact[] = {
    "youtube video thumbnail", "video thumbnail", "play video", "watch video", "watch now",
    "watch live", "video", "watch", "play", "duration", "now playing", "video player",
    "video ad feedback", "click to play", "replay", "watch the video", "watch full video",
    "media playback is unsupported on your device", "this video can not be played",
    "this video cannot be played", "your browser does not support the video tag",
    "video unavailable", "autoplay", NULL};
static const char *const audio_exact[] = {
    "listen", "listen to this article", "listen to article", "listen to this story", "audio",
    "play audio", "listen now", "listen to the podcast", "podcast", "audio player",
    "listen to this", NULL};
/* "Tags: ...", "Filed under: ..." */
static const char *const tag_heads[] = {"tags", "tag", "topics", "topic", "filed under",
                                        "categories", "category", "keywords", "posted in",
                                        "more about", "related topics", NULL};
static const char *const nav_exact[] = {
    "skip to content", "skip to main content", "skip to navigation", "menu", "main menu",
    "open menu", "close menu", "search", "home", "close", "toggle navigation", "back to top",
    "scroll to top", "go to top", "privacy policy", "terms of use", "terms of service",
    "terms and conditions", "contact us", "about us", "accessibility", "site map", "sitemap",
    "next", "previous", "prev", "more", "show more", "load more", "see more", "view more",
    "read less", "show less", "expand", "collapse", "back", "top", "breaking news", "breaking",
    "editorial", "opinion", "analysis", "explainer", "exclusive", "live", "our standards",
    "world", "politics", "business", "sport", "sports", "news", NULL};
static const char *const video_heads[] = {"watch", "video", "watch live", "watch now", "videos",
                                          "live video", "play", NULL};
static const char *const video_words[] = {"youtube", "play", "watch", "duration", "thumbnail",
                                          "player", "playing", "vimeo", NULL};

/* caption / image credit heads: "Photo: ...", "Foto: ...", "Image by ..." */
static const char *const caption_heads[] = {
    "photo", "photos", "photograph", "photography", "picture", "pictures", "pictured", "pic",
    "pics", "image", "images", "img", "credit", "credits", "photo credit", "image credit",
    "image source", "image caption", "media caption", "caption", "illustration", "graphic",
    "file photo", "file", "screenshot", "screengrab", "main image", "top image", "lead image",
    "featured image", "cover photo", "foto", "fotos", "fotó", "fotoğraf", "fotografia",
    "fotografía", "fotografie", "bild", "bilder", "bildquelle", "immagine", "imagen",
    "zdjęcie", "fotka", "kuva", "фото", "фотография", "снимок", "світлина", NULL};
static const char *const by_heads[] = {"photo by", "photos by", "photograph by", "image by",
                                       "picture by", "photo courtesy", "image courtesy",
                                       "photo credit", "image credit", "photo via", "image via",
                                       NULL};
static const char *const follow_heads[] = {"follow", "source", "sources", NULL};
static const char *const click_heads[] = {"click", "like", "enjoyed", "share", "posted",
                                          "published", "more", NULL};
static const char *const credit_terms[] = {
    "getty images", "gettyimages", "ap photo", "afp photo", "afp via getty", "via getty",
    "via reuters", "reuters/", "/reuters", "/ reuters", "/afp", "/ afp", "epa-efe", "epa/",
    "/epa", "shutterstock", "file photo", "photo credit", "image credit", "pool photo", "/pool",
    "photo:", "photograph:", "foto:", "image:", "picture:", "(photo", "[photo", "credit:",
    "sputnik/", "tass/", "/tass", "/sputnik", "xinhua/", "/xinhua", "/getty", "anadolu agency",
    "ria novosti/", "picture alliance", "picture-alliance", "/dpa", "dpa/", "photo by ",
    "photo courtesy", "image courtesy", "courtesy photo", "©", "(c) ", NULL};
static const char *const credit_words[] = {
    "photo", "photos", "image", "images", "getty", "ap", "afp", "reuters", "epa", "efe",
    "pool", "file", "credit", "courtesy", "shutterstock", "illustration", "xinhua", "tass",
    "sputnik", "anadolu", "handout", "dpa", "ria", "pa", "ani", "pti", "bloomberg", "picture",
    "pictures", "screenshot", "screengrab", "foto", "photograph", "video", "supplied", NULL};
/* words that mark a caption in other languages ("photo" in a few of them) */
static const char *const foreign_caption_words[] = {
    "foto", "fotó", "fotos", "fotoğraf", "fotografia", "fotografía", "bild", "immagine",
    "imagen", "zdjęcie", "kuva", "фото", "снимок", "صورة", NULL};

static const char *const credit_prefix[] = {
    "additional reporting by", "additional reporting", "reporting by", "editing by",
    "writing by", "compiled by", "fact checked by", "factchecked by", "with reporting by",
    "with additional reporting", "reporting and writing by", "writing and reporting by",
    "additional writing by", "contributing reporting by", NULL};
/* only on short lines that are no sentence */
static const char *const credit_prefix_weak[] = {
    "reported by", "edited by", "translated by", "translation by", "research by",
    "graphics by", "production by", "text by", "story by", "newsroom", NULL};
static const char *const credit_contains[] = {
    "contributed to this report", "contributed reporting", "contributed to this story",
    "contributed to this article", "contributed to the report", "contributed to this reporting",
    "contributed additional reporting", NULL};

static const char *const byline_heads[] = {"written by", "posted by", "author", "authors",
                                           "words by", "reporter", "by", NULL};
static const char *const name_connectors[] = {"and", "in", "de", "da", "van", "von", "der",
                                              "la", "le", "di", "bin", "al", "el", "du", "del",
                                              "dos", "y", NULL};
static const char *const bio_words[] = {
    "journalist", "reporter", "correspondent", "writer", "editor", "columnist", "contributor",
    "freelance", "photographer", "staff writer", NULL};

/* English function words: a line with none of them is not English prose.
 * Words shared with other languages (a, in, on, an, die...) are left out. */
static const char *const en_function[] = {
    "the", "of", "to", "and", "is", "are", "was", "were", "has", "have", "had", "will",
    "would", "said", "says", "that", "this", "with", "from", "for", "by", "at", "it", "he",
    "she", "they", "we", "you", "his", "her", "their", "our", "not", "who", "which", "been",
    "be", "its", "as", "but", "or", "after", "over", "into", "than", "can", "could", "should",
    "may", "about", "there", "what", "when", "where", "how", "my", "me", "him", "them", "us",
    "your", "i", NULL};

/* Function words of other languages written in Latin script. */
static const char *const foreign_function[] = {
    "de", "la", "el", "los", "las", "en", "del", "al", "y", "con", "por", "para", "una", "le",
    "les", "des", "du", "et", "au", "aux", "sur", "dans", "pour", "il", "di", "che", "della",
    "nel", "per", "der", "die", "das", "und", "mit", "von", "im", "zu", "auf", "dem", "den",
    "het", "een", "van", "op", "met", "na", "w", "z", "się", "ve", "bir", "ile", "və", "bu",
    "e", "o", "os", "um", "uma", "dos", "em", "ao", "cu", "și", "în", "pe", "ja", "och", "att",
    "och", "av", "för", "på", "ist", "sind", "wurde", "est", "sont", "une", "es", "se", "lo",
    NULL};

static const char *const news_labels[] = {
    "BREAKING", "UPDATE", "UPDATED", "EXCLUSIVE", "WATCH", "VIDEO", "PHOTOS", "LIVE", "OPINION",
    "ANALYSIS", "EDITORIAL", "COMMENT", "FACTBOX", "EXPLAINER", "NOTE", "EDITOR'S NOTE",
    "CORRECTION", "URGENT", "FLASH", "ALERT", "REVIEW", "INTERVIEW", "FEATURE", "PROFILE", NULL};

/* ------------------------------------------------------------------ */
/* one table for every single-word vocabulary: word -> bit set */

enum {
    W_EN = 1u << 0,        /* English function word */
    W_FF = 1u << 1,        /* function word of another language */
    W_SHARE = 1u << 2,     /* may appear in a share widget */
    W_SHARECORE = 1u << 3, /* makes a line a share widget */
    W_DATE = 1u << 4,
    W_DATECORE = 1u << 5,
    W_REPORT = 1u << 6,    /* reporting verb: a plea never quotes anyone */
    W_PLEA = 1u << 7,      /* you, your, our, click, please */
    W_YOU = 1u << 8,
    W_CREDITW = 1u << 9,   /* credit words inside a bracketed credit */
    W_VIDEOW = 1u << 10,
    W_SOCIAL = 1u << 11,
    W_FCAP = 1u << 12,     /* "photo" in other languages */
    W_T_CREDIT = 1u << 13, /* gates for phrase searches */
    W_T_COOKIE = 1u << 14,
    W_T_PAYWALL = 1u << 15,
    W_T_JOURN = 1u << 16,
    W_T_NEWS = 1u << 17,
    W_T_CONTRIB = 1u << 18,
    W_T_BIO = 1u << 19,
    W_T_SUPPORT = 1u << 20,
    W_DONATE = 1u << 21,
    W_VIDEO = 1u << 22,    /* the word "video" */
    W_WE = 1u << 23,       /* us, our */
    W_FIRST = 1u << 24     /* first word of some widget phrase */
};

static const char *const w_you[] = {"you", "your", NULL};
static const char *const w_we[] = {"us", "our", NULL};
static const char *const w_credit_trig[] = {
    "getty", "gettyimages", "photo", "photos", "photograph", "afp", "epa", "efe", "shutterstock",
    "foto", "image", "images", "picture", "sputnik", "tass", "xinhua", "anadolu", "novosti",
    "dpa", "courtesy", NULL};
static const char *const w_cookie_trig[] = {"cookie", "cookies", NULL};
static const char *const w_paywall_trig[] = {"reading", "access", "account", "trial", "paywall",
                                             "subscriber", "subscribers", NULL};
static const char *const w_journ_trig[] = {"journalism", NULL};
static const char *const w_news_trig[] = {"newsletter", "newsletters", "inbox", "sign", NULL};
static const char *const w_contrib_trig[] = {"contributed", NULL};
static const char *const w_bio_trig[] = {"journalist", "reporter", "correspondent", "writer",
                                         "editor", "columnist", "contributor", "freelance",
                                         "photographer", NULL};
static const char *const w_support_trig[] = {"support", "member", "patron", "help", NULL};
static const char *const w_donate[] = {"donate", "donation", "donations", "patreon", NULL};
static const char *const w_video[] = {"video", NULL};

typedef struct wslot {
    const char *w;
    uint32_t len, mask;
} wslot;
#define WTAB_SIZE 2048u
static wslot wtab[WTAB_SIZE];
static pthread_once_t wtab_once = PTHREAD_ONCE_INIT;
/* byte -> lowercase ASCII letter or digit, 1 for bytes >= 0x80, 0 for the rest */
static unsigned char nmap[256];
/* byte classes for the feature pass */
enum { F_DIGIT = 1, F_SPACE = 2, F_LETTER = 4, F_FOREIGN = 8 };
static unsigned char fcls[256];

/* Cheap word hash: length, first three and last two bytes (n >= 1). */
static inline uint32_t whash(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    uint32_t h = (uint32_t)n * 0x9E3779B1u;
    h = (h ^ u[0]) * 31u;
    if (n > 1) h = (h ^ u[1]) * 31u;
    if (n > 2) h = (h ^ u[2]) * 31u;
    if (n > 3) h = (h ^ u[n - 2]) * 31u;
    h = (h ^ u[n - 1]) * 0x85EBCA6Bu;
    return h ^ (h >> 15);
}

static void wtab_add(const char *const *list, uint32_t mask)
{
    for (; *list; list++) {
        const char *w = *list;
        size_t n = strlen(w);
        if (memchr(w, ' ', n)) continue; /* phrases are searched as phrases */
        uint32_t h = whash(w, n) & (WTAB_SIZE - 1);
        while (wtab[h].w && !(wtab[h].len == n && !memcmp(wtab[h].w, w, n)))
            h = (h + 1) & (WTAB_SIZE - 1);
        wtab[h].w = w;
        wtab[h].len = (uint32_t)n;
        wtab[h].mask |= mask;
    }
}

static void wtab_add_first(const char *const *list)
{
    for (; *list; list++) {
        const char *w = *list;
        size_t n = strcspn(w, " :/");
        uint32_t h = whash(w, n) & (WTAB_SIZE - 1);
        while (wtab[h].w && !(wtab[h].len == n && !memcmp(wtab[h].w, w, n)))
            h = (h + 1) & (WTAB_SIZE - 1);
        wtab[h].w = w;
        wtab[h].len = (uint32_t)n;
        wtab[h].mask |= W_FIRST;
    }
}

static uint32_t wlookup(const char *s, size_t n)
{
    uint32_t h = whash(s, n) & (WTAB_SIZE - 1);
    while (wtab[h].w) {
        if (wtab[h].len == n && !memcmp(wtab[h].w, s, n)) return wtab[h].mask;
        h = (h + 1) & (WTAB_SIZE - 1);
    }
    return 0;
}

static int foreign_lead(unsigned char c);

static void wtab_build(void)
{
    for (int c = 0; c < 256; c++) {
        nmap[c] = (unsigned char)(c >= 0x80 ? 1 : c_isalnum(c) ? c_tolower(c) : 0);
        fcls[c] = (unsigned char)((c_isdigit(c) ? F_DIGIT : 0) |
                                  (is_space((unsigned char)c) || c == '\n' ? F_SPACE : 0) |
                                  (c_isalpha(c) || c >= 0x80 ? F_LETTER : 0) |
                                  (foreign_lead((unsigned char)c) ? F_FOREIGN : 0));
    }
    wtab_add(en_function, W_EN);
    wtab_add(foreign_function, W_FF);
    wtab_add(share_vocab, W_SHARE);
    wtab_add(share_core, W_SHARECORE);
    wtab_add(date_vocab, W_DATE);
    wtab_add(date_core, W_DATECORE);
    wtab_add(reporting_words, W_REPORT);
    wtab_add(plea_persons, W_PLEA);
    wtab_add(w_you, W_YOU);
    wtab_add(w_we, W_WE);
    wtab_add(credit_words, W_CREDITW);
    wtab_add(video_words, W_VIDEOW);
    wtab_add(social_nets, W_SOCIAL);
    wtab_add(foreign_caption_words, W_FCAP);
    wtab_add(w_credit_trig, W_T_CREDIT);
    wtab_add(w_cookie_trig, W_T_COOKIE);
    wtab_add(w_paywall_trig, W_T_PAYWALL);
    wtab_add(w_journ_trig, W_T_JOURN);
    wtab_add(w_news_trig, W_T_NEWS);
    wtab_add(w_contrib_trig, W_T_CONTRIB);
    wtab_add(w_bio_trig, W_T_BIO);
    wtab_add(w_support_trig, W_T_SUPPORT);
    wtab_add(w_donate, W_DONATE);
    wtab_add(w_video, W_VIDEO);
    const char *const *firsts[] = {advert_exact,   comment_exact,   comment_prefix, source_exact,
                                   source_prefix,  related_exact,   related_head,   subscribe_exact,
                                   video_exact,    video_heads,     caption_heads,  social_prefix,
                                   credit_prefix,  credit_prefix_weak, by_heads,    byline_heads,
                                   follow_heads,   audio_exact,     tag_heads,      nav_exact,
                                   click_heads};
    for (size_t i = 0; i < sizeof firsts / sizeof firsts[0]; i++) wtab_add_first(firsts[i]);
}

/* Words of a normalised line: union and intersection of their bits
 * (a number counts as a share/date word), how many, how many foreign. */
typedef struct winfo {
    uint32_t any, all;
    int nw, nff, nen;
    unsigned ndig, nlet, nfor; /* digits, letters (bytes), foreign-letter lead bytes */
} winfo;

/* norm_copy and word_info in one pass: the normalised text goes to out, the
 * words are looked up as they end. */
static inline uint32_t word_mask(const char *w, uint32_t k, uint32_t h)
{
    if (k > 24) return 0; /* no listed word is that long */
    uint32_t p = h & (WTAB_SIZE - 1);
    while (wtab[p].w) {
        if (wtab[p].len == k && !memcmp(wtab[p].w, w, k)) return wtab[p].mask;
        p = (p + 1) & (WTAB_SIZE - 1);
    }
    return 0;
}

/* "20th", "1st": digits and an ordinal suffix */
static int is_ordinal(const char *w, size_t k, size_t lead)
{
    if (lead == 0 || lead > 2 || k != lead + 2) return 0;
    const char *x = w + lead;
    return !memcmp(x, "st", 2) || !memcmp(x, "nd", 2) || !memcmp(x, "rd", 2) || !memcmp(x, "th", 2);
}

static size_t norm_words(const char *s, size_t n, char *restrict out, size_t cap, winfo *wi)
{
    /* each input byte gives at most one output byte (a separator run becomes
     * one space before the next word), so n < cap keeps us inside out[] */
    if (n + 2 > cap) n = cap - 2;
    const unsigned char *restrict p = (const unsigned char *)s;
    const unsigned char *const end = p + n;
    const unsigned char *restrict map = nmap;
    char *restrict q = out;
    uint32_t any = 0, all = ~0u;
    unsigned nw = 0, nff = 0, nen = 0, ndig = 0, nlet = 0, nfor = 0;
    while (p < end) {
        /* separators */
        while (p < end) {
            unsigned c = map[*p];
            if (c > 1) break;
            if (c == 1) {
                if (*p == 0xE2 && end - p > 2 && p[1] >= 0x80 && p[1] <= 0x81) {
                    p += 3; /* general punctuation block: quotes, dashes, bullets */
                    continue;
                }
                if (*p == 0xC2 && end - p > 1 && p[1] < 0xC0) {
                    p += 2; /* Latin-1 punctuation: guillemets, degree, nbsp */
                    continue;
                }
                break; /* a letter of another script */
            }
            p++;
        }
        if (p >= end) break;
        if (q > out) *q++ = ' ';
        char *w = q;
        /* the word */
        while (p < end) {
            unsigned c = map[*p];
            if (c > 1) {
                *q++ = (char)c;
                p++;
                continue;
            }
            if (c == 0) break;
            unsigned char b = *p;
            if ((b == 0xE2 && end - p > 2 && p[1] >= 0x80 && p[1] <= 0x81) ||
                (b == 0xC2 && end - p > 1 && p[1] < 0xC0))
                break;
            if (foreign_lead(b) && !(b == 0xC3 && end - p > 1 && (p[1] == 0x97 || p[1] == 0xB7)))
                nfor++;
            *q++ = (char)b;
            p++;
        }
        size_t k = (size_t)(q - w);
        nlet += (unsigned)k;
        uint32_t m = k <= 24 ? word_mask(w, (uint32_t)k, whash(w, k)) : 0;
        if (c_isdigit((unsigned char)w[0])) {
            /* numbers; digits are counted in words that start with one ("F-16" -> "f 16") */
            size_t lead = 1;
            while (lead < k && c_isdigit((unsigned char)w[lead])) lead++;
            if (lead == k || is_ordinal(w, k, lead)) m |= W_SHARE | W_DATE;
            for (size_t z = 0; z < k; z++) ndig += c_isdigit((unsigned char)w[z]);
        }
        any |= m;
        all &= m;
        nw++;
        nff += (m & W_FF) != 0;
        nen += (m & W_EN) != 0;
    }
    *q = 0;
    winfo r;
    r.any = any;
    r.all = nw ? all : 0;
    r.nw = (int)nw;
    r.nff = (int)nff;
    r.nen = (int)nen;
    r.ndig = ndig;
    r.nlet = nlet >= ndig ? nlet - ndig : 0; /* word bytes that are not digits */
    r.nfor = nfor;
    *wi = r;
    return (size_t)(q - out);
}

/* ------------------------------------------------------------------ */
/* features */

/* Skip leading quote / bracket / dash / bullet characters. */
static size_t skip_open(const char *s, size_t n, int *quoted)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\'' || c == '(' || c == '[' || c == '{' || c == '*' || c == '-' ||
            c == ' ' || c == '`') {
            if ((c == '"' || c == '\'' || c == '`') && quoted) *quoted = 1;
            i++;
        } else if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80) {
            unsigned char d = (unsigned char)s[i + 2];
            /* ‘ “ „ ‚ – — • */
            if (d == 0x98 || d == 0x9C || d == 0x9E || d == 0x9A) {
                if (quoted) *quoted = 1;
            } else if (!(d == 0x93 || d == 0x94 || d == 0xA2)) {
                break;
            }
            i += 3;
        } else if (c == 0xC2 && i + 1 < n && ((unsigned char)s[i + 1] == 0xAB ||
                                              (unsigned char)s[i + 1] == 0xBF ||
                                              (unsigned char)s[i + 1] == 0xA1)) {
            if ((unsigned char)s[i + 1] == 0xAB && quoted) *quoted = 1;
            i += 2;
        } else {
            break;
        }
    }
    return i;
}

/* Position after stripping closing quotes / brackets / spaces at the end. */
static size_t strip_close(const char *s, size_t n)
{
    while (n > 0) {
        unsigned char c = (unsigned char)s[n - 1];
        if (c == '"' || c == '\'' || c == ')' || c == ']' || c == '*' || is_space(c) ||
            c == '\n') {
            n--;
        } else if (n >= 3 && (unsigned char)s[n - 3] == 0xE2 && (unsigned char)s[n - 2] == 0x80 &&
                   ((unsigned char)s[n - 1] == 0x99 || (unsigned char)s[n - 1] == 0x9D)) {
            n -= 3; /* ’ ” */
        } else if (n >= 2 && (unsigned char)s[n - 2] == 0xC2 &&
                   ((unsigned char)s[n - 1] == 0xBB || (unsigned char)s[n - 1] == 0xA0)) {
            n -= 2; /* » and no-break space */
        } else {
            break;
        }
    }
    return n;
}

static int is_upper_start(const unsigned char *p, size_t n)
{
    if (n == 0) return 0;
    if (c_isupper(p[0]) || c_isdigit(p[0])) return 1;
    if (n >= 2 && p[0] == 0xC3 && p[1] >= 0x80 && p[1] <= 0x9E) return 1;  /* À..Þ */
    if (n >= 2 && p[0] == 0xD0 && p[1] >= 0x80 && p[1] <= 0xAF) return 1;  /* Ѐ..Я */
    if (n >= 2 && (p[0] == 0xC4 || p[0] == 0xC5) && (p[1] & 1) == 0) return 1; /* Ā Ą Č ... */
    return 0;
}

static int foreign_lead(unsigned char c)
{
    return (c >= 0xC3 && c <= 0xDB) || (c >= 0xE3 && c <= 0xED);
}

static void features(const char *s, size_t n, unit_t *u)
{
    size_t m = n < FEAT_MAX ? n : FEAT_MAX;
    int quoted = 0;
    size_t b = skip_open(s, m, &quoted);
    u->quote_start = (uint8_t)quoted;
    u->startcap = (uint8_t)is_upper_start((const unsigned char *)s + b, m - b);
    size_t e = strip_close(s, n);
    u->endterm = u->endperiod = 0;
    int endcolon = 0;
    if (e > 0) {
        unsigned char c = (unsigned char)s[e - 1];
        if (c == '.' || c == '!' || c == '?') u->endterm = 1;
        if (c == '.') u->endperiod = 1;
        if (c == ':') endcolon = 1;
        if (e >= 3 && (unsigned char)s[e - 3] == 0xE2 && (unsigned char)s[e - 2] == 0x80 &&
            c == 0xA6)
            u->endterm = 1; /* … */
    }
    /* digits, letters and foreign letters are counted by classify's word pass */
    unsigned words = 0, lower = 0, upper = 0;
    const unsigned char *us = (const unsigned char *)s;
    size_t i = 0;
    while (i < m) {
        while (i < m && (fcls[us[i]] & F_SPACE)) i++;
        if (i >= m) break;
        size_t ws = i;
        while (i < m && !(fcls[us[i]] & F_SPACE)) i++;
        size_t a = nmap[us[ws]] > 1 ? ws : ws + skip_open(s + ws, i - ws, NULL);
        if (a >= i) continue;
        unsigned char c = (unsigned char)s[a];
        if (!c_isalnum(c) && c < 0x80) continue; /* a lone symbol is no word */
        words++;
        if (c_islower(c)) {
            lower++;
        } else if (is_upper_start((const unsigned char *)s + a, i - a)) {
            upper++;
        }
    }
    u->words = (uint16_t)(words > 65535 ? 65535 : words);
    u->lower = (uint16_t)(lower > 65535 ? 65535 : lower);
    u->upper = (uint16_t)(upper > 65535 ? 65535 : upper);
    u->fw = 0; /* set by classify from its word pass */
    u->digits = 0;
    u->foreign = 0;
    u->sent = u->startcap && (u->endterm || (endcolon && words >= 6)) && words >= 2 &&
              lower >= 1 && (words >= 3 || u->endterm);
    /* title shape: short, capital start, no final full stop (and mostly
     * letters: checked by classify, which counts them) */
    u->titleshape = n <= 250 && words >= 2 && words <= 25 && u->startcap && !u->endperiod &&
                    !endcolon;
}

/* ------------------------------------------------------------------ */
/* widget formats */

/* "-1.7 C", "London 12°C", "23°", "Kyiv −3 °C" */
static int is_weather(const char *s, size_t n)
{
    if (n == 0 || n > 48) return 0;
    size_t i = 0;
    while (i < n && (c_isalpha((unsigned char)s[i]) || s[i] == ' ' || s[i] == ',' || s[i] == '.' ||
                     s[i] == '\''))
        i++;
    if (i > 28) return 0;
    if (i < n && (s[i] == '-' || s[i] == '+')) i++;
    else if (i + 2 < n && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x88 &&
             (unsigned char)s[i + 2] == 0x92)
        i += 3; /* − */
    size_t d0 = i;
    while (i < n && c_isdigit((unsigned char)s[i])) i++;
    if (i == d0 || i - d0 > 3) return 0;
    if (i + 1 < n && (s[i] == '.' || s[i] == ',') && c_isdigit((unsigned char)s[i + 1])) {
        i++;
        while (i < n && c_isdigit((unsigned char)s[i])) i++;
    }
    while (i < n && s[i] == ' ') i++;
    int deg = 0;
    if (i + 1 < n && (unsigned char)s[i] == 0xC2 &&
        ((unsigned char)s[i + 1] == 0xB0 || (unsigned char)s[i + 1] == 0xBA)) {
        deg = 1;
        i += 2;
    }
    while (i < n && s[i] == ' ') i++;
    int unit = 0;
    if (i < n && (s[i] == 'C' || s[i] == 'F')) {
        unit = 1;
        i++;
    }
    if (!deg && !unit) return 0;
    while (i < n && is_space((unsigned char)s[i])) i++;
    return i == n;
}

/* "02:15", "1:02:15" */
static int is_duration(const char *s, size_t n)
{
    size_t i = 0, groups = 0;
    while (i < n) {
        size_t d0 = i;
        while (i < n && c_isdigit((unsigned char)s[i])) i++;
        if (i == d0 || i - d0 > 2) return 0;
        groups++;
        if (i < n) {
            if (s[i] != ':') return 0;
            i++;
        }
    }
    return groups >= 2 && groups <= 3;
}

static int is_date_widget(const char *norm, size_t len, int clock, const winfo *wi)
{
    if (len == 0 || len > 64 || !(wi->all & W_DATE)) return 0;
    int groups = 0, year = 0;
    for (const char *p = norm; *p;) {
        /* every number is a day, a year or part of a clock time */
        size_t k = strcspn(p, " ");
        if (strspn(p, "0123456789") >= k) {
            long v = strtol(p, NULL, 10);
            int ok = (k <= 2 && v >= 1 && v <= 31) || (k == 4 && v >= 1900 && v <= 2099) ||
                     (k == 2 && clock && v <= 59);
            if (!ok) return 0;
            groups++;
            if (k == 4) year = 1;
        }
        p += k;
        if (*p) p++;
    }
    if (wi->any & W_DATECORE) return wi->nw <= 12;
    return groups >= 3 && year; /* 2023 11 30 */
}

/* "Reporting by Jane Doe": the first " by " is followed by a capitalised name. */
static int by_name_follows(const char *s, size_t n)
{
    for (size_t i = 0; i + 4 < n; i++) {
        if (s[i] == ' ' && (s[i + 1] == 'b' || s[i + 1] == 'B') && (s[i + 2] == 'y' || s[i + 2] == 'Y') &&
            s[i + 3] == ' ') {
            size_t j = i + 4;
            while (j < n && s[j] == ' ') j++;
            return j < n && is_upper_start((const unsigned char *)s + j, n - j) &&
                   !c_isdigit((unsigned char)s[j]);
        }
    }
    return 1; /* "Additional reporting" without "by" */
}

/* "By Jane Doe and John Roe, Reuters" */
static int is_byline(const char *s, size_t n, const char *norm, const unit_t *u)
{
    if (n > 140 || u->sent) return 0;
    const char *rest = NULL;
    for (const char *const *h = byline_heads; *h; h++) {
        size_t k = strlen(*h);
        if (strncmp(norm, *h, k) == 0 && norm[k] == ' ') {
            rest = norm + k + 1;
            if (strcmp(*h, "by") == 0 && !(n > 3 && (s[0] == 'B') && (s[1] == 'y' || s[1] == 'Y')))
                return 0;
            break;
        }
    }
    if (!rest) return 0;
    /* the rest must look like names: every word capitalised in the original, or a connector */
    size_t i = 0;
    int names = 0;
    while (i < n && !is_space((unsigned char)s[i])) i++; /* skip the head word "By" */
    if (strncmp(norm, "written by", 10) == 0 || strncmp(norm, "posted by", 9) == 0 ||
        strncmp(norm, "words by", 8) == 0) {
        while (i < n && is_space((unsigned char)s[i])) i++;
        while (i < n && !is_space((unsigned char)s[i])) i++;
    }
    while (i < n) {
        while (i < n && (is_space((unsigned char)s[i]) || s[i] == ',' || s[i] == '|' ||
                         s[i] == '&' || s[i] == ':' || s[i] == '-' || s[i] == '/'))
            i++;
        if (i >= n) break;
        size_t ws = i;
        while (i < n && !is_space((unsigned char)s[i]) && s[i] != ',' && s[i] != '|' && s[i] != '/')
            i++;
        const unsigned char *w = (const unsigned char *)s + ws;
        char fw[8];
        size_t fk = 0;
        for (size_t z = ws; z < i && fk < 7 && c_isalpha((unsigned char)s[z]); z++)
            fw[fk++] = (char)c_tolower((unsigned char)s[z]);
        if (fk == i - ws && (wlookup(fw, fk) & W_EN) && !in_list(fw, fk, name_connectors))
            return 0; /* "BY X ON THE Y" is no byline */
        if (is_upper_start(w, i - ws)) {
            names++;
            continue;
        }
        char lw[8];
        size_t k = 0;
        for (size_t z = ws; z < i && k < 7; z++) lw[k++] = (char)c_tolower((unsigned char)s[z]);
        if (i - ws < 7 && in_list(lw, i - ws, name_connectors)) continue;
        if (w[0] >= 0x80) {
            names++;
            continue;
        }
        return 0;
    }
    return names >= 1 && names <= 12;
}

/* ------------------------------------------------------------------ */
/* context-free rules */

typedef struct ctx_t {
    uint32_t index, nunits;
} ctx_t;

static int starts_ci(const char *low, const char *const *heads, const char *seps)
{
    for (const char *const *h = heads; *h; h++) {
        size_t k = strlen(*h);
        if (strncmp(low, *h, k) != 0) continue;
        const char *p = low + k;
        while (*p == ' ') p++;
        if (*p && strchr(seps, *p)) return 1;
        /* multi-byte separators: – — | » */
        if ((unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 &&
            ((unsigned char)p[2] == 0x93 || (unsigned char)p[2] == 0x94))
            return 1;
        if ((unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xBB) return 1;
    }
    return 0;
}

/* lowercase copy made on first use */
typedef struct lazy_low {
    const char *s;
    size_t n, len;
    int done;
    char buf[NORM_MAX];
} lazy_low;

static const char *get_low(lazy_low *l)
{
    if (!l->done) {
        l->len = lower_copy(l->s, l->n, l->buf, sizeof l->buf);
        l->done = 1;
    }
    return l->buf;
}

static int has_quote(const char *s, size_t n, const unit_t *u)
{
    if (u->quote_start || memchr(s, '"', n)) return 1;
    for (const char *p = s; (p = memchr(p, 0xE2, (size_t)(s + n - p))) != NULL; p++)
        if (p + 2 < s + n && (unsigned char)p[1] == 0x80 &&
            ((unsigned char)p[2] == 0x9C || (unsigned char)p[2] == 0x9D))
            return 1;
    return 0;
}

static int classify(const char *s, size_t n, unit_t *u, const ctx_t *cx)
{
    /* the start of the line, lowercased, for "Photo:", "Read more:"... */
    char head[64];
    if (n > 400) {
        /* English function words from the first 200 bytes */
        char nb[224];
        winfo wl;
        norm_words(s, 200, nb, sizeof nb, &wl);
        u->fw = (uint16_t)wl.nen;
        u->digits = (uint16_t)(wl.ndig > 65535 ? 65535 : wl.ndig);
        u->titleshape = 0;
        /* long paragraphs: an explicit caption head, a cookie notice */
        lower_copy(s, 60, head, sizeof head);
        if (starts_ci(head, caption_heads, ":")) return R_CAPTION;
        if (n <= NORM_MAX - 8 && mem_find(s, n, "ookie", 5)) {
            char low[NORM_MAX];
            lower_copy(s, n, low, sizeof low);
            if (strstr(low, "cookie") && contains_any(low, cookie_ctx) && !memchr(s, '"', n))
                return R_COOKIE;
        }
        return -1;
    }
    char norm[NORM_MAX];
    lazy_low lz;
    lz.s = s;
    lz.n = n;
    lz.done = 0;
    winfo wi;
    size_t nl;
    if (u->sent && n > PROSE_HEAD + PROSE_TAIL) {
        /* prose: widget words sit at the start or the end of such a line */
        winfo wt;
        nl = norm_words(s, PROSE_HEAD, norm, sizeof norm, &wi);
        norm[nl++] = ' ';
        nl += norm_words(s + n - PROSE_TAIL, PROSE_TAIL, norm + nl, sizeof norm - nl, &wt);
        wi.any |= wt.any;
        wi.all &= wt.all;
        wi.nw += wt.nw;
        wi.nff += wt.nff;
        wi.nen += wt.nen;
    } else {
        nl = norm_words(s, n, norm, sizeof norm, &wi);
    }
    u->hash = nl && n <= 120 ? tc_hash_bytes(norm, nl, 0x5c1ea9) | 1 : 0;
    u->fw = (uint16_t)wi.nen;
    u->digits = (uint16_t)(wi.ndig > 65535 ? 65535 : wi.ndig);
    u->foreign = wi.nfor > 0;
    if (u->titleshape && wi.nlet * 2 < (n < 240 ? n : 240)) u->titleshape = 0;
    u->ffw = (uint8_t)(wi.nff > 255 ? 255 : wi.nff);
    u->capvocab = (wi.any & W_FCAP) != 0;
    int reporting = (wi.any & W_REPORT) != 0;
    int you = (wi.any & W_YOU) != 0;
    int quote = -1; /* computed on demand */
    /* phrase lists are only searched when the line starts with one of their first words */
    size_t fl = strcspn(norm, " ");
    int first = fl && (wlookup(norm, fl) & W_FIRST);
    if (first) lower_copy(s, n < 60 ? n : 60, head, sizeof head);
    else head[0] = 0;

    /* ad plugin shortcodes: [ad_1], [/ad], [adsense id=3] */
    if (n >= 3 && s[0] == '[' && s[n - 1] == ']' && n <= 48) {
        size_t i = 1;
        if (s[i] == '/') i++;
        size_t w0 = i;
        while (i < n - 1 && (c_islower((unsigned char)s[i]) || c_isdigit((unsigned char)s[i]) ||
                             s[i] == '_' || s[i] == '-'))
            i++;
        if (i > w0 && c_isalpha((unsigned char)s[w0]) && (i == n - 1 || s[i] == ' ')) {
            int ok = 1;
            for (; i < n - 1; i++)
                if (!(c_isalnum((unsigned char)s[i]) || strchr(" _-=\"'/.", s[i]))) ok = 0;
            if (ok) return R_AD;
        }
    }
    if (n >= 7 && !strncmp(s, "<!--", 4)) return R_AD;
    if (cx->index + 1 == cx->nunits && (!strcmp(norm, "reuter") || !strcmp(norm, "reuters")) &&
        n <= 12)
        return R_SIGNOFF;
    int shortl = first && nl <= 64; /* exact phrases are short */
    if (shortl && eq_any(norm, advert_exact)) return R_ADVERT;
    if (first && !u->sent && u->words <= 7 && !strncmp(norm, "advertisement ", 14)) {
        /* "Advertisement - story continues below" */
        static const char *const adv_tail[] = {"story", "continue", "continues", "scroll",
                                               "article", "feature", "content", NULL};
        if (prefix_any(norm + 14, adv_tail)) return R_ADVERT;
    }
    if (shortl && eq_any(norm, nav_exact)) return R_NAV;
    if (shortl && eq_any(norm, audio_exact)) return R_AUDIO;
    {   /* "5 min read", "4 min listen" */
        const char *p = norm;
        while (c_isdigit((unsigned char)*p)) p++;
        if (p > norm && (!strcmp(p, " min read") || !strcmp(p, " minute read") ||
                         !strcmp(p, " mins read") || !strcmp(p, " minutes read")))
            return R_DATE;
        if (p > norm && (!strcmp(p, " min listen") || !strcmp(p, " minute listen")))
            return R_AUDIO;
    }
    if (first && n <= 300 && u->startcap && starts_ci(head, tag_heads, ":|")) return R_TAGS;
    if (first && n <= 200 && !u->sent && !strncmp(norm, "click here", 10)) return R_RELATED;

    if (nl && nl <= 100 && (wi.all & W_SHARE) && (wi.any & W_SHARECORE) && wi.nw <= 15 &&
        !(u->endterm && !strstr(get_low(&lz), "...") && !strstr(get_low(&lz), "\xe2\x80\xa6")))
        return R_SHARE;
    if (first && nl <= 120 && !u->sent && prefix_any(norm, social_prefix)) return R_SOCIAL;
    if (first && nl <= 120 && !u->sent && !strncmp(norm, "follow ", 7) && (wi.any & W_SOCIAL))
        return R_SOCIAL;
    /* "Follow the Opinion section on , and ." (the links were stripped) */
    if (first && n <= 120 && !strncmp(norm, "follow ", 7) &&
        (mem_find(s, n, " on ,", 5) || mem_find(s, n, " on .", 5) || mem_find(s, n, " or on .", 8)))
        return R_SOCIAL;
    /* "More Great WIRED Stories" */
    if (first && !u->sent && u->words <= 6 && !strncmp(norm, "more ", 5) &&
        (strstr(norm, " stories") || strstr(norm, " articles") || strstr(norm, " news") ||
         strstr(norm, " videos") || strstr(norm, " reads")))
        return R_RELATED;
    /* "Like this story? Share it with a friend!" */
    if (first && n <= 120 && (!strncmp(norm, "like this story", 15) || !strncmp(norm, "like this article", 17) ||
                              !strncmp(norm, "enjoyed this", 12) || !strncmp(norm, "share this story", 16) ||
                              !strncmp(norm, "share this article", 18)))
        return R_SHARE;
    /* "Posted on March 3, 2015 by Admin" */
    if (first && n <= 100 && !u->sent &&
        (!strncmp(norm, "posted on ", 10) || !strncmp(norm, "published on ", 13)) &&
        strstr(norm, " by "))
        return R_BYLINE;

    if (shortl && eq_any(norm, comment_exact)) return R_COMMENT;
    if (first && nl <= 200 && !u->quote_start && prefix_any(norm, comment_prefix))
        return R_COMMENT;
    {   /* "12 comments" */
        const char *p = norm;
        while (c_isdigit((unsigned char)*p)) p++;
        if (p > norm && (!strcmp(p, " comments") || !strcmp(p, " comment") ||
                         !strcmp(p, " replies") || !strcmp(p, " shares")))
            return R_COMMENT;
    }

    if (shortl && eq_any(norm, source_exact)) return R_SOURCE;
    if (first && nl <= 250 && prefix_any(norm, source_prefix)) return R_SOURCE;
    if (first && n <= 100 && !u->sent && (!strncmp(head, "source:", 7) || !strncmp(head, "sources:", 8) ||
                                 !strncmp(head, "source :", 8)))
        return R_SOURCE;

    if (shortl && eq_any(norm, related_exact)) {
        u->relhead = 1;
        return R_RELATED;
    }
    if (first && n <= 240 && u->startcap && starts_ci(head, related_head, ":|>-")) return R_RELATED;
    if (first && n <= 200 && !u->sent && u->startcap && prefix_any(norm, related_head) && u->words <= 20) {
        /* "Read more Ukraine news" but not "Related talks began..." */
        if (strncmp(norm, "related", 7) != 0 || u->words <= 3) return R_RELATED;
    }

    if (shortl && eq_any(norm, subscribe_exact))
        return strstr(norm, "donat") ? R_DONATE : R_SUBSCRIBE;
    if (!reporting && n <= 250 &&
        (wi.any & (W_PLEA | W_T_PAYWALL | W_T_NEWS | W_T_JOURN | W_T_SUPPORT | W_DONATE))) {
        quote = has_quote(s, n, u);
        if (!quote) {
            const char *sub = (wi.any & W_PLEA) ? strstr(norm, "subscri") : NULL;
            /* a plea is short, or speaks for the publisher ("our", "us") */
            if (sub && (sub == norm || sub[-1] == ' ') && (n <= 160 || (wi.any & W_WE)))
                return R_SUBSCRIBE;
            if ((wi.any & W_T_PAYWALL) && you && (n <= 100 || (wi.any & W_WE)) &&
                contains_any(get_low(&lz), paywall_phrases))
                return R_SUBSCRIBE; /* "Start your free trial", "... our subscribers" */
            if (wi.any & W_T_NEWS) {
                const char *low = get_low(&lz);
                if (strstr(low, "newsletter") &&
                    (contains_any(low, newsletter_ctx) || (!u->sent && u->words <= 6 && u->startcap)))
                    return R_NEWSLETTER;
                if (strstr(low, "sign up") && contains_any(low, signup_objects)) return R_NEWSLETTER;
                static const char *const inbox_ctx[] = {"get", "delivered", "straight", "sign",
                                                        "subscribe", "latest", "direct",
                                                        "directly", NULL};
                if (strstr(low, "your inbox") && contains_any(low, inbox_ctx))
                    return R_NEWSLETTER;
            }
            if ((wi.any & W_T_JOURN) && contains_any(get_low(&lz), journalism_pleas))
                return R_DONATE;
            if ((wi.any & W_T_SUPPORT) && you && contains_any(get_low(&lz), support_pleas))
                return R_DONATE;
            /* "please make a donation to support our work": the publisher asks */
            if ((wi.any & W_DONATE) && (wi.any & W_WE) &&
                (n <= 120 || contains_any(get_low(&lz), donate_ctx)))
                return R_DONATE;
        }
    }

    if (n <= 200 && ((!strncasecmp(s, "copyright", 9) || !strncmp(s, "\xc2\xa9", 2) ||
                      !strncasecmp(s, "(c) ", 4)) && !u->sent))
        return R_COPYRIGHT;
    if (n <= 200 && strstr(norm, "all rights reserved")) return R_COPYRIGHT;
    if ((wi.any & W_T_COOKIE) && !reporting) {
        if (quote < 0) quote = has_quote(s, n, u);
        if (!quote && contains_any(get_low(&lz), cookie_ctx)) return R_COOKIE;
    }
    if (n <= 48 && is_weather(s, n)) return R_WEATHER;
    if (n <= 8 && is_duration(s, n)) return R_VIDEO;
    size_t nlen = strlen(norm);
    int ampm = nlen >= 4 && (!strcmp(norm + nlen - 4, " a m") || !strcmp(norm + nlen - 4, " p m"));
    if ((!u->endperiod || ampm) &&
        is_date_widget(norm, nl, memchr(s, ':', n) != NULL, &wi))
        return R_DATE;

    /* video thumbnails and players */
    if (shortl && eq_any(norm, video_exact)) return R_VIDEO;
    if (first && n <= 240 && starts_ci(head, video_heads, ":|") && (!u->sent || u->words <= 20))
        return R_VIDEO;
    if (u->words <= 6 && !u->sent && (wi.any & W_VIDEO) && (wi.any & W_VIDEOW)) return R_VIDEO;
    if (u->words <= 6 && strstr(norm, "thumbnail")) return R_VIDEO;

    /* image credits and captions; AP's "FILE - In this photo..." */
    if (n >= 8 && (!strncmp(s, "FILE - ", 7) || !strncmp(s, "FILE \xe2\x80\x94 ", 9) ||
                   !strncmp(s, "FILE \xe2\x80\x93 ", 9) || !strncmp(s, "FILE PHOTO", 10)))
        return R_CAPTION;
    if (first && starts_ci(head, caption_heads, ":/|")) return R_CAPTION;
    if (first && n <= 300 && prefix_any(norm, by_heads)) return R_CAPTION;
    if (n <= 300 && ((wi.any & W_T_CREDIT) || mem_find(s, n, "\xc2\xa9", 2) ||
                     ((wi.any & W_CREDITW) && (memchr(s, '/', n) || memchr(s, ':', n) ||
                                               memchr(s, '(', n))))) {
        const char *low = get_low(&lz);
        const char *t = contains_any(low, credit_terms);
        if (t && !u->sent) return R_CAPTION;
        if (t) {
            /* a caption sentence with its credit in a final bracket: "... (AP Photo/X)" */
            const char *po = strrchr(low, '('), *pb = strrchr(low, '[');
            if (pb > po) po = pb;
            size_t e = lz.len;
            while (e > 0 && (low[e - 1] == ' ' || low[e - 1] == '.')) e--;
            if (po && t >= po && e > 0 && (low[e - 1] == ')' || low[e - 1] == ']'))
                return R_CAPTION;
        }
    }
    if (n <= 160 && (s[0] == '(' || s[0] == '[') && (s[n - 1] == ')' || s[n - 1] == ']') &&
        (wi.any & W_CREDITW) && !reporting) {
        /* the inside must not be a sentence of its own */
        unit_t in = {0};
        features(s + 1, n - 2, &in);
        if (!in.sent || in.words <= 6) return R_CAPTION;
    }

    /* credit lines */
    if (first && nl <= 300 && u->startcap && prefix_any(norm, credit_prefix) &&
        !(u->sent && u->words > 25) && by_name_follows(s, n))
        return R_CREDIT;
    if (first && nl <= 100 && u->startcap && !u->sent && prefix_any(norm, credit_prefix_weak))
        return R_CREDIT;
    if (nl <= 300 && (wi.any & W_T_CONTRIB) && contains_any(get_low(&lz), credit_contains))
        return R_CREDIT;

    if (first && n <= 140 && !u->sent && is_byline(s, n, norm, u)) return R_BYLINE;

    /* author bio near the end: "Jane Doe is a correspondent based in Kyiv." */
    if (cx->index + 3 >= cx->nunits && n <= 400 && (wi.any & W_T_BIO)) {
        size_t i = 0;
        int caps = 0;
        while (i < n && caps < 5) {
            size_t ws = i;
            while (i < n && !is_space((unsigned char)s[i])) i++;
            if (!is_upper_start((const unsigned char *)s + ws, i - ws) || memchr(s + ws, ',', i - ws)) {
                i = ws;
                break;
            }
            caps++;
            while (i < n && is_space((unsigned char)s[i])) i++;
        }
        if (caps >= 2 && caps <= 4) {
            static const char *const bio_verbs[] = {"is a ", "is an ", "is the ", "writes ",
                                                    "covers ", "reports ", "has been a ",
                                                    "was a ", NULL};
            for (const char *const *v = bio_verbs; *v; v++) {
                if (strncmp(s + i, *v, strlen(*v)) != 0) continue;
                /* the job word comes soon after the verb */
                char jb[96];
                lower_copy(s + i, n - i < 80 ? n - i : 80, jb, sizeof jb);
                if (contains_any(jb, bio_words)) return R_BIO;
            }
        }
    }
    return -1;
}

/* ------------------------------------------------------------------ */
/* dateline */

static const char *const month_names[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                          "jul", "aug", "sep", "oct", "nov", "dec"};
static const char *const month_full[] = {"january", "february", "march",     "april",
                                         "may",     "june",     "july",      "august",
                                         "september", "october", "november", "december"};

/* Month name or abbreviation ("Feb", "Feb.", "Sept.", "March") at s; returns bytes used. */
static size_t parse_month(const char *s, size_t n, int *month)
{
    size_t k = 0;
    char w[12];
    while (k < n && k < 11 && c_isalpha((unsigned char)s[k])) {
        w[k] = (char)c_tolower((unsigned char)s[k]);
        k++;
    }
    if (k < 3 || (k < n && c_isalpha((unsigned char)s[k])) || !c_isupper((unsigned char)s[0])) return 0;
    w[k] = 0;
    for (int m = 0; m < 12; m++) {
        if (!strcmp(w, month_full[m]) || !strcmp(w, month_names[m]) ||
            (m == 8 && !strcmp(w, "sept"))) {
            *month = m + 1;
            if (k < n && s[k] == '.' && strcmp(w, month_full[m]) != 0) k++;
            return k;
        }
    }
    return 0;
}

/* ", Feb 12" / ", 12 Feb" / ", March 3, 2024" after a place; returns bytes used or 0. */
static size_t parse_date(const char *s, size_t n, int *month, int *day)
{
    size_t i = 0;
    if (i < n && s[i] == ',') i++;
    while (i < n && s[i] == ' ') i++;
    int m = 0, d = 0;
    size_t k = parse_month(s + i, n - i, &m);
    if (k) {
        i += k;
        if (i >= n || s[i] != ' ') return 0;
        while (i < n && s[i] == ' ') i++;
        size_t d0 = i;
        while (i < n && c_isdigit((unsigned char)s[i]) && i - d0 < 3) d = d * 10 + (s[i++] - '0');
        if (i == d0 || i - d0 > 2) return 0;
    } else {
        size_t d0 = i;
        while (i < n && c_isdigit((unsigned char)s[i]) && i - d0 < 3) d = d * 10 + (s[i++] - '0');
        if (i == d0 || i - d0 > 2 || i >= n || s[i] != ' ') return 0;
        i++;
        k = parse_month(s + i, n - i, &m);
        if (!k) return 0;
        i += k;
    }
    if (d < 1 || d > 31) return 0;
    /* optional ", 2024" */
    if (i + 5 < n && s[i] == ',' && s[i + 1] == ' ' && c_isdigit((unsigned char)s[i + 2]) &&
        c_isdigit((unsigned char)s[i + 3]) && c_isdigit((unsigned char)s[i + 4]) &&
        c_isdigit((unsigned char)s[i + 5]) && (i + 6 >= n || !c_isdigit((unsigned char)s[i + 6])))
        i += 6;
    *month = m;
    *day = d;
    return i;
}

/* An all-caps word (KYIV, U.S., N'DJAMENA, SÃO); returns bytes, letters counted. */
static size_t caps_word(const char *s, size_t n, int *letters)
{
    size_t i = 0;
    int l = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c_isupper(c)) {
            l++;
            i++;
        } else if (c == '.' || c == '\'' || c == '-') {
            i++;
        } else if (c >= 0xC3 && c <= 0xD4 && i + 1 < n) {
            /* non-ASCII: accept uppercase Latin-1 / Latin Ext-A (even) / Cyrillic caps */
            unsigned char d = (unsigned char)s[i + 1];
            if ((c == 0xC3 && d >= 0x80 && d <= 0x9E) || ((c == 0xC4 || c == 0xC5) && !(d & 1)) ||
                (c == 0xD0 && d >= 0x80 && d <= 0xAF)) {
                l++;
                i += 2;
            } else {
                return 0;
            }
        } else {
            break;
        }
    }
    if (i < n && (c_islower((unsigned char)s[i]) || c_isdigit((unsigned char)s[i]))) return 0;
    *letters = l;
    return l ? i : 0;
}

/* A title-case word (Ukraine, Calif., N.Y., Kyiv) */
static size_t title_word(const char *s, size_t n)
{
    if (n == 0 || !is_upper_start((const unsigned char *)s, n) || c_isdigit((unsigned char)s[0]))
        return 0;
    size_t i = 0;
    while (i < n && (c_isalpha((unsigned char)s[i]) || s[i] == '.' || s[i] == '\'' || s[i] == '-' ||
                     (unsigned char)s[i] >= 0x80))
        i++;
    return i;
}

/* Separator after a dateline: -, --, —, –, ―; returns bytes incl. the spaces after. */
static size_t parse_sep(const char *s, size_t n, int *kind)
{
    size_t i = 0;
    while (i < n && s[i] == ' ') i++;
    size_t d = i;
    *kind = 2;
    if (i < n && s[i] == '-') {
        i++;
        *kind = 1;
        if (i < n && s[i] == '-') {
            i++;
            *kind = 2;
        }
    } else if (i + 2 < n && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
               ((unsigned char)s[i + 2] == 0x93 || (unsigned char)s[i + 2] == 0x94 ||
                (unsigned char)s[i + 2] == 0x95)) {
        i += 3;
    }
    if (i == d) return 0;
    size_t sp = i;
    while (i < n && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t')) i++;
    if (i == sp && s[d] == '-') return 0; /* "KYIV-based" is no dateline */
    return i;
}

static int body_start_ok(const char *s, size_t n, int strict)
{
    if (n == 0) return 0;
    unsigned char c = (unsigned char)s[0];
    if (strict) {
        int q = 0;
        size_t b = skip_open(s, n, &q);
        return is_upper_start((const unsigned char *)s + b, n - b);
    }
    return c_isalnum(c) || c >= 0x80 || c == '"' || c == '\'' || c == '(';
}

size_t tc_clean_dateline_parse(const char *s, size_t n, tc_clean_dateline *out)
{
    tc_clean_dateline dl = {0};
    size_t i = 0;
    if (!s) return 0;
    if (n > 200) n = 200; /* a dateline is short */
    size_t place_end = 0;
    int caps = 0, title = 0, region = 0, letters = 0;
    if (i < n && s[i] != '(') {
        /* place: all-caps words, or title-case words */
        size_t p = i;
        for (int w = 0; w < 5; w++) {
            int l = 0;
            size_t k = caps_word(s + p, n - p, &l);
            if (!k) break;
            letters += l;
            p += k;
            caps++;
            place_end = p;
            if (p < n && s[p] == ' ' && p + 1 < n && c_isupper((unsigned char)s[p + 1])) {
                int l2 = 0;
                if (caps_word(s + p + 1, n - p - 1, &l2)) {
                    p++;
                    continue;
                }
            }
            break;
        }
        if (caps && letters < 3) return 0;
        if (!caps) {
            for (int w = 0; w < 3; w++) {
                size_t k = title_word(s + p, n - p);
                if (!k) break;
                p += k;
                title++;
                place_end = p;
                if (p + 1 < n && s[p] == ' ' && is_upper_start((const unsigned char *)s + p + 1, n - p - 1))
                    p++;
                else
                    break;
            }
            if (!title) return 0;
        }
        i = place_end;
        if (caps) {
            char w[24];
            size_t k = place_end < sizeof w - 1 ? place_end : sizeof w - 1;
            memcpy(w, s, k);
            w[k] = 0;
            for (const char *const *l = news_labels; *l; l++)
                if (!strcmp(w, *l)) return 0;
        }
        /* ", Region" (not a date) */
        int m = 0, d = 0;
        if (i + 2 < n && s[i] == ',' && s[i + 1] == ' ' && !parse_date(s + i, n - i, &m, &d)) {
            size_t p2 = i + 2;
            int nr = 0;
            for (int w = 0; w < 3; w++) {
                size_t k = title_word(s + p2, n - p2);
                if (!k) {
                    int l = 0;
                    k = caps_word(s + p2, n - p2, &l);
                }
                if (!k) break;
                p2 += k;
                nr++;
                if (p2 + 1 < n && s[p2] == ' ' && is_upper_start((const unsigned char *)s + p2 + 1, n - p2 - 1) &&
                    !(s[p2 + 1] == '(' ))
                    p2++;
                else
                    break;
            }
            if (nr && p2 < n && s[p2] == ' ') {
                /* region only counts when the dateline goes on: date, agency or dash */
                region = 1;
                i = p2;
                place_end = p2;
            } else if (nr && p2 < n && s[p2] == ',') {
                region = 1;
                i = p2;
                place_end = p2;
            }
        }
        dl.place = s;
        dl.place_len = place_end;
        /* date */
        size_t k = parse_date(s + i, n - i, &m, &d);
        if (k && (s[i] == ',')) {
            dl.month = m;
            dl.day = d;
            i += k;
        }
    }
    /* (agency) */
    size_t j = i;
    while (j < n && s[j] == ' ') j++;
    if (j < n && s[j] == '(') {
        size_t a = j + 1, e = a;
        while (e < n && e - a <= 40 && s[e] != ')' && (c_isalpha((unsigned char)s[e]) || s[e] == ' ' ||
                                                       s[e] == '.' || s[e] == '&' || s[e] == '-' ||
                                                       s[e] == '\'' || s[e] == '/'))
            e++;
        if (e < n && s[e] == ')' && e > a && c_isalpha((unsigned char)s[a])) {
            dl.agency = s + a;
            dl.agency_len = e - a;
            i = e + 1;
        } else if (!dl.place) {
            return 0;
        }
    } else if (!dl.place) {
        return 0;
    }
    int dash_kind = 0;
    size_t k = parse_sep(s + i, n - i, &dash_kind);
    if (!k) return 0;
    i += k;
    if (i >= n) return 0;
    /* how sure are we?  An agency or a date makes it a dateline; a bare place
     * needs capitals and a capitalised body start (not "NATO - the alliance"). */
    int strong = dl.agency || dl.month;
    if (!strong) {
        /* "WASHINGTON —": a bare place needs capitals and a dash that is not a hyphen */
        if (!caps || dash_kind == 1) return 0;
        if (!body_start_ok(s + i, n - i, 1)) return 0;
    } else if (!body_start_ok(s + i, n - i, 0)) {
        return 0;
    }
    (void)region;
    if (out) *out = dl;
    return i;
}

/* ------------------------------------------------------------------ */
/* the cleaner */

static int line_endterm(const char *s, size_t n)
{
    size_t e = strip_close(s, n);
    if (!e) return 0;
    char c = s[e - 1];
    return c == '.' || c == '!' || c == '?' || c == ':' || c == ';';
}

static int add_drop(tc_doc *d, tc_buf *drops, const char *rule, const char *text, size_t len,
                    uint32_t line, const tc_clean_opts *opts)
{
    tc_clean_drop dr = {rule, text, (uint32_t)len, line};
    if (opts && opts->on_drop) opts->on_drop(opts->ud, d, &dr);
    return tc_buf_append(drops, &dr, sizeof dr) == TC_OK ? 0 : -1;
}

/* line number (1-based) of the first byte of a unit */
static tc_status emit_unit(tc_buf *out, const char *t, const line_t *lines, const unit_t *u,
                           uint32_t skip_to)
{
    int first = 1;
    for (uint32_t l = u->l0; l < u->l1; l++) {
        uint32_t a = lines[l].start, e = lines[l].start + lines[l].len;
        if (e <= skip_to) continue;
        if (a < skip_to) a = skip_to;
        while (a < e && is_space((unsigned char)t[a])) a++;
        if (a >= e) continue;
        if (!first && tc_buf_putc(out, ' ') != TC_OK) return TC_ENOMEM;
        if (tc_buf_append(out, t + a, e - a) != TC_OK) return TC_ENOMEM;
        first = 0;
    }
    return TC_OK;
}

static void set_dateline_meta(tc_doc *d, const tc_clean_dateline *dl)
{
    if (!dl->month || !d->date || strlen(d->date) < 7) return;
    const char *y = d->date;
    for (int k = 0; k < 4; k++)
        if (!c_isdigit((unsigned char)y[k])) return;
    int year = atoi(y);
    int dmonth = atoi(y + 5);
    if (dmonth == 1 && dl->month == 12) year--; /* a dateline from the last days of the year before */
    char buf[16];
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, dl->month, dl->day);
    tc_doc_meta_set(d, "dateline_date", buf);
}

tc_status tc_clean_doc(tc_doc *d, const tc_clean_opts *opts, tc_clean_report *rep)
{
    if (!d) return TC_EINVAL;
    pthread_once(&wtab_once, wtab_build);
    tc_clean_report r = {0};
    const char *t = d->text ? d->text : "";
    size_t tn = d->text ? d->text_len : 0;
    tc_status st = TC_ENOMEM;
    line_t *lines = NULL;
    unit_t *units = NULL;
    uint64_t *htab = NULL;
    tc_buf out = TC_BUF_INIT, drops = TC_BUF_INIT;

    /* 1. lines */
    size_t nlines_cap = tn / 32 + 16;
    lines = tc_malloc(nlines_cap * sizeof *lines);
    if (!lines) goto done;
    uint32_t nlines = 0;
    {
        size_t p = 0;
        while (p <= tn) {
            const char *nlp = memchr(t + p, '\n', tn - p);
            size_t e = nlp ? (size_t)(nlp - t) : tn;
            size_t a = p;
            uint32_t ind = 0;
            while (a < e && is_space((unsigned char)t[a])) {
                ind += t[a] == '\t' ? 4 : 1;
                a++;
            }
            size_t z = e;
            while (z > a && is_space((unsigned char)t[z - 1])) z--;
            /* a non-breaking space alone is blank too */
            if (z - a == 2 && (unsigned char)t[a] == 0xC2 && (unsigned char)t[a + 1] == 0xA0) z = a;
            if (nlines == nlines_cap) {
                line_t *nl2 = tc_reallocarray(lines, nlines_cap * 2, sizeof *lines);
                if (!nl2) goto done;
                lines = nl2;
                nlines_cap *= 2;
            }
            lines[nlines].start = (uint32_t)a;
            lines[nlines].len = (uint32_t)(z - a);
            lines[nlines].indent = ind;
            nlines++;
            if (!nlp) break;
            p = e + 1;
        }
    }

    units = tc_malloc((nlines ? nlines : 1) * sizeof *units);
    if (!units) goto done;

    /* hard-wrapped?  Many lines of a similar width that run on into the next one. */
    uint32_t nonblank = 0, nfollow = 0, nwrapish = 0, nnarrow = 0, width = 0, minind = UINT32_MAX;
    uint32_t nindent_cont = 0; /* indented paragraph start followed by unindented continuation */
    for (uint32_t l = 0; l < nlines; l++) {
        if (!lines[l].len) continue;
        nonblank++;
        if (lines[l].len <= 100) {
            nnarrow++;
            if (lines[l].len > width) width = lines[l].len;
        }
        if (lines[l].indent < minind) minind = lines[l].indent;
        if (l + 1 < nlines && lines[l + 1].len) {
            nfollow++;
            if (lines[l].len >= 35 && !line_endterm(t + lines[l].start, lines[l].len)) {
                nwrapish++;
                if (lines[l].indent >= 2 && lines[l + 1].indent < 2) nindent_cont++;
            }
        }
    }
    int wrapped = nnarrow * 10 >= nonblank * 9 && nfollow >= 2 && nwrapish >= 1 &&
                  (nwrapish * 3 >= nfollow || nindent_cont >= 1);
    r.wrapped = wrapped;

    /* 2. units */
    uint32_t nunits = 0;
    for (uint32_t l = 0; l < nlines;) {
        if (!lines[l].len) {
            l++;
            continue;
        }
        uint32_t l1 = l + 1;
        while (l1 < nlines && lines[l1].len) {
            const line_t *c = &lines[l1 - 1], *nx = &lines[l1];
            const char *cs = t + c->start;
            int join;
            if (wrapped) {
                int indented = nx->indent >= 2 && nx->indent > minind;
                join = c->len * 10 >= width * 6 && !indented;
                /* a short first line (what is left after a dateline) that runs on */
                if (!join && l1 == l + 1 && !indented && !line_endterm(cs, c->len)) {
                    unsigned char f = (unsigned char)t[nx->start];
                    unsigned char z = (unsigned char)cs[c->len - 1];
                    join = c_islower(f) || c_islower(z) || z == ',';
                }
            } else {
                unsigned char f = (unsigned char)t[nx->start];
                join = c->len >= 30 && !line_endterm(cs, c->len) && (c_islower(f) || c_isdigit(f)) &&
                       nx->indent <= c->indent + 1;
            }
            if (!join) break;
            l1++;
        }
        unit_t *u = &units[nunits++];
        memset(u, 0, sizeof *u);
        u->l0 = l;
        u->l1 = l1;
        u->start = lines[l].start;
        u->end = lines[l1 - 1].start + lines[l1 - 1].len;
        u->rule = -1;
        l = l1;
    }
    r.nparas = nunits;

    /* 3. features + context-free rules */
    uint32_t nlong = 0, nlong_en = 0;
    for (uint32_t i = 0; i < nunits; i++) {
        unit_t *u = &units[i];
        const char *s = t + u->start;
        size_t n = u->end - u->start;
        features(s, n, u);
        ctx_t cx = {i, nunits};
        u->rule = classify(s, n, u, &cx);
        if (n >= 60 && u->rule < 0) {
            nlong++;
            if (u->fw >= 2) nlong_en++;
        }
    }
    int english = nlong > 0 && nlong_en * 2 >= nlong;

    /* foreign-language captions in an English document */
    if (english && !wrapped) {
        for (uint32_t i = 0; i < nunits; i++) {
            unit_t *u = &units[i];
            size_t n = u->end - u->start;
            if (u->rule >= 0 || n > 150 || u->fw || u->quote_start || u->words > 12) continue;
            if (u->foreign || u->capvocab || (u->ffw >= 2 && !u->sent && u->words >= 3))
                u->rule = R_FOREIGN;
        }
    }

    /* documents that are mostly data lines (tables of figures) keep their short lines */
    uint32_t nkept0 = 0, ndata = 0;
    for (uint32_t i = 0; i < nunits; i++) {
        if (units[i].rule >= 0) continue;
        nkept0++;
        if (!units[i].sent && units[i].digits) ndata++;
    }
    int listy = ndata >= 2 && ndata * 4 >= nkept0;
    if (listy) /* "Dec 31" heading a table of figures is data, not a widget */
        for (uint32_t i = 0; i < nunits; i++)
            if (units[i].rule == R_DATE || units[i].rule == R_WEATHER) units[i].rule = -1;

    /* repeated boilerplate: short units seen twice or more */
    if (!listy) {
        size_t cap = 16;
        while (cap < (size_t)nunits * 2) cap <<= 1;
        htab = tc_calloc(cap, sizeof *htab * 2);
        if (!htab) goto done;
        for (uint32_t i = 0; i < nunits; i++) {
            if (!units[i].hash || units[i].end - units[i].start > 120 || units[i].digits) continue;
            size_t h = (size_t)units[i].hash & (cap - 1);
            while (htab[2 * h] && htab[2 * h] != units[i].hash) h = (h + 1) & (cap - 1);
            htab[2 * h] = units[i].hash;
            htab[2 * h + 1]++;
        }
        uint32_t prev_kept = UINT32_MAX;
        for (uint32_t i = 0; i < nunits; i++) {
            unit_t *u = &units[i];
            if (u->hash && u->end - u->start <= 120 && u->rule < 0 && !u->digits) {
                size_t h = (size_t)u->hash & (cap - 1);
                while (htab[2 * h] != u->hash) h = (h + 1) & (cap - 1);
                if (htab[2 * h + 1] >= 2 && u->words >= 2) {
                    int near = 0; /* a copy within two paragraphs */
                    for (uint32_t j = i > 2 ? i - 2 : 0; j <= i + 2 && j < nunits; j++)
                        if (j != i && units[j].hash == u->hash) near = 1;
                    if (!u->sent && !u->quote_start && near) {
                        u->rule = R_REPEATED;
                    } else if (prev_kept != UINT32_MAX && units[prev_kept].hash == u->hash &&
                               u->words <= 10) {
                        u->rule = R_REPEATED; /* the second of two adjacent copies */
                    }
                }
            }
            if (u->rule < 0) prev_kept = i;
        }
    }

    /* linked titles listed under a "Related" heading (after the start of the body) */
    int32_t first_body = -1;
    for (uint32_t i = 0; i < nunits && first_body < 0; i++) {
        const unit_t *u = &units[i];
        if (u->rule < 0 && ((u->sent && u->words >= 5) || (u->words >= 10 && u->lower >= 5)))
            first_body = (int32_t)i;
    }
    for (uint32_t i = first_body < 0 ? nunits : (uint32_t)first_body; i + 1 < nunits; i++) {
        if (!units[i].relhead) continue;
        for (uint32_t j = i + 1; j < nunits; j++) {
            unit_t *u = &units[j];
            if (u->rule >= 0) {
                if (u->relhead) break;
                continue;
            }
            if (u->sent || !u->titleshape || u->words > 16) break;
            u->rule = R_RELATED;
        }
    }

    /* body zone: from the first to the last body-like paragraph */
    int32_t b0 = -1, b1 = -1;
    for (uint32_t i = 0; i < nunits; i++) {
        const unit_t *u = &units[i];
        if (u->rule >= 0) continue;
        int body = (u->sent && u->words >= 5) || (u->words >= 10 && u->lower >= 5);
        if (body) {
            if (b0 < 0) b0 = (int32_t)i;
            b1 = (int32_t)i;
        }
    }
    int32_t headline = -1;
    if (b0 >= 0) {
        /* headline: first title-shaped unit of 3+ words before the body (else 2+) */
        for (int pass = 0; pass < 2 && headline < 0; pass++)
            for (int32_t i = 0; i < b0; i++) {
                const unit_t *u = &units[i];
                if (u->rule < 0 && u->titleshape && u->words >= (pass ? 2 : 3)) {
                    headline = i;
                    break;
                }
            }
        /* header zone: short labels before the headline */
        for (int32_t i = 0; i < (headline >= 0 ? headline : 0); i++) {
            unit_t *u = &units[i];
            if (u->rule < 0 && u->words <= 4 && !u->endterm && !u->sent && !u->quote_start &&
                !u->digits && !listy)
                u->rule = R_HEADER;
        }
        /* widgets (date, weather) are only dropped in the header zone */
        for (uint32_t i = (uint32_t)b0 + 1; i < nunits; i++)
            if (units[i].rule == R_DATE || units[i].rule == R_WEATHER) units[i].rule = -1;
        /* footer zone: names, places, labels after the last body paragraph,
         * unless the tail is a table of figures */
        int tail_data = 0, tail_n = 0;
        for (uint32_t i = (uint32_t)b1 + 1; i < nunits; i++) {
            const unit_t *u = &units[i];
            if (u->rule >= 0) continue;
            tail_n++;
            const char *us = t + u->start;
            size_t commas = 0;
            for (size_t z = 0; z < u->end - u->start; z++)
                if (us[z] == ',' || us[z] == ';') commas++;
            if (u->digits || commas >= 2) tail_data = 1; /* figures, lists of names */
        }
        if (tail_n > 4) tail_data = 1;
        for (uint32_t i = (uint32_t)b1 + 1; i < nunits && !tail_data; i++) {
            unit_t *u = &units[i];
            if (u->rule >= 0 || u->quote_start || u->sent || u->digits || listy) continue;
            if (u->words > 6 || u->lower != 0) continue;
            if (u->endterm) {
                /* "Washington D.C." yes; "Thanks Junior!", "Kyiv." no */
                const char *us = t + u->start;
                size_t e = strip_close(us, u->end - u->start);
                if (!u->endperiod || u->words <= 1 || e < 3) continue;
                size_t z = e - 1;
                while (z > 0 && !is_space((unsigned char)us[z - 1]) && us[z - 1] != '.') z--;
                if (z == 0 || us[z - 1] != '.') continue;
            }
            u->rule = R_FOOTER;
        }
    }

    /* dateline at the start of the first body paragraph */
    uint32_t skip_b0 = 0;
    tc_clean_dateline dl = {0};
    if (b0 >= 0 && !(opts && (opts->flags & TC_CLEAN_NO_DATELINE))) {
        const unit_t *u = &units[b0];
        size_t k = tc_clean_dateline_parse(t + u->start, u->end - u->start, &dl);
        if (k) skip_b0 = u->start + (uint32_t)k;
    }

    /* Reuters-style sign-off at the very end: "... said.  REUTER" */
    int32_t last_kept = -1;
    for (uint32_t i = 0; i < nunits; i++)
        if (units[i].rule < 0) last_kept = (int32_t)i;
    uint32_t cut_end = 0, cut_from = 0;
    if (last_kept >= 0) {
        const unit_t *u = &units[last_kept];
        const char *s = t + u->start;
        size_t n = u->end - u->start;
        static const char *const signs[] = {"REUTER", "Reuter", NULL};
        for (const char *const *g = signs; *g; g++) {
            size_t k = strlen(*g);
            if (n > k + 1 && !memcmp(s + n - k, *g, k) && is_space((unsigned char)s[n - k - 1])) {
                size_t z = n - k;
                while (z > 0 && is_space((unsigned char)s[z - 1])) z--;
                if (z > 0) {
                    cut_from = u->start + (uint32_t)(n - k);
                    cut_end = u->start + (uint32_t)z;
                }
                break;
            }
        }
    }

    /* 4. output and drop log, in text order */
    if (tc_buf_reserve(&out, tn + 2) != TC_OK) goto done;
    int first = 1;
    for (uint32_t i = 0; i < nunits; i++) {
        unit_t *u = &units[i];
        uint32_t line = u->l0 + 1;
        if (u->rule >= 0) {
            if (add_drop(d, &drops, tc_clean_rule_names[u->rule], t + u->start, u->end - u->start,
                         line, opts))
                goto done;
            continue;
        }
        if (!first && tc_buf_puts(&out, "\n\n") != TC_OK) goto done;
        uint32_t skip = 0;
        if ((int32_t)i == b0 && skip_b0) {
            if (add_drop(d, &drops, "dateline", t + u->start, skip_b0 - u->start, line, opts))
                goto done;
            skip = skip_b0;
        }
        if ((int32_t)i == last_kept && cut_end) {
            unit_t v = *u;
            uint32_t l = v.l1;
            while (l > v.l0 && lines[l - 1].start > cut_end) l--;
            /* emit up to cut_end: shorten a copy of the line table entry */
            line_t saved = lines[l - 1];
            if (cut_end < saved.start + saved.len) lines[l - 1].len = cut_end - saved.start;
            v.l1 = l;
            st = emit_unit(&out, t, lines, &v, skip);
            lines[l - 1] = saved;
            if (st != TC_OK) goto done;
            st = TC_ENOMEM;
            uint32_t sl = 1;
            for (uint32_t z = 0; z < cut_from; z++)
                if (t[z] == '\n') sl++;
            if (add_drop(d, &drops, "signoff", t + cut_from, u->end - cut_from, sl, opts)) goto done;
        } else if (emit_unit(&out, t, lines, u, skip) != TC_OK) {
            goto done;
        }
        if (first && (int32_t)i == headline) r.headline = 1;
        first = 0;
        r.nkept++;
    }
    if (out.len && tc_buf_putc(&out, '\n') != TC_OK) goto done;

    /* metadata: headline and dateline */
    if (r.headline && !(opts && (opts->flags & TC_CLEAN_NO_HEADLINE))) {
        const unit_t *u = &units[headline];
        tc_buf tb = TC_BUF_INIT;
        if (emit_unit(&tb, t, lines, u, 0) != TC_OK) {
            tc_buf_free(&tb);
            goto done;
        }
        if (!d->title) d->title = tc_doc_strn(d, tb.data ? tb.data : "", tb.len);
        tc_buf_free(&tb);
        if (tc_doc_meta_set(d, "headline", "1") != TC_OK) goto done;
    } else {
        r.headline = 0;
    }
    if (skip_b0) {
        r.dateline = 1;
        if (dl.place && !d->dateline_place) d->dateline_place = tc_doc_strn(d, dl.place, dl.place_len);
        if (dl.agency && !d->dateline_agency)
            d->dateline_agency = tc_doc_strn(d, dl.agency, dl.agency_len);
        set_dateline_meta(d, &dl);
    }
    r.ndrops = (uint32_t)(drops.len / sizeof(tc_clean_drop));
    if (r.ndrops) {
        r.drops = tc_arena_alloc(&d->arena, drops.len);
        if (!r.drops) goto done;
        memcpy(r.drops, drops.data, drops.len);
    }
    if (tc_doc_replace_text(d, out.data ? out.data : "", out.len) != TC_OK) goto done;
    st = TC_OK;
    if (rep) *rep = r;
done:
    tc_free(lines);
    tc_free(units);
    tc_free(htab);
    tc_buf_free(&out);
    tc_buf_free(&drops);
    return st;
}
