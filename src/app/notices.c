/* Notices that reach members (app/notices.h): the event hook that writes
 * the outbox, and the module (its actions). Delivery is in
 * notice_send.c, lists, retry and opt-outs in notice_list.c. */
#include "app/notices.h"

#include <errno.h>
#include <stdarg.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/audit.h"
#include "app/authz.h"
#include "app/claim_shared.h"
#include "app/claims.h"
#include "app/module.h"
#include "app/payables.h"
#include "core/idcard.h"
#include "core/normalize.h"
#include "core/payout.h"
#include "core/plan.h"
#include "core/text.h"
#include "store/claim.h"
#include "store/coverage.h"
#include "store/ledger.h"
#include "store/lm.h"
#include "store/registry.h"
#include "store/relief.h"

/* ---- what the member is told ---------------------------------------- */

static const char *const kinds[] = {"claim.received", "claim.docs_missing", "claim.approved", "claim.paid",
                                    "claim.rejected", "claim.reversed",     "claim.owed",     "relief.decided",
                                    "lm.decided",     NULL};

bool hz_notice_kind_known(const char *kind) {
    if (!strcmp(kind, "*")) return true;
    for (int i = 0; kinds[i]; i++)
        if (!strcmp(kinds[i], kind)) return true;
    return false;
}

char *hz_notice_kinds_text(char *out, size_t cap) {
    out[0] = '\0';
    for (int i = 0; kinds[i]; i++) hz_appendf(out, cap, "%s%s", i ? "、" : "", kinds[i]);
    return out;
}

static const struct {
    const char *kind, *name;
} doc_names[] = {
    {"id_card", "身份证"},           {"discharge_certificate", "出院证"},  {"accident_certificate", "意外事故证明"},
    {"death_certificate", "死亡证明"}, {"disability_assessment", "伤残鉴定书"}, {"bank_card", "银行卡"},
    {"diagnosis_report", "诊断证明"},  {"pathology_report", "病理报告"},    {"itemised_bill", "费用清单"},
    {"discharge_summary", "出院小结"}, {NULL, NULL},
};

static const char *doc_name(const char *kind) {
    for (int i = 0; doc_names[i].kind; i++)
        if (!strcmp(doc_names[i].kind, kind)) return doc_names[i].name;
    return kind;
}

static const struct {
    const char *plan, *name;
} plan_names[] = {{"ZY", "住院医疗"}, {"ZJ", "重大疾病"}, {"NG", "女工特病"}, {"YW", "意外伤害"},
                  {"JT", "住院津贴"}, {"XYT", "新业态综合"}, {NULL, NULL}};

static const char *plan_name(const char *code) {
    for (int i = 0; plan_names[i].plan; i++)
        if (!strcmp(plan_names[i].plan, code)) return plan_names[i].name;
    return code;
}

static hz_err write_notice(hz_app *app, hz_notice *n, hz_errinfo *e) {
    bool created;
    hz_strlcpy(n->created_at, app->now, sizeof n->created_at);
    return hz_store_notice_add(app->db, n, &created, e);
}

static void start(hz_notice *n, const char *kind, const char *object, int64_t member_id, const char *key_suffix) {
    memset(n, 0, sizeof *n);
    hz_strlcpy(n->kind, kind, sizeof n->kind);
    hz_strlcpy(n->object, object, sizeof n->object);
    n->member_id = member_id;
    snprintf(n->event_key, sizeof n->event_key, "%s:%s%s", kind, object, key_suffix ? key_suffix : "");
}

/* The paid claim's statement, line by line: the formula, and for a benefit
 * with a cap the cap, what the coverage's ledger has used of it and what
 * is left, as the ledger stands when the bank paid. */
