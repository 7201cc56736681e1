/* The command-line interface: parse, call one use case, render. */
#ifndef HZ_CLI_H
#define HZ_CLI_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

#include <jansson.h>

#include "app/app.h"
#include "app/lists.h"

typedef struct {
    const char *db_url;
    const char *config; /* the config file read, or NULL (cli/config.c) */
    bool json;
    const char *as; /* --as LOGIN: act with that user's role and scope */
    bool tty; /* stderr is a terminal: progress bars allowed */
    hz_app app;
    hz_errinfo err;
} hz_cli;

typedef int (*hz_cmd_fn)(hz_cli *cli, int argc, char **argv);

typedef struct {
    const char *name; /* "init", "org add", ... */
    hz_cmd_fn fn;
    const char *usage; /* one line of arguments */
    const char *summary;
    bool needs_db;
} hz_cmd;

/* Prints "huzhu: CODE: message" to stderr and returns the exit code. */
int hz_cli_fail(hz_cli *cli, hz_err code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Same for an error already recorded in cli->err. */
int hz_cli_report(hz_cli *cli);
/* Usage error for cmd (exit 1). */
int hz_cli_usage(hz_cli *cli, const hz_cmd *cmd, const char *why);
/* True when argv holds --help / -h: prints the command's help. */
bool hz_cli_wants_help(const hz_cmd *cmd, int argc, char **argv);

/* Runs getopt_long over argv with `longopts`; for each option calls
 * on_opt(cli, ctx, opt->val, optarg). Returns 0 or a CLI exit code. */
typedef int (*hz_opt_fn)(hz_cli *cli, void *ctx, int key, const char *arg);
int hz_cli_parse(hz_cli *cli, const hz_cmd *cmd, int argc, char **argv, const struct option *longopts,
                 hz_opt_fn on_opt, void *ctx, int *first_positional);

/* Options kept in a table by key: the option whose key is first + i lands in
 * v[i] (NULL when not given). For commands whose options are all strings. */
#define HZ_CLI_OPTV_MAX 32
typedef struct {
    const char *v[HZ_CLI_OPTV_MAX];
    int first, last;
} hz_cli_optv;
/* Parses argv into *o (keys first..last, at most HZ_CLI_OPTV_MAX of them).
 * With `arg` set, one positional argument is required and stored there;
 * `missing` is the usage text when it is absent ("须指定案件编号 NO (missing NO)").
 * Any further argument is a usage error. Returns 0 or a CLI exit code. */
int hz_cli_parse_optv(hz_cli *cli, const char *cmd, int argc, char **argv, const struct option *longopts, int first,
                      int last, hz_cli_optv *o, const char **arg, const char *missing);
/* Usage error "须指定 --opt (missing --opt)" for cmd when value is NULL; 0 otherwise. */
int hz_cli_need(hz_cli *cli, const char *cmd, const char *value, const char *opt);

/* A module's part in the CLI: its commands (NULL-ended), joined to its
 * other parts by the name in src/modules.def. */
typedef struct {
    const char *name;
    const hz_cmd *commands;
} hz_cli_module;

/* Every module's CLI part, in module-list order; NULL-ended (main.c). */
extern const hz_cli_module *const hz_cli_modules[];
/* The command named name ("org add"), searching every module; NULL if none. */
const hz_cmd *hz_cli_find(const char *name);

/* The config file: `key = value` lines, `#` comments (at the start of a line
 * or after a blank). Its keys are the long options of `huzhu serve`
 * (hz_serve_longopts) plus the global db and data-dir; a serve option without
 * a value takes yes/no. Values apply as if given before the command line's
 * own options, so the command line wins (docs/operations.md). */
typedef struct {
    const char *key, *value; /* into the config's text */
    int line, has_arg;
    bool global; /* db, data-dir: every command's, not only serve's */
} hz_cli_setting;
typedef struct {
    char *text;
    hz_cli_setting *items;
    int n;
    char **args; /* "--key=value" strings made for serve's argv; owned */
    int n_args;
} hz_cli_config;

/* serve's long options, NULL-ended: also the config file's keys (cmd_serve.c) */
extern const struct option hz_serve_longopts[];

/* Reads and checks the config at path (sets cli->config). A missing file is
 * no config when missing_ok (the default path), an error otherwise. Any
 * error names the file, the line and the key; returns its exit code (2),
 * else 0. Free cfg with hz_cli_config_free, also after an error. */
int hz_cli_config_load(hz_cli *cli, const char *path, bool missing_ok, hz_cli_config *cfg);
/* The value of key (the last line that sets it), or NULL. */
const char *hz_cli_config_get(const hz_cli_config *cfg, const char *key);
/* serve's argv with the config's serve settings first: out[0] = argv[0],
 * then "--key=value" per setting, then argv[1..]. cap bounds out (including
 * the NULL). Returns 0 or an exit code; the strings stay owned by cfg. */
int hz_cli_config_argv(hz_cli *cli, hz_cli_config *cfg, int argc, char **argv, int cap, char **out, int *out_argc);
void hz_cli_config_free(hz_cli_config *cfg);

/* Prints a JSON document (taking the reference) followed by a newline. */
void hz_cli_print_json(json_t *doc);
/* Parses a whole number in [min, max] named `what`; exit code or 0. */
int hz_cli_int(hz_cli *cli, const char *arg, const char *what, long min, long max, int *out);
/* Parses a YYYY-MM-DD option value; exit code or 0. */
int hz_cli_date(hz_cli *cli, const char *arg, const char *what, hz_date *out);

/* Command implementations, one per interfaces.md row. */
int hz_cmd_init(hz_cli *cli, int argc, char **argv);
int hz_cmd_org_add(hz_cli *cli, int argc, char **argv);
int hz_cmd_org_stats(hz_cli *cli, int argc, char **argv);
int hz_cmd_unit_add(hz_cli *cli, int argc, char **argv);
int hz_cmd_member_add(hz_cli *cli, int argc, char **argv);
/* cmd_lists.c */
int hz_cmd_member_list(hz_cli *cli, int argc, char **argv);
int hz_cmd_claim_list(hz_cli *cli, int argc, char **argv);
/* A list command of a member's records (app/lists.h): the options --q
 * --status --unit --from --to --sort --order (into q), the list's own
 * (extra: option names without "--", their values in the same order, NULL
 * when absent; at most 4), --format table|csv|xlsx|json and --out FILE;
 * build writes every matching row into r. Exit code. */
typedef hz_err (*hz_cli_list_fn)(hz_cli *cli, const hz_list_query *q, const char *const *extra, hz_report *r);
int hz_cli_list(hz_cli *cli, const char *name, int argc, char **argv, const char *const *extra, hz_cli_list_fn build);
/* Does argv (a list command's, argv[0] its name) name an option of the
 * list export (--q --unit --from --to --sort --order --format --out, or
 * one of own: names without "--")? The older list commands (application,
 * sponsorship, notices, recovery) print what they printed before unless
 * it does (docs/decisions.md). */
bool hz_cli_list_asked(int argc, char **argv, const char *const *own);
int hz_cmd_member_show(hz_cli *cli, int argc, char **argv);
int hz_cmd_enroll(hz_cli *cli, int argc, char **argv);
int hz_cmd_enroll_sponsored(hz_cli *cli, int argc, char **argv);
int hz_cmd_enroll_renew(hz_cli *cli, int argc, char **argv);
int hz_cmd_plans(hz_cli *cli, int argc, char **argv);
int hz_cmd_audit_verify(hz_cli *cli, int argc, char **argv);
int hz_cmd_audit_checkpoint(hz_cli *cli, int argc, char **argv);
int hz_cmd_import_roster(hz_cli *cli, int argc, char **argv);
int hz_cmd_gen_roster(hz_cli *cli, int argc, char **argv);
int hz_cmd_claim_submit(hz_cli *cli, int argc, char **argv);
int hz_cmd_claim_show(hz_cli *cli, int argc, char **argv);
int hz_cmd_claim_approve(hz_cli *cli, int argc, char **argv);
int hz_cmd_claim_reject(hz_cli *cli, int argc, char **argv);
int hz_cmd_claim_documents(hz_cli *cli, int argc, char **argv);
int hz_cmd_claims_proactive(hz_cli *cli, int argc, char **argv);
int hz_cmd_claims_overdue(hz_cli *cli, int argc, char **argv);
int hz_cmd_claims_sla(hz_cli *cli, int argc, char **argv);
int hz_cmd_import_settlements(hz_cli *cli, int argc, char **argv);
int hz_cmd_pay_batch(hz_cli *cli, int argc, char **argv);
int hz_cmd_pay_confirm(hz_cli *cli, int argc, char **argv);
int hz_cmd_gen_settlements(hz_cli *cli, int argc, char **argv);
int hz_cmd_serve(hz_cli *cli, int argc, char **argv);
int hz_cmd_user_add(hz_cli *cli, int argc, char **argv);
int hz_cmd_demo(hz_cli *cli, int argc, char **argv);
int hz_cmd_report(hz_cli *cli, int argc, char **argv);
int hz_cmd_check(hz_cli *cli, int argc, char **argv);
int hz_cmd_backup(hz_cli *cli, int argc, char **argv);
int hz_cmd_recovery_list(hz_cli *cli, int argc, char **argv);
int hz_cmd_recovery_repay(hz_cli *cli, int argc, char **argv);
int hz_cmd_recovery_writeoff(hz_cli *cli, int argc, char **argv);

#endif
