/* member confirm-card, setting, user list, user unlock (the security module, issue 12) */
#include <stdio.h>
#include <string.h>

#include "app/security.h"
#include "app/users.h"
#include "cli/cli.h"
#include "http/http.h"

static int no_options(hz_cli *cli, const char *name, int argc, char **argv, int min, int max, int *pos) {
    static const struct option none[] = {{NULL, 0, NULL, 0}};
    const hz_cmd *cmd = hz_cli_find(name);
    int rc = hz_cli_parse(cli, cmd, argc, argv, none, NULL, NULL, pos);
    if (rc) return rc;
    int n = argc - *pos;
    if (n < min || n > max) return hz_cli_usage(cli, cmd, "参数个数不对 (wrong number of arguments)");
    return 0;
}

int hz_cmd_member_confirm_card(hz_cli *cli, int argc, char **argv) {
    int pos, rc = no_options(cli, "member confirm-card", argc, argv, 1, 1, &pos);
    if (rc) return rc;
    hz_card_confirm_report r;
    if (hz_app_member_confirm_card(&cli->app, argv[pos], &r, &cli->err)) return hz_cli_report(cli);
    if (cli->json)
        hz_cli_print_json(json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:I}", "id_number", r.id_number, "old_card",
                                    r.old_card, "new_card", r.new_card, "changed_by", r.changed_by, "changed_at",
                                    r.changed_at, "confirmed_by", r.confirmed_by, "released", (json_int_t)r.released));
    else
        printf("已确认 %s 的新银行卡 %s (changed by %s at %s); 解除暂停支付 %lld 笔\n", r.id_number, r.new_card,
               r.changed_by, r.changed_at, (long long)r.released);
    return 0;
}

int hz_cmd_setting(hz_cli *cli, int argc, char **argv) {
    int pos, rc = no_options(cli, "setting", argc, argv, 1, 2, &pos);
    if (rc) return rc;
    const char *key = argv[pos], *value = pos + 1 < argc ? argv[pos + 1] : NULL;
    char now[64];
    if (value && hz_app_setting_set(&cli->app, key, value, &cli->err)) return hz_cli_report(cli);
    if (hz_app_setting_get(&cli->app, key, now, sizeof now, &cli->err)) return hz_cli_report(cli);
    if (cli->json) hz_cli_print_json(json_pack("{s:s, s:s}", "key", key, "value", now[0] ? now : "off"));
    else printf("%s = %s\n", key, now[0] ? now : "off");
    return 0;
}

int hz_cmd_user_unlock(hz_cli *cli, int argc, char **argv) {
    int pos, rc = no_options(cli, "user unlock", argc, argv, 1, 1, &pos);
    if (rc) return rc;
    if (hz_app_user_unlock(&cli->app, argv[pos], &cli->err)) return hz_cli_report(cli);
    if (cli->json) hz_cli_print_json(json_pack("{s:s, s:b}", "login", argv[pos], "unlocked", 1));
    else printf("已解锁用户 %s (unlocked)\n", argv[pos]);
    return 0;
}

/* ctx: the JSON array of --json, or NULL for the table */
static hz_err user_line(void *ctx, const hz_user_row *u, hz_errinfo *e) {
    (void)e;
    if (ctx) return json_array_append_new(ctx, hz_http_user_row(u)) ? HZ_EINTERNAL : HZ_OK;
    char scope[64] = "-";
    if (u->scope_kind[0]) snprintf(scope, sizeof scope, "%s:%s", u->scope_kind, u->scope_ref);
    printf("%-16s %-9s %-34s %s%s", u->login, u->role, scope, u->locked_at[0] ? "已锁定 (locked)" : "正常",
           u->disabled ? " 已停用 (disabled)" : "");
    if (u->failed_logins && !u->locked_at[0]) printf(" 连续登录失败 %lld 次", (long long)u->failed_logins);
    printf("\n");
    return HZ_OK;
}

int hz_cmd_user_list(hz_cli *cli, int argc, char **argv) {
    int pos, rc = no_options(cli, "user list", argc, argv, 0, 0, &pos);
    if (rc) return rc;
    json_t *items = cli->json ? json_array() : NULL;
    if (hz_app_users_list(&cli->app, user_line, items, &cli->err)) {
        json_decref(items);
        return hz_cli_report(cli);
    }
    if (items) hz_cli_print_json(json_pack("{s:o}", "items", items));
    return 0;
}

static const hz_cmd commands[] = {
    {"member confirm-card", hz_cmd_member_confirm_card, "ID_NUMBER",
     "确认会员变更后的银行卡, 解除暂停的支付 (confirm a member's new bank card; held payouts resume)", true},
    {"setting", hz_cmd_setting, "KEY [on|off]",
     "办事处设置: card_two_person 银行卡变更须由另一人确认 (office settings: card_two_person)", true},
    {"user list", hz_cmd_user_list, "", "用户及其角色、范围与锁定状态 (accounts, roles, scopes, lock state)", true},
    {"user unlock", hz_cmd_user_unlock, "LOGIN", "解锁因多次登录失败而锁定的用户 (unlock a locked account)", true},
    {NULL, NULL, NULL, NULL, false},
};
/* The security module's commands (src/modules.def). */
const hz_cli_module hz_cli_module_security = {"security", commands};
