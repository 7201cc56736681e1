# Notices that reach members (issue 18): the outbox written with the event
# (received, documents missing, approved, paid with the per-line statement,
# rejected, relief and LM decided), one notice per event however often it
# is replayed; delivery through a local receiver standing in for the
# gateway: a sender killed with -9 after the receiver recorded a message
# and before it heard back, restarted, and every message RECORDED exactly
# once; retries with exponential backoff on 500; max attempts then failed
# and a retry; preferences and the SMS gateway's rules; the serve thread and
# the API (staff list and retry, the member's own messages). SQLite and
# (make test) PostgreSQL.
. "$(dirname "$0")/lib.bash"
SPID="" RPID="" SERVER=""
# a test that fails half-way leaves no sender, receiver or server behind
at_exit 'for p in $SPID $RPID $SERVER; do kill -9 "$p"; done'
UNIT=91610000MA6TG00007
F=$FEED_HEADER
hz init >/dev/null
hz org add --code XA --name 西安市总工会 >/dev/null
hz unit add --code $UNIT --name "西安电力机械厂" --org XA >/dev/null
row() { # SETL ID ADM DSCG SELFPAY
  echo "$1,$2,某某,1,H1,西京医院,3,21,$3,$4,I63.9,,40000.00,20000.00,$5,100.00,0,$4 10:00:00"
}
feed() { { echo "$F"; cat; } > "$T/feed.csv"; hz import settlements "$T/feed.csv" >/dev/null || echo "feed failed" >&2; }
A=$(id_check 61010219800101001)
hz member add --id-number $A --name 王师傅 --unit $UNIT --phone 13800000001 --bank-card "$(luhn 621700000000000001)" \
  --bank-name 工商银行 >/dev/null
B=$(add_member 61010219820202002 李师傅) # no phone
for m in $A $B; do hz enroll --id-number $m --plan ZY --start 2026-01-01 >/dev/null; done
{ row S1 $A 2026-05-01 2026-05-09 11300.00; row S2 $B 2026-05-10 2026-05-15 6000.00; row S3 $A 2026-06-01 2026-06-05 3000.00
  row S4 $A 2026-07-01 2026-07-05 2000.00; row S5 $B 2026-07-10 2026-07-15 2500.00; row S6 $A 2026-08-01 2026-08-03 1500.00; } | feed
kinds() { sql "SELECT kind FROM notice WHERE object = 'claim:$1' ORDER BY id" | tr '\n' ' '; }

# ---- the outbox, written with the events
expect_exit 0 "claim without documents" -- hz --json claim submit --id-number $A --settlement S1
C1=$(jget "$T/out" claim_no)
expect_eq "$(kinds $C1)" "claim.received claim.docs_missing " "received, and what is missing"
expect_in <(sql "SELECT body FROM notice WHERE kind = 'claim.docs_missing'") "出院证" "the missing documents named in Chinese"
hz claim documents $C1 --received id_card >/dev/null
hz claim documents $C1 --received id_card >/dev/null
expect_eq "$(sql "SELECT COUNT(*) FROM notice WHERE object = 'claim:$C1' AND kind = 'claim.docs_missing'")" "2" \
  "one more notice when a document came, none when the same came again"
hz claim documents $C1 --complete >/dev/null
[ "$(claim_status $C1)" = approved ] || hz claim approve $C1 >/dev/null
expect_eq "$(kinds $C1)" "claim.received claim.docs_missing claim.docs_missing claim.approved " "approved"
expect_exit 0 "batch" -- hz --json pay batch --out "$T/bank.csv"
printf '业务编号,结果,失败原因,银行流水号\n%s,失败,户名不符,\n' "$C1" > "$T/r1.csv"
expect_exit 0 "the bank fails the payment" -- hz pay confirm "$T/r1.csv"
expect_eq "$(kinds $C1)" "claim.received claim.docs_missing claim.docs_missing claim.approved " \
  "a failed payment tells the member nothing new (the claim is still approved)"
