/* src/core/engine + benefit: every rule and reason code of plans.md, both
 * sides of every boundary, and the worked example (27,101.00). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "core/engine.h"
#include "io/catalogue.h"

static hz_catalogue_entry *cat;
static int n_cat;

static const hz_plan *plan(const char *code) {
    for (int i = 0; i < n_cat; i++)
        if (!cat[i].scheme && strcmp(cat[i].code, code) == 0) return &cat[i].plan;
    fail_msg("no plan %s", code);
    return NULL;
}

static hz_date D(const char *s) {
    hz_date d;
    assert_int_equal(hz_date_parse(s, &d, NULL, NULL), HZ_OK);
    return d;
}

static hz_fen Y(const char *s) {
    hz_fen v;
    assert_int_equal(hz_money_parse(s, false, &v, NULL, NULL), HZ_OK);
    return v;
}

static int setup(void **state) {
    (void)state;
    hz_errinfo e;
    if (hz_catalogue_load_dir(HZ_SOURCE_DIR "/catalogue", &cat, &n_cat, &e) != HZ_OK) {
        fprintf(stderr, "%s\n", e.msg);
        return -1;
    }
    return 0;
}

static int teardown(void **state) {
    (void)state;
    hz_catalogue_free(cat, n_cat);
    return 0;
}

/* --- builders --- */
typedef struct {
    hz_eng_member m;
    hz_flag flags[4];
    hz_eng_coverage covs[8];
    int n_covs;
    hz_event ev[8];
    int n_ev;
    hz_claim_line lines[64];
    int n_lines;
} world;

static void person(world *w, char sex, const char *birth) {
    memset(w, 0, sizeof *w);
    w->m.sex = sex;
    w->m.birth = D(birth);
    w->m.flags = w->flags;
}

static void flag(world *w, const char *kind, const char *level, const char *from, const char *to) {
    hz_flag *f = &w->flags[w->m.n_flags++];
    snprintf(f->kind, sizeof f->kind, "%s", kind);
    snprintf(f->level, sizeof f->level, "%s", level);
    f->from = D(from);
    f->to = D(to);
}

static hz_eng_coverage *cover(world *w, const char *code, int shares, const char *start, int months) {
    hz_eng_coverage *c = &w->covs[w->n_covs++];
    memset(c, 0, sizeof *c);
    c->coverage_id = w->n_covs;
    c->plan = plan(code);
    c->shares = shares;
    c->start = D(start);
    c->months = months;
    c->end = hz_date_term_end(c->start, months);
    return c;
}

static hz_event *stay(world *w, const char *adm, const char *dscg, const char *selfpay, const char *diag) {
    hz_event *ev = &w->ev[w->n_ev++];
    memset(ev, 0, sizeof *ev);
    ev->kind = HZ_EV_STAY;
    ev->settlement_id = w->n_ev;
    ev->date = D(adm);
    ev->discharge = D(dscg);
    ev->psn_selfpay = Y(selfpay);
    ev->n_diag = 0;
    if (diag) {
        assert_int_equal(hz_icd_normalize(diag, ev->diag[0], NULL), HZ_OK);
        ev->n_diag = 1;
    }
    return ev;
}

static void diag2(hz_event *ev, const char *code) {
    assert_int_equal(hz_icd_normalize(code, ev->diag[ev->n_diag++], NULL), HZ_OK);
}

static hz_event *event(world *w, hz_event_kind kind, const char *date, const char *diag) {
    hz_event *ev = &w->ev[w->n_ev++];
    memset(ev, 0, sizeof *ev);
    ev->kind = kind;
    ev->date = D(date);
    ev->discharge = HZ_DATE_NONE;
    if (diag) {
        assert_int_equal(hz_icd_normalize(diag, ev->diag[0], NULL), HZ_OK);
        ev->n_diag = 1;
    }
    return ev;
}

static void run(world *w) {
    hz_errinfo e;
    if (hz_engine_adjudicate(&w->m, w->covs, w->n_covs, w->ev, w->n_ev, w->lines, 64, &w->n_lines, &e) != HZ_OK)
        fail_msg("engine: %s", e.msg);
}

