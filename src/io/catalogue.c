/* JSON plan files -> hz_plan, with strict validation (jansson). */
#include "io/catalogue.h"

#include <dirent.h>
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/datadir.h"

typedef struct {
    const char *source;
    hz_errinfo *e;
} ctx;


static hz_err bad(ctx *c, const char *key, const char *why) {
    return hz_fail(c->e, HZ_EINVAL, "%s: %s: %s", c->source, key, why);
}

/* Every key of obj must be in allowed (NULL-terminated). */
static hz_err only_keys(ctx *c, json_t *obj, const char *where, const char *const *allowed) {
    const char *k;
    json_t *v;
    json_object_foreach(obj, k, v) {
        bool ok = false;
        for (int i = 0; allowed[i]; i++) ok |= strcmp(allowed[i], k) == 0;
        if (!ok) {
            char key[160];
            snprintf(key, sizeof key, "%s%s%s", where, *where ? "." : "", k);
            return bad(c, key, "未知的键 (unknown key)");
        }
    }
    return HZ_OK;
}

static hz_err get_int(ctx *c, json_t *obj, const char *name, const char *path, bool required, int def, int *out) {
    json_t *v = json_object_get(obj, name);
    if (!v) {
        if (required) return bad(c, path, "缺少此键 (missing)");
        *out = def;
        return HZ_OK;
    }
    if (!json_is_integer(v)) return bad(c, path, "应为整数 (must be an integer)");
    json_int_t x = json_integer_value(v);
    if (x < -1000000 || x > 1000000) return bad(c, path, "数值超出范围 (out of range)");
    *out = (int)x;
    return HZ_OK;
}

static hz_err get_money(ctx *c, json_t *obj, const char *name, const char *path, bool required, hz_fen *out) {
    json_t *v = json_object_get(obj, name);
    if (!v) {
        if (required) return bad(c, path, "缺少此键 (missing)");
        *out = 0;
        return HZ_OK;
    }
    if (!json_is_string(v)) return bad(c, path, "金额应写成字符串, 如 \"40.00\" (amount must be a string)");
    hz_errinfo me;
    if (hz_money_parse(json_string_value(v), false, out, name, &me) != HZ_OK) return bad(c, path, me.msg);
    return HZ_OK;
}

static hz_err get_bool(ctx *c, json_t *obj, const char *name, const char *path, bool *out) {
    json_t *v = json_object_get(obj, name);
    if (!v) {
        *out = false;
        return HZ_OK;
    }
    if (!json_is_boolean(v)) return bad(c, path, "应为 true 或 false (must be a boolean)");
    *out = json_is_true(v);
    return HZ_OK;
}

static hz_err get_str(ctx *c, json_t *obj, const char *name, const char *path, bool required, char *buf, size_t cap) {
    json_t *v = json_object_get(obj, name);
    buf[0] = '\0';
    if (!v) return required ? bad(c, path, "缺少此键 (missing)") : HZ_OK;
    if (!json_is_string(v)) return bad(c, path, "应为字符串 (must be a string)");
    if (json_string_length(v) >= cap) return bad(c, path, "过长 (too long)");
    memcpy(buf, json_string_value(v), json_string_length(v) + 1);
    return HZ_OK;
}

static hz_err parse_tiers(ctx *c, json_t *arr, const char *path, hz_benefit *b) {
    if (!json_is_array(arr) || json_array_size(arr) < 1 || json_array_size(arr) > HZ_PLAN_MAX_TIERS)
        return bad(c, path, "应为1至3档的数组 (must be an array of 1..3 tiers)");
    static const char *const keys[] = {"name", "pct", "list", NULL};
    size_t i;
    json_t *t;
    json_array_foreach(arr, i, t) {
        char p[96];
        snprintf(p, sizeof p, "%s[%zu]", path, i);
        if (!json_is_object(t)) return bad(c, p, "应为对象 (must be an object)");
        hz_err rc = only_keys(c, t, p, keys);
        if (rc) return rc;
        hz_lump_tier *tier = &b->tiers[i];
        char list[1024], kp[128];
        snprintf(kp, sizeof kp, "%s.name", p);
        if ((rc = get_str(c, t, "name", kp, true, tier->name, sizeof tier->name))) return rc;
        snprintf(kp, sizeof kp, "%s.pct", p);
        if ((rc = get_int(c, t, "pct", kp, true, 0, &tier->pct))) return rc;
        snprintf(kp, sizeof kp, "%s.list", p);
        if ((rc = get_str(c, t, "list", kp, true, list, sizeof list))) return rc;
        hz_errinfo le;
        if (hz_icd_list_parse(list, &tier->list, &le) != HZ_OK) return bad(c, kp, le.msg);
    }
    b->n_tiers = (int)json_array_size(arr);
    return HZ_OK;
}

