/* src/io/report_out: a streamed report is byte for byte what the kept one
 * writes (JSON, CSV; XLSX opens as a workbook), for short tables (kept,
 * then written whole at the end), long ones (written as they come) and a
 * record with parts, and a long streamed table keeps at most its first
 * rows in memory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/report_out.h"

static const hz_report_col cols[] = {
    {"claim_no", "理赔编号", HZ_COL_TEXT},
    {"total", "合计", HZ_COL_MONEY},
    {"days", "已用天数", HZ_COL_INT},
    {"proactive", "免申即享", HZ_COL_BOOL},
};

/* Builds a table of n rows (plus a part when with_part) into r. */
static void build(hz_report *r, size_t n, bool with_part, size_t *max_kept) {
    hz_errinfo e;
    hz_report_head(r, "claims", "理赔明细", false, 4, cols);
    for (size_t i = 0; i < n; i++) {
        char no[32], total[32], days[16];
        snprintf(no, sizeof no, "LP%06zu,\"x\"", i); /* quotes and commas CSV must escape */
        snprintf(total, sizeof total, "%zu.%02zu", i * 7, i % 100);
        snprintf(days, sizeof days, "%zu", i % 9);
        const char *cells[] = {no, total, days, i % 2 ? "1" : "0"};
        assert_int_equal(hz_report_add_row(r, cells, &e), HZ_OK);
        if (max_kept && r->n_rows > *max_kept) *max_kept = r->n_rows;
    }
    if (with_part) {
        hz_report *part;
        assert_int_equal(hz_report_add_part(r, &part, &e), HZ_OK);
        static const hz_report_col pc[] = {{"plan", "计划", HZ_COL_TEXT}, {"count", "件数", HZ_COL_INT}};
        hz_report_head(part, "plans", "按计划", false, 2, pc);
        const char *c1[] = {"ZY", "3"};
        assert_int_equal(hz_report_add_row(part, c1, &e), HZ_OK);
    }
    /* a short report may be renamed after its rows (the dashboard's parts are) */
    snprintf(r->name, sizeof r->name, "%s", "claims");
}

static char *kept(size_t n, bool part, hz_report_format fmt, size_t *len) {
    hz_report r;
    memset(&r, 0, sizeof r);
    build(&r, n, part, NULL);
    char *buf = NULL;
    FILE *f = open_memstream(&buf, len);
    hz_errinfo e;
    assert_int_equal(hz_report_write(&r, fmt, f, NULL, &e), HZ_OK);
    fclose(f);
    hz_report_free(&r);
    return buf;
}

static char *streamed(size_t n, bool part, hz_report_format fmt, size_t *len, size_t *max_kept) {
    hz_report r;
    memset(&r, 0, sizeof r);
    char *buf = NULL;
    FILE *f = open_memstream(&buf, len);
    hz_errinfo e;
    assert_int_equal(hz_report_stream_begin(&r, fmt, f, NULL, &e), HZ_OK);
    build(&r, n, part, max_kept);
    assert_int_equal(hz_report_stream_end(&r, &e), HZ_OK);
    fclose(f);
    hz_report_free(&r);
    return buf;
}

static void same(size_t n, bool part, hz_report_format fmt) {
    size_t a_len, b_len, max_kept = 0;
    char *a = kept(n, part, fmt, &a_len), *b = streamed(n, part, fmt, &b_len, &max_kept);
    assert_int_equal(a_len, b_len);
    assert_memory_equal(a, b, a_len);
    assert_true(max_kept <= 256);
    free(a);
    free(b);
}

static void test_json(void **state) {
    (void)state;
    same(0, false, HZ_FMT_JSON);
    same(3, true, HZ_FMT_JSON);
    same(256, false, HZ_FMT_JSON);
    same(5000, true, HZ_FMT_JSON);
}

static void test_csv(void **state) {
    (void)state;
    same(0, false, HZ_FMT_CSV);
    same(3, true, HZ_FMT_CSV);
    same(257, false, HZ_FMT_CSV);
    same(5000, true, HZ_FMT_CSV);
}

static void test_record(void **state) {
    (void)state;
    static const hz_report_col rc[] = {{"complete", "材料齐全件数", HZ_COL_INT}, {"paid", "已支付件数", HZ_COL_INT}};
    hz_errinfo e;
    for (int s = 0; s < 2; s++) {
        hz_report r;
        memset(&r, 0, sizeof r);
        char *buf = NULL;
        size_t len;
        FILE *f = open_memstream(&buf, &len);
        if (s) assert_int_equal(hz_report_stream_begin(&r, HZ_FMT_JSON, f, NULL, &e), HZ_OK);
        hz_report_head(&r, "sla", "7日快速理赔", true, 2, rc);
        const char *cells[] = {"4", "3"};
        assert_int_equal(hz_report_add_row(&r, cells, &e), HZ_OK);
        assert_int_equal(s ? hz_report_stream_end(&r, &e) : hz_report_write(&r, HZ_FMT_JSON, f, NULL, &e), HZ_OK);
        fclose(f);
        assert_string_equal(buf, "{\"complete\":4,\"paid\":3,\"report\":\"sla\"}\n");
        free(buf);
        hz_report_free(&r);
    }
}

static void test_xlsx(void **state) {
    (void)state;
    char path[256];
    const char *dir = getenv("HZ_TEST_TMP") ? getenv("HZ_TEST_TMP") : "/tmp";
    mkdir(dir, 0755); /* run alone, no other test has made it yet */
    snprintf(path, sizeof path, "%s/stream-%d.xlsx", dir, (int)getpid());
    hz_report r;
    memset(&r, 0, sizeof r);
    hz_errinfo e;
    assert_int_equal(hz_report_stream_begin(&r, HZ_FMT_XLSX, NULL, path, &e), HZ_OK);
    build(&r, 3000, true, NULL);
    assert_int_equal(hz_report_stream_end(&r, &e), HZ_OK);
    hz_report_free(&r);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char magic[2];
    assert_int_equal(fread(magic, 1, 2, f), 2);
    fclose(f);
    assert_memory_equal(magic, "PK", 2);
    unlink(path);
    /* the table format cannot stream */
    memset(&r, 0, sizeof r);
    assert_int_equal(hz_report_stream_begin(&r, HZ_FMT_TABLE, stdout, NULL, &e), HZ_EUSAGE);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json),
        cmocka_unit_test(test_csv),
        cmocka_unit_test(test_record),
        cmocka_unit_test(test_xlsx),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
