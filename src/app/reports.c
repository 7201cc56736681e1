/* Reports built from the same store queries the dashboard uses. */
#include "app/reports.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/authz.h"
#include "app/claims.h"
#include "app/lists.h"
#include "app/module.h"
#include "core/idcard.h"
#include "store/reports.h"

const char *hz_report_names(void) {
    static _Thread_local char buf[256];
    size_t o = 0;
    buf[0] = '\0';
    for (const hz_app_module *const *m = hz_app_modules; *m; m++)
        for (const char *const *r = (*m)->reports; r && *r; r++)
            o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%s", o ? ", " : "", *r);
    return buf;
}

typedef struct {
    hz_app *app;
    hz_report *r;
} claims_ctx;

static hz_err claim_row(void *vctx, const hz_claim_row *c, hz_errinfo *e) {
    claims_ctx *x = vctx;
    char id[19], total[HZ_MONEY_BUF];
    if (hz_authz_sees_identity(x->app)) snprintf(id, sizeof id, "%s", c->id_number);
    else hz_id_mask(c->id_number, id);
    const char *cells[] = {c->claim_no, c->name, id, c->status, hz_money_format(c->total, total), c->submitted_at,
                           c->documents_complete_at, c->paid_at, c->proactive ? "免申即享" : "申请"};
    return hz_report_add_row(x->r, cells, e);
}

