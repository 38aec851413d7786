/* Set-aware code generation (compiler/gen_set.c) against libpcap.
 *
 * Disjunctions of many IPv4 hosts, /24 nets and ports, with every direction and protocol
 * qualifier the set code takes, are compiled by netsift (optimized and not) and by libpcap
 * (pcap_compile without its optimizer: the term-by-term program, whose load order defines the
 * verdict on truncated packets). Both run with libpcap's bpf_filter over packets built to hit
 * the listed values (the first one, later ones, none; as source, destination, both) in IPv4
 * TCP/UDP/SCTP, IPv4 fragments, IPv6 TCP/UDP, ARP, RARP and other frames, each also cut at
 * every length: the verdicts must be equal on every packet. The programs must also be short
 * (about one instruction per value per field), which fails if the searches are not used. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compiler/netsift.h"
#include "tests/support/oracle.h"

enum { MAXV = 400, DLT_EN10MB = 1, DLT_SLL = 113, DLT_RAW = 12 };

static uint32_t host_addr(int i)
{
	return 0x0a000000u | (uint32_t)((i >> 8) & 0xff) << 16 | (uint32_t)(i & 0xff) << 8 |
	       (uint32_t)((i * 7) % 250 + 1);
}

static uint32_t net_addr(int i)
{
	return 0x0a000000u | (uint32_t)((i >> 8) & 0xff) << 16 | (uint32_t)(i & 0xff) << 8;
}

static uint16_t port_num(int i)
{
	return (uint16_t)(1000 + 3 * i);
}

static void put16(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, v >> 16);
	put16(p + 2, v & 0xffff);
}

/* Link header for dlt carrying ethertype; returns its length. */
static int linkhdr(int dlt, uint8_t *p, uint16_t et)
{
	switch (dlt) {
	case DLT_EN10MB:
		memset(p, 0x02, 12);
		put16(p + 12, et);
		return 14;
	case DLT_SLL:
		memset(p, 0, 14);
		put16(p + 2, 1);
		put16(p + 4, 6);
		put16(p + 14, et);
		return 16;
	default:
		return 0;
	}
}

/* Adds the packet and every truncation of it. */
static void add_cuts(oracle_pkts *s, const uint8_t *p, uint32_t len)
{
	for (uint32_t cut = 0; cut <= len; cut++)
		oracle_pkts_add(s, p, cut, len);
}

typedef enum kind { K_TCP4, K_UDP4, K_SCTP4, K_FRAG4, K_TCP6, K_UDP6, K_ARP, K_RARP, K_OTHER4,
		    K_COUNT } kind;

static void add_packet(oracle_pkts *s, int dlt, kind k, uint32_t src, uint32_t dst,
		       uint16_t sport, uint16_t dport)
{
	uint8_t p[128];
	memset(p, 0, sizeof(p));
	bool v6 = k == K_TCP6 || k == K_UDP6;
	bool arp = k == K_ARP || k == K_RARP;
	if (dlt == DLT_RAW && arp)
		return;
	int l = linkhdr(dlt, p, arp ? (k == K_ARP ? 0x0806 : 0x8035) : v6 ? 0x86dd : 0x0800);
	uint8_t *n = p + l;
	uint32_t len;
	if (arp) {
		put16(n, 1);
		put16(n + 2, 0x0800);
		n[4] = 6;
		n[5] = 4;
		put16(n + 6, 1);
		put32(n + 14, src);
		put32(n + 24, dst);
		len = (uint32_t)l + 28;
	} else if (v6) {
		n[0] = 0x60;
		n[6] = k == K_TCP6 ? 6 : 17;
		n[7] = 64;
		put32(n + 8 + 12, src); /* the IPv4 values are in the low words: no IPv4 test reads them */
		put32(n + 24 + 12, dst);
		put16(n + 40, sport);
		put16(n + 42, dport);
		len = (uint32_t)l + 40 + 20;
		put16(n + 4, 20);
	} else {
		/* an IPv4 header with options (24 bytes), so the transport offset is not 20 */
		n[0] = 0x46;
		put16(n + 2, 24 + 20);
		n[8] = 64;
		n[9] = k == K_TCP4 || k == K_FRAG4 ? 6 : k == K_UDP4 ? 17 : k == K_SCTP4 ? 132 : 1;
		if (k == K_FRAG4)
			put16(n + 6, 0x0010);
		put32(n + 12, src);
		put32(n + 16, dst);
		put16(n + 24, sport);
		put16(n + 26, dport);
		len = (uint32_t)l + 24 + 20;
	}
	add_cuts(s, p, len);
}

