#!/usr/bin/env bash
# Regenerates tests/data/print/expected/NAME.out (stdout) and NAME.rc (exit status) for every
# entry of tests/print/golden.list with the reference printer, Debian's tcpdump 4.99.3:
#   TZ=UTC LC_ALL=C tcpdump -n -r PCAP OPTIONS
# Run it after adding entries; commit what it writes.  Never run with netsift as TCPDUMP.
set -eu
cd "$(dirname "$0")/../.."
TCPDUMP=${TCPDUMP:-tcpdump}
ver=$("$TCPDUMP" --version 2>&1 | head -1)
case "$ver" in *"4.99.3"*) ;; *) echo "regen-golden: want tcpdump 4.99.3, have: $ver" >&2; exit 1 ;; esac
data=tests/data/print
rm -f "$data"/expected/*.out "$data"/expected/*.rc
n=0
while read -r name pcap opts; do
  case "$name" in ''|'#'*) continue ;; esac
  # shellcheck disable=SC2086
  rc=0; TZ=UTC LC_ALL=C "$TCPDUMP" -n -r "$data/pcaps/$pcap" $opts > "$data/expected/$name.out" 2>/dev/null </dev/null || rc=$?
  echo "$rc" > "$data/expected/$name.rc"
  n=$((n + 1))
done < tests/print/golden.list
echo "regen-golden: $n expected outputs written by $ver"
