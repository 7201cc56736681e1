/* SQL of settlements: the medical-insurance feed, stored once per setl_id. */
#include "store/settlement.h"

#include <stdlib.h>
#include <string.h>

#include "store/rows.h"

#define SETL_COLS                                                                                                     \
    "id, setl_id, certno, COALESCE(member_id, 0), COALESCE(psn_name, ''), COALESCE(gend, ''),"                       \
    " COALESCE(fixmedins_code, ''), COALESCE(fixmedins_name, ''), COALESCE(hosp_lv, ''), med_type, adm_date,"        \
    " dscg_date, COALESCE(main_diag_code, ''), COALESCE(diag_codes, ''), medfee_sumamt, fund_pay_sumamt,"            \
    " psn_selfpay, psn_ownpay, refunded, COALESCE(setl_time, '')"

static const char q_setl_ins[] =
    "INSERT INTO settlement (setl_id, certno, member_id, psn_name, gend, fixmedins_code, fixmedins_name, hosp_lv,"
    " med_type, adm_date, dscg_date, main_diag_code, diag_codes, medfee_sumamt, fund_pay_sumamt, psn_selfpay,"
    " psn_ownpay, refunded, setl_time, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (setl_id) DO NOTHING RETURNING id";
static const char q_setl_by_setl[] = "SELECT " SETL_COLS " FROM settlement WHERE setl_id = ?";
static const char q_setl_by_id[] = "SELECT " SETL_COLS " FROM settlement WHERE id = ?";
static const char q_setl_refund[] = "UPDATE settlement SET refunded = 1 WHERE id = ?";
static const char q_setl_claim[] = "SELECT c.claim_no, c.id FROM claim_settlement cs JOIN claim c ON c.id = cs.claim_id"
                                   " WHERE cs.settlement_id = ? AND cs.active = 1";
/* A stay the 免申即享 run may claim: inpatient, matched, not refunded, no
 * claim yet, a coverage on the admission date (alias s: settlement). */
#define SETL_CLAIMABLE                                                                                                 \
    "s.member_id IS NOT NULL AND s.med_type = '21' AND s.refunded = 0"                                               \
    /* a settlement whose claim was rejected is never claimed again by                                               \
     * itself: a resubmission names the rejected claim (issue #11 case 6) */                                         \
    " AND NOT EXISTS (SELECT 1 FROM claim_settlement cs WHERE cs.settlement_id = s.id)"                              \
    " AND EXISTS (SELECT 1 FROM coverage c WHERE c.member_id = s.member_id AND c.status = 'active'"                  \
    "  AND c.start_date <= s.adm_date AND c.end_date >= s.adm_date)"

static const char q_setl_unclaimed[] = "SELECT s.id FROM settlement s WHERE " SETL_CLAIMABLE
                                       " AND s.dscg_date >= ?"
                                       /* member by member, each member's stays in feed order: every index
                                        * keyed by member, coverage or account then grows in order */
                                       " ORDER BY s.member_id, s.id";

static const char q_setl_claimable[] = "SELECT 1 FROM settlement s WHERE s.id = ? AND " SETL_CLAIMABLE;

static const char q_setl_dup[] =
    "SELECT o.setl_id FROM settlement o WHERE o.certno = ?1 AND o.id <> ?2 AND o.refunded = 0 AND o.med_type = '21'"
    " AND ((o.adm_date < ?4 AND ?3 < o.dscg_date) OR (o.adm_date = ?3 AND o.dscg_date = ?4))"
    " ORDER BY o.id LIMIT 1";
static const char q_setl_rejected[] =
    "SELECT c.claim_no FROM claim_settlement cs JOIN claim c ON c.id = cs.claim_id WHERE cs.settlement_id = ?"
    " AND cs.active = 0 AND c.status = 'rejected' ORDER BY c.id DESC LIMIT 1";

/* the feed for the office's page (issue 16): name, ID number and
 * settlement id searched; status matched / unmatched; unit the member's;
 * the settlement day (the date of setl_time, else the discharge date) in
 * [from, to); text a hospital's code or name; num 1 not refunded, 2
 * refunded. The scope is the member's: no scoped role reads the feed. */
