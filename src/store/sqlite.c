/* SQLite driver: WAL, foreign keys, busy timeout, BEGIN IMMEDIATE for
 * writes, STRICT tables. Maps SQLite result codes onto hz_err.
 *
 * Group commit (issue 19 P4, docs/decisions.md): in WAL mode a connection
 * commits with synchronous=NORMAL (the WAL is written, not synced) and then
 * waits until one fdatasync of the WAL that started after its commit has
 * returned; one thread syncs for every commit written meanwhile, so a
 * commit is answered only once it is on disk, and N threads committing
 * together pay one sync. The writers of one process queue on a lock of
 * their own instead of SQLite's sleeping busy handler, and checkpoints run
 * on a background connection, not in the committing thread. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdint.h>
#include <sys/stat.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/text.h"
#include "store/db.h"
#include "store/sqlite_plan.h"

/* One database file as this process sees it: shared by its connections. */
typedef struct sq_file {
    struct sq_file *next;
    dev_t dev;
    ino_t ino;
    char path[4096], wal[4200];
    pthread_mutex_t mu;
    pthread_cond_t writer_cv; /* the writer lock freed */
    pthread_cond_t sync_cv;   /* a sync finished */
    bool writer;            /* a write transaction of this process is open */
    uint64_t written;       /* commits whose WAL frames are written */
    uint64_t durable;       /* commits covered by a finished sync */
    bool syncing;           /* one thread is syncing the WAL */
    int wal_fd;             /* the WAL as last opened (-1: not yet) */
    dev_t wal_dev;
    ino_t wal_ino;
    pthread_cond_t ckpt_cv; /* a checkpoint is wanted */
    bool ckpt_wanted, ckpt_running;
} sq_file;

static pthread_mutex_t files_mu = PTHREAD_MUTEX_INITIALIZER;
static sq_file *files; /* kept for the life of the process */

/* pages in the WAL past which the background connection checkpoints
 * (SQLite's own default for its automatic checkpoint) */
#define SQ_CHECKPOINT_PAGES 1000
/* how long a writer waits for this process's other writers */
#define SQ_WRITER_WAIT_MS 10000

typedef struct {
    hz_db base;
    sqlite3 *h;
    sqlite3_stmt *copy; /* the bulk-load INSERT */
    int copy_cols;
    sq_file *f;   /* NULL: not a plain file (":memory:", ...) */
    bool group;   /* WAL mode: group commit as above */
    bool holds;   /* holds f's writer lock */
    sqlite3_stmt *dv; /* PRAGMA data_version (sq_data_version) */
    sqlite3_stmt *rb, *re; /* BEGIN, COMMIT of a read snapshot (sq_read_begin) */
} sq_db;

typedef struct {
    hz_stmt base;
    sqlite3_stmt *s;
    bool returning_id; /* "... RETURNING id" answered from last_insert_rowid */
    int synthetic;     /* 1: the one synthetic row is current; 2: consumed */
    int64_t rowid;
    bool bind_failed; /* a bind was refused (out of memory, bad index): the step fails */
} sq_stmt;

/* SQLite runs RETURNING through an ephemeral table on every execution, which
 * dominates bulk inserts; the portable "INSERT ... RETURNING id" is prepared
 * without the clause and answered with sqlite3_last_insert_rowid(). */
static const char returning_suffix[] = " RETURNING id";

static hz_err map_err(sqlite3 *h, int rc, const char *what, hz_errinfo *e) {
    int primary = rc & 0xff;
    const char *msg = h ? sqlite3_errmsg(h) : sqlite3_errstr(rc);
    if (rc == SQLITE_CONSTRAINT_DATATYPE) /* a store bug, not the user's conflict */
        return hz_fail(e, HZ_EDB, "数据类型错误 (datatype): %s", msg);
    if (primary == SQLITE_CONSTRAINT) return hz_fail(e, HZ_ECONFLICT, "数据冲突 (constraint): %s", msg);
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
        return hz_fail(e, HZ_EDB, "数据库忙 (database busy): %s", msg);
    return hz_fail(e, HZ_EDB, "数据库错误 (%s): %s", what, msg);
}

