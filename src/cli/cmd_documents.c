/* notice claim | certificate | unit | publicity | verify: the office's PDF
 * documents (app/documents.h), each written to --out. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "app/documents.h"
#include "cli/cli.h"
#include "io/views_documents.h"

enum { O_OUT = 256, O_PROGRAM };

typedef struct {
    const char *out, *program;
} doc_opts;

static int on_opt(hz_cli *cli, void *vctx, int key, const char *arg) {
    (void)cli;
    doc_opts *o = vctx;
    if (key == O_OUT)
        o->out = arg;
    else if (key == O_PROGRAM)
        o->program = arg;
    return 0;
}

static const struct option longopts[] = {
    {"out", required_argument, 0, O_OUT}, {"program", required_argument, 0, O_PROGRAM}, {0, 0, 0, 0}};

/* Parses options; *arg gets the one positional argument when what names it. */
static int parse(hz_cli *cli, const char *name, int argc, char **argv, doc_opts *o, const char *what,
                 const char **arg) {
    memset(o, 0, sizeof *o);
    const hz_cmd *cmd = hz_cli_find(name);
    int pos, rc = hz_cli_parse(cli, cmd, argc, argv, longopts, on_opt, o, &pos);
    if (rc) return rc;
    if (what) {
        if (pos >= argc) return hz_cli_usage(cli, cmd, what);
        *arg = argv[pos++];
    }
    if (pos < argc) return hz_cli_usage(cli, cmd, "多余的参数 (unexpected argument)");
    return 0;
}

typedef hz_err (*doc_fn)(hz_app *app, const char *key, FILE *out, hz_errinfo *e);

/* Writes the document to --out under a temporary name and renames it into
 * place, so a failure never leaves half a PDF where the file was asked for. */
static int write_doc(hz_cli *cli, const char *name, const char *out, doc_fn fn, const char *key) {
    if (!out) return hz_cli_usage(cli, hz_cli_find(name), "须指定 --out F.pdf (missing --out)");
    char part[4096];
    if ((size_t)snprintf(part, sizeof part, "%s.part", out) >= sizeof part)
        return hz_cli_fail(cli, HZ_EINVAL, "out: 路径过长 (path too long)");
    FILE *f = fopen(part, "wb");
    if (!f) return hz_cli_fail(cli, HZ_EINVAL, "out: 无法写入 %s (cannot write)", out);
    hz_err err = fn(&cli->app, key, f, &cli->err);
    if ((ferror(f) | fclose(f)) && !err) err = hz_fail(&cli->err, HZ_EINTERNAL, "out: 写入失败 (write failed)");
    if (!err && rename(part, out) != 0) err = hz_fail(&cli->err, HZ_EINTERNAL, "out: 无法写入 %s (cannot write)", out);
    if (err) {
        unlink(part);
        return hz_cli_report(cli);
    }
    if (cli->json) hz_cli_print_json(json_pack("{s:s}", "out", out));
    return 0;
}

static int cmd_claim(hz_cli *cli, int argc, char **argv) {
    doc_opts o;
    const char *no = NULL;
    int rc = parse(cli, "notice claim", argc, argv, &o, "须指定理赔编号 NO (missing NO)", &no);
    return rc ? rc : write_doc(cli, "notice claim", o.out, hz_app_doc_notice, no);
}

static int cmd_certificate(hz_cli *cli, int argc, char **argv) {
    doc_opts o;
    const char *id = NULL;
    int rc = parse(cli, "notice certificate", argc, argv, &o, "须指定身份证号码 (missing ID_NUMBER)", &id);
    return rc ? rc : write_doc(cli, "notice certificate", o.out, hz_app_doc_certificate, id);
}

static int cmd_unit(hz_cli *cli, int argc, char **argv) {
    doc_opts o;
    const char *code = NULL;
    int rc = parse(cli, "notice unit", argc, argv, &o, "须指定统一社会信用代码 (missing CREDIT_CODE)", &code);
    return rc ? rc : write_doc(cli, "notice unit", o.out, hz_app_doc_unit, code);
}

static int cmd_publicity(hz_cli *cli, int argc, char **argv) {
    doc_opts o;
    int rc = parse(cli, "notice publicity", argc, argv, &o, NULL, NULL);
    if (rc) return rc;
    if (!o.program) return hz_cli_usage(cli, hz_cli_find("notice publicity"), "须指定 --program (missing --program)");
    return write_doc(cli, "notice publicity", o.out, hz_app_doc_publicity, o.program);
}

static int cmd_verify(hz_cli *cli, int argc, char **argv) {
    doc_opts o;
    const char *code = NULL;
    int rc = parse(cli, "notice verify", argc, argv, &o, "须指定核验码 (missing CODE)", &code);
    if (rc) return rc;
    hz_doc_verification v;
    if (hz_app_doc_verify(&cli->app, code, &v, &cli->err)) return hz_cli_report(cli);
    if (cli->json) {
        hz_cli_print_json(hz_view_verification(&v));
        return 0;
    }
    char d[HZ_DATE_BUF], s[HZ_DATE_BUF], t[HZ_DATE_BUF];
    printf("有效 %s %s 出具 %s\n", v.code, v.name, hz_date_format(v.issued, d));
    for (int i = 0; i < v.n_coverages; i++)
        printf("  %s %s %d份 %s至%s\n", v.coverages[i].plan, v.coverages[i].plan_name, v.coverages[i].shares,
               hz_date_format(v.coverages[i].start, s), hz_date_format(v.coverages[i].end, t));
    return 0;
}

static const hz_cmd commands[] = {
    {"notice claim", cmd_claim, "NO --out F.pdf",
     "理赔通知书 PDF: 每项给付的公式、限额使用、抵扣与 7 日时限 (the payout notice)", true},
    {"notice certificate", cmd_certificate, "ID_NUMBER --out F.pdf",
     "互助保障凭证 PDF, 附核验码 (a member's coverage certificate with a verification code)", true},
    {"notice unit", cmd_unit, "CREDIT_CODE --out F.pdf",
     "单位会员互助保障名单 PDF, 身份证号隐去中间数字 (a unit's coverage list, IDs masked)", true},
    {"notice publicity", cmd_publicity, "--program C --out F.pdf",
     "救助名单公示 PDF, 按已发布的公示名单 (the published 公示 list)", true},
    {"notice verify", cmd_verify, "CODE", "核验凭证的核验码 (verify a certificate's code)", true},
    {NULL, NULL, NULL, NULL, false},
};

const hz_cli_module hz_cli_module_documents = {"documents", commands};
