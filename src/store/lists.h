/* Paginated lists for the API and the console, filtered by the caller's
 * scope. Every function returns the total matching count as well. */
#ifndef HZ_STORE_LISTS_H
#define HZ_STORE_LISTS_H

#include "core/model.h"
#include "store/db.h"

/* A claim approved with nothing to pay is closed (结案, 无给付; docs/decisions.md,
 * issue 16). The claim table's CHECK, written in migration 1 and not
 * alterable in SQLite, knows the five statuses of interfaces.md, so
 * "closed" is stored as approved with a total of 0 and read back as
 * "closed" by every query through this expression (p: a table alias and a
 * dot, or ""); writes map "closed" to approved. */
#define HZ_SQL_CLAIM_STATUS(p) "(CASE WHEN " p "status = 'approved' AND " p "total = 0 THEN 'closed' ELSE " p "status END)"

typedef struct {
    const char *org_path; /* "" = no org limit */
    int64_t unit_id;      /* 0 = any */
    int64_t member_id;    /* 0 = any */
} hz_list_scope;

typedef hz_err (*hz_member_row_fn)(void *ctx, const hz_member *m, hz_errinfo *e);

/* The members list's sort keys (the console's visible columns); every
 * order ends on the member's id, so pages are disjoint and complete. */
typedef enum {
    HZ_MEMBER_SORT_ID,
    HZ_MEMBER_SORT_NAME,
    HZ_MEMBER_SORT_ID_NUMBER,
    HZ_MEMBER_SORT_BIRTH,
    HZ_MEMBER_SORT_UNIT,
    HZ_MEMBER_SORTS
} hz_member_sort;
typedef enum { HZ_COVERED_ANY, HZ_COVERED_ACTIVE, HZ_COVERED_EXPIRED, HZ_COVERED_NONE } hz_covered;

/* Filters of the members list, each "" / 0 for any. A search matches a
 * member whose name contains `name` or whose ID number contains
 * `id_number` (equals it when id_exact); the texts are matched literally
 * (LIKE's wildcards are escaped here). flag: a kind (model, hardship,
 * newform) valid on `today`; plan: a coverage of that plan code; covered:
 * a coverage (of plan, when named) in force on `today` (ACTIVE), some but
 * none in force (EXPIRED), none at all (NONE). */
typedef struct {
    const char *name, *id_number;
    bool id_exact;
    int64_t unit_id;
    const char *flag, *plan;
    hz_covered covered;
    char today[11]; /* YYYY-MM-DD */
    hz_member_sort sort;
    bool desc;
} hz_member_filter;
/* One page (limit rows from offset; limit < 0: every row) of the members
 * in scope matching f, and the number of them all in *total. */
hz_err hz_store_members_page(hz_db *db, const hz_list_scope *sc, const hz_member_filter *f, int64_t offset,
                             int64_t limit, hz_member_row_fn fn, void *ctx, int64_t *total, hz_errinfo *e);

typedef hz_err (*hz_org_row_fn)(void *ctx, const hz_org *o, hz_errinfo *e);
hz_err hz_store_orgs_page(hz_db *db, const char *path, int64_t offset, int64_t limit, hz_org_row_fn fn, void *ctx,
                          int64_t *total, hz_errinfo *e);

typedef hz_err (*hz_unit_row_fn)(void *ctx, const hz_unit *u, int64_t members, hz_errinfo *e);
hz_err hz_store_units_page(hz_db *db, const hz_list_scope *sc, int64_t offset, int64_t limit, hz_unit_row_fn fn,
                           void *ctx, int64_t *total, hz_errinfo *e);

/* The units list (issue 16): a unit with its member count, its org's name
 * and when it was registered (UTC). */
