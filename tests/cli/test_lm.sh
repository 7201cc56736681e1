# The model-worker medical subsidy (LM, plans.md "LM"; issue #13): the rules'
# examples, the order after mutual aid, the yearly cap, the budget, refunds,
# payment through the bank batches, and no budget or cap passed under
# concurrent approvals. Runs on SQLite and (in make test) PostgreSQL.
. "$(dirname "$0")/lib.bash"
UNIT=91610000MA6TG00007
F=$FEED_HEADER
hz init >/dev/null
hz org add --code XA --name 西安市总工会 >/dev/null
hz unit add --code $UNIT --name "西安电力机械厂" --org XA >/dev/null
member() { add_member "$@"; }
row() { # SETL ID ADM DSCG SELFPAY [REFUND]
  local s="" f=0
  if [ "${6:-0}" = 1 ]; then s=-; f=1; fi
  echo "$1,$2,某某,1,H1,西京医院,3,21,$3,$4,I63.9,,${s}40000.00,${s}20000.00,${s}$5,${s}100.00,$f,$4 10:00:00"
}
feed() { { echo "$F"; cat; } > "$T/feed.csv"; hz import settlements "$T/feed.csv" >/dev/null || echo "feed failed" >&2; }

# ---- national: (11300.00 - 2500.00) x 80% = 7040.00 after ZY's 2,500.00
NAT=$(member 61010219760101001 王劳模 model:national)
hz enroll --id-number $NAT --plan ZY --start 2026-01-01 >/dev/null
row L1 $NAT 2026-04-01 2026-04-09 11300.00 | feed
expect_exit 3 "mutual aid first" -- hz lm apply --id-number $NAT --settlement L1
expect_in "$T/err" "理赔" "the refusal says the claim comes first"
hz claim submit --id-number $NAT --settlement L1 --documents-complete >/dev/null
expect_exit 0 "apply" -- hz --json lm apply --id-number $NAT --settlement L1
L1NO=$(jget "$T/out" no)
expect_eq "$(jget "$T/out" amount)" "7040.00" "national 80% of the burden huzhu left"
expect_eq "$(jget "$T/out" explain)" "(11300.00 - 2500.00) x 80% = 7040.00" "the explanation"
expect_eq "$(jget "$T/out" reason) $(jget "$T/out" status)" "OK applied" "computed at once, waiting for review"
expect_exit 3 "one subsidy per settlement" -- hz lm apply --id-number $NAT --settlement L1
expect_in "$T/err" "$L1NO" "the refusal names the subsidy"

# ---- not a model worker on the admission date
PLAIN=$(member 61010219700202002 李普通)
row P1 $PLAIN 2026-05-01 2026-05-05 5000.00 | feed
expect_exit 2 "not a model worker" -- hz lm apply --id-number $PLAIN --settlement P1

# ---- city: the second stay is cut by the 10,000.00 yearly cap
CITY=$(member 61010219750303003 赵劳模 model:city)
{ row C1 $CITY 2026-02-01 2026-02-10 15000.00; row C2 $CITY 2026-06-01 2026-06-10 5000.00; } | feed
expect_exit 0 "city stay 1" -- hz --json lm apply --id-number $CITY --settlement C1
expect_eq "$(jget "$T/out" amount)" "9000.00" "city 60% (no coverage: huzhu paid nothing)"
C1NO=$(jget "$T/out" no)
expect_exit 0 "city stay 2" -- hz --json lm apply --id-number $CITY --settlement C2
expect_eq "$(jget "$T/out" amount) $(jget "$T/out" reason)" "1000.00 CAPPED" "cut to what is left of the 10,000.00 cap"
C2NO=$(jget "$T/out" no)

# ---- the budget: set, committed on approval, approvals past it refused
expect_exit 0 "budget" -- hz --json lm budget --year 2026 --amount 10000.00
expect_eq "$(jget "$T/out" left)" "10000.00" "nothing committed yet"
expect_exit 0 "approve 7040" -- hz --json lm approve $L1NO
expect_eq "$(jget "$T/out" status)" "approved" "approved"
expect_exit 3 "past the budget" -- hz lm approve $C1NO
expect_in "$T/err" "剩余 2,960.00" "the refusal names the budget left, grouped"
expect_exit 0 "approve 1000" -- hz lm approve $C2NO
expect_exit 0 "budget show" -- hz --json lm budget --year 2026
expect_eq "$(jget "$T/out" committed) $(jget "$T/out" left)" "8040.00 1960.00" "budget, committed, left"
expect_exit 3 "budget below committed" -- hz lm budget --year 2026 --amount 8000.00
expect_exit 2 "reject needs a reason" -- hz lm reject $C1NO --reason ""
expect_exit 0 "reject" -- hz --json lm reject $C1NO --reason 材料不全
expect_eq "$(jget "$T/out" status)" "rejected" "rejected"
expect_exit 0 "check after approvals" -- hz check

