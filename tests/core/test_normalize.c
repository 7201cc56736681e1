/* src/core/normalize: one function per input kind — what is folded into the
 * canonical form and what is refused, with messages that count characters. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/msg.h"
#include "core/normalize.h"

#define ID "61011319900312022X"
#define WIDE_ID "\xef\xbc\x96\xef\xbc\x91\xef\xbc\x90\xef\xbc\x91\xef\xbc\x91\xef\xbc\x93\xef\xbc\x91\xef\xbc\x99" \
                "\xef\xbc\x99\xef\xbc\x90\xef\xbc\x90\xef\xbc\x93\xef\xbc\x91\xef\xbc\x92\xef\xbc\x90\xef\xbc\x92" \
                "\xef\xbc\x92\xef\xbd\x98" /* ６１０１１３１９９００３１２０２２ｘ */
#define NBSP "\xc2\xa0"
#define ZWSP "\xe2\x80\x8b"
#define IDEO_SPACE "\xe3\x80\x80"
#define BOM "\xef\xbb\xbf"

static hz_date today(void) { return hz_date_from_ymd(2026, 11, 29); }

/* Asserts in normalises to want. */
static void id_ok(const char *in, const char *want) {
    char out[HZ_ID_LEN + 1];
    hz_errinfo e;
    hz_err_clear(&e);
    if (hz_norm_id_number(in, out, sizeof out, NULL, &e)) fail_msg("'%s' refused: %s", in, e.msg);
    assert_string_equal(out, want);
    hz_idinfo info;
    assert_int_equal(hz_id_parse(in, today(), &info, NULL), HZ_OK);
    assert_string_equal(info.number, want);
}

/* Asserts in is refused with a message holding needle. */
static void id_bad(const char *in, const char *needle) {
    char out[HZ_ID_LEN + 1];
    hz_errinfo e;
    hz_err_clear(&e);
    assert_int_equal(hz_norm_id_number(in, out, sizeof out, "身份证号码", &e), HZ_EINVAL);
    if (!strstr(e.msg, needle)) fail_msg("'%s': message '%s' lacks '%s'", in, e.msg, needle);
    assert_non_null(strstr(e.msg, "身份证号码:")); /* the field as the caller names it */
    assert_string_equal(out, "");
}

static void test_id_folds(void **state) {
    (void)state;
    id_ok(ID, ID);
    id_ok("61011319900312022x", ID);                        /* lower-case x */
    id_ok(WIDE_ID, ID);                                     /* full-width digits and x */
    id_ok(ID NBSP, ID);                                     /* trailing no-break space */
    id_ok(NBSP " " ID "\t\r\n", ID);                        /* blanks around */
    id_ok(IDEO_SPACE ID IDEO_SPACE, ID);                    /* ideographic space */
    id_ok("6101131990" ZWSP "0312022X", ID);                /* zero-width space inside */
    id_ok(BOM ID "\xe2\x81\xa0", ID);                       /* BOM, word joiner */
    id_ok("61011319900312022\xe2\x80\x8c\xe2\x80\x8dx", ID); /* ZWNJ, ZWJ */
}

static void test_id_refusals(void **state) {
    (void)state;
    id_bad("610113199003120221", "校验位");                       /* wrong check digit */
    id_bad("61011319900312022Y", "bad check character 'Y'");
    id_bad("6101131990031202", "got 16 characters");
    id_bad(WIDE_ID "\xef\xbc\x91", "got 19 characters");       /* 19 full-width: 57 bytes */
    id_bad(ID ID, "got 36 characters");
    id_bad("610113 19900312022X", "got 19 characters");        /* inner blank is kept, so refused */
    id_bad("6101131990031202 X", "non-digit '空格 space' at position 17");
    id_bad("61011319900312O22X", "non-digit 'O' at position 15");
    id_bad("6101131990031２O22X", "non-digit 'O'");            /* folded, then the letter O */
    id_bad("", "不能为空");
    id_bad(NBSP ZWSP, "不能为空");
    id_bad(NULL, "不能为空");
    id_bad("\xff" "1011319900312022X", "UTF-8");
    /* what the number says: region, birth date */
    hz_errinfo e;
    assert_int_equal(hz_id_parse_as("991021199001011231", "certno", today(), NULL, &e), HZ_EINVAL);
    assert_non_null(strstr(e.msg, "certno: "));
    assert_non_null(strstr(e.msg, "地区"));
    assert_int_equal(hz_id_parse("610102203001011231", today(), NULL, &e), HZ_EINVAL);
    assert_non_null(strstr(e.msg, "未来"));
    /* the output buffer must hold 19 bytes */
    char small[10];
    assert_int_not_equal(hz_norm_id_number(ID, small, sizeof small, NULL, NULL), HZ_OK);
}

