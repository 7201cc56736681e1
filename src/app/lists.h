/* Paginated lists as the actor may see them (scope applied in the query). */
#ifndef HZ_APP_LISTS_H
#define HZ_APP_LISTS_H

#include "app/app.h"
#include "core/idcard.h"
#include "core/normalize.h"
#include "io/report_out.h"
#include "store/lists.h"

#define HZ_PER_PAGE_MAX 500

typedef struct {
    int64_t page, per_page; /* page from 1 */
} hz_page;

/* The caller's scope as the store applies it in SQL: an org subtree for a
 * cadre, a unit for a unit liaison, oneself for a member, nothing for the
 * office. Every list, report, dashboard figure and export takes its filter
 * from here, so none can forget it. This function can't fail. */
void hz_scope_filter(const hz_app *app, hz_list_scope *out);

/* Checks page / per_page (per_page at most 500). */
hz_err hz_page_check(hz_page *p, hz_errinfo *e);

/* The members list as GET /members asks for it; every field optional (NULL
 * or ""). q: an ID number (a part of one for those who see numbers in
 * full, the whole number for the others; a lowercase x matches X) or a part
 * of a name; unit: a credit code; flag: model, hardship or newform (valid
 * today); plan: a plan code held; covered: active, expired or none (of
 * plan when named); sort: name, id_number, birth_date or unit; order: asc
 * or desc. A bad value: HZ_EINVAL naming the field. */
typedef struct {
    const char *q, *unit, *flag, *plan, *covered, *sort, *order;
} hz_member_query;
hz_err hz_app_members_list(hz_app *app, const hz_member_query *q, hz_page pg, hz_member_row_fn fn, void *ctx,
                           int64_t *total, hz_errinfo *e);
/* Every member matching q in the caller's scope as a table with Chinese
 * titles, ID numbers masked as the list masks them, into out (zeroed, or
 * with a stream begun: hz_report_stream_begin). */
hz_err hz_app_members_export(hz_app *app, const hz_member_query *q, hz_report *out, hz_errinfo *e);
/* The same with a name search (q) and a unit only (older callers). */
hz_err hz_app_members_page(hz_app *app, const char *q, const char *unit_code, hz_page pg, hz_member_row_fn fn,
                           void *ctx, int64_t *total, hz_errinfo *e);
hz_err hz_app_orgs_page(hz_app *app, hz_page pg, hz_org_row_fn fn, void *ctx, int64_t *total, hz_errinfo *e);
hz_err hz_app_units_page(hz_app *app, hz_page pg, hz_unit_row_fn fn, void *ctx, int64_t *total, hz_errinfo *e);

/* The claims list as GET /claims asks for it; every field optional. q: an
 * ID number (as for members), a part of a name or a part of a claim number
 * (LP…); status; plan: a line of that plan; unit: the member's unit (credit
 * code); from / to: submitted on these Beijing days (YYYY-MM-DD, both
 * included); source: application or proactive (免申即享); sort: claim_no,
 * name, status, total, source or submitted_at (default: newest first);
 * order: asc or desc; id_number or member (a member's ref): one member's
 * claims, out of scope HZ_ENOTFOUND. */
typedef struct {
    const char *q, *status, *plan, *unit, *from, *to, *source, *sort, *order, *id_number, *member_ref;
} hz_claim_query;
hz_err hz_app_claims_list(hz_app *app, const hz_claim_query *q, hz_page pg, hz_claim_row_fn fn, void *ctx,
                          int64_t *total, hz_errinfo *e);
/* Every claim matching q in the caller's scope as a table (see
 * hz_app_members_export). */
hz_err hz_app_claims_export(hz_app *app, const hz_claim_query *q, hz_report *out, hz_errinfo *e);
/* status and one member only (older callers). */
hz_err hz_app_claims_page(hz_app *app, const char *status, const char *id_number, const char *member_ref, hz_page pg,
                          hz_claim_row_fn fn, void *ctx, int64_t *total, hz_errinfo *e);

/* The filters every list of a member's records takes (GET /lm/applications,
 * GET /cases, their CLI lists and exports; issue 16); every field optional.
 * q: an ID number (as for members), a part of a name (the whole name for
 * those who see names masked) or a part of the record's number; status: one
 * of the list's; unit: the member's unit (credit code); from / to: Beijing
 * days of the record's time (YYYY-MM-DD, both included); sort: one of the
 * list's keys; order: asc or desc (default: newest first). A bad value:
 * HZ_EINVAL naming the parameter. */
