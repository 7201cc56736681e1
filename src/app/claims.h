/* Claims with the 7-day promise (module 4): intake, adjudication in one
 * transaction with the ledger, documents, review, reversal, proactive
 * claims from the settlement feed. Split by use case: claim_intake.c,
 * claim_review.c, claim_reversal.c over claim_shared.c; the SLA reports
 * live in report_sla.c. */
#ifndef HZ_APP_CLAIMS_H
#define HZ_APP_CLAIMS_H

#include "app/app.h"
#include "app/registry.h"
#include "core/engine.h"
#include "core/model.h"

#define HZ_CLAIM_MAX_SETTLEMENTS 16
#define HZ_CLAIM_MAX_LINES 256
#define HZ_AUTO_APPROVE_MAX HZ_FEN(5000) /* default auto-approval ceiling */
#define HZ_REVIEW_SAMPLE_PCT 5           /* share of clean claims sampled for review */
#define HZ_SLA_DAYS 7
#define HZ_SLA_WARN_DAYS 5

typedef struct {
    const char *id_number;
    const char *setl_ids[HZ_CLAIM_MAX_SETTLEMENTS];
    int n_setl;
    bool accident, death;
    int disability_grade;  /* 0 = none */
    const char *diagnosis; /* ICD-10, optional */
    hz_date date;          /* event date of a claim without a settlement */
    bool documents_complete;
    const char *resubmit_of; /* claim_no of a rejected claim */
    bool proactive;
    bool accident_claimed; /* set by intake: an untrusted role said "accident" */
} hz_claim_input;

typedef struct {
    hz_claim claim;
    hz_member member;
    int n_lines;
    hz_claim_line_row lines[HZ_CLAIM_MAX_LINES];
    char required_docs[160]; /* comma-separated kinds */
    int sla_days;            /* -1 before documents are complete */
    bool overdue;            /* not paid and sla_days >= HZ_SLA_WARN_DAYS */
} hz_claim_view;

/* Submits and adjudicates a claim. A settlement already used by a claim:
 * HZ_ECONFLICT naming that claim. The caller allocates out (large). */
hz_err hz_app_claim_submit(hz_app *app, const hz_claim_input *in, hz_claim_view *out, hz_errinfo *e);
hz_err hz_app_claim_show(hz_app *app, const char *claim_no, hz_claim_view *out, hz_errinfo *e);
/* Records received documents ("id_card,discharge_certificate") or, with
 * complete, all of them; completion starts the 7-day clock. */
hz_err hz_app_claim_documents(hz_app *app, const char *claim_no, const char *received, bool complete,
                              hz_claim_view *out, hz_errinfo *e);
hz_err hz_app_claim_approve(hz_app *app, const char *claim_no, hz_claim_view *out, hz_errinfo *e);
/* Rejects with a reason: lines become MANUAL_REJECT, the ledger and the
 * settlements are released so a corrected claim can be submitted. */
hz_err hz_app_claim_reject(hz_app *app, const char *claim_no, const char *reason, hz_claim_view *out, hz_errinfo *e);

/* The claim page (issue 16): the claim's stays, the caps its lines drew
 * on (cap, used by the term, the coverage's term and whether it is in force
 * today), the document checklist item by item with who recorded each and
 * when (empty for documents recorded before claims migration 2). */
#define HZ_CLAIM_DOCS_MAX 12
#define HZ_CLAIM_CAPS_MAX 32
typedef struct {
    char kind[32];
    bool required, received;
    char at[32], by[64];
} hz_claim_doc;
typedef struct {
    int64_t coverage_id;
    char plan[8], plan_name[64], component[24];
    int period;
    hz_date start, end;
    bool in_force;
    hz_fen cap, used;
} hz_claim_cap;
typedef struct {
    hz_settlement stays[HZ_CLAIM_MAX_SETTLEMENTS];
    int n_stays;
    hz_claim_doc docs[HZ_CLAIM_DOCS_MAX];
    int n_docs;
    hz_claim_cap caps[HZ_CLAIM_CAPS_MAX];
    int n_caps;
} hz_claim_detail;
/* claim show (same roles and scope) plus the detail. */
hz_err hz_app_claim_detail(hz_app *app, const char *claim_no, hz_claim_view *v, hz_claim_detail *d, hz_errinfo *e);
/* The cap of a coverage's benefit component (0: none) and what its term
 * `period` has used, from the coverage's plan version and ledger. */
hz_err hz_claims_benefit_cap(hz_app *app, const hz_coverage *cov, const char *component, int period,
                             const char **plan_name, hz_fen *cap, hz_fen *used, hz_errinfo *e);
/* A member's inpatient settlements (member: an ID number or a member ref),
 * each with the active claim on it: whoever may read the member and claims,
 * a member only their own (another member: not found). mv gets the member
 * with coverages. */
typedef hz_err (*hz_app_stay_fn)(void *ctx, const hz_settlement *s, const char *claim_no, hz_errinfo *e);
hz_err hz_app_member_stays(hz_app *app, const char *member, hz_app_stay_fn fn, void *ctx, hz_member_view *mv,
                           hz_errinfo *e);

/* 免申即享: a claim for every settled inpatient stay of a covered member
 * that no claim uses yet (discharged on or after since). fn gets each. */
typedef struct {
    char claim_no[24], id_number[19], setl_id[48];
    hz_fen total;
} hz_proactive_item;
typedef void (*hz_proactive_fn)(void *ctx, const hz_proactive_item *item);
hz_err hz_app_claims_proactive(hz_app *app, hz_date since, hz_proactive_fn fn, void *ctx, int64_t *created,
                               hz_errinfo *e);
/* The same with batch claims per transaction (0: the default, 5000; 1: one
 * claim per transaction, as if each were submitted alone). Stays are taken
 * member by member, each member's in feed order: a member's caps and
 * duplicate stays come out the same in any batch size, and every index keyed
 * by member, coverage or account grows in order (docs/decisions.md). A
 * batch of more than one goes through the bulk writer (app/claim_bulk.c)
 * on SQLite unless per_claim asks for the submission use case per stay. */
hz_err hz_app_claims_proactive_batch(hz_app *app, hz_date since, int batch, bool per_claim, hz_proactive_fn fn,
                                     void *ctx, int64_t *created, hz_errinfo *e);

/* The claims module's payables (source "claim", app/module.h): the bank
 * paid the claim's payable in full (status paid, paid_at now), or refused
 * it (back to approved with the bank's reason). Inside the caller's
 * transaction; errors are the store's. */
hz_err hz_claims_paid(hz_app *app, int64_t claim_id, hz_errinfo *e);
hz_err hz_claims_failed(hz_app *app, int64_t claim_id, const char *why, hz_errinfo *e);
/* Days on the clock: documents complete -> paid (or today). -1 if not started. */
int hz_claim_sla_days(const hz_claim *c, hz_date today);

#endif
