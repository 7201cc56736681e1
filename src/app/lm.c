/* LM subsidy use cases (app/lm.h). */
#include "app/lm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/aid.h"
#include "app/audit.h"
#include "app/authz.h"
#include "app/journal.h"
#include "app/lists.h"
#include "app/module.h"
#include "app/payables.h"
#include "core/flag.h"
#include "core/idcard.h"
#include "core/lm.h"
#include "core/normalize.h"
#include "core/relief.h"
#include "core/text.h"
#include "io/catalogue.h"
#include "store/coverage.h"
#include "store/registry.h"
#include "store/settlement.h"

/* Who may do what with subsidies (docs/decisions.md, "Aid roles"); scope is
 * checked per member. */
static const hz_action_def lm_actions[] = {
    {"lm.read", " admin staff reviewer finance cadre "},
    {"lm.apply", " admin staff "},
    {"lm.review", " admin reviewer "},
    {"lm.budget", " admin finance "},
    {NULL, NULL},
};

/* The scheme's parameters: the current version of catalogue/LM.json. */
static hz_err scheme(hz_app *app, hz_lm_scheme *out, hz_errinfo *e) {
    hz_plan_row row;
    char *params;
    hz_err rc = hz_store_plan_current(app->db, "LM", &row, e);
    if (rc || (rc = hz_store_plan_params(app->db, row.id, &params, &row, e))) return rc;
    hz_catalogue_entry entry;
    rc = hz_catalogue_parse(params, "plan LM", &entry, e);
    free(params);
    if (rc) return rc;
    free(entry.canonical);
    if (!entry.scheme) return hz_fail(e, HZ_EINTERNAL, "LM 不是补助方案 (LM is not a scheme)");
    *out = entry.lm;
    return HZ_OK;
}

static hz_err budget_view(hz_app *app, int year, hz_lm_budget_view *out, hz_errinfo *e) {
    memset(out, 0, sizeof *out);
    out->year = year;
    hz_err rc = hz_store_lm_budget(app->db, year, &out->budget, &out->set, e);
    if (rc) return rc;
    if (!out->set) {
        hz_lm_scheme s;
        if ((rc = scheme(app, &s, e))) return rc;
        out->budget = s.annual_budget;
    }
    if ((rc = hz_store_lm_committed(app->db, year, &out->committed, e))) return rc;
    out->left = out->budget - out->committed;
    return HZ_OK;
}

static hz_err audit_lm(hz_app *app, const char *action, const hz_lm_subsidy *s, const char *why, hz_errinfo *e) {
    char object[40], detail[1100], b[HZ_MONEY_BUF], w[800], sid[200];
    snprintf(object, sizeof object, "lm:%s", s->subsidy_no);
    snprintf(detail, sizeof detail, "{\"status\":\"%s\",\"amount\":\"%s\",\"setl_id\":\"%s\",\"why\":\"%s\"}",
             s->status, hz_money_format(s->amount, b), hz_json_text(s->setl_id, 48, sid, sizeof sid),
             hz_json_text(why, 200, w, sizeof w));
    return hz_audit(app, action, object, detail, e);
}

hz_err hz_app_lm_budget(hz_app *app, int year, bool set, hz_fen amount, hz_lm_budget_view *out, hz_errinfo *e) {
    hz_err rc = (set ? hz_authz_can_do(app, "lm.budget", e) : hz_authz_can(app, HZ_A_REPORT, e));
    if (rc) return rc;
    if (year < 2000 || year > 2199) return hz_fail(e, HZ_EINVAL, "year: 年份应在 2000 至 2199 (year out of range)");
    if (!set) return budget_view(app, year, out, e);
    if (amount < 0) return hz_fail(e, HZ_EINVAL, "amount: 预算不能为负 (must not be negative)");
    if ((rc = hz_db_begin(app->db, e))) return rc;
    if ((rc = budget_view(app, year, out, e))) goto fail;
    if (amount < out->committed) {
        char b1[HZ_MONEY_BUF], b2[HZ_MONEY_BUF];
        rc = hz_fail(e, HZ_ECONFLICT, "amount: 预算 %s 低于已承诺的 %s (below what is committed)",
                     hz_money_format_grouped(amount, b1), hz_money_format_grouped(out->committed, b2));
        goto fail;
    }
    char object[24], detail[96], b[HZ_MONEY_BUF];
    snprintf(object, sizeof object, "lm_budget:%d", year);
    snprintf(detail, sizeof detail, "{\"budget\":\"%s\"}", hz_money_format(amount, b));
    if ((rc = hz_store_lm_budget_put(app->db, year, amount, app->now, app->actor, e)) ||
        (rc = hz_audit(app, "lm.budget", object, detail, e)) || (rc = budget_view(app, year, out, e)))
        goto fail;
    return hz_db_commit(app->db, e);
fail:
    hz_db_rollback(app->db);
    return rc;
}

