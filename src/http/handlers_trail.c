/* API handlers of the office's trails (issue 16): the audit events list
 * (GET /audit/events) and the bank batches (GET /payment-batches, GET
 * /payment-batches/{no}). Each parses, calls one use case, renders. */
#include <string.h>

#include "app/audit_list.h"
#include "app/batches.h"
#include "http/handlers.h"
#include "io/views.h"

static hz_audit_query audit_query(hz_req *r) {
    hz_audit_query q = {hz_http_list_query(r), hz_http_query(r, "action"), hz_http_query(r, "actor"),
                        hz_http_query(r, "object"), hz_http_query(r, "member"), hz_http_query(r, "seq")};
    return q;
}

static hz_err event_one(void *ctx, const hz_audit_event *ev, hz_errinfo *e) {
    (void)e;
    hz_req *r = ctx;
    json_array_append_new(r->json, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "seq", (json_int_t)ev->seq, "at",
                                             ev->at, "actor", ev->actor, "action", ev->action, "object", ev->object,
                                             "summary", ev->summary));
    return HZ_OK;
}

static hz_err events_page(hz_req *r, void *arg, hz_page pg, int64_t *total, hz_errinfo *e) {
    return hz_app_audit_events(r->app, arg, pg, event_one, r, total, e);
}

static hz_err events_table(hz_req *r, void *arg, hz_report *rep, hz_errinfo *e) {
    return hz_app_audit_export(r->app, arg, rep, e);
}

/* GET /audit/events?page=&per_page=&action=&actor=&object=&member=&seq=&q=
 * &from=&to=&sort=&order=[&format=csv|xlsx] */
void h_audit_events(hz_req *r, char **p) {
    (void)p;
    hz_audit_query q = audit_query(r);
    hz_http_list_or_export(r, &q, events_page, events_table);
}

/* Stored "failed" is the bank's return (退回) in this API. */
static const char *item_status(const char *s) { return !strcmp(s, "failed") ? "returned" : s; }

static json_t *batch_view(const hz_batch_row *b) {
    char file[160];
    snprintf(file, sizeof file, "/api/v1/payment-batches/%s/file", b->batch_no);
    json_t *o = json_pack("{s:s, s:s, s:s, s:o, s:s, s:I, s:o, s:I, s:o, s:I, s:o, s:I, s:o, s:o}", "batch_no",
                          b->batch_no, "created_at", b->created_at, "created_by", b->created_by, "file_at",
                          hz_json_opt_str(b->file_at), "status", b->status, "count", (json_int_t)b->count, "total",
                          hz_json_money(b->total), "paid", (json_int_t)b->paid, "paid_amount",
                          hz_json_money(b->paid_amount), "returned", (json_int_t)b->failed, "returned_amount",
                          hz_json_money(b->failed_amount), "pending", (json_int_t)b->pending, "pending_amount",
                          hz_json_money(b->pending_amount), "offset", hz_json_money(b->offset));
    json_object_set_new(o, "file", json_string(file));
    return o;
}

static hz_err batch_one(void *ctx, const hz_batch_row *b, hz_errinfo *e) {
    (void)e;
    hz_req *r = ctx;
    json_array_append_new(r->json, batch_view(b));
    return HZ_OK;
}

static hz_err batches_page(hz_req *r, void *arg, hz_page pg, int64_t *total, hz_errinfo *e) {
    return hz_app_batches_list(r->app, arg, pg, batch_one, r, total, e);
}

static hz_err batches_table(hz_req *r, void *arg, hz_report *rep, hz_errinfo *e) {
    return hz_app_batches_export(r->app, arg, rep, e);
}

/* GET /payment-batches?page=&per_page=&q=&status=&from=&to=&by=&returned=
 * &sort=&order=[&format=csv|xlsx] */
void h_batches(hz_req *r, char **p) {
    (void)p;
    hz_batch_query q = {hz_http_list_query(r), hz_http_query(r, "by"), hz_http_query(r, "returned")};
    hz_http_list_or_export(r, &q, batches_page, batches_table);
}

static hz_err item_one(void *ctx, const hz_batch_item *it, hz_errinfo *e) {
    (void)e;
    json_t *items = ctx;
    json_t *o = json_pack("{s:i, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:s}", "seq", it->seq, "ref",
                          it->payable_no, "source", it->source, "purpose", it->purpose, "payee", it->payee,
                          "bank_card", it->bank_card, "bank_name", hz_json_opt_str(it->bank_name), "amount",
                          hz_json_money(it->amount), "offset", hz_json_money(it->offset), "status",
                          item_status(it->status));
    json_object_set_new(o, "bank_ref", hz_json_opt_str(it->bank_ref));
    json_object_set_new(o, "return_reason", hz_json_opt_str(it->failure_reason));
    json_object_set_new(o, "settled_at", hz_json_opt_str(it->settled_at));
    json_array_append_new(items, o);
    return HZ_OK;
}

/* GET /payment-batches/{batch_no}: the batch as listed, with its items. */
void h_batch_get(hz_req *r, char **p) {
    hz_batch_row b;
    hz_errinfo e;
    json_t *items = json_array();
    if (hz_app_batch_show(r->app, p[0], &b, item_one, items, &e)) {
        json_decref(items);
        hz_http_fail(r, &e);
        return;
    }
    json_t *o = batch_view(&b);
    json_object_set_new(o, "items", items);
    hz_http_json(r, 200, o);
}
