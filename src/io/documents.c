/* Layouts of the office's documents on io/pdf.h: what goes where on the
 * payout notice, the coverage certificate, a unit's coverage list and the
 * 公示 list. The data comes gathered and masked (app/documents.c). */
#include "io/documents.h"

#include <inttypes.h>
#include <string.h>

#include "core/money.h"
#include "core/payout.h"
#include "io/pdf.h"

/* 人民币大写: "贰万柒仟壹佰零壹元整", as a payment notice spells its total. */
static void money_upper(hz_fen v, char *out, size_t cap) {
    static const char *const digit[] = {"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"};
    static const char *const unit[] = {"", "拾", "佰", "仟"};
    static const char *const group[] = {"", "万", "亿", "万"};
    size_t o = 0;
    out[0] = '\0';
#define PUT(str) o += (size_t)snprintf(out + o, o < cap ? cap - o : 0, "%s", (str))
    if (v < 0) {
        PUT("负");
        v = -v;
    }
    int64_t yuan = v / 100;
    int jiao = (int)(v / 10 % 10), fen = (int)(v % 10);
    int d[20], n = 0;
    for (int64_t y = yuan; y > 0 && n < 16; y /= 10)
        d[n++] = (int)(y % 10);
    bool zero = false;
    for (int i = n - 1; i >= 0; i--) {
        if (d[i] == 0) {
            zero = true;
        } else {
            if (zero) PUT("零");
            zero = false;
            PUT(digit[d[i]]);
            PUT(unit[i % 4]);
        }
        if (i % 4 == 0 && i > 0) {
            /* 亿 stands whenever anything is above it: 壹拾万亿 (10^13) */
            bool any = false;
            for (int k = i; k < (i == 8 ? n : i + 4) && k < n; k++)
                any = any || d[k];
            if (any) PUT(group[i / 4 % 4]);
        }
    }
    if (yuan > 0) PUT("元");
    if (jiao == 0 && fen == 0) {
        PUT(yuan > 0 ? "整" : "零元整");
    } else {
        if (jiao) {
            PUT(digit[jiao]);
            PUT("角");
        } else if (yuan > 0) {
            PUT("零");
        }
        if (fen) {
            PUT(digit[fen]);
            PUT("分");
        }
    }
#undef PUT
}

static const char *status_text(const char *s) {
    return !strcmp(s, "paid")          ? "已支付"
           : !strcmp(s, "approved")    ? "已审批, 待支付"
           : !strcmp(s, "adjudicated") ? "已核算, 待审核"
           : !strcmp(s, "rejected")    ? "不予给付"
           : !strcmp(s, "closed")      ? "已结案, 无给付"
                                       : "已受理, 待补齐材料";
}

static const char *payer_text(const char *p) {
    return !strcmp(p, "unit") ? "单位缴费" : !strcmp(p, "self") ? "个人缴费" : !strcmp(p, "org") ? "工会赠送" : p;
}

/* `none` is returned as it is: copied into the HZ_DATE_BUF buffer, a
 * Chinese text ("尚未支付", 12 bytes) was cut inside a character, and
 * every notice of an unpaid claim failed as invalid UTF-8. */
static const char *date_or(hz_date d, char *buf, const char *none) {
    if (d == HZ_DATE_NONE) return none;
    return hz_date_format(d, buf);
}

/* "2026年11月29日", as a signature dates a document. */
static void date_cn(hz_date d, char *buf, size_t cap) {
    int y, m, dd;
    hz_date_to_ymd(d, &y, &m, &dd);
    snprintf(buf, cap, "%d年%d月%d日", y, m, dd);
}

/* ---------- the payout notice ---------- */

