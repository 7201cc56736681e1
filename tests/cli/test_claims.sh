# Claims end to end through the CLI: the worked example of plans.md
# (27,101.00), the settlement feed (idempotent, refunds, bad rows), duplicate
# settlements, documents and the 7-day clock, review, reject and resubmit,
# proactive claims, bank batch and bank result.
. "$(dirname "$0")/lib.bash"
UNIT=91610000MA6TG00007
HE=610102198505060024   # 何女士, the seed's textile worker
ZHANG=610102199001011231
hz init >/dev/null
hz org add --code XA --name 西安市总工会 >/dev/null
hz unit add --code $UNIT --name "五环(集团)纺织" --org XA >/dev/null
hz member add --id-number $HE --name 何女士 --unit $UNIT --bank-card 6217000000000000004 --bank-name 中国工商银行西安分行 >/dev/null
hz member add --id-number $ZHANG --name 张三 --unit $UNIT --bank-card 62170000000000004 --bank-name 长安银行 >/dev/null
for p in ZY ZJ NG; do hz enroll --id-number $HE --plan $p --start 2019-01-01 >/dev/null; done
hz enroll --id-number $ZHANG --plan ZY --start 2026-01-01 >/dev/null
hz enroll --id-number $ZHANG --plan YW:2 --start 2026-01-01 >/dev/null

F=setl_id,certno,psn_name,gend,fixmedins_code,fixmedins_name,hosp_lv,med_type,adm_date,dscg_date,main_diag_code,diag_codes,medfee_sumamt,fund_pay_sumamt,psn_selfpay,psn_ownpay,refd_setl_flag,setl_time
cat > "$T/feed.csv" <<CSV
$F
XJ2019A,$HE,何女士,2,H61010001,西京医院,3,21,2019-05-06,2019-05-20,C54.1,,80000.00,52000.00,24350.00,3650.00,0,2019-05-20 16:00:00
XJ2019B,$HE,何女士,2,H61010001,西京医院,3,21,2019-07-01,2019-07-12,C54.1,Z51.1,40000.00,24000.00,13105.00,2895.00,0,2019-07-12 10:00:00
ZS2026A,$ZHANG,张三,1,H61010002,西安市中心医院,3,21,2026-06-01,2026-06-15,S82.1,,9000.00,5000.00,3300.00,700.00,0,2026-06-15 10:00:00
ZS2026B,$ZHANG,张三,1,H61010002,西安市中心医院,3,21,2026-08-01,2026-08-05,K35.8,,6000.00,3800.00,1950.00,250.00,0,2026-08-05 10:00:00
ZS2026C,$ZHANG,张三,1,H61010002,西安市中心医院,3,21,2026-09-01,2026-09-05,J18.9,,5000.00,3000.00,1800.00,200.00,0,2026-09-05 10:00:00
NOBODY1,610124200003010017,李四,1,H61010002,西安市中心医院,3,21,2026-09-01,2026-09-05,J18.9,,5000.00,3000.00,1800.00,200.00,0,2026-09-05 10:00:00
CSV
expect_exit 0 "feed" -- hz --json import settlements "$T/feed.csv"
expect_eq "$(jget "$T/out" read)" "6" "read"
expect_eq "$(jget "$T/out" new)" "6" "new"
expect_eq "$(jget "$T/out" unmatched)" "1" "unmatched"
expect_exit 0 "feed again" -- hz --json import settlements "$T/feed.csv"
expect_eq "$(jget "$T/out" new)" "0" "idempotent: no new"
expect_eq "$(jget "$T/out" duplicate)" "6" "idempotent: all duplicates"
expect_eq "$(sql 'SELECT count(*) FROM settlement')" "6" "no duplicate settlements"

