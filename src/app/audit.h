/* The tamper-evident audit trail: every change to membership, coverage,
 * claims and money is an event chained with BLAKE2b to the one before,
 * written in the same transaction as the change. */
#ifndef HZ_APP_AUDIT_H
#define HZ_APP_AUDIT_H

#include "app/app.h"

/* Appends an event (who = app->actor, when = app->now). `detail` is a short
 * JSON or text saying what and why. Call inside the change's transaction. */
hz_err hz_audit(hz_app *app, const char *action, const char *object, const char *detail, hz_errinfo *e);

typedef struct {
    int64_t events;
    int64_t broken_id; /* 0 when the chain is intact */
    char reason[160];
} hz_audit_report;

/* Walks the chain; a broken link or a hash that does not match its event
 * sets broken_id to the first such event. */
hz_err hz_audit_verify(hz_app *app, hz_audit_report *out, hz_errinfo *e);

#endif
