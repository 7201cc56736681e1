/* The stock of goods of a visit programme (app/relief_goods.h): items
 * received and issued, whole counts. Writers are serialised by the
 * caller's transaction (store/db.h). */
#ifndef HZ_STORE_RELIEF_GOODS_H
#define HZ_STORE_RELIEF_GOODS_H

#include <stdint.h>

#include "store/db.h"

typedef struct {
    char item[64];
    int64_t received, issued; /* items */
} hz_goods_row;

/* Adds n items (n > 0) to the programme's stock of item. */
hz_err hz_store_goods_receive(hz_db *db, int64_t program_id, const char *item, int64_t n, hz_errinfo *e);
/* Items of item still in stock (0 when never received). */
hz_err hz_store_goods_left(hz_db *db, int64_t program_id, const char *item, int64_t *left, hz_errinfo *e);
/* Moves n items from stock to issued (n < 0 returns them); the caller has
 * checked hz_store_goods_left in the same transaction. */
hz_err hz_store_goods_issue(hz_db *db, int64_t program_id, const char *item, int64_t n, hz_errinfo *e);
typedef hz_err (*hz_goods_fn)(void *ctx, const hz_goods_row *r, hz_errinfo *e);
/* Every item of the programme's stock, by name. */
hz_err hz_store_goods_list(hz_db *db, int64_t program_id, hz_goods_fn fn, void *ctx, hz_errinfo *e);

#endif
