# Relief programmes (plans.md "Relief programmes"; issue #13): second-round
# relief proposed from the year's data at every band edge, autumn student
# aid (5,000 / 3,000 / 4,000 / 2,000, one grant per student), visits,
# donation drives, approvals within the budget, the 公示 list with its
# objection window before payment. Runs on SQLite and PostgreSQL.
. "$(dirname "$0")/lib.bash"
UNIT=91610000MA6TG00007
F=$FEED_HEADER
hz init >/dev/null
hz org add --code XA --name 西安市总工会 >/dev/null
hz unit add --code $UNIT --name "西安电力机械厂" --org XA >/dev/null
member() { add_member "$@"; }
row() { # SETL ID ADM SELFPAY [REFUND]
  local s="" f=0
  if [ "${5:-0}" = 1 ]; then s=-; f=1; fi
  echo "$1,$2,某某,1,H1,西京医院,3,21,$3,$3,I63.9,,${s}900000.00,${s}1.00,${s}$4,${s}1.00,$f,$3 10:00:00"
}

# ---- second-round relief at every band edge --------------------------
hz relief program add --code ECJZ2026 --kind second_round --year 2026 --budget 200000.00 --name 2026年二次救助 >/dev/null
rows=""
i=0
NAMES=(甲 乙 丙 丁 戊 己 庚 辛 壬 癸 子 丑 寅 卯)
for burden in 9999.99 10000.00 29999.99 30000.00 49999.99 50000.00 99999.99 100000.00 199999.99 200000.00 299999.99 300000.00 499999.99 500000.00; do
  i=$((i + 1))
  m=$(member "6101021980$(printf '01%02d' $i)00$((i % 10))" "会员${NAMES[$((i - 1))]}")
  hz enroll --id-number $m --plan ZY --start 2026-01-01 >/dev/null
  rows="$rows$(row B$i $m 2026-05-0$((i % 9 + 1)) $burden)
"
  echo "$m $burden" >> "$T/edges"
done
# no coverage during the year: not on the list, whatever the burden
NOCOV=$(member 61010219850101009 无保障)
rows="$rows$(row N1 $NOCOV 2026-05-01 80000.00)
"
# a refunded stay does not count
REF=$(member 61010219850202008 退费者)
hz enroll --id-number $REF --plan ZY --start 2026-01-01 >/dev/null
rows="$rows$(row RF1 $REF 2026-03-01 6000.00)
$(row RF2 $REF 2026-04-01 6000.00)
"
{ echo "$F"; printf '%s' "$rows"; } > "$T/feed.csv"
hz import settlements "$T/feed.csv" >/dev/null || { echo "feed refused" >&2; hz --json import settlements "$T/feed.csv" >&2; }
{ echo "$F"; row RF2 $REF 2026-04-01 6000.00 1; } > "$T/refund.csv"
hz import settlements "$T/refund.csv" >/dev/null
expect_exit 0 "propose" -- hz --json relief propose --program ECJZ2026
python3 -c 'import json,sys
got = {g["id_number"]: g["amount"] for g in json.load(open(sys.argv[1]))["grants"]}
for line in open(sys.argv[2]):
    m, burden = line.split()
    print(burden, got.get(m, "-"))' "$T/out" "$T/edges" > "$T/bands"
expect_eq "$(tr '\n' ' ' < "$T/bands")" "9999.99 - 10000.00 1500.00 29999.99 1500.00 30000.00 3000.00 49999.99 3000.00 50000.00 5000.00 99999.99 5000.00 100000.00 10000.00 199999.99 10000.00 200000.00 20000.00 299999.99 20000.00 300000.00 30000.00 499999.99 30000.00 500000.00 50000.00 " "every band edge"
expect_not_in "$T/out" "$NOCOV" "no coverage in the year: not proposed"
expect_not_in "$T/out" "$REF" "a refunded stay is excluded (6,000.00 left)"
expect_eq "$(jget "$T/out" grants.0.status)" "proposed" "proposed by the system"
expect_exit 0 "propose again" -- hz --json relief propose --program ECJZ2026
expect_eq "$(jget "$T/out" grants)" "[]" "running it again adds only members not yet on it"
# a proposed grant is recomputed while still proposed
M2=$(sed -n 2p "$T/edges" | cut -d' ' -f1)
{ echo "$F"; row B2X $M2 2026-08-01 20000.00; } > "$T/more.csv"
hz import settlements "$T/more.csv" >/dev/null
hz relief propose --program ECJZ2026 >/dev/null
expect_eq "$(hz --json relief list --program ECJZ2026 | python3 -c 'import json,sys; print([g["amount"] for g in json.load(sys.stdin)["grants"] if g["id_number"] == sys.argv[1]][0])' $M2)" "3000.00" "recomputed: 30,000.00 now"

