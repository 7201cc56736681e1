/* CSV (libcsv) and encodings (iconv); XLSX lives in xlsx.c. */
#include "io/table.h"

#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "io/xlsx.h"

_Static_assert(HZ_XLSX_MAX_FIELD == HZ_TABLE_MAX_FIELD && HZ_XLSX_MAX_COLS == HZ_TABLE_MAX_COLS,
               "an XLSX roster obeys the same limits as a CSV one");

struct hz_table {
    char *data; /* UTF-8 CSV text, or NULL for XLSX */
    size_t len;
    hz_xlsx *xlsx;
    const char *encoding;
    char digest[65];
};

hz_err hz_encoding_parse(const char *s, hz_encoding *out, hz_errinfo *e) {
    if (!s || !strcasecmp(s, "auto")) *out = HZ_ENC_AUTO;
    else if (!strcasecmp(s, "utf-8") || !strcasecmp(s, "utf8")) *out = HZ_ENC_UTF8;
    else if (!strcasecmp(s, "gb18030") || !strcasecmp(s, "gbk") || !strcasecmp(s, "gb2312")) *out = HZ_ENC_GB18030;
    else return hz_fail(e, HZ_EINVAL, "encoding: 应为 utf-8 或 gb18030 (unknown encoding '%s')", s);
    return HZ_OK;
}

hz_err hz_file_read(const char *path, char **buf, size_t *len, hz_errinfo *e) {
    FILE *f = fopen(path, "rb");
    if (!f) return hz_fail(e, HZ_ENOTFOUND, "%s: 无法打开文件 (cannot open: %s)", path, strerror(errno));
    size_t cap = 1 << 20, n = 0;
    char *b = malloc(cap + 1);
    while (b) {
        size_t got = fread(b + n, 1, cap - n, f);
        n += got;
        if (n < cap) break;
        if (cap >= HZ_TABLE_MAX_BYTES) {
            free(b);
            fclose(f);
            return hz_fail(e, HZ_EINVAL, "%s: 文件超过 2 GiB (file larger than 2 GiB)", path);
        }
        cap *= 2;
        char *g = realloc(b, cap + 1);
        if (!g) free(b);
        b = g;
    }
    bool err = ferror(f);
    fclose(f);
    if (!b) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    if (err) {
        free(b);
        return hz_fail(e, HZ_EINVAL, "%s: 读取失败 (read error)", path);
    }
    b[n] = '\0';
    *buf = b;
    *len = n;
    return HZ_OK;
}

/* Line number (1-based) of byte offset off in buf. */
static long line_of(const char *buf, size_t off) {
    long line = 1;
    for (size_t i = 0; i < off; i++) line += buf[i] == '\n';
    return line;
}

static hz_err gb18030_to_utf8(hz_table *t, hz_errinfo *e) {
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == (iconv_t)-1) return hz_fail(e, HZ_EINTERNAL, "iconv 不支持 GB18030 (iconv lacks GB18030)");
    size_t cap = t->len * 2 + 16;
    char *out = malloc(cap), *op = out, *ip = t->data;
    size_t il = t->len, ol = cap;
    hz_err rc = HZ_OK;
    if (!out) rc = hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    while (rc == HZ_OK && il > 0) {
        if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1) break;
        if (errno == E2BIG) {
            size_t used = (size_t)(op - out);
            cap *= 2;
            char *g = realloc(out, cap);
            if (!g) {
                rc = hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
                break;
            }
            out = g;
            op = out + used;
            ol = cap - used;
        } else {
            rc = hz_fail(e, HZ_EINVAL, "第%ld行: 既不是 UTF-8 也不是 GB18030 编码 (line %ld: neither UTF-8 nor GB18030)",
                         line_of(t->data, (size_t)(ip - t->data)), line_of(t->data, (size_t)(ip - t->data)));
        }
    }
    iconv_close(cd);
    if (rc) {
        free(out);
        return rc;
    }
    free(t->data);
    t->len = (size_t)(op - out);
    t->data = out;
    return HZ_OK;
}

