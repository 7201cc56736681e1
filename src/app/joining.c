/* Joining online and standing sponsorships (app/joining.h). */
#include "app/joining.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/authz.h"
#include "app/enroll.h"
#include "app/registry.h"
#include "app/reports.h"
#include "core/flag.h"
#include "core/normalize.h"
#include "core/plan.h"
#include "core/text.h"
#include "store/registry.h"

/* Who may do what (docs/decisions.md, "Joining online"): the cadre of a
 * joint union reviews its queue; sponsorships spend an org's money, so the
 * office sets them up. Scope is checked per application and org. */
static const hz_action_def joining_actions[] = {
    {"joining.read", " admin staff reviewer finance cadre "},
    {"joining.review", " admin staff cadre "},
    {"joining.sponsor", " admin staff "},
    {NULL, NULL},
};

static hz_err audit_application(hz_app *app, const char *action, const hz_application *a, hz_errinfo *e) {
    char object[48], detail[1200], why[900];
    snprintf(object, sizeof object, "application:%s", a->no);
    snprintf(detail, sizeof detail, "{\"status\":\"%s\",\"org\":\"%s\",\"occupation\":\"%s\",\"member\":%lld,\"reason\":\"%s\"}",
             a->status, a->org_code, a->occupation, (long long)a->member_id, hz_json_text(a->reason, 200, why, sizeof why));
    return hz_audit(app, action, object, detail, e);
}

/* The joint union code names (what an application or an approval may
 * name); HZ_EINVAL naming the field `org` otherwise. */
static hz_err joint_org(hz_app *app, const char *code, hz_org *out, hz_errinfo *e) {
    if (!code || hz_norm_is_blank(code)) return hz_fail(e, HZ_EINVAL, "org: 必填, 须选择联合工会 (required: a joint union)");
    char c[HZ_CODE_MAX];
    if (strlen(code) >= sizeof c) return hz_fail(e, HZ_EINVAL, "org: 没有这个联合工会 (no such joint union)");
    hz_strlcpy(c, code, sizeof c);
    hz_errinfo ne;
    hz_err rc = hz_store_org_by_code(app->db, c, out, &ne);
    if (rc == HZ_ENOTFOUND || (rc == HZ_OK && strcmp(out->kind, "joint") != 0))
        return hz_fail(e, HZ_EINVAL, "org: %s 不是联合工会 (not a joint union)", c);
    if (rc) return hz_fail(e, rc, "%s", ne.msg);
    return HZ_OK;
}

hz_err hz_app_application_submit(hz_app *app, const hz_application_input *in, hz_application *out, hz_errinfo *e) {
    memset(out, 0, sizeof *out);
    hz_member m;
    hz_err rc;
    /* a phone is how the union answers: required here, unlike a member's */
    if (!in->phone || hz_norm_is_blank(in->phone)) return hz_fail(e, HZ_EINVAL, "phone: 必填 (required)");
    if (!in->name || hz_norm_is_blank(in->name)) return hz_fail(e, HZ_EINVAL, "name: 必填 (required)");
    if (!in->id_number || hz_norm_is_blank(in->id_number)) return hz_fail(e, HZ_EINVAL, "id_number: 必填 (required)");
    if ((rc = hz_member_fields_validate(app->today, in->id_number, in->name, in->phone, NULL, NULL, NULL, &m, NULL, e)))
        return rc;
    char occ[64];
    const char *code = NULL;
    if (in->occupation && hz_norm_text(in->occupation, occ, sizeof occ, "occupation", 1, 10, e) == HZ_OK)
        code = hz_occupation_code(occ);
    if (!code)
        return hz_fail(e, HZ_EINVAL,
                       "occupation: 应为 快递员、外卖骑手、网约车司机、货车司机 或 其他 (courier, delivery, ridehail, truck, other)");
    if ((rc = hz_db_begin(app->db, e))) return rc;
    hz_org org;
    int64_t existing = 0;
    hz_application pending;
    if ((rc = joint_org(app, in->org, &org, e)) || (rc = hz_store_member_id(app->db, m.id_number, &existing, e)) ||
        (rc = hz_store_application_pending(app->db, m.id_number, &pending, e)))
        goto fail;
    if (existing) {
        rc = hz_fail(e, HZ_ECONFLICT, "id_number: 此身份证号已是工会会员, 无需再申请 (already a member)");
        goto fail;
    }
    if (pending.id) {
        rc = hz_fail(e, HZ_ECONFLICT, "id_number: 此身份证号已有待审批的入会申请 (an application is already pending)");
        goto fail;
    }
    hz_strlcpy(out->name, m.name, sizeof out->name);
    hz_strlcpy(out->id_number, m.id_number, sizeof out->id_number);
    hz_strlcpy(out->phone, m.phone, sizeof out->phone);
    hz_strlcpy(out->occupation, code, sizeof out->occupation);
    out->org_id = org.id;
    hz_strlcpy(out->org_code, org.code, sizeof out->org_code);
    hz_strlcpy(out->org_name, org.name, sizeof out->org_name);
    hz_strlcpy(out->org_path, org.path, sizeof out->org_path);
    hz_strlcpy(out->created_at, app->now, sizeof out->created_at);
    if ((rc = hz_store_application_insert(app->db, out, e))) {
        if (rc == HZ_ECONFLICT) /* a concurrent application of the same person won */
            hz_fail(e, HZ_ECONFLICT, "id_number: 此身份证号已有待审批的入会申请 (an application is already pending)");
        goto fail;
    }
    if ((rc = audit_application(app, "application.submit", out, e))) goto fail;
    return hz_db_commit(app->db, e);
fail:
    hz_db_rollback(app->db);
    return rc;
}

