/* API handlers: settlements, claims, payments, reports. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/authz.h"
#include "app/claims.h"
#include "app/module.h"
#include "app/reports.h"
#include "app/payments.h"
#include "app/recovery.h"
#include "app/registry.h"
#include "app/settlements.h"
#include "core/idcard.h"
#include "core/icd10.h"
#include "core/normalize.h"
#include "core/text.h"
#include "http/handlers.h"
#include "io/views.h"

void h_settlements(hz_req *r, char **p) {
    (void)p;
    char path[256];
    if (!hz_http_body_file(r, path, sizeof path)) return;
    bool skip = hz_http_query(r, "skip_invalid") && strcmp(hz_http_query(r, "skip_invalid"), "0");
    hz_feed_report rep;
    hz_errinfo e;
    hz_err rc = hz_app_import_settlements(r->app, path, skip, &rep, &e);
    unlink(path);
    json_t *rej = hz_view_row_errors(rep.rejected, rep.n_listed);
    hz_feed_report_free(&rep);
    if (rc)
        hz_http_rejected(r, &e, rej);
    else
        hz_http_json(r, 200, json_pack("{s:I, s:I, s:I, s:I, s:I, s:o}", "read", (json_int_t)rep.read, "new",
                                       (json_int_t)rep.added, "duplicate", (json_int_t)rep.duplicate, "refund",
                                       (json_int_t)rep.refund, "unmatched", (json_int_t)rep.unmatched, "rejected", rej));
}

static hz_err settlement_item(void *ctx, const hz_settlement *s, const char *claim_no, bool linkable, const char *day,
                              hz_errinfo *e) {
    (void)e;
    json_t *v = json_pack("{s:s, s:s, s:s, s:b, s:b, s:s, s:s, s:o, s:o, s:s, s:o, s:o, s:b, s:o}", "setl_id", s->setl_id,
                       "certno", s->certno, "psn_name", s->psn_name, "matched", s->member_id != 0, "linkable", linkable,
                       "hospital", s->fixmedins_name, "med_type", s->med_type, "adm_date", hz_json_date(s->adm_date),
                       "dscg_date", hz_json_date(s->dscg_date), "diagnosis", s->main_diag_code, "total",
                       hz_json_money(s->medfee_sumamt), "selfpay", hz_json_money(s->psn_selfpay + s->psn_ownpay),
                       "refunded", s->refunded, "claim_no", hz_json_opt_str(claim_no));
    json_object_set_new(v, "settled_on", json_string(day));
    json_array_append_new(((hz_req *)ctx)->json, v);
    return HZ_OK;
}

static hz_err settlements_page(hz_req *r, void *arg, hz_page pg, int64_t *total, hz_errinfo *e) {
    return hz_app_settlements_page(r->app, arg, pg, settlement_item, r, total, e);
}

static hz_err settlements_table(hz_req *r, void *arg, hz_report *rep, hz_errinfo *e) {
    return hz_app_settlements_export(r->app, arg, rep, e);
}

/* GET /api/v1/settlements?q=&status=matched|unmatched&hospital=&refunded=&unit=
 * &from=&to=&sort=&order=&page=&per_page=[&format=csv|xlsx] (unmatched=1:
 * status=unmatched): the feed, newest first. */
static void h_settlements_list(hz_req *r, char **p) {
    (void)p;
    hz_settlement_query q = {hz_http_list_query(r), hz_http_query(r, "hospital"), hz_http_query(r, "refunded"),
                             hz_http_query(r, "unmatched")};
    hz_http_list_or_export(r, &q, settlements_page, settlements_table);
}

/* POST /api/v1/settlements/relink: match unmatched rows to members registered since. */
static void h_settlements_relink(hz_req *r, char **p) {
    (void)p;
    int64_t linked;
    hz_errinfo e;
    if (hz_app_settlements_relink(r->app, &linked, &e)) hz_http_fail(r, &e);
    else hz_http_json(r, 200, json_pack("{s:I}", "linked", (json_int_t)linked));
}

