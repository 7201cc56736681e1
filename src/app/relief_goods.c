/* The stock of goods of a visit programme (app/relief_goods.h). */
#include "app/relief_goods.h"

#include <stdio.h>
#include <string.h>

#include "app/audit.h"
#include "app/authz.h"
#include "core/relief.h"
#include "store/relief.h"

hz_err hz_relief_goods_take(hz_app *app, int64_t program_id, const char *items, bool give_back, hz_errinfo *e) {
    if (!items || !*items) return HZ_OK;
    hz_relief_item it[HZ_RELIEF_MAX_ITEMS];
    int n;
    hz_err rc = hz_relief_items_parse(items, "items", it, &n, e);
    for (int i = 0; !rc && i < n; i++) {
        int64_t left;
        if (!give_back && (rc = hz_store_goods_left(app->db, program_id, it[i].name, &left, e))) break;
        if (!give_back && left < it[i].count) {
            rc = hz_fail(e, HZ_ECONFLICT, "items: %s 库存不足, 剩余 %lld 件, 需要 %lld 件 (not enough in stock)",
                         it[i].name, (long long)left, (long long)it[i].count);
            break;
        }
        rc = hz_store_goods_issue(app->db, program_id, it[i].name, give_back ? -it[i].count : it[i].count, e);
    }
    return rc;
}

static hz_err visit_program(hz_app *app, const char *program, hz_relief_program *p, hz_errinfo *e) {
    hz_err rc = hz_store_relief_program_by_code(app->db, program ? program : "", p, e);
    if (rc) return rc;
    if (strcmp(p->kind, "visit") != 0)
        return hz_fail(e, HZ_EINVAL, "program: %s 不是慰问项目, 没有物资库存 (not a visit programme)", p->code);
    return HZ_OK;
}

hz_err hz_app_relief_goods_add(hz_app *app, const char *program, const char *items, hz_errinfo *e) {
    hz_err rc = hz_authz_can_do(app, "relief.apply", e);
    hz_relief_item it[HZ_RELIEF_MAX_ITEMS];
    int n;
    if (rc || (rc = hz_relief_items_parse(items, "items", it, &n, e))) return rc;
    if ((rc = hz_db_begin(app->db, e))) return rc;
    hz_relief_program p;
    if ((rc = visit_program(app, program, &p, e))) goto fail;
    for (int i = 0; i < n; i++)
        if ((rc = hz_store_goods_receive(app->db, p.id, it[i].name, it[i].count, e))) goto fail;
    char object[48], detail[640];
    snprintf(object, sizeof object, "relief_program:%s", p.code);
    snprintf(detail, sizeof detail, "{\"items\":\"%s\"}", items);
    if ((rc = hz_audit(app, "relief.goods_received", object, detail, e)) || (rc = hz_db_commit(app->db, e))) goto fail;
    return HZ_OK;
fail:
    hz_db_rollback(app->db);
    return rc;
}

hz_err hz_app_relief_goods(hz_app *app, const char *program, hz_goods_fn fn, void *ctx, hz_errinfo *e) {
    hz_err rc = hz_authz_can_do(app, "relief.read", e);
    hz_relief_program p;
    if (rc || (rc = visit_program(app, program, &p, e))) return rc;
    return hz_store_goods_list(app->db, p.id, fn, ctx, e);
}
