/* The database behind one small interface. Drivers (SQLite now, PostgreSQL
 * later) fill a table of function pointers; callers in src/store/ use only
 * the hz_db_* / hz_stmt_* functions below. SQL is written portably with '?'
 * placeholders; DDL uses the tokens ID_PK, BIGINT and / *STRICT* / which each
 * driver translates. */
#ifndef HZ_DB_H
#define HZ_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

typedef struct hz_db hz_db;
typedef struct hz_stmt hz_stmt;

typedef struct {
    const char *from, *to;
} hz_ddl_subst;

/* How a connection is about to be used (hz_db_tune): the driver sets its
 * cache, checkpoints, journal and durability to match. */
typedef enum {
    HZ_TUNE_SHARED,  /* the default: small cache, WAL, durable group commit */
    HZ_TUNE_BULK,    /* a long bulk write: large cache, rare checkpoints */
    HZ_TUNE_SOLO,    /* the database alone (exclusive import): rollback journal, FK checks done by the caller */
    HZ_TUNE_UNSOLO,  /* back from HZ_TUNE_SOLO: WAL and FK checks again */
    HZ_TUNE_APPENDS, /* writes that only append: a small cache is enough */
} hz_db_tune_mode;

typedef struct hz_db_driver {
    const char *name;
    const hz_ddl_subst *ddl; /* NULL-terminated */
    hz_err (*open)(const char *target, hz_db **out, hz_errinfo *e);
    void (*close)(hz_db *db);
    hz_err (*exec)(hz_db *db, const char *sql, hz_errinfo *e);
    hz_err (*prepare)(hz_db *db, const char *sql, hz_stmt **out, hz_errinfo *e);
    void (*bind_int64)(hz_stmt *st, int idx, int64_t v);
    void (*bind_text)(hz_stmt *st, int idx, const char *v);
    /* v stays valid and unchanged until the statement is reset (NULL: bind_text) */
    void (*bind_text_kept)(hz_stmt *st, int idx, const char *v);
    void (*bind_null)(hz_stmt *st, int idx);
    hz_err (*step)(hz_stmt *st, bool *row, hz_errinfo *e);
    int64_t (*col_int64)(hz_stmt *st, int col);
    const char *(*col_text)(hz_stmt *st, int col);
    bool (*col_null)(hz_stmt *st, int col);
    void (*reset)(hz_stmt *st);
    /* hz_stmt_run_late (NULL: hz_stmt_run) */
    hz_err (*run_late)(hz_stmt *st, hz_errinfo *e);
    void (*finalize)(hz_stmt *st);
    hz_err (*begin)(hz_db *db, hz_errinfo *e);
    /* a write transaction on one member's rows (NULL: begin) */
    hz_err (*begin_member)(hz_db *db, const char *member_key, hz_errinfo *e);
    /* from here to the commit, one transaction at a time (NULL: nothing to do) */
    hz_err (*serialize)(hz_db *db, hz_errinfo *e);
    hz_err (*commit)(hz_db *db, hz_errinfo *e);
    hz_err (*rollback)(hz_db *db);
    /* bulk load: COPY on PostgreSQL, a prepared INSERT on SQLite */
    hz_err (*copy_begin)(hz_db *db, const char *table, const char *const *cols, int n, hz_errinfo *e);
    hz_err (*copy_row)(hz_db *db, const char *const *values, hz_errinfo *e); /* NULL value = SQL NULL */
    hz_err (*copy_end)(hz_db *db, hz_errinfo *e);
    /* set up the connection for a use (NULL: nothing to set) */
    void (*tune)(hz_db *db, hz_db_tune_mode mode);
    /* an online, consistent copy into a new file (NULL: not offered) */
    hz_err (*backup)(hz_db *db, const char *path, hz_errinfo *e);
    /* hz_db_version (NULL: the driver cannot tell) */
    bool (*data_version)(hz_db *db, uint64_t v[2]);
    /* hz_db_read_begin / _end (NULL: each statement reads on its own) */
    bool (*read_begin)(hz_db *db);
    void (*read_end)(hz_db *db);
} hz_db_driver;

#define HZ_STMT_CACHE 256

/* Common head of every driver's connection struct. */
struct hz_db {
    const hz_db_driver *drv;
    int tx_depth;
    bool tx_failed;
    struct {
        const char *sql; /* the caller's (static) SQL text */
        hz_stmt *st;
    } cache[HZ_STMT_CACHE];
};

/* Common head of every driver's statement struct. */
struct hz_stmt {
    hz_db *db;
};

/* Opens "sqlite:PATH" (or a bare path) or a PostgreSQL URL / conninfo.
 * The caller owns *out and frees it with hz_db_close. */
hz_err hz_db_open(const char *url, hz_db **out, hz_errinfo *e);
void hz_db_close(hz_db *db);
const char *hz_db_driver_name(const hz_db *db);
/* How long a writer waits for another writer's lock before the store
 * answers "database busy" (HZ_EDB), in milliseconds (the open default is
 * 10,000). SQLite's busy timeout; PostgreSQL waits on locks as long as they
 * are held (lock_timeout 0), so nothing changes there. */
hz_err hz_db_set_lock_wait(hz_db *db, int ms, hz_errinfo *e);

/* An online copy of the whole database as it stood at one moment, while
 * others keep writing (quality.md R9): written to "PATH.partial-PID",
 * fsynced, then renamed to path, so path is either absent or complete. An
 * existing path is refused (HZ_ECONFLICT). SQLite: the online backup API in
 * one step, inside one read transaction. PostgreSQL: HZ_EINVAL naming
 * pg_dump (docs/operations.md). */
