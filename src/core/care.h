/* Care activities and service cases (spec/README.md modules 8 and 9;
 * interfaces.md "Aid, union work, documents and operations"): the types the
 * store, the use cases and the views share, and the pure rules: the kinds,
 * the check-up extra of a model worker, the ranking with shared places.
 * Amounts in fen. */
#ifndef HZ_CARE_H
#define HZ_CARE_H

#include <stddef.h>
#include <stdint.h>

#include "core/model.h"

/* The seed's check-up (中铁七局): 600 yuan more for every model worker. */
#define HZ_CARE_CHECKUP_EXTRA HZ_FEN(600)
#define HZ_CARE_STEPS_MAX 200000 /* one day's steps */
#define HZ_CARE_SCORE_MAX 100000 /* whole points */
#define HZ_CARE_CAPACITY_MAX 1000000

/* A care activity (关爱活动). */
typedef struct {
    int64_t id;
    char code[32];
    char kind[16]; /* lecture walk run cool welcome checkup screening contest interest training room */
    char name[128];
    int64_t org_id;
    char org_code[HZ_CODE_MAX], org_name[HZ_NAME_MAX * 2], org_path[HZ_PATH_MAX];
    hz_date from, to;
    int64_t capacity;     /* 0: none */
    int64_t attendees;    /* head count reported by the organiser (a lecture's audience), 0: none */
    int64_t participants; /* lists: members who joined */
    int64_t items;        /* lists: items handed out */
    char created_at[24], created_by[64];
} hz_activity;

/* One member's participation on one date. */
typedef struct {
    int64_t id, activity_id, member_id;
    char code[32], kind[16], name[128]; /* the activity's */
    char id_number[19], member_name[HZ_NAME_MAX];
    hz_date day;
    int64_t steps, score; /* -1: not given */
    hz_fen extra;         /* the check-up extra of a model worker */
} hz_activity_part;

/* Items handed out to a unit or a member. */
typedef struct {
    int64_t id, activity_id;
    char code[32], name[128]; /* the activity's */
    char unit_code[19], unit_name[HZ_NAME_MAX * 2];
    char id_number[19], member_name[HZ_NAME_MAX];
    char item[64];
    int64_t count;
    hz_date day;
} hz_activity_dist;

/* A place of a ranking: a member's total (walk: steps; run, contest: the
 * best score) and the place, shared by equal totals (1, 2, 2, 4). */
typedef struct {
    int64_t member_id;
    char id_number[19], name[HZ_NAME_MAX];
    int64_t value;
    int rank;
} hz_rank_row;

/* A service request or legal-aid case (服务与法律援助). */
typedef struct {
    int64_t id;
    char case_no[24];
    int64_t member_id;
    char id_number[19], name[HZ_NAME_MAX];
    char kind[12]; /* wage legal injury consult other */
    char summary[512];
    hz_fen claimed;  /* -1: not given */
    char status[12]; /* open assigned closed */
    char assignee[64];
    char outcome[12]; /* resolved mediated litigated withdrawn; "" while open */
    hz_fen recovered; /* recorded, not paid: the worker's own money */
    char opened_at[24], opened_by[64], assigned_at[24], closed_at[24], closed_by[64];
} hz_case;

typedef struct {
    char at[24], by[64];
    char text[1024];
} hz_case_note;

/* Is kind one of the activity kinds / case kinds / case outcomes? */
bool hz_care_kind_ok(const char *kind);
bool hz_case_kind_ok(const char *kind);
bool hz_case_outcome_ok(const char *outcome);
/* What a kind ranks by: "steps" (walk), "score" (run, contest), NULL. */
const char *hz_care_ranked_by(const char *kind);
/* The check-up extra of a member who is (or is not) a model worker on the
 * day; 0 for every other kind. */
hz_fen hz_care_extra(const char *kind, bool model_worker);

/* Places rows[0..n) sorted by value, highest first: equal values share a
 * place and the next place skips (standard competition ranking, 1 2 2 4).
 * This function can't fail. */
void hz_care_rank(hz_rank_row *rows, size_t n);

#endif
