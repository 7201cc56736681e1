/* Settlement feed parsing: CSV through io/table, JSON Lines through jansson
 * (bare JSON numbers are turned into strings first, so amounts never pass
 * through a double). */
#include "io/feed.h"

#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/engine.h"
#include "core/icd10.h"
#include "core/idcard.h"
#include "core/normalize.h"
#include "core/text.h"

enum {
    F_SETL_ID, F_CERTNO, F_PSN_NAME, F_GEND, F_FIX_CODE, F_FIX_NAME, F_HOSP_LV, F_MED_TYPE, F_ADM, F_DSCG, F_MAIN_DIAG,
    F_DIAGS, F_MEDFEE, F_FUND, F_SELFPAY, F_OWNPAY, F_REFD, F_SETL_TIME, F_COUNT
};
static const char *const names[F_COUNT] = {
    "setl_id",  "certno",         "psn_name",   "gend",          "fixmedins_code", "fixmedins_name",
    "hosp_lv",  "med_type",       "adm_date",   "dscg_date",     "main_diag_code", "diag_codes",
    "medfee_sumamt", "fund_pay_sumamt", "psn_selfpay", "psn_ownpay", "refd_setl_flag", "setl_time"};

struct hz_feed {
    hz_table *csv;
    char *text; /* JSON Lines */
    size_t len;
    char digest[65];
};

/* Takes ownership of data (len bytes, NUL-terminated): CSV through the table
 * layer, JSON Lines kept as UTF-8 text. data is freed on every path. */
static hz_err feed_from(char *data, size_t len, hz_feed **out, hz_errinfo *e) {
    hz_feed *f = calloc(1, sizeof *f);
    if (!f) {
        free(data);
        return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    }
    unsigned char h[32];
    crypto_generichash(h, sizeof h, (const unsigned char *)data, len, NULL, 0);
    sodium_bin2hex(f->digest, sizeof f->digest, h, sizeof h);
    size_t i = 0;
    while (i < len && strchr(" \n\r\t\xEF\xBB\xBF", data[i]) && data[i]) i++;
    if (i < len && data[i] == '{') {
        size_t skip = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
        memmove(data, data + skip, len - skip + 1);
        f->text = data;
        f->len = len - skip;
        if (!hz_utf8_valid(f->text, f->len)) {
            hz_feed_free(f);
            return hz_fail(e, HZ_EINVAL, "JSON Lines 须为 UTF-8 编码 (JSON Lines must be UTF-8)");
        }
        const char *nul = memchr(f->text, '\0', f->len);
        if (nul) {
            long line = 1;
            for (const char *p = f->text; p < nul; p++) line += *p == '\n';
            hz_feed_free(f);
            return hz_fail(e, HZ_EINVAL, "第%ld行: 含有空字符 (NUL), 文件可能已损坏 (line %ld: a NUL byte)", line, line);
        }
        *out = f;
        return HZ_OK;
    }
    hz_err rc = hz_table_open_buffer(data, len, HZ_ENC_AUTO, &f->csv, e);
    if (rc) {
        free(f);
        return rc;
    }
    *out = f;
    return HZ_OK;
}

hz_err hz_feed_open(const char *path, hz_feed **out, hz_errinfo *e) {
    char *data;
    size_t len;
    hz_err rc = hz_file_read(path, &data, &len, e);
    return rc ? rc : feed_from(data, len, out, e);
}

hz_err hz_feed_open_mem(const char *data, size_t len, hz_feed **out, hz_errinfo *e) {
    if (len > HZ_TABLE_MAX_BYTES) return hz_fail(e, HZ_EINVAL, "文件超过 2 GiB (file larger than 2 GiB)");
    char *copy = malloc(len + 1);
    if (!copy) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    memcpy(copy, data, len);
    copy[len] = '\0';
    return feed_from(copy, len, out, e);
}

void hz_feed_free(hz_feed *f) {
    if (!f) return;
    hz_table_free(f->csv);
    free(f->text);
    free(f);
}

const char *hz_feed_format(const hz_feed *f) { return f->csv ? "csv" : "jsonl"; }
const char *hz_feed_digest(const hz_feed *f) { return f->digest; }

/* ---- one row of text values -> hz_settlement ---- */

typedef struct {
    hz_date today;
    hz_feed_fn fn;
    void *ctx;
    int col[F_COUNT];
} walk;

static hz_err feed_date(const char *raw, hz_date *out) {
    char buf[11], text[64];
    if (hz_norm_text(raw, text, sizeof text, NULL, 1, 40, NULL)) return HZ_EINVAL;
    const char *v = text;
    size_t n = strlen(v);
    /* "2019-05-06" or "2019-05-06 10:20:30" / "2019-05-06T10:20:30" */
    if (n < 10 || (n > 10 && v[10] != ' ' && v[10] != 'T')) return HZ_EINVAL;
    memcpy(buf, v, 10);
    buf[10] = '\0';
    return hz_date_parse(buf, out, NULL, NULL);
}

