/* The model-worker medical subsidy (LM, plans.md "LM"): pure arithmetic.
 * On a settled inpatient stay the remaining burden is psn_selfpay minus
 * what huzhu's own plans paid on that settlement; the subsidy is the
 * level's share of it, rounded half up once, cut to what is left of the
 * member's yearly cap. Amounts in fen. */
#ifndef HZ_LM_H
#define HZ_LM_H

#include "core/model.h"
#include "core/plan.h"

/* A model-worker medical subsidy (LM) on one settled stay. */
typedef struct {
    int64_t id;
    char subsidy_no[24];
    int64_t member_id;
    int64_t settlement_id;
    char setl_id[48];
    char id_number[19];
    int year;           /* calendar year of the admission date */
    char level[16];     /* national provincial city */
    hz_fen psn_selfpay, huzhu_paid, burden;
    int pct;
    hz_fen amount;
    char reason[24];    /* OK CAPPED REFUNDED_SETTLEMENT */
    char explain[320];
    char status[12];    /* applied approved rejected paid */
    char reject_reason[256];
    bool reversed;
    char bank_failure[256];
    char created_at[24], created_by[64], decided_at[24], decided_by[64], paid_at[24];
    char name[HZ_NAME_MAX]; /* the member's, for lists */
} hz_lm_subsidy;

typedef enum { HZ_LM_NATIONAL = 0, HZ_LM_PROVINCIAL = 1, HZ_LM_CITY = 2 } hz_lm_level;

typedef struct {
    hz_fen burden;      /* psn_selfpay - huzhu paid, >= 0 */
    int pct;            /* the level's share, percent */
    hz_fen amount;      /* what the subsidy pays */
    const char *reason; /* "OK" or "CAPPED" */
    char explain[256];  /* e.g. "(11300.00 - 2500.00) x 80% = 7040.00" */
} hz_lm_result;

/* The level of a model-worker flag ("national", "provincial", "city");
 * -1 for anything else. */
int hz_lm_level_of(const char *flag_level);

/* Computes the subsidy of one stay. cap_used: the member's subsidies of the
 * admission year not rejected (fen). HZ_EINVAL for negative inputs. */
hz_err hz_lm_compute(const hz_lm_scheme *s, hz_lm_level level, hz_fen psn_selfpay, hz_fen huzhu_paid, hz_fen cap_used,
                     hz_lm_result *out, hz_errinfo *e);

#endif
