# Registry and enrollment through the CLI: orgs, units, members, flags,
# eligibility refusals (exit 2), conflicts (exit 3), sponsored bulk
# enrollment, renewal with continuity.
. "$(dirname "$0")/lib.bash"
UNIT=91610000MA6TG00007
hz init >/dev/null
expect_exit 0 "federation" -- hz org add --code XA --name 西安市总工会 --kind federation --region 610100
expect_exit 0 "district" -- hz org add --code XA-XC --name 新城区总工会 --parent XA --kind district --region 610102
expect_exit 0 "joint union" -- hz org add --code XA-XY --name 新业态联合工会 --parent XA --kind joint
expect_exit 3 "duplicate org" -- hz org add --code XA --name 西安市总工会
expect_in "$T/err" "huzhu: CONFLICT:" "conflict line"
expect_exit 4 "unknown parent" -- hz org add --code X1 --name 某某工会 --parent NOPE
expect_exit 2 "bad kind" -- hz org add --code X2 --name 某某工会 --kind club
expect_in "$T/err" "kind" "names the field"
expect_exit 2 "bad region" -- hz org add --code X3 --name 某某工会 --region 61010
expect_exit 1 "missing --name" -- hz org add --code X4

expect_exit 0 "unit" -- hz unit add --code $UNIT --name "五环(集团)纺织" --org XA-XC
expect_exit 2 "bad credit code" -- hz unit add --code 91610000MA6TG00008 --name 某单位 --org XA-XC
expect_in "$T/err" "校验位" "credit code check char named"
expect_exit 3 "duplicate unit" -- hz unit add --code $UNIT --name 某单位 --org XA-XC
expect_exit 4 "unit of unknown org" -- hz unit add --code 91350100M000100Y43 --name 某单位 --org NOPE

# members: sex and birth date from the ID number
expect_exit 0 "member" -- hz --json member add --id-number 610102198505060024 --name 何女士 --unit $UNIT --phone 13912345678 --flag model:city --bank-card 6217000000000000004 --bank-name 中国工商银行西安分行
expect_eq "$(jget "$T/out" sex)" "F" "sex from ID"
expect_eq "$(jget "$T/out" birth_date)" "1985-05-06" "birth from ID"
expect_eq "$(jget "$T/out" flags.0.code)" "model:city" "flag"
expect_exit 2 "bad check digit" -- hz member add --id-number 610102198505060025 --name 张三 --unit $UNIT
expect_in "$T/err" "校验位" "check digit named"
expect_exit 2 "bad phone" -- hz member add --id-number 610102199001011231 --name 张三 --unit $UNIT --phone 12345
expect_in "$T/err" "phone" "phone named"
expect_exit 2 "bad card" -- hz member add --id-number 610102199001011231 --name 张三 --unit $UNIT --bank-card 6217000000000000005
expect_in "$T/err" "bank_card" "card named"
expect_exit 2 "bad flag" -- hz member add --id-number 610102199001011231 --name 张三 --unit $UNIT --flag model:galactic
expect_exit 2 "hardship needs dates" -- hz member add --id-number 610102199001011231 --name 张三 --unit $UNIT --flag hardship:deep
expect_exit 2 "formula in name" -- hz member add --id-number 610102199001011231 --name "=cmd()" --unit $UNIT
expect_exit 0 "hardship member" -- hz member add --id-number 610102199001011231 --name 张三 --unit $UNIT --flag hardship:deep:2026-01-01:2026-12-31
expect_exit 3 "duplicate member" -- hz member add --id-number 610102199001011231 --name 张三 --unit $UNIT
expect_exit 4 "unknown unit" -- hz member add --id-number 610124200003010017 --name 李四 --unit 91350100M000100Y43
expect_exit 0 "a member with no unit yet" -- hz member add --id-number 610113199202290045 --name 王芳
expect_exit 0 "enroll paying self" -- hz --json enroll --id-number 610113199202290045 --plan YW --start 2026-01-01
expect_eq "$(jget "$T/out" payer)" "self" "no unit: the member pays"
# an individual new-form member of the joint union
expect_exit 0 "rider" -- hz member add --id-number 610124200003010017 --name 张某强 --org XA-XY --flag newform:delivery
expect_exit 0 "show" -- hz --json member show 610124200003010017
expect_eq "$(jget "$T/out" unit)" "None" "individual member has no unit"
expect_eq "$(jget "$T/out" sex)" "M" "male"
expect_exit 4 "show unknown" -- hz member show 610102197001010010

