/* Claim intake and adjudication, documents and review. */
#include "app/claims.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/audit.h"
#include "app/authz.h"
#include "app/claims_internal.h"
#include "core/text.h"
#include "store/claims.h"
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
    hz_date end = c->paid_at[0] ? hz_ts_date(c->paid_at) : today;
    return end - start;
}

/* The document checklist of a claim kind (README module 4). */
static const char *required_docs(const hz_claim *c, bool has_settlement) {
    if (has_settlement)
        return c->accident ? "id_card,discharge_certificate,accident_certificate" : "id_card,discharge_certificate";
    if (c->death) return "id_card,death_certificate,accident_certificate,bank_card";
    if (c->disability_grade) return "id_card,disability_assessment,accident_certificate,bank_card";
    return "id_card,bank_card,diagnosis_report,pathology_report";
}

static bool has_doc(const char *list, const char *kind) {
    size_t n = strlen(kind);
    for (const char *p = list; (p = strstr(p, kind)); p += n)
        if ((p == list || p[-1] == ',') && (p[n] == ',' || p[n] == '\0')) return true;
    return false;
}

static bool docs_complete(const char *required, const char *received) {
    char buf[160];
    hz_strlcpy(buf, required, sizeof buf);
    for (char *p = buf; p && *p;) {
        char *comma = strchr(p, ',');
        if (comma) *comma = '\0';
        if (!has_doc(received, p)) return false;
        p = comma ? comma + 1 : NULL;
    }
    return true;
}

static const char *const doc_kinds[] = {"id_card", "discharge_certificate", "accident_certificate", "death_certificate",
                                        "disability_assessment", "bank_card", "diagnosis_report", "pathology_report",
                                        "itemised_bill", "discharge_summary", NULL};

hz_err hz_claims_load_view(hz_app *app, int64_t claim_id, hz_claim_view *out, hz_errinfo *e) {
    memset(out, 0, sizeof *out);
    hz_err rc;
    if ((rc = hz_store_claim_by_id(app->db, claim_id, &out->claim, e)) ||
        (rc = hz_store_member_by_id(app->db, out->claim.member_id, &out->member, e)) ||
        (rc = hz_store_claim_lines(app->db, claim_id, out->lines, HZ_CLAIM_MAX_LINES, &out->n_lines, e)))
        return rc;
    bool has_setl = false;
    for (int i = 0; i < out->n_lines; i++) has_setl |= out->lines[i].settlement_id != 0;
    if (out->n_lines == 0) has_setl = out->claim.event_date == HZ_DATE_NONE;
    hz_strlcpy(out->required_docs, required_docs(&out->claim, has_setl), sizeof out->required_docs);
    out->sla_days = hz_claim_sla_days(&out->claim, app->today);
    out->overdue = strcmp(out->claim.status, "paid") && strcmp(out->claim.status, "rejected") &&
                   out->claim.total > 0 && out->sla_days >= HZ_SLA_WARN_DAYS;
    return HZ_OK;
}

/* Sampling must be reproducible: the same claim number is always (not)
 * sampled. */
static bool sampled(const char *claim_no) {
    uint32_t h = 2166136261u;
    for (const char *p = claim_no; *p; p++) h = (h ^ (unsigned char)*p) * 16777619u;
    return h % 100 < HZ_REVIEW_SAMPLE_PCT;
}

/* Decides review and auto-approval once documents are complete. */
static void triage(hz_app *app, hz_claim *c, const hz_member *m) {
    if (strcmp(c->status, "adjudicated") != 0) return;
    char b[HZ_MONEY_BUF];
    c->review_required = true;
    if (c->total > HZ_AUTO_APPROVE_MAX)
        snprintf(c->review_note, sizeof c->review_note, "金额 %s 超过自动审批额度 5000.00", hz_money_format(c->total, b));
    else if (c->total > 0 && !m->bank_card[0])
        snprintf(c->review_note, sizeof c->review_note, "会员没有银行卡信息 (no bank card on file)");
    else if (sampled(c->claim_no))
        snprintf(c->review_note, sizeof c->review_note, "随机抽检 (random sample)");
    else
        c->review_required = false;
    if (!c->review_required) {
        hz_strlcpy(c->status, "approved", sizeof c->status);
        hz_strlcpy(c->decided_at, app->now, sizeof c->decided_at);
        hz_strlcpy(c->decided_by, "auto", sizeof c->decided_by);
    }
}

