/* Users, roles, scopes and sessions (module 11). Passwords are Argon2id
 * (libsodium crypto_pwhash_str); session tokens come from the OS random
 * source and only their BLAKE2b hash is stored. */
#ifndef HZ_APP_USERS_H
#define HZ_APP_USERS_H

#include "app/app.h"
#include "app/lists.h"
#include "store/security.h"
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

/* Checks the password and opens a session. A wrong login, a wrong password,
 * a disabled or a locked account are HZ_EAUTH with one message. Every
 * failure is audited (`session.login_failed`); HZ_LOCK_AFTER_DEFAULT
 * failures in a row (HUZHU_LOCK_AFTER overrides) lock the account
 * (`user.lock`) until an admin unlocks it; a success resets the count. */
hz_err hz_app_login(hz_app *app, const char *login, const char *password, hz_login_result *out, hz_errinfo *e);
/* Resolves a bearer or cookie token; sets app->actor to the user's login. */
#define HZ_LOCK_AFTER_DEFAULT 20
/* The lockout threshold in force (HUZHU_LOCK_AFTER, 1..1000, else 20). */
int hz_login_lock_after(void);

/* Admin: unlocks a locked account and clears its failure count (audited
 * `user.unlock`). Unknown login: HZ_ENOTFOUND. */
hz_err hz_app_user_unlock(hz_app *app, const char *login, hz_errinfo *e);

/* Admin: disables (or enables again) an account; disabling ends its
 * sessions at once. An admin cannot disable their own account. Audited
 * `user.disable` / `user.enable`. Unknown login: HZ_ENOTFOUND. */
hz_err hz_app_user_set_disabled(hz_app *app, const char *login, bool disabled, hz_errinfo *e);
/* Admin: sets a new password (the policy applies), ends the account's
 * sessions and clears a lock. Audited `user.password_reset` (never the
 * password). */
hz_err hz_app_user_reset_password(hz_app *app, const char *login, const char *password, hz_errinfo *e);
/* Admin: every account with role, scope and lock state, by login. */
hz_err hz_app_users_list(hz_app *app, hz_user_row_fn fn, void *ctx, hz_errinfo *e);
/* The accounts as GET /users asks for them (app/lists.h; issue 16): q a
 * part of the login or of the scope's name; status enabled, disabled or
 * locked; unit: accounts of that unit (a liaison or its members); from /
 * to on the day created; sort login (the default, ascending), role,
 * last_login or created_at; role: one role; org: accounts whose org (the
 * scope's, a unit's union, a member's) is that org or under it. One page
 * and the total, or every one as a table with Chinese titles. */
typedef struct {
    hz_list_query list;
    const char *role, *org;
} hz_user_query;
hz_err hz_app_users_page(hz_app *app, const hz_user_query *q, hz_page pg, hz_user_row_fn fn, void *ctx,
                         int64_t *total, hz_errinfo *e);
hz_err hz_app_users_export(hz_app *app, const hz_user_query *q, hz_report *out, hz_errinfo *e);

/* The password policy (issue 12): 8..128 characters, not the login (case
 * ignored), not in the list of common passwords shipped with the program
 * (hz_common_passwords_path; a missing list refuses: HZ_EINTERNAL).
 * Violations: HZ_EINVAL naming the rule. */
hz_err hz_password_policy(const char *login, const char *password, hz_errinfo *e);
/* data/common-passwords.txt of the source tree, or HUZHU_COMMON_PASSWORDS. */
const char *hz_common_passwords_path(void);

hz_err hz_app_authenticate(hz_app *app, const char *token, hz_user *out, char csrf[80], hz_errinfo *e);
hz_err hz_app_logout(hz_app *app, const char *token, hz_errinfo *e);
/* The CLI's `--as LOGIN`: from now on app acts with that user's role and
 * scope (and the audit trail names them), as a session of theirs would. It
 * only narrows what whoever holds the database may already do. An unknown
 * login: HZ_ENOTFOUND; a disabled one: HZ_EAUTH. */
hz_err hz_app_act_as(hz_app *app, const char *login, hz_errinfo *e);

#endif