/* Computes and inserts a subsidy inside the caller's transaction. */
static hz_err apply_tx(hz_app *app, const hz_member *m, const hz_settlement *s, hz_lm_subsidy *out, hz_errinfo *e) {
    hz_flag flags[32];
    int n_flags;
    hz_err rc = hz_store_flags(app->db, m->id, flags, 32, &n_flags, e);
    if (rc) return rc;
    const hz_flag *f = hz_flag_find(flags, n_flags, "model", s->adm_date);
    int level = f ? hz_lm_level_of(f->level) : -1;
    char d[HZ_DATE_BUF];
    if (level < 0)
        return hz_fail(e, HZ_EINVAL, "id_number: %s 在入院日 %s 不是劳模 (not a model worker on the admission date)",
                       m->id_number, hz_date_format(s->adm_date, d));
    if (s->refunded)
        return hz_fail(e, HZ_EINVAL, "settlement: 医保结算 %s 已退费 (%s: the settlement was refunded)", s->setl_id,
                       "REFUNDED_SETTLEMENT");
    if (strcmp(s->med_type, "21") != 0)
        return hz_fail(e, HZ_EINVAL, "settlement: %s 不是住院结算 (med_type %s is not inpatient 21)", s->setl_id,
                       s->med_type);
    hz_lm_subsidy old;
    if ((rc = hz_store_lm_of_settlement(app->db, s->id, &old, e))) return rc;
    if (old.id)
        return hz_fail(e, HZ_ECONFLICT, "医保结算 %s 已有劳模医疗补助 %s (one subsidy per settlement)", s->setl_id,
                       old.subsidy_no);
    bool covered, claimed;
    if ((rc = hz_store_lm_claim_state(app->db, m->id, s->adm_date, s->id, &covered, &claimed, e))) return rc;
    if (covered && !claimed)
        return hz_fail(
            e, HZ_ECONFLICT,
            "医保结算 %s 应先办理互助保障理赔, 劳模补助按理赔后的负担计算 (the mutual-aid claim comes first)",
            s->setl_id);
    hz_lm_scheme sc;
    if ((rc = scheme(app, &sc, e))) return rc;
    int y, mo, dd;
    hz_date_to_ymd(s->adm_date, &y, &mo, &dd);
    hz_fen paid, used;
    if ((rc = hz_store_lm_huzhu_paid(app->db, s->id, &paid, e)) ||
        (rc = hz_store_lm_cap_used(app->db, m->id, y, &used, e)))
        return rc;
    hz_lm_result r;
    if ((rc = hz_lm_compute(&sc, (hz_lm_level)level, s->psn_selfpay, paid, used, &r, e))) return rc;
    memset(out, 0, sizeof *out);
    out->member_id = m->id;
    out->settlement_id = s->id;
    hz_strlcpy(out->setl_id, s->setl_id, sizeof out->setl_id);
    hz_strlcpy(out->id_number, m->id_number, sizeof out->id_number);
    hz_strlcpy(out->name, m->name, sizeof out->name);
    out->year = y;
    hz_strlcpy(out->level, f->level, sizeof out->level);
    out->psn_selfpay = s->psn_selfpay;
    out->huzhu_paid = paid;
    out->burden = r.burden;
    out->pct = r.pct;
    out->amount = r.amount;
    hz_strlcpy(out->reason, r.reason, sizeof out->reason);
    hz_strlcpy(out->explain, r.explain, sizeof out->explain);
    hz_strlcpy(out->status, "applied", sizeof out->status);
    hz_strlcpy(out->created_at, app->now, sizeof out->created_at);
    hz_strlcpy(out->created_by, app->actor, sizeof out->created_by);
    if ((rc = hz_store_lm_insert(app->db, out, e))) {
        if (rc == HZ_ECONFLICT) /* a concurrent application won */
            return hz_fail(e, HZ_ECONFLICT, "医保结算 %s 已有劳模医疗补助 (one subsidy per settlement)", s->setl_id);
        return rc;
    }
    char purpose[64];
    snprintf(purpose, sizeof purpose, "劳模医疗补助 %s", out->subsidy_no);
    if ((rc = hz_payable_open(app, "lm", out->id, out->subsidy_no, m->id, purpose, e))) return rc;
    return audit_lm(app, "lm.apply", out, NULL, e);
}

