/* Test oracle: libpcap's compiler and interpreter as the reference for netsift's programs,
 * and packet sets to run them over (see oracle.h). */
#include "tests/support/oracle.h"
#include "tests/support/bpfwalk.h"
#include "compiler/netsift.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <linux/filter.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

void oracle_pkts_add(oracle_pkts *s, const uint8_t *data, uint32_t caplen, uint32_t wirelen)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 1024;
		s->v = realloc(s->v, s->cap * sizeof(*s->v));
		if (!s->v)
			abort();
	}
	oracle_pkt *p = &s->v[s->n++];
	p->data = malloc(caplen ? caplen : 1);
	if (!p->data)
		abort();
	memcpy(p->data, data, caplen);
	p->caplen = caplen;
	p->wirelen = wirelen;
}

int oracle_pkts_add_pcap(oracle_pkts *s, const char *path)
{
	char err[PCAP_ERRBUF_SIZE];
	pcap_t *p = pcap_open_offline(path, err);
	if (!p)
		return -1;
	struct pcap_pkthdr *h;
	const u_char *d;
	int n = 0;
	while (pcap_next_ex(p, &h, &d) == 1) {
		oracle_pkts_add(s, d, h->caplen, h->len);
		n++;
	}
	pcap_close(p);
	return n;
}

int oracle_pkts_add_dir(oracle_pkts *s, const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return -1;
	struct dirent *e;
	int n = 0;
	while ((e = readdir(d))) {
		size_t l = strlen(e->d_name);
		if (l < 5 || strcmp(e->d_name + l - 5, ".pcap") != 0)
			continue;
		char path[1024];
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		int k = oracle_pkts_add_pcap(s, path);
		if (k > 0)
			n += k;
	}
	closedir(d);
	return n;
}

void oracle_pkts_free(oracle_pkts *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i].data);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

/* ---- packet building ---- */

typedef struct buf {
	uint8_t b[512];
	size_t n;
} buf;

static void put(buf *b, const void *p, size_t n)
{
	if (b->n + n > sizeof(b->b))
		n = sizeof(b->b) - b->n;
	memcpy(b->b + b->n, p, n);
	b->n += n;
}
static void put8(buf *b, unsigned v)
{
	uint8_t c = (uint8_t)v;
	put(b, &c, 1);
}
static void put16(buf *b, unsigned v)
{
	put8(b, v >> 8);
	put8(b, v);
}
static void put32(buf *b, uint32_t v)
{
	put16(b, v >> 16);
	put16(b, v & 0xffff);
}

static const uint32_t v4addrs[] = {0x01020304, 0x0a010203, 0x0a000001, 0xc0a80101,
				   0x7f000001, 0xe0000005, 0xffffffff, 0x0a141eff};
static const uint8_t v6addrs[][16] = {
	{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1},
	{0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1},
	{0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1},
	{0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1},
};
static const uint16_t ports[] = {80, 53, 443, 22, 1024, 8080, 20, 0};
static const uint8_t macs[][6] = {
	{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}, {0x01, 0x00, 0x5e, 0x00, 0x00, 0x05},
	{0x00, 0x11, 0x22, 0x33, 0x44, 0x55}, {0x01, 0x02, 0x03, 0x04, 0x05, 0x06},
};

/* A transport header plus a little payload. */
static void transport(buf *b, int proto, int i)
{
	uint16_t sp = ports[i % 8], dp = ports[(i / 8 + 1) % 8];
	switch (proto) {
	case 6:
		put16(b, sp), put16(b, dp), put32(b, 0x11111111), put32(b, 0);
		put8(b, 0x50), put8(b, (unsigned)(0x02 | (i & 0x11))), put16(b, 512), put32(b, 0);
		break;
	case 17:
	case 132:
		put16(b, sp), put16(b, dp), put16(b, 16), put16(b, 0);
		break;
	case 1:
	case 58:
		put8(b, (unsigned)(i & 1 ? 8 : 0)), put8(b, 0), put16(b, 0), put32(b, 0x00010001);
		break;
	default:
		put32(b, 0x12345678), put32(b, 0x9abcdef0);
		break;
	}
	put32(b, 0xdeadbeef);
}

