# What a member is told about money is what the money journal did (issue 16,
# notices3): a walk through the money's life of docs/money.md and
# spec/plans.md — paid to the card, a claim closed at 0.00, a refund while
# the bank pays, the bank paying anyway (owed back), the re-settlement set
# off against it, a refund after payment, a partial offset, a refund whose
# payment the bank then returns, a refund before payment, a returned payment
# paid by the next batch, a re-imported bank result — each event with the
# notice text it must produce (the table below), and the payout notice PDF
# of the same claims. Then amounts of 1,000,000.00 and more (up to the
# largest an amount can be, 10,000,000,000,000.00) stay whole on one line of
# the PDF (pdftotext), and formulas read grouped in notices and PDFs while
# the engine's stored explanation keeps its plain figures. SQLite and (make
# test) PostgreSQL.
#
#   event                                  kind            text (asserted below)
#   approved, card on file                 claim.approved  核定给付 2,000.00 元, 将转入您登记的工商银行 尾号 NNNN
#   paid by the bank                       claim.paid      2,000.00 元已支付至工商银行 尾号 NNNN; formula grouped
#   approved at 0.00 (below deductible)    claim.approved  已审核结案, 本次无给付 (0.00 元): 按保障条款核定的给付为 0.00 元
#   refund while the batch is at the bank  claim.reversed  原核定 2,000.00 元中 2,000.00 元已冲回 … 已提交银行 … 待银行处理结果
#   … the bank pays anyway                 claim.owed      已支付 2,000.00 元 … 多付的 2,000.00 元需您退回 … 退回方式
#                                          claim.paid      核定给付 0.00 元 (原核定 2,000.00 元, 因医保结算 … 已退费冲回 …)。
#                                                          2,000.00 元已支付至…; 多付的 2,000.00 元需您退回 (never "0.00 元已支付")
#   re-settlement approved while owing     claim.approved  其中 2,000.00 元将先抵扣您应退回的款项 (您目前应退回 2,000.00 元)
#   … settled wholly by the offset         claim.paid      理赔款已抵扣应退回款项: 2,000.00 元已抵扣您应退回的款项
#                                                          (职工互助金 LP… 多付的 2,000.00 元) (never "已支付至")
#   refund after payment                   claim.reversed  核定给付调整为 0.00 元 … 您目前共应退回 2,000.00 元
#                                          claim.owed      多付的 2,000.00 元需您退回。您目前共应退回 2,000.00 元
#   next claim larger than the debt        claim.paid      2,000.00 元已抵扣…; 1,000.00 元已支付至工商银行 尾号 NNNN
#   refund at the bank, bank returns it    claim.reversed  已提交银行的款项未付出 (银行: 账户已销户), 本次无给付, 理赔已结案 (closed)
#   refund of an approved, unbatched claim claim.reversed  理赔已结案（无给付）… 本次无给付, 理赔已结案 (closed)
#   bank returns a payment (no refund)     (none)          the claim stays approved; the office fixes the card
#   … paid by the next batch               claim.paid      once, to the card the bank paid
#   a bank result file imported again      (none)          no notice, no money moved
. "$(dirname "$0")/lib.bash"
command -v pdftotext >/dev/null || { echo "FAIL: pdftotext is missing (make test installs poppler-utils)"; exit 1; }
UNIT=91610000MA6TG00007
F=$FEED_HEADER
hz init >/dev/null
hz org add --code XA --name 西安市总工会 >/dev/null
hz unit add --code $UNIT --name "西安电力机械厂" --org XA >/dev/null
# row SETL ID ADM DSCG SELFPAY [REFUND] [MEDFEE FUND]: an inpatient stay (or its refund)
row() {
  local sign="" flag=0
  if [ "${6:-0}" = 1 ]; then sign=-; flag=1; fi
  echo "$1,$2,某某,1,H1,西京医院,3,21,$3,$4,K35.8,,${sign}${7:-40000.00},${sign}${8:-20000.00},${sign}$5,${sign}0.00,$flag,$4 10:00:00"
}
feed() { { echo "$F"; cat; } > "$T/feed.csv"; hz import settlements "$T/feed.csv" >/dev/null || echo "feed failed" >&2; }
submit() { hz --json claim submit "$@" > "$T/s.json" && jget "$T/s.json" claim_no; }
approve() { [ "$(claim_status "$1")" = adjudicated ] && hz claim approve "$1" >/dev/null; true; }
batch() { hz --json pay batch --out "$T/bank-$1.csv" > "$T/batch.json" || bad "batch $1: $(cat "$T/batch.json")"; }
bank() { # FILE ROW...: a bank result file with these rows, imported
  local f=$1; shift
  { echo "业务编号,结果,失败原因,银行流水号"; printf '%s\n' "$@"; } > "$T/$f"
  hz pay confirm "$T/$f" >/dev/null || bad "bank result $f refused"
}
# body KIND CLAIM: the text of the (latest) notice of that kind on the claim
body() { sql "SELECT body FROM notice WHERE kind = '$1' AND object = 'claim:$2' ORDER BY id DESC LIMIT 1"; }
title() { sql "SELECT title FROM notice WHERE kind = '$1' AND object = 'claim:$2' ORDER BY id DESC LIMIT 1"; }
count() { sql "SELECT COUNT(*) FROM notice WHERE kind = '$1' AND object = 'claim:$2'"; }
says() { # KIND CLAIM TEXT DESCRIPTION
  local b; b=$(body "$1" "$2")
  case "$b" in *"$3"*) ok ;; *) bad "$4: '$3' not in the $1 notice of $2: $b" ;; esac
}
never() { # KIND CLAIM TEXT DESCRIPTION
  local b; b=$(body "$1" "$2")
  case "$b" in *"$3"*) bad "$4: '$3' in the $1 notice of $2: $b" ;; *) ok ;; esac
}
pdf() { hz notice claim "$1" --out "$T/$1.pdf" && pdftotext -layout "$T/$1.pdf" "$T/$1.txt" || bad "notice PDF of $1"; }
check_ok() { expect_exit 0 "huzhu check after $1" -- hz check; }

