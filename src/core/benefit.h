/* The benefit formulas of plans.md, one per benefit kind, each writing an
 * amount, a reason and the formula with the numbers filled in. Internal to
 * the engine (engine.c). */
#ifndef HZ_BENEFIT_H
#define HZ_BENEFIT_H

#include "core/engine_types.h"

typedef struct {
    const hz_benefit *b;
    int shares;
    const hz_event *ev;
    const hz_eng_member *m;
    bool accident;
} hz_benefit_input;

/* Computes line l against ledger entry led and updates led. */
hz_err hz_benefit_pay(const hz_benefit_input *in, hz_ledger_entry *led, hz_claim_line *l, hz_errinfo *e);

#endif