/* Checks line i: plan, amount ("0.00" style) and reason. */
static void expect_line(world *w, int i, const char *plan_code, const char *amount, const char *reason) {
    if (i >= w->n_lines) fail_msg("line %d missing (%d lines)", i, w->n_lines);
    char b[HZ_MONEY_BUF];
    const hz_claim_line *l = &w->lines[i];
    if (strcmp(l->plan_code, plan_code) || strcmp(hz_money_format(l->amount, b), amount) || strcmp(l->reason, reason))
        fail_msg("line %d: got %s %s %s (%s), want %s %s %s", i, l->plan_code, b, l->reason, l->explain, plan_code,
                 amount, reason);
}

static hz_fen total(world *w) {
    hz_fen t = 0;
    for (int i = 0; i < w->n_lines; i++) t += w->lines[i].amount;
    return t;
}

/* plans.md: the seed's case, 27,101.00 in four paying lines */
static void test_worked_example(void **state) {
    (void)state;
    world w;
    person(&w, 'F', "1975-03-08");
    cover(&w, "ZY", 1, "2019-01-01", 12);
    cover(&w, "ZJ", 1, "2019-01-01", 12);
    cover(&w, "NG", 1, "2019-01-01", 12);
    /* given out of order: the engine sorts by admission date */
    stay(&w, "2019-07-01", "2019-07-12", "13105.00", "C54.1");
    stay(&w, "2019-05-06", "2019-05-20", "24350.00", "C54.1");
    run(&w);
    assert_int_equal(w.n_lines, 6);
    expect_line(&w, 0, "ZY", "4610.00", "OK");
    assert_string_equal(w.lines[0].explain, "(24350.00 - 1300.00) x 20% = 4610.00");
    expect_line(&w, 1, "ZJ", "10000.00", "OK");
    assert_string_equal(w.lines[1].explain, "C54.1 重疾: 10000.00 x 1份 x 100% = 10000.00");
    expect_line(&w, 2, "NG", "10000.00", "OK");
    assert_string_equal(w.lines[2].explain, "C54.1 特定癌症: 10000.00 x 1份 x 100% = 10000.00");
    expect_line(&w, 3, "ZY", "2491.00", "OK");
    assert_string_equal(w.lines[3].explain, "(13105.00 - 650.00) x 20% = 2491.00");
    expect_line(&w, 4, "ZJ", "0.00", "ALREADY_PAID");
    expect_line(&w, 5, "NG", "0.00", "ALREADY_PAID");
    int paying = 0;
    for (int i = 0; i < w.n_lines; i++) paying += w.lines[i].amount > 0;
    assert_int_equal(paying, 4);
    char b[HZ_MONEY_BUF];
    assert_string_equal(hz_money_format(total(&w), b), "27101.00");
    /* the ledger as left for the next claim */
    assert_int_equal(w.covs[0].ledger[0].stays, 2);
    assert_int_equal(w.covs[0].ledger[0].paid, Y("7101.00"));
    assert_int_equal(w.covs[1].ledger[0].lump_pct, 100);
    /* same input, same output */
    world w2;
    person(&w2, 'F', "1975-03-08");
    cover(&w2, "ZY", 1, "2019-01-01", 12);
    cover(&w2, "ZJ", 1, "2019-01-01", 12);
    cover(&w2, "NG", 1, "2019-01-01", 12);
    stay(&w2, "2019-07-01", "2019-07-12", "13105.00", "C54.1");
    stay(&w2, "2019-05-06", "2019-05-20", "24350.00", "C54.1");
    run(&w2);
    assert_memory_equal(w.lines, w2.lines, sizeof(hz_claim_line) * (size_t)w.n_lines);
}

static void test_zy_deductible_and_ratio(void **state) {
    (void)state;
    world w;
    person(&w, 'M', "1980-01-01");
    cover(&w, "ZY", 1, "2026-01-01", 12);
    stay(&w, "2026-05-01", "2026-05-05", "1300.00", "K35.8"); /* equal to the deductible */
    stay(&w, "2026-06-01", "2026-06-05", "650.01", "K35.8");  /* later stay: 650, 0.01 over */
    stay(&w, "2026-07-01", "2026-07-05", "1650.00", "K35.8");
    run(&w);
    expect_line(&w, 0, "ZY", "0.00", "BELOW_DEDUCTIBLE");
    /* a BELOW_DEDUCTIBLE stay counts: the next is a later stay (650) */
    expect_line(&w, 1, "ZY", "0.00", "OK"); /* 0.01 x 20% = 0.002 -> 0.00 */
    expect_line(&w, 2, "ZY", "200.00", "OK");
    assert_string_equal(w.lines[2].explain, "(1650.00 - 650.00) x 20% = 200.00");
    /* half up at the fen: (650.03 - 650.00) x 20% = 0.006 -> 0.01 */
    person(&w, 'M', "1980-01-01");
    cover(&w, "ZY", 1, "2026-01-01", 12);
    stay(&w, "2026-05-01", "2026-05-05", "1300.03", "K35.8");
    run(&w);
    expect_line(&w, 0, "ZY", "0.01", "OK");
}

