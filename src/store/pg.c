/* PostgreSQL driver (libpq): the same interface as the SQLite driver.
 * Statements are prepared once per connection with '?' / '?N' rewritten to
 * $N; values travel as text and PostgreSQL infers their types. Write
 * transactions take one transaction-scoped advisory lock, so writers are
 * serialised exactly as SQLite's BEGIN IMMEDIATE serialises them: the ledger
 * and cap guarantees hold without retry loops in the use cases. A
 * transaction that works on one member's rows (hz_db_begin_member: a claim
 * submission) takes that lock shared and an exclusive lock on the member
 * instead, so different members' run at once; it takes a third lock before
 * it reaches what all members share (hz_db_serialize: the audit chain).
 * Always in this order (write lock, member, serial), so no two wait on each
 * other in a cycle.
 *
 * The serial lock is held from hz_db_serialize to the commit, so a member's
 * transaction sends what it can in one pipeline (libpq pipeline mode): BEGIN
 * and its locks travel with its first statement, the serial lock's request
 * with the next statement (the audit chain's last hash), and a statement
 * whose result nobody reads (the audit event, hz_stmt_run_late) with the
 * COMMIT. The serial lock is then held over two round trips to the server,
 * not one per statement (docs/benchmarks.md, P9). A failure in a pipeline
 * is reported by the statement that reads it, and fails the transaction. */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"

#define PG_MAX_PARAMS 32
#define HZ_WRITE_LOCK 7461  /* advisory lock key of huzhu's writers */
#define HZ_SERIAL_LOCK 7462 /* member transactions past hz_db_serialize */
#define HZ_MEMBER_LOCK 7463 /* class of the per-member keys */

typedef struct {
    hz_db base;
    PGconn *c;
    int next_stmt;
    int copy_cols;
    bool alone; /* the open transaction excludes every other writer */
    bool piped; /* in pipeline mode: statements sent whose results are unread */
    int pending; /* how many */
    char *copy_buf; /* rows gathered before PQputCopyData */
    size_t copy_len, copy_cap;
} pg_db;

typedef struct {
    hz_stmt base;
    char name[24];
    int nparams;
    char *values[PG_MAX_PARAMS];
    PGresult *res;
    int row, nrows;
    bool executed;
    bool bind_failed; /* a value could not be bound (out of memory, bad index) */
} pg_stmt;

static hz_err map_result(PGresult *res, PGconn *c, hz_errinfo *e) {
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    const char *msg = res ? PQresultErrorMessage(res) : PQerrorMessage(c);
    char clean[300];
    snprintf(clean, sizeof clean, "%s", msg ? msg : "");
    clean[strcspn(clean, "\n")] = '\0';
    if (state && !strncmp(state, "23", 2)) return hz_fail(e, HZ_ECONFLICT, "数据冲突 (constraint): %s", clean);
    if (state && (!strcmp(state, "40001") || !strcmp(state, "40P01")))
        return hz_fail(e, HZ_ERETRY, "并发冲突, 请重试 (serialization failure or deadlock): %s", clean);
    if (state && !strncmp(state, "22", 2)) return hz_fail(e, HZ_EINVAL, "数据无效 (data exception): %s", clean);
    return hz_fail(e, HZ_EDB, "数据库错误 (postgresql): %s", clean);
}

static bool pipe_open(pg_db *d) {
    if (d->piped) return true;
    if (PQenterPipelineMode(d->c) != 1) return false;
    d->piped = true;
    d->pending = 0;
    return true;
}

/* Sends `sql` into the pipeline (no result read yet). */
static hz_err pipe_send(pg_db *d, const char *sql, int n, const char *const *values, hz_errinfo *e) {
    if (PQsendQueryParams(d->c, sql, n, NULL, values, NULL, NULL, 0) != 1)
        return hz_fail(e, HZ_EDB, "数据库错误 (postgresql): %s", PQerrorMessage(d->c));
    d->pending++;
    return HZ_OK;
}

/* Ends the pipeline: a sync, then every result up to it. The first failure
 * is returned; the last statement's result goes to *last (when last is not
 * NULL and nothing failed). */
