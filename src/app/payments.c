/* Payment batches and bank results on the money journal (app/payments.h). */
#include "app/payments.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <libgen.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/audit.h"
#include "app/authz.h"
#include "app/journal.h"
#include "app/module.h"
#include "app/payables.h"
#include "app/reports.h"
#include "app/security.h"
#include "core/text.h"
#include "io/bank.h"
#include "io/table.h"
#include "store/payable.h"
#include "store/payment.h"
#include "store/registry.h"

/* The cause of a payable is paid: nothing is owed and nothing pending. */
static hz_err cause_paid(hz_app *app, const hz_payable *p, hz_errinfo *e) {
    const hz_payable_source *src = hz_app_payable_source(p->source);
    return src && src->paid ? src->paid(app, p->source_id, e) : HZ_OK;
}

/* The bank could not pay: the cause waits for the next batch. */
static hz_err cause_failed(hz_app *app, const hz_payable *p, const char *why, hz_errinfo *e) {
    const hz_payable_source *src = hz_app_payable_source(p->source);
    return src && src->failed ? src->failed(app, p->source_id, why, e) : HZ_OK;
}

typedef struct {
    hz_app *app;
    int64_t batch_id;
    hz_batch_report *rep;
} batch_ctx;

static hz_err add_payable(void *vctx, const hz_payable *p, hz_errinfo *e) {
    batch_ctx *b = vctx;
    hz_app *app = b->app;
    hz_member m;
    hz_err rc = hz_store_member_by_id(app->db, p->member_id, &m, e);
    if (rc) return rc;
    if (!m.bank_card[0]) {
        b->rep->skipped_no_card++;
        return HZ_OK;
    }
    char acct[HZ_ACCOUNT_CODE_MAX], recv[HZ_ACCOUNT_CODE_MAX], key[HZ_TRANSFER_KEY_MAX], cause[48];
    hz_acct_payable(acct, p->payable_no);
    hz_acct_recv(recv, m.id);
    snprintf(cause, sizeof cause, "payable:%s", p->payable_no);
    /* what the member owes back is offset first (the notice says so) */
    hz_fen owes, off;
    if ((rc = hz_payable_member_owes(app, m.id, &owes, e))) return rc;
    off = owes < p->available ? owes : p->available;
    if (off > 0) {
        snprintf(key, sizeof key, "offset:%s:%" PRId64, p->payable_no, b->batch_id);
        if ((rc = hz_journal_post(app, key, acct, recv, off, cause, e))) return rc;
        if (!hz_money_add(b->rep->offset, off, &b->rep->offset))
            return hz_fail(e, HZ_EINVAL, "offset: 溢出 (overflow)");
    }
    hz_fen amount = p->available - off;
    if (amount == 0) {
        b->rep->settled_by_offset++;
        return cause_paid(app, p, e);
    }
    hz_payment y;
    memset(&y, 0, sizeof y);
    y.payable_id = p->id;
    y.batch_id = b->batch_id;
    y.amount = amount;
    y.offset_amount = off;
    hz_strlcpy(y.payee_name, m.name, sizeof y.payee_name);
    hz_strlcpy(y.bank_card, m.bank_card, sizeof y.bank_card);
    hz_strlcpy(y.bank_name, m.bank_name, sizeof y.bank_name);
    hz_strlcpy(y.created_at, app->now, sizeof y.created_at);
    int64_t tid;
    if ((rc = hz_store_payment_insert(app->db, &y, e))) return rc;
    snprintf(key, sizeof key, "payment:%" PRId64, y.id);
    if ((rc = hz_journal_pend(app, key, acct, HZ_ACCT_BANK, amount, key, &tid, e)) ||
        (rc = hz_store_payment_set_transfer(app->db, y.id, tid, e)) ||
        (rc = hz_payment_mac_store(app, y.id, y.payable_id, y.batch_id, y.amount, y.payee_name, y.bank_card,
                                   y.bank_name, e)))
        return rc;
    b->rep->count++;
    if (!hz_money_add(b->rep->total, amount, &b->rep->total)) return hz_fail(e, HZ_EINVAL, "total: 溢出 (overflow)");
    return HZ_OK;
}

/* ---------- the bank file ---------- */

typedef struct {
    hz_app *app;
    FILE *f;
    int seq;
} file_ctx;

/* One line of the bank file, from the payment as recorded: a row whose MAC
 * does not match was changed after the batch and is never sent. */
