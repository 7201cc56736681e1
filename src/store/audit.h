/* Store functions of the hash-chained audit trail. */
#ifndef HZ_STORE_AUDIT_H
#define HZ_STORE_AUDIT_H

#include "store/db.h"

typedef struct {
    int64_t id;
    const char *at, *actor, *action, *object, *detail, *prev_hash, *hash; /* valid during the callback */
} hz_audit_row;

/* Hash of the newest event, "" when the trail is empty (buf: 65 bytes). */
hz_err hz_store_audit_last_hash(hz_db *db, char *buf, hz_errinfo *e);
hz_err hz_store_audit_insert(hz_db *db, const hz_audit_row *row, hz_errinfo *e);
/* Number of events with this action (the chain's `audit.keyed` marker). */
hz_err hz_store_audit_count_action(hz_db *db, const char *action, int64_t *n, hz_errinfo *e);
/* Calls fn for every event in id order until fn returns non-OK. */
typedef hz_err (*hz_audit_fn)(void *ctx, const hz_audit_row *row, hz_errinfo *e);
hz_err hz_store_audit_walk(hz_db *db, hz_audit_fn fn, void *ctx, hz_errinfo *e);

#endif
