/* Enrollment: eligibility, continuity, premium and the contribution ledger. */
#include "app/enroll.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/authz.h"
#include "app/registry.h"
#include "app/module.h"
#include "app/lists.h"
#include "app/reports.h"
#include "core/flag.h"
#include "core/normalize.h"
#include "core/text.h"
#include "store/coverage.h"
#include "store/registry.h"



hz_err hz_plan_spec_parse(const char *spec, char code[HZ_PLAN_CODE_MAX], int *shares, hz_errinfo *e) {
    const char *colon = spec ? strchr(spec, ':') : NULL;
    size_t n = colon ? (size_t)(colon - spec) : (spec ? strlen(spec) : 0);
    if (n == 0 || n >= HZ_PLAN_CODE_MAX) return hz_fail(e, HZ_EINVAL, "plan: 计划代码无效 (bad plan '%s')", spec ? spec : "");
    memcpy(code, spec, n);
    code[n] = '\0';
    *shares = 1;
    if (colon) {
        char *end;
        long v = strtol(colon + 1, &end, 10);
        if (!colon[1] || *end || v < 1 || v > 100)
            return hz_fail(e, HZ_EINVAL, "plan: 份数应为正整数 (shares must be a positive integer in '%s')", spec);
        *shares = (int)v;
    }
    return HZ_OK;
}

hz_err hz_enroll_one(hz_app *app, const hz_enroll_req *r, hz_coverage *out, bool *existed, hz_errinfo *e) {
    const hz_plan *p = r->plan;
    int months = r->months ? r->months : p->terms[0];
    hz_date end = hz_date_term_end(r->start, months);
    bool newform = hz_flag_find(r->flags, r->n_flags, "newform", r->start) != NULL;
    hz_err rc = hz_plan_check_enroll(p, r->shares, months, r->start, r->member->birth, r->member->sex, newform, e);
    if (rc) return rc;
    if (existed) *existed = false;
    hz_coverage c;
    memset(&c, 0, sizeof c);
    if (r->same_ok && !r->new_member) {
        if ((rc = hz_store_coverage_same(app->db, r->member->id, p->code, r->start, &c, e))) return rc;
        if (c.id) {
            if (existed) *existed = true;
            if (out) *out = c;
            return HZ_OK;
        }
    }
    int64_t overlaps = 0;
    if (!r->new_member &&
        (rc = hz_store_coverage_overlaps(app->db, r->member->id, p->code, r->start, end, &overlaps, e)))
        return rc;
    if (overlaps) {
        char b1[HZ_DATE_BUF], b2[HZ_DATE_BUF];
        return hz_fail(e, HZ_ECONFLICT, "%s 已有 %s 计划在 %s 至 %s 期间的保障 (overlapping coverage of the same plan)",
                       r->member->id_number, p->code, hz_date_format(r->start, b1), hz_date_format(end, b2));
    }
    hz_coverage prev;
    hz_errinfo pe;
    rc = r->new_member ? HZ_ENOTFOUND : hz_store_coverage_last(app->db, r->member->id, p->code, &prev, &pe);
    if (rc == HZ_OK) {
        c.continuous = prev.end < r->start && r->start - prev.end <= HZ_CONTINUITY_DAYS;
    } else if (rc != HZ_ENOTFOUND) {
        return hz_fail(e, rc, "%s", pe.msg);
    }
    c.member_id = r->member->id;
    c.plan_id = r->plan_id;
    hz_strlcpy(c.plan_code, p->code, sizeof c.plan_code);
    c.shares = r->shares;
    c.start = r->start;
    c.end = end;
    c.months = months;
    hz_strlcpy(c.payer_kind, r->payer_kind, sizeof c.payer_kind);
    hz_strlcpy(c.payer_ref, r->payer_ref, sizeof c.payer_ref);
    hz_strlcpy(c.status, "active", sizeof c.status);
    if ((rc = hz_plan_premium(p, r->shares, months, &c.premium, e))) return rc;
    if ((rc = hz_store_coverage_insert(app->db, &c, app->now, e))) return rc;
    if ((rc = hz_store_contribution_insert(app->db, c.id, c.payer_kind, c.payer_ref, c.premium, r->start, app->now, e)))
        return rc;
    if (out) *out = c;
    return HZ_OK;
}

