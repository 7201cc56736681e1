/* check, backup, recovery list | repay | writeoff */
#include <stdlib.h>
#include <string.h>

#include "app/backup.h"
#include "app/check.h"
#include "app/recovery.h"
#include "cli/cli.h"
#include "io/views.h"

int hz_cmd_check(hz_cli *cli, int argc, char **argv) {
    (void)argv;
    if (argc != 1) return hz_cli_usage(cli, hz_cli_find("check"), "不接受参数 (takes no arguments)");
    hz_check_report r;
    if (hz_app_check(&cli->app, &r, &cli->err)) return hz_cli_report(cli);
    if (cli->json) {
        json_t *doc = json_pack("{s:b, s:o, s:o, s:I}", "ok", r.ok, "debits", hz_json_money(r.debits), "credits",
                                hz_json_money(r.credits), "audit_events", (json_int_t)r.audit_events);
        if (!r.ok)
            json_object_update_new(doc,
                                   json_pack("{s:s, s:s, s:I, s:I, s:s}", "check", r.check, "object", r.object, "got",
                                             (json_int_t)r.got, "want", (json_int_t)r.want, "message", r.message));
        hz_cli_print_json(doc);
    } else if (r.ok) {
        char b[HZ_MONEY_BUF];
        printf("一致 (ok): 借方 = 贷方 = %s, 审计事件 %lld 条\n", hz_money_format(r.debits, b),
               (long long)r.audit_events);
    }
    if (r.ok) return 0;
    return hz_cli_fail(cli, HZ_ECONFLICT, "%s", r.message);
}

static int on_out(hz_cli *cli, void *vctx, int key, const char *arg) {
    (void)cli;
    if (key == 'o') *(const char **)vctx = arg;
    return 0;
}

/* huzhu backup --out FILE: {"out","bytes","audit_key","check":{...}};
 * exit 3 when the copy fails its check (the copy is kept for inspection). */
int hz_cmd_backup(hz_cli *cli, int argc, char **argv) {
    static const struct option opts[] = {{"out", required_argument, 0, 'o'}, {0, 0, 0, 0}};
    const char *out = NULL;
    int pos, rc = hz_cli_parse(cli, hz_cli_find("backup"), argc, argv, opts, on_out, &out, &pos);
    if (rc) return rc;
    if (pos < argc) return hz_cli_usage(cli, hz_cli_find("backup"), "多余的参数 (unexpected argument)");
    if (!out) return hz_cli_usage(cli, hz_cli_find("backup"), "须指定 --out (missing --out)");
    hz_backup_report *r = calloc(1, sizeof *r);
    if (!r) return hz_cli_fail(cli, HZ_EINTERNAL, "内存不足 (out of memory)");
    if (hz_app_backup(&cli->app, out, r, &cli->err)) {
        free(r);
        return hz_cli_report(cli);
    }
    if (cli->json) {
        hz_cli_print_json(json_pack("{s:s, s:I, s:s?, s:{s:b, s:I, s:s}}", "out", out, "bytes", (json_int_t)r->bytes,
                                    "audit_key", r->key_path[0] ? r->key_path : NULL, "check", "ok", r->check.ok,
                                    "audit_events", (json_int_t)r->check.audit_events, "message", r->check.message));
    } else {
        printf("已备份 (backed up) %s: %lld 字节, 核对%s\n", out, (long long)r->bytes,
               r->check.ok ? "一致 (ok)" : "不一致");
    }
    rc = r->check.ok
             ? 0
             : hz_cli_fail(cli, HZ_ECONFLICT, "备份核对不一致 (the copy fails its check): %s", r->check.message);
    free(r);
    return rc;
}

enum { O_ID = 256, O_AMOUNT, O_REASON, O_REF };

typedef struct {
    const char *id, *amount, *reason, *ref;
} rec_opts;

static int on_opt(hz_cli *cli, void *vctx, int key, const char *arg) {
    (void)cli;
    rec_opts *o = vctx;
    if (key == O_ID)
        o->id = arg;
    else if (key == O_AMOUNT)
        o->amount = arg;
    else if (key == O_REASON)
        o->reason = arg;
    else if (key == O_REF)
        o->ref = arg;
    return 0;
}

static const struct option longopts[] = {{"id-number", required_argument, 0, O_ID},
                                         {"amount", required_argument, 0, O_AMOUNT},
                                         {"reason", required_argument, 0, O_REASON},
                                         {"ref", required_argument, 0, O_REF},
                                         {0, 0, 0, 0}};

