# P9 of quality.md: two `huzhu serve` processes on one database take claims at
# once. One member's thirty stays race through both servers against the
# 20,000.00 cap while twenty other members' claims go through beside them:
# the cap holds to the fen, every ledger equals its lines, every claim is
# stored once, and the audit chain and `huzhu check` hold. On PostgreSQL the
# claims of different members no longer wait for one another (docs/decisions.md).
. "$(dirname "$0")/lib.bash"
UNIT=91610000MA6TG00007
ID=610102199001011231
hz init >/dev/null
hz org add --code XA --name 西安市总工会 >/dev/null
hz unit add --code $UNIT --name 测试单位 --org XA >/dev/null
hz member add --id-number $ID --name 张三 --unit $UNIT --bank-card 62170000000000004 >/dev/null
hz enroll --id-number $ID --plan ZY --start 2026-01-01 >/dev/null
OTHERS=""
NAMES=(赵一 钱二 孙三 李四 周五 吴六 郑七 王八 冯九 陈十 褚甲 卫乙 蒋丙 沈丁 韩戊 杨己 朱庚 秦辛 尤壬 许癸)
for i in $(seq 1 20); do
  o=$(python3 -c 'import sys
b = "6101021985%02d%02d%03d" % (1 + int(sys.argv[1]) % 12, 1 + int(sys.argv[1]), 100 + int(sys.argv[1]))
w = [7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2]
print(b + "10X98765432"[sum(int(c) * k for c, k in zip(b, w)) % 11])' "$i")
  hz member add --id-number "$o" --name "${NAMES[$((i - 1))]}" --unit $UNIT --bank-card 62170000000000004 >/dev/null
  hz enroll --id-number "$o" --plan ZY --start 2026-01-01 >/dev/null
  OTHERS="$OTHERS $o"
done
{
  echo setl_id,certno,med_type,adm_date,dscg_date,main_diag_code,medfee_sumamt,fund_pay_sumamt,psn_selfpay,psn_ownpay
  for i in $(seq 1 30); do
    printf 'R%02d,%s,21,2026-%02d-%02d,2026-%02d-%02d,I21.0,60000.00,30000.00,21300.00,0\n' "$i" "$ID" $((4 + i % 7)) $((1 + i % 27)) $((4 + i % 7)) $((2 + i % 27))
  done
  i=0
  for o in $OTHERS; do
    i=$((i + 1))
    printf 'S%02d,%s,21,2026-05-%02d,2026-05-%02d,I21.0,20000.00,10000.00,5300.00,0\n' "$i" "$o" "$i" $((i + 1))
  done
} > "$T/feed.csv"
hz import settlements "$T/feed.csv" >/dev/null
printf 'Huzhu-Test-Pass-2026!x\n' | hz user add clerk --role staff >/dev/null

PIDS=()
PORTS=()
for s in 1 2; do
  # fifty requests at once on a loaded machine: one member's thirty queue on its
  # lock, longer than the idle timeout that closes slow clients (R6)
  HUZHU_HTTP_TIMEOUT=600 "$HUZHU" --db "$DB" serve --listen 127.0.0.1:0 --threads 4 2>"$T/serve$s.log" &
  PIDS+=("$!")
  p=$(wait_served "$T/serve$s.log" "$!")
  if [ -z "$p" ]; then cat "$T/serve$s.log"; kill "${PIDS[@]}"; exit 1; fi
  PORTS+=("$p")
done
# every request at once through both servers, alternating
python3 - "${PORTS[@]}" "$ID" "$OTHERS" > "$T/results" <<'PY'
import json, sys, threading, urllib.request, urllib.error
p1, p2, me, others = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4].split()
def call(port, path, body, token=None):
    req = urllib.request.Request("http://127.0.0.1:%s%s" % (port, path), data=json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"}, method="POST")
    if token: req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=120) as r: return r.status, json.load(r)
    except urllib.error.HTTPError as e: return e.code, json.load(e)
tokens = {p: call(p, "/api/v1/session", {"login": "clerk", "password": "Huzhu-Test-Pass-2026!x"})[1]["token"] for p in (p1, p2)}
jobs = [(me, "R%02d" % i) for i in range(1, 31)] + [(o, "S%02d" % (i + 1)) for i, o in enumerate(others)]
jobs = [j for pair in zip(jobs[:30], jobs[30:] + [None] * 10) for j in pair if j]
out, gate = [], threading.Barrier(len(jobs))
def run(k, idn, setl):
    port = (p1, p2)[k % 2]
    gate.wait()
    st, body = call(port, "/api/v1/claims", {"id_number": idn, "settlements": [setl], "documents_complete": True}, tokens[port])
    out.append("%s %s %d %s" % (idn, setl, st, body.get("claim_no", body.get("error", ""))))
ts = [threading.Thread(target=run, args=(k, i, s)) for k, (i, s) in enumerate(jobs)]
for t in ts: t.start()
for t in ts: t.join()
print("\n".join(sorted(out)))
PY
for p in "${PIDS[@]}"; do kill -TERM "$p"; wait "$p" || bad "server exit"; done
expect_eq "$(awk '$3 == 201 || $3 == 200' "$T/results" | wc -l)" "50" "all fifty claims accepted: $(awk '$3 != 201 && $3 != 200' "$T/results" | head -3)"
expect_eq "$(sql "SELECT count(*) FROM claim")" "50" "fifty claims stored"
expect_eq "$(sql "SELECT sum(l.amount) FROM claim_line l JOIN claim c ON c.id = l.claim_id JOIN member m ON m.id = c.member_id WHERE m.id_number = '$ID'")" "2000000" "the racing member is paid exactly the cap"
expect_eq "$(sql "SELECT l.paid FROM ledger l JOIN coverage v ON v.id = l.coverage_id JOIN member m ON m.id = v.member_id WHERE m.id_number = '$ID'")" "2000000" "the racing member's ledger equals the cap"
# every other member: (5300.00 - 1300.00) x 20% = 800.00
expect_eq "$(sql "SELECT count(*) FROM claim c JOIN member m ON m.id = c.member_id WHERE m.id_number <> '$ID' AND c.total = 80000")" "20" "the other members' claims paid in full"
expect_eq "$(sql "SELECT count(*) FROM ledger l WHERE l.paid <> (SELECT COALESCE(sum(x.amount), 0) FROM claim_line x WHERE x.coverage_id = l.coverage_id AND x.period = l.period AND x.component = l.component)")" "0" "every ledger equals its lines"
expect_eq "$(sql "SELECT count(*) FROM claim c WHERE total <> (SELECT sum(amount) FROM claim_line l WHERE l.claim_id = c.id)")" "0" "totals equal the sum of lines"
expect_exit 0 "audit chain intact" -- hz audit verify
finish
