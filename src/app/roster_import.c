/* Roster import, pass 2: the rows pass 1 kept (roster_rows.c) written in one
 * transaction: members already stored updated in file order, new members in
 * ID-number order through bulk writes, with flags, coverages and contributions. */
#include "app/roster_rows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/module.h"
#include "app/authz.h"
#include "app/enroll.h"
#include "app/registry.h"
#include "app/security.h"
#include "core/flag.h"
#include "core/normalize.h"
#include "core/text.h"
#include "store/bulk.h"
#include "store/coverage.h"
#include "store/registry.h"
#include "store/store.h"

static void note_existing(void *ctx, const char *id_number, int64_t member_id) {
    roster_ctx *c = ctx;
    c->n_existing++;
    hz_roster_id_put(&c->existing, id_number, (long)member_id);
}

/* Looks up, in one go, which people of the file are members already. */
static hz_err load_existing(roster_ctx *c, hz_errinfo *e) {
    const char **ids = malloc(sizeof *ids * (c->seen.cap ? c->seen.cap : 1));
    if (!ids) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    size_t n = 0;
    for (size_t i = 0; i < c->seen.cap; i++)
        if (c->seen.slots[i].id[0]) ids[n++] = c->seen.slots[i].id;
    c->existing.cap = 1024;
    while (c->existing.cap < n * 2) c->existing.cap *= 2;
    c->existing.slots = calloc(c->existing.cap, sizeof *c->existing.slots);
    hz_err rc = c->existing.slots ? hz_store_existing_members(c->app->db, ids, n, note_existing, c, e)
                                  : hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    free(ids);
    return rc;
}

/* Scope on every row, before anything is written (issue 12 case 1): a
 * scoped caller (a unit liaison) may re-import only people already in its
 * scope; a row for anyone registered elsewhere is rejected, and the caller
 * refuses the whole import whatever --skip-invalid says. The office sees
 * everyone and skips this. *refused counts such rows. */
static hz_err check_scope(roster_ctx *c, long *refused, hz_errinfo *e) {
    *refused = 0;
    if (!c->app->who.scope_kind[0]) return HZ_OK;
    for (size_t i = 0; i < c->existing.cap; i++) {
        if (!c->existing.slots[i].id[0]) continue;
        hz_member m;
        hz_errinfo se;
        hz_err rc = hz_store_member_by_id(c->app->db, c->existing.slots[i].row, &m, e);
        if (rc) return rc;
        if (hz_authz_member(c->app, &m, &se) == HZ_OK && m.unit_id == c->unit.id) continue;
        hz_roster_reject_row(c, hz_roster_id_get(&c->seen, m.id_number), "id_number",
               "此人已在其他单位或以个人会员登记, 不能由本单位花名册变更, 如需调入请联系办事处"
               " (registered outside this unit; the office transfers members)");
        (*refused)++;
    }
    return HZ_OK;
}

/* Writes the batch of new members: ids first, then members, flags,
 * coverages and contributions, each table in one bulk load. */
static hz_err flush_batch(roster_ctx *c, hz_errinfo *e) {
    hz_app *app = c->app;
    int n = c->n_batch;
    if (n == 0) return HZ_OK;
    hz_err rc = hz_store_reserve_ids(app->db, "member", n, c->ids, e);
    if (rc) return rc;
    for (int i = 0; i < n; i++) c->batch[i].id = c->ids[i];
    /* every row references the unit, org and plans locked up front or a
     * row of this batch (hz_store_bulk_fk_prepare) */
    if ((c->fk_off && (rc = hz_store_bulk_fk(app->db, false, e))) ||
        (rc = hz_store_bulk_members(app->db, c->batch, n, app->now, e)) ||
        (rc = hz_store_bulk_flags(app->db, c->batch, (const hz_flag(*)[3])c->batch_flags, c->batch_n_flags, n, e)))
        return rc;
    for (int k = 0; k < c->n_plans; k++) {
        const roster_plan *p = &c->plans[k];
        int months = c->in->months ? c->in->months : p->plan->terms[0];
        if ((rc = hz_store_reserve_ids(app->db, "coverage", n, c->ids, e))) return rc;
        hz_fen premium;
        if ((rc = hz_plan_premium(p->plan, p->shares, months, &premium, e))) return rc;
        for (int i = 0; i < n; i++) {
            hz_coverage *cv = &c->covs[i];
            memset(cv, 0, sizeof *cv);
            cv->id = c->ids[i];
            cv->member_id = c->batch[i].id;
            cv->plan_id = p->plan_id;
            hz_strlcpy(cv->plan_code, p->code, sizeof cv->plan_code);
            cv->shares = p->shares;
            cv->start = c->in->start;
            cv->end = hz_date_term_end(c->in->start, months);
            cv->months = months;
            hz_strlcpy(cv->payer_kind, c->payer_kind, sizeof cv->payer_kind);
            hz_strlcpy(cv->payer_ref, c->payer_ref, sizeof cv->payer_ref);
            cv->premium = premium;
        }
        if ((rc = hz_store_bulk_coverages(app->db, c->covs, n, app->now, e))) return rc;
        c->rep->coverages += n;
    }
    if (c->fk_off && (rc = hz_store_bulk_fk(app->db, true, e))) return rc;
    /* after the roster's own coverages, which a module's gift must not overlap */
    if ((rc = hz_app_members_joined(app, c->batch, (size_t)n, e))) return rc;
    c->n_batch = 0;
    return HZ_OK;
}

