/* Plan validation, premium and enrollment eligibility (plans.md). */
#include "core/plan.h"

#include <string.h>

hz_err hz_plan_validate(const hz_plan *p, hz_errinfo *e) {
    if (!p->code[0]) return hz_fail(e, HZ_EINVAL, "code: 计划代码为空 (empty plan code)");
    if (!p->name[0]) return hz_fail(e, HZ_EINVAL, "name: 计划名称为空 (empty plan name)");
    if (p->premium_per_share <= 0) return hz_fail(e, HZ_EINVAL, "premium_per_share: 必须大于0 (must be > 0)");
    if (p->min_shares < 1 || p->max_shares < p->min_shares || p->max_shares > 100)
        return hz_fail(e, HZ_EINVAL, "shares: 份数范围无效 (need 1 <= min <= max <= 100)");
    if (p->n_terms < 1) return hz_fail(e, HZ_EINVAL, "terms: 至少一个期限 (at least one term)");
    for (int i = 0; i < p->n_terms; i++)
        if (p->terms[i] < 1 || p->terms[i] > 120)
            return hz_fail(e, HZ_EINVAL, "terms: 期限应为1至120个月 (term must be 1..120 months)");
    if (p->age_min < 0 || p->age_max < p->age_min || p->age_max > 120)
        return hz_fail(e, HZ_EINVAL, "age: 年龄范围无效 (need 0 <= min <= max <= 120)");
    if (p->waiting_days < 0 || p->waiting_days > 365)
        return hz_fail(e, HZ_EINVAL, "waiting_days: 应为0至365 (must be 0..365)");
    if (p->n_benefits < 1) return hz_fail(e, HZ_EINVAL, "benefits: 至少一项给付 (at least one benefit)");
    for (int i = 0; i < p->n_benefits; i++) {
        const hz_benefit *b = &p->benefits[i];
        for (int j = 0; j < i; j++)
            if (strcmp(p->benefits[j].component, b->component) == 0)
                return hz_fail(e, HZ_EINVAL, "benefits[%d].component: 重复的 %s (duplicate component)", i, b->component);
        if (b->cap < 0) return hz_fail(e, HZ_EINVAL, "benefits[%d].cap: 不能为负 (negative cap)", i);
        switch (b->kind) {
        case HZ_BEN_INPATIENT:
            if (b->ratio_pct < 1 || b->ratio_pct > 100 || b->favoured_ratio_pct < 1 || b->favoured_ratio_pct > 100)
                return hz_fail(e, HZ_EINVAL, "benefits[%d].ratio_pct: 应为1至100 (must be 1..100)", i);
            if (b->deductible_first < 0 || b->deductible_later < 0 || b->hardship_deductible_first < 0 ||
                b->hardship_deductible_later < 0)
                return hz_fail(e, HZ_EINVAL, "benefits[%d].deductible: 不能为负 (negative deductible)", i);
            break;
        case HZ_BEN_LUMP_SUM:
            if (b->n_tiers < 1) return hz_fail(e, HZ_EINVAL, "benefits[%d].tiers: 至少一档 (at least one tier)", i);
            for (int t = 0; t < b->n_tiers; t++) {
                if (b->tiers[t].pct < 1 || b->tiers[t].pct > 100)
                    return hz_fail(e, HZ_EINVAL, "benefits[%d].tiers[%d].pct: 应为1至100 (must be 1..100)", i, t);
                if (t > 0 && b->tiers[t].pct >= b->tiers[t - 1].pct)
                    return hz_fail(e, HZ_EINVAL, "benefits[%d].tiers: 应按比例从高到低 (highest pct first)", i);
            }
            __attribute__((fallthrough)); /* sums are checked below */
        case HZ_BEN_ACCIDENT_LUMP:
            if (b->sum <= 0) return hz_fail(e, HZ_EINVAL, "benefits[%d].sum_per_share: 必须大于0 (must be > 0)", i);
            break;
        case HZ_BEN_ACCIDENT_MEDICAL:
            if (b->pct < 1 || b->pct > 100) return hz_fail(e, HZ_EINVAL, "benefits[%d].pct: 应为1至100 (must be 1..100)", i);
            if (b->deductible < 0) return hz_fail(e, HZ_EINVAL, "benefits[%d].deductible: 不能为负 (negative)", i);
            break;
        case HZ_BEN_ALLOWANCE:
            if (b->per_day <= 0) return hz_fail(e, HZ_EINVAL, "benefits[%d].per_day_per_share: 必须大于0 (must be > 0)", i);
            if (b->from_day < 1 || b->from_day > 365)
                return hz_fail(e, HZ_EINVAL, "benefits[%d].from_day: 应为1至365 (must be 1..365)", i);
            break;
        }
    }
    return HZ_OK;
}

hz_err hz_plan_premium(const hz_plan *p, int shares, int months, hz_fen *out, hz_errinfo *e) {
    hz_fen per;
    if (!hz_money_mul(p->premium_per_share, shares, &per) || !hz_money_ratio(per, months, 12, out))
        return hz_fail(e, HZ_EINVAL, "premium: 金额溢出 (overflow)");
    return HZ_OK;
}

hz_err hz_plan_check_enroll(const hz_plan *p, int shares, int months, hz_date start, hz_date birth, char sex,
                            bool newform_on_start, hz_errinfo *e) {
    if (shares < p->min_shares || shares > p->max_shares)
        return hz_fail(e, HZ_EINVAL, "shares: %s 计划份数应为 %d 至 %d 份 (shares must be %d..%d)", p->code, p->min_shares,
                       p->max_shares, p->min_shares, p->max_shares);
    bool term_ok = false;
    for (int i = 0; i < p->n_terms; i++) term_ok |= p->terms[i] == months;
    if (!term_ok) return hz_fail(e, HZ_EINVAL, "months: %s 计划不提供 %d 个月的期限 (term not offered)", p->code, months);
    int age = hz_date_age(birth, start);
    if (age < p->age_min || age > p->age_max)
        return hz_fail(e, HZ_EINVAL, "age: 起保日年龄 %d 岁, %s 计划要求 %d 至 %d 岁 (NOT_ELIGIBLE_AGE)", age, p->code,
                       p->age_min, p->age_max);
    if (p->sex && p->sex != sex)
        return hz_fail(e, HZ_EINVAL, "sex: %s 计划仅限%s (NOT_ELIGIBLE_SEX)", p->code, p->sex == 'F' ? "女性" : "男性");
    if (p->requires_newform && !newform_on_start)
        return hz_fail(e, HZ_EINVAL, "category: %s 计划仅限新就业形态劳动者 (requires the newform flag)", p->code);
    return HZ_OK;
}

const hz_benefit *hz_plan_benefit(const hz_plan *p, hz_benefit_kind kind) {
    for (int i = 0; i < p->n_benefits; i++)
        if (p->benefits[i].kind == kind) return &p->benefits[i];
    return NULL;
}