static hz_err statement(hz_app *app, const hz_claim_view *v, hz_notice *n, hz_errinfo *e) {
    char b1[HZ_MONEY_BUF], b2[HZ_MONEY_BUF], b3[HZ_MONEY_BUF], w[600];
    hz_coverage *covs = malloc(sizeof *covs * HZ_CLAIM_MAX_LINES);
    hz_ledger_entry *led = malloc(sizeof *led * HZ_ENG_MAX_LEDGER);
    int n_covs = 0, shown = 0;
    hz_err rc = !covs || !led ? hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)")
                              : hz_store_coverages_of(app->db, v->member.id, covs, HZ_CLAIM_MAX_LINES, &n_covs, e);
    hz_appendf(n->detail, sizeof n->detail, "{\"claim_no\":\"%s\",\"total\":\"%s\",\"lines\":[", v->claim.claim_no,
        hz_money_format(v->claim.total, b1));
    for (int i = 0; !rc && i < v->n_lines; i++) {
        const hz_claim_line_row *l = &v->lines[i];
        if (l->reversed || l->amount <= 0) continue;
        hz_fen cap = 0, used = 0;
        for (int k = 0; k < n_covs; k++) {
            if (covs[k].id != l->coverage_id) continue;
            const hz_plan *p;
            int version, n_led = 0;
            if ((rc = hz_app_plan_by_id(app, covs[k].plan_id, &p, &version, e)) ||
                (rc = hz_store_ledger_load(app->db, l->coverage_id, led, HZ_ENG_MAX_LEDGER, &n_led, e)))
                break;
            for (int b = 0; b < p->n_benefits; b++)
                if (!strcmp(p->benefits[b].component, l->component))
                    cap = p->benefits[b].cap * (p->benefits[b].cap_per_share ? covs[k].shares : 1);
            for (int j = 0; j < n_led; j++)
                if (led[j].period == l->period && !strcmp(led[j].component, l->component)) used = led[j].paid;
        }
        if (rc) break;
        shown++;
        /* the formula as the engine stored it, its amounts grouped for the
         * member (the detail keeps the stored text) */
        char grouped[sizeof l->explain * 2];
        hz_money_regroup(l->explain, grouped, sizeof grouped);
        hz_appendf(n->body, sizeof n->body, "\n%d. %s: %s", shown, plan_name(l->plan_code), grouped);
        hz_json_text(l->explain, 200, w, sizeof w);
        hz_appendf(n->detail, sizeof n->detail, "%s{\"plan\":\"%s\",\"component\":\"%s\",\"amount\":\"%s\",\"formula\":\"%s\"",
            shown > 1 ? "," : "", l->plan_code, l->component, hz_money_format(l->amount, b1), w);
        if (cap > 0) {
            hz_fen left = cap - used > 0 ? cap - used : 0;
            hz_appendf(n->body, sizeof n->body, "; 年度限额 %s, 已用 %s, 剩余 %s", hz_money_format_grouped(cap, b1),
                hz_money_format_grouped(used, b2), hz_money_format_grouped(left, b3));
            hz_money_format(cap, b1); /* the detail's figures stay plain */
            hz_money_format(used, b2);
            hz_money_format(left, b3);
            hz_appendf(n->detail, sizeof n->detail, ",\"cap\":\"%s\",\"cap_used\":\"%s\",\"cap_left\":\"%s\"}", b1, b2, b3);
        } else {
            hz_appendf(n->detail, sizeof n->detail, ",\"cap\":null}");
        }
    }
    hz_appendf(n->detail, sizeof n->detail, "]}");
    free(covs);
    free(led);
    return rc;
}


/* Where an amount about to be paid will go, as the journal stands now:
 * first against what the member owes back, the rest to the card on file
 * (or waiting for one). "" for nothing to pay. */
