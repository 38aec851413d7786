/* The optimizer: on random combinations of primitives on all nine link types, optimized and
 * unoptimized programs give the same verdict on every packet, both libpcap's; the
 * kernel accepts them, optimized programs stay within 1.2 times libpcap's optimized length on
 * common filters, and opts.dump_ir shows the IR after each pass. */
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

static const int dlts[] = {1, 113, 276, 12, 228, 229, 0, 108, 9};

static const char *const atoms[] = {
	"ip", "ip6", "arp", "tcp", "udp", "icmp", "icmp6", "host 10.1.2.3", "src host 1.2.3.4",
	"dst net 10.0.0.0/8", "net 192.168.1.0/24", "host ::1", "net fe80::/10", "port 80",
	"tcp port 53", "udp dst port 53", "portrange 20-443", "src port 1024", "less 80",
	"greater 60", "tcp[13] & 2 != 0", "ip[8] > 32", "ip proto 17", "ip6 proto 6", "stp",
	"iso", "ipx", "atalk", "ether proto 0x1234", "ip multicast", "len > 70", "sctp",
	"ip[6:2] & 0x1fff = 0", "udp[0:2] = 53", "icmp[0] = 8",
};

static uint32_t rnd(uint32_t *s)
{
	*s = *s * 1103515245u + 12345u;
	return *s >> 16;
}

static size_t gen(char *out, size_t cap, uint32_t *seed, int depth)
{
	uint32_t r = rnd(seed) % 10;
	size_t n = sizeof(atoms) / sizeof(atoms[0]);
	if (depth > 3 || r < 4)
		return (size_t)snprintf(out, cap, "%s", atoms[rnd(seed) % n]);
	if (r < 5) {
		size_t k = (size_t)snprintf(out, cap, "not (");
		k += gen(out + k, cap - k, seed, depth + 1);
		return k + (size_t)snprintf(out + k, cap - k, ")");
	}
	size_t k = (size_t)snprintf(out, cap, "(");
	k += gen(out + k, cap - k, seed, depth + 1);
	k += (size_t)snprintf(out + k, cap - k, r < 8 ? ") and (" : ") or (");
	k += gen(out + k, cap - k, seed, depth + 1);
	return k + (size_t)snprintf(out + k, cap - k, ")");
}