typedef struct {
    hz_application_fn fn;
    void *ctx;
} page_ctx;

hz_err hz_app_applications_page(hz_app *app, const char *status, hz_page pg, hz_application_fn fn, void *ctx,
                                int64_t *total, hz_errinfo *e) {
    hz_application_query q = {{.status = status}, NULL, NULL};
    return hz_app_applications_list(app, &q, pg, fn, ctx, total, e);
}

/* Loads a pending application inside the caller's scope, in the open
 * transaction; out of scope reads as missing. */
static hz_err load_pending(hz_app *app, const char *no, hz_application *a, hz_errinfo *e) {
    hz_err rc = hz_store_application_by_no(app->db, no ? no : "", a, e);
    if (rc) return rc;
    hz_errinfo se;
    if (hz_authz_org_path(app, a->org_path, &se)) return hz_fail(e, HZ_ENOTFOUND, "入会申请 %s 不存在 (no such application)", no);
    if (strcmp(a->status, "pending") != 0)
        return hz_fail(e, HZ_ECONFLICT, "入会申请 %s 已%s, 不能再次审批 (already %s)", a->no,
                       !strcmp(a->status, "approved") ? "批准" : "拒绝", a->status);
    return HZ_OK;
}

hz_err hz_app_application_approve(hz_app *app, const char *no, const char *org_code, hz_application *out,
                                  hz_errinfo *e) {
    hz_err rc = hz_authz_can_do(app, "joining.review", e);
    if (rc || (rc = hz_db_begin(app->db, e))) return rc;
    if ((rc = load_pending(app, no, out, e))) goto fail;
    if (org_code && *org_code) {
        hz_org org;
        if ((rc = joint_org(app, org_code, &org, e)) || (rc = hz_authz_org_path(app, org.path, e))) goto fail;
        out->org_id = org.id;
        hz_strlcpy(out->org_code, org.code, sizeof out->org_code);
        hz_strlcpy(out->org_name, org.name, sizeof out->org_name);
        hz_strlcpy(out->org_path, org.path, sizeof out->org_path);
    }
    int64_t existing = 0;
    if ((rc = hz_store_member_id(app->db, out->id_number, &existing, e))) goto fail;
    if (existing) {
        rc = hz_fail(e, HZ_ECONFLICT, "%s 已登记为会员, 请拒绝此申请 (registered since the application: reject it)",
                     out->no);
        goto fail;
    }
    hz_member m;
    memset(&m, 0, sizeof m);
    if ((rc = hz_member_fields_validate(app->today, out->id_number, out->name, out->phone, NULL, NULL, NULL, &m, NULL,
                                        e)))
        goto fail;
    m.org_id = out->org_id;
    hz_flag f;
    memset(&f, 0, sizeof f);
    hz_strlcpy(f.kind, "newform", sizeof f.kind);
    hz_strlcpy(f.level, out->occupation, sizeof f.level);
    f.from = app->today;
    f.to = HZ_FLAG_FOREVER_TO;
    if ((rc = hz_store_member_insert(app->db, &m, app->now, e)) || (rc = hz_store_flag_put(app->db, m.id, &f, e)) ||
        (rc = hz_app_members_joined(app, &m, 1, e)))
        goto fail;
    out->member_id = m.id;
    hz_strlcpy(out->status, "approved", sizeof out->status);
    hz_strlcpy(out->decided_at, app->now, sizeof out->decided_at);
    hz_strlcpy(out->decided_by, app->actor, sizeof out->decided_by);
    char object[48];
    snprintf(object, sizeof object, "member:%s", m.id_number);
    if ((rc = hz_store_application_decide(app->db, out, e)) || (rc = audit_application(app, "application.approve", out, e)) ||
        (rc = hz_audit(app, "member.add", object, out->org_code, e)))
        goto fail;
    return hz_db_commit(app->db, e);
fail:
    hz_db_rollback(app->db);
    return rc;
}

