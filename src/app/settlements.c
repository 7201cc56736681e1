/* Settlement feed import: validate every row, then write in one
 * transaction. */
#include "app/settlements.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/authz.h"
#include "app/lists.h"
#include "app/module.h"
#include "core/money.h"
#include "core/text.h"
#include "io/feed.h"
#include "store/bulk.h"
#include "store/registry.h"
#include "store/settlement.h"
#include "store/store.h"

/* One good row of the file as the cross-row checks see it: the settlement
 * it names and what it says, hashed (the file may hold a million rows). */
typedef struct {
    unsigned char key[16]; /* setl_id */
    unsigned char says[16]; /* what a re-sent row must repeat (settlement_says) */
    unsigned char who[8];   /* certno: a refund's must be its settlement's */
    long line;
    bool refund;
    bool on_file; /* the settlement is already stored */
} feed_seen;

typedef struct {
    hz_app *app;
    hz_feed_report *rep;
    unsigned char *bad;
    size_t bad_cap;
    hz_settlement *batch; /* new settlements, loaded in bulk */
    int n_batch;
    feed_seen *seen;
    size_t n_seen, cap_seen;
    hz_settlement *pend; /* pass 1: rows waiting for the stored look-up */
    long *pend_line;
    int n_pend;
    hz_settlement *known; /* the stored settlements of the rows pending */
    int n_known;
    bool row_by_row; /* each row looked up and written on its own */
} feed_ctx;

#define FEED_BATCH 5000

static hz_err flush_feed(feed_ctx *c, hz_errinfo *e) {
    if (!c->n_batch) return HZ_OK;
    int64_t added, unmatched;
    hz_err rc = hz_store_bulk_settlements(c->app->db, c->batch, c->n_batch, c->app->now, &added, &unmatched, e);
    if (rc) return rc;
    c->rep->added += added;
    c->rep->unmatched += unmatched;
    c->rep->duplicate += c->n_batch - added;
    c->n_batch = 0;
    return HZ_OK;
}

static hz_err mark_bad(feed_ctx *c, long line, hz_errinfo *e) {
    if ((size_t)line >= c->bad_cap) {
        size_t cap = c->bad_cap ? c->bad_cap : 4096;
        while (cap <= (size_t)line)
            cap *= 2;
        unsigned char *g = realloc(c->bad, cap);
        if (!g) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
        memset(g + c->bad_cap, 0, cap - c->bad_cap);
        c->bad = g;
        c->bad_cap = cap;
    }
    c->bad[line] = 1;
    return HZ_OK;
}

static hz_err reject(feed_ctx *c, long line, const char *field, const char *why, hz_errinfo *e) {
    hz_report_error(&c->rep->rejected, &c->rep->n_listed, &c->rep->n_rejected, line, field, why);
    return mark_bad(c, line, e);
}

/* The first field in which two records of one settlement disagree on what
 * the money rests on, or NULL. A re-sent settlement must repeat its
 * record; a correction comes as a refund and a new setl_id. */
static const char *settlement_differs(const hz_settlement *a, const hz_settlement *b) {
    if (strcmp(a->certno, b->certno)) return "certno";
    if (strcmp(a->med_type, b->med_type)) return "med_type";
    if (a->adm_date != b->adm_date) return "adm_date";
    if (a->dscg_date != b->dscg_date) return "dscg_date";
    if (strcmp(a->main_diag_code, b->main_diag_code)) return "main_diag_code";
    if (strcmp(a->diag_codes, b->diag_codes)) return "diag_codes";
    if (a->medfee_sumamt != b->medfee_sumamt) return "medfee_sumamt";
    if (a->fund_pay_sumamt != b->fund_pay_sumamt) return "fund_pay_sumamt";
    if (a->psn_selfpay != b->psn_selfpay) return "psn_selfpay";
    if (a->psn_ownpay != b->psn_ownpay) return "psn_ownpay";
    return NULL;
}

/* The settlement a row speaks of: a refund row carries its settlement's
 * record with the amounts negated, so negating them back must give the
 * settlement exactly (a refund of other dates or amounts is another stay,
 * or a mistyped number). */
