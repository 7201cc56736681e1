/* JSON views of the what-if, look-back and forecast. */
#include "io/views_insight.h"

#include <stdio.h>
#include <string.h>

#include "io/views.h"

static json_t *ratio(hz_fen paid, hz_fen contributions) {
    char b[24];
    int64_t bp = hz_loss_ratio_bp(paid, contributions);
    return bp < 0 ? json_null() : json_string(hz_bp_format(bp, b));
}

static json_t *groups(const hz_whatif_groups *g, const char *key_name, bool with_ratio) {
    json_t *a = json_array();
    for (int i = 0; i < g->n; i++) {
        const hz_whatif_group *it = &g->items[i];
        json_t *o = json_pack("{s:s, s:I, s:o, s:o, s:o}", key_name, it->key, "claims", (json_int_t)it->claims,
                              "current", hz_json_money(it->current), "proposed", hz_json_money(it->proposed),
                              "difference", hz_json_money(it->proposed - it->current));
        if (strcmp(it->name, it->key)) json_object_set_new(o, "name", json_string(it->name));
        if (with_ratio) {
            json_object_set_new(o, "contributions", hz_json_money(it->contributions));
            json_object_set_new(o, "loss_ratio_current", ratio(it->current, it->contributions));
            json_object_set_new(o, "loss_ratio_proposed", ratio(it->proposed, it->contributions));
        }
        json_array_append_new(a, o);
    }
    return a;
}

json_t *hz_view_whatif(const hz_whatif_result *r) {
    char f[HZ_DATE_BUF], t[HZ_DATE_BUF];
    json_t *worse = json_array();
    for (int i = 0; i < r->n_worse; i++) {
        const hz_whatif_member *m = &r->worse[i];
        json_array_append_new(worse, json_pack("{s:s, s:s, s:s, s:o, s:o, s:o}", "id_number", m->id_number, "name",
                                               m->name, "unit", m->unit_name, "current", hz_json_money(m->current),
                                               "proposed", hz_json_money(m->proposed), "difference",
                                               hz_json_money(m->proposed - m->current)));
    }
    return json_pack("{s:I, s:o, s:o, s:o, s:o, s:o, s:I, s:o, s:s, s:s, s:s, s:o, s:o, s:o, s:o}", "claims",
                     (json_int_t)r->claims, "current", hz_json_money(r->current), "proposed",
                     hz_json_money(r->proposed), "difference", hz_json_money(r->proposed - r->current), "by_plan",
                     groups(&r->by_plan, "plan", true), "by_unit", groups(&r->by_unit, "unit", false),
                     "members_worse_off", (json_int_t)r->members_worse_off, "by_district",
                     groups(&r->by_district, "district", false), "plan", r->plan_code, "from",
                     hz_date_format(r->from, f), "to", hz_date_format(r->to, t), "contributions",
                     hz_json_money(r->contributions), "loss_ratio_current", ratio(r->current, r->contributions),
                     "loss_ratio_proposed", ratio(r->proposed, r->contributions), "worse_off", worse);
}

json_t *hz_view_lookback(const hz_lookback_result *r) {
    json_t *items = json_array(), *counts = json_object();
    for (int k = 0; k < HZ_LB_KINDS; k++)
        json_object_set_new(counts, hz_lookback_kind_key((hz_lookback_kind)k), json_integer(r->count[k]));
    for (int i = 0; i < r->n; i++) {
        const hz_lookback_item *it = &r->items[i];
        char ref[24], d[HZ_DATE_BUF];
        snprintf(ref, sizeof ref, "%lld", (long long)it->member_id);
        json_t *o = json_pack("{s:s, s:s, s:s, s:{s:s, s:s, s:s}, s:s, s:o, s:o}", "kind",
                              hz_lookback_kind_key(it->kind), "action", hz_lookback_action(it->kind), "action_label",
                              hz_lookback_action_label(it->kind), "member", "ref", ref, "id_number", it->id_number,
                              "name", it->name, "ref", it->ref, "date",
                              it->date == HZ_DATE_NONE ? json_null() : json_string(hz_date_format(it->date, d)),
                              "amount", hz_json_money(it->amount));
        if (it->kind == HZ_LB_RELIEF) json_object_set_new(o, "grant", hz_json_money(it->grant));
        if (it->level[0]) json_object_set_new(o, "level", json_string(it->level));
        json_array_append_new(items, o);
    }
    return json_pack("{s:i, s:o, s:o}", "year", r->year, "counts", counts, "items", items);
}

json_t *hz_view_forecast(const hz_forecast *f) {
    char d[HZ_DATE_BUF];
    json_t *plans = json_array();
    for (int i = 0; i < f->n_plans; i++) {
        const hz_fc_plan *p = &f->plans[i];
        json_t *factors = json_array();
        for (int k = 0; k + 1 < p->n_dev; k++) {
            char b[32];
            snprintf(b, sizeof b, "%lld.%06lld", (long long)(p->factor_ppm[k] / HZ_FC_ONE),
                     (long long)(p->factor_ppm[k] % HZ_FC_ONE));
            json_array_append_new(factors, json_string(b));
        }
        char note[256];
        const char *why = hz_fc_thin_note(p->thin, note, sizeof note);
        json_array_append_new(
            plans, json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:s, s:s, s:s?}", "plan", p->plan,
                             "contributions", hz_json_money(p->contributions), "reported", hz_json_money(p->reported),
                             "ultimate", hz_json_money(p->ultimate), "low", hz_json_money(p->low), "high",
                             hz_json_money(p->high), "loss_ratio", ratio(p->ultimate, p->contributions),
                             "loss_ratio_low", ratio(p->low, p->contributions), "loss_ratio_high",
                             ratio(p->high, p->contributions), "factors", factors, "method", "chain_ladder",
                             "reliability", hz_fc_reliability(p->thin), "reliability_note", why));
    }
    return json_pack("{s:i, s:s, s:o}", "year", f->year, "as_of", hz_date_format(f->as_of, d), "plans", plans);
}
