/* Store functions for users and sessions. */
#ifndef HZ_STORE_USERS_H
#define HZ_STORE_USERS_H

#include "store/db.h"

typedef struct {
    int64_t id;
    char login[64];
    char pw_hash[160];
    char role[12];
    char scope_kind[8]; /* "", org, unit, member */
    char scope_ref[32];
    bool disabled;
} hz_user;

hz_err hz_store_user_insert(hz_db *db, hz_user *u, const char *now, hz_errinfo *e);
hz_err hz_store_user_by_login(hz_db *db, const char *login, hz_user *out, hz_errinfo *e);
hz_err hz_store_user_set_password(hz_db *db, int64_t id, const char *pw_hash, hz_errinfo *e);
hz_err hz_store_user_set_disabled(hz_db *db, int64_t id, bool disabled, hz_errinfo *e);
/* Ends every session of the user (a disabled account, a password reset). */
hz_err hz_store_user_sessions_delete(hz_db *db, int64_t user_id, hz_errinfo *e);
hz_err hz_store_session_insert(hz_db *db, const char *token_hash, int64_t user_id, const char *csrf, const char *now,
                               const char *expires, hz_errinfo *e);
/* The user of a live session (expires_at > now): HZ_ENOTFOUND otherwise;
 * expires (32 bytes) gets the session's expires_at. */
hz_err hz_store_session_user(hz_db *db, const char *token_hash, const char *now, hz_user *out, char csrf[80],
                             char expires[32], hz_errinfo *e);
hz_err hz_store_session_delete(hz_db *db, const char *token_hash, hz_errinfo *e);

#endif
