/* Scoped lists. */
#include "app/lists.h"

#include <stdio.h>
#include <string.h>

#include "app/authz.h"
#include "app/registry.h"
#include "core/normalize.h"
#include "core/text.h"
#include "store/registry.h"

hz_err hz_page_check(hz_page *p, hz_errinfo *e) {
    if (p->page == 0) p->page = 1;
    if (p->per_page == 0) p->per_page = 50;
    if (p->page < 1 || p->page > 10000000) return hz_fail(e, HZ_EINVAL, "page: 应为正整数 (must be >= 1)");
    if (p->per_page < 1 || p->per_page > HZ_PER_PAGE_MAX)
        return hz_fail(e, HZ_EINVAL, "per_page: 应为1至%d (must be 1..%d)", HZ_PER_PAGE_MAX, HZ_PER_PAGE_MAX);
    return HZ_OK;
}

void hz_scope_filter(const hz_app *app, hz_list_scope *out) {
    hz_list_scope sc = {"", 0, 0};
    const hz_actor *w = &app->who;
    if (!strcmp(w->scope_kind, "org")) sc.org_path = w->scope_path;
    else if (!strcmp(w->scope_kind, "unit")) sc.unit_id = w->scope_unit_id;
    else if (!strcmp(w->scope_kind, "member")) sc.member_id = w->scope_member_id;
    *out = sc;
}

static hz_list_scope scope_of(const hz_app *app) {
    hz_list_scope sc;
    hz_scope_filter(app, &sc);
    return sc;
}

hz_err hz_app_members_page(hz_app *app, const char *q, const char *unit_code, hz_page pg, hz_member_row_fn fn,
                           void *ctx, int64_t *total, hz_errinfo *e) {
    hz_err rc;
    if ((rc = hz_authz_can(app, HZ_A_MEMBER_READ, e)) || (rc = hz_page_check(&pg, e))) return rc;
    int64_t unit_id = 0;
    if (unit_code && *unit_code) {
        hz_unit u;
        char code[19];
        if ((rc = hz_norm_credit_code(unit_code, code, sizeof code, "unit", e)) ||
            (rc = hz_store_unit_by_code(app->db, code, &u, e)))
            return rc;
        unit_id = u.id;
    }
    /* the same folds as the input (a lowercase x, full-width digits, NBSP);
     * a partial ID number matches anywhere in the number, but only for
     * those who see numbers in full: a masked caller could otherwise read
     * the hidden digits by probing, so they must type the whole number */
    char query[HZ_NORM_MAX_CHARS * 4 + 1], id_like[HZ_ID_LEN + 3] = "";
    bool id = hz_norm_search(q, query, sizeof query);
    if (id && hz_authz_sees_identity(app)) snprintf(id_like, sizeof id_like, "%%%s%%", query);
    else if (id) hz_strlcpy(id_like, query, sizeof id_like);
    hz_list_scope sc = scope_of(app);
    return hz_store_members_page(app->db, &sc, id ? "" : query, id_like, unit_id, (pg.page - 1) * pg.per_page,
                                 pg.per_page, fn, ctx, total, e);
}

hz_err hz_app_orgs_page(hz_app *app, hz_page pg, hz_org_row_fn fn, void *ctx, int64_t *total, hz_errinfo *e) {
    hz_err rc;
    if ((rc = hz_authz_can(app, HZ_A_MEMBER_READ, e)) || (rc = hz_page_check(&pg, e))) return rc;
    const char *path = !strcmp(app->who.scope_kind, "org") ? app->who.scope_path : "";
    if (!strcmp(app->who.scope_kind, "unit") || !strcmp(app->who.scope_kind, "member")) path = "\x01"; /* none */
    return hz_store_orgs_page(app->db, path, (pg.page - 1) * pg.per_page, pg.per_page, fn, ctx, total, e);
}

hz_err hz_app_units_page(hz_app *app, hz_page pg, hz_unit_row_fn fn, void *ctx, int64_t *total, hz_errinfo *e) {
    hz_err rc;
    if ((rc = hz_authz_can(app, HZ_A_MEMBER_READ, e)) || (rc = hz_page_check(&pg, e))) return rc;
    hz_list_scope sc = scope_of(app);
    return hz_store_units_page(app->db, &sc, (pg.page - 1) * pg.per_page, pg.per_page, fn, ctx, total, e);
}

hz_err hz_app_claims_page(hz_app *app, const char *status, const char *id_number, const char *member_ref, hz_page pg,
                          hz_claim_row_fn fn, void *ctx, int64_t *total, hz_errinfo *e) {
    hz_err rc;
    if ((rc = hz_authz_can(app, HZ_A_CLAIM_READ, e)) || (rc = hz_page_check(&pg, e))) return rc;
    hz_list_scope sc = scope_of(app);
    if ((id_number && *id_number) || (member_ref && *member_ref)) {
        hz_member m;
        char norm[HZ_ID_LEN + 1];
        int64_t id;
        if (id_number && *id_number) {
            if ((rc = hz_norm_id_number(id_number, norm, sizeof norm, "id_number", e)) ||
                (rc = hz_store_member_by_id_number(app->db, norm, &m, e)))
                return rc;
        } else if (!hz_member_ref_parse(member_ref, &id)) {
            return hz_fail(e, HZ_ENOTFOUND, "对象不存在 (not found)");
        } else if ((rc = hz_store_member_by_id(app->db, id, &m, e))) {
            return rc == HZ_ENOTFOUND ? hz_fail(e, HZ_ENOTFOUND, "对象不存在 (not found)") : rc;
        }
        if ((rc = hz_authz_member(app, &m, e)))
            /* by ref the answer must not name the member it hides */
            return id_number && *id_number ? rc : hz_fail(e, HZ_ENOTFOUND, "对象不存在 (not found)");
        if (sc.member_id && sc.member_id != m.id) return hz_fail(e, HZ_ENOTFOUND, "对象不存在 (not found)");
        sc.member_id = m.id;
    }
    return hz_store_claims_page(app->db, &sc, status, (pg.page - 1) * pg.per_page, pg.per_page, fn, ctx, total, e);
}
