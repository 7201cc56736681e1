# Input normalised alike at every entry point (issue 10): one ID number
# typed the ways people type it — a lower-case x, full-width digits, a
# trailing no-break space, a zero-width space inside — is the same member at
# `member add/show`, `enroll`, `claim submit`, the roster (CSV UTF-8, CSV
# GB18030, XLSX) and the settlement feed (CSV, JSON Lines); a wrong length is
# counted in characters, not bytes, and a wrong check digit is refused.
. "$(dirname "$0")/lib.bash"
UNIT=91610000MA6TG00007
ID=61011319900312022X
# the variants, written by python so the bytes are exact
eval "$(python3 - <<'PY'
v = {
  "LOWER": "61011319900312022x",
  "WIDE": "".join(chr(ord(c) + 0xFEE0) for c in "61011319900312022x"),
  "NBSP": "61011319900312022X\u00a0",
  "ZWSP": "6101131990\u200b0312022X",
  "LONG": "".join(chr(ord(c) + 0xFEE0) for c in "610113199003120221"),  # 19 full-width: 57 bytes
  "BADCHK": "610113199003120221",
}
v["LONG"] += "\uff11"
for k, s in v.items():
    print("%s='%s'" % (k, s))
PY
)"
hz init >/dev/null
hz org add --code XA --name 西安市总工会 >/dev/null

# credit codes: lower case and blanks around are the same unit
expect_exit 0 "unit add, lower-case credit code" -- hz unit add --code " 91610000ma6tg00007 " --name "五环(集团)纺织" --org XA
expect_eq "$(sql "SELECT credit_code FROM unit")" "$UNIT" "credit code stored upper-case"
expect_exit 2 "credit code check character" -- hz unit add --code 91610000MA6TG00008 --name 某公司 --org XA
expect_in "$T/err" "校验位" "credit code check named"

# --- CLI: member add / show -------------------------------------------------
expect_exit 0 "member add, lower-case x, look-alike dot, spaced phone and card" -- \
  hz member add --id-number "$LOWER" --name "阿依古丽•买买提" --unit "$UNIT" --phone "138 1234-5678" \
  --bank-card "6217 0000 0000 0000 004" --bank-name 中国工商银行西安分行
expect_eq "$(sql "SELECT id_number||'|'||name||'|'||phone||'|'||bank_card FROM member")" \
  "$ID|阿依古丽·买买提|13812345678|6217000000000000004" "stored in canonical form"
expect_exit 3 "the same person again, full-width" -- hz member add --id-number "$WIDE" --name 阿依古丽·买买提
for v in LOWER WIDE NBSP ZWSP; do
  expect_exit 0 "member show $v" -- hz member show "${!v}"
  expect_in "$T/out" "$ID" "member show $v finds the member"
done
expect_exit 2 "member show, 19 characters" -- hz member show "$LONG"
expect_in "$T/err" "got 19 characters" "length counted in characters"
expect_exit 2 "member show, bad check digit" -- hz member show "$BADCHK"
expect_in "$T/err" "校验位" "check digit named"
expect_exit 2 "member add, 19 characters" -- hz member add --id-number "$LONG" --name 某人
expect_in "$T/err" "got 19 characters" "member add counts characters"
expect_exit 2 "member add, bad check digit" -- hz member add --id-number "$BADCHK" --name 某人
expect_in "$T/err" "校验位" "member add names the check digit"

# --- CLI: enroll ------------------------------------------------------------
n=0
for v in LOWER WIDE NBSP ZWSP; do
  plan=$(echo ZY ZJ NG YW | cut -d' ' -f$((n + 1))); n=$((n + 1))
  expect_exit 0 "enroll $v" -- hz enroll --id-number "${!v}" --plan $plan --start 2026-01-01
done
expect_eq "$(sql "SELECT count(*) FROM coverage")" "4" "four coverages of one member"
expect_exit 2 "enroll, 19 characters" -- hz enroll --id-number "$LONG" --plan JT --start 2026-01-01
expect_in "$T/err" "got 19 characters" "enroll counts characters"
expect_exit 2 "enroll, bad check digit" -- hz enroll --id-number "$BADCHK" --plan JT --start 2026-01-01
expect_in "$T/err" "校验位" "enroll names the check digit"
expect_exit 0 "enroll, full-width start date" -- hz enroll --id-number "$ID" --plan JT --start "２０２６－０１－０１"

