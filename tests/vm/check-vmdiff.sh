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
"$TOOLS/vmdiff" interp $((100000 / scale)) 1 tests/data/vm/captures/*
"$TOOLS/vmdiff" kernel $((100000 / scale)) 2
"$TOOLS/vmdiff" image $((200000 / scale)) 3
"$TOOLS/vmdiff" roundtrip $((20000 / scale)) 4
"$TOOLS/vmdiff" asmfuzz $((50000 / scale)) 5
zcat tests/data/vm/accept-listings.txt.gz > "$tmp/listings.txt"
"$TOOLS/vmdiff" listings "$tmp/listings.txt"
