/* JSON views of the model-worker subsidy and relief objects, shared by the
 * CLI's --json and the HTTP API (conventions of io/views.h). */
#ifndef HZ_VIEWS_AID_H
#define HZ_VIEWS_AID_H

#include "core/lm.h"
#include "core/relief.h"
#include "io/views.h"

/* lm show --json (interfaces.md): no, id_number, setl_id, amount, reason,
 * explain, status, and the figures behind them. mask: ID number masked. */
json_t *hz_view_lm(const hz_lm_subsidy *s, bool mask);

/* relief grants: no, program, id_number, name, amount, status, burden,
 * student fields, items, decisions. mask: ID number masked, name as 张*明. */
json_t *hz_view_relief_grant(const hz_relief_grant *g, bool mask);

#endif
