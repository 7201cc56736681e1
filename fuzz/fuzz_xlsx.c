/* The XLSX reader (libzip + expat): bytes as a workbook, every row walked. */
#include <string.h>

#include "fuzz.h"
#include "io/xlsx.h"

static hz_err on_row(void *ctx, long row, char **fields, int n, hz_errinfo *e) {
    (void)row;
    (void)e;
    size_t *total = ctx;
    HZ_FUZZ_CHECK(n >= 0 && n <= HZ_XLSX_MAX_COLS);
    for (int i = 0; i < n; i++) {
        size_t len = strlen(fields[i]);
        HZ_FUZZ_CHECK(len <= HZ_XLSX_MAX_FIELD);
        *total += len;
    }
    return HZ_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    hz_xlsx *x = NULL;
    hz_errinfo e;
    if (hz_xlsx_open((const char *)data, size, &x, &e) != HZ_OK) return 0;
    size_t total = 0;
    hz_xlsx_each(x, on_row, &total, &e);
    hz_xlsx_free(x);
    return 0;
}
