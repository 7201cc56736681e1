/* Report rendering: one table (or record) and its parts, in four formats. */
#include "io/report_out.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "core/money.h"
#include "io/bank.h"

struct hz_report_stream {
    hz_report_format fmt;
    FILE *f;
    char path[512];
    bool started;
    size_t rows;
    lxw_workbook *wb;
    lxw_worksheet *ws;
    lxw_format *bold, *money, *date;
};

static hz_err stream_row(hz_report *r, const char *const *cells, hz_errinfo *e);
static hz_err stream_flush(hz_report *r, hz_errinfo *e);

/* A streamed table keeps its first rows and starts writing only past
 * them: a builder may still rename a short report after its rows (the
 * dashboard's parts do), and a long one holds no more than these. */
#define STREAM_AFTER 256

hz_err hz_report_add_row(hz_report *r, const char *const *cells, hz_errinfo *e) {
    if (r->stream && !r->record && r->n_rows == STREAM_AFTER) {
        hz_err rc = stream_flush(r, e);
        if (rc) return rc;
    }
    if (r->stream && !r->record && r->stream->started) return stream_row(r, cells, e);
    if (r->n_rows == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 64;
        void *g = realloc(r->rows, cap * sizeof *r->rows);
        if (!g) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
        r->rows = g;
        r->cap = cap;
    }
    for (int i = 0; i < r->n_cols; i++) {
        r->rows[r->n_rows][i] = strdup(cells[i] ? cells[i] : "");
        if (!r->rows[r->n_rows][i]) {
            while (i-- > 0) free(r->rows[r->n_rows][i]);
            return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
        }
    }
    r->n_rows++;
    return HZ_OK;
}

hz_err hz_report_add_part(hz_report *r, hz_report **part, hz_errinfo *e) {
    if (r->n_parts >= HZ_REPORT_PARTS || !(r->parts[r->n_parts] = calloc(1, sizeof **r->parts)))
        return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    *part = r->parts[r->n_parts++];
    return HZ_OK;
}

void hz_report_free(hz_report *r) {
    if (r->stream) {
        if (r->stream->wb) workbook_close(r->stream->wb);
        free(r->stream);
    }
    for (size_t k = 0; k < r->n_rows; k++)
        for (int i = 0; i < r->n_cols; i++) free(r->rows[k][i]);
    free(r->rows);
    for (int p = 0; p < r->n_parts; p++) {
        hz_report_free(r->parts[p]);
        free(r->parts[p]);
    }
    memset(r, 0, sizeof *r);
}

