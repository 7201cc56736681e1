/* Bank files (interfaces.md): the batch we send and the result the bank
 * returns. CSV, UTF-8 with BOM so Excel shows Chinese. */
#ifndef HZ_BANK_H
#define HZ_BANK_H

#include <stdbool.h>
#include <stdio.h>

#include "core/err.h"
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

/* The bank's result file, read through io/table: a header naming 业务编号
 * and 结果 (and optionally 失败原因, 银行流水号, 批次号, 金额, in any order),
 * then one row per payment. Only the reading is here; what a row means for
 * the money is app/payments.c's. */
enum { HZ_BANK_REF, HZ_BANK_RESULT, HZ_BANK_REASON, HZ_BANK_SERIAL, HZ_BANK_BATCH, HZ_BANK_AMOUNT, HZ_BANK_NCOLS };
#define HZ_BANK_SERIAL_MAX 63 /* bytes of a bank serial (银行流水号) */

typedef struct {
    int col[HZ_BANK_NCOLS]; /* -1: absent */
} hz_bank_result_cols;

typedef struct {
    const char *v[HZ_BANK_NCOLS]; /* the row's text, "" when absent; owned by the table */
    bool paid;                    /* 成功; false: 失败 */
    bool has_amount;
    hz_fen amount;
} hz_bank_result;

typedef enum { HZ_BANK_ROW_OK, HZ_BANK_ROW_BLANK, HZ_BANK_ROW_BAD } hz_bank_row_kind;

/* Maps the header row; HZ_EINVAL when 业务编号 or 结果 is missing. */
hz_err hz_bank_result_header(char **fields, int n, hz_bank_result_cols *cols, hz_errinfo *e);
/* Reads one data row into out. A row with neither 业务编号 nor 结果 is
 * BLANK (skipped); a bad one is BAD with *col naming the column and why the
 * reason. This function can't fail otherwise. */
hz_bank_row_kind hz_bank_result_row(const hz_bank_result_cols *cols, char **fields, int n, hz_bank_result *out,
                                    const char **col, char why[256]);

/* Writes one CSV field (RFC 4180 quoting, formula-safe). */
void hz_csv_field(FILE *f, const char *s);

#endif
