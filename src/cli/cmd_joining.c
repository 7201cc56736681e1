/* application submit | list | approve | reject; sponsorship add | list */
#include <stdlib.h>
#include <string.h>

#include "app/authz.h"
#include "app/joining.h"
#include "cli/cli.h"
#include "io/views_joining.h"

enum { O_NAME = 256, O_ID, O_PHONE, O_OCC, O_ORG, O_REASON, O_STATUS, O_PLAN, O_MONTHS, O_FROM, O_TO, O_PAGE };

typedef struct {
    const char *name, *id, *phone, *occ, *org, *reason, *status, *plan, *months, *from, *to, *page;
} joining_opts;

static int on_opt(hz_cli *cli, void *vctx, int key, const char *arg) {
    (void)cli;
    joining_opts *o = vctx;
    const char **slot[] = {&o->name, &o->id,   &o->phone,  &o->occ,  &o->org, &o->reason,
                           &o->status, &o->plan, &o->months, &o->from, &o->to,  &o->page};
    if (key >= O_NAME && key <= O_PAGE) *slot[key - O_NAME] = arg;
    return 0;
}

static const struct option longopts[] = {
    {"name", required_argument, 0, O_NAME},     {"id-number", required_argument, 0, O_ID},
    {"phone", required_argument, 0, O_PHONE},   {"occupation", required_argument, 0, O_OCC},
    {"org", required_argument, 0, O_ORG},       {"reason", required_argument, 0, O_REASON},
    {"status", required_argument, 0, O_STATUS}, {"plan", required_argument, 0, O_PLAN},
    {"months", required_argument, 0, O_MONTHS}, {"from", required_argument, 0, O_FROM},
    {"to", required_argument, 0, O_TO},         {"page", required_argument, 0, O_PAGE},
    {0, 0, 0, 0}};

/* Parses options; *no gets the one positional argument when want_no. */
static int parse(hz_cli *cli, const char *name, int argc, char **argv, joining_opts *o, bool want_no, const char **no) {
    memset(o, 0, sizeof *o);
    int pos, rc = hz_cli_parse(cli, hz_cli_find(name), argc, argv, longopts, on_opt, o, &pos);
    if (rc) return rc;
    if (want_no) {
        if (pos >= argc) return hz_cli_usage(cli, hz_cli_find(name), "须指定申请编号 NO (missing NO)");
        *no = argv[pos++];
    }
    if (pos < argc) return hz_cli_usage(cli, hz_cli_find(name), "多余的参数 (unexpected argument)");
    return 0;
}

static int print_application(hz_cli *cli, const hz_application *a) {
    if (cli->json) {
        hz_cli_print_json(hz_view_application(a, !hz_authz_sees_identity(&cli->app)));
        return 0;
    }
    printf("%s %s %s %s %s%s%s\n", a->no, a->status, a->name, a->org_code, a->occupation, a->reason[0] ? " " : "",
           a->reason);
    return 0;
}

static int hz_cmd_application_submit(hz_cli *cli, int argc, char **argv) {
    joining_opts o;
    int rc = parse(cli, "application submit", argc, argv, &o, false, NULL);
    if (rc) return rc;
    hz_application_input in = {o.name, o.id, o.phone, o.occ, o.org};
    hz_application a;
    if (hz_app_application_submit(&cli->app, &in, &a, &cli->err)) return hz_cli_report(cli);
    if (cli->json) hz_cli_print_json(json_pack("{s:s, s:s}", "no", a.no, "status", a.status));
    else printf("%s %s\n", a.no, a.status);
    return 0;
}

typedef struct {
    hz_cli *cli;
    json_t *arr;
} list_ctx;

static hz_err app_one(void *vctx, const hz_application *a, hz_errinfo *e) {
    (void)e;
    list_ctx *c = vctx;
    if (c->arr) json_array_append_new(c->arr, hz_view_application(a, !hz_authz_sees_identity(&c->cli->app)));
    else print_application(c->cli, a);
    return HZ_OK;
}

static hz_err app_table(hz_cli *cli, const hz_list_query *q, const char *const *extra, hz_report *r) {
    hz_application_query aq = {*q, extra[0], extra[1]};
    return hz_app_applications_export(&cli->app, &aq, r, &cli->err);
}

static hz_err sp_table(hz_cli *cli, const hz_list_query *q, const char *const *extra, hz_report *r) {
    hz_sponsorship_query sq = {*q, extra[0], extra[1]};
    return hz_app_sponsorships_export(&cli->app, &sq, r, &cli->err);
}

static int hz_cmd_application_list(hz_cli *cli, int argc, char **argv) {
    static const char *const extra[] = {"occupation", "org", "page", NULL};
    if (hz_cli_list_asked(argc, argv, extra))
        return hz_cli_list(cli, "application list", argc, argv, extra, app_table);
    joining_opts o;
    int rc = parse(cli, "application list", argc, argv, &o, false, NULL);
    if (rc) return rc;
    int page = 1;
    if (o.page && (rc = hz_cli_int(cli, o.page, "page", 1, 10000000, &page))) return rc;
    list_ctx c = {cli, cli->json ? json_array() : NULL};
    int64_t total;
    if (hz_app_applications_page(&cli->app, o.status, (hz_page){page, HZ_PER_PAGE_MAX}, app_one, &c, &total,
                                 &cli->err)) {
        json_decref(c.arr);
        return hz_cli_report(cli);
    }
    if (cli->json) hz_cli_print_json(json_pack("{s:o, s:I}", "items", c.arr, "total", (json_int_t)total));
    else printf("共 %lld 件 (total)\n", (long long)total);
    return 0;
}

