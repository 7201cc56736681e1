/* case open | assign | note | close | show; cases */
#include <stdlib.h>
#include <string.h>

#include "app/authz.h"
#include "app/cases.h"
#include "cli/cli.h"
#include "io/views_care.h"

enum { O_ID = 256, O_KIND, O_SUMMARY, O_AMOUNT, O_TO, O_TEXT, O_OUTCOME, O_RECOVERED, O_STATUS, O_ASSIGNEE };

typedef hz_cli_optv case_opts;
_Static_assert(O_ASSIGNEE - O_ID < HZ_CLI_OPTV_MAX, "options fit hz_cli_optv");
#define OPT(o, k) ((o)->v[(k)-O_ID])

static const struct option longopts[] = {{"id-number", required_argument, 0, O_ID},
                                         {"kind", required_argument, 0, O_KIND},
                                         {"summary", required_argument, 0, O_SUMMARY},
                                         {"amount", required_argument, 0, O_AMOUNT},
                                         {"to", required_argument, 0, O_TO},
                                         {"text", required_argument, 0, O_TEXT},
                                         {"outcome", required_argument, 0, O_OUTCOME},
                                         {"recovered", required_argument, 0, O_RECOVERED},
                                         {"status", required_argument, 0, O_STATUS},
                                         {"assignee", required_argument, 0, O_ASSIGNEE},
                                         {0, 0, 0, 0}};

static int parse(hz_cli *cli, const char *name, int argc, char **argv, case_opts *o, const char **no) {
    return hz_cli_parse_optv(cli, name, argc, argv, longopts, O_ID, O_ASSIGNEE, o, no, "须指定案件编号 NO (missing NO)");
}

static hz_err note_one(void *ctx, const hz_case_note *n, hz_errinfo *e) {
    (void)e;
    json_array_append_new(ctx, hz_view_case_note(n));
    return HZ_OK;
}

/* case show --json (interfaces.md), or a few lines */
static int print_case(hz_cli *cli, const char *no) {
    hz_case c;
    json_t *notes = json_array();
    if (hz_app_case_show(&cli->app, no, &c, note_one, notes, &cli->err)) {
        json_decref(notes);
        return hz_cli_report(cli);
    }
    json_t *v = hz_view_case(&c, !hz_authz_sees_identity(&cli->app));
    json_object_set_new(v, "notes", notes);
    if (cli->json) {
        hz_cli_print_json(v);
        return 0;
    }
    char b[HZ_MONEY_BUF];
    printf("%s %s %s %s %s%s%s\n", c.case_no, c.kind, json_string_value(json_object_get(v, "id_number")), c.status,
           c.assignee[0] ? c.assignee : "-", c.outcome[0] ? " " : "", c.outcome);
    if (!strcmp(c.status, "closed")) printf("  追回 %s\n", hz_money_format(c.recovered, b));
    size_t i;
    json_t *n;
    json_array_foreach(notes, i, n)
        printf("  %s %s: %s\n", json_string_value(json_object_get(n, "at")),
               json_string_value(json_object_get(n, "by")), json_string_value(json_object_get(n, "text")));
    json_decref(v);
    return 0;
}

static int cmd_open(hz_cli *cli, int argc, char **argv) {
    case_opts o;
    const char *c = "case open";
    int rc = parse(cli, c, argc, argv, &o, NULL);
    if (rc || (rc = hz_cli_need(cli, c, OPT(&o, O_ID), "--id-number")) || (rc = hz_cli_need(cli, c, OPT(&o, O_KIND), "--kind")) ||
        (rc = hz_cli_need(cli, c, OPT(&o, O_SUMMARY), "--summary")))
        return rc;
    hz_fen claimed = -1;
    if (OPT(&o, O_AMOUNT) && hz_money_parse(OPT(&o, O_AMOUNT), false, &claimed, "amount", &cli->err))
        return hz_cli_report(cli);
    hz_case k;
    if (hz_app_case_open(&cli->app, OPT(&o, O_ID), OPT(&o, O_KIND), OPT(&o, O_SUMMARY), claimed, &k, &cli->err))
        return hz_cli_report(cli);
    if (cli->json)
        hz_cli_print_json(json_pack("{s:s, s:s}", "no", k.case_no, "status", k.status));
    else
        printf("已立案 %s\n", k.case_no);
    return 0;
}

