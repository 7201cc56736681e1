/* The reports of module 10 as tables of text cells, rendered by io/report
 * (table, CSV with BOM, XLSX, JSON). Money cells carry two decimals. */
#ifndef HZ_APP_REPORTS_H
#define HZ_APP_REPORTS_H

#include <stddef.h>

#include "app/app.h"

#define HZ_REPORT_COLS 12

typedef struct {
    char title[96];
    int n_cols;
    const char *cols[HZ_REPORT_COLS];
    size_t n_rows, cap;
    char *(*rows)[HZ_REPORT_COLS]; /* owned strings */
} hz_report;

/* Names: dashboard, claims, payouts, coverage, districts, sla. */
hz_err hz_app_report(hz_app *app, const char *name, hz_date from, hz_date to, hz_report *out, hz_errinfo *e);
void hz_report_free(hz_report *r);
const char *hz_report_names(void);

#endif
