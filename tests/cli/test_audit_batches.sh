# The audit events list and the bank batches list (issue 16): GET
# /audit/events and GET /payment-batches[/{no}], paged, filtered, sorted and
# exported, checked against the database, the journal and `huzhu check`
# (tests/http/test_audit_batches.py). Runs on SQLite and PostgreSQL.
. "$(dirname "$0")/lib.bash"
hz init >/dev/null || { echo "init failed"; exit 1; }
"$HUZHU" --db "$DB" serve --listen 127.0.0.1:0 --threads 2 2>"$T/serve.log" &
SERVER=$!
PORT=$(wait_served "$T/serve.log" $SERVER)
[ -n "$PORT" ] || { cat "$T/serve.log"; kill $SERVER; exit 1; }
HZ_BASE="http://127.0.0.1:$PORT" HZ_DBURL="$DB" HZ_T="$T" python3 "$HZ_SRC/tests/http/test_audit_batches.py"
if [ $? = 0 ]; then ok; else bad "audit and batch list checks (above)"; fi
kill -TERM $SERVER
wait $SERVER
finish
