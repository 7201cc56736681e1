/* The money journal's rules above the store: account codes, idempotent
 * keys, two-phase transfers (app/journal.h). */
#include "app/journal.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"

void hz_acct_benefit(char out[HZ_ACCOUNT_CODE_MAX], int64_t coverage_id, int period, const char *component) {
    snprintf(out, HZ_ACCOUNT_CODE_MAX, "benefit:%" PRId64 ":%d:%s", coverage_id, period, component);
}

void hz_acct_payable(char out[HZ_ACCOUNT_CODE_MAX], const char *payable_no) {
    snprintf(out, HZ_ACCOUNT_CODE_MAX, "payable:%s", payable_no);
}

void hz_acct_recv(char out[HZ_ACCOUNT_CODE_MAX], int64_t member_id) {
    snprintf(out, HZ_ACCOUNT_CODE_MAX, "recv:%" PRId64, member_id);
}

/* The kind and member of an account, read from its code. */
static hz_err ensure(hz_app *app, const char *code, int64_t *id, hz_errinfo *e) {
    static const struct {
        const char *prefix, *kind;
    } kinds[] = {{"benefit:", "benefit"}, {"payable:", "payable"}, {"recv:", "receivable"},
                 {"bank", "bank"},        {"writeoff", "writeoff"}, {"budget:", "budget"}};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        size_t n = strlen(kinds[i].prefix);
        if (strncmp(code, kinds[i].prefix, n) != 0) continue;
        int64_t member = !strcmp(kinds[i].kind, "receivable") ? strtoll(code + n, NULL, 10) : 0;
        return hz_store_account_ensure(app->db, code, kinds[i].kind, member, app->now, id, e);
    }
    return hz_fail(e, HZ_EINTERNAL, "未知账户 %s (unknown account kind)", code);
}

static hz_err append(hz_app *app, const char *key, const char *debit, const char *credit, hz_fen amount,
                     const char *phase, int64_t pending_id, const char *cause, int64_t *id, hz_errinfo *e) {
    if (id) *id = 0;
    if (amount == 0) return HZ_OK;
    if (amount < 0) return hz_fail(e, HZ_EINTERNAL, "转账金额为负 (negative transfer %s)", key);
    hz_transfer t;
    memset(&t, 0, sizeof t);
    hz_err rc;
    if ((rc = ensure(app, debit, &t.debit_id, e)) || (rc = ensure(app, credit, &t.credit_id, e))) return rc;
    hz_transfer old;
    hz_errinfo ne;
    rc = hz_store_transfer_by_key(app->db, key, &old, &ne);
    if (rc == HZ_OK) {
        if (old.debit_id != t.debit_id || old.credit_id != t.credit_id || old.amount != amount ||
            strcmp(old.phase, phase) != 0)
            return hz_fail(e, HZ_ECONFLICT, "转账 %s 已存在且内容不同 (transfer exists with other fields)", key);
        if (id) *id = old.id;
        return HZ_OK;
    }
    if (rc != HZ_ENOTFOUND) return hz_fail(e, rc, "%s", ne.msg);
    hz_strlcpy(t.key, key, sizeof t.key);
    t.amount = amount;
    hz_strlcpy(t.phase, phase, sizeof t.phase);
    t.pending_id = pending_id;
    hz_strlcpy(t.cause, cause, sizeof t.cause);
    hz_strlcpy(t.at, app->now, sizeof t.at);
    hz_strlcpy(t.by, app->actor, sizeof t.by);
    if ((rc = hz_store_transfer_append(app->db, &t, e))) return rc;
    if (id) *id = t.id;
    return HZ_OK;
}

hz_err hz_journal_post(hz_app *app, const char *key, const char *debit, const char *credit, hz_fen amount,
                       const char *cause, hz_errinfo *e) {
    return append(app, key, debit, credit, amount, "posted", 0, cause, NULL, e);
}

hz_err hz_journal_pend(hz_app *app, const char *key, const char *debit, const char *credit, hz_fen amount,
                       const char *cause, int64_t *id, hz_errinfo *e) {
    return append(app, key, debit, credit, amount, "pending", 0, cause, id, e);
}

hz_err hz_journal_resolve(hz_app *app, int64_t pending_id, bool post, hz_errinfo *e) {
    hz_transfer p;
    hz_err rc = hz_store_transfer_by_id(app->db, pending_id, &p, e);
    if (rc) return rc;
    if (strcmp(p.phase, "pending") != 0)
        return hz_fail(e, HZ_EINTERNAL, "转账 %s 不是待定转账 (not a pending transfer)", p.key);
    char key[HZ_TRANSFER_KEY_MAX], other[HZ_TRANSFER_KEY_MAX];
    snprintf(key, sizeof key, "%s/%s", p.key, post ? "post" : "void");
    snprintf(other, sizeof other, "%s/%s", p.key, post ? "void" : "post");
    hz_transfer o;
    hz_errinfo ne;
    if (hz_store_transfer_by_key(app->db, other, &o, &ne) == HZ_OK)
        return hz_fail(e, HZ_ECONFLICT, "转账 %s 已%s, 不能再%s (already %s)", p.key, post ? "作废" : "入账",
                       post ? "入账" : "作废", post ? "voided" : "posted");
    hz_account d, c;
    if ((rc = hz_store_account_by_id(app->db, p.debit_id, &d, e)) ||
        (rc = hz_store_account_by_id(app->db, p.credit_id, &c, e)))
        return rc;
    return append(app, key, d.code, c.code, p.amount, post ? "post" : "void", p.id, p.cause, NULL, e);
}

hz_err hz_journal_balance(hz_app *app, const char *code, hz_fen *posted, hz_fen *available, hz_errinfo *e) {
    hz_account a;
    hz_errinfo ne;
    hz_err rc = hz_store_account_by_code(app->db, code, &a, &ne);
    if (rc == HZ_ENOTFOUND) {
        if (posted) *posted = 0;
        if (available) *available = 0;
        return HZ_OK;
    }
    if (rc) return hz_fail(e, rc, "%s", ne.msg);
    if (posted) *posted = a.credits_posted - a.debits_posted;
    if (available) *available = a.credits_posted - a.debits_posted - a.debits_pending;
    return HZ_OK;
}
