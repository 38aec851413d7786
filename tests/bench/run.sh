#!/usr/bin/env bash
# make bench: every benchmark, each comparing netsift with tcpdump 4.99.3 / libpcap 1.10.3
# measured in the same run, reported as ratios candidate/reference (lower is better; no absolute
# thresholds anywhere). Each benchmark prints its table and ends with one summary line
# "NAME: ratio=... status=OK|INCOMPLETE|FAIL"; this script repeats the summary lines and ends
# with one overall line. Exit status 1 when a benchmark FAILED (the tools disagree on packets or
# lines: a wrong answer is never faster) or could not run; INCOMPLETE (a filter netsift cannot
# compile yet) is reported, not failed. See docs/benchmarks.md.
#
#   tests/bench/run.sh [BUILD]      BENCH_QUICK=1 (1-2 min), BENCH_ONLY="vm_cost ...",
#                                   BENCH_CAND=tcpdump (the harness against itself)
set -u
cd "$(dirname "$0")/../.."
build=${1:-build}
all="print_throughput filter_throughput compile_scale vm_cost vm_engine live_rate"
only=${BENCH_ONLY:-$all}
start=$(date +%s)
mkdir -p "$build/bench"
log=$build/bench/last.log
summaries=() verdicts=() bad=0
for b in $only; do
  script=tests/bench/$b.sh
  echo "=== $b"
  t0=$(date +%s)
  if [ ! -x "$script" ]; then
    # live_rate.sh arrives with the live-capture work.
    line="$b: not present status=SKIP"
    echo "$line"
  else
    "$script" "$build" 2>&1 | tee "$log"; rc=${PIPESTATUS[0]}
    line=$(grep -E "^$b: " "$log" | tail -1)
    [ -z "$line" ] && line="$b: no summary (exit $rc) status=ERROR"
    if [ "$rc" = 77 ]; then line="${line% status=*} status=SKIP"
    elif [ "$rc" != 0 ] && [[ "$line" != *status=FAIL* ]]; then line="${line% status=*} status=ERROR"; fi
  fi
  summaries+=("$line")
  verdicts+=("$b ${line##*status=} $(( $(date +%s) - t0 ))s")
  case "$line" in *status=FAIL*|*status=ERROR*) bad=$((bad + 1)) ;; esac
done
echo "=== summary"
printf '%s\n' "${summaries[@]}"
overall=PASS; [ "$bad" -gt 0 ] && overall=FAIL
incomplete=$(printf '%s\n' "${summaries[@]}" | grep -c 'status=INCOMPLETE')
joined=$(printf '%s, ' "${verdicts[@]}")
echo "bench: $overall (${joined%, }) incomplete=$incomplete in $(( $(date +%s) - start )) s$([ "${BENCH_QUICK:-0}" = 1 ] && echo ' (quick)')"
[ "$bad" = 0 ]
