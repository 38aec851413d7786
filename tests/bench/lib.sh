# Shared by the benchmark scripts (sourced, not run): where the tools and inputs are, and the
# arithmetic the summaries need. Every benchmark compares the candidate (netsift of this build,
# or $BENCH_CAND) with the reference (tcpdump 4.99.3 / libpcap 1.10.3, or $BENCH_REF) measured
# alternately in the same run, and reports ratios candidate/reference (lower is better).
#
#   BENCH_QUICK=1        small inputs and sizes (about 1-2 minutes for `make bench`)
#   BENCH_CAND="tcpdump" the reference against itself: shows the harness's own noise
#   BENCH_ROUNDS=N       timed rounds per case (default 5)
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
BUILD=${1:-build}
QUICK=${BENCH_QUICK:-0}
ROUNDS=${BENCH_ROUNDS:-5}
read -ra CAND <<< "${BENCH_CAND:-$BUILD/netsift}"
read -ra REF <<< "${BENCH_REF:-tcpdump}"
BT=$BUILD/tests/bench/benchtool
WORK=$BUILD/bench
mkdir -p "$WORK"
export TZ=UTC # tcpdump prints local time otherwise, and glibc then stats /etc/localtime per packet
for t in "$BT" "$BUILD/tests/bench/gen_traffic"; do
  [ -x "$t" ] || { echo "bench: $t not built (run make bench)" >&2; exit 2; }
done

# The synthetic capture of N packets, generated once per build (seed 1: the same bytes on every
# machine); regenerated when the generator changes.
bench_pcap() {
  local f=$WORK/traffic-$1.pcap gen=$BUILD/tests/bench/gen_traffic
  if [ ! -s "$f" ] || [ "$gen" -nt "$f" ]; then
    "$gen" -n "$1" -s 1 -o "$f.tmp" && mv "$f.tmp" "$f" || { echo "bench: cannot generate $f" >&2; exit 2; }
  fi
  echo "$f"
}

# The value of key=value in a line.
field() { sed -n "s/.*\\b$1=\\([^ ]*\\).*/\\1/p" <<< "$2"; }

# Geometric mean of the numbers in a file (one per line); "n/a" when empty.
geomean() { awk '$1 > 0 {s += log($1); n++} END {if (n) printf "%.3f", exp(s / n); else printf "n/a"}' "$1"; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0 && a != "") printf "%.3f", a / b; else printf "n/a"}'; }

# The standard filter set (name<TAB>expression); the 200-host list is built from the capture's
# client range, so about a tenth of its hosts appear.
standard_filters() {
  local hosts
  hosts=$(awk 'BEGIN {for (i = 0; i < 200; i++) printf "%shost 10.1.%d.%d", i ? " or " : "", int(i * 10 / 250), (i * 10) % 250 + 1}')
  printf '%s\t%s\n' \
    "tcp" "tcp" \
    "tcp port 80" "tcp port 80" \
    "host+ports" "host 10.1.2.3 and (port 53 or port 443)" \
    "200 hosts" "$hosts" \
    "tcpflags" "tcp[tcpflags] & (tcp-syn|tcp-fin) != 0" \
    "vlan and ip" "vlan and ip" \
    "ip[2:2] arith" "tcp and (((ip[2:2] - ((ip[0]&0xf)<<2)) - ((tcp[12]&0xf0)>>2)) != 0)" \
    "ip6 tcp 443" "ip6 and tcp dst port 443"
}
