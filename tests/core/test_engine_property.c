/* R3 of quality.md: 10,000 random claim sequences through the engine (random
 * plans, shares, stays, events, ledgers carried from claim to claim): no
 * coverage pays past a cap, no lump sum pays past its sum, totals equal the
 * sum of lines, the ledger equals what the lines paid, same input -> same
 * output. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/engine.h"
#include "io/catalogue.h"
#include "io/gen.h"

static hz_catalogue_entry *cat;
static int n_cat;

static int setup(void **state) {
    (void)state;
    hz_errinfo e;
    return hz_catalogue_load_dir(HZ_SOURCE_DIR "/catalogue", &cat, &n_cat, &e) == HZ_OK ? 0 : -1;
}
static int teardown(void **state) {
    (void)state;
    hz_catalogue_free(cat, n_cat);
    return 0;
}

static const hz_plan *plan_at(int i) {
    int k = 0;
    for (int j = 0; j < n_cat; j++)
        if (!cat[j].scheme && k++ == i) return &cat[j].plan;
    return NULL;
}

static const char *const codes[] = {"C54.1", "C50.9", "D05.1", "D06.9", "C44.3", "I21.0", "I63.9", "J18.9",
                                    "K35.8", "S72.0", "S06.7", "T31.5", "E11.9", "C34.1", "D39.2", "N18.5"};

typedef struct {
    hz_eng_coverage covs[6];
    int n_covs;
    hz_flag flags[2];
    hz_eng_member m;
    hz_fen paid_by_line[6][HZ_ENG_MAX_LEDGER]; /* per coverage ledger slot */
    uint64_t digest;
} sim;

static uint64_t mix(uint64_t h, uint64_t v) { return (h ^ v) * 1099511628211ULL; }

/* Every explanation the sequences write, in order: a digest of all of them
 * and, for the first EXPLAIN_SEEDS seeds, the text itself, compared with
 * what the engine wrote when it still formatted with snprintf
 * (tests/data/engine_explain.txt; HZ_RECORD_EXPLAIN=1 writes it again). */
enum { EXPLAIN_SEEDS = 150 };
#define EXPLAIN_FILE HZ_SOURCE_DIR "/tests/data/engine_explain.txt"
#define EXPLAIN_DIGEST 0xb6fcc508fee06178ULL
static uint64_t explain_digest;
static FILE *explain_out;
static uint64_t explain_seed;

static void explain_seen(const char *text) {
    for (const char *p = text; *p; p++) explain_digest = mix(explain_digest, (unsigned char)*p);
    explain_digest = mix(explain_digest, '\n');
    if (explain_out && explain_seed <= EXPLAIN_SEEDS) fprintf(explain_out, "%s\n", text);
}

