# Who may do what to whom (issue 12): the CLI side (password policy, bank-card
# changes by roster held until a second operator confirms, temporary files),
# then the API's authorization matrix (tests/http/test_authz.py) on a demo
# server.
. "$(dirname "$0")/lib.bash"
export TMPDIR="$T/tmp"
mkdir -p "$TMPDIR"
expect_exit 0 "demo" -- hz demo --members 300
# the demo leaves no personal data behind in the temporary directory
expect_eq "$(ls "$TMPDIR" | grep -c huzhu-demo)" "0" "demo cleaned up its huzhu-demo-* files"

# --- password policy ---------------------------------------------------------------
for pw in password 12345678 Password1 short weakling-login; do
  login=pwtest
  [ "$pw" = weakling-login ] && login=weakling-login
  echo "$pw" | expect_exit 2 "password '$pw' refused" -- hz user add "$login" --role staff
done
expect_in "$T/err" "登录名" "password = login refused by name"
echo "password" | hz user add pwtest --role staff 2>"$T/err"
expect_in "$T/err" "common passwords" "a common password is named as such"
echo "locky-pass-2026" | expect_exit 0 "a good password" -- hz user add locky --role staff
expect_exit 4 "unlock of an unknown login" -- hz user unlock nobody
expect_exit 0 "unlock of an unlocked login is harmless" -- hz user unlock locky
expect_exit 0 "user list" -- hz user list
expect_in "$T/out" "locky" "the list names the new login"
expect_exit 0 "user list --json" -- hz --json user list
expect_eq "$(python3 -c 'import json,sys; print([(u["role"], u["locked"]) for u in json.load(open(sys.argv[1]))["items"] if u["login"] == "locky"])' "$T/out")" \
  "[('staff', False)]" "the JSON list has role and lock state"
expect_exit 4 "user list is the admin's" -- hz --as staff user list

# --- bank-card changes through a roster, held until a second operator confirms -------
QJ=$(sql "SELECT credit_code FROM unit WHERE name = '西安曲江建设集团有限公司'")
QM=$(sql "SELECT m.id_number FROM member m JOIN unit u ON u.id = m.unit_id WHERE u.credit_code = '$QJ' ORDER BY m.id LIMIT 1 OFFSET 2")
OLD=$(sql "SELECT COALESCE(bank_card, '') FROM member WHERE id_number = '$QM'")
cat >"$T/feed.csv" <<CSV
setl_id,certno,med_type,adm_date,dscg_date,main_diag_code,medfee_sumamt,fund_pay_sumamt,psn_selfpay,psn_ownpay
CLISEC01,$QM,21,2026-09-01,2026-09-10,I21.0,30000.00,15000.00,11300.00,0
CSV
hz import settlements "$T/feed.csv" >/dev/null
expect_exit 0 "claim" -- hz --json claim submit --id-number "$QM" --settlement CLISEC01 --documents-complete
NO=$(jget "$T/out" claim_no)
[ "$(jget "$T/out" status)" = approved ] || hz claim approve "$NO" >/dev/null
expect_exit 0 "two-person rule on" -- hz setting card_two_person on
expect_in "$T/out" "card_two_person = on" "setting shown"
expect_exit 2 "unknown setting refused" -- hz setting nonsense on
printf '姓名,身份证号码,银行卡号,开户行\n某人,%s,6217000000000000459,建设银行\n' "$QM" >"$T/card.csv"
HUZHU_ACTOR=alice expect_exit 0 "alice changes the card by roster" -- hz --json import roster "$T/card.csv" --unit "$QJ" --start 2026-12-01
expect_eq "$(sql "SELECT hold_reason FROM payable WHERE payable_no = '$NO'" | cut -c1-24)" "银行卡变更待确认" "payable held"
DETAIL=$(sql "SELECT actor || ' ' || detail FROM audit_event WHERE action = 'member.card_change' ORDER BY id DESC LIMIT 1")
case "$DETAIL" in "cli:alice "*6217000000000000459*) ok ;; *) bad "card change audited: $DETAIL" ;; esac
[ -z "$OLD" ] || case "$DETAIL" in *"$OLD"*) ok ;; *) bad "the old card is in the event: $DETAIL" ;; esac
expect_exit 0 "batch while held" -- hz --json pay batch --out "$T/bank1.csv"
expect_not_in "$T/bank1.csv" "$NO" "a held payable is not in the bank file"
expect_exit 0 "member show names the pending change" -- hz member show "$QM"
expect_in "$T/out" "银行卡变更待确认" "the text view says a change waits"
expect_exit 0 "member show --json" -- hz --json member show "$QM"
expect_eq "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))["card_change"]; print(d["changed_by"], d["new_card"], [h["payable_no"] for h in d["held"]])' "$T/out")" \
  "cli:alice 6217000000000000459 ['$NO']" "the JSON view carries the change and the held payable"
