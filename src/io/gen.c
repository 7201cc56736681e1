/* Deterministic synthetic members (splitmix64). */
#include "io/gen.h"

#include <string.h>

#include "core/idcard.h"
#include "core/money.h"
#include "io/table.h"

#include <stdlib.h>

void hz_rng_seed(hz_rng *r, uint64_t seed) { r->s = seed * 0x9E3779B97F4A7C15ULL + 0x1234567ULL; }

uint64_t hz_rng_next(hz_rng *r) {
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

uint64_t hz_rng_below(hz_rng *r, uint64_t n) { return n ? hz_rng_next(r) % n : 0; }

static const char *const surnames[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡",
                                       "朱", "高", "林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐",
                                       "冯", "于", "董", "萧", "程", "曹", "袁", "邓", "许", "傅", "沈", "曾", "彭",
                                       "吕", "苏", "卢", "蒋", "蔡", "贾", "丁", "魏", "薛", "叶", "阎", "史", "雷"};
static const char *const given[] = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰",
                                    "娟", "涛", "明", "超", "秀", "霞", "平", "刚", "桂", "英", "华", "建", "国",
                                    "文", "辉", "玲", "红", "波", "斌", "宁", "博", "欣", "瑶", "浩", "宇", "晨",
                                    "思", "雨", "佳", "梦", "凯", "鑫", "琳", "峰", "婷", "慧", "萍", "毅", "利"};
static const int districts[13] = {610102, 610103, 610104, 610111, 610112, 610113, 610114,
                                  610115, 610116, 610117, 610118, 610122, 610124};
static const char *const banks[] = {"中国工商银行西安分行", "中国建设银行西安分行", "中国农业银行西安分行",
                                    "中国银行西安分行", "长安银行", "西安银行"};
static const char *const occupations[] = {"外卖骑手", "快递员", "网约车司机", "货车司机"};
static const char *const levels[] = {"全国", "省级", "市级", "市级"};

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define ID_SPACE 185055000ULL /* 13 districts x 14235 birth days x 1000 sequences */

void hz_gen_person_make(hz_rng *r, uint64_t i, uint64_t seed, hz_gen_person *p) {
    memset(p, 0, sizeof *p);
    uint64_t k = (i * 1000003ULL + seed * 7919ULL) % ID_SPACE; /* a bijection on the ID space */
    int region = districts[k % 13];
    uint64_t day = (k / 13) % 14235; /* births 1968-01-01 .. 2006-12-22 */
    uint64_t seq = k / (13 * 14235);
    hz_date birth = hz_date_from_ymd(1968, 1, 1) + (hz_date)day;
    int y, m, d;
    hz_date_to_ymd(birth, &y, &m, &d);
    snprintf(p->id_number, sizeof p->id_number, "%06d%04d%02d%02d%03u", region, y, m, d, (unsigned)seq);
    p->id_number[17] = hz_id_check_char(p->id_number);
    p->id_number[18] = '\0';
    snprintf(p->name, sizeof p->name, "%s%s%s", surnames[hz_rng_below(r, N(surnames))], given[hz_rng_below(r, N(given))],
             hz_rng_below(r, 3) ? given[hz_rng_below(r, N(given))] : "");
    snprintf(p->phone, sizeof p->phone, "1%c%09llu", (char)('3' + hz_rng_below(r, 7)),
             (unsigned long long)hz_rng_below(r, 1000000000ULL));
    uint64_t cat = hz_rng_below(r, 100);
    if (cat < 3) {
        snprintf(p->category, sizeof p->category, "劳模");
        snprintf(p->model_level, sizeof p->model_level, "%s", levels[hz_rng_below(r, N(levels))]);
    } else if (cat < 7) {
        snprintf(p->category, sizeof p->category, "困难职工");
    } else if (cat < 17) {
        snprintf(p->category, sizeof p->category, "新业态");
        snprintf(p->occupation, sizeof p->occupation, "%s", occupations[hz_rng_below(r, N(occupations))]);
    } else {
        snprintf(p->category, sizeof p->category, "普通");
    }
    /* 19-digit UnionPay debit card with a Luhn check digit */
    char card[20];
    snprintf(card, sizeof card, "621700%012llu", (unsigned long long)hz_rng_below(r, 1000000000000ULL));
    int sum = 0;
    for (int j = 17, dbl = 1; j >= 0; j--, dbl = !dbl) {
        int v = card[j] - '0';
        if (dbl) v = v * 2 > 9 ? v * 2 - 9 : v * 2;
        sum += v;
    }
    card[18] = (char)('0' + (10 - sum % 10) % 10);
    card[19] = '\0';
    memcpy(p->bank_card, card, sizeof card);
    snprintf(p->bank_name, sizeof p->bank_name, "%s", banks[hz_rng_below(r, N(banks))]);
}

