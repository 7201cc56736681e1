/* JSON text writer (jtext.h). */
#include "core/jtext.h"

#include <stdlib.h>
#include <string.h>

#include "core/text.h"

void hz_jt_init(hz_jtext *w) { memset(w, 0, sizeof *w); }

/* Room for n more bytes and the NUL. */
static bool room(hz_jtext *w, size_t n) {
    if (w->failed) return false;
    if (w->len + n + 1 <= w->cap) return true;
    size_t cap = w->cap ? w->cap : 2048;
    while (cap < w->len + n + 1) cap *= 2;
    char *g = realloc(w->buf, cap);
    if (!g) {
        w->failed = true;
        return false;
    }
    w->buf = g;
    w->cap = cap;
    return true;
}

void hz_jt_put(hz_jtext *w, const char *s, size_t n) {
    if (!room(w, n)) return;
    memcpy(w->buf + w->len, s, n);
    w->len += n;
    w->buf[w->len] = '\0';
}

void hz_jt_str(hz_jtext *w, const char *s) {
    size_t n = strlen(s);
    if (!hz_utf8_valid(s, n)) {
        w->failed = true;
        return;
    }
    /* at most 6 bytes per input byte (\u00XX) and the quotes */
    if (!room(w, 6 * n + 2)) return;
    static const char hex[] = "0123456789ABCDEF";
    char *o = w->buf + w->len;
    *o++ = '"';
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\') {
            *o++ = (char)c;
            continue;
        }
        *o++ = '\\';
        switch (c) {
        case '"': *o++ = '"'; break;
        case '\\': *o++ = '\\'; break;
        case '\b': *o++ = 'b'; break;
        case '\f': *o++ = 'f'; break;
        case '\n': *o++ = 'n'; break;
        case '\r': *o++ = 'r'; break;
        case '\t': *o++ = 't'; break;
        default:
            *o++ = 'u';
            *o++ = '0';
            *o++ = '0';
            *o++ = hex[c >> 4];
            *o++ = hex[c & 15];
        }
    }
    *o++ = '"';
    *o = '\0';
    w->len = (size_t)(o - w->buf);
}

void hz_jt_str_or_null(hz_jtext *w, const char *s) {
    if (*s) hz_jt_str(w, s);
    else HZ_JT_LIT(w, "null");
}

void hz_jt_int(hz_jtext *w, int64_t v) {
    char b[24], *p = b + sizeof b;
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0) *--p = '-';
    hz_jt_put(w, p, (size_t)(b + sizeof b - p));
}

char *hz_jt_take(hz_jtext *w, size_t *len) {
    if (w->failed || !w->buf) {
        hz_jt_free(w);
        return NULL;
    }
    char *b = w->buf;
    *len = w->len;
    w->buf = NULL;
    w->len = w->cap = 0;
    return b;
}

void hz_jt_free(hz_jtext *w) {
    free(w->buf);
    hz_jt_init(w);
}
