/* Store functions for settlements, claims, claim lines, ledgers and
 * payments. None opens a transaction. */
#ifndef HZ_STORE_CLAIMS_H
#define HZ_STORE_CLAIMS_H

#include <stddef.h>

#include "core/engine.h"
#include "core/model.h"
#include "store/db.h"

/* Inserts unless setl_id exists; *inserted says which. s->id is set. */
hz_err hz_store_settlement_put(hz_db *db, hz_settlement *s, const char *now, bool *inserted, hz_errinfo *e);
hz_err hz_store_settlement_by_setl_id(hz_db *db, const char *setl_id, hz_settlement *out, hz_errinfo *e);
hz_err hz_store_settlement_by_id(hz_db *db, int64_t id, hz_settlement *out, hz_errinfo *e);
hz_err hz_store_settlement_mark_refunded(hz_db *db, int64_t id, hz_errinfo *e);
/* claim_no of the active claim using a settlement, "" when none. */
hz_err hz_store_settlement_claim(hz_db *db, int64_t settlement_id, char claim_no[24], int64_t *claim_id, hz_errinfo *e);
/* Inpatient, matched, not refunded settlements with no active claim whose
 * member holds a coverage on the admission date, discharged on or after
 * since. *ids is malloc'd. */
hz_err hz_store_settlements_unclaimed(hz_db *db, hz_date since, int64_t **ids, size_t *n, hz_errinfo *e);

hz_err hz_store_claim_insert(hz_db *db, hz_claim *c, hz_errinfo *e);
hz_err hz_store_claim_by_no(hz_db *db, const char *claim_no, hz_claim *out, hz_errinfo *e);
hz_err hz_store_claim_by_id(hz_db *db, int64_t id, hz_claim *out, hz_errinfo *e);
/* Writes status, total, review, documents, decision, payment fields. */
hz_err hz_store_claim_update(hz_db *db, const hz_claim *c, hz_errinfo *e);
/* A non-rejected claim of the member for the same event kind and date. */
hz_err hz_store_claim_same_event(hz_db *db, int64_t member_id, bool death, int grade, const char *diagnosis,
                                 hz_date date, char claim_no[24], hz_errinfo *e);
typedef hz_err (*hz_claim_fn)(void *ctx, const hz_claim *c, hz_errinfo *e);
/* Claims of a member, newest first. */
hz_err hz_store_claims_of_member(hz_db *db, int64_t member_id, hz_claim_fn fn, void *ctx, hz_errinfo *e);
/* Claims in a status ("" = all) submitted within [from, to] (dates). */
hz_err hz_store_claims_list(hz_db *db, const char *status, hz_date from, hz_date to, hz_claim_fn fn, void *ctx,
                            hz_errinfo *e);

hz_err hz_store_claim_line_insert(hz_db *db, int64_t claim_id, const hz_claim_line_row *l, hz_errinfo *e);
hz_err hz_store_claim_lines(hz_db *db, int64_t claim_id, hz_claim_line_row *out, int max, int *n, hz_errinfo *e);
hz_err hz_store_claim_line_reverse(hz_db *db, int64_t line_id, const char *reason, const char *explain, hz_errinfo *e);
hz_err hz_store_claim_link(hz_db *db, int64_t claim_id, int64_t settlement_id, hz_errinfo *e);
hz_err hz_store_claim_release(hz_db *db, int64_t claim_id, hz_errinfo *e);
/* Claims with a line on a settlement (for refunds). *ids malloc'd. */
hz_err hz_store_claims_of_settlement(hz_db *db, int64_t settlement_id, int64_t **ids, size_t *n, hz_errinfo *e);

hz_err hz_store_ledger_load(hz_db *db, int64_t coverage_id, hz_ledger_entry *out, int max, int *n, hz_errinfo *e);
hz_err hz_store_ledger_put(hz_db *db, int64_t coverage_id, const hz_ledger_entry *l, hz_errinfo *e);

/* Approved claims with a positive total and no live payment. */
hz_err hz_store_claims_payable(hz_db *db, hz_claim_fn fn, void *ctx, hz_errinfo *e);
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
