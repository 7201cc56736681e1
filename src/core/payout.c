/* Where a payable's money went, in words (core/payout.h). */
#include "core/payout.h"

#include "core/text.h"

#include <stdio.h>
#include <string.h>

hz_fen hz_payout_due(const hz_payout *p) {
    return p->granted - p->reversed - p->to_bank - p->at_bank - p->offset + p->recovered;
}

void hz_payout_where(const hz_payout *p, char *out, size_t cap) {
    char b[HZ_MONEY_BUF];
    size_t start = strlen(out);
    const char *sep = "";
    if (p->offset > 0) {
        hz_appendf(out, cap, "%s 元已抵扣您应退回的款项", hz_money_format_grouped(p->offset, b));
        if (p->against[0]) hz_appendf(out, cap, " (%s)", p->against);
        sep = "; ";
    }
    if (p->to_bank > 0) {
        hz_appendf(out, cap, "%s%s 元已支付至%s", sep, hz_money_format_grouped(p->to_bank, b),
            p->bank_name[0] ? p->bank_name : "您的银行卡");
        if (p->card_tail[0]) hz_appendf(out, cap, " 尾号 %s", p->card_tail);
        sep = "; ";
    }
    if (p->at_bank > 0) {
        hz_appendf(out, cap, "%s%s 元已提交银行", sep, hz_money_format_grouped(p->at_bank, b));
        if (p->batch_no[0]) hz_appendf(out, cap, " (批次 %s)", p->batch_no);
        hz_appendf(out, cap, ", 待银行处理结果");
        sep = "; ";
    }
    hz_fen due = hz_payout_due(p);
    if (due > 0) {
        hz_appendf(out, cap, "%s%s 元待支付", sep, hz_money_format_grouped(due, b));
        sep = "; ";
    }
    if (p->recovered > 0) {
        hz_appendf(out, cap, "%s多付的 %s 元需您退回", sep, hz_money_format_grouped(p->recovered, b));
        sep = "; ";
    }
    if (strlen(out) == start) hz_appendf(out, cap, "本次无款项支付");
}

const char *hz_reason_text(const char *code) {
    static const char *const map[][2] = {
        {"OK", "给付"},
        {"CAPPED", "达到限额"},
        {"WAITING", "观察期内"},
        {"NOT_IN_TERM", "不在保障期"},
        {"NOT_ELIGIBLE_SEX", "性别不符"},
        {"NOT_ELIGIBLE_AGE", "年龄不符"},
        {"DIAGNOSIS_NOT_LISTED", "非给付病种"},
        {"ALREADY_PAID", "已给付过"},
        {"BELOW_DEDUCTIBLE", "未达起付线"},
        {"NOT_ACCIDENT", "非意外事故"},
        {"DUPLICATE_SETTLEMENT", "重复结算"},
        {"REFUNDED_SETTLEMENT", "结算已退费"},
        {"MANUAL_REJECT", "审核不予给付"},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (!strcmp(map[i][0], code)) return map[i][1];
    return code;
}
