#!/usr/bin/env python3
"""Writes tests/data/print/pcaps/truncated-core.pcap: IPv4 TCP (with options), ICMP echo,
ICMP port unreachable, UDP and IPv4 with route/timestamp options, each cut at many lengths,
plus cut ARP frames, all on Ethernet.  It exercises where each printer stops ("[|tcp]",
"[|icmp]", ...) and which part of the frame -x/-X/-A dump then; the expected outputs are
tcpdump's (regen-golden.sh), never ours."""
import struct
import sys

def pcap(fn, dlt, pkts):
    with open(fn, 'wb') as f:
        f.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, dlt))
        for i, (p, wire) in enumerate(pkts):
            f.write(struct.pack('<IIII', 1000 + i, 5, len(p), wire))
            f.write(p)

def ip(proto, payload, opts=b''):
    hl = (20 + len(opts)) // 4
    return struct.pack('>BBHHHBBH4s4s', 0x40 | hl, 0, 20 + len(opts) + len(payload), 1, 0, 64,
                       proto, 0, bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])) + opts + payload

eth = bytes(6) + bytes([1, 2, 3, 4, 5, 6]) + b'\x08\x00'
tcp = bytes.fromhex('00500051000000010000000280027fff00000000') + \
    bytes.fromhex('020405b4080a0000000100000002')
icmp_echo = bytes.fromhex('0800f7ff00010002') + b'abcd'
udp = bytes.fromhex('9c409c4100100000') + b'x' * 8
icmp_unreach = bytes.fromhex('0303fcfc00000000') + ip(17, udp[:8])
packets = [ip(6, tcp), ip(1, icmp_echo), ip(1, icmp_unreach), ip(17, udp),
           ip(200, b'abcdefgh', opts=b'\x07\x07\x04\x0a\x00\x00\x01\x00'),
           ip(200, b'abcdefgh', opts=b'\x44\x0c\x05\x01\x0a\x00\x00\x01\x00\x00\x00\x01')]
frames = []
for p in packets:
    for cut in (10, 21, 24, 30, 34, 38, 44, 48, 56):
        if cut < len(p):
            frames.append((eth + p[:cut], 14 + len(p)))
arp = bytes.fromhex('0001080006040001') + bytes(6) + bytes([10, 0, 0, 1]) + bytes(6) + \
    bytes([10, 0, 0, 2])
for cut in (4, 10, 20, 27):
    frames.append((bytes(6) + bytes([1, 2, 3, 4, 5, 6]) + b'\x08\x06' + arp[:cut], 14 + len(arp)))
pcap(sys.argv[1] if len(sys.argv) > 1 else 'tests/data/print/pcaps/truncated-core.pcap', 1, frames)
