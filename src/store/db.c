/* Driver dispatch, DDL translation and the per-connection statement cache. */
#include "store/db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

hz_err hz_db_open(const char *url, hz_db **out, hz_errinfo *e) {
    const hz_db_driver *drv = &hz_sqlite_driver;
    const char *target = url;
    if (!url || !*url) return hz_fail(e, HZ_EUSAGE, "--db 为空 (empty database URL)");
    if (strncmp(url, "sqlite:", 7) == 0) {
        target = url + 7;
    } else if (strncmp(url, "postgresql://", 13) == 0 || strncmp(url, "postgres://", 11) == 0 ||
               strstr(url, "dbname=") || strstr(url, "host=")) {
        drv = &hz_pg_driver; /* any libpq connection string */
    }
    if (!*target) return hz_fail(e, HZ_EUSAGE, "数据库路径为空 (empty sqlite path)");
    hz_err rc = drv->open(target, out, e);
    if (rc) return rc;
    (*out)->drv = drv;
    (*out)->tx_depth = 0;
    (*out)->tx_failed = false;
    memset((*out)->cache, 0, sizeof(*out)->cache);
    return HZ_OK;
}

void hz_db_close(hz_db *db) {
    if (!db) return;
    for (int i = 0; i < HZ_STMT_CACHE; i++)
        if (db->cache[i].st) db->drv->finalize(db->cache[i].st);
    db->drv->close(db);
}

const char *hz_db_driver_name(const hz_db *db) { return db->drv->name; }

hz_err hz_db_set_lock_wait(hz_db *db, int ms, hz_errinfo *e) {
    if (strcmp(db->drv->name, "sqlite") != 0) return HZ_OK;
    char sql[48];
    snprintf(sql, sizeof sql, "PRAGMA busy_timeout=%d", ms < 0 ? 0 : ms);
    return hz_db_exec(db, sql, e);
}

/* Applies the driver's token substitutions to sql; caller frees. */
static char *translate_ddl(const hz_db_driver *drv, const char *sql) {
    size_t cap = strlen(sql) * 2 + 64;
    char *out = malloc(cap);
    if (!out) return NULL;
    size_t n = 0;
    for (const char *p = sql; *p;) {
        const hz_ddl_subst *hit = NULL;
        for (const hz_ddl_subst *s = drv->ddl; s && s->from; s++)
            if (strncmp(p, s->from, strlen(s->from)) == 0) {
                hit = s;
                break;
            }
        const char *src = hit ? hit->to : p;
        size_t len = hit ? strlen(hit->to) : 1;
        if (n + len + 1 > cap) {
            cap = (n + len + 1) * 2;
            char *grown = realloc(out, cap);
            if (!grown) {
                free(out);
                return NULL;
            }
            out = grown;
        }
        memcpy(out + n, src, len);
        n += len;
        p += hit ? strlen(hit->from) : 1;
    }
    out[n] = '\0';
    return out;
}

bool hz_db_read_begin(hz_db *db) { return !db->tx_depth && db->drv->read_begin && db->drv->read_begin(db); }
void hz_db_read_end(hz_db *db) { db->drv->read_end(db); }

bool hz_db_version(hz_db *db, uint64_t v[2]) { return db->drv->data_version && db->drv->data_version(db, v); }

hz_err hz_db_backup(hz_db *db, const char *path, hz_errinfo *e) {
    if (!db->drv->backup)
        return hz_fail(e, HZ_EINVAL,
                       "out: %s 数据库请用 pg_dump --format=custom 备份, 见 docs/operations.md (use pg_dump on %s)",
                       db->drv->name, db->drv->name);
    if (!path || !*path) return hz_fail(e, HZ_EINVAL, "out: 必填 (required)");
    if (access(path, F_OK) == 0)
        return hz_fail(e, HZ_ECONFLICT, "out: %s 已存在, 不覆盖 (exists; not overwritten)", path);
    return db->drv->backup(db, path, e);
}

hz_err hz_db_exec(hz_db *db, const char *sql, hz_errinfo *e) {
    char *t = translate_ddl(db->drv, sql);
    if (!t) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    hz_err rc = db->drv->exec(db, t, e);
    free(t);
    return rc;
}

static size_t slot_of(const char *sql) {
    uintptr_t h = (uintptr_t)sql;
    h ^= h >> 7;
    return (size_t)(h % HZ_STMT_CACHE);
}

hz_err hz_db_stmt(hz_db *db, const char *sql, hz_stmt **out, hz_errinfo *e) {
    size_t i = slot_of(sql);
    for (size_t k = 0; k < HZ_STMT_CACHE; k++, i = (i + 1) % HZ_STMT_CACHE) {
        if (db->cache[i].sql == sql) {
            db->drv->reset(db->cache[i].st);
            *out = db->cache[i].st;
            return HZ_OK;
        }
        if (!db->cache[i].sql) {
            hz_err rc = db->drv->prepare(db, sql, out, e);
            if (rc) return rc;
            (*out)->db = db;
            db->cache[i].sql = sql;
            db->cache[i].st = *out;
            return HZ_OK;
        }
    }
    return hz_fail(e, HZ_EINTERNAL, "语句缓存已满 (statement cache full)");
}