HUZHU_ACTOR=alice expect_exit 4 "alice may not confirm her own change" -- hz member confirm-card "$QM"
expect_in "$T/err" "two-person" "the refusal names the rule"
HUZHU_ACTOR=bob expect_exit 0 "bob confirms" -- hz --json member confirm-card "$QM"
expect_eq "$(jget "$T/out" released)" "1" "one payable released"
expect_exit 3 "nothing left to confirm" -- hz member confirm-card "$QM"
expect_exit 0 "batch after confirmation" -- hz --json pay batch --out "$T/bank2.csv"
expect_in "$T/bank2.csv" "6217000000000000459" "paid to the confirmed card"
# a blank card cell keeps the card on file (no change, no hold)
printf '姓名,身份证号码,银行卡号,开户行\n某人,%s,,\n' "$QM" >"$T/blank.csv"
N0=$(sql "SELECT COUNT(*) FROM card_change")
expect_exit 0 "roster with a blank card" -- hz import roster "$T/blank.csv" --unit "$QJ" --start 2026-12-01
expect_eq "$(sql "SELECT bank_card FROM member WHERE id_number = '$QM'")" "6217000000000000459" "card kept"
expect_eq "$(sql "SELECT COUNT(*) FROM card_change")" "$N0" "no change recorded"

# --- the API: every write route x role x scope, oracles, login limits ------------------
export HUZHU_HTTP_TIMEOUT=2 HUZHU_BATCH_DIR="$T/batches" HUZHU_LOCK_AFTER=5
"$HUZHU" --db "$DB" serve --listen 127.0.0.1:0 --threads 4 2>"$T/serve.log" &
SERVER=$!
PORT=$(wait_served "$T/serve.log" $SERVER)
if [ -z "$PORT" ]; then cat "$T/serve.log"; kill $SERVER; exit 1; fi
if HZ_BASE="http://127.0.0.1:$PORT" HZ_DBFILE="$T/test.db" HZ_DBURL="$DB" HZ_PGDB="$PG" \
   python3 "$HZ_SRC/tests/http/test_authz.py"; then ok; else bad "tests/http/test_authz.py"; fi
# uploads leave nothing behind
expect_eq "$(ls "$TMPDIR" | grep -c huzhu-upload)" "0" "no huzhu-upload-* file left after the requests"
kill -TERM $SERVER
wait $SERVER || bad "server exit $?"
# --- tamper evidence: every money row, the chain's tail, a re-chained trail -------------
expect_exit 0 "audit verify on a clean database (money checks + keyed chain)" -- hz audit verify
expect_in "$T/out" "资金核对一致" "verify says the money rows agree"
KEYFILE="$T/test.db.audit-key"
[ -z "$PG" ] || KEYFILE="$HOME/.config/huzhu/audit-$(python3 -c 'import hashlib,sys; print(hashlib.blake2b(sys.argv[1].encode(), digest_size=8).hexdigest())' "$DB").key"
sqlite_only && { [ "$(stat -c %a "$KEYFILE")" = 600 ] && ok || bad "the key file is private"; }
expect_exit 0 "checkpoint" -- hz audit checkpoint
cp "$T/out" "$T/checkpoint"
expect_in "$T/checkpoint" "huzhu-audit-checkpoint v1 events=" "a signed head"
expect_exit 0 "verify against the checkpoint" -- hz audit verify --against "$T/checkpoint"
# tamper_money DESCRIPTION NAMED_IN_ERROR UPDATE_SQL RESTORE_SQL
tamper_money() {
  sql "$3" >/dev/null
  expect_exit 3 "$1 detected" -- hz audit verify
  expect_in "$T/err" "$2" "$1 named ($2)"
  expect_exit 3 "huzhu check finds it too: $1" -- hz check
  sql "$4" >/dev/null
  expect_exit 0 "restored: $1" -- hz audit verify
}
PAY=$(sql "SELECT id FROM payment ORDER BY id LIMIT 1")
CARD=$(sql "SELECT bank_card FROM payment WHERE id = $PAY")
tamper_money "a payment's bank card" "payment:$PAY" "UPDATE payment SET bank_card = '6222020000000000018' WHERE id = $PAY" \
  "UPDATE payment SET bank_card = '$CARD' WHERE id = $PAY"
