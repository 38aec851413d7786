/* The packet generator: packets are built inside out (payload first, then each header is
 * prepended), so every length and next-protocol field is known when its header is written.
 * Values come from the hint pools (what the expressions test) half of the time and from fixed
 * pools of interesting values or plain randomness otherwise. Every link type shares the same
 * network-layer builders; only the outermost header differs. */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/support/pktgen.h"
#include "tests/support/rng.h"

/* DLT_ numbers as libpcap defines them on Linux. */
enum { DLT_NULL_ = 0, DLT_EN10MB_ = 1, DLT_PPP_ = 9, DLT_RAW_ = 12, DLT_LOOP_ = 108,
       DLT_LINUX_SLL_ = 113, DLT_IPV4_ = 228, DLT_IPV6_ = 229, DLT_LINUX_SLL2_ = 276 };

/* ---- hints ---- */

void ts_hints_init(ts_hints *h)
{
	memset(h, 0, sizeof(*h));
}

static uint32_t mix(uint32_t v)
{
	v ^= v >> 16;
	v *= 0x7feb352d;
	v ^= v >> 15;
	return v;
}

/* Adds to a pool of fixed size: once full, a value replaces the slot its hash names, so the
 * pool keeps values from all over the expression list, not only the first ones. */
static void pool_add(void *pool, size_t *n, size_t elsize, const void *val, uint32_t hash)
{
	uint8_t *p = pool;
	for (size_t i = 0; i < *n; i++)
		if (!memcmp(p + i * elsize, val, elsize))
			return;
	size_t slot = *n < TS_HINTS_MAX ? (*n)++ : mix(hash) % TS_HINTS_MAX;
	memcpy(p + slot * elsize, val, elsize);
}

static int is_word_char(char c)
{
	return isalnum((unsigned char)c) || c == ':' || c == '.' || c == '-' || c == '_';
}

void ts_hints_scan(ts_hints *h, const char *expr)
{
	const char *s = expr;
	while (*s) {
		if (!is_word_char(*s)) {
			s++;
			continue;
		}
		const char *b = s;
		while (is_word_char(*s))
			s++;
		char tok[80];
		size_t len = (size_t)(s - b);
		if (len >= sizeof(tok))
			continue;
		memcpy(tok, b, len);
		tok[len] = '\0';
		struct in_addr a4;
		uint8_t a6[16];
		unsigned m[6];
		char tail;
		if (inet_pton(AF_INET, tok, &a4) == 1) {
			uint32_t v = ntohl(a4.s_addr);
			pool_add(h->ipv4, &h->n4, sizeof(v), &v, v);
			v |= 1; /* a host inside a network written as its base address */
			pool_add(h->ipv4, &h->n4, sizeof(v), &v, v);
		} else if (strchr(tok, ':') && inet_pton(AF_INET6, tok, a6) == 1) {
			pool_add(h->ipv6, &h->n6, 16, a6, mix(a6[15] | a6[0] << 8 | a6[1] << 16));
		} else if (sscanf(tok, "%x%*[:.-]%x%*[:.-]%x%*[:.-]%x%*[:.-]%x%*[:.-]%x%c", &m[0], &m[1],
				  &m[2], &m[3], &m[4], &m[5], &tail) == 6) {
			uint8_t mac[6];
			for (int i = 0; i < 6; i++)
				mac[i] = (uint8_t)m[i];
			pool_add(h->mac, &h->nmac, 6, mac, mix(m[5] | m[4] << 8 | m[0] << 16));
		} else if (isdigit((unsigned char)tok[0])) {
			char *end;
			unsigned long v = strtoul(tok, &end, 0);
			if (*end == '\0' || *end == '.') {
				uint32_t n = (uint32_t)v;
				pool_add(h->num, &h->nnum, sizeof(n), &n, n);
				/* IPv4 networks written short ("net 10.1") */
				if (*end == '.' && inet_pton(AF_INET, tok, &a4) != 1) {
					unsigned o[4] = {0, 0, 0, 0};
					int k = sscanf(tok, "%u.%u.%u", &o[0], &o[1], &o[2]);
					uint32_t net = o[0] << 24 | o[1] << 16 | o[2] << 8 | 1;
					if (k >= 2)
						pool_add(h->ipv4, &h->n4, sizeof(net), &net, net);
				}
			}
		}
	}
}