void hz_report_head(hz_report *r, const char *name, const char *title, bool record, int n, const hz_report_col *cols) {
    snprintf(r->name, sizeof r->name, "%s", name);
    snprintf(r->title, sizeof r->title, "%s", title);
    r->record = record;
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

/* A cell as exports show it: booleans in words. */
static const char *shown(const hz_report *r, int c, const char *v) {
    if (r->cols[c].kind == HZ_COL_BOOL) return !strcmp(v, "1") ? "是" : "否";
    return v;
}

/* The exports' view of a section: a record turns into title / value rows. */
typedef struct {
    int n_cols;
    const char *head[HZ_REPORT_COLS];
    size_t n_rows;
    const hz_report *r;
} grid;

static const char *const record_head[] = {"指标", "数值"};

static grid grid_of(const hz_report *r) {
    grid g = {0};
    g.r = r;
    if (r->record) {
        g.n_cols = 2;
        g.head[0] = record_head[0];
        g.head[1] = record_head[1];
        g.n_rows = r->n_rows ? (size_t)r->n_cols : 0;
    } else {
        g.n_cols = r->n_cols;
        for (int c = 0; c < r->n_cols; c++) g.head[c] = r->cols[c].title;
        g.n_rows = r->n_rows;
    }
    return g;
}

static const char *grid_cell(const grid *g, size_t k, int c) {
    if (g->r->record) return c == 0 ? g->r->cols[k].title : shown(g->r, (int)k, g->r->rows[0][k]);
    return shown(g->r, c, g->r->rows[k][c]);
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

static void write_table(const hz_report *r, FILE *f) {
    grid g = grid_of(r);
    int w[HZ_REPORT_COLS];
    for (int c = 0; c < g.n_cols; c++) {
        w[c] = width(g.head[c]);
        for (size_t k = 0; k < g.n_rows; k++)
            if (width(grid_cell(&g, k, c)) > w[c]) w[c] = width(grid_cell(&g, k, c));
    }
    fprintf(f, "%s\n", r->title);
    for (int c = 0; c < g.n_cols; c++) pad(f, g.head[c], w[c] + 2);
    fputc('\n', f);
    for (size_t k = 0; k < g.n_rows; k++) {
        for (int c = 0; c < g.n_cols; c++) pad(f, grid_cell(&g, k, c), w[c] + 2);
        fputc('\n', f);
    }
}

static void write_csv(const hz_report *r, FILE *f) {
    grid g = grid_of(r);
    for (int c = 0; c < g.n_cols; c++) {
        if (c) fputc(',', f);
        hz_csv_field(f, g.head[c]);
    }
    fputc('\n', f);
    for (size_t k = 0; k < g.n_rows; k++) {
        for (int c = 0; c < g.n_cols; c++) {
            if (c) fputc(',', f);
            hz_csv_field(f, grid_cell(&g, k, c));
        }
        fputc('\n', f);
    }
}

/* The formats of typed cells: money with thousands separators and two
 * decimals, dates as dates. */
typedef struct {
    lxw_format *money, *date;
} xlsx_formats;

static xlsx_formats xlsx_formats_of(lxw_workbook *wb) {
    xlsx_formats f = {workbook_add_format(wb), workbook_add_format(wb)};
    format_set_num_format(f.money, "#,##0.00");
    format_set_num_format(f.date, "yyyy-mm-dd");
    return f;
}

/* One cell by its column's kind: INT and MONEY as numbers, DATE as a date;
 * anything that does not parse (and text, booleans) as the text shown. The
 * double is only Excel's cell value: the figure is formatted from fen. */
static void xlsx_cell(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, hz_col_kind kind, const char *v,
                      const xlsx_formats *f) {
    hz_fen fen;
    hz_errinfo ignored;
    char *end;
    int y, m, d;
    if (*v && kind == HZ_COL_MONEY && hz_money_parse(v, true, &fen, "", &ignored) == HZ_OK) {
        worksheet_write_number(ws, row, col, (double)fen / 100.0, f->money);
        return;
    }
    if (*v && kind == HZ_COL_INT) {
        long long n = strtoll(v, &end, 10);
        if (!*end) {
            worksheet_write_number(ws, row, col, (double)n, NULL);
            return;
        }
    }
    if (kind == HZ_COL_DATE && strlen(v) == 10 && sscanf(v, "%4d-%2d-%2d", &y, &m, &d) == 3) {
        lxw_datetime dt = {y, m, d, 0, 0, 0};
        worksheet_write_datetime(ws, row, col, &dt, f->date);
        return;
    }
    worksheet_write_string(ws, row, col, v, NULL);
}

static void write_sheet(lxw_workbook *wb, lxw_format *bold, const hz_report *r) {
    /* the title names the sheet unless Excel refuses it (over 31 characters,
     * a [ ] : * ? / \\ or a name already used): then Sheet1, Sheet2, ... */
    const char *sheet = workbook_validate_sheet_name(wb, r->title) == LXW_NO_ERROR ? r->title : NULL;
    lxw_worksheet *ws = workbook_add_worksheet(wb, sheet);
    grid g = grid_of(r);
    for (int c = 0; c < g.n_cols; c++) {
        worksheet_write_string(ws, 0, (lxw_col_t)c, g.head[c], bold);
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, 18, NULL);
    }
    xlsx_formats f = xlsx_formats_of(wb);
    /* ID numbers and codes stay text (all 18 digits); a record's value
     * column takes each figure's own kind */
    for (size_t k = 0; k < g.n_rows; k++)
        for (int c = 0; c < g.n_cols; c++) {
            hz_col_kind kind = r->record ? (c == 0 ? HZ_COL_TEXT : r->cols[k].kind) : r->cols[c].kind;
            xlsx_cell(ws, (lxw_row_t)(k + 1), (lxw_col_t)c, kind, grid_cell(&g, k, c), &f);
        }
}

static hz_err write_xlsx(const hz_report *r, const char *path, hz_errinfo *e) {
    if (!path) return hz_fail(e, HZ_EUSAGE, "out: XLSX 须指定 --out 文件 (xlsx needs --out FILE)");
    lxw_workbook *wb = workbook_new(path);
    if (!wb) return hz_fail(e, HZ_EINVAL, "out: 无法写入 %s (cannot write)", path);
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    write_sheet(wb, bold, r);
    for (int p = 0; p < r->n_parts; p++) write_sheet(wb, bold, r->parts[p]);
    lxw_error err = workbook_close(wb);
    return err == LXW_NO_ERROR ? HZ_OK : hz_fail(e, HZ_EINVAL, "out: XLSX 写入失败 (%s)", lxw_strerror(err));
}

static json_t *cell_json(const hz_report_col *c, const char *v) {
    switch (c->kind) {
    case HZ_COL_INT: return json_integer(strtoll(v, NULL, 10));
    case HZ_COL_BOOL: return json_boolean(!strcmp(v, "1"));
    case HZ_COL_MONEY: return json_string(v);
    case HZ_COL_TEXT:
    case HZ_COL_DATE: break;
    }
    return *v ? json_string(v) : json_null();
}

static json_t *row_json(const hz_report *r, size_t k) {
    json_t *o = json_object();
    for (int c = 0; c < r->n_cols; c++) json_object_set_new(o, r->cols[c].key, cell_json(&r->cols[c], r->rows[k][c]));
    return o;
}

static json_t *rows_json(const hz_report *r) {
    json_t *a = json_array();
    for (size_t k = 0; k < r->n_rows; k++) json_array_append_new(a, row_json(r, k));
    return a;
}

json_t *hz_report_json(const hz_report *r) {
    json_t *doc;
    if (r->record) {
        doc = r->n_rows ? row_json(r, 0) : json_object();
        json_object_set_new(doc, "report", json_string(r->name));
    } else {
        json_t *cols = json_array();
        for (int c = 0; c < r->n_cols; c++) json_array_append_new(cols, json_string(r->cols[c].key));
        doc = json_pack("{s:s, s:o, s:o, s:I}", "report", r->name, "columns", cols, "items", rows_json(r), "total",
                        (json_int_t)r->n_rows);
    }
    for (int p = 0; doc && p < r->n_parts; p++) {
        const hz_report *part = r->parts[p];
        json_object_set_new(doc, part->name,
                            part->record ? (part->n_rows ? row_json(part, 0) : json_object()) : rows_json(part));
    }
    return doc;
}

hz_err hz_report_write(const hz_report *r, hz_report_format fmt, FILE *f, const char *path, hz_errinfo *e) {
    switch (fmt) {
    case HZ_FMT_XLSX: return write_xlsx(r, path, e);
    case HZ_FMT_CSV:
        fputs("\xEF\xBB\xBF", f);
        write_csv(r, f);
        for (int p = 0; p < r->n_parts; p++) {
            fputc('\n', f);
            write_csv(r->parts[p], f);
        }
        break;
    case HZ_FMT_JSON: {
        json_t *doc = hz_report_json(r);
        char *s = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
        json_decref(doc);
        if (!s) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
        fputs(s, f);
        fputc('\n', f);
        free(s);
        break;
    }
    case HZ_FMT_TABLE:
        write_table(r, f);
        for (int p = 0; p < r->n_parts; p++) {
            fputc('\n', f);
            write_table(r->parts[p], f);
        }
        break;
    }
    return ferror(f) ? hz_fail(e, HZ_EINTERNAL, "写入失败 (write failed)") : HZ_OK;
}

static hz_err read_whole(const char *path, char **buf, size_t *len, hz_errinfo *e) {
    FILE *f = fopen(path, "rb");
    if (!f) return hz_fail(e, HZ_EINTERNAL, "无法读取临时文件 (cannot read the temporary file)");
    long n = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
    if (n < 0 || fseek(f, 0, SEEK_SET) != 0) {
        fclose(f);
        return hz_fail(e, HZ_EINTERNAL, "无法读取临时文件 (cannot read the temporary file)");
    }
    *buf = malloc((size_t)n + 1);
    *len = *buf ? fread(*buf, 1, (size_t)n, f) : 0;
    bool short_read = *buf && (ferror(f) || *len != (size_t)n);
    fclose(f);
    if (!*buf) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    if (short_read) {
        free(*buf);
        *buf = NULL;
        *len = 0;
        return hz_fail(e, HZ_EINTERNAL, "无法读取临时文件 (cannot read the temporary file)");
    }
    return HZ_OK;
}

hz_err hz_report_render(const hz_report *r, hz_report_format fmt, char **buf, size_t *len, hz_errinfo *e) {
    *buf = NULL;
    *len = 0;
    if (fmt == HZ_FMT_XLSX) {
        const char *dir = getenv("TMPDIR");
        char path[512];
        snprintf(path, sizeof path, "%s/huzhu-report-XXXXXX", dir && *dir ? dir : "/tmp");
        int fd = mkstemp(path);
        if (fd < 0) return hz_fail(e, HZ_EINTERNAL, "无法创建临时文件 (cannot create a temporary file)");
        close(fd);
        hz_err rc = write_xlsx(r, path, e);
        if (!rc) rc = read_whole(path, buf, len, e);
        unlink(path);
        return rc;
    }
    FILE *f = open_memstream(buf, len);
    if (!f) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    hz_err rc = hz_report_write(r, fmt, f, NULL, e);
    if (fclose(f) && !rc) rc = hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    if (rc) {
        free(*buf);
        *buf = NULL;
    }
    return rc;
}

/* Streaming (hz_report_stream_begin): the head at the first row, each row
 * as it comes, the tail and the parts at the end. */

hz_err hz_report_stream_begin(hz_report *r, hz_report_format fmt, FILE *f, const char *path, hz_errinfo *e) {
    if (fmt == HZ_FMT_TABLE) return hz_fail(e, HZ_EUSAGE, "format: 表格不能流式输出 (the table format is not streamed)");
    if (fmt == HZ_FMT_XLSX && !path) return hz_fail(e, HZ_EUSAGE, "out: XLSX 须指定 --out 文件 (xlsx needs --out FILE)");
    hz_report_stream *st = calloc(1, sizeof *st);
    if (!st) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    st->fmt = fmt;
    st->f = f;
    if (path) snprintf(st->path, sizeof st->path, "%s", path);
    r->stream = st;
    return HZ_OK;
}

static void json_put(FILE *f, json_t *v) {
    char *s = v ? json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
    if (s) fputs(s, f);
    else fputs("null", f);
    free(s);
    json_decref(v);
}

static hz_err stream_start(hz_report *r, hz_errinfo *e) {
    hz_report_stream *st = r->stream;
    st->started = true;
    if (st->fmt == HZ_FMT_CSV) {
        fputs("\xEF\xBB\xBF", st->f);
        for (int c = 0; c < r->n_cols; c++) {
            if (c) fputc(',', st->f);
            hz_csv_field(st->f, r->cols[c].title);
        }
        fputc('\n', st->f);
    } else if (st->fmt == HZ_FMT_JSON) {
        fputs("{\"report\":", st->f);
        json_put(st->f, json_string(r->name));
        fputs(",\"columns\":[", st->f);
        for (int c = 0; c < r->n_cols; c++) {
            if (c) fputc(',', st->f);
            json_put(st->f, json_string(r->cols[c].key));
        }
        fputs("],\"items\":[", st->f);
    } else {
        lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = getenv("TMPDIR")};
        if (!(st->wb = workbook_new_opt(st->path, &opt)))
            return hz_fail(e, HZ_EINVAL, "out: 无法写入 %s (cannot write)", st->path);
        st->bold = workbook_add_format(st->wb);
        format_set_bold(st->bold);
        xlsx_formats f = xlsx_formats_of(st->wb);
        st->money = f.money;
        st->date = f.date;
        const char *sheet = workbook_validate_sheet_name(st->wb, r->title) == LXW_NO_ERROR ? r->title : NULL;
        st->ws = workbook_add_worksheet(st->wb, sheet);
        for (int c = 0; c < r->n_cols; c++) {
            worksheet_set_column(st->ws, (lxw_col_t)c, (lxw_col_t)c, 18, NULL);
            worksheet_write_string(st->ws, 0, (lxw_col_t)c, r->cols[c].title, st->bold);
        }
    }
    return st->f && ferror(st->f) ? hz_fail(e, HZ_EINTERNAL, "写入失败 (write failed)") : HZ_OK;
}

