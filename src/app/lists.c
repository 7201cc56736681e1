/* Scoped lists. */
#include "app/lists.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/authz.h"
#include "app/registry.h"
#include "core/normalize.h"
#include "core/idcard.h"
#include "core/money.h"
#include "core/msg.h"
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

/* The index of s in words (NULL-terminated), or -1. "" and NULL: dflt. */
static int word_of(const char *s, const char *const *words, int dflt) {
    if (!s || !*s) return dflt;
    for (int i = 0; words[i]; i++)
        if (!strcmp(s, words[i])) return i;
    return -1;
}

/* asc / desc (or Element Plus's ascending / descending); dflt when none */
static hz_err order_of(const char *s, bool dflt, bool *desc, hz_errinfo *e) {
    static const char *const words[] = {"asc", "desc", "ascending", "descending", NULL};
    int i = word_of(s, words, dflt ? 1 : 0);
    if (i < 0) return hz_fail(e, HZ_EINVAL, "order: 应为 asc 或 desc (asc or desc)");
    *desc = i % 2 == 1;
    return HZ_OK;
}

/* A plan code as the catalogue writes it (ZY, XYT, LM): upper-cased. */
static hz_err plan_of(const char *s, char out[16], hz_errinfo *e) {
    out[0] = '\0';
    if (!s || !*s) return HZ_OK;
    size_t n = 0;
    for (const char *p = s; *p; p++) {
        char ch = *p >= 'a' && *p <= 'z' ? (char)(*p - 'a' + 'A') : *p;
        if (n >= 15 || !((ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')))
            return hz_fail(e, HZ_EINVAL, "plan: 应为计划代码, 如 ZY (a plan code such as ZY)");
        out[n++] = ch;
    }
    out[n] = '\0';
    return HZ_OK;
}

static hz_err unit_of(hz_app *app, const char *code, int64_t *unit_id, hz_errinfo *e) {
    *unit_id = 0;
    if (!code || !*code) return HZ_OK;
    hz_unit u;
    char norm[19];
    hz_err rc;
    if ((rc = hz_norm_credit_code(code, norm, sizeof norm, "unit", e)) || (rc = hz_store_unit_by_code(app->db, norm, &u, e)))
        return rc;
    *unit_id = u.id;
    return HZ_OK;
}

/* A search box's text: a claim number (LP…), an ID number or a part of a
 * name, folded as the input is (a lowercase x, full-width digits, NBSP). A
 * part of an ID number matches anywhere in the number, but only for those
 * who see numbers in full: a masked caller could otherwise read the hidden
 * digits by probing, so they must type the whole number. Digits also match
 * inside claim numbers. */
typedef struct {
    char text[HZ_NORM_MAX_CHARS * 4 + 1];
    const char *name, *id_number, *claim_no;
    bool id_exact;
} search;

hz_err hz_list_search_text(const char *q, char *out, size_t cap, bool *id, hz_errinfo *e) {
    out[0] = '\0';
    *id = false;
    if (!q || !*q) return HZ_OK;
    if (strlen(q) > HZ_NORM_MAX_CHARS) return hz_fail(e, HZ_EINVAL, "q: 过长 (too long)");
    if (!hz_utf8_valid(q, strlen(q))) return hz_failm(e, HZ_EINVAL, HZ_M_NOT_UTF8, "q");
    *id = hz_norm_search(q, out, cap);
    return HZ_OK;
}

static hz_err search_of(const hz_app *app, const char *q, const char *prefix, search *out, hz_errinfo *e) {
    memset(out, 0, sizeof *out);
    out->name = out->id_number = out->claim_no = "";
    bool id;
    hz_err rc = hz_list_search_text(q, out->text, sizeof out->text, &id, e);
    if (rc || !out->text[0]) return rc;
    if (id) {
        out->id_number = out->text;
        out->id_exact = !hz_authz_sees_identity(app);
        bool digits = true;
        for (const char *p = out->text; *p && digits; p++) digits = *p >= '0' && *p <= '9';
        if (digits) out->claim_no = out->text;
        return HZ_OK;
    }
    if (prefix && prefix[0] && prefix[1] && (out->text[0] | 0x20) == (prefix[0] | 0x20) &&
        (out->text[1] | 0x20) == (prefix[1] | 0x20)) {
        bool no = true;
        for (const char *p = out->text + 2; *p && no; p++) no = *p >= '0' && *p <= '9';
        if (no) {
            out->text[0] = prefix[0], out->text[1] = prefix[1];
            out->claim_no = out->text;
            return HZ_OK;
        }
    }
    out->name = out->text;
    return HZ_OK;
}

static hz_err members_filter(hz_app *app, const hz_member_query *q, search *s, char plan[16], hz_member_filter *f,
                             hz_errinfo *e) {
    static const char *const flags[] = {"", "model", "hardship", "newform", NULL};
    static const char *const covered[] = {"", "active", "expired", "none", NULL};
    static const char *const sorts[] = {"", "name", "id_number", "birth_date", "unit", NULL};
    memset(f, 0, sizeof *f);
    hz_err rc;
    if ((rc = search_of(app, q->q, "LP", s, e)) || (rc = unit_of(app, q->unit, &f->unit_id, e)) ||
        (rc = plan_of(q->plan, plan, e)))
        return rc;
    int flag = word_of(q->flag, flags, 0), cov = word_of(q->covered, covered, 0), sort = word_of(q->sort, sorts, 0);
    if (flag < 0) return hz_fail(e, HZ_EINVAL, "flag: 应为 model、hardship 或 newform (model, hardship or newform)");
    if (cov < 0) return hz_fail(e, HZ_EINVAL, "covered: 应为 active、expired 或 none (active, expired or none)");
    if (sort < 0) return hz_fail(e, HZ_EINVAL, "sort: 应为 name、id_number、birth_date 或 unit");
    /* the order of masked numbers would tell the hidden digits apart */
    if (sort == HZ_MEMBER_SORT_ID_NUMBER && !hz_authz_sees_identity(app))
        return hz_fail(e, HZ_EINVAL, "sort: 身份证号码已遮蔽, 不能按其排序 (masked ID numbers cannot be sorted on)");
    if ((rc = order_of(q->order, false, &f->desc, e))) return rc;
    f->name = s->name;
    f->id_number = s->id_number;
    f->id_exact = s->id_exact;
    f->flag = flags[flag];
    f->plan = plan;
    f->covered = (hz_covered)cov;
    f->sort = (hz_member_sort)sort; /* the words are in the enum's order */
    hz_date_format(app->today, f->today);
    return HZ_OK;
}

hz_err hz_app_members_list(hz_app *app, const hz_member_query *q, hz_page pg, hz_member_row_fn fn, void *ctx,
                           int64_t *total, hz_errinfo *e) {
    hz_err rc;
    if ((rc = hz_authz_can(app, HZ_A_MEMBER_READ, e)) || (rc = hz_page_check(&pg, e))) return rc;
    search s;
    char plan[16];
    hz_member_filter f;
    if ((rc = members_filter(app, q, &s, plan, &f, e))) return rc;
    hz_list_scope sc = scope_of(app);
    return hz_store_members_page(app->db, &sc, &f, (pg.page - 1) * pg.per_page, pg.per_page, fn, ctx, total, e);
}

hz_err hz_app_members_page(hz_app *app, const char *q, const char *unit_code, hz_page pg, hz_member_row_fn fn,
                           void *ctx, int64_t *total, hz_errinfo *e) {
    hz_member_query mq = {.q = q, .unit = unit_code};
    return hz_app_members_list(app, &mq, pg, fn, ctx, total, e);
}

/* The ID number as the caller may see it: masked for cadre and unit. */
const char *hz_list_id(const hz_app *app, const char *id_number, char out[HZ_ID_LEN + 1]) {
    if (hz_authz_sees_identity(app)) hz_strlcpy(out, id_number, HZ_ID_LEN + 1);
    else hz_id_mask(id_number, out);
    return out;
}

/* A stored UTC timestamp (YYYY-MM-DDTHH:MM:SSZ) as Beijing time
 * "YYYY-MM-DD HH:MM:SS"; "" stays "", anything else is copied. */
const char *hz_list_beijing(const char *ts, char out[24]) {
    int y, mo, d, h, mi, sec;
    if (sscanf(ts, "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &sec) != 6 || !hz_date_valid_ymd(y, mo, d)) {
        hz_strlcpy(out, ts, 24);
        return out;
    }
    hz_date day = hz_date_from_ymd(y, mo, d);
    h += 8;
    if (h >= 24) h -= 24, day = hz_date_add_days(day, 1);
    char date[HZ_DATE_BUF];
    snprintf(out, 24, "%s %02d:%02d:%02d", hz_date_format(day, date), h, mi, sec);
    return out;
}

typedef struct {
    hz_app *app;
    hz_report *r;
} export_ctx;

static hz_err member_cells(void *vctx, const hz_member *m, hz_errinfo *e) {
    export_ctx *x = vctx;
    char id[HZ_ID_LEN + 1], birth[HZ_DATE_BUF];
    const char *cells[] = {m->name, hz_list_id(x->app, m->id_number, id), m->sex == 'F' ? "女" : "男",
                           hz_date_format(m->birth, birth), m->unit_name[0] ? m->unit_name : m->org_code,
                           m->unit_code, m->phone};
    return hz_report_add_row(x->r, cells, e);
}

hz_err hz_app_members_export(hz_app *app, const hz_member_query *q, hz_report *out, hz_errinfo *e) {
    static const hz_report_col cols[] = {
        {"name", "姓名", HZ_COL_TEXT},          {"id_number", "身份证号码", HZ_COL_TEXT}, {"sex", "性别", HZ_COL_TEXT},
        {"birth_date", "出生日期", HZ_COL_DATE}, {"unit_name", "会员单位 / 工会", HZ_COL_TEXT},
        {"unit", "统一社会信用代码", HZ_COL_TEXT}, {"phone", "手机号码", HZ_COL_TEXT},
    };
    hz_err rc;
    search s;
    char plan[16];
    hz_member_filter f;
    if ((rc = hz_authz_can(app, HZ_A_MEMBER_READ, e)) || (rc = members_filter(app, q, &s, plan, &f, e))) return rc;
    hz_report_head(out, "members", "会员", false, (int)(sizeof cols / sizeof cols[0]), cols);
    hz_list_scope sc = scope_of(app);
    export_ctx x = {app, out};
    int64_t total;
    return hz_store_members_page(app->db, &sc, &f, 0, -1, member_cells, &x, &total, e);
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

/* [from, to] as Beijing days → [from 00:00, to+1 00:00) Beijing in stored
 * UTC timestamps (Beijing is UTC+8 all year); days: [from, to+1) as days. */
static hz_err day_of(const char *s, int32_t shift, bool days, const char *field, char out[24], hz_errinfo *e) {
    out[0] = '\0';
    if (!s || !*s) return HZ_OK;
    hz_date d;
    hz_err rc = hz_norm_date(s, &d, field, e);
    if (rc) return rc;
    char date[HZ_DATE_BUF];
    hz_date_format(hz_date_add_days(d, days ? shift + 1 : shift), date);
    snprintf(out, 24, "%s%s", date, days ? "" : "T16:00:00Z");
    return HZ_OK;
}
static hz_err day_bound(const char *s, int32_t shift, const char *field, char out[24], hz_errinfo *e) {
    return day_of(s, shift, false, field, out, e);
}

typedef struct {
    search s;
    char plan[16], from[24], to[24];
} claim_args;

static hz_err claims_filter(hz_app *app, const hz_claim_query *q, claim_args *a, hz_claim_filter *f,
                            hz_list_scope *sc, hz_errinfo *e) {
    static const char *const statuses[] = {"", "received", "adjudicated", "approved", "rejected", "paid", "closed", NULL};
    static const char *const sources[] = {"", "application", "proactive", NULL};
    static const char *const sorts[] = {"", "claim_no", "name", "status", "total", "source", "submitted_at", NULL};
    memset(f, 0, sizeof *f);
    *sc = scope_of(app);
    hz_err rc;
    if ((rc = search_of(app, q->q, "LP", &a->s, e)) || (rc = unit_of(app, q->unit, &f->unit_id, e)) ||
        (rc = plan_of(q->plan, a->plan, e)) || (rc = day_bound(q->from, -1, "from", a->from, e)) ||
        (rc = day_bound(q->to, 0, "to", a->to, e)))
        return rc;
    if (a->from[0] && a->to[0] && strcmp(a->from, a->to) >= 0)
        return hz_fail(e, HZ_EINVAL, "from: 晚于 to (from is after to)");
    int status = word_of(q->status, statuses, 0), source = word_of(q->source, sources, 0),
        sort = word_of(q->sort, sorts, 0);
    if (status < 0) return hz_fail(e, HZ_EINVAL, "status: 应为 received、adjudicated、approved、rejected、paid 或 closed");
    if (source < 0) return hz_fail(e, HZ_EINVAL, "source: 应为 application 或 proactive (application or proactive)");
    if (sort < 0) return hz_fail(e, HZ_EINVAL, "sort: 应为 claim_no、name、status、total、source 或 submitted_at");
    if ((rc = order_of(q->order, sort == 0, &f->desc, e))) return rc; /* newest first unless asked */
    if ((q->id_number && *q->id_number) || (q->member_ref && *q->member_ref)) {
        hz_member m;
        char norm[HZ_ID_LEN + 1];
        int64_t id;
        if (q->id_number && *q->id_number) {
            if ((rc = hz_norm_id_number(q->id_number, norm, sizeof norm, "id_number", e)) ||
                (rc = hz_store_member_by_id_number(app->db, norm, &m, e)))
                return rc;
        } else if (!hz_member_ref_parse(q->member_ref, &id)) {
            return hz_fail(e, HZ_ENOTFOUND, "对象不存在 (not found)");
        } else if ((rc = hz_store_member_by_id(app->db, id, &m, e))) {
            return rc == HZ_ENOTFOUND ? hz_fail(e, HZ_ENOTFOUND, "对象不存在 (not found)") : rc;
        }
        if ((rc = hz_authz_member(app, &m, e)))
            /* by ref the answer must not name the member it hides */
            return q->id_number && *q->id_number ? rc : hz_fail(e, HZ_ENOTFOUND, "对象不存在 (not found)");
        if (sc->member_id && sc->member_id != m.id) return hz_fail(e, HZ_ENOTFOUND, "对象不存在 (not found)");
        sc->member_id = m.id;
    }
    f->name = a->s.name;
    f->id_number = a->s.id_number;
    f->claim_no = a->s.claim_no;
    f->id_exact = a->s.id_exact;
    f->status = statuses[status];
    f->plan = a->plan;
    f->from = a->from;
    f->to = a->to;
    f->proactive = source - 1; /* -1 any, 0 application, 1 proactive */
    f->sort = (hz_claim_sort)sort;
    return HZ_OK;
}

hz_err hz_app_claims_list(hz_app *app, const hz_claim_query *q, hz_page pg, hz_claim_row_fn fn, void *ctx,
                          int64_t *total, hz_errinfo *e) {
    hz_err rc;
    if ((rc = hz_authz_can(app, HZ_A_CLAIM_READ, e)) || (rc = hz_page_check(&pg, e))) return rc;
    claim_args a;
    hz_claim_filter f;
    hz_list_scope sc;
    if ((rc = claims_filter(app, q, &a, &f, &sc, e))) return rc;
    return hz_store_claims_page(app->db, &sc, &f, (pg.page - 1) * pg.per_page, pg.per_page, fn, ctx, total, e);
}

hz_err hz_app_claims_page(hz_app *app, const char *status, const char *id_number, const char *member_ref, hz_page pg,
                          hz_claim_row_fn fn, void *ctx, int64_t *total, hz_errinfo *e) {
    hz_claim_query q = {.status = status, .id_number = id_number, .member_ref = member_ref};
    return hz_app_claims_list(app, &q, pg, fn, ctx, total, e);
}

static const char *status_label(const char *s) {
    return !strcmp(s, "received")      ? "待补材料"
           : !strcmp(s, "adjudicated") ? "待审核"
           : !strcmp(s, "approved")    ? "已审批"
           : !strcmp(s, "rejected")    ? "已拒绝"
           : !strcmp(s, "paid")        ? "已支付"
           : !strcmp(s, "closed")      ? "已结案（无给付）"
                                       : s;
}

static hz_err claim_cells(void *vctx, const hz_claim_row *c, hz_errinfo *e) {
    export_ctx *x = vctx;
    char id[HZ_ID_LEN + 1], total[HZ_MONEY_BUF], t[3][24];
    const char *cells[] = {c->claim_no,
                           c->name,
                           hz_list_id(x->app, c->id_number, id),
                           c->unit_name,
                           status_label(c->status),
                           hz_money_format(c->total, total),
                           c->proactive ? "免申即享" : "申请",
                           hz_list_beijing(c->submitted_at, t[0]),
                           hz_list_beijing(c->documents_complete_at, t[1]),
                           hz_list_beijing(c->paid_at, t[2])};
    return hz_report_add_row(x->r, cells, e);
}

hz_err hz_app_claims_export(hz_app *app, const hz_claim_query *q, hz_report *out, hz_errinfo *e) {
    static const hz_report_col cols[] = {
        {"claim_no", "理赔编号", HZ_COL_TEXT},   {"name", "姓名", HZ_COL_TEXT},
        {"id_number", "身份证号码", HZ_COL_TEXT}, {"unit_name", "会员单位 / 工会", HZ_COL_TEXT},
        {"status", "状态", HZ_COL_TEXT},         {"total", "合计（元）", HZ_COL_MONEY},
        {"source", "来源", HZ_COL_TEXT},         {"submitted_at", "受理时间", HZ_COL_TEXT},
        {"documents_complete_at", "材料齐全时间", HZ_COL_TEXT}, {"paid_at", "支付时间", HZ_COL_TEXT},
    };
    hz_err rc;
    claim_args a;
    hz_claim_filter f;
    hz_list_scope sc;
    if ((rc = hz_authz_can(app, HZ_A_CLAIM_READ, e)) || (rc = claims_filter(app, q, &a, &f, &sc, e))) return rc;
    hz_report_head(out, "claims", "理赔", false, (int)(sizeof cols / sizeof cols[0]), cols);
    export_ctx x = {app, out};
    int64_t total;
    return hz_store_claims_page(app->db, &sc, &f, 0, -1, claim_cells, &x, &total, e);
}

/* "name: 应为 a、b 或 c" of words[1..] */
static hz_err not_one_of(const char *name, const char *const *words, hz_errinfo *e) {
    char list[256] = "";
    size_t n = 0;
    int count = 0;
    while (words[count + 1]) count++;
    for (int i = 1; words[i] && n < sizeof list; i++)
        n += (size_t)snprintf(list + n, sizeof list - n, "%s%s", i == 1 ? "" : i == count ? " 或 " : "、", words[i]);
    return hz_fail(e, HZ_EINVAL, "%s: 应为 %s (one of these)", name, list);
}

hz_err hz_list_filter(hz_app *app, const hz_list_spec *spec, const hz_list_query *q, hz_list_buf *b, hz_rec_filter *f,
                      hz_list_scope *sc, hz_errinfo *e) {
    memset(f, 0, sizeof *f);
    *sc = scope_of(app);
    search s;
    hz_err rc;
    if ((rc = search_of(app, q->q, spec->no_prefix, &s, e)) || (rc = unit_of(app, q->unit, &f->unit_id, e)) ||
        (rc = day_of(q->from, -1, spec->days, "from", b->from, e)) || (rc = day_of(q->to, 0, spec->days, "to", b->to, e)))
        return rc;
    if (b->from[0] && b->to[0] && strcmp(b->from, b->to) >= 0)
        return hz_fail(e, HZ_EINVAL, "from: 晚于 to (from is after to)");
    int status = word_of(q->status, spec->statuses, 0), sort = word_of(q->sort, spec->sorts, 0);
    if (status < 0) return not_one_of("status", spec->statuses, e);
    if (sort < 0) return not_one_of("sort", spec->sorts, e);
    bool masked = !hz_authz_sees_identity(app);
    if (sort && sort == spec->name_sort && masked)
        return hz_fail(e, HZ_EINVAL, "sort: 姓名已遮蔽, 不能按其排序 (masked names cannot be sorted on)");
    if ((rc = order_of(q->order, sort == 0 && !spec->oldest_first, &f->desc, e))) return rc; /* newest first unless asked */
    memcpy(b->text, s.text, sizeof b->text);
    size_t i = 0;
    for (; b->text[i]; i++) b->folded[i] = b->text[i] >= 'A' && b->text[i] <= 'Z' ? (char)(b->text[i] + 32) : b->text[i];
    b->folded[i] = '\0';
    if (spec->any_text && b->text[0]) f->name = f->no = b->folded;
    else f->name = s.name[0] ? b->text : "", f->no = s.claim_no[0] ? b->text : "";
    f->name_exact = masked && !spec->any_text; /* a part of a hidden name would tell its hidden characters */
    f->id_number = s.id_number[0] ? b->text : "";
    f->id_exact = s.id_exact;
    f->status = spec->statuses[status];
    f->from = b->from;
    f->to = b->to;
    f->sort = sort;
    return HZ_OK;
}

hz_err hz_list_org(hz_app *app, const char *code, const char *field, int64_t *org_id, hz_errinfo *e) {
    *org_id = 0;
    if (!code || !*code) return HZ_OK;
    char up[HZ_CODE_MAX];
    size_t n = 0;
    for (const char *p = code; *p && n + 1 < sizeof up; p++) up[n++] = *p >= 'a' && *p <= 'z' ? (char)(*p - 32) : *p;
    up[n] = '\0';
    hz_org o;
    hz_errinfo ne;
    hz_err rc = hz_store_org_by_code(app->db, up, &o, &ne);
    if (rc == HZ_ENOTFOUND) return hz_fail(e, HZ_EINVAL, "%s: 没有代码为 %s 的组织 (no such organisation)", field, code);
    if (rc) return hz_fail(e, rc, "%s", ne.msg);
    *org_id = o.id;
    return HZ_OK;
}

void hz_list_year(int year, hz_list_buf *b, hz_rec_filter *f) {
    if (!year) return;
    char from[24], to[24];
    snprintf(from, sizeof from, "%04d-01-01", year);
    snprintf(to, sizeof to, "%04d-01-01", year + 1);
    if (!b->from[0] || strcmp(from, b->from) > 0) memcpy(b->from, from, sizeof from);
    if (!b->to[0] || strcmp(to, b->to) < 0) memcpy(b->to, to, sizeof to);
    f->from = b->from;
    f->to = b->to;
}

hz_err hz_list_bool(const char *s, const char *field, int *out, hz_errinfo *e) {
    *out = -1;
    if (!s || !*s) return HZ_OK;
    if (strcmp(s, "0") && strcmp(s, "1")) return hz_fail(e, HZ_EINVAL, "%s: 应为 0 或 1 (0 or 1)", field);
    *out = s[0] == '1';
    return HZ_OK;
}

/* ---- units (issue 16) ------------------------------------------------- */

static const char *const unit_statuses[] = {"", "active", "empty", NULL};
static const char *const unit_sorts[] = {"", "code", "name", "org", "members", "created_at", NULL}; /* hz_unit_sort */
static const hz_list_spec unit_spec = {unit_statuses, unit_sorts, 0, NULL, true, false, true};

static hz_err units_filter(hz_app *app, const hz_unit_query *q, hz_list_buf *b, hz_rec_filter *f, hz_list_scope *sc,
                           hz_errinfo *e) {
    hz_err rc = hz_authz_can(app, HZ_A_MEMBER_READ, e);
    if (rc || (rc = hz_list_filter(app, &unit_spec, &q->list, b, f, sc, e))) return rc;
    return hz_list_org(app, q->org, "org", &f->num, e);
}

hz_err hz_app_units_list(hz_app *app, const hz_unit_query *q, hz_page pg, hz_unit_item_fn fn, void *ctx,
                         int64_t *total, hz_errinfo *e) {
    hz_list_buf b;
    hz_rec_filter f;
    hz_list_scope sc;
    hz_err rc = units_filter(app, q, &b, &f, &sc, e);
    if (rc || (rc = hz_page_check(&pg, e))) return rc;
    return hz_store_units_list(app->db, &sc, &f, (pg.page - 1) * pg.per_page, pg.per_page, fn, ctx, total, e);
}

static hz_err unit_cells(void *vctx, const hz_unit_item *u, hz_errinfo *e) {
    hz_list_export *x = vctx;
    char members[24], at[24];
    snprintf(members, sizeof members, "%lld", (long long)u->members);
    const char *cells[] = {u->unit.credit_code, u->unit.name, u->unit.org_code, u->org_name, members,
                           hz_list_beijing(u->created_at, at)};
    return hz_report_add_row(x->r, cells, e);
}

hz_err hz_app_units_export(hz_app *app, const hz_unit_query *q, hz_report *out, hz_errinfo *e) {
    static const hz_report_col cols[] = {
        {"code", "统一社会信用代码", HZ_COL_TEXT}, {"name", "单位名称", HZ_COL_TEXT},
        {"org", "所属工会代码", HZ_COL_TEXT},      {"org_name", "所属工会", HZ_COL_TEXT},
        {"members", "会员人数", HZ_COL_INT},       {"created_at", "登记时间", HZ_COL_TEXT},
    };
    hz_list_buf b;
    hz_rec_filter f;
    hz_list_scope sc;
    int64_t n;
    hz_err rc = units_filter(app, q, &b, &f, &sc, e);
    if (rc) return rc;
    hz_report_head(out, "units", "会员单位", false, (int)(sizeof cols / sizeof cols[0]), cols);
    hz_list_export x = {app, out};
    return hz_store_units_list(app->db, &sc, &f, 0, -1, unit_cells, &x, &n, e);
}

/* ---- the organisation tree's counts ----------------------------------- */

typedef struct {
    char path[HZ_PATH_MAX];
    int64_t units, members;
} org_count;

typedef struct {
    org_count *v;
    size_t n, cap;
} org_counts;

static hz_err count_one(void *vctx, const char *path, int64_t units, int64_t members, hz_errinfo *e) {
    org_counts *c = vctx;
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 64;
        org_count *v = realloc(c->v, cap * sizeof *v);
        if (!v) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
        c->v = v, c->cap = cap;
    }
    hz_strlcpy(c->v[c->n].path, path, HZ_PATH_MAX);
    c->v[c->n].units = units, c->v[c->n].members = members;
    c->n++;
    return HZ_OK;
}

typedef struct {
    const org_counts *c;
    hz_org_counted_fn fn;
    void *ctx;
} counted_ctx;

/* the org's subtree: every counted org whose path begins with its path */
static hz_err counted_row(void *vctx, const hz_org *o, hz_errinfo *e) {
    counted_ctx *x = vctx;
    int64_t units = 0, members = 0;
    size_t len = strlen(o->path);
    for (size_t i = 0; i < x->c->n; i++)
        if (!strncmp(x->c->v[i].path, o->path, len)) units += x->c->v[i].units, members += x->c->v[i].members;
    return x->fn(x->ctx, o, units, members, e);
}

hz_err hz_app_orgs_counted(hz_app *app, hz_page pg, hz_org_counted_fn fn, void *ctx, int64_t *total, hz_errinfo *e) {
    hz_err rc;
    if ((rc = hz_authz_can(app, HZ_A_MEMBER_READ, e)) || (rc = hz_page_check(&pg, e))) return rc;
    const char *path = !strcmp(app->who.scope_kind, "org") ? app->who.scope_path : "";
    if (!strcmp(app->who.scope_kind, "unit") || !strcmp(app->who.scope_kind, "member")) path = "\x01"; /* none */
    org_counts c = {NULL, 0, 0};
    if (!(rc = hz_store_org_counts(app->db, path, count_one, &c, e))) {
        counted_ctx x = {&c, fn, ctx};
        rc = hz_store_orgs_page(app->db, path, (pg.page - 1) * pg.per_page, pg.per_page, counted_row, &x, total, e);
    }
    free(c.v);
    return rc;
}
