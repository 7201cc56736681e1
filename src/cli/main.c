/* huzhu [--db URL] [--json] COMMAND [ARGS]: global options, dispatch, exit
 * codes of interfaces.md (0 ok, 1 usage, 2 rejected, 3 conflict, 4 not
 * found, 5 storage or internal). */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/users.h"
#include "cli/cli.h"
#include "core/normalize.h"
#include "io/datadir.h"

#define HZ_MODULE(name) extern const hz_cli_module hz_cli_module_##name;
#include "modules.def"
#undef HZ_MODULE

const hz_cli_module *const hz_cli_modules[] = {
#define HZ_MODULE(name) &hz_cli_module_##name,
#include "modules.def"
#undef HZ_MODULE
    NULL,
};

const hz_cmd *hz_cli_find(const char *name) {
    for (const hz_cli_module *const *m = hz_cli_modules; *m; m++)
        for (const hz_cmd *c = (*m)->commands; c->name; c++)
            if (strcmp(c->name, name) == 0) return c;
    return NULL;
}

int hz_cli_fail(hz_cli *cli, hz_err code, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    hz_failv(&cli->err, code, fmt, ap);
    va_end(ap);
    return hz_cli_report(cli);
}

int hz_cli_report(hz_cli *cli) {
    hz_err code = cli->err.code ? cli->err.code : HZ_EINTERNAL;
    if (code == HZ_ERETRY) return hz_err_exit_code(code); /* main() retries; reported if it gives up */
    /* one line: fold any newline the message carries */
    for (char *p = cli->err.msg; *p; p++)
        if (*p == '\n' || *p == '\r') *p = ' ';
    fprintf(stderr, "huzhu: %s: %s\n", hz_err_name(code), cli->err.msg);
    return hz_err_exit_code(code);
}

void hz_cli_print_json(json_t *doc) {
    char *s = json_dumps(doc, JSON_COMPACT);
    if (s) {
        fputs(s, stdout);
        fputc('\n', stdout);
        free(s);
    }
    json_decref(doc);
}

int hz_cli_int(hz_cli *cli, const char *arg, const char *what, long min, long max, int *out) {
    char *end;
    long v = arg ? strtol(arg, &end, 10) : 0;
    if (!arg || !*arg || *end || v < min || v > max)
        return hz_cli_fail(cli, HZ_EINVAL, "%s: 应为 %ld 至 %ld 的整数 (must be a whole number %ld..%ld, got '%s')", what,
                           min, max, min, max, arg ? arg : "");
    *out = (int)v;
    return 0;
}

int hz_cli_date(hz_cli *cli, const char *arg, const char *what, hz_date *out) {
    if (hz_norm_date(arg, out, what, &cli->err) != HZ_OK) return hz_cli_report(cli);
    return 0;
}

static void print_cmd_help(const hz_cmd *cmd, FILE *f) {
    fprintf(f, "用法 (usage): huzhu [--db URL] [--config FILE] [--json] %s %s\n  %s\n", cmd->name, cmd->usage,
            cmd->summary);
}

int hz_cli_usage(hz_cli *cli, const hz_cmd *cmd, const char *why) {
    hz_fail(&cli->err, HZ_EUSAGE, "%s; 用法 (usage): huzhu %s %s", why, cmd->name, cmd->usage);
    return hz_cli_report(cli);
}

bool hz_cli_wants_help(const hz_cmd *cmd, int argc, char **argv) {
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            print_cmd_help(cmd, stdout);
            return true;
        }
    return false;
}

int hz_cli_parse(hz_cli *cli, const hz_cmd *cmd, int argc, char **argv, const struct option *longopts,
                 hz_opt_fn on_opt, void *ctx, int *first_positional) {
    optind = 1;
    opterr = 0;
    int c;
    /* GNU permutation: positional arguments may stand before, between or
     * after the options; they end up at argv[*first_positional...] */
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        if (c == '?' || c == ':') {
            char why[160];
            snprintf(why, sizeof why, "未知或不完整的选项 (unknown option or missing value): %s",
                     optind > 0 && optind <= argc ? argv[optind - 1] : "?");
            return hz_cli_usage(cli, cmd, why);
        }
        int rc = on_opt(cli, ctx, c, optarg);
        if (rc) return rc;
    }
    *first_positional = optind;
    return 0;
}

static int optv_set(hz_cli *cli, void *ctx, int key, const char *arg) {
    (void)cli;
    hz_cli_optv *o = ctx;
    if (key >= o->first && key <= o->last) o->v[key - o->first] = arg;
    return 0;
}