static void test_credit_code(void **state) {
    (void)state;
    char out[19];
    hz_errinfo e;
    assert_int_equal(hz_norm_credit_code(" 91610000ma6tg00007" NBSP, out, sizeof out, NULL, NULL), HZ_OK);
    assert_string_equal(out, "91610000MA6TG00007");
    assert_int_equal(hz_norm_credit_code("９１６１００００ｍａ６ｔｇ０００07", out, sizeof out, NULL, NULL), HZ_OK);
    assert_string_equal(out, "91610000MA6TG00007");
    assert_int_equal(hz_norm_credit_code("91610000MA6TG00008", out, sizeof out, "unit", &e), HZ_EINVAL);
    assert_non_null(strstr(e.msg, "unit: 统一社会信用代码校验位错误"));
    assert_int_equal(hz_norm_credit_code("９１６１００００ＭＡ６ＴＧ０００0", out, sizeof out, NULL, &e), HZ_EINVAL);
    assert_non_null(strstr(e.msg, "got 17 characters"));
    assert_int_equal(hz_norm_credit_code("91350100I000100Y43", out, sizeof out, NULL, &e), HZ_EINVAL);
    assert_non_null(strstr(e.msg, "'I' at position 9"));
    assert_int_equal(hz_norm_credit_code("9161 0000MA6TG0007", out, sizeof out, NULL, &e), HZ_EINVAL);
    assert_non_null(strstr(e.msg, "非法字符"));
}

static void test_bank_card(void **state) {
    (void)state;
    char out[24];
    hz_errinfo e;
    assert_int_equal(hz_norm_bank_card("6217 0000 0000 0000 004", out, sizeof out, NULL, NULL), HZ_OK);
    assert_string_equal(out, "6217000000000000004");
    assert_int_equal(hz_norm_bank_card("６２１７000000000000004" NBSP, out, sizeof out, NULL, NULL), HZ_OK);
    assert_string_equal(out, "6217000000000000004");
    assert_int_equal(hz_norm_bank_card("6217000000000000005", out, sizeof out, NULL, &e), HZ_EINVAL);
    assert_non_null(strstr(e.msg, "Luhn"));
    assert_int_equal(hz_norm_bank_card("6217-0000-0000-0000-004", out, sizeof out, NULL, &e), HZ_EINVAL);
    assert_non_null(strstr(e.msg, "non-digit '-' at position 5"));
    assert_int_equal(hz_norm_bank_card("62170000000004", out, sizeof out, NULL, &e), HZ_EINVAL);
    assert_non_null(strstr(e.msg, "got 14 characters"));
    assert_int_equal(hz_norm_bank_card("62170000000000000000", out, sizeof out, NULL, &e), HZ_EINVAL);
    assert_non_null(strstr(e.msg, "got 20 characters"));
}

static void test_phone(void **state) {
    (void)state;
    char out[16];
    hz_errinfo e;
    assert_int_equal(hz_norm_phone("138 1234 5678", out, sizeof out, NULL, NULL), HZ_OK);
    assert_string_equal(out, "13812345678");
    assert_int_equal(hz_norm_phone("138-1234-5678" NBSP, out, sizeof out, NULL, NULL), HZ_OK);
    assert_string_equal(out, "13812345678");
    assert_int_equal(hz_norm_phone("１３８１２３４５６７８", out, sizeof out, NULL, NULL), HZ_OK);
    assert_string_equal(out, "13812345678");
    assert_int_equal(hz_norm_phone("1381234567", out, sizeof out, "手机号码", &e), HZ_EINVAL);
    assert_non_null(strstr(e.msg, "手机号码: "));
    assert_non_null(strstr(e.msg, "got 10 characters"));
    assert_int_equal(hz_norm_phone("12812345678", out, sizeof out, NULL, &e), HZ_EINVAL);
    assert_int_equal(hz_norm_phone("+8613812345678", out, sizeof out, NULL, &e), HZ_EINVAL);
    assert_int_equal(hz_norm_phone("1381234567a", out, sizeof out, NULL, &e), HZ_EINVAL);
    assert_non_null(strstr(e.msg, "'a' at position 11"));
}