/* An optional code or time of the record (gend, fixmedins_code, hosp_lv,
 * setl_time) into out: blank gives "", else free text of at most max
 * characters (hz_norm_text) that must fit outsz bytes. Refused when longer,
 * counted in characters: copying bytes up to outsz cut a character in half
 * (SQLite stored the broken UTF-8; PostgreSQL refused the whole file).
 * Returns NULL or the reason, written into why. */
static const char *opt_code(const char *in, char *out, size_t outsz, const char *field, size_t max, char *why,
                            size_t why_len) {
    out[0] = '\0';
    if (hz_norm_is_blank(in)) return NULL;
    hz_errinfo ie;
    if (!hz_norm_text(in, out, outsz, field, 1, max, &ie)) return NULL;
    snprintf(why, why_len, "%s", ie.msg);
    return why;
}

/* Fills s from the values; returns the bad field name or NULL. Every value
 * goes through the normalisation of its kind (core/normalize.h), as input
 * typed at the CLI or the API does. */
static const char *parse_row(const walk *w, const char *const *v, hz_settlement *s, char *why, size_t why_len) {
    memset(s, 0, sizeof *s);
    s->adm_date = s->dscg_date = HZ_DATE_NONE;
    hz_errinfo ie;
    char id[64];
    if (hz_norm_is_blank(v[F_SETL_ID])) return snprintf(why, why_len, "结算流水号为空 (empty)"), names[F_SETL_ID];
    if (hz_norm_text(v[F_SETL_ID], id, sizeof id, names[F_SETL_ID], 1, 40, &ie))
        return snprintf(why, why_len, "%s", ie.msg), names[F_SETL_ID];
    if (strlen(id) >= sizeof s->setl_id) return snprintf(why, why_len, "过长 (too long)"), names[F_SETL_ID];
    for (char *p = id; *p; p++) {
        if (*p <= ' ' || *p == ',' || *p == '"' || (unsigned char)*p >= 0x7F)
            return snprintf(why, why_len, "含非法字符 (bad character)"), names[F_SETL_ID];
        /* one stay, one number: "ab12" and "AB12" are the same settlement */
        if (*p >= 'a' && *p <= 'z') *p = (char)(*p - 'a' + 'A');
    }
    hz_strlcpy(s->setl_id, id, sizeof s->setl_id);
    const char *refd = v[F_REFD];
    if (*refd && strcmp(refd, "0") && strcmp(refd, "1"))
        return snprintf(why, why_len, "应为 0 或 1 (must be 0 or 1)"), names[F_REFD];
    s->refund = strcmp(refd, "1") == 0;
    hz_idinfo info;
    if (hz_id_parse_as(v[F_CERTNO], names[F_CERTNO], w->today, &info, &ie))
        return snprintf(why, why_len, "%s", ie.msg), names[F_CERTNO];
    hz_strlcpy(s->certno, info.number, sizeof s->certno);
    if (!hz_norm_is_blank(v[F_PSN_NAME]) &&
        hz_norm_text(v[F_PSN_NAME], s->psn_name, sizeof s->psn_name, names[F_PSN_NAME], 1, 30, &ie))
        return snprintf(why, why_len, "%s", ie.msg), names[F_PSN_NAME];
    if (opt_code(v[F_GEND], s->gend, sizeof s->gend, names[F_GEND], 2, why, why_len)) return names[F_GEND];
    if (opt_code(v[F_FIX_CODE], s->fixmedins_code, sizeof s->fixmedins_code, names[F_FIX_CODE], 30, why, why_len))
        return names[F_FIX_CODE];
    if (!hz_norm_is_blank(v[F_FIX_NAME]) &&
        hz_norm_text(v[F_FIX_NAME], s->fixmedins_name, sizeof s->fixmedins_name, names[F_FIX_NAME], 1, 60, &ie))
        return snprintf(why, why_len, "%s", ie.msg), names[F_FIX_NAME];
    if (opt_code(v[F_HOSP_LV], s->hosp_lv, sizeof s->hosp_lv, names[F_HOSP_LV], 8, why, why_len))
        return names[F_HOSP_LV];
    if (!*v[F_MED_TYPE] || strlen(v[F_MED_TYPE]) >= sizeof s->med_type)
        return snprintf(why, why_len, "医疗类别为空或过长 (missing or too long)"), names[F_MED_TYPE];
    /* the national code list: 2 digits (11 门诊, 21 住院, 52 生育住院 …),
     * local extensions up to 6 digits; a word here is a shifted column */
    size_t mt = strspn(v[F_MED_TYPE], "0123456789");
    if (v[F_MED_TYPE][mt] || mt < 2 || mt > 6)
        return snprintf(why, why_len, "医疗类别应为 2 至 6 位数字代码, 如 21 表示住院 (a 2-6 digit code, got '%.20s')",
                        v[F_MED_TYPE]),
               names[F_MED_TYPE];
    hz_strlcpy(s->med_type, v[F_MED_TYPE], sizeof s->med_type);
    if (feed_date(v[F_ADM], &s->adm_date))
        return snprintf(why, why_len, "日期无效 (not a date: '%.20s')", v[F_ADM]), names[F_ADM];
    if (s->adm_date > w->today) return snprintf(why, why_len, "入院日期在未来 (in the future)"), names[F_ADM];
    if (*v[F_DSCG]) {
        if (feed_date(v[F_DSCG], &s->dscg_date))
            return snprintf(why, why_len, "日期无效 (not a date: '%.20s')", v[F_DSCG]), names[F_DSCG];
        if (s->dscg_date < s->adm_date) return snprintf(why, why_len, "出院早于入院 (before adm_date)"), names[F_DSCG];
        /* a settlement is made at discharge: a later date is a typo or a
         * shifted column, and would pay days still to come */
        if (s->dscg_date > w->today) return snprintf(why, why_len, "出院日期在未来 (in the future)"), names[F_DSCG];
    } else if (strcmp(s->med_type, "21") == 0) {
        return snprintf(why, why_len, "住院结算须有出院日期 (inpatient needs a discharge date)"), names[F_DSCG];
    }
    if (!hz_norm_is_blank(v[F_MAIN_DIAG]) &&
        hz_norm_icd10(v[F_MAIN_DIAG], s->main_diag_code, sizeof s->main_diag_code, names[F_MAIN_DIAG], &ie))
        return snprintf(why, why_len, "%s", ie.msg), names[F_MAIN_DIAG];
    if (strlen(v[F_DIAGS]) >= sizeof s->diag_codes) return snprintf(why, why_len, "过长 (too long)"), names[F_DIAGS];
    char list[sizeof s->diag_codes];
    hz_strlcpy(list, v[F_DIAGS], sizeof list);
    size_t at = 0;
    int n_codes = 1; /* the main diagnosis */
    for (char *p = list; *p;) {
        char *semi = strchr(p, ';');
        if (semi) *semi = '\0';
        char code[HZ_ICD_MAX * 2];
        if (!hz_norm_is_blank(p)) {
            if (hz_norm_icd10(p, code, sizeof code, names[F_DIAGS], &ie))
                return snprintf(why, why_len, "%s", ie.msg), names[F_DIAGS];
            at += (size_t)snprintf(s->diag_codes + at, sizeof s->diag_codes - at, "%s%s", at ? ";" : "", code);
            if (at >= sizeof s->diag_codes) return snprintf(why, why_len, "过长 (too long)"), names[F_DIAGS];
            if (++n_codes > HZ_ENG_MAX_DIAG)
                return snprintf(why, why_len, "诊断编码超过 %d 个 (more than %d codes; none is dropped in silence)",
                                HZ_ENG_MAX_DIAG, HZ_ENG_MAX_DIAG),
                       names[F_DIAGS];
        }
        if (!semi) break;
        p = semi + 1;
    }
    hz_fen *amounts[4] = {&s->medfee_sumamt, &s->fund_pay_sumamt, &s->psn_selfpay, &s->psn_ownpay};
    for (int i = 0; i < 4; i++) {
        int f = F_MEDFEE + i;
        if (hz_norm_money(v[f], s->refund, amounts[i], names[f], &ie))
            return snprintf(why, why_len, "%s", ie.msg), names[f];
    }
    /* a refund carries its settlement's record with the amounts negated:
     * one of positive amounts would be kept as the settlement when it came
     * first, and the same file sent again refused as differing from it */
    for (int i = 0; s->refund && i < 4; i++)
        if (*amounts[i] > 0)
            return snprintf(why, why_len,
                            "退费行的金额应为原结算金额取负 (a refund row carries its settlement's amounts negated)"),
                   names[F_MEDFEE + i];
    if (!s->refund && s->psn_selfpay + s->psn_ownpay + s->fund_pay_sumamt > s->medfee_sumamt)
        return snprintf(why, why_len, "基金支付与个人负担之和超过医疗总费用 (parts exceed medfee_sumamt)"), names[F_MEDFEE];
    if (opt_code(v[F_SETL_TIME], s->setl_time, sizeof s->setl_time, names[F_SETL_TIME], 23, why, why_len))
        return names[F_SETL_TIME];
    return NULL;
}

