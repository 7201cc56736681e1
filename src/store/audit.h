/* Store functions of the hash-chained audit trail. */
#ifndef HZ_STORE_AUDIT_H
#define HZ_STORE_AUDIT_H

#include "store/db.h"
#include "store/lists.h"

typedef struct {
    int64_t id;
    const char *at, *actor, *action, *object, *detail, *prev_hash, *hash; /* valid during the callback */
} hz_audit_row;

/* Hash of the newest event, "" when the trail is empty (buf: 65 bytes). */
hz_err hz_store_audit_last_hash(hz_db *db, char *buf, hz_errinfo *e);
hz_err hz_store_audit_insert(hz_db *db, const hz_audit_row *row, hz_errinfo *e);
/* 1 when some event has this action, else 0 (the chain's `audit.keyed` marker; stops at the first). */
hz_err hz_store_audit_count_action(hz_db *db, const char *action, int64_t *n, hz_errinfo *e);
/* Calls fn for every event in id order until fn returns non-OK. */
typedef hz_err (*hz_audit_fn)(void *ctx, const hz_audit_row *row, hz_errinfo *e);
hz_err hz_store_audit_walk(hz_db *db, hz_audit_fn fn, void *ctx, hz_errinfo *e);

/* The audit list's sort keys (GET /audit/events); every order ends on the
 * event's id (its place in the chain). */
typedef enum {
    HZ_AUDIT_SORT_ID,
    HZ_AUDIT_SORT_AT,
    HZ_AUDIT_SORT_ACTION,
    HZ_AUDIT_SORT_ACTOR,
    HZ_AUDIT_SORT_OBJECT,
    HZ_AUDIT_SORTS
} hz_audit_sort;
/* One page (limit < 0: every row) of the events matching f, and the number
 * of them all in *total, through hz_store_rec_page. The filter's fields say
 * (each "" / 0 for any): status an action, or a prefix of actions ("claim"
 * for claim.*); text an actor's login; id_number (exact) the key of an
 * object, matching "KIND:KEY" or KEY itself, and name (exact, with
 * id_number) a second whole object (a member named by its id); no a part of the object or of
 * the detail; num one event's id; from / to its time (stored UTC). The
 * trail is the office's: a caller with a scope (sc not empty) sees none.
 * The row's prev_hash and hash are "". */
hz_err hz_store_audit_page(hz_db *db, const hz_list_scope *sc, const hz_rec_filter *f, int64_t offset, int64_t limit,
                           hz_audit_fn fn, void *ctx, int64_t *total, hz_errinfo *e);

#endif