/* Asserts a name normalises to want (NULL: is refused). */
static void name_is(const char *in, const char *want) {
    char out[128];
    hz_errinfo e;
    hz_err_clear(&e);
    hz_err rc = hz_norm_person_name(in, out, sizeof out, NULL, &e);
    if (!want) {
        if (rc == HZ_OK) fail_msg("'%s' accepted as '%s'", in, out);
        return;
    }
    if (rc) fail_msg("'%s' refused: %s", in, e.msg);
    assert_string_equal(out, want);
}

static void test_name_middle_dot(void **state) {
    (void)state;
    name_is("阿依古丽·买买提", "阿依古丽·买买提");
    name_is("阿依古丽•买买提", "阿依古丽·买买提");     /* U+2022 bullet */
    name_is("阿依古丽・买买提", "阿依古丽·买买提");     /* U+30FB katakana middle dot */
    name_is("阿依古丽．买买提", "阿依古丽·买买提");     /* U+FF0E full-width full stop */
    name_is("阿依古丽‧买买提", "阿依古丽·买买提");     /* U+2027 hyphenation point */
    name_is("阿依古丽･买买提", "阿依古丽·买买提");      /* U+FF65 half-width katakana dot */
    name_is("阿依古丽.买买提", "阿依古丽·买买提");      /* '.' between CJK */
    name_is("阿依古丽 · 买买提", "阿依古丽·买买提");    /* blanks around the dot */
    name_is(" 阿依古丽·买买提" NBSP, "阿依古丽·买买提"); /* blanks around the name */
    name_is("阿依古丽" ZWSP "·买买提", "阿依古丽·买买提");
    name_is("J. Smith", "J. Smith");                   /* '.' in a Latin name stays */
    name_is("Ｊｏｈｎ  Smith", "John Smith");          /* full-width letters, one space */
    name_is("·买买提", NULL);                           /* dot at the start */
    name_is("阿依古丽·", NULL);                         /* dot at the end */
    name_is("阿依古丽··买买提", NULL);                  /* two dots */
    name_is("阿依古丽•・买买提", NULL);                 /* two look-alikes are two dots */
    name_is("张三1", NULL);
    name_is("张三（李）", NULL);                        /* full-width bracket read as ASCII '(' */
    name_is("=HYPERLINK(1)", NULL);
    name_is("张", NULL);
    name_is(NBSP "张" NBSP, NULL);                      /* one character once trimmed */
    char out[128];
    hz_errinfo e;
    assert_int_equal(hz_norm_person_name("·张三", out, sizeof out, "姓名", &e), HZ_EINVAL);
    assert_non_null(strstr(e.msg, "姓名: 间隔号"));
    assert_int_equal(hz_norm_person_name("张", out, sizeof out, "name", &e), HZ_EINVAL);
    assert_non_null(strstr(e.msg, "got 1)"));
}

static void test_text(void **state) {
    (void)state;
    char out[128];
    hz_errinfo e;
    assert_int_equal(hz_norm_text(" 五环（集团）纺织" NBSP, out, sizeof out, "name", 2, 60, NULL), HZ_OK);
    assert_string_equal(out, "五环（集团）纺织"); /* full-width brackets belong in Chinese names */
    assert_int_equal(hz_norm_text(NBSP, out, sizeof out, "name", 2, 60, &e), HZ_EINVAL);
    assert_non_null(strstr(e.msg, "不能为空"));
    assert_true(hz_norm_is_blank(NULL));
    assert_true(hz_norm_is_blank(" " NBSP ZWSP IDEO_SPACE));
    assert_false(hz_norm_is_blank(" x "));
}

