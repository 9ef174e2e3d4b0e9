/* hash.h - string hashing and an open-addressing map from byte strings to
 * 64-bit values (ids, offsets or pointers cast through uintptr_t).
 *
 * The map copies keys into its own storage and owns them; values are plain
 * integers, so freeing whatever they point to is the caller's business. */
#ifndef TC_HASH_H
#define TC_HASH_H

#include <stddef.h>
#include <stdint.h>

#include "status.h"

/* 64-bit FNV-1a followed by a murmur-style finaliser (good for feature hashing). */
uint64_t tc_hash_bytes(const void *p, size_t n, uint64_t seed);
static inline uint64_t tc_hash_mix(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

typedef struct tc_strmap_slot {
    uint64_t hash;   /* 0 = empty */
    const char *key; /* NUL-terminated copy (map-owned) */
    uint32_t klen;
    int64_t value;
} tc_strmap_slot;

typedef struct tc_strmap {
    tc_strmap_slot *slots;
    size_t cap, count;   /* cap is a power of two */
    char **chunks;       /* key storage */
    size_t nchunks, chunk_used, chunk_cap;
} tc_strmap;

void tc_strmap_init(tc_strmap *m);
void tc_strmap_free(tc_strmap *m);
/* Insert or replace. */
tc_status tc_strmap_put(tc_strmap *m, const char *key, size_t klen, int64_t value);
/* Insert if absent; *value_out gets the stored value (existing or new).
 * *added is set to 1 if inserted. */
tc_status tc_strmap_intern(tc_strmap *m, const char *key, size_t klen, int64_t value,
                           int64_t *value_out, int *added);
/* Lookup: 1 and *value if found, else 0. */
int tc_strmap_get(const tc_strmap *m, const char *key, size_t klen, int64_t *value);
/* The stored key for a lookup (stable pointer while the map lives), or NULL. */
const char *tc_strmap_key(const tc_strmap *m, const char *key, size_t klen);

/* Iterate: for (size_t i = 0; i < m->cap; i++) if (m->slots[i].hash) ... */

#endif
