/* SQL of the notices outbox (store/notices.h) and the notices module's
 * migrations. */
#include "store/notices.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/rows.h"
#include "store/store.h"

#define N_COLS                                                                                                     \
    "n.id, n.notice_no, n.event_key, n.kind, n.object, n.member_id, m.id_number, m.name, COALESCE(m.phone, ''),"   \
    " n.title, n.body, n.detail, n.status, n.attempts, n.next_at, COALESCE(n.lease_until, 0),"                    \
    " COALESCE(n.channel, ''), COALESCE(n.last_error, ''), n.created_at, COALESCE(n.sent_at, '')"
#define N_FROM " FROM notice n JOIN member m ON m.id = n.member_id"
#define N_SCOPE_JOIN " LEFT JOIN unit u ON u.id = m.unit_id LEFT JOIN org o ON o.id = COALESCE(u.org_id, m.org_id)"
#define N_WHERE                                                                                                    \
    " WHERE (?1 = '' OR substr(o.path, 1, length(?1)) = ?1) AND (?2 = 0 OR m.unit_id = ?2) AND (?3 = 0 OR m.id = ?3)" \
    " AND (?4 = '' OR n.status = ?4) AND (?5 = 0 OR n.member_id = ?5)"
/* due: pending whose time came, or sending whose lease ran out (a worker
 * that died mid-delivery) */
#define N_DUE "((status = 'pending' AND next_at <= ?1) OR (status = 'sending' AND lease_until <= ?1))"

static const char q_ins[] =
    "INSERT INTO notice (notice_no, event_key, kind, object, member_id, title, body, detail, status, attempts,"
    " next_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, 0, ?)"
    " ON CONFLICT (event_key) DO NOTHING RETURNING id";
static const char q_no[] = "UPDATE notice SET notice_no = ? WHERE id = ?";
static const char q_claim[] = "UPDATE notice SET status = 'sending', attempts = attempts + 1, lease_until = ?2"
                              " WHERE id = (SELECT id FROM notice WHERE " N_DUE " ORDER BY id LIMIT 1) AND " N_DUE
                              " RETURNING id";
static const char q_by_id[] = "SELECT " N_COLS N_FROM " WHERE n.id = ?";
static const char q_by_no[] = "SELECT " N_COLS N_FROM " WHERE n.notice_no = ?";
static const char q_outcome[] =
    "UPDATE notice SET status = ?1, channel = ?2, next_at = ?3, last_error = ?4, lease_until = NULL,"
    " sent_at = CASE WHEN ?1 = 'sent' THEN ?5 ELSE sent_at END WHERE id = ?6 AND attempts = ?7 AND status = 'sending'"
    " RETURNING id";
static const char q_retry[] = "UPDATE notice SET status = 'pending', attempts = 0, next_at = ?, last_error = NULL"
                              " WHERE notice_no = ? AND status = 'failed' RETURNING id";
static const char q_page[] = "SELECT " N_COLS N_FROM N_SCOPE_JOIN N_WHERE " ORDER BY n.id DESC LIMIT ?6 OFFSET ?7";
static const char q_count[] = "SELECT count(*)" N_FROM N_SCOPE_JOIN N_WHERE;
static const char q_next_due[] =
    "SELECT COALESCE(MIN(CASE WHEN status = 'pending' THEN next_at ELSE lease_until END), 0) FROM notice"
    " WHERE status = 'pending' OR status = 'sending'";
static const char q_opted[] = "SELECT count(*) FROM notice_pref WHERE member_id = ? AND channel = ?"
                              " AND (kind = ? OR kind = '*')";
static const char q_pref_on[] = "DELETE FROM notice_pref WHERE member_id = ? AND channel = ? AND kind = ?";
static const char q_pref_off[] =
    "INSERT INTO notice_pref (member_id, channel, kind, set_at, set_by) VALUES (?, ?, ?, ?, ?)"
    " ON CONFLICT (member_id, channel, kind) DO UPDATE SET set_at = excluded.set_at, set_by = excluded.set_by";
static const char q_prefs[] = "SELECT channel, kind FROM notice_pref WHERE member_id = ? ORDER BY channel, kind";

