/* src/store bulk-load SQL (issue 14): the statement is built in a fixed
 * buffer that is never written past, and only plain identifiers reach it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "store/db.h"

static void test_sqlbuf_refuses_not_truncates(void **state) {
    (void)state;
    char buf[8];
    hz_sqlbuf b;
    hz_sqlbuf_init(&b, buf, sizeof buf);
    hz_sqlbuf_add(&b, "INSERT");
    assert_false(b.over);
    hz_sqlbuf_add(&b, " INTO"); /* would need 12 bytes */
    assert_true(b.over);
    assert_string_equal(buf, "INSERT");
    hz_sqlbuf_add(&b, "x"); /* stays refused */
    assert_string_equal(buf, "INSERT");
}

static void test_identifiers(void **state) {
    (void)state;
    assert_true(hz_sql_ident("feed_tmp"));
    assert_true(hz_sql_ident("c2"));
    assert_false(hz_sql_ident(""));
    assert_false(hz_sql_ident("2c"));
    assert_false(hz_sql_ident("member; DROP TABLE member"));
    assert_false(hz_sql_ident("Member"));
    char long_name[70];
    memset(long_name, 'a', 64);
    long_name[64] = '\0';
    assert_false(hz_sql_ident(long_name));
    long_name[63] = '\0';
    assert_true(hz_sql_ident(long_name));
}

static void test_copy_begin_wide_table(void **state) {
    (void)state;
    hz_db *db;
    hz_errinfo e;
    assert_int_equal(hz_db_open("sqlite::memory:", &db, &e), HZ_OK);
    /* 64 columns of 63 characters: 4 KiB of SQL, four times the buffer the
     * SQLite driver used to write past */
    static char names[HZ_DB_COPY_MAX_COLS + 1][64];
    const char *cols[HZ_DB_COPY_MAX_COLS + 1];
    char create[8192];
    size_t o = (size_t)snprintf(create, sizeof create, "CREATE TABLE wide (");
    for (int i = 0; i <= HZ_DB_COPY_MAX_COLS; i++) {
        snprintf(names[i], sizeof names[i], "c%02d_%s", i,
                 "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
        names[i][63] = '\0';
        cols[i] = names[i];
        if (i < HZ_DB_COPY_MAX_COLS)
            o += (size_t)snprintf(create + o, sizeof create - o, "%s%s TEXT", i ? ", " : "", names[i]);
    }
    snprintf(create + o, sizeof create - o, ")");
    assert_int_equal(hz_db_exec(db, create, &e), HZ_OK);
    assert_int_equal(hz_db_begin(db, &e), HZ_OK);
    assert_int_equal(hz_db_copy_begin(db, "wide", cols, HZ_DB_COPY_MAX_COLS, &e), HZ_OK);
    const char *values[HZ_DB_COPY_MAX_COLS];
    for (int i = 0; i < HZ_DB_COPY_MAX_COLS; i++) values[i] = "v";
    assert_int_equal(hz_db_copy_row(db, values, &e), HZ_OK);
    assert_int_equal(hz_db_copy_end(db, &e), HZ_OK);
    assert_int_equal(hz_db_commit(db, &e), HZ_OK);
    /* one column more, or a name that is no identifier, is refused before
     * any SQL is built */
    assert_int_equal(hz_db_copy_begin(db, "wide", cols, HZ_DB_COPY_MAX_COLS + 1, &e), HZ_EINTERNAL);
    const char *evil[] = {"c00; DROP TABLE wide"};
    assert_int_equal(hz_db_copy_begin(db, "wide", evil, 1, &e), HZ_EINTERNAL);
    assert_int_equal(hz_db_copy_begin(db, "wide w", cols, 1, &e), HZ_EINTERNAL);
    hz_db_close(db);
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_sqlbuf_refuses_not_truncates),
                                       cmocka_unit_test(test_identifiers), cmocka_unit_test(test_copy_begin_wide_table)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
