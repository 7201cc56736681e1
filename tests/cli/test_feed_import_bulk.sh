# The settlement feed's bulk import against the one-by-one path (issue 19,
# P6): a 10,000-stay feed — rows sent twice, one stay sent again under a
# lower-case number and with another name and time (the first row wins),
# refunds after and before their settlement, people who are no members, two
# rows of one number that disagree, bad rows — imported into two databases in
# two deliveries (the second holding the first again), in bulk and with
# --row-by-row: the same reports with every rejection, and the same
# settlement rows, ids included, every column but the clock's (imported_at).
# On PostgreSQL the bulk path stages the rows and inserts them in one
# statement per batch; --row-by-row looks up and inserts each row.
. "$(dirname "$0")/lib.bash"
UNIT=91610000MA6TG00007

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
export HUZHU_AUDIT_KEY="$T/audit-key" # one key: the audit rows compare too
"$HUZHU" gen roster 3000 --out "$T/r.csv" --seed 23 >/dev/null
"$HUZHU" gen settlements 10000 --roster "$T/r.csv" --out "$T/gen.csv" --seed 23 >/dev/null
for h in hz hz_b; do
  $h init >/dev/null
  $h org add --code XA --name 西安市总工会 >/dev/null
  $h unit add --code $UNIT --name 测试单位 --org XA >/dev/null
  $h import roster "$T/r.csv" --unit $UNIT --plan ZY --start 2026-01-01 >/dev/null
done

python3 - "$T/gen.csv" "$T/all.csv" "$T/first.csv" <<'EOF'
import random, sys
rnd = random.Random(23)
lines = open(sys.argv[1], encoding="utf-8-sig").read().splitlines()
head, rows = lines[0], [l.split(",") for l in lines[1:]]
def idc(b):
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return b + "10X98765432"[sum(int(c) * x for c, x in zip(b, w)) % 11]
def refund(f):
    g = list(f)
    for k in (12, 13, 14, 15): g[k] = "-" + g[k]
    g[16] = "1"
    return g
for i in range(0, len(rows), 97):  # people who are no members
    rows[i][1] = idc("61010219800101%03d" % (i % 1000))
out = []
for i, f in enumerate(rows):
    if i % 500 == 11:  # the refund arrives before its settlement
        out.append(refund(f))
    out.append(f)
    if i % 53 == 5: out.append(list(f))  # sent twice
    if i % 211 == 9:  # the same stay again, lower case, another name and time: the first row wins
        g = list(f); g[0] = g[0].lower(); g[2] = "重发"; g[17] = "2026-11-01 09:00:00"; out.append(g)
    if i % 149 == 3: out.append(refund(f))  # refunded in the same file
for k in range(4):  # one number, two different amounts: both refused
    f = rows[1000 + 2000 * k]
    g = list(f); g[12] = "1.00"; out.insert(rnd.randrange(len(out)), g)
out.insert(700, ["S_BAD1"] + rows[5][1:8] + ["2026-13-01"] + rows[5][9:])  # bad date
out.insert(4200, ["S_BAD2"] + rows[6][1:12] + ["abc"] + rows[6][13:])      # bad amount
open(sys.argv[2], "w").write("\n".join([head] + [",".join(f) for f in out]) + "\n")
open(sys.argv[3], "w").write("\n".join([head] + [",".join(f) for f in out[:4000]]) + "\n")
EOF

