/* JSON views of the joining module's objects (conventions of io/views.h),
 * shared by the CLI's --json and the HTTP API. */
#ifndef HZ_VIEWS_JOINING_H
#define HZ_VIEWS_JOINING_H

#include "core/joining.h"
#include "io/views.h"

/* An application: no, status, name, id_number, phone, occupation (code and
 * label), org, org_name, reason, member_ref, created_at, decided_at,
 * decided_by. mask: the ID number masked. */
json_t *hz_view_application(const hz_application *a, bool mask);
/* A sponsorship: no, org, org_name, plan, shares, months, from, to,
 * granted, not_eligible, premium, created_at, created_by. */
json_t *hz_view_sponsorship(const hz_sponsorship *s);

#endif
