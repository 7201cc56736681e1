# The claim page and the member's claim (issue 16), through the CLI and the
# API: a claim approved with nothing to pay is closed (结案, 无给付) and never
# batched — all lines refused (waiting period), and a resubmission that comes
# out at 0.00 — while a paying claim with two ZY stays is batched; the report
# counts closed claims apart; GET /claims/{no} has each stay (dates,
# hospital, diagnoses), the caps used and left, and the checklist item by
# item with who recorded each document and when; a member lists their own
# settled stays to claim and never another member's.
. "$(dirname "$0")/lib.bash"
UNIT=91610000MA6TG00007
ZHANG=610102199001011231
HE=610102198505060024
hz init >/dev/null
hz org add --code XA --name 西安市总工会 >/dev/null
hz unit add --code $UNIT --name "五环(集团)纺织" --org XA >/dev/null
hz member add --id-number $ZHANG --name 张三 --unit $UNIT --bank-card 62170000000000004 --bank-name 长安银行 >/dev/null
hz member add --id-number $HE --name 何女士 --unit $UNIT --bank-card 6217000000000000004 --bank-name 中国工商银行西安分行 >/dev/null
hz enroll --id-number $ZHANG --plan ZY --start 2026-01-01 >/dev/null
hz enroll --id-number $HE --plan ZY --start 2026-01-01 >/dev/null
cat > "$T/feed.csv" <<CSV
$FEED_HEADER
ZW1,$ZHANG,张三,1,H61010002,西安市中心医院,3,21,2026-02-01,2026-02-10,J18.9,,5000.00,2000.00,3000.00,0.00,0,2026-02-10 10:00:00
ZLOW,$ZHANG,张三,1,H61010002,西安市中心医院,3,21,2026-05-01,2026-05-05,K35.8,,3000.00,2000.00,1000.00,0.00,0,2026-05-05 10:00:00
ZP1,$ZHANG,张三,1,H61010001,西京医院,3,21,2026-06-01,2026-06-20,I21.0,I10;E11.9,30000.00,18700.00,11300.00,0.00,0,2026-06-20 10:00:00
ZP2,$ZHANG,张三,1,H61010003,交大一附院,3,21,2026-08-01,2026-08-10,I20.0,,12000.00,6350.00,5650.00,0.00,0,2026-08-10 10:00:00
ZDOC,$ZHANG,张三,1,H61010002,西安市中心医院,3,21,2026-09-01,2026-09-06,J20.9,,4000.00,1000.00,3000.00,0.00,0,2026-09-06 10:00:00
ZFREE,$ZHANG,张三,1,H61010002,西安市中心医院,3,21,2026-10-01,2026-10-08,J18.0,,6000.00,2500.00,3500.00,0.00,0,2026-10-08 10:00:00
HFREE,$HE,何女士,2,H61010001,西京医院,3,21,2026-10-02,2026-10-09,N39.0,,6000.00,2500.00,3500.00,0.00,0,2026-10-09 10:00:00
CSV
expect_exit 0 "feed" -- hz import settlements "$T/feed.csv"

# approved when documents are complete, unless sampled for review: then the reviewer approves
decide() {
  local no=$1
  [ "$(claim_status "$no")" = adjudicated ] && hz claim approve "$no" >/dev/null
  claim_status "$no"
}

# 1. every line refused (waiting period): approved with nothing to pay is closed
expect_exit 0 "waiting-period claim" -- hz --json claim submit --id-number $ZHANG --settlement ZW1 --documents-complete
W=$(jget "$T/out" claim_no)
expect_eq "$(jget "$T/out" lines.0.reason)" "WAITING" "the line says why"
expect_eq "$(jget "$T/out" total)" "0.00" "pays nothing"
expect_eq "$(decide "$W")" "closed" "a claim that pays nothing is closed, not left approved"
expect_eq "$(sql "SELECT ready FROM payable WHERE payable_no = '$W'")" "0" "its payable never waits for the bank"
expect_exit 0 "closed claim shown" -- hz claim show "$W"
expect_in "$T/out" "closed" "claim show names the status"