hz_err hz_gen_roster(FILE *out, long n, uint64_t seed, hz_errinfo *e) {
    hz_rng r;
    hz_rng_seed(&r, seed);
    fputs("\xEF\xBB\xBF姓名,身份证号码,手机号码,人员类别,劳模级别,职业,银行卡号,开户行\n", out);
    for (long i = 0; i < n; i++) {
        hz_gen_person p;
        hz_gen_person_make(&r, (uint64_t)i, seed, &p);
        fprintf(out, "%s,%s,%s,%s,%s,%s,%s,%s\n", p.name, p.id_number, p.phone, p.category, p.model_level,
                p.occupation, p.bank_card, p.bank_name);
    }
    if (fflush(out) != 0 || ferror(out)) return hz_fail(e, HZ_EINTERNAL, "写入失败 (write failed)");
    return HZ_OK;
}

/* ---- settlements ---- */

typedef struct {
    char (*ids)[19];
    size_t n, cap;
    int col;
} id_list;

static hz_err collect_id(void *vctx, long row, char **f, int n, hz_errinfo *e) {
    id_list *l = vctx;
    if (row == 1) {
        l->col = -1;
        for (int i = 0; i < n; i++)
            if (!strcmp(f[i], "身份证号码") || !strcmp(f[i], "id_number")) l->col = i;
        return l->col < 0 ? hz_fail(e, HZ_EINVAL, "roster: 缺少 身份证号码 列 (no id_number column)") : HZ_OK;
    }
    if (l->col >= n || strlen(f[l->col]) != 18) return HZ_OK;
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 4096;
        char(*g)[19] = realloc(l->ids, l->cap * sizeof *g);
        if (!g) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
        l->ids = g;
    }
    memcpy(l->ids[l->n++], f[l->col], 19);
    return HZ_OK;
}

/* Diagnoses that fit the person (ICD-10): common stays for anyone, a few
 * by age, the cancers and conditions of one sex only for that sex, and
 * critical illness (ZJ's list) about one stay in eight. */
static const char *const common[] = {"J18.9", "K35.8", "E11.9", "N20.0", "K80.2", "I10", "M51.2", "J20.9", "K29.7"};
static const char *const older[] = {"J44.1", "I25.1", "E11.9", "M17.0", "I10"};
static const char *const critical[] = {"I21.0", "I63.9", "C34.1", "C18.7", "C22.0", "C16.9"};
static const char *const women[] = {"D25.9", "N83.2", "N81.1", "D25.9"};
static const char *const women_cancer[] = {"C50.9", "C54.1", "C53.9", "C56"};
static const char *const men[] = {"K40.9", "N43.3", "K40.9"};
static const char *const men_older[] = {"N40", "N40", "K40.9"};

/* The birth year of an ID number (digits 7-10). */
static int birth_year(const char *id) {
    return (id[6] - '0') * 1000 + (id[7] - '0') * 100 + (id[8] - '0') * 10 + (id[9] - '0');
}

static const char *diagnosis(hz_rng *r, const char *id, int age) {
    bool woman = (id[16] - '0') % 2 == 0;
    uint64_t k = hz_rng_below(r, 100);
    if (k < 13) {
        if (hz_rng_below(r, 2) == 0) return woman ? women_cancer[hz_rng_below(r, N(women_cancer))] : age >= 50 ? "C61" : "C34.1";
        return critical[hz_rng_below(r, N(critical))];
    }
    if (k < 25) {
        if (woman) return women[hz_rng_below(r, N(women))];
        return age >= 45 ? men_older[hz_rng_below(r, N(men_older))] : men[hz_rng_below(r, N(men))];
    }
    if (k < 37 && age >= 45) return older[hz_rng_below(r, N(older))];
    return common[hz_rng_below(r, N(common))];
}

