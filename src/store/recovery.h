/* Recoveries finance records against a member's recovery receivable: a
 * repayment (money back into the bank) or a write-off with a reason. */
#ifndef HZ_STORE_RECOVERY_H
#define HZ_STORE_RECOVERY_H

#include "core/model.h"
#include "store/db.h"
#include "store/lists.h"

hz_err hz_store_recovery_insert(hz_db *db, int64_t member_id, const char *kind, hz_fen amount, const char *reason,
                                const char *ref, const char *now, const char *by, int64_t *id, hz_errinfo *e);

/* Has a recovery with this bank reference been recorded? */
hz_err hz_store_recovery_ref_used(hz_db *db, const char *ref, bool *used, hz_errinfo *e);

typedef struct {
    int64_t member_id;
    char id_number[19];
    char name[64];
    hz_fen owes;      /* receivable balance now, fen */
    hz_fen recovered; /* repaid + offsets that still stand, fen */
    hz_fen written_off;
    char unit_name[96]; /* filled by hz_store_recoveries_page: the member's unit (or org) */
    char since[24];     /* filled by hz_store_recoveries_page: when the member first owed (UTC) */
} hz_recovery_row;
typedef hz_err (*hz_recovery_fn)(void *ctx, const hz_recovery_row *r, hz_errinfo *e);
/* Every member who ever owed a recovery, with what is still open. */
hz_err hz_store_recoveries(hz_db *db, hz_recovery_fn fn, void *ctx, hz_errinfo *e);
/* The same for the members within scope sc who still owe (owes > 0). */
hz_err hz_store_recoveries_open(hz_db *db, const hz_list_scope *sc, hz_recovery_fn fn, void *ctx, hz_errinfo *e);

/* The recoveries list (issue 16): members within sc who ever owed, matching
 * f (name and ID number searched; status open: still owes, closed: owes
 * nothing; the member's unit; from / to on when they first owed), in
 * f->sort's order (hz_recovery_sort, each ending on the account);
 * limit < 0: every row. */
typedef enum {
    HZ_RECOV_SORT_ID, HZ_RECOV_SORT_NAME, HZ_RECOV_SORT_ID_NUMBER, HZ_RECOV_SORT_OWES, HZ_RECOV_SORT_RECOVERED,
    HZ_RECOV_SORT_WRITTEN_OFF, HZ_RECOV_SORT_SINCE, HZ_RECOV_SORTS
} hz_recovery_sort;
hz_err hz_store_recoveries_page(hz_db *db, const hz_list_scope *sc, const hz_rec_filter *f, int64_t offset,
                                int64_t limit, hz_recovery_fn fn, void *ctx, int64_t *total, hz_errinfo *e);

/* Where the money went, for the members within scope sc, fen: paid out
 * by the bank, still pending at the bank, recovered from members (repaid or
 * offset), written off, and still owed back. */
typedef struct {
    hz_fen paid_out, pending, recovered, written_off, outstanding;
} hz_money_summary;
hz_err hz_store_money_summary(hz_db *db, const hz_list_scope *sc, hz_money_summary *out, hz_errinfo *e);

#endif
