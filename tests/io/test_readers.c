/* src/io readers hardened by fuzzing (issue 14, R5): an XLSX cell reference
 * past int, a refused last row, the feed read once with every open checked,
 * JSON Lines with a BOM or a NUL byte, and the bank result rows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "io/bank.h"
#include "io/feed.h"
#include "io/table.h"
#include "io/xlsx.h"

/* A one-sheet workbook in memory holding rows (SpreadsheetML sheetData). */
static char *make_xlsx(const char *rows, size_t *len) {
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    assert_non_null(src);
    zip_source_keep(src);
    zip_t *z = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    assert_non_null(z);
    char sheet[4096];
    snprintf(sheet, sizeof sheet,
             "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
             "<sheetData>%s</sheetData></worksheet>",
             rows);
    zip_source_t *part = zip_source_buffer(z, strdup(sheet), strlen(sheet), 1);
    assert_true(zip_file_add(z, "xl/worksheets/sheet1.xml", part, ZIP_FL_OVERWRITE) >= 0);
    assert_int_equal(zip_close(z), 0);
    zip_stat_t st;
    assert_int_equal(zip_source_stat(src, &st), 0);
    char *out = malloc(st.size);
    assert_int_equal(zip_source_open(src), 0);
    assert_int_equal(zip_source_read(src, out, st.size), (zip_int64_t)st.size);
    zip_source_close(src);
    zip_source_free(src);
    zip_error_fini(&ze);
    *len = st.size;
    return out;
}

static hz_err count_rows(void *ctx, long row, char **fields, int n, hz_errinfo *e) {
    (void)row;
    (void)fields;
    (void)n;
    (void)e;
    ++*(int *)ctx;
    return HZ_OK;
}

static void test_xlsx_reference_past_int(void **state) {
    (void)state;
    size_t len;
    /* 26^12 columns: the column count used to overflow a signed int (UB) */
    char *data = make_xlsx("<row r=\"1\"><c r=\"ZZZZZZZZZZZZ1\"><v>1</v></c></row>", &len);
    hz_xlsx *x = NULL;
    hz_errinfo e;
    assert_int_equal(hz_xlsx_open(data, len, &x, &e), HZ_EINVAL);
    assert_non_null(strstr(e.msg, "64"));
    free(data);
    /* the last column a roster may use still reads */
    data = make_xlsx("<row r=\"1\"><c r=\"BL1\" t=\"inlineStr\"><is><t>x</t></is></c></row>", &len);
    assert_int_equal(hz_xlsx_open(data, len, &x, &e), HZ_OK);
    int rows = 0;
    assert_int_equal(hz_xlsx_each(x, count_rows, &rows, &e), HZ_OK);
    assert_int_equal(rows, 1);
    hz_xlsx_free(x);
    free(data);
}

static void test_xlsx_refused_last_row(void **state) {
    (void)state;
    size_t len;
    /* a row refused at its end used to be freed there and again at the end
     * of the sheet (a double free under ASan) */
    char *data = make_xlsx("<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"BZ1\"><v>2</v></c></row>", &len);
    hz_xlsx *x = NULL;
    hz_errinfo e;
    assert_int_equal(hz_xlsx_open(data, len, &x, &e), HZ_EINVAL);
    assert_non_null(strstr(e.msg, "第1行"));
    free(data);
}

static void test_xlsx_row_numbers(void **state) {
    (void)state;
    /* a row "-5" sent the roster's per-row bitmap growth into an endless
     * loop, "900000000" made it allocate a gigabyte: both hung the import */
    static const char *const bad[] = {
        "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"-5\"><c r=\"A1\"><v>1</v></c></row>",
        "<row r=\"900000000\"><c r=\"A1\"><v>1</v></c></row>",
        "<row r=\"2\"><c r=\"A2\"><v>1</v></c></row><row r=\"2\"><c r=\"A2\"><v>1</v></c></row>",
        "<row r=\"x\"><c r=\"A1\"><v>1</v></c></row>",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        size_t len;
        char *data = make_xlsx(bad[i], &len);
        hz_xlsx *x = NULL;
        hz_errinfo e;
        assert_int_equal(hz_xlsx_open(data, len, &x, &e), HZ_EINVAL);
        assert_non_null(strstr(e.msg, "row number"));
        free(data);
    }
    size_t len; /* gaps and rows without a number still read */
    char *data = make_xlsx("<row r=\"3\"><c><v>1</v></c></row><row><c><v>2</v></c></row><row r=\"1048576\"/>", &len);
    hz_xlsx *x = NULL;
    hz_errinfo e;
    assert_int_equal(hz_xlsx_open(data, len, &x, &e), HZ_OK);
    int rows = 0;
    assert_int_equal(hz_xlsx_each(x, count_rows, &rows, &e), HZ_OK);
    assert_int_equal(rows, 3);
    hz_xlsx_free(x);
    free(data);
}

