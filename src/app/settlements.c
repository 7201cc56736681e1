/* Settlement feed import: validate every row, then write in one
 * transaction. */
#include "app/settlements.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/authz.h"
#include "app/module.h"
#include "io/feed.h"
#include "store/bulk.h"
#include "store/registry.h"
#include "store/settlement.h"
#include "store/store.h"

typedef struct {
    hz_app *app;
    hz_feed_report *rep;
    unsigned char *bad;
    size_t bad_cap;
    hz_settlement *batch; /* new settlements, loaded in bulk */
    int n_batch;
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

static hz_err check_row(void *vctx, long line, const hz_settlement *s, const char *bad_field, const char *bad_reason,
                        hz_errinfo *e) {
    (void)s;
    feed_ctx *c = vctx;
    c->rep->read++;
    if (!bad_field) return HZ_OK;
    hz_report_error(&c->rep->rejected, &c->rep->n_listed, &c->rep->n_rejected, line, bad_field, bad_reason);
    return mark_bad(c, line, e);
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
    if (!in->refund) {
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
            s.refunded = true;
            s.medfee_sumamt = s.medfee_sumamt < 0 ? -s.medfee_sumamt : s.medfee_sumamt;
            s.fund_pay_sumamt = s.fund_pay_sumamt < 0 ? -s.fund_pay_sumamt : s.fund_pay_sumamt;
            s.psn_selfpay = s.psn_selfpay < 0 ? -s.psn_selfpay : s.psn_selfpay;
            s.psn_ownpay = s.psn_ownpay < 0 ? -s.psn_ownpay : s.psn_ownpay;
            if ((rc = hz_store_settlement_put(app->db, &s, app->now, &inserted, e))) return rc;
        } else {
            return hz_fail(e, found, "%s", ne.msg);
        }
        c->rep->refund++;
        return HZ_OK;
    }
    bool inserted;
    if ((rc = hz_store_settlement_put(app->db, &s, app->now, &inserted, e))) return rc;
    if (!inserted)
        c->rep->duplicate++;
    else {
        c->rep->added++;
        if (!s.member_id) c->rep->unmatched++;
    }
    return HZ_OK;
}

hz_err hz_app_import_settlements(hz_app *app, const char *path, bool skip_invalid, hz_feed_report *out, hz_errinfo *e) {
    memset(out, 0, sizeof *out);
    feed_ctx c = {app, out, NULL, 0, NULL, 0};
    hz_feed *f = NULL;
    hz_err rc = hz_authz_can(app, HZ_A_SETTLEMENT_IMPORT, e);
    if (rc || (rc = hz_feed_open(path, &f, e))) return rc;
    out->format = hz_feed_format(f);
    hz_store_bulk_mode(app->db);
    if ((rc = hz_feed_each(f, app->today, check_row, &c, e))) goto done;
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
    if ((rc = hz_db_begin(app->db, e))) goto done;
    rc = hz_feed_each(f, app->today, write_row, &c, e);
    if (rc == HZ_OK) rc = flush_feed(&c, e);
    char detail[256];
    snprintf(detail, sizeof detail, "{\"read\":%ld,\"new\":%ld,\"duplicate\":%ld,\"refund\":%ld,\"unmatched\":%ld}",
             out->read, out->added, out->duplicate, out->refund, out->unmatched);
    if (rc == HZ_OK) rc = hz_audit(app, "settlement.import", "feed", detail, e);
    if (rc) {
        hz_db_rollback(app->db);
        goto done;
    }
    if ((rc = hz_db_commit(app->db, e))) goto done;
    out->written = true;
done:
    free(c.batch);
    free(c.bad);
    hz_feed_free(f);
    return rc;
}

void hz_feed_report_free(hz_feed_report *r) {
    free(r->rejected);
    r->rejected = NULL;
}
