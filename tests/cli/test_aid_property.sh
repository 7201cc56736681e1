# Issue 13: no budget or cap is ever passed under concurrent applications,
# approvals, rejections and refunds; one grant per student however many ask
# at once (tests/money/aid_property.py). A fresh database per seed; both stores.
. "$(dirname "$0")/lib.bash"
if [ -n "$PG" ]; then SEEDS="7"; else SEEDS="1 2 3"; fi
for seed in $SEEDS; do
  if [ -n "$PG" ]; then
    psql -q -h 127.0.0.1 -p "$HZ_TEST_PG_PORT" -U postgres -d postgres -c "DROP DATABASE IF EXISTS $PG WITH (FORCE)" >/dev/null
    psql -q -h 127.0.0.1 -p "$HZ_TEST_PG_PORT" -U postgres -d postgres -c "CREATE DATABASE $PG" >/dev/null
  else
    rm -f "$T/test.db" "$T/test.db-wal" "$T/test.db-shm"
  fi
  if HZ_DB="$DB" HZ_PG_PORT="${HZ_TEST_PG_PORT:-}" HZ_PGDB="$PG" T="$T" python3 "$HZ_SRC/tests/money/aid_property.py" $seed; then ok
  else bad "aid property seed $seed"; fi
done
finish
