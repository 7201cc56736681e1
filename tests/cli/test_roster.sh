# import roster exactly as interfaces.md says: every kind of bad row, the
# JSON report, all-or-nothing, --skip-invalid, --dry-run, re-import,
# GB18030, XLSX, English headers; gen roster.
. "$(dirname "$0")/lib.bash"
UNIT=91610000MA6TG00007
hz init >/dev/null
hz org add --code XA --name 西安市总工会 >/dev/null
hz unit add --code $UNIT --name "五环(集团)纺织" --org XA >/dev/null
count() { sql "SELECT count(*) FROM $1"; }

H='姓名,身份证号码,手机号码,人员类别,劳模级别,职业,银行卡号,开户行'
good1='何女士,610102198505060024,13912345678,普通,,,6217000000000000004,中国工商银行西安分行'
good2='张三,610102199001011231,13800000000,劳模,全国,,,'
good3='李四,610124200003010017,,新业态,,外卖骑手,,'
printf '%s\n%s\n%s\n%s\n' "$H" "$good1" "$good2" "$good3" > "$T/good.csv"
{
  echo "$H"
  echo "$good1"                                                          # row 2 ok
  echo '王五,610102199001011232,13800000001,普通,,,,'                      # row 3 check digit
  echo '赵六,610102199002301231,13800000002,普通,,,,'                      # row 4 impossible birth date
  echo '钱七,610102198505060024,13800000003,普通,,,,'                      # row 5 duplicate of row 2
  echo '孙八,610102197001010010,12345,普通,,,,'                            # row 6 phone
  echo '周九,610102197001010010,13800000004,普通,,,6217000000000000005,某行'  # row 7 bank card (Luhn)
  echo '吴十,610102197001010010,13800000005,贵宾,,,,'                       # row 8 category
  echo '郑一,610102197001010010,13800000006,劳模,,,,'                       # row 9 model_level missing
  echo '=HYPERLINK("x"),610102197001010010,13800000007,普通,,,,'           # row 10 formula injection
  echo ',610102197001010010,13800000008,普通,,,,'                          # row 11 empty name
  echo '冯二,11010519491231002X,13800000009,普通,,,,'                      # row 12 too old for ZY (age 76)
  echo "$good2"                                                          # row 13 ok
} > "$T/bad.csv"

expect_exit 2 "bad rows refuse the import" -- hz --json import roster "$T/bad.csv" --unit $UNIT --plan ZY --start 2026-01-01
expect_in "$T/err" "huzhu: VALIDATION:" "error line"
expect_eq "$(jget "$T/out" rows)" "12" "rows counted"
expect_eq "$(jget "$T/out" imported)" "0" "nothing imported"
expect_eq "$(python3 -c 'import json,sys; print(" ".join("{}:{}".format(r["row"], r["field"]) for r in json.load(open(sys.argv[1]))["rejected"]))' "$T/out")" \
  "3:id_number 4:id_number 5:id_number 6:phone 7:bank_card 8:category 9:model_level 10:name 11:name 12:plan" "every bad row with its field key"
# what people read names the file's own column titles, not our keys
expect_eq "$(python3 -c 'import json,sys; print(" ".join("{}:{}".format(r["row"], r["column"]) for r in json.load(open(sys.argv[1]))["rejected"]))' "$T/out")" \
  "3:身份证号码 4:身份证号码 5:身份证号码 6:手机号码 7:银行卡号 8:人员类别 9:劳模级别 10:姓名 11:姓名 12:参保计划" "every bad row with the file's column title"
expect_in "$T/out" '"reason":"身份证号码: 身份证号码校验位错误' "the reason names the column as the file titles it"
expect_in "$T/out" "与第2行重复" "duplicate names the first row"
expect_in "$T/out" "NOT_ELIGIBLE_AGE" "age rule named"
expect_eq "$(count member)" "0" "nothing partial written"
expect_eq "$(count coverage)" "0" "no coverage written"

