# GET /members/{id} (P3 of quality.md) writes the member's record as text
# straight into the response: byte for byte what the jansson view writes
# (the CLI's `--json member show`, which still builds the tree), for demo
# members with Chinese names, flags, coverages, a pending bank-card change,
# and members without unit, phone, card or coverage; masked roles see the
# same record with the ID number and card masked. The server keeps the last
# session per worker thread: a logout, a disabled account, a session ended
# or changed by another process are refused at once
# (tests/http/test_member_view.py).
. "$(dirname "$0")/lib.bash"
expect_exit 0 "demo" -- hz demo --members 300
ORG=$(sql "SELECT code FROM org WHERE code = 'XA-XC'")
# records with empty fields: an individual member (no unit), no phone, no card
I1=$(id_check 61010319800101001)
I2=$(id_check 61010319900202002)
expect_exit 0 "an individual member with nothing optional" -- hz member add --id-number "$I1" --name 欧阳·娜 --org "$ORG"
expect_exit 0 "a member with a flag and no card" -- hz member add --id-number "$I2" --name 王芳 --org "$ORG" --flag hardship:deep:2026-01-01:2026-12-31
# a pending bank-card change (held payables listed in the record)
expect_exit 0 "two-person rule on" -- hz setting card_two_person on
QM=$(sql "SELECT m.id_number FROM member m JOIN coverage c ON c.member_id = m.id WHERE m.unit_id IS NOT NULL ORDER BY m.id LIMIT 1")
QU=$(sql "SELECT u.credit_code FROM member m JOIN unit u ON u.id = m.unit_id WHERE m.id_number = '$QM'")
printf '姓名,身份证号码,银行卡号,开户行\n某人,%s,6217000000000000459,建设银行\n' "$QM" >"$T/card.csv"
HUZHU_ACTOR=alice expect_exit 0 "a card change by roster" -- hz import roster "$T/card.csv" --unit "$QU" --start 2026-12-01
"$HUZHU" --db "$DB" serve --listen 127.0.0.1:0 --threads 2 2>"$T/serve.log" &
SERVER=$!
PORT=$(wait_served "$T/serve.log" $SERVER)
[ -n "$PORT" ] || { cat "$T/serve.log"; kill $SERVER; exit 1; }
HZ_BASE="http://127.0.0.1:$PORT" HZ_DBFILE="$T/test.db" HZ_DBURL="$DB" HZ_PGDB="$PG" HUZHU="$HUZHU" \
  python3 "$HZ_SRC/tests/http/test_member_view.py" "$QM" "$I1" "$I2"
if [ $? = 0 ]; then ok; else bad "member record and session checks (above)"; fi
kill -TERM $SERVER
wait $SERVER
finish
