/* hz_fmt: the engine's explanations without snprintf (see fmt.h). */
#include "core/fmt.h"

#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include "core/money.h"

typedef struct {
    char *p;
    size_t cap; /* bytes we may still write before the NUL */
    size_t n;   /* bytes written */
} out_buf;

static void put(out_buf *o, const char *s, size_t len) {
    size_t k = len < o->cap ? len : o->cap;
    memcpy(o->p + o->n, s, k);
    o->n += k;
    o->cap -= k;
}

/* Digits of u into the end of tmp; returns the first. */
static char *digits(uint64_t u, char *end) {
    char *s = end;
    do {
        *--s = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    return s;
}

static void put_int(out_buf *o, long long v) {
    char tmp[24], *end = tmp + sizeof tmp;
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    char *s = digits(u, end);
    if (v < 0) *--s = '-';
    put(o, s, (size_t)(end - s));
}

static void put_money(out_buf *o, hz_fen v) {
    char tmp[HZ_MONEY_BUF];
    size_t n = strlen(hz_money_format(v, tmp));
    put(o, tmp, n);
}

static size_t vfmt(char *buf, size_t size, const char *fmt, va_list ap) {
    if (size == 0) return 0;
    out_buf o = {buf, size - 1, 0};
    const char *f = fmt;
    while (*f) {
        const char *pct = f;
        while (*pct && *pct != '%') pct++;
        put(&o, f, (size_t)(pct - f));
        if (!*pct) break;
        switch (pct[1]) {
        case 's': {
            const char *s = va_arg(ap, const char *);
            put(&o, s, strlen(s));
            break;
        }
        case 'd': put_int(&o, va_arg(ap, int)); break;
        case 'm': put_money(&o, va_arg(ap, hz_fen)); break;
        case '%': put(&o, "%", 1); break;
        default: put(&o, pct, pct[1] ? 2 : 1); break;
        }
        f = pct[1] ? pct + 2 : pct + 1;
    }
    buf[o.n] = '\0';
    return o.n;
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
