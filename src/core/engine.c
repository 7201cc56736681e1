/* Adjudication: ordering, coverage matching, eligibility and waiting
 * periods; the benefit formulas live in benefit.c. */
#include "core/engine.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/benefit.h"
#include "core/fmt.h"

int hz_engine_period(hz_date start, hz_date d) {
    /* twelve months hold at least 365 days: most events fall in the first
     * term, and this spares the calendar arithmetic (P7) */
    if (d < start + 365) return 0;
    int k = 0;
    while (k < 100 && hz_date_add_months(start, 12 * (k + 1)) <= d) k++;
    return k;
}

/* strcmp(a, b) == 0 for the few bytes of a component, without the call */
static bool same_text(const char *a, const char *b) {
    while (*a && *a == *b) a++, b++;
    return *a == *b;
}

hz_ledger_entry *hz_ledger_get(hz_eng_coverage *c, int period, const char *component) {
    for (int i = 0; i < c->n_ledger; i++)
        if (c->ledger[i].period == period && same_text(c->ledger[i].component, component)) return &c->ledger[i];
    if (c->n_ledger == HZ_ENG_MAX_LEDGER) return NULL;
    hz_ledger_entry *l = &c->ledger[c->n_ledger++];
    memset(l, 0, sizeof *l);
    l->period = period;
    for (size_t n = 0; n < sizeof l->component - 1 && component[n]; n++) l->component[n] = component[n];
    return l;
}

