/* What the claim use cases share: the view of a claim, the document
 * checklist, triage (review or auto-approval) and the audit entry. Intake,
 * review and reversal build on this file; it depends on none of them. */
#include "app/claim_shared.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app/audit.h"
#include "app/module.h"
#include "app/payables.h"
#include "core/text.h"
#include "store/claim.h"
#include "store/registry.h"

hz_date hz_ts_date(const char *ts) {
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    if (!ts || strlen(ts) < 19 || !strptime(ts, "%Y-%m-%dT%H:%M:%S", &tm)) return HZ_DATE_NONE;
    return hz_date_from_unix((int64_t)timegm(&tm));
}

int hz_claim_sla_days(const hz_claim *c, hz_date today) {
    hz_date start = hz_ts_date(c->documents_complete_at);
    if (start == HZ_DATE_NONE) return -1;
    /* the clock stops when the claim is paid, or decided for good without
     * payment (rejected, closed with nothing to pay) */
    bool final = !strcmp(c->status, "rejected") || !strcmp(c->status, "closed");
    hz_date end = c->paid_at[0]                    ? hz_ts_date(c->paid_at)
                  : final && c->decided_at[0]      ? hz_ts_date(c->decided_at)
                                                   : today;
    /* A clock that started "after today" only happens when HUZHU_TODAY fixes the
     * date behind the real one (the tests after 16:00 UTC, past midnight in
     * Shanghai): day 0, not -1, which means "no clock" to every caller. */
    return end > start ? end - start : 0;
}

/* The document checklist of a claim kind (README module 4). */
const char *hz_claims_required_docs(const hz_claim *c, bool has_settlement) {
    if (has_settlement)
        return c->accident ? "id_card,discharge_certificate,accident_certificate" : "id_card,discharge_certificate";
    if (c->death) return "id_card,death_certificate,accident_certificate,bank_card";
    if (c->disability_grade) return "id_card,disability_assessment,accident_certificate,bank_card";
    return "id_card,bank_card,diagnosis_report,pathology_report";
}

bool hz_claims_has_doc(const char *list, const char *kind) {
    size_t n = strlen(kind);
    for (const char *p = list; (p = strstr(p, kind)); p += n)
        if ((p == list || p[-1] == ',') && (p[n] == ',' || p[n] == '\0')) return true;
    return false;
}

hz_err hz_claims_load_view(hz_app *app, int64_t claim_id, hz_claim_view *out, hz_errinfo *e) {
    memset(out, 0, sizeof *out);
    hz_err rc;
    if ((rc = hz_store_claim_by_id(app->db, claim_id, &out->claim, e)) ||
        (rc = hz_store_member_by_id(app->db, out->claim.member_id, &out->member, e)) ||
        (rc = hz_store_claim_lines(app->db, claim_id, out->lines, HZ_CLAIM_MAX_LINES, &out->n_lines, e)))
        return rc;
    bool has_setl = false;
    for (int i = 0; i < out->n_lines; i++)
        has_setl |= out->lines[i].settlement_id != 0;
    if (out->n_lines == 0) has_setl = out->claim.event_date == HZ_DATE_NONE;
    hz_strlcpy(out->required_docs, hz_claims_required_docs(&out->claim, has_setl), sizeof out->required_docs);
    out->sla_days = hz_claim_sla_days(&out->claim, app->today);
    out->overdue = strcmp(out->claim.status, "paid") && strcmp(out->claim.status, "rejected") && out->claim.total > 0 &&
                   out->sla_days >= HZ_SLA_WARN_DAYS;
    return HZ_OK;
}

hz_err hz_claims_docs_record(hz_app *app, const hz_claim *c, hz_errinfo *e) {
    char buf[256];
    hz_strlcpy(buf, c->documents, sizeof buf);
    hz_err rc = HZ_OK;
    for (char *p = buf, *comma; rc == HZ_OK && p && *p; p = comma ? comma + 1 : NULL) {
        if ((comma = strchr(p, ','))) *comma = '\0';
        rc = hz_store_claim_doc_put(app->db, c->id, p, app->now, app->actor[0] ? app->actor : "system", e);
    }
    return rc;
}

const char *hz_claims_approved_status(const hz_claim *c) { return c->total > 0 ? "approved" : "closed"; }

/* Sampling must be reproducible: the same claim number is always (not)
 * sampled. */