/* First invalid UTF-8 byte offset, or len when valid. */
static size_t utf8_bad_offset(const char *s, size_t len) {
    if (hz_utf8_valid(s, len)) return len;
    size_t start = 0; /* report the first bad line */
    for (size_t i = 0; i <= len; i++)
        if (i == len || s[i] == '\n') {
            if (!hz_utf8_valid(s + start, i - start)) return start;
            start = i + 1;
        }
    return len;
}

hz_err hz_table_open_buffer(char *data, size_t len, hz_encoding enc, hz_table **out, hz_errinfo *e) {
    hz_table *t = calloc(1, sizeof *t);
    if (!t) {
        free(data);
        return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    }
    t->data = data;
    t->len = len;
    hz_err rc = HZ_OK;
    unsigned char h[32];
    crypto_generichash(h, sizeof h, (const unsigned char *)t->data, t->len, NULL, 0);
    sodium_bin2hex(t->digest, sizeof t->digest, h, sizeof h);
    if (t->len >= 4 && memcmp(t->data, "PK\x03\x04", 4) == 0) {
        rc = hz_xlsx_open(t->data, t->len, &t->xlsx, e);
        free(t->data);
        t->data = NULL;
        t->encoding = "utf-8";
        if (rc) {
            free(t);
            return rc;
        }
        *out = t;
        return HZ_OK;
    }
    size_t skip = t->len >= 3 && memcmp(t->data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    if (skip) {
        memmove(t->data, t->data + 3, t->len - 3);
        t->len -= 3;
        t->data[t->len] = '\0';
    }
    size_t bad = utf8_bad_offset(t->data, t->len);
    if (enc == HZ_ENC_GB18030 || (enc == HZ_ENC_AUTO && !skip && bad < t->len)) {
        t->encoding = "gb18030";
        rc = gb18030_to_utf8(t, e);
    } else if (bad < t->len) {
        long line = line_of(t->data, bad);
        rc = hz_fail(e, HZ_EINVAL, "第%ld行: 不是有效的 UTF-8 编码 (line %ld: invalid UTF-8)", line, line);
    } else {
        t->encoding = "utf-8";
    }
    if (rc) {
        hz_table_free(t);
        return rc;
    }
    *out = t;
    return HZ_OK;
}

hz_err hz_table_open(const char *path, hz_encoding enc, hz_table **out, hz_errinfo *e) {
    char *data;
    size_t len;
    hz_err rc = hz_file_read(path, &data, &len, e);
    return rc ? rc : hz_table_open_buffer(data, len, enc, out, e);
}

hz_err hz_table_open_mem(const char *data, size_t len, hz_encoding enc, hz_table **out, hz_errinfo *e) {
    if (len > HZ_TABLE_MAX_BYTES) return hz_fail(e, HZ_EINVAL, "文件超过 2 GiB (file larger than 2 GiB)");
    char *copy = malloc(len + 1);
    if (!copy) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    memcpy(copy, data, len);
    copy[len] = '\0';
    return hz_table_open_buffer(copy, len, enc, out, e);
}

void hz_table_free(hz_table *t) {
    if (!t) return;
    free(t->data);
    hz_xlsx_free(t->xlsx);
    free(t);
}

const char *hz_table_format(const hz_table *t) { return t->xlsx ? "xlsx" : "csv"; }
const char *hz_table_encoding(const hz_table *t) { return t->encoding; }
const char *hz_table_digest(const hz_table *t) { return t->digest; }

/* Stands between the reader and the caller for CSV and XLSX alike: keeps
 * the header's names and refuses a row with more values than the header
 * has columns (1,000.00 unquoted is two values, not one amount). */
typedef struct {
    hz_table_row_fn fn;
    void *ctx;
    int n_head;
    bool csv; /* every cell counts: "…,1,000.00,0," ends in an empty one */
    char head[HZ_TABLE_MAX_COLS][48];
} row_guard;

/* "“医院名称”列" when the header names column i, else "第i列". */
static const char *column_name(const row_guard *g, int i, char *buf, size_t len) {
    if (i < g->n_head && g->head[i][0]) snprintf(buf, len, "“%s”列", g->head[i]);
    else snprintf(buf, len, "第%d列", i + 1);
    return buf;
}

static hz_err guarded_row(void *vg, long row, char **f, int n, hz_errinfo *e) {
    row_guard *g = vg;
    if (row == 1) {
        g->n_head = n;
        for (int i = 0; i < n; i++)
            if (hz_strlcpy(g->head[i], f[i], sizeof g->head[i]) >= sizeof g->head[i] ||
                !hz_utf8_valid(g->head[i], strlen(g->head[i])))
                g->head[i][0] = '\0'; /* too long to quote: named by number */
        return g->fn(g->ctx, row, f, n, e);
    }
    int last = n; /* XLSX: a formatted but empty cell past the header is no value */
    while (!g->csv && last > 0 && !f[last - 1][0])
        last--;
    if (last > g->n_head)
        return hz_fail(e, HZ_EINVAL,
                       "第%ld行: 有 %d 个值, 表头只有 %d 列; 带千位逗号的金额 (如 1,000.00) 须加引号或去掉逗号 (row %ld: %d "
                       "values but the header has %d columns)",
                       row, last, g->n_head, row, last, g->n_head);
    return g->fn(g->ctx, row, f, n, e);
}

typedef struct {
    row_guard *g;
    hz_errinfo *e;
    hz_err rc;
    long row;
    int n;
    int nul_col;      /* first cell of this row holding a NUL byte, or -1 */
    int nl_col;       /* first cell holding a line break, or -1 */
    bool overflow;
    size_t used;      /* bytes of buf holding this row's cells */
    char *buf;        /* libcsv reuses its field buffer: cells are copied here */
    char *fields[HZ_TABLE_MAX_COLS];
} csv_walk;

/* Trims blanks (space, tab, CR, full-width space U+3000) in place. */
static char *trim(char *s, size_t len) {
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r')) s[--len] = '\0';
    while (len >= 3 && memcmp(s + len - 3, "\xE3\x80\x80", 3) == 0) s[len -= 3] = '\0';
    while (*s == ' ' || *s == '\t') s++;
    while (memcmp(s, "\xE3\x80\x80", 3) == 0) s += 3;
    return s;
}

static void on_field(void *s, size_t len, void *data) {
    csv_walk *w = data;
    if (w->rc) return;
    if (len > HZ_TABLE_MAX_FIELD) {
        w->rc = hz_fail(w->e, HZ_EINVAL, "第%ld行: 单元格超过 %d 字节 (row %ld: cell longer than %d bytes)", w->row + 1,
                        HZ_TABLE_MAX_FIELD, w->row + 1, HZ_TABLE_MAX_FIELD);
        return;
    }
    if (w->n == HZ_TABLE_MAX_COLS) {
        w->overflow = true;
        return;
    }
    /* a NUL would cut the cell short in silence ("西\0京医院" read as "西") */
    if (w->nul_col < 0 && len && memchr(s, '\0', len)) w->nul_col = w->n;
    if (w->nl_col < 0 && len && (memchr(s, '\n', len) || memchr(s, '\r', len))) w->nl_col = w->n;
    char *cell = w->buf + w->used;
    memcpy(cell, s, len);
    cell[len] = '\0';
    w->used += len + 1;
    w->fields[w->n++] = trim(cell, len);
}

static void on_row(int c, void *data) {
    (void)c;
    csv_walk *w = data;
    w->row++;
    if (w->rc == HZ_OK && w->overflow)
        w->rc = hz_fail(w->e, HZ_EINVAL, "第%ld行: 超过 %d 列 (row %ld: more than %d columns)", w->row,
                        HZ_TABLE_MAX_COLS, w->row, HZ_TABLE_MAX_COLS);
    if (w->rc == HZ_OK && w->nul_col >= 0) {
        char col[96];
        w->rc = hz_fail(w->e, HZ_EINVAL, "第%ld行%s: 含有空字符 (NUL), 文件可能已损坏 (row %ld: a NUL byte inside a field)",
                        w->row, column_name(w->g, w->nul_col, col, sizeof col), w->row);
    }
    if (w->rc == HZ_OK && w->nl_col >= 0) {
        char col[96];
        w->rc = hz_fail(w->e, HZ_EINVAL,
                        "第%ld行%s: 单元格跨行, 多为引号不配对 (或单元格内有换行) (row %ld: a cell spans lines: an "
                        "unbalanced quote?)",
                        w->row, column_name(w->g, w->nl_col, col, sizeof col), w->row);
    }
    if (w->rc == HZ_OK) w->rc = guarded_row(w->g, w->row, w->fields, w->n, w->e);
    w->n = 0;
    w->used = 0;
    w->overflow = false;
    w->nul_col = w->nl_col = -1;
}

/* libcsv stopped at row `row`, the row being read. */
static hz_err csv_failed(struct csv_parser *p, long row, hz_errinfo *e) {
    return hz_fail(e, HZ_EINVAL, "第%ld行: CSV 格式错误 (row %ld: %s)", row, row, csv_strerror(csv_error(p)));
}

hz_err hz_table_each(hz_table *t, hz_table_row_fn fn, void *ctx, hz_errinfo *e) {
    row_guard *g = calloc(1, sizeof *g);
    if (!g) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    g->fn = fn;
    g->ctx = ctx;
    if (t->xlsx) {
        hz_err rc = hz_xlsx_each(t->xlsx, guarded_row, g, e);
        free(g);
        return rc;
    }
    g->csv = true;
    struct csv_parser p;
    /* a quote left open swallows the rows after it and would be reported as
     * whatever field those rows made wrong: the cell it opens holds a line
     * break (on_field), whether it closes rows later or never. Quotes
     * inside an unquoted cell stay text, as Excel reads them. */
    if (csv_init(&p, CSV_APPEND_NULL) != 0) {
        free(g);
        return hz_fail(e, HZ_EINTERNAL, "CSV 解析器初始化失败 (csv_init failed)");
    }
    csv_walk w = {g, e, HZ_OK, 0, 0, -1, -1, false, 0, malloc((size_t)HZ_TABLE_MAX_COLS * (HZ_TABLE_MAX_FIELD + 1)), {0}};
    if (!w.buf) {
        csv_free(&p);
        free(g);
        return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    }
    csv_set_blk_size(&p, 1 << 16); /* a long cell grows in 64 KiB steps, not 128 B */
    /* a physical line longer than any row can be (every cell quoted at its
     * cap) is refused before libcsv sees it: libcsv grows a cell 128 bytes
     * at a time, so a megabyte line took minutes to be refused as a cell */
    const size_t max_line = (size_t)HZ_TABLE_MAX_COLS * (HZ_TABLE_MAX_FIELD * 2 + 3);
    long line_no = 1;
    for (const char *q = t->data, *end = t->data + t->len; q < end; line_no++) {
        const char *nl = memchr(q, '\n', (size_t)(end - q));
        size_t n = (size_t)((nl ? nl : end) - q);
        if (n > max_line) {
            csv_free(&p);
            free(w.buf);
            free(g);
            return hz_fail(e, HZ_EINVAL, "第%ld行: 超过 %zu 字节, 不可能是一行名册或结算 (line %ld longer than %zu bytes)",
                           line_no, max_line, line_no, max_line);
        }
        q = nl ? nl + 1 : end;
    }
    /* feed in blocks so an error stops the walk early */
    size_t off = 0, block = 1 << 16;
    while (off < t->len && w.rc == HZ_OK) {
        size_t n = t->len - off < block ? t->len - off : block;
        if (csv_parse(&p, t->data + off, n, on_field, on_row, &w) != n) {
            if (w.rc == HZ_OK) w.rc = csv_failed(&p, w.row + 1, e);
            break;
        }
        off += n;
    }
    /* a last line without its line break gets one: a quote left open on it
     * then holds a line break too, as on any other line */
    if (w.rc == HZ_OK && t->len && t->data[t->len - 1] != '\n' && csv_parse(&p, "\n", 1, on_field, on_row, &w) != 1 &&
        w.rc == HZ_OK)
        w.rc = csv_failed(&p, w.row + 1, e);
    if (w.rc == HZ_OK && csv_fini(&p, on_field, on_row, &w) != 0 && w.rc == HZ_OK) w.rc = csv_failed(&p, w.row + 1, e);
    csv_free(&p);
    free(w.buf);
    free(g);
    return w.rc;
}
