#!/usr/bin/env bash
# R6 of quality.md as a figure: a client's p99 while 10,000 idle and 12,500
# slowloris connections from several loopback addresses press on the server
# (its default limits), as a ratio to the same client's p99 alone, measured
# in the same run (bench/r6.py). Prints one table row on stdout.
set -eu
cd "$(dirname "$0")/.."
H=$PWD/build/huzhu
W=$(mktemp -d "${TMPDIR:-/tmp}/hz_r6.XXXXXX")
SERVER=""
cleanup() { [ -z "$SERVER" ] || kill "$SERVER" 2>/dev/null || true; rm -rf "$W"; }
trap cleanup EXIT
"$H" --db "sqlite:$W/hz.db" demo --members 200 >/dev/null
PORT=${R6_PORT:-18190}
"$H" --db "sqlite:$W/hz.db" serve --listen 127.0.0.1:$PORT --threads 4 --access-log off 2>"$W/serve.log" &
SERVER=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
out=$(R6_PORT=$PORT python3 bench/r6.py)
get() { echo "$out" | tr ' ' '\n' | awk -F= -v k="$1" '$1 == k {print $2}'; }
printf '| %-4s | %-44s | %14s | %-34s | %s |\n' R6 "client p99, 10k idle + 12.5k slowloris conns" \
  "$(get attack_p99_ms) ms" "alone: p99 $(get base_p99_ms) ms" \
  "$(get ratio) x; $(get attack_fail) failed of $(get attack_n); attackers held $(get held_by_attackers), server $(get server_conns) conns, $(get refused_or_closed) refused/closed"