static hz_err parse_benefit(ctx *c, json_t *o, int idx, hz_benefit *b) {
    char path[64], kp[128];
    snprintf(path, sizeof path, "benefits[%d]", idx);
    if (!json_is_object(o)) return bad(c, path, "应为对象 (must be an object)");
    static const char *const keys[] = {"kind", "component", "illness_only", "deductible_first", "deductible_later",
                                       "hardship_deductible_first", "hardship_deductible_later", "ratio_pct",
                                       "favoured_ratio_pct", "pct", "deductible", "per_day_per_share", "from_day",
                                       "sum_per_share", "tiers", "cap", "cap_per_share", NULL};
    hz_err rc = only_keys(c, o, path, keys);
    if (rc) return rc;
    char kind[32];
#define K(name) (snprintf(kp, sizeof kp, "%s.%s", path, name), kp)
    if ((rc = get_str(c, o, "kind", K("kind"), true, kind, sizeof kind))) return rc;
    if ((rc = get_str(c, o, "component", K("component"), true, b->component, sizeof b->component))) return rc;
    if ((rc = get_bool(c, o, "illness_only", K("illness_only"), &b->illness_only))) return rc;
    if ((rc = get_money(c, o, "cap", K("cap"), false, &b->cap))) return rc;
    if ((rc = get_bool(c, o, "cap_per_share", K("cap_per_share"), &b->cap_per_share))) return rc;
    if (strcmp(kind, "inpatient") == 0) {
        b->kind = HZ_BEN_INPATIENT;
        if ((rc = get_money(c, o, "deductible_first", K("deductible_first"), true, &b->deductible_first)) ||
            (rc = get_money(c, o, "deductible_later", K("deductible_later"), true, &b->deductible_later)) ||
            (rc = get_money(c, o, "hardship_deductible_first", K("hardship_deductible_first"), true,
                            &b->hardship_deductible_first)) ||
            (rc = get_money(c, o, "hardship_deductible_later", K("hardship_deductible_later"), true,
                            &b->hardship_deductible_later)) ||
            (rc = get_int(c, o, "ratio_pct", K("ratio_pct"), true, 0, &b->ratio_pct)) ||
            (rc = get_int(c, o, "favoured_ratio_pct", K("favoured_ratio_pct"), false, b->ratio_pct,
                          &b->favoured_ratio_pct)))
            return rc;
    } else if (strcmp(kind, "lump_sum") == 0) {
        b->kind = HZ_BEN_LUMP_SUM;
        if ((rc = get_money(c, o, "sum_per_share", K("sum_per_share"), true, &b->sum))) return rc;
        json_t *tiers = json_object_get(o, "tiers");
        if (!tiers) return bad(c, K("tiers"), "缺少此键 (missing)");
        if ((rc = parse_tiers(c, tiers, K("tiers"), b))) return rc;
        b->illness_only = false;
    } else if (strcmp(kind, "accident_lump") == 0) {
        b->kind = HZ_BEN_ACCIDENT_LUMP;
        if ((rc = get_money(c, o, "sum_per_share", K("sum_per_share"), true, &b->sum))) return rc;
    } else if (strcmp(kind, "accident_medical") == 0) {
        b->kind = HZ_BEN_ACCIDENT_MEDICAL;
        if ((rc = get_int(c, o, "pct", K("pct"), true, 0, &b->pct)) ||
            (rc = get_money(c, o, "deductible", K("deductible"), true, &b->deductible)))
            return rc;
    } else if (strcmp(kind, "allowance") == 0) {
        b->kind = HZ_BEN_ALLOWANCE;
        if ((rc = get_money(c, o, "per_day_per_share", K("per_day_per_share"), true, &b->per_day)) ||
            (rc = get_int(c, o, "from_day", K("from_day"), true, 0, &b->from_day)))
            return rc;
    } else {
        return bad(c, K("kind"), "应为 inpatient / lump_sum / accident_lump / accident_medical / allowance");
    }
#undef K
    return HZ_OK;
}

