/* Tables of the service and legal-aid cases (服务与法律援助): cases and
 * their notes. Lists take the caller's scope (store/lists.h) and apply it
 * in SQL. None of these functions opens a transaction. */
#ifndef HZ_STORE_CASES_H
#define HZ_STORE_CASES_H

#include "core/care.h"
#include "store/db.h"
#include "store/lists.h"

/* Sets c->id and c->case_no (AJ + year + id). */
hz_err hz_store_case_insert(hz_db *db, hz_case *c, hz_errinfo *e);
/* HZ_ENOTFOUND when none. */
hz_err hz_store_case_by_no(hz_db *db, const char *no, hz_case *out, hz_errinfo *e);
/* Writes status, assignee, outcome, recovered, assigned_at, closed_at, closed_by. */
hz_err hz_store_case_update(hz_db *db, const hz_case *c, hz_errinfo *e);
hz_err hz_store_case_note_insert(hz_db *db, int64_t case_id, const char *text, const char *at, const char *by,
                                 hz_errinfo *e);
typedef hz_err (*hz_case_note_fn)(void *ctx, const hz_case_note *n, hz_errinfo *e);
/* A case's notes, oldest first. */
hz_err hz_store_case_notes(hz_db *db, int64_t case_id, hz_case_note_fn fn, void *ctx, hz_errinfo *e);
typedef hz_err (*hz_case_fn)(void *ctx, const hz_case *c, hz_errinfo *e);
typedef struct {
    char kind[12], outcome[12]; /* outcome "" while the case is open */
    int64_t cases;
    hz_fen claimed, recovered;
} hz_case_total;
typedef hz_err (*hz_case_total_fn)(void *ctx, const hz_case_total *t, hz_errinfo *e);
/* Cases opened on days in [from, to] of members in the scope, by kind and outcome. */
hz_err hz_store_case_totals(hz_db *db, const hz_list_scope *sc, hz_date from, hz_date to, hz_case_total_fn fn,
                            void *ctx, hz_errinfo *e);

/* The cases list's sort keys; every order ends on the id. */
typedef enum { HZ_CASE_SORT_ID, HZ_CASE_SORT_NO, HZ_CASE_SORT_NAME, HZ_CASE_SORT_KIND, HZ_CASE_SORT_STATUS, HZ_CASE_SORT_OPENED, HZ_CASE_SORTS } hz_case_sort;
/* A case with the name of its member's unit (or org). */
typedef hz_err (*hz_case_row_fn)(void *ctx, const hz_case *c, const char *unit_name, hz_errinfo *e);
/* One page (limit < 0: every row) of the cases of members in scope
 * matching f (store/lists.h; text the assignee, num unused, from/to on
 * opened_at), the number of them all in *total. */
hz_err hz_store_cases_page(hz_db *db, const hz_list_scope *sc, const hz_rec_filter *f, int64_t offset, int64_t limit,
                           hz_case_row_fn fn, void *ctx, int64_t *total, hz_errinfo *e);

#endif
