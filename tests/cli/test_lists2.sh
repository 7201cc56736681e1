# The other long lists (issue 16): paging, filters, sort, search and CSV /
# XLSX exports of GET /users, /activities, /relief/programs/:code/grants and
# /settlements, checked against the database on either store
# (tests/http/test_lists2.py).
. "$(dirname "$0")/lib.bash"
hz init >/dev/null || { echo "init failed"; exit 1; }
export HUZHU_LOCK_AFTER=3
"$HUZHU" --db "$DB" serve --listen 127.0.0.1:0 --threads 2 2>"$T/serve.log" &
SERVER=$!
PORT=$(wait_served "$T/serve.log" $SERVER)
[ -n "$PORT" ] || { cat "$T/serve.log"; kill $SERVER; exit 1; }
HZ_BASE="http://127.0.0.1:$PORT" HZ_DBURL="$DB" HZ_T="$T" python3 "$HZ_SRC/tests/http/test_lists2.py"
if [ $? = 0 ]; then ok; else bad "list checks (above)"; fi
kill -TERM $SERVER
wait $SERVER
hz check >/dev/null || bad "huzhu check after the lists"
finish
