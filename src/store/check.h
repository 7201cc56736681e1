/* The consistency queries behind `huzhu check` (app/check.h): each finds the
 * first row where two records of the same money disagree. */
#ifndef HZ_STORE_CHECK_H
#define HZ_STORE_CHECK_H

#include <stdint.h>

#include "core/model.h"
#include "store/db.h"

typedef struct {
    const char *name;   /* what agrees with what, e.g. "claim_line=transfer" */
    char object[64];    /* the first disagreeing object, e.g. "claim_line:12" */
    int64_t got, want;  /* the two figures (fen or counts) */
} hz_check_diff;

/* Runs the check-th query (0-based); *more is false past the last one. A
 * difference fills *d and sets *found. */
hz_err hz_store_check_run(hz_db *db, int check, bool *more, bool *found, hz_check_diff *d, hz_errinfo *e);

#endif
