/* The rule book of roles and scopes (quality.md R7), used by every use case
 * so the CLI and the HTTP API enforce the same rules. A role that may not
 * do a thing gets HZ_EFORBIDDEN; an object outside the actor's scope is
 * invisible: HZ_ENOTFOUND, exactly as if it did not exist. */
#ifndef HZ_AUTHZ_H
#define HZ_AUTHZ_H

#include "app/app.h"
#include "core/model.h"

/* The founding modules' actions; later modules declare theirs by name in
 * their module part (hz_action_def) and check them with hz_authz_can_do. */
typedef enum {
    HZ_A_ORG_WRITE,
    HZ_A_UNIT_WRITE,
    HZ_A_MEMBER_READ,
    HZ_A_MEMBER_WRITE,
    HZ_A_ENROLL,
    HZ_A_ROSTER,
    HZ_A_SETTLEMENT_IMPORT,
    HZ_A_CLAIM_READ,
    HZ_A_CLAIM_SUBMIT,
    HZ_A_CLAIM_DOCS,
    HZ_A_CLAIM_REVIEW,
    HZ_A_PROACTIVE,
    HZ_A_PAY,
    HZ_A_REPORT,
    HZ_A_USER_ADMIN,
    HZ_A_AUDIT,
    HZ_A_COUNT
} hz_action;

/* Does the actor's role allow the action at all? */
hz_err hz_authz_can(const hz_app *app, hz_action a, hz_errinfo *e);
/* Does the actor's role allow the action a module adds ("lm.apply",
 * app/module.h), or a founding action by its name? An action nobody declares is refused like a role that
 * may not: a misspelt name fails closed. */
hz_err hz_authz_can_do(const hz_app *app, const char *action, hz_errinfo *e);
/* Calls each(ctx, name) for every action the actor's role may perform: the
 * founding actions by their names ("claim.review") and every module's, in
 * table order. The console shows a control only when its action is listed
 * here (GET /api/v1/me "actions"), so the list and the checks are one table. */
void hz_authz_each_allowed(const hz_app *app, void (*each)(void *ctx, const char *name), void *ctx);
/* The founding action's stable name ("claim.review"). */
const char *hz_authz_action_name(hz_action a);

/* Is the member (or their claim) inside the actor's scope? Out of scope
 * answers HZ_ENOTFOUND with the store's own "no such member / unit / org"
 * message for that object, so it reads exactly like a missing one. A claim
 * use case must replace it with the claim's not-found message. */
hz_err hz_authz_member(const hz_app *app, const hz_member *m, hz_errinfo *e);
hz_err hz_authz_unit(const hz_app *app, const hz_unit *u, const char *org_path, hz_errinfo *e);
hz_err hz_authz_org_path(const hz_app *app, const char *path, hz_errinfo *e);
/* The org named by its code (`--org XA-XC`, `?org=`), looked up and checked
 * against the actor's scope in one step. Fills *out (caller's storage).
 * Errors: HZ_ENOTFOUND for a code that does not exist and, with the same
 * "no such org" message, for one outside an org-scoped role's subtree. */
hz_err hz_authz_org_code(const hz_app *app, const char *code, hz_org *out, hz_errinfo *e);
/* May the actor name this org as the payer of a coverage? The office: any;
 * an org-scoped role: its subtree (others answer as missing orgs); a unit
 * liaison or a member: none (HZ_EFORBIDDEN whatever the org, so the answer
 * says nothing about which orgs exist). */
hz_err hz_authz_payer_org(const hz_app *app, const hz_org *org, hz_errinfo *e);
/* Roles whose word the office takes for facts it must verify: documents
 * complete, an accident (admin, staff, reviewer). Anyone else's claim waits
 * in `received` with the checklist (issue #11 case 9). */
bool hz_authz_trusted(const hz_app *app);
/* Roles that see full ID numbers and bank cards. */
bool hz_authz_sees_identity(const hz_app *app);

/* Sets app->who from a user's role and scope (looks the scope up). */
hz_err hz_authz_set(hz_app *app, const char *role, const char *scope_kind, const char *scope_ref, hz_errinfo *e);

#endif