/* Packets hitting values v[0..n) of the address or port field. */
static void build_packets(oracle_pkts *s, int dlt, uint32_t (*addr)(int), int n)
{
	const uint32_t none = 0xc0a80101u;
	const uint16_t pnone = 7;
	int picks[] = {0, 1, n / 2, n - 1};
	for (int k = 0; k < K_COUNT; k++) {
		for (int i = 0; i < 4; i++) {
			int a = picks[i];
			add_packet(s, dlt, (kind)k, addr(a), none, port_num(a), pnone);
			add_packet(s, dlt, (kind)k, none, addr(a), pnone, port_num(a));
			add_packet(s, dlt, (kind)k, addr(a), addr(a), port_num(a), port_num(a));
			add_packet(s, dlt, (kind)k, addr(a), addr(picks[(i + 1) % 4]), port_num(a),
				   port_num(picks[(i + 1) % 4]));
			/* inside a /24 net, not a listed host */
			add_packet(s, dlt, (kind)k, addr(a) ^ 0x80u, none, pnone, pnone);
		}
		add_packet(s, dlt, (kind)k, none, none, pnone, pnone);
		add_packet(s, dlt, (kind)k, none + 1, addr(n / 3) + 0x100u, port_num(n) + 1, 0);
	}
}

typedef struct family {
	const char *name;
	uint32_t (*addr)(int);
	/* the i-th term, with or without its keywords; returns chars written */
	int (*term)(char *out, size_t size, const char *qual, int i, bool bare);
} family;

static int host_term(char *o, size_t z, const char *q, int i, bool bare)
{
	uint32_t a = host_addr(i);
	return snprintf(o, z, "%s%s%u.%u.%u.%u", bare ? "" : q, bare ? "" : "host ", a >> 24,
			a >> 16 & 0xff, a >> 8 & 0xff, a & 0xff);
}

static int net_term(char *o, size_t z, const char *q, int i, bool bare)
{
	uint32_t a = net_addr(i);
	return snprintf(o, z, "%s%s%u.%u.%u.0/24", bare ? "" : q, bare ? "" : "net ", a >> 24,
			a >> 16 & 0xff, a >> 8 & 0xff);
}

static int port_term(char *o, size_t z, const char *q, int i, bool bare)
{
	return snprintf(o, z, "%s%s%u", bare ? "" : q, bare ? "" : "port ", port_num(i));
}

static uint32_t port_as_addr(int i)
{
	return host_addr(i);
}

static char *expression(const family *f, const char *qual, int n, bool bare, const char *wrap)
{
	size_t size = (size_t)n * 48 + 256;
	char *e = malloc(size), *p = e;
	for (int i = 0; i < n; i++) {
		if (i)
			p += sprintf(p, " or ");
		p += f->term(p, size - (size_t)(p - e), qual, i, bare && i > 0);
	}
	if (wrap) {
		char *w = malloc(size + strlen(wrap));
		sprintf(w, wrap, e);
		free(e);
		return w;
	}
	return e;
}

