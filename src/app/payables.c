/* Payables and recoveries on the money journal (app/payables.h). */
#include "app/payables.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "app/journal.h"
#include "app/security.h"
#include "core/text.h"

hz_err hz_payable_open(hz_app *app, const char *source, int64_t source_id, const char *payable_no, int64_t member_id,
                       const char *purpose, hz_errinfo *e) {
    hz_payable p;
    memset(&p, 0, sizeof p);
    hz_strlcpy(p.payable_no, payable_no, sizeof p.payable_no);
    p.member_id = member_id;
    hz_strlcpy(p.source, source, sizeof p.source);
    p.source_id = source_id;
    hz_strlcpy(p.purpose, purpose, sizeof p.purpose);
    hz_strlcpy(p.created_at, app->now, sizeof p.created_at);
    /* a member whose new bank card is not confirmed yet is paid nothing
     * until it is, whenever the payable was opened (issue 12) */
    bool card_pending;
    hz_err rc = hz_card_change_pending(app, member_id, &card_pending, e);
    if (rc) return rc;
    if (card_pending) hz_strlcpy(p.hold_reason, HZ_HOLD_CARD_CHANGED, sizeof p.hold_reason);
    rc = hz_store_payable_insert(app->db, &p, e);
    if (rc) return rc;
    char acct[HZ_ACCOUNT_CODE_MAX];
    int64_t id;
    hz_acct_payable(acct, payable_no);
    return hz_store_account_ensure(app->db, acct, "payable", member_id, app->now, &id, e);
}

hz_err hz_payable_grant(hz_app *app, const char *payable_no, const char *key, const char *from, hz_fen amount,
                        const char *cause, hz_errinfo *e) {
    char acct[HZ_ACCOUNT_CODE_MAX];
    hz_acct_payable(acct, payable_no);
    return hz_journal_post(app, key, from, acct, amount, cause, e);
}

hz_err hz_payable_reverse(hz_app *app, const char *payable_no, const char *key, const char *to, hz_fen amount,
                          const char *cause, hz_errinfo *e) {
    char acct[HZ_ACCOUNT_CODE_MAX];
    hz_acct_payable(acct, payable_no);
    hz_err rc = hz_journal_post(app, key, acct, to, amount, cause, e);
    if (rc) return rc;
    return hz_payable_settle_sign(app, payable_no, e);
}

hz_err hz_payable_settle_sign(hz_app *app, const char *payable_no, hz_errinfo *e) {
    hz_payable p;
    hz_err rc = hz_store_payable_by_no(app->db, payable_no, &p, e);
    if (rc) return rc;
    if (p.owed >= 0 || p.available != p.owed) return HZ_OK; /* nothing owed back, or a batch still pending */
    char acct[HZ_ACCOUNT_CODE_MAX], recv[HZ_ACCOUNT_CODE_MAX], key[HZ_TRANSFER_KEY_MAX], cause[48];
    hz_acct_payable(acct, payable_no);
    hz_acct_recv(recv, p.member_id);
    hz_account a;
    if ((rc = hz_store_account_by_code(app->db, acct, &a, e))) return rc;
    /* one key per state of the account: the debits posted so far */
    snprintf(key, sizeof key, "recover:%s:%" PRId64, payable_no, a.debits_posted);
    snprintf(cause, sizeof cause, "payable:%s", payable_no);
    return hz_journal_post(app, key, recv, acct, -p.owed, cause, e);
}

hz_err hz_payable_ready(hz_app *app, const char *source, int64_t source_id, bool ready, hz_errinfo *e) {
    hz_payable p;
    hz_err rc = hz_store_payable_by_source(app->db, source, source_id, &p, e);
    if (rc) return rc;
    if (p.ready == ready) return HZ_OK;
    p.ready = ready;
    return hz_store_payable_update(app->db, &p, e);
}

hz_err hz_payable_member_owes(hz_app *app, int64_t member_id, hz_fen *owes, hz_errinfo *e) {
    char recv[HZ_ACCOUNT_CODE_MAX];
    hz_acct_recv(recv, member_id);
    hz_fen bal;
    hz_err rc = hz_journal_balance(app, recv, &bal, NULL, e);
    *owes = rc ? 0 : -bal; /* a receivable has a debit balance */
    return rc;
}