static const char *const injuries[] = {"S72.0", "S82.1", "S06.0", "S42.0", "T14.0"};
static const char *const hospitals[] = {"西京医院", "西安交通大学第一附属医院", "陕西省人民医院", "西安市中心医院",
                                        "唐都医院"};

hz_err hz_gen_settlements(const char *roster_path, const char *out_path, long n, uint64_t seed, hz_date today,
                          hz_errinfo *e) {
    hz_table *t;
    hz_err rc = hz_table_open(roster_path, HZ_ENC_AUTO, &t, e);
    if (rc) return rc;
    id_list l = {0};
    rc = hz_table_each(t, collect_id, &l, e);
    hz_table_free(t);
    if (rc == HZ_OK && l.n == 0) rc = hz_fail(e, HZ_EINVAL, "roster: 没有会员 (no people in the roster)");
    FILE *f = rc ? NULL : fopen(out_path, "wb");
    if (rc == HZ_OK && !f) rc = hz_fail(e, HZ_EINVAL, "out: 无法写入 %s (cannot write)", out_path);
    if (rc) {
        free(l.ids);
        return rc;
    }
    hz_rng r;
    hz_rng_seed(&r, seed ^ 0x5E771E);
    fputs("setl_id,certno,psn_name,gend,fixmedins_code,fixmedins_name,hosp_lv,med_type,adm_date,dscg_date,"
          "main_diag_code,diag_codes,medfee_sumamt,fund_pay_sumamt,psn_selfpay,psn_ownpay,refd_setl_flag,setl_time\n",
          f);
    /* stays from 1 January of last year to 25 days ago */
    int ty, tm, td;
    hz_date_to_ymd(today, &ty, &tm, &td);
    hz_date first = hz_date_from_ymd(ty - 1, 1, 1);
    int span = today - 25 > first ? today - 25 - first : 1;
    for (long i = 0; i < n; i++) {
        const char *id = l.ids[hz_rng_below(&r, l.n)];
        hz_date adm = first + (hz_date)hz_rng_below(&r, (uint64_t)span);
        hz_date dscg = adm + 1 + (hz_date)hz_rng_below(&r, 20);
        bool injury = hz_rng_below(&r, 10) == 0;
        int age = ty - birth_year(id);
        const char *diag = injury ? injuries[hz_rng_below(&r, N(injuries))] : diagnosis(&r, id, age);
        hz_fen medfee = HZ_FEN(3000) + (hz_fen)hz_rng_below(&r, 60000) * 100;
        hz_fen fund = medfee * (50 + (hz_fen)hz_rng_below(&r, 21)) / 100;
        hz_fen selfpay = (medfee - fund) * (60 + (hz_fen)hz_rng_below(&r, 31)) / 100;
        hz_fen ownpay = medfee - fund - selfpay;
        char b1[HZ_DATE_BUF], b2[HZ_DATE_BUF], m1[HZ_MONEY_BUF], m2[HZ_MONEY_BUF], m3[HZ_MONEY_BUF], m4[HZ_MONEY_BUF];
        int h = (int)hz_rng_below(&r, N(hospitals));
        fprintf(f, "S%llu%08ld,%s,,%c,H6101%02d,%s,3,21,%s,%s,%s,,%s,%s,%s,%s,0,%s 10:00:00\n",
                (unsigned long long)(seed % 1000), i, id, ((id[16] - '0') % 2) ? '1' : '2', h, hospitals[h],
                hz_date_format(adm, b1), hz_date_format(dscg, b2), diag, hz_money_format(medfee, m1),
                hz_money_format(fund, m2), hz_money_format(selfpay, m3), hz_money_format(ownpay, m4),
                hz_date_format(dscg, b2));
    }
    free(l.ids);
    if (fclose(f) != 0) return hz_fail(e, HZ_EINTERNAL, "写入失败 (write failed)");
    return HZ_OK;
}
