# The office's pages' API (issue 16, tests/http/test_office.py) on a demo
# database: units and members edited, users managed, plan versions, dry
# runs of batch enrollment, contributions, the settlement feed's unmatched
# rows, the overdue board and the audit chain, with role refusals and
# scope. Runs on SQLite and PostgreSQL; `huzhu check` passes afterwards.
. "$(dirname "$0")/lib.bash"
expect_exit 0 "demo" -- hz demo --members 300
export HUZHU_BATCH_DIR="$T/batches"
"$HUZHU" --db "$DB" serve --listen 127.0.0.1:0 --threads 4 2>"$T/serve.log" &
SERVER=$!
PORT=$(wait_served "$T/serve.log" $SERVER)
if [ -z "$PORT" ]; then cat "$T/serve.log"; kill $SERVER; exit 1; fi
if HZ_BASE="http://127.0.0.1:$PORT" HZ_DBFILE="$T/test.db" HZ_PGDB="$PG" \
   python3 "$HZ_SRC/tests/http/test_office.py"; then ok; else bad "tests/http/test_office.py"; fi
kill -TERM $SERVER
wait $SERVER || bad "server exit $?"
expect_exit 0 "huzhu check after the office's edits" -- hz check
finish
