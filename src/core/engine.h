/* The adjudication engine (plans.md): takes a member, their coverages with
 * ledgers and the stays / events of one claim, and returns one line per
 * (event x coverage whose term holds it), each with an amount, a reason code
 * and an explanation with the numbers filled in. Pure: no I/O, no clock,
 * deterministic; the caller persists lines and ledger deltas in one
 * transaction. */
#ifndef HZ_ENGINE_H
#define HZ_ENGINE_H

#include "core/engine_types.h"

/* Adjudicates events in admission-date order (stable for equal dates).
 * covs[].ledger is updated in place. Fails with HZ_EINVAL when more than
 * max_lines lines would be needed or an input is out of range. */
hz_err hz_engine_adjudicate(const hz_eng_member *m, hz_eng_coverage *covs, int n_covs, const hz_event *events,
                            int n_events, hz_claim_line *lines, int max_lines, int *n_lines, hz_errinfo *e);

/* The policy year of date d within a coverage starting at start. */
int hz_engine_period(hz_date start, hz_date d);

/* Finds (or adds, zeroed) the ledger entry of (period, component); NULL
 * when the coverage's ledger is full. */
hz_ledger_entry *hz_ledger_get(hz_eng_coverage *c, int period, const char *component);

#endif
