/* One error enum for the whole program, plus a detail struct carrying a
 * human message (Chinese first) and the field / row it concerns.
 * The enum values map 1:1 onto the CLI exit codes of interfaces.md. */
#ifndef HZ_ERR_H
#define HZ_ERR_H

#include <stdarg.h>

typedef enum {
    HZ_OK = 0,
    HZ_EUSAGE = 1,    /* bad command line */
    HZ_EINVAL = 2,    /* input rejected by validation */
    HZ_ECONFLICT = 3, /* duplicate, stale state, constraint */
    HZ_ENOTFOUND = 4, /* no such object (or out of scope) */
    HZ_EDB = 5,       /* storage failure */
    HZ_EINTERNAL = 6, /* bug or resource failure; also exit 5 */
    HZ_EFORBIDDEN = 7,/* authenticated but not allowed */
    HZ_EAUTH = 8,     /* not authenticated */
    HZ_ERETRY = 9     /* the store asks to run the transaction again (PostgreSQL 40001/40P01) */
} hz_err;

#define HZ_MSG_MAX 512

typedef struct {
    hz_err code;
    char msg[HZ_MSG_MAX];
} hz_errinfo;

/* Records code and a printf-style message in e (which may be NULL) and
 * returns code, so callers can write `return hz_fail(e, HZ_EINVAL, ...)`. */
hz_err hz_fail(hz_errinfo *e, hz_err code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
hz_err hz_failv(hz_errinfo *e, hz_err code, const char *fmt, va_list ap);

/* Resets e to HZ_OK with an empty message. */
void hz_err_clear(hz_errinfo *e);

/* Stable upper-case name of a code ("VALIDATION", "CONFLICT", ...), used in
 * the CLI error line and the HTTP error body. Never NULL. */
const char *hz_err_name(hz_err code);

/* Process exit code for an error (interfaces.md: 0..5). */
int hz_err_exit_code(hz_err code);

#endif
