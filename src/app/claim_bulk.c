/* 免申即享: a claim for every unclaimed settled stay, batch by batch, and
 * its bulk writer (issue 19 P2): a member's stays of one batch are
 * adjudicated in memory against the member, flags, coverages and ledgers
 * read once, with the same engine and the same triage as the submission
 * use case; claims, documents, payables, lines, journal transfers and
 * accounts, links, ledgers, audit events and notices are written with
 * multi-row INSERTs and ids assigned in order (store/claim_bulk.h). The
 * rows are exactly those of hz_claims_submit_tx one stay at a time
 * (tests/cli/test_feed_bulk.sh compares them). A member the writer does not
 * handle (a duplicate stay, a bank card change waiting, a stay an LM
 * subsidy rests on, a settlement that is not theirs) goes through
 * hz_claims_submit_tx in the same transaction; PostgreSQL takes that path
 * for every member (docs/decisions.md). */

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/authz.h"
#include "app/claim_intake.h"
#include "app/claim_shared.h"
#include "app/journal.h"
#include "app/module.h"
#include "app/security.h"
#include "core/text.h"
#include "store/audit.h"
#include "store/claim.h"
#include "store/claim_bulk.h"
#include "store/coverage.h"
#include "store/notices.h"
#include "store/registry.h"
#include "store/settlement.h"
#include "store/store.h"

#define FLUSH 64         /* claims held in memory before they are written */
#define NOTICES_PER 4    /* notice rows one claim may make, all modules */
#define ACCT_SLOTS 65536 /* account cache (codes -> ids), emptied when half full */

typedef struct {
    hz_bulk_account a;
    bool used, fresh, dirty;
} acct_slot;

typedef struct {
    hz_app *app;
    hz_bulk_ids ids;
    char last_hash[65];
    hz_claim claims[FLUSH];
    hz_payable payables[FLUSH];
    hz_bulk_link links[FLUSH];
    hz_bulk_audit audits[FLUSH];
    hz_notice *notices;
    int n_claims, n_notices;
    hz_bulk_doc *docs;
    hz_bulk_line *lines;
    hz_transfer *transfers;
    hz_bulk_ledger *ledger;
    int n_docs, n_lines, n_transfers, n_ledger, cap_docs, cap_lines, cap_transfers, cap_ledger;
    acct_slot *acct;
    int n_acct;
    int *dirty; /* slots to write, in the order they became dirty */
    int n_dirty;
    hz_eng_coverage *covs; /* the member in hand's */
    /* the batch's members, coverages and ledgers, read by three scans */
    hz_member *members;
    hz_coverage *cov_rows;
    hz_bulk_ledger *led_rows;
    int n_members, cap_members, n_cov_rows, cap_cov_rows, n_led_rows, cap_led_rows;
    hz_settlement *setl; /* the member in hand's stays */
    int cap_setl;
    hz_claim_line *eng;  /* the engine's lines of one claim */
} bulk;

static hz_err oom(hz_errinfo *e) { return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)"); }

/* grows *arr (of size bytes each) to hold one more than *n */
static hz_err room(void *arr, int *cap, int n, size_t size, hz_errinfo *e) {
    if (n < *cap) return HZ_OK;
    int c = *cap ? *cap * 2 : 256;
    void *g = realloc(*(void **)arr, (size_t)c * size);
    if (!g) return oom(e);
    *(void **)arr = g;
    *cap = c;
    return HZ_OK;
}

static bool bulk_usable(hz_app *app) {
    if (strcmp(hz_db_driver_name(app->db), "sqlite") != 0) return false;
    for (const hz_app_module *const *m = hz_app_modules; *m; m++)
        if (((*m)->event && !(*m)->claim_submitted_rows) ||
            ((*m)->settlement_claimed && !(*m)->settlement_claim_matters))
            return false;
    return true;
}

