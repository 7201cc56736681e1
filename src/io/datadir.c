/* The data directory, resolved once per process (io/datadir.h). */
#include "io/datadir.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/text.h"

#define DATADIR_MAX 4096

static pthread_once_t once = PTHREAD_ONCE_INIT;
static char chosen[DATADIR_MAX]; /* hz_data_dir_set, before resolution */
static char dir[DATADIR_MAX];
static char paths[3][DATADIR_MAX + 64];
static bool installed;

static bool is_dir(const char *p) {
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* PREFIX/share/huzhu for an executable at PREFIX/bin/huzhu (symlinks to the
 * binary resolved by the kernel's /proc/self/exe), when it holds catalogue/ */
static bool beside_executable(char *out, size_t cap) {
    char exe[DATADIR_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0 || (size_t)n >= sizeof exe - 1) return false;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/'); /* PREFIX/bin/huzhu -> PREFIX/bin */
    if (!slash) return false;
    *slash = '\0';
    slash = strrchr(exe, '/'); /* -> PREFIX */
    if (!slash) return false;
    *slash = '\0';
    char cand[DATADIR_MAX + 32], probe[DATADIR_MAX + 64];
    snprintf(cand, sizeof cand, "%s/share/huzhu", exe[0] ? exe : "");
    snprintf(probe, sizeof probe, "%s/catalogue", cand);
    if (!is_dir(probe) || strlen(cand) >= cap) return false;
    hz_strlcpy(out, cand, cap);
    return true;
}

static void resolve(void) {
    if (chosen[0]) hz_strlcpy(dir, chosen, sizeof dir);
    else if (beside_executable(dir, sizeof dir)) installed = true;
    else hz_strlcpy(dir, HZ_SOURCE_DIR, sizeof dir);
    snprintf(paths[HZ_DATA_CATALOGUE], sizeof paths[0], "%s/catalogue", dir);
    snprintf(paths[HZ_DATA_PASSWORDS], sizeof paths[0], "%s/data/common-passwords.txt", dir);
    snprintf(paths[HZ_DATA_WEB], sizeof paths[0], "%s/web", dir);
}

void hz_data_dir_set(const char *d) {
    if (d && *d) hz_strlcpy(chosen, d, sizeof chosen);
}

const char *hz_data_dir(void) {
    pthread_once(&once, resolve);
    return dir;
}

bool hz_data_dir_installed(void) {
    pthread_once(&once, resolve);
    return installed;
}

const char *hz_data_path(hz_data_item item) {
    pthread_once(&once, resolve);
    return paths[item];
}
