/* The care and cases modules' demo data, shaped like the seed page (spec/
 * README.md "The demo data set"): 送清凉 every summer since 2017 (1,300
 * packs a year to the units in the heat: 13,000 in all), 250 health
 * lectures since 2015 with 200 attendees each (50,000), the online walk
 * with steps, the run, 曲江建设's skill contest (with a tie), 中铁七局's
 * check-up with the model workers' extra, two-cancer screenings for the
 * women of 曲江建设, an emergency-skills training, an interest group, a
 * mother-and-baby room and a welcome; then service cases: an unpaid-wage
 * case mediated with the money recovered, a legal case waiting, a
 * consultation of 何秀英 (the demo member) in progress. All through the
 * use cases; deterministic for a seed. Runs after the core's and the aid
 * modules' demo (units, people and users exist). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/care.h"
#include "app/cases.h"
#include "app/demo.h"
#include "core/idcard.h"
#include "store/registry.h"

#define TRY(x)                                                                                                         \
    do {                                                                                                               \
        if ((rc = (x))) goto done;                                                                                     \
    } while (0)

/* The demo's year of summer activities: this year once summer is over,
 * else last year (so no activity lies in the future). */
static int summer_year(const hz_app *app) {
    int y, m, d;
    hz_date_to_ymd(app->today, &y, &m, &d);
    return m >= 9 ? y : y - 1;
}

static uint64_t next(uint64_t *s) {
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return *s >> 33;
}

static hz_err add(hz_app *app, const char *code, const char *kind, const char *name, const char *org, hz_date from,
                  hz_date to, int64_t capacity, int64_t attendees, hz_errinfo *e) {
    hz_activity_input in = {code, kind, name, org, from, to, capacity, attendees};
    hz_activity a;
    return hz_app_activity_add(app, &in, &a, e);
}

static hz_err join(hz_app *app, const char *code, const char *id, hz_date day, int64_t steps, int64_t score,
                   hz_errinfo *e) {
    hz_join_input in = {code, id, steps, score, day};
    hz_activity_part p;
    return hz_app_activity_join(app, &in, &p, e);
}

/* The ID numbers of an org subtree's members (at most max), women only
 * when women. */
static hz_err people_of(hz_app *app, const char *path, bool women, char (*ids)[19], int max, int *n, hz_errinfo *e) {
    int64_t *all;
    size_t k;
    *n = 0;
    hz_err rc = hz_store_subtree_member_ids(app->db, path, NULL, app->today, &all, &k, e);
    for (size_t i = 0; !rc && i < k && *n < max; i++) {
        hz_member m;
        if ((rc = hz_store_member_by_id(app->db, all[i], &m, e))) break;
        if (women && m.sex != 'F') continue;
        snprintf(ids[(*n)++], 19, "%s", m.id_number);
    }
    free(all);
    return rc;
}

static void he_xiuying(char id[19]) {
    snprintf(id, 19, "61010219750308002");
    id[17] = hz_id_check_char(id);
    id[18] = '\0';
}

