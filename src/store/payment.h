/* Store functions for payment batches and payments. None opens a
 * transaction. */
#ifndef HZ_STORE_PAYMENT_H
#define HZ_STORE_PAYMENT_H

#include "core/model.h"
#include "store/db.h"

hz_err hz_store_batch_insert(hz_db *db, const char *batch_no, int64_t count, hz_fen total, const char *now,
                             const char *by, int64_t *id, hz_errinfo *e);
/* Sets the final number, count and total of a batch. */
hz_err hz_store_batch_finish(hz_db *db, int64_t id, const char *batch_no, int64_t count, hz_fen total, hz_errinfo *e);
hz_err hz_store_payment_insert(hz_db *db, int64_t claim_id, int64_t batch_id, hz_fen amount, const char *payee,
                               const char *card, const char *bank, const char *now, hz_errinfo *e);
/* The live (pending or paid) payment of a claim: id 0 when none. */
hz_err hz_store_payment_live(hz_db *db, int64_t claim_id, int64_t *id, char status[12], hz_fen *amount, hz_errinfo *e);
hz_err hz_store_payment_settle(hz_db *db, int64_t id, const char *status, const char *bank_ref, const char *reason,
                               const char *now, hz_errinfo *e);

#endif
