# The office's reports (issue 17): their totals agree with each other, with
# the tables and with the journal that `huzhu check` balances; a cadre's
# report holds only their district; CSV has a BOM; XLSX has typed cells.
. "$(dirname "$0")/lib.bash"
hz demo --members 200 >/dev/null || { echo "demo failed"; exit 1; }
ALL="--from 2000-01-01 --to 2030-12-31"
for r in loss_ratio five_year claims_status sla_monthly recoveries; do
  expect_exit 0 "report $r json" -- hz --json report $r $ALL
  cp "$T/out" "$T/$r.json"
done
expect_exit 0 "five_year of today" -- hz --json report five_year
cp "$T/out" "$T/five_year.json"
# sums of a JSON report's column (fen for money), optionally grouped
col() { python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
def v(x):
    if isinstance(x, str):
        neg = x.startswith("-"); a, b = x.lstrip("-").split(".")
        return (-1 if neg else 1) * (int(a) * 100 + int(b))
    return x
print(sum(v(r[sys.argv[2]]) for r in d["items"]))' "$@"; }
# contributions: every policy year's share adds up to the contribution rows
expect_eq "$(col "$T/loss_ratio.json" contributions)" "$(sql 'SELECT SUM(amount) FROM contribution')" \
  "loss_ratio: contributions by plan x year x district sum to the contributions"
# benefits: what the journal's benefit accounts hold (debit balances)
expect_eq "$(col "$T/loss_ratio.json" incurred)" \
  "$(sql "SELECT SUM(debits_posted - credits_posted) FROM account WHERE kind = 'benefit'")" \
  "loss_ratio: incurred benefits sum to the journal's benefit accounts"
expect_eq "$(col "$T/loss_ratio.json" paid)" \
  "$(sql "SELECT COALESCE(SUM(l.amount), 0) FROM claim_line l JOIN claim c ON c.id = l.claim_id WHERE c.status = 'paid' AND l.reversed = 0")" \
  "loss_ratio: paid is the paid claims' active lines"
# payouts by plan (pay date) sum to the paid column of every policy year
expect_exit 0 "payouts" -- hz --json report payouts $ALL
expect_eq "$(col "$T/out" amount)" "$(col "$T/loss_ratio.json" paid)" "payouts by plan sum to the total paid"
# the dashboard's total paid is its payouts by plan, and the payouts report's
expect_exit 0 "dashboard of all years" -- hz --json report dashboard $ALL
cp "$T/out" "$T/dash_all.json"
expect_eq "$(python3 -c '
import json, sys
def fen(x): a, b = x.split("."); return int(a) * 100 + int(b)
d = json.load(open(sys.argv[1]))
print(fen(d["paid"]) == sum(fen(r["amount"]) for r in d["payouts"]), fen(d["paid"]))' "$T/dash_all.json")" \
  "True $(col "$T/loss_ratio.json" paid)" "dashboard: payouts by plan sum to its total paid, the loss_ratio report's paid"
# the five-year summary is the same cells without districts, for its years
expect_exit 0 "loss_ratio of the five years" -- hz --json report loss_ratio --from 2022-01-01 --to 2026-12-31
expect_eq "$(col "$T/five_year.json" incurred) $(col "$T/five_year.json" contributions) $(col "$T/five_year.json" claims)" \
  "$(col "$T/out" incurred) $(col "$T/out" contributions) $(col "$T/out" claims)" "five_year agrees with loss_ratio"
expect_eq "$(python3 -c 'import json,sys; print(sorted({r["year"] for r in json.load(open(sys.argv[1]))["items"]}))' "$T/five_year.json")" \
  "[2022, 2023, 2024, 2025, 2026]" "five_year: the five years that end with --to"
expect_eq "$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(all(r["people"] > 0 for r in d["items"]))' "$T/five_year.json")" "True" "five_year: people covered in every row"
# the loss ratio is benefits / contributions in basis points, half up
expect_eq "$(python3 -c '
import json, sys
def fen(x): a, b = x.split("."); return int(a) * 100 + int(b)
bad = []
for r in json.load(open(sys.argv[1]))["items"]:
    c, b = fen(r["contributions"]), fen(r["incurred"])
    want = None if c == 0 else "%d.%02d%%" % divmod((b * 20000 + c) // (2 * c), 100)
    if r["loss_ratio"] != want: bad.append(r)
print(bad)' "$T/loss_ratio.json")" "[]" "loss_ratio per row is benefits / contributions"
# claims by status and source sum to all claims, and their amounts to the claims' totals
expect_eq "$(col "$T/claims_status.json" claims)" "$(sql 'SELECT COUNT(*) FROM claim')" "claims_status sums to all claims"
expect_eq "$(col "$T/claims_status.json" amount)" "$(sql 'SELECT SUM(total) FROM claim')" "claims_status amounts sum"
expect_eq "$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(sorted({r["source"] for r in d["items"]}), all(r["no_payment"] + r["waiting_documents"] + r["within_7_days"] + r["over_7_days"] == r["claims"] for r in d["items"]))' "$T/claims_status.json")" \
  "['application', 'proactive'] True" "claims_status: both sources, every claim on the clock or waiting"
expect_eq "$(col "$T/sla_monthly.json" paid)" "$(sql "SELECT COUNT(*) FROM claim WHERE status = 'paid'")" \
  "sla_monthly: paid claims by month sum to the paid claims"
expect_eq "$(col "$T/recoveries.json" outstanding)" "$(hz --json report dashboard | python3 -c 'import json,sys; print(json.load(sys.stdin)["money"]["outstanding"].replace(".", "").lstrip("0") or "0")')" \
  "recoveries: outstanding sums to the dashboard's"
expect_exit 0 "check" -- hz check
# the dashboard's loss ratio is the year's, on the same basis
expect_exit 0 "loss_ratio of the year" -- hz --json report loss_ratio --from 2026-01-01 --to 2026-11-29
cp "$T/out" "$T/lr2026.json"
hz --json report dashboard >"$T/dash.json"
expect_eq "$(python3 -c '
import json, sys
def fen(x): a, b = x.split("."); return int(a) * 100 + int(b)
d = json.load(open(sys.argv[2])); c = sum(fen(r["contributions"]) for r in d["items"]); b = sum(fen(r["incurred"]) for r in d["items"])
print(json.load(open(sys.argv[1]))["loss_ratio"] == "%d.%02d%%" % divmod((b * 20000 + c) // (2 * c), 100))' "$T/dash.json" "$T/lr2026.json")" \
  "True" "dashboard loss ratio = the year's loss_ratio totals"
# a cadre (新城区) sees their district only; another district is refused
expect_exit 0 "cadre loss_ratio" -- hz --as cadre --json report loss_ratio $ALL
expect_eq "$(python3 -c 'import json,sys; print(sorted({r["district"] for r in json.load(open(sys.argv[1]))["items"]}))' "$T/out")" \
  "['新城区总工会']" "cadre: only 新城区"
expect_eq "$(col "$T/out" contributions)" "$(sql "SELECT SUM(t.amount) FROM contribution t JOIN coverage c ON c.id = t.coverage_id JOIN member m ON m.id = c.member_id LEFT JOIN unit u ON u.id = m.unit_id JOIN org o ON o.id = COALESCE(u.org_id, m.org_id) WHERE o.path LIKE '/XA/XA-XC/%'")" \
  "cadre: contributions of 新城区's members"
expect_exit 0 "cadre claims_status" -- hz --as cadre --json report claims_status $ALL
expect_eq "$(col "$T/out" claims)" "$(sql "SELECT COUNT(*) FROM claim c JOIN member m ON m.id = c.member_id LEFT JOIN unit u ON u.id = m.unit_id JOIN org o ON o.id = COALESCE(u.org_id, m.org_id) WHERE o.path LIKE '/XA/XA-XC/%'")" \
  "cadre: claims of 新城区's members"
expect_exit 4 "cadre may not name another district" -- hz --as cadre report loss_ratio --org XA-YT
expect_exit 0 "office narrows to one district" -- hz --json report loss_ratio $ALL --org XA-YT
expect_eq "$(python3 -c 'import json,sys; print(sorted({r["district"] for r in json.load(open(sys.argv[1]))["items"]}))' "$T/out")" \
  "['雁塔区总工会']" "--org narrows the office's report"
# the office's dashboard narrowed to 新城区 is the cadre's own
figures() { python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(d["members"], d["covered"], d["contributions"], d["paid"], d["loss_ratio"], d["share_paid_within_7_days"], len(d["districts"]))' "$1"; }
expect_exit 0 "cadre dashboard" -- hz --as cadre --json report dashboard $ALL
expect_eq "$(figures "$T/out")" "$(hz --json report dashboard $ALL --org XA-XC >"$T/dxc.json" && figures "$T/dxc.json")" \
  "dashboard --org XA-XC is the cadre's dashboard"
expect_eq "$(figures "$T/dxc.json" | cut -d' ' -f1)" "$(sql "SELECT COUNT(*) FROM member m LEFT JOIN unit u ON u.id = m.unit_id JOIN org o ON o.id = COALESCE(u.org_id, m.org_id) WHERE o.path LIKE '/XA/XA-XC/%'")" \
  "dashboard --org XA-XC counts 新城区's members"
expect_exit 4 "cadre's dashboard may not name another district" -- hz --as cadre report dashboard --org XA-YT
expect_exit 4 "a member has no reports" -- hz --as member report five_year
# exports: CSV with a BOM, XLSX with money as numbers formatted #,##0.00
expect_exit 0 "csv" -- hz report loss_ratio $ALL --format csv --out "$T/lr.csv"
expect_eq "$(head -c 3 "$T/lr.csv" | od -An -tx1 | tr -d ' ')" "efbbbf" "CSV starts with a UTF-8 BOM"
expect_in "$T/lr.csv" "计划,保障年度,区县工会,缴费" "CSV: Chinese header"
expect_exit 0 "xlsx" -- hz report loss_ratio $ALL --format xlsx --out "$T/lr.xlsx"
expect_eq "$(python3 -c '
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
styles = z.read("xl/styles.xml").decode()
sheet = z.read("xl/worksheets/sheet1.xml").decode()
fmt = re.search(r"<numFmt numFmtId=\"(\d+)\" formatCode=\"#,##0.00\"", styles)
# the money style: a cellXfs entry with that numFmtId; its index is the s= of money cells
xfs = re.search(r"<cellXfs[^>]*>(.*?)</cellXfs>", styles, re.S).group(1)
ids = [m.group(1) for m in re.finditer(r"<xf numFmtId=\"(\d+)\"", xfs)]
s = ids.index(fmt.group(1)) if fmt else -1
# row 2, column D (contributions) is a number in that style
cell = re.search(r"<c r=\"D2\"([^>]*)>(.*?)</c>", sheet)
print(bool(fmt), "s=\"%d\"" % s in cell.group(1), "<v>" in cell.group(2) and "t=\"s\"" not in cell.group(1))' "$T/lr.xlsx")" \
  "True True True" "XLSX: money cells are numbers formatted #,##0.00"
# Days are Beijing's: a claim submitted at 01:30 in Shanghai on 1 November
# (17:30 UTC on 31 October) is November's, in every report that takes a range
day_claims() { hz --json report claims_status --from "$1" --to "$1" >"$T/day.json" && col "$T/day.json" claims; }
X=$(sql "SELECT claim_no FROM claim WHERE submitted_at < '2026-10-01' ORDER BY id LIMIT 1")
expect_eq "$([ -n "$X" ] && echo found)" "found" "a claim submitted before October"
n_oct31=$(day_claims 2026-10-31); n_nov1=$(day_claims 2026-11-01); n_nov2=$(day_claims 2026-11-02)
sql "UPDATE claim SET submitted_at = '2026-10-31T17:30:00Z' WHERE claim_no = '$X'" >/dev/null
expect_eq "$(day_claims 2026-10-31) $(day_claims 2026-11-01)" "$n_oct31 $((n_nov1 + 1))" \
  "claims_status: 17:30 UTC on 31 October counts on 1 November (Beijing)"
sql "UPDATE claim SET submitted_at = '2026-11-01T15:59:59Z' WHERE claim_no = '$X'" >/dev/null
expect_eq "$(day_claims 2026-11-01) $(day_claims 2026-11-02)" "$((n_nov1 + 1)) $n_nov2" \
  "claims_status: 15:59:59 UTC on 1 November is still 1 November"
# the forecast's report months are Beijing's: the chain ladder sees the same
# triangle whether the claim came at 01:30 or at 10:00 on 1 November in
# Shanghai (17:30 UTC on 31 October / 02:00 UTC on 1 November)
# a paying claim whose stay began in 2026-06
Y=$(sql "SELECT c.claim_no FROM claim c JOIN claim_line l ON l.claim_id = c.id JOIN settlement s ON s.id = l.settlement_id WHERE c.status <> 'rejected' AND l.reversed = 0 AND l.amount > 100000 AND s.adm_date LIKE '2026-06%' ORDER BY c.id LIMIT 1")
expect_eq "$([ -n "$Y" ] && echo found)" "found" "a paying claim of a June stay"
Y_at=$(sql "SELECT submitted_at FROM claim WHERE claim_no = '$Y'")
forecast_at() { sql "UPDATE claim SET submitted_at = '$1' WHERE claim_no = '$Y'" >/dev/null
  hz --json forecast --year 2026 | python3 -c 'import json, sys; d = json.load(sys.stdin); d.pop("as_of", None); print(json.dumps(d, sort_keys=True))'; }
f_late=$(forecast_at 2026-10-31T17:30:00Z); f_day=$(forecast_at 2026-11-01T02:00:00Z); f_oct=$(forecast_at 2026-10-31T08:00:00Z)
expect_eq "$([ -n "$f_late" ] && [ "$f_late" = "$f_day" ] && echo same)" "same" \
  "forecast: 17:30 UTC on 31 October is reported in November (Beijing), like 02:00 UTC on 1 November"
expect_eq "$([ "$f_late" != "$f_oct" ] && echo differs)" "differs" \
  "forecast: a claim reported in October (Beijing) moves the triangle"
sql "UPDATE claim SET submitted_at = '$Y_at' WHERE claim_no = '$Y'" >/dev/null
# the growth report's months are Beijing's too: a member created at 17:30 UTC
# on 31 October joined in November, one at 15:59:59 UTC on 30 November too
month_joiners() { hz --json report growth --from 2026-10-01 --to 2026-12-31 >"$T/g.json" && python3 -c '
import json, sys
print(sum(r["new_members"] for r in json.load(open(sys.argv[1]))["items"] if r["month"] == sys.argv[2]))' "$T/g.json" "$1"; }
M=$(sql "SELECT id FROM member ORDER BY id LIMIT 1")
sql "UPDATE member SET created_at = '2026-10-15T08:00:00Z' WHERE id = $M" >/dev/null
g_oct=$(month_joiners 2026-10); g_nov=$(month_joiners 2026-11)
sql "UPDATE member SET created_at = '2026-10-31T17:30:00Z' WHERE id = $M" >/dev/null
expect_eq "$(month_joiners 2026-10) $(month_joiners 2026-11)" "$((g_oct - 1)) $((g_nov + 1))" \
  "growth: 17:30 UTC on 31 October joins in November (Beijing)"
sql "UPDATE member SET created_at = '2026-11-30T15:59:59Z' WHERE id = $M" >/dev/null
expect_eq "$(month_joiners 2026-11) $(month_joiners 2026-12)" "$((g_nov + 1)) $(month_joiners 2026-12)" \
  "growth: 15:59:59 UTC on 30 November is still November"
sql "UPDATE member SET created_at = '2026-11-30T16:00:00Z' WHERE id = $M" >/dev/null
expect_eq "$(month_joiners 2026-11)" "$g_nov" "growth: 16:00 UTC on 30 November is 1 December in Beijing"
# the aid figures follow --org like every other figure: the year's aid on the
# dashboard of each district adds up to the whole, and `report aid --org`
# holds only that district's rows
aid_of() { hz --json report dashboard $1 | python3 -c '
import json, sys
print(" ".join("%s:%d:%s" % (r["scheme"], r["grants"], r["committed"]) for r in json.load(sys.stdin)["aid"]))'; }
expect_eq "$(python3 -c '
import sys
tot = {}
for part in sys.argv[1:]:
    for item in part.split():
        k, n, c = item.split(":"); a, b = c.split(".")
        t = tot.setdefault(k, [0, 0]); t[0] += int(n); t[1] += int(a) * 100 + int(b)
print(" ".join("%s:%d:%d.%02d" % (k, v[0], v[1] // 100, v[1] % 100) for k, v in tot.items()))' \
  $(for d in $(sql "SELECT code FROM org WHERE kind = 'district'"); do aid_of "--org $d"; done))" \
  "$(aid_of "")" "dashboard aid: the districts' figures add up to the whole"
expect_eq "$(hz --json report aid --org XA-XC | python3 -c '
import json, sys
print(sorted(set(r["district"] for r in json.load(sys.stdin)["items"])))')" "['新城区总工会']" \
  "report aid --org XA-XC holds only 新城区's rows"
expect_exit 0 "check after moving a timestamp" -- hz check
finish
