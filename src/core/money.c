/* Fixed-point money: parsing, formatting and rounding rules of plans.md. */
#include "core/money.h"

#include "core/msg.h"

#include <stdio.h>
#include <string.h>

hz_err hz_money_parse(const char *s, bool allow_neg, hz_fen *out, const char *field, hz_errinfo *e) {
    if (!field) field = "金额";
    if (!s || !*s) return hz_failm(e, HZ_EINVAL, HZ_M_MONEY_EMPTY, field);
    const char *p = s;
    bool neg = false;
    if (*p == '-') {
        if (!allow_neg) return hz_failm(e, HZ_EINVAL, HZ_M_MONEY_NEGATIVE, field, s);
        neg = true;
        p++;
    }
    if (*p < '0' || *p > '9')
        return hz_failm(e, HZ_EINVAL, HZ_M_MONEY_FORMAT, field, s);
    hz_fen whole = 0;
    for (; *p >= '0' && *p <= '9'; p++) {
        whole = whole * 10 + (*p - '0');
        if (whole > HZ_MONEY_MAX / 100)
            return hz_failm(e, HZ_EINVAL, HZ_M_MONEY_RANGE, field, s);
    }
    hz_fen frac = 0;
    if (*p == '.') {
        p++;
        int n = 0;
        for (; *p >= '0' && *p <= '9'; p++, n++) {
            if (n >= 2)
                return hz_failm(e, HZ_EINVAL, HZ_M_MONEY_DECIMALS, field, s);
            frac = frac * 10 + (*p - '0');
        }
        if (n == 0) return hz_failm(e, HZ_EINVAL, HZ_M_MONEY_FORMAT, field, s);
        if (n == 1) frac *= 10;
    }
    if (*p != '\0') return hz_failm(e, HZ_EINVAL, HZ_M_MONEY_FORMAT, field, s);
    hz_fen v = whole * 100 + frac;
    if (v > HZ_MONEY_MAX) return hz_failm(e, HZ_EINVAL, HZ_M_MONEY_RANGE, field, s);
    *out = neg ? -v : v;
    return HZ_OK;
}

char *hz_money_format(hz_fen v, char *buf) {
    /* Work in unsigned to format INT64_MIN without overflow. */
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    /* by hand: explanations format three or four amounts per line, and
     * snprintf was most of the engine's time (P7) */
    char tmp[HZ_MONEY_BUF], *end = tmp + sizeof tmp, *s = end;
    *--s = (char)('0' + u % 10);
    *--s = (char)('0' + u / 10 % 10);
    *--s = '.';
    u /= 100;
    do {
        *--s = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0) *--s = '-';
    size_t n = (size_t)(end - s);
    memcpy(buf, s, n);
    buf[n] = '\0';
    return buf;
}

char *hz_money_format_grouped(hz_fen v, char *buf) {
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    char tmp[HZ_MONEY_BUF], *end = tmp + sizeof tmp, *s = end;
    *--s = (char)('0' + u % 10);
    *--s = (char)('0' + u / 10 % 10);
    *--s = '.';
    u /= 100;
    int digits = 0;
    do {
        if (digits && digits % 3 == 0) *--s = ',';
        *--s = (char)('0' + u % 10);
        u /= 10;
        digits++;
    } while (u);
    if (v < 0) *--s = '-';
    size_t n = (size_t)(end - s);
    memcpy(buf, s, n);
    buf[n] = '\0';
    return buf;
}

bool hz_money_add(hz_fen a, hz_fen b, hz_fen *out) { return !__builtin_add_overflow(a, b, out); }
bool hz_money_sub(hz_fen a, hz_fen b, hz_fen *out) { return !__builtin_sub_overflow(a, b, out); }
bool hz_money_mul(hz_fen a, int64_t k, hz_fen *out) { return !__builtin_mul_overflow(a, k, out); }

bool hz_money_ratio(hz_fen v, int64_t num, int64_t den, hz_fen *out) {
    if (den <= 0) return false;
    int64_t prod;
    if (__builtin_mul_overflow(v, num, &prod)) return false;
    bool neg = prod < 0;
    uint64_t u = neg ? (uint64_t)0 - (uint64_t)prod : (uint64_t)prod;
    uint64_t q = u / (uint64_t)den, r = u % (uint64_t)den;
    if (r * 2 >= (uint64_t)den) q++; /* half up, away from zero */
    *out = neg ? -(hz_fen)q : (hz_fen)q;
    return true;
}

bool hz_money_pct(hz_fen v, int64_t pct, hz_fen *out) { return hz_money_ratio(v, pct, 100, out); }
