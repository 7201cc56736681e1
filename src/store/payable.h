/* Payables: what huzhu owes a member on one cause (a claim today; an LM
 * subsidy, a relief grant, a donation payout later). Bank batches pay
 * payables, never claims directly; the amount owed is the balance of the
 * payable's journal account `payable:NO` (store/journal.h). None of these
 * functions opens a transaction. */
#ifndef HZ_STORE_PAYABLE_H
#define HZ_STORE_PAYABLE_H

#include <stdint.h>

#include "core/date.h"
#include "core/model.h"
#include "core/payout.h"
#include "store/db.h"

typedef struct {
    int64_t id;
    char payable_no[24]; /* the 业务编号 of the bank files: a claim's number */
    int64_t member_id;
    char source[8];      /* claim lm relief */
    int64_t source_id;
    char purpose[64];    /* 用途 on the bank batch */
    bool ready;          /* the cause allows payment (a claim is approved) */
    char hold_reason[160]; /* "" when not held */
    char created_at[24];
    /* from the journal, when read by a listing */
    hz_fen owed;      /* credits - debits posted */
    hz_fen available; /* owed less what is pending in a batch */
} hz_payable;

hz_err hz_store_payable_insert(hz_db *db, hz_payable *p, hz_errinfo *e);
/* HZ_ENOTFOUND when none. */
hz_err hz_store_payable_by_source(hz_db *db, const char *source, int64_t source_id, hz_payable *out, hz_errinfo *e);
hz_err hz_store_payable_by_no(hz_db *db, const char *payable_no, hz_payable *out, hz_errinfo *e);
hz_err hz_store_payable_by_id(hz_db *db, int64_t id, hz_payable *out, hz_errinfo *e);
/* Writes ready and hold_reason. */
hz_err hz_store_payable_update(hz_db *db, const hz_payable *p, hz_errinfo *e);
/* Holds (reason) every payable of a member that is not fully paid; for a
 * bank-card change. *n counts them. */
hz_err hz_store_payables_hold_member(hz_db *db, int64_t member_id, const char *reason, int64_t *n, hz_errinfo *e);

typedef hz_err (*hz_payable_fn)(void *ctx, const hz_payable *p, hz_errinfo *e);
/* Payables a batch may pay today: ready, not held, not waiting for a later
 * date, with an available amount > 0 and no payment pending, oldest first. */
hz_err hz_store_payables_due(hz_db *db, hz_date today, hz_payable_fn fn, void *ctx, hz_errinfo *e);
/* The payable of a cause waits until due_on (HZ_DATE_NONE: no wait). */
hz_err hz_store_payable_due_on(hz_db *db, const char *source, int64_t source_id, hz_date due_on, hz_errinfo *e);
/* Payables of a member, oldest first, with owed and available. */
hz_err hz_store_payables_of_member(hz_db *db, int64_t member_id, hz_payable_fn fn, void *ctx, hz_errinfo *e);

/* What the journal did with payable `payable_no` (core/payout.h): granted,
 * reversed, to_bank, at_bank, offset and recovered; the other fields are
 * left as they are. All zero for a payable without transfers. */
hz_err hz_store_payable_money(hz_db *db, const char *payable_no, hz_payout *out, hz_errinfo *e);

/* The posted movements of a member's recovery receivable, oldest first:
 * debt = true when the member came to owe (from payable `other`), false
 * when what was owed went down (an offset from payable `other`, a
 * repayment from `bank`, a write-off). fn gets each; non-OK stops. */
typedef hz_err (*hz_recv_move_fn)(void *ctx, int64_t transfer_id, const char *key, hz_fen amount, bool debt,
                                  const char *other, hz_errinfo *e);
hz_err hz_store_recv_moves(hz_db *db, int64_t member_id, hz_recv_move_fn fn, void *ctx, hz_errinfo *e);

#endif
