/* pay batch, pay confirm, gen settlements */
#include <stdlib.h>
#include <string.h>

#include "app/payments.h"
#include "cli/cli.h"
#include "io/gen.h"
#include "io/views.h"

enum { O_OUT = 256, O_ROSTER, O_SEED, O_BATCH };

typedef struct {
    const char *out, *roster, *seed, *batch;
} pay_opts;

static int on_opt(hz_cli *cli, void *vctx, int key, const char *arg) {
    (void)cli;
    pay_opts *o = vctx;
    if (key == O_OUT) o->out = arg;
    else if (key == O_ROSTER) o->roster = arg;
    else if (key == O_SEED) o->seed = arg;
    else if (key == O_BATCH) o->batch = arg;
    return 0;
}

static const struct option longopts[] = {{"out", required_argument, 0, O_OUT},
                                         {"roster", required_argument, 0, O_ROSTER},
                                         {"seed", required_argument, 0, O_SEED},
                                         {"batch", required_argument, 0, O_BATCH},
                                         {0, 0, 0, 0}};

static int parse(hz_cli *cli, const char *name, int argc, char **argv, pay_opts *o, const char **pos_arg) {
    memset(o, 0, sizeof *o);
    *pos_arg = NULL;
    int pos, rc = hz_cli_parse(cli, hz_cli_find(name), argc, argv, longopts, on_opt, o, &pos);
    if (rc) return rc;
    if (pos < argc) *pos_arg = argv[pos++];
    if (pos < argc) return hz_cli_usage(cli, hz_cli_find(name), "多余的参数 (unexpected argument)");
    return 0;
}

int hz_cmd_pay_batch(hz_cli *cli, int argc, char **argv) {
    pay_opts o;
    const char *extra;
    int rc = parse(cli, "pay batch", argc, argv, &o, &extra);
    if (rc) return rc;
    if (extra) return hz_cli_usage(cli, hz_cli_find("pay batch"), "多余的参数 (unexpected argument)");
    char path[256];
    if (!o.out) snprintf(path, sizeof path, "bank-batch-%.10s.csv", cli->app.now);
    hz_batch_report r;
    if (hz_app_pay_batch(&cli->app, o.out ? o.out : path, false, &r, &cli->err)) return hz_cli_report(cli);
    if (cli->json)
        hz_cli_print_json(json_pack("{s:o, s:I, s:o, s:I, s:o, s:o, s:I, s:b}", "batch_no",
                                    r.count ? json_string(r.batch_no) : json_null(), "count", (json_int_t)r.count,
                                    "total", hz_json_money(r.total), "skipped_no_bank_card",
                                    (json_int_t)r.skipped_no_card, "file", r.count ? json_string(r.file) : json_null(),
                                    "offset", hz_json_money(r.offset), "settled_by_offset",
                                    (json_int_t)r.settled_by_offset, "rewritten", r.rewritten));
    else if (r.rewritten) {
        char b[HZ_MONEY_BUF];
        printf("支付批次 %s 的银行文件上次未写完, 已重新写出 (the file of an earlier batch, written again): %lld 笔, 合计 "
               "%s, 银行文件 %s; 再次运行 pay batch 生成新批次\n",
               r.batch_no, (long long)r.count, hz_money_format(r.total, b), r.file);
    } else if (r.count) {
        char b[HZ_MONEY_BUF];
        printf("支付批次 %s: %lld 笔, 合计 %s, 银行文件 %s\n", r.batch_no, (long long)r.count, hz_money_format(r.total, b),
               r.file);
    } else {
        printf("没有待支付的款项 (nothing to pay)\n");
    }
    if (r.offset > 0 && !cli->json) {
        char b[HZ_MONEY_BUF];
        printf("已从应追回款中抵扣 %s (offset against recoveries)\n", hz_money_format(r.offset, b));
    }
    if (r.skipped_no_card && !cli->json)
        fprintf(stderr, "警告: %lld 件已审批的理赔因会员没有银行卡未列入批次\n", (long long)r.skipped_no_card);
    return 0;
}

