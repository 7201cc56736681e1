/* src/core/fmt and hz_money_format against snprintf, the oracle they
 * replace: the same bytes for random numbers, amounts and Chinese text, at
 * every buffer size (truncation included). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "core/fmt.h"
#include "core/money.h"
#include "io/gen.h"

/* How money was formatted before: the oracle. */
static char *old_money(hz_fen v, char *buf) {
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    snprintf(buf, HZ_MONEY_BUF, "%s%llu.%02llu", v < 0 ? "-" : "", (unsigned long long)(u / 100),
             (unsigned long long)(u % 100));
    return buf;
}

static hz_fen random_fen(hz_rng *r) {
    switch (hz_rng_below(r, 6)) {
    case 0: return (hz_fen)hz_rng_below(r, 1000);
    case 1: return -(hz_fen)hz_rng_below(r, 100000);
    case 2: return (hz_fen)hz_rng_below(r, 100000000);
    case 3: return (hz_fen)hz_rng_next(r);
    case 4: return hz_rng_below(r, 2) ? INT64_MIN : INT64_MAX;
    default: return (hz_fen)hz_rng_below(r, HZ_MONEY_MAX);
    }
}

static int random_int(hz_rng *r) {
    switch (hz_rng_below(r, 4)) {
    case 0: return (int)hz_rng_below(r, 101);
    case 1: return -(int)hz_rng_below(r, 1000);
    case 2: return hz_rng_below(r, 2) ? INT32_MIN : INT32_MAX;
    default: return (int)(uint32_t)hz_rng_next(r);
    }
}

static void test_money_format(void **state) {
    (void)state;
    hz_rng r;
    hz_rng_seed(&r, 7);
    char got[HZ_MONEY_BUF], want[HZ_MONEY_BUF];
    assert_string_equal(hz_money_format(2710100, got), "27101.00");
    assert_string_equal(hz_money_format(-5, got), "-0.05");
    assert_string_equal(hz_money_format(0, got), "0.00");
    assert_string_equal(hz_money_format(INT64_MIN, got), "-92233720368547758.08");
    for (int i = 0; i < 200000; i++) {
        hz_fen v = random_fen(&r);
        assert_string_equal(hz_money_format(v, got), old_money(v, want));
    }
}

/* The explanations' shapes, with their arguments drawn at random; each
 * compared with snprintf (amounts as %s of the old formatter) at every
 * size from 0 to past the whole text. */
static void test_fmt_matches_snprintf(void **state) {
    (void)state;
    static const char *const words[] = {"住院", "重疾", "C54.1", "ZY", "", "伤残3级", "意外身故", "(无)"};
    hz_rng r;
    hz_rng_seed(&r, 11);
    for (int i = 0; i < 20000; i++) {
        hz_fen a = random_fen(&r), b = random_fen(&r), c = random_fen(&r);
        int x = random_int(&r), y = random_int(&r);
        const char *w = words[hz_rng_below(&r, 8)], *v = words[hz_rng_below(&r, 8)];
        char ma[HZ_MONEY_BUF], mb[HZ_MONEY_BUF], mc[HZ_MONEY_BUF];
        old_money(a, ma);
        old_money(b, mb);
        old_money(c, mc);
        char want[300], got[300];
        int len = snprintf(want, sizeof want, "%s %s: %s x %d份 x (%d%% - %d%%) = %s; %s - %s <= 0", w, v, ma, x, y,
                           x, mb, mc, ma);
        assert_true(len > 0 && len < (int)sizeof want);
        for (size_t size = 0; size <= (size_t)len + 2; size++) {
            memset(got, 'X', sizeof got);
            memset(want, 'X', sizeof want);
            snprintf(want, size, "%s %s: %s x %d份 x (%d%% - %d%%) = %s; %s - %s <= 0", w, v, ma, x, y, x, mb, mc, ma);
            size_t n = hz_fmt(got, size, "%s %s: %m x %d份 x (%d%% - %d%%) = %m; %m - %m <= 0", w, v, a, x, y, x, b,
                              c, a);
            assert_memory_equal(got, want, sizeof got);
            assert_int_equal(n, size ? strlen(got) : 0);
        }
        /* appending, as the cap notes do */
        char base_want[256], base_got[256];
        snprintf(base_want, sizeof base_want, "(%s - %s) x %d%% = %s", ma, mb, x, mc);
        size_t n0 = (size_t)snprintf(base_want + strlen(base_want), sizeof base_want - strlen(base_want),
                                     "; 限额 %s 余 %s, 给付 %s (cap left)", mc, mb, mb);
        (void)n0;
        hz_fmt(base_got, sizeof base_got, "(%m - %m) x %d%% = %m", a, b, x, c);
        hz_fmt_append(base_got, sizeof base_got, "; 限额 %m 余 %m, 给付 %m (cap left)", c, b, b);
        assert_string_equal(base_got, base_want);
    }
}

/* The writer the engine's hot explanations use, piece by piece, against
 * snprintf at every size: pieces cut where snprintf cuts, nothing written
 * past the NUL. */
static void test_writer_matches_snprintf(void **state) {
    (void)state;
    hz_rng r;
    hz_rng_seed(&r, 13);
    for (int i = 0; i < 5000; i++) {
        hz_fen a = random_fen(&r), b = random_fen(&r);
        int x = random_int(&r);
        const char *w = hz_rng_below(&r, 2) ? "特定癌症" : "C54.1";
        char ma[HZ_MONEY_BUF], mb[HZ_MONEY_BUF];
        old_money(a, ma);
        old_money(b, mb);
        char want[200], got[200];
        int len = snprintf(want, sizeof want, "%s: (%s - %s) x %d%% = %s", w, ma, mb, x, ma);
        assert_true(len > 0 && len < (int)sizeof want);
        for (size_t size = 1; size <= (size_t)len + 2; size++) {
            memset(got, 'X', sizeof got);
            memset(want, 'X', sizeof want);
            snprintf(want, size, "%s: (%s - %s) x %d%% = %s", w, ma, mb, x, ma);
            hz_fmt_out o;
            hz_fmt_open(&o, got, size);
            hz_fmt_str(&o, w);
            HZ_FMT_LIT(&o, ": (");
            hz_fmt_money(&o, a);
            HZ_FMT_LIT(&o, " - ");
            hz_fmt_money(&o, b);
            HZ_FMT_LIT(&o, ") x ");
            hz_fmt_int(&o, x);
            HZ_FMT_LIT(&o, "% = ");
            hz_fmt_money(&o, a);
            size_t n = hz_fmt_close(&o);
            assert_memory_equal(got, want, sizeof got);
            assert_int_equal(n, strlen(got));
        }
    }
}

static void test_fmt_edges(void **state) {
    (void)state;
    char buf[16];
    assert_int_equal(hz_fmt(buf, sizeof buf, "100%%"), 4);
    assert_string_equal(buf, "100%");
    assert_int_equal(hz_fmt(buf, sizeof buf, "%d", INT32_MIN), 11);
    assert_string_equal(buf, "-2147483648");
    assert_int_equal(hz_fmt(buf, sizeof buf, "no conversions"), 14);
    assert_int_equal(hz_fmt(buf, 1, "abc"), 0);
    assert_string_equal(buf, "");
    /* a full buffer takes no more */
    hz_fmt(buf, 4, "abcdef");
    assert_int_equal(hz_fmt_append(buf, 4, "%d", 5), 3);
    assert_string_equal(buf, "abc");
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_money_format), cmocka_unit_test(test_fmt_matches_snprintf),
                                       cmocka_unit_test(test_writer_matches_snprintf), cmocka_unit_test(test_fmt_edges)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
