#!/usr/bin/env bash
# Runs the end-to-end suites (CLI, HTTP, concurrency) again against
# PostgreSQL: a private cluster on loopback, started here and stopped after.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
dir=$(mktemp -d "${TMPDIR:-/tmp}/hz_pg.XXXXXX")
port=$(bash "$root/scripts/pg.sh" start "$dir")
trap 'bash "$root/scripts/pg.sh" stop "$dir"' EXIT
echo "PostgreSQL on 127.0.0.1:$port: running the end-to-end tests against it"
cd build-asan
HZ_TEST_PG_PORT=$port ASAN_OPTIONS=detect_leaks=1 ctest --output-on-failure -L e2e -j 2
