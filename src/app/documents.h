/* The documents module (issue 17): the office's printed documents as PDF
 * (io/documents.h) with the role and scope checks of their JSON
 * counterparts, and the verification of a coverage certificate's code.
 * Each writes a whole PDF to out; on failure nothing useful was written
 * and e says why (out of scope answers as missing, HZ_ENOTFOUND). */
#ifndef HZ_APP_DOCUMENTS_H
#define HZ_APP_DOCUMENTS_H

#include <stdio.h>

#include "app/app.h"
#include "io/documents.h"

/* The payout notice (理赔通知书) of a claim: whoever may read the claim
 * (claim show), a member their own. */
hz_err hz_app_doc_notice(hz_app *app, const char *claim_no, FILE *out, hz_errinfo *e);

/* A member's coverage certificate, issued today with its verification
 * code (audited as document.certificate). member: an ID number or a
 * member ref. Whoever may read the member, a member themself. Without
 * the audit key (no code can be made): HZ_EINTERNAL. */
hz_err hz_app_doc_certificate(hz_app *app, const char *member, FILE *out, hz_errinfo *e);

/* A unit's coverage list: every member with the coverages in force today
 * or later, ID numbers masked. Roles that read members, within scope. */
hz_err hz_app_doc_unit(hz_app *app, const char *credit_code, FILE *out, hz_errinfo *e);

/* A relief programme's 公示 list as published (`relief publicity`): the
 * approved grants, names and ID numbers masked, with the objection
 * window. Office logins of the roles that publish it; a programme whose
 * list was never published: HZ_ECONFLICT. */
hz_err hz_app_doc_publicity(hz_app *app, const char *program, FILE *out, hz_errinfo *e);

/* Checks a code (case, blanks and dashes do not matter): a code this
 * office did not issue, a tampered one or one for a member no longer
 * registered: HZ_ENOTFOUND, all alike. Needs no role. */
hz_err hz_app_doc_verify(hz_app *app, const char *code, hz_doc_verification *out, hz_errinfo *e);

#endif
