/* Store functions for claims, claim lines and the claim-settlement links.
 * None opens a transaction. */
#ifndef HZ_STORE_CLAIM_H
#define HZ_STORE_CLAIM_H

#include <stddef.h>

#include "core/model.h"
#include "store/db.h"
#include "store/lists.h"

/* the status as stored: "closed" is approved with a total of 0 */
const char *hz_store_claim_stored_status(const char *status);

/* c->claim_no from c->id and c->submitted_at (what hz_store_claim_insert gives). */
void hz_store_claim_number(hz_claim *c);
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

/* Inserts a line; l->id is set. */
hz_err hz_store_claim_line_insert(hz_db *db, int64_t claim_id, hz_claim_line_row *l, hz_errinfo *e);
hz_err hz_store_claim_lines(hz_db *db, int64_t claim_id, hz_claim_line_row *out, int max, int *n, hz_errinfo *e);
hz_err hz_store_claim_line_reverse(hz_db *db, int64_t line_id, const char *reason, const char *explain, hz_errinfo *e);
hz_err hz_store_claim_link(hz_db *db, int64_t claim_id, int64_t settlement_id, hz_errinfo *e);
hz_err hz_store_claim_release(hz_db *db, int64_t claim_id, hz_errinfo *e);
/* Claims with a line on a settlement (for refunds). *ids malloc'd. */
hz_err hz_store_claims_of_settlement(hz_db *db, int64_t settlement_id, int64_t **ids, size_t *n, hz_errinfo *e);
/* Claims of the members within scope sc, submitted within [from, to], in
 * id order; read a page at a time, so memory does not grow with the table.
 * fn may use the same connection. */
hz_err hz_store_claims_in_scope(hz_db *db, const hz_list_scope *sc, hz_date from, hz_date to, hz_claim_fn fn,
                                 void *ctx, hz_errinfo *e);

/* Calls fn with each claim status and its number of claims. */
hz_err hz_store_claim_status_counts(hz_db *db, void (*fn)(void *ctx, const char *status, int64_t n), void *ctx,
                                    hz_errinfo *e);

/* The documents of a claim received so far, one row per kind: who recorded
 * it and when (claims migration 2). Recording a kind twice keeps the first. */
hz_err hz_store_claim_doc_put(hz_db *db, int64_t claim_id, const char *kind, const char *at, const char *by,
                              hz_errinfo *e);
typedef void (*hz_claim_doc_fn)(void *ctx, const char *kind, const char *at, const char *by);
hz_err hz_store_claim_docs(hz_db *db, int64_t claim_id, hz_claim_doc_fn fn, void *ctx, hz_errinfo *e);

/* The claim (not rejected) that resubmits claim_id: "" when none. */
hz_err hz_store_claim_resubmitted_by(hz_db *db, int64_t claim_id, char claim_no[24], hz_errinfo *e);
/* Did the claim (active or released) use the settlement? */
hz_err hz_store_claim_used_settlement(hz_db *db, int64_t claim_id, int64_t settlement_id, bool *used, hz_errinfo *e);

#endif
