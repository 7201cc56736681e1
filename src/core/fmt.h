/* A minimal snprintf for the engine's explanations. glibc's snprintf cost
 * three quarters of a claim's adjudication (P7 of quality.md: 20 calls per
 * claim); this one knows only what explanations use and writes the same
 * bytes. */
#ifndef HZ_FMT_H
#define HZ_FMT_H

#include <stddef.h>

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

#endif
