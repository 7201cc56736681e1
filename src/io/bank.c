/* Bank batch CSV writing (results are read through io/table). */
#include "io/bank.h"

#include <string.h>

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
