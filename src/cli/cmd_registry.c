/* org add, org stats, unit add, member add, member show, plans, audit verify */
#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/check.h"
#include "core/text.h"
#include "app/lists.h"
#include "app/plans.h"
#include "app/registry.h"
#include "cli/cli.h"
#include "core/flag.h"
#include "io/views.h"

enum { O_CODE = 256, O_NAME, O_PARENT, O_KIND, O_REGION, O_ORG, O_ID, O_PHONE, O_UNIT, O_FLAG, O_CARD, O_BANK };

typedef struct {
    const char *code, *name, *parent, *kind, *region, *org;
    hz_member_input member;
} reg_opts;

static int on_reg_opt(hz_cli *cli, void *vctx, int key, const char *arg) {
    reg_opts *o = vctx;
    switch (key) {
    case O_CODE: o->code = arg; break;
    case O_NAME: o->name = arg; o->member.name = arg; break;
    case O_PARENT: o->parent = arg; break;
    case O_KIND: o->kind = arg; break;
    case O_REGION: o->region = arg; break;
    case O_ORG: o->org = arg; o->member.org_code = arg; break;
    case O_ID: o->member.id_number = arg; break;
    case O_PHONE: o->member.phone = arg; break;
    case O_UNIT: o->member.unit_code = arg; break;
    case O_CARD: o->member.bank_card = arg; break;
    case O_BANK: o->member.bank_name = arg; break;
    case O_FLAG:
        if (o->member.n_flags == HZ_MEMBER_FLAGS_MAX) return hz_cli_fail(cli, HZ_EINVAL, "flag: 类别过多 (too many flags)");
        o->member.flags[o->member.n_flags++] = arg;
        break;
    }
    return 0;
}

static const struct option reg_longopts[] = {
    {"code", required_argument, 0, O_CODE},         {"name", required_argument, 0, O_NAME},
    {"parent", required_argument, 0, O_PARENT},     {"kind", required_argument, 0, O_KIND},
    {"region", required_argument, 0, O_REGION},     {"org", required_argument, 0, O_ORG},
    {"id-number", required_argument, 0, O_ID},      {"phone", required_argument, 0, O_PHONE},
    {"unit", required_argument, 0, O_UNIT},         {"flag", required_argument, 0, O_FLAG},
    {"bank-card", required_argument, 0, O_CARD},    {"bank-name", required_argument, 0, O_BANK},
    {0, 0, 0, 0},
};

/* Parses the shared option set, refusing options the command does not take. */
static int parse_reg(hz_cli *cli, const char *cmd_name, int argc, char **argv, const char *allowed, reg_opts *o,
                     int *pos) {
    const hz_cmd *cmd = hz_cli_find(cmd_name);
    memset(o, 0, sizeof *o);
    int rc = hz_cli_parse(cli, cmd, argc, argv, reg_longopts, on_reg_opt, o, pos);
    if (rc) return rc;
    /* options given but not meant for this command */
    for (int i = 1; i < *pos; i++)
        if (strncmp(argv[i], "--", 2) == 0) {
            char name[40];
            snprintf(name, sizeof name, "%s", argv[i] + 2);
            char *eq = strchr(name, '=');
            if (eq) *eq = '\0';
            char probe[48];
            snprintf(probe, sizeof probe, " %s ", name);
            if (!strstr(allowed, probe)) {
                char why[96];
                snprintf(why, sizeof why, "此命令不接受 --%s (option not taken here)", name);
                return hz_cli_usage(cli, cmd, why);
            }
        }
    return 0;
}

int hz_cmd_org_add(hz_cli *cli, int argc, char **argv) {
    reg_opts o;
    int pos, rc = parse_reg(cli, "org add", argc, argv, " code name parent kind region ", &o, &pos);
    if (rc || (rc = hz_cli_need(cli, "org add", o.code, "--code")) || (rc = hz_cli_need(cli, "org add", o.name, "--name"))) return rc;
    if (pos < argc) return hz_cli_usage(cli, hz_cli_find("org add"), "多余的参数 (unexpected argument)");
    hz_org org;
    if (hz_app_org_add(&cli->app, o.code, o.name, o.parent, o.kind, o.region, &org, &cli->err)) return hz_cli_report(cli);
    if (cli->json)
        hz_cli_print_json(json_pack("{s:s, s:s, s:s, s:s}", "code", org.code, "name", org.name, "kind", org.kind,
                                    "path", org.path));
    else printf("已新增组织 %s %s (%s)\n", org.code, org.name, org.path);
    return 0;
}

