/* JSON views of notices (notices module), for the CLI's --json and the API. */
#ifndef HZ_VIEWS_NOTICES_H
#define HZ_VIEWS_NOTICES_H

#include "core/notices.h"
#include "io/views.h"

/* no, kind, object, id_number, name, title, body, detail (the parsed
 * JSON), status, attempts, channel, last_error, created_at, sent_at.
 * mask: the ID number masked. member: the member's own view (no delivery
 * internals, no ID number). */
json_t *hz_view_notice(const hz_notice *n, bool mask, bool member);

#endif