#define SETL_DAY "(CASE WHEN s.setl_time LIKE '____-__-__%' THEN substr(s.setl_time, 1, 10) ELSE COALESCE(s.dscg_date, s.adm_date) END)"
#define SETL_PAGE_FROM " FROM settlement s LEFT JOIN member m ON m.id = s.member_id" HZ_REC_JOIN
#define SETL_PAGE_WHERE                                                                                               \
    HZ_LIST_WHERE(HZ_REC_SCOPE, "lower(COALESCE(s.psn_name, ''))", "s.certno", "lower(s.setl_id)",                                  \
                  "(CASE WHEN s.member_id IS NULL THEN 'unmatched' ELSE 'matched' END)", "m.unit_id = ?8", SETL_DAY,   \
                  "(s.fixmedins_code = ?11 OR s.fixmedins_name = ?11)", "s.refunded = ?12 - 1")
#define Q_SETL_PAGE(order)                                                                                            \
    "SELECT s.id, s.setl_id, s.certno, COALESCE(s.member_id, 0), COALESCE(s.psn_name, ''), COALESCE(s.gend, ''),"    \
    " COALESCE(s.fixmedins_code, ''), COALESCE(s.fixmedins_name, ''), COALESCE(s.hosp_lv, ''), s.med_type,"          \
    " s.adm_date, s.dscg_date, COALESCE(s.main_diag_code, ''), COALESCE(s.diag_codes, ''), s.medfee_sumamt,"          \
    " s.fund_pay_sumamt, s.psn_selfpay, s.psn_ownpay, s.refunded, COALESCE(s.setl_time, ''),"                         \
    " COALESCE((SELECT c.claim_no FROM claim_settlement cs JOIN claim c ON c.id = cs.claim_id"                        \
    "  WHERE cs.settlement_id = s.id AND cs.active = 1 ORDER BY c.id LIMIT 1), ''),"                                  \
    " CASE WHEN s.member_id IS NULL AND EXISTS (SELECT 1 FROM member lm WHERE lm.id_number = s.certno) THEN 1 ELSE 0" \
    " END, " SETL_DAY SETL_PAGE_FROM SETL_PAGE_WHERE " ORDER BY " order HZ_REC_PAGE
static const char *const q_setl_page[HZ_SETL_SORTS][2] = {
    {Q_SETL_PAGE("s.id"), Q_SETL_PAGE("s.id DESC")},
    {Q_SETL_PAGE("s.setl_id, s.id"), Q_SETL_PAGE("s.setl_id DESC, s.id DESC")},
    {Q_SETL_PAGE("COALESCE(s.psn_name, ''), s.id"), Q_SETL_PAGE("COALESCE(s.psn_name, '') DESC, s.id DESC")},
    {Q_SETL_PAGE(SETL_DAY ", s.id"), Q_SETL_PAGE(SETL_DAY " DESC, s.id DESC")},
    {Q_SETL_PAGE("s.adm_date, s.id"), Q_SETL_PAGE("s.adm_date DESC, s.id DESC")},
    {Q_SETL_PAGE("s.medfee_sumamt, s.id"), Q_SETL_PAGE("s.medfee_sumamt DESC, s.id DESC")},
    {Q_SETL_PAGE("COALESCE(s.fixmedins_name, ''), s.id"), Q_SETL_PAGE("COALESCE(s.fixmedins_name, '') DESC, s.id DESC")},
};
static const char q_setl_page_count[] = "SELECT count(*)" SETL_PAGE_FROM SETL_PAGE_WHERE;
#define SETL_LINKABLE " WHERE member_id IS NULL AND EXISTS (SELECT 1 FROM member m WHERE m.id_number = settlement.certno)"
static const char q_setl_linkable[] = "SELECT count(*) FROM settlement" SETL_LINKABLE;
static const char q_setl_relink[] =
    "UPDATE settlement SET member_id = (SELECT m.id FROM member m WHERE m.id_number = settlement.certno)" SETL_LINKABLE;

static void read_setl_row(hz_stmt *st, hz_settlement *s);

static hz_err setl_row(void *vctx, hz_stmt *st, hz_errinfo *e) {
    const hz_rec_fn_ctx *c = vctx;
    hz_settlement s;
    memset(&s, 0, sizeof s);
    read_setl_row(st, &s);
    char claim_no[24];
    HZ_COPY(claim_no, hz_stmt_col_text(st, 20));
    return ((hz_settlement_row_fn)c->fn)(c->ctx, &s, claim_no, hz_stmt_col_int(st, 21) != 0, hz_stmt_col_text(st, 22), e);
}

