# Care activities and service cases (issue 15; interfaces.md "Aid, union
# work, documents and operations"): a walk ranked by total steps with a
# shared place, once per member, activity and date, the capacity and the
# women-only screening refused with their exit codes, a model worker's
# check-up extra, goods counted in items, a wage case assigned and closed
# with the amount recovered (nothing through the journal), the reports;
# a cadre of one district sees none of the other's activities or cases,
# through the CLI and the API (tests/http/test_care.py). Runs on SQLite and
# PostgreSQL.
. "$(dirname "$0")/lib.bash"
PW='Care-Test-Pass-2026!x'
credit() { # BODY17: the unified social credit code with its check character (GB 32100)
  python3 -c 'import sys
al="0123456789ABCDEFGHJKLMNPQRTUWXY"; w=[1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28]
b=sys.argv[1]; c=31-sum(al.index(ch)*k for ch,k in zip(b,w))%31
print(b+al[0 if c==31 else c])' "$1"
}
UA=$(credit 91610102MA6TG7701)
UB=$(credit 91610113MA6TH7702)
hz init >/dev/null
hz org add --code XA --name 西安市总工会 --kind federation >/dev/null
hz org add --code XA-JA --name 甲区总工会 --parent XA --kind district >/dev/null
hz org add --code XA-YI --name 乙区总工会 --parent XA --kind district >/dev/null
hz unit add --code $UA --name 甲区机械厂 --org XA-JA >/dev/null
hz unit add --code $UB --name 乙区纺织厂 --org XA-YI >/dev/null
UNIT=$UA
MAN1=$(add_member 61010219800101001 王大力)
MAN2=$(add_member 61010219810202003 李二强)
WOMAN1=$(add_member 61010219820303002 赵春花)
WOMAN2=$(add_member 61010219830404004 钱秋月)
MODEL=$(add_member 61010219700505005 孙劳模 model:national:2020-01-01:2030-12-31)
UNIT=$UB
OTHER=$(add_member 61011319840606006 欧阳乙)
for u in "cadre-a cadre org:XA-JA" "cadre-b cadre org:XA-YI" "member-a member member:$WOMAN1" "unit-a unit unit:$UA"; do
  set -- $u
  echo "$PW" | hz user add $1 --role $2 --scope $3 >/dev/null
done
echo "$PW" | hz user add clerk --role staff >/dev/null

# ---- a walk ranked by total steps; once per member, activity and date ------
expect_exit 0 "walk added" -- hz --json activity add --code WALK --kind walk --name 线上健步走 --org XA-JA --date 2026-06-20 --to 2026-06-29
expect_eq "$(jget "$T/out" capacity)" "None" "no capacity given: none"
hz activity join WALK --id-number $MAN1 --steps 12000 --date 2026-06-20 >/dev/null
hz activity join WALK --id-number $MAN1 --steps 8000 --date 2026-06-21 >/dev/null
hz activity join WALK --id-number $MAN2 --steps 15000 --date 2026-06-20 >/dev/null
hz activity join WALK --id-number $WOMAN1 --steps 20000 --date 2026-06-22 >/dev/null
hz activity join WALK --id-number $WOMAN2 --steps 9000 --date 2026-06-20 >/dev/null
expect_exit 3 "the same member, activity and date again" -- hz activity join WALK --id-number $MAN1 --steps 100 --date 2026-06-20
expect_in "$T/err" "once per member, activity and date" "the refusal says why"
expect_exit 0 "the same member on another date" -- hz activity join WALK --id-number $MAN2 --steps 5000 --date 2026-06-23
expect_exit 2 "a date outside the walk" -- hz activity join WALK --id-number $WOMAN2 --steps 1 --date 2026-07-01
expect_in "$T/err" "date:" "names the field"
expect_exit 2 "a score on a walk" -- hz activity join WALK --id-number $WOMAN2 --score 5 --date 2026-06-24
expect_in "$T/err" "score:" "names the field"
expect_exit 2 "steps not a number" -- hz activity join WALK --id-number $WOMAN2 --steps lots --date 2026-06-24
expect_in "$T/err" "steps:" "names the field"
expect_exit 0 "show" -- hz --json activity show WALK
expect_eq "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(sorted(d))' "$T/out")" \
  "['code', 'items', 'participants', 'ranking']" "activity show: exactly the interface's keys"
