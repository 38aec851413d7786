#!/usr/bin/env bash
# Replays every committed fuzz input, tests/data/fuzz/TARGET/*, through the gcc-built replay
# driver of that target ($BUILD/tests/fuzz/fuzz_TARGET: the same source as the libFuzzer
# target, ASan+UBSan in the sanitizer build). The inputs are the reproducers of bugs the fuzzers
# found (each committed with its fix) and a few seeds per target, so every target runs here even
# before it has found anything. A crash, a sanitizer report or a broken property (the target
# aborts) fails the suite and names the input.
set -u
cd "$(dirname "$0")/../.."
: "${BUILD:?BUILD must name the build directory}"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
fail=0 total=0 targets=0
for src in tests/fuzz/fuzz_*.c; do
  t=$(basename "$src" .c)
  t=${t#fuzz_}
  bin=$BUILD/tests/fuzz/fuzz_$t
  dir=tests/data/fuzz/$t
  if [ ! -x "$bin" ]; then echo "check-regress: $bin not built"; fail=1; continue; fi
  # Large reproducers (a 3 MB expression) are committed gzipped and replayed decompressed.
  tmp=$BUILD/tests/fuzz/inputs/$t
  rm -rf "$tmp"
  mkdir -p "$tmp"
  for z in "$dir"/*.gz; do
    [ -e "$z" ] && gzip -dc "$z" >"$tmp/$(basename "$z" .gz)"
  done
  inputs=$(ls "$dir"/* "$tmp"/* 2>/dev/null | grep -v '\.gz$')
  if [ -z "$inputs" ]; then echo "check-regress: no inputs in $dir"; fail=1; continue; fi
  n=$(echo "$inputs" | wc -l)
  targets=$((targets + 1))
  total=$((total + n))
  if ! "$bin" $inputs >/dev/null 2>&1; then
    # Name the inputs that fail, one process each.
    for f in $inputs; do
      if ! "$bin" "$f" >/dev/null 2>"$BUILD/tests/fuzz/last-failure.txt"; then
        echo "check-regress: $t: FAIL $f"
        grep -m5 -E 'ERROR|runtime error|property failed|SUMMARY' "$BUILD/tests/fuzz/last-failure.txt"
      fi
    done
    fail=1
  fi
done
echo "check-regress: $total inputs replayed through $targets targets, $([ $fail = 0 ] && echo all passed || echo FAILURES)"
exit $fail