static void destination(hz_app *app, const hz_member *m, hz_fen amount, char *out, size_t cap) {
    char b1[HZ_MONEY_BUF], b2[HZ_MONEY_BUF];
    hz_fen owes = 0;
    hz_errinfo ne;
    out[0] = '\0';
    if (amount <= 0) {
        hz_appendf(out, cap, "无款项支付");
        return;
    }
    if (hz_payable_member_owes(app, m->id, &owes, &ne) != HZ_OK) owes = 0;
    size_t cl = strlen(m->bank_card);
    char card[160];
    snprintf(card, sizeof card, "您登记的%s%s%s", m->bank_name, cl >= 4 ? " 尾号 " : "", cl >= 4 ? m->bank_card + cl - 4 : "");
    hz_fen off = hz_money_min(owes, amount), rest = amount - off;
    if (off > 0)
        hz_appendf(out, cap, "其中 %s 元将先抵扣您应退回的款项 (您目前应退回 %s 元)", hz_money_format_grouped(off, b1),
            hz_money_format_grouped(owes, b2));
    if (rest > 0 && off > 0) hz_appendf(out, cap, ", 其余 ");
    if (rest > 0 && !m->bank_card[0] && off > 0)
        hz_appendf(out, cap, "%s 元待您登记银行卡后支付: 请到所在单位工会或办事处登记银行卡", hz_money_format_grouped(rest, b1));
    else if (rest > 0 && !m->bank_card[0])
        hz_appendf(out, cap, "您尚未登记银行卡, 请到所在单位工会或办事处登记, 登记后支付");
    else if (rest > 0 && off > 0)
        hz_appendf(out, cap, "%s 元将转入%s", hz_money_format_grouped(rest, b1), card);
    else if (rest > 0)
        hz_appendf(out, cap, "将转入%s", card);
}

static void payout_detail(const hz_payout *po, char *out, size_t cap) {
    char b[6][HZ_MONEY_BUF];
    hz_appendf(out, cap,
        "\"granted\":\"%s\",\"reversed\":\"%s\",\"paid_to_card\":\"%s\",\"at_bank\":\"%s\",\"offset\":\"%s\","
        "\"owed_back\":\"%s\",\"card\":\"%s\"",
        hz_money_format(po->granted, b[0]), hz_money_format(po->reversed, b[1]), hz_money_format(po->to_bank, b[2]),
        hz_money_format(po->at_bank, b[3]), hz_money_format(po->offset, b[4]), hz_money_format(po->recovered, b[5]),
        po->card_masked);
}

#define REPAY_HOW                                                                                                  \
    "退回方式: 到办事处财务或所在单位工会交回 (财务登记后出具收据); 未退回的部分将从您今后的互助金给付中先行抵扣。"  \
    "如有疑问请联系办事处。"

/* The member came to owe money back on a payable (hz_payable_settle_sign):
 * how much, why, what they owe in all, and how to repay. */
static hz_err owed_notice(hz_app *app, const hz_app_event *ev, hz_errinfo *e) {
    hz_payable p;
    hz_payout po;
    hz_claim_view *v = NULL;
    hz_notice *n = malloc(sizeof *n);
    hz_err rc = !n ? hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)") : hz_store_payable_by_no(app->db, ev->no, &p, e);
    if (rc || (rc = hz_payable_payout(app, ev->no, &po, e))) goto out;
    if (!strcmp(p.source, "claim")) {
        if (!(v = malloc(sizeof *v))) {
            rc = hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
            goto out;
        }
        if ((rc = hz_claims_load_view(app, p.source_id, v, e))) goto out;
        hz_claims_money_why(v, po.why, sizeof po.why);
    }
    char object[48], suffix[40], b1[HZ_MONEY_BUF], b2[HZ_MONEY_BUF], b3[HZ_MONEY_BUF], b4[HZ_MONEY_BUF];
    snprintf(object, sizeof object, "%s:%s", p.source, p.payable_no);
    /* one notice per debt: the amount recovered so far only grows */
    snprintf(suffix, sizeof suffix, ":%lld", (long long)po.recovered);
    start(n, "claim.owed", object, p.member_id, suffix);
    snprintf(n->title, sizeof n->title, "应退回款项通知");
    hz_fen paid = po.to_bank + po.offset, now = po.granted - po.reversed;
    snprintf(n->body, sizeof n->body, "您的%s已支付 %s 元", p.purpose, hz_money_format_grouped(paid, b1));
    hz_appendf(n->body, sizeof n->body, ", %s后核定金额调整为 %s 元, 多付的 %s 元需您退回。您目前共应退回 %s 元。" REPAY_HOW,
        po.why[0] ? po.why : "金额调减", hz_money_format_grouped(now, b2), hz_money_format_grouped(po.recovered, b3),
        hz_money_format_grouped(po.member_owes, b4));
    snprintf(n->detail, sizeof n->detail, "{\"no\":\"%s\",\"owed\":\"%s\",\"member_owes\":\"%s\",", p.payable_no,
             hz_money_format(po.recovered, b1), hz_money_format(po.member_owes, b2));
    payout_detail(&po, n->detail, sizeof n->detail);
    hz_appendf(n->detail, sizeof n->detail, "}");
    rc = write_notice(app, n, e);
