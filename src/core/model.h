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

/* Membership statistics of an organisation subtree (the seed's figures). */
typedef struct {
    int64_t orgs, units, members, newform, women, model_workers, hardship, covered;
} hz_org_stats;

#endif
