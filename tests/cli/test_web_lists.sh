# The long lists in a real browser (issue 16, tests/web/lists.mjs): the demo
# plus a roster of 700 more members in a unit of 新城区 (XA-XC, the demo
# cadre's district) with their settled stays turned into claims by 免申即享,
# so both lists hold more than 500 rows; paging, a filter, a sort and the
# export of exactly the filtered rows, as staff and as the cadre; the LM
# subsidies of its model workers and 42 cases, as admin and as the cadre;
# the users (30 more accounts) and the settlements (60 unmatched rows) as
# admin.
. "$(dirname "$0")/lib.bash"
[ -x /usr/bin/chromium ] || { echo "FAIL: /usr/bin/chromium is missing (make test installs it)"; exit 1; }
[ -d "$HZ_SRC/tests/web/node_modules/playwright-core" ] || { echo "FAIL: tests/web/node_modules missing (npm ci)"; exit 1; }
[ -d "$HZ_SRC/web/node_modules/vue" ] || { echo "FAIL: web/node_modules missing (npm ci)"; exit 1; }
hz demo --members 300 >/dev/null || { echo "demo failed"; exit 1; }
UNIT=$(sql "SELECT u.credit_code FROM unit u JOIN org o ON o.id = u.org_id WHERE o.code = 'XA-XC' ORDER BY u.id LIMIT 1")
[ -n "$UNIT" ] || { echo "no unit in XA-XC"; exit 1; }
hz gen roster 700 --out "$T/roster.csv" --seed 1616 >/dev/null &&
  hz import roster "$T/roster.csv" --unit "$UNIT" --plan ZY --start 2026-01-01 --skip-invalid >/dev/null &&
  hz gen settlements 1400 --out "$T/feed.csv" --roster "$T/roster.csv" --seed 1617 >/dev/null &&
  hz import settlements "$T/feed.csv" >/dev/null &&
  hz claims proactive >/dev/null &&
  hz lm proactive >/dev/null || { echo "seeding the long lists failed"; exit 1; }
# cases: 30 in 新城区's unit (the cadre's), 12 elsewhere, of every kind
KINDS=(wage legal injury consult other)
i=0
for idn in $(sql "SELECT id_number FROM member ORDER BY id DESC LIMIT 30") \
           $(sql "SELECT m.id_number FROM member m JOIN unit u ON u.id = m.unit_id JOIN org o ON o.id = u.org_id
                  WHERE o.path NOT LIKE '%/XA-XC/%' ORDER BY m.id LIMIT 12"); do
  hz case open --id-number "$idn" --kind "${KINDS[$((i % 5))]}" --summary "诉求 $i" >/dev/null || { echo "case open failed"; exit 1; }
  i=$((i + 1))
done
# 30 staff accounts (5 disabled) for 用户与安全's pages; 60 stays of 30
# people who are no members (the feed's unmatched rows)
for n in $(seq -w 0 29); do
  echo "lists-pass-2026" | hz user add "clerk-$n" --role staff >/dev/null || { echo "user add failed"; exit 1; }
done
sql "UPDATE app_user SET disabled = 1 WHERE login IN ('clerk-00', 'clerk-01', 'clerk-02', 'clerk-03', 'clerk-04')" >/dev/null
hz gen roster 30 --out "$T/strangers.csv" --seed 1618 >/dev/null &&
  hz gen settlements 60 --out "$T/strangers.feed" --roster "$T/strangers.csv" --seed 1619 >/dev/null &&
  hz import settlements "$T/strangers.feed" >/dev/null || { echo "seeding the unmatched rows failed"; exit 1; }
export HUZHU_WEB="$HZ_SRC/web" HUZHU_BATCH_DIR="$T/batches"
"$HUZHU" --db "$DB" serve --listen 127.0.0.1:0 --threads 4 2>"$T/serve.log" &
SERVER=$!
PORT=$(wait_served "$T/serve.log" $SERVER)
[ -n "$PORT" ] || { cat "$T/serve.log"; kill $SERVER; exit 1; }
SHOTS="${HZ_TEST_TMP:-$T}/../screenshots"
(cd "$HZ_SRC/tests/web" && HZ_BASE="http://127.0.0.1:$PORT" HZ_SHOTS="$SHOTS" HZ_DOWNLOADS="$T" timeout 900 node lists.mjs)
if [ $? = 0 ]; then ok; else bad "browser checks (above)"; tail -40 "$T/serve.log"; fi
kill -TERM $SERVER
wait $SERVER
finish