static void as_settlement(const hz_settlement *row, hz_settlement *out) {
    *out = *row;
    if (row->refund) {
        out->medfee_sumamt = -row->medfee_sumamt;
        out->fund_pay_sumamt = -row->fund_pay_sumamt;
        out->psn_selfpay = -row->psn_selfpay;
        out->psn_ownpay = -row->psn_ownpay;
    }
}

/* BLAKE2b-128 of the fields settlement_differs compares, of the settlement
 * the row speaks of (as_settlement): a refund hashes as its settlement. */
static void settlement_says(const hz_settlement *row, unsigned char out[16]) {
    hz_settlement s;
    as_settlement(row, &s);
    crypto_generichash_state st;
    crypto_generichash_init(&st, NULL, 0, 16);
    const char *text[] = {s.certno, s.med_type, s.main_diag_code, s.diag_codes};
    for (size_t i = 0; i < sizeof text / sizeof text[0]; i++)
        crypto_generichash_update(&st, (const unsigned char *)text[i], strlen(text[i]) + 1);
    const int64_t num[] = {s.adm_date, s.dscg_date, s.medfee_sumamt, s.fund_pay_sumamt, s.psn_selfpay, s.psn_ownpay};
    crypto_generichash_update(&st, (const unsigned char *)num, sizeof num);
    crypto_generichash_final(&st, out, 16);
}

/* Pass 1 for one row: its own validity (io/feed), then against the
 * settlement already stored under its setl_id (old, NULL when none). Rows
 * are remembered for the checks across rows (check_across). */
static hz_err check_stored(feed_ctx *c, long line, const hz_settlement *s, const hz_settlement *old, hz_errinfo *e) {
    if (old) {
        hz_settlement mine;
        as_settlement(s, &mine);
        const char *diff = settlement_differs(&mine, old);
        if (diff) {
            char why[256];
            if (s->refund)
                snprintf(why, sizeof why,
                         "%s 与所退的结算 %.40s 不同, 退费须与原结算一致、金额取负 (the refund differs from its "
                         "settlement)",
                         diff, s->setl_id);
            else
                snprintf(why, sizeof why,
                         "%s 与已导入的结算 %.40s 不同; 更正应以退费 (refd_setl_flag=1) 加新结算流水号送来 (differs "
                         "from the stored settlement)",
                         diff, s->setl_id);
            return reject(c, line, diff, why, e);
        }
    }
    if (c->n_seen == c->cap_seen) {
        size_t cap = c->cap_seen ? c->cap_seen * 2 : 1024;
        feed_seen *g = realloc(c->seen, cap * sizeof *g);
        if (!g) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
        c->seen = g;
        c->cap_seen = cap;
    }
    feed_seen *r = &c->seen[c->n_seen++];
    crypto_generichash(r->key, sizeof r->key, (const unsigned char *)s->setl_id, strlen(s->setl_id), NULL, 0);
    settlement_says(s, r->says);
    crypto_generichash(r->who, sizeof r->who, (const unsigned char *)s->certno, strlen(s->certno), NULL, 0);
    r->line = line;
    r->refund = s->refund;
    r->on_file = old != NULL;
    return HZ_OK;
}

static int known_cmp(const void *a, const void *b) {
    return strcmp(((const hz_settlement *)a)->setl_id, ((const hz_settlement *)b)->setl_id);
}

static hz_err note_known(void *vctx, const hz_settlement *s, hz_errinfo *e) {
    (void)e;
    feed_ctx *c = vctx;
    c->known[c->n_known++] = *s;
    return HZ_OK;
}

/* Pass 1 for the rows held back: the stored settlements of all of them in
 * one look-up (one round trip on PostgreSQL, not one per row), then each
 * row in file order. */
