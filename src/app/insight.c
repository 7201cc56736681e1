/* What-if (simulate) and plan publishing. The what-if replays every claim
 * through the pure engine twice, member by member: caps only join the claims
 * of one member's coverages, so member order gives the same figures as the
 * global claim order while holding one member in memory. */
#include "app/insight.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/authz.h"
#include "app/claim_intake.h"
#include "app/claims.h"
#include "app/lists.h"
#include "app/module.h"
#include "core/engine.h"
#include "core/idcard.h"
#include "core/relief.h"
#include "core/text.h"
#include "io/catalogue.h"
#include "store/coverage.h"
#include "store/insight.h"
#include "store/registry.h"
#include "store/relief.h"

typedef struct {
    char code[24], path[256], name[128];
} district;

typedef struct {
    hz_app *app;
    const hz_plan *proposed;
    hz_whatif_result *r;
    district *districts;
    int n_districts;
    bool mask;
    hz_eng_coverage *cur, *alt;
    hz_claim_line *lines;
} sim_ctx;

static void add_district(void *vctx, const char *code, const char *path, const char *name) {
    sim_ctx *c = vctx;
    district *d = realloc(c->districts, sizeof *d * (size_t)(c->n_districts + 1));
    if (!d) return;
    c->districts = d;
    d += c->n_districts++;
    hz_strlcpy(d->code, code, sizeof d->code);
    hz_strlcpy(d->path, path, sizeof d->path);
    hz_strlcpy(d->name, name, sizeof d->name);
}

static void add_contribution(void *vctx, const char *plan_code, hz_fen amount) {
    sim_ctx *c = vctx;
    hz_whatif_group *g = hz_whatif_group_get(&c->r->by_plan, 0, plan_code, plan_code);
    if (g) g->contributions += amount;
    c->r->contributions += amount;
}

static hz_err claim_events(const hz_claim_history *h, const hz_hist_claim *cl, hz_event *events, int *n,
                           hz_errinfo *e) {
    *n = 0;
    for (int i = 0; i < cl->n_stays && *n < HZ_CLAIM_MAX_SETTLEMENTS; i++) {
        hz_err rc = hz_claims_settlement_event(&h->stays[cl->first_stay + i], cl->accident, cl->diagnosis,
                                               &events[(*n)++], e);
        if (rc) return rc;
    }
    if (*n) return HZ_OK;
    hz_event *ev = &events[(*n)++];
    memset(ev, 0, sizeof *ev);
    ev->date = cl->event_date;
    ev->discharge = HZ_DATE_NONE;
    ev->accident = cl->accident;
    ev->kind = cl->death ? HZ_EV_DEATH : cl->disability_grade ? HZ_EV_DISABILITY : HZ_EV_DIAGNOSIS;
    ev->disability_grade = cl->disability_grade;
    if (cl->diagnosis[0] && hz_icd_normalize(cl->diagnosis, ev->diag[0], e) == HZ_OK) ev->n_diag = 1;
    return HZ_OK;
}

static bool in_window(const hz_event *events, int n, hz_date from, hz_date to) {
    for (int i = 0; i < n; i++)
        if (events[i].date >= from && events[i].date <= to) return true;
    return false;
}

static const district *district_of(const sim_ctx *c, const char *org_path) {
    const district *best = NULL;
    for (int i = 0; i < c->n_districts; i++) {
        size_t l = strlen(c->districts[i].path);
        if (strncmp(org_path, c->districts[i].path, l) == 0 && (!best || l > strlen(best->path)))
            best = &c->districts[i];
    }
    return best;
}

/* Adds the window's amounts of one claim to a group, counting the claim once. */
static void add_to(hz_whatif_group *g, hz_fen cur, hz_fen alt) {
    if (!g) return;
    g->claims++;
    g->current += cur;
    g->proposed += alt;
}