# bad feed rows are named by line and field, and nothing is written
cat > "$T/bad.csv" <<CSV
$F
B1,$HE,何女士,2,H1,西京医院,3,21,2019-13-01,2019-05-20,C54.1,,100.00,50.00,40.00,10.00,0,
B2,610102198505060025,何女士,2,H1,西京医院,3,21,2019-05-01,2019-05-20,C54.1,,100.00,50.00,40.00,10.00,0,
B3,$HE,何女士,2,H1,西京医院,3,21,2019-05-01,2019-05-20,C54.1,,100.00,50.00,40.001,10.00,0,
B4,$HE,何女士,2,H1,西京医院,3,21,2019-05-01,2019-05-20,XX,,100.00,50.00,40.00,10.00,0,
B5,$HE,何女士,2,H1,西京医院,3,21,2019-05-01,2019-04-20,C54.1,,100.00,50.00,40.00,10.00,0,
B6,$HE,何女士,2,H1,西京医院,3,21,2019-05-01,2019-05-20,C54.1,,100.00,50.00,-40.00,10.00,0,
B7,$HE,何女士,2,H1,西京医院,3,21,2019-05-01,2019-05-20,C54.1,,100.00,90.00,40.00,10.00,0,
CSV
expect_exit 2 "bad feed" -- hz --json import settlements "$T/bad.csv"
expect_eq "$(python3 -c 'import json,sys; print(" ".join("{}:{}".format(r["row"], r["column"]) for r in json.load(open(sys.argv[1]))["rejected"]))' "$T/out")" \
  "2:adm_date 3:certno 4:psn_selfpay 5:main_diag_code 6:dscg_date 7:psn_selfpay 8:medfee_sumamt" "every bad feed row"
expect_eq "$(sql "SELECT count(*) FROM settlement WHERE setl_id LIKE 'B%'")" "0" "bad feed wrote nothing"

# the worked example: one claim holding both stays pays 27,101.00
expect_exit 0 "submit" -- hz --json claim submit --id-number $HE --settlement XJ2019B --settlement XJ2019A --documents-complete
NO=$(jget "$T/out" claim_no)
expect_eq "$(jget "$T/out" total)" "27101.00" "the seed's 27101 yuan"
expect_eq "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(" ".join("{}={}".format(l["plan"], l["amount"]) for l in d["lines"] if l["amount"] != "0.00"))' "$T/out")" \
  "ZY=4610.00 ZJ=10000.00 NG=10000.00 ZY=2491.00" "four paying lines"
expect_in "$T/out" '(24350.00 - 1300.00) x 20% = 4610.00' "explanation stay 1"
expect_in "$T/out" '(13105.00 - 650.00) x 20% = 2491.00' "explanation stay 2"
expect_eq "$(jget "$T/out" lines.0.setl_id)" "XJ2019A" "lines carry the settlement"
expect_eq "$(jget "$T/out" member.id_number)" "$HE" "member id"
expect_eq "$(jget "$T/out" status)" "adjudicated" "over 5000: waits for review"
expect_eq "$(jget "$T/out" sla_days)" "0" "clock started today"
expect_exit 3 "duplicate settlement" -- hz claim submit --id-number $HE --settlement XJ2019A --documents-complete
expect_in "$T/err" "$NO" "conflict names the claim"
expect_exit 4 "unknown settlement" -- hz claim submit --id-number $HE --settlement NOPE
expect_exit 4 "another person's settlement reads as missing (issue 12: no setl_id oracle)" -- hz claim submit --id-number $ZHANG --settlement XJ2019A
expect_exit 0 "plain submit prints the number" -- hz claim submit --id-number $ZHANG --settlement ZS2026C
expect_eq "$(cat "$T/out")" "$(sql "SELECT claim_no FROM claim ORDER BY id DESC LIMIT 1")" "number on stdout"
C3=$(cat "$T/out")
expect_exit 0 "member show lists claims" -- hz --json member show $HE
expect_eq "$(jget "$T/out" claims.0.claim_no)" "$NO" "member show --json has the claim"
expect_exit 0 "show text" -- hz claim show $NO
expect_in "$T/out" "4610.00" "text lines"
expect_exit 4 "show unknown" -- hz claim show LP000
expect_exit 3 "reject needs state" -- hz claim approve $C3
expect_in "$T/err" "材料不全" "documents incomplete named"

