/* claim submit | show | approve | reject | documents; claims proactive |
 * overdue | sla; import settlements */
#include <stdlib.h>
#include <string.h>

#include "app/claims.h"
#include "app/reports.h"
#include "app/settlements.h"
#include "cli/cli.h"
#include "core/icd10.h"
#include "core/normalize.h"
#include "io/views.h"

enum { O_ID = 256, O_SETL, O_ACC, O_DEATH, O_GRADE, O_DIAG, O_DATE, O_DOCS, O_RESUB, O_REASON, O_SINCE, O_RECEIVED,
       O_COMPLETE, O_SKIP, O_FROM, O_TO, O_BATCH, O_PERCLAIM, O_ROWS };

typedef struct {
    hz_claim_input in;
    const char *date, *grade, *reason, *since, *received, *from, *to, *batch;
    bool complete, skip, per_claim, row_by_row;
} claim_opts;

static int on_opt(hz_cli *cli, void *vctx, int key, const char *arg) {
    claim_opts *o = vctx;
    switch (key) {
    case O_ID: o->in.id_number = arg; break;
    case O_SETL:
        if (o->in.n_setl == HZ_CLAIM_MAX_SETTLEMENTS)
            return hz_cli_fail(cli, HZ_EINVAL, "settlement: 最多 %d 条 (at most %d)", HZ_CLAIM_MAX_SETTLEMENTS,
                               HZ_CLAIM_MAX_SETTLEMENTS);
        o->in.setl_ids[o->in.n_setl++] = arg;
        break;
    case O_ACC: o->in.accident = true; break;
    case O_DEATH: o->in.death = true; break;
    case O_GRADE: o->grade = arg; break;
    case O_DIAG: o->in.diagnosis = arg; break;
    case O_DATE: o->date = arg; break;
    case O_DOCS: o->in.documents_complete = true; break;
    case O_RESUB: o->in.resubmit_of = arg; break;
    case O_REASON: o->reason = arg; break;
    case O_SINCE: o->since = arg; break;
    case O_RECEIVED: o->received = arg; break;
    case O_COMPLETE: o->complete = true; break;
    case O_SKIP: o->skip = true; break;
    case O_FROM: o->from = arg; break;
    case O_TO: o->to = arg; break;
    case O_BATCH: o->batch = arg; break;
    case O_PERCLAIM: o->per_claim = true; break;
    case O_ROWS: o->row_by_row = true; break;
    }
    return 0;
}

static const struct option claim_longopts[] = {
    {"id-number", required_argument, 0, O_ID},     {"settlement", required_argument, 0, O_SETL},
    {"accident", no_argument, 0, O_ACC},           {"death", no_argument, 0, O_DEATH},
    {"disability-grade", required_argument, 0, O_GRADE}, {"diagnosis", required_argument, 0, O_DIAG},
    {"date", required_argument, 0, O_DATE},        {"documents-complete", no_argument, 0, O_DOCS},
    {"resubmit-of", required_argument, 0, O_RESUB}, {"reason", required_argument, 0, O_REASON},
    {"since", required_argument, 0, O_SINCE},      {"received", required_argument, 0, O_RECEIVED},
    {"complete", no_argument, 0, O_COMPLETE},      {"skip-invalid", no_argument, 0, O_SKIP},
    {"from", required_argument, 0, O_FROM},        {"to", required_argument, 0, O_TO},
    {"batch", required_argument, 0, O_BATCH},      {"per-claim", no_argument, 0, O_PERCLAIM},
    {"row-by-row", no_argument, 0, O_ROWS},
    {0, 0, 0, 0}};

/* Parses options; positional arguments (a claim number, a file) may come
 * first or last. */