static void test_zy_hardship_and_model(void **state) {
    (void)state;
    world w;
    person(&w, 'M', "1980-01-01");
    flag(&w, "hardship", "deep", "2026-03-01", "2026-12-31");
    cover(&w, "ZY", 1, "2026-01-01", 12);
    stay(&w, "2026-04-01", "2026-04-09", "10650.00", "I63.9"); /* hardship valid: 650 and 25% */
    stay(&w, "2026-05-01", "2026-05-09", "10325.00", "I63.9"); /* later: 325 */
    run(&w);
    expect_line(&w, 0, "ZY", "2500.00", "OK");
    assert_string_equal(w.lines[0].explain, "(10650.00 - 650.00) x 25% = 2500.00");
    expect_line(&w, 1, "ZY", "2500.00", "OK");
    /* flag not valid on the admission date: ordinary rules */
    person(&w, 'M', "1980-01-01");
    flag(&w, "hardship", "deep", "2026-03-01", "2026-12-31");
    cover(&w, "ZY", 1, "2026-01-01", 12);
    stay(&w, "2026-04-01", "2026-04-09", "11300.00", "I63.9");
    w.ev[0].date = D("2026-02-28");
    w.covs[0].continuous = true; /* no waiting period, to isolate the flag */
    run(&w);
    expect_line(&w, 0, "ZY", "2000.00", "OK");
    /* model worker: ordinary deductible, favoured ratio */
    person(&w, 'F', "1970-01-01");
    flag(&w, "model", "city", "1900-01-01", "2199-12-31");
    cover(&w, "ZY", 1, "2026-01-01", 12);
    stay(&w, "2026-04-01", "2026-04-09", "11300.00", "I63.9");
    run(&w);
    expect_line(&w, 0, "ZY", "2500.00", "OK");
}

static void test_zy_cap(void **state) {
    (void)state;
    world w;
    person(&w, 'M', "1980-01-01");
    hz_eng_coverage *c = cover(&w, "ZY", 1, "2026-01-01", 12);
    hz_ledger_entry *l = hz_ledger_get(c, 0, "main");
    l->stays = 3;
    l->first_borne = 1;
    l->paid = Y("19000.00");
    stay(&w, "2026-06-01", "2026-06-10", "5650.00", "I21.0"); /* 1000.00 raw */
    stay(&w, "2026-07-01", "2026-07-10", "5650.00", "I21.0");
    stay(&w, "2026-08-01", "2026-08-10", "5650.00", "I21.0");
    run(&w);
    expect_line(&w, 0, "ZY", "1000.00", "OK"); /* exactly reaches the cap */
    expect_line(&w, 1, "ZY", "0.00", "CAPPED");
    expect_line(&w, 2, "ZY", "0.00", "CAPPED");
    assert_int_equal(c->ledger[0].paid, Y("20000.00"));
    person(&w, 'M', "1980-01-01");
    c = cover(&w, "ZY", 1, "2026-01-01", 12);
    l = hz_ledger_get(c, 0, "main");
    l->stays = 1;
    l->first_borne = 1;
    l->paid = Y("19999.99");
    stay(&w, "2026-06-01", "2026-06-10", "5650.00", "I21.0");
    run(&w);
    expect_line(&w, 0, "ZY", "0.01", "CAPPED");
    assert_non_null(strstr(w.lines[0].explain, "(5650.00 - 650.00) x 20% = 1000.00"));
}

/* Exactly one counted stay of a term bears the first-stay deductible: the
 * ledger says whether one does, not how many stays were counted, so a
 * stay adjudicated after the first one was reversed bears it (issue #11
 * case 5: A 400.00, B 530.00; A rejected and resubmitted pays 400.00). */
