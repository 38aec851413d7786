#!/usr/bin/env bash
# Damaged captures: libpcap's malformed test files, captures cut at many points, an empty file
# and random bytes. netsift must end with status 1 exactly when tcpdump fails (never a crash or
# a sanitizer report, which exit differently), say why on stderr, and write the same packets
# tcpdump writes before the damage.
set -u
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
tcpdump -ddd -y EN10MB 'ip or ip6 or arp' > "$tmp/prog" 2>/dev/null
check() { # file
  local f=$1 trc rc
  rm -f "$tmp/want"
  tcpdump -r "$f" -w "$tmp/want" 2>/dev/null; trc=$?
  rm -f "$tmp/got"
  "$NETSIFT" -r "$f" --program "$tmp/prog.all" -w "$tmp/got" 2>"$tmp/err"; rc=$?
  local ok=1
  if [ $trc != 0 ]; then
    [ $rc = 1 ] && grep -q '^netsift: ' "$tmp/err" || ok=0
  else
    [ $rc = 0 ] || ok=0
  fi
  # What was read before the damage is written as tcpdump writes it.
  if [ -s "$tmp/want" ] && ! cmp -s "$tmp/want" "$tmp/got"; then ok=0; fi
  if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $f: tcpdump $trc netsift $rc"; cat "$tmp/err"; fi
}
# Every packet matches, so the written file holds everything read.
printf '1\n6 0 0 262144\n' > "$tmp/prog.all"
for f in tests/data/vm/malformed/*; do check "$f"; done
: > "$tmp/empty.pcap"; check "$tmp/empty.pcap"
head -c 5000 /dev/urandom > "$tmp/random.pcap"; check "$tmp/random.pcap"
step=37
[ "${SANITIZED:-0}" = 1 ] && step=211
for cap in tests/data/vm/captures/dns_tcp.pcap tests/data/vm/captures/ahcp.pcapng tests/data/vm/captures/icmpv6.pcap; do
  size=$(stat -c %s "$cap")
  for ((cut = 0; cut < size; cut += step)); do
    head -c $cut "$cap" > "$tmp/cut.${cap##*.}"
    check "$tmp/cut.${cap##*.}"
  done
done
# A program file that is not a program.
printf 'this is not bpf\n' > "$tmp/notprog"
"$NETSIFT" -r tests/data/vm/captures/dns_tcp.pcap --program "$tmp/notprog" --count > /dev/null 2>"$tmp/err"; rc=$?
if [ $rc = 1 ] && grep -q '^netsift: .*line 1' "$tmp/err"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: bad program rc=$rc"; fi
"$NETSIFT" -r "$tmp/does-not-exist.pcap" --program "$tmp/prog" --count > /dev/null 2>"$tmp/err"; rc=$?
if [ $rc = 1 ] && grep -q '^netsift: ' "$tmp/err"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: missing file rc=$rc"; fi
echo "malformed: $pass passed, $fail failed"
[ "$fail" = 0 ]