# ---- approval within the budget ------------------------------------------
hz relief program add --code SMALL --kind second_round --year 2026 --budget 12000.00 --name 小额 >/dev/null
hz --json relief propose --program SMALL > "$T/small.json"
BIG=$(python3 -c 'import json,sys; print([g["no"] for g in json.load(open(sys.argv[1]))["grants"] if g["amount"] == "10000.00"][0])' "$T/small.json")
BIGGER=$(python3 -c 'import json,sys; print([g["no"] for g in json.load(open(sys.argv[1]))["grants"] if g["amount"] == "5000.00"][0])' "$T/small.json")
expect_exit 0 "approve 10,000.00" -- hz relief approve $BIG
expect_exit 3 "past the budget" -- hz relief approve $BIGGER
expect_in "$T/err" "剩余 2,000.00" "the refusal names the budget left, grouped"

# ---- 金秋助学: 5,000 / 3,000 / 4,000 / 2,000, one grant per student --------
hz relief program add --code JQZX2026 --kind student_aid --year 2026 --budget 100000.00 --name 2026年金秋助学 >/dev/null
POOR=$(member 61010219800303007 张三明 hardship:deep:2026-01-01:2026-12-31)
OTHER=$(member 61010219810404006 李四)
S1=610102200801010012; S2=610102201001010017; S3=610102200802020019; S4=610102201002020014
S1=$(id_check $S1); S2=$(id_check $S2); S3=$(id_check $S3); S4=$(id_check $S4)
aid() { hz --json relief apply --program JQZX2026 --id-number "$1" --student-name 学生 --student-id-number "$2" --school 西北大学 --level "$3" ${4:+--reason "$4"}; }
expect_exit 0 "hardship, university" -- aid $POOR $S1 university
expect_eq "$(jget "$T/out" amount)" "5000.00" "hardship family, university: 5,000.00"
SA1=$(jget "$T/out" no)
expect_exit 0 "hardship, high school" -- aid $POOR $S2 high_school
expect_eq "$(jget "$T/out" amount)" "3000.00" "hardship family, high school: 3,000.00"
SA2=$(jget "$T/out" no)
expect_exit 2 "other member without a reason" -- aid $OTHER $S3 university
expect_in "$T/err" "reason" "the refusal names the reason"
expect_exit 0 "other member, university" -- aid $OTHER $S3 university 父亲重病
expect_eq "$(jget "$T/out" amount)" "4000.00" "other member in need, university: 4,000.00"
expect_exit 0 "other member, high school" -- aid $OTHER $S4 high_school 单亲家庭
expect_eq "$(jget "$T/out" amount)" "2000.00" "other member in need, high school: 2,000.00"
expect_exit 3 "a second grant for one student" -- aid $OTHER $S1 university 重复
expect_exit 2 "bad level" -- aid $POOR $S4 college

# ---- visits: hardship members only, cash and goods in items -------------
hz relief program add --code WW2026 --kind visit --year 2026 --budget 50000.00 --name 2026年困难职工慰问 >/dev/null
expect_exit 2 "visit of a member without a hardship flag" -- hz relief apply --program WW2026 --id-number $OTHER
# the stock of goods: received in items, taken by each visit, given back by a rejection
expect_exit 3 "goods never received" -- hz relief apply --program WW2026 --id-number $POOR --items "大米:2" --date 2026-11-20
expect_in "$T/err" "大米 库存不足, 剩余 0 件" "the refusal names the item and what is left"
expect_exit 0 "goods received" -- hz --json relief goods --program WW2026 --add "大米:3,食用油:1"
expect_in "$T/out" '{"item":"大米","received":3,"issued":0,"left":3}' "the stock in items"
expect_exit 2 "goods without a count" -- hz relief goods --program WW2026 --add "大米"
expect_exit 2 "a count of zero" -- hz relief goods --program WW2026 --add "大米:0"
expect_exit 2 "goods of a programme that is not a visit" -- hz relief goods --program JQZX2026 --add "大米:1"
expect_exit 0 "visit" -- hz --json relief apply --program WW2026 --id-number $POOR --items "大米:2,食用油:1" --date 2026-11-20
expect_eq "$(jget "$T/out" amount) $(jget "$T/out" items)" "1000.00 大米:2,食用油:1" "cash and goods counted in items"
V1=$(jget "$T/out" no)
expect_exit 3 "more than is left" -- hz relief apply --program WW2026 --id-number $POOR --items "大米:2" --date 2026-11-21
expect_in "$T/err" "大米 库存不足, 剩余 1 件, 需要 2 件" "what is left after the first visit"
expect_eq "$(sql "SELECT COUNT(*) FROM relief_grant WHERE items = '大米:2'")" "0" "the refused visit wrote nothing"
expect_exit 2 "goods without a count" -- hz relief apply --program WW2026 --id-number $POOR --items "大米"
expect_exit 0 "reject the visit" -- hz relief reject $V1 --reason 重复慰问
expect_exit 0 "stock" -- hz --json relief goods --program WW2026
expect_in "$T/out" '{"item":"大米","received":3,"issued":0,"left":3}' "a rejected visit gives its goods back"
expect_exit 0 "visit again" -- hz relief apply --program WW2026 --id-number $POOR --items "大米:3" --date 2026-11-22