/* Compiles expr both ways and compares verdicts; returns our optimized length. */
static size_t check(int dlt, const char *expr, const oracle_pkts *s)
{
	ns_insn *ref, *optref = NULL;
	size_t reflen, optreflen = 0;
	char err[512];
	/* A filter libpcap's optimizer proves empty (`arp host` on raw IP) is refused by both
	 * (asked for short filters only: libpcap's optimizer is slow on long ones). */
	if (strlen(expr) < 2000 &&
	    oracle_libpcap(dlt, expr, 1, 0, &optref, &optreflen, err, sizeof(err)) != 0) {
		ns_compile_opts o;
		ns_compile_opts_init(&o);
		o.linktype = dlt;
		ns_program prog;
		ns_diag d;
		if (ns_compile(expr, &o, &prog, &d) == 0)
			fail_msg("netsift accepts '%.80s...', libpcap says: %s", expr, err);
		return 0;
	}
	if (oracle_libpcap(dlt, expr, 0, 0, &ref, &reflen, err, sizeof(err)) != 0)
		fail_msg("libpcap refuses '%.80s...': %s", expr, err);
	size_t len = 0;
	for (int opt = 1; opt >= 0; opt--) {
		ns_compile_opts o;
		ns_compile_opts_init(&o);
		o.linktype = dlt;
		o.optimize = opt;
		ns_program prog;
		ns_diag d;
		if (ns_compile(expr, &o, &prog, &d) != 0)
			fail_msg("netsift refuses '%.80s...': %s", expr, d.msg);
		/* Optimized: libpcap's optimized answer, or where libpcap's two programs differ on
		 * a cut packet its unoptimized one (the documented classes of docs/testing.md);
		 * libpcap's optimizer is too slow to ask for long filters, then only the
		 * unoptimized program is the reference. */
		long either = 0;
		long bad = opt ? oracle_first_diff_opt(prog.insns, prog.len, optref ? optref : ref,
						       optref ? optreflen : reflen, ref, reflen, s, &either)
			       : oracle_first_diff(prog.insns, prog.len, ref, reflen, s);
		if (bad >= 0) {
			const oracle_pkt *p = &s->v[bad];
			fprintf(stderr, "dlt %d optimize %d '%.200s': packet %ld (caplen %u of %u): "
				"netsift %u, libpcap %u\n", dlt, opt, expr, bad, p->caplen, p->wirelen,
				oracle_run(prog.insns, prog.len, p), oracle_run(ref, reflen, p));
			oracle_print(prog.insns, prog.len < 80 ? prog.len : 80);
			fail_msg("verdicts differ");
		}
		if (opt) {
			len = prog.len;
			if (prog.len <= 4096 && oracle_kernel_accepts(prog.insns, prog.len) == 0)
				fail_msg("the kernel refuses the program for '%.80s...'", expr);
		}
		ns_program_free(&prog);
	}
	free(ref);
	free(optref);
	return len;
}

static const family families[] = {
	{"host", host_addr, host_term},
	{"net", net_addr, net_term},
	{"port", port_as_addr, port_term},
};

static void run_family(const family *f, const char *const *quals, int nq, const int *dlts,
		       int ndlt, const int *sizes, int nsizes, int fields_per_value)
{
	for (int d = 0; d < ndlt; d++) {
		for (int z = 0; z < nsizes; z++) {
			int n = sizes[z];
			/* the sanitizer build is ~5x slower: a smaller largest size there */
			const char *san = getenv("SANITIZED");
			if (san && *san == '1' && n > 100)
				n = 100;
			oracle_pkts s = {0};
			build_packets(&s, dlts[d], f->addr, n);
			/* the largest size with the first two qualifiers only: libpcap's
			 * term-by-term program is slow to run */
			for (int q = 0; q < (z == nsizes - 1 && nsizes > 1 ? 2 : nq); q++) {
				for (int bare = 0; bare < 2; bare++) {
					char *e = expression(f, quals[q], n, bare, NULL);
					size_t len = check(dlts[d], e, &s);
					/* about fields_per_value instructions per value, plus the
					 * first term's code, when the searches are used */
					if (n >= 40 && len > (size_t)(fields_per_value * n * 13 / 10 + 80))
						fail_msg("'%s' %d terms: %zu instructions, searches not used?",
							 quals[q], n, len);
					free(e);
				}
			}
			oracle_pkts_free(&s);
		}
	}
}

static void test_hosts(void **state)
{
	(void)state;
	static const char *const quals[] = {"", "src ", "dst ", "src or dst ", "src and dst ",
					    "ip ", "arp ", "rarp src "};
	static const int dlts[] = {DLT_EN10MB, DLT_SLL, DLT_RAW};
	static const int sizes[] = {4, 7, 8, 40, 400};
	run_family(&families[0], quals, 8, dlts, 3, sizes, 5, 2);
}

static void test_nets(void **state)
{
	(void)state;
	static const char *const quals[] = {"", "src ", "dst ", "src and dst ", "ip dst "};
	static const int dlts[] = {DLT_EN10MB, DLT_RAW};
	static const int sizes[] = {4, 9, 400};
	run_family(&families[1], quals, 5, dlts, 2, sizes, 3, 2);
}

