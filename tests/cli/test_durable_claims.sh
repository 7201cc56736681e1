# P4 of issue 19: a claim answered 201 is on disk. Forty claims are posted at
# once to a server with four threads (SQLite commits them in groups, one
# WAL sync per group: docs/decisions.md); the moment the last answer is in,
# the server is killed with SIGKILL. Reopened, the database holds every
# claim that was answered, each once, with its lines and ledger, and
# `huzhu check` passes. (A kill keeps what the kernel already holds; that
# the sync comes before the answer is the driver's order: commit, sync,
# return.) On PostgreSQL the durability is PostgreSQL's own
# (synchronous_commit on).
. "$(dirname "$0")/lib.bash"
UNIT=91610000MA6TG00007
hz init >/dev/null
hz org add --code XA --name 西安市总工会 >/dev/null
hz unit add --code $UNIT --name 测试单位 --org XA >/dev/null
"$HUZHU" gen roster 200 --out "$T/r.csv" --seed 19 >/dev/null
hz import roster "$T/r.csv" --unit $UNIT --plan ZY --plan ZJ --start 2026-01-01 >/dev/null
"$HUZHU" gen settlements 200 --roster "$T/r.csv" --out "$T/s.csv" --seed 19 >/dev/null
hz import settlements "$T/s.csv" >/dev/null
printf 'Huzhu-Test-Pass-2026!x\n' | hz user add clerk --role staff >/dev/null
cut -d, -f1,2 "$T/s.csv" | tail -n +2 | head -40 > "$T/jobs"

HUZHU_HTTP_TIMEOUT=600 "$HUZHU" --db "$DB" serve --listen 127.0.0.1:0 --threads 4 2>"$T/serve.log" &
SERVER=$!
PORT=$(wait_served "$T/serve.log" "$SERVER")
if [ -z "$PORT" ]; then cat "$T/serve.log"; kill "$SERVER"; exit 1; fi
# all forty at once; SIGKILL as soon as the last answer has arrived
python3 - "$PORT" "$T/jobs" "$SERVER" > "$T/answered" <<'PY'
import json, os, signal, sys, threading, urllib.request, urllib.error
port, jobs, server = sys.argv[1], [l.strip().split(",") for l in open(sys.argv[2])], int(sys.argv[3])
def call(path, body, token=None):
    req = urllib.request.Request("http://127.0.0.1:%s%s" % (port, path), data=json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"}, method="POST")
    if token: req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=300) as r: return r.status, json.load(r)
    except urllib.error.HTTPError as e: return e.code, json.load(e)
token = call("/api/v1/session", {"login": "clerk", "password": "Huzhu-Test-Pass-2026!x"})[1]["token"]
out, gate = [], threading.Barrier(len(jobs))
def run(setl, idn):
    gate.wait()
    st, body = call("/api/v1/claims", {"id_number": idn, "settlements": [setl], "documents_complete": True}, token)
    out.append("%d %s %s" % (st, setl, body.get("claim_no", body.get("error", ""))))
ts = [threading.Thread(target=run, args=(s, i)) for s, i in jobs]
for t in ts: t.start()
for t in ts: t.join()
os.kill(server, signal.SIGKILL)
print("\n".join(sorted(out)))
PY
{ wait "$SERVER"; } 2>/dev/null
expect_eq "$(awk '$1 == 201' "$T/answered" | wc -l)" "40" "all forty claims answered 201: $(awk '$1 != 201' "$T/answered" | head -3)"
awk '$1 == 201 {print $3}' "$T/answered" | sort > "$T/want"
sql "SELECT claim_no FROM claim ORDER BY claim_no" | sort > "$T/got"
expect_eq "$(comm -23 "$T/want" "$T/got" | wc -l)" "0" "every answered claim is in the database after the kill: $(comm -23 "$T/want" "$T/got" | head -3)"
expect_eq "$(sql "SELECT count(*) FROM claim")" "40" "each claim stored once"
expect_eq "$(sql "SELECT count(*) FROM claim c WHERE total <> (SELECT COALESCE(sum(amount), 0) FROM claim_line l WHERE l.claim_id = c.id)")" "0" "totals equal the sum of lines"
expect_eq "$(sql "SELECT count(*) FROM ledger l WHERE l.paid <> (SELECT COALESCE(sum(x.amount), 0) FROM claim_line x WHERE x.coverage_id = l.coverage_id AND x.period = l.period AND x.component = l.component)")" "0" "every ledger equals its lines"
sqlite_only && expect_eq "$(sql 'PRAGMA integrity_check')" "ok" "integrity after the kill"
expect_exit 0 "audit chain intact after the kill" -- hz audit verify
finish
