/* Roles x actions, and scope checks. */
#include "app/authz.h"

#include <stdio.h>
#include <string.h>

#include "app/module.h"
#include "core/text.h"
#include "store/registry.h"

/* One row per action: the roles allowed, as a space-separated list. */
static const char *const allowed[HZ_A_COUNT] = {
    [HZ_A_ORG_WRITE] = " admin staff ",
    [HZ_A_UNIT_WRITE] = " admin staff ",
    [HZ_A_MEMBER_READ] = " admin staff reviewer finance cadre unit member ",
    [HZ_A_MEMBER_WRITE] = " admin staff unit ",
    [HZ_A_ENROLL] = " admin staff unit ",
    [HZ_A_ROSTER] = " admin staff unit ",
    [HZ_A_SETTLEMENT_IMPORT] = " admin staff ",
    [HZ_A_CLAIM_READ] = " admin staff reviewer finance cadre unit member ",
    [HZ_A_CLAIM_SUBMIT] = " admin staff unit member ",
    [HZ_A_CLAIM_DOCS] = " admin staff ",
    [HZ_A_CLAIM_REVIEW] = " admin reviewer ",
    [HZ_A_PROACTIVE] = " admin staff ",
    [HZ_A_PAY] = " admin finance ",
    [HZ_A_REPORT] = " admin staff reviewer finance cadre ",
    [HZ_A_USER_ADMIN] = " admin ",
    [HZ_A_AUDIT] = " admin ",
};

/* The founding actions' names, as GET /api/v1/me lists them. */
static const char *const names[HZ_A_COUNT] = {
    [HZ_A_ORG_WRITE] = "org.write",
    [HZ_A_UNIT_WRITE] = "unit.write",
    [HZ_A_MEMBER_READ] = "member.read",
    [HZ_A_MEMBER_WRITE] = "member.write",
    [HZ_A_ENROLL] = "coverage.enroll",
    [HZ_A_ROSTER] = "roster.import",
    [HZ_A_SETTLEMENT_IMPORT] = "settlement.import",
    [HZ_A_CLAIM_READ] = "claim.read",
    [HZ_A_CLAIM_SUBMIT] = "claim.submit",
    [HZ_A_CLAIM_DOCS] = "claim.documents",
    [HZ_A_CLAIM_REVIEW] = "claim.review",
    [HZ_A_PROACTIVE] = "claim.proactive",
    [HZ_A_PAY] = "payment.batch",
    [HZ_A_REPORT] = "report.read",
    [HZ_A_USER_ADMIN] = "user.admin",
    [HZ_A_AUDIT] = "audit.verify",
};

static bool role_listed(const hz_app *app, const char *roles) {
    char probe[16];
    snprintf(probe, sizeof probe, " %s ", app->who.role);
    return roles && app->who.role[0] && strstr(roles, probe);
}

static hz_err role_in(const hz_app *app, const char *roles, hz_errinfo *e) {
    if (role_listed(app, roles)) return HZ_OK;
    return hz_fail(e, HZ_EFORBIDDEN, "角色 %s 无权执行此操作 (role %s may not do this)", app->who.role, app->who.role);
}

/* Bank batches pay the whole city from the office's one account: an account
 * narrowed to an org or a unit may not build, read or confirm them,
 * whatever its role (a district's finance officer would otherwise pay and
 * read card numbers outside the district). */
static bool office_only(const hz_app *app, hz_action a) { return a == HZ_A_PAY && app->who.scope_kind[0]; }

static hz_err office_refused(hz_errinfo *e) {
    return hz_fail(e, HZ_EFORBIDDEN, "限定范围的账户无权办理银行支付批次, 由办事处统一办理 (bank batches are the office's; "
                   "a scoped account may not)");
}

hz_err hz_authz_can(const hz_app *app, hz_action a, hz_errinfo *e) {
    hz_err rc = role_in(app, a < HZ_A_COUNT ? allowed[a] : NULL, e);
    return rc ? rc : office_only(app, a) ? office_refused(e) : HZ_OK;
}

hz_err hz_authz_can_do(const hz_app *app, const char *action, hz_errinfo *e) {
    for (int i = 0; i < HZ_A_COUNT; i++)
        if (!strcmp(names[i], action)) return hz_authz_can(app, (hz_action)i, e);
    const hz_action_def *a = hz_app_action_find(action);
    return role_in(app, a ? a->roles : NULL, e);
}

const char *hz_authz_action_name(hz_action a) {
    return a < HZ_A_COUNT ? names[a] : "";
}

void hz_authz_each_allowed(const hz_app *app, void (*each)(void *ctx, const char *name), void *ctx) {
    for (int i = 0; i < HZ_A_COUNT; i++)
        if (role_listed(app, allowed[i]) && !office_only(app, (hz_action)i)) each(ctx, names[i]);
    for (const hz_app_module *const *m = hz_app_modules; *m; m++)
        for (const hz_action_def *a = (*m)->actions; a && a->name; a++)
            if (role_listed(app, a->roles)) each(ctx, a->name);
}

/* An object out of scope answers exactly as a missing one: the same code and
 * the same words as the store's "not found" for that kind (store/registry.c),
 * so neither the status nor the message tells them apart (issue 12 case 4). */
