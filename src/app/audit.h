/* The tamper-evident audit trail: every change to membership, coverage,
 * claims and money is an event chained to the one before, written in the
 * same transaction as the change. The chain is keyed: each link is a MAC
 * (BLAKE2b with a 32-byte key) under a key kept in a file outside the
 * database, so whoever can write the database but not read that file
 * cannot rewrite an event and recompute the chain. A signed checkpoint
 * (count + head, `huzhu audit checkpoint`) kept elsewhere detects a
 * truncated or re-chained trail even for someone who holds the key
 * (docs/security.md). */
#ifndef HZ_APP_AUDIT_H
#define HZ_APP_AUDIT_H

#include <stddef.h>

#include "app/app.h"
#include "store/audit.h"

/* Loads app->audit_key from app->audit_key_path (app/audit_key.h); with
 * `create`, makes the key file when there is none. */
hz_err hz_audit_key_load(hz_app *app, bool create, hz_errinfo *e);

/* Appends the event `audit.keyed` once, the first keyed link: events
 * before it (written by builds without a key) are checked by their plain
 * hash, and none of them can change without breaking this keyed link. */
hz_err hz_audit_mark_keyed(hz_app *app, hz_errinfo *e);

/* Appends an event (who = app->actor, when = app->now). `detail` is a short
 * JSON or text saying what and why. Call inside the change's transaction.
 * Without a key: HZ_EINTERNAL naming the key file. */
hz_err hz_audit(hz_app *app, const char *action, const char *object, const char *detail, hz_errinfo *e);
/* The link hz_audit would write for r after r->prev_hash (hash: 65 bytes,
 * r->hash set to it), for a writer that appends many events in one go. */
hz_err hz_audit_chain(const hz_app *app, hz_audit_row *r, char hash[65], hz_errinfo *e);

/* A MAC under the audit key over n length-prefixed fields, as 64 hex
 * digits (out: 65 bytes), for money rows that carry one (payments). */
hz_err hz_audit_row_mac(const hz_app *app, const char *const *fields, int n, char out[65], hz_errinfo *e);

typedef struct {
    int64_t events;
    int64_t broken_id; /* 0 when the chain is intact */
    char reason[240];
    char head[65];     /* hash of the newest event ("" for an empty trail) */
    /* against a checkpoint */
    bool checked_against;
    bool checkpoint_ok;
    int64_t checkpoint_events;
} hz_audit_report;

/* Walks the chain; a broken link, an event whose MAC does not match its
 * content, or a chain that was never keyed sets broken_id to the first
 * such event. Admin only. */
hz_err hz_audit_verify(hz_app *app, hz_audit_report *out, hz_errinfo *e);

/* hz_audit_verify, then compares with a checkpoint (the text printed by
 * hz_audit_checkpoint): its MAC must hold under this key, the trail must
 * have at least its events, and the event at that position its head.
 * checkpoint_ok false and reason say which: truncated, rewritten, or a
 * checkpoint not made with this key. A malformed checkpoint: HZ_EINVAL. */
hz_err hz_audit_verify_against(hz_app *app, const char *checkpoint, hz_audit_report *out, hz_errinfo *e);

#define HZ_CHECKPOINT_MAX 256
/* `huzhu audit checkpoint`: the signed head of the trail, one line:
 * "huzhu-audit-checkpoint v1 events=N head=HEX mac=HEX". The office keeps
 * it away from the server (printed, mailed, in another system). Admin only;
 * the chain must verify first (HZ_ECONFLICT otherwise). */
hz_err hz_audit_checkpoint(hz_app *app, char out[HZ_CHECKPOINT_MAX], hz_errinfo *e);

#endif
