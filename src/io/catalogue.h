/* The plan catalogue as data: one JSON file per plan (catalogue/NAME.json).
 * Parsing is strict: an unknown key, a wrong type or an inconsistent value
 * is refused with the file, the key and the reason. */
#ifndef HZ_CATALOGUE_H
#define HZ_CATALOGUE_H

#include "core/plan.h"

typedef struct {
    char code[HZ_PLAN_CODE_MAX];
    char name[128];
    bool scheme;         /* LM: a scheme, not a coverage plan */
    hz_plan plan;        /* when !scheme */
    hz_lm_scheme lm;     /* when scheme */
    char *canonical;     /* sorted, compact JSON: what the store keeps; owned */
    char digest[65];     /* BLAKE2b-256 of canonical, hex */
} hz_catalogue_entry;

/* Parses one plan document. `source` names it in errors (a file name or
 * "plan ZY v2"). On success the caller frees out->canonical. */
hz_err hz_catalogue_parse(const char *json_text, const char *source, hz_catalogue_entry *out, hz_errinfo *e);

/* Reads every *.json of dir in name order. *out is an array the caller
 * frees with hz_catalogue_free. */
hz_err hz_catalogue_load_dir(const char *dir, hz_catalogue_entry **out, int *n, hz_errinfo *e);
void hz_catalogue_free(hz_catalogue_entry *entries, int n);

/* The catalogue directory shipped with the source tree, or $HUZHU_CATALOGUE. */
const char *hz_catalogue_default_dir(void);

#endif
