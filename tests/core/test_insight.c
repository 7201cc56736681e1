/* src/core/insight: the chain-ladder forecast on synthetic histories whose
 * true figure is known, the loss ratio's rounding, the bounded list of
 * members worse off. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/insight.h"

/* cumulative share reported by lag 0, 1, 2, 3 (then complete): the true
 * factors are 2.0, 1.6, 1.25, 1.0 ... */
static const int pattern_pct[] = {25, 50, 80, 100};

static hz_fen pattern(hz_fen ultimate, int d) { return ultimate * pattern_pct[d < 3 ? d : 3] / 100; }

/* 24 origin months; the valuation is the end of month 23, so origin o knows
 * lags 0 .. 23 - o; ultimates (o + 1) x 1,000.00 */
static void synthetic(hz_fc_triangle *t, hz_fen *truth, int noise) {
    memset(t, 0, sizeof *t);
    t->n_origins = 24;
    t->n_dev = 12;
    *truth = 0;
    for (int o = 0; o < 24; o++) {
        hz_fen u = (hz_fen)(o + 1) * 100000;
        *truth += u;
        t->known[o] = 24 - o < 12 ? 24 - o : 12;
        for (int d = 0; d < t->n_dev; d++) {
            hz_fen c = pattern(u, d);
            /* noise: odd origins report 4% more early, even ones 4% less (same ultimate) */
            if (noise && d < 3) c += (o % 2 ? 1 : -1) * u * noise / 100;
            t->cum[o][d] = c;
        }
    }
}

static void test_exact_pattern(void **state) {
    (void)state;
    hz_fc_triangle *t = malloc(sizeof *t);
    hz_fc_estimate *est = malloc(sizeof *est);
    hz_fen truth, total = 0, reported = 0;
    synthetic(t, &truth, 0);
    assert_int_equal(hz_fc_chain_ladder(t, est, NULL), HZ_OK);
    assert_int_equal(est->factor_ppm[0], 2000000);
    assert_int_equal(est->factor_ppm[1], 1600000);
    assert_int_equal(est->factor_ppm[2], 1250000);
    assert_int_equal(est->factor_ppm[3], 1000000);
    for (int o = 0; o < 24; o++) {
        total += est->ultimate[o];
        reported += t->cum[o][t->known[o] - 1];
        /* every origin follows the pattern exactly: no spread, no band */
        assert_int_equal(est->thin[o], 0); /* every factor stands on 12 or more months */
        assert_int_equal(est->low[o], est->ultimate[o]);
        assert_int_equal(est->high[o], est->ultimate[o]);
    }
    assert_true(reported < truth);       /* the last months are not all reported yet */
    assert_int_equal(total, truth);      /* the estimate recovers the true figure exactly */
    free(t);
    free(est);
}

static void test_noisy_band(void **state) {
    (void)state;
    hz_fc_triangle *t = malloc(sizeof *t);
    hz_fc_estimate *est = malloc(sizeof *est);
    hz_fen truth, total = 0, low = 0, high = 0;
    synthetic(t, &truth, 4);
    assert_int_equal(hz_fc_chain_ladder(t, est, NULL), HZ_OK);
    for (int o = 0; o < 24; o++) {
        total += est->ultimate[o];
        low += est->low[o];
        high += est->high[o];
    }
    /* the spread of the link ratios gives a band, and the truth is inside it */
    assert_true(low < total && total < high);
    assert_true(low <= truth && truth <= high);
    /* the point estimate is within 2% of the truth */
    assert_true(llabs(total - truth) * 50 <= truth);
    free(t);
    free(est);
}

static void test_empty_and_bad(void **state) {
    (void)state;
    hz_fc_triangle *t = calloc(1, sizeof *t);
    hz_fc_estimate *est = malloc(sizeof *est);
    t->n_origins = 3;
    t->n_dev = 4; /* nothing known: no factors (1.0), nothing projected */
    assert_int_equal(hz_fc_chain_ladder(t, est, NULL), HZ_OK);
    assert_int_equal(est->factor_ppm[0], HZ_FC_ONE);
    assert_int_equal(est->ultimate[0], 0);
    t->n_dev = HZ_FC_MAX_DEV + 1;
    assert_int_equal(hz_fc_chain_ladder(t, est, NULL), HZ_EINVAL);
    free(t);
    free(est);
}

/* A thin history, as a new office's first months look: most stays come in a
 * month after admission, only two months have anything at lag 0 (a few fen),
 * and the amounts are huge. The volume-weighted lag-0 factor would be
 * millions (the projection once overflowed); it is bounded, the origins that
 * need it are marked thin, and no projection passes 50 x what is reported. */
