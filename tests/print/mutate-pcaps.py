#!/usr/bin/env python3
"""Writes mutated copies of the test captures for the printer fuzz suite (check-fuzz.sh):
every packet of each capture of a link type the printers decode gets a few random byte
changes and sometimes a cut, three times over, and the record's original length is kept or
enlarged, so printers meet lengths that lie.  Deterministic for a given seed.
Usage: mutate-pcaps.py OUTDIR SEED COUNT"""
import glob
import os
import random
import struct
import sys

out, seed, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rnd = random.Random(seed)
here = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'data', 'print')
srcs = sorted(glob.glob(os.path.join(here, 'pcaps', '*.pcap')) +
              glob.glob(os.path.join(here, 'robust', '*.pcap')))
LINKS = {0, 1, 12, 14, 101, 108, 113, 228, 229, 276}

def packets(fn):
    d = open(fn, 'rb').read()
    if len(d) < 24 or struct.unpack('<I', d[:4])[0] not in (0xa1b2c3d4, 0xa1b23c4d):
        return None, None
    if struct.unpack('<I', d[20:24])[0] not in LINKS:
        return None, None
    off, pk = 24, []
    while off + 16 <= len(d) and len(pk) < 100:
        cl = struct.unpack('<I', d[off + 8:off + 12])[0]
        off += 16
        if cl > 65535:
            break
        pk.append(d[off:off + cl])
        off += cl
    return d[:24], pk

usable = [(h, p) for h, p in map(packets, srcs) if h and p]
rnd.shuffle(usable)
for n, (hdr, pk) in enumerate(usable[:count]):
    with open(os.path.join(out, 'm%04d.pcap' % n), 'wb') as f:
        f.write(hdr[:16] + struct.pack('<I', 262144) + hdr[20:24])
        for p in pk:
            for _ in range(3):
                b = bytearray(p)
                for _ in range(rnd.randint(1, 6)):
                    if b:
                        b[rnd.randrange(len(b))] = rnd.randrange(256)
                if b and rnd.random() < 0.3:
                    b = b[:rnd.randrange(len(b))]
                f.write(struct.pack('<IIII', 1, 2, len(b), len(b) + rnd.choice([0, 0, 10, 1000])))
                f.write(b)
