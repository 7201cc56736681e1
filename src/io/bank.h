/* Bank files (interfaces.md): the batch we send and the result the bank
 * returns. CSV, UTF-8 with BOM so Excel shows Chinese. */
#ifndef HZ_BANK_H
#define HZ_BANK_H

#include <stdio.h>

#include "core/model.h"

typedef struct {
    int seq;
    const char *payee, *card, *bank, *purpose, *ref; /* ref: 业务编号 (the claim number) */
    hz_fen amount;
} hz_bank_row;

/* Writes the header "序号,收款人姓名,收款账号,开户行,金额,用途,业务编号". */
void hz_bank_batch_header(FILE *f);
/* One row, fields quoted when needed; a leading = + - @ is neutralised
 * with a quote character so a spreadsheet never runs it as a formula. */
void hz_bank_batch_row(FILE *f, const hz_bank_row *r);

/* Writes one CSV field (RFC 4180 quoting, formula-safe). */
void hz_csv_field(FILE *f, const char *s);

#endif