int hz_cmd_org_stats(hz_cli *cli, int argc, char **argv) {
    if (argc != 2) return hz_cli_usage(cli, hz_cli_find("org stats"), "须指定一个组织代码 (one org code)");
    hz_org_stats s;
    if (hz_app_org_stats(&cli->app, argv[1], &s, &cli->err)) return hz_cli_report(cli);
    if (cli->json) hz_cli_print_json(hz_view_org_stats(&s));
    else
        printf("组织 %lld  会员单位 %lld  会员 %lld  新就业形态 %lld  女职工 %lld  劳模 %lld  困难职工 %lld  在保 %lld\n",
               (long long)s.orgs, (long long)s.units, (long long)s.members, (long long)s.newform, (long long)s.women,
               (long long)s.model_workers, (long long)s.hardship, (long long)s.covered);
    return 0;
}

int hz_cmd_unit_add(hz_cli *cli, int argc, char **argv) {
    reg_opts o;
    int pos, rc = parse_reg(cli, "unit add", argc, argv, " code name org ", &o, &pos);
    if (rc || (rc = hz_cli_need(cli, "unit add", o.code, "--code")) || (rc = hz_cli_need(cli, "unit add", o.name, "--name")) ||
        (rc = hz_cli_need(cli, "unit add", o.org, "--org")))
        return rc;
    if (pos < argc) return hz_cli_usage(cli, hz_cli_find("unit add"), "多余的参数 (unexpected argument)");
    hz_unit u;
    if (hz_app_unit_add(&cli->app, o.code, o.name, o.org, &u, &cli->err)) return hz_cli_report(cli);
    if (cli->json)
        hz_cli_print_json(json_pack("{s:s, s:s, s:s}", "code", u.credit_code, "name", u.name, "org", u.org_code));
    else printf("已新增会员单位 %s %s\n", u.credit_code, u.name);
    return 0;
}

int hz_cmd_member_add(hz_cli *cli, int argc, char **argv) {
    reg_opts o;
    int pos, rc = parse_reg(cli, "member add", argc, argv, " id-number name phone unit org flag bank-card bank-name ", &o, &pos);
    if (rc || (rc = hz_cli_need(cli, "member add", o.member.id_number, "--id-number")) ||
        (rc = hz_cli_need(cli, "member add", o.member.name, "--name")))
        return rc;
    if (pos < argc) return hz_cli_usage(cli, hz_cli_find("member add"), "多余的参数 (unexpected argument)");
    hz_member m;
    if (hz_app_member_add(&cli->app, &o.member, &m, &cli->err)) return hz_cli_report(cli);
    if (cli->json) {
        hz_member_view *v = malloc(sizeof *v);
        if (!v || hz_app_member_show(&cli->app, m.id_number, v, &cli->err)) {
            free(v);
            return hz_cli_report(cli);
        }
        json_t *doc = hz_view_member(&v->member, false);
        json_t *flags = json_array();
        for (int i = 0; i < v->n_flags; i++) json_array_append_new(flags, hz_view_flag(&v->flags[i]));
        json_object_set_new(doc, "flags", flags);
        free(v);
        hz_cli_print_json(doc);
    } else {
        char b[HZ_DATE_BUF];
        printf("已新增会员 %s %s (%s, %s)\n", m.id_number, m.name, m.sex == 'F' ? "女" : "男", hz_date_format(m.birth, b));
    }
    return 0;
}

static hz_err claim_item(void *ctx, const hz_claim_row *c, hz_errinfo *e) {
    (void)e;
    char b[HZ_MONEY_BUF];
    json_array_append_new(ctx, json_pack("{s:s, s:s, s:s, s:s}", "claim_no", c->claim_no, "status", c->status, "total",
                                         hz_money_format(c->total, b), "submitted_at", c->submitted_at));
    return HZ_OK;
}

