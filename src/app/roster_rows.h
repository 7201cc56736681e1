/* Shared by the roster import's two files: roster_rows.c reads and
 * validates the file (pass 1), roster_import.c writes it (pass 2). Not a public
 * interface; roster_rows.c depends on nothing of roster_import.c. */
#ifndef HZ_APP_ROSTER_ROWS_H
#define HZ_APP_ROSTER_ROWS_H

#include <stdint.h>

#include "app/roster.h"
#include "core/flag.h"
#include "core/plan.h"
#include "store/registry.h"

enum { C_NAME, C_ID, C_PHONE, C_CATEGORY, C_MODEL_LEVEL, C_OCCUPATION, C_CARD, C_BANK, C_COUNT };


typedef struct {
    char code[HZ_PLAN_CODE_MAX];
    int shares;
    int64_t plan_id;
    const hz_plan *plan;
} roster_plan;

/* Open-addressing set of ID numbers -> first row seen (duplicates in file). */
typedef struct {
    size_t cap;
    struct slot {
        char id[19];
        long row;
    } *slots;
} id_set;

typedef struct {
    hz_app *app; /* NULL in hz_roster_check */
    hz_date today;
    const hz_roster_input *in;
    hz_roster_report *rep;
    hz_unit unit;
    roster_plan plans[HZ_ROSTER_MAX_PLANS];
    int n_plans;
    int col[C_COUNT]; /* field index of each known column, -1 absent */
    char title[C_COUNT][32]; /* each column as the file titles it, for messages */
    bool english;     /* the file's headers are English: absent columns too */
    long total;       /* data rows (pass 1 count) */
    id_set seen;
    id_set existing;  /* ID number -> member id, for members already stored */
    unsigned char *bad; /* per row: rejected in pass 1 */
    size_t bad_cap;
    char payer_kind[8], payer_ref[HZ_CODE_MAX];
    hz_date hardship_to;
    /* new members, written in bulk (COPY on PostgreSQL) */
    int n_batch;
    hz_member *batch;
    hz_flag (*batch_flags)[3];
    int *batch_n_flags;
    int64_t *ids;
    hz_coverage *covs;
    /* pass 1 keeps every valid row (duplicates excepted) compactly, and
     * pass 2 writes from here: the file is read and validated once */
    char *kept;
    size_t kept_len, kept_cap;
    size_t *kept_at; /* offset of each kept row, in file order */
    size_t n_kept, kept_at_cap;
    size_t n_existing; /* rows naming members already stored */
    bool fk_off; /* PostgreSQL: the batch's COPYs may skip the per-row FK triggers */
} roster_ctx;

/* A kept row: this head, then id_number, name, phone, bank_card,
 * bank_name and the flags (n_flags hz_flag), each string NUL-terminated. */
typedef struct {
    int32_t row;
    hz_date birth;
    char sex;
    uint8_t n_flags;
} kept_head;

#define ROSTER_BATCH 2000

/* A validated row, ready to write. */
typedef struct {
    hz_member m;
    hz_flag flags[3];
    int n_flags;
} roster_row;

/* Open addressing over ID numbers (a power-of-two cap): returns the row
 * already holding id, or 0 after inserting id with row. */
long hz_roster_id_put(id_set *s, const char *id, long row);
/* The row holding id in s, 0 when none (s may be empty). */
long hz_roster_id_get(const id_set *s, const char *id);
/* Rejects a data row: field is the stable key (id_number, plan, ...), the
 * report shows the file's own column title. */
void hz_roster_reject_row(roster_ctx *c, long row, const char *field, const char *reason);
/* hz_table_each callback of pass 1: maps the header (row 1), validates each
 * data row, rejects duplicates of the file, and keeps every valid row
 * compactly in c (when c->app is set: an import, not a check). */
hz_err hz_roster_pass1_row(void *vctx, long row, char **f, int n, hz_errinfo *e);
/* The kept row k back as pass 1 validated it; returns its row number. */
long hz_roster_kept_row(const roster_ctx *c, size_t k, roster_row *rr);

#endif
