/* SQL of claims, their lines and their links to settlements. */
#include "store/claim.h"

#include <stdlib.h>
#include <string.h>

#include "store/rows.h"
#include "store/store.h"

#define CLAIM_COLS                                                                                                    \
    "id, claim_no, member_id, " HZ_SQL_CLAIM_STATUS("claim.") ", accident, death, proactive, review_required, COALESCE(disability_grade, 0),"   \
    " COALESCE(diagnosis, ''), event_date, total, COALESCE(review_note, ''), COALESCE(reject_reason, ''),"           \
    " COALESCE((SELECT p.claim_no FROM claim p WHERE p.id = claim.resubmit_of), ''), COALESCE(bank_failure, ''),"    \
    " COALESCE(documents, ''), submitted_at, COALESCE(documents_complete_at, ''), COALESCE(decided_at, ''),"          \
    " COALESCE(decided_by, ''), COALESCE(paid_at, ''), COALESCE(hold_reason, '')"

static const char q_claim_ins[] =
    "INSERT INTO claim (claim_no, member_id, status, accident, death, disability_grade, diagnosis, event_date, total,"
    " proactive, review_required, review_note, resubmit_of, documents, submitted_at, documents_complete_at,"
    " hold_reason)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT id FROM claim WHERE claim_no = ?), ?, ?, ?, ?) RETURNING id";
static const char q_claim_no[] = "UPDATE claim SET claim_no = ? WHERE id = ?";
static const char q_claim_by_no[] = "SELECT " CLAIM_COLS " FROM claim WHERE claim_no = ?";
static const char q_claim_by_id[] = "SELECT " CLAIM_COLS " FROM claim WHERE id = ?";
static const char q_claim_upd[] =
    "UPDATE claim SET status = ?, total = ?, review_required = ?, review_note = ?, reject_reason = ?,"
    " bank_failure = ?, documents = ?, documents_complete_at = ?, decided_at = ?, decided_by = ?, paid_at = ?,"
    " hold_reason = ? WHERE id = ?";
static const char q_claim_same[] =
    "SELECT claim_no FROM claim WHERE member_id = ? AND status <> 'rejected' AND death = ?"
    " AND COALESCE(disability_grade, 0) = ? AND COALESCE(diagnosis, '') = ? AND event_date = ?"
    " AND NOT EXISTS (SELECT 1 FROM claim_settlement cs WHERE cs.claim_id = claim.id) LIMIT 1";
static const char q_claims_member[] = "SELECT " CLAIM_COLS " FROM claim WHERE member_id = ? ORDER BY id DESC";
static const char q_claims_list[] = "SELECT " CLAIM_COLS " FROM claim WHERE (?1 = '' OR " HZ_SQL_CLAIM_STATUS("") " = ?1)"
                                    " AND submitted_at >= ?2 AND submitted_at < ?3 ORDER BY id";
static const char q_claims_scoped[] =
    "SELECT " CLAIM_COLS " FROM claim WHERE submitted_at >= ?4 AND submitted_at < ?5"
    " AND (?1 = '' AND ?2 = 0 AND ?3 = 0 OR member_id IN (SELECT m.id FROM member m LEFT JOIN unit u ON u.id = m.unit_id"
    " LEFT JOIN org o ON o.id = COALESCE(u.org_id, m.org_id) WHERE (?1 = '' OR substr(o.path, 1, length(?1)) = ?1)"
    " AND (?2 = 0 OR m.unit_id = ?2) AND (?3 = 0 OR m.id = ?3))) AND id > ?6 ORDER BY id LIMIT ?7";
static const char q_status_counts[] = "SELECT " HZ_SQL_CLAIM_STATUS("") ", COUNT(*) FROM claim GROUP BY 1 ORDER BY 1";