hz_err hz_payer_resolve(hz_app *app, const char *payer, const char *unit_code, char kind[8], char ref[HZ_CODE_MAX],
                        hz_errinfo *e) {
    if (strcmp(payer, "unit") == 0) {
        if (!unit_code || !*unit_code)
            return hz_fail(e, HZ_EINVAL, "payer: 个人会员没有会员单位, 不能由单位缴费 (member has no unit)");
        snprintf(kind, 8, "unit");
        snprintf(ref, HZ_CODE_MAX, "%s", unit_code);
    } else if (strcmp(payer, "self") == 0) {
        snprintf(kind, 8, "self");
        ref[0] = '\0';
    } else if (strncmp(payer, "org:", 4) == 0) {
        hz_org org;
        /* a scoped role names only payers inside its scope; a unit liaison
         * is refused before the lookup, so the answer is the same for every
         * org code (issue 12 case 3) */
        hz_err rc = HZ_OK;
        if (app->who.scope_kind[0] && strcmp(app->who.scope_kind, "org") != 0)
            return hz_authz_payer_org(app, &(hz_org){0}, e);
        if ((rc = hz_store_org_by_code(app->db, payer + 4, &org, e)) || (rc = hz_authz_payer_org(app, &org, e)))
            return rc;
        snprintf(kind, 8, "org");
        snprintf(ref, HZ_CODE_MAX, "%s", org.code);
    } else {
        return hz_fail(e, HZ_EINVAL, "payer: 应为 unit、self 或 org:CODE (unknown payer '%s')", payer);
    }
    return HZ_OK;
}

static hz_err audit_coverage(hz_app *app, const char *action, const hz_member *m, const hz_coverage *c, hz_errinfo *e) {
    char object[48], detail[256], b1[HZ_DATE_BUF], b2[HZ_DATE_BUF], fee[HZ_MONEY_BUF];
    snprintf(object, sizeof object, "coverage:%lld", (long long)c->id);
    snprintf(detail, sizeof detail,
             "{\"member\":\"%s\",\"plan\":\"%s\",\"shares\":%d,\"start\":\"%s\",\"end\":\"%s\",\"premium\":\"%s\","
             "\"payer\":\"%s%s%s\",\"continuous\":%s}",
             m->id_number, c->plan_code, c->shares, hz_date_format(c->start, b1), hz_date_format(c->end, b2),
             hz_money_format(c->premium, fee), c->payer_kind, c->payer_ref[0] ? ":" : "", c->payer_ref,
             c->continuous ? "true" : "false");
    return hz_audit(app, action, object, detail, e);
}

hz_err hz_app_enroll(hz_app *app, const hz_enroll_input *in, hz_coverage *out, hz_errinfo *e) {
    if (in->start == HZ_DATE_NONE) return hz_fail(e, HZ_EINVAL, "start: 须指定起保日期 (--start is required)");
    int shares = in->shares ? in->shares : 1;
    char id_number[HZ_ID_LEN + 1];
    hz_err rc = hz_authz_can(app, HZ_A_ENROLL, e);
    if (rc || (rc = hz_norm_id_number(in->id_number, id_number, sizeof id_number, "id_number", e)) ||
        (rc = hz_db_begin(app->db, e)))
        return rc;
    hz_member m;
    hz_flag flags[32];
    int n_flags;
    const hz_plan *plan;
    int64_t plan_id;
    char kind[8], ref[HZ_CODE_MAX];
    if ((rc = hz_store_member_by_id_number(app->db, id_number, &m, e)) ||
        (rc = hz_authz_member(app, &m, e)) || (rc = hz_store_flags(app->db, m.id, flags, 32, &n_flags, e)) ||
        (rc = hz_app_plan_current(app, in->plan_code, &plan_id, &plan, NULL, e)) ||
        (rc = hz_payer_resolve(app, in->payer ? in->payer : m.unit_id ? "unit" : "self", m.unit_code, kind, ref, e)))
        goto fail;
    hz_enroll_req req = {&m, flags, n_flags, plan_id, plan, shares, in->months, in->start, kind, ref, false};
    hz_coverage c;
    if ((rc = hz_enroll_one(app, &req, &c, NULL, e)) || (rc = audit_coverage(app, "coverage.enroll", &m, &c, e)))
        goto fail;
    if ((rc = hz_db_commit(app->db, e))) return rc;
    if (out) *out = c;
    return HZ_OK;
fail:
    hz_db_rollback(app->db);
    return rc;
}

/* dry_run: everything is done and counted, then rolled back (the console's
 * confirmation says how many and how much before anything is written). */
