/* The audit key's file (app/audit_key.h). */
#include "app/audit_key.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/text.h"

void hz_audit_key_path(const char *db_url, char *buf, size_t cap) {
    const char *env = getenv("HUZHU_AUDIT_KEY");
    if (env && *env) {
        hz_strlcpy(buf, env, cap);
    } else if (db_url && !strncmp(db_url, "sqlite:", 7)) {
        snprintf(buf, cap, "%s.audit-key", db_url + 7);
    } else {
        unsigned char h[8];
        char hex[17];
        crypto_generichash(h, sizeof h, (const unsigned char *)(db_url ? db_url : ""), db_url ? strlen(db_url) : 0,
                           NULL, 0);
        sodium_bin2hex(hex, sizeof hex, h, sizeof h);
        const char *home = getenv("HOME");
        snprintf(buf, cap, "%s/.config/huzhu/audit-%s.key", home && *home ? home : ".", hex);
    }
}

hz_err hz_audit_key_write(const char *path, const unsigned char key[32], hz_errinfo *e) {
    char dir[4096];
    hz_strlcpy(dir, path, sizeof dir);
    char *slash = strrchr(dir, '/');
    if (slash && slash != dir) {
        *slash = '\0';
        /* $HOME/.config/huzhu: make the two levels a default path needs */
        char *mid = strrchr(dir, '/');
        if (mid && mid != dir) {
            *mid = '\0';
            if (mkdir(dir, 0700) != 0 && errno != EEXIST)
                return hz_fail(e, HZ_EDB, "无法创建目录 %s (cannot create: %s)", dir, strerror(errno));
            *mid = '/';
        }
        if (mkdir(dir, 0700) != 0 && errno != EEXIST)
            return hz_fail(e, HZ_EDB, "无法创建目录 %s (cannot create: %s)", dir, strerror(errno));
    } else {
        hz_strlcpy(dir, slash ? "/" : ".", sizeof dir);
    }
    char hex[65], line[80];
    sodium_bin2hex(hex, sizeof hex, key, 32);
    int n = snprintf(line, sizeof line, "%s\n", hex);
    sodium_memzero(hex, sizeof hex);
    /* written under a temporary name and linked into place, so a reader
     * never sees half a key and two racing inits keep the first one */
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.%d.tmp", path, (int)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return hz_fail(e, HZ_EDB, "无法创建审计密钥 %s (cannot create the audit key: %s)", tmp, strerror(errno));
    bool ok = write(fd, line, (size_t)n) == n && fsync(fd) == 0;
    close(fd);
    sodium_memzero(line, sizeof line);
    if (ok && link(tmp, path) != 0 && errno != EEXIST) ok = false;
    unlink(tmp);
    /* the database's audit chain is keyed by this file: its name must
     * survive a power cut once the database refers to it */
    int dfd = ok ? open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
    if (ok && (dfd < 0 || fsync(dfd) != 0)) ok = false;
    if (dfd >= 0) close(dfd);
    if (!ok) return hz_fail(e, HZ_EDB, "无法写入审计密钥 %s (cannot write the audit key)", path);
    return HZ_OK;
}

static hz_err key_create(const char *path, hz_errinfo *e) {
    unsigned char key[32];
    randombytes_buf(key, sizeof key);
    hz_err rc = hz_audit_key_write(path, key, e);
    sodium_memzero(key, sizeof key);
    return rc;
}

hz_err hz_audit_key_read(const char *path, bool create, unsigned char key[32], bool *have, hz_errinfo *e) {
    *have = false;
    if (sodium_init() < 0) return hz_fail(e, HZ_EINTERNAL, "libsodium 初始化失败");
    if (!path[0]) return HZ_OK;
    FILE *f = fopen(path, "r");
    if (!f && errno == ENOENT && create) {
        hz_err rc = key_create(path, e);
        if (rc) return rc;
        f = fopen(path, "r");
    }
    if (!f) {
        if (errno == ENOENT) return HZ_OK; /* hz_audit refuses until init makes one */
        return hz_fail(e, HZ_EDB, "无法读取审计密钥 %s (cannot read the audit key: %s)", path, strerror(errno));
    }
    char line[128] = "";
    if (!fgets(line, sizeof line, f)) line[0] = '\0';
    fclose(f);
    line[strcspn(line, "\r\n")] = '\0';
    size_t bin_len = 0;
    if (strlen(line) != 64 || sodium_hex2bin(key, 32, line, 64, NULL, &bin_len, NULL) != 0 || bin_len != 32)
        return hz_fail(e, HZ_EDB, "审计密钥文件格式错误 %s (the audit key file must hold 64 hex digits)", path);
    sodium_memzero(line, sizeof line);
    *have = true;
    return HZ_OK;
}
