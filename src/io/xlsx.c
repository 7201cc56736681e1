/* XLSX reading: zip (libzip) + SpreadsheetML (expat). Only what a roster
 * needs: the first sheet's cell text. */
#include "io/xlsx.h"

#include <expat.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define XLSX_MAX_PART ((zip_uint64_t)512 << 20) /* one XML part */
#define XLSX_MAX_ROWS 1100000
#define XLSX_LAST_ROW 1048576L /* Excel's last row number */

typedef struct {
    long row;
    int n;
    char **cells;
} xrow;

struct hz_xlsx {
    size_t n_rows, cap_rows;
    xrow *rows;
};

/* growable text buffer with a maximum */
typedef struct {
    char *s;
    size_t n, cap;
    bool over;
} sbuf;

static void sb_add(sbuf *b, const char *s, size_t len) {
    if (b->over) return;
    if (b->n + len + 1 > HZ_XLSX_MAX_FIELD * 4) {
        b->over = true;
        return;
    }
    if (b->n + len + 1 > b->cap) {
        size_t cap = (b->n + len + 1) * 2;
        char *g = realloc(b->s, cap);
        if (!g) {
            b->over = true;
            return;
        }
        b->s = g;
        b->cap = cap;
    }
    memcpy(b->s + b->n, s, len);
    b->n += len;
    b->s[b->n] = '\0';
}
static void sb_reset(sbuf *b) {
    b->n = 0;
    b->over = false;
    if (b->s) b->s[0] = '\0';
}

/* Reads one part. The size the zip directory declares is not trusted for
 * the allocation (a 300-byte file may claim 500 MiB): the buffer grows with
 * the bytes that really inflate, up to XLSX_MAX_PART, and the total must
 * then match the declared size. */
