/* Claim reversal: undoing a line's ledger effects (a rejection, a refund
 * row of the settlement feed). Uses claim_shared only. */
#include "app/claim_reversal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/claim_shared.h"
#include "app/journal.h"
#include "app/module.h"
#include "app/payables.h"
#include "core/text.h"
#include "store/claim.h"
#include "store/ledger.h"

hz_err hz_claims_reverse_line(hz_app *app, const char *claim_no, const hz_claim_line_row *l, const char *reason,
                              const char *explain, hz_errinfo *e) {
    hz_err rc;
    if (l->coverage_id && (l->amount > 0 || l->counted_stay || l->lump_pct > 0)) {
        hz_ledger_entry led[HZ_ENG_MAX_LEDGER];
        int n;
        if ((rc = hz_store_ledger_load(app->db, l->coverage_id, led, HZ_ENG_MAX_LEDGER, &n, e))) return rc;
        for (int i = 0; i < n; i++) {
            if (led[i].period != l->period || strcmp(led[i].component, l->component) != 0) continue;
            led[i].paid -= l->amount;
            led[i].stays -= l->counted_stay;
            led[i].lump_pct -= l->lump_pct;
            led[i].first_borne -= l->first_stay; /* the next stay adjudicated bears it */
            if (led[i].paid < 0 || led[i].stays < 0 || led[i].lump_pct < 0 || led[i].first_borne < 0)
                return hz_fail(e, HZ_EINTERNAL, "台账冲回后为负 (ledger would go negative)");
            if ((rc = hz_store_ledger_put(app->db, l->coverage_id, &led[i], e))) return rc;
        }
    }
    if (l->amount > 0) { /* the money goes back: payable -> benefit expense */
        char acct[HZ_ACCOUNT_CODE_MAX], key[HZ_TRANSFER_KEY_MAX], cause[HZ_TRANSFER_KEY_MAX];
        hz_acct_benefit(acct, l->coverage_id, l->period, l->component);
        snprintf(key, sizeof key, "line:%lld:rev", (long long)l->id);
        snprintf(cause, sizeof cause, "line:%lld", (long long)l->id);
        if ((rc = hz_payable_take_back(app, claim_no, key, acct, l->amount, cause, e))) return rc;
    }
    return hz_store_claim_line_reverse(app->db, l->id, reason, explain, e);
}

hz_err hz_claims_reverse_settlement(hz_app *app, int64_t settlement_id, const char *setl_id, hz_errinfo *e) {
    int64_t *ids;
    size_t n;
    hz_err rc = hz_store_claims_of_settlement(app->db, settlement_id, &ids, &n, e);
    if (rc) return rc;
    hz_claim_view *v = malloc(sizeof *v);
    if (!v && n) rc = hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    for (size_t k = 0; rc == HZ_OK && k < n; k++) {
        if ((rc = hz_claims_load_view(app, ids[k], v, e))) break;
        hz_fen before = v->claim.total, reversed = 0;
        for (int i = 0; rc == HZ_OK && i < v->n_lines; i++) {
            hz_claim_line_row *l = &v->lines[i];
            if (l->reversed || l->settlement_id != settlement_id) continue;
            char b[HZ_MONEY_BUF], explain[256];
            snprintf(explain, sizeof explain, "医保结算 %s 已退费, 冲回 %s; 原: %.150s", setl_id,
                     hz_money_format_grouped(l->amount, b), l->explain);
            reversed += l->amount;
            rc = hz_claims_reverse_line(app, v->claim.claim_no, l, HZ_R_REFUNDED, explain, e);
        }
        if (rc) break;
        hz_claim *c = &v->claim;
        c->total = before - reversed;
        if (!strcmp(c->status, "paid") && reversed > 0) {
            char b[HZ_MONEY_BUF];
            snprintf(c->review_note, sizeof c->review_note, "已支付后医保退费, 冲回 %s 记为应追回款 (recovery receivable)",
                     hz_money_format_grouped(reversed, b));
        }
        if ((rc = hz_store_claim_update(app->db, c, e))) break;
        /* paid already: what was taken back is owed, told once for the claim */
        if (reversed > 0 && (rc = hz_payable_settle_sign(app, c->claim_no, e))) break;
        char object[40], detail[160], b1[HZ_MONEY_BUF], b2[HZ_MONEY_BUF];
        snprintf(object, sizeof object, "claim:%s", c->claim_no);
        snprintf(detail, sizeof detail, "{\"setl_id\":\"%s\",\"reversed\":\"%s\",\"total\":\"%s\"}", setl_id,
                 hz_money_format(reversed, b1), hz_money_format(c->total, b2));
        if ((rc = hz_audit(app, "claim.refund_reversal", object, detail, e))) break;
        /* told to the member (the notices module) when money was taken back */
        if (reversed > 0) rc = hz_app_event_emit(app, "claim.refund_reversal", "claim", c->id, c->claim_no, e);
    }
    free(v);
    free(ids);
    return rc;
}
