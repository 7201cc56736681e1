/* `huzhu check`: the audit anyone can run (docs/money.md). Recomputes
 * every journal balance from the transfers, every transfer from the claim
 * lines, payments and recoveries that caused it, and walks the audit chain;
 * the first difference is named. */
#ifndef HZ_APP_CHECK_H
#define HZ_APP_CHECK_H

#include "app/app.h"

typedef struct {
    bool ok;
    hz_fen debits, credits;  /* Σ over all accounts, posted, fen */
    int64_t audit_events;
    char check[48];          /* the rule that failed, e.g. "claim_line=transfer" */
    char object[64];         /* the first object it failed on */
    int64_t got, want;       /* the two figures that disagree */
    char message[320];       /* one line naming all of it */
} hz_check_report;

/* Runs every check; out->ok is false and out->message names the first
 * difference when one is found (the call itself still returns HZ_OK).
 * Errors: HZ_EFORBIDDEN for roles other than admin, store errors. */
hz_err hz_app_check(hz_app *app, hz_check_report *out, hz_errinfo *e);

#endif
