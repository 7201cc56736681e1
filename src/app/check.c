/* huzhu check (app/check.h). */
#include "app/check.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "app/audit.h"
#include "app/authz.h"
#include "app/security.h"
#include "core/plan.h"
#include "core/text.h"
#include "store/check.h"
#include "store/journal.h"
#include "store/security.h"

static void differ(hz_check_report *r, const char *check, const char *object, int64_t got, int64_t want) {
    r->ok = false;
    hz_strlcpy(r->check, check, sizeof r->check);
    hz_strlcpy(r->object, object, sizeof r->object);
    r->got = got;
    r->want = want;
    snprintf(r->message, sizeof r->message, "不一致 (difference): %s 在 %s: 记录为 %" PRId64 ", 应为 %" PRId64, check,
             object, got, want);
}

static hz_err account_one(void *ctx, const hz_account_audit *a, hz_errinfo *e) {
    (void)e;
    hz_check_report *r = ctx;
    const hz_account *s = &a->stored, *c = &a->computed;
    char object[80];
    snprintf(object, sizeof object, "account:%s", s->code);
    if (s->debits_posted != c->debits_posted) differ(r, "account.debits_posted=transfers", object, s->debits_posted, c->debits_posted);
    else if (s->credits_posted != c->credits_posted)
        differ(r, "account.credits_posted=transfers", object, s->credits_posted, c->credits_posted);
    else if (s->debits_pending != c->debits_pending)
        differ(r, "account.debits_pending=transfers", object, s->debits_pending, c->debits_pending);
    else if (s->credits_pending != c->credits_pending)
        differ(r, "account.credits_pending=transfers", object, s->credits_pending, c->credits_pending);
    return r->ok ? HZ_OK : HZ_ECONFLICT; /* stop at the first */
}

typedef struct {
    hz_app *app;
    hz_check_report *r;
} walk_ctx;

/* A coverage's premium is its plan version's price for its shares and
 * months: shares or months changed in the database show here (and a
 * premium changed with them, at the contributions). */
static hz_err premium_one(void *vctx, int64_t id, int64_t plan_id, int shares, int months, int64_t premium,
                          hz_errinfo *e) {
    walk_ctx *c = vctx;
    const hz_plan *plan;
    hz_fen want = -1;
    hz_errinfo pe;
    hz_err rc = hz_app_plan_by_id(c->app, plan_id, &plan, NULL, e);
    if (rc) return rc;
    if (hz_plan_premium(plan, shares, months, &want, &pe)) want = -1;
    if (want == premium) return HZ_OK;
    char object[48];
    snprintf(object, sizeof object, "coverage:%" PRId64, id);
    differ(c->r, "coverage.premium=plan(shares,months)", object, premium, want);
    return HZ_ECONFLICT;
}

static hz_err check_premiums(hz_app *app, hz_check_report *out, hz_errinfo *e) {
    walk_ctx c = {app, out};
    hz_err rc = hz_store_coverages_premium_walk(app->db, premium_one, &c, e);
    return !out->ok ? HZ_OK : rc;
}

/* Every payment row still carries the MAC it was written with: the card,
 * payee, bank or amount the bank was told cannot be changed unseen. */
static hz_err payment_mac_one(void *vctx, const hz_payment_mac_row *y, hz_errinfo *e) {
    walk_ctx *c = vctx;
    char want[65];
    hz_err rc = hz_payment_mac(c->app, y->id, y->payable_id, y->batch_id, y->amount, y->payee_name, y->bank_card,
                               y->bank_name, want, e);
    if (rc) return rc;
    if (!strcmp(want, y->mac)) return HZ_OK;
    char object[48];
    snprintf(object, sizeof object, "payment:%" PRId64, y->id);
    differ(c->r, "payment.mac (payee, bank_card, bank_name, amount)", object, y->amount, y->amount);
    snprintf(c->r->message, sizeof c->r->message,
             "不一致 (difference): payment.mac 在 %s: 收款人、卡号、开户行或金额被改动 (payee, bank card, bank or amount "
             "changed after the batch)", object);
    return HZ_ECONFLICT;
}

static hz_err check_payment_macs(hz_app *app, hz_check_report *out, hz_errinfo *e) {
    walk_ctx c = {app, out};
    hz_err rc = hz_store_payments_mac_walk(app->db, payment_mac_one, &c, e);
    return !out->ok ? HZ_OK : rc;
}

hz_err hz_app_check(hz_app *app, hz_check_report *out, hz_errinfo *e) {
    memset(out, 0, sizeof *out);
    out->ok = true;
    hz_err rc = hz_authz_can(app, HZ_A_AUDIT, e);
    if (rc) return rc;
    hz_errinfo ae;
    rc = hz_store_accounts_audit(app->db, account_one, out, &ae);
    if (!out->ok) return HZ_OK;
    if (rc) return hz_fail(e, rc, "%s", ae.msg);
    int64_t bad_links = 0;
    if ((rc = hz_store_journal_totals(app->db, &out->debits, &out->credits, &bad_links, e))) return rc;
    if (out->debits != out->credits) {
        differ(out, "debits=credits", "journal", out->debits, out->credits);
        return HZ_OK;
    }
    if (bad_links) {
        differ(out, "post/void=pending", "journal", bad_links, 0);
        return HZ_OK;
    }
    bool more = true;
    for (int i = 0; more; i++) {
        bool found;
        hz_check_diff d;
        if ((rc = hz_store_check_run(app->db, i, &more, &found, &d, e))) return rc;
        if (found) {
            differ(out, d.name, d.object, d.got, d.want);
            return HZ_OK;
        }
    }
    if ((rc = check_premiums(app, out, e)) || !out->ok || (rc = check_payment_macs(app, out, e)) || !out->ok) return rc;
    hz_audit_report ar;
    if ((rc = hz_audit_verify(app, &ar, e))) return rc;
    out->audit_events = ar.events;
    if (ar.broken_id) {
        char object[48];
        snprintf(object, sizeof object, "audit_event:%" PRId64, ar.broken_id);
        differ(out, "audit_chain", object, ar.broken_id, 0);
        snprintf(out->message, sizeof out->message, "审计链断开 (audit chain broken) at %s: %s", object, ar.reason);
    }
    return HZ_OK;
}
