#!/usr/bin/env bash
# Print throughput (issue 4): `-n -r BIG`, `-n -v -r BIG` and `-n -X -r SMALL` to /dev/null, the
# candidate against tcpdump, TZ=UTC for both. First one untimed run of each into a file: the line
# counts must be equal (else the mode fails: a printer that prints less is not faster), and the
# lines that differ are counted (text_diffs, reported, not a failure while the printers are being
# written). Then ROUNDS alternating timed rounds; the figure is the median CPU time of the child,
# candidate/reference. Summary: geometric mean over the modes.
set -u
source "$(dirname "$0")/lib.sh"
if [ "$QUICK" = 1 ]; then big=$(bench_pcap 40000) small=$(bench_pcap 5000)
else big=$(bench_pcap 200000) small=$(bench_pcap 20000); fi
tmp=$(mktemp -d "$WORK/print.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
: > "$tmp/ratios"
mismatch=0 diffs_total=0 failed_modes=""
printf '%-8s %8s %9s %9s %9s %9s %7s %7s\n' mode packets lines diffs ref_cpu cand_cpu ratio spread
for mode in "-n BIG" "-n -v BIG" "-n -X SMALL"; do
  file=$big; [ "${mode##* }" = SMALL ] && file=$small
  flags=${mode% *}
  read -ra fl <<< "$flags"
  "${REF[@]}" "${fl[@]}" -r "$file" > "$tmp/ref.txt" 2>/dev/null
  "${CAND[@]}" "${fl[@]}" -r "$file" > "$tmp/cand.txt" 2>/dev/null; crc=$?
  rl=$(wc -l < "$tmp/ref.txt") cl=$(wc -l < "$tmp/cand.txt")
  diffs=$(paste -d '\n' "$tmp/ref.txt" "$tmp/cand.txt" | awk 'NR % 2 {l = $0; next} l != $0 {d++} END {print d + 0}')
  rm -f "$tmp/ref.txt" "$tmp/cand.txt"
  diffs_total=$((diffs_total + diffs))
  packets=$("$BT" sum "$file" | sed 's/packets=\([0-9]*\).*/\1/')
  if [ "$rl" != "$cl" ] || [ "$crc" != 0 ]; then
    mismatch=$((mismatch + 1)); failed_modes="$failed_modes [$flags]"
    echo "!!! print $flags: reference printed $rl lines, candidate $cl (exit $crc): NOT COMPARABLE" >&2
  fi
  t=$("$BT" time --rounds "$ROUNDS" "${REF[@]}" "${fl[@]}" -r "$file" --- "${CAND[@]}" "${fl[@]}" -r "$file")
  rt=$(head -1 <<< "$t") ct=$(tail -1 <<< "$t")
  r=$(ratio "$(field cpu "$ct")" "$(field cpu "$rt")")
  [ "$rl" = "$cl" ] && echo "$r" >> "$tmp/ratios"
  printf '%-8s %8s %9s %9s %9s %9s %7s %3s/%-3s\n' "$flags" "$packets" "$cl/$rl" "$diffs" \
    "$(field cpu "$rt")" "$(field cpu "$ct")" "$r" "$(field spread "$rt")" "$(field spread "$ct")"
done
status=OK; [ "$mismatch" -gt 0 ] && status=FAIL
echo "print_throughput: ratio=$(geomean "$tmp/ratios") modes=3 line_mismatches=$mismatch text_diffs=$diffs_total status=$status"
[ "$status" = OK ]
