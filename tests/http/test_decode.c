/* src/http request decoding without a server (issue 14, R5): a malformed
 * body always gets its 400 with a JSON error (also when the parser's
 * message quotes broken UTF-8), the claim intake refuses settlements and
 * setl_ids together, and a documents list is never cut short. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "http/handlers.h"

static void req_init(hz_req *r, const char *body) {
    memset(r, 0, sizeof *r);
    r->method = "POST";
    r->url = "/api/v1/claims";
    r->body = (char *)body;
    r->len = strlen(body);
}

static const char *error_message(const hz_req *r) {
    return json_string_value(json_object_get(json_object_get(r->json, "error"), "message"));
}

static void test_parse_error_quoting_bad_utf8(void **state) {
    (void)state;
    hz_req r;
    /* a broken \u escape followed by a character the parser quotes half of:
     * the message used to be refused by jansson, leaving a 500 */
    req_init(&r, "{\"diagnosis\":\"c54.1\\ud8\xCD\x9B\\ude0026\"}");
    assert_null(hz_http_body_json(&r));
    assert_int_equal(r.status, 400);
    assert_non_null(error_message(&r));
    assert_true(hz_utf8_valid(error_message(&r), strlen(error_message(&r))));
    json_decref(r.json);
}

static void test_utf8_scrub(void **state) {
    (void)state;
    char out[16];
    assert_string_equal(hz_utf8_scrub("a\xCD", out, sizeof out), "a?");
    assert_string_equal(hz_utf8_scrub("\xE5\xBC\xA0\xFF", out, sizeof out), "\xE5\xBC\xA0?");
    assert_string_equal(hz_utf8_scrub("\xE5\xBC\xA0\xE5\xBC\xA0", out, 5), "\xE5\xBC\xA0"); /* cut whole */
}

static void test_claim_both_lists(void **state) {
    (void)state;
    hz_req r;
    req_init(&r, "{\"id_number\":\"610102198505060024\",\"settlements\":[\"A\"],\"setl_ids\":[\"B\"]}");
    json_t *doc = hz_http_body_json(&r);
    assert_non_null(doc);
    hz_claim_input in;
    char id[HZ_ID_LEN + 1], diag[HZ_ICD_MAX * 2];
    assert_false(hz_http_claim_input(&r, doc, &in, id, diag));
    assert_int_equal(r.status, 400);
    assert_non_null(strstr(error_message(&r), "setl_ids"));
    json_decref(doc);
    json_decref(r.json);

    req_init(&r, "{\"id_number\":\" 610102198505060024\",\"setl_ids\":[\"A\",\"B\"],\"diagnosis\":\"c54.1\"}");
    doc = hz_http_body_json(&r);
    assert_true(hz_http_claim_input(&r, doc, &in, id, diag));
    assert_null(r.json);
    assert_int_equal(in.n_setl, 2);
    assert_string_equal(in.id_number, "610102198505060024"); /* trimmed */
    assert_string_equal(in.diagnosis, "C54.1");
    json_decref(doc);
}

static void test_documents_not_cut(void **state) {
    (void)state;
    char body[1024];
    size_t o = (size_t)snprintf(body, sizeof body, "{\"received\":[");
    for (int i = 0; i < 10; i++)
        o += (size_t)snprintf(body + o, sizeof body - o, "%s\"%s\"", i ? "," : "",
                              "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk");
    snprintf(body + o, sizeof body - o, "]}");
    hz_req r;
    req_init(&r, body);
    json_t *doc = hz_http_body_json(&r);
    char list[256];
    bool complete;
    assert_false(hz_http_claim_documents(&r, doc, list, sizeof list, &complete));
    assert_int_equal(r.status, 400);
    json_decref(doc);
    json_decref(r.json);
    req_init(&r, "{\"received\":[\"id_card\",\"discharge_certificate\"],\"complete\":true}");
    doc = hz_http_body_json(&r);
    assert_true(hz_http_claim_documents(&r, doc, list, sizeof list, &complete));
    assert_string_equal(list, "id_card,discharge_certificate");
    assert_true(complete);
    json_decref(doc);
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_parse_error_quoting_bad_utf8),
                                       cmocka_unit_test(test_utf8_scrub), cmocka_unit_test(test_claim_both_lists),
                                       cmocka_unit_test(test_documents_not_cut)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