hz_err hz_app_application_reject(hz_app *app, const char *no, const char *reason, hz_application *out, hz_errinfo *e) {
    hz_err rc = hz_authz_can_do(app, "joining.review", e);
    if (rc) return rc;
    char why[sizeof out->reason];
    if (!reason || hz_norm_is_blank(reason))
        return hz_fail(e, HZ_EINVAL, "reason: 拒绝须说明理由 (a rejection needs a reason)");
    if ((rc = hz_norm_text(reason, why, sizeof why, "reason", 2, 100, e)) || (rc = hz_db_begin(app->db, e))) return rc;
    if ((rc = load_pending(app, no, out, e))) goto fail;
    hz_strlcpy(out->status, "rejected", sizeof out->status);
    hz_strlcpy(out->reason, why, sizeof out->reason);
    hz_strlcpy(out->decided_at, app->now, sizeof out->decided_at);
    hz_strlcpy(out->decided_by, app->actor, sizeof out->decided_by);
    if ((rc = hz_store_application_decide(app->db, out, e)) || (rc = audit_application(app, "application.reject", out, e)))
        goto fail;
    return hz_db_commit(app->db, e);
fail:
    hz_db_rollback(app->db);
    return rc;
}

hz_err hz_app_joint_orgs(hz_app *app, hz_org_row_fn fn, void *ctx, hz_errinfo *e) {
    return hz_store_joint_orgs(app->db, fn, ctx, e);
}

