/* simulate | plan publish | lookback | forecast (issue 18) */
#include <stdlib.h>
#include <string.h>

#include "app/insight.h"
#include "cli/cli.h"
#include "io/views_insight.h"

enum { O_PLAN_FILE = 256, O_FROM, O_TO, O_WHY, O_YEAR };

typedef struct {
    const char *plan_file, *from, *to, *why, *year;
} insight_opts;

static int on_opt(hz_cli *cli, void *vctx, int key, const char *arg) {
    (void)cli;
    insight_opts *o = vctx;
    if (key == O_PLAN_FILE) o->plan_file = arg;
    else if (key == O_FROM) o->from = arg;
    else if (key == O_TO) o->to = arg;
    else if (key == O_WHY) o->why = arg;
    else if (key == O_YEAR) o->year = arg;
    return 0;
}

static const struct option longopts[] = {{"plan-file", required_argument, 0, O_PLAN_FILE},
                                         {"from", required_argument, 0, O_FROM},
                                         {"to", required_argument, 0, O_TO},
                                         {"why", required_argument, 0, O_WHY},
                                         {"year", required_argument, 0, O_YEAR},
                                         {0, 0, 0, 0}};

static int parse(hz_cli *cli, const char *name, int argc, char **argv, insight_opts *o) {
    memset(o, 0, sizeof *o);
    int pos, rc = hz_cli_parse(cli, hz_cli_find(name), argc, argv, longopts, on_opt, o, &pos);
    if (rc) return rc;
    if (pos < argc) return hz_cli_usage(cli, hz_cli_find(name), "多余的参数 (unexpected argument)");
    return 0;
}

#define PLAN_FILE_MAX 65536 /* as the catalogue's own files */

/* Reads the plan file named by --plan-file; *text is malloc'd. */
static int read_plan(hz_cli *cli, const char *name, const char *path, char **text) {
    if (!path) return hz_cli_usage(cli, hz_cli_find(name), "须指定 --plan-file (missing --plan-file)");
    FILE *f = fopen(path, "rb");
    if (!f) return hz_cli_fail(cli, HZ_EINVAL, "plan-file: 无法读取 %s (cannot read)", path);
    char *buf = malloc(PLAN_FILE_MAX + 1);
    size_t len = buf ? fread(buf, 1, PLAN_FILE_MAX, f) : 0;
    bool big = buf && !feof(f) && fgetc(f) != EOF;
    fclose(f);
    if (!buf) return hz_cli_fail(cli, HZ_EINTERNAL, "内存不足 (out of memory)");
    if (big) {
        free(buf);
        return hz_cli_fail(cli, HZ_EINVAL, "plan-file: 文件超过64KB (file larger than 64 KiB)");
    }
    buf[len] = '\0';
    *text = buf;
    return 0;
}

static int hz_cmd_simulate(hz_cli *cli, int argc, char **argv) {
    insight_opts o;
    int rc = parse(cli, "simulate", argc, argv, &o);
    if (rc) return rc;
    int y, m, d;
    hz_date_to_ymd(cli->app.today, &y, &m, &d);
    hz_date from = hz_date_from_ymd(y, 1, 1), to = cli->app.today;
    if ((o.from && (rc = hz_cli_date(cli, o.from, "from", &from))) || (o.to && (rc = hz_cli_date(cli, o.to, "to", &to))))
        return rc;
    char *text;
    if ((rc = read_plan(cli, "simulate", o.plan_file, &text))) return rc;
    hz_whatif_result *r = malloc(sizeof *r);
    if (!r) {
        free(text);
        return hz_cli_fail(cli, HZ_EINTERNAL, "内存不足 (out of memory)");
    }
    hz_err err = hz_app_simulate(&cli->app, text, from, to, r, &cli->err);
    free(text);
    if (err) {
        free(r);
        return hz_cli_report(cli);
    }
    if (cli->json) {
        hz_cli_print_json(hz_view_whatif(r));
    } else {
        char b1[HZ_MONEY_BUF], b2[HZ_MONEY_BUF], b3[HZ_MONEY_BUF], p1[24], p2[24];
        printf("计划 %s 模拟 %d 件理赔: 现行 %s, 拟议 %s, 差额 %s; 赔付率 %s -> %s; %lld 名会员所得减少\n",
               r->plan_code, (int)r->claims, hz_money_format(r->current, b1), hz_money_format(r->proposed, b2),
               hz_money_format(r->proposed - r->current, b3),
               hz_bp_format(hz_loss_ratio_bp(r->current, r->contributions), p1),
               hz_bp_format(hz_loss_ratio_bp(r->proposed, r->contributions), p2), (long long)r->members_worse_off);
        for (int i = 0; i < r->by_plan.n; i++) {
            const hz_whatif_group *g = &r->by_plan.items[i];
            printf("  %-4s %8lld 件  现行 %14s  拟议 %14s  差额 %14s\n", g->key, (long long)g->claims,
                   hz_money_format(g->current, b1), hz_money_format(g->proposed, b2),
                   hz_money_format(g->proposed - g->current, b3));
        }
    }
    hz_whatif_free(r);
    free(r);
    return 0;
}