/* Runs one random sequence; returns a digest of every line for determinism. */
static uint64_t run_sequence(uint64_t seed) {
    hz_rng r;
    hz_rng_seed(&r, seed);
    sim s;
    memset(&s, 0, sizeof s);
    s.m.sex = hz_rng_below(&r, 2) ? 'F' : 'M';
    s.m.birth = hz_date_from_ymd(1960 + (int)hz_rng_below(&r, 45), 1 + (int)hz_rng_below(&r, 12), 1);
    s.m.flags = s.flags;
    if (hz_rng_below(&r, 4) == 0) {
        hz_flag *f = &s.flags[s.m.n_flags++];
        snprintf(f->kind, sizeof f->kind, "%s", hz_rng_below(&r, 2) ? "hardship" : "model");
        snprintf(f->level, sizeof f->level, "city");
        f->from = hz_date_from_ymd(2026, 1, 1);
        f->to = hz_date_from_ymd(2026, 12, 31);
    }
    hz_date start = hz_date_from_ymd(2026, 1, 1);
    int n_plans = 0;
    while (plan_at(n_plans)) n_plans++;
    s.n_covs = 1 + (int)hz_rng_below(&r, 4);
    for (int i = 0; i < s.n_covs; i++) {
        hz_eng_coverage *c = &s.covs[i];
        c->coverage_id = i + 1;
        c->plan = plan_at((int)hz_rng_below(&r, (uint64_t)n_plans));
        c->shares = c->plan->min_shares + (int)hz_rng_below(&r, (uint64_t)(c->plan->max_shares - c->plan->min_shares + 1));
        c->months = c->plan->terms[hz_rng_below(&r, (uint64_t)c->plan->n_terms)];
        c->start = start;
        c->end = hz_date_term_end(start, c->months);
        c->continuous = hz_rng_below(&r, 3) == 0;
    }
    uint64_t digest = 1469598103934665603ULL;
    int n_claims = 1 + (int)hz_rng_below(&r, 8);
    for (int k = 0; k < n_claims; k++) {
        hz_event ev[4];
        int n_ev = 1 + (int)hz_rng_below(&r, 3);
        for (int i = 0; i < n_ev; i++) {
            hz_event *e = &ev[i];
            memset(e, 0, sizeof *e);
            int kind = (int)hz_rng_below(&r, 10);
            e->kind = kind < 7 ? HZ_EV_STAY : kind == 7 ? HZ_EV_DIAGNOSIS : kind == 8 ? HZ_EV_DEATH : HZ_EV_DISABILITY;
            e->date = start - 30 + (hz_date)hz_rng_below(&r, 1200);
            e->discharge = e->kind == HZ_EV_STAY ? e->date + (hz_date)hz_rng_below(&r, 120) : HZ_DATE_NONE;
            e->accident = hz_rng_below(&r, 4) == 0;
            e->refunded = hz_rng_below(&r, 25) == 0;
            e->disability_grade = 1 + (int)hz_rng_below(&r, 10);
            e->n_diag = 1 + (int)hz_rng_below(&r, 3);
            for (int d = 0; d < e->n_diag; d++)
                hz_icd_normalize(codes[hz_rng_below(&r, sizeof codes / sizeof codes[0])], e->diag[d], NULL);
            e->medfee_sumamt = (hz_fen)hz_rng_below(&r, 20000000);
            e->fund_pay_sumamt = e->medfee_sumamt * (hz_fen)hz_rng_below(&r, 90) / 100;
            e->psn_selfpay = (e->medfee_sumamt - e->fund_pay_sumamt) * (hz_fen)hz_rng_below(&r, 101) / 100;
        }
        hz_claim_line lines[64];
        int n_lines;
        hz_errinfo err;
        if (hz_engine_adjudicate(&s.m, s.covs, s.n_covs, ev, n_ev, lines, 64, &n_lines, &err) != HZ_OK)
            fail_msg("seed %llu: %s", (unsigned long long)seed, err.msg);
        hz_fen total = 0;
        for (int i = 0; i < n_lines; i++) {
            const hz_claim_line *l = &lines[i];
            if (l->amount < 0) fail_msg("seed %llu: negative line", (unsigned long long)seed);
            if (l->amount == 0 && !l->reason) fail_msg("seed %llu: a line without a reason", (unsigned long long)seed);
            if (l->amount > 0 && strcmp(l->reason, HZ_R_OK) && strcmp(l->reason, HZ_R_CAPPED))
                fail_msg("seed %llu: paying line with reason %s", (unsigned long long)seed, l->reason);
            if (!l->explain[0]) fail_msg("seed %llu: line without explanation", (unsigned long long)seed);
            explain_seen(l->explain);
            total += l->amount;
            /* book the line against its ledger slot */
            hz_eng_coverage *c = &s.covs[l->coverage];
            for (int j = 0; j < c->n_ledger; j++)
                if (c->ledger[j].period == l->period && !strcmp(c->ledger[j].component, l->component))
                    s.paid_by_line[l->coverage][j] += l->amount;
            digest = mix(mix(mix(digest, (uint64_t)l->amount), (uint64_t)l->reason[0]), (uint64_t)l->coverage);
        }
        hz_fen sum = 0;
        for (int i = 0; i < n_lines; i++) sum += lines[i].amount;
        assert_int_equal(total, sum);
        /* invariants over every ledger entry after every claim */
        for (int i = 0; i < s.n_covs; i++) {
            hz_eng_coverage *c = &s.covs[i];
            for (int j = 0; j < c->n_ledger; j++) {
                const hz_ledger_entry *le = &c->ledger[j];
                if (le->paid != s.paid_by_line[i][j])
                    fail_msg("seed %llu: ledger %lld != lines %lld", (unsigned long long)seed, (long long)le->paid,
                             (long long)s.paid_by_line[i][j]);
                if (le->lump_pct < 0 || le->lump_pct > 100) fail_msg("seed %llu: lump pct %d", (unsigned long long)seed, le->lump_pct);
                for (int b = 0; b < c->plan->n_benefits; b++) {
                    const hz_benefit *ben = &c->plan->benefits[b];
                    if (strcmp(ben->component, le->component)) continue;
                    hz_fen cap = ben->cap_per_share ? ben->cap * c->shares : ben->cap;
                    if (cap > 0 && le->paid > cap)
                        fail_msg("seed %llu: %s paid %lld past cap %lld", (unsigned long long)seed, c->plan->code,
                                 (long long)le->paid, (long long)cap);
                    if ((ben->kind == HZ_BEN_LUMP_SUM || ben->kind == HZ_BEN_ACCIDENT_LUMP) &&
                        le->paid > ben->sum * c->shares)
                        fail_msg("seed %llu: %s lump paid twice", (unsigned long long)seed, c->plan->code);
                }
            }
        }
    }
    return digest;
}