static hz_err check_pending(feed_ctx *c, hz_errinfo *e) {
    if (!c->n_pend) return HZ_OK;
    const char **ids = malloc(sizeof *ids * (size_t)c->n_pend);
    if (!ids) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    for (int i = 0; i < c->n_pend; i++) ids[i] = c->pend[i].setl_id;
    c->n_known = 0;
    hz_err rc = hz_store_settlements_known(c->app->db, ids, (size_t)c->n_pend, note_known, c, e);
    free(ids);
    if (c->n_known > 1) qsort(c->known, (size_t)c->n_known, sizeof *c->known, known_cmp);
    for (int i = 0; rc == HZ_OK && i < c->n_pend; i++) {
        const hz_settlement *old = c->n_known ? bsearch(&c->pend[i], c->known, (size_t)c->n_known,
                                                        sizeof *c->known, known_cmp) : NULL;
        rc = check_stored(c, c->pend_line[i], &c->pend[i], old, e);
    }
    c->n_pend = 0;
    return rc;
}

static hz_err check_row(void *vctx, long line, const hz_settlement *s, const char *bad_field, const char *bad_reason,
                        hz_errinfo *e) {
    feed_ctx *c = vctx;
    c->rep->read++;
    if (bad_field) { /* the rows before it first: rejections stay in file order */
        hz_err rc = check_pending(c, e);
        return rc ? rc : reject(c, line, bad_field, bad_reason, e);
    }
    c->pend_line[c->n_pend] = line;
    c->pend[c->n_pend++] = *s;
    return c->n_pend == (c->row_by_row ? 1 : FEED_BATCH) ? check_pending(c, e) : HZ_OK;
}

static int seen_cmp(const void *a, const void *b) {
    const feed_seen *x = a, *y = b;
    int k = memcmp(x->key, y->key, sizeof x->key);
    return k ? k : (x->line > y->line) - (x->line < y->line);
}

/* Pass 1, across rows: rows of one setl_id must agree (two settlements of
 * different amounts under one number are refused, both rows: which one is
 * right is for the bureau to say), and a refund must name a settlement
 * stored or sent in the same file. */
static hz_err check_across(feed_ctx *c, hz_errinfo *e) {
    if (c->n_seen > 1) qsort(c->seen, c->n_seen, sizeof *c->seen, seen_cmp);
    hz_err rc = HZ_OK;
    for (size_t i = 0, j; i < c->n_seen && rc == HZ_OK; i = j) {
        const feed_seen *first = NULL; /* the group's first settlement row */
        bool clash = false, on_file = false;
        for (j = i; j < c->n_seen && !memcmp(c->seen[j].key, c->seen[i].key, sizeof c->seen[i].key); j++) {
            on_file |= c->seen[j].on_file;
            if (c->seen[j].refund) continue;
            if (!first) first = &c->seen[j];
            else clash |= memcmp(first->says, c->seen[j].says, sizeof first->says) != 0;
        }
        char why[256];
        for (size_t k = i; k < j && rc == HZ_OK; k++) {
            const feed_seen *r = &c->seen[k];
            if (clash) {
                snprintf(why, sizeof why,
                         "同一结算流水号在文件中出现多次且内容不同 (第%ld行起), 无法判断哪一条正确 (one setl_id on rows with "
                         "different values)",
                         first->line);
                rc = reject(c, r->line, "setl_id", why, e);
            } else if (r->refund && !first && !on_file) {
                rc = reject(c, r->line, "refd_setl_flag",
                            "退费所对应的结算流水号既不在库中也不在本文件中 (refund of a settlement never received)", e);
            } else if (r->refund && first && memcmp(r->who, first->who, sizeof r->who)) {
                snprintf(why, sizeof why, "退费的身份证号与第%ld行的结算不同 (the refund names another person)",
                         first->line);
                rc = reject(c, r->line, "certno", why, e);
            } else if (r->refund && first && memcmp(r->says, first->says, sizeof r->says)) {
                snprintf(why, sizeof why,
                         "退费与第%ld行的结算内容不同, 退费须与原结算一致、金额取负 (the refund differs from its "
                         "settlement)",
                         first->line);
                rc = reject(c, r->line, "refd_setl_flag", why, e);
            }
        }
    }
    return rc;
}

