# The demo at its default size is believable (issue 17): diagnoses fit the
# patient's sex, the seed's unit sizes, members in every district, the
# women's plan for the women, loss ratios an office has, claims spread over
# months with some paid after day 7 — and the worked example still 27,101.
. "$(dirname "$0")/lib.bash"
hz demo >/dev/null || { echo "demo failed"; exit 1; }
expect_exit 0 "check" -- hz check
# no woman-only diagnosis on a man, no man-only one on a woman (settlements and claims)
expect_eq "$(sql "SELECT COUNT(*) FROM settlement s JOIN member m ON m.id = s.member_id WHERE m.sex = 'M' AND (substr(s.main_diag_code, 1, 3) BETWEEN 'C50' AND 'C58' OR substr(s.main_diag_code, 1, 3) IN ('D25', 'D26', 'N70', 'N71', 'N80', 'N81', 'N83', 'O80'))")" "0" \
  "no man has a woman's diagnosis"
expect_eq "$(sql "SELECT COUNT(*) FROM settlement s JOIN member m ON m.id = s.member_id WHERE m.sex = 'F' AND substr(s.main_diag_code, 1, 3) IN ('C60', 'C61', 'C62', 'N40', 'N41', 'N43')")" "0" \
  "no woman has a man's diagnosis"
expect_eq "$(sql "SELECT COUNT(*) FROM claim_line l JOIN claim c ON c.id = l.claim_id JOIN member m ON m.id = c.member_id WHERE l.plan_code = 'NG' AND l.amount > 0 AND m.sex = 'M'")" "0" \
  "the women's plan pays no man"
# the seed's unit: 西安曲江建设集团有限公司 has 1,436 members
expect_eq "$(sql "SELECT COUNT(*) FROM member m JOIN unit u ON u.id = m.unit_id WHERE u.name = '西安曲江建设集团有限公司'")" "1436" \
  "曲江建设 has the seed's 1,436 members"
# every district and the joint union has members, and the dashboard shows them all
expect_eq "$(sql "SELECT COUNT(*) FROM org o WHERE o.kind IN ('district', 'joint') AND NOT EXISTS (SELECT 1 FROM member m LEFT JOIN unit u ON u.id = m.unit_id JOIN org p ON p.id = COALESCE(u.org_id, m.org_id) WHERE substr(p.path, 1, length(o.path)) = o.path)")" "0" \
  "members in every district and the joint union"
expect_exit 0 "dashboard" -- hz --json report dashboard
cp "$T/out" "$T/dash.json"
expect_eq "$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
names = [r["name"] for r in d["districts"]]
print(len(names) >= 15, "西安市新就业形态劳动者联合工会" in names, all(r["members"] > 0 for r in d["districts"]))' "$T/out")" \
  "True True True" "the district chart: 14 district unions and the joint unions, none empty"
# the women's plan covers most women members, no man
expect_eq "$(sql "SELECT CASE WHEN 10 * (SELECT COUNT(DISTINCT c.member_id) FROM coverage c JOIN member m ON m.id = c.member_id WHERE c.plan_code = 'NG' AND m.sex = 'F' AND c.status = 'active' AND c.start_date <= '2026-11-29' AND c.end_date >= '2026-11-29') >= 8 * (SELECT COUNT(*) FROM member WHERE sex = 'F') THEN 'most' ELSE 'few' END")" "most" \
  "NG covers most women"
# loss ratios over the two policy years the demo's stays span: 40-100% for the
# unit plans and NG; the riders' gift plan (XYT) at least 20%
expect_exit 0 "loss_ratio" -- hz --json report loss_ratio --from 2025-01-01 --to 2026-12-31
expect_eq "$(python3 -c '
import json, sys
t = {}
for r in json.load(open(sys.argv[1]))["items"]:
    a = t.setdefault(r["plan"], [0, 0])
    a[0] += int(r["contributions"].replace(".", "")); a[1] += int(r["incurred"].replace(".", ""))
lr = {k: v[1] * 100 // v[0] for k, v in t.items()}
bad = {k: v for k, v in lr.items() if not (40 <= v <= 100 if k != "XYT" else 20 <= v <= 100)}
print(sorted(t) , bad)' "$T/out")" "['NG', 'XYT', 'ZJ', 'ZY'] {}" "loss ratios per plan are an office's"
# the dashboard's loss ratio, as the console shows it (this year's policy
# year), reads like an office's too
expect_eq "$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(40 <= float(d["loss_ratio"].rstrip("%")) <= 100)' "$T/dash.json")" "True" "the dashboard's loss ratio is an office's"
# claims spread over months, some paid after day 7, most within
expect_exit 0 "sla_monthly" -- hz --json report sla_monthly --from 2025-01-01
expect_eq "$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))["items"]
paid = sum(r["paid"] for r in d); late = sum(r["paid_late"] for r in d)
print(len(d) >= 12, late > 0, 100 * late // paid < 30)' "$T/out")" "True True True" \
  "payments in a dozen months or more, some late, most within 7 days"
expect_eq "$(sql "SELECT COUNT(DISTINCT substr(submitted_at, 1, 7)) >= 12 FROM claim")" "$(sqlite_only && echo 1 || echo t)" \
  "claims submitted over a dozen months or more"
# the worked example: 何秀英's claim paid in 2019, within 7 days
expect_eq "$(sql "SELECT c.total || ' ' || substr(c.paid_at, 1, 4) FROM claim c JOIN member m ON m.id = c.member_id WHERE m.name = '何秀英' AND c.total = 2710100")" \
  "2710100 2019" "the worked example is paid in 2019"
finish
