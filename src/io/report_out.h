/* Writing a report: aligned text, CSV (UTF-8 with BOM, formula-safe), XLSX
 * (libxlsxwriter) or JSON. */
#ifndef HZ_REPORT_OUT_H
#define HZ_REPORT_OUT_H

#include <stddef.h>
#include <stdio.h>

#include "core/err.h"

#define HZ_REPORT_COLS 12

/* A report as a table of text cells: column titles (static strings, the
 * Chinese titles of exports) and rows of owned strings. */
typedef struct {
    char title[96];
    int n_cols;
    const char *cols[HZ_REPORT_COLS];
    size_t n_rows, cap;
    char *(*rows)[HZ_REPORT_COLS]; /* owned strings */
} hz_report;

/* Sets title and columns (n <= HZ_REPORT_COLS; the strings are not copied). */
void hz_report_head(hz_report *r, const char *title, int n, const char *const *cols);
/* Appends a row of n_cols cells (copied; NULL is ""). HZ_EINTERNAL when
 * memory runs out. */
hz_err hz_report_add_row(hz_report *r, const char *const *cells, hz_errinfo *e);
/* Frees the rows and zeroes r. */
void hz_report_free(hz_report *r);

typedef enum { HZ_FMT_TABLE, HZ_FMT_CSV, HZ_FMT_XLSX, HZ_FMT_JSON } hz_report_format;

hz_err hz_report_format_parse(const char *s, hz_report_format *out, hz_errinfo *e);
/* XLSX needs a path; the others write to f. */
hz_err hz_report_write(const hz_report *r, hz_report_format fmt, FILE *f, const char *path, hz_errinfo *e);

#endif
