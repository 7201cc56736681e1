/* The bank result file reader: bytes as the bank's CSV (or XLSX), the
 * header mapped and every row read as pay confirm reads it. */
#include <string.h>

#include "fuzz.h"
#include "io/bank.h"
#include "io/table.h"

typedef struct {
    hz_bank_result_cols cols;
    long ok, bad;
} bank_walk;

static hz_err on_row(void *ctx, long row, char **fields, int n, hz_errinfo *e) {
    bank_walk *w = ctx;
    if (row == 1) return hz_bank_result_header(fields, n, &w->cols, e);
    hz_bank_result res;
    const char *col = "";
    char why[256] = "";
    hz_bank_row_kind k = hz_bank_result_row(&w->cols, fields, n, &res, &col, why);
    if (k == HZ_BANK_ROW_BAD) {
        HZ_FUZZ_CHECK(*col && *why);
        w->bad++;
    } else if (k == HZ_BANK_ROW_OK) {
        HZ_FUZZ_CHECK(*res.v[HZ_BANK_REF] || *res.v[HZ_BANK_RESULT]);
        HZ_FUZZ_CHECK(strlen(res.v[HZ_BANK_SERIAL]) <= HZ_BANK_SERIAL_MAX);
        HZ_FUZZ_CHECK(!res.has_amount || res.amount >= 0);
        w->ok++;
    }
    return HZ_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    hz_table *t = NULL;
    hz_errinfo e;
    if (hz_table_open_mem((const char *)data, size, HZ_ENC_AUTO, &t, &e) != HZ_OK) return 0;
    bank_walk w;
    memset(&w, 0, sizeof w);
    hz_table_each(t, on_row, &w, &e);
    hz_table_free(t);
    return 0;
}
