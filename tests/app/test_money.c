/* src/app: the money's life around the engine, as use cases (docs/money.md),
 * on SQLite and PostgreSQL: payment (a batch, the bank's 失败 and 成功, the
 * same result file twice), reversal (a rejection before the bank), refund
 * (after payment: a receivable the next payout offsets) and continuity (a
 * renewal within 30 days keeps no waiting period). `huzhu check` after each. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "app/claims.h"
#include "app/enroll.h"
#include "app/payments.h"
#include "app/recovery.h"
#include "app/settlements.h"
#include "fixture.h"
#include "store/db.h"
#include "store/settlement.h"

static hz_fixture fx;
static hz_app app;
static const char *const unit_code = "91610000MA6TG00007";
static char unit_full[19];
static int serial;

#define FEED_HEADER                                                                                                    \
    "setl_id,certno,psn_name,gend,fixmedins_code,fixmedins_name,hosp_lv,med_type,adm_date,dscg_date,main_diag_code,"   \
    "diag_codes,medfee_sumamt,fund_pay_sumamt,psn_selfpay,psn_ownpay,refd_setl_flag,setl_time\n"

static int setup(void **state) {
    (void)state;
    if (fixture_open(&fx, "money", &app)) return -1;
    hz_errinfo e;
    hz_org org;
    hz_unit unit;
    snprintf(unit_full, sizeof unit_full, "%.17s", unit_code);
    unit_full[17] = hz_credit_check_char(unit_full);
    unit_full[18] = '\0';
    if (hz_app_org_add(&app, "XA", "西安市总工会", NULL, "federation", NULL, &org, &e) ||
        hz_app_unit_add(&app, unit_full, "五环纺织", "XA", &unit, &e)) {
        fprintf(stderr, "setup: %s\n", e.msg);
        return -1;
    }
    return 0;
}

static int teardown(void **state) {
    (void)state;
    return fixture_close(&fx, &app);
}

/* A member of the unit with a bank card, enrolled in ZY from start. */
static void member(const char *first17, const char *name, hz_date start, char id[19]) {
    hz_errinfo e;
    char card[20], digits[19];
    fixture_id(first17, id);
    snprintf(digits, sizeof digits, "6217%.14s", first17 + 3);
    fixture_card(digits, card);
    hz_member_input in = {.id_number = id, .name = name, .unit_code = unit_full, .bank_card = card,
                          .bank_name = "工商银行"};
    hz_member m;
    OK(hz_app_member_add(&app, &in, &m, &e));
    if (start != HZ_DATE_NONE) {
        hz_enroll_input en = {.id_number = id, .plan_code = "ZY", .start = start};
        hz_coverage cov;
        OK(hz_app_enroll(&app, &en, &cov, &e));
    }
}

/* One settled stay (or its refund) through the feed. */
static void stay(const char *setl_id, const char *id, const char *adm, const char *dscg, const char *selfpay,
                 bool refund) {
    char path[600];
    fixture_path(&fx, "feed.csv", path, sizeof path);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    const char *s = refund ? "-" : "";
    fprintf(f, FEED_HEADER "%s,%s,某某,1,H1,医院H1,3,21,%s,%s,K35.8,,%s30000.00,%s10000.00,%s%s,%s100.00,%d,%s 10:00:00\n",
            setl_id, id, adm, dscg, s, s, s, selfpay, s, refund ? 1 : 0, dscg);
    fclose(f);
    hz_feed_report rep;
    hz_errinfo e;
    OK(hz_app_import_settlements(&app, path, false, &rep, &e));
    hz_feed_report_free(&rep);
}

/* Submits a claim on a settlement, approved when it needs a reviewer. */
static void claim(const char *id, const char *setl_id, hz_claim_view *v) {
    hz_errinfo e;
    hz_claim_input in = {.id_number = id, .n_setl = 1, .setl_ids = {setl_id}, .documents_complete = true,
                         .date = HZ_DATE_NONE};
    OK(hz_app_claim_submit(&app, &in, v, &e));
    if (!strcmp(v->claim.status, "adjudicated")) OK(hz_app_claim_approve(&app, v->claim.claim_no, v, &e));
}

static void batch(hz_batch_report *b) {
    char path[600], name[32];
    hz_errinfo e;
    snprintf(name, sizeof name, "batch-%d.csv", ++serial);
    OK(hz_app_pay_batch(&app, fixture_path(&fx, name, path, sizeof path), false, b, &e));
}

