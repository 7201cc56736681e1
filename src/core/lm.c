/* LM subsidy arithmetic (core/lm.h, plans.md "LM"). */
#include "core/lm.h"

#include <stdio.h>
#include <string.h>

#include "core/money.h"

int hz_lm_level_of(const char *flag_level) {
    static const char *const names[] = {"national", "provincial", "city"};
    for (int i = 0; i < 3; i++)
        if (!strcmp(flag_level, names[i])) return i;
    return -1;
}

hz_err hz_lm_compute(const hz_lm_scheme *s, hz_lm_level level, hz_fen psn_selfpay, hz_fen huzhu_paid, hz_fen cap_used,
                     hz_lm_result *out, hz_errinfo *e) {
    memset(out, 0, sizeof *out);
    if ((int)level < 0 || level > HZ_LM_CITY || psn_selfpay < 0 || huzhu_paid < 0 || cap_used < 0)
        return hz_fail(e, HZ_EINVAL, "lm: 参数无效 (invalid input)");
    char b1[HZ_MONEY_BUF], b2[HZ_MONEY_BUF], b3[HZ_MONEY_BUF], b4[HZ_MONEY_BUF];
    out->pct = s->pct[level];
    out->burden = psn_selfpay > huzhu_paid ? psn_selfpay - huzhu_paid : 0;
    out->reason = "OK";
    hz_fen raw = 0;
    if (!hz_money_pct(out->burden, out->pct, &raw)) return hz_fail(e, HZ_EINVAL, "lm: 金额溢出 (overflow)");
    snprintf(out->explain, sizeof out->explain, "(%s - %s) x %d%% = %s", hz_money_format(psn_selfpay, b1),
             hz_money_format(huzhu_paid, b2), out->pct, hz_money_format(raw, b3));
    hz_fen left = s->cap[level] > cap_used ? s->cap[level] - cap_used : 0;
    out->amount = raw;
    if (raw > left) {
        out->amount = left;
        out->reason = "CAPPED";
        size_t n = strlen(out->explain);
        snprintf(out->explain + n, sizeof out->explain - n, ", 年度上限 %s 剩余 %s, 支付 %s (yearly cap)",
                 hz_money_format(s->cap[level], b1), hz_money_format(left, b2), hz_money_format(left, b4));
    }
    return HZ_OK;
}