# review and payment
expect_exit 0 "approve" -- hz --json claim approve $NO
expect_eq "$(jget "$T/out" status)" "approved" "approved"
expect_exit 3 "approve twice" -- hz claim approve $NO
h0=$(TZ=Asia/Shanghai date +%H)
expect_exit 0 "batch" -- hz --json pay batch --out "$T/bank.csv"
h1=$(TZ=Asia/Shanghai date +%H)
expect_eq "$(jget "$T/out" count)" "1" "one payment"
# the batch number's time is Beijing's (issue 16): PByyyymmdd-HHMMSS-id
bh=$(jget "$T/out" batch_no | cut -c12-13)
if [ "$bh" = "$h0" ] || [ "$bh" = "$h1" ]; then ok; else bad "batch number hour $bh is not Beijing's ($h0)"; fi
expect_eq "$(jget "$T/out" total)" "27101.00" "batch total"
expect_eq "$(sed -n 1p "$T/bank.csv")" "$(printf '\xef\xbb\xbf')序号,收款人姓名,收款账号,开户行,金额,用途,业务编号" "bank header with BOM"
expect_eq "$(sed -n 2p "$T/bank.csv")" "1,何女士,6217000000000000004,中国工商银行西安分行,27101.00,职工互助金 $NO,$NO" "bank row"
expect_exit 0 "empty batch" -- hz --json pay batch --out "$T/bank2.csv"
expect_eq "$(jget "$T/out" count)" "0" "a claim is never batched twice"
printf '业务编号,结果,失败原因,银行流水号\n%s,失败,账户已冻结,\n' "$NO" > "$T/result1.csv"
expect_exit 0 "bank failure" -- hz --json pay confirm "$T/result1.csv"
expect_eq "$(jget "$T/out" failed)" "1" "failed"
expect_exit 0 "show after failure" -- hz --json claim show $NO
expect_eq "$(jget "$T/out" status)" "approved" "back to approved"
expect_eq "$(jget "$T/out" bank_failure)" "账户已冻结" "bank reason shown"
expect_exit 0 "batch again" -- hz --json pay batch --out "$T/bank3.csv"
expect_eq "$(jget "$T/out" count)" "1" "failed payment retried"
printf '业务编号,结果,失败原因,银行流水号\n%s,成功,,B0001\n' "$NO" > "$T/result2.csv"
expect_exit 0 "bank success" -- hz --json pay confirm "$T/result2.csv"
expect_eq "$(jget "$T/out" paid)" "1" "paid"
expect_exit 0 "confirm twice" -- hz --json pay confirm "$T/result2.csv"
expect_eq "$(jget "$T/out" duplicate)" "1" "second confirmation is a duplicate"
expect_exit 0 "show paid" -- hz --json claim show $NO
expect_eq "$(jget "$T/out" status)" "paid" "paid"
expect_eq "$(jget "$T/out" sla_days)" "0" "paid within the day"
expect_eq "$(sql "SELECT count(*) FROM payment WHERE status = 'paid'")" "1" "paid once"
printf '业务编号,结果,失败原因,银行流水号\nLP999,成功,,X\n%s,也许,,X\n' "$NO" > "$T/result3.csv"
expect_exit 2 "bad bank rows" -- hz --json pay confirm "$T/result3.csv"
expect_exit 3 "cannot reject a paid claim" -- hz claim reject $NO --reason 测试拒绝

# documents: a claim without them waits, completion starts the clock
expect_exit 0 "documents partial" -- hz --json claim documents $C3 --received id_card
expect_eq "$(jget "$T/out" status)" "received" "still received"
expect_exit 2 "unknown document" -- hz claim documents $C3 --received passport
expect_exit 0 "documents complete" -- hz --json claim documents $C3 --received discharge_certificate
expect_eq "$(jget "$T/out" sla_days)" "0" "clock started"
expect_eq "$(jget "$T/out" total)" "100.00" "first stay of the term: (1800 - 1300) x 20%"

# accident stay: ZY (no waiting) and YW accident medical
expect_exit 0 "accident" -- hz --json claim submit --id-number $ZHANG --settlement ZS2026A --accident --documents-complete
expect_eq "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(" ".join("{}={}:{}".format(l["plan"], l["amount"], l["reason"]) for l in d["lines"]))' "$T/out")" \
  "ZY=530.00:OK YW=3120.00:OK" "accident: later stay (3300 - 650) x 20%; (9000 - 5000 - 100) x 80%"