hz_err hz_care_demo(hz_app *app, const hz_demo_opts *o, struct hz_demo_report *out, hz_errinfo *e) {
    hz_err rc = HZ_OK;
    uint64_t s = o->seed ^ 0x63617265ULL;
    const int Y = summer_year(app);
    char code[32], name[128], unit[19], he[19];
    char(*ids)[19] = calloc(40, sizeof *ids);
    int n;
    if (!ids) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    he_xiuying(he);
    /* 送清凉: 1,300 packs each summer since 2017 to the units in the heat */
    static const struct { int unit, packs; } heat[] = {{11, 400}, {9, 350}, {10, 300}, {1, 150}, {0, 100}};
    for (int y = 2017; y <= Y; y++) {
        snprintf(code, sizeof code, "QL%d", y);
        snprintf(name, sizeof name, "%d年互助保障送清凉", y);
        TRY(add(app, code, "cool", name, "XA", hz_date_from_ymd(y, 7, 1), hz_date_from_ymd(y, 8, 31), 0, 0, e));
        for (size_t i = 0; i < sizeof heat / sizeof heat[0]; i++) {
            char items[48];
            hz_demo_unit_code(heat[i].unit, unit);
            snprintf(items, sizeof items, "防暑降温包:%d", heat[i].packs);
            TRY(hz_app_activity_distribute(app, code, unit, NULL, items, hz_date_from_ymd(y, 7, 10 + (int)i * 5), e));
        }
        out->activities++;
    }
    /* 新城区's own: packs and towels for 五环纺织, and for 何秀英 by hand */
    snprintf(code, sizeof code, "XC-QL%d", Y);
    TRY(add(app, code, "cool", "新城区送清凉进车间", "XA-XC", hz_date_from_ymd(Y, 7, 15), hz_date_from_ymd(Y, 7, 31), 0,
            0, e));
    hz_demo_unit_code(0, unit);
    TRY(hz_app_activity_distribute(app, code, unit, NULL, "防暑降温包:60,毛巾:60", hz_date_from_ymd(Y, 7, 16), e));
    TRY(hz_app_activity_distribute(app, code, NULL, he, "防暑降温包:1,藿香正气水:2", hz_date_from_ymd(Y, 7, 16), e));
    out->activities++;
    /* 250 health lectures since 2015, 200 attendees each: 50,000 */
    static const char *const lecture_org[] = {"XA-XC", "XA-YT", "XA-LH", "XA-BL", "XA-WY", "XA-CA", "XA-BQ"};
    for (int k = 0; k < 250; k++) {
        int y = 2015 + k * (Y - 2015 + 1) / 250, day = 1 + (k * 37) % 300;
        hz_date d = hz_date_from_ymd(y, 1, 1) + day;
        snprintf(code, sizeof code, "JZ%d%03d", y, k + 1);
        snprintf(name, sizeof name, "公益健康讲座 第%d场", k + 1);
        TRY(add(app, code, "lecture", name, lecture_org[k % 7], d, d, 0, 200, e));
        out->activities++;
    }
    /* a lecture 何秀英 registered for, in 新城区 */
    snprintf(code, sizeof code, "XC-JZ%d", Y);
    TRY(add(app, code, "lecture", "乳腺健康与职业病防护讲座", "XA-XC", hz_date_from_ymd(Y, 9, 1),
            hz_date_from_ymd(Y, 9, 1), 120, 95, e));
    TRY(join(app, code, he, HZ_DATE_NONE, -1, -1, e));
    out->activities++;
    /* the online walk, ten days: steps a day for 新城区's and 曲江建设's people */
    snprintf(code, sizeof code, "JBZ%d", Y);
    hz_date w0 = hz_date_from_ymd(Y, 6, 20);
    TRY(add(app, code, "walk", "迎七一同心同行 好生活互助保障线上健步走", "XA", w0, w0 + 9, 0, 0, e));
    out->activities++;
    TRY(people_of(app, "/XA/XA-XC/", false, ids, 12, &n, e));
    bool has_he = false;
    for (int i = 0; i < n; i++)
        has_he |= !strcmp(ids[i], he);
    if (!has_he) snprintf(ids[n++], 19, "%s", he);
    for (int i = 0; i < n; i++)
        for (int d = 0; d < 10; d += 1 + (int)(next(&s) % 2))
            TRY(join(app, code, ids[i], w0 + d, 4000 + (int64_t)(next(&s) % 12000), -1, e));
    TRY(people_of(app, "/XA/XA-YT/", false, ids, 12, &n, e));
    for (int i = 0; i < n; i++)
        for (int d = 0; d < 10; d += 2)
            TRY(join(app, code, ids[i], w0 + d, 5000 + (int64_t)(next(&s) % 10000), -1, e));
    /* the run: a thousand places, a score each */
    snprintf(code, sizeof code, "HLP%d", Y);
    TRY(add(app, code, "run", "做文明健康西安人 千名会员健康欢乐跑", "XA", hz_date_from_ymd(Y, 9, 16),
            hz_date_from_ymd(Y, 9, 16), 1000, 0, e));
    out->activities++;
    TRY(people_of(app, "/XA/XA-LH/", false, ids, 10, &n, e));
    for (int i = 0; i < n; i++)
        TRY(join(app, code, ids[i], HZ_DATE_NONE, -1, 60 + (int64_t)(next(&s) % 40), e));
    /* 曲江建设's skill contest (客服类), two sharing second place */
    snprintf(code, sizeof code, "JNBW%d", Y);
    TRY(add(app, code, "contest", "曲江建设劳动竞赛技能比武（客服类）", "XA-YT", hz_date_from_ymd(Y, 5, 12),
            hz_date_from_ymd(Y, 5, 12), 30, 0, e));
    out->activities++;
    TRY(people_of(app, "/XA/XA-YT/", false, ids, 8, &n, e));
    static const int contest[] = {96, 91, 91, 88, 85, 83, 80, 78};
    for (int i = 0; i < n; i++)
        TRY(join(app, code, ids[i], HZ_DATE_NONE, -1, contest[i], e));
    /* 中铁七局's check-up: the model workers with 600 yuan more */
    snprintf(code, sizeof code, "TJ%d", Y);
    TRY(add(app, code, "checkup", "中铁七局西安公司年度职工体检（劳模先进体检卡）", "XA-LH", hz_date_from_ymd(Y, 4, 1),
            hz_date_from_ymd(Y, 4, 30), 0, 0, e));
    out->activities++;
    TRY(people_of(app, "/XA/XA-LH/", false, ids, 12, &n, e));
    for (int i = 0; i < n; i++)
        TRY(join(app, code, ids[i], hz_date_from_ymd(Y, 4, 2 + i), -1, -1, e));
    /* two-cancer screening for 曲江建设's women */
    snprintf(code, sizeof code, "LASC%d", Y);
    TRY(add(app, code, "screening", "曲江建设女职工两癌筛查", "XA-YT", hz_date_from_ymd(Y, 3, 8),
            hz_date_from_ymd(Y, 3, 31), 200, 0, e));
    out->activities++;
    TRY(people_of(app, "/XA/XA-YT/", true, ids, 15, &n, e));
    for (int i = 0; i < n; i++)
        TRY(join(app, code, ids[i], hz_date_from_ymd(Y, 3, 8 + i), -1, -1, e));
    /* the rest of the seed's kinds, one each */
    snprintf(code, sizeof code, "JJPX%d", Y);
    TRY(add(app, code, "training", "下峪口矿井下创伤急救技能专项培训", "XA-BQ", hz_date_from_ymd(Y, 6, 3),
            hz_date_from_ymd(Y, 6, 5), 0, 120, e));
    snprintf(code, sizeof code, "XQ%d", Y);
    TRY(add(app, code, "interest", "曲江建设职工兴趣小组（书法、摄影、羽毛球）", "XA-YT", hz_date_from_ymd(Y, 1, 1),
            hz_date_from_ymd(Y, 12, 31), 0, 0, e));
    snprintf(code, sizeof code, "MY%d", Y);
    TRY(add(app, code, "room", "曲江建设母婴关爱室", "XA-YT", hz_date_from_ymd(Y, 1, 1), hz_date_from_ymd(Y, 12, 31), 6,
            0, e));
    snprintf(code, sizeof code, "YX%d", Y);
    TRY(add(app, code, "welcome", "新就业形态劳动者入会迎新", "XA-XYT", hz_date_from_ymd(Y, 5, 1),
            hz_date_from_ymd(Y, 5, 1), 0, 80, e));
    out->activities += 4;
done:
    free(ids);
    return rc;
}