static bool sampled(const char *claim_no) {
    uint32_t h = 2166136261u;
    for (const char *p = claim_no; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    return h % 100 < HZ_REVIEW_SAMPLE_PCT;
}

/* Decides review and auto-approval once documents are complete. */
void hz_claims_triage(hz_app *app, hz_claim *c, const hz_member *m) {
    if (strcmp(c->status, "adjudicated") != 0) return;
    char b[HZ_MONEY_BUF], b2[HZ_MONEY_BUF];
    c->review_required = true;
    if (c->hold_reason[0])
        hz_strlcpy(c->review_note, c->hold_reason, sizeof c->review_note);
    else if (c->total > HZ_AUTO_APPROVE_MAX)
        snprintf(c->review_note, sizeof c->review_note, "金额 %s 超过自动审批额度 %s",
                 hz_money_format_grouped(c->total, b), hz_money_format_grouped(HZ_AUTO_APPROVE_MAX, b2));
    else if (c->total > 0 && !m->bank_card[0])
        snprintf(c->review_note, sizeof c->review_note, "会员没有银行卡信息 (no bank card on file)");
    else if (sampled(c->claim_no))
        snprintf(c->review_note, sizeof c->review_note, "随机抽检 (random sample)");
    else
        c->review_required = false;
    if (!c->review_required) {
        hz_strlcpy(c->status, hz_claims_approved_status(c), sizeof c->status);
        hz_strlcpy(c->decided_at, app->now, sizeof c->decided_at);
        hz_strlcpy(c->decided_by, "auto", sizeof c->decided_by);
    }
}

void hz_claims_audit_text(const hz_claim *c, const char *why, char object[HZ_CLAIM_AUDIT_OBJECT],
                          char detail[HZ_CLAIM_AUDIT_DETAIL]) {
    char b[HZ_MONEY_BUF], w[1100];
    snprintf(object, HZ_CLAIM_AUDIT_OBJECT, "claim:%s", c->claim_no);
    snprintf(detail, HZ_CLAIM_AUDIT_DETAIL, "{\"status\":\"%s\",\"total\":\"%s\",\"why\":\"%s\"}", c->status,
             hz_money_format(c->total, b), hz_json_text(why, 300, w, sizeof w));
    for (char *p = detail; *p; p++) /* keep the detail one line of JSON-ish text */
        if (*p == '\n') *p = ' ';
}

hz_err hz_claims_audit(hz_app *app, const char *action, const hz_claim *c, const char *why, hz_errinfo *e) {
    char object[HZ_CLAIM_AUDIT_OBJECT], detail[HZ_CLAIM_AUDIT_DETAIL];
    hz_claims_audit_text(c, why, object, detail);
    /* what is audited is told to the modules that react (the member's
     * notices), before the audit event: appending to the chain takes the lock
     * that a member's transaction then holds to its commit (store/db.h
     * hz_db_serialize), and the notices are the member's own rows (P9) */
    hz_err rc = hz_app_event_emit(app, action, "claim", c->id, c->claim_no, e);
    return rc ? rc : hz_audit(app, action, object, detail, e);
}

/* Why money of a claim was taken back, from its reversed lines: the
 * settlements refunded, or the review's rejection. */
void hz_claims_money_why(const hz_claim_view *v, char *out, size_t cap) {
    out[0] = '\0';
    int refunds = 0;
    bool rejected = false;
    for (int i = 0; i < v->n_lines; i++) {
        const hz_claim_line_row *l = &v->lines[i];
        if (!l->reversed) continue;
        size_t n = strlen(out);
        if (!strcmp(l->reason, HZ_R_REFUNDED) && l->setl_id[0] && !strstr(out, l->setl_id) && n + 1 < cap)
            snprintf(out + n, cap - n, "%s%s", refunds++ ? "、" : "医保结算 ", l->setl_id);
        rejected |= !strcmp(l->reason, HZ_R_MANUAL);
    }
    size_t n = strlen(out);
    if (refunds && n + 1 < cap) snprintf(out + n, cap - n, " 已退费");
    else if (!refunds && rejected) snprintf(out, cap, "审核不予给付");
}

hz_err hz_claims_payout(hz_app *app, const hz_claim_view *v, hz_payout *po, hz_errinfo *e) {
    hz_err rc = hz_payable_payout(app, v->claim.claim_no, po, e);
    if (!rc) hz_claims_money_why(v, po->why, sizeof po->why);
    return rc;
}