static hz_err deliver(walk *w, long line, const char *const *v, hz_errinfo *e) {
    hz_settlement s;
    char why[256];
    const char *bad = parse_row(w, v, &s, why, sizeof why);
    return w->fn(w->ctx, line, &s, bad, bad ? why : NULL, e);
}

static hz_err csv_row(void *vctx, long row, char **f, int n, hz_errinfo *e) {
    walk *w = vctx;
    if (row == 1) {
        for (int k = 0; k < F_COUNT; k++) w->col[k] = -1;
        for (int i = 0; i < n; i++)
            for (int k = 0; k < F_COUNT; k++)
                if (!strcasecmp(f[i], names[k])) w->col[k] = i;
        static const int required[] = {F_SETL_ID, F_CERTNO, F_MED_TYPE, F_ADM, F_MEDFEE, F_FUND, F_SELFPAY};
        for (size_t r = 0; r < sizeof required / sizeof required[0]; r++)
            if (w->col[required[r]] < 0)
                return hz_fail(e, HZ_EINVAL, "第1行: 缺少列 %s (row 1: missing column %s)", names[required[r]],
                               names[required[r]]);
        return HZ_OK;
    }
    bool empty = true;
    for (int i = 0; i < n; i++) empty &= !f[i][0];
    if (empty) return HZ_OK;
    const char *v[F_COUNT];
    for (int k = 0; k < F_COUNT; k++) v[k] = w->col[k] >= 0 && w->col[k] < n ? f[w->col[k]] : "";
    if (!*v[F_OWNPAY]) v[F_OWNPAY] = "0";
    return deliver(w, row, v, e);
}