A1=$(jget "$T/out" claim_no)
# reject releases ledger and settlement; resubmission points to the old claim
expect_exit 1 "reject needs a reason" -- hz claim reject $A1
expect_exit 1 "two claim numbers" -- hz claim show $A1 $A1
expect_exit 0 "reject" -- hz --json claim reject $A1 --reason 材料不实
expect_eq "$(jget "$T/out" total)" "0.00" "rejected total"
expect_eq "$(jget "$T/out" lines.0.reason)" "MANUAL_REJECT" "lines rejected"
expect_eq "$(sql "SELECT paid FROM ledger l JOIN coverage c ON c.id = l.coverage_id WHERE c.plan_code = 'YW'")" "0" "ledger released"
expect_exit 0 "resubmit" -- hz --json claim submit --id-number $ZHANG --settlement ZS2026A --accident --documents-complete --resubmit-of $A1
expect_eq "$(jget "$T/out" resubmit_of)" "$A1" "points to the old claim"
expect_eq "$(jget "$T/out" total)" "3650.00" "same payout again"
expect_exit 4 "resubmit of another member's claim reads as missing (issue 12: no claim-number oracle)" -- hz claim submit --id-number $ZHANG --settlement ZS2026B --resubmit-of $NO

# death without a settlement; the same event twice is refused
expect_exit 0 "death" -- hz --json claim submit --id-number $ZHANG --death --accident --date 2026-10-01 --documents-complete
expect_eq "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(" ".join("{}={}:{}".format(l["plan"], l["amount"], l["reason"]) for l in d["lines"]))' "$T/out")" \
  "ZY=0.00:DIAGNOSIS_NOT_LISTED YW=40000.00:OK" "death pays YW x 2 shares"
expect_exit 3 "same death twice" -- hz claim submit --id-number $ZHANG --death --accident --date 2026-10-01
expect_exit 2 "no date" -- hz claim submit --id-number $ZHANG --death
expect_exit 2 "future date" -- hz claim submit --id-number $ZHANG --diagnosis C34.1 --date 2027-01-01
expect_exit 2 "bad grade" -- hz claim submit --id-number $ZHANG --disability-grade 11 --date 2026-10-01
expect_exit 2 "bad diagnosis" -- hz claim submit --id-number $ZHANG --diagnosis BAD --date 2026-10-01
expect_exit 4 "unknown member" -- hz claim submit --id-number 610124200003010017 --death --date 2026-10-01

# proactive claims: the remaining stay of a covered member, once
expect_exit 0 "proactive" -- hz --json claims proactive
expect_eq "$(python3 -c 'import json,sys; print(" ".join(c["setl_id"] for c in json.load(open(sys.argv[1]))["created"]))' "$T/out")" "ZS2026B" "only the unclaimed covered stay"
expect_eq "$(jget "$T/out" created.0.id_number)" "$ZHANG" "proactive id"
expect_eq "$(jget "$T/out" created.0.total)" "260.00" "(1950 - 650) x 20%"
P=$(jget "$T/out" created.0.claim_no)
expect_exit 0 "proactive again" -- hz --json claims proactive
expect_eq "$(jget "$T/out" created)" "[]" "idempotent"
expect_exit 0 "proactive claim" -- hz --json claim show $P
expect_eq "$(jget "$T/out" proactive)" "True" "marked proactive"
expect_eq "$(jget "$T/out" status)" "approved" "small clean claim auto-approved"

# a refund row cancels its settlement and reverses the line that used it
printf '%s\nZS2026B,%s,张三,1,H61010002,西安市中心医院,3,21,2026-08-01,2026-08-05,K35.8,,-6000.00,-3800.00,-1950.00,-250.00,1,2026-08-06 10:00:00\n' "$F" "$ZHANG" > "$T/refund.csv"
expect_exit 0 "refund" -- hz --json import settlements "$T/refund.csv"
expect_eq "$(jget "$T/out" refund)" "1" "refund counted"
expect_exit 0 "refunded claim" -- hz --json claim show $P
expect_eq "$(jget "$T/out" total)" "0.00" "total reversed"
expect_eq "$(jget "$T/out" lines.0.reason)" "REFUNDED_SETTLEMENT" "line reversed"
expect_exit 0 "refund again" -- hz --json import settlements "$T/refund.csv"
expect_eq "$(jget "$T/out" duplicate)" "1" "refund idempotent"

expect_exit 0 "sla" -- hz --json claims sla
expect_eq "$(jget "$T/out" paid_within_7_days)" "1" "paid within 7 days"
# the clock: claims still unpaid five days later are overdue
HUZHU_TODAY=2026-12-05 expect_exit 0 "overdue" -- hz --json claims overdue
expect_in "$T/out" "$C3" "unpaid claim overdue at day 6"
expect_not_in "$T/out" "$NO" "paid claim not overdue"
expect_exit 0 "audit" -- hz audit verify
finish
