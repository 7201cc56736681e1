/* The settlement feed reader: bytes as a CSV or JSON Lines feed, every row
 * parsed into a settlement or refused naming its field. */
#include <string.h>

#include "fuzz.h"
#include "io/feed.h"

static hz_err on_row(void *ctx, long line, const hz_settlement *s, const char *bad_field, const char *bad_reason,
                     hz_errinfo *e) {
    (void)ctx;
    (void)e;
    HZ_FUZZ_CHECK(line >= 1);
    HZ_FUZZ_CHECK((bad_field == NULL) == (bad_reason == NULL));
    if (!bad_field) {
        /* a good row is whole: an ID, money in range, dates in order */
        HZ_FUZZ_CHECK(s->setl_id[0] && strlen(s->certno) == 18);
        HZ_FUZZ_CHECK(s->dscg_date == HZ_DATE_NONE || s->dscg_date >= s->adm_date);
        HZ_FUZZ_CHECK(s->refund || s->fund_pay_sumamt + s->psn_selfpay + s->psn_ownpay <= s->medfee_sumamt);
    }
    return HZ_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    hz_feed *f = NULL;
    hz_errinfo e;
    if (hz_feed_open_mem((const char *)data, size, &f, &e) != HZ_OK) return 0;
    hz_feed_each(f, hz_fuzz_today(), on_row, NULL, &e);
    hz_feed_free(f);
    return 0;
}