/* ---- value pools ---- */

static const uint32_t ipv4_pool[] = {
	0x0a000001, 0x0a000002, 0x0a010203, 0xc0a80101, 0xc0a80164, 0xac100504, 0x01020304,
	0x08080808, 0x7f000001, 0xe00000fb, 0xffffffff, 0x00000000, 0x0a141e28, 0xe0000001,
	0xc0a801ff, 0x0affffff,
};
static const uint16_t port_pool[] = {0, 20, 21, 22, 23, 25, 53, 67, 68, 80, 110, 123, 137, 161,
				     443, 514, 1024, 2049, 4789, 5353, 6081, 8080, 65535};
static const uint8_t ip_proto_pool[] = {1, 2, 4, 6, 17, 41, 47, 50, 51, 58, 103, 112, 132, 9, 88,
					0, 255, 89, 46};
static const uint16_t vlan_pool[] = {0, 1, 10, 100, 200, 4094, 4095};
static const uint32_t mpls_pool[] = {0, 2, 3, 16, 100, 1000, 1048575};
static const uint16_t pppoe_pool[] = {0, 1, 0x1234, 65535};
static const uint32_t vni_pool[] = {0, 1, 100, 12345, 0xffffff};
static const uint8_t icmp_types[] = {0, 3, 4, 5, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18};
static const uint8_t icmp6_types[] = {1, 2, 3, 4, 128, 129, 130, 131, 132, 133, 134, 135, 136,
				      137, 143};
static const uint8_t tcp_flags_pool[] = {0x02, 0x12, 0x10, 0x18, 0x11, 0x04, 0x14, 0x01, 0x29,
					 0xc2, 0x00, 0xff, 0x40, 0x80, 0x20, 0x08};
static const uint16_t ethertype_pool[] = {0x0800, 0x86dd, 0x0806, 0x8035, 0x809b, 0x80f3, 0x6001,
					  0x6002, 0x6003, 0x6004, 0x6007, 0x8137, 0x9000, 0x22f0,
					  0x88cc, 0x8809, 0x88a8, 0x0842};
static const uint8_t llc_saps[] = {0x42, 0xe0, 0xf0, 0xaa, 0xfe, 0x06, 0x04, 0x00, 0xff};
static const uint8_t mac_pool[][6] = {
	{0x00, 0x11, 0x22, 0x33, 0x44, 0x55}, {0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb},
	{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}, {0x01, 0x00, 0x5e, 0x00, 0x00, 0xfb},
	{0x33, 0x33, 0x00, 0x00, 0x00, 0x01}, {0x02, 0x00, 0x00, 0x00, 0x00, 0x01},
	{0xaa, 0x00, 0x04, 0x00, 0x14, 0x0e}, {0x01, 0x80, 0xc2, 0x00, 0x00, 0x00},
};
static const uint8_t ipv6_pool[][16] = {
	{0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1},
	{0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0x10},
	{0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1},
	{0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1},
	{0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xfb},
	{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1},
	{0},
};

/* ---- the builder: bytes are prepended in front of what is already there ---- */

#define BUF 4096
typedef struct builder {
	uint8_t buf[BUF];
	size_t start;  /* the packet is buf[start..BUF) */
	ts_rng *rng;
	const ts_hints *h;
	int depth;     /* tunnel nesting */
} builder;

static size_t blen(const builder *b)
{
	return BUF - b->start;
}

static uint8_t *push(builder *b, size_t n)
{
	if (n > b->start)
		n = b->start; /* cannot happen with the sizes used; stay in bounds anyway */
	b->start -= n;
	memset(b->buf + b->start, 0, n);
	return b->buf + b->start;
}

static void put16(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, v >> 16);
	put16(p + 2, v);
}

static void random_bytes(builder *b, size_t n)
{
	uint8_t *p = push(b, n);
	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)ts_rng_next(b->rng);
}

