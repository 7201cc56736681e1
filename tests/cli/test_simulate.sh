# The what-if (issue 18): ZY's ratio from 20% to 30% over known claims gives
# the difference computed here by hand from the stays' eligible amounts,
# with the running 20,000.00 cap across a member's claims; a plan file with
# an error is refused naming the field; simulate writes nothing; publishing
# makes a new version for new coverages only. SQLite and PostgreSQL.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/insight.bash"
A=$(add_member 61010219760101001 甲会员)
B=$(add_member 61010219760101002 乙困难 hardship:deep:2026-01-01:2026-12-31)
E=$(add_member 61010219760101005 戊会员)
F_=$(add_member 61010219760101006 己会员)
UNIT=$U2
D=$(add_member 61010219760101004 丁会员)
for m in $A $B $D $E $F_; do hz enroll --id-number $m --plan ZY --start 2026-01-01 >/dev/null; done
{ row A1 $A 2026-04-06 2026-04-20 24350.00   # before the window
  row A2 $A 2026-07-01 2026-07-12 13105.00
  row B1 $B 2026-08-01 2026-08-05 10650.00   # hardship: 25% either way
  row D1 $D 2026-05-01 2026-05-09 61300.00   # before the window, fills the cap
  row D2 $D 2026-09-01 2026-09-09 20650.00
  row E1 $E 2026-07-01 2026-07-03 1000.00    # below the deductible
  row F1 $F_ 2026-08-01 2026-08-09 5000.00   # its claim is rejected
} | feed
for s in A1 A2 B1 D1 D2 E1 F1; do
  m=$(sql "SELECT certno FROM settlement WHERE setl_id = '$s'")
  hz --json claim submit --id-number $m --settlement $s --documents-complete > "$T/c.json" || echo "submit $s failed" >&2
  eval "NO_$s=$(jget "$T/c.json" claim_no)"
done
hz claim reject "$NO_F1" --reason 材料不实 >/dev/null

# the proposal: ZY at 30% (the favoured 25% unchanged)
sed 's/"ratio_pct": 20/"ratio_pct": 30/' "$HZ_SRC/catalogue/ZY.json" > "$T/ZY30.json"
grep -q '"ratio_pct": 30' "$T/ZY30.json" || echo "the proposal did not change" >&2

