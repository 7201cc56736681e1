/* lm budget | apply | show | approve | reject | proactive | list */
#include <stdlib.h>
#include <string.h>

#include "app/authz.h"
#include "app/lm.h"
#include "cli/cli.h"
#include "io/views_aid.h"

enum { O_YEAR = 256, O_AMOUNT, O_ID, O_SETL, O_REASON, O_STATUS };

typedef struct {
    const char *year, *amount, *id, *setl, *reason, *status;
} lm_opts;

static int on_opt(hz_cli *cli, void *vctx, int key, const char *arg) {
    (void)cli;
    lm_opts *o = vctx;
    if (key == O_YEAR) o->year = arg;
    else if (key == O_AMOUNT) o->amount = arg;
    else if (key == O_ID) o->id = arg;
    else if (key == O_SETL) o->setl = arg;
    else if (key == O_REASON) o->reason = arg;
    else if (key == O_STATUS) o->status = arg;
    return 0;
}

static const struct option longopts[] = {
    {"year", required_argument, 0, O_YEAR},         {"amount", required_argument, 0, O_AMOUNT},
    {"id-number", required_argument, 0, O_ID},      {"settlement", required_argument, 0, O_SETL},
    {"reason", required_argument, 0, O_REASON},     {"status", required_argument, 0, O_STATUS},
    {0, 0, 0, 0}};

/* Parses options; *no gets the one positional argument when want_no. */
static int parse(hz_cli *cli, const char *name, int argc, char **argv, lm_opts *o, bool want_no, const char **no) {
    memset(o, 0, sizeof *o);
    int pos, rc = hz_cli_parse(cli, hz_cli_find(name), argc, argv, longopts, on_opt, o, &pos);
    if (rc) return rc;
    if (want_no) {
        if (pos >= argc) return hz_cli_usage(cli, hz_cli_find(name), "须指定补助编号 NO (missing NO)");
        *no = argv[pos++];
    }
    if (pos < argc) return hz_cli_usage(cli, hz_cli_find(name), "多余的参数 (unexpected argument)");
    return 0;
}

static int print_subsidy(hz_cli *cli, const hz_lm_subsidy *s) {
    if (cli->json) {
        hz_cli_print_json(hz_view_lm(s, !hz_authz_sees_identity(&cli->app)));
        return 0;
    }
    char b[HZ_MONEY_BUF];
    printf("%s %s %s %s %s\n  %s\n", s->subsidy_no, s->status, s->setl_id, hz_money_format(s->amount, b), s->reason,
           s->explain);
    return 0;
}

static int hz_cmd_lm_budget(hz_cli *cli, int argc, char **argv) {
    lm_opts o;
    int rc = parse(cli, "lm budget", argc, argv, &o, false, NULL);
    if (rc) return rc;
    if (!o.year) return hz_cli_usage(cli, hz_cli_find("lm budget"), "须指定 --year (missing --year)");
    int year;
    if ((rc = hz_cli_int(cli, o.year, "year", 2000, 2199, &year))) return rc;
    hz_fen amount = 0;
    if (o.amount && hz_money_parse(o.amount, false, &amount, "amount", &cli->err)) return hz_cli_report(cli);
    hz_lm_budget_view v;
    if (hz_app_lm_budget(&cli->app, year, o.amount != NULL, amount, &v, &cli->err)) return hz_cli_report(cli);
    char b1[HZ_MONEY_BUF], b2[HZ_MONEY_BUF], b3[HZ_MONEY_BUF];
    if (cli->json)
        hz_cli_print_json(json_pack("{s:i, s:o, s:o, s:o}", "year", v.year, "budget", hz_json_money(v.budget),
                                    "committed", hz_json_money(v.committed), "left", hz_json_money(v.left)));
    else
        printf("%d 年劳模医疗补助预算 %s%s, 已承诺 %s, 剩余 %s\n", v.year, hz_money_format(v.budget, b1),
               v.set ? "" : " (方案默认)", hz_money_format(v.committed, b2), hz_money_format(v.left, b3));
    return 0;
}

static int hz_cmd_lm_apply(hz_cli *cli, int argc, char **argv) {
    lm_opts o;
    int rc = parse(cli, "lm apply", argc, argv, &o, false, NULL);
    if (rc) return rc;
    if (!o.id || !o.setl)
        return hz_cli_usage(cli, hz_cli_find("lm apply"), "须指定 --id-number 和 --settlement (missing options)");
    hz_lm_subsidy s;
    if (hz_app_lm_apply(&cli->app, o.id, o.setl, &s, &cli->err)) return hz_cli_report(cli);
    return print_subsidy(cli, &s);
}