hz_err hz_app_sponsorship_add(hz_app *app, const hz_sponsorship_input *in, hz_sponsorship *out, hz_errinfo *e) {
    memset(out, 0, sizeof *out);
    char code[HZ_PLAN_CODE_MAX];
    int shares;
    hz_err rc = hz_authz_can_do(app, "joining.sponsor", e);
    if (rc || (rc = hz_plan_spec_parse(in->plan, code, &shares, e))) return rc;
    if (!in->org || !*in->org) return hz_fail(e, HZ_EINVAL, "org: 必填 (required)");
    if (in->from == HZ_DATE_NONE || in->to == HZ_DATE_NONE)
        return hz_fail(e, HZ_EINVAL, "from, to: 须指定入会日期范围 (the window is required)");
    if (in->to < in->from) return hz_fail(e, HZ_EINVAL, "to: 截止日期早于起始日期 (--to before --from)");
    if (in->months < 0 || in->months > 120) return hz_fail(e, HZ_EINVAL, "months: 应为 1 至 120 (1..120)");
    if ((rc = hz_db_begin(app->db, e))) return rc;
    hz_org org;
    const hz_plan *plan;
    int64_t plan_id;
    if ((rc = hz_authz_org_code(app, in->org, &org, e)) ||
        (rc = hz_app_plan_current(app, code, &plan_id, &plan, NULL, e)))
        goto fail;
    int months = in->months ? in->months : plan->terms[0];
    bool term_ok = false;
    for (int k = 0; k < plan->n_terms; k++) term_ok |= plan->terms[k] == months;
    if (!term_ok) {
        rc = hz_fail(e, HZ_EINVAL, "months: %s 计划不提供 %d 个月的期限 (term not offered)", code, months);
        goto fail;
    }
    if (shares < plan->min_shares || shares > plan->max_shares) {
        rc = hz_fail(e, HZ_EINVAL, "plan: %s 计划份数应为 %d 至 %d 份 (shares out of range)", code, plan->min_shares,
                     plan->max_shares);
        goto fail;
    }
    char other[24];
    if ((rc = hz_store_sponsorship_overlap(app->db, org.id, code, in->from, in->to, other, e))) goto fail;
    if (other[0]) {
        rc = hz_fail(e, HZ_ECONFLICT, "%s 已有 %s 计划的赠送 %s, 时间重叠 (overlaps sponsorship %s)", org.code, code, other,
                     other);
        goto fail;
    }
    out->org_id = org.id;
    hz_strlcpy(out->org_code, org.code, sizeof out->org_code);
    hz_strlcpy(out->org_name, org.name, sizeof out->org_name);
    hz_strlcpy(out->org_path, org.path, sizeof out->org_path);
    hz_strlcpy(out->plan_code, code, sizeof out->plan_code);
    out->shares = shares;
    out->months = months;
    out->from = in->from;
    out->to = in->to;
    hz_strlcpy(out->created_at, app->now, sizeof out->created_at);
    hz_strlcpy(out->created_by, app->actor, sizeof out->created_by);
    if ((rc = hz_store_sponsorship_insert(app->db, out, e))) goto fail;
    char object[48], detail[256], b1[HZ_DATE_BUF], b2[HZ_DATE_BUF];
    snprintf(object, sizeof object, "sponsorship:%s", out->no);
    snprintf(detail, sizeof detail, "{\"org\":\"%s\",\"plan\":\"%s\",\"shares\":%d,\"months\":%d,\"from\":\"%s\",\"to\":\"%s\"}",
             org.code, code, shares, months, hz_date_format(in->from, b1), hz_date_format(in->to, b2));
    if ((rc = hz_audit(app, "sponsorship.add", object, detail, e))) goto fail;
    return hz_db_commit(app->db, e);
fail:
    hz_db_rollback(app->db);
    return rc;
}

hz_err hz_app_sponsorships(hz_app *app, hz_sponsorship_fn fn, void *ctx, hz_errinfo *e) {
    hz_err rc = hz_authz_can_do(app, "joining.read", e);
    if (rc) return rc;
    hz_list_scope sc;
    hz_scope_filter(app, &sc);
    if (sc.unit_id || sc.member_id) return HZ_OK; /* an org's affair: none in a unit's or member's scope */
    return hz_store_sponsorships(app->db, sc.org_path, fn, ctx, e);
}

/* One sponsorship for the members of one call who joined today: each gets
 * the coverage, paid by the org, or a note why not (not eligible, covered
 * already); one audit event counts them. */
static hz_err sponsor_joiners(hz_app *app, const hz_sponsorship *sp, const hz_member *ms, size_t n, int64_t org_id,
                              hz_errinfo *e) {
    const hz_plan *plan;
    int64_t plan_id;
    hz_err rc = hz_app_plan_current(app, sp->plan_code, &plan_id, &plan, NULL, e);
    if (rc) return rc;
    int64_t granted = 0, skipped = 0;
    hz_fen premium = 0;
    for (size_t i = 0; i < n; i++) {
        const hz_member *m = &ms[i];
        if (m->org_id != org_id) continue;
        hz_flag flags[32];
        int n_flags;
        if ((rc = hz_store_flags(app->db, m->id, flags, 32, &n_flags, e))) return rc;
        hz_enroll_req req = {m, flags, n_flags, plan_id, plan, sp->shares, sp->months, app->today, "org", sp->org_code,
                             false, false};
        hz_coverage c;
        hz_errinfo one;
        hz_err r = hz_enroll_one(app, &req, &c, NULL, &one);
        if (r == HZ_EINVAL || r == HZ_ECONFLICT) {
            skipped++;
            rc = hz_store_sponsorship_grant(app->db, sp->id, m->id, app->today, 0, one.msg, e);
        } else if (r) {
            return hz_fail(e, r, "%s", one.msg);
        } else {
            granted++;
            premium += c.premium;
            rc = hz_store_sponsorship_grant(app->db, sp->id, m->id, app->today, c.id, NULL, e);
        }
        if (rc) return rc;
    }
    if (!granted && !skipped) return HZ_OK;
    char object[48], detail[200], b[HZ_DATE_BUF], fee[HZ_MONEY_BUF];
    snprintf(object, sizeof object, "sponsorship:%s", sp->no);
    snprintf(detail, sizeof detail, "{\"joined\":\"%s\",\"granted\":%lld,\"not_eligible\":%lld,\"premium\":\"%s\"}",
             hz_date_format(app->today, b), (long long)granted, (long long)skipped, hz_money_format(premium, fee));
    return hz_audit(app, "sponsorship.grant", object, detail, e);
}

