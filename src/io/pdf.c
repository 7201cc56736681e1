/* The office's documents as A4 PDF: cairo draws, pango shapes the Chinese
 * text with Noto CJK (fontconfig finds it; cairo embeds the glyphs used).
 * One unit is one point. The document is drawn twice: once into nothing to
 * count the pages, then for real with "共 M 页" known. */
#include "io/pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_W 595.276 /* A4 in points */
#define PAGE_H 841.89
#define MARGIN_X 62.0
#define TEXT_W (PAGE_W - 2 * MARGIN_X)
#define BOTTOM (PAGE_H - 64.0) /* content stops here; the footer sits below */
#define SANS "Noto Sans CJK SC"
#define SERIF "Noto Serif CJK SC"
#define BODY_PT 10.0
#define SMALL_PT 8.0
#define TABLE_PT 9.0
#define PAD_X 4.0
#define PAD_Y 3.0

#define OUTLINE_FACES_MAX 8

struct hz_pdf {
    cairo_t *cr;
    /* the fonts as cairo user fonts drawing the real glyphs' outlines: a
     * face per real face met (Sans, Sans Bold, Serif Bold), made once */
    int n_faces;
    cairo_font_face_t *real[OUTLINE_FACES_MAX], *outline[OUTLINE_FACES_MAX];
    PangoContext *pc;
    const hz_pdf_meta *meta;
    int page, total; /* total: 0 in the counting pass */
    double y;
    /* the open table */
    int n_cols;
    hz_pdf_col cols[HZ_PDF_MAX_COLS];
    double col_w[HZ_PDF_MAX_COLS];
    bool header_due; /* the header row is drawn before the next row */
    char heading[256]; /* a heading waiting for what follows it ("" = none) */
};

/* A laid-out piece of text: family, size, bold, wrapped to width (0 = no
 * wrap). The caller unrefs it. */
static PangoLayout *layout(hz_pdf *p, const char *text, const char *family, double pt, bool bold, double width,
                           PangoAlignment align) {
    PangoLayout *l = pango_layout_new(p->pc);
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, family);
    pango_font_description_set_absolute_size(fd, pt * PANGO_SCALE);
    pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    if (width > 0) {
        pango_layout_set_width(l, (int)(width * PANGO_SCALE));
        pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    }
    pango_layout_set_alignment(l, align);
    pango_layout_set_text(l, text ? text : "", -1);
    return l;
}

static double layout_h(PangoLayout *l) {
    int w, h;
    pango_layout_get_size(l, &w, &h);
    return (double)h / PANGO_SCALE;
}

/* Why not pango_cairo_show_layout: cairo 1.16 (Debian 12) subsets the
 * CFF outlines of Noto CJK wrongly for some glyphs (its charstring parser
 * does not re-read a subroutine an earlier glyph already marked, miscounts
 * that glyph's stem hints and drops subroutines it does use), so 如, 白
 * and others came out blank in every viewer. Each font is drawn instead as
 * a cairo user font whose glyphs are the real font's outlines, filled:
 * cairo embeds it as a Type 3 font with its ToUnicode map, so the text is
 * still text (copy, search, pdftotext) and every glyph is there. Pango still
 * shapes and positions; only the drawing of glyphs changes. */
static const cairo_user_data_key_t real_key;

static cairo_status_t outline_glyph(cairo_scaled_font_t *sf, unsigned long glyph, cairo_t *cr,
                                    cairo_text_extents_t *ext) {
    cairo_font_face_t *real = cairo_font_face_get_user_data(cairo_scaled_font_get_font_face(sf), &real_key);
    if (glyph == PANGO_GLYPH_EMPTY || (glyph & PANGO_GLYPH_UNKNOWN_FLAG)) {
        memset(ext, 0, sizeof *ext);
        return CAIRO_STATUS_SUCCESS;
    }
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_set_font_options(cr, fo);
    cairo_font_options_destroy(fo);
    cairo_set_font_face(cr, real);
    cairo_set_font_size(cr, 1.0); /* glyph space: one unit is the em */
    cairo_glyph_t g = {glyph, 0, 0};
    cairo_glyph_extents(cr, &g, 1, ext);
    cairo_glyph_path(cr, &g, 1);
    cairo_fill(cr);
    return CAIRO_STATUS_SUCCESS;
}