/* A hinted number below limit (from the expressions), or one from the pool, or random. */
static uint32_t pick_num(builder *b, const uint32_t *pool, size_t npool, uint32_t limit)
{
	unsigned r = ts_rng_below(b->rng, 100);
	if (r < 45 && b->h->nnum) {
		for (int tries = 0; tries < 8; tries++) {
			uint32_t v = b->h->num[ts_rng_below(b->rng, (uint32_t)b->h->nnum)];
			if (v <= limit)
				return v;
		}
	}
	if (r < 85 && npool)
		return pool[ts_rng_below(b->rng, (uint32_t)npool)];
	return (uint32_t)(ts_rng_next(b->rng) % ((uint64_t)limit + 1));
}

static uint32_t pick_u16pool(builder *b, const uint16_t *pool, size_t n, uint32_t limit)
{
	uint32_t tmp[32];
	for (size_t i = 0; i < n && i < 32; i++)
		tmp[i] = pool[i];
	return pick_num(b, tmp, n < 32 ? n : 32, limit);
}

#define NPOOL(a) (sizeof(a) / sizeof((a)[0]))

static uint32_t pick_ipv4(builder *b)
{
	unsigned r = ts_rng_below(b->rng, 100);
	if (r < 55 && b->h->n4)
		return b->h->ipv4[ts_rng_below(b->rng, (uint32_t)b->h->n4)];
	if (r < 90)
		return TS_PICK(b->rng, ipv4_pool);
	return (uint32_t)ts_rng_next(b->rng);
}

static void pick_ipv6(builder *b, uint8_t *out)
{
	unsigned r = ts_rng_below(b->rng, 100);
	if (r < 55 && b->h->n6)
		memcpy(out, b->h->ipv6[ts_rng_below(b->rng, (uint32_t)b->h->n6)], 16);
	else if (r < 90)
		memcpy(out, ipv6_pool[ts_rng_below(b->rng, NPOOL(ipv6_pool))], 16);
	else
		for (int i = 0; i < 16; i++)
			out[i] = (uint8_t)ts_rng_next(b->rng);
	/* an IPv4-mapped or -embedded address now and then */
	if (ts_rng_pct(b->rng, 5)) {
		memset(out, 0, 10);
		out[10] = out[11] = 0xff;
		put32(out + 12, pick_ipv4(b));
	}
}

static void pick_mac(builder *b, uint8_t *out)
{
	unsigned r = ts_rng_below(b->rng, 100);
	if (r < 50 && b->h->nmac)
		memcpy(out, b->h->mac[ts_rng_below(b->rng, (uint32_t)b->h->nmac)], 6);
	else if (r < 90)
		memcpy(out, mac_pool[ts_rng_below(b->rng, NPOOL(mac_pool))], 6);
	else
		for (int i = 0; i < 6; i++)
			out[i] = (uint8_t)ts_rng_next(b->rng);
}

static uint16_t pick_port(builder *b)
{
	return (uint16_t)pick_u16pool(b, port_pool, NPOOL(port_pool), 65535);
}

/* ---- transport and above ---- */

static void payload(builder *b)
{
	size_t n;
	unsigned r = ts_rng_below(b->rng, 100);
	if (r < 50)
		n = ts_rng_below(b->rng, 16);
	else if (r < 85)
		n = ts_rng_below(b->rng, 200);
	else
		n = 1300 + ts_rng_below(b->rng, 300); /* around the common MTU: `len`, `greater` */
	random_bytes(b, n);
}

static void l2_frame(builder *b);
static int ip_packet(builder *b, int v6); /* returns the IP protocol it carried */

/* Tunnels: an inner frame or packet, depth-limited. */
static void inner(builder *b, int ether)
{
	b->depth++;
	if (b->depth > 2)
		payload(b);
	else if (ether)
		l2_frame(b);
	else
		ip_packet(b, ts_rng_pct(b->rng, 30));
	b->depth--;
}

