/* Benefit formulas: inpatient ratio, lump sums, accident lump sums,
 * accident medical, daily allowance. Every amount is integer fen; every
 * percentage is applied once per line, rounded half up. */
#include "core/benefit.h"

#include <string.h>

#include "core/flag.h"
#include "core/fmt.h"

static hz_err overflow(hz_errinfo *e) { return hz_fail(e, HZ_EINVAL, "金额溢出 (amount overflow)"); }

/* Applies the cap: amount = min(raw, cap - paid); appends the cap note to
 * the explanation o is writing. */
static hz_err apply_cap(hz_fen raw, hz_fen cap, hz_ledger_entry *led, hz_claim_line *l, hz_fmt_out *o,
                        hz_errinfo *e) {
    hz_fen left = cap > 0 ? cap - led->paid : raw;
    if (left < 0) left = 0;
    l->amount = raw;
    l->reason = HZ_R_OK;
    if (cap > 0 && raw > left) {
        /* "; 限额 %m 余 %m, 给付 %m (cap left)" */
        HZ_FMT_LIT(o, "; 限额 ");
        hz_fmt_money(o, cap);
        HZ_FMT_LIT(o, " 余 ");
        hz_fmt_money(o, left);
        HZ_FMT_LIT(o, ", 给付 ");
        hz_fmt_money(o, left);
        HZ_FMT_LIT(o, " (cap left)");
        hz_fmt_close(o);
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
    hz_fmt_out o;
    hz_fmt_open(&o, l->explain, sizeof l->explain);
    if (ev->psn_selfpay <= ded) {
        /* "%m <= 起付线 %m = 0.00" */
        hz_fmt_money(&o, ev->psn_selfpay);
        HZ_FMT_LIT(&o, " <= 起付线 ");
        hz_fmt_money(&o, ded);
        HZ_FMT_LIT(&o, " = 0.00");
        hz_fmt_close(&o);
        l->reason = HZ_R_BELOW;
        l->counted_stay = true;
        l->first_stay = first;
        led->stays++;
        if (first) led->first_borne = 1;
        return HZ_OK;
    }
    hz_fen raw;
    if (!hz_money_pct(ev->psn_selfpay - ded, ratio, &raw)) return overflow(e);
    /* "(%m - %m) x %d%% = %m" */
    HZ_FMT_LIT(&o, "(");
    hz_fmt_money(&o, ev->psn_selfpay);
    HZ_FMT_LIT(&o, " - ");
    hz_fmt_money(&o, ded);
    HZ_FMT_LIT(&o, ") x ");
    hz_fmt_int(&o, ratio);
    HZ_FMT_LIT(&o, "% = ");
    hz_fmt_money(&o, raw);
    hz_fmt_close(&o);
    hz_err rc = apply_cap(raw, scaled_cap(b, in->shares), led, l, &o, e);
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
static void put_icd(hz_fmt_out *o, const char *normalized) {
    if (normalized[0] && normalized[1] && normalized[2] && normalized[3]) {
        hz_fmt_put(o, normalized, 3);
        HZ_FMT_LIT(o, ".");
        normalized += 3;
    }
    hz_fmt_str(o, normalized);
}

/* The Chinese name of a catalogue tier ("severe" -> 重疾); the tier's own
 * name when the catalogue uses another word. */
static void put_tier(hz_fmt_out *o, const char *name) {
    if (!strcmp(name, "severe"))
        HZ_FMT_LIT(o, "重疾");
    else if (!strcmp(name, "mild"))
        HZ_FMT_LIT(o, "轻症");
    else if (!strcmp(name, "cancer"))
        HZ_FMT_LIT(o, "特定癌症");
    else if (!strcmp(name, "in_situ"))
        HZ_FMT_LIT(o, "原位癌");
    else
        hz_fmt_str(o, name);
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
    hz_fmt_out o;
    hz_fmt_open(&o, l->explain, sizeof l->explain);
    if (!tier) {
        /* "诊断 %s 不在给付疾病目录内" */
        HZ_FMT_LIT(&o, "诊断 ");
        if (ev->n_diag)
            put_icd(&o, ev->diag[0]);
        else
            HZ_FMT_LIT(&o, "(无)");
        HZ_FMT_LIT(&o, " 不在给付疾病目录内");
        hz_fmt_close(&o);
        l->reason = HZ_R_NOT_LISTED;
        return HZ_OK;
    }
    hz_fen sum;
    if (!hz_money_mul(b->sum, in->shares, &sum)) return overflow(e);
    int pay_pct = tier->pct - led->lump_pct;
    if (pay_pct > 0 && !hz_money_pct(sum, pay_pct, &l->amount)) return overflow(e);
    /* "%s %s: " the code as people write it, the tier */
    put_icd(&o, code);
    HZ_FMT_LIT(&o, " ");
    put_tier(&o, tier->name);
    HZ_FMT_LIT(&o, ": ");
    if (pay_pct <= 0) {
        /* "本期已给付 %d%%, 不再给付" */
        HZ_FMT_LIT(&o, "本期已给付 ");
        hz_fmt_int(&o, led->lump_pct);
        HZ_FMT_LIT(&o, "%, 不再给付");
        hz_fmt_close(&o);
        l->reason = HZ_R_ALREADY_PAID;
        return HZ_OK;
    }
    /* "%m x %d份 x (%d%% - %d%%) = %m", or "%m x %d份 x %d%% = %m" the first time */
    hz_fmt_money(&o, b->sum);
    HZ_FMT_LIT(&o, " x ");
    hz_fmt_int(&o, in->shares);
    HZ_FMT_LIT(&o, "份 x ");
    if (led->lump_pct) {
        HZ_FMT_LIT(&o, "(");
        hz_fmt_int(&o, tier->pct);
        HZ_FMT_LIT(&o, "% - ");
        hz_fmt_int(&o, led->lump_pct);
        HZ_FMT_LIT(&o, "%)");
    } else {
        hz_fmt_int(&o, tier->pct);
        HZ_FMT_LIT(&o, "%");
    }
    HZ_FMT_LIT(&o, " = ");
    hz_fmt_money(&o, l->amount);
    hz_fmt_close(&o);
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
    bool death = ev->kind == HZ_EV_DEATH;
    if (!death && (ev->disability_grade < 1 || ev->disability_grade > 10))
        return hz_fail(e, HZ_EINVAL, "disability_grade: 伤残等级应为1至10级 (grade must be 1..10)");
    int pct = death ? 100 : (11 - ev->disability_grade) * 10;
    hz_fen sum;
    if (!hz_money_mul(b->sum, in->shares, &sum)) return overflow(e);
    int left = 100 - led->lump_pct;
    int pay_pct = pct < left ? pct : left;
    if (left > 0 && !hz_money_pct(sum, pay_pct, &l->amount)) return overflow(e);
    hz_fmt_out o;
    hz_fmt_open(&o, l->explain, sizeof l->explain);
    /* "%s: " what happened */
    if (death) {
        HZ_FMT_LIT(&o, "意外身故: ");
    } else {
        HZ_FMT_LIT(&o, "伤残");
        hz_fmt_int(&o, ev->disability_grade);
        HZ_FMT_LIT(&o, "级: ");
    }
    if (left <= 0) {
        HZ_FMT_LIT(&o, "保额已全部给付 (sum used up)");
        hz_fmt_close(&o);
        l->reason = HZ_R_ALREADY_PAID;
        return HZ_OK;
    }
    /* "%m x %d份 x %d%% = %m" */
    hz_fmt_money(&o, b->sum);
    HZ_FMT_LIT(&o, " x ");
    hz_fmt_int(&o, in->shares);
    HZ_FMT_LIT(&o, "份 x ");
    hz_fmt_int(&o, pay_pct);
    HZ_FMT_LIT(&o, "% = ");
    hz_fmt_money(&o, l->amount);
    l->reason = pay_pct < pct ? HZ_R_CAPPED : HZ_R_OK;
    if (pay_pct < pct) {
        /* "; 身故与伤残合计不超过保额 (%d%% 已用)" */
        HZ_FMT_LIT(&o, "; 身故与伤残合计不超过保额 (");
        hz_fmt_int(&o, led->lump_pct);
        HZ_FMT_LIT(&o, "% 已用)");
    }
    hz_fmt_close(&o);
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
    hz_fen raw = 0;
    if (base > 0 && !hz_money_pct(base, b->pct, &raw)) return overflow(e);
    hz_fmt_out o;
    hz_fmt_open(&o, l->explain, sizeof l->explain);
    /* "%m - %m - %m <= 0", or "(%m - %m - %m) x %d%% = %m" */
    if (base > 0) HZ_FMT_LIT(&o, "(");
    hz_fmt_money(&o, ev->medfee_sumamt);
    HZ_FMT_LIT(&o, " - ");
    hz_fmt_money(&o, ev->fund_pay_sumamt);
    HZ_FMT_LIT(&o, " - ");
    hz_fmt_money(&o, b->deductible);
    if (base <= 0) {
        HZ_FMT_LIT(&o, " <= 0");
        hz_fmt_close(&o);
        l->reason = HZ_R_BELOW;
        return HZ_OK;
    }
    HZ_FMT_LIT(&o, ") x ");
    hz_fmt_int(&o, b->pct);
    HZ_FMT_LIT(&o, "% = ");
    hz_fmt_money(&o, raw);
    hz_fmt_close(&o);
    return apply_cap(raw, scaled_cap(b, in->shares), led, l, &o, e);
}

static hz_err pay_allowance(const hz_benefit_input *in, hz_ledger_entry *led, hz_claim_line *l, hz_errinfo *e) {
    const hz_benefit *b = in->b;
    const hz_event *ev = in->ev;
    if (ev->discharge == HZ_DATE_NONE || ev->discharge < ev->date)
        return hz_fail(e, HZ_EINVAL, "dscg_date: 出院日期缺失或早于入院日期 (discharge missing or before admission)");
    int days = ev->discharge - ev->date;
    int paid_days = days - (b->from_day - 1);
    hz_fmt_out o;
    hz_fmt_open(&o, l->explain, sizeof l->explain);
    if (paid_days <= 0) {
        /* "住院 %d 天, 第 %d 天起给付" */
        HZ_FMT_LIT(&o, "住院 ");
        hz_fmt_int(&o, days);
        HZ_FMT_LIT(&o, " 天, 第 ");
        hz_fmt_int(&o, b->from_day);
        HZ_FMT_LIT(&o, " 天起给付");
        hz_fmt_close(&o);
        l->reason = HZ_R_BELOW;
        return HZ_OK;
    }
    hz_fen raw;
    if (!hz_money_mul(b->per_day, (int64_t)in->shares * paid_days, &raw)) return overflow(e);
    /* "(%d - %d) 天 x %m x %d份 = %m" */
    HZ_FMT_LIT(&o, "(");
    hz_fmt_int(&o, days);
    HZ_FMT_LIT(&o, " - ");
    hz_fmt_int(&o, b->from_day - 1);
    HZ_FMT_LIT(&o, ") 天 x ");
    hz_fmt_money(&o, b->per_day);
    HZ_FMT_LIT(&o, " x ");
    hz_fmt_int(&o, in->shares);
    HZ_FMT_LIT(&o, "份 = ");
    hz_fmt_money(&o, raw);
    hz_fmt_close(&o);
    return apply_cap(raw, scaled_cap(b, in->shares), led, l, &o, e);
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
