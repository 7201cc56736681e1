# The office's PDF documents (issue 17) on the demo: the payout notice of
# the worked example (27,101.00, plans.md), the member's certificate and its
# verification code, a unit's coverage list (a 100-member unit breaks pages
# with the header row again), the 公示 list; their text (pdftotext), their
# fonts embedded (pdffonts), page 1 as PNG into build-asan/screenshots/ for
# a person to look at; the API with its scope (another district's cadre
# gets the member's documents as missing) and the verification without a
# login (a tampered code is 404).
. "$(dirname "$0")/lib.bash"
for tool in pdftotext pdffonts pdftoppm pdfinfo curl; do
  command -v $tool >/dev/null || { echo "FAIL: $tool is missing (make test installs poppler-utils)"; exit 1; }
done
SHOTS="${HZ_TEST_TMP:-$T}/../screenshots"
mkdir -p "$SHOTS"
STORE=sqlite
[ -z "$PG" ] || STORE=pg
expect_exit 0 "demo" -- hz demo --members 300
HE=$(sql "SELECT id_number FROM member WHERE name = '何秀英'")
NO=$(sql "SELECT c.claim_no FROM claim c JOIN member m ON m.id = c.member_id WHERE m.name = '何秀英' AND c.total = 2710100")
[ -n "$NO" ] || { bad "the worked example's claim (27,101.00) is not in the demo"; finish; exit 1; }

# fonts: every font embedded
fonts_embedded() {
  pdffonts "$1" > "$T/fonts" 2>&1 || { bad "$2: pdffonts failed"; return; }
  local n no
  n=$(tail -n +3 "$T/fonts" | wc -l)
  no=$(tail -n +3 "$T/fonts" | awk '{ if ($(NF-4) != "yes") print }' | wc -l)
  if [ "$n" -gt 0 ] && [ "$no" = 0 ]; then ok; else bad "$2: fonts not all embedded"; cat "$T/fonts" >&2; fi
  # the glyphs are the Noto outlines as Type 3 fonts: cairo 1.16's CFF subsets
  # of Noto CJK lose glyphs (如 came out blank; docs/decisions.md)
  if [ "$(tail -n +3 "$T/fonts" | grep -vc 'Type 3')" = 0 ]; then ok; else bad "$2: a font not drawn as Type 3 outlines"; fi
}
shot() { pdftoppm -r 60 -png -f 1 -l 1 -singlefile "$1" "$SHOTS/documents-$STORE-$2" || bad "$2: pdftoppm"; }

# the payout notice
expect_exit 0 "notice claim" -- hz notice claim "$NO" --out "$T/notice.pdf"
pdftotext -layout "$T/notice.pdf" "$T/notice.txt"
expect_in "$T/notice.txt" "理赔通知书" "the notice's title"
expect_in "$T/notice.txt" "职工互助保障办事处" "the office's header"
expect_in "$T/notice.txt" "何秀英" "the member's name"
expect_in "$T/notice.txt" "27,101.00" "the total, grouped"
expect_in "$T/notice.txt" "贰万柒仟壹佰零壹元整" "the total in words"
# the formulas read grouped (the stored explanation keeps plain figures); a
# formula may wrap at its spaces: pdftotext -raw in drawing order, no spaces
pdftotext -raw "$T/notice.pdf" - | tr -d ' \n' > "$T/notice.raw"
expect_in "$T/notice.raw" "(24,350.00-1,300.00)x20%=4,610.00" "ZY stay 1's formula, grouped"
expect_in "$T/notice.raw" "(13,105.00-650.00)x20%=2,491.00" "ZY stay 2's formula, grouped"
expect_in "$T/notice.txt" "4,610.00" "ZY stay 1's amount"
expect_in "$T/notice.txt" "2,491.00" "ZY stay 2's amount"
expect_in "$T/notice.txt" "12,899.00" "ZY's cap left (20,000.00 - 7,101.00)"
expect_in "$T/notice.txt" "西京医院" "the hospital of the stays"
expect_in "$T/notice.txt" "2019-05-06" "stay 1's admission"
expect_in "$T/notice.txt" "C54.1" "the diagnosis"
expect_in "$T/notice.txt" "6217***********0004" "the bank card, masked"
expect_not_in "$T/notice.txt" "6217000000000000004" "the whole bank card"
expect_not_in "$T/notice.txt" "$HE" "the whole ID number"
expect_in "$T/notice.txt" "应付日期" "the 7-day dates"
expect_in "$T/notice.txt" "抵扣应退款" "offsets against recoveries"
fonts_embedded "$T/notice.pdf" "notice"
shot "$T/notice.pdf" notice
expect_exit 4 "a claim that does not exist" -- hz notice claim LP000000000000 --out "$T/none.pdf"
[ ! -e "$T/none.pdf" ] && [ ! -e "$T/none.pdf.part" ] && ok || bad "a failed notice left a file behind"
expect_exit 1 "notice claim without --out" -- hz notice claim "$NO"
# an unpaid claim whose documents are not complete: the notice says so (the
# Chinese "not yet" texts were cut inside a character: exit 5, invalid UTF-8)
OPEN=$(sql "SELECT claim_no FROM claim WHERE paid_at IS NULL AND documents_complete_at IS NULL AND status <> 'rejected' ORDER BY id LIMIT 1")
[ -n "$OPEN" ] || bad "the demo has no unpaid claim with documents missing"
expect_exit 0 "notice of an unpaid claim" -- hz notice claim "$OPEN" --out "$T/open.pdf"
pdftotext -layout "$T/open.pdf" "$T/open.txt"
expect_in "$T/open.txt" "尚未支付" "an unpaid claim's payment date"
expect_in "$T/open.txt" "材料未齐" "documents not complete"

