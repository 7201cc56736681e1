/* The demo data set (spec/README.md "The demo data set"). */
#include "app/demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/claims.h"
#include "app/enroll.h"
#include "app/lists.h"
#include "app/payments.h"
#include "app/module.h"
#include "app/registry.h"
#include "app/roster.h"
#include "app/settlements.h"
#include "app/users.h"
#include "core/idcard.h"
#include "io/gen.h"
#include "store/registry.h"
#include "core/text.h"

static const struct {
    const char *code, *name, *region;
} districts[] = {
    {"XA-XC", "新城区总工会", "610102"}, {"XA-BL", "碑林区总工会", "610103"}, {"XA-LH", "莲湖区总工会", "610104"},
    {"XA-BQ", "灞桥区总工会", "610111"}, {"XA-WY", "未央区总工会", "610112"}, {"XA-YT", "雁塔区总工会", "610113"},
    {"XA-YL", "阎良区总工会", "610114"}, {"XA-LT", "临潼区总工会", "610115"}, {"XA-CA", "长安区总工会", "610116"},
    {"XA-GL", "高陵区总工会", "610117"}, {"XA-HY", "鄠邑区总工会", "610118"}, {"XA-LTX", "蓝田县总工会", "610122"},
    {"XA-ZZ", "周至县总工会", "610124"},
};

/* The units of the seed page, with the district that hosts them and their
 * members at the default 3,000 (曲江建设 has 1,436 in the seed: 1,432 on
 * its roster and the four the aid demo names), scaled to the requested
 * count; the last five give every district members. */
#define DEMO_BASE 3000
static const struct {
    const char *name, *org;
    int members;
} units[] = {
    {"五环(集团)纺织", "XA-XC", 120},           {"西安曲江建设集团有限公司", "XA-YT", 1432},
    {"中铁七局西安公司", "XA-LH", 220},         {"陕煤运销集团建宏公司", "XA-WY", 150},
    {"大唐石泉水电厂", "XA-CA", 80},            {"陕煤集团韩城矿业下峪口矿", "XA-BQ", 150},
    {"陕西佰泰保安有限公司", "XA-BL", 70},      {"镇安县圆通物业", "SL-ZA", 30},
    {"鑫园物业", "XA-GL", 40},                  {"西安城市公交集团", "XA-LH", 180},
    {"西安地铁运营分公司", "XA-WY", 120},       {"西安市交警支队后勤中心", "XA-YT", 60},
    {"阎良航空零部件制造有限公司", "XA-YL", 50}, {"临潼文旅发展有限公司", "XA-LT", 40},
    {"鄠邑区草堂物流有限公司", "XA-HY", 30},    {"蓝田县玉器工艺厂", "XA-LTX", 30},
    {"周至县猕猴桃专业合作社", "XA-ZZ", 24},
};

void hz_demo_unit_code(int i, char out[19]) {
    snprintf(out, 19, "91610100MA6U%05d", 10000 + i * 37);
    out[17] = hz_credit_check_char(out);
    out[18] = '\0';
}

hz_err hz_demo_bank_round(hz_app *app, const char *tmpdir, const char *serial,
                          bool (*fails)(hz_app *app, const char *ref, int k), hz_errinfo *e) {
    char bank[512], result[512];
    snprintf(bank, sizeof bank, "%s/demo-bank.csv", tmpdir);
    snprintf(result, sizeof result, "%s/demo-result.csv", tmpdir);
    hz_batch_report br;
    hz_err rc = hz_app_pay_batch(app, bank, false, &br, e);
    if (rc || !br.count) goto done;
    FILE *f = fopen(result, "wb");
    FILE *in = fopen(bank, "rb");
    if (f && in) {
        fputs("业务编号,结果,失败原因,银行流水号\n", f);
        char line[1024];
        int k = 0;
        if (fgets(line, sizeof line, in)) {} /* header */
        while (fgets(line, sizeof line, in)) {
            char *ref = strrchr(line, ',');
            if (!ref) continue;
            ref++;
            ref[strcspn(ref, "\r\n")] = '\0';
            if (fails(app, ref, k++)) fprintf(f, "%s,失败,户名与账号不符,\n", ref);
            else fprintf(f, "%s,成功,,%s%06d\n", ref, serial, k);
        }
    }
    /* a result file cut short would answer only part of the batch */
    bool written = f && in && !ferror(in) && !ferror(f);
    if (f && fclose(f) != 0) written = false;
    if (in) fclose(in);
    if (!written) {
        rc = hz_fail(e, HZ_EINTERNAL, "无法写入 %s (cannot write the demo's bank result)", result);
        goto done;
    }
    hz_confirm_report cr;
    rc = hz_app_pay_confirm(app, result, br.batch_no, &cr, e);
    hz_confirm_report_free(&cr);
done:
    unlink(bank);
    unlink(result);
    return rc;
}