static void ip4(buf *b, uint32_t src, uint32_t dst, int proto, uint16_t frag, int i)
{
	buf t = {0};
	transport(&t, proto, i);
	bool opts = (i & 7) == 5;
	put8(b, opts ? 0x46 : 0x45), put8(b, 0), put16(b, (unsigned)(20 + (opts ? 4 : 0) + t.n));
	put16(b, 1), put16(b, frag), put8(b, 64), put8(b, (unsigned)proto), put16(b, 0);
	put32(b, src), put32(b, dst);
	if (opts)
		put32(b, 0x01010100);
	put(b, t.b, t.n);
}

static void ip6(buf *b, const uint8_t *src, const uint8_t *dst, int proto, int ext, int i)
{
	buf t = {0};
	if (ext >= 0) {
		/* a fragment header (44) or a hop-by-hop header (0) before the transport */
		put8(&t, (unsigned)proto), put8(&t, 0), put16(&t, ext == 44 ? (i & 1 ? 8 : 1) : 0x0104);
		put32(&t, 0);
	}
	transport(&t, proto, i);
	put32(b, 0x60000000), put16(b, (unsigned)t.n), put8(b, (unsigned)(ext >= 0 ? ext : proto)), put8(b, 64);
	put(b, src, 16), put(b, dst, 16);
	put(b, t.b, t.n);
}

static void arp(buf *b, uint16_t op, uint32_t spa, uint32_t tpa)
{
	put16(b, 1), put16(b, 0x0800), put8(b, 6), put8(b, 4), put16(b, op);
	put(b, macs[2], 6), put32(b, spa), put(b, macs[3], 6), put32(b, tpa);
}

/* Network payloads, each with the ethertype (or SAP, below 0x600) that carries it. */
typedef struct payload {
	uint16_t type;
	buf b;
} payload;

static int build_payloads(payload *out, int max)
{
	int n = 0;
	static const int protos[] = {6, 17, 132, 1, 2, 9, 103, 112, 51, 50, 58, 4};
	for (int i = 0; i < 48 && n < max; i++) {
		payload *p = &out[n++];
		memset(p, 0, sizeof(*p));
		p->type = 0x0800;
		uint16_t frag = (i % 6 == 3) ? 0x00b9 : (i % 6 == 4) ? 0x2000 : 0x4000;
		ip4(&p->b, v4addrs[i % 8], v4addrs[(i / 8 + 3) % 8], protos[i % 12], frag, i);
	}
	for (int i = 0; i < 36 && n < max; i++) {
		payload *p = &out[n++];
		memset(p, 0, sizeof(*p));
		p->type = 0x86dd;
		/* every third packet has a fragment header, every third a hop-by-hop header */
		int ext = i % 3 == 1 ? 44 : i % 3 == 2 ? 0 : -1;
		ip6(&p->b, v6addrs[i % 4], v6addrs[(i / 4 + 1) % 4], protos[i % 12], ext, i);
	}
	for (int i = 0; i < 8 && n < max; i++) {
		payload *p = &out[n++];
		memset(p, 0, sizeof(*p));
		p->type = i < 4 ? 0x0806 : 0x8035;
		arp(&p->b, (uint16_t)(i % 2 + 1), v4addrs[i], v4addrs[(i + 3) % 8]);
	}
	/* 802.2 frames: ISO (fe fe 03 + NLPID + IS-IS PDU), STP, NetBEUI, IPX, SNAP */
	static const uint8_t llcs[][12] = {
		{0xfe, 0xfe, 0x03, 0x83, 0x1b, 0x01, 0x00, 0x12, 0x01, 0, 0, 0},
		{0xfe, 0xfe, 0x03, 0x83, 0x1b, 0x01, 0x00, 0x0f, 0x01, 0, 0, 0},
		{0xfe, 0xfe, 0x03, 0x81, 0x1b, 0x01, 0x00, 0x1c, 0x01, 0, 0, 0},
		{0xfe, 0xfe, 0x03, 0x82, 0x1b, 0x01, 0x00, 0x02, 0x01, 0, 0, 0},
		{0x42, 0x42, 0x03, 0x00, 0x00, 0x00, 0x00, 0, 0, 0, 0, 0},
		{0xf0, 0xf0, 0x03, 0x2c, 0x00, 0xff, 0xef, 0, 0, 0, 0, 0},
		{0xe0, 0xe0, 0x03, 0xff, 0xff, 0x00, 0x20, 0, 0, 0, 0, 0},
		{0xff, 0xff, 0x00, 0x20, 0x00, 0x00, 0x00, 0, 0, 0, 0, 0},
		{0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00, 0x81, 0x37, 0xff, 0xff, 0, 0},
		{0xaa, 0xaa, 0x03, 0x08, 0x00, 0x07, 0x80, 0x9b, 0x00, 0x10, 0, 0},
		{0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00, 0x80, 0xf3, 0x00, 0x01, 0, 0},
		{0x06, 0x06, 0x01, 0x00, 0, 0, 0, 0, 0, 0, 0, 0},
		{0x42, 0x42, 0x6f, 0x00, 0, 0, 0, 0, 0, 0, 0, 0},
		{0xaa, 0xaa, 0xe3, 0x00, 0, 0, 0, 0, 0, 0, 0, 0},
	};
	for (size_t i = 0; i < sizeof(llcs) / sizeof(llcs[0]) && n < max; i++) {
		payload *p = &out[n++];
		memset(p, 0, sizeof(*p));
		p->type = 0; /* 802.3 */
		put(&p->b, llcs[i], 12);
		put32(&p->b, 0x01020304), put32(&p->b, 0x05060708);
	}
	/* Other Ethernet II types */
	static const uint16_t others[] = {0x809b, 0x80f3, 0x8137, 0x6003, 0x6004, 0x6007,
					  0x6001, 0x6002, 0x88cc, 0x8809, 0x1234};
	for (size_t i = 0; i < sizeof(others) / sizeof(others[0]) && n < max; i++) {
		payload *p = &out[n++];
		memset(p, 0, sizeof(*p));
		p->type = others[i];
		put32(&p->b, 0x00112233), put32(&p->b, 0x44556677), put32(&p->b, 0x8899aabb);
	}
	return n;
}

