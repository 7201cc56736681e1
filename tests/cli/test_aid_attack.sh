# Review findings on the LM subsidy and relief money paths (issue 13, a fresh
# reviewer's attack): each block is one finding and its neighbours, fixed.
# Runs on SQLite and PostgreSQL.
. "$(dirname "$0")/lib.bash"
UNIT=91610000MA6TG00007
F=$FEED_HEADER
hz init >/dev/null
hz org add --code XA --name 西安市总工会 >/dev/null
hz unit add --code $UNIT --name "西安电力机械厂" --org XA >/dev/null
member() { add_member "$@"; }
row() { # SETL ID ADM DSCG SELFPAY [REFUND]
  local s="" f=0
  if [ "${6:-0}" = 1 ]; then s=-; f=1; fi
  echo "$1,$2,某某,1,H1,西京医院,3,21,$3,$4,I63.9,,${s}40000.00,${s}20000.00,${s}$5,${s}100.00,$f,$4 10:00:00"
}
rrow() { # SETL ID ADM SELFPAY [REFUND]: a stay whose self-pay is the whole burden
  local s="" f=0
  if [ "${5:-0}" = 1 ]; then s=-; f=1; fi
  echo "$1,$2,某某,1,H1,西京医院,3,21,$3,$3,I63.9,,${s}900000.00,${s}1.00,${s}$4,${s}1.00,$f,$3 10:00:00"
}
feed() { { echo "$F"; cat; } > "$T/feed.csv"; hz import settlements "$T/feed.csv" >/dev/null || echo "feed failed" >&2; }

# ---- LM then a mutual-aid claim on the same stay: together more than the self-pay
NAT=$(member 61010219760101001 王劳模 model:national)
row A1 $NAT 2026-04-01 2026-04-09 11300.00 | feed
hz lm apply --id-number $NAT --settlement A1 >/dev/null
hz lm approve "$(sql "SELECT subsidy_no FROM lm_subsidy ORDER BY id DESC LIMIT 1")" >/dev/null
hz enroll --id-number $NAT --plan ZY --start 2026-01-01 >/dev/null # a late (backdated) enrolment
hz claim submit --id-number $NAT --settlement A1 --documents-complete >/dev/null 2>&1
expect_eq "$(sql "SELECT (SELECT COALESCE(SUM(l.amount),0) FROM claim_line l JOIN claim c ON c.id = l.claim_id WHERE c.status <> 'rejected' AND l.settlement_id = s.id) + (SELECT COALESCE(SUM(amount),0) FROM lm_subsidy WHERE settlement_id = s.id AND status <> 'rejected') <= s.psn_selfpay FROM settlement s WHERE setl_id = 'A1'" | tr 'tf' '10')" "1" \
  "LM never pays on a burden huzhu pays afterwards (plans.md LM Order)"

# ---- after the mutual-aid claim was rejected, LM can be applied again (decisions: reject and re-apply)
NAT2=$(member 61010219760202002 李劳模 model:national)
hz enroll --id-number $NAT2 --plan ZY --start 2026-01-01 >/dev/null
row B1 $NAT2 2026-04-01 2026-04-09 11300.00 | feed
C=$(hz --json claim submit --id-number $NAT2 --settlement B1 | python3 -c 'import json,sys; print(json.load(sys.stdin)["claim_no"])')
hz claim reject $C --reason 不属实 >/dev/null
expect_exit 0 "LM on a stay whose mutual-aid claim was rejected" -- hz --json lm apply --id-number $NAT2 --settlement B1

# ---- a subsidy worth 0.00 (refunded before approval, or CAPPED to 0) is not approved into a status it never leaves
CITY=$(member 61010219750303003 赵劳模 model:city)
{ row C1 $CITY 2026-02-01 2026-02-10 19000.00; row C2 $CITY 2026-06-01 2026-06-10 5000.00; } | feed
hz lm apply --id-number $CITY --settlement C1 >/dev/null
hz --json lm apply --id-number $CITY --settlement C2 > "$T/c2.json"
C2NO=$(jget "$T/c2.json" no)
expect_eq "$(jget "$T/c2.json" amount)" "0.00" "C2 capped to 0.00 (setup)"
expect_exit 3 "approving a 0.00 subsidy" -- hz lm approve $C2NO

