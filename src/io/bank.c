/* Bank files: the batch CSV we write and the rows of the result file the
 * bank sends back (read through io/table). */
#include "io/bank.h"

#include <stdio.h>
#include <string.h>

#include "core/money.h"

void hz_csv_field(FILE *f, const char *s) {
    if (!s) s = "";
    bool formula = strchr("=+-@\t\r", s[0]) && s[0];
    bool quote = formula || strpbrk(s, ",\"\r\n") != NULL;
    if (!quote) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    if (formula) fputc('\'', f);
    for (const char *p = s; *p; p++) {
        if (*p == '"') fputc('"', f);
        fputc(*p, f);
    }
    fputc('"', f);
}

void hz_bank_batch_header(FILE *f) { fputs("\xEF\xBB\xBF序号,收款人姓名,收款账号,开户行,金额,用途,业务编号\n", f); }

void hz_bank_batch_row(FILE *f, const hz_bank_row *r) {
    char amount[HZ_MONEY_BUF];
    fprintf(f, "%d,", r->seq);
    hz_csv_field(f, r->payee);
    fputc(',', f);
    hz_csv_field(f, r->card);
    fputc(',', f);
    hz_csv_field(f, r->bank);
    fputc(',', f);
    fputs(hz_money_format(r->amount, amount), f);
    fputc(',', f);
    hz_csv_field(f, r->purpose);
    fputc(',', f);
    hz_csv_field(f, r->ref);
    fputc('\n', f);
}

static const char *const result_heads[HZ_BANK_NCOLS] = {"业务编号", "结果", "失败原因", "银行流水号", "批次号", "金额"};

hz_err hz_bank_result_header(char **fields, int n, hz_bank_result_cols *cols, hz_errinfo *e) {
    for (int k = 0; k < HZ_BANK_NCOLS; k++) {
        cols->col[k] = -1;
        for (int i = 0; i < n; i++) {
            const char *h = fields[i];
            if (i == 0 && !strncmp(h, "\xEF\xBB\xBF", 3)) h += 3;
            if (!strcmp(h, result_heads[k])) cols->col[k] = i;
        }
    }
    if (cols->col[HZ_BANK_REF] < 0 || cols->col[HZ_BANK_RESULT] < 0)
        return hz_fail(e, HZ_EINVAL, "第1行: 缺少列 业务编号 或 结果 (row 1: missing columns)");
    return HZ_OK;
}

hz_bank_row_kind hz_bank_result_row(const hz_bank_result_cols *cols, char **fields, int n, hz_bank_result *out,
                                    const char **col, char why[256]) {
    memset(out, 0, sizeof *out);
    for (int k = 0; k < HZ_BANK_NCOLS; k++)
        out->v[k] = cols->col[k] >= 0 && cols->col[k] < n ? fields[cols->col[k]] : "";
    const char *const *v = out->v;
    if (!*v[HZ_BANK_REF] && !*v[HZ_BANK_RESULT]) return HZ_BANK_ROW_BLANK;
    out->paid = !strcmp(v[HZ_BANK_RESULT], "成功");
    if (!out->paid && strcmp(v[HZ_BANK_RESULT], "失败")) {
        *col = result_heads[HZ_BANK_RESULT];
        snprintf(why, 256, "应为 成功 或 失败 (result must be 成功 or 失败, got '%.40s')", v[HZ_BANK_RESULT]);
        return HZ_BANK_ROW_BAD;
    }
    if (strlen(v[HZ_BANK_SERIAL]) > HZ_BANK_SERIAL_MAX) {
        *col = result_heads[HZ_BANK_SERIAL];
        snprintf(why, 256, "流水号超过 %d 字节 (serial longer than %d bytes)", HZ_BANK_SERIAL_MAX, HZ_BANK_SERIAL_MAX);
        return HZ_BANK_ROW_BAD;
    }
    if (*v[HZ_BANK_AMOUNT]) {
        hz_errinfo me;
        if (hz_money_parse(v[HZ_BANK_AMOUNT], false, &out->amount, "金额", &me) != HZ_OK) {
            *col = result_heads[HZ_BANK_AMOUNT];
            snprintf(why, 256, "%s", me.msg);
            return HZ_BANK_ROW_BAD;
        }
        out->has_amount = true;
    }
    return HZ_BANK_ROW_OK;
}
