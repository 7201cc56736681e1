/* JSON views of notices (io/views_notices.h). */
#include "io/views_notices.h"

#include <string.h>
#include <time.h>

#include "core/idcard.h"

json_t *hz_view_notice(const hz_notice *n, bool mask, bool member) {
    json_t *detail = json_loads(n->detail, 0, NULL);
    json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:s}", "no", n->notice_no, "kind", n->kind, "object",
                          n->object, "title", n->title, "body", n->body, "detail", detail ? detail : json_null(),
                          "created_at", n->created_at);
    if (!o || member) return o;
    char idm[24];
    json_object_set_new(o, "id_number", json_string(mask ? hz_id_mask(n->id_number, idm) : n->id_number));
    json_object_set_new(o, "name", json_string(n->member_name));
    json_object_set_new(o, "status", json_string(n->status));
    json_object_set_new(o, "attempts", json_integer(n->attempts));
    json_object_set_new(o, "channel", n->channel[0] ? json_string(n->channel) : json_null());
    json_object_set_new(o, "last_error", n->last_error[0] ? json_string(n->last_error) : json_null());
    json_object_set_new(o, "sent_at", n->sent_at[0] ? json_string(n->sent_at) : json_null());
    /* a pending notice's next attempt (UTC), for the staff's outbox */
    json_t *next = json_null();
    if (!strcmp(n->status, "pending") && n->next_at_ms > 0) {
        time_t t = (time_t)(n->next_at_ms / 1000);
        struct tm tm;
        char b[24];
        if (gmtime_r(&t, &tm) && strftime(b, sizeof b, "%Y-%m-%dT%H:%M:%SZ", &tm)) next = json_string(b);
    }
    json_object_set_new(o, "next_at", next);
    return o;
}
