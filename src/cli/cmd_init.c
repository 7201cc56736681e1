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