static void test_thin_history(void **state) {
    (void)state;
    hz_fc_triangle *t = calloc(1, sizeof *t);
    hz_fc_estimate *est = malloc(sizeof *est);
    char note[256];
    t->n_origins = 24;
    t->n_dev = 12;
    for (int o = 0; o < 24; o++) {
        t->known[o] = 24 - o < 12 ? 24 - o : 12;
        hz_fen u = (hz_fen)4000000000000000LL; /* 40 trillion yuan a month: any step that overflows shows */
        for (int d = 0; d < 12; d++) t->cum[o][d] = d == 0 ? (o == 3 || o == 9 ? 5 : 0) : u;
    }
    assert_int_equal(hz_fc_chain_ladder(t, est, NULL), HZ_OK);
    assert_int_equal(est->support[0], 2);                  /* two months stand behind lag 0 -> 1 */
    assert_int_equal(est->factor_ppm[0], HZ_FC_MAX_FACTOR); /* 20.0, not 9.2 x 10^15 */
    assert_int_equal(est->support[1], 22);
    assert_int_equal(est->factor_ppm[1], HZ_FC_ONE);
    /* origin 23 knows lag 0 only: it needs the thin factor */
    assert_true(est->thin[23] & HZ_FC_THIN_FACTORS);
    assert_true(est->thin[23] & HZ_FC_BOUNDED);
    assert_int_equal(est->ultimate[23], 0); /* nothing reported, nothing projected */
    /* origin 22 knows lag 1: only well-supported factors, not thin */
    assert_int_equal(est->thin[22], 0);
    assert_int_equal(est->ultimate[22], t->cum[22][1]);
    for (int o = 0; o < 24; o++) {
        hz_fen x = t->cum[o][t->known[o] - 1];
        assert_true(est->ultimate[o] >= x && est->high[o] >= est->ultimate[o]);
        assert_true(est->high[o] <= x * HZ_FC_MAX_DEVELOPMENT);
    }
    /* a stay reported at lag 0 of 1.00 yuan, with the bounded factor: 20 x, not 10^15 x */
    t->cum[23][0] = 100;
    assert_int_equal(hz_fc_chain_ladder(t, est, NULL), HZ_OK);
    assert_int_equal(est->ultimate[23], 100 * (HZ_FC_MAX_FACTOR / HZ_FC_ONE));
    assert_true(est->thin[23] & HZ_FC_THIN_FACTORS);
    /* the reliability the JSON carries, and its reasons in Chinese */
    assert_string_equal(hz_fc_reliability(0), "ok");
    assert_string_equal(hz_fc_reliability(HZ_FC_THIN_FACTORS), "thin");
    assert_null(hz_fc_thin_note(0, note, sizeof note));
    assert_non_null(strstr(hz_fc_thin_note(HZ_FC_THIN_FACTORS | HZ_FC_FEW_MONTHS, note, sizeof note), "历史数据不足"));
    assert_non_null(strstr(note, "少于3个"));
    assert_null(strstr(note, "上限"));
    /* a projection that would pass 50 x is held there */
    memset(t, 0, sizeof *t);
    t->n_origins = 4;
    t->n_dev = 4;
    for (int o = 0; o < 4; o++) {
        t->known[o] = 4 - o;
        for (int d = 0; d < 4; d++) t->cum[o][d] = (hz_fen)100 << (3 * d); /* 8 x a month, every month */
    }
    assert_int_equal(hz_fc_chain_ladder(t, est, NULL), HZ_OK);
    assert_int_equal(est->factor_ppm[0], 8 * HZ_FC_ONE);
    assert_int_equal(est->ultimate[3], 100 * HZ_FC_MAX_DEVELOPMENT); /* 512 x, held at 50 x */
    assert_true(est->thin[3] & HZ_FC_BOUNDED);
    free(t);
    free(est);
}

static void test_loss_ratio(void **state) {
    (void)state;
    char b[24];
    assert_int_equal(hz_loss_ratio_bp(899100, 20000), 449550);   /* 8991.00 / 200.00 = 4495.50% */
    assert_int_equal(hz_loss_ratio_bp(1, 3), 3333);              /* 33.333..% -> 33.33% */
    assert_int_equal(hz_loss_ratio_bp(2, 3), 6667);              /* 66.666..% -> 66.67% (half up) */
    /* past 2^63 / 10000 fen (a runaway projection): no overflow, the same ratio */
    assert_int_equal(hz_loss_ratio_bp(4126758452492331LL, 4126758452492331LL / 3), 30000);
    assert_int_equal(hz_loss_ratio_bp(INT64_MAX, 1), INT64_MAX);
    assert_int_equal(hz_loss_ratio_bp(5, 0), -1);
    assert_string_equal(hz_bp_format(6667, b), "66.67%");
    assert_string_equal(hz_bp_format(-1, b), "");
}

static void test_worse_off_list(void **state) {
    (void)state;
    hz_whatif_result *r = calloc(1, sizeof *r);
    for (int i = 0; i < HZ_WHATIF_LIST_MAX + 100; i++) {
        hz_whatif_member m = {.member_id = i + 1, .current = 100000, .proposed = 100000 - (i % 700) * 10};
        hz_whatif_offer(r, &m);
    }
    hz_whatif_finish(r);
    assert_int_equal(r->members_worse_off, HZ_WHATIF_LIST_MAX + 100);
    assert_int_equal(r->n_worse, HZ_WHATIF_LIST_MAX);
    assert_int_equal(r->worse[0].current - r->worse[0].proposed, 5990); /* the largest loss first */
    for (int i = 1; i < r->n_worse; i++)
        assert_true(r->worse[i - 1].current - r->worse[i - 1].proposed >= r->worse[i].current - r->worse[i].proposed);
    hz_whatif_free(r);
    free(r);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exact_pattern), cmocka_unit_test(test_noisy_band), cmocka_unit_test(test_empty_and_bad),
        cmocka_unit_test(test_loss_ratio),    cmocka_unit_test(test_worse_off_list), cmocka_unit_test(test_thin_history),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