/* Every module undoes what rested on a refunded settlement, in list order. */
static hz_err settlement_refunded(hz_app *app, const hz_settlement *old, hz_errinfo *e) {
    for (const hz_app_module *const *m = hz_app_modules; *m; m++) {
        hz_err rc = (*m)->settlement_refunded ? (*m)->settlement_refunded(app, old->id, old->setl_id, e) : HZ_OK;
        if (rc) return rc;
    }
    return HZ_OK;
}

static hz_err write_row(void *vctx, long line, const hz_settlement *in, const char *bad_field, const char *bad_reason,
                        hz_errinfo *e) {
    (void)bad_reason;
    feed_ctx *c = vctx;
    hz_app *app = c->app;
    if (bad_field || ((size_t)line < c->bad_cap && c->bad[line])) return HZ_OK;
    hz_err rc;
    if (!in->refund && !c->row_by_row) {
        c->batch[c->n_batch++] = *in;
        return c->n_batch == FEED_BATCH ? flush_feed(c, e) : HZ_OK;
    }
    /* a refund sees every earlier row of the file written */
    if ((rc = flush_feed(c, e))) return rc;
    hz_settlement s = *in;
    if ((rc = hz_store_member_id(app->db, s.certno, &s.member_id, e))) return rc;
    if (s.refund) {
        hz_settlement old;
        hz_errinfo ne;
        hz_err found = hz_store_settlement_by_setl_id(app->db, s.setl_id, &old, &ne);
        if (found == HZ_OK) {
            if (old.refunded) {
                c->rep->duplicate++;
                return HZ_OK;
            }
            if ((rc = hz_store_settlement_mark_refunded(app->db, old.id, e)) ||
                (rc = settlement_refunded(app, &old, e)))
                return rc;
        } else if (found == HZ_ENOTFOUND) {
            /* the refund came first: keep the settlement as cancelled */
            bool inserted;
            hz_settlement cancelled;
            as_settlement(&s, &cancelled); /* the row's amounts are <= 0 (io/feed.c refuses others) */
            cancelled.refunded = true;
            if ((rc = hz_store_settlement_put(app->db, &cancelled, app->now, &inserted, e))) return rc;
        } else {
            return hz_fail(e, found, "%s", ne.msg);
        }
        c->rep->refund++;
        return HZ_OK;
    }
    /* one by one: a settlement on file is not offered to the INSERT, whose
     * ON CONFLICT would spend an id of PostgreSQL's sequence on it (the
     * bulk path spends none: the ids of the two paths are the same) */
    hz_settlement old;
    hz_errinfo ne;
    hz_err found = hz_store_settlement_by_setl_id(app->db, s.setl_id, &old, &ne);
    if (found != HZ_OK && found != HZ_ENOTFOUND) return hz_fail(e, found, "%s", ne.msg);
    bool inserted = false;
    if (found == HZ_ENOTFOUND && (rc = hz_store_settlement_put(app->db, &s, app->now, &inserted, e))) return rc;
    if (!inserted)
        c->rep->duplicate++;
    else {
        c->rep->added++;
        if (!s.member_id) c->rep->unmatched++;
    }
    return HZ_OK;
}

hz_err hz_app_import_settlements(hz_app *app, const char *path, bool skip_invalid, hz_feed_report *out, hz_errinfo *e) {
    return hz_app_import_settlements_rows(app, path, skip_invalid, false, out, e);
}

