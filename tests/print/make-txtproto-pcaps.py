#!/usr/bin/env python3
# Writes the crafted SIP, SMTP and RESP captures of tests/data/print/pcaps/ (sip-text*.pcap,
# smtp-text.pcap, resp-text*.pcap): text and malformed payloads the synthetic traffic lacks.
# Usage: make-txtproto-pcaps.py OUTDIR
import struct,sys
def csum(b):
    if len(b)%2: b+=b'\0'
    s=sum(struct.unpack('!%dH'%(len(b)//2),b)); s=(s>>16)+(s&0xffff); s+=s>>16
    return (~s)&0xffff
def ip(proto,payload,src=b'\x0a\x00\x00\x01',dst=b'\x0a\x00\x00\x02'):
    h=struct.pack('!BBHHHBBH4s4s',0x45,0,20+len(payload),1,0x4000,64,proto,0,src,dst)
    h=h[:10]+struct.pack('!H',csum(h))+h[12:]
    return h
def tcp(sp,dp,data,seq=1000):
    src=b'\x0a\x00\x00\x01';dst=b'\x0a\x00\x00\x02'
    t=struct.pack('!HHIIBBHHH',sp,dp,seq,1,0x50,0x18,8192,0,0)+data
    ph=src+dst+struct.pack('!BBH',0,6,len(t))
    t=t[:16]+struct.pack('!H',csum(ph+t))+t[18:]
    return ip(6,t)+t
def udp(sp,dp,data):
    src=b'\x0a\x00\x00\x01';dst=b'\x0a\x00\x00\x02'
    u=struct.pack('!HHHH',sp,dp,8+len(data),0)+data
    ph=src+dst+struct.pack('!BBH',0,17,len(u))
    u=u[:6]+struct.pack('!H',csum(ph+u) or 0xffff)+u[8:]
    return ip(17,u)+u
def write(fn,pkts,snap=65535):
    with open(fn,'wb') as f:
        f.write(struct.pack('<IHHiIII',0xa1b2c3d4,2,4,0,0,snap,1))
        for i,p in enumerate(pkts):
            fr=b'\x02\0\0\0\0\x02\x02\0\0\0\0\x01\x08\x00'+p
            cap=fr[:snap]
            f.write(struct.pack('<IIII',1700000000+i,i*1000,len(cap),len(fr))+cap)
sip=[udp(5060,5060,b'REGISTER sip:pbx.example.com SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060\r\nContent-Length: 0\r\n\r\n'),
     udp(5060,5060,b'SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 10.0.0.1:5060\r\nCSeq: 1 REGISTER\r\n\r\n'),
     udp(5060,40000,b'hello there\r\n'),
     udp(40000,5060,b'invite sip:a@b SIP/2.0\r\nTo: <sip:a@b>\r\nFrom: x\x01y\r\n'),
     udp(5060,5060,b'OPTIONS sip:x SIP/2.0\r\nVia: no end'),
     udp(5060,5060,b'BYE sip:x SIP/2.0\r'),
     udp(5060,5060,b''),
     tcp(40001,5060,b'INVITE sip:a@b SIP/2.0\r\nVia: x\r\n\r\n')]
smtp=[tcp(25,40002,b'220 mail.example.com ESMTP Postfix\r\n'),
      tcp(40002,25,b'EHLO client.example.com\r\nMAIL FROM:<a@example.com>\r\n'),
      tcp(25,40002,b'250-mail.example.com\r\n250-PIPELINING\r\n250 8BITMIME\r\n'),
      tcp(40002,25,b'Subject: hi\r\n\r\nbody line without end'),
      tcp(40002,25,b'\x00\x01binary'),
      tcp(40002,25,b'DATA\r\n\tTabbed\r\n')]
resp=[tcp(40003,6379,b'*2\r\n$3\r\nGET\r\n$3\r\nkey\r\n'),
      tcp(6379,40003,b'+OK\r\n:1000\r\n-ERR unknown command\r\n'),
      tcp(6379,40003,b'$-1\r\n*0\r\n$0\r\n\r\n*-1\r\n'),
      tcp(40003,6379,b'PING\r\nPING\n\nquit\r'),
      tcp(40003,6379,b'*-2\r\n'),
      tcp(40003,6379,b'$abc\r\n+x\r\n'),
      tcp(40003,6379,b'$99999999999\r\nzz\r\n'),
      tcp(40003,6379,b'$10\r\nabc'),
      tcp(40003,6379,b'*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nv\x01\x80\xff"\r\n'),
      tcp(40003,6379,b'$3\r\nabcdef\r\n:12'),
      tcp(40003,6379,b'*1\r\n$1x\r\n'),
      tcp(40003,6379,b'\r\n\r\n'),
      tcp(40003,6379,b'+' + b'a'*200 + b'\r\n')]
d=sys.argv[1]
write(d+'/sip-text.pcap',sip); write(d+'/smtp-text.pcap',smtp); write(d+'/resp-text.pcap',resp)
write(d+'/resp-text-snap.pcap',resp,snap=80); write(d+'/sip-text-snap.pcap',sip,snap=80)