static void group_refresh(sq_db *d);
static int wal_hook(void *arg, sqlite3 *h, const char *db, int pages);

static hz_err sq_exec(hz_db *db, const char *sql, hz_errinfo *e) {
    sq_db *d = (sq_db *)db;
    char *err = NULL;
    int rc = sqlite3_exec(d->h, sql, NULL, NULL, &err);
    if (rc != SQLITE_OK) {
        hz_err r = (rc & 0xff) == SQLITE_CONSTRAINT && rc != SQLITE_CONSTRAINT_DATATYPE
                       ? hz_fail(e, HZ_ECONFLICT, "数据冲突 (constraint): %s", err ? err : "")
                       : hz_fail(e, HZ_EDB, "数据库错误 (exec): %s", err ? err : sqlite3_errstr(rc));
        sqlite3_free(err);
        return r;
    }
    return HZ_OK;
}

/* fsync of a file or directory by path */
static int sync_path(const char *path, int flags) {
    int fd = open(path, flags);
    if (fd < 0) return -1;
    int rc = fsync(fd);
    close(fd);
    return rc;
}

/* The process's record of the database file at path (NULL when path is no
 * plain file): found by device and inode, made on first use. */
static sq_file *file_of(const char *path) {
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) return NULL;
    pthread_mutex_lock(&files_mu);
    sq_file *f = files;
    while (f && !(f->dev == st.st_dev && f->ino == st.st_ino)) f = f->next;
    if (!f && (f = calloc(1, sizeof *f)) != NULL) {
        f->dev = st.st_dev;
        f->ino = st.st_ino;
        f->wal_fd = -1;
        hz_strlcpy(f->path, path, sizeof f->path);
        snprintf(f->wal, sizeof f->wal, "%s-wal", path);
        pthread_mutex_init(&f->mu, NULL);
        pthread_cond_init(&f->writer_cv, NULL);
        pthread_cond_init(&f->sync_cv, NULL);
        pthread_cond_init(&f->ckpt_cv, NULL);
        f->next = files;
        files = f;
    }
    pthread_mutex_unlock(&files_mu);
    return f;
}

/* The background checkpointer of one file: its own connection, a PASSIVE
 * checkpoint (writers go on meanwhile) whenever a commit left the WAL past
 * SQ_CHECKPOINT_PAGES. Runs for the life of the process. */