static hz_err file_row(void *vctx, const hz_payment *y, const char *payable_no, const char *purpose, const char *mac,
                       hz_errinfo *e) {
    file_ctx *c = vctx;
    char want[65];
    hz_err rc = hz_payment_mac(c->app, y->id, y->payable_id, y->batch_id, y->amount, y->payee_name, y->bank_card,
                               y->bank_name, want, e);
    if (rc) return rc;
    if (strcmp(want, mac))
        return hz_fail(e, HZ_ECONFLICT,
                       "payment:%" PRId64 ": 收款人、卡号、开户行或金额在批次建立后被改动, 未写银行文件 (changed after the "
                       "batch; no bank file written; run huzhu check)",
                       y->id);
    hz_bank_row row = {++c->seq, y->payee_name, y->bank_card, y->bank_name, purpose, payable_no, y->amount};
    hz_bank_batch_row(c->f, &row);
    return HZ_OK;
}

/* Writes the bank file of a batch, as the database records it, to tmp and
 * makes its bytes durable (fsync). Closes f whatever happens; on failure
 * tmp is removed. */
static hz_err write_partial(hz_app *app, FILE *f, const char *tmp, int64_t batch_id, hz_errinfo *e) {
    file_ctx c = {app, f, 0};
    hz_bank_batch_header(f);
    hz_err rc = hz_store_payments_of_batch(app->db, batch_id, file_row, &c, e);
    if (!rc && (fflush(f) != 0 || ferror(f) || fsync(fileno(f)) != 0))
        rc = hz_fail(e, HZ_EINTERNAL, "out: 写入失败 %s: %s (write failed)", tmp, strerror(errno));
    if (fclose(f) != 0 && !rc) rc = hz_fail(e, HZ_EINTERNAL, "out: 写入失败 %s: %s (close failed)", tmp, strerror(errno));
    if (rc) unlink(tmp);
    return rc;
}

/* Puts a written file in place: rename, then fsync of the directory so the
 * new name survives a power cut. */
static hz_err install(const char *tmp, const char *path, hz_errinfo *e) {
    if (rename(tmp, path) != 0) {
        hz_err rc = hz_fail(e, HZ_EINTERNAL, "out: 无法写入 %s: %s (rename failed)", path, strerror(errno));
        unlink(tmp);
        return rc;
    }
    char copy[HZ_BATCH_PATH_MAX];
    hz_strlcpy(copy, path, sizeof copy);
    int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0 || fsync(fd) != 0) {
        hz_err rc = hz_fail(e, HZ_EINTERNAL, "out: 无法同步目录 (cannot fsync the directory of %s): %s", path,
                            strerror(errno));
        if (fd >= 0) close(fd);
        return rc;
    }
    close(fd);
    return HZ_OK;
}

/* Records that a batch's file is in place (the moment it counts as handed
 * over, docs/money.md). A file written again is an audit event. */
static hz_err mark_filed(hz_app *app, const hz_batch_report *r, int64_t batch_id, hz_errinfo *e) {
    hz_err rc = hz_db_begin(app->db, e);
    if (rc) return rc;
    if (!(rc = hz_store_batch_file_done(app->db, batch_id, app->now, e)) && r->rewritten) {
        char detail[HZ_BATCH_PATH_MAX * 2], file[HZ_BATCH_PATH_MAX * 2 - 64];
        snprintf(detail, sizeof detail, "{\"count\":%lld,\"file\":\"%s\",\"rewritten\":true}", (long long)r->count,
                 hz_json_text(r->file, 300, file, sizeof file));
        rc = hz_audit(app, "payment.batch_file", r->batch_no, detail, e);
    }
    if (!rc) rc = hz_db_commit(app->db, e);
    else hz_db_rollback(app->db);
    if (rc) {
        char why[HZ_MSG_MAX];
        hz_strlcpy(why, e->msg, sizeof why);
        return hz_fail(e, rc, "批次 %s 的银行文件已写出 (%s), 但未能记录: %s; 下次 pay batch 会重写同一文件 (written, "
                              "not recorded; the next pay batch writes it again)",
                       r->batch_no, r->file, why);
    }
    return HZ_OK;
}

