/* gen_traffic: a seeded synthetic Ethernet capture for the benchmarks, realistic enough that
 * printers and filters do the work they do on real traffic.
 *
 *   gen_traffic [-n PACKETS] [-s SEED] [-o FILE]     (defaults: 200000, 1, standard output)
 *
 * A pool of concurrently active flows, each a small state machine, is interleaved at random:
 * TCP connections (handshake with options, request, MSS-sized response with delayed ACKs,
 * FIN teardown or RST) to web, ssh, smtp and database ports; DNS over UDP (valid queries and
 * answers with name compression, some with EDNS0); ICMP and ICMPv6 echo; NTP; syslog-like UDP;
 * fragmented UDP datagrams (IPv4 fragments and the IPv6 fragment header); ARP requests and
 * replies. About 20% of the IP flows are IPv6 and 9% are VLAN tagged. Clients live in
 * 10.1.0.0/21 (10.1.2.3 is a heavy hitter) and 2001:db8:1::/64; every checksum is correct.
 * The same seed and count give the same bytes on every machine, and a smaller count gives a
 * prefix of a larger one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcap/pcap.h>

#include "tests/support/rng.h"

#define POOL 384
#define MSS 1448

enum kind { K_WEB, K_TCP_OTHER, K_DNS, K_ICMP, K_NTP, K_SYSLOG, K_FRAG, K_ARP, K_COUNT };

/* Share of new flows per kind, in percent. */
static const unsigned kind_weight[K_COUNT] = {38, 9, 24, 7, 5, 6, 4, 7};

typedef struct flow {
	enum kind kind;
	int v6, vlan;
	uint16_t vid;
	uint32_t cli4, srv4;
	uint8_t cli6[16], srv6[16];
	uint16_t cport, sport;
	uint32_t cseq, sseq;       /* next sequence number of each side */
	int step, steps;           /* progress through the flow's packets */
	int resp_left, unacked;    /* TCP response segments still to send, not yet acked */
	int resp_sent;             /* TCP response segments sent */
	uint16_t dns_id, qtype;
	int qname, edns;
	uint16_t icmp_id;
	uint32_t frag_id;
} flow;

typedef struct gen {
	ts_rng rng;
	pcap_dumper_t *out;
	struct pcap_pkthdr h;
	uint16_t ip_id;
	uint8_t buf[9216];
	size_t len;           /* bytes written into buf so far */
} gen;

/* ---- bytes and checksums ---- */

