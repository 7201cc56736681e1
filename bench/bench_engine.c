/* P7 of quality.md: single claim adjudication, engine only, in memory.
 * Prints the median ns per claim over several runs (the worked example:
 * three coverages, two stays, six lines), then the baseline measured in the
 * same run: the same six explanations formatted with snprintf as the engine
 * formatted them before core/fmt.c (20 calls). Not a test: timing lives
 * here. Time is the thread's CPU time, not the wall clock: on a machine
 * shared with other work, time spent descheduled is not the engine's.
 * BENCH_ENGINE_ITER sets the iterations per run (callgrind: 1000). */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/engine.h"
#include "io/catalogue.h"

static const hz_plan *find(hz_catalogue_entry *cat, int n, const char *code) {
    for (int i = 0; i < n; i++)
        if (!cat[i].scheme && !strcmp(cat[i].code, code)) return &cat[i].plan;
    return NULL;
}

/* The engine's formatting before core/fmt.c, for the worked example's six
 * lines: money through snprintf, the ICD code through snprintf, the line
 * through snprintf. */
static void old_money(hz_fen v, char *buf) {
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    snprintf(buf, HZ_MONEY_BUF, "%s%llu.%02llu", v < 0 ? "-" : "", (unsigned long long)(u / 100),
             (unsigned long long)(u % 100));
}
static void old_inpatient(char *out, hz_fen selfpay, hz_fen ded, int ratio, hz_fen raw) {
    char b1[HZ_MONEY_BUF], b2[HZ_MONEY_BUF], b3[HZ_MONEY_BUF];
    old_money(selfpay, b1);
    old_money(ded, b2);
    old_money(raw, b3);
    snprintf(out, HZ_EXPLAIN_MAX, "(%s - %s) x %d%% = %s", b1, b2, ratio, b3);
}
static void old_lump(char *out, const char *code, const char *label, hz_fen sum, int pct, hz_fen amount, bool paid) {
    char shown[16], b1[HZ_MONEY_BUF], b2[HZ_MONEY_BUF];
    snprintf(shown, sizeof shown, "%.3s.%s", code, code + 3);
    if (paid) {
        snprintf(out, HZ_EXPLAIN_MAX, "%s %s: 本期已给付 %d%%, 不再给付", shown, label, pct);
        return;
    }
    old_money(sum, b1);
    old_money(amount, b2);
    snprintf(out, HZ_EXPLAIN_MAX, "%s %s: %s x %d份 x %d%% = %s", shown, label, b1, 1, pct, b2);
}
static void old_explanations(hz_claim_line *l) {
    old_inpatient(l[0].explain, 2435000, 130000, 20, 461000);
    old_lump(l[1].explain, "C541", "重疾", 1000000, 100, 1000000, false);
    old_lump(l[2].explain, "C541", "特定癌症", 1000000, 100, 1000000, false);
    old_inpatient(l[3].explain, 1310500, 65000, 20, 249100);
    old_lump(l[4].explain, "C541", "重疾", 0, 100, 0, true);
    old_lump(l[5].explain, "C541", "特定癌症", 0, 100, 0, true);
}

static double since_ns(const struct timespec *t0, int iter) {
    struct timespec t1;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t1);
    return ((double)(t1.tv_sec - t0->tv_sec) * 1e9 + (double)(t1.tv_nsec - t0->tv_nsec)) / iter;
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
    hz_catalogue_entry *cat;
    int n_cat;
    hz_errinfo e;
    if (hz_catalogue_load_dir(argc > 1 ? argv[1] : HZ_SOURCE_DIR "/catalogue", &cat, &n_cat, &e)) {
        fprintf(stderr, "%s\n", e.msg);
        return 1;
    }
    hz_eng_member m = {'F', hz_date_from_ymd(1975, 3, 8), NULL, 0};
    hz_eng_coverage base_covs[3];
    const char *codes[3] = {"ZY", "ZJ", "NG"};
    for (int i = 0; i < 3; i++) {
        memset(&base_covs[i], 0, sizeof base_covs[i]);
        base_covs[i].coverage_id = i + 1;
        base_covs[i].plan = find(cat, n_cat, codes[i]);
        base_covs[i].shares = 1;
        base_covs[i].start = hz_date_from_ymd(2019, 1, 1);
        base_covs[i].months = 12;
        base_covs[i].end = hz_date_term_end(base_covs[i].start, 12);
    }
    hz_event ev[2];
    memset(ev, 0, sizeof ev);
    for (int i = 0; i < 2; i++) {
        ev[i].kind = HZ_EV_STAY;
        ev[i].n_diag = 1;
        hz_icd_normalize("C54.1", ev[i].diag[0], NULL);
    }
    ev[0].date = hz_date_from_ymd(2019, 5, 6);
    ev[0].discharge = hz_date_from_ymd(2019, 5, 20);
    ev[0].psn_selfpay = 2435000;
    ev[1].date = hz_date_from_ymd(2019, 7, 1);
    ev[1].discharge = hz_date_from_ymd(2019, 7, 12);
    ev[1].psn_selfpay = 1310500;
    enum { RUNS = 7 };
    const char *it = getenv("BENCH_ENGINE_ITER");
    int iter = it ? (int)strtol(it, NULL, 10) : 200000;
    if (iter < 1) iter = 1;
    double per[RUNS], base[RUNS];
    hz_fen check = 0;
    hz_claim_line lines[16];
    for (int r = 0; r < RUNS; r++) {
        struct timespec t0;
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0);
        for (int i = 0; i < iter; i++) {
            hz_eng_coverage covs[3];
            memcpy(covs, base_covs, sizeof covs);
            int n;
            hz_engine_adjudicate(&m, covs, 3, ev, 2, lines, 16, &n, &e);
            check += lines[0].amount;
        }
        per[r] = since_ns(&t0, iter);
        char first[HZ_EXPLAIN_MAX];
        memcpy(first, lines[0].explain, sizeof first);
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0);
        for (int i = 0; i < iter; i++) {
            old_explanations(lines);
            check += lines[0].explain[1];
        }
        base[r] = since_ns(&t0, iter);
        if (strcmp(first, lines[0].explain)) {
            fprintf(stderr, "the baseline formats otherwise: %s / %s\n", first, lines[0].explain);
            return 1;
        }
    }
    qsort(per, RUNS, sizeof per[0], cmp);
    qsort(base, RUNS, sizeof base[0], cmp);
    printf("%.0f %.0f\n", per[RUNS / 2], base[RUNS / 2]);
    fprintf(stderr, "check %lld\n", (long long)check);
    hz_catalogue_free(cat, n_cat);
    return 0;
}