static void add_truncated(oracle_pkts *s, const buf *b)
{
	for (size_t len = 0; len <= b->n; len++)
		oracle_pkts_add(s, b->b, (uint32_t)len, (uint32_t)b->n);
}

static uint16_t ppp_proto(uint16_t type)
{
	switch (type) {
	case 0x0800: return 0x21;
	case 0x86dd: return 0x57;
	case 0x809b: return 0x29;
	case 0x8137: return 0x2b;
	case 0x6003: return 0x27;
	default: return type;
	}
}

void oracle_pkts_add_synthetic(oracle_pkts *s, int dlt)
{
	payload *pl = calloc(160, sizeof(*pl));
	if (!pl)
		abort();
	int n = build_payloads(pl, 160);
	for (int i = 0; i < n; i++) {
		const payload *p = &pl[i];
		buf b = {0};
		switch (dlt) {
		case 1: /* EN10MB */
			put(&b, macs[i % 4], 6), put(&b, macs[(i + 1) % 4], 6);
			put16(&b, p->type ? p->type : (unsigned)p->b.n);
			put(&b, p->b.b, p->b.n);
			add_truncated(s, &b);
			if (p->type == 0x0800 || p->type == 0x86dd || p->type == 0x0806) {
				/* 802.1Q, QinQ, MPLS and PPPoE around the same payload */
				buf v = {0};
				put(&v, macs[2], 6), put(&v, macs[3], 6);
				put16(&v, 0x8100), put16(&v, (unsigned)(i & 1 ? 100 : 200));
				if (i % 5 == 0)
					put16(&v, 0x8100), put16(&v, 300);
				put16(&v, p->type), put(&v, p->b.b, p->b.n);
				add_truncated(s, &v);
				if (p->type != 0x0806) {
					buf m = {0};
					put(&m, macs[2], 6), put(&m, macs[3], 6);
					put16(&m, 0x8847);
					if (i % 3 == 0)
						put32(&m, (uint32_t)(42 << 12 | 64));
					put32(&m, (uint32_t)((i & 1 ? 42 : 7) << 12 | 1 << 8 | 64));
					put(&m, p->b.b, p->b.n);
					add_truncated(s, &m);
					buf e = {0};
					put(&e, macs[2], 6), put(&e, macs[3], 6);
					put16(&e, 0x8864), put8(&e, 0x11), put8(&e, 0), put16(&e, (unsigned)(i & 1 ? 1 : 0x1234));
					put16(&e, (unsigned)(p->b.n + 2)), put16(&e, ppp_proto(p->type));
					put(&e, p->b.b, p->b.n);
					add_truncated(s, &e);
				}
			}
			break;
		case 113: /* LINUX_SLL */
			put16(&b, (unsigned)(i % 5)), put16(&b, 1), put16(&b, 6), put(&b, macs[i % 4], 6);
			put16(&b, 0);
			put16(&b, p->type ? p->type : (i & 1 ? 4 : 1));
			put(&b, p->b.b, p->b.n);
			add_truncated(s, &b);
			break;
		case 276: /* LINUX_SLL2 */
			put16(&b, p->type ? p->type : 4), put16(&b, 0), put32(&b, (uint32_t)(i % 4));
			put16(&b, 1), put8(&b, (unsigned)(i % 5)), put8(&b, 6), put(&b, macs[i % 4], 6);
			put16(&b, 0);
			put(&b, p->b.b, p->b.n);
			add_truncated(s, &b);
			break;
		case 0:   /* NULL: host byte order */
		case 108: /* LOOP */ {
			uint32_t af = p->type == 0x0800 ? 2 : p->type == 0x86dd ? (i % 4 ? 10 : 24) : 7;
			if (dlt == 0)
				af = __builtin_bswap32(af);
			put32(&b, af);
			put(&b, p->b.b, p->b.n);
			add_truncated(s, &b);
			break;
		}
		case 9: /* PPP */
			put8(&b, 0xff), put8(&b, 0x03), put16(&b, ppp_proto(p->type ? p->type : 0x23));
			put(&b, p->b.b, p->b.n);
			add_truncated(s, &b);
			break;
		default: /* raw IP flavours */
			put(&b, p->b.b, p->b.n);
			add_truncated(s, &b);
			break;
		}
	}
	free(pl);
}