static void test_random_sequences(void **state) {
    (void)state;
    for (uint64_t seed = 1; seed <= 10000; seed++) {
        uint64_t a = run_sequence(seed), b = run_sequence(seed);
        if (a != b) fail_msg("seed %llu: same input gave different output", (unsigned long long)seed);
    }
}

/* The explanations are byte for byte what they were with snprintf. */
static void test_explanations_unchanged(void **state) {
    (void)state;
    const char *record = getenv("HZ_RECORD_EXPLAIN");
    char *got = NULL;
    size_t got_len = 0;
    explain_out = record && *record == '1' ? fopen(EXPLAIN_FILE, "w") : open_memstream(&got, &got_len);
    assert_non_null(explain_out);
    explain_digest = 1469598103934665603ULL;
    for (explain_seed = 1; explain_seed <= 10000; explain_seed++) run_sequence(explain_seed);
    fclose(explain_out);
    explain_out = NULL;
    if (record && *record == '1') {
        printf("EXPLAIN_DIGEST 0x%016llxULL\n", (unsigned long long)explain_digest);
        return;
    }
    FILE *f = fopen(EXPLAIN_FILE, "r");
    assert_non_null(f);
    char want[512];
    const char *p = got;
    int line = 0;
    while (fgets(want, sizeof want, f)) {
        line++;
        const char *nl = strchr(p, '\n');
        if (!nl) fail_msg("line %d: missing, want %s", line, want);
        size_t n = (size_t)(nl - p) + 1;
        if (n != strlen(want) || memcmp(p, want, n))
            fail_msg("line %d: got %.*s want %s", line, (int)n, p, want);
        p = nl + 1;
    }
    fclose(f);
    assert_true(line > 1000);
    assert_string_equal(p, "");
    free(got);
    if (explain_digest != EXPLAIN_DIGEST)
        fail_msg("explanations of 10,000 sequences: digest 0x%016llx, recorded 0x%016llx",
                 (unsigned long long)explain_digest, (unsigned long long)EXPLAIN_DIGEST);
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_random_sequences),
                                       cmocka_unit_test(test_explanations_unchanged)};
    return cmocka_run_group_tests(tests, setup, teardown);
}