static hz_err claim_row(void *ctx, const hz_claim_row *c, hz_errinfo *e) {
    (void)e;
    hz_req *r = ctx;
    char id[19], b[HZ_MONEY_BUF];
    if (!hz_authz_sees_identity(r->app)) hz_id_mask(c->id_number, id);
    else hz_strlcpy(id, c->id_number, sizeof id);
    json_array_append_new(r->json, json_pack("{s:s, s:s, s:{s:s, s:s, s:s}, s:s, s:s, s:o, s:o, s:b, s:b}",
                                             "claim_no", c->claim_no, "status", c->status, "member", "id_number", id,
                                             "name", c->name, "unit_name", c->unit_name, "total", hz_money_format(c->total, b), "submitted_at",
                                             c->submitted_at, "documents_complete_at",
                                             c->documents_complete_at[0] ? json_string(c->documents_complete_at) : json_null(),
                                             "paid_at", c->paid_at[0] ? json_string(c->paid_at) : json_null(),
                                             "review_required", c->review_required, "proactive", c->proactive));
    return HZ_OK;
}

static hz_err claims_table(hz_req *r, void *arg, hz_report *rep, hz_errinfo *e) {
    return hz_app_claims_export(r->app, arg, rep, e);
}

/* GET /api/v1/claims?page=&per_page=&q=&status=&plan=&unit=&from=&to=&source=
 * &sort=&order=&id_number=&member=[&format=csv|xlsx]: a page of the claims
 * in scope, or every matching one as a file. */
void h_claims(hz_req *r, char **p) {
    (void)p;
    hz_claim_query q = {hz_http_query(r, "q"),      hz_http_query(r, "status"),    hz_http_query(r, "plan"),
                        hz_http_query(r, "unit"),   hz_http_query(r, "from"),      hz_http_query(r, "to"),
                        hz_http_query(r, "source"), hz_http_query(r, "sort"),      hz_http_query(r, "order"),
                        hz_http_query(r, "id_number"), hz_http_query(r, "member")};
    hz_report_format fmt;
    bool answered = false;
    if (hz_http_export_format(r, &fmt, &answered)) {
        hz_http_table(r, fmt, claims_table, &q);
        return;
    }
    if (answered) return;
    hz_page pg;
    if (!hz_http_page(r, &pg)) return;
    json_t *items = r->json = json_array();
    int64_t total;
    hz_errinfo e;
    if (hz_app_claims_list(r->app, &q, pg, claim_row, r, &total, &e)) {
        hz_http_fail(r, &e);
        return;
    }
    r->json = NULL;
    hz_http_list(r, items, total);
}

static void render_claim(hz_req *r, int status, const hz_claim_view *v) {
    hz_http_json(r, status, hz_view_claim(&v->claim, &v->member, v->lines, v->n_lines, v->sla_days, v->required_docs,
                                          v->overdue, !hz_authz_sees_identity(r->app)));
}

bool hz_http_claim_input(hz_req *r, json_t *doc, hz_claim_input *in, char id_number[HZ_ID_LEN + 1],
                         char diagnosis[HZ_ICD_MAX * 2]) {
    static const char *const keys[] = {"id_number", "settlements",        "setl_ids",    "accident", "death",
                                       "disability_grade", "diagnosis", "date", "documents_complete", "resubmit_of",
                                       NULL};
    memset(in, 0, sizeof *in);
    in->date = HZ_DATE_NONE;
    const char *date = NULL;
    if (!(hz_json_only(r, doc, keys) && hz_json_str(r, doc, "id_number", &in->id_number) &&
          hz_json_bool(r, doc, "accident", &in->accident) && hz_json_bool(r, doc, "death", &in->death) &&
          hz_json_int(r, doc, "disability_grade", 1, 10, &in->disability_grade) &&
          hz_json_str(r, doc, "diagnosis", &in->diagnosis) && hz_json_str(r, doc, "date", &date) &&
          hz_json_bool(r, doc, "documents_complete", &in->documents_complete) &&
          hz_json_str(r, doc, "resubmit_of", &in->resubmit_of)))
        return false;
    json_t *setl = json_object_get(doc, "settlements"), *alias = json_object_get(doc, "setl_ids");
    if (setl && alias) {
        hz_http_error(r, 400, "VALIDATION",
                      "settlements: 与 setl_ids 只能给一个 (give settlements or setl_ids, not both)");
        return false;
    }
    if (!setl) setl = alias; /* the feed's own word */
    if (setl && !json_is_null(setl)) {
        if (!json_is_array(setl) || json_array_size(setl) > HZ_CLAIM_MAX_SETTLEMENTS) {
            hz_http_error(r, 400, "VALIDATION", "settlements: 应为最多16个结算流水号的数组 (array of up to 16 setl_id)");
            return false;
        }
        size_t i;
        json_t *s;
        json_array_foreach(setl, i, s) {
            if (!json_is_string(s)) {
                hz_http_error(r, 400, "VALIDATION", "settlements: 应为字符串 (strings)");
                return false;
            }
            in->setl_ids[in->n_setl++] = json_string_value(s);
        }
    }
    hz_errinfo e;
    if (!in->id_number) {
        hz_http_error(r, 400, "VALIDATION", "id_number: 必填 (required)");
        return false;
    }
    /* normalised here too so the message names the field as this entry
     * point calls it; the use case normalises again for every other caller */
    if ((date && hz_norm_date(date, &in->date, "date", &e)) ||
        hz_norm_id_number(in->id_number, id_number, HZ_ID_LEN + 1, "id_number", &e) ||
        (in->diagnosis && hz_norm_icd10(in->diagnosis, diagnosis, HZ_ICD_MAX * 2, "diagnosis", &e))) {
        hz_http_fail(r, &e);
        return false;
    }
    in->id_number = id_number;
    if (in->diagnosis) in->diagnosis = diagnosis;
    return true;
}

