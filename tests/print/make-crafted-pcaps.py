#!/usr/bin/env python3
"""Writes small captures for the link layers and fallbacks that tcpdump's own test captures
cover thinly: Linux cooked SLL and SLL2 (every packet type, VLAN inside, unknown protocol,
a short header), BSD NULL (both byte orders) and LOOP, Ethernet with 802.1Q / 0x9100 / QinQ
tags (PCP, DEI), unknown ethertypes, raw IPv4 with an unknown protocol, fragments and IP
options.  Payloads are TCP, UDP and ICMP echo on ports without payload printers.  Output
directory: argv[1] (default tests/data/print/pcaps).  Expected outputs come from tcpdump
(regen-golden.sh)."""
import os
import struct
import sys

out = sys.argv[1] if len(sys.argv) > 1 else 'tests/data/print/pcaps'

def pcap(name, dlt, frames):
    with open(os.path.join(out, name), 'wb') as f:
        f.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, dlt))
        for i, fr in enumerate(frames):
            p, wire = fr if isinstance(fr, tuple) else (fr, len(fr))
            f.write(struct.pack('<IIII', 1500000000 + i, 250000 * i % 1000000, len(p), wire))
            f.write(p)

def cksum(b):
    if len(b) % 2:
        b += b'\0'
    s = sum(struct.unpack('>%dH' % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff

def ip(proto, payload, off=0, opts=b'', ttl=64, src=(10, 0, 0, 1), dst=(10, 0, 0, 2)):
    hl = (20 + len(opts)) // 4
    h = struct.pack('>BBHHHBBH4s4s', 0x40 | hl, 0, 20 + len(opts) + len(payload), 7, off, ttl,
                    proto, 0, bytes(src), bytes(dst)) + opts
    h = h[:10] + struct.pack('>H', cksum(h)) + h[12:]
    return h + payload

def tcp(flags, payload=b'', opts=b''):
    hl = (20 + len(opts)) // 4
    return struct.pack('>HHIIBBHHH', 40000, 40001, 1000, 2000, hl << 4, flags, 512, 0, 0) + \
        opts + payload

def udp(payload):
    return struct.pack('>HHHH', 40002, 40003, 8 + len(payload), 0) + payload

icmp = bytes.fromhex('0800f7f600010008') + b'ping'
packets = [ip(6, tcp(0x02, opts=bytes.fromhex('020405b40402080a0000000100000000010303'
                                              '07'))),
           ip(6, tcp(0x18, b'hello')), ip(17, udp(b'data')), ip(1, icmp),
           ip(99, b'xyz'), ip(17, udp(b'fragmented'), off=0x2000),
           ip(17, b'tail of it', off=0x0003),
           ip(17, udp(b'opts'), opts=b'\x94\x04\x00\x00'),
           ip(17, udp(b'rr'), opts=b'\x01\x07\x07\x04\x0a\x00\x00\x01')]

mac1, mac2 = bytes([0, 0x11, 0x22, 0x33, 0x44, 0x55]), bytes([2, 0, 0, 0, 0, 1])

def eth(t, p, tags=b''):
    return mac2 + mac1 + tags + struct.pack('>H', t) + p

ether = [eth(0x0800, p) for p in packets]
ether += [eth(0x0800, packets[1], tags=b'\x81\x00\xa0\x64'),           # PCP 5, VLAN 100
          eth(0x0800, packets[2], tags=b'\x81\x00\x30\x0a'),           # DEI
          eth(0x0800, packets[3], tags=b'\x88\xa8\x00\xc8\x81\x00\x07\xd1'),
          eth(0x0800, packets[3], tags=b'\x91\x00\x00\x05'),
          eth(0x88b5, b'local experimental ethertype'),
          eth(0x1234, b'\x00' * 30, tags=b'\x81\x00\x00\x05'),
          eth(0x86dd, b''),                                             # empty IPv6
          (eth(0x0800, packets[2])[:20], 60)]
pcap('link-ether.pcap', 1, ether)

def sll(pkttype, proto, p, halen=6):
    return struct.pack('>HHH8sH', pkttype, 1, halen, mac1 + b'\0\0', proto) + p

pcap('link-sll.pcap', 113,
     [sll(t, 0x0800, packets[t]) for t in range(5)] +
     [sll(0, 0x0800, packets[5], halen=0), sll(1, 0x1234, b'unknown proto'),
      sll(3, 0x8100, b'\x00\x05\x08\x00' + packets[0]), (sll(0, 0x0800, b'')[:9], 40)])

def sll2(pkttype, proto, p, ifindex=1):
    return struct.pack('>HHIHBB8s', proto, 0, ifindex, 1, pkttype, 6, mac1 + b'\0\0') + p

pcap('link-sll2.pcap', 276,
     [sll2(t, 0x0800, packets[t]) for t in range(5)] +
     [sll2(0, 0x0800, packets[6], ifindex=4000000), sll2(1, 0x1234, b'unknown proto'),
      sll2(4, 0x8100, b'\x00\x05\x08\x00' + packets[1]), (sll2(0, 0x0800, b'')[:12], 40)])

pcap('link-null.pcap', 0,
     [struct.pack('<I', 2) + p for p in packets[:4]] +
     [struct.pack('>I', 2) + packets[4], struct.pack('<I', 99) + b'unknown family',
      (b'\x02\x00', 30)])
pcap('link-loop.pcap', 108,
     [struct.pack('>I', 2) + p for p in packets[:4]] + [struct.pack('>I', 99) + b'unknown family'])
pcap('link-ipv4.pcap', 228, packets + [b'\x50' + packets[0][1:], (packets[2][:8], 40)])

# ---- TCP: a connection with relative sequence numbers, SACK, RST data, urgent data, ECN
# flags, every common option, and malformed headers; checksums are correct unless noted.
A, B = (192, 0, 2, 1), (198, 51, 100, 7)

def tcp_seg(src, dst, sport, dport, seq, ack, flags, payload=b'', opts=b'', win=65535, urp=0,
            hl=None, good_sum=True):
    hl = hl if hl is not None else (20 + len(opts)) // 4
    t = struct.pack('>HHIIBBHHH', sport, dport, seq, ack, hl << 4, flags, win, 0, urp) + opts + \
        payload
    pseudo = bytes(src) + bytes(dst) + struct.pack('>BBH', 0, 6, len(t))
    s = cksum(pseudo + t) if good_sum else 0x1234
    t = t[:16] + struct.pack('>H', s) + t[18:]
    return ip(6, t, src=src, dst=dst)

c, s = 0x10000000, 0xf0000000
conv = [
    tcp_seg(A, B, 50000, 40080, c, 0, 0x02, opts=bytes.fromhex('020405b4') +
            bytes.fromhex('0402080a0000000a00000000') + bytes.fromhex('01030307')),
    tcp_seg(B, A, 40080, 50000, s, c + 1, 0x12, opts=bytes.fromhex('020405b40402') +
            bytes.fromhex('080a000000140000000a') + bytes.fromhex('01030302') + b'\x01\x00'),
    tcp_seg(A, B, 50000, 40080, c + 1, s + 1, 0x10),
    tcp_seg(A, B, 50000, 40080, c + 1, s + 1, 0x18, b'GET x\r\n'),
    tcp_seg(B, A, 40080, 50000, s + 1, c + 8, 0x10,
            opts=b'\x01\x01\x05\x12' + struct.pack('>IIII', c + 100, c + 200, c + 300,
                                                    c + 400) + b'\x00\x00'),
    tcp_seg(B, A, 40080, 50000, s + 1, c + 8, 0x38, b'urgent!', urp=3),
    tcp_seg(A, B, 50000, 40080, c + 8, s + 8, 0xd0, good_sum=False),
    tcp_seg(A, B, 50000, 40080, c + 8, s + 8, 0x14, b'reset \x01\x80 reason text that is long'),
    tcp_seg(B, A, 40080, 50000, s + 8, c + 8, 0x11),
    tcp_seg(A, B, 50000, 40080, c + 8, s + 9, 0x10, opts=b'\x22\x02\x1e\x02\xfe\x06\xf9\x89\x01'
            b'\x02\xfd\x04\xab\xcd'),
    tcp_seg(A, B, 50000, 40080, c + 8, s + 9, 0x10, opts=b'\x08\x03\x00\x00'),
    tcp_seg(A, B, 50000, 40080, c + 8, s + 9, 0x10, hl=4),
    tcp_seg(A, B, 50000, 40080, c + 8, s + 9, 0x10, hl=15),
    tcp_seg(A, B, 50000, 40080, 1, 2, 0x00),
    tcp_seg(A, B, 7, 7, 5, 6, 0x10),
]
pcap('tcp-features.pcap', 228, conv)

# ---- ICMP: every type tcpdump names, unreachable and redirect codes, quoted datagrams
# (UDP, TCP, ICMP), router advertisements, time stamps; and UDP length/checksum cases.
def icmp_msg(t, code, rest, body=b''):
    m = struct.pack('>BBH', t, code, 0) + rest + body
    return m[:2] + struct.pack('>H', cksum(m)) + m[4:]

def udp_seg(src, dst, sport, dport, payload, ulen=None, zero_sum=False, bad_sum=False):
    u = struct.pack('>HHHH', sport, dport, ulen if ulen is not None else 8 + len(payload), 0) + \
        payload
    if not zero_sum:
        pseudo = bytes(src) + bytes(dst) + struct.pack('>BBH', 0, 17, len(u))
        sm = cksum(pseudo + u) if not bad_sum else 0xbeef
        u = u[:6] + struct.pack('>H', sm or 0xffff) + u[8:]
    return ip(17, u, src=src, dst=dst)

q_udp = udp_seg(B, A, 33434, 33435, b'probe')
q_tcp = tcp_seg(B, A, 40000, 22, 1, 0, 0x02)
q_icmp = ip(1, icmp_msg(8, 0, struct.pack('>HH', 9, 1), b'hi'), src=B, dst=A)
msgs = [icmp_msg(0, 0, struct.pack('>HH', 7, 3), b'pong')]
for code in range(16):
    msgs.append(icmp_msg(3, code, struct.pack('>HH', 0, 1400 if code == 4 else 0),
                         q_tcp if code == 3 else q_udp))
msgs += [icmp_msg(3, 3, b'\0' * 4, q_icmp), icmp_msg(3, 3, b'\0' * 4, q_udp),
         icmp_msg(3, 99, b'\0' * 4, q_udp), icmp_msg(4, 0, b'\0' * 4, q_udp)]
for code in range(5):
    msgs.append(icmp_msg(5, code, bytes([10, 9, 8, 7]), q_udp))
msgs += [icmp_msg(9, 0, struct.pack('>BBH', 2, 2, 1800),
                  bytes([10, 0, 0, 1]) + struct.pack('>I', 5) + bytes([10, 0, 0, 2]) +
                  struct.pack('>I', 0)),
         icmp_msg(9, 0, struct.pack('>BBH', 1, 2, 30), bytes([10, 0, 0, 1]) + b'\0' * 4),
         icmp_msg(9, 0, struct.pack('>BBH', 1, 3, 7200), b'\0' * 12),
         icmp_msg(10, 0, b'\0' * 4)]
for code in range(3):
    msgs.append(icmp_msg(11, code, b'\0' * 4, q_udp))
msgs += [icmp_msg(12, 0, bytes([20, 0, 0, 0]), q_udp), icmp_msg(12, 1, b'\0' * 4, q_udp),
         icmp_msg(13, 0, struct.pack('>HH', 5, 6), b'\0' * 12),
         icmp_msg(14, 0, struct.pack('>HH', 5, 6), struct.pack('>III', 3723004, 3723005,
                                                                86399999)),
         icmp_msg(15, 0, struct.pack('>HH', 1, 2)), icmp_msg(16, 0, struct.pack('>HH', 1, 2)),
         icmp_msg(17, 0, struct.pack('>HH', 1, 2), b'\0' * 4),
         icmp_msg(18, 0, struct.pack('>HH', 1, 2), bytes([255, 255, 255, 0])),
         icmp_msg(42, 7, b'\0' * 4, b'unknown type')]
icmp_pkts = [ip(1, m, src=A, dst=B) for m in msgs]
bad = bytearray(ip(1, msgs[0], src=A, dst=B))
bad[-1] ^= 0xff
icmp_pkts.append(bytes(bad))
icmp_pkts.append(ip(1, icmp_msg(3, 1, b'\0' * 4, q_udp), src=A, dst=B, off=0x2000))
udp_pkts = [udp_seg(A, B, 40000, 40001, b'checked'),
            udp_seg(A, B, 40000, 40001, b'no sum', zero_sum=True),
            udp_seg(A, B, 40000, 40001, b'bad sum', bad_sum=True),
            udp_seg(A, B, 40000, 40001, b'long', ulen=40),
            udp_seg(A, B, 40000, 40001, b'short', ulen=4),
            udp_seg(A, B, 40000, 40001, b'x' * 20, ulen=12),
            (udp_seg(A, B, 40000, 40001, b'cut')[:25], 31),
            ip(17, b'\x9c\x40\x9c', src=A, dst=B)]
pcap('icmp-udp-features.pcap', 228, icmp_pkts + udp_pkts)

# ---- ARP/RARP and inverse ARP, other hardware and protocol types; HTTP on port 80.
def arp_pkt(op, hrd=1, pro=0x0800, hln=6, pln=4, sha=mac1, spa=bytes([10, 0, 0, 1]),
            tha=bytes(6), tpa=bytes([10, 0, 0, 2])):
    return struct.pack('>HHBBH', hrd, pro, hln, pln, op) + sha[:hln] + spa[:pln] + \
        tha[:hln] + tpa[:pln]

arps = [eth(0x0806, arp_pkt(1)), eth(0x0806, arp_pkt(1, tha=mac2)), eth(0x0806, arp_pkt(2)),
        eth(0x8035, arp_pkt(3, tha=mac2)), eth(0x8035, arp_pkt(4, tha=mac2)),
        eth(0x0806, arp_pkt(8, tha=mac2)), eth(0x0806, arp_pkt(9)),
        eth(0x0806, arp_pkt(10)), eth(0x0806, arp_pkt(77)),
        eth(0x0806, arp_pkt(1, hrd=6)), eth(0x0806, arp_pkt(1, hrd=99)),
        eth(0x0806, arp_pkt(1, pro=0x86dd)), eth(0x0806, arp_pkt(1, pln=2)),
        eth(0x0806, arp_pkt(2, hln=8, sha=mac1 + b'\xaa\xbb', tha=bytes(8))),
        eth(0x0806, arp_pkt(1, hln=0))]

def http(payload, sport=51000, dport=80):
    return eth(0x0800, tcp_seg(A, B, sport, dport, 77, 88, 0x18, payload))

https = [http(b'GET /index.html HTTP/1.1\r\nHost: example\r\nAccept: */*\r\n\r\n'),
         http(b'HTTP/1.1 404 Not Found\r\nServer: x\r\n\r\nbody', sport=80, dport=51000),
         http(b'continuation of a body', sport=80, dport=51000),
         http(b'POST /form HTTP/1.0\nContent-Length: 3\n\nabc'),
         http(b'get /lower HTTP/1.1\r\n'),
         http(b'GET /no-newline'), http(b'GET /cr\rx\r\n'),
         http(b'OPTIONS * HTTP/1.1\r\n\x01binary\r\n'),
         http(b'HTTP/1.1 200 OK\r\n', sport=8080, dport=51000)]
pcap('arp-http-features.pcap', 1, arps + https)

# ---- -A text: CR before LF, CR elsewhere, CR among the last two bytes, tabs and spaces.
texts = [b'line one\r\nline two\r\n', b'a\rb\tc d\r\n\r', b'ends with CR\rx', b'\rfirst\r\rx\r',
         b'x\r', b'\r']
pcap('ascii-features.pcap', 1, [eth(0x0800, ip(200, t)) for t in texts])

# ---- IGMP: v3 reports with group records and sources, leave, v2 report, unknown type.
def igmp(body):
    return body[:2] + struct.pack('>H', cksum(body)) + body[4:]

v3rep = igmp(struct.pack('>BBHHH', 0x22, 0, 0, 0, 3) +
             struct.pack('>BBH4s', 1, 0, 0, bytes([239, 1, 1, 1])) +
             struct.pack('>BBH4s', 5, 0, 2, bytes([239, 2, 2, 2])) + bytes([10, 0, 0, 1, 10, 0, 0, 2]) +
             struct.pack('>BBH4s', 9, 0, 0, bytes([239, 3, 3, 3])))
igmps = [v3rep, igmp(struct.pack('>BBH4s', 0x17, 0, 0, bytes([239, 1, 1, 1]))),
         igmp(struct.pack('>BBH4s', 0x16, 0, 0, bytes([239, 1, 1, 1]))),
         struct.pack('>BBH4s', 0x16, 0, 0x1234, bytes([239, 1, 1, 1])),
         igmp(struct.pack('>BBH4s', 0x33, 0, 0, bytes(4))),
         igmp(struct.pack('>BBH4sBBH', 0x11, 0x8a, 0, bytes([239, 1, 1, 1]), 2, 125, 1) +
              bytes([10, 0, 0, 9]))]
pcap('igmp-features.pcap', 228, [ip(2, g, opts=b'\x94\x04\x00\x00', ttl=1) for g in igmps])

# ---- MPLS label stacks on Ethernet: explicit NULLs, a guessed IPv4 payload under two
# labels (router alert on top), an unknown payload, a stack without a bottom.
def lse(label, tc=0, s=0, ttl=64):
    return struct.pack('>I', label << 12 | tc << 9 | s << 8 | ttl)

mpls = [eth(0x8847, lse(0, s=1) + packets[2]), eth(0x8847, lse(1, tc=5) + lse(3000, s=1, ttl=9) + packets[3]),
        eth(0x8848, lse(2, s=1) + b'\x60' + b'\0' * 39), eth(0x8847, lse(77, s=1) + b'\x99unknown payload'),
        eth(0x8847, lse(5) + lse(6)), eth(0x8847, b'\x00\x01')]
pcap('mpls-features.pcap', 1, mpls)
