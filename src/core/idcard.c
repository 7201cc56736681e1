/* Check-digit algorithms for the identifiers of the registry; reading and
 * checking what people type is core/normalize.c. */
#include "core/idcard.h"

#include <string.h>

char hz_id_check_char(const char *s) {
    static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static const char map[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
    int sum = 0;
    for (int i = 0; i < 17; i++) sum += (s[i] - '0') * w[i];
    return map[sum % 11];
}

bool hz_id_province_exists(int p) {
    static const int codes[] = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43,
                                44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83};
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
        if (codes[i] == p) return true;
    return false;
}

char *hz_id_mask(const char *id, char *buf) {
    size_t n = strlen(id);
    if (n > HZ_ID_LEN) n = HZ_ID_LEN;
    for (size_t i = 0; i < n; i++) buf[i] = (i < 4 || i + 4 >= n) ? id[i] : '*';
    buf[n] = '\0';
    return buf;
}

static const char credit_alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

static int credit_value(char c) {
    const char *p = c ? strchr(credit_alphabet, c) : NULL;
    return p ? (int)(p - credit_alphabet) : -1;
}

char hz_credit_check_char(const char *s) {
    static const int w[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    int sum = 0;
    for (int i = 0; i < 17; i++) {
        int v = credit_value(s[i]);
        if (v < 0) return 0;
        sum += v * w[i];
    }
    int c = 31 - sum % 31;
    return credit_alphabet[c == 31 ? 0 : c];
}

char *hz_bank_card_mask(const char *card, char *buf) {
    size_t n = strlen(card);
    if (n > 23) n = 23;
    for (size_t i = 0; i < n; i++) buf[i] = (i < 4 || i + 4 >= n) ? card[i] : '*';
    buf[n] = '\0';
    return buf;
}

bool hz_credit_char_valid(char c) { return credit_value(c) >= 0; }
