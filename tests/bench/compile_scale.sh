#!/usr/bin/env bash
# Compile scale (issue 6): `TOOL -y EN10MB -ddd EXPR` for long disjunctions, families
#   host   host A or host B ...            (distinct client addresses 10.1.x.y)
#   port   port P1 or port P2 ...
#   net    net X/24 or net Y/24 ...
#   mixed  tcp and (host ... N/2) and not (port ... N/2)
# with N = 50 .. 1600 (quick: up to 200). Per point and tool: median CPU time of a few runs
# (capped at LIMIT CPU seconds: libpcap's optimizer is about cubic, 33 s at 800 hosts; a capped
# point prints ">LIMIT" and the larger sizes of that family are skipped for that tool), program
# length, whether it fits the kernel's 4096, peak RSS (wait4), and the BPF instructions executed
# per packet over the synthetic capture. Both programs must accept exactly the same packets
# (netsift's VM, checked against bpf_filter): a difference is a FAILURE.
set -u
source "$(dirname "$0")/lib.sh"
if [ "$QUICK" = 1 ]; then
  sizes="50 100 200" limit=${BENCH_LIMIT:-10} budget=3 rounds=3 pcap=$(bench_pcap 20000)
else
  sizes="50 100 200 400 800 1600" limit=${BENCH_LIMIT:-20} budget=10 rounds=3 pcap=$(bench_pcap 50000)
fi
tmp=$(mktemp -d "$WORK/compile.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
: > "$tmp/ratios"; : > "$tmp/lens"

expr_for() { # family N
  awk -v fam="$1" -v n="$2" '
    function host(i) { return sprintf("10.1.%d.%d", int(i / 250) % 8, i % 250 + 1) }
    function list(kw, n, start, step,   i, s) {
      for (i = 0; i < n; i++) s = s (i ? " or " : "") kw " " (kw == "host" ? host(i * 3) : start + i * step)
      return s
    }
    BEGIN {
      if (fam == "host") print list("host", n)
      else if (fam == "port") print list("port", n, 20, 3)
      else if (fam == "net") { for (i = 0; i < n; i++) printf "%snet 10.%d.%d.0/24", i ? " or " : "", 1 + int(i / 256), i % 256; print "" }
      else print "tcp and (" list("host", n / 2) ") and not (" list("port", n / 2, 1000, 7) ")"
    }'
}

# Peak RSS in MB of a measured point (blank for a skipped one).
mb() { [ "$1" = skip ] || awk -v k="$(field rss "$2")" 'BEGIN {printf "%.0f", k / 1024}'; }

# Median wall seconds of a measured point (blank for a skipped or capped one).
wall() { case "$1" in skip|'>'*) ;; *) field wall "$2" | cut -c1-7 ;; esac; }

points=0 fails=0 cfail=0 timeouts_ref=0 timeouts_cand=0 over_ref=0 over_cand=0
printf '%-6s %5s | %9s %9s %7s %8s %8s | %6s %6s | %6s %6s | %7s %7s | %7s %7s | %s\n' family N ref_cpu cand_cpu ratio \
  ref_wall cand_wall \
  ref_len cand_len ref_ok cand_ok ref_MB cand_MB ref_bpf cand_bpf same
for fam in host port net mixed; do
  skip_ref=0 skip_cand=0
  for n in $sizes; do
    points=$((points + 1))
    expr=$(expr_for "$fam" "$n")
    if [ "$skip_ref" = 1 ]; then refcmd=(true); else refcmd=("${REF[@]}" -y EN10MB -ddd "$expr"); fi
    if [ "$skip_cand" = 1 ]; then candcmd=(true); else candcmd=("${CAND[@]}" -y EN10MB -ddd "$expr"); fi
    t=$("$BT" time --rounds "$rounds" --limit "$limit" --budget "$budget" --stdout "$tmp/out" \
        "${refcmd[@]}" --- "${candcmd[@]}")
    rt=$(head -1 <<< "$t") ct=$(tail -1 <<< "$t")
    rcpu=$(field cpu "$rt") ccpu=$(field cpu "$ct") r=n/a rlen="" clen="" rok="" cok="" rbpf="" cbpf="" same=""
    if [ "$skip_ref" = 1 ]; then rcpu=skip
    elif [ "$(field timeouts "$rt")" != 0 ]; then rcpu=">$limit"; skip_ref=1; timeouts_ref=$((timeouts_ref + 1))
    elif [ "$(field fails "$rt")" != 0 ]; then rcpu=error
    fi
    if [ "$skip_cand" = 1 ]; then ccpu=skip
    elif [ "$(field timeouts "$ct")" != 0 ]; then ccpu=">$limit"; skip_cand=1; timeouts_cand=$((timeouts_cand + 1))
    elif [ "$(field fails "$ct")" != 0 ]; then ccpu="failed"; cfail=$((cfail + 1))
    fi
    # Program lengths (first line of -ddd) and cost over the capture, when both compiled.
    for side in ref cand; do
      f=$tmp/out.0; cpu=$rcpu; [ "$side" = cand ] && f=$tmp/out.1 cpu=$ccpu
      case "$cpu" in ''|*[!0-9.]*) continue ;; esac
      len=$(head -1 "$f")
      c=$("$BT" cost "$f" "$pcap") || c=""
      if [ "$side" = ref ]; then rlen=$len rc=$c rbpf=$(field bpf_per_pkt "$c"); rok=yes; [ "$len" -gt 4096 ] && rok=NO && over_ref=$((over_ref + 1))
      else clen=$len cc=$c cbpf=$(field bpf_per_pkt "$c"); cok=yes; [ "$len" -gt 4096 ] && cok=NO && over_cand=$((over_cand + 1)); fi
    done
    if [ -n "$rlen" ] && [ -n "$clen" ]; then
      r=$(ratio "$ccpu" "$rcpu"); echo "$r" >> "$tmp/ratios"; echo "$(ratio "$clen" "$rlen")" >> "$tmp/lens"
      if [ "$(field digest "$rc")" = "$(field digest "$cc")" ] && [ "$(field disagree "$cc")" = 0 ]; then same=yes
      else same=DIFFERENT; fails=$((fails + 1))
        echo "!!! compile_scale $fam-$n: the programs accept different packets (ref $rc; cand $cc)" >&2; fi
    elif [ -n "$clen" ] && [[ "$rcpu" == ">"* || "$rcpu" == skip ]]; then
      r="<$(ratio "$ccpu" "$limit")"
    fi
    printf '%-6s %5s | %9s %9s %7s %8s %8s | %6s %6s | %6s %6s | %7s %7s | %7s %7s | %s\n' "$fam" "$n" "$rcpu" "$ccpu" "$r" \
      "$(wall "$rcpu" "$rt")" "$(wall "$ccpu" "$ct")" "$rlen" "$clen" "$rok" "$cok" "$(mb "$rcpu" "$rt")" "$(mb "$ccpu" "$ct")" "$rbpf" "$cbpf" "$same"
  done
done
status=OK
[ "$cfail" -gt 0 ] && status=INCOMPLETE
[ "$fails" -gt 0 ] && status=FAIL
echo "compile_scale: ratio=$(geomean "$tmp/ratios") points=$points compared=$(wc -l < "$tmp/ratios") len_ratio=$(geomean "$tmp/lens") timeouts_ref=$timeouts_ref timeouts_cand=$timeouts_cand over4096_ref=$over_ref over4096_cand=$over_cand compile_failed=$cfail check_fail=$fails limit=${limit}s status=$status"
[ "$fails" = 0 ]
