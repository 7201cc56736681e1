/* Claim intake: submission with adjudication in one transaction with the
 * ledger. Uses claim_shared; proactive claims (免申即享) from the
 * settlement feed build on it (claim_bulk.c); review and reversal do not
 * use this file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/authz.h"
#include "app/claim_intake.h"
#include "app/claim_shared.h"
#include "app/journal.h"
#include "app/module.h"
#include "app/payables.h"
#include "core/idcard.h"
#include "core/normalize.h"
#include "core/text.h"
#include "store/claim.h"
#include "store/coverage.h"
#include "store/ledger.h"
#include "store/payable.h"
#include "store/payment.h"
#include "store/registry.h"
#include "store/settlement.h"
#include "store/store.h"

static hz_err stored_ledger(void *ctx, int64_t coverage_id, hz_ledger_entry *out, int max, int *n, hz_errinfo *e) {
    return hz_store_ledger_load(ctx, coverage_id, out, max, n, e);
}

hz_err hz_claims_load_coverages(hz_app *app, int64_t member_id, hz_eng_coverage *covs, int max, int *n, hz_errinfo *e) {
    hz_coverage *rows = malloc(sizeof *rows * (size_t)max);
    if (!rows) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    int n_rows;
    hz_err rc = hz_store_coverages_of(app->db, member_id, rows, max, &n_rows, e);
    *n = 0;
    if (rc == HZ_OK) rc = hz_claims_coverages_from(app, rows, n_rows, covs, n, stored_ledger, app->db, e);
    free(rows);
    return rc;
}

hz_err hz_claims_coverages_from(hz_app *app, const hz_coverage *rows, int n_rows, hz_eng_coverage *covs, int *n,
                                hz_claims_ledger_fn ledger, void *ctx, hz_errinfo *e) {
    hz_err rc = HZ_OK;
    *n = 0;
    for (int i = 0; rc == HZ_OK && i < n_rows; i++) {
        if (strcmp(rows[i].status, "active") != 0) continue;
        hz_eng_coverage *c = &covs[(*n)++];
        memset(c, 0, sizeof *c);
        c->coverage_id = rows[i].id;
        c->shares = rows[i].shares;
        c->start = rows[i].start;
        c->end = rows[i].end;
        c->months = rows[i].months;
        /* continuous renewal is decided from the whole coverage history when
         * a claim is adjudicated, whatever order coverages were entered in
         * (plans.md ZY: start at most 30 days after the previous end) */
        c->continuous = false;
        for (int j = 0; j < n_rows; j++)
            if (j != i && !strcmp(rows[j].status, "active") && !strcmp(rows[j].plan_code, rows[i].plan_code) &&
                rows[j].end < rows[i].start && rows[i].start - rows[j].end <= HZ_CONTINUITY_DAYS)
                c->continuous = true;
        if ((rc = hz_app_plan_by_id(app, rows[i].plan_id, &c->plan, NULL, e))) break;
        rc = ledger(ctx, c->coverage_id, c->ledger, HZ_ENG_MAX_LEDGER, &c->n_ledger, e);
    }
    /* plan order of the catalogue keeps lines in a stable, readable order */
    static const char *const order[] = {"ZY", "ZJ", "NG", "YW", "JT", "XYT"};
    for (int i = 1; rc == HZ_OK && i < *n; i++)
        for (int j = i; j > 0; j--) {
            int a = 99, b = 99;
            for (int k = 0; k < 6; k++) {
                if (!strcmp(covs[j].plan->code, order[k])) a = k;
                if (!strcmp(covs[j - 1].plan->code, order[k])) b = k;
            }
            if (a > b || (a == b && covs[j].start >= covs[j - 1].start)) break;
            hz_eng_coverage t = covs[j];
            covs[j] = covs[j - 1];
            covs[j - 1] = t;
        }
    return rc;
}