static void test_first_stay_borne_once(void **state) {
    (void)state;
    world w;
    person(&w, 'M', "1980-01-01");
    hz_eng_coverage *c = cover(&w, "ZY", 1, "2025-01-01", 12);
    stay(&w, "2025-05-01", "2025-05-10", "3300.00", "I21.0");
    stay(&w, "2025-07-01", "2025-07-10", "3300.00", "I21.0");
    run(&w);
    expect_line(&w, 0, "ZY", "400.00", "OK");
    expect_line(&w, 1, "ZY", "530.00", "OK");
    assert_true(w.lines[0].first_stay);
    assert_false(w.lines[1].first_stay);
    hz_ledger_entry *l = hz_ledger_get(c, 0, "main");
    assert_int_equal(l->first_borne, 1);
    /* A is reversed: its stay and its deductible go back to the term */
    l->stays = 1;
    l->first_borne = 0;
    l->paid = Y("530.00");
    w.n_ev = 0;
    stay(&w, "2025-05-01", "2025-05-10", "3300.00", "I21.0");
    run(&w);
    expect_line(&w, 0, "ZY", "400.00", "OK");
    assert_true(w.lines[0].first_stay);
    assert_int_equal(c->ledger[0].first_borne, 1);
    assert_int_equal(c->ledger[0].paid, Y("930.00"));
}

static void test_waiting_period(void **state) {
    (void)state;
    world w;
    person(&w, 'M', "1980-01-01");
    cover(&w, "ZY", 1, "2026-01-01", 12);
    stay(&w, "2026-03-31", "2026-04-05", "5300.00", "I21.0"); /* start + 89 */
    stay(&w, "2026-04-01", "2026-04-05", "5300.00", "I21.0"); /* start + 90 */
    run(&w);
    expect_line(&w, 0, "ZY", "0.00", "WAITING");
    expect_line(&w, 1, "ZY", "800.00", "OK"); /* the first paid stay is the first of the term */
    /* accidents have no waiting period: marked, or by an S/T code */
    person(&w, 'M', "1980-01-01");
    cover(&w, "ZY", 1, "2026-01-01", 12);
    stay(&w, "2026-01-05", "2026-01-09", "5300.00", "S72.0");
    stay(&w, "2026-01-15", "2026-01-19", "5300.00", "K35.8")->accident = true;
    run(&w);
    expect_line(&w, 0, "ZY", "800.00", "OK");
    expect_line(&w, 1, "ZY", "930.00", "OK");
    /* continuous renewal: none either */
    person(&w, 'M', "1980-01-01");
    cover(&w, "ZY", 1, "2026-01-01", 12)->continuous = true;
    stay(&w, "2026-01-05", "2026-01-09", "5300.00", "I21.0");
    run(&w);
    expect_line(&w, 0, "ZY", "800.00", "OK");
    /* XYT waits 30 days for illness */
    person(&w, 'M', "1990-01-01");
    flag(&w, "newform", "delivery", "1900-01-01", "2199-12-31");
    cover(&w, "XYT", 1, "2026-01-01", 36);
    stay(&w, "2026-01-30", "2026-02-10", "100.00", "J18.9");
    stay(&w, "2026-01-31", "2026-02-10", "100.00", "J18.9");
    run(&w);
    expect_line(&w, 0, "XYT", "0.00", "WAITING");
    expect_line(&w, 1, "XYT", "210.00", "OK"); /* (10 - 3) days x 30.00 */
}