expect_exit 0 "batch again" -- hz --json pay batch --out "$T/bank2.csv"
printf '业务编号,结果,失败原因,银行流水号\n%s,成功,,B-2\n' "$C1" > "$T/r2.csv"
expect_exit 0 "paid by the second batch" -- hz pay confirm "$T/r2.csv"
hz pay confirm "$T/r2.csv" >/dev/null 2>&1 # the same result file again
expect_eq "$(kinds $C1)" "claim.received claim.docs_missing claim.docs_missing claim.approved claim.paid " \
  "paid once, though the result file came twice"
expect_exit 0 "list" -- hz --json notices list --id-number $A
PAID=$(python3 -c 'import json,sys
d=[n for n in json.load(open(sys.argv[1]))["items"] if n["kind"]=="claim.paid"][0]; print(json.dumps(d, ensure_ascii=False))' "$T/out")
echo "$PAID" > "$T/paid.json"
# the outbox filtered by kind: every kind of the spec is a filter, nothing else is
expect_exit 0 "list by kind" -- hz notices list --kind claim.paid --format json
expect_eq "$(python3 -c 'import json,sys; print(sorted({n["kind"] for n in json.load(open(sys.argv[1]))["items"]}))' "$T/out")" \
  "['claim.paid']" "only paid notices"
for k in claim.reversed claim.owed lm.decided; do
  expect_exit 0 "the kind $k is a filter" -- hz notices list --kind $k --format json
done
for k in bogus '*'; do
  expect_exit 2 "the kind '$k' is refused" -- hz notices list --kind "$k"
  expect_in "$T/err" "kind: 应为 claim.received" "the refusal names the field"
  expect_in "$T/err" "claim.owed" "and lists every kind"
done
expect_eq "$(jget "$T/paid.json" detail.lines.0.formula)" "$(hz --json claim show $C1 >"$T/c.json"; jget "$T/c.json" lines.0.explain)" \
  "the paid notice's line carries the claim line's formula"
expect_eq "$(jget "$T/paid.json" detail.lines.0.amount)" "$(jget "$T/c.json" lines.0.amount)" "and its amount"
CAP=$(jget "$T/paid.json" detail.lines.0.cap)
USED=$(jget "$T/paid.json" detail.lines.0.cap_used)
LEFT=$(jget "$T/paid.json" detail.lines.0.cap_left)
expect_eq "$(python3 -c "print('%.2f' % ($CAP - $USED))")" "$LEFT" "cap - used = left ($CAP - $USED)"
expect_eq "$USED" "$(jget "$T/c.json" lines.0.amount)" "the cap used is what this claim paid (the member's only claim)"
expect_in "$T/paid.json" "年度限额" "the text says cap, used and left"
expect_in "$T/paid.json" "尾号" "and the card it went to"
# the text groups thousands (12,345.67) like the console; detail keeps plain figures
TOTAL_C1=$(jget "$T/c.json" total)
GROUPED_C1=$(python3 -c 'import sys; print(f"{float(sys.argv[1]):,.2f}")' "$TOTAL_C1")
case "$TOTAL_C1" in ????*.??) ;; *) bad "C1's total $TOTAL_C1 is under 1,000: the check below proves nothing";; esac
expect_in <(jget "$T/paid.json" body) "$GROUPED_C1 元已支付至工商银行 尾号 " "the paid notice's total grouped ($GROUPED_C1), to the card"
expect_in <(jget "$T/paid.json" body) "年度限额 $(python3 -c 'import sys; print(f"{float(sys.argv[1]):,.2f}")' "$CAP")," \
  "and the cap grouped"
expect_eq "$(jget "$T/paid.json" detail.total)" "$TOTAL_C1" "the detail keeps the plain figure"
expect_in <(sql "SELECT body FROM notice WHERE object = 'claim:$C1' AND kind = 'claim.approved'") "核定给付 $GROUPED_C1 元" \
  "the approval notice's total grouped"

