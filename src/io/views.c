/* JSON views shared by the interfaces. */
#include "io/views.h"

#include <stdio.h>

#include "core/flag.h"
#include "core/idcard.h"

json_t *hz_json_money(hz_fen v) {
    char b[HZ_MONEY_BUF];
    return json_string(hz_money_format(v, b));
}

json_t *hz_json_date(hz_date d) {
    char b[HZ_DATE_BUF];
    return d == HZ_DATE_NONE ? json_null() : json_string(hz_date_format(d, b));
}

json_t *hz_view_flag(const hz_flag *f) {
    char code[40];
    snprintf(code, sizeof code, "%s:%s", f->kind, f->level);
    return json_pack("{s:s, s:s, s:s, s:s, s:o, s:o}", "code", code, "kind", f->kind, "level", f->level, "label",
                     hz_flag_label(f), "from", hz_json_date(f->from), "to", hz_json_date(f->to));
}

json_t *hz_view_coverage(const hz_coverage *c) {
    char payer[48];
    snprintf(payer, sizeof payer, "%s%s%s", c->payer_kind, c->payer_ref[0] ? ":" : "", c->payer_ref);
    return json_pack("{s:I, s:s, s:i, s:i, s:o, s:o, s:i, s:o, s:s, s:b, s:s}", "id", (json_int_t)c->id, "plan",
                     c->plan_code, "plan_version", c->plan_version, "shares", c->shares, "start", hz_json_date(c->start),
                     "end", hz_json_date(c->end), "months", c->months, "premium", hz_json_money(c->premium), "payer",
                     payer, "continuous", c->continuous, "status", c->status);
}

json_t *hz_view_member(const hz_member *m, bool mask) {
    char id[HZ_ID_LEN + 1], card[24], sex[2] = {m->sex, 0};
    json_t *o = json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:o}", "id_number", mask ? hz_id_mask(m->id_number, id) : m->id_number,
                          "name", m->name, "sex", sex, "birth_date", hz_json_date(m->birth), "unit",
                          m->unit_code[0] ? json_string(m->unit_code) : json_null(), "unit_name",
                          m->unit_name[0] ? json_string(m->unit_name) : json_null(), "org",
                          m->org_code[0] ? json_string(m->org_code) : json_null());
    json_object_set_new(o, "phone", m->phone[0] ? json_string(m->phone) : json_null());
    json_object_set_new(o, "bank_card",
                        m->bank_card[0] ? json_string(mask ? hz_bank_card_mask(m->bank_card, card) : m->bank_card)
                                        : json_null());
    json_object_set_new(o, "bank_name", m->bank_name[0] ? json_string(m->bank_name) : json_null());
    /* the opaque handle that opens the member (GET /members/ref/{ref}) for
     * callers who see the ID number masked */
    char ref[24];
    snprintf(ref, sizeof ref, "%lld", (long long)m->id);
    json_object_set_new(o, "ref", json_string(ref));
    return o;
}

json_t *hz_view_card_pending(const hz_card_pending *c) {
    if (!c->pending) return json_null();
    json_t *held = json_array();
    for (int i = 0; i < c->n_held && i < HZ_CARD_HELD_MAX; i++)
        json_array_append_new(held, json_pack("{s:s, s:s, s:o}", "payable_no", c->held[i].payable_no, "purpose",
                                              c->held[i].purpose, "amount", hz_json_money(c->held[i].owed)));
    json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:i}", "old_card", c->old_card, "old_bank",
                          c->old_bank, "new_card", c->new_card, "new_bank", c->new_bank, "via", c->via,
                          "changed_by", c->changed_by, "changed_at", c->changed_at, "held", held,
                          "held_total_count", c->n_held);
    return o;
}

json_t *hz_view_org_stats(const hz_org_stats *s) {
    return json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "orgs", (json_int_t)s->orgs, "units",
                     (json_int_t)s->units, "members", (json_int_t)s->members, "newform", (json_int_t)s->newform,
                     "women", (json_int_t)s->women, "model_workers", (json_int_t)s->model_workers, "hardship",
                     (json_int_t)s->hardship, "covered", (json_int_t)s->covered);
}

json_t *hz_json_opt_str(const char *s) { return s && *s ? json_string(s) : json_null(); }

json_t *hz_view_claim(const hz_claim *c, const hz_member *m, const hz_claim_line_row *lines, int n_lines,
                      int sla_days, const char *required_docs, bool overdue, bool mask) {
    char id[HZ_ID_LEN + 1];
    json_t *arr = json_array();
    for (int i = 0; i < n_lines; i++) {
        const hz_claim_line_row *l = &lines[i];
        json_array_append_new(arr, json_pack("{s:i, s:s, s:o, s:s, s:i, s:o, s:s, s:s, s:b}", "seq", l->seq, "plan",
                                             l->plan_code, "setl_id", hz_json_opt_str(l->setl_id), "component", l->component,
                                             "period", l->period, "amount", hz_json_money(l->amount), "reason",
                                             l->reason, "explain", l->explain, "reversed", l->reversed));
    }
    json_t *o = json_pack("{s:s, s:s, s:{s:s, s:s}, s:o, s:o, s:o}", "claim_no", c->claim_no, "status", c->status,
                          "member", "id_number", mask ? hz_id_mask(m->id_number, id) : m->id_number, "name", m->name,
                          "total", hz_json_money(c->total), "lines", arr, "event_date", hz_json_date(c->event_date));
    char ref[24];
    snprintf(ref, sizeof ref, "%lld", (long long)m->id);
    json_object_set_new(json_object_get(o, "member"), "ref", json_string(ref));
    json_object_set_new(o, "submitted_at", json_string(c->submitted_at));
    json_object_set_new(o, "documents_complete_at", hz_json_opt_str(c->documents_complete_at));
    json_object_set_new(o, "paid_at", hz_json_opt_str(c->paid_at));
    json_object_set_new(o, "sla_days", sla_days >= 0 ? json_integer(sla_days) : json_null());
    json_object_set_new(o, "sla_overdue", json_boolean(overdue));
    json_object_set_new(o, "documents_required", json_string(required_docs));
    json_object_set_new(o, "documents_received", json_string(c->documents));
    json_object_set_new(o, "accident", json_boolean(c->accident));
    json_object_set_new(o, "death", json_boolean(c->death));
    json_object_set_new(o, "disability_grade", c->disability_grade ? json_integer(c->disability_grade) : json_null());
    json_object_set_new(o, "diagnosis", hz_json_opt_str(c->diagnosis));
    json_object_set_new(o, "proactive", json_boolean(c->proactive));
    json_object_set_new(o, "review_required", json_boolean(c->review_required));
    json_object_set_new(o, "review_note", hz_json_opt_str(c->review_note));
    json_object_set_new(o, "hold_reason", hz_json_opt_str(c->hold_reason));
    json_object_set_new(o, "reject_reason", hz_json_opt_str(c->reject_reason));
    json_object_set_new(o, "resubmit_of", hz_json_opt_str(c->resubmit_of));
    json_object_set_new(o, "bank_failure", hz_json_opt_str(c->bank_failure));
    json_object_set_new(o, "decided_at", hz_json_opt_str(c->decided_at));
    json_object_set_new(o, "decided_by", hz_json_opt_str(c->decided_by));
    return o;
}

json_t *hz_view_row_errors(const hz_row_error *rows, int n) {
    json_t *a = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(a, json_pack("{s:I, s:s, s:s, s:s}", "row", (json_int_t)rows[i].row, "field",
                                           rows[i].field, "column", rows[i].column, "reason", rows[i].reason));
    return a;
}

