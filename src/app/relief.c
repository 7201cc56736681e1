/* Relief programme use cases (app/relief.h). */
#include "app/relief.h"

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
#include "app/reports.h"
#include "app/relief_goods.h"
#include "core/flag.h"
#include "core/idcard.h"
#include "core/normalize.h"
#include "core/relief.h"
#include "core/text.h"
#include "store/registry.h"

/* Who may do what with programmes and grants (docs/decisions.md, "Aid
 * roles"); scope is checked per member. */
static const hz_action_def relief_actions[] = {
    {"relief.read", " admin staff reviewer finance cadre "},
    {"relief.apply", " admin staff "},
    {"relief.review", " admin reviewer "},
    /* a member's own aid: reads it, applies for student aid for a child */
    {"relief.self", " member "},
    {NULL, NULL},
};

static const char *const kinds[] = {"second_round", "student_aid", "visit", "donation", "education", NULL};

static hz_err audit_grant(hz_app *app, const char *action, const hz_relief_grant *g, const char *why, hz_errinfo *e) {
    char object[48], detail[1100], b[HZ_MONEY_BUF], w[900];
    snprintf(object, sizeof object, "relief:%s", g->grant_no);
    snprintf(detail, sizeof detail, "{\"program\":\"%s\",\"status\":\"%s\",\"amount\":\"%s\",\"why\":\"%s\"}",
             g->program_code, g->status, hz_money_format(g->amount, b), hz_json_text(why, 200, w, sizeof w));
    return hz_audit(app, action, object, detail, e);
}

/* Free text: blanks trimmed, characters counted (a stored field of outsz
 * bytes holds (outsz - 1) / 3 Chinese characters); blank is "not given". */
static hz_err text(const char *v, const char *field, char *out, size_t outsz, bool required, hz_errinfo *e) {
    out[0] = '\0';
    if (hz_norm_is_blank(v)) return required ? hz_fail(e, HZ_EINVAL, "%s: 必填 (required)", field) : HZ_OK;
    return hz_norm_text(v, out, outsz, field, 1, (outsz - 1) / 3, e);
}

/* An option the programme's kind does not use is refused, not ignored. */
static hz_err unused(const char *v, const char *option, const char *kind, hz_errinfo *e) {
    if (hz_norm_is_blank(v)) return HZ_OK;
    return hz_fail(e, HZ_EINVAL, "%s: %s 项目不使用此项 (a %s programme does not take it)", option, kind, kind);
}

