/* Bulk paths of the imports. */
#include "store/bulk.h"

#include <stdio.h>
#include <string.h>

#include "store/rows.h"

static const char q_next_pg[] = "SELECT nextval(pg_get_serial_sequence(?, 'id')) FROM generate_series(1, ?)";
static const char q_max_member[] = "SELECT COALESCE(max(id), 0) FROM member";
static const char q_max_coverage[] = "SELECT COALESCE(max(id), 0) FROM coverage";

hz_err hz_store_reserve_ids(hz_db *db, const char *table, int64_t n, int64_t *ids, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc;
    if (!strcmp(hz_db_driver_name(db), "postgresql")) {
        if ((rc = hz_db_stmt(db, q_next_pg, &st, e))) return rc;
        hz_stmt_text(st, 1, table);
        hz_stmt_int(st, 2, n);
        bool row;
        int64_t k = 0;
        while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row && k < n) ids[k++] = hz_stmt_col_int(st, 0);
        hz_stmt_reset(st);
        return rc;
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

hz_err hz_store_bulk_members(hz_db *db, const hz_member *m, int n, const char *now, hz_errinfo *e) {
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

hz_err hz_store_bulk_flags(hz_db *db, const hz_member *m, const hz_flag (*flags)[3], const int *n_flags, int n,
                           hz_errinfo *e) {
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

hz_err hz_store_bulk_coverages(hz_db *db, const hz_coverage *c, int n, const char *now, hz_errinfo *e) {
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

hz_err hz_store_bulk_settlements(hz_db *db, const hz_settlement *s, int n, const char *now, int64_t *added,
                                 int64_t *unmatched, hz_errinfo *e) {
    hz_err rc;
    hz_stmt *st;
    if ((rc = hz_db_exec(db, q_tmp, e)) || (rc = hz_db_exec(db, q_tmp_clear, e))) return rc;
    static const char *const cols[] = {"setl_id", "certno", "psn_name", "gend", "fixmedins_code", "fixmedins_name",
                                       "hosp_lv", "med_type", "adm_date", "dscg_date", "main_diag_code", "diag_codes",
                                       "medfee_sumamt", "fund_pay_sumamt", "psn_selfpay", "psn_ownpay", "setl_time"};
    rc = hz_db_copy_begin(db, "feed_tmp", cols, 17, e);
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
