#!/usr/bin/env bash
# Where the PostgreSQL feed import's time goes (issue 19 P6, docs/benchmarks.md
# "Issue 19 P6 at 1M"): a throw-away cluster with pg_stat_statements and
# auto_explain, a roster of R rows, then a feed of F rows; prints the wall
# times and the statements by total time. Not part of make bench.
#   bash bench/p6_profile.sh [ROWS] [FEED_ROWS]   (default 1000000, same)
#   HZ_PG_OPTS="-c shared_buffers=2GB"            more server options
#   P6_EXPLAIN=1                                  every plan into the server log
#   P6_KEEP=1                                     keep the cluster (its log) after
set -eu
cd "$(dirname "$0")/.."
R=${1:-1000000}
F=${2:-$R}
H=$PWD/build/huzhu
W=$(mktemp -d "${TMPDIR:-/tmp}/hz_p6prof.XXXXXX")
opts="-c shared_preload_libraries=pg_stat_statements,auto_explain -c pg_stat_statements.track=all"
[ "${P6_EXPLAIN:-0}" = 1 ] && opts="$opts -c auto_explain.log_min_duration=0"
C=$(mktemp -d "${TMPDIR:-/tmp}/hz_p6pg.XXXXXX") # its own: scripts/pg.sh gives it to postgres
port=$(HZ_PG_OPTS="$opts ${HZ_PG_OPTS:-}" bash scripts/pg.sh start "$C")
if [ "${P6_KEEP:-0}" = 1 ]; then trap 'echo "cluster kept: $C (port $port, log $C/log)" >&2; rm -rf "$W"' EXIT
else trap 'bash scripts/pg.sh stop "$C"; rm -rf "$W"' EXIT; fi
psql() { command psql -q -h 127.0.0.1 -p "$port" -U postgres "$@"; }
psql -d postgres -c "CREATE DATABASE hz_p6"
DB="postgresql://postgres@127.0.0.1:$port/hz_p6"
UNIT=91610000MA6TG00007
"$H" gen roster "$R" --out "$W/r.csv" --seed 5 >/dev/null
"$H" gen settlements "$F" --roster "$W/r.csv" --out "$W/s.csv" --seed 5 >/dev/null
"$H" --db "$DB" init >/dev/null
"$H" --db "$DB" org add --code XA --name 西安市总工会 >/dev/null
"$H" --db "$DB" unit add --code $UNIT --name 基准单位 --org XA >/dev/null
t0=$(date +%s.%N)
"$H" --db "$DB" import roster "$W/r.csv" --unit $UNIT --plan ZY --start 2026-01-01 >/dev/null
t1=$(date +%s.%N)
psql -d hz_p6 -c "CREATE EXTENSION pg_stat_statements" -c "SELECT pg_stat_statements_reset()" >/dev/null
"$H" --db "$DB" import settlements "$W/s.csv" >/dev/null
t2=$(date +%s.%N)
echo "roster $R rows: $(echo "$t1 - $t0" | bc) s; feed $F rows: $(echo "$t2 - $t1" | bc) s"
psql -d hz_p6 -c "SELECT calls, round(total_exec_time) AS ms, round(mean_exec_time::numeric, 2) AS mean_ms, rows,
  left(regexp_replace(query, '\s+', ' ', 'g'), 90) AS statement FROM pg_stat_statements
  ORDER BY total_exec_time DESC LIMIT 12"
"$H" --db "$DB" check >/dev/null || { echo "huzhu check failed after the imports" >&2; exit 1; }
