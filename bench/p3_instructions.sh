#!/usr/bin/env bash
# P3's instructions per request, which do not depend on the machine's load:
# `huzhu serve` under callgrind on BENCH_P3_MEMBERS members (default 100,000,
# the roster of bench/http.sh), one kept-alive client sending
# BENCH_P3_REQUESTS GET /api/v1/members/{id} of random members (default
# 2,000) after 300 to warm up; counters zeroed between the two. Prints the
# instructions per request and leaves the profile (callgrind_annotate
# --inclusive=yes FILE) in BENCH_P3_OUT (default /tmp/p3_callgrind).
#   BENCH_P3_BIN=path     another binary (a build of an older commit)
#   BENCH_P3_PATH=/healthz  another request (the server's floor)
set -eu
cd "$(dirname "$0")/.."
N=${BENCH_P3_MEMBERS:-100000}
R=${BENCH_P3_REQUESTS:-2000}
H=${BENCH_P3_BIN:-$PWD/build/huzhu}
OUT=${BENCH_P3_OUT:-/tmp/p3_callgrind}
REQ=${BENCH_P3_PATH:-/api/v1/members/}
W=$(mktemp -d "${TMPDIR:-/tmp}/hz_p3.XXXXXX")
VP=""
cleanup() { [ -n "$VP" ] && kill "$VP" 2>/dev/null; rm -rf "$W"; }
trap cleanup EXIT
UNIT=91610000MA6TG00007
DB="sqlite:$W/hz.db"
"$H" --db "$DB" init >/dev/null
"$H" --db "$DB" org add --code XA --name 西安市总工会 >/dev/null
"$H" --db "$DB" unit add --code $UNIT --name 基准单位 --org XA >/dev/null
"$H" gen roster "$N" --out "$W/r.csv" --seed 7 >/dev/null
"$H" --db "$DB" import roster "$W/r.csv" --unit $UNIT --plan ZY --plan ZJ --start 2026-01-01 >/dev/null
echo "bench-admin-pass" | "$H" --db "$DB" user add bench --role admin >/dev/null
cut -d, -f2 "$W/r.csv" | tail -n +2 > "$W/ids.txt"
PORT=$((18300 + RANDOM % 500))
valgrind --tool=callgrind --callgrind-out-file="$OUT.%p" "$H" --db "$DB" serve --listen 127.0.0.1:$PORT --threads 4 \
  2>"$W/serve.log" &
VP=$!
for _ in $(seq 1200); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
client() { # COUNT SEED: requests on one kept-alive connection; prints the token first
  python3 - "$PORT" "$1" "$W/ids.txt" "$2" "$REQ" "${TOKEN:-}" <<'PY'
import http.client, json, random, sys
port, n, ids, seed, path, tok = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5], sys.argv[6]
ids = [l.strip() for l in open(ids)]
c = http.client.HTTPConnection("127.0.0.1", port)
if not tok:
    c.request("POST", "/api/v1/session", body=json.dumps({"login": "bench", "password": "bench-admin-pass"}))
    tok = json.loads(c.getresponse().read())["token"]
print(tok)
rnd = random.Random(seed)
bad = 0
for _ in range(n):
    c.request("GET", path + (rnd.choice(ids) if path.endswith("/") else ""), headers={"Authorization": "Bearer " + tok})
    r = c.getresponse()
    r.read()
    bad += r.status != 200
if bad:
    sys.exit("%d answers were not 200" % bad)
PY
}
TOKEN=$(client 300 99 | head -1)
callgrind_control -z "$VP" >/dev/null
TOKEN=$TOKEN client "$R" 7 >/dev/null
callgrind_control -d "$VP" >/dev/null
kill "$VP"
wait "$VP" 2>/dev/null || true
f="$OUT.$VP.1"
VP=""
ir=$(callgrind_annotate "$f" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}')
echo "P3 instructions per request ($REQ, $N members, $R requests): $((ir / R)) (profile: $f)"