hz_err hz_claims_settlement_event(const hz_settlement *s, bool accident, const char *diagnosis, hz_event *ev,
                                  hz_errinfo *e) {
    memset(ev, 0, sizeof *ev);
    ev->kind = HZ_EV_STAY;
    ev->settlement_id = s->id;
    ev->date = s->adm_date;
    ev->discharge = s->dscg_date;
    ev->accident = accident;
    ev->refunded = s->refunded;
    ev->psn_selfpay = s->psn_selfpay;
    ev->medfee_sumamt = s->medfee_sumamt;
    ev->fund_pay_sumamt = s->fund_pay_sumamt;
    char list[sizeof s->main_diag_code + sizeof s->diag_codes + HZ_ICD_MAX + 8];
    snprintf(list, sizeof list, "%s;%s;%s", s->main_diag_code, s->diag_codes, diagnosis ? diagnosis : "");
    for (char *p = list; p && *p;) {
        char *semi = strchr(p, ';');
        if (semi) *semi = '\0';
        if (*p && ev->n_diag == HZ_ENG_MAX_DIAG)
            return hz_fail(e, HZ_EINVAL, "diag_codes: 医保结算 %s 的诊断超过 %d 个 (more than %d diagnoses)",
                           s->setl_id, HZ_ENG_MAX_DIAG, HZ_ENG_MAX_DIAG);
        if (*p && hz_icd_normalize(p, ev->diag[ev->n_diag], e) == HZ_OK)
            ev->n_diag++;
        else if (*p)
            return hz_fail(e, HZ_EINVAL, "diagnosis: 诊断编码无效 '%s' (bad ICD-10 code)", p);
        p = semi ? semi + 1 : NULL;
    }
    return HZ_OK;
}

/* The claim on the other settlement of a duplicate stay is held too while
 * it can still be stopped (approved, nothing at the bank or paid): both
 * wait for a reviewer (issue #11). */
