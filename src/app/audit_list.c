/* The audit trail as a list (app/audit_list.h). */
#include "app/audit_list.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/authz.h"
#include "app/registry.h"
#include "core/idcard.h"
#include "core/text.h"

#define COPY(dst, src) hz_strlcpy((dst), (src), sizeof(dst))
#include "store/audit.h"
#include "store/registry.h"

static const char *const audit_statuses[] = {"", NULL}; /* action is its own filter */
static const char *const audit_sorts[] = {"", "at", "action", "actor", "object", NULL}; /* hz_audit_sort */
/* objects name members by ID number: their order would tell masked ones apart */
static const hz_list_spec audit_spec = {audit_statuses, audit_sorts, HZ_AUDIT_SORT_OBJECT, "LP"};

typedef struct {
    hz_list_buf b;
    char action[64], actor[64], object[HZ_NORM_MAX_CHARS + 1], ref[32];
} audit_args;

/* A word of letters, digits and the characters in extra, 1..max bytes. */
static bool word_ok(const char *s, const char *extra, size_t max) {
    size_t n = strlen(s);
    if (n == 0 || n > max) return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || strchr(extra, *s)))
            return false;
    return true;
}

static hz_err audit_filter(hz_app *app, const hz_audit_query *q, audit_args *a, hz_rec_filter *f, hz_list_scope *sc,
                           hz_errinfo *e) {
    hz_err rc = hz_authz_can(app, HZ_A_AUDIT, e);
    hz_list_query l = q->l;
    const char *text = l.q;
    /* the trail has no members' search, units or statuses: a value sent is refused, not ignored */
    if (!rc && l.status && *l.status) rc = hz_fail(e, HZ_EINVAL, "status: 审计日志不按状态筛选, 请用 action (no status here; use action)");
    if (!rc && l.unit && *l.unit) rc = hz_fail(e, HZ_EINVAL, "unit: 审计日志不按单位筛选, 请用 member (no unit here; use member)");
    l.q = l.unit = l.status = NULL;
    if (rc || (rc = hz_list_filter(app, &audit_spec, &l, &a->b, f, sc, e))) return rc;
    bool masked = !hz_authz_sees_identity(app);
    if (text && *text) {
        /* a part of a detail would let a masked caller probe hidden digits */
        if (masked) return hz_fail(e, HZ_EINVAL, "q: 身份证号码已遮蔽, 不能全文检索 (masked roles cannot search details)");
        bool id;
        if ((rc = hz_list_search_text(text, a->b.text, sizeof a->b.text, &id, e))) return rc;
        f->no = a->b.text;
    }
    if (q->action && *q->action) {
        if (!word_ok(q->action, "._", sizeof a->action - 1))
            return hz_fail(e, HZ_EINVAL, "action: 应为操作名, 如 claim.approve 或 claim (an action or its prefix)");
        hz_strlcpy(a->action, q->action, sizeof a->action);
        f->status = a->action;
    }
    if (q->actor && *q->actor) {
        if (!word_ok(q->actor, "._-@", sizeof a->actor - 1))
            return hz_fail(e, HZ_EINVAL, "actor: 应为登录名 (a login)");
        hz_strlcpy(a->actor, q->actor, sizeof a->actor);
        f->text = a->actor;
    }
    if (q->object && *q->object) {
        if (!word_ok(q->object, ":._-@*", sizeof a->object - 1))
            return hz_fail(e, HZ_EINVAL, "object: 应为对象编号, 如理赔编号、批次号或身份证号码 (an object's key)");
        hz_strlcpy(a->object, q->object, sizeof a->object);
        f->id_number = a->object;
        f->id_exact = true;
    }
    if (q->member && *q->member) {
        /* a member is named by ID number, some events by the member's id */
        int64_t id;
        hz_member m;
        if (!hz_member_ref_parse(q->member, &id)) return hz_fail(e, HZ_EINVAL, "member: 应为会员 ref (a member's ref)");
        if ((rc = hz_store_member_by_id(app->db, id, &m, e)))
            return rc == HZ_ENOTFOUND ? hz_fail(e, HZ_ENOTFOUND, "对象不存在 (not found)") : rc;
        if (f->id_number[0]) return hz_fail(e, HZ_EINVAL, "member: 不能与 object 同时使用 (object or member, not both)");
        snprintf(a->object, sizeof a->object, "member:%s", m.id_number);
        snprintf(a->ref, sizeof a->ref, "member:%lld", (long long)m.id);
        f->id_number = a->object;
        f->id_exact = true;
        f->name = a->ref;
        f->name_exact = true;
    }
    if (q->seq && *q->seq) {
        char *end;
        long long n = strtoll(q->seq, &end, 10);
        if (*end || n < 1) return hz_fail(e, HZ_EINVAL, "seq: 应为正整数 (a positive number)");
        f->num = n;
    }
    return HZ_OK;
}

