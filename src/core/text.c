/* UTF-8 and name validation. */
#include "core/text.h"

#include <stdarg.h>
#include <stdio.h>

#include "core/msg.h"

#include <stdio.h>
#include <string.h>

bool hz_utf8_valid(const char *str, size_t len) {
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < len) {
        unsigned char c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t n;
        unsigned int cp;
        if (c >= 0xC2 && c <= 0xDF)
            n = 1, cp = c & 0x1F;
        else if (c >= 0xE0 && c <= 0xEF)
            n = 2, cp = c & 0x0F;
        else if (c >= 0xF0 && c <= 0xF4)
            n = 3, cp = c & 0x07;
        else
            return false;
        for (size_t k = 1; k <= n; k++) {
            if (i + k >= len || (s[i + k] & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += n + 1;
    }
    return true;
}

char *hz_utf8_scrub(const char *in, char *out, size_t cap) {
    size_t o = 0;
    for (size_t i = 0; in[i] && o + 1 < cap;) {
        unsigned char c = (unsigned char)in[i];
        size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        size_t have = strnlen(in + i, n);
        if (have == n && hz_utf8_valid(in + i, n)) {
            if (o + n >= cap) break;
            memcpy(out + o, in + i, n);
            o += n;
            i += n;
        } else {
            out[o++] = '?';
            i++;
        }
    }
    if (cap) out[o] = '\0';
    return out;
}

size_t hz_utf8_len(const char *s) {
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80) n++;
    return n;
}

hz_err hz_name_validate(const char *s, const char *field, size_t min, size_t max, hz_errinfo *e) {
    if (!s || !*s) return hz_failm(e, HZ_EINVAL, HZ_M_EMPTY, field);
    size_t len = strlen(s);
    if (!hz_utf8_valid(s, len)) return hz_failm(e, HZ_EINVAL, HZ_M_NOT_UTF8, field);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p == 0x7F || *p == '<' || *p == '>' || *p == '"')
            return hz_failm(e, HZ_EINVAL, HZ_M_NAME_CONTROL, field);
    if (strchr("=+-@", s[0])) return hz_failm(e, HZ_EINVAL, HZ_M_NAME_FORMULA, field);
    if (s[0] == ' ' || s[len - 1] == ' ') return hz_failm(e, HZ_EINVAL, HZ_M_NAME_BLANK, field);
    size_t n = hz_utf8_len(s);
    if (n < min || n > max) return hz_failm(e, HZ_EINVAL, HZ_M_NAME_LENGTH, field, min, max, min, max, n);
    return HZ_OK;
}

size_t hz_strlcpy(char *dst, const char *src, size_t cap) {
    size_t n = src ? strlen(src) : 0;
    if (cap) {
        size_t k = n < cap - 1 ? n : cap - 1;
        if (k) memcpy(dst, src, k);
        dst[k] = '\0';
    }
    return n;
}

char *hz_json_text(const char *in, size_t max_chars, char *out, size_t cap) {
    size_t o = 0, chars = 0;
    if (!cap) return out;
    for (const unsigned char *p = (const unsigned char *)(in ? in : ""); *p && chars < max_chars;) {
        char esc[8];
        size_t n = 1;
        const char *piece = esc;
        if (*p == '"' || *p == '\\')
            snprintf(esc, sizeof esc, "\\%c", *p);
        else if (*p < 0x20 || *p == 0x7f)
            snprintf(esc, sizeof esc, "\\u%04x", *p);
        else if (*p < 0x80)
            snprintf(esc, sizeof esc, "%c", *p);
        else {
            n = *p >= 0xf0 ? 4 : *p >= 0xe0 ? 3 : *p >= 0xc0 ? 2 : 0;
            if (n == 0 || !hz_utf8_valid((const char *)p, n) || strnlen((const char *)p, n) < n) {
                snprintf(esc, sizeof esc, "?");
                n = 1;
            } else {
                piece = (const char *)p;
            }
        }
        size_t len = piece == esc ? strlen(esc) : n;
        if (o + len + 1 > cap) break;
        memcpy(out + o, piece, len);
        o += len;
        p += n;
        chars++;
    }
    out[o] = '\0';
    return out;
}

void hz_appendf(char *buf, size_t cap, const char *fmt, ...) {
    size_t n = strlen(buf);
    if (n + 1 >= cap) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + n, cap - n, fmt, ap);
    va_end(ap);
}
