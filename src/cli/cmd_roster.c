/* import roster, gen roster */
#include <stdlib.h>
#include <string.h>

#include "app/roster.h"
#include "cli/cli.h"
#include "io/gen.h"
#include "io/views.h"

enum { O_UNIT = 256, O_PLAN, O_START, O_MONTHS, O_PAYER, O_SKIP, O_DRY, O_ENC, O_OUT, O_SEED, O_ROWS };

typedef struct {
    hz_roster_input in;
    const char *start, *months, *enc, *out, *seed;
} roster_opts;

static int on_opt(hz_cli *cli, void *vctx, int key, const char *arg) {
    roster_opts *o = vctx;
    switch (key) {
    case O_UNIT: o->in.unit_code = arg; break;
    case O_PLAN:
        if (o->in.n_plans == HZ_ROSTER_MAX_PLANS) return hz_cli_fail(cli, HZ_EUSAGE, "--plan 最多 %d 个", HZ_ROSTER_MAX_PLANS);
        o->in.plans[o->in.n_plans++] = arg;
        break;
    case O_START: o->start = arg; break;
    case O_MONTHS: o->months = arg; break;
    case O_PAYER: o->in.payer = arg; break;
    case O_SKIP: o->in.skip_invalid = true; break;
    case O_DRY: o->in.dry_run = true; break;
    case O_ROWS: o->in.row_by_row = true; break;
    case O_ENC: o->enc = arg; break;
    case O_OUT: o->out = arg; break;
    case O_SEED: o->seed = arg; break;
    }
    return 0;
}

static void progress(void *ctx, long done, long total) {
    (void)ctx;
    if (total > 0) fprintf(stderr, "\r导入 (importing) %ld/%ld  %3ld%%", done, total, done * 100 / total);
    else fprintf(stderr, "\r校验 (validating) %ld", done);
    if (total > 0 && done == total) fputc('\n', stderr);
}

int hz_cmd_import_roster(hz_cli *cli, int argc, char **argv) {
    static const struct option opts[] = {
        {"unit", required_argument, 0, O_UNIT},   {"plan", required_argument, 0, O_PLAN},
        {"start", required_argument, 0, O_START}, {"months", required_argument, 0, O_MONTHS},
        {"payer", required_argument, 0, O_PAYER}, {"skip-invalid", no_argument, 0, O_SKIP},
        {"dry-run", no_argument, 0, O_DRY},       {"encoding", required_argument, 0, O_ENC},
        {"row-by-row", no_argument, 0, O_ROWS},   {0, 0, 0, 0}};
    const hz_cmd *cmd = hz_cli_find("import roster");
    roster_opts o;
    memset(&o, 0, sizeof o);
    /* FILE may come before or after the options */
    int pos, rc;
    const char *file = NULL;
    if ((rc = hz_cli_parse(cli, cmd, argc, argv, opts, on_opt, &o, &pos))) return rc;
    if (pos < argc) file = argv[pos++];
    if (pos < argc) return hz_cli_usage(cli, cmd, "多余的参数 (unexpected argument)");
    if (!file) return hz_cli_usage(cli, cmd, "缺少花名册文件 (missing FILE)");
    if (!o.in.unit_code) return hz_cli_usage(cli, cmd, "缺少 --unit (missing --unit)");
    if (!o.start) return hz_cli_usage(cli, cmd, "缺少 --start (missing --start)");
    o.in.path = file;
    o.in.solo = true; /* one process, one import: hz_store_import_solo */
    if ((rc = hz_cli_date(cli, o.start, "start", &o.in.start))) return rc;
    if (o.months && (rc = hz_cli_int(cli, o.months, "months", 1, 120, &o.in.months))) return rc;
    if (hz_encoding_parse(o.enc, &o.in.encoding, &cli->err)) return hz_cli_report(cli);
    if (cli->tty && !cli->json) o.in.progress = progress;
    hz_roster_report r;
    hz_err err = hz_app_import_roster(&cli->app, &o.in, &r, &cli->err);
    bool have_report = err == HZ_OK || err == HZ_EINVAL; /* the report also when the import is refused */
    if (cli->json && have_report) {
        json_t *rej = hz_view_row_errors(r.rejected, r.n_listed), *warn = json_array();
        for (int i = 0; i < r.n_warnings; i++) json_array_append_new(warn, json_string(r.warnings[i]));
        hz_cli_print_json(json_pack("{s:I, s:I, s:I, s:o, s:I, s:I, s:o, s:b, s:b, s:s?, s:s?}", "rows",
                                    (json_int_t)r.rows, "imported", (json_int_t)r.imported, "updated",
                                    (json_int_t)r.updated, "rejected", rej, "rejected_total",
                                    (json_int_t)r.n_rejected, "coverages", (json_int_t)r.coverages, "warnings", warn,
                                    "written", r.written, "dry_run", o.in.dry_run, "format", r.format, "encoding",
                                    r.encoding));
    } else if (have_report) {
        for (int i = 0; i < r.n_warnings; i++) fprintf(stderr, "警告: %s\n", r.warnings[i]);
        for (int i = 0; i < r.n_listed; i++)
            fprintf(err ? stderr : stdout, "第%ld行 [%s] %s\n", r.rejected[i].row, r.rejected[i].column,
                    r.rejected[i].reason);
        if (r.n_rejected > r.n_listed) fprintf(stderr, "……另有 %ld 行有误\n", r.n_rejected - r.n_listed);
        if (!err)
            printf("%s: 共 %ld 行, 新增会员 %ld, 更新会员 %ld, 新增保障 %ld, 拒绝 %ld 行%s\n",
                   o.in.dry_run ? "试导入 (dry run)" : "导入完成", r.rows, r.imported, r.updated, r.coverages,
                   r.n_rejected, o.in.dry_run ? " (未写入)" : "");
    }
    hz_roster_report_free(&r);
    return err ? hz_cli_report(cli) : 0;
}

int hz_cmd_gen_roster(hz_cli *cli, int argc, char **argv) {
    static const struct option opts[] = {{"out", required_argument, 0, O_OUT}, {"seed", required_argument, 0, O_SEED},
                                         {0, 0, 0, 0}};
    const hz_cmd *cmd = hz_cli_find("gen roster");
    roster_opts o;
    memset(&o, 0, sizeof o);
    const char *count = NULL;
    int pos, rc;
    if ((rc = hz_cli_parse(cli, cmd, argc, argv, opts, on_opt, &o, &pos))) return rc;
    if (pos < argc) count = argv[pos++];
    if (!count || pos < argc) return hz_cli_usage(cli, cmd, "须指定人数 N (missing N)");
    if (!o.out) return hz_cli_usage(cli, cmd, "缺少 --out (missing --out)");
    int n, seed = 1;
    if ((rc = hz_cli_int(cli, count, "N", 1, 100000000, &n))) return rc;
    if (o.seed && (rc = hz_cli_int(cli, o.seed, "seed", 0, 2000000000, &seed))) return rc;
    FILE *f = fopen(o.out, "wb");
    if (!f) return hz_cli_fail(cli, HZ_EINVAL, "out: 无法写入 %s (cannot write)", o.out);
    hz_err err = hz_gen_roster(f, n, (uint64_t)seed, &cli->err);
    if ((ferror(f) | fclose(f)) && !err) err = hz_fail(&cli->err, HZ_EINTERNAL, "写入失败 (write failed)");
    if (err) return hz_cli_report(cli);
    if (cli->json) hz_cli_print_json(json_pack("{s:i, s:s}", "rows", n, "out", o.out));
    else printf("已生成 %d 人的花名册: %s\n", n, o.out);
    return 0;
}
