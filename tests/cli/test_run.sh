# `make run` and `huzhu serve` on a busy port (issue 16): the port and the
# setting that changes it are named before anything is built or written,
# and PORT/LISTEN choose where `make run` serves. scripts/run.sh is driven
# with HUZHU_BIN pointing at the binary under test.
. "$(dirname "$0")/lib.bash"

# a listener holding a port: python binds port 0, prints the port it got
# and holds it until its stdin (a FIFO we keep open on fd 7) closes
mkfifo "$T/hold.in"
python3 -c 'import socket,sys
s=socket.socket(); s.bind(("127.0.0.1",0)); s.listen(1)
print(s.getsockname()[1], flush=True); sys.stdin.read()' <"$T/hold.in" >"$T/hold.port" &
HOLD=$!
exec 7>"$T/hold.in"   # keeps the holder's stdin open until the end
for i in $(seq 600); do [ -s "$T/hold.port" ] && break; kill -0 $HOLD 2>/dev/null || break; sleep 0.1; done
BUSY=$(cat "$T/hold.port")
[ -n "$BUSY" ] || { echo "FAIL: the port holder did not start"; exit 1; }

# --- huzhu serve: exit 3, port and --listen named, the store untouched ----------
expect_exit 3 "serve on a busy port" -- "$HUZHU" --db "sqlite:$T/none.db" serve --listen "127.0.0.1:$BUSY"
expect_in "$T/err" "端口 $BUSY 已被占用" "the busy port is named"
expect_in "$T/err" "--listen" "the setting that changes it is named"
expect_not_in "$T/err" "STORAGE" "a busy port is not a storage error"
# (the CLI opens the store before any command, which may leave an empty file)
if [ -z "$(sqlite3 "$T/none.db" .tables 2>/dev/null)" ]; then ok; else bad "serve created tables before finding the port busy"; fi

# --- make run (scripts/run.sh): refused before the demo is built ----------------
export HUZHU_BIN="$HUZHU"
expect_exit 3 "make run on a busy port" -- env LISTEN="127.0.0.1:$BUSY" bash "$HZ_SRC/scripts/run.sh" "$T/demo.db"
expect_in "$T/err" "端口 $BUSY 已被占用" "make run names the busy port"
expect_in "$T/err" "make run PORT=" "make run names the PORT setting"
if [ ! -e "$T/demo.db" ]; then ok; else bad "make run built a demo database before finding the port busy"; fi
expect_exit 1 "make run with LISTEN without a port" -- env LISTEN="127.0.0.1" bash "$HZ_SRC/scripts/run.sh" "$T/demo.db"
expect_in "$T/err" "LISTEN=127.0.0.1" "a bad LISTEN is named"

# --- make run on a free port (PORT → LISTEN, as the Makefile passes it) ---------
exec 7>&-; wait $HOLD 2>/dev/null   # frees the port: the holder ends with its stdin
"$HUZHU" --db "sqlite:$T/run.db" init >/dev/null   # an existing database: no demo build
LISTEN="127.0.0.1:$BUSY" bash "$HZ_SRC/scripts/run.sh" "$T/run.db" >"$T/run.out" 2>"$T/run.log" &
RUN=$!
port=$(wait_served "$T/run.log" $RUN)
expect_eq "$port" "$BUSY" "make run serves on the port it was given"
expect_in "$T/run.out" "http://127.0.0.1:$BUSY/" "make run prints the console's address with that port"
expect_in "$T/run.out" "重置演示数据" "make run says how to reset the demo"
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$BUSY/api/v1/openapi.json")
expect_eq "$code" 200 "the API answers on the chosen port"
kill $RUN; wait $RUN 2>/dev/null
HZ_NO_FINAL_CHECK=1
finish
