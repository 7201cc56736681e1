/* The office's look ahead and look back (issue 18): the what-if result of
 * re-adjudicating claims under a proposed plan version, its groups and the
 * members worse off, and the chain-ladder forecast of a plan's year-end loss
 * ratio (docs/forecast.md). Pure arithmetic and types: the scans are in
 * store/insight.c, the use cases in app/insight.c. */
#ifndef HZ_INSIGHT_H
#define HZ_INSIGHT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/money.h"

/* One row of by_plan / by_unit / by_district. */
typedef struct {
    int64_t id;      /* unit id (by_unit); 0 otherwise */
    char key[24];    /* plan code, unit credit code, district org code */
    char name[128];  /* unit or district name; the plan code for by_plan */
    int64_t claims;  /* claims of the window with a line of this group */
    hz_fen current, proposed, contributions;
} hz_whatif_group;

typedef struct {
    hz_whatif_group *items;
    int n, cap;
    /* open addressing on id (by_unit): index + 1, 0 = empty */
    int *slots;
    int n_slots;
} hz_whatif_groups;

/* A member worse off: the window's claims pay less under the proposal. */
typedef struct {
    int64_t member_id;
    char id_number[19];
    char name[64];
    char unit_name[128];
    hz_fen current, proposed;
} hz_whatif_member;

#define HZ_WHATIF_LIST_MAX 500 /* members worse off listed (the largest losses); all are counted */

typedef struct {
    char plan_code[8];
    hz_date from, to;
    int64_t claims;
    hz_fen current, proposed, contributions;
    hz_whatif_groups by_plan, by_unit, by_district;
    int64_t members_worse_off;
    hz_whatif_member worse[HZ_WHATIF_LIST_MAX]; /* a min-heap on the loss while filling, sorted at the end */
    int n_worse;
} hz_whatif_result;

/* The group of key (by_plan, by_district: key; by_unit: id), added zeroed
 * when new; NULL when out of memory. */
hz_whatif_group *hz_whatif_group_get(hz_whatif_groups *g, int64_t id, const char *key, const char *name);
void hz_whatif_groups_free(hz_whatif_groups *g);
/* Sorts groups by key (stable output). */
void hz_whatif_groups_sort(hz_whatif_groups *g);
/* Offers a member worse off to the bounded list (keeps the largest losses). */
void hz_whatif_offer(hz_whatif_result *r, const hz_whatif_member *m);
/* Sorts the list: largest loss first, then member id. */
void hz_whatif_finish(hz_whatif_result *r);
void hz_whatif_free(hz_whatif_result *r);

/* Loss ratio in basis points (1/100 of a percent), rounded half up:
 * (paid x 10000 + contributions / 2) / contributions; -1 when there are no
 * contributions. */
int64_t hz_loss_ratio_bp(hz_fen paid, hz_fen contributions);
/* "53.21%" or "" for -1; buf of at least 24 bytes. */
char *hz_bp_format(int64_t bp, char *buf);

/* ---- the look-back (回头望): worklists built from the data ---- */

typedef enum {
    HZ_LB_STAY,   /* a covered inpatient stay with no claim (any year on file): create the claim */
    HZ_LB_RELIEF, /* the year's burden is in a second-round relief band, nobody proposed the member: propose */
    HZ_LB_LM,     /* a model worker's stay of the year without an LM subsidy: apply */
    HZ_LB_RENEW,  /* a coverage ending within 30 days without a renewal: renew */
    HZ_LB_KINDS
} hz_lookback_kind;

#define HZ_LB_RENEW_DAYS 30

typedef struct {
    hz_lookback_kind kind;
    int64_t member_id;
    char id_number[19]; /* masked for roles that do not see identities */
    char name[64];
    char ref[48];   /* the stay's setl_id (stay, lm), the plan code (renew), the year (relief) */
    hz_date date;   /* admission (stay, lm), coverage end (renew) */
    hz_fen amount;  /* psn_selfpay (stay, lm), the burden (relief), the premium (renew) */
    hz_fen grant;   /* relief: the band's grant */
    char level[16]; /* lm: national / provincial / city */
} hz_lookback_item;

typedef struct {
    int year;
    hz_lookback_item *items;
    int n, cap;
    int64_t count[HZ_LB_KINDS];
} hz_lookback_result;

/* The stable English key of a kind ("stay_without_claim", ...) and the action
 * that settles it under the server's own action names, the ones GET /me
 * lists ("claim.submit", "relief.apply", "lm.apply", "coverage.enroll"). */
