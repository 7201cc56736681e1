/* Benefit formulas: inpatient ratio, lump sums, accident lump sums,
 * accident medical, daily allowance. Every amount is integer fen; every
 * percentage is applied once per line, rounded half up. */
#include "core/benefit.h"

#include <stdio.h>
#include <string.h>

#include "core/flag.h"

#define M(v, buf) hz_money_format((v), (buf))

static hz_err overflow(hz_errinfo *e) { return hz_fail(e, HZ_EINVAL, "金额溢出 (amount overflow)"); }

/* Applies the cap: amount = min(raw, cap - paid); appends the cap note. */
static hz_err apply_cap(hz_fen raw, hz_fen cap, hz_ledger_entry *led, hz_claim_line *l, hz_errinfo *e) {
    hz_fen left = cap > 0 ? cap - led->paid : raw;
    if (left < 0) left = 0;
    l->amount = raw;
    l->reason = HZ_R_OK;
    if (cap > 0 && raw > left) {
        char b1[HZ_MONEY_BUF], b2[HZ_MONEY_BUF];
        size_t n = strlen(l->explain);
        snprintf(l->explain + n, sizeof l->explain - n, "; 限额 %s 余 %s, 给付 %s (cap left)", M(cap, b1), M(left, b2),
                 M(left, b2));
        l->amount = left;
        l->reason = HZ_R_CAPPED;
    }
    if (!hz_money_add(led->paid, l->amount, &led->paid)) return overflow(e);
    return HZ_OK;
}

static hz_fen scaled_cap(const hz_benefit *b, int shares) { return b->cap_per_share ? b->cap * shares : b->cap; }

static hz_err pay_inpatient(const hz_benefit_input *in, hz_ledger_entry *led, hz_claim_line *l, hz_errinfo *e) {
    const hz_benefit *b = in->b;
    const hz_event *ev = in->ev;
    bool hardship = hz_flag_find(in->m->flags, in->m->n_flags, "hardship", ev->date) != NULL;
    bool model = hz_flag_find(in->m->flags, in->m->n_flags, "model", ev->date) != NULL;
    /* exactly one active counted stay of the term bears the first-stay
     * deductible: the first adjudicated; when its claim is rejected or
     * reversed, the next one adjudicated (plans.md ZY, decisions.md) */
    bool first = led->first_borne == 0;
    hz_fen ded = hardship ? (first ? b->hardship_deductible_first : b->hardship_deductible_later)
                          : (first ? b->deductible_first : b->deductible_later);
    int ratio = (hardship || model) ? b->favoured_ratio_pct : b->ratio_pct;
    char b1[HZ_MONEY_BUF], b2[HZ_MONEY_BUF], b3[HZ_MONEY_BUF];
    if (ev->psn_selfpay <= ded) {
        snprintf(l->explain, sizeof l->explain, "%s <= 起付线 %s = 0.00", M(ev->psn_selfpay, b1), M(ded, b2));
        l->reason = HZ_R_BELOW;
        l->counted_stay = true;
        l->first_stay = first;
        led->stays++;
        if (first) led->first_borne = 1;
        return HZ_OK;
    }
    hz_fen raw;
    if (!hz_money_pct(ev->psn_selfpay - ded, ratio, &raw)) return overflow(e);
    snprintf(l->explain, sizeof l->explain, "(%s - %s) x %d%% = %s", M(ev->psn_selfpay, b1), M(ded, b2), ratio,
             M(raw, b3));
    hz_err rc = apply_cap(raw, scaled_cap(b, in->shares), led, l, e);
    if (rc) return rc;
    if (l->amount > 0) {
        l->counted_stay = true;
        l->first_stay = first;
        led->stays++;
        if (first) led->first_borne = 1;
    }
    return HZ_OK;
}

/* "C541" -> "C54.1" for people reading the explanation. */
static void icd_display(const char *normalized, char out[HZ_ICD_MAX + 2]) {
    size_t n = strlen(normalized);
    if (n <= 3) {
        snprintf(out, HZ_ICD_MAX + 2, "%s", normalized);
        return;
    }
    snprintf(out, HZ_ICD_MAX + 2, "%.3s.%s", normalized, normalized + 3);
}

/* Chinese name of a catalogue tier ("severe" -> 重疾); the tier's own name
 * when the catalogue uses another word. */
