/* Bulk paths of the imports. */
#include "store/bulk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/rows.h"

/* one block of n ids in one call, not n calls of nextval (10 µs each): the
 * caller holds the write lock (hz_db_begin), so no other huzhu writer draws
 * from the sequence between nextval and setval; anyone else who did would
 * collide on the primary key and roll the import back, never share an id */
static const char q_next_pg[] =
    "SELECT setval(pg_get_serial_sequence(?1, 'id'), nextval(pg_get_serial_sequence(?1, 'id')) + ?2 - 1)";
static const char q_max_member[] = "SELECT COALESCE(max(id), 0) FROM member";
static const char q_max_coverage[] = "SELECT COALESCE(max(id), 0) FROM coverage";

hz_err hz_store_reserve_ids(hz_db *db, const char *table, int64_t n, int64_t *ids, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc;
    if (!strcmp(hz_db_driver_name(db), "postgresql")) {
        if (n <= 0) return HZ_OK;
        if ((rc = hz_db_stmt(db, q_next_pg, &st, e))) return rc;
        hz_stmt_text(st, 1, table);
        hz_stmt_int(st, 2, n);
        int64_t last;
        if ((rc = hz_row_int(st, &last, e))) return rc;
        for (int64_t k = 0; k < n; k++) ids[k] = last - n + 1 + k;
        return HZ_OK;
    }
    /* SQLite: the writer holds the database (BEGIN IMMEDIATE), max + 1 is ours */
    if ((rc = hz_db_stmt(db, !strcmp(table, "member") ? q_max_member : q_max_coverage, &st, e))) return rc;
    int64_t max;
    if ((rc = hz_row_int(st, &max, e))) return rc;
    for (int64_t k = 0; k < n; k++) ids[k] = max + 1 + k;
    return HZ_OK;
}

static void num(char *buf, int64_t v) { snprintf(buf, 24, "%lld", (long long)v); }
static const char *opt(const char *s) { return s && *s ? s : NULL; }

/* SQLite: rows go in through prepared INSERTs of BULK_ROWS rows each,
 * numbers bound as integers (a COPY row is text; SQLite would parse every
 * number back). The tail goes one row at a time through a one-row INSERT. */
#define BULK_ROWS 50

static bool on_sqlite(hz_db *db) { return !strcmp(hz_db_driver_name(db), "sqlite"); }

/* "INSERT INTO t (cols) VALUES (?,…),(?,…)…" for rows rows, built into buf
 * once (the statement cache keys on the buffer's address). */
static const char *multi_sql(char *buf, size_t cap, const char *head, int ncols, int rows) {
    if (buf[0]) return buf;
    size_t n = strlen(head);
    if (n + (size_t)rows * ((size_t)ncols * 2 + 3) + 1 > cap) return NULL;
    memcpy(buf, head, n);
    for (int r = 0; r < rows; r++) {
        buf[n++] = r ? ',' : ' ';
        buf[n++] = '(';
        for (int c = 0; c < ncols; c++) {
            if (c) buf[n++] = ',';
            buf[n++] = '?';
        }
        buf[n++] = ')';
    }
    buf[n] = '\0';
    return buf;
}

/* d: this row's own scratch for formatted dates, alive until the run */
typedef void (*bind_row_fn)(hz_stmt *st, int base, int i, const void *rows, const char *now, char (*d)[HZ_DATE_BUF]);

/* Inserts n rows through sql_many (BULK_ROWS rows) and sql_one (one row). */
static hz_err multi_insert(hz_db *db, const char *sql_many, const char *sql_one, int ncols, int n, bind_row_fn bind,
                           const void *rows, const char *now, hz_errinfo *e) {
    if (!sql_many || !sql_one) return hz_fail(e, HZ_EINTERNAL, "bulk: 语句过长 (statement too long)");
    char dates[BULK_ROWS][2][HZ_DATE_BUF];
    for (int i = 0; i < n;) {
        int k = n - i >= BULK_ROWS ? BULK_ROWS : 1;
        hz_stmt *st;
        hz_err rc = hz_db_stmt(db, k == BULK_ROWS ? sql_many : sql_one, &st, e);
        if (rc) return rc;
        for (int j = 0; j < k; j++) bind(st, j * ncols, i + j, rows, now, dates[j]);
        if ((rc = hz_stmt_run(st, e))) return rc;
        i += k;
    }
    return HZ_OK;
}

