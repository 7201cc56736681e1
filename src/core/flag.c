/* Parsing and lookup of member category flags. */
#include "core/flag.h"

#include <stdio.h>
#include <string.h>

static bool one_of(const char *v, const char *const *list) {
    for (int i = 0; list[i]; i++)
        if (strcmp(v, list[i]) == 0) return true;
    return false;
}

static const char *const model_levels[] = {"national", "provincial", "city", NULL};
static const char *const hardship_levels[] = {"deep", "relative", "sudden", NULL};
static const char *const occupations[] = {"courier", "delivery", "ridehail", "truck", "other", NULL};

hz_err hz_flag_parse(const char *text, hz_flag *out, hz_errinfo *e) {
    char buf[96];
    if (!text || strlen(text) >= sizeof buf)
        return hz_fail(e, HZ_EINVAL, "flag: 格式错误 (bad flag '%s')", text ? text : "");
    memcpy(buf, text, strlen(text) + 1);
    char *parts[5] = {0};
    int n = 0;
    for (char *p = buf; n < 5;) {
        parts[n++] = p;
        char *c = strchr(p, ':');
        if (!c) break;
        *c = '\0';
        p = c + 1;
    }
    memset(out, 0, sizeof *out);
    if (n < 2 || n == 3 || n > 4 || strchr(parts[n - 1], ':'))
        return hz_fail(e, HZ_EINVAL, "flag: 应为 类别:级别[:起:止] (expected KIND:LEVEL[:FROM:TO], got '%s')", text);
    const char *const *levels;
    if (strcmp(parts[0], "model") == 0) levels = model_levels;
    else if (strcmp(parts[0], "hardship") == 0) levels = hardship_levels;
    else if (strcmp(parts[0], "newform") == 0) levels = occupations;
    else return hz_fail(e, HZ_EINVAL, "flag: 未知类别 '%s' (kind must be model, hardship or newform)", parts[0]);
    if (!one_of(parts[1], levels))
        return hz_fail(e, HZ_EINVAL, "flag: %s 的级别 '%s' 无效 (unknown level)", parts[0], parts[1]);
    snprintf(out->kind, sizeof out->kind, "%s", parts[0]);
    snprintf(out->level, sizeof out->level, "%s", parts[1]);
    out->from = HZ_FLAG_FOREVER_FROM;
    out->to = HZ_FLAG_FOREVER_TO;
    if (n == 4) {
        hz_err rc;
        if ((rc = hz_date_parse(parts[2], &out->from, "flag FROM", e)) || (rc = hz_date_parse(parts[3], &out->to, "flag TO", e)))
            return rc;
        if (out->to < out->from) return hz_fail(e, HZ_EINVAL, "flag: 截止日期早于起始日期 (TO before FROM in '%s')", text);
    } else if (strcmp(parts[0], "hardship") == 0) {
        return hz_fail(e, HZ_EINVAL, "flag: 困难职工须注明有效期 hardship:LEVEL:FROM:TO (hardship needs its validity dates)");
    }
    return HZ_OK;
}

const hz_flag *hz_flag_find(const hz_flag *flags, int n, const char *kind, hz_date d) {
    for (int i = 0; i < n; i++)
        if (strcmp(flags[i].kind, kind) == 0 && flags[i].from <= d && d <= flags[i].to) return &flags[i];
    return NULL;
}

const char *hz_flag_label(const hz_flag *f) {
    static const struct {
        const char *level, *label;
    } labels[] = {
        {"national", "全国劳模"}, {"provincial", "省级劳模"}, {"city", "市级劳模"},   {"deep", "深度困难"},
        {"relative", "相对困难"}, {"sudden", "意外致困"},     {"courier", "快递员"},   {"delivery", "外卖骑手"},
        {"ridehail", "网约车司机"}, {"truck", "货车司机"},    {"other", "其他新就业形态"},
    };
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
        if (strcmp(labels[i].level, f->level) == 0) return labels[i].label;
    return f->level;
}

const char *hz_model_level_code(const char *w) {
    if (!strcmp(w, "national") || !strcmp(w, "全国") || !strcmp(w, "全国级") || !strcmp(w, "国家级")) return "national";
    if (!strcmp(w, "provincial") || !strcmp(w, "省级") || !strcmp(w, "省部级") || !strcmp(w, "省")) return "provincial";
    if (!strcmp(w, "city") || !strcmp(w, "市级") || !strcmp(w, "市")) return "city";
    return NULL;
}

const char *hz_occupation_code(const char *w) {
    if (!strcmp(w, "courier") || !strcmp(w, "快递员") || !strcmp(w, "快递")) return "courier";
    if (!strcmp(w, "delivery") || !strcmp(w, "外卖骑手") || !strcmp(w, "外卖") || !strcmp(w, "骑手")) return "delivery";
    if (!strcmp(w, "ridehail") || !strcmp(w, "网约车司机") || !strcmp(w, "网约车")) return "ridehail";
    if (!strcmp(w, "truck") || !strcmp(w, "货车司机") || !strcmp(w, "货车")) return "truck";
    if (!strcmp(w, "other") || !strcmp(w, "其他")) return "other";
    return NULL;
}
