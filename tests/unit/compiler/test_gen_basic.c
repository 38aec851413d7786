/* Code generation from hand-built ASTs (independent of the parser): each case's program must
 * give libpcap's verdict (pcap_compile of the same expression, run with bpf_filter) on every
 * packet of the corpus and the synthetic set, on all nine link types, optimized or not, and
 * the kernel must accept it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compiler/ctx.h"
#include "tests/support/oracle.h"

static const int dlts[] = {1, 113, 276, 12, 228, 229, 0, 108, 9};

/* Nodes come from one pool so the test frees nothing node by node. */
static ns_node pool[1024];
static size_t pool_used;

static ns_node *nd(int kind)
{
	assert_true(pool_used < sizeof(pool) / sizeof(pool[0]));
	ns_node *n = &pool[pool_used++];
	n->kind = (uint8_t)kind;
	n->len = 1;
	n->id.prefix_len = -1;
	return n;
}
static ns_node *bin(int kind, ns_node *a, ns_node *b)
{
	ns_node *n = nd(kind);
	n->a = a;
	n->b = b;
	return n;
}
static ns_node *AND(ns_node *a, ns_node *b) { return bin(NS_N_AND, a, b); }
static ns_node *OR(ns_node *a, ns_node *b) { return bin(NS_N_OR, a, b); }
static ns_node *NOT(ns_node *a) { return bin(NS_N_NOT, a, NULL); }
static ns_node *kw(int proto)
{
	ns_node *n = nd(NS_N_PROTO);
	n->qual.proto = (uint8_t)proto;
	return n;
}
static ns_node *idq(int proto, int dir, int type)
{
	ns_node *n = nd(NS_N_ID);
	n->qual = (ns_qual){(uint8_t)proto, (uint8_t)dir, (uint8_t)type};
	return n;
}
static ns_node *idnum(int proto, int dir, int type, uint32_t v)
{
	ns_node *n = idq(proto, dir, type);
	n->id.kind = NS_ID_NUM;
	n->id.num = v;
	n->id.text = "num";
	return n;
}
static ns_node *idv4(int proto, int dir, int type, uint32_t v, int bits, int plen)
{
	ns_node *n = idq(proto, dir, type);
	n->id.kind = plen >= 0 ? NS_ID_IPV4_LEN : NS_ID_IPV4;
	n->id.v4 = v;
	n->id.v4_bits = (uint8_t)bits;
	n->id.prefix_len = plen;
	n->id.text = "v4";
	return n;
}
static ns_node *idv6(int proto, int dir, int type, const char *text, int plen)
{
	ns_node *n = idq(proto, dir, type);
	n->id.kind = plen >= 0 ? NS_ID_IPV6_LEN : NS_ID_IPV6;
	n->id.prefix_len = plen;
	n->id.text = text;
	char a[64];
	snprintf(a, sizeof(a), "%s", text);
	char *slash = strchr(a, '/');
	if (slash)
		*slash = 0;
	inet_pton(AF_INET6, a, n->id.v6);
	return n;
}
static ns_node *idname(int proto, int dir, int type, const char *name)
{
	ns_node *n = idq(proto, dir, type);
	n->id.kind = NS_ID_NAME;
	n->id.text = name;
	return n;
}
static ns_node *idmac(int proto, int dir, int type, const uint8_t *mac)
{
	ns_node *n = idq(proto, dir, type);
	n->id.kind = NS_ID_MAC;
	memcpy(n->id.mac, mac, 6);
	n->id.text = "mac";
	return n;
}
static ns_node *num(uint32_t v)
{
	ns_node *n = nd(NS_A_NUM);
	n->num = v;
	return n;
}
static ns_node *load(int proto, ns_node *idx, int size)
{
	ns_node *n = nd(NS_A_LOAD);
	n->qual.proto = (uint8_t)proto;
	n->a = idx;
	n->size = (uint8_t)size;
	return n;
}
static ns_node *binop(int op, ns_node *a, ns_node *b)
{
	ns_node *n = bin(NS_A_BINOP, a, b);
	n->binop = (uint8_t)op;
	return n;
}
static ns_node *rel(int op, ns_node *a, ns_node *b)
{
	ns_node *n = bin(NS_N_REL, a, b);
	n->relop = (uint8_t)op;
	return n;
}
static ns_node *simple(int kind, uint32_t v)
{
	ns_node *n = nd(kind);
	n->num = v;
	return n;
}
static ns_node *bcast(int kind, int proto)
{
	ns_node *n = nd(kind);
	n->qual.proto = (uint8_t)proto;
	return n;
}

