/* Which filters are refused (compiler/pcapmodel.c, gen.c's decision, gen_arith.c's register
 * rule): for each case, libpcap 1.10.3's pcap_compile, asked now, says whether it compiles the
 * expression, and with which message it refuses it; netsift must agree. The cases are the
 * rules of docs/filter-semantics.md, "Which filters are refused": what libpcap's optimizer's
 * branch phase proves, what its statement phase folds but leaves in place, the divisions and
 * shifts it meets only in blocks that survive, the programs it does not optimize, and its
 * register count. */
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

enum { EN10MB = 1, RAW = 12, NULL_ = 0, LINUX_SLL = 113, LINUX_SLL2 = 276, IPV4 = 228, IPV6 = 229 };

typedef struct tcase {
	int dlt;
	const char *expr;
} tcase;

/* Compares netsift with libpcap on one expression and mode; returns 1 on a disagreement. */
static int agree(int dlt, const char *expr, int optimize)
{
	ns_insn *prog = NULL;
	size_t len = 0;
	char perr[512] = "";
	int ref = oracle_libpcap(dlt, expr, optimize, 0, &prog, &len, perr, sizeof(perr));
	free(prog);
	ns_compile_opts o;
	ns_compile_opts_init(&o);
	o.linktype = dlt;
	o.optimize = optimize;
	ns_program out;
	ns_diag err;
	int ours = ns_compile(expr, &o, &out, &err);
	if (ours == 0)
		ns_program_free(&out);
	if ((ref == 0) != (ours == 0)) {
		fprintf(stderr, "dlt %d -O%d '%s': libpcap %s, netsift %s\n", dlt, optimize, expr,
			ref == 0 ? "compiles it" : perr, ours == 0 ? "compiles it" : err.msg);
		return 1;
	}
	if (ref != 0 && !strstr(perr, err.msg)) {
		fprintf(stderr, "dlt %d -O%d '%s': libpcap says '%s', netsift '%s'\n", dlt, optimize,
			expr, perr, err.msg);
		return 1;
	}
	return 0;
}

static int run(const tcase *c, size_t n)
{
	int bad = 0;
	for (size_t i = 0; i < n; i++) {
		bad += agree(c[i].dlt, c[i].expr, 1);
		bad += agree(c[i].dlt, c[i].expr, 0);
	}
	return bad;
}

#define RUN(cases) assert_int_equal(run(cases, sizeof(cases) / sizeof(cases[0])), 0)

/* The branch phase: same test of the same value, `jeq` true deciding another `jeq`, constants
 * loaded as such; not a field read through an index, not arithmetic. */
static void test_branch_phase(void **state)
{
	(void)state;
	static const tcase cases[] = {
		{RAW, "arp"},
		{EN10MB, "ip6 and ip"},
		{RAW, "tcp src or dst port 443 && 8080 and 123"},
		{EN10MB, "!tcp src and dst port 6701 && 1024 or 04001 and 67"},
		{LINUX_SLL, "udp port 8080 or 123 or 2049 or 50025 and sctp dst and src portrange 0-0 && ! udp"},
		{EN10MB, "ip[0] = 3 and ip[0] = 4"},
		{EN10MB, "ip[0] > 3 and ip[0] < 3"},
		{EN10MB, "ip[0] > 3 and not ip[0] > 3"},
		{EN10MB, "ip[9] = 17 and tcp"},
		{EN10MB, "ip[9] = 17 and ip[9] = 6"},
		{EN10MB, "tcp[0:2] = 80 and tcp src port 81"},
		{EN10MB, "tcp[13] & 2 = 0 and tcp[13] & 2 != 0"},
		{EN10MB, "ip[0] - 2 = 3 and ip[0] - 2 = 4"},
		{RAW, "1 = 1 and 2 = 3"},
		{RAW, "tcp port 161 and tcp port 22 or arp and tcp src port 53"},
		{RAW, "tcp port 161 and tcp port 22 or arp and tcp src portrange 53-53"},
		{RAW, "tcp src portrange 53-53 and tcp src port 54"},
		/* proven by the or/and pull-up */
		{LINUX_SLL2, "(dst host 10.20.30.40 or net 0.0.0.0/0 and (greater 576 && ether proto \\sca))"},
		{EN10MB, "(ip[0] = 1 or ip[1] = 2 or ip[0] = 3) and ip[0] = 4"},
		{EN10MB, "(ip[1] = 2 or ip[0] = 1) and (ip[1] = 3 or ip[0] = 2)"},
	};
	RUN(cases);
}

