#!/usr/bin/env bash
# Runs every test of the given build variants: the cmocka unit binaries under
# BUILD/tests/unit, then every script tests/*/check-*.sh (differential, golden and live
# suites), each with NETSIFT, TOOLS and SANITIZED set for that build. A script passes by
# exiting 0. Ends with one "N passed, N failed" line; exits non-zero if anything failed.
set -u
cd "$(dirname "$0")/.."
passed=0 failed=0 failures=""
for build in "$@"; do
  export NETSIFT="$PWD/$build/netsift" TOOLS="$PWD/$build/tests/tools" BUILD="$PWD/$build"
  case "$build" in *asan*) export SANITIZED=1 ;; *) export SANITIZED=0 ;; esac
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  # Unit binaries are named after their sources, so a stale binary whose test was removed
  # never runs.
  units=$(ls tests/unit/*/test_*.c 2>/dev/null | sed "s|^tests/unit/\(.*\)\.c$|$build/tests/unit/\1|" | sort)
  for t in $units $(ls tests/*/check-*.sh 2>/dev/null | sort); do
    echo "=== [$build] $t"
    start=$(date +%s)
    if "$t"; then passed=$((passed + 1)); r=ok; else failed=$((failed + 1)); r=FAIL; failures="$failures [$build] $t"; fi
    echo "=== [$build] $t: $r ($(( $(date +%s) - start )) s)"
  done
done
[ -n "$failures" ] && echo "failed:$failures"
echo "check: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