expect_exit 0 "skip invalid" -- hz --json import roster "$T/bad.csv" --unit $UNIT --plan ZY --start 2026-01-01 --skip-invalid
expect_eq "$(jget "$T/out" imported)" "2" "good rows imported"
expect_eq "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["rejected"]))' "$T/out")" "10" "bad rows reported"
expect_eq "$(count member)" "2" "two members"
expect_eq "$(count coverage)" "2" "two coverages"

expect_exit 0 "dry run, FILE after the options" -- hz --json import roster --unit $UNIT --plan ZY --start 2026-01-01 --dry-run "$T/good.csv"
expect_eq "$(jget "$T/out" imported)" "1" "dry run counts the new member"
expect_eq "$(jget "$T/out" updated)" "2" "dry run counts updates"
expect_eq "$(count member)" "2" "dry run writes nothing"

# re-import: updates people, never duplicates members or coverages
sed -i 's/13800000000/13900000000/' "$T/good.csv"
expect_exit 0 "import" -- hz --json import roster "$T/good.csv" --unit $UNIT --plan ZY --plan ZJ:2 --start 2026-01-01
expect_eq "$(jget "$T/out" imported)" "1" "one new"
expect_eq "$(jget "$T/out" updated)" "2" "two updated"
expect_exit 0 "re-import" -- hz --json import roster "$T/good.csv" --unit $UNIT --plan ZY --plan ZJ:2 --start 2026-01-01
expect_eq "$(jget "$T/out" imported)" "0" "no new member"
expect_eq "$(jget "$T/out" updated)" "3" "all updated"
expect_eq "$(jget "$T/out" coverages)" "0" "no new coverage"
expect_eq "$(count member)" "3" "three members"
expect_eq "$(count coverage)" "6" "ZY and ZJ once each"
expect_eq "$(sql "SELECT phone FROM member WHERE id_number='610102199001011231'")" "13900000000" "phone updated"
expect_eq "$(sql "SELECT kind||':'||level FROM member_flag f JOIN member m ON m.id=f.member_id WHERE m.id_number='610124200003010017'")" "newform:delivery" "occupation flag"
expect_eq "$(sql "SELECT sum(amount) FROM contribution")" "24000" "premiums: 3 x ZY 40 + 3 x ZJ 2 x 20"
# an overlapping coverage with another start date is a rejected row
expect_exit 2 "overlap" -- hz --json import roster "$T/good.csv" --unit $UNIT --plan ZY --start 2026-06-01
expect_in "$T/out" '"field":"plan"' "overlap names the plan field"
expect_eq "$(count coverage)" "6" "overlap wrote nothing"

# GB18030, as Excel in China writes CSV (detected, and forced)
printf '%s\n%s\n' "$H" '陈静,610113199202290045,13700000000,困难职工,,,,' | python3 -c 'import sys; sys.stdout.buffer.write(sys.stdin.read().encode("gb18030"))' > "$T/gb.csv"
expect_exit 0 "gb18030 detected" -- hz --json import roster "$T/gb.csv" --unit $UNIT --plan NG --start 2026-01-01
expect_eq "$(jget "$T/out" encoding)" "gb18030" "encoding detected"
expect_eq "$(sql "SELECT name FROM member WHERE id_number='610113199202290045'")" "陈静" "name decoded"
expect_eq "$(sql "SELECT level||' '||valid_from||' '||valid_to FROM member_flag WHERE kind='hardship'")" "relative 2026-01-01 2026-12-31" "hardship flag for the term"
expect_exit 2 "gb18030 forced as utf-8" -- hz import roster "$T/gb.csv" --unit $UNIT --start 2026-01-01 --encoding utf-8
expect_in "$T/err" "UTF-8" "encoding error named"
printf '\xef\xbb\xbf%s\n%s\n' "$H" "$good1" > "$T/bom.csv"
expect_exit 0 "utf-8 with BOM" -- hz --json import roster "$T/bom.csv" --unit $UNIT --start 2026-01-01
expect_eq "$(jget "$T/out" updated)" "1" "BOM header recognised"

