/* API handlers of the documents module: the PDFs, written to an unnamed
 * file and sent from there, and the certificate check anyone may make. */
#include <ctype.h>
#include <stdio.h>
#include <unistd.h>

#include "app/documents.h"
#include "app/registry.h"
#include "http/handlers.h"
#include "io/views_documents.h"

#define V1 "/api/v1"

typedef hz_err (*doc_fn)(hz_app *app, const char *key, FILE *out, hz_errinfo *e);

/* Renders one document and answers it as application/pdf, to be saved as
 * prefix-KEY.pdf (KEY reduced to letters, digits and dashes; an ID number
 * never names a file, so prefix alone then). */
static void send_doc(hz_req *r, doc_fn fn, const char *key, const char *prefix, bool key_in_name) {
    hz_errinfo e;
    int fd = hz_http_temp_file();
    FILE *out = fd >= 0 ? fdopen(dup(fd), "wb") : NULL;
    hz_err rc =
        out ? fn(r->app, key, out, &e) : hz_fail(&e, HZ_EINTERNAL, "无法创建临时文件 (cannot create a temporary file)");
    if (out && fclose(out) != 0 && !rc) rc = hz_fail(&e, HZ_EINTERNAL, "写入失败 (write failed)");
    if (rc) {
        if (fd >= 0) close(fd);
        hz_http_fail(r, &e);
        return;
    }
    if (!hz_http_respond_file(r, fd, "application/pdf")) return;
    char name[64];
    size_t o = 0;
    for (const char *p = key_in_name ? key : ""; *p && o < sizeof name - 1; p++)
        if (isalnum((unsigned char)*p) || *p == '-') name[o++] = *p;
    name[o] = '\0';
    snprintf(r->disposition, sizeof r->disposition, "attachment; filename=\"%s%s%s.pdf\"", prefix, o ? "-" : "", name);
}

/* GET /api/v1/claims/:claim_no/notice.pdf */
static void h_notice(hz_req *r, char **p) { send_doc(r, hz_app_doc_notice, p[0], "notice", true); }

/* GET /api/v1/members/:id/certificate.pdf (an ID number or a member ref) */
static void h_certificate(hz_req *r, char **p) {
    int64_t id;
    send_doc(r, hz_app_doc_certificate, p[0], "certificate", hz_member_ref_parse(p[0], &id));
}

/* GET /api/v1/units/:code/coverage.pdf */
static void h_unit(hz_req *r, char **p) { send_doc(r, hz_app_doc_unit, p[0], "coverage", true); }

/* GET /api/v1/relief/programs/:code/publicity.pdf */
static void h_publicity(hz_req *r, char **p) { send_doc(r, hz_app_doc_publicity, p[0], "publicity", true); }

/* GET /api/v1/verify/:code (no login): what the certificate says, masked. */
static void h_verify(hz_req *r, char **p) {
    hz_errinfo e;
    hz_doc_verification v;
    if (hz_app_doc_verify(r->app, p[0], &v, &e))
        hz_http_fail(r, &e);
    else
        hz_http_json(r, 200, hz_view_verification(&v));
}

static const hz_route documents_routes[] = {
    {"GET", V1 "/claims/:claim_no/notice.pdf", h_notice, true, false},
    {"GET", V1 "/members/:id/certificate.pdf", h_certificate, true, false},
    {"GET", V1 "/units/:code/coverage.pdf", h_unit, true, false},
    {"GET", V1 "/relief/programs/:code/publicity.pdf", h_publicity, true, false},
    {"GET", V1 "/verify/:code", h_verify, false, false},
    {NULL, NULL, NULL, false, false},
};

const hz_http_module hz_http_module_documents = {"documents", documents_routes};