int hz_cmd_pay_confirm(hz_cli *cli, int argc, char **argv) {
    pay_opts o;
    const char *file;
    int rc = parse(cli, "pay confirm", argc, argv, &o, &file);
    if (rc) return rc;
    if (!file) return hz_cli_usage(cli, hz_cli_find("pay confirm"), "缺少银行结果文件 (missing FILE)");
    hz_confirm_report r;
    hz_err err = hz_app_pay_confirm(&cli->app, file, o.batch, &r, &cli->err);
    if (cli->json && (err == HZ_OK || r.rows > 0)) {
        json_t *rej = hz_view_row_errors(r.rejected, r.n_listed);
        hz_cli_print_json(json_pack("{s:I, s:I, s:I, s:I, s:b, s:o}", "rows", (json_int_t)r.rows, "paid",
                                    (json_int_t)r.paid, "failed", (json_int_t)r.failed, "duplicate",
                                    (json_int_t)r.duplicate, "file_seen", r.file_seen, "rejected", rej));
    } else if (!cli->json) {
        for (int i = 0; i < r.n_listed; i++)
            fprintf(stderr, "第%ld行 [%s] %s\n", r.rejected[i].row, r.rejected[i].column, r.rejected[i].reason);
        if (!err && r.file_seen) printf("该银行结果文件已导入过, 未做任何更改 (file applied before; nothing changed)\n");
        else if (!err) printf("银行结果: 成功 %ld 笔, 失败 %ld 笔, 重复 %ld 笔\n", r.paid, r.failed, r.duplicate);
    }
    hz_confirm_report_free(&r);
    return err ? hz_cli_report(cli) : 0;
}

int hz_cmd_gen_settlements(hz_cli *cli, int argc, char **argv) {
    pay_opts o;
    const char *count;
    int rc = parse(cli, "gen settlements", argc, argv, &o, &count);
    if (rc) return rc;
    if (!count) return hz_cli_usage(cli, hz_cli_find("gen settlements"), "须指定条数 N (missing N)");
    if (!o.out || !o.roster) return hz_cli_usage(cli, hz_cli_find("gen settlements"), "须指定 --out 和 --roster");
    int n, seed = 1;
    if ((rc = hz_cli_int(cli, count, "N", 1, 100000000, &n))) return rc;
    if (o.seed && (rc = hz_cli_int(cli, o.seed, "seed", 0, 2000000000, &seed))) return rc;
    /* gen opens no store, so the clock is read here (HUZHU_TODAY honoured):
     * without it today was day 0 and every stay fell in 1969 */
    hz_app_tick(&cli->app);
    if (hz_gen_settlements(o.roster, o.out, n, (uint64_t)seed, cli->app.today, &cli->err)) return hz_cli_report(cli);
    if (cli->json) hz_cli_print_json(json_pack("{s:i, s:s}", "rows", n, "out", o.out));
    else printf("已生成 %d 条医保结算记录: %s\n", n, o.out);
    return 0;
}

static const hz_cmd commands[] = {
    {"pay batch", hz_cmd_pay_batch, "[--out FILE]", "生成银行支付批次文件 (bank batch of every payable due)", true},
    {"pay confirm", hz_cmd_pay_confirm, "FILE [--batch BATCH_NO]",
     "导入银行结果文件; 按 批次号+业务编号 匹配, 银行流水号 保证幂等 (import the bank's result file)", true},
    {"recovery list", hz_cmd_recovery_list,
     "| [--q T] [--status open|closed] [--unit C] [--from D] [--to D] "
     "[--sort name|id_number|owes|recovered|written_off|since] [--order asc|desc] [--format table|csv|xlsx|json] [--out FILE]", "应追回款与资金去向 (members who owe money back; paid out, recovered)",
     true},
    {"recovery repay", hz_cmd_recovery_repay, "--id-number X --amount YUAN --reason T [--ref BANK_SERIAL]",
     "登记会员退回的款项 (record a repayment)", true},
    {"recovery writeoff", hz_cmd_recovery_writeoff, "--id-number X --amount YUAN --reason T",
     "核销应追回款 (write a recovery off, with a reason)", true},
    {NULL, NULL, NULL, NULL, false},
};
/* The payments module's commands (src/modules.def). */
const hz_cli_module hz_cli_module_payments = {"payments", commands};