# ---- payment through the same bank batches (用途 劳模医疗补助)
expect_exit 0 "batch" -- hz --json pay batch --out "$T/bank.csv"
expect_in "$T/bank.csv" "劳模医疗补助 $L1NO" "the batch's purpose names the subsidy"
printf '业务编号,结果,失败原因,银行流水号\n%s,成功,,LM-1\n%s,成功,,LM-2\n' "$L1NO" "$C2NO" > "$T/r.csv"
grep -q "$C2NO" "$T/bank.csv" || printf '业务编号,结果,失败原因,银行流水号\n%s,成功,,LM-1\n' "$L1NO" > "$T/r.csv"
expect_exit 0 "bank result" -- hz --json pay confirm "$T/r.csv"
expect_eq "$(hz --json lm show $L1NO | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')" "paid" "paid"

# ---- refunds: excluded before, reversed after (cap and budget released)
row R1 $CITY 2026-09-01 2026-09-05 3000.00 | feed
row R1 $CITY 2026-09-01 2026-09-05 3000.00 1 | feed
expect_exit 2 "a refunded stay is excluded" -- hz lm apply --id-number $CITY --settlement R1
row L1 $NAT 2026-04-01 2026-04-09 11300.00 1 | feed
expect_exit 0 "after the refund" -- hz --json lm show $L1NO
expect_eq "$(jget "$T/out" amount) $(jget "$T/out" reason)" "0.00 REFUNDED_SETTLEMENT" "the subsidy pays nothing"
expect_exit 0 "budget released" -- hz --json lm budget --year 2026
expect_eq "$(jget "$T/out" committed)" "1000.00" "7040.00 released from the budget"
expect_exit 0 "recovery of the paid subsidy" -- hz --json recovery list
expect_in "$T/out" "$NAT" "the paid 7040.00 is owed back"
expect_exit 0 "check after the refund" -- hz check

# ---- proactive: a model worker's stay once its claim exists
NAT2=$(member 61010219720404004 钱劳模 model:provincial)
hz enroll --id-number $NAT2 --plan ZY --start 2026-01-01 >/dev/null
row Q1 $NAT2 2026-07-01 2026-07-10 6300.00 | feed
expect_exit 0 "lm proactive before the claim" -- hz --json lm proactive
expect_not_in "$T/out" "Q1" "no subsidy before the mutual-aid claim"
hz claims proactive >/dev/null
expect_exit 0 "lm proactive" -- hz --json lm proactive
expect_in "$T/out" '"setl_id":"Q1"' "the stay is proposed once its claim exists"
expect_in "$T/out" "x 70%" "provincial 70%"
expect_in "$T/out" '"name":"钱劳模"' "each proposal names its member (it was empty)"

# ---- concurrent approvals never pass the budget; concurrent applications never pass the cap
CC=$(member 61010219780505005 孙劳模 model:national)
rows=""
for i in 1 2 3 4 5 6; do rows="$rows$(row K$i $CC 2025-0$i-01 2025-0$i-05 10000.00)
"; done
printf '%s' "$rows" | feed
for i in 1 2 3 4 5 6; do hz lm apply --id-number $CC --settlement K$i > /dev/null 2>&1 & done
wait
expect_eq "$(sql "SELECT SUM(amount) FROM lm_subsidy WHERE member_id = (SELECT id FROM member WHERE id_number = '$CC') AND status <> 'rejected'")" "3000000" "six stays of 8,000.00 each: the 30,000.00 cap holds"
hz lm budget --year 2025 --amount 20000.00 >/dev/null
for no in $(sql "SELECT subsidy_no FROM lm_subsidy WHERE year = 2025 AND amount > 0"); do hz lm approve $no > /dev/null 2>&1 & done
wait
expect_eq "$(sql "SELECT SUM(amount) <= 2000000 FROM lm_subsidy WHERE year = 2025 AND (status = 'approved' OR status = 'paid')" | tr 'tf' '10')" "1" "concurrent approvals stay within the 20,000.00 budget"
expect_eq "$(sql "SELECT COUNT(*) FROM lm_subsidy WHERE year = 2025 AND status = 'approved'")" "2" "exactly the two that fit"
finish
