/* Report rendering. */
#include "io/report_out.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "core/text.h"
#include "io/bank.h"

hz_err hz_report_add_row(hz_report *r, const char *const *cells, hz_errinfo *e) {
    if (r->n_rows == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 64;
        void *g = realloc(r->rows, cap * sizeof *r->rows);
        if (!g) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
        r->rows = g;
        r->cap = cap;
    }
    for (int i = 0; i < r->n_cols; i++) {
        r->rows[r->n_rows][i] = strdup(cells[i] ? cells[i] : "");
        if (!r->rows[r->n_rows][i]) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    }
    r->n_rows++;
    return HZ_OK;
}

void hz_report_free(hz_report *r) {
    for (size_t k = 0; k < r->n_rows; k++)
        for (int i = 0; i < r->n_cols; i++) free(r->rows[k][i]);
    free(r->rows);
    memset(r, 0, sizeof *r);
}

void hz_report_head(hz_report *r, const char *title, int n, const char *const *cols) {
    snprintf(r->title, sizeof r->title, "%s", title);
    r->n_cols = n;
    for (int i = 0; i < n; i++) r->cols[i] = cols[i];
}

hz_err hz_report_format_parse(const char *s, hz_report_format *out, hz_errinfo *e) {
    if (!s || !strcmp(s, "table")) *out = HZ_FMT_TABLE;
    else if (!strcmp(s, "csv")) *out = HZ_FMT_CSV;
    else if (!strcmp(s, "xlsx")) *out = HZ_FMT_XLSX;
    else if (!strcmp(s, "json")) *out = HZ_FMT_JSON;
    else return hz_fail(e, HZ_EUSAGE, "format: 应为 table、csv、xlsx 或 json (unknown format '%s')", s);
    return HZ_OK;
}

/* display width: CJK characters take two columns */
static int width(const char *s) {
    int w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p & 0xC0) != 0x80) w += *p >= 0xE0 ? 2 : 1;
    return w;
}

static void pad(FILE *f, const char *s, int to) {
    fputs(s, f);
    for (int i = width(s); i < to; i++) fputc(' ', f);
}

static hz_err write_xlsx(const hz_report *r, const char *path, hz_errinfo *e) {
    if (!path) return hz_fail(e, HZ_EUSAGE, "out: XLSX 须指定 --out 文件 (xlsx needs --out FILE)");
    lxw_workbook *wb = workbook_new(path);
    if (!wb) return hz_fail(e, HZ_EINVAL, "out: 无法写入 %s (cannot write)", path);
    lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    for (int c = 0; c < r->n_cols; c++) {
        worksheet_write_string(ws, 0, (lxw_col_t)c, r->cols[c], bold);
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, 18, NULL);
    }
    for (size_t k = 0; k < r->n_rows; k++)
        for (int c = 0; c < r->n_cols; c++)
            /* strings, so ID numbers keep all 18 digits and money its two decimals */
            worksheet_write_string(ws, (lxw_row_t)(k + 1), (lxw_col_t)c, r->rows[k][c], NULL);
    lxw_error err = workbook_close(wb);
    return err == LXW_NO_ERROR ? HZ_OK : hz_fail(e, HZ_EINVAL, "out: XLSX 写入失败 (%s)", lxw_strerror(err));
}

hz_err hz_report_write(const hz_report *r, hz_report_format fmt, FILE *f, const char *path, hz_errinfo *e) {
    switch (fmt) {
    case HZ_FMT_XLSX: return write_xlsx(r, path, e);
    case HZ_FMT_CSV:
        fputs("\xEF\xBB\xBF", f);
        for (int c = 0; c < r->n_cols; c++) {
            if (c) fputc(',', f);
            hz_csv_field(f, r->cols[c]);
        }
        fputc('\n', f);
        for (size_t k = 0; k < r->n_rows; k++) {
            for (int c = 0; c < r->n_cols; c++) {
                if (c) fputc(',', f);
                hz_csv_field(f, r->rows[k][c]);
            }
            fputc('\n', f);
        }
        break;
    case HZ_FMT_JSON: {
        json_t *rows = json_array();
        for (size_t k = 0; k < r->n_rows; k++) {
            json_t *o = json_object();
            for (int c = 0; c < r->n_cols; c++) json_object_set_new(o, r->cols[c], json_string(r->rows[k][c]));
            json_array_append_new(rows, o);
        }
        json_t *doc = json_pack("{s:s, s:o}", "report", r->title, "rows", rows);
        char *s = json_dumps(doc, JSON_COMPACT);
        json_decref(doc);
        if (s) {
            fputs(s, f);
            fputc('\n', f);
            free(s);
        }
        break;
    }
    case HZ_FMT_TABLE: {
        int w[HZ_REPORT_COLS];
        for (int c = 0; c < r->n_cols; c++) {
            w[c] = width(r->cols[c]);
            for (size_t k = 0; k < r->n_rows; k++)
                if (width(r->rows[k][c]) > w[c]) w[c] = width(r->rows[k][c]);
        }
        fprintf(f, "%s\n", r->title);
        for (int c = 0; c < r->n_cols; c++) pad(f, r->cols[c], w[c] + 2);
        fputc('\n', f);
        for (size_t k = 0; k < r->n_rows; k++) {
            for (int c = 0; c < r->n_cols; c++) pad(f, r->rows[k][c], w[c] + 2);
            fputc('\n', f);
        }
        break;
    }
    }
    return ferror(f) ? hz_fail(e, HZ_EINTERNAL, "写入失败 (write failed)") : HZ_OK;
}
