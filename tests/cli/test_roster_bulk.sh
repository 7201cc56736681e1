# The roster import's bulk writes against the one-by-one path (issue 19, P1):
# the same 10,000-row roster — GB18030, with invalid rows, duplicates within
# the file, and people already in the database (updated, a new card, a new
# plan) — imported into two databases, once in bulk and once with
# --row-by-row, gives the same report and the same rows in every table the
# import touches. Rows are compared by their natural keys (ID number, plan,
# start): surrogate ids and the clock's columns (created_at, updated_at,
# changed_at, at, audit hashes) are documented as volatile (docs/decisions.md).
. "$(dirname "$0")/lib.bash"
UNIT=91610000MA6TG00007

# the second database: another file, or another PostgreSQL database
DB_A=$DB
if [ -n "$PG" ]; then
  PG_B="${PG}_b"
  psql -q -h 127.0.0.1 -p "$HZ_TEST_PG_PORT" -U postgres -d postgres -c "CREATE DATABASE $PG_B" >/dev/null
  DB_B="postgresql://postgres@127.0.0.1:$HZ_TEST_PG_PORT/$PG_B"
  at_exit 'psql -q -h 127.0.0.1 -p "$HZ_TEST_PG_PORT" -U postgres -d postgres -c "DROP DATABASE IF EXISTS $PG_B WITH (FORCE)"'
else
  DB_B="sqlite:$T/b.db"
fi
sql_b() {
  if [ -n "$PG" ]; then psql -q -At -h 127.0.0.1 -p "$HZ_TEST_PG_PORT" -U postgres -d "$PG_B" -c "$1"
  else sqlite3 "$T/b.db" "$1"; fi
}
hz_b() { "$HUZHU" --db "$DB_B" "$@"; }
for h in hz hz_b; do
  $h init >/dev/null
  $h org add --code XA --name 西安市总工会 >/dev/null
  $h unit add --code $UNIT --name 测试单位 --org XA >/dev/null
done

"$HUZHU" gen roster 10000 --out "$T/r.csv" --seed 19 >/dev/null
# 300 people are members already (the first 300 rows), with ZY
head -301 "$T/r.csv" > "$T/first.csv"
expect_exit 0 "bulk: the first 300" -- hz import roster "$T/first.csv" --unit $UNIT --plan ZY --start 2026-01-01
expect_exit 0 "row by row: the first 300" -- hz_b import roster "$T/first.csv" --unit $UNIT --plan ZY --start 2026-01-01 --row-by-row

# the roster as it arrives: new phones for 100 of them, new cards for 20,
# 40 duplicates within the file, bad rows of every kind, in GB18030
python3 - "$T/r.csv" "$T/gb.csv" <<'EOF'
import sys
lines = open(sys.argv[1], encoding="utf-8-sig").read().splitlines()
head, rows = lines[0], lines[1:]
def luhn(b):
    d = [int(c) for c in b][::-1]
    s = sum(x if i % 2 else (2 * x if 2 * x < 10 else 2 * x - 9) for i, x in enumerate(d))
    return b + str((10 - s % 10) % 10)
out = []
for i, r in enumerate(rows):
    f = r.split(",")
    if i < 100: f[2] = "139%08d" % i                              # updated phone
    if 100 <= i < 120: f[6], f[7] = luhn("621700000%09d" % i), "长安银行"  # new card
    out.append(",".join(f))
    if i % 250 == 7: out.append(",".join(f[:2] + ["137%08d" % i] + f[3:]))  # duplicate of the row above
bad = ["王五,610102199001011232,13800000001,普通,,,,",       # check digit
       "孙八,610102197001010010,12345,普通,,,,",              # phone
       "周九,610102197001010010,13800000004,普通,,,6217000000000000005,某行",  # Luhn
       "吴十,610102197001010010,13800000005,贵宾,,,,",        # category
       "郑一,610102197001010010,13800000006,劳模,,,,",        # model level
       ",610102197001010010,13800000008,普通,,,,",            # empty name
       "冯二,11010519491231002X,13800000009,普通,,,,"]        # too old for ZY
for k, b in enumerate(bad):
    out.insert(1000 + k * 1000, b)
open(sys.argv[2], "wb").write(("\n".join([head] + out) + "\n").encode("gb18030"))
EOF

run() { # run H ARGS...: the import with both plans, skipping invalid rows
  local h=$1; shift
  $h --json import roster "$T/gb.csv" --unit $UNIT --plan ZY --plan ZJ:2 --start 2026-01-01 --skip-invalid "$@"
}
# refused without --skip-invalid, nothing partial; a dry run writes nothing
before=$(sql "SELECT count(*) FROM member")/$(sql "SELECT count(*) FROM coverage")/$(sql "SELECT count(*) FROM contribution")
expect_exit 2 "bulk: invalid rows refuse the import" -- hz --json import roster "$T/gb.csv" --unit $UNIT --plan ZY --start 2026-01-01
expect_exit 0 "bulk: dry run" -- run hz --dry-run
expect_eq "$(jget "$T/out" written)" "False" "dry run not written"
expect_eq "$(sql "SELECT count(*) FROM member")/$(sql "SELECT count(*) FROM coverage")/$(sql "SELECT count(*) FROM contribution")" \
  "$before" "refused and dry-run imports write nothing"

