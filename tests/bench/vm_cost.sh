#!/usr/bin/env bash
# VM cost (issue 6's bpf_ratio): for each filter of the standard set, the program of
# `TOOL -y EN10MB -ddd EXPR` from each tool is run over the synthetic capture by netsift's traced
# interpreter, counting the BPF instructions executed per packet; every verdict is checked against
# libpcap's bpf_filter, and both programs must accept exactly the same packets (else FAILURE).
# Then, under callgrind (deterministic, free of timing noise), the machine instructions per packet
# of the filter call as each product runs it: libpcap's program in libpcap's bpf_filter against
# netsift's program in netsift's prepared VM (ns_vm_exec); and, to separate the VM from the
# compiler, libpcap's program in netsift's VM (vm_Ir, measured even when netsift cannot compile
# the filter yet). BENCH_NO_CALLGRIND=1 skips that part.
set -u
source "$(dirname "$0")/lib.sh"
if [ "$QUICK" = 1 ]; then pcap=$(bench_pcap 20000) small=$(bench_pcap 5000)
else pcap=$(bench_pcap 100000) small=$(bench_pcap 20000); fi
tmp=$(mktemp -d "$WORK/vmcost.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
: > "$tmp/bpf"; : > "$tmp/ir"; : > "$tmp/vmir"
use_cg=1
{ [ -n "${BENCH_NO_CALLGRIND:-}" ] || ! command -v valgrind > /dev/null; } && use_cg=0

# Machine instructions per packet inside filter_loop (benchtool) for a listing and an engine.
irpp() { # listing engine
  valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" --collect-atstart=no \
    --toggle-collect=filter_loop "$BT" cost "$1" "$small" --loop "$2" 1 > "$tmp/cg.stdout" 2> "$tmp/cg.err" || return 1
  local ir n
  ir=$(sed -n 's/.*Collected : *\([0-9]*\).*/\1/p' "$tmp/cg.err")
  n=$(sed -n 's/^loop=.* runs=\([0-9]*\).*/\1/p' "$tmp/cg.stdout")
  ratio "$ir" "$n" | awk '{printf "%.1f", $1}'
}

nf=0 failed=0 mism=0
printf '%-14s %8s %7s %8s | %8s %8s %7s | %8s %8s %7s | %8s %7s\n' filter accepted ref_len cand_len ref_bpf cand_bpf ratio \
  ref_Ir cand_Ir ratio vm_Ir ratio
while IFS=$'\t' read -r name expr; do
  nf=$((nf + 1))
  "${REF[@]}" -y EN10MB -ddd "$expr" > "$tmp/ref.ddd" 2>/dev/null || { echo "!!! reference cannot compile '$name'" >&2; continue; }
  ri="" vi="" vr=""
  if [ "$use_cg" = 1 ]; then
    ri=$(irpp "$tmp/ref.ddd" pcap) vi=$(irpp "$tmp/ref.ddd" ns) && vr=$(ratio "$vi" "$ri") && echo "$vr" >> "$tmp/vmir"
  fi
  if ! "${CAND[@]}" -y EN10MB -ddd "$expr" > "$tmp/cand.ddd" 2> "$tmp/err"; then
    failed=$((failed + 1))
    rc=$("$BT" cost "$tmp/ref.ddd" "$pcap")
    printf '%-14s %8s %7s %8s | %8s %8s %7s | %8s %8s %7s | %8s %7s\n' "$name" "$(field accepted "$rc")" \
      "$(field len "$rc")" failed "$(field bpf_per_pkt "$rc")" "" "" "$ri" "" "" "$vi" "$vr"
    continue
  fi
  rc=$("$BT" cost "$tmp/ref.ddd" "$pcap") cc=$("$BT" cost "$tmp/cand.ddd" "$pcap") || cc="error"
  if [ "$(field digest "$rc")" != "$(field digest "$cc")" ] || [ "$(field disagree "$cc")" != 0 ] \
     || [ "$(field disagree "$rc")" != 0 ]; then
    mism=$((mism + 1))
    echo "!!! vm_cost '$name': MISMATCH reference $rc; candidate $cc" >&2
    printf '%-14s MISMATCH\n' "$name"
    continue
  fi
  rb=$(field bpf_per_pkt "$rc") cb=$(field bpf_per_pkt "$cc") r=$(ratio "$cb" "$rb")
  echo "$r" >> "$tmp/bpf"
  ci="" ir=""
  if [ "$use_cg" = 1 ]; then
    ci=$(irpp "$tmp/cand.ddd" ns) && ir=$(ratio "$ci" "$ri") && echo "$ir" >> "$tmp/ir"
  fi
  printf '%-14s %8s %7s %8s | %8s %8s %7s | %8s %8s %7s | %8s %7s\n' "$name" "$(field accepted "$rc")" "$(field len "$rc")" \
    "$(field len "$cc")" "$rb" "$cb" "$r" "$ri" "$ci" "$ir" "$vi" "$vr"
done < <(standard_filters)
status=OK
[ "$failed" -gt 0 ] && status=INCOMPLETE
[ "$mism" -gt 0 ] && status=FAIL
echo "vm_cost: bpf_ratio=$(geomean "$tmp/bpf") ir_ratio=$(geomean "$tmp/ir") vm_ir_ratio=$(geomean "$tmp/vmir") filters=$nf measured=$(wc -l < "$tmp/bpf") compile_failed=$failed mismatches=$mism status=$status"
[ "$mism" = 0 ]
