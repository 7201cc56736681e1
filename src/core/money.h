/* Money is an int64_t number of fen (0.01 yuan). Text forms carry exactly
 * two decimals ("27101.00"). No floating point anywhere. */
#ifndef HZ_MONEY_H
#define HZ_MONEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

typedef int64_t hz_fen;

#define HZ_FEN(yuan) ((hz_fen)(yuan) * 100)
/* Largest amount accepted from text: 10^13 yuan, far below INT64_MAX, so
 * sums of millions of amounts cannot overflow silently. */
#define HZ_MONEY_MAX ((hz_fen)1000000000000000LL)
#define HZ_MONEY_BUF 32

/* Parses "1234", "1234.5", "1234.50", optionally "-12.00" when allow_neg.
 * Rejects more than two decimals, empty strings, spaces, '+', thousands
 * separators and anything above HZ_MONEY_MAX. `field` names the input in
 * the error message. */
hz_err hz_money_parse(const char *s, bool allow_neg, hz_fen *out, const char *field, hz_errinfo *e);

/* Writes "-1234.50" style text into buf (HZ_MONEY_BUF bytes); returns buf.
 * This function can't fail. */
char *hz_money_format(hz_fen v, char *buf);

/* The same amount for people: thousands grouped with commas, "12,345.67",
 * "-1,234.50", "0.05" (INT64_MIN fits in HZ_MONEY_BUF). For sentences a
 * member or the staff read (notices, PDFs, review hints); machine fields
 * (JSON, CSV, bank files) keep hz_money_format. Can't fail. */
char *hz_money_format_grouped(hz_fen v, char *buf);

/* An explanation as people read it: every amount in `in` grouped as
 * hz_money_format_grouped groups it, every other byte as it is. An amount
 * is what hz_money_format writes: a run of digits (no leading zero unless
 * it is "0") that is not part of a code or a longer number (the byte
 * before it is no letter, digit, '.' or '_', nor a ',' after a digit),
 * then '.' and exactly
 * two digits with no digit or '.' after them. So "(24350.00 - 1300.00) x
 * 20% = 4610.00" becomes "(24,350.00 - 1,300.00) x 20% = 4,610.00" while
 * "C54.1", "2026-05-06", "4份", "(89 - 3) 天" stay. Exact: only commas are
 * added, each between two digits of an amount; removing them gives `in`
 * back. The engine's stored explanations are never changed: this is for
 * rendering (notices, PDFs). Writes at most cap bytes with the NUL; false
 * when `in` did not fit (then `out` ends at a whole character). */
bool hz_money_regroup(const char *in, char *out, size_t cap);

/* Overflow-checked arithmetic: false on overflow (out untouched). */
bool hz_money_add(hz_fen a, hz_fen b, hz_fen *out);
bool hz_money_sub(hz_fen a, hz_fen b, hz_fen *out);
bool hz_money_mul(hz_fen a, int64_t k, hz_fen *out);

/* v * pct / 100 rounded half up (half away from zero for negatives), once.
 * pct is a whole percentage. Saturates to 0 on overflow is not done: returns
 * false on overflow. */
bool hz_money_pct(hz_fen v, int64_t pct, hz_fen *out);

/* v * num / den rounded half away from zero; den > 0. */
bool hz_money_ratio(hz_fen v, int64_t num, int64_t den, hz_fen *out);

static inline hz_fen hz_money_min(hz_fen a, hz_fen b) { return a < b ? a : b; }
static inline hz_fen hz_money_max(hz_fen a, hz_fen b) { return a > b ? a : b; }

#endif
