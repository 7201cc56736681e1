/* Consistency queries of `huzhu check` (store/check.h). Each returns at
 * most one row: (object, got, want) where two records disagree. */
#include "store/check.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "store/rows.h"
#include "store/store.h"

#define BENEFIT_OF(l) "'benefit:' || " l ".coverage_id || ':' || " l ".period || ':' || " l ".component"
#define POSTED "(t.phase = 'posted' OR t.phase = 'post')"

static const struct {
    const char *name, *sql;
} checks[] = {
    /* every claim line is posted: net expense of its cause = its amount */
    {"claim_line=transfer", /* got: the line as recorded; want: what the journal posted for it */
     "SELECT 'claim_line:' || l.id, l.amount, COALESCE((SELECT SUM(CASE WHEN t.debit_id = b.id THEN t.amount"
     " WHEN t.credit_id = b.id THEN -t.amount ELSE 0 END) FROM transfer t WHERE t.cause = 'line:' || l.id"
     " AND " POSTED "), 0)"
     " FROM claim_line l LEFT JOIN account b ON b.code = " BENEFIT_OF("l")
     " WHERE l.coverage_id IS NOT NULL AND COALESCE((SELECT SUM(CASE WHEN t.debit_id = b.id THEN t.amount"
     " WHEN t.credit_id = b.id THEN -t.amount ELSE 0 END) FROM transfer t WHERE t.cause = 'line:' || l.id"
     " AND " POSTED "), 0) <> l.amount ORDER BY l.id LIMIT 1"},
    /* the ledger's money is the benefit account's balance */
    {"ledger.paid=benefit_account",
     "SELECT 'ledger:' || g.coverage_id || ':' || g.period || ':' || g.component,"
     " g.paid, COALESCE(b.debits_posted - b.credits_posted, 0) FROM ledger g LEFT JOIN account b ON b.code "
     "= " BENEFIT_OF("g") " WHERE g.paid <> COALESCE(b.debits_posted - b.credits_posted, 0)"
                          " ORDER BY g.coverage_id, g.period, g.component LIMIT 1"},
    /* and the sum of the active lines, stays, lump sums, first stays */
    {"ledger.paid=claim_lines",
     "SELECT 'ledger:' || g.coverage_id || ':' || g.period || ':' || g.component, g.paid, COALESCE(s.paid, 0)"
     " FROM ledger g LEFT JOIN (SELECT coverage_id, period, component, SUM(amount) AS paid FROM claim_line"
     " WHERE reversed = 0 GROUP BY coverage_id, period, component) s ON s.coverage_id = g.coverage_id AND"
     " s.period = g.period AND s.component = g.component WHERE g.paid <> COALESCE(s.paid, 0)"
     " ORDER BY g.coverage_id LIMIT 1"},
    /* stays, lump-sum shares and the first stay, packed as one number */
    {"ledger.stays=claim_lines",
     "SELECT 'ledger:' || g.coverage_id || ':' || g.period || ':' || g.component, g.stays * 100000"
     " + g.lump_pct * 10 + g.first_borne, COALESCE(s.stays, 0) * 100000 + COALESCE(s.lump, 0) * 10"
     " + COALESCE(s.firsts, 0)"
     " FROM ledger g LEFT JOIN (SELECT coverage_id, period, component, SUM(counted_stay) AS stays, SUM(lump_pct)"
     " AS lump, SUM(first_stay) AS firsts FROM claim_line WHERE reversed = 0 GROUP BY coverage_id, period,"
     " component) s ON s.coverage_id = g.coverage_id AND s.period = g.period AND s.component = g.component"
     " WHERE g.stays <> COALESCE(s.stays, 0) OR g.lump_pct <> COALESCE(s.lump, 0)"
     " OR g.first_borne <> COALESCE(s.firsts, 0) ORDER BY g.coverage_id LIMIT 1"},
    /* a claim's total is the sum of its lines */
    {"claim.total=claim_lines",
     "SELECT 'claim:' || c.claim_no, c.total, COALESCE((SELECT SUM(l.amount) FROM claim_line l WHERE"
     " l.claim_id = c.id), 0) FROM claim c WHERE c.total <> COALESCE((SELECT SUM(l.amount) FROM claim_line l"
     " WHERE l.claim_id = c.id), 0) ORDER BY c.id LIMIT 1"},
    /* and what its payable was granted, net of reversals */
    {"claim.total=payable_grants",
     "SELECT 'claim:' || c.claim_no, COALESCE((SELECT SUM(CASE WHEN t.credit_id = a.id THEN t.amount ELSE"
     " -t.amount END) FROM transfer t WHERE t.cause LIKE 'line:%' AND (t.credit_id = a.id OR t.debit_id = a.id)"
     " AND " POSTED "), 0), c.total FROM claim c JOIN payable p ON p.source = 'claim' AND p.source_id = c.id"
     " JOIN account a ON a.code = 'payable:' || p.payable_no WHERE c.total <> COALESCE((SELECT SUM(CASE WHEN"
     " t.credit_id = a.id THEN t.amount ELSE -t.amount END) FROM transfer t WHERE t.cause LIKE 'line:%' AND"
     " (t.credit_id = a.id OR t.debit_id = a.id) AND " POSTED "), 0) ORDER BY c.id LIMIT 1"},
    {"claim=payable", "SELECT 'claim:' || c.claim_no, 0, 1 FROM claim c WHERE NOT EXISTS (SELECT 1 FROM payable p WHERE"
                      " p.source = 'claim' AND p.source_id = c.id) ORDER BY c.id LIMIT 1"},
    /* each payment's state is its transfer's state */
    {"payment=transfer",
     "SELECT 'payment:' || y.id, CASE WHEN t.id IS NULL THEN -1 WHEN r.phase = 'post' THEN 2 WHEN r.phase ="
     " 'void' THEN 3 ELSE 1 END, CASE y.status WHEN 'pending' THEN 1 WHEN 'paid' THEN 2 ELSE 3 END"
     " FROM payment y LEFT JOIN transfer t ON t.id = y.transfer_id AND t.phase = 'pending' AND t.amount = y.amount"
     " AND t.cause = 'payment:' || y.id LEFT JOIN transfer r ON r.pending_id = t.id"
     " WHERE t.id IS NULL OR CASE WHEN r.phase = 'post' THEN 2 WHEN r.phase = 'void' THEN 3 ELSE 1 END <>"
     " CASE y.status WHEN 'pending' THEN 1 WHEN 'paid' THEN 2 ELSE 3 END ORDER BY y.id LIMIT 1"},
    /* money out of the bank is the sum of the successful payments */
    {"bank=payments",
     "SELECT 'account:bank', COALESCE((SELECT credits_posted FROM account WHERE code = 'bank'), 0),"
     " (SELECT COALESCE(SUM(amount), 0) FROM payment WHERE status = 'paid') WHERE COALESCE((SELECT credits_posted"
     " FROM account WHERE code = 'bank'), 0) <> (SELECT COALESCE(SUM(amount), 0) FROM payment WHERE status = 'paid')"},
    {"bank_pending=payments",
     "SELECT 'account:bank', COALESCE((SELECT credits_pending FROM account WHERE code = 'bank'), 0),"
     " (SELECT COALESCE(SUM(amount), 0) FROM payment WHERE status = 'pending') WHERE COALESCE((SELECT"
     " credits_pending FROM account WHERE code = 'bank'), 0) <> (SELECT COALESCE(SUM(amount), 0) FROM payment"
     " WHERE status = 'pending')"},
    {"writeoff=recoveries",
     "SELECT 'account:writeoff', COALESCE((SELECT debits_posted - credits_posted FROM account WHERE code ="
     " 'writeoff'), 0), (SELECT COALESCE(SUM(amount), 0) FROM recovery WHERE kind = 'writeoff') WHERE"
     " COALESCE((SELECT debits_posted - credits_posted FROM account WHERE code = 'writeoff'), 0) <>"
     " (SELECT COALESCE(SUM(amount), 0) FROM recovery WHERE kind = 'writeoff')"},
    /* what was paid in for a coverage is its premium (issue 12) */
    {"contribution=coverage.premium",
     "SELECT 'coverage:' || c.id, COALESCE((SELECT SUM(k.amount) FROM contribution k WHERE k.coverage_id = c.id), 0),"
     " c.premium FROM coverage c WHERE COALESCE((SELECT SUM(k.amount) FROM contribution k WHERE k.coverage_id ="
     " c.id), 0) <> c.premium ORDER BY c.id LIMIT 1"},
    /* nothing owed below zero: a payable paid past what it owes has become
     * a receivable; a receivable never owes the member */
    {"payable>=0", "SELECT a.code, a.credits_posted - a.debits_posted, 0 FROM account a WHERE a.kind = 'payable' AND"
                   " a.credits_posted - a.debits_posted < 0 AND a.debits_pending = 0 ORDER BY a.id LIMIT 1"},
    {"receivable>=0",
     "SELECT a.code, a.debits_posted - a.credits_posted, 0 FROM account a WHERE a.kind = 'receivable' AND"
     " a.debits_posted < a.credits_posted ORDER BY a.id LIMIT 1"},
};