/* The statement phase folds, decides, but leaves the test on the path: refused only when that
 * test starts the program. */
static void test_statement_phase(void **state)
{
	(void)state;
	static const tcase cases[] = {
		{EN10MB, "arp[13] & 0x0 = 2"},
		{RAW, "igmp[0X9:4] & 0 == 17"},
		{NULL_, "!((ip6[0x10] & 0 < 255)) && icmp6[icmp6type] = icmp6-neighboradvert"},
		{RAW, "len & 0 = 2"},
		{RAW, "(ip[0] & 0) = 2"},
		{RAW, "ip[0] * 0 = 2"},
		{RAW, "18 / 1 > 96"},
		{RAW, "len - len = 2"},
		{RAW, "5 << (30 + 3) = 0"},
		/* both relations end up the same block: merged, the start's exits meet */
		{EN10MB, "not (ip[0] * 0 = 0) and not (len & 0 = 0)"},
		{EN10MB, "not (ip[0] * 0 = 0) and (arp and 1 = 1 or port 80)"},
		{EN10MB, "ip[0] * 0 = 1 and ip[1] * 0 = 1"},
		{LINUX_SLL2, "not (host 0.0.0.0) || len > 0x28 or src or dst host 1.2.3.4 || 10.0.0.1 || "
			     "ip proto \\ipv6-icmp || 58 or \\udp && 18 / 1 > 96"},
	};
	RUN(cases);
}

/* Divisions and shifts by folded constants: refused only where the relation survives. */
static void test_folded_operands(void **state)
{
	(void)state;
	static const tcase cases[] = {
		{RAW, "ip[0] % (2 >> 28) = 1"},
		{RAW, "ip[1] % (2 - 2) = 1"},
		{RAW, "ip[0] / (2 - 2) = 1"},
		{RAW, "5 / (2 - 2) = 1"},
		{RAW, "ip[0] << (30 + 3) = 0"},
		{RAW, "ip6 and ip[1] % (2 - 2) = 1"},
		{RAW, "ip[0] = 1 and ip[0] = 2 and ip[1] % (2 - 2) = 1"},
		{LINUX_SLL2, "dst or src 10.1.2.3 || 10.1.2.3 or !224.0.0.251 or 0.0.0.0 || "
			     "(ip6[pim[0x10] >> 27 + 0X60 << 31:1] >= 0x60)"},
		{LINUX_SLL2, "! icmp6[0] - sctp[16] + length * vrrp[9:1] ^ 17 << 30 - 0177777 != length "
			     "& 69 ^ tcp[1:4] << 0x4 ^ ip[13:1] << 22 && tcp[tcpflags] & tcp-cwr = 0"},
		{NULL_, "! ip6 protochain 50 || (pim[23]) != vrrp[0x5 + tcp[40:4] % 2 >> 28:1]"},
		{RAW, "(2 - 2) / ip[0] = 1"},
		/* a zero divisor is met a round after a shift count: a test decided meanwhile
		 * cuts the division off */
		{RAW, "18 / 1 > 96 and ip[1] % (2 - 2) = 1"},
		{RAW, "18 / 1 > 96 and ip[1] >> (30 + 3) = 1"},
		{RAW, "len & 0 = 2 and ip[1] % (2 - 2) = 1"},
		{RAW, "len * 0 > 96 and ip[1] % (2 - 2) = 1"},
		/* on IPV4, `ip` is a constant test in front of the relation, which cuts it off */
		{IPV4, "ip[2] >> (30 + 3) = 0 and 2 = 3"},
		{IPV4, "len >> (30 + 3) = 0 and 2 = 3"},
		{IPV4, "((ip[2] >> (30 + 3) = 0) and (2 = 3)) and (udp)"},
	};
	RUN(cases);
}