static void read_row(hz_stmt *st, hz_notice *n) {
    memset(n, 0, sizeof *n);
    n->id = hz_stmt_col_int(st, 0);
    HZ_COPY(n->notice_no, hz_stmt_col_text(st, 1));
    HZ_COPY(n->event_key, hz_stmt_col_text(st, 2));
    HZ_COPY(n->kind, hz_stmt_col_text(st, 3));
    HZ_COPY(n->object, hz_stmt_col_text(st, 4));
    n->member_id = hz_stmt_col_int(st, 5);
    HZ_COPY(n->id_number, hz_stmt_col_text(st, 6));
    HZ_COPY(n->member_name, hz_stmt_col_text(st, 7));
    HZ_COPY(n->phone, hz_stmt_col_text(st, 8));
    HZ_COPY(n->title, hz_stmt_col_text(st, 9));
    HZ_COPY(n->body, hz_stmt_col_text(st, 10));
    HZ_COPY(n->detail, hz_stmt_col_text(st, 11));
    HZ_COPY(n->status, hz_stmt_col_text(st, 12));
    n->attempts = (int)hz_stmt_col_int(st, 13);
    n->next_at_ms = hz_stmt_col_int(st, 14);
    n->lease_until_ms = hz_stmt_col_int(st, 15);
    HZ_COPY(n->channel, hz_stmt_col_text(st, 16));
    HZ_COPY(n->last_error, hz_stmt_col_text(st, 17));
    HZ_COPY(n->created_at, hz_stmt_col_text(st, 18));
    HZ_COPY(n->sent_at, hz_stmt_col_text(st, 19));
}

void hz_store_notice_number(hz_notice *n) { snprintf(n->notice_no, sizeof n->notice_no, "TZ%010lld", (long long)n->id); }

hz_err hz_store_notice_add(hz_db *db, hz_notice *n, bool *created, hz_errinfo *e) {
    hz_stmt *st;
    bool row;
    hz_err rc = hz_db_stmt(db, q_ins, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, n->event_key); /* a unique placeholder until the number is known */
    hz_stmt_text(st, 2, n->event_key);
    hz_stmt_text(st, 3, n->kind);
    hz_stmt_text(st, 4, n->object);
    hz_stmt_int(st, 5, n->member_id);
    hz_stmt_text(st, 6, n->title);
    hz_stmt_text(st, 7, n->body);
    hz_stmt_text(st, 8, n->detail);
    hz_stmt_text(st, 9, n->created_at);
    if ((rc = hz_stmt_step(st, &row, e))) return rc;
    *created = row;
    n->id = row ? hz_stmt_col_int(st, 0) : 0;
    hz_stmt_reset(st);
    if (!row) return HZ_OK;
    hz_store_notice_number(n);
    if ((rc = hz_db_stmt(db, q_no, &st, e))) return rc;
    hz_stmt_text(st, 1, n->notice_no);
    hz_stmt_int(st, 2, n->id);
    return hz_stmt_run(st, e);
}

static hz_err one(hz_db *db, const char *sql, int64_t id, const char *no, hz_notice *out, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, sql, &st, e);
    if (rc) return rc;
    if (no) hz_stmt_text(st, 1, no);
    else hz_stmt_int(st, 1, id);
    if ((rc = hz_row_one(st, "", e))) {
        if (rc == HZ_ENOTFOUND) hz_fail(e, rc, "通知 %s 不存在 (no such notice)", no ? no : "");
        return rc;
    }
    read_row(st, out);
    hz_stmt_reset(st);
    return HZ_OK;
}

hz_err hz_store_notice_by_no(hz_db *db, const char *notice_no, hz_notice *out, hz_errinfo *e) {
    return one(db, q_by_no, 0, notice_no, out, e);
}

hz_err hz_store_notice_claim(hz_db *db, int64_t now_ms, int64_t lease_ms, hz_notice *out, bool *found,
                             hz_errinfo *e) {
    hz_stmt *st;
    bool row;
    hz_err rc = hz_db_stmt(db, q_claim, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, now_ms);
    hz_stmt_int(st, 2, now_ms + lease_ms);
    if ((rc = hz_stmt_step(st, &row, e))) return rc;
    int64_t id = row ? hz_stmt_col_int(st, 0) : 0;
    hz_stmt_reset(st);
    *found = row;
    return row ? one(db, q_by_id, id, NULL, out, e) : HZ_OK;
}

hz_err hz_store_notice_outcome(hz_db *db, int64_t id, int attempts, const char *status, const char *channel,
                               int64_t next_at_ms, const char *error, const char *now, bool *changed,
                               hz_errinfo *e) {
    hz_stmt *st;
    bool row;
    hz_err rc = hz_db_stmt(db, q_outcome, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, status);
    hz_stmt_text(st, 2, channel);
    hz_stmt_int(st, 3, next_at_ms);
    hz_bind_opt_text(st, 4, error);
    hz_stmt_text(st, 5, now);
    hz_stmt_int(st, 6, id);
    hz_stmt_int(st, 7, attempts);
    if ((rc = hz_stmt_step(st, &row, e))) return rc;
    hz_stmt_reset(st);
    *changed = row;
    return HZ_OK;
}

