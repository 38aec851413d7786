#!/usr/bin/env bash
# The VM engine's cost per packet against libpcap's bpf_filter, in one run. The programs
# are tcpdump's own (-ddd) for the filters of tests/data/vm/filters.txt on Ethernet; the packets
# are the Ethernet captures of tests/data/vm/captures plus 200 made-up ones. callgrind counts the
# instructions executed inside the filter call only (--toggle-collect), which is repeatable
# whatever else the machine does. The figure: ns_vm_exec / bpf_filter (target <= 0.7).
set -eu
cd "$(dirname "$0")/../.."
build=${1:-build}
bench=$build/tests/bench/vmbench
[ -x "$bench" ] || { echo "vm bench: $bench not built (run make bench)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[ -n "${VMBENCH_KEEP:-}" ] && trap - EXIT && echo "keeping $tmp"
i=0
while IFS= read -r expr; do
  i=$((i + 1))
  tcpdump -y EN10MB -ddd "$expr" > "$tmp/p$i" 2>/dev/null && echo "$tmp/p$i" >> "$tmp/list" || true
done < tests/data/vm/filters.txt
caps=()
for c in tests/data/vm/captures/*; do
  tcpdump -r "$c" -c 1 2>&1 >/dev/null | grep -q 'link-type EN10MB' && caps+=("$c")
done
rounds=3
measure() { # engine function
  valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.$1" --toggle-collect="$2" \
    "$bench" "$1" $rounds "$tmp/list" "${caps[@]}" > "$tmp/out.$1" 2> "$tmp/err.$1"
  sed -n 's/.*Collected : *\([0-9]*\).*/\1/p' "$tmp/err.$1"
}
pcap=$(measure pcap bpf_filter)
exec_=$(measure exec ns_vm_exec)
run=$(measure run ns_vm_run)
cat "$tmp/out.pcap" "$tmp/out.exec" "$tmp/out.run"
a=$(awk '{print $NF}' "$tmp/out.pcap"); b=$(awk '{print $NF}' "$tmp/out.exec"); c=$(awk '{print $NF}' "$tmp/out.run")
if [ "$a" != "$b" ] || [ "$a" != "$c" ]; then echo "vm bench: engines disagree on verdicts ($a, $b, $c)" >&2; exit 1; fi
runs=$(awk '{print $(NF-3)}' "$tmp/out.pcap")
for v in "$pcap" "$exec_" "$run"; do
  [ -n "$v" ] || { echo "vm bench: no callgrind count" >&2; cat "$tmp"/err.* >&2; exit 1; }
done
awk -v p="$pcap" -v e="$exec_" -v r="$run" -v n="$runs" 'BEGIN {
  printf "vm bench: instructions per filter run: bpf_filter %.1f, ns_vm_exec %.1f, ns_vm_run %.1f (%d runs)\n", p/n, e/n, r/n, n
  printf "vm bench: ratio ns_vm_exec/bpf_filter = %.3f (target <= 0.7); ns_vm_run/bpf_filter = %.3f\n", e/p, r/p
  printf "vm_engine: ratio=%.3f run_ratio=%.3f status=OK\n", e/p, r/p
}'
