#!/usr/bin/env python3
"""Seed corpora for the fuzz targets, made from the repo's own test data (tests/data/*).

Usage: mkseeds.py OUTDIR. Writes OUTDIR/<target>/<sha1> files and OUTDIR/compile.dict (the
lexer's keywords). Programs for the VM target come from tcpdump -ddd (the reference compiler) on
tests/data/vm/filters.txt; packets from the capture files in tests/data."""
import gzip, hashlib, json, os, re, struct, subprocess, sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
OUT = sys.argv[1]
D = lambda *p: os.path.join(ROOT, "tests", "data", *p)

def put(target, data):
    if isinstance(data, str):
        data = data.encode()
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)

def pcap_packets(path, limit):
    """(linktype, [packet bytes]) of a classic pcap file; None for pcapng or damage."""
    with open(path, "rb") as f:
        b = f.read()
    if len(b) < 24:
        return None
    for end in "<>":
        magic, = struct.unpack(end + "I", b[:4])
        if magic in (0xa1b2c3d4, 0xa1b23c4d):
            break
    else:
        return None
    lt = struct.unpack(end + "I", b[20:24])[0] & 0x0fffffff
    pkts, off = [], 24
    while off + 16 <= len(b) and len(pkts) < limit:
        _, _, cap, _ = struct.unpack(end + "IIII", b[off:off + 16])
        pkts.append(b[off + 16:off + 16 + cap])
        off += 16 + cap
    return lt, pkts

def expressions():
    seen = []
    for name in ("accept.jsonl", "reject.jsonl"):
        with open(D("grammar", name)) as f:
            seen += [json.loads(l)["expr"] for l in f if l.strip()]
    with open(D("vm", "filters.txt")) as f:
        seen += [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#")]
    return list(dict.fromkeys(seen))

# compile: every expression of the grammar and VM suites; the dictionary from the lexer.
exprs = expressions()
for e in exprs:
    put("compile", e)
with open(os.path.join(ROOT, "grammar", "lexer.re")) as f:
    words = sorted(set(re.findall(r'^\s*\{"([^"]+)",', f.read(), re.M)))
with open(os.path.join(OUT, "compile.dict"), "w") as f:
    for w in words + ["localhost", "twohosts", "and", "or", "not", "&&", "||", "!", "[", "]", ":", "&", "|", "<<", ">>",
                      "!=", ">=", "<=", "==", "0x", "::", "/", "-", "%", "^", "(", ")"]:
        f.write('"%s"\n' % w.replace("\\", "\\\\").replace('"', '\\"'))

# asm: libpcap's -d listings of the filter suite, and -ddd listings.
with gzip.open(D("vm", "accept-listings.txt.gz"), "rt") as f:
    listings = [l for l in f.read().split("\n\n") if l.strip()]
for l in listings[:400]:
    put("asm", l + "\n")

# vm: tcpdump's programs (-ddd) with packets from the VM suite's captures.
packets = []
for name in sorted(os.listdir(D("vm", "captures"))):
    r = pcap_packets(D("vm", "captures", name), 3)
    if r:
        packets += r[1]
programs = []
for i, e in enumerate(exprs[:300]):
    for dlt in ("EN10MB", "RAW") if i % 2 else ("EN10MB",):
        try:
            out = subprocess.run(["tcpdump", "-ddd", "-y", dlt, e], capture_output=True,
                                 text=True, timeout=10).stdout.split("\n")
        except (OSError, subprocess.SubprocessError):
            continue
        if not out or not out[0].strip().isdigit():
            continue
        insns = [tuple(int(x) for x in l.split()) for l in out[1:] if l.strip()]
        programs.append(insns)
        put("asm", "\n".join(out))
for i, insns in enumerate(programs):
    pkt = packets[i % len(packets)][:255] if packets else b""
    prog = b"".join(struct.pack("<HBBI", c, jt, jf, k) for c, jt, jf, k in insns)
    put("vm", bytes([len(pkt), 0, i & 1, i & 0xff]) + pkt + prog)

# print: packets of every capture, with a spread of option bytes; offline: the files whole.
linkindex = {1: 0, 113: 1, 276: 2, 101: 3, 12: 3, 0: 4, 108: 5, 228: 6, 229: 7, 9: 8}
n = 0
for d in (D("print", "pcaps"), D("vm", "captures"), D("compile")):
    for name in sorted(os.listdir(d)):
        path = os.path.join(d, name)
        if not name.endswith((".pcap", ".pcapng")):
            continue
        if os.path.getsize(path) <= 16384:
            with open(path, "rb") as f:
                put("offline", bytes([n & 0xff]) + f.read())
        r = pcap_packets(path, 4)
        if not r or r[0] not in linkindex:
            continue
        for p in r[1]:
            n += 1
            put("print", bytes([linkindex[r[0]], (n * 37) & 0xff, (n * 11) & 0xbf, 0]) + p)
for name in sorted(os.listdir(D("vm", "malformed"))):
    with open(D("vm", "malformed", name), "rb") as f:
        put("offline", b"\0" + f.read())
print("seeds in %s: %s" % (OUT, ", ".join("%s %d" % (t, len(os.listdir(os.path.join(OUT, t))))
                                          for t in sorted(os.listdir(OUT)) if t != "compile.dict")))
