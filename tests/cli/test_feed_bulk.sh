# P2 (issue 19): the feed -> claims bulk path writes exactly what the one-by-one
# path writes: a 10,000-stay feed compared row by row, then random feeds (many
# stays per member, duplicate stays, rows sent twice, refunds, re-imports) as a
# stream of chunks with the money of every stay compared (tests/money/feed_bulk.py);
# `huzhu check` after every step. Both stores (PostgreSQL: smaller feeds).
. "$(dirname "$0")/lib.bash"
# seed:members:stays[:ab] (ab: the two whole-file paths only, not the stream)
if [ -n "$PG" ]; then RUNS="1:120:600"; else RUNS="1:3000:10000:ab 2:60:400 4:400:1500"; fi
for run in $RUNS; do
  IFS=: read -r seed members stays parts <<<"$run"
  if HZ_DB="$DB" HZ_PG_PORT="${HZ_TEST_PG_PORT:-}" HZ_PGDB="$PG" T="$T" \
      python3 "$HZ_SRC/tests/money/feed_bulk.py" "$seed" "$members" "$stays" ${parts:-}; then ok
  else bad "feed bulk seed $seed ($members members, $stays stays)"; fi
done
if [ -n "$PG" ]; then
  for c in a b c d; do
    psql -q -h 127.0.0.1 -p "$HZ_TEST_PG_PORT" -U postgres -d postgres \
      -c "DROP DATABASE IF EXISTS ${PG}_$c WITH (FORCE)" >/dev/null 2>&1
  done
fi
finish
