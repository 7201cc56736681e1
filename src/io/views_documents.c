/* JSON view of a certificate's verification (io/views_documents.h). */
#include "io/views_documents.h"

json_t *hz_view_verification(const hz_doc_verification *v) {
    json_t *covs = json_array();
    char s[HZ_DATE_BUF], t[HZ_DATE_BUF];
    for (int i = 0; i < v->n_coverages; i++) {
        const hz_doc_coverage *c = &v->coverages[i];
        json_array_append_new(covs, json_pack("{s:s, s:s, s:i, s:s, s:s}", "plan", c->plan, "plan_name", c->plan_name,
                                              "shares", c->shares, "start", hz_date_format(c->start, s), "end",
                                              hz_date_format(c->end, t)));
    }
    return json_pack("{s:b, s:s, s:s, s:s, s:o}", "valid", 1, "code", v->code, "name", v->name, "issued",
                     hz_date_format(v->issued, s), "coverages", covs);
}
