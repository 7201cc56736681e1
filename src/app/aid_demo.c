/* The aid modules' demo data (spec/README.md "The demo data set"): model
 * workers with settled stays and LM subsidies in every state under the
 * year's budget, a second-round relief programme proposed from the year's
 * data, autumn student aid in every state with its 公示 window, hardship
 * visits with cash and goods, and a donation drive paid out; all through
 * the use cases, paid through the same bank batches as claims. Runs after
 * the core's demo (its units, its people and its users exist). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/claims.h"
#include "app/demo.h"
#include "app/enroll.h"
#include "app/lm.h"
#include "app/module.h"
#include "app/registry.h"
#include "app/relief.h"
#include "app/relief_goods.h"
#include "app/settlements.h"
#include "core/idcard.h"
#include "io/gen.h"

#define TRY(x)                                                                                                        \
    do {                                                                                                              \
        if ((rc = (x))) goto done;                                                                                    \
    } while (0)

/* The people of the aid story, born 1960-1967 (before any generated
 * person, so their ID numbers are nobody else's). unit: hz_demo_unit_code
 * (0 五环纺织 新城区, 1 曲江建设 雁塔区, 2 中铁七局 莲湖区). stay: the
 * year's inpatient self-pay in yuan, 0 for none. covered: ZY last year and
 * this year (continuous, so no waiting period). */
enum { WANG, LI, ZHANG, ZHAO, CHEN, SUN, ZHOU, WU, LIU, MA, YANG, HUANG, GUO, LIN, N_PEOPLE };
static const struct {
    const char *name, *birth, *flag;
    int unit, stay, stay2;
    bool covered;
} people[N_PEOPLE] = {
    [WANG] = {"王建国", "19660315", "model:national", 0, 11300, 0, true},
    [LI] = {"李秀兰", "19640722", "model:city", 1, 15000, 5000, false},
    [ZHANG] = {"张志强", "19610908", "model:provincial", 0, 8000, 0, false},
    [ZHAO] = {"赵德明", "19630130", "model:city", 2, 6000, 0, false},
    [CHEN] = {"陈玉芬", "19650411", "model:national", 0, 9000, 0, false},
    [SUN] = {"孙桂英", "19670603", NULL, 0, 60000, 0, true},
    [ZHOU] = {"周建华", "19661217", NULL, 1, 35000, 0, true},
    [WU] = {"吴秀珍", "19671119", NULL, 2, 0, 0, true}, /* her stay: the browser test's */
    [LIU] = {"刘桂兰", "19650826", "hardship:deep", 0, 0, 0, false},
    [MA] = {"马建军", "19620419", "hardship:relative", 1, 0, 0, false},
    [YANG] = {"杨秀梅", "19670102", NULL, 0, 0, 0, false},
    [HUANG] = {"黄志刚", "19630927", NULL, 2, 0, 0, false},
    [GUO] = {"郭淑珍", "19641205", "hardship:sudden", 1, 0, 0, false},
    [LIN] = {"林国强", "19610714", "hardship:relative", 0, 0, 0, false},
};
static const char *const unit_region[] = {"610102", "610113", "610104"};

typedef struct {
    char id[N_PEOPLE][19];
    int year;
    hz_date jan1;
    char lm[8][24]; /* subsidy numbers, in the order applied */
    int n_lm;
} story;

/* the 17th digit says the sex: odd for men */
static const bool male[N_PEOPLE] = {[WANG] = true, [ZHANG] = true, [ZHAO] = true, [ZHOU] = true,
                                    [MA] = true,   [HUANG] = true, [LIN] = true};

static void person_id(int i, char out[19]) {
    snprintf(out, 19, "%s%s%03d", unit_region[people[i].unit], people[i].birth, 800 + 2 * i + male[i]);
    out[17] = hz_id_check_char(out);
    out[18] = '\0';
}

/* The k-th stay of the year: spread over the months gone by. */
static hz_date stay_date(const story *s, hz_date today, int k) {
    hz_date span = today - s->jan1;
    return s->jan1 + span * (k + 1) / (N_PEOPLE + 3);
}

