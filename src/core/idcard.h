/* Identifiers the office handles: the 18-digit resident ID (GB 11643), the
 * unified social credit code (GB 32100), bank cards (Luhn): the check
 * algorithms. Normalising and validating input is core/normalize.h. */
#ifndef HZ_IDCARD_H
#define HZ_IDCARD_H

#include <stdbool.h>

#include "core/date.h"
#include "core/err.h"

#define HZ_ID_LEN 18

typedef struct {
    char number[HZ_ID_LEN + 1]; /* normalised: trailing 'x' upper-cased */
    int region;                 /* first six digits, GB/T 2260 */
    hz_date birth;
    char sex;                   /* 'M' or 'F' from the 17th digit */
} hz_idinfo;

/* The ISO 7064 MOD 11-2 check character ('0'..'9' or 'X') for the first
 * 17 digits of s. This function can't fail for 17 digits. */
char hz_id_check_char(const char *first17);

/* True when p is a province code of GB/T 2260 that exists (11..83). */
bool hz_id_province_exists(int p);

/* Masks an ID for display: "6101**********1249" (first 4, last 4).
 * buf must hold HZ_ID_LEN + 1 bytes; returns buf. */
char *hz_id_mask(const char *id, char *buf);

/* GB 32100 check character of the first 17 characters, or 0 when one of
 * them is outside the code's alphabet. */
char hz_credit_check_char(const char *first17);
/* True when c is in the code alphabet (digits, upper-case letters but I O S V Z). */
bool hz_credit_char_valid(char c);

/* Masks all but the first 4 and the last 4 digits into buf (>= 24 bytes). */
char *hz_bank_card_mask(const char *card, char *buf);

#endif