expect_exit 0 "B's claim" -- hz --json claim submit --id-number $B --settlement S2 --documents-complete
C2=$(jget "$T/out" claim_no)
expect_exit 0 "reject" -- hz claim reject $C2 --reason 住院期间未参保
expect_in <(sql "SELECT body FROM notice WHERE object = 'claim:$C2' AND kind = 'claim.rejected'") "住院期间未参保" \
  "the rejection carries the reason"
expect_eq "$(sql "SELECT COUNT(*) FROM notice WHERE object = 'claim:$C2' AND kind IN ('claim.received', 'claim.rejected')")" "2" \
  "B: received and rejected"
expect_exit 0 "relief programme" -- hz relief program add --code JQZX2026 --kind student_aid --year 2026 \
  --budget 100000.00 --name 2026年金秋助学
expect_exit 0 "relief apply" -- hz --json relief apply --program JQZX2026 --id-number $A --student-name 王小明 \
  --student-id-number "$(id_check 61010220080101003)" --school 西北大学 --level university --reason 家庭困难
G1=$(jget "$T/out" no)
expect_exit 0 "relief approve" -- hz relief approve $G1
expect_in <(sql "SELECT body FROM notice WHERE object = 'relief:$G1' AND kind = 'relief.decided'") "已批准" \
  "relief decided, with the amount"
G1_AMOUNT=$(sql "SELECT detail FROM notice WHERE object = 'relief:$G1' AND kind = 'relief.decided'" |
  python3 -c 'import json,sys; a=json.load(sys.stdin)["amount"]; print(f"{float(a):,.2f}")')
case "$G1_AMOUNT" in *,*) ;; *) bad "the relief amount $G1_AMOUNT is under 1,000: the check below proves nothing";; esac
expect_in <(sql "SELECT body FROM notice WHERE object = 'relief:$G1' AND kind = 'relief.decided'") "金额 $G1_AMOUNT 元" \
  "the relief amount grouped ($G1_AMOUNT)"
TOTAL=$(sql "SELECT COUNT(*) FROM notice")
expect_eq "$(sql "SELECT COUNT(*) FROM notice WHERE status = 'pending'")" "$TOTAL" "all pending before any sender ran"
expect_exit 2 "no sender configured" -- hz notices send --once
expect_in "$T/err" "notices-sender" "the refusal names the setting"

# ---- delivery: a receiver that records a message, then holds its answer
# until the sender is killed (-9) mid-delivery
head -c 32 /dev/urandom | base64 | tr -d '\n=/+' > "$T/key"; echo >> "$T/key"
receiver() { # DIR [args]: starts the receiver, sets RPID and RURL
  local d=$1 i; shift
  mkdir -p "$d"
  python3 "$HZ_SRC/tests/cli/notice_receiver.py" "$d" "$T/key" "$@" &
  RPID=$!
  for i in $(seq 600); do [ -s "$d/port" ] && break; sleep 0.05; done
  RURL="http://127.0.0.1:$(cat "$d/port")/hook"
}
# wait_for DESCRIPTION COMMAND...: the condition, polled, with a deadline for a loaded machine
wait_for() {
  local what=$1 i; shift
  for i in $(seq 1200); do "$@" && { ok; return 0; }; sleep 0.1; done
  bad "$what: never happened"; return 1
}
SEND=(--notices-sender webhook --notices-key-file "$T/key" --notices-lease-ms 400 --notices-poll-ms 50
      --notices-backoff-ms 100)
receiver "$T/r1" --hold
"$HUZHU" --db "$DB" notices send --notices-url "$RURL" "${SEND[@]}" >"$T/send1.out" 2>&1 &
SPID=$!
wait_for "the receiver holds a recorded message" test -s "$T/r1/held"
kill -9 $SPID; wait $SPID 2>/dev/null
HELD=$(cat "$T/r1/held")
expect_eq "$(sql "SELECT status FROM notice WHERE notice_no = '$HELD'")" "sending" \
  "killed mid-delivery: the notice is leased (sending), not sent"
