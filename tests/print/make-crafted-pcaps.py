#!/usr/bin/env python3
"""Writes the hand-made captures of the golden tests.

Part 1 (the core printers): small captures for the link layers and fallbacks that tcpdump's own test captures
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

# ---- TCP options cut by the capture at every third byte, over IPv4 and IPv6: the MD5
# signature option (why it is not checked), "[|tcp]>" after a cut option, a bad length.
def tcp_opt_frames():
    def v4(p):
        return struct.pack('>BBHHHBBH4s4s', 0x45, 0, 20 + len(p), 1, 0, 64, 6, 0,
                           bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])) + p
    def v6(p):
        return struct.pack('>IHBB16s16s', 0x60000000, len(p), 6, 64,
                           bytes([0x20, 1] + [0] * 13 + [1]), bytes([0x20, 1] + [0] * 13 + [2])) + p
    def seg(opts, payload=b'hello'):
        return struct.pack('>HHIIBBHHH', 1234, 80, 1, 2, (20 + len(opts)) // 4 << 4, 0x18, 1000, 0,
                           0) + opts + payload
    frames = []
    for mk in (v4, v6):
        for opts in (bytes([19, 18]) + bytes(range(16)) + b'\x01\x01',
                     bytes([19, 10]) + bytes(8) + b'\x01\x01',
                     b'\x02\x04\x05\xb4\x01\x03\x03\x07\x08\x0a' + bytes(8) + b'\x00\x00'):
            full = mk(seg(opts))
            frames.append((full, len(full)))
            for cut in range(len(full) - len(opts) - 7, len(full) - 4, 3):
                frames.append((full[:cut], len(full)))
    return frames

pcap('tcp-options-cut.pcap', 101, tcp_opt_frames())

# ---- UDP payload printers chosen by port: every crossed pair of the ports that have one
# (tcpdump's if/else order decides which printer gets the payload).
def udp_port_order_frames():
    ports = [53, 5353, 69, 67, 68, 520, 500, 4500, 123, 546, 547, 1645, 1812, 1646, 1813,
             1700, 3799, 1985, 49152, 3784, 4784, 6784, 3785, 514, 4789, 6081, 4342, 4790,
             6635, 40000]
    payload = bytearray(bytes([0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0]) +
                        b'\x03www\x00\x00\x01\x00\x01' + bytes(40))
    payload[20:22] = b'\x88\xb5'  # an inner Ethernet type for VXLAN: not 802.3/LLC
    frames = []
    for a in ports:
        for b in ports:
            if a != b:
                u = struct.pack('>HHHH', a, b, 8 + len(payload), 0) + bytes(payload)
                frames.append(struct.pack('>BBHHHBBH4s4s', 0x45, 0, 20 + len(u), 1, 0, 64, 17, 0,
                                          bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])) + u)
    return frames

pcap('udp-port-order.pcap', 101, udp_port_order_frames())

# ---- TCP payload printers chosen by port, every crossed pair (an SSH line then an HTTP
# request, so each printer shows something of its own).
def tcp_port_order_frames():
    ports = [80, 8080, 53, 179, 22, 2049, 6633, 6653, 40000]
    payload = b'SSH-2.0-x\r\nGET / HTTP/1.0\r\n\r\n' + bytes(30)
    frames = []
    for a in ports:
        for b in ports:
            if a != b:
                t = struct.pack('>HHIIBBHHH', a, b, 1, 2, 5 << 4, 0x18, 1000, 0, 0) + payload
                frames.append(struct.pack('>BBHHHBBH4s4s', 0x45, 0, 20 + len(t), 1, 0, 64, 6, 0,
                                          bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])) + t)
    return frames

pcap('tcp-port-order.pcap', 101, tcp_port_order_frames())

# ---- Part 2 (the printx printers): GRE, VXLAN, Geneve, BFD, ... edge cases that tcpdump's
# own test captures do not cover, and every truncation point of a few frames (px-*.pcap).
# Its helpers are its own (they shadow part 1's names only after part 1 has run).
OUT = out


def cksum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def ipv4(proto, payload, src="10.0.0.1", dst="10.0.0.2", total=None):
    a = bytes(int(x) for x in src.split("."))
    b = bytes(int(x) for x in dst.split("."))
    tl = total if total is not None else 20 + len(payload)
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, tl, 1, 0, 64, proto, 0, a, b)
    h = h[:10] + struct.pack("!H", cksum(h)) + h[12:]
    return h + payload


def udp(sport, dport, payload):
    return struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload


def ether(etype, payload, dst=b"\x02\0\0\0\0\x02", src=b"\x02\0\0\0\0\x01"):
    return dst + src + struct.pack("!H", etype) + payload


def inner_udp():
    return ipv4(17, udp(1234, 5678, b"hello"), "192.168.1.1", "192.168.1.2")


def write(name, frames):
    """frames: list of bytes or (bytes, caplen) for truncated records."""
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for i, fr in enumerate(frames):
            data, cap = (fr if isinstance(fr, tuple) else (fr, len(fr)))
            f.write(struct.pack("<IIII", 1700000000 + i, 1000 * i, cap, len(data)))
            f.write(data[:cap])


def gre(flags_ver, proto, rest=b""):
    return struct.pack("!HH", flags_ver, proto) + rest


def gre_frames():
    inner = inner_udp()
    sre_ip = struct.pack("!HBB", 0x0800, 4, 12) + bytes([1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3])
    sre_asn = struct.pack("!HBB", 0xFFFE, 2, 6) + struct.pack("!HHH", 100, 200, 0xFFFF)
    sre_end = struct.pack("!HBB", 0, 0, 0)
    gres = [
        # checksum + key + sequence, IPv4 inside
        gre(0xB000, 0x0800, struct.pack("!HHII", 0x1234, 0, 0xDEADBEEF, 7) + inner),
        # key only, TEB (an Ethernet frame inside)
        gre(0x2000, 0x6558, struct.pack("!I", 42) + ether(0x0800, inner)),
        # routing: an IPv4 source route and an AS route, then the null entry
        gre(0xC000, 0x0800, struct.pack("!HH", 0, 4) + sre_ip + sre_asn + sre_end + inner),
        # routing with bad entries
        gre(0x4000, 0x0800, struct.pack("!HH", 0, 0) + struct.pack("!HBB", 0x0800, 2, 8) + b"\0" * 8),
        gre(0x4000, 0x0800, struct.pack("!HH", 0, 0) + struct.pack("!HBB", 0x0800, 0, 6) + b"\0" * 8),
        gre(0x4000, 0x0800, struct.pack("!HH", 0, 0) + struct.pack("!HBB", 0x0800, 8, 8) + b"\0" * 8),
        gre(0x4000, 0x0800, struct.pack("!HH", 0, 0) + struct.pack("!HBB", 0xFFFE, 1, 4) + b"\0" * 8),
        gre(0x4000, 0x0800, struct.pack("!HH", 0, 0) + struct.pack("!HBB", 0x1234, 0, 4) + b"\0" * 4 + sre_end + inner),
        # routing entries running past the GRE length
        gre(0x4000, 0x0800, struct.pack("!HH", 0, 0) + struct.pack("!HBB", 0x0800, 0, 16) + b"\1" * 4),
        # enhanced GRE (PPTP): an ack-only packet without payload
        gre(0x2081, 0x880B, struct.pack("!HHI", 0, 0x4321, 9)),
        # unknown version; unknown payload type; IPv6 inside
        gre(0x0002, 0x0800, inner),
        gre(0x0000, 0x9999, b"abcd"),
        # the header claims fields the GRE length does not have
        gre(0x3000, 0x0800, b"\0\0"),
        gre(0x8000, 0x0800, b""),
        gre(0x0000, 0x0800, b"")[:3],
        gre(0x1000, 0x0800, b"\0\0\0\1"),
    ]
    frames = [ether(0x0800, ipv4(47, g)) for g in gres]
    # truncated captures: inside the key, inside the inner IPv4 header
    full = ether(0x0800, ipv4(47, gres[0]))
    frames.append((full, 14 + 20 + 10))
    frames.append((full, 14 + 20 + 16 + 10))
    return frames


def vxlan_frames():
    inner = ether(0x0800, inner_udp())
    def vx(flags, vni, payload, sport=40000, dport=4789):
        return ether(0x0800, ipv4(17, udp(sport, dport, struct.pack("!B3xI", flags, vni << 8) + payload)))
    frames = [
        vx(0x08, 4096, inner),
        vx(0x00, 1, inner),                       # I flag clear
        vx(0x08, 0xFFFFFF, inner, 4789, 40000),   # source port 4789 only: not VXLAN
        ether(0x0800, ipv4(17, udp(40000, 4789, b"\x08\0\0"))),  # shorter than the header
        vx(0x08, 7, ether(0x0806, b"")),          # inner frame without payload
    ]
    full = vx(0x08, 9, inner)
    frames.append((full, 14 + 20 + 8 + 5))        # cut inside the VXLAN header
    frames.append((full, 14 + 20 + 8 + 8 + 10))   # cut inside the inner Ethernet header
    return frames


def geneve_frames():
    inner = ether(0x0800, inner_udp())
    def opt(cls, typ, data):
        return struct.pack("!HBB", cls, typ, len(data) // 4) + data
    def gn(ver, optlen_words, flags, prot, vni, opts, payload, rsvd=0):
        h = struct.pack("!BBH", (ver << 6) | optlen_words, flags, prot) + struct.pack("!I", vni << 8 | rsvd)
        return ether(0x0800, ipv4(17, udp(50000, 6081, h + opts + payload)))
    o1 = opt(0x0100, 0x01, b"\x11\x22\x33\x44") + opt(0x0101, 0x82, b"") + opt(0xFFF5, 0x03, b"\xaa" * 8)
    o2 = opt(0x0050, 0x80, b"") + opt(0x0200, 0x00, b"\x01\x02\x03\x04")
    frames = [
        gn(0, len(o1) // 4, 0xC0, 0x6558, 0x123456, o1, inner),
        gn(0, len(o2) // 4, 0x3F, 0x0800, 5, o2, inner_udp(), rsvd=7),
        gn(0, 0, 0x00, 0x1234, 6, b"", b"xyz"),
        gn(1, 0, 0x00, 0x6558, 6, b"", inner),             # unknown version
        gn(0, 4, 0x00, 0x6558, 6, b"", b"\0\0\0\0"),       # options longer than the datagram
        gn(0, 1, 0x00, 0x6558, 6, struct.pack("!HBB", 0x0104, 1, 3), inner),  # option too long
    ]
    full = gn(0, len(o1) // 4, 0xC0, 0x6558, 0x123456, o1, inner)
    frames.append((full, 14 + 20 + 8 + 6))         # cut inside the fixed header
    frames.append((full, 14 + 20 + 8 + 8 + 10))    # cut inside the options
    return frames


def bfd_frames():
    def bfd(sport, dport, payload):
        return ether(0x0800, ipv4(17, udp(sport, dport, payload)))
    def ctl(vers, diag, flags, mult=3, length=24, auth=b""):
        return struct.pack("!BBBB", vers << 5 | diag, flags, mult, length) + struct.pack(
            "!IIIII", 0x11223344, 0x55667788, 300000, 1000000, 50000) + auth
    md5 = struct.pack("!BBBBI", 2, 24, 9, 0, 77) + bytes(range(16))
    sha = struct.pack("!BBBBI", 5, 28, 1, 0, 78) + bytes(range(20))
    pw = struct.pack("!BBB", 1, 8, 3) + b"s3c\x01t"
    return [
        bfd(50152, 3784, ctl(1, 3, 0xC0 | 0x3F, mult=255)),        # every v1 flag, state Up
        bfd(50153, 4784, ctl(1, 8, 0x44, auth=md5)),               # multihop, MD5
        bfd(50154, 6784, ctl(1, 31, 0x04, auth=sha)),              # LAG, meticulous SHA1
        bfd(50155, 3784, ctl(1, 0, 0x04, auth=pw)),                # password with a control byte
        bfd(50156, 3784, ctl(1, 0, 0x04, auth=struct.pack("!BBB", 1, 30, 0) + b"x" * 27)),
        bfd(50157, 3784, ctl(1, 0, 0x04, auth=struct.pack("!BBBB", 2, 20, 0, 0) + b"y" * 16)),
        bfd(50158, 3784, ctl(1, 0, 0x04, auth=struct.pack("!BBBB", 9, 4, 0, 0))),
        bfd(50159, 3784, ctl(0, 2, 0xFF)),                         # version 0, every flag
        bfd(50160, 3784, ctl(0, 5, 0x04, auth=md5)),
        bfd(50161, 3784, ctl(3, 0, 0x00)),                         # unknown version
        bfd(4784, 50162, ctl(1, 0, 0x00)),                         # source port only
        bfd(50163, 3785, b"echo-payload"),
        bfd(50164, 3784, ctl(1, 0, 0x00)[:20]),                    # shorter than the header
    ]


def ntp_frames():
    def ntp(payload, sport=50123, dport=123):
        return ether(0x0800, ipv4(17, udp(sport, dport, payload)))
    def tmsg(li_vn_mode, stratum, poll, prec, refid, ts, extra=b""):
        h = struct.pack("!BBbb", li_vn_mode, stratum, poll, prec)
        h += struct.pack("!HHHH", 1, 0x8000, 0, 0x0010) + refid
        for sec, frac in ts:
            h += struct.pack("!II", sec, frac)
        return h + extra
    ts = [(3900000000, 0x80000000), (3900000001, 0x40000000), (3900000000, 0xC0000000),
          (3899999999, 0x10000000)]
    ctl = lambda op, status, count, data=b"": struct.pack("!BBHHHHH", 0x16, op, 7, status, 3, 0, count) + data
    return [
        ntp(tmsg(0x1C, 1, -6, -20, b"GPS\x00", ts)),                      # primary: refid text
        ntp(tmsg(0x23, 62, 4, -1, bytes([10, 1, 2, 3]), ts)),           # INFO_QUERY
        ntp(tmsg(0x24, 63, 4, -1, bytes([10, 1, 2, 4]), ts)),           # INFO_REPLY
        ntp(tmsg(0x25, 16, 40, 0, b"\x01\x02\x03\x04", ts, struct.pack("!I", 99))),
        ntp(tmsg(0x21, 3, 17, 0, b"abcd", ts, struct.pack("!I", 5) + bytes(range(20)))),
        ntp(tmsg(0xE2, 2, 0, 0, b"abcd", ts, b"\0" * 12)),              # 12 unknown bytes
        ntp(tmsg(0x23, 2, 0, 0, b"abcd", [(0, 0), (0, 0), (5, 1), (3, 2)])),
        ntp(tmsg(0x23, 2, 0, 0, b"abcd", ts)[:40]),                      # shorter than the header
        ntp(ctl(0x02, 0, 0)),
        ntp(ctl(0xE1, 0x0618, 4, b"abcd")),
        ntp(ctl(0x42, 0x8011, 200, b"abcd")),                           # count past the end
        ntp(b"\x16\x01\x00"),                                         # control, too short
        ntp(b"\x1f" + b"\0" * 10),                                     # mode 7
    ]


def bootp_frames():
    def dhcp(op, opts, htype=1, hlen=6, sname=b"", bfile=b"", magic=b"\x63\x82\x53\x63",
             ports=(68, 67)):
        h = struct.pack("!BBBBIHH", op, htype, hlen, 2, 0xABCDEF01, 7, 0x8000)
        h += bytes([192, 0, 2, 1, 192, 0, 2, 2, 192, 0, 2, 3, 192, 0, 2, 4])
        h += b"\x02\x11\x22\x33\x44\x55" + b"\0" * 10
        h += sname.ljust(64, b"\0") + bfile.ljust(128, b"\0") + magic + opts
        return ether(0x0800, ipv4(17, udp(ports[0], ports[1], h)))
    def o(tag, data):
        return bytes([tag, len(data)]) + data
    opts1 = (o(53, b"\x09") + o(2, struct.pack("!i", -3600)) + o(19, b"\x00\x01\x05")
             + o(23, b"\x40") + o(25, struct.pack("!HHH", 68, 296, 576)) + o(46, b"\x08")
             + o(52, b"\x03") + o(81, b"\x05\x00\x00host.example") + o(81, b"\x01")
             + o(61, b"\x00client-name") + o(61, b"\x63\x01\x02\x03") + o(61, b"")
             + o(82, b"\x01\x04eth0\x02\x03abc\x09\x02\xbe\xef\x06\x09toolong")
             + o(121, b"\x18\x0a\x01\x02\xc0\x00\x02\x01\x00\xc0\x00\x02\x02\x21")
             + o(249, b"\x08\x0a\xc0\x00\x02\x01\x10\x0a") + o(121, b"\x01")
             + o(77, b"\x03abc\x00") + o(77, b"\x05ab") + o(77, b"\x01")
             + o(126, b"\x00\x05\x01\x02") + o(200, b"\x01\x02\x03") + o(201, b"\x01\x02")
             + o(202, b"\x01\x02\x03\x04\x05\x06\x07\x08") + o(33, b"\x01\x02")
             + o(55, bytes([1, 3, 6, 15, 200, 121, 44, 46, 0, 255])) + b"\0\0\0" + o(1, b"\xff\xff\xff\x00")
             + b"\xff" + b"\0" * 4)
    cmu = b"CMU\0" + struct.pack("!I", 0x03000000) + bytes([255, 255, 255, 0, 10, 0, 0, 1]) + b"\0" * 4 + bytes([10, 0, 0, 2]) + b"\0" * 40
    return [
        dhcp(1, opts1, sname=b"server\x01name", bfile=b"/boot/pxe\x7f"),
        dhcp(2, o(53, b"\x05") + o(51, b"\0\0\x0e\x10") + b"\xff", ports=(67, 68)),
        dhcp(1, b"", htype=6, hlen=16),
        dhcp(3, b"", magic=cmu),
        dhcp(2, b"", magic=b"\x01\x02\x03\x04", ports=(67, 68)),
        dhcp(2, b"", magic=b"\0\0\0\0", ports=(67, 68)),
        dhcp(1, o(12, b"truncated-hostname")[:10]),
    ]


def pim_frames():
    def pim(typ, body, rsv=0, good=True, ver=2):
        h = struct.pack("!BBH", ver << 4 | typ, rsv, 0) + body
        ck = cksum(h) if good else 0x1234
        h = h[:2] + struct.pack("!H", ck) + h[4:]
        return ether(0x0800, ipv4(103, h, "10.0.0.1", "224.0.0.13"))
    uni = lambda a: bytes([1, 0]) + bytes(a)
    grp = lambda a, m=32, f=0: bytes([1, 0, f, m]) + bytes(a)
    src = lambda a, f, m=32: bytes([1, 0, f, m]) + bytes(a)
    hello = (struct.pack("!HHH", 1, 2, 105) + struct.pack("!HHHH", 2, 4, 0x8000 | 500, 2500)
             + struct.pack("!HHI", 19, 4, 1) + struct.pack("!HH", 18, 0)
             + struct.pack("!HHI", 20, 4, 0xdeadbeef) + struct.pack("!HHBBH", 21, 4, 1, 60, 7)
             + struct.pack("!HH", 22, 0) + struct.pack("!HH", 24, 12) + uni([10, 0, 0, 9]) + uni([10, 0, 0, 10]) + b"\0\0\0\0"
             + struct.pack("!HH", 99, 3) + b"abc")
    jp = (uni([10, 0, 0, 2]) + struct.pack("!BBH", 0, 2, 0xffff)
          + grp([239, 1, 1, 1], 24, 0x80) + struct.pack("!HH", 1, 1) + src([10, 1, 1, 1], 0x07) + src([10, 1, 1, 2], 0xfc, 24)
          + grp([239, 1, 1, 2]) + struct.pack("!HH", 0, 0))
    return [
        pim(0, hello),
        pim(0, struct.pack("!HHI", 1, 4, 5)),                          # bad hold time length
        pim(0, struct.pack("!HHI", 20, 2, 5)),                         # bad generation ID length
        pim(0, struct.pack("!HH", 1, 8) + b"\0\0"),                   # option past the end
        pim(3, jp),
        pim(6, jp),
        pim(7, jp[6:]),                                               # graft-ack: no upstream neighbor
        pim(3, jp, good=False),
        pim(2, grp([239, 2, 2, 2]) + uni([10, 2, 2, 2])),
        pim(2, grp([239, 2, 2, 2]) + bytes([10, 2, 2, 2]), rsv=4),    # RFC 2117 encoding
        pim(5, grp([239, 3, 3, 3]) + uni([10, 3, 3, 3]) + struct.pack("!II", 0x80000064, 20)),
        pim(5, grp([239, 3, 3, 3]) + uni([10, 3, 3, 3]) + struct.pack("!I", 5)),
        pim(9, uni([10, 4, 4, 4]) + grp([239, 4, 4, 4]) + uni([10, 4, 4, 5]) + struct.pack("!H", 3600)),
        pim(10, uni([10, 5, 5, 5]) + struct.pack("!II", 7, 8), rsv=0x10),
        pim(10, uni([10, 5, 5, 5]) + struct.pack("!II", 7, 8) + uni([10, 5, 5, 6]) + struct.pack("!IIH", 9, 10, 250), rsv=0x30),
        pim(10, uni([10, 5, 5, 5]) + struct.pack("!II", 7, 8) + uni([10, 5, 5, 6]) + struct.pack("!II", 9, 10), rsv=0x40),
        pim(1, struct.pack("!I", 0x40000000) + bytes(20)),            # null register
        pim(1, struct.pack("!I", 0x80000000) + b"\x70" + bytes(19)),  # IP version 7 inside
        pim(11, b"xyz"),
        pim(2, bytes([3, 0, 1, 2, 3, 4])),                            # unknown address family
        pim(4, b"\0\x05\x0a\x01" + uni([10, 6, 6, 6]) + grp([224, 0, 0, 0], 4) + b"\x01\x01\0\0" + uni([10, 6, 6, 7]) + struct.pack("!HBB", 150, 3, 0)),
        pim(8, struct.pack("!BBH", 2, 9, 150) + uni([10, 7, 7, 7]) + grp([224, 0, 0, 0], 4) + grp([232, 0, 0, 0], 8, 1)),
        pim(0, b"", ver=1),
        pim(0, b"", ver=3),
        pim(5, b""),
    ]


def lisp_frames():
    def lisp(payload):
        return ether(0x0800, ipv4(17, udp(4342, 4342, payload)))
    def hdr(typ, flags, reserved_flag2, records, key_id, auth):
        return struct.pack("!BBBBQHH", typ << 4 | flags, 0, reserved_flag2, records, 0x1122334455667788, key_id, len(auth)) + auth
    def eid(ttl, locs, mask, aa, ver, afi, addr):
        return struct.pack("!IBBBBHH", ttl, locs, mask, aa, 0, ver, afi) + addr
    def loc(afi, addr, flags=7):
        return struct.pack("!BBBBHH", 1, 2, 3, 4, flags, afi) + addr
    v4 = bytes([10, 9, 8, 7])
    v6 = bytes(range(16))
    xtr = bytes(range(16)) + struct.pack("!Q", 12345678901234)
    return [
        lisp(hdr(3, 0xf, 1, 2, 2, bytes(32)) + eid(60, 2, 24, 0x30, 0x123, 1, v4) + loc(1, v4) + loc(2, v6, 0)
             + eid(61, 1, 64, 0xe0, 5, 2, v6) + loc(1, v4) + xtr),
        lisp(hdr(4, 8, 0, 1, 0, b"") + eid(60, 1, 32, 0x50, 1, 1, v4) + loc(99, b"") + b"trailing-data"),
        lisp(hdr(4, 0, 0, 1, 7, b"\x01\x02\x03") + eid(60, 1, 32, 0x50, 1, 16387, v4)),
        lisp(hdr(3, 2, 0, 1, 1, b"") + eid(60, 0, 32, 0x10, 1, 1, v4) + b"short"),
        lisp(hdr(3, 0, 0, 0, 1, b"")),
        lisp(hdr(1, 0, 0, 1, 1, b"")),
        lisp(hdr(8, 0, 0, 1, 1, b"")),
    ]


def radius_frames():
    def rad(code, attrs, port=1812, declared=None):
        body = b"".join(attrs)
        ln = declared if declared is not None else 20 + len(body)
        pkt = struct.pack("!BBH", code, 7, ln) + bytes(range(16)) + body
        return ether(0x0800, ipv4(17, udp(50000, port, pkt)))
    def a(t, v):
        return bytes([t, len(v) + 2]) + v
    n = lambda v: struct.pack("!I", v)
    ntp = struct.pack("!II", 3900000000, 0x80000000)
    return [
        rad(1, [a(6, n(2)), a(6, n(99)), a(7, n(7)), a(10, n(3)), a(13, n(1)), a(15, n(8)),
                a(27, n(30)), a(28, n(125)), a(41, n(7322)), a(23, n(0xfffffffe)), a(37, n(0)),
                a(38, n(0)), a(38, n(5)), a(40, n(9)), a(45, n(4)), a(49, n(23)),
                a(61, n(43)), a(61, n(44)), a(64, b"\x00\x00\x00\x0d"), a(65, b"\x05\x00\x00\x02"),
                a(83, b"\x03\x00\x01\x00"), a(56, b"\x31\x00\x00\x05"), a(29, n(1)), a(76, n(1)),
                a(72, n(4)), a(5, b"\x00\x01")]),
        rad(2, [a(8, n(0xffffffff)), a(8, n(0xfffffffe)), a(14, bytes([10, 1, 2, 3])), a(9, b"\xff\xff"),
                a(95, bytes(range(16))), a(95, b"\x01"), a(97, b"\x00\x40\x20\x01\x0d\xb8"),
                a(97, b"\x00\x80\x20\x01"), a(123, b"\x00\x20\x20\x01\x0d\xb8"),
                a(125, b"\x40" + bytes(range(16))), a(125, b"\x81" + bytes(16)), a(125, b"\x40"),
                a(124, struct.pack("!Q", 0x0003000000000003)), a(124, b"\x01"),
                a(55, n(1700000000)), a(55, b"\x01")]),
        rad(3, [a(69, b"\x05\x12\x34secret"), a(69, b"\x40\x12\x34x"), a(69, b"\x01"),
                a(66, b"\x03host"), a(66, b"\x00host"), a(66, b"host"), a(81, b"\x02grp"),
                a(58, b"\x32vlan"), a(1, b"user\x00hidden"), a(18, b"tab\there\x7f"),
                a(79, b"\x02\x05\x00\x0a\x01alice"), a(79, b"\x01\x06\x00\x0a\x03\x04\x0d\x15"),
                a(79, b"\x01\x07\x00\x0a\x0d\x80\x00\x00\x10\x00"), a(79, b"\x01\x07\x00\x08\x15\x21\x00\x00"),
                a(79, b"\x01\x07\x00\x06\x17\x05"), a(79, b"\x02\x07\x00\x09\x02hi\x00\x00"),
                a(79, b"\x04\x07\x00\x04"), a(79, b"\x01\x07\x00\x04"), a(79, b"\x01\x07\x00\x02"),
                a(79, b"\x01\x07\x00\x20\x01")]),
        rad(4, [a(70, bytes(range(16))), a(70, b"\x01"), a(71, bytes(range(14))), a(84, bytes(range(9))),
                a(84, b"\x01"), a(101, n(404)), a(101, n(1)), a(101, b"\x01"),
                a(26, n(99999) + b"\x01\x05abc\x02\x04\x7fz"), a(26, n(99999) + b"\x01\x01"),
                a(26, n(99999) + b"\x01\x09ab"), a(26, b"\x01"),
                a(126, b"\x31example.net"), a(126, b"\x31"),
                a(127, b"\x00\x02\x01\x05" + ntp + ntp + b"GPS"), a(127, b"\x00\x02\x01\x05"),
                a(128, b"\x00\x03" + b"somewhere"), a(128, b"\x00"),
                a(129, b"\x80\x01" + ntp + b"note"), a(129, b"\x00\x00" + ntp), a(129, b"\x00"),
                a(200, b"\x01\x02"), a(0, b"zero"), a(17, b"x"), a(2, b"secret-pw")]),
        rad(5, [a(1, b"x"), b"\x01\x01"]),
        rad(11, [a(1, b"x"), b"\x01\x09ab"]),
        rad(99, [], port=3799, declared=10),
        rad(40, [a(1, b"abc")], port=1700, declared=200),
    ]


def ospf_frames():
    def ospf(typ, body, auth=0, authdata=b"\0" * 8, area=b"\0\0\0\0", trailer=b"", olen=None):
        ln = olen if olen is not None else 24 + len(body)
        h = struct.pack("!BBH4s4sHH", 2, typ, ln, bytes([9, 9, 9, 9]), area, 0, auth) + authdata
        return ether(0x0800, ipv4(89, h + body + trailer, "10.0.0.1", "224.0.0.5"))
    ip4 = lambda *a: bytes(a)
    def lsa(ltype, body, lsid=ip4(10, 0, 0, 1), opts=0x22, age=30):
        return struct.pack("!HBB4s4sIHH", age, opts, ltype, lsid, ip4(9, 9, 9, 9), 0x80000001, 0, 20 + len(body)) + body
    def tlv(t, v):
        pad = (4 - len(v) % 4) % 4
        return struct.pack("!HH", t, len(v)) + v + b"\0" * pad
    fl = lambda x: struct.pack("!f", x)
    router = struct.pack("!BBH", 0x93, 0, 4) + (
        ip4(10, 1, 1, 1) + ip4(10, 1, 1, 2) + struct.pack("!BBH", 1, 0, 10)
        + ip4(10, 2, 2, 0) + ip4(10, 2, 2, 1) + struct.pack("!BBH", 2, 2, 20) + struct.pack("!BBH", 1, 0, 30) + struct.pack("!BBH", 2, 0, 40)
        + ip4(10, 3, 3, 0) + ip4(255, 255, 255, 0) + struct.pack("!BBH", 3, 0, 1)
        + ip4(10, 4, 4, 4) + ip4(10, 4, 4, 5) + struct.pack("!BBH", 4, 0, 5))
    router_bad = struct.pack("!BBH", 0, 0, 1) + ip4(1, 1, 1, 1) + ip4(2, 2, 2, 2) + struct.pack("!BBH", 9, 0, 1)
    network = ip4(255, 255, 255, 0) + ip4(10, 0, 0, 1) + ip4(10, 0, 0, 2)
    summary = ip4(255, 255, 0, 0) + struct.pack("!I", 0x00000064) + struct.pack("!I", 0x02000005)
    asbr = ip4(0, 0, 0, 0) + struct.pack("!I", 0x00000007)
    ext = ip4(255, 0, 0, 0) + struct.pack("!I", 0x80ffffff) + ip4(0, 0, 0, 0) + ip4(0, 0, 0, 0) + struct.pack("!I", 0x01000010) + ip4(10, 9, 9, 9) + ip4(0, 0, 0, 42)
    group = struct.pack("!I", 1) + ip4(1, 2, 3, 4) + struct.pack("!I", 2) + ip4(5, 6, 7, 8) + struct.pack("!I", 9) + ip4(0, 0, 0, 0)
    te_link = (tlv(1, b"\x02") + tlv(2, ip4(1, 1, 1, 1) + ip4(2, 2, 2, 2)) + tlv(3, ip4(3, 3, 3, 3)) + tlv(4, ip4(4, 4, 4, 4))
               + tlv(5, struct.pack("!I", 10)) + tlv(6, fl(125e6)) + tlv(7, fl(12.5e6)) + tlv(8, b"".join(fl(k * 1e6) for k in range(8)))
               + tlv(9, struct.pack("!I", 0xf0)) + tlv(11, ip4(0, 0, 0, 5)) + tlv(14, b"\x12\0\0\0")
               + tlv(15, b"\x33\x08\0\0" + b"".join(fl(k * 2e6) for k in range(8))) + tlv(16, struct.pack("!III", 1, 2, 3))
               + tlv(17, b"\x01\0\0\0" + fl(1e6) + fl(2e6)) + tlv(99, b"abcdef"))
    te = tlv(1, ip4(7, 7, 7, 7)) + tlv(2, te_link) + tlv(5, b"xy")
    te_bad = [tlv(2, tlv(9, b"\x01\x02")), tlv(2, tlv(17, b"\x01\0\0")), tlv(2, tlv(15, bytes(20))), tlv(2, struct.pack("!HH", 1, 40) + b"\x01"), tlv(1, b"ab")]
    grace = tlv(1, struct.pack("!I", 120)) + tlv(2, b"\x01") + tlv(3, ip4(10, 0, 0, 7)) + tlv(9, b"zz")
    ri = tlv(1, struct.pack("!I", 0x3f0)) + tlv(5, b"abcd")
    def lsu(lsas):
        return struct.pack("!I", len(lsas)) + b"".join(lsas)
    hello = ip4(255, 255, 255, 0) + struct.pack("!HBBI", 10, 0x52, 1, 40) + ip4(10, 0, 0, 1) + ip4(10, 0, 0, 2) + ip4(9, 9, 9, 1) + ip4(9, 9, 9, 2)
    lls = struct.pack("!HH", 0, 9) + struct.pack("!HHI", 1, 4, 3) + struct.pack("!HH", 2, 20) + struct.pack("!I", 77) + bytes(16) + struct.pack("!HHI", 5, 4, 1)
    md5 = struct.pack("!HBBI", 0, 1, 16, 0x1234)
    dd = struct.pack("!HBBI", 1500, 0x52, 0x0f, 99) + lsa(1, b"")[:20] + lsa(10, b"", lsid=ip4(1, 0, 0, 5))[:20]
    lsr = struct.pack("!I", 1) + ip4(1, 1, 1, 1) + ip4(2, 2, 2, 2) + struct.pack("!I", 10) + ip4(4, 0, 1, 2) + ip4(3, 3, 3, 3) + struct.pack("!I", 77) + ip4(5, 5, 5, 5) + ip4(6, 6, 6, 6)
    return [
        ospf(1, hello, auth=2, authdata=md5, trailer=bytes(16) + lls),
        ospf(1, hello, auth=1, authdata=b"pass\x01rd\0\0"),
        ospf(1, hello[:20], area=ip4(0, 0, 0, 7)),
        ospf(2, dd, auth=2, authdata=md5, trailer=bytes(16) + lls),
        ospf(2, struct.pack("!HBBI", 0, 0x40, 0, 1) + struct.pack("!HBBIIIHH", 1, 0, 1, 0, 0, 0, 0, 3)),
        ospf(3, lsr),
        ospf(4, lsu([lsa(1, router, opts=0x23), lsa(1, router_bad), lsa(2, network), lsa(3, summary, opts=0), lsa(4, asbr)])),
        ospf(4, lsu([lsa(5, ext), lsa(7, ext, opts=0x08), lsa(6, group), lsa(10, te, lsid=ip4(1, 0, 0, 3)), lsa(9, grace, lsid=ip4(3, 0, 0, 0)), lsa(11, ri, lsid=ip4(4, 0, 0, 0))])),
        ospf(4, lsu([lsa(10, t, lsid=ip4(1, 0, 0, 1)) for t in te_bad] + [lsa(10, b"opaque!!", lsid=ip4(8, 0, 0, 1)), lsa(12, b"????")])),
        ospf(4, lsu([lsa(9, tlv(1, b"abc"), lsid=ip4(3, 0, 0, 0)), lsa(9, struct.pack("!HH", 2, 9), lsid=ip4(3, 0, 0, 0)), lsa(11, struct.pack("!HH", 1, 2) + b"ab", lsid=ip4(4, 0, 0, 0))])),
        ospf(4, lsu([lsa(1, router)[:18] + b"\0\x05"])),
        ospf(5, lsa(1, b"")[:20] + lsa(2, b"")[:20]),
        ospf(6, b"junk"),
        ospf(1, hello, auth=9),
        ospf(4, lsu([lsa(3, summary)]), olen=30),
    ]


def nsh_frames():
    inner4 = inner_udp()
    eth = ether(0x0800, inner_udp())
    def gpe(flags, nxt, payload, vni=77):
        return ether(0x0800, ipv4(17, udp(40000, 4790, struct.pack("!BBBBI", flags, 0, 0, nxt, vni << 8) + payload)))
    def nsh(ver, flags, ttl, length, md, nxt, ctx, payload):
        base = ver << 30 | flags << 28 | ttl << 22 | length << 16 | md << 8 | nxt
        return struct.pack("!II", base, 0x123456 << 8 | 0x09) + ctx + payload
    md1 = nsh(0, 2, 63, 6, 1, 1, struct.pack("!IIII", 1, 2, 3, 4), inner4)
    md2 = nsh(0, 0, 1, 5, 2, 3, struct.pack("!HBB", 7, 1, 3) + b"abc\0" + struct.pack("!HBB", 8, 2, 0), eth)
    return [
        gpe(0x0c, 1, inner4), gpe(0x09, 3, eth), gpe(0x08, 4, md1), gpe(0x08, 4, md2),
        gpe(0x08, 9, b"xxxx"), gpe(0x08, 4, nsh(1, 0, 0, 2, 1, 1, b"", b"")),
        gpe(0x08, 4, nsh(0, 0, 0, 6, 1, 1, b"", b"")), gpe(0x08, 4, nsh(0, 0, 0, 1, 1, 1, b"", b"")),
        gpe(0x08, 4, nsh(0, 0, 0, 4, 1, 9, bytes(8), b"")), gpe(0x08, 4, nsh(0, 0, 0, 3, 2, 1, struct.pack("!HBB", 1, 1, 8), b"")),
        gpe(0x08, 4, b"\0\0\0"), ether(0x894f, md1), ether(0x0800, ipv4(47, gre(0, 0x894f, md2))),
        ether(0x0800, ipv4(17, udp(40000, 4790, b"\x08\0\0"))),
    ]


def igmp_frames():
    def igmp(body, good=True, dst="224.0.0.1"):
        b = body[:2] + b"\0\0" + body[4:]
        ck = cksum(b) if good else 0xbeef
        return ether(0x0800, ipv4(2, b[:2] + struct.pack("!H", ck) + b[4:], "10.0.0.1", dst))
    ip4 = lambda *a: bytes(a)
    v3q = lambda mrc, gaddr, srcs: struct.pack("!BBH4sBBH", 0x11, mrc, 0, gaddr, 2, 125, len(srcs)) + b"".join(srcs)
    rec = lambda t, g, srcs: struct.pack("!BBH4s", t, 0, len(srcs), g) + b"".join(srcs)
    v3r = lambda recs: struct.pack("!BBHHH", 0x22, 0, 0, 0, len(recs)) + b"".join(recs)
    pim1 = lambda typ, body: struct.pack("!BBHB3s", 0x14, typ, 0, 0x10, b"\0\0\0") + body
    jp = ip4(10, 1, 1, 1) + struct.pack("!HHBBBB", 0, 210, 0, 4, 4, 1) + ip4(239, 1, 1, 1) + ip4(255, 255, 255, 255) + struct.pack("!HH", 1, 0) + struct.pack("!BB", 1, 0xe0 | 24) + ip4(10, 2, 2, 2)
    jp2 = ip4(10, 1, 1, 1) + struct.pack("!HHBBBB", 0, 180, 0, 4, 4, 2) + (ip4(239, 1, 1, 1) + ip4(255, 255, 0, 0) + struct.pack("!HH", 1, 1) + struct.pack("!BB", 0, 0x20) + ip4(10, 2, 2, 2) + struct.pack("!BB", 1, 0x40) + ip4(10, 3, 3, 3)) * 2
    return [
        igmp(struct.pack("!BBH4s", 0x11, 0, 0, ip4(0, 0, 0, 0))),
        igmp(struct.pack("!BBH4s", 0x11, 50, 0, ip4(239, 1, 2, 3)) + b"xx"),
        igmp(struct.pack("!BBH4s", 0x11, 100, 0, ip4(0, 0, 0, 0))),
        igmp(v3q(100, ip4(0, 0, 0, 0), [])),
        igmp(v3q(0x8f, ip4(232, 1, 1, 1), [ip4(10, 0, 0, 5), ip4(10, 0, 0, 6)])),
        igmp(v3q(20, ip4(232, 1, 1, 1), [ip4(10, 0, 0, 5)] * 5)[:-4]),
        igmp(v3q(20, ip4(232, 1, 1, 1), [])[:13]),
        igmp(v3r([rec(1, ip4(239, 0, 0, 1), [ip4(10, 9, 9, 9)]), rec(4, ip4(239, 0, 0, 2), []), rec(9, ip4(239, 0, 0, 3), [ip4(1, 1, 1, 1), ip4(2, 2, 2, 2)])])),
        igmp(v3r([rec(1, ip4(239, 0, 0, 1), [ip4(10, 9, 9, 9)] * 9)])),
        igmp(struct.pack("!BBHHH", 0x22, 0, 0, 0, 3) + bytes(8)),
        igmp(struct.pack("!BBH4s", 0x12, 0, 0, ip4(239, 9, 9, 9)) + b"pad!"),
        igmp(struct.pack("!BBH4s", 0x16, 0, 0, ip4(239, 9, 9, 9)), good=False),
        igmp(struct.pack("!BBH4s", 0x17, 0, 0, ip4(239, 9, 9, 9))),
        igmp(struct.pack("!BBH4s", 0x13, 0, 0, ip4(0, 0, 0, 0))),
        igmp(struct.pack("!BBH4s", 0x42, 0, 0, ip4(0, 0, 0, 0))),
        igmp(struct.pack("!BBH4s", 0x1f, 0, 0, ip4(239, 1, 1, 1)) + ip4(10, 0, 0, 1) + ip4(10, 0, 0, 2) + ip4(239, 5, 5, 5) + struct.pack("!I", 0x20000007)),
        igmp(struct.pack("!BBH4s", 0x1e, 0, 0, ip4(239, 1, 1, 1)) + ip4(10, 0, 0, 1) + ip4(10, 0, 0, 2) + ip4(10, 0, 0, 9) + struct.pack("!I", 0x20000008)),
        igmp(struct.pack("!BBH4s", 0x1f, 0, 0, ip4(239, 1, 1, 1)) + bytes(16), dst="10.0.0.2")[:-4],
        igmp(pim1(0, b"\0" * 2 + b"\x10\0" + struct.pack("!H", 105))),
        igmp(pim1(1, bytes(12) + ip4(10, 7, 7, 7) + ip4(239, 7, 7, 7))),
        igmp(pim1(2, ip4(239, 8, 8, 8) + ip4(10, 8, 8, 8))),
        igmp(pim1(3, jp)), igmp(pim1(6, jp2)), igmp(pim1(7, jp2[:10])),
        igmp(pim1(4, ip4(239, 1, 1, 1) + ip4(255, 255, 255, 0) + ip4(10, 1, 1, 1) + struct.pack("!HH", 0, 300))),
        igmp(pim1(5, ip4(239, 1, 1, 1) + ip4(255, 255, 255, 255) + ip4(10, 1, 1, 1) + struct.pack("!II", 0x80000010, 20))),
        igmp(pim1(9, bytes(8))),
    ] + [igmp(struct.pack("!BBH4s", 0x13, t, 0, ip4(0, 0, 4, 3)) + body) for t, body in (
        (1, struct.pack("!I", 77) + ip4(10, 1, 1, 1) + ip4(10, 1, 1, 2)),
        (1, b"ab"),
        (2, b"\xff\xff\x00" + ip4(10, 1, 0) + b"\x05" + ip4(10, 2, 0) + b"\x86" + b"\xff\x00\x00" + b"\x0a\x83"),
        (2, b"\xff\xff\xff" + b"\x0a\x01"),
        (4, ip4(10, 0, 0, 1) + b"\x01\x02\x02" + ip4(10, 0, 0, 2) + ip4(10, 0, 0, 3)),
        (6, ip4(10, 0, 0, 1) + b"\x01\x00\x73\x01" + ip4(10, 0, 0, 2) + ip4(10, 0, 0, 5) + b"\x02\x00\x00\x03" + ip4(10, 0, 0, 9)),
        (7, ip4(10, 5, 5, 5) + ip4(239, 5, 5, 5) + struct.pack("!I", 7200)),
        (8, ip4(10, 5, 5, 5) + ip4(239, 5, 5, 5)), (9, ip4(10, 5, 5, 5) + ip4(239, 5, 5, 5)),
        (3, b""), (5, b""), (44, b"zz"))]


def vrrp_hsrp_frames():
    ip4 = lambda *a: bytes(a)
    def vrrp(body, ttl=255, good=True):
        b = body[:6] + b"\0\0" + body[8:]
        ck = cksum(b) if good else 0x1111
        pkt = ipv4(112, b[:6] + struct.pack("!H", ck) + b[8:], "10.0.0.1", "224.0.0.18")
        pkt = pkt[:8] + bytes([ttl]) + pkt[9:]
        pkt = pkt[:10] + b"\0\0" + pkt[12:]
        pkt = pkt[:10] + struct.pack("!H", cksum(pkt[:20])) + pkt[12:]
        return ether(0x0800, pkt)
    def hsrp(ver, op, state, group, rsvd, auth, sport=1985, dport=1985):
        return ether(0x0800, ipv4(17, udp(sport, dport, struct.pack("!BBBBBBBB", ver, op, state, 3, 10, 120, group, rsvd) + auth.ljust(8, b"\0") + ip4(10, 9, 9, 1))))
    return [
        vrrp(struct.pack("!BBBBBBH", 0x21, 7, 100, 2, 1, 1, 0) + ip4(10, 1, 1, 1) + ip4(10, 1, 1, 2) + b"pw\0\0\0\0\0\0"),
        vrrp(struct.pack("!BBBBBBH", 0x21, 7, 100, 1, 2, 1, 0) + ip4(10, 1, 1, 1) + bytes(8), ttl=64),
        vrrp(struct.pack("!BBBBBBH", 0x21, 7, 100, 1, 9, 1, 0) + ip4(10, 1, 1, 1) + bytes(8), good=False),
        vrrp(struct.pack("!BBBBBBH", 0x31, 9, 200, 1, 0x01, 0x2c, 0) + ip4(10, 1, 1, 1)),
        vrrp(struct.pack("!BBBBBBH", 0x27, 9, 200, 0, 0, 0, 0)),
        vrrp(struct.pack("!BBBBBBH", 0x11, 9, 200, 0, 0, 0, 0)),
        hsrp(0, 1, 16, 5, 0, b"secret\x01"), hsrp(0, 2, 3, 5, 7, b"cisco"), hsrp(0, 9, 8, 5, 0, b""),
        hsrp(1, 0, 16, 5, 0, b""), hsrp(0, 0, 16, 5, 0, b"x", sport=1985, dport=40000),
    ]


def mpls_frames():
    lab = lambda label, tc, s, ttl: struct.pack("!I", label << 12 | tc << 9 | s << 8 | ttl)
    inner = inner_udp()
    return [
        ether(0x8847, lab(16, 1, 1, 64) + inner),
        ether(0x8847, lab(1, 0, 0, 1) + lab(3, 0, 1, 2) + inner),
        ether(0x8848, lab(0, 7, 1, 255) + inner),
        ether(0x8847, lab(100, 0, 0, 9) + lab(200, 0, 0, 9) + lab(300, 0, 1, 9) + b"\x99payload"),
        ether(0x8847, lab(18, 0, 1, 9)),
        ether(0x8847, lab(18, 0, 0, 9)[:2]),
        ether(0x0800, ipv4(17, udp(50000, 6635, lab(42, 0, 1, 5) + inner))),
        ether(0x0800, ipv4(47, gre(0, 0x8847, lab(43, 0, 1, 5) + inner))),
    ]


def nfs_frames():
    """NFS v2/v3 calls over UDP and TCP, each followed by its reply (the printer pairs them
    through its xid ring): every procedure tcpdump decodes, errors, RPC rejections."""
    w = lambda *v: b"".join(struct.pack("!I", x & 0xFFFFFFFF) for x in v)
    cred = w(1, 24) + w(0, 4) + b"host" + w(0, 0, 0)  # AUTH_UNIX, machine "host", uid/gid 0
    verf = w(0, 0)
    fh2 = bytes(range(0x10, 0x30))  # 32 bytes: 00,00 prefix absent -> decided by the tree
    fh3 = w(32) + bytes([0, 0, 0, 0, 0, 0, 0, 0] + list(range(8, 32)))  # Auspex-looking
    fh3u = w(28) + bytes([1, 2, 3, 4, 5, 6, 7, 8, 9, 11] + [0x41] * 18)  # unknown
    name = lambda t: w(len(t)) + t + b"\0" * (-len(t) % 4)
    fattr3 = w(1, 0o100644, 1, 1000, 1000) + w(0, 4096, 0, 8192, 0, 0, 0, 0x1234, 0, 77) + w(1600000000, 5, 1600000001, 6, 1600000002, 7)
    fattr2 = w(2, 0o40755, 3, 0, 0, 512, 4096, 0, 8, 0x55, 99) + w(1, 2, 3, 4, 5, 6)
    wcc = w(1) + w(0, 4096, 10, 11, 12, 13) + w(1) + fattr3
    frames = []
    xid = [0x1000]

    def pair(vers, proc, args, result, tcp=False, reply_head=None):
        xid[0] += 1
        call = w(xid[0], 0, 2, 100003, vers, proc) + cred + verf + args
        rep = reply_head if reply_head is not None else w(xid[0], 1, 0) + verf + w(0) + result
        if reply_head is not None:
            rep = w(xid[0]) + reply_head
        if tcp:
            c = ipv4(6, struct.pack("!HHIIBBHHH", 800, 2049, 1, 1, 0x50, 0x18, 512, 0, 0) + w(0x80000000 | len(call)) + call)
            r = ipv4(6, struct.pack("!HHIIBBHHH", 2049, 800, 1, 1, 0x50, 0x18, 512, 0, 0) + w(0x80000000 | len(rep)) + rep, "10.0.0.2", "10.0.0.1")
        else:
            c = ipv4(17, udp(800, 2049, call))
            r = ipv4(17, udp(2049, 800, rep), "10.0.0.2", "10.0.0.1")
        frames.append(ether(0x0800, c))
        frames.append(ether(0x0800, r))

    ok = w(0)
    # NFSv3
    pair(3, 1, fh3, ok + fattr3)                                     # getattr
    pair(3, 2, fh3 + w(1, 0o600, 1, 7, 0, 0, 2, 5, 6, 2, 7, 8, 0), ok + wcc)  # setattr
    pair(3, 3, fh3 + name(b"file.txt"), ok + fh3 + w(1) + fattr3 + w(1) + fattr3)  # lookup
    pair(3, 3, fh3u + name(b"missing"), w(2) + w(1) + fattr3)        # lookup ENOENT
    pair(3, 4, fh3 + w(0x1f), ok + w(1) + fattr3 + w(0x1f))          # access
    pair(3, 4, fh3 + w(0x3f), ok + w(0) + w(0x3f))
    pair(3, 4, fh3 + w(0x40), ok + w(0) + w(0))
    pair(3, 5, fh3, ok + w(1) + fattr3 + name(b"/target"))          # readlink
    pair(3, 6, fh3 + w(0, 4096, 512), ok + w(1) + fattr3 + w(512, 1, 512) + bytes(512))  # read
    pair(3, 7, fh3 + w(0, 8192, 3, 2, 3) + b"abc\0", ok + wcc + w(3, 2) + w(0xdead, 0xbeef), tcp=True)  # write
    pair(3, 8, fh3 + name(b"new") + w(0) + w(1, 0o644, 0, 0, 0, 0, 0), ok + w(1) + fh3 + w(1) + fattr3 + wcc)  # create
    pair(3, 9, fh3 + name(b"dir") + w(1, 0o755, 0, 0, 0, 0, 0), w(17) + wcc)  # mkdir EEXIST
    pair(3, 10, fh3 + name(b"ln") + w(1, 0o777, 0, 0, 0, 0, 0) + name(b"dest"), ok + w(0))  # symlink
    pair(3, 11, fh3 + name(b"dev") + w(4) + w(1, 0o600, 0, 0, 0, 0, 0) + w(8, 1), ok + w(1) + fh3 + w(0))  # mknod
    pair(3, 12, fh3 + name(b"old"), ok + wcc)                        # remove
    pair(3, 14, fh3 + name(b"a") + fh3 + name(b"b"), ok + wcc + wcc)  # rename
    pair(3, 15, fh3 + fh3 + name(b"hard"), ok + w(1) + fattr3 + wcc)  # link
    pair(3, 16, fh3 + w(0, 0, 1, 2, 4096), ok + w(1) + fattr3 + w(7, 8) + w(0, 1))  # readdir
    pair(3, 17, fh3 + w(0, 0, 1, 2, 4096, 8192), ok + w(0) + w(7, 8) + w(0, 1))    # readdirplus
    pair(3, 18, fh3, ok + w(1) + fattr3 + w(0, 100, 0, 50, 0, 40, 0, 10, 0, 5, 0, 4, 0))  # fsstat
    pair(3, 19, fh3, ok + w(0) + w(65536, 32768, 4096, 65536, 32768, 4096, 8192, 0xffffffff, 0xffffffff, 0, 1000000, 0x1b))  # fsinfo
    pair(3, 20, fh3, ok + w(0) + w(32000, 255, 1, 1, 0, 1))          # pathconf
    pair(3, 21, fh3 + w(0, 0, 4096), ok + wcc + w(1, 2))             # commit
    pair(3, 30, fh3, ok)                                             # unknown procedure
    # NFSv2
    pair(2, 1, fh2, ok + fattr2)                                     # getattr
    pair(2, 4, fh2 + name(b"etc"), ok + fh2 + fattr2)                # lookup
    pair(2, 6, fh2 + w(0, 1024, 0), ok + fattr2 + w(0))              # read
    pair(2, 8, fh2 + w(0, 16, 0, 4) + b"data", w(28))                # write ENOSPC
    pair(2, 16, fh2 + w(0, 512), ok + w(0, 1, 1))                    # readdir
    pair(2, 17, fh2, ok + w(8192, 1024, 1000, 500, 400))             # statfs
    pair(2, 10, fh2 + name(b"x"), ok)                                # remove
    # RPC-level replies
    pair(3, 1, fh3, None, reply_head=w(1, 1) + w(0, 2, 3))           # denied: RPC mismatch
    pair(3, 1, fh3, None, reply_head=w(1, 1) + w(1, 5))              # denied: auth too weak
    pair(3, 1, fh3, None, reply_head=w(1, 0) + verf + w(3))          # accepted: PROC_UNAVAIL
    pair(3, 1, fh3, None, reply_head=w(1, 7))                        # unknown reply status
    # a credential 4 bytes shorter than its body: the arguments are read from the wrong place
    cred = w(1, 20) + w(0, 4) + b"host" + w(0, 0, 0)
    pair(3, 3, fh3 + name(b"file.txt"), ok + fh3 + w(0) + w(0))
    pair(3, 1, w(8) + bytes(8), ok + w(0))                           # 8-byte handle
    return frames


def tftp_syslog_frames():
    """TFTP: every opcode, options, errors, unterminated strings; syslog: priorities."""
    t = lambda pl, sp=1069, dp=69: ether(0x0800, ipv4(17, udp(sp, dp, pl)))
    h = lambda op: struct.pack("!H", op)
    return [
        t(h(1) + b"file1\0octet\0"),
        t(h(2) + b"up.bin\0netascii\0blksize\0001428\0tsize\0000\0"),
        t(h(6) + b"blksize\0001428\0", 69, 1069),
        t(h(3) + struct.pack("!H", 7) + b"data"),
        t(h(4) + struct.pack("!H", 65535)),
        t(h(5) + struct.pack("!H", 1) + b"File not found\0"),
        t(h(5) + struct.pack("!H", 9) + b"odd\0"),
        t(h(9)),
        t(h(1) + b"noterminator"),
        t(h(1) + b"file\0"),
        t(h(4)),
        t(b"\x00"),
        t(h(6) + b"\0\0x\0"),
        t(b"<34>Oct 11 22:14:15 host su: 'su root' failed", 5514, 514),
        t(b"<165>1 2003-10-11T22:14:15.003Z host app - ID47 - msg", 5514, 514),
        t(b"<9999>bad", 5514, 514),
        t(b"no pri", 5514, 514),
        t(b"<13", 5514, 514),
        t(b"<191>\x01\x7f\xc3\xa9 ctl", 5514, 514),
    ]


def truncations(frames, step=1):
    """Every capture length (or every step-th) of each whole frame, from just past the
    outer IPv4 header on: each cut lands in a different field of the frame."""
    out = []
    for fr in frames:
        if isinstance(fr, tuple):
            continue
        out.extend((fr, cap) for cap in range(34, len(fr), step))
    return out


if __name__ == "__main__":
    write("px-gre-crafted.pcap", gre_frames())
    write("px-vxlan-crafted.pcap", vxlan_frames())
    write("px-geneve-crafted.pcap", geneve_frames())
    write("px-bfd-crafted.pcap", bfd_frames())
    write("px-bfd-trunc.pcap", truncations(bfd_frames()[1:4]))
    write("px-ntp-crafted.pcap", ntp_frames())
    write("px-ntp-trunc.pcap", truncations(ntp_frames()[0:1] + ntp_frames()[4:5] + ntp_frames()[9:10]))
    write("px-bootp-crafted.pcap", bootp_frames())
    write("px-bootp-trunc.pcap", [(f, cap) for f in bootp_frames()[0:1] + bootp_frames()[3:4]
                                  for cap in list(range(34, 300, 7)) + list(range(300, len(f), 2))])
    write("px-pim-crafted.pcap", pim_frames())
    write("px-pim-trunc.pcap", truncations([pim_frames()[k] for k in (0, 4, 12, 14, 20, 21)]))
    write("px-lisp-crafted.pcap", lisp_frames())
    write("px-lisp-trunc.pcap", truncations(lisp_frames()[0:2]))
    write("px-radius-crafted.pcap", radius_frames())
    write("px-radius-trunc.pcap", truncations(radius_frames()[2:4]))
    write("px-ospf-crafted.pcap", ospf_frames())
    write("px-ospf-trunc.pcap", truncations([ospf_frames()[k] for k in (0, 6, 7)], step=4))
    write("px-nsh-crafted.pcap", nsh_frames())
    write("px-nsh-trunc.pcap", truncations(nsh_frames()[2:4]))
    write("px-igmp-crafted.pcap", igmp_frames())
    write("px-igmp-trunc.pcap", truncations([igmp_frames()[k] for k in (4, 7, 15, 21, 22, 24, 25, 29, 32, 33)]))
    write("px-vrrp-hsrp-crafted.pcap", vrrp_hsrp_frames())
    write("px-vrrp-hsrp-trunc.pcap", truncations([vrrp_hsrp_frames()[k] for k in (0, 3, 6)]))
    write("px-mpls-crafted.pcap", mpls_frames())
    write("px-nfs-crafted.pcap", nfs_frames())
    write("px-tftp-syslog-crafted.pcap", tftp_syslog_frames())
    write("px-tftp-syslog-trunc.pcap", truncations([tftp_syslog_frames()[k] for k in (0, 1, 2, 3, 4, 5, 6, 13)]))
    write("px-nfs-trunc.pcap", truncations([nfs_frames()[k] for k in (0, 1, 4, 5, 18, 19, 36, 37)], step=2))
    write("px-mpls-trunc.pcap", [(f, cap) for f in mpls_frames()[1:2] + mpls_frames()[3:4] for cap in range(14, 28)])
    # (OSI and IPv6 payloads are left out: their printers are not in this branch)
    write("px-tunnel-trunc.pcap",
          truncations(gre_frames()[:3] + vxlan_frames()[:1] + geneve_frames()[:2]))
    sys.exit(0)