hz_err hz_app_relief_program_add(hz_app *app, const char *code, const char *kind, int year, hz_fen budget,
                                 const char *name, hz_relief_program *out, hz_errinfo *e) {
    hz_err rc = hz_authz_can_do(app, "relief.apply", e);
    if (rc) return rc;
    bool known = false;
    for (int i = 0; kinds[i]; i++)
        known |= kind && !strcmp(kind, kinds[i]);
    if (!known)
        return hz_fail(e, HZ_EINVAL,
                       "kind: 应为 second_round、student_aid、visit、donation 或 education (unknown kind)");
    /* the code names accounts (budget:relief:CODE) and files: letters, digits, - and _ */
    if (!code || !*code || strlen(code) >= sizeof out->code ||
        strspn(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") != strlen(code))
        return hz_fail(e, HZ_EINVAL, "code: 必填, 1-31 个字母、数字、- 或 _ (letters, digits, - and _)");
    char nm[sizeof out->name];
    if ((rc = text(name, "name", nm, sizeof nm, true, e))) return rc;
    name = nm;
    if (year < 2000 || year > 2199) return hz_fail(e, HZ_EINVAL, "year: 年份应在 2000 至 2199 (year out of range)");
    if (budget < 0) return hz_fail(e, HZ_EINVAL, "budget: 预算不能为负 (must not be negative)");
    memset(out, 0, sizeof *out);
    hz_strlcpy(out->code, code, sizeof out->code);
    hz_strlcpy(out->kind, kind, sizeof out->kind);
    out->year = year;
    hz_strlcpy(out->name, name, sizeof out->name);
    out->budget = budget;
    out->objection_until = HZ_DATE_NONE;
    if ((rc = hz_db_begin(app->db, e))) return rc;
    char object[48], detail[200], b[HZ_MONEY_BUF];
    snprintf(object, sizeof object, "relief_program:%s", code);
    snprintf(detail, sizeof detail, "{\"kind\":\"%s\",\"year\":%d,\"budget\":\"%s\"}", kind, year,
             hz_money_format(budget, b));
    if ((rc = hz_store_relief_program_insert(app->db, out, app->now, app->actor, e))) {
        hz_db_rollback(app->db);
        return rc == HZ_ECONFLICT ? hz_fail(e, rc, "code: 救助项目 %s 已存在 (programme exists)", code) : rc;
    }
    if ((rc = hz_audit(app, "relief.program", object, detail, e))) {
        hz_db_rollback(app->db);
        return rc;
    }
    return hz_db_commit(app->db, e);
}

/* A new grant with its payable, inside the caller's transaction. */
static hz_err insert_grant(hz_app *app, const hz_relief_program *p, hz_relief_grant *g, hz_errinfo *e) {
    g->program_id = p->id;
    hz_strlcpy(g->program_code, p->code, sizeof g->program_code);
    hz_strlcpy(g->created_at, app->now, sizeof g->created_at);
    hz_strlcpy(g->decided_by, app->actor, sizeof g->decided_by);
    hz_err rc = hz_store_relief_grant_insert(app->db, g, e);
    g->decided_by[0] = '\0';
    if (rc) return rc;
    char purpose[64];
    snprintf(purpose, sizeof purpose, "%.40s %s", p->name, g->grant_no);
    if ((rc = hz_payable_open(app, "relief", g->id, g->grant_no, g->member_id, purpose, e))) return rc;
    return audit_grant(app, !strcmp(g->status, "proposed") ? "relief.propose" : "relief.apply", g, NULL, e);
}

typedef struct {
    hz_app *app;
    const hz_relief_burden *b;
    size_t n;
    hz_err rc;
} drop_ctx;

static hz_err drop_below_band(void *vctx, const hz_relief_grant *g, hz_errinfo *e) {
    drop_ctx *c = vctx;
    for (size_t i = 0; i < c->n; i++)
        if (c->b[i].member_id == g->member_id) return HZ_OK;
    hz_relief_grant d = *g;
    hz_strlcpy(d.status, "rejected", sizeof d.status);
    hz_strlcpy(d.reject_reason, "重算: 年度负担已低于 10,000.00 (recomputed: the burden is below the first band)",
               sizeof d.reject_reason);
    hz_strlcpy(d.decided_at, c->app->now, sizeof d.decided_at);
    hz_strlcpy(d.decided_by, c->app->actor, sizeof d.decided_by);
    hz_err rc = hz_store_relief_grant_update(c->app->db, &d, e);
    if (!rc) rc = audit_grant(c->app, "relief.recompute", &d, d.reject_reason, e);
    return rc;
}

hz_err hz_app_relief_propose(hz_app *app, const char *program, hz_relief_grant_fn fn, void *ctx, int64_t *proposed,
                             hz_errinfo *e) {
    *proposed = 0;
    hz_err rc = hz_authz_can_do(app, "relief.apply", e);
    if (rc) return rc;
    if ((rc = hz_db_begin(app->db, e))) return rc;
    hz_relief_program p;
    hz_relief_burden *b = NULL;
    size_t n = 0;
    hz_relief_grant *made = NULL;
    if ((rc = hz_store_relief_program_by_code(app->db, program, &p, e))) goto fail;
    if (strcmp(p.kind, "second_round") != 0) {
        rc = hz_fail(e, HZ_EINVAL, "program: %s 不是二次救助项目 (only second_round is proposed)", program);
        goto fail;
    }
    if ((rc = hz_store_relief_burdens(app->db, p.year, HZ_FEN(10000), &b, &n, e))) goto fail;
    if (n && !(made = malloc(n * sizeof *made))) {
        rc = hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
        goto fail;
    }
    for (size_t i = 0; i < n; i++) {
        hz_relief_grant g;
        bool in_scope;
        if ((rc = hz_aid_in_scope(app, b[i].member_id, &in_scope, e))) goto fail;
        if (!in_scope) continue; /* outside the caller's scope: not theirs to propose */
        /* a member is on a programme's list once: a rejected one stays off */
        if ((rc = hz_store_relief_grant_of_member_any(app->db, p.id, b[i].member_id, &g, e))) goto fail;
        hz_fen amount = hz_relief_band(b[i].burden);
        if (g.id) { /* on the list: recomputed while still proposed */
            if (!strcmp(g.status, "proposed") && (g.amount != amount || g.burden != b[i].burden)) {
                g.amount = amount;
                g.burden = b[i].burden;
                if ((rc = hz_store_relief_grant_update(app->db, &g, e)) ||
                    (rc = audit_grant(app, "relief.recompute", &g, NULL, e)))
                    goto fail;
            }
            continue;
        }
        memset(&g, 0, sizeof g);
        g.member_id = b[i].member_id;
        hz_strlcpy(g.status, "proposed", sizeof g.status);
        g.amount = amount;
        g.burden = b[i].burden;
        g.visit_date = HZ_DATE_NONE;
        if ((rc = insert_grant(app, &p, &g, e))) goto fail;
        if ((rc = hz_store_relief_grant_by_id(app->db, g.id, &made[*proposed], e))) goto fail;
        (*proposed)++;
    }
    /* a proposed member whose burden fell below the first band (a refund)
     * leaves the list */
    drop_ctx dc = {app, b, n, HZ_OK};
    if ((rc = hz_store_relief_grants(app->db, p.id, "proposed", drop_below_band, &dc, e)) || (rc = dc.rc)) goto fail;
    if ((rc = hz_db_commit(app->db, e))) goto out;
    for (int64_t i = 0; fn && i < *proposed && rc == HZ_OK; i++)
        rc = fn(ctx, &made[i], e);
    goto out;
fail:
    hz_db_rollback(app->db);
out:
    free(b);
    free(made);
    return rc;
}

/* Checks an optional free text, keeping it when set. */
hz_err hz_app_relief_apply(hz_app *app, const hz_relief_input *in, hz_relief_grant *out, hz_errinfo *e) {
    /* the office applies for anyone in its scope; a member for themself
     * (the scope is the member), and only for student aid */
    hz_errinfo ne;
    bool self = hz_authz_can_do(app, "relief.apply", &ne) != HZ_OK;
    hz_err rc = hz_authz_can_do(app, self ? "relief.self" : "relief.apply", e);
    if (rc) return rc;
    char id[HZ_ID_LEN + 1];
    if ((rc = hz_norm_id_number(in->id_number, id, sizeof id, "id_number", e))) return rc;
    hz_date date = in->date == HZ_DATE_NONE ? app->today : in->date;
    hz_relief_grant g;
    memset(&g, 0, sizeof g);
    hz_strlcpy(g.status, "applied", sizeof g.status);
    g.visit_date = HZ_DATE_NONE;
    if ((rc = hz_db_begin(app->db, e))) return rc;
    hz_relief_program p;
    hz_member m;
    hz_flag flags[32];
    int n_flags;
    if ((rc = hz_store_relief_program_by_code(app->db, in->program, &p, e)) ||
        (rc = hz_store_member_by_id_number(app->db, id, &m, e)) || (rc = hz_authz_member(app, &m, e)) ||
        (rc = hz_store_flags(app->db, m.id, flags, 32, &n_flags, e)))
        goto fail;
    if (self && strcmp(p.kind, "student_aid") != 0) {
        rc = hz_fail(e, HZ_EFORBIDDEN, "program: 会员本人只能申请金秋助学 (a member applies for student aid only)");
        goto fail;
    }
    g.member_id = m.id;
    bool hardship = hz_flag_find(flags, n_flags, "hardship", date) != NULL;
    char d[HZ_DATE_BUF];
    int dy, dm, dd;
    hz_date_to_ymd(date, &dy, &dm, &dd);
    if (dy != p.year) {
        rc = hz_fail(e, HZ_EINVAL, "date: %s 不在项目年度 %d 内 (outside the programme's year)",
                     hz_date_format(date, d), p.year);
        goto fail;
    }
    const bool student = !strcmp(p.kind, "student_aid"), visit = !strcmp(p.kind, "visit");
    if ((!visit && (rc = unused(in->items, "items", p.kind, e))) ||
        (!student &&
         ((rc = unused(in->student_name, "student_name", p.kind, e)) ||
          (rc = unused(in->student_id_number, "student_id_number", p.kind, e)) ||
          (rc = unused(in->school, "school", p.kind, e)) || (rc = unused(in->level, "level", p.kind, e)))) ||
        (!visit && (rc = unused(in->amount, "amount", p.kind, e))))
        goto fail;
    if (!strcmp(p.kind, "second_round")) {
        rc = hz_fail(e, HZ_EINVAL, "program: 二次救助由系统按数据提出, 请用 relief propose (proposed by the system)");
        goto fail;
    } else if (!strcmp(p.kind, "student_aid")) {
        char sid[HZ_ID_LEN + 1];
        if ((rc = text(in->student_name, "student_name", g.student_name, sizeof g.student_name, true, e)) ||
            (rc = text(in->school, "school", g.school, sizeof g.school, true, e)))
            goto fail;
        if (!in->student_id_number) {
            rc = hz_fail(e, HZ_EINVAL, "student_id_number: 必填 (required)");
            goto fail;
        }
        if ((rc = hz_norm_id_number(in->student_id_number, sid, sizeof sid, "student_id_number", e))) goto fail;
        hz_strlcpy(g.student_id_number, sid, sizeof g.student_id_number);
        bool university = in->level && !strcmp(in->level, "university");
        if (!in->level || (!university && strcmp(in->level, "high_school") != 0)) {
            rc = hz_fail(e, HZ_EINVAL, "level: 应为 university 或 high_school (must be university or high_school)");
            goto fail;
        }
        hz_strlcpy(g.level, in->level, sizeof g.level);
        if (!hardship && hz_norm_is_blank(in->reason)) {
            rc = hz_fail(e, HZ_EINVAL,
                         "reason: 非困难职工家庭须写明困难理由 (a member without a hardship flag states the need)");
            goto fail;
        }
        if ((rc = text(in->reason, "reason", g.reason, sizeof g.reason, false, e))) goto fail;
        char no[24];
        if ((rc = hz_store_relief_grant_of_student(app->db, p.id, sid, no, e))) goto fail;
        if (no[0]) {
            rc = hz_fail(e, HZ_ECONFLICT, "学生 %s 在 %s 已有助学金 %s (one grant per student)", sid, p.code, no);
            goto fail;
        }
        g.amount = hz_relief_student_amount(hardship, university);
    } else if (!strcmp(p.kind, "visit")) {
        if (!hardship) {
            rc = hz_fail(e, HZ_EINVAL, "id_number: %s 在 %s 不是困难职工 (no hardship flag on the visit date)", id,
                         hz_date_format(date, d));
            goto fail;
        }
        g.amount = HZ_RELIEF_VISIT_CASH;
        if (in->amount && (rc = hz_money_parse(in->amount, false, &g.amount, "amount", e))) goto fail;
        if (g.amount <= 0) {
            rc = hz_fail(e, HZ_EINVAL, "amount: 慰问金须大于 0.00 (the visit's cash must be more than 0.00)");
            goto fail;
        }
        if (in->items && *in->items) {
            /* the goods leave the stock with the application */
            if ((rc = hz_relief_goods_take(app, p.id, in->items, false, e))) goto fail;
            hz_strlcpy(g.items, in->items, sizeof g.items);
        }
        g.visit_date = date;
        if ((rc = text(in->reason, "reason", g.reason, sizeof g.reason, false, e))) goto fail;
    } else if (!strcmp(p.kind, "education")) {
        if (!hz_flag_find(flags, n_flags, "newform", date)) {
            rc = hz_fail(e, HZ_EINVAL, "id_number: %s 不是新就业形态会员 (not a new-form member)", id);
            goto fail;
        }
        hz_relief_grant old;
        if ((rc = hz_store_relief_grant_of_member(app->db, p.id, m.id, &old, e))) goto fail;
        if (old.id) {
            rc = hz_fail(e, HZ_ECONFLICT, "%s 在 %s 已有申请 %s (one subsidy per member)", id, p.code, old.grant_no);
            goto fail;
        }
        g.amount = HZ_RELIEF_EDUCATION;
        if ((rc = text(in->reason, "reason", g.reason, sizeof g.reason, false, e))) goto fail;
    } else { /* donation: the drive's total is paid at approval, to one member */
        hz_relief_grant old;
        if ((rc = hz_store_relief_open_grant(app->db, p.id, &old, e))) goto fail;
        if (old.id) {
            rc = hz_fail(e, HZ_ECONFLICT, "募捐 %s 已有受助申请 %s (one payout per drive)", p.code, old.grant_no);
            goto fail;
        }
        if ((rc = text(in->reason, "reason", g.reason, sizeof g.reason, false, e))) goto fail;
    }
    if ((rc = insert_grant(app, &p, &g, e))) {
        if (rc == HZ_ECONFLICT) rc = hz_fail(e, rc, "学生 %s 已有助学金 (one grant per student)", g.student_id_number);
        goto fail;
    }
    if ((rc = hz_db_commit(app->db, e))) return rc;
    return hz_store_relief_grant_by_id(app->db, g.id, out, e);
fail:
    hz_db_rollback(app->db);
    return rc;
}

static hz_err load_visible(hz_app *app, const char *no, hz_relief_grant *out, hz_errinfo *e) {
    hz_err rc = hz_store_relief_grant_by_no(app->db, no, out, e);
    if (rc) return rc;
    hz_member m;
    if ((rc = hz_store_member_by_id(app->db, out->member_id, &m, e))) return rc;
    if (hz_authz_member(app, &m, e)) return hz_fail(e, HZ_ENOTFOUND, "救助 %s 不存在 (no such grant)", no);
    return HZ_OK;
}

hz_err hz_app_relief_show(hz_app *app, const char *no, hz_relief_grant *out, hz_errinfo *e) {
    hz_err rc = hz_authz_can_do(app, "relief.read", e);
    return rc ? rc : load_visible(app, no, out, e);
}

static hz_err decide(hz_app *app, const char *no, bool approve, const char *reason, hz_relief_grant *out,
                     hz_errinfo *e) {
    hz_err rc = hz_authz_can_do(app, "relief.review", e);
    if (rc) return rc;
    if (!approve && (!reason || !*reason))
        return hz_fail(e, HZ_EINVAL, "reason: 拒绝须说明理由 (a rejection needs a reason)");
    if ((rc = hz_db_begin(app->db, e))) return rc;
    hz_relief_program p;
    if ((rc = load_visible(app, no, out, e)) || (rc = hz_store_relief_program_by_id(app->db, out->program_id, &p, e)))
        goto fail;
    if (strcmp(out->status, "proposed") != 0 && strcmp(out->status, "applied") != 0) {
        rc = hz_fail(e, HZ_ECONFLICT, "救助 %s 状态为 %s, 不能%s (grant is %s)", no, out->status,
                     approve ? "审批" : "拒绝", out->status);
        goto fail;
    }
    if (approve) {
        hz_fen committed, donated = 0;
        if ((rc = hz_store_relief_committed(app->db, p.id, &committed, e))) goto fail;
        bool drive = !strcmp(p.kind, "donation");
        if (drive && (rc = hz_store_relief_donated(app->db, p.id, &donated, e))) goto fail;
        hz_fen limit = drive ? donated : p.budget, left = limit - committed;
        if (drive) out->amount = left; /* the drive's total goes to the member */
        if (out->amount > left || out->amount <= 0) {
            char b1[HZ_MONEY_BUF], b2[HZ_MONEY_BUF];
            rc = hz_fail(e, HZ_ECONFLICT, "%s %s剩余 %s, 不足以审批 %s (budget left %s)", p.code,
                         drive ? "募捐款" : "预算", hz_money_format_grouped(left, b1), hz_money_format_grouped(out->amount, b2), b1);
            goto fail;
        }
        char acct[HZ_ACCOUNT_CODE_MAX], key[HZ_TRANSFER_KEY_MAX];
        snprintf(acct, sizeof acct, "budget:relief:%s", p.code);
        snprintf(key, sizeof key, "relief:%lld", (long long)out->id);
        if ((rc = hz_payable_grant(app, out->grant_no, key, acct, out->amount, key, e)) ||
            (rc = hz_payable_ready(app, "relief", out->id, true, e)))
            goto fail;
        /* approved while a list is up: paid after its window too; approved
         * after the window closed: it waits for the next list (a programme
         * that publishes pays nobody who was never on a list) */
        if (p.objection_until != HZ_DATE_NONE &&
            (rc = hz_store_payable_due_on(
                 app->db, "relief", out->id,
                 p.objection_until > app->today ? p.objection_until : hz_date_from_ymd(9999, 12, 31), e)))
            goto fail;
        hz_strlcpy(out->status, "approved", sizeof out->status);
    } else {
        /* a rejected visit's goods go back to the stock */
        if (!strcmp(p.kind, "visit") && (rc = hz_relief_goods_take(app, p.id, out->items, true, e))) goto fail;
        hz_strlcpy(out->status, "rejected", sizeof out->status);
        hz_strlcpy(out->reject_reason, reason, sizeof out->reject_reason);
    }
    hz_strlcpy(out->decided_at, app->now, sizeof out->decided_at);
    hz_strlcpy(out->decided_by, app->actor, sizeof out->decided_by);
    if ((rc = hz_store_relief_grant_update(app->db, out, e)) ||
        (rc = audit_grant(app, approve ? "relief.approve" : "relief.reject", out, reason, e)) ||
        (rc = hz_app_event_emit(app, approve ? "relief.approve" : "relief.reject", "relief", out->id,
                                out->grant_no, e)))
        goto fail;
    return hz_db_commit(app->db, e);
fail:
    hz_db_rollback(app->db);
    return rc;
}

hz_err hz_app_relief_approve(hz_app *app, const char *no, hz_relief_grant *out, hz_errinfo *e) {
    return decide(app, no, true, NULL, out, e);
}

hz_err hz_app_relief_reject(hz_app *app, const char *no, const char *reason, hz_relief_grant *out, hz_errinfo *e) {
    return decide(app, no, false, reason, out, e);
}

/* today + n working days (Monday to Friday). */
static hz_date working_days(hz_date d, int n) {
    while (n > 0) {
        d++;
        int wd = (int)((d % 7 + 7 + 3) % 7); /* 1970-01-01 was a Thursday: 0 = Monday */
        if (wd < 5) n--;
    }
    return d;
}

typedef struct {
    hz_app *app;
    hz_date until;
} due_ctx;

static hz_err due_one(void *vctx, const hz_relief_grant *g, hz_errinfo *e) {
    due_ctx *c = vctx;
    return hz_store_payable_due_on(c->app->db, "relief", g->id, c->until, e);
}

hz_err hz_app_relief_publicity(hz_app *app, const char *program, hz_relief_program *out, hz_relief_grant_fn fn,
                               void *ctx, hz_errinfo *e) {
    hz_err rc = hz_authz_can_do(app, "relief.apply", e);
    if (rc) return rc;
    /* the list is the whole programme's: published by the office, not by a
     * login scoped to one district or unit */
    if (app->who.scope_kind[0])
        return hz_fail(e, HZ_EFORBIDDEN, "公示名单由办事处发布 (only an office login publishes the list)");
    if ((rc = hz_db_begin(app->db, e))) return rc;
    if ((rc = hz_store_relief_program_by_code(app->db, program, out, e))) goto fail;
    if (out->objection_until == HZ_DATE_NONE || out->objection_until <= app->today) {
        /* a new window for the list as it stands */
        out->objection_until = working_days(app->today, HZ_RELIEF_OBJECTION_DAYS);
        hz_strlcpy(out->published_at, app->now, sizeof out->published_at);
        due_ctx dc = {app, out->objection_until};
        char object[48], detail[96], d[HZ_DATE_BUF];
        snprintf(object, sizeof object, "relief_program:%s", out->code);
        snprintf(detail, sizeof detail, "{\"objection_until\":\"%s\"}", hz_date_format(out->objection_until, d));
        if ((rc = hz_store_relief_program_publish(app->db, out->id, app->now, out->objection_until, e)) ||
            (rc = hz_store_relief_grants(app->db, out->id, "approved", due_one, &dc, e)) ||
            (rc = hz_audit(app, "relief.publicity", object, detail, e)))
            goto fail;
    }
    if ((rc = hz_db_commit(app->db, e))) return rc;
    return hz_store_relief_grants(app->db, out->id, "approved", fn, ctx, e);
fail:
    hz_db_rollback(app->db);
    return rc;
}

hz_err hz_app_donation_add(hz_app *app, const char *program, const char *donor, hz_fen amount, hz_fen *total,
                           hz_errinfo *e) {
    hz_err rc = hz_authz_can_do(app, "relief.apply", e);
    if (rc) return rc;
    char who[128];
    if ((rc = text(donor, "donor", who, sizeof who, true, e))) return rc;
    donor = who;
    if (amount <= 0) return hz_fail(e, HZ_EINVAL, "amount: 金额须大于 0 (must be positive)");
    if ((rc = hz_db_begin(app->db, e))) return rc;
    hz_relief_program p;
    int64_t id;
    if ((rc = hz_store_relief_program_by_code(app->db, program, &p, e))) goto fail;
    if (strcmp(p.kind, "donation") != 0) {
        rc = hz_fail(e, HZ_EINVAL, "program: %s 不是募捐项目 (not a donation drive)", program);
        goto fail;
    }
    hz_relief_grant paid_out;
    if ((rc = hz_store_relief_open_grant(app->db, p.id, &paid_out, e))) goto fail;
    if (paid_out.id && strcmp(paid_out.status, "applied") != 0) {
        rc = hz_fail(e, HZ_ECONFLICT, "募捐 %s 已审批给付 %s, 不再接受捐款 (the drive has paid out; start a new one)",
                     p.code, paid_out.grant_no);
        goto fail;
    }
    if ((rc = hz_store_relief_donation_insert(app->db, p.id, donor, amount, app->now, app->actor, &id, e))) goto fail;
    char acct[HZ_ACCOUNT_CODE_MAX], key[HZ_TRANSFER_KEY_MAX];
    snprintf(acct, sizeof acct, "budget:relief:%s", p.code);
    snprintf(key, sizeof key, "donation:%lld", (long long)id);
    char object[48], detail[640], b[HZ_MONEY_BUF], w[520];
    snprintf(object, sizeof object, "relief_program:%s", p.code);
    snprintf(detail, sizeof detail, "{\"donor\":\"%s\",\"amount\":\"%s\"}", hz_json_text(donor, 42, w, sizeof w),
             hz_money_format(amount, b));
    if ((rc = hz_journal_post(app, key, HZ_ACCT_BANK, acct, amount, key, e)) ||
        (rc = hz_audit(app, "donation.add", object, detail, e)) ||
        (rc = hz_store_relief_donated(app->db, p.id, total, e)))
        goto fail;
    return hz_db_commit(app->db, e);
fail:
    hz_db_rollback(app->db);
    return rc;
}

static hz_err set_paid(hz_app *app, int64_t id, bool paid, const char *why, hz_errinfo *e) {
    hz_relief_grant g;
    hz_err rc = hz_store_relief_grant_by_id(app->db, id, &g, e);
    if (rc) return rc;
    if (paid) {
        if (!strcmp(g.status, "paid")) return HZ_OK;
        hz_strlcpy(g.status, "paid", sizeof g.status);
        hz_strlcpy(g.paid_at, app->now, sizeof g.paid_at);
        g.bank_failure[0] = '\0';
    } else {
        if (!strcmp(g.status, "paid")) hz_strlcpy(g.status, "approved", sizeof g.status);
        hz_strlcpy(g.bank_failure, why, sizeof g.bank_failure);
    }
    return hz_store_relief_grant_update(app->db, &g, e);
}

hz_err hz_relief_paid(hz_app *app, int64_t grant_id, hz_errinfo *e) { return set_paid(app, grant_id, true, NULL, e); }

hz_err hz_relief_failed(hz_app *app, int64_t grant_id, const char *why, hz_errinfo *e) {
    return set_paid(app, grant_id, false, why, e);
}

static hz_err aid_row(void *ctx, const hz_aid_total *t, hz_errinfo *e) {
    char y[12], n[24], c[HZ_MONEY_BUF], p[HZ_MONEY_BUF];
    snprintf(y, sizeof y, "%d", t->year);
    snprintf(n, sizeof n, "%lld", (long long)t->grants);
    const char *cells[] = {
        t->program, t->kind, y, t->district, n, hz_money_format(t->committed, c), hz_money_format(t->paid, p)};
    return hz_report_add_row(ctx, cells, e);
}

/* LM subsidies and relief grants by programme, year and district, in the
 * caller's scope (approved or paid; paid is what the bank confirmed). */
static hz_err build_aid(hz_app *app, const hz_report_args *a, hz_report *out, hz_errinfo *e) {
    static const hz_report_col cols[] = {{"program", "项目", HZ_COL_TEXT}, {"kind", "类别", HZ_COL_TEXT},
                                         {"year", "年度", HZ_COL_INT},     {"district", "区县", HZ_COL_TEXT},
                                         {"grants", "人次", HZ_COL_INT},   {"committed", "审批金额", HZ_COL_MONEY},
                                         {"paid", "已支付", HZ_COL_MONEY}};
    hz_report_head(out, "aid", "劳模医疗补助与救助（按项目、年度、区县）", false, 7, cols);
    hz_list_scope sc;
    char path[HZ_PATH_MAX];
    hz_err rc = hz_report_scope(app, a, &sc, path, e);
    if (rc) return rc;
    return hz_store_aid_totals(app->db, &sc, aid_row, out, e);
}

static const hz_report_def relief_reports[] = {
    {"aid", "劳模医疗补助与救助", build_aid},
    {NULL, NULL, NULL},
};
/* The relief module (src/modules.def). */
static const hz_payable_source relief_payables[] = {
    {"relief", hz_relief_paid, hz_relief_failed},
    {NULL, NULL, NULL},
};
const hz_app_module hz_app_module_relief = {
    .name = "relief",
    .demo = hz_relief_demo,
    .reports = relief_reports,
    .actions = relief_actions,
    .payables = relief_payables,
};