static cairo_font_face_t *outline_face(hz_pdf *p, cairo_font_face_t *real) {
    for (int i = 0; i < p->n_faces; i++)
        if (p->real[i] == real) return p->outline[i];
    if (p->n_faces == OUTLINE_FACES_MAX) return NULL;
    cairo_font_face_t *f = cairo_user_font_face_create();
    cairo_user_font_face_set_render_glyph_func(f, outline_glyph);
    cairo_font_face_set_user_data(f, &real_key, cairo_font_face_reference(real),
                                  (cairo_destroy_func_t)cairo_font_face_destroy);
    p->real[p->n_faces] = real;
    p->outline[p->n_faces++] = f;
    return f;
}

/* One run of glyphs at its place, with its text (clusters map glyphs to
 * the bytes they show, for the PDF's ToUnicode). */
static void show_run(hz_pdf *p, const char *text, PangoLayoutRun *run, double x, double baseline) {
    PangoGlyphString *gs = run->glyphs;
    int n = gs->num_glyphs;
    if (n <= 0) return;
    cairo_scaled_font_t *sf = pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(run->item->analysis.font));
    cairo_font_face_t *face = sf ? outline_face(p, cairo_scaled_font_get_font_face(sf)) : NULL;
    cairo_glyph_t *glyphs = malloc(sizeof *glyphs * (size_t)n);
    cairo_text_cluster_t *clusters = malloc(sizeof *clusters * (size_t)n);
    if (!face || !glyphs || !clusters) goto done;
    cairo_matrix_t fm;
    cairo_scaled_font_get_font_matrix(sf, &fm);
    cairo_set_font_face(p->cr, face);
    cairo_set_font_matrix(p->cr, &fm);
    const char *item = text + run->item->offset;
    int len = run->item->length, n_clusters = 0, at = 0;
    for (int i = 0; i < n; i++) {
        const PangoGlyphInfo *g = &gs->glyphs[i];
        glyphs[i].index = g->glyph; /* an empty or unknown glyph draws nothing (outline_glyph) */
        glyphs[i].x = x + (double)(at + g->geometry.x_offset) / PANGO_SCALE;
        glyphs[i].y = baseline + (double)g->geometry.y_offset / PANGO_SCALE;
        at += g->geometry.width;
        if (i == 0 || gs->log_clusters[i] != gs->log_clusters[i - 1]) {
            int next = len;
            for (int k = i + 1; k < n; k++)
                if (gs->log_clusters[k] != gs->log_clusters[i]) {
                    next = gs->log_clusters[k];
                    break;
                }
            clusters[n_clusters].num_bytes = next - gs->log_clusters[i];
            clusters[n_clusters++].num_glyphs = 0;
        }
        clusters[n_clusters - 1].num_glyphs++;
    }
    if (!(run->item->analysis.level & 1)) /* left to right: clusters in glyph order */
        cairo_show_text_glyphs(p->cr, item, len, glyphs, n, clusters, n_clusters, 0);
    else
        cairo_show_glyphs(p->cr, glyphs, n);
done:
    free(glyphs);
    free(clusters);
}

