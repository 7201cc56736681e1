/* The persistence use cases need: one function per query, all SQL inside
 * src/store/. Functions never begin or commit on their own unless they say
 * so; the app layer owns transactions. */
#ifndef HZ_STORE_H
#define HZ_STORE_H

#include "store/db.h"

/* Number of migrations this build knows. */
int hz_store_schema_version(void);

/* Creates or upgrades the schema; each migration in its own transaction.
 * `now` is the UTC timestamp recorded; *applied counts what ran. */
hz_err hz_store_migrate(hz_db *db, const char *now, int *applied, hz_errinfo *e);

/* Bulk work (imports) on this connection: a larger page cache. */
void hz_store_bulk_mode(hz_db *db);

#endif