# XLSX (shared and inline strings, numeric phones, a sheet not named sheet1)
printf '%s\n%s\n%s\n' "$H" '刘洋,610102197001010010,13600000000,劳模,市级,,,' "$good3" | python3 "$HZ_SRC/tests/data/make_xlsx.py" "$T/r.xlsx"
expect_exit 0 "xlsx" -- hz --json import roster "$T/r.xlsx" --unit $UNIT --plan YW:2 --start 2026-01-01
expect_eq "$(jget "$T/out" format)" "xlsx" "xlsx detected"
expect_eq "$(jget "$T/out" imported)" "1" "xlsx new member"
expect_eq "$(sql "SELECT phone FROM member WHERE id_number='610102197001010010'")" "13600000000" "numeric cell read"
printf '%s\n%s\n' "$H" '刘洋,610102197001010011,13600000000,普通,,,,' | python3 "$HZ_SRC/tests/data/make_xlsx.py" "$T/bad.xlsx"
expect_exit 2 "xlsx bad row" -- hz --json import roster "$T/bad.xlsx" --unit $UNIT --start 2026-01-01
expect_in "$T/out" '"row":2' "xlsx row number"
printf 'PK\003\004garbage' > "$T/broken.xlsx"
expect_exit 2 "broken xlsx" -- hz import roster "$T/broken.xlsx" --unit $UNIT --start 2026-01-01

# English headers, unknown column warning, missing required column
printf 'name,id_number,phone,shoe_size\n何女士,610102198505060024,13912345678,38\n' > "$T/en.csv"
expect_exit 0 "english headers" -- hz --json import roster "$T/en.csv" --unit $UNIT --start 2026-01-01
expect_in "$T/out" "shoe_size" "unknown column warned"
printf 'name,phone\n何女士,13912345678\n' > "$T/nocol.csv"
expect_exit 2 "missing id column" -- hz --json import roster "$T/nocol.csv" --unit $UNIT --start 2026-01-01
expect_in "$T/err" "id_number" "missing column named"
expect_eq "$(jget "$T/out" rejected.0.row)" "1" "the header is row 1 of the JSON report"
printf '%s\n"unterminated,610102198505060024\n' "$H" > "$T/quote.csv"
expect_exit 2 "malformed csv" -- hz import roster "$T/quote.csv" --unit $UNIT --start 2026-01-01
python3 -c 'import sys; open(sys.argv[1],"w").write("姓名,身份证号码\n" + "张"*5000 + ",610102198505060024\n")' "$T/long.csv"
expect_exit 2 "over-long cell" -- hz import roster "$T/long.csv" --unit $UNIT --start 2026-01-01
expect_in "$T/err" "第2行" "row of the long cell"
expect_exit 4 "unknown unit" -- hz import roster "$T/good.csv" --unit 91350100M000100Y43 --start 2026-01-01
expect_exit 4 "missing file" -- hz import roster "$T/none.csv" --unit $UNIT --start 2026-01-01
expect_exit 1 "missing --start" -- hz import roster "$T/good.csv" --unit $UNIT
expect_exit 2 "NG shares" -- hz import roster "$T/good.csv" --unit $UNIT --plan NG:4 --start 2027-01-01

# gen roster: valid, deterministic per seed, imports cleanly
expect_exit 0 "gen" -- "$HUZHU" gen roster 500 --out "$T/g1.csv" --seed 3
"$HUZHU" gen roster 500 --out "$T/g2.csv" --seed 3
expect_eq "$(cmp -s "$T/g1.csv" "$T/g2.csv" && echo same)" "same" "deterministic per seed"
"$HUZHU" gen roster 500 --out "$T/g3.csv" --seed 4
expect_eq "$(cmp -s "$T/g1.csv" "$T/g3.csv" && echo same || echo differ)" "differ" "seed changes data"
expect_exit 0 "import generated" -- hz --json import roster "$T/g1.csv" --unit $UNIT --plan ZY --start 2026-01-01
expect_eq "$(jget "$T/out" rejected_total)" "0" "generated rows are valid"
expect_eq "$(sql "SELECT count(DISTINCT sex) FROM member")" "2" "both sexes"
expect_exit 0 "audit intact" -- hz audit verify
finish