/* Where a batch's file goes: out itself, or BATCH_NO.csv in the directory out. */
static hz_err final_path(const char *out, bool out_is_dir, hz_batch_report *r, hz_errinfo *e) {
    int n = out_is_dir ? snprintf(r->file, sizeof r->file, "%s/%s.csv", out, r->batch_no)
                       : snprintf(r->file, sizeof r->file, "%s", out);
    if (n < 0 || n >= (int)sizeof r->file) return hz_fail(e, HZ_EINVAL, "out: 路径过长 (path too long)");
    return HZ_OK;
}

/* Creates the partial file from its template (…-XXXXXX): a name of its
 * own even for two requests of one server process, readable by the owner
 * only (bank cards). NULL with errno set on failure. */
static FILE *open_partial(char *tmpl) {
    int fd = mkstemp(tmpl);
    if (fd < 0) return NULL;
    FILE *f = fdopen(fd, "wb");
    if (!f) {
        int err = errno;
        close(fd);
        unlink(tmpl);
        errno = err;
    }
    return f;
}

/* A batch committed earlier whose file never reached its place (a crash
 * or a failed rename after the commit): its file is written again from the
 * database, and no new batch is made this time. */
static hz_err rewrite_unfiled(hz_app *app, int64_t batch_id, const char *out, bool out_is_dir, char *tmp,
                              hz_batch_report *r, hz_errinfo *e) {
    r->rewritten = true;
    hz_err rc = final_path(out, out_is_dir, r, e);
    if (rc) return rc;
    FILE *f = open_partial(tmp);
    if (!f) return hz_fail(e, HZ_EINVAL, "out: 无法写入 %s: %s (cannot write)", r->file, strerror(errno));
    if ((rc = write_partial(app, f, tmp, batch_id, e)) || (rc = install(tmp, r->file, e))) return rc;
    return mark_filed(app, r, batch_id, e);
}

hz_err hz_app_pay_batch(hz_app *app, const char *out, bool out_is_dir, hz_batch_report *r, hz_errinfo *e) {
    memset(r, 0, sizeof *r);
    hz_err rc = hz_authz_can(app, HZ_A_PAY, e);
    if (rc) return rc;
    /* the file is written next to its place, so the rename stays in one
     * file system; a *.partial-* file is never a bank file */
    char tmp[HZ_BATCH_PATH_MAX];
    int n = out_is_dir ? snprintf(tmp, sizeof tmp, "%s/batch.partial-%d-XXXXXX", out, (int)getpid())
                       : snprintf(tmp, sizeof tmp, "%s.partial-%d-XXXXXX", out, (int)getpid());
    if (n < 0 || n >= (int)sizeof tmp) return hz_fail(e, HZ_EINVAL, "out: 路径过长 (path too long)");
    int64_t batch_id;
    if ((rc = hz_store_batch_unfiled(app->db, &batch_id, r->batch_no, sizeof r->batch_no, &r->count, &r->total, e)))
        return rc;
    if (batch_id) return rewrite_unfiled(app, batch_id, out, out_is_dir, tmp, r, e);
    /* a place we cannot write is found before any money moves */
    FILE *f = open_partial(tmp);
    if (!f) return hz_fail(e, HZ_EINVAL, "out: 无法写入 %s: %s (cannot write)", out, strerror(errno));
    if ((rc = hz_db_begin(app->db, e))) goto fail_file;
    /* the batch row first (its id ties payments to it); count and total are
     * written when known. Batch numbers read in Beijing time. */
    char batch_no[32];
    hz_date today = app->today;
    char d[HZ_DATE_BUF];
    hz_date_format(today, d);
    /* app->now is UTC (…THH:MM:SSZ); Beijing is UTC+8 with no DST, and
     * app->today is already Beijing's date */
    int hour = ((app->now[11] - '0') * 10 + (app->now[12] - '0') + 8) % 24;
    snprintf(batch_no, sizeof batch_no, "PB%.4s%.2s%.2s-%02d%.2s%.2s", d, d + 5, d + 8, hour, app->now + 14,
             app->now + 17);
    batch_ctx b = {app, 0, r};
    if ((rc = hz_store_batch_insert(app->db, batch_no, 0, 0, app->now, app->actor, &b.batch_id, e))) goto fail_tx;
    snprintf(r->batch_no, sizeof r->batch_no, "%s-%lld", batch_no, (long long)b.batch_id);
    if ((rc = hz_store_payables_due(app->db, app->today, add_payable, &b, e))) goto fail_tx;
    if (r->count == 0) { /* nothing to send: no batch, but offsets stand */
        hz_store_batch_finish(app->db, b.batch_id, r->batch_no, 0, 0, e);
        if (r->settled_by_offset == 0) {
            hz_db_rollback(app->db);
        } else {
            char detail[160], b1[HZ_MONEY_BUF];
            snprintf(detail, sizeof detail, "{\"count\":0,\"offset\":\"%s\",\"settled_by_offset\":%lld}",
                     hz_money_format(r->offset, b1), (long long)r->settled_by_offset);
            if ((rc = hz_audit(app, "payment.offset", r->batch_no, detail, e))) goto fail_tx;
            if ((rc = hz_db_commit(app->db, e))) goto fail_file;
        }
        fclose(f);
        unlink(tmp);
        r->batch_no[0] = '\0';
        return HZ_OK;
    }
    char detail[200], fee[HZ_MONEY_BUF], b2[HZ_MONEY_BUF];
    snprintf(detail, sizeof detail, "{\"count\":%lld,\"total\":\"%s\",\"offset\":\"%s\"}", (long long)r->count,
             hz_money_format(r->total, fee), hz_money_format(r->offset, b2));
    if ((rc = final_path(out, out_is_dir, r, e)) ||
        (rc = hz_store_batch_finish(app->db, b.batch_id, r->batch_no, r->count, r->total, e)) ||
        (rc = hz_audit(app, "payment.batch", r->batch_no, detail, e)))
        goto fail_tx;
    /* the file's bytes are on disk before the batch that refers to it
     * commits: a batch never commits when its file could not be written */
    rc = write_partial(app, f, tmp, b.batch_id, e);
    f = NULL;
    if (rc) goto fail_tx;
    if ((rc = hz_db_commit(app->db, e))) {
        unlink(tmp);
        return rc;
    }
    /* the name appears only after the commit, so a bank file in place
     * always has its batch; a crash in between leaves the batch without
     * its file recorded, and the next pay batch writes it again */
    if ((rc = install(tmp, r->file, e))) {
        char why[HZ_MSG_MAX];
        hz_strlcpy(why, e->msg, sizeof why);
        return hz_fail(e, rc, "%s; 批次 %s 已建立, 下次 pay batch 会重新写出其文件 (the batch stands; the next pay batch "
                              "writes its file again)", why, r->batch_no);
    }
    return mark_filed(app, r, b.batch_id, e);
fail_tx:
    hz_db_rollback(app->db);
fail_file:
    if (f) fclose(f);
    unlink(tmp);
    return rc;
}

