/* JSON text written straight into a growing buffer, for the hot read
 * endpoints (P3 of quality.md: GET /members/{id} spent a third of its
 * instructions building and dumping a jansson tree). Strings are escaped
 * byte for byte as jansson's json_dumps(…, JSON_COMPACT) escapes them:
 * '"' and '\\' with a backslash, \b \f \n \r \t, other bytes below 0x20 as
 * \u00XX (upper-case hex), everything else (UTF-8 included) as it is. A
 * string that is not valid UTF-8 (which jansson refuses) marks the writer
 * failed, so the caller can fall back to jansson and answer as before. */
#ifndef HZ_JTEXT_H
#define HZ_JTEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    char *buf; /* malloc'ed, NUL-terminated while not failed */
    size_t len, cap;
    bool failed; /* out of memory or invalid UTF-8: the text is unusable */
} hz_jtext;

void hz_jt_init(hz_jtext *w);
void hz_jt_put(hz_jtext *w, const char *s, size_t n);
/* A literal piece of JSON, its length counted by the compiler. */
#define HZ_JT_LIT(w, lit) hz_jt_put((w), "" lit, sizeof(lit) - 1)
void hz_jt_str(hz_jtext *w, const char *s);         /* a JSON string */
void hz_jt_str_or_null(hz_jtext *w, const char *s); /* null for "" */
void hz_jt_int(hz_jtext *w, int64_t v);
/* The text (the caller frees it) and its length; NULL when failed. */
char *hz_jt_take(hz_jtext *w, size_t *len);
void hz_jt_free(hz_jtext *w);

#endif
