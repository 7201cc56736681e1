/* `huzhu init` (app/app.h hz_app_init): the audit key, the schema, the
 * chain's keyed marker, the plan catalogue. Its own file because it needs
 * the audit (app/audit.h), which itself builds on the application context. */
#include "app/app.h"

#include "app/audit.h"
#include "io/catalogue.h"
#include "store/store.h"

hz_err hz_app_init(hz_app *app, int *migrations, hz_errinfo *e) {
    hz_err rc = hz_audit_key_load(app, true, e);
    if (rc || (rc = hz_store_migrate(app->db, app->now, migrations, e)) || (rc = hz_audit_mark_keyed(app, e))) return rc;
    int versions = 0;
    return hz_app_load_catalogue(app, app->catalogue_dir ? app->catalogue_dir : hz_catalogue_default_dir(), &versions, e);
}