static hz_err simulate_member(void *vctx, const hz_claim_history *h, hz_errinfo *e) {
    sim_ctx *c = vctx;
    hz_whatif_result *r = c->r;
    int n = 0;
    hz_err rc = HZ_OK;
    for (int i = 0; i < h->n_covs && n < HZ_CLAIM_MAX_COVERAGES; i++) {
        const hz_coverage *v = &h->covs[i];
        hz_eng_coverage *ec = &c->cur[n];
        memset(ec, 0, sizeof *ec);
        ec->coverage_id = v->id;
        ec->shares = v->shares;
        ec->start = v->start;
        ec->end = v->end;
        ec->months = v->months;
        for (int j = 0; j < h->n_covs; j++) /* continuous renewal, as claim intake decides it */
            if (j != i && !strcmp(h->covs[j].plan_code, v->plan_code) && h->covs[j].end < v->start &&
                v->start - h->covs[j].end <= HZ_CONTINUITY_DAYS)
                ec->continuous = true;
        if ((rc = hz_app_plan_by_id(c->app, v->plan_id, &ec->plan, NULL, e))) return rc;
        c->alt[n] = *ec;
        if (!strcmp(v->plan_code, c->proposed->code)) c->alt[n].plan = c->proposed;
        n++;
    }
    hz_eng_member em = {h->member.sex, h->member.birth, h->flags, h->n_flags};
    hz_fen m_cur = 0, m_alt = 0;
    bool any = false;
    const district *d = district_of(c, h->member.org_path);
    for (int k = 0; k < h->n_claims; k++) {
        hz_event events[HZ_CLAIM_MAX_SETTLEMENTS];
        int n_events, n_cur = 0, n_alt = 0;
        if ((rc = claim_events(h, &h->claims[k], events, &n_events, e))) return rc;
        bool counted = in_window(events, n_events, r->from, r->to);
        hz_fen t_cur = 0, t_alt = 0;
        /* per plan: this claim's amounts now and proposed */
        struct {
            char code[8];
            hz_fen cur, alt;
        } per[8];
        int n_per = 0;
        for (int pass = 0; pass < 2; pass++) {
            int *nl = pass ? &n_alt : &n_cur;
            if ((rc = hz_engine_adjudicate(&em, pass ? c->alt : c->cur, n, events, n_events, c->lines,
                                           HZ_CLAIM_MAX_LINES, nl, e)))
                return rc;
            if (!counted) continue;
            for (int i = 0; i < *nl; i++) {
                const hz_claim_line *l = &c->lines[i];
                int p = 0;
                while (p < n_per && strcmp(per[p].code, l->plan_code)) p++;
                if (p == n_per && n_per < 8) {
                    hz_strlcpy(per[n_per].code, l->plan_code, sizeof per[n_per].code);
                    per[n_per].cur = per[n_per].alt = 0;
                    n_per++;
                }
                if (p < n_per) *(pass ? &per[p].alt : &per[p].cur) += l->amount;
                *(pass ? &t_alt : &t_cur) += l->amount;
            }
        }
        if (!counted) continue;
        any = true;
        r->claims++;
        r->current += t_cur;
        r->proposed += t_alt;
        m_cur += t_cur;
        m_alt += t_alt;
        for (int p = 0; p < n_per; p++)
            add_to(hz_whatif_group_get(&r->by_plan, 0, per[p].code, per[p].code), per[p].cur, per[p].alt);
        add_to(hz_whatif_group_get(&r->by_unit, h->member.unit_id, h->member.unit_id ? h->member.unit_code : "",
                                   h->member.unit_id ? h->member.unit_name : "个人会员 (individual members)"),
               t_cur, t_alt);
        add_to(hz_whatif_group_get(&r->by_district, 0, d ? d->code : "",
                                   d ? d->name : "市总工会直属 (no district)"),
               t_cur, t_alt);
    }
    if (any && m_alt < m_cur) {
        hz_whatif_member w;
        memset(&w, 0, sizeof w);
        w.member_id = h->member.id;
        if (c->mask) hz_id_mask(h->member.id_number, w.id_number);
        else hz_strlcpy(w.id_number, h->member.id_number, sizeof w.id_number);
        hz_strlcpy(w.name, h->member.name, sizeof w.name);
        hz_strlcpy(w.unit_name, h->member.unit_name, sizeof w.unit_name);
        w.current = m_cur;
        w.proposed = m_alt;
        hz_whatif_offer(r, &w);
    }
    return HZ_OK;
}

