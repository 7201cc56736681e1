# R9 (quality.md), issue 14: `huzhu backup --out FILE` is an online,
# consistent copy while others write, with the audit key it needs; the copy
# passes `huzhu check` and `audit verify` where it lies, and at a quiet
# moment equals the source table by table. PostgreSQL: pg_dump, named.
. "$(dirname "$0")/lib.bash"
UNIT=91610000MA6TG00007
hz init >/dev/null
if [ -n "$PG" ]; then
  expect_exit 2 "PostgreSQL names pg_dump" -- hz backup --out "$T/copy.db"
  expect_in "$T/err" "pg_dump" "the refusal says what to run"
  expect_eq "$(ls "$T" | grep -c copy)" "0" "nothing written"
  finish; exit $?
fi
hz demo --members 150 >/dev/null
SRC=$T/test.db

# ---- at a quiet moment: every table equal ----------------------------------
expect_exit 0 "backup" -- hz --json backup --out "$T/quiet.db"
expect_in "$T/out" '"ok":true' "the copy passes huzhu check"
expect_eq "$(stat -c %a "$T/quiet.db.audit-key")" "600" "the copy's audit key is private"
same=1
for t in $(sqlite3 "$SRC" "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"); do
  a=$(sqlite3 "$SRC" "SELECT * FROM \"$t\" ORDER BY 1" | md5sum)
  b=$(sqlite3 "$T/quiet.db" "SELECT * FROM \"$t\" ORDER BY 1" | md5sum)
  # the source has one audit event more: the backup's own
  [ "$t" = audit_event ] && a=$(sqlite3 "$SRC" "SELECT * FROM \"$t\" WHERE action <> 'backup' ORDER BY 1" | md5sum)
  [ "$a" = "$b" ] || { same=0; echo "table $t differs" >&2; }
done
expect_eq "$same" "1" "every table of the copy equals the source's"
expect_exit 0 "the copy opens as a database" -- "$HUZHU" --db "sqlite:$T/quiet.db" --json check
expect_exit 0 "its keyed audit chain verifies" -- "$HUZHU" --db "sqlite:$T/quiet.db" audit verify
expect_eq "$(sql "SELECT COUNT(*) FROM audit_event WHERE action = 'backup'")" "1" "the backup is audited"

# ---- refusals write nothing ------------------------------------------------
expect_exit 3 "an existing file is not overwritten" -- hz backup --out "$T/quiet.db"
expect_exit 1 "--out is required" -- hz backup
printf 'pw-Backup-2026!x\n' | hz user add clerk --role staff >/dev/null
expect_exit 4 "staff may not take a backup" -- hz --as clerk backup --out "$T/staff.db"
expect_eq "$(ls "$T" | grep -c 'staff.db')" "0" "nothing written on refusal"
expect_exit 2 "a directory that does not exist" -- hz backup --out "$T/no/such/dir/x.db"
expect_eq "$(ls "$T" | grep -c partial)" "0" "no partial file left behind"

# ---- while others write: a consistent moment -------------------------------
# a writer adds members one by one and counts them in $T/written; the backup
# starts once it has written ten and the writer stops after the backup ends
: > "$T/written"
(
  i=0
  while [ ! -e "$T/stop" ] && [ $i -lt 400 ]; do
    i=$((i + 1))
    id=$(id_check "6101021990$(printf '%02d%02d' $((i % 12 + 1)) $((i % 28 + 1)))$(printf '%03d' $((i % 1000)))")
    "$HUZHU" --db "$DB" member add --id-number "$id" --name 写入者 --unit "$(sql "SELECT credit_code FROM unit ORDER BY id LIMIT 1")" \
      >/dev/null 2>&1 && echo "$i" >> "$T/written"
  done
) &
WRITER=$!
until [ "$(wc -l < "$T/written")" -ge 10 ]; do kill -0 $WRITER 2>/dev/null || break; sleep 0.05; done
before=$(sql "SELECT COUNT(*) FROM member")
expect_exit 0 "backup under write load" -- hz --json backup --out "$T/busy.db"
after=$(sql "SELECT COUNT(*) FROM member")
touch "$T/stop"
wait $WRITER
expect_in "$T/out" '"ok":true' "the copy under load passes huzhu check"
expect_eq "$(sqlite3 "$T/busy.db" "PRAGMA integrity_check")" "ok" "the copy under load is a sound SQLite file"
n=$(sqlite3 "$T/busy.db" "SELECT COUNT(*) FROM member")
[ "$n" -ge "$before" ] && [ "$n" -le "$after" ] && ok || bad "the copy holds a moment between the start and the end ($before <= $n <= $after)"
expect_exit 0 "the busy copy's audit chain verifies" -- "$HUZHU" --db "sqlite:$T/busy.db" audit verify
finish