static void test_opt_equals_unopt(void **state)
{
	(void)state;
	const char *san = getenv("SANITIZED");
	int count = san && strcmp(san, "1") == 0 ? 20 : 150;
	int bad = 0, checked = 0;
	for (int d = 0; d < 9; d++) {
		oracle_pkts pk = {0};
		oracle_pkts_add_synthetic(&pk, dlts[d]);
		oracle_pkts_add_dir(&pk, "tests/data/compiler");
		uint32_t seed = 12345u + (uint32_t)d;
		for (int i = 0; i < count; i++) {
			char e[4096];
			gen(e, sizeof(e), &seed, 0);
			ns_compile_opts o;
			ns_compile_opts_init(&o);
			o.linktype = dlts[d];
			ns_program a, b;
			ns_diag err;
			o.optimize = 0;
			int ra = ns_compile(e, &o, &a, &err);
			o.optimize = 1;
			int rb = ns_compile(e, &o, &b, &err);
			if (ra == 0 && rb != 0) {
				/* proven to match nothing: the unoptimized program must agree */
				assert_non_null(strstr(err.msg, "rejects all packets"));
				for (size_t k = 0; k < pk.n; k++)
					if (oracle_run(a.insns, a.len, &pk.v[k]) != 0) {
						fprintf(stderr, "FAIL dlt %d [%s]: refused as matching nothing, but packet %zu matches\n",
							dlts[d], e, k);
						bad++;
						break;
					}
				ns_program_free(&a);
				continue;
			}
			assert_int_equal(ra, rb);
			if (ra != 0)
				continue;
			/* Each program gives libpcap's program of the same mode's verdict on every
			 * packet. Optimized, where libpcap's own two programs disagree on a packet
			 * (its optimizer removed or moved loads past the data), either of its answers
			 * is accepted here; the differential check (tests/compile) is the strict one. */
			ns_insn *ref, *oref = NULL;
			size_t reflen, oreflen = 0;
			char perr[512];
			if (oracle_libpcap(dlts[d], e, 0, 0, &ref, &reflen, perr, sizeof(perr)) != 0) {
				fprintf(stderr, "FAIL dlt %d [%s]: libpcap refuses (%s), we accept\n", dlts[d], e, perr);
				bad++;
				ns_program_free(&a);
				ns_program_free(&b);
				continue;
			}
			if (oracle_libpcap(dlts[d], e, 1, 0, &oref, &oreflen, perr, sizeof(perr)) != 0) {
				/* libpcap's optimizer proves more contradictions than ours here (an
				 * acceptance difference the differential check reports as WRONG):
				 * the unoptimized program is the reference */
				printf("note dlt %d [%s]: libpcap -O refuses (%s), we accept\n", dlts[d], e, perr);
				oref = malloc(reflen * sizeof(*ref));
				memcpy(oref, ref, reflen * sizeof(*ref));
				oreflen = reflen;
			}
			long x = oracle_first_diff(a.insns, a.len, ref, reflen, &pk);
			long y = oracle_first_diff_opt(b.insns, b.len, oref, oreflen, ref, reflen, &pk, NULL);
			if (x >= 0 || y >= 0) {
				fprintf(stderr, "FAIL dlt %d [%s]: unopt/libpcap differ at %ld, opt/libpcap at %ld\n",
					dlts[d], e, x, y);
				if (y >= 0)
					fprintf(stderr, "  packet %ld caplen %u wirelen %u: ours %u libpcap %u\n", y,
						pk.v[y].caplen, pk.v[y].wirelen, oracle_run(b.insns, b.len, &pk.v[y]),
						oracle_run(oref, oreflen, &pk.v[y]));
				bad++;
			}
			free(oref);
			if (oracle_kernel_accepts(b.insns, b.len) == 0) {
				fprintf(stderr, "FAIL dlt %d [%s]: kernel refuses\n", dlts[d], e);
				bad++;
			}
			checked++;
			free(ref);
			ns_program_free(&a);
			ns_program_free(&b);
		}
		oracle_pkts_free(&pk);
	}
	printf("%d random expressions: each mode == libpcap's same mode\n", checked);
	assert_int_equal(bad, 0);
}

static void test_lengths(void **state)
{
	(void)state;
	static const char *const e[] = {
		"host 1.2.3.4 or host 5.6.7.8", "tcp port 80", "port 53", "ip and tcp", "icmp or udp",
		"src net 10.0.0.0/8 and dst port 22", "not arp", "tcp[tcpflags] & tcp-syn != 0",
		"ip6 and udp port 53", "host 10.0.0.1 and (port 80 or port 443)",
	};
	size_t ours = 0, theirs = 0;
	for (size_t i = 0; i < sizeof(e) / sizeof(e[0]); i++) {
		ns_compile_opts o;
		ns_compile_opts_init(&o);
		ns_program p;
		ns_diag err;
		assert_int_equal(ns_compile(e[i], &o, &p, &err), 0);
		ns_insn *ref;
		size_t reflen;
		char perr[512];
		assert_int_equal(oracle_libpcap(1, e[i], 1, 0, &ref, &reflen, perr, sizeof(perr)), 0);
		ours += p.len;
		theirs += reflen;
		free(ref);
		ns_program_free(&p);
	}
	printf("common filters: %zu instructions, libpcap %zu\n", ours, theirs);
	assert_true(ours * 10 <= theirs * 12);
}

