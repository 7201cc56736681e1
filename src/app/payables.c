/* Payables and recoveries on the money journal (app/payables.h). */
#include "app/payables.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/journal.h"
#include "app/module.h"
#include "app/security.h"
#include "core/idcard.h"
#include "core/text.h"
#include "store/payment.h"
#include "store/registry.h"

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

hz_err hz_payable_take_back(hz_app *app, const char *payable_no, const char *key, const char *to, hz_fen amount,
                            const char *cause, hz_errinfo *e) {
    char acct[HZ_ACCOUNT_CODE_MAX];
    hz_acct_payable(acct, payable_no);
    return hz_journal_post(app, key, acct, to, amount, cause, e);
}

hz_err hz_payable_reverse(hz_app *app, const char *payable_no, const char *key, const char *to, hz_fen amount,
                          const char *cause, hz_errinfo *e) {
    hz_err rc = hz_payable_take_back(app, payable_no, key, to, amount, cause, e);
    return rc ? rc : hz_payable_settle_sign(app, payable_no, e);
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
    if ((rc = hz_journal_post(app, key, recv, acct, -p.owed, cause, e))) return rc;
    /* the member now owes money back: told (the notices module) */
    return hz_app_event_emit(app, "payable.recover", p.source, p.source_id, payable_no, e);
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

/* FIFO over the member's receivable: debts queue up oldest first, every
 * reduction pays the oldest; the reductions that are this payable's
 * offsets are written as what they settled. */
#define DEBTS_MAX 32
typedef struct {
    hz_app *app;
    char offset_key[48]; /* "offset:NO:" */
    struct {
        char code[HZ_ACCOUNT_CODE_MAX];
        hz_fen left, settled; /* settled: by this payable's offsets */
    } debt[DEBTS_MAX];
    int n, head;
} fifo_ctx;

static hz_err fifo_move(void *vctx, int64_t transfer_id, const char *key, hz_fen amount, bool debt, const char *other,
                        hz_errinfo *e) {
    (void)transfer_id;
    (void)e;
    fifo_ctx *c = vctx;
    if (debt) {
        if (c->n == DEBTS_MAX) { /* the oldest, long settled, make room */
            memmove(&c->debt[0], &c->debt[1], sizeof c->debt[0] * (DEBTS_MAX - 1));
            c->n--;
            c->head = c->head ? c->head - 1 : 0;
        }
        hz_strlcpy(c->debt[c->n].code, other, sizeof c->debt[c->n].code);
        c->debt[c->n].left = amount;
        c->debt[c->n++].settled = 0;
        return HZ_OK;
    }
    bool ours = !strncmp(key, c->offset_key, strlen(c->offset_key));
    while (amount > 0 && c->head < c->n) {
        hz_fen take = hz_money_min(amount, c->debt[c->head].left);
        c->debt[c->head].left -= take;
        if (ours) c->debt[c->head].settled += take;
        amount -= take;
        if (c->debt[c->head].left == 0) c->head++;
    }
    return HZ_OK;
}

hz_err hz_payable_payout(hz_app *app, const char *payable_no, hz_payout *out, hz_errinfo *e) {
    memset(out, 0, sizeof *out);
    hz_strlcpy(out->no, payable_no, sizeof out->no);
    hz_payable p;
    hz_payment y;
    hz_member m;
    hz_err rc;
    if ((rc = hz_store_payable_by_no(app->db, payable_no, &p, e)) ||
        (rc = hz_store_payable_money(app->db, payable_no, out, e)) ||
        (rc = hz_payable_member_owes(app, p.member_id, &out->member_owes, e)) ||
        (rc = hz_store_payment_last_of(app->db, p.id, &y, e)) || (rc = hz_store_member_by_id(app->db, p.member_id, &m, e)))
        return rc;
    /* the card the money went to (or is going to) is the payment's, which
     * may be an older one than the member's card today */
    out->card_paid = y.id && (!strcmp(y.status, "paid") || !strcmp(y.status, "pending"));
    const char *card = out->card_paid ? y.bank_card : m.bank_card;
    hz_strlcpy(out->bank_name, out->card_paid ? y.bank_name : m.bank_name, sizeof out->bank_name);
    if (card[0]) {
        size_t n = strlen(card);
        hz_bank_card_mask(card, out->card_masked);
        hz_strlcpy(out->card_tail, n >= 4 ? card + n - 4 : card, sizeof out->card_tail);
    }
    if (out->at_bank > 0 && y.id && !strcmp(y.status, "pending")) hz_strlcpy(out->batch_no, y.batch_no, sizeof out->batch_no);
    if (out->offset <= 0) return HZ_OK;
    fifo_ctx *c = calloc(1, sizeof *c);
    if (!c) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    c->app = app;
    snprintf(c->offset_key, sizeof c->offset_key, "offset:%s:", payable_no);
    if (!(rc = hz_store_recv_moves(app->db, p.member_id, fifo_move, c, e))) {
        for (int i = 0; i < c->n; i++) {
            if (c->debt[i].settled <= 0) continue;
            hz_payable from;
            char b[HZ_MONEY_BUF];
            const char *no = strncmp(c->debt[i].code, "payable:", 8) ? c->debt[i].code : c->debt[i].code + 8;
            hz_errinfo ne;
            const char *what = hz_store_payable_by_no(app->db, no, &from, &ne) == HZ_OK ? from.purpose : no;
            size_t len = strlen(out->against);
            snprintf(out->against + len, sizeof out->against - len, "%s%s 多付的 %s 元", len ? "、" : "", what,
                     hz_money_format_grouped(c->debt[i].settled, b));
        }
    }
    free(c);
    return rc;
}
