/* relief program add | propose | apply | show | approve | reject | list | publicity | goods; donation add */
#include <stdlib.h>
#include <string.h>

#include "app/authz.h"
#include "app/relief.h"
#include "app/relief_goods.h"
#include "cli/cli.h"
#include "core/idcard.h"
#include "core/relief.h"
#include "io/bank.h"
#include "io/views_aid.h"

enum {
    O_CODE = 256,
    O_KIND,
    O_YEAR,
    O_BUDGET,
    O_NAME,
    O_PROGRAM,
    O_ID,
    O_SNAME,
    O_SID,
    O_SCHOOL,
    O_LEVEL,
    O_REASON,
    O_AMOUNT,
    O_ITEMS,
    O_DATE,
    O_STATUS,
    O_OUT,
    O_DONOR,
    O_ADD
};

typedef hz_cli_optv rl_opts;
_Static_assert(O_ADD - O_CODE < HZ_CLI_OPTV_MAX, "options fit hz_cli_optv");
#define OPT(o, k) ((o)->v[(k)-O_CODE])

static const struct option longopts[] = {{"code", required_argument, 0, O_CODE},
                                         {"kind", required_argument, 0, O_KIND},
                                         {"year", required_argument, 0, O_YEAR},
                                         {"budget", required_argument, 0, O_BUDGET},
                                         {"name", required_argument, 0, O_NAME},
                                         {"program", required_argument, 0, O_PROGRAM},
                                         {"id-number", required_argument, 0, O_ID},
                                         {"student-name", required_argument, 0, O_SNAME},
                                         {"student-id-number", required_argument, 0, O_SID},
                                         {"school", required_argument, 0, O_SCHOOL},
                                         {"level", required_argument, 0, O_LEVEL},
                                         {"reason", required_argument, 0, O_REASON},
                                         {"amount", required_argument, 0, O_AMOUNT},
                                         {"items", required_argument, 0, O_ITEMS},
                                         {"date", required_argument, 0, O_DATE},
                                         {"status", required_argument, 0, O_STATUS},
                                         {"out", required_argument, 0, O_OUT},
                                         {"donor", required_argument, 0, O_DONOR},
                                         {"add", required_argument, 0, O_ADD},
                                         {0, 0, 0, 0}};

static int parse(hz_cli *cli, const char *name, int argc, char **argv, rl_opts *o, const char **no) {
    return hz_cli_parse_optv(cli, name, argc, argv, longopts, O_CODE, O_ADD, o, no, "须指定编号 NO (missing NO)");
}

static bool masked(hz_cli *cli) { return !hz_authz_sees_identity(&cli->app); }

static int print_grant(hz_cli *cli, const hz_relief_grant *g) {
    if (cli->json) {
        hz_cli_print_json(hz_view_relief_grant(g, masked(cli)));
        return 0;
    }
    char b[HZ_MONEY_BUF];
    printf("%s %s %s %s %s\n", g->grant_no, g->program_code, g->id_number, hz_money_format(g->amount, b), g->status);
    return 0;
}

static int cmd_program_add(hz_cli *cli, int argc, char **argv) {
    rl_opts o;
    int rc = parse(cli, "relief program add", argc, argv, &o, NULL), year;
    if (rc || (rc = hz_cli_need(cli, "relief program add", OPT(&o, O_CODE), "--code")) ||
        (rc = hz_cli_need(cli, "relief program add", OPT(&o, O_KIND), "--kind")) ||
        (rc = hz_cli_need(cli, "relief program add", OPT(&o, O_YEAR), "--year")) ||
        (rc = hz_cli_need(cli, "relief program add", OPT(&o, O_BUDGET), "--budget")) ||
        (rc = hz_cli_need(cli, "relief program add", OPT(&o, O_NAME), "--name")) ||
        (rc = hz_cli_int(cli, OPT(&o, O_YEAR), "year", 2000, 2199, &year)))
        return rc;
    hz_fen budget;
    if (hz_money_parse(OPT(&o, O_BUDGET), false, &budget, "budget", &cli->err)) return hz_cli_report(cli);
    hz_relief_program p;
    if (hz_app_relief_program_add(&cli->app, OPT(&o, O_CODE), OPT(&o, O_KIND), year, budget, OPT(&o, O_NAME), &p,
                                  &cli->err))
        return hz_cli_report(cli);
    char b[HZ_MONEY_BUF];
    if (cli->json)
        hz_cli_print_json(json_pack("{s:s, s:s, s:i, s:s, s:o}", "code", p.code, "kind", p.kind, "year", p.year, "name",
                                    p.name, "budget", hz_json_money(p.budget)));
    else
        printf("已新增救助项目 %s (%s, %d 年, 预算 %s)\n", p.code, p.kind, p.year, hz_money_format(p.budget, b));
    return 0;
}

