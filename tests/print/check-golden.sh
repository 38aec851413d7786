#!/usr/bin/env bash
# Golden print tests: for every entry (NAME PCAP OPTIONS) of tests/print/golden.list,
# `netsift -n -r PCAP OPTIONS` must print byte for byte what tcpdump 4.99.3 printed
# (tests/data/print/expected/NAME.out, made by regen-golden.sh) and exit as it did (NAME.rc).
# Ratchet: entries listed in tests/data/print/pending.txt may fail (their protocols are not
# done yet), but a pending entry that passes is an error too, so the list only shrinks.
# A crash (signal) or time-out fails even for a pending entry.
set -u
cd "$(dirname "$0")/../.."
NETSIFT=${NETSIFT:-build/netsift}
data=tests/data/print
pending_file=$data/pending.txt
pass=0 pend=0 bad=0 fixed=0
declare -A pending=()
while read -r p _; do
  case "$p" in ''|'#'*) continue ;; esac
  pending[$p]=1
done < "$pending_file"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
while read -r name pcap opts; do
  case "$name" in ''|'#'*) continue ;; esac
  # shellcheck disable=SC2086
  rc=0; TZ=UTC LC_ALL=C timeout 20 "$NETSIFT" -n -r "$data/pcaps/$pcap" $opts > "$out/$name" 2>"$out/$name.err" </dev/null || rc=$?
  want_rc=$(cat "$data/expected/$name.rc")
  if [ "$rc" -ge 124 ]; then
    echo "CRASH $name: exit $rc"; sed -n 1,5p "$out/$name.err"; bad=$((bad + 1)); continue
  fi
  ok=0
  same_status=0
  if [ "$rc" = 0 ]; then [ "$want_rc" = 0 ] && same_status=1; else [ "$want_rc" != 0 ] && same_status=1; fi
  if [ $same_status = 1 ] && cmp -s "$out/$name" "$data/expected/$name.out"; then ok=1; fi
  if [ -n "${pending[$name]:-}" ]; then
    if [ $ok = 1 ]; then echo "FIXED $name: passes now, remove it from $pending_file"; fixed=$((fixed + 1)); else pend=$((pend + 1)); fi
  elif [ $ok = 1 ]; then
    pass=$((pass + 1))
  else
    bad=$((bad + 1))
    echo "FAIL $name (exit $rc, tcpdump $want_rc): $NETSIFT -n -r $data/pcaps/$pcap $opts"
    diff "$data/expected/$name.out" "$out/$name" | sed -n 1,6p
  fi
done < tests/print/golden.list
echo "print golden: $pass pass, $pend pending, $bad fail, $fixed pending-but-passing"
[ $bad = 0 ] && [ $fixed = 0 ]