/* ---------- bank results ---------- */

/* the result file's columns (io/bank.h), by shorter names */
enum {
    B_REF = HZ_BANK_REF,
    B_REASON = HZ_BANK_REASON,
    B_BANKREF = HZ_BANK_SERIAL,
    B_BATCH = HZ_BANK_BATCH,
};

typedef struct {
    hz_app *app;
    hz_confirm_report *rep;
    const char *batch_no; /* --batch */
    hz_bank_result_cols cols;
    bool write, conflict;
    int64_t *seen; /* payments answered by earlier rows of this file */
    size_t n_seen, cap_seen;
    char (*serials)[64]; /* bank serials of earlier rows of this file */
    size_t n_serials, cap_serials;
} confirm_ctx;

typedef enum { R_REJECT, R_DUPLICATE, R_PAID, R_FAILED } row_action;

/* Decides what a row does, without writing. A refusal fills col/why. */
static row_action decide(confirm_ctx *c, const hz_bank_result *res, hz_payable *p, hz_payment *y, const char **col,
                         char why[256], hz_err *rc, hz_errinfo *e) {
    hz_db *db = c->app->db;
    const char *const *v = res->v;
    bool ok = res->paid, failed = !res->paid;
    *rc = HZ_OK;
    hz_errinfo ne;
    hz_err f = hz_store_payable_by_no(db, v[B_REF], p, &ne);
    if (f == HZ_ENOTFOUND) {
        *col = "业务编号";
        snprintf(why, 256, "没有业务编号为 %.40s 的应付款 (no such payable)", v[B_REF]);
        return R_REJECT;
    }
    if (f) return (*rc = hz_fail(e, f, "%s", ne.msg)), R_REJECT;
    const char *batch_no = *v[B_BATCH] ? v[B_BATCH] : c->batch_no;
    int64_t batch_id = 0;
    if (batch_no && *batch_no) {
        f = hz_store_batch_id(db, batch_no, &batch_id, &ne);
        if (f == HZ_ENOTFOUND) {
            *col = "批次号";
            snprintf(why, 256, "批次 %.40s 不存在 (no such batch)", batch_no);
            return R_REJECT;
        }
        if (f) return (*rc = hz_fail(e, f, "%s", ne.msg)), R_REJECT;
    }
    /* one serial is one bank transaction: never two rows of a file */
    for (size_t i = 0; *v[B_BANKREF] && i < c->n_serials; i++)
        if (!strcmp(c->serials[i], v[B_BANKREF])) {
            *col = "银行流水号";
            snprintf(why, 256, "流水号 %.40s 在文件中出现两次 (the same serial on two rows)", v[B_BANKREF]);
            c->conflict = true;
            return R_REJECT;
        }
    if (*v[B_BANKREF]) {
        if (c->n_serials == c->cap_serials) {
            size_t cap = c->cap_serials ? c->cap_serials * 2 : 64;
            char(*g)[64] = realloc(c->serials, cap * sizeof *g);
            if (!g) return (*rc = hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)")), R_REJECT;
            c->serials = g;
            c->cap_serials = cap;
        }
        hz_strlcpy(c->serials[c->n_serials++], v[B_BANKREF], 64);
    }
    /* the bank serial makes a row idempotent */
    if (*v[B_BANKREF]) {
        hz_payment r;
        if ((*rc = hz_store_payment_by_bank_ref(db, v[B_BANKREF], &r, e))) return R_REJECT;
        if (r.id) {
            if (r.payable_id == p->id && (batch_id == 0 || r.batch_id == batch_id) &&
                !strcmp(r.status, ok ? "paid" : "failed"))
                return R_DUPLICATE;
            *col = "银行流水号";
            snprintf(why, 256, "流水号 %.40s 已用于另一笔结果 (serial already recorded for another result)",
                     v[B_BANKREF]);
            c->conflict = true;
            return R_REJECT;
        }
    }
    if (batch_id) {
        if ((*rc = hz_store_payment_in_batch(db, p->id, batch_id, y, e))) return R_REJECT;
        if (!y->id) {
            *col = "批次号";
            snprintf(why, 256, "批次 %.40s 中没有 %.30s 的款项 (not in that batch)", batch_no, v[B_REF]);
            c->conflict = true;
            return R_REJECT;
        }
    } else {
        if ((*rc = hz_store_payment_pending_of(db, p->id, y, e))) return R_REJECT;
        /* a failure with no serial for a payable that failed before: it may
         * be the old batch's file again, so the batch must be named */
        int64_t failed_before = 0;
        if (y->id && failed && !*v[B_BANKREF] && (*rc = hz_store_payment_count(db, p->id, "failed", &failed_before, e)))
            return R_REJECT;
        if (failed_before) {
            *col = "批次号";
            snprintf(why, 256,
                     "%.30s 曾在其他批次支付失败, 无流水号的失败结果无法确定属于哪一批次, 请注明批次号 (--batch 或 "
                     "批次号 列)"
                     " (ambiguous: name the batch)",
                     v[B_REF]);
            c->conflict = true;
            return R_REJECT;
        }
        if (!y->id && (*rc = hz_store_payment_last_of(db, p->id, y, e))) return R_REJECT;
        if (!y->id) {
            *col = "业务编号";
            snprintf(why, 256, "%.40s 没有付款记录 (never batched)", v[B_REF]);
            c->conflict = true;
            return R_REJECT;
        }
    }
    if (strcmp(y->status, "pending") != 0) {
        bool same = !strcmp(y->status, ok ? "paid" : "failed");
        if (same && (!*v[B_BANKREF] || !strcmp(y->bank_ref, v[B_BANKREF]))) return R_DUPLICATE;
        *col = ok && same ? "银行流水号" : "结果";
        if (ok && same)
            snprintf(why, 256,
                     "批次 %.30s 中的款项已以流水号 %.30s 支付成功, 不能再次成功 (already paid under another serial)",
                     y->batch_no, y->bank_ref);
        else
            snprintf(why, 256, "批次 %.30s 中的款项已是%s, 与本行矛盾 (payment is already %s)", y->batch_no,
                     !strcmp(y->status, "paid") ? "支付成功" : "支付失败", y->status);
        c->conflict = true;
        return R_REJECT;
    }
    if (res->has_amount) {
        hz_fen amount = res->amount;
        if (amount != y->amount) {
            char b1[HZ_MONEY_BUF], b2[HZ_MONEY_BUF];
            *col = "金额";
            snprintf(why, 256, "金额 %s 与批次 %.30s 的 %s 不符 (amount differs from the batch)",
                     hz_money_format_grouped(amount, b1), y->batch_no, hz_money_format_grouped(y->amount, b2));
            c->conflict = true;
            return R_REJECT;
        }
    }
    for (size_t i = 0; i < c->n_seen; i++)
        if (c->seen[i] == y->id) {
            *col = "业务编号";
            snprintf(why, 256, "同一笔款项在文件中出现两次 (the same payment answered twice in this file)");
            c->conflict = true;
            return R_REJECT;
        }
    if (c->n_seen == c->cap_seen) {
        size_t cap = c->cap_seen ? c->cap_seen * 2 : 64;
        int64_t *g = realloc(c->seen, cap * sizeof *g);
        if (!g) return (*rc = hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)")), R_REJECT;
        c->seen = g;
        c->cap_seen = cap;
    }
    c->seen[c->n_seen++] = y->id;
    return ok ? R_PAID : R_FAILED;
}