static void *checkpointer(void *arg) {
    sq_file *f = arg;
    sqlite3 *h = NULL;
    if (sqlite3_open_v2(f->path, &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
        sqlite3_close(h);
        h = NULL;
    } else {
        sqlite3_busy_timeout(h, 10000);
    }
    pthread_mutex_lock(&f->mu);
    for (;;) {
        while (!f->ckpt_wanted) pthread_cond_wait(&f->ckpt_cv, &f->mu);
        f->ckpt_wanted = false;
        pthread_mutex_unlock(&f->mu);
        if (h) sqlite3_wal_checkpoint_v2(h, "main", SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
        pthread_mutex_lock(&f->mu);
    }
    return NULL;
}

/* sqlite3_wal_hook: after each commit, hand a large WAL to the checkpointer */
static int wal_hook(void *arg, sqlite3 *h, const char *db, int pages) {
    (void)h;
    (void)db;
    sq_file *f = arg;
    if (pages < SQ_CHECKPOINT_PAGES) return SQLITE_OK;
    pthread_mutex_lock(&f->mu);
    if (!f->ckpt_running) {
        pthread_t t;
        pthread_attr_t a;
        pthread_attr_init(&a);
        pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
        f->ckpt_running = pthread_create(&t, &a, checkpointer, f) == 0;
        pthread_attr_destroy(&a);
    }
    if (f->ckpt_running) {
        f->ckpt_wanted = true;
        pthread_cond_signal(&f->ckpt_cv);
    }
    pthread_mutex_unlock(&f->mu);
    /* no checkpointer thread: checkpoint here, as SQLite would */
    if (!f->ckpt_running) sqlite3_wal_checkpoint_v2(h, "main", SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
    return SQLITE_OK;
}

/* Group commit on in WAL mode, off (synchronous=FULL, SQLite's automatic
 * checkpoint) in any other: called at open and after a journal-mode change. */
static void group_refresh(sq_db *d) {
    bool wal = false;
    sqlite3_stmt *q = NULL;
    if (d->f && sqlite3_prepare_v2(d->h, "PRAGMA journal_mode", -1, &q, NULL) == SQLITE_OK &&
        sqlite3_step(q) == SQLITE_ROW) {
        const char *m = (const char *)sqlite3_column_text(q, 0);
        wal = m && strcmp(m, "wal") == 0;
    }
    sqlite3_finalize(q);
    d->group = wal;
    sqlite3_exec(d->h, wal ? "PRAGMA synchronous=NORMAL" : "PRAGMA synchronous=FULL", NULL, NULL, NULL);
    if (wal)
        sqlite3_wal_hook(d->h, wal_hook, d->f);
    else
        sqlite3_wal_autocheckpoint(d->h, SQ_CHECKPOINT_PAGES);
}

/* The process's writer lock of the file: waiting threads sleep on a
 * condition and wake when it is freed (SQLite's busy handler polls). */
static hz_err writer_acquire(sq_db *d, hz_errinfo *e) {
    sq_file *f = d->f;
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += SQ_WRITER_WAIT_MS / 1000;
    pthread_mutex_lock(&f->mu);
    int rc = 0;
    while (f->writer && rc == 0) rc = pthread_cond_timedwait(&f->writer_cv, &f->mu, &until);
    if (!f->writer) {
        f->writer = true;
        d->holds = true;
    }
    pthread_mutex_unlock(&f->mu);
    return d->holds ? HZ_OK : hz_fail(e, HZ_EDB, "数据库忙 (database busy): 等待写锁超时 (writer lock timeout)");
}

static void writer_release(sq_db *d) {
    if (!d->holds) return;
    sq_file *f = d->f;
    pthread_mutex_lock(&f->mu);
    f->writer = false;
    d->holds = false;
    pthread_cond_signal(&f->writer_cv);
    pthread_mutex_unlock(&f->mu);
}

/* fdatasync of the WAL as it is now at its path (reopened when the file
 * was made anew). The directory is not synced, as SQLite's own FULL sync of
 * the WAL does not sync it here: on a journaling file system the entry is
 * on disk with the first sync of the file that needs it. */
static int sync_wal(sq_file *f) {
    struct stat st;
    if (stat(f->wal, &st) != 0) { /* no WAL: the commit went to the file */
        int rc = sync_path(f->path, O_RDONLY);
        return rc;
    }
    if (f->wal_fd < 0 || st.st_dev != f->wal_dev || st.st_ino != f->wal_ino) {
        if (f->wal_fd >= 0) close(f->wal_fd);
        f->wal_fd = open(f->wal, O_RDONLY | O_CLOEXEC);
        if (f->wal_fd < 0) return -1;
        struct stat now;
        if (fstat(f->wal_fd, &now) != 0) return -1;
        f->wal_dev = now.st_dev;
        f->wal_ino = now.st_ino;
    }
    return fdatasync(f->wal_fd);
}

/* Returns once a sync that started after this commit's frames were written
 * has finished: the first waiter syncs for all, the others wait for it. */
static hz_err wait_durable(sq_file *f, hz_errinfo *e) {
    pthread_mutex_lock(&f->mu);
    uint64_t mine = ++f->written;
    int rc = 0;
    while (f->durable < mine && rc == 0) {
        if (f->syncing) {
            pthread_cond_wait(&f->sync_cv, &f->mu);
            continue;
        }
        f->syncing = true;
        uint64_t target = f->written;
        pthread_mutex_unlock(&f->mu);
        rc = sync_wal(f);
        pthread_mutex_lock(&f->mu);
        f->syncing = false;
        if (rc == 0 && target > f->durable) f->durable = target;
        pthread_cond_broadcast(&f->sync_cv);
    }
    pthread_mutex_unlock(&f->mu);
    if (rc) return hz_fail(e, HZ_EDB, "数据库错误 (sync): 已提交但未能写入磁盘 (committed, not synced): %s", strerror(errno));
    return HZ_OK;
}

/* before SQLite starts: no global mutex around every allocation for the
 * memory statistics nobody reads */
static void sq_configure(void) { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }

static hz_err sq_open(const char *path, hz_db **out, hz_errinfo *e) {
    static pthread_once_t configured = PTHREAD_ONCE_INIT;
    pthread_once(&configured, sq_configure);
    sq_db *d = calloc(1, sizeof *d);
    if (!d) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    int rc = sqlite3_open_v2(path, &d->h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        hz_fail(e, HZ_EDB, "无法打开数据库 %s (cannot open database): %s", path, d->h ? sqlite3_errmsg(d->h) : "");
        sqlite3_close(d->h);
        free(d);
        return HZ_EDB;
    }
    sqlite3_busy_timeout(d->h, 10000);
    sqlite3_extended_result_codes(d->h, 1);
    hz_err r = sq_exec(&d->base,
                       "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
                       " PRAGMA temp_store=MEMORY; PRAGMA cache_size=-8192;",
                       e);
    if (r) {
        sqlite3_close(d->h);
        free(d);
        return r;
    }
    d->f = file_of(path);
    group_refresh(d);
    *out = &d->base;
    return HZ_OK;
}

static void sq_close(hz_db *db) {
    sq_db *d = (sq_db *)db;
    sqlite3_finalize(d->dv);
    sqlite3_finalize(d->rb);
    sqlite3_finalize(d->re);
    sqlite3_close(d->h);
    free(d);
}

static hz_err sq_prepare(hz_db *db, const char *sql, hz_stmt **out, hz_errinfo *e) {
    sq_db *d = (sq_db *)db;
    sq_stmt *s = calloc(1, sizeof *s);
    if (!s) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    size_t len = strlen(sql), sl = sizeof returning_suffix - 1;
    int n = -1;
    if (len > sl && strcmp(sql + len - sl, returning_suffix) == 0 && strncmp(sql, "INSERT", 6) == 0) {
        s->returning_id = true;
        n = (int)(len - sl);
    }
    int rc = sqlite3_prepare_v3(d->h, sql, n, SQLITE_PREPARE_PERSISTENT, &s->s, NULL);
    if (rc != SQLITE_OK) {
        free(s);
        return map_err(d->h, rc, "prepare", e);
    }
    hz_sq_plan_check(d->h, sql, n);
    *out = &s->base;
    return HZ_OK;
}

/* A refused bind would leave the parameter NULL: it fails the next step. */
static void bound(hz_stmt *st, int rc) {
    if (rc != SQLITE_OK) ((sq_stmt *)st)->bind_failed = true;
}
static void sq_bind_int64(hz_stmt *st, int idx, int64_t v) { bound(st, sqlite3_bind_int64(((sq_stmt *)st)->s, idx, v)); }
static void sq_bind_text(hz_stmt *st, int idx, const char *v) {
    bound(st, sqlite3_bind_text(((sq_stmt *)st)->s, idx, v, -1, SQLITE_TRANSIENT));
}
static void sq_bind_text_kept(hz_stmt *st, int idx, const char *v) {
    bound(st, sqlite3_bind_text(((sq_stmt *)st)->s, idx, v, -1, SQLITE_STATIC));
}
static void sq_bind_null(hz_stmt *st, int idx) { bound(st, sqlite3_bind_null(((sq_stmt *)st)->s, idx)); }

/* a write outside a transaction committed by itself: durable as well */
static hz_err durable_if_autocommit(sq_stmt *s, hz_errinfo *e) {
    sq_db *d = (sq_db *)s->base.db;
    if (d && d->group && sqlite3_get_autocommit(d->h) && !sqlite3_stmt_readonly(s->s)) return wait_durable(d->f, e);
    return HZ_OK;
}

static hz_err sq_step(hz_stmt *st, bool *row, hz_errinfo *e) {
    sq_stmt *s = (sq_stmt *)st;
    if (s->returning_id && s->synthetic) {
        s->synthetic = 2;
        *row = false;
        return HZ_OK;
    }
    if (s->bind_failed) {
        *row = false;
        return hz_fail(e, HZ_EINTERNAL, "内存不足, 参数未能绑定 (out of memory binding a parameter)");
    }
    int rc = sqlite3_step(s->s);
    if (rc == SQLITE_DONE && s->returning_id) {
        sqlite3 *h = sqlite3_db_handle(s->s);
        /* ON CONFLICT DO NOTHING inserted nothing: no row, as RETURNING would */
        if (sqlite3_changes(h) == 0) {
            s->synthetic = 2;
            *row = false;
            return HZ_OK;
        }
        s->rowid = sqlite3_last_insert_rowid(h);
        s->synthetic = 1;
        *row = true;
        hz_err r = durable_if_autocommit(s, e);
        if (r) *row = false;
        return r;
    }
    if (rc == SQLITE_ROW) {
        *row = true;
        return HZ_OK;
    }
    *row = false;
    if (rc == SQLITE_DONE) return durable_if_autocommit(s, e);
    hz_err r = map_err(sqlite3_db_handle(s->s), rc, "step", e);
    sqlite3_reset(s->s);
    return r;
}

static int64_t sq_col_int64(hz_stmt *st, int col) {
    sq_stmt *s = (sq_stmt *)st;
    if (s->synthetic == 1 && col == 0) return s->rowid;
    return sqlite3_column_int64(s->s, col);
}
static const char *sq_col_text(hz_stmt *st, int col) {
    return (const char *)sqlite3_column_text(((sq_stmt *)st)->s, col);
}
static bool sq_col_null(hz_stmt *st, int col) { return sqlite3_column_type(((sq_stmt *)st)->s, col) == SQLITE_NULL; }
static void sq_reset(hz_stmt *st) {
    ((sq_stmt *)st)->synthetic = 0;
    ((sq_stmt *)st)->bind_failed = false;
    sqlite3_reset(((sq_stmt *)st)->s);
    sqlite3_clear_bindings(((sq_stmt *)st)->s);
}
static void sq_finalize(hz_stmt *st) {
    sqlite3_finalize(((sq_stmt *)st)->s);
    free(st);
}

static hz_err sq_begin(hz_db *db, hz_errinfo *e) {
    sq_db *d = (sq_db *)db;
    if (!d->group) return sq_exec(db, "BEGIN IMMEDIATE", e);
    hz_err rc = writer_acquire(d, e);
    if (rc) return rc;
    if ((rc = sq_exec(db, "BEGIN IMMEDIATE", e))) writer_release(d);
    return rc;
}

static hz_err sq_commit(hz_db *db, hz_errinfo *e) {
    sq_db *d = (sq_db *)db;
    hz_err rc = sq_exec(db, "COMMIT", e);
    if (rc || !d->group) return rc; /* a failed COMMIT: the caller rolls back */
    writer_release(d);
    return wait_durable(d->f, e);
}

static hz_err sq_rollback(hz_db *db) {
    sq_db *d = (sq_db *)db;
    hz_err rc = sqlite3_get_autocommit(d->h) ? HZ_OK : sq_exec(db, "ROLLBACK", NULL);
    writer_release(d);
    return rc;
}

static hz_err sq_copy_begin(hz_db *db, const char *table, const char *const *cols, int n, hz_errinfo *e) {
    sq_db *d = (sq_db *)db;
    char sql[8192];
    hz_sqlbuf b;
    hz_sqlbuf_init(&b, sql, sizeof sql);
    hz_sqlbuf_add(&b, "INSERT INTO ");
    hz_sqlbuf_add(&b, table);
    hz_sqlbuf_add(&b, " (");
    for (int i = 0; i < n; i++) {
        if (i) hz_sqlbuf_add(&b, ", ");
        hz_sqlbuf_add(&b, cols[i]);
    }
    hz_sqlbuf_add(&b, ") VALUES (");
    for (int i = 0; i < n; i++) hz_sqlbuf_add(&b, i ? ", ?" : "?");
    hz_sqlbuf_add(&b, ")");
    if (b.over) return hz_fail(e, HZ_EINTERNAL, "copy: 语句过长 (statement too long)");
    int rc = sqlite3_prepare_v2(d->h, sql, -1, &d->copy, NULL);
    if (rc != SQLITE_OK) return map_err(d->h, rc, "copy", e);
    d->copy_cols = n;
    return HZ_OK;
}

static hz_err sq_copy_row(hz_db *db, const char *const *values, hz_errinfo *e) {
    sq_db *d = (sq_db *)db;
    for (int i = 0; i < d->copy_cols; i++) {
        if (values[i])
            sqlite3_bind_text(d->copy, i + 1, values[i], -1, SQLITE_STATIC);
        else
            sqlite3_bind_null(d->copy, i + 1);
    }
    int rc = sqlite3_step(d->copy);
    sqlite3_reset(d->copy);
    return rc == SQLITE_DONE ? HZ_OK : map_err(d->h, rc, "copy", e);
}

static hz_err sq_copy_end(hz_db *db, hz_errinfo *e) {
    (void)e;
    sq_db *d = (sq_db *)db;
    sqlite3_finalize(d->copy);
    d->copy = NULL;
    return HZ_OK;
}

static const hz_ddl_subst sq_ddl[] = {
    {"ID_PK", "INTEGER PRIMARY KEY"},
    {"BIGINT", "INTEGER"},
    {"/*STRICT*/", "STRICT"},
    {NULL, NULL},
};


/* The online backup API in one step (-1): every page is copied inside one
 * read transaction of the source, so the copy is the database as of one
 * moment; in WAL mode writers go on meanwhile. A busy destination is not
 * possible (a new private file); a busy source is retried a bounded number
 * of times. */
static hz_err sq_backup(hz_db *db, const char *path, hz_errinfo *e) {
    sq_db *s = (sq_db *)db;
    char tmp[4096], dir[4096];
    if (snprintf(tmp, sizeof tmp, "%s.partial-%d", path, (int)getpid()) >= (int)sizeof tmp)
        return hz_fail(e, HZ_EINVAL, "out: 路径过长 (path too long)");
    unlink(tmp);
    sqlite3 *dst = NULL;
    int rc = sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc != SQLITE_OK) {
        hz_err r = hz_fail(e, HZ_EINVAL, "out: 无法创建 %s: %s (cannot create)", tmp, sqlite3_errstr(rc));
        sqlite3_close(dst);
        return r;
    }
    sqlite3_backup *b = sqlite3_backup_init(dst, "main", s->h, "main");
    if (!b) {
        hz_err r = hz_fail(e, HZ_EDB, "backup: %s", sqlite3_errmsg(dst));
        sqlite3_close(dst);
        unlink(tmp);
        return r;
    }
    for (int tries = 0; tries < 100; tries++) {
        rc = sqlite3_backup_step(b, -1);
        if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
        sqlite3_sleep(50);
    }
    int fin = sqlite3_backup_finish(b);
    int closed = sqlite3_close(dst);
    if (rc != SQLITE_DONE || fin != SQLITE_OK || closed != SQLITE_OK) {
        unlink(tmp);
        return hz_fail(e, HZ_EDB, "backup: 复制失败 (copy failed): %s", sqlite3_errstr(rc != SQLITE_DONE ? rc : fin));
    }
    hz_strlcpy(dir, path, sizeof dir);
    char *slash = strrchr(dir, '/');
    if (slash)
        *(slash == dir ? slash + 1 : slash) = '\0';
    else
        hz_strlcpy(dir, ".", sizeof dir);
    if (sync_path(tmp, O_RDONLY) != 0 || rename(tmp, path) != 0 || sync_path(dir, O_RDONLY | O_DIRECTORY) != 0) {
        hz_err r = hz_fail(e, HZ_EINTERNAL, "out: 无法写入 %s: %s (cannot write)", path, strerror(errno));
        unlink(tmp);
        return r;
    }
    return HZ_OK;
}

/* The uses of hz_db_tune_mode. A journal-mode change switches group commit
 * (group_refresh); leaving bulk mode gives the checkpoints back to the
 * background connection. */
static void sq_tune(hz_db *db, hz_db_tune_mode mode) {
    sq_db *d = (sq_db *)db;
    switch (mode) {
    case HZ_TUNE_BULK:
        sqlite3_exec(d->h, "PRAGMA cache_size=-524288; PRAGMA wal_autocheckpoint=16384", NULL, NULL, NULL);
        break;
    case HZ_TUNE_SHARED:
        sqlite3_exec(d->h, "PRAGMA cache_size=-8192; PRAGMA wal_autocheckpoint=1000", NULL, NULL, NULL);
        if (d->group) sqlite3_wal_hook(d->h, wal_hook, d->f);
        break;
    case HZ_TUNE_SOLO:
    case HZ_TUNE_UNSOLO:
        /* a journal-mode change needs the database alone: no waiting for
         * it, another connection simply keeps the WAL */
        sqlite3_busy_timeout(d->h, 0);
        sqlite3_exec(d->h, mode == HZ_TUNE_SOLO ? "PRAGMA journal_mode=DELETE" : "PRAGMA journal_mode=WAL", NULL,
                     NULL, NULL);
        group_refresh(d);
        sqlite3_busy_timeout(d->h, 10000);
        sqlite3_exec(d->h, mode == HZ_TUNE_SOLO ? "PRAGMA foreign_keys=OFF" : "PRAGMA foreign_keys=ON", NULL, NULL,
                     NULL);
        break;
    case HZ_TUNE_APPENDS:
        sqlite3_exec(d->h, "PRAGMA cache_size=-8192", NULL, NULL, NULL);
        break;
    }
}

/* Changes when the database has changed: PRAGMA data_version (commits of
 * other connections, this process's or others', read in a read transaction
 * of its own, so a commit that ended before this call is seen) and the rows
 * this connection changed (sqlite3_total_changes64). */
static bool sq_data_version(hz_db *db, uint64_t v[2]) {
    sq_db *d = (sq_db *)db;
    if (db->tx_depth) return false;
    if (!d->dv && sqlite3_prepare_v3(d->h, "PRAGMA data_version", -1, SQLITE_PREPARE_PERSISTENT, &d->dv, NULL) != SQLITE_OK)
        return false;
    bool ok = sqlite3_step(d->dv) == SQLITE_ROW;
    if (ok) v[0] = (uint64_t)sqlite3_column_int64(d->dv, 0);
    sqlite3_reset(d->dv);
    v[1] = (uint64_t)sqlite3_total_changes64(d->h);
    return ok;
}

/* One statement prepared once and run to its end. */
static bool run_kept(sq_db *d, sqlite3_stmt **st, const char *sql) {
    if (!*st && sqlite3_prepare_v3(d->h, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL) != SQLITE_OK) return false;
    bool ok = sqlite3_step(*st) == SQLITE_DONE;
    sqlite3_reset(*st);
    return ok;
}

/* A deferred transaction: the first read starts one WAL snapshot (one read
 * lock, two fcntl calls) that every read until sq_read_end shares, instead
 * of one per statement. */
static bool sq_read_begin(hz_db *db) {
    sq_db *d = (sq_db *)db;
    return sqlite3_get_autocommit(d->h) && run_kept(d, &d->rb, "BEGIN");
}

static void sq_read_end(hz_db *db) {
    sq_db *d = (sq_db *)db;
    if (!sqlite3_get_autocommit(d->h) && !run_kept(d, &d->re, "COMMIT")) (void)sq_exec(db, "ROLLBACK", NULL);
}

const hz_db_driver hz_sqlite_driver = {
    .name = "sqlite",
    .ddl = sq_ddl,
    .open = sq_open,
    .close = sq_close,
    .exec = sq_exec,
    .prepare = sq_prepare,
    .bind_int64 = sq_bind_int64,
    .bind_text = sq_bind_text,
    .bind_text_kept = sq_bind_text_kept,
    .bind_null = sq_bind_null,
    .step = sq_step,
    .col_int64 = sq_col_int64,
    .col_text = sq_col_text,
    .col_null = sq_col_null,
    .reset = sq_reset,
    .finalize = sq_finalize,
    .begin = sq_begin,
    .commit = sq_commit,
    .rollback = sq_rollback,
    .copy_begin = sq_copy_begin,
    .copy_row = sq_copy_row,
    .copy_end = sq_copy_end,
    .tune = sq_tune,
    .backup = sq_backup,
    .data_version = sq_data_version,
    .read_begin = sq_read_begin,
    .read_end = sq_read_end,
};