/* libpcap does not optimize programs with protochain or geneve. */
static void test_unoptimized_programs(void **state)
{
	(void)state;
	static const tcase cases[] = {
		{RAW, "arp and geneve"},
		{RAW, "ip6 and ip and geneve"},
		{RAW, "((host 10.0.0.1 or 192.168.1.1 and tcp[13:4] & 6 != 0XFF)) and igmp && geneve"},
		{RAW, "ip[0] % (2 - 2) = 1 and geneve"},
		{RAW, "arp and ip protochain 6"},
		{LINUX_SLL2, "vrrp[1:1] % 16 >> 29 = 69 << vrrp[24:1] && protochain \\vrrp and "
			     "(icmp6[icmp6type] != icmp6-multicastlistenerquery) && src portrange 53-53 "
			     "or dst port 2049"},
	};
	RUN(cases);
}

/* Builds `1 OP (1 OP (...))` or `1 OP 1 OP ...` with n operators. */
static void chain(char *buf, size_t cap, const char *op, int n, bool nested, const char *leaf)
{
	size_t k = 0;
	if (nested) {
		for (int i = 0; i < n; i++)
			k += (size_t)snprintf(buf + k, cap - k, "1 %s (", op);
		k += (size_t)snprintf(buf + k, cap - k, "%s", leaf);
		for (int i = 0; i < n; i++)
			k += (size_t)snprintf(buf + k, cap - k, ")");
	} else {
		k += (size_t)snprintf(buf + k, cap - k, "%s", leaf);
		for (int i = 0; i < n; i++)
			k += (size_t)snprintf(buf + k, cap - k, " %s 1", op);
	}
}

static void test_registers(void **state)
{
	(void)state;
	static const tcase cases[] = {
		{LINUX_SLL, "! ip dst 255.255.255.255 and len - ip6[0x8:4] % 3 < 0xff - ether[16] * 0x45 / "
			    "2 ^ arp[8] + icmp[3:2] >> 8 - ether[16:2] / 03 + len - 65535 % 3 | 15 / 34525 "
			    "^ 69 | 16 * 0x800 << 18 ^ len << 8 - igmp[0xc:1]"},
		{IPV6, "!4 | icmp[26:2] <= (2048 + 65535 | 15 << 4 - length | tcp[0X6] - ip[12:2] << 30 "
		       "% udp[40:2] + len + len ^ 255 - 8 + 60 & 4 | 40 ^ length / 0x5 >> 27 << 9 + "
		       "ip6[4:4] % 0X60 * 60 % 0x1 << 3 << 19 * length | 17) * pim[0x10] - tcp[02:1] % 3 "
		       "| length & sctp[0x1e:1] - 0x6 | 0103335 << ip6[0X10:2]"},
	};
	RUN(cases);
	static const char *const ops[] = {"+", "^", "%", "-"};
	static const char *const leaves[] = {"1", "len", "ip[0]", "ip[ip[0]]"};
	char e[4096];
	int bad = 0;
	for (int o = 0; o < 4; o++)
		for (int l = 0; l < 4; l++)
			for (int n = 13; n <= 17; n++)
				for (int nested = 0; nested < 2; nested++) {
					chain(e, sizeof(e) - 8, ops[o], n, nested, leaves[l]);
					strcat(e, " = 7");
					bad += agree(RAW, e, 1) + agree(RAW, e, 0);
					char r[4200];
					snprintf(r, sizeof(r), "7 = %s", e);
					r[strlen(r) - 4] = 0;
					bad += agree(RAW, r, 1) + agree(RAW, r, 0);
				}
	assert_int_equal(bad, 0);
}

/* A very deep arithmetic chain is refused cleanly (netsift's own bound: libpcap has none). */
static void test_deep_arithmetic(void **state)
{
	(void)state;
	size_t n = 5000, cap = 4 * n + 32;
	char *e = malloc(cap);
	assert_non_null(e);
	size_t k = (size_t)snprintf(e, cap, "ip[1");
	for (size_t i = 0; i < n; i++)
		k += (size_t)snprintf(e + k, cap - k, "+1");
	snprintf(e + k, cap - k, "] = 0");
	ns_compile_opts o;
	ns_compile_opts_init(&o);
	o.linktype = RAW;
	ns_program out;
	ns_diag err;
	assert_int_equal(ns_compile(e, &o, &out, &err), -1);
	assert_non_null(strstr(err.msg, "nested too deeply"));
	free(e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_branch_phase),
		cmocka_unit_test(test_statement_phase),
		cmocka_unit_test(test_folded_operands),
		cmocka_unit_test(test_unoptimized_programs),
		cmocka_unit_test(test_registers),
		cmocka_unit_test(test_deep_arithmetic),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
