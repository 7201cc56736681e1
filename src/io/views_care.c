/* JSON views of the care activities and the service cases (io/views_care.h). */
#include "io/views_care.h"

#include <stdio.h>

#include "core/idcard.h"
#include "core/relief.h"

static void identity(const char *id_number, const char *name, bool mask, char id[19], char *nm, size_t nmsz) {
    if (mask) {
        hz_id_mask(id_number, id);
        hz_relief_mask_name(name, nm, nmsz);
    } else {
        snprintf(id, 19, "%s", id_number);
        snprintf(nm, nmsz, "%s", name);
    }
}

static json_t *date_or_null(hz_date d) {
    char b[HZ_DATE_BUF];
    return d == HZ_DATE_NONE ? json_null() : json_string(hz_date_format(d, b));
}

json_t *hz_view_activity(const hz_activity *a) {
    json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:I, s:I, s:I}", "code", a->code, "kind", a->kind,
                          "name", a->name, "org", a->org_code, "org_name", a->org_name, "from", date_or_null(a->from),
                          "to", date_or_null(a->to), "attendees", (json_int_t)a->attendees, "participants",
                          (json_int_t)a->participants, "items", (json_int_t)a->items);
    json_object_set_new(o, "capacity", a->capacity > 0 ? json_integer(a->capacity) : json_null());
    return o;
}

json_t *hz_view_activity_part(const hz_activity_part *p, bool mask) {
    char id[19], name[HZ_NAME_MAX];
    identity(p->id_number, p->member_name, mask, id, name, sizeof name);
    json_t *o =
        json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:o}", "code", p->code, "kind", p->kind, "name", p->name, "id_number",
                  id, "member_name", name, "date", date_or_null(p->day), "extra", hz_json_money(p->extra));
    json_object_set_new(o, "steps", p->steps >= 0 ? json_integer(p->steps) : json_null());
    json_object_set_new(o, "score", p->score >= 0 ? json_integer(p->score) : json_null());
    return o;
}

json_t *hz_view_activity_dist(const hz_activity_dist *d) {
    return json_pack("{s:s, s:s, s:s, s:I, s:o}", "code", d->code, "name", d->name, "item", d->item, "count",
                     (json_int_t)d->count, "date", date_or_null(d->day));
}

json_t *hz_view_rank_row(const hz_rank_row *r, bool mask) {
    char id[19], name[HZ_NAME_MAX];
    identity(r->id_number, r->name, mask, id, name, sizeof name);
    return json_pack("{s:s, s:s, s:I, s:i}", "id_number", id, "name", name, "value", (json_int_t)r->value, "rank",
                     r->rank);
}

json_t *hz_view_case(const hz_case *c, bool mask) {
    char id[19], name[HZ_NAME_MAX];
    identity(c->id_number, c->name, mask, id, name, sizeof name);
    json_t *o = json_pack("{s:s, s:s, s:o, s:o, s:o, s:[]}", "no", c->case_no, "status", c->status, "assignee",
                          hz_json_opt_str(c->assignee), "outcome", hz_json_opt_str(c->outcome), "recovered",
                          hz_json_money(c->recovered), "notes");
    json_object_set_new(o, "id_number", json_string(id));
    json_object_set_new(o, "name", json_string(name));
    json_object_set_new(o, "kind", json_string(c->kind));
    json_object_set_new(o, "summary", json_string(c->summary));
    json_object_set_new(o, "claimed", c->claimed >= 0 ? hz_json_money(c->claimed) : json_null());
    json_object_set_new(o, "opened_at", json_string(c->opened_at));
    json_object_set_new(o, "opened_by", json_string(c->opened_by));
    json_object_set_new(o, "assigned_at", hz_json_opt_str(c->assigned_at));
    json_object_set_new(o, "closed_at", hz_json_opt_str(c->closed_at));
    return o;
}

json_t *hz_view_case_note(const hz_case_note *n) {
    return json_pack("{s:s, s:s, s:s}", "at", n->at, "by", n->by, "text", n->text);
}