int hz_cmd_member_show(hz_cli *cli, int argc, char **argv) {
    if (argc != 2) return hz_cli_usage(cli, hz_cli_find("member show"), "须指定一个身份证号码 (one ID number)");
    hz_member_view *v = malloc(sizeof *v);
    if (!v) return hz_cli_fail(cli, HZ_EINTERNAL, "内存不足 (out of memory)");
    if (hz_app_member_show(&cli->app, argv[1], v, &cli->err)) {
        free(v);
        return hz_cli_report(cli);
    }
    json_t *claims = json_array();
    hz_page pg = {1, HZ_PER_PAGE_MAX};
    int64_t total;
    if (hz_app_claims_page(&cli->app, "", v->member.id_number, NULL, pg, claim_item, claims, &total, &cli->err)) {
        json_decref(claims);
        free(v);
        return hz_cli_report(cli);
    }
    if (cli->json) {
        json_t *doc = hz_view_member(&v->member, false);
        json_t *flags = json_array(), *covs = json_array();
        for (int i = 0; i < v->n_flags; i++) json_array_append_new(flags, hz_view_flag(&v->flags[i]));
        for (int i = 0; i < v->n_coverages; i++) json_array_append_new(covs, hz_view_coverage(&v->coverages[i]));
        json_object_set_new(doc, "flags", flags);
        json_object_set_new(doc, "coverages", covs);
        json_object_set_new(doc, "card_change", hz_view_card_pending(&v->card));
        json_object_set_new(doc, "claims", claims);
        hz_cli_print_json(doc);
    } else {
        const hz_member *m = &v->member;
        char b1[HZ_DATE_BUF], b2[HZ_DATE_BUF], fee[HZ_MONEY_BUF];
        printf("%s  %s  %s  出生 %s\n", m->name, m->id_number, m->sex == 'F' ? "女" : "男", hz_date_format(m->birth, b1));
        printf("单位: %s %s  工会: %s  电话: %s\n", m->unit_code[0] ? m->unit_code : "(个人会员)", m->unit_name,
               m->org_code, m->phone[0] ? m->phone : "-");
        for (int i = 0; i < v->n_flags; i++)
            printf("类别: %s  %s 至 %s\n", hz_flag_label(&v->flags[i]), hz_date_format(v->flags[i].from, b1),
                   hz_date_format(v->flags[i].to, b2));
        for (int i = 0; i < v->n_coverages; i++) {
            const hz_coverage *c = &v->coverages[i];
            printf("保障: %-4s %d份  %s 至 %s  缴费 %s  (%s)%s\n", c->plan_code, c->shares, hz_date_format(c->start, b1),
                   hz_date_format(c->end, b2), hz_money_format(c->premium, fee), c->payer_kind,
                   c->continuous ? "  连续续保" : "");
        }
        if (v->card.pending)
            printf("银行卡变更待确认: %s -> %s %s (%s, %s), 暂停支付 %d 笔 (member confirm-card)\n",
                   v->card.old_card[0] ? v->card.old_card : "(无)", v->card.new_card, v->card.new_bank,
                   v->card.changed_by, v->card.changed_at, v->card.n_held);
        size_t i;
        json_t *c;
        json_array_foreach(claims, i, c) printf("理赔: %s  %s  %s\n", json_string_value(json_object_get(c, "claim_no")),
                                                json_string_value(json_object_get(c, "status")),
                                                json_string_value(json_object_get(c, "total")));
        json_decref(claims);
    }
    free(v);
    return 0;
}

int hz_cmd_plans(hz_cli *cli, int argc, char **argv) {
    (void)argv;
    if (argc != 1) return hz_cli_usage(cli, hz_cli_find("plans"), "不接受参数 (takes no arguments)");
    hz_plan_row rows[64];
    int n;
    if (hz_app_plans_list(&cli->app, rows, 64, &n, &cli->err)) return hz_cli_report(cli);
    json_t *arr = json_array();
    for (int i = 0; i < n; i++) {
        if (cli->json)
            json_array_append_new(arr, json_pack("{s:s, s:s, s:i, s:s}", "code", rows[i].code, "name", rows[i].name,
                                                 "version", rows[i].version, "digest", rows[i].digest));
        else printf("%-4s v%-3d %s\n", rows[i].code, rows[i].version, rows[i].name);
    }
    if (cli->json) hz_cli_print_json(json_pack("{s:o}", "plans", arr));
    else json_decref(arr);
    return 0;
}

/* Reads a checkpoint: the file's first line, or the argument itself. */
static void read_checkpoint(const char *arg, char *buf, size_t cap) {
    FILE *f = fopen(arg, "r");
    buf[0] = '\0';
    if (f) {
        if (!fgets(buf, (int)cap, f)) buf[0] = '\0';
        fclose(f);
    } else {
        hz_strlcpy(buf, arg, cap);
    }
}

