/* Tables of the care activities (关爱活动): activities, participations,
 * distributions. Lists take the caller's scope (store/lists.h) and apply it in SQL.
 * None of these functions opens a transaction. */
#ifndef HZ_STORE_CARE_H
#define HZ_STORE_CARE_H

#include <stddef.h>

#include "core/care.h"
#include "store/db.h"
#include "store/lists.h"

/* ---- activities ---------------------------------------------------------- */
/* An existing code: HZ_ECONFLICT. Sets a->id. */
hz_err hz_store_activity_insert(hz_db *db, hz_activity *a, hz_errinfo *e);
/* The activity of that code if the scope sees it (an org-scoped caller:
 * its subtree's and those of the orgs above it, open to its members; a
 * unit liaison: its union's and those above; a member: those they took
 * part in or received from); else HZ_ENOTFOUND. */
hz_err hz_store_activity_by_code(hz_db *db, const char *code, const hz_list_scope *sc, hz_activity *out, hz_errinfo *e);
typedef hz_err (*hz_activity_fn)(void *ctx, const hz_activity *a, hz_errinfo *e);
/* Activities in the scope, newest first; kind "" = any, year 0 = any. */
hz_err hz_store_activities(hz_db *db, const hz_list_scope *sc, const char *kind, int year, hz_activity_fn fn, void *ctx,
                           hz_errinfo *e);

/* The activities list's sort keys; every order ends on the id. */
typedef enum { HZ_ACT_SORT_ID, HZ_ACT_SORT_CODE, HZ_ACT_SORT_NAME, HZ_ACT_SORT_DATE, HZ_ACT_SORT_STATUS, HZ_ACT_SORT_ORG, HZ_ACT_SORTS } hz_act_sort;
/* One page (limit < 0: every row) of the activities in the scope matching
 * f (store/lists.h: name the title, no and id_number the code; status
 * upcoming, ongoing or ended on the day text2 (required); unit_id: those
 * the unit's members may join; from / to on the first day (days); text a
 * kind; num an org id, its subtree's), the number of them all in *total.
 * The default order is by first day and id. */
hz_err hz_store_activities_page(hz_db *db, const hz_list_scope *sc, const hz_rec_filter *f, int64_t offset,
                                int64_t limit, hz_activity_fn fn, void *ctx, int64_t *total, hz_errinfo *e);

/* Members who joined the activity (each once, whatever the dates). */
hz_err hz_store_activity_members(hz_db *db, int64_t activity_id, int64_t *n, hz_errinfo *e);
/* Has the member joined the activity (on any date)? */
hz_err hz_store_activity_joined(hz_db *db, int64_t activity_id, int64_t member_id, bool *joined, hz_errinfo *e);
/* Has the member joined the activity on day? */
hz_err hz_store_activity_joined_on(hz_db *db, int64_t activity_id, int64_t member_id, hz_date day, bool *joined,
                                   hz_errinfo *e);
/* A participation; the same member, activity and day again: HZ_ECONFLICT. */
hz_err hz_store_activity_part_insert(hz_db *db, hz_activity_part *p, const char *now, const char *by, hz_errinfo *e);
typedef hz_err (*hz_activity_part_fn)(void *ctx, const hz_activity_part *p, hz_errinfo *e);
/* A member's participations, newest first. */
hz_err hz_store_activity_parts_of_member(hz_db *db, int64_t member_id, hz_activity_part_fn fn, void *ctx,
                                         hz_errinfo *e);

hz_err hz_store_activity_dist_insert(hz_db *db, hz_activity_dist *d, int64_t unit_id, int64_t member_id,
                                     const char *now, const char *by, hz_errinfo *e);
typedef hz_err (*hz_activity_dist_fn)(void *ctx, const hz_activity_dist *d, hz_errinfo *e);
/* What a member received, newest first. */
hz_err hz_store_activity_dists_of_member(hz_db *db, int64_t member_id, hz_activity_dist_fn fn, void *ctx,
                                         hz_errinfo *e);
typedef hz_err (*hz_item_fn)(void *ctx, const char *item, int64_t count, hz_errinfo *e);
/* Items handed out by the activity, by name. */
hz_err hz_store_activity_items(hz_db *db, int64_t activity_id, hz_item_fn fn, void *ctx, hz_errinfo *e);
/* Every participant's total (by: "steps" the sum, "score" the best), in no
 * order; *rows is malloc'd, the caller frees it. */
hz_err hz_store_activity_totals(hz_db *db, int64_t activity_id, const char *by, hz_rank_row **rows, size_t *n,
                                hz_errinfo *e);

/* The activities report: per year (of the first day), district (the
 * organiser's district, else the organiser) and kind, activities whose
 * first day is in [from, to] within the scope. */
typedef struct {
    int year;
    char district[HZ_NAME_MAX * 2];
    char kind[16];
    int64_t activities, participations, attendees, items;
} hz_activity_total;
typedef hz_err (*hz_activity_total_fn)(void *ctx, const hz_activity_total *t, hz_errinfo *e);
hz_err hz_store_activity_totals_report(hz_db *db, const hz_list_scope *sc, hz_date from, hz_date to,
                                       hz_activity_total_fn fn, void *ctx, hz_errinfo *e);
typedef struct {
    int year;
    char district[HZ_NAME_MAX * 2];
    char item[64];
    int64_t count, to_units, to_members;
} hz_item_total;
typedef hz_err (*hz_item_total_fn)(void *ctx, const hz_item_total *t, hz_errinfo *e);
/* Items handed out on days in [from, to] by activities in the scope. */
hz_err hz_store_item_totals_report(hz_db *db, const hz_list_scope *sc, hz_date from, hz_date to, hz_item_total_fn fn,
                                   void *ctx, hz_errinfo *e);

#endif
