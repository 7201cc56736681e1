/* Login rate limits: how many failed logins an address or an account may
 * have before the server answers 429 (issue 12). */
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <string.h>
#include <time.h>

#include "core/text.h"
#include "http/handlers.h"
#include "http/http.h"

/* Login rate limits (issue 12): failures per client address and per account
 * in a fixed 15-minute window that starts with the first failure. A
 * successful login does not reset either count (otherwise one good login
 * buys another ten guesses), and an account's count holds whatever address
 * the guesses come from. Past either limit the answer is 429. Entries live
 * in small open-addressing tables; a slot is reused only when its window has
 * passed, and a full neighbourhood shares its last slot (never a reset). */
#define LOGIN_SLOTS 1024
#define LOGIN_PROBE 8
#define LOGIN_WINDOW 900
#define LOGIN_MAX_PER_IP 10
#define LOGIN_MAX_PER_ACCOUNT 10
typedef struct {
    char key[64];
    time_t since;
    int failures;
} login_slot;
static login_slot ip_slots[LOGIN_SLOTS], account_slots[LOGIN_SLOTS];
static pthread_mutex_t login_lock = PTHREAD_MUTEX_INITIALIZER;
static atomic_long failures_total;

/* The slot of key (creating it when `create`), NULL when it has none. */
static login_slot *slot_of(login_slot *t, const char *key, bool create, time_t now) {
    unsigned h = 2166136261u;
    for (const char *p = key; *p; p++) h = (h ^ (unsigned char)*p) * 16777619u;
    login_slot *spare = NULL;
    for (int i = 0; i < LOGIN_PROBE; i++) {
        login_slot *s = &t[(h + (unsigned)i) % LOGIN_SLOTS];
        bool live = s->key[0] && now - s->since <= LOGIN_WINDOW;
        if (live && strncmp(s->key, key, sizeof s->key - 1) == 0) return s;
        if (!live && !spare) spare = s;
    }
    if (!create) return NULL;
    if (!spare) return &t[(h + LOGIN_PROBE - 1) % LOGIN_SLOTS]; /* shared, never reset */
    hz_strlcpy(spare->key, key, sizeof spare->key);
    spare->since = now;
    spare->failures = 0;
    return spare;
}

bool hz_http_login_allowed(const char *ip, const char *login) {
    pthread_mutex_lock(&login_lock);
    time_t now = time(NULL);
    login_slot *a = slot_of(ip_slots, ip, false, now), *b = login ? slot_of(account_slots, login, false, now) : NULL;
    bool ok = (!a || a->failures < LOGIN_MAX_PER_IP) && (!b || b->failures < LOGIN_MAX_PER_ACCOUNT);
    pthread_mutex_unlock(&login_lock);
    return ok;
}

void hz_http_login_result(const char *ip, const char *login, bool success) {
    if (success) return; /* a success resets nothing */
    pthread_mutex_lock(&login_lock);
    time_t now = time(NULL);
    slot_of(ip_slots, ip, true, now)->failures++;
    if (login) slot_of(account_slots, login, true, now)->failures++;
    failures_total++;
    pthread_mutex_unlock(&login_lock);
}

long hz_http_login_failures(void) { return atomic_load(&failures_total); }