int hz_cli_parse_optv(hz_cli *cli, const char *cmd, int argc, char **argv, const struct option *longopts, int first,
                      int last, hz_cli_optv *o, const char **arg, const char *missing) {
    memset(o, 0, sizeof *o);
    o->first = first;
    o->last = last - first < HZ_CLI_OPTV_MAX ? last : first + HZ_CLI_OPTV_MAX - 1;
    const hz_cmd *c = hz_cli_find(cmd);
    int pos, rc = hz_cli_parse(cli, c, argc, argv, longopts, optv_set, o, &pos);
    if (rc) return rc;
    if (arg) {
        if (pos >= argc) return hz_cli_usage(cli, c, missing);
        *arg = argv[pos++];
    }
    if (pos < argc) return hz_cli_usage(cli, c, "多余的参数 (unexpected argument)");
    return 0;
}

int hz_cli_need(hz_cli *cli, const char *cmd, const char *value, const char *opt) {
    if (value) return 0;
    char why[96];
    snprintf(why, sizeof why, "须指定 %s (missing %s)", opt, opt);
    return hz_cli_usage(cli, hz_cli_find(cmd), why);
}

static void print_help(void) {
    printf("huzhu — 职工互助保障系统 (workers' mutual-aid office)\n\n"
           "用法 (usage): huzhu [--db URL] [--config FILE] [--json] [--as LOGIN] COMMAND [ARGS]\n"
           "  --db URL        sqlite:PATH (默认 sqlite:huzhu.db) 或 postgresql://…；也可用 HUZHU_DB\n"
           "  --config FILE   配置文件 (config file), 默认 %s (若存在)；也可用 HUZHU_CONFIG\n"
           "  --data-dir DIR  目录/计划/控制台所在 (catalogue, console), 默认随安装位置；也可用 HUZHU_DATA_DIR\n"
           "  --json          输出机器可读的 JSON (machine-readable output)\n"
           "  --as LOGIN      以该用户的角色与范围执行 (act with that user's role and scope)\n\n命令 (commands):\n",
           HZ_CONFIG_FILE);
    for (const hz_cli_module *const *m = hz_cli_modules; *m; m++)
        for (const hz_cmd *c = (*m)->commands; c->name; c++) printf("  %-20s %s\n", c->name, c->summary);
    printf("\n退出码 (exit codes): 0 成功, 1 用法错误, 2 输入被拒绝, 3 冲突, 4 未找到, 5 存储或内部错误\n");
}

/* The global options that take a value, as given on the command line. */
typedef struct {
    const char *db, *config, *data_dir;
} globals;

/* Takes `--NAME VALUE` or `--NAME=VALUE` at argv[*i] into *out: 1 taken,
 * 0 not this option, -1 value missing. */
static int take_value(const char *name, int argc, char **argv, int *i, const char **out) {
    size_t n = strlen(name);
    if (strncmp(argv[*i], name, n) != 0) return 0;
    if (argv[*i][n] == '=') {
        *out = argv[*i] + n + 1;
        return 1;
    }
    if (argv[*i][n] != '\0') return 0;
    if (*i + 1 >= argc) return -1;
    *out = argv[++*i];
    return 1;
}

/* Removes global options (anywhere on the line) from argv in place. */
static int take_globals(hz_cli *cli, globals *g, int argc, char **argv) {
    int out = 1;
    for (int i = 1; i < argc; i++) {
        int took = 0;
        if ((took = take_value("--db", argc, argv, &i, &g->db)) ||
            (took = take_value("--config", argc, argv, &i, &g->config)) ||
            (took = take_value("--data-dir", argc, argv, &i, &g->data_dir))) {
            if (took < 0) return -1;
        } else if (strcmp(argv[i], "--json") == 0) {
            cli->json = true;
        } else if (strcmp(argv[i], "--as") == 0) {
            if (i + 1 >= argc) return -1;
            cli->as = argv[++i];
        } else {
            argv[out++] = argv[i];
        }
    }
    argv[out] = NULL;
    return out;
}

/* Opens the store when the command needs it, then runs the command (again
 * when PostgreSQL asks for a retry). Returns the exit code. */
static int run(hz_cli *cli, const hz_cmd *cmd, int sub_argc, char **sub_argv) {
    if (cmd->needs_db) {
        if (hz_app_open(&cli->app, cli->db_url, &cli->err) != HZ_OK) return hz_cli_report(cli);
        if (hz_app_set_lock_wait(&cli->app, 120000, &cli->err) != HZ_OK) {
            int rc = hz_cli_report(cli);
            hz_app_close(&cli->app);
            return rc;
        }
        if (cli->as && hz_app_act_as(&cli->app, cli->as, &cli->err) != HZ_OK) {
            int rc = hz_cli_report(cli);
            hz_app_close(&cli->app);
            return rc;
        }
        /* without --as the audit names the operator "cli", or "cli:NAME"
         * with HUZHU_ACTOR=NAME (the two-person rule tells them apart) */
        const char *actor = getenv("HUZHU_ACTOR");
        if (!cli->as && actor && *actor) snprintf(cli->app.actor, sizeof cli->app.actor, "cli:%.50s", actor);
    }
    /* commands may rewrite their argv; each attempt gets a fresh copy */
    char *copy[256];
    if (sub_argc >= 256) return hz_cli_fail(cli, HZ_EUSAGE, "参数过多 (too many arguments)");
    int rc = 0;
    for (int attempt = 0; attempt < 3; attempt++) {
        memcpy(copy, sub_argv, sizeof *copy * (size_t)(sub_argc + 1));
        hz_err_clear(&cli->err);
        rc = cmd->fn(cli, sub_argc, copy);
        if (cli->err.code != HZ_ERETRY) break; /* PostgreSQL asked to run it again */
    }
    if (cli->err.code == HZ_ERETRY) {
        cli->err.code = HZ_ECONFLICT;
        rc = hz_cli_report(cli);
    }
    hz_app_close(&cli->app);
    return rc;
}

