/* huzhu init */
#include "cli/cli.h"

int hz_cmd_init(hz_cli *cli, int argc, char **argv) {
    (void)argv;
    if (argc > 1) return hz_cli_usage(cli, hz_cli_find("init"), "init 不接受参数 (init takes no arguments)");
    int applied = 0;
    if (hz_app_init(&cli->app, &applied, &cli->err) != HZ_OK) return hz_cli_report(cli);
    if (cli->json)
        printf("{\"schema_version\":%d,\"migrations_applied\":%d}\n", hz_app_schema_version(), applied);
    else
        printf("数据库已就绪 (database ready): 版本 %d, 本次升级 %d 步\n", hz_app_schema_version(), applied);
    return 0;
}

static const hz_cmd commands[] = {
    {"init", hz_cmd_init, "", "创建或升级数据库并载入标准计划目录 (create or migrate the database)", true},
    {"demo", hz_cmd_demo, "[--members N] [--seed S]", "生成西安演示数据并打印演示登录 (the Xi'an demo data set)", true},
    {"serve", hz_cmd_serve,
     "[--listen HOST:PORT] [--threads N] [--max-connections N] [--max-per-ip N] [--max-upload-bytes B] "
     "[--max-upload-total B] [--max-upload-per-ip B] [--header-timeout S] [--body-timeout S] [--access-log FILE|-|off]", "HTTP API 与管理后台, 默认 127.0.0.1:8080 (serve)", true},
    {"user add", hz_cmd_user_add, "LOGIN --role admin|staff|reviewer|finance|cadre|unit|member [--scope org:C|unit:C|member:ID]",
     "新增用户, 密码从标准输入读取 (add a user; password read from stdin)", true},
    {"audit verify", hz_cmd_audit_verify, "[--against CHECKPOINT]",
     "核对资金记录、带密钥的审计链与检查点 (money checks, the keyed chain, and a checkpoint: file or text)", true},
    {"backup", hz_cmd_backup, "--out FILE",
     "运行中在线备份 SQLite 数据库 (含审计密钥) 并核对副本; PostgreSQL 请用 pg_dump (an online, consistent copy)", true},
    {"check", hz_cmd_check, "", "核对资金账簿、明细、支付与审计链, 指出第一处不一致 (integrity of the money journal)", true},
    {NULL, NULL, NULL, NULL, false},
};
/* The core module's commands (src/modules.def). */
const hz_cli_module hz_cli_module_core = {"core", commands};
