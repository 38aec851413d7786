#!/usr/bin/env bash
# Proves the differential harness can fail (docs/testing.md): with libpcap itself as the
# candidate it must report 100% agreement and exit 0; with a damaged libpcap (one jump target
# altered in every program; every filter narrowed by `and len < 1400`) it must report semantic
# disagreements and exit non-zero.
set -u
cd "$(dirname "$0")/../.."
TOOLS=${TOOLS:-build/tests/tools}
if [ "${SANITIZED:-0}" = 1 ]; then size=(-n 60 -p 200); else size=(-n 400 -p 600); fi
common=("${size[@]}" -j 2 --sources accept,random -m 2 --vm off)
fail=0

out=$("$TOOLS/diffcompile" -c libpcap "${common[@]}" 2>&1); rc=$?
line=$(printf '%s\n' "$out" | grep '^compile:')
echo "self-test libpcap: exit $rc: $line"
case "$line" in
  *"agree=100% semantic=100% "*) [ $rc -eq 0 ] || fail=1 ;;
  *) fail=1; printf '%s\n' "$out" | tail -20 ;;
esac

for damage in damage-jump damage-len; do
  out=$("$TOOLS/diffcompile" -c "$damage" "${common[@]}" 2>&1); rc=$?
  line=$(printf '%s\n' "$out" | grep '^compile:')
  echo "self-test $damage: exit $rc: $line"
  # It must be caught: a failing exit and semantic agreement below 100%.
  if [ $rc -ne 1 ] || printf '%s' "$line" | grep -q 'semantic=100%'; then
    echo "check-selftest: the damaged candidate $damage was not caught"
    fail=1
  fi
done
[ $fail -eq 0 ] && echo "check-selftest: ok (the harness passes libpcap and catches both damages)"
exit $fail