static int compile_ast(ns_node *root, int dlt, int optimize, ns_program *out, ns_diag *err)
{
	ns_ctx ctx;
	memset(&ctx, 0, sizeof(ctx));
	ctx.expr = "";
	ns_compile_opts_init(&ctx.opts);
	ctx.opts.linktype = dlt;
	ctx.opts.optimize = optimize;
	ctx.diag = err;
	out->insns = NULL;
	out->len = 0;
	if (setjmp(ctx.fail)) {
		ns_program_free(out);
		ns_arena_free(&ctx.arena);
		return -1;
	}
	ns_generate(&ctx, root, out);
	ns_arena_free(&ctx.arena);
	return 0;
}

typedef struct gcase {
	const char *expr;
	ns_node *ast;
} gcase;

static oracle_pkts pkts[9];

static int setup(void **state)
{
	(void)state;
	for (int i = 0; i < 9; i++) {
		oracle_pkts_add_dir(&pkts[i], "tests/data/compiler");
		oracle_pkts_add_synthetic(&pkts[i], dlts[i]);
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	for (int i = 0; i < 9; i++)
		oracle_pkts_free(&pkts[i]);
	return 0;
}

static int check_case(const gcase *c)
{
	int bad = 0;
	for (int d = 0; d < 9; d++) {
		ns_insn *ref;
		size_t reflen;
		char perr[512];
		int lp = oracle_libpcap(dlts[d], c->expr, 0, 0, &ref, &reflen, perr, sizeof(perr));
		ns_insn *oref = NULL;
		size_t oreflen = 0;
		int lpo = lp == 0 ? oracle_libpcap(dlts[d], c->expr, 1, 0, &oref, &oreflen, perr, sizeof(perr)) : -1;
		for (int opt = 0; opt < 2; opt++) {
			ns_program p;
			ns_diag err;
			int r = compile_ast(c->ast, dlts[d], opt, &p, &err);
			if (lp == 0 && opt == 1 && lpo != 0) {
				/* both optimizers prove that nothing matches */
				if (r == 0 || !strstr(err.msg, "rejects all packets")) {
					fprintf(stderr, "%s (dlt %d): libpcap -O refuses, ours %s\n", c->expr, dlts[d],
						r == 0 ? "accepts" : err.msg);
					bad++;
				}
				ns_program_free(&p);
				continue;
			}
			if ((r == 0) != (lp == 0)) {
				fprintf(stderr, "%s (dlt %d): ours %s (%s), libpcap %s (%s)\n", c->expr, dlts[d],
					r == 0 ? "accepts" : "rejects", r ? err.msg : "",
					lp == 0 ? "accepts" : "rejects", lp ? perr : "");
				bad++;
				ns_program_free(&p);
				continue;
			}
			if (r != 0)
				continue;
			/* optimized: libpcap's optimized program is the reference (docs/testing.md) */
			long i = opt ? oracle_first_diff_opt(p.insns, p.len, oref, oreflen, ref, reflen, &pkts[d], NULL)
				     : oracle_first_diff(p.insns, p.len, ref, reflen, &pkts[d]);
			if (i >= 0) {
				const oracle_pkt *k = &pkts[d].v[i];
				fprintf(stderr, "%s (dlt %d, opt %d): packet %ld (caplen %u) ours %u libpcap %u\n",
					c->expr, dlts[d], opt, i, k->caplen, oracle_run(p.insns, p.len, k),
					oracle_run(ref, reflen, k));
				oracle_print(p.insns, p.len);
				bad++;
			}
			if (oracle_kernel_accepts(p.insns, p.len) == 0) {
				fprintf(stderr, "%s (dlt %d, opt %d): kernel refuses the program\n", c->expr,
					dlts[d], opt);
				bad++;
			}
			ns_program_free(&p);
		}
		if (lp == 0)
			free(ref);
		free(oref);
	}
	return bad;
}

static void test_verdicts(void **state)
{
	(void)state;
	static const uint8_t mac[6] = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06};
	const gcase cases[] = {
		{"ip", kw(NS_QP_IP)},
		{"ip6", kw(NS_QP_IPV6)},
		{"arp", kw(NS_QP_ARP)},
		{"rarp", kw(NS_QP_RARP)},
		{"tcp", kw(NS_QP_TCP)},
		{"udp", kw(NS_QP_UDP)},
		{"sctp", kw(NS_QP_SCTP)},
		{"icmp", kw(NS_QP_ICMP)},
		{"icmp6", kw(NS_QP_ICMPV6)},
		{"igmp", kw(NS_QP_IGMP)},
		{"pim", kw(NS_QP_PIM)},
		{"vrrp", kw(NS_QP_VRRP)},
		{"ah", kw(NS_QP_AH)},
		{"esp", kw(NS_QP_ESP)},
		{"atalk", kw(NS_QP_ATALK)},
		{"aarp", kw(NS_QP_AARP)},
		{"ipx", kw(NS_QP_IPX)},
		{"iso", kw(NS_QP_ISO)},
		{"stp", kw(NS_QP_STP)},
		{"netbeui", kw(NS_QP_NETBEUI)},
		{"decnet", kw(NS_QP_DECNET)},
		{"isis", kw(NS_QP_ISIS)},
		{"l1", kw(NS_QP_ISIS_L1)},
		{"iih", kw(NS_QP_ISIS_IIH)},
		{"clnp", kw(NS_QP_CLNP)},
		{"not tcp", NOT(kw(NS_QP_TCP))},
		{"tcp or udp", OR(kw(NS_QP_TCP), kw(NS_QP_UDP))},
		{"ip and not icmp", AND(kw(NS_QP_IP), NOT(kw(NS_QP_ICMP)))},
		{"host 1.2.3.4", idv4(0, 0, NS_QT_HOST, 0x01020304, 32, -1)},
		{"src host 10.1.2.3", idv4(0, NS_QD_SRC, NS_QT_HOST, 0x0a010203, 32, -1)},
		{"ip dst host 10.0.0.1", idv4(NS_QP_IP, NS_QD_DST, NS_QT_HOST, 0x0a000001, 32, -1)},
		{"arp src and dst host 1.2.3.4",
		 idv4(NS_QP_ARP, NS_QD_AND, NS_QT_HOST, 0x01020304, 32, -1)},
		{"net 10.1", idv4(0, 0, NS_QT_NET, 0x0a01, 16, -1)},
		{"net 10.0.0.0/8", idv4(0, 0, NS_QT_NET, 0x0a000000, 32, 8)},
		{"src net 192.168.1.0/24", idv4(0, NS_QD_SRC, NS_QT_NET, 0xc0a80100, 32, 24)},
		{"ip6 host ::1", idv6(NS_QP_IPV6, 0, NS_QT_HOST, "::1", -1)},
		{"host fe80::1", idv6(0, 0, NS_QT_HOST, "fe80::1", -1)},
		{"net fe80::/16", idv6(0, 0, NS_QT_NET, "fe80::/16", 16)},
		{"ether host 01:02:03:04:05:06", idmac(NS_QP_LINK, 0, NS_QT_HOST, mac)},
		{"port 80", idnum(0, 0, NS_QT_PORT, 80)},
		{"tcp src port 443", idnum(NS_QP_TCP, NS_QD_SRC, NS_QT_PORT, 443)},
		{"udp port 53", idnum(NS_QP_UDP, 0, NS_QT_PORT, 53)},
		{"sctp dst port 22", idnum(NS_QP_SCTP, NS_QD_DST, NS_QT_PORT, 22)},
		{"portrange 20-80", idname(0, 0, NS_QT_PORTRANGE, "20-80")},
		{"tcp port http", idname(NS_QP_TCP, 0, NS_QT_PORT, "http")},
		{"proto 6", idnum(0, 0, NS_QT_PROTO, 6)},
		{"ip proto 17", idnum(NS_QP_IP, 0, NS_QT_PROTO, 17)},
		{"ip6 proto 58", idnum(NS_QP_IPV6, 0, NS_QT_PROTO, 58)},
		{"ether proto 0x86dd", idnum(NS_QP_LINK, 0, NS_QT_PROTO, 0x86dd)},
		{"ether proto 0x8137", idnum(NS_QP_LINK, 0, NS_QT_PROTO, 0x8137)},
		{"ether proto \\arp", idname(NS_QP_LINK, 0, NS_QT_PROTO, "arp")},
		{"less 60", simple(NS_N_LESS, 60)},
		{"greater 100", simple(NS_N_GREATER, 100)},
		{"ether broadcast", bcast(NS_N_BROADCAST, NS_QP_LINK)},
		{"ether multicast", bcast(NS_N_MULTICAST, NS_QP_LINK)},
		{"ip multicast", bcast(NS_N_MULTICAST, NS_QP_IP)},
		{"ip6 multicast", bcast(NS_N_MULTICAST, NS_QP_IPV6)},
		{"tcp[13] = 2", rel(NS_REL_EQ, load(NS_QP_TCP, num(13), 1), num(2))},
		{"ip[2:2] > 60", rel(NS_REL_GT, load(NS_QP_IP, num(2), 2), num(60))},
		{"ip[0] & 0xf != 5",
		 rel(NS_REL_NE, binop(NS_BIN_AND, load(NS_QP_IP, num(0), 1), num(15)), num(5))},
		{"tcp[ip[0] & 3] < 40",
		 rel(NS_REL_LT, load(NS_QP_TCP, binop(NS_BIN_AND, load(NS_QP_IP, num(0), 1), num(3)), 1),
		     num(40))},
		{"ether[12:2] = 0x800", rel(NS_REL_EQ, load(NS_QP_LINK, num(12), 2), num(0x800))},
		{"icmp6[0] = 128", rel(NS_REL_EQ, load(NS_QP_ICMPV6, num(0), 1), num(128))},
		{"ip[0] / ip[1] >= 2", rel(NS_REL_GE, binop(NS_BIN_DIV, load(NS_QP_IP, num(0), 1),
							   load(NS_QP_IP, num(1), 1)), num(2))},
		{"not ip6[1] = ip6[2]",
		 NOT(rel(NS_REL_EQ, load(NS_QP_IPV6, num(1), 1), load(NS_QP_IPV6, num(2), 1)))},
		{"udp[8:4] - 5 <= len", rel(NS_REL_LE, binop(NS_BIN_SUB, load(NS_QP_UDP, num(8), 4), num(5)),
					    nd(NS_A_LEN))},
		{"arp[7] = 1 or rarp[7] = 2", OR(rel(NS_REL_EQ, load(NS_QP_ARP, num(7), 1), num(1)),
						 rel(NS_REL_EQ, load(NS_QP_RARP, num(7), 1), num(2)))},
	};
	int bad = 0;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		bad += check_case(&cases[i]);
	assert_int_equal(bad, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_verdicts),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
