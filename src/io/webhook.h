/* One signed HTTP POST of a JSON body (the notices senders, app/notices.h):
 * libcurl, with the body's HMAC-SHA256 (libsodium's
 * crypto_auth_hmacsha256) in X-Huzhu-Signature: sha256=HEX and the
 * idempotency key in Idempotency-Key, so a receiver can check who sent it
 * and drop a repeat. Nothing here knows what a notice is. */
#ifndef HZ_IO_WEBHOOK_H
#define HZ_IO_WEBHOOK_H

#include <stddef.h>

#include "core/err.h"

#define HZ_WEBHOOK_KEY_MAX 64 /* HMAC key bytes */

typedef struct {
    const char *url;
    const unsigned char *key; /* HMAC key; key_len 0: the header is left out */
    size_t key_len;
    long timeout_ms;
} hz_webhook;

/* Must run once before any thread posts (curl_global_init). */
void hz_webhook_global_init(void);

/* The hex HMAC-SHA256 of body under key (65 bytes with the NUL). */
void hz_webhook_sign(const unsigned char *key, size_t key_len, const char *body, char hex[65]);

/* POSTs body. *status is the HTTP status (0 when no answer came: refused,
 * timed out); why says what happened in words. HZ_OK whatever the
 * answer; an error only when libcurl cannot start. */
hz_err hz_webhook_post(const hz_webhook *w, const char *body, const char *idempotency_key, long *status,
                       char *why, size_t why_cap, hz_errinfo *e);

#endif
