/* One normalisation function per input kind (see normalize.h): decode the
 * UTF-8 into code points, fold what people cannot see or tell apart, then
 * check the kind's rules on characters, not bytes. */
#include "core/normalize.h"

#include <stdint.h>
#include <string.h>

#include "core/icd10.h"
#include "core/msg.h"
#include "core/text.h"

enum { FOLD_WIDTH = 1, FOLD_NAME = 2 };

typedef struct {
    uint32_t cp[HZ_NORM_MAX_CHARS];
    size_t n;
} chars;

/* Decodes one code point of valid UTF-8 and advances *p. */
static uint32_t decode(const unsigned char **p) {
    const unsigned char *s = *p;
    uint32_t c = s[0];
    size_t n = 0;
    if (c >= 0xF0) c &= 0x07, n = 3;
    else if (c >= 0xE0) c &= 0x0F, n = 2;
    else if (c >= 0xC0) c &= 0x1F, n = 1;
    for (size_t k = 1; k <= n; k++) c = (c << 6) | (s[k] & 0x3F);
    *p = s + n + 1;
    return c;
}

/* Writes c as UTF-8 into buf (>= 5 bytes); returns the byte count. */
static size_t encode(uint32_t c, char *buf) {
    if (c < 0x80) return buf[0] = (char)c, 1;
    if (c < 0x800) return buf[0] = (char)(0xC0 | (c >> 6)), buf[1] = (char)(0x80 | (c & 0x3F)), 2;
    if (c < 0x10000) {
        buf[0] = (char)(0xE0 | (c >> 12));
        buf[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        buf[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    buf[0] = (char)(0xF0 | (c >> 18));
    buf[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    buf[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    buf[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

/* One character for a message: "x", "６", or "U+00A0" for a blank. */
static const char *shown(uint32_t c, char buf[8]) {
    if (c == ' ') return "空格 space";
    if (c < 0x20 || c == 0x7F) return "?";
    buf[encode(c, buf)] = '\0';
    return buf;
}

static bool invisible(uint32_t c) {
    return (c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF || c == 0x00AD;
}

static bool blank(uint32_t c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0x00A0 || c == 0x3000 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F;
}

static bool lookalike_dot(uint32_t c) {
    return c == 0x2022 || c == 0x30FB || c == 0xFF0E || c == 0x2027 || c == 0xFF65 || c == 0x2219 || c == 0x22C5 ||
           c == 0x0387;
}

static bool cjk(uint32_t c) {
    return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF);
}

static bool digit(uint32_t c) { return c >= '0' && c <= '9'; }

/* Decodes in into o: invisible characters dropped, blanks made ' ' and
 * trimmed at both ends, and the folds of opts applied. */
static hz_err fold(const char *in, unsigned opts, chars *o, const char *field, hz_errinfo *e) {
    o->n = 0;
    if (!in) return HZ_OK;
    if (!hz_utf8_valid(in, strlen(in))) return hz_failm(e, HZ_EINVAL, HZ_M_NOT_UTF8, field);
    const unsigned char *p = (const unsigned char *)in;
    while (*p) {
        uint32_t c = decode(&p);
        if (invisible(c)) continue;
        if (blank(c)) c = ' ';
        else if ((opts & FOLD_NAME) && lookalike_dot(c)) c = 0x00B7;
        else if ((opts & FOLD_WIDTH) && c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;
        if (c == ' ' && o->n == 0) continue; /* leading */
        if (o->n == HZ_NORM_MAX_CHARS)
            return hz_failm(e, HZ_EINVAL, HZ_M_TOO_LONG, field, (size_t)HZ_NORM_MAX_CHARS, (size_t)HZ_NORM_MAX_CHARS);
        o->cp[o->n++] = c;
    }
    while (o->n && o->cp[o->n - 1] == ' ') o->n--;
    return HZ_OK;
}

/* Drops every character c from o. */
static void drop(chars *o, uint32_t c) {
    size_t k = 0;
    for (size_t i = 0; i < o->n; i++)
        if (o->cp[i] != c) o->cp[k++] = o->cp[i];
    o->n = k;
}

/* Writes o as UTF-8 into out; too small a buffer is a too-long value. */
static hz_err emit(const chars *o, char *out, size_t outsz, const char *field, hz_errinfo *e) {
    size_t at = 0;
    for (size_t i = 0; i < o->n; i++) {
        char buf[4];
        size_t k = encode(o->cp[i], buf);
        if (at + k + 1 > outsz) {
            if (outsz) out[0] = '\0';
            return hz_failm(e, HZ_EINVAL, HZ_M_TOO_LONG, field, i, i);
        }
        memcpy(out + at, buf, k);
        at += k;
    }
    if (outsz) out[at] = '\0';
    return HZ_OK;
}

static void upper_ascii(chars *o) {
    for (size_t i = 0; i < o->n; i++)
        if (o->cp[i] >= 'a' && o->cp[i] <= 'z') o->cp[i] -= 'a' - 'A';
}

/* ---- resident ID ---- */

/* Folds and checks the shape: 18 characters, 17 digits, digit or X. */
static hz_err id_shape(const char *in, char num[HZ_ID_LEN + 1], const char *field, hz_errinfo *e) {
    chars c;
    char b[8];
    hz_err rc = fold(in, FOLD_WIDTH, &c, field, e);
    if (rc) return rc;
    if (c.n == 0) return hz_failm(e, HZ_EINVAL, HZ_M_EMPTY, field);
    if (c.n != HZ_ID_LEN) return hz_failm(e, HZ_EINVAL, HZ_M_ID_LENGTH, field, c.n);
    for (size_t i = 0; i < 17; i++) {
        if (!digit(c.cp[i])) return hz_failm(e, HZ_EINVAL, HZ_M_ID_DIGIT, field, shown(c.cp[i], b), i + 1);
        num[i] = (char)c.cp[i];
    }
    uint32_t last = c.cp[17] == 'x' ? 'X' : c.cp[17];
    if (!digit(last) && last != 'X') return hz_failm(e, HZ_EINVAL, HZ_M_ID_CHECK_CHAR, field, shown(last, b));
    num[17] = (char)last;
    num[18] = '\0';
    return HZ_OK;
}

static hz_err id_check(const char *num, const char *field, hz_errinfo *e) {
    char want = hz_id_check_char(num);
    return want == num[17] ? HZ_OK : hz_failm(e, HZ_EINVAL, HZ_M_ID_CHECK, field, want);
}

hz_err hz_norm_id_number(const char *in, char *out, size_t outsz, const char *field, hz_errinfo *e) {
    if (!field) field = "id_number";
    char num[HZ_ID_LEN + 1];
    hz_err rc;
    if (outsz) out[0] = '\0';
    if ((rc = id_shape(in, num, field, e)) || (rc = id_check(num, field, e))) return rc;
    if (outsz < sizeof num) return hz_failm(e, HZ_EINTERNAL, HZ_M_TOO_LONG, field, outsz, outsz);
    memcpy(out, num, sizeof num);
    return HZ_OK;
}

hz_err hz_id_parse_as(const char *in, const char *field, hz_date today, hz_idinfo *info, hz_errinfo *e) {
    if (!field) field = "id_number";
    char s[HZ_ID_LEN + 1], part[9];
    hz_err rc = id_shape(in, s, field, e);
    if (rc) return rc;
    int prov = (s[0] - '0') * 10 + (s[1] - '0');
    if (!hz_id_province_exists(prov)) {
        memcpy(part, s, 6), part[6] = '\0';
        return hz_failm(e, HZ_EINVAL, HZ_M_ID_REGION, field, part);
    }
    int y = 0, m, d;
    for (int i = 6; i < 10; i++) y = y * 10 + (s[i] - '0');
    m = (s[10] - '0') * 10 + (s[11] - '0');
    d = (s[12] - '0') * 10 + (s[13] - '0');
    memcpy(part, s + 6, 8), part[8] = '\0';
    if (y < 1900 || !hz_date_valid_ymd(y, m, d)) return hz_failm(e, HZ_EINVAL, HZ_M_ID_BIRTH, field, part);
    hz_date birth = hz_date_from_ymd(y, m, d);
    if (birth > today) return hz_failm(e, HZ_EINVAL, HZ_M_ID_FUTURE, field, part);
    if ((rc = id_check(s, field, e))) return rc;
    if (info) {
        memcpy(info->number, s, sizeof info->number);
        info->region = 0;
        for (int i = 0; i < 6; i++) info->region = info->region * 10 + (s[i] - '0');
        info->birth = birth;
        info->sex = ((s[16] - '0') % 2) ? 'M' : 'F';
    }
    return HZ_OK;
}

hz_err hz_id_parse(const char *in, hz_date today, hz_idinfo *info, hz_errinfo *e) {
    return hz_id_parse_as(in, "id_number", today, info, e);
}

/* ---- credit code, bank card, phone ---- */

hz_err hz_norm_credit_code(const char *in, char *out, size_t outsz, const char *field, hz_errinfo *e) {
    if (!field) field = "credit_code";
    chars c;
    char b[8], code[19];
    if (outsz) out[0] = '\0';
    hz_err rc = fold(in, FOLD_WIDTH, &c, field, e);
    if (rc) return rc;
    if (c.n == 0) return hz_failm(e, HZ_EINVAL, HZ_M_EMPTY, field);
    upper_ascii(&c);
    if (c.n != 18) return hz_failm(e, HZ_EINVAL, HZ_M_CREDIT_LENGTH, field, c.n);
    for (size_t i = 0; i < 18; i++) {
        if (c.cp[i] >= 0x80 || !hz_credit_char_valid((char)c.cp[i]))
            return hz_failm(e, HZ_EINVAL, HZ_M_CREDIT_CHAR, field, shown(c.cp[i], b), i + 1);
        code[i] = (char)c.cp[i];
    }
    code[18] = '\0';
    char want = hz_credit_check_char(code);
    if (want != code[17]) return hz_failm(e, HZ_EINVAL, HZ_M_CREDIT_CHECK, field, want);
    return emit(&c, out, outsz, field, e);
}

/* Folds, drops the inner separators, checks length and digits. */
static hz_err digits(const char *in, const char *seps, size_t min, size_t max, hz_msg m_len, hz_msg m_digit,
                     chars *c, const char *field, hz_errinfo *e) {
    char b[8];
    hz_err rc = fold(in, FOLD_WIDTH, c, field, e);
    if (rc) return rc;
    if (c->n == 0) return hz_failm(e, HZ_EINVAL, HZ_M_EMPTY, field);
    for (const char *s = seps; *s; s++) drop(c, (unsigned char)*s);
    if (c->n < min || c->n > max) {
        for (size_t i = 0; i < c->n; i++)
            if (!digit(c->cp[i])) return hz_failm(e, HZ_EINVAL, m_digit, field, shown(c->cp[i], b), i + 1);
        return hz_failm(e, HZ_EINVAL, m_len, field, c->n);
    }
    for (size_t i = 0; i < c->n; i++)
        if (!digit(c->cp[i])) return hz_failm(e, HZ_EINVAL, m_digit, field, shown(c->cp[i], b), i + 1);
    return HZ_OK;
}

hz_err hz_norm_bank_card(const char *in, char *out, size_t outsz, const char *field, hz_errinfo *e) {
    if (!field) field = "bank_card";
    chars c;
    if (outsz) out[0] = '\0';
    hz_err rc = digits(in, " ", 15, 19, HZ_M_CARD_LENGTH, HZ_M_CARD_DIGIT, &c, field, e);
    if (rc) return rc;
    int sum = 0;
    for (size_t i = 0; i < c.n; i++) {
        int d = (int)(c.cp[c.n - 1 - i] - '0');
        if (i % 2 == 1 && (d *= 2) > 9) d -= 9;
        sum += d;
    }
    if (sum % 10 != 0) return hz_failm(e, HZ_EINVAL, HZ_M_CARD_LUHN, field);
    return emit(&c, out, outsz, field, e);
}

hz_err hz_norm_phone(const char *in, char *out, size_t outsz, const char *field, hz_errinfo *e) {
    if (!field) field = "phone";
    chars c;
    if (outsz) out[0] = '\0';
    hz_err rc = digits(in, " -", 11, 11, HZ_M_PHONE_LENGTH, HZ_M_PHONE_DIGIT, &c, field, e);
    if (rc) return rc;
    if (c.cp[0] != '1' || c.cp[1] < '3') return hz_failm(e, HZ_EINVAL, HZ_M_PHONE_PREFIX, field);
    return emit(&c, out, outsz, field, e);
}

/* ---- names and text ---- */

/* The rules of every name-like text on folded characters. */
static hz_err text_rules(const chars *c, size_t min, size_t max, const char *field, hz_errinfo *e) {
    if (c->n == 0) return hz_failm(e, HZ_EINVAL, HZ_M_EMPTY, field);
    for (size_t i = 0; i < c->n; i++) {
        uint32_t x = c->cp[i];
        if (x < 0x20 || x == 0x7F || (x >= 0x80 && x < 0xA0) || x == '<' || x == '>' || x == '"')
            return hz_failm(e, HZ_EINVAL, HZ_M_NAME_CONTROL, field);
    }
    if (c->cp[0] == '=' || c->cp[0] == '+' || c->cp[0] == '-' || c->cp[0] == '@')
        return hz_failm(e, HZ_EINVAL, HZ_M_NAME_FORMULA, field);
    if (c->n < min || c->n > max) return hz_failm(e, HZ_EINVAL, HZ_M_NAME_LENGTH, field, min, max, min, max, c->n);
    return HZ_OK;
}

hz_err hz_norm_text(const char *in, char *out, size_t outsz, const char *field, size_t min, size_t max,
                    hz_errinfo *e) {
    if (!field) field = "name";
    chars c;
    if (outsz) out[0] = '\0';
    hz_err rc = fold(in, 0, &c, field, e);
    if (rc || (rc = text_rules(&c, min, max, field, e))) return rc;
    return emit(&c, out, outsz, field, e);
}

/* The name folds after fold(): one space between words, '.' between CJK
 * characters as U+00B7, no blanks around U+00B7. */
static void name_fold(chars *c) {
    size_t k = 0;
    for (size_t i = 0; i < c->n; i++)
        if (!(c->cp[i] == ' ' && k && c->cp[k - 1] == ' ')) c->cp[k++] = c->cp[i];
    c->n = k;
    for (size_t i = 0; i < c->n; i++) {
        if (c->cp[i] != '.') continue;
        size_t j = i, m = i + 1;
        while (j > 0 && c->cp[j - 1] == ' ') j--;
        while (m < c->n && c->cp[m] == ' ') m++;
        if (j > 0 && m < c->n && cjk(c->cp[j - 1]) && cjk(c->cp[m])) c->cp[i] = 0x00B7;
    }
    k = 0;
    for (size_t i = 0; i < c->n; i++) {
        bool by_dot = (k && c->cp[k - 1] == 0x00B7) || (i + 1 < c->n && c->cp[i + 1] == 0x00B7);
        if (!(c->cp[i] == ' ' && by_dot)) c->cp[k++] = c->cp[i];
    }
    c->n = k;
}

hz_err hz_norm_person_name(const char *in, char *out, size_t outsz, const char *field, hz_errinfo *e) {
    if (!field) field = "name";
    chars c;
    char b[8];
    if (outsz) out[0] = '\0';
    hz_err rc = fold(in, FOLD_WIDTH | FOLD_NAME, &c, field, e);
    if (rc) return rc;
    name_fold(&c);
    if ((rc = text_rules(&c, 2, 30, field, e))) return rc;
    for (size_t i = 0; i < c.n; i++) {
        uint32_t x = c.cp[i];
        if (x < 0x80 && !((x >= 'a' && x <= 'z') || (x >= 'A' && x <= 'Z') || x == '.' || x == '-' || x == ' '))
            return hz_failm(e, HZ_EINVAL, HZ_M_NAME_CHAR, field, shown(x, b));
        if (x == 0x00B7 && (i == 0 || i + 1 == c.n || c.cp[i + 1] == 0x00B7))
            return hz_failm(e, HZ_EINVAL, HZ_M_NAME_DOT, field);
    }
    return emit(&c, out, outsz, field, e);
}

/* ---- ICD-10, dates, money ---- */

/* Folds a code-like value into ASCII text in buf (no inner blanks kept:
 * they are left for the kind's own check to refuse). */
static hz_err ascii_code(const char *in, char *buf, size_t cap, const char *field, hz_errinfo *e) {
    chars c;
    hz_err rc = fold(in, FOLD_WIDTH, &c, field, e);
    if (rc) return rc;
    return emit(&c, buf, cap, field, e);
}

hz_err hz_norm_icd10(const char *in, char *out, size_t outsz, const char *field, hz_errinfo *e) {
    if (!field) field = "diagnosis";
    chars c;
    char canon[HZ_ICD_MAX], text[HZ_NORM_MAX_CHARS * 4 + 1];
    if (outsz) out[0] = '\0';
    hz_err rc = fold(in, FOLD_WIDTH, &c, field, e);
    if (rc) return rc;
    if (c.n == 0) return hz_failm(e, HZ_EINVAL, HZ_M_EMPTY, field);
    upper_ascii(&c);
    if ((rc = emit(&c, text, sizeof text, field, e))) return rc;
    if (hz_icd_normalize(text, canon, NULL) != HZ_OK) return hz_failm(e, HZ_EINVAL, HZ_M_ICD, field, text);
    return emit(&c, out, outsz, field, e);
}

hz_err hz_norm_date(const char *in, hz_date *out, const char *field, hz_errinfo *e) {
    char buf[HZ_NORM_MAX_CHARS * 4 + 1];
    hz_err rc = ascii_code(in, buf, sizeof buf, field ? field : "date", e);
    return rc ? rc : hz_date_parse(buf, out, field ? field : "date", e);
}

hz_err hz_norm_money(const char *in, bool allow_neg, hz_fen *out, const char *field, hz_errinfo *e) {
    char buf[HZ_NORM_MAX_CHARS * 4 + 1];
    hz_err rc = ascii_code(in, buf, sizeof buf, field ? field : "amount", e);
    return rc ? rc : hz_money_parse(buf, allow_neg, out, field ? field : "amount", e);
}

/* ---- search ---- */

bool hz_norm_is_blank(const char *in) {
    /* a visible ASCII character first is kept by fold(), whatever follows */
    if (in && (unsigned char)in[0] > 0x20 && (unsigned char)in[0] < 0x7F) return false;
    chars c;
    return !in || (fold(in, 0, &c, NULL, NULL) == HZ_OK && c.n == 0);
}

bool hz_norm_search(const char *in, char *out, size_t outsz) {
    chars c;
    if (outsz) out[0] = '\0';
    if (fold(in, FOLD_WIDTH | FOLD_NAME, &c, NULL, NULL)) return false;
    bool id = c.n > 0 && c.n <= HZ_ID_LEN;
    for (size_t i = 0; i < c.n && id; i++) id = digit(c.cp[i]) || c.cp[i] == 'x' || c.cp[i] == 'X';
    if (id) upper_ascii(&c);
    else name_fold(&c);
    if (emit(&c, out, outsz, NULL, NULL)) return false;
    return id;
}
