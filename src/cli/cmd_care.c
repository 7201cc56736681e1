/* activity add | join | distribute | show; activities */
#include <stdlib.h>
#include <string.h>

#include "app/authz.h"
#include "app/care.h"
#include "cli/cli.h"
#include "io/views_care.h"

enum {
    O_CODE = 256,
    O_KIND,
    O_NAME,
    O_ORG,
    O_DATE,
    O_TO,
    O_CAPACITY,
    O_ATTENDEES,
    O_ID,
    O_STEPS,
    O_SCORE,
    O_UNIT,
    O_ITEMS,
    O_YEAR
};

typedef hz_cli_optv care_opts;
_Static_assert(O_YEAR - O_CODE < HZ_CLI_OPTV_MAX, "options fit hz_cli_optv");
#define OPT(o, k) ((o)->v[(k)-O_CODE])

static const struct option longopts[] = {{"code", required_argument, 0, O_CODE},
                                         {"kind", required_argument, 0, O_KIND},
                                         {"name", required_argument, 0, O_NAME},
                                         {"org", required_argument, 0, O_ORG},
                                         {"date", required_argument, 0, O_DATE},
                                         {"to", required_argument, 0, O_TO},
                                         {"capacity", required_argument, 0, O_CAPACITY},
                                         {"attendees", required_argument, 0, O_ATTENDEES},
                                         {"id-number", required_argument, 0, O_ID},
                                         {"steps", required_argument, 0, O_STEPS},
                                         {"score", required_argument, 0, O_SCORE},
                                         {"unit", required_argument, 0, O_UNIT},
                                         {"items", required_argument, 0, O_ITEMS},
                                         {"year", required_argument, 0, O_YEAR},
                                         {0, 0, 0, 0}};

static int parse(hz_cli *cli, const char *name, int argc, char **argv, care_opts *o, const char **code) {
    return hz_cli_parse_optv(cli, name, argc, argv, longopts, O_CODE, O_YEAR, o, code, "须指定活动编码 C (missing C)");
}

/* an optional whole number: -1 when not given */
static int opt_int(hz_cli *cli, const char *arg, const char *what, long max, int64_t *out) {
    *out = -1;
    if (!arg) return 0;
    int v, rc = hz_cli_int(cli, arg, what, 0, max, &v);
    if (!rc) *out = v;
    return rc;
}

static int opt_date(hz_cli *cli, const char *arg, const char *what, hz_date *out) {
    *out = HZ_DATE_NONE;
    return arg ? hz_cli_date(cli, arg, what, out) : 0;
}

static int cmd_add(hz_cli *cli, int argc, char **argv) {
    care_opts o;
    const char *c = "activity add";
    int rc = parse(cli, c, argc, argv, &o, NULL);
    hz_activity_input in = {
        OPT(&o, O_CODE), OPT(&o, O_KIND), OPT(&o, O_NAME), OPT(&o, O_ORG), HZ_DATE_NONE, HZ_DATE_NONE, 0, 0};
    if (rc || (rc = hz_cli_need(cli, c, in.code, "--code")) || (rc = hz_cli_need(cli, c, in.kind, "--kind")) ||
        (rc = hz_cli_need(cli, c, in.name, "--name")) || (rc = hz_cli_need(cli, c, in.org, "--org")) ||
        (rc = opt_date(cli, OPT(&o, O_DATE), "date", &in.from)) || (rc = opt_date(cli, OPT(&o, O_TO), "to", &in.to)) ||
        (rc = opt_int(cli, OPT(&o, O_CAPACITY), "capacity", HZ_CARE_CAPACITY_MAX, &in.capacity)) ||
        (rc = opt_int(cli, OPT(&o, O_ATTENDEES), "attendees", 10000000, &in.attendees)))
        return rc;
    if (OPT(&o, O_CAPACITY) && in.capacity == 0)
        return hz_cli_fail(cli, HZ_EINVAL, "capacity: 应为 1 至 %d (out of range)", HZ_CARE_CAPACITY_MAX);
    if (in.capacity < 0) in.capacity = 0;
    if (in.attendees < 0) in.attendees = 0;
    hz_activity a;
    if (hz_app_activity_add(&cli->app, &in, &a, &cli->err)) return hz_cli_report(cli);
    if (cli->json)
        hz_cli_print_json(hz_view_activity(&a));
    else
        printf("已新增活动 %s (%s, %s)\n", a.code, a.kind, a.name);
    return 0;
}

static int cmd_join(hz_cli *cli, int argc, char **argv) {
    care_opts o;
    const char *c = "activity join";
    hz_join_input in = {NULL, NULL, -1, -1, HZ_DATE_NONE};
    int rc = parse(cli, c, argc, argv, &o, &in.code);
    if (rc || (rc = hz_cli_need(cli, c, OPT(&o, O_ID), "--id-number")) ||
        (rc = opt_int(cli, OPT(&o, O_STEPS), "steps", HZ_CARE_STEPS_MAX, &in.steps)) ||
        (rc = opt_int(cli, OPT(&o, O_SCORE), "score", HZ_CARE_SCORE_MAX, &in.score)) ||
        (rc = opt_date(cli, OPT(&o, O_DATE), "date", &in.day)))
        return rc;
    in.id_number = OPT(&o, O_ID);
    hz_activity_part p;
    if (hz_app_activity_join(&cli->app, &in, &p, &cli->err)) return hz_cli_report(cli);
    if (cli->json) {
        hz_cli_print_json(hz_view_activity_part(&p, !hz_authz_sees_identity(&cli->app)));
    } else {
        char d[HZ_DATE_BUF], b[HZ_MONEY_BUF];
        printf("%s 于 %s 参加 %s%s%s\n", p.id_number, hz_date_format(p.day, d), p.code, p.extra ? ", 劳模体检加 " : "",
               p.extra ? hz_money_format(p.extra, b) : "");
    }
    return 0;
}