static hz_err simulate(hz_app *app, const char *plan_text, hz_date from, hz_date to, bool reference,
                       hz_whatif_result *out, hz_errinfo *e) {
    memset(out, 0, sizeof *out);
    hz_err rc = hz_authz_can_do(app, "insight.simulate", e);
    if (rc) return rc;
    if (from > to) return hz_fail(e, HZ_EINVAL, "from: 起始日期晚于截止日期 (from is after to)");
    hz_catalogue_entry entry;
    if ((rc = hz_catalogue_parse(plan_text, "plan-file", &entry, e))) return rc;
    free(entry.canonical);
    if (entry.scheme)
        return hz_fail(e, HZ_EINVAL, "plan-file: scheme: 劳模补助方案不能模拟 (a scheme, not a coverage plan)");
    hz_plan_row cur;
    if ((rc = hz_store_plan_current(app->db, entry.code, &cur, e)))
        return rc == HZ_ENOTFOUND ? hz_fail(e, HZ_EINVAL, "plan-file: code: 没有计划 %s (no such plan)", entry.code)
                                  : rc;
    hz_plan *proposed = malloc(sizeof *proposed);
    sim_ctx c = {.app = app, .proposed = proposed, .r = out, .mask = !hz_authz_sees_identity(app)};
    c.cur = malloc(sizeof *c.cur * HZ_CLAIM_MAX_COVERAGES);
    c.alt = malloc(sizeof *c.alt * HZ_CLAIM_MAX_COVERAGES);
    c.lines = malloc(sizeof *c.lines * HZ_CLAIM_MAX_LINES);
    if (!proposed || !c.cur || !c.alt || !c.lines) {
        rc = hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
        goto out;
    }
    *proposed = entry.plan;
    hz_strlcpy(out->plan_code, entry.code, sizeof out->plan_code);
    out->from = from;
    out->to = to;
    hz_list_scope sc;
    hz_scope_filter(app, &sc);
    int y1, y2, mo, dd;
    hz_date_to_ymd(from, &y1, &mo, &dd);
    hz_date_to_ymd(to, &y2, &mo, &dd);
    if ((rc = hz_store_districts(app->db, add_district, &c, e)) ||
        (rc = hz_store_contributions_by_plan(app->db, &sc, hz_date_from_ymd(y1, 1, 1), hz_date_from_ymd(y2, 12, 31),
                                             add_contribution, &c, e)) ||
        (rc = (reference ? hz_store_claim_history_reference : hz_store_claim_history)(app->db, &sc, simulate_member,
                                                                                       &c, e)))
        goto out;
    hz_whatif_finish(out);
out:
    if (rc) hz_whatif_free(out);
    free(c.districts);
    free(c.cur);
    free(c.alt);
    free(c.lines);
    free(proposed);
    return rc;
}

hz_err hz_app_simulate(hz_app *app, const char *plan_text, hz_date from, hz_date to, hz_whatif_result *out,
                       hz_errinfo *e) {
    return simulate(app, plan_text, from, to, false, out, e);
}

hz_err hz_app_simulate_reference(hz_app *app, const char *plan_text, hz_date from, hz_date to,
                                 hz_whatif_result *out, hz_errinfo *e) {
    return simulate(app, plan_text, from, to, true, out, e);
}

hz_err hz_app_plan_file(hz_app *app, const char *code, char **text, int *version, hz_errinfo *e) {
    *text = NULL;
    hz_err rc = hz_authz_can_do(app, "insight.simulate", e);
    if (rc) return rc;
    hz_plan_row row;
    if ((rc = hz_store_plan_current(app->db, code, &row, e)) || (rc = hz_store_plan_params(app->db, row.id, text, &row, e)))
        return rc;
    *version = row.version;
    return HZ_OK;
}

hz_err hz_app_plan_publish(hz_app *app, const char *plan_text, const char *why, int *version, hz_errinfo *e) {
    hz_err rc = hz_authz_can_do(app, "insight.publish", e);
    if (rc) return rc;
    hz_catalogue_entry entry;
    if ((rc = hz_catalogue_parse(plan_text, "plan-file", &entry, e))) return rc;
    if ((rc = hz_db_begin(app->db, e))) goto out;
    hz_plan_row cur;
    if ((rc = hz_store_plan_current(app->db, entry.code, &cur, e))) {
        if (rc == HZ_ENOTFOUND) rc = hz_fail(e, HZ_EINVAL, "plan-file: code: 没有计划 %s (no such plan)", entry.code);
        goto fail;
    }
    if (!strcmp(cur.digest, entry.digest)) {
        rc = hz_fail(e, HZ_ECONFLICT, "计划 %s 第%d版与此文件相同 (version %d is this file already)", entry.code,
                     cur.version, cur.version);
        goto fail;
    }
    hz_plan_row row = {0};
    snprintf(row.code, sizeof row.code, "%s", entry.code);
    snprintf(row.name, sizeof row.name, "%s", entry.name);
    snprintf(row.digest, sizeof row.digest, "%s", entry.digest);
    row.version = cur.version + 1;
    if ((rc = hz_store_plan_insert(app->db, &row, entry.canonical, app->now, e))) goto fail;
    char detail[600], object[32], w[400];
    snprintf(detail, sizeof detail, "{\"version\":%d,\"digest\":\"%s\",\"why\":\"%s\"}", row.version, row.digest,
             hz_json_text(why ? why : "", 200, w, sizeof w));
    snprintf(object, sizeof object, "plan:%s", row.code);
    if ((rc = hz_audit(app, "plan.publish", object, detail, e))) goto fail;
    if ((rc = hz_db_commit(app->db, e))) goto out;
    *version = row.version;
    goto out;
fail:
    hz_db_rollback(app->db);
out:
    free(entry.canonical);
    return rc;
}

