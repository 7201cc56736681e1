/* Relief programme arithmetic (core/relief.h, plans.md). */
#include "core/relief.h"

#include <string.h>

#include "core/money.h"

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
    while (last > first && (p[last - 1] & 0xC0) == 0x80) last--;
    if (last > first) last--;
    while (last > first && (p[last] & 0xC0) == 0x80) last--;
    if (outsz == 0) return;
    for (size_t i = 0; i < first && o + 1 < outsz; i++) out[o++] = name[i];
    if (o + 1 < outsz) out[o++] = '*';
    if (last > first)
        for (size_t i = last; i < n && o + 1 < outsz; i++) out[o++] = name[i];
    out[o] = '\0';
}
