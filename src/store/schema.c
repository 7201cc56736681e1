/* Versioned migrations. Each entry runs once, in its own transaction, and
 * is recorded in schema_migration; `huzhu init` is therefore idempotent.
 * Never edit a released migration: append a new one.
 * CHECK constraints are written as OR-chains, not IN-lists: SQLite evaluates
 * an IN-list of three or more values through a temporary b-tree on every
 * insert, which cost bulk imports most of their time. */
#include <stddef.h>
#include <string.h>

#include "store/db.h"
#include "store/store.h"

static const char *const migrations[] = {
    /* 1: the domain model of spec/README.md */
    "CREATE TABLE org ("
    " id ID_PK,"
    " code TEXT NOT NULL UNIQUE,"
    " name TEXT NOT NULL,"
    " parent_id BIGINT REFERENCES org(id),"
    " kind TEXT NOT NULL CHECK (kind = 'federation' OR kind = 'district' OR kind = 'grassroots' OR kind = 'joint'),"
    " region TEXT,"
    " path TEXT NOT NULL,"
    " created_at TEXT NOT NULL) /*STRICT*/;"
    "CREATE INDEX org_path ON org(path);"
    "CREATE TABLE unit ("
    " id ID_PK,"
    " credit_code TEXT NOT NULL UNIQUE,"
    " name TEXT NOT NULL,"
    " org_id BIGINT NOT NULL REFERENCES org(id),"
    " created_at TEXT NOT NULL) /*STRICT*/;"
    "CREATE INDEX unit_org ON unit(org_id);"
    "CREATE TABLE member ("
    " id ID_PK,"
    " id_number TEXT NOT NULL UNIQUE,"
    " name TEXT NOT NULL,"
    " sex TEXT NOT NULL CHECK (sex = 'M' OR sex = 'F'),"
    " birth_date TEXT NOT NULL,"
    " phone TEXT,"
    " unit_id BIGINT REFERENCES unit(id),"
    " org_id BIGINT REFERENCES org(id),"
    " bank_card TEXT,"
    " bank_name TEXT,"
    " created_at TEXT NOT NULL,"
    " updated_at TEXT NOT NULL) /*STRICT*/;"
    "CREATE INDEX member_unit ON member(unit_id);"
    "CREATE INDEX member_org ON member(org_id);"
    "CREATE INDEX member_name ON member(name);"
    "CREATE TABLE member_flag ("
    " id ID_PK,"
    " member_id BIGINT NOT NULL REFERENCES member(id),"
    " kind TEXT NOT NULL CHECK (kind = 'model' OR kind = 'hardship' OR kind = 'newform'),"
    " level TEXT NOT NULL,"
    " valid_from TEXT NOT NULL,"
    " valid_to TEXT NOT NULL,"
    " UNIQUE (member_id, kind, valid_from)) /*STRICT*/;"
    "CREATE TABLE plan ("
    " id ID_PK,"
    " code TEXT NOT NULL,"
    " version BIGINT NOT NULL,"
    " name TEXT NOT NULL,"
    " params TEXT NOT NULL,"
    " digest TEXT NOT NULL,"
    " created_at TEXT NOT NULL,"
    " UNIQUE (code, version)) /*STRICT*/;"
    "CREATE TABLE coverage ("
    " id ID_PK,"
    " member_id BIGINT NOT NULL REFERENCES member(id),"
    " plan_id BIGINT NOT NULL REFERENCES plan(id),"
    " plan_code TEXT NOT NULL,"
    " shares BIGINT NOT NULL CHECK (shares >= 1),"
    " start_date TEXT NOT NULL,"
    " end_date TEXT NOT NULL,"
    " months BIGINT NOT NULL,"
    " payer_kind TEXT NOT NULL CHECK (payer_kind = 'unit' OR payer_kind = 'self' OR payer_kind = 'org'),"
    " payer_ref TEXT,"
    " premium BIGINT NOT NULL CHECK (premium >= 0),"
    " continuous BIGINT NOT NULL DEFAULT 0,"
    " status TEXT NOT NULL DEFAULT 'active' CHECK (status = 'active' OR status = 'cancelled'),"
    " created_at TEXT NOT NULL,"
    " UNIQUE (member_id, plan_code, start_date)) /*STRICT*/;"
    "CREATE TABLE contribution ("
    " id ID_PK,"
    " coverage_id BIGINT NOT NULL REFERENCES coverage(id),"
    " payer_kind TEXT NOT NULL,"
    " payer_ref TEXT,"
    " amount BIGINT NOT NULL,"
    " paid_on TEXT NOT NULL,"
    " created_at TEXT NOT NULL) /*STRICT*/;"
    "CREATE INDEX contribution_coverage ON contribution(coverage_id);"
    "CREATE TABLE ledger ("
    " coverage_id BIGINT NOT NULL REFERENCES coverage(id),"
    " period BIGINT NOT NULL,"
    " component TEXT NOT NULL,"
    " stays BIGINT NOT NULL DEFAULT 0,"
    " paid BIGINT NOT NULL DEFAULT 0 CHECK (paid >= 0),"
    " lump_pct BIGINT NOT NULL DEFAULT 0 CHECK (lump_pct BETWEEN 0 AND 100),"
    " PRIMARY KEY (coverage_id, period, component)) /*STRICT*/;"
    "CREATE TABLE settlement ("
    " id ID_PK,"
    " setl_id TEXT NOT NULL UNIQUE,"
    " certno TEXT NOT NULL,"
    " member_id BIGINT REFERENCES member(id),"
    " psn_name TEXT,"
    " gend TEXT,"
    " fixmedins_code TEXT,"
    " fixmedins_name TEXT,"
    " hosp_lv TEXT,"
    " med_type TEXT NOT NULL,"
    " adm_date TEXT NOT NULL,"
    " dscg_date TEXT,"
    " main_diag_code TEXT,"
    " diag_codes TEXT,"
    " medfee_sumamt BIGINT NOT NULL,"
    " fund_pay_sumamt BIGINT NOT NULL,"
    " psn_selfpay BIGINT NOT NULL,"
    " psn_ownpay BIGINT NOT NULL,"
    " refunded BIGINT NOT NULL DEFAULT 0,"
    " setl_time TEXT,"
    " imported_at TEXT NOT NULL) /*STRICT*/;"
    "CREATE INDEX settlement_certno ON settlement(certno);"
    "CREATE INDEX settlement_member ON settlement(member_id);"
    "CREATE TABLE claim ("
    " id ID_PK,"
    " claim_no TEXT NOT NULL UNIQUE,"
    " member_id BIGINT NOT NULL REFERENCES member(id),"
    " status TEXT NOT NULL CHECK (status = 'received' OR status = 'adjudicated' OR status = 'approved' OR status = 'rejected' OR status = 'paid'),"
    " accident BIGINT NOT NULL DEFAULT 0,"
    " death BIGINT NOT NULL DEFAULT 0,"
    " disability_grade BIGINT,"
    " diagnosis TEXT,"
    " event_date TEXT,"
    " total BIGINT NOT NULL DEFAULT 0,"
    " proactive BIGINT NOT NULL DEFAULT 0,"
    " review_required BIGINT NOT NULL DEFAULT 0,"
    " review_note TEXT,"
    " reject_reason TEXT,"
    " resubmit_of BIGINT REFERENCES claim(id),"
    " bank_failure TEXT,"
    " documents TEXT,"
    " submitted_at TEXT NOT NULL,"
    " documents_complete_at TEXT,"
    " decided_at TEXT,"
    " decided_by TEXT,"
    " paid_at TEXT) /*STRICT*/;"
    "CREATE INDEX claim_member ON claim(member_id);"
    "CREATE INDEX claim_status ON claim(status);"
    "CREATE TABLE claim_settlement ("
    " claim_id BIGINT NOT NULL REFERENCES claim(id),"
    " settlement_id BIGINT NOT NULL REFERENCES settlement(id),"
    " active BIGINT NOT NULL DEFAULT 1,"
    " PRIMARY KEY (claim_id, settlement_id)) /*STRICT*/;"
    "CREATE UNIQUE INDEX claim_settlement_once ON claim_settlement(settlement_id) WHERE active = 1;"
    "CREATE TABLE claim_line ("
    " id ID_PK,"
    " claim_id BIGINT NOT NULL REFERENCES claim(id),"
    " seq BIGINT NOT NULL,"
    " coverage_id BIGINT REFERENCES coverage(id),"
    " plan_code TEXT NOT NULL,"
    " settlement_id BIGINT REFERENCES settlement(id),"
    " component TEXT NOT NULL,"
    " period BIGINT NOT NULL DEFAULT 0,"
    " amount BIGINT NOT NULL CHECK (amount >= 0),"
    " lump_pct BIGINT NOT NULL DEFAULT 0,"
    " counted_stay BIGINT NOT NULL DEFAULT 0,"
    " reason TEXT NOT NULL,"
    " explain TEXT NOT NULL,"
    " reversed BIGINT NOT NULL DEFAULT 0,"
    " UNIQUE (claim_id, seq)) /*STRICT*/;"
    "CREATE INDEX claim_line_coverage ON claim_line(coverage_id);"
    "CREATE TABLE payment_batch ("
    " id ID_PK,"
    " batch_no TEXT NOT NULL UNIQUE,"
    " count BIGINT NOT NULL,"
    " total BIGINT NOT NULL,"
    " created_at TEXT NOT NULL,"
    " created_by TEXT) /*STRICT*/;"
    "CREATE TABLE payment ("
    " id ID_PK,"
    " claim_id BIGINT NOT NULL REFERENCES claim(id),"
    " batch_id BIGINT NOT NULL REFERENCES payment_batch(id),"
    " amount BIGINT NOT NULL CHECK (amount > 0),"
    " payee_name TEXT NOT NULL,"
    " bank_card TEXT NOT NULL,"
    " bank_name TEXT,"
    " status TEXT NOT NULL CHECK (status = 'pending' OR status = 'paid' OR status = 'failed'),"
    " bank_ref TEXT,"
    " failure_reason TEXT,"
    " created_at TEXT NOT NULL,"
    " settled_at TEXT) /*STRICT*/;"
    "CREATE UNIQUE INDEX payment_once ON payment(claim_id) WHERE status <> 'failed';"
    "CREATE TABLE app_user ("
    " id ID_PK,"
    " login TEXT NOT NULL UNIQUE,"
    " pw_hash TEXT NOT NULL,"
    " role TEXT NOT NULL CHECK (role = 'admin' OR role = 'staff' OR role = 'reviewer' OR role = 'finance' OR role = 'cadre' OR role = 'unit' OR role = 'member'),"
    " scope_kind TEXT,"
    " scope_ref TEXT,"
    " disabled BIGINT NOT NULL DEFAULT 0,"
    " created_at TEXT NOT NULL) /*STRICT*/;"
    "CREATE TABLE session ("
    " id ID_PK,"
    " token_hash TEXT NOT NULL UNIQUE,"
    " user_id BIGINT NOT NULL REFERENCES app_user(id),"
    " csrf TEXT NOT NULL,"
    " created_at TEXT NOT NULL,"
    " expires_at TEXT NOT NULL) /*STRICT*/;"
    "CREATE TABLE audit_event ("
    " id ID_PK,"
    " at TEXT NOT NULL,"
    " actor TEXT NOT NULL,"
    " action TEXT NOT NULL,"
    " object TEXT NOT NULL,"
    " detail TEXT NOT NULL,"
    " prev_hash TEXT NOT NULL,"
    " hash TEXT NOT NULL) /*STRICT*/;",
    /* 2: indexes no query can use (a LIKE with a bound pattern, a COALESCE of
     * two columns) only slowed bulk imports */
    "DROP INDEX IF EXISTS member_name;"
    "DROP INDEX IF EXISTS member_org;",
    /* 3: modules after the core keep their own migration history */
    "CREATE TABLE module_migration ("
    " module TEXT NOT NULL,"
    " version BIGINT NOT NULL,"
    " applied_at TEXT NOT NULL,"
    " PRIMARY KEY (module, version)) /*STRICT*/;",
    /* 4: setl_id is kept in upper case (issue 14: "ab12" and "AB12" were two
     * settlements of one stay); an id whose upper case another row holds is
     * left as it is (a pair for the office to look at, not a failed start) */
    "UPDATE settlement SET setl_id = UPPER(setl_id) WHERE setl_id <> UPPER(setl_id)"
    " AND (SELECT COUNT(*) FROM settlement s2 WHERE UPPER(s2.setl_id) = UPPER(settlement.setl_id)) = 1;",
    /* 5: a plan version's coverages (issue 19: the plan's versions page
     * counted them by reading every coverage once per version); a bulk
     * import appends to it, its rows arriving in id order */
    "CREATE INDEX coverage_plan ON coverage(plan_id);",
};

