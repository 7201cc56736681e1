/* huzhu member list | claim list [filters] [--format table|csv|xlsx|json] [--out FILE]:
 * every member or claim matching the filters of GET /members and GET /claims
 * (app/lists.h), within the caller's scope, as the API's export writes it. */
#include <string.h>

#include "app/lists.h"
#include "cli/cli.h"
#include "io/report_out.h"

enum {
    O_Q = 256, O_UNIT, O_FLAG, O_PLAN, O_COVERED, O_STATUS, O_FROM, O_TO, O_SOURCE, O_SORT, O_ORDER, O_FORMAT, O_OUT
};

typedef struct {
    const char *v[O_OUT - O_Q + 1]; /* by option, from O_Q */
    const char *extra[4];           /* a list's own options (hz_cli_list), from O_OUT + 1 */
} list_opts;
#define OPT(o, k) ((o).v[(k) - O_Q])

static int on_opt(hz_cli *cli, void *vctx, int key, const char *arg) {
    (void)cli;
    list_opts *o = vctx;
    if (key >= O_Q && key <= O_OUT) o->v[key - O_Q] = arg;
    else if (key > O_OUT && key <= O_OUT + 4) o->extra[key - O_OUT - 1] = arg;
    return 0;
}

static int parse(hz_cli *cli, const char *name, int argc, char **argv, const struct option *opts, list_opts *o) {
    const hz_cmd *cmd = hz_cli_find(name);
    memset(o, 0, sizeof *o);
    int pos, rc = hz_cli_parse(cli, cmd, argc, argv, opts, on_opt, o, &pos);
    if (rc) return rc;
    if (pos < argc) return hz_cli_usage(cli, cmd, "多余的参数 (unexpected argument)");
    if (OPT(*o, O_FORMAT) && !strcmp(OPT(*o, O_FORMAT), "xlsx") && !OPT(*o, O_OUT))
        return hz_cli_usage(cli, cmd, "xlsx 须指定 --out FILE (xlsx needs --out FILE)");
    return 0;
}

/* Writes r (built, or not when built is an error) as o asks; frees r. */
static int write_out(hz_cli *cli, const list_opts *o, hz_err built, hz_report *r) {
    hz_report_format fmt;
    const char *out = OPT(*o, O_OUT);
    FILE *f = stdout;
    hz_err err = built;
    if (!err) err = hz_report_format_parse(cli->json ? "json" : OPT(*o, O_FORMAT), &fmt, &cli->err);
    if (!err && out && fmt != HZ_FMT_XLSX && !(f = fopen(out, "wb")))
        err = hz_fail(&cli->err, HZ_EINVAL, "out: 无法写入 %s (cannot write)", out);
    if (!err) err = hz_report_write(r, fmt, f, out, &cli->err);
    if (f != stdout && (ferror(f) | fclose(f)) && !err) err = hz_fail(&cli->err, HZ_EINTERNAL, "写入失败 (write failed)");
    hz_report_free(r);
    return err ? hz_cli_report(cli) : 0;
}

#define COMMON_OPTS                                                                                                   \
    {"q", required_argument, 0, O_Q}, {"unit", required_argument, 0, O_UNIT}, {"plan", required_argument, 0, O_PLAN}, \
        {"sort", required_argument, 0, O_SORT}, {"order", required_argument, 0, O_ORDER},                             \
        {"format", required_argument, 0, O_FORMAT}, {"out", required_argument, 0, O_OUT}

int hz_cmd_member_list(hz_cli *cli, int argc, char **argv) {
    static const struct option opts[] = {COMMON_OPTS, {"flag", required_argument, 0, O_FLAG},
                                         {"covered", required_argument, 0, O_COVERED}, {0, 0, 0, 0}};
    list_opts o;
    int rc = parse(cli, "member list", argc, argv, opts, &o);
    if (rc) return rc;
    hz_member_query q = {OPT(o, O_Q),       OPT(o, O_UNIT), OPT(o, O_FLAG), OPT(o, O_PLAN),
                         OPT(o, O_COVERED), OPT(o, O_SORT), OPT(o, O_ORDER)};
    hz_report r;
    memset(&r, 0, sizeof r);
    return write_out(cli, &o, hz_app_members_export(&cli->app, &q, &r, &cli->err), &r);
}

int hz_cmd_claim_list(hz_cli *cli, int argc, char **argv) {
    static const struct option opts[] = {COMMON_OPTS,
                                         {"status", required_argument, 0, O_STATUS},
                                         {"from", required_argument, 0, O_FROM},
                                         {"to", required_argument, 0, O_TO},
                                         {"source", required_argument, 0, O_SOURCE},
                                         {0, 0, 0, 0}};
    list_opts o;
    int rc = parse(cli, "claim list", argc, argv, opts, &o);
    if (rc) return rc;
    hz_claim_query q = {OPT(o, O_Q),    OPT(o, O_STATUS), OPT(o, O_PLAN),  OPT(o, O_UNIT),
                        OPT(o, O_FROM), OPT(o, O_TO),     OPT(o, O_SOURCE), OPT(o, O_SORT),
                        OPT(o, O_ORDER), NULL,            NULL};
    hz_report r;
    memset(&r, 0, sizeof r);
    return write_out(cli, &o, hz_app_claims_export(&cli->app, &q, &r, &cli->err), &r);
}

int hz_cli_list(hz_cli *cli, const char *name, int argc, char **argv, const char *const *extra, hz_cli_list_fn build) {
    enum { EXTRA_MAX = 4 };
    struct option opts[9 + EXTRA_MAX + 1] = {
        {"q", required_argument, 0, O_Q},           {"status", required_argument, 0, O_STATUS},
        {"unit", required_argument, 0, O_UNIT},     {"from", required_argument, 0, O_FROM},
        {"to", required_argument, 0, O_TO},         {"sort", required_argument, 0, O_SORT},
        {"order", required_argument, 0, O_ORDER},   {"format", required_argument, 0, O_FORMAT},
        {"out", required_argument, 0, O_OUT},
    };
    int n = 9, n_extra = 0;
    for (; extra && extra[n_extra] && n_extra < EXTRA_MAX; n_extra++)
        opts[n++] = (struct option){extra[n_extra], required_argument, 0, O_OUT + 1 + n_extra};
    opts[n] = (struct option){0, 0, 0, 0};
    list_opts o;
    int rc = parse(cli, name, argc, argv, opts, &o);
    if (rc) return rc;
    hz_list_query q = {OPT(o, O_Q),  OPT(o, O_STATUS), OPT(o, O_UNIT), OPT(o, O_FROM),
                       OPT(o, O_TO), OPT(o, O_SORT),   OPT(o, O_ORDER)};
    const char *values[EXTRA_MAX];
    for (int i = 0; i < EXTRA_MAX; i++) values[i] = o.extra[i];
    hz_report r;
    memset(&r, 0, sizeof r);
    return write_out(cli, &o, build(cli, &q, values, &r), &r);
}

bool hz_cli_list_asked(int argc, char **argv, const char *const *own) {
    static const char *const common[] = {"q", "unit", "from", "to", "sort", "order", "format", "out", NULL};
    for (int i = 1; i < argc; i++) {
        if (strncmp(argv[i], "--", 2)) continue;
        const char *a = argv[i] + 2;
        size_t n = strcspn(a, "=");
        for (int k = 0; k < 2; k++)
            for (const char *const *w = k ? own : common; w && *w; w++)
                if (strlen(*w) == n && !strncmp(a, *w, n)) return true;
    }
    return false;
}
