# Money that cannot be paid twice (issue #11): the nine ways the money's life
# around the engine went wrong, each with the right outcome, and `huzhu
# check` after every step. Runs on SQLite and (in make test) PostgreSQL.
. "$(dirname "$0")/lib.bash"
UNIT=91610000MA6TG00007
F=$FEED_HEADER
hz init >/dev/null
hz org add --code XA --name 西安市总工会 >/dev/null
hz unit add --code $UNIT --name "五环(集团)纺织" --org XA >/dev/null
# member ID SEX: a member with a bank card (check digits computed here)
member() { add_member "$@"; }
# row SETL ID ADM DSCG HOSP DIAG DIAGS SELFPAY [REFUND]
row() {
  local sign="" flag=0
  if [ "${9:-0}" = 1 ]; then sign=-; flag=1; fi
  echo "$1,$2,某某,1,$5,医院$5,3,21,$3,$4,$6,$7,${sign}30000.00,${sign}10000.00,${sign}$8,${sign}100.00,$flag,$4 10:00:00"
}
feed() { { echo "$F"; cat; } > "$T/feed.csv"; hz --json import settlements "$T/feed.csv" > "$T/feed.out" || cat "$T/feed.out" >&2; }
check_ok() { expect_exit 0 "huzhu check after $1" -- hz --json check; expect_in "$T/out" '"ok":true' "check ok after $1"; }
approve_if_needed() { [ "$(claim_status "$1")" = adjudicated ] && hz claim approve "$1" >/dev/null; true; }
bank_out() { sql "SELECT COALESCE(SUM(amount), 0) FROM payment WHERE status = 'paid'"; }
submit() { hz --json claim submit "$@" > "$T/s.json" && jget "$T/s.json" claim_no; }
result() { printf '业务编号,结果,失败原因,银行流水号\n' > "$1"; shift; printf '%s\n' "$@" >> "$T/r.tmp"; cat "$T/r.tmp" >> "$T/r.last"; }

# ---- 1. refund while the claim sits in a pending bank batch ------------
M1=$(member 61010219850506002 甲女士)
hz enroll --id-number $M1 --plan ZY --start 2026-01-01 >/dev/null
row A1 $M1 2026-06-01 2026-06-10 H1 K35.8 "" 3300.00 | feed
C1=$(submit --id-number $M1 --settlement A1 --documents-complete)
expect_eq "$(claim_total $C1)" "400.00" "case 1: first stay pays 400.00"
approve_if_needed $C1
expect_exit 0 "case 1: batch" -- hz --json pay batch --out "$T/b1.csv"
expect_eq "$(jget "$T/out" total)" "400.00" "case 1: 400.00 batched"
row A1 $M1 2026-06-01 2026-06-10 H1 K35.8 "" 3300.00 1 | feed
expect_eq "$(claim_total $C1)" "0.00" "case 1: refund reverses the claim while it is at the bank"
check_ok "a refund during a pending batch"
printf '业务编号,结果,失败原因,银行流水号\n%s,成功,,S1-001\n' "$C1" > "$T/r1.csv"
expect_exit 0 "case 1: bank paid anyway" -- hz --json pay confirm "$T/r1.csv"
expect_exit 0 "case 1: recoveries" -- hz --json recovery list
expect_eq "$(jget "$T/out" recoveries.0.owes)" "400.00" "case 1: the 400.00 the bank paid is owed back"
check_ok "a bank success after the refund"
row A2 $M1 2026-06-01 2026-06-10 H1 K35.8 "" 3300.00 | feed
C1B=$(submit --id-number $M1 --settlement A2 --documents-complete)
expect_eq "$(claim_total $C1B)" "400.00" "case 1: the re-settlement is adjudicated (the refunded stay does not count)"
approve_if_needed $C1B
expect_exit 0 "case 1: next batch" -- hz --json pay batch --out "$T/b1b.csv"
expect_eq "$(jget "$T/out" count)" "0" "case 1: nothing sent to the bank"
expect_eq "$(jget "$T/out" offset)" "400.00" "case 1: the re-settlement is offset against what is owed"
expect_eq "$(claim_status $C1B)" "paid" "case 1: settled by the offset"
expect_eq "$(bank_out)" "40000" "case 1: one payout for the stay (400.00 left the bank once)"
hz --json recovery list > "$T/rec.json"
expect_eq "$(jget "$T/rec.json" recoveries.0.owes)" "0.00" "case 1: nothing owed any more"
check_ok "case 1"