expect_eq "$(wc -l < "$T/r1/recorded")" "1" "the receiver recorded it before the sender died"
"$HUZHU" --db "$DB" notices send --notices-url "$RURL" "${SEND[@]}" >"$T/send2.out" 2>&1 &
SPID=$!
all_sent() { [ "$(sql "SELECT COUNT(*) FROM notice WHERE status = 'sent'")" = "$TOTAL" ]; }
wait_for "every notice sent after the restart (the held one after its lease)" all_sent
kill -TERM $SPID; wait $SPID || bad "sender exit on TERM $?"
expect_eq "$(python3 -c 'import json,sys,collections
c=collections.Counter(json.loads(l)["key"] for l in open(sys.argv[1]))
print(len(c), max(c.values()))' "$T/r1/recorded")" "$TOTAL 1" "each of the $TOTAL messages recorded exactly once by the receiver"
expect_in "$T/r1/duplicates" "$HELD" "the held message was sent again with the same idempotency key, and dropped"
expect_eq "$(sql "SELECT attempts FROM notice WHERE notice_no = '$HELD'")" "2" "two attempts: the killed one and the resend"
expect_not_in "$T/r1/attempts" '"status": 401' "every request carried a good signature"
expect_exit 0 "nothing left" -- hz --json notices send --once --notices-url "$RURL" "${SEND[@]}"
expect_eq "$(jget "$T/out" sent)" "0" "a sent notice is never sent again"
kill $RPID; wait $RPID 2>/dev/null
# run_sender DESCRIPTION CONDITION [options]: a sender until CONDITION holds, then TERM
run_sender() {
  local what=$1 cond=$2; shift 2
  "$HUZHU" --db "$DB" notices send --notices-url "$RURL" "${SEND[@]}" "$@" >"$T/sender.out" 2>&1 &
  SPID=$!
  wait_for "$what" $cond
  kill -TERM $SPID; wait $SPID || bad "sender exit on TERM $?"
}
none_due() { [ "$(sql "SELECT COUNT(*) FROM notice WHERE status IN ('pending', 'sending')")" = 0 ]; }

# ---- retries: the gateway answers 500 three times, then takes it
receiver "$T/r2" --fail 3
expect_exit 0 "A's third stay" -- hz --json claim submit --id-number $A --settlement S3 --documents-complete
C3=$(jget "$T/out" claim_no)
run_sender "C3's notices sent at the fourth attempt" none_due --notices-backoff-ms 200 --notices-max-attempts 5
expect_eq "$(sql "SELECT DISTINCT status || ':' || attempts FROM notice WHERE object = 'claim:$C3'")" "sent:4" \
  "three failures, sent at the fourth attempt"
# exponential backoff with equal jitter: after failure n the delay lies in
# [d/2, d], d = 200 ms x 2^(n-1), so the gaps are at least 100, 200, 400 ms
expect_eq "$(python3 -c 'import json,sys,collections
at=collections.defaultdict(list)
for l in open(sys.argv[1]):
    a=json.loads(l); at[a["key"]].append((a["ms"], a["status"]))
bad=[]
for k,v in at.items():
    if [s for _,s in v] != [500,500,500,200]: bad.append((k, [s for _,s in v]))
    gaps=[round(v[i+1][0]-v[i][0]) for i in range(len(v)-1)]
    if any(g < m for g,m in zip(gaps,[100,200,400])) or any(g > 5000 for g in gaps): bad.append((k, gaps))
print(len(at), bad)' "$T/r2/attempts")" "$(sql "SELECT COUNT(*) FROM notice WHERE object = 'claim:$C3'") []" \
  "500, 500, 500, 200 for each message, waiting at least 100, 200, 400 ms between"
expect_eq "$(wc -l < "$T/r2/recorded")" "$(sql "SELECT COUNT(*) FROM notice WHERE object = 'claim:$C3'")" "recorded once each"
kill $RPID; wait $RPID 2>/dev/null

# ---- max attempts, then failed (visible to staff), and a retry
receiver "$T/r3" --fail 99
expect_exit 0 "B applies" -- hz --json relief apply --program JQZX2026 --id-number $B --student-name 李小红 \
  --student-id-number "$(id_check 61010220090202004)" --school 西北大学 --level university --reason 家庭困难
