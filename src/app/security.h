/* The security module (issue 12): bank-card changes under control and the
 * office settings that govern them. Login limits and lockout live with the
 * users (app/users.h), the keyed audit chain with the audit (app/audit.h). */
#ifndef HZ_APP_SECURITY_H
#define HZ_APP_SECURITY_H

#include "app/app.h"
#include "core/model.h"
#include "store/security.h"

/* The hold a bank-card change puts on a member's payables until staff
 * confirm the new card (payable.hold_reason; a held payable is never
 * batched). */
#define HZ_HOLD_CARD_CHANGED "银行卡变更待确认 (bank card changed, awaiting confirmation)"

/* Office settings (`huzhu setting KEY [VALUE]`), known keys only. */
#define HZ_SETTING_CARD_TWO_PERSON "card_two_person" /* "on": the confirmer must not be the changer */

/* Records a change of member m's bank card from `old_*` to m->bank_card /
 * m->bank_name, made through `via` (roster, api, cli, console), inside the
 * caller's transaction: a card_change row, every unpaid payable of the
 * member held (HZ_HOLD_CARD_CHANGED) and an audit event
 * `member.card_change` with the old and the new card in full (the audit is
 * the office's; views mask them). Does nothing when the card number did
 * not change (a bank name alone is no new account). */
hz_err hz_card_change_record(hz_app *app, const hz_member *m, const char *old_card, const char *old_bank,
                             const char *via, hz_errinfo *e);

/* True when the member has a card change waiting for confirmation (a new
 * payable of theirs is opened held). */
hz_err hz_card_change_pending(hz_app *app, int64_t member_id, bool *pending, hz_errinfo *e);

/* The member's card change waiting for confirmation and the payables it
 * holds (those still owing money), for the member's page: cards masked for
 * roles that do not see identities. Nothing waiting: out->pending false.
 * The caller has checked the member's scope. */
hz_err hz_card_pending_load(hz_app *app, const hz_member *m, hz_card_pending *out, hz_errinfo *e);

typedef struct {
    char id_number[19];
    char old_card[24], new_card[24]; /* masked for roles that do not see identities */
    char changed_by[64], changed_at[24], confirmed_by[64];
    int64_t released; /* payables whose hold was lifted */
} hz_card_confirm_report;

/* `huzhu member confirm-card ID_NUMBER`: staff (admin, staff) confirm the
 * member's new bank card; every payable held for the change is released
 * and the event audited (`member.card_confirm`). With the office setting
 * card_two_person on, the confirmer must not be the login that made the
 * change (HZ_EFORBIDDEN). No change waiting: HZ_ECONFLICT. A member out of
 * scope or missing: HZ_ENOTFOUND. One transaction. */
hz_err hz_app_member_confirm_card(hz_app *app, const char *id_number, hz_card_confirm_report *out, hz_errinfo *e);

/* The MAC of a payment row (out: 65 bytes): id, payable, batch, amount,
 * payee, card and bank under the audit key, so a card or amount changed in
 * the database is named by `huzhu check` (payment.mac). */
hz_err hz_payment_mac(const hz_app *app, int64_t id, int64_t payable_id, int64_t batch_id, int64_t amount,
                      const char *payee, const char *card, const char *bank, char out[65], hz_errinfo *e);
/* Computes and stores the MAC of a payment just written (inside the
 * batch's transaction). */
hz_err hz_payment_mac_store(hz_app *app, int64_t id, int64_t payable_id, int64_t batch_id, int64_t amount,
                            const char *payee, const char *card, const char *bank, hz_errinfo *e);

/* Sets an office setting (admin only; audited). Unknown key or value:
 * HZ_EINVAL. */
hz_err hz_app_setting_set(hz_app *app, const char *key, const char *value, hz_errinfo *e);
/* Reads one ("" when unset; buf of cap bytes). Admin only. */
hz_err hz_app_setting_get(hz_app *app, const char *key, char *buf, size_t cap, hz_errinfo *e);

#endif
