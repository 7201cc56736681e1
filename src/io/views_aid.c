/* JSON views of the aid modules' objects (io/views_aid.h). */
#include "io/views_aid.h"

#include <stdio.h>

#include "core/idcard.h"

json_t *hz_view_lm(const hz_lm_subsidy *s, bool mask) {
    char id[19];
    if (mask)
        hz_id_mask(s->id_number, id);
    else
        snprintf(id, sizeof id, "%s", s->id_number);
    json_t *o =
        json_pack("{s:s, s:s, s:s, s:o, s:s, s:s, s:s}", "no", s->subsidy_no, "id_number", id, "setl_id", s->setl_id,
                  "amount", hz_json_money(s->amount), "reason", s->reason, "explain", s->explain, "status", s->status);
    char name[HZ_NAME_MAX];
    if (mask) hz_relief_mask_name(s->name, name, sizeof name);
    else snprintf(name, sizeof name, "%s", s->name);
    json_object_set_new(o, "name", json_string(name));
    json_object_set_new(o, "year", json_integer(s->year));
    json_object_set_new(o, "level", json_string(s->level));
    json_object_set_new(o, "psn_selfpay", hz_json_money(s->psn_selfpay));
    json_object_set_new(o, "huzhu_paid", hz_json_money(s->huzhu_paid));
    json_object_set_new(o, "burden", hz_json_money(s->burden));
    json_object_set_new(o, "pct", json_integer(s->pct));
    json_object_set_new(o, "reject_reason", hz_json_opt_str(s->reject_reason));
    json_object_set_new(o, "bank_failure", hz_json_opt_str(s->bank_failure));
    json_object_set_new(o, "created_at", hz_json_opt_str(s->created_at));
    json_object_set_new(o, "decided_at", hz_json_opt_str(s->decided_at));
    json_object_set_new(o, "decided_by", hz_json_opt_str(s->decided_by));
    json_object_set_new(o, "paid_at", hz_json_opt_str(s->paid_at));
    return o;
}

json_t *hz_view_relief_grant(const hz_relief_grant *g, bool mask) {
    char id[19], name[64], sid[19], sname[64];
    if (mask) {
        hz_id_mask(g->id_number, id);
        hz_relief_mask_name(g->name, name, sizeof name);
        /* the student is masked like the parent: a child's name is no less personal */
        hz_relief_mask_name(g->student_name, sname, sizeof sname);
        if (g->student_id_number[0])
            hz_id_mask(g->student_id_number, sid);
        else
            sid[0] = '\0';
    } else {
        snprintf(id, sizeof id, "%s", g->id_number);
        snprintf(name, sizeof name, "%s", g->name);
        snprintf(sid, sizeof sid, "%s", g->student_id_number);
        snprintf(sname, sizeof sname, "%s", g->student_name);
    }
    json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:o, s:s}", "no", g->grant_no, "program", g->program_code, "id_number",
                          id, "name", name, "amount", hz_json_money(g->amount), "status", g->status);
    json_object_set_new(o, "burden", g->burden ? hz_json_money(g->burden) : json_null());
    json_object_set_new(o, "student_name", hz_json_opt_str(sname));
    json_object_set_new(o, "student_id_number", hz_json_opt_str(sid));
    json_object_set_new(o, "school", hz_json_opt_str(g->school));
    json_object_set_new(o, "level", hz_json_opt_str(g->level));
    json_object_set_new(o, "reason", hz_json_opt_str(g->reason));
    json_object_set_new(o, "items", hz_json_opt_str(g->items));
    json_object_set_new(o, "date", hz_json_date(g->visit_date));
    json_object_set_new(o, "reject_reason", hz_json_opt_str(g->reject_reason));
    json_object_set_new(o, "bank_failure", hz_json_opt_str(g->bank_failure));
    json_object_set_new(o, "created_at", hz_json_opt_str(g->created_at));
    json_object_set_new(o, "decided_at", hz_json_opt_str(g->decided_at));
    json_object_set_new(o, "decided_by", hz_json_opt_str(g->decided_by));
    json_object_set_new(o, "paid_at", hz_json_opt_str(g->paid_at));
    return o;
}
