# R2 of quality.md: concurrent submissions of a claim for the same settlement
# leave exactly one claim, the others get a conflict naming it; racing claims
# of one member never pass the cap, and the ledger equals the lines.
. "$(dirname "$0")/lib.bash"
UNIT=91610000MA6TG00007
ID=610102199001011231
hz init >/dev/null
hz org add --code XA --name 西安市总工会 >/dev/null
hz unit add --code $UNIT --name 测试单位 --org XA >/dev/null
hz member add --id-number $ID --name 张三 --unit $UNIT --bank-card 62170000000000004 >/dev/null
hz enroll --id-number $ID --plan ZY --start 2026-01-01 >/dev/null
{
  echo setl_id,certno,med_type,adm_date,dscg_date,main_diag_code,medfee_sumamt,fund_pay_sumamt,psn_selfpay,psn_ownpay
  for i in $(seq 0 30); do
    printf 'R%02d,%s,21,2026-%02d-%02d,2026-%02d-%02d,I21.0,60000.00,30000.00,21300.00,0\n' "$i" "$ID" $((4 + i % 7)) $((1 + i % 27)) $((4 + i % 7)) $((2 + i % 27))
  done
} > "$T/feed.csv"
hz import settlements "$T/feed.csv" >/dev/null

N=24
for i in $(seq 1 $N); do
  ( hz claim submit --id-number $ID --settlement R00 --documents-complete >"$T/o.$i" 2>"$T/e.$i"; echo $? >"$T/rc.$i" ) &
done
wait
ok_count=$(cat "$T"/rc.* | grep -c '^0$')
conflicts=$(cat "$T"/rc.* | grep -c '^3$')
expect_eq "$ok_count" "1" "exactly one claim for the settlement"
expect_eq "$conflicts" "$((N - 1))" "all others conflict"
WIN=$(cat "$T"/o.* | grep LP)
expect_eq "$(grep -l "$WIN" "$T"/e.* | wc -l)" "$((N - 1))" "every conflict names the winning claim"
expect_eq "$(sql "SELECT count(*) FROM claim")" "1" "one claim stored"
rm -f "$T"/rc.* "$T"/o.* "$T"/e.*

# thirty different stays of one member race against the 20,000.00 cap
for i in $(seq 1 30); do
  ( hz claim submit --id-number $ID --settlement "$(printf 'R%02d' "$i")" --documents-complete >/dev/null 2>"$T/e.$i"; echo $? >"$T/rc.$i" ) &
done
wait
expect_eq "$(cat "$T"/rc.* | grep -c '^0$')" "30" "all thirty claims accepted"
expect_eq "$(sql "SELECT sum(amount) FROM claim_line WHERE plan_code='ZY'")" "2000000" "ZY paid exactly the cap"
expect_eq "$(sql "SELECT paid FROM ledger")" "2000000" "ledger equals the cap"
expect_eq "$(sql "SELECT CASE WHEN count(*) > 0 THEN 1 ELSE 0 END FROM claim_line WHERE reason='CAPPED'")" "1" "later stays are capped"
expect_eq "$(sql "SELECT count(*) FROM claim c WHERE total <> (SELECT sum(amount) FROM claim_line l WHERE l.claim_id = c.id)")" "0" "totals equal the sum of lines"
sqlite_only && expect_eq "$(sql 'PRAGMA integrity_check')" "ok" "integrity"
expect_exit 0 "audit" -- hz audit verify
finish