typedef struct {
    hz_lookback_result *r;
    hz_lookback_kind kind;
    bool mask;
} lb_ctx;

static hz_err add_item(void *vctx, const hz_member *m, const char *ref, hz_date date, hz_fen amount, const char *level,
                       hz_errinfo *e) {
    lb_ctx *c = vctx;
    hz_lookback_item it;
    memset(&it, 0, sizeof it);
    it.kind = c->kind;
    it.member_id = m->id;
    if (c->mask) hz_id_mask(m->id_number, it.id_number);
    else hz_strlcpy(it.id_number, m->id_number, sizeof it.id_number);
    hz_strlcpy(it.name, m->name, sizeof it.name);
    hz_strlcpy(it.ref, ref, sizeof it.ref);
    it.date = date;
    it.amount = amount;
    hz_strlcpy(it.level, level, sizeof it.level);
    return hz_lookback_add(c->r, &it) ? HZ_OK : hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
}

/* Members whose year's burden reaches the first band and who are on no
 * second-round list of that year (relief.c proposes from the same burdens). */
static hz_err relief_items(hz_app *app, lb_ctx *c, int year, hz_errinfo *e) {
    hz_relief_burden *b;
    size_t n;
    hz_err rc = hz_store_relief_burdens(app->db, year, HZ_FEN(10000), &b, &n, e);
    for (size_t i = 0; rc == HZ_OK && i < n; i++) {
        if (!hz_relief_band(b[i].burden)) continue;
        bool listed;
        hz_member m;
        hz_errinfo ignore;
        if ((rc = hz_store_second_round_listed(app->db, year, b[i].member_id, &listed, e)) || listed) continue;
        if ((rc = hz_store_member_by_id(app->db, b[i].member_id, &m, e))) break;
        if (hz_authz_member(app, &m, &ignore)) continue; /* outside the caller's scope */
        char y[8];
        snprintf(y, sizeof y, "%04d", year);
        if ((rc = add_item(c, &m, y, HZ_DATE_NONE, b[i].burden, "", e))) break;
        c->r->items[c->r->n - 1].grant = hz_relief_band(b[i].burden);
    }
    free(b);
    return rc;
}

hz_err hz_app_lookback(hz_app *app, int year, hz_lookback_result *out, hz_errinfo *e) {
    memset(out, 0, sizeof *out);
    out->year = year;
    hz_err rc = hz_authz_can_do(app, "insight.lookback", e);
    if (rc) return rc;
    hz_list_scope sc;
    hz_scope_filter(app, &sc);
    lb_ctx c = {out, HZ_LB_STAY, !hz_authz_sees_identity(app)};
    for (int k = 0; rc == HZ_OK && k < HZ_LB_KINDS; k++) {
        c.kind = (hz_lookback_kind)k;
        rc = k == HZ_LB_RELIEF ? relief_items(app, &c, year, e)
                               : hz_store_lookback(app->db, &sc, k, year, app->today, add_item, &c, e);
    }
    if (rc) hz_lookback_free(out);
    return rc;
}

/* ---- forecast ---- */

#define FC_DEV 12 /* lags followed: a stay's claim comes within a year */

typedef struct {
    hz_forecast *f;
    hz_fc_triangle *tri[HZ_FC_MAX_PLANS];
    int y0;     /* the first origin year (the year before) */
    int val;    /* the valuation month's index */
    bool full;  /* more plans than HZ_FC_MAX_PLANS */
} fc_ctx;

static int month_index(const char *ym, int y0) {
    int y = 0, m = 0;
    if (strlen(ym) < 7 || sscanf(ym, "%4d-%2d", &y, &m) != 2) return -1;
    return (y - y0) * 12 + m - 1;
}

static int fc_plan(fc_ctx *c, const char *code) {
    for (int i = 0; i < c->f->n_plans; i++)
        if (!strcmp(c->f->plans[i].plan, code)) return i;
    if (c->f->n_plans == HZ_FC_MAX_PLANS) {
        c->full = true;
        return -1;
    }
    int i = c->f->n_plans++;
    hz_strlcpy(c->f->plans[i].plan, code, sizeof c->f->plans[i].plan);
    return i;
}

