#!/usr/bin/env bash
# P6 of quality.md: roster import and settlement feed into PostgreSQL through
# COPY, with psql \copy of the same file into a bare table as the baseline.
# Prints table rows. BENCH_PG_ROWS (default 100000).
set -eu
cd "$(dirname "$0")/.."
N=${BENCH_PG_ROWS:-100000}
H=$PWD/build/huzhu
W=$(mktemp -d "${TMPDIR:-/tmp}/hz_p6.XXXXXX")
dir=$(mktemp -d "${TMPDIR:-/tmp}/hz_p6pg.XXXXXX")
port=$(bash scripts/pg.sh start "$dir")
trap 'bash scripts/pg.sh stop "$dir"; rm -rf "$W"' EXIT
psql() { command psql -q -h 127.0.0.1 -p "$port" -U postgres "$@"; }
psql -d postgres -c "CREATE DATABASE hz" -c "CREATE DATABASE base"
DB="postgresql://postgres@127.0.0.1:$port/hz"
UNIT=91610000MA6TG00007
"$H" gen roster "$N" --out "$W/r.csv" --seed 5 >/dev/null
"$H" gen settlements "$N" --roster "$W/r.csv" --out "$W/s.csv" --seed 5 >/dev/null
"$H" --db "$DB" init >/dev/null
"$H" --db "$DB" org add --code XA --name 西安市总工会 >/dev/null
"$H" --db "$DB" unit add --code $UNIT --name 基准单位 --org XA >/dev/null
now() { date +%s.%N; }
t0=$(now); "$H" --db "$DB" import roster "$W/r.csv" --unit $UNIT --plan ZY --start 2026-01-01 >/dev/null; t1=$(now)
roster=$(echo "$t1 - $t0" | bc)
t0=$(now); "$H" --db "$DB" import settlements "$W/s.csv" >/dev/null; t1=$(now)
feed=$(echo "$t1 - $t0" | bc)
psql -d base -c "CREATE TABLE r (a text, b text, c text, d text, e text, f text, g text, h text)" \
     -c "CREATE TABLE s (c1 text, c2 text, c3 text, c4 text, c5 text, c6 text, c7 text, c8 text, c9 text, c10 text, c11 text, c12 text, c13 text, c14 text, c15 text, c16 text, c17 text, c18 text)"
t0=$(now); psql -d base -c "\\copy r FROM '$W/r.csv' WITH (FORMAT csv, HEADER true)"; t1=$(now)
broster=$(echo "$t1 - $t0" | bc)
t0=$(now); psql -d base -c "\\copy s FROM '$W/s.csv' WITH (FORMAT csv, HEADER true)"; t1=$(now)
bfeed=$(echo "$t1 - $t0" | bc)
rate() { awk -v n="$N" -v s="$1" 'BEGIN {printf "%.0f", n / s}'; }
row() { printf '| %-4s | %-44s | %14s | %-34s | %s |\n' "$@"; }
r1=$(rate "$roster"); b1=$(rate "$broster"); r2=$(rate "$feed"); b2=$(rate "$bfeed")
row P6 "roster import via COPY, $N rows (PostgreSQL)" "$r1 rows/s" "psql \\copy: $b1 rows/s" "$(awk -v a="$r1" -v b="$b1" 'BEGIN{printf "%.2f x", a/b}') (target >= 150000, >= 0.3 x)"
row P6 "settlement feed via COPY, $N rows" "$r2 rows/s" "psql \\copy: $b2 rows/s" "$(awk -v a="$r2" -v b="$b2" 'BEGIN{printf "%.2f x", a/b}') (target >= 150000, >= 0.3 x)"