typedef struct {
    hz_unit unit;
    int64_t members;
    char org_name[HZ_NAME_MAX * 2], created_at[24];
} hz_unit_item;
typedef hz_err (*hz_unit_item_fn)(void *ctx, const hz_unit_item *u, hz_errinfo *e);
typedef enum {
    HZ_UNIT_SORT_ID, HZ_UNIT_SORT_CODE, HZ_UNIT_SORT_NAME, HZ_UNIT_SORT_ORG, HZ_UNIT_SORT_MEMBERS,
    HZ_UNIT_SORT_CREATED, HZ_UNIT_SORTS
} hz_unit_sort;
/* For the organisation tree: the units and members whose org is exactly
 * each org under path ("" all), by path (a member's org: its unit's, else
 * its own). */
typedef hz_err (*hz_org_count_fn)(void *ctx, const char *path, int64_t units, int64_t members, hz_errinfo *e);
hz_err hz_store_org_counts(hz_db *db, const char *path, hz_org_count_fn fn, void *ctx, hz_errinfo *e);

typedef struct {
    int64_t id;
    char claim_no[24], status[12], id_number[19], name[96], submitted_at[24], documents_complete_at[24], paid_at[24];
    char unit_name[96];
    hz_fen total;
    bool review_required, proactive;
} hz_claim_row;
typedef hz_err (*hz_claim_row_fn)(void *ctx, const hz_claim_row *c, hz_errinfo *e);

/* The claims list's sort keys (the console's visible columns); every order
 * ends on the claim's id. STATUS sorts in the order of the workflow. */
typedef enum {
    HZ_CLAIM_SORT_ID,
    HZ_CLAIM_SORT_NO,
    HZ_CLAIM_SORT_NAME,
    HZ_CLAIM_SORT_STATUS,
    HZ_CLAIM_SORT_TOTAL,
    HZ_CLAIM_SORT_SOURCE,
    HZ_CLAIM_SORT_SUBMITTED,
    HZ_CLAIM_SORTS
} hz_claim_sort;

/* Filters of the claims list, each "" / 0 for any. A search matches a
 * claim whose member's name contains `name`, whose member's ID number
 * contains `id_number` (equals it when id_exact) or whose number contains
 * `claim_no` (texts matched literally). plan: a line of that plan code;
 * unit_id: the member's unit; from / to: submitted_at in [from, to) (UTC
 * timestamps as stored); proactive: -1 any, 0 an application, 1 免申即享. */
typedef struct {
    const char *name, *id_number, *claim_no;
    bool id_exact;
    const char *status, *plan;
    int64_t unit_id;
    const char *from, *to;
    int proactive;
    hz_claim_sort sort;
    bool desc;
} hz_claim_filter;
/* One page (limit < 0: every row) of the claims in scope matching f, and
 * the number of them all in *total. */
hz_err hz_store_claims_page(hz_db *db, const hz_list_scope *sc, const hz_claim_filter *f, int64_t offset,
                            int64_t limit, hz_claim_row_fn fn, void *ctx, int64_t *total, hz_errinfo *e);

/* A list of records that belong to a member (劳模补助, 案件, …), paged,
 * filtered and sorted as the claims list is (issue 16). Filters, each
 * "" / 0 for any: a search on the member's name (`name`, equal when
 * name_exact), ID number (`id_number`, equal when id_exact) or the record's number (`no`), texts
 * matched literally; status; the member's unit; the record's time in
 * [from, to) (stored UTC timestamps); `text` and `num`: the list's own
 * (cases: the assignee; subsidies: the year). sort: a row of the list's
 * statements (0 its default order); every order ends on the record's id. */
typedef struct {
    const char *name, *id_number, *no;
    bool name_exact, id_exact;
    const char *status;
    int64_t unit_id;
    const char *from, *to, *text;
    int64_t num;
    const char *text2; /* a list's second text, bound as ?15 when not NULL (its statements name ?15) */
    int sort;
    bool desc;
} hz_rec_filter;

