/* `huzhu backup` (quality.md R9): an online, consistent copy of the database
 * while it serves, with the audit key it needs, checked at once. */
#ifndef HZ_APP_BACKUP_H
#define HZ_APP_BACKUP_H

#include "app/app.h"
#include "app/check.h"

typedef struct {
    int64_t bytes;         /* size of the copy */
    char key_path[4096];   /* where the copy's audit key is ("" when the office has none) */
    hz_check_report check; /* `huzhu check` run on the copy */
} hz_backup_report;

/* Copies the database to the new SQLite file path (store/db.h
 * hz_db_backup), writes the audit key where `--db sqlite:PATH` will look for
 * it (hz_audit_key_path; kept when it is already there), then opens the copy
 * and runs `huzhu check` on it into out->check. Admin only. An existing
 * path: HZ_ECONFLICT; PostgreSQL: HZ_EINVAL naming pg_dump. A copy that
 * fails its check is kept and reported (out->check.ok false), not hidden. */
hz_err hz_app_backup(hz_app *app, const char *path, hz_backup_report *out, hz_errinfo *e);

#endif