static int hz_cmd_plan_publish(hz_cli *cli, int argc, char **argv) {
    insight_opts o;
    int rc = parse(cli, "plan publish", argc, argv, &o);
    if (rc) return rc;
    char *text;
    if ((rc = read_plan(cli, "plan publish", o.plan_file, &text))) return rc;
    int version = 0;
    hz_err err = hz_app_plan_publish(&cli->app, text, o.why, &version, &cli->err);
    free(text);
    if (err) return hz_cli_report(cli);
    if (cli->json) hz_cli_print_json(json_pack("{s:i}", "version", version));
    else printf("已发布第%d版; 新参保按此版, 已有参保保持原版 (version %d published)\n", version, version);
    return 0;
}

static int hz_cmd_lookback(hz_cli *cli, int argc, char **argv) {
    insight_opts o;
    int rc = parse(cli, "lookback", argc, argv, &o);
    if (rc) return rc;
    int y, m, d, year;
    hz_date_to_ymd(cli->app.today, &y, &m, &d);
    year = y;
    if (o.year && (rc = hz_cli_int(cli, o.year, "year", 2000, 2199, &year))) return rc;
    hz_lookback_result r;
    if (hz_app_lookback(&cli->app, year, &r, &cli->err)) return hz_cli_report(cli);
    if (cli->json) {
        hz_cli_print_json(hz_view_lookback(&r));
    } else {
        printf("回头望 %d: 有住院无理赔 %lld, 达二次救助档未提出 %lld, 劳模住院无补助 %lld, 30天内到期未续保 %lld\n",
               year, (long long)r.count[HZ_LB_STAY], (long long)r.count[HZ_LB_RELIEF], (long long)r.count[HZ_LB_LM],
               (long long)r.count[HZ_LB_RENEW]);
        for (int i = 0; i < r.n; i++) {
            const hz_lookback_item *it = &r.items[i];
            char b[HZ_MONEY_BUF], dt[HZ_DATE_BUF];
            printf("  %-20s %s %s %s %s %s -> %s\n", hz_lookback_kind_key(it->kind), it->id_number, it->name, it->ref,
                   it->date == HZ_DATE_NONE ? "-" : hz_date_format(it->date, dt), hz_money_format(it->amount, b),
                   hz_lookback_action_label(it->kind));
        }
    }
    hz_lookback_free(&r);
    return 0;
}

static int hz_cmd_forecast(hz_cli *cli, int argc, char **argv) {
    insight_opts o;
    int rc = parse(cli, "forecast", argc, argv, &o);
    if (rc) return rc;
    int y, m, d, year;
    hz_date_to_ymd(cli->app.today, &y, &m, &d);
    year = y;
    if (o.year && (rc = hz_cli_int(cli, o.year, "year", 2000, 2199, &year))) return rc;
    hz_forecast *f = malloc(sizeof *f);
    if (!f) return hz_cli_fail(cli, HZ_EINTERNAL, "内存不足 (out of memory)");
    if (hz_app_forecast(&cli->app, year, f, &cli->err)) {
        free(f);
        return hz_cli_report(cli);
    }
    if (cli->json) {
        hz_cli_print_json(hz_view_forecast(f));
    } else {
        printf("%d 年末赔付率预测 (chain ladder):\n", year);
        for (int i = 0; i < f->n_plans; i++) {
            const hz_fc_plan *p = &f->plans[i];
            char b1[HZ_MONEY_BUF], b2[HZ_MONEY_BUF], r1[24], r2[24], r3[24];
            printf("  %-4s 已付 %s, 预计全年 %s, 赔付率 %s (%s - %s)\n", p->plan, hz_money_format(p->reported, b1),
                   hz_money_format(p->ultimate, b2), hz_bp_format(hz_loss_ratio_bp(p->ultimate, p->contributions), r1),
                   hz_bp_format(hz_loss_ratio_bp(p->low, p->contributions), r2),
                   hz_bp_format(hz_loss_ratio_bp(p->high, p->contributions), r3));
            char note[256];
            if (p->thin) printf("       %s\n", hz_fc_thin_note(p->thin, note, sizeof note));
        }
    }
    free(f);
    return 0;
}

static const hz_cmd commands[] = {
    {"simulate", hz_cmd_simulate, "--plan-file FILE [--from D] [--to D]",
     "模拟: 按拟议计划重新核算期间内的理赔, 不写入任何数据 (what-if, writes nothing)", true},
    {"plan publish", hz_cmd_plan_publish, "--plan-file FILE [--why TEXT]",
     "发布计划新版本: 新参保采用, 已有参保不变 (a new plan version for new coverages)", true},
    {"lookback", hz_cmd_lookback, "[--year Y]",
     "回头望: 有住院无理赔、达救助档未提出、劳模住院无补助、即将到期未续保 (worklists from the data)", true},
    {"forecast", hz_cmd_forecast, "[--year Y]",
     "年末赔付率预测: 按月进展的链梯法, 含区间 (year-end loss ratio per plan, chain ladder)", true},
    {NULL, NULL, NULL, NULL, false},
};
/* The insight module's commands (src/modules.def). */
const hz_cli_module hz_cli_module_insight = {"insight", commands};