static int record(hz_cli *cli, const char *name, const char *kind, int argc, char **argv) {
    rec_opts o;
    memset(&o, 0, sizeof o);
    int pos, rc = hz_cli_parse(cli, hz_cli_find(name), argc, argv, longopts, on_opt, &o, &pos);
    if (rc) return rc;
    if (pos < argc) return hz_cli_usage(cli, hz_cli_find(name), "多余的参数 (unexpected argument)");
    if (!o.id || !o.amount || !o.reason)
        return hz_cli_usage(cli, hz_cli_find(name), "须指定 --id-number、--amount 和 --reason");
    hz_fen amount, owes;
    if (hz_money_parse(o.amount, false, &amount, "amount", &cli->err)) return hz_cli_report(cli);
    if (hz_app_recovery_record(&cli->app, o.id, kind, amount, o.reason, o.ref, &owes, &cli->err))
        return hz_cli_report(cli);
    char b1[HZ_MONEY_BUF], b2[HZ_MONEY_BUF];
    if (cli->json)
        hz_cli_print_json(json_pack("{s:s, s:s, s:o, s:o}", "id_number", o.id, "kind", kind, "amount",
                                    hz_json_money(amount), "owes", hz_json_money(owes)));
    else
        printf("已记录%s %s, 仍欠 %s\n", !strcmp(kind, "repay") ? "还款" : "核销", hz_money_format(amount, b1),
               hz_money_format(owes, b2));
    return 0;
}

int hz_cmd_recovery_repay(hz_cli *cli, int argc, char **argv) {
    return record(cli, "recovery repay", "repay", argc, argv);
}

int hz_cmd_recovery_writeoff(hz_cli *cli, int argc, char **argv) {
    return record(cli, "recovery writeoff", "writeoff", argc, argv);
}

typedef struct {
    json_t *arr;
    bool json;
} list_ctx;

static hz_err list_one(void *vctx, const hz_recovery_row *r, hz_errinfo *e) {
    (void)e;
    list_ctx *c = vctx;
    if (c->json) {
        json_array_append_new(c->arr,
                              json_pack("{s:s, s:s, s:o, s:o, s:o}", "id_number", r->id_number, "name", r->name, "owes",
                                        hz_json_money(r->owes), "recovered", hz_json_money(r->recovered), "written_off",
                                        hz_json_money(r->written_off)));
    } else {
        char b1[HZ_MONEY_BUF], b2[HZ_MONEY_BUF], b3[HZ_MONEY_BUF];
        printf("%-18s %-8s 应追回 %12s  已追回 %12s  已核销 %12s\n", r->id_number, r->name,
               hz_money_format(r->owes, b1), hz_money_format(r->recovered, b2), hz_money_format(r->written_off, b3));
    }
    return HZ_OK;
}

static hz_err recovery_table(hz_cli *cli, const hz_list_query *q, const char *const *extra, hz_report *r) {
    (void)extra;
    return hz_app_recoveries_export(&cli->app, q, r, &cli->err);
}

int hz_cmd_recovery_list(hz_cli *cli, int argc, char **argv) {
    /* with options: the export of GET /recoveries; alone: the summary and every row, as before */
    if (argc != 1) return hz_cli_list(cli, "recovery list", argc, argv, NULL, recovery_table);
    list_ctx c = {json_array(), cli->json};
    if (hz_app_recoveries(&cli->app, list_one, &c, &cli->err)) {
        json_decref(c.arr);
        return hz_cli_report(cli);
    }
    hz_money_summary m;
    if (hz_app_money_summary(&cli->app, &m, &cli->err)) {
        json_decref(c.arr);
        return hz_cli_report(cli);
    }
    if (cli->json) {
        hz_cli_print_json(json_pack("{s:{s:o, s:o, s:o, s:o, s:o}, s:o}", "summary", "paid_out",
                                    hz_json_money(m.paid_out), "pending", hz_json_money(m.pending), "recovered",
                                    hz_json_money(m.recovered), "written_off", hz_json_money(m.written_off),
                                    "outstanding", hz_json_money(m.outstanding), "recoveries", c.arr));
    } else {
        json_decref(c.arr);
        char b[5][HZ_MONEY_BUF];
        printf("银行实付 %s, 在途 %s, 已追回 %s, 已核销 %s, 应追回余额 %s\n", hz_money_format(m.paid_out, b[0]),
               hz_money_format(m.pending, b[1]), hz_money_format(m.recovered, b[2]),
               hz_money_format(m.written_off, b[3]), hz_money_format(m.outstanding, b[4]));
    }
    return 0;
}
