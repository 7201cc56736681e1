#!/usr/bin/env bash
# P9 of quality.md: POST /api/v1/claims for different members through 1, 2
# and 4 `huzhu serve` processes on one PostgreSQL; the same total of client
# connections (wrk, one per server) in each run, each request a different
# settlement. Runs go in rounds (1, 2, 4 servers, then again) so that the
# neighbours' load falls on every count alike; each row is the median of
# the rounds. Besides the rate, each run measures where a claim's time goes:
#   cpu ms/claim  CPU time (utime + stime, /proc/PID/stat) of the huzhu
#                 servers and of the PostgreSQL processes over the run,
#                 divided by the claims stored in it
#   stmts/claim   statements executed (pg_stat_statements) per claim
#   waits         pg_locks sampled every 50 ms: backends waiting on the
#                 serial lock 7462 (audit chain), on member locks (7463),
#                 on the write lock 7461; "holder idle" is how often the
#                 serial lock's holder sat idle in its transaction, waiting
#                 for its huzhu server (a round trip inside the lock)
# and the last row is the ceiling the machine allows: 2 cores divided by the
# CPU per claim, against the 1-server rate.
# Each run first warms its servers up for BENCH_PG_WARMUP seconds (default 4:
# a new connection fills PostgreSQL's caches, prepares its statements and
# plans each one 5 times before it keeps a generic plan; 16 of them at 4
# servers), then measures.
#   BENCH_PG_MEMBERS (default 150,000: enough settlements that no server runs out
#   of its slice on an idle machine, where one server stores 300-400 claims/s), BENCH_PG_SECONDS (default 10),
#   BENCH_HUZHU (default build/huzhu), BENCH_RUNS (default 3), BENCH_PG_SLEEP_MS (default 0): the latency-bound
#   variant: a trigger (bench set-up, not huzhu's schema) sleeps this long on
#   every claim insert, inside the member-locked part of the submission, so
#   that a claim waits without spending CPU; throughput then grows with the
#   servers only if nothing after it serialises the claims.
#   BENCH_P9_STATEMENTS=1: each run lists its statements (calls per claim)
set -eu
cd "$(dirname "$0")/.."
N=${BENCH_PG_MEMBERS:-150000}
DUR=${BENCH_PG_SECONDS:-10}
RUNS=${BENCH_RUNS:-3}
SLEEP_MS=${BENCH_PG_SLEEP_MS:-0}
H=${BENCH_HUZHU:-$PWD/build/huzhu}  # another binary to compare
W=$(mktemp -d "${TMPDIR:-/tmp}/hz_p9.XXXXXX")
dir=$(mktemp -d "${TMPDIR:-/tmp}/hz_p9pg.XXXXXX")
port=$(HZ_PG_OPTS="-c shared_preload_libraries=pg_stat_statements" bash scripts/pg.sh start "$dir")
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  bash scripts/pg.sh stop "$dir"
  [ -n "${BENCH_KEEP:-}" ] && echo "kept $W" >&2 || rm -rf "$W"
}
trap cleanup EXIT
UNIT=91610000MA6TG00007
q() { psql -qAt -h 127.0.0.1 -p "$port" -U postgres -d "${2:-hz}" -c "$1"; }
q "CREATE DATABASE hz" postgres
DB="postgresql://postgres@127.0.0.1:$port/hz"
"$H" --db "$DB" init >/dev/null
"$H" --db "$DB" org add --code XA --name 西安市总工会 >/dev/null
"$H" --db "$DB" unit add --code $UNIT --name 基准单位 --org XA >/dev/null
"$H" gen roster "$N" --out "$W/r.csv" --seed 9 >/dev/null
"$H" --db "$DB" import roster "$W/r.csv" --unit $UNIT --plan ZY --plan ZJ --start 2026-01-01 >/dev/null
echo "bench-admin-pass" | "$H" --db "$DB" user add bench --role admin >/dev/null
"$H" gen settlements "$N" --roster "$W/r.csv" --out "$W/s.csv" --seed 9 >/dev/null
"$H" --db "$DB" import settlements "$W/s.csv" >/dev/null
q "VACUUM ANALYZE" # not in the first run's time: autovacuum after the imports
q "CREATE EXTENSION pg_stat_statements"
if [ "$SLEEP_MS" != 0 ]; then
  q "CREATE FUNCTION bench_sleep() RETURNS trigger LANGUAGE plpgsql AS \$\$ BEGIN PERFORM pg_sleep($SLEEP_MS / 1000.0); RETURN NEW; END \$\$;
     CREATE TRIGGER bench_sleep AFTER INSERT ON claim FOR EACH ROW EXECUTE FUNCTION bench_sleep()"
