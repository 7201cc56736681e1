/* Relief programme arithmetic (core/relief.h, plans.md). */
#include "core/relief.h"

#include <stdlib.h>
#include <string.h>

#include "core/money.h"
#include "core/text.h"

hz_fen hz_relief_band(hz_fen burden) {
    static const struct {
        hz_fen from, grant;
    } bands[] = {{HZ_FEN(500000), HZ_FEN(50000)}, {HZ_FEN(300000), HZ_FEN(30000)}, {HZ_FEN(200000), HZ_FEN(20000)},
                 {HZ_FEN(100000), HZ_FEN(10000)}, {HZ_FEN(50000), HZ_FEN(5000)},   {HZ_FEN(30000), HZ_FEN(3000)},
                 {HZ_FEN(10000), HZ_FEN(1500)}};
    for (size_t i = 0; i < sizeof bands / sizeof bands[0]; i++)
        if (burden >= bands[i].from) return bands[i].grant;
    return 0;
}

hz_fen hz_relief_student_amount(bool hardship, bool university) {
    if (hardship) return university ? HZ_FEN(5000) : HZ_FEN(3000);
    return university ? HZ_FEN(4000) : HZ_FEN(2000);
}

/* Bytes of the UTF-8 character starting at p. */
static size_t char_len(const unsigned char *p) {
    if (*p < 0x80) return 1;
    if ((*p & 0xE0) == 0xC0) return 2;
    if ((*p & 0xF0) == 0xE0) return 3;
    return 4;
}

void hz_relief_mask_name(const char *name, char *out, size_t outsz) {
    const unsigned char *p = (const unsigned char *)name;
    size_t n = strlen(name), first = n ? char_len(p) : 0, o = 0;
    if (first > n) first = n;
    /* the last character */
    size_t last = n;
    while (last > first && (p[last - 1] & 0xC0) == 0x80)
        last--;
    if (last > first) last--;
    while (last > first && (p[last] & 0xC0) == 0x80)
        last--;
    if (outsz == 0) return;
    for (size_t i = 0; i < first && o + 1 < outsz; i++)
        out[o++] = name[i];
    if (o + 1 < outsz) out[o++] = '*';
    if (last > first)
        for (size_t i = last; i < n && o + 1 < outsz; i++)
            out[o++] = name[i];
    out[o] = '\0';
}

/* Characters that may not be part of an item's name: separators (ASCII
 * and full-width) and blanks, so "大米:1:2" or "大米，面粉:1" are refused
 * rather than read as odd names. */
static bool name_char_refused(const char *q, size_t *len) {
    static const char *const bad[] = {"\xef\xbc\x9a" /* ： */, "\xef\xbc\x8c" /* ， */,
                                      "\xe3\x80\x81" /* 、 */, "\xe3\x80\x80" /* ideographic space */,
                                      "\xc2\xa0" /* NBSP */,   NULL};
    *len = 1;
    unsigned char c = (unsigned char)*q;
    if (c <= 0x20 || c == 0x7f || c == ':' || c == '"' || c == '\\' || c == ';') return true;
    for (int i = 0; bad[i]; i++)
        if (!strncmp(q, bad[i], strlen(bad[i]))) {
            *len = strlen(bad[i]);
            return true;
        }
    return false;
}

hz_err hz_relief_items_parse(const char *items, const char *field, hz_relief_item out[HZ_RELIEF_MAX_ITEMS], int *n,
                             hz_errinfo *e) {
    char buf[512];
    *n = 0;
    if (!items || !*items) return hz_fail(e, HZ_EINVAL, "%s: 必填, 如 大米:2 (required, goods:count)", field);
    if (!hz_utf8_valid(items, strlen(items))) return hz_fail(e, HZ_EINVAL, "%s: 不是 UTF-8 文本 (not UTF-8)", field);
    size_t total = hz_utf8_len(items);
    if (total > HZ_RELIEF_ITEMS_MAX_CHARS || strlen(items) >= sizeof buf)
        return hz_fail(e, HZ_EINVAL, "%s: 共 %zu 个字符, 至多 %d 个 (at most %d characters)", field, total,
                       HZ_RELIEF_ITEMS_MAX_CHARS, HZ_RELIEF_ITEMS_MAX_CHARS);
    hz_strlcpy(buf, items, sizeof buf);
    for (char *p = buf; p;) {
        char *comma = strchr(p, ',');
        if (comma) *comma = '\0';
        char *colon = strchr(p, ':');
        const char *digits = colon ? colon + 1 : "";
        size_t nd = strspn(digits, "0123456789");
        if (!colon || colon == p || nd == 0 || nd > 6 || digits[nd] != '\0')
            return hz_fail(e, HZ_EINVAL, "%s: '%s' 应为 物品:件数, 件数为数字 1-100000 (goods:count, e.g. 大米:2)",
                           field, p);
        long long c = strtoll(digits, NULL, 10);
        if (c < 1 || c > 100000) return hz_fail(e, HZ_EINVAL, "%s: '%s' 件数应为 1-100000 (count 1-100000)", field, p);
        *colon = '\0';
        for (const char *q = p; *q;) {
            size_t len;
            if (name_char_refused(q, &len))
                return hz_fail(e, HZ_EINVAL, "%s: 物品名 '%s' 含有空白或分隔符 (no blanks or separators in a name)",
                               field, p);
            q += len;
        }
        size_t chars = hz_utf8_len(p);
        if (chars > 20 || strlen(p) >= sizeof out[0].name)
            return hz_fail(e, HZ_EINVAL, "%s: 物品名 '%s' 应为 1-20 个字符 (1-20 characters)", field, p);
        for (int i = 0; i < *n; i++)
            if (!strcmp(out[i].name, p)) return hz_fail(e, HZ_EINVAL, "%s: 物品 %s 重复 (listed twice)", field, p);
        if (*n == HZ_RELIEF_MAX_ITEMS)
            return hz_fail(e, HZ_EINVAL, "%s: 至多 %d 种物品 (at most %d kinds)", field, HZ_RELIEF_MAX_ITEMS,
                           HZ_RELIEF_MAX_ITEMS);
        hz_strlcpy(out[*n].name, p, sizeof out[0].name);
        out[(*n)++].count = c;
        p = comma ? comma + 1 : NULL;
    }
    return HZ_OK;
}
