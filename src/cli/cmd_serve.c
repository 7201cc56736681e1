/* serve, user add, demo */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <dirent.h>
#include <string.h>
#include <unistd.h>

#include "app/demo.h"
#include "app/users.h"
#include "cli/cli.h"
#include "cli/cmd_notices.h"
#include "http/http.h"
#include "io/datadir.h"

enum {
    O_LISTEN = 256,
    O_THREADS,
    O_ROLE,
    O_SCOPE,
    O_MEMBERS,
    O_SEED,
    O_MAX_CONN,
    O_MAX_PER_IP,
    O_MAX_UPLOAD,
    O_MAX_UPLOAD_TOTAL,
    O_MAX_UPLOAD_PER_IP,
    O_HEADER_TIMEOUT,
    O_BODY_TIMEOUT,
    O_ACCESS_LOG
};

typedef struct {
    const char *listen, *threads, *role, *scope, *members, *seed;
    const char *max_conn, *max_per_ip, *max_upload, *max_upload_total, *max_upload_per_ip, *header_timeout,
        *body_timeout, *access_log;
    hz_cli_notice_opts notices;
} serve_opts;

static int on_opt(hz_cli *cli, void *vctx, int key, const char *arg) {
    (void)cli;
    serve_opts *o = vctx;
    switch (key) {
    case O_LISTEN: o->listen = arg; break;
    case O_THREADS: o->threads = arg; break;
    case O_ROLE: o->role = arg; break;
    case O_SCOPE: o->scope = arg; break;
    case O_MEMBERS: o->members = arg; break;
    case O_SEED: o->seed = arg; break;
    case O_MAX_CONN: o->max_conn = arg; break;
    case O_MAX_PER_IP: o->max_per_ip = arg; break;
    case O_MAX_UPLOAD: o->max_upload = arg; break;
    case O_MAX_UPLOAD_TOTAL: o->max_upload_total = arg; break;
    case O_MAX_UPLOAD_PER_IP: o->max_upload_per_ip = arg; break;
    case O_HEADER_TIMEOUT: o->header_timeout = arg; break;
    case O_BODY_TIMEOUT: o->body_timeout = arg; break;
    case O_ACCESS_LOG: o->access_log = arg; break;
    default: hz_cli_notice_opt(&o->notices, key, arg);
    }
    return 0;
}

/* serve's options; each is also a key of the config file (cli/config.c), so
 * one added here needs nothing more to be set from /etc/huzhu/huzhu.conf */
const struct option hz_serve_longopts[] = {
    {"listen", required_argument, 0, O_LISTEN}, {"threads", required_argument, 0, O_THREADS},
    {"max-connections", required_argument, 0, O_MAX_CONN}, {"max-per-ip", required_argument, 0, O_MAX_PER_IP},
    {"max-upload-bytes", required_argument, 0, O_MAX_UPLOAD},
    {"max-upload-total", required_argument, 0, O_MAX_UPLOAD_TOTAL},
    {"max-upload-per-ip", required_argument, 0, O_MAX_UPLOAD_PER_IP},
    {"header-timeout", required_argument, 0, O_HEADER_TIMEOUT}, {"body-timeout", required_argument, 0, O_BODY_TIMEOUT},
    {"access-log", required_argument, 0, O_ACCESS_LOG}, HZ_NOTICE_LONGOPTS, {0, 0, 0, 0}};

/* user add, demo */
static const struct option longopts[] = {
    {"role", required_argument, 0, O_ROLE},     {"scope", required_argument, 0, O_SCOPE},
    {"members", required_argument, 0, O_MEMBERS}, {"seed", required_argument, 0, O_SEED},
    {0, 0, 0, 0}};

/* A byte count: digits with an optional K, M or G (binary: 64M = 64 MiB),
 * in [1, 2^40]; exit code or 0. */
static int parse_bytes(hz_cli *cli, const char *arg, const char *what, int64_t *out) {
    char *end;
    errno = 0;
    long long v = strtoll(arg, &end, 10);
    int shift = 0;
    if (end != arg && (*end == 'K' || *end == 'k')) shift = 10, end++;
    else if (end != arg && (*end == 'M' || *end == 'm')) shift = 20, end++;
    else if (end != arg && (*end == 'G' || *end == 'g')) shift = 30, end++;
    if (errno || end == arg || *end || v < 1 || v > ((long long)1 << 40) >> shift)
        return hz_cli_fail(cli, HZ_EINVAL, "%s: 应为字节数, 可带 K/M/G (bytes, optionally with K, M or G; got '%s')", what,
                           arg);
    *out = (int64_t)v << shift;
    return 0;
}

/* The notices sender beside the server: its own store connection, until
 * the server stops. A failure is logged and the loop starts again after a
 * pause, so a database restart does not end delivery for good. */
typedef struct {
    const char *db_url;
    hz_notice_sender sender;
    atomic_int stop;
    pthread_t thread;
} notices_worker;

