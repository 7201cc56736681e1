# make install's tree, moved away from where it was built (issue 14): install
# the build with DESTDIR and a prefix as a package build does, copy the
# prefix elsewhere and delete the staged one, then run the copy with a config
# file from a directory outside the source and build trees: it must find its
# catalogue, password list and console beside itself (never in the source
# tree), serve the page, every front-end file the page loads and a login,
# and refuse an unknown config key naming file, line and key. The systemd
# unit is checked by its keys, and by systemd-analyze verify when there is one.
. "$(dirname "$0")/lib.bash"
BUILD=$(cd "$(dirname "$HUZHU")" && pwd)
[ -d "$HZ_SRC/web/node_modules/vue" ] || { echo "FAIL: web/node_modules missing (make web-deps)"; exit 1; }
# nothing may point the binary at the trees: only what the install holds counts
unset HUZHU_WEB HUZHU_CATALOGUE HUZHU_COMMON_PASSWORDS HUZHU_DATA_DIR HUZHU_DB HUZHU_CONFIG

# --- install: DESTDIR + prefix, from the build the suite already made -------------------
if DESTDIR="$T/stage" cmake --install "$BUILD" --prefix /opt/huzhu >"$T/install.log" 2>&1; then ok
else bad "cmake --install"; cat "$T/install.log" >&2; exit 1; fi
A="$T/stage/opt/huzhu"
for f in bin/huzhu share/huzhu/catalogue/ZY.json share/huzhu/data/common-passwords.txt share/huzhu/web/index.html \
         share/huzhu/web/app.js share/huzhu/huzhu.conf.example lib/systemd/system/huzhu.service lib/sysusers.d/huzhu.conf; do
  if [ -f "$A/$f" ]; then ok; else bad "installed: $f missing"; fi
done
if [ -f "$T/stage/etc/huzhu/huzhu.conf" ]; then ok; else bad "the config file /etc/huzhu/huzhu.conf (under DESTDIR)"; fi
expect_eq "$(ls "$A/share/huzhu/catalogue" | wc -l)" "$(ls "$HZ_SRC"/catalogue/*.json | wc -l)" "every plan file installed"
# the front-end files: exactly those index.html loads (and the licences), no npm tree
grep -o '/node_modules/[^"?#]*' "$HZ_SRC/web/index.html" | sort -u >"$T/libs"
expect_eq "$(wc -l <"$T/libs")" 5 "index.html names the five front-end files"
(cd "$A/share/huzhu/web" && find node_modules -type f ! -name LICENSE ! -name NOTICE | sed 's|^|/|' | sort) >"$T/installed-libs"
if cmp -s "$T/libs" "$T/installed-libs"; then ok; else bad "installed front-end files differ from the page's"; diff "$T/libs" "$T/installed-libs" >&2; fi
if [ -z "$(find "$A" -name package.json -o -name '*.map' -o -name '*.mjs')" ]; then ok; else bad "npm files installed"; fi
# a second install keeps an edited config
echo "# edited by the operator" >>"$T/stage/etc/huzhu/huzhu.conf"
DESTDIR="$T/stage" cmake --install "$BUILD" --prefix /opt/huzhu >"$T/install2.log" 2>&1
expect_in "$T/stage/etc/huzhu/huzhu.conf" "# edited by the operator" "a re-install keeps the operator's config"

# --- the unit ---------------------------------------------------------------------------
UNIT="$A/lib/systemd/system/huzhu.service"
for key in "User=huzhu" "Group=huzhu" "ProtectSystem=strict" "StateDirectory=huzhu" "NoNewPrivileges=yes" "PrivateTmp=yes" \
           "WorkingDirectory=/var/lib/huzhu" "ExecStart=/opt/huzhu/bin/huzhu --config /etc/huzhu/huzhu.conf serve" \
           "WantedBy=multi-user.target"; do
  if grep -qxF "$key" "$UNIT"; then ok; else bad "unit: no line '$key'"; fi
done
expect_in "$A/lib/sysusers.d/huzhu.conf" "u huzhu - " "sysusers.d creates the user"

# --- move it: copy the prefix elsewhere, delete the staged one -------------------------
B="$T/moved/huzhu"
mkdir -p "$T/moved" "$T/run"
cp -a "$A" "$B"
cp "$T/stage/etc/huzhu/huzhu.conf" "$T/shipped.conf"
rm -rf "$T/stage"
# a line only the copy's stylesheet has: what is served comes from the copy
echo "/* served-from-the-moved-prefix $$ */" >>"$B/share/huzhu/web/app.css"

if command -v systemd-analyze >/dev/null; then
  # verify the unit as installed, with ExecStart pointing at the copy (verify checks the binary exists);
  # an unknown key is only a warning to it: any output fails
  sed "s|/opt/huzhu/bin/huzhu|$B/bin/huzhu|" "$B/lib/systemd/system/huzhu.service" >"$T/huzhu.service"
  if systemd-analyze verify "$T/huzhu.service" >"$T/verify.log" 2>&1 && [ ! -s "$T/verify.log" ]; then ok
  else bad "systemd-analyze verify"; cat "$T/verify.log" >&2; fi