static void test_term_age_sex(void **state) {
    (void)state;
    world w;
    person(&w, 'M', "1980-01-01");
    cover(&w, "ZY", 1, "2025-01-01", 12);
    cover(&w, "ZY", 1, "2024-01-01", 12);
    stay(&w, "2026-02-01", "2026-02-05", "5300.00", "I21.0");
    run(&w);
    assert_int_equal(w.n_lines, 1); /* one NOT_IN_TERM line, against the newest coverage */
    expect_line(&w, 0, "ZY", "0.00", "NOT_IN_TERM");
    assert_int_equal(w.lines[0].coverage, 0);
    /* term boundaries: the last day is in, the day after is out */
    person(&w, 'M', "1980-01-01");
    cover(&w, "YW", 1, "2026-01-01", 12);
    stay(&w, "2026-12-31", "2027-01-05", "0.00", "S72.0")->medfee_sumamt = Y("600.00");
    stay(&w, "2027-01-01", "2027-01-05", "0.00", "S72.0")->medfee_sumamt = Y("600.00");
    run(&w);
    expect_line(&w, 0, "YW", "400.00", "OK");
    expect_line(&w, 1, "YW", "0.00", "NOT_IN_TERM");
    /* age 61 on the start date */
    person(&w, 'M', "1965-01-01");
    cover(&w, "ZY", 1, "2026-01-01", 12);
    stay(&w, "2026-06-01", "2026-06-05", "5300.00", "I21.0");
    run(&w);
    expect_line(&w, 0, "ZY", "0.00", "NOT_ELIGIBLE_AGE");
    /* 60 on the start date is still in (bounds inclusive) */
    person(&w, 'M', "1966-01-01");
    cover(&w, "ZY", 1, "2026-01-01", 12);
    stay(&w, "2026-06-01", "2026-06-05", "5300.00", "I21.0");
    run(&w);
    expect_line(&w, 0, "ZY", "800.00", "OK");
    person(&w, 'M', "1980-01-01");
    cover(&w, "NG", 1, "2026-01-01", 12);
    stay(&w, "2026-06-01", "2026-06-05", "5300.00", "C50.9");
    run(&w);
    expect_line(&w, 0, "NG", "0.00", "NOT_ELIGIBLE_SEX");
}

static void test_zj_tiers(void **state) {
    (void)state;
    world w;
    person(&w, 'M', "1980-01-01");
    cover(&w, "ZJ", 3, "2026-01-01", 12);
    stay(&w, "2026-05-01", "2026-05-05", "100.00", "D05.1");           /* mild: 30% */
    stay(&w, "2026-06-01", "2026-06-05", "100.00", "D09.0");           /* mild again: nothing */
    hz_event *s = stay(&w, "2026-07-01", "2026-07-05", "100.00", "J18.9");
    diag2(s, "C34.1");                                                  /* severe as secondary */
    stay(&w, "2026-08-01", "2026-08-05", "100.00", "C34.1");           /* severe again */
    run(&w);
    expect_line(&w, 0, "ZJ", "9000.00", "OK");
    expect_line(&w, 1, "ZJ", "0.00", "ALREADY_PAID");
    expect_line(&w, 2, "ZJ", "21000.00", "OK");
    assert_non_null(strstr(w.lines[2].explain, "(100% - 30%)"));
    expect_line(&w, 3, "ZJ", "0.00", "ALREADY_PAID");
    person(&w, 'M', "1980-01-01");
    cover(&w, "ZJ", 1, "2026-01-01", 12);
    stay(&w, "2026-05-01", "2026-05-05", "100.00", "C44.3"); /* skin: mild, not severe */
    stay(&w, "2026-06-01", "2026-06-05", "100.00", "J18.9"); /* not listed */
    event(&w, HZ_EV_DIAGNOSIS, "2026-07-01", "I21.0");        /* diagnosis-only claim, severe */
    run(&w);
    expect_line(&w, 0, "ZJ", "3000.00", "OK");
    expect_line(&w, 1, "ZJ", "0.00", "DIAGNOSIS_NOT_LISTED");
    expect_line(&w, 2, "ZJ", "7000.00", "OK");
    /* a new term starts a new lump sum */
    person(&w, 'M', "1980-01-01");
    hz_eng_coverage *c = cover(&w, "ZJ", 1, "2027-01-01", 12);
    c->continuous = true;
    stay(&w, "2027-02-01", "2027-02-05", "100.00", "C34.1");
    run(&w);
    expect_line(&w, 0, "ZJ", "10000.00", "OK");
}

static void test_ng_in_situ(void **state) {
    (void)state;
    world w;
    person(&w, 'F', "1980-01-01");
    cover(&w, "NG", 2, "2026-01-01", 12);
    stay(&w, "2026-05-01", "2026-05-05", "100.00", "D06.9"); /* in situ: 50% */
    stay(&w, "2026-06-01", "2026-06-05", "100.00", "C53.9"); /* cervix: the rest */
    stay(&w, "2026-07-01", "2026-07-05", "100.00", "C57.1"); /* not listed (only C57.0) */
    run(&w);
    expect_line(&w, 0, "NG", "10000.00", "OK");
    expect_line(&w, 1, "NG", "10000.00", "OK");
    expect_line(&w, 2, "NG", "0.00", "DIAGNOSIS_NOT_LISTED");
}

