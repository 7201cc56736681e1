/* Adjudication: ordering, coverage matching, eligibility and waiting
 * periods; the benefit formulas live in benefit.c. */
#include "core/engine.h"

#include <string.h>

#include "core/benefit.h"
#include "core/flag.h"
#include "core/fmt.h"
#include "core/text.h"

int hz_engine_period(hz_date start, hz_date d) {
    /* twelve months hold at least 365 days: most events fall in the first
     * term, and this spares the calendar arithmetic (P7) */
    if (d < start + 365) return 0;
    int k = 0;
    while (k < 100 && hz_date_add_months(start, 12 * (k + 1)) <= d) k++;
    return k;
}

hz_ledger_entry *hz_ledger_get(hz_eng_coverage *c, int period, const char *component) {
    for (int i = 0; i < c->n_ledger; i++)
        if (c->ledger[i].period == period && strcmp(c->ledger[i].component, component) == 0) return &c->ledger[i];
    if (c->n_ledger == HZ_ENG_MAX_LEDGER) return NULL;
    hz_ledger_entry *l = &c->ledger[c->n_ledger++];
    memset(l, 0, sizeof *l);
    l->period = period;
    hz_strlcpy(l->component, component, sizeof l->component);
    return l;
}

/* Which benefit of plan p answers event ev; NULL with *reason when none. */
static const hz_benefit *pick_benefit(const hz_plan *p, const hz_event *ev, bool accident, const char **reason) {
    const hz_benefit *acc_med = hz_plan_benefit(p, HZ_BEN_ACCIDENT_MEDICAL);
    const hz_benefit *acc_lump = hz_plan_benefit(p, HZ_BEN_ACCIDENT_LUMP);
    const hz_benefit *inpatient = hz_plan_benefit(p, HZ_BEN_INPATIENT);
    const hz_benefit *lump = hz_plan_benefit(p, HZ_BEN_LUMP_SUM);
    const hz_benefit *allowance = hz_plan_benefit(p, HZ_BEN_ALLOWANCE);
    switch (ev->kind) {
    case HZ_EV_STAY:
        if (accident && acc_med) return acc_med;
        if (inpatient) return inpatient;
        if (lump) return lump;
        if (allowance && !(allowance->illness_only && accident)) return allowance;
        *reason = (acc_med || acc_lump) && !accident ? HZ_R_NOT_ACCIDENT : HZ_R_NOT_LISTED;
        return NULL;
    case HZ_EV_DIAGNOSIS:
        if (lump) return lump;
        *reason = (acc_med || acc_lump) && !accident ? HZ_R_NOT_ACCIDENT : HZ_R_NOT_LISTED;
        return NULL;
    case HZ_EV_DEATH:
    case HZ_EV_DISABILITY:
        if (acc_lump) {
            if (accident) return acc_lump;
            *reason = HZ_R_NOT_ACCIDENT;
            return NULL;
        }
        *reason = HZ_R_NOT_LISTED;
        return NULL;
    }
    *reason = HZ_R_NOT_LISTED;
    return NULL;
}

static const char *event_word(hz_event_kind k) {
    switch (k) {
    case HZ_EV_STAY: return "住院";
    case HZ_EV_DIAGNOSIS: return "确诊";
    case HZ_EV_DEATH: return "身故";
    case HZ_EV_DISABILITY: return "伤残";
    }
    return "事件";
}

static void zero_line(hz_claim_line *l, const char *reason, const char *explain) {
    l->amount = 0;
    l->reason = reason;
    hz_strlcpy(l->explain, explain, sizeof l->explain);
}

