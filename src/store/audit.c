/* SQL of the audit trail. */
#include "store/audit.h"

#include "store/rows.h"

static const char q_last[] = "SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1";
static const char q_ins[] = "INSERT INTO audit_event (at, actor, action, object, detail, prev_hash, hash)"
                            " VALUES (?, ?, ?, ?, ?, ?, ?)";
static const char q_walk[] = "SELECT id, at, actor, action, object, detail, prev_hash, hash FROM audit_event ORDER BY id";

hz_err hz_store_audit_last_hash(hz_db *db, char *buf, hz_errinfo *e) {
    hz_stmt *st;
    bool row;
    /* the chain is one sequence: its writers append one at a time */
    hz_err rc = hz_db_serialize(db, e);
    if (rc) return rc;
    rc = hz_db_stmt(db, q_last, &st, e);
    if (rc) return rc;
    if ((rc = hz_stmt_step(st, &row, e))) return rc;
    snprintf(buf, 65, "%s", row ? hz_stmt_col_text(st, 0) : "");
    hz_stmt_reset(st);
    return HZ_OK;
}

hz_err hz_store_audit_insert(hz_db *db, const hz_audit_row *r, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_ins, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, r->at);
    hz_stmt_text(st, 2, r->actor);
    hz_stmt_text(st, 3, r->action);
    hz_stmt_text(st, 4, r->object);
    hz_stmt_text(st, 5, r->detail);
    hz_stmt_text(st, 6, r->prev_hash);
    hz_stmt_text(st, 7, r->hash);
    /* the chain's lock is held to the commit: the event goes with it */
    return hz_stmt_run_late(st, e);
}

hz_err hz_store_audit_walk(hz_db *db, hz_audit_fn fn, void *ctx, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_walk, &st, e);
    if (rc) return rc;
    bool row;
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row) {
        hz_audit_row r = {hz_stmt_col_int(st, 0),     hz_stmt_col_text(st, 1), hz_stmt_col_text(st, 2),
                          hz_stmt_col_text(st, 3),    hz_stmt_col_text(st, 4), hz_stmt_col_text(st, 5),
                          hz_stmt_col_text(st, 6),    hz_stmt_col_text(st, 7)};
        if ((rc = fn(ctx, &r, e))) break;
    }
    hz_stmt_reset(st);
    return rc;
}

/* 0 or 1: whether any event has the action; stops at the first (the
 * startup's "audit.keyed" is among the first events: counting them all read
 * the whole trail at every start) */
static const char q_count_action[] = "SELECT COUNT(*) FROM (SELECT 1 FROM audit_event WHERE action = ? LIMIT 1) x";

hz_err hz_store_audit_count_action(hz_db *db, const char *action, int64_t *n, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_count_action, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, action);
    return hz_row_int(st, n, e);
}

/* The parameters of HZ_REC_WHERE, read for the trail (store/lists.h). */
#define AUDIT_WHERE                                                                                                   \
    " WHERE ?1 = '' AND ?2 = 0 AND ?3 = 0 AND ?8 = 0"                                                                \
    " AND (?5 = '' OR UPPER(e.object) LIKE UPPER(?5) ESCAPE '\\' OR UPPER(e.object) LIKE UPPER('%:' || ?5) ESCAPE '\\'"   \
    " OR (?4 <> '' AND UPPER(e.object) LIKE UPPER(?4) ESCAPE '\\'))"                                       \
    " AND (?6 = '' OR e.object LIKE ?6 ESCAPE '\\' OR e.detail LIKE ?6 ESCAPE '\\')"                               \
    " AND (?7 = '' OR e.action = ?7 OR e.action LIKE ?7 || '.%') AND (?9 = '' OR e.at >= ?9)"                        \
    " AND (?10 = '' OR e.at < ?10) AND (?11 = '' OR e.actor = ?11) AND (?12 = 0 OR e.id = ?12)"
#define Q_AUDIT_PAGE(order)                                                                                           \
    "SELECT e.id, e.at, e.actor, e.action, e.object, e.detail FROM audit_event e" AUDIT_WHERE " ORDER BY " order     \
    HZ_REC_PAGE
static const char *const q_audit_page[HZ_AUDIT_SORTS][2] = {
    {Q_AUDIT_PAGE("e.id"), Q_AUDIT_PAGE("e.id DESC")},
    {Q_AUDIT_PAGE("e.at, e.id"), Q_AUDIT_PAGE("e.at DESC, e.id DESC")},
    {Q_AUDIT_PAGE("e.action, e.id"), Q_AUDIT_PAGE("e.action DESC, e.id DESC")},
    {Q_AUDIT_PAGE("e.actor, e.id"), Q_AUDIT_PAGE("e.actor DESC, e.id DESC")},
    {Q_AUDIT_PAGE("e.object, e.id"), Q_AUDIT_PAGE("e.object DESC, e.id DESC")},
};
static const char q_audit_count[] = "SELECT count(*) FROM audit_event e" AUDIT_WHERE;

typedef struct {
    hz_audit_fn fn;
    void *ctx;
} page_ctx;

static hz_err page_row(void *vctx, hz_stmt *st, hz_errinfo *e) {
    page_ctx *c = vctx;
    hz_audit_row r = {hz_stmt_col_int(st, 0), hz_stmt_col_text(st, 1), hz_stmt_col_text(st, 2),
                      hz_stmt_col_text(st, 3), hz_stmt_col_text(st, 4), hz_stmt_col_text(st, 5), "", ""};
    return c->fn(c->ctx, &r, e);
}

hz_err hz_store_audit_page(hz_db *db, const hz_list_scope *sc, const hz_rec_filter *f, int64_t offset, int64_t limit,
                           hz_audit_fn fn, void *ctx, int64_t *total, hz_errinfo *e) {
    if (f->sort < 0 || f->sort >= HZ_AUDIT_SORTS) return hz_fail(e, HZ_EINTERNAL, "audit: sort %d", f->sort);
    page_ctx c = {fn, ctx};
    return hz_store_rec_page(db, q_audit_count, q_audit_page[f->sort][f->desc], sc, f, offset, limit, page_row, &c,
                             total, e);
}
