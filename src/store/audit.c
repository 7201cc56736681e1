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
    return hz_stmt_run(st, e);
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

static const char q_count_action[] = "SELECT COUNT(*) FROM audit_event WHERE action = ?";

hz_err hz_store_audit_count_action(hz_db *db, const char *action, int64_t *n, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_count_action, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, action);
    return hz_row_int(st, n, e);
}
