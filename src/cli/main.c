/* huzhu [--db URL] [--json] COMMAND [ARGS]: global options, dispatch, exit
 * codes of interfaces.md (0 ok, 1 usage, 2 rejected, 3 conflict, 4 not
 * found, 5 storage or internal). */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

const hz_cmd hz_cmd_table[] = {
    {"init", hz_cmd_init, "", "创建或升级数据库并载入标准计划目录 (create or migrate the database)", true},
    {"demo", hz_cmd_demo, "[--members N] [--seed S]", "生成西安演示数据并打印演示登录 (the Xi'an demo data set)", true},
    {"serve", hz_cmd_serve, "[--listen HOST:PORT] [--threads N]", "HTTP API 与管理后台, 默认 127.0.0.1:8080 (serve)", true},
    {"user add", hz_cmd_user_add, "LOGIN --role admin|staff|reviewer|finance|cadre|unit|member [--scope org:C|unit:C|member:ID]",
     "新增用户, 密码从标准输入读取 (add a user; password read from stdin)", true},
    {"org add", hz_cmd_org_add, "--code C --name N [--parent C] [--kind federation|district|grassroots|joint] [--region 610103]",
     "新增工会组织 (add a union organisation)", true},
    {"org stats", hz_cmd_org_stats, "CODE", "组织及下级的会员统计 (membership statistics of a subtree)", true},
    {"unit add", hz_cmd_unit_add, "--code CREDIT_CODE --name N --org C", "新增会员单位 (add a member unit)", true},
    {"member add", hz_cmd_member_add,
     "--id-number X --name N [--phone P] [--unit CREDIT_CODE | --org C] [--flag F]... [--bank-card NO --bank-name B]",
     "新增会员 (add a member); flags: model:national|provincial|city, hardship:deep|relative|sudden:FROM:TO, "
     "newform:courier|delivery|ridehail|truck|other", true},
    {"member show", hz_cmd_member_show, "ID_NUMBER", "会员信息、类别、保障 (the member, flags, coverages)", true},
    {"enroll", hz_cmd_enroll, "--id-number X --plan CODE[:SHARES] --start DATE [--months M] [--payer unit|self|org:CODE]",
     "参保一项计划 (enroll one member in one plan)", true},
    {"enroll sponsored", hz_cmd_enroll_sponsored,
     "--org C --plan CODE[:SHARES] --start DATE [--months M] [--category newform|model|hardship|all]",
     "工会赠送互助保障 (a union gives a plan to every member of a selection)", true},
    {"enroll renew", hz_cmd_enroll_renew, "--unit CREDIT_CODE --from DATE --to DATE",
     "续保单位到期的保障 (renew a unit's coverages ending in a window)", true},
    {"import roster", hz_cmd_import_roster,
     "FILE --unit CREDIT_CODE [--plan CODE[:SHARES]]... --start DATE [--months M] [--payer P] [--skip-invalid] [--dry-run]"
     " [--encoding utf-8|gb18030]",
     "导入单位花名册并参保 (register and enroll a unit's roster, CSV or XLSX)", true},
    {"gen roster", hz_cmd_gen_roster, "N --out FILE [--seed S]", "生成合成花名册 (synthetic valid roster)", false},
    {"import settlements", hz_cmd_import_settlements, "FILE [--skip-invalid]",
     "导入医保结算数据 (load the medical-insurance settlement feed, CSV or JSON Lines)", true},
    {"claim submit", hz_cmd_claim_submit,
     "--id-number X [--settlement SETL_ID]... [--accident] [--death] [--disability-grade G] [--diagnosis ICD10]"
     " [--date D] [--documents-complete] [--resubmit-of NO]",
     "提交理赔申请并立即核算 (submit a claim; adjudicated at once; prints the claim number)", true},
    {"claim show", hz_cmd_claim_show, "NO", "理赔申请详情: 给付明细、原因、7日时限 (status, lines, total, SLA days)", true},
    {"claim approve", hz_cmd_claim_approve, "NO", "审核通过 (approve)", true},
    {"claim reject", hz_cmd_claim_reject, "NO --reason TEXT", "审核拒绝 (reject with a reason)", true},
    {"claim documents", hz_cmd_claim_documents, "NO [--received KIND,...] [--complete]",
     "登记收到的材料; 材料齐全时开始7日计时 (record documents; completion starts the 7-day clock)", true},
    {"claims proactive", hz_cmd_claims_proactive, "[--since DATE]",
     "免申即享: 为已结算住院自动生成理赔 (claims for every settled stay with none yet)", true},
    {"claims overdue", hz_cmd_claims_overdue, "", "7日时限预警: 第5天起未支付的理赔 (unpaid claims at day 5 or later)", true},
    {"claims sla", hz_cmd_claims_sla, "[--from D] [--to D]", "7日内支付率 (share paid within 7 days)", true},
    {"pay batch", hz_cmd_pay_batch, "[--out FILE]", "生成银行支付批次文件 (bank batch of approved claims)", true},
    {"pay confirm", hz_cmd_pay_confirm, "FILE [--batch BATCH_NO]",
     "导入银行结果文件; 按 批次号+业务编号 匹配, 银行流水号 保证幂等 (import the bank's result file)", true},
    {"gen settlements", hz_cmd_gen_settlements, "N --out FILE --roster FILE [--seed S]",
     "生成合成医保结算数据 (synthetic settlements for a roster)", false},
    {"report", hz_cmd_report, "NAME [--from D] [--to D] [--format table|csv|xlsx|json] [--out FILE]",
     "报表: dashboard, claims, payouts, coverage, districts, sla (CSV 带 BOM, XLSX)", true},
    {"plans", hz_cmd_plans, "", "计划目录 (the plan catalogue)", true},
    {"audit verify", hz_cmd_audit_verify, "", "校验审计哈希链 (walk the audit hash chain)", true},
    {"check", hz_cmd_check, "", "核对资金账簿、明细、支付与审计链, 指出第一处不一致 (integrity of the money journal)", true},
    {"recovery list", hz_cmd_recovery_list, "", "应追回款 (members who owe money back)", true},
    {"recovery repay", hz_cmd_recovery_repay, "--id-number X --amount YUAN --reason T [--ref BANK_SERIAL]",
     "登记会员退回的款项 (record a repayment)", true},
    {"recovery writeoff", hz_cmd_recovery_writeoff, "--id-number X --amount YUAN --reason T",
     "核销应追回款 (write a recovery off, with a reason)", true},
    {NULL, NULL, NULL, NULL, false},
};

