/* Shared by the libFuzzer targets (fuzz_*.c) and the corpus replay driver
 * (replay.c): the entry point each target defines, and the one date every
 * target reads as "today", so a corpus file replays the same way any day. */
#ifndef HZ_FUZZ_H
#define HZ_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "core/date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static inline hz_date hz_fuzz_today(void) { return hz_date_from_ymd(2026, 11, 29); }

/* A finding that is not a crash by itself (a round trip that does not hold)
 * stops the run so libFuzzer keeps the input. */
#define HZ_FUZZ_CHECK(cond)                                                                                            \
    do {                                                                                                               \
        if (!(cond)) __builtin_trap();                                                                                 \
    } while (0)

#endif
