/* The office's reports (issue 17): contributions and benefits by plan ×
 * policy year × district with the loss ratio, the five-year summary, claims
 * by status and source with their 7-day clock, paid within 7 days by month,
 * and the recoveries still owed. Reads, never changes. The loss ratio's
 * basis is in docs/decisions.md and spec/plans.md: both sides by policy
 * year (保障年度), benefits as incurred (paid + assessed and not yet paid:
 * what the journal's benefit accounts hold). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/authz.h"
#include "app/claim_shared.h"
#include "app/lists.h"
#include "app/reports.h"
#include "core/idcard.h"
#include "core/insight.h"
#include "core/text.h"
#include "store/claim.h"
#include "store/recovery.h"
#include "store/registry.h"

hz_err hz_report_scope(hz_app *app, const hz_report_args *a, hz_list_scope *sc, char path[HZ_PATH_MAX],
                       hz_errinfo *e) {
    hz_scope_filter(app, sc);
    if (!a->org || !*a->org) return HZ_OK;
    hz_org org;
    hz_err rc;
    if ((rc = hz_authz_org_code(app, a->org, &org, e))) return rc;
    /* an org narrows a unit's or a member's scope no further: they see theirs */
    if (!sc->unit_id && !sc->member_id) {
        hz_strlcpy(path, org.path, HZ_PATH_MAX);
        sc->org_path = path;
    }
    return HZ_OK;
}

/* ---- plan × policy year × district ---- */

typedef struct {
    char plan[16], district[HZ_NAME_MAX * 2];
    int year;
    hz_fen contributions, benefits, paid;
    int64_t claims, people;
} lr_row;

typedef struct {
    lr_row *rows;
    size_t n, cap;
    int y0, y1;      /* policy years kept */
    bool by_district; /* false: one row per plan and year */
} lr_table;

static hz_err lr_cell(lr_table *t, const char *plan, int year, const char *district, lr_row **out, hz_errinfo *e) {
    const char *d = t->by_district ? district : "";
    for (size_t i = 0; i < t->n; i++)
        if (t->rows[i].year == year && !strcmp(t->rows[i].plan, plan) && !strcmp(t->rows[i].district, d)) {
            *out = &t->rows[i];
            return HZ_OK;
        }
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        lr_row *g = realloc(t->rows, cap * sizeof *g);
        if (!g) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
        t->rows = g;
        t->cap = cap;
    }
    lr_row *r = &t->rows[t->n++];
    memset(r, 0, sizeof *r);
    hz_strlcpy(r->plan, plan, sizeof r->plan);
    hz_strlcpy(r->district, d, sizeof r->district);
    r->year = year;
    *out = r;
    return HZ_OK;
}

/* A coverage's contributions belong to its policy years: a term of n
 * years gives each year an equal share, the first year the fen left over. */
static hz_err on_contribution(void *ctx, const hz_report_cell *c, hz_errinfo *e) {
    lr_table *t = ctx;
    int n = c->months > 12 ? (c->months + 11) / 12 : 1;
    hz_fen share = c->amount / n;
    for (int k = 0; k < n; k++) {
        int y = c->year + k;
        if (y < t->y0 || y > t->y1) continue;
        lr_row *r;
        hz_err rc = lr_cell(t, c->plan, y, c->district, &r, e);
        if (rc) return rc;
        r->contributions += k ? share : c->amount - share * (n - 1);
    }
    return HZ_OK;
}

static hz_err on_benefit(void *ctx, const hz_report_cell *c, hz_errinfo *e) {
    lr_table *t = ctx;
    if (c->year < t->y0 || c->year > t->y1) return HZ_OK;
    lr_row *r;
    hz_err rc = lr_cell(t, c->plan, c->year, c->district, &r, e);
    if (rc) return rc;
    r->benefits += c->amount;
    r->paid += c->paid;
    r->claims += c->count;
    return HZ_OK;
}

typedef struct {
    lr_table *t;
    int year;
} people_ctx;