# --- feed: CSV and JSON Lines -------------------------------------------------
python3 - "$T" <<'PY'
import json, sys
t = sys.argv[1]
ids = {"LOWER": "61011319900312022x", "WIDE": "".join(chr(ord(c) + 0xFEE0) for c in "61011319900312022x"),
       "NBSP": "61011319900312022X\u00a0", "ZWSP": "6101131990\u200b0312022X"}
head = "setl_id,certno,psn_name,gend,fixmedins_code,fixmedins_name,hosp_lv,med_type,adm_date,dscg_date,main_diag_code,diag_codes,medfee_sumamt,fund_pay_sumamt,psn_selfpay,psn_ownpay,refd_setl_flag,setl_time"
row = "{},{},阿依古丽·买买提,2,H1,西京医院,3,21,2026-0{}-01,2026-0{}-05,{},,5000.00,3000.00,1800.00,200.00,0,"
lines = [head] + [row.format("S" + k, v, 5 + i, 5 + i, "j18.9" if i == 0 else "J18.9") for i, (k, v) in enumerate(ids.items())]
lines.append(row.format("SLONG", "".join(chr(ord(c) + 0xFEE0) for c in "6101131990031202211"), 9, 9, "J18.9"))
lines.append(row.format("SBAD", "610113199003120221", 9, 9, "J18.9"))
open(t + "/feed.csv", "w", encoding="utf-8").write("\n".join(lines) + "\n")
recs = [{"setl_id": "J" + k, "certno": v, "psn_name": "阿依古丽·买买提", "med_type": "21", "adm_date": "2025-0%d-01" % (5 + i),
         "dscg_date": "2025-0%d-03" % (5 + i), "main_diag_code": "J18.9", "medfee_sumamt": 1000, "fund_pay_sumamt": "600.00",
         "psn_selfpay": "300.00", "psn_ownpay": "0.00"} for i, (k, v) in enumerate(ids.items())]
open(t + "/feed.jsonl", "w", encoding="utf-8").write("\n".join(json.dumps(r, ensure_ascii=False) for r in recs) + "\n")
PY
expect_exit 2 "feed with two bad certno rows" -- hz --json import settlements "$T/feed.csv"
expect_eq "$(python3 -c 'import json,sys; print(" ".join("{}:{}".format(r["row"], r["column"]) for r in json.load(open(sys.argv[1]))["rejected"]))' "$T/out")" \
  "6:certno 7:certno" "only the wrong length and the bad check digit are refused"
expect_in "$T/out" "got 19 characters" "feed counts characters"
expect_in "$T/out" "校验位" "feed names the check digit"
sed -i '/^SLONG\|^SBAD/d' "$T/feed.csv"
expect_exit 0 "feed CSV, four spellings of one ID" -- hz --json import settlements "$T/feed.csv"
expect_eq "$(jget "$T/out" new)" "4" "four settlements"
expect_eq "$(jget "$T/out" unmatched)" "0" "all matched to the member"
expect_exit 0 "feed JSON Lines, four spellings" -- hz --json import settlements "$T/feed.jsonl"
expect_eq "$(jget "$T/out" unmatched)" "0" "JSON Lines matched too"
expect_eq "$(sql "SELECT count(DISTINCT certno) FROM settlement")" "1" "one certno stored"
expect_eq "$(sql "SELECT main_diag_code FROM settlement WHERE setl_id='SLOWER'")" "J18.9" "ICD code upper-cased"

# --- CLI: claim submit ------------------------------------------------------
for v in LOWER WIDE NBSP ZWSP; do
  expect_exit 0 "claim submit $v" -- hz --json claim submit --id-number "${!v}" --settlement "S$v" --documents-complete
  expect_in "$T/out" "$ID" "claim submit $v is the member's claim"