/* A new member's kept row and its sort key: the ID number as a number
 * (17 digits, then the check character, X after 9), which orders as the
 * text does. */
typedef struct {
    uint64_t key;
    size_t k;
} new_row;

static uint64_t id_key(const char *id) {
    uint64_t v = 0;
    for (int i = 0; i < 17 && id[i]; i++) v = v * 10 + (uint64_t)(id[i] - '0');
    return v * 11 + (id[17] == 'X' || id[17] == 'x' ? 10 : (uint64_t)(id[17] - '0'));
}

static int new_row_cmp(const void *a, const void *b) {
    uint64_t x = ((const new_row *)a)->key, y = ((const new_row *)b)->key;
    return x < y ? -1 : x > y;
}

/* Writes one kept row (pass 2): a member already stored is updated and
 * enrolled here, a new one goes into the bulk batch (or, row by row, the
 * one-by-one path). */
static hz_err pass2_write(roster_ctx *c, long row, roster_row *rrp, hz_errinfo *e) {
    hz_app *app = c->app;
    roster_row rr = *rrp;
    hz_member *m = &rr.m;
    m->unit_id = c->unit.id;
    m->org_id = c->unit.org_id;
    hz_strlcpy(m->unit_code, c->unit.credit_code, sizeof m->unit_code);
    hz_err rc;
    int64_t existing = hz_roster_id_get(&c->existing, m->id_number);
    hz_flag flags[32];
    int n_flags = 0;
    if (existing) {
        m->id = existing;
        /* a coverage of the same plan overlapping with another start date
         * cannot be written: refuse the row before touching anything */
        for (int i = 0; i < c->n_plans; i++) {
            const roster_plan *p = &c->plans[i];
            int months = c->in->months ? c->in->months : p->plan->terms[0];
            hz_coverage same;
            int64_t overlaps;
            if ((rc = hz_store_coverage_same(app->db, m->id, p->code, c->in->start, &same, e))) return rc;
            if (same.id) continue;
            if ((rc = hz_store_coverage_overlaps(app->db, m->id, p->code, c->in->start,
                                                 hz_date_term_end(c->in->start, months), &overlaps, e)))
                return rc;
            if (overlaps) {
                char why[160];
                snprintf(why, sizeof why, "已有 %s 计划的重叠保障 (overlapping %s coverage exists)", p->code, p->code);
                hz_roster_reject_row(c, row, "plan", why);
                return HZ_OK;
            }
        }
        hz_member old;
        if ((rc = hz_store_member_by_id(app->db, m->id, &old, e))) return rc;
        /* a blank card cell keeps the card on file: it is no instruction
         * to stop paying the member */
        if (!m->bank_card[0]) {
            hz_strlcpy(m->bank_card, old.bank_card, sizeof m->bank_card);
            hz_strlcpy(m->bank_name, old.bank_name, sizeof m->bank_name);
        }
        if (old.unit_id != c->unit.id && strcmp(old.bank_card, m->bank_card) != 0) {
            hz_roster_reject_row(c, row, "bank_card",
                   "不能通过其他单位的花名册变更会员的银行卡 (a roster cannot change the card of a member of another unit)");
            return HZ_OK;
        }
        if ((rc = hz_store_member_update(app->db, m, app->now, e)) ||
            (rc = hz_card_change_record(app, m, old.bank_card, old.bank_name, "roster", e)))
            return rc;
        c->rep->updated++;
    } else if (c->in->row_by_row) {
        if ((rc = hz_store_member_insert(app->db, m, app->now, e))) return rc;
        c->rep->imported++;
    } else {
        /* a new member: eligibility was checked in pass 1; write in bulk */
        int b = c->n_batch++;
        c->batch[b] = *m;
        memcpy(c->batch_flags[b], rr.flags, sizeof rr.flags);
        c->batch_n_flags[b] = rr.n_flags;
        c->rep->imported++;
        if (c->n_batch == ROSTER_BATCH && (rc = flush_batch(c, e))) return rc;
        long done = c->rep->imported + c->rep->updated;
        if (c->in->progress && done % 50000 == 0) c->in->progress(c->in->progress_ctx, done, c->total);
        return HZ_OK;
    }
    for (int i = 0; i < rr.n_flags; i++)
        if ((rc = hz_store_flag_put(app->db, m->id, &rr.flags[i], e))) return rc;
    if (existing) {
        if ((rc = hz_store_flags(app->db, m->id, flags, 32, &n_flags, e))) return rc;
    } else {
        memcpy(flags, rr.flags, sizeof rr.flags[0] * (size_t)rr.n_flags);
        n_flags = rr.n_flags;
    }
    for (int i = 0; i < c->n_plans; i++) {
        const roster_plan *p = &c->plans[i];
        hz_enroll_req req = {m,        flags,         n_flags,       p->plan_id, p->plan, p->shares, c->in->months,
                             c->in->start, c->payer_kind, c->payer_ref, true, !existing};
        bool existed;
        if ((rc = hz_enroll_one(app, &req, NULL, &existed, e))) {
            if (rc == HZ_EINVAL || rc == HZ_ECONFLICT) {
                hz_roster_reject_row(c, row, "plan", e->msg);
                return HZ_OK;
            }
            return rc;
        }
        if (!existed) c->rep->coverages++;
    }
    if (!existing && (rc = hz_app_members_joined(app, m, 1, e))) return rc;
    long done = c->rep->imported + c->rep->updated;
    if (c->in->progress && done % 50000 == 0) c->in->progress(c->in->progress_ctx, done, c->total);
    return HZ_OK;
}

