/* src/app: scope in one place. hz_scope_filter turns each role into the
 * store's filter; the lists, every report of the registry (reports.c) and
 * members opened by ref keep a district cadre, a unit liaison and a member
 * inside their scope. Two districts, each a unit, two members and a claim. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/authz.h"
#include "app/claims.h"
#include "app/enroll.h"
#include "app/lists.h"
#include "app/registry.h"
#include "app/reports.h"
#include "app/settlements.h"
#include "core/idcard.h"
#include "fixture.h"

static hz_fixture fx;
static hz_app app;
static char ids[2][2][19], units[2][19];
static int64_t member_ids[2][2];
static const char *const orgs[2] = {"XA-JA", "XA-YI"};
static const char *const org_names[2] = {"甲区总工会", "乙区总工会"};
static const char *const unit_names[2] = {"甲区机械厂", "乙区纺织厂"};
static const char *const names[2][2] = {{"司马春华", "司马夏雨"}, {"欧阳春华", "欧阳夏雨"}};

static void as(const char *role, const char *kind, const char *ref) {
    hz_errinfo e;
    if (hz_authz_set(&app, role, kind, ref, &e) != HZ_OK) fail_msg("authz_set: %s", e.msg);
}

static int setup(void **state) {
    (void)state;
    if (fixture_open(&fx, "scope", &app)) return -1;
    hz_errinfo e;
    hz_org org;
    hz_unit unit;
    OK(hz_app_org_add(&app, "XA", "西安市总工会", NULL, "federation", NULL, &org, &e));
    char feed[600];
    fixture_path(&fx, "feed.csv", feed, sizeof feed);
    FILE *f = fopen(feed, "w");
    fputs("setl_id,certno,psn_name,med_type,adm_date,dscg_date,main_diag_code,medfee_sumamt,fund_pay_sumamt,psn_selfpay,"
          "psn_ownpay\n",
          f);
    for (int d = 0; d < 2; d++) {
        OK(hz_app_org_add(&app, orgs[d], org_names[d], "XA", "district", NULL, &org, &e));
        snprintf(units[d], sizeof units[d], "%s", d ? "91610113MA6TH5678" : "91610102MA6TG1234");
        units[d][17] = hz_credit_check_char(units[d]);
        units[d][18] = '\0';
        OK(hz_app_unit_add(&app, units[d], unit_names[d], orgs[d], &unit, &e));
        for (int i = 0; i < 2; i++) {
            snprintf(ids[d][i], sizeof ids[d][i], "%s1985%02d15%03d", d ? "610113" : "610102", 3 + i, 11 + i + 10 * d);
            ids[d][i][17] = hz_id_check_char(ids[d][i]);
            ids[d][i][18] = '\0';
            hz_member_input in = {.id_number = ids[d][i], .name = names[d][i], .unit_code = units[d]};
            hz_member m;
            OK(hz_app_member_add(&app, &in, &m, &e));
            member_ids[d][i] = m.id;
            hz_enroll_input en = {.id_number = ids[d][i], .plan_code = "ZY", .start = hz_date_from_ymd(2026, 1, 1)};
            hz_coverage cov;
            OK(hz_app_enroll(&app, &en, &cov, &e));
        }
        fprintf(f, "SC-%d,%s,%s,21,2026-06-01,2026-06-10,J18.9,10000.00,5000.00,3300.00,0\n", d, ids[d][0],
                names[d][0]);
    }
    fclose(f);
    hz_feed_report rep;
    OK(hz_app_import_settlements(&app, feed, false, &rep, &e));
    hz_feed_report_free(&rep);
    hz_claim_view *v = malloc(sizeof *v);
    for (int d = 0; d < 2; d++) {
        char setl[8];
        snprintf(setl, sizeof setl, "SC-%d", d);
        hz_claim_input in = {.id_number = ids[d][0], .n_setl = 1, .setl_ids = {setl}, .documents_complete = true,
                             .date = HZ_DATE_NONE};
        OK(hz_app_claim_submit(&app, &in, v, &e));
    }
    free(v);
    return 0;
}

static int teardown(void **state) {
    (void)state;
    return fixture_close(&fx, &app);
}

static void test_filter_per_role(void **state) {
    (void)state;
    hz_list_scope sc;
    as("admin", "", "");
    hz_scope_filter(&app, &sc);
    assert_string_equal(sc.org_path, "");
    assert_true(sc.unit_id == 0 && sc.member_id == 0);
    as("cadre", "org", "XA-JA");
    hz_scope_filter(&app, &sc);
    assert_true(sc.org_path[0] && sc.unit_id == 0 && sc.member_id == 0);
    as("unit", "unit", units[1]);
    hz_scope_filter(&app, &sc);
    assert_true(!sc.org_path[0] && sc.unit_id > 0 && sc.member_id == 0);
    as("member", "member", ids[0][1]);
    hz_scope_filter(&app, &sc);
    assert_true(!sc.org_path[0] && sc.unit_id == 0 && sc.member_id == member_ids[0][1]);
    as("admin", "", "");
}

typedef struct {
    int n;
    char seen[8][96];
} names_ctx;

static hz_err member_row(void *ctx, const hz_member *m, hz_errinfo *e) {
    (void)e;
    names_ctx *x = ctx;
    if (x->n < 8) snprintf(x->seen[x->n++], sizeof x->seen[0], "%s", m->name);
    return HZ_OK;
}

/* members of district d only */
static void assert_only_district(const names_ctx *x, int d) {
    for (int i = 0; i < x->n; i++)
        assert_true(!strcmp(x->seen[i], names[d][0]) || !strcmp(x->seen[i], names[d][1]));
}

