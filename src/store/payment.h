/* Store functions for payment batches, payments of payables and the bank
 * result files seen. A payment is one line of a bank batch; its money is a
 * pending journal transfer (payable -> bank) until the bank's result posts
 * or voids it. None opens a transaction. */
#ifndef HZ_STORE_PAYMENT_H
#define HZ_STORE_PAYMENT_H

#include <stddef.h>

#include "core/model.h"
#include "store/db.h"
#include "store/lists.h"

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

/* A batch as the list shows it (GET /payment-batches): its payments
 * counted and summed by state. status: unfiled (its bank file not yet in
 * place), sent (no result yet), partial (some results), settled (every
 * payment paid or returned). */
typedef struct {
    int64_t id;
    char batch_no[40], created_at[24], created_by[64], file_at[24], status[12];
    int64_t count, paid, failed, pending;
    hz_fen total, paid_amount, failed_amount, pending_amount, offset;
} hz_batch_row;
typedef hz_err (*hz_batch_row_fn)(void *ctx, const hz_batch_row *b, hz_errinfo *e);
/* The batch list's sort keys; every order ends on the batch's id. */
typedef enum {
    HZ_BATCH_SORT_ID,
    HZ_BATCH_SORT_NO,
    HZ_BATCH_SORT_CREATED,
    HZ_BATCH_SORT_STATUS,
    HZ_BATCH_SORT_COUNT,
    HZ_BATCH_SORT_TOTAL,
    HZ_BATCH_SORTS
} hz_batch_sort;
/* One page (limit < 0: every row) of the batches that hold payments (a
 * batch wholly settled by offsets sent nothing and is not listed), through
 * hz_store_rec_page. The filter's fields say (each "" / 0 for any): no a
 * part of the batch number, name (exact) the number of a payable it pays,
 * id_number (exact) a payee's ID number (a batch matches any of the three);
 * status one of hz_batch_row's; from / to its creation (stored UTC); text
 * its creator's login; num 1: only batches with a returned payment. A
 * caller with a scope sees none. */
hz_err hz_store_batches_page(hz_db *db, const hz_list_scope *sc, const hz_rec_filter *f, int64_t offset,
                             int64_t limit, hz_batch_row_fn fn, void *ctx, int64_t *total, hz_errinfo *e);
/* The batch of that number as the list shows it; HZ_ENOTFOUND naming it. */
hz_err hz_store_batch_by_no(hz_db *db, const char *batch_no, hz_batch_row *out, hz_errinfo *e);
/* The payments of a batch in batch order with their payable's number,
 * source (claim, lm, relief) and purpose. */
typedef hz_err (*hz_batch_item_fn)(void *ctx, const hz_payment *p, const char *payable_no, const char *source,
                                   const char *purpose, hz_errinfo *e);
hz_err hz_store_batch_items(hz_db *db, int64_t batch_id, hz_batch_item_fn fn, void *ctx, hz_errinfo *e);

/* Bank result files already applied, by content digest. */
hz_err hz_store_bank_file_seen(hz_db *db, const char *digest, bool *seen, hz_errinfo *e);
hz_err hz_store_bank_file_record(hz_db *db, const char *digest, int64_t rows, const char *now, const char *by,
                                 hz_errinfo *e);

#endif