static hz_err add_people(hz_app *app, const hz_demo_opts *o, story *s, hz_errinfo *e) {
    hz_err rc = HZ_OK;
    hz_rng r;
    hz_rng_seed(&r, o->seed * 131 + 17);
    for (int i = 0; i < N_PEOPLE && !rc; i++) {
        hz_gen_person p; /* phone and a card with its check digit */
        hz_gen_person_make(&r, 9000000 + (uint64_t)i, o->seed, &p);
        char unit[19];
        hz_demo_unit_code(people[i].unit, unit);
        person_id(i, s->id[i]);
        char flag[64]; /* a hardship flag holds for the year */
        const char *f = people[i].flag;
        if (f && !strncmp(f, "hardship", 8)) {
            snprintf(flag, sizeof flag, "%s:%d-01-01:%d-12-31", f, s->year, s->year);
            f = flag;
        }
        hz_member_input in = {s->id[i], people[i].name, p.phone, unit, NULL, p.bank_card, p.bank_name, {f}, f ? 1 : 0};
        if ((rc = hz_app_member_add(app, &in, NULL, e))) break;
        for (int y = s->year - 1; y <= s->year && people[i].covered && !rc; y++) {
            hz_enroll_input ei = {s->id[i], "ZY", 1, hz_date_from_ymd(y, 1, 1), 12, "unit"};
            rc = hz_app_enroll(app, &ei, NULL, e);
        }
    }
    return rc;
}

/* The year's stays of the story's people, then the claims huzhu files on
 * its own for the covered ones (免申即享: LM and relief read the burden
 * those claims leave). */
static hz_err add_stays(hz_app *app, const hz_demo_opts *o, story *s, hz_errinfo *e) {
    char path[512];
    snprintf(path, sizeof path, "%s/demo-aid-feed.csv", o->tmpdir);
    FILE *f = fopen(path, "wb");
    if (!f) return hz_fail(e, HZ_EINTERNAL, "无法写入 %s", path);
    fputs("setl_id,certno,psn_name,gend,fixmedins_code,fixmedins_name,hosp_lv,med_type,adm_date,dscg_date,"
          "main_diag_code,diag_codes,medfee_sumamt,fund_pay_sumamt,psn_selfpay,psn_ownpay,refd_setl_flag,setl_time\n",
          f);
    int k = 0;
    for (int i = 0; i < N_PEOPLE; i++) {
        const int pay[2] = {people[i].stay, people[i].stay2};
        for (int j = 0; j < 2 && pay[j]; j++, k++) {
            hz_date adm = stay_date(s, app->today, k), dscg = adm + (app->today - adm >= 9 ? 9 : 0);
            char a[HZ_DATE_BUF], d[HZ_DATE_BUF];
            hz_date_format(adm, a);
            hz_date_format(dscg, d);
            int sex = (s->id[i][16] - '0') % 2 ? 1 : 2;
            fprintf(f, "LMJZ%d%04d,%s,%s,%d,H61010001,西京医院,3,21,%s,%s,K80.1,,%d.00,%d.00,%d.00,500.00,0,%s 10:00:00\n",
                    s->year, k, s->id[i], people[i].name, sex, a, d, pay[j] * 3 + 500, pay[j] * 2, pay[j], d);
        }
    }
    /* a feed cut short would import part of the story */
    if (ferror(f) | fclose(f)) {
        unlink(path);
        return hz_fail(e, HZ_EINTERNAL, "写入失败 %s (write failed)", path);
    }
    hz_feed_report fr;
    hz_err rc = hz_app_import_settlements(app, path, false, &fr, e);
    hz_feed_report_free(&fr);
    unlink(path);
    int64_t created;
    if (rc == HZ_OK) rc = hz_app_claims_proactive(app, s->jan1, NULL, NULL, &created, e);
    return rc;
}

static hz_err setl_of(const story *s, int person, int j, char out[48]) {
    int k = 0;
    for (int i = 0; i < N_PEOPLE; i++)
        for (int jj = 0; jj < 2 && (jj ? people[i].stay2 : people[i].stay); jj++, k++)
            if (i == person && jj == j) {
                snprintf(out, 48, "LMJZ%d%04d", s->year, k);
                return HZ_OK;
            }
    return HZ_ENOTFOUND;
}

static hz_err lm_apply(hz_app *app, story *s, int person, int j, hz_demo_report *out, hz_errinfo *e) {
    char setl[48];
    hz_lm_subsidy sub;
    setl_of(s, person, j, setl);
    hz_err rc = hz_app_lm_apply(app, s->id[person], setl, &sub, e);
    if (rc) return rc;
    snprintf(s->lm[s->n_lm++], 24, "%s", sub.subsidy_no);
    out->lm_subsidies++;
    return HZ_OK;
}

/* hz_lm_demo: the year's budget and the model workers' subsidies
 * (applied, approved, rejected; the bank round pays the approved ones). */