static int parse(hz_cli *cli, const char *name, int argc, char **argv, claim_opts *o, const char **pos_arg) {
    memset(o, 0, sizeof *o);
    o->in.date = HZ_DATE_NONE;
    *pos_arg = NULL;
    int pos, rc = hz_cli_parse(cli, hz_cli_find(name), argc, argv, claim_longopts, on_opt, o, &pos);
    if (rc) return rc;
    if (pos < argc) *pos_arg = argv[pos++];
    if (pos < argc) return hz_cli_usage(cli, hz_cli_find(name), "多余的参数 (unexpected argument)");
    return 0;
}

static int print_claim(hz_cli *cli, const hz_claim_view *v) {
    if (cli->json) {
        hz_cli_print_json(hz_view_claim(&v->claim, &v->member, v->lines, v->n_lines, v->sla_days, v->required_docs,
                                        v->overdue, false));
        return 0;
    }
    char b[HZ_MONEY_BUF];
    const hz_claim *c = &v->claim;
    printf("理赔申请 %s  %s  %s %s  合计 %s\n", c->claim_no, c->status, v->member.name, v->member.id_number,
           hz_money_format(c->total, b));
    for (int i = 0; i < v->n_lines; i++) {
        const hz_claim_line_row *l = &v->lines[i];
        printf("  %-4s %-16s %12s  %-20s %s\n", l->plan_code, l->setl_id[0] ? l->setl_id : "-",
               hz_money_format(l->amount, b), l->reason, l->explain);
    }
    if (v->sla_days >= 0) printf("7日时限: 第 %d 天%s\n", v->sla_days, v->overdue ? " (预警)" : "");
    else printf("材料未齐 (documents pending): 需要 %s, 已收 %s\n", v->required_docs, c->documents[0] ? c->documents : "-");
    if (c->review_note[0]) printf("审核提示: %s\n", c->review_note);
    if (c->reject_reason[0]) printf("拒绝理由: %s\n", c->reject_reason);
    if (c->bank_failure[0]) printf("银行退回: %s\n", c->bank_failure);
    return 0;
}

/* Runs fn over a heap view, prints it. */
static int with_view(hz_cli *cli, hz_err (*fn)(hz_cli *, claim_opts *, const char *, hz_claim_view *), claim_opts *o,
                     const char *arg) {
    hz_claim_view *v = malloc(sizeof *v);
    if (!v) return hz_cli_fail(cli, HZ_EINTERNAL, "内存不足 (out of memory)");
    int rc = fn(cli, o, arg, v) ? hz_cli_report(cli) : print_claim(cli, v);
    free(v);
    return rc;
}

static hz_err do_submit(hz_cli *cli, claim_opts *o, const char *arg, hz_claim_view *v) {
    (void)arg;
    return hz_app_claim_submit(&cli->app, &o->in, v, &cli->err);
}
static hz_err do_show(hz_cli *cli, claim_opts *o, const char *arg, hz_claim_view *v) {
    (void)o;
    return hz_app_claim_show(&cli->app, arg, v, &cli->err);
}
static hz_err do_approve(hz_cli *cli, claim_opts *o, const char *arg, hz_claim_view *v) {
    (void)o;
    return hz_app_claim_approve(&cli->app, arg, v, &cli->err);
}
static hz_err do_reject(hz_cli *cli, claim_opts *o, const char *arg, hz_claim_view *v) {
    return hz_app_claim_reject(&cli->app, arg, o->reason, v, &cli->err);
}
static hz_err do_documents(hz_cli *cli, claim_opts *o, const char *arg, hz_claim_view *v) {
    return hz_app_claim_documents(&cli->app, arg, o->received, o->complete, v, &cli->err);
}

