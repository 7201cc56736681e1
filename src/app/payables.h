/* Payables (docs/money.md): what huzhu owes a member on one cause. A cause
 * (a claim today; an LM subsidy or relief grant next) opens its payable,
 * credits it as amounts are granted and debits it as they are reversed; bank
 * batches pay payables. A payable that ends up owing less than was paid
 * (a refund after payment) turns the difference into a recovery receivable
 * of the member, which the member's next payouts offset first. All of these
 * run inside the caller's transaction. */
#ifndef HZ_APP_PAYABLES_H
#define HZ_APP_PAYABLES_H

#include "app/app.h"
#include "store/payable.h"

/* Opens the payable of a cause; the number is the 业务编号 of bank files. */
hz_err hz_payable_open(hz_app *app, const char *source, int64_t source_id, const char *payable_no, int64_t member_id,
                       const char *purpose, hz_errinfo *e);
/* Grants amount (fen) on the payable: debit `from` (an expense account),
 * credit the payable. key makes it idempotent; cause names the reason. */
hz_err hz_payable_grant(hz_app *app, const char *payable_no, const char *key, const char *from, hz_fen amount,
                        const char *cause, hz_errinfo *e);
/* Takes amount (fen) back: debit the payable, credit `to` (the expense
 * account the grant came from), and nothing else: a caller taking back
 * several grants of one payable (a claim's lines) settles its sign once
 * after the last (hz_payable_settle_sign), so the member is told once what
 * they owe, not once per line with half the figure. */
hz_err hz_payable_take_back(hz_app *app, const char *payable_no, const char *key, const char *to, hz_fen amount,
                            const char *cause, hz_errinfo *e);
/* Reverses amount: hz_payable_take_back, then settles the payable's sign
 * (one grant taken back, e.g. an LM subsidy). */
hz_err hz_payable_reverse(hz_app *app, const char *payable_no, const char *key, const char *to, hz_fen amount,
                          const char *cause, hz_errinfo *e);
/* A payable whose posted balance is negative and has nothing pending in a
 * batch: the member was paid more than owed; the difference becomes a
 * recovery receivable (debit recv:MEMBER, credit the payable). */
hz_err hz_payable_settle_sign(hz_app *app, const char *payable_no, hz_errinfo *e);
/* The cause allows (or no longer allows) payment. */
hz_err hz_payable_ready(hz_app *app, const char *source, int64_t source_id, bool ready, hz_errinfo *e);
/* What a member owes back (fen, >= 0). */
hz_err hz_payable_member_owes(hz_app *app, int64_t member_id, hz_fen *owes, hz_errinfo *e);

/* What the journal did with a payable's money, for the member's notices
 * and the payout notice (core/payout.h): the sums, what the member owes
 * back now, the card the bank paid (or is paying; else the member's card
 * on file), masked, and what an offset settled (the member's earlier
 * debts, oldest first, named by their payables). `why` is left "". */
hz_err hz_payable_payout(hz_app *app, const char *payable_no, hz_payout *out, hz_errinfo *e);

#endif