void h_claim_add(hz_req *r, char **p) {
    (void)p;
    json_t *doc = hz_http_body_json(r);
    if (!doc) return;
    hz_claim_input in;
    char id_number[HZ_ID_LEN + 1], diagnosis[HZ_ICD_MAX * 2];
    if (hz_http_claim_input(r, doc, &in, id_number, diagnosis)) {
        hz_errinfo e;
        hz_claim_view *v = malloc(sizeof *v);
        if (v && !hz_app_claim_submit(r->app, &in, v, &e)) render_claim(r, 201, v);
        else if (v) hz_http_fail(r, &e);
        else hz_http_error(r, 500, "INTERNAL", "内存不足 (out of memory)");
        free(v);
    }
    json_decref(doc);
}

bool hz_http_claim_documents(hz_req *r, json_t *doc, char *list, size_t cap, bool *complete) {
    static const char *const keys[] = {"received", "complete", NULL};
    *complete = false;
    list[0] = '\0';
    if (!hz_json_only(r, doc, keys) || !hz_json_bool(r, doc, "complete", complete)) return false;
    json_t *rec = json_object_get(doc, "received");
    if (rec && !json_is_array(rec)) {
        hz_http_error(r, 400, "VALIDATION", "received: 应为材料名称数组 (array of document kinds)");
        return false;
    }
    size_t i, len = 0;
    json_t *k;
    json_array_foreach(rec, i, k) {
        if (!json_is_string(k) || strchr(json_string_value(k), ',')) {
            hz_http_error(r, 400, "VALIDATION", "received: 应为字符串 (strings)");
            return false;
        }
        /* a list cut short would record half a document kind */
        int n = snprintf(list + len, cap - len, "%s%s", len ? "," : "", json_string_value(k));
        if (n < 0 || (size_t)n >= cap - len) {
            hz_http_error(r, 400, "VALIDATION", "received: 材料名称过多或过长 (too many or too long)");
            return false;
        }
        len += (size_t)n;
    }
    return true;
}

typedef enum { ACT_SHOW, ACT_APPROVE, ACT_REJECT, ACT_DOCS } claim_act;

static void claim_action(hz_req *r, const char *no, claim_act act) {
    json_t *doc = NULL;
    const char *reason = NULL, *received = NULL;
    bool complete = false;
    char list[256] = "";
    if (act == ACT_REJECT || act == ACT_DOCS) {
        if (!(doc = hz_http_body_json(r))) return;
        static const char *const rkeys[] = {"reason", NULL};
        if (act == ACT_REJECT && !(hz_json_only(r, doc, rkeys) && hz_json_str(r, doc, "reason", &reason))) goto out;
        if (act == ACT_DOCS) {
            if (!hz_http_claim_documents(r, doc, list, sizeof list, &complete)) goto out;
            received = list;
        }
    }
    hz_claim_view *v = malloc(sizeof *v);
    hz_errinfo e;
    hz_err rc = !v ? HZ_EINTERNAL
                : act == ACT_SHOW    ? hz_app_claim_show(r->app, no, v, &e)
                : act == ACT_APPROVE ? hz_app_claim_approve(r->app, no, v, &e)
                : act == ACT_REJECT  ? hz_app_claim_reject(r->app, no, reason, v, &e)
                                     : hz_app_claim_documents(r->app, no, received, complete, v, &e);
    if (!v) hz_http_error(r, 500, "INTERNAL", "内存不足");
    else if (rc) hz_http_fail(r, &e);
    else render_claim(r, 200, v);
    free(v);
out:
    json_decref(doc);
}

