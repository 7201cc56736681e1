/* src/io/views_member: GET /members/{id}'s record written as text is byte
 * for byte json_dumps(jansson tree, JSON_COMPACT): same fields, same order,
 * same escaping, same nulls. Thousands of generated members: Chinese names
 * at full length, four-byte characters, quotes, backslashes and control
 * bytes, masked and unmasked roles, no unit / phone / card / birth date,
 * flags with known and unknown levels, up to 128 coverages, pending card
 * changes holding more payables than are listed, extreme amounts and ids.
 * A string that is not valid UTF-8 makes the text writer give up (the
 * handler then answers through jansson, as before). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/jtext.h"
#include "io/views_member.h"

static uint64_t seed = 88172645463325252ull;
static uint64_t rnd(void) { /* xorshift64: the same members every run */
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return seed;
}
static int pick(int n) { return (int)(rnd() % (uint64_t)n); }

/* Text of at most cap - 1 bytes from pieces that each stay whole (valid
 * UTF-8 whatever is cut). */
static void text(char *out, size_t cap) {
    static const char *const pieces[] = {"张", "王", "李", "欧阳", "娜", "𠀀", "😀", "a", "Z", " ", "\"", "\\", "/",
                                         "\t", "\n", "\r", "\b", "\f", "\x01", "\x1f", "\x7f", "é", "·", "<>&", "'",
                                         "\xe2\x80\xa8", "0", "-", ":"};
    size_t n = 0, want = (size_t)pick(4) == 0 ? cap - 1 : (size_t)pick((int)cap);
    out[0] = '\0';
    while (n < want) {
        const char *p = pieces[pick((int)(sizeof pieces / sizeof pieces[0]))];
        size_t k = strlen(p);
        if (n + k > cap - 1) break;
        memcpy(out + n, p, k);
        n += k;
    }
    out[n] = '\0';
}

static void digits(char *out, size_t n) {
    for (size_t i = 0; i < n; i++) out[i] = (char)('0' + pick(10));
    out[n] = '\0';
}

static hz_date date(void) { return pick(8) == 0 ? HZ_DATE_NONE : (hz_date)pick(60000); }

static int64_t big(void) {
    static const int64_t edges[] = {0, 1, -1, 99, 100, -100, INT64_MAX, INT64_MIN, 2147483647, -2147483648LL};
    return pick(3) ? (int64_t)(rnd() % 100000000) - 1000 : edges[pick(10)];
}

static void member(hz_member *m) {
    memset(m, 0, sizeof *m);
    m->id = pick(5) ? (int64_t)(rnd() % 10000000) + 1 : INT64_MAX;
    digits(m->id_number, 17);
    m->id_number[17] = pick(4) ? (char)('0' + pick(10)) : 'X';
    text(m->name, pick(3) ? 16 : sizeof m->name);
    m->sex = pick(5) ? (pick(2) ? 'M' : 'F') : 0;
    m->birth = date();
    if (pick(3)) digits(m->phone, 11);
    if (pick(4)) digits(m->bank_card, pick(2) ? 16 : 19);
    if (pick(3)) text(m->bank_name, sizeof m->bank_name);
    if (pick(4)) {
        digits(m->unit_code, 18);
        text(m->unit_name, sizeof m->unit_name);
    }
    if (pick(5)) text(m->org_code, sizeof m->org_code);
}

static void flag(hz_flag *f) {
    static const char *const kinds[] = {"model", "hardship", "newform", "k23456789ab"};
    static const char *const levels[] = {"national", "city", "deep", "sudden", "courier", "other",
                                         "unknownlevel123", "", "省级"};
    memset(f, 0, sizeof *f);
    f->id = pick(1000);
    strcpy(f->kind, kinds[pick(4)]);
    strcpy(f->level, levels[pick(9)]);
    f->from = date();
    f->to = date();
}

static void coverage(hz_coverage *c) {
    static const char *const kinds[] = {"unit", "self", "org", "abcdefg", ""};
    memset(c, 0, sizeof *c);
    c->id = big();
    c->member_id = pick(100);
    text(c->plan_code, sizeof c->plan_code);
    c->plan_version = (int)big();
    c->shares = (int)big();
    c->start = date();
    c->end = date();
    c->months = pick(40) - 5;
    strcpy(c->payer_kind, kinds[pick(5)]);
    if (pick(2)) text(c->payer_ref, sizeof c->payer_ref);
    c->premium = big();
    c->continuous = pick(2);
    strcpy(c->status, pick(2) ? "active" : "cancelled");
}

static void card(hz_card_pending *c) {
    memset(c, 0, sizeof *c);
    if (pick(3)) return;
    c->pending = true;
    digits(c->old_card, pick(3) ? 19 : 0);
    text(c->old_bank, sizeof c->old_bank);
    digits(c->new_card, 16);
    text(c->new_bank, sizeof c->new_bank);
    strcpy(c->via, pick(2) ? "api" : "counter");
    text(c->changed_by, sizeof c->changed_by);
    strcpy(c->changed_at, "2026-11-29T08:00:00Z");
    c->n_held = pick(4) ? pick(5) : HZ_CARD_HELD_MAX + pick(10);
    for (int i = 0; i < c->n_held && i < HZ_CARD_HELD_MAX; i++) {
        digits(c->held[i].payable_no, 12);
        text(c->held[i].purpose, sizeof c->held[i].purpose);
        c->held[i].owed = big();
    }
}

