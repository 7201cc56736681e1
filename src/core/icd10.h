/* ICD-10 diagnosis codes and the disease lists of plans.md written as data:
 * "C00-C97 except C44; I21-I22; N18.5; T31.3-T31.9; G82.1, G82.4". */
#ifndef HZ_ICD10_H
#define HZ_ICD10_H

#include <stdbool.h>

#include "core/err.h"

#define HZ_ICD_MAX 16       /* normalised code length, e.g. "C54100X001" */
#define HZ_ICD_LIST_MAX 64 /* items in one list */

/* Normalises a code: upper case, dot removed ("c54.1" -> "C541"). A code is
 * a letter, two digits, and optionally '.' and 1..9 letters or digits (the
 * Chinese national extension writes "C54.100x001"). */
hz_err hz_icd_normalize(const char *code, char out[HZ_ICD_MAX], hz_errinfo *e);

typedef struct {
    char lo[HZ_ICD_MAX], hi[HZ_ICD_MAX];
    short group;  /* items of one ';'-group share their exceptions */
    bool except;
    unsigned char lo_len, hi_len; /* strlen of lo and hi: the precision of each bound */
} hz_icd_item;

typedef struct {
    int n;
    hz_icd_item items[HZ_ICD_LIST_MAX]; /* a group's items stand together */
} hz_icd_list;

/* Parses a list. Groups are separated by ';'; inside a group, items by ','
 * and an optional "except" introduces items the group leaves out. A bound
 * matches at its own precision: "C00-C97" holds C54.1, "T31.3-T31.9" holds
 * T31.5 but not bare T31. Errors name the offending item. */
hz_err hz_icd_list_parse(const char *text, hz_icd_list *out, hz_errinfo *e);

/* True when the normalised code is in the list. */
bool hz_icd_list_match(const hz_icd_list *l, const char *normalized_code);

/* True for the accident chapters of plans.md: S00-T98, V01-Y98. */
bool hz_icd_is_accident(const char *normalized_code);

#endif