hz_err hz_lm_demo(hz_app *app, const hz_demo_opts *o, hz_demo_report *out, hz_errinfo *e) {
    story *s = calloc(1, sizeof *s);
    if (!s) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    int m, d;
    hz_date_to_ymd(app->today, &s->year, &m, &d);
    s->jan1 = hz_date_from_ymd(s->year, 1, 1);
    hz_err rc;
    hz_lm_budget_view b;
    hz_lm_subsidy sub;
    TRY(add_people(app, o, s, e));
    TRY(add_stays(app, o, s, e));
    TRY(hz_app_lm_budget(app, s->year, true, HZ_FEN(60000), &b, e));
    /* 0 王建国 after ZY's claim, 1-2 李秀兰 (the second capped), 3 张志强,
     * 4 赵德明, 5 陈玉芬 (approved after the bank round: relief's demo) */
    TRY(lm_apply(app, s, WANG, 0, out, e));
    TRY(lm_apply(app, s, LI, 0, out, e));
    TRY(lm_apply(app, s, LI, 1, out, e));
    TRY(lm_apply(app, s, ZHANG, 0, out, e));
    TRY(lm_apply(app, s, ZHAO, 0, out, e));
    TRY(lm_apply(app, s, CHEN, 0, out, e));
    TRY(hz_app_lm_approve(app, s->lm[0], &sub, e));
    TRY(hz_app_lm_approve(app, s->lm[1], &sub, e));
    TRY(hz_app_lm_reject(app, s->lm[4], "住院病历与医保结算不一致, 请补正后重新申请", &sub, e));
    /* the generated model workers' stays: proposed, waiting for review */
    int64_t created;
    TRY(hz_app_lm_proactive(app, NULL, NULL, &created, e));
    out->lm_subsidies += created;
done:
    free(s);
    return rc;
}

static hz_err program(hz_app *app, const char *code, const char *kind, int year, hz_fen budget, const char *name,
                      hz_errinfo *e) {
    hz_relief_program p;
    char c[32], n[128];
    snprintf(c, sizeof c, "%s%d", code, year);
    snprintf(n, sizeof n, "%d年%s", year, name);
    return hz_app_relief_program_add(app, c, kind, year, budget, n, &p, e);
}

typedef struct {
    hz_app *app;
    const story *s;
    int approve[2]; /* people whose proposed grant is approved */
    int64_t n;
} proposal;

static hz_err approve_proposed(void *vctx, const hz_relief_grant *g, hz_errinfo *e) {
    proposal *c = vctx;
    c->n++;
    for (int i = 0; i < 2; i++)
        if (!strcmp(g->id_number, c->s->id[c->approve[i]])) {
            hz_relief_grant out;
            return hz_app_relief_approve(c->app, g->grant_no, &out, e);
        }
    return HZ_OK;
}

/* the aid round at the bank: the claims whose card the bank refused before
 * come back refused again (the card is still wrong) */
static bool refused_before(hz_app *app, const char *ref, int k) {
    (void)k;
    hz_errinfo ne;
    hz_claim_view *v = strncmp(ref, "LP", 2) ? NULL : malloc(sizeof *v);
    bool again = v && hz_app_claim_show(app, ref, v, &ne) == HZ_OK && v->claim.bank_failure[0];
    free(v);
    return again;
}

static hz_err on_list(void *ctx, const hz_relief_grant *g, hz_errinfo *e) {
    (void)ctx;
    (void)g;
    (void)e;
    return HZ_OK;
}

typedef struct {
    hz_app *app;
    const char *id_number;
} approve_ctx;

static hz_err approve_lm_of(void *vctx, const hz_lm_subsidy *sub, hz_errinfo *e) {
    approve_ctx *c = vctx;
    hz_lm_subsidy out;
    return strcmp(sub->id_number, c->id_number) ? HZ_OK : hz_app_lm_approve(c->app, sub->subsidy_no, &out, e);
}

/* hz_relief_demo: four programmes of the year and a payout
 * round; then what is decided after it (approved and waiting, the student
 * aid's 公示 window, the second-round list approved but not yet public). */