A=$(add_member 61010219800101001 王师傅)
TAIL=$(sql "SELECT substr(bank_card, length(bank_card) - 3) FROM member WHERE id_number = '$A'")
hz enroll --id-number $A --plan ZY --start 2026-01-01 >/dev/null
# ZY: (11,300.00 - 1,300.00) x 20% = 2,000.00 for the first stay; later stays (x - 650.00) x 20%
{ row S1 $A 2026-05-01 2026-05-09 11300.00; row S2 $A 2026-05-20 2026-05-25 600.00
  row S3 $A 2026-06-01 2026-06-09 10650.00; row S5 $A 2026-07-01 2026-07-09 10650.00
  row S6 $A 2026-07-20 2026-07-25 15650.00; row S7 $A 2026-08-01 2026-08-09 10650.00
  row S8 $A 2026-08-20 2026-08-25 10650.00; row S9 $A 2026-09-01 2026-09-05 10650.00; } | feed

# ---- paid to the card
C1=$(submit --id-number $A --settlement S1 --documents-complete)
approve $C1
says claim.approved $C1 "核定给付 2,000.00 元, 将转入您登记的工商银行 尾号 $TAIL。" "approved: the amount and the card on file"
batch 1
bank r1.csv "$C1,成功,,B1"
expect_eq "$(title claim.paid $C1)" "理赔款已支付" "paid: the title"
says claim.paid $C1 "2,000.00 元已支付至工商银行 尾号 $TAIL" "paid: the amount to the card the bank paid"
says claim.paid $C1 "(11,300.00 - 1,300.00) x 20% = 2,000.00" "paid: the formula grouped"
expect_eq "$(hz --json claim show $C1 > "$T/c.json"; jget "$T/c.json" lines.0.explain)" "(11300.00 - 1300.00) x 20% = 2000.00" \
  "the engine's stored explanation keeps its plain figures"
expect_in <(sql "SELECT detail FROM notice WHERE kind = 'claim.paid' AND object = 'claim:$C1'") \
  '"formula":"(11300.00 - 1300.00) x 20% = 2000.00"' "the notice's detail keeps the stored formula"
