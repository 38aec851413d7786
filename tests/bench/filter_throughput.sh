#!/usr/bin/env bash
# Filter throughput: `TOOL -r BIG -w FILE EXPR` for the standard filter set (and no filter), the
# candidate against tcpdump. First both write their output once and the files must hold the same
# packets (count and a digest of every record): a difference is a FAILURE of the benchmark,
# printed loudly, whatever the speed. A filter the candidate cannot compile yet is reported as
# "compile failed" (status INCOMPLETE), never a crash of the benchmark. Then ROUNDS alternating
# timed rounds of `-r BIG -w /dev/null EXPR`; figure: median child CPU time, cand/ref.
set -u
source "$(dirname "$0")/lib.sh"
if [ "$QUICK" = 1 ]; then big=$(bench_pcap 40000); else big=$(bench_pcap 200000); fi
tmp=$(mktemp -d "$WORK/filter.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
: > "$tmp/ratios"
total=$("$BT" sum "$big" | sed 's/packets=\([0-9]*\).*/\1/')
nf=0 failed=0 mism=0
printf '%-14s %9s %9s %9s %9s %9s %7s\n' filter matched ref_cpu cand_cpu ref_kpps cand_kpps ratio
while IFS=$'\t' read -r name expr; do
  nf=$((nf + 1))
  args=(); [ -n "$expr" ] && args=("$expr")
  if ! "${CAND[@]}" -r "$big" -w "$tmp/cand.pcap" "${args[@]}" 2> "$tmp/err"; then
    if grep -q . "$tmp/err"; then
      failed=$((failed + 1))
      printf '%-14s compile failed: %s\n' "$name" "$(grep -v "^reading from file" "$tmp/err" | head -1 | cut -c1-70)"
      continue
    fi
  fi
  "${REF[@]}" -r "$big" -w "$tmp/ref.pcap" "${args[@]}" 2>/dev/null
  rs=$("$BT" sum "$tmp/ref.pcap") cs=$("$BT" sum "$tmp/cand.pcap")
  if [ "$rs" != "$cs" ]; then
    mism=$((mism + 1))
    echo "!!! filter '$name': MISMATCH reference $rs, candidate $cs" >&2
    printf '%-14s MISMATCH ref %s cand %s\n' "$name" "$rs" "$cs"
    continue
  fi
  t=$("$BT" time --rounds "$ROUNDS" "${REF[@]}" -r "$big" -w /dev/null "${args[@]}" --- \
      "${CAND[@]}" -r "$big" -w /dev/null "${args[@]}")
  rt=$(head -1 <<< "$t") ct=$(tail -1 <<< "$t")
  r=$(ratio "$(field cpu "$ct")" "$(field cpu "$rt")")
  echo "$r" >> "$tmp/ratios"
  printf '%-14s %9s %9s %9s %9s %9s %7s\n' "$name" "$(field packets "$rs")" "$(field cpu "$rt")" "$(field cpu "$ct")" \
    "$(ratio "$total" "$(field cpu "$rt")" | awk '{printf "%.0f", $1 / 1000}')" \
    "$(ratio "$total" "$(field cpu "$ct")" | awk '{printf "%.0f", $1 / 1000}')" "$r"
done < <(printf 'none\t\n'; standard_filters)
status=OK
[ "$failed" -gt 0 ] && status=INCOMPLETE
[ "$mism" -gt 0 ] && status=FAIL
echo "filter_throughput: ratio=$(geomean "$tmp/ratios") filters=$nf measured=$(wc -l < "$tmp/ratios") compile_failed=$failed mismatches=$mism packets=$total status=$status"
[ "$mism" = 0 ]
