# R1 of quality.md, at test scale: kill -9 at random moments of a roster
# import. Every time the import is wholly present or wholly absent, the
# database is intact, and re-running the import finishes.
. "$(dirname "$0")/lib.bash"
UNIT=91610000MA6TG00007
N=20000
hz init >/dev/null
hz org add --code XA --name 西安市总工会 >/dev/null
hz unit add --code $UNIT --name 测试单位 --org XA >/dev/null
"$HUZHU" gen roster $N --out "$T/r.csv" --seed 11 >/dev/null
for delay in 0.05 0.3 0.6 0.9 1.2 1.6; do
  # the binary itself in the background (not the hz function): killing a
  # function's subshell would orphan huzhu, which then kept importing
  "$HUZHU" --db "$DB" import roster "$T/r.csv" --unit $UNIT --plan ZY --start 2026-01-01 >/dev/null 2>&1 &
  pid=$!
  sleep "$delay"
  kill -9 $pid 2>/dev/null
  wait $pid 2>/dev/null
  members=$(sql "SELECT count(*) FROM member")
  coverages=$(sql "SELECT count(*) FROM coverage")
  case "$members/$coverages" in
    "0/0"|"$N/$N") ok ;;
    *) bad "kill after ${delay}s left a partial import: $members members, $coverages coverages" ;;
  esac
  sqlite_only && expect_eq "$(sql 'PRAGMA integrity_check')" "ok" "integrity after kill at ${delay}s"
  [ "$members" = "$N" ] && break
done
expect_exit 0 "re-running the import finishes" -- hz --json import roster "$T/r.csv" --unit $UNIT --plan ZY --start 2026-01-01
expect_eq "$(sql "SELECT count(*) FROM member")" "$N" "all members once"
expect_eq "$(sql "SELECT count(*) FROM coverage")" "$N" "all coverages once"
expect_exit 0 "audit chain intact" -- hz audit verify
finish
