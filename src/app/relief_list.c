/* Relief grants as lists (app/relief.h): a page, a plain list and an
 * export, each in the caller's scope, filtered and sorted in SQL
 * (hz_list_filter). The use cases that change grants are in relief.c. */
#include <stdio.h>
#include <string.h>

#include "app/authz.h"
#include "app/lists.h"
#include "app/relief.h"
#include "app/reports.h"
#include "core/text.h"
#include "store/registry.h"

static const char *const grant_statuses[] = {"", "proposed", "applied", "approved", "rejected", "paid", NULL};
static const char *const grant_sorts[] = {"", "no", "name", "status", "amount", "created_at", NULL}; /* hz_grant_sort */
static const hz_list_spec grant_spec = {grant_statuses, grant_sorts, HZ_GRANT_SORT_NAME, "JZ", true, false, false};

static hz_err grants_filter(hz_app *app, const char *program, const hz_list_query *q, hz_list_buf *b, hz_rec_filter *f,
                            hz_list_scope *sc, hz_errinfo *e) {
    hz_err rc = hz_authz_can_do(app, "relief.read", e);
    hz_relief_program p;
    if (rc || (rc = hz_store_relief_program_by_code(app->db, program, &p, e)) ||
        (rc = hz_list_filter(app, &grant_spec, q, b, f, sc, e)))
        return rc;
    f->num = p.id;
    return HZ_OK;
}

hz_err hz_app_relief_grants_page(hz_app *app, const char *program, const hz_list_query *q, hz_page pg,
                                 hz_relief_grant_row_fn fn, void *ctx, int64_t *total, hz_errinfo *e) {
    hz_list_buf b;
    hz_rec_filter f;
    hz_list_scope sc;
    hz_err rc = grants_filter(app, program, q, &b, &f, &sc, e);
    if (rc || (rc = hz_page_check(&pg, e))) return rc;
    return hz_store_relief_grants_page(app->db, &sc, &f, (pg.page - 1) * pg.per_page, pg.per_page, fn, ctx, total, e);
}

typedef struct {
    hz_relief_grant_fn fn;
    void *ctx;
} plain_ctx;

static hz_err plain_one(void *vctx, const hz_relief_grant *g, const char *unit_name, hz_errinfo *e) {
    (void)unit_name;
    plain_ctx *c = vctx;
    return c->fn(c->ctx, g, e);
}

hz_err hz_app_relief_list(hz_app *app, const char *program, const char *status, hz_relief_grant_fn fn, void *ctx,
                          hz_errinfo *e) {
    hz_list_query q = {NULL, status, NULL, NULL, NULL, NULL, NULL};
    hz_list_buf b;
    hz_rec_filter f;
    hz_list_scope sc;
    int64_t total;
    plain_ctx c = {fn, ctx};
    hz_err rc = grants_filter(app, program, &q, &b, &f, &sc, e);
    return rc ? rc : hz_store_relief_grants_page(app->db, &sc, &f, 0, -1, plain_one, &c, &total, e);
}

static hz_err grant_cells(void *vctx, const hz_relief_grant *g, const char *unit_name, hz_errinfo *e) {
    static const char *const labels[][2] = {{"proposed", "拟救助"}, {"applied", "待审批"}, {"approved", "已审批"},
                                            {"rejected", "已拒绝"}, {"paid", "已支付"}};
    hz_list_export *x = vctx;
    char id[HZ_ID_LEN + 1], name[HZ_NAME_MAX], amount[HZ_MONEY_BUF], t[3][24];
    if (hz_authz_sees_identity(x->app)) hz_strlcpy(name, g->name, sizeof name);
    else hz_relief_mask_name(g->name, name, sizeof name);
    const char *status = g->status;
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
        if (!strcmp(labels[i][0], g->status)) status = labels[i][1];
    const char *cells[] = {g->grant_no, name, hz_list_id(x->app, g->id_number, id), unit_name,
                           hz_money_format(g->amount, amount), status, hz_list_beijing(g->created_at, t[0]),
                           hz_list_beijing(g->decided_at, t[1]), hz_list_beijing(g->paid_at, t[2])};
    return hz_report_add_row(x->r, cells, e);
}

hz_err hz_app_relief_grants_export(hz_app *app, const char *program, const hz_list_query *q, hz_report *out,
                                   hz_errinfo *e) {
    static const hz_report_col cols[] = {
        {"no", "救助编号", HZ_COL_TEXT},          {"name", "姓名", HZ_COL_TEXT},
        {"id_number", "身份证号码", HZ_COL_TEXT},  {"unit_name", "会员单位 / 工会", HZ_COL_TEXT},
        {"amount", "救助金额（元）", HZ_COL_MONEY}, {"status", "状态", HZ_COL_TEXT},
        {"created_at", "申请时间", HZ_COL_TEXT},   {"decided_at", "审批时间", HZ_COL_TEXT},
        {"paid_at", "支付时间", HZ_COL_TEXT},
    };
    hz_list_buf b;
    hz_rec_filter f;
    hz_list_scope sc;
    int64_t total;
    hz_err rc = grants_filter(app, program, q, &b, &f, &sc, e);
    if (rc) return rc;
    hz_report_head(out, "relief_grants", "救助名单", false, (int)(sizeof cols / sizeof cols[0]), cols);
    hz_list_export x = {app, out};
    return hz_store_relief_grants_page(app->db, &sc, &f, 0, -1, grant_cells, &x, &total, e);
}
