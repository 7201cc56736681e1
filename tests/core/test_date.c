/* src/core/date: parsing, leap years, month-end arithmetic, ages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/date.h"

static hz_date D(const char *s) {
    hz_date d = 0;
    assert_int_equal(hz_date_parse(s, &d, NULL, NULL), HZ_OK);
    return d;
}

static void test_parse(void **state) {
    (void)state;
    char b[HZ_DATE_BUF];
    assert_int_equal(D("1970-01-01"), 0);
    assert_string_equal(hz_date_format(D("2024-02-29"), b), "2024-02-29");
    assert_string_equal(hz_date_format(D("2000-02-29"), b), "2000-02-29");
    const char *bad[] = {"2023-02-29", "1900-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-4-1",
                         "2026/04/01", "20260401", "2026-04-01x", "", "1899-12-31", "2200-01-01", NULL};
    for (int i = 0; bad[i]; i++) {
        hz_date d = 5;
        assert_int_equal(hz_date_parse(bad[i], &d, "start", NULL), HZ_EINVAL);
        assert_int_equal(d, 5);
    }
    hz_date d;
    assert_int_equal(hz_date_parse(NULL, &d, NULL, NULL), HZ_EINVAL);
}

static void test_roundtrip(void **state) {
    (void)state;
    for (hz_date t = D("1900-01-01"); t <= D("2199-12-31"); t += 13) {
        int y, m, d;
        hz_date_to_ymd(t, &y, &m, &d);
        assert_true(hz_date_valid_ymd(y, m, d));
        assert_int_equal(hz_date_from_ymd(y, m, d), t);
    }
}

static void test_months(void **state) {
    (void)state;
    char b[HZ_DATE_BUF];
    assert_string_equal(hz_date_format(hz_date_add_months(D("2024-01-31"), 1), b), "2024-02-29");
    assert_string_equal(hz_date_format(hz_date_add_months(D("2023-01-31"), 1), b), "2023-02-28");
    assert_string_equal(hz_date_format(hz_date_add_months(D("2024-02-29"), 12), b), "2025-02-28");
    assert_string_equal(hz_date_format(hz_date_add_months(D("2026-11-30"), 3), b), "2027-02-28");
    assert_string_equal(hz_date_format(hz_date_add_months(D("2026-03-31"), -1), b), "2026-02-28");
    /* plans.md: 12 months from 2026-01-01 end 2026-12-31 */
    assert_string_equal(hz_date_format(hz_date_term_end(D("2026-01-01"), 12), b), "2026-12-31");
    assert_string_equal(hz_date_format(hz_date_term_end(D("2019-01-01"), 12), b), "2019-12-31");
    assert_string_equal(hz_date_format(hz_date_term_end(D("2025-03-15"), 36), b), "2028-03-14");
    assert_string_equal(hz_date_format(hz_date_term_end(D("2024-02-29"), 12), b), "2025-02-27");
    assert_int_equal(hz_date_diff(D("2019-05-20"), D("2019-05-06")), 14);
    assert_int_equal(hz_date_diff(D("2024-03-01"), D("2024-02-28")), 2);
    assert_int_equal(hz_date_diff(D("2023-03-01"), D("2023-02-28")), 1);
}

static void test_age(void **state) {
    (void)state;
    assert_int_equal(hz_date_age(D("1990-06-15"), D("2026-06-14")), 35);
    assert_int_equal(hz_date_age(D("1990-06-15"), D("2026-06-15")), 36);
    /* born on Feb 29: a year older on Mar 1 in common years */
    assert_int_equal(hz_date_age(D("2008-02-29"), D("2026-02-28")), 17);
    assert_int_equal(hz_date_age(D("2008-02-29"), D("2026-03-01")), 18);
    assert_int_equal(hz_date_age(D("2008-02-29"), D("2028-02-29")), 20);
}

static void test_unix(void **state) {
    (void)state;
    /* 2026-11-28T16:00:00Z is 2026-11-29 00:00 in Shanghai */
    assert_int_equal(hz_date_from_unix(1795881600), D("2026-11-29"));
    assert_int_equal(hz_date_from_unix(1795881599), D("2026-11-28"));
    assert_int_equal(hz_date_from_unix(-8 * 3600 - 1), D("1969-12-31"));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse), cmocka_unit_test(test_roundtrip), cmocka_unit_test(test_months),
        cmocka_unit_test(test_age),   cmocka_unit_test(test_unix),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
