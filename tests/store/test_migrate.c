/* src/store: migrations run once, constraints map to HZ_ECONFLICT. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"

static char path[512];

static int setup(void **state) {
    (void)state;
    snprintf(path, sizeof path, "/tmp/hz_test_migrate_%d.db", (int)getpid());
    unlink(path);
    return 0;
}

static int teardown(void **state) {
    (void)state;
    char p[600];
    unlink(path);
    snprintf(p, sizeof p, "%s-wal", path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", path);
    unlink(p);
    return 0;
}

static hz_db *open_db(void) {
    char url[600];
    snprintf(url, sizeof url, "sqlite:%s", path);
    hz_db *db = NULL;
    hz_errinfo e;
    if (hz_db_open(url, &db, &e) != HZ_OK) fail_msg("%s", e.msg);
    return db;
}

static void test_migrate_twice(void **state) {
    (void)state;
    hz_db *db = open_db();
    int applied = -1;
    hz_errinfo e;
    assert_int_equal(hz_store_migrate(db, "2026-11-29T00:00:00Z", &applied, &e), HZ_OK);
    int all = 0; /* every module's migrations, the core's included */
    for (const hz_store_module *const *m = hz_store_modules; *m; m++) all += (*m)->n_migrations;
    assert_int_equal(applied, all);
    hz_db_close(db);
    db = open_db();
    assert_int_equal(hz_store_migrate(db, "2026-11-29T00:00:01Z", &applied, &e), HZ_OK);
    assert_int_equal(applied, 0);
    hz_db_close(db);
}

/* A later module keeps its own history in module_migration(module, version):
 * each migration once, and a database newer than the build is refused. */
static void test_module_migrations(void **state) {
    (void)state;
    hz_db *db = open_db();
    int applied;
    hz_errinfo e;
    assert_int_equal(hz_store_migrate(db, "2026-11-29T00:00:00Z", &applied, &e), HZ_OK);
    static const char *const two[] = {"CREATE TABLE aid_program (id ID_PK, name TEXT NOT NULL) /*STRICT*/",
                                      "ALTER TABLE aid_program ADD COLUMN budget BIGINT NOT NULL DEFAULT 0"};
    hz_store_module aid = {"aid", two, 2};
    applied = 0;
    assert_int_equal(hz_store_migrate_module(db, &aid, "2026-11-29T00:00:01Z", &applied, &e), HZ_OK);
    assert_int_equal(applied, 2);
    applied = 0;
    assert_int_equal(hz_store_migrate_module(db, &aid, "2026-11-29T00:00:02Z", &applied, &e), HZ_OK);
    assert_int_equal(applied, 0);
    hz_store_module older = {"aid", two, 1};
    assert_int_equal(hz_store_migrate_module(db, &older, "2026-11-29T00:00:03Z", &applied, &e), HZ_EDB);
    assert_non_null(strstr(e.msg, "aid"));
    /* the core's history is untouched by the module's */
    applied = 0;
    assert_int_equal(hz_store_migrate(db, "2026-11-29T00:00:04Z", &applied, &e), HZ_OK);
    assert_int_equal(applied, 0);
    hz_db_close(db);
}

static const char ins_org[] =
    "INSERT INTO org (code, name, kind, path, created_at) VALUES (?, ?, ?, '/', '2026-11-29T00:00:00Z')";

static hz_err insert_org(hz_db *db, const char *code, const char *kind, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, ins_org, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, code);
    hz_stmt_text(st, 2, "西安市总工会");
    hz_stmt_text(st, 3, kind);
    return hz_stmt_run(st, e);
}

static void test_constraints(void **state) {
    (void)state;
    hz_db *db = open_db();
    int applied;
    hz_errinfo e;
    assert_int_equal(hz_store_migrate(db, "2026-11-29T00:00:00Z", &applied, &e), HZ_OK);
    assert_int_equal(insert_org(db, "XA", "federation", &e), HZ_OK);
    /* duplicate code -> conflict naming the column */
    assert_int_equal(insert_org(db, "XA", "federation", &e), HZ_ECONFLICT);
    assert_non_null(strstr(e.msg, "org.code"));
    /* CHECK constraint on kind -> conflict too */
    assert_int_equal(insert_org(db, "XB", "club", &e), HZ_ECONFLICT);
    /* STRICT: text into a BIGINT column is refused */
    assert_int_equal(hz_db_exec(db, "INSERT INTO payment_batch (batch_no, count, total, created_at)"
                                    " VALUES ('B1', 'many', 0, 'now')", &e), HZ_EDB);
    /* foreign keys are on */
    assert_int_equal(hz_db_exec(db, "INSERT INTO unit (credit_code, name, org_id, created_at)"
                                    " VALUES ('91350100M000100Y43', 'x', 999, 'now')", &e), HZ_ECONFLICT);
    hz_db_close(db);
}

static void test_transactions(void **state) {
    (void)state;
    hz_db *db = open_db();
    int applied;
    hz_errinfo e;
    assert_int_equal(hz_store_migrate(db, "2026-11-29T00:00:00Z", &applied, &e), HZ_OK);
    /* a rolled back transaction leaves nothing */
    assert_int_equal(hz_db_begin(db, &e), HZ_OK);
    assert_int_equal(insert_org(db, "T1", "district", &e), HZ_OK);
    hz_db_rollback(db);
    /* nested: inner rollback dooms the outer commit */
    assert_int_equal(hz_db_begin(db, &e), HZ_OK);
    assert_int_equal(insert_org(db, "T2", "district", &e), HZ_OK);
    assert_int_equal(hz_db_begin(db, &e), HZ_OK);
    hz_db_rollback(db);
    assert_int_equal(hz_db_commit(db, &e), HZ_ECONFLICT);
    /* committed work stays */
    assert_int_equal(hz_db_begin(db, &e), HZ_OK);
    assert_int_equal(insert_org(db, "T3", "district", &e), HZ_OK);
    assert_int_equal(hz_db_commit(db, &e), HZ_OK);
    hz_stmt *st;
    bool row;
    static const char q[] = "SELECT group_concat(code) FROM org";
    assert_int_equal(hz_db_stmt(db, q, &st, &e), HZ_OK);
    assert_int_equal(hz_stmt_step(st, &row, &e), HZ_OK);
    assert_true(row);
    assert_string_equal(hz_stmt_col_text(st, 0), "T3");
    hz_stmt_reset(st);
    assert_int_equal(hz_db_commit(db, &e), HZ_EINTERNAL);
    hz_db_close(db);
}

static void test_open_errors(void **state) {
    (void)state;
    hz_db *db = NULL;
    hz_errinfo e;
    assert_int_equal(hz_db_open("sqlite:/nonexistent-dir/x.db", &db, &e), HZ_EDB);
    assert_int_equal(hz_db_open("", &db, &e), HZ_EUSAGE);
    assert_int_equal(hz_db_open("sqlite:", &db, &e), HZ_EUSAGE);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_migrate_twice, setup, teardown),
        cmocka_unit_test_setup_teardown(test_constraints, setup, teardown),
        cmocka_unit_test_setup_teardown(test_module_migrations, setup, teardown),
        cmocka_unit_test_setup_teardown(test_transactions, setup, teardown),
        cmocka_unit_test(test_open_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
