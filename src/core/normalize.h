/* Input normalisation: one function per kind of value people type or files
 * carry, used at every entry point (CLI options, API bodies, path and query
 * parameters, roster cells, the settlement feed, search), so a value is
 * read the same way wherever it comes in. Each function either writes the
 * canonical form or fails with HZ_EINVAL and a message from the message
 * table (core/msg.h) that names `field` (NULL: a default English key) and
 * counts characters, never bytes.
 *
 * What every kind receives (docs/decisions.md, "Input normalisation"):
 * - leading and trailing blanks removed: ASCII blanks, NBSP U+00A0, the
 *   ideographic space U+3000 and the other Unicode spaces;
 * - invisible characters removed anywhere: zero-width U+200B..U+200D, word
 *   joiner U+2060, BOM U+FEFF, soft hyphen U+00AD;
 * - codes (ID numbers, credit codes, cards, phones, ICD-10, dates, money):
 *   full-width forms U+FF01..U+FF5E read as their ASCII letters and digits.
 * Input must be valid UTF-8; anything else is refused. */
#ifndef HZ_NORMALIZE_H
#define HZ_NORMALIZE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"
#include "core/err.h"
#include "core/idcard.h"
#include "core/money.h"

/* At most this many characters are read from one value; longer values are
 * refused as too long (no field of the registry comes near it). */
#define HZ_NORM_MAX_CHARS 256

/* Resident ID (GB 11643): a lower-case x becomes X; 18 characters, 17
 * digits and a digit or X, right ISO 7064 MOD 11-2 check character. Inner
 * blanks are refused (a space inside is more likely two values run
 * together than a typing habit). out must hold >= HZ_ID_LEN + 1 bytes. */
hz_err hz_norm_id_number(const char *in, char *out, size_t outsz, const char *field, hz_errinfo *e);

/* hz_norm_id_number plus what the number says: a region that exists, a
 * real birth date not after `today`. Fills info (may be NULL). */
hz_err hz_id_parse_as(const char *in, const char *field, hz_date today, hz_idinfo *info, hz_errinfo *e);
/* hz_id_parse_as with the field "id_number". */
hz_err hz_id_parse(const char *in, hz_date today, hz_idinfo *info, hz_errinfo *e);

/* Unified social credit code (GB 32100): lower-case letters upper-cased;
 * 18 characters of the code alphabet (no I O S V Z) and the right check
 * character. out must hold >= 19 bytes. */
hz_err hz_norm_credit_code(const char *in, char *out, size_t outsz, const char *field, hz_errinfo *e);

/* Bank card: inner blanks removed ("6217 0000 ..."); 15..19 digits with a
 * valid Luhn check digit. out must hold >= 20 bytes. */
hz_err hz_norm_bank_card(const char *in, char *out, size_t outsz, const char *field, hz_errinfo *e);

/* Mainland mobile phone: inner blanks and hyphens removed ("138-1234-5678");
 * 1[3-9] followed by 9 digits. out must hold >= 12 bytes. */
hz_err hz_norm_phone(const char *in, char *out, size_t outsz, const char *field, hz_errinfo *e);

/* A person's name as the bank will match it: runs of inner blanks become
 * one space; the middle dot of minority and foreign names is always
 * U+00B7 '·' — the look-alikes U+2022 '•', U+30FB '・', U+FF0E '．',
 * U+2027 '‧', U+FF65, U+2219, U+22C5, U+0387, and an ASCII '.' between two
 * CJK characters, become it — with no blanks around it, and it must stand
 * between two characters. Full-width Latin letters become ASCII. Then the
 * name rules: 2..30 characters, no digits, no control or markup
 * characters, no ASCII punctuation but '.', '-' and space, not starting
 * with = + - @. out must hold >= 4 * 30 + 1 bytes to be safe. */
hz_err hz_norm_person_name(const char *in, char *out, size_t outsz, const char *field, hz_errinfo *e);

/* Free text of min..max characters (organisation, unit and bank names,
 * reasons): blanks and invisible characters trimmed, nothing folded (a
 * full-width bracket is right in a Chinese unit name), then the rules of
 * hz_name_validate. */
hz_err hz_norm_text(const char *in, char *out, size_t outsz, const char *field, size_t min, size_t max,
                    hz_errinfo *e);

/* ICD-10 code: upper-cased, as typed otherwise ("c54.1" -> "C54.1"); must
 * pass hz_icd_normalize. out must hold >= HZ_ICD_MAX bytes. */
hz_err hz_norm_icd10(const char *in, char *out, size_t outsz, const char *field, hz_errinfo *e);

/* A date "YYYY-MM-DD" (full-width digits and dashes accepted); nothing else
 * ("2026/1/1" is refused: the spec has one date form). */
hz_err hz_norm_date(const char *in, hz_date *out, const char *field, hz_errinfo *e);

/* Money text "1234.50" (full-width digits accepted); thousands separators,
 * currency signs and units are refused (hz_money_parse). */
hz_err hz_norm_money(const char *in, bool allow_neg, hz_fen *out, const char *field, hz_errinfo *e);

/* True when in is NULL or holds nothing but blanks and invisible characters
 * (an optional field left empty). Invalid UTF-8 is not blank. */
bool hz_norm_is_blank(const char *in);

/* A member search query: blanks and invisible characters trimmed, full-width
 * forms folded; when it is made of digits and x/X only (a whole or partial
 * ID number) the x is upper-cased and true is returned; otherwise it is
 * folded as a name (middle dots) and false is returned. Invalid UTF-8 or
 * an over-long query gives "" and false. This function can't fail. */
bool hz_norm_search(const char *in, char *out, size_t outsz);

#endif
