#!/usr/bin/env bash
# Runs each libFuzzer target for a set time, one after the other (make fuzz).
#   bash scripts/fuzz.sh BUILD_DIR SECONDS TARGET...
# Each run reads the committed corpus fuzz/corpus/T (never written to) and
# the dictionary fuzz/T.dict, keeps what it finds in BUILD_DIR/corpus/T and
# any crash in BUILD_DIR/artifacts/T/; its log is BUILD_DIR/logs/T.log. One
# process per target (one core), at nice 5, so it shares the machine.
set -u
build=$1 secs=$2
shift 2
root=$(cd "$(dirname "$0")/.." && pwd)
status=0
printf '%-8s %12s %8s %7s %7s %s\n' target executions exec/s cov ft crashes
for t in "$@"; do
  bin=$build/fuzz_$t
  [ -x "$bin" ] || { echo "fuzz: $bin missing (cmake --build $build --target fuzzers)" >&2; exit 2; }
  mkdir -p "$build/corpus/$t" "$build/artifacts/$t" "$build/logs"
  dict=()
  [ -f "$root/fuzz/$t.dict" ] && dict=(-dict="$root/fuzz/$t.dict")
  log=$build/logs/$t.log
  ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1 \
    nice -n 5 "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    "${dict[@]}" -artifact_prefix="$build/artifacts/$t/" \
    "$build/corpus/$t" "$root/fuzz/corpus/$t" >"$log" 2>&1
  rc=$?
  last=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  crashes=$(find "$build/artifacts/$t" -type f | wc -l)
  printf '%-8s %12s %8s %7s %7s %s\n' "$t" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "$crashes"
  if [ "$rc" -ne 0 ] || [ "$crashes" -ne 0 ]; then
    status=1
    grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error)' "$log" | head -n 5
    find "$build/artifacts/$t" -type f | head -n 5 | sed 's/^/  reproducer: /'
  fi
done
exit $status
