/* Paginated lists for the API and the console, filtered by the caller's
 * scope. Every function returns the total matching count as well. */
#ifndef HZ_STORE_LISTS_H
#define HZ_STORE_LISTS_H

#include "core/model.h"
#include "store/db.h"

typedef struct {
    const char *org_path; /* "" = no org limit */
    int64_t unit_id;      /* 0 = any */
    int64_t member_id;    /* 0 = any */
} hz_list_scope;

typedef hz_err (*hz_member_row_fn)(void *ctx, const hz_member *m, hz_errinfo *e);
/* q: a name prefix ("" = any name); id_like: a LIKE pattern on the ID
 * number ("" = any), "%1234%" for a fragment or the whole number. */
hz_err hz_store_members_page(hz_db *db, const hz_list_scope *sc, const char *q, const char *id_like, int64_t unit_id,
                             int64_t offset,
                             int64_t limit, hz_member_row_fn fn, void *ctx, int64_t *total, hz_errinfo *e);

typedef hz_err (*hz_org_row_fn)(void *ctx, const hz_org *o, hz_errinfo *e);
hz_err hz_store_orgs_page(hz_db *db, const char *path, int64_t offset, int64_t limit, hz_org_row_fn fn, void *ctx,
                          int64_t *total, hz_errinfo *e);

typedef hz_err (*hz_unit_row_fn)(void *ctx, const hz_unit *u, int64_t members, hz_errinfo *e);
hz_err hz_store_units_page(hz_db *db, const hz_list_scope *sc, int64_t offset, int64_t limit, hz_unit_row_fn fn,
                           void *ctx, int64_t *total, hz_errinfo *e);

typedef struct {
    int64_t id;
    char claim_no[24], status[12], id_number[19], name[96], submitted_at[24], documents_complete_at[24], paid_at[24];
    hz_fen total;
    bool review_required, proactive;
} hz_claim_row;
typedef hz_err (*hz_claim_row_fn)(void *ctx, const hz_claim_row *c, hz_errinfo *e);
/* status "" = all; member_id limits to one member. */
hz_err hz_store_claims_page(hz_db *db, const hz_list_scope *sc, const char *status, int64_t offset, int64_t limit,
                            hz_claim_row_fn fn, void *ctx, int64_t *total, hz_errinfo *e);

#endif