static void read_claim(hz_stmt *st, hz_claim *c) {
    memset(c, 0, sizeof *c);
    c->id = hz_stmt_col_int(st, 0);
    HZ_COPY(c->claim_no, hz_stmt_col_text(st, 1));
    c->member_id = hz_stmt_col_int(st, 2);
    HZ_COPY(c->status, hz_stmt_col_text(st, 3));
    c->accident = hz_stmt_col_int(st, 4) != 0;
    c->death = hz_stmt_col_int(st, 5) != 0;
    c->proactive = hz_stmt_col_int(st, 6) != 0;
    c->review_required = hz_stmt_col_int(st, 7) != 0;
    c->disability_grade = (int)hz_stmt_col_int(st, 8);
    HZ_COPY(c->diagnosis, hz_stmt_col_text(st, 9));
    c->event_date = hz_row_date(st, 10);
    c->total = hz_stmt_col_int(st, 11);
    HZ_COPY(c->review_note, hz_stmt_col_text(st, 12));
    HZ_COPY(c->reject_reason, hz_stmt_col_text(st, 13));
    HZ_COPY(c->resubmit_of, hz_stmt_col_text(st, 14));
    HZ_COPY(c->bank_failure, hz_stmt_col_text(st, 15));
    HZ_COPY(c->documents, hz_stmt_col_text(st, 16));
    HZ_COPY(c->submitted_at, hz_stmt_col_text(st, 17));
    HZ_COPY(c->documents_complete_at, hz_stmt_col_text(st, 18));
    HZ_COPY(c->decided_at, hz_stmt_col_text(st, 19));
    HZ_COPY(c->decided_by, hz_stmt_col_text(st, 20));
    HZ_COPY(c->paid_at, hz_stmt_col_text(st, 21));
    HZ_COPY(c->hold_reason, hz_stmt_col_text(st, 22));
}

const char *hz_store_claim_stored_status(const char *status) {
    return strcmp(status, "closed") ? status : "approved";
}

void hz_store_claim_number(hz_claim *c) {
    /* claim number: LP + year + id, unique because the id is */
    snprintf(c->claim_no, sizeof c->claim_no, "LP%.4s%08lld", c->submitted_at, (long long)c->id);
}

hz_err hz_store_claim_insert(hz_db *db, hz_claim *c, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_claim_ins, &st, e);
    if (rc) return rc;
    /* a unique placeholder until the id is known */
    char tmp[40];
    snprintf(tmp, sizeof tmp, "TMP-%s-%lld", c->submitted_at, (long long)c->member_id);
    hz_stmt_text(st, 1, tmp);
    hz_stmt_int(st, 2, c->member_id);
    hz_stmt_text(st, 3, hz_store_claim_stored_status(c->status));
    hz_stmt_int(st, 4, c->accident);
    hz_stmt_int(st, 5, c->death);
    if (c->disability_grade) hz_stmt_int(st, 6, c->disability_grade);
    else hz_stmt_null(st, 6);
    hz_bind_opt_text(st, 7, c->diagnosis);
    hz_bind_date(st, 8, c->event_date);
    hz_stmt_int(st, 9, c->total);
    hz_stmt_int(st, 10, c->proactive);
    hz_stmt_int(st, 11, c->review_required);
    hz_bind_opt_text(st, 12, c->review_note);
    hz_stmt_text(st, 13, c->resubmit_of);
    hz_bind_opt_text(st, 14, c->documents);
    hz_stmt_text(st, 15, c->submitted_at);
    hz_bind_opt_text(st, 16, c->documents_complete_at);
    hz_bind_opt_text(st, 17, c->hold_reason);
    if ((rc = hz_row_insert_id(st, &c->id, e))) return rc;
    hz_store_claim_number(c);
    if ((rc = hz_db_stmt(db, q_claim_no, &st, e))) return rc;
    hz_stmt_text(st, 1, c->claim_no);
    hz_stmt_int(st, 2, c->id);
    return hz_stmt_run(st, e);
}