# ---- 2. one stay settled twice under two setl_ids ----------------------
M2=$(member 61010219860101001 乙先生)
hz enroll --id-number $M2 --plan ZY --start 2025-01-01 --months 24 >/dev/null 2>&1 || hz enroll --id-number $M2 --plan ZY --start 2026-01-01 >/dev/null
hz enroll --id-number $M2 --plan JT --start 2026-01-01 >/dev/null
{ row S1 $M2 2026-07-01 2026-07-20 H2 K35.8 "" 4800.00; row S1X $M2 2026-07-01 2026-07-20 H2 K35.8 "" 4800.00; } | feed
expect_exit 0 "case 2: proactive" -- hz --json claims proactive
P1=$(python3 -c 'import json,sys; print(" ".join(c["claim_no"] for c in json.load(open(sys.argv[1]))["created"] if c["setl_id"] in ("S1","S1X")))' "$T/out")
set -- $P1
expect_eq "$#" "2" "case 2: both settlements get a claim"
expect_eq "$(claim_status $1) $(claim_status $2)" "adjudicated adjudicated" "case 2: both held for review, not auto-approved"
hz --json claim show $1 > "$T/c.json"
expect_in "$T/c.json" "DUPLICATE_STAY" "case 2: the hold names the reason"
expect_exit 0 "case 2: batch" -- hz --json pay batch --out "$T/b2.csv"
touch "$T/b2.csv"
expect_not_in "$T/b2.csv" "$1" "case 2: held claim not batched"
expect_not_in "$T/b2.csv" "$2" "case 2: held duplicate not batched"
expect_exit 0 "case 2: reviewer approves one" -- hz claim approve $1
expect_exit 0 "case 2: and rejects the duplicate" -- hz claim reject $2 --reason 重复结算
expect_exit 0 "case 2: batch after review" -- hz --json pay batch --out "$T/b2b.csv"
expect_in "$T/b2b.csv" "$1" "case 2: the approved one is paid"
expect_not_in "$T/b2b.csv" "$2" "case 2: the duplicate is not"
# a transfer between hospitals is not a duplicate
{ row T1 $M2 2026-09-01 2026-09-10 H2 K35.8 "" 2000.00; row T2 $M2 2026-09-10 2026-09-20 H3 K35.8 "" 2000.00; } | feed
T1=$(submit --id-number $M2 --settlement T1 --documents-complete)
hz --json claim show $T1 > "$T/c.json"
expect_not_in "$T/c.json" "DUPLICATE_STAY" "case 2: a transfer to another hospital is not held"
check_ok "case 2"

# ---- 3. an old bank result file imported again -------------------------
M3=$(member 61010219870202002 丙女士)
hz enroll --id-number $M3 --plan ZY --start 2026-01-01 >/dev/null
row B1 $M3 2026-06-01 2026-06-10 H1 K35.8 "" 3300.00 | feed
C3=$(submit --id-number $M3 --settlement B1 --documents-complete)
approve_if_needed $C3
hz pay batch --out "$T/b3.csv" >/dev/null
printf '业务编号,结果,失败原因,银行流水号\n%s,失败,户名不符,\n' "$C3" > "$T/r3a.csv"
expect_exit 0 "case 3: batch 1 fails" -- hz --json pay confirm "$T/r3a.csv"
expect_eq "$(jget "$T/out" failed)" "1" "case 3: failure recorded"
expect_exit 0 "case 3: batch 2" -- hz --json pay batch --out "$T/b3b.csv"
expect_in "$T/b3b.csv" "$C3" "case 3: the claim is batched again"
expect_exit 0 "case 3: batch 1's result again" -- hz --json pay confirm "$T/r3a.csv"
expect_eq "$(jget "$T/out" failed)" "0" "case 3: the old file changes nothing"
expect_eq "$(sql "SELECT count(*) FROM payment y JOIN payable p ON p.id = y.payable_id WHERE p.payable_no = '$C3' AND y.status = 'pending'")" "1" "case 3: batch 2's payment still pending"
# the same rows in a re-saved file (other bytes) cannot be matched to a batch
printf '业务编号,结果,失败原因,银行流水号\r\n%s,失败,户名不符,\r\n' "$C3" > "$T/r3c.csv"
expect_exit 3 "case 3: an ambiguous failure row is refused" -- hz --json pay confirm "$T/r3c.csv"
expect_in "$T/out" "批次" "case 3: the refusal asks for the batch"
expect_exit 0 "case 3: batch 3" -- hz --json pay batch --out "$T/b3c.csv"
touch "$T/b3c.csv"
expect_not_in "$T/b3c.csv" "$C3" "case 3: not paid a third time"
printf '业务编号,结果,失败原因,银行流水号\n%s,成功,,S3-002\n' "$C3" > "$T/r3b.csv"
expect_exit 0 "case 3: batch 2 succeeds" -- hz --json pay confirm "$T/r3b.csv"
expect_eq "$(jget "$T/out" paid)" "1" "case 3: batch 2's success is applied, not dropped"
printf '业务编号,结果,失败原因,银行流水号\n%s,成功,,S3-999\n' "$C3" > "$T/r3d.csv"
expect_exit 3 "case 3: a second success with another serial" -- hz --json pay confirm "$T/r3d.csv"
expect_in "$T/out" "S3-002" "case 3: the refusal names the recorded serial"
printf '业务编号,结果,失败原因,银行流水号\n%s,失败,账户冻结,\n' "$C3" > "$T/r3e.csv"
expect_exit 3 "case 3: a failure for a paid payment" -- hz --json pay confirm "$T/r3e.csv"
expect_eq "$(sql "SELECT amount FROM payment y JOIN payable p ON p.id = y.payable_id WHERE p.payable_no = '$C3' AND y.status = 'paid'")" "40000" "case 3: paid exactly once"
check_ok "case 3"