LINE=$(sql "SELECT id FROM claim_line WHERE amount > 0 AND reversed = 0 ORDER BY id LIMIT 1")
tamper_money "a claim line's amount" "claim_line:$LINE" "UPDATE claim_line SET amount = amount + 100000 WHERE id = $LINE" \
  "UPDATE claim_line SET amount = amount - 100000 WHERE id = $LINE"
CL=$(sql "SELECT claim_no FROM claim WHERE total > 0 ORDER BY id LIMIT 1")
tamper_money "a claim's total" "claim:$CL" "UPDATE claim SET total = total + 1 WHERE claim_no = '$CL'" \
  "UPDATE claim SET total = total - 1 WHERE claim_no = '$CL'"
LGW=$(sql "SELECT 'coverage_id = ' || coverage_id || ' AND period = ' || period || ' AND component = ''' || component || '''' FROM ledger WHERE paid > 0 ORDER BY coverage_id LIMIT 1")
LG=$(sql "SELECT coverage_id FROM ledger WHERE $LGW")
tamper_money "a ledger row" "ledger:$LG" "UPDATE ledger SET paid = paid - 1 WHERE $LGW" "UPDATE ledger SET paid = paid + 1 WHERE $LGW"
KC=$(sql "SELECT coverage_id FROM contribution ORDER BY id LIMIT 1")
tamper_money "a contribution" "coverage:$KC" "UPDATE contribution SET amount = amount - 1 WHERE coverage_id = $KC" \
  "UPDATE contribution SET amount = amount + 1 WHERE coverage_id = $KC"
CV=$(sql "SELECT id FROM coverage WHERE shares = 1 ORDER BY id LIMIT 1")
tamper_money "a coverage's shares" "coverage:$CV" "UPDATE coverage SET shares = 2 WHERE id = $CV" \
  "UPDATE coverage SET shares = 1 WHERE id = $CV"
# an event rewritten and the chain recomputed the old, unkeyed way
VICTIM=$(sql "SELECT id FROM audit_event ORDER BY id LIMIT 1 OFFSET 40")
HZ_DBFILE="$T/test.db" HZ_PGDB="$PG" python3 "$HZ_SRC/tests/data/rechain.py" "$VICTIM" '{"forged":true}'
expect_exit 3 "a re-chained trail (plain BLAKE2b) is found" -- hz audit verify
expect_in "$T/err" "$VICTIM" "the first rewritten event is named"
# the same with the stolen key: the chain holds, the checkpoint does not
HZ_DBFILE="$T/test.db" HZ_PGDB="$PG" python3 "$HZ_SRC/tests/data/rechain.py" "$VICTIM" '{"forged":true}' "$KEYFILE"
expect_exit 0 "re-chained with the key: the chain alone cannot tell" -- hz audit verify
expect_exit 3 "but the checkpoint can" -- hz audit verify --against "$T/checkpoint"
expect_in "$T/err" "rewritten" "named as rewritten"
expect_exit 0 "a new checkpoint for the rest" -- hz audit checkpoint
cp "$T/out" "$T/checkpoint2"
# the chain's tail deleted, then all of it
sql "DELETE FROM audit_event WHERE id > (SELECT MAX(id) - 3 FROM audit_event)" >/dev/null
expect_exit 0 "a cut tail leaves a valid chain" -- hz audit verify
expect_exit 3 "the checkpoint finds the cut tail" -- hz audit verify --against "$T/checkpoint2"
expect_in "$T/err" "truncated" "named as truncated"
sql "DELETE FROM audit_event" >/dev/null
expect_exit 3 "an empty trail, even without a checkpoint (init always writes audit.keyed)" -- hz audit verify
expect_in "$T/err" "truncated to nothing" "named as cut to nothing"
expect_exit 3 "an empty trail against the checkpoint" -- hz audit verify --against "$(cat "$T/checkpoint2")"
expect_in "$T/err" "truncated" "named as truncated (text argument)"
expect_exit 2 "a malformed checkpoint" -- hz audit verify --against "huzhu-audit-checkpoint v1 events=x"
HZ_NO_FINAL_CHECK=1

finish
