/* JSON views of domain objects, shared by the CLI's --json and the HTTP API
 * so both interfaces show the same fields. Money is a string with two
 * decimals; dates are YYYY-MM-DD. Every function returns a new reference. */
#ifndef HZ_VIEWS_H
#define HZ_VIEWS_H

#include <jansson.h>

#include "core/model.h"

json_t *hz_json_money(hz_fen v);
json_t *hz_json_date(hz_date d); /* null for HZ_DATE_NONE */
json_t *hz_json_opt_str(const char *s); /* null for NULL or "" */
json_t *hz_view_flag(const hz_flag *f);
json_t *hz_view_coverage(const hz_coverage *c);
/* mask: ID number and bank card masked for roles that do not need them */
json_t *hz_view_member(const hz_member *m, bool mask);
/* A pending bank-card change (cards as the app masked them) and the payables
 * it holds: {old_card, old_bank, new_card, new_bank, via, changed_by,
 * changed_at, held: [{payable_no, purpose, amount}], held_total_count};
 * null when nothing waits. */
json_t *hz_view_card_pending(const hz_card_pending *c);
json_t *hz_view_org_stats(const hz_org_stats *s);
/* [{"row":R,"column":"…","reason":"…"}] of an import report */
json_t *hz_view_row_errors(const hz_row_error *rows, int n);
/* claim show --json (interfaces.md): claim_no, status, member.id_number,
 * total, lines[] {plan, setl_id, amount, reason, explain}, documents,
 * documents_complete_at, paid_at, sla_days. */
json_t *hz_view_claim(const hz_claim *c, const hz_member *m, const hz_claim_line_row *lines, int n_lines,
                      int sla_days, const char *required_docs, bool overdue, bool mask);

#endif