/* Copies a JSON line, turning bare numbers into strings. */
static void quote_numbers(const char *in, size_t n, char *out) {
    bool in_str = false;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        char c = in[i];
        if (in_str) {
            out[o++] = c;
            if (c == '\\' && i + 1 < n) out[o++] = in[++i];
            else if (c == '"') in_str = false;
        } else if (c == '"') {
            in_str = true;
            out[o++] = c;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            out[o++] = '"';
            while (i < n && strchr("-+.eE0123456789", in[i])) out[o++] = in[i++];
            out[o++] = '"';
            i--;
        } else {
            out[o++] = c;
        }
    }
    out[o] = '\0';
}

static hz_err jsonl_walk(hz_feed *f, walk *w, hz_errinfo *e) {
    long line = 0;
    for (char *p = f->text; *p;) {
        char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        line++;
        char *next = nl ? nl + 1 : p + n;
        size_t k = n;
        while (k && (p[k - 1] == '\r' || p[k - 1] == ' ')) k--;
        if (k == 0) {
            p = next;
            continue;
        }
        if (k > 64 * 1024) return hz_fail(e, HZ_EINVAL, "第%ld行: 超过 64 KiB (line longer than 64 KiB)", line);
        char *buf = malloc(k * 3 + 1);
        if (!buf) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
        quote_numbers(p, k, buf);
        json_error_t je;
        json_t *o = json_loads(buf, JSON_REJECT_DUPLICATES, &je);
        free(buf);
        hz_err rc;
        if (!o || !json_is_object(o)) {
            hz_settlement s;
            memset(&s, 0, sizeof s);
            char why[256];
            snprintf(why, sizeof why, "不是有效的 JSON 对象 (%s)", o ? "not an object" : je.text);
            rc = w->fn(w->ctx, line, &s, "(json)", why, e);
        } else {
            const char *v[F_COUNT];
            const char *bad = NULL;
            for (int i = 0; i < F_COUNT; i++) {
                json_t *x = json_object_get(o, names[i]);
                if (!x || json_is_null(x)) v[i] = i == F_OWNPAY ? "0" : "";
                else if (json_is_string(x)) v[i] = json_string_value(x);
                else {
                    v[i] = "";
                    if (!bad) bad = names[i];
                }
            }
            if (bad) {
                hz_settlement s;
                memset(&s, 0, sizeof s);
                rc = w->fn(w->ctx, line, &s, bad, "类型错误 (wrong JSON type)", e);
            } else {
                rc = deliver(w, line, v, e);
            }
        }
        json_decref(o);
        if (rc) return rc;
        p = next;
    }
    return HZ_OK;
}

hz_err hz_feed_each(hz_feed *f, hz_date today, hz_feed_fn fn, void *ctx, hz_errinfo *e) {
    walk w;
    memset(&w, 0, sizeof w);
    w.today = today;
    w.fn = fn;
    w.ctx = ctx;
    if (f->csv) return hz_table_each(f->csv, csv_row, &w, e);
    return jsonl_walk(f, &w, e);
}