expect_eq "$(jget "$T/out" participants)" "4" "four members took part"
expect_eq "$(python3 -c 'import json,sys
d=json.load(open(sys.argv[1]))
print(" ".join("%s:%d:%d" % (r["id_number"], r["value"], r["rank"]) for r in d["ranking"]))' "$T/out")" \
  "$MAN1:20000:1 $MAN2:20000:1 $WOMAN1:20000:1 $WOMAN2:9000:4" "ranked by total steps; equal totals share a place"

# ---- capacity; a run and a contest by score ------------------------------------
hz activity add --code RUN --kind run --name 欢乐跑 --org XA-JA --date 2026-09-16 --to 2026-09-17 --capacity 2 >/dev/null
hz activity join RUN --id-number $MAN1 --score 80 --date 2026-09-16 >/dev/null
hz activity join RUN --id-number $MAN2 --score 90 --date 2026-09-16 >/dev/null
expect_exit 3 "a third member past a capacity of 2" -- hz activity join RUN --id-number $WOMAN1 --score 95 --date 2026-09-16
expect_in "$T/err" "容量 2" "the refusal names the capacity"
expect_exit 0 "a member already in, on the next day, takes no new place" -- hz activity join RUN --id-number $MAN1 --score 99 --date 2026-09-17
hz --json activity show RUN > "$T/run.json"
expect_eq "$(python3 -c 'import json,sys; print([(r["value"], r["rank"]) for r in json.load(open(sys.argv[1]))["ranking"]])' "$T/run.json")" \
  "[(99, 1), (90, 2)]" "a run ranks by the best score"
expect_exit 2 "steps on a run" -- hz activity join RUN --id-number $MAN2 --steps 5 --date 2026-09-17
expect_in "$T/err" "steps:" "names the field"

# ---- two-cancer screening: women only; the check-up extra ----------------------
hz activity add --code SCR --kind screening --name 两癌筛查 --org XA-JA --date 2026-03-08 --to 2026-03-31 >/dev/null
expect_exit 2 "a man in a screening" -- hz activity join SCR --id-number $MAN1 --date 2026-03-08
expect_in "$T/err" "women only" "the refusal names the rule"
expect_exit 0 "a woman in the screening" -- hz activity join SCR --id-number $WOMAN1 --date 2026-03-08
hz activity add --code TJ --kind checkup --name 年度体检 --org XA-JA --date 2026-04-01 --to 2026-04-30 >/dev/null
expect_exit 0 "a model worker's check-up" -- hz --json activity join TJ --id-number $MODEL --date 2026-04-02
expect_eq "$(jget "$T/out" extra)" "600.00" "a model worker's check-up carries 600.00 more"
expect_exit 0 "another member's check-up" -- hz --json activity join TJ --id-number $MAN1 --date 2026-04-02
expect_eq "$(jget "$T/out" extra)" "0.00" "no extra for a member who is not a model worker"
expect_eq "$(sql "SELECT SUM(extra) FROM activity_part")" "60000" "the extra is recorded (fen)"

# ---- goods counted in items -----------------------------------------------------
hz activity add --code QL --kind cool --name 送清凉 --org XA-JA --date 2026-07-01 --to 2026-08-31 >/dev/null
N0=$(sql "SELECT COUNT(*) FROM transfer")
expect_exit 0 "packs to a unit" -- hz --json activity distribute QL --unit $UA --items "防暑降温包:200,毛巾:200" --date 2026-07-10
expect_exit 0 "a pack to a member" -- hz --json activity distribute QL --id-number $WOMAN2 --items "防暑降温包:1" --date 2026-07-11
expect_eq "$(jget "$T/out" items)" '{"毛巾": 200, "防暑降温包": 201}' "items counted per name"
expect_exit 2 "a count of no items" -- hz activity distribute QL --unit $UA --items "防暑降温包:0" --date 2026-07-12
expect_in "$T/err" "items" "names the field"
expect_exit 1 "a unit and a member at once" -- hz activity distribute QL --unit $UA --id-number $MAN1 --items "毛巾:1"
expect_exit 2 "a bad credit code" -- hz activity distribute QL --unit 91610102MA6TG77019 --items "毛巾:1" --date 2026-07-12
expect_in "$T/err" "unit" "names the field"
expect_eq "$(sql "SELECT COUNT(*) FROM transfer")" "$N0" "handing out goods moves no money"

