/* src/app/insight: the what-if's fast path (claims and coverages read by
 * sequential scans and sorted by member in memory) gives exactly what the
 * first implementation gave (every statement ordered by member in SQL,
 * hz_app_simulate_reference) on the demo: the totals, every row by plan,
 * unit and district, and the members worse off, for a proposal that pays
 * more, ones that pay less, and a window. SQLite and PostgreSQL. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/demo.h"
#include "app/insight.h"
#include "fixture.h"

static hz_fixture fx;
static hz_app app;

static int setup(void **state) {
    (void)state;
    if (fixture_open(&fx, "whatif", &app)) return -1;
    hz_errinfo e;
    hz_demo_report r;
    if (hz_authz_set(&app, "admin", "", "", &e) || hz_app_demo(&app, 3000, 2026, fx.dir, &r, &e)) {
        fprintf(stderr, "demo: %s\n", e.msg);
        return -1;
    }
    return 0;
}

static int teardown(void **state) {
    (void)state;
    return fixture_close(&fx, &app);
}

/* The stored plan file of code with each (from, to) replaced once. */
static char *proposal(const char *code, const char *const *edits, int n) {
    hz_errinfo e;
    char *text;
    int version;
    OK(hz_app_plan_file(&app, code, &text, &version, &e));
    for (int i = 0; i < n; i++) {
        const char *from = edits[2 * i], *to = edits[2 * i + 1];
        char *at = strstr(text, from);
        if (!at) fail_msg("%s's plan file has no %s", code, from);
        size_t head = (size_t)(at - text), lf = strlen(from), lt = strlen(to), len = strlen(text);
        char *next = malloc(len - lf + lt + 1);
        memcpy(next, text, head);
        memcpy(next + head, to, lt);
        memcpy(next + head + lt, at + lf, len - head - lf + 1);
        free(text);
        text = next;
    }
    return text;
}

static void same_groups(const hz_whatif_groups *a, const hz_whatif_groups *b, const char *what) {
    if (a->n != b->n) fail_msg("%s: %d rows, the reference %d", what, a->n, b->n);
    for (int i = 0; i < a->n; i++) {
        const hz_whatif_group *x = &a->items[i], *y = &b->items[i];
        if (x->id != y->id || strcmp(x->key, y->key) || strcmp(x->name, y->name) || x->claims != y->claims ||
            x->current != y->current || x->proposed != y->proposed || x->contributions != y->contributions)
            fail_msg("%s row %d: %s %lld %lld/%lld, the reference %s %lld %lld/%lld", what, i, x->key,
                     (long long)x->claims, (long long)x->current, (long long)x->proposed, y->key,
                     (long long)y->claims, (long long)y->current, (long long)y->proposed);
    }
}

/* Runs both paths; they must agree on every figure. Returns the fast one's
 * totals for the caller's own expectations. */
static void compare(const char *text, hz_date from, hz_date to, hz_whatif_result *fast) {
    hz_errinfo e;
    hz_whatif_result *ref = calloc(1, sizeof *ref);
    OK(hz_app_simulate(&app, text, from, to, fast, &e));
    OK(hz_app_simulate_reference(&app, text, from, to, ref, &e));
    assert_int_equal(fast->claims, ref->claims);
    assert_int_equal(fast->current, ref->current);
    assert_int_equal(fast->proposed, ref->proposed);
    assert_int_equal(fast->contributions, ref->contributions);
    same_groups(&fast->by_plan, &ref->by_plan, "by plan");
    same_groups(&fast->by_unit, &ref->by_unit, "by unit");
    same_groups(&fast->by_district, &ref->by_district, "by district");
    assert_int_equal(fast->members_worse_off, ref->members_worse_off);
    assert_int_equal(fast->n_worse, ref->n_worse);
    for (int i = 0; i < fast->n_worse; i++) {
        const hz_whatif_member *x = &fast->worse[i], *y = &ref->worse[i];
        assert_int_equal(x->member_id, y->member_id);
        assert_string_equal(x->id_number, y->id_number);
        assert_string_equal(x->name, y->name);
        assert_string_equal(x->unit_name, y->unit_name);
        assert_int_equal(x->current, y->current);
        assert_int_equal(x->proposed, y->proposed);
    }
    hz_whatif_free(ref);
    free(ref);
}

#define ALL_FROM hz_date_from_ymd(2000, 1, 1)

static void test_more_generous(void **state) {
    (void)state;
    const char *edits[] = {"\"ratio_pct\":20", "\"ratio_pct\":30"};
    char *text = proposal("ZY", edits, 1);
    hz_whatif_result *r = calloc(1, sizeof *r);
    compare(text, ALL_FROM, hz_date_from_ymd(2100, 12, 31), r);
    assert_true(r->claims > 50);             /* the demo's claims, not a handful */
    assert_true(r->proposed > r->current);   /* 30% pays more */
    assert_true(r->by_unit.n > 3 && r->by_district.n > 1);
    hz_whatif_free(r);
    free(r);
    free(text);
}

static void test_less_generous(void **state) {
    (void)state;
    /* ZY at 10% with a 3,000.00 cap: members worse off, the cap's order matters */
    const char *edits[] = {"\"ratio_pct\":20", "\"ratio_pct\":10", "\"cap\":\"20000.00\"", "\"cap\":\"3000.00\""};
    char *text = proposal("ZY", edits, 2);
    hz_whatif_result *r = calloc(1, sizeof *r);
    compare(text, ALL_FROM, hz_date_from_ymd(2100, 12, 31), r);
    assert_true(r->members_worse_off > 10 && r->n_worse == (int)r->members_worse_off);
    assert_true(r->proposed < r->current);
    hz_whatif_free(r);
    memset(r, 0, sizeof *r);
    /* a window: earlier claims only fill the caps */
    compare(text, hz_date_from_ymd(2026, 6, 1), hz_date_from_ymd(2026, 11, 29), r);
    assert_true(r->claims > 0 && r->members_worse_off > 0);
    hz_whatif_free(r);
    free(r);
    free(text);
    /* ZJ's lump sum lowered: the other plan's rows */
    const char *zj[] = {"\"sum_per_share\":\"10000.00\"", "\"sum_per_share\":\"8000.00\""};
    text = proposal("ZJ", zj, 1);
    r = calloc(1, sizeof *r);
    compare(text, ALL_FROM, hz_date_from_ymd(2100, 12, 31), r);
    assert_true(r->members_worse_off > 0);
    hz_whatif_free(r);
    free(r);
    free(text);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_more_generous),
        cmocka_unit_test(test_less_generous),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