/* The WHERE of any paged list run by hz_store_rec_page (issue 16): scope, a
 * predicate on ?1-?3 (the caller's hz_list_scope); NAME, IDN, NO: the
 * columns ?4-?6 search; STATUS and AT: the expressions ?7 and [?9, ?10)
 * compare; UNIT, TEXT, NUM: predicates on ?8, ?11, ?12 (each list's own
 * filters; checked only when the parameter is set). Every statement must
 * name ?1-?14 (PostgreSQL types each parameter from its use); a page
 * statement ends HZ_REC_PAGE. */
#define HZ_LIST_WHERE(scope, name, idn, no, status, unit, at, text, num)                                              \
    " WHERE " scope " AND ((?4 = '' AND ?5 = '' AND ?6 = '') OR (?4 <> '' AND " name " LIKE ?4 ESCAPE '\\')"          \
    " OR (?5 <> '' AND " idn " LIKE ?5 ESCAPE '\\') OR (?6 <> '' AND " no " LIKE ?6 ESCAPE '\\'))"                   \
    " AND (?7 = '' OR " status " = ?7) AND (?8 = 0 OR " unit ") AND (?9 = '' OR " at " >= ?9)"                        \
    " AND (?10 = '' OR " at " < ?10) AND (?11 = '' OR " text ") AND (?12 = 0 OR " num ")"
/* A list of a member's records: member m (joined by the caller), its unit
 * u and org o (HZ_REC_JOIN) for the scope; NO, STATUS, AT, TEXT, NUM: the
 * record's columns (SQL expressions) the filters compare. */
#define HZ_REC_JOIN " LEFT JOIN unit u ON u.id = m.unit_id LEFT JOIN org o ON o.id = COALESCE(u.org_id, m.org_id)"
#define HZ_REC_SCOPE "(?1 = '' OR substr(o.path, 1, length(?1)) = ?1) AND (?2 = 0 OR m.unit_id = ?2) AND (?3 = 0 OR m.id = ?3)"
#define HZ_REC_WHERE(no, status, at, text, num)                                                                       \
    HZ_LIST_WHERE(HZ_REC_SCOPE, "m.name", "m.id_number", no, status, "m.unit_id = ?8", at, text " = ?11", num " = ?12")
#define HZ_REC_PAGE " LIMIT ?13 OFFSET ?14"
/* The count statement of a list whose statements name ?15 (text2):
 * PostgreSQL must see ?13 and ?14 in it too. */
#define HZ_REC_COUNT(from_where) "SELECT count(*) FROM (SELECT 1" from_where HZ_REC_PAGE ") t"

/* A list's row callback (of its own type, cast back before the call) and
 * its context, for the hz_rec_read_fn that reads the list's row. */
typedef void (*hz_rec_any_fn)(void);
typedef struct {
    hz_rec_any_fn fn;
    void *ctx;
} hz_rec_fn_ctx;
/* Reads the statement's current row and hands it on. */
typedef hz_err (*hz_rec_read_fn)(void *ctx, hz_stmt *st, hz_errinfo *e);
/* Counts the rows of count_sql into *total, then reads one page of
 * page_sql (limit < 0: every row) row by row through fn; both statements
 * take f and sc as HZ_LIST_WHERE binds them (and ?15 when f->text2 is not
 * NULL: then the count statement is an HZ_REC_COUNT). */
hz_err hz_store_rec_page(hz_db *db, const char *count_sql, const char *page_sql, const hz_list_scope *sc,
                         const hz_rec_filter *f, int64_t offset, int64_t limit, hz_rec_read_fn fn, void *ctx,
                         int64_t *total, hz_errinfo *e);

/* Units within sc matching f (name and credit code searched, status
 * active / empty, unit, from / to on created_at, num an org id and its
 * subtree), in f->sort's order (hz_unit_sort); limit < 0: every row. */
hz_err hz_store_units_list(hz_db *db, const hz_list_scope *sc, const hz_rec_filter *f, int64_t offset, int64_t limit,
                           hz_unit_item_fn fn, void *ctx, int64_t *total, hz_errinfo *e);

#endif