# the certificate and its code
expect_exit 0 "notice certificate" -- hz notice certificate "$HE" --out "$T/cert.pdf"
pdftotext -layout "$T/cert.pdf" "$T/cert.txt"
expect_in "$T/cert.txt" "职工互助保障凭证" "the certificate's title"
expect_in "$T/cert.txt" "女职工特殊疾病互助保障" "the NG plan on the certificate"
expect_in "$T/cert.txt" "2026-01-01 至 2026-12-31" "the term"
expect_not_in "$T/cert.txt" "$HE" "the whole ID number on the certificate"
fonts_embedded "$T/cert.pdf" "certificate"
shot "$T/cert.pdf" certificate
CODE=$(grep -o '核验码: [0-9A-Z-]*' "$T/cert.txt" | head -1 | cut -d' ' -f2)
expect_eq "${#CODE}" "29" "the verification code: 24 symbols in groups of four"
case "$CODE" in *"${HE:0:6}"*|*"${HE:14:4}"*) bad "the code shows part of the ID number";; *) ok;; esac
expect_exit 0 "verify the code" -- hz --json notice verify "$CODE"
expect_eq "$(jget "$T/out" name)" "何*英" "verification: the name masked"
expect_eq "$(jget "$T/out" coverages.2.plan)" "NG" "verification: the plans"
TAMPERED="${CODE%?}$( [ "${CODE: -1}" = 0 ] && echo 1 || echo 0 )"
expect_exit 4 "a tampered code" -- hz notice verify "$TAMPERED"
expect_eq "$(sql "SELECT COUNT(*) FROM audit_event WHERE action = 'document.certificate'")" "1" "the certificate is audited"

# a unit's coverage list: 100 members break pages cleanly
ORG=XA-BL
hz gen roster 100 --out "$T/roster.csv" --seed 17 >/dev/null
UNIT=91610000MA6TG0002D
expect_exit 0 "a 100-member unit" -- hz unit add --code "$UNIT" --name 文档测试单位 --org "$ORG"
expect_exit 0 "its roster" -- hz import roster "$T/roster.csv" --unit "$UNIT" --plan ZY --start 2026-01-01 --skip-invalid
MEMBERS=$(sql "SELECT COUNT(*) FROM member m JOIN unit u ON u.id = m.unit_id WHERE u.credit_code = '$UNIT'")
expect_exit 0 "notice unit" -- hz notice unit "$UNIT" --out "$T/unit.pdf"
PAGES=$(pdfinfo "$T/unit.pdf" | awk '/^Pages:/ { print $2 }')
[ "${PAGES:-0}" -ge 3 ] && ok || bad "a $MEMBERS-member list on $PAGES pages"
heads=0 tables=0
for p in $(seq 1 "$PAGES"); do
  pdftotext -f "$p" -l "$p" -layout "$T/unit.pdf" "$T/unit-$p.txt"
  if grep -qE '^ *[0-9]+ +[^ ]+ +6101' "$T/unit-$p.txt"; then # a page with rows of the table
    tables=$((tables + 1))
    grep -q "身份证号" "$T/unit-$p.txt" && heads=$((heads + 1))
  fi
  tr -d ' ' < "$T/unit-$p.txt" | grep -qF "第${p}页共${PAGES}页" || bad "page $p: footer 第 $p 页 共 $PAGES 页"
done
[ "$tables" -ge 3 ] && ok || bad "the rows on $tables pages"
expect_eq "$heads" "$tables" "the header row on every page with rows"
pdftotext -layout "$T/unit.pdf" "$T/unit.txt"
expect_in "$T/unit.txt" "$MEMBERS 人" "the member count"
# every row once, in order: the first column counts 1..N across the pages
expect_eq "$(grep -oE '^ *[0-9]+ ' "$T/unit.txt" | tr -d ' ' | paste -sd, -)" "$(seq -s, 1 "$MEMBERS")" \
  "rows numbered 1..$MEMBERS across the pages, none lost at a break"
expect_not_in "$T/unit.txt" "$(sql "SELECT m.id_number FROM member m JOIN unit u ON u.id = m.unit_id WHERE u.credit_code = '$UNIT' LIMIT 1")" \
  "whole ID numbers on the unit list"
fonts_embedded "$T/unit.pdf" "unit list"
pdftoppm -r 60 -png -f 2 -l 2 -singlefile "$T/unit.pdf" "$SHOTS/documents-$STORE-unit-page2"
shot "$T/unit.pdf" unit