static hz_err pipe_sync(pg_db *d, PGresult **last, hz_errinfo *e) {
    hz_err rc = HZ_OK;
    if (last) *last = NULL;
    if (!d->piped) return HZ_OK;
    if (PQpipelineSync(d->c) != 1) rc = hz_fail(e, HZ_EDB, "数据库错误 (postgresql): %s", PQerrorMessage(d->c));
    for (int i = 0; !rc && i < d->pending; i++) {
        PGresult *res = PQgetResult(d->c);
        ExecStatusType st = PQresultStatus(res);
        if (!res || (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)) rc = map_result(res, d->c, e);
        if (!rc && last && i == d->pending - 1)
            *last = res;
        else
            PQclear(res);
        while (res && (res = PQgetResult(d->c))) PQclear(res); /* the NULL after each statement's result */
    }
    /* after a failure the rest are aborted: read through to the sync */
    for (;;) {
        PGresult *res = PQgetResult(d->c);
        if (!res) {
            if (PQpipelineStatus(d->c) != PQ_PIPELINE_ABORTED || PQstatus(d->c) != CONNECTION_OK) break;
            continue;
        }
        ExecStatusType st = PQresultStatus(res);
        PQclear(res);
        if (st == PGRES_PIPELINE_SYNC) break;
    }
    PQexitPipelineMode(d->c);
    d->piped = false;
    d->pending = 0;
    if (rc && d->base.tx_depth > 0) d->base.tx_failed = true;
    return rc;
}

static hz_err pg_exec(hz_db *db, const char *sql, hz_errinfo *e) {
    pg_db *d = (pg_db *)db;
    hz_err prc = pipe_sync(d, NULL, e);
    if (prc) return prc;
    PGresult *res = PQexec(d->c, sql);
    ExecStatusType st = PQresultStatus(res);
    hz_err rc = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK ? HZ_OK : map_result(res, d->c, e);
    PQclear(res);
    return rc;
}

static hz_err pg_open(const char *target, hz_db **out, hz_errinfo *e) {
    pg_db *d = calloc(1, sizeof *d);
    if (!d) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    d->c = PQconnectdb(target);
    if (PQstatus(d->c) != CONNECTION_OK) {
        char msg[300];
        snprintf(msg, sizeof msg, "%s", PQerrorMessage(d->c));
        msg[strcspn(msg, "\n")] = '\0';
        PQfinish(d->c);
        free(d);
        return hz_fail(e, HZ_EDB, "无法连接 PostgreSQL (cannot connect): %s", msg);
    }
    /* a commit is durable when it returns, whatever the server's default
     * (docs/decisions.md: durability) */
    hz_err rc = pg_exec(&d->base, "SET client_min_messages = warning; SET TIME ZONE 'UTC'; SET synchronous_commit = on",
                        e);
    if (rc) {
        PQfinish(d->c);
        free(d);
        return rc;
    }
    *out = &d->base;
    return HZ_OK;
}

static void pg_close(hz_db *db) {
    pg_db *d = (pg_db *)db;
    free(d->copy_buf);
    PQfinish(d->c);
    free(d);
}

/* '?' -> $k (in order), '?N' -> $N; string literals are left alone. */
static char *rewrite(const char *sql, int *nparams) {
    size_t n = strlen(sql);
    char *out = malloc(n * 3 + 1);
    if (!out) return NULL;
    size_t o = 0;
    int seq = 0, max = 0;
    bool in_str = false;
    for (size_t i = 0; i < n; i++) {
        char c = sql[i];
        if (c == '\'') in_str = !in_str;
        if (c != '?' || in_str) {
            out[o++] = c;
            continue;
        }
        int num;
        if (sql[i + 1] >= '0' && sql[i + 1] <= '9') {
            num = 0;
            while (sql[i + 1] >= '0' && sql[i + 1] <= '9') num = num * 10 + (sql[++i] - '0');
        } else {
            num = ++seq;
        }
        if (num > max) max = num;
        o += (size_t)snprintf(out + o, 8, "$%d", num);
    }
    out[o] = '\0';
    *nparams = max;
    return out;
}

static hz_err pg_prepare(hz_db *db, const char *sql, hz_stmt **out, hz_errinfo *e) {
    pg_db *d = (pg_db *)db;
    hz_err prc = pipe_sync(d, NULL, e); /* a statement's first use on this connection */
    if (prc) return prc;
    pg_stmt *s = calloc(1, sizeof *s);
    if (!s) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    char *text = rewrite(sql, &s->nparams);
    if (!text || s->nparams > PG_MAX_PARAMS) {
        free(text);
        free(s);
        return hz_fail(e, HZ_EINTERNAL, "语句参数过多 (too many parameters)");
    }
    snprintf(s->name, sizeof s->name, "hz%d", ++d->next_stmt);
    PGresult *res = PQprepare(d->c, s->name, text, s->nparams, NULL);
    free(text);
    hz_err rc = PQresultStatus(res) == PGRES_COMMAND_OK ? HZ_OK : map_result(res, d->c, e);
    PQclear(res);
    if (rc) {
        free(s);
        return rc;
    }
    *out = &s->base;
    return HZ_OK;
}

