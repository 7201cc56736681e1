/* Civil dates (Asia/Shanghai calendar days) as a day count since
 * 1970-01-01, so comparisons and differences are plain integer maths. */
#ifndef HZ_DATE_H
#define HZ_DATE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"

typedef int32_t hz_date;

#define HZ_DATE_BUF 11
#define HZ_DATE_NONE INT32_MIN

bool hz_date_valid_ymd(int y, int m, int d);
int hz_date_days_in_month(int y, int m);

/* y/m/d must be valid (see hz_date_valid_ymd). This function can't fail. */
hz_date hz_date_from_ymd(int y, int m, int d);
void hz_date_to_ymd(hz_date t, int *y, int *m, int *d);

/* Strict "YYYY-MM-DD", years 1900..2199. `field` names the input in the
 * error message. */
hz_err hz_date_parse(const char *s, hz_date *out, const char *field, hz_errinfo *e);

/* Writes "YYYY-MM-DD" into buf (HZ_DATE_BUF bytes); returns buf. */
char *hz_date_format(hz_date t, char *buf);

static inline hz_date hz_date_add_days(hz_date t, int32_t days) { return t + days; }
static inline int32_t hz_date_diff(hz_date a, hz_date b) { return a - b; }

/* Adds months keeping the day of month, clamped to the month end
 * (2024-01-31 + 1 month = 2024-02-29). */
hz_date hz_date_add_months(hz_date t, int months);

/* End of a term starting at `start` lasting `months`: start + months - 1 day
 * (plans.md: 12 months from 2026-01-01 end 2026-12-31). */
hz_date hz_date_term_end(hz_date start, int months);

/* Age in whole years on `on` for someone born on `birth` (a person born on
 * Feb 29 turns a year older on Mar 1 in common years). */
int hz_date_age(hz_date birth, hz_date on);

/* Today in Asia/Shanghai (UTC+8, no DST) for a UNIX time. */
hz_date hz_date_from_unix(int64_t unix_seconds);

#endif