static hz_err apply(confirm_ctx *c, row_action act, const char *const *v, const hz_payable *p, const hz_payment *y,
                    hz_errinfo *e) {
    hz_app *app = c->app;
    hz_confirm_report *r = c->rep;
    hz_err rc;
    bool ok = act == R_PAID;
    const char *why = ok ? "" : *v[B_REASON] ? v[B_REASON] : "银行未说明原因";
    if ((rc = hz_journal_resolve(app, y->transfer_id, ok, e)) ||
        (rc = hz_store_payment_settle(app->db, y->id, ok ? "paid" : "failed", v[B_BANKREF], ok ? NULL : why, app->now,
                                      e)))
        return rc;
    if (ok) {
        r->paid++;
        /* paid more than is now owed (a refund while the batch was at the
         * bank): the difference becomes the member's recovery */
        if ((rc = hz_payable_settle_sign(app, p->payable_no, e))) return rc;
        hz_payable now;
        if ((rc = hz_store_payable_by_no(app->db, p->payable_no, &now, e))) return rc;
        if (now.owed == 0 && (rc = cause_paid(app, &now, e))) return rc;
    } else {
        r->failed++;
        /* a reversal while the batch was at the bank left the payable below
         * zero: with nothing pending any more, that is owed back */
        if ((rc = cause_failed(app, p, why, e)) || (rc = hz_payable_settle_sign(app, p->payable_no, e))) return rc;
    }
    char object[48], detail[1000], b[HZ_MONEY_BUF], ref[200], w[600];
    snprintf(object, sizeof object, "%s:%s", p->source, p->payable_no);
    snprintf(detail, sizeof detail,
             "{\"result\":\"%s\",\"amount\":\"%s\",\"batch\":\"%s\",\"bank_ref\":\"%s\",\"reason\":\"%s\"}",
             ok ? "paid" : "failed", hz_money_format(y->amount, b), y->batch_no,
             hz_json_text(v[B_BANKREF], 40, ref, sizeof ref), hz_json_text(why, 120, w, sizeof w));
    return hz_audit(app, ok ? "payment.paid" : "payment.failed", object, detail, e);
}

