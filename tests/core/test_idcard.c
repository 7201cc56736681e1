/* src/core/idcard: resident ID, credit code, bank card, phone (check
 * algorithms; the normalising side has its own tests in test_normalize.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/idcard.h"
#include "core/normalize.h"

/* the validating side of the normalisation functions, output dropped */
static hz_err credit_ok(const char *s, hz_errinfo *e) {
    char out[32];
    return hz_norm_credit_code(s, out, sizeof out, NULL, e);
}
static hz_err card_ok(const char *s, hz_errinfo *e) {
    char out[32];
    return hz_norm_bank_card(s, out, sizeof out, NULL, e);
}
static hz_err phone_ok(const char *s, hz_errinfo *e) {
    char out[32];
    return hz_norm_phone(s, out, sizeof out, NULL, e);
}

static hz_date today(void) { return hz_date_from_ymd(2026, 11, 29); }

static void test_id_valid(void **state) {
    (void)state;
    hz_idinfo info;
    char b[HZ_DATE_BUF];
    assert_int_equal(hz_id_parse("11010519491231002X", today(), &info, NULL), HZ_OK);
    assert_string_equal(info.number, "11010519491231002X");
    assert_int_equal(info.sex, 'F');
    assert_string_equal(hz_date_format(info.birth, b), "1949-12-31");
    assert_int_equal(info.region, 110105);
    /* lower-case x is normalised */
    assert_int_equal(hz_id_parse("11010519491231002x", today(), &info, NULL), HZ_OK);
    assert_string_equal(info.number, "11010519491231002X");
    assert_int_equal(hz_id_parse("610102199001011231", today(), &info, NULL), HZ_OK);
    assert_int_equal(info.sex, 'M');
    /* Feb 29 of a leap year */
    assert_int_equal(hz_id_parse("610113199202290045", today(), &info, NULL), HZ_OK);
    assert_int_equal(info.sex, 'F');
}

static void test_id_invalid(void **state) {
    (void)state;
    struct {
        const char *id, *needle;
    } bad[] = {
        {"610102199001011232", "校验位"},  /* wrong check digit */
        {"11010519491231002Y", "校验位"},  /* not a digit or X */
        {"110105194912310021", "校验位"},  /* X expected, digit given */
        {"61010219900101123", "18位"},     /* 17 chars */
        {"6101021990010112311", "18位"},   /* 19 chars */
        {"61010219900A011231", "数字"},    /* letter inside */
        {"991021199001011231", "地区"},    /* no province 99 */
        {"610102199002301231", "出生日期"}, /* Feb 30 */
        {"610102190002291231", "出生日期"}, /* 1900 not leap */
        {"610102203001011231", "未来"},    /* born in 2030 */
        {"", "为空"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        hz_errinfo e;
        hz_err_clear(&e);
        assert_int_equal(hz_id_parse(bad[i].id, today(), NULL, &e), HZ_EINVAL);
        if (!strstr(e.msg, bad[i].needle)) fail_msg("%s: message '%s' lacks '%s'", bad[i].id, e.msg, bad[i].needle);
    }
    /* the check digit must be right for the future-date case to be reached:
     * verify all digits are tried - every wrong digit fails */
    char id[19] = "61010219900101123_";
    int ok = 0;
    for (char c = '0'; c <= '9'; c++) {
        id[17] = c;
        ok += hz_id_parse(id, today(), NULL, NULL) == HZ_OK;
    }
    assert_int_equal(ok, 1);
}

static void test_id_mask(void **state) {
    (void)state;
    char b[HZ_ID_LEN + 1];
    assert_string_equal(hz_id_mask("610102199001011249", b), "6101**********1249");
}

static void test_credit_code(void **state) {
    (void)state;
    assert_int_equal(credit_ok("91350100M000100Y43", NULL), HZ_OK);
    assert_int_equal(credit_ok("91610000MA6TG00007", NULL), HZ_OK);
    assert_int_equal(hz_credit_check_char("91350100M000100Y4"), '3');
    hz_errinfo e;
    assert_int_equal(credit_ok("91350100M000100Y44", &e), HZ_EINVAL);
    assert_non_null(strstr(e.msg, "校验位"));
    assert_int_equal(credit_ok("91350100M000100Y4", &e), HZ_EINVAL);
    assert_non_null(strstr(e.msg, "18位"));
    /* I, O, S, V, Z are not in the alphabet */
    assert_int_equal(credit_ok("91350100I000100Y43", &e), HZ_EINVAL);
    assert_non_null(strstr(e.msg, "非法字符"));
    assert_int_equal(hz_credit_check_char("9135010OM000100Y4"), 0);
}

static void test_bank_card(void **state) {
    (void)state;
    assert_int_equal(card_ok("6217000000000000004", NULL), HZ_OK);
    assert_int_equal(card_ok("62170000000000004", NULL), HZ_OK);
    assert_int_equal(card_ok("6217000000000000005", NULL), HZ_EINVAL);
    assert_int_equal(card_ok("62170000000004", NULL), HZ_EINVAL);       /* 14 digits */
    assert_int_equal(card_ok("62170000000000000000", NULL), HZ_EINVAL); /* 20 digits */
    assert_int_equal(card_ok("621700000000000000a", NULL), HZ_EINVAL);
    char b[24];
    assert_string_equal(hz_bank_card_mask("6217000000000000004", b), "6217***********0004");
}

static void test_phone(void **state) {
    (void)state;
    assert_int_equal(phone_ok("13912345678", NULL), HZ_OK);
    assert_int_equal(phone_ok("19912345678", NULL), HZ_OK);
    assert_int_equal(phone_ok("12912345678", NULL), HZ_EINVAL);
    assert_int_equal(phone_ok("1391234567", NULL), HZ_EINVAL);
    assert_int_equal(phone_ok("139123456789", NULL), HZ_EINVAL);
    assert_int_equal(phone_ok("1391234567a", NULL), HZ_EINVAL);
    assert_int_equal(phone_ok("23912345678", NULL), HZ_EINVAL);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_id_valid),     cmocka_unit_test(test_id_invalid), cmocka_unit_test(test_id_mask),
        cmocka_unit_test(test_credit_code),  cmocka_unit_test(test_bank_card),  cmocka_unit_test(test_phone),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
