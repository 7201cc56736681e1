/* The documents module's use cases (app/documents.h): gather what each
 * document shows through the other modules' reads, with their role and
 * scope checks, mask it for paper (ID numbers and bank cards are always
 * masked: paper leaves the office), and lay it out (io/documents.c). */
#include "app/documents.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/authz.h"
#include "app/claim_shared.h"
#include "app/claims.h"
#include "app/journal.h"
#include "app/module.h"
#include "app/registry.h"
#include "core/idcard.h"
#include "core/plan.h"
#include "core/text.h"
#include "store/coverage.h"
#include "store/documents.h"
#include "store/ledger.h"
#include "store/lists.h"
#include "store/payable.h"
#include "store/registry.h"
#include "store/relief.h"
#include "store/settlement.h"

#define UNIT_ROWS_MAX 200000 /* members on one unit list */

static hz_err first_org(void *ctx, const hz_org *o, hz_errinfo *e) {
    (void)e;
    *(hz_org *)ctx = *o;
    return HZ_OK;
}

/* The header line: the federation at the root of the member's (or unit's)
 * org path, "西安市总工会职工互助保障办事处"; NULL: the office's root. */
static void office_name(hz_app *app, const char *org_path, char *out, size_t cap) {
    char root[HZ_CODE_MAX] = "";
    hz_org top;
    int64_t total;
    hz_errinfo te;
    memset(&top, 0, sizeof top);
    if (!org_path && hz_store_orgs_page(app->db, "", 0, 1, first_org, &top, &total, &te) == HZ_OK) org_path = top.path;
    const char *p = org_path && org_path[0] == '/' ? org_path + 1 : "";
    size_t n = strcspn(p, "/");
    if (n && n < sizeof root) {
        memcpy(root, p, n);
        root[n] = '\0';
    }
    hz_org org;
    hz_errinfo ne;
    if (root[0] && hz_store_org_by_code(app->db, root, &org, &ne) == HZ_OK)
        snprintf(out, cap, "%s职工互助保障办事处", org.name);
    else
        snprintf(out, cap, "职工互助保障办事处");
}

/* The cap of the benefit a line was paid from and what its term has used,
 * from the coverage's plan version and ledger. */
static hz_err line_cap(hz_app *app, const hz_coverage *cov, hz_doc_line *l, hz_errinfo *e) {
    const char *name = "";
    hz_err rc = hz_claims_benefit_cap(app, cov, l->line.component, l->line.period, &name, &l->cap, &l->used, e);
    if (rc) return rc;
    hz_strlcpy(l->plan_name, name, sizeof l->plan_name);
    l->start = cov->start;
    l->end = cov->end;
    l->has_cap = l->cap > 0;
    return HZ_OK;
}

static int stay_order(const void *a, const void *b) {
    const hz_settlement *x = a, *y = b;
    return x->adm_date < y->adm_date ? -1 : x->adm_date > y->adm_date;
}

