/* Relief programmes' arithmetic (plans.md "Relief programmes"): the
 * second-round relief bands on a year's remaining burden and the autumn
 * student-aid amounts. Amounts in fen. */
#ifndef HZ_RELIEF_H
#define HZ_RELIEF_H

#include <stddef.h>
#include <stdint.h>

#include "core/model.h"

/* A relief programme (救助帮扶) and one grant of it. */
typedef struct {
    int64_t id;
    char code[32];
    char kind[16]; /* second_round student_aid visit donation education */
    int year;
    char name[128];
    hz_fen budget;
    char published_at[24];
    hz_date objection_until; /* HZ_DATE_NONE until the 公示 list is published */
} hz_relief_program;

typedef struct {
    int64_t id;
    char grant_no[24];
    int64_t program_id;
    char program_code[32];
    int64_t member_id;
    char id_number[19];
    char name[64];
    char status[12]; /* proposed applied approved rejected paid */
    hz_fen amount;
    hz_fen burden; /* second_round: the year's remaining burden */
    char student_name[64], student_id_number[19], school[128], level[16];
    char reason[256];
    char items[256];
    hz_date visit_date;
    char reject_reason[256], bank_failure[256];
    char created_at[24], decided_at[24], decided_by[64], paid_at[24];
} hz_relief_grant;

/* Goods of a visit, "大米:2,食用油:1": whole counts 1-100,000 in plain
 * digits, at most HZ_RELIEF_MAX_ITEMS kinds and HZ_RELIEF_ITEMS_MAX_CHARS
 * characters in all, names of 1-20 characters without blanks, separators
 * (ASCII or full-width) or quotes, no kind twice. */
#define HZ_RELIEF_MAX_ITEMS 16
#define HZ_RELIEF_ITEMS_MAX_CHARS 80 /* the whole list, so it fits the grant's stored field */
typedef struct {
    char name[64]; /* UTF-8 */
    int64_t count;
} hz_relief_item;
/* Parses items into out (*n kinds); HZ_EINVAL naming the part at fault
 * under field (e.g. "items"). */
hz_err hz_relief_items_parse(const char *items, const char *field, hz_relief_item out[HZ_RELIEF_MAX_ITEMS], int *n,
                             hz_errinfo *e);

/* 二次救助: the grant for a burden (fen); 0 below 10,000.00. */
hz_fen hz_relief_band(hz_fen burden);
/* 金秋助学: university or high school, hardship family or not. */
hz_fen hz_relief_student_amount(bool hardship, bool university);
/* "张*明" for 张三明, "张*" for 张三: a name for the 公示 list (UTF-8). */
void hz_relief_mask_name(const char *name, char *out, size_t outsz);

#endif