hz_err hz_relief_demo(hz_app *app, const hz_demo_opts *o, hz_demo_report *out, hz_errinfo *e) {
    story *s = calloc(1, sizeof *s);
    if (!s) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    int m, d;
    hz_date_to_ymd(app->today, &s->year, &m, &d);
    for (int i = 0; i < N_PEOPLE; i++) person_id(i, s->id[i]);
    char code[4][32];
    const char *const prefix[] = {"ECJZ", "JQZX", "SWKN", "AXMJ"};
    for (int i = 0; i < 4; i++) snprintf(code[i], sizeof code[i], "%s%d", prefix[i], s->year);
    hz_err rc;
    hz_relief_grant g, sa[6], visit[3], payout;
    hz_relief_program pub;
    hz_fen total;
    TRY(program(app, "ECJZ", "second_round", s->year, HZ_FEN(2600000), "二次救助", e));
    TRY(program(app, "JQZX", "student_aid", s->year, HZ_FEN(200000), "金秋助学", e));
    TRY(program(app, "SWKN", "visit", s->year, HZ_FEN(100000), "送温暖走访", e));
    TRY(program(app, "AXMJ", "donation", s->year, 0, "爱心募捐（孙桂英）", e));
    /* autumn student aid: 5,000 / 3,000 with a hardship flag, 4,000 /
     * 2,000 without (the need stated) */
    static const struct {
        int parent;
        const char *student, *birth;
        int seq; /* odd for a son */
        const char *school, *level, *reason;
    } kids[] = {
        {LIU, "刘洋", "20060511", 771, "西北大学", "university", NULL},
        {MA, "马丽", "20080923", 772, "西安市第八十三中学", "high_school", NULL},
        {YANG, "杨帆", "20070218", 773, "长安大学", "university", "父亲长期患病, 家庭收入低"},
        {HUANG, "黄晓", "20090306", 774, "西安市铁一中", "high_school", "母亲下岗, 独自抚养"},
        {GUO, "郭敏", "20081030", 776, "西安市第三中学", "high_school", NULL},
        {LIN, "林静", "20061127", 778, "西安交通大学", "university", NULL},
    };
    for (int i = 0; i < 6; i++) {
        char sid[19];
        snprintf(sid, sizeof sid, "%s%s%03d", unit_region[people[kids[i].parent].unit], kids[i].birth, kids[i].seq);
        sid[17] = hz_id_check_char(sid);
        sid[18] = '\0';
        hz_relief_input in = {code[1],     s->id[kids[i].parent], kids[i].student, sid, kids[i].school,
                              kids[i].level, kids[i].reason,     NULL,            NULL, HZ_DATE_NONE};
        TRY(hz_app_relief_apply(app, &in, &sa[i], e));
        out->relief_grants++;
    }
    /* hardship visits: cash and goods counted in items, from the stock the
     * office received for the programme */
    TRY(hz_app_relief_goods_add(app, code[2], "大米:200,食用油:100,棉被:50", e));
    static const struct {
        int who;
        const char *cash, *items;
    } visits[] = {{LIU, NULL, "大米:2,食用油:1"}, {MA, "800.00", "棉被:1,大米:1"}, {GUO, NULL, "食用油:2"}};
    for (int i = 0; i < 3; i++) {
        hz_relief_input in = {code[2], s->id[visits[i].who], NULL, NULL, NULL, NULL,
                              "入户走访慰问", visits[i].cash, visits[i].items, HZ_DATE_NONE};
        TRY(hz_app_relief_apply(app, &in, &visit[i], e));
        out->relief_grants++;
    }
    /* a donation drive for 孙桂英: three donations, one payout */
    TRY(hz_app_donation_add(app, code[3], "西安曲江建设集团有限公司工会", HZ_FEN(20000), &total, e));
    TRY(hz_app_donation_add(app, code[3], "五环(集团)纺织全体职工", 865050, &total, e));
    TRY(hz_app_donation_add(app, code[3], "个人捐款（匿名）", HZ_FEN(1200), &total, e));
    hz_relief_input don = {code[3], s->id[SUN], NULL, NULL, NULL, NULL, "肝胆手术后家庭困难", NULL, NULL, HZ_DATE_NONE};
    TRY(hz_app_relief_apply(app, &don, &payout, e));
    out->relief_grants++;
    /* second-round relief: proposed from the year's data */
    int64_t proposed;
    TRY(hz_app_relief_propose(app, code[0], NULL, NULL, &proposed, e));
    out->relief_grants += proposed;
    /* approved before the bank round: paid */
    TRY(hz_app_relief_approve(app, sa[0].grant_no, &g, e));
    TRY(hz_app_relief_approve(app, sa[1].grant_no, &g, e));
    TRY(hz_app_relief_approve(app, visit[0].grant_no, &g, e));
    TRY(hz_app_relief_approve(app, visit[1].grant_no, &g, e));
    TRY(hz_app_relief_approve(app, payout.grant_no, &g, e));
    TRY(hz_demo_bank_round(app, o->tmpdir, "JZ", refused_before, e));
    /* after it: 陈玉芬's subsidy approved, waiting for the next batch */
    approve_ctx ac = {app, s->id[CHEN]};
    TRY(hz_app_lm_list(app, "applied", s->year, approve_lm_of, &ac, e));
    /* student aid approved, then the 公示 list: paid after its window */
    TRY(hz_app_relief_approve(app, sa[2].grant_no, &g, e));
    TRY(hz_app_relief_approve(app, sa[3].grant_no, &g, e));
    TRY(hz_app_relief_publicity(app, code[1], &pub, on_list, NULL, e));
    TRY(hz_app_relief_reject(app, sa[4].grant_no, "学生已获本年度其他助学金", &g, e));
    /* second round: two approved, the list not yet public (staff publish it) */
    proposal pc = {app, s, {SUN, ZHOU}, 0};
    TRY(hz_app_relief_list(app, code[0], "proposed", approve_proposed, &pc, e));
done:
    free(s);
    return rc;
}