static void draw_at(hz_pdf *p, PangoLayout *l, double x, double y) {
    const char *text = pango_layout_get_text(l);
    PangoLayoutIter *it = pango_layout_get_iter(l);
    do {
        PangoLayoutRun *run = pango_layout_iter_get_run_readonly(it);
        if (!run) continue;
        PangoRectangle logical;
        pango_layout_iter_get_run_extents(it, NULL, &logical);
        show_run(p, text, run, x + (double)logical.x / PANGO_SCALE,
                 y + (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE);
    } while (pango_layout_iter_next_run(it));
    pango_layout_iter_free(it);
}

/* Draws one line of text at (x, y) and returns its height. */
static double line_at(hz_pdf *p, const char *text, const char *family, double pt, bool bold, double x, double y,
                      double width, PangoAlignment align) {
    PangoLayout *l = layout(p, text, family, pt, bold, width, align);
    double h = layout_h(l);
    draw_at(p, l, x, y);
    g_object_unref(l);
    return h;
}

static void rule(hz_pdf *p, double y, double width, double r, double g, double b) {
    cairo_save(p->cr);
    cairo_set_source_rgb(p->cr, r, g, b);
    cairo_set_line_width(p->cr, width);
    cairo_move_to(p->cr, MARGIN_X, y);
    cairo_line_to(p->cr, PAGE_W - MARGIN_X, y);
    cairo_stroke(p->cr);
    cairo_restore(p->cr);
}

/* The header (the office in red over a red double rule, as official
 * notices are headed; the title on the first page) and the footer. */
static void begin_page(hz_pdf *p) {
    p->page++;
    const hz_pdf_meta *m = p->meta;
    cairo_t *cr = p->cr;
    double y = 40;
    if (p->page == 1) {
        cairo_set_source_rgb(cr, 0.75, 0.05, 0.05);
        y += line_at(p, m->office, SERIF, 20, true, MARGIN_X, y, TEXT_W, PANGO_ALIGN_CENTER) + 6;
        rule(p, y, 1.6, 0.75, 0.05, 0.05);
        rule(p, y + 3, 0.5, 0.75, 0.05, 0.05);
        y += 16;
        cairo_set_source_rgb(cr, 0, 0, 0);
        y += line_at(p, m->title, SERIF, 19, true, MARGIN_X, y, TEXT_W, PANGO_ALIGN_CENTER) + 4;
        if (m->number) y += line_at(p, m->number, SANS, 9, false, MARGIN_X, y, TEXT_W, PANGO_ALIGN_RIGHT);
        y += 8;
    } else {
        cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
        char head[512];
        snprintf(head, sizeof head, "%s · %s%s%s", m->office, m->title, m->number ? "  " : "",
                 m->number ? m->number : "");
        y += line_at(p, head, SANS, 8.5, false, MARGIN_X, y, TEXT_W, PANGO_ALIGN_LEFT) + 3;
        rule(p, y, 0.5, 0.35, 0.35, 0.35);
        y += 10;
        cairo_set_source_rgb(cr, 0, 0, 0);
    }
    /* footer */
    double fy = PAGE_H - 46;
    rule(p, fy - 4, 0.4, 0.6, 0.6, 0.6);
    cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
    char num[64];
    if (p->total)
        snprintf(num, sizeof num, "第 %d 页 共 %d 页", p->page, p->total);
    else
        snprintf(num, sizeof num, "第 %d 页 共 %d 页", p->page, p->page);
    line_at(p, num, SANS, SMALL_PT, false, MARGIN_X, fy, TEXT_W, PANGO_ALIGN_RIGHT);
    if (m->footer) line_at(p, m->footer, SANS, SMALL_PT, false, MARGIN_X, fy, TEXT_W * 0.75, PANGO_ALIGN_LEFT);
    cairo_set_source_rgb(cr, 0, 0, 0);
    p->y = y;
}

static void new_page(hz_pdf *p) {
    cairo_show_page(p->cr);
    begin_page(p);
}

void hz_pdf_keep(hz_pdf *p, double pt) {
    if (p->y + pt > BOTTOM) new_page(p);
}

void hz_pdf_space(hz_pdf *p, double pt) { p->y += pt; }

/* A heading is drawn with the first piece of what follows it, on the same
 * page: place() is how every block asks for room. */
void hz_pdf_heading(hz_pdf *p, const char *text) {
    snprintf(p->heading, sizeof p->heading, "%s", text);
}

/* Makes room for need points (and the waiting heading), then draws the
 * heading. */
static void place(hz_pdf *p, double need) {
    if (!p->heading[0]) {
        hz_pdf_keep(p, need);
        return;
    }
    PangoLayout *l = layout(p, p->heading, SANS, 11.5, true, TEXT_W, PANGO_ALIGN_LEFT);
    double h = layout_h(l);
    hz_pdf_keep(p, 6 + h + 4 + need);
    p->y += 6;
    draw_at(p, l, MARGIN_X, p->y);
    g_object_unref(l);
    p->y += h + 4;
    p->heading[0] = '\0';
}

void hz_pdf_text(hz_pdf *p, const char *text, bool small) {
    PangoLayout *l = layout(p, text, SANS, small ? SMALL_PT : BODY_PT, false, TEXT_W, PANGO_ALIGN_LEFT);
    pango_layout_set_spacing(l, (int)(2 * PANGO_SCALE));
    double h = layout_h(l);
    place(p, h);
    if (small) cairo_set_source_rgb(p->cr, 0.3, 0.3, 0.3);
    draw_at(p, l, MARGIN_X, p->y);
    cairo_set_source_rgb(p->cr, 0, 0, 0);
    g_object_unref(l);
    p->y += h + 3;
}

void hz_pdf_kvs(hz_pdf *p, const hz_pdf_kv *kv, int n, int columns) {
    if (columns < 1) columns = 1;
    double cell = TEXT_W / columns, key_w = columns == 1 ? 92 : 74;
    /* a block of pairs stays on one page when it can */
    double block = 0;
    for (int i = 0; i < n; i += columns) {
        double h = 0;
        for (int c = 0; c < columns && c < 4 && i + c < n; c++) {
            PangoLayout *k = layout(p, kv[i + c].key, SANS, BODY_PT, true, key_w - 6, PANGO_ALIGN_LEFT);
            PangoLayout *v = layout(p, kv[i + c].value, SANS, BODY_PT, false, cell - key_w - 10, PANGO_ALIGN_LEFT);
            if (layout_h(k) > h) h = layout_h(k);
            if (layout_h(v) > h) h = layout_h(v);
            g_object_unref(k);
            g_object_unref(v);
        }
        block += h + 4;
    }
    place(p, block < BOTTOM - 120 ? block : 0);
    for (int i = 0; i < n; i += columns) {
        PangoLayout *ls[4][2] = {{NULL}};
        double h = 0;
        for (int c = 0; c < columns && c < 4 && i + c < n; c++) {
            ls[c][0] = layout(p, kv[i + c].key, SANS, BODY_PT, true, key_w - 6, PANGO_ALIGN_LEFT);
            ls[c][1] = layout(p, kv[i + c].value, SANS, BODY_PT, false, cell - key_w - 10, PANGO_ALIGN_LEFT);
            for (int k = 0; k < 2; k++)
                if (layout_h(ls[c][k]) > h) h = layout_h(ls[c][k]);
        }
        hz_pdf_keep(p, h + 4);
        for (int c = 0; c < columns && c < 4; c++) {
            if (!ls[c][0]) continue;
            double x = MARGIN_X + c * cell;
            cairo_set_source_rgb(p->cr, 0.3, 0.3, 0.3);
            draw_at(p, ls[c][0], x, p->y);
            cairo_set_source_rgb(p->cr, 0, 0, 0);
            draw_at(p, ls[c][1], x + key_w, p->y);
            g_object_unref(ls[c][0]);
            g_object_unref(ls[c][1]);
        }
        p->y += h + 4;
    }
}

/* The natural width of one line of text in the table's font. */
static double text_w(hz_pdf *p, const char *text, double pt, bool bold) {
    PangoLayout *l = layout(p, text, SANS, pt, bold, 0, PANGO_ALIGN_LEFT);
    int w, h;
    pango_layout_get_size(l, &w, &h);
    g_object_unref(l);
    return (double)w / PANGO_SCALE;
}

void hz_pdf_table_begin(hz_pdf *p, const hz_pdf_col *cols, int n) {
    if (n > HZ_PDF_MAX_COLS) n = HZ_PDF_MAX_COLS;
    double sum = 0;
    for (int i = 0; i < n; i++)
        sum += cols[i].width > 0 ? cols[i].width : 1;
    p->n_cols = n;
    for (int i = 0; i < n; i++) {
        p->cols[i] = cols[i];
        p->col_w[i] = TEXT_W * (cols[i].width > 0 ? cols[i].width : 1) / sum;
    }
    /* amount columns as wide as their widest value (bold: the totals row),
     * the others sharing what is left in their proportions */
    double fixed = 0, rest = 0;
    bool widened = false;
    for (int i = 0; i < n; i++) {
        if (!cols[i].fit) continue;
        double need = text_w(p, cols[i].fit, TABLE_PT, true) + 2 * PAD_X + 2;
        if (need > p->col_w[i]) {
            p->col_w[i] = need;
            widened = true;
        }
    }
    for (int i = 0; i < n; i++) {
        if (cols[i].fit) fixed += p->col_w[i];
        else rest += p->col_w[i];
    }
    if (widened && rest > 0 && fixed < TEXT_W)
        for (int i = 0; i < n; i++)
            if (!cols[i].fit) p->col_w[i] *= (TEXT_W - fixed) / rest;
    p->header_due = true;
    p->y += 2;
}

static PangoAlignment align_of(char a) {
    return a == 'r' ? PANGO_ALIGN_RIGHT : a == 'c' ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT;
}

/* Lays out a row's cells; returns the row's height. */
static double row_layouts(hz_pdf *p, const char *const *cells, bool bold, PangoLayout **ls) {
    double h = 0;
    for (int i = 0; i < p->n_cols; i++) {
        double inner = p->col_w[i] - 2 * PAD_X, pt = TABLE_PT;
        /* an amount stays on one line: smaller when it must be */
        if (p->cols[i].fit && cells[i] && inner > 8)
            for (double w = text_w(p, cells[i], pt, bold); w > inner - 0.5 && pt > 3; w = text_w(p, cells[i], pt, bold))
                pt = pt * (inner - 1) / w > 3 ? pt * (inner - 1) / w : 3;
        ls[i] = layout(p, cells[i], SANS, pt, bold, inner, align_of(p->cols[i].align));
        if (layout_h(ls[i]) > h) h = layout_h(ls[i]);
    }
    return h + 2 * PAD_Y;
}

static void row_draw(hz_pdf *p, PangoLayout **ls, double h, bool shaded) {
    cairo_t *cr = p->cr;
    double x = MARGIN_X;
    if (shaded) {
        cairo_set_source_rgb(cr, 0.91, 0.91, 0.91);
        cairo_rectangle(cr, MARGIN_X, p->y, TEXT_W, h);
        cairo_fill(cr);
    }
    cairo_set_source_rgb(cr, 0.33, 0.33, 0.33);
    cairo_set_line_width(cr, 0.5);
    for (int i = 0; i < p->n_cols; i++) {
        cairo_rectangle(cr, x, p->y, p->col_w[i], h);
        x += p->col_w[i];
    }
    cairo_stroke(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    x = MARGIN_X;
    for (int i = 0; i < p->n_cols; i++) {
        draw_at(p, ls[i], x + PAD_X, p->y + PAD_Y);
        g_object_unref(ls[i]);
        x += p->col_w[i];
    }
    p->y += h;
}

void hz_pdf_table_row(hz_pdf *p, const char *const *cells, bool bold) {
    PangoLayout *head[HZ_PDF_MAX_COLS], *ls[HZ_PDF_MAX_COLS];
    const char *titles[HZ_PDF_MAX_COLS];
    for (int i = 0; i < p->n_cols; i++)
        titles[i] = p->cols[i].title;
    double rh = row_layouts(p, cells, bold, ls);
    double hh = row_layouts(p, titles, true, head);
    int page = p->page;
    place(p, rh + (p->header_due ? hh : 0));
    if (p->page != page) p->header_due = true; /* a new page repeats the header row */
    if (p->y + rh + (p->header_due ? hh : 0) > BOTTOM) {
        new_page(p);
        p->header_due = true;
    }
    if (p->header_due) {
        row_draw(p, head, hh, true);
        p->header_due = false;
    } else {
        for (int i = 0; i < p->n_cols; i++)
            g_object_unref(head[i]);
    }
    row_draw(p, ls, rh, false);
}

void hz_pdf_table_end(hz_pdf *p) {
    if (p->header_due && p->n_cols) { /* an empty table still shows its columns */
        const char *titles[HZ_PDF_MAX_COLS];
        PangoLayout *head[HZ_PDF_MAX_COLS];
        for (int i = 0; i < p->n_cols; i++)
            titles[i] = p->cols[i].title;
        double hh = row_layouts(p, titles, true, head);
        place(p, hh);
        row_draw(p, head, hh, true);
    }
    p->n_cols = 0;
    p->header_due = false;
    p->y += 6;
}

void hz_pdf_signature(hz_pdf *p, const char *signer, const char *date) {
    place(p, 70);
    p->y += 24;
    double w = TEXT_W * 0.5, x = PAGE_W - MARGIN_X - w;
    p->y += line_at(p, signer, SERIF, 11.5, true, x, p->y, w, PANGO_ALIGN_CENTER) + 4;
    p->y += line_at(p, date, SANS, BODY_PT, false, x, p->y, w, PANGO_ALIGN_CENTER) + 4;
}

static cairo_status_t discard(void *closure, const unsigned char *data, unsigned int length) {
    (void)closure;
    (void)data;
    (void)length;
    return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t to_file(void *closure, const unsigned char *data, unsigned int length) {
    return fwrite(data, 1, length, closure) == length ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* One pass: draws the document onto a PDF surface writing to fn. */
static hz_err pass(const hz_pdf_meta *meta, hz_pdf_draw_fn draw, void *ctx, cairo_write_func_t fn, void *closure,
                   int total, int *pages, hz_errinfo *e) {
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(fn, closure, PAGE_W, PAGE_H);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, meta->title);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, meta->author ? meta->author : meta->office);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "huzhu");
    hz_pdf p;
    memset(&p, 0, sizeof p);
    p.cr = cairo_create(s);
    p.pc = pango_cairo_create_context(p.cr);
    pango_cairo_context_set_resolution(p.pc, 72); /* sizes in points, one unit a point */
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF); /* the same layout at any zoom */
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(p.pc, fo);
    cairo_font_options_destroy(fo);
    p.meta = meta;
    p.total = total;
    begin_page(&p);
    hz_err rc = draw(&p, ctx, e);
    if (p.heading[0]) place(&p, 0); /* a heading with nothing after it */
    cairo_show_page(p.cr);
    *pages = p.page;
    g_object_unref(p.pc);
    for (int i = 0; i < p.n_faces; i++) cairo_font_face_destroy(p.outline[i]);
    cairo_status_t st = cairo_status(p.cr);
    cairo_destroy(p.cr);
    cairo_surface_finish(s);
    if (st == CAIRO_STATUS_SUCCESS) st = cairo_surface_status(s);
    cairo_surface_destroy(s);
    if (rc == HZ_OK && st != CAIRO_STATUS_SUCCESS) rc = hz_fail(e, HZ_EINTERNAL, "PDF: %s", cairo_status_to_string(st));
    return rc;
}

hz_err hz_pdf_write(FILE *out, const hz_pdf_meta *meta, hz_pdf_draw_fn draw, void *ctx, hz_errinfo *e) {
    int pages = 0, again = 0;
    hz_err rc = pass(meta, draw, ctx, discard, NULL, 0, &pages, e);
    if (rc == HZ_OK) rc = pass(meta, draw, ctx, to_file, out, pages, &again, e);
    return rc;
}

#if defined(__SANITIZE_ADDRESS__) || defined(__clang__)
/* fontconfig and cairo keep process-wide caches (the font set, patterns,
 * cairo's font-face and scaled-font caches) that they never free, so
 * LeakSanitizer would report them at the exit of every process that
 * rendered a document. Only these two libraries' own allocations are
 * excused; a layout or surface this file forgets still shows. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void) { return "leak:libfontconfig.so\nleak:libcairo.so\n"; }
/* and quietly: a test that reads a command's standard error sees its own */
const char *__lsan_default_options(void);
const char *__lsan_default_options(void) { return "print_suppressions=0"; }
#endif