static hz_err enroll_sponsored(hz_app *app, const char *org_code, const char *category, const char *plan_spec,
                               hz_date start, int months, bool dry_run, hz_bulk_report *out, hz_errinfo *e) {
    memset(out, 0, sizeof *out);
    char code[HZ_PLAN_CODE_MAX];
    int shares;
    hz_err rc = hz_plan_spec_parse(plan_spec, code, &shares, e);
    if (rc) return rc;
    if ((rc = hz_authz_can(app, HZ_A_SETTLEMENT_IMPORT, e))) return rc; /* office staff only */
    if (category && strcmp(category, "newform") && strcmp(category, "model") && strcmp(category, "hardship"))
        return hz_fail(e, HZ_EINVAL, "category: 应为 newform、model 或 hardship (unknown category '%s')", category);
    if ((rc = hz_db_begin(app->db, e))) return rc;
    hz_org org;
    const hz_plan *plan;
    int64_t plan_id;
    int64_t *ids = NULL;
    size_t n = 0;
    if ((rc = hz_store_org_by_code(app->db, org_code, &org, e)) ||
        (rc = hz_app_plan_current(app, code, &plan_id, &plan, NULL, e)) ||
        (rc = hz_store_subtree_member_ids(app->db, org.path, category, start, &ids, &n, e)))
        goto fail;
    out->selected = (int64_t)n;
    for (size_t i = 0; i < n; i++) {
        hz_member m;
        hz_flag flags[32];
        int n_flags;
        if ((rc = hz_store_member_by_id(app->db, ids[i], &m, e)) ||
            (rc = hz_store_flags(app->db, m.id, flags, 32, &n_flags, e)))
            goto fail;
        hz_enroll_req req = {&m, flags, n_flags, plan_id, plan, shares, months, start, "org", org.code, false};
        hz_coverage c;
        hz_errinfo one;
        hz_err r = hz_enroll_one(app, &req, &c, NULL, &one);
        if (r == HZ_ECONFLICT) out->already_covered++;
        else if (r == HZ_EINVAL) out->ineligible++;
        else if (r) {
            rc = hz_fail(e, r, "%s", one.msg);
            goto fail;
        } else {
            out->enrolled++;
            if (!hz_money_add(out->premium_total, c.premium, &out->premium_total)) {
                rc = hz_fail(e, HZ_EINVAL, "premium: 合计溢出 (total overflows)");
                goto fail;
            }
        }
    }
    char object[64], detail[256], b1[HZ_DATE_BUF], fee[HZ_MONEY_BUF];
    snprintf(object, sizeof object, "org:%s", org.code);
    snprintf(detail, sizeof detail,
             "{\"plan\":\"%s\",\"shares\":%d,\"start\":\"%s\",\"category\":\"%s\",\"selected\":%lld,\"enrolled\":%lld,"
             "\"premium_total\":\"%s\"}",
             code, shares, hz_date_format(start, b1), category ? category : "all", (long long)out->selected,
             (long long)out->enrolled, hz_money_format(out->premium_total, fee));
    if ((rc = hz_audit(app, "coverage.sponsor", object, detail, e))) goto fail;
    free(ids);
    if (dry_run) {
        hz_db_rollback(app->db);
        return HZ_OK;
    }
    return hz_db_commit(app->db, e);
fail:
    free(ids);
    hz_db_rollback(app->db);
    return rc;
}

hz_err hz_app_enroll_sponsored(hz_app *app, const char *org_code, const char *category, const char *plan_spec,
                               hz_date start, int months, hz_bulk_report *out, hz_errinfo *e) {
    return enroll_sponsored(app, org_code, category, plan_spec, start, months, false, out, e);
}

hz_err hz_app_enroll_sponsored_preview(hz_app *app, const char *org_code, const char *category, const char *plan_spec,
                                       hz_date start, int months, hz_bulk_report *out, hz_errinfo *e) {
    return enroll_sponsored(app, org_code, category, plan_spec, start, months, true, out, e);
}

typedef struct {
    hz_app *app;
    hz_bulk_report *rep;
} renew_ctx;

static hz_err renew_one(void *vctx, const hz_coverage *old, hz_errinfo *e) {
    renew_ctx *ctx = vctx;
    hz_app *app = ctx->app;
    ctx->rep->selected++;
    hz_member m;
    hz_flag flags[32];
    int n_flags;
    const hz_plan *plan;
    int64_t plan_id;
    hz_err rc;
    if ((rc = hz_store_member_by_id(app->db, old->member_id, &m, e)) ||
        (rc = hz_store_flags(app->db, m.id, flags, 32, &n_flags, e)) ||
        (rc = hz_app_plan_current(app, old->plan_code, &plan_id, &plan, NULL, e)))
        return rc;
    hz_enroll_req req = {&m,          flags,           n_flags,          plan_id, plan, old->shares, old->months,
                         old->end + 1, old->payer_kind, old->payer_ref, false};
    hz_coverage c;
    hz_errinfo one;
    hz_err r = hz_enroll_one(app, &req, &c, NULL, &one);
    if (r == HZ_ECONFLICT) ctx->rep->already_covered++;
    else if (r == HZ_EINVAL) ctx->rep->ineligible++;
    else if (r) return hz_fail(e, r, "%s", one.msg);
    else {
        ctx->rep->enrolled++;
        if (!hz_money_add(ctx->rep->premium_total, c.premium, &ctx->rep->premium_total))
            return hz_fail(e, HZ_EINVAL, "premium: 合计溢出 (total overflows)");
        if ((rc = audit_coverage(app, "coverage.renew", &m, &c, e))) return rc;
    }
    return HZ_OK;
}