static int hz_cmd_application_approve(hz_cli *cli, int argc, char **argv) {
    joining_opts o;
    const char *no;
    int rc = parse(cli, "application approve", argc, argv, &o, true, &no);
    if (rc) return rc;
    hz_application a;
    if (hz_app_application_approve(&cli->app, no, o.org, &a, &cli->err)) return hz_cli_report(cli);
    return print_application(cli, &a);
}

static int hz_cmd_application_reject(hz_cli *cli, int argc, char **argv) {
    joining_opts o;
    const char *no;
    int rc = parse(cli, "application reject", argc, argv, &o, true, &no);
    if (rc) return rc;
    if (!o.reason) return hz_cli_usage(cli, hz_cli_find("application reject"), "须指定 --reason (missing --reason)");
    hz_application a;
    if (hz_app_application_reject(&cli->app, no, o.reason, &a, &cli->err)) return hz_cli_report(cli);
    return print_application(cli, &a);
}

static int print_sponsorship(hz_cli *cli, const hz_sponsorship *s) {
    if (cli->json) {
        hz_cli_print_json(hz_view_sponsorship(s));
        return 0;
    }
    char b1[HZ_DATE_BUF], b2[HZ_DATE_BUF], fee[HZ_MONEY_BUF];
    printf("%s %s %s:%d %d个月 入会 %s 至 %s, 已赠送 %lld 人 (%s), 不符合条件 %lld 人\n", s->no, s->org_code,
           s->plan_code, s->shares, s->months, hz_date_format(s->from, b1), hz_date_format(s->to, b2),
           (long long)s->granted, hz_money_format(s->premium, fee), (long long)s->skipped);
    return 0;
}

static int hz_cmd_sponsorship_add(hz_cli *cli, int argc, char **argv) {
    joining_opts o;
    int rc = parse(cli, "sponsorship add", argc, argv, &o, false, NULL);
    if (rc) return rc;
    if (!o.org || !o.plan || !o.months || !o.from || !o.to)
        return hz_cli_usage(cli, hz_cli_find("sponsorship add"),
                            "须指定 --org --plan --months --from --to (missing options)");
    hz_sponsorship_input in = {o.org, o.plan, 0, HZ_DATE_NONE, HZ_DATE_NONE};
    if ((rc = hz_cli_int(cli, o.months, "months", 1, 120, &in.months)) ||
        (rc = hz_cli_date(cli, o.from, "from", &in.from)) || (rc = hz_cli_date(cli, o.to, "to", &in.to)))
        return rc;
    hz_sponsorship s;
    if (hz_app_sponsorship_add(&cli->app, &in, &s, &cli->err)) return hz_cli_report(cli);
    return print_sponsorship(cli, &s);
}

static hz_err sp_one(void *vctx, const hz_sponsorship *s, hz_errinfo *e) {
    (void)e;
    list_ctx *c = vctx;
    if (c->arr) json_array_append_new(c->arr, hz_view_sponsorship(s));
    else print_sponsorship(c->cli, s);
    return HZ_OK;
}

static int hz_cmd_sponsorship_list(hz_cli *cli, int argc, char **argv) {
    static const char *const extra[] = {"plan", "org", NULL};
    if (argc > 1 || hz_cli_list_asked(argc, argv, extra)) /* it took no options before */
        return hz_cli_list(cli, "sponsorship list", argc, argv, extra, sp_table);
    joining_opts o;
    int rc = parse(cli, "sponsorship list", argc, argv, &o, false, NULL);
    if (rc) return rc;
    list_ctx c = {cli, cli->json ? json_array() : NULL};
    if (hz_app_sponsorships(&cli->app, sp_one, &c, &cli->err)) {
        json_decref(c.arr);
        return hz_cli_report(cli);
    }
    if (cli->json) hz_cli_print_json(json_pack("{s:o, s:I}", "items", c.arr, "total", (json_int_t)json_array_size(c.arr)));
    return 0;
}

static const hz_cmd commands[] = {
    {"application submit", hz_cmd_application_submit,
     "--name N --id-number X --phone P --occupation 快递员|外卖骑手|网约车司机|货车司机|其他 --org JOINT_UNION",
     "录入入会申请 (a membership application, as the public form makes it)", true},
    {"application list", hz_cmd_application_list,
     "[--status pending|approved|rejected] [--page N] | [--q T] [--status S] [--occupation O] [--org C] [--unit C] "
     "[--from D] [--to D] [--sort no|name|status|occupation|org|created_at] [--order asc|desc] "
     "[--format table|csv|xlsx|json] [--out FILE]",
     "入会申请 (applications to the orgs in scope, newest first)", true},
    {"application approve", hz_cmd_application_approve, "NO [--org JOINT_UNION]",
     "批准入会: 建立新就业形态会员, 适用常设赠送 (approve: the member joins)", true},
    {"application reject", hz_cmd_application_reject, "NO --reason T", "拒绝入会申请 (reject with a reason)", true},
    {"sponsorship add", hz_cmd_sponsorship_add, "--org C --plan CODE[:SHARES] --months M --from D --to D",
     "常设赠送: 期间入会者自入会之日起获赠保障, 组织付费 (a standing gift to whoever joins)", true},
    {"sponsorship list", hz_cmd_sponsorship_list,
     "[--q T] [--status upcoming|active|ended] [--plan P] [--org C] [--unit C] [--from D] [--to D] "
     "[--sort no|org|plan|from|to|granted|premium] [--order asc|desc] [--format table|csv|xlsx|json] [--out FILE]", "常设赠送及已赠送人数 (sponsorships and what they gave)", true},
    {NULL, NULL, NULL, NULL, false},
};
/* The joining module's commands (src/modules.def). */
const hz_cli_module hz_cli_module_joining = {"joining", commands};
