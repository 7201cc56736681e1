/* Tables of the relief programmes (救助帮扶): programmes, grants and
 * donations. None of these functions opens a transaction. */
#ifndef HZ_STORE_RELIEF_H
#define HZ_STORE_RELIEF_H

#include <stddef.h>

#include "core/relief.h"
#include "store/db.h"
#include "store/lists.h"

/* hz_relief_program and hz_relief_grant are in core/model.h (views read them). */

hz_err hz_store_relief_program_insert(hz_db *db, hz_relief_program *p, const char *now, const char *by,
                                      hz_errinfo *e);
/* HZ_ENOTFOUND when none. */
hz_err hz_store_relief_program_by_code(hz_db *db, const char *code, hz_relief_program *out, hz_errinfo *e);
hz_err hz_store_relief_program_by_id(hz_db *db, int64_t id, hz_relief_program *out, hz_errinfo *e);
hz_err hz_store_relief_program_publish(hz_db *db, int64_t id, const char *now, hz_date until, hz_errinfo *e);
/* Σ amounts of a programme's approved or paid grants (fen). */
hz_err hz_store_relief_committed(hz_db *db, int64_t program_id, hz_fen *out, hz_errinfo *e);
hz_err hz_store_relief_donated(hz_db *db, int64_t program_id, hz_fen *out, hz_errinfo *e);
hz_err hz_store_relief_donation_insert(hz_db *db, int64_t program_id, const char *donor, hz_fen amount,
                                       const char *now, const char *by, int64_t *id, hz_errinfo *e);

hz_err hz_store_relief_grant_insert(hz_db *db, hz_relief_grant *g, hz_errinfo *e);
/* HZ_ENOTFOUND when none. */
hz_err hz_store_relief_grant_by_no(hz_db *db, const char *no, hz_relief_grant *out, hz_errinfo *e);
hz_err hz_store_relief_grant_by_id(hz_db *db, int64_t id, hz_relief_grant *out, hz_errinfo *e);
hz_err hz_store_relief_grant_update(hz_db *db, const hz_relief_grant *g, hz_errinfo *e);
/* The member's grant in a programme, a rejected one only when there is no
 * other (a member is on a list once): out->id 0 if none. */
hz_err hz_store_relief_grant_of_member_any(hz_db *db, int64_t program_id, int64_t member_id, hz_relief_grant *out,
                                           hz_errinfo *e);
/* The programme's first grant that is not rejected: out->id 0 if none. */
hz_err hz_store_relief_open_grant(hz_db *db, int64_t program_id, hz_relief_grant *out, hz_errinfo *e);
/* The member's grant in a programme that is not rejected: out->id 0 if none. */
hz_err hz_store_relief_grant_of_member(hz_db *db, int64_t program_id, int64_t member_id, hz_relief_grant *out,
                                       hz_errinfo *e);
/* The grant for a student in a programme that is not rejected: "" if none. */
hz_err hz_store_relief_grant_of_student(hz_db *db, int64_t program_id, const char *student_id, char no[24],
                                        hz_errinfo *e);
typedef hz_err (*hz_relief_grant_fn)(void *ctx, const hz_relief_grant *g, hz_errinfo *e);
/* A programme's grants, oldest first; status "" = any. */
hz_err hz_store_relief_grants(hz_db *db, int64_t program_id, const char *status, hz_relief_grant_fn fn, void *ctx,
                              hz_errinfo *e);

/* The grants list's sort keys; every order ends on the id. */
typedef enum { HZ_GRANT_SORT_ID, HZ_GRANT_SORT_NO, HZ_GRANT_SORT_NAME, HZ_GRANT_SORT_STATUS, HZ_GRANT_SORT_AMOUNT, HZ_GRANT_SORT_CREATED, HZ_GRANT_SORTS } hz_grant_sort;
/* A grant with the name of its member's unit (or org). */
typedef hz_err (*hz_relief_grant_row_fn)(void *ctx, const hz_relief_grant *g, const char *unit_name, hz_errinfo *e);
/* One page (limit < 0: every row) of the grants of members in scope
 * matching f (store/lists.h; num the programme's id, from / to on
 * created_at), the number of them all in *total. */
hz_err hz_store_relief_grants_page(hz_db *db, const hz_list_scope *sc, const hz_rec_filter *f, int64_t offset,
                                   int64_t limit, hz_relief_grant_row_fn fn, void *ctx, int64_t *total, hz_errinfo *e);
/* A member's grants in every programme, oldest first. */
hz_err hz_store_relief_grants_of_member(hz_db *db, int64_t member_id, hz_relief_grant_fn fn, void *ctx,
                                        hz_errinfo *e);

typedef struct {
    hz_relief_program program;
    hz_fen committed, paid, donated; /* approved or paid; paid; donations in */
    int64_t count[5];                /* grants proposed, applied, approved, rejected, paid */
} hz_relief_program_totals;
typedef hz_err (*hz_relief_program_fn)(void *ctx, const hz_relief_program_totals *t, hz_errinfo *e);
/* Programmes (kind "" = any), newest year first, with their totals. */
hz_err hz_store_relief_programs(hz_db *db, const char *kind, hz_relief_program_fn fn, void *ctx, hz_errinfo *e);

typedef struct {
    int64_t member_id;
    hz_fen burden;
} hz_relief_burden;
/* Members who held a coverage active during the year with a remaining
 * burden of at least min (fen): Σ psn_selfpay of their non-refunded
 * inpatient settlements admitted that year − Σ lines of active claims on
 * them − Σ LM subsidies on them not rejected (plans.md). *out malloc'd. */
hz_err hz_store_relief_burdens(hz_db *db, int year, hz_fen min, hz_relief_burden **out, size_t *n, hz_errinfo *e);

typedef struct {
    char program[32]; /* "LM" or a relief programme code */
    char kind[16];
    int year;
    char district[128]; /* "" for members under no district */
    int64_t grants;
    hz_fen committed, paid;
} hz_aid_total;
typedef hz_err (*hz_aid_total_fn)(void *ctx, const hz_aid_total *t, hz_errinfo *e);
/* LM subsidies and relief grants approved or paid, by programme, year and
 * district, for the members within scope sc. */
hz_err hz_store_aid_totals(hz_db *db, const hz_list_scope *sc, hz_aid_total_fn fn, void *ctx, hz_errinfo *e);

#endif