else
  echo "systemd-analyze: not available here; the unit was checked by its keys only (not counted as a pass)"
fi

# --- the shipped config parses, then one for this test ---------------------------------
cd "$T/run"
HZ=("$B/bin/huzhu")
# the shipped config has only known keys; --db on the command line wins over its db
expect_exit 0 "init with the shipped config and --db" -- "${HZ[@]}" --config "$T/shipped.conf" --db "sqlite:$T/cmdline.db" init
if [ -f "$T/cmdline.db" ]; then ok; else bad "--db wins over the config's db"; fi
cat >"$T/huzhu.conf" <<EOF
# the test's service: serve's long options as keys
listen = 127.0.0.1:0     # any free port
db = $DB
threads = 2
# an option of serve's limits is a key too
access-log = $T/access.log
header-timeout = 60
EOF
expect_exit 0 "init from the moved tree (catalogue beside the binary)" -- "${HZ[@]}" --config "$T/huzhu.conf" init
expect_exit 0 "the moved tree's plans" -- "${HZ[@]}" --config "$T/huzhu.conf" --json plans
expect_in "$T/out" '"ZY"' "the catalogue's plans loaded"
# the common-password list is read from the moved tree: a listed password is refused
echo "password" >"$T/pw"
expect_exit 2 "a common password refused (the list was found)" -- sh -c '"$0" --config "$1" user add admin --role admin <"$2"' \
  "$B/bin/huzhu" "$T/huzhu.conf" "$T/pw"
expect_in "$T/err" "常见" "refused as common"
echo "Install-Test-Lantern-2026" >"$T/pw"
expect_exit 0 "admin added" -- sh -c '"$0" --config "$1" user add admin --role admin <"$2"' "$B/bin/huzhu" "$T/huzhu.conf" "$T/pw"

# an unknown key stops serve with the file, the line and the key
printf 'listen = 127.0.0.1:0\n\n# threads = 2\nlisten-adress = 0.0.0.0:80\n' >"$T/bad.conf"
expect_exit 2 "unknown config key" -- "${HZ[@]}" --config "$T/bad.conf" serve
expect_in "$T/err" "$T/bad.conf:4" "the error names the file and line"
expect_in "$T/err" "listen-adress" "and the key"
expect_exit 2 "HUZHU_CONFIG names the file" -- env HUZHU_CONFIG="$T/bad.conf" "${HZ[@]}" serve
expect_exit 2 "a missing --config file" -- "${HZ[@]}" --config "$T/none.conf" serve

# --- serve from the moved tree -----------------------------------------------------------
"$B/bin/huzhu" --config "$T/huzhu.conf" serve --threads 3 2>"$T/serve.log" &
SERVER=$!
PORT=$(wait_served "$T/serve.log" $SERVER)
if [ -z "$PORT" ]; then cat "$T/serve.log" >&2; kill $SERVER 2>/dev/null; bad "serve did not start"; exit 1; fi
expect_in "$T/serve.log" "数据目录 (data): $B/share/huzhu" "serve names the moved tree's data directory"
expect_in "$T/serve.log" "配置 (config): $T/huzhu.conf" "and the config file"
expect_not_in "$T/serve.log" "$HZ_SRC" "no path into the source tree"
expect_not_in "$T/serve.log" "警告" "no warning (the console's libraries are there)"
U="http://127.0.0.1:$PORT"
code=$(curl -s -o "$T/index.html" -w '%{http_code}' "$U/")
expect_eq "$code" 200 "GET /"
if cmp -s "$T/index.html" "$B/share/huzhu/web/index.html"; then ok; else bad "GET / is the moved tree's index.html"; fi
curl -s "$U/app.css" >"$T/app.css"
expect_in "$T/app.css" "served-from-the-moved-prefix $$" "the stylesheet is the moved copy's"
while read -r lib; do
  code=$(curl -s -o "$T/lib" -w '%{http_code}' "$U$lib")
  expect_eq "$code" 200 "GET $lib"
  if cmp -s "$T/lib" "$B/share/huzhu/web$lib"; then ok; else bad "$lib: not the installed file"; fi
done <"$T/libs"
code=$(curl -s -o "$T/session.json" -w '%{http_code}' -H 'Content-Type: application/json' \
  -d '{"login":"admin","password":"Install-Test-Lantern-2026"}' "$U/api/v1/session")
expect_eq "$code" 200 "POST /api/v1/session"
TOKEN=$(jget "$T/session.json" token 2>/dev/null)
code=$(curl -s -o "$T/me.json" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$U/api/v1/me")
expect_eq "$code" 200 "GET /api/v1/me with the token"
expect_eq "$(jget "$T/me.json" login 2>/dev/null)" admin "logged in as admin"
code=$(curl -s -o "$T/plans.json" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$U/api/v1/plans")
expect_eq "$code" 200 "GET /api/v1/plans"
expect_in "$T/plans.json" '"ZY"' "the plans served"
kill -TERM $SERVER
wait $SERVER
expect_eq "$?" 0 "serve stops cleanly on SIGTERM"
expect_in "$T/access.log" '/api/v1/session' "the config's access-log is where serve logged"

echo "$PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