int hz_cmd_claim_submit(hz_cli *cli, int argc, char **argv) {
    claim_opts o;
    const char *extra;
    int rc = parse(cli, "claim submit", argc, argv, &o, &extra);
    if (rc) return rc;
    if (extra) return hz_cli_usage(cli, hz_cli_find("claim submit"), "多余的参数 (unexpected argument)");
    if (!o.in.id_number) return hz_cli_usage(cli, hz_cli_find("claim submit"), "缺少 --id-number (missing --id-number)");
    if (o.date && (rc = hz_cli_date(cli, o.date, "date", &o.in.date))) return rc;
    if (o.grade && (rc = hz_cli_int(cli, o.grade, "disability_grade", 1, 10, &o.in.disability_grade))) return rc;
    /* normalised here too so the message names the field as this entry
     * point calls it; the use case normalises again for every other caller */
    char id_number[HZ_ID_LEN + 1], diagnosis[HZ_ICD_MAX * 2];
    if (hz_norm_id_number(o.in.id_number, id_number, sizeof id_number, "id-number", &cli->err) ||
        (o.in.diagnosis && hz_norm_icd10(o.in.diagnosis, diagnosis, sizeof diagnosis, "diagnosis", &cli->err)))
        return hz_cli_report(cli);
    o.in.id_number = id_number;
    if (o.in.diagnosis) o.in.diagnosis = diagnosis;
    if (!cli->json) {
        /* the number first, alone on its line, for scripts */
        hz_claim_view *v = malloc(sizeof *v);
        if (!v) return hz_cli_fail(cli, HZ_EINTERNAL, "内存不足 (out of memory)");
        if (do_submit(cli, &o, NULL, v)) {
            free(v);
            return hz_cli_report(cli);
        }
        char b[HZ_MONEY_BUF];
        printf("%s\n", v->claim.claim_no);
        fprintf(stderr, "理赔申请已受理并核算: 合计 %s, 状态 %s\n", hz_money_format(v->claim.total, b), v->claim.status);
        free(v);
        return 0;
    }
    return with_view(cli, do_submit, &o, NULL);
}

static int claim_no_cmd(hz_cli *cli, const char *name, int argc, char **argv,
                        hz_err (*fn)(hz_cli *, claim_opts *, const char *, hz_claim_view *)) {
    claim_opts o;
    const char *no;
    int rc = parse(cli, name, argc, argv, &o, &no);
    if (rc) return rc;
    if (!no) return hz_cli_usage(cli, hz_cli_find(name), "须指定理赔申请编号 (missing claim number NO)");
    if (fn == do_reject && !o.reason) return hz_cli_usage(cli, hz_cli_find(name), "缺少 --reason (missing --reason)");
    return with_view(cli, fn, &o, no);
}

int hz_cmd_claim_show(hz_cli *cli, int argc, char **argv) { return claim_no_cmd(cli, "claim show", argc, argv, do_show); }
int hz_cmd_claim_approve(hz_cli *cli, int argc, char **argv) {
    return claim_no_cmd(cli, "claim approve", argc, argv, do_approve);
}
int hz_cmd_claim_reject(hz_cli *cli, int argc, char **argv) {
    return claim_no_cmd(cli, "claim reject", argc, argv, do_reject);
}
int hz_cmd_claim_documents(hz_cli *cli, int argc, char **argv) {
    return claim_no_cmd(cli, "claim documents", argc, argv, do_documents);
}

typedef struct {
    json_t *arr;
    bool json;
} proactive_out;

static void on_proactive(void *ctx, const hz_proactive_item *it) {
    proactive_out *p = ctx;
    char b[HZ_MONEY_BUF];
    if (p->json)
        json_array_append_new(p->arr, json_pack("{s:s, s:s, s:s, s:s}", "claim_no", it->claim_no, "id_number",
                                                it->id_number, "setl_id", it->setl_id, "total",
                                                hz_money_format(it->total, b)));
}

