/* src/core/money: parsing, formatting, overflow and half-up rounding. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
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

static void test_format_grouped(void **state) {
    (void)state;
    char b[HZ_MONEY_BUF];
    assert_string_equal(hz_money_format_grouped(1234567, b), "12,345.67");
    assert_string_equal(hz_money_format_grouped(674000, b), "6,740.00");
    assert_string_equal(hz_money_format_grouped(99999, b), "999.99");
    assert_string_equal(hz_money_format_grouped(100000, b), "1,000.00");
    assert_string_equal(hz_money_format_grouped(100000000, b), "1,000,000.00");
    assert_string_equal(hz_money_format_grouped(5, b), "0.05");
    assert_string_equal(hz_money_format_grouped(0, b), "0.00");
    assert_string_equal(hz_money_format_grouped(-5, b), "-0.05");
    assert_string_equal(hz_money_format_grouped(-123456, b), "-1,234.56");
    assert_string_equal(hz_money_format_grouped(-12345, b), "-123.45");
    assert_string_equal(hz_money_format_grouped(HZ_MONEY_MAX, b), "10,000,000,000,000.00");
    assert_string_equal(hz_money_format_grouped(INT64_MAX, b), "92,233,720,368,547,758.07");
    assert_string_equal(hz_money_format_grouped(INT64_MIN, b), "-92,233,720,368,547,758.08");
    assert_true(strlen(b) < HZ_MONEY_BUF);
}

/* The reference: the plain text with a comma put before every digit of
 * the whole part whose distance from the point is a multiple of three,
 * read left to right (the formatter works right to left). */
static void grouped_reference(hz_fen v, char *out) {
    char plain[HZ_MONEY_BUF];
    hz_money_format(v, plain);
    const char *p = plain;
    if (*p == '-') *out++ = *p++;
    size_t whole = (size_t)(strchr(p, '.') - p);
    for (size_t i = 0; p[i]; i++) {
        if (i > 0 && i < whole && (whole - i) % 3 == 0) *out++ = ',';
        *out++ = p[i];
    }
    *out = '\0';
}

static void test_format_grouped_property(void **state) {
    (void)state;
    uint64_t x = 0x9E3779B97F4A7C15ULL;
    for (int i = 0; i < 200000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        /* every magnitude from a few fen to INT64's edges */
        int shift = (int)(x % 64);
        hz_fen v = (hz_fen)(x >> shift);
        if (x & (1ULL << 62)) v = v == INT64_MIN ? v : -v;
        if (i < 4) v = i == 0 ? INT64_MIN : i == 1 ? INT64_MAX : i == 2 ? INT64_MIN + 1 : -1;
        char got[HZ_MONEY_BUF], want[HZ_MONEY_BUF], plain[HZ_MONEY_BUF], stripped[HZ_MONEY_BUF], *w = stripped;
        grouped_reference(v, want);
        hz_money_format_grouped(v, got);
        if (strcmp(got, want)) fail_msg("%lld: %s, want %s", (long long)v, got, want);
        /* without its commas it is the plain text, which parses back */
        for (const char *p = got; *p; p++)
            if (*p != ',') *w++ = *p;
        *w = '\0';
        assert_string_equal(stripped, hz_money_format(v, plain));
        hz_fen back;
        if (v >= -HZ_MONEY_MAX && v <= HZ_MONEY_MAX) {
            assert_int_equal(hz_money_parse(stripped, true, &back, "amount", NULL), HZ_OK);
            assert_int_equal(back, v);
        }
    }
}

