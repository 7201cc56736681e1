/* The message table: every validation message of the input kinds (ID
 * numbers, credit codes, bank cards, phones, names, ICD-10 codes, dates,
 * money) lives here once, Chinese first with the English in parentheses,
 * the way curl keeps its error strings behind curl_easy_strerror. Each
 * message starts with the field it concerns, as the caller names it (an
 * API key, a CLI option or the file's own column title). */
#ifndef HZ_MSG_H
#define HZ_MSG_H

#include "core/err.h"

/* Message ids. The comment after each lists the arguments after the field
 * (const char *), in order; hz_msg_test checks every format against them. */
typedef enum {
    HZ_M_EMPTY,            /* - */
    HZ_M_NOT_UTF8,         /* - */
    HZ_M_TOO_LONG,         /* size_t max characters */
    HZ_M_ID_LENGTH,        /* size_t characters got */
    HZ_M_ID_DIGIT,         /* const char *character, size_t position */
    HZ_M_ID_CHECK_CHAR,    /* const char *character */
    HZ_M_ID_CHECK,         /* int check character wanted */
    HZ_M_ID_REGION,        /* const char *first six digits */
    HZ_M_ID_BIRTH,         /* const char *the eight birth digits */
    HZ_M_ID_FUTURE,        /* const char *the eight birth digits */
    HZ_M_CREDIT_LENGTH,    /* size_t characters got */
    HZ_M_CREDIT_CHAR,      /* const char *character, size_t position */
    HZ_M_CREDIT_CHECK,     /* int check character wanted */
    HZ_M_CARD_LENGTH,      /* size_t characters got */
    HZ_M_CARD_DIGIT,       /* const char *character, size_t position */
    HZ_M_CARD_LUHN,        /* - */
    HZ_M_PHONE_LENGTH,     /* size_t characters got */
    HZ_M_PHONE_DIGIT,      /* const char *character, size_t position */
    HZ_M_PHONE_PREFIX,     /* - */
    HZ_M_NAME_LENGTH,      /* size_t min, size_t max, size_t got */
    HZ_M_NAME_CONTROL,     /* - */
    HZ_M_NAME_FORMULA,     /* - */
    HZ_M_NAME_BLANK,       /* - */
    HZ_M_NAME_CHAR,        /* const char *character */
    HZ_M_NAME_DOT,         /* - */
    HZ_M_ICD,              /* const char *code as typed */
    HZ_M_DATE_FORMAT,      /* const char *text as typed */
    HZ_M_DATE_NONE,        /* const char *text as typed */
    HZ_M_MONEY_EMPTY,      /* - */
    HZ_M_MONEY_NEGATIVE,   /* const char *text */
    HZ_M_MONEY_FORMAT,     /* const char *text */
    HZ_M_MONEY_RANGE,      /* const char *text */
    HZ_M_MONEY_DECIMALS,   /* const char *text */
    HZ_M_REQUIRED,         /* - */
    HZ_M_COUNT
} hz_msg;

/* The printf format of a message; "%s: " (the field) comes first. Never
 * NULL: an unknown id gives a generic "invalid" format taking the field. */
const char *hz_msg_format(hz_msg id);

/* Records code and the message id, formatted with field and the arguments
 * listed for it, in e (which may be NULL); returns code. A NULL field is
 * written as "value". */
hz_err hz_failm(hz_errinfo *e, hz_err code, hz_msg id, const char *field, ...);

#endif
