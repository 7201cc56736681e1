/* The member's record, as a jansson tree and as text (views_member.h). */
#include "io/views_member.h"

#include "core/date.h"
#include "core/flag.h"
#include "core/idcard.h"
#include "core/jtext.h"
#include "core/money.h"
#include "io/views.h"

json_t *hz_view_member_doc(const hz_member_doc *d) {
    json_t *doc = hz_view_member(d->member, d->mask);
    json_t *flags = json_array(), *covs = json_array();
    for (int i = 0; i < d->n_flags; i++) json_array_append_new(flags, hz_view_flag(&d->flags[i]));
    for (int i = 0; i < d->n_coverages; i++) json_array_append_new(covs, hz_view_coverage(&d->coverages[i]));
    json_object_set_new(doc, "flags", flags);
    json_object_set_new(doc, "coverages", covs);
    json_object_set_new(doc, "card_change", hz_view_card_pending(d->card));
    return doc;
}

/* "a" "sep" "b" cut to cap - 1 bytes, as snprintf(buf, cap, "%s%s%s") cuts
 * (the jansson views build flag codes and payers that way). */
static void joined(hz_jtext *w, const char *a, const char *sep, const char *b, size_t cap) {
    char t[64];
    size_t n = 0;
    for (const char *parts[] = {a, sep, b}, **p = parts; p < parts + 3; p++)
        for (const char *s = *p; *s && n + 1 < cap && n + 1 < sizeof t; s++) t[n++] = *s;
    t[n] = '\0';
    hz_jt_str(w, t);
}

static void date_or_null(hz_jtext *w, hz_date d) {
    char b[HZ_DATE_BUF];
    if (d == HZ_DATE_NONE) HZ_JT_LIT(w, "null");
    else hz_jt_str(w, hz_date_format(d, b));
}

static void member_fields(hz_jtext *w, const hz_member *m, bool mask) {
    char id[HZ_ID_LEN + 1], card[24], sex[2] = {m->sex, 0};
    HZ_JT_LIT(w, "{\"id_number\":");
    hz_jt_str(w, mask ? hz_id_mask(m->id_number, id) : m->id_number);
    HZ_JT_LIT(w, ",\"name\":");
    hz_jt_str(w, m->name);
    HZ_JT_LIT(w, ",\"sex\":");
    hz_jt_str(w, sex);
    HZ_JT_LIT(w, ",\"birth_date\":");
    date_or_null(w, m->birth);
    HZ_JT_LIT(w, ",\"unit\":");
    hz_jt_str_or_null(w, m->unit_code);
    HZ_JT_LIT(w, ",\"unit_name\":");
    hz_jt_str_or_null(w, m->unit_name);
    HZ_JT_LIT(w, ",\"org\":");
    hz_jt_str_or_null(w, m->org_code);
    HZ_JT_LIT(w, ",\"phone\":");
    hz_jt_str_or_null(w, m->phone);
    HZ_JT_LIT(w, ",\"bank_card\":");
    if (m->bank_card[0]) hz_jt_str(w, mask ? hz_bank_card_mask(m->bank_card, card) : m->bank_card);
    else HZ_JT_LIT(w, "null");
    HZ_JT_LIT(w, ",\"bank_name\":");
    hz_jt_str_or_null(w, m->bank_name);
    HZ_JT_LIT(w, ",\"ref\":\"");
    hz_jt_int(w, m->id);
    HZ_JT_LIT(w, "\"");
}

static void flag(hz_jtext *w, const hz_flag *f) {
    HZ_JT_LIT(w, "{\"code\":");
    joined(w, f->kind, ":", f->level, 40);
    HZ_JT_LIT(w, ",\"kind\":");
    hz_jt_str(w, f->kind);
    HZ_JT_LIT(w, ",\"level\":");
    hz_jt_str(w, f->level);
    HZ_JT_LIT(w, ",\"label\":");
    hz_jt_str(w, hz_flag_label(f));
    HZ_JT_LIT(w, ",\"from\":");
    date_or_null(w, f->from);
    HZ_JT_LIT(w, ",\"to\":");
    date_or_null(w, f->to);
    HZ_JT_LIT(w, "}");
}