static void put16(uint8_t *p, uint32_t v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
static void put32(uint8_t *p, uint32_t v) { put16(p, v >> 16); put16(p + 2, v); }

static uint32_t sum_bytes(uint32_t s, const uint8_t *p, size_t n)
{
	for (; n > 1; p += 2, n -= 2)
		s += (uint32_t)p[0] << 8 | p[1];
	if (n)
		s += (uint32_t)p[0] << 8;
	return s;
}

static uint16_t fold(uint32_t s)
{
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

/* ---- addresses ---- */

static void mac_of(uint8_t mac[6], uint32_t seed)
{
	mac[0] = 0x02; /* locally administered, unicast */
	mac[1] = 0x10;
	put32(mac + 2, seed * 2654435761u);
}

static uint32_t client4(gen *g)
{
	if (ts_rng_pct(&g->rng, 6))
		return 0x0a010203; /* 10.1.2.3, the heavy hitter */
	return 0x0a010000 | (ts_rng_below(&g->rng, 2046) + 1); /* 10.1.0.0/21 */
}

static uint32_t server4(gen *g)
{
	static const uint32_t nets[] = {0xc0000200, 0xc6336400, 0xcb007100, 0x5db8d800, 0x08080800};
	return TS_PICK(&g->rng, nets) | (ts_rng_below(&g->rng, 250) + 1);
}

static void addr6(gen *g, uint8_t a[16], int server)
{
	static const uint8_t cli[8] = {0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01, 0x00, 0x00};
	static const uint8_t srv[8] = {0x20, 0x01, 0x0d, 0xb8, 0xff, 0x00, 0x00, 0x42};
	memcpy(a, server ? srv : cli, 8);
	put32(a + 8, server ? 0 : (uint32_t)ts_rng_next(&g->rng));
	put32(a + 12, server ? ts_rng_below(&g->rng, 64) + 1 : (uint32_t)ts_rng_next(&g->rng));
}

/* ---- layers: each returns the offset where the next one starts ---- */

static size_t put_ether(gen *g, const flow *f, int from_client, uint16_t type)
{
	uint8_t *p = g->buf;
	uint32_t c = f->v6 ? (uint32_t)f->cli6[15] << 8 | f->cli6[14] : f->cli4;
	mac_of(p, from_client ? 0xfeed : c);
	mac_of(p + 6, from_client ? c : 0xfeed);
	size_t off = 12;
	if (f->vlan) {
		put16(p + off, 0x8100);
		put16(p + off + 2, f->vid);
		off += 4;
	}
	put16(p + off, type);
	return off + 2;
}

/* The IP header for a payload of plen bytes (protocol proto), plus an optional IPv4 fragment
 * field or IPv6 fragment header (frag: offset in bytes | 1 for more fragments; -1 for none). */
static size_t put_ip(gen *g, const flow *f, int from_client, size_t off, uint8_t proto, size_t plen,
		     long frag)
{
	uint8_t *p = g->buf + off;
	if (!f->v6) {
		memset(p, 0, 20);
		p[0] = 0x45;
		put16(p + 2, (uint32_t)(20 + plen));
		put16(p + 4, frag >= 0 ? (uint16_t)f->frag_id : g->ip_id++);
		if (frag >= 0)
			put16(p + 6, (uint32_t)((frag & ~1L) >> 3) | (frag & 1 ? 0x2000 : 0));
		else if (proto == 6)
			put16(p + 6, 0x4000); /* DF */
		p[8] = from_client ? 64 : 52;
		p[9] = proto;
		put32(p + 12, from_client ? f->cli4 : f->srv4);
		put32(p + 16, from_client ? f->srv4 : f->cli4);
		put16(p + 10, fold(sum_bytes(0, p, 20)));
		return off + 20;
	}
	size_t ext = frag >= 0 ? 8 : 0;
	p[0] = 0x60;
	p[1] = 0;
	put16(p + 2, 0);
	put16(p + 4, (uint32_t)(plen + ext));
	p[6] = frag >= 0 ? 44 : proto;
	p[7] = from_client ? 64 : 57;
	memcpy(p + 8, from_client ? f->cli6 : f->srv6, 16);
	memcpy(p + 24, from_client ? f->srv6 : f->cli6, 16);
	if (frag >= 0) {
		p[40] = proto;
		p[41] = 0;
		put16(p + 42, (uint32_t)(frag & ~1L) | (frag & 1));
		put32(p + 44, f->frag_id);
	}
	return off + 40 + ext;
}

/* Sum of the pseudo-header for a transport checksum. */
static uint32_t pseudo_sum(const flow *f, int from_client, uint8_t proto, size_t tlen)
{
	uint8_t a[32];
	size_t n;
	if (f->v6) {
		memcpy(a, from_client ? f->cli6 : f->srv6, 16);
		memcpy(a + 16, from_client ? f->srv6 : f->cli6, 16);
		n = 32;
	} else {
		put32(a, from_client ? f->cli4 : f->srv4);
		put32(a + 4, from_client ? f->srv4 : f->cli4);
		n = 8;
	}
	return sum_bytes(0, a, n) + proto + (uint32_t)tlen;
}

static void emit(gen *g, size_t len)
{
	g->h.ts.tv_usec += 1 + ts_rng_below(&g->rng, 180);
	if (g->h.ts.tv_usec >= 1000000) {
		g->h.ts.tv_sec++;
		g->h.ts.tv_usec -= 1000000;
	}
	if (len < 60) { /* Ethernet minimum frame, padded with zeros like a NIC does */
		memset(g->buf + len, 0, 60 - len);
		len = 60;
	}
	g->h.caplen = g->h.len = (bpf_u_int32)len;
	pcap_dump((u_char *)g->out, &g->h, g->buf);
}

/* TCP payload that looks like the service: for HTTP (and other plain-text ports) a request
 * from the client, a response header at the start of the server's first segment and HTML after
 * it; for TLS and the binary protocols, application-data records of random bytes. */
static void fill_tcp(gen *g, const flow *f, int from_client, int first, uint8_t *p, size_t n)
{
	static const char req[] = "GET /static/app.js?v=42 HTTP/1.1\r\nHost: www.example.com\r\n"
				  "User-Agent: bench/1.0\r\nAccept: */*\r\nCookie: session=0123456789abcdef\r\n";
	static const char resp[] = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nCache-Control: max-age=60\r\n"
				   "Content-Length: 16000\r\n\r\n";
	static const char html[] = "<div class=\"row\"><p>netsift benchmark traffic, lorem ipsum dolor sit amet</p></div>\n";
	int text = f->sport == 80 || f->sport == 8080;
	if (!text) {
		for (size_t i = 0; i < n; i++)
			p[i] = (uint8_t)ts_rng_next(&g->rng);
		if (f->sport == 443 && n >= 5) { /* TLS 1.2+ application data record */
			p[0] = 0x17;
			p[1] = 3;
			p[2] = 3;
			put16(p + 3, (uint32_t)(n - 5));
		}
		return;
	}
	const char *head = from_client ? req : first ? resp : "";
	size_t hl = strlen(head), i = 0;
	for (; i < n && i < hl; i++)
		p[i] = (uint8_t)head[i];
	/* A request pads with one more header line and ends with the blank line. */
	size_t end = from_client && n >= hl + 8 ? n - 4 : n;
	for (size_t k = 0; i < end; i++, k++)
		p[i] = from_client ? (uint8_t)(k < 3 ? (size_t)"X: "[k] : 'a' + k % 26) : (uint8_t)html[k % (sizeof(html) - 1)];
	if (end < n)
		memcpy(p + end, "\r\n\r\n", 4);
}

/* ---- TCP ---- */

enum { FIN = 1, SYN = 2, RST = 4, PSH = 8, ACK = 16 };

static void tcp_packet(gen *g, flow *f, int from_client, uint8_t flags, size_t dlen)
{
	uint8_t opt[40];
	size_t olen = 0;
	if (flags & SYN) {
		static const uint8_t syn_opts[20] = {2, 4, 0x05, 0xb4, 4, 2, 8, 10, 0, 0, 0, 0, 0, 0, 0, 0, 1, 3, 3, 7};
		memcpy(opt, syn_opts, 20);
		put32(opt + 8, (uint32_t)g->h.ts.tv_sec * 1000 + (uint32_t)g->h.ts.tv_usec / 1000);
		olen = 20;
	} else if (!(flags & RST)) {
		opt[0] = 1;
		opt[1] = 1;
		opt[2] = 8;
		opt[3] = 10;
		put32(opt + 4, (uint32_t)g->h.ts.tv_sec * 1000 + (uint32_t)g->h.ts.tv_usec / 1000);
		put32(opt + 8, (uint32_t)g->h.ts.tv_sec * 1000 - 7);
		olen = 12;
	}
	size_t tlen = 20 + olen + dlen;
	size_t off = put_ether(g, f, from_client, f->v6 ? 0x86dd : 0x0800);
	off = put_ip(g, f, from_client, off, 6, tlen, -1);
	uint8_t *t = g->buf + off;
	uint32_t *seq = from_client ? &f->cseq : &f->sseq;
	uint32_t ack = from_client ? f->sseq : f->cseq;
	put16(t, from_client ? f->cport : f->sport);
	put16(t + 2, from_client ? f->sport : f->cport);
	put32(t + 4, *seq);
	put32(t + 8, flags & ACK ? ack : 0);
	t[12] = (uint8_t)(((20 + olen) / 4) << 4);
	t[13] = flags;
	put16(t + 14, flags & SYN ? 64240 : 501 + ts_rng_below(&g->rng, 1500));
	put16(t + 16, 0);
	put16(t + 18, 0);
	memcpy(t + 20, opt, olen);
	fill_tcp(g, f, from_client, f->resp_sent == 0, t + 20 + olen, dlen);
	put16(t + 16, fold(sum_bytes(pseudo_sum(f, from_client, 6, tlen), t, tlen)));
	*seq += (uint32_t)dlen + (flags & (SYN | FIN) ? 1 : 0);
	emit(g, off + tlen);
}

/* Returns 1 when the connection is over. */
static int tcp_step(gen *g, flow *f)
{
	switch (f->step++) {
	case 0: tcp_packet(g, f, 1, SYN, 0); return 0;
	case 1: tcp_packet(g, f, 0, SYN | ACK, 0); return 0;
	case 2: tcp_packet(g, f, 1, ACK, 0); return 0;
	case 3: tcp_packet(g, f, 1, PSH | ACK, 160 + ts_rng_below(&g->rng, 400)); return 0;
	default: break;
	}
	if (f->resp_left > 0) {
		if (f->unacked >= 2) { /* delayed ACK: one for every second segment */
			tcp_packet(g, f, 1, ACK, 0);
			f->unacked = 0;
		} else {
			size_t n = f->resp_left == 1 ? 1 + ts_rng_below(&g->rng, MSS) : MSS;
			tcp_packet(g, f, 0, f->resp_left == 1 ? PSH | ACK : ACK, n);
			f->resp_left--;
			f->unacked++;
			f->resp_sent++;
		}
		f->step = 4;
		return 0;
	}
	if (f->steps == 1) { /* aborted: one RST ends it */
		tcp_packet(g, f, 1, RST | ACK, 0);
		return 1;
	}
	switch (f->steps++) {
	case 2: tcp_packet(g, f, 1, FIN | ACK, 0); return 0;
	case 3: tcp_packet(g, f, 0, FIN | ACK, 0); return 0;
	default: tcp_packet(g, f, 1, ACK, 0); return 1;
	}
}

/* ---- UDP: DNS, NTP, syslog, fragments ---- */

static size_t udp_header(gen *g, flow *f, int from_client, size_t off, size_t dlen)
{
	uint8_t *u = g->buf + off;
	put16(u, from_client ? f->cport : f->sport);
	put16(u + 2, from_client ? f->sport : f->cport);
	put16(u + 4, (uint32_t)(8 + dlen));
	put16(u + 6, 0);
	return off + 8;
}

static void udp_checksum(gen *g, flow *f, int from_client, size_t uoff, size_t ulen)
{
	uint8_t *u = g->buf + uoff;
	uint16_t c = fold(sum_bytes(pseudo_sum(f, from_client, 17, ulen), u, ulen));
	put16(u + 6, c ? c : 0xffff);
}

static const char *const dns_names[] = {
	"www.example.com", "mail.example.org", "cdn.example.net", "api.service.example",
	"ntp.pool.example", "login.corp.example.com", "a.b.c.example", "updates.example.org",
};

static size_t dns_name(uint8_t *p, const char *name)
{
	size_t n = 0;
	while (*name) {
		size_t l = strcspn(name, ".");
		p[n++] = (uint8_t)l;
		memcpy(p + n, name, l);
		n += l;
		name += l + (name[l] == '.');
	}
	p[n++] = 0;
	return n;
}

static size_t dns_message(gen *g, flow *f, uint8_t *d, int response)
{
	put16(d, f->dns_id);
	put16(d + 2, response ? 0x8180 : 0x0100);
	int answers = response ? 1 + (int)ts_rng_below(&g->rng, 3) : 0;
	put16(d + 4, 1);
	put16(d + 6, (uint32_t)answers);
	put16(d + 8, 0);
	put16(d + 10, (uint32_t)f->edns);
	size_t n = 12 + dns_name(d + 12, dns_names[f->qname]);
	put16(d + n, f->qtype);
	put16(d + n + 2, 1);
	n += 4;
	for (int i = 0; i < answers; i++) {
		put16(d + n, 0xc00c); /* compressed: the question's name */
		put16(d + n + 2, f->qtype);
		put16(d + n + 4, 1);
		put32(d + n + 6, 300 + ts_rng_below(&g->rng, 3000));
		size_t rdlen = f->qtype == 28 ? 16 : 4;
		put16(d + n + 10, (uint32_t)rdlen);
		for (size_t k = 0; k < rdlen; k++)
			d[n + 12 + k] = (uint8_t)ts_rng_next(&g->rng);
		n += 12 + rdlen;
	}
	if (f->edns) { /* OPT: root name, type 41, UDP payload size 1232 */
		static const uint8_t opt[11] = {0, 0, 41, 0x04, 0xd0, 0, 0, 0, 0, 0, 0};
		memcpy(d + n, opt, 11);
		n += 11;
	}
	return n;
}

static void udp_packet(gen *g, flow *f, int from_client, size_t dlen, int kind)
{
	size_t off = put_ether(g, f, from_client, f->v6 ? 0x86dd : 0x0800);
	uint8_t payload[1500];
	if (kind == K_DNS)
		dlen = dns_message(g, f, payload, !from_client);
	else if (kind == K_NTP) {
		memset(payload, 0, 48);
		payload[0] = from_client ? 0x23 : 0x24; /* version 4, mode 3 client / 4 server */
		payload[1] = from_client ? 0 : 2;
		put32(payload + 40, (uint32_t)g->h.ts.tv_sec + 2208988800u);
		dlen = 48;
	} else {
		/* syslog (RFC 5424) or a SIP request line, as the ports say */
		static const char syslog[] = "<134>1 2023-11-14T22:13:20Z host app 42 - - link up on port ";
		static const char sip[] = "OPTIONS sip:pbx.example.com SIP/2.0\r\nVia: SIP/2.0/UDP x\r\n";
		const char *text = f->sport == 514 ? syslog : sip;
		size_t tl = strlen(text);
		for (size_t i = 0; i < dlen; i++)
			payload[i] = i < tl ? (uint8_t)text[i] : (uint8_t)('a' + i % 26);
	}
	off = put_ip(g, f, from_client, off, 17, 8 + dlen, -1);
	size_t uoff = off;
	off = udp_header(g, f, from_client, off, dlen);
	memcpy(g->buf + off, payload, dlen);
	udp_checksum(g, f, from_client, uoff, 8 + dlen);
	emit(g, off + dlen);
}

/* A datagram of 2,000 to 3,000 bytes sent as fragments of at most 1,480 (IPv4) or 1,448 (IPv6)
 * bytes, one per step. The checksum covers the whole datagram, so every step rebuilds it from
 * the flow's own seed (flows interleave, so no buffer can be kept between steps). */
static int frag_step(gen *g, flow *f)
{
	uint8_t dgram[3008];
	ts_rng local;
	ts_rng_seed(&local, f->frag_id);
	size_t dlen = 2000 + ts_rng_below(&local, 1000), ulen = 8 + dlen;
	put16(dgram, f->cport);
	put16(dgram + 2, f->sport);
	put16(dgram + 4, (uint32_t)ulen);
	put16(dgram + 6, 0);
	for (size_t i = 0; i < dlen; i++)
		dgram[8 + i] = (uint8_t)ts_rng_next(&local);
	uint16_t c = fold(sum_bytes(pseudo_sum(f, 1, 17, ulen), dgram, ulen));
	put16(dgram + 6, c ? c : 0xffff);
	size_t chunk = f->v6 ? 1448 : 1480, at = (size_t)f->step * chunk;
	size_t n = ulen - at < chunk ? ulen - at : chunk;
	size_t off = put_ether(g, f, 1, f->v6 ? 0x86dd : 0x0800);
	off = put_ip(g, f, 1, off, 17, n, (long)at | (at + n < ulen));
	memcpy(g->buf + off, dgram + at, n);
	emit(g, off + n);
	f->step++;
	return at + n >= ulen;
}

/* ---- ICMP, ICMPv6, ARP ---- */

static void echo_packet(gen *g, flow *f, int from_client)
{
	size_t off = put_ether(g, f, from_client, f->v6 ? 0x86dd : 0x0800);
	uint8_t proto = f->v6 ? 58 : 1;
	size_t ilen = 8 + 56;
	off = put_ip(g, f, from_client, off, proto, ilen, -1);
	uint8_t *p = g->buf + off;
	p[0] = f->v6 ? (from_client ? 128 : 129) : (from_client ? 8 : 0);
	p[1] = 0;
	put16(p + 2, 0);
	put16(p + 4, f->icmp_id);
	put16(p + 6, (uint32_t)(f->step / 2 + 1));
	for (size_t i = 0; i < 56; i++)
		p[8 + i] = (uint8_t)(0x10 + i);
	uint32_t s = f->v6 ? pseudo_sum(f, from_client, 58, ilen) : 0;
	put16(p + 2, fold(sum_bytes(s, p, ilen)));
	emit(g, off + ilen);
}

static void arp_packet(gen *g, flow *f, int reply)
{
	flow plain = *f;
	plain.v6 = 0;
	size_t off = put_ether(g, &plain, !reply, 0x0806);
	uint8_t *p = g->buf + off;
	if (!reply)
		memset(g->buf, 0xff, 6); /* requests are broadcast */
	put16(p, 1);
	put16(p + 2, 0x0800);
	p[4] = 6;
	p[5] = 4;
	put16(p + 6, reply ? 2 : 1);
	mac_of(p + 8, reply ? f->srv4 : f->cli4);
	put32(p + 14, reply ? f->srv4 : f->cli4);
	if (reply)
		mac_of(p + 18, f->cli4);
	else
		memset(p + 18, 0, 6);
	put32(p + 24, reply ? f->cli4 : f->srv4);
	emit(g, off + 28);
}

/* ---- flows ---- */

static void new_flow(gen *g, flow *f)
{
	memset(f, 0, sizeof(*f));
	uint32_t r = ts_rng_below(&g->rng, 100), acc = 0;
	f->kind = K_WEB;
	for (int k = 0; k < K_COUNT; k++) {
		acc += kind_weight[k];
		if (r < acc) {
			f->kind = (enum kind)k;
			break;
		}
	}
	f->v6 = f->kind != K_ARP && ts_rng_pct(&g->rng, 20);
	f->vlan = ts_rng_pct(&g->rng, 9);
	f->vid = TS_PICK(&g->rng, ((const uint16_t[]){10, 20, 100, 200, 4000}));
	f->cli4 = client4(g);
	f->srv4 = f->kind == K_ARP ? (f->cli4 & ~0xffu) | 1 : server4(g);
	addr6(g, f->cli6, 0);
	addr6(g, f->srv6, 1);
	f->cport = (uint16_t)(32768 + ts_rng_below(&g->rng, 28000));
	f->cseq = (uint32_t)ts_rng_next(&g->rng);
	f->sseq = (uint32_t)ts_rng_next(&g->rng);
	switch (f->kind) {
	case K_WEB:
		f->sport = ts_rng_pct(&g->rng, 35) ? 80 : 443;
		f->resp_left = 1 + (int)ts_rng_below(&g->rng, 12);
		f->steps = ts_rng_pct(&g->rng, 8) ? 1 : 2;
		break;
	case K_TCP_OTHER:
		f->sport = TS_PICK(&g->rng, ((const uint16_t[]){22, 25, 3306, 5432, 6379, 8080}));
		f->resp_left = 1 + (int)ts_rng_below(&g->rng, 4);
		f->steps = ts_rng_pct(&g->rng, 10) ? 1 : 2;
		break;
	case K_DNS:
		f->sport = 53;
		f->dns_id = (uint16_t)ts_rng_next(&g->rng);
		f->qtype = ts_rng_pct(&g->rng, 30) ? 28 : 1;
		f->qname = (int)ts_rng_below(&g->rng, sizeof(dns_names) / sizeof(dns_names[0]));
		f->edns = ts_rng_pct(&g->rng, 40);
		f->steps = 2;
		break;
	case K_ICMP:
		f->icmp_id = (uint16_t)ts_rng_next(&g->rng);
		f->steps = 2 * (1 + (int)ts_rng_below(&g->rng, 4));
		break;
	case K_NTP:
		f->sport = 123;
		f->cport = 123;
		f->steps = 2;
		break;
	case K_SYSLOG:
		f->sport = ts_rng_pct(&g->rng, 50) ? 514 : 5060;
		f->steps = 1 + (int)ts_rng_below(&g->rng, 3);
		break;
	case K_FRAG:
		f->sport = 2049;
		f->frag_id = (uint32_t)ts_rng_next(&g->rng) & (f->v6 ? 0xffffffffu : 0xffff);
		break;
	case K_ARP:
		f->v6 = 0;
		f->steps = 2;
		break;
	default:
		break;
	}
}

/* Emits the flow's next packet(s); returns 1 when the flow is over. */
static int flow_step(gen *g, flow *f)
{
	switch (f->kind) {
	case K_WEB:
	case K_TCP_OTHER:
		return tcp_step(g, f);
	case K_DNS:
	case K_NTP:
		udp_packet(g, f, f->step == 0, 0, f->kind);
		return ++f->step >= f->steps;
	case K_SYSLOG:
		udp_packet(g, f, 1, 40 + ts_rng_below(&g->rng, 200), K_SYSLOG);
		return ++f->step >= f->steps;
	case K_ICMP:
		echo_packet(g, f, f->step % 2 == 0);
		return ++f->step >= f->steps;
	case K_FRAG:
		return frag_step(g, f);
	case K_ARP:
		arp_packet(g, f, f->step);
		return ++f->step >= f->steps;
	default:
		return 1;
	}
}

int main(int argc, char **argv)
{
	long count = 200000;
	unsigned long long seed = 1;
	const char *path = "-";
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-n") && i + 1 < argc)
			count = atol(argv[++i]);
		else if (!strcmp(argv[i], "-s") && i + 1 < argc)
			seed = strtoull(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "-o") && i + 1 < argc)
			path = argv[++i];
		else {
			fprintf(stderr, "usage: gen_traffic [-n PACKETS] [-s SEED] [-o FILE]\n");
			return 2;
		}
	}
	pcap_t *dead = pcap_open_dead(DLT_EN10MB, 262144);
	static gen g;
	ts_rng_seed(&g.rng, seed);
	g.out = pcap_dump_open(dead, path);
	if (!g.out) {
		fprintf(stderr, "gen_traffic: %s\n", pcap_geterr(dead));
		return 1;
	}
	g.h.ts.tv_sec = 1700000000;
	static flow pool[POOL];
	for (int i = 0; i < POOL; i++)
		new_flow(&g, &pool[i]);
	/* Every step emits exactly one packet. */
	for (long emitted = 0; emitted < count; emitted++) {
		flow *f = &pool[ts_rng_below(&g.rng, POOL)];
		if (flow_step(&g, f))
			new_flow(&g, f);
	}
	if (pcap_dump_flush(g.out) != 0) {
		fprintf(stderr, "gen_traffic: write error\n");
		return 1;
	}
	pcap_dump_close(g.out);
	pcap_close(dead);
	return 0;
}
