/* Writing a report: aligned text, CSV (UTF-8 with BOM, formula-safe), XLSX
 * (libxlsxwriter) or JSON. A report is one table or one record of figures,
 * plus optional parts (the dashboard's districts, plans, payouts, money):
 * every column has a stable English key (JSON) and a Chinese title (CSV,
 * XLSX, the terminal and the console). */
#ifndef HZ_REPORT_OUT_H
#define HZ_REPORT_OUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

#include "core/err.h"

#define HZ_REPORT_COLS 16
#define HZ_REPORT_PARTS 8

/* How JSON writes a column's cells: TEXT a string ("" is null), INT a
 * number, MONEY a string with two decimals, BOOL true for "1" (the exports
 * show 是 / 否), DATE a "YYYY-MM-DD" string (null when ""). XLSX writes
 * INT and MONEY as numbers (money formatted #,##0.00) and DATE as a date
 * (yyyy-mm-dd), the rest as text. */
typedef enum { HZ_COL_TEXT, HZ_COL_INT, HZ_COL_MONEY, HZ_COL_BOOL, HZ_COL_DATE } hz_col_kind;

/* A column: key is a stable English identifier (JSON), title the Chinese
 * title of exports; both static strings. */
typedef struct {
    const char *key, *title;
    hz_col_kind kind;
} hz_report_col;

typedef struct hz_report_stream hz_report_stream;

/* A report as a table of text cells. A record holds one row of figures:
 * exports print it as title / value pairs, JSON as one object. */
typedef struct hz_report {
    char name[32];   /* the report's name, or the part's key in JSON */
    char title[96];  /* Chinese */
    bool record;
    int n_cols;
    hz_report_col cols[HZ_REPORT_COLS];
    size_t n_rows, cap;
    char *(*rows)[HZ_REPORT_COLS]; /* owned strings */
    int n_parts;
    struct hz_report *parts[HZ_REPORT_PARTS]; /* owned */
    struct hz_report_stream *stream; /* a table's rows are written here, not kept (hz_report_stream_begin) */
} hz_report;

/* Sets name, title, kind and columns (n <= HZ_REPORT_COLS; the column
 * strings are not copied). */
void hz_report_head(hz_report *r, const char *name, const char *title, bool record, int n, const hz_report_col *cols);
/* Appends a row of n_cols cells (copied; NULL is ""); a streamed table
 * writes it at once instead. HZ_EINTERNAL when memory runs out or the
 * stream cannot be written. */
hz_err hz_report_add_row(hz_report *r, const char *const *cells, hz_errinfo *e);
/* Adds an empty part to r (owned by r, freed with it) and sets *part to it;
 * HZ_EINTERNAL when memory runs out or r has HZ_REPORT_PARTS parts. */
hz_err hz_report_add_part(hz_report *r, hz_report **part, hz_errinfo *e);
/* Frees the rows, parts and stream and zeroes r. */
void hz_report_free(hz_report *r);

typedef enum { HZ_FMT_TABLE, HZ_FMT_CSV, HZ_FMT_XLSX, HZ_FMT_JSON } hz_report_format;

/* "table" (or NULL), "csv", "xlsx", "json"; HZ_EUSAGE otherwise. */
hz_err hz_report_format_parse(const char *s, hz_report_format *out, hz_errinfo *e);
/* XLSX needs a path; the others write to f. */
hz_err hz_report_write(const hz_report *r, hz_report_format fmt, FILE *f, const char *path, hz_errinfo *e);
/* The report rendered into memory (XLSX through a temporary file in
 * $TMPDIR); *buf must be freed by the caller. */
hz_err hz_report_render(const hz_report *r, hz_report_format fmt, char **buf, size_t *len, hz_errinfo *e);

/* Streams r (zeroed, not yet built) in fmt (CSV, JSON or XLSX) as its
 * rows are added, so a table of any length holds one row in memory (issue
 * 14): CSV and JSON go to f, XLSX to path (libxlsxwriter's constant-memory
 * mode). A record and the parts are kept and written by
 * hz_report_stream_end, which writes everything that follows the rows.
 * The output is byte for byte what hz_report_write writes. HZ_EUSAGE for
 * the table format (its columns are as wide as the widest cell). */
hz_err hz_report_stream_begin(hz_report *r, hz_report_format fmt, FILE *f, const char *path, hz_errinfo *e);
hz_err hz_report_stream_end(hz_report *r, hz_errinfo *e);

/* The JSON form: a table is {"report", "columns": [keys], "items": [rows
 * by key], "total"}; a record is {"report", key: value, ...}; each part is
 * added under its name (a table as an array of rows, a record as an
 * object). Returns a new reference; NULL only when memory runs out. */
json_t *hz_report_json(const hz_report *r);

#endif
