/* Care activities and service cases: the pure rules (core/care.h). */
#include "core/care.h"

#include <stdlib.h>
#include <string.h>

static bool one_of(const char *v, const char *const *list) {
    for (int i = 0; v && list[i]; i++)
        if (!strcmp(v, list[i])) return true;
    return false;
}

bool hz_care_kind_ok(const char *kind) {
    static const char *const kinds[] = {"lecture",   "walk",    "run",      "cool",     "welcome", "checkup",
                                        "screening", "contest", "interest", "training", "room",    NULL};
    return one_of(kind, kinds);
}

bool hz_case_kind_ok(const char *kind) {
    static const char *const kinds[] = {"wage", "legal", "injury", "consult", "other", NULL};
    return one_of(kind, kinds);
}

bool hz_case_outcome_ok(const char *outcome) {
    static const char *const outcomes[] = {"resolved", "mediated", "litigated", "withdrawn", NULL};
    return one_of(outcome, outcomes);
}

const char *hz_care_ranked_by(const char *kind) {
    if (kind && !strcmp(kind, "walk")) return "steps";
    if (kind && (!strcmp(kind, "run") || !strcmp(kind, "contest"))) return "score";
    return NULL;
}

hz_fen hz_care_extra(const char *kind, bool model_worker) {
    return kind && !strcmp(kind, "checkup") && model_worker ? HZ_CARE_CHECKUP_EXTRA : 0;
}

static int by_value_desc(const void *a, const void *b) {
    const hz_rank_row *x = a, *y = b;
    if (x->value != y->value) return x->value > y->value ? -1 : 1;
    /* equal values: a stable order for the reader (the ID number) */
    return strcmp(x->id_number, y->id_number);
}

void hz_care_rank(hz_rank_row *rows, size_t n) {
    if (n > 1) qsort(rows, n, sizeof *rows, by_value_desc);
    for (size_t i = 0; i < n; i++)
        rows[i].rank = i > 0 && rows[i].value == rows[i - 1].value ? rows[i - 1].rank : (int)i + 1;
}
