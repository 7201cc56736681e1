/* The rows of 免申即享's bulk writer (app/claim_bulk.c), SQLite only:
 * multi-row prepared INSERTs with ids the writer assigned in order, inside
 * the caller's transaction (BEGIN IMMEDIATE: max + 1 is the writer's). What
 * goes in is exactly what the one-by-one path writes row by row. */
#ifndef HZ_STORE_CLAIM_BULK_H
#define HZ_STORE_CLAIM_BULK_H

#include "core/model.h"
#include "core/notices.h"
#include "store/audit.h"
#include "store/db.h"
#include "store/journal.h"
#include "store/ledger.h"
#include "store/payable.h"

/* The next id of each table the writer appends to (max + 1). */
typedef struct {
    int64_t claim, line, payable, account, transfer, audit, notice;
} hz_bulk_ids;
hz_err hz_store_bulk_next_ids(hz_db *db, hz_bulk_ids *out, hz_errinfo *e);

typedef struct {
    int64_t claim_id;
    char kind[32];
    const char *at, *by;
} hz_bulk_doc;
typedef struct {
    int64_t claim_id;
    hz_claim_line_row r;
} hz_bulk_line;
typedef struct {
    int64_t claim_id, settlement_id;
} hz_bulk_link;
typedef struct {
    int64_t coverage_id;
    hz_ledger_entry l;
} hz_bulk_ledger;
/* an account: new (written with its balances) or known (balances added) */
typedef struct {
    int64_t id;
    char code[HZ_ACCOUNT_CODE_MAX];
    const char *kind;
    int64_t member_id;
    hz_fen debits_posted, credits_posted;
    const char *created_at;
} hz_bulk_account;
typedef struct {
    int64_t id;
    char at[24], actor[64], action[24], object[48], detail[1400], prev_hash[65], hash[65];
} hz_bulk_audit;

hz_err hz_store_bulk_claims(hz_db *db, const hz_claim *c, int n, hz_errinfo *e);
hz_err hz_store_bulk_docs(hz_db *db, const hz_bulk_doc *d, int n, hz_errinfo *e);
hz_err hz_store_bulk_payables(hz_db *db, const hz_payable *p, int n, hz_errinfo *e);
hz_err hz_store_bulk_accounts_new(hz_db *db, const hz_bulk_account *a, int n, hz_errinfo *e);
/* adds debits_posted / credits_posted to an existing account */
hz_err hz_store_bulk_account_add(hz_db *db, const hz_bulk_account *a, hz_errinfo *e);
hz_err hz_store_bulk_lines(hz_db *db, const hz_bulk_line *l, int n, hz_errinfo *e);
hz_err hz_store_bulk_transfers(hz_db *db, const hz_transfer *t, int n, hz_errinfo *e);
hz_err hz_store_bulk_links(hz_db *db, const hz_bulk_link *l, int n, hz_errinfo *e);
/* upserts, as hz_store_ledger_put does */
hz_err hz_store_bulk_ledger(hz_db *db, const hz_bulk_ledger *l, int n, hz_errinfo *e);
hz_err hz_store_bulk_audit(hz_db *db, const hz_bulk_audit *a, int n, hz_errinfo *e);
hz_err hz_store_bulk_notices(hz_db *db, const hz_notice *n, int count, hz_errinfo *e);
/* The id of the account with this code, 0 when there is none. */
hz_err hz_store_bulk_account_id(hz_db *db, const char *code, int64_t *id, hz_errinfo *e);

#endif