done
expect_exit 2 "claim submit, 19 characters" -- hz claim submit --id-number "$LONG" --diagnosis C50.9 --date 2026-10-01
expect_in "$T/err" "got 19 characters" "claim submit counts characters"
expect_exit 2 "claim submit, bad check digit" -- hz claim submit --id-number "$BADCHK" --diagnosis C50.9 --date 2026-10-01
expect_in "$T/err" "校验位" "claim submit names the check digit"

# --- roster: CSV UTF-8, CSV GB18030, XLSX ------------------------------------
python3 - "$T" "$HZ_SRC/tests/data/make_xlsx.py" <<'PY'
import subprocess, sys
t, mk = sys.argv[1], sys.argv[2]
wide = lambda s: "".join(chr(ord(c) + 0xFEE0) for c in s)
head = "姓名,身份证号码,手机号码,人员类别,劳模级别,职业,银行卡号,开户行"
good = ["王芳,61011319900312022x,,普通,,,,",              # the member again: lower-case x
        "李娜・王,%s,,普通,,,," % wide("610102198505060024"),  # full-width digits; katakana dot
        "赵敏,610102199001011231\u00a0,,普通,,,,",          # trailing NBSP
        "周强,6101021970\u200b01010010,,普通,,,,"]          # zero-width space inside
bad = ["错一,%s,,普通,,,," % wide("6101021970010100101"),  # 19 characters
       "错二,610102197001010011,,普通,,,,"]                # check digit
def write(name, rows, enc="utf-8"):
    open(t + "/" + name, "w", encoding=enc).write("\n".join([head] + rows) + "\n")
write("good.csv", good)
write("good_gb.csv", good, "gb18030")
write("bad.csv", good + bad)
write("bad_gb.csv", good + bad, "gb18030")
for name, rows in (("good.xlsx", good), ("bad.xlsx", good + bad)):
    subprocess.run([sys.executable, mk, t + "/" + name], input=("\n".join([head] + rows) + "\n").encode(), check=True)
PY
for f in bad.csv bad_gb.csv bad.xlsx; do
  expect_exit 2 "roster $f refused" -- hz --json import roster "$T/$f" --unit $UNIT --plan ZY --start 2026-01-01
  expect_eq "$(python3 -c 'import json,sys; print(" ".join("{}:{}:{}".format(r["row"], r["field"], r["column"]) for r in json.load(open(sys.argv[1]))["rejected"]))' "$T/out")" \
    "6:id_number:身份证号码 7:id_number:身份证号码" "roster $f: only the two bad rows, named by the file's column"
  expect_in "$T/out" "got 19 characters" "roster $f counts characters"
  expect_in "$T/out" "身份证号码: 身份证号码校验位错误" "roster $f names the check digit under the file's title"
done
for f in good.csv good_gb.csv good.xlsx; do
  expect_exit 0 "roster $f" -- hz --json import roster "$T/$f" --unit $UNIT --plan ZY --start 2026-01-01
  expect_eq "$(sql "SELECT count(*) FROM member")" "4" "roster $f: the known member is updated, not duplicated"
done
expect_eq "$(sql "SELECT name FROM member WHERE id_number='610102198505060024'")" "李娜·王" "roster name dot normalised"
expect_eq "$(sql "SELECT count(*) FROM member WHERE id_number IN ('$ID','610102198505060024','610102199001011231','610102197001010010')")" "4" "roster IDs stored canonical"
expect_eq "$(sql "SELECT name FROM member WHERE id_number='$ID'")" "王芳" "roster re-import updated the member found by the lower-case x"

# ---- files with no data rows (issue 14): refused naming the file, nothing written or audited
: > "$T/empty.csv"
printf '\xef\xbb\xbf' > "$T/bom.csv"
printf '姓名,身份证号码\n' > "$T/roster-header.csv"
printf '%s\n' "$FEED_HEADER" > "$T/feed-header.csv"
A0=$(sql "SELECT COUNT(*) FROM audit_event"); M0=$(sql "SELECT COUNT(*) FROM member"); S0=$(sql "SELECT COUNT(*) FROM settlement")
for f in empty bom roster-header; do
  expect_exit 2 "a roster with no data rows ($f)" -- hz import roster "$T/$f.csv" --unit $UNIT --start 2026-01-01
  expect_in "$T/err" "没有数据行" "the refusal says there are no data rows ($f)"
