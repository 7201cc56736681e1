/* Care activity use cases (app/care.h). */
#include "app/care.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/authz.h"
#include "app/lists.h"
#include "app/registry.h"
#include "app/reports.h"
#include "core/flag.h"
#include "core/normalize.h"
#include "core/relief.h"
#include "core/text.h"
#include "store/registry.h"

static const hz_action_def care_actions[] = {
    {"care.read", " admin staff reviewer finance cadre unit member "},
    {"care.manage", " admin staff cadre "},
    {"care.join", " admin staff cadre unit "},
    {NULL, NULL},
};

static hz_list_scope scope(const hz_app *app) {
    hz_list_scope sc;
    hz_scope_filter(app, &sc);
    return sc;
}

static hz_err code_ok(const char *code, size_t cap, hz_errinfo *e) {
    if (!code || !*code || strlen(code) >= cap ||
        strspn(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") != strlen(code))
        return hz_fail(e, HZ_EINVAL, "code: 必填, 1-%d 个字母、数字、- 或 _ (letters, digits, - and _)", (int)cap - 1);
    return HZ_OK;
}

hz_err hz_app_activity_add(hz_app *app, const hz_activity_input *in, hz_activity *out, hz_errinfo *e) {
    hz_err rc = hz_authz_can_do(app, "care.manage", e);
    if (rc) return rc;
    memset(out, 0, sizeof *out);
    if ((rc = code_ok(in->code, sizeof out->code, e))) return rc;
    if (!hz_care_kind_ok(in->kind))
        return hz_fail(e, HZ_EINVAL,
                       "kind: 应为 lecture、walk、run、cool、welcome、checkup、screening、contest、interest、"
                       "training 或 room (unknown kind)");
    if (hz_norm_is_blank(in->name)) return hz_fail(e, HZ_EINVAL, "name: 必填 (required)");
    if ((rc = hz_norm_text(in->name, out->name, sizeof out->name, "name", 1, 40, e))) return rc;
    if (hz_norm_is_blank(in->org)) return hz_fail(e, HZ_EINVAL, "org: 必填 (required)");
    out->from = in->from == HZ_DATE_NONE ? app->today : in->from;
    out->to = in->to == HZ_DATE_NONE ? out->from : in->to;
    if (out->to < out->from) return hz_fail(e, HZ_EINVAL, "to: 结束日期早于开始日期 (ends before it starts)");
    if (out->to - out->from > 366) return hz_fail(e, HZ_EINVAL, "to: 活动最长一年 (at most a year)");
    if (in->capacity < 0 || in->capacity > HZ_CARE_CAPACITY_MAX)
        return hz_fail(e, HZ_EINVAL, "capacity: 应为 1 至 %d (out of range)", HZ_CARE_CAPACITY_MAX);
    if (in->attendees < 0 || in->attendees > 10000000)
        return hz_fail(e, HZ_EINVAL, "attendees: 应为 0 至 10000000 (out of range)");
    hz_strlcpy(out->code, in->code, sizeof out->code);
    hz_strlcpy(out->kind, in->kind, sizeof out->kind);
    out->capacity = in->capacity;
    out->attendees = in->attendees;
    hz_strlcpy(out->created_at, app->now, sizeof out->created_at);
    hz_strlcpy(out->created_by, app->actor, sizeof out->created_by);
    if ((rc = hz_db_begin(app->db, e))) return rc;
    hz_org org;
    if ((rc = hz_authz_org_code(app, in->org, &org, e))) {
        if (rc == HZ_ENOTFOUND) rc = hz_fail(e, HZ_EINVAL, "org: 组织 %s 不存在 (no such org)", in->org);
        goto fail;
    }
    out->org_id = org.id;
    hz_strlcpy(out->org_code, org.code, sizeof out->org_code);
    hz_strlcpy(out->org_name, org.name, sizeof out->org_name);
    hz_strlcpy(out->org_path, org.path, sizeof out->org_path);
    if ((rc = hz_store_activity_insert(app->db, out, e))) {
        if (rc == HZ_ECONFLICT) rc = hz_fail(e, rc, "code: 活动 %s 已存在 (activity exists)", out->code);
        goto fail;
    }
    char object[48], detail[300], d1[HZ_DATE_BUF], d2[HZ_DATE_BUF];
    snprintf(object, sizeof object, "activity:%s", out->code);
    snprintf(detail, sizeof detail, "{\"kind\":\"%s\",\"org\":\"%s\",\"from\":\"%s\",\"to\":\"%s\",\"capacity\":%lld}",
             out->kind, out->org_code, hz_date_format(out->from, d1), hz_date_format(out->to, d2),
             (long long)out->capacity);
    if ((rc = hz_audit(app, "activity.add", object, detail, e))) goto fail;
    return hz_db_commit(app->db, e);
fail:
    hz_db_rollback(app->db);
    return rc;
}

hz_err hz_care_member(hz_app *app, const char *id_number, const char *ref, hz_member *m, hz_errinfo *e) {
    hz_err rc;
    if (ref && *ref) {
        /* a ref is opaque: malformed, missing and out of scope answer alike */
        int64_t id;
        if (!hz_member_ref_parse(ref, &id) || hz_store_member_by_id(app->db, id, m, e) != HZ_OK ||
            hz_authz_member(app, m, e) != HZ_OK)
            return hz_fail(e, HZ_ENOTFOUND, "对象不存在 (not found)");
        return HZ_OK;
    }
    if (hz_norm_is_blank(id_number)) {
        if (strcmp(app->who.scope_kind, "member") != 0) return hz_fail(e, HZ_EINVAL, "id_number: 必填 (required)");
        if ((rc = hz_store_member_by_id(app->db, app->who.scope_member_id, m, e))) return rc;
        return hz_authz_member(app, m, e);
    }
    char id[HZ_ID_LEN + 1];
    if ((rc = hz_norm_id_number(id_number, id, sizeof id, "id_number", e)) ||
        (rc = hz_store_member_by_id_number(app->db, id, m, e)))
        return rc;
    return hz_authz_member(app, m, e);
}

/* The day of a participation or a distribution: given, or the day of a
 * one-day activity, or today; within the activity's dates. */
static hz_err day_of(const hz_app *app, const hz_activity *a, hz_date given, hz_date *out, hz_errinfo *e) {
    *out = given != HZ_DATE_NONE ? given : a->from == a->to ? a->from : app->today;
    if (*out < a->from || *out > a->to) {
        char d[HZ_DATE_BUF], f[HZ_DATE_BUF], t[HZ_DATE_BUF];
        return hz_fail(e, HZ_EINVAL, "date: %s 不在活动 %s 的日期 %s 至 %s 内 (outside the activity's dates)",
                       hz_date_format(*out, d), a->code, hz_date_format(a->from, f), hz_date_format(a->to, t));
    }
    return HZ_OK;
}

static hz_err measure(const hz_activity *a, int64_t v, const char *field, const char *by, int64_t max, hz_errinfo *e) {
    if (v < 0) return HZ_OK;
    const char *ranked = hz_care_ranked_by(a->kind);
    if (!ranked || strcmp(ranked, by) != 0)
        return hz_fail(e, HZ_EINVAL, "%s: %s 活动不记录%s (a %s activity does not take it)", field, a->kind,
                       !strcmp(by, "steps") ? "步数" : "成绩", a->kind);
    if (v > max) return hz_fail(e, HZ_EINVAL, "%s: 应为 0 至 %lld (out of range)", field, (long long)max);
    return HZ_OK;
}

hz_err hz_app_activity_join(hz_app *app, const hz_join_input *in, hz_activity_part *out, hz_errinfo *e) {
    hz_err rc = hz_authz_can_do(app, "care.join", e);
    if (rc) return rc;
    if (hz_norm_is_blank(in->id_number)) return hz_fail(e, HZ_EINVAL, "id_number: 必填 (required)");
    memset(out, 0, sizeof *out);
    if ((rc = hz_db_begin(app->db, e))) return rc;
    hz_list_scope sc = scope(app);
    hz_activity a;
    hz_member m;
    hz_flag flags[32];
    int n_flags;
    bool joined_day, joined;
    int64_t members;
    char d[HZ_DATE_BUF];
    if ((rc = hz_store_activity_by_code(app->db, in->code, &sc, &a, e)) ||
        (rc = hz_care_member(app, in->id_number, NULL, &m, e)) ||
        (rc = measure(&a, in->steps, "steps", "steps", HZ_CARE_STEPS_MAX, e)) ||
        (rc = measure(&a, in->score, "score", "score", HZ_CARE_SCORE_MAX, e)) ||
        (rc = day_of(app, &a, in->day, &out->day, e)))
        goto fail;
    if (!strcmp(a.kind, "screening") && m.sex != 'F') {
        rc = hz_fail(e, HZ_EINVAL, "id_number: 两癌筛查仅限女职工, %s 为男性 (screening is for women only)",
                     m.id_number);
        goto fail;
    }
    if ((rc = hz_store_activity_joined_on(app->db, a.id, m.id, out->day, &joined_day, e))) goto fail;
    if (joined_day) {
        rc = hz_fail(e, HZ_ECONFLICT, "%s 已于 %s 参加活动 %s (once per member, activity and date)", m.id_number,
                     hz_date_format(out->day, d), a.code);
        goto fail;
    }
    if ((rc = hz_store_activity_joined(app->db, a.id, m.id, &joined, e)) ||
        (rc = hz_store_activity_members(app->db, a.id, &members, e)))
        goto fail;
    if (!joined && a.capacity > 0 && members >= a.capacity) {
        rc = hz_fail(e, HZ_ECONFLICT, "活动 %s 名额已满: 容量 %lld 人, 已有 %lld 人 (capacity %lld reached)", a.code,
                     (long long)a.capacity, (long long)members, (long long)a.capacity);
        goto fail;
    }
    if ((rc = hz_store_flags(app->db, m.id, flags, 32, &n_flags, e))) goto fail;
    out->activity_id = a.id;
    out->member_id = m.id;
    hz_strlcpy(out->code, a.code, sizeof out->code);
    hz_strlcpy(out->kind, a.kind, sizeof out->kind);
    hz_strlcpy(out->name, a.name, sizeof out->name);
    hz_strlcpy(out->id_number, m.id_number, sizeof out->id_number);
    hz_strlcpy(out->member_name, m.name, sizeof out->member_name);
    out->steps = in->steps;
    out->score = in->score;
    out->extra = hz_care_extra(a.kind, hz_flag_find(flags, n_flags, "model", out->day) != NULL);
    if ((rc = hz_store_activity_part_insert(app->db, out, app->now, app->actor, e))) {
        if (rc == HZ_ECONFLICT)
            rc = hz_fail(e, rc, "%s 已于 %s 参加活动 %s (once per member, activity and date)", m.id_number,
                         hz_date_format(out->day, d), a.code);
        goto fail;
    }
    char object[48], detail[200], b[HZ_MONEY_BUF];
    snprintf(object, sizeof object, "activity:%s", a.code);
    snprintf(detail, sizeof detail,
             "{\"member\":\"%s\",\"date\":\"%s\",\"steps\":%lld,\"score\":%lld,\"extra\":\"%s\"}", m.id_number,
             hz_date_format(out->day, d), (long long)out->steps, (long long)out->score, hz_money_format(out->extra, b));
    if ((rc = hz_audit(app, "activity.join", object, detail, e))) goto fail;
    return hz_db_commit(app->db, e);
fail:
    hz_db_rollback(app->db);
    return rc;
}

hz_err hz_app_activity_distribute(hz_app *app, const char *code, const char *unit, const char *id_number,
                                  const char *items, hz_date day, hz_errinfo *e) {
    hz_err rc = hz_authz_can_do(app, "care.manage", e);
    if (rc) return rc;
    bool to_unit = !hz_norm_is_blank(unit), to_member = !hz_norm_is_blank(id_number);
    if (to_unit == to_member)
        return hz_fail(e, HZ_EINVAL, "unit: 须指定单位 (unit) 或会员 (id_number) 其中之一 (exactly one of them)");
    if (hz_norm_is_blank(items)) return hz_fail(e, HZ_EINVAL, "items: 必填, 如 \"防暑降温包:200\" (required)");
    hz_relief_item it[HZ_RELIEF_MAX_ITEMS];
    int n;
    if ((rc = hz_relief_items_parse(items, "items", it, &n, e))) return rc;
    if ((rc = hz_db_begin(app->db, e))) return rc;
    hz_list_scope sc = scope(app);
    hz_activity a;
    hz_activity_dist dist;
    memset(&dist, 0, sizeof dist);
    int64_t unit_id = 0, member_id = 0;
    char to[40];
    /* goods are handed out by the organiser: an activity of an org above
     * the caller's is seen, not theirs to hand out from */
    if ((rc = hz_store_activity_by_code(app->db, code, &sc, &a, e))) goto fail;
    if (hz_authz_org_path(app, a.org_path, e)) {
        rc = hz_fail(e, HZ_EFORBIDDEN, "活动 %s 由 %s 组织, 物资由组织者发放 (only the organiser hands out its goods)",
                     a.code, a.org_name);
        goto fail;
    }
    if ((rc = day_of(app, &a, day, &dist.day, e))) goto fail;
    if (to_unit) {
        hz_unit u;
        hz_org org;
        char cc[19];
        if ((rc = hz_norm_credit_code(unit, cc, sizeof cc, "unit", e)) ||
            (rc = hz_store_unit_by_code(app->db, cc, &u, e)) || (rc = hz_store_org_by_id(app->db, u.org_id, &org, e)) ||
            (rc = hz_authz_unit(app, &u, org.path, e)))
            goto fail;
        unit_id = u.id;
        snprintf(to, sizeof to, "unit:%s", u.credit_code);
    } else {
        hz_member m;
        if ((rc = hz_care_member(app, id_number, NULL, &m, e))) goto fail;
        member_id = m.id;
        snprintf(to, sizeof to, "member:%s", m.id_number);
    }
    dist.activity_id = a.id;
    for (int i = 0; i < n; i++) {
        hz_strlcpy(dist.item, it[i].name, sizeof dist.item);
        dist.count = it[i].count;
        if ((rc = hz_store_activity_dist_insert(app->db, &dist, unit_id, member_id, app->now, app->actor, e)))
            goto fail;
    }
    char object[48], detail[400], d[HZ_DATE_BUF], w[300];
    snprintf(object, sizeof object, "activity:%s", a.code);
    snprintf(detail, sizeof detail, "{\"to\":\"%s\",\"date\":\"%s\",\"items\":\"%s\"}", to, hz_date_format(dist.day, d),
             hz_json_text(items, 80, w, sizeof w));
    if ((rc = hz_audit(app, "activity.distribute", object, detail, e))) goto fail;
    return hz_db_commit(app->db, e);
fail:
    hz_db_rollback(app->db);
    return rc;
}

static hz_err can_read(hz_app *app, hz_errinfo *e) { return hz_authz_can_do(app, "care.read", e); }

hz_err hz_app_activity_show(hz_app *app, const char *code, hz_activity *a, hz_item_fn items_fn, void *ctx,
                            hz_rank_row **rows, size_t *n, hz_errinfo *e) {
    *rows = NULL;
    *n = 0;
    hz_err rc = can_read(app, e);
    if (rc) return rc;
    hz_list_scope sc = scope(app);
    if ((rc = hz_store_activity_by_code(app->db, code, &sc, a, e)) ||
        (rc = hz_store_activity_items(app->db, a->id, items_fn, ctx, e)))
        return rc;
    const char *by = hz_care_ranked_by(a->kind);
    if (!by) return HZ_OK;
    hz_rank_row *all;
    size_t total;
    if ((rc = hz_store_activity_totals(app->db, a->id, by, &all, &total, e))) return rc;
    hz_care_rank(all, total);
    /* every place as it stands among all, shown only for members in scope */
    size_t k = 0;
    for (size_t i = 0; i < total; i++) {
        hz_member m;
        hz_errinfo ne;
        if (hz_store_member_by_id(app->db, all[i].member_id, &m, &ne) == HZ_OK &&
            hz_authz_member(app, &m, &ne) == HZ_OK)
            all[k++] = all[i];
    }
    *rows = all;
    *n = k;
    return HZ_OK;
}

hz_err hz_app_activities(hz_app *app, const char *kind, int year, hz_activity_fn fn, void *ctx, hz_errinfo *e) {
    hz_err rc = can_read(app, e);
    if (rc) return rc;
    if (kind && *kind && !hz_care_kind_ok(kind)) return hz_fail(e, HZ_EINVAL, "kind: 未知的活动类别 (unknown kind)");
    if (year && (year < 2000 || year > 2199))
        return hz_fail(e, HZ_EINVAL, "year: 年份应在 2000 至 2199 (out of range)");
    hz_list_scope sc = scope(app);
    return hz_store_activities(app->db, &sc, kind, year, fn, ctx, e);
}

static const char *const act_statuses[] = {"", "upcoming", "ongoing", "ended", NULL};
static const char *const act_sorts[] = {"", "code", "name", "date", "status", "org", NULL}; /* hz_act_sort */
static const hz_list_spec act_spec = {act_statuses, act_sorts, 0, NULL, false, true, true};

static hz_err act_filter(hz_app *app, const hz_activity_query *q, hz_list_buf *b, hz_rec_filter *f, hz_list_scope *sc,
                         hz_errinfo *e) {
    hz_err rc = can_read(app, e);
    if (rc || (rc = hz_list_filter(app, &act_spec, &q->list, b, f, sc, e)) ||
        (rc = hz_list_org(app, q->org, "org", &f->num, e)))
        return rc;
    if (q->kind && *q->kind && !hz_care_kind_ok(q->kind)) return hz_fail(e, HZ_EINVAL, "kind: 未知的活动类别 (unknown kind)");
    if (q->year && (q->year < 2000 || q->year > 2199))
        return hz_fail(e, HZ_EINVAL, "year: 年份应在 2000 至 2199 (out of range)");
    hz_list_year(q->year, b, f);
    f->text = q->kind && *q->kind ? q->kind : "";
    f->text2 = hz_date_format(app->today, b->day);
    return HZ_OK;
}

hz_err hz_app_activities_page(hz_app *app, const hz_activity_query *q, hz_page pg, hz_activity_fn fn, void *ctx,
                              int64_t *total, hz_errinfo *e) {
    hz_list_buf b;
    hz_rec_filter f;
    hz_list_scope sc;
    hz_err rc = act_filter(app, q, &b, &f, &sc, e);
    if (rc || (rc = hz_page_check(&pg, e))) return rc;
    return hz_store_activities_page(app->db, &sc, &f, (pg.page - 1) * pg.per_page, pg.per_page, fn, ctx, total, e);
}

const char *hz_activity_status(const hz_app *app, const hz_activity *a) {
    return a->from > app->today ? "upcoming" : a->to < app->today ? "ended" : "ongoing";
}

static hz_err act_cells(void *vctx, const hz_activity *a, hz_errinfo *e) {
    static const char *const kinds[][2] = {
        {"lecture", "健康讲座"},  {"walk", "健步走"},    {"run", "健康跑"},       {"cool", "送清凉"},
        {"welcome", "迎新"},      {"checkup", "体检"},   {"screening", "两癌筛查"}, {"contest", "劳动竞赛"},
        {"interest", "兴趣小组"}, {"training", "技能培训"}, {"room", "母婴关爱室"}};
    hz_list_export *x = vctx;
    const char *kind = a->kind, *st = hz_activity_status(x->app, a);
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (!strcmp(kinds[i][0], a->kind)) kind = kinds[i][1];
    char from[HZ_DATE_BUF], to[HZ_DATE_BUF], n[4][24];
    snprintf(n[0], sizeof n[0], "%lld", (long long)a->capacity);
    snprintf(n[1], sizeof n[1], "%lld", (long long)a->participants);
    snprintf(n[2], sizeof n[2], "%lld", (long long)a->attendees);
    snprintf(n[3], sizeof n[3], "%lld", (long long)a->items);
    const char *cells[] = {a->code, a->name, kind, a->org_name, hz_date_format(a->from, from), hz_date_format(a->to, to),
                           !strcmp(st, "upcoming") ? "未开始" : !strcmp(st, "ended") ? "已结束" : "进行中",
                           a->capacity ? n[0] : "", n[1], n[2], n[3]};
    return hz_report_add_row(x->r, cells, e);
}

hz_err hz_app_activities_export(hz_app *app, const hz_activity_query *q, hz_report *out, hz_errinfo *e) {
    static const hz_report_col cols[] = {
        {"code", "活动编号", HZ_COL_TEXT},      {"name", "活动名称", HZ_COL_TEXT},
        {"kind", "类别", HZ_COL_TEXT},          {"org_name", "主办组织", HZ_COL_TEXT},
        {"from", "开始日期", HZ_COL_TEXT},      {"to", "结束日期", HZ_COL_TEXT},
        {"status", "状态", HZ_COL_TEXT},        {"capacity", "名额", HZ_COL_TEXT},
        {"participants", "参加会员", HZ_COL_INT}, {"attendees", "到场人数", HZ_COL_INT},
        {"items", "发放物品", HZ_COL_INT},
    };
    hz_list_buf b;
    hz_rec_filter f;
    hz_list_scope sc;
    int64_t total;
    hz_err rc = act_filter(app, q, &b, &f, &sc, e);
    if (rc) return rc;
    hz_report_head(out, "activities", "关爱活动", false, (int)(sizeof cols / sizeof cols[0]), cols);
    hz_list_export x = {app, out};
    return hz_store_activities_page(app->db, &sc, &f, 0, -1, act_cells, &x, &total, e);
}

hz_err hz_app_care_of_member(hz_app *app, const char *id_number, const char *ref, hz_activity_part_fn part_fn,
                             hz_activity_dist_fn dist_fn, void *ctx, hz_errinfo *e) {
    hz_err rc = can_read(app, e);
    hz_member m;
    if (rc || (rc = hz_care_member(app, id_number, ref, &m, e))) return rc;
    if ((rc = hz_store_activity_parts_of_member(app->db, m.id, part_fn, ctx, e))) return rc;
    return hz_store_activity_dists_of_member(app->db, m.id, dist_fn, ctx, e);
}

static hz_err activity_row(void *ctx, const hz_activity_total *t, hz_errinfo *e) {
    char y[12], n[24], p[24], att[24], it[24];
    snprintf(y, sizeof y, "%d", t->year);
    snprintf(n, sizeof n, "%lld", (long long)t->activities);
    snprintf(p, sizeof p, "%lld", (long long)t->participations);
    snprintf(att, sizeof att, "%lld", (long long)t->attendees);
    snprintf(it, sizeof it, "%lld", (long long)t->items);
    const char *cells[] = {y, t->district, t->kind, n, p, att, it};
    return hz_report_add_row(ctx, cells, e);
}

static hz_err item_row(void *ctx, const hz_item_total *t, hz_errinfo *e) {
    char y[12], n[24], u[24], m[24];
    snprintf(y, sizeof y, "%d", t->year);
    snprintf(n, sizeof n, "%lld", (long long)t->count);
    snprintf(u, sizeof u, "%lld", (long long)t->to_units);
    snprintf(m, sizeof m, "%lld", (long long)t->to_members);
    const char *cells[] = {y, t->district, t->item, n, u, m};
    return hz_report_add_row(ctx, cells, e);
}

/* Activities per year, district and kind (the seed's figures: lectures,
 * attendees, packs), then the goods handed out per year, district and
 * item; activities whose first day (goods: whose day) is in [from, to],
 * in the caller's scope. */
static hz_err build_activities(hz_app *app, const hz_report_args *a, hz_report *out, hz_errinfo *e) {
    static const hz_report_col cols[] = {{"year", "年度", HZ_COL_INT},
                                         {"district", "区县", HZ_COL_TEXT},
                                         {"kind", "类别", HZ_COL_TEXT},
                                         {"activities", "活动场次", HZ_COL_INT},
                                         {"participations", "参与人次", HZ_COL_INT},
                                         {"attendees", "受益人数", HZ_COL_INT},
                                         {"items", "发放物资件数", HZ_COL_INT}};
    static const hz_report_col item_cols[] = {
        {"year", "年度", HZ_COL_INT},  {"district", "区县", HZ_COL_TEXT},    {"item", "物资", HZ_COL_TEXT},
        {"count", "件数", HZ_COL_INT}, {"to_units", "发至单位", HZ_COL_INT}, {"to_members", "发至会员", HZ_COL_INT}};
    hz_report_head(out, "activities", "关爱活动与物资发放（按年度、区县）", false, 7, cols);
    hz_list_scope sc; /* narrowed by --org / ?org= like every report's */
    char path[HZ_PATH_MAX];
    hz_err rc = hz_report_scope(app, a, &sc, path, e);
    if (rc || (rc = hz_store_activity_totals_report(app->db, &sc, a->from, a->to, activity_row, out, e)))
        return rc;
    hz_report *part;
    if ((rc = hz_report_add_part(out, &part, e))) return rc;
    hz_report_head(part, "goods", "物资发放（按年度、区县、物资）", false, 6, item_cols);
    return hz_store_item_totals_report(app->db, &sc, a->from, a->to, item_row, part, e);
}

static const hz_report_def care_reports[] = {
    {"activities", "关爱活动与物资发放", build_activities},
    {NULL, NULL, NULL},
};

/* The care module (src/modules.def). */
const hz_app_module hz_app_module_care = {
    .name = "care",
    .demo = hz_care_demo,
    .reports = care_reports,
    .actions = care_actions,
};
