# R1 for money (issue 14): kill -9 of `pay batch` and `pay confirm` at
# varied moments. Whatever moment the kill lands, no payable is in two
# batches or paid twice, a bank file in place is exactly its batch as
# recorded, a result file is applied wholly or not at all, and re-running
# the command finishes the job: every 成功 row applied exactly once.
# The moments are conditions (the batch's partial file appears, the WAL
# grows, the bank file appears) or delays from a fixed list; the test never
# depends on where the kill lands to pass.
. "$(dirname "$0")/lib.bash"
UNIT=91610000MA6TG00007
hz init >/dev/null
hz org add --code XA --name 西安市总工会 >/dev/null
hz unit add --code $UNIT --name 测试单位 --org XA >/dev/null
"$HUZHU" gen roster 400 --out "$T/r.csv" --seed 14 >/dev/null
hz import roster "$T/r.csv" --unit $UNIT --plan ZY --start 2026-01-01 >/dev/null
"$HUZHU" gen settlements 600 --roster "$T/r.csv" --out "$T/s.csv" --seed 14 >/dev/null
hz import settlements "$T/s.csv" >/dev/null
hz claims proactive >/dev/null # small clean claims are approved on the spot
APPROVED=$(sql "SELECT count(*) FROM claim WHERE status = 'approved'")
[ "$APPROVED" -ge 100 ] && ok || bad "setup: only $APPROVED approved claims"
OUT="$T/bank"
mkdir -p "$OUT"

# file_matches BATCH_NO FILE: the bank file says exactly what the database
# records for the batch (payee, card, bank, amount, purpose, 业务编号, in
# batch order); prints "ok" or the first difference
file_matches() {
  sql "SELECT y.payee_name, y.bank_card, COALESCE(y.bank_name, ''), y.amount, p.purpose, p.payable_no
       FROM payment y JOIN payment_batch b ON b.id = y.batch_id JOIN payable p ON p.id = y.payable_id
       WHERE b.batch_no = '$1' ORDER BY y.id" > "$T/want.txt"
  python3 - "$2" "$T/want.txt" <<'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
want = [l.rstrip("\n").split("|") for l in open(sys.argv[2], encoding="utf-8") if l.strip()]
if rows[0] != ["序号", "收款人姓名", "收款账号", "开户行", "金额", "用途", "业务编号"]:
    print("header", rows[0]); sys.exit()
if len(rows) - 1 != len(want):
    print(f"{len(rows) - 1} rows in the file, {len(want)} in the batch"); sys.exit()
for i, (got, w) in enumerate(zip(rows[1:], want), 1):
    fen = int(w[3])
    exp = [str(i), w[0], w[1], w[2], f"{fen // 100}.{fen % 100:02d}", w[4], w[5]]
    if got != exp:
        print("row", i, got, "!=", exp); sys.exit()
print("ok")
EOF
}

# invariants WHAT: what must hold after every kill and every re-run
invariants() {
  if "$HUZHU" --db "$DB" check >"$T/check.out" 2>&1; then ok; else bad "$1: huzhu check: $(cat "$T/check.out")"; fi
  expect_eq "$(sql "SELECT count(*) FROM (SELECT payable_id FROM payment WHERE status <> 'failed'
    GROUP BY payable_id HAVING count(*) > 1) t")" "0" "$1: no payable in two batches unless the bank failed it"
  expect_eq "$(sql "SELECT count(*) FROM (SELECT bank_ref FROM payment WHERE bank_ref IS NOT NULL
    GROUP BY bank_ref HAVING count(*) > 1) t")" "0" "$1: no bank serial applied twice"
  expect_eq "$(sql "SELECT count(*) FROM payment y JOIN payable p ON p.id = y.payable_id JOIN claim c ON
    c.id = p.source_id AND p.source = 'claim' WHERE y.status = 'paid' AND y.amount > c.total")" "0" \
    "$1: no claim paid more than it was granted"
}

# kill_at TRIGGER PID: waits for the trigger (or for the process to end),
# then SIGKILL. Triggers: start, ms:N,
# partial:FILE (FILE.partial-PID-*, the bank file being written), final:FILE
# (the bank file in place), wal (SQLite's WAL grew).
kill_at() {
  local trig=$1 pid=$2 wal0
  wal0=$(stat -c %s "$T/test.db-wal" 2>/dev/null || echo 0)
  case $trig in
    start) ;;
    ms:*) sleep "$(printf '0.%03d' "${trig#ms:}")" ;;
    partial:*) while kill -0 "$pid" 2>/dev/null && ! compgen -G "${trig#partial:}.partial-$pid-*" >/dev/null; do
                 sleep 0.005; done ;;
    final:*) while kill -0 "$pid" 2>/dev/null && [ ! -e "${trig#final:}" ]; do sleep 0.005; done ;;
    wal) while kill -0 "$pid" 2>/dev/null &&
           [ "$(stat -c %s "$T/test.db-wal" 2>/dev/null || echo 0)" -le "$wal0" ]; do sleep 0.005; done ;;
  esac
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
}