static hz_err org_invisible(const char *path, hz_errinfo *e) {
    /* the org's code is the last segment of its path "/XA/XA-XC/" */
    size_t n = strlen(path);
    while (n && path[n - 1] == '/')
        n--;
    size_t b = n;
    while (b && path[b - 1] != '/')
        b--;
    return hz_fail(e, HZ_ENOTFOUND, "组织 %.*s 不存在 (no such org)", (int)(n - b), path + b);
}

hz_err hz_authz_org_path(const hz_app *app, const char *path, hz_errinfo *e) {
    const hz_actor *w = &app->who;
    if (!w->scope_kind[0]) return HZ_OK;
    if (!strcmp(w->scope_kind, "org") && !strncmp(path, w->scope_path, strlen(w->scope_path))) return HZ_OK;
    return org_invisible(path, e);
}

hz_err hz_authz_org_code(const hz_app *app, const char *code, hz_org *out, hz_errinfo *e) {
    hz_err rc = hz_store_org_by_code(app->db, code, out, e);
    return rc ? rc : hz_authz_org_path(app, out->path, e);
}

hz_err hz_authz_member(const hz_app *app, const hz_member *m, hz_errinfo *e) {
    const hz_actor *w = &app->who;
    if (!w->scope_kind[0]) return HZ_OK;
    if (!strcmp(w->scope_kind, "org") && !strncmp(m->org_path, w->scope_path, strlen(w->scope_path))) return HZ_OK;
    if (!strcmp(w->scope_kind, "unit") && m->unit_id && m->unit_id == w->scope_unit_id) return HZ_OK;
    if (!strcmp(w->scope_kind, "member") && m->id == w->scope_member_id) return HZ_OK;
    return hz_fail(e, HZ_ENOTFOUND, "会员 %s 不存在 (no such member)", m->id_number);
}

hz_err hz_authz_unit(const hz_app *app, const hz_unit *u, const char *org_path, hz_errinfo *e) {
    const hz_actor *w = &app->who;
    if (!w->scope_kind[0]) return HZ_OK;
    if (!strcmp(w->scope_kind, "org") && org_path && !strncmp(org_path, w->scope_path, strlen(w->scope_path)))
        return HZ_OK;
    if (!strcmp(w->scope_kind, "unit") && u->id == w->scope_unit_id) return HZ_OK;
    return hz_fail(e, HZ_ENOTFOUND, "会员单位 %s 不存在 (no such unit)", u->credit_code);
}

hz_err hz_authz_payer_org(const hz_app *app, const hz_org *org, hz_errinfo *e) {
    const hz_actor *w = &app->who;
    if (!w->scope_kind[0]) return HZ_OK;
    if (!strcmp(w->scope_kind, "org")) return hz_authz_org_path(app, org->path, e);
    /* a unit liaison or a member names no union as payer, whichever it is */
    return hz_fail(
        e, HZ_EFORBIDDEN,
        "payer: 只能由本单位或个人缴费, 工会出资请联系办事处 (payer must be unit or self; a union pays through "
        "the office)");
}

bool hz_authz_trusted(const hz_app *app) {
    const char *r = app->who.role;
    return !strcmp(r, "admin") || !strcmp(r, "staff") || !strcmp(r, "reviewer");
}

bool hz_authz_sees_identity(const hz_app *app) {
    const char *r = app->who.role;
    return !strcmp(r, "admin") || !strcmp(r, "staff") || !strcmp(r, "reviewer") || !strcmp(r, "finance") ||
           !strcmp(r, "member");
}

hz_err hz_authz_set(hz_app *app, const char *role, const char *scope_kind, const char *scope_ref, hz_errinfo *e) {
    hz_actor *w = &app->who;
    memset(w, 0, sizeof *w);
    hz_strlcpy(w->role, role, sizeof w->role);
    hz_strlcpy(w->scope_kind, scope_kind, sizeof w->scope_kind);
    hz_strlcpy(w->scope_ref, scope_ref, sizeof w->scope_ref);
    hz_err rc = HZ_OK;
    if (!strcmp(w->scope_kind, "org")) {
        hz_org org;
        if (!(rc = hz_store_org_by_code(app->db, scope_ref, &org, e))) {
            hz_strlcpy(w->scope_path, org.path, sizeof w->scope_path);
            hz_strlcpy(w->scope_name, org.name, sizeof w->scope_name);
        }
    } else if (!strcmp(w->scope_kind, "unit")) {
        hz_unit u;
        if (!(rc = hz_store_unit_by_code(app->db, scope_ref, &u, e))) {
            w->scope_unit_id = u.id;
            hz_strlcpy(w->scope_name, u.name, sizeof w->scope_name);
        }
    } else if (!strcmp(w->scope_kind, "member")) {
        hz_member m;
        if (!(rc = hz_store_member_by_id_number(app->db, scope_ref, &m, e))) {
            w->scope_member_id = m.id;
            hz_strlcpy(w->scope_name, m.name, sizeof w->scope_name);
        }
    }
    if (rc) {
        /* a scope that no longer resolves sees nothing */
        hz_strlcpy(w->scope_kind, "member", sizeof w->scope_kind);
        w->scope_member_id = -1;
    }
    return HZ_OK;
}
