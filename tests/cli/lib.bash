# Shared helpers for the end-to-end CLI tests (sourced, not run).
# Each test script gets a fresh temporary directory and database.
set -u
: "${HUZHU:?HUZHU must point at the built binary}"
: "${HZ_SRC:?HZ_SRC must point at the source tree}"
T=$(mktemp -d "${TMPDIR:-/tmp}/hz_cli.XXXXXX")
DB="sqlite:$T/test.db"
PG=""
if [ -n "${HZ_TEST_PG_PORT:-}" ]; then
  # the same tests on PostgreSQL: a fresh database per test script
  PG="hz_$(basename "$0" .sh)_$$"
  psql -q -h 127.0.0.1 -p "$HZ_TEST_PG_PORT" -U postgres -d postgres -c "CREATE DATABASE $PG" >/dev/null
  DB="postgresql://postgres@127.0.0.1:$HZ_TEST_PG_PORT/$PG"
fi
export HUZHU_TODAY="${HUZHU_TODAY:-2026-11-29}"
# every statement SQLite plans for this suite (its servers too) is checked
# for a table scanned once per row of a correlated subquery (issue 19:
# src/store/sqlite_plan.h); plan_check in finish() fails the suite on one
export HZ_PLAN_LOG="${HZ_PLAN_LOG:-$T/plans.log}"
PASS=0
FAIL=0
# at_exit CMD: CMD runs when the suite exits, before its directory goes (a
# server to stop, a second database to drop); its status is not the suite's
HZ_AT_EXIT=()
at_exit() { HZ_AT_EXIT+=("$1"); }
cleanup() {
  local rc=$? c
  for c in "${HZ_AT_EXIT[@]}"; do eval "$c" >/dev/null 2>&1 || true; done
  # a suite that ends with its own `exit` rather than finish() (the HTTP and
  # browser suites) is held to the plan check here
  if [ -z "${PLAN_CHECKED:-}" ] && plan_bad; then
    echo "FAIL: a statement scans a table once per row of a correlated subquery (src/store/sqlite_plan.h)" >&2
    rc=1
  fi
  rm -rf "$T"
  [ -z "$PG" ] || psql -q -h 127.0.0.1 -p "$HZ_TEST_PG_PORT" -U postgres -d postgres \
    -c "DROP DATABASE IF EXISTS $PG WITH (FORCE)" >/dev/null 2>&1
  exit "$rc"
}
trap cleanup EXIT

hz() { "$HUZHU" --db "$DB" "$@"; }

ok() { PASS=$((PASS + 1)); }
bad() { FAIL=$((FAIL + 1)); echo "FAIL: $*" >&2; }

# expect_exit CODE DESCRIPTION -- command...
expect_exit() {
  local want=$1 what=$2
  shift 3
  "$@" >"$T/out" 2>"$T/err"
  local got=$?
  if [ "$got" = "$want" ]; then ok; else
    bad "$what: exit $got, want $want"; sed 's/^/  stdout: /' "$T/out" >&2; sed 's/^/  stderr: /' "$T/err" >&2
  fi
}