const hz_cmd *hz_cli_find(const char *name) {
    for (const hz_cmd *c = hz_cmd_table; c->name; c++)
        if (strcmp(c->name, name) == 0) return c;
    return NULL;
}

int hz_cli_fail(hz_cli *cli, hz_err code, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    hz_failv(&cli->err, code, fmt, ap);
    va_end(ap);
    return hz_cli_report(cli);
}

int hz_cli_report(hz_cli *cli) {
    hz_err code = cli->err.code ? cli->err.code : HZ_EINTERNAL;
    if (code == HZ_ERETRY) return hz_err_exit_code(code); /* main() retries; reported if it gives up */
    /* one line: fold any newline the message carries */
    for (char *p = cli->err.msg; *p; p++)
        if (*p == '\n' || *p == '\r') *p = ' ';
    fprintf(stderr, "huzhu: %s: %s\n", hz_err_name(code), cli->err.msg);
    return hz_err_exit_code(code);
}

void hz_cli_print_json(json_t *doc) {
    char *s = json_dumps(doc, JSON_COMPACT);
    if (s) {
        fputs(s, stdout);
        fputc('\n', stdout);
        free(s);
    }
    json_decref(doc);
}

int hz_cli_int(hz_cli *cli, const char *arg, const char *what, long min, long max, int *out) {
    char *end;
    long v = arg ? strtol(arg, &end, 10) : 0;
    if (!arg || !*arg || *end || v < min || v > max)
        return hz_cli_fail(cli, HZ_EINVAL, "%s: 应为 %ld 至 %ld 的整数 (must be a whole number %ld..%ld, got '%s')", what,
                           min, max, min, max, arg ? arg : "");
    *out = (int)v;
    return 0;
}

int hz_cli_date(hz_cli *cli, const char *arg, const char *what, hz_date *out) {
    if (hz_date_parse(arg, out, what, &cli->err) != HZ_OK) return hz_cli_report(cli);
    return 0;
}

static void print_cmd_help(const hz_cmd *cmd, FILE *f) {
    fprintf(f, "用法 (usage): huzhu [--db URL] [--json] %s %s\n  %s\n", cmd->name, cmd->usage, cmd->summary);
}

int hz_cli_usage(hz_cli *cli, const hz_cmd *cmd, const char *why) {
    hz_fail(&cli->err, HZ_EUSAGE, "%s; 用法 (usage): huzhu %s %s", why, cmd->name, cmd->usage);
    return hz_cli_report(cli);
}

bool hz_cli_wants_help(const hz_cmd *cmd, int argc, char **argv) {
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            print_cmd_help(cmd, stdout);
            return true;
        }
    return false;
}