static void udp(builder *b)
{
	uint16_t sport = pick_port(b), dport = pick_port(b);
	unsigned r = ts_rng_below(b->rng, 100);
	if (r < 12) {
		/* VXLAN: flags, 24-bit VNI */
		inner(b, 1);
		uint8_t *v = push(b, 8);
		v[0] = ts_rng_pct(b->rng, 90) ? 0x08 : (uint8_t)ts_rng_next(b->rng);
		uint32_t vni = pick_num(b, vni_pool, NPOOL(vni_pool), 0xffffff);
		put32(v + 4, vni << 8);
		dport = 4789;
	} else if (r < 24) {
		/* Geneve: version/option length, flags, protocol type, VNI, options */
		int eth = ts_rng_pct(b->rng, 60);
		inner(b, eth);
		size_t optlen = ts_rng_pct(b->rng, 20) ? 4 * (1 + ts_rng_below(b->rng, 3)) : 0;
		random_bytes(b, optlen);
		uint8_t *g = push(b, 8);
		g[0] = (uint8_t)(optlen / 4);
		if (ts_rng_pct(b->rng, 5))
			g[0] |= 0x40; /* a version other than 0 */
		put16(g + 2, eth ? 0x6558 : (b->buf[b->start + 8 + optlen] >> 4) == 6 ? 0x86dd : 0x0800);
		put32(g + 4, pick_num(b, vni_pool, NPOOL(vni_pool), 0xffffff) << 8);
		dport = 6081;
	} else {
		payload(b);
	}
	/* Either direction, except for tunnels: libpcap finds them by destination port. */
	if (dport != 4789 && dport != 6081 && ts_rng_pct(b->rng, 50)) {
		uint16_t t = sport;
		sport = dport;
		dport = t;
	}
	size_t len = blen(b) + 8;
	uint8_t *u = push(b, 8);
	put16(u, sport);
	put16(u + 2, dport);
	put16(u + 4, (uint32_t)len);
}

static void tcp(builder *b)
{
	payload(b);
	size_t optlen = ts_rng_pct(b->rng, 30) ? 4 * ts_rng_below(b->rng, 4) : 0;
	random_bytes(b, optlen);
	uint8_t *t = push(b, 20);
	put16(t, pick_port(b));
	put16(t + 2, pick_port(b));
	put32(t + 4, (uint32_t)ts_rng_next(b->rng));
	put32(t + 8, (uint32_t)ts_rng_next(b->rng));
	t[12] = (uint8_t)((5 + optlen / 4) << 4);
	if (ts_rng_pct(b->rng, 3))
		t[12] = (uint8_t)(ts_rng_next(b->rng) & 0xf0); /* a nonsense data offset */
	t[13] = ts_rng_pct(b->rng, 80) ? TS_PICK(b->rng, tcp_flags_pool) : (uint8_t)ts_rng_next(b->rng);
	put16(t + 14, (uint32_t)ts_rng_next(b->rng));
}

static void sctp(builder *b)
{
	payload(b);
	uint8_t *s = push(b, 12);
	put16(s, pick_port(b));
	put16(s + 2, pick_port(b));
	put32(s + 4, (uint32_t)ts_rng_next(b->rng));
}

static void icmp_like(builder *b, const uint8_t *types, size_t ntypes)
{
	payload(b);
	uint8_t *i = push(b, 8);
	uint32_t tmp[32];
	for (size_t k = 0; k < ntypes && k < 32; k++)
		tmp[k] = types[k];
	i[0] = (uint8_t)pick_num(b, tmp, ntypes, 255);
	i[1] = (uint8_t)ts_rng_below(b->rng, ts_rng_pct(b->rng, 80) ? 5 : 256);
	put32(i + 4, (uint32_t)ts_rng_next(b->rng));
}