#define MEMBER_COLS                                                                                                   \
    "INSERT INTO member (id, id_number, name, sex, birth_date, phone, unit_id, org_id, bank_card, bank_name,"         \
    " created_at, updated_at) VALUES"
static char q_members_many[4096], q_members_one[256];

static void bind_member(hz_stmt *st, int b, int i, const void *rows, const char *now, char (*d)[HZ_DATE_BUF]) {
    const hz_member *m = (const hz_member *)rows + i;
    hz_stmt_int(st, b + 1, m->id);
    hz_stmt_text_kept(st, b + 2, m->id_number);
    hz_stmt_text_kept(st, b + 3, m->name);
    hz_stmt_text_kept(st, b + 4, m->sex == 'F' ? "F" : "M");
    hz_stmt_text_kept(st, b + 5, hz_date_format(m->birth, d[0]));
    hz_stmt_text_kept(st, b + 6, opt(m->phone));
    if (m->unit_id) hz_stmt_int(st, b + 7, m->unit_id);
    else hz_stmt_null(st, b + 7);
    if (m->org_id) hz_stmt_int(st, b + 8, m->org_id);
    else hz_stmt_null(st, b + 8);
    hz_stmt_text_kept(st, b + 9, opt(m->bank_card));
    hz_stmt_text_kept(st, b + 10, opt(m->bank_name));
    hz_stmt_text_kept(st, b + 11, now);
    hz_stmt_text_kept(st, b + 12, now);
}

hz_err hz_store_bulk_members(hz_db *db, const hz_member *m, int n, const char *now, hz_errinfo *e) {
    if (on_sqlite(db))
        return multi_insert(db, multi_sql(q_members_many, sizeof q_members_many, MEMBER_COLS, 12, BULK_ROWS),
                            multi_sql(q_members_one, sizeof q_members_one, MEMBER_COLS, 12, 1), 12, n, bind_member, m,
                            now, e);
    static const char *const cols[] = {"id",      "id_number", "name",      "sex",       "birth_date", "phone",
                                       "unit_id", "org_id",    "bank_card", "bank_name", "created_at", "updated_at"};
    hz_err rc = hz_db_copy_begin(db, "member", cols, 12, e);
    for (int i = 0; rc == HZ_OK && i < n; i++) {
        char id[24], unit[24], org[24], birth[HZ_DATE_BUF], sex[2] = {m[i].sex, 0};
        num(id, m[i].id);
        num(unit, m[i].unit_id);
        num(org, m[i].org_id);
        const char *v[12] = {id, m[i].id_number, m[i].name, sex, hz_date_format(m[i].birth, birth), opt(m[i].phone),
                             m[i].unit_id ? unit : NULL, m[i].org_id ? org : NULL, opt(m[i].bank_card),
                             opt(m[i].bank_name), now, now};
        rc = hz_db_copy_row(db, v, e);
    }
    hz_err end = hz_db_copy_end(db, e);
    return rc ? rc : end;
}

/* one flag of one member, for the multi-row INSERT */
typedef struct {
    int64_t member_id;
    const hz_flag *f;
} flag_row;

#define FLAG_COLS "INSERT INTO member_flag (member_id, kind, level, valid_from, valid_to) VALUES"
static char q_flags_many[2048], q_flags_one[160];

static void bind_flag(hz_stmt *st, int b, int i, const void *rows, const char *now, char (*d)[HZ_DATE_BUF]) {
    (void)now;
    const flag_row *r = (const flag_row *)rows + i;
    hz_stmt_int(st, b + 1, r->member_id);
    hz_stmt_text_kept(st, b + 2, r->f->kind);
    hz_stmt_text_kept(st, b + 3, r->f->level);
    hz_stmt_text_kept(st, b + 4, hz_date_format(r->f->from, d[0]));
    hz_stmt_text_kept(st, b + 5, hz_date_format(r->f->to, d[1]));
}

