/* Where the audit chain's key lives and how it is read or made (docs/
 * security.md). Kept apart from app/audit.h so the application context
 * (app/app.c) can load the key without the two including each other. */
#ifndef HZ_APP_AUDIT_KEY_H
#define HZ_APP_AUDIT_KEY_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

/* Where the key lives: HUZHU_AUDIT_KEY (a path) when set; for
 * `sqlite:PATH` the file PATH.audit-key next to the database; otherwise
 * $HOME/.config/huzhu/audit-<16 hex digits of BLAKE2b-64 of the URL>.key.
 * This function can't fail (buf of cap bytes). */
void hz_audit_key_path(const char *db_url, char *buf, size_t cap);

/* Writes key to a new file at path (64 hex digits, mode 0600, under a
 * temporary name linked into place; an existing file is kept as it is).
 * Errors: HZ_EDB naming the path. */
hz_err hz_audit_key_write(const char *path, const unsigned char key[32], hz_errinfo *e);

/* Reads the 32-byte key from path (64 hex digits) into key and sets *have;
 * with `create`, first makes a new random key file (mode 0600, written
 * under a temporary name and linked into place, so racing inits keep the
 * first) when there is none. A missing file without `create` is no error:
 * *have stays false. A malformed or unreadable file: HZ_EDB. */
hz_err hz_audit_key_read(const char *path, bool create, unsigned char key[32], bool *have, hz_errinfo *e);

#endif