# result_for BATCH_NO FILE ROUND: the bank's answer to a batch: one payment
# in four 成功, the rest 失败 (they come back in the next batch), each row
# with its own serial
result_for() {
  sql "SELECT p.payable_no, y.amount FROM payment y JOIN payment_batch b ON b.id = y.batch_id
       JOIN payable p ON p.id = y.payable_id WHERE b.batch_no = '$1' ORDER BY y.id" |
    awk -F'|' -v b="$1" -v r="$3" 'BEGIN { print "批次号,业务编号,结果,失败原因,银行流水号" }
      { if (NR % 4 == 1) print b "," $1 ",成功,," r "-S" NR; else print b "," $1 ",失败,户名不符," r "-F" NR }' > "$2"
}

# approved claims owed something with no payment at the bank: what the next
# batch takes
due() {
  sql "SELECT count(*) FROM claim c JOIN payable p ON p.source = 'claim' AND p.source_id = c.id
       WHERE c.status = 'approved' AND c.total > 0 AND NOT EXISTS (SELECT 1 FROM payment y WHERE y.payable_id = p.id
       AND y.status = 'pending')"
}

# the kill moments, one batch and one bank result per round
sqlite_only && wal=wal || wal=ms:120
BATCH_KILLS=(start partial ms:40 final "$wal" ms:250 ms:700 partial)
CONFIRM_KILLS=(start ms:30 "$wal" ms:100 ms:300 "$wal" ms:800 start)
for round in "${!BATCH_KILLS[@]}"; do
  f="$OUT/b$round.csv"
  trig=${BATCH_KILLS[$round]}
  case $trig in final|partial) trig="$trig:$f" ;; esac
  last=$(sql "SELECT COALESCE(MAX(id), 0) FROM payment_batch")
  [ "$(due)" -gt 0 ] || { bad "round $round: nothing left to batch"; break; }

  # ---- pay batch, killed
  "$HUZHU" --db "$DB" --json pay batch --out "$f" >/dev/null 2>&1 &
  kill_at "$trig" $!
  invariants "batch $round killed at $trig"
  new=$(sql "SELECT batch_no || '|' || COALESCE(file_at, '') FROM payment_batch WHERE id > $last AND count > 0")
  case "$new" in "") left="no batch" ;; *"|") left="a batch, its file not in place" ;; *) left="a finished batch" ;; esac
  echo "round $round: pay batch killed at $trig left $left$([ -e "$f" ] && echo ", the bank file in place")"
  if [ -e "$f" ]; then
    # a bank file in place always has its batch, committed, and says what it records
    [ -n "$new" ] && ok || bad "batch $round killed at $trig: a bank file with no batch behind it"
    [ -z "$new" ] || expect_eq "$(file_matches "${new%%|*}" "$f")" ok "batch $round killed at $trig: file = batch"
  else
    # no file in place: no batch, or one whose file is not recorded in place
    expect_eq "${new#*|}" "" "batch $round killed at $trig: a batch recorded as filed has its file"
  fi

  # ---- re-run to completion (a killed run may leave its partial file:
  # never a bank file, docs/operations.md)
  partials=$(compgen -G "$OUT/*.partial-*" | wc -l)
  expect_exit 0 "batch $round after the kill at $trig" -- hz --json pay batch --out "$f"
  no=$(jget "$T/out" batch_no)
  case "$new" in
    "") expect_eq "$(jget "$T/out" rewritten)" "False" "batch $round: a new batch" ;;
    *"|") expect_eq "$no $(jget "$T/out" rewritten)" "${new%%|*} True" "batch $round: the killed batch's file written again" ;;
    *) expect_eq "$no" "None" "batch $round: the killed run had finished; nothing left to batch"
       no=${new%%|*} ;;
  esac
  expect_eq "$(file_matches "$no" "$f")" ok "batch $round: the bank file is the batch as recorded"
  expect_eq "$(sql "SELECT count(*) FROM payment_batch WHERE count > 0 AND file_at IS NULL")" "0" \
    "batch $round: every batch's file is in place"
  expect_eq "$(sql "SELECT count(*) FROM payment_batch WHERE id > $last AND count > 0")" "1" \
    "batch $round: one batch for the kill and its re-run"
  expect_eq "$(due)" "0" "batch $round: every due claim batched"
  invariants "batch $round re-run"
  expect_eq "$(compgen -G "$OUT/*.partial-*" | wc -l)" "$partials" "batch $round: no partial file left by a finished run"

  # ---- pay confirm, killed
  res="$OUT/r$round.csv"
  result_for "$no" "$res" "R$round"
  paid0=$(sql "SELECT count(*) FROM payment WHERE status = 'paid'")
  ctrig=${CONFIRM_KILLS[$round]}
  "$HUZHU" --db "$DB" --json pay confirm "$res" >/dev/null 2>&1 &
  kill_at "$ctrig" $!
  invariants "confirm $round killed at $ctrig"
  states=$(sql "SELECT y.status || ':' || count(*) FROM payment y JOIN payment_batch b ON b.id = y.batch_id
                WHERE b.batch_no = '$no' GROUP BY y.status ORDER BY y.status" | tr '\n' ' ')
  echo "round $round: pay confirm killed at $ctrig left $states"
  case "$states" in
    "pending:"*) [ "$(echo "$states" | wc -w)" = 1 ] && ok || bad "confirm $round killed at $ctrig: partly applied: $states" ;;
    *) expect_not_in <(echo "$states") pending "confirm $round killed at $ctrig: wholly applied" ;;
  esac

  # ---- re-run to completion, then once more: nothing changes
  expect_exit 0 "confirm $round after the kill at $ctrig" -- hz --json pay confirm "$res"
  want_paid=$(grep -c ',成功,' "$res")
  want_failed=$(grep -c ',失败,' "$res")
  expect_eq "$(sql "SELECT y.status || ':' || count(*) FROM payment y JOIN payment_batch b ON b.id = y.batch_id
    WHERE b.batch_no = '$no' GROUP BY y.status ORDER BY y.status" | tr '\n' ' ')" \
    "$( [ "$want_failed" = 0 ] || printf 'failed:%s ' "$want_failed"; printf 'paid:%s ' "$want_paid")" \
    "confirm $round: every row applied"
  expect_eq "$(sql "SELECT count(*) FROM payment WHERE status = 'paid' AND bank_ref LIKE 'R$round-S%'")" "$want_paid" \
    "confirm $round: every 成功 row applied exactly once"
  expect_eq "$(sql "SELECT count(*) FROM payment WHERE status = 'paid'")" "$((paid0 + want_paid))" \
    "confirm $round: nothing else paid"
  transfers=$(sql "SELECT count(*) FROM transfer")
  expect_exit 0 "confirm $round: the same file again" -- hz --json pay confirm "$res"
  expect_eq "$(jget "$T/out" file_seen)" "True" "confirm $round: the same file again is a no-op"
  expect_eq "$(sql "SELECT count(*) FROM transfer")" "$transfers" "confirm $round: no transfer from the file again"
  invariants "confirm $round re-run"
done

# ---- the bank file cannot be put in place after the commit: the batch
# stands, and the next pay batch writes its file again from the database
last=$(sql "SELECT COALESCE(MAX(id), 0) FROM payment_batch")
mkdir -p "$OUT/taken.csv" # a directory where the file should go: the rename fails
expect_exit 5 "a bank file that cannot be renamed into place" -- hz --json pay batch --out "$OUT/taken.csv"
expect_in "$T/err" "下次 pay batch 会重新写出" "the message says the next pay batch writes the file again"
B=$(sql "SELECT batch_no FROM payment_batch WHERE id > $last AND count > 0 AND file_at IS NULL")
[ -n "$B" ] && ok || bad "the batch stands, its file not recorded in place"
expect_eq "$(compgen -G "$OUT/taken.csv.partial-*" | wc -l)" "0" "no partial file left behind"
# a payment changed behind huzhu's back is never written to a bank file
card=$(sql "SELECT bank_card FROM payment y JOIN payment_batch b ON b.id = y.batch_id WHERE b.batch_no = '$B'
            ORDER BY y.id LIMIT 1")
sql "UPDATE payment SET bank_card = '6217000000000000009' WHERE id = (SELECT MIN(y.id) FROM payment y
     JOIN payment_batch b ON b.id = y.batch_id WHERE b.batch_no = '$B')" >/dev/null
expect_exit 3 "a tampered payment is not written again" -- hz --json pay batch --out "$OUT/again.csv"
[ ! -e "$OUT/again.csv" ] && ok || bad "a bank file was written for a tampered batch"
sql "UPDATE payment SET bank_card = '$card' WHERE id = (SELECT MIN(y.id) FROM payment y
     JOIN payment_batch b ON b.id = y.batch_id WHERE b.batch_no = '$B')" >/dev/null
expect_exit 0 "the next pay batch writes the batch's file" -- hz --json pay batch --out "$OUT/again.csv"
expect_eq "$(jget "$T/out" batch_no) $(jget "$T/out" rewritten)" "$B True" "the same batch, written again"
expect_eq "$(file_matches "$B" "$OUT/again.csv")" ok "the file written again is the batch as recorded"
expect_eq "$(sql "SELECT count(*) FROM audit_event WHERE action = 'payment.batch_file' AND object = '$B'")" "1" \
  "writing a batch's file again is audited"

# ---- a place that cannot be written: no batch commits
before=$(sql "SELECT count(*) FROM payment")
expect_exit 2 "no such directory" -- hz --json pay batch --out "$OUT/missing/b.csv"
expect_eq "$(sql "SELECT count(*) FROM payment")" "$before" "nothing batched when the file cannot be written"
invariants "the end"
finish
