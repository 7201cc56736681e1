/* enroll, enroll sponsored, enroll renew */
#include <string.h>

#include "app/enroll.h"
#include "cli/cli.h"
#include "io/views.h"

enum { O_ID = 256, O_PLAN, O_START, O_MONTHS, O_PAYER, O_ORG, O_CATEGORY, O_UNIT, O_FROM, O_TO };

typedef struct {
    const char *id, *plan, *start, *months, *payer, *org, *category, *unit, *from, *to;
} enroll_opts;

static int on_opt(hz_cli *cli, void *vctx, int key, const char *arg) {
    (void)cli;
    enroll_opts *o = vctx;
    switch (key) {
    case O_ID: o->id = arg; break;
    case O_PLAN: o->plan = arg; break;
    case O_START: o->start = arg; break;
    case O_MONTHS: o->months = arg; break;
    case O_PAYER: o->payer = arg; break;
    case O_ORG: o->org = arg; break;
    case O_CATEGORY: o->category = arg; break;
    case O_UNIT: o->unit = arg; break;
    case O_FROM: o->from = arg; break;
    case O_TO: o->to = arg; break;
    }
    return 0;
}

static int parse(hz_cli *cli, const char *name, int argc, char **argv, const struct option *opts, enroll_opts *o) {
    memset(o, 0, sizeof *o);
    int pos, rc = hz_cli_parse(cli, hz_cli_find(name), argc, argv, opts, on_opt, o, &pos);
    if (rc) return rc;
    if (pos < argc) return hz_cli_usage(cli, hz_cli_find(name), "多余的参数 (unexpected argument)");
    return 0;
}

static int missing(hz_cli *cli, const char *name, const char *opt) {
    char why[64];
    snprintf(why, sizeof why, "缺少 %s (missing %s)", opt, opt);
    return hz_cli_usage(cli, hz_cli_find(name), why);
}

static void print_bulk(hz_cli *cli, const char *what, const hz_bulk_report *r) {
    char fee[HZ_MONEY_BUF];
    if (cli->json)
        hz_cli_print_json(json_pack("{s:I, s:I, s:I, s:I, s:o}", "selected", (json_int_t)r->selected, "enrolled",
                                    (json_int_t)r->enrolled, "already_covered", (json_int_t)r->already_covered,
                                    "ineligible", (json_int_t)r->ineligible, "premium_total",
                                    hz_json_money(r->premium_total)));
    else
        printf("%s: 选中 %lld 人, 参保 %lld 人, 已有保障 %lld 人, 不符合条件 %lld 人, 保费合计 %s\n", what,
               (long long)r->selected, (long long)r->enrolled, (long long)r->already_covered,
               (long long)r->ineligible, hz_money_format(r->premium_total, fee));
}

int hz_cmd_enroll(hz_cli *cli, int argc, char **argv) {
    static const struct option opts[] = {{"id-number", required_argument, 0, O_ID}, {"plan", required_argument, 0, O_PLAN},
                                         {"start", required_argument, 0, O_START},   {"months", required_argument, 0, O_MONTHS},
                                         {"payer", required_argument, 0, O_PAYER},   {0, 0, 0, 0}};
    enroll_opts o;
    int rc = parse(cli, "enroll", argc, argv, opts, &o);
    if (rc) return rc;
    if (!o.id) return missing(cli, "enroll", "--id-number");
    if (!o.plan) return missing(cli, "enroll", "--plan");
    if (!o.start) return missing(cli, "enroll", "--start");
    hz_enroll_input in = {o.id, NULL, 1, HZ_DATE_NONE, 0, o.payer};
    char code[HZ_PLAN_CODE_MAX];
    if (hz_plan_spec_parse(o.plan, code, &in.shares, &cli->err)) return hz_cli_report(cli);
    in.plan_code = code;
    if ((rc = hz_cli_date(cli, o.start, "start", &in.start))) return rc;
    if (o.months && (rc = hz_cli_int(cli, o.months, "months", 1, 120, &in.months))) return rc;
    hz_coverage c;
    if (hz_app_enroll(&cli->app, &in, &c, &cli->err)) return hz_cli_report(cli);
    if (cli->json) hz_cli_print_json(hz_view_coverage(&c));
    else {
        char b1[HZ_DATE_BUF], b2[HZ_DATE_BUF], fee[HZ_MONEY_BUF];
        printf("已参保 %s %d份 %s 至 %s, 缴费 %s%s\n", c.plan_code, c.shares, hz_date_format(c.start, b1),
               hz_date_format(c.end, b2), hz_money_format(c.premium, fee), c.continuous ? " (连续续保, 无观察期)" : "");
    }
    return 0;
}

