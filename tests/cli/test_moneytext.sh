# Money in the server's sentences reads like the console's (issue 16):
# 12,345.67 with thousands separators in the claim's 审核提示; the exports stay machine-readable: XLSX cells are numbers in the
# #,##0.00 format (they sum, and read grouped), CSV cells plain numbers
# (a grouping comma would split or break a CSV sum). Notices and PDFs:
# test_notices.sh and test_documents.sh.
. "$(dirname "$0")/lib.bash"
expect_exit 0 "demo" -- hz demo --members 300
GROUPED='[0-9]{1,3}(,[0-9]{3})+\.[0-9]{2}'

# the 审核提示 of a claim above the auto-approval ceiling
BIG=$(sql "SELECT claim_no FROM claim WHERE review_note LIKE '%自动审批额度%' AND total >= 100000 ORDER BY id LIMIT 1")
[ -n "$BIG" ] || { bad "no claim of the demo is above the auto-approval ceiling"; finish; exit 1; }
expect_exit 0 "claim show" -- hz --json claim show "$BIG"
NOTE=$(jget "$T/out" review_note)
TOTAL=$(jget "$T/out" total)
WANT=$(python3 -c 'import sys; print(f"{float(sys.argv[1]):,.2f}")' "$TOTAL")
expect_eq "$NOTE" "金额 $WANT 超过自动审批额度 5,000.00" "the review hint groups both figures"
expect_in <(hz claim show "$BIG") "审核提示: 金额 $WANT" "and the terminal shows it so"
if echo "$TOTAL" | grep -Eq '^[0-9]+\.[0-9]{2}$'; then ok; else bad "the JSON total stays plain ($TOTAL)"; fi

# exports: XLSX numbers formatted #,##0.00, CSV plain
expect_exit 0 "claims xlsx" -- hz claim list --status adjudicated --sort total --order desc --format xlsx --out "$T/c.xlsx"
expect_exit 0 "claims csv" -- hz claim list --status adjudicated --sort total --order desc --format csv --out "$T/c.csv"
expect_eq "$(python3 - "$T/c.xlsx" "$T/c.csv" <<'EOF'
import csv, io, re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
styles = z.read("xl/styles.xml").decode()
sheet = z.read("xl/worksheets/sheet1.xml").decode()
shared = re.findall(r"<t[^>]*>(.*?)</t>", z.read("xl/sharedStrings.xml").decode(), re.S)
fmt = re.search(r'<numFmt numFmtId="(\d+)" formatCode="#,##0.00"', styles)
xfs = re.search(r"<cellXfs[^>]*>(.*?)</cellXfs>", styles, re.S).group(1)
ids = [m.group(1) for m in re.finditer(r'<xf numFmtId="(\d+)"', xfs)]
money_style = 's="%d"' % ids.index(fmt.group(1)) if fmt else None
# the header row: find the 合计（元） column by its shared string
head = re.search(r'<row r="1"[^>]*>(.*?)</row>', sheet, re.S).group(1)
col = None
for m in re.finditer(r'<c r="([A-Z]+)1"[^>]*t="s"[^>]*><v>(\d+)</v>', head):
    if shared[int(m.group(2))] == "合计（元）": col = m.group(1)
cell = re.search(r'<c r="%s2"([^>]*)><v>([^<]*)</v>' % col, sheet) if col else None
rows = list(csv.reader(io.StringIO(open(sys.argv[2], encoding="utf-8-sig").read())))
t = rows[0].index("合计（元）")
print(col is not None, bool(cell and money_style in cell.group(1) and 't="s"' not in cell.group(1)),
      bool(cell and float(cell.group(2)) >= 1000),
      all(re.fullmatch(r"-?\d+\.\d\d", r[t]) for r in rows[1:]) and float(rows[1][t]) >= 1000)
EOF
)" "True True True True" "XLSX: 合计（元） cells are numbers formatted #,##0.00; CSV: plain numbers"
finish
