# 应追回款项 in a real browser (tests/web/recoveries.mjs): on the demo, a paid
# claim is taken back by a refund in the feed, so its member owes the payout
# back; finance records a repayment under a bank serial (the same serial
# again is refused), an amount past what is owed and an ill-formed amount
# are refused naming the field, the rest is written off after a
# confirmation, and the figures shown are the API's at every step.
web_setup() {
  # the largest paid claim of this year (not the worked example of 2019) and its stay
  sql "SELECT s.setl_id, s.certno, s.psn_name, s.gend, s.fixmedins_code, s.fixmedins_name, s.hosp_lv, s.med_type,
              s.adm_date, s.dscg_date, s.main_diag_code, s.diag_codes, s.medfee_sumamt, s.fund_pay_sumamt,
              s.psn_selfpay, s.psn_ownpay, s.setl_time
       FROM claim c JOIN claim_settlement cs ON cs.claim_id = c.id JOIN settlement s ON s.id = cs.settlement_id
       WHERE c.status = 'paid' AND c.total > 0 AND s.refunded = 0 AND c.claim_no LIKE 'LP2026%'
       ORDER BY c.total DESC, c.id LIMIT 1" > "$T/paid.txt" || return 1
  [ -s "$T/paid.txt" ] || { echo "no paid claim in the demo"; return 1; }
  # the feed's refund row of that stay: the same record, every amount negated
  python3 - "$FEED_HEADER" "$T/paid.txt" > "$T/refund.csv" <<'PY' || return 1
import csv, sys
f = open(sys.argv[2], encoding="utf-8").readline().rstrip("\n").split("|")
neg = lambda fen: "-%d.%02d" % (int(fen) // 100, int(fen) % 100)
w = csv.writer(sys.stdout, lineterminator="\n")
w.writerow(sys.argv[1].split(","))
w.writerow(f[:12] + [neg(x) for x in f[12:16]] + ["1", f[16]])
PY
  hz --json import settlements "$T/refund.csv" > "$T/refund.out" || { cat "$T/refund.out"; return 1; }
  grep -q '"refund":1' "$T/refund.out" || { cat "$T/refund.out"; return 1; }
  export HZ_REC_ID=$(cut -d'|' -f2 "$T/paid.txt")
}
HZ_WEB_SCRIPT=recoveries.mjs . "$(dirname "$0")/test_web.sh"