static void test_dump_ir(void **state)
{
	(void)state;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	ns_compile_opts o;
	ns_compile_opts_init(&o);
	o.dump_ir = f;
	ns_program p;
	ns_diag err;
	assert_int_equal(ns_compile("tcp port 80", &o, &p, &err), 0);
	fclose(f);
	assert_non_null(strstr(buf, "IR after generation"));
	assert_non_null(strstr(buf, "IR after optimization"));
	assert_non_null(strstr(buf, "ldh [12]"));
	free(buf);
	ns_program_free(&p);
}

/* Read order (or/and pull-ups, set layouts): on every packet, each truncation included, the
 * optimized program gives exactly libpcap's optimized verdict, and is no longer than
 * libpcap's program. Each case differed on packets cut between two fields before the
 * pull-ups (libpcap tests every value of one field before loading the next). */
static void test_read_order(void **state)
{
	(void)state;
	static const struct {
		int dlt;
		const char *expr;
	} cases[] = {
		{12, "host 10.0.0.1 or host 1.2.3.4"},
		{1, "host 10.0.0.1 or host 1.2.3.4"},
		{113, "host 10.0.0.1 or 1.2.3.4 or 127.0.0.1 or 192.168.1.1"},
		{1, "host 10.0.0.1 or 1.2.3.4 or 127.0.0.1 or 192.168.1.1 or 10.1.2.3 or 224.0.0.5 or "
		    "255.255.255.255 or 10.20.30.255 or 10.9.9.9"},
		{12, "src or dst host 10.0.0.1 or 1.2.3.4"},
		{12, "not src or dst host (10.0.0.1 and 1.2.3.4)"},
		{0, "port (80 or 53 || 443 or 22)"},
		{12, "port 80 or 53 or 443 or 22"},
		{113, "net 10.0.0.0/8 or 192.168.1.0 mask 255.255.255.0 or 1.2.3.0/24"},
	};
	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		oracle_pkts pk = {0};
		oracle_pkts_add_synthetic(&pk, cases[c].dlt);
		ns_insn *op;
		size_t oplen;
		ns_program p;
		assert_int_equal(oracle_compare_optimized(cases[c].dlt, cases[c].expr, &pk, &p, &op, &oplen), -1);
		if (p.len > oplen)
			fprintf(stderr, "FAIL dlt %d [%s]: %zu instructions, libpcap %zu\n", cases[c].dlt,
				cases[c].expr, (size_t)p.len, oplen);
		assert_true(p.len <= oplen);
		ns_program_free(&p);
		free(op);
		oracle_pkts_free(&pk);
	}
}

/* Known libpcap 1.10.3 optimizer defects: its optimized and unoptimized programs disagree on
 * complete packets. Ours, optimized, must give the unoptimized (defined) verdict. Each case
 * also checks the defect is still there, so the list stays true. */
static void test_libpcap_optimizer_defects(void **state)
{
	(void)state;
	static const struct {
		int dlt;
		const char *expr;
	} cases[] = {
		{0, "carp or pim[03:2] & 0X3C == 0X80 and not net ff02::/16 || 2001:db8::/48 && ::/0 and "
		    "2001:db8::/48"},
	};
	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		oracle_pkts pk = {0};
		oracle_pkts_add_synthetic(&pk, cases[c].dlt);
		ns_insn *un, *op;
		size_t unlen, oplen;
		char perr[512];
		assert_int_equal(oracle_libpcap(cases[c].dlt, cases[c].expr, 0, 0, &un, &unlen, perr, sizeof(perr)), 0);
		assert_int_equal(oracle_libpcap(cases[c].dlt, cases[c].expr, 1, 0, &op, &oplen, perr, sizeof(perr)), 0);
		long complete_diff = -1;
		for (size_t k = 0; k < pk.n && complete_diff < 0; k++)
			if (pk.v[k].caplen == pk.v[k].wirelen &&
			    oracle_run(un, unlen, &pk.v[k]) != oracle_run(op, oplen, &pk.v[k]))
				complete_diff = (long)k;
		assert_true(complete_diff >= 0);
		ns_compile_opts o;
		ns_compile_opts_init(&o);
		o.linktype = cases[c].dlt;
		ns_program p;
		ns_diag err;
		assert_int_equal(ns_compile(cases[c].expr, &o, &p, &err), 0);
		/* Complete packets: the unoptimized (defined) verdict. Truncated ones depend on
		 * which loads each optimizer kept: the differential check (tests/compile) decides
		 * those, with its documented opt-truncation class. */
		for (size_t k = 0; k < pk.n; k++)
			if (pk.v[k].caplen == pk.v[k].wirelen)
				assert_int_equal(oracle_run(p.insns, p.len, &pk.v[k]),
						 oracle_run(un, unlen, &pk.v[k]));
		ns_program_free(&p);
		free(un);
		free(op);
		oracle_pkts_free(&pk);
	}
}

