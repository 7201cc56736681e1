/* `huzhu demo`: a believable Xi'an data set mirroring the seed page, built
 * through the same use cases as real work (rosters, enrollment, the feed,
 * claims, payments), deterministic for a seed. */
#ifndef HZ_APP_DEMO_H
#define HZ_APP_DEMO_H

#include "app/app.h"

#define HZ_DEMO_PASSWORD "huzhu-demo-2026"

typedef struct hz_demo_report {
    int64_t orgs, units, members, coverages, settlements, claims;
    int64_t lm_subsidies, relief_grants; /* the aid modules' */
    int64_t activities, cases;           /* the care and cases modules' */
} hz_demo_report;

/* Builds the data set into an initialised, empty database. Users: admin,
 * staff, reviewer, finance, cadre (新城区), unit (曲江建设), member (何女士),
 * all with HZ_DEMO_PASSWORD. tmpdir holds scratch files. Runs every
 * module's demo hook (app/module.h) in module-list order. */
hz_err hz_app_demo(hz_app *app, int members, uint64_t seed, const char *tmpdir, hz_demo_report *out, hz_errinfo *e);

/* The credit code of the demo's unit number i (0: 五环纺织 in 新城区, 1:
 * 曲江建设 in 雁塔区, 2: 中铁七局 in 莲湖区, …). */
void hz_demo_unit_code(int i, char out[19]);

/* One round at the bank: a batch of every payable due, and the bank's
 * result file, where fails(app, 业务编号, line index) says which come back
 * 失败 (户名与账号不符); serial prefixes the bank's serial numbers, which
 * must differ between rounds. No batch when nothing is due. */
hz_err hz_demo_bank_round(hz_app *app, const char *tmpdir, const char *serial,
                          bool (*fails)(hz_app *app, const char *ref, int k), hz_errinfo *e);

/* *present is true when the database already holds the demo data set
 * (the city federation XA exists). */
hz_err hz_app_demo_present(hz_app *app, bool *present, hz_errinfo *e);

#endif