static hz_err confirm_row(void *vctx, long row, char **f, int n, hz_errinfo *e) {
    confirm_ctx *c = vctx;
    if (row == 1) return hz_bank_result_header(f, n, &c->cols, e);
    hz_bank_result res;
    const char *col = "";
    char why[256] = "";
    hz_bank_row_kind kind = hz_bank_result_row(&c->cols, f, n, &res, &col, why);
    if (kind == HZ_BANK_ROW_BLANK) return HZ_OK;
    const char *const *v = res.v;
    hz_confirm_report *r = c->rep;
    if (!c->write) r->rows++;
    hz_payable p;
    hz_payment y;
    hz_err rc = HZ_OK;
    row_action act = kind == HZ_BANK_ROW_BAD ? R_REJECT : decide(c, &res, &p, &y, &col, why, &rc, e);
    if (rc) return rc;
    if (act == R_REJECT) {
        /* the validation pass saw the same file: a refusal now means the
         * store changed under us; nothing is applied */
        if (c->write) return hz_fail(e, HZ_ECONFLICT, "第%ld行 [%s] %s", row, col, why);
        hz_report_error(&r->rejected, &r->n_listed, &r->n_rejected, row, col, why);
        return HZ_OK;
    }
    if (act == R_DUPLICATE) {
        if (c->write) r->duplicate++;
        return HZ_OK;
    }
    return c->write ? apply(c, act, v, &p, &y, e) : HZ_OK;
}