hz_err hz_store_settlements_page(hz_db *db, const hz_list_scope *sc, const hz_rec_filter *f, int64_t offset,
                                 int64_t limit, hz_settlement_row_fn fn, void *ctx, int64_t *total, hz_errinfo *e) {
    if (f->sort < 0 || f->sort >= HZ_SETL_SORTS) return hz_fail(e, HZ_EINTERNAL, "settlements: sort %d", f->sort);
    hz_rec_fn_ctx c = {(hz_rec_any_fn)fn, ctx};
    return hz_store_rec_page(db, q_setl_page_count, q_setl_page[f->sort][f->desc], sc, f, offset, limit, setl_row, &c,
                             total, e);
}

hz_err hz_store_settlements_relink(hz_db *db, int64_t *linked, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_setl_linkable, &st, e);
    if (rc) return rc;
    if ((rc = hz_row_one(st, "count", e))) return rc;
    *linked = hz_stmt_col_int(st, 0);
    hz_stmt_reset(st);
    if (!*linked) return HZ_OK;
    if ((rc = hz_db_stmt(db, q_setl_relink, &st, e))) return rc;
    return hz_stmt_run(st, e);
}

static const char q_setl_member[] =
    "SELECT " SETL_COLS ", COALESCE((SELECT c.claim_no FROM claim_settlement cs JOIN claim c ON c.id = cs.claim_id"
    " WHERE cs.settlement_id = settlement.id AND cs.active = 1), '') FROM settlement WHERE member_id = ?"
    " AND med_type = '21' ORDER BY adm_date DESC, id DESC LIMIT 200";

/* the columns of SETL_COLS, the statement left on its row */
static void read_setl_row(hz_stmt *st, hz_settlement *s) {
    s->id = hz_stmt_col_int(st, 0);
    HZ_COPY(s->setl_id, hz_stmt_col_text(st, 1));
    HZ_COPY(s->certno, hz_stmt_col_text(st, 2));
    s->member_id = hz_stmt_col_int(st, 3);
    HZ_COPY(s->psn_name, hz_stmt_col_text(st, 4));
    HZ_COPY(s->gend, hz_stmt_col_text(st, 5));
    HZ_COPY(s->fixmedins_code, hz_stmt_col_text(st, 6));
    HZ_COPY(s->fixmedins_name, hz_stmt_col_text(st, 7));
    HZ_COPY(s->hosp_lv, hz_stmt_col_text(st, 8));
    HZ_COPY(s->med_type, hz_stmt_col_text(st, 9));
    s->adm_date = hz_row_date(st, 10);
    s->dscg_date = hz_row_date(st, 11);
    HZ_COPY(s->main_diag_code, hz_stmt_col_text(st, 12));
    HZ_COPY(s->diag_codes, hz_stmt_col_text(st, 13));
    s->medfee_sumamt = hz_stmt_col_int(st, 14);
    s->fund_pay_sumamt = hz_stmt_col_int(st, 15);
    s->psn_selfpay = hz_stmt_col_int(st, 16);
    s->psn_ownpay = hz_stmt_col_int(st, 17);
    s->refunded = hz_stmt_col_int(st, 18) != 0;
    HZ_COPY(s->setl_time, hz_stmt_col_text(st, 19));
}

static void read_setl(hz_stmt *st, hz_settlement *s) {
    read_setl_row(st, s);
    hz_stmt_reset(st);
}

hz_err hz_store_settlements_of_member(hz_db *db, int64_t member_id, hz_member_stay_fn fn, void *ctx, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_setl_member, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, member_id);
    bool row;
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row) {
        hz_settlement s;
        memset(&s, 0, sizeof s);
        read_setl_row(st, &s);
        if ((rc = fn(ctx, &s, hz_stmt_col_text(st, 20), e))) break;
    }
    hz_stmt_reset(st);
    return rc;
}