static int hz_cmd_lm_show(hz_cli *cli, int argc, char **argv) {
    lm_opts o;
    const char *no;
    int rc = parse(cli, "lm show", argc, argv, &o, true, &no);
    if (rc) return rc;
    hz_lm_subsidy s;
    if (hz_app_lm_show(&cli->app, no, &s, &cli->err)) return hz_cli_report(cli);
    return print_subsidy(cli, &s);
}

static int hz_cmd_lm_approve(hz_cli *cli, int argc, char **argv) {
    lm_opts o;
    const char *no;
    int rc = parse(cli, "lm approve", argc, argv, &o, true, &no);
    if (rc) return rc;
    hz_lm_subsidy s;
    if (hz_app_lm_approve(&cli->app, no, &s, &cli->err)) return hz_cli_report(cli);
    return print_subsidy(cli, &s);
}

static int hz_cmd_lm_reject(hz_cli *cli, int argc, char **argv) {
    lm_opts o;
    const char *no;
    int rc = parse(cli, "lm reject", argc, argv, &o, true, &no);
    if (rc) return rc;
    if (!o.reason) return hz_cli_usage(cli, hz_cli_find("lm reject"), "须指定 --reason (missing --reason)");
    hz_lm_subsidy s;
    if (hz_app_lm_reject(&cli->app, no, o.reason, &s, &cli->err)) return hz_cli_report(cli);
    return print_subsidy(cli, &s);
}

typedef struct {
    hz_cli *cli;
    json_t *arr;
} list_ctx;

static void made_one(void *vctx, const hz_lm_subsidy *s) {
    list_ctx *c = vctx;
    if (c->arr) json_array_append_new(c->arr, hz_view_lm(s, !hz_authz_sees_identity(&c->cli->app)));
    else print_subsidy(c->cli, s);
}

static int hz_cmd_lm_proactive(hz_cli *cli, int argc, char **argv) {
    lm_opts o;
    int rc = parse(cli, "lm proactive", argc, argv, &o, false, NULL);
    if (rc) return rc;
    list_ctx c = {cli, cli->json ? json_array() : NULL};
    int64_t n;
    if (hz_app_lm_proactive(&cli->app, made_one, &c, &n, &cli->err)) {
        json_decref(c.arr);
        return hz_cli_report(cli);
    }
    if (cli->json) hz_cli_print_json(json_pack("{s:o}", "created", c.arr));
    else printf("新建劳模医疗补助申请 %lld 件\n", (long long)n);
    return 0;
}

static hz_err lm_table(hz_cli *cli, const hz_list_query *q, const char *const *extra, hz_report *r) {
    char *end = NULL;
    long year = extra[0] ? strtol(extra[0], &end, 10) : 0;
    if (extra[0] && (!*extra[0] || *end || year < 2000 || year > 2199))
        return hz_fail(&cli->err, HZ_EINVAL, "year: 应为 2000 至 2199 的年份 (a year 2000..2199)");
    return hz_app_lm_export(&cli->app, q, (int)year, r, &cli->err);
}

static int hz_cmd_lm_list(hz_cli *cli, int argc, char **argv) {
    static const char *const extra[] = {"year", NULL};
    return hz_cli_list(cli, "lm list", argc, argv, extra, lm_table);
}

static const hz_cmd commands[] = {
    {"lm budget", hz_cmd_lm_budget, "--year Y [--amount YUAN]", "劳模医疗补助年度预算: 设置或查看 (set or show the budget)",
     true},
    {"lm apply", hz_cmd_lm_apply, "--id-number X --settlement SETL_ID",
     "劳模医疗补助申请, 立即核算 (an LM subsidy, computed at once)", true},
    {"lm show", hz_cmd_lm_show, "NO", "劳模医疗补助详情 (a subsidy)", true},
    {"lm approve", hz_cmd_lm_approve, "NO", "审批, 占用年度预算 (approve within the budget)", true},
    {"lm reject", hz_cmd_lm_reject, "NO --reason T", "拒绝 (reject with a reason)", true},
    {"lm proactive", hz_cmd_lm_proactive, "",
     "为劳模已理赔的住院自动生成补助申请 (applications for model workers' settled stays)", true},
    {"lm list", hz_cmd_lm_list,
     "[--q TEXT] [--status applied|approved|rejected|paid] [--unit CREDIT_CODE] [--from D] [--to D] [--year Y]"
     " [--sort no|name|status|amount|created_at] [--order asc|desc] [--format table|csv|xlsx|json] [--out FILE]",
     "劳模医疗补助清单, 与 GET /lm/applications?format= 相同 (every matching subsidy in scope, newest first)", true},
    {NULL, NULL, NULL, NULL, false},
};
/* The lm module's commands (src/modules.def). */
const hz_cli_module hz_cli_module_lm = {"lm", commands};
