# huzhu report: every report, every format; CSV carries a BOM and is
# formula-safe, XLSX opens as a workbook, JSON parses.
. "$(dirname "$0")/lib.bash"
hz demo --members 200 >/dev/null || { echo "demo failed"; exit 1; }
for r in dashboard claims payouts coverage districts sla; do
  expect_exit 0 "report $r" -- hz report "$r" --from 2019-01-01
done
expect_exit 0 "claims csv" -- hz report claims --from 2019-01-01 --format csv --out "$T/claims.csv"
expect_eq "$(head -c 3 "$T/claims.csv" | od -An -tx1 | tr -d ' ')" "efbbbf" "CSV starts with a UTF-8 BOM"
expect_in "$T/claims.csv" "理赔编号,姓名,身份证号码" "Chinese header"
expect_in "$T/claims.csv" "27101.00" "the worked example is in the report"
expect_exit 0 "xlsx" -- hz report payouts --from 2019-01-01 --format xlsx --out "$T/p.xlsx"
expect_eq "$(python3 -c 'import sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); print("ok" if "给付金额" in z.read("xl/sharedStrings.xml").decode() else "no")' "$T/p.xlsx")" "ok" "XLSX holds the report"
expect_exit 0 "json" -- hz --json report dashboard
expect_eq "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["rows"][0]["指标"])' "$T/out")" "会员" "JSON rows"
expect_exit 4 "unknown report" -- hz report nope
expect_in "$T/err" "dashboard" "names the reports there are"
expect_exit 1 "unknown format" -- hz report sla --format pdf
expect_exit 1 "xlsx needs --out" -- hz report sla --format xlsx
# every claim state is in the demo
for s in received adjudicated approved rejected paid; do
  expect_eq "$(sql "SELECT CASE WHEN count(*) > 0 THEN 'yes' ELSE 'no' END FROM claim WHERE status = '$s'")" "yes" "demo has a $s claim"
done
finish