hz_err hz_store_settlement_put(hz_db *db, hz_settlement *s, const char *now, bool *inserted, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_setl_ins, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, s->setl_id);
    hz_stmt_text(st, 2, s->certno);
    hz_bind_opt_id(st, 3, s->member_id);
    hz_bind_opt_text(st, 4, s->psn_name);
    hz_bind_opt_text(st, 5, s->gend);
    hz_bind_opt_text(st, 6, s->fixmedins_code);
    hz_bind_opt_text(st, 7, s->fixmedins_name);
    hz_bind_opt_text(st, 8, s->hosp_lv);
    hz_stmt_text(st, 9, s->med_type);
    hz_bind_date(st, 10, s->adm_date);
    hz_bind_date(st, 11, s->dscg_date);
    hz_bind_opt_text(st, 12, s->main_diag_code);
    hz_bind_opt_text(st, 13, s->diag_codes);
    hz_stmt_int(st, 14, s->medfee_sumamt);
    hz_stmt_int(st, 15, s->fund_pay_sumamt);
    hz_stmt_int(st, 16, s->psn_selfpay);
    hz_stmt_int(st, 17, s->psn_ownpay);
    hz_stmt_int(st, 18, s->refunded);
    hz_bind_opt_text(st, 19, s->setl_time);
    hz_stmt_text(st, 20, now);
    bool row;
    if ((rc = hz_stmt_step(st, &row, e))) return rc;
    *inserted = row;
    if (row) s->id = hz_stmt_col_int(st, 0);
    hz_stmt_reset(st);
    return HZ_OK;
}

static hz_err setl_one(hz_db *db, const char *sql, const char *key, int64_t id, hz_settlement *out, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, sql, &st, e);
    if (rc) return rc;
    if (key) hz_stmt_text(st, 1, key);
    else hz_stmt_int(st, 1, id);
    char what[96];
    snprintf(what, sizeof what, "医保结算记录 %s 不存在 (no such settlement)", key ? key : "");
    if ((rc = hz_row_one(st, what, e))) return rc;
    read_setl(st, out);
    return HZ_OK;
}

hz_err hz_store_settlement_by_setl_id(hz_db *db, const char *setl_id, hz_settlement *out, hz_errinfo *e) {
    /* setl_id is kept in upper case (io/feed folds it): "ab12" typed at a
     * counter finds AB12, and never a second settlement of one stay */
    char key[sizeof out->setl_id];
    size_t n = 0;
    for (; setl_id[n] && n + 1 < sizeof key; n++)
        key[n] = setl_id[n] >= 'a' && setl_id[n] <= 'z' ? (char)(setl_id[n] - 'a' + 'A') : setl_id[n];
    key[n] = '\0';
    if (setl_id[n]) return hz_fail(e, HZ_ENOTFOUND, "医保结算记录 %.60s 不存在 (no such settlement)", setl_id);
    return setl_one(db, q_setl_by_setl, key, 0, out, e);
}
hz_err hz_store_settlement_by_id(hz_db *db, int64_t id, hz_settlement *out, hz_errinfo *e) {
    return setl_one(db, q_setl_by_id, NULL, id, out, e);
}

static const char q_keys_tmp[] = "CREATE TEMP TABLE IF NOT EXISTS setl_keys (setl_id TEXT)";
/* TRUNCATE, not DELETE: the import is one transaction, so every batch's
 * deleted keys stayed in the table for the next DELETE and join to read
 * (15 ms a batch by the 200th of a 1M feed, issue 19) */
static const char q_keys_clear[] = "TRUNCATE setl_keys";
/* One index probe of settlement per key, whatever the planner believes:
 * in the import's own transaction neither table has statistics (the keys
 * are a fresh temporary table, the settlements grow uncommitted), and a
 * semi-join it thought cheap read the whole settlement table into a hash
 * for every batch. A LATERAL subquery with OFFSET 0 is not flattened into
 * a join, so it stays a probe (issue 19). */
static const char q_keys_known[] =
    "SELECT x.* FROM (SELECT DISTINCT setl_id FROM setl_keys) k CROSS JOIN LATERAL (SELECT " SETL_COLS
    " FROM settlement WHERE setl_id = k.setl_id OFFSET 0) x";