const char *hz_lookback_kind_key(hz_lookback_kind k);
const char *hz_lookback_action(hz_lookback_kind k);
const char *hz_lookback_action_label(hz_lookback_kind k);
/* Appends a copy of it; false when out of memory. */
bool hz_lookback_add(hz_lookback_result *r, const hz_lookback_item *it);
void hz_lookback_free(hz_lookback_result *r);

/* ---- forecast: chain ladder on monthly development (docs/forecast.md) ---- */

#define HZ_FC_MAX_DEV 24     /* development lags followed, in months (0 = the month of the stay) */
#define HZ_FC_MAX_ORIGINS 48 /* origin months (the month of admission) */
#define HZ_FC_ONE 1000000    /* a factor of 1.0 in parts per million */

/* cum[o][d]: the amount reported (claim lines) by the end of lag d for stays
 * admitted in origin month o; cum[o][0 .. known[o] - 1] are known. */
typedef struct {
    int n_origins, n_dev;
    hz_fen cum[HZ_FC_MAX_ORIGINS][HZ_FC_MAX_DEV];
    int known[HZ_FC_MAX_ORIGINS];
} hz_fc_triangle;

/* Thin history (docs/forecast.md, "When history is too thin"): a factor
 * that fewer than HZ_FC_MIN_ORIGINS origins with an amount stand behind is
 * not trusted; every factor is at most HZ_FC_MAX_FACTOR and an origin's
 * projection at most HZ_FC_MAX_DEVELOPMENT x its latest amount. */
#define HZ_FC_MIN_ORIGINS 3
#define HZ_FC_MAX_FACTOR (20 * HZ_FC_ONE)
#define HZ_FC_MAX_DEVELOPMENT 50

typedef struct {
    int64_t factor_ppm[HZ_FC_MAX_DEV]; /* d -> d + 1, volume weighted, at most HZ_FC_MAX_FACTOR */
    int support[HZ_FC_MAX_DEV];        /* origins with an amount at lag d that know lag d + 1 */
    int64_t low_ppm[HZ_FC_MAX_DEV], high_ppm[HZ_FC_MAX_DEV]; /* factor -/+ one standard deviation of the link ratios */
    hz_fen ultimate[HZ_FC_MAX_ORIGINS], low[HZ_FC_MAX_ORIGINS], high[HZ_FC_MAX_ORIGINS];
    /* the origin's projection used a factor with support below
     * HZ_FC_MIN_ORIGINS (HZ_FC_THIN_FACTORS) or met a bound (HZ_FC_BOUNDED) */
    int thin[HZ_FC_MAX_ORIGINS];
} hz_fc_estimate;

/* Why a forecast is not to be trusted (0: it is). */
typedef enum {
    HZ_FC_RELIABLE = 0,
    HZ_FC_FEW_MONTHS = 1,   /* fewer than HZ_FC_MIN_ORIGINS months of the year have passed */
    HZ_FC_THIN_FACTORS = 2, /* a factor the year needs stands on fewer than HZ_FC_MIN_ORIGINS months */
    HZ_FC_BOUNDED = 4,      /* a factor or a projection met its bound */
} hz_fc_thin;

/* "ok" or "thin", and the reasons in Chinese (NULL when reliable); buf of at
 * least 256 bytes. */
const char *hz_fc_reliability(int thin);
const char *hz_fc_thin_note(int thin, char *buf, size_t size);

/* The chain ladder: factors from every origin that knows both lags, each
 * origin's latest amount developed to lag n_dev - 1, rounding half up to the
 * fen at each step; an origin with nothing known gets 0. */
hz_err hz_fc_chain_ladder(const hz_fc_triangle *t, hz_fc_estimate *out, hz_errinfo *e);

/* The year-end forecast of one plan (app/insight.c builds it). */
typedef struct {
    char plan[8];
    hz_fen contributions; /* paid in the year */
    hz_fen reported;      /* paid so far on the year's stays */
    hz_fen ultimate, low, high; /* the year's stays at full development, months to come included */
    int64_t factor_ppm[HZ_FC_MAX_DEV];
    int n_dev;
    int thin; /* hz_fc_thin bits; 0: reliable */
} hz_fc_plan;

#define HZ_FC_MAX_PLANS 16
typedef struct {
    int year;
    hz_date as_of;
    int n_plans;
    hz_fc_plan plans[HZ_FC_MAX_PLANS];
} hz_forecast;

#endif