# ---- second-round relief: a proposed grant whose burden fell below 10,000.00 is recomputed (dropped)
hz relief program add --code EC --kind second_round --year 2026 --budget 100000.00 --name 二次救助 >/dev/null
SA=$(member 61010219800101001 会员甲)
SC=$(member 61010219800103001 会员丙)
for m in $SA $SC; do hz enroll --id-number $m --plan ZY --start 2026-01-01 >/dev/null; done
{ rrow SA1 $SA 2026-05-01 8000.00; rrow SA2 $SA 2026-06-01 8000.00; rrow SC1 $SC 2026-05-01 35000.00; } | feed
hz relief propose --program EC >/dev/null
rrow SA2 $SA 2026-06-01 8000.00 1 | feed
hz relief propose --program EC >/dev/null
expect_eq "$(sql "SELECT COUNT(*) FROM relief_grant g JOIN member m ON m.id = g.member_id WHERE m.id_number = '$SA' AND g.status = 'proposed' AND g.amount > 0")" "0" \
  "a proposed grant is recomputed while proposed: 8,000.00 is below every band"
# ---- a rejected member is not put back on the list by the next run
GC=$(sql "SELECT grant_no FROM relief_grant g JOIN member m ON m.id = g.member_id WHERE m.id_number = '$SC'")
hz relief reject $GC --reason 不符合条件 >/dev/null
hz relief propose --program EC >/dev/null
expect_eq "$(sql "SELECT COUNT(*) FROM relief_grant g JOIN member m ON m.id = g.member_id WHERE m.id_number = '$SC' AND g.status <> 'rejected'")" "0" \
  "running the proposal again adds only members not yet on it"

# ---- a donation drive pays one member, once
hz relief program add --code JK --kind donation --year 2026 --budget 0.00 --name 为甲募捐 >/dev/null
hz donation add --program JK --donor 工会 --amount 3000.00 >/dev/null
hz relief apply --program JK --id-number $SA >/dev/null
hz relief approve "$(sql "SELECT grant_no FROM relief_grant ORDER BY id DESC LIMIT 1")" >/dev/null
expect_exit 3 "a second member on the same drive" -- hz relief apply --program JK --id-number $SC