#define JOINING_SPONSORSHIPS_MAX 32

/* The members_joined hook (app/module.h): the standing sponsorships of
 * each org the joiners joined (they come in runs of one org: a roster is
 * one unit's) give their coverage. */
static hz_err joining_members_joined(hz_app *app, const hz_member *ms, size_t n, hz_errinfo *e) {
    hz_sponsorship *sp = malloc(sizeof *sp * JOINING_SPONSORSHIPS_MAX);
    if (!sp) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    hz_err rc = HZ_OK;
    for (size_t i = 0; rc == HZ_OK && i < n; i++) {
        int64_t org_id = ms[i].org_id;
        if (!org_id || (i > 0 && ms[i - 1].org_id == org_id)) continue; /* none, or this run is done */
        bool seen = false;
        for (size_t k = 0; k < i && !seen; k++) seen = ms[k].org_id == org_id;
        if (seen) continue;
        hz_org org;
        int n_sp = 0;
        if ((rc = hz_store_org_by_id(app->db, org_id, &org, e)) ||
            (rc = hz_store_sponsorships_for(app->db, org.path, app->today, sp, JOINING_SPONSORSHIPS_MAX, &n_sp, e)))
            break;
        for (int k = 0; rc == HZ_OK && k < n_sp; k++) rc = sponsor_joiners(app, &sp[k], ms + i, n - i, org_id, e);
    }
    free(sp);
    return rc;
}

/* Membership growth: new members and new-form members by district and
 * month, within the caller's scope (and args' org). */
typedef struct {
    hz_report *out;
} growth_ctx;

static hz_err growth_row(void *vctx, const hz_growth_row *g, hz_errinfo *e) {
    growth_ctx *c = vctx;
    char a[24], b[24];
    snprintf(a, sizeof a, "%lld", (long long)g->members);
    snprintf(b, sizeof b, "%lld", (long long)g->newform);
    const char *cells[] = {g->district, g->month, a, b};
    return hz_report_add_row(c->out, cells, e);
}

static hz_err build_growth(hz_app *app, const hz_report_args *a, hz_report *out, hz_errinfo *e) {
    static const hz_report_col cols[] = {
        {"district", "区县", HZ_COL_TEXT},
        {"month", "月份", HZ_COL_TEXT},
        {"new_members", "新增会员", HZ_COL_INT},
        {"new_newform", "其中新就业形态", HZ_COL_INT},
    };
    hz_err rc;
    const char *path = "";
    hz_org org;
    if (a->org && *a->org) {
        if ((rc = hz_authz_org_code(app, a->org, &org, e))) return rc;
        path = org.path;
    }
    hz_report_head(out, "growth", "会员增长（按区县、月份）", false, (int)(sizeof cols / sizeof cols[0]), cols);
    hz_list_scope sc;
    hz_scope_filter(app, &sc);
    growth_ctx c = {out};
    return hz_store_growth(app->db, &sc, path, a->from, a->to, growth_row, &c, e);
}

static const hz_report_def joining_reports[] = {
    {"growth", "会员增长（按区县、月份）", build_growth},
    {NULL, NULL, NULL},
};

hz_err hz_joining_demo(hz_app *app, const hz_demo_opts *o, struct hz_demo_report *out, hz_errinfo *e);

/* The joining module (src/modules.def); its demo is in app/joining_demo.c. */
const hz_app_module hz_app_module_joining = {
    .name = "joining",
    .demo = hz_joining_demo,
    .reports = joining_reports,
    .actions = joining_actions,
    .members_joined = joining_members_joined,
};

/* ---- the applications and sponsorships lists (issue 16) --------------- */

