/* The audit trail as a list (GET /audit/events, issue 16): who did what to
 * which object and when, paged, filtered, sorted and exported, for the
 * roles that verify the trail (audit.verify). */
#ifndef HZ_APP_AUDIT_LIST_H
#define HZ_APP_AUDIT_LIST_H

#include "app/lists.h"

#define HZ_AUDIT_SUMMARY_MAX 400

/* Every field optional (NULL or ""). l: from / to (Beijing days of the
 * event), sort (at, action, actor, object; default newest first), order,
 * q (a part of the object or of the detail); action: an action (claim.approve)
 * or a prefix of actions (claim); actor: a login; object: an object's key
 * as recorded (LP…, PB…, an ID number, or KIND:KEY); member: a member's ref
 * (the member's events whichever way they name the member); seq: one
 * event's number. A bad value: HZ_EINVAL naming the parameter. */
typedef struct {
    hz_list_query l;
    const char *action, *actor, *object, *member, *seq;
} hz_audit_query;

/* One event as the list shows it: its place in the chain (seq), its time
 * as stored (UTC), actor, action, object and a short summary of its detail;
 * ID numbers masked for the roles that see them masked. */
typedef struct {
    int64_t seq;
    char at[24], actor[64], action[64], object[128], summary[HZ_AUDIT_SUMMARY_MAX];
} hz_audit_event;
typedef hz_err (*hz_audit_event_fn)(void *ctx, const hz_audit_event *ev, hz_errinfo *e);

hz_err hz_app_audit_events(hz_app *app, const hz_audit_query *q, hz_page pg, hz_audit_event_fn fn, void *ctx,
                           int64_t *total, hz_errinfo *e);
/* Every event matching q as a table with Chinese titles, times in Beijing
 * time, into out (see hz_app_members_export). */
hz_err hz_app_audit_export(hz_app *app, const hz_audit_query *q, hz_report *out, hz_errinfo *e);

#endif