expect_in <(sql "SELECT detail FROM notice WHERE kind = 'claim.paid' AND object = 'claim:$C1'") \
  '"paid_to_card":"2000.00"' "the detail says what went to the card"

# ---- closed at 0.00: told why, no card
C2=$(submit --id-number $A --settlement S2 --documents-complete)
approve $C2
expect_eq "$(claim_status $C2)" "closed" "a 0.00 claim is closed"
expect_eq "$(title claim.approved $C2)" "理赔已结案（无给付）" "closed: the title"
says claim.approved $C2 "本次无给付 (0.00 元): 按保障条款核定的给付为 0.00 元" "closed: nothing paid, and why"
never claim.approved $C2 "银行卡" "closed: no card talk"
expect_eq "$(count claim.paid $C2)" "0" "closed: never told it was paid"

# ---- a refund while the batch is at the bank; the bank pays anyway
C3=$(submit --id-number $A --settlement S3 --documents-complete)
approve $C3
batch 3
row S3 $A 2026-06-01 2026-06-09 10650.00 1 | feed
expect_eq "$(claim_total $C3)" "0.00" "the refund reverses the claim at the bank"
expect_eq "$(title claim.reversed $C3)" "理赔给付已调整" "refund at the bank: the title"
says claim.reversed $C3 "因医保结算 S3 已退费, 原核定 2,000.00 元中 2,000.00 元已冲回, 核定给付调整为 0.00 元。" \
  "refund at the bank: what was taken back and why"
says claim.reversed $C3 "2,000.00 元已提交银行 (批次 " "refund at the bank: the money is at the bank"
says claim.reversed $C3 "如银行付款成功, 多付部分需您退回" "refund at the bank: what happens if the bank pays"
bank r3.csv "$C3,成功,,B3"
expect_eq "$(claim_status $C3)" "paid" "the bank paid: the claim is paid (at 0.00)"
expect_eq "$(count claim.owed $C3)" "1" "the bank paid after the refund: an owed-back notice"
says claim.owed $C3 "已支付 2,000.00 元, 医保结算 S3 已退费后核定金额调整为 0.00 元, 多付的 2,000.00 元需您退回。您目前共应退回 2,000.00 元。" \
  "owed: how much, why, in all"
says claim.owed $C3 "退回方式: 到办事处财务或所在单位工会交回" "owed: how to repay"
says claim.owed $C3 "从您今后的互助金给付中先行抵扣" "owed: or set off against later payouts"
says claim.paid $C3 "核定给付 0.00 元 (原核定 2,000.00 元, 因医保结算 S3 已退费冲回 2,000.00 元)。" "paid at 0.00: why 0.00"
says claim.paid $C3 "2,000.00 元已支付至工商银行 尾号 $TAIL; 多付的 2,000.00 元需您退回" "paid at 0.00: what the bank paid, owed back"
body claim.paid $C3 | grep -P '(?<![0-9,])0\.00 元已支付' >/dev/null && bad "paid at 0.00: says '0.00 元已支付'" || ok
pdf $C3
expect_in "$T/$C3.txt" "实付到卡" "PDF: paid to the card"
expect_in "$T/$C3.txt" "2,000.00 元已支付至工商银行 尾号 $TAIL" "PDF: what the bank paid"
expect_in "$T/$C3.txt" "需退回" "PDF: owed back"
expect_in "$T/$C3.txt" "医保结算 S3 已退费" "PDF: why it was taken back"
check_ok "the bank paid a refunded claim"

# ---- the re-settlement is set off against what is owed
row S4 $A 2026-06-01 2026-06-09 10650.00 | feed
C4=$(submit --id-number $A --settlement S4 --documents-complete)
approve $C4
says claim.approved $C4 "其中 2,000.00 元将先抵扣您应退回的款项 (您目前应退回 2,000.00 元)" \
  "approved while owing: the amount set off first"
never claim.approved $C4 "将转入" "approved while owing all of it: nothing said to go to the card"
batch 4
expect_eq "$(jget "$T/batch.json" offset)" "2000.00" "the batch set 2,000.00 off"
expect_eq "$(title claim.paid $C4)" "理赔款已抵扣应退回款项" "settled by the offset: the title"
says claim.paid $C4 "2,000.00 元已抵扣您应退回的款项 (职工互助金 $C3 多付的 2,000.00 元)" \
  "settled by the offset: how much, against what"