fi
# inpatient settlements not yet claimed, shuffled once; each run takes its own slice
tail -n +2 "$W/s.csv" | cut -d, -f1,2 | shuf --random-source=<(yes) > "$W/setl.txt"
total=$(wc -l < "$W/setl.txt")
pm=$(head -1 "$dir/data/postmaster.pid")

# "pid ticks" of the given processes and of every PostgreSQL process
ticks() {
  for p in "$@" $(ps --ppid "$pm" -o pid=); do
    [ -r "/proc/$p/stat" ] && awk -v p="$p" '{sub(/.*\) /, ""); print p, $12 + $13}' "/proc/$p/stat" 2>/dev/null
  done
  true
}
# CPU seconds between two snapshots (processes that started in between count from 0)
cpu_delta() { awk 'NR == FNR {a[$1] = $2; next} {s += $2 - a[$1]} END {printf "%.3f", s / '"$(getconf CLK_TCK)"'}' "$1" "$2"; }
SAMPLE="SELECT (SELECT count(*) FROM pg_locks WHERE NOT granted AND locktype = 'advisory' AND classid = 0 AND objid = 7462 AND objsubid = 1),
 (SELECT count(*) FROM pg_locks WHERE NOT granted AND locktype = 'advisory' AND classid = 7463 AND objsubid = 2),
 (SELECT count(*) FROM pg_locks WHERE NOT granted AND locktype = 'advisory' AND classid = 0 AND objid = 7461 AND objsubid = 1),
 (SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.granted AND l.locktype = 'advisory'
    AND l.classid = 0 AND l.objid = 7462 AND l.objsubid = 1 AND a.state = 'idle in transaction'),
 (SELECT count(*) FROM pg_locks WHERE granted AND locktype = 'advisory' AND classid = 0 AND objid = 7462 AND objsubid = 1),
 (SELECT count(*) FROM pg_stat_activity WHERE datname = 'hz' AND state <> 'idle'),
 (SELECT count(*) FROM pg_stat_activity WHERE datname = 'hz' AND state = 'active');"

