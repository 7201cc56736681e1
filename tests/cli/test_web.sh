# The web console in a real browser: starts the server over a demo database
# and runs tests/web/console.mjs (playwright-core + Debian's chromium), or
# the script named by HZ_WEB_SCRIPT (test_web_security.sh).
. "$(dirname "$0")/lib.bash"
[ -x /usr/bin/chromium ] || { echo "FAIL: /usr/bin/chromium is missing (make test installs it)"; exit 1; }
[ -d "$HZ_SRC/tests/web/node_modules/playwright-core" ] || { echo "FAIL: tests/web/node_modules missing (npm ci)"; exit 1; }
[ -d "$HZ_SRC/web/node_modules/vue" ] || { echo "FAIL: web/node_modules missing (npm ci)"; exit 1; }
hz demo --members 300 >/dev/null || { echo "demo failed"; exit 1; }
# a script's own setup on the demo (test_web_insight.sh), before the server starts
! declare -F web_setup >/dev/null || web_setup || { echo "web_setup failed"; exit 1; }
export HUZHU_WEB="$HZ_SRC/web" HUZHU_BATCH_DIR="$T/batches"
"$HUZHU" --db "$DB" serve --listen 127.0.0.1:0 --threads 4 2>"$T/serve.log" &
SERVER=$!
PORT=$(wait_served "$T/serve.log" $SERVER)
[ -n "$PORT" ] || { cat "$T/serve.log"; kill $SERVER; exit 1; }
SHOTS="${HZ_TEST_TMP:-$T}/../screenshots"
(cd "$HZ_SRC/tests/web" && HZ_BASE="http://127.0.0.1:$PORT" HZ_SHOTS="$SHOTS" timeout 900 node "${HZ_WEB_SCRIPT:-console.mjs}")
rc=$?
kill -TERM $SERVER
wait $SERVER
# whatever the pages did with money, the books still balance (docs/money.md)
if ! "$HUZHU" --db "$DB" check >"$T/final-check" 2>&1; then
  echo "FAIL: huzhu check after the browser: $(cat "$T/final-check")"; rc=1
fi
exit $rc