never claim.paid $C4 "已支付至" "settled by the offset: never 'paid to the card'"
pdf $C4
expect_in "$T/$C4.txt" "抵扣应退款" "PDF: the offset"
expect_in "$T/$C4.txt" "职工互助金 $C3 多付的 2,000.00 元" "PDF: against what"
grep -E "实付到卡 +0.00 元" "$T/$C4.txt" >/dev/null && ok || bad "PDF: nothing to the card: $(grep 实付到卡 "$T/$C4.txt")"
check_ok "the offset"

# ---- a refund after payment: owed back
C5=$(submit --id-number $A --settlement S5 --documents-complete)
approve $C5
batch 5
bank r5.csv "$C5,成功,,B5"
row S5 $A 2026-07-01 2026-07-09 10650.00 1 | feed
expect_eq "$(claim_status $C5) $(claim_total $C5)" "paid 0.00" "refunded after payment: paid, 0.00"
says claim.reversed $C5 "核定给付调整为 0.00 元。2,000.00 元已支付至工商银行 尾号 $TAIL; 多付的 2,000.00 元需您退回。您目前共应退回 2,000.00 元" \
  "refund after payment: what was paid and what is owed"
says claim.owed $C5 "多付的 2,000.00 元需您退回。您目前共应退回 2,000.00 元。" "refund after payment: the owed notice"
expect_exit 0 "recovery list" -- hz --json recovery list
expect_in "$T/out" '"owes":"2000.00"' "the journal agrees: 2,000.00 owed"

# ---- the next claim is larger than the debt: part set off, the rest to the card
C6=$(submit --id-number $A --settlement S6 --documents-complete)
approve $C6
says claim.approved $C6 "核定给付 3,000.00 元, 其中 2,000.00 元将先抵扣您应退回的款项 (您目前应退回 2,000.00 元), 其余 1,000.00 元将转入您登记的工商银行 尾号 $TAIL。" \
  "approved: part set off, the rest to the card"
batch 6
bank r6.csv "$C6,成功,,B6"
says claim.paid $C6 "2,000.00 元已抵扣您应退回的款项 (职工互助金 $C5 多付的 2,000.00 元); 1,000.00 元已支付至工商银行 尾号 $TAIL" \
  "paid: the offset and the card, each with its amount"
pdf $C6
grep -E "实付到卡 +1,000.00 元" "$T/$C6.txt" >/dev/null && ok || bad "PDF: 1,000.00 to the card: $(grep 实付到卡 "$T/$C6.txt")"

# ---- a refund while at the bank, and the bank returns the payment: closed
C7=$(submit --id-number $A --settlement S7 --documents-complete)
approve $C7
batch 7
row S7 $A 2026-08-01 2026-08-09 10650.00 1 | feed
bank r7.csv "$C7,失败,账户已销户,"
expect_eq "$(claim_status $C7) $(claim_total $C7)" "closed 0.00" "refunded and returned: closed at 0.00"
expect_eq "$(title claim.reversed $C7)" "理赔已结案（无给付）" "refunded and returned: the title"
says claim.reversed $C7 "已提交银行的款项未付出 (银行: 账户已销户), 本次无给付, 理赔已结案。" "refunded and returned: nothing paid, why"
expect_eq "$(count claim.owed $C7) $(count claim.paid $C7)" "0 0" "refunded and returned: nothing owed, nothing paid"
batch 7b
expect_eq "$(sql "SELECT COUNT(*) FROM payment y JOIN payable p ON p.id = y.payable_id WHERE p.payable_no = '$C7'")" "1" \
  "a closed claim is never batched again"

# ---- a refund of an approved claim not yet batched: closed
C8=$(submit --id-number $A --settlement S8 --documents-complete)
approve $C8
row S8 $A 2026-08-20 2026-08-25 10650.00 1 | feed
expect_eq "$(claim_status $C8)" "closed" "refunded before payment: closed (not 已审批待支付 for ever)"
says claim.reversed $C8 "核定给付调整为 0.00 元。本次无给付, 理赔已结案。" "refunded before payment: nothing paid, closed"
pdf $C8
expect_in "$T/$C8.txt" "本次无款项支付" "PDF: nothing paid"