hz_err hz_app_lm_apply(hz_app *app, const char *id_number, const char *setl_id, hz_lm_subsidy *out, hz_errinfo *e) {
    hz_err rc = hz_authz_can_do(app, "lm.apply", e);
    if (rc) return rc;
    char id[HZ_ID_LEN + 1];
    if ((rc = hz_norm_id_number(id_number, id, sizeof id, "id_number", e))) return rc;
    if (!setl_id || !*setl_id) return hz_fail(e, HZ_EINVAL, "settlement: 必填 (required)");
    if ((rc = hz_db_begin(app->db, e))) return rc;
    hz_member m;
    hz_settlement s;
    if ((rc = hz_store_member_by_id_number(app->db, id, &m, e)) || (rc = hz_authz_member(app, &m, e)) ||
        (rc = hz_store_settlement_by_setl_id(app->db, setl_id, &s, e)))
        goto fail;
    if (strcmp(s.certno, m.id_number) != 0) {
        rc = hz_fail(e, HZ_EINVAL, "settlement: %s 不属于该会员 (belongs to another person)", setl_id);
        goto fail;
    }
    if ((rc = apply_tx(app, &m, &s, out, e))) goto fail;
    if ((rc = hz_db_commit(app->db, e))) return rc;
    return hz_store_lm_by_id(app->db, out->id, out, e);
fail:
    hz_db_rollback(app->db);
    return rc;
}

static hz_err load_visible(hz_app *app, const char *no, hz_lm_subsidy *out, hz_errinfo *e) {
    hz_err rc = hz_store_lm_by_no(app->db, no, out, e);
    if (rc) return rc;
    hz_member m;
    if ((rc = hz_store_member_by_id(app->db, out->member_id, &m, e))) return rc;
    if (hz_authz_member(app, &m, e)) return hz_fail(e, HZ_ENOTFOUND, "劳模医疗补助 %s 不存在 (no such subsidy)", no);
    return HZ_OK;
}

hz_err hz_app_lm_show(hz_app *app, const char *no, hz_lm_subsidy *out, hz_errinfo *e) {
    hz_err rc = hz_authz_can_do(app, "lm.read", e);
    if (rc) return rc;
    return load_visible(app, no, out, e);
}

