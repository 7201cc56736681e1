/* A mutual-aid plan as data (plans.md): premium, eligibility, waiting
 * period and the benefits it pays. Loaded from catalogue/ files by src/io;
 * the benefit engine reads nothing else, so an office changes a premium or a
 * cap by editing data. */
#ifndef HZ_PLAN_H
#define HZ_PLAN_H

#include <stdbool.h>

#include "core/date.h"
#include "core/icd10.h"
#include "core/money.h"

#define HZ_PLAN_CODE_MAX 8
#define HZ_CONTINUITY_DAYS 30 /* plans.md: a renewal starting at most 30 days after the previous end is continuous */
#define HZ_PLAN_MAX_BENEFITS 4
#define HZ_PLAN_MAX_TIERS 3
#define HZ_PLAN_MAX_TERMS 4

typedef enum {
    HZ_BEN_INPATIENT,        /* ZY: (eligible - deductible) x ratio, capped */
    HZ_BEN_LUMP_SUM,         /* ZJ, NG: listed diagnoses pay a share of the sum */
    HZ_BEN_ACCIDENT_LUMP,    /* YW, XYT: death 100%, disability (11-g) x 10% */
    HZ_BEN_ACCIDENT_MEDICAL, /* YW, XYT: pct x (medfee - fund - deductible) */
    HZ_BEN_ALLOWANCE         /* JT, XYT: per day from day N of a stay */
} hz_benefit_kind;

typedef struct {
    char name[16]; /* "severe", "mild", "cancer", "in_situ" */
    int pct;       /* level of the sum this tier reaches */
    hz_icd_list list;
} hz_lump_tier;

typedef struct {
    hz_benefit_kind kind;
    char component[16]; /* ledger component: "main", "lump", "medical", "allowance" */
    bool illness_only;  /* accidents are not paid by this benefit */
    /* HZ_BEN_INPATIENT */
    hz_fen deductible_first, deductible_later;
    hz_fen hardship_deductible_first, hardship_deductible_later;
    int ratio_pct, favoured_ratio_pct; /* favoured: model worker or hardship */
    /* HZ_BEN_ACCIDENT_MEDICAL */
    int pct;
    hz_fen deductible;
    /* HZ_BEN_ALLOWANCE */
    hz_fen per_day;
    int from_day;
    /* HZ_BEN_LUMP_SUM, HZ_BEN_ACCIDENT_LUMP */
    hz_fen sum;
    int n_tiers;
    hz_lump_tier tiers[HZ_PLAN_MAX_TIERS]; /* highest pct first */
    /* every kind: the cap per term (0 = none); per share when cap_per_share */
    hz_fen cap;
    bool cap_per_share;
} hz_benefit;

typedef struct hz_plan {
    char code[HZ_PLAN_CODE_MAX];
    char name[128];
    hz_fen premium_per_share; /* per year */
    int min_shares, max_shares;
    int n_terms;
    int terms[HZ_PLAN_MAX_TERMS]; /* allowed term lengths in months */
    int age_min, age_max;         /* inclusive, on the coverage start date */
    char sex;                     /* 0 = any, 'F' or 'M' */
    bool requires_newform;
    int waiting_days; /* illness events only */
    int n_benefits;
    hz_benefit benefits[HZ_PLAN_MAX_BENEFITS];
} hz_plan;

/* Checks the internal consistency of a plan; the message names the key. */
hz_err hz_plan_validate(const hz_plan *p, hz_errinfo *e);

/* premium_per_share x shares x months / 12, rounded half up to the fen. */
hz_err hz_plan_premium(const hz_plan *p, int shares, int months, hz_fen *out, hz_errinfo *e);

/* Eligibility at enrollment: shares, term, age on start, sex, new-form flag.
 * Returns HZ_EINVAL with the rule in the message. */
hz_err hz_plan_check_enroll(const hz_plan *p, int shares, int months, hz_date start, hz_date birth, char sex,
                            bool newform_on_start, hz_errinfo *e);

const hz_benefit *hz_plan_benefit(const hz_plan *p, hz_benefit_kind kind);

/* The model-worker medical subsidy (LM): a scheme, not a coverage. */
typedef struct {
    int pct[3];    /* national, provincial, city */
    hz_fen cap[3]; /* per calendar year */
    hz_fen annual_budget;
} hz_lm_scheme;

#endif