hz_err hz_store_claim_by_no(hz_db *db, const char *claim_no, hz_claim *out, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_claim_by_no, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, claim_no);
    char what[96];
    snprintf(what, sizeof what, "理赔申请 %s 不存在 (no such claim)", claim_no);
    if ((rc = hz_row_one(st, what, e))) return rc;
    read_claim(st, out);
    hz_stmt_reset(st);
    return HZ_OK;
}

hz_err hz_store_claim_by_id(hz_db *db, int64_t id, hz_claim *out, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_claim_by_id, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, id);
    if ((rc = hz_row_one(st, "理赔申请不存在 (no such claim)", e))) return rc;
    read_claim(st, out);
    hz_stmt_reset(st);
    return HZ_OK;
}

hz_err hz_store_claim_update(hz_db *db, const hz_claim *c, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_claim_upd, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, hz_store_claim_stored_status(c->status));
    hz_stmt_int(st, 2, c->total);
    hz_stmt_int(st, 3, c->review_required);
    hz_bind_opt_text(st, 4, c->review_note);
    hz_bind_opt_text(st, 5, c->reject_reason);
    hz_bind_opt_text(st, 6, c->bank_failure);
    hz_bind_opt_text(st, 7, c->documents);
    hz_bind_opt_text(st, 8, c->documents_complete_at);
    hz_bind_opt_text(st, 9, c->decided_at);
    hz_bind_opt_text(st, 10, c->decided_by);
    hz_bind_opt_text(st, 11, c->paid_at);
    hz_bind_opt_text(st, 12, c->hold_reason);
    hz_stmt_int(st, 13, c->id);
    return hz_stmt_run(st, e);
}

hz_err hz_store_claim_same_event(hz_db *db, int64_t member_id, bool death, int grade, const char *diagnosis,
                                 hz_date date, char claim_no[24], hz_errinfo *e) {
    hz_stmt *st;
    bool row;
    hz_err rc = hz_db_stmt(db, q_claim_same, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, member_id);
    hz_stmt_int(st, 2, death);
    hz_stmt_int(st, 3, grade);
    hz_stmt_text(st, 4, diagnosis ? diagnosis : "");
    hz_bind_date(st, 5, date);
    if ((rc = hz_stmt_step(st, &row, e))) return rc;
    hz_strlcpy(claim_no, row ? hz_stmt_col_text(st, 0) : "", 24);
    hz_stmt_reset(st);
    return HZ_OK;
}

/* Reads every row into an array first: fn may use the same connection. */
static hz_err each_claim(hz_stmt *st, hz_claim_fn fn, void *ctx, hz_errinfo *e) {
    size_t cap = 0, n = 0;
    hz_claim *all = NULL;
    bool row;
    hz_err rc;
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row) {
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            hz_claim *g = realloc(all, cap * sizeof *all);
            if (!g) {
                rc = hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
                break;
            }
            all = g;
        }
        read_claim(st, &all[n++]);
    }
    hz_stmt_reset(st);
    for (size_t i = 0; rc == HZ_OK && i < n; i++) rc = fn(ctx, &all[i], e);
    free(all);
    return rc;
}

hz_err hz_store_claims_of_member(hz_db *db, int64_t member_id, hz_claim_fn fn, void *ctx, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_claims_member, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, member_id);
    return each_claim(st, fn, ctx, e);
}

hz_err hz_store_claims_list(hz_db *db, const char *status, hz_date from, hz_date to, hz_claim_fn fn, void *ctx,
                            hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_claims_list, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, status ? status : "");
    hz_bind_day_start(st, 2, from);
    hz_bind_day_start(st, 3, to + 1);
    return each_claim(st, fn, ctx, e);
}

/* A page of claims in scope is read at a time (keyset on id), so a report
 * over every claim holds one page, not the table (issue 14). */
#define SCOPE_PAGE 256