static hz_err claim_audit(hz_app *app, const char *action, const hz_claim *c, const char *why, hz_errinfo *e) {
    char object[40], detail[512], b[HZ_MONEY_BUF];
    snprintf(object, sizeof object, "claim:%s", c->claim_no);
    snprintf(detail, sizeof detail, "{\"status\":\"%s\",\"total\":\"%s\",\"why\":\"%.300s\"}", c->status,
             hz_money_format(c->total, b), why ? why : "");
    for (char *p = detail; *p; p++) /* keep the detail one line of JSON-ish text */
        if (*p == '\n') *p = ' ';
    return hz_audit(app, action, object, detail, e);
}

/* Turns a settlement into an engine event. */
static hz_err settlement_event(const hz_settlement *s, const hz_claim_input *in, hz_event *ev, hz_errinfo *e) {
    memset(ev, 0, sizeof *ev);
    ev->kind = HZ_EV_STAY;
    ev->settlement_id = s->id;
    ev->date = s->adm_date;
    ev->discharge = s->dscg_date;
    ev->accident = in->accident;
    ev->refunded = s->refunded;
    ev->psn_selfpay = s->psn_selfpay;
    ev->medfee_sumamt = s->medfee_sumamt;
    ev->fund_pay_sumamt = s->fund_pay_sumamt;
    char list[240];
    snprintf(list, sizeof list, "%s;%s;%s", s->main_diag_code, s->diag_codes, in->diagnosis ? in->diagnosis : "");
    for (char *p = list; p && *p && ev->n_diag < HZ_ENG_MAX_DIAG;) {
        char *semi = strchr(p, ';');
        if (semi) *semi = '\0';
        if (*p && hz_icd_normalize(p, ev->diag[ev->n_diag], e) == HZ_OK) ev->n_diag++;
        else if (*p) return hz_fail(e, HZ_EINVAL, "diagnosis: 诊断编码无效 '%s' (bad ICD-10 code)", p);
        p = semi ? semi + 1 : NULL;
    }
    return HZ_OK;
}