int hz_cli_parse(hz_cli *cli, const hz_cmd *cmd, int argc, char **argv, const struct option *longopts,
                 hz_opt_fn on_opt, void *ctx, int *first_positional) {
    optind = 1;
    opterr = 0;
    int c;
    /* GNU permutation: positional arguments may stand before, between or
     * after the options; they end up at argv[*first_positional...] */
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        if (c == '?' || c == ':') {
            char why[160];
            snprintf(why, sizeof why, "未知或不完整的选项 (unknown option or missing value): %s",
                     optind > 0 && optind <= argc ? argv[optind - 1] : "?");
            return hz_cli_usage(cli, cmd, why);
        }
        int rc = on_opt(cli, ctx, c, optarg);
        if (rc) return rc;
    }
    *first_positional = optind;
    return 0;
}

static void print_help(void) {
    printf("huzhu — 职工互助保障系统 (workers' mutual-aid office)\n\n"
           "用法 (usage): huzhu [--db URL] [--json] COMMAND [ARGS]\n"
           "  --db URL   sqlite:PATH (默认 sqlite:huzhu.db) 或 postgresql://…；也可用 HUZHU_DB\n"
           "  --json     输出机器可读的 JSON (machine-readable output)\n\n命令 (commands):\n");
    for (const hz_cmd *c = hz_cmd_table; c->name; c++) printf("  %-20s %s\n", c->name, c->summary);
    printf("\n退出码 (exit codes): 0 成功, 1 用法错误, 2 输入被拒绝, 3 冲突, 4 未找到, 5 存储或内部错误\n");
}

/* Removes global options (anywhere on the line) from argv in place. */
static int take_globals(hz_cli *cli, int argc, char **argv) {
    int out = 1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0) {
            cli->json = true;
        } else if (strcmp(argv[i], "--db") == 0) {
            if (i + 1 >= argc) return -1;
            cli->db_url = argv[++i];
        } else if (strncmp(argv[i], "--db=", 5) == 0) {
            cli->db_url = argv[i] + 5;
        } else {
            argv[out++] = argv[i];
        }
    }
    argv[out] = NULL;
    return out;
}

int main(int argc, char **argv) {
    hz_cli cli;
    memset(&cli, 0, sizeof cli);
    cli.tty = isatty(STDERR_FILENO);
    cli.db_url = getenv("HUZHU_DB");
    if (!cli.db_url || !*cli.db_url) cli.db_url = "sqlite:huzhu.db";
    argc = take_globals(&cli, argc, argv);
    if (argc < 0) return hz_cli_fail(&cli, HZ_EUSAGE, "--db 需要一个参数 (--db needs a value)");
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
        print_help();
        return argc < 2 ? 1 : 0;
    }
    /* two-word commands first ("org add"), then one-word ones */
    const hz_cmd *cmd = NULL;
    int skip = 1;
    if (argc >= 3) {
        char two[64];
        snprintf(two, sizeof two, "%s %s", argv[1], argv[2]);
        if ((cmd = hz_cli_find(two))) skip = 2;
    }
    if (!cmd) cmd = hz_cli_find(argv[1]);
    if (!cmd) {
        bool group = false;
        size_t n = strlen(argv[1]);
        for (const hz_cmd *c = hz_cmd_table; c->name; c++)
            if (strncmp(c->name, argv[1], n) == 0 && c->name[n] == ' ') group = true;
        if (group && (argc < 3 || strcmp(argv[2], "--help") == 0)) {
            for (const hz_cmd *c = hz_cmd_table; c->name; c++)
                if (strncmp(c->name, argv[1], n) == 0 && c->name[n] == ' ') print_cmd_help(c, stdout);
            return argc < 3 ? 1 : 0;
        }
        return hz_cli_fail(&cli, HZ_EUSAGE, "未知命令 (unknown command): %s%s%s; 见 huzhu --help", argv[1],
                           group ? " " : "", group ? argv[2] : "");
    }
    int sub_argc = argc - skip;
    char **sub_argv = argv + skip; /* sub_argv[0] is the (last) command word */
    if (hz_cli_wants_help(cmd, sub_argc, sub_argv)) return 0;
    if (cmd->needs_db) {
        if (hz_app_open(&cli.app, cli.db_url, &cli.err) != HZ_OK) return hz_cli_report(&cli);
    }
    /* commands may rewrite their argv; each attempt gets a fresh copy */
    char *copy[256];
    if (sub_argc >= 256) return hz_cli_fail(&cli, HZ_EUSAGE, "参数过多 (too many arguments)");
    int rc = 0;
    for (int attempt = 0; attempt < 3; attempt++) {
        memcpy(copy, sub_argv, sizeof *copy * (size_t)(sub_argc + 1));
        hz_err_clear(&cli.err);
        rc = cmd->fn(&cli, sub_argc, copy);
        if (cli.err.code != HZ_ERETRY) break; /* PostgreSQL asked to run it again */
    }
    if (cli.err.code == HZ_ERETRY) {
        cli.err.code = HZ_ECONFLICT;
        rc = hz_cli_report(&cli);
    }
    hz_app_close(&cli.app);
    return rc;
}