static hz_err draw_notice(hz_pdf *p, void *ctx, hz_errinfo *e) {
    (void)e;
    const hz_doc_notice *d = ctx;
    const hz_claim *c = &d->claim;
    char b1[HZ_MONEY_BUF], b2[HZ_MONEY_BUF], b3[HZ_MONEY_BUF], d1[HZ_DATE_BUF], d2[HZ_DATE_BUF], d3[HZ_DATE_BUF];
    char text[1024];
    snprintf(text, sizeof text, "%s%s:", d->member.name, d->member.sex == 'F' ? " 女士" : " 先生");
    hz_pdf_text(p, text, false);
    if (!strcmp(c->status, "rejected"))
        snprintf(text, sizeof text,
                 "    您于 %s 受理的互助保障理赔申请 (编号 %s) 经审核不予给付, 原因: %s。如对结果有异议, "
                 "可补正材料后重新申请。",
                 date_or(d->received, d1, "-"), c->claim_no, c->reject_reason[0] ? c->reject_reason : "见下表");
    else
        snprintf(text, sizeof text,
                 "    您于 %s 受理的互助保障理赔申请 (编号 %s) 已按保障计划逐项核算, 当前状态: %s。"
                 "给付合计人民币 %s 元, 各项给付的计算公式、结果及限额使用情况如下。",
                 date_or(d->received, d1, "-"), c->claim_no, status_text(c->status), hz_money_format_grouped(c->total, b1));
    if (strcmp(c->status, "rejected") != 0) { /* where the money went, from the journal */
        size_t tl = strlen(text);
        snprintf(text + tl, sizeof text - tl, "款项情况: ");
        hz_payout_where(&d->payout, text, sizeof text);
        tl = strlen(text);
        snprintf(text + tl, sizeof text - tl, "。");
    }
    hz_pdf_text(p, text, false);

    hz_pdf_heading(p, "一、会员信息");
    char unit[HZ_NAME_MAX * 2 + 8];
    snprintf(unit, sizeof unit, "%s", d->member.unit_name[0] ? d->member.unit_name : "个人会员");
    hz_pdf_kv who[] = {
        {"姓名", d->member.name},   {"性别", d->member.sex == 'F' ? "女" : "男"},
        {"身份证号", d->id_masked}, {"理赔编号", c->claim_no},
        {"工作单位", unit},         {"申请方式", c->proactive ? "免申即享 (主动理赔)" : "会员申请"},
    };
    hz_pdf_kvs(p, who, 6, 2);

    if (d->n_stays) {
        hz_pdf_heading(p, "二、住院记录 (医保结算)");
        hz_fen most = 0;
        for (int i = 0; i < d->n_stays; i++)
            most = hz_money_max(most, d->stays[i].psn_selfpay);
        const hz_pdf_col cols[] = {{"住院", 0.45, 'c'},         {"结算编号", 1.2, 'l'},  {"医院", 1.0, 'l'},
                                   {"入院日期", 0.95, 'c'},     {"出院日期", 0.95, 'c'}, {"天数", 0.45, 'r'},
                                   {"诊断 (ICD-10)", 1.1, 'l'}, {"个人自付", 0.95, 'r', hz_money_format_grouped(most, b2)}};
        hz_pdf_table_begin(p, cols, 8);
        for (int i = 0; i < d->n_stays; i++) {
            const hz_settlement *s = &d->stays[i];
            char idx[8], days[16], diag[440];
            snprintf(idx, sizeof idx, "%d", i + 1);
            snprintf(days, sizeof days, "%d", (int)(s->dscg_date - s->adm_date));
            snprintf(diag, sizeof diag, "%s%s%s", s->main_diag_code, s->diag_codes[0] ? "; " : "", s->diag_codes);
            const char *row[] = {idx,
                                 s->setl_id,
                                 s->fixmedins_name,
                                 hz_date_format(s->adm_date, d1),
                                 hz_date_format(s->dscg_date, d2),
                                 days,
                                 diag,
                                 hz_money_format_grouped(s->psn_selfpay, b1)};
            hz_pdf_table_row(p, row, false);
        }
        hz_pdf_table_end(p);
    }

    hz_pdf_heading(p, d->n_stays ? "三、给付明细" : "二、给付明细");
    /* the total is the widest amount of the column (the lines add up to it) */
    hz_fen widest = c->total;
    for (int i = 0; i < d->n_lines; i++)
        widest = hz_money_max(widest, d->lines[i].line.amount);
    const hz_pdf_col lcols[] = {{"序号", 0.45, 'c'}, {"保障项目", 2.1, 'l'},
                                {"住院", 0.45, 'c'}, {"计算公式 / 说明", 2.55, 'l'},
                                {"结果", 0.8, 'c'},  {"给付金额", 0.95, 'r', hz_money_format_grouped(widest, b2)}};
    hz_pdf_table_begin(p, lcols, 6);
    for (int i = 0; i < d->n_lines; i++) {
        const hz_doc_line *l = &d->lines[i];
        char seq[8], plan[160], stay[8] = "-", explain[sizeof l->line.explain * 2];
        /* the engine's formula as stored, its amounts grouped for the reader */
        hz_money_regroup(l->line.explain, explain, sizeof explain);
        snprintf(seq, sizeof seq, "%d", i + 1);
        snprintf(plan, sizeof plan, "%s %s", l->line.plan_code, l->plan_name);
        for (int k = 0; k < d->n_stays; k++)
            if (d->stays[k].id == l->line.settlement_id) snprintf(stay, sizeof stay, "%d", k + 1);
        const char *row[] = {
            seq, plan, stay, explain, hz_reason_text(l->line.reason), hz_money_format_grouped(l->line.amount, b1)};
        hz_pdf_table_row(p, row, false);
    }
    const char *total[] = {"", "合计", "", "", "", hz_money_format_grouped(c->total, b1)};
    hz_pdf_table_row(p, total, true);
    hz_pdf_table_end(p);

    /* each cap once: the lines of one benefit and term share it */
    hz_fen most = 0;
    for (int i = 0; i < d->n_lines; i++)
        most = hz_money_max(most, hz_money_max(d->lines[i].cap, d->lines[i].used));
    char most_s[HZ_MONEY_BUF];
    hz_money_format_grouped(most, most_s);
    const hz_pdf_col ccols[] = {{"保障项目", 2.1, 'l'},
                                {"保障期间", 1.7, 'c'},
                                {"限额 / 保额", 1.0, 'r', most_s},
                                {"已用 (含本次)", 1.0, 'r', most_s},
                                {"剩余", 1.0, 'r', most_s}};
    bool any = false;
    for (int i = 0; i < d->n_lines; i++) {
        const hz_doc_line *l = &d->lines[i];
        bool first = l->has_cap;
        for (int k = 0; k < i && first; k++)
            first =
                !(d->lines[k].line.coverage_id == l->line.coverage_id && d->lines[k].line.period == l->line.period &&
                  !strcmp(d->lines[k].line.component, l->line.component));
        if (!first) continue;
        if (!any) {
            hz_pdf_heading(p, d->n_stays ? "四、限额使用" : "三、限额使用");
            hz_pdf_table_begin(p, ccols, 5);
            any = true;
        }
        char plan[160], term[40], b4[HZ_MONEY_BUF], b5[HZ_MONEY_BUF], b6[HZ_MONEY_BUF];
        snprintf(plan, sizeof plan, "%s %s", l->line.plan_code, l->plan_name);
        snprintf(term, sizeof term, "%s 至 %s", hz_date_format(l->start, d1), hz_date_format(l->end, d2));
        hz_fen left = l->cap > l->used ? l->cap - l->used : 0;
        const char *row[] = {plan, term, hz_money_format_grouped(l->cap, b4), hz_money_format_grouped(l->used, b5), hz_money_format_grouped(left, b6)};
        hz_pdf_table_row(p, row, false);
    }
    if (any) hz_pdf_table_end(p);
    int sec = (d->n_stays ? 4 : 3) + (any ? 1 : 0);
    static const char *const num[] = {"", "一", "二", "三", "四", "五", "六", "七"};
    char h_pay[64], h_sla[64];
    snprintf(h_pay, sizeof h_pay, "%s、支付", num[sec]);
    snprintf(h_sla, sizeof h_sla, "%s、7日快速理赔时限", num[sec + 1]);

    hz_pdf_heading(p, h_pay);
    /* every figure from the journal (core/payout.h): what went to the card
     * (the card the bank paid), what settled a debt, what was taken back
     * and what the member owes back */
    const hz_payout *po = &d->payout;
    char upper[160], card[160], offset[96], to_card[96], total_s[64], back[300], at_bank[120], due[64], owed[96];
    money_upper(c->total, upper, sizeof upper);
    snprintf(total_s, sizeof total_s, "%s 元", hz_money_format_grouped(c->total, b1));
    snprintf(offset, sizeof offset, "%s 元", hz_money_format_grouped(po->offset, b2));
    snprintf(to_card, sizeof to_card, "%s 元", hz_money_format_grouped(po->to_bank, b3));
    snprintf(card, sizeof card, "%s %s%s", po->bank_name, po->card_masked[0] ? po->card_masked : "未登记银行卡",
             po->card_masked[0] && !po->card_paid ? " (登记的银行卡)" : "");
    snprintf(back, sizeof back, "%s 元%s%s%s", hz_money_format_grouped(po->reversed, b1), po->why[0] ? " (" : "",
             po->why, po->why[0] ? ")" : "");
    snprintf(at_bank, sizeof at_bank, "%s 元%s%s", hz_money_format_grouped(po->at_bank, b2), po->batch_no[0] ? " 批次 " : "",
             po->batch_no);
    snprintf(due, sizeof due, "%s 元", hz_money_format_grouped(hz_payout_due(po), b3));
    snprintf(owed, sizeof owed, "%s 元", hz_money_format_grouped(po->recovered, b1));
    hz_pdf_kv pay[10];
    int k = 0;
    pay[k++] = (hz_pdf_kv){"给付合计", total_s};
    pay[k++] = (hz_pdf_kv){"大写", upper};
    if (po->reversed > 0) pay[k++] = (hz_pdf_kv){"已冲回", back};
    pay[k++] = (hz_pdf_kv){"抵扣应退款", offset};
    pay[k++] = (hz_pdf_kv){"实付到卡", to_card};
    if (po->at_bank > 0) pay[k++] = (hz_pdf_kv){"银行处理中", at_bank};
    if (hz_payout_due(po) > 0) pay[k++] = (hz_pdf_kv){"待支付", due};
    if (po->recovered > 0) pay[k++] = (hz_pdf_kv){"需退回", owed};
    pay[k++] = (hz_pdf_kv){"收款账户", card};
    pay[k++] = (hz_pdf_kv){"支付状态", status_text(c->status)};
    hz_pdf_kvs(p, pay, k, 2);
    char where[900] = "款项情况: ";
    hz_payout_where(po, where, sizeof where);
    size_t wl = strlen(where);
    snprintf(where + wl, sizeof where - wl, "。%s%s",
             po->offset > 0 ? "抵扣应退款: 此前已支付的给付因医保结算退费等原因需退回, 按规定先从本次给付中抵扣。" : "",
             po->recovered > 0 ? "需退回的款项可到办事处财务或所在单位工会交回 (凭收据), 未退回的部分将从今后的给付中先行抵扣。"
                               : "");
    hz_pdf_text(p, where, true);

    hz_pdf_heading(p, h_sla);
    char used[64];
    if (d->sla_days < 0)
        snprintf(used, sizeof used, "材料未齐, 尚未起算");
    else if (d->paid != HZ_DATE_NONE)
        snprintf(used, sizeof used, "第 %d 天支付%s", d->sla_days, d->sla_days <= 7 ? " (按时)" : " (超时)");
    else
        snprintf(used, sizeof used, "已用 %d 天%s", d->sla_days, d->sla_days > 7 ? " (已超时)" : "");
    char d4[HZ_DATE_BUF];
    hz_pdf_kv sla[] = {
        {"受理日期", date_or(d->received, d1, "-")},
        {"材料齐全", date_or(d->complete, d2, "材料未齐")},
        {"应付日期", date_or(d->due, d3, "材料齐全后 7 日内")},
        {"支付日期", date_or(d->paid, d4, "尚未支付")},
        {"时限", used},
    };
    hz_pdf_kvs(p, sla, 5, 2);
    hz_pdf_space(p, 4);
    hz_pdf_text(p,
                "说明: 1. 给付按参保时的保障计划版本计算, 每项给付列出所用数字与公式; 限额为该保障期内的限额或保额, "
                "已用为打印时该保障期已给付的金额 (含本次)。2. 办事处自材料齐全之日起 7 日内完成支付。3. "
                "如对给付结果有异议, 请自收到本通知书之日起 "
                "30 日内向办事处申请复核。",
                true);
    char signed_on[40];
    date_cn(d->printed, signed_on, sizeof signed_on);
    hz_pdf_signature(p, d->office, signed_on);
    return HZ_OK;
}

