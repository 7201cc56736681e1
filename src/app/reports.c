/* The report registry (every module's hz_report_def) and the dashboard,
 * whose figures several modules' reports share. */
#include "app/reports.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/aid.h"
#include "app/authz.h"
#include "app/lists.h"
#include "core/insight.h"
#include "store/reports.h"

void hz_report_args_default(const hz_app *app, hz_report_args *a) {
    int y, m, d;
    hz_date_to_ymd(app->today, &y, &m, &d);
    a->from = hz_date_from_ymd(y, 1, 1);
    a->to = app->today;
    a->org = NULL;
}

const hz_report_def *hz_report_find(const char *name) {
    for (const hz_app_module *const *m = hz_app_modules; *m; m++)
        for (const hz_report_def *r = (*m)->reports; r && r->name; r++)
            if (!strcmp(r->name, name)) return r;
    return NULL;
}

const char *hz_report_names(void) {
    static _Thread_local char buf[1024];
    size_t o = 0;
    buf[0] = '\0';
    for (const hz_app_module *const *m = hz_app_modules; *m; m++)
        for (const hz_report_def *r = (*m)->reports; r && r->name && o < sizeof buf; r++)
            o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%s", o ? ", " : "", r->name);
    return buf;
}

hz_err hz_app_report(hz_app *app, const char *name, const hz_report_args *a, hz_report *out, hz_errinfo *e) {
    memset(out, 0, sizeof *out);
    return hz_app_report_streamed(app, name, a, out, e);
}

hz_err hz_app_report_streamed(hz_app *app, const char *name, const hz_report_args *a, hz_report *out,
                              hz_errinfo *e) {
    hz_err rc = hz_authz_can(app, HZ_A_REPORT, e);
    if (rc) return rc;
    const hz_report_def *def = hz_report_find(name);
    if (!def) return hz_fail(e, HZ_ENOTFOUND, "报表 %s 不存在, 可用: %s (no such report)", name, hz_report_names());
    if (a->to < a->from) return hz_fail(e, HZ_EINVAL, "to: 不得早于 from (the period ends before it starts)");
    if ((rc = def->build(app, a, out, e))) hz_report_free(out);
    return rc;
}

hz_err hz_app_dashboard(hz_app *app, const hz_report_args *a, hz_dashboard *out, hz_errinfo *e) {
    hz_err rc = hz_authz_can(app, HZ_A_REPORT, e);
    if (rc) return rc;
    hz_list_scope sc;
    char path[HZ_PATH_MAX];
    if ((rc = hz_report_scope(app, a, &sc, path, e))) return rc;
    if ((rc = hz_store_dashboard(app->db, &sc, app->today, a->from, a->to, out, e))) return rc;
    return hz_store_money_summary(app->db, &sc, &out->money, e);
}

static hz_err add_items(hz_report *r, const hz_dash_item *items, int n, bool amount, hz_errinfo *e) {
    hz_err rc = HZ_OK;
    for (int i = 0; i < n && !rc; i++) {
        char count[24], money[HZ_MONEY_BUF];
        snprintf(count, sizeof count, "%lld", (long long)items[i].count);
        const char *cells[] = {items[i].key, count, amount ? hz_money_format(items[i].amount, money) : NULL};
        rc = hz_report_add_row(r, cells, e);
    }
    return rc;
}

hz_err hz_report_fill_districts(hz_report *r, const hz_dashboard *d, hz_errinfo *e) {
    static const hz_report_col cols[] = {{"name", "区县工会", HZ_COL_TEXT}, {"members", "会员", HZ_COL_INT}};
    hz_report_head(r, "districts", "会员（按区县）", false, 2, cols);
    return add_items(r, d->districts, d->n_districts, false, e);
}