static hz_err decide(hz_app *app, const char *no, bool approve, const char *reason, hz_lm_subsidy *out, hz_errinfo *e) {
    hz_err rc = hz_authz_can_do(app, "lm.review", e);
    if (rc) return rc;
    if (!approve && (!reason || !*reason))
        return hz_fail(e, HZ_EINVAL, "reason: 拒绝须说明理由 (a rejection needs a reason)");
    if ((rc = hz_db_begin(app->db, e))) return rc;
    if ((rc = load_visible(app, no, out, e))) goto fail;
    if (strcmp(out->status, "applied") != 0) {
        rc = hz_fail(e, HZ_ECONFLICT, "劳模医疗补助 %s 状态为 %s, 不能%s (subsidy is %s)", no, out->status,
                     approve ? "审批" : "拒绝", out->status);
        goto fail;
    }
    if (approve) {
        /* the budget is checked and committed in one transaction: writers
         * are serialised (BEGIN IMMEDIATE / the advisory lock), so two
         * approvals can never pass it together */
        if (out->amount <= 0) {
            rc = hz_fail(e, HZ_ECONFLICT,
                         "劳模医疗补助 %s 金额为 0.00 (%s), 无可支付, 请拒绝 (nothing to pay: reject it)", no,
                         out->reason);
            goto fail;
        }
        hz_lm_budget_view b;
        if ((rc = budget_view(app, out->year, &b, e))) goto fail;
        if (out->amount > b.left) {
            char b1[HZ_MONEY_BUF], b2[HZ_MONEY_BUF];
            rc = hz_fail(e, HZ_ECONFLICT, "%d 年劳模医疗补助预算剩余 %s, 不足以审批 %s (budget left %s)", out->year,
                         hz_money_format_grouped(b.left, b1), hz_money_format_grouped(out->amount, b2), b1);
            goto fail;
        }
        char acct[HZ_ACCOUNT_CODE_MAX], key[HZ_TRANSFER_KEY_MAX];
        snprintf(acct, sizeof acct, "budget:lm:%d", out->year);
        snprintf(key, sizeof key, "lm:%lld", (long long)out->id);
        if ((rc = hz_payable_grant(app, out->subsidy_no, key, acct, out->amount, key, e)) ||
            (rc = hz_payable_ready(app, "lm", out->id, true, e)))
            goto fail;
        hz_strlcpy(out->status, "approved", sizeof out->status);
    } else {
        hz_strlcpy(out->status, "rejected", sizeof out->status);
        hz_strlcpy(out->reject_reason, reason, sizeof out->reject_reason);
    }
    hz_strlcpy(out->decided_at, app->now, sizeof out->decided_at);
    hz_strlcpy(out->decided_by, app->actor, sizeof out->decided_by);
    if ((rc = hz_store_lm_update(app->db, out, e)) ||
        (rc = audit_lm(app, approve ? "lm.approve" : "lm.reject", out, reason, e)) ||
        (rc = hz_app_event_emit(app, approve ? "lm.approve" : "lm.reject", "lm", out->id, out->subsidy_no, e)))
        goto fail;
    return hz_db_commit(app->db, e);
fail:
    hz_db_rollback(app->db);
    return rc;
}

hz_err hz_app_lm_approve(hz_app *app, const char *no, hz_lm_subsidy *out, hz_errinfo *e) {
    return decide(app, no, true, NULL, out, e);
}

hz_err hz_app_lm_reject(hz_app *app, const char *no, const char *reason, hz_lm_subsidy *out, hz_errinfo *e) {
    return decide(app, no, false, reason, out, e);
}

hz_err hz_app_lm_proactive(hz_app *app, void (*fn)(void *ctx, const hz_lm_subsidy *s), void *ctx, int64_t *created,
                           hz_errinfo *e) {
    *created = 0;
    hz_err rc = hz_authz_can_do(app, "lm.apply", e);
    if (rc) return rc;
    int64_t *ids;
    size_t n;
    if ((rc = hz_db_begin(app->db, e))) return rc;
    if ((rc = hz_store_lm_candidates(app->db, &ids, &n, e))) goto fail;
    hz_lm_subsidy *made = n ? malloc(n * sizeof *made) : NULL;
    if (n && !made) rc = hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    for (size_t i = 0; rc == HZ_OK && i < n; i++) {
        hz_settlement s;
        hz_member m;
        if ((rc = hz_store_settlement_by_id(app->db, ids[i], &s, e)) ||
            (rc = hz_store_member_by_id(app->db, s.member_id, &m, e)))
            break;
        hz_errinfo ne;
        if (hz_authz_member(app, &m, &ne)) continue; /* outside the caller's scope: not theirs to propose */
        rc = apply_tx(app, &m, &s, &made[*created], e);
        if (rc == HZ_OK) (*created)++;
    }
    free(ids);
    if (rc) {
        free(made);
        goto fail;
    }
    if ((rc = hz_db_commit(app->db, e))) {
        free(made);
        return rc;
    }
    if (fn)
        for (int64_t i = 0; i < *created; i++)
            fn(ctx, &made[i]);
    free(made);
    return HZ_OK;
fail:
    hz_db_rollback(app->db);
    return rc;
}

