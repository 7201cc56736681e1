/* P7 of quality.md: single claim adjudication, engine only, in memory.
 * Prints the median ns per claim over several runs (the worked example:
 * three coverages, two stays, six lines). Not a test: timing lives here. */
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
    hz_eng_coverage base[3];
    const char *codes[3] = {"ZY", "ZJ", "NG"};
    for (int i = 0; i < 3; i++) {
        memset(&base[i], 0, sizeof base[i]);
        base[i].coverage_id = i + 1;
        base[i].plan = find(cat, n_cat, codes[i]);
        base[i].shares = 1;
        base[i].start = hz_date_from_ymd(2019, 1, 1);
        base[i].months = 12;
        base[i].end = hz_date_term_end(base[i].start, 12);
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
    enum { RUNS = 7, ITER = 200000 };
    double per[RUNS];
    hz_fen check = 0;
    for (int r = 0; r < RUNS; r++) {
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        for (int i = 0; i < ITER; i++) {
            hz_eng_coverage covs[3];
            memcpy(covs, base, sizeof covs);
            hz_claim_line lines[16];
            int n;
            hz_engine_adjudicate(&m, covs, 3, ev, 2, lines, 16, &n, &e);
            check += lines[0].amount;
        }
        clock_gettime(CLOCK_MONOTONIC, &t1);
        per[r] = ((double)(t1.tv_sec - t0.tv_sec) * 1e9 + (double)(t1.tv_nsec - t0.tv_nsec)) / ITER;
    }
    qsort(per, RUNS, sizeof per[0], cmp);
    printf("%.0f\n", per[RUNS / 2]);
    fprintf(stderr, "check %lld\n", (long long)check);
    hz_catalogue_free(cat, n_cat);
    return 0;
}
