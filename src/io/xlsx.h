/* The first worksheet of an XLSX workbook, read with libzip + expat into
 * rows of UTF-8 cells (shared strings, inline strings, numbers as written). */
#ifndef HZ_XLSX_H
#define HZ_XLSX_H

#include <stddef.h>

#include "core/err.h"

#define HZ_XLSX_MAX_FIELD 4096 /* bytes in one cell (= HZ_TABLE_MAX_FIELD) */
#define HZ_XLSX_MAX_COLS 64    /* (= HZ_TABLE_MAX_COLS) */

typedef struct hz_xlsx hz_xlsx;

/* One row: its 1-based number and n cells (owned by the reader). The same
 * shape as hz_table_row_fn, so io/table passes its callback through. */
typedef hz_err (*hz_xlsx_row_fn)(void *ctx, long row, char **fields, int n, hz_errinfo *e);

hz_err hz_xlsx_open(const char *data, size_t len, hz_xlsx **out, hz_errinfo *e);
void hz_xlsx_free(hz_xlsx *x);
/* Rows in sheet order; gaps between cells are empty strings. */
hz_err hz_xlsx_each(hz_xlsx *x, hz_xlsx_row_fn fn, void *ctx, hz_errinfo *e);

#endif