int hz_cmd_claims_proactive(hz_cli *cli, int argc, char **argv) {
    claim_opts o;
    const char *extra;
    int rc = parse(cli, "claims proactive", argc, argv, &o, &extra);
    if (rc) return rc;
    if (extra) return hz_cli_usage(cli, hz_cli_find("claims proactive"), "多余的参数 (unexpected argument)");
    hz_date since = hz_date_from_ymd(1900, 1, 1);
    if (o.since && (rc = hz_cli_date(cli, o.since, "since", &since))) return rc;
    int batch = 0;
    if (o.batch && (rc = hz_cli_int(cli, o.batch, "batch", 1, 100000, &batch))) return rc;
    proactive_out p = {json_array(), cli->json};
    int64_t created;
    if (hz_app_claims_proactive_batch(&cli->app, since, batch, o.per_claim, on_proactive, &p, &created, &cli->err)) {
        json_decref(p.arr);
        return hz_cli_report(cli);
    }
    if (cli->json) hz_cli_print_json(json_pack("{s:o}", "created", p.arr));
    else {
        json_decref(p.arr);
        printf("免申即享: 新建理赔申请 %lld 件\n", (long long)created);
    }
    return 0;
}

static void on_overdue(void *ctx, const hz_claim_view *v) {
    json_t *arr = ctx;
    json_array_append_new(arr, hz_view_claim(&v->claim, &v->member, v->lines, 0, v->sla_days, v->required_docs,
                                             v->overdue, false));
}

int hz_cmd_claims_overdue(hz_cli *cli, int argc, char **argv) {
    (void)argv;
    if (argc != 1) return hz_cli_usage(cli, hz_cli_find("claims overdue"), "不接受参数 (takes no arguments)");
    json_t *arr = json_array();
    if (hz_app_claims_overdue(&cli->app, on_overdue, arr, &cli->err)) {
        json_decref(arr);
        return hz_cli_report(cli);
    }
    if (cli->json) hz_cli_print_json(json_pack("{s:o}", "items", arr));
    else {
        size_t i;
        json_t *c;
        json_array_foreach(arr, i, c) printf("%s  第 %lld 天  %s  %s\n", json_string_value(json_object_get(c, "claim_no")),
                                             (long long)json_integer_value(json_object_get(c, "sla_days")),
                                             json_string_value(json_object_get(c, "status")),
                                             json_string_value(json_object_get(c, "total")));
        printf("预警 (day >= %d, unpaid): %zu 件\n", HZ_SLA_WARN_DAYS, json_array_size(arr));
        json_decref(arr);
    }
    return 0;
}

int hz_cmd_claims_sla(hz_cli *cli, int argc, char **argv) {
    claim_opts o;
    const char *extra;
    int rc = parse(cli, "claims sla", argc, argv, &o, &extra);
    if (rc) return rc;
    hz_date from = hz_date_from_ymd(1900, 1, 1), to = cli->app.today;
    if (o.from && (rc = hz_cli_date(cli, o.from, "from", &from))) return rc;
    if (o.to && (rc = hz_cli_date(cli, o.to, "to", &to))) return rc;
    hz_sla_report r;
    hz_report_args a = {from, to, NULL};
    if (hz_app_claims_sla(&cli->app, &a, &r, &cli->err)) return hz_cli_report(cli);
    char share[24];
    hz_permille_format(hz_sla_share_permille(&r), share);
    if (cli->json)
        hz_cli_print_json(json_pack("{s:I, s:I, s:I, s:I, s:s}", "complete", (json_int_t)r.complete, "paid",
                                    (json_int_t)r.paid, "paid_within_7_days", (json_int_t)r.paid_within_7,
                                    "overdue_open", (json_int_t)r.overdue_open, "share_within_7_days", share));
    else
        printf("材料齐全 %lld 件, 已支付 %lld 件, 7日内支付 %lld 件 (%s), 未付预警 %lld 件\n", (long long)r.complete,
               (long long)r.paid, (long long)r.paid_within_7, share, (long long)r.overdue_open);
    return 0;
}

