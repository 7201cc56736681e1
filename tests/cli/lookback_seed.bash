# seed_lookback (sourced after lib.bash, on a demo): stays nobody claimed,
# for the look-back's pages and role tests: two covered members of 新城区
# (XA-XC), two of 雁塔 (XA-YT) and a model worker, each with a stay in
# October 2026 fed as the medical-insurance feed brings it.
seed_lookback() {
  local district ids=() id n=0
  for district in XA-XC XA-YT; do
    ids+=($(sql "SELECT m.id_number FROM member m LEFT JOIN unit u ON u.id = m.unit_id
      JOIN org o ON o.id = COALESCE(u.org_id, m.org_id) WHERE o.path LIKE '/XA/$district/%'
      AND EXISTS (SELECT 1 FROM coverage c WHERE c.member_id = m.id AND c.status = 'active'
       AND c.start_date <= '2026-10-05' AND c.end_date >= '2026-10-12')
      ORDER BY m.id_number LIMIT 2"))
  done
  ids+=($(sql "SELECT m.id_number FROM member m JOIN member_flag f ON f.member_id = m.id AND f.kind = 'model'
    WHERE f.valid_from <= '2026-10-05' AND f.valid_to >= '2026-10-05' ORDER BY m.id_number LIMIT 1"))
  [ "${#ids[@]}" = 5 ] || { echo "seed_lookback: found ${#ids[@]} of 5 members" >&2; return 1; }
  { echo "$FEED_HEADER"
    for id in "${ids[@]}"; do
      n=$((n + 1))
      echo "LB2026$n,$id,某某,1,H1,西京医院,3,21,2026-10-05,2026-10-12,K35.8,,30100.00,18000.00,12000.00,100.00,0,2026-10-12 10:00:00"
    done; } > "$T/lookback_feed.csv"
  hz import settlements "$T/lookback_feed.csv" >/dev/null
}
