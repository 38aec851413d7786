#!/usr/bin/env bash
# The disassembler against tcpdump itself: for every filter of tests/data/vm/filters.txt on
# several link types, tcpdump 4.99's -ddd program is read back with --program and printed with
# netsift -d, -dd and -ddd; each must equal tcpdump's own -d, -dd and -ddd, byte for byte.
# Also a bpf_asm source with labels, and listings that must be refused with a line number.
set -u
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
while IFS= read -r expr; do
  for dlt in EN10MB LINUX_SLL RAW NULL PPP; do
    tcpdump -y "$dlt" -ddd "$expr" > "$tmp/prog" 2>/dev/null || continue
    for lvl in d dd ddd; do
      tcpdump -y "$dlt" -"$lvl" "$expr" > "$tmp/want" 2>/dev/null
      if "$NETSIFT" --program "$tmp/prog" -"$lvl" > "$tmp/got" 2>"$tmp/err" && cmp -s "$tmp/want" "$tmp/got"; then
        pass=$((pass + 1))
      else
        fail=$((fail + 1)); echo "FAIL: -$lvl -y $dlt '$expr'"; diff "$tmp/want" "$tmp/got" | head -5; cat "$tmp/err"
      fi
    done
    # The -d listing itself read back prints the same listing (fields -d does not show, such
    # as the k libpcap's optimizer leaves on some `tax`, are not expected back).
    tcpdump -y "$dlt" -d "$expr" > "$tmp/prog.d" 2>/dev/null
    if "$NETSIFT" --program "$tmp/prog.d" -d 2>/dev/null | cmp -s - "$tmp/prog.d"; then
      pass=$((pass + 1))
    else
      fail=$((fail + 1)); echo "FAIL: -d listing not read back: -y $dlt '$expr'"
    fi
  done
done < tests/data/vm/filters.txt

# bpf_asm syntax (Linux tools/bpf/bpf_asm, Documentation/networking/filter.rst): labels,
# two-target and one-target jumps, the jne alias, extensions. The same program written as
# tcpdump would list it must assemble identically.
cat > "$tmp/asm" <<'ASM'
; IPv4 TCP to port 22, from the kernel's filter documentation style
        ldh [12]
        jne #0x800, drop
        ldb [23]
        jeq #6, tcp, drop
tcp:    ldxb 4*([14]&0xf)
        ldh [x + 16]
        jeq #22, keep
drop:   ret #0
keep:   ld #len
        ret a
ASM
cat > "$tmp/asm.d" <<'ASM'
(000) ldh      [12]
(001) jeq      #0x800           jt 2	jf 7
(002) ldb      [23]
(003) jeq      #0x6             jt 4	jf 7
(004) ldxb     4*([14]&0xf)
(005) ldh      [x + 16]
(006) jeq      #0x16            jt 8	jf 7
(007) ret      #0
(008) ld       #pktlen
(009) ret
ASM
a=$("$NETSIFT" --program "$tmp/asm" -ddd 2>&1); b=$("$NETSIFT" --program "$tmp/asm.d" -ddd 2>&1)
if [ -n "$a" ] && [ "$a" = "$b" ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: bpf_asm source"; echo "$a"; echo "$b"; fi

# Bad listings: exit 1 and a message naming the line.
printf 'ldh [12]\nfoo #1\nret #0\n' > "$tmp/bad1"
printf 'jeq #1, nowhere\nret #0\n' > "$tmp/bad2"
printf '(000) ldh [12]\n(002) ret #0\n' > "$tmp/bad3"
printf '3\n40 0 0 12\n6 0 0 0\n' > "$tmp/bad4"
for b in bad1 bad2 bad3 bad4; do
  "$NETSIFT" --program "$tmp/$b" -d > /dev/null 2> "$tmp/err"; rc=$?
  if [ $rc = 1 ] && grep -q '^netsift: .*line [0-9]' "$tmp/err"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $b: rc=$rc"; cat "$tmp/err"; fi
done
echo "listing: $pass passed, $fail failed"
[ "$fail" = 0 ] && [ "$pass" -gt 500 ]