/* Binds v (owned) to parameter idx. A value that could not be made
 * (ok false: out of memory) or an index out of range fails the statement
 * at its next step instead of sending NULL in its place. */
static void set_value(hz_stmt *st, int idx, char *v, bool ok) {
    pg_stmt *s = (pg_stmt *)st;
    if (!ok || idx < 1 || idx > PG_MAX_PARAMS) {
        free(v);
        s->bind_failed = true;
        return;
    }
    free(s->values[idx - 1]);
    s->values[idx - 1] = v;
}

static void pg_bind_int64(hz_stmt *st, int idx, int64_t v) {
    char *b = malloc(24);
    if (b) snprintf(b, 24, "%lld", (long long)v);
    set_value(st, idx, b, b != NULL);
}
static void pg_bind_text(hz_stmt *st, int idx, const char *v) {
    char *copy = strdup(v);
    set_value(st, idx, copy, copy != NULL);
}
static void pg_bind_null(hz_stmt *st, int idx) { set_value(st, idx, NULL, true); }

static hz_err pg_step(hz_stmt *st, bool *row, hz_errinfo *e) {
    pg_stmt *s = (pg_stmt *)st;
    pg_db *d = (pg_db *)st->db;
    if (!s->executed && s->bind_failed) {
        *row = false;
        if (st->db->tx_depth > 0) st->db->tx_failed = true; /* the use case's writes are incomplete */
        return hz_fail(e, HZ_EINTERNAL, "内存不足, 参数未能绑定 (out of memory binding a parameter)");
    }
    if (!s->executed) {
        s->executed = true;
        if (d->piped) {
            hz_err rc = HZ_OK;
            if (PQsendQueryPrepared(d->c, s->name, s->nparams, (const char *const *)s->values, NULL, NULL, 0) != 1)
                rc = hz_fail(e, HZ_EDB, "数据库错误 (postgresql): %s", PQerrorMessage(d->c));
            else
                d->pending++;
            hz_err src = pipe_sync(d, &s->res, e);
            if (rc || src) {
                *row = false;
                if (st->db->tx_depth > 0) st->db->tx_failed = true;
                return rc ? rc : src;
            }
        } else {
            s->res = PQexecPrepared(d->c, s->name, s->nparams, (const char *const *)s->values, NULL, NULL, 0);
        }
        ExecStatusType rs = PQresultStatus(s->res);
        if (rs != PGRES_TUPLES_OK && rs != PGRES_COMMAND_OK) {
            hz_err rc = map_result(s->res, d->c, e);
            PQclear(s->res);
            s->res = NULL;
            *row = false;
            if (st->db->tx_depth > 0) st->db->tx_failed = true; /* PostgreSQL aborts the transaction */
            return rc;
        }
        s->nrows = rs == PGRES_TUPLES_OK ? PQntuples(s->res) : 0;
        s->row = -1;
    }
    *row = ++s->row < s->nrows;
    return HZ_OK;
}

static int64_t pg_col_int64(hz_stmt *st, int col) {
    pg_stmt *s = (pg_stmt *)st;
    if (!s->res || s->row >= s->nrows || PQgetisnull(s->res, s->row, col)) return 0;
    return strtoll(PQgetvalue(s->res, s->row, col), NULL, 10);
}
static const char *pg_col_text(hz_stmt *st, int col) {
    pg_stmt *s = (pg_stmt *)st;
    if (!s->res || s->row >= s->nrows || PQgetisnull(s->res, s->row, col)) return NULL;
    return PQgetvalue(s->res, s->row, col);
}
static bool pg_col_null(hz_stmt *st, int col) {
    pg_stmt *s = (pg_stmt *)st;
    return !s->res || s->row >= s->nrows || PQgetisnull(s->res, s->row, col);
}
static void pg_reset(hz_stmt *st) {
    pg_stmt *s = (pg_stmt *)st;
    PQclear(s->res);
    s->res = NULL;
    s->executed = false;
    s->bind_failed = false;
    for (int i = 0; i < PG_MAX_PARAMS; i++) {
        free(s->values[i]);
        s->values[i] = NULL;
    }
}
/* In a pipeline the statement goes with the next one that reads a result
 * (the COMMIT at the latest), and so does its failure. */
