/* Reads across the aid modules (app/aid.h). */
#include "app/aid.h"

#include <string.h>

#include "app/authz.h"
#include "app/lists.h"
#include "app/registry.h"
#include "core/idcard.h"
#include "core/normalize.h"
#include "store/registry.h"

/* A role that reads aid, or a member reading their own. */
static hz_err can_read(hz_app *app, hz_errinfo *e) {
    hz_errinfo ne;
    return hz_authz_can_do(app, "relief.read", &ne) == HZ_OK ? HZ_OK : hz_authz_can_do(app, "relief.self", e);
}

hz_err hz_app_aid_of_member(hz_app *app, const char *id_number, const char *ref, hz_lm_fn lm_fn,
                            hz_relief_grant_fn grant_fn, void *ctx, hz_errinfo *e) {
    hz_err rc = can_read(app, e);
    if (rc) return rc;
    hz_member m;
    if (ref && *ref) {
        /* a ref is opaque: malformed, missing and out of scope answer alike */
        int64_t id;
        if (!hz_member_ref_parse(ref, &id) || hz_store_member_by_id(app->db, id, &m, e) != HZ_OK ||
            hz_authz_member(app, &m, e) != HZ_OK)
            return hz_fail(e, HZ_ENOTFOUND, "对象不存在 (not found)");
    } else {
        char id[HZ_ID_LEN + 1];
        if ((rc = hz_norm_id_number(id_number, id, sizeof id, "id_number", e)) ||
            (rc = hz_store_member_by_id_number(app->db, id, &m, e)) || (rc = hz_authz_member(app, &m, e)))
            return rc;
    }
    if ((rc = hz_store_lm_of_member(app->db, m.id, lm_fn, ctx, e))) return rc;
    return hz_store_relief_grants_of_member(app->db, m.id, grant_fn, ctx, e);
}

hz_err hz_aid_in_scope(hz_app *app, int64_t member_id, bool *in, hz_errinfo *e) {
    hz_member m;
    hz_errinfo ne;
    hz_err rc = hz_store_member_by_id(app->db, member_id, &m, e);
    *in = rc == HZ_OK && hz_authz_member(app, &m, &ne) == HZ_OK;
    return rc;
}

hz_err hz_app_relief_programs(hz_app *app, const char *kind, hz_relief_program_fn fn, void *ctx, hz_errinfo *e) {
    hz_errinfo ne;
    hz_err rc = hz_authz_can_do(app, "relief.read", &ne);
    if (rc) {
        if ((rc = hz_authz_can_do(app, "relief.self", e))) return rc;
        kind = "student_aid"; /* a member sees what they may apply to */
    }
    return hz_store_relief_programs(app->db, kind, fn, ctx, e);
}

typedef struct {
    int year;
    hz_aid_year *out;
} year_ctx;

static hz_err add_total(void *vctx, const hz_aid_total *t, hz_errinfo *e) {
    (void)e;
    year_ctx *c = vctx;
    if (t->year != c->year) return HZ_OK;
    hz_aid_sum *s = !strcmp(t->kind, "lm") ? &c->out->lm : &c->out->relief;
    s->grants += t->grants;
    s->committed += t->committed;
    s->paid += t->paid;
    return HZ_OK;
}

hz_err hz_aid_year_figures(hz_app *app, const hz_list_scope *sc, int year, hz_aid_year *out, hz_errinfo *e) {
    memset(out, 0, sizeof *out);
    out->year = year;
    year_ctx c = {year, out};
    return hz_store_aid_totals(app->db, sc, add_total, &c, e);
}