static hz_err item_one(void *ctx, const char *item, int64_t count, hz_errinfo *e) {
    (void)e;
    json_object_set_new(ctx, item, json_integer(count));
    return HZ_OK;
}

/* activity show's JSON (interfaces.md): code, participants, items, ranking */
static int print_show(hz_cli *cli, const char *code) {
    hz_activity a;
    json_t *items = json_object();
    hz_rank_row *rows;
    size_t n;
    if (hz_app_activity_show(&cli->app, code, &a, item_one, items, &rows, &n, &cli->err)) {
        json_decref(items);
        return hz_cli_report(cli);
    }
    bool mask = !hz_authz_sees_identity(&cli->app);
    if (cli->json) {
        json_t *ranking = json_array();
        for (size_t i = 0; i < n; i++)
            json_array_append_new(ranking, hz_view_rank_row(&rows[i], mask));
        hz_cli_print_json(json_pack("{s:s, s:I, s:o, s:o}", "code", a.code, "participants", (json_int_t)a.participants,
                                    "items", items, "ranking", ranking));
    } else {
        char d1[HZ_DATE_BUF], d2[HZ_DATE_BUF];
        printf("%s %s %s (%s) %s 至 %s, 参与 %lld 人\n", a.code, a.kind, a.name, a.org_code, hz_date_format(a.from, d1),
               hz_date_format(a.to, d2), (long long)a.participants);
        const char *k;
        json_t *v;
        json_object_foreach(items, k, v) printf("  %s: %lld 件\n", k, (long long)json_integer_value(v));
        for (size_t i = 0; i < n; i++) {
            json_t *r = hz_view_rank_row(&rows[i], mask);
            printf("  第 %d 名 %s %s %lld\n", rows[i].rank, json_string_value(json_object_get(r, "name")),
                   json_string_value(json_object_get(r, "id_number")), (long long)rows[i].value);
            json_decref(r);
        }
        json_decref(items);
    }
    free(rows);
    return 0;
}

static int cmd_distribute(hz_cli *cli, int argc, char **argv) {
    care_opts o;
    const char *c = "activity distribute", *code;
    hz_date day;
    int rc = parse(cli, c, argc, argv, &o, &code);
    if (rc || (rc = hz_cli_need(cli, c, OPT(&o, O_ITEMS), "--items")) || (rc = opt_date(cli, OPT(&o, O_DATE), "date", &day)))
        return rc;
    if (!OPT(&o, O_UNIT) == !OPT(&o, O_ID))
        return hz_cli_usage(cli, hz_cli_find(c), "须指定 --unit 或 --id-number 其中之一 (exactly one of them)");
    if (hz_app_activity_distribute(&cli->app, code, OPT(&o, O_UNIT), OPT(&o, O_ID), OPT(&o, O_ITEMS), day, &cli->err))
        return hz_cli_report(cli);
    return print_show(cli, code);
}

static int cmd_show(hz_cli *cli, int argc, char **argv) {
    care_opts o;
    const char *code;
    int rc = parse(cli, "activity show", argc, argv, &o, &code);
    return rc ? rc : print_show(cli, code);
}

static hz_err list_one(void *ctx, const hz_activity *a, hz_errinfo *e) {
    (void)e;
    if (ctx) {
        json_array_append_new(ctx, hz_view_activity(a));
    } else {
        char d[HZ_DATE_BUF];
        printf("%s\t%s\t%s\t%s\t%s\t参与 %lld\t物资 %lld\n", a->code, a->kind, hz_date_format(a->from, d), a->org_code,
               a->name, (long long)a->participants, (long long)a->items);
    }
    return HZ_OK;
}

static int cmd_list(hz_cli *cli, int argc, char **argv) {
    care_opts o;
    int year = 0, rc = parse(cli, "activities", argc, argv, &o, NULL);
    if (rc || (OPT(&o, O_YEAR) && (rc = hz_cli_int(cli, OPT(&o, O_YEAR), "year", 2000, 2199, &year)))) return rc;
    json_t *arr = cli->json ? json_array() : NULL;
    if (hz_app_activities(&cli->app, OPT(&o, O_KIND), year, list_one, arr, &cli->err)) {
        json_decref(arr);
        return hz_cli_report(cli);
    }
    if (arr) hz_cli_print_json(json_pack("{s:o, s:I}", "items", arr, "total", (json_int_t)json_array_size(arr)));
    return 0;
}

static const hz_cmd commands[] = {
    {"activity add", cmd_add,
     "--code C --kind lecture|walk|run|cool|welcome|checkup|screening|contest|interest|training|room --name N --org ORG"
     " [--date D] [--to D] [--capacity N] [--attendees N]",
     "关爱活动 (a care activity)", true},
    {"activity join", cmd_join, "C --id-number X [--steps N] [--score S] [--date D]",
     "参加活动, 每人每天一次, 名额限制, 两癌筛查仅限女职工 (participation)", true},
    {"activity distribute", cmd_distribute,
     "C (--unit CREDIT_CODE | --id-number X) --items \"防暑降温包:200\" [--date D]",
     "发放物资, 按件计 (goods handed out, counted in items)", true},
    {"activity show", cmd_show, "C", "活动参与人数、物资与排名 (participants, items, ranking)", true},
    {"activities", cmd_list, "[--kind K] [--year Y]", "活动列表 (activities in scope)", true},
    {NULL, NULL, NULL, NULL, false},
};

/* The care module's commands (src/modules.def). */
const hz_cli_module hz_cli_module_care = {"care", commands};