static void coverage(hz_jtext *w, const hz_coverage *c) {
    char money[HZ_MONEY_BUF];
    HZ_JT_LIT(w, "{\"id\":");
    hz_jt_int(w, c->id);
    HZ_JT_LIT(w, ",\"plan\":");
    hz_jt_str(w, c->plan_code);
    HZ_JT_LIT(w, ",\"plan_version\":");
    hz_jt_int(w, c->plan_version);
    HZ_JT_LIT(w, ",\"shares\":");
    hz_jt_int(w, c->shares);
    HZ_JT_LIT(w, ",\"start\":");
    date_or_null(w, c->start);
    HZ_JT_LIT(w, ",\"end\":");
    date_or_null(w, c->end);
    HZ_JT_LIT(w, ",\"months\":");
    hz_jt_int(w, c->months);
    HZ_JT_LIT(w, ",\"premium\":");
    hz_jt_str(w, hz_money_format(c->premium, money));
    HZ_JT_LIT(w, ",\"payer\":");
    joined(w, c->payer_kind, c->payer_ref[0] ? ":" : "", c->payer_ref, 48);
    if (c->continuous) HZ_JT_LIT(w, ",\"continuous\":true,\"status\":");
    else HZ_JT_LIT(w, ",\"continuous\":false,\"status\":");
    hz_jt_str(w, c->status);
    HZ_JT_LIT(w, "}");
}

static void card_change(hz_jtext *w, const hz_card_pending *c) {
    if (!c->pending) {
        HZ_JT_LIT(w, "null");
        return;
    }
    char money[HZ_MONEY_BUF];
    HZ_JT_LIT(w, "{\"old_card\":");
    hz_jt_str(w, c->old_card);
    HZ_JT_LIT(w, ",\"old_bank\":");
    hz_jt_str(w, c->old_bank);
    HZ_JT_LIT(w, ",\"new_card\":");
    hz_jt_str(w, c->new_card);
    HZ_JT_LIT(w, ",\"new_bank\":");
    hz_jt_str(w, c->new_bank);
    HZ_JT_LIT(w, ",\"via\":");
    hz_jt_str(w, c->via);
    HZ_JT_LIT(w, ",\"changed_by\":");
    hz_jt_str(w, c->changed_by);
    HZ_JT_LIT(w, ",\"changed_at\":");
    hz_jt_str(w, c->changed_at);
    HZ_JT_LIT(w, ",\"held\":[");
    for (int i = 0; i < c->n_held && i < HZ_CARD_HELD_MAX; i++) {
        if (i) HZ_JT_LIT(w, ",");
        HZ_JT_LIT(w, "{\"payable_no\":");
        hz_jt_str(w, c->held[i].payable_no);
        HZ_JT_LIT(w, ",\"purpose\":");
        hz_jt_str(w, c->held[i].purpose);
        HZ_JT_LIT(w, ",\"amount\":");
        hz_jt_str(w, hz_money_format(c->held[i].owed, money));
        HZ_JT_LIT(w, "}");
    }
    HZ_JT_LIT(w, "],\"held_total_count\":");
    hz_jt_int(w, c->n_held);
    HZ_JT_LIT(w, "}");
}

char *hz_view_member_doc_text(const hz_member_doc *d, size_t *len) {
    hz_jtext w;
    hz_jt_init(&w);
    member_fields(&w, d->member, d->mask);
    HZ_JT_LIT(&w, ",\"flags\":[");
    for (int i = 0; i < d->n_flags; i++) {
        if (i) HZ_JT_LIT(&w, ",");
        flag(&w, &d->flags[i]);
    }
    HZ_JT_LIT(&w, "],\"coverages\":[");
    for (int i = 0; i < d->n_coverages; i++) {
        if (i) HZ_JT_LIT(&w, ",");
        coverage(&w, &d->coverages[i]);
    }
    HZ_JT_LIT(&w, "],\"card_change\":");
    card_change(&w, d->card);
    HZ_JT_LIT(&w, "}");
    return hz_jt_take(&w, len);
}