typedef struct {
    const char *q, *status, *unit, *from, *to, *sort, *order;
} hz_list_query;

/* What one list accepts: its statuses and its sort keys (NULL-terminated,
 * each list beginning with ""; a sort key's index is its row in the store's
 * statements), the key that sorts on names (refused to those who see names
 * masked: the order would tell them apart; 0 none) and the prefix of its
 * record numbers (AJ, LM). oldest_first: its default order is ascending;
 * days: its time is a calendar day (YYYY-MM-DD), so from / to are days,
 * not Beijing days in UTC timestamps; any_text: q matches a part of the
 * number and of the name whatever its shape and in any case (the text
 * lower-cased: the store compares lower() of its columns), the names
 * being titles or accounts rather than people's (never masked). */
typedef struct {
    const char *const *statuses, *const *sorts;
    int name_sort;
    const char *no_prefix;
    bool oldest_first, days, any_text;
} hz_list_spec;

/* The texts a filter points into. */
typedef struct {
    char text[HZ_NORM_MAX_CHARS * 4 + 1], folded[HZ_NORM_MAX_CHARS * 4 + 1], from[24], to[24];
    char day[24]; /* a list's own (text2) */
} hz_list_buf;

/* q checked against spec into f (pointing into b) and the caller's scope
 * into sc. */
hz_err hz_list_filter(hz_app *app, const hz_list_spec *spec, const hz_list_query *q, hz_list_buf *b, hz_rec_filter *f,
                      hz_list_scope *sc, hz_errinfo *e);

/* A list's own filter: a year (2000..2199, 0 none) narrowing a list of
 * days (hz_list_spec.days) to that year, within from / to when given. */
void hz_list_year(int year, hz_list_buf *b, hz_rec_filter *f);
/* A search text (?q=) folded by hz_norm_search into out (cap bytes);
 * *id when it is made of digits and X only. HZ_EINVAL naming q when it is
 * too long or not valid UTF-8: a search the server cannot read is refused,
 * never widened to every row. An empty q gives "" and HZ_OK. */
hz_err hz_list_search_text(const char *q, char *out, size_t cap, bool *id, hz_errinfo *e);
/* A list's own filter: an org code (in any case) as its id (0 for ""). An
 * unknown code: HZ_EINVAL naming `field`. */
hz_err hz_list_org(hz_app *app, const char *code, const char *field, int64_t *org_id, hz_errinfo *e);

/* An export's row callback context: the caller (for what it may see) and
 * the table the rows go into. */
typedef struct {
    hz_app *app;
    hz_report *r;
} hz_list_export;

/* For exports: a stored UTC timestamp as Beijing time "YYYY-MM-DD HH:MM:SS"
 * ("" stays ""); an ID number as the caller may see it (masked for cadre
 * and unit). */
const char *hz_list_beijing(const char *ts, char out[24]);
const char *hz_list_id(const hz_app *app, const char *id_number, char out[HZ_ID_LEN + 1]);

/* A boolean parameter (?unmatched=, ?refunded=, ?returned=, …): "0" or
 * "1" into *out (0 / 1), absent or "" -1; anything else HZ_EINVAL naming
 * field. */
hz_err hz_list_bool(const char *s, const char *field, int *out, hz_errinfo *e);

/* The units list as GET /units asks for it (issue 16): the common filters
 * (q: a part of the name or credit code, any case; status active: with
 * members, empty: none; unit; from / to: registered on these Beijing days;
 * sort code, name, org, members or created_at, default the order of
 * registration) and org: an org code, its subtree. */
typedef struct {
    hz_list_query list;
    const char *org;
} hz_unit_query;
hz_err hz_app_units_list(hz_app *app, const hz_unit_query *q, hz_page pg, hz_unit_item_fn fn, void *ctx,
                         int64_t *total, hz_errinfo *e);
/* Every unit matching q in the caller's scope as a table (units.csv). */
hz_err hz_app_units_export(hz_app *app, const hz_unit_query *q, hz_report *out, hz_errinfo *e);
/* The orgs page (as hz_app_orgs_page) with each org's subtree counted: its
 * units and members (a member's org: its unit's, else its own), counted by
 * the store, not by loading every unit. */
typedef hz_err (*hz_org_counted_fn)(void *ctx, const hz_org *o, int64_t units, int64_t members, hz_errinfo *e);
hz_err hz_app_orgs_counted(hz_app *app, hz_page pg, hz_org_counted_fn fn, void *ctx, int64_t *total, hz_errinfo *e);

#endif
