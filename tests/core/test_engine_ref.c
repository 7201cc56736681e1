/* The engine against a kept reference: src/core/engine.c and benefit.c as
 * they were before any P7 work (commit 6a493d0^: every explanation through
 * glibc's snprintf, money through snprintf's "%s%llu.%02llu", the policy
 * year by calendar arithmetic, ICD lists matched with strlen/strncmp), copied
 * here verbatim but for the ref_ names. Random members, coverages (renewal
 * chains, odd starts, every term), plans (the catalogue's and random
 * variants of them: caps, deductibles, ratios, ages, sex, waiting days, tier
 * names, benefit order), ledgers carried from claim to claim, events and
 * diagnoses go through both; every line field, every explanation byte, the
 * error codes and messages and the ledgers after each claim must be the
 * same. The reference is the oracle of any later speed work on the engine:
 * change it only when a rule of plans.md changes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/benefit.h"
#include "core/engine.h"
#include "core/flag.h"
#include "core/text.h"
#include "io/catalogue.h"
#include "io/gen.h"

/* ---- the reference: hz_money_format and the ICD matching as they were ---- */

static char *ref_money(hz_fen v, char *buf) {
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    snprintf(buf, HZ_MONEY_BUF, "%s%llu.%02llu", v < 0 ? "-" : "", (unsigned long long)(u / 100),
             (unsigned long long)(u % 100));
    return buf;
}
#define M(v, buf) ref_money((v), (buf))

static bool ref_item_holds(const hz_icd_item *it, const char *code, size_t code_len) {
    size_t nl = strlen(it->lo), nh = strlen(it->hi);
    if (code_len < nl || code_len < nh) return false;
    return strncmp(code, it->lo, nl) >= 0 && strncmp(code, it->hi, nh) <= 0;
}

static bool ref_icd_list_match(const hz_icd_list *l, const char *code) {
    size_t n = strlen(code);
    for (int i = 0; i < l->n; i++) {
        const hz_icd_item *it = &l->items[i];
        if (it->except || !ref_item_holds(it, code, n)) continue;
        bool excluded = false;
        for (int j = 0; j < l->n; j++)
            if (l->items[j].except && l->items[j].group == it->group && ref_item_holds(&l->items[j], code, n)) {
                excluded = true;
                break;
            }
        if (!excluded) return true;
    }
    return false;
}

static bool ref_icd_is_accident(const char *code) {
    if (strlen(code) < 3) return false;
    char c = code[0];
    int num = (code[1] - '0') * 10 + (code[2] - '0');
    if (c == 'S') return true;
    if (c == 'T') return num <= 98;
    if (c == 'V') return num >= 1;
    if (c == 'W' || c == 'X') return true;
    if (c == 'Y') return num <= 98;
    return false;
}

