/* Relief programmes' arithmetic (plans.md "Relief programmes"): the
 * second-round relief bands on a year's remaining burden and the autumn
 * student-aid amounts. Amounts in fen. */
#ifndef HZ_RELIEF_H
#define HZ_RELIEF_H

#include <stddef.h>

#include "core/model.h"

/* 二次救助: the grant for a burden (fen); 0 below 10,000.00. */
hz_fen hz_relief_band(hz_fen burden);
/* 金秋助学: university or high school, hardship family or not. */
hz_fen hz_relief_student_amount(bool hardship, bool university);
/* "张*明" for 张三明, "张*" for 张三: a name for the 公示 list (UTF-8). */
void hz_relief_mask_name(const char *name, char *out, size_t outsz);

#endif