static int cmd_assign(hz_cli *cli, int argc, char **argv) {
    case_opts o;
    const char *no;
    int rc = parse(cli, "case assign", argc, argv, &o, &no);
    if (rc || (rc = hz_cli_need(cli, "case assign", OPT(&o, O_TO), "--to"))) return rc;
    hz_case k;
    if (hz_app_case_assign(&cli->app, no, OPT(&o, O_TO), &k, &cli->err)) return hz_cli_report(cli);
    return print_case(cli, no);
}

static int cmd_note(hz_cli *cli, int argc, char **argv) {
    case_opts o;
    const char *no;
    int rc = parse(cli, "case note", argc, argv, &o, &no);
    if (rc || (rc = hz_cli_need(cli, "case note", OPT(&o, O_TEXT), "--text"))) return rc;
    hz_case k;
    if (hz_app_case_note(&cli->app, no, OPT(&o, O_TEXT), &k, &cli->err)) return hz_cli_report(cli);
    return print_case(cli, no);
}

static int cmd_close(hz_cli *cli, int argc, char **argv) {
    case_opts o;
    const char *no;
    int rc = parse(cli, "case close", argc, argv, &o, &no);
    if (rc || (rc = hz_cli_need(cli, "case close", OPT(&o, O_OUTCOME), "--outcome"))) return rc;
    hz_fen recovered = 0;
    if (OPT(&o, O_RECOVERED) && hz_money_parse(OPT(&o, O_RECOVERED), false, &recovered, "recovered", &cli->err))
        return hz_cli_report(cli);
    hz_case k;
    if (hz_app_case_close(&cli->app, no, OPT(&o, O_OUTCOME), recovered, &k, &cli->err)) return hz_cli_report(cli);
    return print_case(cli, no);
}

static int cmd_show(hz_cli *cli, int argc, char **argv) {
    case_opts o;
    const char *no;
    int rc = parse(cli, "case show", argc, argv, &o, &no);
    return rc ? rc : print_case(cli, no);
}

static hz_err cases_table(hz_cli *cli, const hz_list_query *q, const char *const *extra, hz_report *r) {
    hz_case_query cq = {*q, extra[0], extra[1], NULL};
    return hz_app_cases_export(&cli->app, &cq, r, &cli->err);
}

static int cmd_list(hz_cli *cli, int argc, char **argv) {
    static const char *const extra[] = {"assignee", "id-number", NULL};
    return hz_cli_list(cli, "cases", argc, argv, extra, cases_table);
}

static const hz_cmd commands[] = {
    {"case open", cmd_open, "--id-number X --kind wage|legal|injury|consult|other --summary T [--amount YUAN]",
     "服务请求或法律援助案件 (a service request or legal-aid case)", true},
    {"case assign", cmd_assign, "NO --to LOGIN", "分派承办人 (assign to a user who can see the member)", true},
    {"case note", cmd_note, "NO --text T", "办理记录 (a note)", true},
    {"case close", cmd_close, "NO --outcome resolved|mediated|litigated|withdrawn [--recovered YUAN]",
     "结案, 记录追回金额 (close with the outcome and the amount recovered)", true},
    {"case show", cmd_show, "NO", "案件详情 (the case with its notes)", true},
    {"cases", cmd_list,
     "[--q TEXT] [--status open|assigned|closed] [--assignee LOGIN|me] [--id-number X] [--unit CREDIT_CODE]"
     " [--from D] [--to D] [--sort no|name|kind|status|opened_at] [--order asc|desc] [--format table|csv|xlsx|json]"
     " [--out FILE]",
     "案件清单, 与 GET /cases?format= 相同; 按承办人排队 (cases in scope; a queue per assignee)", true},
    {NULL, NULL, NULL, NULL, false},
};

/* The cases module's commands (src/modules.def). */
const hz_cli_module hz_cli_module_cases = {"cases", commands};
