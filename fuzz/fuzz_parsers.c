/* The small parsers every entry point uses, chosen by the first byte: ID
 * number, unified social credit code, bank card, phone, person name, ICD-10
 * code and disease list, money, date, free text, search. What parses must
 * print back to itself (money, dates) and stay within its buffer. */
#include <stdlib.h>
#include <string.h>

#include "core/icd10.h"
#include "core/normalize.h"
#include "fuzz.h"

static void money(const char *s, bool neg) {
    hz_fen v;
    hz_errinfo e;
    if (hz_money_parse(s, neg, &v, "amount", &e) == HZ_OK) {
        char buf[HZ_MONEY_BUF];
        hz_fen back;
        HZ_FUZZ_CHECK(neg || v >= 0);
        HZ_FUZZ_CHECK(hz_money_parse(hz_money_format(v, buf), true, &back, "amount", &e) == HZ_OK && back == v);
    }
    if (hz_norm_money(s, neg, &v, "amount", &e) == HZ_OK) HZ_FUZZ_CHECK(neg || v >= 0);
}

static void date(const char *s) {
    hz_date d;
    hz_errinfo e;
    char buf[16];
    if (hz_date_parse(s, &d, "date", &e) == HZ_OK) {
        hz_date back;
        HZ_FUZZ_CHECK(hz_date_parse(hz_date_format(d, buf), &back, "date", &e) == HZ_OK && back == d);
    }
    if (hz_norm_date(s, &d, "date", &e) == HZ_OK) {
        int y, m, day;
        hz_date_to_ymd(d, &y, &m, &day);
        HZ_FUZZ_CHECK(hz_date_valid_ymd(y, m, day));
    }
}

static void icd(const char *s) {
    char out[HZ_ICD_MAX * 2], code[HZ_ICD_MAX];
    hz_errinfo e;
    if (hz_norm_icd10(s, out, sizeof out, "diagnosis", &e) == HZ_OK) {
        HZ_FUZZ_CHECK(hz_icd_normalize(out, code, &e) == HZ_OK);
        hz_icd_is_accident(code);
    }
    hz_icd_list *l = malloc(sizeof *l);
    if (l && hz_icd_list_parse(s, l, &e) == HZ_OK) {
        HZ_FUZZ_CHECK(l->n >= 0 && l->n <= HZ_ICD_LIST_MAX);
        hz_icd_list_match(l, "C541");
    }
    free(l);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1 || size > 4096) return 0;
    char *s = malloc(size);
    if (!s) return 0;
    memcpy(s, data + 1, size - 1);
    s[size - 1] = '\0'; /* values arrive NUL-terminated from every reader */
    char out[512];
    hz_errinfo e;
    hz_idinfo info;
    switch (data[0] % 12) {
    case 0:
        if (hz_id_parse(s, hz_fuzz_today(), &info, &e) == HZ_OK) {
            char mask[32];
            HZ_FUZZ_CHECK(strlen(info.number) == HZ_ID_LEN);
            hz_id_mask(info.number, mask);
        }
        break;
    case 1:
        if (hz_norm_id_number(s, out, HZ_ID_LEN + 1, "id_number", &e) == HZ_OK)
            HZ_FUZZ_CHECK(hz_id_check_char(out) == out[17]);
        break;
    case 2:
        if (hz_norm_credit_code(s, out, 19, "unit", &e) == HZ_OK) HZ_FUZZ_CHECK(hz_credit_check_char(out) == out[17]);
        break;
    case 3:
        if (hz_norm_bank_card(s, out, 20, "bank_card", &e) == HZ_OK) {
            char mask[32];
            hz_bank_card_mask(out, mask);
        }
        break;
    case 4:
        hz_norm_phone(s, out, 12, "phone", &e);
        break;
    case 5:
        hz_norm_person_name(s, out, 4 * 30 + 1, "name", &e);
        break;
    case 6:
        icd(s);
        break;
    case 7:
        money(s, false);
        break;
    case 8:
        money(s, true);
        break;
    case 9:
        date(s);
        break;
    case 10:
        hz_norm_text(s, out, sizeof out, "text", 1, 60, &e);
        hz_norm_is_blank(s);
        break;
    default:
        hz_norm_search(s, out, sizeof out);
        break;
    }
    free(s);
    return 0;
}