static void *notices_main(void *arg) {
    notices_worker *w = arg;
    while (!atomic_load(&w->stop)) {
        hz_app app;
        hz_errinfo e;
        hz_notice_stats st;
        if (hz_app_open(&app, w->db_url, &e) == HZ_OK) {
            if (hz_app_notices_send(&app, &w->sender, false, &w->stop, &st, &e) == HZ_OK) {
                hz_app_close(&app);
                break;
            }
            hz_app_close(&app);
        }
        fprintf(stderr, "huzhu: 通知发送出错, 稍后重试 (notices sender: %s)\n", e.msg);
        for (int i = 0; i < 100 && !atomic_load(&w->stop); i++) {
            struct timespec ts = {0, 50000000L};
            nanosleep(&ts, NULL);
        }
    }
    return NULL;
}

int hz_cmd_serve(hz_cli *cli, int argc, char **argv) {
    serve_opts o;
    memset(&o, 0, sizeof o);
    int pos, rc = hz_cli_parse(cli, hz_cli_find("serve"), argc, argv, hz_serve_longopts, on_opt, &o, &pos);
    if (rc) return rc;
    if (pos < argc) return hz_cli_usage(cli, hz_cli_find("serve"), "多余的参数 (unexpected argument)");
    int threads = 2;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    if (cores > 0) threads = (int)(cores * 2 > 64 ? 64 : cores * 2);
    if (o.threads && (rc = hz_cli_int(cli, o.threads, "threads", 1, 256, &threads))) return rc;
    const char *web = getenv("HUZHU_WEB");
    hz_server_config cfg = {o.listen ? o.listen : "127.0.0.1:8080", threads, cli->db_url,
                            web && *web ? web : hz_data_path(HZ_DATA_WEB)};
    /* limits (docs/operations.md); unset ones keep the server's defaults */
    if ((o.max_conn && (rc = hz_cli_int(cli, o.max_conn, "max-connections", 16, 1000000, &cfg.max_connections))) ||
        (o.max_per_ip && (rc = hz_cli_int(cli, o.max_per_ip, "max-per-ip", 1, 1000000, &cfg.max_per_ip))) ||
        (o.max_upload && (rc = parse_bytes(cli, o.max_upload, "max-upload-bytes", &cfg.max_upload_bytes))) ||
        (o.max_upload_total && (rc = parse_bytes(cli, o.max_upload_total, "max-upload-total", &cfg.max_upload_total))) ||
        (o.max_upload_per_ip &&
         (rc = parse_bytes(cli, o.max_upload_per_ip, "max-upload-per-ip", &cfg.max_upload_per_ip))) ||
        (o.header_timeout && (rc = hz_cli_int(cli, o.header_timeout, "header-timeout", 1, 3600, &cfg.header_timeout))) ||
        (o.body_timeout && (rc = hz_cli_int(cli, o.body_timeout, "body-timeout", 1, 86400, &cfg.body_timeout))))
        return rc;
    cfg.access_log = o.access_log;
    /* where the files come from, for whoever reads the service's log */
    fprintf(stderr, "huzhu: 配置 (config): %s; 数据目录 (data): %s\n", cli->config ? cli->config : "无 (none)",
            hz_data_dir());
    char probe[4200];
    snprintf(probe, sizeof probe, "%s/node_modules/vue/dist/vue.global.prod.js", cfg.web_dir);
    if (access(probe, R_OK) != 0)
        fprintf(stderr, "huzhu: 警告 (warning): 管理后台缺少前端库 %s (the console's libraries are missing: "
                        "make web-deps, or install with make install)\n", probe);
    if (hz_http_listen_check(cfg.listen, &cli->err)) return hz_cli_report(cli);
    static notices_worker worker;
    bool notices;
    if ((rc = hz_cli_notice_sender(cli, &o.notices, true, &worker.sender, &notices))) return rc;
    /* make sure the schema exists before serving */
    int applied;
    if (hz_app_init(&cli->app, &applied, &cli->err)) return hz_cli_report(cli);
    hz_app_close(&cli->app);
    if (notices) {
        hz_webhook_global_init();
        worker.db_url = cli->db_url;
        atomic_store(&worker.stop, 0);
        if (pthread_create(&worker.thread, NULL, notices_main, &worker) != 0)
            return hz_cli_fail(cli, HZ_EINTERNAL, "无法启动通知发送线程 (pthread_create)");
        /* not the URL: wait_served and operators' scripts read the first address in the log */
        fprintf(stderr, "huzhu: 通知发送 (notices): %s\n", worker.sender.kind);
    }
    hz_err served = hz_http_serve(&cfg, &cli->err);
    if (notices) {
        atomic_store(&worker.stop, 1);
        pthread_join(worker.thread, NULL);
    }
    if (served) return hz_cli_report(cli);
    return 0;
}

