/* Use cases of the organisation and membership registry (module 1). Each is
 * one transaction with its audit event. */
#ifndef HZ_APP_REGISTRY_H
#define HZ_APP_REGISTRY_H

#include "app/app.h"
#include "core/model.h"

#define HZ_MEMBER_FLAGS_MAX 16
#define HZ_MEMBER_COVERAGES_MAX 128

hz_err hz_app_org_add(hz_app *app, const char *code, const char *name, const char *parent_code, const char *kind,
                      const char *region, hz_org *out, hz_errinfo *e);
hz_err hz_app_unit_add(hz_app *app, const char *credit_code, const char *name, const char *org_code, hz_unit *out,
                       hz_errinfo *e);

/* Renames a unit and/or moves it to another org (NULL: unchanged); its
 * members move with it. Admin and staff (HZ_A_UNIT_WRITE); the unit and the
 * new org within the caller's scope. Audited `unit.update`. */
hz_err hz_app_unit_update(hz_app *app, const char *credit_code, const char *name, const char *org_code, hz_unit *out,
                          hz_errinfo *e);
typedef struct {
    const char *id_number, *name, *phone, *unit_code, *org_code, *bank_card, *bank_name;
    const char *flags[HZ_MEMBER_FLAGS_MAX];
    int n_flags;
} hz_member_input;

/* Validates every field (ID check digit, phone, bank card, flags) and adds
 * the member; sex and birth date come from the ID number. The unit is
 * optional: an individual member may name the joint union (--org) that
 * approved them, or nothing yet. An existing ID number: HZ_ECONFLICT. */
hz_err hz_app_member_add(hz_app *app, const hz_member_input *in, hz_member *out, hz_errinfo *e);

/* An edit of a member's own fields; NULL leaves a field as it is, phone ""
 * clears it. flags are added (or replace the one of the same kind and
 * start, `model:city`), end_flags are kinds whose current flags end
 * yesterday. A new bank card is a card change (hz_card_change_record:
 * payouts held until staff confirm it). */
typedef struct {
    const char *name, *phone, *bank_card, *bank_name;
    const char *flags[HZ_MEMBER_FLAGS_MAX];
    int n_flags;
    const char *end_flags[HZ_MEMBER_FLAGS_MAX];
    int n_end_flags;
    const char *via; /* how the card change came: api, cli, console */
} hz_member_edit;
/* Edits the member named by ID number (or, when id_number is NULL, by its
 * ref): HZ_A_MEMBER_WRITE and the member in scope (else HZ_ENOTFOUND as a
 * missing one). One transaction, audited `member.update` naming the fields
 * changed. */
hz_err hz_app_member_update(hz_app *app, const char *id_number, const char *ref, const hz_member_edit *in,
                            hz_member *out, hz_errinfo *e);
typedef struct {
    hz_member member;
    int n_flags, n_coverages;
    hz_flag flags[HZ_MEMBER_FLAGS_MAX];
    hz_coverage coverages[HZ_MEMBER_COVERAGES_MAX];
    hz_card_pending card; /* a bank-card change waiting for confirmation */
} hz_member_view;

/* The member with flags, coverages and a pending bank-card change. The caller allocates out (large). */
hz_err hz_app_member_show(hz_app *app, const char *id_number, hz_member_view *out, hz_errinfo *e);
/* The same by the member's opaque handle, the "ref" of list responses (the
 * member id as text): how cadre and unit users, who see ID numbers masked,
 * open a member. A malformed ref, no such member or one out of scope:
 * HZ_ENOTFOUND alike. */
hz_err hz_app_member_show_ref(hz_app *app, const char *ref, hz_member_view *out, hz_errinfo *e);
/* Parses a member ref into the member id: false when it is not one. */
bool hz_member_ref_parse(const char *ref, int64_t *member_id);

/* Statistics of an organisation subtree (the seed's figures). */
hz_err hz_app_org_stats(hz_app *app, const char *org_code, hz_org_stats *out, hz_errinfo *e);

/* What the caller calls each member field in messages: the API key, or a
 * roster file's own column title ("身份证号码"). */
typedef struct {
    const char *id_number, *name, *phone, *bank_card, *bank_name;
} hz_member_labels;

/* Normalises and validates the member-level fields shared by `member add`
 * and the roster (core/normalize.h: one function per kind): fills m
 * (id_number, name, phone, bank_card, bank_name in canonical form, sex and
 * birth from the ID) or fails, setting *field (when not NULL) to the stable
 * key of the field at fault: id_number, name, phone, bank_card, bank_name.
 * Messages name the field as labels says (NULL: the keys). Blank optional
 * fields (only blanks or invisible characters) count as absent. */
hz_err hz_member_fields_validate(hz_date today, const char *id_number, const char *name, const char *phone,
                                 const char *bank_card, const char *bank_name, const hz_member_labels *labels,
                                 hz_member *m, const char **field, hz_errinfo *e);

#endif
