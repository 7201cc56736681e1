/* The persistence use cases need: one function per query, all SQL inside
 * src/store/. Functions never begin or commit on their own unless they say
 * so; the app layer owns transactions. */
#ifndef HZ_STORE_H
#define HZ_STORE_H

#include "store/db.h"

/* A module's part in the store: its migrations (portable DDL, see db.h), in
 * order; never edit a released one, append. The core module's history is
 * recorded in schema_migration(version), every other module's in
 * module_migration(module, version) (created by core migration 3). */
typedef struct {
    const char *name; /* what agrees with what, e.g. "lm=payable" */
    const char *sql;  /* at most one row: (object, got, want), see check.h */
} hz_store_check;

typedef struct {
    const char *name;
    const char *const *migrations;
    int n_migrations;
    /* The module's consistency queries for `huzhu check`, run after the
     * founding ones in list order; n_checks of them. */
    const hz_store_check *checks;
    int n_checks;
    /* A scalar SQL expression: the money (fen) the module's own records say
     * came into the bank (donations), joined into the check that the
     * bank's receipts are accounted for; NULL for none. */
    const char *bank_inflow;
} hz_store_module;

#define HZ_COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* Every module's store part, in the order of src/modules.def; NULL-ended. */
extern const hz_store_module *const hz_store_modules[];

/* Number of migrations of the core module this build knows. */
int hz_store_schema_version(void);

/* Creates or upgrades the schema: every module's pending migrations in
 * module-list order, each in its own transaction. `now` is the UTC
 * timestamp recorded; *applied counts what ran. A database holding a newer
 * migration of a module than this build knows fails with HZ_EDB. */
hz_err hz_store_migrate(hz_db *db, const char *now, int *applied, hz_errinfo *e);

/* Applies one module's pending migrations (hz_store_migrate runs it for
 * every module; exposed for tests). Same errors as hz_store_migrate. */
hz_err hz_store_migrate_module(hz_db *db, const hz_store_module *m, const char *now, int *applied, hz_errinfo *e);

/* Bulk work (imports, 免申即享) on this connection: a larger page cache
 * (512 MiB) and fewer WAL checkpoints. hz_store_bulk_end puts the
 * connection back (8 MiB, the default checkpoint): a server's worker
 * connection must not keep a bulk cache after one import. */
void hz_store_bulk_mode(hz_db *db);
void hz_store_bulk_end(hz_db *db);
/* An import with the database to itself (the CLI's): on = a rollback
 * journal instead of the WAL when no other connection has the database open
 * (new pages are written once, not to the WAL and again at the checkpoint)
 * and no per-row foreign-key lookups (the import resolves every id it
 * writes before writing). off = back to the WAL and foreign keys. Outside a
 * transaction; SQLite only (a no-op elsewhere). docs/decisions.md. */
void hz_store_import_solo(hz_db *db, bool on);
/* The import from here on mostly appends (few rows already stored): the
 * connection's usual page cache instead of the bulk one. An appending load
 * touches only the right edge of each b-tree; a large cache only costs
 * page faults (a quarter of the roster import's CPU at 100k rows). */
void hz_store_import_appends(hz_db *db);

#endif
