/* Text rules for what people type: UTF-8 validity and person / organisation
 * names (no control characters, no spreadsheet formula prefixes). */
#ifndef HZ_TEXT_H
#define HZ_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

/* True when s[0..len) is well-formed UTF-8 (no overlongs, no surrogates). */
bool hz_utf8_valid(const char *s, size_t len);
/* Number of code points of a valid UTF-8 string. */
size_t hz_utf8_len(const char *s);

/* Copies in into out (cap bytes, NUL-terminated, cut at a character
 * boundary) with every byte that does not start a well-formed UTF-8
 * character replaced by '?', so the result can always become a JSON
 * string. Returns out. */
char *hz_utf8_scrub(const char *in, char *out, size_t cap);

/* A name of min..max characters: valid UTF-8, no control characters, not
 * starting with = + - @ (CSV formula injection), no < > " (markup). Checks
 * only; hz_norm_text (core/normalize.h) trims what people cannot see first,
 * and person names go through hz_norm_person_name. */
hz_err hz_name_validate(const char *s, const char *field, size_t min, size_t max, hz_errinfo *e);

/* Copies src into dst (cap bytes), always NUL-terminating; NULL copies "".
 * Returns strlen(src). A fast, bounded replacement for snprintf("%s"). */
size_t hz_strlcpy(char *dst, const char *src, size_t cap);

/* Free text made safe inside a JSON string literal (audit details):
 * quotes, backslashes and control characters escaped, cut at a character
 * boundary to at most max_chars characters and cap bytes (NUL included);
 * invalid UTF-8 bytes become '?'. Returns out. */
char *hz_json_text(const char *in, size_t max_chars, char *out, size_t cap);

/* Appends printf text to the NUL-terminated text in buf (cap bytes),
 * cutting, never overflowing; a full buffer is left as it is. */
void hz_appendf(char *buf, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