hz_err hz_store_bulk_flags(hz_db *db, const hz_member *m, const hz_flag (*flags)[3], const int *n_flags, int n,
                           hz_errinfo *e) {
    if (on_sqlite(db)) {
        int total = 0;
        for (int i = 0; i < n; i++) total += n_flags[i];
        if (!total) return HZ_OK;
        flag_row *rows = malloc(sizeof *rows * (size_t)total);
        if (!rows) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
        int k = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n_flags[i]; j++) rows[k++] = (flag_row){m[i].id, &flags[i][j]};
        hz_err rc = multi_insert(db, multi_sql(q_flags_many, sizeof q_flags_many, FLAG_COLS, 5, BULK_ROWS),
                                 multi_sql(q_flags_one, sizeof q_flags_one, FLAG_COLS, 5, 1), 5, total, bind_flag,
                                 rows, NULL, e);
        free(rows);
        return rc;
    }
    static const char *const cols[] = {"member_id", "kind", "level", "valid_from", "valid_to"};
    hz_err rc = hz_db_copy_begin(db, "member_flag", cols, 5, e);
    for (int i = 0; rc == HZ_OK && i < n; i++)
        for (int k = 0; rc == HZ_OK && k < n_flags[i]; k++) {
            char id[24], from[HZ_DATE_BUF], to[HZ_DATE_BUF];
            num(id, m[i].id);
            const hz_flag *f = &flags[i][k];
            const char *v[5] = {id, f->kind, f->level, hz_date_format(f->from, from), hz_date_format(f->to, to)};
            rc = hz_db_copy_row(db, v, e);
        }
    hz_err end = hz_db_copy_end(db, e);
    return rc ? rc : end;
}

#define COVERAGE_COLS                                                                                                 \
    "INSERT INTO coverage (id, member_id, plan_id, plan_code, shares, start_date, end_date, months, payer_kind,"      \
    " payer_ref, premium, continuous, status, created_at) VALUES"
static char q_covs_many[4096], q_covs_one[320];
#define CONTRIB_COLS "INSERT INTO contribution (coverage_id, payer_kind, payer_ref, amount, paid_on, created_at) VALUES"
static char q_contribs_many[2048], q_contribs_one[160];

static void bind_coverage(hz_stmt *st, int b, int i, const void *rows, const char *now, char (*d)[HZ_DATE_BUF]) {
    const hz_coverage *c = (const hz_coverage *)rows + i;
    hz_stmt_int(st, b + 1, c->id);
    hz_stmt_int(st, b + 2, c->member_id);
    hz_stmt_int(st, b + 3, c->plan_id);
    hz_stmt_text_kept(st, b + 4, c->plan_code);
    hz_stmt_int(st, b + 5, c->shares);
    hz_stmt_text_kept(st, b + 6, hz_date_format(c->start, d[0]));
    hz_stmt_text_kept(st, b + 7, hz_date_format(c->end, d[1]));
    hz_stmt_int(st, b + 8, c->months);
    hz_stmt_text_kept(st, b + 9, c->payer_kind);
    hz_stmt_text_kept(st, b + 10, opt(c->payer_ref));
    hz_stmt_int(st, b + 11, c->premium);
    hz_stmt_int(st, b + 12, c->continuous ? 1 : 0);
    hz_stmt_text_kept(st, b + 13, "active");
    hz_stmt_text_kept(st, b + 14, now);
}

static void bind_contribution(hz_stmt *st, int b, int i, const void *rows, const char *now, char (*d)[HZ_DATE_BUF]) {
    const hz_coverage *c = (const hz_coverage *)rows + i;
    hz_stmt_int(st, b + 1, c->id);
    hz_stmt_text_kept(st, b + 2, c->payer_kind);
    hz_stmt_text_kept(st, b + 3, opt(c->payer_ref));
    hz_stmt_int(st, b + 4, c->premium);
    hz_stmt_text_kept(st, b + 5, hz_date_format(c->start, d[0]));
    hz_stmt_text_kept(st, b + 6, now);
}