int hz_cmd_audit_verify(hz_cli *cli, int argc, char **argv) {
    static const struct option opts[] = {{"against", required_argument, NULL, 'a'}, {NULL, 0, NULL, 0}};
    const hz_cmd *cmd = hz_cli_find("audit verify");
    const char *against = NULL;
    int pos = 1;
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c != 'a') return hz_cli_usage(cli, cmd, "未知选项 (unknown option)");
        against = optarg;
    }
    pos = optind;
    if (pos < argc) return hz_cli_usage(cli, cmd, "多余的参数 (unexpected argument)");
    /* the combined verification: the money checks of `huzhu check` (every
     * money row against the journal, payments against their MACs), the
     * keyed chain, and the checkpoint when one is given */
    hz_check_report k;
    if (hz_app_check(&cli->app, &k, &cli->err)) return hz_cli_report(cli);
    hz_audit_report r;
    char cp[HZ_CHECKPOINT_MAX * 2];
    if (against) read_checkpoint(against, cp, sizeof cp);
    if ((against ? hz_audit_verify_against(&cli->app, cp, &r, &cli->err) : hz_audit_verify(&cli->app, &r, &cli->err)))
        return hz_cli_report(cli);
    bool chain_ok = r.broken_id == 0 && (!against || r.checkpoint_ok);
    bool ok = k.ok && chain_ok;
    if (cli->json) {
        json_t *doc = json_pack("{s:b, s:I, s:o, s:s, s:b}", "ok", ok, "events", (json_int_t)r.events, "broken_event",
                                r.broken_id ? json_integer(r.broken_id) : json_null(), "reason", r.reason, "money_ok",
                                k.ok);
        if (!k.ok) json_object_update_new(doc, json_pack("{s:s, s:s, s:s}", "check", k.check, "object", k.object,
                                                         "message", k.message));
        if (against) json_object_set_new(doc, "checkpoint_ok", json_boolean(r.checkpoint_ok));
        hz_cli_print_json(doc);
    }
    if (!k.ok) return hz_cli_fail(cli, HZ_ECONFLICT, "%s", k.message);
    if (r.broken_id > 0)
        return hz_cli_fail(cli, HZ_ECONFLICT, "审计链在事件 %lld 处断开: %s (audit chain broken at event %lld)",
                           (long long)r.broken_id, r.reason, (long long)r.broken_id);
    if (!chain_ok) return hz_cli_fail(cli, HZ_ECONFLICT, "审计链不可信 (audit chain not trustworthy): %s", r.reason);
    if (!cli->json)
        printf("审计链完整 (audit chain intact): %lld 个事件%s; 资金核对一致 (money rows agree)\n", (long long)r.events,
               against ? ", 与检查点一致 (matches the checkpoint)" : "");
    return 0;
}

int hz_cmd_audit_checkpoint(hz_cli *cli, int argc, char **argv) {
    (void)argv;
    if (argc != 1) return hz_cli_usage(cli, hz_cli_find("audit checkpoint"), "不接受参数 (takes no arguments)");
    char cp[HZ_CHECKPOINT_MAX];
    if (hz_audit_checkpoint(&cli->app, cp, &cli->err)) return hz_cli_report(cli);
    if (cli->json) hz_cli_print_json(json_pack("{s:s}", "checkpoint", cp));
    else printf("%s\n", cp);
    return 0;
}

static hz_err unit_table(hz_cli *cli, const hz_list_query *q, const char *const *extra, hz_report *r) {
    hz_unit_query uq = {*q, extra[0]};
    return hz_app_units_export(&cli->app, &uq, r, &cli->err);
}

/* unit list [--q T] [--status active|empty] [--org C] [...]: the export of GET /units */
static int hz_cmd_unit_list(hz_cli *cli, int argc, char **argv) {
    static const char *const extra[] = {"org", NULL};
    return hz_cli_list(cli, "unit list", argc, argv, extra, unit_table);
}

static const hz_cmd commands[] = {
    {"org add", hz_cmd_org_add, "--code C --name N [--parent C] [--kind federation|district|grassroots|joint] [--region 610103]",
     "新增工会组织 (add a union organisation)", true},
    {"org stats", hz_cmd_org_stats, "CODE", "组织及下级的会员统计 (membership statistics of a subtree)", true},
    {"unit add", hz_cmd_unit_add, "--code CREDIT_CODE --name N --org C", "新增会员单位 (add a member unit)", true},
    {"unit list", hz_cmd_unit_list,
     "[--q T] [--status active|empty] [--org C] [--unit C] [--from D] [--to D] [--sort code|name|org|members|created_at] "
     "[--order asc|desc] [--format table|csv|xlsx|json] [--out FILE]",
     "会员单位列表, 同 GET /units 的导出 (the units in scope, as the API exports them)", true},
    {"member add", hz_cmd_member_add,
     "--id-number X --name N [--phone P] [--unit CREDIT_CODE | --org C] [--flag F]... [--bank-card NO --bank-name B]",
     "新增会员 (add a member); flags: model:national|provincial|city, hardship:deep|relative|sudden:FROM:TO, "
     "newform:courier|delivery|ridehail|truck|other", true},
    {"audit checkpoint", hz_cmd_audit_checkpoint, "",
     "签发审计链检查点 (a signed head: events + hash; keep it away from the server)", true},
    {"member show", hz_cmd_member_show, "ID_NUMBER", "会员信息、类别、保障 (the member, flags, coverages)", true},
    {"member list", hz_cmd_member_list,
     "[--q TEXT] [--unit CREDIT_CODE] [--flag model|hardship|newform] [--plan CODE] [--covered active|expired|none]"
     " [--sort name|id_number|birth_date|unit] [--order asc|desc] [--format table|csv|xlsx|json] [--out FILE]",
     "会员名单导出, 与 GET /members?format= 相同 (every matching member in scope, as the API exports them)", true},
    {NULL, NULL, NULL, NULL, false},
};
/* The registry module's commands (src/modules.def). */
const hz_cli_module hz_cli_module_registry = {"registry", commands};
