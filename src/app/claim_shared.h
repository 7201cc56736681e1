/* Shared by the claim use-case files (claim_intake, claim_review,
 * claim_reversal) and the SLA reports; not a public interface. This file
 * depends on none of them, so the arrows point one way. */
#ifndef HZ_APP_CLAIM_SHARED_H
#define HZ_APP_CLAIM_SHARED_H

#include "app/claims.h"
#include "core/payout.h"

/* Fills a view (claim, member, lines, checklist, SLA days) from the store. */
hz_err hz_claims_load_view(hz_app *app, int64_t claim_id, hz_claim_view *out, hz_errinfo *e);
/* Civil date (Asia/Shanghai) of a stored UTC timestamp; HZ_DATE_NONE for "". */
hz_date hz_ts_date(const char *ts);
/* The document checklist of a claim kind, comma-separated (static string). */
const char *hz_claims_required_docs(const hz_claim *c, bool has_settlement);
/* True when the comma-separated list holds kind. */
bool hz_claims_has_doc(const char *list, const char *kind);
/* Records who received each document of c->documents and when (the first
 * recording of a kind stands). */
hz_err hz_claims_docs_record(hz_app *app, const hz_claim *c, hz_errinfo *e);
/* The status an approval gives: "approved" (a payable for the bank) or, when
 * the claim pays nothing, "closed" (结案, 无给付: never in a bank batch). */
const char *hz_claims_approved_status(const hz_claim *c);
/* Decides review or auto-approval of an adjudicated claim (reproducible
 * sampling by claim number); changes c in place, writes nothing. */
void hz_claims_triage(hz_app *app, hz_claim *c, const hz_member *m);
/* Appends the audit event `action` for claim c with an optional why. */
hz_err hz_claims_audit(hz_app *app, const char *action, const hz_claim *c, const char *why, hz_errinfo *e);
/* The object and detail hz_claims_audit writes (the bulk writer's events). */
#define HZ_CLAIM_AUDIT_OBJECT 40
#define HZ_CLAIM_AUDIT_DETAIL 1400
void hz_claims_audit_text(const hz_claim *c, const char *why, char object[HZ_CLAIM_AUDIT_OBJECT],
                          char detail[HZ_CLAIM_AUDIT_DETAIL]);

/* Why money of a claim was taken back ("医保结算 S1、S2 已退费",
 * "审核不予给付"), from its reversed lines; "" when none was. */
void hz_claims_money_why(const hz_claim_view *v, char *out, size_t cap);
/* What the journal did with the claim's money (app/payables.h), with why. */
hz_err hz_claims_payout(hz_app *app, const hz_claim_view *v, hz_payout *po, hz_errinfo *e);

#endif
