/* The config file (/etc/huzhu/huzhu.conf): `key = value` lines whose keys are
 * the long options of `huzhu serve` and the global --db / --data-dir, so an
 * option added to serve is a config key with no code here (cli/cli.h). */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"

#define CONFIG_MAX_BYTES ((size_t)64 << 10) /* a config is a few lines */
#define CONFIG_MAX_ITEMS 128

/* the global options a config may carry; both take a value */
static const struct option global_keys[] = {
    {"db", required_argument, 0, 0}, {"data-dir", required_argument, 0, 0}, {0, 0, 0, 0}};

static const struct option *find_key(const struct option *table, const char *key) {
    for (; table && table->name; table++)
        if (strcmp(table->name, key) == 0) return table;
    return NULL;
}

static char *trim(char *s) {
    while (*s == ' ' || *s == '\t') s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) s[--n] = '\0';
    return s;
}

/* yes/no for an option without a value; -1 when neither */
static int truth(const char *v) {
    static const char *const yes[] = {"1", "yes", "true", "on"}, *const no[] = {"0", "no", "false", "off"};
    for (size_t i = 0; i < 4; i++) {
        if (strcasecmp(v, yes[i]) == 0) return 1;
        if (strcasecmp(v, no[i]) == 0) return 0;
    }
    return -1;
}

static int bad_line(hz_cli *cli, hz_cli_config *cfg, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int bad_line(hz_cli *cli, hz_cli_config *cfg, int line, const char *fmt, ...) {
    char why[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    hz_cli_config_free(cfg);
    return hz_cli_fail(cli, HZ_EINVAL, "%s:%d: %s", cli->config, line, why);
}

int hz_cli_config_load(hz_cli *cli, const char *path, bool missing_ok, hz_cli_config *cfg) {
    memset(cfg, 0, sizeof *cfg);
    cli->config = path;
    FILE *f = fopen(path, "r");
    if (!f) {
        if (missing_ok && errno == ENOENT) {
            cli->config = NULL;
            return 0;
        }
        return hz_cli_fail(cli, HZ_EINVAL, "%s: 无法读取配置文件 (cannot read the config file: %s)", path,
                           strerror(errno));
    }
    cfg->text = malloc(CONFIG_MAX_BYTES + 1);
    cfg->items = calloc(CONFIG_MAX_ITEMS, sizeof *cfg->items);
    cfg->args = calloc(CONFIG_MAX_ITEMS, sizeof *cfg->args);
    if (!cfg->text || !cfg->items || !cfg->args) {
        fclose(f);
        hz_cli_config_free(cfg);
        return hz_cli_fail(cli, HZ_EINTERNAL, "内存不足 (out of memory)");
    }
    size_t len = fread(cfg->text, 1, CONFIG_MAX_BYTES + 1, f);
    bool failed = ferror(f);
    fclose(f);
    if (failed || len > CONFIG_MAX_BYTES) {
        hz_cli_config_free(cfg);
        return hz_cli_fail(cli, HZ_EINVAL, "%s: %s", path,
                           failed ? "读取失败 (read error)" : "配置文件超过 64 KiB (the config file exceeds 64 KiB)");
    }
    cfg->text[len] = '\0';
    if (memchr(cfg->text, '\0', len)) return bad_line(cli, cfg, 1, "%s", "含 NUL 字节 (a NUL byte: not a text file)");
    int line = 0;
    for (char *next = cfg->text; next && *next;) {
        char *s = next;
        next = strchr(s, '\n');
        if (next) *next++ = '\0';
        line++;
        /* a comment starts the line or follows a blank: `threads = 4  # two cores` */
        for (char *h = strchr(s, '#'); h; h = strchr(h + 1, '#'))
            if (h == s || h[-1] == ' ' || h[-1] == '\t') {
                *h = '\0';
                break;
            }
        s = trim(s);
        if (!*s) continue;
        char *eq = strchr(s, '=');
        if (!eq) return bad_line(cli, cfg, line, "应为 key = value (expected key = value, got '%s')", s);
        *eq = '\0';
        char *key = trim(s), *value = trim(eq + 1);
        const struct option *opt = find_key(global_keys, key);
        if (!opt) opt = find_key(hz_serve_longopts, key);
        if (!opt)
            return bad_line(cli, cfg, line,
                            "未知的配置项 (unknown key) '%s'; 可用的键即 huzhu serve 的长选项 (keys are huzhu serve's "
                            "long options and db, data-dir)",
                            key);
        if (opt->has_arg == no_argument && truth(value) < 0)
            return bad_line(cli, cfg, line, "%s: 应为 yes 或 no (must be yes or no)", key);
        if (opt->has_arg == required_argument && !*value)
            return bad_line(cli, cfg, line, "%s: 缺少值 (missing value)", key);
        if (cfg->n == CONFIG_MAX_ITEMS) return bad_line(cli, cfg, line, "%s", "配置项过多 (too many settings)");
        cfg->items[cfg->n++] = (hz_cli_setting){key, value, line, opt->has_arg, find_key(global_keys, key) != NULL};
    }
    return 0;
}

const char *hz_cli_config_get(const hz_cli_config *cfg, const char *key) {
    const char *v = NULL;
    for (int i = 0; i < cfg->n; i++)
        if (strcmp(cfg->items[i].key, key) == 0) v = cfg->items[i].value; /* the last one wins, as on a command line */
    return v;
}

int hz_cli_config_argv(hz_cli *cli, hz_cli_config *cfg, int argc, char **argv, int cap, char **out, int *out_argc) {
    int n = 0;
    out[n++] = argv[0];
    for (int i = 0; i < cfg->n; i++) {
        const hz_cli_setting *s = &cfg->items[i];
        if (s->global || (s->has_arg == no_argument && truth(s->value) == 0)) continue;
        size_t need = strlen(s->key) + strlen(s->value) + 4;
        char *arg = malloc(need);
        if (!arg || n + argc >= cap || cfg->n_args == CONFIG_MAX_ITEMS) {
            free(arg);
            return hz_cli_fail(cli, HZ_EUSAGE, "%s: 配置项过多 (too many settings)", cli->config);
        }
        if (s->has_arg == no_argument) snprintf(arg, need, "--%s", s->key);
        else snprintf(arg, need, "--%s=%s", s->key, s->value);
        cfg->args[cfg->n_args++] = arg;
        out[n++] = arg;
    }
    /* then the command line's own options: given later, they win */
    for (int i = 1; i < argc; i++) out[n++] = argv[i];
    out[n] = NULL;
    *out_argc = n;
    return 0;
}

void hz_cli_config_free(hz_cli_config *cfg) {
    for (int i = 0; i < cfg->n_args; i++) free(cfg->args[i]);
    free(cfg->args);
    free(cfg->items);
    free(cfg->text);
    memset(cfg, 0, sizeof *cfg);
}
