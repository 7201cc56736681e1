/* The joining module's demo data (app/module.h demo hook), shaped like the
 * seed's 镇安 county: its joint union for riders and couriers, a year of
 * online applications (approved, rejected, some still pending), a standing
 * XYT gift to everyone who joins it (the seed: 20,000 riders gifted a plan,
 * 453 new-form members in a year; scaled to the demo), and a courier
 * station's roster joining the same union. The year is replayed with the
 * clock set to each day, so members join, and coverage starts, on the days
 * the story says; the clock is put back afterwards. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/demo.h"
#include "app/joining.h"
#include "app/registry.h"
#include "app/roster.h"
#include "app/users.h"
#include "core/text.h"
#include "io/gen.h"

#define ZA_JOINT "SL-ZA-XYT"
#define PEOPLE_BASE 9000000ULL /* person numbers no other demo part uses */

static void set_clock(hz_app *app, hz_date d) {
    int y, m, dd;
    hz_date_to_ymd(d, &y, &m, &dd);
    app->today = d;
    snprintf(app->now, sizeof app->now, "%04d-%02d-%02dT02:%02d:00Z", y, m, dd, (int)(d % 60));
}

static const char *const occupations[] = {"外卖骑手", "快递员", "网约车司机", "货车司机", "外卖骑手"};

hz_err hz_joining_demo(hz_app *app, const hz_demo_opts *o, struct hz_demo_report *out, hz_errinfo *e);
hz_err hz_joining_demo(hz_app *app, const hz_demo_opts *o, struct hz_demo_report *out, hz_errinfo *e) {
    hz_date today = app->today;
    char now[sizeof app->now], actor[sizeof app->actor];
    hz_strlcpy(now, app->now, sizeof now);
    hz_strlcpy(actor, app->actor, sizeof actor);
    char path[512];
    snprintf(path, sizeof path, "%s/demo-joining.csv", o->tmpdir);
    hz_date start = today - 360;
    hz_err rc;
    /* the county's joint union and its cadre, a year ago */
    set_clock(app, start - 5);
    if ((rc = hz_app_org_add(app, ZA_JOINT, "镇安县新就业形态劳动者联合工会", "SL-ZA", "joint", "611025", NULL, e)))
        goto done;
    out->orgs++;
    if ((rc = hz_app_user_add(app, "zhenan", "cadre", "org:SL-ZA", HZ_DEMO_PASSWORD, e))) goto done;
    /* the standing gift: XYT for a year to everyone who joins in these two years */
    hz_sponsorship sp;
    hz_sponsorship_input si = {ZA_JOINT, "XYT", 12, start - 5, today + 365};
    if ((rc = hz_app_sponsorship_add(app, &si, &sp, e))) goto done;
    /* a year of applications, one every few days; the last few wait */
    int n = o->members / 12 > 24 ? o->members / 12 : 24;
    if (n > 400) n = 400;
    hz_rng r;
    hz_rng_seed(&r, o->seed * 131 + 17);
    for (int i = 0; i < n; i++) {
        hz_gen_person p;
        hz_gen_person_make(&r, PEOPLE_BASE + (uint64_t)i, o->seed, &p);
        hz_date day = start + (hz_date)(i * 355 / n);
        set_clock(app, day);
        hz_strlcpy(app->actor, "anonymous", sizeof app->actor);
        hz_application_input in = {p.name, p.id_number, p.phone, occupations[i % 5], ZA_JOINT};
        hz_application a;
        hz_errinfo one;
        rc = hz_app_application_submit(app, &in, &a, &one);
        hz_strlcpy(app->actor, actor, sizeof app->actor);
        if (rc == HZ_ECONFLICT) continue; /* a generated person twice: not a story */
        if (rc) {
            rc = hz_fail(e, rc, "%s", one.msg);
            goto done;
        }
        if (i >= n - 5) continue; /* recent: still in the queue */
        set_clock(app, day + 2);
        if (i % 8 == 3) {
            rc = hz_app_application_reject(app, a.no, "所在单位已建工会, 请通过单位工会入会", &a, e);
        } else {
            rc = hz_app_application_approve(app, a.no, NULL, &a, e);
            if (rc == HZ_OK) {
                out->members++;
                out->coverages++;
            }
        }
        if (rc) goto done;
    }
    /* a courier station joins with its roster half a year ago: the gift follows */
    set_clock(app, start + 180);
    char code[19];
    hz_demo_unit_code(40, code);
    if ((rc = hz_app_unit_add(app, code, "镇安县城区快递服务站", ZA_JOINT, NULL, e))) goto done;
    out->units++;
    FILE *f = fopen(path, "wb");
    if (!f) {
        rc = hz_fail(e, HZ_EINTERNAL, "无法写入 %s", path);
        goto done;
    }
    fputs("姓名,身份证号码,手机号码,人员类别,职业\n", f);
    for (int i = 0; i < 12; i++) {
        hz_gen_person p;
        hz_gen_person_make(&r, PEOPLE_BASE + 1000 + (uint64_t)i, o->seed, &p);
        fprintf(f, "%s,%s,%s,新业态,快递员\n", p.name, p.id_number, p.phone);
    }
    if (ferror(f) | fclose(f)) {
        rc = hz_fail(e, HZ_EINTERNAL, "写入失败 %s (write failed)", path);
        goto done;
    }
    hz_roster_input ri;
    memset(&ri, 0, sizeof ri);
    ri.path = path;
    ri.unit_code = code;
    ri.start = app->today;
    hz_roster_report rep;
    rc = hz_app_import_roster(app, &ri, &rep, e);
    out->members += rep.imported;
    out->coverages += rep.imported;
    hz_roster_report_free(&rep);
done:
    unlink(path);
    app->today = today;
    hz_strlcpy(app->now, now, sizeof app->now);
    hz_strlcpy(app->actor, actor, sizeof app->actor);
    return rc;
}