static hz_err scope_page(hz_stmt *st, hz_claim *page, int *n, hz_errinfo *e) {
    bool row;
    hz_err rc = HZ_OK;
    *n = 0;
    while (*n < SCOPE_PAGE && (rc = hz_stmt_step(st, &row, e)) == HZ_OK && row) read_claim(st, &page[(*n)++]);
    hz_stmt_reset(st);
    return rc;
}

hz_err hz_store_claims_in_scope(hz_db *db, const hz_list_scope *sc, hz_date from, hz_date to, hz_claim_fn fn,
                                 void *ctx, hz_errinfo *e) {
    hz_claim *page = malloc(SCOPE_PAGE * sizeof *page);
    if (!page) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    int64_t after = 0;
    hz_err rc = HZ_OK;
    for (int n = SCOPE_PAGE; rc == HZ_OK && n == SCOPE_PAGE;) {
        hz_stmt *st;
        if ((rc = hz_db_stmt(db, q_claims_scoped, &st, e))) break;
        hz_stmt_text(st, 1, sc->org_path ? sc->org_path : "");
        hz_stmt_int(st, 2, sc->unit_id);
        hz_stmt_int(st, 3, sc->member_id);
        hz_bind_day_start(st, 4, from);
        hz_bind_day_start(st, 5, to + 1);
        hz_stmt_int(st, 6, after);
        hz_stmt_int(st, 7, SCOPE_PAGE);
        /* fn may use the same connection: the page is read before it runs */
        if ((rc = scope_page(st, page, &n, e))) break;
        for (int i = 0; rc == HZ_OK && i < n; i++) rc = fn(ctx, &page[i], e);
        if (n) after = page[n - 1].id;
    }
    free(page);
    return rc;
}

hz_err hz_store_claim_status_counts(hz_db *db, void (*fn)(void *ctx, const char *status, int64_t n), void *ctx,
                                    hz_errinfo *e) {
    hz_stmt *st;
    bool row;
    hz_err rc = hz_db_stmt(db, q_status_counts, &st, e);
    if (rc) return rc;
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row) fn(ctx, hz_stmt_col_text(st, 0), hz_stmt_col_int(st, 1));
    hz_stmt_reset(st);
    return rc;
}

static const char q_resubmitted[] = "SELECT claim_no FROM claim WHERE resubmit_of = ? AND status <> 'rejected'"
                                   " ORDER BY id LIMIT 1";
static const char q_used_setl[] = "SELECT COUNT(*) FROM claim_settlement WHERE claim_id = ? AND settlement_id = ?";

hz_err hz_store_claim_resubmitted_by(hz_db *db, int64_t claim_id, char claim_no[24], hz_errinfo *e) {
    hz_stmt *st;
    bool row;
    hz_err rc = hz_db_stmt(db, q_resubmitted, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, claim_id);
    if ((rc = hz_stmt_step(st, &row, e))) return rc;
    hz_strlcpy(claim_no, row ? hz_stmt_col_text(st, 0) : "", 24);
    hz_stmt_reset(st);
    return HZ_OK;
}

static const char q_doc_put[] = "INSERT INTO claim_document (claim_id, kind, received_at, received_by)"
                                " VALUES (?, ?, ?, ?) ON CONFLICT (claim_id, kind) DO NOTHING";
static const char q_docs[] = "SELECT kind, received_at, received_by FROM claim_document WHERE claim_id = ? ORDER BY kind";

hz_err hz_store_claim_doc_put(hz_db *db, int64_t claim_id, const char *kind, const char *at, const char *by,
                              hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_doc_put, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, claim_id);
    hz_stmt_text(st, 2, kind);
    hz_stmt_text(st, 3, at);
    hz_stmt_text(st, 4, by);
    return hz_stmt_run(st, e);
}

hz_err hz_store_claim_docs(hz_db *db, int64_t claim_id, hz_claim_doc_fn fn, void *ctx, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_docs, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, claim_id);
    bool row;
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row)
        fn(ctx, hz_stmt_col_text(st, 0), hz_stmt_col_text(st, 1), hz_stmt_col_text(st, 2));
    hz_stmt_reset(st);
    return rc;
}

