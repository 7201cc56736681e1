#!/usr/bin/env bash
# P9 of quality.md: POST /api/v1/claims for different members through 1, 2
# and 4 `huzhu serve` processes on one PostgreSQL; the same total of client
# connections (wrk, one per server) in each run, each request a different
# settlement. Prints table rows; 1 server is the baseline.
#   BENCH_PG_MEMBERS (default 20000), BENCH_PG_SECONDS (default 10)
set -eu
cd "$(dirname "$0")/.."
N=${BENCH_PG_MEMBERS:-20000}
DUR=${BENCH_PG_SECONDS:-10}
H=$PWD/build/huzhu
W=$(mktemp -d "${TMPDIR:-/tmp}/hz_p9.XXXXXX")
dir=$(mktemp -d "${TMPDIR:-/tmp}/hz_p9pg.XXXXXX")
port=$(bash scripts/pg.sh start "$dir")
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  bash scripts/pg.sh stop "$dir"
  rm -rf "$W"
}
trap cleanup EXIT
UNIT=91610000MA6TG00007
psql -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -c "CREATE DATABASE hz"
DB="postgresql://postgres@127.0.0.1:$port/hz"
"$H" --db "$DB" init >/dev/null
"$H" --db "$DB" org add --code XA --name 西安市总工会 >/dev/null
"$H" --db "$DB" unit add --code $UNIT --name 基准单位 --org XA >/dev/null
"$H" gen roster "$N" --out "$W/r.csv" --seed 9 >/dev/null
"$H" --db "$DB" import roster "$W/r.csv" --unit $UNIT --plan ZY --plan ZJ --start 2026-01-01 >/dev/null
echo "bench-admin-pass" | "$H" --db "$DB" user add bench --role admin >/dev/null
"$H" gen settlements "$N" --roster "$W/r.csv" --out "$W/s.csv" --seed 9 >/dev/null
"$H" --db "$DB" import settlements "$W/s.csv" >/dev/null
# inpatient settlements not yet claimed, shuffled once; each run takes its own slice
tail -n +2 "$W/s.csv" | cut -d, -f1,2 | shuf --random-source=<(yes) > "$W/setl.txt"

row() { printf '| %-4s | %-44s | %14s | %-34s | %s |\n' "$@"; }
base=0 slice=0 total=$(wc -l < "$W/setl.txt")
for k in 1 2 4; do
  servers=()
  for i in $(seq "$k"); do
    p=$((18290 + i))
    "$H" --db "$DB" serve --listen 127.0.0.1:$p --threads 4 2>"$W/serve$i.log" &
    servers+=("$!")
    PIDS+=("$!")
  done
  for i in $(seq "$k"); do
    for _ in $(seq 200); do curl -sf "http://127.0.0.1:$((18290 + i))/healthz" >/dev/null && break; sleep 0.05; done
  done
  TOKEN=$(curl -s -X POST "http://127.0.0.1:18291/api/v1/session" -d '{"login":"bench","password":"bench-admin-pass"}' |
          python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
  # a third of the settlements per run, split between the servers
  per=$((total / 3 / k))
  outs=()
  for i in $(seq "$k"); do
    sed -n "$((slice + (i - 1) * per + 1)),$((slice + i * per))p" "$W/setl.txt" > "$W/setl$k.$i.txt"
    HZ_BENCH_TOKEN=$TOKEN HZ_BENCH_SETL=$W/setl$k.$i.txt HZ_BENCH_THREADS=1 \
      wrk -c$((16 / k)) -t1 -d"${DUR}s" --latency -s bench/post_claim.lua "http://127.0.0.1:$((18290 + i))" \
      > "$W/wrk$k.$i.txt" 2>&1 &
    outs+=("$!")
  done
  for w in "${outs[@]}"; do wait "$w"; done
  slice=$((slice + total / 3))
  rps=$(cat "$W"/wrk$k.*.txt | awk '/Requests\/sec/ {s += $2} END {printf "%.0f", s}')
  bad=$(cat "$W"/wrk$k.*.txt | awk '/Non-2xx/ {s += $NF} END {print s + 0}')
  p99=$(cat "$W"/wrk$k.*.txt | awk '$1 == "99%" {print $2}' | sort -h | tail -1)
  for s in "${servers[@]}"; do kill "$s"; wait "$s" 2>/dev/null || true; done
  [ "$k" = 1 ] && base=$rps
  row P9 "POST /claims, $k server(s) on one PostgreSQL" "$rps req/s" "1 server: $base req/s" \
      "$(awk -v a="$rps" -v b="$base" 'BEGIN{printf "%.2f x", a/b}') p99 $p99, non-2xx $bad (target >= 2.5 x at 4)"
done
"$H" --db "$DB" check >/dev/null || { echo "huzhu check failed after P9" >&2; exit 1; }
