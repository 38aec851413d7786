#!/usr/bin/env bash
# netsift -r against tcpdump -r: for every capture of tests/data/vm/captures and every filter of
# tests/data/vm/filters.txt that tcpdump compiles for the capture's link type, the packets
# netsift writes with -w are exactly those tcpdump writes (the files are compared byte for
# byte: same header, same records).
#  1. with tcpdump's own program (tcpdump -r CAP -ddd EXPR) run through --program: the VM path;
#  2. with the expression compiled by netsift: ratcheted by tests/data/vm/pending-expr.txt
#     ("capture|expression" lines) until the compiler handles them all;
#  3. -c, standard input (-r -), --count (its stdout must be tcpdump's --count output).
set -u
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pending=tests/data/vm/pending-expr.txt
# UPDATE_PENDING=1: record the expression cases failing now as the new pending list (only to
# shrink it after a compiler change; wrong answers still fail the run).
update=${UPDATE_PENDING:-0}
[ "$update" = 1 ] && : > "$tmp/newpending"
pass=0 fail=0 epass=0 epending=0 packets=0
caps=(tests/data/vm/captures/*)
[ "${SANITIZED:-0}" = 1 ] && caps=("${caps[@]:0:5}")
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
for cap in "${caps[@]}"; do
  name=$(basename "$cap")
  while IFS= read -r expr; do
    tcpdump -r "$cap" -ddd "$expr" > "$tmp/prog" 2>/dev/null || continue
    tcpdump -r "$cap" -w "$tmp/want" "$expr" 2>/dev/null
    if "$NETSIFT" -r "$cap" --program "$tmp/prog" -w "$tmp/got" 2>"$tmp/err" && cmp -s "$tmp/want" "$tmp/got"; then
      pass=$((pass + 1))
      packets=$((packets + $(tcpdump -r "$tmp/want" 2>/dev/null | wc -l)))
    else
      bad "--program: $name '$expr'"; cat "$tmp/err"
    fi
    key="$name|$expr"
    if [ "$update" = 1 ]; then
      if "$NETSIFT" -r "$cap" -w "$tmp/got" "$expr" 2>"$tmp/err" && cmp -s "$tmp/want" "$tmp/got"; then :
      elif grep -q '^netsift: ' "$tmp/err" || [ ! -s "$tmp/got" ]; then echo "$key" >> "$tmp/newpending"
      else bad "expression gives different packets: $key"; fi
      continue
    fi
    if "$NETSIFT" -r "$cap" -w "$tmp/got" "$expr" 2>"$tmp/err" && cmp -s "$tmp/want" "$tmp/got"; then
      if grep -qxF -- "$key" "$pending"; then bad "expression now passes, remove from $pending: $key"; else epass=$((epass + 1)); fi
    else
      if grep -qxF -- "$key" "$pending"; then
        epending=$((epending + 1))
        # Pending means "not compiled yet", never a wrong answer: a compiled program that
        # writes different packets is a failure.
        if ! grep -q '^netsift: ' "$tmp/err" && [ -s "$tmp/got" ]; then bad "expression gives different packets: $key"; fi
      else
        bad "expression: $key"; head -3 "$tmp/err"
      fi
    fi
  done < tests/data/vm/filters.txt
done

cap=tests/data/vm/captures/print-flags.pcap
tcpdump -r "$cap" -ddd tcp > "$tmp/prog" 2>/dev/null
for n in 1 3 100; do
  tcpdump -r "$cap" -c $n -w "$tmp/want" tcp 2>/dev/null
  "$NETSIFT" -r "$cap" -c $n --program "$tmp/prog" -w "$tmp/got" 2>/dev/null
  cmp -s "$tmp/want" "$tmp/got" && pass=$((pass + 1)) || bad "-c $n"
done
tcpdump -r "$cap" -w "$tmp/want" tcp 2>/dev/null
"$NETSIFT" -r - --program "$tmp/prog" -w - < "$cap" 2>/dev/null > "$tmp/got"
cmp -s "$tmp/want" "$tmp/got" && pass=$((pass + 1)) || bad "-r - -w -"
for c in "${caps[@]}"; do
  tcpdump -r "$c" -ddd udp > "$tmp/prog" 2>/dev/null || continue
  want=$(tcpdump --count -r "$c" udp 2>/dev/null)
  got=$("$NETSIFT" --count -r "$c" --program "$tmp/prog" 2>/dev/null)
  [ "$want" = "$got" ] && pass=$((pass + 1)) || bad "--count $(basename "$c"): '$want' vs '$got'"
done
# --trace ends with the verdict the filter gave.
tcpdump -r "$cap" -ddd 'tcp port 80' > "$tmp/prog" 2>/dev/null
"$NETSIFT" -r "$cap" --program "$tmp/prog" --trace 2 --count > "$tmp/trace" 2>/dev/null
if grep -q '^verdict: match' "$tmp/trace" && grep -q '^(000) ldh' "$tmp/trace"; then pass=$((pass + 1)); else bad "--trace"; cat "$tmp/trace"; fi
# -F: the expression from a file, '#' comments removed (compiler-dependent: ratcheted too).
printf 'tcp # web traffic\nand port 80\n' > "$tmp/ffile"
tcpdump -r "$cap" -F "$tmp/ffile" -w "$tmp/want" 2>/dev/null
key="-F|print-flags.pcap"
if [ "$update" = 1 ]; then
  "$NETSIFT" -r "$cap" -F "$tmp/ffile" -w "$tmp/got" 2>/dev/null && cmp -s "$tmp/want" "$tmp/got" || echo "$key" >> "$tmp/newpending"
elif "$NETSIFT" -r "$cap" -F "$tmp/ffile" -w "$tmp/got" 2>/dev/null && cmp -s "$tmp/want" "$tmp/got"; then
  if grep -qxF -- "$key" "$pending"; then bad "now passes, remove from $pending: $key"; else epass=$((epass + 1)); fi
elif grep -qxF -- "$key" "$pending"; then epending=$((epending + 1)); else bad "$key"; fi
[ "$update" = 1 ] && cp "$tmp/newpending" "$pending"
# Ancillary loads read what the capture's link header records (docs/vm.md): on Ethernet and
# Linux cooked captures `ld #proto` is the protocol tcpdump's `ip` tests, and on cooked ones
# `ld #type` is the packet type tcpdump's `outbound` tests.
printf 'ld #proto\njeq #0x800, yes, no\nyes: ret #262144\nno: ret #0\n' > "$tmp/proto.asm"
printf 'ldb [type]\njeq #4, yes, no\nyes: ret #262144\nno: ret #0\n' > "$tmp/type.asm"
for c in "${caps[@]}"; do
  lt=$(tcpdump -r "$c" -c 1 2>&1 >/dev/null | sed -n 's/.*link-type \([A-Z0-9_]*\).*/\1/p' | head -1)
  case "$lt" in EN10MB|LINUX_SLL) ;; *) continue ;; esac
  for pair in "proto.asm:ip" "type.asm:outbound"; do
    [ "$lt" = EN10MB ] && [ "${pair%%:*}" = type.asm ] && continue
    tcpdump -r "$c" -w "$tmp/want" "${pair#*:}" 2>/dev/null
    "$NETSIFT" -r "$c" --program "$tmp/${pair%%:*}" -w "$tmp/got" 2>/dev/null
    cmp -s "$tmp/want" "$tmp/got" && pass=$((pass + 1)) || bad "ancillary ${pair%%:*} on $(basename "$c")"
  done
done
# A load past the captured bytes ends the trace with return 0 and says why (the first packet
# cut to 30 captured bytes: the TCP ports are beyond them).
python3 - "$cap" "$tmp/short.pcap" <<'PY'
import struct, sys
data = open(sys.argv[1], 'rb').read()
hdr, rec = data[:24], data[24:40]
sec, usec, caplen, length = struct.unpack('<IIII', rec)
open(sys.argv[2], 'wb').write(hdr + struct.pack('<IIII', sec, usec, 30, length) + data[40:70])
PY
"$NETSIFT" -r "$tmp/short.pcap" --program "$tmp/prog" --trace 1 --count > "$tmp/trace" 2>/dev/null
if grep -q 'return 0 (load beyond the captured bytes)' "$tmp/trace" && grep -q '^verdict: no match' "$tmp/trace"; then pass=$((pass + 1)); else bad "--trace short packet"; cat "$tmp/trace"; fi
stale=$(grep -c . "$pending" || true)
echo "offline: $pass passed ($packets packets written as tcpdump writes them), $fail failed; expressions: $epass pass, $epending pending (of $stale listed)"
[ "$fail" = 0 ] && [ "$pass" -gt 100 ]