report() { python3 -c 'import json,sys
d = json.load(open(sys.argv[1]))
print(d["read"], d["new"], d["duplicate"], d["refund"], d["unmatched"], d["rejected_total"], d["written"])
for r in d["rejected"]: print(r["row"], r["field"], r["column"], r["reason"])' "$1"; }
for part in first all; do
  expect_exit 0 "bulk: $part" -- hz --json import settlements "$T/$part.csv" --skip-invalid
  cp "$T/out" "$T/a_$part.json"
  expect_exit 0 "row by row: $part" -- hz_b --json import settlements "$T/$part.csv" --skip-invalid --row-by-row
  cp "$T/out" "$T/b_$part.json"
  expect_eq "$(report "$T/a_$part.json")" "$(report "$T/b_$part.json")" "$part: the same report, every rejection with its row"
done
read -r _ new1 _ ref1 _ < <(report "$T/a_first.json" | head -1)
read -r _ new2 n_dup ref2 n_unm n_rej _ < <(report "$T/a_all.json" | head -1)
n_ref=$((ref1 + ref2))
[ $((new1 + new2)) -gt 9000 ] && [ "$n_dup" -gt 4000 ] && [ "$ref2" -gt 50 ] && [ "$n_unm" -gt 50 ] && [ "$n_rej" -gt 5 ] \
  && ok || bad "the deliveries exercise every case: $(report "$T/a_first.json" | head -1) / $(report "$T/a_all.json" | head -1)"

Q_SETL="SELECT id, setl_id, certno, COALESCE(member_id, 0), COALESCE(psn_name, ''), COALESCE(gend, ''),
  COALESCE(fixmedins_code, ''), COALESCE(fixmedins_name, ''), COALESCE(hosp_lv, ''), med_type, adm_date,
  COALESCE(dscg_date, ''), COALESCE(main_diag_code, ''), COALESCE(diag_codes, ''), medfee_sumamt, fund_pay_sumamt,
  psn_selfpay, psn_ownpay, refunded, COALESCE(setl_time, '') FROM settlement ORDER BY id"
Q_AUDIT="SELECT actor, action, object, detail FROM audit_event WHERE action <> 'audit.keyed' ORDER BY id"
for q in SETL AUDIT; do
  v=Q_$q
  sql "${!v}" > "$T/a_$q"
  sql_b "${!v}" > "$T/b_$q"
  if cmp -s "$T/a_$q" "$T/b_$q"; then ok; else bad "$q differs between the bulk and the row-by-row import"; diff "$T/a_$q" "$T/b_$q" | head -10 >&2; fi
done
expect_eq "$(wc -l < "$T/a_SETL")" "$(sql "SELECT count(*) FROM settlement")" "every settlement compared"
[ "$(wc -l < "$T/a_SETL")" -gt 9000 ] && ok || bad "settlements compared: $(wc -l < "$T/a_SETL")"
expect_eq "$(sql "SELECT count(*) FROM settlement WHERE psn_name = '重发'")" "0" "the first row of a stay wins"
expect_eq "$(sql "SELECT count(*) FROM settlement WHERE refunded = 1")" "$n_ref" "every refund cancels one settlement"
# codes in Chinese arrive whole on both stores and both paths (copied by
# bytes into their buffers they were cut inside a character: SQLite stored
# the broken UTF-8 and PostgreSQL refused the file)
M1=$(sed -n 2p "$T/r.csv" | cut -d, -f2)
printf '%s\nCJK1,%s,,男,H610号院,西京医院,三级甲等,21,2026-03-01,2026-03-05,J18.9,,5000.00,3000.00,1800.00,200.00,0,2026年3月5日10时\n' \
  "$FEED_HEADER" "$M1" > "$T/cjk.csv"
expect_exit 0 "Chinese codes, bulk" -- hz import settlements "$T/cjk.csv"
expect_exit 0 "Chinese codes, row by row" -- hz_b import settlements --row-by-row "$T/cjk.csv"
Q_CJK="SELECT gend || '|' || fixmedins_code || '|' || hosp_lv || '|' || setl_time FROM settlement WHERE setl_id = 'CJK1'"
expect_eq "$(sql "$Q_CJK")" "男|H610号院|三级甲等|2026年3月5日10时" "whole characters stored (bulk)"
expect_eq "$(sql_b "$Q_CJK")" "男|H610号院|三级甲等|2026年3月5日10时" "whole characters stored (row by row)"
# a write the database refuses half-way (PostgreSQL: a data exception, which
# the CLI reports with the file's report): nothing is written, and the report
# counts nothing as new (it counted the batches written before the failure)
if [ -n "$PG" ]; then
  sql "CREATE FUNCTION boom() RETURNS trigger LANGUAGE plpgsql AS \$\$ BEGIN
         IF NEW.setl_id = 'BOOM9' THEN RAISE EXCEPTION 'boom' USING ERRCODE = '22023'; END IF; RETURN NEW; END \$\$;
       CREATE TRIGGER boom BEFORE INSERT ON settlement FOR EACH ROW EXECUTE FUNCTION boom();" >/dev/null
  python3 - "$T/gen.csv" "$T/boom.csv" <<'PY'
import sys
lines = open(sys.argv[1], encoding="utf-8-sig").read().splitlines()
rows = [l.split(",") for l in lines[1:7001]]
for i, f in enumerate(rows): f[0] = "BOOMX%d" % i
rows[-1][0] = "BOOM9"  # past the first batch of 5000
with open(sys.argv[2], "w") as o:
    o.write(lines[0] + "\n" + "\n".join(",".join(f) for f in rows) + "\n")
PY
  n0=$(sql "SELECT count(*) FROM settlement")
  expect_exit 2 "the database refuses a row" -- hz --json import settlements "$T/boom.csv"
  expect_eq "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["written"], d["new"], d["duplicate"], d["unmatched"])' "$T/out")" \
    "False 0 0 0" "a refused write reports nothing new"
  expect_eq "$(sql "SELECT count(*) FROM settlement")" "$n0" "nothing written"
  sql "DROP TRIGGER boom ON settlement; DROP FUNCTION boom()" >/dev/null
fi
expect_exit 0 "check after the bulk import" -- hz check
expect_exit 0 "check after the row-by-row import" -- hz_b check
finish