# 2. rejected, resubmitted, and the resubmission comes out at 0.00: closed too
expect_exit 0 "below-deductible claim" -- hz --json claim submit --id-number $ZHANG --settlement ZLOW
L1=$(jget "$T/out" claim_no)
expect_exit 0 "reject it" -- hz claim reject "$L1" --reason "出院证与结算不符, 请补正"
expect_exit 0 "resubmit" -- hz --json claim submit --id-number $ZHANG --settlement ZLOW --documents-complete --resubmit-of "$L1"
L2=$(jget "$T/out" claim_no)
expect_eq "$(jget "$T/out" lines.0.reason)" "BELOW_DEDUCTIBLE" "below the deductible"
expect_eq "$(decide "$L2")" "closed" "a resubmission that pays nothing is closed"
expect_eq "$(claim_status "$L1")" "rejected" "the rejected claim stays rejected"
expect_exit 3 "a closed claim is not approved again" -- hz claim approve "$L2"

# 3. a paying claim with two ZY stays is approved and batched; the closed ones are not
expect_exit 0 "two stays" -- hz --json claim submit --id-number $ZHANG --settlement ZP1 --settlement ZP2 --documents-complete
P=$(jget "$T/out" claim_no)
expect_eq "$(decide "$P")" "approved" "a paying claim waits for the bank"
expect_exit 0 "batch" -- hz --json pay batch --out "$T/batch.csv"
expect_eq "$(jget "$T/out" count)" "1" "one payment in the batch: the paying claim alone"
expect_in "$T/batch.csv" "$P" "the paying claim is in the bank file"
expect_not_in "$T/batch.csv" "$W" "the closed claim is not"
expect_not_in "$T/batch.csv" "$L2" "the closed resubmission is not"
expect_exit 0 "batch again" -- hz --json pay batch --out "$T/batch2.csv"
expect_eq "$(jget "$T/out" count)" "0" "a closed claim never reaches a later batch"

# 4. the report counts closed claims apart from those waiting for the bank
expect_exit 0 "claims_status" -- hz report claims_status --from 2026-01-01 --to 2026-12-31 --format json
python3 - "$T/out" > "$T/counts" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
rows = d.get("rows") or d.get("items") or []
n = {}
for r in rows:
    st = r["status"] if isinstance(r, dict) else r[0]
    cnt = r["claims"] if isinstance(r, dict) else r[2]
    n[st] = n.get(st, 0) + int(cnt)
print(" ".join("%s=%s" % kv for kv in sorted(n.items())))
PY
expect_in "$T/counts" "closed=2" "two claims closed with nothing to pay"
expect_in "$T/counts" "rejected=1" "one rejected"

# 5. the API: the claim page's stays, caps and checklist; the member's stays
printf 'Huzhu-Test-Pass-2026!s\n' | hz user add desk --role staff >/dev/null
printf 'Huzhu-Test-Pass-2026!m\n' | hz user add zhang --role member --scope member:$ZHANG >/dev/null
printf 'Huzhu-Test-Pass-2026!m\n' | hz user add he --role member --scope member:$HE >/dev/null
export HUZHU_BATCH_DIR="$T/batches"
"$HUZHU" --db "$DB" serve --listen 127.0.0.1:0 --threads 2 2>"$T/serve.log" &
SERVER=$!
PORT=$(wait_served "$T/serve.log" $SERVER)
[ -n "$PORT" ] || { cat "$T/serve.log"; kill $SERVER; exit 1; }
HZ_BASE="http://127.0.0.1:$PORT" ZHANG=$ZHANG HE=$HE P=$P W=$W python3 - > "$T/api.out" 2>&1 <<'PY'
import json, os, sys
sys.path.insert(0, os.path.join(os.environ["HZ_SRC"], "tests", "http"))
from common import check, req, finish
ZHANG, HE, P, W = (os.environ[k] for k in ("ZHANG", "HE", "P", "W"))
def login(u, pw):
    s, b = req("POST", "/api/v1/session", {"login": u, "password": pw})
    check(s == 200, "login %s: %s %s" % (u, s, b))
    return b.get("token")
staff, mz, mh = login("desk", "Huzhu-Test-Pass-2026!s"), login("zhang", "Huzhu-Test-Pass-2026!m"), login("he", "Huzhu-Test-Pass-2026!m")

