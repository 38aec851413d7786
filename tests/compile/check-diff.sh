#!/usr/bin/env bash
# The compiler's differential test (docs/testing.md): netsift's programs against libpcap's on
# libpcap's accept/reject tests and seeded random expressions, over real and generated packets,
# plus the kernel's check of every program. Fails on any WRONG acceptance, semantic or VM
# disagreement, kernel refusal, unrecorded libpcap defect, or pending-list violation. Never
# writes the pending list: regenerate it by hand with
#   $TOOLS/diffcompile --write-pending tests/data/compile/pending.tsv
set -u
cd "$(dirname "$0")/../.."
TOOLS=${TOOLS:-build/tests/tools}
if [ "${SANITIZED:-0}" = 1 ]; then
  # Same data, fewer random expressions and packets: the sanitizer build is ~5x slower.
  args=(-n 150 -p 300 -j 2)
else
  args=(-n 2000 -p 2000 -j 2 --strict-stale)
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
timeout 600 "$TOOLS/diffcompile" "${args[@]}" >"$out" 2>&1
rc=$?
# Details of failures first (bounded), then the per-link-type lines and the summary.
grep -E '^(WRONG|MISSING|SEMANTIC|VM|KERNEL|LIBPCAP-DEFECT|STALE|REJECT|SETUP|PENDING-FIXED)' "$out" | head -60
grep -vE '^(WRONG|MISSING|SEMANTIC|VM|KERNEL|LIBPCAP-DEFECT|STALE|REJECT|SETUP|PENDING-FIXED)' "$out"
[ $rc -eq 124 ] && echo "check-diff: timed out"
exit $rc
