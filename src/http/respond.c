/* What a handler uses to read its request and write its answer: JSON
 * documents, the error shape {"error":{"code","message","details"}},
 * query parameters, request bodies (JSON or an unnamed temporary file) and
 * file responses. */
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/text.h"
#include "http/http.h"

void hz_http_json(hz_req *r, int status, json_t *doc) {
    if (r->json) json_decref(r->json);
    free(r->raw); /* the last answer set is the one sent */
    r->raw = NULL;
    r->status = status;
    r->json = doc;
}

void hz_http_error(hz_req *r, int status, const char *code, const char *msg) {
    /* a message may quote the client's bytes (a JSON parse error, a value
     * cut at 40 bytes): jansson refuses invalid UTF-8, and the client would
     * get a 500 instead of its 400 */
    char text[1024];
    hz_utf8_scrub(msg, text, sizeof text);
    hz_http_json(r, status, json_pack("{s:{s:s, s:s, s:[]}}", "error", "code", code, "message", text, "details"));
}

/* The HTTP status and error code of an hz_err; false for an internal error. */
static bool status_of(hz_err code, int *status, const char **name) {
    static const struct {
        hz_err code;
        int status;
        const char *name;
    } map[] = {{HZ_EUSAGE, 400, "VALIDATION"},  {HZ_EINVAL, 400, "VALIDATION"},   {HZ_EAUTH, 401, "UNAUTHORIZED"},
               {HZ_EFORBIDDEN, 403, "FORBIDDEN"}, {HZ_ENOTFOUND, 404, "NOT_FOUND"}, {HZ_ECONFLICT, 409, "CONFLICT"},
               {HZ_ERETRY, 409, "CONFLICT"}};
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (map[i].code == code) {
            *status = map[i].status;
            *name = map[i].name;
            return true;
        }
    return false;
}

void hz_http_rejected(hz_req *r, const hz_errinfo *e, json_t *details) {
    int status;
    const char *name;
    if (e->code == HZ_ERETRY || !status_of(e->code, &status, &name)) {
        json_decref(details);
        hz_http_fail(r, e);
        return;
    }
    hz_http_json(r, status, json_pack("{s:{s:s, s:s, s:o}}", "error", "code", name, "message", e->msg, "details",
                                      details));
}

void hz_http_fail(hz_req *r, const hz_errinfo *e) {
    if (e->code == HZ_ERETRY) r->retry = true; /* dispatch() runs the handler again */
    int status;
    const char *name;
    if (status_of(e->code, &status, &name)) {
        hz_http_error(r, status, name, e->msg);
        return;
    }
    fprintf(stderr, "huzhu: %s %s: %s\n", r->method, r->url, e->msg);
    hz_http_error(r, 500, "INTERNAL", "服务器内部错误 (internal error)");
}

const char *hz_http_query(hz_req *r, const char *name) {
    return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

json_t *hz_http_body_json(hz_req *r) {
    if (!r->len) {
        hz_http_error(r, 400, "VALIDATION", "请求体为空 (empty body)");
        return NULL;
    }
    if (!hz_utf8_valid(r->body, r->len)) {
        hz_http_error(r, 400, "VALIDATION", "请求体不是有效的 UTF-8 (body is not valid UTF-8)");
        return NULL;
    }
    json_error_t je;
    json_t *doc = json_loadb(r->body, r->len, JSON_REJECT_DUPLICATES, &je);
    if (!doc || !json_is_object(doc)) {
        char msg[256];
        snprintf(msg, sizeof msg, "JSON 格式错误 (malformed JSON: %s)", doc ? "not an object" : je.text);
        json_decref(doc);
        hz_http_error(r, 400, "VALIDATION", msg);
        return NULL;
    }
    return doc;
}

/* An unnamed temporary file (O_TMPFILE, or a file unlinked at once):
 * its descriptor, -1 when none can be made. */
static int unnamed_file(void) {
    const char *dir = getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    int fd = -1;
#ifdef O_TMPFILE
    fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
#endif
    if (fd < 0) {
        char path[512];
        snprintf(path, sizeof path, "%s/huzhu-tmp-XXXXXX", dir);
        fd = mkstemp(path);
        if (fd >= 0) unlink(path);
    }
    return fd;
}

bool hz_http_body_file(hz_req *r, char *path, size_t cap) {
    if (r->to_file) { /* written as it arrived */
        if (!r->body_fd1) {
            hz_http_error(r, 500, "INTERNAL", "无法创建临时文件 (cannot create a temporary file)");
            return false;
        }
        snprintf(path, cap, "/proc/self/fd/%d", r->body_fd1 - 1);
        return true;
    }
    if (r->body_fd1) close(r->body_fd1 - 1); /* a retried handler writes it again */
    r->body_fd1 = 0;
    int fd = unnamed_file();
    if (fd >= 0) {
        r->body_fd1 = fd + 1;
        snprintf(path, cap, "/proc/self/fd/%d", fd);
    }
    if (fd < 0) {
        hz_http_error(r, 500, "INTERNAL", "无法创建临时文件 (cannot create a temporary file)");
        return false;
    }
    size_t off = 0;
    while (off < r->len) {
        ssize_t w = write(fd, r->body + off, r->len - off);
        if (w <= 0) {
            hz_http_error(r, 500, "INTERNAL", "写入临时文件失败 (write failed)");
            return false;
        }
        off += (size_t)w;
    }
    return true;
}

bool hz_http_respond_file(hz_req *r, int fd, const char *type) {
    off_t n = lseek(fd, 0, SEEK_END);
    if (n < 0 || lseek(fd, 0, SEEK_SET) != 0) {
        close(fd);
        hz_http_error(r, 500, "INTERNAL", "读取临时文件失败 (cannot read the temporary file)");
        return false;
    }
    if (r->raw_fd1) close(r->raw_fd1 - 1);
    r->raw_fd1 = fd + 1;
    r->raw_len = (size_t)n;
    r->raw_type = type;
    r->status = 200;
    return true;
}

int hz_http_temp_file(void) { return unnamed_file(); }