static json_t *stay_json(const hz_settlement *s, const char *claim_no) {
    json_t *diags = json_array();
    char buf[sizeof s->diag_codes];
    hz_strlcpy(buf, s->diag_codes, sizeof buf);
    for (char *q = buf, *semi; q && *q; q = semi ? semi + 1 : NULL) {
        if ((semi = strchr(q, ';'))) *semi = '\0';
        if (*q) json_array_append_new(diags, json_string(q));
    }
    json_t *o = json_pack("{s:s, s:o, s:o, s:i, s:s, s:s, s:o, s:o, s:o, s:o, s:b}", "setl_id", s->setl_id, "adm_date",
                          hz_json_date(s->adm_date), "dscg_date", hz_json_date(s->dscg_date), "days",
                          s->dscg_date != HZ_DATE_NONE && s->adm_date != HZ_DATE_NONE ? (int)(s->dscg_date - s->adm_date) : 0,
                          "hospital", s->fixmedins_name, "main_diag_code", s->main_diag_code, "diag_codes", diags,
                          "medfee_sumamt", hz_json_money(s->medfee_sumamt), "psn_selfpay", hz_json_money(s->psn_selfpay),
                          "fund_pay_sumamt", hz_json_money(s->fund_pay_sumamt), "refunded", s->refunded);
    if (claim_no) json_object_set_new(o, "claim_no", hz_json_opt_str(claim_no));
    return o;
}

/* GET /claims/{no}: the claim, and for its page the stays, the caps its
 * lines drew on and the document checklist item by item (issue 16). */
void h_claim_get(hz_req *r, char **p) {
    hz_claim_view *v = malloc(sizeof *v);
    hz_claim_detail *d = malloc(sizeof *d);
    hz_errinfo e;
    if (!v || !d) hz_http_error(r, 500, "INTERNAL", "内存不足 (out of memory)");
    else if (hz_app_claim_detail(r->app, p[0], v, d, &e)) hz_http_fail(r, &e);
    else {
        json_t *o = hz_view_claim(&v->claim, &v->member, v->lines, v->n_lines, v->sla_days, v->required_docs,
                                  v->overdue, !hz_authz_sees_identity(r->app));
        json_t *stays = json_array(), *caps = json_array(), *docs = json_array();
        for (int i = 0; i < d->n_stays; i++) json_array_append_new(stays, stay_json(&d->stays[i], NULL));
        for (int i = 0; i < d->n_caps; i++) {
            const hz_claim_cap *c = &d->caps[i];
            json_array_append_new(caps, json_pack("{s:s, s:s, s:s, s:i, s:o, s:o, s:s, s:o, s:o, s:o}", "plan", c->plan,
                                                  "plan_name", c->plan_name, "component", c->component, "period",
                                                  c->period, "start", hz_json_date(c->start), "end", hz_json_date(c->end),
                                                  "state", c->in_force ? "valid" : "expired", "cap", hz_json_money(c->cap),
                                                  "used", hz_json_money(c->used), "left",
                                                  hz_json_money(c->cap > c->used ? c->cap - c->used : 0)));
        }
        for (int i = 0; i < d->n_docs; i++) {
            const hz_claim_doc *x = &d->docs[i];
            json_array_append_new(docs, json_pack("{s:s, s:b, s:b, s:o, s:o}", "kind", x->kind, "required", x->required,
                                                  "received", x->received, "received_at", hz_json_opt_str(x->at),
                                                  "received_by", hz_json_opt_str(x->by)));
        }
        json_object_set_new(o, "stays", stays);
        json_object_set_new(o, "caps", caps);
        json_object_set_new(o, "checklist", docs);
        hz_http_json(r, 200, o);
    }
    free(v);
    free(d);
}

typedef struct {
    json_t *items;
    bool unclaimed;
} stays_ctx;

static hz_err on_stay(void *vctx, const hz_settlement *s, const char *claim_no, hz_errinfo *e) {
    (void)e;
    stays_ctx *x = vctx;
    if (!x->unclaimed || (!claim_no[0] && !s->refunded)) json_array_append_new(x->items, stay_json(s, claim_no));
    return HZ_OK;
}

/* GET /members/{id}/stays[?unclaimed=1]: a member's settled inpatient stays
 * on file, each with the claim on it, and the member's coverages with
 * whether each is in force today; a member only their own (issue 16). */