hz_err hz_doc_notice_pdf(FILE *out, const hz_doc_notice *d, hz_errinfo *e) {
    char number[64];
    snprintf(number, sizeof number, "编号: %s", d->claim.claim_no);
    hz_pdf_meta m = {d->office, "理赔通知书", number, "本通知书由职工互助保障系统生成, 银行卡号已隐去中间数字", NULL};
    return hz_pdf_write(out, &m, draw_notice, (void *)d, e);
}

/* ---------- the coverage certificate ---------- */

static hz_err draw_certificate(hz_pdf *p, void *ctx, hz_errinfo *e) {
    (void)e;
    const hz_doc_certificate *d = ctx;
    char text[1024], d1[HZ_DATE_BUF], d2[HZ_DATE_BUF], b1[HZ_MONEY_BUF];
    hz_pdf_space(p, 6);
    if (d->n_coverages)
        snprintf(text, sizeof text,
                 "    兹证明 %s (身份证号 %s) 为%s会员, 参加职工互助保障, 截至 %s 在保的保障项目如下。"
                 "保障期内发生保障范围内的事故, 按各保障计划的规定给付互助金。",
                 d->name, d->id_masked, d->unit_name[0] ? d->unit_name : "本会个人", hz_date_format(d->issued, d1));
    else
        snprintf(text, sizeof text, "    兹证明 %s (身份证号 %s) 为%s会员; 截至 %s 无在保的保障项目。", d->name,
                 d->id_masked, d->unit_name[0] ? d->unit_name : "本会个人", hz_date_format(d->issued, d1));
    hz_pdf_text(p, text, false);
    hz_pdf_heading(p, "保障项目");
    hz_fen most = 0;
    for (int i = 0; i < d->n_coverages; i++)
        most = hz_money_max(most, d->coverages[i].premium);
    char most_s[HZ_MONEY_BUF];
    const hz_pdf_col cols[] = {{"代码", 0.55, 'c'},    {"保障计划", 2.6, 'l'}, {"份数", 0.5, 'r'},
                               {"保障期间", 1.9, 'c'}, {"缴费方式", 0.9, 'c'},
                               {"互助金 (元)", 0.95, 'r', hz_money_format_grouped(most, most_s)}};
    hz_pdf_table_begin(p, cols, 6);
    for (int i = 0; i < d->n_coverages; i++) {
        const hz_doc_coverage *c = &d->coverages[i];
        char shares[16], term[40];
        snprintf(shares, sizeof shares, "%d", c->shares);
        snprintf(term, sizeof term, "%s 至 %s", hz_date_format(c->start, d1), hz_date_format(c->end, d2));
        const char *row[] = {c->plan, c->plan_name, shares, term, payer_text(c->payer), hz_money_format_grouped(c->premium, b1)};
        hz_pdf_table_row(p, row, false);
    }
    hz_pdf_table_end(p);
    hz_pdf_heading(p, "核验");
    char code[200];
    snprintf(code, sizeof code, "核验码: %s", d->code);
    hz_pdf_kv kv[] = {{"核验码", d->code}, {"出具日期", hz_date_format(d->issued, d1)}};
    hz_pdf_kvs(p, kv, 2, 1);
    hz_pdf_text(p,
                "核验方式: 访问本会互助保障系统的网址 /api/v1/verify/核验码 (无须登录), "
                "可核对持证人姓名 (部分隐去)、保障项目、保障期间及出具日期。核验码与本证明一一对应, 不含身份证号。",
                true);
    char signed_on[40];
    date_cn(d->issued, signed_on, sizeof signed_on);
    hz_pdf_signature(p, d->office, signed_on);
    return HZ_OK;
}