static void test_regroup(void **state) {
    (void)state;
    char b[512];
    const char *cases[][2] = {
        {"(24350.00 - 1300.00) x 20% = 4610.00", "(24,350.00 - 1,300.00) x 20% = 4,610.00"},
        {"11740.00 × 90% = 10566.00", "11,740.00 × 90% = 10,566.00"},
        {"(89 - 3) 天 x 30.00 x 1份 = 2580.00; 限额 900.00 余 900.00, 给付 900.00 (cap left)",
         "(89 - 3) 天 x 30.00 x 1份 = 2,580.00; 限额 900.00 余 900.00, 给付 900.00 (cap left)"},
        {"C54.1 重疾: 10000.00 x 4份 x 30% = 12000.00", "C54.1 重疾: 10,000.00 x 4份 x 30% = 12,000.00"},
        {"住院 2028-04-21 不在保障期 2026-01-01 至 2026-12-31 内", "住院 2028-04-21 不在保障期 2026-01-01 至 2026-12-31 内"},
        {"-1234567.89", "-1,234,567.89"},
        {"D05.12 K7212.34 0012.34 123.456 1.23.4 1.5 1,234.00 v1000.00 _1000.00",
         "D05.12 K7212.34 0012.34 123.456 1.23.4 1.5 1,234.00 v1000.00 _1000.00"},
        {"0.05元,100000000000000.00。", "0.05元,100,000,000,000,000.00。"},
        {"", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_true(hz_money_regroup(cases[i][0], b, sizeof b));
        assert_string_equal(b, cases[i][1]);
    }
    /* too small: cut at a whole character, and said so */
    assert_false(hz_money_regroup("金额 12345.00", b, 5));
    assert_string_equal(b, "金");
    assert_false(hz_money_regroup("12345.00", b, 9));
    assert_string_equal(b, "");
    assert_true(hz_money_regroup("12345.00", b, 10));
    assert_string_equal(b, "12,345.00");
}

/* removes the commas that stand between two digits */
static void strip_digit_commas(const char *in, char *out) {
    for (size_t i = 0; in[i]; i++)
        if (!(in[i] == ',' && i > 0 && in[i - 1] >= '0' && in[i - 1] <= '9' && in[i + 1] >= '0' && in[i + 1] <= '9'))
            *out++ = in[i];
    *out = '\0';
}

/* Property: text built from pieces that are amounts (any int64, as the
 * engine formats them) and pieces that look like numbers but are not
 * (codes, dates, counts, other decimals), joined by separators: regrouped,
 * each amount is hz_money_format_grouped's text and everything else is as
 * it was; and removing the commas between digits gives the input back. */
static void test_regroup_property(void **state) {
    (void)state;
    static const char *const others[] = {"C54.1", "D05.12", "K72.0", "2026-05-06", "4份", "20%", "1.5", "0012.34",
                                         "123.456", "1.23.4", "S123", "89", "住院", "x", "天", "0", "007", "12.3"};
    static const char *const seps[] = {" ", " x ", " = ", "(", ")", "元", "; ", " - ", "、", ": ", "×"};
    uint64_t x = 0x2545F4914F6CDD1DULL;
    char in[2048], want[4096], got[4096], back[4096], piece[64];
    for (int round = 0; round < 20000; round++) {
        size_t ni = 0, nw = 0;
        in[0] = want[0] = '\0';
        int pieces = 1 + (int)(x % 12);
        for (int k = 0; k < pieces; k++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            const char *sep = k ? seps[x % (sizeof seps / sizeof seps[0])] : "";
            ni += (size_t)snprintf(in + ni, sizeof in - ni, "%s", sep);
            nw += (size_t)snprintf(want + nw, sizeof want - nw, "%s", sep);
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            if (x & 1) {
                hz_fen v = (hz_fen)(x >> (x % 64));
                if (x & 2) v = v == INT64_MIN ? v : -v;
                if (round == 0) v = k % 2 ? INT64_MIN : INT64_MAX;
                ni += (size_t)snprintf(in + ni, sizeof in - ni, "%s", hz_money_format(v, piece));
                nw += (size_t)snprintf(want + nw, sizeof want - nw, "%s", hz_money_format_grouped(v, piece));
            } else {
                const char *o = others[(x >> 8) % (sizeof others / sizeof others[0])];
                ni += (size_t)snprintf(in + ni, sizeof in - ni, "%s", o);
                nw += (size_t)snprintf(want + nw, sizeof want - nw, "%s", o);
            }
        }
        assert_true(hz_money_regroup(in, got, sizeof got));
        if (strcmp(got, want)) fail_msg("regroup(%s) = %s, want %s", in, got, want);
        strip_digit_commas(got, back);
        assert_string_equal(back, in);
    }
}

/* Every explanation the engine wrote for the reference claims (the file
 * test_engine_ref compares byte for byte): regrouped, only commas between
 * digits were added, and each amount reads as the engine's amount. */
static void test_regroup_engine_corpus(void **state) {
    (void)state;
    FILE *f = fopen(HZ_SOURCE_DIR "/tests/data/engine_explain.txt", "r");
    assert_non_null(f);
    char line[1024], got[2048], back[2048];
    int lines = 0, changed = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        assert_true(hz_money_regroup(line, got, sizeof got));
        strip_digit_commas(got, back);
        assert_string_equal(back, line);
        changed += strcmp(got, line) != 0;
        /* no amount of four or more whole digits is left ungrouped */
        for (const char *p = got; *p; p++) {
            if (!(*p >= '1' && *p <= '9') || (p > got && ((p[-1] >= '0' && p[-1] <= '9') || p[-1] == '.' ||
                                                          p[-1] == ',' || (p[-1] >= 'A' && p[-1] <= 'Z'))))
                continue;
            size_t n = strspn(p, "0123456789");
            if (p[n] == '.' && strspn(p + n + 1, "0123456789") == 2 && n > 3) fail_msg("ungrouped in %s", got);
        }
        lines++;
    }
    fclose(f);
    assert_true(lines > 1000);
    assert_true(changed > 100);
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
        cmocka_unit_test(test_format_grouped), cmocka_unit_test(test_format_grouped_property),
        cmocka_unit_test(test_overflow),    cmocka_unit_test(test_pct_rounding),
        cmocka_unit_test(test_regroup),     cmocka_unit_test(test_regroup_property),
        cmocka_unit_test(test_regroup_engine_corpus),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
