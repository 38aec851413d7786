#!/usr/bin/env bash
# The VM against its references, on random programs (valid by construction, mutated, random
# bytes): interpreter == libpcap's bpf_filter on real and random packets, validator == the
# kernel (SO_ATTACH_FILTER), disassembly == libpcap's bpf_image, listings read back (random
# programs and every listing of libpcap's filter test suite). Seeds are fixed so a failure
# replays; SANITIZED=1 scales the counts down.
set -eu
cd "$(dirname "$0")/../.."
scale=1
[ "${SANITIZED:-0}" = 1 ] && scale=10
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
timeout 300 "$TOOLS/vmdiff" interp $((100000 / scale)) 1 tests/data/vm/captures/*
timeout 300 "$TOOLS/vmdiff" kernel $((100000 / scale)) 2
timeout 300 "$TOOLS/vmdiff" image $((200000 / scale)) 3
timeout 300 "$TOOLS/vmdiff" roundtrip $((20000 / scale)) 4
timeout 300 "$TOOLS/vmdiff" asmfuzz $((50000 / scale)) 5
zcat tests/data/vm/accept-listings.txt.gz > "$tmp/listings.txt"
timeout 300 "$TOOLS/vmdiff" listings "$tmp/listings.txt"
# libpcap's own programs for the expressions of its filter test suite (those tcpdump 4.99.3
# compiles here without name look-ups), listed by bpf_dump and by ns_dump at the three levels.
zcat tests/data/vm/accept-exprs.tsv.gz > "$tmp/exprs.tsv"
timeout 300 "$TOOLS/vmlisting" "$tmp/exprs.tsv" tests/data/vm/captures/*