static uint32_t code_hash(const char *s) {
    uint32_t h = 2166136261u;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* The account with this code: from the cache, the database, or new (kind,
 * member: as hz_journal_post's ensure creates it). */
static hz_err account(bulk *b, const char *code, const char *kind, int64_t member_id, acct_slot **out,
                      hz_errinfo *e) {
    uint32_t i = code_hash(code) & (ACCT_SLOTS - 1);
    while (b->acct[i].used && strcmp(b->acct[i].a.code, code) != 0) i = (i + 1) & (ACCT_SLOTS - 1);
    acct_slot *s = &b->acct[i];
    *out = s;
    if (s->used) return HZ_OK;
    memset(s, 0, sizeof *s);
    hz_strlcpy(s->a.code, code, sizeof s->a.code);
    hz_err rc = hz_store_bulk_account_id(b->app->db, code, &s->a.id, e);
    if (rc) return rc;
    s->used = true;
    b->n_acct++;
    if (!s->a.id) {
        s->a.id = b->ids.account++;
        s->a.kind = kind;
        s->a.member_id = member_id;
        s->a.created_at = b->app->now;
        s->fresh = true;
    }
    return HZ_OK;
}

static void move(bulk *b, acct_slot *s, hz_fen debit, hz_fen credit) {
    s->a.debits_posted += debit;
    s->a.credits_posted += credit;
    if (!s->dirty) {
        s->dirty = true;
        b->dirty[b->n_dirty++] = (int)(s - b->acct);
    }
}

static hz_err flush(bulk *b, hz_errinfo *e) {
    hz_db *db = b->app->db;
    hz_err rc;
    if ((rc = hz_store_bulk_claims(db, b->claims, b->n_claims, e)) ||
        (rc = hz_store_bulk_docs(db, b->docs, b->n_docs, e)) ||
        (rc = hz_store_bulk_payables(db, b->payables, b->n_claims, e)))
        return rc;
    /* new accounts with their balances (ids ascending), then what known ones add */
    hz_bulk_account fresh[32];
    int n_fresh = 0;
    for (int k = 0; k < b->n_dirty; k++) {
        acct_slot *s = &b->acct[b->dirty[k]];
        if (!s->fresh) continue;
        fresh[n_fresh++] = s->a;
        if (n_fresh == 32) {
            if ((rc = hz_store_bulk_accounts_new(db, fresh, n_fresh, e))) return rc;
            n_fresh = 0;
        }
    }
    if (n_fresh && (rc = hz_store_bulk_accounts_new(db, fresh, n_fresh, e))) return rc;
    for (int k = 0; k < b->n_dirty; k++) {
        acct_slot *s = &b->acct[b->dirty[k]];
        if (!s->fresh && (rc = hz_store_bulk_account_add(db, &s->a, e))) return rc;
        s->fresh = s->dirty = false;
        s->a.debits_posted = s->a.credits_posted = 0;
    }
    b->n_dirty = 0;
    if ((rc = hz_store_bulk_lines(db, b->lines, b->n_lines, e)) ||
        (rc = hz_store_bulk_transfers(db, b->transfers, b->n_transfers, e)) ||
        (rc = hz_store_bulk_links(db, b->links, b->n_claims, e)) ||
        (rc = hz_store_bulk_ledger(db, b->ledger, b->n_ledger, e)) ||
        (rc = hz_store_bulk_audit(db, b->audits, b->n_claims, e)) ||
        (rc = hz_store_bulk_notices(db, b->notices, b->n_notices, e)))
        return rc;
    b->n_claims = b->n_notices = b->n_docs = b->n_lines = b->n_transfers = b->n_ledger = 0;
    if (b->n_acct > ACCT_SLOTS / 2) { /* nothing dirty now: start the cache again */
        memset(b->acct, 0, sizeof *b->acct * ACCT_SLOTS);
        b->n_acct = 0;
    }
    return HZ_OK;
}

/* after rows written by another writer: the tables' ends and the chain's head */
static hz_err resync(bulk *b, hz_errinfo *e) {
    hz_err rc = hz_store_bulk_next_ids(b->app->db, &b->ids, e);
    return rc ? rc : hz_store_audit_last_hash(b->app->db, b->last_hash, e);
}

static int ledger_cmp(const void *x, const void *y) {
    const hz_ledger_entry *a = x, *c = y;
    if (a->period != c->period) return a->period < c->period ? -1 : 1;
    return strcmp(a->component, c->component);
}

/* Whether the writer takes this member's stays: everything
 * hz_claims_submit_tx would do beyond the rows written here sends the
 * member to it instead. */
static hz_err member_fits(hz_app *app, const hz_member *m, const hz_settlement *s, int n, bool *fits,
                          hz_errinfo *e) {
    *fits = false;
    bool pending;
    hz_err rc = hz_card_change_pending(app, m->id, &pending, e);
    if (rc || pending) return rc;
    for (int i = 0; i < n; i++) {
        char dup[48];
        if (strcmp(s[i].certno, m->id_number) != 0 || strcmp(s[i].med_type, "21") != 0) return HZ_OK;
        if ((rc = hz_store_settlement_duplicate(app->db, &s[i], dup, e))) return rc;
        if (dup[0]) return HZ_OK;
        for (const hz_app_module *const *md = hz_app_modules; *md; md++) {
            bool matters = false;
            if ((*md)->settlement_claim_matters &&
                (rc = (*md)->settlement_claim_matters(app, s[i].id, &matters, e)))
                return rc;
            if (matters) return HZ_OK;
        }
    }
    *fits = true;
    return HZ_OK;
}

/* One stay of the member in hand: the claim's rows into the buffers. */
static hz_err claim_stay(bulk *b, const hz_member *m, const hz_eng_member *em, int n_covs, const hz_settlement *s,
                         hz_claim_line *eng, hz_proactive_item *item, hz_errinfo *e) {
    hz_app *app = b->app;
    hz_event ev;
    hz_err rc = hz_claims_settlement_event(s, false, NULL, &ev, e);
    if (rc) return rc;
    int n_lines = 0;
    if ((rc = hz_engine_adjudicate(em, b->covs, n_covs, &ev, 1, eng, HZ_CLAIM_MAX_LINES, &n_lines, e))) return rc;
    /* what the next claim reads back from the ledger table: in key order */
    for (int i = 0; i < n_covs; i++)
        qsort(b->covs[i].ledger, (size_t)b->covs[i].n_ledger, sizeof b->covs[i].ledger[0], ledger_cmp);
    if (b->n_claims == FLUSH && (rc = flush(b, e))) return rc;
    hz_claim *c = &b->claims[b->n_claims];
    memset(c, 0, sizeof *c);
    c->member_id = m->id;
    c->proactive = true;
    c->event_date = s->adm_date;
    hz_strlcpy(c->submitted_at, app->now, sizeof c->submitted_at);
    for (int i = 0; i < n_lines; i++)
        if (!hz_money_add(c->total, eng[i].amount, &c->total)) return hz_fail(e, HZ_EINVAL, "total: 金额溢出 (overflow)");
    hz_strlcpy(c->documents, hz_claims_required_docs(c, true), sizeof c->documents);
    hz_strlcpy(c->documents_complete_at, app->now, sizeof c->documents_complete_at);
    hz_strlcpy(c->status, "adjudicated", sizeof c->status);
    c->id = b->ids.claim++;
    hz_store_claim_number(c);
    /* the checklist's documents, as hz_claims_docs_record records them */
    char docs[sizeof c->documents];
    hz_strlcpy(docs, c->documents, sizeof docs);
    for (char *p = docs, *comma; p && *p; p = comma ? comma + 1 : NULL) {
        if ((comma = strchr(p, ','))) *comma = '\0';
        if ((rc = room(&b->docs, &b->cap_docs, b->n_docs, sizeof *b->docs, e))) return rc;
        hz_bulk_doc *d = &b->docs[b->n_docs++];
        d->claim_id = c->id;
        hz_strlcpy(d->kind, p, sizeof d->kind);
        d->at = app->now;
        d->by = app->actor[0] ? app->actor : "system";
    }
    hz_claims_triage(app, c, m);
    /* the payable and its account (hz_payable_open), ready once approved */
    hz_payable *p = &b->payables[b->n_claims];
    memset(p, 0, sizeof *p);
    p->id = b->ids.payable++;
    hz_strlcpy(p->payable_no, c->claim_no, sizeof p->payable_no);
    p->member_id = m->id;
    hz_strlcpy(p->source, "claim", sizeof p->source);
    p->source_id = c->id;
    char purpose[sizeof p->purpose];
    snprintf(purpose, sizeof purpose, "职工互助金 %s", c->claim_no);
    hz_strlcpy(p->purpose, purpose, sizeof p->purpose);
    hz_strlcpy(p->created_at, app->now, sizeof p->created_at);
    p->ready = !strcmp(c->status, "approved");
    char payable_acct[HZ_ACCOUNT_CODE_MAX];
    acct_slot *credit, *debit;
    hz_acct_payable(payable_acct, c->claim_no);
    if ((rc = account(b, payable_acct, "payable", m->id, &credit, e))) return rc;
    if (!credit->dirty) move(b, credit, 0, 0); /* new: written even when nothing is paid */
    for (int i = 0; i < n_lines; i++) {
        const hz_claim_line *l = &eng[i];
        if ((rc = room(&b->lines, &b->cap_lines, b->n_lines, sizeof *b->lines, e))) return rc;
        hz_bulk_line *x = &b->lines[b->n_lines++];
        hz_claim_line_row *r = &x->r;
        memset(x, 0, sizeof *x);
        x->claim_id = c->id;
        r->id = b->ids.line++;
        r->seq = i + 1;
        r->coverage_id = b->covs[l->coverage].coverage_id;
        hz_strlcpy(r->plan_code, l->plan_code, sizeof r->plan_code);
        r->settlement_id = s->id;
        hz_strlcpy(r->component, l->component, sizeof r->component);
        r->period = l->period;
        r->amount = l->amount;
        r->lump_pct = l->lump_pct;
        r->counted_stay = l->counted_stay;
        hz_strlcpy(r->reason, l->reason, sizeof r->reason);
        hz_strlcpy(r->explain, l->explain, sizeof r->explain);
        r->first_stay = l->first_stay;
        if (r->amount <= 0) continue;
        /* hz_payable_grant: benefit expense -> payable, keyed by the line */
        char acct[HZ_ACCOUNT_CODE_MAX];
        hz_acct_benefit(acct, r->coverage_id, r->period, r->component);
        if ((rc = account(b, acct, "benefit", 0, &debit, e))) return rc;
        if ((rc = room(&b->transfers, &b->cap_transfers, b->n_transfers, sizeof *b->transfers, e))) return rc;
        hz_transfer *t = &b->transfers[b->n_transfers++];
        memset(t, 0, sizeof *t);
        t->id = b->ids.transfer++;
        snprintf(t->key, sizeof t->key, "line:%lld", (long long)r->id);
        t->debit_id = debit->a.id;
        t->credit_id = credit->a.id;
        t->amount = r->amount;
        hz_strlcpy(t->phase, "posted", sizeof t->phase);
        hz_strlcpy(t->cause, t->key, sizeof t->cause);
        hz_strlcpy(t->at, app->now, sizeof t->at);
        hz_strlcpy(t->by, app->actor, sizeof t->by);
        move(b, debit, r->amount, 0);
        move(b, credit, 0, r->amount);
    }
    b->links[b->n_claims] = (hz_bulk_link){c->id, s->id};
    /* the audit event, chained after the one before */
    hz_bulk_audit *a = &b->audits[b->n_claims];
    a->id = b->ids.audit++;
    hz_strlcpy(a->at, app->now, sizeof a->at);
    hz_strlcpy(a->actor, app->actor, sizeof a->actor);
    hz_strlcpy(a->action, "claim.submit", sizeof a->action);
    char object[HZ_CLAIM_AUDIT_OBJECT];
    hz_claims_audit_text(c, "免申即享 proactive", object, a->detail);
    hz_strlcpy(a->object, object, sizeof a->object);
    hz_strlcpy(a->prev_hash, b->last_hash, sizeof a->prev_hash);
    hz_audit_row ar = {0, a->at, a->actor, a->action, a->object, a->detail, a->prev_hash, NULL};
    if ((rc = hz_audit_chain(app, &ar, a->hash, e))) return rc;
    hz_strlcpy(b->last_hash, a->hash, sizeof b->last_hash);
    /* what the modules tell the member */
    int first_notice = b->n_notices;
    for (const hz_app_module *const *md = hz_app_modules; *md; md++) {
        int n = 0;
        if (!(*md)->claim_submitted_rows) continue;
        hz_notice *out = &b->notices[b->n_notices];
        int max = NOTICES_PER - (b->n_notices - first_notice);
        if ((rc = (*md)->claim_submitted_rows(app, c, out, max, &n, e))) return rc;
        for (int k = 0; k < n; k++) {
            out[k].id = b->ids.notice++;
            hz_store_notice_number(&out[k]);
        }
        b->n_notices += n;
    }
    hz_strlcpy(item->claim_no, c->claim_no, sizeof item->claim_no);
    hz_strlcpy(item->id_number, m->id_number, sizeof item->id_number);
    hz_strlcpy(item->setl_id, s->setl_id, sizeof item->setl_id);
    item->total = c->total;
    b->n_claims++;
    return HZ_OK;
}

static hz_err add_member(void *ctx, const hz_member *m, hz_errinfo *e) {
    bulk *b = ctx;
    hz_err rc = room(&b->members, &b->cap_members, b->n_members, sizeof *b->members, e);
    if (!rc) b->members[b->n_members++] = *m;
    return rc;
}

static hz_err add_coverage(void *ctx, const hz_coverage *c, hz_errinfo *e) {
    bulk *b = ctx;
    hz_err rc = room(&b->cov_rows, &b->cap_cov_rows, b->n_cov_rows, sizeof *b->cov_rows, e);
    if (!rc) b->cov_rows[b->n_cov_rows++] = *c;
    return rc;
}

static hz_err add_ledger(void *ctx, int64_t coverage_id, const hz_ledger_entry *l, hz_errinfo *e) {
    bulk *b = ctx;
    hz_err rc = room(&b->led_rows, &b->cap_led_rows, b->n_led_rows, sizeof *b->led_rows, e);
    if (!rc) b->led_rows[b->n_led_rows++] = (hz_bulk_ledger){coverage_id, *l};
    return rc;
}

/* The batch's members lo..hi with their coverages and ledgers. */
static hz_err preload(bulk *b, int64_t lo, int64_t hi, hz_errinfo *e) {
    hz_db *db = b->app->db;
    b->n_members = b->n_cov_rows = b->n_led_rows = 0;
    hz_err rc = hz_store_members_range(db, lo, hi, add_member, b, e);
    if (!rc) rc = hz_store_coverages_range(db, lo, hi, add_coverage, b, e);
    return rc ? rc : hz_store_ledger_range(db, lo, hi, add_ledger, b, e);
}

/* first index in [0, n) whose key is >= k: rows of size bytes, each with
 * its int64 key at offset off, ascending */
static int lower_bound(const void *rows, int n, size_t size, size_t off, int64_t k) {
    int lo = 0, hi = n;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        int64_t key;
        memcpy(&key, (const char *)rows + (size_t)mid * size + off, sizeof key);
        if (key < k) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/* the order of hz_store_coverages_of: start descending, then plan (a
 * member holds one coverage of a plan from a start: no ties) */
static int cov_cmp(const void *x, const void *y) {
    const hz_coverage *a = x, *c = y;
    if (a->start != c->start) return a->start > c->start ? -1 : 1;
    return strcmp(a->plan_code, c->plan_code);
}

/* hz_store_ledger_load from the preloaded ledgers */
static hz_err preloaded_ledger(void *ctx, int64_t coverage_id, hz_ledger_entry *out, int max, int *n, hz_errinfo *e) {
    bulk *b = ctx;
    int i = lower_bound(b->led_rows, b->n_led_rows, sizeof *b->led_rows, offsetof(hz_bulk_ledger, coverage_id),
                        coverage_id);
    *n = 0;
    for (; i < b->n_led_rows && b->led_rows[i].coverage_id == coverage_id; i++) {
        if (*n == max) return hz_fail(e, HZ_EINTERNAL, "台账条目过多 (ledger has more than %d entries)", max);
        out[(*n)++] = b->led_rows[i].l;
    }
    return HZ_OK;
}

/* A member's stays s[0..n) of this batch (ids: theirs), by the bulk writer
 * or, when it does not fit, one by one through hz_claims_submit_tx. */
static hz_err one_by_one(hz_app *app, const int64_t *ids, size_t n, hz_proactive_item *items, int *n_items,
                         hz_errinfo *e);

static hz_err member_stays(bulk *b, const hz_settlement *s, const int64_t *ids, int n, hz_claim_line *eng,
                           hz_proactive_item *items, int *n_items, hz_errinfo *e) {
    hz_app *app = b->app;
    hz_member m;
    bool fits;
    hz_err rc;
    int64_t mid = s[0].member_id;
    int at = lower_bound(b->members, b->n_members, sizeof *b->members, offsetof(hz_member, id), mid);
    if (at < b->n_members && b->members[at].id == mid) m = b->members[at];
    else if ((rc = hz_store_member_by_id(app->db, mid, &m, e))) return rc;
    int first_cov = lower_bound(b->cov_rows, b->n_cov_rows, sizeof *b->cov_rows, offsetof(hz_coverage, member_id), mid),
        n_rows = 0;
    while (first_cov + n_rows < b->n_cov_rows && b->cov_rows[first_cov + n_rows].member_id == mid) n_rows++;
    if ((rc = hz_authz_member(app, &m, e)) || (rc = member_fits(app, &m, s, n, &fits, e))) return rc;
    /* more coverages than a claim takes: the use case says so */
    if (n_rows > HZ_CLAIM_MAX_COVERAGES) fits = false;
    qsort(b->cov_rows + first_cov, (size_t)n_rows, sizeof *b->cov_rows, cov_cmp);
    if (!fits) {
        if ((rc = flush(b, e)) || (rc = one_by_one(app, ids, (size_t)n, items, n_items, e)))
            return rc;
        return resync(b, e);
    }
    hz_flag flags[32];
    int n_flags, n_covs;
    if ((rc = hz_store_flags(app->db, m.id, flags, 32, &n_flags, e)) ||
        (rc = hz_claims_coverages_from(app, b->cov_rows + first_cov, n_rows, b->covs, &n_covs, preloaded_ledger, b,
                                       e)))
        return rc;
    hz_eng_member em = {m.sex, m.birth, flags, n_flags};
    for (int i = 0; i < n; i++)
        if ((rc = claim_stay(b, &m, &em, n_covs, &s[i], eng, &items[(*n_items)++], e))) return rc;
    /* the ledgers as the member's last claim left them (hz_store_ledger_put) */
    for (int i = 0; i < n_covs; i++)
        for (int k = 0; k < b->covs[i].n_ledger; k++) {
            if ((rc = room(&b->ledger, &b->cap_ledger, b->n_ledger, sizeof *b->ledger, e))) return rc;
            b->ledger[b->n_ledger++] = (hz_bulk_ledger){b->covs[i].coverage_id, b->covs[i].ledger[k]};
        }
    return HZ_OK;
}

static void bulk_free(bulk *b);

/* The writer of one run (its buffers and account cache, kept from batch to
 * batch); NULL when out of memory. */
static bulk *bulk_new(hz_app *app) {
    bulk *b = calloc(1, sizeof *b);
    if (!b) return NULL;
    b->app = app;
    if (!(b->eng = malloc(sizeof *b->eng * HZ_CLAIM_MAX_LINES)) ||
        !(b->notices = malloc(sizeof *b->notices * FLUSH * NOTICES_PER)) ||
        !(b->acct = calloc(ACCT_SLOTS, sizeof *b->acct)) || !(b->dirty = malloc(sizeof *b->dirty * ACCT_SLOTS)) ||
        !(b->covs = malloc(sizeof *b->covs * HZ_CLAIM_MAX_COVERAGES))) {
        bulk_free(b);
        return NULL;
    }
    return b;
}

static void bulk_free(bulk *b) {
    if (!b) return;
    free(b->eng);
    free(b->notices);
    free(b->acct);
    free(b->dirty);
    free(b->covs);
    free(b->docs);
    free(b->lines);
    free(b->transfers);
    free(b->ledger);
    free(b->members);
    free(b->cov_rows);
    free(b->led_rows);
    free(b->setl);
    free(b);
}

/* Claims on the unclaimed settlements ids[0..n) (member order), inside the
 * caller's transaction: items[*n_items...] gets each. The rows are those
 * one_by_one writes. */
static hz_err bulk_run(bulk *b, const int64_t *ids, size_t n, hz_proactive_item *items, int *n_items,
                       hz_errinfo *e) {
    hz_app *app = b->app;
    hz_err rc = resync(b, e);
    /* the stays come in member order: the first and the last bound the batch's members */
    if (!rc && n) {
        hz_settlement *ends = malloc(sizeof *ends * 2);
        if (!ends) rc = oom(e);
        else if (!(rc = hz_store_settlement_by_id(app->db, ids[0], &ends[0], e)) &&
                 !(rc = hz_store_settlement_by_id(app->db, ids[n - 1], &ends[1], e)))
            rc = preload(b, ends[0].member_id, ends[1].member_id, e);
        free(ends);
    }
    /* member by member */
    size_t pre = 0; /* the next member's first stay, read already */
    for (size_t i = 0; rc == HZ_OK && i < n;) {
        size_t k = pre;
        for (; i + k < n; k++) {
            if ((rc = room(&b->setl, &b->cap_setl, (int)k, sizeof *b->setl, e)) ||
                (rc = hz_store_settlement_by_id(app->db, ids[i + k], &b->setl[k], e)))
                break;
            if (k && b->setl[k].member_id != b->setl[0].member_id) break;
        }
        if (rc) break;
        rc = member_stays(b, b->setl, ids + i, (int)k, b->eng, items, n_items, e);
        i += k;
        if ((pre = i < n)) b->setl[0] = b->setl[k];
    }
    return rc ? rc : flush(b, e);
}

#define PROACTIVE_BATCH 5000 /* claims per transaction */

/* The stays ids[0..n) through the submission use case, one after the other. */
static hz_err one_by_one(hz_app *app, const int64_t *ids, size_t n, hz_proactive_item *items, int *n_items,
                         hz_errinfo *e) {
    hz_err rc = HZ_OK;
    for (size_t i = 0; rc == HZ_OK && i < n; i++) {
        hz_settlement s;
        hz_member m;
        if ((rc = hz_store_settlement_by_id(app->db, ids[i], &s, e)) ||
            (rc = hz_store_member_by_id(app->db, s.member_id, &m, e)))
            break;
        hz_claim_input in;
        memset(&in, 0, sizeof in);
        in.id_number = m.id_number;
        in.setl_ids[0] = s.setl_id;
        in.n_setl = 1;
        in.date = HZ_DATE_NONE;
        in.documents_complete = true;
        in.proactive = true;
        int64_t claim_id;
        if ((rc = hz_claims_submit_tx(app, &in, &claim_id, e))) break;
        hz_claim c;
        if ((rc = hz_store_claim_by_id(app->db, claim_id, &c, e))) break;
        hz_proactive_item *it = &items[(*n_items)++];
        hz_strlcpy(it->claim_no, c.claim_no, sizeof it->claim_no);
        hz_strlcpy(it->id_number, m.id_number, sizeof it->id_number);
        hz_strlcpy(it->setl_id, s.setl_id, sizeof it->setl_id);
        it->total = c.total;
    }
    return rc;
}

hz_err hz_app_claims_proactive(hz_app *app, hz_date since, hz_proactive_fn fn, void *ctx, int64_t *created,
                               hz_errinfo *e) {
    return hz_app_claims_proactive_batch(app, since, 0, false, fn, ctx, created, e);
}

hz_err hz_app_claims_proactive_batch(hz_app *app, hz_date since, int batch, bool per_claim, hz_proactive_fn fn,
                                     void *ctx, int64_t *created, hz_errinfo *e) {
    *created = 0;
    int64_t *ids;
    size_t n;
    hz_err rc = hz_authz_can(app, HZ_A_PROACTIVE, e);
    if (rc) return rc;
    if (batch <= 0) batch = PROACTIVE_BATCH;
    /* one claim per transaction is the reference the bulk writer is
     * compared with (tests/cli/test_feed_bulk.sh); per_claim (the CLI's
     * --per-claim): batches through the submission use case too */
    /* (out of memory for the writer: the use case, which writes the same) */
    bulk *bk = batch > 1 && !per_claim && bulk_usable(app) ? bulk_new(app) : NULL;
    hz_store_bulk_mode(app->db);
    rc = hz_store_settlements_unclaimed(app->db, since, &ids, &n, e);
    if (rc) {
        bulk_free(bk);
        hz_store_bulk_end(app->db);
        return rc;
    }
    hz_proactive_item *items = malloc(sizeof *items * (size_t)batch);
    if (!items && n) rc = hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    for (size_t start = 0; rc == HZ_OK && start < n; start += (size_t)batch) {
        size_t end = start + (size_t)batch < n ? start + (size_t)batch : n, m = end - start;
        int n_items = 0;
        if ((rc = hz_db_begin(app->db, e))) break;
        /* what was listed before this transaction may since have been
         * claimed (a member's own claim, another run), refunded or lost its
         * coverage: such a stay is left out, not the whole batch refused */
        if ((rc = hz_store_settlements_claimable(app->db, ids + start, &m, e))) {
            hz_db_rollback(app->db);
            break;
        }
        rc = bk ? bulk_run(bk, ids + start, m, items, &n_items, e) : one_by_one(app, ids + start, m, items, &n_items, e);
        if (rc) {
            hz_db_rollback(app->db);
            break;
        }
        if ((rc = hz_db_commit(app->db, e))) break;
        *created += n_items;
        if (fn)
            for (int i = 0; i < n_items; i++)
                fn(ctx, &items[i]);
    }
    free(items);
    free(ids);
    bulk_free(bk);
    hz_store_bulk_end(app->db);
    return rc;
}