hz_err hz_app_doc_notice(hz_app *app, const char *claim_no, FILE *out, hz_errinfo *e) {
    hz_claim_view *v = malloc(sizeof *v);
    hz_doc_notice *d = calloc(1, sizeof *d);
    hz_coverage *covs = malloc(sizeof *covs * HZ_MEMBER_COVERAGES_MAX);
    hz_err rc = HZ_OK;
    if (!v || !d || !covs) {
        rc = hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
        goto done;
    }
    if ((rc = hz_app_claim_show(app, claim_no, v, e))) goto done;
    office_name(app, v->member.org_path, d->office, sizeof d->office);
    d->claim = v->claim;
    d->member = v->member;
    hz_id_mask(v->member.id_number, d->id_masked);
    hz_bank_card_mask(v->member.bank_card, d->member.bank_card);
    int n_covs = 0;
    if ((rc = hz_store_coverages_of(app->db, v->member.id, covs, HZ_MEMBER_COVERAGES_MAX, &n_covs, e))) goto done;
    for (int i = 0; i < v->n_lines && d->n_lines < HZ_DOC_LINES_MAX; i++) {
        const hz_claim_line_row *row = &v->lines[i];
        if (row->reversed) continue; /* a reversed line no longer pays; the notice shows what stands */
        hz_doc_line *l = &d->lines[d->n_lines++];
        l->line = *row;
        for (int k = 0; k < n_covs; k++)
            if (covs[k].id == row->coverage_id && (rc = line_cap(app, &covs[k], l, e))) goto done;
        if (!row->settlement_id) continue;
        bool seen = false;
        for (int k = 0; k < d->n_stays; k++)
            seen = seen || d->stays[k].id == row->settlement_id;
        if (!seen && d->n_stays < HZ_DOC_STAYS_MAX &&
            (rc = hz_store_settlement_by_id(app->db, row->settlement_id, &d->stays[d->n_stays++], e)))
            goto done;
    }
    qsort(d->stays, (size_t)d->n_stays, sizeof d->stays[0], stay_order);
    /* the payment section says what the journal did, not what the status suggests */
    if ((rc = hz_claims_payout(app, v, &d->payout, e))) goto done;
    d->received = hz_ts_date(v->claim.submitted_at);
    d->complete = hz_ts_date(v->claim.documents_complete_at);
    d->due = d->complete == HZ_DATE_NONE ? HZ_DATE_NONE : d->complete + HZ_SLA_DAYS;
    d->paid = v->claim.paid_at[0] ? hz_ts_date(v->claim.paid_at) : HZ_DATE_NONE;
    d->sla_days = v->sla_days;
    d->printed = app->today;
    rc = hz_doc_notice_pdf(out, d, e);
done:
    free(v);
    free(d);
    free(covs);
    return rc;
}

/* ---------- certificates and their verification codes ---------- */

/* The code carries a MAC (56 bits) under the audit key over the member id
 * and the issue date, then the member id (40 bits) and the issue date (24
 * bits, days since 1970) under a pad keyed on that MAC: it reveals no ID
 * number (nor the member's row), cannot be guessed, and needs no table:
 * verification recovers id and date and recomputes the MAC. 15 bytes = 24 Crockford base32
 * symbols, shown in groups of four. */
