/* Roster import, pass 1: the file's header mapped onto fields, every row
 * validated once, duplicates within the file found, and the valid rows kept
 * compactly for pass 2 (roster_import.c). Also the check without a database
 * (hz_roster_check). */
#include "app/roster_rows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app/registry.h"
#include "core/normalize.h"
#include "core/text.h"

static const struct {
    const char *zh, *en;
    const char *alt[3];
} columns[C_COUNT] = {
    {"姓名", "name", {"名字", NULL}},
    {"身份证号码", "id_number", {"身份证号", "证件号码", "公民身份号码"}},
    {"手机号码", "phone", {"手机号", "联系电话", "电话"}},
    {"人员类别", "category", {"类别", NULL}},
    {"劳模级别", "model_level", {NULL}},
    {"职业", "occupation", {NULL}},
    {"银行卡号", "bank_card", {"银行账号", "卡号"}},
    {"开户行", "bank_name", {"开户银行", NULL}},
};


static uint64_t id_hash(const char *s) {
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

/* Returns the earlier row holding id, or 0 after inserting it. */
long hz_roster_id_put(id_set *s, const char *id, long row) {
    size_t i = id_hash(id) & (s->cap - 1);
    while (s->slots[i].id[0]) {
        if (strcmp(s->slots[i].id, id) == 0) return s->slots[i].row;
        i = (i + 1) & (s->cap - 1);
    }
    memcpy(s->slots[i].id, id, 19);
    s->slots[i].row = row;
    return 0;
}

long hz_roster_id_get(const id_set *s, const char *id) {
    if (!s->cap) return 0;
    for (size_t i = id_hash(id) & (s->cap - 1); s->slots[i].id[0]; i = (i + 1) & (s->cap - 1))
        if (!strcmp(s->slots[i].id, id)) return s->slots[i].row;
    return 0;
}

/* The column of a field key as the file titles it ("plan" is no column:
 * it is named in the file's language). */
static const char *title_of(const roster_ctx *c, const char *field) {
    for (int k = 0; k < C_COUNT; k++)
        if (!strcmp(field, columns[k].en)) return c->title[k][0] ? c->title[k] : columns[k].zh;
    return !strcmp(field, "plan") && !c->english ? "参保计划" : field;
}

/* Rejects a row; field is the stable key, the report shows the title. */
void hz_roster_reject_row(roster_ctx *c, long row, const char *field, const char *reason) {
    if ((size_t)row < c->bad_cap) c->bad[row] = 1;
    hz_report_error_at(&c->rep->rejected, &c->rep->n_listed, &c->rep->n_rejected, row, field, title_of(c, field),
                       reason);
}

static void warn_unknown_column(roster_ctx *c, const char *name) {
    if (c->rep->n_warnings < 8)
        snprintf(c->rep->warnings[c->rep->n_warnings++], 160, "未知列已忽略 (unknown column ignored): %s", name);
}

static hz_err map_header(roster_ctx *c, char **f, int n, hz_errinfo *e) {
    for (int k = 0; k < C_COUNT; k++) c->col[k] = -1;
    int n_en = 0, n_zh = 0;
    for (int i = 0; i < n; i++) {
        /* a title cell is read as any text: blanks and invisible characters
         * around it do not make it another column */
        char h[128];
        if (hz_norm_text(f[i], h, sizeof h, "header", 0, 64, NULL)) hz_strlcpy(h, f[i], sizeof h);
        int hit = -1;
        for (int k = 0; k < C_COUNT && hit < 0; k++) {
            if (!strcmp(h, columns[k].zh) || !strcasecmp(h, columns[k].en)) hit = k;
            for (int a = 0; a < 3 && columns[k].alt[a] && hit < 0; a++)
                if (!strcmp(h, columns[k].alt[a])) hit = k;
        }
        if (hit < 0) {
            if (*h) warn_unknown_column(c, h);
            continue;
        }
        if (c->col[hit] >= 0)
            return hz_fail(e, HZ_EINVAL, "第1行: 列 %s 重复 (row 1: duplicate column %s)", h, columns[hit].en);
        c->col[hit] = i;
        hz_strlcpy(c->title[hit], h, sizeof c->title[hit]);
        if (!strcasecmp(h, columns[hit].en)) n_en++;
        else n_zh++;
    }
    c->english = n_en > n_zh;
    for (int k = 0; k < C_COUNT; k++)
        if (c->col[k] < 0) hz_strlcpy(c->title[k], c->english ? columns[k].en : columns[k].zh, sizeof c->title[k]);
    if (c->col[C_NAME] < 0) return hz_fail(e, HZ_EINVAL, "第1行: 缺少列 姓名|name (row 1: missing column name)");
    if (c->col[C_ID] < 0)
        return hz_fail(e, HZ_EINVAL, "第1行: 缺少列 身份证号码|id_number (row 1: missing column id_number)");
    return HZ_OK;
}

static const char *cell(roster_ctx *c, char **f, int n, int k) {
    int i = c->col[k];
    return i >= 0 && i < n ? f[i] : "";
}


/* Maps a category cell ("劳模", "困难职工;新业态", "regular") onto flags. */
static const char *row_flags(roster_ctx *c, char **f, int n, roster_row *rr, const char **column) {
    const char *cat = cell(c, f, n, C_CATEGORY);
    char buf[256];
    hz_strlcpy(buf, cat, sizeof buf);
    rr->n_flags = 0;
    /* separators: ; , / 、 and spaces */
    for (char *p = buf; *p;) {
        size_t len = strcspn(p, ";,/ ");
        char *sep = strstr(p, "、");
        if (sep && (size_t)(sep - p) < len) len = (size_t)(sep - p);
        char word[64];
        size_t wl = len < sizeof word - 1 ? len : sizeof word - 1;
        memcpy(word, p, wl);
        word[wl] = '\0';
        p += len;
        if (!strncmp(p, "、", 3)) p += 3;
        else if (*p) p++;
        if (!*word || !strcmp(word, "普通") || !strcasecmp(word, "regular")) continue;
        hz_flag *fl = &rr->flags[rr->n_flags];
        memset(fl, 0, sizeof *fl);
        fl->from = HZ_FLAG_FOREVER_FROM;
        fl->to = HZ_FLAG_FOREVER_TO;
        if (!strcmp(word, "劳模") || !strcasecmp(word, "model")) {
            const char *lv = hz_model_level_code(cell(c, f, n, C_MODEL_LEVEL));
            if (!lv) {
                *column = "model_level";
                return "劳模须填写劳模级别: 全国/省级/市级 (model_level must be national, provincial or city)";
            }
            hz_strlcpy(fl->kind, "model", sizeof fl->kind);
            hz_strlcpy(fl->level, lv, sizeof fl->level);
        } else if (!strcmp(word, "困难职工") || !strcasecmp(word, "hardship")) {
            hz_strlcpy(fl->kind, "hardship", sizeof fl->kind);
            hz_strlcpy(fl->level, "relative", sizeof fl->level);
            fl->from = c->in->start;
            fl->to = c->hardship_to;
        } else if (!strcmp(word, "新业态") || !strcmp(word, "新就业形态") || !strcasecmp(word, "newform")) {
            const char *occ = hz_occupation_code(cell(c, f, n, C_OCCUPATION));
            if (!occ) {
                *column = "occupation";
                return "新业态须填写职业: 快递员/外卖骑手/网约车司机/货车司机/其他 (occupation required)";
            }
            hz_strlcpy(fl->kind, "newform", sizeof fl->kind);
            hz_strlcpy(fl->level, occ, sizeof fl->level);
        } else {
            *column = "category";
            return "人员类别应为 普通/劳模/困难职工/新业态 (category must be regular, model, hardship or newform)";
        }
        for (int i = 0; i < rr->n_flags; i++)
            if (!strcmp(rr->flags[i].kind, fl->kind)) {
                *column = "category";
                return "人员类别重复 (category repeated)";
            }
        if (++rr->n_flags == 3 && *p) {
            *column = "category";
            return "人员类别过多 (too many categories)";
        }
    }
    return NULL;
}

static bool row_empty(char **f, int n) {
    for (int i = 0; i < n; i++)
        if (f[i][0]) return false;
    return true;
}

/* Validates a data row into rr; on failure records the rejection. */
static bool validate_row(roster_ctx *c, long row, char **f, int n, roster_row *rr) {
    memset(rr, 0, sizeof *rr);
    hz_errinfo ve;
    const char *phone = cell(c, f, n, C_PHONE), *card = cell(c, f, n, C_CARD), *bank = cell(c, f, n, C_BANK);
    const char *field = "id_number";
    const hz_member_labels labels = {c->title[C_ID], c->title[C_NAME], c->title[C_PHONE], c->title[C_CARD],
                                     c->title[C_BANK]};
    if (hz_member_fields_validate(c->today, cell(c, f, n, C_ID), cell(c, f, n, C_NAME), phone, card, bank, &labels,
                                  &rr->m, &field, &ve)) {
        hz_roster_reject_row(c, row, field, ve.msg);
        return false;
    }
    const char *column = NULL, *why = row_flags(c, f, n, rr, &column);
    if (why) {
        hz_roster_reject_row(c, row, column, why);
        return false;
    }
    bool newform = hz_flag_find(rr->flags, rr->n_flags, "newform", c->in->start) != NULL;
    for (int i = 0; i < c->n_plans; i++) {
        const roster_plan *p = &c->plans[i];
        int months = c->in->months ? c->in->months : p->plan->terms[0];
        if (hz_plan_check_enroll(p->plan, p->shares, months, c->in->start, rr->m.birth, rr->m.sex, newform, &ve)) {
            hz_roster_reject_row(c, row, "plan", ve.msg);
            return false;
        }
    }
    return true;
}

static bool grow(void **p, size_t *cap, size_t need, size_t size) {
    if (need <= *cap) return true;
    size_t c = *cap ? *cap : 1024;
    while (c < need) c *= 2;
    void *g = realloc(*p, c * size);
    if (!g) return false;
    *p = g;
    *cap = c;
    return true;
}

static hz_err keep_row(roster_ctx *c, long row, const roster_row *rr, hz_errinfo *e) {
    const char *str[5] = {rr->m.id_number, rr->m.name, rr->m.phone, rr->m.bank_card, rr->m.bank_name};
    size_t len[5], need = sizeof(kept_head) + sizeof(hz_flag) * (size_t)rr->n_flags;
    for (int i = 0; i < 5; i++) need += (len[i] = strlen(str[i])) + 1;
    need = (need + 7) & ~(size_t)7; /* the next head stays aligned */
    if (!grow((void **)&c->kept, &c->kept_cap, c->kept_len + need, 1) ||
        !grow((void **)&c->kept_at, &c->kept_at_cap, c->n_kept + 1, sizeof *c->kept_at))
        return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    char *p = c->kept + c->kept_len;
    kept_head h = {(int32_t)row, rr->m.birth, rr->m.sex, (uint8_t)rr->n_flags};
    memcpy(p, &h, sizeof h);
    size_t o = sizeof h;
    memcpy(p + o, rr->flags, sizeof(hz_flag) * (size_t)rr->n_flags);
    o += sizeof(hz_flag) * (size_t)rr->n_flags;
    for (int i = 0; i < 5; i++) {
        memcpy(p + o, str[i], len[i] + 1);
        o += len[i] + 1;
    }
    c->kept_at[c->n_kept++] = c->kept_len;
    c->kept_len += need;
    return HZ_OK;
}

/* The kept row k back as pass 1 validated it; returns its row number. */
long hz_roster_kept_row(const roster_ctx *c, size_t k, roster_row *rr) {
    const char *p = c->kept + c->kept_at[k];
    kept_head h;
    memcpy(&h, p, sizeof h);
    memset(&rr->m, 0, sizeof rr->m);
    rr->m.birth = h.birth;
    rr->m.sex = h.sex;
    rr->n_flags = h.n_flags;
    size_t o = sizeof h;
    memcpy(rr->flags, p + o, sizeof(hz_flag) * h.n_flags);
    o += sizeof(hz_flag) * h.n_flags;
    char *dst[5] = {rr->m.id_number, rr->m.name, rr->m.phone, rr->m.bank_card, rr->m.bank_name};
    size_t cap[5] = {sizeof rr->m.id_number, sizeof rr->m.name, sizeof rr->m.phone, sizeof rr->m.bank_card,
                     sizeof rr->m.bank_name};
    for (int i = 0; i < 5; i++) {
        size_t l = strlen(p + o);
        memcpy(dst[i], p + o, l < cap[i] ? l + 1 : cap[i]);
        o += l + 1;
    }
    return h.row;
}

hz_err hz_roster_pass1_row(void *vctx, long row, char **f, int n, hz_errinfo *e) {
    roster_ctx *c = vctx;
    if (row == 1) {
        hz_err rc = map_header(c, f, n, e);
        /* a bad header is a rejected row 1 in the report too */
        if (rc == HZ_EINVAL) hz_roster_reject_row(c, 1, c->col[C_NAME] < 0 ? "name" : "id_number", e->msg);
        return rc;
    }
    if (row_empty(f, n)) return HZ_OK;
    c->rep->rows++;
    if ((size_t)row >= c->bad_cap) {
        size_t cap = c->bad_cap ? c->bad_cap * 2 : 4096;
        while (cap <= (size_t)row) cap *= 2;
        unsigned char *g = realloc(c->bad, cap);
        if (!g) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
        memset(g + c->bad_cap, 0, cap - c->bad_cap);
        c->bad = g;
        c->bad_cap = cap;
    }
    roster_row rr;
    if (!validate_row(c, row, f, n, &rr)) return HZ_OK;
    if (c->seen.cap * 2 <= (size_t)c->rep->rows * 3) {
        /* grow: rehash */
        id_set old = c->seen;
        c->seen.cap = old.cap ? old.cap * 4 : 1 << 14;
        c->seen.slots = calloc(c->seen.cap, sizeof *c->seen.slots);
        if (!c->seen.slots) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
        for (size_t i = 0; i < old.cap; i++)
            if (old.slots[i].id[0]) hz_roster_id_put(&c->seen, old.slots[i].id, old.slots[i].row);
        free(old.slots);
    }
    long first = hz_roster_id_put(&c->seen, rr.m.id_number, row);
    if (first) {
        char why[128];
        snprintf(why, sizeof why, "%s与第%ld行重复 (duplicate of row %ld)", c->title[C_ID], first, first);
        hz_roster_reject_row(c, row, "id_number", why);
    } else if (c->app) {
        hz_err rc = keep_row(c, row, &rr, e);
        if (rc) return rc;
    }
    if (c->in->progress && c->rep->rows % 50000 == 0) c->in->progress(c->in->progress_ctx, c->rep->rows, 0);
    return HZ_OK;
}

hz_err hz_roster_check(hz_table *t, hz_date today, hz_date start, hz_roster_report *out, hz_errinfo *e) {
    memset(out, 0, sizeof *out);
    hz_roster_input in;
    memset(&in, 0, sizeof in);
    in.start = start;
    roster_ctx c;
    memset(&c, 0, sizeof c);
    c.today = today;
    c.in = &in;
    c.rep = out;
    c.hardship_to = hz_date_term_end(start, 12);
    out->format = hz_table_format(t);
    out->encoding = hz_table_encoding(t);
    hz_err rc = hz_table_each(t, hz_roster_pass1_row, &c, e);
    free(c.seen.slots);
    free(c.bad);
    return rc;
}