static hz_err read_part(zip_t *z, const char *name, char **out, size_t *len, hz_errinfo *e) {
    zip_stat_t st;
    if (zip_stat(z, name, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
        return hz_fail(e, HZ_ENOTFOUND, "XLSX 缺少 %s (not in the workbook)", name);
    if (st.size > XLSX_MAX_PART) return hz_fail(e, HZ_EINVAL, "XLSX: %s 过大 (part too large)", name);
    zip_file_t *f = zip_fopen(z, name, 0);
    if (!f) return hz_fail(e, HZ_EINVAL, "XLSX: 无法读取 %s (cannot read part)", name);
    size_t cap = st.size < 65536 ? (size_t)st.size : 65536, n = 0;
    char *buf = malloc(cap + 1);
    bool bad = !buf;
    while (!bad) {
        if (n == cap) {
            if (n == st.size) break;
            size_t grow = cap * 2 < st.size ? cap * 2 : (size_t)st.size;
            char *g = realloc(buf, grow + 1);
            if (!g) {
                bad = true;
                break;
            }
            buf = g;
            cap = grow;
        }
        zip_int64_t got = zip_fread(f, buf + n, cap - n);
        if (got < 0) bad = true;
        if (got <= 0) break;
        n += (size_t)got;
    }
    zip_fclose(f);
    if (bad || n != st.size) {
        free(buf);
        return hz_fail(e, HZ_EINVAL, "XLSX: %s 读取失败 (corrupt part)", name);
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return HZ_OK;
}

/* --- workbook.xml + rels: find the first sheet's part name --- */
typedef struct {
    char rid[64];
    char target[256];
    const char *want_rid;
} wb_state;

static const char *attr(const XML_Char **a, const char *name) {
    for (int i = 0; a[i]; i += 2)
        if (strcmp(a[i], name) == 0) return a[i + 1];
    return NULL;
}

static const char *local(const char *name) {
    const char *c = strrchr(name, ':');
    return c ? c + 1 : name;
}

static void wb_start(void *ud, const XML_Char *name, const XML_Char **a) {
    wb_state *s = ud;
    if (!s->rid[0] && strcmp(local(name), "sheet") == 0) {
        const char *r = attr(a, "r:id");
        if (r) snprintf(s->rid, sizeof s->rid, "%s", r);
    }
}

static void rels_start(void *ud, const XML_Char *name, const XML_Char **a) {
    wb_state *s = ud;
    if (strcmp(local(name), "Relationship") == 0) {
        const char *id = attr(a, "Id"), *t = attr(a, "Target");
        if (id && t && strcmp(id, s->want_rid) == 0) snprintf(s->target, sizeof s->target, "%s", t);
    }
}

static hz_err parse_xml(const char *buf, size_t len, void *ud, XML_StartElementHandler st, XML_EndElementHandler en,
                        XML_CharacterDataHandler cd, const char *part, hz_errinfo *e) {
    XML_Parser p = XML_ParserCreate("UTF-8");
    if (!p) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    XML_SetUserData(p, ud);
    XML_SetElementHandler(p, st, en);
    if (cd) XML_SetCharacterDataHandler(p, cd);
    hz_err rc = HZ_OK;
    if (XML_Parse(p, buf, (int)len, 1) == XML_STATUS_ERROR)
        rc = hz_fail(e, HZ_EINVAL, "XLSX: %s 第%lu行 XML 错误 (%s)", part, (unsigned long)XML_GetCurrentLineNumber(p),
                     XML_ErrorString(XML_GetErrorCode(p)));
    XML_ParserFree(p);
    return rc;
}

/* --- shared strings --- */
typedef struct {
    char **items;
    size_t n, cap;
    sbuf cur;
    int in_t, in_rph;
    bool oom;
} sst_state;

static void sst_start(void *ud, const XML_Char *name, const XML_Char **a) {
    (void)a;
    sst_state *s = ud;
    const char *l = local(name);
    if (strcmp(l, "si") == 0) sb_reset(&s->cur);
    else if (strcmp(l, "t") == 0) s->in_t++;
    else if (strcmp(l, "rPh") == 0) s->in_rph++;
}

static void sst_end(void *ud, const XML_Char *name) {
    sst_state *s = ud;
    const char *l = local(name);
    if (strcmp(l, "t") == 0) s->in_t--;
    else if (strcmp(l, "rPh") == 0) s->in_rph--;
    else if (strcmp(l, "si") == 0) {
        if (s->n == s->cap) {
            size_t cap = s->cap ? s->cap * 2 : 1024;
            char **g = realloc(s->items, cap * sizeof *g);
            if (!g) {
                s->oom = true;
                return;
            }
            s->items = g;
            s->cap = cap;
        }
        char *item = strdup(s->cur.s ? s->cur.s : "");
        if (!item) {
            s->oom = true;
            return;
        }
        s->items[s->n++] = item;
    }
}

static void sst_text(void *ud, const XML_Char *t, int len) {
    sst_state *s = ud;
    if (s->in_t && !s->in_rph) sb_add(&s->cur, t, (size_t)len);
}

/* --- the sheet --- */
typedef struct {
    hz_xlsx *x;
    sst_state *sst;
    sbuf v;
    int in_v;
    char type[16];
    int col, next_col;
    long row;
    bool in_row;
    xrow cur;
    hz_errinfo *e;
    hz_err rc;
} sheet_state;

/* 0-based column of a cell reference ("B7" -> 1). Past the last column a
 * roster may have the count stops growing, so a crafted "ZZZZZZZZZ1" is
 * HZ_XLSX_MAX_COLS (refused by put_cell), never a signed overflow. */
static int col_of(const char *ref) {
    int c = 0;
    for (; *ref >= 'A' && *ref <= 'Z'; ref++) {
        c = c * 26 + (*ref - 'A' + 1);
        if (c > HZ_XLSX_MAX_COLS) return HZ_XLSX_MAX_COLS;
    }
    return c - 1;
}

static void put_cell(sheet_state *s, int col, const char *text) {
    if (s->rc) return;
    if (col < 0 || col >= HZ_XLSX_MAX_COLS) {
        s->rc = hz_fail(s->e, HZ_EINVAL, "第%ld行: 超过 %d 列 (row %ld: more than %d columns)", s->row,
                        HZ_XLSX_MAX_COLS, s->row, HZ_XLSX_MAX_COLS);
        return;
    }
    if (strlen(text) > HZ_XLSX_MAX_FIELD) {
        s->rc = hz_fail(s->e, HZ_EINVAL, "第%ld行: 单元格超过 %d 字节 (row %ld: cell too long)", s->row,
                        HZ_XLSX_MAX_FIELD, s->row);
        return;
    }
    if (col >= s->cur.n) {
        char **g = realloc(s->cur.cells, (size_t)(col + 1) * sizeof *g);
        if (!g) {
            s->rc = hz_fail(s->e, HZ_EINTERNAL, "内存不足 (out of memory)");
            return;
        }
        for (int i = s->cur.n; i <= col; i++) g[i] = NULL;
        s->cur.cells = g;
        s->cur.n = col + 1;
    }
    free(s->cur.cells[col]);
    s->cur.cells[col] = strdup(text);
}

/* Frees the row being read (a refused or unterminated one). */
static void row_drop(sheet_state *s) {
    for (int i = 0; i < s->cur.n; i++) free(s->cur.cells[i]);
    free(s->cur.cells);
    memset(&s->cur, 0, sizeof s->cur);
}

static void sheet_start(void *ud, const XML_Char *name, const XML_Char **a) {
    sheet_state *s = ud;
    const char *l = local(name);
    if (strcmp(l, "row") == 0) {
        const char *r = attr(a, "r");
        long prev = s->row;
        char *end = NULL;
        s->row = r ? strtol(r, &end, 10) : prev + 1;
        /* rows come in ascending order, numbered 1..1048576: a row "-5" or
         * "900000000" would reach callers that size per-row state by it */
        if ((r && (end == r || *end)) || s->row <= prev || s->row > XLSX_LAST_ROW) {
            if (!s->rc)
                s->rc = hz_fail(s->e, HZ_EINVAL, "XLSX: 行号 %.20s 无效 (row number out of order or out of range)",
                                r ? r : "");
            s->row = prev;
        }
        s->in_row = true;
        s->next_col = 0;
        row_drop(s);
        s->cur.row = s->row;
    } else if (strcmp(l, "c") == 0) {
        const char *r = attr(a, "r"), *t = attr(a, "t");
        s->col = r ? col_of(r) : s->next_col;
        s->next_col = s->col + 1;
        snprintf(s->type, sizeof s->type, "%s", t ? t : "n");
        sb_reset(&s->v);
    } else if (strcmp(l, "v") == 0 || strcmp(l, "t") == 0) {
        s->in_v++;
    }
}

static void sheet_end(void *ud, const XML_Char *name) {
    sheet_state *s = ud;
    const char *l = local(name);
    if (strcmp(l, "v") == 0 || strcmp(l, "t") == 0) {
        s->in_v--;
    } else if (strcmp(l, "c") == 0) {
        const char *text = s->v.s ? s->v.s : "";
        if (s->v.over) {
            s->rc = s->rc ? s->rc : hz_fail(s->e, HZ_EINVAL, "第%ld行: 单元格过长 (row %ld: cell too long)", s->row, s->row);
            return;
        }
        if (strcmp(s->type, "s") == 0) {
            char *end;
            long idx = strtol(text, &end, 10);
            if (!*text || *end || idx < 0 || (size_t)idx >= s->sst->n) {
                s->rc = s->rc ? s->rc : hz_fail(s->e, HZ_EINVAL, "第%ld行: 共享字符串编号无效 (bad shared string)", s->row);
                return;
            }
            text = s->sst->items[idx];
        }
        put_cell(s, s->col, text);
    } else if (strcmp(l, "row") == 0) {
        s->in_row = false;
        hz_xlsx *x = s->x;
        if (s->rc) {
            row_drop(s);
            return;
        }
        if (x->n_rows == XLSX_MAX_ROWS) {
            s->rc = hz_fail(s->e, HZ_EINVAL, "XLSX 行数过多 (more than %d rows)", XLSX_MAX_ROWS);
            row_drop(s);
            return;
        }
        if (x->n_rows == x->cap_rows) {
            size_t cap = x->cap_rows ? x->cap_rows * 2 : 1024;
            xrow *g = realloc(x->rows, cap * sizeof *g);
            if (!g) {
                s->rc = hz_fail(s->e, HZ_EINTERNAL, "内存不足 (out of memory)");
                row_drop(s);
                return;
            }
            x->rows = g;
            x->cap_rows = cap;
        }
        x->rows[x->n_rows++] = s->cur;
        memset(&s->cur, 0, sizeof s->cur);
    }
}

static void sheet_text(void *ud, const XML_Char *t, int len) {
    sheet_state *s = ud;
    if (s->in_v) sb_add(&s->v, t, (size_t)len);
}

hz_err hz_xlsx_open(const char *data, size_t len, hz_xlsx **out, hz_errinfo *e) {
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    zip_t *z = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
    if (!z) {
        if (src) zip_source_free(src);
        zip_error_fini(&ze);
        return hz_fail(e, HZ_EINVAL, "不是有效的 XLSX 文件 (not a valid XLSX/zip file)");
    }
    zip_error_fini(&ze);
    hz_xlsx *x = calloc(1, sizeof *x);
    sst_state sst = {0};
    char *buf = NULL;
    size_t blen;
    hz_err rc = x ? HZ_OK : hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    wb_state wb = {0};
    char part[300] = "xl/worksheets/sheet1.xml";
    if (!rc && read_part(z, "xl/workbook.xml", &buf, &blen, NULL) == HZ_OK) {
        rc = parse_xml(buf, blen, &wb, wb_start, NULL, NULL, "xl/workbook.xml", e);
        free(buf);
        buf = NULL;
        if (!rc && wb.rid[0] && read_part(z, "xl/_rels/workbook.xml.rels", &buf, &blen, NULL) == HZ_OK) {
            wb.want_rid = wb.rid;
            rc = parse_xml(buf, blen, &wb, rels_start, NULL, NULL, "workbook.xml.rels", e);
            free(buf);
            buf = NULL;
            if (!rc && wb.target[0])
                snprintf(part, sizeof part, "%s%s", wb.target[0] == '/' ? "" : "xl/",
                         wb.target[0] == '/' ? wb.target + 1 : wb.target);
        }
    }
    if (!rc && read_part(z, "xl/sharedStrings.xml", &buf, &blen, NULL) == HZ_OK) {
        rc = parse_xml(buf, blen, &sst, sst_start, sst_end, sst_text, "sharedStrings.xml", e);
        if (!rc && (sst.oom || sst.cur.over)) rc = hz_fail(e, HZ_EINVAL, "XLSX: 共享字符串过长 (shared string too long)");
        free(buf);
        buf = NULL;
    }
    if (!rc && (rc = read_part(z, part, &buf, &blen, e)) == HZ_OK) {
        sheet_state s = {.x = x, .sst = &sst, .e = e};
        rc = parse_xml(buf, blen, &s, sheet_start, sheet_end, sheet_text, part, e);
        if (!rc) rc = s.rc;
        row_drop(&s);
        free(s.v.s);
        free(buf);
    }
    for (size_t i = 0; i < sst.n; i++) free(sst.items[i]);
    free(sst.items);
    free(sst.cur.s);
    zip_close(z);
    if (rc) {
        hz_xlsx_free(x);
        return rc;
    }
    *out = x;
    return HZ_OK;
}

void hz_xlsx_free(hz_xlsx *x) {
    if (!x) return;
    for (size_t i = 0; i < x->n_rows; i++) {
        for (int c = 0; c < x->rows[i].n; c++) free(x->rows[i].cells[c]);
        free(x->rows[i].cells);
    }
    free(x->rows);
    free(x);
}

hz_err hz_xlsx_each(hz_xlsx *x, hz_xlsx_row_fn fn, void *ctx, hz_errinfo *e) {
    char *fields[HZ_XLSX_MAX_COLS];
    char empty[1] = "";
    for (size_t i = 0; i < x->n_rows; i++) {
        xrow *r = &x->rows[i];
        int n = 0;
        for (int c = 0; c < r->n; c++) fields[n++] = r->cells[c] ? r->cells[c] : empty;
        while (n > 0 && !fields[n - 1][0]) n--; /* trailing empty cells */
        /* trim blanks like the CSV reader does */
        for (int c = 0; c < n; c++) {
            char *s = fields[c];
            size_t l = strlen(s);
            while (l && (s[l - 1] == ' ' || s[l - 1] == '\t')) s[--l] = '\0';
            while (*s == ' ' || *s == '\t') s++;
            fields[c] = s;
        }
        hz_err rc = fn(ctx, r->row, fields, n, e);
        if (rc) return rc;
    }
    return HZ_OK;
}