/* Masks every whole ID number (17 digits and a digit or X) in s. */
static void mask_ids(char *s) {
    for (char *p = s; *p; p++) {
        size_t n = 0;
        while (n < 17 && p[n] >= '0' && p[n] <= '9') n++;
        bool id = n == 17 && ((p[17] >= '0' && p[17] <= '9') || p[17] == 'X') &&
                  !(p[18] >= '0' && p[18] <= '9') && (p == s || !(p[-1] >= '0' && p[-1] <= '9'));
        if (id) {
            char whole[HZ_ID_LEN + 1], masked[HZ_ID_LEN + 1];
            memcpy(whole, p, HZ_ID_LEN);
            whole[HZ_ID_LEN] = '\0';
            memcpy(p, hz_id_mask(whole, masked), HZ_ID_LEN);
            p += HZ_ID_LEN - 1;
        }
    }
}

/* The detail as one short line: a JSON object's braces and quotes dropped
 * ("status: approved, total: 400.00"), cut at a character's end. */
static void summary_of(const char *detail, char out[HZ_AUDIT_SUMMARY_MAX]) {
    size_t n = 0, max = HZ_AUDIT_SUMMARY_MAX - 4;
    const char *p = detail;
    bool json = *p == '{';
    if (json) p++;
    for (; *p && n < max; p++) {
        if (json && *p == '"') continue;
        if (json && *p == '}' && !p[1]) break;
        if (json && *p == ':' && n && out[n - 1] != ' ') {
            out[n++] = ':';
            out[n++] = ' ';
            continue;
        }
        if (json && *p == ',' && p[1] == '"') {
            out[n++] = ',';
            out[n++] = ' ';
            continue;
        }
        out[n++] = *p == '\n' || *p == '\r' || *p == '\t' ? ' ' : *p;
    }
    if (*p && n >= max) {
        while (n && ((unsigned char)out[n - 1] & 0xC0) == 0x80) n--; /* back to a character's start */
        if (n && ((unsigned char)out[n - 1] & 0x80)) n--;
        out[n++] = '.', out[n++] = '.', out[n++] = '.';
    }
    out[n] = '\0';
}

typedef struct {
    hz_app *app;
    hz_audit_event_fn fn;
    void *ctx;
    hz_report *r;
} event_ctx;

static void view_of(const hz_app *app, const hz_audit_row *row, hz_audit_event *ev) {
    memset(ev, 0, sizeof *ev);
    ev->seq = row->id;
    COPY(ev->at, row->at);
    COPY(ev->actor, row->actor);
    COPY(ev->action, row->action);
    COPY(ev->object, row->object);
    summary_of(row->detail, ev->summary);
    if (!hz_authz_sees_identity(app)) {
        mask_ids(ev->object);
        mask_ids(ev->summary);
    }
}

static hz_err event_row(void *vctx, const hz_audit_row *row, hz_errinfo *e) {
    event_ctx *c = vctx;
    hz_audit_event ev;
    view_of(c->app, row, &ev);
    if (c->fn) return c->fn(c->ctx, &ev, e);
    char seq[24], at[24];
    snprintf(seq, sizeof seq, "%lld", (long long)ev.seq);
    const char *cells[] = {seq, hz_list_beijing(ev.at, at), ev.actor, ev.action, ev.object, ev.summary};
    return hz_report_add_row(c->r, cells, e);
}

hz_err hz_app_audit_events(hz_app *app, const hz_audit_query *q, hz_page pg, hz_audit_event_fn fn, void *ctx,
                           int64_t *total, hz_errinfo *e) {
    audit_args a;
    hz_rec_filter f;
    hz_list_scope sc;
    hz_err rc = audit_filter(app, q, &a, &f, &sc, e);
    if (rc || (rc = hz_page_check(&pg, e))) return rc;
    event_ctx c = {app, fn, ctx, NULL};
    return hz_store_audit_page(app->db, &sc, &f, (pg.page - 1) * pg.per_page, pg.per_page, event_row, &c, total, e);
}

hz_err hz_app_audit_export(hz_app *app, const hz_audit_query *q, hz_report *out, hz_errinfo *e) {
    static const hz_report_col cols[] = {
        {"seq", "序号", HZ_COL_INT},      {"at", "时间", HZ_COL_TEXT},    {"actor", "操作人", HZ_COL_TEXT},
        {"action", "操作", HZ_COL_TEXT}, {"object", "对象", HZ_COL_TEXT}, {"summary", "摘要", HZ_COL_TEXT},
    };
    audit_args a;
    hz_rec_filter f;
    hz_list_scope sc;
    hz_err rc = audit_filter(app, q, &a, &f, &sc, e);
    if (rc) return rc;
    hz_report_head(out, "audit_events", "审计日志", false, (int)(sizeof cols / sizeof cols[0]), cols);
    event_ctx c = {app, NULL, NULL, out};
    int64_t total;
    return hz_store_audit_page(app->db, &sc, &f, 0, -1, event_row, &c, &total, e);
}