/* Which benefit of plan p answers event ev; NULL with *reason when none. */
static const hz_benefit *pick_benefit(const hz_plan *p, const hz_event *ev, bool accident, const char **reason) {
    /* the first benefit of each kind (hz_plan_benefit), in one pass */
    const hz_benefit *of_kind[HZ_BEN_ALLOWANCE + 1] = {NULL};
    for (int i = 0; i < p->n_benefits; i++) {
        const hz_benefit *b = &p->benefits[i];
        if ((unsigned)b->kind <= HZ_BEN_ALLOWANCE && !of_kind[b->kind]) of_kind[b->kind] = b;
    }
    const hz_benefit *acc_med = of_kind[HZ_BEN_ACCIDENT_MEDICAL];
    const hz_benefit *acc_lump = of_kind[HZ_BEN_ACCIDENT_LUMP];
    const hz_benefit *inpatient = of_kind[HZ_BEN_INPATIENT];
    const hz_benefit *lump = of_kind[HZ_BEN_LUMP_SUM];
    const hz_benefit *allowance = of_kind[HZ_BEN_ALLOWANCE];
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

static void put_event_word(hz_fmt_out *o, hz_event_kind k) {
    switch (k) {
    case HZ_EV_STAY: HZ_FMT_LIT(o, "住院"); return;
    case HZ_EV_DIAGNOSIS: HZ_FMT_LIT(o, "确诊"); return;
    case HZ_EV_DEATH: HZ_FMT_LIT(o, "身故"); return;
    case HZ_EV_DISABILITY: HZ_FMT_LIT(o, "伤残"); return;
    }
    HZ_FMT_LIT(o, "事件");
}

static void put_date(hz_fmt_out *o, hz_date d) {
    char b[HZ_DATE_BUF];
    hz_fmt_put(o, hz_date_format(d, b), HZ_DATE_BUF - 1);
}

/* A zero line whose explanation is a string literal. */
#define ZERO_LINE(l, why, text)                                   \
    do {                                                          \
        (l)->amount = 0;                                          \
        (l)->reason = (why);                                      \
        _Static_assert(sizeof(text) <= HZ_EXPLAIN_MAX, "explain"); \
        memcpy((l)->explain, text, sizeof(text));                 \
    } while (0)

/* The member's age on each coverage's start (hz_date_age), worked out once
 * per claim and coverage from the birth date split once: the calendar
 * arithmetic was a tenth of a claim (P7). */
enum { AGES_CACHED = 64 };
typedef struct {
    bool birth_split;
    int birth_y, birth_md; /* month * 32 + day */
    uint64_t known;        /* bit i: age[i] is coverage i's */
    int age[AGES_CACHED];
} age_cache;

static int age_on_start(age_cache *a, hz_date birth, const hz_eng_coverage *c, int i) {
    if (i < AGES_CACHED && (a->known >> i & 1)) return a->age[i];
    int y, m, d;
    if (!a->birth_split) {
        hz_date_to_ymd(birth, &y, &m, &d);
        a->birth_y = y;
        a->birth_md = m * 32 + d;
        a->birth_split = true;
    }
    hz_date_to_ymd(c->start, &y, &m, &d);
    int age = y - a->birth_y - (m * 32 + d < a->birth_md); /* a year less before the birthday */
    if (i < AGES_CACHED) {
        a->age[i] = age;
        a->known |= (uint64_t)1 << i;
    }
    return age;
}

/* One line for coverage c and event ev (c's term holds ev->date). */
static hz_err adjudicate_line(const hz_eng_member *m, age_cache *ages, hz_eng_coverage *c, int ci,
                              const hz_event *ev, bool accident, hz_claim_line *l, hz_errinfo *e) {
    const hz_plan *p = c->plan;
    l->period = hz_engine_period(c->start, ev->date);
    if (ev->refunded) {
        ZERO_LINE(l, HZ_R_REFUNDED, "医保结算已退费 (the settlement was refunded)");
        return HZ_OK;
    }
    hz_fmt_out o;
    hz_fmt_open(&o, l->explain, sizeof l->explain);
    int age = age_on_start(ages, m->birth, c, ci);
    if (age < p->age_min || age > p->age_max) {
        /* "起保日 %s 年龄 %d 岁, 不在 %d-%d 岁之间" */
        HZ_FMT_LIT(&o, "起保日 ");
        put_date(&o, c->start);
        HZ_FMT_LIT(&o, " 年龄 ");
        hz_fmt_int(&o, age);
        HZ_FMT_LIT(&o, " 岁, 不在 ");
        hz_fmt_int(&o, p->age_min);
        HZ_FMT_LIT(&o, "-");
        hz_fmt_int(&o, p->age_max);
        HZ_FMT_LIT(&o, " 岁之间");
        hz_fmt_close(&o);
        l->reason = HZ_R_AGE;
        return HZ_OK;
    }
    if (p->sex && p->sex != m->sex) {
        if (p->sex == 'F')
            ZERO_LINE(l, HZ_R_SEX, "本计划仅限女性 (women only)");
        else
            ZERO_LINE(l, HZ_R_SEX, "本计划仅限男性 (men only)");
        return HZ_OK;
    }
    const char *reason = NULL;
    const hz_benefit *b = pick_benefit(p, ev, accident, &reason);
    if (!b) {
        /* "%s 计划不对%s%s给付" */
        hz_fmt_str(&o, p->code);
        HZ_FMT_LIT(&o, " 计划不对");
        if (accident)
            HZ_FMT_LIT(&o, "意外");
        else
            HZ_FMT_LIT(&o, "疾病");
        put_event_word(&o, ev->kind);
        HZ_FMT_LIT(&o, "给付");
        hz_fmt_close(&o);
        l->reason = reason;
        return HZ_OK;
    }
    memcpy(l->component, b->component, sizeof l->component);
    l->component[sizeof l->component - 1] = '\0';
    if (!accident && !c->continuous && p->waiting_days > 0 && ev->date < c->start + p->waiting_days) {
        /* "%s %s 在观察期内 (起保 %s + %d 天)" */
        put_event_word(&o, ev->kind);
        HZ_FMT_LIT(&o, " ");
        put_date(&o, ev->date);
        HZ_FMT_LIT(&o, " 在观察期内 (起保 ");
        put_date(&o, c->start);
        HZ_FMT_LIT(&o, " + ");
        hz_fmt_int(&o, p->waiting_days);
        HZ_FMT_LIT(&o, " 天)");
        hz_fmt_close(&o);
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
    age_cache ages; /* age[] is read only where known says it was written */
    ages.birth_split = false;
    ages.birth_y = ages.birth_md = 0;
    ages.known = 0;
    _Static_assert(sizeof lines->plan_code == sizeof covs->plan->code, "plan code sizes");
    for (int k = 0; k < n_events; k++) {
        const hz_event *ev = &events[order[k]];
        bool accident = ev->accident || (ev->n_diag > 0 && hz_icd_is_accident(ev->diag[0]));
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
            /* everything but the explanation's 256 bytes: each path writes it */
            memset(l, 0, offsetof(hz_claim_line, explain));
            l->explain[0] = '\0';
            l->event = order[k];
            l->coverage = i;
            memcpy(l->plan_code, c->plan->code, sizeof l->plan_code);
            l->plan_code[sizeof l->plan_code - 1] = '\0';
            memcpy(l->component, "main", sizeof "main");
            if (!holds) {
                /* "%s %s 不在保障期 %s 至 %s 内" */
                hz_fmt_out o;
                hz_fmt_open(&o, l->explain, sizeof l->explain);
                put_event_word(&o, ev->kind);
                HZ_FMT_LIT(&o, " ");
                put_date(&o, ev->date);
                HZ_FMT_LIT(&o, " 不在保障期 ");
                put_date(&o, c->start);
                HZ_FMT_LIT(&o, " 至 ");
                put_date(&o, c->end);
                HZ_FMT_LIT(&o, " 内");
                hz_fmt_close(&o);
                l->reason = HZ_R_NOT_IN_TERM;
                continue;
            }
            hz_err rc = adjudicate_line(m, &ages, c, i, ev, accident, l, e);
            if (rc) return rc;
        }
    }
    return HZ_OK;
}
