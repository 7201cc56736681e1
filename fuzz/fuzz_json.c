/* JSON request decoding as the HTTP handlers do it: the body checked and
 * parsed (hz_http_body_json), then decoded into a request. The first byte
 * picks the decoder: 'c' the claim intake (POST /claims), 'd' a claim's
 * documents, anything else the field helpers every other handler uses. No
 * database, no connection: decoders only answer 400 into the request. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "http/handlers.h"

static void decode_fields(hz_req *r, json_t *doc) {
    static const char *const keys[] = {"login", "password", "name", "id_number", "reason", "amount", "kind", NULL};
    const char *s;
    int n;
    bool b;
    if (!hz_json_only(r, doc, keys)) return;
    for (int i = 0; keys[i]; i++)
        if (!hz_json_str(r, doc, keys[i], &s)) return;
    if (!hz_json_int(r, doc, "shares", 1, 10, &n)) return;
    hz_json_bool(r, doc, "complete", &b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1 || size > HZ_HTTP_JSON_MAX) return 0;
    char kind = (char)data[0];
    hz_req r;
    memset(&r, 0, sizeof r);
    r.method = "POST";
    r.url = "/api/v1/fuzz";
    /* the server keeps the body in a buffer of its own */
    r.body = malloc(size);
    if (!r.body) return 0;
    memcpy(r.body, data + 1, size - 1);
    r.len = size - 1;
    json_t *doc = hz_http_body_json(&r);
    if (doc) {
        if (kind == 'c') {
            hz_claim_input in;
            char id_number[HZ_ID_LEN + 1], diagnosis[HZ_ICD_MAX * 2];
            if (hz_http_claim_input(&r, doc, &in, id_number, diagnosis)) {
                HZ_FUZZ_CHECK(strlen(in.id_number) == HZ_ID_LEN);
                HZ_FUZZ_CHECK(in.n_setl >= 0 && in.n_setl <= HZ_CLAIM_MAX_SETTLEMENTS);
                HZ_FUZZ_CHECK(!r.json);
            } else {
                HZ_FUZZ_CHECK(r.json && r.status >= 400);
            }
        } else if (kind == 'd') {
            char list[256];
            bool complete;
            if (hz_http_claim_documents(&r, doc, list, sizeof list, &complete)) HZ_FUZZ_CHECK(strlen(list) < sizeof list);
            else HZ_FUZZ_CHECK(r.json && r.status == 400);
        } else {
            decode_fields(&r, doc);
        }
        json_decref(doc);
    } else {
        HZ_FUZZ_CHECK(r.json && r.status == 400);
    }
    json_decref(r.json);
    free(r.body);
    return 0;
}