static void test_yw_accident(void **state) {
    (void)state;
    world w;
    person(&w, 'M', "1980-01-01");
    cover(&w, "YW", 2, "2026-01-01", 12);
    hz_event *s1 = stay(&w, "2026-02-01", "2026-02-05", "0.00", "S82.1");
    s1->medfee_sumamt = Y("5000.00");
    s1->fund_pay_sumamt = Y("3000.00");
    hz_event *s2 = stay(&w, "2026-02-10", "2026-02-15", "0.00", "J18.9"); /* illness */
    s2->medfee_sumamt = Y("5000.00");
    hz_event *s3 = stay(&w, "2026-03-01", "2026-03-05", "0.00", "S82.1");
    s3->medfee_sumamt = Y("3100.00");
    s3->fund_pay_sumamt = Y("3000.00"); /* exactly the 100.00 deductible */
    hz_event *s4 = stay(&w, "2026-04-01", "2026-04-05", "0.00", "S82.1");
    s4->medfee_sumamt = Y("9000.00"); /* 7120.00 raw, cap 2 x 2000 - 1520 */
    run(&w);
    expect_line(&w, 0, "YW", "1520.00", "OK");
    assert_string_equal(w.lines[0].explain, "(5000.00 - 3000.00 - 100.00) x 80% = 1520.00");
    expect_line(&w, 1, "YW", "0.00", "NOT_ACCIDENT");
    expect_line(&w, 2, "YW", "0.00", "BELOW_DEDUCTIBLE");
    expect_line(&w, 3, "YW", "2480.00", "CAPPED");
    /* disability grade 3 (80%), then death: only the remaining 20% */
    person(&w, 'M', "1980-01-01");
    cover(&w, "YW", 1, "2026-01-01", 12);
    event(&w, HZ_EV_DISABILITY, "2026-05-01", NULL)->accident = true;
    w.ev[0].disability_grade = 3;
    event(&w, HZ_EV_DEATH, "2026-06-01", NULL)->accident = true;
    event(&w, HZ_EV_DEATH, "2026-06-02", NULL)->accident = false;
    run(&w);
    expect_line(&w, 0, "YW", "16000.00", "OK");
    expect_line(&w, 1, "YW", "4000.00", "CAPPED");
    expect_line(&w, 2, "YW", "0.00", "NOT_ACCIDENT");
    /* grade 10 pays 10%; death alone pays the sum x shares */
    person(&w, 'M', "1980-01-01");
    cover(&w, "YW", 3, "2026-01-01", 12);
    event(&w, HZ_EV_DISABILITY, "2026-05-01", "S06.7")->disability_grade = 10;
    run(&w);
    expect_line(&w, 0, "YW", "6000.00", "OK");
    person(&w, 'M', "1980-01-01");
    cover(&w, "YW", 3, "2026-01-01", 12);
    event(&w, HZ_EV_DEATH, "2026-05-01", "V43.5");
    run(&w);
    expect_line(&w, 0, "YW", "60000.00", "OK");
    /* a death event on an illness plan pays nothing there */
    person(&w, 'M', "1980-01-01");
    cover(&w, "ZY", 1, "2026-01-01", 12);
    event(&w, HZ_EV_DEATH, "2026-05-01", "V43.5");
    run(&w);
    expect_line(&w, 0, "ZY", "0.00", "DIAGNOSIS_NOT_LISTED");
}

