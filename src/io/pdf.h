/* A small layout layer for the office's printed documents (issue 17): A4
 * pages with the office's header, a title, key-value blocks, tables with
 * column widths that break across pages (the header row repeated), and a
 * footer with "第 N 页 共 M 页". cairo + pango with the Noto CJK fonts,
 * which cairo embeds (as subsets) in the PDF. Nothing here knows claims or
 * members: io/documents.c lays those out with these calls. */
#ifndef HZ_PDF_H
#define HZ_PDF_H

#include <stdbool.h>
#include <stdio.h>

#include "core/err.h"

#define HZ_PDF_MAX_COLS 12

typedef struct hz_pdf hz_pdf;

typedef struct {
    const char *office; /* the header's first line: the office's name */
    const char *title;  /* 理赔通知书 */
    const char *number; /* "编号: …" under the title, right; NULL = none */
    const char *footer; /* small print left of the page number; NULL = none */
    const char *author; /* PDF metadata; NULL = office */
} hz_pdf_meta;

/* Draws the document with the calls below; runs twice (the first pass
 * counts the pages for the footer), so it must draw the same both times.
 * Returns non-OK to abandon the document. */
typedef hz_err (*hz_pdf_draw_fn)(hz_pdf *p, void *ctx, hz_errinfo *e);

/* Renders the document to out (binary). Errors: what draw returned, or
 * HZ_EINTERNAL when cairo fails (the message says what it said). */
hz_err hz_pdf_write(FILE *out, const hz_pdf_meta *meta, hz_pdf_draw_fn draw, void *ctx, hz_errinfo *e);

/* A section heading ("一、住院记录"). */
void hz_pdf_heading(hz_pdf *p, const char *text);
/* A paragraph of wrapped text; small = the footnote size. */
void hz_pdf_text(hz_pdf *p, const char *text, bool small);
/* Key-value pairs, `columns` pairs to a row (1 or 2), each key bold. */
typedef struct {
    const char *key, *value;
} hz_pdf_kv;
void hz_pdf_kvs(hz_pdf *p, const hz_pdf_kv *kv, int n, int columns);

/* A table: widths are shares of the text width (they need not add to 1);
 * align 'l', 'r' or 'c'. Rows wrap inside their cells; a row that does not
 * fit on the page starts a new one, with the header row again. A column
 * with `fit` (an amount column: the widest value it will hold, e.g. the
 * total) is made at least as wide as that text in bold, taking the room
 * from the other columns, and its cells never wrap: one wider than the
 * column anyway is drawn smaller, on one line. */
typedef struct {
    const char *title;
    double width;
    char align;
    const char *fit; /* NULL: cells wrap */
} hz_pdf_col;
void hz_pdf_table_begin(hz_pdf *p, const hz_pdf_col *cols, int n);
/* One row of n cells (NULL = empty); bold for a totals row. */
void hz_pdf_table_row(hz_pdf *p, const char *const *cells, bool bold);
void hz_pdf_table_end(hz_pdf *p);

/* Vertical space in points. */
void hz_pdf_space(hz_pdf *p, double pt);
/* Starts a new page unless at least pt points are left on this one. */
void hz_pdf_keep(hz_pdf *p, double pt);
/* The closing block at the right: the office as signatory and a date. */
void hz_pdf_signature(hz_pdf *p, const char *signer, const char *date);

#endif
