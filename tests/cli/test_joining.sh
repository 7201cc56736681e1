# Joining online and standing sponsorships (issue 15): the CLI and the API
# against a server on a fresh database (tests/http/test_joining.py), and
# `huzhu check` on what it left.
. "$(dirname "$0")/lib.bash"
hz init >/dev/null || { echo "init failed"; exit 1; }
"$HUZHU" --db "$DB" serve --listen 127.0.0.1:0 --threads 2 2>"$T/serve.log" &
SERVER=$!
PORT=$(wait_served "$T/serve.log" $SERVER)
[ -n "$PORT" ] || { cat "$T/serve.log"; kill $SERVER; exit 1; }
if HZ_BASE="http://127.0.0.1:$PORT" HZ_DBURL="$DB" HZ_DBFILE="$T/test.db" HZ_PGDB="$PG" HZ_T="$T" \
  python3 "$HZ_SRC/tests/http/test_joining.py"; then ok; else bad "joining checks (above)"; fi
kill -TERM $SERVER
wait $SERVER || bad "server exit $?"
finish
