#!/usr/bin/env bash
# Filter throughput: `TOOL -r BIG -w FILE EXPR` for the standard filter set (and no filter), the
# candidate against tcpdump. First both write their output once and the files must hold the same
# packets (count and a digest of every record): a difference is a FAILURE of the benchmark,
# printed loudly, whatever the speed. A filter the candidate cannot compile yet is reported as
# "compile failed" (status INCOMPLETE), never a crash of the benchmark. Then ROUNDS alternating
# timed rounds of `-r BIG -w /dev/null EXPR`; figure: median child CPU time, cand/ref.
#
# A second candidate isolates the read/filter/write loop and the VM from the compiler: netsift
# running libpcap's own program for the expression (`--program LISTING`, the listing from
# `tcpdump -ddd`). Its ratio (prog_ratio) excludes compile time, which tcpdump's includes (about
# 0.4 s of libpcap optimizer for the 200-host list).
set -u
source "$(dirname "$0")/lib.sh"
if [ "$QUICK" = 1 ]; then big=$(bench_pcap 40000); else big=$(bench_pcap 200000); fi
tmp=$(mktemp -d "$WORK/filter.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
: > "$tmp/ratios"; : > "$tmp/pratios"
total=$("$BT" sum "$big" | sed 's/packets=\([0-9]*\).*/\1/')
nf=0 failed=0 mism=0
use_prog=1; [ -n "${BENCH_CAND:-}" ] && use_prog=0 # --program is netsift's own option
kpps() { ratio "$total" "$1" | awk '$1 != "n/a" {printf "%.0f", $1 / 1000}'; }
printf '%-14s %9s %9s %9s %9s %7s | %9s %7s\n' filter matched ref_cpu cand_cpu cand_kpps ratio prog_cpu ratio
while IFS=$'\t' read -r name expr; do
  nf=$((nf + 1))
  args=(); [ -n "$expr" ] && args=("$expr")
  "${REF[@]}" -r "$big" -w "$tmp/ref.pcap" "${args[@]}" 2>/dev/null
  rs=$("$BT" sum "$tmp/ref.pcap")
  compiled=1
  if ! "${CAND[@]}" -r "$big" -w "$tmp/cand.pcap" "${args[@]}" 2> "$tmp/err" && grep -q . "$tmp/err"; then
    compiled=0 failed=$((failed + 1))
    why=$(grep -v "^reading from file" "$tmp/err" | head -1 | cut -c1-60)
  elif [ "$("$BT" sum "$tmp/cand.pcap")" != "$rs" ]; then
    mism=$((mism + 1)) compiled=0 why="MISMATCH"
    echo "!!! filter '$name': MISMATCH reference $rs, candidate $("$BT" sum "$tmp/cand.pcap")" >&2
  fi
  pcmd=()
  if [ "$use_prog" = 1 ]; then
    "${REF[@]}" -y EN10MB -ddd "${args[@]}" > "$tmp/ref.ddd" 2>/dev/null
    "${CAND[@]}" -r "$big" -w "$tmp/prog.pcap" --program "$tmp/ref.ddd" 2>/dev/null
    if [ "$("$BT" sum "$tmp/prog.pcap")" != "$rs" ]; then
      mism=$((mism + 1))
      echo "!!! filter '$name': MISMATCH with libpcap's program in netsift's VM" >&2
    else
      pcmd=(--- "${CAND[@]}" -r "$big" -w /dev/null --program "$tmp/ref.ddd")
    fi
  fi
  ccmd=(); [ "$compiled" = 1 ] && ccmd=(--- "${CAND[@]}" -r "$big" -w /dev/null "${args[@]}")
  # Reference, compiled candidate, program candidate: alternated as pairs with the reference.
  rt="" ct="" pt="" r="" pr=""
  if [ "${#ccmd[@]}" -gt 0 ]; then
    t=$("$BT" time --rounds "$ROUNDS" "${REF[@]}" -r "$big" -w /dev/null "${args[@]}" "${ccmd[@]}")
    rt=$(head -1 <<< "$t") ct=$(tail -1 <<< "$t")
    r=$(ratio "$(field cpu "$ct")" "$(field cpu "$rt")"); echo "$r" >> "$tmp/ratios"
  fi
  if [ "${#pcmd[@]}" -gt 0 ]; then
    t=$("$BT" time --rounds "$ROUNDS" "${REF[@]}" -r "$big" -w /dev/null "${args[@]}" "${pcmd[@]}")
    [ -z "$rt" ] && rt=$(head -1 <<< "$t")
    pt=$(tail -1 <<< "$t")
    pr=$(ratio "$(field cpu "$pt")" "$(field cpu "$(head -1 <<< "$t")")"); echo "$pr" >> "$tmp/pratios"
  fi
  if [ "$compiled" = 1 ]; then
    printf '%-14s %9s %9s %9s %9s %7s | %9s %7s\n' "$name" "$(field packets "$rs")" "$(field cpu "$rt")" \
      "$(field cpu "$ct")" "$(kpps "$(field cpu "$ct")")" "$r" "$(field cpu "$pt")" "$pr"
  else
    printf '%-14s %9s %9s %-25s | %9s %7s\n' "$name" "$(field packets "$rs")" "$(field cpu "$rt")" \
      "compile failed" "$(field cpu "$pt")" "$pr"
    [ "$why" != MISMATCH ] && [ "$why" != "${last_why:-}" ] && echo "               ($why)"
    last_why=$why
  fi
done < <(printf 'none\t\n'; standard_filters)
status=OK
[ "$failed" -gt 0 ] && status=INCOMPLETE
[ "$mism" -gt 0 ] && status=FAIL
echo "filter_throughput: ratio=$(geomean "$tmp/ratios") prog_ratio=$(geomean "$tmp/pratios") filters=$nf measured=$(wc -l < "$tmp/ratios") compile_failed=$failed mismatches=$mism packets=$total status=$status"
[ "$mism" = 0 ]