hz_err hz_store_settlements_known(hz_db *db, const char *const *setl_ids, size_t n, hz_settlement_fn fn, void *ctx,
                                  hz_errinfo *e) {
    hz_err rc = HZ_OK;
    hz_settlement s;
    if (n == 1 || strcmp(hz_db_driver_name(db), "postgresql") != 0) {
        /* in-process look-ups cost less than a temporary table */
        for (size_t i = 0; rc == HZ_OK && i < n; i++) {
            hz_errinfo ne;
            hz_err found = hz_store_settlement_by_setl_id(db, setl_ids[i], &s, &ne);
            if (found == HZ_OK) rc = fn(ctx, &s, e);
            else if (found != HZ_ENOTFOUND) rc = hz_fail(e, found, "%s", ne.msg);
        }
        return rc;
    }
    if ((rc = hz_db_exec(db, q_keys_tmp, e)) || (rc = hz_db_exec(db, q_keys_clear, e))) return rc;
    static const char *const cols[] = {"setl_id"};
    rc = hz_db_copy_begin(db, "setl_keys", cols, 1, e);
    for (size_t i = 0; rc == HZ_OK && i < n; i++) rc = hz_db_copy_row(db, &setl_ids[i], e);
    hz_err end = hz_db_copy_end(db, e);
    if (rc || end) return rc ? rc : end;
    hz_stmt *st;
    if ((rc = hz_db_stmt(db, q_keys_known, &st, e))) return rc;
    bool row;
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row) {
        memset(&s, 0, sizeof s);
        read_setl_row(st, &s);
        if ((rc = fn(ctx, &s, e))) break;
    }
    hz_stmt_reset(st);
    return rc;
}

hz_err hz_store_settlement_mark_refunded(hz_db *db, int64_t id, hz_errinfo *e) { return hz_row_run_id(db, q_setl_refund, id, e); }

hz_err hz_store_settlement_claim(hz_db *db, int64_t settlement_id, char claim_no[24], int64_t *claim_id, hz_errinfo *e) {
    hz_stmt *st;
    bool row;
    hz_err rc = hz_db_stmt(db, q_setl_claim, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, settlement_id);
    if ((rc = hz_stmt_step(st, &row, e))) return rc;
    hz_strlcpy(claim_no, row ? hz_stmt_col_text(st, 0) : "", 24);
    if (claim_id) *claim_id = row ? hz_stmt_col_int(st, 1) : 0;
    hz_stmt_reset(st);
    return HZ_OK;
}

hz_err hz_store_settlements_unclaimed(hz_db *db, hz_date since, int64_t **ids, size_t *n, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_setl_unclaimed, &st, e);
    if (rc) return rc;
    hz_bind_date(st, 1, since);
    return hz_row_ids(st, ids, n, e);
}

hz_err hz_store_settlements_claimable(hz_db *db, int64_t *ids, size_t *n, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_setl_claimable, &st, e);
    if (rc) return rc;
    size_t kept = 0;
    for (size_t i = 0; i < *n; i++) {
        bool row;
        hz_stmt_int(st, 1, ids[i]);
        if ((rc = hz_stmt_step(st, &row, e))) return rc;
        hz_stmt_reset(st);
        if (row) ids[kept++] = ids[i];
    }
    *n = kept;
    return HZ_OK;
}

hz_err hz_store_settlement_duplicate(hz_db *db, const hz_settlement *s, char setl_id[48], hz_errinfo *e) {
    hz_stmt *st;
    bool row;
    hz_err rc = hz_db_stmt(db, q_setl_dup, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, s->certno);
    hz_stmt_int(st, 2, s->id);
    hz_bind_date(st, 3, s->adm_date);
    hz_bind_date(st, 4, s->dscg_date);
    if ((rc = hz_stmt_step(st, &row, e))) return rc;
    hz_strlcpy(setl_id, row ? hz_stmt_col_text(st, 0) : "", 48);
    hz_stmt_reset(st);
    return HZ_OK;
}

hz_err hz_store_settlement_rejected_claim(hz_db *db, int64_t settlement_id, char claim_no[24], hz_errinfo *e) {
    hz_stmt *st;
    bool row;
    hz_err rc = hz_db_stmt(db, q_setl_rejected, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, settlement_id);
    if ((rc = hz_stmt_step(st, &row, e))) return rc;
    hz_strlcpy(claim_no, row ? hz_stmt_col_text(st, 0) : "", 24);
    hz_stmt_reset(st);
    return HZ_OK;
}