static void h_member_stays(hz_req *r, char **p) {
    hz_member_view *mv = malloc(sizeof *mv);
    stays_ctx x = {json_array(), hz_http_query(r, "unclaimed") && strcmp(hz_http_query(r, "unclaimed"), "0")};
    hz_errinfo e;
    if (!mv) {
        json_decref(x.items);
        hz_http_error(r, 500, "INTERNAL", "内存不足 (out of memory)");
        return;
    }
    if (hz_app_member_stays(r->app, p[0], on_stay, &x, mv, &e)) {
        json_decref(x.items);
        hz_http_fail(r, &e);
    } else {
        json_t *covs = json_array();
        for (int i = 0; i < mv->n_coverages; i++) {
            const hz_coverage *c = &mv->coverages[i];
            bool valid = !strcmp(c->status, "active") && c->start <= r->app->today && r->app->today <= c->end;
            json_array_append_new(covs, json_pack("{s:s, s:i, s:o, s:o, s:s}", "plan", c->plan_code, "shares", c->shares,
                                                  "start", hz_json_date(c->start), "end", hz_json_date(c->end), "state",
                                                  valid ? "valid" : c->start > r->app->today ? "future" : "expired"));
        }
        json_t *o = json_pack("{s:o, s:I, s:o, s:o}", "items", x.items, "total", (json_int_t)json_array_size(x.items),
                              "coverages", covs, "today", hz_json_date(r->app->today));
        hz_http_json(r, 200, o);
    }
    free(mv);
}

void h_claim_approve(hz_req *r, char **p) { claim_action(r, p[0], ACT_APPROVE); }
void h_claim_reject(hz_req *r, char **p) { claim_action(r, p[0], ACT_REJECT); }
void h_claim_documents(hz_req *r, char **p) { claim_action(r, p[0], ACT_DOCS); }

static void on_proactive(void *ctx, const hz_proactive_item *it) {
    char b[HZ_MONEY_BUF];
    json_array_append_new(ctx, json_pack("{s:s, s:s, s:s, s:s}", "claim_no", it->claim_no, "id_number", it->id_number,
                                         "setl_id", it->setl_id, "total", hz_money_format(it->total, b)));
}

void h_proactive(hz_req *r, char **p) {
    (void)p;
    hz_date since = hz_date_from_ymd(1900, 1, 1);
    hz_errinfo e;
    const char *s = hz_http_query(r, "since");
    if (s && hz_norm_date(s, &since, "since", &e)) {
        hz_http_fail(r, &e);
        return;
    }
    json_t *created = json_array();
    int64_t n;
    if (hz_app_claims_proactive(r->app, since, on_proactive, created, &n, &e)) {
        json_decref(created);
        hz_http_fail(r, &e);
        return;
    }
    hz_http_json(r, 200, json_pack("{s:o}", "created", created));
}

static const char *batch_dir(void) {
    const char *d = getenv("HUZHU_BATCH_DIR");
    return d && *d ? d : "batches";
}