hz_err hz_doc_certificate_pdf(FILE *out, const hz_doc_certificate *d, hz_errinfo *e) {
    char number[80];
    snprintf(number, sizeof number, "核验码: %s", d->code);
    hz_pdf_meta m = {d->office, "职工互助保障凭证", number, "本凭证由职工互助保障系统生成, 凭核验码可在线核验", NULL};
    return hz_pdf_write(out, &m, draw_certificate, (void *)d, e);
}

/* ---------- a unit's coverage list ---------- */

static hz_err draw_unit(hz_pdf *p, void *ctx, hz_errinfo *e) {
    (void)e;
    const hz_doc_unit_list *d = ctx;
    char members[24], covs[24], d1[HZ_DATE_BUF];
    snprintf(members, sizeof members, "%zu 人", d->n_rows);
    snprintf(covs, sizeof covs, "%" PRId64 " 项", d->coverages);
    hz_pdf_kv kv[] = {
        {"单位名称", d->unit.name}, {"信用代码", d->unit.credit_code},
        {"所属工会", d->org_name},  {"会员人数", members},
        {"在保项目", covs},         {"打印日期", hz_date_format(d->printed, d1)},
    };
    hz_pdf_kvs(p, kv, 6, 2);
    static const hz_pdf_col cols[] = {{"序号", 0.45, 'c'},
                                      {"姓名", 0.8, 'l'},
                                      {"身份证号", 1.55, 'l'},
                                      {"性别", 0.4, 'c'},
                                      {"在保项目及保障期间", 3.4, 'l'}};
    hz_pdf_table_begin(p, cols, 5);
    for (size_t i = 0; i < d->n_rows; i++) {
        const hz_doc_unit_row *r = &d->rows[i];
        char seq[16];
        snprintf(seq, sizeof seq, "%zu", i + 1);
        const char *row[] = {seq, r->name, r->id_masked, r->sex == 'F' ? "女" : "男",
                             r->coverages[0] ? r->coverages : "无在保项目"};
        hz_pdf_table_row(p, row, false);
    }
    hz_pdf_table_end(p);
    hz_pdf_text(p, "说明: 身份证号已隐去中间数字; 在保项目为打印日期在保障期内或尚未开始的保障。", true);
    char signed_on[40];
    date_cn(d->printed, signed_on, sizeof signed_on);
    hz_pdf_signature(p, d->office, signed_on);
    return HZ_OK;
}

