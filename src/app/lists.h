/* Paginated lists as the actor may see them (scope applied in the query). */
#ifndef HZ_APP_LISTS_H
#define HZ_APP_LISTS_H

#include "app/app.h"
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

hz_err hz_app_members_page(hz_app *app, const char *q, const char *unit_code, hz_page pg, hz_member_row_fn fn,
                           void *ctx, int64_t *total, hz_errinfo *e);
hz_err hz_app_orgs_page(hz_app *app, hz_page pg, hz_org_row_fn fn, void *ctx, int64_t *total, hz_errinfo *e);
hz_err hz_app_units_page(hz_app *app, hz_page pg, hz_unit_row_fn fn, void *ctx, int64_t *total, hz_errinfo *e);
/* id_number or member_ref (the "ref" of member lists; optional, NULL or "")
 * limits the list to one member's claims; out of scope: HZ_ENOTFOUND. */
hz_err hz_app_claims_page(hz_app *app, const char *status, const char *id_number, const char *member_ref, hz_page pg,
                          hz_claim_row_fn fn, void *ctx, int64_t *total, hz_errinfo *e);

#endif