static hz_err stream_row(hz_report *r, const char *const *cells, hz_errinfo *e) {
    hz_report_stream *st = r->stream;
    if (st->fmt == HZ_FMT_CSV) {
        for (int c = 0; c < r->n_cols; c++) {
            if (c) fputc(',', st->f);
            hz_csv_field(st->f, shown(r, c, cells[c] ? cells[c] : ""));
        }
        fputc('\n', st->f);
    } else if (st->fmt == HZ_FMT_JSON) {
        json_t *o = json_object();
        for (int c = 0; o && c < r->n_cols; c++)
            json_object_set_new(o, r->cols[c].key, cell_json(&r->cols[c], cells[c] ? cells[c] : ""));
        if (!o) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
        if (st->rows) fputc(',', st->f);
        json_put(st->f, o);
    } else {
        xlsx_formats f = {st->money, st->date};
        for (int c = 0; c < r->n_cols; c++)
            xlsx_cell(st->ws, (lxw_row_t)(st->rows + 1), (lxw_col_t)c, r->cols[c].kind,
                      shown(r, c, cells[c] ? cells[c] : ""), &f);
    }
    st->rows++;
    return st->f && ferror(st->f) ? hz_fail(e, HZ_EINTERNAL, "写入失败 (write failed)") : HZ_OK;
}