int hz_cmd_enroll_sponsored(hz_cli *cli, int argc, char **argv) {
    static const struct option opts[] = {{"org", required_argument, 0, O_ORG},         {"plan", required_argument, 0, O_PLAN},
                                         {"start", required_argument, 0, O_START},     {"months", required_argument, 0, O_MONTHS},
                                         {"category", required_argument, 0, O_CATEGORY}, {0, 0, 0, 0}};
    enroll_opts o;
    int rc = parse(cli, "enroll sponsored", argc, argv, opts, &o);
    if (rc) return rc;
    if (!o.org) return missing(cli, "enroll sponsored", "--org");
    if (!o.plan) return missing(cli, "enroll sponsored", "--plan");
    if (!o.start) return missing(cli, "enroll sponsored", "--start");
    hz_date start;
    int months = 0;
    if ((rc = hz_cli_date(cli, o.start, "start", &start))) return rc;
    if (o.months && (rc = hz_cli_int(cli, o.months, "months", 1, 120, &months))) return rc;
    const char *category = o.category ? o.category : "newform";
    if (strcmp(category, "all") == 0) category = NULL;
    hz_bulk_report r;
    if (hz_app_enroll_sponsored(&cli->app, o.org, category, o.plan, start, months, &r, &cli->err))
        return hz_cli_report(cli);
    print_bulk(cli, "赠送互助保障", &r);
    return 0;
}

int hz_cmd_enroll_renew(hz_cli *cli, int argc, char **argv) {
    static const struct option opts[] = {{"unit", required_argument, 0, O_UNIT},
                                         {"from", required_argument, 0, O_FROM},
                                         {"to", required_argument, 0, O_TO},
                                         {0, 0, 0, 0}};
    enroll_opts o;
    int rc = parse(cli, "enroll renew", argc, argv, opts, &o);
    if (rc) return rc;
    if (!o.unit) return missing(cli, "enroll renew", "--unit");
    hz_date from = cli->app.today - 30, to = cli->app.today + 60;
    if (o.from && (rc = hz_cli_date(cli, o.from, "from", &from))) return rc;
    if (o.to && (rc = hz_cli_date(cli, o.to, "to", &to))) return rc;
    hz_bulk_report r;
    if (hz_app_renew_unit(&cli->app, o.unit, from, to, &r, &cli->err)) return hz_cli_report(cli);
    print_bulk(cli, "续保", &r);
    return 0;
}

static const hz_cmd commands[] = {
    {"plans", hz_cmd_plans, "", "计划目录 (the plan catalogue)", true},
    {"enroll", hz_cmd_enroll, "--id-number X --plan CODE[:SHARES] --start DATE [--months M] [--payer unit|self|org:CODE]",
     "参保一项计划 (enroll one member in one plan)", true},
    {"enroll sponsored", hz_cmd_enroll_sponsored,
     "--org C --plan CODE[:SHARES] --start DATE [--months M] [--category newform|model|hardship|all]",
     "工会赠送互助保障 (a union gives a plan to every member of a selection)", true},
    {"enroll renew", hz_cmd_enroll_renew, "--unit CREDIT_CODE --from DATE --to DATE",
     "续保单位到期的保障 (renew a unit's coverages ending in a window)", true},
    {"import roster", hz_cmd_import_roster,
     "FILE --unit CREDIT_CODE [--plan CODE[:SHARES]]... --start DATE [--months M] [--payer P] [--skip-invalid] [--dry-run]"
     " [--encoding utf-8|gb18030] [--row-by-row]",
     "导入单位花名册并参保 (register and enroll a unit's roster, CSV or XLSX)", true},
    {"gen roster", hz_cmd_gen_roster, "N --out FILE [--seed S]", "生成合成花名册 (synthetic valid roster)", false},
    {NULL, NULL, NULL, NULL, false},
};
/* The enrollment module's commands (src/modules.def). */
const hz_cli_module hz_cli_module_enrollment = {"enrollment", commands};
