# Starts the server on a random loopback port over a demo database and runs
# the HTTP integration tests (tests/http/test_api.py) against it.
. "$(dirname "$0")/lib.bash"
hz demo --members 400 >/dev/null || { echo "demo failed"; exit 1; }
export HUZHU_HTTP_TIMEOUT=2 HUZHU_BATCH_DIR="$T/batches"
"$HUZHU" --db "$DB" serve --listen 127.0.0.1:0 --threads 4 2>"$T/serve.log" &
SERVER=$!
PORT=$(wait_served "$T/serve.log" $SERVER)
if [ -z "$PORT" ]; then cat "$T/serve.log"; kill $SERVER; exit 1; fi
HZ_BASE="http://127.0.0.1:$PORT" HZ_DBFILE="$T/test.db" HZ_DBURL="$DB" HZ_PGDB="$PG" python3 "$HZ_SRC/tests/http/test_api.py"
rc=$?
kill -TERM $SERVER
wait $SERVER
server_rc=$?
[ "$server_rc" = 0 ] || { echo "server exited with $server_rc"; cat "$T/serve.log"; rc=1; }
exit $rc