hz_err hz_app_import_roster(hz_app *app, const hz_roster_input *in, hz_roster_report *out, hz_errinfo *e) {
    memset(out, 0, sizeof *out);
    roster_ctx c;
    memset(&c, 0, sizeof c);
    c.app = app;
    c.today = app->today;
    c.in = in;
    c.rep = out;
    hz_table *t = NULL;
    hz_err rc;
    if (in->start == HZ_DATE_NONE) return hz_fail(e, HZ_EINVAL, "start: 须指定起保日期 (--start is required)");
    char unit_code[19];
    if ((rc = hz_authz_can(app, HZ_A_ROSTER, e)) ||
        (rc = hz_norm_credit_code(in->unit_code, unit_code, sizeof unit_code, "unit", e)) ||
        (rc = hz_store_unit_by_code(app->db, unit_code, &c.unit, e)) ||
        (rc = hz_authz_unit(app, &c.unit, "", e)))
        return rc;
    c.hardship_to = hz_date_term_end(in->start, 12);
    if ((rc = hz_payer_resolve(app, in->payer ? in->payer : "unit", c.unit.credit_code, c.payer_kind, c.payer_ref, e)))
        return rc;
    for (int i = 0; i < in->n_plans; i++) {
        roster_plan *p = &c.plans[c.n_plans++];
        if ((rc = hz_plan_spec_parse(in->plans[i], p->code, &p->shares, e)) ||
            (rc = hz_app_plan_current(app, p->code, &p->plan_id, &p->plan, NULL, e)))
            return rc;
        int months = in->months ? in->months : p->plan->terms[0];
        bool term_ok = false;
        for (int k = 0; k < p->plan->n_terms; k++) term_ok |= p->plan->terms[k] == months;
        if (!term_ok) return hz_fail(e, HZ_EINVAL, "months: %s 计划不提供 %d 个月的期限 (term not offered)", p->code, months);
        if (p->shares < p->plan->min_shares || p->shares > p->plan->max_shares)
            return hz_fail(e, HZ_EINVAL, "plan: %s 计划份数应为 %d 至 %d 份 (shares out of range)", p->code,
                           p->plan->min_shares, p->plan->max_shares);
    }
    hz_store_bulk_mode(app->db);
    if ((rc = hz_table_open(in->path, in->encoding, &t, e))) goto done;
    out->format = hz_table_format(t);
    out->encoding = hz_table_encoding(t);
    if ((rc = hz_table_each(t, hz_roster_pass1_row, &c, e))) goto done;
    /* an empty, BOM-only or header-only file is refused, not "imported" and
     * audited as if a roster had arrived */
    if (out->rows == 0) {
        rc = hz_fail(e, HZ_EINVAL, "file: 文件没有数据行, 未导入任何数据 (no data rows; nothing imported)");
        goto done;
    }
    c.total = out->rows;
    if (out->n_rejected && !in->skip_invalid) {
        rc = hz_fail(e, HZ_EINVAL, "%ld 行有误, 未导入任何数据 (%ld invalid rows; nothing imported)", out->n_rejected,
                     out->n_rejected);
        goto done;
    }
    c.batch = malloc(sizeof *c.batch * ROSTER_BATCH);
    c.batch_flags = malloc(sizeof *c.batch_flags * ROSTER_BATCH);
    c.batch_n_flags = malloc(sizeof *c.batch_n_flags * ROSTER_BATCH);
    c.ids = malloc(sizeof *c.ids * ROSTER_BATCH);
    c.covs = malloc(sizeof *c.covs * ROSTER_BATCH);
    if (!c.batch || !c.batch_flags || !c.batch_n_flags || !c.ids || !c.covs) {
        rc = hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
        goto done;
    }
    if (in->solo) hz_store_import_solo(app->db, true);
    if ((rc = hz_db_begin(app->db, e))) goto done;
    long out_of_scope = 0;
    int64_t plan_ids[HZ_ROSTER_MAX_PLANS];
    for (int i = 0; i < c.n_plans; i++) plan_ids[i] = c.plans[i].plan_id;
    if ((rc = load_existing(&c, e)) || (rc = check_scope(&c, &out_of_scope, e)) ||
        (!in->row_by_row &&
         (rc = hz_store_bulk_fk_prepare(app->db, c.unit.id, c.unit.org_id, plan_ids, c.n_plans, &c.fk_off, e)))) {
        hz_db_rollback(app->db);
        goto done;
    }
    /* the CLI's import of mostly new people only appends: a random update
     * of a stored member is rare enough to read back from the file */
    if (in->solo && c.n_existing * 10 < c.n_kept) hz_store_import_appends(app->db);
    if (out_of_scope) {
        hz_db_rollback(app->db);
        rc = hz_fail(e, HZ_EINVAL, "%ld 行的人员不属于本单位, 未导入任何数据 (%ld rows name people outside this unit; "
                     "nothing imported)", out_of_scope, out_of_scope);
        goto done;
    }
    /* members already stored in file order; new ones after them, in ID
     * number order, so their ids and every index of theirs append */
    new_row *news = NULL;
    size_t n_news = 0;
    if (!in->row_by_row && !(news = malloc(sizeof *news * (c.n_kept ? c.n_kept : 1))))
        rc = hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    for (size_t k = 0; rc == HZ_OK && k < c.n_kept; k++) {
        roster_row rr;
        long row = hz_roster_kept_row(&c, k, &rr);
        if (news && !hz_roster_id_get(&c.existing, rr.m.id_number)) news[n_news++] = (new_row){id_key(rr.m.id_number), k};
        else rc = pass2_write(&c, row, &rr, e);
    }
    if (news && rc == HZ_OK) qsort(news, n_news, sizeof *news, new_row_cmp);
    for (size_t k = 0; rc == HZ_OK && k < n_news; k++) {
        roster_row rr;
        long row = hz_roster_kept_row(&c, news[k].k, &rr);
        rc = pass2_write(&c, row, &rr, e);
    }
    free(news);
    if (rc || (rc = flush_batch(&c, e))) {
        hz_db_rollback(app->db);
        goto done;
    }
    if (out->n_rejected && !in->skip_invalid) { /* conflicts found while writing */
        hz_db_rollback(app->db);
        out->imported = out->updated = out->coverages = 0;
        rc = hz_fail(e, HZ_EINVAL, "%ld 行有误, 未导入任何数据 (%ld invalid rows; nothing imported)", out->n_rejected,
                     out->n_rejected);
        goto done;
    }
    char object[48], detail[400];
    snprintf(object, sizeof object, "unit:%s", c.unit.credit_code);
    snprintf(detail, sizeof detail,
             "{\"file_digest\":\"%s\",\"rows\":%ld,\"imported\":%ld,\"updated\":%ld,\"coverages\":%ld,\"rejected\":%ld}",
             hz_table_digest(t), out->rows, out->imported, out->updated, out->coverages, out->n_rejected);
    if ((rc = hz_audit(app, "roster.import", object, detail, e))) {
        hz_db_rollback(app->db);
        goto done;
    }
    if (in->dry_run) {
        hz_db_rollback(app->db);
    } else {
        if ((rc = hz_db_commit(app->db, e))) goto done;
        out->written = true;
    }
    if (in->progress) in->progress(in->progress_ctx, c.total, c.total);
done:
    if (in->solo) hz_store_import_solo(app->db, false);
    hz_store_bulk_end(app->db);
    hz_table_free(t);
    free(c.seen.slots);
    free(c.existing.slots);
    free(c.bad);
    free(c.batch);
    free(c.batch_flags);
    free(c.batch_n_flags);
    free(c.ids);
    free(c.covs);
    free(c.kept);
    free(c.kept_at);
    return rc;
}

void hz_roster_report_free(hz_roster_report *r) {
    free(r->rejected);
    r->rejected = NULL;
}