hz_err hz_cases_demo(hz_app *app, const hz_demo_opts *o, struct hz_demo_report *out, hz_errinfo *e) {
    (void)o;
    hz_err rc = HZ_OK;
    char he[19], ids[6][19];
    int n;
    hz_case c;
    he_xiuying(he);
    /* 新城区: an unpaid-wage case mediated, the three months recovered */
    TRY(people_of(app, "/XA/XA-XC/", false, ids, 3, &n, e));
    TRY(hz_app_case_open(app, ids[1], "wage", "物业公司拖欠三个月工资共 18,600 元, 请求工会协助追讨", HZ_FEN(18600), &c,
                         e));
    TRY(hz_app_case_assign(app, c.case_no, "cadre", &c, e));
    TRY(hz_app_case_note(app, c.case_no, "已联系用人单位负责人, 约定周五到区总工会调解", &c, e));
    TRY(hz_app_case_note(app, c.case_no, "调解达成协议, 单位分两次支付", &c, e));
    TRY(hz_app_case_close(app, c.case_no, "mediated", HZ_FEN(18600), &c, e));
    out->cases++;
    /* 何秀英's consultation, in progress with the 新城区 cadre */
    TRY(hz_app_case_open(app, he, "consult", "咨询互助保障住院理赔需要哪些材料", -1, &c, e));
    TRY(hz_app_case_assign(app, c.case_no, "cadre", &c, e));
    TRY(hz_app_case_note(app, c.case_no, "已电话告知: 出院小结、费用清单、身份证和银行卡", &c, e));
    out->cases++;
    /* 新城区: a consultation withdrawn */
    TRY(hz_app_case_open(app, ids[2], "consult", "咨询劳动合同续签问题", -1, &c, e));
    TRY(hz_app_case_close(app, c.case_no, "withdrawn", 0, &c, e));
    out->cases++;
    /* 雁塔区: a legal-aid case waiting for an assignee; an injury case resolved */
    TRY(people_of(app, "/XA/XA-YT/", false, ids, 3, &n, e));
    TRY(hz_app_case_open(app, ids[0], "legal", "解除劳动合同未支付经济补偿, 申请法律援助", HZ_FEN(32000), &c, e));
    out->cases++;
    TRY(hz_app_case_open(app, ids[1], "injury", "工地受伤, 工伤认定材料准备", -1, &c, e));
    TRY(hz_app_case_assign(app, c.case_no, "staff", &c, e));
    TRY(hz_app_case_close(app, c.case_no, "resolved", 0, &c, e));
    out->cases++;
    /* 莲湖区: an unpaid-wage case taken to court, part recovered */
    TRY(people_of(app, "/XA/XA-LH/", false, ids, 2, &n, e));
    TRY(hz_app_case_open(app, ids[0], "wage", "劳务分包拖欠农民工工资 9,800 元", HZ_FEN(9800), &c, e));
    TRY(hz_app_case_assign(app, c.case_no, "staff", &c, e));
    TRY(hz_app_case_note(app, c.case_no, "支持起诉, 法院判决支付", &c, e));
    TRY(hz_app_case_close(app, c.case_no, "litigated", HZ_FEN(7500), &c, e));
    out->cases++;
done:
    return rc;
}
