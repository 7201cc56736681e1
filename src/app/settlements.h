/* Medical-insurance data sharing (module 5): load the settlement feed,
 * match it to members, cancel refunded settlements. */
#ifndef HZ_APP_SETTLEMENTS_H
#define HZ_APP_SETTLEMENTS_H

#include "app/app.h"

typedef struct {
    long read, added, duplicate, refund, unmatched;
    long n_rejected;
    int n_listed;
    hz_row_error *rejected;
    const char *format;
    bool written;
} hz_feed_report;

/* Idempotent by setl_id. A row with refd_setl_flag = 1 cancels its
 * settlement and reverses the claim lines that used it. Bad rows refuse the
 * whole feed (HZ_EINVAL, listed) unless skip_invalid. */
hz_err hz_app_import_settlements(hz_app *app, const char *path, bool skip_invalid, hz_feed_report *out, hz_errinfo *e);
void hz_feed_report_free(hz_feed_report *r);

#endif