/* The bank answers for payable no: "成功" or "失败"; returns the report. */
static void bank(const char *no, const char *result, const char *file, hz_confirm_report *r) {
    char path[600];
    fixture_path(&fx, file, path, sizeof path);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    if (!strcmp(result, "成功")) fprintf(f, "业务编号,结果,失败原因,银行流水号\n%s,成功,,SN-%s\n", no, file);
    else fprintf(f, "业务编号,结果,失败原因,银行流水号\n%s,失败,户名不符,\n", no);
    fclose(f);
    hz_errinfo e;
    OK(hz_app_pay_confirm(&app, path, NULL, r, &e));
}

static hz_money_summary summary(void) {
    hz_money_summary s;
    hz_errinfo e;
    OK(hz_app_money_summary(&app, &s, &e));
    return s;
}

static void test_payment(void **state) {
    (void)state;
    char id[19];
    hz_claim_view *v = malloc(sizeof *v);
    hz_batch_report b;
    hz_confirm_report r;
    member("61010219850506002", "甲女士", hz_date_from_ymd(2026, 1, 1), id);
    stay("P1", id, "2026-06-01", "2026-06-10", "3300.00", false);
    claim(id, "P1", v);
    assert_int_equal(v->claim.total, HZ_FEN(400));
    hz_money_summary before = summary();
    batch(&b);
    assert_int_equal(b.count, 1);
    assert_int_equal(b.total, HZ_FEN(400));
    fixture_check_ok(&app);
    /* nothing is batched twice while a payment is pending */
    batch(&b);
    assert_int_equal(b.count, 0);
    bank(v->claim.claim_no, "失败", "r-fail.csv", &r);
    assert_int_equal(r.failed, 1);
    hz_confirm_report_free(&r);
    hz_errinfo e;
    OK(hz_app_claim_show(&app, v->claim.claim_no, v, &e));
    assert_string_equal(v->claim.status, "approved");
    assert_string_equal(v->claim.bank_failure, "户名不符");
    fixture_check_ok(&app);
    batch(&b);
    assert_int_equal(b.count, 1);
    bank(v->claim.claim_no, "成功", "r-ok.csv", &r);
    assert_int_equal(r.paid, 1);
    hz_confirm_report_free(&r);
    OK(hz_app_claim_show(&app, v->claim.claim_no, v, &e));
    assert_string_equal(v->claim.status, "paid");
    /* the same result file again changes nothing */
    bank(v->claim.claim_no, "成功", "r-ok.csv", &r);
    assert_true(r.file_seen);
    assert_int_equal(r.paid, 0);
    hz_confirm_report_free(&r);
    hz_money_summary after = summary();
    assert_int_equal(after.paid_out - before.paid_out, HZ_FEN(400));
    assert_int_equal(after.pending, 0);
    batch(&b);
    assert_int_equal(b.count, 0);
    fixture_check_ok(&app);
    free(v);
}

static void test_reversal(void **state) {
    (void)state;
    char id[19];
    hz_claim_view *v = malloc(sizeof *v);
    hz_batch_report b;
    hz_errinfo e;
    member("61010219860607003", "乙女士", hz_date_from_ymd(2026, 1, 1), id);
    stay("R1", id, "2026-07-01", "2026-07-10", "3300.00", false);
    claim(id, "R1", v);
    assert_int_equal(v->claim.total, HZ_FEN(400));
    OK(hz_app_claim_reject(&app, v->claim.claim_no, "材料不实", v, &e));
    assert_string_equal(v->claim.status, "rejected");
    assert_int_equal(v->claim.total, 0);
    /* the rejected claim's payable owes nothing: no batch pays it */
    batch(&b);
    assert_int_equal(b.count, 0);
    fixture_check_ok(&app);
    /* the stay is free again: a resubmission pays it once */
    hz_claim_input in = {.id_number = id, .n_setl = 1, .setl_ids = {"R1"}, .documents_complete = true,
                         .date = HZ_DATE_NONE, .resubmit_of = v->claim.claim_no};
    OK(hz_app_claim_submit(&app, &in, v, &e));
    if (!strcmp(v->claim.status, "adjudicated")) OK(hz_app_claim_approve(&app, v->claim.claim_no, v, &e));
    assert_int_equal(v->claim.total, HZ_FEN(400));
    batch(&b);
    assert_int_equal(b.count, 1);
    assert_int_equal(b.total, HZ_FEN(400));
    fixture_check_ok(&app);
    free(v);
}

