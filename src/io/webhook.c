/* A signed JSON POST with libcurl (io/webhook.h). */
#include "io/webhook.h"

#include <curl/curl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

void hz_webhook_global_init(void) {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    if (sodium_init() < 0) return; /* hz_webhook_sign then fails loudly in libsodium */
}

void hz_webhook_sign(const unsigned char *key, size_t key_len, const char *body, char hex[65]) {
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, key, key_len);
    crypto_auth_hmacsha256_update(&st, (const unsigned char *)body, strlen(body));
    crypto_auth_hmacsha256_final(&st, mac);
    sodium_bin2hex(hex, 65, mac, sizeof mac);
}

/* the answer's body is not needed: a status says it all */
static size_t discard(char *p, size_t size, size_t n, void *ctx) {
    (void)p;
    (void)ctx;
    return size * n;
}

hz_err hz_webhook_post(const hz_webhook *w, const char *body, const char *idempotency_key, long *status,
                       char *why, size_t why_cap, hz_errinfo *e) {
    *status = 0;
    why[0] = '\0';
    CURL *c = curl_easy_init();
    if (!c) return hz_fail(e, HZ_EINTERNAL, "libcurl 初始化失败 (curl_easy_init)");
    struct curl_slist *h = NULL;
    char line[160], hex[65];
    h = curl_slist_append(h, "Content-Type: application/json; charset=utf-8");
    snprintf(line, sizeof line, "Idempotency-Key: %s", idempotency_key);
    h = curl_slist_append(h, line);
    if (w->key_len) {
        hz_webhook_sign(w->key, w->key_len, body, hex);
        snprintf(line, sizeof line, "X-Huzhu-Signature: sha256=%s", hex);
        h = curl_slist_append(h, line);
    }
    h = curl_slist_append(h, "Expect:"); /* no 100-continue round trip */
    char errbuf[CURL_ERROR_SIZE] = "";
    curl_easy_setopt(c, CURLOPT_URL, w->url);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, w->timeout_ms > 0 ? w->timeout_ms : 10000L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L); /* safe in the server's thread */
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "huzhu-notices/1");
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
    CURLcode cc = curl_easy_perform(c);
    if (cc == CURLE_OK) {
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status);
        snprintf(why, why_cap, "HTTP %ld", *status);
    } else {
        snprintf(why, why_cap, "%s", errbuf[0] ? errbuf : curl_easy_strerror(cc));
    }
    curl_slist_free_all(h);
    curl_easy_cleanup(c);
    return HZ_OK;
}