/* What an IP header carries: the payload built, the protocol number returned. */
static int transport(builder *b, int v6)
{
	uint32_t protos[NPOOL(ip_proto_pool)];
	for (size_t k = 0; k < NPOOL(ip_proto_pool); k++)
		protos[k] = ip_proto_pool[k];
	uint32_t p = pick_num(b, protos, NPOOL(protos), 255);
	/* Keep the common protocols common, whatever the hints say. */
	unsigned r = ts_rng_below(b->rng, 100);
	if (r < 25)
		p = 6;
	else if (r < 50)
		p = 17;
	else if (r < 58)
		p = v6 ? 58 : 1;
	else if (r < 62)
		p = 132;
	switch (p) {
	case 6: tcp(b); break;
	case 17: udp(b); break;
	case 132: sctp(b); break;
	case 1: icmp_like(b, icmp_types, NPOOL(icmp_types)); break;
	case 58: icmp_like(b, icmp6_types, NPOOL(icmp6_types)); break;
	case 2: { /* IGMP */
		payload(b);
		uint8_t *g = push(b, 8);
		g[0] = (uint8_t)(TS_PICK(b->rng, ((const uint8_t[]){0x11, 0x12, 0x16, 0x17, 0x22})));
		put32(g + 4, pick_ipv4(b));
		break;
	}
	case 103: { /* PIM: version 2, a type */
		payload(b);
		uint8_t *g = push(b, 4);
		g[0] = (uint8_t)(0x20 | ts_rng_below(b->rng, 9));
		break;
	}
	case 112: { /* VRRP */
		payload(b);
		uint8_t *g = push(b, 8);
		g[0] = 0x21;
		g[1] = (uint8_t)ts_rng_next(b->rng);
		break;
	}
	case 51: { /* AH: next header, length in 32-bit words minus 2 */
		int nh = transport(b, v6);
		uint8_t *a = push(b, 12);
		a[0] = (uint8_t)nh;
		a[1] = 1;
		put32(a + 4, (uint32_t)ts_rng_next(b->rng));
		break;
	}
	case 50: /* ESP: SPI, sequence, encrypted bytes */
		payload(b);
		random_bytes(b, 8);
		break;
	case 47: { /* GRE: flags/version, protocol */
		int eth = ts_rng_pct(b->rng, 30);
		inner(b, eth);
		uint8_t *g = push(b, 4);
		put16(g + 2, eth ? 0x6558 : (b->buf[b->start + 4] >> 4) == 6 ? 0x86dd : 0x0800);
		break;
	}
	case 4:
	case 41:
		inner(b, 0);
		p = (b->buf[b->start] >> 4) == 6 ? 41 : 4;
		break;
	default:
		payload(b);
	}
	return (int)p;
}

/* IPv6 extension headers in front of a transport; returns the first next-header value. */
static int ip6_ext_chain(builder *b)
{
	int nh = transport(b, 1);
	int n = ts_rng_pct(b->rng, 30) ? (int)ts_rng_below(b->rng, 4) : 0;
	for (int i = 0; i < n; i++) {
		static const uint8_t ext[] = {0, 43, 44, 60, 51};
		uint8_t t = TS_PICK(b->rng, ext);
		if (t == 44) {
			uint8_t *f = push(b, 8);
			f[0] = (uint8_t)nh;
			unsigned off = ts_rng_pct(b->rng, 50) ? 0 : ts_rng_below(b->rng, 8192);
			put16(f + 2, off << 3 | (ts_rng_pct(b->rng, 50) ? 1 : 0));
			put32(f + 4, (uint32_t)ts_rng_next(b->rng));
		} else if (t == 51) {
			uint8_t *a = push(b, 12);
			a[0] = (uint8_t)nh;
			a[1] = 1;
		} else {
			size_t words = ts_rng_below(b->rng, 3);
			uint8_t *e = push(b, 8 * (words + 1));
			e[0] = (uint8_t)nh;
			e[1] = (uint8_t)words;
		}
		nh = t;
	}
	return nh;
}