G2=$(jget "$T/out" no)
expect_exit 0 "rejected" -- hz relief reject $G2 --reason 非困难职工家庭
N2=$(sql "SELECT notice_no FROM notice WHERE object = 'relief:$G2'")
expect_in <(sql "SELECT body FROM notice WHERE notice_no = '$N2'") "非困难职工家庭" "the reason"
run_sender "failed after two attempts" none_due --notices-backoff-ms 50 --notices-max-attempts 2
expect_exit 0 "failed list" -- hz --json notices list --status failed
expect_eq "$(jget "$T/out" total) $(jget "$T/out" items.0.no) $(jget "$T/out" items.0.attempts) $(jget "$T/out" items.0.last_error)" \
  "1 $N2 2 HTTP 500" "staff see the failed notice, its attempts and the last error"
expect_exit 3 "a sent one is not retried" -- hz notices retry "$HELD"
expect_exit 0 "retry" -- hz --json notices retry $N2
expect_eq "$(jget "$T/out" status) $(jget "$T/out" attempts)" "pending 0" "back to pending"
kill $RPID; wait $RPID 2>/dev/null
receiver "$T/r4"
run_sender "the retried notice sent" none_due
expect_eq "$(sql "SELECT status FROM notice WHERE notice_no = '$N2'")" "sent" "sent after the retry"
expect_eq "$(wc -l < "$T/r4/recorded")" "1" "recorded once"
kill $RPID; wait $RPID 2>/dev/null

# ---- preferences and an SMS gateway (a sender kind + URL + template ids)
receiver "$T/r5"
expect_exit 0 "A opts out of SMS approvals" -- hz --json notices prefs $A --off sms:claim.approved
expect_eq "$(jget "$T/out" opted_out.0.channel):$(jget "$T/out" opted_out.0.kind)" "sms:claim.approved" "stored"
expect_exit 2 "an unknown kind" -- hz notices prefs $A --off sms:claim.lost
expect_in "$T/err" "claim.owed、relief.decided、lm.decided 或 *" "the refusal lists every kind, from the one table"
expect_exit 0 "A's fourth stay, documents to come" -- hz --json claim submit --id-number $A --settlement S4
C4=$(jget "$T/out" claim_no)
hz claim documents $C4 --complete >/dev/null
[ "$(claim_status $C4)" = approved ] || hz claim approve $C4 >/dev/null
expect_exit 0 "B's stay" -- hz --json claim submit --id-number $B --settlement S5 --documents-complete
C5=$(jget "$T/out" claim_no)
run_sender "the SMS run" none_due --notices-sender sms --notices-templates "claim.received=SMS_R,claim.approved=SMS_A"
st() { sql "SELECT status || ' ' || COALESCE(last_error, '') FROM notice WHERE object = 'claim:$1' AND kind = '$2'"; }
expect_eq "$(st $C4 claim.received)" "sent " "A's receipt by SMS"
expect_in <(st $C4 claim.docs_missing) "skipped 未配置此类通知的模板" "no template for documents missing: skipped"
expect_in <(st $C4 claim.approved) "skipped 会员已退订" "A opted out of SMS approvals: skipped"
expect_in <(st $C5 claim.received) "skipped 会员未登记手机号" "B has no phone: no SMS"
expect_eq "$(python3 -c 'import json,sys
r=[json.loads(l)["body"] for l in open(sys.argv[1])]
print(len(r), r[0]["to"], r[0]["template_id"], r[0]["params"]["no"])' "$T/r5/recorded")" "1 13800000001 SMS_R $C4" \
  "one SMS, to A's phone, with the template of its kind"
kill $RPID; wait $RPID 2>/dev/null