expect_exit 0 "bulk import" -- run hz
cp "$T/out" "$T/report_a.json"
expect_exit 0 "row-by-row import" -- run hz_b --row-by-row
cp "$T/out" "$T/report_b.json"
report() { python3 -c 'import json,sys
d = json.load(open(sys.argv[1]))
print(d["rows"], d["imported"], d["updated"], d["coverages"], d["rejected_total"], d["written"], d["encoding"])
for r in d["rejected"]: print(r["row"], r["field"], r["column"], r["reason"])' "$1"; }
expect_eq "$(report "$T/report_a.json")" "$(report "$T/report_b.json")" "the same report, every rejection with its row and field"
expect_eq "$(report "$T/report_a.json" 2>/dev/null | head -1)" "10047 9700 300 19700 47 True gb18030" "rows, new, updated, coverages, rejected"

# every table the import touches, by natural keys, without the volatile columns
Q_MEMBER="SELECT id_number, name, sex, birth_date, COALESCE(phone,''), COALESCE(unit_id,0), COALESCE(org_id,0),
  COALESCE(bank_card,''), COALESCE(bank_name,'') FROM member ORDER BY id_number"
Q_FLAG="SELECT m.id_number, f.kind, f.level, f.valid_from, f.valid_to FROM member_flag f JOIN member m ON m.id = f.member_id
  ORDER BY 1, 2, 4"
Q_COV="SELECT m.id_number, c.plan_id, c.plan_code, c.shares, c.start_date, c.end_date, c.months, c.payer_kind,
  COALESCE(c.payer_ref,''), c.premium, c.continuous, c.status FROM coverage c JOIN member m ON m.id = c.member_id ORDER BY 1, 3, 5"
Q_CONTRIB="SELECT m.id_number, c.plan_code, c.start_date, k.payer_kind, COALESCE(k.payer_ref,''), k.amount, k.paid_on
  FROM contribution k JOIN coverage c ON c.id = k.coverage_id JOIN member m ON m.id = c.member_id ORDER BY 1, 2, 3, 6"
Q_CARD="SELECT m.id_number, COALESCE(x.old_card,''), COALESCE(x.old_bank,''), COALESCE(x.new_card,''),
  COALESCE(x.new_bank,''), x.via, x.changed_by, COALESCE(x.confirmed_by,'') FROM card_change x JOIN member m ON m.id = x.member_id
  ORDER BY 1, 4"
# (audit.keyed names each database's own random key)
Q_AUDIT="SELECT actor, action, object, detail FROM audit_event WHERE action <> 'audit.keyed' ORDER BY id"
for q in MEMBER FLAG COV CONTRIB CARD AUDIT; do
  v=Q_$q
  sql "${!v}" > "$T/a_$q"
  sql_b "${!v}" > "$T/b_$q"
  if cmp -s "$T/a_$q" "$T/b_$q"; then ok; else bad "$q differs between the bulk and the row-by-row import"; diff "$T/a_$q" "$T/b_$q" | head -10 >&2; fi
done
expect_eq "$(wc -l < "$T/a_MEMBER")" "10000" "members compared"
expect_eq "$(wc -l < "$T/a_COV")" "20000" "coverages compared: 9,700 new x 2 plans + 300 ZY before + 300 ZJ now"
expect_eq "$(wc -l < "$T/a_CONTRIB")" "20000" "one contribution per coverage"
expect_eq "$(wc -l < "$T/a_CARD")" "20" "card changes compared"
# and nothing else: every table holds as many rows in both
tables() {
  if [ -n "$PG" ]; then sql "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1"
  else sql "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY 1"; fi
}
for t in $(tables); do
  [ "$(sql "SELECT count(*) FROM $t")" = "$(sql_b "SELECT count(*) FROM $t")" ] || bad "table $t: $(sql "SELECT count(*) FROM $t") rows in bulk, $(sql_b "SELECT count(*) FROM $t") row by row"
done
ok
expect_exit 0 "check after the bulk import" -- hz check
expect_exit 0 "check after the row-by-row import" -- hz_b check
# the contributions report gives the same figures both ways
expect_exit 0 "contributions report, bulk" -- hz report contributions --format csv --from 2026-01-01 --to 2026-12-31
cp "$T/out" "$T/rep_a.csv"
expect_exit 0 "contributions report, row by row" -- hz_b report contributions --format csv --from 2026-01-01 --to 2026-12-31
expect_eq "$(cat "$T/out")" "$(cat "$T/rep_a.csv")" "the contributions report"
expect_in "$T/rep_a.csv" "测试单位" "the report lists the unit"
finish
