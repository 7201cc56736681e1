/* A module's part in the application layer, after nginx's ngx_module_t: a
 * struct that declares what the module adds, iterated by the program. The
 * other layers hold the module's other parts (store: migrations, cli:
 * commands, http: routes), joined by the name in src/modules.def. */
#ifndef HZ_APP_MODULE_H
#define HZ_APP_MODULE_H

#include "app/app.h"
#include "core/notices.h"
#include "io/report_out.h"

/* What `huzhu demo` asks of a module. */
typedef struct {
    int members;        /* size of the generated population */
    uint64_t seed;      /* same seed, same data */
    const char *tmpdir; /* scratch files; the caller removes it */
} hz_demo_opts;

struct hz_demo_report;

/* What a report is asked for; hz_report_args_default fills it. */
typedef struct {
    hz_date from, to; /* claims, payouts and contributions in [from, to] */
    const char *org;  /* stats: an org code; NULL or "": the caller's own org */
} hz_report_args;

/* A report a module offers under one name to every interface: `huzhu
 * report NAME` and GET /api/v1/reports/NAME (JSON, CSV, XLSX). build fills
 * out (hz_report_head, hz_report_add_row, hz_report_add_part) within the
 * caller's scope (hz_scope_filter); hz_app_report has checked the role and
 * frees out when build fails. */
typedef struct {
    const char *name;  /* stable English key */
    const char *title; /* Chinese title */
    hz_err (*build)(hz_app *app, const hz_report_args *a, hz_report *out, hz_errinfo *e);
} hz_report_def;

/* A kind of payable a module creates (its `source` column, store/payable.h)
 * and what the payments module tells the cause when the bank answered for
 * it. Both run inside the caller's transaction; source_id is the cause's
 * row id (a claim, a subsidy, a grant). paid: the payable owes nothing and
 * nothing is pending (every posting settled, or offset). failed: the bank
 * refused it; why is the bank's reason; the cause waits for the next batch.
 * Either may be NULL for nothing to do. */
typedef struct {
    const char *source;
    hz_err (*paid)(hz_app *app, int64_t source_id, hz_errinfo *e);
    hz_err (*failed)(hz_app *app, int64_t source_id, const char *why, hz_errinfo *e);
} hz_payable_source;

/* An action a module adds to the rule book (app/authz.h): its name,
 * "module.verb", and the roles allowed as a space-separated list padded
 * with spaces (" admin staff "). Scope is the use case's to check. */
typedef struct {
    const char *name;
    const char *roles;
} hz_action_def;

/* Something that happened to an object, told to every module inside the
 * transaction that made it happen (hz_app_event_emit): action is the audit
 * action ("claim.submit", "claim.approve", "claim.reject", "claim.documents",
 * "claim.paid", "relief.approve", "relief.reject", "lm.approve",
 * "lm.reject"); object its kind ("claim", "relief", "lm"), id its row, no
 * its number. A module reacts (the notices module writes the member's
 * message) or ignores it. */
typedef struct {
    const char *action;
    const char *object;
    int64_t id;
    const char *no;
} hz_app_event;

typedef struct {
    const char *name;
    /* Adds the module's demo data after the modules before it in the list
     * have added theirs; counts into out. NULL: no demo data. */
    hz_err (*demo)(hz_app *app, const hz_demo_opts *o, struct hz_demo_report *out, hz_errinfo *e);
    /* The reports the module offers, ended by a row whose name is NULL;
     * NULL for none. */
    const hz_report_def *reports;
    /* The actions the module adds, ended by a row whose name is NULL; NULL
     * for none. Checked with hz_authz_can_do(app, "module.verb", e). */
    const hz_action_def *actions;
    /* The payables the module creates, ended by a row whose source is
     * NULL; NULL for none. */
    const hz_payable_source *payables;
    /* A settlement the module's objects may rest on was refunded (a refund
     * row of the feed): undo what rested on it, inside the caller's
     * transaction. Called for every module in list order (claims before
     * the subsidies computed after them). NULL: nothing rests on one. */
    hz_err (*settlement_refunded)(hz_app *app, int64_t settlement_id, const char *setl_id, hz_errinfo *e);
    /* A mutual-aid claim was adjudicated on a settlement (its lines are
     * written): a module whose objects were computed on what huzhu had not
     * yet paid recomputes them, inside the claim's transaction. NULL: none. */
    hz_err (*settlement_claimed)(hz_app *app, int64_t settlement_id, const char *setl_id, hz_errinfo *e);
    /* For the bulk writer of 免申即享 (app/claim_bulk.c): *matters is set
     * when settlement_claimed would change something for this settlement
     * (the bulk writer then hands the member to the one-by-one path). A
     * module with settlement_claimed but without this sends every member
     * there. */
    hz_err (*settlement_claim_matters)(hz_app *app, int64_t settlement_id, bool *matters, hz_errinfo *e);
    /* Members were created (`member add`, a roster's new people, an
     * approved application), written with their flags in the caller's
     * transaction; they joined on app->today. A module that gives
     * something to whoever joins does it now, in that transaction. NULL:
     * nothing to do. */
    hz_err (*members_joined)(hz_app *app, const hz_member *members, size_t n, hz_errinfo *e);
    /* An event of another module (hz_app_event), inside its transaction;
     * an error rolls the event back. NULL: the module ignores events. */
    hz_err (*event)(hz_app *app, const hz_app_event *ev, hz_errinfo *e);
    /* What event would write for "claim.submit" of c, a complete claim
     * (status approved, closed or adjudicated) held in memory by the bulk
     * writer of 免申即享, as notice rows into out (at most max; *n of them,
     * ids and numbers left to the writer). A module with event but without
     * this makes 免申即享 take the one-by-one path. */
    hz_err (*claim_submitted_rows)(hz_app *app, const hz_claim *c, hz_notice *out, int max, int *n, hz_errinfo *e);
} hz_app_module;

/* Every module's app part, in the order of src/modules.def; NULL-ended. */
extern const hz_app_module *const hz_app_modules[];

/* The module named name, NULL when none. */
const hz_app_module *hz_app_module_find(const char *name);
/* The module part that handles payables of source, NULL when none. */
const hz_payable_source *hz_app_payable_source(const char *source);
/* Tells every module, in list order, that members were created
 * (members_joined above); the caller's transaction is open. */
hz_err hz_app_members_joined(hz_app *app, const hz_member *members, size_t n, hz_errinfo *e);
/* Tells every module's event hook, in list order, inside the caller's
 * transaction; the first error stops and is returned. */
hz_err hz_app_event_emit(hz_app *app, const char *action, const char *object, int64_t id, const char *no,
                         hz_errinfo *e);
/* The action named name ("module.verb"), NULL when no module adds it. */
const hz_action_def *hz_app_action_find(const char *name);

#endif
