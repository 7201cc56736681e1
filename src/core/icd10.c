/* ICD-10 parsing and range matching at the precision of each bound. */
#include "core/icd10.h"

#include <ctype.h>
#include <string.h>

hz_err hz_icd_normalize(const char *code, char out[HZ_ICD_MAX], hz_errinfo *e) {
    const char *p = code;
    size_t n = 0;
    if (!p || !isalpha((unsigned char)p[0]) || !isdigit((unsigned char)p[1]) || !isdigit((unsigned char)p[2]))
        return hz_fail(e, HZ_EINVAL, "诊断编码格式错误 (not an ICD-10 code: '%s')", code ? code : "");
    out[n++] = (char)toupper((unsigned char)p[0]);
    out[n++] = p[1];
    out[n++] = p[2];
    p += 3;
    if (*p == '.') {
        p++;
        if (!*p) return hz_fail(e, HZ_EINVAL, "诊断编码格式错误 (not an ICD-10 code: '%s')", code);
    }
    for (; *p; p++) {
        if (!isalnum((unsigned char)*p) || n >= HZ_ICD_MAX - 1 || n >= 12)
            return hz_fail(e, HZ_EINVAL, "诊断编码格式错误 (not an ICD-10 code: '%s')", code);
        out[n++] = (char)toupper((unsigned char)*p);
    }
    out[n] = '\0';
    return HZ_OK;
}

/* Copies s[0..n) trimmed of blanks into buf (size cap). */
static void trim_copy(const char *s, size_t n, char *buf, size_t cap) {
    while (n && isspace((unsigned char)*s)) s++, n--;
    while (n && isspace((unsigned char)s[n - 1])) n--;
    if (n >= cap) n = cap - 1;
    memcpy(buf, s, n);
    buf[n] = '\0';
}

static hz_err parse_item(const char *text, short group, bool except, hz_icd_list *out, hz_errinfo *e) {
    char lo[40], hi[40];
    /* accept '-' and the en dash U+2013 as the range sign */
    const char *dash = strchr(text, '-');
    size_t dash_len = 1;
    const char *en = strstr(text, "\xE2\x80\x93");
    if (!dash || (en && en < dash)) dash = en, dash_len = 3;
    if (dash) {
        trim_copy(text, (size_t)(dash - text), lo, sizeof lo);
        trim_copy(dash + dash_len, strlen(dash + dash_len), hi, sizeof hi);
    } else {
        trim_copy(text, strlen(text), lo, sizeof lo);
        memcpy(hi, lo, sizeof lo);
    }
    if (out->n >= HZ_ICD_LIST_MAX) return hz_fail(e, HZ_EINVAL, "疾病列表过长 (list has more than %d items)", HZ_ICD_LIST_MAX);
    hz_icd_item *it = &out->items[out->n];
    if (hz_icd_normalize(lo, it->lo, NULL) != HZ_OK || hz_icd_normalize(hi, it->hi, NULL) != HZ_OK)
        return hz_fail(e, HZ_EINVAL, "疾病列表项无效 (bad list item '%s')", text);
    if (strcmp(it->lo, it->hi) > 0) return hz_fail(e, HZ_EINVAL, "疾病列表区间颠倒 (range '%s' runs backwards)", text);
    it->group = group;
    it->except = except;
    it->lo_len = (unsigned char)strlen(it->lo);
    it->hi_len = (unsigned char)strlen(it->hi);
    out->n++;
    return HZ_OK;
}

/* Splits seg[0..n) on ',' and parses each item. */
static hz_err parse_items(const char *seg, size_t n, short group, bool except, hz_icd_list *out, hz_errinfo *e) {
    char buf[512];
    trim_copy(seg, n, buf, sizeof buf);
    if (!*buf) return hz_fail(e, HZ_EINVAL, "疾病列表有空项 (empty list item)");
    char *save = buf;
    for (;;) {
        char *comma = strchr(save, ',');
        if (comma) *comma = '\0';
        char item[64];
        trim_copy(save, strlen(save), item, sizeof item);
        if (!*item) return hz_fail(e, HZ_EINVAL, "疾病列表有空项 (empty list item)");
        hz_err rc = parse_item(item, group, except, out, e);
        if (rc) return rc;
        if (!comma) break;
        save = comma + 1;
    }
    return HZ_OK;
}

hz_err hz_icd_list_parse(const char *text, hz_icd_list *out, hz_errinfo *e) {
    out->n = 0;
    short group = 0;
    const char *p = text ? text : "";
    while (*p) {
        const char *end = strchr(p, ';');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        const char *ex = NULL;
        for (const char *q = p; q + 6 <= p + len; q++)
            if (strncmp(q, "except", 6) == 0) {
                ex = q;
                break;
            }
        size_t inc_len = ex ? (size_t)(ex - p) : len;
        hz_err rc = parse_items(p, inc_len, group, false, out, e);
        if (rc) return rc;
        if (ex) {
            rc = parse_items(ex + 6, len - inc_len - 6, group, true, out, e);
            if (rc) return rc;
        }
        group++;
        p = end ? end + 1 : p + len;
        while (*p == ' ') p++;
    }
    if (out->n == 0) return hz_fail(e, HZ_EINVAL, "疾病列表为空 (empty disease list)");
    return HZ_OK;
}

/* strncmp(a, b, n) for n bytes that hold no NUL, without the call */
static int compare_n(const char *a, const char *b, int n) {
    for (int i = 0; i < n; i++)
        if (a[i] != b[i]) return (unsigned char)a[i] < (unsigned char)b[i] ? -1 : 1;
    return 0;
}

/* lo <= code <= hi, each at its bound's precision. Most items fail on the
 * first letter (a list is searched per diagnosis and tier of every line:
 * P7), which decides as the full comparison would: no bound is empty, so a
 * first byte below lo's or above hi's settles it. */
static bool item_holds(const hz_icd_item *it, const char *code, size_t code_len) {
    if (code[0] < it->lo[0] || code[0] > it->hi[0]) return false;
    if (code_len < it->lo_len || code_len < it->hi_len) return false;
    return compare_n(code, it->lo, it->lo_len) >= 0 && compare_n(code, it->hi, it->hi_len) <= 0;
}

/* Is code in an exception of item i's group? A group's items stand
 * together (hz_icd_list_parse writes them so), so only they are looked at. */
static bool excluded(const hz_icd_list *l, int i, const char *code, size_t n) {
    short g = l->items[i].group;
    for (int j = i + 1; j < l->n && l->items[j].group == g; j++)
        if (l->items[j].except && item_holds(&l->items[j], code, n)) return true;
    for (int j = i - 1; j >= 0 && l->items[j].group == g; j--)
        if (l->items[j].except && item_holds(&l->items[j], code, n)) return true;
    return false;
}

bool hz_icd_list_match(const hz_icd_list *l, const char *code) {
    size_t n = strlen(code);
    for (int i = 0; i < l->n; i++) {
        const hz_icd_item *it = &l->items[i];
        if (it->except || !item_holds(it, code, n)) continue;
        if (!excluded(l, i, code, n)) return true;
    }
    return false;
}

bool hz_icd_is_accident(const char *code) {
    if (!code[0] || !code[1] || !code[2]) return false; /* shorter than 3 */
    char c = code[0];
    int num = (code[1] - '0') * 10 + (code[2] - '0');
    if (c == 'S') return true;
    if (c == 'T') return num <= 98;
    if (c == 'V') return num >= 1;
    if (c == 'W' || c == 'X') return true;
    if (c == 'Y') return num <= 98;
    return false;
}
