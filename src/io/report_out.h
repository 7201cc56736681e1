/* Writing a report: aligned text, CSV (UTF-8 with BOM, formula-safe), XLSX
 * (libxlsxwriter) or JSON. */
#ifndef HZ_REPORT_OUT_H
#define HZ_REPORT_OUT_H

#include <stdio.h>

#include "app/reports.h"

typedef enum { HZ_FMT_TABLE, HZ_FMT_CSV, HZ_FMT_XLSX, HZ_FMT_JSON } hz_report_format;

hz_err hz_report_format_parse(const char *s, hz_report_format *out, hz_errinfo *e);
/* XLSX needs a path; the others write to f. */
hz_err hz_report_write(const hz_report *r, hz_report_format fmt, FILE *f, const char *path, hz_errinfo *e);

#endif
