/* A fresh database for a use-case test, on SQLite or, when HZ_TEST_PG_PORT
 * is set (make test's second pass), on a new PostgreSQL database of the
 * private cluster; and the few objects every money test needs. Header-only:
 * each test executable includes it once. */
#ifndef HZ_TEST_APP_FIXTURE_H
#define HZ_TEST_APP_FIXTURE_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app.h"
#include "app/authz.h"
#include "app/check.h"
#include "app/registry.h"
#include "core/idcard.h"

typedef struct {
    char dir[512];
    char pg_db[64]; /* "" on SQLite */
    char url[700];
} hz_fixture;

/* the call must succeed; e (in scope) says why not */
#define OK(call)                                                                                                       \
    do {                                                                                                               \
        if ((call) != HZ_OK) fail_msg("%s: %s", #call, e.msg);                                                         \
    } while (0)

__attribute__((format(printf, 1, 2))) static inline int fixture_sh(const char *fmt, ...) {
    char cmd[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    return system(cmd) == 0 ? 0 : -1;
}

/* Makes the scratch directory and an empty database named after the test;
 * opens and initialises app on it at "today" 2026-11-29. */
static inline int fixture_open(hz_fixture *fx, const char *name, hz_app *app) {
    const char *tmp = getenv("HZ_TEST_TMP"), *port = getenv("HZ_TEST_PG_PORT");
    snprintf(fx->dir, sizeof fx->dir, "%s/app_%s_%d", tmp && *tmp ? tmp : "/tmp", name, (int)getpid());
    if (fixture_sh("mkdir -p '%s'", fx->dir)) return -1;
    fx->pg_db[0] = '\0';
    if (port && *port) {
        snprintf(fx->pg_db, sizeof fx->pg_db, "hz_app_%s_%d", name, (int)getpid());
        if (fixture_sh("psql -q -h 127.0.0.1 -p %s -U postgres -d postgres -c 'CREATE DATABASE %s' >/dev/null", port,
                       fx->pg_db))
            return -1;
        snprintf(fx->url, sizeof fx->url, "postgresql://postgres@127.0.0.1:%s/%s", port, fx->pg_db);
    } else {
        snprintf(fx->url, sizeof fx->url, "sqlite:%s/%s.db", fx->dir, name);
    }
    setenv("HUZHU_TODAY", "2026-11-29", 1);
    hz_errinfo e;
    int n;
    if (hz_app_open(app, fx->url, &e) || hz_app_init(app, &n, &e)) {
        fprintf(stderr, "fixture %s: %s\n", fx->url, e.msg);
        return -1;
    }
    return 0;
}

/* Every use-case suite ends as the end-to-end ones do: `huzhu check` must
 * pass on what it left behind (a failure fails the group's teardown). */
static inline int fixture_close(hz_fixture *fx, hz_app *app) {
    hz_check_report r;
    hz_errinfo e;
    if (hz_app_check(app, &r, &e) || !r.ok) {
        fprintf(stderr, "huzhu check after the suite: %s\n", r.ok ? e.msg : r.message);
        return -1;
    }
    hz_app_close(app);
    const char *port = getenv("HZ_TEST_PG_PORT");
    if (fx->pg_db[0] && fixture_sh("psql -q -h 127.0.0.1 -p %s -U postgres -d postgres -c 'DROP DATABASE IF EXISTS %s "
                                   "WITH (FORCE)' >/dev/null",
                                   port, fx->pg_db))
        return -1;
    return fixture_sh("rm -rf '%s'", fx->dir);
}

/* path of a scratch file of the fixture */
static inline const char *fixture_path(const hz_fixture *fx, const char *file, char *out, size_t outsz) {
    snprintf(out, outsz, "%s/%s", fx->dir, file);
    return out;
}

/* An ID number with its check digit from 17 digits: 6101021985MMDDSSS. */
static inline void fixture_id(const char *first17, char out[19]) {
    snprintf(out, 19, "%.17s", first17);
    out[17] = hz_id_check_char(out);
    out[18] = '\0';
}

/* A bank card with a Luhn digit from 18 digits. */
static inline void fixture_card(const char *first18, char out[20]) {
    int sum = 0;
    for (int i = 17, dbl = 1; i >= 0; i--, dbl = !dbl) {
        int d = first18[i] - '0';
        if (dbl && (d *= 2) > 9) d -= 9;
        sum += d;
    }
    snprintf(out, 20, "%.18s%d", first18, (10 - sum % 10) % 10);
}

/* huzhu check must pass: names the first difference when it does not. */
static inline void fixture_check_ok(hz_app *app) {
    hz_check_report r;
    hz_errinfo e;
    OK(hz_app_check(app, &r, &e));
    if (!r.ok) fail_msg("huzhu check: %s", r.message);
}

#endif