hz_err hz_doc_unit_list_pdf(FILE *out, const hz_doc_unit_list *d, hz_errinfo *e) {
    char number[64];
    snprintf(number, sizeof number, "单位: %s", d->unit.credit_code);
    hz_pdf_meta m = {d->office, "单位会员互助保障名单", number, "本名单由职工互助保障系统生成", NULL};
    return hz_pdf_write(out, &m, draw_unit, (void *)d, e);
}

/* ---------- the 公示 list ---------- */

static hz_err draw_publicity(hz_pdf *p, void *ctx, hz_errinfo *e) {
    (void)e;
    const hz_doc_publicity *d = ctx;
    const hz_relief_program *g = &d->program;
    char text[1024], d1[HZ_DATE_BUF], b1[HZ_MONEY_BUF];
    hz_fen total = 0;
    for (size_t i = 0; i < d->n_rows; i++)
        total += d->rows[i].amount;
    hz_pdf_space(p, 4);
    snprintf(text, sizeof text,
             "    根据「%s」(%d 年度, 项目代码 %s) 的规定, 经审核, 下列 %zu 名会员拟获救助, 合计人民币 %s 元, "
             "现予公示。公示期至 %s 止, 如有异议, 请于公示期内向办事处实名反映; 公示期满无异议的, 按名单支付。",
             g->name, g->year, g->code, d->n_rows, hz_money_format_grouped(total, b1),
             g->objection_until == HZ_DATE_NONE ? "(未发布)" : hz_date_format(g->objection_until, d1));
    hz_pdf_text(p, text, false);
    char total_s[HZ_MONEY_BUF];
    const hz_pdf_col cols[] = {{"序号", 0.5, 'c'},
                               {"姓名", 1.0, 'l'},
                               {"身份证号", 1.9, 'l'},
                               {"救助金额 (元)", 1.2, 'r', hz_money_format_grouped(total, total_s)},
                               {"编号", 1.4, 'l'}};
    hz_pdf_table_begin(p, cols, 5);
    for (size_t i = 0; i < d->n_rows; i++) {
        const hz_doc_publicity_row *r = &d->rows[i];
        char seq[16];
        snprintf(seq, sizeof seq, "%zu", i + 1);
        const char *row[] = {seq, r->name, r->id_masked, hz_money_format_grouped(r->amount, b1), r->grant_no};
        hz_pdf_table_row(p, row, false);
    }
    const char *sum[] = {"", "合计", "", hz_money_format_grouped(total, b1), ""};
    hz_pdf_table_row(p, sum, true);
    hz_pdf_table_end(p);
    hz_pdf_text(p, "说明: 为保护个人信息, 姓名和身份证号已部分隐去。", true);
    char signed_on[40];
    date_cn(d->printed, signed_on, sizeof signed_on);
    hz_pdf_signature(p, d->office, signed_on);
    return HZ_OK;
}

hz_err hz_doc_publicity_pdf(FILE *out, const hz_doc_publicity *d, hz_errinfo *e) {
    char number[64];
    snprintf(number, sizeof number, "项目: %s", d->program.code);
    hz_pdf_meta m = {d->office, "救助名单公示", number, "公示名单由职工互助保障系统生成", NULL};
    return hz_pdf_write(out, &m, draw_publicity, (void *)d, e);
}