static void test_lists(void **state) {
    (void)state;
    hz_errinfo e;
    int64_t total;
    for (int d = 0; d < 2; d++) {
        names_ctx x = {0};
        as("cadre", "org", orgs[d]);
        OK(hz_app_members_page(&app, "", NULL, (hz_page){1, 50}, member_row, &x, &total, &e));
        assert_int_equal(total, 2);
        assert_only_district(&x, d);
        /* a name search does not reach across */
        names_ctx y = {0};
        OK(hz_app_members_page(&app, names[1 - d][0], NULL, (hz_page){1, 50}, member_row, &y, &total, &e));
        assert_int_equal(total, 0);
    }
    names_ctx x = {0};
    as("unit", "unit", units[1]);
    OK(hz_app_members_page(&app, "", NULL, (hz_page){1, 50}, member_row, &x, &total, &e));
    assert_int_equal(total, 2);
    assert_only_district(&x, 1);
    as("admin", "", "");
}

/* Does any cell of r (or of its parts) hold s? */
static bool report_holds(const hz_report *r, const char *s) {
    for (size_t k = 0; k < r->n_rows; k++)
        for (int c = 0; c < r->n_cols; c++)
            if (strstr(r->rows[k][c], s)) return true;
    for (int p = 0; p < r->n_parts; p++)
        if (report_holds(r->parts[p], s)) return true;
    return false;
}

/* Every report the modules declare, as a cadre of either district: none
 * holds a name, ID number, unit or district of the other. */
static void test_every_report(void **state) {
    (void)state;
    hz_errinfo e;
    hz_report_args a;
    for (int d = 0; d < 2; d++) {
        as("cadre", "org", orgs[d]);
        hz_report_args_default(&app, &a);
        a.from = hz_date_from_ymd(2019, 1, 1);
        int built = 0;
        for (const hz_app_module *const *m = hz_app_modules; *m; m++)
            for (const hz_report_def *def = (*m)->reports; def && def->name; def++) {
                hz_report r;
                OK(hz_app_report(&app, def->name, &a, &r, &e));
                int o = 1 - d;
                const char *hidden[] = {names[o][0], names[o][1], ids[o][0], ids[o][1], unit_names[o], org_names[o]};
                for (size_t i = 0; i < sizeof hidden / sizeof hidden[0]; i++)
                    if (report_holds(&r, hidden[i])) fail_msg("cadre of %s: report %s shows %s", orgs[d], def->name, hidden[i]);
                hz_report_free(&r);
                built++;
            }
        assert_true(built >= 8);
        /* and the figures are the district's own */
        hz_report r;
        OK(hz_app_report(&app, "dashboard", &a, &r, &e));
        assert_true(r.record && r.n_rows == 1);
        assert_string_equal(r.cols[0].key, "members");
        assert_string_equal(r.rows[0][0], "2");
        assert_string_equal(r.cols[6].key, "claims");
        assert_string_equal(r.rows[0][6], "1");
        hz_report_free(&r);
        OK(hz_app_report(&app, "claims", &a, &r, &e));
        assert_int_equal(r.n_rows, 1);
        assert_true(strchr(r.rows[0][2], '*') != NULL); /* a cadre sees the ID number masked */
        assert_true(report_holds(&r, names[d][0]));
        hz_report_free(&r);
        /* stats of the other district: as if it did not exist */
        a.org = orgs[1 - d];
        assert_int_equal(hz_app_report(&app, "stats", &a, &r, &e), HZ_ENOTFOUND);
        a.org = NULL;
    }
    /* roles without reports */
    as("unit", "unit", units[0]);
    hz_report r;
    assert_int_equal(hz_app_report(&app, "dashboard", &a, &r, &e), HZ_EFORBIDDEN);
    as("admin", "", "");
    assert_int_equal(hz_app_report(&app, "nope", &a, &r, &e), HZ_ENOTFOUND);
    assert_non_null(strstr(e.msg, "overdue"));
}

static void test_member_by_ref(void **state) {
    (void)state;
    hz_errinfo e;
    hz_member_view *v = malloc(sizeof *v);
    char ref[24];
    as("cadre", "org", "XA-JA");
    snprintf(ref, sizeof ref, "%lld", (long long)member_ids[0][1]);
    OK(hz_app_member_show_ref(&app, ref, v, &e));
    assert_string_equal(v->member.name, names[0][1]);
    snprintf(ref, sizeof ref, "%lld", (long long)member_ids[1][1]);
    assert_int_equal(hz_app_member_show_ref(&app, ref, v, &e), HZ_ENOTFOUND);
    assert_int_equal(hz_app_member_show_ref(&app, "12x", v, &e), HZ_ENOTFOUND);
    assert_int_equal(hz_app_member_show_ref(&app, "999999", v, &e), HZ_ENOTFOUND);
    as("member", "member", ids[1][0]);
    snprintf(ref, sizeof ref, "%lld", (long long)member_ids[1][1]);
    assert_int_equal(hz_app_member_show_ref(&app, ref, v, &e), HZ_ENOTFOUND);
    as("admin", "", "");
    free(v);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_filter_per_role),
        cmocka_unit_test(test_lists),
        cmocka_unit_test(test_every_report),
        cmocka_unit_test(test_member_by_ref),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
