#!/usr/bin/env bash
# P6 of quality.md: roster import and settlement feed into PostgreSQL (the
# bulk paths: COPY, staging, set-based inserts), with psql \copy of the same
# file into a bare table as the baseline, measured in the same run. Medians
# of BENCH_RUNS runs (default 3), each on fresh databases, `huzhu check`
# after each. Prints table rows. BENCH_PG_ROWS (default 100000).
# BENCH_PG_PORT: use a running cluster (a throw-away one is started if unset).
set -eu
cd "$(dirname "$0")/.."
N=${BENCH_PG_ROWS:-100000}
RUNS=${BENCH_RUNS:-3}
H=$PWD/build/huzhu
W=$(mktemp -d "${TMPDIR:-/tmp}/hz_p6.XXXXXX")
if [ -n "${BENCH_PG_PORT:-}" ]; then
  port=$BENCH_PG_PORT
  trap 'rm -rf "$W"' EXIT
else
  dir=$(mktemp -d "${TMPDIR:-/tmp}/hz_p6pg.XXXXXX")
  port=$(bash scripts/pg.sh start "$dir")
  trap 'bash scripts/pg.sh stop "$dir"; rm -rf "$W"' EXIT
fi
psql() { command psql -q -h 127.0.0.1 -p "$port" -U postgres "$@"; }
DB="postgresql://postgres@127.0.0.1:$port/hz_p6"
UNIT=91610000MA6TG00007
"$H" gen roster "$N" --out "$W/r.csv" --seed 5 >/dev/null
"$H" gen settlements "$N" --roster "$W/r.csv" --out "$W/s.csv" --seed 5 >/dev/null
now() { date +%s.%N; }
secs() { local t0; t0=$(now); "$@" >/dev/null; echo "$(now) - $t0" | bc; }
rate() { awk -v n="$N" -v s="$1" 'BEGIN {printf "%.0f", n / s}'; }
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
r1=() b1=() r2=() b2=()
for _ in $(seq "$RUNS"); do
  psql -d postgres -c "DROP DATABASE IF EXISTS hz_p6" -c "DROP DATABASE IF EXISTS hz_p6_base" \
    -c "CREATE DATABASE hz_p6" -c "CREATE DATABASE hz_p6_base" 2>/dev/null
  "$H" --db "$DB" init >/dev/null
  "$H" --db "$DB" org add --code XA --name 西安市总工会 >/dev/null
  "$H" --db "$DB" unit add --code $UNIT --name 基准单位 --org XA >/dev/null
  r1+=("$(rate "$(secs "$H" --db "$DB" import roster "$W/r.csv" --unit $UNIT --plan ZY --start 2026-01-01)")")
  r2+=("$(rate "$(secs "$H" --db "$DB" import settlements "$W/s.csv")")")
  "$H" --db "$DB" check >/dev/null || { echo "P6: huzhu check failed after the imports" >&2; exit 1; }
  psql -d hz_p6_base -c "CREATE TABLE r (a text, b text, c text, d text, e text, f text, g text, h text)" \
       -c "CREATE TABLE s (c1 text, c2 text, c3 text, c4 text, c5 text, c6 text, c7 text, c8 text, c9 text, c10 text, c11 text, c12 text, c13 text, c14 text, c15 text, c16 text, c17 text, c18 text)"
  b1+=("$(rate "$(secs psql -d hz_p6_base -c "\\copy r FROM '$W/r.csv' WITH (FORMAT csv, HEADER true)")")")
  b2+=("$(rate "$(secs psql -d hz_p6_base -c "\\copy s FROM '$W/s.csv' WITH (FORMAT csv, HEADER true)")")")
done
psql -d postgres -c "DROP DATABASE IF EXISTS hz_p6" -c "DROP DATABASE IF EXISTS hz_p6_base"
m() { printf '%s\n' "$@" | median; }
o1=$(m "${r1[@]}"); c1=$(m "${b1[@]}"); o2=$(m "${r2[@]}"); c2=$(m "${b2[@]}")
row() { printf '| %-4s | %-44s | %14s | %-34s | %s |\n' "$@"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f x", a/b}'; }
row P6 "roster import, $N rows (PostgreSQL)" "$o1 rows/s" "psql \\copy: $c1 rows/s" "$(ratio "$o1" "$c1") (target >= 0.3 x; runs: ${r1[*]} / ${b1[*]})"
row P6 "settlement feed import, $N rows (PostgreSQL)" "$o2 rows/s" "psql \\copy: $c2 rows/s" "$(ratio "$o2" "$c2") (target >= 0.3 x; runs: ${r2[*]} / ${b2[*]})"