out:
    free(v);
    free(n);
    return rc;
}

/* "claim.received": every submitted claim */
static void received_notice(const hz_claim *c, const char *object, hz_notice *n) {
    start(n, "claim.received", object, c->member_id, NULL);
    snprintf(n->title, sizeof n->title, "理赔申请已受理");
    snprintf(n->body, sizeof n->body, "您的理赔申请 %s 已受理%s。材料齐全之日起 %d 日内办结。", c->claim_no,
             c->proactive ? " (免申即享: 根据医保结算记录自动为您发起)" : "", HZ_SLA_DAYS);
    snprintf(n->detail, sizeof n->detail, "{\"claim_no\":\"%s\"}", c->claim_no);
}

/* "claim.approved" for an approved or closed claim (false: none; false
 * with e set on a store error). The same text for the use case and the
 * bulk writer of 免申即享: what it says about where the money goes reads
 * the member's card and what they owe back from the store. */
static hz_err approved_notice(hz_app *app, const hz_claim *c, const char *object, hz_notice *n, bool *made,
                              hz_errinfo *e) {
    char b1[HZ_MONEY_BUF], where[600];
    bool closed = !strcmp(c->status, "closed");
    *made = closed || !strcmp(c->status, "approved");
    if (!*made) return HZ_OK;
    /* once per claim: approved again after a hold tells nothing new; a
     * claim that pays nothing is closed and told so (no bank card talk) */
    start(n, "claim.approved", object, c->member_id, NULL);
    snprintf(n->title, sizeof n->title, closed ? "理赔已结案（无给付）" : "理赔已审批");
    if (closed) {
        snprintf(n->body, sizeof n->body, "您的理赔申请 %s 已审核结案, 本次无给付 (0.00 元): 按保障条款核定的给付为 0.00 元, "
                 "每一项的原因见理赔明细。如有疑问请联系办事处。", c->claim_no);
    } else {
        hz_member m;
        hz_err rc = hz_store_member_by_id(app->db, c->member_id, &m, e);
        if (rc) return rc;
        destination(app, &m, c->total, where, sizeof where);
        snprintf(n->body, sizeof n->body, "您的理赔申请 %s 已审批, 核定给付 %s 元, %s。", c->claim_no,
                 hz_money_format_grouped(c->total, b1), where);
    }
    hz_money_format(c->total, b1);
    snprintf(n->detail, sizeof n->detail, "{\"claim_no\":\"%s\",\"total\":\"%s\"}", c->claim_no, b1);
    return HZ_OK;
}

/* The rows claim_notices writes for "claim.submit" of a complete claim in
 * memory (the bulk writer of 免申即享; module.h) */
static hz_err claim_submitted_rows(hz_app *app, const hz_claim *c, hz_notice *out, int max, int *n, hz_errinfo *e) {
    char object[48];
    *n = 0;
    if (!strcmp(c->status, "received") || max < 2)
        return hz_fail(e, HZ_EINTERNAL, "通知: 批量路径只写齐全的申请 (bulk notices of a complete claim only)");
    snprintf(object, sizeof object, "claim:%s", c->claim_no);
    received_notice(c, object, &out[(*n)++]);
    bool made;
    hz_err rc = approved_notice(app, c, object, &out[*n], &made, e);
    if (rc) return rc;
    if (made) (*n)++;
    for (int i = 0; i < *n; i++) hz_strlcpy(out[i].created_at, app->now, sizeof out[i].created_at);
    return HZ_OK;
}

