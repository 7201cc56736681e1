/* src/app: the office's clock. Timestamps are stored in UTC; the office's
 * days (the 7-day clock, "today", report ranges) are Beijing's (UTC+8). A
 * claim completed at 01:00 in Shanghai (17:00 UTC the day before) and paid
 * at 10:00 seven Shanghai days later was paid within 7 days, not 8. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "app/claim_shared.h"
#include "core/date.h"

static hz_date ymd(int y, int m, int d) { return hz_date_from_ymd(y, m, d); }

static void test_ts_date_is_beijing(void **state) {
    (void)state;
    assert_int_equal(hz_ts_date("2026-11-29T15:59:59Z"), ymd(2026, 11, 29));
    assert_int_equal(hz_ts_date("2026-11-29T16:00:00Z"), ymd(2026, 11, 30));
    assert_int_equal(hz_ts_date("2026-12-31T16:00:00Z"), ymd(2027, 1, 1));
    assert_int_equal(hz_ts_date("2026-02-28T23:59:59Z"), ymd(2026, 3, 1));
    assert_int_equal(hz_ts_date("2026-03-01T00:00:00Z"), ymd(2026, 3, 1));
    assert_int_equal(hz_ts_date(""), HZ_DATE_NONE);
}

static void test_sla_days_in_beijing_days(void **state) {
    (void)state;
    hz_claim c;
    memset(&c, 0, sizeof c);
    /* complete 2026-11-21 01:00 Shanghai, paid 2026-11-28 10:00 Shanghai */
    snprintf(c.documents_complete_at, sizeof c.documents_complete_at, "2026-11-20T17:00:00Z");
    snprintf(c.paid_at, sizeof c.paid_at, "2026-11-28T02:00:00Z");
    snprintf(c.status, sizeof c.status, "paid");
    assert_int_equal(hz_claim_sla_days(&c, ymd(2026, 11, 29)), 7);
    /* the neighbours: paid 23:30 Shanghai the same 7th day, and the next morning */
    snprintf(c.paid_at, sizeof c.paid_at, "2026-11-28T15:30:00Z");
    assert_int_equal(hz_claim_sla_days(&c, ymd(2026, 11, 29)), 7);
    snprintf(c.paid_at, sizeof c.paid_at, "2026-11-28T16:00:00Z");
    assert_int_equal(hz_claim_sla_days(&c, ymd(2026, 11, 30)), 8);
    /* open: counted to today */
    c.paid_at[0] = '\0';
    assert_int_equal(hz_claim_sla_days(&c, ymd(2026, 11, 25)), 4);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ts_date_is_beijing),
        cmocka_unit_test(test_sla_days_in_beijing_days),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