typedef struct {
    hz_app *app;
    hz_lm_fn fn;
    void *ctx;
} scoped_ctx;

static hz_err scoped_one(void *vctx, const hz_lm_subsidy *s, hz_errinfo *e) {
    scoped_ctx *c = vctx;
    bool in;
    hz_err rc = hz_aid_in_scope(c->app, s->member_id, &in, e);
    return rc || !in ? rc : c->fn(c->ctx, s, e); /* out of scope: not listed */
}

hz_err hz_app_lm_list(hz_app *app, const char *status, int year, hz_lm_fn fn, void *ctx, hz_errinfo *e) {
    hz_err rc = hz_authz_can_do(app, "lm.read", e);
    if (rc) return rc;
    scoped_ctx c = {app, fn, ctx};
    return hz_store_lm_list(app->db, status, year, scoped_one, &c, e);
}

static const char *const lm_statuses[] = {"", "applied", "approved", "rejected", "paid", NULL};
static const char *const lm_sorts[] = {"", "no", "name", "status", "amount", "created_at", NULL}; /* hz_lm_sort */
static const hz_list_spec lm_spec = {lm_statuses, lm_sorts, HZ_LM_SORT_NAME, "LM"};

static hz_err lm_filter(hz_app *app, const hz_list_query *q, int year, hz_list_buf *b, hz_rec_filter *f,
                        hz_list_scope *sc, hz_errinfo *e) {
    hz_err rc = hz_authz_can_do(app, "lm.read", e);
    if (rc || (rc = hz_list_filter(app, &lm_spec, q, b, f, sc, e))) return rc;
    if (year && (year < 2000 || year > 2199)) return hz_fail(e, HZ_EINVAL, "year: 年份应在 2000 至 2199 (out of range)");
    f->num = year;
    return HZ_OK;
}

hz_err hz_app_lm_page(hz_app *app, const hz_list_query *q, int year, hz_page pg, hz_lm_row_fn fn, void *ctx,
                      int64_t *total, hz_errinfo *e) {
    hz_list_buf b;
    hz_rec_filter f;
    hz_list_scope sc;
    hz_err rc = lm_filter(app, q, year, &b, &f, &sc, e);
    if (rc || (rc = hz_page_check(&pg, e))) return rc;
    return hz_store_lm_page(app->db, &sc, &f, (pg.page - 1) * pg.per_page, pg.per_page, fn, ctx, total, e);
}

static const char *lm_status_label(const char *s) {
    return !strcmp(s, "applied") ? "待审批" : !strcmp(s, "approved") ? "已审批" : !strcmp(s, "paid") ? "已支付" : "已拒绝";
}

static hz_err lm_cells(void *vctx, const hz_lm_subsidy *s, const char *unit_name, hz_errinfo *e) {
    hz_list_export *x = vctx;
    char id[HZ_ID_LEN + 1], name[HZ_NAME_MAX], year[8], amount[HZ_MONEY_BUF], t[3][24];
    if (hz_authz_sees_identity(x->app)) hz_strlcpy(name, s->name, sizeof name);
    else hz_relief_mask_name(s->name, name, sizeof name);
    snprintf(year, sizeof year, "%d", s->year);
    const char *level = !strcmp(s->level, "national") ? "全国劳模" : !strcmp(s->level, "provincial") ? "省级劳模" : "市级劳模";
    const char *cells[] = {s->subsidy_no, name, hz_list_id(x->app, s->id_number, id), unit_name, s->setl_id, year,
                           level, hz_money_format(s->amount, amount), lm_status_label(s->status),
                           hz_list_beijing(s->created_at, t[0]), hz_list_beijing(s->decided_at, t[1]),
                           hz_list_beijing(s->paid_at, t[2])};
    return hz_report_add_row(x->r, cells, e);
}