static hz_err parse_plan(ctx *c, json_t *root, hz_plan *p) {
    static const char *const keys[] = {"code", "name", "premium_per_share", "shares", "terms", "age", "sex",
                                       "requires_flag", "waiting_days", "benefits", NULL};
    hz_err rc = only_keys(c, root, "", keys);
    if (rc) return rc;
    memset(p, 0, sizeof *p);
    if ((rc = get_str(c, root, "code", "code", true, p->code, sizeof p->code)) ||
        (rc = get_str(c, root, "name", "name", true, p->name, sizeof p->name)) ||
        (rc = get_money(c, root, "premium_per_share", "premium_per_share", true, &p->premium_per_share)) ||
        (rc = get_int(c, root, "waiting_days", "waiting_days", true, 0, &p->waiting_days)))
        return rc;
    static const char *const range_keys[] = {"min", "max", NULL};
    json_t *shares = json_object_get(root, "shares"), *age = json_object_get(root, "age");
    if (!json_is_object(shares)) return bad(c, "shares", "应为 {\"min\":…,\"max\":…} (must be an object)");
    if (!json_is_object(age)) return bad(c, "age", "应为 {\"min\":…,\"max\":…} (must be an object)");
    if ((rc = only_keys(c, shares, "shares", range_keys)) || (rc = only_keys(c, age, "age", range_keys)) ||
        (rc = get_int(c, shares, "min", "shares.min", true, 0, &p->min_shares)) ||
        (rc = get_int(c, shares, "max", "shares.max", true, 0, &p->max_shares)) ||
        (rc = get_int(c, age, "min", "age.min", true, 0, &p->age_min)) ||
        (rc = get_int(c, age, "max", "age.max", true, 0, &p->age_max)))
        return rc;
    json_t *terms = json_object_get(root, "terms");
    if (!json_is_array(terms) || json_array_size(terms) < 1 || json_array_size(terms) > HZ_PLAN_MAX_TERMS)
        return bad(c, "terms", "应为1至4个月数的数组 (must be an array of 1..4 month counts)");
    size_t i;
    json_t *v;
    json_array_foreach(terms, i, v) {
        if (!json_is_integer(v)) return bad(c, "terms", "月数应为整数 (months must be integers)");
        p->terms[i] = (int)json_integer_value(v);
    }
    p->n_terms = (int)json_array_size(terms);
    char sex[8], flag[16];
    if ((rc = get_str(c, root, "sex", "sex", false, sex, sizeof sex))) return rc;
    if (!sex[0] || strcmp(sex, "any") == 0) p->sex = 0;
    else if (strcmp(sex, "F") == 0 || strcmp(sex, "M") == 0) p->sex = sex[0];
    else return bad(c, "sex", "应为 any、F 或 M (must be any, F or M)");
    if ((rc = get_str(c, root, "requires_flag", "requires_flag", false, flag, sizeof flag))) return rc;
    if (flag[0] && strcmp(flag, "newform") != 0) return bad(c, "requires_flag", "目前只支持 newform (only newform)");
    p->requires_newform = flag[0] != '\0';
    json_t *bens = json_object_get(root, "benefits");
    if (!json_is_array(bens) || json_array_size(bens) < 1 || json_array_size(bens) > HZ_PLAN_MAX_BENEFITS)
        return bad(c, "benefits", "应为1至4项给付的数组 (must be an array of 1..4 benefits)");
    json_array_foreach(bens, i, v) {
        if ((rc = parse_benefit(c, v, (int)i, &p->benefits[i]))) return rc;
    }
    p->n_benefits = (int)json_array_size(bens);
    hz_errinfo ve;
    if (hz_plan_validate(p, &ve) != HZ_OK) return hz_fail(c->e, HZ_EINVAL, "%s: %s", c->source, ve.msg);
    return HZ_OK;
}

static hz_err parse_scheme(ctx *c, json_t *root, hz_lm_scheme *lm) {
    static const char *const keys[] = {"code", "name", "scheme", "levels", "annual_budget", NULL};
    static const char *const level_keys[] = {"pct", "cap", NULL};
    static const char *const names[3] = {"national", "provincial", "city"};
    hz_err rc = only_keys(c, root, "", keys);
    if (rc) return rc;
    json_t *levels = json_object_get(root, "levels");
    if (!json_is_object(levels)) return bad(c, "levels", "应为对象 (must be an object)");
    static const char *const level_names[] = {"national", "provincial", "city", NULL};
    if ((rc = only_keys(c, levels, "levels", level_names))) return rc;
    for (int i = 0; i < 3; i++) {
        char path[64];
        snprintf(path, sizeof path, "levels.%s", names[i]);
        json_t *l = json_object_get(levels, names[i]);
        if (!json_is_object(l)) return bad(c, path, "缺少或不是对象 (missing or not an object)");
        char kp[96];
        if ((rc = only_keys(c, l, path, level_keys))) return rc;
        snprintf(kp, sizeof kp, "%s.pct", path);
        if ((rc = get_int(c, l, "pct", kp, true, 0, &lm->pct[i]))) return rc;
        if (lm->pct[i] < 1 || lm->pct[i] > 100) return bad(c, kp, "应为1至100 (must be 1..100)");
        snprintf(kp, sizeof kp, "%s.cap", path);
        if ((rc = get_money(c, l, "cap", kp, true, &lm->cap[i]))) return rc;
    }
    return get_money(c, root, "annual_budget", "annual_budget", true, &lm->annual_budget);
}