hz_err hz_claims_submit_tx(hz_app *app, const hz_claim_input *in, int64_t *claim_id, hz_errinfo *e) {
    hz_member m;
    hz_flag flags[32];
    int n_flags;
    hz_err rc;
    if ((rc = hz_store_member_by_id_number(app->db, in->id_number, &m, e)) || (rc = hz_authz_member(app, &m, e)) ||
        (rc = hz_store_flags(app->db, m.id, flags, 32, &n_flags, e)))
        return rc;
    hz_event events[HZ_CLAIM_MAX_SETTLEMENTS];
    int n_events = 0;
    hz_claim c;
    memset(&c, 0, sizeof c);
    c.member_id = m.id;
    c.accident = in->accident;
    c.death = in->death;
    c.disability_grade = in->disability_grade;
    c.proactive = in->proactive;
    c.event_date = HZ_DATE_NONE;
    hz_strlcpy(c.diagnosis, in->diagnosis, sizeof c.diagnosis);
    hz_strlcpy(c.submitted_at, app->now, sizeof c.submitted_at);
    hz_strlcpy(c.resubmit_of, in->resubmit_of, sizeof c.resubmit_of);
    for (int i = 0; i < in->n_setl; i++) {
        for (int j = 0; j < i; j++)
            if (!strcmp(in->setl_ids[i], in->setl_ids[j]))
                return hz_fail(e, HZ_EINVAL, "settlement: %s 重复 (listed twice)", in->setl_ids[i]);
        hz_settlement s;
        if ((rc = hz_store_settlement_by_setl_id(app->db, in->setl_ids[i], &s, e))) return rc;
        if (strcmp(s.certno, m.id_number) != 0)
            return hz_fail(e, HZ_EINVAL, "settlement: %s 不属于该会员 (belongs to another person)", s.setl_id);
        if (strcmp(s.med_type, "21") != 0)
            return hz_fail(e, HZ_EINVAL, "settlement: %s 不是住院结算 (med_type %s is not inpatient 21)", s.setl_id,
                           s.med_type);
        char used[24];
        if ((rc = hz_store_settlement_claim(app->db, s.id, used, NULL, e))) return rc;
        if (used[0])
            return hz_fail(e, HZ_ECONFLICT, "医保结算 %s 已被理赔申请 %s 使用 (%s: settlement already claimed by %s)",
                           s.setl_id, used, HZ_R_DUPLICATE, used);
        if ((rc = settlement_event(&s, in, &events[n_events], e))) return rc;
        if (c.event_date == HZ_DATE_NONE || s.adm_date < c.event_date) c.event_date = s.adm_date;
        n_events++;
    }
    if (n_events == 0) {
        hz_event *ev = &events[n_events++];
        memset(ev, 0, sizeof *ev);
        ev->date = in->date;
        ev->discharge = HZ_DATE_NONE;
        ev->accident = in->accident;
        ev->kind = in->death ? HZ_EV_DEATH : in->disability_grade ? HZ_EV_DISABILITY : HZ_EV_DIAGNOSIS;
        ev->disability_grade = in->disability_grade;
        if (in->diagnosis) {
            if ((rc = hz_icd_normalize(in->diagnosis, ev->diag[0], e))) return rc;
            ev->n_diag = 1;
        }
        c.event_date = in->date;
        char dup[24];
        if ((rc = hz_store_claim_same_event(app->db, m.id, in->death, in->disability_grade, in->diagnosis, in->date,
                                            dup, e)))
            return rc;
        if (dup[0]) return hz_fail(e, HZ_ECONFLICT, "同一事件已有理赔申请 %s (a claim for this event exists: %s)", dup, dup);
    }
    if (in->resubmit_of) {
        hz_claim old;
        if ((rc = hz_store_claim_by_no(app->db, in->resubmit_of, &old, e))) return rc;
        if (old.member_id != m.id || strcmp(old.status, "rejected") != 0)
            return hz_fail(e, HZ_ECONFLICT, "resubmit_of: %s 不是该会员被拒绝的申请 (not a rejected claim of this member)",
                           in->resubmit_of);
    }
    hz_eng_coverage *covs = malloc(sizeof *covs * HZ_CLAIM_MAX_COVERAGES);
    hz_claim_line *lines = malloc(sizeof *lines * HZ_CLAIM_MAX_LINES);
    int n_covs = 0, n_lines = 0;
    if (!covs || !lines) {
        rc = hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
        goto out;
    }
    if ((rc = hz_claims_load_coverages(app, m.id, covs, HZ_CLAIM_MAX_COVERAGES, &n_covs, e))) goto out;
    hz_eng_member em = {m.sex, m.birth, flags, n_flags};
    if ((rc = hz_engine_adjudicate(&em, covs, n_covs, events, n_events, lines, HZ_CLAIM_MAX_LINES, &n_lines, e)))
        goto out;
    for (int i = 0; i < n_lines; i++)
        if (!hz_money_add(c.total, lines[i].amount, &c.total)) {
            rc = hz_fail(e, HZ_EINVAL, "total: 金额溢出 (overflow)");
            goto out;
        }
    const char *required = required_docs(&c, in->n_setl > 0);
    if (in->documents_complete) {
        hz_strlcpy(c.documents, required, sizeof c.documents);
        hz_strlcpy(c.documents_complete_at, app->now, sizeof c.documents_complete_at);
    }
    hz_strlcpy(c.status, in->documents_complete ? "adjudicated" : "received", sizeof c.status);
    if ((rc = hz_store_claim_insert(app->db, &c, e))) goto out;
    triage(app, &c, &m);
    if ((rc = hz_store_claim_update(app->db, &c, e))) goto out;
    for (int i = 0; i < n_lines; i++) {
        const hz_claim_line *l = &lines[i];
        hz_claim_line_row r;
        memset(&r, 0, sizeof r);
        r.seq = i + 1;
        r.coverage_id = covs[l->coverage].coverage_id;
        hz_strlcpy(r.plan_code, l->plan_code, sizeof r.plan_code);
        r.settlement_id = events[l->event].settlement_id;
        hz_strlcpy(r.component, l->component, sizeof r.component);
        r.period = l->period;
        r.amount = l->amount;
        r.lump_pct = l->lump_pct;
        r.counted_stay = l->counted_stay;
        hz_strlcpy(r.reason, l->reason, sizeof r.reason);
        hz_strlcpy(r.explain, l->explain, sizeof r.explain);
        if ((rc = hz_store_claim_line_insert(app->db, c.id, &r, e))) goto out;
    }
    for (int i = 0; i < n_events; i++)
        if (events[i].settlement_id && (rc = hz_store_claim_link(app->db, c.id, events[i].settlement_id, e))) {
            if (rc == HZ_ECONFLICT) /* a concurrent claim won the race */
                rc = hz_fail(e, HZ_ECONFLICT, "医保结算已被其他理赔申请使用 (%s)", HZ_R_DUPLICATE);
            goto out;
        }
    for (int i = 0; i < n_covs; i++)
        for (int k = 0; k < covs[i].n_ledger; k++)
            if ((rc = hz_store_ledger_put(app->db, covs[i].coverage_id, &covs[i].ledger[k], e))) goto out;
    if ((rc = claim_audit(app, "claim.submit", &c, c.proactive ? "免申即享 proactive" : NULL, e))) goto out;
    *claim_id = c.id;
out:
    free(covs);
    free(lines);
    return rc;
}