int hz_cmd_import_settlements(hz_cli *cli, int argc, char **argv) {
    claim_opts o;
    const char *file;
    int rc = parse(cli, "import settlements", argc, argv, &o, &file);
    if (rc) return rc;
    if (!file) return hz_cli_usage(cli, hz_cli_find("import settlements"), "缺少文件 (missing FILE)");
    hz_feed_report r;
    hz_err err = hz_app_import_settlements_rows(&cli->app, file, o.skip, o.row_by_row, &r, &cli->err);
    bool have = err == HZ_OK || (err == HZ_EINVAL && r.read > 0);
    if (have && cli->json) {
        json_t *rej = hz_view_row_errors(r.rejected, r.n_listed);
        hz_cli_print_json(json_pack("{s:I, s:I, s:I, s:I, s:I, s:o, s:I, s:b, s:s?}", "read", (json_int_t)r.read, "new",
                                    (json_int_t)r.added, "duplicate", (json_int_t)r.duplicate, "refund",
                                    (json_int_t)r.refund, "unmatched", (json_int_t)r.unmatched, "rejected", rej,
                                    "rejected_total", (json_int_t)r.n_rejected, "written", r.written, "format",
                                    r.format));
    } else if (have) {
        for (int i = 0; i < r.n_listed; i++)
            fprintf(stderr, "第%ld行 [%s] %s\n", r.rejected[i].row, r.rejected[i].column, r.rejected[i].reason);
        if (!err)
            printf("读取 %ld, 新增 %ld, 重复 %ld, 退费 %ld, 未匹配会员 %ld (read/new/duplicate/refund/unmatched)\n",
                   r.read, r.added, r.duplicate, r.refund, r.unmatched);
    }
    hz_feed_report_free(&r);
    return err ? hz_cli_report(cli) : 0;
}

static const hz_cmd commands[] = {
    {"import settlements", hz_cmd_import_settlements, "FILE [--skip-invalid] [--row-by-row]",
     "导入医保结算数据 (load the medical-insurance settlement feed, CSV or JSON Lines)", true},
    {"gen settlements", hz_cmd_gen_settlements, "N --out FILE --roster FILE [--seed S]",
     "生成合成医保结算数据 (synthetic settlements for a roster)", false},
    {"claim submit", hz_cmd_claim_submit,
     "--id-number X [--settlement SETL_ID]... [--accident] [--death] [--disability-grade G] [--diagnosis ICD10]"
     " [--date D] [--documents-complete] [--resubmit-of NO]",
     "提交理赔申请并立即核算 (submit a claim; adjudicated at once; prints the claim number)", true},
    {"claim show", hz_cmd_claim_show, "NO", "理赔申请详情: 给付明细、原因、7日时限 (status, lines, total, SLA days)", true},
    {"claim approve", hz_cmd_claim_approve, "NO", "审核通过 (approve)", true},
    {"claim reject", hz_cmd_claim_reject, "NO --reason TEXT", "审核拒绝 (reject with a reason)", true},
    {"claim documents", hz_cmd_claim_documents, "NO [--received KIND,...] [--complete]",
     "登记收到的材料; 材料齐全时开始7日计时 (record documents; completion starts the 7-day clock)", true},
    {"claim list", hz_cmd_claim_list,
     "[--q TEXT] [--status S] [--plan CODE] [--unit CREDIT_CODE] [--from D] [--to D] [--source application|proactive]"
     " [--sort claim_no|name|status|total|source|submitted_at] [--order asc|desc] [--format table|csv|xlsx|json]"
     " [--out FILE]",
     "理赔清单导出, 与 GET /claims?format= 相同 (every matching claim in scope, as the API exports them)", true},
    {"claims proactive", hz_cmd_claims_proactive, "[--since DATE] [--batch N] [--per-claim]",
     "免申即享: 为已结算住院自动生成理赔 (claims for every settled stay with none yet)", true},
    {"claims overdue", hz_cmd_claims_overdue, "", "7日时限预警: 第5天起未支付的理赔 (unpaid claims at day 5 or later)", true},
    {"claims sla", hz_cmd_claims_sla, "[--from D] [--to D]", "7日内支付率 (share paid within 7 days)", true},
    {NULL, NULL, NULL, NULL, false},
};
/* The claims module's commands (src/modules.def). */
const hz_cli_module hz_cli_module_claims = {"claims", commands};
