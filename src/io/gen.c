/* Deterministic synthetic members (splitmix64). */
#include "io/gen.h"

#include <string.h>

#include "core/idcard.h"

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
