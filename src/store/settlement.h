/* Store functions for settlements (the medical-insurance feed). None opens a
 * transaction. */
#ifndef HZ_STORE_SETTLEMENT_H
#define HZ_STORE_SETTLEMENT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/model.h"
#include "store/db.h"
#include "store/lists.h"

/* Inserts unless setl_id exists; *inserted says which. s->id is set. */
hz_err hz_store_settlement_put(hz_db *db, hz_settlement *s, const char *now, bool *inserted, hz_errinfo *e);
hz_err hz_store_settlement_by_setl_id(hz_db *db, const char *setl_id, hz_settlement *out, hz_errinfo *e);
hz_err hz_store_settlement_by_id(hz_db *db, int64_t id, hz_settlement *out, hz_errinfo *e);
/* The stored settlements of these setl_ids (upper case, as io/feed gives
 * them): fn(ctx, s) for each, in no order. On PostgreSQL one COPY and one
 * query instead of n round trips. */
typedef hz_err (*hz_settlement_fn)(void *ctx, const hz_settlement *s, hz_errinfo *e);
hz_err hz_store_settlements_known(hz_db *db, const char *const *setl_ids, size_t n, hz_settlement_fn fn, void *ctx,
                                  hz_errinfo *e);
hz_err hz_store_settlement_mark_refunded(hz_db *db, int64_t id, hz_errinfo *e);
/* claim_no of the active claim using a settlement, "" when none. */
hz_err hz_store_settlement_claim(hz_db *db, int64_t settlement_id, char claim_no[24], int64_t *claim_id, hz_errinfo *e);
/* Inpatient, matched, not refunded settlements with no active claim whose
 * member holds a coverage on the admission date, discharged on or after
 * since. *ids is malloc'd. */
hz_err hz_store_settlements_unclaimed(hz_db *db, hz_date since, int64_t **ids, size_t *n, hz_errinfo *e);
/* Keeps of ids[0..*n) (in order, in place) those hz_store_settlements_unclaimed
 * would still list now: run inside the write transaction that claims them,
 * since a claim, a refund or a cancelled coverage may have come between. */
hz_err hz_store_settlements_claimable(hz_db *db, int64_t *ids, size_t *n, hz_errinfo *e);

/* Another inpatient, non-refunded settlement of the same person whose stay
 * overlaps s's (by more than a shared transfer day: nobody lies in two
 * hospitals at once), or that has the same admission and discharge dates:
 * its setl_id, "" when none (a duplicate stay, held for review). A transfer
 * (discharged and admitted elsewhere the same day) is not. */
hz_err hz_store_settlement_duplicate(hz_db *db, const hz_settlement *s, char setl_id[48], hz_errinfo *e);
/* A page of the feed (limit < 0: every row) matching f (store/lists.h:
 * name the person's, id_number the certno, no the setl_id; status matched
 * or unmatched; unit_id the member's unit; from / to on the settlement day
 * (the date of setl_time, else the discharge date; days); text a
 * hospital's code or name; num 1 not refunded, 2 refunded), the number of
 * them all in *total. Each row with the active claim using it ("" when
 * none), for an unmatched row whether a member with its ID number now
 * exists, and its settlement day. */
typedef hz_err (*hz_settlement_row_fn)(void *ctx, const hz_settlement *s, const char *claim_no, bool linkable,
                                       const char *day, hz_errinfo *e);
typedef enum { HZ_SETL_SORT_ID, HZ_SETL_SORT_NO, HZ_SETL_SORT_NAME, HZ_SETL_SORT_DAY, HZ_SETL_SORT_ADM, HZ_SETL_SORT_TOTAL, HZ_SETL_SORT_HOSPITAL, HZ_SETL_SORTS } hz_setl_sort;
hz_err hz_store_settlements_page(hz_db *db, const hz_list_scope *sc, const hz_rec_filter *f, int64_t offset,
                                 int64_t limit, hz_settlement_row_fn fn, void *ctx, int64_t *total, hz_errinfo *e);
/* Matches unmatched rows to the members registered since with their ID
 * numbers; *linked gets how many. */
hz_err hz_store_settlements_relink(hz_db *db, int64_t *linked, hz_errinfo *e);
/* A member's inpatient settlements, newest admission first, each with the
 * active claim that uses it (claim_no "" when none). */
typedef hz_err (*hz_member_stay_fn)(void *ctx, const hz_settlement *s, const char *claim_no, hz_errinfo *e);
hz_err hz_store_settlements_of_member(hz_db *db, int64_t member_id, hz_member_stay_fn fn, void *ctx, hz_errinfo *e);
/* The newest rejected claim that used the settlement: "" when none. */
hz_err hz_store_settlement_rejected_claim(hz_db *db, int64_t settlement_id, char claim_no[24], hz_errinfo *e);

#endif