static hz_err renew_unit(hz_app *app, const char *unit_code, hz_date from, hz_date to, bool dry_run,
                         hz_bulk_report *out, hz_errinfo *e) {
    memset(out, 0, sizeof *out);
    if (to < from) return hz_fail(e, HZ_EINVAL, "to: 截止日期早于起始日期 (--to before --from)");
    hz_err rc = hz_authz_can(app, HZ_A_ENROLL, e);
    if (rc || (rc = hz_db_begin(app->db, e))) return rc;
    hz_unit unit;
    renew_ctx ctx = {app, out};
    char code[19];
    if ((rc = hz_norm_credit_code(unit_code, code, sizeof code, "unit", e)) ||
        (rc = hz_store_unit_by_code(app->db, code, &unit, e)) || (rc = hz_authz_unit(app, &unit, "", e)) ||
        (rc = hz_store_unit_coverages_ending(app->db, unit.id, from, to, renew_one, &ctx, e)) || dry_run) {
        hz_db_rollback(app->db);
        return rc;
    }
    return hz_db_commit(app->db, e);
}

hz_err hz_app_renew_unit(hz_app *app, const char *unit_code, hz_date from, hz_date to, hz_bulk_report *out,
                         hz_errinfo *e) {
    return renew_unit(app, unit_code, from, to, false, out, e);
}

hz_err hz_app_renew_unit_preview(hz_app *app, const char *unit_code, hz_date from, hz_date to, hz_bulk_report *out,
                                 hz_errinfo *e) {
    return renew_unit(app, unit_code, from, to, true, out, e);
}

typedef struct {
    hz_report *out;
} contrib_ctx;

static hz_err contrib_row(void *ctx, const hz_contrib_row *c, hz_errinfo *e) {
    contrib_ctx *x = ctx;
    char n[24], amount[HZ_MONEY_BUF];
    snprintf(n, sizeof n, "%lld", (long long)c->count);
    static const char *const payer[][2] = {{"unit", "单位"}, {"self", "个人"}, {"org", "工会"}};
    const char *who = c->payer_kind;
    for (size_t i = 0; i < sizeof payer / sizeof payer[0]; i++)
        if (!strcmp(who, payer[i][0])) who = payer[i][1];
    const char *cells[] = {c->month, c->unit_code, c->unit_name[0] ? c->unit_name : "个人会员（无单位）", who, n,
                           hz_money_format(c->amount, amount)};
    return hz_report_add_row(x->out, cells, e);
}

/* Contributions by unit, month and payer in [from, to], within the scope. */
static hz_err build_contributions(hz_app *app, const hz_report_args *a, hz_report *out, hz_errinfo *e) {
    static const hz_report_col cols[] = {
        {"month", "月份", HZ_COL_TEXT},   {"unit_code", "统一社会信用代码", HZ_COL_TEXT},
        {"unit", "会员单位", HZ_COL_TEXT}, {"payer", "缴费方", HZ_COL_TEXT},
        {"coverages", "笔数", HZ_COL_INT}, {"amount", "金额", HZ_COL_MONEY},
    };
    hz_err rc;
    const char *path = "";
    hz_org org;
    if (a->org && *a->org) {
        if ((rc = hz_authz_org_code(app, a->org, &org, e))) return rc;
        path = org.path;
    }
    hz_report_head(out, "contributions", "缴费（按单位、月份）", false, (int)(sizeof cols / sizeof cols[0]), cols);
    hz_list_scope sc;
    hz_scope_filter(app, &sc);
    contrib_ctx x = {out};
    return hz_store_contributions_by_unit(app->db, &sc, path, a->from, a->to, contrib_row, &x, e);
}

/* Active coverages per plan today, within the caller's scope. */
static hz_err build_coverage(hz_app *app, const hz_report_args *a, hz_report *out, hz_errinfo *e) {
    hz_dashboard *d = malloc(sizeof *d);
    if (!d) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    hz_err rc = hz_app_dashboard(app, a, d, e);
    if (!rc) rc = hz_report_fill_plans(out, d, e);
    if (!rc) hz_strlcpy(out->name, "coverage", sizeof out->name); /* the dashboard calls the part "plans" */
    free(d);
    return rc;
}

static const hz_report_def enrollment_reports[] = {
    {"coverage", "在保（按计划）", build_coverage},
    {"contributions", "缴费（按单位、月份）", build_contributions},
    {NULL, NULL, NULL},
};
/* The enrollment module (src/modules.def); its demo data is part of the core's. */
const hz_app_module hz_app_module_enrollment = {.name = "enrollment", .reports = enrollment_reports};