static const char *const app_statuses[] = {"", "pending", "approved", "rejected", NULL};
static const char *const app_sorts[] = {"", "no", "name", "status", "occupation", "org", "created_at", NULL}; /* hz_app_sort */
/* the list shows names in full (only ID numbers are masked): no name sort to refuse */
static const hz_list_spec app_spec = {app_statuses, app_sorts, 0, "RH", false, false, false};
static const char *const occupations[] = {"", "courier", "delivery", "ridehail", "truck", "other", NULL};

static hz_err app_filter(hz_app *app, const hz_application_query *q, hz_list_buf *b, hz_rec_filter *f,
                         hz_list_scope *sc, hz_errinfo *e) {
    hz_err rc = hz_authz_can_do(app, "joining.read", e);
    if (rc || (rc = hz_list_filter(app, &app_spec, &q->list, b, f, sc, e)) ||
        (rc = hz_list_org(app, q->org, "org", &f->num, e)))
        return rc;
    f->text = "";
    if (q->occupation && *q->occupation) {
        for (int i = 1; occupations[i] && !f->text[0]; i++)
            if (!strcmp(q->occupation, occupations[i])) f->text = occupations[i];
        if (!f->text[0])
            return hz_fail(e, HZ_EINVAL, "occupation: 应为 courier、delivery、ridehail、truck 或 other (one of these)");
    }
    return HZ_OK;
}

hz_err hz_app_applications_list(hz_app *app, const hz_application_query *q, hz_page pg, hz_application_fn fn,
                                void *ctx, int64_t *total, hz_errinfo *e) {
    hz_list_buf b;
    hz_rec_filter f;
    hz_list_scope sc;
    *total = 0;
    hz_err rc = app_filter(app, q, &b, &f, &sc, e);
    if (rc || (rc = hz_page_check(&pg, e))) return rc;
    return hz_store_applications_list(app->db, &sc, &f, (pg.page - 1) * pg.per_page, pg.per_page, fn, ctx, total, e);
}

static const char *app_status_label(const char *s) {
    return !strcmp(s, "pending") ? "待审核" : !strcmp(s, "approved") ? "已批准" : !strcmp(s, "rejected") ? "已拒绝" : s;
}

static hz_err app_cells(void *vctx, const hz_application *a, hz_errinfo *e) {
    hz_list_export *x = vctx;
    char id[HZ_ID_LEN + 1], t[2][24];
    hz_flag fl = {0, "newform", "", 0, 0};
    snprintf(fl.level, sizeof fl.level, "%s", a->occupation);
    const char *cells[] = {a->no,          a->name,      hz_list_id(x->app, a->id_number, id),
                           a->phone,       hz_flag_label(&fl), a->org_name,
                           app_status_label(a->status), a->reason,   hz_list_beijing(a->created_at, t[0]),
                           hz_list_beijing(a->decided_at, t[1]), a->decided_by};
    return hz_report_add_row(x->r, cells, e);
}

hz_err hz_app_applications_export(hz_app *app, const hz_application_query *q, hz_report *out, hz_errinfo *e) {
    static const hz_report_col cols[] = {
        {"no", "申请编号", HZ_COL_TEXT},        {"name", "姓名", HZ_COL_TEXT},
        {"id_number", "身份证号码", HZ_COL_TEXT}, {"phone", "手机号码", HZ_COL_TEXT},
        {"occupation", "职业", HZ_COL_TEXT},    {"org_name", "申请加入的工会", HZ_COL_TEXT},
        {"status", "状态", HZ_COL_TEXT},        {"reason", "拒绝理由", HZ_COL_TEXT},
        {"created_at", "申请时间", HZ_COL_TEXT}, {"decided_at", "审核时间", HZ_COL_TEXT},
        {"decided_by", "审核人", HZ_COL_TEXT},
    };
    hz_list_buf b;
    hz_rec_filter f;
    hz_list_scope sc;
    int64_t n;
    hz_err rc = app_filter(app, q, &b, &f, &sc, e);
    if (rc) return rc;
    hz_report_head(out, "applications", "入会申请", false, (int)(sizeof cols / sizeof cols[0]), cols);
    hz_list_export x = {app, out};
    return hz_store_applications_list(app->db, &sc, &f, 0, -1, app_cells, &x, &n, e);
}

static const char *const sp_statuses[] = {"", "upcoming", "active", "ended", NULL};
static const char *const sp_sorts[] = {"", "no", "org", "plan", "from", "to", "granted", "premium", NULL}; /* hz_sp_sort */
static const hz_list_spec sp_spec = {sp_statuses, sp_sorts, 0, NULL, false, true, true};