/* ---- programs ---- */

int oracle_libpcap(int dlt, const char *expr, int optimize, uint32_t netmask, ns_insn **prog,
		   size_t *len, char *err, size_t errlen)
{
	pcap_t *p = pcap_open_dead(dlt, 262144);
	if (!p) {
		snprintf(err, errlen, "pcap_open_dead failed");
		return -1;
	}
	struct bpf_program fp;
	if (pcap_compile(p, &fp, expr, optimize, netmask ? netmask : PCAP_NETMASK_UNKNOWN) != 0) {
		snprintf(err, errlen, "%s", pcap_geterr(p));
		pcap_close(p);
		return -1;
	}
	*prog = malloc(fp.bf_len * sizeof(ns_insn));
	memcpy(*prog, fp.bf_insns, fp.bf_len * sizeof(ns_insn));
	*len = fp.bf_len;
	pcap_freecode(&fp);
	pcap_close(p);
	return 0;
}

uint32_t oracle_run(const ns_insn *prog, size_t len, const oracle_pkt *p)
{
	(void)len;
	return bpf_filter((const struct bpf_insn *)prog, p->data, p->wirelen, p->caplen);
}

long oracle_first_diff(const ns_insn *a, size_t alen, const ns_insn *b, size_t blen,
		       const oracle_pkts *s)
{
	for (size_t i = 0; i < s->n; i++)
		if (oracle_run(a, alen, &s->v[i]) != oracle_run(b, blen, &s->v[i]))
			return (long)i;
	return -1;
}

/* Whether two programs agree on the packet once it is followed by zero bytes. */
static int pad_agrees(const ns_insn *a, size_t alen, const ns_insn *b, size_t blen,
		      const oracle_pkt *p)
{
	uint32_t n = (p->wirelen > p->caplen ? p->wirelen : p->caplen) + 256;
	uint8_t *padded = calloc(n, 1);
	if (!padded)
		return 0;
	memcpy(padded, p->data, p->caplen);
	oracle_pkt q = *p;
	q.data = padded;
	q.caplen = n;
	int r = oracle_run(a, alen, &q) == oracle_run(b, blen, &q);
	free(padded);
	return r;
}

long oracle_first_diff_opt(const ns_insn *a, size_t alen, const ns_insn *opt, size_t optlen,
			   const ns_insn *unopt, size_t unoptlen, const oracle_pkts *s, long *either)
{
	for (size_t i = 0; i < s->n; i++) {
		uint32_t got = oracle_run(a, alen, &s->v[i]);
		uint32_t o = oracle_run(opt, optlen, &s->v[i]);
		if (got == o)
			continue;
		/* libpcap's answer is undefined where its program reads a scratch cell it never
		 * wrote (geneve): not compared (docs/testing.md, "Documented classes") */
		ts_walk w;
		ts_bpf_walk((const struct bpf_insn *)(const void *)opt, optlen, s->v[i].data,
			    s->v[i].wirelen, s->v[i].caplen, &w);
		if (w.scratch_unset)
			continue;
		/* the optimized programs differ only past the captured data (the opt-truncation
		 * class) */
		if (pad_agrees(a, alen, opt, optlen, &s->v[i])) {
			if (either)
				(*either)++;
			continue;
		}
		if (got == oracle_run(unopt, unoptlen, &s->v[i])) {
			if (either)
				(*either)++;
			continue;
		}
		return (long)i;
	}
	return -1;
}

