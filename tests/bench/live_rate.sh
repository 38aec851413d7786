#!/usr/bin/env bash
# The highest packet rate netsift captures with no packet lost, against tcpdump in the same run.
#
# A network namespace with a veth pair: p0 (10.78.0.1/24) sends 64-byte UDP datagrams to
# 10.78.0.2, a permanent neighbour entry pointing at p1, which has no address, so the datagrams
# cross the pair and die in p1's stack; nothing leaves the namespace, which is removed at the
# end. For each rate, going up, each tool (alternating which goes first) captures on p1 with
# `-w /dev/null` and the filter `udp and dst port 9999` attached in the kernel, while the sender
# sends rate x 1 s datagrams; 1.5 s later SIGINT. A rate is loss-free when the capture counts
# every datagram sent and the kernel dropped none. A tool's figure is the highest loss-free
# rate reached from the bottom without a loss. Going up stops when both lost packets or the
# sender could not reach 90% of the rate (then the figure is the sender's limit, not the
# capture's). Prints one line:
#   live_rate: ratio=REF/CAND ref_max_pps=N cand_max_pps=N cpu_ratio=R sender_limited=yes|no
# (ratio <= 1 means netsift is at least as fast; cpu_ratio compares CPU time per packet;
# status=OK or FAIL, as the other benchmarks of tests/bench/run.sh say it).
# Needs root; exits 77 without it.
set -u
cd "$(dirname "$0")/../.."
BUILD=${1:-build}
NETSIFT=${NETSIFT:-$PWD/$BUILD/netsift}
GEN=${TOOLS:-$PWD/$BUILD/tests/tools}/live_traffic
RATES=${LIVE_RATES:-"20000 50000 100000 150000 220000 330000 500000"}
[ "$(id -u)" = 0 ] || { echo "live_rate: needs root, skipped"; exit 77; }
NS=nsift-bench$$
WORK=$(mktemp -d)
cap_pid=
cleanup() {
	[ -n "$cap_pid" ] && kill -KILL "$cap_pid" 2>/dev/null
	for p in $(ip netns pids "$NS" 2>/dev/null); do kill -KILL "$p" 2>/dev/null; done
	ip netns del "$NS" 2>/dev/null
	rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
ip netns add "$NS" || exit 2
ip -n "$NS" link set lo up
ip -n "$NS" link add p0 type veth peer name p1
ip netns exec "$NS" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
ip -n "$NS" addr add 10.78.0.1/24 dev p0
ip -n "$NS" link set p0 up
ip -n "$NS" link set p1 up
mac=$(ip -n "$NS" -o link show p1 | sed -nE 's/.*link\/ether ([0-9a-f:]+).*/\1/p')
ip -n "$NS" neigh replace 10.78.0.2 lladdr "$mac" dev p0 nud permanent
# Both tools run libpcap's own program for the filter, so the kernel does the same work for
# each: netsift reads it as a -ddd listing (--program) until its compiler handles the expression.
ip netns exec "$NS" tcpdump -i p1 -ddd 'udp and dst port 9999' >"$WORK/filter.ddd" 2>/dev/null

# run TOOL RATE: prints "sent sender_pps captured dropped cpu_nanoseconds"
run() {
	local tool=$1 rate=$2 args
	if [ "$tool" = ref ]; then
		args=(tcpdump -Z root -i p1 -n -w /dev/null 'udp and dst port 9999')
	else
		args=("$NETSIFT" -i p1 -n -w /dev/null --program "$WORK/filter.ddd")
	fi
	ip netns exec "$NS" "${args[@]}" 2>"$WORK/err" &
	cap_pid=$!
	for _ in $(seq 1 160); do grep -q "listening on" "$WORK/err" && break; sleep 0.05; done
	local sent
	sent=$(ip netns exec "$NS" "$GEN" udp 10.78.0.2 9999 "$rate" 64 "$rate" 2 | sed -nE 's/sent=([0-9]+).*pps=([0-9]+).*/\1 \2/p')
	sleep 1.5
	local ticks
	# CPU time on-CPU in nanoseconds (schedstat), read while the capture idles after the burst.
	ticks=$(awk '{print $1}' "/proc/$cap_pid/schedstat" 2>/dev/null)
	kill -INT "$cap_pid"
	wait "$cap_pid"
	cap_pid=
	local cap drop
	cap=$(sed -nE 's/^([0-9]+) packets? captured$/\1/p' "$WORK/err")
	drop=$(sed -nE 's/^([0-9]+) packets? dropped by kernel$/\1/p' "$WORK/err")
	echo "$sent ${cap:-0} ${drop:-0} ${ticks:-0}"
}

ref_ticks=0 cand_ticks=0 ref_pkts=0 cand_pkts=0
ref_max=0 cand_max=0 ref_ok=1 cand_ok=1 sender_limited=no first=ref
printf '%8s %10s %24s %24s\n' rate sender_pps "tcpdump captured/drop" "netsift captured/drop"
for rate in $RATES; do
	declare -A res=()
	for tool in $first $([ $first = ref ] && echo cand || echo ref); do
		res[$tool]=$(run "$tool" "$rate")
	done
	first=$([ $first = ref ] && echo cand || echo ref)
	read -r rs rpps rcap rdrop rt <<<"${res[ref]}"
	read -r cs cpps ccap cdrop ct <<<"${res[cand]}"
	ref_ticks=$((ref_ticks + rt)) ref_pkts=$((ref_pkts + rcap))
	cand_ticks=$((cand_ticks + ct)) cand_pkts=$((cand_pkts + ccap))
	printf '%8s %10s %24s %24s\n' "$rate" "$rpps/$cpps" "$rcap/$rdrop of $rs" "$ccap/$cdrop of $cs"
	if [ "$rpps" -lt $((rate * 9 / 10)) ] || [ "$cpps" -lt $((rate * 9 / 10)) ]; then
		sender_limited=yes
		break
	fi
	if [ $ref_ok = 1 ] && [ "$rcap" = "$rs" ] && [ "$rdrop" = 0 ]; then ref_max=$rate; else ref_ok=0; fi
	if [ $cand_ok = 1 ] && [ "$ccap" = "$cs" ] && [ "$cdrop" = 0 ]; then cand_max=$rate; else cand_ok=0; fi
	[ $ref_ok = 0 ] && [ $cand_ok = 0 ] && break
done
ratio=$(awk -v r="$ref_max" -v c="$cand_max" 'BEGIN { if (c == 0) print "inf"; else printf "%.3f", r / c }')
cpu_ratio=$(awk -v rt="$ref_ticks" -v rp="$ref_pkts" -v ct="$cand_ticks" -v cp="$cand_pkts" \
	'BEGIN { if (rt == 0 || cp == 0 || rp == 0) print "n/a"; else printf "%.3f", (ct / cp) / (rt / rp) }')
status=OK
[ "$ratio" = inf ] && status=FAIL
awk -v r="$ratio" 'BEGIN { exit !(r != "inf" && r + 0 > 1.0) }' && status=FAIL
echo "live_rate: ratio=$ratio ref_max_pps=$ref_max cand_max_pps=$cand_max cpu_ratio=$cpu_ratio sender_limited=$sender_limited status=$status"
[ $status = OK ]
