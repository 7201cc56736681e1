/* src/core/care: kinds, the check-up extra and the ranking's shared places. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "core/care.h"

static void test_kinds(void **state) {
    (void)state;
    const char *ok[] = {"lecture",   "walk",    "run",      "cool",     "welcome", "checkup",
                        "screening", "contest", "interest", "training", "room",    NULL};
    for (int i = 0; ok[i]; i++)
        assert_true(hz_care_kind_ok(ok[i]));
    assert_false(hz_care_kind_ok("Walk"));
    assert_false(hz_care_kind_ok(""));
    assert_false(hz_care_kind_ok(NULL));
    assert_true(hz_case_kind_ok("wage"));
    assert_false(hz_case_kind_ok("salary"));
    assert_true(hz_case_outcome_ok("withdrawn"));
    assert_false(hz_case_outcome_ok("open"));
    assert_string_equal(hz_care_ranked_by("walk"), "steps");
    assert_string_equal(hz_care_ranked_by("run"), "score");
    assert_string_equal(hz_care_ranked_by("contest"), "score");
    assert_null(hz_care_ranked_by("lecture"));
}

static void test_extra(void **state) {
    (void)state;
    assert_int_equal(hz_care_extra("checkup", true), 60000);
    assert_int_equal(hz_care_extra("checkup", false), 0);
    assert_int_equal(hz_care_extra("walk", true), 0);
}

static void test_rank_ties(void **state) {
    (void)state;
    hz_rank_row r[5];
    memset(r, 0, sizeof r);
    const int64_t v[] = {8000, 12000, 12000, 3000, 8000};
    for (int i = 0; i < 5; i++) {
        r[i].value = v[i];
        snprintf(r[i].id_number, sizeof r[i].id_number, "ID%d", i);
    }
    hz_care_rank(r, 5);
    /* 12000 12000 8000 8000 3000 -> 1 1 3 3 5 */
    const int64_t want_v[] = {12000, 12000, 8000, 8000, 3000};
    const int want_r[] = {1, 1, 3, 3, 5};
    for (int i = 0; i < 5; i++) {
        assert_int_equal(r[i].value, want_v[i]);
        assert_int_equal(r[i].rank, want_r[i]);
    }
    assert_string_equal(r[0].id_number, "ID1"); /* equal values by ID number */
    hz_care_rank(r, 0);
    hz_rank_row one = {.value = 0};
    hz_care_rank(&one, 1);
    assert_int_equal(one.rank, 1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kinds),
        cmocka_unit_test(test_extra),
        cmocka_unit_test(test_rank_ties),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
