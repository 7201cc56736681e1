/* Claims and the ledger: engine input from the store, reversals (reject,
 * refund), proactive claims, the SLA clock. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/authz.h"
#include "app/authz.h"
#include "app/claims_internal.h"
#include "core/text.h"
#include "store/claims.h"
#include "store/coverage.h"
#include "store/registry.h"
#include "store/store.h"

hz_err hz_claims_load_coverages(hz_app *app, int64_t member_id, hz_eng_coverage *covs, int max, int *n, hz_errinfo *e) {
    hz_coverage *rows = malloc(sizeof *rows * (size_t)max);
    if (!rows) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    int n_rows;
    hz_err rc = hz_store_coverages_of(app->db, member_id, rows, max, &n_rows, e);
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
        c->continuous = rows[i].continuous;
        if ((rc = hz_app_plan_by_id(app, rows[i].plan_id, &c->plan, NULL, e))) break;
        rc = hz_store_ledger_load(app->db, c->coverage_id, c->ledger, HZ_ENG_MAX_LEDGER, &c->n_ledger, e);
    }
    free(rows);
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

hz_err hz_claims_reverse_line(hz_app *app, const hz_claim_line_row *l, const char *reason, const char *explain,
                              hz_errinfo *e) {
    hz_err rc;
    if (l->coverage_id && (l->amount > 0 || l->counted_stay || l->lump_pct > 0)) {
        hz_ledger_entry led[HZ_ENG_MAX_LEDGER];
        int n;
        if ((rc = hz_store_ledger_load(app->db, l->coverage_id, led, HZ_ENG_MAX_LEDGER, &n, e))) return rc;
        for (int i = 0; i < n; i++) {
            if (led[i].period != l->period || strcmp(led[i].component, l->component) != 0) continue;
            led[i].paid -= l->amount;
            led[i].stays -= l->counted_stay;
            led[i].lump_pct -= l->lump_pct;
            if (led[i].paid < 0 || led[i].stays < 0 || led[i].lump_pct < 0)
                return hz_fail(e, HZ_EINTERNAL, "台账冲回后为负 (ledger would go negative)");
            if ((rc = hz_store_ledger_put(app->db, l->coverage_id, &led[i], e))) return rc;
        }
    }
    return hz_store_claim_line_reverse(app->db, l->id, reason, explain, e);
}

hz_err hz_claims_reverse_settlement(hz_app *app, int64_t settlement_id, const char *setl_id, hz_errinfo *e) {
    int64_t *ids;
    size_t n;
    hz_err rc = hz_store_claims_of_settlement(app->db, settlement_id, &ids, &n, e);
    if (rc) return rc;
    hz_claim_view *v = malloc(sizeof *v);
    if (!v && n) rc = hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    for (size_t k = 0; rc == HZ_OK && k < n; k++) {
        if ((rc = hz_claims_load_view(app, ids[k], v, e))) break;
        hz_fen before = v->claim.total, reversed = 0;
        for (int i = 0; rc == HZ_OK && i < v->n_lines; i++) {
            hz_claim_line_row *l = &v->lines[i];
            if (l->reversed || l->settlement_id != settlement_id) continue;
            char b[HZ_MONEY_BUF], explain[256];
            snprintf(explain, sizeof explain, "医保结算 %s 已退费, 冲回 %s; 原: %.150s", setl_id,
                     hz_money_format(l->amount, b), l->explain);
            reversed += l->amount;
            rc = hz_claims_reverse_line(app, l, HZ_R_REFUNDED, explain, e);
        }
        if (rc) break;
        hz_claim *c = &v->claim;
        c->total = before - reversed;
        if (!strcmp(c->status, "paid") && reversed > 0) {
            char b[HZ_MONEY_BUF];
            snprintf(c->review_note, sizeof c->review_note, "已支付后医保退费, 需追回 %s (recovery needed)",
                     hz_money_format(reversed, b));
        }
        if ((rc = hz_store_claim_update(app->db, c, e))) break;
        char object[40], detail[160], b1[HZ_MONEY_BUF], b2[HZ_MONEY_BUF];
        snprintf(object, sizeof object, "claim:%s", c->claim_no);
        snprintf(detail, sizeof detail, "{\"setl_id\":\"%s\",\"reversed\":\"%s\",\"total\":\"%s\"}", setl_id,
                 hz_money_format(reversed, b1), hz_money_format(c->total, b2));
        rc = hz_audit(app, "claim.refund_reversal", object, detail, e);
    }
    free(v);
    free(ids);
    return rc;
}

#define PROACTIVE_BATCH 500 /* claims per transaction */