s, c = req("GET", "/api/v1/claims/" + P, token=staff)
check(s == 200, "claim page: %s" % s)
stays = {x["setl_id"]: x for x in c.get("stays", [])}
check(set(stays) == {"ZP1", "ZP2"}, "both stays: %s" % list(stays))
check(stays.get("ZP1", {}).get("adm_date") == "2026-06-01" and stays["ZP1"]["dscg_date"] == "2026-06-20"
      and stays["ZP1"]["hospital"] == "西京医院" and stays["ZP1"]["main_diag_code"] == "I21.0"
      and stays["ZP1"]["diag_codes"] == ["I10", "E11.9"] and stays["ZP1"]["days"] == 19, "stay 1: %s" % stays.get("ZP1"))
check(stays.get("ZP2", {}).get("hospital") == "交大一附院", "stay 2 is told apart: %s" % stays.get("ZP2"))
zy = [l for l in c["lines"] if l["plan"] == "ZY"]
check(len(zy) == 2 and {l["setl_id"] for l in zy} == {"ZP1", "ZP2"}, "two ZY lines, one per stay")
caps = [x for x in c.get("caps", []) if x["plan"] == "ZY"]
check(len(caps) == 1 and caps[0]["cap"] == "20000.00" and caps[0]["state"] == "valid", "ZY cap: %s" % caps)
paid = sum(int(l["amount"].replace(".", "")) for l in zy)
if caps:
    used = int(caps[0]["used"].replace(".", ""))
    check(used == paid, "used is what the term's lines took: %s vs %s" % (caps[0]["used"], paid))
    check(int(caps[0]["left"].replace(".", "")) == 2000000 - used, "left = cap - used: %s" % caps[0])
chk = {x["kind"]: x for x in c.get("checklist", [])}
check(chk.get("id_card", {}).get("received") and chk["id_card"]["received_by"] == "cli"
      and chk["id_card"]["received_at"], "who and when of each document: %s" % chk.get("id_card"))
check(c.get("decided_by") and c.get("decided_at"), "who decided and when")

# the checklist item by item through the API
s, d = req("POST", "/api/v1/claims", {"id_number": ZHANG, "settlements": ["ZDOC"]}, token=staff)
check(s == 201 and d["status"] == "received", "claim waiting for documents: %s %s" % (s, d.get("status")))
no = d.get("claim_no")
s, d = req("POST", "/api/v1/claims/%s/documents" % no, {"received": ["id_card"]}, token=staff)
check(s == 200 and d["status"] == "received", "one document: still waiting")
s, c = req("GET", "/api/v1/claims/" + no, token=staff)
chk = {x["kind"]: x for x in c.get("checklist", [])}
check(chk["id_card"]["received"] and chk["id_card"]["received_by"] == "desk", "id card by desk: %s" % chk["id_card"])
check(chk["discharge_certificate"]["required"] and not chk["discharge_certificate"]["received"]
      and chk["discharge_certificate"]["received_at"] is None, "the discharge certificate is missing")
s, d = req("POST", "/api/v1/claims/%s/documents" % no, {"received": ["discharge_certificate"]}, token=staff)
check(s == 200 and d["status"] in ("adjudicated", "approved"), "complete: the clock starts: %s" % d.get("status"))

# closed claims through the API: their own status, not in 已审批待支付, clock stopped
s, c = req("GET", "/api/v1/claims/" + W, token=staff)
check(c.get("status") == "closed" and c.get("sla_days") == 0, "closed, the clock stopped: %s %s" % (c.get("status"), c.get("sla_days")))
s, l = req("GET", "/api/v1/claims?status=closed&per_page=50", token=staff)
check(s == 200 and l["total"] == 2 and all(x["status"] == "closed" for x in l["items"]), "closed list: %s" % l.get("total"))
s, l = req("GET", "/api/v1/claims?status=approved&per_page=50", token=staff)
check(all(x["total"] != "0.00" for x in l["items"]), "nothing of 0.00 waits in the approved list")

