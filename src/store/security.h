/* Store functions of the security module (issue 12): bank-card changes
 * waiting for confirmation, office settings, login failures and lockout.
 * None opens a transaction. */
#ifndef HZ_STORE_SECURITY_H
#define HZ_STORE_SECURITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/db.h"
#include "store/lists.h"

typedef struct {
    int64_t id, member_id;
    char old_card[24], old_bank[96], new_card[24], new_bank[96];
    char via[16];         /* roster, api, cli, console */
    char changed_by[64], changed_at[24];
    char confirmed_by[64], confirmed_at[24]; /* "" while unconfirmed */
} hz_card_change;

/* Records a change (confirmed_* empty); sets c->id. */
hz_err hz_store_card_change_insert(hz_db *db, hz_card_change *c, hz_errinfo *e);
/* The newest unconfirmed change of a member; HZ_ENOTFOUND when none. */
hz_err hz_store_card_change_pending(hz_db *db, int64_t member_id, hz_card_change *out, hz_errinfo *e);
/* Marks every unconfirmed change of a member confirmed by `by` at `at`. */
hz_err hz_store_card_change_confirm(hz_db *db, int64_t member_id, const char *by, const char *at, hz_errinfo *e);
/* Lifts the hold `reason` from every payable of a member; *n counts them. */
hz_err hz_store_payables_release_member(hz_db *db, int64_t member_id, const char *reason, int64_t *n, hz_errinfo *e);

/* An office setting; "" when unset (buf of cap bytes). */
hz_err hz_store_setting_get(hz_db *db, const char *key, char *buf, size_t cap, hz_errinfo *e);
hz_err hz_store_setting_put(hz_db *db, const char *key, const char *value, const char *now, hz_errinfo *e);

/* Login failures of an account in a row (a success sets them to 0) and its
 * lock: *failed gets the count after this failure. */
hz_err hz_store_user_login_failed(hz_db *db, int64_t user_id, int64_t *failed, hz_errinfo *e);
hz_err hz_store_user_login_ok(hz_db *db, int64_t user_id, const char *now, hz_errinfo *e);
/* locked_at = at ("" unlocks and clears the failures). */
hz_err hz_store_user_lock(hz_db *db, int64_t user_id, const char *at, hz_errinfo *e);
/* "" when the account is not locked (buf: 24 bytes). */
hz_err hz_store_user_locked_at(hz_db *db, int64_t user_id, char *buf, hz_errinfo *e);

/* An account with its lock state, for the admin's list; the strings are
 * valid during the callback. scope_name: the unit's, org's or member's
 * name ("" for the office). */
typedef struct {
    const char *login, *role, *scope_kind, *scope_ref, *scope_name, *locked_at, *created_at; /* locked_at "" */
    const char *last_login_at;                                                               /* "" never */
    int64_t failed_logins;
    bool disabled;
} hz_user_row;
typedef hz_err (*hz_user_row_fn)(void *ctx, const hz_user_row *u, hz_errinfo *e);
/* The users list's sort keys; ID (the default) is by login as well. */
typedef enum { HZ_USER_SORT_ID, HZ_USER_SORT_LOGIN, HZ_USER_SORT_ROLE, HZ_USER_SORT_LAST_LOGIN, HZ_USER_SORT_CREATED, HZ_USER_SORTS } hz_user_sort;
/* One page (limit < 0: every row) of the accounts matching f (store/lists.h:
 * name the scope's name, id_number a member account's, no the login;
 * status enabled, disabled or locked; unit_id the scope's unit; from / to
 * on created_at; text the role; num an org id, the account's org under it),
 * the number of them all in *total. */
hz_err hz_store_users_page(hz_db *db, const hz_list_scope *sc, const hz_rec_filter *f, int64_t offset, int64_t limit,
                           hz_user_row_fn fn, void *ctx, int64_t *total, hz_errinfo *e);

/* Payment rows and their MACs (app/audit.h hz_audit_row_mac), for `huzhu
 * check`; the strings are valid during the callback. */
typedef struct {
    int64_t id, payable_id, batch_id, amount;
    const char *payee_name, *bank_card, *bank_name, *mac; /* mac "" when none */
} hz_payment_mac_row;
typedef hz_err (*hz_payment_mac_fn)(void *ctx, const hz_payment_mac_row *r, hz_errinfo *e);
hz_err hz_store_payment_set_mac(hz_db *db, int64_t id, const char *mac, hz_errinfo *e);
hz_err hz_store_payments_mac_walk(hz_db *db, hz_payment_mac_fn fn, void *ctx, hz_errinfo *e);

/* Every coverage's plan version, shares, months and premium (fen), for the
 * premium check of `huzhu check`; fn stops the walk by returning non-OK. */
typedef hz_err (*hz_coverage_premium_fn)(void *ctx, int64_t id, int64_t plan_id, int shares, int months,
                                         int64_t premium, hz_errinfo *e);
hz_err hz_store_coverages_premium_walk(hz_db *db, hz_coverage_premium_fn fn, void *ctx, hz_errinfo *e);

#endif
