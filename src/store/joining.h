/* Tables of the joining module: online membership applications, standing
 * sponsorships and what each gave to whom. None of these functions opens a
 * transaction. */
#ifndef HZ_STORE_JOINING_H
#define HZ_STORE_JOINING_H

#include <stddef.h>

#include "core/joining.h"
#include "store/db.h"
#include "store/lists.h"

/* Inserts a (pending) application: fills a->id and a->no. Another pending
 * application of the same ID number: HZ_ECONFLICT. */
hz_err hz_store_application_insert(hz_db *db, hz_application *a, hz_errinfo *e);
/* HZ_ENOTFOUND when none. */
hz_err hz_store_application_by_no(hz_db *db, const char *no, hz_application *out, hz_errinfo *e);
/* The pending application of an ID number: out->id 0 when none. */
hz_err hz_store_application_pending(hz_db *db, const char *id_number, hz_application *out, hz_errinfo *e);
/* Writes status, reason, org, member and the decision. */
hz_err hz_store_application_decide(hz_db *db, const hz_application *a, hz_errinfo *e);
typedef hz_err (*hz_application_fn)(void *ctx, const hz_application *a, hz_errinfo *e);
/* Orgs that take individual members (kind joint), by path. */
hz_err hz_store_joint_orgs(hz_db *db, hz_org_row_fn fn, void *ctx, hz_errinfo *e);

/* Inserts a sponsorship: fills s->id and s->no. */
hz_err hz_store_sponsorship_insert(hz_db *db, hz_sponsorship *s, hz_errinfo *e);
/* A sponsorship of the same org and plan whose window overlaps [from, to]:
 * its number into no (empty when none). */
hz_err hz_store_sponsorship_overlap(hz_db *db, int64_t org_id, const char *plan_code, hz_date from, hz_date to,
                                    char no[24], hz_errinfo *e);
typedef hz_err (*hz_sponsorship_fn)(void *ctx, const hz_sponsorship *s, hz_errinfo *e);
/* Sponsorships of orgs inside org_path ("" = all) with their grant counts,
 * newest first. */
hz_err hz_store_sponsorships(hz_db *db, const char *org_path, hz_sponsorship_fn fn, void *ctx, hz_errinfo *e);
/* The sponsorships that hold for a member who joins an org of org_path on
 * day d (their org is that org or an ancestor, d in the window), oldest
 * first, into out (at most max; *n how many). */
hz_err hz_store_sponsorships_for(hz_db *db, const char *org_path, hz_date d, hz_sponsorship *out, int max, int *n,
                                 hz_errinfo *e);
/* What a sponsorship did for one joiner: the coverage (0 when none was
 * given) or why not. */
hz_err hz_store_sponsorship_grant(hz_db *db, int64_t sponsorship_id, int64_t member_id, hz_date joined_on,
                                  int64_t coverage_id, const char *note, hz_errinfo *e);

/* The applications list (issue 16): applications to orgs in sc's subtree
 * matching f (hz_rec_filter: name, ID number and number searched; status;
 * unit: approved into a member of it; from / to on created_at; text: an
 * occupation; num: an org id, its subtree), in f->sort's order (the
 * hz_app_sort keys, each ending on the id). limit < 0: every row. */
typedef enum {
    HZ_APP_SORT_ID, HZ_APP_SORT_NO, HZ_APP_SORT_NAME, HZ_APP_SORT_STATUS, HZ_APP_SORT_OCCUPATION, HZ_APP_SORT_ORG,
    HZ_APP_SORT_CREATED, HZ_APP_SORTS
} hz_app_sort;
hz_err hz_store_applications_list(hz_db *db, const hz_list_scope *sc, const hz_rec_filter *f, int64_t offset,
                                  int64_t limit, hz_application_fn fn, void *ctx, int64_t *total, hz_errinfo *e);
/* The sponsorships list: f's name / number search (any case, the org's
 * name and code), status upcoming / active / ended against today
 * (f->text2), unit: those that hold for its members, from / to on the
 * first day, text: a plan code, num: an org id (its subtree). */
typedef enum {
    HZ_SP_SORT_ID, HZ_SP_SORT_NO, HZ_SP_SORT_ORG, HZ_SP_SORT_PLAN, HZ_SP_SORT_FROM, HZ_SP_SORT_TO, HZ_SP_SORT_GRANTED,
    HZ_SP_SORT_PREMIUM, HZ_SP_SORTS
} hz_sp_sort;
hz_err hz_store_sponsorships_page(hz_db *db, const hz_list_scope *sc, const hz_rec_filter *f, int64_t offset,
                                  int64_t limit, hz_sponsorship_fn fn, void *ctx, int64_t *total, hz_errinfo *e);

/* Membership growth: one row per district (the second-level org of the
 * member's org) and month of members created in [from, to] inside sc and
 * org_path ("" = any). */
typedef struct {
    char district[HZ_NAME_MAX * 2];
    char month[8];
    int64_t members, newform;
} hz_growth_row;
typedef hz_err (*hz_growth_fn)(void *ctx, const hz_growth_row *g, hz_errinfo *e);
hz_err hz_store_growth(hz_db *db, const hz_list_scope *sc, const char *org_path, hz_date from, hz_date to,
                       hz_growth_fn fn, void *ctx, hz_errinfo *e);

#endif
