/* notices send | list | retry | prefs */
#include "cli/cmd_notices.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app/authz.h"
#include "core/text.h"
#include "io/views_notices.h"

void hz_cli_notice_opt(hz_cli_notice_opts *o, int key, const char *arg) {
    if (key >= HZ_NOPT_SENDER && key < HZ_NOPT_END) o->v[key - HZ_NOPT_SENDER] = arg;
}

static int ms(hz_cli *cli, const char *v, const char *what, int64_t *out) {
    int n;
    int rc = v ? hz_cli_int(cli, v, what, 1, 86400000, &n) : 0;
    if (v && !rc) *out = n;
    return rc;
}

int hz_cli_notice_sender(hz_cli *cli, const hz_cli_notice_opts *o, bool worker_switch, hz_notice_sender *s,
                         bool *configured) {
    hz_notice_sender_defaults(s);
    const char *const *v = o->v;
#define V(k) v[(k) - HZ_NOPT_SENDER]
    const char *worker = V(HZ_NOPT_WORKER);
    *configured = V(HZ_NOPT_SENDER) && strcasecmp(V(HZ_NOPT_SENDER), "off") != 0;
    if (worker && strcasecmp(worker, "yes") && strcasecmp(worker, "no"))
        return hz_cli_fail(cli, HZ_EINVAL, "notices-worker: 应为 yes 或 no (got '%s')", worker);
    if (worker_switch && worker && !strcasecmp(worker, "no")) *configured = false;
    if (!*configured) return 0;
    hz_strlcpy(s->kind, V(HZ_NOPT_SENDER), sizeof s->kind);
    if (V(HZ_NOPT_URL)) hz_strlcpy(s->url, V(HZ_NOPT_URL), sizeof s->url);
    if (V(HZ_NOPT_TEMPLATES)) hz_strlcpy(s->templates, V(HZ_NOPT_TEMPLATES), sizeof s->templates);
    int rc, n = s->max_attempts;
    if ((V(HZ_NOPT_MAX_ATTEMPTS) && (rc = hz_cli_int(cli, V(HZ_NOPT_MAX_ATTEMPTS), "notices-max-attempts", 1, 100, &n))) ||
        (rc = ms(cli, V(HZ_NOPT_BACKOFF), "notices-backoff-ms", &s->backoff_ms)) ||
        (rc = ms(cli, V(HZ_NOPT_BACKOFF_MAX), "notices-backoff-max-ms", &s->backoff_max_ms)) ||
        (rc = ms(cli, V(HZ_NOPT_LEASE), "notices-lease-ms", &s->lease_ms)) ||
        (rc = ms(cli, V(HZ_NOPT_POLL), "notices-poll-ms", &s->poll_ms)))
        return rc;
    s->max_attempts = n;
    int64_t t = s->timeout_ms;
    if ((rc = ms(cli, V(HZ_NOPT_TIMEOUT), "notices-timeout-ms", &t))) return rc;
    s->timeout_ms = (long)t;
    if (V(HZ_NOPT_KEY_FILE) && hz_notice_sender_key_file(s, V(HZ_NOPT_KEY_FILE), &cli->err)) return hz_cli_report(cli);
    if (hz_notice_sender_check(s, &cli->err)) return hz_cli_report(cli);
#undef V
    return 0;
}

enum { O_ONCE = 256, O_STATUS, O_ID, O_OFF, O_ON, O_PAGE, O_PER_PAGE };

typedef struct {
    hz_cli_notice_opts n;
    bool once;
    const char *status, *id, *page, *per_page;
    const char *off[16], *on[16];
    int n_off, n_on;
} notices_opts;

static int on_opt(hz_cli *cli, void *vctx, int key, const char *arg) {
    notices_opts *o = vctx;
    if (key == O_ONCE) o->once = true;
    else if (key == O_STATUS) o->status = arg;
    else if (key == O_ID) o->id = arg;
    else if (key == O_PAGE) o->page = arg;
    else if (key == O_PER_PAGE) o->per_page = arg;
    else if ((key == O_OFF && o->n_off == 16) || (key == O_ON && o->n_on == 16))
        return hz_cli_fail(cli, HZ_EUSAGE, "--off/--on 至多 16 个 (at most 16)");
    else if (key == O_OFF) o->off[o->n_off++] = arg;
    else if (key == O_ON) o->on[o->n_on++] = arg;
    else hz_cli_notice_opt(&o->n, key, arg);
    return 0;
}