hz_err hz_app_lm_export(hz_app *app, const hz_list_query *q, int year, hz_report *out, hz_errinfo *e) {
    static const hz_report_col cols[] = {
        {"no", "补助编号", HZ_COL_TEXT},          {"name", "姓名", HZ_COL_TEXT},
        {"id_number", "身份证号码", HZ_COL_TEXT},  {"unit_name", "会员单位 / 工会", HZ_COL_TEXT},
        {"setl_id", "医保结算号", HZ_COL_TEXT},    {"year", "年度", HZ_COL_INT},
        {"level", "劳模级别", HZ_COL_TEXT},        {"amount", "补助金额（元）", HZ_COL_MONEY},
        {"status", "状态", HZ_COL_TEXT},           {"created_at", "申请时间", HZ_COL_TEXT},
        {"decided_at", "审批时间", HZ_COL_TEXT},   {"paid_at", "支付时间", HZ_COL_TEXT},
    };
    hz_list_buf b;
    hz_rec_filter f;
    hz_list_scope sc;
    hz_err rc = lm_filter(app, q, year, &b, &f, &sc, e);
    if (rc) return rc;
    hz_report_head(out, "lm_subsidies", "劳模医疗补助", false, (int)(sizeof cols / sizeof cols[0]), cols);
    hz_list_export x = {app, out};
    int64_t total;
    return hz_store_lm_page(app->db, &sc, &f, 0, -1, lm_cells, &x, &total, e);
}

/* A mutual-aid claim now pays on a stay a subsidy rests on (plans.md "LM":
 * LM never pays on a burden huzhu pays afterwards): the subsidy is
 * recomputed on the burden left, never upwards. An approved or paid one
 * gives the difference back to the year's budget; when it was paid the
 * member owes it back, and the claim's own payout offsets it first
 * (docs/money.md). */
static hz_err lm_settlement_claimed(hz_app *app, int64_t settlement_id, const char *setl_id, hz_errinfo *e) {
    (void)setl_id;
    hz_lm_subsidy s;
    hz_err rc = hz_store_lm_of_settlement(app->db, settlement_id, &s, e);
    if (rc || !s.id || s.reversed || !strcmp(s.status, "rejected")) return rc;
    hz_lm_scheme sc;
    hz_fen paid, used;
    int level = hz_lm_level_of(s.level);
    if (level < 0) return HZ_OK;
    if ((rc = scheme(app, &sc, e)) || (rc = hz_store_lm_huzhu_paid(app->db, settlement_id, &paid, e)) ||
        (rc = hz_store_lm_cap_used(app->db, s.member_id, s.year, &used, e)))
        return rc;
    if (paid <= s.huzhu_paid) return HZ_OK;
    /* the year's budget is every member's: from here one transaction at a
     * time (a claim submission reads the rest as its member's own rows) */
    if ((rc = hz_db_serialize(app->db, e))) return rc;
    hz_lm_result r;
    if ((rc = hz_lm_compute(&sc, (hz_lm_level)level, s.psn_selfpay, paid, used - s.amount, &r, e))) return rc;
    hz_fen now = r.amount < s.amount ? r.amount : s.amount, back = s.amount - now;
    if (back > 0 && (!strcmp(s.status, "approved") || !strcmp(s.status, "paid"))) {
        char acct[HZ_ACCOUNT_CODE_MAX], key[HZ_TRANSFER_KEY_MAX], cause[HZ_TRANSFER_KEY_MAX];
        snprintf(acct, sizeof acct, "budget:lm:%d", s.year);
        snprintf(key, sizeof key, "lm:%lld:claimed:%lld", (long long)s.id, (long long)paid);
        snprintf(cause, sizeof cause, "lm:%lld", (long long)s.id);
        if ((rc = hz_payable_reverse(app, s.subsidy_no, key, acct, back, cause, e))) return rc;
    }
    char b[HZ_MONEY_BUF], explain[sizeof s.explain];
    snprintf(explain, sizeof explain, "互助理赔后重算 (recomputed after the mutual-aid claim): %.200s; 原 %s",
             r.explain, hz_money_format_grouped(s.amount, b));
    hz_strlcpy(s.explain, explain, sizeof s.explain);
    hz_strlcpy(s.reason, r.reason, sizeof s.reason);
    s.huzhu_paid = paid;
    s.burden = r.burden;
    s.amount = now;
    if ((rc = hz_store_lm_update(app->db, &s, e))) return rc;
    return audit_lm(app, "lm.recompute", &s, "claim", e);
}

