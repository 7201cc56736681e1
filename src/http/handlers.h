/* Shared helpers and the handler functions of the API (internal). */
#ifndef HZ_HTTP_HANDLERS_H
#define HZ_HTTP_HANDLERS_H

#include "app/claims.h"
#include "app/lists.h"
#include "core/icd10.h"
#include "core/idcard.h"
#include "http/http.h"

/* Refuses keys of doc not in allowed (400 naming the first unknown key). */
bool hz_json_only(hz_req *r, json_t *doc, const char *const *allowed);
/* Reads an optional string field; false after answering 400 (wrong type). */
bool hz_json_str(hz_req *r, json_t *doc, const char *key, const char **out);
bool hz_json_int(hz_req *r, json_t *doc, const char *key, long min, long max, int *out);
bool hz_json_bool(hz_req *r, json_t *doc, const char *key, bool *out);
/* The claim intake body (POST /claims) into in, the ID number and the
 * diagnosis normalised into the caller's buffers; in's other strings point
 * into doc. false after answering 400. */
bool hz_http_claim_input(hz_req *r, json_t *doc, hz_claim_input *in, char id_number[HZ_ID_LEN + 1],
                         char diagnosis[HZ_ICD_MAX * 2]);
/* The documents body {"received":[kinds], "complete":bool}: the kinds
 * comma-joined into list (cap bytes). false after answering 400. */
bool hz_http_claim_documents(hz_req *r, json_t *doc, char *list, size_t cap, bool *complete);
/* page / per_page query parameters; false after answering 400. */
bool hz_http_page(hz_req *r, hz_page *pg);
/* {"items":[...],"total":N} */
void hz_http_list(hz_req *r, json_t *items, int64_t total);
/* A table streamed to the client as it is built (memory does not grow with
 * the rows): build fills rep, on which a stream in fmt (JSON, CSV with BOM
 * or XLSX) has been begun; CSV and XLSX carry an attachment file name
 * (rep's name). Answers the error of build, if any. */
typedef hz_err (*hz_http_table_fn)(hz_req *r, void *arg, hz_report *rep, hz_errinfo *e);
void hz_http_table(hz_req *r, hz_report_format fmt, hz_http_table_fn build, void *arg);
/* ?format=csv|xlsx: true with *fmt set; false with no format (JSON list)
 * or after answering 400 (*answered). */
bool hz_http_export_format(hz_req *r, hz_report_format *fmt, bool *answered);
/* The common parameters of a list (app/lists.h): q, status, unit, from,
 * to, sort, order. */
hz_list_query hz_http_list_query(hz_req *r);
/* A list's GET: with ?format=csv|xlsx every matching row as a file (table),
 * else the page asked for (page appends to r->json, sets *total) as
 * {"items":[...],"total":N}. */
typedef hz_err (*hz_http_page_fn)(hz_req *r, void *arg, hz_page pg, int64_t *total, hz_errinfo *e);
void hz_http_list_or_export(hz_req *r, void *arg, hz_http_page_fn page, hz_http_table_fn table);
/* page, per_page, format, order and the 0/1 switches of the request's
 * query, whatever the endpoint (params.c); false after answering 400
 * naming the first bad one. */
bool hz_http_params_ok(hz_req *r);
/* After the handler: a GET answered with JSON although it asked for csv or
 * xlsx, from an endpoint that never read format, becomes that 400. */
void hz_http_params_after(hz_req *r);
/* Login rate limits per address and per account (login_limit.c); login may
 * be NULL. allowed: false past either limit (answer 429); result: counts a
 * failure (a success resets nothing); failures: the total since start. */
bool hz_http_login_allowed(const char *ip, const char *login);
void hz_http_login_result(const char *ip, const char *login, bool success);
long hz_http_login_failures(void);

void h_login(hz_req *r, char **p);
void h_audit_checkpoint(hz_req *r, char **p);
void h_logout(hz_req *r, char **p);
void h_me(hz_req *r, char **p);
void h_orgs(hz_req *r, char **p);
void h_org_add(hz_req *r, char **p);
void h_org_stats(hz_req *r, char **p);
void h_units(hz_req *r, char **p);
void h_unit_add(hz_req *r, char **p);
void h_members(hz_req *r, char **p);
void h_member_add(hz_req *r, char **p);
void h_member_get(hz_req *r, char **p);
void h_plans(hz_req *r, char **p);
void h_coverage_add(hz_req *r, char **p);
void h_renew(hz_req *r, char **p);
void h_roster(hz_req *r, char **p);
void h_settlements(hz_req *r, char **p);
void h_claims(hz_req *r, char **p);
void h_claim_add(hz_req *r, char **p);
void h_claim_get(hz_req *r, char **p);
void h_claim_approve(hz_req *r, char **p);
void h_claim_reject(hz_req *r, char **p);
void h_claim_documents(hz_req *r, char **p);
void h_proactive(hz_req *r, char **p);
void h_batch_add(hz_req *r, char **p);
void h_batch_file(hz_req *r, char **p);
void h_batch_confirm(hz_req *r, char **p);
void h_member_by_ref(hz_req *r, char **p);
void h_report(hz_req *r, char **p);
void h_reports(hz_req *r, char **p);
void h_audit_verify(hz_req *r, char **p);
void h_audit_events(hz_req *r, char **p);
void h_batches(hz_req *r, char **p);
void h_batch_get(hz_req *r, char **p);
void h_openapi(hz_req *r, char **p);

#endif