int main(int argc, char **argv) {
    hz_cli cli;
    memset(&cli, 0, sizeof cli);
    cli.tty = isatty(STDERR_FILENO);
    globals g = {0};
    argc = take_globals(&cli, &g, argc, argv);
    if (argc < 0)
        return hz_cli_fail(&cli, HZ_EUSAGE,
                           "--db, --config, --data-dir 与 --as 需要一个参数 (--db, --config, --data-dir and --as need a value)");
    if (argc == 2 && (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0)) {
        /* the program and the founding schema this build knows */
        printf("huzhu %s (schema %d)\n", HZ_VERSION, hz_app_schema_version());
        return 0;
    }
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
        print_help();
        return argc < 2 ? 1 : 0;
    }
    /* the longest name first: three words ("relief program add"), two
     * ("org add"), then one */
    const hz_cmd *cmd = NULL;
    int skip = 1;
    if (argc >= 4) {
        char three[96];
        snprintf(three, sizeof three, "%s %s %s", argv[1], argv[2], argv[3]);
        if ((cmd = hz_cli_find(three))) skip = 3;
    }
    if (!cmd && argc >= 3) {
        char two[64];
        snprintf(two, sizeof two, "%s %s", argv[1], argv[2]);
        if ((cmd = hz_cli_find(two))) skip = 2;
    }
    if (!cmd) cmd = hz_cli_find(argv[1]);
    if (!cmd) {
        bool group = false;
        size_t n = strlen(argv[1]);
        for (const hz_cli_module *const *m = hz_cli_modules; *m; m++)
            for (const hz_cmd *c = (*m)->commands; c->name; c++)
                if (strncmp(c->name, argv[1], n) == 0 && c->name[n] == ' ') group = true;
        if (group && (argc < 3 || strcmp(argv[2], "--help") == 0)) {
            for (const hz_cli_module *const *m = hz_cli_modules; *m; m++)
                for (const hz_cmd *c = (*m)->commands; c->name; c++)
                    if (strncmp(c->name, argv[1], n) == 0 && c->name[n] == ' ') print_cmd_help(c, stdout);
            return argc < 3 ? 1 : 0;
        }
        return hz_cli_fail(&cli, HZ_EUSAGE, "未知命令 (unknown command): %s%s%s; 见 huzhu --help", argv[1],
                           group ? " " : "", group ? argv[2] : "");
    }
    int sub_argc = argc - skip;
    char **sub_argv = argv + skip; /* sub_argv[0] is the (last) command word */
    if (hz_cli_wants_help(cmd, sub_argc, sub_argv)) return 0;
    /* Each setting: the command line, else the environment, else the config
     * file, else the default. Commands that open the store read the config:
     * an operator's `huzhu backup` on the server finds the service's database. */
    hz_cli_config config = {0};
    const char *env_config = getenv("HUZHU_CONFIG");
    if (env_config && !*env_config) env_config = NULL;
    if (cmd->needs_db) {
        int crc = hz_cli_config_load(&cli, g.config ? g.config : env_config ? env_config : HZ_CONFIG_FILE,
                                     !g.config && !env_config, &config);
        if (crc) return crc;
    }
    const char *env_db = getenv("HUZHU_DB"), *env_data = getenv("HUZHU_DATA_DIR");
    cli.db_url = g.db                                    ? g.db
                 : env_db && *env_db                     ? env_db
                 : hz_cli_config_get(&config, "db")      ? hz_cli_config_get(&config, "db")
                                                         : "sqlite:huzhu.db";
    hz_data_dir_set(g.data_dir                              ? g.data_dir
                    : env_data && *env_data                 ? env_data
                                                            : hz_cli_config_get(&config, "data-dir"));
    /* serve: the config's serve settings go before the command line's own */
    char *served[256];
    if (config.n && cmd->fn == hz_cmd_serve) {
        int rc2 = hz_cli_config_argv(&cli, &config, sub_argc, sub_argv, 256, served, &sub_argc);
        if (rc2) {
            hz_cli_config_free(&config);
            return rc2;
        }
        sub_argv = served;
    }
    int rc = run(&cli, cmd, sub_argc, sub_argv);
    hz_cli_config_free(&config);
    return rc;
}
