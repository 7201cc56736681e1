# R10 (quality.md): random sequences over money's life through the real CLI,
# with `huzhu check` and the money invariants after every step
# (tests/money/property.py). A fresh database per seed; both stores.
. "$(dirname "$0")/lib.bash"
# PostgreSQL pays a connection and a round trip per statement: fewer steps
# there, the same rules
if [ -n "$PG" ]; then STEPS=${HZ_PROPERTY_STEPS:-60}; SEEDS="4"; else STEPS=${HZ_PROPERTY_STEPS:-120}; SEEDS="1 2 3"; fi
for seed in $SEEDS; do
  if [ -n "$PG" ]; then
    psql -q -h 127.0.0.1 -p "$HZ_TEST_PG_PORT" -U postgres -d postgres -c "DROP DATABASE IF EXISTS $PG WITH (FORCE)" >/dev/null
    psql -q -h 127.0.0.1 -p "$HZ_TEST_PG_PORT" -U postgres -d postgres -c "CREATE DATABASE $PG" >/dev/null
  else
    rm -f "$T/test.db" "$T/test.db-wal" "$T/test.db-shm"
  fi
  if HZ_DB="$DB" HZ_PG_PORT="${HZ_TEST_PG_PORT:-}" HZ_PGDB="$PG" T="$T" python3 "$HZ_SRC/tests/money/property.py" $seed $STEPS; then ok
  else bad "property seed $seed"; fi
done
finish