static hz_err pg_run_late(hz_stmt *st, hz_errinfo *e) {
    pg_stmt *s = (pg_stmt *)st;
    pg_db *d = (pg_db *)st->db;
    if (!d->piped || s->bind_failed || s->executed) return hz_stmt_run(st, e);
    hz_err rc = HZ_OK;
    if (PQsendQueryPrepared(d->c, s->name, s->nparams, (const char *const *)s->values, NULL, NULL, 0) != 1) {
        rc = hz_fail(e, HZ_EDB, "数据库错误 (postgresql): %s", PQerrorMessage(d->c));
        if (st->db->tx_depth > 0) st->db->tx_failed = true;
    } else {
        d->pending++;
    }
    pg_reset(st);
    return rc;
}

static void pg_finalize(hz_stmt *st) {
    pg_reset(st);
    free(st);
}

static hz_err pg_begin(hz_db *db, hz_errinfo *e) {
    pipe_sync((pg_db *)db, NULL, NULL); /* nothing is left in one between transactions */
    hz_err rc = pg_exec(db, "BEGIN", e);
    if (rc) return rc;
    char lock[64];
    snprintf(lock, sizeof lock, "SELECT pg_advisory_xact_lock(%d)", HZ_WRITE_LOCK);
    if ((rc = pg_exec(db, lock, e))) pg_exec(db, "ROLLBACK", NULL);
    ((pg_db *)db)->alone = true;
    return rc;
}

static hz_err pg_begin_member(hz_db *db, const char *member_key, hz_errinfo *e) {
    pg_db *d = (pg_db *)db;
    if (!member_key || !*member_key) return pg_begin(db, e);
    pipe_sync(d, NULL, NULL);
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT pg_advisory_xact_lock_shared(%d), pg_advisory_xact_lock(%d, hashtext($1))",
             HZ_WRITE_LOCK, HZ_MEMBER_LOCK);
    const char *values[1] = {member_key};
    d->alone = false;
    hz_err rc;
    if (pipe_open(d)) { /* with the first statement */
        if ((rc = pipe_send(d, "BEGIN", 0, NULL, e)) || (rc = pipe_send(d, sql, 1, values, e))) {
            pipe_sync(d, NULL, NULL);
            pg_exec(db, "ROLLBACK", NULL);
        }
        return rc;
    }
    if ((rc = pg_exec(db, "BEGIN", e))) return rc;
    PGresult *res = PQexecParams(d->c, sql, 1, NULL, values, NULL, NULL, 0);
    rc = PQresultStatus(res) == PGRES_TUPLES_OK ? HZ_OK : map_result(res, d->c, e);
    PQclear(res);
    if (rc) pg_exec(db, "ROLLBACK", NULL);
    return rc;
}

static hz_err pg_serialize(hz_db *db, hz_errinfo *e) {
    pg_db *d = (pg_db *)db;
    if (d->alone) return HZ_OK;
    char lock[64];
    snprintf(lock, sizeof lock, "SELECT pg_advisory_xact_lock(%d)", HZ_SERIAL_LOCK);
    /* with the next statement: the lock is held from the round trip that
     * takes it */
    hz_err rc = pipe_open(d) ? pipe_send(d, lock, 0, NULL, e) : pg_exec(db, lock, e);
    if (!rc) d->alone = true;
    return rc;
}
static hz_err pg_commit(hz_db *db, hz_errinfo *e) {
    pg_db *d = (pg_db *)db;
    if (!d->piped) return pg_exec(db, "COMMIT", e);
    hz_err rc = pipe_send(d, "COMMIT", 0, NULL, e);
    hz_err src = pipe_sync(d, NULL, e);
    return rc ? rc : src;
}
static hz_err pg_rollback(hz_db *db) {
    pipe_sync((pg_db *)db, NULL, NULL);
    return pg_exec(db, "ROLLBACK", NULL);
}