/* One line for coverage c and event ev (c's term holds ev->date). */
static hz_err adjudicate_line(const hz_eng_member *m, hz_eng_coverage *c, const hz_event *ev, hz_claim_line *l,
                              hz_errinfo *e) {
    const hz_plan *p = c->plan;
    char b1[HZ_DATE_BUF], b2[HZ_DATE_BUF];
    bool accident = ev->accident || (ev->n_diag > 0 && hz_icd_is_accident(ev->diag[0]));
    l->period = hz_engine_period(c->start, ev->date);
    if (ev->refunded) {
        zero_line(l, HZ_R_REFUNDED, "医保结算已退费 (the settlement was refunded)");
        return HZ_OK;
    }
    int age = hz_date_age(m->birth, c->start);
    if (age < p->age_min || age > p->age_max) {
        hz_fmt(l->explain, sizeof l->explain, "起保日 %s 年龄 %d 岁, 不在 %d-%d 岁之间", hz_date_format(c->start, b1),
                 age, p->age_min, p->age_max);
        l->reason = HZ_R_AGE;
        return HZ_OK;
    }
    if (p->sex && p->sex != m->sex) {
        zero_line(l, HZ_R_SEX, p->sex == 'F' ? "本计划仅限女性 (women only)" : "本计划仅限男性 (men only)");
        return HZ_OK;
    }
    const char *reason = NULL;
    const hz_benefit *b = pick_benefit(p, ev, accident, &reason);
    if (!b) {
        hz_fmt(l->explain, sizeof l->explain, "%s 计划不对%s%s给付", p->code, accident ? "意外" : "疾病",
                 event_word(ev->kind));
        l->reason = reason;
        return HZ_OK;
    }
    hz_strlcpy(l->component, b->component, sizeof l->component);
    if (!accident && !c->continuous && p->waiting_days > 0 && ev->date < c->start + p->waiting_days) {
        hz_fmt(l->explain, sizeof l->explain, "%s %s 在观察期内 (起保 %s + %d 天)", event_word(ev->kind),
                 hz_date_format(ev->date, b1), hz_date_format(c->start, b2), p->waiting_days);
        l->reason = HZ_R_WAITING;
        return HZ_OK;
    }
    hz_ledger_entry *led = hz_ledger_get(c, l->period, b->component);
    if (!led) return hz_fail(e, HZ_EINVAL, "coverage %lld: 台账条目过多 (ledger full)", (long long)c->coverage_id);
    hz_benefit_input in = {b, c->shares, ev, m, accident};
    return hz_benefit_pay(&in, led, l, e);
}

hz_err hz_engine_adjudicate(const hz_eng_member *m, hz_eng_coverage *covs, int n_covs, const hz_event *events,
                            int n_events, hz_claim_line *lines, int max_lines, int *n_lines, hz_errinfo *e) {
    *n_lines = 0;
    if (n_events > 64) return hz_fail(e, HZ_EINVAL, "一次申请最多 64 次住院或事件 (at most 64 events per claim)");
    int order[64];
    for (int i = 0; i < n_events; i++) order[i] = i;
    for (int i = 1; i < n_events; i++) /* insertion sort: stable by date */
        for (int j = i; j > 0 && events[order[j]].date < events[order[j - 1]].date; j--) {
            int t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    for (int k = 0; k < n_events; k++) {
        const hz_event *ev = &events[order[k]];
        for (int i = 0; i < n_covs; i++) {
            hz_eng_coverage *c = &covs[i];
            bool holds = c->start <= ev->date && ev->date <= c->end;
            if (!holds) {
                /* a plan with no coverage holding the event: one NOT_IN_TERM
                 * line, against the newest coverage of that plan */
                bool other_holds = false, newer = false;
                for (int j = 0; j < n_covs; j++) {
                    if (j == i || strcmp(covs[j].plan->code, c->plan->code) != 0) continue;
                    if (covs[j].start <= ev->date && ev->date <= covs[j].end) other_holds = true;
                    if (covs[j].start > c->start || (covs[j].start == c->start && j > i)) newer = true;
                }
                if (other_holds || newer) continue;
            }
            if (*n_lines == max_lines) return hz_fail(e, HZ_EINVAL, "给付明细过多 (more than %d lines)", max_lines);
            hz_claim_line *l = &lines[(*n_lines)++];
            memset(l, 0, sizeof *l);
            l->event = order[k];
            l->coverage = i;
            hz_strlcpy(l->plan_code, c->plan->code, sizeof l->plan_code);
            hz_strlcpy(l->component, "main", sizeof l->component);
            if (!holds) {
                char b1[HZ_DATE_BUF], b2[HZ_DATE_BUF], b3[HZ_DATE_BUF];
                hz_fmt(l->explain, sizeof l->explain, "%s %s 不在保障期 %s 至 %s 内", event_word(ev->kind),
                         hz_date_format(ev->date, b1), hz_date_format(c->start, b2), hz_date_format(c->end, b3));
                l->reason = HZ_R_NOT_IN_TERM;
                continue;
            }
            hz_err rc = adjudicate_line(m, c, ev, l, e);
            if (rc) return rc;
        }
    }
    return HZ_OK;
}