static hz_err on_people(void *ctx, const hz_report_cell *c, hz_errinfo *e) {
    people_ctx *p = ctx;
    lr_row *r;
    hz_err rc = lr_cell(p->t, c->plan, p->year, "", &r, e);
    if (!rc) r->people = c->count;
    return rc;
}

static int lr_cmp(const void *a, const void *b) {
    const lr_row *x = a, *y = b;
    int c = strcmp(x->plan, y->plan);
    if (c) return c;
    if (x->year != y->year) return x->year < y->year ? -1 : 1;
    return strcmp(x->district, y->district);
}

static int year_of(hz_date d) {
    int y, m, dd;
    hz_date_to_ymd(d, &y, &m, &dd);
    return y;
}

/* Fills t (zeroed but for y0, y1 and by_district) within sc. */
static hz_err lr_build(hz_app *app, const hz_list_scope *sc, lr_table *t, bool people, hz_errinfo *e) {
    hz_err rc = hz_store_contribution_cells(app->db, sc, on_contribution, t, e);
    if (!rc) rc = hz_store_benefit_cells(app->db, sc, on_benefit, t, e);
    for (int y = t->y0; people && !rc && y <= t->y1; y++) {
        people_ctx p = {t, y};
        rc = hz_store_covered_cells(app->db, sc, hz_date_from_ymd(y, 1, 1), hz_date_from_ymd(y, 12, 31), on_people, &p,
                                    e);
    }
    if (!rc && t->n) qsort(t->rows, t->n, sizeof *t->rows, lr_cmp);
    return rc;
}

hz_err hz_app_loss_totals(hz_app *app, const hz_report_args *a, hz_fen *contributions, hz_fen *benefits,
                          hz_errinfo *e) {
    hz_list_scope sc;
    char path[HZ_PATH_MAX];
    *contributions = *benefits = 0;
    hz_err rc = hz_report_scope(app, a, &sc, path, e);
    if (rc) return rc;
    lr_table t = {NULL, 0, 0, year_of(a->from), year_of(a->to), false};
    rc = lr_build(app, &sc, &t, false, e);
    for (size_t i = 0; !rc && i < t.n; i++) {
        *contributions += t.rows[i].contributions;
        *benefits += t.rows[i].benefits;
    }
    free(t.rows);
    return rc;
}

static hz_err lr_report(hz_app *app, const hz_report_args *a, hz_report *out, bool five, hz_errinfo *e) {
    static const hz_report_col lr_cols[] = {
        {"plan", "计划", HZ_COL_TEXT},
        {"year", "保障年度", HZ_COL_INT},
        {"district", "区县工会", HZ_COL_TEXT},
        {"contributions", "缴费", HZ_COL_MONEY},
        {"claims", "理赔件数", HZ_COL_INT},
        {"incurred", "已发生给付", HZ_COL_MONEY},
        {"paid", "其中已支付", HZ_COL_MONEY},
        {"loss_ratio", "赔付率", HZ_COL_TEXT},
    };
    static const hz_report_col five_cols[] = {
        {"plan", "计划", HZ_COL_TEXT},
        {"year", "保障年度", HZ_COL_INT},
        {"people", "参保人数", HZ_COL_INT},
        {"contributions", "缴费", HZ_COL_MONEY},
        {"claims", "理赔件数", HZ_COL_INT},
        {"incurred", "已发生给付", HZ_COL_MONEY},
        {"paid", "其中已支付", HZ_COL_MONEY},
        {"loss_ratio", "赔付率", HZ_COL_TEXT},
    };
    char path[HZ_PATH_MAX];
    hz_list_scope sc;
    hz_err rc = hz_report_scope(app, a, &sc, path, e);
    if (rc) return rc;
    /* five_year: the five policy years that end with --to's year */
    int y1 = year_of(a->to), y0 = five ? y1 - 4 : year_of(a->from);
    lr_table t = {NULL, 0, 0, y0, y1, !five};
    if ((rc = lr_build(app, &sc, &t, five, e))) goto done;
    if (five) hz_report_head(out, "five_year", "五年汇总（按计划、年度）", false, 8, five_cols);
    else hz_report_head(out, "loss_ratio", "缴费与给付（按计划、年度、区县）", false, 8, lr_cols);
    for (size_t i = 0; !rc && i < t.n; i++) {
        const lr_row *r = &t.rows[i];
        char year[12], people[24], claims[24], c[HZ_MONEY_BUF], b[HZ_MONEY_BUF], p[HZ_MONEY_BUF], lr[24];
        snprintf(year, sizeof year, "%d", r->year);
        snprintf(people, sizeof people, "%lld", (long long)r->people);
        snprintf(claims, sizeof claims, "%lld", (long long)r->claims);
        hz_money_format(r->contributions, c);
        hz_money_format(r->benefits, b);
        hz_money_format(r->paid, p);
        hz_bp_format(hz_loss_ratio_bp(r->benefits, r->contributions), lr);
        const char *cells[] = {r->plan, year, five ? people : r->district, c, claims, b, p, lr};
        rc = hz_report_add_row(out, cells, e);
    }
done:
    free(t.rows);
    return rc;
}

