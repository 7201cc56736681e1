/* Care activities (关爱活动, spec/README.md module 8; interfaces.md "Aid,
 * union work, documents and operations"): lectures, walks, runs, summer
 * cool packs, welcomes, check-ups, two-cancer screenings, skill contests,
 * interest groups, trainings and mother-and-baby rooms, organised by an
 * org; members take part once per activity and date within its capacity
 * (a screening: women only; a check-up: a model worker's extra recorded);
 * goods are handed out to units or members in items; walks rank by total
 * steps, runs and contests by the best score.
 *
 * Roles (docs/decisions.md "Care activities and cases"): care.read reads
 * (admin staff reviewer finance cadre unit member), care.manage adds
 * activities and hands out goods (admin staff cadre), care.join records a
 * participation (admin staff cadre unit). Scope: an org-scoped login sees
 * its subtree's activities and those of the orgs above it (the city's walk
 * is open to the district's members; its ranking shows only theirs) and
 * hands out goods only for its subtree's; a unit liaison sees those of its
 * union and above, a member those they took part in or received from
 * (store/care.h); an activity out of scope answers like a missing one. */
#ifndef HZ_APP_CARE_H
#define HZ_APP_CARE_H

#include "app/app.h"
#include "app/lists.h"
#include "app/module.h"
#include "store/care.h"

typedef struct {
    const char *code, *kind, *name, *org;
    hz_date from, to;  /* HZ_DATE_NONE: today; to: the first day */
    int64_t capacity;  /* 0: none */
    int64_t attendees; /* head count (a lecture's audience), 0: none */
} hz_activity_input;

/* Adds an activity of org (in the caller's scope). An existing code:
 * HZ_ECONFLICT; bad input: HZ_EINVAL naming the field. */
hz_err hz_app_activity_add(hz_app *app, const hz_activity_input *in, hz_activity *out, hz_errinfo *e);

typedef struct {
    const char *code, *id_number;
    int64_t steps, score; /* -1: not given; steps only for a walk, score for a run or contest */
    hz_date day;          /* HZ_DATE_NONE: the day of a one-day activity, else today */
} hz_join_input;

/* A member takes part. The same member, activity and day again:
 * HZ_ECONFLICT; a new member past the capacity: HZ_ECONFLICT naming it; a
 * man in a screening: HZ_EINVAL naming the rule; a day outside the
 * activity: HZ_EINVAL. A check-up records a model worker's extra. */
hz_err hz_app_activity_join(hz_app *app, const hz_join_input *in, hz_activity_part *out, hz_errinfo *e);

/* Items ("防暑降温包:200,毛巾:200") handed out to a unit (credit code) or a
 * member (ID number), exactly one of them, on day (as for join). */
hz_err hz_app_activity_distribute(hz_app *app, const char *code, const char *unit, const char *id_number,
                                  const char *items, hz_date day, hz_errinfo *e);

/* The activity, its items by name (items_fn) and, for a walk, run or
 * contest, the ranking: *rows (malloc'd, the caller frees) holds the places
 * of the members in the caller's scope, each with the place it holds among
 * all participants (equal totals share a place: 1 2 2 4). */
hz_err hz_app_activity_show(hz_app *app, const char *code, hz_activity *a, hz_item_fn items_fn, void *ctx,
                            hz_rank_row **rows, size_t *n, hz_errinfo *e);

/* Activities in the caller's scope, newest first (kind "" any, year 0 any). */
hz_err hz_app_activities(hz_app *app, const char *kind, int year, hz_activity_fn fn, void *ctx, hz_errinfo *e);

/* Activities in the caller's scope as GET /activities asks for them
 * (app/lists.h; issue 16): q a part of the code or the title; status
 * upcoming, ongoing or ended (today); unit: those its members may join;
 * from / to / year on the first day; kind; org: organised by that org or
 * under it; sort code, name, date, status or org (default: latest first).
 * One page and the total, or every one as a table with Chinese titles. */
typedef struct {
    hz_list_query list;
    const char *kind, *org;
    int year;
} hz_activity_query;
hz_err hz_app_activities_page(hz_app *app, const hz_activity_query *q, hz_page pg, hz_activity_fn fn, void *ctx,
                              int64_t *total, hz_errinfo *e);
hz_err hz_app_activities_export(hz_app *app, const hz_activity_query *q, hz_report *out, hz_errinfo *e);
/* upcoming, ongoing or ended on the app's day. */
const char *hz_activity_status(const hz_app *app, const hz_activity *a);

/* A member's participations and what they received. The member by ID
 * number or ref, or (both empty) the member logged in. */
hz_err hz_app_care_of_member(hz_app *app, const char *id_number, const char *ref, hz_activity_part_fn part_fn,
                             hz_activity_dist_fn dist_fn, void *ctx, hz_errinfo *e);

/* The member a care or case use case names: by ID number or ref, or (both
 * empty) the member logged in; out of scope reads as missing. */
hz_err hz_care_member(hz_app *app, const char *id_number, const char *ref, hz_member *m, hz_errinfo *e);

/* The module's demo hook: activities and cases shaped like the seed
 * (app/care_demo.c). */
hz_err hz_care_demo(hz_app *app, const hz_demo_opts *o, struct hz_demo_report *out, hz_errinfo *e);

#endif