# ---- 4. refund after payment: reports show paid out, recovered, outstanding
M4=$(member 61010219880303003 丁先生)
hz enroll --id-number $M4 --plan ZY --start 2026-01-01 >/dev/null
{ row D1 $M4 2026-05-01 2026-05-05 H1 K35.8 "" 2300.00; row D2 $M4 2026-06-01 2026-06-10 H1 K35.8 "" 2650.00; } | feed
C4A=$(submit --id-number $M4 --settlement D1 --documents-complete)
C4B=$(submit --id-number $M4 --settlement D2 --documents-complete)
expect_eq "$(claim_total $C4A) $(claim_total $C4B)" "200.00 400.00" "case 4: 200.00 and 400.00"
approve_if_needed $C4A; approve_if_needed $C4B
hz pay batch --out "$T/b4.csv" >/dev/null
printf '业务编号,结果,失败原因,银行流水号\n%s,成功,,S4-1\n%s,成功,,S4-2\n' "$C4A" "$C4B" > "$T/r4.csv"
expect_exit 0 "case 4: both paid" -- hz --json pay confirm "$T/r4.csv"
row D2 $M4 2026-06-01 2026-06-10 H1 K35.8 "" 2650.00 1 | feed
expect_exit 0 "case 4: money summary" -- hz --json recovery list
expect_eq "$(jget "$T/out" summary.paid_out)" "$(python3 -c 'import sys; print("%.2f" % (int(sys.argv[1]) / 100))' "$(bank_out)")" "case 4: paid out is what left the bank"
python3 -c 'import json,sys; r=[x for x in json.load(open(sys.argv[1]))["recoveries"] if x["id_number"]==sys.argv[2]][0]; print(r["owes"])' "$T/out" $M4 > "$T/owes"
expect_eq "$(cat "$T/owes")" "400.00" "case 4: 400.00 outstanding for the member"
expect_eq "$(sql "SELECT SUM(y.amount) FROM payment y JOIN payable p ON p.id = y.payable_id JOIN member m ON m.id = p.member_id WHERE m.id_number = '$M4' AND y.status = 'paid'")" "60000" "case 4: 600.00 left the bank for the member"
expect_exit 0 "case 4: repayment" -- hz --json recovery repay --id-number $M4 --amount 150.00 --reason 会员退回 --ref R4-1
expect_eq "$(jget "$T/out" owes)" "250.00" "case 4: 250.00 still owed"
expect_exit 3 "case 4: more than owed" -- hz recovery writeoff --id-number $M4 --amount 300.00 --reason 无法追回
# the same bank serial typed with blanks around is the same serial; blanks are no reason and no serial
expect_exit 3 "case 4: the serial again, with blanks" -- hz recovery repay --id-number $M4 --amount 1.00 --reason 会员退回 --ref " R4-1 "
expect_in "$T/err" "ref: 银行流水号 R4-1 已登记过" "case 4: the repeat is named"
expect_exit 2 "case 4: a blank reason" -- hz recovery repay --id-number $M4 --amount 1.00 --reason "   " --ref R4-9
expect_in "$T/err" "reason:" "case 4: the field is named"
expect_exit 2 "case 4: a blank serial" -- hz recovery repay --id-number $M4 --amount 1.00 --reason 会员退回 --ref "   "
expect_in "$T/err" "ref:" "case 4: the field is named"
expect_exit 2 "case 4: a serial of 61 characters" -- hz recovery repay --id-number $M4 --amount 1.00 --reason 会员退回 \
  --ref "$(printf 'R%.0s' $(seq 61))"