typedef struct {
    hz_cli *cli;
    json_t *arr;
    FILE *csv;
} list_ctx;

static hz_err list_one(void *vctx, const hz_relief_grant *g, hz_errinfo *e) {
    (void)e;
    list_ctx *c = vctx;
    if (c->arr)
        json_array_append_new(c->arr, hz_view_relief_grant(g, masked(c->cli)));
    else
        print_grant(c->cli, g);
    return HZ_OK;
}

static int cmd_propose(hz_cli *cli, int argc, char **argv) {
    rl_opts o;
    int rc = parse(cli, "relief propose", argc, argv, &o, NULL);
    if (rc || (rc = hz_cli_need(cli, "relief propose", OPT(&o, O_PROGRAM), "--program"))) return rc;
    list_ctx c = {cli, cli->json ? json_array() : NULL, NULL};
    int64_t n;
    if (hz_app_relief_propose(&cli->app, OPT(&o, O_PROGRAM), list_one, &c, &n, &cli->err)) {
        json_decref(c.arr);
        return hz_cli_report(cli);
    }
    if (cli->json)
        hz_cli_print_json(json_pack("{s:o}", "grants", c.arr));
    else
        printf("新提出二次救助 %lld 人\n", (long long)n);
    return 0;
}

static int cmd_apply(hz_cli *cli, int argc, char **argv) {
    rl_opts o;
    int rc = parse(cli, "relief apply", argc, argv, &o, NULL);
    if (rc || (rc = hz_cli_need(cli, "relief apply", OPT(&o, O_PROGRAM), "--program")) ||
        (rc = hz_cli_need(cli, "relief apply", OPT(&o, O_ID), "--id-number")))
        return rc;
    hz_relief_input in = {OPT(&o, O_PROGRAM), OPT(&o, O_ID),     OPT(&o, O_SNAME),  OPT(&o, O_SID),   OPT(&o, O_SCHOOL),
                          OPT(&o, O_LEVEL),   OPT(&o, O_REASON), OPT(&o, O_AMOUNT), OPT(&o, O_ITEMS), HZ_DATE_NONE};
    if (OPT(&o, O_DATE) && (rc = hz_cli_date(cli, OPT(&o, O_DATE), "date", &in.date))) return rc;
    hz_relief_grant g;
    if (hz_app_relief_apply(&cli->app, &in, &g, &cli->err)) return hz_cli_report(cli);
    return print_grant(cli, &g);
}

static int cmd_show(hz_cli *cli, int argc, char **argv) {
    rl_opts o;
    const char *no;
    int rc = parse(cli, "relief show", argc, argv, &o, &no);
    if (rc) return rc;
    hz_relief_grant g;
    if (hz_app_relief_show(&cli->app, no, &g, &cli->err)) return hz_cli_report(cli);
    return print_grant(cli, &g);
}

static int cmd_approve(hz_cli *cli, int argc, char **argv) {
    rl_opts o;
    const char *no;
    int rc = parse(cli, "relief approve", argc, argv, &o, &no);
    if (rc) return rc;
    hz_relief_grant g;
    if (hz_app_relief_approve(&cli->app, no, &g, &cli->err)) return hz_cli_report(cli);
    return print_grant(cli, &g);
}