hz_err hz_store_notice_retry(hz_db *db, const char *notice_no, int64_t now_ms, hz_errinfo *e) {
    hz_notice n;
    hz_stmt *st;
    bool row;
    hz_err rc = hz_store_notice_by_no(db, notice_no, &n, e);
    if (rc || (rc = hz_db_stmt(db, q_retry, &st, e))) return rc;
    hz_stmt_int(st, 1, now_ms);
    hz_stmt_text(st, 2, notice_no);
    if ((rc = hz_stmt_step(st, &row, e))) return rc;
    hz_stmt_reset(st);
    if (!row)
        return hz_fail(e, HZ_ECONFLICT, "通知 %s 状态为 %s, 只有发送失败的通知可以重发 (only a failed notice is retried)",
                       notice_no, n.status);
    return HZ_OK;
}

hz_err hz_store_notices_page(hz_db *db, const hz_list_scope *sc, const char *status, int64_t member_id,
                             int64_t offset, int64_t limit, hz_notice_fn fn, void *ctx, int64_t *total,
                             hz_errinfo *e) {
    for (int pass = 0; pass < 2; pass++) {
        hz_stmt *st;
        hz_err rc = hz_db_stmt(db, pass ? q_page : q_count, &st, e);
        if (rc) return rc;
        hz_stmt_text(st, 1, sc->org_path ? sc->org_path : "");
        hz_stmt_int(st, 2, sc->unit_id);
        hz_stmt_int(st, 3, sc->member_id);
        hz_stmt_text(st, 4, status ? status : "");
        hz_stmt_int(st, 5, member_id);
        if (!pass) {
            if ((rc = hz_row_int(st, total, e))) return rc;
            continue;
        }
        hz_stmt_int(st, 6, limit);
        hz_stmt_int(st, 7, offset);
        bool row;
        hz_notice *n = malloc(sizeof *n);
        if (!n) {
            hz_stmt_reset(st);
            return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
        }
        while (!(rc = hz_stmt_step(st, &row, e)) && row) {
            read_row(st, n);
            if ((rc = fn(ctx, n, e))) break;
        }
        free(n);
        hz_stmt_reset(st);
        if (rc) return rc;
    }
    return HZ_OK;
}

hz_err hz_store_notices_next_due(hz_db *db, int64_t *out_ms, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_next_due, &st, e);
    return rc ? rc : hz_row_int(st, out_ms, e);
}

hz_err hz_store_notice_opted_out(hz_db *db, int64_t member_id, const char *channel, const char *kind, bool *out,
                                 hz_errinfo *e) {
    hz_stmt *st;
    int64_t n = 0;
    hz_err rc = hz_db_stmt(db, q_opted, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, member_id);
    hz_stmt_text(st, 2, channel);
    hz_stmt_text(st, 3, kind);
    if ((rc = hz_row_int(st, &n, e))) return rc;
    *out = n > 0;
    return HZ_OK;
}

hz_err hz_store_notice_pref_set(hz_db *db, int64_t member_id, const char *channel, const char *kind, bool off,
                                const char *now, const char *by, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, off ? q_pref_off : q_pref_on, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, member_id);
    hz_stmt_text(st, 2, channel);
    hz_stmt_text(st, 3, kind);
    if (off) {
        hz_stmt_text(st, 4, now);
        hz_stmt_text(st, 5, by);
    }
    return hz_stmt_run(st, e);
}

hz_err hz_store_notice_prefs(hz_db *db, int64_t member_id, hz_notice_pref_fn fn, void *ctx, hz_errinfo *e) {
    hz_stmt *st;
    bool row;
    hz_err rc = hz_db_stmt(db, q_prefs, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, member_id);
    while (!(rc = hz_stmt_step(st, &row, e)) && row)
        if ((rc = fn(ctx, hz_stmt_col_text(st, 0), hz_stmt_col_text(st, 1), e))) break;
    hz_stmt_reset(st);
    return rc;
}

