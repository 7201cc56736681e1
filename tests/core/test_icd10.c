/* src/core/icd10: code parsing and every list form of plans.md. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/icd10.h"

static bool in(const hz_icd_list *l, const char *code) {
    char n[HZ_ICD_MAX];
    assert_int_equal(hz_icd_normalize(code, n, NULL), HZ_OK);
    return hz_icd_list_match(l, n);
}

static void test_normalize(void **state) {
    (void)state;
    char n[HZ_ICD_MAX];
    assert_int_equal(hz_icd_normalize("C54.1", n, NULL), HZ_OK);
    assert_string_equal(n, "C541");
    assert_int_equal(hz_icd_normalize("c54", n, NULL), HZ_OK);
    assert_string_equal(n, "C54");
    assert_int_equal(hz_icd_normalize("C54.100x001", n, NULL), HZ_OK);
    assert_string_equal(n, "C54100X001");
    const char *bad[] = {"", "C5", "54.1", "C54.", "C5A.1", "C54-1", "C54.1 ", "CC54", "C54.1234567890123", NULL};
    for (int i = 0; bad[i]; i++) assert_int_equal(hz_icd_normalize(bad[i], n, NULL), HZ_EINVAL);
    assert_int_equal(hz_icd_normalize(NULL, n, NULL), HZ_EINVAL);
}

static const char severe[] =
    "C00-C97 except C44; I21-I22; I60-I64; N18.5; K72.0; K72.1; D32-D33; D43; G00-G05; R40.2; H90.3; H54.0;"
    " G82.1, G82.4; G30; S06.7; G20; T31.3-T31.9; I27.0; G12.2; D61; I71; J96.1; K50; K51; Z94";

static void test_severe_list(void **state) {
    (void)state;
    hz_icd_list l;
    assert_int_equal(hz_icd_list_parse(severe, &l, NULL), HZ_OK);
    assert_true(in(&l, "C54.1"));
    assert_true(in(&l, "C00"));
    assert_true(in(&l, "C97"));
    assert_true(in(&l, "C97.9"));
    assert_false(in(&l, "C98"));
    assert_false(in(&l, "C44"));   /* except */
    assert_false(in(&l, "C44.9")); /* except holds subcodes */
    assert_true(in(&l, "C43.9"));
    assert_true(in(&l, "C45"));
    assert_true(in(&l, "I21.0"));
    assert_true(in(&l, "I22"));
    assert_false(in(&l, "I23"));
    assert_false(in(&l, "I20.9"));
    assert_true(in(&l, "N18.5"));
    assert_false(in(&l, "N18.4"));
    assert_false(in(&l, "N18")); /* not precise enough for N18.5 */
    assert_true(in(&l, "T31.3"));
    assert_true(in(&l, "T31.9"));
    assert_true(in(&l, "T31.5"));
    assert_false(in(&l, "T31.2"));
    assert_false(in(&l, "T31"));
    assert_true(in(&l, "G82.1"));
    assert_true(in(&l, "G82.4"));
    assert_false(in(&l, "G82.2"));
    assert_true(in(&l, "K50.1"));
    assert_true(in(&l, "Z94.0"));
    assert_true(in(&l, "D32.9"));
    assert_true(in(&l, "D33"));
    assert_false(in(&l, "D34"));
}

static void test_mild_and_ng_lists(void **state) {
    (void)state;
    hz_icd_list l;
    assert_int_equal(hz_icd_list_parse("D00-D09; C44", &l, NULL), HZ_OK);
    assert_true(in(&l, "D05.1"));
    assert_true(in(&l, "C44.3"));
    assert_false(in(&l, "D10"));
    assert_int_equal(hz_icd_list_parse("C50, C51, C52, C53, C54, C55, C56, C57.0, C58, D39.2", &l, NULL), HZ_OK);
    assert_true(in(&l, "C54.1"));
    assert_true(in(&l, "C57.0"));
    assert_false(in(&l, "C57.1"));
    assert_true(in(&l, "D39.2"));
    assert_false(in(&l, "D39.1"));
    /* en dash as range sign */
    assert_int_equal(hz_icd_list_parse("T31.3\xE2\x80\x93T31.9", &l, NULL), HZ_OK);
    assert_true(in(&l, "T31.4"));
}

static void test_bad_lists(void **state) {
    (void)state;
    hz_icd_list l;
    hz_errinfo e;
    assert_int_equal(hz_icd_list_parse("", &l, &e), HZ_EINVAL);
    assert_int_equal(hz_icd_list_parse("C00-C97;;", &l, &e), HZ_EINVAL);
    assert_int_equal(hz_icd_list_parse("C97-C00", &l, &e), HZ_EINVAL);
    assert_non_null(strstr(e.msg, "C97-C00"));
    assert_int_equal(hz_icd_list_parse("C00-XYZ", &l, &e), HZ_EINVAL);
    assert_non_null(strstr(e.msg, "XYZ"));
    assert_int_equal(hz_icd_list_parse("C00, ,C01", &l, &e), HZ_EINVAL);
}

static void test_accident(void **state) {
    (void)state;
    assert_true(hz_icd_is_accident("S060"));
    assert_true(hz_icd_is_accident("T98"));
    assert_false(hz_icd_is_accident("T99"));
    assert_false(hz_icd_is_accident("V00"));
    assert_true(hz_icd_is_accident("V01"));
    assert_true(hz_icd_is_accident("W19"));
    assert_true(hz_icd_is_accident("X59"));
    assert_true(hz_icd_is_accident("Y98"));
    assert_false(hz_icd_is_accident("Y99"));
    assert_false(hz_icd_is_accident("C541"));
    assert_false(hz_icd_is_accident("R402"));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normalize), cmocka_unit_test(test_severe_list), cmocka_unit_test(test_mild_and_ng_lists),
        cmocka_unit_test(test_bad_lists), cmocka_unit_test(test_accident),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