int oracle_kernel_accepts(const ns_insn *prog, size_t len)
{
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0)
		return -1;
	struct sock_fprog fp = {(unsigned short)len, (struct sock_filter *)(void *)prog};
	int r = setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &fp, sizeof(fp));
	int e = errno;
	close(fd);
	/* ENOMEM: the program is larger than the socket option memory (net.core.optmem_max),
	 * which says nothing about its validity */
	if (r != 0 && e == ENOMEM)
		return -1;
	return r == 0 ? 1 : 0;
}

void oracle_print(const ns_insn *prog, size_t len)
{
	for (size_t i = 0; i < len; i++)
		fprintf(stderr, "  (%03zu) code=0x%02x jt=%u jf=%u k=0x%x\n", i, prog[i].code, prog[i].jt,
			prog[i].jf, prog[i].k);
}

/* ---- tcpdump -d listings ---- */

static const struct {
	const char *name;
	uint16_t code;
} mnemonics[] = {
	{"ld", NS_BPF_LD | NS_BPF_W},   {"ldh", NS_BPF_LD | NS_BPF_H},   {"ldb", NS_BPF_LD | NS_BPF_B},
	{"ldx", NS_BPF_LDX | NS_BPF_W}, {"ldxb", NS_BPF_LDX | NS_BPF_B}, {"st", NS_BPF_ST},
	{"stx", NS_BPF_STX},            {"add", NS_BPF_ALU | NS_BPF_ADD}, {"sub", NS_BPF_ALU | NS_BPF_SUB},
	{"mul", NS_BPF_ALU | NS_BPF_MUL}, {"div", NS_BPF_ALU | NS_BPF_DIV}, {"mod", NS_BPF_ALU | NS_BPF_MOD},
	{"and", NS_BPF_ALU | NS_BPF_AND}, {"or", NS_BPF_ALU | NS_BPF_OR},   {"xor", NS_BPF_ALU | NS_BPF_XOR},
	{"lsh", NS_BPF_ALU | NS_BPF_LSH}, {"rsh", NS_BPF_ALU | NS_BPF_RSH}, {"neg", NS_BPF_ALU | NS_BPF_NEG},
	{"ja", NS_BPF_JMP | NS_BPF_JA},   {"jeq", NS_BPF_JMP | NS_BPF_JEQ}, {"jgt", NS_BPF_JMP | NS_BPF_JGT},
	{"jge", NS_BPF_JMP | NS_BPF_JGE}, {"jset", NS_BPF_JMP | NS_BPF_JSET}, {"ret", NS_BPF_RET},
	{"tax", NS_BPF_MISC | NS_BPF_TAX}, {"txa", NS_BPF_MISC | NS_BPF_TXA},
};

