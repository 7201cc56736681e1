/* Small helpers shared by the store's query files (internal to src/store). */
#ifndef HZ_STORE_ROWS_H
#define HZ_STORE_ROWS_H

#include <stddef.h>
#include <stdio.h>

#include "core/date.h"
#include "core/text.h"
#include "store/db.h"

#define HZ_COPY(dst, src) hz_strlcpy((dst), (src), sizeof(dst))

/* A date column, HZ_DATE_NONE for NULL. */
hz_date hz_row_date(hz_stmt *st, int col);
/* Binds a date as YYYY-MM-DD, NULL for HZ_DATE_NONE. */
void hz_bind_date(hz_stmt *st, int idx, hz_date d);
/* Binds the UTC timestamp "YYYY-MM-DDT16:00:00Z" of the day before d: the
 * instant Beijing's day d begins (UTC+8, no DST). Timestamps are stored in
 * UTC, the office's days are Beijing's, so a range of days [from, to] over a
 * timestamp column is `ts >= day_start(from) AND ts < day_start(to + 1)`. */
void hz_bind_day_start(hz_stmt *st, int idx, hz_date d);
/* "2026-10-31T17" (a UTC hour, a timestamp column's first 13 characters) →
 * "2026-11" in out: the Beijing month of that hour (hours from 16:00 UTC
 * belong to the next Beijing day). A shorter or unparsable value keeps its
 * first 7 characters. Queries group by UTC hour and fold with this. */
void hz_beijing_month(const char *utc_hour, char out[8]);
/* Binds NULL for an empty string / a zero id. */
void hz_bind_opt_text(hz_stmt *st, int idx, const char *s);
void hz_bind_opt_id(hz_stmt *st, int idx, int64_t id);
/* Steps st expecting one row; HZ_ENOTFOUND with `what` when there is none.
 * On success the row is current and the caller resets st after reading. */
hz_err hz_row_one(hz_stmt *st, const char *what, hz_errinfo *e);
/* Runs INSERT ... RETURNING id. */
hz_err hz_row_insert_id(hz_stmt *st, int64_t *id, hz_errinfo *e);
/* Collects the first integer column of every row into a malloc'd array
 * the caller frees (NULL and 0 on error). */
hz_err hz_row_ids(hz_stmt *st, int64_t **ids, size_t *n, hz_errinfo *e);
/* Runs a statement binding one id (UPDATE ... WHERE id = ?). */
hz_err hz_row_run_id(hz_db *db, const char *sql, int64_t id, hz_errinfo *e);
/* Runs a query returning one integer (count, sum). */
hz_err hz_row_int(hz_stmt *st, int64_t *out, hz_errinfo *e);

/* The error for a fixed-size list that would need more than max entries:
 * nothing is ever dropped in silence (HZ_EINTERNAL naming what). */
hz_err hz_row_overflow(hz_errinfo *e, int max, const char *what);

#endif