static void test_feed_open_checked(void **state) {
    (void)state;
    hz_feed *f = NULL;
    hz_errinfo e;
    assert_int_equal(hz_feed_open("/nonexistent/feed.jsonl", &f, &e), HZ_ENOTFOUND);
    assert_non_null(strstr(e.msg, "/nonexistent/feed.jsonl"));
    /* a directory opens but cannot be read: refused, not read as empty */
    assert_int_equal(hz_feed_open("/", &f, &e), HZ_EINVAL);
}

static hz_err keep_setl(void *ctx, long line, const hz_settlement *s, const char *bad_field, const char *bad_reason,
                        hz_errinfo *e) {
    (void)line;
    (void)bad_reason;
    (void)e;
    if (!bad_field) snprintf(ctx, 32, "%s", s->setl_id);
    else snprintf(ctx, 32, "bad:%s", bad_field);
    return HZ_OK;
}

static void test_feed_jsonl_bom_and_nul(void **state) {
    (void)state;
    static const char row[] =
        "{\"setl_id\":\"S1\",\"certno\":\"610102198712010169\",\"med_type\":\"21\",\"adm_date\":\"2026-04-01\","
        "\"dscg_date\":\"2026-04-02\",\"medfee_sumamt\":100.00,\"fund_pay_sumamt\":\"50.00\",\"psn_selfpay\":\"50\"}\n";
    char text[512];
    snprintf(text, sizeof text, "\xEF\xBB\xBF%s", row);
    hz_feed *f = NULL;
    hz_errinfo e;
    assert_int_equal(hz_feed_open_mem(text, strlen(text), &f, &e), HZ_OK);
    assert_string_equal(hz_feed_format(f), "jsonl");
    assert_int_equal(strlen(hz_feed_digest(f)), 64);
    char got[32] = "";
    assert_int_equal(hz_feed_each(f, hz_date_from_ymd(2026, 11, 29), keep_setl, got, &e), HZ_OK);
    assert_string_equal(got, "S1"); /* the BOM no longer spoils line 1 */
    hz_feed_free(f);
    /* a NUL byte used to end the text there in silence */
    char nul[600];
    size_t n = (size_t)snprintf(nul, sizeof nul, "%s%s", row, row);
    nul[strlen(row) + 5] = '\0';
    assert_int_equal(hz_feed_open_mem(nul, n, &f, &e), HZ_EINVAL);
    assert_non_null(strstr(e.msg, "第2行"));
}

static void test_bank_result_rows(void **state) {
    (void)state;
    char *head[] = {"\xEF\xBB\xBF" "批次号", "业务编号", "结果", "金额", "银行流水号"};
    hz_bank_result_cols cols;
    hz_errinfo e;
    assert_int_equal(hz_bank_result_header(head, 5, &cols, &e), HZ_OK);
    char *missing[] = {"业务编号", "失败原因"};
    hz_bank_result_cols c2;
    assert_int_equal(hz_bank_result_header(missing, 2, &c2, &e), HZ_EINVAL);

    hz_bank_result r;
    const char *col = "";
    char why[256];
    char *paid[] = {"B1", "P1", "成功", "1234.50", "S1"};
    assert_int_equal(hz_bank_result_row(&cols, paid, 5, &r, &col, why), HZ_BANK_ROW_OK);
    assert_true(r.paid && r.has_amount);
    assert_int_equal(r.amount, 123450);
    assert_string_equal(r.v[HZ_BANK_SERIAL], "S1");
    char *blank[] = {"B1", "", ""};
    assert_int_equal(hz_bank_result_row(&cols, blank, 3, &r, &col, why), HZ_BANK_ROW_BLANK);
    char *maybe[] = {"B1", "P1", "也许"};
    assert_int_equal(hz_bank_result_row(&cols, maybe, 3, &r, &col, why), HZ_BANK_ROW_BAD);
    assert_string_equal(col, "结果");
    char serial[80];
    memset(serial, '9', sizeof serial - 1);
    serial[sizeof serial - 1] = '\0';
    char *long_serial[] = {"B1", "P1", "失败", "", serial};
    assert_int_equal(hz_bank_result_row(&cols, long_serial, 5, &r, &col, why), HZ_BANK_ROW_BAD);
    assert_string_equal(col, "银行流水号");
    char *bad_amount[] = {"B1", "P1", "成功", "1,000.00", "S2"};
    assert_int_equal(hz_bank_result_row(&cols, bad_amount, 5, &r, &col, why), HZ_BANK_ROW_BAD);
    assert_string_equal(col, "金额");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_xlsx_reference_past_int), cmocka_unit_test(test_xlsx_refused_last_row),
        cmocka_unit_test(test_xlsx_row_numbers),
        cmocka_unit_test(test_feed_open_checked),       cmocka_unit_test(test_feed_jsonl_bom_and_nul),
        cmocka_unit_test(test_bank_result_rows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
