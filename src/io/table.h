/* Tabular input files (rosters): CSV via libcsv or the first sheet of an
 * XLSX via libzip + expat, in UTF-8 (with or without BOM) or GB18030 as
 * Excel in China writes it. The whole file is read once; rows can then be
 * walked any number of times. Row 1 is the header. */
#ifndef HZ_TABLE_H
#define HZ_TABLE_H

#include <stddef.h>

#include "core/err.h"

#define HZ_TABLE_MAX_BYTES ((size_t)2 << 30) /* 2 GiB file */
#define HZ_TABLE_MAX_FIELD 4096              /* bytes in one cell */
#define HZ_TABLE_MAX_COLS 64

typedef enum { HZ_ENC_AUTO, HZ_ENC_UTF8, HZ_ENC_GB18030 } hz_encoding;

typedef struct hz_table hz_table;

/* Opens path: XLSX when it is a zip archive, CSV otherwise. The caller
 * frees *out with hz_table_free. */
hz_err hz_table_open(const char *path, hz_encoding enc, hz_table **out, hz_errinfo *e);
/* The same from bytes in memory (copied; data need not be NUL-terminated). */
hz_err hz_table_open_mem(const char *data, size_t len, hz_encoding enc, hz_table **out, hz_errinfo *e);
/* The same taking ownership of data (len bytes followed by a NUL, from
 * malloc): data is freed on every path, also on failure. */
hz_err hz_table_open_buffer(char *data, size_t len, hz_encoding enc, hz_table **out, hz_errinfo *e);
void hz_table_free(hz_table *t);
/* Reads a whole file of at most HZ_TABLE_MAX_BYTES into *buf (NUL-terminated,
 * *len bytes without the NUL), every open and read checked. The caller frees
 * *buf. */
hz_err hz_file_read(const char *path, char **buf, size_t *len, hz_errinfo *e);
/* "csv" or "xlsx"; the detected encoding of a CSV ("utf-8", "gb18030"). */
const char *hz_table_format(const hz_table *t);
const char *hz_table_encoding(const hz_table *t);
/* BLAKE2b-256 of the file bytes, hex (65 bytes). */
const char *hz_table_digest(const hz_table *t);

/* Calls fn for every row, fields NUL-terminated UTF-8 with surrounding
 * blanks trimmed. These stop the walk with HZ_EINVAL naming the row (and
 * the column where there is one): a cell over HZ_TABLE_MAX_FIELD bytes, a
 * row over HZ_TABLE_MAX_COLS cells, a NUL byte or a line break inside a
 * cell (a quote left open), a data row with more (non-blank)
 * values than the header has columns. fn returning non-OK stops the walk
 * with that code. */
typedef hz_err (*hz_table_row_fn)(void *ctx, long row, char **fields, int n, hz_errinfo *e);
hz_err hz_table_each(hz_table *t, hz_table_row_fn fn, void *ctx, hz_errinfo *e);

/* Parses an --encoding value. */
hz_err hz_encoding_parse(const char *s, hz_encoding *out, hz_errinfo *e);

#endif
