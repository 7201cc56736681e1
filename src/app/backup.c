/* `huzhu backup` (app/backup.h). */
#include "app/backup.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "app/audit.h"
#include "app/audit_key.h"
#include "app/authz.h"
#include "core/text.h"

hz_err hz_app_backup(hz_app *app, const char *path, hz_backup_report *out, hz_errinfo *e) {
    memset(out, 0, sizeof *out);
    hz_err rc = hz_authz_can(app, HZ_A_AUDIT, e);
    if (rc || (rc = hz_db_backup(app->db, path, e))) return rc;
    struct stat st;
    if (stat(path, &st) == 0) out->bytes = (int64_t)st.st_size;
    char url[4200];
    snprintf(url, sizeof url, "sqlite:%s", path);
    if (app->has_audit_key) {
        hz_audit_key_path(url, out->key_path, sizeof out->key_path);
        if ((rc = hz_audit_key_write(out->key_path, app->audit_key, e))) return rc;
    }
    hz_app copy;
    if ((rc = hz_app_open(&copy, url, e))) return rc;
    copy.who = app->who;
    hz_strlcpy(copy.actor, app->actor, sizeof copy.actor);
    rc = hz_app_check(&copy, &out->check, e);
    hz_app_close(&copy);
    if (rc) return rc;
    char detail[4400];
    snprintf(detail, sizeof detail, "{\"bytes\":%lld,\"check\":%s}", (long long)out->bytes,
             out->check.ok ? "true" : "false");
    if ((rc = hz_db_begin(app->db, e))) return rc;
    if ((rc = hz_audit(app, "backup", "database", detail, e)) || (rc = hz_db_commit(app->db, e))) {
        hz_db_rollback(app->db);
        return rc;
    }
    return HZ_OK;
}