expect_in "$T/err" "ref:" "case 4: the length is named"
expect_exit 0 "case 4: write-off" -- hz --json recovery writeoff --id-number $M4 --amount 250.00 --reason 会员已故无法追回
expect_exit 0 "case 4: money after recovery" -- hz --json recovery list
python3 -c 'import json,sys; r=[x for x in json.load(open(sys.argv[1]))["recoveries"] if x["id_number"]==sys.argv[2]][0]; print(r["owes"], r["recovered"], r["written_off"])' "$T/out" $M4 > "$T/owes"
expect_eq "$(cat "$T/owes")" "0.00 150.00 250.00" "case 4: 150.00 recovered, 250.00 written off, nothing owed"
expect_eq "$(jget "$T/out" summary.written_off)" "250.00" "case 4: the summary shows the write-off"
check_ok "case 4"

# ---- 5. reject and resubmit keeps the first-stay deductible once -------
M5=$(member 61010219890404004 戊先生)
hz enroll --id-number $M5 --plan ZY --start 2025-01-01 >/dev/null
{ row E1 $M5 2025-05-01 2025-05-10 H1 K35.8 "" 3300.00; row E2 $M5 2025-07-01 2025-07-10 H1 K35.8 "" 3300.00; } | feed
C5A=$(submit --id-number $M5 --settlement E1 --documents-complete)
C5B=$(submit --id-number $M5 --settlement E2 --documents-complete)
expect_eq "$(claim_total $C5A) $(claim_total $C5B)" "400.00 530.00" "case 5: A bears 1,300.00, B 650.00"
hz claim reject $C5A --reason 材料待核 >/dev/null
C5C=$(submit --id-number $M5 --settlement E1 --documents-complete --resubmit-of $C5A)
expect_eq "$(claim_total $C5C)" "400.00" "case 5: the resubmitted A bears the first-stay deductible again"
expect_eq "$(sql "SELECT paid FROM ledger g JOIN coverage c ON c.id = g.coverage_id JOIN member m ON m.id = c.member_id WHERE m.id_number = '$M5'")" "93000" "case 5: the term paid 930.00 (deductibles 1,300.00 + 650.00)"
check_ok "case 5"

# ---- 6. a rejected claim does not come back by itself ------------------
M6=$(member 61010219900505005 己女士)
hz enroll --id-number $M6 --plan ZY --start 2026-01-01 >/dev/null
row F1 $M6 2026-06-01 2026-06-10 H1 K35.8 "" 3300.00 | feed
hz --json claims proactive > "$T/p6.json"
C6=$(python3 -c 'import json,sys; print([c["claim_no"] for c in json.load(open(sys.argv[1]))["created"] if c["setl_id"] == "F1"][0])' "$T/p6.json")
[ "$(claim_status $C6)" = approved ] && hz pay batch --out "$T/b6.csv" >/dev/null && printf '业务编号,结果,失败原因,银行流水号\n%s,失败,账户冻结,\n' "$C6" > "$T/r6.csv" && hz pay confirm "$T/r6.csv" >/dev/null
expect_exit 0 "case 6: reject" -- hz claim reject $C6 --reason 非本人就医
expect_exit 0 "case 6: proactive again" -- hz --json claims proactive
expect_not_in "$T/out" "F1" "case 6: the rejected settlement is not claimed again"
expect_exit 3 "case 6: a new claim must name the rejected one" -- hz claim submit --id-number $M6 --settlement F1 --documents-complete
expect_in "$T/err" "$C6" "case 6: the refusal names the rejected claim"
check_ok "case 6"

# ---- 7. continuity decided from the history, not entry order -----------
M7=$(member 61010219910606006 庚先生)
hz enroll --id-number $M7 --plan ZY --start 2025-01-01 >/dev/null
hz enroll --id-number $M7 --plan ZY --start 2024-01-01 >/dev/null
row G1 $M7 2025-02-01 2025-02-10 H1 K35.8 "" 5000.00 | feed
C7=$(submit --id-number $M7 --settlement G1 --documents-complete)
expect_eq "$(claim_total $C7)" "740.00" "case 7: a backfilled earlier term makes the renewal continuous"
check_ok "case 7"

