/* Member category flags as written on the command line and in rosters:
 * model:national|provincial|city, hardship:deep|relative|sudden:FROM:TO,
 * newform:courier|delivery|ridehail|truck|other (":FROM:TO" optional on
 * model and newform; without it the flag has no end). */
#ifndef HZ_FLAG_H
#define HZ_FLAG_H

#include "core/model.h"

#define HZ_FLAG_FOREVER_FROM hz_date_from_ymd(1900, 1, 1)
#define HZ_FLAG_FOREVER_TO hz_date_from_ymd(2199, 12, 31)

hz_err hz_flag_parse(const char *text, hz_flag *out, hz_errinfo *e);

/* Is a flag of `kind` valid on date d? Returns the matching flag or NULL. */
const hz_flag *hz_flag_find(const hz_flag *flags, int n, const char *kind, hz_date d);

/* Chinese label of a level ("全国劳模", "深度困难", "外卖骑手"). Never NULL. */
const char *hz_flag_label(const hz_flag *f);

/* Roster words -> code values: "全国"/"national" -> "national", "快递员" ->
 * "courier"... Returns NULL for an unknown word. */
const char *hz_model_level_code(const char *word);
const char *hz_occupation_code(const char *word);

#endif