hz_err hz_store_claim_used_settlement(hz_db *db, int64_t claim_id, int64_t settlement_id, bool *used, hz_errinfo *e) {
    hz_stmt *st;
    int64_t n = 0;
    hz_err rc = hz_db_stmt(db, q_used_setl, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, claim_id);
    hz_stmt_int(st, 2, settlement_id);
    rc = hz_row_int(st, &n, e);
    *used = n > 0;
    return rc;
}

/* lines and links */

static const char q_line_ins[] =
    "INSERT INTO claim_line (claim_id, seq, coverage_id, plan_code, settlement_id, component, period, amount,"
    " lump_pct, counted_stay, reason, explain, first_stay) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " RETURNING id";
static const char q_lines[] =
    "SELECT l.id, l.seq, COALESCE(l.coverage_id, 0), l.plan_code, COALESCE(l.settlement_id, 0),"
    " COALESCE(s.setl_id, ''), l.component, l.period, l.amount, l.lump_pct, l.counted_stay, l.reason, l.explain,"
    " l.reversed, l.first_stay FROM claim_line l LEFT JOIN settlement s ON s.id = l.settlement_id WHERE l.claim_id = ? ORDER BY l.seq";
static const char q_line_reverse[] =
    "UPDATE claim_line SET reversed = 1, amount = 0, reason = ?, explain = ? WHERE id = ?";
static const char q_link[] = "INSERT INTO claim_settlement (claim_id, settlement_id, active) VALUES (?, ?, 1)";
static const char q_release[] = "UPDATE claim_settlement SET active = 0 WHERE claim_id = ?";
static const char q_claims_of_setl[] = "SELECT DISTINCT claim_id FROM claim_line WHERE settlement_id = ? ORDER BY 1";

hz_err hz_store_claim_line_insert(hz_db *db, int64_t claim_id, hz_claim_line_row *l, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_line_ins, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, claim_id);
    hz_stmt_int(st, 2, l->seq);
    hz_bind_opt_id(st, 3, l->coverage_id);
    hz_stmt_text(st, 4, l->plan_code);
    hz_bind_opt_id(st, 5, l->settlement_id);
    hz_stmt_text(st, 6, l->component);
    hz_stmt_int(st, 7, l->period);
    hz_stmt_int(st, 8, l->amount);
    hz_stmt_int(st, 9, l->lump_pct);
    hz_stmt_int(st, 10, l->counted_stay);
    hz_stmt_text(st, 11, l->reason);
    hz_stmt_text(st, 12, l->explain);
    hz_stmt_int(st, 13, l->first_stay);
    return hz_row_insert_id(st, &l->id, e);
}

hz_err hz_store_claim_lines(hz_db *db, int64_t claim_id, hz_claim_line_row *out, int max, int *n, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_lines, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, claim_id);
    *n = 0;
    bool row;
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row) {
        if (*n == max) { /* fail loudly: never a silently shortened claim */
            rc = hz_fail(e, HZ_EINTERNAL, "理赔明细超过 %d 行 (claim has more than %d lines)", max, max);
            break;
        }
        hz_claim_line_row *l = &out[(*n)++];
        l->id = hz_stmt_col_int(st, 0);
        l->seq = (int)hz_stmt_col_int(st, 1);
        l->coverage_id = hz_stmt_col_int(st, 2);
        HZ_COPY(l->plan_code, hz_stmt_col_text(st, 3));
        l->settlement_id = hz_stmt_col_int(st, 4);
        HZ_COPY(l->setl_id, hz_stmt_col_text(st, 5));
        HZ_COPY(l->component, hz_stmt_col_text(st, 6));
        l->period = (int)hz_stmt_col_int(st, 7);
        l->amount = hz_stmt_col_int(st, 8);
        l->lump_pct = (int)hz_stmt_col_int(st, 9);
        l->counted_stay = hz_stmt_col_int(st, 10) != 0;
        HZ_COPY(l->reason, hz_stmt_col_text(st, 11));
        HZ_COPY(l->explain, hz_stmt_col_text(st, 12));
        l->reversed = hz_stmt_col_int(st, 13) != 0;
        l->first_stay = hz_stmt_col_int(st, 14) != 0;
    }
    hz_stmt_reset(st);
    return rc;
}

