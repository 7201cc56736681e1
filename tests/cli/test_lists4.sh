# The office's remaining lists (issue 16, lists4): paging, filters, sort,
# search and CSV / XLSX exports of GET /units (and the tree's counts),
# /applications, /sponsorships, /notices and /recoveries and their CLI
# exports, and the 400s of every list endpoint for a bad page, per_page,
# format, order, sort, status or switch, checked against the database on
# either store (tests/http/test_lists4.py).
. "$(dirname "$0")/lib.bash"
hz init >/dev/null || { echo "init failed"; exit 1; }
"$HUZHU" --db "$DB" serve --listen 127.0.0.1:0 --threads 2 2>"$T/serve.log" &
SERVER=$!
PORT=$(wait_served "$T/serve.log" $SERVER)
[ -n "$PORT" ] || { cat "$T/serve.log"; kill $SERVER; exit 1; }
HZ_BASE="http://127.0.0.1:$PORT" HZ_DBURL="$DB" HZ_T="$T" python3 "$HZ_SRC/tests/http/test_lists4.py"
if [ $? = 0 ]; then ok; else bad "list checks (above)"; fi
kill -TERM $SERVER
wait $SERVER
hz check >/dev/null || bad "huzhu check after the lists"
finish