static hz_err pg_copy_begin(hz_db *db, const char *table, const char *const *cols, int n, hz_errinfo *e) {
    pg_db *d = (pg_db *)db;
    char sql[8192];
    hz_sqlbuf b;
    hz_sqlbuf_init(&b, sql, sizeof sql);
    hz_sqlbuf_add(&b, "COPY ");
    hz_sqlbuf_add(&b, table);
    hz_sqlbuf_add(&b, " (");
    for (int i = 0; i < n; i++) {
        if (i) hz_sqlbuf_add(&b, ", ");
        hz_sqlbuf_add(&b, cols[i]);
    }
    hz_sqlbuf_add(&b, ") FROM STDIN");
    if (b.over) return hz_fail(e, HZ_EINTERNAL, "copy: 语句过长 (statement too long)");
    hz_err prc = pipe_sync(d, NULL, e);
    if (prc) return prc;
    PGresult *res = PQexec(d->c, sql);
    hz_err rc = PQresultStatus(res) == PGRES_COPY_IN ? HZ_OK : map_result(res, d->c, e);
    PQclear(res);
    d->copy_cols = n;
    d->copy_len = 0;
    return rc;
}

static bool copy_put(pg_db *d, const char *s, size_t n) {
    if (d->copy_len + n > d->copy_cap) {
        size_t cap = d->copy_cap ? d->copy_cap * 2 : 1 << 16;
        while (cap < d->copy_len + n) cap *= 2;
        char *g = realloc(d->copy_buf, cap);
        if (!g) return false;
        d->copy_buf = g;
        d->copy_cap = cap;
    }
    memcpy(d->copy_buf + d->copy_len, s, n);
    d->copy_len += n;
    return true;
}

static hz_err copy_flush(pg_db *d, hz_errinfo *e) {
    if (d->copy_len && PQputCopyData(d->c, d->copy_buf, (int)d->copy_len) != 1)
        return hz_fail(e, HZ_EDB, "COPY 失败 (copy failed): %s", PQerrorMessage(d->c));
    d->copy_len = 0;
    return HZ_OK;
}

static hz_err pg_copy_row(hz_db *db, const char *const *values, hz_errinfo *e) {
    pg_db *d = (pg_db *)db;
    bool ok = true;
    for (int i = 0; i < d->copy_cols && ok; i++) {
        if (i) ok = copy_put(d, "\t", 1);
        if (!values[i]) {
            ok = ok && copy_put(d, "\\N", 2);
            continue;
        }
        for (const char *p = values[i]; *p && ok; p++) {
            /* text format escapes: backslash, tab, newline, carriage return */
            if (*p == '\\') ok = copy_put(d, "\\\\", 2);
            else if (*p == '\t') ok = copy_put(d, "\\t", 2);
            else if (*p == '\n') ok = copy_put(d, "\\n", 2);
            else if (*p == '\r') ok = copy_put(d, "\\r", 2);
            else ok = copy_put(d, p, 1);
        }
    }
    if (!ok || !copy_put(d, "\n", 1)) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    return d->copy_len > (1 << 20) ? copy_flush(d, e) : HZ_OK;
}

static hz_err pg_copy_end(hz_db *db, hz_errinfo *e) {
    pg_db *d = (pg_db *)db;
    hz_err rc = copy_flush(d, e);
    if (PQputCopyEnd(d->c, rc ? "aborted" : NULL) != 1 && !rc)
        rc = hz_fail(e, HZ_EDB, "COPY 失败 (copy failed): %s", PQerrorMessage(d->c));
    PGresult *res;
    while ((res = PQgetResult(d->c))) {
        if (!rc && PQresultStatus(res) != PGRES_COMMAND_OK) {
            rc = map_result(res, d->c, e);
            if (db->tx_depth > 0) db->tx_failed = true;
        }
        PQclear(res);
    }
    return rc;
}

static const hz_ddl_subst pg_ddl[] = {
    {"ID_PK", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"},
    {NULL, NULL},
};

const hz_db_driver hz_pg_driver = {
    .name = "postgresql",
    .ddl = pg_ddl,
    .open = pg_open,
    .close = pg_close,
    .exec = pg_exec,
    .prepare = pg_prepare,
    .bind_int64 = pg_bind_int64,
    .bind_text = pg_bind_text,
    .bind_null = pg_bind_null,
    .step = pg_step,
    .col_int64 = pg_col_int64,
    .col_text = pg_col_text,
    .col_null = pg_col_null,
    .reset = pg_reset,
    .run_late = pg_run_late,
    .finalize = pg_finalize,
    .begin = pg_begin,
    .begin_member = pg_begin_member,
    .serialize = pg_serialize,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .copy_begin = pg_copy_begin,
    .copy_row = pg_copy_row,
    .copy_end = pg_copy_end,
};