hz_err hz_report_build_loss_ratio(hz_app *app, const hz_report_args *a, hz_report *out, hz_errinfo *e) {
    return lr_report(app, a, out, false, e);
}

hz_err hz_report_build_five_year(hz_app *app, const hz_report_args *a, hz_report *out, hz_errinfo *e) {
    return lr_report(app, a, out, true, e);
}

/* ---- claims by status and source, and their 7-day clock ---- */

#define STATUS_ROWS 16
typedef struct {
    char status[16];
    bool proactive;
    int64_t claims, none, waiting, within, over, days_sum, days_n;
    int days_max;
    hz_fen amount;
} status_row;

typedef struct {
    hz_app *app;
    status_row rows[STATUS_ROWS];
    int n;
} status_ctx;

static hz_err on_status(void *vctx, const hz_claim *c, hz_errinfo *e) {
    (void)e;
    status_ctx *x = vctx;
    status_row *r = NULL;
    for (int i = 0; i < x->n && !r; i++)
        if (!strcmp(x->rows[i].status, c->status) && x->rows[i].proactive == c->proactive) r = &x->rows[i];
    if (!r) {
        if (x->n == STATUS_ROWS) return HZ_OK;
        r = &x->rows[x->n++];
        memset(r, 0, sizeof *r);
        hz_strlcpy(r->status, c->status, sizeof r->status);
        r->proactive = c->proactive;
    }
    r->claims++;
    r->amount += c->total;
    /* off the 7-day clock, as in the sla report: nothing to pay */
    if (c->total <= 0 || !strcmp(c->status, "rejected")) {
        r->none++;
        return HZ_OK;
    }
    int days = hz_claim_sla_days(c, x->app->today);
    if (days < 0) {
        r->waiting++;
        return HZ_OK;
    }
    if (days <= HZ_SLA_DAYS) r->within++;
    else r->over++;
    r->days_sum += days;
    r->days_n++;
    if (days > r->days_max) r->days_max = days;
    return HZ_OK;
}

static int status_rank(const char *s) {
    static const char *const order[] = {"received", "adjudicated", "approved", "paid", "closed", "rejected"};
    for (int i = 0; i < 6; i++)
        if (!strcmp(order[i], s)) return i;
    return 6;
}

static int status_cmp(const void *a, const void *b) {
    const status_row *x = a, *y = b;
    int d = status_rank(x->status) - status_rank(y->status);
    return d ? d : (int)x->proactive - (int)y->proactive;
}