static void test_refund_after_payment(void **state) {
    (void)state;
    char id[19];
    hz_claim_view *v = malloc(sizeof *v);
    hz_batch_report b;
    hz_confirm_report r;
    hz_errinfo e;
    member("61010219870708004", "丙女士", hz_date_from_ymd(2026, 1, 1), id);
    stay("F1", id, "2026-08-01", "2026-08-10", "3300.00", false);
    claim(id, "F1", v);
    char first[32];
    snprintf(first, sizeof first, "%s", v->claim.claim_no);
    batch(&b);
    assert_int_equal(b.count, 1);
    bank(first, "成功", "r-f1.csv", &r);
    hz_confirm_report_free(&r);
    hz_money_summary before = summary();
    /* the hospital refunds the stay after the bank paid: 400.00 is owed back */
    stay("F1", id, "2026-08-01", "2026-08-10", "3300.00", true);
    OK(hz_app_claim_show(&app, first, v, &e));
    assert_int_equal(v->claim.total, 0);
    assert_string_equal(v->claim.status, "paid");
    assert_int_equal(summary().outstanding - before.outstanding, HZ_FEN(400));
    fixture_check_ok(&app);
    /* a second refund row of the same stay changes nothing */
    stay("F1", id, "2026-08-01", "2026-08-10", "3300.00", true);
    assert_int_equal(summary().outstanding - before.outstanding, HZ_FEN(400));
    /* the next stay is the term's second: its payout settles the debt first */
    stay("F2", id, "2026-09-01", "2026-09-10", "3300.00", false);
    claim(id, "F2", v);
    hz_fen second = v->claim.total;
    assert_true(second > 0);
    batch(&b);
    hz_fen offset = second < HZ_FEN(400) ? second : HZ_FEN(400);
    assert_int_equal(b.offset, offset);
    assert_int_equal(b.total, second - offset);
    assert_int_equal(summary().outstanding - before.outstanding, HZ_FEN(400) - offset);
    fixture_check_ok(&app);
    free(v);
}

static void test_continuity(void **state) {
    (void)state;
    char id[19];
    hz_errinfo e;
    member("61010219880809005", "丁女士", HZ_DATE_NONE, id);
    hz_coverage first, renewal, late;
    hz_enroll_input en = {.id_number = id, .plan_code = "ZY", .start = hz_date_from_ymd(2025, 1, 1)};
    OK(hz_app_enroll(&app, &en, &first, &e));
    assert_false(first.continuous);
    /* a renewal within 30 days of the end is continuous: no new waiting period */
    en.start = first.end + 30;
    OK(hz_app_enroll(&app, &en, &renewal, &e));
    assert_true(renewal.continuous);
    /* one day more than 30 after the end starts over */
    char id2[19];
    member("61010219890910006", "戊女士", HZ_DATE_NONE, id2);
    en.id_number = id2;
    en.start = hz_date_from_ymd(2025, 1, 1);
    OK(hz_app_enroll(&app, &en, &first, &e));
    en.start = first.end + 31;
    OK(hz_app_enroll(&app, &en, &late, &e));
    assert_false(late.continuous);
    /* the same stay, a week after each renewal's start: paid for the
     * continuous one, inside the waiting period for the late one */
    char adm[16], dscg[16];
    hz_claim_view *v = malloc(sizeof *v);
    hz_date_format(renewal.start + 7, adm);
    hz_date_format(renewal.start + 16, dscg);
    stay("C1", id, adm, dscg, "3300.00", false);
    claim(id, "C1", v);
    assert_true(v->claim.total > 0);
    hz_date_format(late.start + 7, adm);
    hz_date_format(late.start + 16, dscg);
    stay("C2", id2, adm, dscg, "3300.00", false);
    hz_claim_input in = {.id_number = id2, .n_setl = 1, .setl_ids = {"C2"}, .documents_complete = true,
                         .date = HZ_DATE_NONE};
    OK(hz_app_claim_submit(&app, &in, v, &e));
    assert_int_equal(v->claim.total, 0);
    assert_true(v->n_lines >= 1);
    assert_string_equal(v->lines[0].reason, "WAITING");
    fixture_check_ok(&app);
    free(v);
}

/* An SQLite PRAGMA's value on the app's connection. */
static int64_t pragma(const char *sql) {
    hz_stmt *st;
    hz_errinfo e;
    bool row;
    OK(hz_db_stmt(app.db, sql, &st, &e));
    OK(hz_stmt_step(st, &row, &e));
    assert_true(row);
    int64_t v = hz_stmt_col_int(st, 0);
    hz_stmt_reset(st);
    return v;
}

/* The automatic checkpoint as it is outside a bulk run: SQLite's 1000 pages,
 * or in WAL mode the background checkpointer's hook (store/sqlite.c), which
 * the PRAGMA reads as 0; a bulk run's 16384 must not stay. */
static void assert_checkpoint_default(void) {
    int64_t v = pragma("PRAGMA wal_autocheckpoint");
    assert_true(v == 0 || v == 1000);
}