hz_err hz_app_import_settlements_rows(hz_app *app, const char *path, bool skip_invalid, bool row_by_row,
                                      hz_feed_report *out, hz_errinfo *e) {
    memset(out, 0, sizeof *out);
    feed_ctx c;
    memset(&c, 0, sizeof c);
    c.app = app;
    c.rep = out;
    c.row_by_row = row_by_row;
    hz_feed *f = NULL;
    bool open = false; /* the transaction */
    hz_err rc = hz_authz_can(app, HZ_A_SETTLEMENT_IMPORT, e);
    if (rc || (rc = hz_feed_open(path, &f, e))) return rc;
    out->format = hz_feed_format(f);
    hz_store_bulk_mode(app->db);
    /* one transaction from the first check to the last write: the rows
     * checked against the stored feed are the rows written over, and the
     * million lookups of pass 1 share one read lock */
    if ((rc = hz_db_begin(app->db, e))) goto done;
    open = true;
    c.pend = malloc(sizeof *c.pend * FEED_BATCH);
    c.pend_line = malloc(sizeof *c.pend_line * FEED_BATCH);
    c.known = malloc(sizeof *c.known * FEED_BATCH);
    if (!c.pend || !c.pend_line || !c.known) {
        rc = hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
        goto done;
    }
    if ((rc = hz_feed_each(f, app->today, check_row, &c, e)) || (rc = check_pending(&c, e)) ||
        (rc = check_across(&c, e)))
        goto done;
    /* an empty, BOM-only or header-only file is refused, not audited as a feed */
    if (out->read == 0) {
        rc = hz_fail(e, HZ_EINVAL, "file: 文件没有数据行, 未导入任何数据 (no data rows; nothing imported)");
        goto done;
    }
    if (out->n_rejected && !skip_invalid) {
        rc = hz_fail(e, HZ_EINVAL, "%ld 行有误, 未导入任何数据 (%ld invalid rows; nothing imported)", out->n_rejected,
                     out->n_rejected);
        goto done;
    }
    if (!(c.batch = malloc(sizeof *c.batch * FEED_BATCH))) {
        rc = hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
        goto done;
    }
    rc = hz_feed_each(f, app->today, write_row, &c, e);
    if (rc == HZ_OK) rc = flush_feed(&c, e);
    char detail[256];
    snprintf(detail, sizeof detail, "{\"read\":%ld,\"new\":%ld,\"duplicate\":%ld,\"refund\":%ld,\"unmatched\":%ld}",
             out->read, out->added, out->duplicate, out->refund, out->unmatched);
    if (rc == HZ_OK) rc = hz_audit(app, "settlement.import", "feed", detail, e);
    if (rc) goto done;
    open = false;
    if ((rc = hz_db_commit(app->db, e))) goto done;
    out->written = true;
done:
    if (open) hz_db_rollback(app->db);
    if (!out->written) /* what the report counts as written was rolled back */
        out->added = out->duplicate = out->refund = out->unmatched = 0;
    free(c.batch);
    free(c.bad);
    free(c.seen);
    free(c.pend);
    free(c.pend_line);
    free(c.known);
    hz_feed_free(f);
    hz_store_bulk_end(app->db);
    return rc;
}

void hz_feed_report_free(hz_feed_report *r) {
    free(r->rejected);
    r->rejected = NULL;
}

static const char *const setl_statuses[] = {"", "matched", "unmatched", NULL};
static const char *const setl_sorts[] = {"",         "setl_id", "name",     "settled_on",
                                         "adm_date", "total",   "hospital", NULL}; /* hz_setl_sort */
static const hz_list_spec setl_spec = {setl_statuses, setl_sorts, HZ_SETL_SORT_NAME, NULL, false, true, true};

static hz_err setl_filter(hz_app *app, const hz_settlement_query *q, hz_list_buf *b, hz_rec_filter *f,
                          hz_list_scope *sc, hz_errinfo *e) {
    hz_err rc = hz_authz_can(app, HZ_A_SETTLEMENT_IMPORT, e);
    if (rc || (rc = hz_list_filter(app, &setl_spec, &q->list, b, f, sc, e))) return rc;
    if (q->unmatched && *q->unmatched && strcmp(q->unmatched, "0")) { /* the older ?unmatched=1; empty: not given */
        if (f->status[0] && strcmp(f->status, "unmatched"))
            return hz_fail(e, HZ_EINVAL, "unmatched: 与 status 矛盾 (contradicts status)");
        f->status = "unmatched";
    }
    if (q->refunded && *q->refunded) {
        if (strcmp(q->refunded, "0") && strcmp(q->refunded, "1"))
            return hz_fail(e, HZ_EINVAL, "refunded: 应为 0 或 1 (0 or 1)");
        f->num = q->refunded[0] == '1' ? 2 : 1;
    }
    if (q->hospital && strlen(q->hospital) > 200) return hz_fail(e, HZ_EINVAL, "hospital: 过长 (too long)");
    f->text = q->hospital ? q->hospital : "";
    return HZ_OK;
}