hz_err hz_report_build_claims_status(hz_app *app, const hz_report_args *a, hz_report *out, hz_errinfo *e) {
    static const hz_report_col cols[] = {
        {"status", "状态", HZ_COL_TEXT},
        {"source", "来源", HZ_COL_TEXT},
        {"claims", "件数", HZ_COL_INT},
        {"amount", "金额", HZ_COL_MONEY},
        {"no_payment", "无需支付", HZ_COL_INT},
        {"waiting_documents", "待补材料", HZ_COL_INT},
        {"within_7_days", "7日内", HZ_COL_INT},
        {"over_7_days", "超过7日", HZ_COL_INT},
        {"sla_days_avg", "平均天数", HZ_COL_TEXT},
        {"sla_days_max", "最长天数", HZ_COL_INT},
    };
    char path[HZ_PATH_MAX];
    hz_list_scope sc;
    hz_err rc = hz_authz_can(app, HZ_A_REPORT, e);
    if (rc || (rc = hz_report_scope(app, a, &sc, path, e))) return rc;
    status_ctx *x = calloc(1, sizeof *x);
    if (!x) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    x->app = app;
    if ((rc = hz_store_claims_in_scope(app->db, &sc, a->from, a->to, on_status, x, e))) goto done;
    qsort(x->rows, (size_t)x->n, sizeof x->rows[0], status_cmp);
    hz_report_head(out, "claims_status", "理赔（按状态、来源）", false, (int)(sizeof cols / sizeof cols[0]), cols);
    for (int i = 0; !rc && i < x->n; i++) {
        const status_row *r = &x->rows[i];
        char v[6][24], none[24], amount[HZ_MONEY_BUF], avg[24] = "";
        snprintf(none, sizeof none, "%lld", (long long)r->none);
        snprintf(v[0], 24, "%lld", (long long)r->claims);
        snprintf(v[1], 24, "%lld", (long long)r->waiting);
        snprintf(v[2], 24, "%lld", (long long)r->within);
        snprintf(v[3], 24, "%lld", (long long)r->over);
        snprintf(v[4], 24, "%d", r->days_max);
        if (r->days_n) {
            int64_t tenths = (r->days_sum * 20 + r->days_n) / (r->days_n * 2); /* half up */
            snprintf(avg, sizeof avg, "%lld.%lld", (long long)(tenths / 10), (long long)(tenths % 10));
        }
        const char *cells[] = {r->status, r->proactive ? "proactive" : "application", v[0], hz_money_format(r->amount, amount),
                               none,      v[1], v[2], v[3], avg, r->days_n ? v[4] : ""};
        rc = hz_report_add_row(out, cells, e);
    }
done:
    free(x);
    return rc;
}

/* ---- paid within 7 days, by month of payment ---- */

#define MONTHS_MAX 240
typedef struct {
    hz_app *app;
    hz_date from, to;
    int n;
    struct {
        int ym; /* year * 100 + month */
        int64_t paid, within;
    } m[MONTHS_MAX];
} monthly_ctx;

static hz_err on_paid(void *vctx, const hz_claim *c, hz_errinfo *e) {
    (void)e;
    monthly_ctx *x = vctx;
    if (!c->paid_at[0] || !c->documents_complete_at[0]) return HZ_OK;
    hz_date d = hz_ts_date(c->paid_at);
    if (d < x->from || d > x->to) return HZ_OK;
    int y, mo, dd;
    hz_date_to_ymd(d, &y, &mo, &dd);
    int ym = y * 100 + mo, i = 0;
    while (i < x->n && x->m[i].ym != ym) i++;
    if (i == x->n) {
        if (x->n == MONTHS_MAX) return HZ_OK;
        x->m[x->n].ym = ym;
        x->m[x->n].paid = x->m[x->n].within = 0;
        x->n++;
    }
    x->m[i].paid++;
    if (hz_claim_sla_days(c, x->app->today) <= HZ_SLA_DAYS) x->m[i].within++;
    return HZ_OK;
}

static int month_cmp(const void *a, const void *b) {
    const int *x = a, *y = b; /* ym is the first member */
    return *x < *y ? -1 : *x > *y;
}

