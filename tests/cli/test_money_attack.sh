# Attacks on money's life (issue #11 review): sequences that lose or misreport
# money on the journal as landed. Each block states what must hold; they FAIL
# on the commit they were written against (see the review report).
. "$(dirname "$0")/lib.bash"
UNIT=91610000MA6TG00007
F=$FEED_HEADER
hz init >/dev/null
hz org add --code XA --name 西安市总工会 >/dev/null
hz unit add --code $UNIT --name "五环(集团)纺织" --org XA >/dev/null
# member ID_BODY NAME: a member with a bank card derived from the ID body
member() { add_member "$@"; }
# row SETL ID ADM DSCG HOSP SELFPAY [REFUND]
row() {
  local sign="" flag=0
  if [ "${7:-0}" = 1 ]; then sign=-; flag=1; fi
  echo "$1,$2,某某,1,$5,医院$5,3,21,$3,$4,K35.8,,${sign}30000.00,${sign}10000.00,${sign}$6,${sign}100.00,$flag,$4 10:00:00"
}
feed() { { echo "$F"; cat; } > "$T/feed.csv"; hz --json import settlements "$T/feed.csv" > "$T/feed.out" || cat "$T/feed.out" >&2; }
check_ok() { expect_exit 0 "huzhu check after $1" -- hz --json check; expect_in "$T/out" '"ok":true' "check ok after $1"; }
approve_if_needed() { [ "$(claim_status "$1")" = adjudicated ] && hz claim approve "$1" >/dev/null; true; }
submit() { hz --json claim submit "$@" > "$T/s.json" && jget "$T/s.json" claim_no; }
owes() { hz --json recovery list > "$T/rec.json"; python3 -c 'import json,sys
r=[x for x in json.load(open(sys.argv[1]))["recoveries"] if x["id_number"]==sys.argv[2]]
print(" ".join(r[0][k] for k in sys.argv[3:]) if r else "none")' "$T/rec.json" "$@"; }
result() { local f=$1; shift; printf '业务编号,结果,失败原因,银行流水号\n' > "$f"; printf '%s\n' "$@" >> "$f"; }

# ---- A1. an offset, then a refund while the rest is at the bank, then 失败
# The member was paid 400.00 for A1, A1 was refunded (owes 400.00); A2's
# 800.00 is offset 400.00 + 400.00 to the bank; A2 is refunded while the
# batch is at the bank; the bank fails the 400.00. The member still owes the
# 400.00 of A1 (the offset was undone by A2's refund).
M1=$(member 61010219850506002 甲女士)
hz enroll --id-number $M1 --plan ZY --start 2026-01-01 >/dev/null
{ row A1 $M1 2026-04-01 2026-04-10 H1 3300.00; row A2 $M1 2026-05-01 2026-05-10 H1 5300.00; } | feed
C1=$(submit --id-number $M1 --settlement A1 --documents-complete)
approve_if_needed $C1
hz pay batch --out "$T/a1b1.csv" >/dev/null
result "$T/a1r1.csv" "$C1,成功,,A1-S1"
hz pay confirm "$T/a1r1.csv" >/dev/null
row A1 $M1 2026-04-01 2026-04-10 H1 3300.00 1 | feed
expect_eq "$(owes $M1 owes)" "400.00" "A1: the refund after payment is owed back"
C2=$(submit --id-number $M1 --settlement A2 --documents-complete)
approve_if_needed $C2
expect_exit 0 "A1: batch with offset" -- hz --json pay batch --out "$T/a1b2.csv"
expect_eq "$(jget "$T/out" offset) $(jget "$T/out" total)" "400.00 400.00" "A1: 400.00 offset, 400.00 sent"
row A2 $M1 2026-05-01 2026-05-10 H1 5300.00 1 | feed
check_ok "A1: a refund of an offset payable while its rest is at the bank"
result "$T/a1r2.csv" "$C2,失败,户名不符,A1-F2"
expect_exit 0 "A1: the bank fails the rest" -- hz --json pay confirm "$T/a1r2.csv"
expect_eq "$(owes $M1 owes)" "400.00" "A1: the member still owes A1's 400.00 (paid 400.00, owed nothing)"
check_ok "A1: after the failure"

# ---- A2. one bank serial on two payments in one file --------------------
M2=$(member 61010219860101001 乙先生)
M3=$(member 61010219870202002 丙女士)
for m in $M2 $M3; do hz enroll --id-number $m --plan ZY --start 2026-01-01 >/dev/null; done
{ row B1 $M2 2026-06-01 2026-06-10 H1 3300.00; row B2 $M3 2026-06-01 2026-06-10 H1 2650.00; } | feed
P2=$(submit --id-number $M2 --settlement B1 --documents-complete)
P3=$(submit --id-number $M3 --settlement B2 --documents-complete)
approve_if_needed $P2; approve_if_needed $P3
hz pay batch --out "$T/a2b.csv" >/dev/null
result "$T/a2r.csv" "$P2,成功,,DUP-SERIAL" "$P3,成功,,DUP-SERIAL"
expect_exit 3 "A2: two payments under one serial are refused" -- hz --json pay confirm "$T/a2r.csv"
expect_in "$T/out" "银行流水号" "A2: the refusal names the serial column"
expect_eq "$(sql "SELECT count(*) FROM payment WHERE status = 'pending'")" "2" "A2: nothing applied (all-or-nothing)"
result "$T/a2ok.csv" "$P2,成功,,A2-S1" "$P3,成功,,A2-S2"
expect_exit 0 "A2: the corrected file" -- hz --json pay confirm "$T/a2ok.csv"
expect_eq "$(jget "$T/out" paid)" "2" "A2: both successes applied"
check_ok "A2"

# ---- A3. recovery list: recovered per member, repayment references -------
M4=$(member 61010219880303003 丁先生)
hz enroll --id-number $M4 --plan ZY --start 2026-01-01 >/dev/null
row D1 $M4 2026-05-01 2026-05-10 H1 3300.00 | feed
D1=$(submit --id-number $M4 --settlement D1 --documents-complete)
approve_if_needed $D1
hz pay batch --out "$T/a3b.csv" >/dev/null
result "$T/a3r.csv" "$D1,成功,,A3-S1"
hz pay confirm "$T/a3r.csv" >/dev/null
row D1 $M4 2026-05-01 2026-05-10 H1 3300.00 1 | feed
expect_exit 0 "A3: repayment" -- hz --json recovery repay --id-number $M4 --amount 100.00 --reason 会员退回 --ref BANK-77
expect_eq "$(owes $M4 owes recovered)" "300.00 100.00" "A3: recovered shows the repayment (no write-off ever made)"
expect_exit 3 "A3: the same bank reference recorded twice" -- hz --json recovery repay --id-number $M4 --amount 100.00 --reason 会员退回 --ref BANK-77
expect_eq "$(owes $M4 owes)" "300.00" "A3: one repayment of 100.00, not two"
check_ok "A3"

# ---- A4. the summary's recovered after an offset that was reversed -------
M5=$(member 61010219890404004 戊先生)
hz enroll --id-number $M5 --plan ZY --start 2026-01-01 >/dev/null
row E1 $M5 2026-06-01 2026-06-10 H1 3300.00 | feed
E1=$(submit --id-number $M5 --settlement E1 --documents-complete)
approve_if_needed $E1
hz pay batch --out "$T/a4b1.csv" >/dev/null
result "$T/a4r1.csv" "$E1,成功,,A4-S1"
hz pay confirm "$T/a4r1.csv" >/dev/null
row E1 $M5 2026-06-01 2026-06-10 H1 3300.00 1 | feed
row E2 $M5 2026-06-01 2026-06-10 H1 3300.00 | feed
E2=$(submit --id-number $M5 --settlement E2 --documents-complete)
approve_if_needed $E2
hz pay batch --out "$T/a4b2.csv" >/dev/null
expect_eq "$(claim_status $E2)" "paid" "A4: the re-settlement is settled by the offset"
row E2 $M5 2026-06-01 2026-06-10 H1 3300.00 1 | feed
expect_eq "$(owes $M5 owes)" "400.00" "A4: both refunded: the 400.00 paid is owed back"
hz --json recovery list > "$T/rec.json"
# every offset taken so far was undone by a refund: what was recovered is
# exactly the repayments recorded
REPAID=$(sql "SELECT COALESCE(SUM(amount), 0) FROM recovery WHERE kind = 'repay'")
expect_eq "$(jget "$T/rec.json" summary.recovered)" "$(python3 -c 'import sys; print("%.2f" % (int(sys.argv[1]) / 100))' "$REPAID")" "A4: summary recovered counts no reversed offset"

# ---- A5. a duplicate stay arriving after the first claim was approved ----
M6=$(member 61010219900505005 己女士)
hz enroll --id-number $M6 --plan ZY --start 2026-01-01 >/dev/null
row S1 $M6 2026-07-01 2026-07-20 H2 4800.00 | feed
S1=$(submit --id-number $M6 --settlement S1 --documents-complete)
approve_if_needed $S1
row S1X $M6 2026-07-01 2026-07-20 H2 4800.00 | feed
hz --json claims proactive >/dev/null
expect_exit 0 "A5: batch" -- hz --json pay batch --out "$T/a5b.csv"
touch "$T/a5b.csv"
expect_not_in "$T/a5b.csv" "$S1" "A5: the first of two duplicate stays is held too (decisions: both are held)"
check_ok "A5"
finish
