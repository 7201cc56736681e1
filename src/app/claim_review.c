/* Claim review: show, documents (completion starts the 7-day clock),
 * approve, reject. Rejection reverses lines through claim_reversal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/authz.h"
#include "app/claim_reversal.h"
#include "app/claim_shared.h"
#include "app/module.h"
#include "app/payables.h"
#include "core/text.h"
#include "store/claim.h"
#include "store/payment.h"

static bool docs_complete(const char *required, const char *received) {
    char buf[160];
    hz_strlcpy(buf, required, sizeof buf);
    for (char *p = buf; p && *p;) {
        char *comma = strchr(p, ',');
        if (comma) *comma = '\0';
        if (!hz_claims_has_doc(received, p)) return false;
        p = comma ? comma + 1 : NULL;
    }
    return true;
}

static const char *const doc_kinds[] = {
    "id_card",   "discharge_certificate", "accident_certificate", "death_certificate", "disability_assessment",
    "bank_card", "diagnosis_report",      "pathology_report",     "itemised_bill",     "discharge_summary",
    NULL};

hz_err hz_app_claim_show(hz_app *app, const char *claim_no, hz_claim_view *out, hz_errinfo *e) {
    hz_claim c;
    hz_err rc;
    if ((rc = hz_authz_can(app, HZ_A_CLAIM_READ, e)) || (rc = hz_store_claim_by_no(app->db, claim_no, &c, e)) ||
        (rc = hz_claims_load_view(app, c.id, out, e)))
        return rc;
    if ((rc = hz_authz_member(app, &out->member, e))) {
        memset(out, 0, sizeof *out);
        return hz_fail(e, HZ_ENOTFOUND, "理赔申请 %s 不存在 (no such claim)", claim_no);
    }
    return HZ_OK;
}

/* Loads, checks the state, applies change(), writes, audits: one transaction. */
typedef hz_err (*claim_change_fn)(hz_app *app, hz_claim_view *v, const void *arg, hz_errinfo *e);
static hz_err do_documents(hz_app *app, hz_claim_view *v, const void *varg, hz_errinfo *e);

static hz_err change_claim(hz_app *app, const char *claim_no, const char *action, claim_change_fn change,
                           const void *arg, const char *why, hz_claim_view *out, hz_errinfo *e) {
    hz_action need = change == do_documents ? HZ_A_CLAIM_DOCS : HZ_A_CLAIM_REVIEW;
    hz_err rc = hz_authz_can(app, need, e);
    if (rc || (rc = hz_db_begin(app->db, e))) return rc;
    hz_claim c;
    if ((rc = hz_store_claim_by_no(app->db, claim_no, &c, e)) || (rc = hz_claims_load_view(app, c.id, out, e)))
        goto fail;
    if ((rc = hz_authz_member(app, &out->member, e))) {
        memset(out, 0, sizeof *out);
        rc = hz_fail(e, HZ_ENOTFOUND, "理赔申请 %s 不存在 (no such claim)", claim_no);
        goto fail;
    }
    if ((rc = change(app, out, arg, e)) || (rc = hz_store_claim_update(app->db, &out->claim, e)) ||
        (rc = hz_payable_ready(app, "claim", c.id, !strcmp(out->claim.status, "approved"), e)) ||
        (rc = hz_claims_audit(app, action, &out->claim, why, e)))
        goto fail;
    if ((rc = hz_db_commit(app->db, e))) return rc;
    return hz_claims_load_view(app, c.id, out, e);
fail:
    hz_db_rollback(app->db);
    return rc;
}

typedef struct {
    const char *received;
    bool complete;
} docs_arg;

static hz_err do_documents(hz_app *app, hz_claim_view *v, const void *varg, hz_errinfo *e) {
    const docs_arg *a = varg;
    hz_claim *c = &v->claim;
    if (!strcmp(c->status, "rejected") || !strcmp(c->status, "paid"))
        return hz_fail(e, HZ_ECONFLICT, "理赔申请 %s 状态为 %s, 不能补充材料 (claim is %s)", c->claim_no, c->status,
                       c->status);
    char merged[256];
    hz_strlcpy(merged, a->complete ? v->required_docs : c->documents, sizeof merged);
    if (a->received && *a->received) {
        char buf[256];
        hz_strlcpy(buf, a->received, sizeof buf);
        for (char *p = buf; p && *p;) {
            char *comma = strchr(p, ',');
            if (comma) *comma = '\0';
            bool known = false;
            for (int i = 0; doc_kinds[i]; i++)
                known |= !strcmp(doc_kinds[i], p);
            if (!known) return hz_fail(e, HZ_EINVAL, "documents: 未知材料 '%s' (unknown document kind)", p);
            size_t ml = strlen(merged);
            if (!hz_claims_has_doc(merged, p) && ml + strlen(p) + 2 < sizeof merged) {
                if (ml) merged[ml++] = ',';
                hz_strlcpy(merged + ml, p, sizeof merged - ml);
            }
            p = comma ? comma + 1 : NULL;
        }
    }
    hz_strlcpy(c->documents, merged, sizeof c->documents);
    hz_err rc = hz_claims_docs_record(app, c, e);
    if (rc) return rc;
    if (!c->documents_complete_at[0] && docs_complete(v->required_docs, c->documents)) {
        hz_strlcpy(c->documents_complete_at, app->now, sizeof c->documents_complete_at);
        if (!strcmp(c->status, "received")) {
            hz_strlcpy(c->status, "adjudicated", sizeof c->status);
            hz_claims_triage(app, c, &v->member);
        }
    }
    return HZ_OK;
}

hz_err hz_app_claim_documents(hz_app *app, const char *claim_no, const char *received, bool complete,
                              hz_claim_view *out, hz_errinfo *e) {
    docs_arg a = {received, complete};
    return change_claim(app, claim_no, "claim.documents", do_documents, &a, received, out, e);
}