static hz_err claim_notices(hz_app *app, const hz_app_event *ev, hz_errinfo *e) {
    bool submit = !strcmp(ev->action, "claim.submit"), docs = !strcmp(ev->action, "claim.documents"),
         approve = !strcmp(ev->action, "claim.approve"), reject = !strcmp(ev->action, "claim.reject"),
         paid = !strcmp(ev->action, "claim.paid"), refund = !strcmp(ev->action, "claim.refund_reversal"),
         returned = !strcmp(ev->action, "claim.close_returned");
    if (!submit && !docs && !approve && !reject && !paid && !refund && !returned) return HZ_OK;
    hz_claim_view *v = malloc(sizeof *v);
    hz_notice *n = malloc(sizeof *n);
    hz_err rc = !v || !n ? hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)")
                         : hz_store_claim_by_id(app->db, ev->id, &v->claim, e);
    char object[48], b1[HZ_MONEY_BUF], w[600], suffix[48];
    const hz_claim *c = &v->claim;
    if (rc) goto out;
    /* the whole view (member, lines, checklist) only for the notices that
     * tell it: a missing document or the payment's statement. A proactive
     * claim arrives complete, and a feed makes a million of them. */
    bool closed = !strcmp(c->status, "closed"), approving = (submit || docs || approve) && (closed || !strcmp(c->status, "approved"));
    if ((((submit || docs) && !strcmp(c->status, "received")) || paid || refund || returned) &&
        (rc = hz_claims_load_view(app, ev->id, v, e)))
        goto out;
    hz_payout po;
    snprintf(object, sizeof object, "claim:%s", c->claim_no);
    if (submit) {
        received_notice(c, object, n);
        if ((rc = write_notice(app, n, e))) goto out;
    }
    if ((submit || docs) && !strcmp(c->status, "received")) {
        /* one notice per state of the received documents: recording the
         * same document again tells nothing new */
        int have = 0;
        for (const char *p = c->documents; *p; p++) have += *p == ',';
        have += c->documents[0] != '\0';
        snprintf(suffix, sizeof suffix, ":%d", have);
        start(n, "claim.docs_missing", object, c->member_id, suffix);
        snprintf(n->title, sizeof n->title, "请补充理赔材料");
        snprintf(n->body, sizeof n->body, "您的理赔申请 %s 尚缺材料: ", c->claim_no);
        snprintf(n->detail, sizeof n->detail, "{\"claim_no\":\"%s\",\"missing\":[", c->claim_no);
        char req[160];
        int missing = 0;
        hz_strlcpy(req, v->required_docs, sizeof req);
        for (char *p = req, *comma; p && *p; p = comma ? comma + 1 : NULL) {
            if ((comma = strchr(p, ','))) *comma = '\0';
            if (hz_claims_has_doc(c->documents, p)) continue;
            hz_appendf(n->body, sizeof n->body, "%s%s", missing ? "、" : "", doc_name(p));
            hz_appendf(n->detail, sizeof n->detail, "%s\"%s\"", missing ? "," : "", p);
            missing++;
        }
        hz_appendf(n->body, sizeof n->body, "。请交到所在单位工会或办事处, 材料齐全后开始计算办理时限。");
        hz_appendf(n->detail, sizeof n->detail, "]}");
        if (missing && (rc = write_notice(app, n, e))) goto out;
    }
    bool made = false;
    if (approving && ((rc = approved_notice(app, c, object, n, &made, e)) || (made && (rc = write_notice(app, n, e)))))
        goto out;
    if (reject) {
        start(n, "claim.rejected", object, c->member_id, NULL);
        snprintf(n->title, sizeof n->title, "理赔申请未获批准");
        snprintf(n->body, sizeof n->body, "您的理赔申请 %s 未获批准。原因: %s。如有疑问请联系办事处; 补正后可重新申请。",
                 c->claim_no, c->reject_reason);
        snprintf(n->detail, sizeof n->detail, "{\"claim_no\":\"%s\",\"reason\":\"%s\"}", c->claim_no,
                 hz_json_text(c->reject_reason, 200, w, sizeof w));
        if ((rc = write_notice(app, n, e))) goto out;
    }
    if (paid) {
        /* once per claim: a bank result read twice, or a payment that
         * failed and was paid by a later batch, is one payment to the
         * member. What is said is what the journal did: to the card (the
         * card the bank paid), against what the member owed, taken back. */
        if ((rc = hz_claims_payout(app, v, &po, e))) goto out;
        start(n, "claim.paid", object, c->member_id, NULL);
        snprintf(n->title, sizeof n->title, "%s",
                 po.to_bank > 0 ? "理赔款已支付" : po.offset > 0 ? "理赔款已抵扣应退回款项" : "理赔已结清");
        char b2[HZ_MONEY_BUF], where[900];
        snprintf(n->body, sizeof n->body, "您的理赔申请 %s 核定给付 %s 元", c->claim_no,
                 hz_money_format_grouped(c->total, b1));
        if (po.reversed > 0)
            hz_appendf(n->body, sizeof n->body, " (原核定 %s 元, 因%s冲回 %s 元)", hz_money_format_grouped(po.granted, b1),
                po.why[0] ? po.why : "调整", hz_money_format_grouped(po.reversed, b2));
        where[0] = '\0';
        hz_payout_where(&po, where, sizeof where);
        hz_appendf(n->body, sizeof n->body, "。%s。%s", where, po.recovered > 0 ? "退回方式见应退回款通知。" : "");
        if (c->total > 0) hz_appendf(n->body, sizeof n->body, "计算明细:");
        if ((rc = statement(app, v, n, e))) goto out;
        /* the statement closed the detail's object: put the money in it */
        size_t dl = strlen(n->detail);
        if (dl && n->detail[dl - 1] == '}') {
            n->detail[dl - 1] = '\0';
            hz_appendf(n->detail, sizeof n->detail, ",");
            payout_detail(&po, n->detail, sizeof n->detail);
            hz_appendf(n->detail, sizeof n->detail, "}");
        }
        if ((rc = write_notice(app, n, e))) goto out;
    }
    if (refund || returned) {
        /* a settlement refunded: the lines on it are reversed; or a claim so
         * reversed whose payment the bank then returned, closed. One
         * notice per state of the reversal (the amount reversed grows). */
        if ((rc = hz_claims_payout(app, v, &po, e))) goto out;
        /* approved at 0.00 reads closed (store/lists.h), but money still at
         * the bank is not closed for the member until the bank answers */
        closed = closed && po.at_bank == 0;
        snprintf(suffix, sizeof suffix, ":%lld%s", (long long)po.reversed, returned ? ":closed" : "");
        start(n, "claim.reversed", object, c->member_id, suffix);
        snprintf(n->title, sizeof n->title, "%s", closed ? "理赔已结案（无给付）" : "理赔给付已调整");
        char b2[HZ_MONEY_BUF], where[900];
        snprintf(n->body, sizeof n->body, "您的理赔申请 %s: 因%s, 原核定 %s 元中 %s 元已冲回, 核定给付调整为 %s 元。",
                 c->claim_no, po.why[0] ? po.why : "调整", hz_money_format_grouped(po.granted, b1),
                 hz_money_format_grouped(po.reversed, b2), hz_money_format_grouped(c->total, w));
        if (returned) {
            hz_appendf(n->body, sizeof n->body, "已提交银行的款项未付出 (银行: %s), 本次无给付, 理赔已结案。", c->bank_failure);
        } else if (closed) {
            hz_appendf(n->body, sizeof n->body, "本次无给付, 理赔已结案。");
        } else {
            where[0] = '\0';
            hz_payout_where(&po, where, sizeof where);
            hz_appendf(n->body, sizeof n->body, "%s。", where);
            if (po.at_bank > 0)
                hz_appendf(n->body, sizeof n->body, "如银行付款成功, 多付部分需您退回, 届时另行通知; 如银行退回, 则无需退回。");
            else if (po.recovered > 0)
                hz_appendf(n->body, sizeof n->body, "您目前共应退回 %s 元, 退回方式见应退回款通知。",
                    hz_money_format_grouped(po.member_owes, b1));
        }
        snprintf(n->detail, sizeof n->detail, "{\"claim_no\":\"%s\",\"total\":\"%s\",\"why\":\"%s\",", c->claim_no,
                 hz_money_format(c->total, b1), po.why);
        payout_detail(&po, n->detail, sizeof n->detail);
        hz_appendf(n->detail, sizeof n->detail, "}");
        if ((rc = write_notice(app, n, e))) goto out;
    }
