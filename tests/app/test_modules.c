/* src/app/module.c: what the module list declares is found by name, once,
 * and the rule book fails closed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#include "app/authz.h"
#include "app/module.h"

/* every action is "module.verb" of the module declaring it, and declared once */
static void actions_are_named_by_their_module(void **state) {
    (void)state;
    int n = 0;
    for (const hz_app_module *const *m = hz_app_modules; *m; m++)
        for (const hz_action_def *a = (*m)->actions; a && a->name; a++) {
            size_t k = strlen((*m)->name);
            assert_true(!strncmp(a->name, (*m)->name, k) && a->name[k] == '.');
            assert_ptr_equal(hz_app_action_find(a->name), a);
            assert_true(a->roles[0] == ' ' && a->roles[strlen(a->roles) - 1] == ' ');
            n++;
        }
    assert_true(n >= 8); /* lm, relief, security */
}

static void payable_sources_are_found(void **state) {
    (void)state;
    const char *const sources[] = {"claim", "lm", "relief"};
    for (size_t i = 0; i < sizeof sources / sizeof sources[0]; i++) {
        const hz_payable_source *p = hz_app_payable_source(sources[i]);
        assert_non_null(p);
        assert_string_equal(p->source, sources[i]);
        assert_non_null(p->paid);
        assert_non_null(p->failed);
    }
    assert_null(hz_app_payable_source("nothing"));
}

static void the_rule_book_fails_closed(void **state) {
    (void)state;
    hz_app app;
    memset(&app, 0, sizeof app);
    hz_errinfo e;
    strcpy(app.who.role, "admin");
    assert_int_equal(hz_authz_can_do(&app, "lm.review", &e), HZ_OK);
    assert_int_equal(hz_authz_can_do(&app, "lm.approve", &e), HZ_EFORBIDDEN); /* no such action */
    strcpy(app.who.role, "staff");
    assert_int_equal(hz_authz_can_do(&app, "lm.apply", &e), HZ_OK);
    assert_int_equal(hz_authz_can_do(&app, "lm.review", &e), HZ_EFORBIDDEN);
    strcpy(app.who.role, "reviewer");
    assert_int_equal(hz_authz_can_do(&app, "relief.review", &e), HZ_OK);
    assert_int_equal(hz_authz_can_do(&app, "security.card_confirm", &e), HZ_EFORBIDDEN);
    /* a role name that is a substring of another's is not it */
    strcpy(app.who.role, "fin");
    assert_int_equal(hz_authz_can_do(&app, "lm.budget", &e), HZ_EFORBIDDEN);
    app.who.role[0] = '\0';
    assert_int_equal(hz_authz_can_do(&app, "lm.read", &e), HZ_EFORBIDDEN);
}

/* the refunded-settlement listeners run claims before the subsidies */
static void refund_listeners_in_list_order(void **state) {
    (void)state;
    int claims = -1, lm = -1, i = 0;
    for (const hz_app_module *const *m = hz_app_modules; *m; m++, i++) {
        if (!(*m)->settlement_refunded) continue;
        if (!strcmp((*m)->name, "claims")) claims = i;
        if (!strcmp((*m)->name, "lm")) lm = i;
    }
    assert_true(claims >= 0 && lm > claims);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(actions_are_named_by_their_module),
        cmocka_unit_test(payable_sources_are_found),
        cmocka_unit_test(the_rule_book_fails_closed),
        cmocka_unit_test(refund_listeners_in_list_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
