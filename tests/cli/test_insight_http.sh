# The insight and notices routes over HTTP by role (issue 18,
# tests/http/test_insight.py) on the demo: simulate, the plan file, plan
# publish, lookback, forecast, the outbox and its retry, each allowed or
# refused (403) as the action tables say; a cadre's lookback and outbox hold
# only its district; bad plan files and parameters are 400 naming the field;
# the API's what-if equals the CLI's. SQLite and PostgreSQL.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/lookback_seed.bash"
expect_exit 0 "demo" -- hz demo --members 300
expect_exit 0 "stays nobody claimed" -- seed_lookback
# the proposal: ZY at 30% (the favoured 25% unchanged), over this year
sed 's/"ratio_pct": 20/"ratio_pct": 30/' "$HZ_SRC/catalogue/ZY.json" > "$T/ZY30.json"
expect_exit 0 "simulate by the CLI" -- hz --json simulate --plan-file "$T/ZY30.json" --from 2026-01-01 --to 2026-11-29
cp "$T/out" "$T/cli_simulate.json"
expect_exit 0 "lookback by the CLI" -- hz --json lookback --year 2026
cp "$T/out" "$T/cli_lookback.json"
# two notices the sender gave up on, for the retry
sql "UPDATE notice SET status = 'failed', attempts = 8, last_error = 'HTTP 502'
     WHERE id IN (SELECT id FROM notice ORDER BY id LIMIT 2)" >/dev/null

export HUZHU_BATCH_DIR="$T/batches"
"$HUZHU" --db "$DB" serve --listen 127.0.0.1:0 --threads 4 2>"$T/serve.log" &
SERVER=$!
PORT=$(wait_served "$T/serve.log" $SERVER)
if [ -z "$PORT" ]; then cat "$T/serve.log"; kill $SERVER; exit 1; fi
if HZ_BASE="http://127.0.0.1:$PORT" HZ_DBFILE="$T/test.db" HZ_PGDB="$PG" HZ_T="$T" HZ_CATALOGUE="$HZ_SRC/catalogue" \
  python3 "$HZ_SRC/tests/http/test_insight.py"; then ok
else bad "tests/http/test_insight.py"; fi
kill -TERM $SERVER
wait $SERVER || bad "server exit $?"
finish
