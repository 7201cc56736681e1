/* A notice to a member (the notices module's outbox row), as the store
 * reads it and the views show it. */
#ifndef HZ_CORE_NOTICES_H
#define HZ_CORE_NOTICES_H

#include <stdint.h>

typedef struct {
    int64_t id;
    char notice_no[24];
    char event_key[96];
    char kind[24];   /* claim.received, claim.docs_missing, claim.approved, claim.paid, claim.rejected, ... */
    char object[48]; /* claim:NO, relief:NO, lm:NO */
    int64_t member_id;
    char id_number[19], member_name[96], phone[16];
    char title[96];
    char body[2048];   /* the whole message, Chinese text */
    char detail[4096]; /* JSON: the paid statement's lines, the reason, ... */
    char status[12];   /* pending sending sent failed skipped */
    int attempts;
    int64_t next_at_ms, lease_until_ms; /* Unix ms; 0 = none */
    char channel[12];                   /* the sender kind that delivered or skipped it */
    char last_error[256];
    char created_at[24], sent_at[24];
} hz_notice;

#endif