hz_err hz_db_backup(hz_db *db, const char *path, hz_errinfo *e);

/* A version of the whole database: v is the same on two calls only if no
 * connection, this one or another, in this process or another, committed a
 * change between them. False when the driver cannot tell cheaply
 * (PostgreSQL) or a transaction is open: then nothing may be kept across
 * calls on the strength of it (app/users.c keeps sessions per thread). */
bool hz_db_version(hz_db *db, uint64_t v[2]);

/* Several reads seeing one state of the database (a use case that only
 * reads: GET /members/{id}). True when a read transaction was opened: the
 * caller ends it with hz_db_read_end whatever happened. False inside a
 * transaction (the reads join it) and where the driver has nothing cheaper
 * than a statement per read (PostgreSQL: each statement its own snapshot,
 * as before). No write may happen between the two calls. */
bool hz_db_read_begin(hz_db *db);
void hz_db_read_end(hz_db *db);

/* Runs DDL / statements without results (after driver DDL translation). */
hz_err hz_db_exec(hz_db *db, const char *sql, hz_errinfo *e);

/* Returns a prepared, reset statement for a static SQL string, cached per
 * connection: the statement is owned by db, never finalized by the caller. */
hz_err hz_db_stmt(hz_db *db, const char *sql, hz_stmt **out, hz_errinfo *e);

void hz_stmt_int(hz_stmt *st, int idx, int64_t v);
void hz_stmt_text(hz_stmt *st, int idx, const char *v); /* NULL binds NULL */
/* the same, without a copy: v must stay valid and unchanged until the
 * statement has run (the bulk INSERTs bind straight from their rows) */
void hz_stmt_text_kept(hz_stmt *st, int idx, const char *v);
void hz_stmt_null(hz_stmt *st, int idx);
/* *row is true while a row is available. */
hz_err hz_stmt_step(hz_stmt *st, bool *row, hz_errinfo *e);
/* Steps a statement that returns no rows (or ignores them). */
hz_err hz_stmt_run(hz_stmt *st, hz_errinfo *e);
/* The same for a write whose failure may be reported by the next statement
 * or by the commit, which then fails the transaction (PostgreSQL: sent with
 * it in one round trip, past hz_db_serialize; the audit event). */
hz_err hz_stmt_run_late(hz_stmt *st, hz_errinfo *e);
int64_t hz_stmt_col_int(hz_stmt *st, int col);
/* Valid until the next step/reset; "" for NULL. */
const char *hz_stmt_col_text(hz_stmt *st, int col);
bool hz_stmt_col_null(hz_stmt *st, int col);
void hz_stmt_reset(hz_stmt *st);

/* Transactions nest by depth: only the outermost begin/commit reach the
 * driver (SQLite: BEGIN IMMEDIATE). A rollback at any depth dooms the
 * outermost transaction; its commit then fails with HZ_ECONFLICT. */
hz_err hz_db_begin(hz_db *db, hz_errinfo *e);
/* A write transaction that touches the rows of one member only (named by
 * member_key, the normalized ID number) until it calls hz_db_serialize.
 * SQLite: BEGIN IMMEDIATE, as hz_db_begin. PostgreSQL: such transactions of
 * different members run at once; each excludes the same member's, and all
 * exclude every hz_db_begin transaction, which still runs alone
 * (docs/decisions.md). Nested in an open transaction, it joins it. */
hz_err hz_db_begin_member(hz_db *db, const char *member_key, hz_errinfo *e);
/* Past this call the open transaction runs alone until it ends: called
 * before anything shared by all members is read or written (the audit
 * chain, budgets, numbering). Without a transaction, or when it already
 * runs alone, it does nothing. */
hz_err hz_db_serialize(hz_db *db, hz_errinfo *e);

/* Tell the driver how the connection is about to be used (see
 * hz_db_tune_mode). Best effort: a setting the database refuses (a
 * journal-mode change while another connection reads) is left as it was. */
void hz_db_tune(hz_db *db, hz_db_tune_mode mode);
hz_err hz_db_commit(hz_db *db, hz_errinfo *e);
void hz_db_rollback(hz_db *db);

/* Bulk load into one table (inside a transaction): begin, rows, end. Values
 * are text; NULL is SQL NULL. A constraint violation fails the load. */
#define HZ_DB_COPY_MAX_COLS 64
/* table and cols must be plain identifiers ([a-z_][a-z0-9_]*, at most 63
 * bytes) and 1 <= n <= HZ_DB_COPY_MAX_COLS: anything else is refused
 * (HZ_EINTERNAL) before any SQL is built. */
hz_err hz_db_copy_begin(hz_db *db, const char *table, const char *const *cols, int n, hz_errinfo *e);
hz_err hz_db_copy_row(hz_db *db, const char *const *values, hz_errinfo *e);
hz_err hz_db_copy_end(hz_db *db, hz_errinfo *e);

/* SQL text built in a caller's fixed buffer (drivers): an append that would
 * not fit sets over and leaves the text as it was, so a statement is either
 * whole or refused, never written past its buffer. */
typedef struct {
    char *s;
    size_t cap, len;
    bool over;
} hz_sqlbuf;
void hz_sqlbuf_init(hz_sqlbuf *b, char *buf, size_t cap);
void hz_sqlbuf_add(hz_sqlbuf *b, const char *text);
/* true for a plain SQL identifier as hz_db_copy_begin accepts it */
bool hz_sql_ident(const char *s);

extern const hz_db_driver hz_sqlite_driver;
extern const hz_db_driver hz_pg_driver;

#endif
