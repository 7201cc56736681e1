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

hz_err hz_relief_items_parse(const char *items, const char *field, hz_relief_item out[HZ_RELIEF_MAX_ITEMS], int *n,
                             hz_errinfo *e) {
    char buf[512];
    *n = 0;
    if (!items || !*items) return hz_fail(e, HZ_EINVAL, "%s: 必填, 如 大米:2 (required, goods:count)", field);
    if (strlen(items) >= sizeof buf) return hz_fail(e, HZ_EINVAL, "%s: 过长 (too long)", field);
    hz_strlcpy(buf, items, sizeof buf);
    for (char *p = buf; p;) {
        char *comma = strchr(p, ',');
        if (comma) *comma = '\0';
        char *colon = strrchr(p, ':'), *end = NULL;
        long long c = colon ? strtoll(colon + 1, &end, 10) : 0;
        if (!colon || colon == p || !colon[1] || *end || c < 1 || c > 100000)
            return hz_fail(e, HZ_EINVAL, "%s: '%s' 应为 物品:件数, 件数 1-100000 (goods:count, e.g. 大米:2)", field, p);
        *colon = '\0';
        if (!hz_utf8_valid(p, strlen(p))) return hz_fail(e, HZ_EINVAL, "%s: 不是 UTF-8 文本 (not UTF-8)", field);
        for (const char *q = p; *q; q++)
            if ((unsigned char)*q < 0x20 || *q == 0x7f || *q == '"' || *q == '\\')
                return hz_fail(e, HZ_EINVAL, "%s: 物品名 '%s' 含有不允许的字符 (character not allowed)", field, p);
        size_t chars = hz_utf8_len(p);
        if (chars < 1 || chars > 20 || strlen(p) >= sizeof out[0].name)
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