hz_err hz_catalogue_parse(const char *text, const char *source, hz_catalogue_entry *out, hz_errinfo *e) {
    ctx c = {source, e};
    memset(out, 0, sizeof *out);
    json_error_t je;
    json_t *root = json_loads(text, JSON_REJECT_DUPLICATES, &je);
    if (!root) return hz_fail(e, HZ_EINVAL, "%s: 第%d行: JSON 格式错误 (line %d: %s)", source, je.line, je.line, je.text);
    hz_err rc;
    if (!json_is_object(root)) {
        rc = bad(&c, "(root)", "应为对象 (must be an object)");
        goto done;
    }
    if ((rc = get_str(&c, root, "code", "code", true, out->code, sizeof out->code)) ||
        (rc = get_str(&c, root, "name", "name", true, out->name, sizeof out->name)) ||
        (rc = get_bool(&c, root, "scheme", "scheme", &out->scheme)))
        goto done;
    for (const char *p = out->code; *p; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'))) {
            rc = bad(&c, "code", "只能是大写字母和数字 (upper-case letters and digits only)");
            goto done;
        }
    rc = out->scheme ? parse_scheme(&c, root, &out->lm) : parse_plan(&c, root, &out->plan);
    if (rc) goto done;
    out->canonical = json_dumps(root, JSON_SORT_KEYS | JSON_COMPACT | JSON_ENSURE_ASCII);
    if (!out->canonical) {
        rc = hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
        goto done;
    }
    unsigned char h[32];
    crypto_generichash(h, sizeof h, (const unsigned char *)out->canonical, strlen(out->canonical), NULL, 0);
    sodium_bin2hex(out->digest, sizeof out->digest, h, sizeof h);
done:
    json_decref(root);
    return rc;
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

hz_err hz_catalogue_load_dir(const char *dir, hz_catalogue_entry **out, int *n, hz_errinfo *e) {
    *out = NULL;
    *n = 0;
    DIR *d = opendir(dir);
    if (!d) return hz_fail(e, HZ_EINVAL, "无法打开计划目录 %s (cannot open catalogue directory)", dir);
    char *names[64];
    int count = 0;
    struct dirent *de;
    hz_err rc = HZ_OK;
    while ((de = readdir(d))) {
        size_t l = strlen(de->d_name);
        if (l < 6 || strcmp(de->d_name + l - 5, ".json") != 0) continue;
        if (count == 64) {
            rc = hz_fail(e, HZ_EINVAL, "%s: 计划文件过多 (more than 64 plan files)", dir);
            break;
        }
        names[count++] = strdup(de->d_name);
    }
    closedir(d);
    if (rc == HZ_OK && count == 0) rc = hz_fail(e, HZ_EINVAL, "%s: 没有计划文件 (no *.json plan files)", dir);
    qsort(names, (size_t)count, sizeof names[0], by_name);
    hz_catalogue_entry *entries = rc ? NULL : calloc((size_t)count, sizeof *entries);
    if (!rc && !entries) rc = hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    int parsed = 0;
    for (int i = 0; rc == HZ_OK && i < count; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        FILE *f = fopen(path, "rb");
        if (!f) {
            rc = hz_fail(e, HZ_EINVAL, "%s: 无法读取 (cannot read)", path);
            break;
        }
        char buf[65536];
        size_t len = fread(buf, 1, sizeof buf - 1, f);
        bool too_big = !feof(f);
        fclose(f);
        if (too_big) {
            rc = hz_fail(e, HZ_EINVAL, "%s: 文件超过64KB (file larger than 64 KiB)", path);
            break;
        }
        buf[len] = '\0';
        if ((rc = hz_catalogue_parse(buf, names[i], &entries[i], e))) break;
        parsed++;
        for (int j = 0; j < i; j++)
            if (strcmp(entries[j].code, entries[i].code) == 0) {
                rc = hz_fail(e, HZ_EINVAL, "%s: code: 计划代码 %s 重复 (duplicate plan code)", names[i], entries[i].code);
                break;
            }
    }
    for (int i = 0; i < count; i++) free(names[i]);
    if (rc) {
        hz_catalogue_free(entries, parsed);
        return rc;
    }
    *out = entries;
    *n = count;
    return HZ_OK;
}

void hz_catalogue_free(hz_catalogue_entry *entries, int n) {
    if (!entries) return;
    for (int i = 0; i < n; i++) free(entries[i].canonical);
    free(entries);
}

const char *hz_catalogue_default_dir(void) {
    const char *env = getenv("HUZHU_CATALOGUE");
    return env && *env ? env : hz_data_path(HZ_DATA_CATALOGUE);
}