done
for f in empty bom feed-header; do
  expect_exit 2 "a feed with no data rows ($f)" -- hz import settlements "$T/$f.csv"
  expect_in "$T/err" "没有数据行" "the refusal says there are no data rows ($f)"
done
expect_eq "$(sql "SELECT COUNT(*) FROM audit_event") $(sql "SELECT COUNT(*) FROM member") $(sql "SELECT COUNT(*) FROM settlement")" \
  "$A0 $M0 $S0" "nothing written or audited for an empty file"
# ---- bad feed rows that were taken or misreported (issue 14) -----------------
# Each file is refused whole, naming the row and the real problem; nothing is
# written. F: a good row of member $ID; the cases change one thing.
frow() { # setl_id medfee [med_type] [refund] [certno]
  printf '%s,%s,王芳,2,H1,西京医院,3,%s,2026-03-01,2026-03-05,J18.9,,%s,0.00,0.00,0.00,%s,\n' \
    "$1" "${5:-$ID}" "${3:-21}" "$2" "${4:-0}"
}
badfeed() { # name want-row want-text description; file $T/bad-NAME.csv
  S1=$(sql "SELECT COUNT(*) FROM settlement"); A1=$(sql "SELECT COUNT(*) FROM audit_event")
  expect_exit 2 "$4" -- hz --json import settlements "$T/bad-$1.csv"
  expect_in "$T/out" "\"row\":$2" "$4: names row $2"
  expect_in "$T/out" "$3" "$4: says why"
  expect_eq "$(sql "SELECT COUNT(*) FROM settlement") $(sql "SELECT COUNT(*) FROM audit_event")" "$S1 $A1" "$4: nothing written"
}
badfile() { # name want-text description: refused before any row is read
  S1=$(sql "SELECT COUNT(*) FROM settlement")
  expect_exit 2 "$3" -- hz import settlements "$T/bad-$1.csv"
  expect_in "$T/err" "$2" "$3: says why"
  expect_eq "$(sql "SELECT COUNT(*) FROM settlement")" "$S1" "$3: nothing written"
}
{ echo "$FEED_HEADER"; frow B1 100.00; frow B2 100.00 | sed 's/西京医院/西\x00京医院/'; } > "$T/bad-nul.csv"
badfile nul "第3行“fixmedins_name”列: 含有空字符" "a NUL inside a field is refused, not cut short"
printf '{"setl_id":"B1","certno":"%s","med_type":"21","adm_date":"2026-03-01","dscg_date":"2026-03-02","medfee_sumamt":"1","fund_pay_sumamt":"0","psn_selfpay":"0","fixmedins_name":"西\x00京"}\n' "$ID" > "$T/bad-nuljson.csv"
badfile nuljson "第1行: 含有空字符" "a NUL in JSON Lines is refused"
{ echo "$FEED_HEADER"; frow B1 100.00; python3 -c 'print("B2," + "9" * 2000000)'; } > "$T/bad-longline.csv"
badfile longline "第3行: 超过 524480 字节" "a line of two million bytes is refused at once, naming it"
{ echo "$FEED_HEADER"; frow B1 100.00; frow B2 100.00 abc; } > "$T/bad-medtype.csv"
badfeed medtype 3 "医疗类别应为 2 至 6 位数字代码" "med_type abc is refused"
{ echo "$FEED_HEADER"; frow B1 100.00 2; } > "$T/bad-medtype1.csv"
badfeed medtype1 2 "医疗类别应为 2 至 6 位数字代码" "med_type of one digit is refused"
{ echo "$FEED_HEADER"; frow B1 100.00; frow B2 100.00 | sed 's/西京医院/"西京医院/'; frow B3 100.00; } > "$T/bad-quote.csv"
badfile quote "第3行“fixmedins_name”列: 单元格跨行, 多为引号不配对" "a quote open to the end names the row and column it opened in"
{ echo "$FEED_HEADER"; frow B1 100.00; frow B2 100.00 | sed 's/西京医院/"西京医院/'; frow B3 100.00; frow B4 100.00 | sed 's/西京医院/西京医院"/'; } > "$T/bad-quote2.csv"
badfile quote2 "第3行“fixmedins_name”列: 单元格跨行, 多为引号不配对" "a quote closed rows later names the row and column it opened in"
{ echo "$FEED_HEADER"; frow B1 100.00 | sed 's/"//'; frow B2 1,000.00; } > "$T/bad-comma.csv"
badfile comma "第3行: 有 19 个值, 表头只有 18 列" "1,000.00 unquoted is named as a thousands comma"
{ echo "$FEED_HEADER"; frow B1 '"1,000.00"'; } > "$T/bad-comma2.csv"
badfeed comma2 2 "medfee_sumamt: 金额格式错误 (not an amount: '1,000.00')" "a quoted 1,000.00 names its own field"
{ echo "$FEED_HEADER"; frow B2 100.00; frow B3 50.00; frow B2 120.00; } > "$T/bad-twice.csv"
badfeed twice 4 "同一结算流水号在文件中出现多次且内容不同 (第2行起)" "one setl_id twice with different amounts"
expect_in "$T/out" '"row":2,' "both rows of the clash are named"
{ echo "$FEED_HEADER"; frow B2 100.00; frow B2 100.00; } > "$T/ok-twice.csv"
expect_exit 0 "one setl_id twice, the same record: a re-send" -- hz --json import settlements "$T/ok-twice.csv"
expect_eq "$(jget "$T/out" new) $(jget "$T/out" duplicate)" "1 1" "the second row counts as a duplicate"
{ echo "$FEED_HEADER"; frow B2 90.00; } > "$T/bad-resent.csv"
badfeed resent 2 "medfee_sumamt 与已导入的结算 B2 不同" "a re-sent settlement with another amount is refused"
{ echo "$FEED_HEADER"; frow B9 -100.00 21 1; } > "$T/bad-refund.csv"
badfeed refund 2 "退费所对应的结算流水号既不在库中也不在本文件中" "a refund of an unknown setl_id is refused"
{ echo "$FEED_HEADER"; frow B2 -100.00 21 1 610102198505060024; } > "$T/bad-refundwho.csv"
badfeed refundwho 2 "certno 与所退的结算 B2 不同" "a refund naming another person is refused"
{ echo "$FEED_HEADER"; frow B2 -90.00 21 1; } > "$T/bad-refundamt.csv"
badfeed refundamt 2 "medfee_sumamt 与所退的结算 B2 不同" "a refund of other amounts than its settlement is refused"
{ echo "$FEED_HEADER"; frow B8 -10.00 21 1; frow B8 100.00; } > "$T/bad-refundfirst.csv"
badfeed refundfirst 2 "退费与第3行的结算内容不同" "a refund before its settlement must match it"
{ echo "$FEED_HEADER"; frow ab12 100.00; frow AB12 100.00; } > "$T/ok-case.csv"
expect_exit 0 "setl_id ab12 and AB12: one settlement" -- hz --json import settlements "$T/ok-case.csv"
expect_eq "$(jget "$T/out" new) $(jget "$T/out" duplicate)" "1 1" "the lower-case id is the same stay, not a second one"
expect_eq "$(sql "SELECT setl_id FROM settlement WHERE setl_id IN ('ab12','AB12')")" "AB12" "stored in upper case"
{ echo "$FEED_HEADER"; frow B1 100.00; printf '%s' "$(frow B9 100.00 | sed 's/西京医院/"西京医院/')"; } > "$T/bad-quoteeof.csv"
badfile quoteeof "第3行“fixmedins_name”列" "a quote open on a last line without a line break is refused"
{ echo "$FEED_HEADER"; frow B7 -70.00 21 1; frow B7 70.00; } > "$T/ok-refundfirst.csv"
expect_exit 0 "a refund before its settlement in one file" -- hz --json import settlements "$T/ok-refundfirst.csv"
expect_eq "$(sql "SELECT refunded FROM settlement WHERE setl_id='B7'" | sed 's/^t$/1/')" "1" "stored as refunded"
finish