static void test_ports(void **state)
{
	(void)state;
	static const char *const quals[] = {"", "src ", "dst ", "tcp ", "udp dst ", "sctp ",
					    "src or dst "};
	static const int dlts[] = {DLT_EN10MB, DLT_SLL, DLT_RAW};
	static const int sizes[] = {7, 8, 40, 400};
	run_family(&families[2], quals, 7, dlts, 3, sizes, 4, 2);
}

/* Runs inside larger expressions: a run broken by other primitives, under `not`, after `and`,
 * next to a run of another family. */
static void test_mixed(void **state)
{
	(void)state;
	oracle_pkts s = {0};
	build_packets(&s, DLT_EN10MB, host_addr, 40);
	static const char *const wraps[] = {
		"tcp and (%s) and not (port 1000 or port 1003 or port 1006 or port 1009 or port 7)",
		"not (%s)",
		"udp or (%s) or port 1000 or port 1003 or port 1006 or port 1009",
		"(%s) or host 192.168.1.1 or host 10.0.0.8 or host 10.0.1.8 or host 10.0.2.15",
		"port 1000 and (%s)",
	};
	for (size_t w = 0; w < sizeof(wraps) / sizeof(wraps[0]); w++) {
		char *e = expression(&families[0], "", 40, false, wraps[w]);
		check(DLT_EN10MB, e, &s);
		free(e);
	}
	check(DLT_EN10MB, "host 10.0.0.8 or port 1000 or host 10.0.1.8 or host 10.0.2.15 or "
			  "host 10.0.3.22 or host 10.0.4.29 or tcp", &s);
	check(DLT_EN10MB, "host 10.0.0.8 or 10.0.1.8 or 10.0.2.15 or 10.0.3.22 or port 1000 or "
			  "1003 or 1006 or 1009 or 1012", &s);
	oracle_pkts_free(&s);
}

/* Ethernet addresses: some share their low four bytes, so the search's buckets are followed
 * by several high-half comparisons. */
static void mac_of(int i, uint8_t m[6])
{
	m[0] = (uint8_t)(i % 3 == 0 ? 0x0a : 0x02);
	m[1] = 0;
	m[2] = (uint8_t)(i / 3 >> 8);
	m[3] = (uint8_t)(i / 3);
	m[4] = 0;
	m[5] = 1;
}

static void test_ether(void **state)
{
	(void)state;
	static const char *const quals[] = {"ether host ", "ether src ", "ether dst ",
					    "ether src or dst host "};
	static const int sizes[] = {3, 4, 9, 40, 300};
	for (size_t z = 0; z < sizeof(sizes) / sizeof(*sizes); z++) {
		int n = sizes[z];
		oracle_pkts s = {0};
		int picks[] = {0, 1, 2, n / 2, n - 1, n, n + 1};
		for (int i = 0; i < 7; i++)
			for (int j = 0; j < 7; j++) {
				uint8_t p[34] = {0};
				mac_of(picks[j], p);
				mac_of(picks[i], p + 6);
				put16(p + 12, 0x0800);
				p[14] = 0x45;
				add_cuts(&s, p, sizeof(p));
			}
		for (size_t q = 0; q < sizeof(quals) / sizeof(*quals); q++) {
			size_t size = (size_t)n * 48 + 64;
			char *e = malloc(size), *w = e;
			for (int i = 0; i < n; i++) {
				uint8_t m[6];
				mac_of(i, m);
				w += sprintf(w, "%s%s%x:%x:%x:%x:%x:%x", i ? " or " : "", i % 2 ? "" : quals[q],
					     m[0], m[1], m[2], m[3], m[4], m[5]);
			}
			size_t len = check(DLT_EN10MB, e, &s);
			if (n >= 40 && len > (size_t)(n * 4 + 80))
				fail_msg("'%s' %d terms: %zu instructions, searches not used?", quals[q], n, len);
			free(e);
		}
		oracle_pkts_free(&s);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hosts),
		cmocka_unit_test(test_nets),
		cmocka_unit_test(test_ports),
		cmocka_unit_test(test_mixed),
		cmocka_unit_test(test_ether),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