hz_err hz_app_report(hz_app *app, const char *name, hz_date from, hz_date to, hz_report *out, hz_errinfo *e) {
    memset(out, 0, sizeof *out);
    hz_err rc = hz_authz_can(app, HZ_A_REPORT, e);
    if (rc) return rc;
    char b1[HZ_MONEY_BUF], n1[24];
    if (!strcmp(name, "claims")) {
        static const char *const cols[] = {"理赔编号", "姓名", "身份证号码", "状态", "合计",
                                           "受理时间", "材料齐全", "支付时间", "来源"};
        hz_report_head(out, "理赔明细", 9, cols);
        claims_ctx x = {app, out};
        int64_t total;
        for (int64_t page = 1;; page++) {
            size_t before = out->n_rows;
            hz_page pg = {page, HZ_PER_PAGE_MAX};
            if ((rc = hz_app_claims_page(app, "", NULL, pg, claim_row, &x, &total, e))) return rc;
            if (out->n_rows == before || (int64_t)out->n_rows >= total) break;
        }
        /* keep the claims submitted in [from, to] */
        char f[HZ_DATE_BUF], t[HZ_DATE_BUF];
        hz_date_format(from, f);
        hz_date_format(to, t);
        size_t k = 0;
        for (size_t i = 0; i < out->n_rows; i++) {
            if (strncmp(out->rows[i][5], f, 10) >= 0 && strncmp(out->rows[i][5], t, 10) <= 0)
                memmove(out->rows[k++], out->rows[i], sizeof out->rows[i]);
            else
                for (int c = 0; c < out->n_cols; c++) free(out->rows[i][c]);
        }
        out->n_rows = k;
        return HZ_OK;
    }
    if (!strcmp(name, "sla")) {
        hz_sla_report s;
        if ((rc = hz_app_claims_sla(app, from, to, &s, e))) return rc;
        static const char *const cols[] = {"指标", "数值"};
        hz_report_head(out, "7日快速理赔", 2, cols);
        char v[4][32];
        snprintf(v[0], 32, "%lld", (long long)s.complete);
        snprintf(v[1], 32, "%lld", (long long)s.paid);
        snprintf(v[2], 32, "%lld", (long long)s.paid_within_7);
        hz_permille_format(hz_sla_share_permille(&s), v[3]);
        const char *rows[][2] = {{"材料齐全件数", v[0]}, {"已支付件数", v[1]}, {"7日内支付件数", v[2]}, {"7日内支付率", v[3]}};
        for (int i = 0; i < 4 && !rc; i++) rc = hz_report_add_row(out, rows[i], e);
        return rc;
    }
    hz_dashboard *d = malloc(sizeof *d);
    if (!d) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    if ((rc = hz_app_dashboard(app, from, to, d, e))) goto done;
    if (!strcmp(name, "payouts")) {
        static const char *const cols[] = {"计划", "理赔件数", "给付金额"};
        hz_report_head(out, "给付（按计划）", 3, cols);
        for (int i = 0; i < d->n_payouts && !rc; i++) {
            snprintf(n1, sizeof n1, "%lld", (long long)d->payouts[i].count);
            const char *cells[] = {d->payouts[i].key, n1, hz_money_format(d->payouts[i].amount, b1)};
            rc = hz_report_add_row(out, cells, e);
        }
        /* what left the bank and what came back (docs/money.md): the plan
         * rows are benefits net of reversals, these are cash */
        const struct {
            const char *name;
            hz_fen v;
        } money[] = {{"银行实付 (paid out)", d->money.paid_out},      {"在途 (pending at the bank)", d->money.pending},
                     {"已追回 (recovered)", d->money.recovered},      {"已核销 (written off)", d->money.written_off},
                     {"应追回余额 (outstanding)", d->money.outstanding}};
        for (size_t i = 0; i < sizeof money / sizeof money[0] && !rc; i++) {
            const char *cells[] = {money[i].name, "", hz_money_format(money[i].v, b1)};
            rc = hz_report_add_row(out, cells, e);
        }
    } else if (!strcmp(name, "coverage")) {
        static const char *const cols[] = {"计划", "在保人数"};
        hz_report_head(out, "在保（按计划）", 2, cols);
        for (int i = 0; i < d->n_plans && !rc; i++) {
            snprintf(n1, sizeof n1, "%lld", (long long)d->plans[i].count);
            const char *cells[] = {d->plans[i].key, n1};
            rc = hz_report_add_row(out, cells, e);
        }
    } else if (!strcmp(name, "districts")) {
        static const char *const cols[] = {"区县工会", "会员"};
        hz_report_head(out, "会员（按区县）", 2, cols);
        for (int i = 0; i < d->n_districts && !rc; i++) {
            snprintf(n1, sizeof n1, "%lld", (long long)d->districts[i].count);
            const char *cells[] = {d->districts[i].key, n1};
            rc = hz_report_add_row(out, cells, e);
        }
    } else if (!strcmp(name, "dashboard")) {
        static const char *const cols[] = {"指标", "数值"};
        hz_report_head(out, "驾驶舱", 2, cols);
        char v[11][32];
        snprintf(v[0], 32, "%lld", (long long)d->members);
        snprintf(v[1], 32, "%lld", (long long)d->covered);
        snprintf(v[2], 32, "%lld", (long long)d->newform);
        snprintf(v[3], 32, "%lld", (long long)d->women);
        snprintf(v[4], 32, "%lld", (long long)d->model_workers);
        hz_money_format(d->contributions, v[5]);
        hz_money_format(d->paid, v[6]);
        hz_permille_format(hz_loss_ratio_permille(d->paid, d->contributions), v[7]);
        hz_money_format(d->money.paid_out, v[8]);
        hz_money_format(d->money.recovered, v[9]);
        hz_money_format(d->money.outstanding, v[10]);
        const char *rows[][2] = {{"会员", v[0]},      {"在保会员", v[1]}, {"新就业形态会员", v[2]}, {"女职工", v[3]},
                                 {"劳模", v[4]},      {"缴费", v[5]},     {"理赔给付", v[6]},       {"赔付率", v[7]},
                                 {"银行实付", v[8]},  {"已追回", v[9]},   {"应追回余额", v[10]}};
        for (int i = 0; i < 11 && !rc; i++) rc = hz_report_add_row(out, rows[i], e);
    } else {
        rc = hz_fail(e, HZ_ENOTFOUND, "报表 %s 不存在, 可用: %s (no such report)", name, hz_report_names());
    }
done:
    free(d);
    if (rc) hz_report_free(out);
    return rc;
}

hz_err hz_app_dashboard(hz_app *app, hz_date from, hz_date to, hz_dashboard *out, hz_errinfo *e) {
    hz_err rc = hz_authz_can(app, HZ_A_REPORT, e);
    if (rc) return rc;
    hz_list_scope sc;
    hz_scope_filter(app, &sc);
    if ((rc = hz_store_dashboard(app->db, &sc, app->today, from, to, out, e))) return rc;
    return hz_store_money_summary(app->db, &sc, &out->money, e);
}

static const char *const reports_reports[] = {"dashboard", NULL};
/* The reports module (src/modules.def); its demo data is part of the core's. */
const hz_app_module hz_app_module_reports = {"reports", NULL, reports_reports};

int64_t hz_loss_ratio_permille(hz_fen paid, hz_fen contributions) {
    return contributions > 0 ? paid * 1000 / contributions : 0;
}

int64_t hz_sla_share_permille(const hz_sla_report *s) { return s->paid > 0 ? s->paid_within_7 * 1000 / s->paid : 0; }

char *hz_permille_format(int64_t permille, char *buf) {
    snprintf(buf, 24, "%lld.%lld%%", (long long)(permille / 10), (long long)(permille % 10));
    return buf;
}