hz_err hz_store_bulk_coverages(hz_db *db, const hz_coverage *c, int n, const char *now, hz_errinfo *e) {
    if (on_sqlite(db)) {
        hz_err rc = multi_insert(db, multi_sql(q_covs_many, sizeof q_covs_many, COVERAGE_COLS, 14, BULK_ROWS),
                                 multi_sql(q_covs_one, sizeof q_covs_one, COVERAGE_COLS, 14, 1), 14, n, bind_coverage,
                                 c, now, e);
        return rc ? rc
                  : multi_insert(db, multi_sql(q_contribs_many, sizeof q_contribs_many, CONTRIB_COLS, 6, BULK_ROWS),
                                 multi_sql(q_contribs_one, sizeof q_contribs_one, CONTRIB_COLS, 6, 1), 6, n,
                                 bind_contribution, c, now, e);
    }
    static const char *const cols[] = {"id",     "member_id",  "plan_id",  "plan_code", "shares",     "start_date",
                                       "end_date", "months",   "payer_kind", "payer_ref", "premium", "continuous",
                                       "status", "created_at"};
    hz_err rc = hz_db_copy_begin(db, "coverage", cols, 14, e);
    for (int i = 0; rc == HZ_OK && i < n; i++) {
        char id[24], mid[24], pid[24], shares[24], months[24], premium[24], start[HZ_DATE_BUF], end[HZ_DATE_BUF];
        num(id, c[i].id);
        num(mid, c[i].member_id);
        num(pid, c[i].plan_id);
        num(shares, c[i].shares);
        num(months, c[i].months);
        num(premium, c[i].premium);
        const char *v[14] = {id, mid, pid, c[i].plan_code, shares, hz_date_format(c[i].start, start),
                             hz_date_format(c[i].end, end), months, c[i].payer_kind, opt(c[i].payer_ref), premium,
                             c[i].continuous ? "1" : "0", "active", now};
        rc = hz_db_copy_row(db, v, e);
    }
    hz_err endrc = hz_db_copy_end(db, e);
    if (rc || endrc) return rc ? rc : endrc;
    static const char *const ccols[] = {"coverage_id", "payer_kind", "payer_ref", "amount", "paid_on", "created_at"};
    rc = hz_db_copy_begin(db, "contribution", ccols, 6, e);
    for (int i = 0; rc == HZ_OK && i < n; i++) {
        char id[24], amount[24], start[HZ_DATE_BUF];
        num(id, c[i].id);
        num(amount, c[i].premium);
        const char *v[6] = {id, c[i].payer_kind, opt(c[i].payer_ref), amount, hz_date_format(c[i].start, start), now};
        rc = hz_db_copy_row(db, v, e);
    }
    endrc = hz_db_copy_end(db, e);
    return rc ? rc : endrc;
}

#define FEED_COLS                                                                                                     \
    "setl_id, certno, psn_name, gend, fixmedins_code, fixmedins_name, hosp_lv, med_type, adm_date, dscg_date,"       \
    " main_diag_code, diag_codes, medfee_sumamt, fund_pay_sumamt, psn_selfpay, psn_ownpay, setl_time"
static const char q_tmp[] =
    "CREATE TEMP TABLE IF NOT EXISTS feed_tmp (setl_id TEXT, certno TEXT, psn_name TEXT, gend TEXT,"
    " fixmedins_code TEXT, fixmedins_name TEXT, hosp_lv TEXT, med_type TEXT, adm_date TEXT, dscg_date TEXT,"
    " main_diag_code TEXT, diag_codes TEXT, medfee_sumamt BIGINT, fund_pay_sumamt BIGINT, psn_selfpay BIGINT,"
    " psn_ownpay BIGINT, setl_time TEXT)";
static const char q_tmp_clear[] = "DELETE FROM feed_tmp";
static const char q_tmp_new[] =
    "SELECT count(DISTINCT t.setl_id), count(DISTINCT CASE WHEN NOT EXISTS (SELECT 1 FROM member m"
    " WHERE m.id_number = t.certno) THEN t.setl_id END) FROM feed_tmp t"
    " WHERE NOT EXISTS (SELECT 1 FROM settlement s WHERE s.setl_id = t.setl_id)";
static const char q_tmp_insert[] =
    "INSERT INTO settlement (" FEED_COLS ", member_id, refunded, imported_at) SELECT " FEED_COLS
    ", (SELECT m.id FROM member m WHERE m.id_number = feed_tmp.certno), 0, ? FROM feed_tmp WHERE 1 = 1"
    " ON CONFLICT (setl_id) DO NOTHING";

