/* A minimal snprintf for the engine's explanations, and the writer under it.
 * glibc's snprintf cost three quarters of a claim's adjudication (P7 of
 * quality.md: 20 calls per claim); hz_fmt knows only what explanations use
 * and writes the same bytes. The hot explanations use the writer directly:
 * their literal pieces are copied with lengths known when compiling, so no
 * byte of a format is looked at while a claim is adjudicated. */
#ifndef HZ_FMT_H
#define HZ_FMT_H

#include <stddef.h>
#include <string.h>

#include "core/money.h"

/* Formats into buf (size bytes, NUL-terminated when size > 0) exactly as
 * snprintf would, for these conversions only: %s (const char *, NULL is
 * not allowed), %d (int), %% and %m (an hz_fen written as hz_money_format
 * writes it: "-1234.50"). Output past size - 1 bytes is cut at that byte,
 * as snprintf cuts it. Returns the number of bytes written, NUL excluded.
 * This function can't fail; an unknown conversion is copied as text. */
size_t hz_fmt(char *buf, size_t size, const char *fmt, ...);

/* Appends to the NUL-terminated text in buf (size bytes) with hz_fmt;
 * returns the new length. */
size_t hz_fmt_append(char *buf, size_t size, const char *fmt, ...);

/* The writer: pieces appended one by one into a caller's buffer, cut at
 * size - 1 bytes as snprintf cuts (a piece that does not fit is written as
 * far as it fits; later pieces are dropped). hz_fmt_open needs size >= 1;
 * hz_fmt_close writes the NUL and returns the length. Nothing here fails. */
typedef struct {
    char *start;
    char *p;   /* next byte */
    char *end; /* the NUL's place once the buffer is full */
} hz_fmt_out;

static inline void hz_fmt_open(hz_fmt_out *o, char *buf, size_t size) {
    o->start = o->p = buf;
    o->end = buf + size - 1;
}

/* The part of s[0..n) that fits (the writer's slow path). */
void hz_fmt_cut(hz_fmt_out *o, const char *s, size_t n);

static inline void hz_fmt_put(hz_fmt_out *o, const char *s, size_t n) {
    if (n <= (size_t)(o->end - o->p)) {
        memcpy(o->p, s, n); /* n is a constant at most call sites: a few moves */
        o->p += n;
    } else {
        hz_fmt_cut(o, s, n);
    }
}

/* A string literal, its length counted by the compiler. */
#define HZ_FMT_LIT(o, lit) hz_fmt_put((o), "" lit, sizeof(lit) - 1)

void hz_fmt_str(hz_fmt_out *o, const char *s); /* %s */
void hz_fmt_int(hz_fmt_out *o, int v);         /* %d */
void hz_fmt_money(hz_fmt_out *o, hz_fen v);    /* %m */

static inline size_t hz_fmt_close(hz_fmt_out *o) {
    *o->p = '\0';
    return (size_t)(o->p - o->start);
}

#endif