static hz_err hold_duplicate(hz_app *app, const char *other_setl, const char *this_setl, hz_errinfo *e) {
    hz_settlement o;
    char no[24];
    int64_t claim_id = 0;
    hz_err rc = hz_store_settlement_by_setl_id(app->db, other_setl, &o, e);
    if (rc || (rc = hz_store_settlement_claim(app->db, o.id, no, &claim_id, e)) || !no[0]) return rc;
    hz_claim c;
    hz_payable p;
    hz_payment y;
    if ((rc = hz_store_claim_by_id(app->db, claim_id, &c, e))) return rc;
    if (strcmp(c.status, "approved") != 0 || c.hold_reason[0]) return HZ_OK;
    if ((rc = hz_store_payable_by_source(app->db, "claim", c.id, &p, e)) ||
        (rc = hz_store_payment_last_of(app->db, p.id, &y, e)))
        return rc;
    if (y.id && strcmp(y.status, "failed") != 0) return HZ_OK; /* at the bank or paid: too late to hold */
    snprintf(c.hold_reason, sizeof c.hold_reason, "疑似重复住院: 与医保结算 %.40s 重叠 (DUPLICATE_STAY)", this_setl);
    hz_strlcpy(c.review_note, c.hold_reason, sizeof c.review_note);
    hz_strlcpy(c.status, "adjudicated", sizeof c.status);
    c.review_required = true;
    c.decided_at[0] = c.decided_by[0] = '\0';
    if ((rc = hz_store_claim_update(app->db, &c, e)) || (rc = hz_payable_ready(app, "claim", c.id, false, e)))
        return rc;
    return hz_claims_audit(app, "claim.hold", &c, c.hold_reason, e);
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
    if (in->accident_claimed)
        hz_strlcpy(c.hold_reason, "申请人自述为意外事故, 待工作人员核实 (self-reported accident, to be verified)",
                   sizeof c.hold_reason);
    /* the input itself first: a list naming one stay twice is refused as
     * such, whatever the state of that stay */
    for (int i = 0; i < in->n_setl; i++)
        for (int j = 0; j < i; j++)
            if (!strcmp(in->setl_ids[i], in->setl_ids[j]))
                return hz_fail(e, HZ_EINVAL, "settlement: %s 重复 (listed twice)", in->setl_ids[i]);
    for (int i = 0; i < in->n_setl; i++) {
        hz_settlement s;
        if ((rc = hz_store_settlement_by_setl_id(app->db, in->setl_ids[i], &s, e))) return rc;
        /* another person's settlement reads exactly like a missing one: no
         * setl_id oracle (issue 12 case 4) */
        if (strcmp(s.certno, m.id_number) != 0)
            return hz_fail(e, HZ_ENOTFOUND, "医保结算记录 %s 不存在 (no such settlement)", in->setl_ids[i]);
        if (strcmp(s.med_type, "21") != 0)
            return hz_fail(e, HZ_EINVAL, "settlement: %s 不是住院结算 (med_type %s is not inpatient 21)", s.setl_id,
                           s.med_type);
        char used[24];
        if ((rc = hz_store_settlement_claim(app->db, s.id, used, NULL, e))) return rc;
        if (used[0])
            return hz_fail(e, HZ_ECONFLICT, "医保结算 %s 已被理赔申请 %s 使用 (%s: settlement already claimed by %s)",
                           s.setl_id, used, HZ_R_DUPLICATE, used);
        char rejected[24];
        if ((rc = hz_store_settlement_rejected_claim(app->db, s.id, rejected, e))) return rc;
        if (rejected[0] && (!in->resubmit_of || strcmp(in->resubmit_of, rejected) != 0))
            return hz_fail(e, HZ_ECONFLICT,
                           "医保结算 %s 的理赔申请 %s 已被拒绝, 重新申请须注明 --resubmit-of %s"
                           " (the claim on this settlement was rejected; a resubmission names it)",
                           s.setl_id, rejected, rejected);
        char dup[48];
        if ((rc = hz_store_settlement_duplicate(app->db, &s, dup, e))) return rc;
        if (dup[0]) {
            if (!c.hold_reason[0])
                snprintf(c.hold_reason, sizeof c.hold_reason, "疑似重复住院: 与医保结算 %.40s 重叠 (DUPLICATE_STAY)",
                         dup);
            if ((rc = hold_duplicate(app, dup, s.setl_id, e))) return rc;
        }
        if ((rc = hz_claims_settlement_event(&s, in->accident, in->diagnosis, &events[n_events], e))) return rc;
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
        if (dup[0])
            return hz_fail(e, HZ_ECONFLICT, "同一事件已有理赔申请 %s (a claim for this event exists: %s)", dup, dup);
    }
    if (in->resubmit_of) {
        hz_claim old;
        if ((rc = hz_store_claim_by_no(app->db, in->resubmit_of, &old, e))) return rc;
        /* another member's claim number reads like a missing one */
        if (old.member_id != m.id)
            return hz_fail(e, HZ_ENOTFOUND, "理赔申请 %s 不存在 (no such claim)", in->resubmit_of);
        if (strcmp(old.status, "rejected") != 0)
            return hz_fail(e, HZ_ECONFLICT,
                           "resubmit_of: %s 不是该会员被拒绝的申请 (not a rejected claim of this member)",
                           in->resubmit_of);
        char by[24];
        if ((rc = hz_store_claim_resubmitted_by(app->db, old.id, by, e))) return rc;
        if (by[0])
            return hz_fail(e, HZ_ECONFLICT, "resubmit_of: %s 已由 %s 重新申请 (already resubmitted)", in->resubmit_of,
                           by);
        /* a resubmission is of the same stays: it shares a settlement */
        bool shares = n_events == 0 || events[0].settlement_id == 0;
        for (int i = 0; !shares && i < n_events; i++)
            if ((rc = hz_store_claim_used_settlement(app->db, old.id, events[i].settlement_id, &shares, e))) return rc;
        if (!shares)
            return hz_fail(e, HZ_ECONFLICT,
                           "resubmit_of: %s 与本次申请的医保结算无关 (not a claim on these settlements)",
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
    const char *required = hz_claims_required_docs(&c, in->n_setl > 0);
    if (in->documents_complete) {
        hz_strlcpy(c.documents, required, sizeof c.documents);
        hz_strlcpy(c.documents_complete_at, app->now, sizeof c.documents_complete_at);
    }
    hz_strlcpy(c.status, in->documents_complete ? "adjudicated" : "received", sizeof c.status);
    if ((rc = hz_store_claim_insert(app->db, &c, e)) || (rc = hz_claims_docs_record(app, &c, e))) goto out;
    hz_claims_triage(app, &c, &m);
    if ((rc = hz_store_claim_update(app->db, &c, e))) goto out;
    /* the claim's money is a payable: every paying line is a transfer from
     * its benefit expense account, in this transaction (docs/money.md) */
    char purpose[64];
    snprintf(purpose, sizeof purpose, "职工互助金 %s", c.claim_no);
    if ((rc = hz_payable_open(app, "claim", c.id, c.claim_no, m.id, purpose, e))) goto out;
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
        r.first_stay = l->first_stay;
        if ((rc = hz_store_claim_line_insert(app->db, c.id, &r, e))) goto out;
        if (r.amount > 0) {
            char acct[HZ_ACCOUNT_CODE_MAX], key[HZ_TRANSFER_KEY_MAX];
            hz_acct_benefit(acct, r.coverage_id, r.period, r.component);
            snprintf(key, sizeof key, "line:%lld", (long long)r.id);
            if ((rc = hz_payable_grant(app, c.claim_no, key, acct, r.amount, key, e))) goto out;
        }
    }
    if (!strcmp(c.status, "approved") && (rc = hz_payable_ready(app, "claim", c.id, true, e))) goto out;
    for (int i = 0; i < n_events; i++)
        if (events[i].settlement_id && (rc = hz_store_claim_link(app->db, c.id, events[i].settlement_id, e))) {
            if (rc == HZ_ECONFLICT) /* a concurrent claim won the race */
                rc = hz_fail(e, HZ_ECONFLICT, "医保结算已被其他理赔申请使用 (%s)", HZ_R_DUPLICATE);
            goto out;
        }
    for (int i = 0; i < n_covs; i++)
        for (int k = 0; k < covs[i].n_ledger; k++)
            if ((rc = hz_store_ledger_put(app->db, covs[i].coverage_id, &covs[i].ledger[k], e))) goto out;
    /* what rested on these stays before huzhu paid (an LM subsidy) is
     * recomputed; what members share (an LM budget, the audit chain) is
     * reached past hz_db_serialize, which the module and the audit call
     * themselves as late as they can: from there one submission at a time
     * to the commit (store/db.h, P9) */
    for (int i = 0; i < n_events; i++)
        for (const hz_app_module *const *md = hz_app_modules; events[i].settlement_id && *md; md++)
            if ((*md)->settlement_claimed && (rc = (*md)->settlement_claimed(app, events[i].settlement_id, "", e)))
                goto out;
    if ((rc = hz_claims_audit(app, "claim.submit", &c, c.proactive ? "免申即享 proactive" : NULL, e))) goto out;
    *claim_id = c.id;
out:
    free(covs);
    free(lines);
    return rc;
}

hz_err hz_app_claim_submit(hz_app *app, const hz_claim_input *in, hz_claim_view *out, hz_errinfo *e) {
    if (in->n_setl == 0 && in->date == HZ_DATE_NONE)
        return hz_fail(e, HZ_EINVAL,
                       "date: 没有医保结算记录时须指定事件日期 --date (a claim without a settlement needs --date)");
    if (in->n_setl == 0 && !in->death && !in->disability_grade && !in->diagnosis)
        return hz_fail(e, HZ_EINVAL, "diagnosis: 没有医保结算记录时须指定 --death、--disability-grade 或 --diagnosis");
    if (in->n_setl > 0 && (in->death || in->disability_grade))
        return hz_fail(e, HZ_EINVAL,
                       "settlement: 身故或伤残申请不附住院结算 (death or disability claims take no settlement)");
    if (in->disability_grade && (in->disability_grade < 1 || in->disability_grade > 10))
        return hz_fail(e, HZ_EINVAL, "disability_grade: 伤残等级应为1至10级 (grade must be 1..10)");
    if (in->date != HZ_DATE_NONE && in->date > app->today)
        return hz_fail(e, HZ_EINVAL, "date: 事件日期在未来 (the event date is in the future)");
    char norm[HZ_ICD_MAX];
    hz_err rc;
    if ((rc = hz_authz_can(app, HZ_A_CLAIM_SUBMIT, e))) return rc;
    if (in->diagnosis && (rc = hz_icd_normalize(in->diagnosis, norm, e))) return rc;
    hz_claim_input checked = *in;
    char id_number[HZ_ID_LEN + 1], diagnosis[HZ_ICD_MAX * 2];
    if ((rc = hz_norm_id_number(in->id_number, id_number, sizeof id_number, "id_number", e)) ||
        (in->diagnosis && (rc = hz_norm_icd10(in->diagnosis, diagnosis, sizeof diagnosis, "diagnosis", e))))
        return rc;
    checked.id_number = id_number;
    if (in->diagnosis) checked.diagnosis = diagnosis;
    if (!hz_authz_trusted(app)) { /* a member or unit liaison cannot certify their own claim */
        checked.accident_claimed = in->accident;
        checked.accident = false;
        checked.documents_complete = false;
    }
    /* one member's rows until hz_claims_submit_tx serializes: claims of
     * different members go through at once on PostgreSQL (P9) */
    if ((rc = hz_db_begin_member(app->db, id_number, e))) return rc;
    int64_t id = 0;
    if ((rc = hz_claims_submit_tx(app, &checked, &id, e))) {
        hz_db_rollback(app->db);
        return rc;
    }
    if ((rc = hz_db_commit(app->db, e))) return rc;
    return hz_claims_load_view(app, id, out, e);
}
