/* huzhu report NAME [--from D] [--to D] [--org C] [--format table|csv|xlsx|json] [--out FILE]:
 * every report of every module (app/reports.h), the same as GET /api/v1/reports/NAME. */
#include <string.h>

#include "app/reports.h"
#include "cli/cli.h"
#include "io/report_out.h"

enum { O_FROM = 256, O_TO, O_ORG, O_FORMAT, O_OUT };

typedef struct {
    const char *from, *to, *org, *format, *out;
} report_opts;

static int on_opt(hz_cli *cli, void *vctx, int key, const char *arg) {
    (void)cli;
    report_opts *o = vctx;
    if (key == O_FROM) o->from = arg;
    else if (key == O_TO) o->to = arg;
    else if (key == O_ORG) o->org = arg;
    else if (key == O_FORMAT) o->format = arg;
    else if (key == O_OUT) o->out = arg;
    return 0;
}

int hz_cmd_report(hz_cli *cli, int argc, char **argv) {
    static const struct option opts[] = {{"from", required_argument, 0, O_FROM},     {"to", required_argument, 0, O_TO},
                                         {"org", required_argument, 0, O_ORG},       {"format", required_argument, 0, O_FORMAT},
                                         {"out", required_argument, 0, O_OUT},       {0, 0, 0, 0}};
    const hz_cmd *cmd = hz_cli_find("report");
    const char *name = NULL;
    report_opts o;
    memset(&o, 0, sizeof o);
    int pos, rc = hz_cli_parse(cli, cmd, argc, argv, opts, on_opt, &o, &pos);
    if (rc) return rc;
    if (pos < argc) name = argv[pos++];
    if (!name || pos < argc) {
        char why[1200];
        snprintf(why, sizeof why, "须指定一个报表名 (one report NAME: %s)", hz_report_names());
        return hz_cli_usage(cli, cmd, why);
    }
    hz_report_format fmt;
    if (hz_report_format_parse(cli->json ? "json" : o.format, &fmt, &cli->err)) return hz_cli_report(cli);
    hz_report_args a;
    hz_report_args_default(&cli->app, &a);
    if (o.from && (rc = hz_cli_date(cli, o.from, "from", &a.from))) return rc;
    if (o.to && (rc = hz_cli_date(cli, o.to, "to", &a.to))) return rc;
    a.org = o.org;
    hz_report r;
    if (hz_app_report(&cli->app, name, &a, &r, &cli->err)) return hz_cli_report(cli);
    FILE *f = stdout;
    if (o.out && fmt != HZ_FMT_XLSX && !(f = fopen(o.out, "wb"))) {
        hz_report_free(&r);
        return hz_cli_fail(cli, HZ_EINVAL, "out: 无法写入 %s (cannot write)", o.out);
    }
    hz_err err = hz_report_write(&r, fmt, f, o.out, &cli->err);
    if (f != stdout && (ferror(f) | fclose(f)) && !err) err = hz_fail(&cli->err, HZ_EINTERNAL, "写入失败 (write failed)");
    hz_report_free(&r);
    return err ? hz_cli_report(cli) : 0;
}

static const hz_cmd commands[] = {
    {"report", hz_cmd_report, "NAME [--from D] [--to D] [--org C] [--format table|csv|xlsx|json] [--out FILE]",
     "各模块的报表, 与 API 的 /reports/NAME 相同 (every module's reports; `huzhu report` names them)",
     true},
    {NULL, NULL, NULL, NULL, false},
};
/* The reports module's commands (src/modules.def). */
const hz_cli_module hz_cli_module_reports = {"reports", commands};