/* Money into the bank is what the records of repayments and of every
 * module's inflows (store.h, bank_inflow) say came in. Built once from the
 * module list, so the statement cache sees one string. */
static char bank_in_sql[4096];
static pthread_once_t bank_in_once = PTHREAD_ONCE_INIT;

static void bank_in_build(void) {
    char sum[2048] = "(SELECT COALESCE(SUM(amount), 0) FROM recovery WHERE kind = 'repay')";
    for (const hz_store_module *const *m = hz_store_modules; *m; m++)
        if ((*m)->bank_inflow) {
            size_t n = strlen(sum);
            snprintf(sum + n, sizeof sum - n, " + %s", (*m)->bank_inflow);
        }
    snprintf(bank_in_sql, sizeof bank_in_sql,
             "SELECT 'account:bank', COALESCE((SELECT debits_posted FROM account WHERE code = 'bank'), 0), %s"
             " WHERE COALESCE((SELECT debits_posted FROM account WHERE code = 'bank'), 0) <> %s",
             sum, sum);
}

/* The check-th query: the founding ones, the bank's receipts, then every
 * module's own in list order. */
static bool check_at(int check, hz_store_check *out) {
    if (check < 0) return false;
    if (check < HZ_COUNT(checks)) {
        *out = (hz_store_check){checks[check].name, checks[check].sql};
        return true;
    }
    check -= HZ_COUNT(checks);
    if (check == 0) {
        pthread_once(&bank_in_once, bank_in_build);
        *out = (hz_store_check){"bank=repayments+inflows", bank_in_sql};
        return true;
    }
    check--;
    for (const hz_store_module *const *m = hz_store_modules; *m; m++) {
        if (check < (*m)->n_checks) {
            *out = (*m)->checks[check];
            return true;
        }
        check -= (*m)->n_checks;
    }
    return false;
}

hz_err hz_store_check_run(hz_db *db, int check, bool *more, bool *found, hz_check_diff *d, hz_errinfo *e) {
    *found = false;
    hz_store_check c;
    *more = check_at(check, &c);
    if (!*more) return HZ_OK;
    memset(d, 0, sizeof *d);
    d->name = c.name;
    hz_stmt *st;
    bool row;
    hz_err rc = hz_db_stmt(db, c.sql, &st, e);
    if (rc || (rc = hz_stmt_step(st, &row, e))) return rc;
    if (row) {
        *found = true;
        HZ_COPY(d->object, hz_stmt_col_text(st, 0));
        d->got = hz_stmt_col_int(st, 1);
        d->want = hz_stmt_col_int(st, 2);
    }
    hz_stmt_reset(st);
    return HZ_OK;
}