int hz_cmd_user_add(hz_cli *cli, int argc, char **argv) {
    serve_opts o;
    memset(&o, 0, sizeof o);
    const hz_cmd *cmd = hz_cli_find("user add");
    const char *login = NULL;
    int pos, rc = hz_cli_parse(cli, cmd, argc, argv, longopts, on_opt, &o, &pos);
    if (rc) return rc;
    if (pos < argc) login = argv[pos++];
    if (!login || pos < argc) return hz_cli_usage(cli, cmd, "须指定一个登录名 (one LOGIN)");
    if (!o.role) return hz_cli_usage(cli, cmd, "缺少 --role (missing --role)");
    char pw[256];
    if (!fgets(pw, sizeof pw, stdin)) return hz_cli_fail(cli, HZ_EINVAL, "password: 请从标准输入提供密码 (read from stdin)");
    pw[strcspn(pw, "\r\n")] = '\0';
    hz_err err = hz_app_user_add(&cli->app, login, o.role, o.scope, pw, &cli->err);
    memset(pw, 0, sizeof pw);
    if (err) return hz_cli_report(cli);
    if (cli->json) hz_cli_print_json(json_pack("{s:s, s:s, s:o}", "login", login, "role", o.role, "scope",
                                               o.scope ? json_string(o.scope) : json_null()));
    else printf("已新增用户 %s (%s)\n", login, o.role);
    return 0;
}

/* Removes the files of a scratch directory (one level, as the demo makes
 * them) and the directory itself, on every path. */
static void remove_tree(const char *dir) {
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *de;
        char p[4352];
        while ((de = readdir(d)))
            if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..")) {
                snprintf(p, sizeof p, "%s/%s", dir, de->d_name);
                unlink(p);
            }
        closedir(d);
    }
    rmdir(dir);
}

int hz_cmd_demo(hz_cli *cli, int argc, char **argv) {
    serve_opts o;
    memset(&o, 0, sizeof o);
    int pos, rc = hz_cli_parse(cli, hz_cli_find("demo"), argc, argv, longopts, on_opt, &o, &pos);
    if (rc) return rc;
    if (pos < argc) return hz_cli_usage(cli, hz_cli_find("demo"), "多余的参数 (unexpected argument)");
    int members = 3000, seed = 2026;
    if (o.members && (rc = hz_cli_int(cli, o.members, "members", 50, 2000000, &members))) return rc;
    if (o.seed && (rc = hz_cli_int(cli, o.seed, "seed", 0, 2000000000, &seed))) return rc;
    int applied;
    if (hz_app_init(&cli->app, &applied, &cli->err)) return hz_cli_report(cli);
    bool present;
    if (hz_app_demo_present(&cli->app, &present, &cli->err)) return hz_cli_report(cli);
    if (present)
        return hz_cli_fail(cli, HZ_ECONFLICT, "数据库中已有演示数据 (the database already holds the demo data set)");
    char tmp[4096];
    const char *tdir = getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    snprintf(tmp, sizeof tmp, "%s/huzhu-demo-XXXXXX", tdir);
    if (!mkdtemp(tmp)) return hz_cli_fail(cli, HZ_EINTERNAL, "无法创建临时目录 (mkdtemp failed)");
    hz_demo_report r;
    hz_err err = hz_app_demo(&cli->app, members, (uint64_t)seed, tmp, &r, &cli->err);
    remove_tree(tmp); /* the demo roster holds (made-up) ID numbers and bank cards: nothing stays behind */
    if (err) return hz_cli_report(cli);
    if (cli->json)
        hz_cli_print_json(json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:{s:s, s:s}}", "orgs", (json_int_t)r.orgs,
                                    "units", (json_int_t)r.units, "members", (json_int_t)r.members, "coverages",
                                    (json_int_t)r.coverages, "settlements", (json_int_t)r.settlements, "claims",
                                    (json_int_t)r.claims, "lm_subsidies", (json_int_t)r.lm_subsidies, "relief_grants",
                                    (json_int_t)r.relief_grants, "activities", (json_int_t)r.activities, "cases",
                                    (json_int_t)r.cases, "login", "login", "admin", "password",
                                    HZ_DEMO_PASSWORD));
    else
        printf("演示数据已生成: 组织 %lld, 会员单位 %lld, 会员 %lld, 保障 %lld, 医保结算 %lld, 理赔 %lld, "
               "劳模医疗补助 %lld, 救助 %lld\n"
               "演示登录 (demo login): admin / %s  (另有 staff, reviewer, finance, cadre, unit, member, 密码相同)\n",
               (long long)r.orgs, (long long)r.units, (long long)r.members, (long long)r.coverages,
               (long long)r.settlements, (long long)r.claims, (long long)r.lm_subsidies, (long long)r.relief_grants,
               HZ_DEMO_PASSWORD);
    return 0;
}
