/* The first worksheet of an XLSX workbook, read with libzip + expat into
 * rows of UTF-8 cells (shared strings, inline strings, numbers as written). */
#ifndef HZ_XLSX_H
#define HZ_XLSX_H

#include <stddef.h>

#include "io/table.h"

typedef struct hz_xlsx hz_xlsx;

hz_err hz_xlsx_open(const char *data, size_t len, hz_xlsx **out, hz_errinfo *e);
void hz_xlsx_free(hz_xlsx *x);
/* Rows in sheet order; gaps between cells are empty strings. */
hz_err hz_xlsx_each(hz_xlsx *x, hz_table_row_fn fn, void *ctx, hz_errinfo *e);

#endif