#define CODE_BYTES 15
#define CODE_MAC_BYTES 7
static const char b32[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

static hz_err code_mac(const hz_app *app, int64_t member_id, hz_date issued, unsigned char mac[CODE_MAC_BYTES],
                       hz_errinfo *e) {
    char id[24], day[16], hex[65];
    snprintf(id, sizeof id, "%" PRId64, member_id);
    snprintf(day, sizeof day, "%d", (int)issued);
    const char *fields[] = {"huzhu certificate v1", id, day};
    hz_err rc = hz_audit_row_mac(app, fields, 3, hex, e);
    if (rc) return rc;
    for (int i = 0; i < CODE_MAC_BYTES; i++) {
        unsigned v;
        if (sscanf(hex + 2 * i, "%2x", &v) != 1) return hz_fail(e, HZ_EINTERNAL, "MAC");
        mac[i] = (unsigned char)v;
    }
    return HZ_OK;
}

/* The pad hiding the member id and date: keyed on the MAC, so the whole
 * code looks random and the pad is known again from the code itself. */
static hz_err code_pad(const hz_app *app, const unsigned char mac[CODE_MAC_BYTES], unsigned char pad[8],
                       hz_errinfo *e) {
    char m[2 * CODE_MAC_BYTES + 1], hex[65];
    for (int i = 0; i < CODE_MAC_BYTES; i++)
        snprintf(m + 2 * i, 3, "%02x", mac[i]);
    const char *fields[] = {"huzhu certificate pad v1", m};
    hz_err rc = hz_audit_row_mac(app, fields, 2, hex, e);
    for (int i = 0; rc == HZ_OK && i < 8; i++) {
        unsigned v;
        if (sscanf(hex + 2 * i, "%2x", &v) != 1) return hz_fail(e, HZ_EINTERNAL, "MAC");
        pad[i] = (unsigned char)v;
    }
    return rc;
}

/* raw: MAC (7 bytes), then member id (5) and issue date (3) under the pad. */
static hz_err code_make(const hz_app *app, int64_t member_id, hz_date issued, char out[40], hz_errinfo *e) {
    unsigned char raw[CODE_BYTES], pad[8];
    hz_err rc = code_mac(app, member_id, issued, raw, e);
    if (rc || (rc = code_pad(app, raw, pad, e))) return rc;
    for (int i = 0; i < 5; i++)
        raw[CODE_MAC_BYTES + i] = (unsigned char)((uint64_t)member_id >> (8 * (4 - i))) ^ pad[i];
    for (int i = 0; i < 3; i++)
        raw[CODE_MAC_BYTES + 5 + i] = (unsigned char)((uint32_t)issued >> (8 * (2 - i))) ^ pad[5 + i];
    size_t o = 0;
    for (int sym = 0; sym < CODE_BYTES * 8 / 5; sym++) {
        int bit = sym * 5, v = 0;
        for (int k = 0; k < 5; k++)
            v = v << 1 | ((raw[(bit + k) / 8] >> (7 - (bit + k) % 8)) & 1);
        if (sym && sym % 4 == 0) out[o++] = '-';
        out[o++] = b32[v];
    }
    out[o] = '\0';
    return HZ_OK;
}

/* Decodes a typed code; false when it is not 24 symbols of the alphabet. */
static bool code_parse(const char *code, unsigned char raw[CODE_BYTES]) {
    int n = 0;
    memset(raw, 0, CODE_BYTES);
    if (!code || strlen(code) > 64) return false;
    for (const char *p = code; *p; p++) {
        char ch = *p >= 'a' && *p <= 'z' ? (char)(*p - 32) : *p;
        if (ch == '-' || ch == ' ') continue;
        if (ch == 'O') ch = '0';
        if (ch == 'I' || ch == 'L') ch = '1';
        const char *at = strchr(b32, ch);
        if (!ch || !at || n == CODE_BYTES * 8 / 5) return false;
        int v = (int)(at - b32);
        for (int k = 0; k < 5; k++)
            if (v >> (4 - k) & 1) raw[(n * 5 + k) / 8] |= (unsigned char)(0x80 >> ((n * 5 + k) % 8));
        n++;
    }
    return n == CODE_BYTES * 8 / 5;
}

/* The coverages a certificate issued on `on` shows: active, ending on or
 * after that day, in the catalogue's order. */
static hz_err cert_coverages(hz_app *app, int64_t member_id, hz_date on, hz_doc_coverage *out, int *n, hz_errinfo *e) {
    hz_coverage *rows = malloc(sizeof *rows * HZ_MEMBER_COVERAGES_MAX);
    if (!rows) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    int n_rows = 0;
    *n = 0;
    hz_err rc = hz_store_coverages_of(app->db, member_id, rows, HZ_MEMBER_COVERAGES_MAX, &n_rows, e);
    static const char *const order[] = {"ZY", "ZJ", "NG", "YW", "JT", "XYT"};
    for (int k = 0; rc == HZ_OK && k <= 6; k++)
        for (int i = n_rows - 1; rc == HZ_OK && i >= 0 && *n < HZ_DOC_COVERAGES_MAX; i--) {
            const hz_coverage *c = &rows[i];
            bool listed = false;
            for (int j = 0; j < 6; j++)
                listed = listed || !strcmp(c->plan_code, order[j]);
            if (k < 6 ? strcmp(c->plan_code, order[k]) != 0 : listed) continue;
            if (strcmp(c->status, "active") != 0 || c->end < on) continue;
            hz_doc_coverage *d = &out[(*n)++];
            memset(d, 0, sizeof *d);
            const hz_plan *plan;
            int version;
            if ((rc = hz_app_plan_by_id(app, c->plan_id, &plan, &version, e))) break;
            hz_strlcpy(d->plan, c->plan_code, sizeof d->plan);
            hz_strlcpy(d->plan_name, plan->name, sizeof d->plan_name);
            hz_strlcpy(d->payer, c->payer_kind, sizeof d->payer);
            d->shares = c->shares;
            d->months = c->months;
            d->start = c->start;
            d->end = c->end;
            d->premium = c->premium;
        }
    free(rows);
    return rc;
}

hz_err hz_app_doc_certificate(hz_app *app, const char *member, FILE *out, hz_errinfo *e) {
    hz_member_view *v = malloc(sizeof *v);
    hz_doc_certificate *d = calloc(1, sizeof *d);
    hz_err rc = HZ_OK;
    if (!v || !d) {
        rc = hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
        goto done;
    }
    int64_t ref;
    rc = hz_member_ref_parse(member, &ref) ? hz_app_member_show_ref(app, member, v, e)
                                           : hz_app_member_show(app, member, v, e);
    if (rc) goto done;
    const hz_member *m = &v->member;
    office_name(app, m->org_path, d->office, sizeof d->office);
    hz_strlcpy(d->name, m->name, sizeof d->name);
    hz_id_mask(m->id_number, d->id_masked);
    d->sex = m->sex;
    hz_strlcpy(d->unit_name, m->unit_name, sizeof d->unit_name);
    d->issued = app->today;
    if ((rc = cert_coverages(app, m->id, d->issued, d->coverages, &d->n_coverages, e)) ||
        (rc = code_make(app, m->id, d->issued, d->code, e)))
        goto done;
    /* who was given a certificate, and which code, is on the audit trail */
    char object[48], detail[96], day[HZ_DATE_BUF];
    snprintf(object, sizeof object, "member:%s", m->id_number);
    snprintf(detail, sizeof detail, "{\"issued\":\"%s\",\"code\":\"%s\"}", hz_date_format(d->issued, day), d->code);
    if ((rc = hz_db_begin(app->db, e))) goto done;
    if ((rc = hz_audit(app, "document.certificate", object, detail, e)) || (rc = hz_db_commit(app->db, e))) {
        hz_db_rollback(app->db);
        goto done;
    }
    rc = hz_doc_certificate_pdf(out, d, e);
done:
    free(v);
    free(d);
    return rc;
}

hz_err hz_app_doc_verify(hz_app *app, const char *code, hz_doc_verification *out, hz_errinfo *e) {
    memset(out, 0, sizeof *out);
    unsigned char raw[CODE_BYTES], want[CODE_MAC_BYTES], pad[8];
    int64_t member_id = 0;
    int32_t issued = 0;
    if (!code_parse(code, raw)) goto unknown;
    hz_err rc = code_pad(app, raw, pad, e);
    if (rc) return rc;
    for (int i = 0; i < 5; i++)
        member_id = member_id << 8 | (raw[CODE_MAC_BYTES + i] ^ pad[i]);
    for (int i = 0; i < 3; i++)
        issued = issued << 8 | (raw[CODE_MAC_BYTES + 5 + i] ^ pad[5 + i]);
    if (member_id <= 0 || issued > app->today) goto unknown;
    if ((rc = code_mac(app, member_id, issued, want, e))) return rc;
    unsigned diff = 0;
    for (int i = 0; i < CODE_MAC_BYTES; i++)
        diff |= (unsigned)(want[i] ^ raw[i]); /* constant time */
    if (diff) goto unknown;
    hz_member m;
    hz_errinfo ne;
    if (hz_store_member_by_id(app->db, member_id, &m, &ne) != HZ_OK) goto unknown;
    hz_relief_mask_name(m.name, out->name, sizeof out->name);
    out->issued = issued;
    if ((rc = code_make(app, member_id, issued, out->code, e))) return rc;
    return cert_coverages(app, member_id, issued, out->coverages, &out->n_coverages, e);
unknown:
    return hz_fail(e, HZ_ENOTFOUND, "核验码不存在 (no certificate has this code)");
}

/* ---------- a unit's coverage list ---------- */

typedef struct {
    hz_doc_unit_list *d;
    size_t cap;
    int64_t last_member;
    hz_errinfo *e;
} roll_ctx;

static hz_err roll_one(void *vctx, const hz_member *m, const hz_coverage *c, hz_errinfo *e) {
    roll_ctx *x = vctx;
    hz_doc_unit_list *d = x->d;
    if (m->id != x->last_member) {
        if (d->n_rows == UNIT_ROWS_MAX)
            return hz_fail(e, HZ_EINVAL, "单位会员超过 %d 人, 请分批打印 (too many members for one list)",
                           UNIT_ROWS_MAX);
        if (d->n_rows == x->cap) {
            size_t cap = x->cap ? x->cap * 2 : 256;
            hz_doc_unit_row *rows = realloc(d->rows, cap * sizeof *rows);
            if (!rows) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
            d->rows = rows;
            x->cap = cap;
        }
        hz_doc_unit_row *r = &d->rows[d->n_rows++];
        memset(r, 0, sizeof *r);
        hz_strlcpy(r->name, m->name, sizeof r->name);
        hz_id_mask(m->id_number, r->id_masked);
        r->sex = m->sex;
        x->last_member = m->id;
    }
    if (!c) return HZ_OK;
    hz_doc_unit_row *r = &d->rows[d->n_rows - 1];
    char s[HZ_DATE_BUF], t[HZ_DATE_BUF];
    size_t o = strlen(r->coverages);
    snprintf(r->coverages + o, sizeof r->coverages - o, "%s%s %d份 %s至%s", o ? "; " : "", c->plan_code, c->shares,
             hz_date_format(c->start, s), hz_date_format(c->end, t));
    d->coverages++;
    return HZ_OK;
}

hz_err hz_app_doc_unit(hz_app *app, const char *credit_code, FILE *out, hz_errinfo *e) {
    hz_doc_unit_list d;
    memset(&d, 0, sizeof d);
    hz_org org;
    hz_err rc;
    if ((rc = hz_authz_can(app, HZ_A_MEMBER_READ, e)) ||
        (rc = hz_store_unit_by_code(app->db, credit_code, &d.unit, e)) ||
        (rc = hz_store_org_by_id(app->db, d.unit.org_id, &org, e)))
        return rc;
    if ((rc = hz_authz_unit(app, &d.unit, org.path, e))) return rc;
    office_name(app, org.path, d.office, sizeof d.office);
    hz_strlcpy(d.org_name, org.name, sizeof d.org_name);
    d.printed = app->today;
    roll_ctx x = {&d, 0, 0, e};
    rc = hz_store_unit_roll(app->db, d.unit.id, app->today, roll_one, &x, e);
    if (rc == HZ_OK) rc = hz_doc_unit_list_pdf(out, &d, e);
    free(d.rows);
    return rc;
}

/* ---------- the 公示 list ---------- */

typedef struct {
    hz_doc_publicity *d;
    size_t cap;
    int64_t first_member; /* whose federation heads the list */
} pub_ctx;

static hz_err pub_one(void *vctx, const hz_relief_grant *g, hz_errinfo *e) {
    pub_ctx *x = vctx;
    hz_doc_publicity *d = x->d;
    if (d->n_rows == x->cap) {
        size_t cap = x->cap ? x->cap * 2 : 64;
        if (cap > UNIT_ROWS_MAX) return hz_fail(e, HZ_EINVAL, "公示名单过长 (list too long)");
        hz_doc_publicity_row *rows = realloc(d->rows, cap * sizeof *rows);
        if (!rows) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
        d->rows = rows;
        x->cap = cap;
    }
    if (!x->first_member) x->first_member = g->member_id;
    hz_doc_publicity_row *r = &d->rows[d->n_rows++];
    memset(r, 0, sizeof *r);
    hz_strlcpy(r->grant_no, g->grant_no, sizeof r->grant_no);
    hz_relief_mask_name(g->name, r->name, sizeof r->name);
    hz_id_mask(g->id_number, r->id_masked);
    r->amount = g->amount;
    return HZ_OK;
}

hz_err hz_app_doc_publicity(hz_app *app, const char *program, FILE *out, hz_errinfo *e) {
    hz_err rc = hz_authz_can_do(app, "relief.apply", e);
    if (rc) return rc;
    /* as `relief publicity`: the list is the whole programme's, an office document */
    if (app->who.scope_kind[0])
        return hz_fail(e, HZ_EFORBIDDEN, "公示名单由办事处发布 (only an office login publishes the list)");
    hz_doc_publicity d;
    memset(&d, 0, sizeof d);
    if ((rc = hz_store_relief_program_by_code(app->db, program, &d.program, e))) return rc;
    if (d.program.objection_until == HZ_DATE_NONE)
        return hz_fail(e, HZ_ECONFLICT,
                       "program: %s 的公示名单尚未发布, 请先发布 (relief publicity) (not published yet)", program);
    d.printed = app->today;
    pub_ctx x = {&d, 0, 0};
    rc = hz_store_relief_grants(app->db, d.program.id, "approved", pub_one, &x, e);
    hz_member m;
    hz_errinfo ne;
    bool found = x.first_member && hz_store_member_by_id(app->db, x.first_member, &m, &ne) == HZ_OK;
    office_name(app, found ? m.org_path : NULL, d.office, sizeof d.office);
    if (rc == HZ_OK) rc = hz_doc_publicity_pdf(out, &d, e);
    free(d.rows);
    return rc;
}

const hz_app_module hz_app_module_documents = {.name = "documents"};
