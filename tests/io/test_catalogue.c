/* src/io/catalogue: the shipped catalogue loads; a bad plan file is refused
 * naming the file, the key and the reason. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/catalogue.h"

static void test_shipped(void **state) {
    (void)state;
    hz_catalogue_entry *cat;
    int n;
    hz_errinfo e;
    assert_int_equal(hz_catalogue_load_dir(HZ_SOURCE_DIR "/catalogue", &cat, &n, &e), HZ_OK);
    assert_int_equal(n, 7);
    int plans = 0;
    for (int i = 0; i < n; i++) {
        if (cat[i].scheme) {
            assert_string_equal(cat[i].code, "LM");
            assert_int_equal(cat[i].lm.pct[0], 80);
            assert_int_equal(cat[i].lm.cap[2], 1000000); /* city: 10,000.00 */
            continue;
        }
        plans++;
        assert_int_equal(hz_plan_validate(&cat[i].plan, &e), HZ_OK);
        assert_int_equal(strlen(cat[i].digest), 64);
        if (!strcmp(cat[i].code, "ZY")) assert_int_equal(cat[i].plan.premium_per_share, 4000);
        if (!strcmp(cat[i].code, "NG")) assert_int_equal(cat[i].plan.sex, 'F');
        if (!strcmp(cat[i].code, "XYT")) {
            assert_true(cat[i].plan.requires_newform);
            assert_int_equal(cat[i].plan.n_terms, 3);
        }
    }
    assert_int_equal(plans, 6);
    hz_catalogue_free(cat, n);
}

static const char base[] =
    "{\"code\":\"ZY\",\"name\":\"住院\",\"premium_per_share\":\"40.00\",\"shares\":{\"min\":1,\"max\":1},"
    "\"terms\":[12],\"age\":{\"min\":16,\"max\":60},\"waiting_days\":90,\"benefits\":[{\"kind\":\"inpatient\","
    "\"component\":\"main\",\"deductible_first\":\"1300.00\",\"deductible_later\":\"650.00\","
    "\"hardship_deductible_first\":\"650.00\",\"hardship_deductible_later\":\"325.00\",\"ratio_pct\":20,"
    "\"cap\":\"20000.00\"}]%s}";

/* Parses base with `extra` spliced in (or doc when given) and expects a
 * refusal whose message holds each needle. */
static void refused(const char *doc, const char *needle1, const char *needle2) {
    hz_catalogue_entry out;
    hz_errinfo e;
    hz_err_clear(&e);
    assert_int_equal(hz_catalogue_parse(doc, "ZY.json", &out, &e), HZ_EINVAL);
    if (!strstr(e.msg, "ZY.json") || !strstr(e.msg, needle1) || (needle2 && !strstr(e.msg, needle2)))
        fail_msg("message '%s' should name ZY.json, %s%s%s", e.msg, needle1, needle2 ? " and " : "", needle2 ? needle2 : "");
}

static void test_bad_files(void **state) {
    (void)state;
    char doc[2048];
    hz_catalogue_entry out;
    hz_errinfo e;
    snprintf(doc, sizeof doc, base, "");
    assert_int_equal(hz_catalogue_parse(doc, "ZY.json", &out, &e), HZ_OK);
    free(out.canonical);
    snprintf(doc, sizeof doc, base, ",\"colour\":\"red\"");
    refused(doc, "colour", "unknown");
    refused("{\"code\":\"ZY\",\"name\":\"x\",\"premium_per_share\":40}", "premium_per_share", "string");
    refused("{\"code\":\"ZY\",\"name\":\"x\",\"premium_per_share\":\"40.001\"}", "premium_per_share", "decimals");
    refused("{\"code\":\"ZY\",\"name\":\"x\"", "JSON", NULL);
    refused("{\"code\":\"zy\",\"name\":\"x\"}", "code", NULL);
    /* a missing key */
    snprintf(doc, sizeof doc, base, "");
    char *p = strstr(doc, ",\"waiting_days\":90");
    memmove(p, p + strlen(",\"waiting_days\":90"), strlen(p + strlen(",\"waiting_days\":90")) + 1);
    refused(doc, "waiting_days", "missing");
    /* inconsistent values */
    snprintf(doc, sizeof doc, base, "");
    char *q = strstr(doc, "\"ratio_pct\":20");
    memcpy(q, "\"ratio_pct\":0 ", 14);
    refused(doc, "ratio_pct", NULL);
    refused("{\"code\":\"ZJ\",\"name\":\"x\",\"premium_per_share\":\"20.00\",\"shares\":{\"min\":1,\"max\":5},\"terms\":[12],"
            "\"age\":{\"min\":16,\"max\":60},\"waiting_days\":90,\"benefits\":[{\"kind\":\"lump_sum\",\"component\":"
            "\"main\",\"sum_per_share\":\"10000.00\",\"tiers\":[{\"name\":\"severe\",\"pct\":100,\"list\":\"C97-C00\"}]}]}",
            "tiers[0].list", "C97-C00");
    refused("{\"code\":\"ZJ\",\"name\":\"x\",\"premium_per_share\":\"20.00\",\"shares\":{\"min\":1,\"max\":5},\"terms\":[12],"
            "\"age\":{\"min\":16,\"max\":60},\"waiting_days\":90,\"benefits\":[{\"kind\":\"lump_sum\",\"component\":"
            "\"main\",\"sum_per_share\":\"10000.00\",\"tiers\":[{\"name\":\"mild\",\"pct\":30,\"list\":\"D05\"},"
            "{\"name\":\"severe\",\"pct\":100,\"list\":\"C50\"}]}]}",
            "tiers", "highest");
    refused("{\"code\":\"YW\",\"name\":\"x\",\"premium_per_share\":\"25.00\",\"shares\":{\"min\":1,\"max\":5},\"terms\":[12],"
            "\"age\":{\"min\":66,\"max\":16},\"waiting_days\":0,\"benefits\":[{\"kind\":\"accident_lump\",\"component\":"
            "\"lump\",\"sum_per_share\":\"20000.00\"}]}",
            "age", NULL);
    refused("{\"code\":\"YW\",\"name\":\"x\",\"premium_per_share\":\"25.00\",\"shares\":{\"min\":1,\"max\":5},\"terms\":[12],"
            "\"age\":{\"min\":16,\"max\":65},\"waiting_days\":0,\"benefits\":[{\"kind\":\"teleport\",\"component\":"
            "\"lump\"}]}",
            "kind", NULL);
}

static void test_versions_by_content(void **state) {
    (void)state;
    char a[2048], b[2048];
    snprintf(a, sizeof a, base, "");
    snprintf(b, sizeof b, base, "");
    char *q = strstr(b, "\"cap\":\"20000.00\"");
    memcpy(q, "\"cap\":\"25000.00\"", 16);
    hz_catalogue_entry x, y, z;
    hz_errinfo e;
    assert_int_equal(hz_catalogue_parse(a, "a", &x, &e), HZ_OK);
    assert_int_equal(hz_catalogue_parse(b, "b", &y, &e), HZ_OK);
    assert_int_equal(hz_catalogue_parse(a, "c", &z, &e), HZ_OK);
    assert_string_not_equal(x.digest, y.digest); /* a changed cap is a new version */
    assert_string_equal(x.digest, z.digest);     /* the same content is the same version */
    free(x.canonical);
    free(y.canonical);
    free(z.canonical);
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_shipped), cmocka_unit_test(test_bad_files),
                                       cmocka_unit_test(test_versions_by_content)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