static const char *tier_label(const char *name) {
    static const char *const map[][2] = {{"severe", "重疾"}, {"mild", "轻症"}, {"cancer", "特定癌症"}, {"in_situ", "原位癌"}};
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (!strcmp(name, map[i][0])) return map[i][1];
    return name;
}

/* Lump sums (ZJ, NG): the best tier any diagnosis reaches; a tier is a
 * level of the sum, so a later, higher tier pays the difference. */
static hz_err pay_lump(const hz_benefit_input *in, hz_ledger_entry *led, hz_claim_line *l, hz_errinfo *e) {
    const hz_benefit *b = in->b;
    const hz_event *ev = in->ev;
    const hz_lump_tier *tier = NULL;
    const char *code = NULL;
    for (int t = 0; t < b->n_tiers && !tier; t++)
        for (int d = 0; d < ev->n_diag; d++)
            if (hz_icd_list_match(&b->tiers[t].list, ev->diag[d])) {
                tier = &b->tiers[t];
                code = ev->diag[d];
                break;
            }
    if (!tier) {
        char shown[HZ_ICD_MAX + 2];
        icd_display(ev->n_diag ? ev->diag[0] : "", shown);
        snprintf(l->explain, sizeof l->explain, "诊断 %s 不在给付疾病目录内", ev->n_diag ? shown : "(无)");
        l->reason = HZ_R_NOT_LISTED;
        return HZ_OK;
    }
    hz_fen sum;
    if (!hz_money_mul(b->sum, in->shares, &sum)) return overflow(e);
    char b1[HZ_MONEY_BUF], b2[HZ_MONEY_BUF], shown[HZ_ICD_MAX + 2];
    icd_display(code, shown);
    const char *label = tier_label(tier->name);
    int pay_pct = tier->pct - led->lump_pct;
    if (pay_pct <= 0) {
        snprintf(l->explain, sizeof l->explain, "%s %s: 本期已给付 %d%%, 不再给付", shown, label, led->lump_pct);
        l->reason = HZ_R_ALREADY_PAID;
        return HZ_OK;
    }
    if (!hz_money_pct(sum, pay_pct, &l->amount)) return overflow(e);
    if (led->lump_pct)
        snprintf(l->explain, sizeof l->explain, "%s %s: %s x %d份 x (%d%% - %d%%) = %s", shown, label, M(b->sum, b1),
                 in->shares, tier->pct, led->lump_pct, M(l->amount, b2));
    else
        snprintf(l->explain, sizeof l->explain, "%s %s: %s x %d份 x %d%% = %s", shown, label, M(b->sum, b1),
                 in->shares, tier->pct, M(l->amount, b2));
    l->reason = HZ_R_OK;
    l->lump_pct = pay_pct;
    led->lump_pct = tier->pct;
    if (!hz_money_add(led->paid, l->amount, &led->paid)) return overflow(e);
    return HZ_OK;
}

/* Accident death / disability: death 100%, grade g (11 - g) x 10%; the
 * two together never pass the sum. */
static hz_err pay_accident_lump(const hz_benefit_input *in, hz_ledger_entry *led, hz_claim_line *l, hz_errinfo *e) {
    const hz_benefit *b = in->b;
    const hz_event *ev = in->ev;
    int pct;
    char what[32];
    if (ev->kind == HZ_EV_DEATH) {
        pct = 100;
        snprintf(what, sizeof what, "意外身故");
    } else {
        if (ev->disability_grade < 1 || ev->disability_grade > 10)
            return hz_fail(e, HZ_EINVAL, "disability_grade: 伤残等级应为1至10级 (grade must be 1..10)");
        pct = (11 - ev->disability_grade) * 10;
        snprintf(what, sizeof what, "伤残%d级", ev->disability_grade);
    }
    hz_fen sum;
    if (!hz_money_mul(b->sum, in->shares, &sum)) return overflow(e);
    int left = 100 - led->lump_pct;
    char b1[HZ_MONEY_BUF], b2[HZ_MONEY_BUF];
    if (left <= 0) {
        snprintf(l->explain, sizeof l->explain, "%s: 保额已全部给付 (sum used up)", what);
        l->reason = HZ_R_ALREADY_PAID;
        return HZ_OK;
    }
    int pay_pct = pct < left ? pct : left;
    if (!hz_money_pct(sum, pay_pct, &l->amount)) return overflow(e);
    snprintf(l->explain, sizeof l->explain, "%s: %s x %d份 x %d%% = %s", what, M(b->sum, b1), in->shares, pay_pct,
             M(l->amount, b2));
    l->reason = pay_pct < pct ? HZ_R_CAPPED : HZ_R_OK;
    if (pay_pct < pct) {
        size_t n = strlen(l->explain);
        snprintf(l->explain + n, sizeof l->explain - n, "; 身故与伤残合计不超过保额 (%d%% 已用)", led->lump_pct);
    }
    l->lump_pct = pay_pct;
    led->lump_pct += pay_pct;
    if (!hz_money_add(led->paid, l->amount, &led->paid)) return overflow(e);
    return HZ_OK;
}