/* The peepholes of the final program: each filter keeps libpcap's optimized verdict on every
 * packet (cut ones included), is no longer than libpcap's program, and has the shape the
 * peephole leaves (the instruction it introduces, and not the pair it replaces). */

static void test_peepholes(void **state)
{
	(void)state;
	static const struct {
		int dlt;
		const char *expr;
		uint16_t wanted, unwanted;
	} cases[] = {
		{113, "net 2001:db8::/48", NS_BPF_JMP | NS_BPF_JSET | NS_BPF_K, NS_BPF_ALU | NS_BPF_AND | NS_BPF_K},
		{12, "ip[2:2] - 5 == 0", NS_BPF_JMP | NS_BPF_JEQ | NS_BPF_K, NS_BPF_ALU | NS_BPF_SUB | NS_BPF_K},
		{12, "ip[2:2] == ip[4:2]", NS_BPF_MISC | NS_BPF_TAX, NS_BPF_ST},
		{1, "tcp[4:4] - tcp[8:4] = 0 or ip[6:2] & 0x3fff = 0", NS_BPF_JMP | NS_BPF_JEQ | NS_BPF_X,
		 NS_BPF_ALU | NS_BPF_SUB | NS_BPF_X},
		/* a shared IPv4/ARP/RARP host search where `tcp` leaves only IPv4: the offsets kept
		 * in X and a scratch cell are constants, and the loads absolute again */
		{1, "tcp and (host 10.1.0.1 or 10.1.0.3 or 10.1.0.5 or 10.1.0.7 or 10.1.0.9 or 10.1.0.11 or "
		    "10.1.0.13 or 10.1.0.15 or 10.1.0.17 or 10.1.0.19)",
		 NS_BPF_LD | NS_BPF_ABS | NS_BPF_W, NS_BPF_LD | NS_BPF_IND | NS_BPF_W},
	};
	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		oracle_pkts pk = {0};
		oracle_pkts_add_synthetic(&pk, cases[c].dlt);
		ns_insn *op;
		size_t oplen;
		ns_program p;
		long d = oracle_compare_optimized(cases[c].dlt, cases[c].expr, &pk, &p, &op, &oplen);
		assert_true(d >= -1);
		bool shape = oracle_has_insn(p.insns, p.len, cases[c].wanted, NULL) &&
			     !oracle_has_insn(p.insns, p.len, cases[c].unwanted, NULL);
		if (d >= 0 || !shape || p.len > oplen) {
			fprintf(stderr, "FAIL dlt %d [%s]: first diff %ld, shape %d, %zu instructions (libpcap %zu)\n",
				cases[c].dlt, cases[c].expr, d, shape, (size_t)p.len, oplen);
			oracle_print(p.insns, p.len);
			fail();
		}
		ns_program_free(&p);
		free(op);
		oracle_pkts_free(&pk);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_opt_equals_unopt),
		cmocka_unit_test(test_lengths),
		cmocka_unit_test(test_dump_ir),
		cmocka_unit_test(test_read_order),
		cmocka_unit_test(test_libpcap_optimizer_defects),
		cmocka_unit_test(test_peepholes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
