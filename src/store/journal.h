/* The money journal's tables (docs/money.md): accounts whose balances are
 * kept in step with the transfers, and transfers that are appended, never
 * updated or deleted. Shaped after TigerBeetle: a transfer has an idempotent
 * key, a debit and a credit account, an amount in fen > 0, and a phase:
 *   posted   single-phase, moves money at once;
 *   pending  reserves money (a bank batch line);
 *   post     completes a pending transfer (the bank said 成功);
 *   void     cancels a pending transfer (the bank said 失败).
 * None of these functions opens a transaction: call them inside the one of
 * the change that causes the movement. */
#ifndef HZ_STORE_JOURNAL_H
#define HZ_STORE_JOURNAL_H

#include <stdint.h>

#include "core/model.h"
#include "store/db.h"

#define HZ_ACCOUNT_CODE_MAX 64
#define HZ_TRANSFER_KEY_MAX 64

typedef struct {
    int64_t id;
    char code[HZ_ACCOUNT_CODE_MAX]; /* "benefit:COV:PERIOD:COMPONENT", "payable:NO", "bank", "recv:MEMBER", … */
    char kind[16];                  /* benefit payable bank receivable writeoff */
    int64_t member_id;              /* 0 when the account is not a member's */
    hz_fen debits_posted, credits_posted, debits_pending, credits_pending;
} hz_account;

typedef struct {
    int64_t id;
    char key[HZ_TRANSFER_KEY_MAX];
    int64_t debit_id, credit_id;
    hz_fen amount;
    char phase[8];      /* posted pending post void */
    int64_t pending_id; /* post / void: the pending transfer resolved */
    char cause[48];     /* "line:ID", "payment:ID", "recovery:ID", … */
    char at[24];
    char by[64];
} hz_transfer;

/* The account with this code, created (zero balances) when missing. */
hz_err hz_store_account_ensure(hz_db *db, const char *code, const char *kind, int64_t member_id, const char *now,
                               int64_t *id, hz_errinfo *e);
/* HZ_ENOTFOUND when no such account. */
hz_err hz_store_account_by_code(hz_db *db, const char *code, hz_account *out, hz_errinfo *e);
hz_err hz_store_account_by_id(hz_db *db, int64_t id, hz_account *out, hz_errinfo *e);

/* HZ_ENOTFOUND when no transfer has this key. */
hz_err hz_store_transfer_by_key(hz_db *db, const char *key, hz_transfer *out, hz_errinfo *e);
hz_err hz_store_transfer_by_id(hz_db *db, int64_t id, hz_transfer *out, hz_errinfo *e);
/* Appends t (t->id is set) and moves the two accounts' balances by the
 * phase's rule. A second post/void of one pending transfer: HZ_ECONFLICT. */
hz_err hz_store_transfer_append(hz_db *db, hz_transfer *t, hz_errinfo *e);
/* The unresolved pending transfer whose cause is `cause`: id 0 when none. */
hz_err hz_store_transfer_pending_of(hz_db *db, const char *cause, hz_transfer *out, hz_errinfo *e);
/* Net effect on account_id of the transfers with this cause (posted, post):
 * credits minus debits, in fen. */
hz_err hz_store_transfer_net(hz_db *db, const char *cause, int64_t account_id, hz_fen *net, hz_errinfo *e);

/* For `huzhu check`: every account with its stored balances and the ones
 * recomputed from the transfers. fn returns non-OK to stop. */
typedef struct {
    hz_account stored, computed;
} hz_account_audit;
typedef hz_err (*hz_account_audit_fn)(void *ctx, const hz_account_audit *a, hz_errinfo *e);
hz_err hz_store_accounts_audit(hz_db *db, hz_account_audit_fn fn, void *ctx, hz_errinfo *e);
/* Σ debits and Σ credits over all accounts (posted) and the number of
 * transfers whose post/void does not point at a pending one. */
hz_err hz_store_journal_totals(hz_db *db, hz_fen *debits, hz_fen *credits, int64_t *bad_links, hz_errinfo *e);
/* Σ posted balance (credits - debits) of every account of a kind. */
hz_err hz_store_accounts_kind_sum(hz_db *db, const char *kind, hz_fen *credit_minus_debit, hz_errinfo *e);

#endif
