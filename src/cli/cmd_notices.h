/* The notices sender's settings as options: `huzhu notices send` takes them
 * on its command line, `huzhu serve` too (its background sender), so each
 * is also a key of /etc/huzhu/huzhu.conf (cli/config.c takes serve's
 * options as its keys). */
#ifndef HZ_CLI_CMD_NOTICES_H
#define HZ_CLI_CMD_NOTICES_H

#include "app/notices.h"
#include "cli/cli.h"

enum {
    HZ_NOPT_SENDER = 1000,
    HZ_NOPT_URL,
    HZ_NOPT_KEY_FILE,
    HZ_NOPT_TEMPLATES,
    HZ_NOPT_MAX_ATTEMPTS,
    HZ_NOPT_BACKOFF,
    HZ_NOPT_BACKOFF_MAX,
    HZ_NOPT_LEASE,
    HZ_NOPT_POLL,
    HZ_NOPT_TIMEOUT,
    HZ_NOPT_WORKER,
    HZ_NOPT_END
};

/* the notices-* rows of a getopt table (serve's and notices send's) */
#define HZ_NOTICE_LONGOPTS                                                                                         \
    {"notices-sender", required_argument, 0, HZ_NOPT_SENDER}, {"notices-url", required_argument, 0, HZ_NOPT_URL},  \
        {"notices-key-file", required_argument, 0, HZ_NOPT_KEY_FILE},                                             \
        {"notices-templates", required_argument, 0, HZ_NOPT_TEMPLATES},                                           \
        {"notices-max-attempts", required_argument, 0, HZ_NOPT_MAX_ATTEMPTS},                                     \
        {"notices-backoff-ms", required_argument, 0, HZ_NOPT_BACKOFF},                                            \
        {"notices-backoff-max-ms", required_argument, 0, HZ_NOPT_BACKOFF_MAX},                                    \
        {"notices-lease-ms", required_argument, 0, HZ_NOPT_LEASE}, {"notices-poll-ms", required_argument, 0, HZ_NOPT_POLL}, \
        {"notices-timeout-ms", required_argument, 0, HZ_NOPT_TIMEOUT},                                            \
        {"notices-worker", required_argument, 0, HZ_NOPT_WORKER}

typedef struct {
    const char *v[HZ_NOPT_END - HZ_NOPT_SENDER]; /* the values given, by option */
} hz_cli_notice_opts;

/* Records one notices-* option (key in HZ_NOPT_SENDER..HZ_NOPT_END). */
void hz_cli_notice_opt(hz_cli_notice_opts *o, int key, const char *arg);
/* The sender the options describe: *configured false when no
 * notices-sender is set, or notices-worker is no and worker_switch. The
 * key file is read; values are checked. Exit code or 0. */
int hz_cli_notice_sender(hz_cli *cli, const hz_cli_notice_opts *o, bool worker_switch, hz_notice_sender *s,
                         bool *configured);

#endif