# ---- visits: goods lists longer than the stored field are refused whole, never truncated
POOR=$(member 61010219800303007 张三明 hardship:deep:2026-01-01:2026-12-31)
hz relief program add --code WW --kind visit --year 2026 --budget 50000.00 --name 慰问 >/dev/null
hz relief goods --program WW --add "米:100000" >/dev/null
ITEMS=$(python3 -c '
L = ["一二三四五六七八九十一二三四五六七八九" + c for c in "甲乙丙丁"]
print(",".join(x + ":1" for x in L) + ",米:100000")')
expect_exit 2 "a goods list longer than 80 characters" -- hz relief apply --program WW --id-number $POOR --items "$ITEMS"
expect_in "$T/err" "至多 80 个" "the refusal says the limit in characters"
hz --json relief goods --program WW > "$T/stock.json"
expect_in "$T/stock.json" '{"item":"米","received":100000,"issued":0,"left":100000}' "the refused visit took nothing"
# odd item strings are refused, naming the field
for bad in "大米:1:2" "大米，面粉:1" "大米:+1" "大米:1.5" "大 米:1" "大米：2" "大米:２"; do
  expect_exit 2 "items '$bad'" -- hz relief goods --program WW --add "$bad"
  expect_in "$T/err" "items" "the refusal of '$bad' names the field"
done
expect_exit 0 "leading zeros are still digits" -- hz relief goods --program WW --add "大米:01"
# a visit's reason that is too long is refused, not dropped
expect_exit 2 "a visit reason of 300 characters" -- hz relief apply --program WW --id-number $POOR --reason "$(python3 -c 'print("长" * 300)')"
# a cash amount of 0.00 is refused when applied for, naming the amount
expect_exit 2 "a visit of 0.00 cash" -- hz relief apply --program WW --id-number $POOR --amount 0.00
# options a kind does not use are refused rather than ignored
JQ_S=$(id_check 61010220080101001)
hz relief program add --code JQ --kind student_aid --year 2026 --budget 100000.00 --name 金秋 >/dev/null
expect_exit 2 "--amount on student aid" -- hz relief apply --program JQ --id-number $POOR --student-name 学生 \
  --student-id-number $JQ_S --school 西北大学 --level university --amount 99999.00
# a blank reason is no written reason of need
OTHER=$(member 61010219810404006 李四)
expect_exit 2 "a blank reason" -- hz relief apply --program JQ --id-number $OTHER --student-name 学生 \
  --student-id-number "$(id_check 61010220080101002)" --school 西北大学 --level university --reason "   "
# the hardship flag is read on a date of the programme's year
OLD=$(member 61010219700101001 旧困难 hardship:deep:2020-01-01:2020-12-31)
expect_exit 2 "student aid dated 2020 for a 2026 programme" -- hz relief apply --program JQ --id-number $OLD \
  --student-name 学生 --student-id-number "$(id_check 61010220080101003)" --school 西北大学 --level university --date 2020-06-01

# ---- scope: a staff login of one district proposes and applies only within it; a cadre lists only its own
hz org add --code BL --name 碑林区总工会 --parent XA --kind district >/dev/null
hz org add --code YT --name 雁塔区总工会 --parent XA --kind district >/dev/null
hz unit add --code 91610000MA6TG0001A --name 碑林厂 --org BL >/dev/null
hz unit add --code 91610000MA6TG0002D --name 雁塔厂 --org YT >/dev/null
MY=$(UNIT=91610000MA6TG0002D add_member 61010219760303003 雁塔劳模 model:national)
row Y1 $MY 2026-04-01 2026-04-09 10000.00 | feed
echo 'Huzhu-Test-Pass-2026!x' | hz user add sb --role staff --scope org:BL >/dev/null
echo 'Huzhu-Test-Pass-2026!x' | hz user add cb --role cadre --scope org:BL >/dev/null
expect_exit 0 "lm proactive by a BL staff login" -- hz --as sb --json lm proactive
expect_not_in "$T/out" "Y1" "no subsidy for a member outside the login's scope"
hz lm apply --id-number $MY --settlement Y1 >/dev/null 2>&1
expect_exit 0 "lm list by a BL cadre" -- hz --as cb --json lm list
expect_not_in "$T/out" '"setl_id":"Y1"' "a cadre does not list subsidies outside its district"
# ---- free text never forges or breaks an audit event; codes and names are checked
hz relief program add --code JK2 --kind donation --year 2026 --budget 0.00 --name 募捐二 >/dev/null
expect_exit 2 "a donor with quotes" -- hz donation add --program JK2 --donor '张三","amount":"999999.00' --amount 1.00
expect_in "$T/err" "donor" "the refusal names the donor"
expect_exit 2 "a blank donor" -- hz donation add --program JK2 --donor "   " --amount 1.00
expect_exit 2 "a programme code with a blank" -- hz relief program add --code "JK 3" --kind visit --year 2026 --budget 1.00 --name 慰问
expect_exit 2 "a programme code with a quote" -- hz relief program add --code 'a"b' --kind visit --year 2026 --budget 1.00 --name 慰问
expect_exit 2 "a blank programme name" -- hz relief program add --code JK4 --kind visit --year 2026 --budget 1.00 --name "  "
hz lm reject "$(sql "SELECT subsidy_no FROM lm_subsidy WHERE status = 'applied' ORDER BY id LIMIT 1")" --reason "$(python3 -c 'print("拒\"绝\\" * 20)')" >/dev/null
expect_eq "$(sql "SELECT detail FROM audit_event WHERE action = 'lm.reject'" | python3 -c '
import json, sys
print(sum(1 for line in sys.stdin if json.loads(line)["why"].startswith("拒\"绝\\拒")))')" "1" "a reason with quotes is kept, escaped"
sql "SELECT action, detail FROM audit_event" > "$T/details"
expect_eq "$(sql "SELECT detail FROM audit_event" | python3 -c '
import json, sys
bad = 0
for line in sys.stdin:
    if not line.startswith("{"):
        continue  # a plain-text detail (a code or a path)
    try:
        json.loads(line)
    except ValueError:
        bad += 1
print(bad)')" "0" "every JSON audit detail parses"
expect_eq "$(sql "SELECT COUNT(*) FROM audit_event WHERE detail LIKE '%\"amount\":\"999999.00\"%'")" "0" "no forged field"
finish