# ---- bad inputs name the field ----------------------------------------------------
expect_exit 2 "unknown kind" -- hz activity add --code X1 --kind party --name 聚会 --org XA-JA
expect_in "$T/err" "kind:" "names the field"
expect_exit 2 "a code with blanks" -- hz activity add --code "X 1" --kind lecture --name 讲座 --org XA-JA
expect_in "$T/err" "code:" "names the field"
expect_exit 2 "an unknown org" -- hz activity add --code X2 --kind lecture --name 讲座 --org NOPE
expect_in "$T/err" "org:" "names the field"
expect_exit 2 "ends before it starts" -- hz activity add --code X3 --kind lecture --name 讲座 --org XA-JA --date 2026-05-02 --to 2026-05-01
expect_in "$T/err" "to:" "names the field"
expect_exit 2 "a capacity of 0" -- hz activity add --code X4 --kind lecture --name 讲座 --org XA-JA --capacity 0
expect_in "$T/err" "capacity" "names the field"
expect_exit 3 "an existing code" -- hz activity add --code WALK --kind walk --name 重复 --org XA-JA
expect_exit 0 "a lecture with its audience" -- hz activity add --code JZ1 --kind lecture --name 健康讲座 --org XA-JA --date 2026-05-20 --attendees 200
expect_exit 0 "a lecture in the other district" -- hz activity add --code JZB --kind lecture --name 乙区讲座 --org XA-YI --date 2026-05-21 --attendees 300
hz activity join JZB --id-number $OTHER >/dev/null

# ---- a wage case: open, assign, note, close with the amount recovered ------------
expect_exit 0 "a wage case" -- hz --json case open --id-number $MAN2 --kind wage --summary "拖欠三个月工资" --amount 18600.00
expect_eq "$(jget "$T/out" status)" "open" "opened"
CASE=$(jget "$T/out" no)
expect_exit 2 "assign to a cadre of the other district" -- hz case assign $CASE --to cadre-b
expect_in "$T/err" "to:" "names the field"
expect_exit 2 "assign to a member" -- hz case assign $CASE --to member-a
expect_in "$T/err" "to:" "names the field"
expect_exit 2 "assign to nobody known" -- hz case assign $CASE --to ghost
expect_exit 0 "assign to the district's cadre" -- hz --json case assign $CASE --to cadre-a
expect_eq "$(jget "$T/out" status):$(jget "$T/out" assignee)" "assigned:cadre-a" "assigned"
expect_exit 0 "the cadre's queue" -- hz --as cadre-a --json cases --assignee me
expect_eq "$(python3 -c 'import json,sys; print([c["no"] for c in json.load(open(sys.argv[1]))["items"]])' "$T/out")" "['$CASE']" "the case is in the cadre's queue"
expect_exit 0 "a note by the cadre" -- hz --as cadre-a case note $CASE --text "约定周五调解"
expect_exit 2 "a close with a negative amount" -- hz --as cadre-a case close $CASE --outcome mediated --recovered -1.00
expect_in "$T/err" "recovered" "names the field"
expect_exit 2 "an unknown outcome" -- hz --as cadre-a case close $CASE --outcome won
expect_in "$T/err" "outcome:" "names the field"
expect_exit 2 "a withdrawn case recovers nothing" -- hz --as cadre-a case close $CASE --outcome withdrawn --recovered 1.00
N0=$(sql "SELECT COUNT(*) FROM transfer")
expect_exit 0 "closed, mediated, the wages recovered" -- hz --as cadre-a --json case close $CASE --outcome mediated --recovered 18600.00
expect_eq "$(jget "$T/out" status):$(jget "$T/out" outcome):$(jget "$T/out" recovered)" "closed:mediated:18600.00" "closed with the amount recovered"
expect_eq "$(python3 -c 'import json,sys; print([n["text"] for n in json.load(open(sys.argv[1]))["notes"]])' "$T/out")" "['约定周五调解']" "the note is kept"
expect_eq "$(sql "SELECT COUNT(*) FROM transfer")" "$N0" "the worker's recovered wages move nothing through the journal"
expect_exit 3 "closing twice" -- hz case close $CASE --outcome resolved
expect_in "$T/err" "closed" "says it is closed"
expect_exit 3 "a note on a closed case" -- hz case note $CASE --text 再记一笔
expect_exit 2 "an unknown kind of case" -- hz case open --id-number $MAN1 --kind salary --summary x
expect_in "$T/err" "kind:" "names the field"
expect_exit 2 "a case without a summary" -- hz case open --id-number $MAN1 --kind legal --summary "  "
expect_in "$T/err" "summary:" "names the field"
expect_exit 0 "a legal case in the other district" -- hz --json case open --id-number $OTHER --kind legal --summary 解除合同未付补偿
CASEB=$(jget "$T/out" no)
expect_exit 0 "the member opens their own request" -- hz --as member-a --json case open --id-number $WOMAN1 --kind consult --summary 咨询理赔材料
MINE=$(jget "$T/out" no)
expect_exit 4 "a member opens nobody else's" -- hz --as member-a case open --id-number $MAN1 --kind consult --summary 代人咨询