# ---- a returned payment (no refund), paid by the next batch; the same result file again
C9=$(submit --id-number $A --settlement S9 --documents-complete)
approve $C9
batch 9
bank r9.csv "$C9,失败,户名不符,"
expect_eq "$(claim_status $C9) $(count claim.paid $C9) $(count claim.reversed $C9)" "approved 0 0" \
  "a returned payment: still approved, nothing told (docs/decisions.md)"
batch 9b
bank r9b.csv "$C9,成功,,B9"
N=$(sql "SELECT COUNT(*) FROM notice")
hz pay confirm "$T/r9b.csv" >/dev/null 2>&1
expect_eq "$(sql "SELECT COUNT(*) FROM notice")" "$N" "the bank file again: no notice"
expect_eq "$(count claim.paid $C9)" "1" "paid by the second batch: one paid notice"
says claim.paid $C9 "2,000.00 元已支付至工商银行 尾号 $TAIL" "paid by the second batch: to the card"

# ---- a refund after payment of a claim of two plans: one owed notice, for the whole claim
# (each line's reversal used to tell the member on its own: three notices for three lines,
# the first with a third of the figure and "金额调减" for the reason)
B=$(add_member 61010219820202002 李师傅)
hz enroll --id-number $B --plan ZY --start 2026-01-01 >/dev/null
hz enroll --id-number $B --plan JT --start 2026-01-01 >/dev/null
row SB1 $B 2026-08-01 2026-08-11 11300.00 | feed
CB=$(submit --id-number $B --settlement SB1 --documents-complete)
approve $CB
hz --json claim show $CB > "$T/cb.json"
PAYING=$(python3 -c 'import json,sys; print(sum(1 for l in json.load(open(sys.argv[1]))["lines"] if l["amount"] != "0.00"))' "$T/cb.json")
TOTAL_B=$(jget "$T/cb.json" total)
expect_eq "$PAYING" "2" "the stay pays on both plans (ZY and JT): two lines"
batch b
bank rb.csv "$CB,成功,,BB1"
row SB1 $B 2026-08-01 2026-08-11 11300.00 1 | feed
GROUPED_B=$(python3 -c 'import sys; print(f"{float(sys.argv[1]):,.2f}")' "$TOTAL_B")
expect_eq "$(count claim.owed $CB)" "1" "two lines taken back: one owed notice"
says claim.owed $CB "已支付 $GROUPED_B 元, 医保结算 SB1 已退费后核定金额调整为 0.00 元, 多付的 $GROUPED_B 元需您退回。" \
  "the owed notice tells the whole claim and the refund as the reason"
never claim.owed $CB "金额调减" "no partial reason"
expect_exit 0 "recovery list" -- hz --json recovery list
expect_eq "$(python3 -c 'import json,sys; print([r["owes"] for r in json.load(open(sys.argv[1]))["recoveries"] if r["id_number"] == sys.argv[2]][0])' "$T/out" "$B")" \
  "$TOTAL_B" "the journal agrees: the whole claim is owed"
expect_eq "$(sql "SELECT COUNT(*) FROM transfer WHERE tkey LIKE 'recover:$CB:%'")" "1" "one receivable posting for the claim"
check_ok "a two-line refund after payment"

# ---- no notice anywhere tells of 0.00 paid, or of a card for money that never went to one
expect_eq "$(sql "SELECT COUNT(*) FROM notice WHERE body LIKE '%的 0.00 元已支付%' OR body LIKE '% 0.00 元已支付至%'")" "0" \
  "no notice says 0.00 was paid"
expect_eq "$(sql "SELECT COUNT(*) FROM notice WHERE kind = 'claim.paid' AND detail LIKE '%\"paid_to_card\":\"0.00\"%' AND body LIKE '%已支付至%'")" \
  "0" "no paid notice names a card that received nothing"
check_ok "the walk"