static void fc_contribution(void *vctx, const char *plan_code, hz_fen amount) {
    fc_ctx *c = vctx;
    int i = fc_plan(c, plan_code);
    if (i >= 0) c->f->plans[i].contributions += amount;
}

static void fc_paid(void *vctx, const char *plan_code, const char *origin, const char *reported, hz_fen amount) {
    fc_ctx *c = vctx;
    int i = fc_plan(c, plan_code), o = month_index(origin, c->y0), r = month_index(reported, c->y0);
    if (i < 0 || !c->tri[i] || o < 0 || o >= 24) return;
    int d = r < o ? 0 : r - o;
    for (; d < FC_DEV; d++) c->tri[i]->cum[o][d] += amount;
}

hz_err hz_app_forecast(hz_app *app, int year, hz_forecast *out, hz_errinfo *e) {
    memset(out, 0, sizeof *out);
    hz_err rc = hz_authz_can_do(app, "insight.forecast", e);
    if (rc) return rc;
    out->year = year;
    out->as_of = app->today;
    int y, m, d;
    hz_date_to_ymd(app->today, &y, &m, &d);
    fc_ctx c = {.f = out, .y0 = year - 1, .val = (y - (year - 1)) * 12 + m - 1};
    for (int i = 0; i < HZ_FC_MAX_PLANS; i++)
        if (!(c.tri[i] = calloc(1, sizeof *c.tri[i]))) rc = hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    hz_list_scope sc;
    hz_scope_filter(app, &sc);
    hz_fc_estimate *est = malloc(sizeof *est);
    if (!rc && !est) rc = hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    if (!rc)
        rc = hz_store_contributions_by_plan(app->db, &sc, hz_date_from_ymd(year, 1, 1), hz_date_from_ymd(year, 12, 31),
                                            fc_contribution, &c, e);
    if (!rc) rc = hz_store_development(app->db, &sc, hz_date_from_ymd(year - 1, 1, 1), fc_paid, &c, e);
    for (int i = 0; rc == HZ_OK && i < out->n_plans; i++) {
        hz_fc_triangle *t = c.tri[i];
        hz_fc_plan *p = &out->plans[i];
        t->n_origins = 24;
        t->n_dev = FC_DEV;
        for (int o = 0; o < 24; o++) t->known[o] = c.val < o ? 0 : c.val - o + 1 > FC_DEV ? FC_DEV : c.val - o + 1;
        if ((rc = hz_fc_chain_ladder(t, est, e))) break;
        memcpy(p->factor_ppm, est->factor_ppm, sizeof p->factor_ppm);
        p->n_dev = FC_DEV;
        hz_fen ult = 0, low = 0, high = 0;
        int elapsed = 0;
        for (int o = 12; o < 24; o++) {
            if (!t->known[o]) continue;
            elapsed++;
            p->thin |= est->thin[o];
            p->reported += t->cum[o][t->known[o] - 1];
            ult += est->ultimate[o];
            low += est->low[o];
            high += est->high[o];
        }
        /* months still to come: the average month of the year so far */
        int to_come = 12 - elapsed;
        if (elapsed < HZ_FC_MIN_ORIGINS) p->thin |= HZ_FC_FEW_MONTHS;
        if (elapsed && to_come) {
            ult += (ult * to_come * 2 + elapsed) / (2 * elapsed);
            low += (low * to_come * 2 + elapsed) / (2 * elapsed);
            high += (high * to_come * 2 + elapsed) / (2 * elapsed);
        }
        p->ultimate = ult;
        p->low = low;
        p->high = high;
    }
    if (!rc && c.full) rc = hz_fail(e, HZ_EINTERNAL, "计划超过 %d 个 (more than %d plans)", HZ_FC_MAX_PLANS, HZ_FC_MAX_PLANS);
    for (int i = 0; i < HZ_FC_MAX_PLANS; i++) free(c.tri[i]);
    free(est);
    return rc;
}

static const hz_action_def insight_actions[] = {
    {"insight.simulate", " admin staff reviewer finance "},
    {"insight.publish", " admin "},
    {"insight.lookback", " admin staff reviewer cadre "},
    {"insight.forecast", " admin staff reviewer finance cadre "},
    {NULL, NULL},
};

const hz_app_module hz_app_module_insight = {.name = "insight", .actions = insight_actions};
