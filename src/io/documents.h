/* The office's printed documents (issue 17) laid out on io/pdf.h: the
 * payout notice of a claim (理赔通知书), a member's coverage certificate
 * with its verification code, a unit's coverage list and a relief
 * programme's 公示 list. The use cases (app/documents.c) gather and mask
 * the data; these only lay it out. Every function writes a whole PDF to
 * out and fails as hz_pdf_write does. */
#ifndef HZ_IO_DOCUMENTS_H
#define HZ_IO_DOCUMENTS_H

#include <stdio.h>

#include "core/model.h"
#include "core/payout.h"
#include "core/relief.h"

#define HZ_DOC_STAYS_MAX 16
#define HZ_DOC_LINES_MAX 256
#define HZ_DOC_COVERAGES_MAX 64

/* One claim line as the notice shows it, with the cap of its benefit as
 * the ledger stands when printed. */
typedef struct {
    hz_claim_line_row line;
    char plan_name[128];
    bool has_cap;       /* the benefit has a cap or a sum per term */
    hz_fen cap, used;   /* used: paid on that cap in the line's term */
    hz_date start, end; /* the coverage's term */
} hz_doc_line;

typedef struct {
    char office[256];
    hz_claim claim;
    hz_member member; /* bank_card already masked */
    char id_masked[19];
    int n_stays;
    hz_settlement stays[HZ_DOC_STAYS_MAX];
    int n_lines;
    hz_doc_line lines[HZ_DOC_LINES_MAX];
    hz_payout payout;                /* what the journal did with the claim's money */
    hz_date received, complete, due; /* submitted, documents complete, complete + 7 */
    hz_date paid;                    /* HZ_DATE_NONE when not paid */
    int sla_days;                    /* -1 before documents are complete */
    hz_date printed;
} hz_doc_notice;
hz_err hz_doc_notice_pdf(FILE *out, const hz_doc_notice *d, hz_errinfo *e);

typedef struct {
    char plan[8], plan_name[128];
    int shares, months;
    hz_date start, end;
    hz_fen premium;
    char payer[16]; /* unit self org */
} hz_doc_coverage;

typedef struct {
    char office[256];
    char name[HZ_NAME_MAX], id_masked[19];
    char sex;
    char unit_name[HZ_NAME_MAX * 2];
    int n_coverages;
    hz_doc_coverage coverages[HZ_DOC_COVERAGES_MAX];
    char code[40]; /* the verification code, grouped "XXXX-XXXX-…" */
    hz_date issued;
} hz_doc_certificate;
hz_err hz_doc_certificate_pdf(FILE *out, const hz_doc_certificate *d, hz_errinfo *e);

/* One member of a unit's coverage list. */
typedef struct {
    char name[HZ_NAME_MAX], id_masked[19];
    char sex;
    char coverages[400]; /* "ZY 1份 2026-01-01至2026-12-31；…" */
} hz_doc_unit_row;

typedef struct {
    char office[256];
    hz_unit unit;
    char org_name[HZ_NAME_MAX * 2];
    size_t n_rows;
    hz_doc_unit_row *rows; /* owned by the caller */
    int64_t coverages;     /* in force, all members */
    hz_date printed;
} hz_doc_unit_list;
hz_err hz_doc_unit_list_pdf(FILE *out, const hz_doc_unit_list *d, hz_errinfo *e);

typedef struct {
    char grant_no[24], name[64], id_masked[19];
    hz_fen amount;
} hz_doc_publicity_row;

typedef struct {
    char office[256];
    hz_relief_program program;
    size_t n_rows;
    hz_doc_publicity_row *rows; /* owned by the caller */
    hz_date printed;
} hz_doc_publicity;
hz_err hz_doc_publicity_pdf(FILE *out, const hz_doc_publicity *d, hz_errinfo *e);

/* What the verification of a certificate's code shows anyone, no login:
 * the holder's name masked, the plans and terms in force on or after the
 * issue date, the issue date. */
typedef struct {
    char code[40];
    char name[64];
    hz_date issued;
    int n_coverages;
    hz_doc_coverage coverages[HZ_DOC_COVERAGES_MAX];
} hz_doc_verification;

#endif
