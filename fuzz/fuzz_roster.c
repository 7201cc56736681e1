/* The roster reader: bytes as a CSV (UTF-8, BOM or GB18030) or XLSX file,
 * every row mapped and validated as the import's first pass does
 * (hz_roster_check). The first byte picks the declared encoding. */
#include <string.h>

#include "app/roster.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1) return 0;
    static const hz_encoding enc[3] = {HZ_ENC_AUTO, HZ_ENC_UTF8, HZ_ENC_GB18030};
    hz_encoding want = data[0] < 0x80 ? HZ_ENC_AUTO : enc[data[0] % 3]; /* text seeds start AUTO */
    if (data[0] >= 0x80) data++, size--;
    hz_table *t = NULL;
    hz_errinfo e;
    if (hz_table_open_mem((const char *)data, size, want, &t, &e) != HZ_OK) return 0;
    hz_roster_report rep;
    hz_date today = hz_fuzz_today();
    hz_roster_check(t, today, hz_date_add_days(today, 2), &rep, &e);
    HZ_FUZZ_CHECK(rep.n_listed <= rep.n_rejected);
    hz_roster_report_free(&rep);
    hz_table_free(t);
    return 0;
}