static void test_icd_date_money(void **state) {
    (void)state;
    char out[32];
    hz_errinfo e;
    assert_int_equal(hz_norm_icd10(" c54.1" NBSP, out, sizeof out, NULL, NULL), HZ_OK);
    assert_string_equal(out, "C54.1");
    assert_int_equal(hz_norm_icd10("Ｃ５４．１", out, sizeof out, NULL, NULL), HZ_OK);
    assert_string_equal(out, "C54.1");
    assert_int_equal(hz_norm_icd10("C5 4.1", out, sizeof out, "diagnosis", &e), HZ_EINVAL);
    assert_non_null(strstr(e.msg, "diagnosis: 诊断编码格式错误"));
    hz_date d;
    char b[HZ_DATE_BUF];
    assert_int_equal(hz_norm_date("２０２６－０１－０１" NBSP, &d, "start", NULL), HZ_OK);
    assert_string_equal(hz_date_format(d, b), "2026-01-01");
    assert_int_equal(hz_norm_date("2026/01/01", &d, "start", &e), HZ_EINVAL);
    assert_non_null(strstr(e.msg, "start: 日期格式应为 YYYY-MM-DD"));
    assert_int_equal(hz_norm_date("2026-02-30", &d, "start", &e), HZ_EINVAL);
    assert_non_null(strstr(e.msg, "日期不存在"));
    hz_fen f;
    assert_int_equal(hz_norm_money(" １２３４.５" NBSP, false, &f, NULL, NULL), HZ_OK);
    assert_int_equal(f, 123450);
    assert_int_equal(hz_norm_money("1,234.50", false, &f, "amount", &e), HZ_EINVAL);
    assert_non_null(strstr(e.msg, "金额格式错误"));
    assert_int_equal(hz_norm_money("¥12.00", false, &f, "amount", &e), HZ_EINVAL);
    assert_int_equal(hz_norm_money("-1.00", false, &f, "amount", &e), HZ_EINVAL);
    assert_non_null(strstr(e.msg, "负数"));
}

static void test_search(void **state) {
    (void)state;
    char out[128];
    assert_true(hz_norm_search("022x", out, sizeof out));
    assert_string_equal(out, "022X");
    assert_true(hz_norm_search(WIDE_ID NBSP, out, sizeof out));
    assert_string_equal(out, ID);
    assert_false(hz_norm_search(" 阿依古丽•买 ", out, sizeof out));
    assert_string_equal(out, "阿依古丽·买");
    assert_false(hz_norm_search("", out, sizeof out));
    assert_string_equal(out, "");
    assert_false(hz_norm_search(ID "1", out, sizeof out)); /* longer than an ID: a name */
}

static void test_message_table(void **state) {
    (void)state;
    /* every message exists, starts with the field and has both languages */
    for (int id = 0; id < HZ_M_COUNT; id++) {
        const char *f = hz_msg_format((hz_msg)id);
        assert_true(strncmp(f, "%s: ", 4) == 0);
        assert_non_null(strchr(f, '('));
        assert_true((unsigned char)f[4] >= 0x80); /* Chinese first */
    }
    hz_errinfo e;
    assert_int_equal(hz_failm(&e, HZ_EINVAL, HZ_M_ID_LENGTH, "certno", (size_t)19), HZ_EINVAL);
    assert_string_equal(e.msg, "certno: 身份证号码应为18位 (must have 18 characters, got 19 characters)");
    assert_int_equal(hz_failm(NULL, HZ_EINVAL, HZ_M_EMPTY, NULL), HZ_EINVAL);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_id_folds),       cmocka_unit_test(test_id_refusals), cmocka_unit_test(test_credit_code),
        cmocka_unit_test(test_bank_card),      cmocka_unit_test(test_phone),       cmocka_unit_test(test_name_middle_dot),
        cmocka_unit_test(test_text),           cmocka_unit_test(test_icd_date_money), cmocka_unit_test(test_search),
        cmocka_unit_test(test_message_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