static int ip_packet(builder *b, int v6)
{
	if (v6) {
		int nh = ip6_ext_chain(b);
		size_t plen = blen(b);
		uint8_t *h = push(b, 40);
		put32(h, 0x60000000u | (uint32_t)(ts_rng_next(b->rng) & 0x0fffffff));
		put16(h + 4, (uint32_t)plen);
		h[6] = (uint8_t)nh;
		h[7] = (uint8_t)ts_rng_below(b->rng, 256);
		pick_ipv6(b, h + 8);
		pick_ipv6(b, h + 24);
		if (ts_rng_pct(b->rng, 5))
			memcpy(h + 24, h + 8, 16); /* `src and dst host X` */
		return 41;
	}
	int p = transport(b, 0);
	size_t optlen = ts_rng_pct(b->rng, 15) ? 4 * (1 + ts_rng_below(b->rng, 3)) : 0;
	uint8_t *o = push(b, optlen);
	for (size_t i = 0; i < optlen; i++)
		o[i] = i + 1 < optlen ? 1 : 0; /* NOPs then end of options */
	size_t total = blen(b) + 20;
	uint8_t *h = push(b, 20);
	h[0] = (uint8_t)(0x40 | (5 + optlen / 4));
	if (ts_rng_pct(b->rng, 2))
		h[0] = (uint8_t)ts_rng_next(b->rng); /* a bad version or header length */
	h[1] = (uint8_t)ts_rng_below(b->rng, 256);
	put16(h + 2, (uint32_t)total);
	put16(h + 4, (uint32_t)ts_rng_next(b->rng));
	unsigned r = ts_rng_below(b->rng, 100);
	uint32_t frag = r < 60 ? 0x4000 : r < 75 ? 0 : r < 85 ? 0x2000 : ts_rng_below(b->rng, 0x10000);
	put16(h + 6, frag);
	h[8] = (uint8_t)ts_rng_below(b->rng, 256);
	h[9] = (uint8_t)p;
	put32(h + 12, pick_ipv4(b));
	put32(h + 16, ts_rng_pct(b->rng, 5) ? (uint32_t)h[12] << 24 | (uint32_t)h[13] << 16 | (uint32_t)h[14] << 8 | h[15]
					      : pick_ipv4(b));
	return 4;
}

static void arp(builder *b)
{
	uint8_t *a = push(b, 28);
	put16(a, ts_rng_pct(b->rng, 90) ? 1 : 6);
	put16(a + 2, 0x0800);
	a[4] = 6;
	a[5] = 4;
	put16(a + 6, 1 + ts_rng_below(b->rng, 4));
	pick_mac(b, a + 8);
	put32(a + 14, pick_ipv4(b));
	pick_mac(b, a + 18);
	put32(a + 24, pick_ipv4(b));
}

/* The network layer for an ethertype-like protocol field; returns the value to put there. */
static uint16_t network(builder *b)
{
	unsigned r = ts_rng_below(b->rng, 100);
	if (r < 45) {
		ip_packet(b, 0);
		return 0x0800;
	}
	if (r < 75) {
		ip_packet(b, 1);
		return 0x86dd;
	}
	if (r < 85) {
		arp(b);
		return ts_rng_pct(b->rng, 70) ? 0x0806 : 0x8035;
	}
	payload(b);
	return (uint16_t)pick_u16pool(b, ethertype_pool, NPOOL(ethertype_pool), 0xffff);
}

