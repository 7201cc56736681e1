/* Benefit formulas: inpatient ratio, lump sums, accident lump sums,
 * accident medical, daily allowance. Every amount is integer fen; every
 * percentage is applied once per line, rounded half up. */
#include "core/benefit.h"

#include <string.h>

#include "core/flag.h"
#include "core/fmt.h"
#include "core/text.h"

static hz_err overflow(hz_errinfo *e) { return hz_fail(e, HZ_EINVAL, "金额溢出 (amount overflow)"); }

/* Applies the cap: amount = min(raw, cap - paid); appends the cap note. */
static hz_err apply_cap(hz_fen raw, hz_fen cap, hz_ledger_entry *led, hz_claim_line *l, hz_errinfo *e) {
    hz_fen left = cap > 0 ? cap - led->paid : raw;
    if (left < 0) left = 0;
    l->amount = raw;
    l->reason = HZ_R_OK;
    if (cap > 0 && raw > left) {
        hz_fmt_append(l->explain, sizeof l->explain, "; 限额 %m 余 %m, 给付 %m (cap left)", cap, left, left);
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
    if (ev->psn_selfpay <= ded) {
        hz_fmt(l->explain, sizeof l->explain, "%m <= 起付线 %m = 0.00", ev->psn_selfpay, ded);
        l->reason = HZ_R_BELOW;
        l->counted_stay = true;
        l->first_stay = first;
        led->stays++;
        if (first) led->first_borne = 1;
        return HZ_OK;
    }
    hz_fen raw;
    if (!hz_money_pct(ev->psn_selfpay - ded, ratio, &raw)) return overflow(e);
    hz_fmt(l->explain, sizeof l->explain, "(%m - %m) x %d%% = %m", ev->psn_selfpay, ded, ratio, raw);
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
        hz_strlcpy(out, normalized, HZ_ICD_MAX + 2);
        return;
    }
    memcpy(out, normalized, 3);
    out[3] = '.';
    hz_strlcpy(out + 4, normalized + 3, HZ_ICD_MAX + 2 - 4);
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
        hz_fmt(l->explain, sizeof l->explain, "诊断 %s 不在给付疾病目录内", ev->n_diag ? shown : "(无)");
        l->reason = HZ_R_NOT_LISTED;
        return HZ_OK;
    }
    hz_fen sum;
    if (!hz_money_mul(b->sum, in->shares, &sum)) return overflow(e);
    char shown[HZ_ICD_MAX + 2];
    icd_display(code, shown);
    const char *label = tier_label(tier->name);
    int pay_pct = tier->pct - led->lump_pct;
    if (pay_pct <= 0) {
        hz_fmt(l->explain, sizeof l->explain, "%s %s: 本期已给付 %d%%, 不再给付", shown, label, led->lump_pct);
        l->reason = HZ_R_ALREADY_PAID;
        return HZ_OK;
    }
    if (!hz_money_pct(sum, pay_pct, &l->amount)) return overflow(e);
    if (led->lump_pct)
        hz_fmt(l->explain, sizeof l->explain, "%s %s: %m x %d份 x (%d%% - %d%%) = %m", shown, label, b->sum,
               in->shares, tier->pct, led->lump_pct, l->amount);
    else
        hz_fmt(l->explain, sizeof l->explain, "%s %s: %m x %d份 x %d%% = %m", shown, label, b->sum, in->shares,
               tier->pct, l->amount);
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
        hz_strlcpy(what, "意外身故", sizeof what);
    } else {
        if (ev->disability_grade < 1 || ev->disability_grade > 10)
            return hz_fail(e, HZ_EINVAL, "disability_grade: 伤残等级应为1至10级 (grade must be 1..10)");
        pct = (11 - ev->disability_grade) * 10;
        hz_fmt(what, sizeof what, "伤残%d级", ev->disability_grade);
    }
    hz_fen sum;
    if (!hz_money_mul(b->sum, in->shares, &sum)) return overflow(e);
    int left = 100 - led->lump_pct;
    if (left <= 0) {
        hz_fmt(l->explain, sizeof l->explain, "%s: 保额已全部给付 (sum used up)", what);
        l->reason = HZ_R_ALREADY_PAID;
        return HZ_OK;
    }
    int pay_pct = pct < left ? pct : left;
    if (!hz_money_pct(sum, pay_pct, &l->amount)) return overflow(e);
    hz_fmt(l->explain, sizeof l->explain, "%s: %m x %d份 x %d%% = %m", what, b->sum, in->shares, pay_pct, l->amount);
    l->reason = pay_pct < pct ? HZ_R_CAPPED : HZ_R_OK;
    if (pay_pct < pct) {
        hz_fmt_append(l->explain, sizeof l->explain, "; 身故与伤残合计不超过保额 (%d%% 已用)", led->lump_pct);
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
    hz_fen base = ev->medfee_sumamt - ev->fund_pay_sumamt - b->deductible;
    if (base <= 0) {
        hz_fmt(l->explain, sizeof l->explain, "%m - %m - %m <= 0", ev->medfee_sumamt, ev->fund_pay_sumamt,
               b->deductible);
        l->reason = HZ_R_BELOW;
        return HZ_OK;
    }
    hz_fen raw;
    if (!hz_money_pct(base, b->pct, &raw)) return overflow(e);
    hz_fmt(l->explain, sizeof l->explain, "(%m - %m - %m) x %d%% = %m", ev->medfee_sumamt, ev->fund_pay_sumamt,
           b->deductible, b->pct, raw);
    return apply_cap(raw, scaled_cap(b, in->shares), led, l, e);
}

static hz_err pay_allowance(const hz_benefit_input *in, hz_ledger_entry *led, hz_claim_line *l, hz_errinfo *e) {
    const hz_benefit *b = in->b;
    const hz_event *ev = in->ev;
    if (ev->discharge == HZ_DATE_NONE || ev->discharge < ev->date)
        return hz_fail(e, HZ_EINVAL, "dscg_date: 出院日期缺失或早于入院日期 (discharge missing or before admission)");
    int days = ev->discharge - ev->date;
    int paid_days = days - (b->from_day - 1);
    if (paid_days <= 0) {
        hz_fmt(l->explain, sizeof l->explain, "住院 %d 天, 第 %d 天起给付", days, b->from_day);
        l->reason = HZ_R_BELOW;
        return HZ_OK;
    }
    hz_fen raw;
    if (!hz_money_mul(b->per_day, (int64_t)in->shares * paid_days, &raw)) return overflow(e);
    hz_fmt(l->explain, sizeof l->explain, "(%d - %d) 天 x %m x %d份 = %m", days, b->from_day - 1, b->per_day,
           in->shares, raw);
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