/* ---- benefit.c at 6a493d0^ ---- */

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
            if (ref_icd_list_match(&b->tiers[t].list, ev->diag[d])) {
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

static hz_err ref_benefit_pay(const hz_benefit_input *in, hz_ledger_entry *led, hz_claim_line *l, hz_errinfo *e) {
    switch (in->b->kind) {
    case HZ_BEN_INPATIENT: return pay_inpatient(in, led, l, e);
    case HZ_BEN_LUMP_SUM: return pay_lump(in, led, l, e);
    case HZ_BEN_ACCIDENT_LUMP: return pay_accident_lump(in, led, l, e);
    case HZ_BEN_ACCIDENT_MEDICAL: return pay_accident_medical(in, led, l, e);
    case HZ_BEN_ALLOWANCE: return pay_allowance(in, led, l, e);
    }
    return hz_fail(e, HZ_EINTERNAL, "未知给付类型 (unknown benefit kind)");
}


/* ---- engine.c at 6a493d0^ ---- */

static int ref_period(hz_date start, hz_date d) {
    int k = 0;
    while (k < 100 && hz_date_add_months(start, 12 * (k + 1)) <= d) k++;
    return k;
}
static hz_ledger_entry *ref_ledger_get(hz_eng_coverage *c, int period, const char *component) {
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
    bool accident = ev->accident || (ev->n_diag > 0 && ref_icd_is_accident(ev->diag[0]));
    l->period = ref_period(c->start, ev->date);
    if (ev->refunded) {
        zero_line(l, HZ_R_REFUNDED, "医保结算已退费 (the settlement was refunded)");
        return HZ_OK;
    }
    int age = hz_date_age(m->birth, c->start);
    if (age < p->age_min || age > p->age_max) {
        snprintf(l->explain, sizeof l->explain, "起保日 %s 年龄 %d 岁, 不在 %d-%d 岁之间", hz_date_format(c->start, b1),
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
        snprintf(l->explain, sizeof l->explain, "%s 计划不对%s%s给付", p->code, accident ? "意外" : "疾病",
                 event_word(ev->kind));
        l->reason = reason;
        return HZ_OK;
    }
    hz_strlcpy(l->component, b->component, sizeof l->component);
    if (!accident && !c->continuous && p->waiting_days > 0 && ev->date < c->start + p->waiting_days) {
        snprintf(l->explain, sizeof l->explain, "%s %s 在观察期内 (起保 %s + %d 天)", event_word(ev->kind),
                 hz_date_format(ev->date, b1), hz_date_format(c->start, b2), p->waiting_days);
        l->reason = HZ_R_WAITING;
        return HZ_OK;
    }
    hz_ledger_entry *led = ref_ledger_get(c, l->period, b->component);
    if (!led) return hz_fail(e, HZ_EINVAL, "coverage %lld: 台账条目过多 (ledger full)", (long long)c->coverage_id);
    hz_benefit_input in = {b, c->shares, ev, m, accident};
    return ref_benefit_pay(&in, led, l, e);
}

static hz_err ref_adjudicate(const hz_eng_member *m, hz_eng_coverage *covs, int n_covs, const hz_event *events,
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
                snprintf(l->explain, sizeof l->explain, "%s %s 不在保障期 %s 至 %s 内", event_word(ev->kind),
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

/* ---- the random claims ---- */

static hz_catalogue_entry *cat;
static int n_cat;
enum { VARIANTS = 6, MAX_PLANS = 64 };
static hz_plan plans[MAX_PLANS];
static int n_plans;

static hz_fen some_money(hz_rng *r) {
    switch (hz_rng_below(r, 10)) {
    case 0: return 0;
    case 1: return (hz_fen)hz_rng_below(r, 100);
    case 2: return (hz_fen)hz_rng_below(r, 100000);
    case 3: return (hz_fen)hz_rng_below(r, 1000000000);
    case 4: return (hz_fen)hz_rng_below(r, HZ_MONEY_MAX);
    case 5: return hz_rng_below(r, 50) ? (hz_fen)hz_rng_below(r, 10000) * 100 : INT64_MAX / 3; /* overflow now and then */
    default: return (hz_fen)hz_rng_below(r, 30000000);
    }
}

/* A catalogue plan with its numbers, limits, tier names and benefit order
 * redrawn (kept valid enough for the engine: tiers highest first). */
static void vary(hz_rng *r, hz_plan *p) {
    static const char *const names[] = {"severe", "mild", "cancer", "in_situ", "other", "危重症", "x", "abcdefghijklmno"};
    if (hz_rng_below(r, 3) == 0) {
        p->age_min = (int)hz_rng_below(r, 40);
        p->age_max = p->age_min + (int)hz_rng_below(r, 60);
    }
    p->sex = "\0FM"[hz_rng_below(r, 3)];
    p->waiting_days = hz_rng_below(r, 3) ? (int)hz_rng_below(r, 366) : 0;
    for (int i = 0; i < p->n_benefits; i++) {
        hz_benefit *b = &p->benefits[i];
        b->cap = hz_rng_below(r, 3) ? (hz_fen)hz_rng_below(r, 5000000) : 0;
        b->cap_per_share = hz_rng_below(r, 2);
        b->illness_only = hz_rng_below(r, 3) == 0;
        b->deductible_first = (hz_fen)hz_rng_below(r, 500000);
        b->deductible_later = (hz_fen)hz_rng_below(r, 500000);
        b->hardship_deductible_first = (hz_fen)hz_rng_below(r, 300000);
        b->hardship_deductible_later = (hz_fen)hz_rng_below(r, 300000);
        b->ratio_pct = 1 + (int)hz_rng_below(r, 100);
        b->favoured_ratio_pct = 1 + (int)hz_rng_below(r, 100);
        b->pct = 1 + (int)hz_rng_below(r, 100);
        b->deductible = (hz_fen)hz_rng_below(r, 100000);
        b->per_day = 1 + (hz_fen)hz_rng_below(r, 20000);
        b->from_day = 1 + (int)hz_rng_below(r, 30);
        b->sum = 1 + (hz_fen)hz_rng_below(r, 10000000);
        int pct = 100;
        for (int t = 0; t < b->n_tiers; t++) {
            pct = 1 + (int)hz_rng_below(r, (uint64_t)pct);
            b->tiers[t].pct = pct;
            if (hz_rng_below(r, 3) == 0)
                hz_strlcpy(b->tiers[t].name, names[hz_rng_below(r, 8)], sizeof b->tiers[t].name);
        }
    }
    /* another order of the benefits; now and then a second benefit of a kind */
    for (int i = p->n_benefits - 1; i > 0; i--) {
        int j = (int)hz_rng_below(r, (uint64_t)i + 1);
        hz_benefit t = p->benefits[i];
        p->benefits[i] = p->benefits[j];
        p->benefits[j] = t;
    }
    if (p->n_benefits < HZ_PLAN_MAX_BENEFITS && hz_rng_below(r, 4) == 0) {
        p->benefits[p->n_benefits] = p->benefits[hz_rng_below(r, (uint64_t)p->n_benefits)];
        hz_strlcpy(p->benefits[p->n_benefits].component, "second", sizeof p->benefits[0].component);
        p->n_benefits++;
    }
}

static int setup(void **state) {
    (void)state;
    hz_errinfo e;
    if (hz_catalogue_load_dir(HZ_SOURCE_DIR "/catalogue", &cat, &n_cat, &e) != HZ_OK) return -1;
    hz_rng r;
    hz_rng_seed(&r, 19);
    for (int i = 0; i < n_cat; i++) {
        if (cat[i].scheme) continue;
        plans[n_plans++] = cat[i].plan;
        for (int v = 0; v < VARIANTS && n_plans < MAX_PLANS; v++) {
            plans[n_plans] = cat[i].plan;
            vary(&r, &plans[n_plans++]);
        }
    }
    return n_plans > 10 ? 0 : -1;
}

static int teardown(void **state) {
    (void)state;
    hz_catalogue_free(cat, n_cat);
    return 0;
}

static hz_date some_date(hz_rng *r, int y0, int years) {
    int y = y0 + (int)hz_rng_below(r, (uint64_t)years), m = 1 + (int)hz_rng_below(r, 12);
    int d = hz_rng_below(r, 4) ? 1 + (int)hz_rng_below(r, 28) : hz_date_days_in_month(y, m); /* month ends */
    return hz_date_from_ymd(y, m, d);
}

static const char *const icd_codes[] = {
    "C54.1", "C54", "C50.9", "C34.1", "C44.3", "C44", "C97", "C98", "D05.1", "D06.9", "D07.0", "D07.3", "D39.2",
    "D32.0", "D43.9", "I21.0", "I22.9", "I23", "I63.9", "I64", "N18.5", "N18.4", "K72.0", "K72.1", "T31.2",
    "T31.3", "T31.9", "T31", "T32.0", "T98.3", "T99", "S72.0", "S06.7", "V00", "V01.1", "W19", "X59", "Y98",
    "Y99", "J18.9", "K35.8", "E11.9", "G82.1", "G82.2", "Z94.0", "C54.100x001", "D05.100X002", "A00", "R40.2"};

typedef struct {
    hz_eng_member m;
    hz_flag flags[3];
    hz_eng_coverage covs[6];
    int n_covs;
} person;

static void make_person(hz_rng *r, person *p) {
    memset(p, 0, sizeof *p);
    p->m.sex = hz_rng_below(r, 2) ? 'F' : 'M';
    p->m.birth = hz_rng_below(r, 50) ? some_date(r, hz_rng_below(r, 4) ? 1960 : 1935, hz_rng_below(r, 4) ? 45 : 85) : hz_date_from_ymd(1964 + 4 * (int)hz_rng_below(r, 10), 2, 29);
    p->m.flags = p->flags;
    p->m.n_flags = (int)hz_rng_below(r, 4);
    static const char *const kinds[] = {"hardship", "model", "newform"};
    for (int i = 0; i < p->m.n_flags; i++) {
        hz_strlcpy(p->flags[i].kind, kinds[hz_rng_below(r, 3)], sizeof p->flags[i].kind);
        hz_strlcpy(p->flags[i].level, "city", sizeof p->flags[i].level);
        p->flags[i].from = some_date(r, 2014, 18);
        p->flags[i].to = p->flags[i].from + (hz_date)hz_rng_below(r, 2000);
    }
    p->n_covs = 1 + (int)hz_rng_below(r, 6);
    hz_date base = some_date(r, 2016, 14);
    for (int i = 0; i < p->n_covs; i++) {
        hz_eng_coverage *c = &p->covs[i];
        c->coverage_id = i + 1;
        static const int months[] = {1, 6, 12, 12, 12, 24, 36, 60, 120};
        c->months = months[hz_rng_below(r, 9)];
        if (i > 0 && hz_rng_below(r, 3) == 0) { /* a renewal of the coverage before, or a gap after it */
            c->plan = p->covs[i - 1].plan;
            c->start = p->covs[i - 1].end + 1 + (hz_rng_below(r, 2) ? 0 : (hz_date)hz_rng_below(r, 90));
        } else {
            c->plan = &plans[hz_rng_below(r, (uint64_t)n_plans)];
            switch (hz_rng_below(r, 8)) {
            case 0: c->start = some_date(r, 2016, 14); break;
            case 1: c->start = hz_date_from_ymd(2024, 2, 29); break;
            case 2: case 3: c->start = base; break;
            default: c->start = base + (hz_date)hz_rng_below(r, 400) - 200; break;
            }
        }
        c->end = hz_date_term_end(c->start, c->months);
        c->shares = 1 + (int)hz_rng_below(r, 5);
        c->continuous = hz_rng_below(r, 3) == 0;
        /* a ledger as stored by earlier claims */
        int n = (int)hz_rng_below(r, 4);
        for (int k = 0; k < n; k++) {
            hz_ledger_entry *l = &c->ledger[c->n_ledger++];
            l->period = (int)hz_rng_below(r, 3);
            const hz_plan *pl = c->plan;
            hz_strlcpy(l->component, hz_rng_below(r, 5) ? pl->benefits[hz_rng_below(r, (uint64_t)pl->n_benefits)].component : "main",
                       sizeof l->component);
            l->stays = (int64_t)hz_rng_below(r, 4);
            l->first_borne = (int)hz_rng_below(r, 2);
            l->paid = (hz_fen)hz_rng_below(r, 3000000);
            l->lump_pct = hz_rng_below(r, 2) ? 0 : (int)hz_rng_below(r, 101);
        }
    }
}

static void make_event(hz_rng *r, const person *p, hz_event *e) {
    memset(e, 0, sizeof *e);
    int kind = (int)hz_rng_below(r, 10);
    e->kind = kind < 6 ? HZ_EV_STAY : kind < 8 ? HZ_EV_DIAGNOSIS : kind == 8 ? HZ_EV_DEATH : HZ_EV_DISABILITY;
    const hz_eng_coverage *c = &p->covs[hz_rng_below(r, (uint64_t)p->n_covs)];
    switch (hz_rng_below(r, 10)) { /* around a coverage: before, in, on the edges, after */
    case 0: e->date = c->start - 1 - (hz_date)hz_rng_below(r, 400); break;
    case 1: e->date = c->start; break;
    case 2: e->date = c->end + (hz_date)hz_rng_below(r, 2); break;
    case 3: e->date = c->end + 1 + (hz_date)hz_rng_below(r, 800); break;
    default: e->date = c->start + (hz_date)hz_rng_below(r, (uint64_t)(c->end - c->start + 1)); break;
    }
    if (e->kind == HZ_EV_STAY)
        e->discharge = hz_rng_below(r, 40) ? e->date + (hz_date)hz_rng_below(r, 60) : hz_rng_below(r, 2) ? HZ_DATE_NONE : e->date - 1;
    else
        e->discharge = HZ_DATE_NONE;
    e->accident = hz_rng_below(r, 5) == 0;
    e->refunded = hz_rng_below(r, 20) == 0;
    e->disability_grade = hz_rng_below(r, 30) ? 1 + (int)hz_rng_below(r, 10) : (int)hz_rng_below(r, 2) * 11;
    e->n_diag = (int)hz_rng_below(r, 20) ? 1 + (int)hz_rng_below(r, 4) : 0;
    for (int d = 0; d < e->n_diag; d++)
        hz_icd_normalize(icd_codes[hz_rng_below(r, sizeof icd_codes / sizeof icd_codes[0])], e->diag[d], NULL);
    e->medfee_sumamt = some_money(r);
    e->fund_pay_sumamt = hz_rng_below(r, 10) ? e->medfee_sumamt / 100 * (hz_fen)hz_rng_below(r, 100) : some_money(r);
    e->psn_selfpay = hz_rng_below(r, 10) ? (e->medfee_sumamt - e->fund_pay_sumamt) / 100 * (hz_fen)hz_rng_below(r, 101)
                                         : some_money(r);
}

static void same_line(uint64_t seed, int k, int i, const hz_claim_line *a, const hz_claim_line *b) {
    const char *ra = a->reason ? a->reason : "(null)", *rb = b->reason ? b->reason : "(null)";
    if (a->event != b->event || a->coverage != b->coverage || strcmp(a->plan_code, b->plan_code) ||
        strcmp(a->component, b->component) || a->period != b->period || a->amount != b->amount ||
        a->lump_pct != b->lump_pct || a->counted_stay != b->counted_stay || a->first_stay != b->first_stay ||
        strcmp(ra, rb) || strcmp(a->explain, b->explain))
        fail_msg("seed %llu claim %d line %d:\n engine    %d/%d %s %s p%d %lld %d%% %d%d %s [%s]\n reference %d/%d %s %s "
                 "p%d %lld %d%% %d%d %s [%s]",
                 (unsigned long long)seed, k, i, a->event, a->coverage, a->plan_code, a->component, a->period,
                 (long long)a->amount, a->lump_pct, a->counted_stay, a->first_stay, ra, a->explain, b->event,
                 b->coverage, b->plan_code, b->component, b->period, (long long)b->amount, b->lump_pct,
                 b->counted_stay, b->first_stay, rb, b->explain);
}

static void same_ledgers(uint64_t seed, int k, const person *a, const person *b) {
    for (int i = 0; i < a->n_covs; i++) {
        const hz_eng_coverage *x = &a->covs[i], *y = &b->covs[i];
        if (x->n_ledger != y->n_ledger) fail_msg("seed %llu claim %d: coverage %d ledger size", (unsigned long long)seed, k, i);
        for (int j = 0; j < x->n_ledger; j++) {
            const hz_ledger_entry *l = &x->ledger[j], *m = &y->ledger[j];
            if (l->period != m->period || strcmp(l->component, m->component) || l->stays != m->stays ||
                l->first_borne != m->first_borne || l->paid != m->paid || l->lump_pct != m->lump_pct)
                fail_msg("seed %llu claim %d: coverage %d ledger %d differs", (unsigned long long)seed, k, i, j);
        }
    }
}

enum { SEQUENCES = 20000 };
static uint64_t lines_seen, explain_bytes, errors_seen, capped_seen;
static const char *const reasons[] = {HZ_R_OK,    HZ_R_CAPPED,       HZ_R_WAITING,    HZ_R_NOT_IN_TERM,
                                      HZ_R_SEX,   HZ_R_AGE,          HZ_R_NOT_LISTED, HZ_R_ALREADY_PAID,
                                      HZ_R_BELOW, HZ_R_NOT_ACCIDENT, HZ_R_REFUNDED};
enum { N_REASONS = sizeof reasons / sizeof reasons[0] };
static uint64_t reason_seen[N_REASONS];

static void run_sequence(uint64_t seed) {
    hz_rng r;
    hz_rng_seed(&r, seed);
    person a, b;
    make_person(&r, &a);
    b = a;
    b.m.flags = b.flags;
    int n_claims = 1 + (int)hz_rng_below(&r, 8);
    for (int k = 0; k < n_claims; k++) {
        hz_event ev[8];
        int n_ev = (int)hz_rng_below(&r, 30) ? 1 + (int)hz_rng_below(&r, 5) : hz_rng_below(&r, 2) ? 0 : 8;
        for (int i = 0; i < n_ev; i++) make_event(&r, &a, &ev[i]);
        int max_lines = hz_rng_below(&r, 40) ? 48 : (int)hz_rng_below(&r, 6);
        hz_claim_line got[48], want[48];
        memset(got, 0xA5, sizeof got);
        memset(want, 0x5A, sizeof want);
        int n_got = -1, n_want = -2;
        hz_errinfo eg, ew;
        memset(&eg, 0, sizeof eg);
        memset(&ew, 0, sizeof ew);
        hz_err rg = hz_engine_adjudicate(&a.m, a.covs, a.n_covs, ev, n_ev, got, max_lines, &n_got, &eg);
        hz_err rw = ref_adjudicate(&b.m, b.covs, b.n_covs, ev, n_ev, want, max_lines, &n_want, &ew);
        if (rg != rw || n_got != n_want)
            fail_msg("seed %llu claim %d: engine rc %d, %d lines; reference rc %d, %d lines", (unsigned long long)seed,
                     k, rg, n_got, rw, n_want);
        errors_seen += rg != HZ_OK;
        if (rg && strcmp(eg.msg, ew.msg))
            fail_msg("seed %llu claim %d: engine [%s] reference [%s]", (unsigned long long)seed, k, eg.msg, ew.msg);
        for (int i = 0; i < n_got; i++) {
            same_line(seed, k, i, &got[i], &want[i]);
            explain_bytes += strlen(got[i].explain);
            for (int j = 0; j < N_REASONS; j++) reason_seen[j] += got[i].reason && !strcmp(got[i].reason, reasons[j]);
            capped_seen += strstr(got[i].explain, "; ") != NULL;
        }
        lines_seen += (uint64_t)n_got;
        same_ledgers(seed, k, &a, &b);
    }
}

static void test_engine_matches_reference(void **state) {
    (void)state;
    for (uint64_t seed = 1; seed <= SEQUENCES; seed++) run_sequence(seed);
    /* the sequences reach every kind of line */
    print_message("%llu lines, %llu explanation bytes, %llu errors, %llu appended notes compared\n",
                  (unsigned long long)lines_seen, (unsigned long long)explain_bytes, (unsigned long long)errors_seen,
                  (unsigned long long)capped_seen);
    assert_true(lines_seen > 100000);
    assert_true(errors_seen > 100);
    assert_true(capped_seen > 1000);
    for (int j = 0; j < N_REASONS; j++) {
        print_message("  %-22s %llu\n", reasons[j], (unsigned long long)reason_seen[j]);
        assert_true(reason_seen[j] > 500);
    }
}

/* The worked example of plans.md through both. */
static void test_worked_example(void **state) {
    (void)state;
    const char *codes[3] = {"ZY", "ZJ", "NG"};
    person a;
    memset(&a, 0, sizeof a);
    a.m.sex = 'F';
    a.m.birth = hz_date_from_ymd(1975, 3, 8);
    a.n_covs = 3;
    for (int i = 0; i < 3; i++) {
        for (int j = 0; j < n_cat; j++)
            if (!cat[j].scheme && !strcmp(cat[j].code, codes[i])) a.covs[i].plan = &cat[j].plan;
        assert_non_null(a.covs[i].plan);
        a.covs[i].coverage_id = i + 1;
        a.covs[i].shares = 1;
        a.covs[i].start = hz_date_from_ymd(2019, 1, 1);
        a.covs[i].months = 12;
        a.covs[i].end = hz_date_term_end(a.covs[i].start, 12);
    }
    person b = a;
    hz_event ev[2];
    memset(ev, 0, sizeof ev);
    for (int i = 0; i < 2; i++) {
        ev[i].kind = HZ_EV_STAY;
        ev[i].n_diag = 1;
        hz_icd_normalize("C54.1", ev[i].diag[0], NULL);
    }
    ev[0].date = hz_date_from_ymd(2019, 5, 6);
    ev[0].discharge = hz_date_from_ymd(2019, 5, 20);
    ev[0].psn_selfpay = 2435000;
    ev[1].date = hz_date_from_ymd(2019, 7, 1);
    ev[1].discharge = hz_date_from_ymd(2019, 7, 12);
    ev[1].psn_selfpay = 1310500;
    hz_claim_line got[16], want[16];
    int ng, nw;
    hz_errinfo e;
    assert_int_equal(hz_engine_adjudicate(&a.m, a.covs, 3, ev, 2, got, 16, &ng, &e), HZ_OK);
    assert_int_equal(ref_adjudicate(&b.m, b.covs, 3, ev, 2, want, 16, &nw, &e), HZ_OK);
    assert_int_equal(ng, 6);
    assert_int_equal(nw, 6);
    hz_fen total = 0;
    for (int i = 0; i < 6; i++) {
        same_line(0, 0, i, &got[i], &want[i]);
        total += got[i].amount;
    }
    assert_int_equal(total, 2710100);
    assert_string_equal(got[0].explain, "(24350.00 - 1300.00) x 20% = 4610.00");
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_worked_example),
                                       cmocka_unit_test(test_engine_matches_reference)};
    return cmocka_run_group_tests(tests, setup, teardown);
}