/* A feed import and 免申即享 raise the connection's page cache while they
 * run; a server's worker connection must get its 8 MiB back afterwards, or
 * every thread that ran one import would keep up to 512 MiB. */
static void test_bulk_mode_ends(void **state) {
    (void)state;
    if (strcmp(hz_db_driver_name(app.db), "sqlite") != 0) return;
    assert_int_equal(pragma("PRAGMA cache_size"), -8192);
    char id[19];
    hz_errinfo e;
    member("61010219900101007", "己先生", hz_date_from_ymd(2025, 1, 1), id);
    stay("B1", id, "2025-06-01", "2025-06-10", "3300.00", false);
    assert_int_equal(pragma("PRAGMA cache_size"), -8192);
    assert_checkpoint_default();
    int64_t created = 0;
    OK(hz_app_claims_proactive(&app, hz_date_from_ymd(2025, 6, 1), NULL, NULL, &created, &e));
    assert_int_equal(created, 1);
    assert_int_equal(pragma("PRAGMA cache_size"), -8192);
    assert_checkpoint_default();
    fixture_check_ok(&app);
}

/* What happens between the list of unclaimed stays and the transaction that
 * claims them: after the first batch commits, the member of a later stay
 * claims it herself and the hospital refunds another. The run leaves both
 * out (it used to refuse its whole batch on the first: DUPLICATE, and to
 * claim the refunded stay) and claims the rest, once each. */
typedef struct {
    int seen;
    const char *claim_id, *claim_setl, *refund_id, *refund_setl;
    hz_claim_view *v;
} race_ctx;

static void race_between_batches(void *vctx, const hz_proactive_item *it) {
    race_ctx *c = vctx;
    (void)it;
    if (c->seen++) return;
    claim(c->claim_id, c->claim_setl, c->v);
    stay(c->refund_setl, c->refund_id, "2025-07-04", "2025-07-14", "3300.00", true);
}

/* Four members, a stay each (R1..R4 in member order); the first batch
 * (one claim or two) is R1 or R1 and R2; then R3 is claimed by its member and
 * R4 refunded. */
static void race(int batch, bool per_claim, const char *prefix) {
    char id[4][19], first17[18], setl[4][8];
    assert_true(strlen(prefix) == 1);
    static const char *const names[] = {"庚一", "庚二", "庚三", "庚四"};
    hz_errinfo e;
    hz_claim_view *v = malloc(sizeof *v);
    for (int i = 0; i < 4; i++) {
        snprintf(first17, sizeof first17, "610102199%s0101%03d", prefix, 10 + i);
        member(first17, names[i], hz_date_from_ymd(2025, 1, 1), id[i]);
    }
    for (int i = 0; i < 4; i++) {
        char adm[11], dscg[11];
        snprintf(setl[i], sizeof setl[i], "R%s%d", prefix, i + 1);
        snprintf(adm, sizeof adm, "2025-07-%02d", i + 1);
        snprintf(dscg, sizeof dscg, "2025-07-%02d", i + 11);
        stay(setl[i], id[i], adm, dscg, "3300.00", false);
    }
    race_ctx c = {0, id[2], setl[2], id[3], setl[3], v};
    int64_t created = 0;
    OK(hz_app_claims_proactive_batch(&app, hz_date_from_ymd(2025, 7, 1), batch, per_claim, race_between_batches, &c,
                                     &created, &e));
    /* R1 and R2 by the run; R3 by its member; R4 by no one */
    assert_int_equal(created, 2);
    for (int i = 0; i < 4; i++) {
        hz_settlement s;
        char no[24];
        int64_t claim_id;
        OK(hz_store_settlement_by_setl_id(app.db, setl[i], &s, &e));
        OK(hz_store_settlement_claim(app.db, s.id, no, &claim_id, &e));
        if (i == 3) assert_string_equal(no, "");
        else assert_true(no[0] != '\0');
    }
    OK(hz_app_claim_show(&app, c.v->claim.claim_no, v, &e));
    assert_false(v->claim.proactive);
    fixture_check_ok(&app);
    free(v);
}

static void test_proactive_race_one_by_one(void **state) {
    (void)state;
    race(1, false, "1");
}

/* the same through the bulk writer (SQLite) and through the use case in
 * batches (--per-claim); the second batch is left with nothing to claim */
static void test_proactive_race_batches(void **state) {
    (void)state;
    race(2, false, "2");
    race(2, true, "3");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_payment),
        cmocka_unit_test(test_reversal),
        cmocka_unit_test(test_refund_after_payment),
        cmocka_unit_test(test_continuity),
        cmocka_unit_test(test_bulk_mode_ends),
        cmocka_unit_test(test_proactive_race_one_by_one),
        cmocka_unit_test(test_proactive_race_batches),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
