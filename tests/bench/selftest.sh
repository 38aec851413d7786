#!/usr/bin/env bash
# Proves the benchmarks can fail: runs the quick benchmarks with tcpdump itself as the candidate
# (every correctness check must pass) and with a "wrong" candidate, tcpdump with `len < 1400`
# added to every filter (and as the filter where there was none), which every correctness check
# must catch (status FAIL). Not part of `make bench`; about 2 minutes:
#   tests/bench/selftest.sh [BUILD]
set -u
cd "$(dirname "$0")/../.."
build=${1:-build}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/wrong" <<'W'
#!/usr/bin/env bash
# tcpdump with "len < 1400" added to the expression (the last argument after the options).
args=("$@") n=$#
has_expr=0
if [ "$n" -gt 0 ]; then
  prev=${args[n-2]:-}; last=${args[n-1]}
  case "$prev" in -r|-w|-y|-F) ;; *) case "$last" in -*) ;; *) has_expr=1 ;; esac ;; esac
fi
if [ "$has_expr" = 1 ]; then args[n-1]="($last) and len < 1400"; else args+=("len < 1400"); fi
exec tcpdump "${args[@]}"
W
chmod +x "$tmp/wrong"
bad=0
check() { # candidate script expected-status
  local line
  line=$(BENCH_QUICK=1 BENCH_ROUNDS=1 BENCH_NO_CALLGRIND=1 BENCH_CAND="$1" BENCH_LIMIT=5 \
         "tests/bench/$2.sh" "$build" 2>/dev/null | grep -E "^$2: " | tail -1)
  case "$line" in
    *"status=$3"*) echo "ok   $2 with $(basename "$1"): $line" ;;
    *) echo "FAIL $2 with $(basename "$1"): expected status=$3, got: ${line:-nothing}"; bad=$((bad + 1)) ;;
  esac
}
for b in print_throughput filter_throughput vm_cost compile_scale; do
  check tcpdump "$b" OK
  check "$tmp/wrong" "$b" FAIL
done
echo "bench selftest: $((8 - bad)) of 8 verdicts as expected"
[ "$bad" = 0 ]