typedef struct {
    hz_member m;
    hz_flag flags[16];
    hz_coverage covs[128];
    hz_card_pending card;
} fixture;

/* The text writer against jansson for one document; returns the text's length. */
static size_t same(const hz_member_doc *d) {
    json_t *tree = hz_view_member_doc(d);
    assert_non_null(tree);
    char *want = json_dumps(tree, JSON_COMPACT);
    json_decref(tree);
    assert_non_null(want);
    size_t len = 0;
    char *got = hz_view_member_doc_text(d, &len);
    assert_non_null(got);
    assert_int_equal(len, strlen(want));
    assert_string_equal(got, want);
    free(got);
    free(want);
    return len;
}

static void test_many_members(void **state) {
    (void)state;
    fixture *f = malloc(sizeof *f);
    assert_non_null(f);
    size_t longest = 0;
    int with_card = 0, masked = 0, full = 0;
    for (int i = 0; i < 4000; i++) {
        member(&f->m);
        int nf = pick(4) ? pick(4) : 16, nc = pick(10) ? pick(5) : (pick(2) ? 128 : pick(128));
        for (int k = 0; k < nf; k++) flag(&f->flags[k]);
        for (int k = 0; k < nc; k++) coverage(&f->covs[k]);
        card(&f->card);
        hz_member_doc d = {&f->m, pick(2) == 0, f->flags, nf, f->covs, nc, &f->card};
        size_t n = same(&d);
        if (n > longest) longest = n;
        with_card += f->card.pending;
        masked += d.mask;
        full += nc == 128;
    }
    /* the generator reached what it is for */
    assert_true(with_card > 1000 && masked > 1500 && full > 100 && longest > 30000);
    free(f);
}

/* The bench roster's shape: a Chinese name, unit, two coverages, no flag. */
static void test_plain_member(void **state) {
    (void)state;
    hz_member m = {0};
    m.id = 10016;
    strcpy(m.id_number, "610103197909040005");
    strcpy(m.name, "沈杰");
    m.sex = 'F';
    hz_date_parse("1979-09-04", &m.birth, "birth", NULL);
    strcpy(m.unit_code, "91610000MA6TG00007");
    strcpy(m.unit_name, "基准单位");
    strcpy(m.org_code, "XA");
    strcpy(m.phone, "14706100434");
    strcpy(m.bank_card, "6217007182793155675");
    strcpy(m.bank_name, "西安银行");
    hz_coverage c = {.id = 22016, .plan_version = 1, .shares = 1, .months = 12, .premium = 2000};
    strcpy(c.plan_code, "ZJ");
    hz_date_parse("2026-01-01", &c.start, "start", NULL);
    hz_date_parse("2026-12-31", &c.end, "end", NULL);
    strcpy(c.payer_kind, "unit");
    strcpy(c.payer_ref, "91610000MA6TG00007");
    strcpy(c.status, "active");
    hz_card_pending none = {0};
    hz_member_doc d = {&m, false, NULL, 0, &c, 1, &none};
    same(&d);
    size_t len;
    char *got = hz_view_member_doc_text(&d, &len);
    assert_string_equal(got, "{\"id_number\":\"610103197909040005\",\"name\":\"沈杰\",\"sex\":\"F\",\"birth_date\":"
                             "\"1979-09-04\",\"unit\":\"91610000MA6TG00007\",\"unit_name\":\"基准单位\",\"org\":\"XA\","
                             "\"phone\":\"14706100434\",\"bank_card\":\"6217007182793155675\",\"bank_name\":\"西安银行\","
                             "\"ref\":\"10016\",\"flags\":[],\"coverages\":[{\"id\":22016,\"plan\":\"ZJ\",\"plan_version\":1,"
                             "\"shares\":1,\"start\":\"2026-01-01\",\"end\":\"2026-12-31\",\"months\":12,\"premium\":\"20.00\","
                             "\"payer\":\"unit:91610000MA6TG00007\",\"continuous\":false,\"status\":\"active\"}],"
                             "\"card_change\":null}");
    free(got);
    /* masked: the ID number and the card as the lists show them */
    d.mask = true;
    same(&d);
}

/* Bytes jansson refuses: the text writer gives up instead of writing what
 * jansson would not. */
static void test_invalid_utf8(void **state) {
    (void)state;
    static const char *const bad[] = {"\xff", "\xc0\xaf", "张\xe5", "\xed\xa0\x80", "\xf4\x90\x80\x80", "a\x80"};
    hz_card_pending none = {0};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        hz_member m = {0};
        m.id = 1;
        strcpy(m.id_number, "610103197909040005");
        strcpy(m.name, bad[i]);
        hz_member_doc d = {&m, false, NULL, 0, NULL, 0, &none};
        size_t len;
        assert_null(hz_view_member_doc_text(&d, &len));
        assert_null(json_string(bad[i]));
    }
}

static void test_integers(void **state) {
    (void)state;
    static const int64_t v[] = {0, 7, -7, 10, -10, 1234567890123LL, INT64_MAX, INT64_MIN};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        hz_jtext w;
        hz_jt_init(&w);
        hz_jt_int(&w, v[i]);
        size_t len;
        char *got = hz_jt_take(&w, &len);
        json_t *j = json_integer(v[i]);
        char *want = json_dumps(j, JSON_ENCODE_ANY | JSON_COMPACT);
        assert_string_equal(got, want);
        free(got);
        free(want);
        json_decref(j);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_member),
        cmocka_unit_test(test_many_members),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_integers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
