# Limits before work (issue 14, quality.md R6): a server with short
# deadlines and small upload caps, attacked by tests/http/test_limits.py
# (unauthenticated 60 MB uploads, slowloris, slow bodies, per-address caps),
# which then checks the access log and /metrics.
. "$(dirname "$0")/lib.bash"
hz demo --members 60 >/dev/null || { echo "demo failed"; exit 1; }
"$HUZHU" --db "$DB" serve --listen 127.0.0.1:0 --threads 4 --header-timeout 2 --body-timeout 2 \
  --max-per-ip 64 --max-upload-per-ip 8M --max-upload-total 12M --access-log "$T/access.log" 2>"$T/serve.log" &
SERVER=$!
PORT=$(wait_served "$T/serve.log" $SERVER)
if [ -z "$PORT" ]; then cat "$T/serve.log"; kill $SERVER; exit 1; fi
HZ_BASE="http://127.0.0.1:$PORT" HZ_PID=$SERVER HZ_ACCESS_LOG="$T/access.log" HZ_DBFILE="$T/test.db" \
  HZ_PGDB="$PG" python3 "$HZ_SRC/tests/http/test_limits.py"
rc=$?
# options are checked before the server starts
expect_exit 2 "a bad byte count is refused" -- hz serve --listen 127.0.0.1:0 --max-upload-bytes 12Q
expect_in "$T/err" "max-upload-bytes" "the message names the option"
expect_exit 2 "a header timeout of 0 is refused" -- hz serve --listen 127.0.0.1:0 --header-timeout 0
expect_in "$T/err" "header-timeout" "the message names the option"
[ "$FAIL" = 0 ] || rc=1
kill -TERM $SERVER
wait $SERVER
server_rc=$?
[ "$server_rc" = 0 ] || { echo "server exited with $server_rc"; tail -20 "$T/serve.log"; rc=1; }
exit $rc
