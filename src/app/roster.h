/* Roster import (interfaces.md "Roster"): register and enroll a unit's
 * people from a CSV or XLSX file. All-or-nothing by default, every bad row
 * reported; one transaction; a re-import updates people, never duplicates. */
#ifndef HZ_APP_ROSTER_H
#define HZ_APP_ROSTER_H

#include "app/app.h"
#include "io/table.h"

#define HZ_ROSTER_MAX_PLANS 8

typedef struct {
    const char *path;
    const char *unit_code;
    const char *plans[HZ_ROSTER_MAX_PLANS]; /* "CODE[:SHARES]" */
    int n_plans;
    hz_date start;
    int months;        /* 0 = each plan's first term */
    const char *payer; /* NULL = unit */
    bool skip_invalid, dry_run;
    /* the caller has the database to itself (the CLI): hz_store_import_solo */
    bool solo;
    /* every new member through the one-by-one path (member, flags, enroll,
     * joined hooks, row by row) instead of the bulk writes: the reference
     * the bulk path is compared with (tests/cli/test_roster_bulk.sh) */
    bool row_by_row;
    hz_encoding encoding;
    /* progress: called now and then with rows done of total (may be NULL) */
    void (*progress)(void *ctx, long done, long total);
    void *progress_ctx;
} hz_roster_input;

typedef hz_row_error hz_roster_reject;

typedef struct {
    long rows, imported, updated, coverages;
    long n_rejected; /* may exceed the listed ones */
    int n_listed;
    hz_roster_reject *rejected; /* n_listed entries, owned */
    int n_warnings;
    char warnings[8][160];
    const char *format, *encoding;
    bool written; /* false for a refused import or a dry run */
} hz_roster_report;

/* Runs the import. Returns HZ_EINVAL when rows were rejected and the import
 * was refused (the report still lists them); HZ_OK otherwise. Free the
 * report with hz_roster_report_free. */
hz_err hz_app_import_roster(hz_app *app, const hz_roster_input *in, hz_roster_report *out, hz_errinfo *e);
/* Reads and validates every row of an open roster table as the import's
 * first pass does, with no plans and no database: out counts the rows and
 * lists the rejections (duplicates in the file included). Nothing is
 * written; free out with hz_roster_report_free. */
hz_err hz_roster_check(hz_table *t, hz_date today, hz_date start, hz_roster_report *out, hz_errinfo *e);
void hz_roster_report_free(hz_roster_report *r);

#endif