# CPU seconds of this shell's reaped children (bash's `times`, second line)
# (`times` itself must run in this shell, not in a $( ) subshell)
children_cpu() { tail -1 "$1" | tr 'ms' '  ' | awk '{print $1 * 60 + $2 + $3 * 60 + $4}'; }
median() { sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
WARM=${BENCH_PG_WARMUP:-4}
slice=0 per_run=$((total / 3 / RUNS))
wrk_claims() { # k seconds file-prefix: one wrk per server, 16 connections in all
  local k=$1 secs=$2 f=$3 i
  outs=()
  for i in $(seq "$k"); do
    HZ_BENCH_TOKEN=$TOKEN HZ_BENCH_SETL=$f.$i.txt HZ_BENCH_THREADS=1 \
      wrk -c$((16 / k)) -t1 -d"${secs}s" --latency -s bench/post_claim.lua "http://127.0.0.1:$((18290 + i))" \
      > "$f.$i.out" 2>&1 &
    outs+=("$!")
  done
}
for r in $(seq "$RUNS"); do
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
    # this run's slice of the settlements, split between the servers: two
    # fifths to warm up, the rest measured. A server that runs out of its
    # rows starts again at its first (post_claim.lua) and is answered 409
    # (already claimed) in about a millisecond: on an idle machine a quarter
    # was too few for the 4-second warm-up (session 10: non-2xx at 2 and 4
    # servers, every one a 409 of the warm-up)
    wper=$((per_run * 2 / 5 / k)) per=$((per_run * 3 / 5 / k))
    rm -f "$W"/wrk$k.*
    for i in $(seq "$k"); do
      sed -n "$((slice + (i - 1) * wper + 1)),$((slice + i * wper))p" "$W/setl.txt" > "$W/warm$k.$i.txt"
      sed -n "$((slice + k * wper + (i - 1) * per + 1)),$((slice + k * wper + i * per))p" "$W/setl.txt" > "$W/wrk$k.$i.txt"
    done
    slice=$((slice + per_run))
    if [ "$WARM" != 0 ]; then
      wrk_claims "$k" "$WARM" "$W/warm$k"
      for w in "${outs[@]}"; do wait "$w"; done
    fi
    c0=$(q "SELECT count(*) FROM claim")
    q "SELECT pg_stat_statements_reset()" >/dev/null
    { echo "SELECT 'sampler|' || pg_backend_pid();" # its own CPU is left out of PostgreSQL's
      for _ in $(seq $((DUR * 20 + 40))); do echo "$SAMPLE"; echo "SELECT pg_sleep(0.05);"; done; } |
      psql -qAt -h 127.0.0.1 -p "$port" -U postgres -d postgres > "$W/samples" 2>/dev/null &
    sampler=$!
    ticks "${servers[@]}" > "$W/t0"
    times > "$W/times0"
    t0=$(date +%s.%N)
    wrk_claims "$k" "$DUR" "$W/wrk$k"
    for w in "${outs[@]}"; do wait "$w"; done
    times > "$W/times1"
    t1=$(date +%s.%N)
    ticks "${servers[@]}" > "$W/t1"
    spid=$(grep -m1 '^sampler|' "$W/samples" | cut -d'|' -f2)
    scpu=$(cpu_delta <(grep "^$spid " "$W/t0") <(grep "^$spid " "$W/t1"))
    for f in t0 t1; do grep -v "^$spid " "$W/$f" > "$W/$f.x" || true; mv "$W/$f.x" "$W/$f"; done
    wcpu=$(awk -v a="$(children_cpu "$W/times0")" -v b="$(children_cpu "$W/times1")" 'BEGIN{printf "%.3f", b - a}') # the wrks, reaped in between
    kill "$sampler" 2>/dev/null || true
    wait "$sampler" 2>/dev/null || true
    load=$(cut -d' ' -f1 /proc/loadavg)
    c1=$(q "SELECT count(*) FROM claim")
    stmts=$(q "SELECT sum(calls) FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = 'hz'")
    claims=$((c1 - c0))
    if [ -n "${BENCH_P9_STATEMENTS:-}" ]; then # what a claim sends, statement by statement
      q "SELECT round(calls::numeric / greatest($claims, 1), 2) || ' ' || left(regexp_replace(query, '\s+', ' ', 'g'), 110)
         FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = 'hz' ORDER BY calls DESC" >&2
    fi
    for s in "${servers[@]}"; do kill "$s"; wait "$s" 2>/dev/null || true; done
    srv=$(cpu_delta <(grep -E "^($(IFS='|'; echo "${servers[*]}")) " "$W/t0") <(grep -E "^($(IFS='|'; echo "${servers[*]}")) " "$W/t1"))
    all=$(cpu_delta "$W/t0" "$W/t1")
    # the rate is the claims stored over the wall time, not wrk's requests: a
    # request answered 409 (a server that ran out of its rows starts again at
    # its first, post_claim.lua) would count as one
    rps=$(awk -v c="$claims" -v a="$t0" -v b="$t1" 'BEGIN {printf "%.0f", c / (b - a)}')
    bad=$(cat "$W"/wrk$k.*.out "$W"/warm$k.*.out 2>/dev/null | awk '/Non-2xx/ {s += $NF} END {print s + 0}')
    p99=$(cat "$W"/wrk$k.*.out | awk '$1 == "99%" {print $2}' | sort -h | tail -1)
    wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", b - a}')
    # samples: serial waiters, member waiters, write-lock waiters, holder idle, serial held
    waits=$(grep '|' "$W/samples" | grep -v '^sampler' | awk -F'|' '{n++; s += $1; if ($1 > 0) sw++; m += $2; w += $3; hi += $4; h += $5; t += $6; a += $7}
      END {printf "%d %.2f %.0f %.2f %.2f %.0f %.0f %.2f %.2f", n, s / n, 100 * sw / n, m / n, w / n, 100 * h / n, h ? 100 * hi / h : 0, t / n, a / n}')
    # 1 k, 2 claims/s, 3 p99, 4 non-2xx, 5 claims, 6 huzhu CPU s, 7 huzhu + PostgreSQL CPU s, 8 statements,
    # 9 load, 10 wall s, 11 wrk CPU s, 12 samples, 13 serial waiters, 14 % samples with serial waiters,
    # 15 member waiters, 16 write-lock waiters, 17 % serial held, 18 % of that with the holder idle,
    # 19 transactions open (backends not idle), 20 of them active (not waiting for their server)
    echo "$k $rps $p99 $bad $claims $srv $all $stmts $load $wall $wcpu $waits" >> "$W/runs"
    echo "P9 run $r, $k server(s): $rps claims/s, p99 $p99, non-2xx $bad, $claims claims in $wall s, CPU huzhu $srv s + PostgreSQL $(awk -v a="$all" -v b="$srv" 'BEGIN{printf "%.3f", a - b}') s + wrk $wcpu s (the sampler's backend $scpu s, left out), $stmts statements, load $load; samples, serial waiters avg, % with serial waiters, member waiters, write waiters, % serial held, % holder idle, transactions open, active: $waits" >&2
  done
done

row() { printf '| %-4s | %-44s | %14s | %-34s | %s |\n' "$@"; }
what="POST /claims"
[ "$SLEEP_MS" != 0 ] && what="POST /claims, claim insert sleeps ${SLEEP_MS} ms"
base=$(awk '$1 == 1 {print $2}' "$W/runs" | median)
for k in 1 2 4; do
  m() { awk -v k="$k" "\$1 == k {printf \"%.4f\\n\", $1}" "$W/runs" | median; }
  rps=$(printf '%.0f' "$(m '$2')")
  cpu=$(m '1000 * $7 / ($5 ? $5 : 1)')
  hcpu=$(m '1000 * $6 / ($5 ? $5 : 1)')
  wcpu=$(m '1000 * $11 / ($5 ? $5 : 1)')
  busy=$(m '($7 + $11) / $10')
  st=$(m '$8 / ($5 ? $5 : 1)')
  bad=$(awk -v k="$k" '$1 == k {s += $4} END {print s + 0}' "$W/runs")
  p99=$(awk -v k="$k" '$1 == k {print $3}' "$W/runs" | sort -h | tail -1)
  loads=$(awk -v k="$k" '$1 == k {printf "%s%s", sep, $9; sep = "/"}' "$W/runs")
  row P9 "$what, $k server(s) on one PostgreSQL" "$rps claims/s" "1 server: $base claims/s" \
      "$(awk -v a="$rps" -v b="$base" 'BEGIN{printf "%.2f x", a/b}') (target >= 2.5 x at 4), p99 $p99, non-2xx $bad; CPU per claim $(printf '%.2f' "$cpu") ms (huzhu $(printf '%.2f' "$hcpu")) + wrk $(printf '%.2f' "$wcpu"), cores busy $(printf '%.2f' "$busy"); $(printf '%.1f' "$st") statements per claim; transactions open $(printf '%.2f' "$(m '$19')") avg ($(printf '%.2f' "$(m '$20')") active in PostgreSQL); serial lock: held $(printf '%.0f' "$(m '$17')") % of samples ($(printf '%.2f' "$(m '$17 * 10 * $10 / ($5 ? $5 : 1)')") ms per claim), its holder idle in it $(printf '%.0f' "$(m '$18')") %, waiters $(printf '%.2f' "$(m '$13')") avg, in $(printf '%.0f' "$(m '$14')") % of samples; member-lock waiters $(printf '%.2f' "$(m '$15')"), write-lock $(printf '%.2f' "$(m '$16')"); load $loads"
  [ "$k" = 4 ] && cpu4=$cpu wcpu4=$wcpu
done
ceil=$(awk -v c="$cpu4" 'BEGIN{printf "%.0f", 2000 / c}')
ceilw=$(awk -v c="$cpu4" -v w="$wcpu4" 'BEGIN{printf "%.0f", 2000 / (c + w)}')
row P9 "$what, ceiling of 2 cores at 4 servers" "$ceil claims/s" "1 server: $base claims/s" \
    "$(awk -v a="$ceil" -v b="$base" 'BEGIN{printf "%.2f x", a/b}') = 2 cores / $(printf '%.2f' "$cpu4") ms CPU per claim (huzhu + PostgreSQL) if nothing else ran; with wrk's $(printf '%.2f' "$wcpu4") ms: $ceilw claims/s, $(awk -v a="$ceilw" -v b="$base" 'BEGIN{printf "%.2f x", a/b}')"
"$H" --db "$DB" check >/dev/null || { echo "huzhu check failed after P9" >&2; exit 1; }
