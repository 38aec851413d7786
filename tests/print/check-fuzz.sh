#!/usr/bin/env bash
# Printer fuzzing: mutated copies of the test captures (tests/print/mutate-pcaps.py, fixed
# seeds, so a failure reproduces) printed with -vvv -e -X, -v -x and -q -A.  Any crash,
# hang, sanitizer report or exit status other than 0 fails.  The sanitizer build runs fewer.
set -u
cd "$(dirname "$0")/../.."
NETSIFT=${NETSIFT:-build/netsift}
SANITIZED=${SANITIZED:-0}
count=150
[ "$SANITIZED" = 1 ] && count=60
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 tests/print/mutate-pcaps.py "$dir" 20261123 "$count" || exit 1
runs=0 bad=0
for f in "$dir"/*.pcap; do
  for opts in "-vvv -e -X" "-v -x" "-q -A"; do
    runs=$((runs + 1))
    rc=0
    # shellcheck disable=SC2086
    TZ=UTC timeout 20 "$NETSIFT" -n -r "$f" $opts > /dev/null 2> "$dir/err" < /dev/null || rc=$?
    if [ $rc -ne 0 ] || grep -q -E 'Sanitizer|runtime error' "$dir/err"; then
      bad=$((bad + 1))
      echo "FAIL (exit $rc): $NETSIFT -n -r $(basename "$f") $opts (seed 20261123)"
      sed -n 1,8p "$dir/err"
    fi
  done
done
echo "print fuzz: $runs runs over $(ls "$dir"/*.pcap | wc -l) mutated captures, $bad failed"
[ $bad = 0 ]
