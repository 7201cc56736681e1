# Shared by the insight suites (test_simulate, test_lookback; sourced after
# lib.bash): a city with two districts, 碑林 (BL) and 雁塔 (YT), one unit each
# (U1, U2), and the feed helpers.
hz init >/dev/null
hz org add --code XA --name 西安市总工会 >/dev/null
hz org add --code BL --name 碑林区总工会 --parent XA --kind district >/dev/null
hz org add --code YT --name 雁塔区总工会 --parent XA --kind district >/dev/null
U1=91610000MA6TG00007
U2=91610000MA6TG0013H
hz unit add --code $U1 --name 碑林电力机械厂 --org BL >/dev/null
hz unit add --code $U2 --name 雁塔软件园 --org YT >/dev/null
UNIT=$U1
row() { # SETL ID ADM DSCG SELFPAY: an inpatient settlement
  echo "$1,$2,某某,1,H1,西京医院,3,21,$3,$4,K35.8,,90000.00,10000.00,$5,100.00,0,$4 10:00:00"
}
feed() { { echo "$FEED_HEADER"; cat; } > "$T/feed.csv"; hz import settlements "$T/feed.csv" >/dev/null || echo "feed failed" >&2; }
