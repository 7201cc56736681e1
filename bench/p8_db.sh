#!/usr/bin/env bash
# Bench setup only (P8, issue 18), not a product path: copies SRC (a
# database whose claims the settlement feed wrote and adjudicated, P2) to OUT
# and adds REPS - 1 replicas of its members with everything the what-if
# reads (coverages, flags, settlements, claims, their links and lines,
# contributions, ledgers), each under fresh ids, ID numbers, settlement ids
# and claim numbers, so OUT holds REPS x SRC's claims. The feed writes one
# claim per settlement at best and takes minutes at 1,000,000; this takes
# SQLite's bulk INSERT ... SELECT. The journal is not replicated: `huzhu
# check` is run on SRC, not on OUT (the what-if writes nothing).
#   bash bench/p8_db.sh SRC OUT REPS
set -eu
SRC=$1 OUT=$2 REPS=$3
rm -f "$OUT" "$OUT-wal" "$OUT-shm"
sqlite3 "$SRC" ".backup '$OUT'"
[ "$REPS" -le 1 ] && exit 0
mx() { sqlite3 "$OUT" "SELECT COALESCE(MAX($2), 0) FROM $1"; }
M=$(mx member id) C=$(mx coverage id) F=$(mx member_flag id) S=$(mx settlement id)
K=$(mx claim id) L=$(mx claim_line id) T=$(mx contribution id)
# the replica's ID number: 18 characters like a real one, unique per (replica, member)
idn() { echo "'9' || printf('%07d', r.r) || printf('%010d', $1)"; }
sqlite3 "$OUT" >/dev/null <<SQL
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
PRAGMA foreign_keys = OFF;
PRAGMA cache_size = -262144;
BEGIN;
CREATE TEMP TABLE r AS WITH RECURSIVE n(r) AS (SELECT 1 UNION ALL SELECT r + 1 FROM n WHERE r < $REPS - 1) SELECT r FROM n;
INSERT INTO member SELECT id + r.r * $M, $(idn id), name, sex, birth_date, phone, unit_id, org_id, bank_card,
  bank_name, created_at, updated_at FROM r, member WHERE id <= $M ORDER BY r.r, id;
INSERT INTO coverage SELECT id + r.r * $C, member_id + r.r * $M, plan_id, plan_code, shares, start_date, end_date,
  months, payer_kind, payer_ref, premium, continuous, status, created_at FROM r, coverage WHERE id <= $C ORDER BY r.r, id;
INSERT INTO member_flag SELECT id + r.r * $F, member_id + r.r * $M, kind, level, valid_from, valid_to
  FROM r, member_flag WHERE id <= $F ORDER BY r.r, id;
INSERT INTO settlement SELECT id + r.r * $S, setl_id || '.' || r.r,
  CASE WHEN member_id IS NULL THEN certno ELSE $(idn member_id) END, member_id + r.r * $M, psn_name, gend,
  fixmedins_code, fixmedins_name, hosp_lv, med_type, adm_date, dscg_date, main_diag_code, diag_codes, medfee_sumamt,
  fund_pay_sumamt, psn_selfpay, psn_ownpay, refunded, setl_time, imported_at FROM r, settlement WHERE id <= $S
  ORDER BY r.r, id;
INSERT INTO claim SELECT id + r.r * $K, claim_no || '.' || r.r, member_id + r.r * $M, status, accident, death,
  disability_grade, diagnosis, event_date, total, proactive, review_required, review_note, reject_reason,
  resubmit_of + r.r * $K, bank_failure, documents, submitted_at, documents_complete_at, decided_at, decided_by, paid_at,
  hold_reason FROM r, claim WHERE id <= $K ORDER BY r.r, id;
INSERT INTO claim_settlement SELECT claim_id + r.r * $K, settlement_id + r.r * $S, active
  FROM r, claim_settlement WHERE claim_id <= $K ORDER BY r.r, claim_id;
INSERT INTO claim_line SELECT id + r.r * $L, claim_id + r.r * $K, seq, coverage_id + r.r * $C, plan_code,
  settlement_id + r.r * $S, component, period, amount, lump_pct, counted_stay, reason, explain, reversed, first_stay
  FROM r, claim_line WHERE id <= $L ORDER BY r.r, id;
INSERT INTO contribution SELECT id + r.r * $T, coverage_id + r.r * $C, payer_kind, payer_ref, amount, paid_on,
  created_at FROM r, contribution WHERE id <= $T ORDER BY r.r, id;
INSERT INTO ledger SELECT coverage_id + r.r * $C, period, component, stays, paid, lump_pct, first_borne
  FROM r, ledger WHERE coverage_id <= $C ORDER BY r.r, coverage_id;
COMMIT;

SQL