static const struct option longopts[] = {
    {"once", no_argument, 0, O_ONCE}, {"status", required_argument, 0, O_STATUS},
    {"id-number", required_argument, 0, O_ID}, {"off", required_argument, 0, O_OFF},
    {"on", required_argument, 0, O_ON}, {"page", required_argument, 0, O_PAGE},
    {"per-page", required_argument, 0, O_PER_PAGE}, HZ_NOTICE_LONGOPTS, {0, 0, 0, 0}};

static int parse(hz_cli *cli, const char *name, int argc, char **argv, notices_opts *o, const char **arg) {
    memset(o, 0, sizeof *o);
    int pos, rc = hz_cli_parse(cli, hz_cli_find(name), argc, argv, longopts, on_opt, o, &pos);
    if (rc) return rc;
    if (arg) {
        if (pos >= argc) return hz_cli_usage(cli, hz_cli_find(name), "缺少参数 (missing argument)");
        *arg = argv[pos++];
    }
    if (pos < argc) return hz_cli_usage(cli, hz_cli_find(name), "多余的参数 (unexpected argument)");
    return 0;
}

static atomic_int stop_flag;
static void on_signal(int sig) {
    (void)sig;
    atomic_store(&stop_flag, 1);
}

static int hz_cmd_notices_send(hz_cli *cli, int argc, char **argv) {
    notices_opts o;
    int rc = parse(cli, "notices send", argc, argv, &o, NULL);
    if (rc) return rc;
    /* the config's notices-* settings first (the service's own), then the
     * command line's */
    hz_cli_notice_opts merged = {0};
    hz_cli_config cfg = {0};
    if (cli->config && (rc = hz_cli_config_load(cli, cli->config, false, &cfg))) return rc;
    static const struct option keys[] = {HZ_NOTICE_LONGOPTS, {0, 0, 0, 0}};
    for (const struct option *k = keys; k->name; k++) hz_cli_notice_opt(&merged, k->val, hz_cli_config_get(&cfg, k->name));
    for (int i = 0; i < HZ_NOPT_END - HZ_NOPT_SENDER; i++)
        if (o.n.v[i]) merged.v[i] = o.n.v[i];
    hz_notice_sender s;
    bool configured;
    rc = hz_cli_notice_sender(cli, &merged, false, &s, &configured);
    hz_cli_config_free(&cfg);
    if (rc) return rc;
    if (!configured)
        return hz_cli_fail(cli, HZ_EINVAL, "notices-sender: 未配置通知发送方式 (no sender: set notices-sender and notices-url)");
    hz_webhook_global_init();
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    hz_notice_stats st;
    if (hz_app_notices_send(&cli->app, &s, o.once, &stop_flag, &st, &cli->err)) return hz_cli_report(cli);
    if (cli->json)
        hz_cli_print_json(json_pack("{s:I, s:I, s:I, s:I}", "sent", (json_int_t)st.sent, "retried",
                                    (json_int_t)st.retried, "failed", (json_int_t)st.failed, "skipped",
                                    (json_int_t)st.skipped));
    else
        printf("通知: 已发送 %lld, 待重试 %lld, 失败 %lld, 跳过 %lld\n", (long long)st.sent, (long long)st.retried,
               (long long)st.failed, (long long)st.skipped);
    return 0;
}

typedef struct {
    json_t *items;
    bool mask;
} list_ctx;

static hz_err list_one(void *vctx, const hz_notice *n, hz_errinfo *e) {
    (void)e;
    list_ctx *c = vctx;
    if (c->items) json_array_append_new(c->items, hz_view_notice(n, c->mask, false));
    else
        printf("%s %-8s %-18s %-22s %s %s%s%s\n", n->notice_no, n->status, n->kind, n->object, n->member_name, n->title,
               n->last_error[0] ? " · " : "", n->last_error);
    return HZ_OK;
}

static hz_err notices_table(hz_cli *cli, const hz_list_query *q, const char *const *extra, hz_report *r) {
    hz_notice_query nq = {*q, extra[0], extra[1]};
    return hz_app_notices_export(&cli->app, &nq, r, &cli->err);
}