static void test_allowance(void **state) {
    (void)state;
    world w;
    person(&w, 'M', "1980-01-01");
    cover(&w, "JT", 2, "2026-01-01", 12);
    stay(&w, "2026-05-01", "2026-05-04", "100.00", "J18.9"); /* 3 days: nothing */
    stay(&w, "2026-06-01", "2026-06-05", "100.00", "J18.9"); /* 4 days: 1 day */
    stay(&w, "2026-07-01", "2026-07-15", "100.00", "J18.9"); /* 14 days: 11 days */
    stay(&w, "2026-08-01", "2026-10-30", "100.00", "J18.9"); /* 90 days: capped at 9000 */
    run(&w);
    expect_line(&w, 0, "JT", "0.00", "BELOW_DEDUCTIBLE");
    expect_line(&w, 1, "JT", "100.00", "OK");
    expect_line(&w, 2, "JT", "1100.00", "OK");
    assert_string_equal(w.lines[2].explain, "(14 - 3) 天 x 50.00 x 2份 = 1100.00");
    expect_line(&w, 3, "JT", "7800.00", "CAPPED");
    /* XYT: illness allowance capped per policy year; accidents go to accident medical */
    person(&w, 'M', "1990-01-01");
    cover(&w, "XYT", 1, "2026-01-01", 36);
    stay(&w, "2026-03-01", "2026-05-30", "100.00", "J18.9");   /* 87 paid days -> 900 cap */
    stay(&w, "2027-03-01", "2027-03-11", "100.00", "J18.9");   /* new policy year: 7 days */
    hz_event *acc = stay(&w, "2027-04-01", "2027-04-20", "0.00", "S42.0");
    acc->medfee_sumamt = Y("1100.00");
    run(&w);
    expect_line(&w, 0, "XYT", "900.00", "CAPPED");
    expect_line(&w, 1, "XYT", "210.00", "OK");
    assert_int_equal(w.lines[1].period, 1);
    expect_line(&w, 2, "XYT", "800.00", "OK");
    assert_string_equal(w.lines[2].component, "medical");
}

static void test_refunded_and_limits(void **state) {
    (void)state;
    world w;
    person(&w, 'F', "1980-01-01");
    cover(&w, "ZY", 1, "2026-01-01", 12);
    cover(&w, "NG", 1, "2026-01-01", 12);
    stay(&w, "2026-05-01", "2026-05-05", "5300.00", "C50.9")->refunded = true;
    run(&w);
    expect_line(&w, 0, "ZY", "0.00", "REFUNDED_SETTLEMENT");
    expect_line(&w, 1, "NG", "0.00", "REFUNDED_SETTLEMENT");
    assert_int_equal(w.covs[0].n_ledger, 0);
    /* too many lines for the caller's buffer is an error, not an overflow */
    person(&w, 'F', "1980-01-01");
    cover(&w, "ZY", 1, "2026-01-01", 12);
    cover(&w, "NG", 1, "2026-01-01", 12);
    stay(&w, "2026-05-01", "2026-05-05", "5300.00", "C50.9");
    hz_errinfo e;
    assert_int_equal(hz_engine_adjudicate(&w.m, w.covs, w.n_covs, w.ev, w.n_ev, w.lines, 1, &w.n_lines, &e), HZ_EINVAL);
    /* a bad disability grade is refused */
    person(&w, 'M', "1980-01-01");
    cover(&w, "YW", 1, "2026-01-01", 12);
    event(&w, HZ_EV_DISABILITY, "2026-05-01", NULL)->accident = true;
    w.ev[0].disability_grade = 11;
    assert_int_equal(hz_engine_adjudicate(&w.m, w.covs, w.n_covs, w.ev, w.n_ev, w.lines, 64, &w.n_lines, &e), HZ_EINVAL);
}

static void test_period(void **state) {
    (void)state;
    assert_int_equal(hz_engine_period(D("2026-01-01"), D("2026-12-31")), 0);
    assert_int_equal(hz_engine_period(D("2026-01-01"), D("2027-01-01")), 1);
    assert_int_equal(hz_engine_period(D("2024-02-29"), D("2025-02-28")), 1);
    assert_int_equal(hz_engine_period(D("2026-01-01"), D("2028-12-31")), 2);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_worked_example),   cmocka_unit_test(test_zy_deductible_and_ratio),
        cmocka_unit_test(test_zy_hardship_and_model), cmocka_unit_test(test_zy_cap),
        cmocka_unit_test(test_waiting_period),   cmocka_unit_test(test_term_age_sex),
        cmocka_unit_test(test_zj_tiers),         cmocka_unit_test(test_ng_in_situ),
        cmocka_unit_test(test_yw_accident),      cmocka_unit_test(test_allowance),
        cmocka_unit_test(test_refunded_and_limits), cmocka_unit_test(test_first_stay_borne_once), cmocka_unit_test(test_period),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