/* Starts the stream and writes the rows kept so far, then frees them. */
static hz_err stream_flush(hz_report *r, hz_errinfo *e) {
    hz_err rc = stream_start(r, e);
    for (size_t k = 0; !rc && k < r->n_rows; k++) rc = stream_row(r, (const char *const *)r->rows[k], e);
    for (size_t k = 0; k < r->n_rows; k++)
        for (int i = 0; i < r->n_cols; i++) free(r->rows[k][i]);
    free(r->rows);
    r->rows = NULL;
    r->n_rows = r->cap = 0;
    return rc;
}

hz_err hz_report_stream_end(hz_report *r, hz_errinfo *e) {
    hz_report_stream *st = r->stream;
    if (!st) return hz_fail(e, HZ_EINTERNAL, "no stream");
    if (r->record) { /* one row, kept: written whole */
        r->stream = NULL;
        hz_err rc = hz_report_write(r, st->fmt, st->f, st->path, e);
        r->stream = st;
        return rc;
    }
    hz_err rc;
    if (!st->started && (rc = stream_flush(r, e))) return rc;
    if (st->fmt == HZ_FMT_CSV) {
        for (int p = 0; p < r->n_parts; p++) {
            fputc('\n', st->f);
            write_csv(r->parts[p], st->f);
        }
    } else if (st->fmt == HZ_FMT_JSON) {
        fprintf(st->f, "],\"total\":%zu", st->rows);
        for (int p = 0; p < r->n_parts; p++) {
            const hz_report *part = r->parts[p];
            fputc(',', st->f);
            json_put(st->f, json_string(part->name));
            fputc(':', st->f);
            json_put(st->f, part->record ? (part->n_rows ? row_json(part, 0) : json_object()) : rows_json(part));
        }
        fputs("}\n", st->f);
    } else {
        for (int p = 0; p < r->n_parts; p++) write_sheet(st->wb, st->bold, r->parts[p]);
        lxw_error err = workbook_close(st->wb);
        st->wb = NULL;
        if (err != LXW_NO_ERROR) return hz_fail(e, HZ_EINVAL, "out: XLSX 写入失败 (%s)", lxw_strerror(err));
        return HZ_OK;
    }
    return ferror(st->f) ? hz_fail(e, HZ_EINTERNAL, "写入失败 (write failed)") : HZ_OK;
}