static int hz_cmd_notices_list(hz_cli *cli, int argc, char **argv) {
    static const char *const extra[] = {"kind", "id-number", "page", "per-page", NULL};
    if (hz_cli_list_asked(argc, argv, (const char *const[]){"kind", NULL}))
        return hz_cli_list(cli, "notices list", argc, argv, extra, notices_table);
    notices_opts o;
    int rc = parse(cli, "notices list", argc, argv, &o, NULL);
    if (rc) return rc;
    int page = 1, per = 100;
    if ((o.page && (rc = hz_cli_int(cli, o.page, "page", 1, 1000000, &page))) ||
        (o.per_page && (rc = hz_cli_int(cli, o.per_page, "per-page", 1, 500, &per))))
        return rc;
    list_ctx c = {cli->json ? json_array() : NULL, !hz_authz_sees_identity(&cli->app)};
    int64_t total = 0;
    if (hz_app_notices_list(&cli->app, o.status, o.id, (hz_page){page, per}, list_one, &c, &total, &cli->err)) {
        json_decref(c.items);
        return hz_cli_report(cli);
    }
    if (c.items) hz_cli_print_json(json_pack("{s:o, s:I}", "items", c.items, "total", (json_int_t)total));
    else printf("共 %lld 条\n", (long long)total);
    return 0;
}

static int hz_cmd_notices_retry(hz_cli *cli, int argc, char **argv) {
    notices_opts o;
    const char *no;
    int rc = parse(cli, "notices retry", argc, argv, &o, &no);
    if (rc) return rc;
    hz_notice n;
    if (hz_app_notice_retry(&cli->app, no, &n, &cli->err)) return hz_cli_report(cli);
    if (cli->json) hz_cli_print_json(hz_view_notice(&n, !hz_authz_sees_identity(&cli->app), false));
    else printf("通知 %s 将重新发送\n", n.notice_no);
    return 0;
}

static hz_err pref_one(void *vctx, const char *channel, const char *kind, hz_errinfo *e) {
    (void)e;
    json_t *a = vctx;
    if (a) json_array_append_new(a, json_pack("{s:s, s:s}", "channel", channel, "kind", kind));
    else printf("已退订 %s %s\n", channel, kind);
    return HZ_OK;
}

static int hz_cmd_notices_prefs(hz_cli *cli, int argc, char **argv) {
    notices_opts o;
    const char *id;
    int rc = parse(cli, "notices prefs", argc, argv, &o, &id);
    if (rc) return rc;
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < (pass ? o.n_on : o.n_off); i++) {
            const char *v = pass ? o.on[i] : o.off[i];
            char channel[16];
            const char *colon = strchr(v, ':');
            size_t cl = colon ? (size_t)(colon - v) : strlen(v);
            if (cl >= sizeof channel) cl = sizeof channel - 1;
            memcpy(channel, v, cl);
            channel[cl] = '\0';
            if (hz_app_notice_pref_set(&cli->app, id, channel, colon ? colon + 1 : "*", !pass, &cli->err))
                return hz_cli_report(cli);
        }
    json_t *a = cli->json ? json_array() : NULL;
    if (hz_app_notice_prefs(&cli->app, id, pref_one, a, &cli->err)) {
        json_decref(a);
        return hz_cli_report(cli);
    }
    if (a) hz_cli_print_json(json_pack("{s:o}", "opted_out", a));
    return 0;
}

static const hz_cmd commands[] = {
    {"notices send", hz_cmd_notices_send,
     "[--once] [--notices-sender webhook|sms|wechat --notices-url URL --notices-key-file F --notices-templates "
     "KIND=ID,... --notices-max-attempts N --notices-backoff-ms MS --notices-lease-ms MS]",
     "发送待发的会员通知; 默认读取配置文件的 notices-* 设置 (deliver the outbox; --once: what is due, then exit)", true},
    {"notices list", hz_cmd_notices_list,
     "[--status pending|sending|sent|failed|skipped] [--id-number X] | [--q T] [--kind K] [--unit C] [--from D] [--to D] "
     "[--sort no|name|kind|status|attempts|created_at|sent_at] [--order asc|desc] [--format table|csv|xlsx|json] [--out FILE]",
     "会员通知列表 (notices, newest first)", true},
    {"notices retry", hz_cmd_notices_retry, "NO", "重新发送一条发送失败的通知 (send a failed notice again)", true},
    {"notices prefs", hz_cmd_notices_prefs, "ID_NUMBER [--off CHANNEL[:KIND]]... [--on CHANNEL[:KIND]]...",
     "会员的通知退订设置 (a member's opt-outs: channel webhook|sms|wechat, kind or all)", true},
    {NULL, NULL, NULL, NULL, false},
};
/* The notices module's commands (src/modules.def). */
const hz_cli_module hz_cli_module_notices = {"notices", commands};
