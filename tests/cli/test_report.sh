# huzhu report: every report, every format; CSV carries a BOM and is
# formula-safe, XLSX opens as a workbook, JSON parses with English keys.
. "$(dirname "$0")/lib.bash"
hz demo --members 200 >/dev/null || { echo "demo failed"; exit 1; }
# one registry: the names the CLI offers are the modules' reports
expect_exit 1 "report without a name lists them" -- hz report
cp "$T/err" "$T/names"
for r in dashboard districts stats coverage claims sla overdue payouts; do
  expect_in "$T/names" "$r" "report $r is offered"
  for f in table csv json; do
    expect_exit 0 "report $r $f" -- hz report "$r" --from 2019-01-01 --org XA --format $f
  done
  expect_exit 0 "report $r xlsx" -- hz report "$r" --from 2019-01-01 --org XA --format xlsx --out "$T/$r.xlsx"
  expect_exit 0 "report $r json" -- hz --json report "$r" --from 2019-01-01 --org XA
  expect_eq "$(python3 -c '
import json, re, sys
d = json.load(open(sys.argv[1]))
def keys(o):
    if isinstance(o, dict):
        for k, v in o.items():
            yield k
            yield from keys(v)
    elif isinstance(o, list):
        for v in o:
            yield from keys(v)
bad = [k for k in keys(d) if not re.fullmatch(r"[a-z][a-z0-9_]*", k)]
print("ok" if d["report"] == sys.argv[2] and not bad else "bad keys %s" % bad)' "$T/out" "$r")" "ok" "report $r: JSON keys are English identifiers"
done
expect_exit 0 "claims csv" -- hz report claims --from 2019-01-01 --format csv --out "$T/claims.csv"
expect_eq "$(head -c 3 "$T/claims.csv" | od -An -tx1 | tr -d ' ')" "efbbbf" "CSV starts with a UTF-8 BOM"
expect_in "$T/claims.csv" "理赔编号,姓名,身份证号码" "Chinese header"
expect_in "$T/claims.csv" "27101.00" "the worked example is in the report"
expect_exit 0 "xlsx" -- hz report payouts --from 2019-01-01 --format xlsx --out "$T/p.xlsx"
expect_eq "$(python3 -c 'import sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); print("ok" if "给付金额" in z.read("xl/sharedStrings.xml").decode() else "no")' "$T/p.xlsx")" "ok" "XLSX holds the report"
expect_exit 0 "json" -- hz --json report dashboard
expect_eq "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(sorted(d["money"]), d["members"] > 0, d["districts"][0]["name"][-3:])' "$T/out")" \
  "['outstanding', 'paid_out', 'pending', 'recovered', 'written_off'] True 总工会" "JSON dashboard: figures, money and parts by key"
expect_eq "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print([(r["scheme"], r["year"]) for r in d["aid"]])' "$T/out")" \
  "[('lm', 2026), ('relief', 2026)]" "JSON dashboard: the year's LM and relief figures"
expect_exit 0 "claims json" -- hz --json report claims --from 2019-01-01
expect_eq "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["columns"][:3], d["total"] == len(d["items"]) > 0, type(d["items"][0]["proactive"]).__name__)' "$T/out")" \
  "['claim_no', 'name', 'id_number'] True bool" "JSON claims: columns by key, items, typed cells"
expect_exit 0 "dashboard csv" -- hz report dashboard --format csv --out "$T/dash.csv"
expect_in "$T/dash.csv" "指标,数值" "CSV record: Chinese titles"
expect_in "$T/dash.csv" "计划,理赔件数,给付金额" "CSV: the dashboard's parts follow"
expect_eq "$(python3 -c 'import sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); print(z.read("xl/workbook.xml").decode().count("<sheet "))' "$T/dashboard.xlsx")" "6" "XLSX: one sheet per part"
expect_exit 2 "stats needs an org for the office" -- hz report stats
expect_exit 4 "stats of an unknown org" -- hz report stats --org NOPE
expect_exit 4 "unknown report" -- hz report nope
expect_in "$T/err" "dashboard" "names the reports there are"
expect_exit 1 "unknown format" -- hz report sla --format pdf
expect_exit 1 "xlsx needs --out" -- hz report sla --format xlsx
# every claim state is in the demo
for s in received adjudicated approved rejected paid; do
  expect_eq "$(sql "SELECT CASE WHEN count(*) > 0 THEN 'yes' ELSE 'no' END FROM claim WHERE status = '$s'")" "yes" "demo has a $s claim"
done
finish
