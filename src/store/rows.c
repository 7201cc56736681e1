/* Row helpers shared by the store's query files. */
#include "store/rows.h"

#include <stdlib.h>
#include <string.h>

hz_date hz_row_date(hz_stmt *st, int col) {
    hz_date d = HZ_DATE_NONE;
    if (!hz_stmt_col_null(st, col)) hz_date_parse(hz_stmt_col_text(st, col), &d, NULL, NULL);
    return d;
}

void hz_bind_date(hz_stmt *st, int idx, hz_date d) {
    char b[HZ_DATE_BUF];
    hz_stmt_text(st, idx, d == HZ_DATE_NONE ? NULL : hz_date_format(d, b));
}

void hz_bind_day_start(hz_stmt *st, int idx, hz_date d) {
    char b[HZ_DATE_BUF + 16];
    hz_date_format(d - 1, b);
    size_t n = strlen(b);
    snprintf(b + n, sizeof b - n, "T16:00:00Z");
    hz_stmt_text(st, idx, b);
}

void hz_beijing_month(const char *utc_hour, char out[8]) {
    hz_date d;
    char day[11];
    snprintf(out, 8, "%.7s", utc_hour);
    snprintf(day, sizeof day, "%.10s", utc_hour);
    if (strlen(utc_hour) < 13 || hz_date_parse(day, &d, NULL, NULL) != HZ_OK) return;
    if ((utc_hour[11] - '0') * 10 + (utc_hour[12] - '0') >= 16) {
        char b[HZ_DATE_BUF];
        snprintf(out, 8, "%.7s", hz_date_format(d + 1, b));
    }
}

void hz_bind_opt_text(hz_stmt *st, int idx, const char *s) { hz_stmt_text(st, idx, s && *s ? s : NULL); }

void hz_bind_opt_id(hz_stmt *st, int idx, int64_t id) {
    if (id) hz_stmt_int(st, idx, id);
    else hz_stmt_null(st, idx);
}

hz_err hz_row_one(hz_stmt *st, const char *what, hz_errinfo *e) {
    bool row;
    hz_err rc = hz_stmt_step(st, &row, e);
    if (rc) return rc;
    if (!row) {
        hz_stmt_reset(st);
        return hz_fail(e, HZ_ENOTFOUND, "%s", what);
    }
    return HZ_OK;
}

hz_err hz_row_insert_id(hz_stmt *st, int64_t *id, hz_errinfo *e) {
    bool row;
    hz_err rc = hz_stmt_step(st, &row, e);
    if (rc) return rc;
    *id = row ? hz_stmt_col_int(st, 0) : 0;
    hz_stmt_reset(st);
    return row ? HZ_OK : hz_fail(e, HZ_EDB, "插入未返回编号 (insert returned no id)");
}

hz_err hz_row_int(hz_stmt *st, int64_t *out, hz_errinfo *e) {
    bool row;
    hz_err rc = hz_stmt_step(st, &row, e);
    if (rc) return rc;
    *out = row ? hz_stmt_col_int(st, 0) : 0;
    hz_stmt_reset(st);
    return HZ_OK;
}

hz_err hz_row_ids(hz_stmt *st, int64_t **ids, size_t *n, hz_errinfo *e) {
    size_t cap = 0;
    *ids = NULL;
    *n = 0;
    bool row;
    hz_err rc;
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 256;
            int64_t *g = realloc(*ids, cap * sizeof **ids);
            if (!g) {
                rc = hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
                break;
            }
            *ids = g;
        }
        (*ids)[(*n)++] = hz_stmt_col_int(st, 0);
    }
    hz_stmt_reset(st);
    if (rc) {
        free(*ids);
        *ids = NULL;
        *n = 0;
    }
    return rc;
}

hz_err hz_row_run_id(hz_db *db, const char *sql, int64_t id, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, sql, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, id);
    return hz_stmt_run(st, e);
}

hz_err hz_row_overflow(hz_errinfo *e, int max, const char *what) {
    return hz_fail(e, HZ_EINTERNAL, "%s 超过上限 %d 条, 拒绝处理 (more than %d %s; refused rather than truncated)", what,
                   max, max, what);
}
