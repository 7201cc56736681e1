# Role x scope over every list, report and export, through the CLI (--as
# LOGIN) and the API: two districts with units, members, claims (some paid,
# some at the bank); a cadre of one district, a unit liaison and a member see
# no claim, member, figure or row of the other (tests/http/test_scope.py).
. "$(dirname "$0")/lib.bash"
hz init >/dev/null || { echo "init failed"; exit 1; }
export HUZHU_BATCH_DIR="$T/batches"
"$HUZHU" --db "$DB" serve --listen 127.0.0.1:0 --threads 2 2>"$T/serve.log" &
SERVER=$!
PORT=$(wait_served "$T/serve.log" $SERVER)
[ -n "$PORT" ] || { cat "$T/serve.log"; kill $SERVER; exit 1; }
HZ_BASE="http://127.0.0.1:$PORT" HZ_DBURL="$DB" HZ_T="$T" python3 "$HZ_SRC/tests/http/test_scope.py"
if [ $? = 0 ]; then ok; else bad "role x scope checks (above)"; fi
kill -TERM $SERVER
wait $SERVER
finish