# ---- amounts of 1,000,000.00 and more stay on one line of the PDF
# A ZY version that pays 100% with no deductible and a cap as large as an
# amount can be (HZ_MONEY_MAX): the line, the total, the stay's 个人自付 and
# the cap row carry 10,000,000,000,000.00.
python3 - "$HZ_SRC/catalogue/ZY.json" "$T/ZYBIG.json" <<'EOF'
import json, sys
p = json.load(open(sys.argv[1]))
b = p["benefits"][0]
b.update(deductible_first="0.00", deductible_later="0.00", hardship_deductible_first="0.00",
         hardship_deductible_later="0.00", ratio_pct=100, favoured_ratio_pct=100, cap="10000000000000.00")
json.dump(p, open(sys.argv[2], "w"), ensure_ascii=False)
EOF
expect_exit 0 "publish the large ZY" -- hz plan publish --plan-file "$T/ZYBIG.json" --why 大额版式测试
B=$(add_member 61010219810303003 赵师傅)
C=$(add_member 61010219820404004 钱师傅)
hz enroll --id-number $B --plan ZY --start 2026-01-01 >/dev/null
hz enroll --id-number $C --plan ZY --start 2026-01-01 >/dev/null
{ row L1 $B 2026-05-01 2026-05-09 10000000000000.00 0 10000000000000.00 0.00
  row L2 $C 2026-06-01 2026-06-09 1234567.89 0 2000000.00 0.00; } | feed
BIG=$(submit --id-number $B --settlement L1 --documents-complete)
approve $BIG
MID=$(submit --id-number $C --settlement L2 --documents-complete)
expect_eq "$(claim_total $BIG)" "10000000000000.00" "the largest amount"
pdf $BIG
pdf $MID
# whole on one line: the grouped amount appears in full on as many lines as
# it is shown, and every grouped number on every line is a whole amount
# (a cut one leaves "10,000,000,000,00" on one line and "0.00" on the next)
lines_with() { grep -cF -- "$2" "$1"; }
whole_amounts() { python3 - "$1" <<'PY'
import re, sys
bad = [t for line in open(sys.argv[1]) for t in re.findall(r"[0-9][0-9,.]*[0-9]|[0-9]", line)
       if "," in t and not re.fullmatch(r"[1-9][0-9]{0,2}(,[0-9]{3})+\.[0-9]{2}", t)]
print(" ".join(bad))
PY
}
N=$(lines_with "$T/$BIG.txt" "10,000,000,000,000.00")
[ "$N" -ge 6 ] && ok || bad "10,000,000,000,000.00 whole on $N lines, want the stay, the line, the total, the cap, 给付合计 and more: $(cat "$T/$BIG.txt")"
expect_eq "$(whole_amounts "$T/$BIG.txt")" "" "every grouped amount of the large notice is whole on its line"
expect_in "$T/$BIG.txt" "壹拾万亿元整" "the largest amount in words (10^13 yuan)"
# the formula may wrap at its spaces, never inside an amount (pdftotext
# -raw keeps the drawing order and drops the spaces)
expect_in <(pdftotext -raw "$T/$BIG.pdf" - | tr -d ' \n') \
  "(10,000,000,000,000.00-0.00)x100%=10,000,000,000,000.00" "the large formula grouped"
N=$(lines_with "$T/$MID.txt" "1,234,567.89")
[ "$N" -ge 4 ] && ok || bad "1,234,567.89 whole on $N lines: $(cat "$T/$MID.txt")"
expect_eq "$(whole_amounts "$T/$MID.txt")" "" "every grouped amount of a 1,234,567.89 notice is whole on its line"
SHOTS="${HZ_TEST_TMP:-$T}/../screenshots"
mkdir -p "$SHOTS"
STORE=sqlite
[ -z "$PG" ] || STORE=pg
pdftoppm -r 70 -png -f 1 -l 1 -singlefile "$T/$BIG.pdf" "$SHOTS/notices-money-$STORE-large" || bad "pdftoppm"
pdftoppm -r 70 -png -f 1 -l 2 "$T/$C3.pdf" "$SHOTS/notices-money-$STORE-refunded" || bad "pdftoppm"
finish