/* PostgreSQL: the staged rows in file order (seq), the first of each
 * setl_id, those not stored yet: the rows ON CONFLICT DO NOTHING would
 * keep, without its speculative insertion per row (the import holds the
 * write lock, so nobody else inserts a settlement meanwhile), counted as
 * they are written. "Not stored yet" is a scalar subquery, an index probe
 * per staged row: as NOT EXISTS the planner, with no statistics for the
 * staged rows and none for the settlements this transaction added, chose a
 * hash anti-join for 77 of a 1M feed's 200 batches and read every stored
 * settlement each time (issue 19); a scalar subquery is never made a join. */
static const char q_stage_pg[] =
    "CREATE TEMP TABLE IF NOT EXISTS feed_stage (seq BIGINT GENERATED ALWAYS AS IDENTITY, setl_id TEXT, certno TEXT,"
    " psn_name TEXT, gend TEXT, fixmedins_code TEXT, fixmedins_name TEXT, hosp_lv TEXT, med_type TEXT,"
    " adm_date TEXT, dscg_date TEXT, main_diag_code TEXT, diag_codes TEXT, medfee_sumamt BIGINT,"
    " fund_pay_sumamt BIGINT, psn_selfpay BIGINT, psn_ownpay BIGINT, setl_time TEXT)";
static const char q_stage_clear_pg[] = "TRUNCATE feed_stage";
static const char q_stage_insert_pg[] =
    "WITH ins AS (INSERT INTO settlement (" FEED_COLS ", member_id, refunded, imported_at) SELECT " FEED_COLS
    ", (SELECT m.id FROM member m WHERE m.id_number = t.certno), 0, ?"
    " FROM (SELECT DISTINCT ON (setl_id) * FROM feed_stage ORDER BY setl_id, seq) t"
    " WHERE (SELECT s.id FROM settlement s WHERE s.setl_id = t.setl_id) IS NULL ORDER BY t.seq"
    " RETURNING member_id) SELECT count(*), count(*) FILTER (WHERE member_id IS NULL) FROM ins";

hz_err hz_store_bulk_settlements(hz_db *db, const hz_settlement *s, int n, const char *now, int64_t *added,
                                 int64_t *unmatched, hz_errinfo *e) {
    hz_err rc;
    hz_stmt *st;
    bool pg = !on_sqlite(db);
    if ((rc = hz_db_exec(db, pg ? q_stage_pg : q_tmp, e)) ||
        (rc = hz_db_exec(db, pg ? q_stage_clear_pg : q_tmp_clear, e)))
        return rc;
    static const char *const cols[] = {"setl_id", "certno", "psn_name", "gend", "fixmedins_code", "fixmedins_name",
                                       "hosp_lv", "med_type", "adm_date", "dscg_date", "main_diag_code", "diag_codes",
                                       "medfee_sumamt", "fund_pay_sumamt", "psn_selfpay", "psn_ownpay", "setl_time"};
    rc = hz_db_copy_begin(db, pg ? "feed_stage" : "feed_tmp", cols, 17, e);
    for (int i = 0; rc == HZ_OK && i < n; i++) {
        char adm[HZ_DATE_BUF], dscg[HZ_DATE_BUF], a1[24], a2[24], a3[24], a4[24];
        num(a1, s[i].medfee_sumamt);
        num(a2, s[i].fund_pay_sumamt);
        num(a3, s[i].psn_selfpay);
        num(a4, s[i].psn_ownpay);
        const char *v[17] = {s[i].setl_id, s[i].certno, opt(s[i].psn_name), opt(s[i].gend), opt(s[i].fixmedins_code),
                             opt(s[i].fixmedins_name), opt(s[i].hosp_lv), s[i].med_type,
                             hz_date_format(s[i].adm_date, adm),
                             s[i].dscg_date == HZ_DATE_NONE ? NULL : hz_date_format(s[i].dscg_date, dscg),
                             opt(s[i].main_diag_code), opt(s[i].diag_codes), a1, a2, a3, a4, opt(s[i].setl_time)};
        rc = hz_db_copy_row(db, v, e);
    }
    hz_err end = hz_db_copy_end(db, e);
    if (rc || end) return rc ? rc : end;
    if (pg) {
        if ((rc = hz_db_stmt(db, q_stage_insert_pg, &st, e))) return rc;
        hz_stmt_text(st, 1, now);
        if ((rc = hz_row_one(st, "count", e))) return rc;
        *added = hz_stmt_col_int(st, 0);
        *unmatched = hz_stmt_col_int(st, 1);
        hz_stmt_reset(st);
        return HZ_OK;
    }
    if ((rc = hz_db_stmt(db, q_tmp_new, &st, e)) || (rc = hz_row_one(st, "count", e))) return rc;
    *added = hz_stmt_col_int(st, 0);
    *unmatched = hz_stmt_col_int(st, 1);
    hz_stmt_reset(st);
    if ((rc = hz_db_stmt(db, q_tmp_insert, &st, e))) return rc;
    hz_stmt_text(st, 1, now);
    return hz_stmt_run(st, e);
}

