/* Store functions for payment batches, payments of payables and the bank
 * result files seen. A payment is one line of a bank batch; its money is a
 * pending journal transfer (payable -> bank) until the bank's result posts
 * or voids it. None opens a transaction. */
#ifndef HZ_STORE_PAYMENT_H
#define HZ_STORE_PAYMENT_H

#include <stddef.h>

#include "core/model.h"
#include "store/db.h"

typedef struct {
    int64_t id;
    int64_t payable_id;
    int64_t batch_id;
    char batch_no[40];
    hz_fen amount;        /* sent to the bank */
    hz_fen offset_amount; /* taken from the member's recovery receivable first */
    char payee_name[64];
    char bank_card[40];
    char bank_name[96];
    char status[12]; /* pending paid failed */
    int64_t transfer_id;
    char bank_ref[64];
    char failure_reason[256];
    char created_at[24], settled_at[24];
} hz_payment;

hz_err hz_store_batch_insert(hz_db *db, const char *batch_no, int64_t count, hz_fen total, const char *now,
                             const char *by, int64_t *id, hz_errinfo *e);
/* Sets the final number, count and total of a batch. */
hz_err hz_store_batch_finish(hz_db *db, int64_t id, const char *batch_no, int64_t count, hz_fen total, hz_errinfo *e);
/* Records that the batch's bank file is in place (once: a later call
 * changes nothing). */
hz_err hz_store_batch_file_done(hz_db *db, int64_t id, const char *now, hz_errinfo *e);
/* The oldest batch with payments whose bank file was never recorded in
 * place (a crash or a failed rename after its commit); *id is 0 when
 * there is none. */
hz_err hz_store_batch_unfiled(hz_db *db, int64_t *id, char *batch_no, size_t cap, int64_t *count, hz_fen *total,
                              hz_errinfo *e);
/* HZ_ENOTFOUND when no batch has that number. */
hz_err hz_store_batch_id(hz_db *db, const char *batch_no, int64_t *id, hz_errinfo *e);

/* Inserts a pending payment; p->id is set. */
hz_err hz_store_payment_insert(hz_db *db, hz_payment *p, hz_errinfo *e);
hz_err hz_store_payment_set_transfer(hz_db *db, int64_t id, int64_t transfer_id, hz_errinfo *e);
/* Lookups: out->id is 0 when there is none. */
hz_err hz_store_payment_pending_of(hz_db *db, int64_t payable_id, hz_payment *out, hz_errinfo *e);
hz_err hz_store_payment_last_of(hz_db *db, int64_t payable_id, hz_payment *out, hz_errinfo *e);
hz_err hz_store_payment_in_batch(hz_db *db, int64_t payable_id, int64_t batch_id, hz_payment *out, hz_errinfo *e);
hz_err hz_store_payment_by_bank_ref(hz_db *db, const char *bank_ref, hz_payment *out, hz_errinfo *e);
/* How many payments of a payable are in a status. */
hz_err hz_store_payment_count(hz_db *db, int64_t payable_id, const char *status, int64_t *n, hz_errinfo *e);
hz_err hz_store_payment_settle(hz_db *db, int64_t id, const char *status, const char *bank_ref, const char *reason,
                               const char *now, hz_errinfo *e);
/* Payments of one batch in batch order, with their payable's number and
 * purpose and the row's MAC ("" when none): what its bank file says. */
typedef hz_err (*hz_payment_fn)(void *ctx, const hz_payment *p, const char *payable_no, const char *purpose,
                                const char *mac, hz_errinfo *e);
hz_err hz_store_payments_of_batch(hz_db *db, int64_t batch_id, hz_payment_fn fn, void *ctx, hz_errinfo *e);

/* Bank result files already applied, by content digest. */
hz_err hz_store_bank_file_seen(hz_db *db, const char *digest, bool *seen, hz_errinfo *e);
hz_err hz_store_bank_file_record(hz_db *db, const char *digest, int64_t rows, const char *now, const char *by,
                                 hz_errinfo *e);

#endif
