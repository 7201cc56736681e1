/* What the money journal did with one payable (a claim's, an LM subsidy's,
 * a relief grant's), in the figures a member is told: the notices and the
 * payout notice PDF word where the money went from these, never from a
 * claim's status alone (a claim can be "paid" with a total of 0.00 when a
 * refund reversed it while the bank was paying it; a claim can be "paid"
 * without a fen reaching the card when it settled what the member owed).
 * Pure: app/payables.c fills it from the journal. */
#ifndef HZ_CORE_PAYOUT_H
#define HZ_CORE_PAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/money.h"

typedef struct {
    char no[24];        /* the payable's number: the claim's, the subsidy's */
    hz_fen granted;     /* granted by the lines (or the decision) */
    hz_fen reversed;    /* taken back: a refund, a rejection */
    hz_fen to_bank;     /* paid to a card: the bank said 成功 */
    hz_fen at_bank;     /* in a batch the bank has not answered yet */
    hz_fen offset;      /* set off against what the member owed back */
    hz_fen recovered;   /* paid more than finally granted: owed back by the member */
    hz_fen member_owes; /* everything the member owes back now (all causes) */
    bool card_paid;     /* the card below is the one the bank paid or is paying; else the member's on file */
    char bank_name[96], card_masked[40], card_tail[8]; /* "" when there is no card */
    char batch_no[40];  /* the batch at the bank, when at_bank > 0 */
    char against[200];  /* what the offset settled: "理赔 LP… 多付的 1,234.00 元" */
    char why[200];      /* why money was taken back: "医保结算 S1 已退费" */
} hz_payout;

/* Still to be paid: granted - reversed - to_bank - at_bank - offset + recovered. */
hz_fen hz_payout_due(const hz_payout *p);

/* Appends to out (cap bytes, NUL-terminated) where the money went, in
 * parts joined by "; ", amounts grouped, e.g.
 *   "1,000.00 元已抵扣您应退回的款项 (理赔 LP1 多付的 1,000.00 元); 3,610.00 元已支付至工商银行 尾号 0004"
 *   "4,610.00 元已支付至工商银行 尾号 0004; 多付的 4,610.00 元需您退回"
 *   "4,610.00 元已提交银行 (批次 PB…), 待银行处理结果"
 *   "本次无款项支付"
 * Cut (never overflowing) when out is too small. */
void hz_payout_where(const hz_payout *p, char *out, size_t cap);

/* A claim line's reason code in the member's words ("未达起付线"); the
 * code itself when unknown. */
const char *hz_reason_text(const char *code);

#endif