void hz_stmt_int(hz_stmt *st, int idx, int64_t v) { st->db->drv->bind_int64(st, idx, v); }
void hz_stmt_text(hz_stmt *st, int idx, const char *v) {
    if (v)
        st->db->drv->bind_text(st, idx, v);
    else
        st->db->drv->bind_null(st, idx);
}
void hz_stmt_text_kept(hz_stmt *st, int idx, const char *v) {
    if (!v)
        st->db->drv->bind_null(st, idx);
    else if (st->db->drv->bind_text_kept)
        st->db->drv->bind_text_kept(st, idx, v);
    else
        st->db->drv->bind_text(st, idx, v);
}
void hz_stmt_null(hz_stmt *st, int idx) { st->db->drv->bind_null(st, idx); }
hz_err hz_stmt_step(hz_stmt *st, bool *row, hz_errinfo *e) { return st->db->drv->step(st, row, e); }
hz_err hz_stmt_run(hz_stmt *st, hz_errinfo *e) {
    bool row;
    hz_err rc = st->db->drv->step(st, &row, e);
    st->db->drv->reset(st);
    return rc;
}
hz_err hz_stmt_run_late(hz_stmt *st, hz_errinfo *e) {
    return st->db->drv->run_late ? st->db->drv->run_late(st, e) : hz_stmt_run(st, e);
}
int64_t hz_stmt_col_int(hz_stmt *st, int col) { return st->db->drv->col_int64(st, col); }
const char *hz_stmt_col_text(hz_stmt *st, int col) {
    const char *s = st->db->drv->col_text(st, col);
    return s ? s : "";
}
bool hz_stmt_col_null(hz_stmt *st, int col) { return st->db->drv->col_null(st, col); }
void hz_stmt_reset(hz_stmt *st) { st->db->drv->reset(st); }

hz_err hz_db_begin(hz_db *db, hz_errinfo *e) {
    if (db->tx_depth++ > 0) return HZ_OK;
    db->tx_failed = false;
    hz_err rc = db->drv->begin(db, e);
    if (rc) db->tx_depth = 0;
    return rc;
}

hz_err hz_db_begin_member(hz_db *db, const char *member_key, hz_errinfo *e) {
    if (db->tx_depth++ > 0) return HZ_OK;
    db->tx_failed = false;
    hz_err rc = db->drv->begin_member ? db->drv->begin_member(db, member_key, e) : db->drv->begin(db, e);
    if (rc) db->tx_depth = 0;
    return rc;
}

hz_err hz_db_serialize(hz_db *db, hz_errinfo *e) {
    if (db->tx_depth <= 0 || !db->drv->serialize) return HZ_OK;
    hz_err rc = db->drv->serialize(db, e);
    if (rc) db->tx_failed = true;
    return rc;
}

void hz_db_tune(hz_db *db, hz_db_tune_mode mode) {
    if (db->drv->tune) db->drv->tune(db, mode);
}

hz_err hz_db_commit(hz_db *db, hz_errinfo *e) {
    if (db->tx_depth <= 0) return hz_fail(e, HZ_EINTERNAL, "没有进行中的事务 (commit without begin)");
    if (--db->tx_depth > 0) return HZ_OK;
    if (db->tx_failed) {
        db->drv->rollback(db);
        return hz_fail(e, HZ_ECONFLICT, "事务已回滚 (transaction was rolled back)");
    }
    hz_err rc = db->drv->commit(db, e);
    if (rc) db->drv->rollback(db);
    return rc;
}

void hz_db_rollback(hz_db *db) {
    if (db->tx_depth <= 0) return;
    if (--db->tx_depth > 0) {
        db->tx_failed = true;
        return;
    }
    db->drv->rollback(db);
}

hz_err hz_db_copy_begin(hz_db *db, const char *table, const char *const *cols, int n, hz_errinfo *e) {
    if (n < 1 || n > HZ_DB_COPY_MAX_COLS || !hz_sql_ident(table))
        return hz_fail(e, HZ_EINTERNAL, "copy: 表名或列数无效 (bad table or column count)");
    for (int i = 0; i < n; i++)
        if (!hz_sql_ident(cols[i])) return hz_fail(e, HZ_EINTERNAL, "copy: 列名无效 (bad column name)");
    return db->drv->copy_begin(db, table, cols, n, e);
}

void hz_sqlbuf_init(hz_sqlbuf *b, char *buf, size_t cap) {
    b->s = buf;
    b->cap = cap;
    b->len = 0;
    b->over = cap == 0;
    if (cap) buf[0] = '\0';
}

void hz_sqlbuf_add(hz_sqlbuf *b, const char *text) {
    size_t n = strlen(text);
    if (b->over || n >= b->cap - b->len) {
        b->over = true;
        return;
    }
    memcpy(b->s + b->len, text, n + 1);
    b->len += n;
}

bool hz_sql_ident(const char *s) {
    if (!s || !((*s >= 'a' && *s <= 'z') || *s == '_')) return false;
    size_t n = 0;
    for (; s[n]; n++)
        if (!((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= '0' && s[n] <= '9') || s[n] == '_') || n >= 63) return false;
    return true;
}
hz_err hz_db_copy_row(hz_db *db, const char *const *values, hz_errinfo *e) { return db->drv->copy_row(db, values, e); }
hz_err hz_db_copy_end(hz_db *db, hz_errinfo *e) { return db->drv->copy_end(db, e); }
