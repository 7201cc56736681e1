# The aid modules over the API on the demo data set (issue #13): the demo's
# subsidies and grants in every state and `huzhu check` after it; a member
# applies for student aid for their own child only (tests/http/test_aid.py:
# another member, another kind of programme, a decision: refused, nothing
# written); the lists and the dashboard's aid figures in the caller's scope.
. "$(dirname "$0")/lib.bash"
expect_exit 0 "demo" -- hz --json demo --members 300
expect_eq "$(jget "$T/out" lm_subsidies)" "6" "the demo's LM subsidies (seed 2026, 300 members: the story's six)"
expect_exit 0 "check after the demo" -- hz check
# every state of the story, through the use cases
expect_eq "$(sql "SELECT status || ':' || COUNT(*) FROM lm_subsidy GROUP BY status ORDER BY status" | tr '\n' ' ')" \
  "applied:2 approved:1 paid:2 rejected:1 " "LM subsidies applied, approved, paid, rejected"
expect_eq "$(sql "SELECT g.status || ':' || COUNT(*) FROM relief_grant g JOIN relief_program p ON p.id = g.program_id
  WHERE p.kind = 'student_aid' GROUP BY g.status ORDER BY g.status" | tr '\n' ' ')" \
  "applied:1 approved:2 paid:2 rejected:1 " "student aid in every state"
expect_eq "$(sql "SELECT COUNT(*) FROM relief_program WHERE kind = 'student_aid' AND objection_until > '2026-11-29'")" "1" \
  "the student aid's 公示 window is open"
expect_eq "$(sql "SELECT COUNT(*) FROM payable p JOIN relief_grant g ON g.grant_no = p.payable_no
  WHERE g.status = 'approved' AND p.due_on > '2026-11-29'")" "2" "approved during the window: paid after it"
expect_eq "$(sql "SELECT g.status || ':' || COUNT(*) FROM relief_grant g JOIN relief_program p ON p.id = g.program_id
  WHERE p.kind = 'second_round' GROUP BY g.status ORDER BY g.status" | tr '\n' ' ')" "approved:2 proposed:5 " \
  "second round: proposed from the year's data, two approved, not yet public"
expect_eq "$(sql "SELECT COUNT(*) FROM donation")" "3" "three donations"
expect_eq "$(sql "SELECT g.amount FROM relief_grant g JOIN relief_program p ON p.id = g.program_id WHERE p.kind = 'donation'")" \
  "2985050" "the drive's payout is what was donated"
expect_eq "$(sql "SELECT COUNT(*) FROM relief_grant WHERE items IS NOT NULL AND items <> ''")" "3" "visits with goods"
expect_eq "$(sql "SELECT COUNT(*) FROM payment y JOIN payable p ON p.id = y.payable_id WHERE y.status = 'paid'
  AND (p.payable_no LIKE 'LM%' OR p.payable_no LIKE 'JZ%')")" "7" "paid through a bank batch"

export HUZHU_BATCH_DIR="$T/batches"
"$HUZHU" --db "$DB" serve --listen 127.0.0.1:0 --threads 4 2>"$T/serve.log" &
SERVER=$!
PORT=$(wait_served "$T/serve.log" $SERVER)
if [ -z "$PORT" ]; then cat "$T/serve.log"; kill $SERVER; exit 1; fi
if HZ_BASE="http://127.0.0.1:$PORT" HZ_DBFILE="$T/test.db" HZ_PGDB="$PG" python3 "$HZ_SRC/tests/http/test_aid.py"; then ok
else bad "tests/http/test_aid.py"; fi
kill -TERM $SERVER
wait $SERVER || bad "server exit $?"
finish