int oracle_parse_listing(const char *text, ns_insn **prog, size_t *len)
{
	size_t cap = 64, n = 0;
	ns_insn *p = calloc(cap, sizeof(*p));
	const char *s = text;
	while (*s) {
		const char *eol = strchr(s, '\n');
		size_t l = eol ? (size_t)(eol - s) : strlen(s);
		char line[256];
		if (l >= sizeof(line) || l < 6 || s[0] != '(') {
			s += l + (eol ? 1 : 0);
			continue;
		}
		memcpy(line, s, l);
		line[l] = 0;
		s += l + (eol ? 1 : 0);
		unsigned idx;
		char op[16] = "", arg[128] = "";
		int jt = -1, jf = -1;
		if (sscanf(line, "(%u) %15s", &idx, op) != 2)
			goto bad;
		const char *a = strstr(line, op) + strlen(op);
		while (*a == ' ')
			a++;
		snprintf(arg, sizeof(arg), "%s", a);
		char *j = strstr(arg, "jt ");
		if (j) {
			sscanf(j, "jt %d jf %d", &jt, &jf);
			*j = 0;
		}
		for (char *e = arg + strlen(arg); e > arg && (e[-1] == ' ' || e[-1] == '\t'); e--)
			e[-1] = 0;
		uint16_t code = 0xffff;
		for (size_t m = 0; m < sizeof(mnemonics) / sizeof(mnemonics[0]); m++)
			if (strcmp(mnemonics[m].name, op) == 0)
				code = mnemonics[m].code;
		if (code == 0xffff)
			goto bad;
		uint32_t k = 0;
		unsigned v;
		if (NS_BPF_CLASS(code) == NS_BPF_LD || NS_BPF_CLASS(code) == NS_BPF_LDX) {
			if (strcmp(arg, "#pktlen") == 0)
				code = (uint16_t)(NS_BPF_CLASS(code) | NS_BPF_W | NS_BPF_LEN);
			else if (sscanf(arg, "4*([%i]&0xf)", &v) == 1)
				code = NS_BPF_LDX | NS_BPF_B | NS_BPF_MSH, k = v;
			else if (sscanf(arg, "M[%i]", &v) == 1)
				code = (uint16_t)(NS_BPF_CLASS(code) | NS_BPF_W | NS_BPF_MEM), k = v;
			else if (sscanf(arg, "[x + %i]", &v) == 1)
				code |= NS_BPF_IND, k = v;
			else if (sscanf(arg, "[%i]", &v) == 1)
				code |= NS_BPF_ABS, k = v;
			else if (sscanf(arg, "#%i", &v) == 1)
				code = (uint16_t)(NS_BPF_CLASS(code) | NS_BPF_W | NS_BPF_IMM), k = v;
			else
				goto bad;
		} else if (NS_BPF_CLASS(code) == NS_BPF_ST || NS_BPF_CLASS(code) == NS_BPF_STX) {
			if (sscanf(arg, "M[%i]", &v) != 1)
				goto bad;
			k = v;
		} else if (NS_BPF_CLASS(code) == NS_BPF_RET) {
			if (sscanf(arg, "#%i", &v) == 1)
				k = v;
			else
				code |= NS_BPF_A;
		} else if (NS_BPF_CLASS(code) == NS_BPF_ALU || NS_BPF_CLASS(code) == NS_BPF_JMP) {
			if (code == (NS_BPF_JMP | NS_BPF_JA)) {
				if (sscanf(arg, "%i", &v) != 1)
					goto bad;
				k = v - idx - 1;
			} else if (strcmp(arg, "x") == 0) {
				code |= NS_BPF_X;
			} else if (sscanf(arg, "#%i", &v) == 1) {
				k = v;
			} else if (NS_BPF_OP(code) != NS_BPF_NEG || NS_BPF_CLASS(code) != NS_BPF_ALU) {
				goto bad;
			}
		}
		if (n == cap)
			p = realloc(p, (cap *= 2) * sizeof(*p));
		p[n] = NS_BPF_STMT(code, k);
		if (jt >= 0) {
			p[n].jt = (uint8_t)(jt - (int)idx - 1);
			p[n].jf = (uint8_t)(jf - (int)idx - 1);
		}
		n++;
	}
	*prog = p;
	*len = n;
	return 0;
bad:
	free(p);
	return -1;
}

long oracle_compare_optimized(int dlt, const char *expr, const oracle_pkts *s, ns_program *ours,
			      ns_insn **ref, size_t *reflen)
{
	char perr[512];
	if (oracle_libpcap(dlt, expr, 1, 0, ref, reflen, perr, sizeof(perr)) != 0) {
		fprintf(stderr, "FAIL dlt %d [%s]: libpcap refuses: %s\n", dlt, expr, perr);
		return -2;
	}
	ns_compile_opts o;
	ns_compile_opts_init(&o);
	o.linktype = dlt;
	ns_diag err;
	if (ns_compile(expr, &o, ours, &err) != 0) {
		fprintf(stderr, "FAIL dlt %d [%s]: netsift refuses: %s\n", dlt, expr, err.msg);
		free(*ref);
		return -2;
	}
	long d = oracle_first_diff(ours->insns, ours->len, *ref, *reflen, s);
	if (d >= 0)
		fprintf(stderr, "FAIL dlt %d [%s]: packet %ld (caplen %u of %u): ours %u libpcap %u\n", dlt,
			expr, d, s->v[d].caplen, s->v[d].wirelen, oracle_run(ours->insns, ours->len, &s->v[d]),
			oracle_run(*ref, *reflen, &s->v[d]));
	return d;
}

int oracle_has_insn(const ns_insn *prog, size_t len, uint16_t code, const uint32_t *k)
{
	for (size_t i = 0; i < len; i++)
		if (prog[i].code == code && (!k || prog[i].k == *k))
			return 1;
	return 0;
}