static hz_err sp_filter(hz_app *app, const hz_sponsorship_query *q, hz_list_buf *b, hz_rec_filter *f,
                        hz_list_scope *sc, char plan[16], hz_errinfo *e) {
    hz_err rc = hz_authz_can_do(app, "joining.read", e);
    if (rc || (rc = hz_list_filter(app, &sp_spec, &q->list, b, f, sc, e)) ||
        (rc = hz_list_org(app, q->org, "org", &f->num, e)))
        return rc;
    size_t n = 0;
    for (const char *p = q->plan ? q->plan : ""; *p; p++) {
        char ch = *p >= 'a' && *p <= 'z' ? (char)(*p - 32) : *p;
        if (n >= 15 || !((ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')))
            return hz_fail(e, HZ_EINVAL, "plan: 应为计划代码, 如 ZY (a plan code such as ZY)");
        plan[n++] = ch;
    }
    plan[n] = '\0';
    f->text = plan;
    f->text2 = hz_date_format(app->today, b->day);
    return HZ_OK;
}

hz_err hz_app_sponsorships_page(hz_app *app, const hz_sponsorship_query *q, hz_page pg, hz_sponsorship_fn fn,
                                void *ctx, int64_t *total, hz_errinfo *e) {
    hz_list_buf b;
    hz_rec_filter f;
    hz_list_scope sc;
    char plan[16];
    *total = 0;
    hz_err rc = sp_filter(app, q, &b, &f, &sc, plan, e);
    if (rc || (rc = hz_page_check(&pg, e))) return rc;
    return hz_store_sponsorships_page(app->db, &sc, &f, (pg.page - 1) * pg.per_page, pg.per_page, fn, ctx, total, e);
}

static hz_err sp_cells(void *vctx, const hz_sponsorship *s, hz_errinfo *e) {
    hz_report *r = vctx;
    char from[HZ_DATE_BUF], to[HZ_DATE_BUF], shares[16], months[16], granted[24], skipped[24], fee[HZ_MONEY_BUF], at[24];
    snprintf(shares, sizeof shares, "%d", s->shares);
    snprintf(months, sizeof months, "%d", s->months);
    snprintf(granted, sizeof granted, "%lld", (long long)s->granted);
    snprintf(skipped, sizeof skipped, "%lld", (long long)s->skipped);
    const char *cells[] = {s->no,    s->org_code, s->org_name, s->plan_code, shares, months,
                           hz_date_format(s->from, from), hz_date_format(s->to, to), granted, skipped,
                           hz_money_format(s->premium, fee), hz_list_beijing(s->created_at, at), s->created_by};
    return hz_report_add_row(r, cells, e);
}

hz_err hz_app_sponsorships_export(hz_app *app, const hz_sponsorship_query *q, hz_report *out, hz_errinfo *e) {
    static const hz_report_col cols[] = {
        {"no", "赠送编号", HZ_COL_TEXT},       {"org", "组织代码", HZ_COL_TEXT},
        {"org_name", "赠送组织", HZ_COL_TEXT}, {"plan", "保障计划", HZ_COL_TEXT},
        {"shares", "份数", HZ_COL_INT},        {"months", "保障月数", HZ_COL_INT},
        {"from", "入会起", HZ_COL_TEXT},       {"to", "入会止", HZ_COL_TEXT},
        {"granted", "已赠送人数", HZ_COL_INT}, {"not_eligible", "不符合条件人数", HZ_COL_INT},
        {"premium", "赠送金额（元）", HZ_COL_MONEY}, {"created_at", "设立时间", HZ_COL_TEXT},
        {"created_by", "设立人", HZ_COL_TEXT},
    };
    hz_list_buf b;
    hz_rec_filter f;
    hz_list_scope sc;
    char plan[16];
    int64_t n;
    hz_err rc = sp_filter(app, q, &b, &f, &sc, plan, e);
    if (rc) return rc;
    hz_report_head(out, "sponsorships", "常设赠送", false, (int)(sizeof cols / sizeof cols[0]), cols);
    return hz_store_sponsorships_page(app->db, &sc, &f, 0, -1, sp_cells, out, &n, e);
}
