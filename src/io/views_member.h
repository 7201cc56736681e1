/* A member's whole record as GET /api/v1/members/{id} and /members/ref/{ref}
 * answer it: the member (hz_view_member), then "flags", "coverages" and
 * "card_change". Two writers of the same bytes: a jansson tree (the
 * reference, and the fallback) and JSON text written straight into a buffer
 * (the hot path, P3 of quality.md). tests/io/test_views_member.c holds them
 * byte-identical, json_dumps(tree, JSON_COMPACT) against the text. */
#ifndef HZ_VIEWS_MEMBER_H
#define HZ_VIEWS_MEMBER_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/model.h"

typedef struct {
    const hz_member *member;
    bool mask; /* ID number and bank card masked (roles without identity) */
    const hz_flag *flags;
    int n_flags;
    const hz_coverage *coverages;
    int n_coverages;
    const hz_card_pending *card;
} hz_member_doc;

json_t *hz_view_member_doc(const hz_member_doc *d);
/* The same document as compact JSON text (malloc'ed, NUL-terminated, *len
 * its length), or NULL when it cannot be written byte for byte as jansson
 * would (out of memory, a string that is not valid UTF-8): then the caller
 * renders hz_view_member_doc. */
char *hz_view_member_doc_text(const hz_member_doc *d, size_t *len);

#endif
