#!/usr/bin/env bash
# Robustness: every capture under tests/data/print (the golden pcaps and the other small
# captures of tcpdump's test suite, many malformed on purpose) is printed with -v, -vv, -e
# and -X.  A crash (signal), a hang (time-out), a sanitizer report or an exit status other
# than 0 fails the suite; the output itself is not compared here (check-golden.sh does that).
# In the sanitizer build (SANITIZED=1) every other capture is skipped for -vv and -e to stay
# within the time budget; -v and -X run on all of them.
set -u
cd "$(dirname "$0")/../.."
NETSIFT=${NETSIFT:-build/netsift}
SANITIZED=${SANITIZED:-0}
runs=0 bad=0 i=0
err=$(mktemp)
trap 'rm -f "$err"' EXIT
for f in tests/data/print/pcaps/* tests/data/print/robust/*; do
  i=$((i + 1))
  for opts in -v -vv -e -X; do
    if [ "$SANITIZED" = 1 ] && [ $((i % 2)) = 0 ] && { [ "$opts" = -vv ] || [ "$opts" = -e ]; }; then continue; fi
    runs=$((runs + 1))
    rc=0
    # shellcheck disable=SC2086
    TZ=UTC timeout 20 "$NETSIFT" -n -r "$f" $opts > /dev/null 2> "$err" < /dev/null || rc=$?
    if [ $rc -ne 0 ] || grep -q -E 'Sanitizer|runtime error' "$err"; then
      bad=$((bad + 1))
      echo "FAIL (exit $rc): $NETSIFT -n -r $f $opts"
      sed -n 1,8p "$err"
    fi
  done
done
echo "print robustness: $runs runs over $i captures, $bad failed"
[ $bad = 0 ]