# ---- the server's own sender thread (config file) and the API
receiver "$T/r6"
cat > "$T/huzhu.conf" <<CONF
notices-sender = webhook
notices-url = $RURL
notices-key-file = $T/key
notices-poll-ms = 50
CONF
printf 'Huzhu-Test-Pass-2026!x\n' | hz user add boss --role admin >/dev/null
printf 'Huzhu-Test-Pass-2026!x\n' | hz user add wang --role member --scope member:$A >/dev/null
"$HUZHU" --db "$DB" --config "$T/huzhu.conf" serve --listen 127.0.0.1:0 --threads 2 2>"$T/serve.log" &
SERVER=$!
PORT=$(wait_served "$T/serve.log" $SERVER)
[ -n "$PORT" ] || { cat "$T/serve.log"; bad "server did not start"; }
expect_in "$T/serve.log" "通知发送 (notices): webhook" "the server says it runs the sender"
expect_exit 0 "A's sixth stay, while the server runs" -- hz --json claim submit --id-number $A --settlement S6 --documents-complete
C6=$(jget "$T/out" claim_no)
c6_recorded() { grep -q "claim:$C6" "$T/r6/recorded" 2>/dev/null; }
wait_for "the server's thread delivered C6's notice" c6_recorded
if HZ_BASE="http://127.0.0.1:$PORT" A="$A" C1="$C1" python3 - <<'PY'; then ok; else bad "API checks"; fi
import os, sys
sys.path.insert(0, os.environ["HZ_SRC"] + "/tests/http")
from common import req, check, finish
pw = "Huzhu-Test-Pass-2026!x"
def login(u):
    s, b = req("POST", "/api/v1/session", {"login": u, "password": pw})
    assert s == 200, (u, s, b)
    return b["token"]
member, boss = login("wang"), login("boss")
s, b = req("GET", "/api/v1/me/notices", token=member)
check(s == 200 and b["total"] > 5, "the member's messages: %s %s" % (s, b))
objs = {n["object"] for n in b["items"]}
check(all(o.startswith("claim:") or o.startswith("relief:") for o in objs), "only claims and grants")
check(not any("id_number" in n or "status" in n for n in b["items"]), "no delivery internals, no ID number")
paid = [n for n in b["items"] if n["kind"] == "claim.paid"]
check(len(paid) == 1 and paid[0]["object"] == "claim:" + os.environ["C1"] and paid[0]["detail"]["lines"][0]["cap_left"],
      "the paid message with its statement")
s, b = req("GET", "/api/v1/notices", token=member)
check(s == 403, "a member cannot list the outbox: %s" % s)
s, b = req("GET", "/api/v1/notices?status=sent&per_page=500", token=boss)
check(s == 200 and b["total"] >= 10 and b["items"][0]["status"] == "sent", "staff list: %s" % s)
s, b = req("GET", "/api/v1/me/notices", token=boss)
check(s == 403, "staff have no messages of their own: %s" % s)
s, b = req("POST", "/api/v1/notices/%s/retry" % b.get("items", [{}])[0].get("no", "x") if False else "/api/v1/notices/TZ0000000001/retry", token=boss)
check(s == 409, "a sent notice is not retried: %s" % s)
s, b = req("POST", "/api/v1/notice-prefs", {"channel": "sms", "kind": "*", "off": True}, token=member)
check(s == 200 and {"channel": "sms", "kind": "*"} in b["opted_out"], "the member opts out of all SMS: %s %s" % (s, b))
s, b = req("POST", "/api/v1/notice-prefs", {"id_number": "110101199003077777", "channel": "sms", "kind": "*", "off": True}, token=member)
check(s == 404 or s == 400, "not another member's: %s" % s)
s, b = req("GET", "/api/v1/notice-prefs?id_number=" + os.environ["A"], token=boss)
check(s == 200 and len(b["opted_out"]) == 2, "staff see the member's opt-outs: %s" % b)
finish()
PY
kill -TERM $SERVER; wait $SERVER || bad "server exit $?"
expect_eq "$(grep -c "claim:$C6" "$T/r6/recorded")" "$(sql "SELECT COUNT(*) FROM notice WHERE object = 'claim:$C6'")" \
  "each of C6's messages recorded once"
kill $RPID; wait $RPID 2>/dev/null

finish