static const char q_ids_tmp[] = "CREATE TEMP TABLE IF NOT EXISTS roster_ids (id_number TEXT)";
static const char q_ids_clear[] = "DELETE FROM roster_ids";
static const char q_ids_join[] = "SELECT m.id_number, m.id FROM roster_ids t JOIN member m ON m.id_number = t.id_number";

hz_err hz_store_existing_members(hz_db *db, const char *const *ids, size_t n, hz_existing_fn fn, void *ctx,
                                 hz_errinfo *e) {
    hz_err rc;
    if ((rc = hz_db_exec(db, q_ids_tmp, e)) || (rc = hz_db_exec(db, q_ids_clear, e))) return rc;
    static const char *const cols[] = {"id_number"};
    rc = hz_db_copy_begin(db, "roster_ids", cols, 1, e);
    for (size_t i = 0; rc == HZ_OK && i < n; i++) rc = hz_db_copy_row(db, &ids[i], e);
    hz_err end = hz_db_copy_end(db, e);
    if (rc || end) return rc ? rc : end;
    hz_stmt *st;
    if ((rc = hz_db_stmt(db, q_ids_join, &st, e))) return rc;
    bool row;
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row) fn(ctx, hz_stmt_col_text(st, 0), hz_stmt_col_int(st, 1));
    hz_stmt_reset(st);
    return rc;
}

static const char q_fk_may[] =
    "SELECT CASE WHEN current_setting('is_superuser') = 'on' AND NOT EXISTS (SELECT 1 FROM pg_trigger"
    " WHERE NOT tgisinternal AND tgrelid IN ('member'::regclass, 'member_flag'::regclass, 'coverage'::regclass,"
    " 'contribution'::regclass)) THEN 1 ELSE 0 END";
static const char q_fk_unit[] = "SELECT id FROM unit WHERE id = ? FOR KEY SHARE";
static const char q_fk_org[] = "SELECT id FROM org WHERE id = ? FOR KEY SHARE";
static const char q_fk_plan[] = "SELECT id FROM plan WHERE id = ? FOR KEY SHARE";

static hz_err fk_lock(hz_db *db, const char *sql, int64_t id, bool *found, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, sql, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, id);
    bool row;
    rc = hz_stmt_step(st, &row, e);
    hz_stmt_reset(st);
    *found &= row;
    return rc;
}

hz_err hz_store_bulk_fk_prepare(hz_db *db, int64_t unit_id, int64_t org_id, const int64_t *plan_ids, int n_plans,
                                bool *ok, hz_errinfo *e) {
    *ok = false;
    if (on_sqlite(db)) return HZ_OK;
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_fk_may, &st, e);
    bool row;
    if (rc || (rc = hz_stmt_step(st, &row, e))) return rc;
    bool may = row && hz_stmt_col_int(st, 0) != 0;
    hz_stmt_reset(st);
    if (!may) return HZ_OK;
    bool found = true;
    if ((rc = fk_lock(db, q_fk_unit, unit_id, &found, e))) return rc;
    if (org_id && (rc = fk_lock(db, q_fk_org, org_id, &found, e))) return rc;
    for (int i = 0; i < n_plans; i++)
        if ((rc = fk_lock(db, q_fk_plan, plan_ids[i], &found, e))) return rc;
    *ok = found; /* a row gone: the triggers say so, as they always did */
    return HZ_OK;
}

hz_err hz_store_bulk_fk(hz_db *db, bool on, hz_errinfo *e) {
    if (on_sqlite(db)) return HZ_OK;
    return hz_db_exec(db, on ? "SET LOCAL session_replication_role = origin"
                             : "SET LOCAL session_replication_role = replica", e);
}
