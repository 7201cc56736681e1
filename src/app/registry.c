/* Registry use cases: orgs, units, members, statistics. */
#include "app/registry.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/authz.h"
#include "app/module.h"
#include "app/reports.h"
#include "app/security.h"
#include "core/flag.h"
#include "core/idcard.h"
#include "core/normalize.h"
#include "core/text.h"
#include "store/coverage.h"
#include "store/registry.h"

#define COPY(dst, src) hz_strlcpy((dst), (src), sizeof(dst))

static hz_err code_validate(const char *code, hz_errinfo *e) {
    if (!code || !*code || strlen(code) >= HZ_CODE_MAX)
        return hz_fail(e, HZ_EINVAL, "code: 组织代码应为1至31个字符 (org code must have 1..31 characters)");
    for (const char *p = code; *p; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
            return hz_fail(e, HZ_EINVAL, "code: 组织代码只能含字母、数字、- 和 _ (letters, digits, - and _ only)");
    return HZ_OK;
}

hz_err hz_app_org_add(hz_app *app, const char *code, const char *name, const char *parent_code, const char *kind,
                      const char *region, hz_org *out, hz_errinfo *e) {
    hz_org org;
    memset(&org, 0, sizeof org);
    hz_err rc;
    if ((rc = hz_authz_can(app, HZ_A_ORG_WRITE, e))) return rc;
    char name_n[HZ_NAME_MAX * 2];
    if ((rc = code_validate(code, e)) || (rc = hz_norm_text(name, name_n, sizeof name_n, "name", 2, 60, e))) return rc;
    name = name_n;
    if (!kind) kind = parent_code ? "grassroots" : "federation";
    if (strcmp(kind, "federation") && strcmp(kind, "district") && strcmp(kind, "grassroots") && strcmp(kind, "joint"))
        return hz_fail(e, HZ_EINVAL, "kind: 应为 federation、district、grassroots 或 joint (unknown kind '%s')", kind);
    if (region && *region) {
        if (strlen(region) != 6 || strspn(region, "0123456789") != 6)
            return hz_fail(e, HZ_EINVAL, "region: 行政区划代码应为6位数字 (GB/T 2260 code must be 6 digits)");
    }
    COPY(org.code, code);
    COPY(org.name, name);
    COPY(org.kind, kind);
    COPY(org.region, region);
    if ((rc = hz_db_begin(app->db, e))) return rc;
    if (parent_code) {
        hz_org parent;
        if ((rc = hz_store_org_by_code(app->db, parent_code, &parent, e)) ||
            (rc = hz_authz_org_path(app, parent.path, e)))
            goto fail;
        org.parent_id = parent.id;
        if (strlen(parent.path) + strlen(code) + 2 > sizeof org.path) {
            rc = hz_fail(e, HZ_EINVAL, "parent: 组织层级过深 (organisation tree too deep)");
            goto fail;
        }
        snprintf(org.path, sizeof org.path, "%s%s/", parent.path, code);
    } else {
        snprintf(org.path, sizeof org.path, "/%s/", code);
    }
    if ((rc = hz_store_org_insert(app->db, &org, app->now, e))) goto fail;
    char object[64];
    snprintf(object, sizeof object, "org:%s", code);
    if ((rc = hz_audit(app, "org.add", object, org.path, e))) goto fail;
    if ((rc = hz_db_commit(app->db, e))) return rc;
    if (out) *out = org;
    return HZ_OK;
fail:
    hz_db_rollback(app->db);
    return rc;
}

hz_err hz_app_unit_add(hz_app *app, const char *credit_code, const char *name, const char *org_code, hz_unit *out,
                       hz_errinfo *e) {
    hz_unit unit;
    memset(&unit, 0, sizeof unit);
    hz_err rc;
    if ((rc = hz_authz_can(app, HZ_A_UNIT_WRITE, e))) return rc;
    char code_n[19], name_n[HZ_NAME_MAX * 2];
    if ((rc = hz_norm_credit_code(credit_code, code_n, sizeof code_n, "code", e)) ||
        (rc = hz_norm_text(name, name_n, sizeof name_n, "name", 2, 60, e)))
        return rc;
    credit_code = code_n;
    name = name_n;
    if (!org_code) return hz_fail(e, HZ_EINVAL, "org: 须指定所属工会组织 (--org is required)");
    COPY(unit.credit_code, credit_code);
    COPY(unit.name, name);
    if ((rc = hz_db_begin(app->db, e))) return rc;
    hz_org org;
    if ((rc = hz_authz_org_code(app, org_code, &org, e))) goto fail;
    unit.org_id = org.id;
    COPY(unit.org_code, org.code);
    if ((rc = hz_store_unit_insert(app->db, &unit, app->now, e))) goto fail;
    char object[64];
    snprintf(object, sizeof object, "unit:%s", credit_code);
    if ((rc = hz_audit(app, "unit.add", object, org_code, e)) || (rc = hz_db_commit(app->db, e))) goto fail;
    if (out) *out = unit;
    return HZ_OK;
fail:
    hz_db_rollback(app->db);
    return rc;
}

hz_err hz_app_unit_update(hz_app *app, const char *credit_code, const char *name, const char *org_code, hz_unit *out,
                          hz_errinfo *e) {
    hz_err rc;
    char code_n[19], name_n[HZ_NAME_MAX * 2];
    if ((rc = hz_authz_can(app, HZ_A_UNIT_WRITE, e)) ||
        (rc = hz_norm_credit_code(credit_code, code_n, sizeof code_n, "code", e)) ||
        (name && (rc = hz_norm_text(name, name_n, sizeof name_n, "name", 2, 60, e))))
        return rc;
    if ((rc = hz_db_begin(app->db, e))) return rc;
    hz_unit unit;
    hz_org old_org, org;
    if ((rc = hz_store_unit_by_code(app->db, code_n, &unit, e)) ||
        (rc = hz_store_org_by_id(app->db, unit.org_id, &old_org, e)) ||
        (rc = hz_authz_unit(app, &unit, old_org.path, e)))
        goto fail;
    org = old_org;
    if (org_code && (rc = hz_store_org_by_code(app->db, org_code, &org, e))) goto fail;
    if ((rc = hz_authz_org_path(app, org.path, e))) goto fail;
    char detail[512];
    snprintf(detail, sizeof detail, "{\"name\":\"%s\",\"org\":\"%s\",\"was_name\":\"%s\",\"was_org\":\"%s\"}",
             name ? name_n : unit.name, org.code, unit.name, old_org.code);
    if (name) COPY(unit.name, name_n);
    unit.org_id = org.id;
    COPY(unit.org_code, org.code);
    char object[64];
    snprintf(object, sizeof object, "unit:%s", unit.credit_code);
    if ((rc = hz_store_unit_update(app->db, &unit, app->now, e)) ||
        (rc = hz_audit(app, "unit.update", object, detail, e)) || (rc = hz_db_commit(app->db, e)))
        goto fail;
    if (out) *out = unit;
    return HZ_OK;
fail:
    hz_db_rollback(app->db);
    return rc;
}

hz_err hz_member_fields_validate(hz_date today, const char *id_number, const char *name, const char *phone,
                                 const char *bank_card, const char *bank_name, const hz_member_labels *labels,
                                 hz_member *m, const char **field, hz_errinfo *e) {
    static const hz_member_labels keys = {"id_number", "name", "phone", "bank_card", "bank_name"};
    const hz_member_labels *l = labels ? labels : &keys;
    hz_idinfo id;
    hz_err rc;
    const char *at = "id_number";
    bool has_card = !hz_norm_is_blank(bank_card), has_bank = !hz_norm_is_blank(bank_name);
    if ((rc = hz_id_parse_as(id_number, l->id_number, today, &id, e))) goto fail;
    at = "name";
    if ((rc = hz_norm_person_name(name, m->name, sizeof m->name, l->name, e))) goto fail;
    at = "phone";
    m->phone[0] = '\0';
    if (!hz_norm_is_blank(phone) && (rc = hz_norm_phone(phone, m->phone, sizeof m->phone, l->phone, e))) goto fail;
    at = "bank_card";
    m->bank_card[0] = '\0';
    if (has_card && (rc = hz_norm_bank_card(bank_card, m->bank_card, sizeof m->bank_card, l->bank_card, e))) goto fail;
    if (has_bank && !has_card) {
        rc = hz_fail(e, HZ_EINVAL, "%s: 填写开户行时须填写银行卡号 (bank_name without bank_card)", l->bank_card);
        goto fail;
    }
    at = "bank_name";
    m->bank_name[0] = '\0';
    if (has_bank && (rc = hz_norm_text(bank_name, m->bank_name, sizeof m->bank_name, l->bank_name, 2, 40, e))) goto fail;
    COPY(m->id_number, id.number);
    m->sex = id.sex;
    m->birth = id.birth;
    return HZ_OK;
fail:
    if (field) *field = at;
    return rc;
}

hz_err hz_app_member_add(hz_app *app, const hz_member_input *in, hz_member *out, hz_errinfo *e) {
    hz_member m;
    memset(&m, 0, sizeof m);
    hz_err rc = hz_authz_can(app, HZ_A_MEMBER_WRITE, e);
    if (rc) return rc;
    rc = hz_member_fields_validate(app->today, in->id_number, in->name, in->phone, in->bank_card, in->bank_name, NULL,
                                   &m, NULL, e);
    if (rc) return rc;
    hz_flag flags[HZ_MEMBER_FLAGS_MAX];
    if (in->n_flags > HZ_MEMBER_FLAGS_MAX) return hz_fail(e, HZ_EINVAL, "flag: 类别过多 (too many flags)");
    for (int i = 0; i < in->n_flags; i++)
        if ((rc = hz_flag_parse(in->flags[i], &flags[i], e))) return rc;
    char unit_code[19];
    if (in->unit_code && (rc = hz_norm_credit_code(in->unit_code, unit_code, sizeof unit_code, "unit", e))) return rc;
    /* a scoped role registers members only into its scope: a unit liaison
     * names its unit, an org-scoped role a unit or org of its subtree; a
     * member with neither would be outside every scope (issue 12 case 2).
     * Refused before the transaction, the same answer for everyone. */
    const char *sk = app->who.scope_kind;
    if (sk[0] && !in->unit_code && (strcmp(sk, "org") != 0 || !in->org_code))
        return hz_fail(e, HZ_EFORBIDDEN,
                       "unit: 须指定本单位 (a scoped role must name a unit%s of its scope)", strcmp(sk, "org") ? "" : " or org");
    if ((rc = hz_db_begin(app->db, e))) return rc;
    if (in->unit_code) {
        hz_unit unit;
        hz_org uorg;
        if ((rc = hz_store_unit_by_code(app->db, unit_code, &unit, e)) ||
            (rc = hz_store_org_by_id(app->db, unit.org_id, &uorg, e)) || (rc = hz_authz_unit(app, &unit, uorg.path, e)))
            goto fail;
        m.unit_id = unit.id;
        m.org_id = unit.org_id;
    }
    if (in->org_code) {
        hz_org org;
        if ((rc = hz_authz_org_code(app, in->org_code, &org, e)))
            goto fail;
        if (in->unit_code && org.id != m.org_id) {
            rc = hz_fail(e, HZ_EINVAL, "org: 会员单位不属于组织 %s (the unit belongs to another org)", in->org_code);
            goto fail;
        }
        m.org_id = org.id;
    }
    /* one answer for every registered ID number, in scope or not: the
     * registry is city-wide, so "registered" is all a caller learns */
    int64_t existing = 0;
    if ((rc = hz_store_member_id(app->db, m.id_number, &existing, e))) goto fail;
    if (existing) {
        rc = hz_fail(e, HZ_ECONFLICT,
                     "id_number: 此人已登记, 如需调入请联系办事处 (already registered; the office transfers members)");
        goto fail;
    }
    if ((rc = hz_store_member_insert(app->db, &m, app->now, e))) goto fail;
    for (int i = 0; i < in->n_flags; i++)
        if ((rc = hz_store_flag_put(app->db, m.id, &flags[i], e))) goto fail;
    if ((rc = hz_app_members_joined(app, &m, 1, e))) goto fail;
    char object[48];
    snprintf(object, sizeof object, "member:%s", m.id_number);
    if ((rc = hz_audit(app, "member.add", object, in->unit_code ? unit_code : in->org_code, e))) goto fail;
    if ((rc = hz_db_commit(app->db, e))) return rc;
    if (out) *out = m;
    return HZ_OK;
fail:
    hz_db_rollback(app->db);
    return rc;
}

/* The member by ID number or ref, in the caller's scope (the answers of
 * member show for a missing or hidden one). */
static hz_err member_load(hz_app *app, const char *id_number, const char *ref, hz_member *m, hz_errinfo *e) {
    hz_err rc;
    if (id_number) {
        char norm[HZ_ID_LEN + 1];
        if ((rc = hz_norm_id_number(id_number, norm, sizeof norm, "id_number", e)) ||
            (rc = hz_store_member_by_id_number(app->db, norm, m, e)))
            return rc;
        return hz_authz_member(app, m, e);
    }
    int64_t id;
    if (!hz_member_ref_parse(ref, &id) || hz_store_member_by_id(app->db, id, m, e) || hz_authz_member(app, m, e))
        return hz_fail(e, HZ_ENOTFOUND, "对象不存在 (not found)");
    return HZ_OK;
}

hz_err hz_app_member_update(hz_app *app, const char *id_number, const char *ref, const hz_member_edit *in,
                            hz_member *out, hz_errinfo *e) {
    hz_err rc;
    if ((rc = hz_authz_can(app, HZ_A_MEMBER_WRITE, e))) return rc;
    hz_flag flags[HZ_MEMBER_FLAGS_MAX];
    if (in->n_flags > HZ_MEMBER_FLAGS_MAX || in->n_end_flags > HZ_MEMBER_FLAGS_MAX)
        return hz_fail(e, HZ_EINVAL, "flag: 类别过多 (too many flags)");
    for (int i = 0; i < in->n_flags; i++)
        if ((rc = hz_flag_parse(in->flags[i], &flags[i], e))) return rc;
    for (int i = 0; i < in->n_end_flags; i++) {
        const char *k = in->end_flags[i];
        if (strcmp(k, "model") && strcmp(k, "hardship") && strcmp(k, "newform"))
            return hz_fail(e, HZ_EINVAL, "end_flags: 未知类别 '%.20s' (kind must be model, hardship or newform)", k);
    }
    if ((rc = hz_db_begin(app->db, e))) return rc;
    hz_member old, m;
    if ((rc = member_load(app, id_number, ref, &old, e))) goto fail;
    m = old;
    /* the edit merged over the record, validated as a new one would be */
    bool new_card = in->bank_card && !hz_norm_is_blank(in->bank_card);
    if ((rc = hz_member_fields_validate(app->today, old.id_number, in->name ? in->name : old.name,
                                        in->phone ? in->phone : old.phone, new_card ? in->bank_card : old.bank_card,
                                        new_card || in->bank_name ? (in->bank_name ? in->bank_name : "") : old.bank_name,
                                        NULL, &m, NULL, e)))
        goto fail;
    m.id = old.id;
    char fields[160] = "";
    size_t fl = 0;
#define CHANGED(key, a, b)                                                                                             \
    if (strcmp((a), (b))) fl += (size_t)snprintf(fields + fl, sizeof fields - fl, "%s\"" key "\"", fl ? "," : "")
    CHANGED("name", m.name, old.name);
    CHANGED("phone", m.phone, old.phone);
    CHANGED("bank_card", m.bank_card, old.bank_card);
    CHANGED("bank_name", m.bank_name, old.bank_name);
#undef CHANGED
    if (in->n_flags && fl < sizeof fields) fl += (size_t)snprintf(fields + fl, sizeof fields - fl, "%s\"flags\"", fl ? "," : "");
    if (in->n_end_flags && fl < sizeof fields)
        fl += (size_t)snprintf(fields + fl, sizeof fields - fl, "%s\"end_flags\"", fl ? "," : "");
    if (!fields[0]) {
        rc = hz_fail(e, HZ_EINVAL, "没有要修改的内容 (nothing to change)");
        goto fail;
    }
    if ((rc = hz_store_member_update(app->db, &m, app->now, e)) ||
        (rc = hz_card_change_record(app, &m, old.bank_card, old.bank_name, in->via ? in->via : "api", e)))
        goto fail;
    for (int i = 0; i < in->n_end_flags; i++)
        if ((rc = hz_store_flag_end(app->db, m.id, in->end_flags[i], hz_date_add_days(app->today, -1), e))) goto fail;
    for (int i = 0; i < in->n_flags; i++)
        if ((rc = hz_store_flag_put(app->db, m.id, &flags[i], e))) goto fail;
    char object[48], detail[200];
    snprintf(object, sizeof object, "member:%s", m.id_number);
    snprintf(detail, sizeof detail, "{\"fields\":[%s]}", fields);
    if ((rc = hz_audit(app, "member.update", object, detail, e)) || (rc = hz_db_commit(app->db, e))) goto fail;
    if (out) *out = m;
    return HZ_OK;
fail:
    hz_db_rollback(app->db);
    return rc;
}

/* out->member is loaded: check scope, add flags, coverages and a pending
 * bank-card change. */
static hz_err member_view_finish(hz_app *app, hz_member_view *out, hz_errinfo *e) {
    hz_err rc;
    if ((rc = hz_authz_member(app, &out->member, e)) ||
        (rc = hz_store_flags(app->db, out->member.id, out->flags, HZ_MEMBER_FLAGS_MAX, &out->n_flags, e)) ||
        (rc = hz_store_coverages_of(app->db, out->member.id, out->coverages, HZ_MEMBER_COVERAGES_MAX,
                                    &out->n_coverages, e)))
        return rc;
    return hz_card_pending_load(app, &out->member, &out->card, e);
}

/* An empty view: the member and the counts (the arrays are read up to
 * their counts only; zeroing all of the view, 20 KiB, was a tenth of a GET
 * /members/{id}, P3). */
static void view_clear(hz_member_view *v) {
    memset(&v->member, 0, sizeof v->member);
    v->n_flags = v->n_coverages = 0;
    v->card.pending = false;
    v->card.n_held = 0;
}

hz_err hz_app_member_show(hz_app *app, const char *id_number, hz_member_view *out, hz_errinfo *e) {
    view_clear(out);
    hz_err rc;
    char norm[HZ_ID_LEN + 1];
    if ((rc = hz_authz_can(app, HZ_A_MEMBER_READ, e)) ||
        (rc = hz_norm_id_number(id_number, norm, sizeof norm, "id_number", e)))
        return rc;
    /* the member, flags, coverages and card change as of one moment */
    bool snap = hz_db_read_begin(app->db);
    if (!(rc = hz_store_member_by_id_number(app->db, norm, &out->member, e))) rc = member_view_finish(app, out, e);
    if (snap) hz_db_read_end(app->db);
    return rc;
}

bool hz_member_ref_parse(const char *ref, int64_t *member_id) {
    int64_t v = 0;
    if (!ref || !*ref || strlen(ref) > 15) return false;
    for (const char *p = ref; *p; p++) {
        if (*p < '0' || *p > '9') return false;
        v = v * 10 + (*p - '0');
    }
    *member_id = v;
    return v > 0;
}

hz_err hz_app_member_show_ref(hz_app *app, const char *ref, hz_member_view *out, hz_errinfo *e) {
    view_clear(out);
    hz_err rc;
    int64_t id;
    if ((rc = hz_authz_can(app, HZ_A_MEMBER_READ, e))) return rc;
    /* a ref is opaque: a malformed one, a missing member and one out of
     * scope answer alike, and never with the member's ID number */
    if (!hz_member_ref_parse(ref, &id)) return hz_fail(e, HZ_ENOTFOUND, "对象不存在 (not found)");
    bool snap = hz_db_read_begin(app->db);
    if (!(rc = hz_store_member_by_id(app->db, id, &out->member, e))) rc = member_view_finish(app, out, e);
    if (snap) hz_db_read_end(app->db);
    if (rc) {
        view_clear(out);
        if (rc == HZ_ENOTFOUND) return hz_fail(e, HZ_ENOTFOUND, "对象不存在 (not found)");
        return rc;
    }
    return HZ_OK;
}

hz_err hz_app_org_stats(hz_app *app, const char *org_code, hz_org_stats *out, hz_errinfo *e) {
    hz_org org;
    hz_err rc;
    if ((rc = hz_authz_can(app, HZ_A_REPORT, e)) || (rc = hz_authz_org_code(app, org_code, &org, e)))
        return rc;
    return hz_store_org_stats(app->db, org.path, app->today, out, e);
}

/* Members per district union, within the caller's scope. */
static hz_err build_districts(hz_app *app, const hz_report_args *a, hz_report *out, hz_errinfo *e) {
    hz_dashboard *d = malloc(sizeof *d);
    if (!d) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    hz_err rc = hz_app_dashboard(app, a, d, e);
    if (!rc) rc = hz_report_fill_districts(out, d, e);
    free(d);
    return rc;
}

/* The figures of one org subtree (a->org, by default the cadre's own org). */
static hz_err build_stats(hz_app *app, const hz_report_args *a, hz_report *out, hz_errinfo *e) {
    static const hz_report_col cols[] = {
        {"orgs", "工会组织", HZ_COL_INT},      {"units", "会员单位", HZ_COL_INT}, {"members", "会员", HZ_COL_INT},
        {"newform", "新就业形态会员", HZ_COL_INT}, {"women", "女职工", HZ_COL_INT},  {"model_workers", "劳模", HZ_COL_INT},
        {"hardship", "困难职工", HZ_COL_INT},   {"covered", "在保会员", HZ_COL_INT},
    };
    const char *org = a->org && *a->org ? a->org : !strcmp(app->who.scope_kind, "org") ? app->who.scope_ref : "";
    if (!*org) return hz_fail(e, HZ_EINVAL, "org: 必填 (required)");
    hz_org_stats s;
    hz_err rc = hz_app_org_stats(app, org, &s, e);
    if (rc) return rc;
    hz_report_head(out, "stats", "组织统计", true, (int)(sizeof cols / sizeof cols[0]), cols);
    char v[8][24];
    const int64_t n[] = {s.orgs, s.units, s.members, s.newform, s.women, s.model_workers, s.hardship, s.covered};
    const char *cells[8];
    for (int i = 0; i < 8; i++) {
        snprintf(v[i], sizeof v[i], "%lld", (long long)n[i]);
        cells[i] = v[i];
    }
    return hz_report_add_row(out, cells, e);
}

static const hz_report_def registry_reports[] = {
    {"districts", "会员（按区县）", build_districts},
    {"stats", "组织统计", build_stats},
    {NULL, NULL, NULL},
};
/* The registry module (src/modules.def); its demo data is part of the core's. */
const hz_app_module hz_app_module_registry = {.name = "registry", .reports = registry_reports};