hz_err hz_report_fill_plans(hz_report *r, const hz_dashboard *d, hz_errinfo *e) {
    static const hz_report_col cols[] = {{"plan", "计划", HZ_COL_TEXT}, {"coverages", "在保人数", HZ_COL_INT}};
    hz_report_head(r, "plans", "在保（按计划）", false, 2, cols);
    return add_items(r, d->plans, d->n_plans, false, e);
}

hz_err hz_report_fill_payouts(hz_report *r, const hz_dashboard *d, hz_errinfo *e) {
    static const hz_report_col cols[] = {
        {"plan", "计划", HZ_COL_TEXT}, {"claims", "理赔件数", HZ_COL_INT}, {"amount", "给付金额", HZ_COL_MONEY}};
    hz_report_head(r, "payouts", "给付（按计划）", false, 3, cols);
    return add_items(r, d->payouts, d->n_payouts, true, e);
}

hz_err hz_report_fill_money(hz_report *r, const hz_money_summary *m, hz_errinfo *e) {
    /* what left the bank and what came back (docs/money.md): the plan rows
     * are benefits net of reversals, these are cash, all time */
    static const hz_report_col cols[] = {{"paid_out", "银行实付", HZ_COL_MONEY},
                                         {"pending", "在途", HZ_COL_MONEY},
                                         {"recovered", "已追回", HZ_COL_MONEY},
                                         {"written_off", "已核销", HZ_COL_MONEY},
                                         {"outstanding", "应追回余额", HZ_COL_MONEY}};
    hz_report_head(r, "money", "资金（银行与追回）", true, 5, cols);
    char v[5][HZ_MONEY_BUF];
    const char *cells[] = {hz_money_format(m->paid_out, v[0]), hz_money_format(m->pending, v[1]),
                           hz_money_format(m->recovered, v[2]), hz_money_format(m->written_off, v[3]),
                           hz_money_format(m->outstanding, v[4])};
    return hz_report_add_row(r, cells, e);
}

/* The year's LM subsidies and relief grants (approved or paid), in the
 * caller's scope: one row each. */
static hz_err fill_aid(hz_app *app, hz_report *r, const hz_report_args *a, hz_errinfo *e) {
    static const hz_report_col cols[] = {{"scheme", "项目", HZ_COL_TEXT},
                                         {"year", "年度", HZ_COL_INT},
                                         {"grants", "人次", HZ_COL_INT},
                                         {"committed", "审批金额", HZ_COL_MONEY},
                                         {"paid", "已支付", HZ_COL_MONEY}};
    hz_report_head(r, "aid", "劳模医疗补助与救助（本年）", false, 5, cols);
    int y, m, d;
    hz_date_to_ymd(a->to, &y, &m, &d);
    hz_aid_year fig;
    hz_list_scope sc;
    char path[HZ_PATH_MAX];
    hz_err rc = hz_report_scope(app, a, &sc, path, e);
    if (!rc) rc = hz_aid_year_figures(app, &sc, y, &fig, e);
    const hz_aid_sum *sums[] = {&fig.lm, &fig.relief};
    const char *const keys[] = {"lm", "relief"};
    for (int i = 0; i < 2 && !rc; i++) {
        char year[12], n[24], c[HZ_MONEY_BUF], p[HZ_MONEY_BUF];
        snprintf(year, sizeof year, "%d", y);
        snprintf(n, sizeof n, "%lld", (long long)sums[i]->grants);
        const char *cells[] = {keys[i], year, n, hz_money_format(sums[i]->committed, c),
                               hz_money_format(sums[i]->paid, p)};
        rc = hz_report_add_row(r, cells, e);
    }
    return rc;
}

/* 驾驶舱: the figures of the period, then its districts, plans, payouts and
 * money and the year's aid as parts (the console's dashboard reads this
 * JSON). */
