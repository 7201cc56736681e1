/* Notices that reach members (issue 18): an outbox written in the
 * transaction of the event that causes it (the module's event hook,
 * app/module.h), delivered by a worker through one configured sender
 * (a signed webhook, or an SMS / WeChat template-message gateway reached
 * the same way), retried with backoff, at least once with the notice
 * number as idempotency key, and shown to the member on the phone. */
#ifndef HZ_APP_NOTICES_H
#define HZ_APP_NOTICES_H

#include <stdatomic.h>
#include <stdbool.h>

#include "app/app.h"
#include "app/lists.h"
#include "io/webhook.h"
#include "store/notices.h"

/* The sender, from `notices-*` keys of the config or the command line. */
typedef struct {
    char kind[12];  /* webhook, sms, wechat: also the channel a member opts out of */
    char url[1024]; /* http(s) */
    unsigned char key[HZ_WEBHOOK_KEY_MAX];
    size_t key_len;          /* 0: unsigned (refused unless the URL is loopback) */
    char templates[1024];    /* sms, wechat: "claim.paid=SMS_1,claim.approved=SMS_2"; a kind without one is skipped */
    int max_attempts;        /* then failed (default 8) */
    int64_t backoff_ms;      /* the first retry's delay, doubled after each failure (default 30 s) */
    int64_t backoff_max_ms;  /* the longest delay (default 1 h) */
    int64_t lease_ms;        /* a claimed notice's lease: a dead worker's notice is sent again after it (60 s) */
    int64_t poll_ms;         /* how often an idle worker looks for new notices (2 s) */
    long timeout_ms;         /* one request (10 s) */
} hz_notice_sender;

typedef struct {
    int64_t sent, retried, failed, skipped;
} hz_notice_stats;

void hz_notice_sender_defaults(hz_notice_sender *s);
/* Reads the HMAC key from a file (its first line, at least 16 bytes). */
hz_err hz_notice_sender_key_file(hz_notice_sender *s, const char *path, hz_errinfo *e);
/* Checks kind, URL and numbers; the message names the setting. */
hz_err hz_notice_sender_check(const hz_notice_sender *s, hz_errinfo *e);

/* The wall clock in milliseconds since the epoch: the outbox's due times. */
int64_t hz_notice_clock_ms(void);

/* Delivers due notices one at a time: claim (leased, own transaction),
 * send, record the outcome (own transaction). once: until none is due,
 * then returns; else until *stop, sleeping until the next is due or
 * poll_ms. Needs notices.send. */
hz_err hz_app_notices_send(hz_app *app, const hz_notice_sender *s, bool once, atomic_int *stop, hz_notice_stats *st,
                           hz_errinfo *e);

/* Staff: notices within the caller's scope, newest first; status and
 * id_number optional. */
hz_err hz_app_notices_list(hz_app *app, const char *status, const char *id_number, hz_page pg, hz_notice_fn fn,
                           void *ctx, int64_t *total, hz_errinfo *e);
/* The outbox as GET /notices asks for it (issue 16): the common filters
 * (q: an ID number — whole for the masked roles —, a name or a part of the
 * number TZ…; status; unit: the member's; from / to: made on these Beijing
 * days; sort no, name, kind, status, attempts, created_at or sent_at,
 * default newest first), kind and id_number (one member in scope). */
typedef struct {
    hz_list_query list;
    const char *kind, *id_number;
} hz_notice_query;
hz_err hz_app_notices_page(hz_app *app, const hz_notice_query *q, hz_page pg, hz_notice_fn fn, void *ctx,
                           int64_t *total, hz_errinfo *e);
/* Every notice matching q in the caller's scope as a table (notices.csv). */
hz_err hz_app_notices_export(hz_app *app, const hz_notice_query *q, hz_report *out, hz_errinfo *e);
/* The member's own messages (role member). */
hz_err hz_app_notices_mine(hz_app *app, hz_page pg, hz_notice_fn fn, void *ctx, int64_t *total, hz_errinfo *e);
/* A failed notice sent again (attempts from zero), audited. */
hz_err hz_app_notice_retry(hz_app *app, const char *notice_no, hz_notice *out, hz_errinfo *e);

/* Opt-outs of a member (id_number NULL or "": the signed-in member). */
hz_err hz_app_notice_prefs(hz_app *app, const char *id_number, hz_notice_pref_fn fn, void *ctx, hz_errinfo *e);
/* channel: webhook, sms, wechat; kind: a notice kind or "*"; off true opts
 * out, false back in. Audited. */
hz_err hz_app_notice_pref_set(hz_app *app, const char *id_number, const char *channel, const char *kind, bool off,
                              hz_errinfo *e);

/* The notice kinds as a refusal lists them ("claim.received、…、lm.decided"),
 * from the one table hz_notice_kind_known reads; out holds cap bytes
 * (256 hold them all). Returns out. */
char *hz_notice_kinds_text(char *out, size_t cap);

/* Is kind a notice kind ("*" counts)? */
bool hz_notice_kind_known(const char *kind);

#endif