static int cmd_reject(hz_cli *cli, int argc, char **argv) {
    rl_opts o;
    const char *no;
    int rc = parse(cli, "relief reject", argc, argv, &o, &no);
    if (rc || (rc = hz_cli_need(cli, "relief reject", OPT(&o, O_REASON), "--reason"))) return rc;
    hz_relief_grant g;
    if (hz_app_relief_reject(&cli->app, no, OPT(&o, O_REASON), &g, &cli->err)) return hz_cli_report(cli);
    return print_grant(cli, &g);
}

static int cmd_list(hz_cli *cli, int argc, char **argv) {
    rl_opts o;
    int rc = parse(cli, "relief list", argc, argv, &o, NULL);
    if (rc || (rc = hz_cli_need(cli, "relief list", OPT(&o, O_PROGRAM), "--program"))) return rc;
    list_ctx c = {cli, cli->json ? json_array() : NULL, NULL};
    if (hz_app_relief_list(&cli->app, OPT(&o, O_PROGRAM), OPT(&o, O_STATUS), list_one, &c, &cli->err)) {
        json_decref(c.arr);
        return hz_cli_report(cli);
    }
    if (cli->json) hz_cli_print_json(json_pack("{s:o}", "grants", c.arr));
    return 0;
}

/* The 公示 list always masks names and ID numbers, whoever prints it. */
static hz_err publicity_one(void *vctx, const hz_relief_grant *g, hz_errinfo *e) {
    (void)e;
    list_ctx *c = vctx;
    char id[19], name[64], b[HZ_MONEY_BUF];
    hz_id_mask(g->id_number, id);
    hz_relief_mask_name(g->name, name, sizeof name);
    if (c->arr)
        json_array_append_new(c->arr, json_pack("{s:s, s:s, s:s, s:o}", "no", g->grant_no, "name", name, "id_number",
                                                id, "amount", hz_json_money(g->amount)));
    FILE *f = c->csv ? c->csv : (c->arr ? NULL : stdout);
    if (f) {
        hz_csv_field(f, name);
        fputc(',', f);
        hz_csv_field(f, id);
        fprintf(f, ",%s,%s\n", hz_money_format(g->amount, b), g->grant_no);
    }
    return HZ_OK;
}

static int cmd_publicity(hz_cli *cli, int argc, char **argv) {
    rl_opts o;
    int rc = parse(cli, "relief publicity", argc, argv, &o, NULL);
    if (rc || (rc = hz_cli_need(cli, "relief publicity", OPT(&o, O_PROGRAM), "--program"))) return rc;
    list_ctx c = {cli, cli->json ? json_array() : NULL, NULL};
    const char *out = OPT(&o, O_OUT);
    if (out && !(c.csv = fopen(out, "wb"))) return hz_cli_fail(cli, HZ_EINVAL, "out: 无法写入 %s (cannot write)", out);
    if (c.csv || (!c.arr))
        fprintf(c.csv ? c.csv : stdout, "%s姓名,身份证号码,金额,编号\n", c.csv ? "\xEF\xBB\xBF" : "");
    hz_relief_program p;
    hz_err err = hz_app_relief_publicity(&cli->app, OPT(&o, O_PROGRAM), &p, publicity_one, &c, &cli->err);
    if (c.csv && (ferror(c.csv) | fclose(c.csv)) && !err) err = hz_fail(&cli->err, HZ_EINTERNAL, "out: 写入失败 (write failed)");
    if (err) {
        json_decref(c.arr);
        return hz_cli_report(cli);
    }
    char d[HZ_DATE_BUF];
    if (cli->json)
        hz_cli_print_json(json_pack("{s:s, s:s, s:o}", "program", p.code, "objection_until",
                                    hz_date_format(p.objection_until, d), "grants", c.arr));
    else
        fprintf(stderr, "公示至 %s, 期满后支付 (paid after the objection window)\n",
                hz_date_format(p.objection_until, d));
    return 0;
}