out:
    free(v);
    free(n);
    return rc;
}

static hz_err aid_notice(hz_app *app, const hz_app_event *ev, hz_errinfo *e) {
    bool relief = !strcmp(ev->object, "relief");
    bool approve = !strcmp(ev->action, relief ? "relief.approve" : "lm.approve");
    if (!approve && strcmp(ev->action, relief ? "relief.reject" : "lm.reject") != 0) return HZ_OK;
    hz_notice n;
    char object[48], b1[HZ_MONEY_BUF], w[600];
    const char *what = relief ? "救助申请" : "劳模医疗补助申请", *reason;
    hz_fen amount;
    hz_err rc;
    if (relief) {
        hz_relief_grant g;
        hz_relief_program p;
        if ((rc = hz_store_relief_grant_by_no(app->db, ev->no, &g, e)) ||
            (rc = hz_store_relief_program_by_id(app->db, g.program_id, &p, e)))
            return rc;
        snprintf(object, sizeof object, "relief:%s", g.grant_no);
        start(&n, "relief.decided", object, g.member_id, NULL);
        amount = g.amount;
        snprintf(n.body, sizeof n.body, "您的%s %s (%s) ", what, g.grant_no, p.name);
        reason = g.reject_reason;
        snprintf(w, sizeof w, "%s", reason);
        hz_strlcpy(n.title, approve ? "救助申请已批准" : "救助申请未获批准", sizeof n.title);
        if (approve) {
            hz_member m;
            char where[600];
            if ((rc = hz_store_member_by_id(app->db, g.member_id, &m, e))) return rc;
            destination(app, &m, amount, where, sizeof where);
            hz_appendf(n.body, sizeof n.body, "已批准, 金额 %s 元, %s。", hz_money_format_grouped(amount, b1), where);
        }
        else hz_appendf(n.body, sizeof n.body, "未获批准。原因: %s。", reason);
    } else {
        hz_lm_subsidy s;
        if ((rc = hz_store_lm_by_id(app->db, ev->id, &s, e))) return rc;
        snprintf(object, sizeof object, "lm:%s", s.subsidy_no);
        start(&n, "lm.decided", object, s.member_id, NULL);
        amount = s.amount;
        hz_strlcpy(n.title, approve ? "劳模医疗补助已批准" : "劳模医疗补助未获批准", sizeof n.title);
        snprintf(n.body, sizeof n.body, "您的%s %s ", what, s.subsidy_no);
        if (approve) {
            hz_member m;
            char where[600], grouped[sizeof s.explain * 2];
            if ((rc = hz_store_member_by_id(app->db, s.member_id, &m, e))) return rc;
            destination(app, &m, amount, where, sizeof where);
            hz_money_regroup(s.explain, grouped, sizeof grouped);
            hz_appendf(n.body, sizeof n.body, "已批准, 金额 %s 元 (%s), %s。", hz_money_format_grouped(amount, b1), grouped,
                where);
        }
        else hz_appendf(n.body, sizeof n.body, "未获批准。原因: %s。", s.reject_reason);
        snprintf(w, sizeof w, "%s", s.reject_reason);
    }
    char esc[600];
    snprintf(n.detail, sizeof n.detail, "{\"no\":\"%s\",\"decision\":\"%s\",\"amount\":\"%s\",\"reason\":\"%s\"}",
             ev->no, approve ? "approved" : "rejected", hz_money_format(approve ? amount : 0, b1),
             approve ? "" : hz_json_text(w, 200, esc, sizeof esc));
    return write_notice(app, &n, e);
}

static hz_err on_event(hz_app *app, const hz_app_event *ev, hz_errinfo *e) {
    if (!strcmp(ev->action, "payable.recover")) return owed_notice(app, ev, e);
    if (!strcmp(ev->object, "claim")) return claim_notices(app, ev, e);
    if (!strcmp(ev->object, "relief") || !strcmp(ev->object, "lm")) return aid_notice(app, ev, e);
    return HZ_OK;
}

static const hz_action_def notices_actions[] = {
    {"notices.read", " admin staff reviewer finance cadre "},
    {"notices.retry", " admin staff "},
    {"notices.send", " admin "},
    {"notices.mine", " member "},
    {"notices.prefs", " admin staff member "},
    {NULL, NULL},
};

const hz_app_module hz_app_module_notices = {
    .name = "notices",
    .actions = notices_actions,
    .event = on_event,
    .claim_submitted_rows = claim_submitted_rows,
};