#define N_CORE (int)(sizeof migrations / sizeof migrations[0])

/* The core module: the founding schema (registry, enrollment, claims,
 * payments, users and audit share migrations 1-2, which predate modules). */
const hz_store_module hz_store_module_core = {.name = "core", .migrations = migrations, .n_migrations = N_CORE};

#define HZ_MODULE(name) extern const hz_store_module hz_store_module_##name;
#include "modules.def"
#undef HZ_MODULE

const hz_store_module *const hz_store_modules[] = {
#define HZ_MODULE(name) &hz_store_module_##name,
#include "modules.def"
#undef HZ_MODULE
    NULL,
};

int hz_store_schema_version(void) { return N_CORE; }

static const char q_core_version[] = "SELECT COALESCE(MAX(version), 0) FROM schema_migration";
static const char q_core_record[] = "INSERT INTO schema_migration (version, applied_at) VALUES (?, ?)";
static const char q_mod_version[] = "SELECT COALESCE(MAX(version), 0) FROM module_migration WHERE module = ?";
static const char q_mod_record[] = "INSERT INTO module_migration (module, version, applied_at) VALUES (?, ?, ?)";

/* Applies one module's pending migrations, one transaction each. */
hz_err hz_store_migrate_module(hz_db *db, const hz_store_module *m, const char *now, int *applied, hz_errinfo *e) {
    bool core = m == &hz_store_module_core;
    for (;;) {
        hz_err rc;
        if ((rc = hz_db_begin(db, e))) return rc;
        hz_stmt *st;
        bool row;
        if ((rc = hz_db_stmt(db, core ? q_core_version : q_mod_version, &st, e))) goto fail;
        if (!core) hz_stmt_text(st, 1, m->name);
        if ((rc = hz_stmt_step(st, &row, e))) goto fail;
        int have = row ? (int)hz_stmt_col_int(st, 0) : 0;
        hz_stmt_reset(st);
        if (have > m->n_migrations) {
            rc = hz_fail(e, HZ_EDB, "模块 %s 的数据库版本 %d 比程序新 (database schema of module %s, %d, is newer than this "
                         "huzhu, %d)", m->name, have, m->name, have, m->n_migrations);
            goto fail;
        }
        if (have == m->n_migrations) {
            hz_db_rollback(db);
            return HZ_OK;
        }
        if ((rc = hz_db_exec(db, m->migrations[have], e))) goto fail;
        if ((rc = hz_db_stmt(db, core ? q_core_record : q_mod_record, &st, e))) goto fail;
        int i = 1;
        if (!core) hz_stmt_text(st, i++, m->name);
        hz_stmt_int(st, i++, have + 1);
        hz_stmt_text(st, i, now);
        if ((rc = hz_stmt_run(st, e))) goto fail;
        if ((rc = hz_db_commit(db, e))) return rc;
        (*applied)++;
        continue;
    fail:
        hz_db_rollback(db);
        return rc;
    }
}

hz_err hz_store_migrate(hz_db *db, const char *now, int *applied, hz_errinfo *e) {
    hz_err rc = hz_db_exec(db,
                           "CREATE TABLE IF NOT EXISTS schema_migration ("
                           " version BIGINT PRIMARY KEY, applied_at TEXT NOT NULL) /*STRICT*/",
                           e);
    if (rc) return rc;
    *applied = 0;
    for (const hz_store_module *const *m = hz_store_modules; *m; m++)
        if ((rc = hz_store_migrate_module(db, *m, now, applied, e))) return rc;
    return HZ_OK;
}

void hz_store_bulk_mode(hz_db *db) { hz_db_tune(db, HZ_TUNE_BULK); }

void hz_store_bulk_end(hz_db *db) { hz_db_tune(db, HZ_TUNE_SHARED); }

void hz_store_import_solo(hz_db *db, bool on) { hz_db_tune(db, on ? HZ_TUNE_SOLO : HZ_TUNE_UNSOLO); }

void hz_store_import_appends(hz_db *db) { hz_db_tune(db, HZ_TUNE_APPENDS); }