static hz_err pay_accident_medical(const hz_benefit_input *in, hz_ledger_entry *led, hz_claim_line *l,
                                   hz_errinfo *e) {
    const hz_benefit *b = in->b;
    const hz_event *ev = in->ev;
    char b1[HZ_MONEY_BUF], b2[HZ_MONEY_BUF], b3[HZ_MONEY_BUF], b4[HZ_MONEY_BUF];
    hz_fen base = ev->medfee_sumamt - ev->fund_pay_sumamt - b->deductible;
    if (base <= 0) {
        snprintf(l->explain, sizeof l->explain, "%s - %s - %s <= 0", M(ev->medfee_sumamt, b1), M(ev->fund_pay_sumamt, b2),
                 M(b->deductible, b3));
        l->reason = HZ_R_BELOW;
        return HZ_OK;
    }
    hz_fen raw;
    if (!hz_money_pct(base, b->pct, &raw)) return overflow(e);
    snprintf(l->explain, sizeof l->explain, "(%s - %s - %s) x %d%% = %s", M(ev->medfee_sumamt, b1),
             M(ev->fund_pay_sumamt, b2), M(b->deductible, b3), b->pct, M(raw, b4));
    return apply_cap(raw, scaled_cap(b, in->shares), led, l, e);
}

static hz_err pay_allowance(const hz_benefit_input *in, hz_ledger_entry *led, hz_claim_line *l, hz_errinfo *e) {
    const hz_benefit *b = in->b;
    const hz_event *ev = in->ev;
    if (ev->discharge == HZ_DATE_NONE || ev->discharge < ev->date)
        return hz_fail(e, HZ_EINVAL, "dscg_date: 出院日期缺失或早于入院日期 (discharge missing or before admission)");
    int days = ev->discharge - ev->date;
    int paid_days = days - (b->from_day - 1);
    char b1[HZ_MONEY_BUF], b2[HZ_MONEY_BUF];
    if (paid_days <= 0) {
        snprintf(l->explain, sizeof l->explain, "住院 %d 天, 第 %d 天起给付", days, b->from_day);
        l->reason = HZ_R_BELOW;
        return HZ_OK;
    }
    hz_fen raw;
    if (!hz_money_mul(b->per_day, (int64_t)in->shares * paid_days, &raw)) return overflow(e);
    snprintf(l->explain, sizeof l->explain, "(%d - %d) 天 x %s x %d份 = %s", days, b->from_day - 1, M(b->per_day, b1),
             in->shares, M(raw, b2));
    return apply_cap(raw, scaled_cap(b, in->shares), led, l, e);
}

hz_err hz_benefit_pay(const hz_benefit_input *in, hz_ledger_entry *led, hz_claim_line *l, hz_errinfo *e) {
    switch (in->b->kind) {
    case HZ_BEN_INPATIENT: return pay_inpatient(in, led, l, e);
    case HZ_BEN_LUMP_SUM: return pay_lump(in, led, l, e);
    case HZ_BEN_ACCIDENT_LUMP: return pay_accident_lump(in, led, l, e);
    case HZ_BEN_ACCIDENT_MEDICAL: return pay_accident_medical(in, led, l, e);
    case HZ_BEN_ALLOWANCE: return pay_allowance(in, led, l, e);
    }
    return hz_fail(e, HZ_EINTERNAL, "未知给付类型 (unknown benefit kind)");
}