# ---- a donation drive pays its total to the member ----------------------
hz relief program add --code JK2026 --kind donation --year 2026 --budget 0.00 --name 为李四募捐 >/dev/null
hz donation add --program JK2026 --donor 西安电力机械厂工会 --amount 3000.00 >/dev/null
expect_exit 0 "donation" -- hz --json donation add --program JK2026 --donor 职工甲 --amount 200.00
expect_eq "$(jget "$T/out" total)" "3200.00" "donations add up"
# the bank's receipts are accounted for by the module that took them in
sql "UPDATE donation SET amount = amount + 1 WHERE donor = '职工甲'" >/dev/null
expect_exit 3 "a donation's amount changed in the database" -- hz check
expect_in "$T/err" "bank=repayments+inflows" "the bank's receipts check names it"
sql "UPDATE donation SET amount = amount - 1 WHERE donor = '职工甲'" >/dev/null
expect_exit 0 "restored" -- hz check
expect_exit 0 "drive payout" -- hz --json relief apply --program JK2026 --id-number $OTHER
DON=$(jget "$T/out" no)
expect_exit 0 "approve the payout" -- hz --json relief approve $DON
expect_eq "$(jget "$T/out" amount)" "3200.00" "the total collected goes to the member"

# ---- 公示: masked, and payment waits for the objection window ----------
hz relief approve $SA1 >/dev/null
expect_exit 0 "publicity" -- hz --json relief publicity --program JQZX2026 --out "$T/gs.csv"
UNTIL=$(jget "$T/out" objection_until)
expect_eq "$UNTIL" "2026-12-04" "five working days from Sunday 2026-11-29"
expect_in "$T/gs.csv" "张*明" "names masked"
expect_in "$T/gs.csv" "6101**********" "ID numbers masked"
expect_not_in "$T/gs.csv" "$POOR" "no full ID number on the list"
expect_exit 0 "batch during the window" -- hz --json pay batch --out "$T/b1.csv"
touch "$T/b1.csv"
expect_not_in "$T/b1.csv" "$SA1" "not paid before the window ends"
expect_in "$T/b1.csv" "$DON" "an unpublished programme's approved grant is paid"
HUZHU_TODAY=2026-12-04 expect_exit 0 "batch after the window" -- hz --json pay batch --out "$T/b2.csv"
expect_in "$T/b2.csv" "$SA1" "paid once the window has ended"
expect_in "$T/b2.csv" "2026年金秋助学 $SA1" "the batch's purpose names the programme"
# approved after the window closed: waits for the next list, then for its window
HUZHU_TODAY=2026-12-07 expect_exit 0 "a grant approved after the window" -- hz --json relief approve $SA2
HUZHU_TODAY=2026-12-07 expect_exit 0 "batch after the window closed" -- hz --json pay batch --out "$T/b3.csv"
touch "$T/b3.csv"
expect_not_in "$T/b3.csv" "$SA2" "never paid without being on a published list"
HUZHU_TODAY=2026-12-07 expect_exit 0 "publish again" -- hz --json relief publicity --program JQZX2026 --out "$T/gs2.csv"
expect_eq "$(jget "$T/out" objection_until)" "2026-12-14" "a new window of five working days"
expect_in "$T/gs2.csv" "3000.00" "the new grant is on the new list"
HUZHU_TODAY=2026-12-14 expect_exit 0 "batch after the new window" -- hz --json pay batch --out "$T/b4.csv"
expect_in "$T/b4.csv" "$SA2" "paid once the new window has ended"
printf 'pw-Scoped-2026!x\n' | hz user add bl_staff --role staff --scope org:XA >/dev/null
expect_exit 4 "a scoped login does not publish the programme's list" -- hz --as bl_staff relief publicity --program JQZX2026

# ---- the aid report: totals by programme, year and district -------------
expect_exit 0 "aid report" -- hz report aid --format json
python3 -c 'import json,sys
d = json.load(open(sys.argv[1]))
rows = d["items"]
print(" ".join("{}={}".format(r["program"], r["committed"]) for r in rows))' "$T/out" > "$T/aid"
expect_in "$T/aid" "JQZX2026=8000.00" "student aid approved (5,000.00 + 3,000.00)"
expect_in "$T/aid" "SMALL=10000.00" "second-round approved"
expect_in "$T/aid" "JK2026=3200.00" "the donation drive's payout"
expect_exit 0 "aid report as CSV" -- hz report aid --format csv
expect_in "$T/out" "审批金额" "Chinese titles in the CSV"
finish