# ---- 8. diagnoses past the 8th are not dropped -------------------------
M8=$(member 61010219920707002 辛女士)
for p in ZY ZJ NG; do hz enroll --id-number $M8 --plan $p --start 2025-01-01 --months 12 >/dev/null; done
for p in ZY ZJ NG; do hz enroll --id-number $M8 --plan $p --start 2026-01-01 >/dev/null; done
row H1 $M8 2026-06-01 2026-06-20 H1 I10 "E11.9;J45.9;K21.0;M54.5;N39.0;E78.5;I25.1;K29.7;C50.9" 8000.00 | feed
C8=$(submit --id-number $M8 --settlement H1 --documents-complete)
hz --json claim show $C8 > "$T/c.json"
expect_eq "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(" ".join("{}={}".format(l["plan"], l["amount"]) for l in d["lines"] if l["plan"] in ("ZJ","NG")))' "$T/c.json")" \
  "ZJ=10000.00 NG=10000.00" "case 8: C50.9 as the 10th code pays ZJ and NG"
python3 -c 'print(";".join("J%02d.9" % i for i in range(10, 45)))' > "$T/many"
row H2 $M8 2026-08-01 2026-08-05 H1 I10 "$(cat "$T/many")" 2000.00 > "$T/row"
{ echo "$F"; cat "$T/row"; } > "$T/feed.csv"
expect_exit 2 "case 8: more codes than the limit are refused, not cut" -- hz --json import settlements "$T/feed.csv"
expect_in "$T/out" "diag_codes" "case 8: the refusal names the field"
check_ok "case 8"

# ---- 9. a member cannot certify their own claim ------------------------
M9=$(member 61010219930808009 壬先生)
hz enroll --id-number $M9 --plan ZY --start 2026-01-01 >/dev/null
hz enroll --id-number $M9 --plan JT --start 2026-01-01 >/dev/null
row J1 $M9 2026-01-31 2026-02-20 H1 J18.9 "" 14000.00 | feed
echo "pw-member-9-Xq" | hz user add m9 --role member --scope member:$M9 >/dev/null
export HUZHU_HTTP_TIMEOUT=5
"$HUZHU" --db "$DB" serve --listen 127.0.0.1:0 --threads 2 2>"$T/serve.log" &
SERVER=$!
PORT=$(wait_served "$T/serve.log" $SERVER)
python3 - "$PORT" "$M9" > "$T/http9.json" <<'PY'
import json, sys, urllib.request
base = "http://127.0.0.1:%s/api/v1" % sys.argv[1]
def call(method, path, body, token=None):
    h = {"Content-Type": "application/json"}
    if token: h["Authorization"] = "Bearer " + token
    r = urllib.request.Request(base + path, json.dumps(body).encode(), method=method, headers=h)
    try:
        with urllib.request.urlopen(r) as resp: return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as e: return e.code, json.loads(e.read())
st, d = call("POST", "/session", {"login": "m9", "password": "pw-member-9-Xq"})
st, d = call("POST", "/claims", {"id_number": sys.argv[2], "setl_ids": ["J1"], "accident": True, "documents_complete": True}, d["token"])
print(json.dumps({"status": st, "claim": d}))
PY
kill -TERM $SERVER; wait $SERVER
expect_eq "$(jget "$T/http9.json" status)" "201" "case 9: the member may file a claim"
C9=$(jget "$T/http9.json" claim.claim_no)
expect_eq "$(claim_status $C9)" "received" "case 9: it waits in received with the checklist"
expect_eq "$(claim_total $C9)" "0.00" "case 9: no waiting period skipped on the member's word"
hz --json claim show $C9 > "$T/c.json"
expect_in "$T/c.json" "self-reported accident" "case 9: staff see the member said accident"
expect_exit 0 "case 9: batch" -- hz --json pay batch --out "$T/b9.csv"
[ -f "$T/b9.csv" ] && expect_not_in "$T/b9.csv" "$C9" "case 9: not batched"
check_ok "case 9"

# ---- check finds tampering with money rows -----------------------------
sql "UPDATE claim_line SET amount = amount + 1 WHERE id = (SELECT MIN(id) FROM claim_line WHERE amount > 0)"
expect_exit 3 "check: an edited claim line" -- hz check
expect_in "$T/err" "claim_line" "check names the line"
sql "UPDATE claim_line SET amount = amount - 1 WHERE id = (SELECT MIN(id) FROM claim_line WHERE amount > 0)"
check_ok "the line restored"
sql "UPDATE account SET credits_posted = credits_posted + 100 WHERE code = 'bank'"
expect_exit 3 "check: an edited balance" -- hz check
expect_in "$T/err" "account:bank" "check names the account"
sql "UPDATE account SET credits_posted = credits_posted - 100 WHERE code = 'bank'"
finish