hz_err hz_app_claim_submit(hz_app *app, const hz_claim_input *in, hz_claim_view *out, hz_errinfo *e) {
    if (in->n_setl == 0 && in->date == HZ_DATE_NONE)
        return hz_fail(e, HZ_EINVAL, "date: 没有医保结算记录时须指定事件日期 --date (a claim without a settlement needs --date)");
    if (in->n_setl == 0 && !in->death && !in->disability_grade && !in->diagnosis)
        return hz_fail(e, HZ_EINVAL, "diagnosis: 没有医保结算记录时须指定 --death、--disability-grade 或 --diagnosis");
    if (in->n_setl > 0 && (in->death || in->disability_grade))
        return hz_fail(e, HZ_EINVAL, "settlement: 身故或伤残申请不附住院结算 (death or disability claims take no settlement)");
    if (in->disability_grade && (in->disability_grade < 1 || in->disability_grade > 10))
        return hz_fail(e, HZ_EINVAL, "disability_grade: 伤残等级应为1至10级 (grade must be 1..10)");
    if (in->date != HZ_DATE_NONE && in->date > app->today)
        return hz_fail(e, HZ_EINVAL, "date: 事件日期在未来 (the event date is in the future)");
    char norm[HZ_ICD_MAX];
    hz_err rc;
    if ((rc = hz_authz_can(app, HZ_A_CLAIM_SUBMIT, e))) return rc;
    if (in->diagnosis && (rc = hz_icd_normalize(in->diagnosis, norm, e))) return rc;
    if ((rc = hz_db_begin(app->db, e))) return rc;
    int64_t id = 0;
    if ((rc = hz_claims_submit_tx(app, in, &id, e))) {
        hz_db_rollback(app->db);
        return rc;
    }
    if ((rc = hz_db_commit(app->db, e))) return rc;
    return hz_claims_load_view(app, id, out, e);
}

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
    if ((rc = hz_store_claim_by_no(app->db, claim_no, &c, e)) || (rc = hz_claims_load_view(app, c.id, out, e)) ||
        (rc = hz_authz_member(app, &out->member, e)) ||
        (rc = change(app, out, arg, e)) || (rc = hz_store_claim_update(app->db, &out->claim, e)) ||
        (rc = claim_audit(app, action, &out->claim, why, e))) {
        hz_db_rollback(app->db);
        return rc;
    }
    if ((rc = hz_db_commit(app->db, e))) return rc;
    return hz_claims_load_view(app, c.id, out, e);
}

