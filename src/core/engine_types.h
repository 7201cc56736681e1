/* The engine's data: events, ledger entries, coverages, member and the
 * lines it returns, with the reason codes of plans.md. Split from engine.h
 * so the benefit formulas (benefit.h) and the engine (engine.h) both build
 * on it without including each other. */
#ifndef HZ_ENGINE_TYPES_H
#define HZ_ENGINE_TYPES_H

#include "core/model.h"
#include "core/plan.h"

#define HZ_ENG_MAX_DIAG 32 /* codes of one stay: the main one and up to 31 others */
#define HZ_ENG_MAX_LEDGER 48
#define HZ_EXPLAIN_MAX 256

typedef enum { HZ_EV_STAY, HZ_EV_DIAGNOSIS, HZ_EV_DEATH, HZ_EV_DISABILITY } hz_event_kind;

typedef struct {
    hz_event_kind kind;
    int64_t settlement_id; /* 0 when the event has no settlement */
    hz_date date;          /* admission date, or the event / diagnosis date */
    hz_date discharge;     /* stays */
    bool accident;         /* marked on the claim (the main diagnosis chapter counts too) */
    bool refunded;         /* the settlement was cancelled by a refund row */
    int disability_grade;  /* 1 (worst) .. 10 */
    int n_diag;
    char diag[HZ_ENG_MAX_DIAG][HZ_ICD_MAX]; /* normalised; [0] is the main diagnosis */
    hz_fen psn_selfpay, medfee_sumamt, fund_pay_sumamt;
} hz_event;

typedef struct {
    int period;        /* policy year of a multi-year coverage; 0 otherwise */
    char component[16];
    int64_t stays;     /* stays counted (paid or below the deductible) */
    int first_borne;   /* 1 while an active counted stay bears the first-stay deductible */
    hz_fen paid;
    int lump_pct;      /* share of the lump sum used, in percent */
} hz_ledger_entry;

typedef struct {
    int64_t coverage_id;
    const hz_plan *plan;
    int shares;
    hz_date start, end;
    int months;
    bool continuous; /* continuous renewal: no waiting period */
    int n_ledger;
    hz_ledger_entry ledger[HZ_ENG_MAX_LEDGER]; /* in: as stored; out: after this claim */
} hz_eng_coverage;

typedef struct {
    char sex;
    hz_date birth;
    const hz_flag *flags;
    int n_flags;
} hz_eng_member;

/* Reason codes of plans.md. */
#define HZ_R_OK "OK"
#define HZ_R_CAPPED "CAPPED"
#define HZ_R_WAITING "WAITING"
#define HZ_R_NOT_IN_TERM "NOT_IN_TERM"
#define HZ_R_SEX "NOT_ELIGIBLE_SEX"
#define HZ_R_AGE "NOT_ELIGIBLE_AGE"
#define HZ_R_NOT_LISTED "DIAGNOSIS_NOT_LISTED"
#define HZ_R_ALREADY_PAID "ALREADY_PAID"
#define HZ_R_BELOW "BELOW_DEDUCTIBLE"
#define HZ_R_NOT_ACCIDENT "NOT_ACCIDENT"
#define HZ_R_DUPLICATE "DUPLICATE_SETTLEMENT"
#define HZ_R_REFUNDED "REFUNDED_SETTLEMENT"
#define HZ_R_MANUAL "MANUAL_REJECT"

typedef struct {
    int event;    /* index into the caller's events */
    int coverage; /* index into the caller's coverages */
    char plan_code[HZ_PLAN_CODE_MAX];
    char component[16];
    int period;
    hz_fen amount;
    int lump_pct;      /* lump-sum percentage points this line used */
    bool counted_stay; /* this line counted a stay in the ledger */
    bool first_stay;   /* this stay bore the first-stay deductible of its term */
    const char *reason;
    char explain[HZ_EXPLAIN_MAX];
} hz_claim_line;

#endif
