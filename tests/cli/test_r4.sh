# The R4 bad-input corpus (quality.md R4, issue 14): every file in
# tests/r4/cases/ through the CLI or the API of a demo, each refused with its
# exact error, the database unchanged (every table compared), the server
# still answering; huzhu check after. Runs on both stores.
. "$(dirname "$0")/lib.bash"
expect_exit 0 "demo" -- hz --json demo --members 300
export HUZHU_BATCH_DIR="$T/batches"
"$HUZHU" --db "$DB" serve --listen 127.0.0.1:0 --threads 4 2>"$T/serve.log" &
SERVER=$!
PORT=$(wait_served "$T/serve.log" $SERVER)
if [ -z "$PORT" ]; then cat "$T/serve.log"; kill $SERVER; exit 1; fi
if HZ_BASE="http://127.0.0.1:$PORT" HZ_DB="$DB" HZ_DBFILE="$T/test.db" HZ_PGDB="$PG" HZ_TMP="$T" \
  python3 "$HZ_SRC/tests/r4/run.py"; then ok; else bad "tests/r4/run.py"; fi
kill -TERM $SERVER
wait $SERVER || bad "server exit $?"
finish
