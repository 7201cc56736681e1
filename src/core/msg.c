/* The message table (see msg.h). Messages say what is wrong in the
 * caller's words and count characters, never bytes. */
#include "core/msg.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const table[HZ_M_COUNT] = {
    [HZ_M_EMPTY] = "%s: 不能为空 (must not be empty)",
    [HZ_M_NOT_UTF8] = "%s: 不是有效的 UTF-8 文本 (not valid UTF-8)",
    [HZ_M_TOO_LONG] = "%s: 过长, 最多 %zu 个字符 (too long: at most %zu characters)",
    [HZ_M_ID_LENGTH] = "%s: 身份证号码应为18位 (must have 18 characters, got %zu characters)",
    [HZ_M_ID_DIGIT] = "%s: 身份证号码前17位应为数字 (non-digit '%s' at position %zu)",
    [HZ_M_ID_CHECK_CHAR] = "%s: 身份证号码校验位应为数字或X (bad check character '%s')",
    [HZ_M_ID_CHECK] = "%s: 身份证号码校验位错误 (check digit should be %c)",
    [HZ_M_ID_REGION] = "%s: 身份证号码地区码不存在 (no region %s)",
    [HZ_M_ID_BIRTH] = "%s: 身份证号码出生日期无效 (no such birth date %s)",
    [HZ_M_ID_FUTURE] = "%s: 身份证号码出生日期在未来 (birth date %s is in the future)",
    [HZ_M_CREDIT_LENGTH] = "%s: 统一社会信用代码应为18位 (must have 18 characters, got %zu characters)",
    [HZ_M_CREDIT_CHAR] = "%s: 统一社会信用代码含非法字符 (bad character '%s' at position %zu)",
    [HZ_M_CREDIT_CHECK] = "%s: 统一社会信用代码校验位错误 (check character should be %c)",
    [HZ_M_CARD_LENGTH] = "%s: 银行卡号应为15至19位数字 (must have 15-19 digits, got %zu characters)",
    [HZ_M_CARD_DIGIT] = "%s: 银行卡号应为数字 (non-digit '%s' at position %zu)",
    [HZ_M_CARD_LUHN] = "%s: 银行卡号校验失败 (Luhn check failed)",
    [HZ_M_PHONE_LENGTH] = "%s: 手机号码应为11位 (must have 11 digits, got %zu characters)",
    [HZ_M_PHONE_DIGIT] = "%s: 手机号码应为数字 (non-digit '%s' at position %zu)",
    [HZ_M_PHONE_PREFIX] = "%s: 手机号码格式错误 (phone must be 1[3-9] followed by 9 digits)",
    [HZ_M_NAME_LENGTH] = "%s: 长度应为 %zu 至 %zu 个字符 (must have %zu..%zu characters, got %zu)",
    [HZ_M_NAME_CONTROL] = "%s: 含有不允许的字符 (contains a control or markup character)",
    [HZ_M_NAME_FORMULA] = "%s: 不能以 = + - @ 开头 (must not start with a formula character)",
    [HZ_M_NAME_BLANK] = "%s: 首尾不能有空格 (leading or trailing space)",
    [HZ_M_NAME_CHAR] = "%s: 姓名含有不允许的字符 '%s' (character not allowed in a name)",
    [HZ_M_NAME_DOT] = "%s: 间隔号 · 应在两个字之间 (the middle dot must stand alone between two characters)",
    [HZ_M_ICD] = "%s: 诊断编码格式错误 (not an ICD-10 code: '%s')",
    [HZ_M_DATE_FORMAT] = "%s: 日期格式应为 YYYY-MM-DD (expected YYYY-MM-DD: '%s')",
    [HZ_M_DATE_NONE] = "%s: 日期不存在 (no such date: '%s')",
    [HZ_M_MONEY_EMPTY] = "%s: 金额为空 (amount is empty)",
    [HZ_M_MONEY_NEGATIVE] = "%s: 金额不能为负数 (negative amount '%s')",
    [HZ_M_MONEY_FORMAT] = "%s: 金额格式错误 (not an amount: '%s')",
    [HZ_M_MONEY_RANGE] = "%s: 金额超出范围 (amount too large: '%s')",
    [HZ_M_MONEY_DECIMALS] = "%s: 金额最多两位小数 (more than two decimals: '%s')",
    [HZ_M_REQUIRED] = "%s: 必填 (required)",
};

const char *hz_msg_format(hz_msg id) {
    if ((unsigned)id < HZ_M_COUNT && table[id]) return table[id];
    return "%s: 无效 (invalid)";
}

hz_err hz_failm(hz_errinfo *e, hz_err code, hz_msg id, const char *field, ...) {
    if (!e) return code;
    const char *fmt = hz_msg_format(id);
    e->code = code;
    /* the field goes first; the remaining arguments follow it in the format */
    int n = snprintf(e->msg, sizeof e->msg, "%s", field ? field : "value");
    if (n < 0 || (size_t)n >= sizeof e->msg) return code;
    const char *rest = strstr(fmt, "%s");
    rest = rest ? rest + 2 : fmt;
    va_list ap;
    va_start(ap, field);
    vsnprintf(e->msg + n, sizeof e->msg - (size_t)n, rest, ap);
    va_end(ap);
    return code;
}