# by hand: (eligible - deductible) x ratio, half up, first stay of the term
# 1300.00 then 650.00 (hardship 650.00 / 325.00), cut to the 20,000.00 left
python3 - > "$T/hand" <<'PY'
stays = {  # member: [(admission, eligible fen, hardship, in window)]
  "A": [("2026-04-06", 2435000, False, False), ("2026-07-01", 1310500, False, True)],
  "B": [("2026-08-01", 1065000, True, True)],
  "D": [("2026-05-01", 6130000, False, False), ("2026-09-01", 2065000, False, True)],
  "E": [("2026-07-01", 100000, False, True)],
}
def pay(ratio, favoured):
    total, per = 0, {}
    for m, ss in stays.items():
        left, first = 2000000, True
        got = 0
        for _, elig, hard, inside in ss:
            ded = (65000 if first else 32500) if hard else (130000 if first else 65000)
            if elig <= ded:
                amt = 0
            else:
                first = False
                pct = favoured if hard else ratio
                amt = min(left, ((elig - ded) * pct * 2 + 100) // 200)
                left -= amt
            if inside: got += amt
        per[m] = got
        total += got
    return total, per
cur, pc = pay(20, 25)
new, pn = pay(30, 25)
f = lambda v: ("-" if v < 0 else "") + "%d.%02d" % (abs(v) // 100, abs(v) % 100)
contrib = 5 * 4000
bp = lambda v: (v * 10000 + contrib // 2) // contrib
print(f(cur), f(new), f(new - cur), sum(1 for m in pc if pn[m] < pc[m]),
      "%d.%02d%%" % (bp(cur) // 100, bp(cur) % 100), "%d.%02d%%" % (bp(new) // 100, bp(new) % 100))
PY
read -r H_CUR H_NEW H_DIFF H_WORSE H_LR1 H_LR2 < "$T/hand"

snapshot() { # every table's rows, in a stable order
  local t
  if [ -n "$PG" ]; then
    for t in $(sql "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"); do
      echo "== $t"; sql "SELECT * FROM $t ORDER BY 1"; done
  else
    for t in $(sql "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY 1"); do
      echo "== $t"; sql "SELECT * FROM $t ORDER BY 1"; done
  fi | md5sum
}
BEFORE=$(snapshot)
expect_exit 0 "simulate" -- hz --json simulate --plan-file "$T/ZY30.json" --from 2026-06-01 --to 2026-11-29
cp "$T/out" "$T/sim.json"
expect_eq "$(snapshot)" "$BEFORE" "simulate writes nothing"
expect_eq "$(jget "$T/sim.json" claims)" "4" "claims with a stay in the window (the rejected one left out)"
expect_eq "$(jget "$T/sim.json" current)" "$H_CUR" "current, by hand"
expect_eq "$(jget "$T/sim.json" proposed)" "$H_NEW" "proposed, by hand"
expect_eq "$(jget "$T/sim.json" difference)" "$H_DIFF" "difference, by hand"
expect_eq "$(jget "$T/sim.json" members_worse_off)" "$H_WORSE" "D's second stay meets the cap the first stay used up"
expect_eq "$H_DIFF $H_WORSE" "-754.50 1" "the hand figures themselves (2491.00 -> 3736.50, 4000.00 -> 2000.00)"
# the replay under the stored versions is what the claims recorded
REC=$(sql "SELECT SUM(total) FROM claim WHERE status <> 'rejected' AND claim_no IN ('$NO_A2','$NO_B1','$NO_D2','$NO_E1')")
expect_eq "$(python3 -c "print('%d.%02d' % ($REC // 100, $REC % 100))")" "$H_CUR" "current equals the recorded totals"
expect_eq "$(jget "$T/sim.json" by_plan.0.plan) $(jget "$T/sim.json" by_plan.0.difference)" "ZY $H_DIFF" "by plan"
expect_eq "$(jget "$T/sim.json" loss_ratio_current) $(jget "$T/sim.json" loss_ratio_proposed)" "$H_LR1 $H_LR2" \
  "loss ratio against the year's 5 x 40.00 contributions"
expect_eq "$(jget "$T/sim.json" by_district.0.district) $(jget "$T/sim.json" by_district.0.difference)" "BL 1245.50" \
  "by district: 碑林 gains A's 1245.50"
expect_eq "$(jget "$T/sim.json" by_district.1.district) $(jget "$T/sim.json" by_district.1.difference)" "YT -2000.00" \
  "by district: 雁塔 loses D's 2000.00"
expect_eq "$(jget "$T/sim.json" by_unit.1.unit) $(jget "$T/sim.json" by_unit.1.claims)" "$U2 1" "by unit"
expect_eq "$(jget "$T/sim.json" worse_off.0.name) $(jget "$T/sim.json" worse_off.0.difference)" "丁会员 -2000.00" \
  "the member worse off, listed"
# the whole year: A1 and D1 count too (D1: 12000.00 -> 18000.00)
expect_exit 0 "simulate the year" -- hz --json simulate --plan-file "$T/ZY30.json"
expect_eq "$(jget "$T/out" claims) $(jget "$T/out" difference)" "6 7550.50" \
  "a year: +2305.00 (A1) +1245.50 (A2) +6000.00 (D1) -2000.00 (D2)"
# an unchanged plan file changes nothing
expect_exit 0 "simulate the catalogue's own ZY" -- hz --json simulate --plan-file "$HZ_SRC/catalogue/ZY.json"
expect_eq "$(jget "$T/out" difference) $(jget "$T/out" members_worse_off)" "0.00 0" "same plan, same money"

# a plan file with an error is refused naming the field
sed 's/"ratio_pct": 20/"ratio_pct": "30"/' "$HZ_SRC/catalogue/ZY.json" > "$T/bad.json"
expect_exit 2 "a string ratio" -- hz simulate --plan-file "$T/bad.json"
expect_in "$T/err" "benefits[0].ratio_pct" "the refusal names the field"
sed 's/"cap": "20000.00"/"cap": "-1.00"/' "$HZ_SRC/catalogue/ZY.json" > "$T/bad2.json"
expect_exit 2 "a negative cap" -- hz simulate --plan-file "$T/bad2.json"
expect_in "$T/err" "benefits[0].cap" "the refusal names the cap"
sed 's/"code": "ZY"/"code": "ZZ"/' "$HZ_SRC/catalogue/ZY.json" > "$T/bad3.json"
expect_exit 2 "an unknown plan" -- hz simulate --plan-file "$T/bad3.json"
expect_in "$T/err" "code" "the refusal names the code"
expect_exit 2 "the window backwards" -- hz simulate --plan-file "$T/ZY30.json" --from 2026-09-01 --to 2026-06-01
expect_eq "$(snapshot)" "$BEFORE" "refusals write nothing either"

# publish: a new version for new coverages; old coverages keep theirs
V1=$(sql "SELECT id FROM plan WHERE code = 'ZY' AND version = 1")
expect_exit 0 "publish" -- hz --json plan publish --plan-file "$T/ZY30.json" --why "2027年提高比例"
expect_eq "$(jget "$T/out" version)" "2" "version 2"
expect_eq "$(sql "SELECT COUNT(*) FROM coverage WHERE plan_code = 'ZY' AND plan_id <> $V1")" "0" \
  "existing coverages keep version 1"
G=$(add_member 61010219760101007 庚新人)
hz enroll --id-number $G --plan ZY --start 2026-11-01 >/dev/null
expect_eq "$(sql "SELECT p.version FROM coverage c JOIN plan p ON p.id = c.plan_id WHERE c.member_id = (SELECT id FROM member WHERE id_number = '$G')")" \
  "2" "a new coverage takes version 2"
expect_eq "$(sql "SELECT COUNT(*) FROM audit_event WHERE action = 'plan.publish' AND object = 'plan:ZY'")" "1" "audited"
expect_exit 3 "the same file again" -- hz plan publish --plan-file "$T/ZY30.json"
expect_exit 2 "publish a broken file" -- hz plan publish --plan-file "$T/bad.json"
# after publishing, the what-if still replays each coverage under its own version
expect_exit 0 "simulate after publishing" -- hz --json simulate --plan-file "$T/ZY30.json" --from 2026-06-01
expect_eq "$(jget "$T/out" current) $(jget "$T/out" difference)" "$H_CUR $H_DIFF" "current is still version 1's"
expect_exit 0 "audit verify" -- hz audit verify

# the forecast (docs/forecast.md; the chain ladder's own test is tests/core/test_insight.c):
# what is paid so far on the year's stays, projected at least that far, the band around it
expect_exit 0 "forecast" -- hz --json forecast --year 2026
PAID=$(sql "SELECT SUM(total) FROM claim WHERE status <> 'rejected'")
expect_eq "$(jget "$T/out" plans.0.plan) $(jget "$T/out" plans.0.reported)" \
  "ZY $(python3 -c "print('%d.%02d' % ($PAID // 100, $PAID % 100))")" "reported so far"
python3 - "$T/out" <<'PY' && ok || bad "forecast: low <= ultimate <= high, ultimate >= reported, a loss ratio"
import json, sys
p = json.load(open(sys.argv[1]))["plans"][0]
f = lambda k: float(p[k])
assert f("low") <= f("ultimate") <= f("high") and f("ultimate") >= f("reported"), p
assert p["contributions"] == "240.00" and p["loss_ratio"].endswith("%"), p
PY
# seven stays of one year are a thin history (docs/forecast.md): said, not projected wildly
expect_eq "$(jget "$T/out" plans.0.method) $(jget "$T/out" plans.0.reliability)" "chain_ladder thin" \
  "a handful of claims: the forecast says its history is too thin"
expect_in "$T/out" "历史数据不足" "the reason, in Chinese"
expect_exit 2 "forecast: a bad year" -- hz forecast --year 99
finish