static const char *const notices_migrations[] = {
    /* 1: the outbox and the members' opt-outs (docs/decisions.md "Notices") */
    "CREATE TABLE notice ("
    " id ID_PK,"
    " notice_no TEXT NOT NULL UNIQUE,"
    " event_key TEXT NOT NULL UNIQUE,"
    " kind TEXT NOT NULL,"
    " object TEXT NOT NULL,"
    " member_id BIGINT NOT NULL REFERENCES member(id),"
    " title TEXT NOT NULL,"
    " body TEXT NOT NULL,"
    " detail TEXT NOT NULL,"
    " status TEXT NOT NULL CHECK (status = 'pending' OR status = 'sending' OR status = 'sent' OR status = 'failed'"
    "  OR status = 'skipped'),"
    " attempts BIGINT NOT NULL DEFAULT 0,"
    " next_at BIGINT NOT NULL DEFAULT 0,"
    " lease_until BIGINT,"
    " channel TEXT,"
    " last_error TEXT,"
    " created_at TEXT NOT NULL,"
    " sent_at TEXT) /*STRICT*/;"
    "CREATE INDEX notice_due ON notice (status, next_at);"
    "CREATE INDEX notice_member ON notice (member_id, id);"
    "CREATE TABLE notice_pref ("
    " member_id BIGINT NOT NULL REFERENCES member(id),"
    " channel TEXT NOT NULL CHECK (channel = 'webhook' OR channel = 'sms' OR channel = 'wechat'),"
    " kind TEXT NOT NULL,"
    " set_at TEXT NOT NULL,"
    " set_by TEXT NOT NULL,"
    " PRIMARY KEY (member_id, channel, kind)) /*STRICT*/;",
};

static const hz_store_check notices_checks[] = {
    /* a notice being sent holds a lease; one at rest holds none */
    {"notice.lease", "SELECT 'notice:' || notice_no, 0, 1 FROM notice WHERE (status = 'sending')"
                     " <> (lease_until IS NOT NULL) LIMIT 1"},
};

const hz_store_module hz_store_module_notices = {
    .name = "notices",
    .migrations = notices_migrations,
    .n_migrations = HZ_COUNT(notices_migrations),
    .checks = notices_checks,
    .n_checks = HZ_COUNT(notices_checks),
};

/* The outbox as a list (issue 16): the member's name and ID number and the
 * notice's number searched; status; the member's unit; from / to on
 * created_at; text: a kind; num: one member. */
#define N_LIST_WHERE HZ_REC_WHERE("n.notice_no", "n.status", "n.created_at", "n.kind", "n.member_id")
#define Q_N_LIST(order) "SELECT " N_COLS N_FROM HZ_REC_JOIN N_LIST_WHERE " ORDER BY " order HZ_REC_PAGE
static const char *const q_n_list[HZ_NOTICE_SORTS][2] = {
    {Q_N_LIST("n.id"), Q_N_LIST("n.id DESC")},
    {Q_N_LIST("n.notice_no, n.id"), Q_N_LIST("n.notice_no DESC, n.id DESC")},
    {Q_N_LIST("m.name, n.id"), Q_N_LIST("m.name DESC, n.id DESC")},
    {Q_N_LIST("n.kind, n.id"), Q_N_LIST("n.kind DESC, n.id DESC")},
    {Q_N_LIST("n.status, n.id"), Q_N_LIST("n.status DESC, n.id DESC")},
    {Q_N_LIST("n.attempts, n.id"), Q_N_LIST("n.attempts DESC, n.id DESC")},
    {Q_N_LIST("n.created_at, n.id"), Q_N_LIST("n.created_at DESC, n.id DESC")},
    {Q_N_LIST("COALESCE(n.sent_at, ''), n.id"), Q_N_LIST("COALESCE(n.sent_at, '') DESC, n.id DESC")},
};
static const char q_n_list_count[] = "SELECT count(*)" N_FROM HZ_REC_JOIN N_LIST_WHERE;

typedef struct {
    hz_notice_fn fn;
    void *ctx;
    hz_notice *n; /* one row's room (a notice is large) */
} n_list_ctx;

static hz_err n_list_row(void *vctx, hz_stmt *st, hz_errinfo *e) {
    n_list_ctx *c = vctx;
    read_row(st, c->n);
    return c->fn(c->ctx, c->n, e);
}

hz_err hz_store_notices_list(hz_db *db, const hz_list_scope *sc, const hz_rec_filter *f, int64_t offset,
                             int64_t limit, hz_notice_fn fn, void *ctx, int64_t *total, hz_errinfo *e) {
    if (f->sort < 0 || f->sort >= HZ_NOTICE_SORTS) return hz_fail(e, HZ_EINTERNAL, "notices: sort %d", f->sort);
    n_list_ctx c = {fn, ctx, malloc(sizeof(hz_notice))};
    if (!c.n) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    hz_err rc = hz_store_rec_page(db, q_n_list_count, q_n_list[f->sort][f->desc], sc, f, offset, limit, n_list_row,
                                  &c, total, e);
    free(c.n);
    return rc;
}