# ---- a cadre of one district sees none of the other's --------------------------
expect_exit 0 "cadre-a lists activities" -- hz --as cadre-a activities
expect_not_in "$T/out" "JZB" "not the other district's lecture"
expect_in "$T/out" "JZ1" "its own district's"
expect_exit 4 "cadre-a asks for the other district's activity" -- hz --as cadre-a activity show JZB
expect_exit 4 "cadre-b asks for district A's walk" -- hz --as cadre-b activity show WALK
expect_exit 0 "cadre-a lists cases" -- hz --as cadre-a --json cases
expect_not_in "$T/out" "$CASEB" "not the other district's case"
expect_in "$T/out" "$CASE" "its own district's case"
expect_exit 4 "cadre-a asks for the other district's case" -- hz --as cadre-a case show $CASEB
expect_exit 4 "cadre-a notes on the other district's case" -- hz --as cadre-a case note $CASEB --text 越权
expect_exit 0 "member-a lists cases" -- hz --as member-a --json cases
expect_eq "$(python3 -c 'import json,sys; print([c["no"] for c in json.load(open(sys.argv[1]))["items"]])' "$T/out")" "['$MINE']" "a member sees their own case only"
expect_exit 4 "a member cannot assign" -- hz --as member-a case assign $MINE --to cadre-a
expect_exit 0 "member-a lists activities" -- hz --as member-a activities
expect_eq "$(cut -f1 "$T/out" | sort | tr '\n' ' ')" "SCR WALK " "a member sees the activities they took part in"
expect_exit 0 "member-a's walk" -- hz --as member-a --json activity show WALK
expect_eq "$(python3 -c 'import json,sys; print([(r["id_number"], r["rank"]) for r in json.load(open(sys.argv[1]))["ranking"]])' "$T/out")" \
  "[('$WOMAN1', 1)]" "a member sees their own place only"