hz_err hz_app_claims_proactive(hz_app *app, hz_date since, hz_proactive_fn fn, void *ctx, int64_t *created,
                               hz_errinfo *e) {
    *created = 0;
    int64_t *ids;
    size_t n;
    hz_err rc = hz_authz_can(app, HZ_A_PROACTIVE, e);
    if (rc) return rc;
    hz_store_bulk_mode(app->db);
    rc = hz_store_settlements_unclaimed(app->db, since, &ids, &n, e);
    if (rc) return rc;
    hz_proactive_item *items = malloc(sizeof *items * PROACTIVE_BATCH);
    if (!items && n) rc = hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    for (size_t start = 0; rc == HZ_OK && start < n; start += PROACTIVE_BATCH) {
        size_t end = start + PROACTIVE_BATCH < n ? start + PROACTIVE_BATCH : n;
        int n_items = 0;
        if ((rc = hz_db_begin(app->db, e))) break;
        for (size_t i = start; rc == HZ_OK && i < end; i++) {
            hz_settlement s;
            hz_member m;
            if ((rc = hz_store_settlement_by_id(app->db, ids[i], &s, e)) ||
                (rc = hz_store_member_by_id(app->db, s.member_id, &m, e)))
                break;
            hz_claim_input in;
            memset(&in, 0, sizeof in);
            in.id_number = m.id_number;
            in.setl_ids[0] = s.setl_id;
            in.n_setl = 1;
            in.date = HZ_DATE_NONE;
            in.documents_complete = true;
            in.proactive = true;
            int64_t claim_id;
            if ((rc = hz_claims_submit_tx(app, &in, &claim_id, e))) break;
            hz_claim c;
            if ((rc = hz_store_claim_by_id(app->db, claim_id, &c, e))) break;
            hz_proactive_item *it = &items[n_items++];
            hz_strlcpy(it->claim_no, c.claim_no, sizeof it->claim_no);
            hz_strlcpy(it->id_number, m.id_number, sizeof it->id_number);
            hz_strlcpy(it->setl_id, s.setl_id, sizeof it->setl_id);
            it->total = c.total;
        }
        if (rc) {
            hz_db_rollback(app->db);
            break;
        }
        if ((rc = hz_db_commit(app->db, e))) break;
        *created += n_items;
        if (fn)
            for (int i = 0; i < n_items; i++) fn(ctx, &items[i]);
    }
    free(items);
    free(ids);
    return rc;
}

typedef struct {
    hz_app *app;
    hz_sla_report *rep;
    void (*fn)(void *ctx, const hz_claim_view *v);
    void *ctx;
    hz_claim_view *view;
} sla_ctx;

static hz_err sla_one(void *vctx, const hz_claim *c, hz_errinfo *e) {
    (void)e;
    sla_ctx *s = vctx;
    if (!c->documents_complete_at[0] || c->total <= 0 || !strcmp(c->status, "rejected")) return HZ_OK;
    int days = hz_claim_sla_days(c, s->app->today);
    s->rep->complete++;
    if (c->paid_at[0]) {
        s->rep->paid++;
        if (days <= HZ_SLA_DAYS) s->rep->paid_within_7++;
    } else if (days >= HZ_SLA_WARN_DAYS) {
        s->rep->overdue_open++;
    }
    return HZ_OK;
}

hz_err hz_app_claims_sla(hz_app *app, hz_date from, hz_date to, hz_sla_report *out, hz_errinfo *e) {
    memset(out, 0, sizeof *out);
    hz_err rc = hz_authz_can(app, HZ_A_REPORT, e);
    if (rc) return rc;
    sla_ctx s = {app, out, NULL, NULL, NULL};
    return hz_store_claims_list(app->db, "", from, to, sla_one, &s, e);
}

static hz_err overdue_one(void *vctx, const hz_claim *c, hz_errinfo *e) {
    sla_ctx *s = vctx;
    if (!c->documents_complete_at[0] || c->paid_at[0] || c->total <= 0 || !strcmp(c->status, "rejected")) return HZ_OK;
    if (hz_claim_sla_days(c, s->app->today) < HZ_SLA_WARN_DAYS) return HZ_OK;
    hz_err rc = hz_claims_load_view(s->app, c->id, s->view, e);
    if (rc) return rc;
    s->fn(s->ctx, s->view);
    return HZ_OK;
}

hz_err hz_app_claims_overdue(hz_app *app, void (*fn)(void *ctx, const hz_claim_view *v), void *ctx, hz_errinfo *e) {
    hz_err rc = hz_authz_can(app, HZ_A_REPORT, e);
    if (rc) return rc;
    hz_claim_view *v = malloc(sizeof *v);
    if (!v) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    hz_sla_report unused;
    sla_ctx s = {app, &unused, fn, ctx, v};
    rc = hz_store_claims_list(app->db, "", hz_date_from_ymd(1900, 1, 1), app->today, overdue_one, &s, e);
    free(v);
    return rc;
}
