/* The nouns of the domain model (spec/README.md) as plain structs shared by
 * the store, the use cases and the interfaces. No behaviour here. */
#ifndef HZ_MODEL_H
#define HZ_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#include "core/date.h"
#include "core/money.h"

#define HZ_NAME_MAX 96
#define HZ_CODE_MAX 32
#define HZ_PATH_MAX 256

typedef struct {
    int64_t id;
    char code[HZ_CODE_MAX];
    char name[HZ_NAME_MAX * 2];
    int64_t parent_id; /* 0 for the root */
    char kind[16];     /* federation, district, grassroots, joint */
    char region[8];    /* GB/T 2260, may be empty */
    char path[HZ_PATH_MAX]; /* "/XA/XA-XC/": codes from the root */
} hz_org;

typedef struct {
    int64_t id;
    char credit_code[19];
    char name[HZ_NAME_MAX * 2];
    int64_t org_id;
    char org_code[HZ_CODE_MAX];
} hz_unit;

typedef struct {
    int64_t id;
    char id_number[19];
    char name[HZ_NAME_MAX];
    char sex; /* 'M' / 'F', from the ID number */
    hz_date birth;
    char phone[16];
    int64_t unit_id; /* 0 = individual member */
    int64_t org_id;  /* joint union of an individual member, else the unit's org */
    char bank_card[24];
    char bank_name[HZ_NAME_MAX];
    char unit_code[19]; /* filled by reads */
    char unit_name[HZ_NAME_MAX * 2];
    char org_code[HZ_CODE_MAX];
    char org_path[HZ_PATH_MAX];
} hz_member;

typedef struct {
    int64_t id;
    char kind[12];  /* model, hardship, newform */
    char level[16]; /* model: national/provincial/city; hardship: deep/relative/sudden; newform: occupation */
    hz_date from, to;
} hz_flag;

typedef struct {
    int64_t id;
    int64_t member_id;
    int64_t plan_id;
    char plan_code[8];
    int plan_version;
    int shares;
    hz_date start, end;
    int months;
    char payer_kind[8]; /* unit, self, org */
    char payer_ref[HZ_CODE_MAX];
    hz_fen premium;
    bool continuous; /* a continuous renewal: no new waiting period */
    char status[12];
} hz_coverage;

/* One medical-insurance settlement record (interfaces.md, national names). */
typedef struct {
    int64_t id;
    char setl_id[48];
    char certno[19];
    int64_t member_id; /* 0 when unmatched */
    char psn_name[HZ_NAME_MAX];
    char gend[8]; /* a code ("1", "2") or a word of up to 2 characters (男, 未知) */
    char fixmedins_code[32];
    char fixmedins_name[HZ_NAME_MAX * 2];
    char hosp_lv[16];
    char med_type[8];
    hz_date adm_date, dscg_date;
    char main_diag_code[24];
    char diag_codes[400]; /* ';'-separated, at most HZ_ENG_MAX_DIAG - 1 codes */
    hz_fen medfee_sumamt, fund_pay_sumamt, psn_selfpay, psn_ownpay;
    bool refund;   /* in the feed: this row cancels setl_id */
    bool refunded; /* stored: the settlement was cancelled */
    char setl_time[24];
} hz_settlement;

typedef struct {
    int64_t id;
    char claim_no[24];
    int64_t member_id;
    char status[12]; /* received, adjudicated, approved, rejected, paid */
    bool accident, death, proactive, review_required;
    int disability_grade;
    char diagnosis[24];
    hz_date event_date;
    hz_fen total;
    char review_note[128];
    char reject_reason[256];
    char resubmit_of[24]; /* claim_no of the rejected claim it replaces */
    char bank_failure[256];
    char documents[256];  /* received document kinds, comma-separated */
    char submitted_at[24], documents_complete_at[24], decided_at[24], decided_by[64], paid_at[24];
    char hold_reason[160]; /* held for a reviewer whatever the amount (a duplicate stay, a self-reported accident) */
} hz_claim;

typedef struct {
    int64_t id;
    int seq;
    int64_t coverage_id;
    char plan_code[8];
    int64_t settlement_id;
    char setl_id[48];
    char component[16];
    int period;
    hz_fen amount;
    int lump_pct;
    bool counted_stay;
    bool first_stay; /* bore the first-stay deductible of its term */
    char reason[24];
    char explain[256];
    bool reversed;
} hz_claim_line_row;

/* A rejected input row: where and why (imports' reports). */
typedef struct {
    long row;
    char field[24];  /* stable English key of the field ("id_number") */
    char column[32]; /* the column as the file titles it ("身份证号码") */
    char reason[256];
} hz_row_error;

/* A member's bank-card change waiting for confirmation, with the payables
 * it holds (issue 12), as a member's page shows it: cards masked for the
 * roles that do not see identities. pending false: nothing waits. */
#define HZ_CARD_HELD_MAX 16
typedef struct {
    bool pending;
    char old_card[24], old_bank[HZ_NAME_MAX], new_card[24], new_bank[HZ_NAME_MAX];
    char via[16], changed_by[64], changed_at[24];
    int n_held; /* payables held for the change, at most HZ_CARD_HELD_MAX listed */
    struct {
        char payable_no[24], purpose[64];
        hz_fen owed;
    } held[HZ_CARD_HELD_MAX];
} hz_card_pending;

/* Membership statistics of an organisation subtree (the seed's figures). */
typedef struct {
    int64_t orgs, units, members, newform, women, model_workers, hardship, covered;
} hz_org_stats;

#endif