/* An Ethernet frame: the network layer under VLAN tags, MPLS labels, PPPoE or LLC/SNAP. */
static void l2_frame(builder *b)
{
	uint16_t type;
	unsigned r = ts_rng_below(b->rng, 100);
	if (r < 8) {
		/* MPLS label stack over IP */
		int v6 = ts_rng_pct(b->rng, 30);
		if (ts_rng_pct(b->rng, 85))
			ip_packet(b, v6);
		else
			payload(b);
		int n = 1 + (int)ts_rng_below(b->rng, 3);
		for (int i = 0; i < n; i++) {
			uint8_t *m = push(b, 4);
			uint32_t label = pick_num(b, mpls_pool, NPOOL(mpls_pool), 0xfffff);
			put32(m, label << 12 | (i == 0 ? 0x100 : 0) | ts_rng_below(b->rng, 256));
		}
		type = ts_rng_pct(b->rng, 85) ? 0x8847 : 0x8848;
	} else if (r < 14) {
		/* PPPoE session (IP inside) or discovery */
		int session = ts_rng_pct(b->rng, 75);
		if (session) {
			int v6 = ts_rng_pct(b->rng, 30);
			ip_packet(b, v6);
			put16(push(b, 2), v6 ? 0x0057 : 0x0021);
		} else {
			payload(b);
		}
		size_t len = blen(b);
		uint8_t *p = push(b, 6);
		p[0] = 0x11;
		p[1] = session ? 0 : TS_PICK(b->rng, ((const uint8_t[]){0x09, 0x07, 0x19, 0x65, 0xa7}));
		put16(p + 2, pick_u16pool(b, pppoe_pool, NPOOL(pppoe_pool), 0xffff));
		put16(p + 4, (uint32_t)len);
		type = session ? 0x8864 : 0x8863;
	} else if (r < 22) {
		/* 802.3 with LLC, SNAP now and then */
		if (ts_rng_pct(b->rng, 40)) {
			uint16_t t = network(b);
			uint8_t *s = push(b, 8);
			s[0] = s[1] = 0xaa;
			s[2] = 0x03;
			put16(s + 6, t);
		} else if (ts_rng_pct(b->rng, 35)) {
			/* OSI over LLC (SAP 0xfe): CLNP, ES-IS or IS-IS, with an IS-IS PDU type */
			payload(b);
			uint8_t *n = push(b, 8);
			n[0] = TS_PICK(b->rng, ((const uint8_t[]){0x81, 0x82, 0x83, 0x83, 0x83}));
			n[1] = 27;
			n[2] = 1;
			n[4] = TS_PICK(b->rng, ((const uint8_t[]){15, 16, 17, 18, 20, 24, 25, 26, 27, 3}));
			uint8_t *l = push(b, 3);
			l[0] = l[1] = 0xfe;
			l[2] = 0x03;
		} else {
			payload(b);
			uint8_t *l = push(b, 3);
			l[0] = TS_PICK(b->rng, llc_saps);
			l[1] = ts_rng_pct(b->rng, 70) ? l[0] : TS_PICK(b->rng, llc_saps);
			l[2] = ts_rng_pct(b->rng, 70) ? 0x03 : (uint8_t)ts_rng_next(b->rng);
		}
		size_t len = blen(b);
		type = (uint16_t)(len <= 1500 ? len : 1500);
		if (ts_rng_pct(b->rng, 10)) {
			uint8_t *raw = push(b, 2); /* Novell raw 802.3 */
			raw[0] = raw[1] = 0xff;
		}
	} else {
		type = network(b);
	}
	/* VLAN tags outside whatever is there: 802.1Q, QinQ */
	if (ts_rng_pct(b->rng, 20)) {
		int n = 1 + (int)ts_rng_below(b->rng, 2);
		for (int i = 0; i < n; i++) {
			uint8_t *v = push(b, 4);
			uint32_t vid = pick_u16pool(b, vlan_pool, NPOOL(vlan_pool), 4095);
			put16(v, (ts_rng_below(b->rng, 8) << 13) | vid);
			put16(v + 2, type);
			type = i + 1 < n || ts_rng_pct(b->rng, 70) ? 0x8100
				: TS_PICK(b->rng, ((const uint16_t[]){0x88a8, 0x9100}));
		}
	}
	uint8_t *e = push(b, 14);
	pick_mac(b, e);
	pick_mac(b, e + 6);
	put16(e + 12, type);
}

/* ---- link layers ---- */