static hz_err build_dashboard(hz_app *app, const hz_report_args *a, hz_report *out, hz_errinfo *e) {
    static const hz_report_col cols[] = {
        {"members", "会员", HZ_COL_INT},
        {"covered", "在保会员", HZ_COL_INT},
        {"women", "女职工", HZ_COL_INT},
        {"newform", "新就业形态会员", HZ_COL_INT},
        {"model_workers", "劳模", HZ_COL_INT},
        {"contributions", "缴费", HZ_COL_MONEY},
        {"claims", "理赔件数", HZ_COL_INT},
        {"paid", "理赔给付", HZ_COL_MONEY},
        {"loss_ratio", "赔付率", HZ_COL_TEXT},
        {"share_paid_within_7_days", "7日内支付率", HZ_COL_TEXT},
        {"overdue_open", "超时未付件数", HZ_COL_INT},
    };
    hz_dashboard *d = malloc(sizeof *d);
    if (!d) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    hz_sla_report sla;
    hz_fen lr_contributions = 0, lr_benefits = 0;
    hz_err rc = hz_app_dashboard(app, a, d, e);
    if (!rc) rc = hz_app_claims_sla(app, a, &sla, e);
    /* the loss ratio of the policy years the period touches (office_reports.c) */
    if (!rc) rc = hz_app_loss_totals(app, a, &lr_contributions, &lr_benefits, e);
    if (!rc) {
        hz_report_head(out, "dashboard", "驾驶舱", true, (int)(sizeof cols / sizeof cols[0]), cols);
        char v[11][32];
        snprintf(v[0], 32, "%lld", (long long)d->members);
        snprintf(v[1], 32, "%lld", (long long)d->covered);
        snprintf(v[2], 32, "%lld", (long long)d->women);
        snprintf(v[3], 32, "%lld", (long long)d->newform);
        snprintf(v[4], 32, "%lld", (long long)d->model_workers);
        hz_money_format(d->contributions, v[5]);
        snprintf(v[6], 32, "%lld", (long long)d->claims);
        hz_money_format(d->paid, v[7]);
        hz_bp_format(hz_loss_ratio_bp(lr_benefits, lr_contributions), v[8]);
        hz_permille_format(hz_sla_share_permille(&sla), v[9]);
        snprintf(v[10], 32, "%lld", (long long)sla.overdue_open);
        const char *cells[] = {v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10]};
        rc = hz_report_add_row(out, cells, e);
    }
    hz_report *part;
    if (!rc && !(rc = hz_report_add_part(out, &part, e))) rc = hz_report_fill_districts(part, d, e);
    if (!rc && !(rc = hz_report_add_part(out, &part, e))) rc = hz_report_fill_plans(part, d, e);
    if (!rc && !(rc = hz_report_add_part(out, &part, e))) rc = hz_report_fill_payouts(part, d, e);
    if (!rc && !(rc = hz_report_add_part(out, &part, e))) rc = hz_report_fill_money(part, &d->money, e);
    if (!rc && !(rc = hz_report_add_part(out, &part, e))) rc = fill_aid(app, part, a, e);
    free(d);
    return rc;
}

static const hz_report_def reports_reports[] = {
    {"dashboard", "驾驶舱", build_dashboard},
    {"loss_ratio", "缴费与给付、赔付率", hz_report_build_loss_ratio},
    {"five_year", "五年汇总", hz_report_build_five_year},
    {"claims_status", "理赔（按状态、来源）", hz_report_build_claims_status},
    {"sla_monthly", "7日内支付率（按月）", hz_report_build_sla_monthly},
    {"recoveries", "应追回（未结清）", hz_report_build_recoveries},
    {NULL, NULL, NULL},
};
/* The reports module (src/modules.def); its demo data is part of the core's. */
const hz_app_module hz_app_module_reports = {.name = "reports", .reports = reports_reports};

int64_t hz_sla_share_permille(const hz_sla_report *s) { return s->paid > 0 ? s->paid_within_7 * 1000 / s->paid : 0; }

char *hz_permille_format(int64_t permille, char *buf) {
    snprintf(buf, 24, "%lld.%lld%%", (long long)(permille / 10), (long long)(permille % 10));
    return buf;
}