typedef struct {
    const char *received;
    bool complete;
} docs_arg;

static hz_err do_documents(hz_app *app, hz_claim_view *v, const void *varg, hz_errinfo *e) {
    const docs_arg *a = varg;
    hz_claim *c = &v->claim;
    if (!strcmp(c->status, "rejected") || !strcmp(c->status, "paid"))
        return hz_fail(e, HZ_ECONFLICT, "理赔申请 %s 状态为 %s, 不能补充材料 (claim is %s)", c->claim_no, c->status, c->status);
    char merged[256];
    hz_strlcpy(merged, a->complete ? v->required_docs : c->documents, sizeof merged);
    if (a->received && *a->received) {
        char buf[256];
        hz_strlcpy(buf, a->received, sizeof buf);
        for (char *p = buf; p && *p;) {
            char *comma = strchr(p, ',');
            if (comma) *comma = '\0';
            bool known = false;
            for (int i = 0; doc_kinds[i]; i++) known |= !strcmp(doc_kinds[i], p);
            if (!known) return hz_fail(e, HZ_EINVAL, "documents: 未知材料 '%s' (unknown document kind)", p);
            size_t ml = strlen(merged);
            if (!has_doc(merged, p) && ml + strlen(p) + 2 < sizeof merged) {
                if (ml) merged[ml++] = ',';
                hz_strlcpy(merged + ml, p, sizeof merged - ml);
            }
            p = comma ? comma + 1 : NULL;
        }
    }
    hz_strlcpy(c->documents, merged, sizeof c->documents);
    if (!c->documents_complete_at[0] && docs_complete(v->required_docs, c->documents)) {
        hz_strlcpy(c->documents_complete_at, app->now, sizeof c->documents_complete_at);
        if (!strcmp(c->status, "received")) {
            hz_strlcpy(c->status, "adjudicated", sizeof c->status);
            triage(app, c, &v->member);
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
        return hz_fail(e, HZ_ECONFLICT, "理赔申请 %s 状态为 %s, 不能审批 (claim is %s)", c->claim_no, c->status, c->status);
    hz_strlcpy(c->status, "approved", sizeof c->status);
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
        return hz_fail(e, HZ_ECONFLICT, "理赔申请 %s 状态为 %s, 不能拒绝 (claim is %s)", c->claim_no, c->status, c->status);
    int64_t pay;
    char pst[12];
    hz_err rc = hz_store_payment_live(app->db, c->id, &pay, pst, NULL, e);
    if (rc) return rc;
    if (pay) return hz_fail(e, HZ_ECONFLICT, "理赔申请 %s 已在支付批次中 (in a payment batch)", c->claim_no);
    for (int i = 0; i < v->n_lines; i++) {
        const hz_claim_line_row *l = &v->lines[i];
        if (l->reversed) continue;
        char explain[256];
        snprintf(explain, sizeof explain, "审核拒绝: %.80s; 原: %.150s", reason, l->explain);
        if ((rc = hz_claims_reverse_line(app, l, HZ_R_MANUAL, explain, e))) return rc;
    }
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
