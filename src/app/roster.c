/* Roster import: header mapping, row validation (pass 1), then members,
 * flags, coverages and contributions written in one transaction (pass 2). */
#include "app/roster.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/module.h"
#include "app/authz.h"
#include "app/enroll.h"
#include "app/registry.h"
#include "app/security.h"
#include "core/flag.h"
#include "core/normalize.h"
#include "core/text.h"
#include "store/bulk.h"
#include "store/coverage.h"
#include "store/registry.h"
#include "store/store.h"

enum { C_NAME, C_ID, C_PHONE, C_CATEGORY, C_MODEL_LEVEL, C_OCCUPATION, C_CARD, C_BANK, C_COUNT };

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

typedef struct {
    char code[HZ_PLAN_CODE_MAX];
    int shares;
    int64_t plan_id;
    const hz_plan *plan;
} roster_plan;

/* Open-addressing set of ID numbers -> first row seen (duplicates in file). */
typedef struct {
    size_t cap;
    struct slot {
        char id[19];
        long row;
    } *slots;
} id_set;

static uint64_t id_hash(const char *s) {
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

/* Returns the earlier row holding id, or 0 after inserting it. */
static long id_set_put(id_set *s, const char *id, long row) {
    size_t i = id_hash(id) & (s->cap - 1);
    while (s->slots[i].id[0]) {
        if (strcmp(s->slots[i].id, id) == 0) return s->slots[i].row;
        i = (i + 1) & (s->cap - 1);
    }
    memcpy(s->slots[i].id, id, 19);
    s->slots[i].row = row;
    return 0;
}

typedef struct {
    hz_app *app; /* NULL in hz_roster_check */
    hz_date today;
    const hz_roster_input *in;
    hz_roster_report *rep;
    hz_unit unit;
    roster_plan plans[HZ_ROSTER_MAX_PLANS];
    int n_plans;
    int col[C_COUNT]; /* field index of each known column, -1 absent */
    char title[C_COUNT][32]; /* each column as the file titles it, for messages */
    bool english;     /* the file's headers are English: absent columns too */
    long total;       /* data rows (pass 1 count) */
    id_set seen;
    id_set existing;  /* ID number -> member id, for members already stored */
    unsigned char *bad; /* per row: rejected in pass 1 */
    size_t bad_cap;
    char payer_kind[8], payer_ref[HZ_CODE_MAX];
    hz_date hardship_to;
    /* new members, written in bulk (COPY on PostgreSQL) */
    int n_batch;
    hz_member *batch;
    hz_flag (*batch_flags)[3];
    int *batch_n_flags;
    int64_t *ids;
    hz_coverage *covs;
    /* pass 1 keeps every valid row (duplicates excepted) compactly, and
     * pass 2 writes from here: the file is read and validated once */
    char *kept;
    size_t kept_len, kept_cap;
    size_t *kept_at; /* offset of each kept row, in file order */
    size_t n_kept, kept_at_cap;
    size_t n_existing; /* rows naming members already stored */
} roster_ctx;

/* A kept row: this head, then id_number, name, phone, bank_card,
 * bank_name and the flags (n_flags hz_flag), each string NUL-terminated. */
typedef struct {
    int32_t row;
    hz_date birth;
    char sex;
    uint8_t n_flags;
} kept_head;

#define ROSTER_BATCH 2000

/* The column of a field key as the file titles it ("plan" is no column:
 * it is named in the file's language). */
static const char *title_of(const roster_ctx *c, const char *field) {
    for (int k = 0; k < C_COUNT; k++)
        if (!strcmp(field, columns[k].en)) return c->title[k][0] ? c->title[k] : columns[k].zh;
    return !strcmp(field, "plan") && !c->english ? "参保计划" : field;
}

/* Rejects a row; field is the stable key, the report shows the title. */
static void reject(roster_ctx *c, long row, const char *field, const char *reason) {
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

/* A validated row, ready to write. */
typedef struct {
    hz_member m;
    hz_flag flags[3];
    int n_flags;
} roster_row;

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
        reject(c, row, field, ve.msg);
        return false;
    }
    const char *column = NULL, *why = row_flags(c, f, n, rr, &column);
    if (why) {
        reject(c, row, column, why);
        return false;
    }
    bool newform = hz_flag_find(rr->flags, rr->n_flags, "newform", c->in->start) != NULL;
    for (int i = 0; i < c->n_plans; i++) {
        const roster_plan *p = &c->plans[i];
        int months = c->in->months ? c->in->months : p->plan->terms[0];
        if (hz_plan_check_enroll(p->plan, p->shares, months, c->in->start, rr->m.birth, rr->m.sex, newform, &ve)) {
            reject(c, row, "plan", ve.msg);
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
static long kept_row(const roster_ctx *c, size_t k, roster_row *rr) {
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

static hz_err pass1_row(void *vctx, long row, char **f, int n, hz_errinfo *e) {
    roster_ctx *c = vctx;
    if (row == 1) {
        hz_err rc = map_header(c, f, n, e);
        /* a bad header is a rejected row 1 in the report too */
        if (rc == HZ_EINVAL) reject(c, 1, c->col[C_NAME] < 0 ? "name" : "id_number", e->msg);
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
            if (old.slots[i].id[0]) id_set_put(&c->seen, old.slots[i].id, old.slots[i].row);
        free(old.slots);
    }
    long first = id_set_put(&c->seen, rr.m.id_number, row);
    if (first) {
        char why[128];
        snprintf(why, sizeof why, "%s与第%ld行重复 (duplicate of row %ld)", c->title[C_ID], first, first);
        reject(c, row, "id_number", why);
    } else if (c->app) {
        hz_err rc = keep_row(c, row, &rr, e);
        if (rc) return rc;
    }
    if (c->in->progress && c->rep->rows % 50000 == 0) c->in->progress(c->in->progress_ctx, c->rep->rows, 0);
    return HZ_OK;
}

/* The row holding id in s, 0 when none. */
static long id_set_get(const id_set *s, const char *id) {
    if (!s->cap) return 0;
    for (size_t i = id_hash(id) & (s->cap - 1); s->slots[i].id[0]; i = (i + 1) & (s->cap - 1))
        if (!strcmp(s->slots[i].id, id)) return s->slots[i].row;
    return 0;
}

static void note_existing(void *ctx, const char *id_number, int64_t member_id) {
    roster_ctx *c = ctx;
    c->n_existing++;
    id_set_put(&c->existing, id_number, (long)member_id);
}

/* Looks up, in one go, which people of the file are members already. */
static hz_err load_existing(roster_ctx *c, hz_errinfo *e) {
    const char **ids = malloc(sizeof *ids * (c->seen.cap ? c->seen.cap : 1));
    if (!ids) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    size_t n = 0;
    for (size_t i = 0; i < c->seen.cap; i++)
        if (c->seen.slots[i].id[0]) ids[n++] = c->seen.slots[i].id;
    c->existing.cap = 1024;
    while (c->existing.cap < n * 2) c->existing.cap *= 2;
    c->existing.slots = calloc(c->existing.cap, sizeof *c->existing.slots);
    hz_err rc = c->existing.slots ? hz_store_existing_members(c->app->db, ids, n, note_existing, c, e)
                                  : hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    free(ids);
    return rc;
}

/* Scope on every row, before anything is written (issue 12 case 1): a
 * scoped caller (a unit liaison) may re-import only people already in its
 * scope; a row for anyone registered elsewhere is rejected, and the caller
 * refuses the whole import whatever --skip-invalid says. The office sees
 * everyone and skips this. *refused counts such rows. */
static hz_err check_scope(roster_ctx *c, long *refused, hz_errinfo *e) {
    *refused = 0;
    if (!c->app->who.scope_kind[0]) return HZ_OK;
    for (size_t i = 0; i < c->existing.cap; i++) {
        if (!c->existing.slots[i].id[0]) continue;
        hz_member m;
        hz_errinfo se;
        hz_err rc = hz_store_member_by_id(c->app->db, c->existing.slots[i].row, &m, e);
        if (rc) return rc;
        if (hz_authz_member(c->app, &m, &se) == HZ_OK && m.unit_id == c->unit.id) continue;
        reject(c, id_set_get(&c->seen, m.id_number), "id_number",
               "此人已在其他单位或以个人会员登记, 不能由本单位花名册变更, 如需调入请联系办事处"
               " (registered outside this unit; the office transfers members)");
        (*refused)++;
    }
    return HZ_OK;
}

/* Writes the batch of new members: ids first, then members, flags,
 * coverages and contributions, each table in one bulk load. */
static hz_err flush_batch(roster_ctx *c, hz_errinfo *e) {
    hz_app *app = c->app;
    int n = c->n_batch;
    if (n == 0) return HZ_OK;
    hz_err rc = hz_store_reserve_ids(app->db, "member", n, c->ids, e);
    if (rc) return rc;
    for (int i = 0; i < n; i++) c->batch[i].id = c->ids[i];
    if ((rc = hz_store_bulk_members(app->db, c->batch, n, app->now, e)) ||
        (rc = hz_store_bulk_flags(app->db, c->batch, (const hz_flag(*)[3])c->batch_flags, c->batch_n_flags, n, e)))
        return rc;
    for (int k = 0; k < c->n_plans; k++) {
        const roster_plan *p = &c->plans[k];
        int months = c->in->months ? c->in->months : p->plan->terms[0];
        if ((rc = hz_store_reserve_ids(app->db, "coverage", n, c->ids, e))) return rc;
        hz_fen premium;
        if ((rc = hz_plan_premium(p->plan, p->shares, months, &premium, e))) return rc;
        for (int i = 0; i < n; i++) {
            hz_coverage *cv = &c->covs[i];
            memset(cv, 0, sizeof *cv);
            cv->id = c->ids[i];
            cv->member_id = c->batch[i].id;
            cv->plan_id = p->plan_id;
            hz_strlcpy(cv->plan_code, p->code, sizeof cv->plan_code);
            cv->shares = p->shares;
            cv->start = c->in->start;
            cv->end = hz_date_term_end(c->in->start, months);
            cv->months = months;
            hz_strlcpy(cv->payer_kind, c->payer_kind, sizeof cv->payer_kind);
            hz_strlcpy(cv->payer_ref, c->payer_ref, sizeof cv->payer_ref);
            cv->premium = premium;
        }
        if ((rc = hz_store_bulk_coverages(app->db, c->covs, n, app->now, e))) return rc;
        c->rep->coverages += n;
    }
    /* after the roster's own coverages, which a module's gift must not overlap */
    if ((rc = hz_app_members_joined(app, c->batch, (size_t)n, e))) return rc;
    c->n_batch = 0;
    return HZ_OK;
}

/* A new member's kept row and its sort key: the ID number as a number
 * (17 digits, then the check character, X after 9), which orders as the
 * text does. */
typedef struct {
    uint64_t key;
    size_t k;
} new_row;

static uint64_t id_key(const char *id) {
    uint64_t v = 0;
    for (int i = 0; i < 17 && id[i]; i++) v = v * 10 + (uint64_t)(id[i] - '0');
    return v * 11 + (id[17] == 'X' || id[17] == 'x' ? 10 : (uint64_t)(id[17] - '0'));
}

static int new_row_cmp(const void *a, const void *b) {
    uint64_t x = ((const new_row *)a)->key, y = ((const new_row *)b)->key;
    return x < y ? -1 : x > y;
}

/* Writes one kept row (pass 2): a member already stored is updated and
 * enrolled here, a new one goes into the bulk batch (or, row by row, the
 * one-by-one path). */
static hz_err pass2_write(roster_ctx *c, long row, roster_row *rrp, hz_errinfo *e) {
    hz_app *app = c->app;
    roster_row rr = *rrp;
    hz_member *m = &rr.m;
    m->unit_id = c->unit.id;
    m->org_id = c->unit.org_id;
    hz_strlcpy(m->unit_code, c->unit.credit_code, sizeof m->unit_code);
    hz_err rc;
    int64_t existing = 0;
    if (c->existing.cap) {
        size_t i = id_hash(m->id_number) & (c->existing.cap - 1);
        for (; c->existing.slots[i].id[0]; i = (i + 1) & (c->existing.cap - 1))
            if (!strcmp(c->existing.slots[i].id, m->id_number)) {
                existing = c->existing.slots[i].row;
                break;
            }
    }
    hz_flag flags[32];
    int n_flags = 0;
    if (existing) {
        m->id = existing;
        /* a coverage of the same plan overlapping with another start date
         * cannot be written: refuse the row before touching anything */
        for (int i = 0; i < c->n_plans; i++) {
            const roster_plan *p = &c->plans[i];
            int months = c->in->months ? c->in->months : p->plan->terms[0];
            hz_coverage same;
            int64_t overlaps;
            if ((rc = hz_store_coverage_same(app->db, m->id, p->code, c->in->start, &same, e))) return rc;
            if (same.id) continue;
            if ((rc = hz_store_coverage_overlaps(app->db, m->id, p->code, c->in->start,
                                                 hz_date_term_end(c->in->start, months), &overlaps, e)))
                return rc;
            if (overlaps) {
                char why[160];
                snprintf(why, sizeof why, "已有 %s 计划的重叠保障 (overlapping %s coverage exists)", p->code, p->code);
                reject(c, row, "plan", why);
                return HZ_OK;
            }
        }
        hz_member old;
        if ((rc = hz_store_member_by_id(app->db, m->id, &old, e))) return rc;
        /* a blank card cell keeps the card on file: it is no instruction
         * to stop paying the member */
        if (!m->bank_card[0]) {
            hz_strlcpy(m->bank_card, old.bank_card, sizeof m->bank_card);
            hz_strlcpy(m->bank_name, old.bank_name, sizeof m->bank_name);
        }
        if (old.unit_id != c->unit.id && strcmp(old.bank_card, m->bank_card) != 0) {
            reject(c, row, "bank_card",
                   "不能通过其他单位的花名册变更会员的银行卡 (a roster cannot change the card of a member of another unit)");
            return HZ_OK;
        }
        if ((rc = hz_store_member_update(app->db, m, app->now, e)) ||
            (rc = hz_card_change_record(app, m, old.bank_card, old.bank_name, "roster", e)))
            return rc;
        c->rep->updated++;
    } else if (c->in->row_by_row) {
        if ((rc = hz_store_member_insert(app->db, m, app->now, e))) return rc;
        c->rep->imported++;
    } else {
        /* a new member: eligibility was checked in pass 1; write in bulk */
        int b = c->n_batch++;
        c->batch[b] = *m;
        memcpy(c->batch_flags[b], rr.flags, sizeof rr.flags);
        c->batch_n_flags[b] = rr.n_flags;
        c->rep->imported++;
        if (c->n_batch == ROSTER_BATCH && (rc = flush_batch(c, e))) return rc;
        long done = c->rep->imported + c->rep->updated;
        if (c->in->progress && done % 50000 == 0) c->in->progress(c->in->progress_ctx, done, c->total);
        return HZ_OK;
    }
    for (int i = 0; i < rr.n_flags; i++)
        if ((rc = hz_store_flag_put(app->db, m->id, &rr.flags[i], e))) return rc;
    if (existing) {
        if ((rc = hz_store_flags(app->db, m->id, flags, 32, &n_flags, e))) return rc;
    } else {
        memcpy(flags, rr.flags, sizeof rr.flags[0] * (size_t)rr.n_flags);
        n_flags = rr.n_flags;
    }
    for (int i = 0; i < c->n_plans; i++) {
        const roster_plan *p = &c->plans[i];
        hz_enroll_req req = {m,        flags,         n_flags,       p->plan_id, p->plan, p->shares, c->in->months,
                             c->in->start, c->payer_kind, c->payer_ref, true, !existing};
        bool existed;
        if ((rc = hz_enroll_one(app, &req, NULL, &existed, e))) {
            if (rc == HZ_EINVAL || rc == HZ_ECONFLICT) {
                reject(c, row, "plan", e->msg);
                return HZ_OK;
            }
            return rc;
        }
        if (!existed) c->rep->coverages++;
    }
    if (!existing && (rc = hz_app_members_joined(app, m, 1, e))) return rc;
    long done = c->rep->imported + c->rep->updated;
    if (c->in->progress && done % 50000 == 0) c->in->progress(c->in->progress_ctx, done, c->total);
    return HZ_OK;
}

hz_err hz_app_import_roster(hz_app *app, const hz_roster_input *in, hz_roster_report *out, hz_errinfo *e) {
    memset(out, 0, sizeof *out);
    roster_ctx c;
    memset(&c, 0, sizeof c);
    c.app = app;
    c.today = app->today;
    c.in = in;
    c.rep = out;
    hz_table *t = NULL;
    hz_err rc;
    if (in->start == HZ_DATE_NONE) return hz_fail(e, HZ_EINVAL, "start: 须指定起保日期 (--start is required)");
    char unit_code[19];
    if ((rc = hz_authz_can(app, HZ_A_ROSTER, e)) ||
        (rc = hz_norm_credit_code(in->unit_code, unit_code, sizeof unit_code, "unit", e)) ||
        (rc = hz_store_unit_by_code(app->db, unit_code, &c.unit, e)) ||
        (rc = hz_authz_unit(app, &c.unit, "", e)))
        return rc;
    c.hardship_to = hz_date_term_end(in->start, 12);
    if ((rc = hz_payer_resolve(app, in->payer ? in->payer : "unit", c.unit.credit_code, c.payer_kind, c.payer_ref, e)))
        return rc;
    for (int i = 0; i < in->n_plans; i++) {
        roster_plan *p = &c.plans[c.n_plans++];
        if ((rc = hz_plan_spec_parse(in->plans[i], p->code, &p->shares, e)) ||
            (rc = hz_app_plan_current(app, p->code, &p->plan_id, &p->plan, NULL, e)))
            return rc;
        int months = in->months ? in->months : p->plan->terms[0];
        bool term_ok = false;
        for (int k = 0; k < p->plan->n_terms; k++) term_ok |= p->plan->terms[k] == months;
        if (!term_ok) return hz_fail(e, HZ_EINVAL, "months: %s 计划不提供 %d 个月的期限 (term not offered)", p->code, months);
        if (p->shares < p->plan->min_shares || p->shares > p->plan->max_shares)
            return hz_fail(e, HZ_EINVAL, "plan: %s 计划份数应为 %d 至 %d 份 (shares out of range)", p->code,
                           p->plan->min_shares, p->plan->max_shares);
    }
    hz_store_bulk_mode(app->db);
    if ((rc = hz_table_open(in->path, in->encoding, &t, e))) goto done;
    out->format = hz_table_format(t);
    out->encoding = hz_table_encoding(t);
    if ((rc = hz_table_each(t, pass1_row, &c, e))) goto done;
    /* an empty, BOM-only or header-only file is refused, not "imported" and
     * audited as if a roster had arrived */
    if (out->rows == 0) {
        rc = hz_fail(e, HZ_EINVAL, "file: 文件没有数据行, 未导入任何数据 (no data rows; nothing imported)");
        goto done;
    }
    c.total = out->rows;
    if (out->n_rejected && !in->skip_invalid) {
        rc = hz_fail(e, HZ_EINVAL, "%ld 行有误, 未导入任何数据 (%ld invalid rows; nothing imported)", out->n_rejected,
                     out->n_rejected);
        goto done;
    }
    c.batch = malloc(sizeof *c.batch * ROSTER_BATCH);
    c.batch_flags = malloc(sizeof *c.batch_flags * ROSTER_BATCH);
    c.batch_n_flags = malloc(sizeof *c.batch_n_flags * ROSTER_BATCH);
    c.ids = malloc(sizeof *c.ids * ROSTER_BATCH);
    c.covs = malloc(sizeof *c.covs * ROSTER_BATCH);
    if (!c.batch || !c.batch_flags || !c.batch_n_flags || !c.ids || !c.covs) {
        rc = hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
        goto done;
    }
    if (in->solo) hz_store_import_solo(app->db, true);
    if ((rc = hz_db_begin(app->db, e))) goto done;
    long out_of_scope = 0;
    if ((rc = load_existing(&c, e)) || (rc = check_scope(&c, &out_of_scope, e))) {
        hz_db_rollback(app->db);
        goto done;
    }
    /* the CLI's import of mostly new people only appends: a random update
     * of a stored member is rare enough to read back from the file */
    if (in->solo && c.n_existing * 10 < c.n_kept) hz_store_import_appends(app->db);
    if (out_of_scope) {
        hz_db_rollback(app->db);
        rc = hz_fail(e, HZ_EINVAL, "%ld 行的人员不属于本单位, 未导入任何数据 (%ld rows name people outside this unit; "
                     "nothing imported)", out_of_scope, out_of_scope);
        goto done;
    }
    /* members already stored in file order; new ones after them, in ID
     * number order, so their ids and every index of theirs append */
    new_row *news = NULL;
    size_t n_news = 0;
    if (!in->row_by_row && !(news = malloc(sizeof *news * (c.n_kept ? c.n_kept : 1))))
        rc = hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    for (size_t k = 0; rc == HZ_OK && k < c.n_kept; k++) {
        roster_row rr;
        long row = kept_row(&c, k, &rr);
        if (news && !id_set_get(&c.existing, rr.m.id_number)) news[n_news++] = (new_row){id_key(rr.m.id_number), k};
        else rc = pass2_write(&c, row, &rr, e);
    }
    if (news && rc == HZ_OK) qsort(news, n_news, sizeof *news, new_row_cmp);
    for (size_t k = 0; rc == HZ_OK && k < n_news; k++) {
        roster_row rr;
        long row = kept_row(&c, news[k].k, &rr);
        rc = pass2_write(&c, row, &rr, e);
    }
    free(news);
    if (rc || (rc = flush_batch(&c, e))) {
        hz_db_rollback(app->db);
        goto done;
    }
    if (out->n_rejected && !in->skip_invalid) { /* conflicts found while writing */
        hz_db_rollback(app->db);
        out->imported = out->updated = out->coverages = 0;
        rc = hz_fail(e, HZ_EINVAL, "%ld 行有误, 未导入任何数据 (%ld invalid rows; nothing imported)", out->n_rejected,
                     out->n_rejected);
        goto done;
    }
    char object[48], detail[400];
    snprintf(object, sizeof object, "unit:%s", c.unit.credit_code);
    snprintf(detail, sizeof detail,
             "{\"file_digest\":\"%s\",\"rows\":%ld,\"imported\":%ld,\"updated\":%ld,\"coverages\":%ld,\"rejected\":%ld}",
             hz_table_digest(t), out->rows, out->imported, out->updated, out->coverages, out->n_rejected);
    if ((rc = hz_audit(app, "roster.import", object, detail, e))) {
        hz_db_rollback(app->db);
        goto done;
    }
    if (in->dry_run) {
        hz_db_rollback(app->db);
    } else {
        if ((rc = hz_db_commit(app->db, e))) goto done;
        out->written = true;
    }
    if (in->progress) in->progress(in->progress_ctx, c.total, c.total);
done:
    if (in->solo) hz_store_import_solo(app->db, false);
    hz_store_bulk_end(app->db);
    hz_table_free(t);
    free(c.seen.slots);
    free(c.existing.slots);
    free(c.bad);
    free(c.batch);
    free(c.batch_flags);
    free(c.batch_n_flags);
    free(c.ids);
    free(c.covs);
    free(c.kept);
    free(c.kept_at);
    return rc;
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
    hz_err rc = hz_table_each(t, pass1_row, &c, e);
    free(c.seen.slots);
    free(c.bad);
    return rc;
}

void hz_roster_report_free(hz_roster_report *r) {
    free(r->rejected);
    r->rejected = NULL;
}
