/* Types of the joining module (入会, spec/README.md module 9): membership
 * applications made online by workers without a union at work, and an
 * org's standing sponsorships (赠送互助保障) given to everyone who joins it
 * within a window. */
#ifndef HZ_CORE_JOINING_H
#define HZ_CORE_JOINING_H

#include "core/date.h"
#include "core/model.h"

/* An online application (status pending, approved, rejected). */
typedef struct {
    int64_t id;
    char no[24];                 /* RH + year + id */
    char name[HZ_NAME_MAX];
    char id_number[19];
    char phone[16];
    char occupation[16];         /* a newform level: courier, delivery, ridehail, truck, other */
    int64_t org_id;              /* the joint union applied to */
    char org_code[HZ_CODE_MAX], org_name[HZ_NAME_MAX * 2], org_path[HZ_PATH_MAX];
    char status[12];
    char reason[400];            /* of a rejection */
    int64_t member_id;           /* approved: the member created */
    char created_at[24], decided_at[24], decided_by[64];
} hz_application;

/* A standing sponsorship: members created in org (or its subtree) on a day
 * in [from, to] get plan (shares, months) from that day, paid by org. */
typedef struct {
    int64_t id;
    char no[24];                 /* ZS + year + id */
    int64_t org_id;
    char org_code[HZ_CODE_MAX], org_name[HZ_NAME_MAX * 2], org_path[HZ_PATH_MAX];
    char plan_code[16];
    int shares, months;
    hz_date from, to;
    char created_at[24], created_by[64];
    int64_t granted, skipped;    /* filled by lists: coverages given, joiners not eligible */
    hz_fen premium;              /* filled by lists: what the org pays for them */
} hz_sponsorship;

#endif