# the 公示 list, as published
PROG=$(sql "SELECT code FROM relief_program WHERE objection_until IS NOT NULL ORDER BY id LIMIT 1")
UNPUB=$(sql "SELECT code FROM relief_program WHERE objection_until IS NULL ORDER BY id LIMIT 1")
expect_exit 0 "notice publicity" -- hz notice publicity --program "$PROG" --out "$T/pub.pdf"
pdftotext -layout "$T/pub.pdf" "$T/pub.txt"
expect_in "$T/pub.txt" "救助名单公示" "the 公示 title"
expect_in "$T/pub.txt" "*" "names masked"
fonts_embedded "$T/pub.pdf" "publicity"
shot "$T/pub.pdf" publicity
[ -z "$UNPUB" ] || expect_exit 3 "a list never published" -- hz notice publicity --program "$UNPUB" --out "$T/x.pdf"

# the API: role and scope, Content-Type, Content-Disposition, no login for verify
printf 'another-district-2026\n' | hz user add cadre2 --role cadre --scope org:XA-BL >/dev/null || bad "user add cadre2"
export HUZHU_BATCH_DIR="$T/batches"
"$HUZHU" --db "$DB" serve --listen 127.0.0.1:0 --threads 2 2>"$T/serve.log" &
SERVER=$!
PORT=$(wait_served "$T/serve.log" $SERVER)
if [ -z "$PORT" ]; then cat "$T/serve.log"; kill $SERVER; exit 1; fi
B="http://127.0.0.1:$PORT/api/v1"
login() {
  curl -s -X POST "$B/session" -H 'Content-Type: application/json' -d "{\"login\":\"$1\",\"password\":\"$2\"}" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}
DEMO_PW=huzhu-demo-2026
get() { # get TOKEN PATH OUT: prints the status; headers in $T/h
  curl -s -o "$3" -D "$T/h" -w '%{http_code}' ${1:+-H "Authorization: Bearer $1"} "$B$2"
}
STAFF=$(login staff $DEMO_PW)
MEMBER=$(login member $DEMO_PW)
CADRE=$(login cadre $DEMO_PW)
CADRE2=$(login cadre2 another-district-2026)
expect_eq "$(get "$STAFF" "/claims/$NO/notice.pdf" "$T/h1.pdf")" "200" "GET notice.pdf (staff)"
expect_in "$T/h" "application/pdf" "Content-Type application/pdf"
expect_in "$T/h" "filename=\"notice-$NO.pdf\"" "Content-Disposition names the file"
pdftotext "$T/h1.pdf" - | grep -qF "27,101.00" && ok || bad "the API's notice has the total"
expect_eq "$(get "$MEMBER" "/claims/$NO/notice.pdf" "$T/h2.pdf")" "200" "the member fetches their own notice"
expect_eq "$(get "$CADRE" "/claims/$NO/notice.pdf" "$T/h3.pdf")" "200" "the member's district cadre"
expect_eq "$(get "$CADRE2" "/claims/$NO/notice.pdf" "$T/h4")" "404" "another district's cadre: as missing"
expect_eq "$(get "$CADRE2" "/members/$HE/certificate.pdf" "$T/h5")" "404" "another district's cadre: no certificate"
expect_eq "$(get "" "/claims/$NO/notice.pdf" "$T/h6")" "401" "no login, no notice"
expect_eq "$(get "$MEMBER" "/members/$HE/certificate.pdf" "$T/h7.pdf")" "200" "the member's own certificate"
expect_in "$T/h" "filename=\"certificate.pdf\"" "no ID number in the file name"
OTHER=$(sql "SELECT id_number FROM member WHERE name <> '何秀英' ORDER BY id LIMIT 1")
expect_eq "$(get "$MEMBER" "/members/$OTHER/certificate.pdf" "$T/h8")" "404" "another member's certificate"
expect_eq "$(get "$STAFF" "/units/$UNIT/coverage.pdf" "$T/h9.pdf")" "200" "a unit's list"
expect_eq "$(get "$CADRE" "/units/$UNIT/coverage.pdf" "$T/h10")" "404" "another district's unit"
expect_eq "$(get "$STAFF" "/relief/programs/$PROG/publicity.pdf" "$T/h11.pdf")" "200" "the 公示 list"
expect_eq "$(get "$CADRE" "/relief/programs/$PROG/publicity.pdf" "$T/h12")" "403" "the 公示 list is the office's"
API_CODE=$(pdftotext "$T/h7.pdf" - | grep -o '核验码: [0-9A-Z-]*' | head -1 | cut -d' ' -f2)
expect_eq "$(get "" "/verify/$API_CODE" "$T/v.json")" "200" "verify without a login"
expect_eq "$(jget "$T/v.json" name)" "何*英" "verify: the name masked"
expect_not_in "$T/v.json" "$HE" "verify: no ID number"
expect_eq "$(get "" "/verify/$TAMPERED" "$T/v2.json")" "404" "verify: a tampered code"
expect_eq "$(get "" "/verify/not-a-code" "$T/v3.json")" "404" "verify: not a code"
kill -TERM $SERVER
wait $SERVER || bad "server exit $?"
finish