static bool safe_name(const char *s) {
    for (; *s; s++)
        if (!((*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '-')) return false;
    return true;
}

void h_batch_add(hz_req *r, char **p) {
    (void)p;
    hz_batch_report rep;
    hz_errinfo e;
    if (mkdir(batch_dir(), 0700) != 0 && errno != EEXIST) {
        hz_http_error(r, 500, "INTERNAL", "无法建立批次文件目录 (cannot create the batch directory)");
        return;
    }
    /* the file lands as batch_dir()/BATCH_NO.csv, where h_batch_file reads it */
    if (hz_app_pay_batch(r->app, batch_dir(), true, &rep, &e)) {
        hz_http_fail(r, &e);
        return;
    }
    char file[160];
    snprintf(file, sizeof file, "/api/v1/payment-batches/%s/file", rep.batch_no);
    json_t *o = json_pack("{s:o, s:I, s:o, s:I, s:o}", "batch_no", rep.count ? json_string(rep.batch_no) : json_null(),
                          "count", (json_int_t)rep.count, "total", hz_json_money(rep.total), "skipped_no_bank_card",
                          (json_int_t)rep.skipped_no_card, "file", rep.count ? json_string(file) : json_null());
    json_object_set_new(o, "offset", hz_json_money(rep.offset));
    json_object_set_new(o, "settled_by_offset", json_integer(rep.settled_by_offset));
    json_object_set_new(o, "rewritten", json_boolean(rep.rewritten));
    hz_http_json(r, rep.count ? 201 : 200, o);
}

void h_batch_file(hz_req *r, char **p) {
    hz_errinfo e;
    if (hz_authz_can(r->app, HZ_A_PAY, &e)) {
        hz_http_fail(r, &e);
        return;
    }
    char path[512];
    if (!safe_name(p[0])) {
        hz_http_error(r, 404, "NOT_FOUND", "批次号不是有效的批次号 (no such batch)");
        return;
    }
    snprintf(path, sizeof path, "%s/%s.csv", batch_dir(), p[0]);
    FILE *f = fopen(path, "rb");
    if (!f) {
        char msg[128];
        snprintf(msg, sizeof msg, "批次 %.40s 不存在 (no such batch)", p[0]);
        hz_http_error(r, 404, "NOT_FOUND", msg);
        return;
    }
    long n = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
    char *buf = n >= 0 && fseek(f, 0, SEEK_SET) == 0 ? malloc((size_t)n + 1) : NULL;
    size_t got = buf ? fread(buf, 1, (size_t)n, f) : 0;
    bool read_ok = buf && !ferror(f) && got == (size_t)n;
    fclose(f);
    if (!read_ok) {
        free(buf);
        hz_http_error(r, 500, "INTERNAL", "无法读取批次文件 (cannot read the batch file)");
        return;
    }
    r->status = 200;
    r->raw = buf;
    r->raw_len = got;
    r->raw_type = "text/csv; charset=utf-8";
    snprintf(r->disposition, sizeof r->disposition, "attachment; filename=\"%s.csv\"", p[0]);
}

void h_batch_confirm(hz_req *r, char **p) {
    (void)p;
    char path[256];
    if (!hz_http_body_file(r, path, sizeof path)) return;
    hz_confirm_report rep;
    hz_errinfo e;
    hz_err rc = hz_app_pay_confirm(r->app, path, hz_http_query(r, "batch"), &rep, &e);
    unlink(path);
    json_t *rej = hz_view_row_errors(rep.rejected, rep.n_listed);
    hz_confirm_report_free(&rep);
    if (rc)
        hz_http_rejected(r, &e, rej);
    else
        hz_http_json(r, 200, json_pack("{s:I, s:I, s:I, s:I, s:o}", "rows", (json_int_t)rep.rows, "paid",
                                       (json_int_t)rep.paid, "failed", (json_int_t)rep.failed, "duplicate",
                                       (json_int_t)rep.duplicate, "rejected", rej));
}

typedef struct {
    const char *name;
    hz_report_args args;
} report_call;

static hz_err report_table(hz_req *r, void *arg, hz_report *rep, hz_errinfo *e) {
    const report_call *c = arg;
    return hz_app_report_streamed(r->app, c->name, &c->args, rep, e);
}

/* GET /api/v1/reports/:name?from=&to=&org=&format=json|csv|xlsx: every
 * module's report, the same table as `huzhu report NAME`. */
void h_report(hz_req *r, char **p) {
    hz_errinfo e;
    report_call call = {p[0], {0}};
    hz_report_args *ap = &call.args;
    hz_report_args_default(r->app, ap);
    const char *f = hz_http_query(r, "from"), *t = hz_http_query(r, "to"), *format = hz_http_query(r, "format");
    r->format_read = true;
    if ((f && hz_norm_date(f, &ap->from, "from", &e)) || (t && hz_norm_date(t, &ap->to, "to", &e))) {
        hz_http_fail(r, &e);
        return;
    }
    ap->org = hz_http_query(r, "org");
    hz_report_format fmt = HZ_FMT_JSON;
    if (format && (hz_report_format_parse(format, &fmt, &e) || fmt == HZ_FMT_TABLE)) {
        hz_http_error(r, 400, "VALIDATION", "format: 应为 json、csv 或 xlsx (json, csv or xlsx)");
        return;
    }
    hz_http_table(r, fmt, report_table, &call);
}

bool hz_http_export_format(hz_req *r, hz_report_format *fmt, bool *answered) {
    const char *format = hz_http_query(r, "format");
    *answered = false;
    r->format_read = true;
    if (!format || !*format || !strcmp(format, "json")) return false;
    hz_errinfo e;
    if (hz_report_format_parse(format, fmt, &e) || *fmt == HZ_FMT_TABLE) {
        hz_http_error(r, 400, "VALIDATION", "format: 应为 json、csv 或 xlsx (json, csv or xlsx)");
        *answered = true;
        return false;
    }
    return true;
}

void hz_http_table(hz_req *r, hz_report_format fmt, hz_http_table_fn build, void *arg) {
    hz_errinfo e;
    /* the table is written to an unnamed file as its rows are built and
     * sent from there: memory does not grow with the rows (issue 14) */
    int fd = hz_http_temp_file();
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    FILE *out = fd >= 0 && fmt != HZ_FMT_XLSX ? fdopen(dup(fd), "w") : NULL;
    hz_report rep;
    memset(&rep, 0, sizeof rep);
    hz_err rc = fd < 0 || (fmt != HZ_FMT_XLSX && !out)
                    ? hz_fail(&e, HZ_EINTERNAL, "无法创建临时文件 (cannot create a temporary file)")
                    : hz_report_stream_begin(&rep, fmt, out, fmt == HZ_FMT_XLSX ? path : NULL, &e);
    if (!rc) rc = build(r, arg, &rep, &e);
    if (!rc) rc = hz_report_stream_end(&rep, &e);
    if (out && fclose(out) != 0 && !rc) rc = hz_fail(&e, HZ_EINTERNAL, "写入失败 (write failed)");
    if (rc) {
        if (fd >= 0) close(fd);
        hz_http_fail(r, &e);
    } else if (hz_http_respond_file(r, fd, fmt == HZ_FMT_JSON  ? "application/json; charset=utf-8"
                                           : fmt == HZ_FMT_CSV ? "text/csv; charset=utf-8"
                                                               : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") &&
               fmt != HZ_FMT_JSON) {
        snprintf(r->disposition, sizeof r->disposition, "attachment; filename=\"%s.%s\"", rep.name,
                 fmt == HZ_FMT_CSV ? "csv" : "xlsx");
    }
    hz_report_free(&rep);
}

/* GET /api/v1/reports: the name and Chinese title of every report. */
void h_reports(hz_req *r, char **p) {
    (void)p;
    hz_errinfo e;
    if (hz_authz_can(r->app, HZ_A_REPORT, &e)) {
        hz_http_fail(r, &e);
        return;
    }
    json_t *items = json_array();
    for (const hz_app_module *const *m = hz_app_modules; *m; m++)
        for (const hz_report_def *d = (*m)->reports; d && d->name; d++)
            json_array_append_new(items, json_pack("{s:s, s:s, s:s}", "name", d->name, "title", d->title, "module",
                                                   (*m)->name));
    hz_http_list(r, items, (int64_t)json_array_size(items));
}

#define V1 "/api/v1"
static const hz_route claims_routes[] = {
    {"POST", V1 "/settlements", h_settlements, true, true, HZ_A_SETTLEMENT_IMPORT},
    {"GET", V1 "/settlements", h_settlements_list, true, false},
    {"POST", V1 "/settlements/relink", h_settlements_relink, true, false},
    {"GET", V1 "/claims", h_claims, true, false},
    {"POST", V1 "/claims", h_claim_add, true, false},
    {"POST", V1 "/claims/proactive", h_proactive, true, false},
    {"GET", V1 "/claims/:claim_no", h_claim_get, true, false},
    {"POST", V1 "/claims/:claim_no/approve", h_claim_approve, true, false},
    {"POST", V1 "/claims/:claim_no/reject", h_claim_reject, true, false},
    {"POST", V1 "/claims/:claim_no/documents", h_claim_documents, true, false},
    {"GET", V1 "/members/:id/stays", h_member_stays, true, false},
    {NULL, NULL, NULL, false, false},
};
#undef V1
/* The claims module's routes (src/modules.def). */
const hz_http_module hz_http_module_claims = {"claims", claims_routes};

#define V1 "/api/v1"
static hz_err recovery_row(void *ctx, const hz_recovery_row *x, hz_errinfo *e) {
    (void)e;
    json_array_append_new(ctx, json_pack("{s:s, s:s, s:o, s:o, s:o}", "id_number", x->id_number, "name", x->name,
                                         "owes", hz_json_money(x->owes), "recovered", hz_json_money(x->recovered),
                                         "written_off", hz_json_money(x->written_off)));
    return HZ_OK;
}

static hz_err recovery_item(void *ctx, const hz_recovery_row *x, hz_errinfo *e) {
    hz_req *r = ctx;
    hz_err rc = recovery_row(r->json, x, e);
    json_t *o = json_array_get(r->json, json_array_size(r->json) - 1);
    char id[HZ_ID_LEN + 1];
    json_object_set_new(o, "id_number", json_string(hz_list_id(r->app, x->id_number, id)));
    json_object_set_new(o, "unit_name", json_string(x->unit_name));
    json_object_set_new(o, "status", json_string(x->owes > 0 ? "open" : "closed"));
    json_object_set_new(o, "since", hz_json_opt_str(x->since));
    return rc;
}

static hz_err recoveries_page(hz_req *r, void *arg, hz_page pg, int64_t *total, hz_errinfo *e) {
    return hz_app_recoveries_page(r->app, arg, pg, recovery_item, r, total, e);
}

static hz_err recoveries_table(hz_req *r, void *arg, hz_report *rep, hz_errinfo *e) {
    return hz_app_recoveries_export(r->app, arg, rep, e);
}

/* GET /recoveries?q=&status=open|closed&unit=&from=&to=&sort=&order=&page=
 * &per_page=[&format=csv|xlsx]: members who owe or owed money back (a
 * page, in the caller's scope) and where the money went (summary). */
static void h_recoveries(hz_req *r, char **p) {
    (void)p;
    hz_list_query q = hz_http_list_query(r);
    hz_http_list_or_export(r, &q, recoveries_page, recoveries_table);
    if (r->status != 200 || !r->json || !json_object_get(r->json, "items")) return;
    hz_errinfo e;
    hz_money_summary m;
    if (hz_app_money_summary(r->app, &m, &e)) {
        hz_http_fail(r, &e);
        return;
    }
    json_object_set_new(r->json, "summary",
                        json_pack("{s:o, s:o, s:o, s:o, s:o}", "paid_out", hz_json_money(m.paid_out), "pending",
                                  hz_json_money(m.pending), "recovered", hz_json_money(m.recovered), "written_off",
                                  hz_json_money(m.written_off), "outstanding", hz_json_money(m.outstanding)));
}

/* POST /recoveries {"id_number","kind":"repay|writeoff","amount","reason","ref"} */
static void h_recovery_add(hz_req *r, char **p) {
    (void)p;
    json_t *doc = hz_http_body_json(r);
    if (!doc) return;
    hz_errinfo e;
    hz_fen amount = 0, owes;
    const char *id, *kind, *a, *reason, *ref;
    /* a field of the wrong JSON type is refused naming it, never dropped (a
     * numeric ref would skip the one-serial-one-repayment check) */
    if (!hz_json_str(r, doc, "id_number", &id) || !hz_json_str(r, doc, "kind", &kind) ||
        !hz_json_str(r, doc, "amount", &a) || !hz_json_str(r, doc, "reason", &reason) ||
        !hz_json_str(r, doc, "ref", &ref)) {
        json_decref(doc);
        return;
    }
    bool bad_amount = a && hz_money_parse(a, false, &amount, "amount", &e) != HZ_OK;
    if (!id || !kind || !a || bad_amount) {
        /* every field that is wrong, named: an ill-formed amount and a missing kind both */
        char msg[400] = "";
        if (bad_amount) hz_appendf(msg, sizeof msg, "%s", e.msg);
        if (!a) hz_appendf(msg, sizeof msg, "amount: 必填, 以字符串表示的金额 (required, a money string)");
        if (!id) hz_appendf(msg, sizeof msg, "%sid_number: 必填 (required)", *msg ? "; " : "");
        if (!kind) hz_appendf(msg, sizeof msg, "%skind: 必填 (required)", *msg ? "; " : "");
        hz_http_error(r, 400, "VALIDATION", msg);
    } else if (hz_app_recovery_record(r->app, id, kind, amount, reason, ref, &owes, &e)) {
        hz_http_fail(r, &e);
    } else {
        hz_http_json(r, 201, json_pack("{s:s, s:s, s:o, s:o}", "id_number", id, "kind", kind, "amount",
                                       hz_json_money(amount), "owes", hz_json_money(owes)));
    }
    json_decref(doc);
}

static const hz_route payments_routes[] = {
    {"GET", V1 "/recoveries", h_recoveries, true, false},
    {"POST", V1 "/recoveries", h_recovery_add, true, false},
    {"POST", V1 "/payment-batches", h_batch_add, true, false},
    {"GET", V1 "/payment-batches", h_batches, true, false},
    {"GET", V1 "/payment-batches/:batch_no", h_batch_get, true, false},
    {"GET", V1 "/payment-batches/:batch_no/file", h_batch_file, true, false},
    {"POST", V1 "/payment-batches/confirm", h_batch_confirm, true, true, HZ_A_PAY},
    {NULL, NULL, NULL, false, false},
};
#undef V1
/* The payments module's routes (src/modules.def). */
const hz_http_module hz_http_module_payments = {"payments", payments_routes};

#define V1 "/api/v1"
static const hz_route reports_routes[] = {
    {"GET", V1 "/reports", h_reports, true, false},
    {"GET", V1 "/reports/:name", h_report, true, false},
    {NULL, NULL, NULL, false, false},
};
#undef V1
/* The reports module's routes (src/modules.def). */
const hz_http_module hz_http_module_reports = {"reports", reports_routes};