/* the core's round: the bank returns one payment in nine */
static bool one_in_nine(hz_app *app, const char *ref, int k) {
    (void)app;
    (void)ref;
    return k % 9 == 4;
}

static hz_err first_claim(void *ctx, const hz_claim_row *c, hz_errinfo *e) {
    (void)e;
    snprintf(ctx, 24, "%s", c->claim_no);
    return HZ_OK;
}

#define TRY(x)                                                                                                        \
    do {                                                                                                              \
        if ((rc = (x))) goto done;                                                                                    \
    } while (0)

static hz_err write_roster(const char *path, int n, uint64_t seed, uint64_t offset, hz_errinfo *e) {
    FILE *f = fopen(path, "wb");
    if (!f) return hz_fail(e, HZ_EINTERNAL, "无法写入 %s", path);
    hz_rng r;
    hz_rng_seed(&r, seed + offset);
    fputs("姓名,身份证号码,手机号码,人员类别,劳模级别,职业,银行卡号,开户行\n", f);
    for (int i = 0; i < n; i++) {
        hz_gen_person p;
        hz_gen_person_make(&r, offset + (uint64_t)i, seed, &p);
        fprintf(f, "%s,%s,%s,%s,%s,%s,%s,%s\n", p.name, p.id_number, p.phone, p.category, p.model_level, p.occupation,
                p.bank_card, p.bank_name);
    }
    return ferror(f) | fclose(f) ? hz_fail(e, HZ_EINTERNAL, "写入失败 %s (write failed)", path) : HZ_OK;
}

/* The demo clock: the use cases stamp app->now and read app->today, so
 * the demo walks through its past by setting both (10:00 in Xi'an); every
 * movement is still a use case and a journal posting. hz_app_tick puts the
 * real clock back. */
static void demo_clock(hz_app *app, hz_date d, int hour_utc) {
    char b[HZ_DATE_BUF];
    app->today = d;
    snprintf(app->now, sizeof app->now, "%sT%02d:00:00Z", hz_date_format(d, b), hour_utc);
}

static bool never_fails(hz_app *app, const char *ref, int k) {
    (void)app;
    (void)ref;
    (void)k;
    return false;
}

/* The claim numbers of claims in one status, at most HZ_DEMO_PICK. */
#define HZ_DEMO_PICK 64
typedef struct {
    int n;
    char no[HZ_DEMO_PICK][24];
} claim_pick;

static hz_err pick_claim(void *ctx, const hz_claim_row *c, hz_errinfo *e) {
    (void)e;
    claim_pick *p = ctx;
    if (p->n < HZ_DEMO_PICK) snprintf(p->no[p->n++], 24, "%s", c->claim_no);
    return HZ_OK;
}

/* Writes the rows of feed `all` discharged in month ym (YYYY-MM) to `out`
 * (the header first); *rows counts them. */
static hz_err month_feed(const char *all, const char *out, const char *ym, int *rows, hz_errinfo *e) {
    FILE *in = fopen(all, "rb"), *f = fopen(out, "wb");
    *rows = 0;
    bool ok = in && f;
    char line[1024];
    for (int k = 0; ok && fgets(line, sizeof line, in); k++) {
        /* dscg_date is the tenth field; the demo's feed quotes nothing */
        const char *p = line;
        for (int c = 0; c < 9 && p; c++) p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL;
        if (k == 0 || (p && !strncmp(p, ym, 7))) {
            fputs(line, f);
            if (k) (*rows)++;
        }
    }
    if (in) ok = !ferror(in) && ok, fclose(in);
    if (f && fclose(f) != 0) ok = false;
    return ok ? HZ_OK : hz_fail(e, HZ_EINTERNAL, "无法写入 %s (cannot write the demo's feed)", out);
}