# expect_in FILE TEXT DESCRIPTION: FILE contains TEXT (fixed string)
expect_in() {
  if grep -qF -- "$2" "$1"; then ok; else bad "$3: '$2' not in $(basename "$1")"; sed 's/^/  | /' "$1" | head -20 >&2; fi
}
expect_not_in() {
  if grep -qF -- "$2" "$1"; then bad "$3: '$2' unexpectedly in $(basename "$1")"; else ok; fi
}
# expect_eq GOT WANT DESCRIPTION
expect_eq() {
  if [ "$1" = "$2" ]; then ok; else bad "$3: got '$1', want '$2'"; fi
}
# jq-less JSON field extraction via python3
jget() { python3 -c 'import json,sys
d=json.load(open(sys.argv[1]))
for k in sys.argv[2].split("."):
    d = d[int(k)] if isinstance(d, list) else d[k]
print(d if not isinstance(d,(dict,list)) else json.dumps(d, ensure_ascii=False))' "$@"; }
# a query on the test database, whichever store it is
sql() {
  if [ -n "$PG" ]; then psql -q -At -h 127.0.0.1 -p "$HZ_TEST_PG_PORT" -U postgres -d "$PG" -c "$1"
  else sqlite3 "$T/test.db" "$1"; fi
}
sqlite_only() { [ -z "$PG" ]; }

# The settlement feed's header (interfaces.md), for suites that write feeds.
FEED_HEADER=setl_id,certno,psn_name,gend,fixmedins_code,fixmedins_name,hosp_lv,med_type,adm_date,dscg_date,main_diag_code,diag_codes,medfee_sumamt,fund_pay_sumamt,psn_selfpay,psn_ownpay,refd_setl_flag,setl_time
# id_check BODY17: the resident ID number with its check digit (GB 11643)
id_check() { python3 -c 'import sys
b=sys.argv[1][:17]; w=[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2]
print(b + "10X98765432"[sum(int(c)*x for c,x in zip(b,w)) % 11])' "$1"; }
# luhn BODY: a bank card number with its Luhn check digit
luhn() { python3 -c 'import sys
b=sys.argv[1]; d=[int(c) for c in b][::-1]
s=sum(x if i % 2 else (2*x if 2*x < 10 else 2*x-9) for i, x in enumerate(d))
print(b + str((10 - s % 10) % 10))' "$1"; }
# add_member BODY17 NAME [FLAG]: a member of $UNIT with a valid ID number
# and a bank card of its own (derived from the ID, so unique per member);
# prints the ID number. Callers run it in $( ), so it keeps no state.
add_member() {
  local id card
  id=$(id_check "$1")
  card=$(luhn "6217${1:6:11}")
  hz member add --id-number "$id" --name "$2" --unit "$UNIT" --bank-card "$card" --bank-name 工商银行 \
    ${3:+--flag $3} >/dev/null
  echo "$id"
}
# claim_status NO / claim_total NO: one field of `claim show --json`
claim_status() { hz --json claim show "$1" > "$T/c.json" && jget "$T/c.json" status; }
claim_total() { hz --json claim show "$1" > "$T/c.json" && jget "$T/c.json" total; }

# every end-to-end suite ends with `huzhu check` on what it left behind
# (docs/money.md): the journal, the lines, the payments and the audit chain
final_check() {
  [ -n "${HZ_NO_FINAL_CHECK:-}" ] && return
  [ -n "$(sql "SELECT 1 FROM schema_migration LIMIT 1" 2>/dev/null)" ] || return
  if "$HUZHU" --db "$DB" check >"$T/final-check" 2>&1; then ok; else bad "huzhu check at the end: $(cat "$T/final-check")"; fi
}
# what a correlated subquery may scan: tables of a few rows by nature (the
# org tree, a budget a year, the relief programmes, plans, settings) and a
# derived table (its own SQL is checked as a statement of its own)
PLAN_SMALL_TABLES="${PLAN_SMALL_TABLES:-org|lm_budget|relief_program|plan|plan_version|setting|[(]subquery[)]}"
# prints the plans that scan a table per row (none: false)
plan_bad() {
  [ -s "$HZ_PLAN_LOG" ] || return 1
  local lines
  lines=$(awk -F'\t' -v small="^($PLAN_SMALL_TABLES)\$" '$2 !~ small' "$HZ_PLAN_LOG" | sort -u)
  [ -n "$lines" ] || return 1
  printf '%s\n' "$lines" | cut -c1-400 >&2
}
plan_check() {
  PLAN_CHECKED=1
  if plan_bad; then
    bad "a statement scans a table once per row of a correlated subquery (quadratic at scale; src/store/sqlite_plan.h): above"
  else ok; fi
}
finish() {
  final_check
  plan_check
  echo "$PASS passed, $FAIL failed"
  [ "$FAIL" = 0 ]
}

# wait_served LOG PID: prints the port once the server started as PID has
# written its "http://127.0.0.1:PORT/" line to LOG; nothing if it died first.
# A condition with a deadline generous enough for a loaded CI machine (120 s:
# an ASan build opening and migrating the database can take many seconds),
# not a guess at how long starting takes.
wait_served() {
  local log=$1 pid=$2 i
  for i in $(seq 1200); do
    grep -q "http://" "$log" 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  grep -o '127.0.0.1:[0-9]*' "$log" 2>/dev/null | head -1 | cut -d: -f2
}
