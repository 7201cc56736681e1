/* Service requests and legal-aid cases (服务与法律援助, spec/README.md
 * module 9; interfaces.md "Aid, union work, documents and operations"): a
 * member's request or case is opened (wage, legal, injury, consult,
 * other), assigned to a user who can see the member, annotated, and closed
 * with an outcome and the amount recovered. The amount recovered is the
 * worker's own money recovered from an employer: recorded, never posted to
 * the journal (docs/decisions.md "Care activities and cases").
 *
 * Roles: cases.read (admin staff reviewer finance cadre unit member),
 * cases.open (admin staff cadre unit member: a member for themself),
 * cases.work assigns, notes and closes (admin staff cadre). Scope: the
 * member's; a case out of scope answers like a missing one. */
#ifndef HZ_APP_CASES_H
#define HZ_APP_CASES_H

#include "app/app.h"
#include "app/lists.h"
#include "app/module.h"
#include "store/cases.h"

/* Opens a case (status open). claimed: the amount at stake, -1 none. */
hz_err hz_app_case_open(hz_app *app, const char *id_number, const char *kind, const char *summary, hz_fen claimed,
                        hz_case *out, hz_errinfo *e);
/* Assigns (or reassigns) to login: a user who may work cases and can see
 * the member, else HZ_EINVAL naming `to`. A closed case: HZ_ECONFLICT. */
hz_err hz_app_case_assign(hz_app *app, const char *no, const char *login, hz_case *out, hz_errinfo *e);
/* A note; a closed case: HZ_ECONFLICT. */
hz_err hz_app_case_note(hz_app *app, const char *no, const char *text, hz_case *out, hz_errinfo *e);
/* Closes with an outcome and the amount recovered (0 when none; a
 * withdrawn case recovers nothing). Closed already: HZ_ECONFLICT. */
hz_err hz_app_case_close(hz_app *app, const char *no, const char *outcome, hz_fen recovered, hz_case *out,
                         hz_errinfo *e);
/* The case and its notes (note_fn, oldest first). */
hz_err hz_app_case_show(hz_app *app, const char *no, hz_case *out, hz_case_note_fn note_fn, void *ctx, hz_errinfo *e);
/* The cases in the caller's scope as GET /cases asks for them (app/lists.h;
 * status open, assigned or closed; sort no, name, kind, status or
 * opened_at; from / to on the day opened); assignee: a login, "me" for the
 * caller's queue; one member by ID number or ref. One page and the total,
 * or every one as a table with Chinese titles, names and ID numbers masked
 * as the caller sees them. */
typedef struct {
    hz_list_query l;
    const char *assignee, *id_number, *member_ref;
} hz_case_query;
hz_err hz_app_cases_page(hz_app *app, const hz_case_query *q, hz_page pg, hz_case_row_fn fn, void *ctx, int64_t *total,
                         hz_errinfo *e);
hz_err hz_app_cases_export(hz_app *app, const hz_case_query *q, hz_report *out, hz_errinfo *e);

/* The module's demo hook (app/care_demo.c). */
hz_err hz_cases_demo(hz_app *app, const hz_demo_opts *o, struct hz_demo_report *out, hz_errinfo *e);

#endif
