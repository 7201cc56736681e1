/* Check-digit algorithms for the identifiers of the registry. */
#include "core/idcard.h"

#include <string.h>

char hz_id_check_char(const char *s) {
    static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static const char map[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
    int sum = 0;
    for (int i = 0; i < 17; i++) sum += (s[i] - '0') * w[i];
    return map[sum % 11];
}

static bool province_exists(int p) {
    static const int codes[] = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43,
                                44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83};
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
        if (codes[i] == p) return true;
    return false;
}

hz_err hz_id_parse(const char *s, hz_date today, hz_idinfo *out, hz_errinfo *e) {
    if (!s || !*s) return hz_fail(e, HZ_EINVAL, "身份证号码为空 (id_number is empty)");
    size_t n = strlen(s);
    if (n != HZ_ID_LEN)
        return hz_fail(e, HZ_EINVAL, "身份证号码应为18位 (id_number must have 18 characters, got %zu)", n);
    for (int i = 0; i < 17; i++)
        if (s[i] < '0' || s[i] > '9')
            return hz_fail(e, HZ_EINVAL, "身份证号码前17位应为数字 (id_number: non-digit at position %d)", i + 1);
    char last = s[17] == 'x' ? 'X' : s[17];
    if (!((last >= '0' && last <= '9') || last == 'X'))
        return hz_fail(e, HZ_EINVAL, "身份证号码校验位应为数字或X (id_number: bad check character)");
    int prov = (s[0] - '0') * 10 + (s[1] - '0');
    if (!province_exists(prov))
        return hz_fail(e, HZ_EINVAL, "身份证号码地区码不存在 (id_number: no region %.6s)", s);
    int y = 0, m = 0, d = 0;
    for (int i = 6; i < 10; i++) y = y * 10 + (s[i] - '0');
    m = (s[10] - '0') * 10 + (s[11] - '0');
    d = (s[12] - '0') * 10 + (s[13] - '0');
    if (!hz_date_valid_ymd(y, m, d))
        return hz_fail(e, HZ_EINVAL, "身份证号码出生日期无效 (id_number: no such birth date %.8s)", s + 6);
    hz_date birth = hz_date_from_ymd(y, m, d);
    if (birth > today)
        return hz_fail(e, HZ_EINVAL, "身份证号码出生日期在未来 (id_number: birth date %.8s is in the future)", s + 6);
    char want = hz_id_check_char(s);
    if (want != last)
        return hz_fail(e, HZ_EINVAL, "身份证号码校验位错误 (id_number: check digit should be %c)", want);
    if (out) {
        memcpy(out->number, s, 17);
        out->number[17] = last;
        out->number[18] = '\0';
        out->region = 0;
        for (int i = 0; i < 6; i++) out->region = out->region * 10 + (s[i] - '0');
        out->birth = birth;
        out->sex = ((s[16] - '0') % 2) ? 'M' : 'F';
    }
    return HZ_OK;
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

hz_err hz_credit_code_validate(const char *s, hz_errinfo *e) {
    if (!s || strlen(s) != 18)
        return hz_fail(e, HZ_EINVAL, "统一社会信用代码应为18位 (credit code must have 18 characters)");
    for (int i = 0; i < 18; i++)
        if (credit_value(s[i]) < 0)
            return hz_fail(e, HZ_EINVAL, "统一社会信用代码含非法字符 (credit code: bad character at position %d)", i + 1);
    char want = hz_credit_check_char(s);
    if (want != s[17])
        return hz_fail(e, HZ_EINVAL, "统一社会信用代码校验位错误 (credit code: check character should be %c)", want);
    return HZ_OK;
}

hz_err hz_bank_card_validate(const char *s, hz_errinfo *e) {
    size_t n = s ? strlen(s) : 0;
    if (n < 15 || n > 19) return hz_fail(e, HZ_EINVAL, "银行卡号应为15至19位数字 (bank_card must have 15-19 digits)");
    int sum = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[n - 1 - i];
        if (c < '0' || c > '9') return hz_fail(e, HZ_EINVAL, "银行卡号应为数字 (bank_card: non-digit)");
        int d = c - '0';
        if (i % 2 == 1) {
            d *= 2;
            if (d > 9) d -= 9;
        }
        sum += d;
    }
    if (sum % 10 != 0) return hz_fail(e, HZ_EINVAL, "银行卡号校验失败 (bank_card: Luhn check failed)");
    return HZ_OK;
}

char *hz_bank_card_mask(const char *card, char *buf) {
    size_t n = strlen(card);
    if (n > 23) n = 23;
    for (size_t i = 0; i < n; i++) buf[i] = (i < 4 || i + 4 >= n) ? card[i] : '*';
    buf[n] = '\0';
    return buf;
}

hz_err hz_phone_validate(const char *s, hz_errinfo *e) {
    if (!s || strlen(s) != 11 || s[0] != '1' || s[1] < '3' || s[1] > '9')
        return hz_fail(e, HZ_EINVAL, "手机号码格式错误 (phone must be 1[3-9] followed by 9 digits)");
    for (int i = 2; i < 11; i++)
        if (s[i] < '0' || s[i] > '9') return hz_fail(e, HZ_EINVAL, "手机号码格式错误 (phone: non-digit)");
    return HZ_OK;
}
