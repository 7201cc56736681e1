/* The notices outbox (notices module): one row per message to a member,
 * written in the transaction of the event that causes it, unique by its
 * event key; the delivery state a sender moves through; and the members'
 * opt-outs. None of these functions opens a transaction unless it says so. */
#ifndef HZ_STORE_NOTICES_H
#define HZ_STORE_NOTICES_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "core/notices.h"
#include "store/db.h"
#include "store/lists.h"

/* hz_notice is in core/notices.h (views read it too). */

/* n->notice_no from n->id (what hz_store_notice_add gives). */
void hz_store_notice_number(hz_notice *n);
/* Writes a new notice unless one with the same event key exists: *created
 * false then (the same event never makes two notices). Sets n->id and
 * n->notice_no when created. */
hz_err hz_store_notice_add(hz_db *db, hz_notice *n, bool *created, hz_errinfo *e);

/* Claims the oldest deliverable notice for a sender: pending and due
 * (next_at <= now), or sending with its lease expired. It becomes sending,
 * leased until now + lease_ms, attempts + 1. *found false when none. The
 * caller runs it in its own short transaction. */
hz_err hz_store_notice_claim(hz_db *db, int64_t now_ms, int64_t lease_ms, hz_notice *out, bool *found,
                             hz_errinfo *e);
/* The outcome of the attempt numbered attempts (the claim's token: a stale
 * worker whose lease was taken over changes nothing). status: sent,
 * pending (a retry at next_at_ms), failed, skipped. *changed false when
 * the token no longer matches. */
hz_err hz_store_notice_outcome(hz_db *db, int64_t id, int attempts, const char *status, const char *channel,
                               int64_t next_at_ms, const char *error, const char *now, bool *changed,
                               hz_errinfo *e);
/* A failed notice back to pending (attempts from zero), due at once.
 * HZ_ENOTFOUND: no such notice; HZ_ECONFLICT: not failed. */
hz_err hz_store_notice_retry(hz_db *db, const char *notice_no, int64_t now_ms, hz_errinfo *e);
hz_err hz_store_notice_by_no(hz_db *db, const char *notice_no, hz_notice *out, hz_errinfo *e);

typedef hz_err (*hz_notice_fn)(void *ctx, const hz_notice *n, hz_errinfo *e);
/* Newest first, within the scope; status "" = any; member_id 0 = any. */
hz_err hz_store_notices_page(hz_db *db, const hz_list_scope *sc, const char *status, int64_t member_id,
                             int64_t offset, int64_t limit, hz_notice_fn fn, void *ctx, int64_t *total,
                             hz_errinfo *e);
/* The outbox list (issue 16): within sc, matching f (the member's name,
 * ID number and the notice number searched; status; the member's unit;
 * from / to on created_at; text: a kind; num: a member id), in f->sort's
 * order (hz_notice_sort, each ending on the id); limit < 0: every row. */
typedef enum {
    HZ_NOTICE_SORT_ID, HZ_NOTICE_SORT_NO, HZ_NOTICE_SORT_NAME, HZ_NOTICE_SORT_KIND, HZ_NOTICE_SORT_STATUS,
    HZ_NOTICE_SORT_ATTEMPTS, HZ_NOTICE_SORT_CREATED, HZ_NOTICE_SORT_SENT, HZ_NOTICE_SORTS
} hz_notice_sort;
hz_err hz_store_notices_list(hz_db *db, const hz_list_scope *sc, const hz_rec_filter *f, int64_t offset,
                             int64_t limit, hz_notice_fn fn, void *ctx, int64_t *total, hz_errinfo *e);
/* The earliest next_at of pending notices and lease expiry of sending ones
 * (Unix ms), 0 when nothing waits: how long a worker may sleep. */
hz_err hz_store_notices_next_due(hz_db *db, int64_t *out_ms, hz_errinfo *e);

/* Opt-outs: (member, channel, kind) rows; kind "*" for every kind. */
hz_err hz_store_notice_opted_out(hz_db *db, int64_t member_id, const char *channel, const char *kind, bool *out,
                                 hz_errinfo *e);
hz_err hz_store_notice_pref_set(hz_db *db, int64_t member_id, const char *channel, const char *kind, bool off,
                                const char *now, const char *by, hz_errinfo *e);
typedef hz_err (*hz_notice_pref_fn)(void *ctx, const char *channel, const char *kind, hz_errinfo *e);
hz_err hz_store_notice_prefs(hz_db *db, int64_t member_id, hz_notice_pref_fn fn, void *ctx, hz_errinfo *e);

#endif