/* One month of the settlement feed, processed as an office would: the feed
 * of month ym arrives on day d; the proactive claims are complete that day;
 * the bank pays the approved ones three days later (nine before a
 * holiday); the reviewer approves
 * half of the larger claims the next day and the rest after a week (those
 * are paid late, past day 7). Steps that would fall after today wait. */
static hz_err demo_month(hz_app *app, const hz_demo_opts *o, const char *all, const char *feed, const char *ym,
                         hz_date d, hz_date today, hz_demo_report *out, int *round, bool *rejected,
                         hz_errinfo *e) {
    int rows;
    hz_err rc = month_feed(all, feed, ym, &rows, e);
    if (rc || !rows) return rc;
    demo_clock(app, d, 2);
    hz_feed_report fr;
    rc = hz_app_import_settlements(app, feed, true, &fr, e);
    out->settlements += fr.added;
    hz_feed_report_free(&fr);
    int64_t created = 0;
    if (!rc) rc = hz_app_claims_proactive(app, hz_date_from_ymd(1900, 1, 1), NULL, NULL, &created, e);
    out->claims += created;
    /* the feeds of January and September arrive before the Spring Festival
     * and National Day holidays: their bank batch waits nine days */
    int wait = !strcmp(ym + 4, "-01") || !strcmp(ym + 4, "-09") ? 9 : 3;
    if (rc || d + wait > today) return rc;
    char serial[16];
    demo_clock(app, d + wait, 2);
    snprintf(serial, sizeof serial, "YH%03d", (*round)++);
    if ((rc = hz_demo_bank_round(app, o->tmpdir, serial, never_fails, e))) return rc;
    claim_pick p = {0};
    if ((rc = hz_app_claims_page(app, "adjudicated", NULL, NULL, (hz_page){1, HZ_DEMO_PICK}, pick_claim, &p,
                                 &(int64_t){0}, e)))
        return rc;
    hz_claim_view *v = malloc(sizeof *v);
    if (!v) return hz_fail(e, HZ_EINTERNAL, "内存不足");
    /* the first claim the reviewer sees does not hold together */
    int skip = -1;
    if (!*rejected && p.n && d + 4 <= today) {
        demo_clock(app, d + 4, 3);
        rc = hz_app_claim_reject(app, p.no[0], "出院诊断与住院病历不一致, 请补正后重新申请", v, e);
        *rejected = true;
        skip = 0;
    }
    for (int late = 0; late < 2 && !rc; late++) {
        hz_date at = d + (late ? 8 : 4);
        if (at + 2 > today) break;
        demo_clock(app, at, 3);
        for (int i = late; i < p.n && !rc; i += 2)
            if (i != skip) rc = hz_app_claim_approve(app, p.no[i], v, e);
        demo_clock(app, at + 2, 2);
        snprintf(serial, sizeof serial, "YH%03d", (*round)++);
        if (!rc) rc = hz_demo_bank_round(app, o->tmpdir, serial, never_fails, e);
    }
    free(v);
    return rc;
}

/* The core module's demo: the seed's city, through registry, enrollment,
 * the feed, claims and payments (these modules predate the module shape and
 * share one data story), told in the order it happened on the demo clock. */