# the member: their own settled stays to pick, coverage status; never another member's
s, m = req("GET", "/api/v1/members/%s/stays?unclaimed=1" % ZHANG, token=mz)
check(s == 200 and [x["setl_id"] for x in m["items"]] == ["ZFREE"], "unclaimed stays: %s %s" % (s, m))
check(m.get("coverages") and m["coverages"][0]["plan"] == "ZY" and m["coverages"][0]["state"] == "valid", "coverage status")
s, m = req("GET", "/api/v1/members/%s/stays" % ZHANG, token=mz)
check(s == 200 and {x["setl_id"]: x["claim_no"] for x in m["items"]}.get("ZP1") == P, "claimed stays name their claim")
s, o = req("GET", "/api/v1/members/%s/stays" % HE, token=mz)
check(s in (403, 404) and "HFREE" not in json.dumps(o), "another member's stays: %s" % s)
s, h = req("GET", "/api/v1/members/%s/stays" % HE, token=mh)
check(s == 200 and [x["setl_id"] for x in h["items"]] == ["HFREE"], "her own")
ref = h.get("items") and None
s, me = req("GET", "/api/v1/members/" + HE, token=mh)
s, o = req("GET", "/api/v1/members/%s/stays" % me.get("ref"), token=mz)
check(s in (403, 404) and "HFREE" not in json.dumps(o), "another member's stays by ref: %s" % s)
s, o = req("GET", "/api/v1/claims/" + P, token=mh)
check(s in (403, 404), "another member's claim: %s" % s)
s, d = req("POST", "/api/v1/claims", {"id_number": ZHANG, "settlements": ["ZFREE"], "documents_complete": True}, token=mz)
check(s == 201 and d["lines"][0]["setl_id"] == "ZFREE", "the member claims a stay picked from the list: %s" % s)
s, m = req("GET", "/api/v1/members/%s/stays?unclaimed=1" % ZHANG, token=mz)
check(s == 200 and m["items"] == [], "nothing left to claim")
finish()
PY
rc=$?
kill -TERM $SERVER
wait $SERVER
sed 's/^/  api: /' "$T/api.out"
if [ $rc = 0 ]; then ok; else bad "API checks"; fi

# 6. a closed claim's clock stays stopped: three weeks on, the paying claim
# still waiting for the bank is overdue, the closed ones are not, and the sla
# report counts only claims that owe money
HUZHU_TODAY=2026-12-20 expect_exit 0 "overdue three weeks on" -- hz --json claims overdue
expect_in "$T/out" "$P" "the unpaid paying claim is overdue"
expect_not_in "$T/out" "$W" "a closed claim never falls overdue"
expect_not_in "$T/out" "$L2" "nor a closed resubmission"
HUZHU_TODAY=2026-12-20 expect_exit 0 "closed claim three weeks on" -- hz --json claim show "$W"
expect_eq "$(jget "$T/out" sla_days)" "0" "its clock stopped at the decision"
HUZHU_TODAY=2026-12-20 expect_exit 0 "sla report" -- hz report sla --from 2026-01-01 --to 2026-12-31 --format json
OWING=$(sql "SELECT COUNT(*) FROM claim WHERE total > 0 AND status <> 'rejected' AND documents_complete_at IS NOT NULL")
expect_eq "$(jget "$T/out" complete)" "$OWING" "the sla report counts the claims that owe money, not the closed"
OPEN=$(sql "SELECT COUNT(*) FROM claim WHERE total > 0 AND status IN ('approved', 'adjudicated') AND documents_complete_at IS NOT NULL")
expect_eq "$(jget "$T/out" overdue_open)" "$OPEN" "overdue: the open claims that owe money"

# 7. an appeal of a closed claim: rejected (its stay released, nothing in the
# journal), resubmitted naming it, and decided again on the same facts
JOURNAL=$(sql "SELECT COUNT(*) FROM transfer")
expect_exit 0 "appeal: the closed claim is rejected" -- hz claim reject "$W" --reason "会员申诉, 复核观察期"
expect_eq "$(claim_status "$W")" "rejected" "the closed claim is rejected for the appeal"
expect_eq "$(sql "SELECT COUNT(*) FROM transfer")" "$JOURNAL" "rejecting 0.00 moves no money"
expect_exit 0 "the appeal resubmitted" -- hz --json claim submit --id-number $ZHANG --settlement ZW1 --documents-complete --resubmit-of "$W"
W2=$(jget "$T/out" claim_no)
expect_eq "$(jget "$T/out" resubmit_of)" "$W" "the new claim names the appealed one"
expect_eq "$(decide "$W2")" "closed" "the same facts close it again"
expect_exit 0 "batch after the appeal" -- hz --json pay batch --out "$T/batch3.csv"
expect_not_in "$T/batch3.csv" "$W2" "the appeal's closed claim is not batched either"
expect_not_in "$T/batch3.csv" "$W" "nor the appealed one"
finish