static void link_packet(builder *b, int dlt)
{
	static const uint32_t null_afs[] = {2, 10, 24, 28, 30, 23, 7};
	switch (dlt) {
	case DLT_EN10MB_:
		l2_frame(b);
		break;
	case DLT_RAW_:
		ip_packet(b, ts_rng_pct(b->rng, 35));
		break;
	case DLT_IPV4_:
		ip_packet(b, ts_rng_pct(b->rng, 5));
		break;
	case DLT_IPV6_:
		ip_packet(b, !ts_rng_pct(b->rng, 5));
		break;
	case DLT_NULL_:
	case DLT_LOOP_: {
		int v6 = ts_rng_pct(b->rng, 40);
		if (ts_rng_pct(b->rng, 90))
			ip_packet(b, v6);
		else
			payload(b);
		uint32_t af = ts_rng_pct(b->rng, 70) ? (v6 ? TS_PICK(b->rng, ((const uint32_t[]){10, 24, 28, 30})) : 2)
						   : TS_PICK(b->rng, null_afs);
		uint8_t *h = push(b, 4);
		if (dlt == DLT_LOOP_)
			put32(h, af);
		else
			memcpy(h, &af, 4); /* host byte order, as on the capturing machine */
		break;
	}
	case DLT_PPP_: {
		uint16_t proto;
		unsigned r = ts_rng_below(b->rng, 100);
		if (r < 50) {
			ip_packet(b, 0);
			proto = 0x0021;
		} else if (r < 80) {
			ip_packet(b, 1);
			proto = 0x0057;
		} else {
			payload(b);
			proto = TS_PICK(b->rng, ((const uint16_t[]){0xc021, 0x8021, 0x002b, 0x0029, 0x003f, 0x0031, 0x0281, 0x8057}));
		}
		uint8_t *h = push(b, 4);
		h[0] = 0xff;
		h[1] = 0x03;
		put16(h + 2, proto);
		break;
	}
	case DLT_LINUX_SLL_:
	case DLT_LINUX_SLL2_: {
		uint16_t proto;
		if (ts_rng_pct(b->rng, 10)) {
			l2_frame(b); /* the interface's own frames, as `any` sees some */
			b->start += 14;
			proto = ts_rng_pct(b->rng, 50) ? 0x0004 : 0x0001;
		} else {
			proto = network(b);
		}
		uint8_t mac[6];
		pick_mac(b, mac);
		uint16_t pkttype = (uint16_t)(ts_rng_pct(b->rng, 80) ? ts_rng_below(b->rng, 5) : ts_rng_below(b->rng, 8));
		if (dlt == DLT_LINUX_SLL_) {
			uint8_t *h = push(b, 16);
			put16(h, pkttype);
			put16(h + 2, 1);
			put16(h + 4, 6);
			memcpy(h + 6, mac, 6);
			put16(h + 14, proto);
		} else {
			uint8_t *h = push(b, 20);
			put16(h, proto);
			put32(h + 4, pick_num(b, (const uint32_t[]){1, 2, 3, 4}, 4, 64));
			put16(h + 8, 1);
			h[10] = (uint8_t)pkttype;
			h[11] = 6;
			memcpy(h + 12, mac, 6);
		}
		break;
	}
	default:
		payload(b);
	}
}

void ts_pktgen(ts_pktset *out, uint64_t seed, size_t count, const ts_hints *h)
{
	ts_rng rng;
	ts_rng_seed(&rng, seed ^ (uint64_t)(out->dlt + 1) * 0x9e3779b97f4a7c15ULL);
	static builder b; /* 4 KB: kept off the stack; the generator is not reentrant */
	for (size_t i = 0; i < count; i++) {
		b.start = BUF;
		b.rng = &rng;
		b.h = h;
		b.depth = 0;
		link_packet(&b, out->dlt);
		uint8_t *p = b.buf + b.start;
		uint32_t len = (uint32_t)blen(&b), caplen = len, wirelen = len;
		unsigned r = ts_rng_below(&rng, 100);
		if (r < 10 && len) {
			caplen = ts_rng_below(&rng, len); /* truncated capture */
		} else if (r < 13) {
			wirelen = len + ts_rng_below(&rng, 2000); /* snapped: wire longer than data */
		} else if (r < 25 && len) {
			int flips = 1 + (int)ts_rng_below(&rng, 3);
			for (int k = 0; k < flips; k++)
				p[ts_rng_below(&rng, len)] = (uint8_t)ts_rng_next(&rng);
		}
		char origin[48];
		snprintf(origin, sizeof(origin), "gen:seed=%llu#%zu", (unsigned long long)seed, i + 1);
		ts_pktset_add(out, p, caplen, wirelen, origin);
	}
}
