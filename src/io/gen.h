/* Synthetic, valid data for demos and benchmarks, deterministic per seed:
 * Xi'an members with real check digits, believable names, phones, bank
 * cards and a mix of categories and sexes. */
#ifndef HZ_GEN_H
#define HZ_GEN_H

#include <stdint.h>
#include <stdio.h>

#include "core/date.h"
#include "core/err.h"

typedef struct {
    uint64_t s;
} hz_rng;

void hz_rng_seed(hz_rng *r, uint64_t seed);
uint64_t hz_rng_next(hz_rng *r);
/* Uniform in [0, n). */
uint64_t hz_rng_below(hz_rng *r, uint64_t n);

/* One synthetic person: index i of the stream (IDs are unique for
 * i < 185,055,000). Buffers are filled NUL-terminated. */
typedef struct {
    char id_number[19], name[32], phone[12], category[16], model_level[8], occupation[16], bank_card[20], bank_name[64];
} hz_gen_person;
void hz_gen_person_make(hz_rng *r, uint64_t i, uint64_t seed, hz_gen_person *p);

/* Writes a roster CSV (UTF-8 with BOM, Chinese headers) of n people. */
hz_err hz_gen_roster(FILE *out, long n, uint64_t seed, hz_errinfo *e);

/* Writes n settlements (CSV, national field names) for people of a
 * roster file, inpatient stays admitted between 2026-04-01 and `today`,
 * deterministic per seed. */
hz_err hz_gen_settlements(const char *roster_path, const char *out_path, long n, uint64_t seed, hz_date today,
                          hz_errinfo *e);

#endif