/* BLAKE2b of a file's bytes, hex. */
static hz_err file_digest(const char *path, char out[65], hz_errinfo *e) {
    FILE *f = fopen(path, "rb");
    if (!f) return hz_fail(e, HZ_ENOTFOUND, "file: 无法打开 %s (cannot open: %s)", path, strerror(errno));
    crypto_generichash_state s;
    unsigned char h[32], buf[65536];
    crypto_generichash_init(&s, NULL, 0, sizeof h);
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        crypto_generichash_update(&s, buf, n);
    bool bad = ferror(f);
    fclose(f);
    if (bad) return hz_fail(e, HZ_EINVAL, "file: 读取失败 %s (read error)", path);
    crypto_generichash_final(&s, h, sizeof h);
    sodium_bin2hex(out, 65, h, sizeof h);
    return HZ_OK;
}

hz_err hz_app_pay_confirm(hz_app *app, const char *path, const char *batch_no, hz_confirm_report *out, hz_errinfo *e) {
    memset(out, 0, sizeof *out);
    hz_table *t = NULL;
    char digest[65];
    hz_err rc = hz_authz_can(app, HZ_A_PAY, e);
    if (rc || (rc = file_digest(path, digest, e)) || (rc = hz_table_open(path, HZ_ENC_AUTO, &t, e))) return rc;
    confirm_ctx c = {app, out, batch_no, {{0}}, false, false, NULL, 0, 0, NULL, 0, 0};
    bool seen;
    if ((rc = hz_store_bank_file_seen(app->db, digest, &seen, e))) goto done;
    if ((rc = hz_table_each(t, confirm_row, &c, e))) goto done;
    if (out->rows == 0) {
        rc = hz_fail(e, HZ_EINVAL, "file: 银行结果文件没有数据行 (the result file has no rows)");
        goto done;
    }
    if (seen) { /* the same file again: its rows were applied once */
        out->file_seen = true;
        out->duplicate = out->rows;
        hz_confirm_report_free(out);
        out->n_rejected = 0;
        out->n_listed = 0;
        goto done;
    }
    if (out->n_rejected) {
        rc =
            hz_fail(e, c.conflict ? HZ_ECONFLICT : HZ_EINVAL,
                    "%ld 行有误, 未处理任何结果 (%ld rows refused; nothing applied)", out->n_rejected, out->n_rejected);
        goto done;
    }
    if ((rc = hz_db_begin(app->db, e))) goto done;
    c.write = true;
    c.n_seen = 0;
    c.n_serials = 0;
    if ((rc = hz_table_each(t, confirm_row, &c, e)) ||
        (rc = hz_store_bank_file_record(app->db, digest, out->rows, app->now, app->actor, e))) {
        hz_db_rollback(app->db);
        goto done;
    }
    rc = hz_db_commit(app->db, e);
done:
    free(c.seen);
    free(c.serials);
    hz_table_free(t);
    return rc;
}

void hz_confirm_report_free(hz_confirm_report *r) {
    free(r->rejected);
    r->rejected = NULL;
}

/* Benefits paid per plan in the period, and the cash that left the bank
 * and came back (docs/money.md), within the caller's scope. */
static hz_err build_payouts(hz_app *app, const hz_report_args *a, hz_report *out, hz_errinfo *e) {
    hz_dashboard *d = malloc(sizeof *d);
    if (!d) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    hz_report *money;
    hz_err rc = hz_app_dashboard(app, a, d, e);
    if (!rc) rc = hz_report_fill_payouts(out, d, e);
    if (!rc && !(rc = hz_report_add_part(out, &money, e))) rc = hz_report_fill_money(money, &d->money, e);
    free(d);
    return rc;
}

static const hz_report_def payments_reports[] = {
    {"payouts", "给付（按计划）", build_payouts},
    {NULL, NULL, NULL},
};
/* The payments module (src/modules.def); its demo data is part of the core's. */
const hz_app_module hz_app_module_payments = {.name = "payments", .reports = payments_reports};