# enrollment rules
expect_exit 0 "enroll NG" -- hz --json enroll --id-number 610102198505060024 --plan NG:2 --start 2026-01-01
expect_eq "$(jget "$T/out" premium)" "30.00" "NG premium 15 x 2"
expect_eq "$(jget "$T/out" end)" "2026-12-31" "term end"
expect_eq "$(jget "$T/out" payer)" "unit:$UNIT" "unit pays by default"
expect_exit 3 "overlap" -- hz enroll --id-number 610102198505060024 --plan NG --start 2026-06-01
expect_exit 2 "NG for a man" -- hz enroll --id-number 610102199001011231 --plan NG --start 2026-01-01
expect_in "$T/err" "NOT_ELIGIBLE_SEX" "sex rule named"
expect_exit 2 "too many shares" -- hz enroll --id-number 610102198505060024 --plan ZJ:6 --start 2026-01-01
expect_in "$T/err" "shares" "shares named"
expect_exit 2 "XYT needs newform" -- hz enroll --id-number 610102198505060024 --plan XYT --start 2026-01-01
expect_exit 2 "bad term" -- hz enroll --id-number 610102198505060024 --plan ZY --start 2026-01-01 --months 24
# age: born 2000-03-01, 15 on 2016-01-01 -> refused; 16 on 2016-03-01 -> ok (bounds inclusive)
expect_exit 2 "too young" -- hz enroll --id-number 610124200003010017 --plan XYT --start 2016-02-29
expect_in "$T/err" "NOT_ELIGIBLE_AGE" "age rule named"
expect_exit 0 "16 on start" -- hz enroll --id-number 610124200003010017 --plan XYT --start 2016-03-01 --payer self
expect_exit 2 "unit payer without unit" -- hz enroll --id-number 610124200003010017 --plan YW --start 2026-01-01 --payer unit
expect_exit 4 "unknown plan" -- hz enroll --id-number 610102198505060024 --plan QQ --start 2026-01-01
expect_exit 2 "bad date" -- hz enroll --id-number 610102198505060024 --plan ZY --start 2026-02-30
expect_exit 0 "XYT 36 months" -- hz --json enroll --id-number 610124200003010017 --plan XYT --start 2026-01-01 --months 36 --payer org:XA
expect_eq "$(jget "$T/out" premium)" "75.00" "XYT 25 x 3 years"
expect_eq "$(jget "$T/out" end)" "2028-12-31" "36-month term"
# continuity: a renewal within 30 days keeps no waiting period
expect_exit 0 "ZY 2025" -- hz enroll --id-number 610102199001011231 --plan ZY --start 2025-01-01
expect_exit 0 "ZY 2026 continuous" -- hz --json enroll --id-number 610102199001011231 --plan ZY --start 2026-01-30
expect_eq "$(jget "$T/out" continuous)" "True" "start 30 days after end is continuous"
expect_exit 0 "ZJ 2025" -- hz enroll --id-number 610102199001011231 --plan ZJ --start 2025-01-01
expect_exit 0 "ZJ 2026 gap" -- hz --json enroll --id-number 610102199001011231 --plan ZJ --start 2026-01-31
expect_eq "$(jget "$T/out" continuous)" "False" "31 days after end is not continuous"

# sponsored: the union gives XYT to every new-form member of its subtree
for id in 610113199202290045 610102197001010010; do :; done
expect_exit 0 "rider 2" -- hz member add --id-number 610102197001010010 --name 王强 --org XA-XY --flag newform:courier
expect_exit 0 "sponsored" -- hz --json enroll sponsored --org XA --plan XYT --start 2027-01-01 --months 36
expect_eq "$(jget "$T/out" selected)" "2" "two new-form members"
expect_eq "$(jget "$T/out" enrolled)" "1" "one newly covered"
expect_eq "$(jget "$T/out" already_covered)" "1" "one already covered till 2028"
expect_eq "$(jget "$T/out" premium_total)" "75.00" "sponsor pays 75.00"
expect_eq "$(sql "SELECT c.payer_kind||':'||c.payer_ref FROM contribution c JOIN coverage v ON v.id=c.coverage_id JOIN member m ON m.id=v.member_id WHERE m.id_number='610102197001010010'")" "org:XA" "premium booked to sponsor"

# renewal of the unit's coverages ending from December to January
expect_exit 0 "renew" -- hz --json enroll renew --unit $UNIT --from 2026-12-01 --to 2027-01-31
expect_eq "$(jget "$T/out" enrolled)" "3" "NG, ZY and ZJ renewed"
expect_eq "$(sql "SELECT plan_code||'@'||start_date FROM coverage WHERE continuous=1 AND start_date >= '2027-01-01' ORDER BY plan_code" | tr '\n' ' ')" "NG@2027-01-01 ZJ@2027-01-31 ZY@2027-01-30 " "renewals start the day after and are continuous"
expect_exit 0 "renew again" -- hz --json enroll renew --unit $UNIT --from 2026-12-01 --to 2027-01-31
expect_eq "$(jget "$T/out" enrolled)" "0" "renewal is idempotent"

expect_exit 0 "stats" -- hz --json org stats XA
expect_eq "$(jget "$T/out" members)" "4" "members in subtree (the member with no org is not in it)"
expect_eq "$(jget "$T/out" newform)" "2" "new-form members"
expect_eq "$(jget "$T/out" women)" "1" "women"
expect_eq "$(jget "$T/out" model_workers)" "1" "model workers"
expect_exit 0 "district stats" -- hz --json org stats XA-XC
expect_eq "$(jget "$T/out" members)" "2" "district subtree"
expect_exit 0 "audit intact" -- hz audit verify
finish
