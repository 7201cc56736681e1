# The look-back (回头望, issue 18): a database with exactly one item of each
# kind in district 碑林 and a near miss beside each (a stay with a claim, a
# stay no coverage holds, a burden 0.01 under the first band, a member
# already on the second-round list, a model worker whose stay has a subsidy,
# a coverage already renewed, coverages ending in 32 days), read as 碑林's
# cadre: each kind once and nothing else. 雁塔's item is seen by the office
# and 雁塔's cadre only. SQLite and PostgreSQL.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/insight.bash"
echo 'Huzhu-Test-Pass-2026!x' | hz user add cbl --role cadre --scope org:BL >/dev/null
echo 'Huzhu-Test-Pass-2026!x' | hz user add cyt --role cadre --scope org:YT >/dev/null
S=$(add_member 61010219760101011 甲无理赔)      # item: a covered stay, no claim
S2=$(add_member 61010219760101012 乙已理赔)     # near miss: the stay has a claim
UC=$(add_member 61010219760101013 丙未参保)     # near miss: no coverage holds the stay
R=$(add_member 61010219760101014 丁重负担)      # item: burden 24260.00 -> band 1500.00
R2=$(add_member 61010219760101015 戊差一分)     # near miss: burden 9999.99
R3=$(add_member 61010219760101016 己已提出)     # near miss: already proposed
M=$(add_member 61010219760101017 庚劳模 model:city)    # item: stay without an LM subsidy
M2=$(add_member 61010219760101018 辛劳模 model:city)   # near miss: the stay has a subsidy
N=$(add_member 61010219760101019 壬将到期)      # item: ends 2026-12-19, no renewal
N2=$(add_member 61010219760101020 癸已续保)     # near miss: renewed
UNIT=$U2
Y=$(add_member 61010219760101021 雁塔无理赔)    # 雁塔's own item
for m in $S $S2 $R $R2 $R3 $Y; do hz enroll --id-number $m --plan ZY --start 2026-01-01 >/dev/null; done
hz enroll --id-number $N --plan ZY --start 2025-12-20 >/dev/null
hz enroll --id-number $N2 --plan ZY --start 2025-12-15 >/dev/null
hz enroll --id-number $N2 --plan ZY --start 2026-12-15 >/dev/null
claim() { hz claim submit --id-number "$1" --settlement "$2" --documents-complete >/dev/null 2>&1 || echo "claim $2 failed" >&2; }
{ row S1 $S 2026-05-01 2026-05-06 3000.00
  row S21 $S2 2026-05-01 2026-05-06 3000.00
  row UC1 $UC 2026-05-01 2026-05-06 3000.00
  row R31 $R3 2026-06-01 2026-06-10 30000.00
  row M1 $M 2026-03-01 2026-03-05 5000.00
  row M21 $M2 2026-03-01 2026-03-05 5000.00
  row Y1 $Y 2026-05-01 2026-05-06 2000.00; } | feed
claim $S2 S21
claim $R3 R31
hz lm apply --id-number $M2 --settlement M21 >/dev/null || echo "lm apply failed" >&2
hz relief program add --code EC --kind second_round --year 2026 --budget 100000.00 --name 二次救助 >/dev/null
hz relief propose --program EC >/dev/null
expect_eq "$(sql "SELECT COUNT(*) FROM relief_grant")" "1" "R3 is on the list before R and R2 have stays"
{ row R1 $R 2026-06-01 2026-06-10 30000.00
  row R21 $R2 2026-06-01 2026-06-10 12174.99; } | feed
claim $R R1
claim $R2 R21
# the burdens as the relief rules compute them: R 30000.00 - 5740.00, R2 12174.99 - 2175.00
expect_eq "$(sql "SELECT total FROM claim c JOIN member m ON m.id = c.member_id WHERE m.id_number = '$R2'")" "217500" \
  "R2's claim pays 2175.00: burden 9999.99"

expect_exit 0 "lookback as 碑林's cadre" -- hz --as cbl --json lookback --year 2026
cp "$T/out" "$T/bl.json"
kinds() { python3 -c 'import json,sys
d=json.load(open(sys.argv[1]))
print(" ".join("%s:%s:%s" % (i["kind"], i["member"]["name"], i["ref"]) for i in d["items"]))' "$1"; }
expect_eq "$(kinds "$T/bl.json")" \
  "stay_without_claim:甲无理赔:S1 relief_band:丁重负担:2026 lm_without_subsidy:庚劳模:M1 renewal_due:壬将到期:ZY" \
  "each kind once, and nothing else"
expect_eq "$(jget "$T/bl.json" counts.stay_without_claim) $(jget "$T/bl.json" counts.relief_band) $(jget "$T/bl.json" counts.lm_without_subsidy) $(jget "$T/bl.json" counts.renewal_due)" \
  "1 1 1 1" "counts"
expect_eq "$(jget "$T/bl.json" items.1.amount) $(jget "$T/bl.json" items.1.grant)" "24260.00 1500.00" "the burden and its band"
expect_eq "$(jget "$T/bl.json" items.0.action) $(jget "$T/bl.json" items.1.action) $(jget "$T/bl.json" items.2.action) $(jget "$T/bl.json" items.3.action)" \
  "claim.submit relief.apply lm.apply coverage.enroll" "each item names the server's action that settles it"
expect_eq "$(jget "$T/bl.json" items.3.date) $(jget "$T/bl.json" items.2.level)" "2026-12-19 city" "the end date, the level"
expect_in "$T/bl.json" '"id_number":"6101' "ID numbers are there (masked or not, as the role sees them)"
expect_not_in "$T/bl.json" "雁塔" "nothing of 雁塔 for 碑林's cadre"
expect_exit 0 "lookback as 雁塔's cadre" -- hz --as cyt --json lookback --year 2026
expect_eq "$(kinds "$T/out")" "stay_without_claim:雁塔无理赔:Y1" "雁塔's cadre sees 雁塔's item only"
expect_exit 0 "lookback as the office" -- hz --json lookback --year 2026
expect_eq "$(jget "$T/out" counts.stay_without_claim) $(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["items"]))' "$T/out")" \
  "2 5" "the office sees both districts"
# settling an item takes it off the list
claim $S S1
hz enroll --id-number $N --plan ZY --start 2026-12-20 >/dev/null
expect_exit 0 "lookback after settling" -- hz --as cbl --json lookback --year 2026
expect_eq "$(kinds "$T/out")" "relief_band:丁重负担:2026 lm_without_subsidy:庚劳模:M1" "the claim and the renewal settle theirs"
# another year: the year-bound kinds are empty, stays without claims are of any year
expect_exit 0 "lookback 2025" -- hz --json lookback --year 2025
expect_eq "$(kinds "$T/out")" "stay_without_claim:雁塔无理赔:Y1" "2025: the stay without a claim stays listed"
expect_exit 2 "a bad year" -- hz lookback --year 1999
finish
