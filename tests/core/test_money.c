/* src/core/money: parsing, formatting, overflow and half-up rounding. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/money.h"

static hz_fen parse_ok(const char *s) {
    hz_fen v = -999;
    assert_int_equal(hz_money_parse(s, true, &v, "amount", NULL), HZ_OK);
    return v;
}

static void test_parse_valid(void **state) {
    (void)state;
    assert_int_equal(parse_ok("27101.00"), 2710100);
    assert_int_equal(parse_ok("27101"), 2710100);
    assert_int_equal(parse_ok("0.5"), 50);
    assert_int_equal(parse_ok("0.05"), 5);
    assert_int_equal(parse_ok("0"), 0);
    assert_int_equal(parse_ok("-12.34"), -1234);
    assert_int_equal(parse_ok("10000000000000.00"), HZ_MONEY_MAX);
}

static void test_parse_invalid(void **state) {
    (void)state;
    const char *bad[] = {"", "1.234", "1.", ".5", "+1", " 1", "1 ", "1,000.00", "abc", "1e3", "--1",
                         "10000000000000.01", "99999999999999999999999", "1.2.3", "0x10", NULL};
    for (int i = 0; bad[i]; i++) {
        hz_fen v = 7;
        hz_errinfo e;
        assert_int_equal(hz_money_parse(bad[i], true, &v, "金额", &e), HZ_EINVAL);
        assert_int_equal(v, 7);
        assert_non_null(strstr(e.msg, "金额"));
    }
    hz_fen v;
    hz_errinfo e;
    assert_int_equal(hz_money_parse("-1.00", false, &v, "psn_selfpay", &e), HZ_EINVAL);
    assert_non_null(strstr(e.msg, "psn_selfpay"));
    assert_int_equal(hz_money_parse(NULL, false, &v, NULL, &e), HZ_EINVAL);
}

static void test_format(void **state) {
    (void)state;
    char b[HZ_MONEY_BUF];
    assert_string_equal(hz_money_format(2710100, b), "27101.00");
    assert_string_equal(hz_money_format(5, b), "0.05");
    assert_string_equal(hz_money_format(0, b), "0.00");
    assert_string_equal(hz_money_format(-1234, b), "-12.34");
    assert_string_equal(hz_money_format(-5, b), "-0.05");
    assert_string_equal(hz_money_format(INT64_MIN, b), "-92233720368547758.08");
    assert_string_equal(hz_money_format(INT64_MAX, b), "92233720368547758.07");
}

static void test_overflow(void **state) {
    (void)state;
    hz_fen r = 0;
    assert_false(hz_money_add(INT64_MAX, 1, &r));
    assert_false(hz_money_sub(INT64_MIN, 1, &r));
    assert_false(hz_money_mul(INT64_MAX / 2 + 1, 2, &r));
    assert_true(hz_money_add(1, 2, &r));
    assert_int_equal(r, 3);
    assert_false(hz_money_pct(INT64_MAX, 20, &r));
}

static void test_pct_rounding(void **state) {
    (void)state;
    hz_fen r;
    /* worked example: (24350.00 - 1300.00) x 20% = 4610.00 */
    assert_true(hz_money_pct(2305000, 20, &r));
    assert_int_equal(r, 461000);
    /* .005 rounds up: 0.25 x 2% = 0.005 -> 0.01 */
    assert_true(hz_money_pct(25, 2, &r));
    assert_int_equal(r, 1);
    /* just below half rounds down: 0.24 x 2% = 0.0048 -> 0.00 */
    assert_true(hz_money_pct(24, 2, &r));
    assert_int_equal(r, 0);
    /* 0.125 yuan (12.5 fen) -> 13 fen; 12.4 -> 12 */
    assert_true(hz_money_ratio(125, 1, 10, &r));
    assert_int_equal(r, 13);
    assert_true(hz_money_ratio(124, 1, 10, &r));
    assert_int_equal(r, 12);
    /* negative: half away from zero */
    assert_true(hz_money_pct(-25, 2, &r));
    assert_int_equal(r, -1);
    assert_true(hz_money_pct(-24, 2, &r));
    assert_int_equal(r, 0);
    assert_false(hz_money_ratio(1, 1, 0, &r));
    /* 25% of 0.02 = 0.005 -> 0.01 */
    assert_true(hz_money_pct(2, 25, &r));
    assert_int_equal(r, 1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_valid), cmocka_unit_test(test_parse_invalid), cmocka_unit_test(test_format),
        cmocka_unit_test(test_overflow),    cmocka_unit_test(test_pct_rounding),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