hz_err hz_report_build_sla_monthly(hz_app *app, const hz_report_args *a, hz_report *out, hz_errinfo *e) {
    static const hz_report_col cols[] = {
        {"month", "月份", HZ_COL_TEXT},
        {"paid", "已支付件数", HZ_COL_INT},
        {"paid_within_7_days", "7日内支付", HZ_COL_INT},
        {"paid_late", "超过7日支付", HZ_COL_INT},
        {"share_within_7_days", "7日内支付率", HZ_COL_TEXT},
    };
    char path[HZ_PATH_MAX];
    hz_list_scope sc;
    hz_err rc = hz_authz_can(app, HZ_A_REPORT, e);
    if (rc || (rc = hz_report_scope(app, a, &sc, path, e))) return rc;
    monthly_ctx *x = calloc(1, sizeof *x);
    if (!x) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    x->app = app;
    x->from = a->from;
    x->to = a->to;
    /* a claim paid in the period may have been submitted long before it */
    if ((rc = hz_store_claims_in_scope(app->db, &sc, hz_date_from_ymd(1900, 1, 1), a->to, on_paid, x, e))) goto done;
    qsort(x->m, (size_t)x->n, sizeof x->m[0], month_cmp);
    hz_report_head(out, "sla_monthly", "7日内支付率（按月）", false, (int)(sizeof cols / sizeof cols[0]), cols);
    for (int i = 0; !rc && i < x->n; i++) {
        char month[16], v[3][24], share[24];
        snprintf(month, sizeof month, "%04d-%02d", x->m[i].ym / 100, x->m[i].ym % 100);
        snprintf(v[0], 24, "%lld", (long long)x->m[i].paid);
        snprintf(v[1], 24, "%lld", (long long)x->m[i].within);
        snprintf(v[2], 24, "%lld", (long long)(x->m[i].paid - x->m[i].within));
        hz_sla_report s = {0, x->m[i].paid, x->m[i].within, 0};
        hz_permille_format(hz_sla_share_permille(&s), share);
        const char *cells[] = {month, v[0], v[1], v[2], share};
        rc = hz_report_add_row(out, cells, e);
    }
done:
    free(x);
    return rc;
}

/* ---- recoveries still owed ---- */

typedef struct {
    hz_app *app;
    hz_report *r;
} recov_ctx;

static hz_err on_recovery(void *vctx, const hz_recovery_row *row, hz_errinfo *e) {
    recov_ctx *x = vctx;
    char id[HZ_ID_LEN + 1], o[HZ_MONEY_BUF], rc_[HZ_MONEY_BUF], w[HZ_MONEY_BUF];
    if (hz_authz_sees_identity(x->app)) hz_strlcpy(id, row->id_number, sizeof id);
    else hz_id_mask(row->id_number, id);
    const char *cells[] = {row->name, id, hz_money_format(row->owes, o), hz_money_format(row->recovered, rc_),
                           hz_money_format(row->written_off, w)};
    return hz_report_add_row(x->r, cells, e);
}

/* Whatever the period: what is owed is owed now. */
hz_err hz_report_build_recoveries(hz_app *app, const hz_report_args *a, hz_report *out, hz_errinfo *e) {
    static const hz_report_col cols[] = {
        {"name", "姓名", HZ_COL_TEXT},           {"id_number", "身份证号码", HZ_COL_TEXT},
        {"outstanding", "应追回余额", HZ_COL_MONEY}, {"recovered", "已追回", HZ_COL_MONEY},
        {"written_off", "已核销", HZ_COL_MONEY},
    };
    char path[HZ_PATH_MAX];
    hz_list_scope sc;
    hz_err rc = hz_authz_can(app, HZ_A_REPORT, e);
    if (rc || (rc = hz_report_scope(app, a, &sc, path, e))) return rc;
    hz_report_head(out, "recoveries", "应追回（未结清）", false, (int)(sizeof cols / sizeof cols[0]), cols);
    recov_ctx x = {app, out};
    return hz_store_recoveries_open(app->db, &sc, on_recovery, &x, e);
}
