/* Users, roles, scopes and sessions (module 11). Passwords are Argon2id
 * (libsodium crypto_pwhash_str); session tokens come from the OS random
 * source and only their BLAKE2b hash is stored. */
#ifndef HZ_APP_USERS_H
#define HZ_APP_USERS_H

#include "app/app.h"
#include "store/users.h"

#define HZ_SESSION_HOURS 8
#define HZ_TOKEN_BUF 65 /* 32 random bytes, hex */

/* Roles: admin staff reviewer finance cadre unit member. Scope text
 * "org:C", "unit:CREDIT_CODE" or "member:ID_NUMBER"; cadre needs org, unit
 * needs unit, member needs member. */
hz_err hz_app_user_add(hz_app *app, const char *login, const char *role, const char *scope, const char *password,
                       hz_errinfo *e);

typedef struct {
    char token[HZ_TOKEN_BUF];
    char csrf[HZ_TOKEN_BUF];
    char expires[HZ_TS_BUF];
    hz_user user;
} hz_login_result;

/* Checks the password and opens a session. A wrong login or password is
 * HZ_EAUTH with the same message either way. */
hz_err hz_app_login(hz_app *app, const char *login, const char *password, hz_login_result *out, hz_errinfo *e);
/* Resolves a bearer or cookie token; sets app->actor to the user's login. */
hz_err hz_app_authenticate(hz_app *app, const char *token, hz_user *out, char csrf[80], hz_errinfo *e);
hz_err hz_app_logout(hz_app *app, const char *token, hz_errinfo *e);
/* The CLI's `--as LOGIN`: from now on app acts with that user's role and
 * scope (and the audit trail names them), as a session of theirs would. It
 * only narrows what whoever holds the database may already do. An unknown
 * login: HZ_ENOTFOUND; a disabled one: HZ_EAUTH. */
hz_err hz_app_act_as(hz_app *app, const char *login, hz_errinfo *e);

#endif
