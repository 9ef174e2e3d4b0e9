/* hash.c - string hashing and string map. */
#include "hash.h"

#include <string.h>

#include "mem.h"

uint64_t tc_hash_bytes(const void *p, size_t n, uint64_t seed)
{
    const unsigned char *s = p;
    uint64_t h = 1469598103934665603ULL ^ seed;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 1099511628211ULL;
    }
    return tc_hash_mix(h);
}

void tc_strmap_init(tc_strmap *m) { memset(m, 0, sizeof *m); }

void tc_strmap_free(tc_strmap *m)
{
    if (!m) return;
    tc_free(m->slots);
    for (size_t i = 0; i < m->nchunks; i++) tc_free(m->chunks[i]);
    tc_free(m->chunks);
    memset(m, 0, sizeof *m);
}

/* The map's own hash (never stored nor seen outside this file): eight bytes per step,
 * then tc_hash_mix.  tc_hash_bytes stays as it is (models' feature hashing uses it). */
static uint64_t key_hash(const char *key, size_t klen)
{
    const unsigned char *p = (const unsigned char *)key;
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ ((uint64_t)klen * 0xff51afd7ed558ccdULL);
    size_t n = klen;
    while (n >= 8) {
        uint64_t x;
        memcpy(&x, p, 8);
        h = (h ^ x) * 0xbf58476d1ce4e5b9ULL;
        h ^= h >> 31;
        p += 8;
        n -= 8;
    }
    uint64_t x = 0;
    for (size_t i = 0; i < n; i++) x |= (uint64_t)p[i] << (8 * i);
    h = (h ^ x) * 0x94d049bb133111ebULL;
    h = tc_hash_mix(h);
    return h ? h : 1;
}

static tc_strmap_slot *find_slot(const tc_strmap *m, const char *key, size_t klen, uint64_t h)
{
    size_t mask = m->cap - 1;
    size_t i = (size_t)h & mask;
    for (;;) {
        tc_strmap_slot *s = &m->slots[i];
        if (!s->hash) return s;
        if (s->hash == h && s->klen == klen && memcmp(s->key, key, klen) == 0) return s;
        i = (i + 1) & mask;
    }
}

static tc_status grow(tc_strmap *m)
{
    size_t ncap = m->cap ? m->cap * 2 : 64;
    tc_strmap_slot *ns = tc_calloc(ncap, sizeof *ns);
    if (!ns) return TC_ENOMEM;
    tc_strmap old = *m;
    m->slots = ns;
    m->cap = ncap;
    for (size_t i = 0; i < old.cap; i++) {
        if (!old.slots[i].hash) continue;
        tc_strmap_slot *s = find_slot(m, old.slots[i].key, old.slots[i].klen, old.slots[i].hash);
        *s = old.slots[i];
    }
    tc_free(old.slots);
    return TC_OK;
}

static const char *store_key(tc_strmap *m, const char *key, size_t klen)
{
    if (klen + 1 > m->chunk_cap - m->chunk_used || !m->nchunks) {
        size_t sz = klen + 1 > 65536 ? klen + 1 : 65536;
        char **nc = tc_reallocarray(m->chunks, m->nchunks + 1, sizeof *nc);
        if (!nc) return NULL;
        m->chunks = nc;
        char *c = tc_malloc(sz);
        if (!c) return NULL;
        m->chunks[m->nchunks++] = c;
        m->chunk_used = 0;
        m->chunk_cap = sz;
    }
    char *d = m->chunks[m->nchunks - 1] + m->chunk_used;
    memcpy(d, key, klen);
    d[klen] = 0;
    m->chunk_used += klen + 1;
    return d;
}

tc_status tc_strmap_intern(tc_strmap *m, const char *key, size_t klen, int64_t value,
                           int64_t *value_out, int *added)
{
    if (added) *added = 0;
    if (klen > UINT32_MAX) return TC_ELIMIT;
    if ((m->count + 1) * 4 > m->cap * 3 && grow(m) != TC_OK) return TC_ENOMEM;
    uint64_t h = key_hash(key, klen);
    tc_strmap_slot *s = find_slot(m, key, klen, h);
    if (s->hash) {
        if (value_out) *value_out = s->value;
        return TC_OK;
    }
    const char *k = store_key(m, key, klen);
    if (!k) return TC_ENOMEM;
    s->hash = h;
    s->key = k;
    s->klen = (uint32_t)klen;
    s->value = value;
    m->count++;
    if (value_out) *value_out = value;
    if (added) *added = 1;
    return TC_OK;
}

tc_status tc_strmap_put(tc_strmap *m, const char *key, size_t klen, int64_t value)
{
    int added = 0;
    tc_status st = tc_strmap_intern(m, key, klen, value, NULL, &added);
    if (st != TC_OK || added) return st;
    tc_strmap_slot *s = find_slot(m, key, klen, key_hash(key, klen));
    s->value = value;
    return TC_OK;
}

int tc_strmap_get(const tc_strmap *m, const char *key, size_t klen, int64_t *value)
{
    if (!m->cap) return 0;
    tc_strmap_slot *s = find_slot(m, key, klen, key_hash(key, klen));
    if (!s->hash) return 0;
    if (value) *value = s->value;
    return 1;
}

const char *tc_strmap_key(const tc_strmap *m, const char *key, size_t klen)
{
    if (!m->cap) return NULL;
    tc_strmap_slot *s = find_slot(m, key, klen, key_hash(key, klen));
    return s->hash ? s->key : NULL;
}
