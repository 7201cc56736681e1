/* src/store/sqlite_plan.c: the guard that names every table a statement
 * scans once per row of a correlated subquery (issue 19). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/sqlite_plan.h"

static char log_file[512];
static sqlite3 *h;

static int setup(void **state) {
    (void)state;
    unlink(log_file);
    assert_int_equal(sqlite3_open(":memory:", &h), SQLITE_OK);
    assert_int_equal(sqlite3_exec(h,
                                  "CREATE TABLE stay (id INTEGER PRIMARY KEY, member_id INT);"
                                  "CREATE TABLE link (claim_id INT, stay_id INT, active INT, PRIMARY KEY (claim_id, stay_id));"
                                  "CREATE UNIQUE INDEX link_once ON link(stay_id) WHERE active = 1;"
                                  "CREATE TABLE org (id INTEGER PRIMARY KEY, path TEXT);",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    return 0;
}

static int teardown(void **state) {
    (void)state;
    sqlite3_close(h);
    unlink(log_file);
    return 0;
}

/* what the guard wrote since the last call, "" for nothing */
static const char *logged(void) {
    static char buf[8192];
    buf[0] = 0;
    FILE *f = fopen(log_file, "r");
    if (f) {
        size_t n = fread(buf, 1, sizeof buf - 1, f);
        buf[n] = 0;
        fclose(f);
        unlink(log_file);
    }
    return buf;
}

/* the claimable-stay check of session 9: the partial index cannot answer
 * "any link, active or not", so each stay read every link */
static void test_correlated_scan_named(void **state) {
    (void)state;
    hz_sq_plan_check(h, "SELECT 1 FROM stay s WHERE s.id = ? AND NOT EXISTS (SELECT 1 FROM link cs WHERE cs.stay_id = s.id)", -1);
    const char *l = logged();
    assert_non_null(strstr(l, "PLAN\tlink\tSCAN cs"));
    assert_non_null(strstr(l, "\tSELECT 1 FROM stay s WHERE"));
    /* the same with AS, and without an alias */
    hz_sq_plan_check(h, "SELECT s.id FROM stay AS s WHERE EXISTS (SELECT 1 FROM link AS k WHERE k.stay_id = s.id)", -1);
    assert_non_null(strstr(logged(), "PLAN\tlink\tSCAN k"));
    hz_sq_plan_check(h, "SELECT id FROM stay WHERE EXISTS (SELECT 1 FROM link WHERE link.stay_id = stay.id)", -1);
    assert_non_null(strstr(logged(), "PLAN\tlink\tSCAN link"));
}

/* with an index on every link of a stay it is a search: nothing logged */
static void test_indexed_is_quiet(void **state) {
    (void)state;
    assert_int_equal(sqlite3_exec(h, "CREATE INDEX link_stay ON link(stay_id)", NULL, NULL, NULL), SQLITE_OK);
    hz_sq_plan_check(h, "SELECT 1 FROM stay s WHERE s.id = ? AND NOT EXISTS (SELECT 1 FROM link cs WHERE cs.stay_id = s.id)", -1);
    assert_string_equal(logged(), "");
    /* a scan that is not inside a correlated subquery runs once: not logged */
    hz_sq_plan_check(h, "SELECT count(*) FROM link", -1);
    hz_sq_plan_check(h, "SELECT s.id FROM stay s WHERE s.member_id IN (SELECT member_id FROM stay)", -1);
    assert_string_equal(logged(), "");
}

/* a derived table and a small table are named as such; the length given
 * is honoured (the driver passes SQL without its RETURNING suffix) */
static void test_derived_and_length(void **state) {
    (void)state;
    hz_sq_plan_check(h,
                     "SELECT s.id, (SELECT sum(x.n) FROM (SELECT k.claim_id, count(*) AS n FROM link k WHERE k.stay_id = "
                     "s.id GROUP BY k.claim_id) x) FROM stay s",
                     -1);
    const char *l = logged();
    assert_non_null(strstr(l, "PLAN\t(subquery)\tSCAN x"));
    assert_non_null(strstr(l, "PLAN\tlink\tSCAN k"));
    const char *sql = "SELECT s.id, (SELECT o.id FROM org o WHERE substr(s.member_id, 1, 1) = o.path) FROM stay s"
                      " RETURNING id";
    hz_sq_plan_check(h, sql, (int)(strlen(sql) - strlen(" RETURNING id")));
    l = logged();
    assert_non_null(strstr(l, "PLAN\torg\tSCAN o"));
    assert_null(strstr(l, "RETURNING"));
    /* an alias that stands for a small table and, in a subquery, for a
     * large one is not named after either */
    hz_sq_plan_check(h,
                     "SELECT s.id FROM stay s JOIN org o ON o.id = s.member_id WHERE NOT EXISTS (SELECT 1 FROM link o "
                     "WHERE o.stay_id = s.id)",
                     -1);
    l = logged();
    assert_non_null(strstr(l, "PLAN\t?\tSCAN o"));
    assert_null(strstr(l, "PLAN\torg\t"));
    /* SQL that does not prepare is not this guard's business */
    hz_sq_plan_check(h, "SELECT FROM nowhere", -1);
    assert_string_equal(logged(), "");
}

int main(void) {
    snprintf(log_file, sizeof log_file, "/tmp/hz_test_plan_%d.log", (int)getpid());
    setenv("HZ_PLAN_LOG", log_file, 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_correlated_scan_named, setup, teardown),
        cmocka_unit_test_setup_teardown(test_indexed_is_quiet, setup, teardown),
        cmocka_unit_test_setup_teardown(test_derived_and_length, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
