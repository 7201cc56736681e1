/* The medical-insurance settlement feed (interfaces.md): CSV with a header
 * or JSON Lines, national field names, amounts in yuan. Each row is parsed
 * into an hz_settlement or reported with the field at fault. */
#ifndef HZ_FEED_H
#define HZ_FEED_H

#include "core/model.h"
#include "io/table.h"

/* Called for every data row: on a bad row s is partial and bad_field /
 * bad_reason say why (both NULL on a good row). Returning non-OK stops. */
typedef hz_err (*hz_feed_fn)(void *ctx, long line, const hz_settlement *s, const char *bad_field,
                             const char *bad_reason, hz_errinfo *e);

typedef struct hz_feed hz_feed;

/* Reads the whole file once (CSV, or JSON Lines when its first non-blank
 * byte is '{'; JSON Lines must be UTF-8 without NUL bytes). */
hz_err hz_feed_open(const char *path, hz_feed **out, hz_errinfo *e);
/* The same from bytes in memory (copied). */
hz_err hz_feed_open_mem(const char *data, size_t len, hz_feed **out, hz_errinfo *e);
void hz_feed_free(hz_feed *f);
const char *hz_feed_format(const hz_feed *f);
const char *hz_feed_digest(const hz_feed *f);
/* Walks the rows; `today` bounds the dates a row may carry. */
hz_err hz_feed_each(hz_feed *f, hz_date today, hz_feed_fn fn, void *ctx, hz_errinfo *e);

#endif
