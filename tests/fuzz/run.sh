#!/usr/bin/env bash
# Runs every libFuzzer target built by `make fuzz` for a bounded time, one after the other (one
# process: the machine is shared). Usage: run.sh FUZZBUILD SECONDS [TARGET...].
# Seeds are made fresh from tests/data (mkseeds.py) into FUZZBUILD/seeds; what a run discovers
# accumulates in FUZZBUILD/corpus/TARGET across runs; crashes land in FUZZBUILD/artifacts/TARGET/
# (replay one with build/tests/fuzz/TARGET FILE, and commit it to tests/data/fuzz/TARGET/ with
# the fix). Prints one line per target: runs, coverage, features, corpus, findings.
set -u
cd "$(dirname "$0")/../.."
fb=$1 secs=$2
shift 2
targets=${*:-$(cd tests/fuzz && ls fuzz_*.c | sed 's/\.c$//' | sed 's/^fuzz_//')}
rm -rf "$fb/seeds"
tests/fuzz/mkseeds.py "$fb/seeds" || exit 1
status=0
for t in $targets; do
  bin=$fb/bin/fuzz_$t
  mkdir -p "$fb/corpus/$t" "$fb/artifacts/$t" "$fb/seeds/$t"
  extra=()
  [ "$t" = compile ] && extra+=(-dict="$fb/seeds/compile.dict")
  case $t in print|offline) extra+=(-close_fd_mask=3) ;; esac
  log=$fb/$t.log
  "$bin" "$fb/corpus/$t" "$fb/seeds/$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
    -max_len=8192 -print_final_stats=1 -artifact_prefix="$fb/artifacts/$t/" "${extra[@]}" >"$log" 2>&1
  rc=$?
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')
  [ -n "$runs" ] || runs=$(grep -E '^#[0-9]+' "$log" | tail -1 | grep -o '^#[0-9]*' | tr -d '#')
  took=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$log" | grep -o 'in [0-9]*' | grep -o '[0-9]*')
  last=$(grep -E '^#[0-9]+' "$log" | tail -1)
  cov=$(echo "$last" | grep -o 'cov: [0-9]*' | grep -o '[0-9]*')
  ft=$(echo "$last" | grep -o 'ft: [0-9]*' | grep -o '[0-9]*')
  corp=$(ls "$fb/corpus/$t" | wc -l)
  found=$(ls "$fb/artifacts/$t" | wc -l)
  echo "fuzz $t: ${runs:-?} runs in ${took:-(stopped early) }s, cov ${cov:-?}, ft ${ft:-?}, corpus $corp, artifacts $found (exit $rc, log $log)"
  if [ "$rc" -ne 0 ]; then
    status=1
    grep -m3 -E 'ERROR: |runtime error|property failed' "$log"
  fi
done
exit $status