static hz_err do_approve(hz_app *app, hz_claim_view *v, const void *arg, hz_errinfo *e) {
    (void)arg;
    hz_claim *c = &v->claim;
    if (!strcmp(c->status, "received"))
        return hz_fail(e, HZ_ECONFLICT, "理赔申请 %s 材料不全, 不能审批 (documents incomplete)", c->claim_no);
    if (strcmp(c->status, "adjudicated") != 0)
        return hz_fail(e, HZ_ECONFLICT, "理赔申请 %s 状态为 %s, 不能审批 (claim is %s)", c->claim_no, c->status,
                       c->status);
    hz_strlcpy(c->status, hz_claims_approved_status(c), sizeof c->status);
    hz_strlcpy(c->decided_at, app->now, sizeof c->decided_at);
    hz_strlcpy(c->decided_by, app->actor, sizeof c->decided_by);
    return HZ_OK;
}

hz_err hz_app_claim_approve(hz_app *app, const char *claim_no, hz_claim_view *out, hz_errinfo *e) {
    return change_claim(app, claim_no, "claim.approve", do_approve, NULL, NULL, out, e);
}

static hz_err do_reject(hz_app *app, hz_claim_view *v, const void *arg, hz_errinfo *e) {
    const char *reason = arg;
    hz_claim *c = &v->claim;
    if (!strcmp(c->status, "paid") || !strcmp(c->status, "rejected"))
        return hz_fail(e, HZ_ECONFLICT, "理赔申请 %s 状态为 %s, 不能拒绝 (claim is %s)", c->claim_no, c->status,
                       c->status);
    hz_payable p;
    hz_payment pay;
    hz_err rc;
    if ((rc = hz_store_payable_by_source(app->db, "claim", c->id, &p, e)) ||
        (rc = hz_store_payment_pending_of(app->db, p.id, &pay, e)))
        return rc;
    if (pay.id)
        return hz_fail(e, HZ_ECONFLICT, "理赔申请 %s 已在支付批次 %s 中 (in a pending bank batch)", c->claim_no,
                       pay.batch_no);
    if ((rc = hz_store_payment_last_of(app->db, p.id, &pay, e))) return rc;
    if (pay.id && !strcmp(pay.status, "paid"))
        return hz_fail(e, HZ_ECONFLICT, "理赔申请 %s 已有支付 (part of it was paid)", c->claim_no);
    bool moved = false;
    for (int i = 0; i < v->n_lines; i++) {
        const hz_claim_line_row *l = &v->lines[i];
        if (l->reversed) continue;
        char explain[256];
        snprintf(explain, sizeof explain, "审核拒绝: %.80s; 原: %.150s", reason, l->explain);
        if ((rc = hz_claims_reverse_line(app, c->claim_no, l, HZ_R_MANUAL, explain, e))) return rc;
        moved = moved || l->amount > 0;
    }
    if (moved && (rc = hz_payable_settle_sign(app, c->claim_no, e))) return rc;
    if ((rc = hz_store_claim_release(app->db, c->id, e))) return rc;
    hz_strlcpy(c->status, "rejected", sizeof c->status);
    hz_strlcpy(c->reject_reason, reason, sizeof c->reject_reason);
    hz_strlcpy(c->decided_at, app->now, sizeof c->decided_at);
    hz_strlcpy(c->decided_by, app->actor, sizeof c->decided_by);
    c->total = 0;
    return HZ_OK;
}

hz_err hz_app_claim_reject(hz_app *app, const char *claim_no, const char *reason, hz_claim_view *out, hz_errinfo *e) {
    hz_err rc;
    if (!reason || !*reason) return hz_fail(e, HZ_EINVAL, "reason: 拒绝须说明理由 (a rejection needs a reason)");
    if ((rc = hz_name_validate(reason, "reason", 2, 200, e))) return rc;
    return change_claim(app, claim_no, "claim.reject", do_reject, reason, reason, out, e);
}

hz_err hz_claims_paid(hz_app *app, int64_t claim_id, hz_errinfo *e) {
    hz_claim c;
    hz_err rc = hz_store_claim_by_id(app->db, claim_id, &c, e);
    if (rc || !strcmp(c.status, "paid")) return rc;
    hz_strlcpy(c.status, "paid", sizeof c.status);
    hz_strlcpy(c.paid_at, app->now, sizeof c.paid_at);
    c.bank_failure[0] = '\0';
    if ((rc = hz_store_claim_update(app->db, &c, e))) return rc;
    return hz_app_event_emit(app, "claim.paid", "claim", c.id, c.claim_no, e);
}

hz_err hz_claims_failed(hz_app *app, int64_t claim_id, const char *why, hz_errinfo *e) {
    hz_claim c;
    hz_err rc = hz_store_claim_by_id(app->db, claim_id, &c, e);
    if (rc) return rc;
    if (!strcmp(c.status, "paid")) hz_strlcpy(c.status, "approved", sizeof c.status);
    hz_strlcpy(c.bank_failure, why, sizeof c.bank_failure);
    if ((rc = hz_store_claim_update(app->db, &c, e))) return rc;
    /* a refund reversed the whole claim while the bank was paying it, and
     * the bank returned the payment: nothing is left to pay; the claim,
     * approved at 0.00, reads closed (store/lists.h), and the member is told */
    bool closed = (!strcmp(c.status, "approved") || !strcmp(c.status, "closed")) && c.total == 0;
    if (!closed) return HZ_OK;
    if ((rc = hz_payable_ready(app, "claim", c.id, false, e))) return rc;
    return hz_app_event_emit(app, "claim.close_returned", "claim", c.id, c.claim_no, e);
}
