/* hz_fmt and its writer: the engine's explanations without snprintf (see
 * fmt.h). Numbers are written in place two digits at a time; hz_fmt copies
 * a format's literal bytes as it meets them, with no strlen or memcpy call
 * (an explanation's pieces are a few bytes each: the calls cost more than
 * the bytes, P7). */
#include "core/fmt.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "core/money.h"

static const char pairs[201] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
                               "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
                               "8081828384858687888990919293949596979899";

static const uint64_t pow10[20] = {
    1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL, 10000000ULL, 100000000ULL, 1000000000ULL,
    10000000000ULL, 100000000000ULL, 1000000000000ULL, 10000000000000ULL, 100000000000000ULL,
    1000000000000000ULL, 10000000000000000ULL, 100000000000000000ULL, 1000000000000000000ULL,
    10000000000000000000ULL};

/* Decimal digits of u: log10 from the bit length (1233 / 4096 ~ log10 2),
 * corrected by one comparison. */
static int n_digits(uint64_t u) {
    u |= 1; /* 0 has one digit, as 1 has */
    int t = (64 - __builtin_clzll(u)) * 1233 >> 12;
    return t + 1 - (u < pow10[t]);
}

/* The digits of u, ending just before end, two at a time (in 32 bits when
 * u fits: a cheaper division). */
static void digits(uint64_t u, char *end) {
    while (u > UINT32_MAX) {
        unsigned k = (unsigned)(u % 100) * 2;
        u /= 100;
        end -= 2;
        end[0] = pairs[k];
        end[1] = pairs[k + 1];
    }
    uint32_t v = (uint32_t)u;
    while (v >= 100) {
        unsigned k = v % 100 * 2;
        v /= 100;
        end -= 2;
        end[0] = pairs[k];
        end[1] = pairs[k + 1];
    }
    if (v >= 10) {
        end[-2] = pairs[v * 2];
        end[-1] = pairs[v * 2 + 1];
    } else {
        end[-1] = (char)('0' + v);
    }
}

/* "-" when neg, the digits of u, and ".cc" (cents) when money: in place
 * when it fits, else as much as fits. */
static void put_number(hz_fmt_out *o, bool neg, uint64_t u, bool money) {
    uint64_t whole = money ? u / 100 : u;
    size_t len = (size_t)neg + (size_t)n_digits(whole) + (money ? 3 : 0);
    char tmp[32];
    bool fits = len <= (size_t)(o->end - o->p);
    char *s = fits ? o->p : tmp;
    if (neg) s[0] = '-';
    char *e = s + len;
    if (money) {
        unsigned k = (unsigned)(u % 100) * 2;
        e[-2] = pairs[k];
        e[-1] = pairs[k + 1];
        e[-3] = '.';
        e -= 3;
    }
    digits(whole, e);
    if (fits)
        o->p += len;
    else
        hz_fmt_cut(o, tmp, len);
}

void hz_fmt_cut(hz_fmt_out *o, const char *s, size_t n) {
    size_t room = (size_t)(o->end - o->p);
    if (n > room) n = room;
    memcpy(o->p, s, n);
    o->p += n;
}

void hz_fmt_str(hz_fmt_out *o, const char *s) {
    while (*s && o->p < o->end) *o->p++ = *s++;
}

void hz_fmt_int(hz_fmt_out *o, int v) {
    if (v >= 0 && v < 100 && o->end - o->p >= 2) { /* shares, percentages, days */
        if (v >= 10) *o->p++ = pairs[v * 2];
        *o->p++ = pairs[v * 2 + 1];
        return;
    }
    put_number(o, v < 0, v < 0 ? (uint64_t)0 - (uint64_t)(int64_t)v : (uint64_t)v, false);
}

void hz_fmt_money(hz_fmt_out *o, hz_fen v) {
    put_number(o, v < 0, v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v, true);
}

static size_t vfmt(char *buf, size_t size, const char *f, va_list ap) {
    if (size == 0) return 0;
    hz_fmt_out o;
    hz_fmt_open(&o, buf, size);
    for (;;) {
        char c = *f++;
        if (c != '%') {
            if (!c) break;
            if (o.p < o.end) *o.p++ = c;
            continue;
        }
        switch (*f) {
        case 's': hz_fmt_str(&o, va_arg(ap, const char *)); break;
        case 'd': hz_fmt_int(&o, va_arg(ap, int)); break;
        case 'm': hz_fmt_money(&o, va_arg(ap, hz_fen)); break;
        case '\0': /* a lone '%' at the end */
            if (o.p < o.end) *o.p++ = '%';
            continue;
        default: /* "%%", or an unknown conversion copied as text */
            if (*f != '%' && o.p < o.end) *o.p++ = '%';
            if (o.p < o.end) *o.p++ = *f;
            break;
        }
        f++;
    }
    return hz_fmt_close(&o);
}

size_t hz_fmt(char *buf, size_t size, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    size_t n = vfmt(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

size_t hz_fmt_append(char *buf, size_t size, const char *fmt, ...) {
    size_t n = strnlen(buf, size);
    if (n >= size) return n;
    va_list ap;
    va_start(ap, fmt);
    n += vfmt(buf + n, size - n, fmt, ap);
    va_end(ap);
    return n;
}