hz_err hz_store_claim_line_reverse(hz_db *db, int64_t line_id, const char *reason, const char *explain, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_line_reverse, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, reason);
    hz_stmt_text(st, 2, explain);
    hz_stmt_int(st, 3, line_id);
    return hz_stmt_run(st, e);
}

hz_err hz_store_claim_link(hz_db *db, int64_t claim_id, int64_t settlement_id, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_link, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, claim_id);
    hz_stmt_int(st, 2, settlement_id);
    return hz_stmt_run(st, e);
}

hz_err hz_store_claim_release(hz_db *db, int64_t claim_id, hz_errinfo *e) { return hz_row_run_id(db, q_release, claim_id, e); }

hz_err hz_store_claims_of_settlement(hz_db *db, int64_t settlement_id, int64_t **ids, size_t *n, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_claims_of_setl, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, settlement_id);
    return hz_row_ids(st, ids, n, e);
}

/* The claims module's tables are in the core history (migrations 1-2). */
static const char *const claim_migrations[] = {
    /* 1: a hold that keeps a claim for a reviewer whatever its amount; the
     * first-stay deductible borne once per term (claim lines say which
     * stay bears it, the ledger whether one does) */
    "ALTER TABLE claim ADD COLUMN hold_reason TEXT;"
    "ALTER TABLE claim_line ADD COLUMN first_stay BIGINT NOT NULL DEFAULT 0;"
    "ALTER TABLE ledger ADD COLUMN first_borne BIGINT NOT NULL DEFAULT 0;"
    /* carry existing data over */
    "UPDATE claim_line SET first_stay = 1 WHERE counted_stay = 1 AND reversed = 0 AND id = (SELECT MIN(l2.id)"
    " FROM claim_line l2 WHERE l2.coverage_id = claim_line.coverage_id AND l2.period = claim_line.period"
    " AND l2.component = claim_line.component AND l2.counted_stay = 1 AND l2.reversed = 0);"
    "UPDATE ledger SET first_borne = 1 WHERE EXISTS (SELECT 1 FROM claim_line l WHERE l.first_stay = 1"
    " AND l.coverage_id = ledger.coverage_id AND l.period = ledger.period AND l.component = ledger.component);",
    /* 2: the document checklist item by item: who recorded each document
     * and when (issue 16); documents recorded before it have no row */
    "CREATE TABLE claim_document ("
    " claim_id BIGINT NOT NULL REFERENCES claim(id),"
    " kind TEXT NOT NULL,"
    " received_at TEXT NOT NULL,"
    " received_by TEXT NOT NULL,"
    " PRIMARY KEY (claim_id, kind)) /*STRICT*/;",
    /* 3: a stay's claims, active or not (issue 19: "is this stay claimed",
     * "was its claim rejected" scanned every claim_settlement row per stay,
     * since the unique index holds the active links only; 免申即享 at 100k
     * stays spent 59 s of CPU in it) */
    "CREATE INDEX claim_settlement_stay ON claim_settlement(settlement_id);"
    /* a rejected claim's resubmission (read the whole claim table per
     * resubmission); few rows have one */
    "CREATE INDEX claim_resubmit ON claim(resubmit_of) WHERE resubmit_of IS NOT NULL;",
};

const hz_store_module hz_store_module_claims = {
    .name = "claims", .migrations = claim_migrations, .n_migrations = HZ_COUNT(claim_migrations)};
