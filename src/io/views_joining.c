/* JSON views of the joining module (io/views_joining.h). */
#include "io/views_joining.h"

#include <stdio.h>

#include "core/flag.h"
#include "core/idcard.h"

json_t *hz_view_application(const hz_application *a, bool mask) {
    char id[19];
    if (mask) hz_id_mask(a->id_number, id);
    else snprintf(id, sizeof id, "%s", a->id_number);
    hz_flag f = {0, "newform", "", 0, 0};
    snprintf(f.level, sizeof f.level, "%s", a->occupation);
    json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "no", a->no, "status", a->status, "name",
                          a->name, "id_number", id, "phone", a->phone, "occupation", a->occupation, "occupation_label",
                          hz_flag_label(&f), "org", a->org_code, "org_name", a->org_name);
    json_object_set_new(o, "reason", hz_json_opt_str(a->reason));
    char ref[24] = "";
    if (a->member_id) snprintf(ref, sizeof ref, "%lld", (long long)a->member_id);
    json_object_set_new(o, "member_ref", hz_json_opt_str(ref));
    json_object_set_new(o, "created_at", hz_json_opt_str(a->created_at));
    json_object_set_new(o, "decided_at", hz_json_opt_str(a->decided_at));
    json_object_set_new(o, "decided_by", hz_json_opt_str(a->decided_by));
    return o;
}

json_t *hz_view_sponsorship(const hz_sponsorship *s) {
    json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:i, s:i, s:o, s:o}", "no", s->no, "org", s->org_code, "org_name",
                          s->org_name, "plan", s->plan_code, "shares", s->shares, "months", s->months, "from",
                          hz_json_date(s->from), "to", hz_json_date(s->to));
    json_object_set_new(o, "granted", json_integer(s->granted));
    json_object_set_new(o, "not_eligible", json_integer(s->skipped));
    json_object_set_new(o, "premium", hz_json_money(s->premium));
    json_object_set_new(o, "created_at", hz_json_opt_str(s->created_at));
    json_object_set_new(o, "created_by", hz_json_opt_str(s->created_by));
    return o;
}