static hz_err demo_core(hz_app *app, const hz_demo_opts *o, hz_demo_report *out, hz_errinfo *e) {
    int members = o->members;
    uint64_t seed = o->seed;
    const char *tmpdir = o->tmpdir;
    hz_err rc = HZ_OK;
    char path[512], feed[512], all[512];
    snprintf(path, sizeof path, "%s/demo-roster.csv", tmpdir);
    snprintf(feed, sizeof feed, "%s/demo-feed.csv", tmpdir);
    snprintf(all, sizeof all, "%s/demo-feed-all.csv", tmpdir);
    hz_date today = app->today;
    int ty, tm, td;
    hz_date_to_ymd(today, &ty, &tm, &td);
    hz_date d2025 = hz_date_from_ymd(ty - 1, 1, 1);
    /* organisations: the city federation, 13 districts and counties, 商洛 / 镇安 */
    demo_clock(app, hz_date_from_ymd(2018, 12, 20), 2);
    TRY(hz_app_org_add(app, "XA", "西安市总工会", NULL, "federation", "610100", NULL, e));
    for (size_t i = 0; i < sizeof districts / sizeof districts[0]; i++)
        TRY(hz_app_org_add(app, districts[i].code, districts[i].name, "XA", "district", districts[i].region, NULL, e));
    TRY(hz_app_org_add(app, "SL", "商洛市总工会", NULL, "federation", "611000", NULL, e));
    TRY(hz_app_org_add(app, "SL-ZA", "镇安县总工会", "SL", "district", "611025", NULL, e));
    TRY(hz_app_org_add(app, "XA-XYT", "西安市新就业形态劳动者联合工会", "XA", "joint", "610100", NULL, e));
    out->orgs = 17;
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        char code[19];
        hz_demo_unit_code((int)i, code);
        TRY(hz_app_unit_add(app, code, units[i].name, units[i].org, NULL, e));
        out->units++;
    }
    /* the seed's textile worker: ZY + ZJ + NG since 2019, the 27,101 yuan case */
    char wuhuan[19];
    hz_demo_unit_code(0, wuhuan);
    char heid[19];
    snprintf(heid, sizeof heid, "61010219750308002");
    heid[17] = hz_id_check_char(heid);
    heid[18] = '\0';
    hz_member_input he = {heid, "何秀英", "13991234567", wuhuan, NULL, "6217000000000000004", "中国工商银行西安分行",
                          {NULL}, 0};
    TRY(hz_app_member_add(app, &he, NULL, e));
    out->members++;
    static const char *const plans[] = {"ZY", "ZJ", "NG"};
    for (int y = 2019; y <= ty; y++)
        for (int k = 0; k < 3; k++) {
            hz_enroll_input ei = {heid, plans[k], 1, hz_date_from_ymd(y, 1, 1), 12, "unit"};
            TRY(hz_app_enroll(app, &ei, NULL, e));
            out->coverages++;
        }
    /* her two stays in 2019, claimed with complete documents and paid four
     * days later: the seed's "仅仅7天时间" */
    demo_clock(app, hz_date_from_ymd(2019, 7, 15), 2);
    FILE *f = fopen(feed, "wb");
    if (!f) {
        rc = hz_fail(e, HZ_EINTERNAL, "无法写入 %s", feed);
        goto done;
    }
    fprintf(f, "setl_id,certno,psn_name,gend,fixmedins_code,fixmedins_name,hosp_lv,med_type,adm_date,dscg_date,"
               "main_diag_code,diag_codes,medfee_sumamt,fund_pay_sumamt,psn_selfpay,psn_ownpay,refd_setl_flag,setl_time\n"
               "XJ2019050601,%s,何秀英,2,H61010001,西京医院,3,21,2019-05-06,2019-05-20,C54.1,,80000.00,52000.00,24350.00,"
               "3650.00,0,2019-05-20 16:00:00\n"
               "XJ2019070102,%s,何秀英,2,H61010001,西京医院,3,21,2019-07-01,2019-07-12,C54.1,Z51.1,40000.00,24000.00,"
               "13105.00,2895.00,0,2019-07-12 10:00:00\n",
            heid, heid);
    if (ferror(f) | fclose(f)) {
        rc = hz_fail(e, HZ_EINTERNAL, "写入失败 %s (write failed)", feed);
        goto done;
    }
    hz_feed_report fr;
    rc = hz_app_import_settlements(app, feed, false, &fr, e);
    hz_feed_report_free(&fr);
    if (rc) goto done;
    hz_claim_input ci;
    memset(&ci, 0, sizeof ci);
    ci.id_number = heid;
    ci.setl_ids[0] = "XJ2019050601";
    ci.setl_ids[1] = "XJ2019070102";
    ci.n_setl = 2;
    ci.date = HZ_DATE_NONE;
    ci.documents_complete = true;
    hz_claim_view *v = malloc(sizeof *v);
    if (!v) {
        rc = hz_fail(e, HZ_EINTERNAL, "内存不足");
        goto done;
    }
    rc = hz_app_claim_submit(app, &ci, v, e);
    char he_claim[24];
    snprintf(he_claim, sizeof he_claim, "%s", v->claim.claim_no);
    demo_clock(app, hz_date_from_ymd(2019, 7, 17), 6);
    if (rc == HZ_OK) rc = hz_app_claim_approve(app, he_claim, v, e);
    free(v);
    if (rc) goto done;
    out->claims++;
    out->settlements += 2;
    demo_clock(app, hz_date_from_ymd(2019, 7, 19), 2);
    TRY(hz_demo_bank_round(app, tmpdir, "YH2019", never_fails, e));
    /* the units' rosters from last January (ZY + ZJ, the unit pays), scaled
     * to the requested member count */
    demo_clock(app, d2025 - 12, 2);
    uint64_t offset = 0;
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        char code[19];
        hz_demo_unit_code((int)i, code);
        int n = units[i].members * members / DEMO_BASE;
        if (n < 5) n = 5;
        TRY(write_roster(path, n, seed, offset, e));
        offset += (uint64_t)n;
        hz_roster_input in;
        memset(&in, 0, sizeof in);
        in.path = path;
        in.unit_code = code;
        in.plans[0] = "ZY";
        in.plans[1] = "ZJ";
        in.n_plans = 2;
        in.start = d2025;
        hz_roster_report rep;
        rc = hz_app_import_roster(app, &in, &rep, e);
        out->members += rep.imported;
        out->coverages += rep.coverages;
        hz_roster_report_free(&rep);
        if (rc) goto done;
    }
    /* new-form workers: individual members of the joint union, gifted XYT */
    hz_rng r;
    hz_rng_seed(&r, seed * 31 + 7);
    int riders = members / 10 > 20 ? members / 10 : 20;
    static const char *const jobs[] = {"newform:delivery", "newform:courier", "newform:ridehail", "newform:truck"};
    for (int i = 0; i < riders; i++) {
        hz_gen_person p;
        hz_gen_person_make(&r, offset + (uint64_t)i, seed, &p);
        hz_member_input in = {p.id_number, p.name, p.phone, NULL, "XA-XYT", p.bank_card, p.bank_name,
                              {jobs[i % 4]}, 1};
        hz_errinfo one;
        if (hz_app_member_add(app, &in, NULL, &one) == HZ_OK) out->members++;
    }
    hz_bulk_report sp;
    TRY(hz_app_enroll_sponsored(app, "XA", "newform", "XYT", d2025, 36, &sp, e));
    out->coverages += sp.enrolled;
    /* the city federation gives every woman member the women's plan (NG) */
    TRY(hz_app_enroll_sponsored(app, "XA", NULL, "NG", d2025, 12, &sp, e));
    out->coverages += sp.enrolled;
    TRY(hz_app_enroll_sponsored(app, "SL", NULL, "NG", d2025, 12, &sp, e));
    out->coverages += sp.enrolled;
    /* the stays of members and riders from last January on, month by
     * month as the 医保 feed brings them; the units renew in December */
    TRY(write_roster(path, (int)offset + riders, seed, 0, e));
    int n_setl = members / 28 > 30 ? members / 28 : 30; /* at least a dozen in this year */
    TRY(hz_gen_settlements(path, all, n_setl, seed, today, e));
    int round = 0;
    bool rejected = false;
    for (int y = ty - 1, m = 1; y < ty || (y == ty && m <= tm); m = m == 12 ? 1 : m + 1, y += m == 1) {
        if (y == ty - 1 && m == 12) {
            demo_clock(app, hz_date_from_ymd(y, 12, 10), 2);
            for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
                char code[19];
                hz_demo_unit_code((int)i, code);
                hz_bulk_report br;
                TRY(hz_app_renew_unit(app, code, hz_date_from_ymd(y, 12, 1), hz_date_from_ymd(y, 12, 31), &br, e));
                out->coverages += br.enrolled;
            }
            /* and the federations' NG for the women who are in no unit */
            TRY(hz_app_enroll_sponsored(app, "XA", NULL, "NG", hz_date_from_ymd(ty, 1, 1), 12, &sp, e));
            out->coverages += sp.enrolled;
        }
        char ym[8];
        snprintf(ym, sizeof ym, "%04d-%02d", y, m);
        hz_date arrives = (m == 12 ? hz_date_from_ymd(y + 1, 1, 5) : hz_date_from_ymd(y, m + 1, 5));
        if (arrives > today) arrives = today;
        TRY(demo_month(app, o, all, feed, ym, arrives, today, out, &round, &rejected, e));
    }
    demo_clock(app, today, 3);
    /* a claim the reviewer rejects (if none was yet), and one still waiting
     * for documents */
    hz_claim_view *cv = malloc(sizeof *cv);
    if (!cv) {
        rc = hz_fail(e, HZ_EINTERNAL, "内存不足");
        goto done;
    }
    char first[24] = "";
    if (!rejected &&
        hz_app_claims_page(app, "adjudicated", NULL, NULL, (hz_page){1, 1}, first_claim, first, &(int64_t){0}, e) == HZ_OK &&
        first[0])
        rc = hz_app_claim_reject(app, first, "出院诊断与住院病历不一致, 请补正后重新申请", cv, e);
    if (rc == HZ_OK) {
        hz_gen_person p;
        hz_rng_seed(&r, seed + 99);
        hz_gen_person_make(&r, 0, seed, &p); /* the first roster member */
        hz_claim_input dx;
        memset(&dx, 0, sizeof dx);
        dx.id_number = p.id_number;
        dx.diagnosis = "C34.1";
        dx.date = app->today - 3;
        rc = hz_app_claim_submit(app, &dx, cv, e);
        if (rc == HZ_OK) out->claims++;
    }
    free(cv);
    if (rc) goto done;
    /* pay what is approved so far; the bank returns one failure */
    TRY(hz_demo_bank_round(app, tmpdir, "YH", one_in_nine, e));
    /* users, one per role */
    hz_app_tick(app);
    char qujiang[19];
    hz_demo_unit_code(1, qujiang);
    char scope_unit[40], scope_member[40];
    snprintf(scope_unit, sizeof scope_unit, "unit:%s", qujiang);
    snprintf(scope_member, sizeof scope_member, "member:%s", heid);
    const struct {
        const char *login, *role, *scope;
    } users[] = {{"admin", "admin", NULL},       {"staff", "staff", NULL},         {"reviewer", "reviewer", NULL},
                 {"finance", "finance", NULL},   {"cadre", "cadre", "org:XA-XC"},  {"unit", "unit", scope_unit},
                 {"member", "member", scope_member}};
    for (size_t i = 0; i < sizeof users / sizeof users[0]; i++)
        TRY(hz_app_user_add(app, users[i].login, users[i].role, users[i].scope, HZ_DEMO_PASSWORD, e));
done:
    hz_app_tick(app);
    unlink(path);
    unlink(feed);
    unlink(all);
    return rc;
}

hz_err hz_app_demo_present(hz_app *app, bool *present, hz_errinfo *e) {
    hz_org existing;
    hz_err rc = hz_store_org_by_code(app->db, "XA", &existing, e);
    *present = rc == HZ_OK;
    return rc == HZ_ENOTFOUND ? HZ_OK : rc;
}

hz_err hz_app_demo(hz_app *app, int members, uint64_t seed, const char *tmpdir, hz_demo_report *out, hz_errinfo *e) {
    memset(out, 0, sizeof *out);
    hz_demo_opts o = {members, seed, tmpdir};
    for (const hz_app_module *const *m = hz_app_modules; *m; m++) {
        hz_err rc = (*m)->demo ? (*m)->demo(app, &o, out, e) : HZ_OK;
        if (rc) return rc;
    }
    return HZ_OK;
}

const hz_app_module hz_app_module_core = {.name = "core", .demo = demo_core};
