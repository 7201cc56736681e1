/* The money journal (docs/money.md): every movement of money is a transfer
 * between two accounts, appended in the transaction of the change that
 * causes it, never updated or deleted. Balances are kept in step and
 * `huzhu check` recomputes them. Accounts (codes):
 *   benefit:COV:PERIOD:COMPONENT  benefit expense of one coverage, policy
 *                                 year and component (debit balance = what
 *                                 the active claim lines of it pay)
 *   payable:NO                    what huzhu owes a member on one payable
 *                                 (a claim today; LM, relief later)
 *   bank                          bank clearing: money that left the bank
 *   recv:MEMBER                   recovery receivable: what a member owes back
 *   writeoff                      recoveries given up, with a reason
 * Amounts are fen (> 0); a zero amount posts nothing. */
#ifndef HZ_APP_JOURNAL_H
#define HZ_APP_JOURNAL_H

#include "app/app.h"
#include "store/journal.h"

#define HZ_ACCT_BANK "bank"
#define HZ_ACCT_WRITEOFF "writeoff"

void hz_acct_benefit(char out[HZ_ACCOUNT_CODE_MAX], int64_t coverage_id, int period, const char *component);
void hz_acct_payable(char out[HZ_ACCOUNT_CODE_MAX], const char *payable_no);
void hz_acct_recv(char out[HZ_ACCOUNT_CODE_MAX], int64_t member_id);

/* A single-phase transfer: debit `debit`, credit `credit`, both created on
 * first use. Idempotent: a transfer with the same key and the same accounts
 * and amount already there is a no-op; the same key with anything else is
 * HZ_ECONFLICT. */
hz_err hz_journal_post(hz_app *app, const char *key, const char *debit, const char *credit, hz_fen amount,
                       const char *cause, hz_errinfo *e);
/* A pending transfer (reserved, not yet moved); *id is its id (0 when the
 * amount is 0). Idempotent like hz_journal_post. */
hz_err hz_journal_pend(hz_app *app, const char *key, const char *debit, const char *credit, hz_fen amount,
                       const char *cause, int64_t *id, hz_errinfo *e);
/* Posts (post = true) or voids a pending transfer, exactly once: resolving
 * it again the same way is a no-op, the other way HZ_ECONFLICT. */
hz_err hz_journal_resolve(hz_app *app, int64_t pending_id, bool post, hz_errinfo *e);

/* Balance of an account, credit minus debit, posted only / less pending
 * debits (what can still be paid out of a payable). 0 for a missing account. */
hz_err hz_journal_balance(hz_app *app, const char *code, hz_fen *posted, hz_fen *available, hz_errinfo *e);

#endif
