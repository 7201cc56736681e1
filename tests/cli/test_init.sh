# huzhu init: creates, is safe to run again; global errors and exit codes.
. "$(dirname "$0")/lib.bash"

expect_exit 0 "init creates" -- hz init
expect_in "$T/out" "数据库已就绪" "init message"
expect_eq "$(sql "SELECT count(*) FROM schema_migration")" "5" "the core module's five migrations recorded"
expect_eq "$(sql "SELECT module || ':' || MAX(version) FROM module_migration GROUP BY module ORDER BY module" | tr '\n' ' ')" "care:1 cases:1 claims:3 joining:1 lm:2 notices:1 payments:5 relief:3 security:3 " "each later module's own migrations recorded"
if sqlite_only; then
  expect_eq "$(stat -c %a "$T/test.db.audit-key")" "600" "init made the audit key next to the database, private"
  expect_eq "$(tr -d '\n' <"$T/test.db.audit-key" | wc -c)" "64" "the key is 64 hex digits"
fi
expect_eq "$(sql "SELECT count(*) FROM audit_event WHERE action = 'audit.keyed'")" "1" "the chain's first keyed event"
KEY_BEFORE=$(sqlite_only && cat "$T/test.db.audit-key")
expect_exit 0 "init again" -- hz --json init
expect_in "$T/out" '"migrations_applied":0' "second init applies nothing"
sqlite_only && expect_eq "$(cat "$T/test.db.audit-key")" "$KEY_BEFORE" "a second init keeps the key"
expect_eq "$(sql "SELECT count(*) FROM audit_event WHERE action = 'audit.keyed'")" "1" "and marks the chain once"
if sqlite_only; then
  expect_eq "$(sql 'PRAGMA journal_mode')" "wal" "WAL mode"
  expect_eq "$(sql 'PRAGMA integrity_check')" "ok" "integrity"
  expect_eq "$(sql "SELECT strict FROM pragma_table_list WHERE name='member'")" "1" "STRICT tables"
fi
expect_eq "$(sql "SELECT count(*) FROM plan")" "7" "catalogue loaded once"

expect_exit 1 "no command" -- hz
expect_exit 1 "unknown command" -- hz frobnicate
expect_in "$T/err" "huzhu: USAGE:" "error line format"
expect_exit 1 "init takes no args" -- hz init extra
expect_exit 0 "help" -- hz init --help
expect_in "$T/out" "init" "help text"
expect_exit 5 "unopenable database" -- "$HUZHU" --db "sqlite:$T/no/such/dir/x.db" init
expect_exit 5 "unreachable postgresql" -- "$HUZHU" --db "postgresql://nobody@127.0.0.1:1/none" init
expect_in "$T/err" "huzhu: STORAGE:" "storage error line"
expect_exit 1 "--db without value" -- "$HUZHU" init --db
HUZHU_DB="sqlite:$T/env.db" expect_exit 0 "HUZHU_DB env" -- "$HUZHU" init
[ -f "$T/env.db" ] && ok || bad "HUZHU_DB not used"
finish