static int cmd_donation_add(hz_cli *cli, int argc, char **argv) {
    rl_opts o;
    int rc = parse(cli, "donation add", argc, argv, &o, NULL);
    if (rc || (rc = hz_cli_need(cli, "donation add", OPT(&o, O_PROGRAM), "--program")) ||
        (rc = hz_cli_need(cli, "donation add", OPT(&o, O_DONOR), "--donor")) ||
        (rc = hz_cli_need(cli, "donation add", OPT(&o, O_AMOUNT), "--amount")))
        return rc;
    hz_fen amount, total;
    if (hz_money_parse(OPT(&o, O_AMOUNT), false, &amount, "amount", &cli->err) ||
        hz_app_donation_add(&cli->app, OPT(&o, O_PROGRAM), OPT(&o, O_DONOR), amount, &total, &cli->err))
        return hz_cli_report(cli);
    char b[HZ_MONEY_BUF];
    if (cli->json)
        hz_cli_print_json(json_pack("{s:s, s:o, s:o}", "program", OPT(&o, O_PROGRAM), "amount", hz_json_money(amount),
                                    "total", hz_json_money(total)));
    else
        printf("已登记捐款, 累计 %s\n", hz_money_format(total, b));
    return 0;
}

static hz_err goods_row(void *ctx, const hz_goods_row *r, hz_errinfo *e) {
    (void)e;
    json_t *arr = ctx;
    if (arr)
        json_array_append_new(arr, json_pack("{s:s, s:I, s:I, s:I}", "item", r->item, "received",
                                             (json_int_t)r->received, "issued", (json_int_t)r->issued, "left",
                                             (json_int_t)(r->received - r->issued)));
    else
        printf("%s\t入库 %lld\t发放 %lld\t剩余 %lld\n", r->item, (long long)r->received, (long long)r->issued,
               (long long)(r->received - r->issued));
    return HZ_OK;
}

static int cmd_goods(hz_cli *cli, int argc, char **argv) {
    rl_opts o;
    int rc = parse(cli, "relief goods", argc, argv, &o, NULL);
    if (rc || (rc = hz_cli_need(cli, "relief goods", OPT(&o, O_PROGRAM), "--program"))) return rc;
    if (OPT(&o, O_ADD) && hz_app_relief_goods_add(&cli->app, OPT(&o, O_PROGRAM), OPT(&o, O_ADD), &cli->err))
        return hz_cli_report(cli);
    json_t *arr = cli->json ? json_array() : NULL;
    if (hz_app_relief_goods(&cli->app, OPT(&o, O_PROGRAM), goods_row, arr, &cli->err)) {
        json_decref(arr);
        return hz_cli_report(cli);
    }
    if (arr) hz_cli_print_json(json_pack("{s:s, s:o}", "program", OPT(&o, O_PROGRAM), "items", arr));
    return 0;
}

static const hz_cmd commands[] = {
    {"relief program add", cmd_program_add,
     "--code C --kind second_round|student_aid|visit|donation|education --year Y"
     " --budget YUAN --name N",
     "新增救助项目 (a relief programme)", true},
    {"relief propose", cmd_propose, "--program C", "二次救助: 按年度数据提出名单 (second-round relief from the data)",
     true},
    {"relief apply", cmd_apply,
     "--program C --id-number X [--student-name N --student-id-number S --school T --level university|high_school]"
     " [--reason T] [--amount YUAN] [--items \"大米:2,食用油:1\"] [--date D]",
     "救助申请 (an application)", true},
    {"relief show", cmd_show, "NO", "救助详情 (a grant)", true},
    {"relief approve", cmd_approve, "NO", "审批, 占用项目预算 (approve within the budget)", true},
    {"relief reject", cmd_reject, "NO --reason T", "拒绝 (reject with a reason)", true},
    {"relief list", cmd_list, "--program C [--status S]", "项目的救助名单 (a programme's grants)", true},
    {"relief publicity", cmd_publicity, "--program C [--out F]",
     "公示名单 (姓名、身份证号脱敏), 公示期满后支付 (the public notice list)", true},
    {"relief goods", cmd_goods, "--program C [--add \"大米:100,食用油:50\"]",
     "慰问物资库存: 入库或查看 (a visit programme's stock of goods, in items)", true},
    {"donation add", cmd_donation_add, "--program C --donor NAME --amount YUAN", "登记捐款 (a donation to a drive)",
     true},
    {NULL, NULL, NULL, NULL, false},
};
/* The relief module's commands (src/modules.def). */
const hz_cli_module hz_cli_module_relief = {"relief", commands};