/* lm_settlement_claimed changes something only for a live subsidy on the stay */
static hz_err lm_settlement_claim_matters(hz_app *app, int64_t settlement_id, bool *matters, hz_errinfo *e) {
    hz_lm_subsidy s;
    hz_err rc = hz_store_lm_of_settlement(app->db, settlement_id, &s, e);
    *matters = rc == HZ_OK && s.id && !s.reversed && strcmp(s.status, "rejected") != 0;
    return rc;
}

hz_err hz_lm_reverse_settlement(hz_app *app, int64_t settlement_id, const char *setl_id, hz_errinfo *e) {
    hz_lm_subsidy s;
    hz_err rc = hz_store_lm_of_settlement(app->db, settlement_id, &s, e);
    if (rc || !s.id || s.reversed) return rc;
    hz_fen was = s.amount;
    if (was > 0 && (!strcmp(s.status, "approved") || !strcmp(s.status, "paid"))) {
        char acct[HZ_ACCOUNT_CODE_MAX], key[HZ_TRANSFER_KEY_MAX], cause[HZ_TRANSFER_KEY_MAX];
        snprintf(acct, sizeof acct, "budget:lm:%d", s.year);
        snprintf(key, sizeof key, "lm:%lld:rev", (long long)s.id);
        snprintf(cause, sizeof cause, "lm:%lld", (long long)s.id);
        if ((rc = hz_payable_reverse(app, s.subsidy_no, key, acct, was, cause, e))) return rc;
    }
    char b[HZ_MONEY_BUF], explain[sizeof s.explain];
    snprintf(explain, sizeof explain, "医保结算 %s 已退费, 冲回 %s; 原: %.200s", setl_id, hz_money_format_grouped(was, b),
             s.explain);
    hz_strlcpy(s.explain, explain, sizeof s.explain);
    hz_strlcpy(s.reason, "REFUNDED_SETTLEMENT", sizeof s.reason);
    s.amount = 0;
    s.reversed = true;
    if ((rc = hz_store_lm_update(app->db, &s, e))) return rc;
    return audit_lm(app, "lm.refund_reversal", &s, setl_id, e);
}

hz_err hz_lm_paid(hz_app *app, int64_t subsidy_id, hz_errinfo *e) {
    hz_lm_subsidy s;
    hz_err rc = hz_store_lm_by_id(app->db, subsidy_id, &s, e);
    if (rc || !strcmp(s.status, "paid")) return rc;
    hz_strlcpy(s.status, "paid", sizeof s.status);
    hz_strlcpy(s.paid_at, app->now, sizeof s.paid_at);
    s.bank_failure[0] = '\0';
    return hz_store_lm_update(app->db, &s, e);
}

hz_err hz_lm_failed(hz_app *app, int64_t subsidy_id, const char *why, hz_errinfo *e) {
    hz_lm_subsidy s;
    hz_err rc = hz_store_lm_by_id(app->db, subsidy_id, &s, e);
    if (rc) return rc;
    if (!strcmp(s.status, "paid")) hz_strlcpy(s.status, "approved", sizeof s.status);
    hz_strlcpy(s.bank_failure, why, sizeof s.bank_failure);
    return hz_store_lm_update(app->db, &s, e);
}

/* The lm module (src/modules.def): its demo is in app/aid_demo.c, its
 * totals in the relief module's `aid` report. */
static const hz_payable_source lm_payables[] = {
    {"lm", hz_lm_paid, hz_lm_failed},
    {NULL, NULL, NULL},
};
const hz_app_module hz_app_module_lm = {
    .name = "lm",
    .demo = hz_lm_demo,
    .actions = lm_actions,
    .payables = lm_payables,
    .settlement_refunded = hz_lm_reverse_settlement,
    .settlement_claimed = lm_settlement_claimed,
    .settlement_claim_matters = lm_settlement_claim_matters,
};
