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

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* the length of the amount starting at in[i] (digits "." two digits), 0
 * when none starts there */
static size_t amount_at(const char *in, size_t i, size_t *int_digits) {
    char prev = i ? in[i - 1] : ' ';
    if (is_digit(prev) || (prev >= 'A' && prev <= 'Z') || (prev >= 'a' && prev <= 'z') || prev == '.' ||
        prev == '_' || (prev == ',' && i >= 2 && is_digit(in[i - 2]))) /* the rest of a grouped "1,234.00" */
        return 0;
    size_t j = i;
    while (is_digit(in[j])) j++;
    size_t n = j - i;
    if (n == 0 || (n > 1 && in[i] == '0')) return 0;
    if (in[j] != '.' || !is_digit(in[j + 1]) || !is_digit(in[j + 2]) || is_digit(in[j + 3]) || in[j + 3] == '.')
        return 0;
    *int_digits = n;
    return n + 3;
}

bool hz_money_regroup(const char *in, char *out, size_t cap) {
    if (cap == 0) return false;
    size_t o = 0;
    for (size_t i = 0; in[i];) {
        size_t digits = 0, len = amount_at(in, i, &digits);
        size_t need = len ? len + (digits - 1) / 3 : 1;
        if (!len) /* a whole UTF-8 character at a time, so a cut never splits one */
            while ((in[i + need] & 0xC0) == 0x80) need++;
        if (o + need >= cap) {
            out[o] = '\0';
            return false;
        }
        if (!len) {
            memcpy(out + o, in + i, need);
            o += need;
            i += need;
            continue;
        }
        for (size_t k = 0; k < digits; k++) {
            if (k && (digits - k) % 3 == 0) out[o++] = ',';
            out[o++] = in[i + k];
        }
        memcpy(out + o, in + i + digits, 3);
        o += 3;
        i += len;
    }
    out[o] = '\0';
    return true;
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