expect_exit 4 "a cadre of the other district sees no district A activity to hand out from" -- hz --as cadre-b activity distribute QL --unit $UB --items "毛巾:1" --date 2026-07-12
hz activity add --code CITY --kind cool --name 全市送清凉 --org XA --date 2026-07-01 --to 2026-08-31 >/dev/null
expect_exit 0 "a district cadre sees the city's activity" -- hz --as cadre-b activity show CITY
expect_exit 4 "but hands out nothing from it (the organiser does)" -- hz --as cadre-b activity distribute CITY --unit $UB --items "毛巾:1" --date 2026-07-12
expect_in "$T/err" "organiser" "the refusal says who hands out"
expect_exit 0 "unit-a lists activities" -- hz --as unit-a activities
expect_not_in "$T/out" "JZB" "a unit liaison sees none of the other district's"

# ---- the reports: activities, cases; CSV with a BOM, XLSX, JSON, scoped --------
expect_exit 0 "activities report" -- hz report activities --from 2026-01-01 --format json
python3 -c 'import json,sys
d=json.load(open(sys.argv[1]))
rows=d["rows"] if "rows" in d else d["items"]
print(sum(r["items"] for r in rows), sum(r["attendees"] for r in rows if r["kind"] == "lecture"))' "$T/out" > "$T/tot" 2>&1 || cat "$T/out" >&2
expect_eq "$(cat "$T/tot")" "401 500" "packs and towels handed out; the lectures' attendees (200 + 300)"
expect_exit 0 "activities report as cadre-a" -- hz --as cadre-a report activities --from 2026-01-01 --format json
expect_not_in "$T/out" "乙区" "cadre-a's report holds no row of district B"
expect_in "$T/out" "甲区总工会" "its own district's rows"
expect_exit 0 "cases report, CSV" -- hz report cases --from 2026-01-01 --format csv --out "$T/cases.csv"
expect_eq "$(head -c 3 "$T/cases.csv" | od -An -tx1 | tr -d ' ')" "efbbbf" "CSV starts with a UTF-8 BOM"
expect_in "$T/cases.csv" "wage,mediated,1,18600.00,18600.00" "the wage case by kind and outcome with what was recovered"
expect_exit 0 "cases report, XLSX" -- hz report cases --from 2026-01-01 --format xlsx --out "$T/cases.xlsx"
expect_eq "$(head -c 2 "$T/cases.xlsx")" "PK" "an XLSX file"
expect_exit 0 "cases report as cadre-b" -- hz --as cadre-b report cases --from 2026-01-01 --format json
expect_not_in "$T/out" "wage" "cadre-b's cases report holds no case of district A"
# --org narrows the cases and activities reports like every report's (it was
# ignored: the office's report of district B held district A's wage case)
expect_exit 0 "cases report of district B" -- hz report cases --from 2026-01-01 --org XA-YI --format json
expect_not_in "$T/out" "wage" "district B's cases report holds no case of district A"
expect_exit 0 "activities report of district B" -- hz report activities --from 2026-01-01 --org XA-YI --format json
expect_not_in "$T/out" "甲区" "district B's activities report holds no row of district A"
expect_exit 4 "cadre-a's cases report of district B" -- hz --as cadre-a report cases --org XA-YI
expect_exit 4 "cadre-a's activities report of district B" -- hz --as cadre-a report activities --org XA-YI

# ---- the API: the same rules (tests/http/test_care.py) ------------------------------
export HUZHU_BATCH_DIR="$T/batches"
"$HUZHU" --db "$DB" serve --listen 127.0.0.1:0 --threads 2 2>"$T/serve.log" &
SERVER=$!
PORT=$(wait_served "$T/serve.log" $SERVER)
if [ -z "$PORT" ]; then cat "$T/serve.log"; kill $SERVER; exit 1; fi
if HZ_BASE="http://127.0.0.1:$PORT" HZ_PW="$PW" HZ_CASE="$CASE" HZ_CASEB="$CASEB" HZ_MINE="$MINE" \
  HZ_IDS="$MAN1 $MAN2 $WOMAN1 $WOMAN2 $MODEL $OTHER" HZ_UA="$UA" HZ_UB="$UB" python3 "$HZ_SRC/tests/http/test_care.py"; then ok
else bad "tests/http/test_care.py"; fi
kill -TERM $SERVER
wait $SERVER || bad "server exit $?"
finish
