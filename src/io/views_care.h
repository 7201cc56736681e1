/* JSON views of the care activities and the service cases, shared by the
 * CLI's --json and the HTTP API (conventions of io/views.h). mask: the ID
 * number masked and the name as 张*明, for roles that do not see identity. */
#ifndef HZ_VIEWS_CARE_H
#define HZ_VIEWS_CARE_H

#include "core/care.h"
#include "io/views.h"

/* An activity of a list: code, kind, name, org, org_name, from, to,
 * capacity (null: none), attendees, participants, items. */
json_t *hz_view_activity(const hz_activity *a);
/* A participation: code, kind, name, id_number, member_name, date, steps,
 * score (null when not given), extra (money). */
json_t *hz_view_activity_part(const hz_activity_part *p, bool mask);
/* Items received: code, name, item, count, date. */
json_t *hz_view_activity_dist(const hz_activity_dist *d);
/* A place of a ranking: id_number, name, value, rank. */
json_t *hz_view_rank_row(const hz_rank_row *r, bool mask);
/* case show (interfaces.md): no, status, assignee, outcome, recovered,
 * notes (an empty array: the caller appends), and id_number, name, kind,
 * summary, claimed, opened_at, opened_by, assigned_at, closed_at. */
json_t *hz_view_case(const hz_case *c, bool mask);
json_t *hz_view_case_note(const hz_case_note *n);

#endif