hz_err hz_app_settlements_page(hz_app *app, const hz_settlement_query *q, hz_page pg, hz_settlement_row_fn fn,
                               void *ctx, int64_t *total, hz_errinfo *e) {
    hz_list_buf b;
    hz_rec_filter f;
    hz_list_scope sc;
    hz_err rc = setl_filter(app, q, &b, &f, &sc, e);
    if (rc || (rc = hz_page_check(&pg, e))) return rc;
    return hz_store_settlements_page(app->db, &sc, &f, (pg.page - 1) * pg.per_page, pg.per_page, fn, ctx, total, e);
}

static hz_err setl_cells(void *vctx, const hz_settlement *s, const char *claim_no, bool linkable, const char *day,
                         hz_errinfo *e) {
    hz_report *r = vctx;
    char adm[HZ_DATE_BUF], dscg[HZ_DATE_BUF], total[HZ_MONEY_BUF], self[HZ_MONEY_BUF];
    const char *cells[] = {s->setl_id,
                           s->certno,
                           s->psn_name,
                           s->member_id ? "已匹配" : linkable ? "未匹配（会员已登记）" : "未匹配",
                           s->fixmedins_name,
                           s->med_type,
                           hz_date_format(s->adm_date, adm),
                           s->dscg_date == HZ_DATE_NONE ? "" : hz_date_format(s->dscg_date, dscg),
                           day,
                           s->main_diag_code,
                           hz_money_format(s->medfee_sumamt, total),
                           hz_money_format(s->psn_selfpay + s->psn_ownpay, self),
                           s->refunded ? "是" : "否",
                           claim_no};
    return hz_report_add_row(r, cells, e);
}

hz_err hz_app_settlements_export(hz_app *app, const hz_settlement_query *q, hz_report *out, hz_errinfo *e) {
    static const hz_report_col cols[] = {
        {"setl_id", "结算号", HZ_COL_TEXT},         {"certno", "身份证号码", HZ_COL_TEXT},
        {"psn_name", "姓名", HZ_COL_TEXT},          {"matched", "匹配会员", HZ_COL_TEXT},
        {"hospital", "医疗机构", HZ_COL_TEXT},      {"med_type", "医疗类别", HZ_COL_TEXT},
        {"adm_date", "入院日期", HZ_COL_TEXT},      {"dscg_date", "出院日期", HZ_COL_TEXT},
        {"settled_on", "结算日期", HZ_COL_TEXT},    {"diagnosis", "主诊断", HZ_COL_TEXT},
        {"total", "医疗总费用（元）", HZ_COL_MONEY}, {"selfpay", "个人负担（元）", HZ_COL_MONEY},
        {"refunded", "已退费", HZ_COL_TEXT},        {"claim_no", "理赔编号", HZ_COL_TEXT},
    };
    hz_list_buf b;
    hz_rec_filter f;
    hz_list_scope sc;
    int64_t n;
    hz_err rc = setl_filter(app, q, &b, &f, &sc, e);
    if (rc) return rc;
    hz_report_head(out, "settlements", "医保结算数据", false, (int)(sizeof cols / sizeof cols[0]), cols);
    return hz_store_settlements_page(app->db, &sc, &f, 0, -1, setl_cells, out, &n, e);
}

hz_err hz_app_settlements_relink(hz_app *app, int64_t *linked, hz_errinfo *e) {
    hz_err rc;
    if ((rc = hz_authz_can(app, HZ_A_SETTLEMENT_IMPORT, e)) || (rc = hz_db_begin(app->db, e))) return rc;
    char detail[48];
    if ((rc = hz_store_settlements_relink(app->db, linked, e))) goto fail;
    snprintf(detail, sizeof detail, "{\"linked\":%lld}", (long long)*linked);
    if ((rc = hz_audit(app, "settlement.relink", "settlement:*", detail, e)) || (rc = hz_db_commit(app->db, e))) goto fail;
    return HZ_OK;
fail:
    hz_db_rollback(app->db);
    return rc;
}
